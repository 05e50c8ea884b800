"""What every platform renderer needs: text packed into pieces no longer than a limit."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def pack_lines(lines: Iterable[str], limit: int, cut: Callable[[str, int], str]) -> list[str]:
    """Join lines into pieces of at most ``limit`` characters, breaking only between lines; a line longer than
    the limit is shortened with the platform's ``cut`` (which knows what must not be split)."""
    pieces: list[str] = []
    current = ""
    for line in lines:
        line = cut(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces
