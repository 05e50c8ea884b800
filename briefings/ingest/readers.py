"""Read one leaf (a file or a URL) into raw articles, by its kind: seed text, JSON, JSON Lines, CSV, feed, page.

A problem with the whole leaf raises a ``SourceError``; problems with single records come back in
``Content.problems`` so the leaf's good records are still stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefings.errors import ParseError, UnsupportedSource
from briefings.ingest.feeds import looks_like_feed, read_feed
from briefings.ingest.fetch import ANY_TYPES, FEED_TYPES, PAGE_TYPES, Fetcher
from briefings.ingest.jsonfile import JsonLine, invalid_bytes, read_csv, read_json
from briefings.ingest.seedtext import read_seed_text
from briefings.ingest.sources import EXTENSIONS, Leaf, file_validators
from briefings.ingest.webpage import read_page
from briefings.models import RawArticle

Validators = tuple[str, str | None, str | None]
"""(key, ETag, Last-Modified or file identity) recorded with a feed or file once its articles are stored."""


@dataclass
class Content:
    """What one leaf holds: raw articles (JSON lines are parsed later, maybe in a worker), the record-level
    problems, skipped entries, notes for the person, and the validators to record once it is stored."""

    items: Iterable[RawArticle | JsonLine | ParseError] = field(default_factory=list)
    """A list, or a stream read as it is consumed (JSONL, CSV): a bad record comes as a ParseError in its place."""
    validators: Validators | None = None
    problems: list[ParseError] = field(default_factory=list)
    skipped: int = 0
    notices: list[str] = field(default_factory=list)
    position: Callable[[], tuple[float, int]] | None = None
    """For a stream: the share of the file read so far and the lines read to get there (progress), else None."""


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff_bom(head: bytes) -> tuple[str, int]:
    """The encoding a file's byte-order mark names and the mark's length; UTF-8 and 0 without one."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def decode_text(data: bytes, path: str, *, per_line: bool = False) -> str:
    """A text file's bytes as text: UTF-8, or the UTF-16/32 its byte-order mark names (the mark dropped).

    ``per_line`` (JSONL, CSV: one record per line or row) keeps invalid UTF-8 bytes as lone surrogates
    (``surrogateescape``) so only their record fails (see :func:`invalid_bytes`); otherwise the first invalid byte
    is a ParseError naming its line."""
    encoding, skip = sniff_bom(data)
    data = data[skip:]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if per_line and encoding == "utf-8":
            return data.decode(encoding, "surrogateescape")
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not valid {encoding.upper()} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise ParseError(reason, f"{path}:{line}") from None


def read_text_file(path: str, *, per_line: bool = False) -> str:
    """A text file (see :func:`decode_text`)."""
    return decode_text(Path(path).read_bytes(), path, per_line=per_line)


def _blank(path: str) -> bool:
    """True for a file of nothing but white space (a BOM included)."""
    size = os.path.getsize(path)
    if size > 4096:
        return False
    data = Path(path).read_bytes()
    encoding, skip = sniff_bom(data)
    return not data[skip:].decode(encoding, "replace").strip()


