"""What a briefing covers: its window, its filters and its size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from briefings.errors import QueryError
from briefings.text.dates import iso

DEFAULT_WINDOW = timedelta(hours=24)
MAX_ITEMS = 1000
MAX_SENTENCES = 5


@dataclass(frozen=True)
class BriefingSpec:
    """What a briefing covers. Actor filters go through aliases; keywords are full-text terms (any matches)."""

    until: datetime
    since: datetime | None = None
    """None: since the channel's last briefing, or ``window`` before ``until``."""
    window: timedelta = DEFAULT_WINDOW
    channel: str | None = None
    topic: str | None = None
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    max_items: int = 5
    sentences: int = 2
    notes: tuple[str, ...] = ()
    """Notes from the caller shown first (missed scheduled briefings)."""

    def __post_init__(self) -> None:
        if not 1 <= self.max_items <= MAX_ITEMS:
            raise QueryError(f"max items must be between 1 and {MAX_ITEMS}, not {self.max_items}")
        if not 1 <= self.sentences <= MAX_SENTENCES:
            raise QueryError(f"sentences per item must be between 1 and {MAX_SENTENCES}, not {self.sentences}")
        if self.since is not None and self.since >= self.until:
            raise QueryError(f"the window is empty: since {iso(self.since)} is not before until {iso(self.until)}")

    @property
    def scope(self) -> str:
        """`` on X, Y`` naming the filters, for notes ("Nothing new on Ukraine since ...")."""
        parts = [self.topic] if self.topic else []
        parts += list(self.actors) + list(self.keywords) + list(self.types)
        return f" on {', '.join(parts)}" if parts else ""
