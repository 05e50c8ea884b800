"""Reads over extracted actors and events: look an actor up by any name, profile it, list events."""

from __future__ import annotations

import difflib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from briefings.extract.names import clean_name, org_key, person_key, surname_key
from briefings.models import Citation
from briefings.text.dates import iso


@dataclass(frozen=True)
class EventRow:
    id: int
    date: str
    date_precision: str
    type: str
    subtype: str | None
    source_actor: str | None
    target_actor: str | None
    location: str | None
    numbers: list[dict]
    background: bool
    sentence: str
    start: int
    end: int
    citation: Citation


@dataclass
class ActorProfile:
    id: int
    name: str
    kind: str
    role: str | None
    aliases: list[dict] = field(default_factory=list)
    mentions: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    related: list[dict] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)


RELATED_ARTICLES = 2000


def find_actors(conn: sqlite3.Connection, name: str) -> list[int]:
    """Actors a name may mean, best first.

    A full name or alias (any transliteration) comes first; a single word also matches people by surname,
    and then the most mentioned candidate wins ("Putin" is Vladimir Putin, not a stray surname-only actor).
    Claimed aliases rank after firm ones."""
    text = clean_name(name)
    if not text:
        return []
    keys = {org_key(text), person_key(text)}
    marks = ",".join("?" * len(keys))
    candidates: dict[int, tuple[int, int]] = {}  # actor → (rank class, mentions)
    for (actor_id,) in conn.execute(f"SELECT id FROM actors WHERE key IN ({marks})", list(keys)):
        candidates[actor_id] = (0, 0)
    for actor_id, firm in conn.execute(
        f"SELECT actor_id, max(kind != 'claimed') FROM aliases WHERE key IN ({marks}) GROUP BY actor_id", list(keys)
    ):
        candidates.setdefault(actor_id, (0 if firm else 2, 0))
    if " " not in text:
        people, aliases = _surnames(conn)
        for actor_id in people.get(surname_key(text), ()):
            candidates.setdefault(actor_id, (0, 0))
        # The surname of an alias ("Umerov" for "Mustafa Umerov, also known as ...") ranks after names.
        for actor_id, firm in aliases.get(surname_key(text), ()):
            candidates.setdefault(actor_id, (1 if firm else 2, 0))
    ranked = []
    for actor_id, (rank, _) in candidates.items():
        row = conn.execute("SELECT mentions FROM actor_stats WHERE actor_id = ?", (actor_id,)).fetchone()
        ranked.append((rank, -(row[0] if row else 0), actor_id))
    return [actor_id for _, _, actor_id in sorted(ranked)]


_SURNAMES: dict[str, tuple[tuple[int, int], dict, dict]] = {}


def _surnames(conn: sqlite3.Connection) -> tuple[dict[str, list[int]], dict[str, list[tuple[int, bool]]]]:
    """People by surname key, and actors by the surname of an alias; rebuilt when actors or aliases change.

    A ``LIKE '% surname'`` query cannot use an index, and the actor tables of a large store are big enough
    for that scan to cost more than the rest of a lookup."""
    state = conn.execute("SELECT (SELECT max(id) FROM actors), (SELECT max(id) FROM aliases)").fetchone()
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    cached = _SURNAMES.get(path)
    if cached is not None and cached[0] == state:
        return cached[1], cached[2]
    people: dict[str, list[int]] = {}
    for actor_id, key in conn.execute("SELECT id, key FROM actors WHERE kind = 'person'"):
        if " " in key:
            people.setdefault(key.rsplit(" ", 1)[1], []).append(actor_id)
    aliases: dict[str, list[tuple[int, bool]]] = {}
    for actor_id, key, firm in conn.execute(
        "SELECT actor_id, key, max(kind != 'claimed') FROM aliases WHERE key LIKE '% %' GROUP BY actor_id, key"
    ):
        aliases.setdefault(key.rsplit(" ", 1)[1], []).append((actor_id, bool(firm)))
    if path:
        _SURNAMES[path] = (state, people, aliases)
    return people, aliases


