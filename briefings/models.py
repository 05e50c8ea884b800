"""Frozen records passed between ingestion, the store and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RawArticle:
    """An article as a source adapter read it, before cleaning and normalisation."""

    title: str
    body: str
    where: str
    """Where it came from, for messages: ``path``, ``path:line`` or a URL."""
    url: str | None = None
    guid: str | None = None
    source: str | None = None
    """The outlet (``BBC News``, ``president.gov.ua``)."""
    published: datetime | str | None = None
    language: str | None = None
    markup: bool = False
    """True when title and body may hold HTML that must be stripped."""


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready for the store. Dates are UTC ISO-8601 strings."""

    title: str
    body: str
    url: str | None
    guid: str | None
    source: str | None
    published_at: str
    fetched_at: str
    content_hash: str
    language: str | None = None
    flags: tuple[str, ...] = ()
    where: str = ""
    extraction: object = field(default=None, compare=False, repr=False)
    """Actors and events (``briefings.extract.records.Extraction``), stored with the article; None: not extracted."""
    fingerprint: object = field(default=None, compare=False, repr=False)
    """The body's ``briefings.dedup.Fingerprint``, computed before the write transaction (None: compute on save)."""


@dataclass
class IngestCounts:
    """What one source (or a whole run) added to the store."""

    new: int = 0
    updated: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    """Part of ``duplicates``: syndicated copies stored with ``duplicate_of``."""
    unchanged: int = 0
    """Part of ``duplicates``: already stored under the same URL or GUID with the same text."""
    failed: int = 0
    skipped: int = 0
    """Feed entries without a title or link, files of an unsupported type in a directory."""

    def add(self, other: IngestCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        dup = f"{self.duplicates} duplicates"
        details = [f"{n} {label}" for n, label in ((self.unchanged, "already stored"), (self.near_duplicates, "near"))]
        details = [d for d in details if not d.startswith("0 ")]
        if details:
            dup += f" ({', '.join(details)})"
        line = f"{self.new} new, {self.updated} updated, {dup}, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} skipped"
        return line


@dataclass(frozen=True)
class SearchHit:
    """One article matching a full-text search."""

    article_id: int
    title: str
    url: str | None
    source: str | None
    published: str
    snippet: str
    copies: int = 0


@dataclass(frozen=True)
class SourceStats:
    """The latest ingest run of one source."""

    source: str
    started: str
    finished: str | None
    new: int
    updated: int
    duplicates: int
    failed: int
    error: str | None


@dataclass(frozen=True)
class StoreStats:
    """What the store holds."""

    articles: int
    originals: int
    duplicates: int
    outlets: list[tuple[str, int]] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    last_runs: list[SourceStats] = field(default_factory=list)


@dataclass(frozen=True)
class Citation:
    """Where a quoted sentence or a fact comes from."""

    article_id: int
    title: str
    url: str | None
    source: str | None
    published: str

    def as_dict(self) -> dict:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
        }


@dataclass(frozen=True)
class CitedSentence:
    """A sentence quoted verbatim from a stored article: ``text == body[start:end]`` of the cited article
    (``title[start:end]`` when ``part`` is ``title``)."""

    text: str
    citation: Citation
    start: int
    end: int
    part: str = "body"


@dataclass(frozen=True)
class BriefingItem:
    """One story in a briefing."""

    story_id: int
    headline: str
    headline_citation: Citation
    update: bool
    """The story was reported before (to this channel, or before this window); the sentences are its new facts."""
    sources: int
    """Independent outlets that carried the story, copies included."""
    outlets: tuple[str, ...]
    articles: tuple[int, ...]
    """Every member article in the window, syndicated copies included."""
    actors: tuple[str, ...]
    sentences: tuple[CitedSentence, ...]
    first_seen: str
    score: float


@dataclass(frozen=True)
class Briefing:
    """A platform-neutral briefing: what to post, with its window and notes."""

    channel: str | None
    since: str
    until: str
    items: tuple[BriefingItem, ...]
    notes: tuple[str, ...]
    created_at: str
    dry_run: bool
    candidates: int = 0
    """Articles in the window that matched the filters."""
    memberships: tuple = field(default=(), compare=False, repr=False)
    """(story id, headline, ((article id, published), ...)) of every story in the window, for recording."""
