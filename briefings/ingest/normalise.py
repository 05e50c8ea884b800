"""Raw articles to clean, fingerprinted Articles. Kept light on imports: it runs in worker processes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from briefings.errors import ParseError, SourceError
from briefings.ingest.jsonfile import MAX_TEXT_CHARS, JsonLine
from briefings.models import Article, RawArticle
from briefings.text import fingerprint as dedup
from briefings.text.clean import clean_line, clean_text, content_hash, guess_language, normalise_language, word_string
from briefings.text.dates import iso, resolve_published
from briefings.text.urls import canonical_url

_iso = lru_cache(maxsize=8)(iso)  # one fetch time per batch: format it once


def _host(url: str | None) -> str | None:
    """The outlet of an article that names none: its site (``www.`` dropped)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def normalise(raw: RawArticle, fetched_at: datetime) -> Article:
    """Clean a RawArticle into an Article; ParseError when nothing is left of its title or body."""
    for name, text in (("title", raw.title), ("article text", raw.body)):
        if len(text) > MAX_TEXT_CHARS:
            raise ParseError(f"{name} of {len(text):,} characters is over the {MAX_TEXT_CHARS:,} limit", raw.where)
    title = clean_line(raw.title, markup=raw.markup)
    if not title:
        raise ParseError("title is empty after cleaning", raw.where)
    # A body that was only markup (an image, an SVG) is stored like a missing one: the title stands for it.
    body = clean_text(raw.body, markup=raw.markup) or title
    published_at, flags = resolve_published(raw.published, fetched_at)
    url = canonical_url(raw.url, keep_fragment=raw.keep_fragment)
    joined = word_string(body)
    return Article(
        title=title[:500],
        body=body,
        url=url,
        guid=clean_line(raw.guid)[:500] if raw.guid else None,
        # An outlet's name is never markup: tags and script in a feed's <title> are dropped, not stored.
        source=(clean_line(raw.source, markup=True)[:200] or None) if raw.source else _host(url),
        published_at=published_at,
        fetched_at=_iso(fetched_at),
        content_hash=content_hash(title, body, joined),
        language=normalise_language(raw.language) or guess_language(body, joined),
        flags=flags,
        where=raw.where,
        fingerprint=dedup.fingerprint(joined),
    )


def normalise_or_error(job: tuple[RawArticle | JsonLine | SourceError, datetime]) -> Article | SourceError:
    """``normalise`` for a worker pool (JSONL lines are parsed here too): errors are returned, not raised; a
    record the reader could not read comes through as its error."""
    item, fetched_at = job
    if isinstance(item, SourceError):
        return item
    try:
        raw = item.parse() if isinstance(item, JsonLine) else item
        return normalise(raw, fetched_at)
    except SourceError as exc:
        return exc
    except (ValueError, UnicodeError, RecursionError, OverflowError) as exc:  # one hostile record, not the file
        return ParseError(f"unreadable record ({type(exc).__name__}: {str(exc)[:200]})", item.where)


@dataclass(frozen=True)
class ExtractOptions:
    """Whether to extract actors and events while cleaning, with which spaCy model (None: the default) and which
    profile (None: the store's; ``""``: the general data alone)."""

    enabled: bool = True
    model: str | None = None
    profile: str | None = None


def normalise_chunk(
    jobs: list[tuple[RawArticle | JsonLine | SourceError, datetime]], extract: ExtractOptions | None = None
) -> list[Article | SourceError]:
    """A chunk of jobs for one round trip to a worker process; with ``extract``, also actors and events."""
    results = [normalise_or_error(job) for job in jobs]
    if extract is None or not extract.enabled:
        return results
    articles = extract_chunk([r for r in results if isinstance(r, Article)], extract)
    done = iter(articles)
    return [next(done) if isinstance(r, Article) else r for r in results]


def extract_chunk(articles: list[Article], extract: ExtractOptions) -> list[Article]:
    """The articles with their actors and events (for one round trip to a worker process)."""
    from briefings.extract.run import extract_texts  # spaCy: imported only where extraction runs

    pairs = ((a.body, date.fromisoformat(a.published_at[:10])) for a in articles)
    extracted = extract_texts(pairs, extract.model, extract.profile or "")
    return [replace(a, extraction=e) for a, e in zip(articles, extracted, strict=True)]


def warm_up(extract: ExtractOptions | None = None) -> None:
    """Load what a worker needs (this module; the spaCy model when extracting) before real work arrives."""
    if extract is not None and extract.enabled:
        from briefings.extract.model import load_model

        load_model(extract.model, profile=extract.profile or "")
