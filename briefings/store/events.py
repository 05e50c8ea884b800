"""Events: written by extraction, listed newest first with their evidence, counted by day, read per article."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from briefings.errors import QueryError
from briefings.models import Citation, Event
from briefings.store.actors import ROLES
from briefings.store.articles import chunks
from briefings.store.quoting import LIKE_ESCAPE, like_pattern
from briefings.text.dates import iso

MAX_LIMIT = 500
MAX_WORDS = 50
"""Most words of a sentence filter, and most event types: each is one clause, and SQLite refuses an expression
nested past 1,000 levels ("Expression tree is too large")."""
_SELECT = """
SELECT e.id, e.date, e.date_precision, e.type, e.subtype, s.name, t.name, l.name, e.numbers, e.background,
       e.sentence, e.start, e.end, a.id, a.title, a.url, a.source, a.published_at
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source_actor_id
LEFT JOIN actors t ON t.id = e.target_actor_id
LEFT JOIN actors l ON l.id = e.location_actor_id
"""
_ORDER = " ORDER BY e.date DESC, a.published_at DESC, e.id LIMIT ?"


@dataclass(frozen=True)
class EventSpan:
    """Where an event's evidence sentence sits in its article, and what kind of event it is."""

    article_id: int
    start: int
    end: int
    type: str
    background: bool
    numbers: tuple[dict, ...] = ()


@dataclass(frozen=True)
class DatedSpan:
    """A non-background event dated to a day, by its evidence sentence's place in the article."""

    article_id: int
    start: int
    end: int
    day: str


def _between(filters: list[str], params: list[object], since: datetime | None, until: datetime | None) -> None:
    """Filters for events dated on or after ``since``'s day and before ``until``'s."""
    if since is not None:
        filters.append("e.date >= ?")
        params.append(iso(since)[:10])
    if until is not None:
        filters.append("e.date < ?")
        params.append(iso(until)[:10])


def _event(row: tuple) -> Event:
    return Event(
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
        citation=Citation(*row[13:18]),
    )


class Events:
    """The ``events`` table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, rows: Iterable[tuple]) -> None:
        """Insert (article, type, subtype, trigger, source, target, location, date, precision, date source,
        background, numbers JSON, sentence, start, end) rows."""
        self.conn.executemany(
            "INSERT INTO events (article_id, type, subtype, trigger, source_actor_id, target_actor_id,"
            " location_actor_id, date, date_precision, date_source, background, numbers, sentence, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM events").fetchone()[0])

    def types(self) -> list[str]:
        """The event types the store holds."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]

    def newest(
        self,
        *,
        words: Sequence[str] = (),
        actor_ids: Sequence[int] | None = None,
        types: Sequence[str] = (),
        since: datetime | None = None,
        until: datetime | None = None,
        include_background: bool = True,
        location_ids: Sequence[int] | None = None,
        limit: int = 20,
    ) -> list[Event]:
        """Events, newest first: every word in the evidence sentence, one of the actors in any role, a type
        (or type prefix), dated in [since, until), located in one of ``location_ids``."""
        if len(words) > MAX_WORDS:
            raise QueryError(f"at most {MAX_WORDS} words can filter events, not {len(words):,}")
        if len(types) > MAX_WORDS:
            raise QueryError(f"at most {MAX_WORDS} event types can filter events, not {len(types):,}")
        filters: list[str] = []
        params: list[object] = []
        for word in words:
            filters.append(f"e.sentence LIKE ? ESCAPE '{LIKE_ESCAPE}'")
            params.append(like_pattern(word))
        if types:
            filters.append("(" + " OR ".join("e.type LIKE ?" for _ in types) + ")")
            params += [t.lower() + "%" for t in types]
        _between(filters, params, since, until)
        if not include_background:
            filters.append("e.background = 0")
        if location_ids is not None:
            # One JSON parameter however many places a province holds (SQLite limits bound variables).
            filters.append("e.location_actor_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(location_ids)))
        limit = max(1, min(limit, MAX_LIMIT))
        if actor_ids is not None and len(actor_ids) <= 3 and not words:
            return self._of_actors(actor_ids, filters, params, limit)
        if actor_ids is not None:
            marks = ",".join("?" * len(actor_ids)) or "NULL"
            filters.append("(" + " OR ".join(f"e.{role} IN ({marks})" for role in ROLES) + ")")
            params += list(actor_ids) * len(ROLES)
        sql = _SELECT + (" WHERE " + " AND ".join(filters) if filters else "") + _ORDER
        return [_event(r) for r in self.conn.execute(sql, [*params, limit]).fetchall()]

    def _of_actors(self, actor_ids: Sequence[int], filters: list[str], params: list, limit: int) -> list[Event]:
        """The newest events of a few actors: one index walk per actor and role, newest first, then merged."""
        ids: set[int] = set()
        extra = "".join(f" AND {f}" for f in filters)
        for actor_id in actor_ids:
            for role in ROLES:
                rows = self.conn.execute(
                    f"SELECT e.id FROM events e WHERE e.{role} = ?{extra} ORDER BY e.date DESC LIMIT ?",
                    [actor_id, *params, limit],
                ).fetchall()
                ids.update(r[0] for r in rows)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = _SELECT + f" WHERE e.id IN ({marks})" + _ORDER
        return [_event(r) for r in self.conn.execute(sql, [*ids, limit]).fetchall()]

    def day_counts(self, actor_ids: Sequence[int], since: datetime | None, until: datetime | None) -> dict[str, int]:
        """Events per day that involve every one of ``actor_ids`` (in any role)."""
        filters: list[str] = []
        params: list[object] = []
        for actor_id in actor_ids:
            filters.append(f"? IN ({', '.join('e.' + role for role in ROLES)})")
            params.append(actor_id)
        _between(filters, params, since, until)
        where = " WHERE " + " AND ".join(filters) if filters else ""
        return dict(self.conn.execute(f"SELECT e.date, count(*) FROM events e{where} GROUP BY e.date", params))

    def spans_in(self, article_ids: Sequence[int], *, numbers: bool = False) -> list[EventSpan]:
        """Every event of the given articles by where its sentence is (with its numbers when asked)."""
        out = []
        column = "numbers" if numbers else "'[]'"
        for marks, part in chunks(list(article_ids)):
            for article_id, type_, background, found, start, end in self.conn.execute(
                f"SELECT article_id, type, background, {column}, start, end FROM events WHERE article_id IN ({marks})",
                part,
            ):
                numbers_found = () if found == "[]" else tuple(json.loads(found))  # most events carry none
                out.append(EventSpan(article_id, start, end, type_, bool(background), numbers_found))
        return out

    def dated_in(self, article_ids: Sequence[int]) -> list[DatedSpan]:
        """The day-precise, non-background events of the given articles."""
        out = []
        for marks, part in chunks(list(article_ids)):
            out += [
                DatedSpan(*r)
                for r in self.conn.execute(
                    "SELECT article_id, start, end, date FROM events WHERE background = 0 AND date_precision = 'day'"
                    f" AND article_id IN ({marks})",
                    part,
                )
            ]
        return out
