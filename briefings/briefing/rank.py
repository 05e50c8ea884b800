"""Which stories of a window lead a briefing: independent sources, size, recency, actor salience, severity, novelty."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
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


def rank(
    stories: Sequence[Story],
    docs: Sequence[Doc],
    filter_actors: set[int],
    until: datetime,
    weights: RankWeights = WEIGHTS,
) -> None:
    """Score every story (``story.score``), and count its outlets."""
    mentions: Counter[int] = Counter()
    for doc in docs:
        mentions.update(doc.actors)
    top = max(mentions.values(), default=1)
    # Recency counts from the window's newest article, not from its end: over a store whose feeds stalled (or a
    # long window over an archive) the latest developments still lead, and a live window is unchanged.
    # Stored dates are ISO 8601 in UTC (``iso``), so the newest is the greatest string; only that one is parsed.
    newest_stored = parse_date(max((doc.published for doc in docs), default=""))
    until = min(until, newest_stored) if newest_stored is not None else until
    for story in stories:
        story.outlets = outlets(story)
        story.sources = len(story.outlets)
        newest = parse_date(max(d.published for d in story.members)) or until
        hours = max(0.0, (until - newest).total_seconds() / 3600)
        actors = story.actors
        salience = max((mentions[a] / top for a in actors), default=0.0)
        articles = sum(1 + len(d.copies) for d in story.members)
        story.score = (
            weights.sources * math.log2(1 + story.sources)
            + weights.articles * math.log2(1 + articles)
            + weights.recency * math.exp(-hours / 24)
            + weights.salience * salience
            + (weights.filtered if actors & filter_actors else 0.0)
            + weights.severity * severity(story, weights)
            + (0.0 if story.known else weights.novelty)
        )
