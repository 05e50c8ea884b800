"""The platform-neutral reply every command returns; each platform's renderer turns it into messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.models import Briefing, Citation

USAGE = "usage"
"""``Reply.error``: the arguments could not be used (the command line exits 2)."""
UNKNOWN = "unknown"
"""``Reply.error``: what was asked about is not in the store (the command line exits 1)."""
FAILED = "failed"
"""``Reply.error``: the command broke on something Briefbot did not expect; the log says what (exit 1)."""


@dataclass(frozen=True)
class Block:
    """A paragraph or list of the reply, under an optional heading."""

    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Image:
    name: str
    data: bytes
    alt: str


@dataclass(frozen=True)
class Reply:
    """What a command answers: a title, text blocks, the citations they use, an optional image."""

    title: str
    blocks: tuple[Block, ...] = ()
    citations: tuple[Citation, ...] = ()
    image: Image | None = None
    error: str = ""
    """Empty, ``USAGE`` or ``UNKNOWN``. Error replies are shown only to the person who asked."""
    answered: bool = True
    """False when the store holds no answer (``/ask``): not an error, but the command line exits 1."""
    data: dict = field(default_factory=dict, compare=False)
    """The same content as JSON data, for ``--json`` and tests."""
    briefing: Briefing | None = field(default=None, compare=False)
    """A briefing's reply carries the briefing, which each platform renders as it renders scheduled ones."""


class Citations:
    """Numbers citations in the order a reply first uses them: ``cite(citation)`` → ``"[2]"``."""

    def __init__(self) -> None:
        self.order: list[Citation] = []
        self._index: dict[int, int] = {}

    def number(self, citation: Citation) -> int:
        if citation.article_id not in self._index:
            self.order.append(citation)
            self._index[citation.article_id] = len(self.order)
        return self._index[citation.article_id]

    def __call__(self, citation: Citation) -> str:
        return f"[{self.number(citation)}]"


def failure_reply() -> Reply:
    """A command that raised: the person asking learns it failed, the log has the reason."""
    return Reply(title="Sorry, that command failed", blocks=(Block("The error is in Briefbot's log."),), error=FAILED)


def usage_reply(message: str, usage: str) -> Reply:
    """A bad argument: what was wrong and how to call the command."""
    return Reply(title="Sorry, I could not read that", blocks=(Block(message), Block(f"Usage: {usage}")), error=USAGE)
