"""Records passed between ingestion, the store, the domain and the edges (frozen unless they accumulate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from briefings.text.fingerprint import Fingerprint

if TYPE_CHECKING:
    from briefings.extract.records import Extraction


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
    published: datetime | str | int | float | None = None
    """A datetime, a date string, or Unix seconds."""
    language: str | None = None
    markup: bool = False
    """True when title and body may hold HTML that must be stripped."""
    keep_fragment: bool = False
    """Keep the URL's ``#fragment``: items of one feed whose links differ only there are different articles."""


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
    extraction: Extraction | None = field(default=None, compare=False, repr=False)
    """Actors and events, stored with the article; None: not extracted."""
    fingerprint: Fingerprint | None = field(default=None, compare=False, repr=False)
    """The body's near-duplicate fingerprint, computed before the write transaction (None: compute on save)."""


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
class SourceRun:
    """The latest ingest run of one source (``finished`` None: still running, or interrupted)."""

    source: str
    kind: str
    started: str
    finished: str | None
    new: int
    updated: int
    duplicates: int
    failed: int
    error: str | None

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "kind": self.kind,
            "started": self.started,
            "finished": self.finished,
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "error": self.error,
        }


@dataclass(frozen=True)
class SourceHealth:
    """One source's health over its ingest runs."""

    source: str
    kind: str
    last_run: str
    last_success: str | None
    last_error: str | None
    """The error of the latest run, if it failed."""
    new_last_24h: int
    runs: int

    @property
    def failing(self) -> bool:
        return self.last_error is not None


@dataclass(frozen=True)
class StoreStats:
    """What the store holds."""

    articles: int
    originals: int
    duplicates: int
    outlets: list[tuple[str, int]] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    last_runs: list[SourceRun] = field(default_factory=list)


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
    speaker: str | None = None
    """Who says it, shown before the sentence, when the sentence is a claim or quote that does not name its
    speaker (the outlet that published it)."""


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

    def as_dict(self) -> dict:
        """The JSON form (``brief --json``, file channels, the ``briefings`` table)."""
        return {
            "channel": self.channel,
            "window": {"since": self.since, "until": self.until},
            "created_at": self.created_at,
            "dry_run": self.dry_run,
            "candidates": self.candidates,
            "items": [
                {
                    "story_id": item.story_id,
                    "headline": item.headline,
                    "headline_citation": item.headline_citation.as_dict(),
                    "update": item.update,
                    "sources": item.sources,
                    "outlets": list(item.outlets),
                    "articles": list(item.articles),
                    "actors": list(item.actors),
                    "first_seen": item.first_seen,
                    "score": item.score,
                    "sentences": [
                        {
                            "text": s.text,
                            "citation": s.citation.as_dict(),
                            "start": s.start,
                            "end": s.end,
                            "speaker": s.speaker,
                        }
                        for s in item.sentences
                    ],
                }
                for item in self.items
            ],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Event:
    """A stored event: what happened, who did it to whom, where and when, with its evidence sentence."""

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

    def heading(self, background: str = " [background]") -> str:
        """One line saying what happened: ``2024-01-15 attack: Russia → Ukraine in Ukraine (5 injured)``."""
        who = " → ".join(x for x in (self.source_actor or "?", self.target_actor) if x)
        kind = self.type + (f" ({self.subtype})" if self.subtype else "")
        where = f" in {self.location}" if self.location else ""
        numbers = "; ".join(f"{n['value']} {n['meaning']}" for n in self.numbers)
        return (
            f"{'by ' if self.date_precision == 'before' else ''}{self.date} {kind}: {who}{where}"
            + (f" ({numbers})" if numbers else "")
            + (background if self.background else "")
        )

    def as_dict(self) -> dict:
        """The JSON form (``events --json``, ``/events``, actor profiles, timelines)."""
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "type": self.type,
            "subtype": self.subtype,
            "source_actor": self.source_actor,
            "target_actor": self.target_actor,
            "location": self.location,
            "numbers": self.numbers,
            "background": self.background,
            "sentence": self.sentence,
            "span": [self.start, self.end],
            "citation": self.citation.as_dict(),
        }


@dataclass(frozen=True)
class Answer:
    """A direct answer with its evidence, or ``answer is None`` with the nearest sources."""

    question: str
    kind: str
    answer: str | None
    """The short answer (a person, a number, a place, a date) or the answering sentence."""
    confidence: float
    evidence: tuple[CitedSentence, ...] = ()
    nearest: tuple[Citation, ...] = ()
    passages: tuple[CitedSentence, ...] = ()
    """Without an answer: the nearest sentences, verbatim and cited (no claim is made of them)."""
    alternatives: tuple[tuple[str, CitedSentence], ...] = ()
    """Other answers that other sources give, each with its sentence: shown when sources disagree."""
    notes: tuple[str, ...] = ()
    """What the reply must say about how it was found ("No stored article from 3 March 2022 …")."""

    @property
    def supported(self) -> bool:
        return self.answer is not None

    def as_dict(self) -> dict:
        """The JSON form (``ask --json``, ``/ask``)."""
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "confidence": self.confidence,
            "citations": [e.citation.as_dict() | {"quote": e.text} for e in self.evidence],
            "nearest": [c.as_dict() for c in self.nearest],
            "nearest_passages": [e.citation.as_dict() | {"quote": e.text} for e in self.passages],
            "other_answers": [
                {"answer": text, "citation": e.citation.as_dict() | {"quote": e.text}} for text, e in self.alternatives
            ],
            "notes": list(self.notes),
        }
