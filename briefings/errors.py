"""One error tree for the domain; only ``bot.cli`` turns these into messages for a person.

BriefbotError
├── StoreError            the database cannot be opened or migrated
├── QueryError            a search or filter the user typed cannot be run (empty, too long, NUL)
│   └── UnknownActor      no stored actor has that name or alias
├── DateParseError        a date argument is not understood
├── ModelError            the spaCy model cannot be loaded
├── ProfileError          an unknown extraction profile, or not the one the store was extracted with
└── SourceError           one source (file, record, feed, page) could not be ingested
    ├── ParseError        its content is malformed (bad JSON, bad seed header, not a feed, ...)
    ├── UnsupportedSource an unknown file extension or URL scheme
    └── FetchError        an HTTP fetch failed
        ├── BlockedAddress    the URL or a redirect points at a non-public address
        ├── ResponseTooLarge  the decoded body exceeds the cap
        ├── BadContentType    the content type is not in the allow-list
        ├── FetchTimeout      connect, read or total deadline exceeded
        └── HTTPStatusError   the server answered with an error status
"""

from __future__ import annotations


class BriefbotError(Exception):
    """Base of every error Briefbot raises on purpose."""


class StoreError(BriefbotError):
    """The database cannot be opened or migrated."""


class QueryError(BriefbotError):
    """A query typed by a user cannot be run."""


class UnknownActor(QueryError):
    """No stored actor has this name or alias."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no actor named {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


class DateParseError(BriefbotError, ValueError):
    """A date or relative date expression is not understood."""


class ModelError(BriefbotError):
    """The spaCy model cannot be loaded."""


class ProfileError(BriefbotError):
    """An unknown extraction profile, or not the one the store's actors were extracted with."""


class SourceError(BriefbotError):
    """One source could not be ingested; ``where`` names it (path, path:line or URL)."""

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.where else self.reason


class ParseError(SourceError):
    """The content of a source is malformed."""


class UnsupportedSource(SourceError):
    """The source kind is not supported (unknown extension, scheme)."""


class FetchError(SourceError):
    """An HTTP fetch failed."""


class BlockedAddress(FetchError):
    """The URL resolves to an address Briefbot refuses to contact."""


class ResponseTooLarge(FetchError):
    """The response body is larger than allowed."""


class BadContentType(FetchError):
    """The response's content type is not accepted for this kind of source."""


class FetchTimeout(FetchError):
    """Connect, read or total deadline exceeded."""


class FetchCancelled(FetchError):
    """The fetch was abandoned because Briefbot is stopping."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, reason: str, where: str = "", status: int = 0) -> None:
        super().__init__(reason, where)
        self.status = status
