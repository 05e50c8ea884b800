"""Source health from the ingest runs: last success, last error, articles added in the last 24 hours."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from briefings.text.dates import iso


@dataclass(frozen=True)
class SourceHealth:
    source: str
    kind: str
    last_run: str
    last_success: str | None
    last_error: str | None
    """The error of the latest run, if it failed."""
    new_last_24h: int
    runs: int

    @property
    def failing(self) -> bool:
        return self.last_error is not None


def source_health(conn: sqlite3.Connection, now: datetime) -> list[SourceHealth]:
    """One row per source that has been ingested, failing ones first."""
    rows = conn.execute(
        """
        SELECT r.source, r.kind, max(r.started),
               max(r.finished) FILTER (WHERE r.error IS NULL AND r.finished IS NOT NULL),
               (SELECT error FROM ingest_runs WHERE source = r.source ORDER BY id DESC LIMIT 1),
               coalesce(sum(r.new) FILTER (WHERE r.started >= ?), 0),
               count(*)
        FROM ingest_runs r GROUP BY r.source
        """,
        (iso(now - timedelta(hours=24)),),
    ).fetchall()
    out = [SourceHealth(*row) for row in rows]
    return sorted(out, key=lambda h: (not h.failing, h.source))
