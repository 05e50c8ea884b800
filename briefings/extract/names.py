"""Name normalisation for actor resolution: titles, possessives, transliteration keys, initials."""

from __future__ import annotations

import re
from functools import cache

from briefings.extract.gazetteer import fold, load_data

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_PUNCT = re.compile(r"[^\w\s-]")
_DOUBLE = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:iy|yi|ij|ii|i)$")


def strip_possessive(text: str) -> str:
    """``Zelensky’s`` → ``Zelensky``; ``Ukraine's`` → ``Ukraine``."""
    return _POSSESSIVE.sub("", text.strip()).strip()


def clean_name(text: str) -> str:
    """Trim quotes, brackets, a leading ``the`` and a possessive; collapse spaces."""
    text = " ".join(text.replace("\n", " ").split()).strip(" \"'“”‘’()[],.;:")
    if text.lower().startswith("the "):
        text = text[4:]
    return strip_possessive(text)


def _word_key(word: str) -> str:
    word = _DOUBLE.sub(r"\1", word)
    return _ENDING.sub("y", word) if len(word) > 4 else word


@cache
def _given_names() -> dict[str, str]:
    forms: dict[str, str] = {}
    for group in load_data("given_names.json")["names"]:
        for form in group:
            forms[_word_key(form)] = _word_key(group[0])
    return forms


def person_key(name: str) -> str:
    """Transliteration-insensitive key of a person's name: Zelensky, Zelenskyy and Zelenskiy share one, and so
    do Volodymyr and Vladimir (given names from ``data/given_names.json``); other first names keep people apart."""
    words = [_word_key(w) for w in _PUNCT.sub(" ", fold(name)).split()]
    if len(words) > 1:
        given = _given_names()
        words = [given.get(w, w) for w in words[:-1]] + words[-1:]
    return " ".join(words)


def surname_key(name: str) -> str:
    """The key of the last word of a name."""
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
