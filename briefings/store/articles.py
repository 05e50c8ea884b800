"""Articles: saving with deduplication (URL or GUID, same text, syndicated copies), reads, and full-text search."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, TypeVar

from briefings.models import Article, Citation, SearchHit
from briefings.store.quoting import fts_query
from briefings.text import fingerprint as dedup
from briefings.text.clean import word_string
from briefings.text.dates import iso

LEAD_CHARS = 600
"""How much of a body the story grouping reads (headline and lead)."""
T = TypeVar("T")
CHUNK = 500
"""Ids per ``IN (...)`` list: far below SQLite's parameter limit."""
_WORD = re.compile(r"[^\W_]+")
_CANDIDATES = (
    "SELECT m.article_id, m.signature, m.shingles FROM article_minhash m WHERE m.article_id IN"
    f" (SELECT DISTINCT article_id FROM article_lsh WHERE key IN ({', '.join(['?'] * dedup.BANDS)}))"
)
_CITATION = "SELECT id, title, url, source, published_at FROM articles"


def chunks(ids: Sequence[T]) -> Iterator[tuple[str, list[T]]]:
    """``(placeholders, values)`` for ``IN (...)`` lists of at most ``CHUNK`` ids (or other values)."""
    for i in range(0, len(ids), CHUNK):
        part = list(ids[i : i + CHUNK])
        yield ",".join("?" * len(part)), part


@dataclass(frozen=True)
class Saved:
    """What saving one article did: ``new``, ``updated``, ``unchanged`` (same URL or GUID, same text),
    ``duplicate`` (the same text elsewhere) or ``near_duplicate`` (a syndicated copy, kept with ``duplicate_of``).
    ``article_id`` is the row whose extraction should be (re)written, or None."""

    outcome: str
    article_id: int | None = None

    @property
    def extract(self) -> bool:
        """True when the article's actors and events belong in the store (new or changed originals)."""
        return self.outcome in ("new", "updated")


@dataclass(frozen=True)
class ArticleText:
    """An article's text with what a citation needs."""

    id: int
    title: str
    body: str
    url: str | None
    source: str | None
    published: str

    @property
    def citation(self) -> Citation:
        return Citation(self.id, self.title, self.url, self.source, self.published)


@dataclass(frozen=True)
class Lead:
    """An article as story grouping reads it: headline, the first ``LEAD_CHARS`` of the body, where and when."""

    id: int
    title: str
    lead: str
    source: str | None
    url: str | None
    published: str


class WindowRow(NamedTuple):
    """An article of a briefing's window as ranking reads it."""

    id: int
    source: str | None
    published: str


@dataclass(frozen=True)
class WindowFilter:
    """Which articles of a window a briefing takes (any filter that is set must hold)."""

    actor_ids: tuple[int, ...] = ()
    """At least one of these actors is mentioned."""
    keywords: str | None = None
    """An FTS5 expression the article matches."""
    topic: str | None = None
    """An FTS5 expression the article matches, unless it mentions ``topic_actor``."""
    topic_actor: int | None = None
    types: tuple[str, ...] = ()
    """Event type prefixes, at least one of which the article reports (background events excluded)."""
    sources: tuple[str, ...] = ()
    """Outlets (case-insensitive)."""


