"""The time a question is about: "on 3 March 2022", "in April", "last week", "on Monday", "in 2021", resolved
against the moment it is asked into a range of days.

A question's time expression constrains the events it asks about, not its words: it is taken out of the words
retrieval searches for (every article of April says "April") and becomes a date window on the articles instead.
Expressions are resolved by the extractor's ``timeexpr.resolve`` (so a question and an article read "last week" or
"March 3" alike: a month more than one ahead of ``now`` is last year's) and widened to their precision; weeks start
on Monday.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from briefings.extract.timeexpr import WORD_NUMBERS, resolve, season_start

MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]+"
_HOLIDAY = (
    r"(?P<orthodox>Orthodox\s+)?(?P<holiday>Easter|Christmas\s+Eve|Christmas|New\s+Year['’]?s\s+Eve"
    r"|New\s+Year['’]?s(?:\s+Day)?)(?:\s+(?:Day|Sunday))?(?!\s+(?:Island|Islands|Rising)\b)"
)
"""Feasts that name a day: Easter (the Western and the Orthodox date, both when the question does not say which:
news of Ukraine, Russia or Greece keeps the Orthodox one), Christmas and its eve (Orthodox: 7 and 6 January), New
Year's Day and Eve. Not in a name it begins: Easter Island, Christmas Island, the Easter Rising."""
_SEASON = (
    r"\b(?:(?P<deixis>last|this|next|past)\s+|(?:in|during|over|throughout)\s+(?:the\s+)?(?:(?:early|late)\s+)?"
    r"|(?=(?:spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?:19|20)\d\d\b))"
    rf"(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?(?:,?\s+{_YEAR})?\b"
    r"(?!\s+(?:conference|term|session|festival|games|olympics|break|holidays?|collection|school|camp)\b)"
)
"""A season with its year or "last", "this", "next" ("in the summer of 2022", "last winter", "the summer 2023 Nato
summit"); not a season that names an occasion ("the spring conference", "the winter Olympics")."""
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
        ("holiday", rf"\b(?:on\s+|at\s+|over\s+|during\s+)?{_HOLIDAY}(?:,?\s+{_YEAR})?\b"),
        ("part", rf"\b(?:in\s+)?{_PART}{_MONTH}(?:,?\s+{_YEAR})?\b"),
        ("month", rf"\b(?:in\s+|during\s+)?{_MONTH},?\s+{_YEAR}\b"),
        ("month", rf"\b(?:in|during|since|last|this)\s+{_MONTH}\b"),
        ("relative", r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+morning)\b"),
        ("relative", r"\b(?:last|this|past|previous)\s+(?P<unit>week|month|year|weekend)\b"),
        ("ago", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("past", rf"\b(?:in\s+)?the\s+(?:past|last)\s+{_NUMBER}\s+(?P<unit>day|week|month)s?\b"),
        ("weekday", rf"\b(?P<last>last\s+|on\s+|this\s+past\s+)?{_WEEKDAY}\b"),
        ("season", _SEASON),
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
    searched: bool = False
    """The expression's words stay among the words searched for: a feast is also what reports of it name
    ("strikes on Easter"), where a date's words are on every page of its days."""

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
    """The first time expression of ``question`` as a window of days, or None when it names no time.

    A day or month written without its year takes the year the question writes elsewhere ("killed since February
    24, according to his speech on Journalist's Day 2022"); a window opened by "since" runs to ``now``: what
    happened since then is asked, not what happened that day. A range ("between February 24 and May 10", "from
    March to June 2022") is one window from its first day to its last."""
    ranged = _range(question, now)
    if ranged is not None:
        return ranged
    found: list[tuple[int, Window, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(question):
            window = _resolve(kind, match, now)
            if window is not None:
                found.append((match.start(), window, kind, match))
                break
        if found and kind in ("day", "month"):
            break  # the most specific kinds come first
    if not found:
        return None
    # A feast named without a preposition may only describe a noun ("Putin's Christmas ceasefire in January 2023",
    # "the Easter truce"): any other expression of the question dates it first.
    _, window, kind, match = min(found, key=lambda f: (_bare_feast(f[1]), f[0], -(f[1].span[1] - f[1].span[0])))
    year = _other_year(question, window)
    if year is not None and kind in _YEARLESS_KINDS and not match.groupdict().get("year"):
        window = _resolve(kind, match, min(now, date(year, 12, 31))) or window
    if re.search(r"\bsince\s+$", question[: window.span[0]], re.I) or window.text.lower().startswith("since "):
        window = replace(window, end=max(window.end, now), precision="range")
    return window


_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s+", re.I)
_BARE_MONTH = re.compile(rf"{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)
"""A month alone opens a range ("from March to June 2022"), where it cannot be the modal verb."""


def _range(question: str, now: date) -> Window | None:
    """ "between February 24 and May 10", "from March to June 2022": one window from the first day to the last;
    the second end is resolved against ``now`` and the first against the second (a range reads forward in time)."""
    ends = [(kind, pattern) for kind, pattern in _PATTERNS if kind in ("day", "part", "month")]
    for opening in _RANGE_OPEN.finditer(question):
        for kind, pattern in [*ends, ("month", _BARE_MONTH)]:
            first = pattern.match(question, opening.end())
            join = _RANGE_JOIN.match(question, first.end()) if first else None
            if first is None or join is None:
                continue
            for second_kind, second_pattern in [*ends, ("month", _BARE_MONTH)]:
                found = second_pattern.match(question, join.end())
                last = _resolve(second_kind, found, now) if found else None
                if last is None:
                    continue
                start = _range_start(kind, first, last.end)
                if start is None or start > last.end:
                    continue
                span = (first.start(), last.span[1])
                return Window(start, last.end, question[span[0] : span[1]], span, "range")
    return None


def _range_start(kind: str, match: re.Match[str], before: date) -> date | None:
    groups = match.groupdict()
    if groups.get("day") is None and groups.get("part") is None:
        month = _month_number(groups["month"])
        return date(int(groups["year"]), month, 1) if groups.get("year") else _latest(month, None, before)
    window = _resolve(kind, match, before)
    return window.start if window is not None else None


_YEARLESS_KINDS = frozenset({"day", "part", "month", "holiday"})
"""Expressions that may leave their year unsaid ("on 24 February", "in early May", "on Easter")."""


def _other_year(question: str, window: Window) -> int | None:
    """A year the question writes outside the window's own words ("Journalist's Day 2022"), if exactly one."""
    years = {
        int(m.group())
        for m in re.finditer(r"\b(?:19|20)\d\d\b", question)
        if not window.span[0] <= m.start() < window.span[1]
    }
    return years.pop() if len(years) == 1 else None


_TIME_WORD = re.compile(
    r"\d|\b(?:yesterday|today|tonight|night|morning|last|this|past|previous|ago|"
    + "|".join(MONTHS)
    + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|easter|christmas|new\s+year|weekend|week|month|year|spring|summer|autumn|fall|winter)",
    re.I,
)
"""A word without which none of the time patterns matches."""


def full_dates(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a day with its month and year ("February 26, 2021", "26 February 2021"), without a
    leading "on": the whole date, where the model may tag only its year."""
    out: list[tuple[int, int]] = []
    for _, pattern in _PATTERNS[:2]:
        for match in pattern.finditer(text):
            lead = re.match(r"on\s+", match.group(0), re.I)
            start = match.start() + (lead.end() if lead else 0)
            if not any(a < match.end() and start < b for a, b in out):
                out.append((start, match.end()))
    return sorted(out)


def refers_to(text: str, written: date, window: Window) -> bool:
    """``text``, written on ``written``, names a time inside ``window`` ("last year", "in March", "on 3 May")."""
    if not _TIME_WORD.search(text):
        return False  # most sentences name no time: one search instead of all the patterns
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _resolve(kind, match, written)
            if found is not None and found.start <= window.end and found.end >= window.start:
                return True
    return False


def _bare_feast(window: Window) -> bool:
    return window.searched and not re.match(r"(?:on|at|over|during)\s", window.text, re.I)


def _feast(name: str, orthodox: bool, year: int) -> tuple[date, date]:
    if name == "easter":
        western, eastern = easter(year, EASTER_WESTERN), easter(year, EASTER_ORTHODOX)
        return (eastern, eastern) if orthodox else (min(western, eastern), max(western, eastern))
    if name == "christmas eve":
        day = date(year, 1, 6) if orthodox else date(year, 12, 24)
    elif name == "christmas":
        day = date(year, 1, 7) if orthodox else date(year, 12, 25)
    elif name.endswith("eve"):
        day = date(year, 12, 31)
    else:
        day = date(year, 1, 1)
    return day, day


def _holiday(groups: dict, text: str, span: tuple[int, int], now: date) -> Window:
    """A feast of the year given, else its latest occurrence that has begun by ``now``."""
    name = re.sub(r"['’]", "", " ".join(groups["holiday"].lower().split()))
    orthodox = bool(groups.get("orthodox"))
    if groups.get("year"):
        start, end = _feast(name, orthodox, int(groups["year"]))
    else:
        start, end = _feast(name, orthodox, now.year)
        if start > now:
            start, end = _feast(name, orthodox, now.year - 1)
    return Window(start, end, text, span, "day" if start == end else "range", searched=True)


def _season(groups: dict, text: str, span: tuple[int, int], now: date) -> Window | None:
    """A season of the year given or "last", "this", "next" (``timeexpr.season_start``) as its three months; a
    season named with neither ("in spring") is left to the words searched for."""
    deixis = (groups.get("deixis") or "").lower()
    if not (groups.get("year") or deixis):
        return None
    year = int(groups["year"]) if groups.get("year") else None
    start = season_start(groups["season"], deixis, year, now)
    end_month = (start.month + 1) % 12 + 1
    end_year = start.year + (1 if start.month + 2 > 12 else 0)
    return Window(start, _last_of(end_month, end_year), text, span, "range")


_PREPOSITION = re.compile(r"^(?:in|during|since|of|throughout|on|last|this|past|previous)\s+", re.I)
_KEEP_RELATIVE = re.compile(r"^(?:last|this)\s+", re.I)


def _resolve(kind: str, match: re.Match[str], now: date) -> Window | None:
    """The window of one time expression: the extractor's own resolution (``timeexpr.resolve``, the same for
    articles and questions) widened to its precision; parts of months, "the past N days" and weekends, which it
    does not read, here."""
    groups = match.groupdict()
    span = match.span()
    text = match.group()
    if groups.get("month") == "may" and kind in ("month", "part"):
        return None  # "in may", lower case: the modal verb more often than the month
    try:
        if kind == "holiday":
            return _holiday(groups, text, span, now)
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
        if kind == "season":
            return _season(groups, text, span, now)
        if kind == "past":
            n = _count(groups["n"])
            days = {"day": 1, "week": 7, "month": 30}[groups["unit"].lower()] * n
            return Window(now - timedelta(days=days), now, text, span, "range")
        if kind == "relative" and (groups.get("unit") or "").lower() == "weekend":
            saturday = now - timedelta(days=(now.weekday() - 5) % 7)
            return Window(saturday, saturday + timedelta(days=1), text, span, "range")
    except ValueError:
        return None
    expression = " ".join(text.split()).lower()
    if not _KEEP_RELATIVE.match(expression) or kind in ("month", "year"):
        expression = _PREPOSITION.sub("", expression)
    if kind == "relative":
        expression = re.sub(r"^(?:past|previous)\s+", "last ", expression)
    resolved = resolve(expression, now)
    if resolved is None:
        return None
    start = date.fromisoformat(resolved.date)
    if resolved.precision == "day":
        end = start
    elif resolved.precision == "week":
        end = start + timedelta(days=6)
    elif resolved.precision == "month":
        end = _last_of(start.month, start.year)
    else:
        end = date(start.year, 12, 31)
    return Window(start, end, text, span, resolved.precision)
