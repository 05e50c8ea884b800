"""Seed text files: the first non-empty line is `` date YYYY-MM-DD Title``, the rest is the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from briefings.errors import ParseError
from briefings.models import RawArticle

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*?)\s*$")


def read_seed_text(text: str, where: str) -> Iterator[RawArticle]:
    """Parse one seed file's text; raises ParseError naming ``where:line`` when the header is malformed."""
    lines = text.splitlines()
    number = next((i for i, line in enumerate(lines, start=1) if line.strip()), 0)
    if not number:
        raise ParseError("empty file", where)
    line = lines[number - 1]
    match = _HEADER.match(line)
    if not match:
        raise ParseError(f"first line must be ' date YYYY-MM-DD Title', got {line.strip()[:60]!r}", f"{where}:{number}")
    try:
        published = date.fromisoformat(match.group(1))
    except ValueError:
        raise ParseError(f"invalid date {match.group(1)!r}", f"{where}:{number}") from None
    body = "\n".join(lines[number:]).strip()
    if not body:
        raise ParseError("no body after the header line", where)
    yield RawArticle(title=match.group(2), body=body, where=where, published=published.isoformat())
