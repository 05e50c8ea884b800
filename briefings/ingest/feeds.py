"""RSS 2.0, RSS 1.0 and Atom feeds, parsed by feedparser from bytes we fetched or read ourselves.

feedparser is never given a URL or a path: it would fetch or open it itself.
"""

from __future__ import annotations

import io
import re
from calendar import timegm
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser

from briefings.errors import ParseError
from briefings.models import RawArticle
from briefings.text.urls import canonical_url

_FEED_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(content: bytes) -> bool:
    """True when the document starts like an RSS, RDF or Atom feed."""
    return bool(_FEED_START.match(content[:4096]))


@dataclass
class FeedContent:
    """The usable entries of a feed, what was skipped and why the parser complained (if it did)."""

    articles: list[RawArticle] = field(default_factory=list)
    skipped: int = 0
    warning: str | None = None


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(timegm(parsed), UTC)
            except (ValueError, OverflowError, OSError):  # year 0 and the like: the entry stays, undated
                continue
    return entry.get("published") or entry.get("updated")


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    candidates.append(entry.get("summary", ""))
    return max(candidates, key=len) if candidates else ""


def read_feed(content: bytes, where: str, content_type: str | None = None) -> FeedContent:
    """Parse a feed document; keeps good entries of a malformed (bozo) feed, skips entries without title or link."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        reason = "not an RSS or Atom feed"
        if problem is not None:
            reason += f" ({problem})"
        raise ParseError(reason, where)
    if problem is not None and not parsed.entries:
        raise ParseError(f"malformed feed with no readable entries ({problem})", where)
    feed = parsed.feed
    outlet = feed.get("title") or (urlsplit(where).hostname if "://" in where else None)
    language = feed.get("language")
    result = FeedContent(warning=f"malformed feed, kept what could be read ({problem})" if problem else None)
    for entry in parsed.entries:
        title, link = (entry.get("title") or "").strip(), (entry.get("link") or "").strip()
        if not title or not link:
            result.skipped += 1
            continue
        body = _entry_body(entry) or title
        result.articles.append(
            RawArticle(
                title=title,
                body=body,
                where=f"{where} {link}",
                url=link,
                guid=entry.get("id") or None,
                source=outlet,
                published=_entry_date(entry),
                language=entry.get("language") or language,
                markup=True,
            )
        )
    result.articles = _apart(result.articles)
    return result


def _apart(articles: list[RawArticle]) -> list[RawArticle]:
    """Items of one feed whose links are one page but whose GUIDs differ (a live blog's ``…/live#post-1``,
    ``#post-2``) are different articles: they keep their fragment, so neither overwrites the other."""
    by_page: dict[str | None, set[str | None]] = {}
    for article in articles:
        by_page.setdefault(canonical_url(article.url), set()).add(article.guid)
    return [
        replace(a, keep_fragment=True) if len(by_page[canonical_url(a.url)]) > 1 and "#" in (a.url or "") else a
        for a in articles
    ]
