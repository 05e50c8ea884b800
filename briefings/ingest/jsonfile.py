"""JSON and JSONL articles: one object per article, common field names accepted.

========== =====================================================
field      accepted names (first present wins)
========== =====================================================
title      ``title``, ``headline``
body       ``text``, ``body``, ``content``, ``article``, ``content_html``, ``content_text``, ``summary``,
           ``description``
date       ``published``, ``published_at``, ``date``, ``pubDate``, ``datetime``, ``date_published``,
           ``date_modified``
url        ``url``, ``link``
outlet     ``source``, ``outlet``, ``publisher``, ``site``
guid       ``guid``, ``id``
language   ``language``, ``lang``
========== =====================================================

A ``.json`` file holds one object, a list of objects, or an object with an ``articles`` or ``items`` list (a
JSON Feed: its ``title`` is the outlet of items that name none).
A ``.csv`` file has a header row with these names as columns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from briefings.errors import ParseError
from briefings.models import RawArticle

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("text", "body", "content", "article", "content_html", "content_text", "summary", "description"),
    "published": ("published", "published_at", "date", "pubDate", "datetime", "date_published", "date_modified"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "site"),
    "guid": ("guid", "id"),
    "language": ("language", "lang"),
}


MAX_TEXT_CHARS = 2_000_000
"""A record's text longer than this is refused before it is cleaned. The longest news features run to about
100,000 characters; two million is a thousand-page book. Cleaning and fingerprinting copy a text several times,
so without a bound one huge field, not the file, sets the memory an ingest needs. Checked where a record is read
(JSON, CSV) and again where any article is cleaned."""


def _pick(record: dict, field: str) -> object:
    for name in FIELDS[field]:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # {"name": "BBC"} style outlets
        value = value.get("name") or value.get("title")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def record_to_article(record: object, where: str) -> RawArticle:
    """One JSON object to a RawArticle; ParseError names ``where`` and the missing or wrong field."""
    if not isinstance(record, dict):
        raise ParseError(f"expected a JSON object, got {type(record).__name__}", where)
    title, body = _text(_pick(record, "title")), _text(_pick(record, "body"))
    url = _text(_pick(record, "url"))
    if (not body or not body.strip()) and url and title and title.strip():
        body = title  # an archived feed item with only a headline and a link, stored as the feed reader does
    if not body or not body.strip():
        raise ParseError(f"no article text (one of: {', '.join(FIELDS['body'])})", where)
    for name, text in (("title", title or ""), ("article text", body)):
        if len(text) > MAX_TEXT_CHARS:
            raise ParseError(f"{name} of {len(text):,} characters is over the {MAX_TEXT_CHARS:,} limit", where)
    if not title or not title.strip():
        raise ParseError(f"no title (one of: {', '.join(FIELDS['title'])})", where)
    published = _pick(record, "published")
    return RawArticle(
        title=title,
        body=body,
        where=where,
        url=url,
        guid=_text(_pick(record, "guid")),
        source=_text(_pick(record, "source")),
        published=published if isinstance(published, (str, int, float)) else None,
        language=_text(_pick(record, "language")),
        markup=True,
    )


@dataclass(frozen=True)
class JsonLine:
    """One unparsed line of a JSONL file: parsed where it is cleaned (possibly in a worker process)."""

    text: str
    where: str

    def parse(self) -> RawArticle:
        """The article on this line; ParseError naming ``path:line`` when it is not a usable JSON object."""
        try:
            record = json.loads(self.text)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON ({exc.msg} at column {exc.colno})", self.where) from None
        except RecursionError:
            raise ParseError("invalid JSON (nested too deeply)", self.where) from None
        return record_to_article(record, self.where)


def read_json(text: str, where: str) -> Iterator[RawArticle | ParseError]:
    """A JSON document: an object, a list of objects, or ``{"articles": [...]}``; bad records are yielded as errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", where) from None
    except RecursionError:
        raise ParseError("invalid JSON (nested too deeply)", where) from None
    outlet = None
    if isinstance(data, dict):
        if str(data.get("version", "")).startswith("https://jsonfeed.org/"):
            outlet = _text(data.get("title"))
        for key in ("articles", "items", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise ParseError("expected a JSON object or a list of objects", where)
    for index, record in enumerate(data):
        try:
            if outlet and isinstance(record, dict) and _pick(record, "source") is None:
                record = {**record, "source": outlet}
            yield record_to_article(record, f"{where}[{index}]")
        except ParseError as exc:
            yield exc


def read_csv(lines: Iterable[str], where: str) -> Iterator[RawArticle | ParseError]:
    """A CSV file (its lines, line endings kept) with a header row whose column names are the JSON field names
    above (RFC 4180 quoting)."""
    import csv

    # The csv module holds a field in 4 bytes a character while it reads it: a field over the text limit is
    # refused as it grows, not after it has taken 4 × its size.
    csv.field_size_limit(MAX_TEXT_CHARS)
    fetched = [0]  # lines handed to the reader: where an error is (its line_num lags on a long line)

    def counted() -> Iterator[str]:
        for line in lines:
            fetched[0] += 1
            yield line

    reader = csv.DictReader(counted())
    if not reader.fieldnames or not any(name in reader.fieldnames for name in FIELDS["body"]):
        raise ParseError(f"CSV header has no text column (one of: {', '.join(FIELDS['body'])})", where)
    errors_in_a_row = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # this row only: the reader goes on at the next line
            errors_in_a_row += 1
            reason = str(exc)
            if reason.startswith("field larger than field limit"):
                reason = f"a field is over the {MAX_TEXT_CHARS:,}-character limit"
            yield ParseError(f"malformed CSV ({reason})", f"{where}:{fetched[0]}")
            if errors_in_a_row >= 100:  # not a CSV file after all: one line per row would flood the log
                yield ParseError("malformed CSV: stopped after 100 bad rows in a row", where)
                return
            continue
        errors_in_a_row = 0
        here = f"{where}:{reader.line_num}"
        fields = {k: v for k, v in record.items() if k is not None}
        bad = next((r for r in map(invalid_bytes, fields.values()) if r), None)
        if bad:
            yield ParseError(bad, here)
            continue
        try:
            yield record_to_article(fields, here)
        except ParseError as exc:
            yield exc


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def invalid_bytes(value: object) -> str | None:
    """Why a JSON line or CSV field decoded with ``surrogateescape`` is not text (an invalid UTF-8 byte), or None."""
    if isinstance(value, str) and (found := _ESCAPED_BYTE.search(value)):
        return f"not valid UTF-8 text (byte 0x{ord(found.group()) - 0xDC00:02x})"
    return None
