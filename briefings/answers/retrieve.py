"""Candidate sentences for a question: from the best full-text matches and the latest articles of its actors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from briefings.store import Store
from briefings.store.actors import MentionRow
from briefings.store.articles import ArticleText
from briefings.store.quoting import fts_any, fts_any_phrase
from briefings.text.sentences import Sentence, split_sentences
from briefings.text.spelling import variants

CANDIDATE_ARTICLES = 40
RECENT_ROWS = 250_000
"""Full-text matches are ranked among the newest this many articles first (ranking every match of a common word
in a store of millions costs seconds); the whole index only when they hold too few matches."""
SENTENCES_PER_ARTICLE = 80
MIN_SENTENCE_CHARS = 20
_STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been it its this that these those"
    " as".split()
)
"""Function words: searching for them finds every article."""


@dataclass
class Candidate:
    """A sentence (or a headline) that may answer the question, with what scoring learns about it."""

    article_id: int
    sentence: Sentence
    in_title: bool
    published: str
    score: float = 0.0
    coverage: float = 0.0
    boost: float = 0.0
    """The part of ``score`` that only chooses the sentences read for candidates (a number counting the asked
    noun), not how much a candidate found in them counts."""
    short: str | None = None
    mentions: list[MentionRow] = field(default_factory=list)
    """Actors mentioned inside the sentence."""
    event_date: str | None = None
    """The day of a (non-background) event reported by the sentence, as the extractor dated it."""


WINDOW_BEFORE_DAYS = 1
WINDOW_AFTER_DAYS = 3
"""Articles about the days a question names: published from a day before (time zones, announcements of the day)
to three days after (reports and round-ups come later)."""
LATER_DAYS = {"year": 366, "month": 62, "range": 62}
"""A question about a whole year, month or range of days ("in 2021", "between February 24 and May 10") is also
answered by later reports of it ("last year we exposed …", written in June 2022): articles published this many days
after such a window are searched too, and rank only by a sentence that refers back into it (``refers_to``)."""


def retrieve(
    store: Store,
    words: list[str],
    names: list[str],
    actor_ids: list[int],
    window: tuple[date, date] | None = None,
    extra: Sequence[str] = (),
    outlets: Sequence[str] = (),
    later: int = 0,
    titles: Mapping[str, Sequence[str]] | None = None,
) -> list[ArticleText]:
    """Candidate articles: the best full-text matches that hold every name of the question and any of its words,
    and the best that hold any of them (an article may name the subject otherwise: a greeting never says who sends
    it), within the date window when there is one; then the latest articles of the question's actors. ``extra``
    words widen the second query only (the countries of the question's demonyms). A name in ``outlets`` may be the
    outlet the question cites ("according to the Financial Times"): its own articles rarely write it, so they are
    also searched without it. ``later``: days after the window whose best matches of every name and any word are
    read too (later reports of a year or a month). A name's ``titles`` (offices only that person holds in the
    store) match where the name does: a speech on a president's site names him by his office alone."""
    words = [v for w in words if w not in _STOP for v in variants(w)]  # "programme" finds "program" too
    rows: dict[int, ArticleText] = {}
    for name in outlets:
        others = [n for n in names if n != name]
        for match in _queries(words, others, extra, wide=False, titles=titles):
            for article in _matches(store, match, window, outlet=name)[: CANDIDATE_ARTICLES // 4]:
                rows.setdefault(article.id, article)
    for match in _queries(words, names, extra, titles=titles):
        for article in _matches(store, match, window)[: CANDIDATE_ARTICLES // 2]:
            rows.setdefault(article.id, article)
    queries = _queries(words, names, extra, titles=titles)
    if window is not None and later and queries:
        start = window[1] + timedelta(days=WINDOW_AFTER_DAYS + 1)
        for article in store.articles.best_matches_published(
            queries[0],
            start.isoformat(),
            (window[1] + timedelta(days=later + 1)).isoformat(),
            limit=CANDIDATE_ARTICLES // 4,
        ):
            rows.setdefault(article.id, article)
    if window is None:
        for actor_id in actor_ids:
            for article in store.articles.mentioning(actor_id, CANDIDATE_ARTICLES // 2):
                rows.setdefault(article.id, article)
    return list(rows.values())


def _queries(
    words: list[str],
    names: Sequence[str],
    extra: Sequence[str],
    wide: bool = True,
    titles: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """The full-text expressions: every name (or one of its titles) and any word; and (``wide``) any name or word
    at all."""
    phrases = [fts_any_phrase([n, *(titles or {}).get(n, ())]) for n in names]
    must = " AND ".join(f"({p})" for p in phrases if p)
    name_words = [w for n in names for w in re.findall(r"[^\W_]+", n.lower())]
    loose = fts_any([*words, *name_words, *(w for e in extra for w in re.findall(r"[^\W_]+", e.lower()))])
    strict = f"({must}) AND ({loose})" if must and loose else must or None
    return list(dict.fromkeys(q for q in (strict, loose if wide or not must else None) if q))


def _matches(
    store: Store, match: str, window: tuple[date, date] | None, outlet: str | None = None
) -> list[ArticleText]:
    if window is not None:
        start = (window[0] - timedelta(days=WINDOW_BEFORE_DAYS)).isoformat()
        end = (window[1] + timedelta(days=WINDOW_AFTER_DAYS + 1)).isoformat()
        return store.articles.best_matches_published(match, start, end, limit=CANDIDATE_ARTICLES, outlet=outlet)
    newest = store.articles.newest_id()
    found: list[ArticleText] = []
    for floor in dict.fromkeys((max(0, newest - RECENT_ROWS), 0)):
        found = store.articles.best_matches(match, above_id=floor, limit=CANDIDATE_ARTICLES, outlet=outlet)
        if len(found) >= CANDIDATE_ARTICLES // 2 or floor == 0:
            break
    return found


_NAME_ONLY = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}\.")
"""A sentence that is only a name ("Brent Renaud."): speeches name whom the sentence before spoke of."""


def _with_fragments(body: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences, each with a name-only sentence after it joined to it ("An American journalist was killed in the
    Kyiv region today. Brent Renaud."), and any fragment too short to rank alone ("The clearance of debris in Desna
    has been completed. 87 dead."): an elliptical fragment continues the sentence before it."""
    out: list[Sentence] = []
    for sentence in sentences:
        previous = out[-1] if out else None
        fragment = _NAME_ONLY.fullmatch(sentence.text) or len(sentence.text) < MIN_SENTENCE_CHARS
        if previous is not None and fragment and previous.end <= sentence.start:
            out[-1] = Sentence(previous.start, sentence.end, body[previous.start : sentence.end], previous.index)
            continue
        out.append(sentence)
    return out


def candidates(store: Store, articles: list[ArticleText]) -> list[Candidate]:
    """Every headline and (long enough) sentence of the articles, with the actors and dated events inside it."""
    ids = [a.id for a in articles]
    mentions: dict[int, list[MentionRow]] = {}
    for mention in store.actors.mentions_in(ids):
        mentions.setdefault(mention.article_id, []).append(mention)
    dated: dict[int, list] = {}
    for span in store.events.dated_in(ids):
        dated.setdefault(span.article_id, []).append(span)
    out = []
    for article in articles:
        out.append(Candidate(article.id, Sentence(0, len(article.title), article.title, -1), True, article.published))
        found = mentions.get(article.id, [])
        for sentence in _with_fragments(article.body, split_sentences(article.body)[:SENTENCES_PER_ARTICLE]):
            if len(sentence.text) < MIN_SENTENCE_CHARS:
                continue
            candidate = Candidate(article.id, sentence, False, article.published)
            candidate.mentions = [m for m in found if m.start >= sentence.start and m.end <= sentence.end]
            days = [e.day for e in dated.get(article.id, []) if e.start < sentence.end and e.end > sentence.start]
            candidate.event_date = days[0] if days else None
            out.append(candidate)
    return out
