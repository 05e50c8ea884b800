"""Reports whose domain gives the words of conflict other senses (``data/domains.json``).

A sport report is told in the language of battle: "stormed to double gold", "struck a penalty", "Fiji rallied",
"was twice repelled", "an injured midfielder". There the attack, protest, interception and troop-movement readings of
those verbs are game senses, and an injury is a sports report, not a casualty of violence, unless the sentence names
weapons, armed forces or violence ("a car bomb exploded outside the stadium").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from briefings.extract.profile import load_data

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Sport:
    terms: frozenset[str]
    min_terms: int
    words_read: int
    cues: frozenset[str]
    warfare: frozenset[str]
    sense_types: frozenset[str]
    injury_triggers: frozenset[str]


@cache
def _sport() -> _Sport:
    data = load_data("domains.json")["sport"]
    classes = load_data("events.json")["frames"]["classes"]
    cues = {*data["conflict_cues"], *classes["forces"], *classes["projectiles"]}
    return _Sport(
        frozenset(data["terms"]),
        data["min_terms"],
        data["words_read"],
        frozenset(cues),
        frozenset(data["warfare_verbs"]),
        frozenset(data["sense_types"]),
        frozenset(data["injury_triggers"]),
    )


def sport_report(text: str) -> bool:
    """True when the text's lead uses the vocabulary of sports reporting (several different terms)."""
    return sport_terms(text) >= _sport().min_terms


def sport_terms(text: str) -> int:
    """How many different words of sports reporting the text's lead (its first words) uses."""
    sport = _sport()
    lead = (m.group().lower() for m in islice(_WORD.finditer(text), sport.words_read))  # not the whole article
    return len({w for w in lead if w in sport.terms})


def game_sense(kind: str, verb: Token, trigger: str, sent: Span) -> str | None:
    """In a sport report: None when an event of ``kind`` on ``trigger`` (its verb ``verb``) is a game sense (no
    event), ``other`` for a sports injury, else ``kind``. A verb of war ("invaded", "bombing") or a sentence naming
    weapons, armed forces or violence keeps its reading."""
    sport = _sport()
    if verb.lemma_.lower() in sport.warfare:
        return kind
    is_injury = kind == "casualties" and trigger.lower() in sport.injury_triggers
    if kind not in sport.sense_types and not is_injury:
        return kind
    if any(t.pos_ in ("NOUN", "PROPN", "ADJ") and (t.lower_ in sport.cues or t.lemma_ in sport.cues) for t in sent):
        return kind  # a noun or adjective: "to force a tense finale" names no armed force
    return "other" if is_injury else None
