"""What a question asks: the kind of answer, its content words, and the actors it names."""

from __future__ import annotations

import re

from briefings.queries.actors import find_actors
from briefings.store import Store
from briefings.text.similarity import stem, terms

_KIND_PATTERNS = (
    ("how many", re.compile(r"^\s*(how (many|much)|what (is|was) the (number|total|toll)|number of)\b", re.I)),
    ("who", re.compile(r"^\s*(who|whom|whose)\b|\bwhich (person|people|leader|official|minister|president)\b", re.I)),
    ("when", re.compile(r"^\s*(when|what (date|day|time|year|month))\b|\bon what (date|day)\b", re.I)),
    (
        "where",
        re.compile(r"^\s*(where|in what (city|country|region|place))\b|\bwhich (city|country|region|place)\b", re.I),
    ),
    ("why", re.compile(r"^\s*(why|for what reason|what (is|was) the reason)\b", re.I)),
)
QUESTION_WORDS = frozenset(
    """who whom whose what which when where why how many much did does do is are was were has have had will would
    can could should happen happened happening tell me about number date day time year month place city country
    region reason kind type name named""".split()
)
"""Words that shape a question rather than name its subject: never searched for, never answers."""
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
"""URLs in a question: ignored (and never fetched)."""
_IDENTITY = re.compile(r"^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?:the\s+)?(.+?)[?.!]*$", re.I)
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|al|bin)?\s*[A-Z][\w'’.-]*)*")


def classify(question: str) -> str:
    """The kind of answer a question asks for: who, what, when, where, how many or why."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(question):
            return kind
    return "what"


def content_terms(question: str) -> list[str]:
    """The question's content words (stemmed), without question words or URLs."""
    text = URL.sub(" ", question)
    return [t for t in terms(text) if t not in QUESTION_WORDS and stem(t) not in QUESTION_WORDS]


def question_actors(store: Store, question: str) -> dict[int, str]:
    """Actors named in the question: capitalised runs of words (and their sub-runs), looked up by any alias."""
    found: dict[int, str] = {}
    for run in _NAME_RUN.findall(URL.sub(" ", question)):
        parts = run.split()
        for size in range(len(parts), 0, -1):
            for start in range(0, len(parts) - size + 1):
                name = " ".join(parts[start : start + size]).strip(".,'’")
                if name.lower() in QUESTION_WORDS or len(name) < 2:
                    continue
                ids = find_actors(store, name)
                if ids and ids[0] not in found:
                    found[ids[0]] = name
    return found


def is_identity(store: Store, question: str) -> bool:
    """True for "Who is X?" where X is the name of a stored actor (not "who is the artistic director of X"):
    the sentence that describes the actor answers it."""
    match = _IDENTITY.match(question)
    return match is not None and match.group(1)[:1].isupper() and bool(find_actors(store, match.group(1)))
