"""Middle initials of people's names: "Vladimir V. Putin" and "George H.W. Bush" are the house style of some papers
for the Vladimir Putin and George Bush of others. An initial names no one apart, so a person's key leaves it out
(``extract.names.person_key``), and stores keyed before are re-keyed (``store.schema``, m021)."""

from __future__ import annotations

import re

_INITIAL = re.compile(r"[^\W\d_]\.?|(?:[^\W\d_]\.)+")
"""A written initial or run of them ("V.", "V", "H.W."); not the letter an apostrophe leaves ("O'Brien")."""
_KEY_WORD = re.compile(r"[\w-]+")
"""The runs a key keeps of a written word: letters, digits and hyphens ("People's" gives "People" and "s")."""


def without_middle_initials(words: list[str]) -> list[str]:
    """The written words of a name without the initials between its first and its last. A name that opens with
    an initial is written by its initials ("J. K. Rowling", "T. S. Eliot"): they all stay."""
    if len(words) <= 2 or _INITIAL.fullmatch(words[0]):
        return words
    return [words[0], *(w for w in words[1:-1] if not _INITIAL.fullmatch(w)), words[-1]]


def middle_initial_positions(name: str) -> tuple[set[int], int]:
    """The positions, among the key words a name gives, of those its middle initials wrote; and how many key words
    it gives."""
    words = name.split()
    dropped: set[int] = set()
    if len(words) <= 2 or _INITIAL.fullmatch(words[0]):
        return dropped, sum(len(_KEY_WORD.findall(word)) for word in words)
    at = 0
    for n, word in enumerate(words):
        count = len(_KEY_WORD.findall(word))
        if 0 < n < len(words) - 1 and _INITIAL.fullmatch(word):
            dropped.update(range(at, at + count))
        at += count
    return dropped, at
