"""An actor's (or a pair's) activity by day: events and mentions, with the events of each day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from briefings.models import Event
from briefings.store import Store
from briefings.text.dates import parse_date

DEFAULT_SPAN = timedelta(days=180)
"""Without a start date, a timeline covers this long before the actors' latest mention."""
RECENT_DAYS = 14
"""Days whose events are listed with their evidence (the chart covers every day)."""


@dataclass
class Day:
    day: str
    events: int = 0
    mentions: int = 0
    """Articles that mention the actor (for a pair: both actors)."""
    rows: list[Event] = field(default_factory=list)


@dataclass
class Timeline:
    names: tuple[str, ...]
    days: list[Day]

    @property
    def total_events(self) -> int:
        return sum(d.events for d in self.days)


def build_timeline(
    store: Store,
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
    known = store.actors.names(actor_ids)
    names = tuple(known[a] for a in actor_ids)
    if since is None:
        latest = parse_date(store.actors.last_seen(actor_ids))
        if latest is not None:
            since = min(latest, until or latest) - DEFAULT_SPAN
    event_counts = store.events.day_counts(actor_ids, since, until)
    mention_counts = store.actors.mention_days(actor_ids, since, until)
    days = sorted(set(event_counts) | set(mention_counts))[-max_days:]
    timeline = [Day(d, event_counts.get(d, 0), mention_counts.get(d, 0)) for d in days]
    for entry in timeline[-RECENT_DAYS:]:
        if entry.events:
            day = date.fromisoformat(entry.day)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            rows = store.events.newest(actor_ids=[actor_ids[0]], since=start, until=start + timedelta(days=1), limit=20)
            if len(actor_ids) > 1:
                others = set(names[1:])
                rows = [r for r in rows if others & {r.source_actor, r.target_actor, r.location}]
            entry.rows = rows[:events_per_day]
    return Timeline(names, timeline)
