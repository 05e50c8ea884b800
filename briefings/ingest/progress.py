"""Progress and messages of an ingest: who listens (the CLI's progress bar, or nobody), and per-file progress."""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from typing import Protocol


class Listener(Protocol):
    """Receives progress and messages; the CLI draws a progress bar and prints the lines.

    Progress is in units of work (about a kilobyte of input each), so one large file moves the bar smoothly."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str, units: int = 1) -> None: ...
    def problem(self, line: str) -> None: ...
    def notice(self, line: str) -> None: ...
    def counted(self, phase: str, n: int) -> None:
        """``n`` more articles went through ``phase``: ``read``, ``extracted`` (new text only), ``stored``."""


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

    def counted(self, phase: str, n: int) -> None:
        pass


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

    def estimate(self, share: float, read: int) -> None:
        """For a stream: ``read`` records (lines) are this share of the leaf, so it holds about read / share."""
        if share > 0 and read:
            self.per_item = self.weight * share / read

    def finish(self) -> None:
        if self.done < self.weight:
            self.listener.advance(self.label, self.weight - self.done)
            self.done = self.weight


class Estimate:
    """Time left from the recent rate (the last ``window`` seconds), not the average since the start: a slow
    start (loading the model) or a change of pace (duplicates, then new text to extract) does not stick to it."""

    def __init__(self, total: int, window: float = 20.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.window, self.clock = total, window, clock
        self.samples: collections.deque[tuple[float, int]] = collections.deque()

    def update(self, done: int) -> None:
        now = self.clock()
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[1][0] >= self.window:
            self.samples.popleft()

    def seconds_left(self) -> float | None:
        """None until the rate is known (samples three seconds apart, some progress between them): results come
        in bursts (a chunk of articles extracted at once), and a rate within one burst means nothing."""
        if len(self.samples) < 2:
            return None
        (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
        if t1 - t0 < 3.0 or d1 <= d0:
            return None
        return max(0.0, (self.total - d1) / ((d1 - d0) / (t1 - t0)))
