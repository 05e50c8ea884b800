"""Ingest named sources into the store: expand directories, read each file or URL, clean, deduplicate, save.

Each file, feed or page is written in its own transaction; one row per named source goes to ``ingest_runs``.
A failing file, record or feed produces one line naming it (``path``, ``path:line``, URL) and the reason,
and the rest of the batch goes on.
"""

from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from briefings.errors import ModelError, ParseError, SourceError, UnsupportedSource
from briefings.ingest.feeds import looks_like_feed, read_feed
from briefings.ingest.fetch import ANY_TYPES, FEED_TYPES, PAGE_TYPES, Fetcher, FetchPolicy
from briefings.ingest.jsonfile import JsonLine, read_csv, read_json, split_jsonl
from briefings.ingest.normalise import ExtractOptions, normalise_chunk, warm_up
from briefings.ingest.seedtext import read_seed_text
from briefings.ingest.webpage import read_page
from briefings.models import Article, IngestCounts, RawArticle
from briefings.store.database import Store
from briefings.text.dates import utc_now

log = logging.getLogger(__name__)

CHUNK = 64
IN_FLIGHT = 6
PARALLEL_MIN = 400
"""Batches at least this large are cleaned in a worker process while the main process writes."""
PARALLEL_MIN_EXTRACT = 48
"""With extraction (tens of milliseconds an article) a worker pays off much sooner."""

EXTENSIONS = {
    ".txt": "seed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".html": "html",
    ".htm": "html",
}


class Listener(Protocol):
    """Receives progress and messages; the CLI draws a progress bar and prints the lines.

    Progress is in units of work (about a kilobyte of input each), so one large file moves the bar smoothly."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str, units: int = 1) -> None: ...
    def problem(self, line: str) -> None: ...
    def notice(self, line: str) -> None: ...


class QuietListener:
    """Collects problems and notices; the default when nobody is watching."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notices: list[str] = []

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str, units: int = 1) -> None:
        pass

    def problem(self, line: str) -> None:
        self.problems.append(line)

    def notice(self, line: str) -> None:
        self.notices.append(line)


@dataclass(frozen=True)
class Leaf:
    """One readable unit: a file or a URL, and the named source it belongs to."""

    location: str
    kind: str
    root: str


def is_url(text: str) -> bool:
    return "://" in text and not os.path.exists(text)


def expand(sources: Iterable[str], *, force_feed: bool = False) -> list[Leaf]:
    """Expand named sources into leaves; files of unknown type inside a directory become ``skip`` leaves."""
    leaves: list[Leaf] = []
    for source in sources:
        if is_url(source):
            leaves.append(Leaf(source, "feed-url" if force_feed else "url", source))
            continue
        path = Path(source)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    file_path = os.path.join(folder, name)
                    leaves.append(Leaf(file_path, EXTENSIONS.get(Path(name).suffix.lower(), "skip"), source))
        else:
            kind = EXTENSIONS.get(path.suffix.lower(), "unsupported")
            if force_feed and kind != "unsupported":
                kind = "feed"
            leaves.append(Leaf(source, kind, source))
    return leaves


URL_WEIGHT = 50
"""Progress units of a URL (a file counts one unit per kilobyte)."""


