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

_OUR = re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|less|ful)?$")
_OR = re.compile(r"^(\w{3,})or(s|ed|ing|ite|ites|able|ably|less|ful)?$")
_RE = re.compile(r"^(\w{2,}[tb])re(s|d)?$")
_ER = re.compile(r"^(\w{2,}[tb])er(s|ed)?$")
_ISE = re.compile(r"^(\w{3,}[iy])s(e|es|ed|ing|ation|ations|er|ers)$")
_IZE = re.compile(r"^(\w{3,}[iy])z(e|es|ed|ing|ation|ations|er|ers)$")
_LOGUE = re.compile(r"^(\w+log)ue(s)?$")
_LOG = re.compile(r"^(\w+log)(s)?$")
_PROGRAMME = re.compile(r"^(\w*gram)me(s)?$")
_ENSE = {"defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense"}
_NOT_VARIANTS = frozenset({"timbre", "timber"})


@lru_cache(maxsize=1 << 16)
def american(word: str) -> str:
    """``word`` (lower case) in American spelling; unchanged when it has no British variant."""
    if word in _NOT_VARIANTS:
        return word
    bare, plural = (word[:-1], "s") if word.endswith("s") and word[:-1] in _ENSE else (word, "")
    if bare in _ENSE:
        return _ENSE[bare] + plural
    if m := _PROGRAMME.match(word):
        return m[1] + (m[2] or "")
    if m := _OUR.match(word):
        return m[1] + "or" + (m[2] or "")
    if m := _RE.match(word):
        return m[1] + "er" + {"d": "ed"}.get(m[2] or "", m[2] or "")
    if m := _ISE.match(word):
        return m[1] + "z" + m[2]
    if m := _LOGUE.match(word):
        return m[1] + (m[2] or "")
    return word


def variants(word: str) -> tuple[str, ...]:
    """``word`` (lower case) and its spelling in the other variety of English, if it has one."""
    other = american(word)
    if other == word:
        other = _british(word)
    return (word,) if other == word else (word, other)


def _british(word: str) -> str:
    """``word`` (lower case, American) in British spelling; unchanged when it has no variant."""
    if word in _NOT_VARIANTS:
        return word
    for british, us in _ENSE.items():
        if word in (us, us + "s"):
            return british + word[len(us) :]
    if word in ("program", "programs"):
        return "programme" + word[len("program") :]
    if m := _OR.match(word):
        return m[1] + "our" + (m[2] or "")
    if m := _ER.match(word):
        return m[1] + "re" + {"ed": "d"}.get(m[2] or "", m[2] or "")
    if m := _IZE.match(word):
        return m[1] + "s" + m[2]
    if m := _LOG.match(word):
        return m[1] + "ue" + (m[2] or "")
    return word
