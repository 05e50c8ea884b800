"""Command arguments, parsed the same way for the console, Slack and Discord.

Words are split on spaces; "double quotes" (or “curly” ones) keep a name together. ``key:value`` sets a keyword
argument (``actor:Zelensky``, ``type:attack``, ``limit:5``); ``since X`` and ``until X`` set dates, and a bare date
(``2024-01-15``, ``7d``, ``24h``, ``yesterday``) fills ``since`` then ``until``. Every other word goes to the
command's text argument. A problem raises ``UsageError`` with one line saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from briefings.errors import DateParseError
from briefings.text.dates import parse_when

MAX_INPUT_CHARS = 500
_TOKEN = re.compile(r'(\w+:)?(?:"([^"]*)"|“([^”]*)”)|(\S+)')
_DATE_WORD = re.compile(r"^(\d{4}-\d\d-\d\d(T[\d:]+Z?)?|\d+[mhdw]|today|yesterday)$", re.I)


class UsageError(ValueError):
    """An argument the command cannot use; the message is shown to the person with the usage line."""


@dataclass(frozen=True)
class Arg:
    """One argument of a command."""

    name: str
    kind: str
    """``text`` (words), ``date``, ``int`` or ``choice``."""
    help: str
    required: bool = False
    keyword: bool = False
    """Given as ``name:value`` (or, for dates, ``name VALUE``) rather than by position."""
    choices: tuple[str, ...] = ()
    minimum: int = 1
    maximum: int = 100
    raw: bool = False
    """A text argument that takes the input as typed (questions: apostrophes and quotes are content)."""


def tokens(text: str) -> list[str]:
    """Words of ``text``, quoted groups kept whole; an unclosed quote is a usage error."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        raise UsageError("a quote is not closed")
    out = []
    for match in _TOKEN.finditer(text):
        key, plain, curly, word = match.groups()
        out.append(word if word is not None else (key or "") + (plain if plain is not None else curly))
    return out


def parse(args: tuple[Arg, ...], text: str, now: datetime) -> dict[str, object]:
    """Values for ``args`` from the typed ``text`` (dates resolved against ``now``)."""
    if "\x00" in text:
        raise UsageError("the input contains a NUL character")
    text = text.strip()
    if len(text) > MAX_INPUT_CHARS:
        raise UsageError(f"the input is longer than {MAX_INPUT_CHARS} characters")
    by_name = {a.name: a for a in args}
    values: dict[str, object] = {}
    raw = next((a for a in args if a.raw), None)
    if raw is not None:
        if text:
            values[raw.name] = text
        return _finish(args, values)
    dates = [a for a in args if a.kind == "date"]
    words: list[str] = []
    items = tokens(text)
    i = 0
    while i < len(items):
        item = items[i]
        lower = item.lower()
        key, sep, value = item.partition(":")
        if sep and key.lower() in by_name and by_name[key.lower()].keyword:
            arg = by_name[key.lower()]
            if not value and i + 1 < len(items):
                i += 1
                value = items[i]
            values[arg.name] = _convert(arg, value, now)
        elif lower in ("since", "until", "from", "to") and _date_arg(by_name, lower) and i + 1 < len(items):
            arg = _date_arg(by_name, lower)
            i += 1
            values[arg.name] = _convert(arg, items[i], now)
        elif dates and _DATE_WORD.match(item) and any(a.name not in values for a in dates):
            arg = next(a for a in dates if a.name not in values)
            values[arg.name] = _convert(arg, item, now)
        else:
            words.append(item)
        i += 1
    positional = [a for a in args if not a.keyword and a.kind == "text"]
    if words:
        if not positional:
            raise UsageError(f"unexpected words: {' '.join(words)}")
        values[positional[0].name] = " ".join(words)
    return _finish(args, values)


def _date_arg(by_name: dict[str, Arg], word: str) -> Arg | None:
    name = {"from": "since", "to": "until"}.get(word, word)
    arg = by_name.get(name)
    return arg if arg is not None and arg.kind == "date" else None


def _convert(arg: Arg, value: str, now: datetime) -> object:
    if not value:
        raise UsageError(f"{arg.name} needs a value")
    if arg.kind == "date":
        try:
            return parse_when(value, now, end=arg.name == "until")
        except DateParseError as exc:
            raise UsageError(str(exc)) from None
    if arg.kind == "int":
        if not value.isdigit() or not arg.minimum <= int(value) <= arg.maximum:
            raise UsageError(f"{arg.name} must be a whole number from {arg.minimum} to {arg.maximum}, not {value!r}")
        return int(value)
    if arg.kind == "choice":
        matches = [c for c in arg.choices if c.startswith(value.lower())]
        if not matches:
            raise UsageError(f"{arg.name} must be one of {', '.join(arg.choices)}, not {value!r}")
        return matches[0]
    return value


def _finish(args: tuple[Arg, ...], values: dict[str, object]) -> dict[str, object]:
    for arg in args:
        if arg.required and arg.name not in values:
            raise UsageError(f"{arg.name} is missing")
    since, until = values.get("since"), values.get("until")
    if isinstance(since, datetime) and isinstance(until, datetime) and since >= until:
        raise UsageError("since must be before until")
    return values