def _weight(leaf: Leaf) -> int:
    if leaf.kind in ("url", "feed-url"):
        return URL_WEIGHT
    try:
        return max(1, os.path.getsize(leaf.location) // 1000)
    except OSError:
        return 1


class _LeafProgress:
    """Spreads one file's progress units over its articles as they are stored."""

    def __init__(self, listener: Listener, label: str, weight: int) -> None:
        self.listener, self.label, self.weight = listener, label, weight
        self.done = 0
        self.per_item = 0.0
        self.items = 0

    def expect(self, items: int) -> None:
        self.per_item = self.weight / items if items else 0.0

    def item(self) -> None:
        self.items += 1
        target = min(self.weight, int(self.items * self.per_item))
        if target > self.done:
            self.listener.advance(self.label, target - self.done)
            self.done = target

    def finish(self) -> None:
        if self.done < self.weight:
            self.listener.advance(self.label, self.weight - self.done)
            self.done = self.weight


def _default_workers(extract: bool) -> int:
    """No worker on one core; with extraction one (each loads spaCy: memory stays under 1 GB); else two."""
    cpus = os.cpu_count() or 1
    if cpus < 2:
        return 0
    return 1 if extract else 2


def _is_large(leaf: Leaf, extract: bool) -> bool:
    """A local file big enough to be worth a worker process."""
    minimum = (PARALLEL_MIN_EXTRACT if extract else PARALLEL_MIN) * 1000
    try:
        return leaf.kind in ("json", "jsonl", "csv", "feed") and os.path.getsize(leaf.location) >= minimum
    except OSError:
        return False


def _read_text(path: str) -> str:
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise ParseError(reason, f"{path}:{line}") from None


def exit_with_parent(parent: int) -> None:
    """In a worker: exit when the ingesting process is gone (killed with -9 it cannot stop its workers, which
    would otherwise wait for work forever, holding the spaCy model's memory)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def file_validators(location: str) -> tuple[str, None, str]:
    """What identifies a file's content cheaply (size and modification time), stored like a feed's validators
    so a scheduled poll of a folder skips files it has already read."""
    path = Path(location).resolve()
    stat = path.stat()
    return f"file://{path}", None, f"{stat.st_size}:{stat.st_mtime_ns}"


class Ingestor:
    """Reads leaves and saves their articles; holds the store, the fetcher and the clock."""

    def __init__(
        self,
        store: Store,
        *,
        fetcher: Fetcher | None = None,
        policy: FetchPolicy | None = None,
        listener: Listener | None = None,
        clock: Callable[[], datetime] = utc_now,
        workers: int | None = None,
        extract: ExtractOptions | None = None,
    ) -> None:
        self.store = store
        self.extract = extract or ExtractOptions(enabled=False)
        self._fetcher = fetcher
        self._policy = policy
        self._own_fetcher = fetcher is None
        self.listener = listener or QuietListener()
        self.clock = clock
        self.workers = _default_workers(self.extract.enabled) if workers is None else max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._policy)
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()
        self._close_pool()

    def ingest(self, sources: Iterable[str], *, force_feed: bool = False) -> IngestCounts:
        """Ingest every named source; returns the totals (``failed`` > 0 when any file, record or feed failed)."""
        sources = list(dict.fromkeys(sources))
        leaves = expand(sources, force_feed=force_feed)
        self.listener.start(sum(_weight(leaf) for leaf in leaves if leaf.kind != "skip"))
        if self.workers and any(_is_large(leaf, self.extract.enabled) for leaf in leaves):
            self._worker_pool().submit(warm_up, self.extract)  # start the worker while the first file is read
        by_root: dict[str, list[Leaf]] = {source: [] for source in sources}
        for leaf in leaves:
            by_root[leaf.root].append(leaf)
        total = IngestCounts()
        for source in sources:
            counts = IngestCounts()
            if is_url(source):
                kind = "url"
            elif Path(source).is_dir():
                kind = "directory"
            else:
                kind = by_root[source][0].kind
            run_id = self.store.start_run(source, kind, self.clock())
            errors: list[str] = []
            try:
                for leaf in by_root[source]:
                    if leaf.kind == "skip":
                        counts.skipped += 1
                        self.listener.notice(f"{leaf.location}: skipped, not a supported file type")
                        continue
                    progress = _LeafProgress(self.listener, leaf.location, _weight(leaf))
                    counts.add(self._ingest_leaf(leaf, errors, progress))
                    progress.finish()
            finally:
                error = None
                if errors:
                    error = errors[0] if len(errors) == 1 else f"{len(errors)} errors, first: {errors[0]}"
                self.store.finish_run(run_id, counts, error, self.clock())
            total.add(counts)
        return total

    def _fail(self, errors: list[str], line: str) -> None:
        errors.append(line)
        self.listener.problem(line)

    def _ingest_leaf(self, leaf: Leaf, errors: list[str], progress: _LeafProgress | None = None) -> IngestCounts:
        counts = IngestCounts()
        try:
            try:
                raws, validators = self._read_leaf(leaf, counts, errors)
            except OSError as exc:
                raise SourceError(exc.strerror or str(exc), leaf.location) from None
            fetched_at = self.clock()
            if progress is not None:
                progress.expect(len(raws))
            self._save(self._normalise_all(raws, fetched_at), counts, errors, validators, fetched_at, progress)
        except SourceError as exc:
            if not exc.where:
                exc.where = leaf.location
            counts.failed += 1
            self._fail(errors, str(exc))
        except ModelError:
            raise  # no model, no extraction: every source would fail alike, so stop with one message
        except Exception as exc:  # a bug must not lose the rest of the batch
            log.exception("unexpected error ingesting %s", leaf.location)
            counts.failed += 1
            self._fail(errors, f"{leaf.location}: internal error ({type(exc).__name__}: {exc})")
        return counts

    def _normalise_all(
        self, raws: list[RawArticle | JsonLine], fetched_at: datetime
    ) -> Iterator[Article | SourceError]:
        """Clean, fingerprint and extract; large batches in a worker process, overlapping the database writes."""
        jobs = [(raw, fetched_at) for raw in raws]
        minimum = PARALLEL_MIN_EXTRACT if self.extract.enabled else PARALLEL_MIN
        done = 0
        if self.workers and len(jobs) >= minimum:
            try:
                for result in self._in_worker(jobs):
                    done += 1
                    yield result
                return
            except BrokenProcessPool:
                # A worker could not start or died (e.g. killed for memory): carry on in this process.
                log.warning("worker process failed; going on in the main process")
                self.workers = 0
                self._close_pool()
            except BaseException:
                self._close_pool()
                raise
        for i in range(done, len(jobs), CHUNK):
            yield from normalise_chunk(jobs[i : i + CHUNK], self.extract)

    def _in_worker(self, jobs: list) -> Iterator[Article | SourceError]:
        """Results in order, keeping a few chunks in flight: Executor.map would pickle every job up front."""
        pool = self._worker_pool()
        chunks = (jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK))
        in_flight: collections.deque = collections.deque()
        for chunk in chunks:
            in_flight.append(pool.submit(normalise_chunk, chunk, self.extract))
            if len(in_flight) >= IN_FLIGHT:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def _worker_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork starts a worker in milliseconds with everything already imported, but copies other threads'
            # locks mid-use: only a single-threaded process (the CLI) forks; the bot, with its chat clients
            # and scheduler threads, spawns a fresh interpreter instead.
            method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _save(
        self,
        results: Iterable[Article | SourceError],
        counts: IngestCounts,
        errors: list[str],
        validators: tuple[str, str | None, str | None] | None,
        now: datetime,
        progress: _LeafProgress | None = None,
    ) -> None:
        results = iter(results)
        first = next(results, None)
        if first is None and validators is None:
            return
        stored = IngestCounts()  # counted only once the transaction commits
        with self.store.write():
            for article in itertools.chain([first] if first is not None else [], results):
                if progress is not None:
                    progress.item()
                if isinstance(article, SourceError):
                    counts.failed += 1
                    self._fail(errors, str(article))
                    continue
                outcome = self.store.save_article(article, now)
                if outcome == "new":
                    stored.new += 1
                elif outcome == "updated":
                    stored.updated += 1
                else:
                    stored.duplicates += 1
                    if outcome == "near_duplicate":
                        stored.near_duplicates += 1
                    elif outcome == "unchanged":
                        stored.unchanged += 1
            if validators is not None:
                self.store.set_feed_validators(*validators, now)
        counts.add(stored)

    def _record_errors(self, items: Iterable[RawArticle | ParseError], counts: IngestCounts, errors: list[str]):
        good: list[RawArticle] = []
        for item in items:
            if isinstance(item, ParseError):
                counts.failed += 1
                self._fail(errors, str(item))
            else:
                good.append(item)
        return good

    def _read_leaf(
        self, leaf: Leaf, counts: IngestCounts, errors: list[str]
    ) -> tuple[list[RawArticle | JsonLine], tuple[str, str | None, str | None] | None]:
        kind, location = leaf.kind, leaf.location
        if kind in ("url", "feed-url"):
            return self._read_url(leaf, counts)
        if kind == "unsupported":
            if "://" in location:
                raise UnsupportedSource("only http and https URLs are fetched", location)
            if not os.path.exists(location):
                raise UnsupportedSource("no such file or directory", location)
            suffix = Path(location).suffix or "(none)"
            known = ", ".join(sorted(EXTENSIONS))
            raise UnsupportedSource(f"unsupported file type {suffix!r} (expected one of {known})", location)
        items = self._read_file(kind, location, counts, errors)
        return items, file_validators(location)

    def _read_file(self, kind: str, location: str, counts: IngestCounts, errors: list[str]) -> list:
        if kind == "seed":
            guid = f"file:{Path(location).resolve()}"
            return [replace(raw, guid=guid) for raw in read_seed_text(_read_text(location), location)]
        if kind == "jsonl":
            return split_jsonl(_read_text(location), location)
        if kind == "csv":
            return self._record_errors(read_csv(_read_text(location), location), counts, errors)
        if kind == "json":
            return self._record_errors(read_json(_read_text(location), location), counts, errors)
        content = Path(location).read_bytes()
        if kind == "feed":
            return self._feed_articles(content, location, None, counts)
        if kind == "html":
            raw = read_page(content, location)
            guid = None if raw.url else f"file:{Path(location).resolve()}"
            return [replace(raw, guid=guid)]
        raise UnsupportedSource(f"unknown source kind {kind!r}", location)

    def _feed_articles(self, content: bytes, where: str, content_type: str | None, counts: IngestCounts):
        feed = read_feed(content, where, content_type)
        counts.skipped += feed.skipped
        if feed.skipped:
            self.listener.notice(f"{where}: skipped {feed.skipped} entries without a title or link")
        if feed.warning:
            self.listener.notice(f"{where}: {feed.warning}")
        return feed.articles

    def _read_url(self, leaf: Leaf, counts: IngestCounts):
        url = leaf.location
        etag, last_modified = self.store.feed_validators(url)
        accept = FEED_TYPES | {"text/html"} if leaf.kind == "feed-url" else ANY_TYPES
        response = self.fetcher.get(url, accept=accept, etag=etag, last_modified=last_modified)
        if response.not_modified:
            self.listener.notice(f"{url}: not modified since the last fetch")
            return [], None
        is_feed = (
            leaf.kind == "feed-url" or looks_like_feed(response.content) or (response.content_type not in PAGE_TYPES)
        )
        if is_feed:
            header = response.content_type + (f"; charset={response.charset}" if response.charset else "")
            articles = self._feed_articles(response.content, url, header, counts)
            return articles, (url, response.etag, response.last_modified)
        return [read_page(response.content, url, response.url)], None
