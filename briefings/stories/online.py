"""Stories kept as articles arrive: each stored article joins the live story it is most like, or starts one.

An article is seen as two unit vectors: TF-IDF of its headline (twice) and lead, and the actors it names weighted
by how rare they are. A story keeps the sum of its members' vectors (its centroid, truncated to its strongest
terms), its span and size, and is found again through its strongest keys (``story_keys``), so an arriving article
is compared with the few live stories that share a rare word or actor with it, never with the whole store:

    article ──keys──▶ live candidate stories (seen within ``horizon_days``)       store/stories.py
            ──score─▶ text cosine · actor cosine with each centroid, discounted by the time since the story
            ──join──▶ the best story at or above ``threshold``, else a new story (id = the article's id)

Comparing with centroids rather than single articles is what keeps a big story whole: its many short items share
little wording pairwise, but each shares the story's names and headline terms. Word rarity comes from the
articles assigned so far (``story_terms``); while a store is young every word looks rare and stories are stricter.
The order articles arrive in matters a little, as in any single-pass clustering; briefings read the result.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from briefings.store import Store
from briefings.store.articles import LEAD_CHARS
from briefings.store.stories import StoryState
from briefings.text.dates import iso, parse_date
from briefings.text.similarity import terms


@dataclass(frozen=True)
class OnlineWeights:
    """How an arriving article is matched with live stories (tuned on the dev windows of ``bench.stories``)."""

    threshold: float = 0.18
    """An article joins the most similar live story at least this similar; below, it starts its own."""
    text: float = 1.0
    """Share of the similarity from the TF-IDF cosine of headline (twice) and lead with the story's centroid."""
    actors: float = 0.0
    """Share from the cosine of the actors' own vectors (0: on 2022 feed items a lone shared actor such as "UK"
    joined unrelated items; actors count as terms of the text vector instead, ``actor_terms``)."""
    headline_times: int = 2
    """How many times the headline's terms count in the text vector, against once for the lead."""
    actor_terms: float = 0.5
    """Weight of each named actor as one more term of the text vector (relative to a word's TF-IDF weight)."""
    same_day_hours: float = 36.0
    """An article this close to a story's span is compared on content alone."""
    decay_hours: float = 48.0
    """Beyond ``same_day_hours``, similarity falls by 1/e every this many hours."""
    horizon_days: float = 7.0
    """A story with no article for this long is closed: later articles start a new story."""
    article_keys: int = 8
    """An article looks for candidate stories through this many of its strongest terms (and all its actors)."""
    story_keys: int = 24
    """A story is found through this many of its strongest terms and actors."""
    centroid_terms: int = 150
    """Terms kept in a story's centroid (the strongest): bounds its size whatever the story's length."""
    candidates: int = 40
    """Live stories compared with each article at most (those sharing most keys)."""


WEIGHTS = OnlineWeights()


@dataclass(frozen=True)
class Arrival:
    """An article as assignment sees it."""

    article_id: int
    published: str
    title: str
    lead: str
    actors: frozenset[int] = frozenset()