def suggestions(conn: sqlite3.Connection, name: str, limit: int = 5) -> list[str]:
    """The closest actor names and aliases, for "no actor named X"."""
    names = [r[0] for r in conn.execute("SELECT name FROM actors UNION SELECT alias FROM aliases")]
    by_fold = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[c] for c in close]


def _citation(row: sqlite3.Row | tuple) -> Citation:
    return Citation(row[0], row[1], row[2], row[3], row[4])


_EVENT_SELECT = """
SELECT e.id, e.date, e.date_precision, e.type, e.subtype, s.name, t.name, l.name, e.numbers, e.background,
       e.sentence, e.start, e.end, a.id, a.title, a.url, a.source, a.published_at
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source_actor_id
LEFT JOIN actors t ON t.id = e.target_actor_id
LEFT JOIN actors l ON l.id = e.location_actor_id
"""


def _event(row: tuple) -> EventRow:
    return EventRow(
        id=row[0],
        date=row[1],
        date_precision=row[2],
        type=row[3],
        subtype=row[4],
        source_actor=row[5],
        target_actor=row[6],
        location=row[7],
        numbers=json.loads(row[8]),
        background=bool(row[9]),
        sentence=row[10],
        start=row[11],
        end=row[12],
        citation=_citation(row[13:18]),
    )


