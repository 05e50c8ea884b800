"""The articles a briefing works with: the window's, filtered, with their stories, actors and events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefings.briefing.spec import BriefingSpec
from briefings.errors import QueryError
from briefings.models import Citation
from briefings.queries.actors import find_actors, require_actor
from briefings.store import Store
from briefings.store.articles import Lead, WindowFilter
from briefings.store.events import EventSpan
from briefings.store.quoting import fts_any_phrase, fts_query

MAX_CANDIDATES = 50_000
"""Newest matching articles a briefing reads (five days at 10,000 a day): bounds memory; when a window holds more,
the briefing's notes say how many older articles were left out."""


@dataclass
class Doc:
    """A window article with what grouping, ranking and summarising need."""

    article_id: int
    title: str
    lead: str
    source: str | None
    url: str | None
    published: str
    story_id: int | None = None
    actors: set[int] = field(default_factory=set)
    events: list[EventSpan] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)
    copies: list[tuple[int, str | None]] = field(default_factory=list)

    @classmethod
    def of(cls, lead: Lead, story_id: int | None = None) -> Doc:
        return cls(lead.id, lead.title, lead.lead, lead.source, lead.url, lead.published, story_id)

    @property
    def citation(self) -> Citation:
        return Citation(self.article_id, self.title, self.url, self.source, self.published)


def filter_actors(store: Store, spec: BriefingSpec) -> set[int]:
    """The actors the briefing asks for: its actor filters, and an actor named like its topic."""
    ids = {require_actor(store, name) for name in spec.actors}
    if spec.topic:
        ids.update(find_actors(store, spec.topic)[:1])
    return ids


def window_filter(store: Store, spec: BriefingSpec) -> WindowFilter:
    """The spec's filters as the store applies them; QueryError for filters that hold nothing searchable."""
    keywords = fts_any_phrase(spec.keywords) if spec.keywords else None
    if spec.keywords and keywords is None:
        raise QueryError("the keywords hold no searchable word")
    topic = topic_actor = None
    if spec.topic:
        topic = fts_query(spec.topic)
        topic_actor = next(iter(find_actors(store, spec.topic)), None)
        if topic is None and topic_actor is None:
            raise QueryError(f"the topic {spec.topic!r} holds no searchable word")
    return WindowFilter(
        actor_ids=tuple(sorted({require_actor(store, name) for name in spec.actors})),
        keywords=keywords,
        topic=topic,
        topic_actor=topic_actor,
        types=spec.types,
        sources=spec.sources,
    )


@dataclass
class SharedWork:
    """What briefings built together share (the channels due at one scheduler tick): a window's articles for the
    same filters, and a story's item made from the same articles. Make one per tick: it holds the store as it was
    read, so a later article only reaches the next tick's briefings, as it would if the channels ran one by one."""

    docs: dict[tuple, list[Doc]] = field(default_factory=dict)
    items: dict[tuple, tuple] = field(default_factory=dict)
    """(story, its articles, the new ones, the sentences the channel was sent, sentences asked) → (item, sentences
    dropped)."""


def window_docs(store: Store, spec: BriefingSpec, since: datetime, shared: SharedWork | None = None) -> list[Doc]:
    """The window's articles that pass the filters (the newest ``MAX_CANDIDATES``), with their details; read once
    per window and filters when ``shared``. The documents are not changed afterwards, so briefings may share them."""
    where = window_filter(store, spec)
    key = (since, spec.until, where)
    if shared is not None and key in shared.docs:
        return shared.docs[key]
    docs = [Doc.of(lead) for lead in store.articles.in_window(since, spec.until, where, MAX_CANDIDATES)]
    _add_details(store, docs, numbers=True)
    assigned = store.stories.of_articles([d.article_id for d in docs])
    by_id = {d.article_id: d for d in docs}
    for original, copy_id, source in store.articles.copies(list(by_id)):
        by_id[original].copies.append((copy_id, source))
    for doc in docs:
        doc.story_id = assigned.get(doc.article_id)
    if shared is not None:
        shared.docs[key] = docs
    return docs


def _add_details(store: Store, docs: Sequence[Doc], *, numbers: bool) -> None:
    """Each document's actors and events (and the numbers of its news events)."""
    by_id = {d.article_id: d for d in docs}
    for article_id, actor_id in store.actors.in_articles(list(by_id)):
        by_id[article_id].actors.add(actor_id)
    for span in store.events.spans_in(list(by_id), numbers=numbers):
        doc = by_id[span.article_id]
        doc.events.append(span)
        if not span.background:
            doc.numbers.extend(span.numbers)
