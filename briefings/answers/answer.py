"""Questions to cited answers: classify, retrieve candidate sentences, score them, extract the answer, verify.

    question ──classify──▶ who | what | when | where | how many | why                answers/question.py
             ──retrieve──▶ articles by full-text rank (any content word) + articles mentioning the question's
                           actors; their sentences                                   answers/retrieve.py
             ──score─────▶ every sentence: share of the question's (rare) words it holds, the question's actors,
                           whether it holds the kind of thing asked, recency          (here)
             ──extract───▶ the short answer inside the best sentence                 answers/spans.py
             ──verify────▶ the sentence is re-read from its cited article; no support → "not found" + nearest sources

Nothing is generated: an answer is a span of a stored sentence, and every answer carries its citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.answers.question import classify, content_terms, is_identity, question_actors
from briefings.answers.retrieve import Candidate, candidates, retrieve
from briefings.answers.spans import short_answer
from briefings.errors import QueryError
from briefings.models import Answer, Citation, CitedSentence
from briefings.store import Store
from briefings.store.articles import ArticleText
from briefings.text.sentences import is_background
from briefings.text.similarity import TfIdf, terms

MAX_QUESTION_CHARS = 300
NEAREST = 3
SUPPORTING = 2
"""Other articles quoted beside the answer when they hold the same short answer."""
SENTENCE_KINDS = ("what", "why")
"""Kinds a whole sentence may answer; the others need a short answer inside it."""
_PAST = re.compile(r"\b(anniversary|history|ago|commemorat\w*|originally|first)\b", re.I)
"""A question about the past: background sentences are not held against a candidate."""


@dataclass(frozen=True)
class AnswerWeights:
    """How candidate sentences are scored and answers are trusted."""

    min_coverage: float = 0.5
    """Share of the question's weighted content words (and actors) a sentence must hold to count as support."""
    short_answer: float = 0.25
    """Added when the sentence holds the kind of thing asked (a person for "who", a number for "how many")."""
    newest: float = 0.05
    """Added to sentences of the newest candidate article: news questions are about the latest state."""
    title: float = 0.1
    """Taken from headlines: they state a topic more often than an answer."""
    background: float = 0.15
    """Taken from background sentences (anniversaries, history) unless the question asks about the past."""
    position: float = 0.0005
    """Taken per sentence before it in the article, to break ties in favour of the lead."""
    confidence_coverage: float = 0.45
    """Confidence: times the best sentence's coverage ..."""
    confidence_short: float = 0.35
    """... plus this when it holds a short answer ..."""
    confidence_source: float = 0.1
    """... plus this per article that says it (at most 1 in all)."""


WEIGHTS = AnswerWeights()


def answer_question(store: Store, question: str, weights: AnswerWeights = WEIGHTS) -> Answer:
    """Answer ``question`` from the stored articles, or say that they do not support an answer."""
    question = _checked(question)
    kind = classify(question)
    focus = content_terms(question)
    actors = question_actors(store, question)
    articles = retrieve(store, question, list(actors))
    if not focus and not actors:
        return Answer(question, kind, None, 0.0, nearest=tuple(a.citation for a in articles[:NEAREST]))
    pool = candidates(store, articles)
    if not pool:
        return Answer(question, kind, None, 0.0)
    score(pool, focus, actors, kind, question, weights)
    best = max(pool, key=lambda c: c.score)
    by_id = {a.id: a for a in articles}
    ranked = sorted(pool, key=lambda c: -c.score)
    sentence_ok = kind in SENTENCE_KINDS or is_identity(store, question)
    if best.coverage < weights.min_coverage or not (sentence_ok or best.short is not None):
        nearest: list[Citation] = []
        for c in ranked:
            citation = by_id[c.article_id].citation
            if citation not in nearest:
                nearest.append(citation)
            if len(nearest) == NEAREST:
                break
        return Answer(question, kind, None, round(best.coverage * 0.5, 2), nearest=tuple(nearest))
    evidence = verify(store, best, by_id)
    if evidence is None:
        return Answer(question, kind, None, 0.0, nearest=(by_id[best.article_id].citation,))
    # Other articles that say the same: they must hold the same short answer.
    others = [
        c
        for c in ranked
        if c is not best
        and c.coverage >= weights.min_coverage
        and c.article_id != best.article_id
        and best.short is not None
        and best.short.lower() in c.sentence.text.lower()
    ][:SUPPORTING]
    support = [evidence] + [e for e in (verify(store, c, by_id) for c in others) if e is not None]
    confidence = min(
        1.0,
        weights.confidence_coverage * best.coverage
        + weights.confidence_short * (best.short is not None)
        + weights.confidence_source * len(support),
    )
    text = best.short if best.short is not None else best.sentence.text
    return Answer(question, kind, text, round(confidence, 2), evidence=tuple(support))


def _checked(question: str) -> str:
    if "\x00" in question:
        raise QueryError("the question contains a NUL character")
    question = " ".join(question.split())
    if not question:
        raise QueryError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QueryError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    return question


def score(
    pool: Sequence[Candidate],
    focus: list[str],
    actors: dict[int, str],
    kind: str,
    question: str,
    weights: AnswerWeights = WEIGHTS,
) -> None:
    """Each candidate's coverage of the question, its short answer, and its score."""
    candidate_terms = [terms(c.sentence.text) for c in pool]
    model = TfIdf(candidate_terms)
    term_weights = {t: model.idf.get(t, model.unseen) for t in dict.fromkeys(focus)}
    total = sum(term_weights.values()) or 1.0
    heaviest = max(term_weights.values(), default=1.0)
    question_words = {w.lower() for w in re.findall(r"[^\W_]+", question)}
    newest = max(c.published for c in pool)
    asks_past = bool(_PAST.search(question))
    for c, c_terms in zip(pool, candidate_terms, strict=True):
        present = set(c_terms)
        c.coverage = sum(w for t, w in term_weights.items() if t in present) / total if term_weights else 0.0
        if actors:
            # The question's actors count as content words too, each as much as its rarest word.
            mentioned = {m.actor_id for m in c.mentions}
            text = c.sentence.text.lower()
            named = sum(1 for a, name in actors.items() if a in mentioned or name.lower() in text)
            c.coverage = (c.coverage * total + named * heaviest) / (total + len(actors) * heaviest)
        c.short = short_answer(c, kind, question_words, set(actors), term_weights)
        c.score = (
            c.coverage
            + (weights.short_answer if c.short is not None else 0.0)
            + (weights.newest if c.published == newest else 0.0)
            - (weights.title if c.in_title else 0.0)
            - (weights.background if not asks_past and is_background(c.sentence.text) else 0.0)
            - weights.position * max(0, c.sentence.index)
        )


def verify(store: Store, candidate: Candidate, by_id: dict[int, ArticleText]) -> CitedSentence | None:
    """The candidate as a cited sentence, if it is still the stored text of its article."""
    stored = store.articles.texts([candidate.article_id]).get(candidate.article_id)
    if stored is None:
        return None
    text = stored.title if candidate.in_title else stored.body
    s = candidate.sentence
    if text[s.start : s.end] != s.text:
        return None
    part = "title" if candidate.in_title else "body"
    return CitedSentence(s.text, by_id[candidate.article_id].citation, s.start, s.end, part)
