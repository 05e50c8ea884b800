"""Dates: article dates to UTC ISO-8601, and the date arguments people type (``2024-01-15``, ``7d``, ``yesterday``)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from dateutil import parser as dateutil_parser

from briefings.errors import DateParseError

FUTURE_TOLERANCE = timedelta(days=1)
EARLIEST_YEAR = 1600
"""Before the first printed newspapers (1605) a publication date is a placeholder: 0001-01-01 is the zero
value of Go's and .NET's date types, 0000-00-00 MySQL's. Such dates are treated as missing."""
_RELATIVE = re.compile(r"^(\d{1,5})\s*(m|min|h|d|w)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with a ``Z`` suffix and second precision; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # isoformat pads the year to four digits (strftime("%Y") writes year 1 as "1").
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def parse_date(value: object) -> datetime | None:
    """Parse an article date (datetime, ISO-8601, RFC 2822, common forms) to an aware UTC datetime, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(), tzinfo=UTC)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            moment = datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            if not _YEAR.search(text):  # dateutil would fill a missing year from today
                return None
            try:
                moment = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
            except (ValueError, OverflowError, TypeError):
                return None
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def resolve_published(value: object, fetched_at: datetime) -> tuple[str, tuple[str, ...]]:
    """The stored publication date and its flags: missing or unparseable falls back to the fetch time,
    a date more than a day in the future is clamped to it."""
    moment = parse_date(value)
    if moment is None or moment.year < EARLIEST_YEAR:
        return iso(fetched_at), ("date_missing",)
    if moment > fetched_at + FUTURE_TOLERANCE:
        return iso(fetched_at), ("date_clamped",)
    return iso(moment), ()


def parse_when(text: str, now: datetime, *, end: bool = False) -> datetime:
    """Parse a date argument: ISO date or datetime, ``7d``/``24h``/``2w``/``30m`` ago, ``today``, ``yesterday``.

    With ``end=True`` a bare day means the end of that day (for ``--until``)."""
    raw = text.strip()
    word = raw.lower()
    today = datetime.combine(now.astimezone(UTC).date(), time(), tzinfo=UTC)
    day: datetime | None = None
    if word in ("now",):
        return now
    if word == "today":
        day = today
    elif word == "yesterday":
        day = today - timedelta(days=1)
    elif match := _RELATIVE.match(word):
        amount = int(match.group(1))
        return now - timedelta(**{_UNITS[match.group(2).lower()]: amount})
    else:
        try:
            if len(raw) == 10:
                day = datetime.combine(date.fromisoformat(raw), time(), tzinfo=UTC)
            else:
                moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)
                return moment.astimezone(UTC)
        except ValueError:
            raise DateParseError(
                f"cannot read date {text!r} (use 2024-01-15, 2024-01-15T08:00, 7d, 24h, today or yesterday)"
            ) from None
    return day + timedelta(days=1) if end else day