class _Stream:
    """A text file read line by line (memory bounded by its longest line, not its size), its encoding taken from
    its byte-order mark; invalid UTF-8 bytes are kept as lone surrogates for their record to fail alone."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.size = max(1, os.path.getsize(path))
        self.read = 0
        self.count = 0

    def lines(self) -> Iterator[str]:
        with open(self.path, "rb") as handle:
            encoding, skip = sniff_bom(handle.read(4))
            handle.seek(skip)
            if encoding != "utf-8":  # UTF-16/32: lines are not byte lines; such files are rare and small
                text = handle.read().decode(encoding)
                self.read = self.size
                for line in text.splitlines(keepends=True):
                    self.count += 1
                    yield line
                return
            for raw in handle:
                self.read += len(raw)
                self.count += 1
                yield raw.decode("utf-8", "surrogateescape")

    def position(self) -> tuple[float, int]:
        return min(1.0, self.read / self.size), self.count


def _jsonl(stream: _Stream, where: str) -> Iterator[JsonLine | ParseError]:
    """The non-blank lines of a JSONL file, each named ``where:line``; a line with invalid bytes as its error."""
    for number, text in enumerate(stream.lines(), start=1):
        if not text.strip():
            continue
        reason = invalid_bytes(text)
        yield ParseError(reason, f"{where}:{number}") if reason else JsonLine(text.rstrip("\r\n"), f"{where}:{number}")


class Reader:
    """Reads leaves; URLs through ``fetcher`` with the validators ``known`` returns for conditional requests."""

    def __init__(self, fetcher: Callable[[], Fetcher], known: Callable[[str], tuple[str | None, str | None]]) -> None:
        self.fetcher = fetcher
        self.known = known

    def read(self, leaf: Leaf) -> Content:
        kind, location = leaf.kind, leaf.location
        if kind in ("url", "feed-url"):
            return self._url(leaf)
        if kind == "unsupported":
            if "://" in location:
                raise UnsupportedSource("only http and https URLs are fetched", location)
            if not os.path.exists(location):
                raise UnsupportedSource("no such file or directory", location)
            suffix = Path(location).suffix or "(none)"
            known = ", ".join(sorted(EXTENSIONS))
            raise UnsupportedSource(f"unsupported file type {suffix!r} (expected one of {known})", location)
        content = self._file(kind, location)
        content.validators = file_validators(location)
        return content

    def _file(self, kind: str, location: str) -> Content:
        if _blank(location):  # the same outcome for every format: nothing to read is an error
            raise ParseError("empty file", location)
        if kind == "seed":
            guid = f"file:{Path(location).resolve()}"
            return Content([replace(raw, guid=guid) for raw in read_seed_text(read_text_file(location), location)])
        if kind in ("jsonl", "csv"):
            stream = _Stream(location)
            records = _jsonl(stream, location) if kind == "jsonl" else read_csv(stream.lines(), location)
            return Content(records, position=stream.position)
        if kind == "json":
            content = Content()
            for item in read_json(read_text_file(location), location):
                if isinstance(item, ParseError):
                    content.problems.append(item)
                else:
                    content.items.append(item)  # type: ignore[attr-defined]
            return content
        data = Path(location).read_bytes()
        if kind == "feed":
            return _feed(data, location, None)
        if kind == "html":
            page = read_page(data, location)
            page_guid = None if page.url else f"file:{Path(location).resolve()}"
            return Content([replace(page, guid=page_guid)])
        raise UnsupportedSource(f"unknown source kind {kind!r}", location)

    def _url(self, leaf: Leaf) -> Content:
        url = leaf.location
        etag, last_modified = self.known(url)
        accept = FEED_TYPES | {"text/html"} if leaf.kind == "feed-url" else ANY_TYPES
        response = self.fetcher().get(url, accept=accept, etag=etag, last_modified=last_modified)
        if response.not_modified:
            return Content(notices=[f"{url}: not modified since the last fetch"])
        is_feed = (
            leaf.kind == "feed-url" or looks_like_feed(response.content) or (response.content_type not in PAGE_TYPES)
        )
        if is_feed:
            header = response.content_type + (f"; charset={response.charset}" if response.charset else "")
            content = _feed(response.content, url, header)
            content.validators = (url, response.etag, response.last_modified)
            return content
        return Content([read_page(response.content, url, response.url)])


def _feed(data: bytes, where: str, content_type: str | None) -> Content:
    feed = read_feed(data, where, content_type)
    content = Content(list(feed.articles), skipped=feed.skipped)
    if feed.skipped:
        content.notices.append(f"{where}: skipped {feed.skipped} entries without a title or link")
    elif not feed.articles:
        content.notices.append(f"{where}: the feed has no entries")
    if feed.warning:
        content.notices.append(f"{where}: {feed.warning}")
    return content
