"""The short answer inside a candidate sentence: the person or place, the number, the date, the reason."""

from __future__ import annotations

import re
from datetime import date

from briefings.answers.retrieve import Candidate
from briefings.extract.timeexpr import WORD_NUMBERS, resolve
from briefings.store.actors import MentionRow
from briefings.text.dates import parse_date
from briefings.text.similarity import stem, terms

WANTED = {"who": ("person", "organization", "group"), "where": ("place",)}
"""The actor kinds that answer each question kind."""
PERSON_PREFERENCE = 1.2
"""For "who", a person beats an organisation equally close to the question's words."""
PLACE_PREPOSITION_PREFERENCE = 1.2
"""For "where", a place after "in", "at", "near" ... beats one elsewhere in the sentence."""
BEHIND = 0.5
"""A question word after the candidate counts half as much as one before it (titles and roles precede names)."""
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
_PLACE_PREPOSITION = re.compile(r"\b(in|at|near|from|to|over|across)\s+$", re.I)
_PROPER = re.compile(r"[A-Z0-9][\w'’.,&-]*(?:\s+[\w'’.,&-]+)*")
_YEAR = re.compile(r"(19|20)\d\d")


def short_answer(
    c: Candidate, kind: str, question_words: set[str], actors: set[int], weights: dict[str, float]
) -> str | None:
    """The span of ``c`` that answers a question of ``kind``, or None when the sentence holds none."""
    text = c.sentence.text
    if kind in WANTED:
        options = [
            m
            for m in c.mentions
            if m.kind in WANTED[kind]
            and m.actor_id not in actors
            and m.via != "demonym"  # "Swiss" names a country but answers neither who nor where
            and _PROPER.fullmatch(m.text)
            and not set(m.text.lower().split()) <= question_words
        ]
        if not options:
            return None
        return max(options, key=lambda m: closeness(c, m, kind, weights)).text
    if kind == "how many":
        return count(text, list(weights))
    if kind == "when":
        return when(c)
    if kind == "why":
        match = _REASON.search(text)
        return text[match.start() :].rstrip(".") if match else None
    return None


def closeness(c: Candidate, mention: MentionRow, kind: str, weights: dict[str, float]) -> float:
    """How near a candidate answer sits to the question's words in the sentence (titles and roles stand next to
    names: "Energy Minister Nikolai Shulginov"), with a small preference for people and for places after "in"."""
    sentence = c.sentence
    start, end = mention.start - sentence.start, mention.end - sentence.start
    score = 0.0
    for match in re.finditer(r"[^\W_]+", sentence.text):
        weight = weights.get(stem(match.group().lower()))
        if weight is None or start <= match.start() < end:
            continue
        gap = start - match.end() if match.end() <= start else match.start() - end
        words = sentence.text[min(end, match.end()) : max(start, match.start())].count(" ")
        score += weight / (1.0 + max(0, words)) * (1.0 if gap >= 0 else BEHIND)
    if kind == "who" and mention.kind == "person":
        score *= PERSON_PREFERENCE
    if kind == "where" and _PLACE_PREPOSITION.search(sentence.text[:start]):
        score *= PLACE_PREPOSITION_PREFERENCE
    return score


def _day(iso_day: str) -> str:
    return date.fromisoformat(iso_day).strftime("%-d %B %Y")


def when(c: Candidate) -> str | None:
    """The date a sentence gives (resolved against its article's date when it names a day), or the day the
    extractor dated the event it reports."""
    match = _DATE.search(c.sentence.text)
    if match is None:
        return _day(c.event_date) if c.event_date else None
    published = parse_date(c.published)
    reference = published.date() if published else date(1970, 1, 1)
    resolved = resolve(match.group().removeprefix("on ").removeprefix("in "), reference)
    if resolved is not None and resolved.precision == "day":
        return _day(resolved.date)
    return match.group()


def count(text: str, focus: list[str]) -> str | None:
    """The number in ``text`` that counts what the question asks about ("46 civilians" for "how many civilians")."""
    nouns = {t for t in focus if not t.isdigit()}
    best = None
    for match in _NUMBER.finditer(text):
        value = match.group()
        if match.group(2) and value.lower() in ("a", "an"):
            continue
        if _YEAR.fullmatch(value):
            continue  # a year, not a count
        after = text[match.end() : match.end() + 60]
        following = terms(after)[:4]
        preceding = terms(text[max(0, match.start() - 40) : match.start()])[-3:]
        hit = bool(nouns & (set(following) | set(preceding)))
        if best is None or (hit and not best[1]):
            word = re.match(r"\s+([^\W_]+)", after)
            counted = word.group(1) if word and following and following[0] in nouns else ""
            best = (f"{value} {counted}".strip(), hit)
    if best is None:
        return None
    return best[0] if best[1] or not nouns else None
