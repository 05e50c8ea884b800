"""Stories and briefings: which story each article belongs to, the briefings sent, and what each channel received."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefings.models import Briefing
from briefings.store.articles import LEAD_CHARS, Lead, chunks
from briefings.text.dates import iso, parse_date


@dataclass(frozen=True)
class Anchor:
    """A recent article of a stored story (stories seen before a window continue through these)."""

    lead: Lead
    story_id: int


@dataclass
class StoryState:
    """A story as assignment keeps it: its span, size and centroid (summed member vectors, truncated)."""

    id: int
    headline: str
    first_seen: str
    last_seen: str
    size: int = 0
    terms: dict[str, float] = field(default_factory=dict)
    """Summed member vectors: words, and actors as ``@id``."""


DOCUMENTS = ""
"""The ``story_terms`` row counting the assigned articles (no term is empty)."""


@dataclass
class Sent:
    """What a channel already received of one story: its articles and the sentences quoted."""

    articles: set[int] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)


class Stories:
    """The ``stories``, ``story_articles``, ``briefings`` and ``channel_stories`` tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def last_until(self, channel: str) -> datetime | None:
        """The end of the window of a channel's latest recorded briefing."""
        row = self.conn.execute("SELECT max(until) FROM briefings WHERE channel = ?", (channel,)).fetchone()
        return parse_date(row[0]) if row and row[0] else None

    def anchors(self, since: datetime, until: datetime, *, per_story: int, limit: int) -> list[Anchor]:
        """The latest ``per_story`` members of each story with articles published in [since, until), newest
        first, at most ``limit`` in all."""
        rows = self.conn.execute(
            f"SELECT a.id, a.title, substr(a.body, 1, {LEAD_CHARS}), a.source, a.url, a.published_at, s.story_id"
            " FROM (SELECT article_id, story_id, published_at,"
            "       row_number() OVER (PARTITION BY story_id ORDER BY published_at DESC) AS recent"
            "       FROM story_articles WHERE published_at >= ? AND published_at < ?) s"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE s.recent <= ? ORDER BY s.published_at DESC LIMIT ?",
            (iso(since), iso(until), per_story, limit),
        ).fetchall()
        return [Anchor(Lead(*r[:6]), r[6]) for r in rows]

    def term_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many assigned articles hold each of ``terms``, and under ``DOCUMENTS`` how many there are."""
        out: dict[str, int] = {}
        for marks, part in chunks(sorted({*terms, DOCUMENTS})):
            out.update(self.conn.execute(f"SELECT term, df FROM story_terms WHERE term IN ({marks})", part).fetchall())
        return out

    def count_terms(self, frequencies: dict[str, int], documents: int) -> None:
        """Add newly assigned articles' term counts to ``story_terms``."""
        self.conn.executemany(
            "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            [*frequencies.items(), (DOCUMENTS, documents)],
        )

    def candidates(self, keys: Sequence[str], since: str, limit: int) -> list[int]:
        """Stories seen since ``since`` sharing the most of ``keys``, most shared first."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT story_id, count(*) AS shared FROM story_keys WHERE key IN ({marks}) AND last_seen >= ?"
            " GROUP BY story_id ORDER BY shared DESC, story_id DESC LIMIT ?",
            [*keys, since, limit],
        ).fetchall()
        return [r[0] for r in rows]

    def states(self, story_ids: Sequence[int]) -> dict[int, StoryState]:
        """The stored state of each given story that has a centroid."""
        out: dict[int, StoryState] = {}
        for marks, part in chunks(list(story_ids)):
            for sid, headline, first, last, size, centroid in self.conn.execute(
                "SELECT id, headline, first_seen, last_seen, size, centroid FROM stories"
                f" WHERE id IN ({marks}) AND centroid IS NOT NULL",
                part,
            ):
                out[sid] = StoryState(sid, headline, first, last, size, json.loads(centroid))
        return out

    def put(self, state: StoryState, keys: Sequence[str]) -> None:
        """Write a story's state and the keys it is found by, inside the caller's write transaction."""
        centroid = json.dumps(state.terms, ensure_ascii=False, separators=(",", ":"))
        self.conn.execute(
            "INSERT INTO stories (id, headline, first_seen, last_seen, size, centroid) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, first_seen = excluded.first_seen,"
            " last_seen = excluded.last_seen, size = excluded.size, centroid = excluded.centroid",
            (state.id, state.headline, state.first_seen, state.last_seen, state.size, centroid),
        )
        self.conn.execute("DELETE FROM story_keys WHERE story_id = ?", (state.id,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_keys (key, last_seen, story_id) VALUES (?, ?, ?)",
            [(key, state.last_seen, state.id) for key in keys],
        )

    def join(self, members: Sequence[tuple[int, int, str]]) -> None:
        """Record (article, story, published) memberships."""
        self.conn.executemany(
            "INSERT INTO story_articles (article_id, story_id, published_at) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            [(a, s, p) for a, s, p in members],
        )

    def merge(self, into: StoryState, other: int, keys: Sequence[str]) -> None:
        """Fold story ``other`` into ``into`` (whose state already holds both): its articles, and what each channel
        received of it, so a channel that had either is not sent the merged story as new."""
        self.conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (into.id, other))
        rows = self.conn.execute(
            "SELECT channel, story_id, briefing_id, sent_at, articles, sentences FROM channel_stories"
            " WHERE story_id IN (?, ?) ORDER BY sent_at",
            (into.id, other),
        ).fetchall()
        merged: dict[str, list] = {}
        for channel, _story, briefing_id, sent_at, articles, sentences in rows:
            have = merged.setdefault(channel, [briefing_id, sent_at, set(), []])
            have[0], have[1] = briefing_id, sent_at  # the latest briefing of the two
            have[2].update(json.loads(articles))
            have[3].extend(json.loads(sentences))
        self.conn.execute("DELETE FROM channel_stories WHERE story_id IN (?, ?)", (into.id, other))
        self.conn.executemany(
            "INSERT INTO channel_stories (channel, story_id, briefing_id, sent_at, articles, sentences)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (channel, into.id, b, at, json.dumps(sorted(articles)), json.dumps(sentences))
                for channel, (b, at, articles, sentences) in merged.items()
            ],
        )
        self.conn.execute("DELETE FROM stories WHERE id = ?", (other,))
        self.put(into, keys)

    def spans(self, story_ids: Sequence[int]) -> dict[int, tuple[str, str, int]]:
        """Each story's first and last article date and its size (all its articles, not only a window's)."""
        out: dict[int, tuple[str, str, int]] = {}
        for marks, part in chunks(list(story_ids)):
            for sid, first, last, size in self.conn.execute(
                f"SELECT id, first_seen, last_seen, size FROM stories WHERE id IN ({marks})", part
            ):
                out[sid] = (first, last, size)
        return out

    def of_articles(self, article_ids: Sequence[int]) -> dict[int, int]:
        """The story of each of the given articles that has one."""
        out: dict[int, int] = {}
        for marks, part in chunks(list(article_ids)):
            out.update(
                self.conn.execute(
                    f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", part
                ).fetchall()
            )
        return out

    def sent(self, channel: str, story_ids: Sequence[int]) -> dict[int, Sent]:
        """What ``channel`` already received of each of the given stories."""
        state: dict[int, Sent] = {}
        for marks, part in chunks(list(story_ids)):
            for story_id, articles, sentences in self.conn.execute(
                "SELECT story_id, articles, sentences FROM channel_stories"
                f" WHERE channel = ? AND story_id IN ({marks})",
                [channel, *part],
            ):
                state[story_id] = Sent(set(json.loads(articles)), json.loads(sentences))
        return state

    def record(self, briefing: Briefing, now: datetime) -> None:
        """Record a channel's briefing inside the caller's write transaction: the briefing, and what each story's
        item added to what the channel has. Story membership is kept as articles arrive (stories/online.py)."""
        if not briefing.channel:
            return
        cursor = self.conn.execute(
            "INSERT INTO briefings (channel, created_at, since, until, items, payload) VALUES (?, ?, ?, ?, ?, ?)",
            (
                briefing.channel,
                iso(now),
                briefing.since,
                briefing.until,
                len(briefing.items),
                json.dumps(briefing.as_dict(), ensure_ascii=False),
            ),
        )
        briefing_id = cursor.lastrowid
        sent = self.sent(briefing.channel, [item.story_id for item in briefing.items])
        for item in briefing.items:
            before = sent.get(item.story_id, Sent())
            articles = sorted(before.articles | set(item.articles))
            sentences = before.sentences + [s.text for s in item.sentences]
            self.conn.execute(
                "INSERT INTO channel_stories (channel, story_id, briefing_id, sent_at, articles, sentences)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(channel, story_id) DO UPDATE SET"
                " briefing_id = excluded.briefing_id, sent_at = excluded.sent_at,"
                " articles = excluded.articles, sentences = excluded.sentences",
                (briefing.channel, item.story_id, briefing_id, iso(now), json.dumps(articles), json.dumps(sentences)),
            )
