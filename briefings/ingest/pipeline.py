"""Ingest named sources into the store: expand directories, read each file or URL, clean, deduplicate, save.

Each file, feed or page is written in its own transaction; one row per named source goes to ``ingest_runs``.
A failing file, record or feed produces one line naming it (``path``, ``path:line``, URL) and the reason,
and the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from briefings import dedup
from briefings.dates import resolve_published, utc_now
from briefings.errors import ParseError, SourceError, UnsupportedSource
from briefings.ingest.feeds import looks_like_feed, read_feed
from briefings.ingest.fetch import ANY_TYPES, FEED_TYPES, PAGE_TYPES, Fetcher, FetchPolicy
from briefings.ingest.jsonfile import read_json, read_jsonl
from briefings.ingest.seedtext import read_seed_text
from briefings.ingest.webpage import read_page
from briefings.models import Article, IngestCounts, RawArticle
from briefings.store import Store
from briefings.text import clean_line, clean_text, content_hash, guess_language, normalise_language, words
from briefings.urls import canonical_url

log = logging.getLogger(__name__)

EXTENSIONS = {
    ".txt": "seed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".html": "html",
    ".htm": "html",
}


class Listener(Protocol):
    """Receives progress and messages; the CLI draws a progress bar and prints the lines."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str) -> None: ...
    def problem(self, line: str) -> None: ...
    def notice(self, line: str) -> None: ...


class QuietListener:
    """Collects problems and notices; the default when nobody is watching."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notices: list[str] = []

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str) -> None:
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


def normalise(raw: RawArticle, fetched_at: datetime) -> Article:
    """Clean a RawArticle into an Article; ParseError when nothing is left of its title or body."""
    title = clean_line(raw.title, markup=raw.markup)
    body = clean_text(raw.body, markup=raw.markup)
    if not body:
        raise ParseError("article text is empty after cleaning", raw.where)
    if not title:
        raise ParseError("title is empty after cleaning", raw.where)
    published_at, flags = resolve_published(raw.published, fetched_at)
    url = canonical_url(raw.url)
    tokens = words(body)
    return Article(
        title=title[:500],
        body=body,
        url=url,
        guid=clean_line(raw.guid)[:500] if raw.guid else None,
        source=clean_line(raw.source)[:200] if raw.source else None,
        published_at=published_at,
        fetched_at=fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        content_hash=content_hash(title, body, tokens),
        language=normalise_language(raw.language) or guess_language(body, tokens),
        flags=flags,
        where=raw.where,
        signature=dedup.signature(tokens),
    )


def _read_text(path: str) -> str:
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise ParseError(reason, f"{path}:{line}") from None


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
    ) -> None:
        self.store = store
        self._fetcher = fetcher
        self._policy = policy
        self._own_fetcher = fetcher is None
        self.listener = listener or QuietListener()
        self.clock = clock

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._policy)
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def ingest(self, sources: Iterable[str], *, force_feed: bool = False) -> IngestCounts:
        """Ingest every named source; returns the totals (``failed`` > 0 when any file, record or feed failed)."""
        sources = list(dict.fromkeys(sources))
        leaves = expand(sources, force_feed=force_feed)
        self.listener.start(sum(1 for leaf in leaves if leaf.kind != "skip"))
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
                    self.listener.advance(leaf.location)
                    counts.add(self._ingest_leaf(leaf, errors))
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

    def _ingest_leaf(self, leaf: Leaf, errors: list[str]) -> IngestCounts:
        counts = IngestCounts()
        try:
            raws, validators = self._read_leaf(leaf, counts, errors)
            fetched_at = self.clock()
            articles: list[Article] = []
            for raw in raws:
                try:
                    articles.append(normalise(raw, fetched_at))
                except SourceError as exc:
                    counts.failed += 1
                    self._fail(errors, str(exc))
            self._save(articles, counts, validators, fetched_at)
        except SourceError as exc:
            if not exc.where:
                exc.where = leaf.location
            counts.failed += 1
            self._fail(errors, str(exc))
        except OSError as exc:
            counts.failed += 1
            self._fail(errors, f"{leaf.location}: {exc.strerror or exc}")
        except Exception as exc:  # a bug must not lose the rest of the batch
            log.exception("unexpected error ingesting %s", leaf.location)
            counts.failed += 1
            self._fail(errors, f"{leaf.location}: internal error ({type(exc).__name__}: {exc})")
        return counts

    def _save(
        self,
        articles: list[Article],
        counts: IngestCounts,
        validators: tuple[str, str | None, str | None] | None,
        now: datetime,
    ) -> None:
        if not articles and validators is None:
            return
        with self.store.write():
            for article in articles:
                outcome = self.store.save_article(article, now)
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
            if validators is not None:
                self.store.set_feed_validators(*validators, now)

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
    ) -> tuple[list[RawArticle], tuple[str, str | None, str | None] | None]:
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
        if kind == "seed":
            guid = f"file:{Path(location).resolve()}"
            return [replace(raw, guid=guid) for raw in read_seed_text(_read_text(location), location)], None
        if kind == "jsonl":
            return self._record_errors(read_jsonl(_read_text(location), location), counts, errors), None
        if kind == "json":
            return self._record_errors(read_json(_read_text(location), location), counts, errors), None
        content = Path(location).read_bytes()
        if kind == "feed":
            return self._feed_articles(content, location, None, counts), None
        if kind == "html":
            raw = read_page(content, location)
            guid = None if raw.url else f"file:{Path(location).resolve()}"
            return [replace(raw, guid=guid)], None
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
