"""Questions to cited answers: classify, retrieve candidate sentences, pick the one that answers, extract.

    question ──classify──▶ who | what | when | where | how many | why
             ──retrieve──▶ articles by full-text rank (any content word) + articles mentioning the question's actors
             ──score─────▶ every sentence: share of the question's (rare) words it holds, the question's actors,
                           whether it holds the kind of thing asked (a person, a number, a date, a place), recency
             ──extract───▶ the short answer inside the best sentence (the person, the number, the place, the date)
             ──verify────▶ the sentence is re-read from its cited article; no support → "not found" + nearest sources

Nothing is generated: an answer is a span of a stored sentence, and every answer carries its citation.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from briefings.errors import QueryError
from briefings.extract.timeexpr import WORD_NUMBERS, resolve
from briefings.models import Citation, CitedSentence
from briefings.queries import knowledge
from briefings.text.dates import parse_date
from briefings.text.sentences import Sentence, is_background, split_sentences
from briefings.text.similarity import TfIdf, stem, terms

MAX_QUESTION_CHARS = 300
CANDIDATE_ARTICLES = 40
RECENT_ROWS = 250_000
SENTENCES_PER_ARTICLE = 80
MIN_COVERAGE = 0.5
"""Share of the question's weighted content words a sentence must hold to count as support."""

KINDS = ("who", "what", "when", "where", "how many", "why")
_KIND_PATTERNS = (
    ("how many", re.compile(r"^\s*(how (many|much)|what (is|was) the (number|total|toll)|number of)\b", re.I)),
    ("who", re.compile(r"^\s*(who|whom|whose)\b|\bwhich (person|people|leader|official|minister|president)\b", re.I)),
    ("when", re.compile(r"^\s*(when|what (date|day|time|year|month))\b|\bon what (date|day)\b", re.I)),
    (
        "where",
        re.compile(r"^\s*(where|in what (city|country|region|place))\b|\bwhich (city|country|region|place)\b", re.I),
    ),
    ("why", re.compile(r"^\s*(why|for what reason|what (is|was) the reason)\b", re.I)),
)
_QUESTION_WORDS = frozenset(
    """who whom whose what which when where why how many much did does do is are was were has have had will would
    can could should happen happened happening tell me about number date day time year month place city country
    region reason kind type name named""".split()
)
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
_NUMBER = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b|\b(" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\b",
    re.I,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{4}}|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|last (?:week|month|year)|(?:in\s+)?(?:19|20)\d\d)\b"
)
_REASON = re.compile(r"\b(because|due to|as a result of|in order to|in response to|aims? to|so that|after)\b", re.I)
_IDENTITY = re.compile(r"^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?:the\s+)?(.+?)[?.!]*$", re.I)
"""Questions about who or what an actor is ("Who is Mustafa Umerov?"): the describing sentence answers them."""
_PLACE_PREPOSITION = re.compile(r"\b(in|at|near|from|to|over|across)\s+$", re.I)


@dataclass(frozen=True)
class Answer:
    """A direct answer with its evidence, or ``answer is None`` with the nearest sources."""

    question: str
    kind: str
    answer: str | None
    """The short answer (a person, a number, a place, a date) or the answering sentence."""
    confidence: float
    evidence: tuple[CitedSentence, ...] = ()
    nearest: tuple[Citation, ...] = ()

    @property
    def supported(self) -> bool:
        return self.answer is not None


@dataclass
class _Candidate:
    article_id: int
    sentence: Sentence
    in_title: bool
    published: str
    score: float = 0.0
    coverage: float = 0.0
    short: str | None = None
    mentions: list[tuple[int, int, str, str, int, str]] = field(default_factory=list)
    """(start, end, text, kind, actor id, via) of actors mentioned inside the sentence."""
    event_date: str | None = None
    """The day of a (non-background) event reported by the sentence, as the extractor dated it."""


def classify(question: str) -> str:
    """The kind of answer a question asks for."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(question):
            return kind
    return "what"


def content_terms(question: str) -> list[str]:
    """The question's content words (stemmed), without question words or URLs."""
    text = _URL.sub(" ", question)
    return [t for t in terms(text) if t not in _QUESTION_WORDS and stem(t) not in _QUESTION_WORDS]


