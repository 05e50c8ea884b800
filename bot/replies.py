"""The platform-neutral reply every command returns; each platform's renderer turns it into messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.models import Citation


@dataclass(frozen=True)
class Block:
    """A paragraph or list of the reply. ``cites`` are the citations its text refers to, in order."""

    text: str
    heading: str | None = None
    cites: tuple[Citation, ...] = ()


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
    public: bool = False
    """False: only the person who asked sees it (ephemeral), where the platform allows."""
    error: bool = False
    data: dict = field(default_factory=dict, compare=False)
    """The same content as JSON data, for ``--json`` and tests."""


def usage_reply(message: str, usage: str) -> Reply:
    """A bad argument: what was wrong and how to call the command."""
    return Reply(title="Sorry, I could not read that", blocks=(Block(message), Block(f"Usage: {usage}")), error=True)
