"""Polling the configured sources: one ingest per due source, a failing source waits longer before each next try."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bot.config import Config, SourceConfig
from briefings.extract.profile import normalise
from briefings.ingest.fetch import Fetcher, FetchPolicy
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.ingest.progress import QuietListener
from briefings.ingest.sources import expand, file_validators
from briefings.store import Store
from briefings.text.dates import iso

MAX_BACKOFF = timedelta(hours=6)
REASON_CHARS = 300
log = logging.getLogger(__name__)


class Poller:
    """Polls one source at a time; after N failures in a row a source waits poll_minutes × 2^N (at most 6 hours)."""

    def __init__(self, config: Config, store: Callable[[], Store]) -> None:
        self.config = config
        self.store = store
        self.failures: dict[str, int] = {}
        self.not_before: dict[str, datetime] = {}
        self.lock = threading.Lock()
        self.cancel = threading.Event()
        """Set when Briefbot stops: fetches in progress let go at once instead of running to their deadline."""
        self.outside: set[str] = set()
        """Files already reported as leading outside the data directory (reported once, skipped every time)."""

    def _inside(self, source: SourceConfig, path: str) -> bool:
        """Whether ``path``, its symbolic links followed now, is inside the data directory: a link planted in a
        watched folder must not make Briefbot read (and quote) a file from elsewhere."""
        try:
            inside = Path(path).resolve().is_relative_to(Path(self.config.data_dir).resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside and path not in self.outside:
            self.outside.add(path)
            log.warning("source %s: skipping %s: it leads outside the data directory", source.name, path)
        return inside

    def _changed_files(self, source: SourceConfig) -> list[str]:
        """Files of a path source inside the data directory whose size or modification time changed since they
        were last ingested."""
        leaves = expand([source.location])
        for leaf in leaves:
            if leaf.kind == "unreadable":
                log.warning("source %s: %s: %s", source.name, leaf.location, leaf.reason)
        files = [leaf.location for leaf in leaves if leaf.kind not in ("skip", "unsupported", "unreadable")]
        store = self.store()
        changed = []
        for path in files:
            if not self._inside(source, path):
                continue
            key, _, current = file_validators(path)
            if store.runs.validators(key)[1] != current:
                changed.append(path)
        return changed

    def poll(self, source: SourceConfig, now: datetime) -> str:
        """Ingest one source now unless it is backing off; returns what happened, for the log."""
        with self.lock:
            if now < self.not_before.get(source.name, now):
                return "backing off"
        locations = [source.location]
        if source.kind == "path":
            locations = self._changed_files(source)
            if not locations:
                return "no changed files"
        policy = FetchPolicy(
            allow_private=self.config.allow_private_addresses,
            total_timeout=float(self.config.timeout),
            max_bytes=self.config.max_bytes,
        )
        extract = ExtractOptions(
            enabled=self.config.extract, model=self.config.model or None, profile=normalise(self.config.profile or None)
        )
        fetcher = Fetcher(policy, cancel=self.cancel)
        problems = QuietListener()
        ingestor = Ingestor(self.store(), fetcher=fetcher, extract=extract, workers=0, listener=problems)
        try:
            counts = ingestor.ingest(locations, force_feed=source.kind == "feed", outlet=source.outlet or None)
        finally:
            ingestor.close()
            fetcher.close()
        with self.lock:
            if counts.failed and not (counts.new or counts.updated or counts.duplicates):
                failures = self.failures.get(source.name, 0) + 1
                self.failures[source.name] = failures
                wait = min(MAX_BACKOFF, timedelta(minutes=source.poll_minutes) * (2**failures))
                self.not_before[source.name] = now + wait
                return f"failed ({failures} in a row), next try after {iso(now + wait)}: {_reason(problems.problems)}"
            self.failures.pop(source.name, None)
            self.not_before.pop(source.name, None)
        if counts.failed:
            return f"{counts.summary()}: {_reason(problems.problems)}"
        return counts.summary()


def _reason(problems: list[str]) -> str:
    """Why a poll failed, for its log line: the first problem (each names its location and reason)."""
    if not problems:
        return "no reason given"
    first = problems[0] if len(problems) == 1 else f"{len(problems)} problems, first: {problems[0]}"
    return first if len(first) <= REASON_CHARS else first[: REASON_CHARS - 1] + "…"