def _question_actors(conn: sqlite3.Connection, question: str) -> dict[int, str]:
    """Actors named in the question: capitalised runs of words (and their sub-runs), looked up by any alias."""
    words = re.findall(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|al|bin)?\s*[A-Z][\w'’.-]*)*", _URL.sub(" ", question))
    found: dict[int, str] = {}
    for run in words:
        parts = run.split()
        for size in range(len(parts), 0, -1):
            for start in range(0, len(parts) - size + 1):
                name = " ".join(parts[start : start + size]).strip(".,'’")
                if name.lower() in _QUESTION_WORDS or len(name) < 2:
                    continue
                ids = knowledge.find_actors(conn, name)
                if ids and ids[0] not in found:
                    found[ids[0]] = name
    return found


def _fts_any(words: list[str]) -> str | None:
    tokens = [w for w in dict.fromkeys(words) if re.search(r"\w", w)]
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in tokens) or None


def _retrieve(conn: sqlite3.Connection, question: str, actor_ids: list[int]) -> list[tuple]:
    """Candidate articles: best full-text matches for any content word, then the question's actors' latest."""
    words = [w for w in re.findall(r"[^\W_]+", _URL.sub(" ", question).lower()) if w not in _QUESTION_WORDS]
    words = [w for w in words if w not in _STOP]
    rows: dict[int, tuple] = {}
    match = _fts_any(words)
    if match:
        # The newest RECENT_ROWS articles first (ranking every match of a common word in a store of millions
        # costs seconds); the whole index only when they hold too few matches.
        newest = conn.execute("SELECT max(rowid) FROM articles_fts").fetchone()[0] or 0
        for floor in dict.fromkeys((max(0, newest - RECENT_ROWS), 0)):
            found = conn.execute(
                "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM"
                " (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ?"
                "  ORDER BY rank LIMIT ?) t JOIN articles a ON a.id = t.rowid"
                " WHERE a.duplicate_of IS NULL ORDER BY t.rank",
                (match, floor, CANDIDATE_ARTICLES),
            ).fetchall()
            if len(found) >= CANDIDATE_ARTICLES // 2 or floor == 0:
                break
        for row in found:
            rows.setdefault(row[0], row)
    for actor_id in actor_ids:
        for row in conn.execute(
            "SELECT a.id, a.title, a.body, a.url, a.source, a.published_at FROM articles a"
            " WHERE a.id IN (SELECT article_id FROM mentions WHERE actor_id = ? ORDER BY article_id DESC LIMIT ?)"
            " AND a.duplicate_of IS NULL ORDER BY a.published_at DESC",
            (actor_id, CANDIDATE_ARTICLES // 2),
        ):
            rows.setdefault(row[0], row)
    return list(rows.values())


_STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been it its this that these those"
    " as".split()
)


def answer_question(conn: sqlite3.Connection, question: str) -> Answer:
    """Answer ``question`` from the stored articles, or say that they do not support an answer."""
    if "\x00" in question:
        raise QueryError("the question contains a NUL character")
    question = " ".join(question.split())
    if not question:
        raise QueryError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QueryError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    kind = classify(question)
    focus = content_terms(question)
    actors = _question_actors(conn, question)
    articles = _retrieve(conn, question, list(actors))
    if not focus and not actors:
        return Answer(question, kind, None, 0.0, nearest=tuple(_citation(r) for r in articles[:3]))
    candidates = _candidates(conn, articles)
    if not candidates:
        return Answer(question, kind, None, 0.0)
    _score(candidates, focus, actors, kind, question)
    best = max(candidates, key=lambda c: c.score)
    by_id = {r[0]: r for r in articles}
    identity = _is_identity(conn, question)
    sentence_ok = kind in ("what", "why") or identity
    supported = best.coverage >= MIN_COVERAGE and (sentence_ok or best.short is not None)
    if not supported:
        nearest = []
        for c in sorted(candidates, key=lambda c: -c.score):
            citation = _citation(by_id[c.article_id])
            if citation not in nearest:
                nearest.append(citation)
            if len(nearest) == 3:
                break
        return Answer(question, kind, None, round(best.coverage * 0.5, 2), nearest=tuple(nearest))
    evidence = _verify(conn, best, by_id)
    if evidence is None:
        return Answer(question, kind, None, 0.0, nearest=(_citation(by_id[best.article_id]),))
    # Other articles that say the same: they must hold the same short answer.
    others = [
        c
        for c in sorted(candidates, key=lambda c: -c.score)
        if c is not best
        and c.coverage >= MIN_COVERAGE
        and c.article_id != best.article_id
        and best.short is not None
        and best.short.lower() in c.sentence.text.lower()
    ][:2]
    support = [evidence] + [e for e in (_verify(conn, c, by_id) for c in others) if e is not None]
    confidence = min(1.0, 0.45 * best.coverage + 0.35 * (best.short is not None) + 0.1 * len(support))
    text = best.short if best.short is not None else best.sentence.text
    return Answer(question, kind, text, round(confidence, 2), evidence=tuple(support))


