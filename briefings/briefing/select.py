"""The articles a briefing works with: the window's (filtered), recent members of stored stories, and the
articles before the window that say how rare each word and actor is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from briefings.briefing.spec import BriefingSpec
from briefings.errors import QueryError
from briefings.models import Citation
from briefings.queries.actors import find_actors, require_actor
from briefings.store import Store
from briefings.store.articles import Lead, WindowFilter
from briefings.store.events import EventSpan
from briefings.store.quoting import fts_any_phrase, fts_query
from briefings.stories.cluster import StoryDoc
from briefings.text.dates import parse_date

MAX_CANDIDATES = 2500
"""Newest matching articles clustered per briefing: bounds time and memory on busy windows."""
LOOKBACK = timedelta(days=7)
"""How far back articles of earlier stories are looked at to recognise an update."""
MAX_ANCHORS = 1500
ANCHORS_PER_STORY = 8
BACKGROUND_ARTICLES = 1000
"""Articles before the window that inform how rare each word and actor is."""


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

    def story_doc(self) -> StoryDoc:
        """The article as story grouping sees it."""
        return StoryDoc(
            article_id=self.article_id,
            published=parse_date(self.published) or datetime.now(UTC),
            title=self.title,
            lead=self.lead,
            actors=frozenset(self.actors),
            types=frozenset(e.type for e in self.events if not e.background),
            story_id=self.story_id,
        )


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


def window_docs(store: Store, spec: BriefingSpec, since: datetime) -> list[Doc]:
    """The window's articles that pass the filters (the newest ``MAX_CANDIDATES``), with their details."""
    where = window_filter(store, spec)
    docs = [Doc.of(lead) for lead in store.articles.in_window(since, spec.until, where, MAX_CANDIDATES)]
    _add_details(store, docs, numbers=True)
    assigned = store.stories.of_articles([d.article_id for d in docs])
    by_id = {d.article_id: d for d in docs}
    for original, copy_id, source in store.articles.copies(list(by_id)):
        by_id[original].copies.append((copy_id, source))
    for doc in docs:
        doc.story_id = assigned.get(doc.article_id)
    return docs


def anchor_docs(store: Store, since: datetime, exclude: set[int]) -> list[Doc]:
    """The latest members of stories seen in the lookback before the window."""
    anchors = store.stories.anchors(since - LOOKBACK, since, per_story=ANCHORS_PER_STORY, limit=MAX_ANCHORS)
    docs = [Doc.of(a.lead, a.story_id) for a in anchors if a.lead.id not in exclude]
    _add_details(store, docs, numbers=False)
    return docs


def background_docs(store: Store, since: datetime) -> list[StoryDoc]:
    """The latest articles before the window, to learn how rare words and actors are."""
    leads = store.articles.leads_before(since, BACKGROUND_ARTICLES)
    actors: dict[int, set[int]] = {}
    for article_id, actor_id in store.actors.in_articles([lead.id for lead in leads]):
        actors.setdefault(article_id, set()).add(actor_id)
    return [
        StoryDoc(
            lead.id, parse_date(lead.published) or since, lead.title, lead.lead, frozenset(actors.get(lead.id, ()))
        )
        for lead in leads
    ]


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