def events(
    conn: sqlite3.Connection,
    *,
    query: str | None = None,
    actor_ids: list[int] | None = None,
    types: list[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_background: bool = True,
    limit: int = 20,
) -> list[EventRow]:
    """Events, newest first, filtered by words of the evidence sentence, actors, types and dates."""
    where, params = [], []
    if query:
        for word in query.split():
            where.append("e.sentence LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if actor_ids is not None:
        marks = ",".join("?" * len(actor_ids)) or "NULL"
        where.append(
            f"(e.source_actor_id IN ({marks}) OR e.target_actor_id IN ({marks}) OR e.location_actor_id IN ({marks}))"
        )
        params += actor_ids * 3
    if types:
        where.append("(" + " OR ".join("e.type LIKE ?" for _ in types) + ")")
        params += [t.lower() + "%" for t in types]
    if since is not None:
        where.append("e.date >= ?")
        params.append(iso(since)[:10])
    if until is not None:
        where.append("e.date < ?")
        params.append(iso(until)[:10])
    if not include_background:
        where.append("e.background = 0")
    limit = max(1, min(limit, 500))
    if actor_ids is not None and len(actor_ids) <= 3 and not query:
        return _actor_events(conn, actor_ids, where[1:], params[len(actor_ids) * 3 :], limit)
    sql = _EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.date DESC, a.published_at DESC, e.id LIMIT ?"
    params.append(limit)
    return [_event(r) for r in conn.execute(sql, params).fetchall()]


def _actor_events(
    conn: sqlite3.Connection, actor_ids: list[int], where: list[str], params: list, limit: int
) -> list[EventRow]:
    """The newest events of a few actors: one index walk per actor and role, newest first, then merged."""
    ids: set[int] = set()
    extra = "".join(f" AND {w}" for w in where)
    for actor_id in actor_ids:
        for column in ("source_actor_id", "target_actor_id", "location_actor_id"):
            rows = conn.execute(
                f"SELECT e.id FROM events e WHERE e.{column} = ?{extra} ORDER BY e.date DESC LIMIT ?",
                [actor_id, *params, limit],
            ).fetchall()
            ids.update(r[0] for r in rows)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = _EVENT_SELECT + f" WHERE e.id IN ({marks}) ORDER BY e.date DESC, a.published_at DESC, e.id LIMIT ?"
    return [_event(r) for r in conn.execute(sql, [*ids, limit]).fetchall()]


def profile(conn: sqlite3.Connection, actor_id: int, *, events_limit: int = 10) -> ActorProfile:
    """Who or what an actor is, how often and when it is mentioned, with whom, and its latest events."""
    name, kind, role = conn.execute("SELECT name, kind, role FROM actors WHERE id = ?", (actor_id,)).fetchone()
    result = ActorProfile(actor_id, name, kind, role)
    alias_rows = conn.execute(
        "SELECT s.alias, s.kind, s.confidence, s.conflict, a.id, a.title, a.url"
        " FROM aliases s LEFT JOIN articles a ON a.id = s.article_id WHERE s.actor_id = ?"
        " ORDER BY s.kind = 'claimed', s.confidence DESC, a.published_at",
        (actor_id,),
    ).fetchall()
    seen: dict[tuple[str, str], dict] = {}
    for alias, kind_, confidence, conflict, article_id, title, url in alias_rows:
        if alias == name and kind_ == "name":
            continue
        entry = seen.get((alias.casefold(), kind_))
        if entry is None:
            entry = {
                "alias": alias,
                "kind": kind_,
                "confidence": confidence,
                "source": (f"article {article_id}: {title}" if article_id else "gazetteer"),
                "article_id": article_id,
                "url": url,
                "articles": 0,
            }
            if conflict:
                entry["conflict"] = conflict
            seen[(alias.casefold(), kind_)] = entry
            result.aliases.append(entry)
        if article_id:
            entry["articles"] += 1
    stats = conn.execute(
        "SELECT mentions, articles, first_seen, last_seen FROM actor_stats WHERE actor_id = ?", (actor_id,)
    ).fetchone()
    if stats is not None:
        result.mentions, result.articles, result.first_seen, result.last_seen = stats
    # Actors most often in the same articles, over the latest RELATED_ARTICLES articles that mention it.
    related = conn.execute(
        "SELECT o.name, count(DISTINCT m2.article_id) AS n FROM"
        " (SELECT DISTINCT article_id FROM mentions WHERE actor_id = ? ORDER BY article_id DESC LIMIT ?) r"
        " JOIN mentions m2 ON m2.article_id = r.article_id AND m2.actor_id != ?"
        " JOIN actors o ON o.id = m2.actor_id GROUP BY m2.actor_id ORDER BY n DESC, o.name LIMIT 10",
        (actor_id, RELATED_ARTICLES, actor_id),
    ).fetchall()
    result.related = [{"name": n, "count": c} for n, c in related]
    result.events = events(conn, actor_ids=[actor_id], limit=events_limit)
    return result


def event_json(e: EventRow) -> dict:
    """An event as plain JSON data (``events --json``, ``/events``, actor profiles, timelines)."""
    return {
        "id": e.id,
        "date": e.date,
        "date_precision": e.date_precision,
        "type": e.type,
        "subtype": e.subtype,
        "source_actor": e.source_actor,
        "target_actor": e.target_actor,
        "location": e.location,
        "numbers": e.numbers,
        "background": e.background,
        "sentence": e.sentence,
        "span": [e.start, e.end],
        "citation": e.citation.as_dict(),
    }


def profile_json(p: ActorProfile) -> dict:
    """An actor profile as plain JSON data (``actor --json``, ``/actor``)."""
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "role": p.role,
        "aliases": p.aliases,
        "mentions": p.mentions,
        "articles": p.articles,
        "first_seen": p.first_seen,
        "last_seen": p.last_seen,
        "related": p.related,
        "events": [event_json(e) for e in p.events],
    }


def event_heading(e: EventRow, background: str = " [background]") -> str:
    """One line saying what happened: ``2024-01-15 attack: Russia → Ukraine in Ukraine (5 injured)``."""
    who = " → ".join(x for x in (e.source_actor or "?", e.target_actor) if x)
    kind = e.type + (f" ({e.subtype})" if e.subtype else "")
    where = f" in {e.location}" if e.location else ""
    numbers = "; ".join(f"{n['value']} {n['meaning']}" for n in e.numbers)
    return (
        f"{e.date} {kind}: {who}{where}" + (f" ({numbers})" if numbers else "") + (background if e.background else "")
    )
