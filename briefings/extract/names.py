"""Name normalisation for actor resolution: titles, possessives, transliteration keys, initials.

Keys compare names across spellings. General rules only: case, accents and punctuation are ignored, a doubled
letter counts once, and a final -i, -ii, -iy, -yi or -ij counts as -y (English romanisations of one name from Cyrillic,
Arabic or Greek differ exactly there: Zelensky, Zelenskyy, Zelenskiy). Transliterations of given names (Volodymyr
and Vladimir) are region knowledge: a profile's ``given_names`` (see ``gazetteer.Gazetteer.given_names``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache

from briefings.extract.profile import GENERAL, load_data, load_profile

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_PUNCT = re.compile(r"[^\w\s-]")
_DOUBLE = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:iy|yi|ij|ii|i)$")
MIN_ENDING_WORD = 5
"""Words shorter than this keep their ending (Li, Ali and Yi are names of their own)."""


def fold(text: str) -> str:
    """Case- and accent-insensitive key: ``Türkiye`` and ``turkiye`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'").strip()


def strip_possessive(text: str) -> str:
    """``Zelensky’s`` → ``Zelensky``; ``Ukraine's`` → ``Ukraine``."""
    return _POSSESSIVE.sub("", text.strip()).strip()


def clean_name(text: str) -> str:
    """Trim quotes, brackets, a leading ``the`` and a possessive; collapse spaces."""
    text = " ".join(text.replace("\n", " ").split()).strip(" \"'“”‘’()[],.;:")
    if text.lower().startswith("the "):
        text = text[4:]
    return strip_possessive(text)


def word_key(word: str) -> str:
    """The key of one (folded) word: doubled letters once, a final -i/-ii/-iy/-yi/-ij as -y."""
    word = _DOUBLE.sub(r"\1", word)
    return _ENDING.sub("y", word) if len(word) >= MIN_ENDING_WORD else word


@cache
def given_names(profile: str = GENERAL) -> Mapping[str, str]:
    """A profile's given-name transliterations: each form's word key → the key of its group's first form."""
    forms: dict[str, str] = {}
    for group in load_profile(profile).given_names:
        for form in group:
            forms[word_key(form)] = word_key(group[0])
    return forms


def person_key(name: str, given: Mapping[str, str] | None = None) -> str:
    """Transliteration-insensitive key of a person's name: Zelensky, Zelenskyy and Zelenskiy share one. With a
    profile's ``given`` names, Volodymyr and Vladimir share one too; other first names keep people apart."""
    words = [word_key(w) for w in _PUNCT.sub(" ", fold(name)).split()]
    if given and len(words) > 1:
        words = [given.get(w, w) for w in words[:-1]] + words[-1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def surname_key(name: str) -> str:
    """The key of the last word of a name (cached: extraction checks the same people's names for every article
    naming someone of their surname)."""
    key = person_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def org_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of an organisation or place name."""
    return " ".join(_PUNCT.sub(" ", fold(clean_name(name))).split())


def initials(name: str) -> str:
    """``Institute for the Study of War`` → ``ISW``: the capitals of its capitalised words."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def looks_like_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


@cache
def thing_heads() -> frozenset[str]:
    """Head nouns of names of things that cannot act: documents, events, awards (``institutions.json``)."""
    return frozenset(load_data("institutions.json")["thing_heads"])


_POSTMODIFIERS = frozenset({"of", "on", "for", "in", "at"})


def names_a_thing(name: str) -> bool:
    """True for a name of several words whose head is a document's, an event's or an award's noun. The head of an
    English name is its last word, or the word before a prepositional phrase that follows it ("Conference on
    Reforms", "Day of Remembrance")."""
    words = name.split()
    if len(words) < 2:
        return False
    cut = next((i for i, w in enumerate(words) if w in _POSTMODIFIERS), len(words))
    return cut > 0 and words[cut - 1].lower() in thing_heads()
