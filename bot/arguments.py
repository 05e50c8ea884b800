"""Command arguments: declared once (``Arg``), read from typed text (console, Slack) or from typed values (the CLI's
options, Discord's slash-command options), converted by the same functions either way.

Text: words are split on spaces; "double quotes" (or “curly” ones) keep a name together. ``key:value`` sets a
keyword argument (``actor:Zelensky``, ``type:attack``, ``limit:5``; repeated for arguments that take several);
``since X`` and ``until X`` set dates, and a bare date (``2024-01-15``, ``7d``, ``24h``, ``yesterday``) fills
``since`` then ``until``. Every other word goes to the command's text argument. A problem raises ``UsageError``
with one line saying what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from briefings.errors import DateParseError
from briefings.text.dates import parse_when

MAX_INPUT_CHARS = 500
_TOKEN = re.compile(r'(\w+:)?(?:"([^"]*)"|“([^”]*)”)|(\S+)')
_DATE_WORD = re.compile(r"^(\d{4}-\d\d-\d\d(T[\d:]+Z?)?|\d+[mhdw]|today|yesterday)$", re.I)

CLI = "cli"
CHAT = "chat"


class UsageError(ValueError):
    """An argument the command cannot use; the message is shown to the person with the usage line."""


@dataclass(frozen=True)
class Arg:
    """One argument of a command."""

    name: str
    kind: str
    """``text`` (words), ``date``, ``int``, ``flag`` (on or off) or ``choice``."""
    help: str
    required: bool = False
    keyword: bool = False
    """Given as ``name:value`` (or, for dates, ``name VALUE``) rather than by position."""
    multiple: bool = False
    """May be given several times; the value is then a tuple."""
    choices: tuple[str, ...] = ()
    minimum: int = 1
    maximum: int = 100
    default: int | None = None
    """The value of an ``int`` argument that is not given (None: absent)."""
    cli_maximum: int | None = None
    """A larger maximum on the command line, where a reply is not bound by a chat message's size."""
    cli_default: int | None = None
    raw: bool = False
    """A text argument that takes the input as typed (questions: apostrophes and quotes are content)."""
    phrases: bool = False
    """Text the handler splits into names or phrases (``tokens``): a quoted group stays one."""
    cli_keyword: bool = False
    """A positional text argument in chat that is an option (``--topic``) on the command line."""
    surfaces: tuple[str, ...] = (CLI, CHAT)
    """Where the argument is offered: the command line, chat (console, Slack, Discord), or both."""

    def limit(self, surface: str) -> int:
        """The largest value an ``int`` argument takes on this surface."""
        return self.cli_maximum if surface == CLI and self.cli_maximum is not None else self.maximum

    def fallback(self, surface: str) -> int | None:
        """The value an absent ``int`` argument has on this surface."""
        return self.cli_default if surface == CLI and self.cli_default is not None else self.default

    @property
    def option(self) -> str:
        """The command-line option (``--max-items``) of a keyword argument."""
        return "--" + self.name.replace("_", "-")


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
    """Values for the chat ``args`` from the typed ``text`` (dates resolved against ``now``)."""
    if "\x00" in text:
        raise UsageError("the input contains a NUL character")
    text = text.strip()
    if len(text) > MAX_INPUT_CHARS:
        raise UsageError(f"the input is longer than {MAX_INPUT_CHARS} characters")
    args = tuple(a for a in args if CHAT in a.surfaces)
    by_name = {a.name: a for a in args}
    raw = next((a for a in args if a.raw), None)
    if raw is not None:
        return finish(args, {raw.name: text} if text else {}, now, CHAT)
    dates = [a for a in args if a.kind == "date"]
    given: dict[str, object] = {}
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
            _give(given, arg, value)
        elif lower in ("since", "until", "from", "to") and _date_arg(by_name, lower) and i + 1 < len(items):
            i += 1
            _give(given, _date_arg(by_name, lower), items[i])
        elif dates and _DATE_WORD.match(item) and any(a.name not in given for a in dates):
            _give(given, next(a for a in dates if a.name not in given), item)
        else:
            words.append(item)
        i += 1
    positional = [a for a in args if not a.keyword and a.kind == "text"]
    if words:
        if not positional:
            raise UsageError(f"unexpected words: {' '.join(words)}")
        given[positional[0].name] = " ".join(words)
    return finish(args, given, now, CHAT)


def _give(given: dict[str, object], arg: Arg | None, value: str) -> None:
    if arg is None:
        return
    if arg.multiple:
        previous = given.get(arg.name, ())
        given[arg.name] = (*previous, value) if isinstance(previous, tuple) else (value,)
    else:
        given[arg.name] = value


def _date_arg(by_name: dict[str, Arg], word: str) -> Arg | None:
    name = {"from": "since", "to": "until"}.get(word, word)
    arg = by_name.get(name)
    return arg if arg is not None and arg.kind == "date" else None


def convert(arg: Arg, value: object, now: datetime, surface: str) -> object:
    """One value as the handler wants it: a date, a number within range, a known choice, or text."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        raise UsageError(f"{arg.name} needs a value")
    if arg.kind == "flag":
        return bool(value)
    if arg.kind == "date":
        if isinstance(value, datetime):
            return value
        try:
            return parse_when(str(value), now, end=arg.name == "until")
        except DateParseError as exc:
            raise UsageError(str(exc)) from None
    if arg.kind == "int":
        highest = arg.limit(surface)
        text = str(value)
        if not (text.isascii() and text.isdecimal()) or not arg.minimum <= int(text) <= highest:
            raise UsageError(f"{arg.name} must be a whole number from {arg.minimum} to {highest}, not {text!r}")
        return int(text)
    if arg.kind == "choice":
        matches = [c for c in arg.choices if c.startswith(str(value).lower())]
        if not matches:
            raise UsageError(f"{arg.name} must be one of {', '.join(arg.choices)}, not {value!r}")
        return matches[0]
    return str(value)


def finish(args: tuple[Arg, ...], given: Mapping[str, object], now: datetime, surface: str) -> dict[str, object]:
    """Convert given values (each argument once, or a tuple for ``multiple``), check what is required, and
    fill defaults: the arguments a handler receives, whichever surface they came from."""
    known = {a.name: a for a in args}
    for name in given:
        if name not in known:
            raise UsageError(f"unknown argument {name!r}")
    values: dict[str, object] = {}
    for arg in args:
        value = given.get(arg.name)
        if value is None or value == () or (arg.kind == "flag" and value is False):
            if arg.required:
                raise UsageError(f"{arg.name} is missing")
            if arg.kind == "int" and arg.fallback(surface) is not None:
                values[arg.name] = arg.fallback(surface)
            continue
        if arg.multiple:
            items = value if isinstance(value, (tuple, list)) else (value,)
            values[arg.name] = tuple(convert(arg, v, now, surface) for v in items)
        else:
            values[arg.name] = convert(arg, value, now, surface)
    since, until = values.get("since"), values.get("until")
    if isinstance(since, datetime) and isinstance(until, datetime) and since >= until:
        raise UsageError("since must be before until")
    return values
