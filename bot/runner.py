"""Commands run for the chat adapters: in worker threads, each thread with its own store connection."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from bot.commands import Context, run_text, run_values
from bot.replies import Reply
from briefings.store import ThreadStores

AUTOCOMPLETE_CHOICES = 25
"""Discord shows at most 25 autocomplete choices."""


class CommandRunner:
    """Runs table commands against the store of the calling thread (call it from worker threads only)."""

    def __init__(self, stores: ThreadStores, sources: tuple = (), min_confidence: float | None = None) -> None:
        self.stores = stores
        self.sources = sources
        self.min_confidence = min_confidence

    def _context(self, channel: str | None) -> Context:
        return Context(
            self.stores(), datetime.now(UTC), channel=channel, sources=self.sources, min_confidence=self.min_confidence
        )

    def text(self, name: str, text: str, channel: str | None = None) -> Reply:
        """A command typed as text (Slack, the console)."""
        return run_text(self._context(channel), name, text)

    def values(self, name: str, values: Mapping[str, object], channel: str | None = None) -> Reply:
        """A command given as typed values (Discord's options)."""
        return run_values(self._context(channel), name, values)

    def actor_names(self, prefix: str) -> list[str]:
        """Actor names starting with ``prefix``, most mentioned first (autocomplete)."""
        return self.stores().actors.names_starting(prefix, AUTOCOMPLETE_CHOICES)