def _is_identity(conn: sqlite3.Connection, question: str) -> bool:
    """True for "Who is X?" where X is the name of a stored actor (not "who is the artistic director of X")."""
    match = _IDENTITY.match(question)
    return bool(match) and match.group(1)[:1].isupper() and bool(knowledge.find_actors(conn, match.group(1)))


def _citation(row: tuple) -> Citation:
    return Citation(row[0], row[1], row[3], row[4], row[5])


def _candidates(conn: sqlite3.Connection, articles: list[tuple]) -> list[_Candidate]:
    out = []
    ids = [r[0] for r in articles]
    mentions: dict[int, list[tuple[int, int, str, str, int, str]]] = {}
    events: dict[int, list[tuple[int, int, str]]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for article_id, start, end, text, kind, actor_id, via in conn.execute(
            "SELECT m.article_id, m.start, m.end, m.text, a.kind, a.id, m.via FROM mentions m JOIN actors a"
            f" ON a.id = m.actor_id WHERE m.article_id IN ({marks}) ORDER BY m.start",
            ids,
        ):
            mentions.setdefault(article_id, []).append((start, end, text, kind, actor_id, via))
        for article_id, start, end, day in conn.execute(
            "SELECT article_id, start, end, date FROM events WHERE background = 0 AND date_precision = 'day'"
            f" AND article_id IN ({marks})",
            ids,
        ):
            events.setdefault(article_id, []).append((start, end, day))
    for article_id, title, body, _url, _source, published in articles:
        out.append(_Candidate(article_id, Sentence(0, len(title), title, -1), True, published))
        found = mentions.get(article_id, [])
        for sentence in split_sentences(body)[:SENTENCES_PER_ARTICLE]:
            if len(sentence.text) < 20:
                continue
            candidate = _Candidate(article_id, sentence, False, published)
            candidate.mentions = [m for m in found if m[0] >= sentence.start and m[1] <= sentence.end]
            dated = [e[2] for e in events.get(article_id, []) if e[0] < sentence.end and e[1] > sentence.start]
            candidate.event_date = dated[0] if dated else None
            out.append(candidate)
    return out


def _score(candidates: list[_Candidate], focus: list[str], actors: dict[int, str], kind: str, question: str) -> None:
    candidate_terms = [terms(c.sentence.text) for c in candidates]
    model = TfIdf(candidate_terms)
    weights = {t: model.idf.get(t, model.unseen) for t in dict.fromkeys(focus)}
    total = sum(weights.values()) or 1.0
    question_words = {w.lower() for w in re.findall(r"[^\W_]+", question)}
    newest = max(c.published for c in candidates)
    asks_past = bool(re.search(r"\b(anniversary|history|ago|commemorat\w*|originally|first)\b", question, re.I))
    for c, c_terms in zip(candidates, candidate_terms, strict=True):
        present = set(c_terms)
        c.coverage = sum(w for t, w in weights.items() if t in present) / total if weights else 0.0
        mentioned = {m[4] for m in c.mentions}
        named = sum(1 for a, name in actors.items() if a in mentioned or name.lower() in c.sentence.text.lower())
        if actors:
            # The question's actors count as content words too.
            c.coverage = (c.coverage * total + named * max(weights.values(), default=1.0)) / (
                total + len(actors) * max(weights.values(), default=1.0)
            )
        c.short = _short_answer(c, kind, question_words, set(actors), weights)
        c.score = (
            c.coverage
            + (0.25 if c.short is not None else 0.0)
            + (0.05 if c.published == newest else 0.0)
            - (0.1 if c.in_title else 0.0)
            - (0.15 if not asks_past and is_background(c.sentence.text) else 0.0)
            - 0.0005 * max(0, c.sentence.index)
        )


def _short_answer(
    c: _Candidate, kind: str, question_words: set[str], actors: set[int], weights: dict[str, float]
) -> str | None:
    text = c.sentence.text
    if kind in ("who", "where"):
        wanted = ("person", "organization", "group") if kind == "who" else ("place",)
        options = [
            m
            for m in c.mentions
            if m[3] in wanted
            and m[4] not in actors
            and m[5] != "demonym"  # "Swiss" names a country but answers neither who nor where
            and _proper(m[2])
            and not set(m[2].lower().split()) <= question_words
        ]
        if not options:
            return None
        return max(options, key=lambda m: _closeness(c, m, kind, weights))[2]
    if kind == "how many":
        return _count(text, list(weights), question_words)
    if kind == "when":
        match = _DATE.search(text)
        if match is None:
            return _day(c.event_date) if c.event_date else None
        reference = (parse_date(c.published) or parse_date("1970-01-01")).date()
        resolved = resolve(match.group().removeprefix("on ").removeprefix("in "), reference)
        if resolved is not None and resolved.precision == "day":
            return _day(resolved.date)
        return match.group()
    if kind == "why":
        match = _REASON.search(text)
        return text[match.start() :].rstrip(".") if match else None
    return None


def _closeness(c: _Candidate, mention: tuple, kind: str, weights: dict[str, float]) -> float:
    """How near a candidate answer sits to the question's words in the sentence (titles and roles stand next to
    names: "Energy Minister Nikolai Shulginov"), with a small preference for people and for places after "in"."""
    sentence = c.sentence
    start, end = mention[0] - sentence.start, mention[1] - sentence.start
    score = 0.0
    for match in re.finditer(r"[^\W_]+", sentence.text):
        term = stem(match.group().lower())
        weight = weights.get(term)
        if weight is None or start <= match.start() < end:
            continue
        gap = start - match.end() if match.end() <= start else match.start() - end
        words = sentence.text[min(end, match.end()) : max(start, match.start())].count(" ")
        score += weight / (1.0 + max(0, words)) * (1.0 if gap >= 0 else 0.5)
    if kind == "who" and mention[3] == "person":
        score *= 1.2
    if kind == "where" and _PLACE_PREPOSITION.search(sentence.text[:start]):
        score *= 1.2
    return score


def _proper(name: str) -> bool:
    """A name as written in prose: starts with a capital or digit, no stray quotes or brackets."""
    return bool(re.fullmatch(r"[A-Z0-9][\w'’.,&-]*(?:\s+[\w'’.,&-]+)*", name))


def _day(iso_day: str) -> str:
    return date.fromisoformat(iso_day).strftime("%-d %B %Y")


def _count(text: str, focus: list[str], question_words: set[str]) -> str | None:
    """The number in ``text`` that counts what the question asks about ("46 civilians" for "how many civilians")."""
    nouns = {t for t in focus if not t.isdigit()}
    best = None
    for match in _NUMBER.finditer(text):
        value = match.group()
        if match.group(2) and value.lower() in ("a", "an"):
            continue
        if re.fullmatch(r"(19|20)\d\d", value):
            continue  # a year, not a count
        after = text[match.end() : match.end() + 60]
        following = terms(after)[:4]
        preceding = terms(text[max(0, match.start() - 40) : match.start()])[-3:]
        near = set(following) | set(preceding)
        hit = bool(nouns & near)
        if best is None or (hit and not best[1]):
            word = re.match(r"\s+([^\W_]+)", after)
            counted = word.group(1) if word and following and following[0] in nouns else ""
            best = (f"{value} {counted}".strip(), hit)
    if best is None:
        return None
    return best[0] if best[1] or not nouns else None


def _verify(conn: sqlite3.Connection, candidate: _Candidate, by_id: dict[int, tuple]) -> CitedSentence | None:
    """The candidate as a cited sentence, if it is still the stored text of its article."""
    row = conn.execute("SELECT title, body FROM articles WHERE id = ?", (candidate.article_id,)).fetchone()
    if row is None:
        return None
    text = row[0] if candidate.in_title else row[1]
    s = candidate.sentence
    if text[s.start : s.end] != s.text:
        return None
    part = "title" if candidate.in_title else "body"
    return CitedSentence(s.text, _citation(by_id[candidate.article_id]), s.start, s.end, part)


def answer_json(answer: Answer) -> dict:
    """The answer as plain JSON data (the ``ask --json`` format)."""
    return {
        "question": answer.question,
        "kind": answer.kind,
        "answer": answer.answer,
        "confidence": answer.confidence,
        "citations": [e.citation.as_dict() | {"quote": e.text} for e in answer.evidence],
        "nearest": [c.as_dict() for c in answer.nearest],
    }
