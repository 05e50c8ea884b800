"""Raw articles to clean, fingerprinted Articles. Kept light on imports: it runs in worker processes."""

from __future__ import annotations

from datetime import datetime

from briefings import dedup
from briefings.dates import resolve_published
from briefings.errors import ParseError, SourceError
from briefings.models import Article, RawArticle
from briefings.text import clean_line, clean_text, content_hash, guess_language, normalise_language, words
from briefings.urls import canonical_url


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
        fingerprint=dedup.fingerprint(tokens),
    )


def normalise_or_error(job: tuple[RawArticle, datetime]) -> Article | SourceError:
    """``normalise`` for a worker pool: errors are returned, not raised."""
    try:
        return normalise(*job)
    except SourceError as exc:
        return exc
