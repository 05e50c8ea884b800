"""Ingest named sources into the store: expand, read, clean (and extract), deduplicate, save.

    sources ──expand──▶ leaves (files, URLs)   ingest/sources.py
            ──read────▶ raw articles             ingest/readers.py (+ feeds, jsonfile, seedtext, webpage, fetch)
            ──clean───▶ Articles (+ actors and events), in a worker for large batches   ingest/workers.py
            ──save────▶ the store: in chunks of a few hundred articles, each with its extraction, one transaction each
            ──story───▶ each new original joins a live story or starts one   stories/online.py

One row per named source goes to ``ingest_runs``. A failing file, record or feed produces one line naming it
(``path``, ``path:line``, URL) and the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from briefings.errors import ModelError, SourceError
from briefings.extract.profile import settle
from briefings.extract.resolve import save_extraction
from briefings.ingest.fetch import Fetcher, FetchPolicy
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.progress import LeafProgress, Listener, QuietListener
from briefings.ingest.readers import Content, Reader, Validators
from briefings.ingest.sources import Leaf, expand, is_documentation, source_kind
from briefings.ingest.workers import Normaliser, default_workers
from briefings.models import Article, IngestCounts
from briefings.store import Store
from briefings.stories.online import Assigner, assign_articles
from briefings.text.clean import clean_line
from briefings.text.dates import utc_now

log = logging.getLogger(__name__)

CHUNK_ARTICLES = 200
CHUNK_SECONDS = 2.0
"""A leaf's articles are written in transactions of at most this many articles or this long a gathering: a crash
loses one chunk at most, and a concurrent writer waits for one chunk's writes, never for extraction."""
ASSIGN_ARTICLES = 200
"""New originals are given their stories in groups of this many, and at the end of each leaf: as the group's last
article is saved, in the transaction of its chunk. The groups follow the input alone, not the clock that bounds
chunks, and are assigned before the store holds any later article (whose actors could merge theirs), so the same
input makes the same stories (story assignment orders and merges within a group). A leaf that fails midway leaves
its group to the next leaf's, or to the end of the ingest; an original whose chunk committed before a crash gets
its story from the next briefing."""


