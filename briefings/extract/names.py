"""Name normalisation for actor resolution: titles, possessives, transliteration keys, initials.

Keys compare names across spellings. General rules only: case, accents and punctuation are ignored, a doubled
letter counts once, and a final -i, -ii, -iy, -yi or -ij counts as -y (English romanisations of one name from Cyrillic,
Arabic or Greek differ exactly there: Zelensky, Zelenskyy, Zelenskiy). Transliterations of given names (Volodymyr
and Vladimir) are region knowledge: a profile's ``given_names`` (see ``gazetteer.Gazetteer.given_names``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from briefings.extract.profile import GENERAL, load_data, load_profile
from briefings.text.initials import without_middle_initials

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_PUNCT = re.compile(r"[^\w\s-]")
_DOUBLE = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:iy|yi|ij|ii|i)$")
MIN_ENDING_WORD = 5
"""Words shorter than this keep their ending (Li, Ali and Yi are names of their own)."""


NAME_PARTICLES = frozenset("von van der den de da di du del della le la bin ibn al el".split())
"""Particles of surnames: they stand before the surname, belong to it ("Le Pen", "von der Leyen", "da Silva") and
never end a name."""


def surname(name: str) -> str:
    """The surname of a person's full name: its last word with the particles before it ("Marine Le Pen" → "Le
    Pen"); the whole name when nothing but particles comes before its last word ("van der Walt")."""
    words = name.split()
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


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
    profile's ``given`` names, Volodymyr and Vladimir share one too; other first names keep people apart.

    A middle initial is left out: "Vladimir V. Putin" and "Antony J. Blinken" are the house style of some papers
    for the people others call Vladimir Putin and Antony Blinken (an initial names no one apart; the cost is the
    rare pair it cannot tell apart, George W. and George H. W. Bush, as the bare "George Bush" cannot either)."""
    written = without_middle_initials(fold(name).split())
    words = [word_key(w) for w in _PUNCT.sub(" ", " ".join(written)).split()]
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
def institution_heads() -> tuple[frozenset[str], frozenset[str]]:
    """The head nouns of organisations' names and of facilities' names (``institutions.json``)."""
    data = load_data("institutions.json")
    return frozenset(data["organisation_heads"]), frozenset(data["facility_heads"])


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


_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z]{0,2}")


def names_a_model(name: str) -> bool:
    """True for a designation: letters, a hyphen and a number, as makers and standards name their models and types
    ("MiG-29", "S-500", "An-26", "AK-47s", "CDP-101", "MPEG-4"); a thing, not an actor. The forums "G-7" and "G-20"
    are the exception. In the press, both feeds and BBC stores 19 actors had this shape, every one a model, a type,
    a standard or a proposal ("a new U-24 union"), none a person, a body or a place."""
    return _DESIGNATION.fullmatch(name) is not None and not name.startswith("G-")


VARIANT_LENGTH = 7
"""Shortest word ``spelling_variants`` lets differ: in shorter names one letter makes another person's name ("Ivana"
and "Ivanka Trump", "Mark Wood" and "Mark Woods")."""


def spelling_variants(words: Sequence[str], other: Sequence[str]) -> bool:
    """Two people's names (folded words) that differ in one word of at least ``VARIANT_LENGTH`` letters, and there
    by one letter added, dropped, changed or two swapped: a transliteration ("Podoliak", "Podolyak"; "Yanukovich",
    "Yanukovych") or a typo ("Volodymr Zelensky"). Read on the person names of the press, 2022 feed and BBC stores:
    of the 36 such pairs, 33 are one person spelt two ways; the 3 others may be two people ("Paul Thompson" and
    "Paul Thomson"), which one item rarely shows together."""
    if len(words) != len(other) or len(words) < 2:
        return False
    differ = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
    if len(differ) != 1:
        return False
    a, b = differ[0]
    return min(len(a), len(b)) >= VARIANT_LENGTH and _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance 1: one letter inserted, deleted or substituted, or two adjacent letters swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


ATTRIBUTIVE_PREFIXES = frozenset({"pro", "anti", "pan", "euro", "non", "post", "pre", "ex", "neo"})
"""Prefixes that make a name an adjective ("pro-Russian", "anti-Kremlin", "Pan-European", "Euro-Atlantic"). "Trans"
is left out: "Trans-Dniester" is a region's name."""


def attributive(name: str) -> bool:
    """One word made of a prefix, a hyphen and a name ("Euro-Atlantic", "Pro-Moscow", "Anti-Kremlin"): a modifier
    ("Ukraine's Euro-Atlantic prospects", "pro-Moscow separatists"), not the name of an actor. In the press, BBC,
    2022 and 2023 feed stores the 6 such names the model took for actors were all modifiers."""
    prefix, dash, rest = name.partition("-")
    return bool(dash) and " " not in name and prefix.lower() in ATTRIBUTIVE_PREFIXES and rest[:1].isupper()
