"""Ingest runs (one row per named source per ingest) and feed validators: what source health is read from."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from briefings.models import IngestCounts, SourceHealth, SourceRun
from briefings.text.dates import iso


class Runs:
    """The ``ingest_runs`` and ``feed_state`` tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def start(self, source: str, kind: str, started: datetime) -> int:
        """Record the start of ingesting one source; a row never finished marks an interrupted run."""
        cursor = self.conn.execute(
            "INSERT INTO ingest_runs (source, kind, started) VALUES (?, ?, ?)", (source, kind, iso(started))
        )
        return int(cursor.lastrowid or 0)

    def finish(self, run_id: int, counts: IngestCounts, error: str | None, finished: datetime) -> None:
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

    def latest(self) -> list[SourceRun]:
        """The latest run of every source, most recently started first."""
        rows = self.conn.execute(
            "SELECT source, kind, started, finished, new, updated, duplicates, failed, error FROM ingest_runs r"
            " WHERE id = (SELECT max(id) FROM ingest_runs WHERE source = r.source) ORDER BY started DESC, source"
        ).fetchall()
        return [SourceRun(*r) for r in rows]

    def health(self, since: datetime) -> list[SourceHealth]:
        """Every ingested source: its latest run and error, last success, articles added since ``since``."""
        latest = {run.source: run for run in self.latest()}
        rows = self.conn.execute(
            "SELECT source, kind, max(started),"
            " max(finished) FILTER (WHERE error IS NULL AND finished IS NOT NULL),"
            " coalesce(sum(new) FILTER (WHERE started >= ?), 0), count(*)"
            " FROM ingest_runs GROUP BY source",
            (iso(since),),
        ).fetchall()
        return [
            SourceHealth(source, kind, last_run, success, latest[source].error, new, runs)
            for source, kind, last_run, success, new, runs in rows
        ]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified seen on the last successful fetch of a feed (or file identity)."""
        row = self.conn.execute("SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None, now: datetime) -> None:
        """Record validators; call inside the write transaction that stored the feed's entries."""
        self.conn.execute(
            "INSERT INTO feed_state (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
            " checked_at = excluded.checked_at",
            (url, etag, last_modified, iso(now)),
        )
