"""Progress and messages of an ingest: who listens (the CLI's progress bar, or nobody), and per-file progress."""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    """Receives progress and messages; the CLI draws a progress bar and prints the lines.

    Progress is in units of work (about a kilobyte of input each), so one large file moves the bar smoothly."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str, units: int = 1) -> None: ...
    def problem(self, line: str) -> None: ...
    def notice(self, line: str) -> None: ...


class QuietListener:
    """Collects problems and notices; the default when nobody is watching."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notices: list[str] = []

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str, units: int = 1) -> None:
        pass

    def problem(self, line: str) -> None:
        self.problems.append(line)

    def notice(self, line: str) -> None:
        self.notices.append(line)


class LeafProgress:
    """Spreads one file's progress units over its articles as they are stored."""

    def __init__(self, listener: Listener, label: str, weight: int) -> None:
        self.listener, self.label, self.weight = listener, label, weight
        self.done = 0
        self.per_item = 0.0
        self.items = 0

    def expect(self, items: int) -> None:
        self.per_item = self.weight / items if items else 0.0

    def item(self) -> None:
        self.items += 1
        target = min(self.weight, int(self.items * self.per_item))
        if target > self.done:
            self.listener.advance(self.label, target - self.done)
            self.done = target

    def finish(self) -> None:
        if self.done < self.weight:
            self.listener.advance(self.label, self.weight - self.done)
            self.done = self.weight
