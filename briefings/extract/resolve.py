"""Write one article's extraction into the store, joining its actors to the actors already there.

Joining rules, in order, for each actor the article names:

1. the same name or a recorded alias (case, accents and punctuation ignored; claimed aliases excluded);
2. for people, the same name up to transliteration (Zelensky / Zelenskyy / Zelenskiy) in every word, so that
   two people who share a surname but not a first name stay apart;
3. a surname alone joins the one person in the store with that surname; with two or more it stays on its own;
4. a full name absorbs an earlier surname-only actor when it is the only full name with that surname.

Every alias keeps where it came from (the article, or the gazetteer). A claimed alias ("also known as") that is
another actor's name is kept and flagged as a conflict, never merged.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from briefings.extract.gazetteer import gazetteer
from briefings.extract.names import org_key, person_key, surname_key
from briefings.extract.records import ActorRef, Extraction
from briefings.text.dates import iso

CONFIDENCE = {"name": 1.0, "gazetteer": 1.0, "title": 0.9, "transliteration": 0.9, "acronym": 0.9, "surname": 0.8}
CLAIMED_CONFIDENCE = 0.5


def _key(ref_kind: str, name: str) -> str:
    return person_key(name) if ref_kind == "person" else org_key(name)


def _find(conn: sqlite3.Connection, kind: str, key: str) -> int | None:
    row = conn.execute(
        "SELECT a.id FROM actors a WHERE a.kind = ? AND a.key = ? ORDER BY a.id LIMIT 1", (kind, key)
    ).fetchone()
    if row:
        return row[0]
    row = conn.execute(
        "SELECT a.id FROM aliases s JOIN actors a ON a.id = s.actor_id"
        " WHERE s.key = ? AND a.kind = ? AND s.kind NOT IN ('claimed', 'surname') ORDER BY a.id LIMIT 1",
        (key, kind),
    ).fetchone()
    return row[0] if row else None


def _persons_with_surname(conn: sqlite3.Connection, surname: str) -> list[tuple[int, str]]:
    return conn.execute(
        "SELECT id, name FROM actors WHERE kind = 'person' AND key LIKE ? ESCAPE '\\'",
        ("%" + surname.replace("%", "\\%").replace("_", "\\_"),),
    ).fetchall()


DOMINANCE = 5
"""A surname alone joins the most mentioned of several people with it when it has this many times the others."""


def _dominant(actor_ids: list[int], conn: sqlite3.Connection) -> int | None:
    if len(actor_ids) < 2:
        return None
    counts = sorted(
        ((conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (i,)).fetchone()[0], i) for i in actor_ids),
        reverse=True,
    )
    (top, top_id), (second, _) = counts[0], counts[1]
    return top_id if top >= DOMINANCE * max(second, 1) else None


def _prefer_common_spelling(conn: sqlite3.Connection, actor_id: int) -> None:
    """Show a person by the spelling most articles use (Zelenskyy over Zelensky once it dominates)."""
    row = conn.execute(
        "SELECT alias, count(DISTINCT article_id) AS n FROM aliases WHERE actor_id = ? AND kind IN ('name',"
        " 'transliteration') AND alias LIKE '% %' GROUP BY alias ORDER BY n DESC, alias LIMIT 1",
        (actor_id,),
    ).fetchone()
    if row is not None:
        conn.execute("UPDATE actors SET name = ? WHERE id = ? AND name != ?", (row[0], actor_id, row[0]))


def resolve_actor(conn: sqlite3.Connection, ref: ActorRef, merged: dict[int, int] | None = None) -> tuple[int, bool]:
    """The store's actor for ``ref`` (created if new); True when the name is a new spelling of it."""
    key = ref.key or _key(ref.kind, ref.name)
    found = _find(conn, ref.kind, key)
    place = gazetteer().place(ref.name)
    if found is None and ref.kind in ("organization", "place", "group") and place is None:
        # The model sometimes tags a person's name as an organisation or a place: a known person wins.
        found = _find(conn, "person", person_key(ref.name))
        if found is None and " " not in ref.name:
            full = [i for i, n in _persons_with_surname(conn, surname_key(ref.name)) if " " in n]
            found = full[0] if len(full) == 1 else None
    if found is None and ref.kind == "organization" and place is not None:
        # ... or a city or region as an organisation: a known place of that name wins, and a country or
        # region is a place even when first seen so (a club named after its city stays an organisation).
        found = _find(conn, "place", org_key(place.name))
        if found is None and place.kind in ("country", "region"):
            ref = ActorRef(place.name, "place", org_key(place.name), country=place.country)
            key = ref.key
    if found is not None:
        name = conn.execute("SELECT name FROM actors WHERE id = ?", (found,)).fetchone()[0]
        return found, name != ref.name
    if ref.kind == "person":
        surname = surname_key(ref.name)
        same = [(i, n) for i, n in _persons_with_surname(conn, surname) if surname_key(n) == surname]
        full = [(i, n) for i, n in same if " " in n]
        single = [(i, n) for i, n in same if " " not in n]
        if " " not in ref.name:
            if len(full) == 1:
                return full[0][0], True
            dominant = _dominant([i for i, _ in full], conn)
            if dominant is not None:
                return dominant, True
        elif not full and len(single) == 1:
            # An earlier article named only the surname: that actor is this person.
            actor_id, old = single[0]
            conn.execute("UPDATE actors SET name = ?, key = ? WHERE id = ?", (ref.name, key, actor_id))
            _alias(conn, actor_id, old, "surname", None)
            return actor_id, False
    cursor = conn.execute(
        "INSERT INTO actors (name, kind, key, role, country) VALUES (?, ?, ?, ?, ?)",
        (ref.name, ref.kind, key, ref.role, ref.country),
    )
    actor_id = int(cursor.lastrowid or 0)
    if ref.kind == "person":
        # Earlier articles may have had this person's name tagged as an organisation or a place.
        for (other,) in conn.execute(
            "SELECT id FROM actors WHERE key = ? AND kind IN ('organization', 'place', 'group') AND id != ?",
            (person_key(ref.name), actor_id),
        ).fetchall():
            name = conn.execute("SELECT name FROM actors WHERE id = ?", (other,)).fetchone()[0]
            if gazetteer().place(name) is None:
                absorb(conn, actor_id, other)
                if merged is not None:
                    merged[other] = actor_id
    return actor_id, False


