"""Event dates from the words of a sentence, resolved against the article's date, with their precision."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateutil_parser

from briefings.extract.records import EventDate

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = "january february march april may june july august september october november december".split()
WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1000,
    "thousands": 1000,
    "dozens": 24,
}
"""Numbers written as words, for counts ("five injured") and spans ("two days ago")."""
INEXACT_WORDS = frozenset({"a", "an", "dozen", "dozens", "hundreds", "thousands"})
"""The words above that give no exact count: an article ("a man was killed") and round plurals ("dozens dead")."""
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


VAGUE_AMOUNTS = {"few": 3, "several": 3, "couple of": 2}
"""Vague quantities in "a few weeks ago": a likely amount, at the next coarser precision."""
COARSER = {"day": "week", "week": "month", "month": "year", "year": "year"}


def article_date(day: date) -> EventDate:
    return EventDate(day.isoformat(), "day", "article")


_QUALIFIERS = re.compile(
    r"^(?:at least|at most|about|around|earlier|later|early|late|mid-?|until|since|by|from|before|after)\s+"
)


def resolve(expression: str, reference: date, forward: bool = False) -> EventDate | None:
    """Resolve a date expression (a spaCy DATE entity's text) against the article's date; None if not a date.

    A date without its year or week ("in October", "on Friday") is the nearest such day before the article, as
    news reports what happened; with ``forward`` (the clause it dates is in the future: "will begin training in
    October"), the next one, as TimeML-style resolvers take the direction from the governing verb's tense."""
    text = expression.lower().strip().removeprefix("on ").removeprefix("the ")
    # "earlier this month", "later this week": a part of the period named, which is what the event is dated to
    text = _QUALIFIERS.sub("", text)
    opening, joined, _ = text.removesuffix(" and").partition(" and ")
    if joined and opening:  # "Tuesday and Wednesday", "March 3 and 4": the coordination starts on its first date
        return resolve(opening, reference, forward)
    text = text.removesuffix(" and")  # the model's entity cut after the conjunction ("Tuesday and")
    for relation in (" after ", " before "):
        head, related, _ = text.partition(relation)
        if related and head and head not in ("day", "the day", "week", "the week"):
            # "Monday after months (of fighting)": the model ran the date into the phrase relating it
            found = resolve(head, reference, forward)
            if found is not None:
                return found
    if text in ("today", "this morning", "this afternoon", "this evening", "tonight", "overnight", "now"):
        return EventDate(reference.isoformat(), "day", "relative")
    if text in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return EventDate((reference - timedelta(days=1)).isoformat(), "day", "relative")
    if text in ("the day before yesterday", "day before yesterday"):
        return EventDate((reference - timedelta(days=2)).isoformat(), "day", "relative")
    if text in ("tomorrow",):
        return EventDate((reference + timedelta(days=1)).isoformat(), "day", "relative")
    if text in ("last week", "the past week", "past week", "this week"):
        shift = 7 if text != "this week" else 0
        start = reference - timedelta(days=reference.weekday() + shift)
        return EventDate(start.isoformat(), "week", "relative")
    if text in ("weekend", "this weekend", "last weekend", "past weekend", "next weekend"):
        return _weekend(text, reference, forward)
    if text in ("last month", "this month", "next month"):
        first = reference.replace(day=1)
        if text == "last month":
            first = (first - timedelta(days=1)).replace(day=1)
        elif text == "next month":
            first = (first + timedelta(days=31)).replace(day=1)
        return EventDate(first.isoformat(), "month", "relative")
    if text in ("last year", "this year", "next year"):
        year = reference.year + {"last year": -1, "this year": 0, "next year": 1}[text]
        return EventDate(date(year, 1, 1).isoformat(), "year", "relative")
    for index, name in enumerate(WEEKDAYS):
        if text in (name, f"last {name}", f"this {name}", f"{name} morning", f"{name} night", f"{name} evening"):
            if forward and not text.startswith("last "):
                ahead = (index - reference.weekday()) % 7
                return EventDate((reference + timedelta(days=ahead)).isoformat(), "day", "relative")
            back = (reference.weekday() - index) % 7
            if text.startswith("last ") and back == 0:
                back = 7
            return EventDate((reference - timedelta(days=back)).isoformat(), "day", "relative")
    span = re.match(r"^(?:a )?(few|couple of|several|\w+) (day|week|month|year)s? ago$", text)
    if span:
        word, unit = span.groups()
        amount = number_of(word)
        if amount is not None:
            return ago(reference, amount, unit)
        if word in VAGUE_AMOUNTS:  # "a few weeks ago": only the next coarser unit is sure
            return _widened(ago(reference, VAGUE_AMOUNTS[word], unit), COARSER[unit])
    season = _SEASON.fullmatch(text)
    if season:
        return _season(season.group(1), season.group(2), season.group(3), reference, forward)
    if text.startswith(("last ", "next ")):  # "last May", "next March": the direction is said
        forward = text.startswith("next ")
    return _explicit(text, reference, forward)


SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
"""The month each season of the northern hemisphere, where most of the news read here is written, starts in."""
_SEASON = re.compile(
    r"(last |this |next |past )?(?:(?:early|late|mid-?)\s*)?(spring|summer|autumn|fall|winter)(?:,? (?:of )?(\d{4}))?"
)


def season_start(name: str, deixis: str, year: int | None, reference: date, forward: bool = False) -> date:
    """The first day of the season meant ("spring", "last summer", "the winter of 2022"): of the year given (a
    winter is named by the year of its January, as "winter 2021/22" is 2022's); else "last" the latest that has
    ended, "this" the one under way or else the one of the reference's year, "next" (or a future clause) the next to
    begin, and a bare season the latest begun."""
    first = SEASONS[name.lower()]
    if year is not None:
        return date(year - (1 if first == 12 else 0), first, 1)
    months = reference.year * 12 + reference.month - 1  # months since January of year 0
    begun = months - (months - (first - 1)) % 12  # the latest start at or before the reference
    under_way = months - begun < 3
    if deixis in ("last", "past"):
        begun -= 0 if not under_way else 12
    elif deixis == "this":
        begun = begun if under_way else reference.year * 12 + first - 1
    elif deixis == "next" or forward:
        begun += 12
    return date(begun // 12, begun % 12 + 1, 1)


def _season(deixis: str | None, name: str, year: str | None, reference: date, forward: bool) -> EventDate | None:
    """A season ("the summer of 2022", "last spring") as the year that holds it: a season is three months, so the
    year is the finest precision that surely contains the day; a winter without its year is left unresolved (it
    straddles two years)."""
    if year is not None:
        return EventDate(date(int(year), 1, 1).isoformat(), "year", "explicit")
    if SEASONS[name] == 12:
        return None  # a winter named without its year straddles two: no year surely holds it
    start = season_start(name, (deixis or "").strip(), None, reference, forward)
    return EventDate(date(start.year, 1, 1).isoformat(), "year", "relative")


def _weekend(text: str, reference: date, forward: bool) -> EventDate:
    """A weekend as the week that holds it (its Saturday and Sunday share an ISO week): "this weekend" is the one of
    the article's week; "over the weekend" in a Monday's report is the two days before (on a weekend day, the one
    under way); "last weekend" on a weekend day is the one before; "next weekend", or a weekend in a future clause,
    the coming one."""
    saturday = 5
    if text == "this weekend":
        day = reference
    elif text == "next weekend" or (forward and text != "last weekend"):
        ahead = (saturday - reference.weekday()) % 7
        if text == "next weekend" and ahead == 0:
            ahead = 7
        day = reference + timedelta(days=ahead)
    else:
        back = (reference.weekday() - saturday) % 7
        if text == "last weekend" and reference.weekday() >= saturday:
            back += 7
        day = reference - timedelta(days=back)
    return _widened(EventDate(day.isoformat(), "day", "relative"), "week")


def ago(reference: date, amount: int, unit: str) -> EventDate:
    """``amount`` units (day, week, month, year) before ``reference``, at the unit's precision."""
    if unit == "day":
        return EventDate((reference - timedelta(days=amount)).isoformat(), "day", "relative")
    if unit == "week":
        return EventDate((reference - timedelta(weeks=amount)).isoformat(), "week", "relative")
    if unit == "month":
        month = reference.month - amount
        year = reference.year + (month - 1) // 12
        return EventDate(date(year, (month - 1) % 12 + 1, 1).isoformat(), "month", "relative")
    return EventDate(date(reference.year - amount, 1, 1).isoformat(), "year", "relative")


def _widened(found: EventDate, precision: str) -> EventDate:
    """``found`` at a coarser precision: the first day of its week, month or year."""
    day = date.fromisoformat(found.date)
    if precision == "week":
        day -= timedelta(days=day.weekday())
    elif precision == "month":
        day = day.replace(day=1)
    else:
        day = day.replace(month=1, day=1)
    return EventDate(day.isoformat(), precision, found.source)


def number_of(word: str) -> int | None:
    """A count written in digits or as a word (\"3\", \"three\"); None otherwise."""
    return int(word) if word.isdigit() else WORD_NUMBERS.get(word)


def _explicit(text: str, reference: date, forward: bool = False) -> EventDate | None:
    month = next((i + 1 for i, m in enumerate(MONTHS) if re.search(rf"\b{m[:3]}[a-z]*\.?\b", text)), None)
    year_match = _YEAR.search(text)
    year = int(year_match.group(0)) if year_match else None
    if month is None:
        if year is not None and re.fullmatch(r"(?:the )?(?:year )?\d{4}s?", text):
            return EventDate(date(year, 1, 1).isoformat(), "year", "explicit")
        return None
    rest = re.sub(rf"\b{MONTHS[month - 1][:3]}[a-z]*\.?", " ", text)
    rest = _YEAR.sub(" ", rest)
    day_match = _DAY.search(rest)
    if year is None:
        year = reference.year
        if forward and month < reference.month:
            year += 1  # "will meet in February", written in November: the next February
        elif not forward and month > reference.month + 1:
            year -= 1  # "December 30" in an article of January 2: the previous year
    if day_match:
        try:
            return EventDate(date(year, month, int(day_match.group(1))).isoformat(), "day", "explicit")
        except ValueError:
            pass
    try:
        dateutil_parser.parse(f"{year}-{month:02d}-01")
    except (ValueError, OverflowError):
        return None
    return EventDate(date(year, month, 1).isoformat(), "month", "explicit")
