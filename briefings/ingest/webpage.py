"""Article web pages: the main text and metadata, extracted by trafilatura from HTML we fetched or read."""

from __future__ import annotations

import trafilatura

from briefings.errors import ParseError
from briefings.models import RawArticle

MIN_TEXT_CHARS = 80


def read_page(content: bytes, where: str, url: str | None = None) -> RawArticle:
    """Extract one article from an HTML document; ParseError when no article text is found."""
    try:
        doc = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted lxml and value errors on hostile HTML
        raise ParseError(f"cannot read HTML ({type(exc).__name__}: {exc})", where) from None
    if doc is None or isinstance(doc, dict):  # None: nothing found; a dict only when asked for one
        raise ParseError("no article text found on the page", where)
    text = (doc.text or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise ParseError("no article text found on the page", where)
    title = (doc.title or "").strip()
    lines = text.split("\n")
    if title and lines[0].strip() == title:
        text = "\n".join(lines[1:]).strip()
    if not title:
        title = lines[0][:200]
    return RawArticle(
        title=title,
        body=text,
        where=where,
        url=url or doc.url,
        source=doc.sitename or doc.hostname,
        published=doc.date,
        language=getattr(doc, "language", None),
    )