def make_snippet(body: str, text: str, highlight: tuple[str, str] = ("", ""), words: int = 24) -> str:
    """About ``words`` words of ``body`` around the first word of ``text`` it contains, matches highlighted."""
    wanted = {w.casefold() for w in _WORD.findall(text)}
    tokens = body.split()
    first = next((i for i, t in enumerate(tokens) if _bare(t) in wanted), 0)
    start = max(0, first - words // 3)
    part = tokens[start : start + words]
    shown = [f"{highlight[0]}{t}{highlight[1]}" if _bare(t) in wanted and highlight[0] else t for t in part]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + words < len(tokens) else ""
    return prefix + " ".join(shown) + suffix


def _bare(token: str) -> str:
    return token.strip(".,;:!?\"'“”‘’()[]").casefold()


class Articles:
    """The ``articles`` table, its FTS index and the near-duplicate fingerprints."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Fingerprints of articles saved in the open write transaction, written in one batch before COMMIT:
        # interleaving thousands of small LSH inserts with the FTS writes costs a third of ingest time.
        self._pending: dict[int, dedup.Fingerprint] = {}
        self._pending_keys: dict[int, list[int]] = {}

    # --- writing -----------------------------------------------------------------------------------

    def save(self, article: Article, now: datetime) -> Saved:
        """Store one article inside an open write transaction (see :class:`Saved` for the outcomes)."""
        conn = self.conn
        row = self._same_article(article)
        if row is not None:
            article_id, old_hash = row
            if old_hash == article.content_hash:
                return Saved("unchanged")
            conn.execute(
                "UPDATE articles SET title = ?, body = ?, content_hash = ?, updated_at = ?, language = ? WHERE id = ?",
                (article.title, article.body, article.content_hash, iso(now), article.language, article_id),
            )
            self._unindex(article_id)
            self._index(article_id, self._fingerprint(article))
            return Saved("updated", article_id)

        same = conn.execute(
            "SELECT id, duplicate_of FROM articles WHERE content_hash = ? LIMIT 1", (article.content_hash,)
        ).fetchone()
        if same is not None:
            if article.url or article.guid:
                self._insert(article, duplicate_of=same[1] or same[0])
            return Saved("duplicate")

        fp = self._fingerprint(article)
        original = self._near_duplicate_of(fp, article.body) if fp is not None else None
        if original is not None:
            self._insert(article, duplicate_of=original)
            return Saved("near_duplicate")
        article_id = self._insert(article, duplicate_of=None)
        self._index(article_id, fp)
        return Saved("new", article_id)

    def needs_extraction(self, article: Article) -> bool:
        """False when ``save`` would store no new text (the same article unchanged, an exact or near copy): its
        actors and events are known, so extraction, the costly step, is skipped. Read-only; decided before the
        write, so the answer may be True for what a concurrent writer stores meanwhile (extracted for nothing)."""
        row = self._same_article(article)
        if row is not None:
            return bool(row[1] != article.content_hash)  # changed text: updated, extracted again
        if self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", (article.content_hash,)
        ).fetchone():
            return False
        fp = self._fingerprint(article)
        return fp is None or self._near_duplicate_of(fp, article.body) is None

    def _same_article(self, article: Article) -> tuple[int, str] | None:
        """(id, content hash) of the stored article this one is a version of: the same URL, else the same GUID
        from the same outlet."""
        row = None
        if article.url:
            row = self.conn.execute("SELECT id, content_hash FROM articles WHERE url = ?", (article.url,)).fetchone()
        if row is None and article.guid:
            row = self.conn.execute(
                "SELECT id, content_hash FROM articles WHERE guid = ? AND source IS ?",
                (article.guid, article.source),
            ).fetchone()
        return row

    def _insert(self, article: Article, duplicate_of: int | None) -> int:
        cursor = self.conn.execute(
            "INSERT INTO articles (url, guid, title, body, source, published_at, fetched_at, content_hash,"
            " language, flags, duplicate_of, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.url,
                article.guid,
                article.title,
                article.body,
                article.source,
                article.published_at,
                article.fetched_at,
                article.content_hash,
                article.language,
                ",".join(article.flags),
                duplicate_of,
                article.where,
            ),
        )
        return int(cursor.lastrowid or 0)

    @staticmethod
    def _fingerprint(article: Article) -> dedup.Fingerprint | None:
        if article.fingerprint is not None:
            return article.fingerprint
        return dedup.fingerprint(word_string(article.body))

    def _index(self, article_id: int, fp: dedup.Fingerprint | None) -> None:
        if fp is None:
            return
        self._pending[article_id] = fp
        for key in fp.keys:
            self._pending_keys.setdefault(key, []).append(article_id)

    def flush(self) -> None:
        """Write the fingerprints of the open transaction (called by ``Store.write`` before COMMIT)."""
        if not self._pending:
            return
        self.conn.executemany(
            "INSERT INTO article_minhash (article_id, signature, shingles) VALUES (?, ?, ?)",
            [(article_id, dedup.to_blob(fp.signature), fp.shingles) for article_id, fp in self._pending.items()],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO article_lsh (key, article_id) VALUES (?, ?)",
            [(key, article_id) for article_id, fp in self._pending.items() for key in fp.keys],
        )
        self.discard()

    def discard(self) -> None:
        """Forget the fingerprints of a transaction that rolled back."""
        self._pending.clear()
        self._pending_keys.clear()

    def _unindex(self, article_id: int) -> None:
        pending = self._pending.pop(article_id, None)
        if pending is not None:
            for key in pending.keys:
                self._pending_keys[key].remove(article_id)
            return
        row = self.conn.execute("SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return
        keys = dedup.band_keys(dedup.from_blob(row[0]))
        self.conn.executemany(
            "DELETE FROM article_lsh WHERE key = ? AND article_id = ?", [(key, article_id) for key in keys]
        )
        self.conn.execute("DELETE FROM article_minhash WHERE article_id = ?", (article_id,))

    def _near_duplicate_of(self, fp: dedup.Fingerprint, body: str) -> int | None:
        candidates = [
            (article_id, dedup.from_blob(blob), size)
            for article_id, blob, size in self.conn.execute(_CANDIDATES, fp.keys).fetchall()
        ]
        pending = {article_id for key in fp.keys for article_id in self._pending_keys.get(key, ())}
        candidates += [(a, self._pending[a].signature, self._pending[a].shingles) for a in sorted(pending)]
        scored = [
            (dedup.containment(fp.signature, fp.shingles, other, other_size), article_id)
            for article_id, other, other_size in candidates
        ]
        for score, article_id in sorted(scored, reverse=True):
            if score < dedup.THRESHOLD:
                break
            (other_body,) = self.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
            if not dedup.swaps_subjects(body, other_body):
                return article_id
        return None

    # --- reading -----------------------------------------------------------------------------------

    def get(self, article_id: int) -> dict | None:
        """One article's row as a dict, or None."""
        cursor = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cursor.description], row, strict=True))

    def count(self, *, originals_only: bool = False) -> int:
        sql = "SELECT count(*) FROM articles"
        if originals_only:
            sql += " WHERE duplicate_of IS NULL"
        return int(self.conn.execute(sql).fetchone()[0])

    def totals(self) -> tuple[int, int, str | None, str | None]:
        """(all rows, originals, first and last publication date of the originals)."""
        total, originals, first, last = self.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL),"
            " min(published_at) FILTER (WHERE duplicate_of IS NULL),"
            " max(published_at) FILTER (WHERE duplicate_of IS NULL) FROM articles"
        ).fetchone()
        return total, originals, first, last

    def outlets(self) -> list[tuple[str, int]]:
        """Outlets by number of original articles, most first."""
        return [
            (name, count)
            for name, count in self.conn.execute(
                "SELECT coalesce(source, '(no outlet)'), count(*) FROM articles WHERE duplicate_of IS NULL"
                " GROUP BY 1 ORDER BY 2 DESC, 1"
            )
        ]

    def has_outlet(self, name: str) -> bool:
        """True when some stored article comes from this outlet (case-insensitive)."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE lower(source) = lower(?) LIMIT 1", (name,)).fetchone()
        return row is not None

    def citations(self, ids: Sequence[int]) -> dict[int, Citation]:
        """Citations of the given articles that exist."""
        out: dict[int, Citation] = {}
        for marks, part in chunks(list(ids)):
            for row in self.conn.execute(f"{_CITATION} WHERE id IN ({marks})", part):
                out[row[0]] = Citation(*row)
        return out

    def texts(self, ids: Sequence[int]) -> dict[int, ArticleText]:
        """Titles and bodies of the given articles (to quote and to verify quotes)."""
        out: dict[int, ArticleText] = {}
        for marks, part in chunks(list(ids)):
            for row in self.conn.execute(
                f"SELECT id, title, body, url, source, published_at FROM articles WHERE id IN ({marks})", part
            ):
                out[row[0]] = ArticleText(*row)
        return out

    def copies(self, ids: Sequence[int]) -> list[tuple[int, int, str | None]]:
        """(original, copy, copy's outlet) for the syndicated copies of the given articles."""
        out = []
        for marks, part in chunks(list(ids)):
            out += self.conn.execute(
                f"SELECT duplicate_of, id, source FROM articles WHERE duplicate_of IN ({marks})", part
            ).fetchall()
        return out

    def in_window(self, since: datetime, until: datetime, where: WindowFilter, limit: int) -> list[WindowRow]:
        """The newest ``limit`` originals published in [since, until) that pass ``where``, oldest first: id, outlet
        and date only (a week holds tens of thousands; ``leads`` reads the headline and lead of those shown)."""
        window = (iso(since), iso(until))
        # Filters are checked per article of the window (index probes), never by listing every article that
        # mentions "Ukraine" in a store of millions; the full-text filter is bounded to the window's id range.
        low, high = self.conn.execute(
            "SELECT min(id), max(id) FROM articles WHERE published_at >= ? AND published_at < ?", window
        ).fetchone()
        if low is None:
            return []
        clauses = ["a.duplicate_of IS NULL", "a.published_at >= ?", "a.published_at < ?"]
        params: list[object] = list(window)
        fts = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?)"
        mentions = "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.actor_id IN ({}))"
        if where.actor_ids:
            clauses.append(mentions.format(",".join("?" * len(where.actor_ids))))
            params += where.actor_ids
        if where.keywords:
            clauses.append(fts)
            params += [where.keywords, low, high]
        if where.topic or where.topic_actor is not None:
            alternatives = []
            if where.topic:
                alternatives.append(fts)
                params += [where.topic, low, high]
            if where.topic_actor is not None:
                alternatives.append(mentions.format("?"))
                params.append(where.topic_actor)
            clauses.append("(" + " OR ".join(alternatives) + ")")
        if where.types:
            likes = " OR ".join("e.type LIKE ?" for _ in where.types)
            clauses.append(
                f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.background = 0 AND ({likes}))"
            )
            params += [t.lower() + "%" for t in where.types]
        if where.sources:
            clauses.append(f"lower(a.source) IN ({','.join('?' * len(where.sources))})")
            params += [s.lower() for s in where.sources]
        rows = self.conn.execute(
            f"SELECT a.id, a.source, a.published_at FROM articles a"
            f" WHERE {' AND '.join(clauses)} ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [WindowRow(*r) for r in reversed(rows)]

    def leads(self, ids: Sequence[int]) -> list[Lead]:
        """Headline and lead of the given originals (syndicated copies left out)."""
        out: list[Lead] = []
        for marks, part in chunks(list(ids)):
            out += [
                Lead(*r)
                for r in self.conn.execute(
                    f"SELECT id, title, substr(body, 1, {LEAD_CHARS}), source, url, published_at FROM articles"
                    f" WHERE id IN ({marks}) AND duplicate_of IS NULL",
                    part,
                )
            ]
        return out

    def leads_before(self, moment: datetime, limit: int) -> list[Lead]:
        """The latest ``limit`` originals published before ``moment``, newest first."""
        rows = self.conn.execute(
            f"SELECT id, title, substr(body, 1, {LEAD_CHARS}), source, url, published_at FROM articles"
            " WHERE duplicate_of IS NULL AND published_at < ? ORDER BY published_at DESC LIMIT ?",
            (iso(moment), limit),
        ).fetchall()
        return [Lead(*r) for r in rows]

    def needing_extraction(self, version: int, *, redo: bool = False) -> list[int]:
        """Originals (not syndicated copies) without an extraction of ``version``; with ``redo``, all originals."""
        sql = "SELECT a.id FROM articles a LEFT JOIN extractions x ON x.article_id = a.id WHERE a.duplicate_of IS NULL"
        if redo:
            return [r[0] for r in self.conn.execute(sql + " ORDER BY a.id")]
        sql += " AND (x.article_id IS NULL OR x.version < ?)"
        return [r[0] for r in self.conn.execute(sql + " ORDER BY a.id", (version,))]

    # --- full-text search ------------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 10,
        highlight: tuple[str, str] = ("", ""),
    ) -> list[SearchHit]:
        """Full-text search over titles and bodies, best first; syndicated copies are folded into their original."""
        match = fts_query(text)
        if match is None:
            return []
        limit = max(1, min(int(limit), 200))
        if since is None and until is None:
            return self._search_ranked(text, match, limit, highlight)
        sql = [
            "SELECT a.id, a.title, a.url, a.source, a.published_at,",
            " snippet(articles_fts, -1, ?, ?, '…', 24),",
            " (SELECT count(*) FROM articles d WHERE d.duplicate_of = a.id)",
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid",
            " WHERE articles_fts MATCH ? AND a.duplicate_of IS NULL",
        ]
        params: list[object] = [highlight[0], highlight[1], match]
        if since is not None:
            sql.append(" AND a.published_at >= ?")
            params.append(iso(since))
        if until is not None:
            sql.append(" AND a.published_at < ?")
            params.append(iso(until))
        sql.append(" ORDER BY rank, a.published_at DESC LIMIT ?")
        params.append(limit)
        rows = self.conn.execute("".join(sql), params).fetchall()
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], " ".join(r[5].split()), r[6]) for r in rows]

    def _search_ranked(self, text: str, match: str, limit: int, highlight: tuple[str, str]) -> list[SearchHit]:
        """The best matches by rank alone: the index's top rows first, then their articles (cheapest plan)."""
        fetch = limit * 2 + 8
        while True:
            rows = self.conn.execute(
                "SELECT a.id, a.title, a.url, a.source, a.published_at, a.body, a.duplicate_of,"
                " (SELECT count(*) FROM articles d WHERE d.duplicate_of = a.id)"
                " FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) t"
                " JOIN articles a ON a.id = t.rowid ORDER BY t.rank",
                (match, fetch),
            ).fetchall()
            hits = [
                SearchHit(r[0], r[1], r[2], r[3], r[4], make_snippet(r[5], text, highlight), r[7])
                for r in rows
                if r[6] is None
            ]
            if len(hits) >= limit or len(rows) < fetch:
                return hits[:limit]
            fetch *= 4

    def best_matches(
        self, match: str, *, above_id: int = 0, limit: int = 40, outlet: str | None = None
    ) -> list[ArticleText]:
        """Originals with an id above ``above_id`` that best match an FTS5 expression, best first; with ``outlet``,
        only those of the outlets it names (see :func:`outlet_patterns`), among the 50 × ``limit`` best matches."""
        where, extra = _outlet_condition(outlet)
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM"
            " (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ?"
            "  ORDER BY rank LIMIT ?) t JOIN articles a ON a.id = t.rowid"
            f" WHERE a.duplicate_of IS NULL{where} ORDER BY t.rank LIMIT ?",
            (match, above_id, limit * 50 if outlet else limit, *extra, limit),
        ).fetchall()
        return [ArticleText(*r) for r in rows]

    WINDOW_SCAN_LIMIT = 20_000
    """A date window holding at most this many articles is read through the published-date index, each article
    checked against the full-text expression; a larger one is filtered from the best full-text matches."""

    def best_matches_published(
        self, match: str, start: str, end: str, *, limit: int = 40, outlet: str | None = None
    ) -> list[ArticleText]:
        """Originals published from ``start`` up to (not including) ``end`` (ISO strings) that best match an FTS5
        expression, best first: the articles of a date window (with ``outlet``, of the outlets it names)."""
        in_window = self.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM articles WHERE published_at >= ? AND published_at < ? LIMIT ?)",
            (start, end, self.WINDOW_SCAN_LIMIT + 1),
        ).fetchone()[0]
        where, extra = _outlet_condition(outlet)
        if in_window <= self.WINDOW_SCAN_LIMIT:
            sql = (
                "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM articles a"
                " JOIN articles_fts f ON f.rowid = a.id WHERE a.published_at >= ? AND a.published_at < ?"
                f" AND articles_fts MATCH ? AND a.duplicate_of IS NULL{where} ORDER BY f.rank LIMIT ?"
            )
            rows = self.conn.execute(sql, (start, end, match, *extra, limit)).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM"
                " (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) t"
                " JOIN articles a ON a.id = t.rowid WHERE a.published_at >= ? AND a.published_at < ?"
                f" AND a.duplicate_of IS NULL{where} ORDER BY t.rank LIMIT ?",
                (match, limit * 50, start, end, *extra, limit),
            ).fetchall()
        return [ArticleText(*r) for r in rows]

    def newest_id(self) -> int:
        """The highest article id (0 for an empty store)."""
        return int(self.conn.execute("SELECT max(rowid) FROM articles_fts").fetchone()[0] or 0)

    def mentioning(self, actor_id: int, limit: int) -> list[ArticleText]:
        """The latest ``limit`` originals that mention an actor, newest first."""
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM articles a"
            " WHERE a.id IN (SELECT article_id FROM mentions WHERE actor_id = ? ORDER BY article_id DESC LIMIT ?)"
            " AND a.duplicate_of IS NULL ORDER BY a.published_at DESC",
            (actor_id, limit),
        ).fetchall()
        return [ArticleText(*r) for r in rows]


