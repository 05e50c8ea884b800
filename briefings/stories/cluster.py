"""Group articles into stories: the same development, across articles and outlets, is one story.

Two articles are alike when their headlines and leads share rare words (TF-IDF cosine), they name the same
actors (weighted by how rare each actor is), more so when they report the same kind of event, discounted by the
time between them. Candidate pairs above the threshold form connected groups; inside each group average-linkage
merging stops at the same threshold, so a chain of loosely related articles does not become one story.

Articles already assigned to a story (from earlier briefings) take part as anchors, pre-grouped by story,
so a new article joins yesterday's story instead of founding a new one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from briefings.store.articles import LEAD_CHARS
from briefings.text.similarity import TfIdf, similarity_matrix, terms


@dataclass(frozen=True)
class StoryWeights:
    """How alike two articles must be to share a story (checked with ``bench.stories``)."""

    threshold: float = 0.1
    """Pairs at least this similar are linked; average linkage inside a group stops at the same value."""
    text: float = 0.75
    """Share of the similarity from the TF-IDF cosine of headline (twice) and lead."""
    actors: float = 0.25
    """Share from the actors both name, each weighted by how rare it is (IDF over the window and before)."""
    type_boost: float = 0.3
    """The same kind of (non-routine) event multiplies the similarity by up to 1 + this; alone it adds nothing."""
    same_day_hours: float = 36.0
    """Articles this close in time are compared on content alone; further apart, similarity decays."""
    decay_hours: float = 120.0
    """Beyond ``same_day_hours``, similarity within a window falls by 1/e every this many hours."""
    link_threshold: float = 0.08
    """How alike a window's story must be to a stored story's recent articles to continue it."""
    link_decay_hours: float = 24.0 * 7
    """The time decay when comparing with stored stories: a story may continue over a week of quiet days."""


WEIGHTS = StoryWeights()
QUIET_TYPES = frozenset({"statement", "other", "meeting"})
"""Event types too common to say two articles report the same development."""


@dataclass
class StoryDoc:
    """One article as the clustering sees it."""

    article_id: int
    published: datetime
    title: str
    lead: str
    actors: frozenset[int] = frozenset()
    types: frozenset[str] = frozenset()
    story_id: int | None = None
    """The stored story of an anchor (an article assigned by an earlier briefing)."""
    vector: dict[str, float] = field(default_factory=dict, repr=False)


def text_terms(title: str, lead: str) -> list[str]:
    """The terms a story is recognised by: the headline counts twice, then the lead."""
    head = terms(title)
    return head + head + terms(lead[:LEAD_CHARS])


def content_similarity(
    docs: Sequence[StoryDoc], background: Sequence[StoryDoc] = (), weights: StoryWeights = WEIGHTS
) -> np.ndarray:
    """Text, actor and event-type similarity of every pair of documents, before any time discount.

    Word and actor rarity is learnt from ``docs`` and ``background`` (other articles of the store), so a window
    of three articles does not make "president" look as rare as a name."""
    terms_of = [text_terms(d.title, d.lead) for d in docs]
    model = TfIdf(terms_of + [text_terms(d.title, d.lead) for d in background])
    for doc, doc_terms in zip(docs, terms_of, strict=True):
        doc.vector = model.vector(doc_terms)
    sims = weights.text * similarity_matrix([d.vector for d in docs])
    sims += weights.actors * _actor_similarity(docs, background)
    # The same kind of event strengthens other evidence; on its own it says nothing.
    sims *= 1.0 + weights.type_boost * _type_similarity(docs)
    np.fill_diagonal(sims, 1.0)
    return sims


def time_discount(
    a: Sequence[StoryDoc], b: Sequence[StoryDoc], decay_hours: float, same_day_hours: float = WEIGHTS.same_day_hours
) -> np.ndarray:
    """1 for articles within ``same_day_hours`` of each other, decaying exponentially beyond."""
    ha = np.array([d.published.timestamp() / 3600.0 for d in a])
    hb = np.array([d.published.timestamp() / 3600.0 for d in b])
    gap = np.abs(ha[:, None] - hb[None, :])
    return np.exp(-np.clip(gap - same_day_hours, 0.0, None) / decay_hours).astype(np.float32)


def _actor_similarity(docs: Sequence[StoryDoc], background: Sequence[StoryDoc] = ()) -> np.ndarray:
    shared: Counter[int] = Counter()
    for doc in docs:
        shared.update(doc.actors)
    counts = Counter(shared)
    for doc in background:
        counts.update(doc.actors)
    index = {actor: i for i, actor in enumerate(a for a, c in shared.items() if c > 1)}
    matrix = np.zeros((len(docs), max(1, len(index))), dtype=np.float32)
    n = len(docs) + len(background)
    for row, doc in enumerate(docs):
        for actor in doc.actors:
            column = index.get(actor)
            if column is not None:
                matrix[row, column] = math.log((1 + n) / (1 + counts[actor]))
    # Normalise by every actor of the document, shared or not.
    norms = np.array(
        [math.sqrt(sum(math.log((1 + n) / (1 + counts[a])) ** 2 for a in doc.actors)) or 1.0 for doc in docs],
        dtype=np.float32,
    )
    matrix /= norms[:, None]
    return matrix @ matrix.T


def _type_similarity(docs: Sequence[StoryDoc]) -> np.ndarray:
    kinds = sorted({t for d in docs for t in d.types if t not in QUIET_TYPES})
    if not kinds:
        return np.zeros((len(docs), len(docs)), dtype=np.float32)
    index = {t: i for i, t in enumerate(kinds)}
    matrix = np.zeros((len(docs), len(kinds)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for t in doc.types:
            if t in index:
                matrix[row, index[t]] = 1.0
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    return matrix @ matrix.T


@dataclass
class Group:
    """A story found in a window: indices of its window articles, and the stored story it continues."""

    members: list[int]
    story_id: int | None


def group_stories(
    window: Sequence[StoryDoc],
    earlier: Sequence[StoryDoc],
    background: Sequence[StoryDoc] = (),
    weights: StoryWeights = WEIGHTS,
) -> list[Group]:
    """Cluster the window's articles into stories, then continue stored stories where a cluster matches one.

    ``earlier`` holds the latest articles of stored stories (each with its ``story_id``). A cluster with an
    article already assigned to a story keeps that story. Otherwise each member's best similarity to a story's
    recent articles is averaged over the cluster; the best story at or above ``link_threshold`` is continued."""
    n = len(window)
    if n == 0:
        return []
    docs = [*window, *earlier]
    content = content_similarity(docs, background, weights)
    within = content[:n, :n] * time_discount(window, window, weights.decay_hours, weights.same_day_hours)
    np.fill_diagonal(within, 1.0)
    clusters = cluster_matrix(within, [d.story_id for d in window], threshold=weights.threshold)
    link = (
        content[:n, n:] * time_discount(window, earlier, weights.link_decay_hours, weights.same_day_hours)
        if earlier
        else None
    )
    columns: dict[int, list[int]] = {}
    for j, doc in enumerate(earlier):
        if doc.story_id is not None:
            columns.setdefault(doc.story_id, []).append(j)
    groups = [Group(members, None) for members in clusters]
    taken: set[int] = set()
    offers = []
    for g, group in enumerate(groups):
        known = Counter(s for s in (window[i].story_id for i in group.members) if s is not None)
        if known:
            chosen = min(known, key=lambda s: (-known[s], s))
            group.story_id = chosen
            taken.add(chosen)
        elif link is not None:
            rows = link[group.members]
            for story_id, cols in columns.items():
                score = float(rows[:, cols].max(axis=1).mean())
                if score >= weights.link_threshold:
                    offers.append((score, g, story_id))
    # Each stored story is continued by at most one of the window's stories: the most similar one.
    for _score, g, story_id in sorted(offers, reverse=True):
        if groups[g].story_id is None and story_id not in taken:
            groups[g].story_id = story_id
            taken.add(story_id)
    return groups


def cluster_matrix(sims: np.ndarray, story_ids: Sequence[int | None], *, threshold: float) -> list[list[int]]:
    """Average-linkage clusters of a similarity matrix, inside connected groups of pairs above ``threshold``.

    Members with the same ``story_ids`` value (not None) start in one cluster."""
    n = len(story_ids)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_of_story: dict[int, int] = {}
    for i, story in enumerate(story_ids):
        if story is not None:
            union(i, first_of_story.setdefault(story, i))
    seeds = {i: find(i) for i in range(n)}
    rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        union(i, j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    groups: list[list[int]] = []
    for members in components.values():
        if len(members) == 1:
            groups.append(members)
            continue
        initial: dict[int, list[int]] = {}
        for i in members:
            initial.setdefault(seeds[i], []).append(i)
        groups.extend(_average_linkage(sims, list(initial.values()), threshold))
    groups = [sorted(g) for g in groups]
    return sorted(groups, key=lambda g: g[0])


def _average_linkage(sims: np.ndarray, clusters: list[list[int]], threshold: float) -> list[list[int]]:
    k = len(clusters)
    if k == 1:
        return clusters
    sizes = np.array([len(c) for c in clusters], dtype=np.float64)
    link = np.empty((k, k), dtype=np.float64)
    for a in range(k):
        block = sims[np.ix_(clusters[a], [i for c in clusters for i in c])]
        offset = 0
        for b in range(k):
            width = len(clusters[b])
            link[a, b] = block[:, offset : offset + width].mean()
            offset += width
    np.fill_diagonal(link, -np.inf)
    alive = np.ones(k, dtype=bool)
    while True:
        flat = int(np.argmax(link))
        a, b = divmod(flat, k)
        if link[a, b] < threshold:
            break
        if a > b:
            a, b = b, a
        merged = (sizes[a] * link[a] + sizes[b] * link[b]) / (sizes[a] + sizes[b])
        link[a, :] = merged
        link[:, a] = merged
        link[a, a] = -np.inf
        link[b, :] = -np.inf
        link[:, b] = -np.inf
        sizes[a] += sizes[b]
        clusters[a] = clusters[a] + clusters[b]
        clusters[b] = []
        alive[b] = False
    return [c for c, keep in zip(clusters, alive, strict=True) if keep and c]
