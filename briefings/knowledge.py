"""Reads over extracted actors and events: look an actor up by any name, profile it, list events."""

from __future__ import annotations

import difflib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from briefings.dates import iso
from briefings.extract.names import clean_name, org_key, person_key, surname_key
from briefings.models import Citation


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
        for (actor_id,) in conn.execute(
            "SELECT id FROM actors WHERE kind = 'person' AND key LIKE ?", ("% " + surname_key(text),)
        ):
            candidates.setdefault(actor_id, (0, 0))
        # The surname of an alias ("Umerov" for "Mustafa Umerov, also known as ...") ranks after names.
        for actor_id, firm in conn.execute(
            "SELECT actor_id, max(kind != 'claimed') FROM aliases WHERE key LIKE ? GROUP BY actor_id",
            ("% " + surname_key(text),),
        ):
            candidates.setdefault(actor_id, (1 if firm else 2, 0))
    ranked = []
    for actor_id, (rank, _) in candidates.items():
        mentions = conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (actor_id,)).fetchone()[0]
        ranked.append((rank, -mentions, actor_id))
    return [actor_id for _, _, actor_id in sorted(ranked)]


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
    sql = _EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.date DESC, a.published_at DESC, e.id LIMIT ?"
    params.append(max(1, min(limit, 500)))
    return [_event(r) for r in conn.execute(sql, params).fetchall()]


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
        "SELECT count(*), count(DISTINCT m.article_id), min(a.published_at), max(a.published_at)"
        " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ?",
        (actor_id,),
    ).fetchone()
    result.mentions, result.articles, result.first_seen, result.last_seen = stats
    related = conn.execute(
        "SELECT o.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id != m1.actor_id"
        " JOIN actors o ON o.id = m2.actor_id WHERE m1.actor_id = ? GROUP BY m2.actor_id ORDER BY n DESC, o.name"
        " LIMIT 10",
        (actor_id,),
    ).fetchall()
    result.related = [{"name": n, "count": c} for n, c in related]
    result.events = events(conn, actor_ids=[actor_id], limit=events_limit)
    return result
