"""The store: one SQLite file (WAL, busy timeout, foreign keys), and the only owner of its connections.

A :class:`Store` wraps one connection, which belongs to the thread that opened it; :class:`ThreadStores` gives
each thread its own. Writes happen inside :meth:`Store.write`, a short ``BEGIN IMMEDIATE`` transaction, so a
writer waits for another instead of failing with "database is locked". The tables are reached through one
object per concept, each holding that concept's SQL and returning typed records:

    store.articles   articles, full-text search, near-duplicate fingerprints   (store/articles.py)
    store.actors     actors, aliases, mentions, extraction bookkeeping         (store/actors.py)
    store.events     events                                                    (store/events.py)
    store.stories    stories, briefings, what each channel was sent            (store/stories.py)
    store.slots      scheduled briefing slots                                  (store/slots.py)
    store.runs       ingest runs, feed validators, source health               (store/runs.py)
    store.meta       facts about the store itself (the extraction profile)     (store/meta.py)
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from briefings.errors import StoreError
from briefings.models import StoreStats
from briefings.store.actors import Actors
from briefings.store.articles import Articles
from briefings.store.events import Events
from briefings.store.meta import Meta
from briefings.store.runs import Runs
from briefings.store.schema import migrations
from briefings.store.slots import Slots
from briefings.store.stories import Stories

DEFAULT_PATH = os.path.join("data", "briefbot.db")
"""Where the CLI, the configuration and the service look for the store unless told otherwise."""
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32_768
"""Page cache per connection: ingestion interleaves the article, FTS and LSH b-trees in one transaction."""


class Store:
    """One connection to the Briefbot database and the queries of each table group."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.db = Database(conn, execute_plugins=False)
        self.articles = Articles(conn)
        self.actors = Actors(conn, path)
        self.events = Events(conn)
        self.stories = Stories(conn)
        self.slots = Slots(conn)
        self.runs = Runs(conn)
        self.meta = Meta(conn)

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
            self.articles.flush()
        except BaseException:
            self.articles.discard()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def errors_as_store_errors(self) -> Iterator[Store]:
        """Reads whose SQLite errors (a locked, corrupt or foreign file) surface as ``StoreError``."""
        try:
            yield self
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def data_version(self) -> int:
        """A number that changes when another connection commits to the store (SQLite's ``data_version``): what
        this connection read before is still current while it stays the same."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def stats(self) -> StoreStats:
        """Counts, outlets, the date range and the latest run of each source."""
        total, originals, first, last = self.articles.totals()
        return StoreStats(
            articles=total,
            originals=originals,
            duplicates=total - originals,
            outlets=self.articles.outlets(),
            first_published=first,
            last_published=last,
            last_runs=self.runs.latest(),
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


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (creating if needed) the database at ``path`` and apply pending migrations.

    ``readonly`` opens an existing database for reading only (no migration, no file created)."""
    path = str(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return Store(conn, path)
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        store = Store(conn, path)
        if migrations.pending(store.db):
            with store.write():
                migrations.apply(store.db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
    return store


class ThreadStores:
    """One store connection per thread (SQLite connections belong to the thread that opened them).

    Call it to get the calling thread's store; ``close`` closes the calling thread's connection."""

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()

    def __call__(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.path, readonly=self.readonly)
        return store

    def close(self) -> None:
        """Close the calling thread's connection (a connection can only be closed by its own thread)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None
