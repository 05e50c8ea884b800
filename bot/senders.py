"""Where scheduled briefings go. A sender posts one briefing for one slot and, where it can, finds a post it
already made for a slot (so a slot interrupted between sending and confirming is not posted twice).

The console and file senders live here; the Slack and Discord senders come with their adapters.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Protocol, TextIO

from bot.config import ChannelConfig
from bot.render.text import render_briefing
from briefings.models import Briefing


class Sender(Protocol):
    verifiable: bool
    """True when ``find`` can tell whether a slot was already posted."""

    def send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        """Post the briefing; returns the platform's message id. Raises on failure."""
        ...

    def find(self, channel: ChannelConfig, slot_key: str) -> str | None:
        """The message id of an earlier post for this slot, or None."""
        ...


class ConsoleSender:
    """Prints briefings to the terminal (stdout)."""

    verifiable = False

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.lock = threading.Lock()

    def send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        stream = self.stream or sys.stdout
        with self.lock:
            stream.write(f"\n--- {channel.name}: scheduled briefing {slot_key} ({channel.timezone}) ---\n")
            stream.write(render_briefing(briefing))
            stream.flush()
        return f"console:{channel.name}:{slot_key}"

    def find(self, channel: ChannelConfig, slot_key: str) -> str | None:
        return None


class FileSender:
    """Appends each briefing as one JSON line to the channel's ``path`` (for other tools to read)."""

    verifiable = True

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        path = Path(channel.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"channel": channel.name, "slot": slot_key, "briefing": briefing.as_dict()}
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self.lock, path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
        return f"file:{channel.name}:{slot_key}"

    def find(self, channel: ChannelConfig, slot_key: str) -> str | None:
        path = Path(channel.path)
        if not path.is_file():
            return None
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by a crash mid-write
                if record.get("channel") == channel.name and record.get("slot") == slot_key:
                    return f"file:{channel.name}:{slot_key}"
        return None
