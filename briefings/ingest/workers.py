"""Cleaning (and extraction) of large batches in worker processes, overlapping the main process's writes.

Results come back in input order with a few chunks in flight. A worker that cannot start or dies (killed for
memory) is not fatal: the rest is done in the main process.
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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from briefings.errors import SourceError
from briefings.ingest.jsonfile import JsonLine
from briefings.ingest.normalise import ExtractOptions, extract_chunk, normalise_chunk, normalise_or_error, warm_up
from briefings.models import Article, RawArticle

log = logging.getLogger(__name__)

CHUNK = 64
"""Articles per round trip to a worker."""
IN_FLIGHT = 6
"""Chunks submitted ahead of the one being written: enough to keep a worker busy, bounded in memory."""
PARALLEL_MIN = 400
"""Batches at least this large are cleaned in a worker process while the main process writes."""
PARALLEL_MIN_EXTRACT = 48
"""With extraction (tens of milliseconds an article) a worker pays off much sooner."""

Job = tuple[RawArticle | JsonLine | SourceError, datetime]
_Chunk = tuple[list[Article | SourceError], list[Article], "Future[list[Article]] | None"]


def _done(in_flight: collections.deque) -> list[Article | SourceError]:
    """The oldest chunk's results; it leaves the queue only once they are in (a dead worker's chunk stays)."""
    results = in_flight[0][1].result()
    in_flight.popleft()
    return results


def _batches(jobs: Iterator[Job]) -> Iterator[list[Job]]:
    """Consecutive jobs, ``CHUNK`` at a time."""
    while chunk := list(itertools.islice(jobs, CHUNK)):
        yield chunk


def _chunks(results: Iterator[Article | SourceError]) -> Iterator[list[Article | SourceError]]:
    """Consecutive results holding ``CHUNK`` articles each (errors ride along in their place)."""
    chunk: list[Article | SourceError] = []
    articles = 0
    for result in results:
        chunk.append(result)
        articles += isinstance(result, Article)
        if articles >= CHUNK:
            yield chunk
            chunk, articles = [], 0
    if chunk:
        yield chunk


def default_workers(extract: bool) -> int:
    """No worker on one core; with extraction one (each loads spaCy: memory stays under 1 GB); else two."""
    cpus = os.cpu_count() or 1
    if cpus < 2:
        return 0
    return 1 if extract else 2


def exit_with_parent(parent: int) -> None:
    """In a worker: exit when the ingesting process is gone (killed with -9 it cannot stop its workers, which
    would otherwise wait for work forever, holding the spaCy model's memory)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


class Normaliser:
    """Turns raw articles into clean Articles (with their extraction when enabled), in workers when it pays."""

    def __init__(self, extract: ExtractOptions, workers: int) -> None:
        self.extract = extract
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def minimum(self) -> int:
        """The batch size from which a worker process is used."""
        return PARALLEL_MIN_EXTRACT if self.extract.enabled else PARALLEL_MIN

    def warm_up(self) -> None:
        """Start a worker (and its model) now, while the first file is read."""
        if self.workers:
            self._worker_pool().submit(warm_up, self.extract)

    def run(
        self, jobs: Iterable[Job], wanted: Callable[[Article], bool] | None = None, *, many: bool = False
    ) -> Iterator[Article | SourceError]:
        """Clean every job, in order, reading ``jobs`` as it goes (a stream stays a stream); errors are yielded in
        place of their article. ``many``: the batch is large enough for a worker process. With extraction, only
        the articles ``wanted`` says are new text are extracted (a re-ingest extracts nothing); the others come
        back without it."""
        if self.extract.enabled:
            # Cleaning is cheap next to extraction: it runs here, so the store can be asked what is new first.
            cleaned = (normalise_or_error(job) for job in jobs)
            yield from self._extracted(cleaned, wanted or (lambda _: True), bool(self.workers) and many)
            return
        chunks = _batches(iter(jobs))
        if self.workers and many:
            yield from self._in_worker(chunks)
        for chunk in chunks:
            yield from normalise_chunk(chunk, None)

    def _in_worker(self, chunks: Iterator[list[Job]]) -> Iterator[Article | SourceError]:
        """Results in order, keeping a few chunks in flight: Executor.map would read every job up front. If the
        worker dies, the chunks it held are cleaned here and the caller goes on with the rest."""
        in_flight: collections.deque[tuple[list[Job], Future[list[Article | SourceError]]]] = collections.deque()
        try:
            pool = self._worker_pool()
            for chunk in chunks:
                in_flight.append((chunk, pool.submit(normalise_chunk, chunk, None)))
                if len(in_flight) >= IN_FLIGHT:
                    yield from _done(in_flight)
            while in_flight:
                yield from _done(in_flight)
        except BrokenProcessPool:
            self._broken()
            while in_flight:
                yield from normalise_chunk(in_flight.popleft()[0], None)
        except BaseException:
            self.close()
            raise

    def _extracted(
        self, cleaned: Iterator[Article | SourceError], wanted: Callable[[Article], bool], parallel: bool
    ) -> Iterator[Article | SourceError]:
        """Cleaned results in order, the wanted articles extracted: in a worker with a few chunks in flight (the
        main process saves meanwhile), or here."""
        queue: collections.deque[_Chunk] = collections.deque()
        ahead = IN_FLIGHT if parallel else 0
        try:
            for results in _chunks(cleaned):
                todo = [r for r in results if isinstance(r, Article) and wanted(r)]
                work = None
                if todo and parallel and self.workers:
                    try:
                        work = self._worker_pool().submit(extract_chunk, todo, self.extract)
                    except BrokenProcessPool:
                        self._broken()
                queue.append((results, todo, work))
                while len(queue) > ahead:
                    yield from self._finish(*queue.popleft())
            while queue:
                yield from self._finish(*queue.popleft())
        except BaseException:
            self.close()
            raise

    def _finish(
        self, results: list[Article | SourceError], todo: list[Article], work: Future[list[Article]] | None
    ) -> Iterator[Article | SourceError]:
        extracted: list[Article] = []
        if todo and work is not None:
            try:
                extracted = work.result()
            except BrokenProcessPool:
                self._broken()
                work = None
        if todo and work is None:
            extracted = extract_chunk(todo, self.extract)
        by_id = {id(before): after for before, after in zip(todo, extracted, strict=True)}
        for result in results:
            yield by_id.get(id(result), result)

    def _broken(self) -> None:
        if self.workers:
            log.warning("worker process failed; going on in the main process")
        self.workers = 0
        self.close()

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

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
