"""The time a question is about: "on 3 March 2022", "in April", "last week", "on Monday", "in 2021", resolved
against the moment it is asked into a range of days.

A question's time expression constrains the events it asks about, not its words: it is taken out of the words
retrieval searches for (every article of April says "April") and becomes a date window on the articles instead.
A date without a year is the latest such date not after ``now``; a weekday is the latest such day before ``now``
("last Sunday" as well as "on Sunday"); weeks start on Monday.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from briefings.extract.timeexpr import WEEKDAYS, WORD_NUMBERS

MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]+"
_NUMBER = (
    r"(?P<n>\d+|" + "|".join(w for w in WORD_NUMBERS if w not in ("a", "an", "hundreds", "thousands", "dozens")) + ")"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("day", rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
        ("day", rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("day", rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
        ("day", rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)"),
        ("part", rf"\b(?:in\s+)?{_PART}{_MONTH}(?:,?\s+{_YEAR})?\b"),
        ("month", rf"\b(?:in\s+|during\s+)?{_MONTH},?\s+{_YEAR}\b"),
        ("month", rf"\b(?:in|during|since|last|this)\s+{_MONTH}\b"),
        ("relative", r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+morning)\b"),
        ("relative", r"\b(?:last|this|past|previous)\s+(?P<unit>week|month|year|weekend)\b"),
        ("ago", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("past", rf"\b(?:in\s+)?the\s+(?:past|last)\s+{_NUMBER}\s+(?P<unit>day|week|month)s?\b"),
        ("weekday", rf"\b(?P<last>last\s+|on\s+|this\s+past\s+)?{_WEEKDAY}\b"),
        ("year", rf"\b(?:in|during|since|of|throughout)\s+{_YEAR}\b"),
    )
)


@dataclass(frozen=True)
class Window:
    """Days ``start`` to ``end`` (both included) and where the expression stands in the question."""

    start: date
    end: date
    text: str
    span: tuple[int, int]
    precision: str
    """``day``, ``week``, ``month``, ``year`` or ``range``."""

    def describe(self) -> str:
        if self.start == self.end:
            return self.start.strftime("%-d %B %Y")
        return f"{self.start.strftime('%-d %B %Y')} – {self.end.strftime('%-d %B %Y')}"


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(key))


def _last_of(month: int, year: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest(month: int, day: int | None, today: date) -> date:
    """The latest date in that month (and day) that is not after ``today``."""
    year = today.year
    for candidate_year in (year, year - 1):
        try:
            candidate = date(candidate_year, month, day or 1)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return date(year - 1, month, 1)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS.get(text.lower(), 1)


def find(question: str, now: date) -> Window | None:
    """The first time expression of ``question`` as a window of days, or None when it names no time."""
    found: list[tuple[int, Window]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(question):
            window = _resolve(kind, match, now)
            if window is not None:
                found.append((match.start(), window))
                break
        if found and kind in ("day", "month"):
            break  # the most specific kinds come first
    if not found:
        return None
    return min(found, key=lambda f: (f[0], -(f[1].span[1] - f[1].span[0])))[1]


def _resolve(kind: str, match: re.Match[str], now: date) -> Window | None:
    groups = match.groupdict()
    span = match.span()
    text = match.group()
    if groups.get("month") == "may" and kind in ("month", "part"):
        return None  # "in may", lower case: the modal verb more often than the month
    try:
        if kind == "day":
            month = _month_number(groups["month"])
            day = int(groups["day"])
            if not 1 <= day <= 31:
                return None
            start = date(int(groups["year"]), month, day) if groups.get("year") else _latest(month, day, now)
            return Window(start, start, text, span, "day")
        if kind == "part":
            month = _month_number(groups["month"])
            first = date(int(groups["year"]), month, 1) if groups.get("year") else _latest(month, None, now)
            last = _last_of(month, first.year)
            part = groups["part"].lower()
            if part in ("early", "the beginning of", "the start of"):
                return Window(first, first.replace(day=10), text, span, "range")
            if part in ("mid", "the middle of"):
                return Window(first.replace(day=11), first.replace(day=20), text, span, "range")
            return Window(first.replace(day=21), last, text, span, "range")
        if kind == "month":
            month = _month_number(groups["month"])
            first = date(int(groups["year"]), month, 1) if groups.get("year") else _latest(month, None, now)
            return Window(first, _last_of(month, first.year), text, span, "month")
        if kind == "relative":
            lowered = " ".join(text.lower().split())
            if "before yesterday" in lowered:
                when = now - timedelta(days=2)
                return Window(when, when, text, span, "day")
            if lowered in ("yesterday", "last night"):
                when = now - timedelta(days=1)
                return Window(when, when, text, span, "day")
            if lowered in ("today", "tonight", "this morning"):
                return Window(now, now, text, span, "day")
            unit = groups["unit"].lower()
            this = lowered.startswith("this")
            if unit == "week":
                monday = now - timedelta(days=now.weekday())
                if this:
                    return Window(monday, now, text, span, "week")
                if lowered.startswith("past"):
                    return Window(now - timedelta(days=7), now, text, span, "week")
                return Window(monday - timedelta(days=7), monday - timedelta(days=1), text, span, "week")
            if unit == "weekend":
                saturday = now - timedelta(days=(now.weekday() - 5) % 7)
                return Window(saturday, saturday + timedelta(days=1), text, span, "range")
            if unit == "month":
                first = now.replace(day=1)
                if not this:
                    first = (first - timedelta(days=1)).replace(day=1)
                return Window(first, now if this else _last_of(first.month, first.year), text, span, "month")
            year = now.year if this else now.year - 1
            return Window(date(year, 1, 1), now if this else date(year, 12, 31), text, span, "year")
        if kind == "ago":
            n = _count(groups["n"])
            unit = groups["unit"].lower()
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
            centre = now - timedelta(days=days)
            slack = {"day": 0, "week": 3, "month": 15, "year": 182}[unit]
            return Window(centre - timedelta(days=slack), centre + timedelta(days=slack), text, span, "range")
        if kind == "past":
            n = _count(groups["n"])
            days = {"day": 1, "week": 7, "month": 30}[groups["unit"].lower()] * n
            return Window(now - timedelta(days=days), now, text, span, "range")
        if kind == "weekday":
            index = WEEKDAYS.index(groups["weekday"].lower())
            back = (now.weekday() - index) % 7 or 7
            when = now - timedelta(days=back)
            return Window(when, when, text, span, "day")
        if kind == "year":
            year = int(groups["year"])
            return Window(date(year, 1, 1), date(year, 12, 31), text, span, "year")
    except ValueError:
        return None
    return None
