"""The local console channel: a person types the same commands as in Slack or Discord and reads the replies."""

from __future__ import annotations

import logging
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.commands import Context, run_text, split_line
from bot.render.text import render_reply
from bot.replies import Reply
from briefings.store import Store
from briefings.text.dates import utc_now

log = logging.getLogger(__name__)
PROMPT = "briefbot> "
GREETING = "Briefbot console. Type /help for the commands, a question to ask it, /quit to leave."


def charts_folder(database: str) -> Path:
    """Where the console saves the charts it cannot show: ``charts/`` beside the store."""
    return Path(database).resolve().parent / "charts"


def answer(reply: Reply, charts: Path | None) -> str:
    """The reply as console text; a chart is saved under ``charts`` (a new file each time) and its path printed."""
    if reply.image is None or charts is None:
        return render_reply(reply)
    stem = re.sub(r"[^a-z0-9]+", "-", reply.title.lower()).strip("-")[:60] or "chart"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        charts.mkdir(parents=True, exist_ok=True)
        for n in range(1, 100):
            path = charts / (f"{stem}-{stamp}.png" if n == 1 else f"{stem}-{stamp}-{n}.png")
            try:
                with open(path, "xb") as handle:  # never overwrite an earlier chart
                    handle.write(reply.image.data)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(f"too many charts named {stem}-{stamp}")
    except OSError as exc:
        log.warning("console: cannot save the chart in %s: %s", charts, exc.strerror or exc)
        return render_reply(reply)
    return render_reply(reply, chart_path=str(path))


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
    charts: Path | None = None,
) -> int:
    """Read commands line by line until end of input or /quit; returns how many were answered. Charts are saved
    under ``charts`` (none: not saved)."""
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
        print(answer(reply, charts), file=sink, flush=True)
        answered += 1
    return answered
