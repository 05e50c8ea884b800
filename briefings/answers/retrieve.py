"""Candidate sentences for a question: from the best full-text matches and the latest articles of its actors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefings.answers.question import QUESTION_WORDS, URL
from briefings.store import Store
from briefings.store.actors import MentionRow
from briefings.store.articles import ArticleText
from briefings.store.quoting import fts_any
from briefings.text.sentences import Sentence, split_sentences

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
    short: str | None = None
    mentions: list[MentionRow] = field(default_factory=list)
    """Actors mentioned inside the sentence."""
    event_date: str | None = None
    """The day of a (non-background) event reported by the sentence, as the extractor dated it."""


def retrieve(store: Store, question: str, actor_ids: list[int]) -> list[ArticleText]:
    """Candidate articles: best full-text matches for any content word, then the question's actors' latest."""
    words = [w for w in re.findall(r"[^\W_]+", URL.sub(" ", question).lower()) if w not in QUESTION_WORDS]
    rows: dict[int, ArticleText] = {}
    match = fts_any(w for w in words if w not in _STOP)
    if match:
        newest = store.articles.newest_id()
        found: list[ArticleText] = []
        for floor in dict.fromkeys((max(0, newest - RECENT_ROWS), 0)):
            found = store.articles.best_matches(match, above_id=floor, limit=CANDIDATE_ARTICLES)
            if len(found) >= CANDIDATE_ARTICLES // 2 or floor == 0:
                break
        for article in found:
            rows.setdefault(article.id, article)
    for actor_id in actor_ids:
        for article in store.articles.mentioning(actor_id, CANDIDATE_ARTICLES // 2):
            rows.setdefault(article.id, article)
    return list(rows.values())


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
        for sentence in split_sentences(article.body)[:SENTENCES_PER_ARTICLE]:
            if len(sentence.text) < MIN_SENTENCE_CHARS:
                continue
            candidate = Candidate(article.id, sentence, False, article.published)
            candidate.mentions = [m for m in found if m.start >= sentence.start and m.end <= sentence.end]
            days = [e.day for e in dated.get(article.id, []) if e.start < sentence.end and e.end > sentence.start]
            candidate.event_date = days[0] if days else None
            out.append(candidate)
    return out