def outlet_patterns(name: str) -> tuple[str, ...]:
    """SQL LIKE patterns (lower case, ``\\`` escapes) of the outlet names a reader writes as ``name``: the name itself,
    with or without a leading "The", followed by nothing, by more words ("CNN" for "CNN International", "BBC" for
    "BBC News") or by a section in brackets ("Financial Times" for "Financial Times (World)")."""
    base = _outlet_base(name)
    if not base:
        return ()
    escaped = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return tuple(f"{the}{escaped}{tail}" for the in ("", "the ") for tail in ("", " %"))


def from_outlet(name: str, source: str | None) -> bool:
    """The outlet ``source`` is one a reader writes as ``name`` (the Python twin of :func:`outlet_patterns`)."""
    base = _outlet_base(name)
    outlet = (source or "").lower().removeprefix("the ")
    return bool(base) and (outlet == base or outlet.startswith(base + " "))


def _outlet_base(name: str) -> str:
    """An outlet's name as compared: lower case, without a leading "The"."""
    return name.strip().lower().removeprefix("the ").strip()


def _outlet_condition(outlet: str | None) -> tuple[str, tuple[str, ...]]:
    """The SQL condition (and its parameters) keeping the articles of the outlets ``outlet`` names."""
    if not outlet:
        return "", ()
    patterns = outlet_patterns(outlet)
    if not patterns:
        return "", ()
    clause = " OR ".join("lower(a.source) LIKE ? ESCAPE '\\'" for _ in patterns)
    return f" AND ({clause})", patterns
