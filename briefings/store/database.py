"""The article store: one SQLite file (WAL, busy timeout, foreign keys), typed reads and writes.

A ``Store`` belongs to one thread. Writes happen inside :meth:`Store.write`, a short ``BEGIN IMMEDIATE``
transaction, so a writer waits for another instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from briefings.errors import QueryError, StoreError
from briefings.models import Article, IngestCounts, SearchHit, SourceStats, StoreStats
from briefings.store.schema import migrations
from briefings.text import fingerprint as dedup
from briefings.text.clean import word_string
from briefings.text.dates import iso

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32_768
"""Page cache per connection: ingestion interleaves the article, FTS and LSH b-trees in one transaction."""
MAX_QUERY_CHARS = 300
_HAS_WORD = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W_]+")
_LSH_CANDIDATES = (
    "SELECT m.article_id, m.signature, m.shingles FROM article_minhash m WHERE m.article_id IN"
    f" (SELECT DISTINCT article_id FROM article_lsh WHERE key IN ({', '.join(['?'] * dedup.BANDS)}))"
)


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


def fts_query(text: str) -> str | None:
    """Turn user text into a safe FTS5 MATCH expression: every token quoted, ANDed.

    Returns None when no token can match anything (only punctuation); raises QueryError for empty,
    over-long or NUL-containing input."""
    if "\x00" in text:
        raise QueryError("search text contains a NUL character")
    text = text.strip()
    if not text:
        raise QueryError("search text is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"search text is longer than {MAX_QUERY_CHARS} characters")
    tokens = [t for t in text.split() if _HAS_WORD.search(t)]
    if not tokens:
        return None
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


class Store:
    """Typed access to the Briefbot database."""

    def __init__(self, db: Database, path: str) -> None:
        self.db = db
        self.path = path
        self.conn = db.conn
        # Fingerprints of articles saved in the open write transaction, written in one batch before COMMIT:
        # interleaving thousands of small LSH inserts with the FTS writes costs a third of ingest time.
        self._pending: dict[int, dedup.Fingerprint] = {}
        self._pending_keys: dict[int, list[int]] = {}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[Store]:
        """A short write transaction that takes the write lock up front (BEGIN IMMEDIATE)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self._flush_fingerprints()
        except BaseException:
            self._pending.clear()
            self._pending_keys.clear()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- articles -------------------------------------------------------------------------------

    def save_article(self, article: Article, now: datetime) -> str:
        """Store one article inside an open write transaction.

        Returns ``new``, ``updated``, ``unchanged`` (same URL or GUID, same text), ``duplicate`` (same text
        elsewhere) or ``near_duplicate`` (a syndicated copy, stored with ``duplicate_of``)."""
        conn = self.conn
        row = None
        if article.url:
            row = conn.execute("SELECT id, content_hash FROM articles WHERE url = ?", (article.url,)).fetchone()
        if row is None and article.guid:
            row = conn.execute(
                "SELECT id, content_hash FROM articles WHERE guid = ? AND source IS ?",
                (article.guid, article.source),
            ).fetchone()
        if row is not None:
            article_id, old_hash = row
            if old_hash == article.content_hash:
                return "unchanged"
            conn.execute(
                "UPDATE articles SET title = ?, body = ?, content_hash = ?, updated_at = ?, language = ? WHERE id = ?",
                (article.title, article.body, article.content_hash, iso(now), article.language, article_id),
            )
            self._unindex_signature(article_id)
            self._index_signature(article_id, self._fingerprint(article))
            self._save_extraction(article_id, article, now)
            return "updated"

        same = conn.execute(
            "SELECT id, duplicate_of FROM articles WHERE content_hash = ? LIMIT 1", (article.content_hash,)
        ).fetchone()
        if same is not None:
            if article.url or article.guid:
                self._insert(article, duplicate_of=same[1] or same[0])
            return "duplicate"

        fp = self._fingerprint(article)
        original = self._near_duplicate_of(fp, article.body) if fp is not None else None
        if original is not None:
            self._insert(article, duplicate_of=original)
            return "near_duplicate"
        article_id = self._insert(article, duplicate_of=None)
        self._index_signature(article_id, fp)
        self._save_extraction(article_id, article, now)
        return "new"

    def _save_extraction(self, article_id: int, article: Article, now: datetime) -> None:
        """Actors and events go in the same transaction as their article; copies are not extracted."""
        if article.extraction is None:
            return
        from briefings.extract.resolve import save_extraction

        save_extraction(self.conn, article_id, article.extraction, now)  # type: ignore[arg-type]

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
            return article.fingerprint  # type: ignore[return-value]
        return dedup.fingerprint(word_string(article.body))

    def _index_signature(self, article_id: int, fp: dedup.Fingerprint | None) -> None:
        if fp is None:
            return
        self._pending[article_id] = fp
        for key in fp.keys:
            self._pending_keys.setdefault(key, []).append(article_id)

    def _flush_fingerprints(self) -> None:
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
        self._pending.clear()
        self._pending_keys.clear()

    def _unindex_signature(self, article_id: int) -> None:
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
            for article_id, blob, size in self.conn.execute(_LSH_CANDIDATES, fp.keys).fetchall()
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

    def article(self, article_id: int) -> dict | None:
        """One article as a dict, or None."""
        self.conn.row_factory = sqlite3.Row
        try:
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        finally:
            self.conn.row_factory = None
        return dict(row) if row else None

    def count_articles(self, *, originals_only: bool = False) -> int:
        sql = "SELECT count(*) FROM articles"
        if originals_only:
            sql += " WHERE duplicate_of IS NULL"
        return int(self.conn.execute(sql).fetchone()[0])

    # --- ingest runs and feed state ------------------------------------------------------------

    def start_run(self, source: str, kind: str, started: datetime) -> int:
        """Record the start of ingesting one source; an unfinished row marks an interrupted run."""
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO ingest_runs (source, kind, started) VALUES (?, ?, ?)", (source, kind, iso(started))
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: IngestCounts, error: str | None, finished: datetime) -> None:
        with self.write():
            self.conn.execute(
                "UPDATE ingest_runs SET finished = ?, new = ?, updated = ?, duplicates = ?, near_duplicates = ?,"
                " failed = ?, skipped = ?, error = ? WHERE id = ?",
                (
                    iso(finished),
                    counts.new,
                    counts.updated,
                    counts.duplicates,
                    counts.near_duplicates,
                    counts.failed,
                    counts.skipped,
                    error,
                    run_id,
                ),
            )

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified seen on the last successful fetch of a feed."""
        row = self.conn.execute("SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_feed_validators(self, url: str, etag: str | None, last_modified: str | None, now: datetime) -> None:
        """Record validators; call inside the write transaction that stored the feed's entries."""
        self.conn.execute(
            "INSERT INTO feed_state (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
            " checked_at = excluded.checked_at",
            (url, etag, last_modified, iso(now)),
        )

    # --- reads ---------------------------------------------------------------------------------

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
        return [
            SearchHit(
                article_id=r[0],
                title=r[1],
                url=r[2],
                source=r[3],
                published=r[4],
                snippet=" ".join(r[5].split()),
                copies=r[6],
            )
            for r in rows
        ]

    def _search_ranked(self, text: str, match: str, limit: int, highlight: tuple[str, str]) -> list[SearchHit]:
        """The best matches by rank alone: the index's top rows first, then their articles (cheapest plan)."""
        hits: list[SearchHit] = []
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

    def stats(self) -> StoreStats:
        """Counts, outlets, the date range and the latest run of each source."""
        total, originals, first, last = self.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL),"
            " min(published_at) FILTER (WHERE duplicate_of IS NULL),"
            " max(published_at) FILTER (WHERE duplicate_of IS NULL) FROM articles"
        ).fetchone()
        outlets = self.conn.execute(
            "SELECT coalesce(source, '(no outlet)'), count(*) FROM articles WHERE duplicate_of IS NULL"
            " GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        runs = self.conn.execute(
            "SELECT source, started, finished, new, updated, duplicates, failed, error FROM ingest_runs r"
            " WHERE id = (SELECT max(id) FROM ingest_runs WHERE source = r.source) ORDER BY started DESC, source"
        ).fetchall()
        return StoreStats(
            articles=total,
            originals=originals,
            duplicates=total - originals,
            outlets=[(name, count) for name, count in outlets],
            first_published=first,
            last_published=last,
            last_runs=[SourceStats(*r) for r in runs],
        )

    def integrity_problems(self) -> list[str]:
        """Problems reported by SQLite's and FTS5's integrity checks (empty when healthy)."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        try:
            self.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"articles_fts: {exc}")
        return problems


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. Another connection creating the same new file can hold the lock this needs, and SQLite
    does not call the busy handler for it, so retry until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(0.2, delay * 2)


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the database at ``path`` and apply pending migrations."""
    path = str(path)
    if path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db = Database(conn, execute_plugins=False)
        store = Store(db, path)
        if migrations.pending(db):
            with store.write():
                migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
    return store
