"""An actor's (or a pair's) activity by day: events and mentions, with the events of each day."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from briefings.queries import knowledge
from briefings.text.dates import iso, parse_date

DEFAULT_SPAN = timedelta(days=180)


@dataclass
class Day:
    day: str
    events: int = 0
    mentions: int = 0
    """Articles that mention the actor (for a pair: both actors)."""
    rows: list[knowledge.EventRow] = field(default_factory=list)


@dataclass
class Timeline:
    names: tuple[str, ...]
    days: list[Day]

    @property
    def total_events(self) -> int:
        return sum(d.events for d in self.days)


def build_timeline(
    conn: sqlite3.Connection,
    actor_ids: list[int],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    events_per_day: int = 3,
    max_days: int = 400,
) -> Timeline:
    """Daily events and mentions of one actor, or of two actors together (events involving both, articles
    mentioning both). Background events count on the day they happened. Without ``since``, the
    ``DEFAULT_SPAN`` before the actors' latest mention."""
    names = tuple(conn.execute("SELECT name FROM actors WHERE id = ?", (a,)).fetchone()[0] for a in actor_ids)
    if since is None:
        marks = ",".join("?" * len(actor_ids))
        last = conn.execute(f"SELECT max(last_seen) FROM actor_stats WHERE actor_id IN ({marks})", actor_ids)
        latest = parse_date(last.fetchone()[0])
        if latest is not None:
            since = min(latest, until or latest) - DEFAULT_SPAN
    where, params = [], []
    for actor_id in actor_ids:
        where.append("? IN (e.source_actor_id, e.target_actor_id, e.location_actor_id)")
        params.append(actor_id)
    if since is not None:
        where.append("e.date >= ?")
        params.append(iso(since)[:10])
    if until is not None:
        where.append("e.date < ?")
        params.append(iso(until)[:10])
    event_counts = Counter(
        dict(conn.execute(f"SELECT e.date, count(*) FROM events e WHERE {' AND '.join(where)} GROUP BY e.date", params))
    )
    # Walk the period's articles and probe the mention index, rather than every mention of a frequent actor.
    mention_sql = "SELECT substr(a.published_at, 1, 10), count(*) FROM articles a WHERE a.duplicate_of IS NULL"
    mention_params: list[object] = []
    if since is not None:
        mention_sql += " AND a.published_at >= ?"
        mention_params.append(iso(since))
    if until is not None:
        mention_sql += " AND a.published_at < ?"
        mention_params.append(iso(until))
    mention_sql += "".join(
        " AND EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = ? AND m.article_id = a.id)" for _ in actor_ids
    )
    mention_params += actor_ids
    mention_counts = Counter(dict(conn.execute(mention_sql + " GROUP BY 1", mention_params)))
    days = sorted(set(event_counts) | set(mention_counts))[-max_days:]
    timeline = [Day(d, event_counts.get(d, 0), mention_counts.get(d, 0)) for d in days]
    # The latest days' events, with their evidence, for the text view.
    for entry in timeline[-14:]:
        if entry.events:
            day = date.fromisoformat(entry.day)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            rows = knowledge.events(
                conn, actor_ids=[actor_ids[0]], since=start, until=start + timedelta(days=1), limit=20
            )
            if len(actor_ids) > 1:
                others = set(names[1:])
                rows = [r for r in rows if others & {r.source_actor, r.target_actor, r.location}]
            entry.rows = rows[:events_per_day]
    return Timeline(names, timeline)