def absorb(conn: sqlite3.Connection, keep: int, drop: int) -> None:
    """Merge actor ``drop`` into ``keep``: mentions, events and aliases move; ``drop`` is deleted."""
    conn.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (keep, drop))
    conn.execute("UPDATE aliases SET actor_id = ? WHERE actor_id = ?", (keep, drop))
    for role in ("source_actor_id", "target_actor_id", "location_actor_id"):
        conn.execute(f"UPDATE events SET {role} = ? WHERE {role} = ?", (keep, drop))
    conn.execute("DELETE FROM actors WHERE id = ?", (drop,))


def _alias(
    conn: sqlite3.Connection,
    actor_id: int,
    alias: str,
    kind: str,
    article_id: int | None,
    confidence: float | None = None,
    conflict: str | None = None,
) -> None:
    actor_kind = conn.execute("SELECT kind FROM actors WHERE id = ?", (actor_id,)).fetchone()[0]
    key = _key(actor_kind, alias)
    exists = conn.execute(
        "SELECT 1 FROM aliases WHERE actor_id = ? AND key = ? AND kind = ? AND article_id IS ?",
        (actor_id, key, kind, article_id),
    ).fetchone()
    if exists:
        return
    conn.execute(
        "INSERT INTO aliases (actor_id, alias, key, kind, article_id, confidence, conflict)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (actor_id, alias, key, kind, article_id, confidence or CONFIDENCE.get(kind, 0.7), conflict),
    )


def forget_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove what an earlier extraction recorded for this article (re-extraction is idempotent)."""
    conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM aliases WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM extractions WHERE article_id = ?", (article_id,))


def save_extraction(conn: sqlite3.Connection, article_id: int, extraction: Extraction, now: datetime) -> None:
    """Store one article's actors, aliases, mentions and events, inside the caller's write transaction."""
    forget_article(conn, article_id)
    ids: dict[int, int] = {}
    merged: dict[int, int] = {}
    for index, ref in enumerate(extraction.actors):
        if ref.kind == "_unused":
            continue
        actor_id, new_spelling = resolve_actor(conn, ref, merged)
        ids[index] = actor_id
        if ref.role:
            conn.execute("UPDATE actors SET role = ? WHERE id = ? AND role IS NULL", (ref.role, actor_id))
        if new_spelling:
            _alias(conn, actor_id, ref.name, "transliteration" if ref.kind == "person" else "name", article_id)
            if ref.kind == "person" and " " in ref.name:
                _prefer_common_spelling(conn, actor_id)
        else:
            _alias(conn, actor_id, ref.name, "name", article_id)
        for alias, kind in ref.aliases.items():
            _alias(conn, actor_id, alias, kind, article_id)
    for index, actor_id in ids.items():  # an actor resolved early may have been merged into a later one
        while actor_id in merged:
            actor_id = merged[actor_id]
        ids[index] = actor_id
    for index, ref in enumerate(extraction.actors):
        for claimed in ref.claimed:
            actor_id = ids.get(index)
            if actor_id is None:
                continue
            other = _find(conn, "person", person_key(claimed)) if ref.kind == "person" else None
            conflict = None
            if other is not None and other != actor_id:
                name = conn.execute("SELECT name FROM actors WHERE id = ?", (other,)).fetchone()[0]
                conflict = f"also the name of another actor: {name} (#{other})"
            _alias(conn, actor_id, claimed, "claimed", article_id, CLAIMED_CONFIDENCE, conflict)
    conn.executemany(
        "INSERT INTO mentions (article_id, actor_id, sentence, start, end, text, via) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, ids[m.actor], m.sentence, m.start, m.end, m.text, m.via)
            for m in extraction.mentions
            if m.actor in ids
        ],
    )
    conn.executemany(
        "INSERT INTO events (article_id, type, subtype, trigger, source_actor_id, target_actor_id,"
        " location_actor_id, date, date_precision, date_source, background, numbers, sentence, start, end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                e.type,
                e.subtype,
                e.trigger,
                ids.get(e.source) if e.source is not None else None,
                ids.get(e.target) if e.target is not None else None,
                ids.get(e.location) if e.location is not None else None,
                e.date.date,
                e.date.precision,
                e.date.source,
                int(e.background),
                json.dumps(e.numbers),
                e.sentence,
                e.start,
                e.end,
            )
            for e in extraction.events
        ],
    )
    conn.execute(
        "INSERT INTO extractions (article_id, version, model, extracted_at) VALUES (?, ?, ?, ?)",
        (article_id, extraction.version, extraction.model, iso(now)),
    )


def prune_actors(conn: sqlite3.Connection) -> int:
    """Delete actors nothing refers to any more (after re-extraction); returns how many."""
    cursor = conn.execute(
        "DELETE FROM actors WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = actors.id)"
        " AND NOT EXISTS (SELECT 1 FROM aliases s WHERE s.actor_id = actors.id)"
        " AND NOT EXISTS (SELECT 1 FROM events e WHERE actors.id IN (e.source_actor_id, e.target_actor_id,"
        " e.location_actor_id))"
    )
    return cursor.rowcount