def text_terms(title: str, lead: str, headline_times: int = 2) -> list[str]:
    """The terms a story is recognised by: the headline's (counted ``headline_times``), then the lead's."""
    return terms(title) * headline_times + terms(lead[:LEAD_CHARS])


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of a unit vector ``a`` with any vector ``b``."""
    if not a or not b:
        return 0.0
    norm = math.sqrt(sum(w * w for w in b.values()))
    return sum(w * b.get(k, 0.0) for k, w in a.items()) / norm if norm else 0.0


def _add(total: dict[str, float], vector: dict[str, float], keep: int | None = None) -> dict[str, float]:
    out = dict(total)
    for key, weight in vector.items():
        out[key] = out.get(key, 0.0) + weight
    if keep is not None and len(out) > keep:
        out = dict(sorted(out.items(), key=lambda kv: -kv[1])[:keep])
    return {k: round(w, 5) for k, w in out.items()}


def assign_articles(store: Store, article_ids: Sequence[int], weights: OnlineWeights = WEIGHTS) -> dict[int, int]:
    """Give each of the given originals without a story its story, inside the caller's write transaction;
    returns the story of every given original."""
    have = store.stories.of_articles(article_ids)
    todo = [i for i in article_ids if i not in have]
    if not todo:
        return have
    actors: dict[int, set[int]] = {}
    for article_id, actor_id in store.actors.in_articles(todo):
        actors.setdefault(article_id, set()).add(actor_id)
    arrivals = [
        Arrival(lead.id, lead.published, lead.title, lead.lead, frozenset(actors.get(lead.id, ())))
        for lead in store.articles.leads(todo)
    ]
    return have | Assigner(store, weights).assign(arrivals)


class Assigner:
    """Assigns articles to stories inside the caller's write transaction (one batch at a time)."""

    def __init__(self, store: Store, weights: OnlineWeights = WEIGHTS) -> None:
        self.store = store
        self.weights = weights

    def assign(self, arrivals: Iterable[Arrival]) -> dict[int, int]:
        """The story of each article (in order of publication, so a story grows forward in time)."""
        batch = sorted(arrivals, key=lambda a: (a.published, a.article_id))
        if not batch:
            return {}
        term_lists = {a.article_id: text_terms(a.title, a.lead, self.weights.headline_times) for a in batch}
        actor_keys = {a.article_id: [f"@{x}" for x in sorted(a.actors)] for a in batch}
        every = {t for ts in term_lists.values() for t in ts} | {k for ks in actor_keys.values() for k in ks}
        df = Counter(self.store.stories.term_frequencies(sorted(every)))
        documents = df.pop("", 0)
        states: dict[int, StoryState] = {}
        assigned: dict[int, int] = {}
        members: list[tuple[int, int, str]] = []
        counted: Counter[str] = Counter()
        for arrival in batch:
            seen = set(term_lists[arrival.article_id]) | set(actor_keys[arrival.article_id])
            # An article counts towards word rarity before it is compared, as it would in a batch model.
            df.update(seen)
            counted.update(seen)
            documents += 1
            text = self._vector(Counter(term_lists[arrival.article_id]), df, documents)
            actors = self._vector(Counter(actor_keys[arrival.article_id]), df, documents)
            if self.weights.actor_terms:
                text = self._vector(
                    Counter(term_lists[arrival.article_id]), df, documents, actor_keys[arrival.article_id]
                )
            story = self._best(arrival, text, actors, states)
            if story is None:
                story = StoryState(arrival.article_id, arrival.title, arrival.published, arrival.published)
            story.size += 1
            story.terms = _add(story.terms, text, self.weights.centroid_terms)
            story.actors = _add(story.actors, actors, self.weights.centroid_terms)
            story.first_seen = min(story.first_seen, arrival.published)
            story.last_seen = max(story.last_seen, arrival.published)
            states[story.id] = story
            assigned[arrival.article_id] = story.id
            members.append((arrival.article_id, story.id, arrival.published))
        for state in states.values():
            self.store.stories.put(state, self._keys(state))
        self.store.stories.join(members)
        self.store.stories.count_terms(dict(counted), len(batch))
        return assigned

    def _vector(
        self, counts: Counter[str], df: Counter[str], documents: int, actors: Sequence[str] = ()
    ) -> dict[str, float]:
        weights = {k: (1.0 + math.log(c)) * (math.log((1 + documents) / (1 + df[k])) + 1.0) for k, c in counts.items()}
        for key in actors:
            weights[key] = self.weights.actor_terms * (math.log((1 + documents) / (1 + df[key])) + 1.0)
        return _unit(weights)

    def _keys(self, state: StoryState) -> list[str]:
        strongest = sorted([*state.terms.items(), *state.actors.items()], key=lambda kv: -kv[1])
        return [k for k, _ in strongest[: self.weights.story_keys]]

    def _best(
        self, arrival: Arrival, text: dict[str, float], actors: dict[str, float], states: dict[int, StoryState]
    ) -> StoryState | None:
        w = self.weights
        published = parse_date(arrival.published)
        if published is None:
            return None
        since = iso(published - timedelta(days=w.horizon_days))
        keys = [k for k, _ in sorted(text.items(), key=lambda kv: -kv[1])[: w.article_keys]] + list(actors)
        ids = self.store.stories.candidates(keys, since, w.candidates)
        # Stories changed earlier in this batch are held here, newer than what the store has.
        held = [s for s, st in states.items() if st.last_seen >= since and _shares(st, keys)]
        ids = list(dict.fromkeys([*ids, *held]))
        missing = [i for i in ids if i not in states]
        states.update(self.store.stories.states(missing))
        best, best_score = None, w.threshold
        for story_id in ids:
            state = states.get(story_id)
            if state is None:
                continue
            score = (w.text * _cosine(text, state.terms) + w.actors * _cosine(actors, state.actors)) * _decay(
                published, state, w
            )
            if score >= best_score:
                best, best_score = state, score
        return best


def _shares(state: StoryState, keys: Sequence[str]) -> bool:
    return any(k in state.terms or k in state.actors for k in keys)


def _decay(published: datetime, state: StoryState, w: OnlineWeights) -> float:
    first, last = parse_date(state.first_seen), parse_date(state.last_seen)
    if first is None or last is None:
        return 0.0
    gap = max((published - last).total_seconds(), (first - published).total_seconds(), 0.0) / 3600.0
    if gap > w.horizon_days * 24:
        return 0.0
    return math.exp(-max(0.0, gap - w.same_day_hours) / w.decay_hours)
