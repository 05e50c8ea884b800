"""Cleaning (and extraction) of large batches in worker processes, overlapping the main process's writes.

Results come back in input order with a few chunks in flight. A worker that cannot start or dies (killed for
memory) is not fatal: the rest is done in the main process.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from briefings.errors import SourceError
from briefings.ingest.jsonfile import JsonLine
from briefings.ingest.normalise import ExtractOptions, normalise_chunk, warm_up
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

Job = tuple[RawArticle | JsonLine, datetime]


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

    def run(self, jobs: Sequence[Job]) -> Iterator[Article | SourceError]:
        """Clean every job, in order; errors are yielded in place of their article."""
        done = 0
        if self.workers and len(jobs) >= self.minimum:
            try:
                for result in self._in_worker(jobs):
                    done += 1
                    yield result
                return
            except BrokenProcessPool:
                log.warning("worker process failed; going on in the main process")
                self.workers = 0
                self.close()
            except BaseException:
                self.close()
                raise
        for i in range(done, len(jobs), CHUNK):
            yield from normalise_chunk(list(jobs[i : i + CHUNK]), self.extract)

    def _in_worker(self, jobs: Sequence[Job]) -> Iterator[Article | SourceError]:
        """Results in order, keeping a few chunks in flight: Executor.map would pickle every job up front."""
        pool = self._worker_pool()
        in_flight: collections.deque[Future[list[Article | SourceError]]] = collections.deque()
        for i in range(0, len(jobs), CHUNK):
            in_flight.append(pool.submit(normalise_chunk, list(jobs[i : i + CHUNK]), self.extract))
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

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