class Ingestor:
    """Reads leaves and saves their articles; holds the store, the fetcher, the workers and the clock."""

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
        if self.extract.enabled:  # the store's actor keys follow one profile: settle it before anything is read
            self.extract = replace(self.extract, profile=settle(store, self.extract.profile))
        self._fetcher = fetcher
        self._policy = policy
        self._own_fetcher = fetcher is None
        self.listener = listener or QuietListener()
        self.clock = clock
        self.normaliser = Normaliser(
            self.extract, default_workers(self.extract.enabled) if workers is None else workers
        )
        self.reader = Reader(lambda: self.fetcher, store.runs.validators)
        self._outlet: str | None = None
        self.assigner = Assigner(store)
        """Kept for the whole ingest: the stories it reads stay in memory from one chunk's transaction to the next."""
        self._unassigned: list[int] = []
        """Originals committed without a story yet: the start of the next group (``ASSIGN_ARTICLES``)."""

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._policy)
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()
        self.normaliser.close()

    def ingest(self, sources: Iterable[str], *, force_feed: bool = False, outlet: str | None = None) -> IngestCounts:
        """Ingest every named source; returns the totals (``failed`` > 0 when any file, record or feed failed).
        ``outlet``: the name every article read is stored (and shown) under, instead of the one its feed, record or
        page gives (or its site's host when none does)."""
        sources = list(dict.fromkeys(sources))
        self._outlet = (clean_line(outlet)[:200] or None) if outlet else None
        leaves = expand(sources, force_feed=force_feed)
        self.listener.start(sum(leaf.weight for leaf in leaves if leaf.kind not in ("skip", "unreadable")))
        if any(leaf.size_at_least(self.normaliser.minimum) for leaf in leaves):
            self.normaliser.warm_up()
        total = IngestCounts()
        for source in sources:
            total.add(self._ingest_source(source, [leaf for leaf in leaves if leaf.root == source]))
        if self._unassigned:  # a leaf failed after some of its chunks were stored: their stories now
            self._write([], IngestCounts(), self.clock(), None, last=True)
        return total

    def _ingest_source(self, source: str, leaves: list[Leaf]) -> IngestCounts:
        """One named source, recorded as one ingest run."""
        counts = IngestCounts()
        run_id = self.store.runs.start(source, source_kind(source, leaves), self.clock())
        errors: list[str] = []
        try:
            for leaf in leaves:
                if leaf.kind == "skip":
                    counts.skipped += 1
                    if leaf.reason or not is_documentation(leaf.location):
                        self.listener.notice(f"{leaf.location}: skipped, {leaf.reason or 'not a supported file type'}")
                    continue
                if leaf.kind == "unreadable":
                    counts.failed += 1
                    self._fail(errors, f"{leaf.location}: {leaf.reason}")
                    continue
                progress = LeafProgress(self.listener, leaf.location, leaf.weight)
                counts.add(self._ingest_leaf(leaf, errors, progress))
                progress.finish()
        finally:
            error = None
            if errors:
                error = errors[0] if len(errors) == 1 else f"{len(errors)} errors, first: {errors[0]}"
            self.store.runs.finish(run_id, counts, error, self.clock())
        return counts

    def _new_text(self, article: Article) -> bool:
        return self.store.articles.needs_extraction(article)

    def _fail(self, errors: list[str], line: str) -> None:
        errors.append(line)
        self.listener.problem(line)

    def _ingest_leaf(self, leaf: Leaf, errors: list[str], progress: LeafProgress) -> IngestCounts:
        counts = IngestCounts()
        try:
            try:
                content = self.reader.read(leaf)
            except OSError as exc:
                raise SourceError(exc.strerror or str(exc), leaf.location) from None
            for problem in content.problems:
                counts.failed += 1
                self._fail(errors, str(problem))
            for notice in content.notices:
                self.listener.notice(notice)
            counts.skipped += content.skipped
            fetched_at = self.clock()
            items = content.items
            if isinstance(items, list):
                progress.expect(len(items))
                many = len(items) >= self.normaliser.minimum
            else:  # a stream: progress follows the share of the file read, about a kilobyte an article
                many = leaf.size_at_least(self.normaliser.minimum)
            jobs = ((item, fetched_at) for item in items)
            results = self.normaliser.run(jobs, self._new_text, many=many)
            self._save(results, content, counts, errors, fetched_at, progress)
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

    def _save(
        self,
        results: Iterable[Article | SourceError],
        content: Content,
        counts: IngestCounts,
        errors: list[str],
        now: datetime,
        progress: LeafProgress,
    ) -> None:
        """Store a leaf's articles (and their extraction) in bounded chunks, each its own transaction; the
        leaf's validators go with the last one, so a file cut short is read again and its stored part is
        recognised. Extraction runs while ``results`` is iterated: outside any transaction, so another writer
        (the poller, a second ``ingest``) waits a chunk's writing at most."""
        batch: list[Article] = []
        started = time.monotonic()
        for article in results:
            if content.position is not None:  # a stream: the records it holds, estimated from what was read
                progress.estimate(*content.position())
            progress.item()
            self.listener.counted("read", 1)
            if isinstance(article, SourceError):
                counts.failed += 1
                self._fail(errors, str(article))
                continue
            if article.extraction is not None:
                self.listener.counted("extracted", 1)
            if self._outlet is not None:
                article = replace(article, source=self._outlet)
            batch.append(article)
            if len(batch) >= CHUNK_ARTICLES or time.monotonic() - started >= CHUNK_SECONDS:
                self._write(batch, counts, now, None, last=False)
                batch, started = [], time.monotonic()
        if batch or content.validators is not None or self._unassigned:
            self._write(batch, counts, now, content.validators, last=True)

    def _write(
        self, batch: list[Article], counts: IngestCounts, now: datetime, validators: Validators | None, *, last: bool
    ) -> None:
        """One transaction: the articles and their extraction (counted once it commits), the stories of the
        group of originals when it is complete or the leaf's ``last`` chunk, and the validators."""
        stored = IngestCounts()
        group = list(self._unassigned)
        try:
            with self.store.write():
                for article in batch:
                    saved = self.store.articles.save(article, now)
                    if saved.extract and saved.article_id is not None:
                        group.append(saved.article_id)
                        if article.extraction is not None:
                            save_extraction(self.store, saved.article_id, article.extraction, now)
                        if len(group) >= ASSIGN_ARTICLES:
                            # at once: the actors the next articles add or merge are not what these were read with
                            assign_articles(self.store, group, assigner=self.assigner)
                            group = []
                    _count(stored, saved.outcome)
                if last and group:
                    assign_articles(self.store, group, assigner=self.assigner)
                    group = []
                if validators is not None:
                    self.store.runs.set_validators(*validators, now)
        except BaseException:
            self.assigner.forget()  # what it holds was written in the transaction rolled back
            raise
        self._unassigned = group
        counts.add(stored)
        self.listener.counted("stored", stored.new + stored.updated)


def _count(counts: IngestCounts, outcome: str) -> None:
    if outcome == "new":
        counts.new += 1
    elif outcome == "updated":
        counts.updated += 1
    else:
        counts.duplicates += 1
        if outcome == "near_duplicate":
            counts.near_duplicates += 1
        elif outcome == "unchanged":
            counts.unchanged += 1
