"""Source health from the ingest runs: last success, last error, articles added in the last 24 hours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from briefings.models import SourceHealth
from briefings.store import Store

RECENT = timedelta(hours=24)
REASON_CHARS = 160


def source_health(store: Store, now: datetime) -> list[SourceHealth]:
    """One row per source that has been ingested, failing ones first."""
    return sorted(store.runs.health(now - RECENT), key=lambda h: (not h.failing, h.source))


def of_location(rows: Sequence[SourceHealth], location: str) -> list[SourceHealth]:
    """The rows ingested from ``location``: the location itself, or files inside it when it is a folder."""
    root = location.rstrip("/")
    return [h for h in rows if h.source.rstrip("/") == root or h.source.startswith(root + "/")]


def failing_sources(store: Store, only: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Sources whose latest ingest run failed (an error, or only failed items), with the reason."""
    wanted = {s.casefold() for s in only}
    out = []
    for run in sorted(store.runs.latest(), key=lambda r: r.source):
        if wanted and run.source.casefold() not in wanted:
            continue
        if run.error:
            out.append((run.source, run.error.splitlines()[0][:REASON_CHARS]))
        elif run.failed and not (run.new + run.updated + run.duplicates):
            out.append((run.source, f"{run.failed} item(s) failed"))
    return out
