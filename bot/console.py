"""The local console channel: a person types the same commands as in Slack or Discord and reads the replies."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from bot.commands import Context, run_text, split_line
from bot.render.text import render_reply
from briefings.store import Store
from briefings.text.dates import utc_now

PROMPT = "briefbot> "
GREETING = "Briefbot console. Type /help for the commands, a question to ask it, /quit to leave."


def tolerant(stream: TextIO) -> TextIO:
    """``stream`` decoding bytes that are not valid in its encoding as U+FFFD instead of raising mid-loop."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream


def run_console(
    store: Store,
    *,
    now: datetime | None = None,
    interactive: bool = True,
    lines: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Read commands line by line until end of input or /quit; returns how many were answered."""
    source = lines or tolerant(sys.stdin)
    sink = out or sys.stdout
    if interactive:
        print(GREETING, file=sink)
    answered = 0
    while True:
        if interactive:
            print(PROMPT, end="", file=sink, flush=True)
        line = source.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit", "quit", "exit"):
            break
        name, rest = split_line(line)
        reply = run_text(Context(store, now or utc_now(), channel="console"), name, rest)
        print(render_reply(reply), file=sink, flush=True)
        answered += 1
    return answered
