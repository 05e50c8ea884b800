"""Which stories of a window lead a briefing: independent sources, size, recency, actor salience, severity, novelty."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefings.briefing.select import Doc
from briefings.text.dates import parse_date

SEVERITY = {"attack": 1.0, "casualties": 1.0, "interception": 0.8, "military posture": 0.5, "sanction": 0.5, "aid": 0.4}
"""How grave each event type is (others: 0): physical harm first, then force and coercion, then support."""


@dataclass(frozen=True)
class RankWeights:
    """How a story's score is made; each term is described with its weight."""

    sources: float = 1.0
    """Times log2(1 + independent outlets): a story many outlets carry matters to more readers."""
    articles: float = 0.2
    """Times log2(1 + articles, copies included): more coverage, with diminishing returns."""
    recency: float = 0.6
    """Times exp(-hours from its newest article to the window's newest article / 24)."""
    salience: float = 0.6
    """Times the share of the window's mentions held by the story's most mentioned actor."""
    filtered: float = 0.5
    """Added when the story names an actor the briefing filters on."""
    severity: float = 0.8
    """Times the gravest event type's ``SEVERITY``, plus ``killed`` when it reports deaths."""
    killed: float = 0.5
    """Added to the severity when a number in the story counts people killed."""
    novelty: float = 0.5
    """Added to a story the window starts (not a continuation of an earlier one)."""


WEIGHTS = RankWeights()


@dataclass
class Story:
    """A story of the window: its member documents, and whether it has articles before the window."""

    id: int
    members: list[Doc]
    known: bool
    score: float = 0.0
    sources: int = 0
    outlets: tuple[str, ...] = field(default=())

    @property
    def actors(self) -> set[int]:
        return {a for d in self.members for a in d.actors}


def outlets(story: Story) -> tuple[str, ...]:
    """The outlets that carried a story, syndicated copies included, each once."""
    names: dict[str, str] = {}
    for doc in story.members:
        for article_id, source in [(doc.article_id, doc.source), *doc.copies]:
            label = source or f"article {article_id}"
            names.setdefault(label.casefold(), label)
    return tuple(sorted(names.values(), key=str.casefold))


def severity(story: Story, weights: RankWeights = WEIGHTS) -> float:
    level = max((SEVERITY.get(e.type, 0.0) for d in story.members for e in d.events if not e.background), default=0)
    killed = any(n.get("meaning") == "killed" for d in story.members for n in d.numbers)
    return level + (weights.killed if killed else 0.0)


def ranked(
    stories: Sequence[Story],
    newest: str,
    actor_articles: Counter[int],
    filter_actors: set[int],
    until: datetime,
    detail: Callable[[Sequence[Story]], None],
    weights: RankWeights = WEIGHTS,
) -> Iterator[Story]:
    """The stories best first, each with its score (``story.score``) and outlets. ``newest`` is the window's newest
    article's date; ``actor_articles`` how many of the window's articles name each actor.

    A score's terms from outlets, articles, recency and novelty are known from the window's rows; salience,
    filters and severity need the story's actors and events, which ``detail`` reads. Each of those terms has a
    ceiling, so a story whose known terms plus the ceilings cannot reach the best score found so far waits: in a
    week of 3,000 articles a day (some 350 stories, 17,000 articles) the five items are found after reading the
    details of about ten stories' articles. The order is the one scoring every story gives (ties by position in
    ``stories``)."""
    # Recency counts from the window's newest article, not from its end: over a store whose feeds stalled (or a
    # long window over an archive) the latest developments still lead, and a live window is unchanged.
    # Stored dates are ISO 8601 in UTC (``iso``), so the newest is the greatest string; only that one is parsed.
    newest_stored = parse_date(newest)
    until = min(until, newest_stored) if newest_stored is not None else until
    top = max(actor_articles.values(), default=1)
    ceiling = (
        weights.salience
        + (weights.filtered if filter_actors else 0.0)
        + weights.severity * (max(SEVERITY.values()) + weights.killed)
    )
    known: list[tuple[float, int, Story]] = []
    for position, story in enumerate(stories):
        known.append((_known_terms(story, until, weights), position, story))
    known.sort(key=lambda k: (-k[0], k[1]))
    scored: list[tuple[float, int, Story]] = []  # a heap of (-score, position, story)
    waiting = 0
    while waiting < len(known) or scored:
        best = -scored[0][0] if scored else None  # the best score found, not yet yielded
        batch = []
        while waiting < len(known) and (best is None or known[waiting][0] + ceiling + BOUND_SLACK >= best):
            batch.append(known[waiting])
            waiting += 1
            if len(batch) == DETAIL_BATCH:
                break
        if batch:
            detail([story for _, _, story in batch])
            for base, position, story in batch:
                story.score = base + _detail_terms(story, actor_articles, top, filter_actors, weights)
                heapq.heappush(scored, (-story.score, position, story))
            continue
        yield heapq.heappop(scored)[2]


DETAIL_BATCH = 16
"""Stories whose details are read together (one query per batch, not per story)."""
BOUND_SLACK = 1e-9
"""Floating-point sums in another order may differ in the last bits: a story at the bound is scored."""


def _known_terms(story: Story, until: datetime, weights: RankWeights) -> float:
    """The terms of the score the window's rows give: outlets, articles, recency, novelty (and the outlets)."""
    story.outlets = outlets(story)
    story.sources = len(story.outlets)
    newest = parse_date(max(d.published for d in story.members)) or until
    hours = max(0.0, (until - newest).total_seconds() / 3600)
    articles = sum(1 + len(d.copies) for d in story.members)
    return (
        weights.sources * math.log2(1 + story.sources)
        + weights.articles * math.log2(1 + articles)
        + weights.recency * math.exp(-hours / 24)
        + (0.0 if story.known else weights.novelty)
    )


def _detail_terms(
    story: Story, actor_articles: Counter[int], top: int, filter_actors: set[int], weights: RankWeights
) -> float:
    """The terms of the score that need the story's actors and events: salience, filters, severity."""
    actors = story.actors
    salience = max((actor_articles[a] / top for a in actors), default=0.0)
    return (
        weights.salience * salience
        + (weights.filtered if actors & filter_actors else 0.0)
        + weights.severity * severity(story, weights)
    )
