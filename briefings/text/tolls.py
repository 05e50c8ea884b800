"""Tolls a text states ("kills nine", "Seven people were killed", "12 injured"): a headline whose toll the sentences
under it contradict does not head them.

A toll is a count of people killed or injured, written in the two orders English uses: the count before the
participle or adjective ("nine dead", "Seven people were killed", "12 injured") or after the verb ("kills nine",
"killing at least 10 people"). A count qualified as a bound ("at least", "more than", "up to", "about") says no exact
number, so only two exact counts of the same kind can disagree: reports of a day raise a toll as bodies are found,
and "at least 12" under "kills 10" is that, not a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefings.extract.timeexpr import INEXACT_WORDS, WORD_NUMBERS

_EXACT_WORDS = [w for w in WORD_NUMBERS if w not in INEXACT_WORDS]
"""Number words that say an exact count ("nine dead"); "dozens" or "hundreds" killed is no count to compare."""
_NUMBER = r"(?P<n>\d[\d,]*|" + "|".join(_EXACT_WORDS) + r")"
_BOUND = r"(?P<bound>at least|more than|over|up to|about|around|nearly|almost|some|at most)?\s*"
_KINDS = {
    "kill": "killed", "kills": "killed", "killed": "killed", "killing": "killed", "dead": "killed",
    "died": "killed", "die": "killed", "injure": "injured", "injures": "injured", "injured": "injured",
    "injuring": "injured", "wound": "injured", "wounds": "injured", "wounded": "injured", "wounding": "injured",
    "hurt": "injured",
}  # fmt: skip
_WORD = r"(?P<w>" + "|".join(sorted(_KINDS, key=len, reverse=True)) + r")"
_BEFORE = re.compile(
    rf"\b{_BOUND}{_NUMBER}\s+(?:[a-z-]+\s+){{0,2}}(?:(?:were|was|are|is|have been|has been|had been)\s+)?"
    rf"(?:[a-z]+ly\s+)?{_WORD}\b",
    re.I,
)
"""The count before what happened to them: "Seven people were killed", "nine dead", "three lightly wounded"."""
_AFTER = re.compile(rf"\b{_WORD}\s+{_BOUND}{_NUMBER}\b", re.I)
"""The count after the verb: "kills nine", "killing at least 10 people"."""


Tolls = dict[str, set[int | None]]
"""Counts by kind ("killed", "injured"): each exact, or None for a bound."""


def tolls(text: str) -> Tolls:
    """The tolls ``text`` states, by kind ("killed", "injured"): each an exact count, or None for a bound."""
    found: Tolls = {}
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(text):
            count = _value(m.group("n"))
            if count is None:
                continue
            kind = _KINDS[m.group("w").lower()]
            found.setdefault(kind, set()).add(None if m.group("bound") else count)
    return found


def stated(texts: Iterable[str]) -> Tolls:
    """The tolls ``texts`` state together, by kind."""
    told: Tolls = {}
    for text in texts:
        for kind, counts in tolls(text).items():
            told.setdefault(kind, set()).update(counts)
    return told


def contradicts(headline: str, told: Tolls) -> bool:
    """The sentences' tolls (``stated``) give a toll of a kind the headline states exactly as another exact number,
    and none of them gives the headline's ("kills nine" over "Seven people were killed")."""
    for kind, counts in tolls(headline).items():
        exact = {c for c in counts if c is not None}
        theirs = told.get(kind, set())
        others = {c for c in theirs if c is not None}
        if exact and others and not exact & others and None not in theirs and None not in counts:
            return True
    return False


def confirms(headline: str, told: Tolls) -> bool:
    """The headline states a toll one of the sentences states too ("Seven dead after ..." over "Seven people were
    killed ...")."""
    return any(c is not None and c in told.get(kind, set()) for kind, counts in tolls(headline).items() for c in counts)


def _value(text: str) -> int | None:
    word = text.lower()
    if word in WORD_NUMBERS:
        return WORD_NUMBERS[word]
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() else None
