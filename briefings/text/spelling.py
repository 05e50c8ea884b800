"""British and American spellings of one word, so a question written in one finds an article written in the other.

News in English comes in both: the BBC and the Kremlin write "programme", "defence", "organisation", "centre",
"labour"; American outlets and Ukraine's presidential site write "program", "defense", "organization", "center",
"labor". The differences are regular in a few suffixes (the classes of every style guide that lists them):

- -our / -or: "colour", "labour", "behaviour", "favourite" (after at least three letters, so "hour", "four" and
  "your" have no variant);
- -re / -er after t or b: "centre", "theatre", "metre", "fibre", "calibre" ("timbre" and "timber" are two words);
- -ise / -ize and -yse / -yze in verbs and their derivations: "organise", "organisation", "analyse";
- -logue / -log: "catalogue", "dialogue"; "programme" / "program";
- -ence / -ense in four nouns only ("defence", "offence", "licence", "pretence": "-ence" is otherwise no variant).

``american`` maps a word to the American spelling (one form to compare); ``variants`` gives both spellings (to
search for). A rule may produce a word English does not have ("hour" is excluded, but "detour" gives "detor"):
such a form occurs in no article, so it matches nothing and costs nothing. Doubled consonants ("travelled") are left
alone: "-lled" is as often the base's own double l ("shelled", "installed").
"""

from __future__ import annotations

import re
from functools import lru_cache

_SUFFIXES = r"(s|ed|ing|ite|ites|able|ably|less|ful)?"
_RULES: tuple[tuple[re.Pattern[str], str, re.Pattern[str], str], ...] = (
    # British pattern, its American form; American pattern, its British form
    (re.compile(r"^(\w*gram)me(s)?$"), r"\1\2", re.compile(r"^(program)(s)?$"), r"\1me\2"),
    (re.compile(rf"^(\w{{3,}})our{_SUFFIXES}$"), r"\1or\2", re.compile(rf"^(\w{{3,}})or{_SUFFIXES}$"), r"\1our\2"),
    (re.compile(r"^(\w{2,}[tb])re(s)?$"), r"\1er\2", re.compile(r"^(\w{2,}[tb])er(s)?$"), r"\1re\2"),
    (re.compile(r"^(\w{2,}[tb])red$"), r"\1ered", re.compile(r"^(\w{2,}[tb])ered$"), r"\1red"),
    (
        re.compile(r"^(\w{3,}[iy])s(e|es|ed|ing|ation|ations|er|ers)$"),
        r"\1z\2",
        re.compile(r"^(\w{3,}[iy])z(e|es|ed|ing|ation|ations|er|ers)$"),
        r"\1s\2",
    ),
    (re.compile(r"^(\w+log)ue(s)?$"), r"\1\2", re.compile(r"^(\w+log)(s)?$"), r"\1ue\2"),
)
_ENSE = {"defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense"}
_NOT_VARIANTS = frozenset({"timbre", "timber"})


@lru_cache(maxsize=1 << 16)
def american(word: str) -> str:
    """``word`` (lower case) in American spelling; unchanged when it has no British variant."""
    return _respelt(word, to_american=True)


def variants(word: str) -> tuple[str, ...]:
    """``word`` (lower case) and its spelling in the other variety of English, if it has one."""
    other = american(word)
    if other == word:
        other = _respelt(word, to_american=False)
    return (word,) if other == word else (word, other)


def _respelt(word: str, to_american: bool) -> str:
    """``word`` spelt the other way by the first rule that fits it; unchanged when none does."""
    if word in _NOT_VARIANTS:
        return word
    pairs = _ENSE.items() if to_american else ((us, british) for british, us in _ENSE.items())
    for source, target in pairs:
        if word in (source, source + "s"):
            return target + word[len(source) :]
    for british, us, american_form, uk in _RULES:
        pattern, template = (british, us) if to_american else (american_form, uk)
        if pattern.match(word):
            return pattern.sub(template, word)
    return word
