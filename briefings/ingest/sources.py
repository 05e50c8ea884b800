"""What a named source is made of: files (by extension) and URLs, each a ``Leaf`` read on its own."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = {
    ".txt": "seed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".html": "html",
    ".htm": "html",
}
URL_WEIGHT = 50
"""Progress units of a URL (a file counts one unit per kilobyte)."""


@dataclass(frozen=True)
class Leaf:
    """One readable unit: a file or a URL, its kind, and the named source it belongs to."""

    location: str
    kind: str
    """A kind of ``EXTENSIONS``, ``url``/``feed-url``, ``skip`` (unsupported file in a folder, a link to a folder),
    ``unreadable`` (a folder that cannot be listed) or ``unsupported``."""
    root: str
    reason: str | None = None
    """Why a ``skip`` or ``unreadable`` leaf is not read (None: an unsupported file type)."""

    @property
    def weight(self) -> int:
        """Units of progress: a kilobyte of a file, ``URL_WEIGHT`` for a URL."""
        if self.kind in ("url", "feed-url"):
            return URL_WEIGHT
        try:
            return max(1, os.path.getsize(self.location) // 1000)
        except OSError:
            return 1

    def size_at_least(self, kilobytes: int) -> bool:
        """True for a local file of a batch format at least this large (worth a worker process)."""
        try:
            return self.kind in ("json", "jsonl", "csv", "feed") and os.path.getsize(self.location) >= kilobytes * 1000
        except OSError:
            return False


def is_url(text: str) -> bool:
    return "://" in text and not os.path.exists(text)


def source_kind(source: str, leaves: list[Leaf]) -> str:
    """What a named source is, for its ingest run: ``url``, ``directory`` or its file's kind."""
    if is_url(source):
        return "url"
    if Path(source).is_dir():
        return "directory"
    return leaves[0].kind if leaves else "unsupported"


_DOCUMENTATION = re.compile(
    r"^(readme|licen[cs]e|copying|notice|changelog|changes|authors|contributing|source)(\.(md|txt|rst))?$",
    re.IGNORECASE,
)
"""The conventional names of a folder's own documentation (a dataset's README, LICENSE or SOURCE.md): skipped in a
folder like any unsupported file, but without a note, since nobody meant them as articles."""


def is_documentation(location: str) -> bool:
    return bool(_DOCUMENTATION.match(Path(location).name))


def expand(sources: Iterable[str], *, force_feed: bool = False) -> list[Leaf]:
    """Expand named sources into leaves; files of unknown type inside a directory become ``skip`` leaves."""
    leaves: list[Leaf] = []
    for source in sources:
        if is_url(source):
            leaves.append(Leaf(source, "feed-url" if force_feed else "url", source))
            continue
        path = Path(source)
        if path.is_dir():
            unreadable: list[OSError] = []
            for folder, dirs, files in os.walk(path, onerror=unreadable.append):
                dirs.sort()
                for name in [d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(folder, d))]:
                    link = os.path.join(folder, name)
                    leaves.append(Leaf(link, "skip", source, "a link to a folder, not followed"))
                dirs[:] = [d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))]
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    file_path = os.path.join(folder, name)
                    leaves.append(Leaf(file_path, EXTENSIONS.get(Path(name).suffix.lower(), "skip"), source))
            for error in unreadable:
                reason = f"cannot read this folder ({error.strerror or error})"
                leaves.append(Leaf(str(error.filename or path), "unreadable", source, reason))
        else:
            kind = EXTENSIONS.get(path.suffix.lower(), "unsupported")
            if force_feed and kind != "unsupported":
                kind = "feed"
            leaves.append(Leaf(source, kind, source))
    return leaves


def file_validators(location: str) -> tuple[str, None, str]:
    """What identifies a file's content cheaply (size and modification time), stored like a feed's validators
    so a scheduled poll of a folder skips files it has already read."""
    path = Path(location).resolve()
    stat = path.stat()
    return f"file://{path}", None, f"{stat.st_size}:{stat.st_mtime_ns}"
