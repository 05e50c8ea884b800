"""The articles a briefing works with: the window's, filtered, with their stories; actors and events read for the
articles of the stories that can lead (``with_details``)."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


@dataclass(slots=True)
class Doc:
    """A window article with what grouping, ranking and summarising need. A week's window holds tens of
    thousands, and most belong to stories that cannot lead: its actors and events are read (``with_details``) only
    for the stories ranking scores, its headline, lead and URL (``with_leads``) only for the stories told. The
    containers are made once, full (a set and three lists per article made the collector walk them)."""

    article_id: int
    source: str | None
    published: str
    story_id: int | None = None
    actors: frozenset[int] = frozenset()
    events: tuple[EventSpan, ...] = ()
    numbers: tuple[dict, ...] = ()
    """The numbers of its news events (background events left out)."""
    copies: tuple[tuple[int, str | None], ...] = ()
    """Its syndicated copies: (article id, outlet)."""
    head: Lead | None = None
    """Its headline, lead and URL, once ``with_leads`` read them."""
    detailed: bool = False
    """Whether ``actors``, ``events`` and ``numbers`` were read (``with_details``)."""

    @property
    def read(self) -> Lead:
        if self.head is None:
            raise ValueError(f"article {self.article_id}: its headline was not read (with_leads)")
        return self.head

    @property
    def title(self) -> str:
        return self.read.title

    @property
    def lead(self) -> str:
        return self.read.lead

    @property
    def url(self) -> str | None:
        return self.read.url

    @property
    def citation(self) -> Citation:
        return Citation(self.article_id, self.title, self.url, self.source, self.published)


def with_details(store: Store, docs: Sequence[Doc]) -> Sequence[Doc]:
    """``docs``, each with its actors, events and their numbers read (once: briefings sharing the documents share
    them; a document is marked read only once all three are set)."""
    missing = [d for d in docs if not d.detailed]
    if not missing:
        return docs
    ids = [d.article_id for d in missing]
    with collector_paused():
        actors: dict[int, set[int]] = {}
        for article_id, actor_id in store.actors.in_articles(ids):
            actors.setdefault(article_id, set()).add(actor_id)
        events: dict[int, list[EventSpan]] = {}
        for span in store.events.spans_in(ids, numbers=True):
            events.setdefault(span.article_id, []).append(span)
        for doc in missing:
            spans = tuple(events.get(doc.article_id, ()))
            doc.actors = frozenset(actors.get(doc.article_id, ()))
            doc.events = spans
            doc.numbers = tuple(n for span in spans if not span.background for n in span.numbers)
            doc.detailed = True
    return docs


def with_leads(store: Store, docs: Sequence[Doc]) -> Sequence[Doc]:
    """``docs``, each with its headline, lead and URL read (once: briefings sharing the documents share them)."""
    missing = {d.article_id: d for d in docs if d.head is None}
    for lead in store.articles.leads(list(missing)):
        missing[lead.id].head = lead
    return docs


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


@dataclass(frozen=True)
class Window:
    """A briefing window's articles (the newest ``MAX_CANDIDATES`` that pass the filters), and how many of them
    name each actor (what an actor's salience is measured against)."""

    docs: list[Doc]
    actor_articles: Counter[int]


@dataclass
class SharedWork:
    """What briefings built together share (the channels due at one scheduler tick): a window's articles for the
    same filters, and a story's item made from the same articles. Make one per tick: it holds the store as it was
    read, so a later article only reaches the next tick's briefings, as it would if the channels ran one by one."""

    windows: dict[tuple, Window] = field(default_factory=dict)
    items: dict[tuple, tuple] = field(default_factory=dict)
    """(story, its articles, the new ones, the sentences the channel was sent, sentences asked) → (item, sentences
    dropped)."""


def read_window(store: Store, spec: BriefingSpec, since: datetime, shared: SharedWork | None = None) -> Window:
    """The window's articles that pass the filters, with their stories and copies; read once per window and
    filters when ``shared``. The documents only gain details afterwards, so briefings may share them."""
    where = window_filter(store, spec)
    key = (since, spec.until, where)
    if shared is not None and key in shared.windows:
        return shared.windows[key]
    with collector_paused():
        docs = _read_docs(store, spec, since, where)
    window = Window(docs, store.actors.article_counts([d.article_id for d in docs]))
    if shared is not None:
        shared.windows[key] = window
    return window


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: reading a week's window makes tens of thousands of long-lived objects,
    none in a cycle, and each full collection they trigger walks all of them (and the loaded model) again, for
    nothing; reference counting still frees everything meanwhile. Restores the collector as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_docs(store: Store, spec: BriefingSpec, since: datetime, where: WindowFilter) -> list[Doc]:
    rows = store.articles.in_window(since, spec.until, where, MAX_CANDIDATES)
    ids = [row.id for row in rows]
    copies: dict[int, list[tuple[int, str | None]]] = {}
    for original, copy_id, source in store.articles.copies(ids):
        copies.setdefault(original, []).append((copy_id, source))
    assigned = store.stories.of_articles(ids)
    return [
        Doc(row.id, row.source, row.published, assigned.get(row.id), copies=tuple(copies.get(row.id, ())))
        for row in rows
    ]
