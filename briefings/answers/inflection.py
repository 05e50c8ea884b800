"""Inflections folded, so a question's words find a sentence's: questions ask with do-support and the base form
("How many drones did Russia launch?", "Who did Biden meet?") where news reports in the past ("launched", "met").

A word is folded to the lemma English's irregular forms give it (the spaCy model's own exception tables: "met" →
meet, "struck" → strike, "given" → give, "children" → child), then its regular inflection is stripped: -ing, -ed,
-ied (→ y), the -d of -eed and a final silent -e, so "arrive", "arrived" and "arriving" meet. Derivation is left
alone ("arrival" stays itself): it changes the word class, and with it what the question asks. Used for ranking
sentences only; the light plural stemming of ``similarity.terms`` stays what story grouping and briefings use.
"""

from __future__ import annotations

from functools import lru_cache

from briefings.extract.model import load_model
from briefings.text.spelling import american

_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _exceptions():
    lemmatizer = load_model().get_pipe("lemmatizer")
    tables = lemmatizer.lookups.get_table("lemma_exc")  # type: ignore[attr-defined]  # a Lemmatizer pipe
    return tables["verb"], tables["noun"]


@lru_cache(maxsize=1 << 16)
def fold(term: str) -> str:
    """``term`` (lower case, plural already stripped) with its inflection folded, in American spelling (a question
    asking about a "programme" finds the "program" an article reports)."""
    term = american(term)
    for table in _exceptions():
        lemmas = table.get(term)
        if lemmas:
            term = lemmas[0]
            break
    if len(term) > 5 and term.endswith("ing") and any(c in _VOWELS for c in term[:-3]):
        term = _undoubled(term[:-3])
    elif len(term) > 4 and term.endswith("ied"):
        term = term[:-3] + "y"
    elif len(term) > 4 and term.endswith("eed"):
        term = term[:-1]  # "agreed", "freed": the verb ends in -ee
    elif len(term) > 4 and term.endswith("ed") and any(c in _VOWELS for c in term[:-2]):
        term = _undoubled(term[:-2])
    if len(term) > 3 and term.endswith("e") and not term.endswith("ee"):
        term = term[:-1]
    return term


def _undoubled(stem: str) -> str:
    """A consonant doubled before -ing or -ed is one ("stopped", "running")."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and stem[-1] not in "lsz":
        return stem[:-1]
    return stem


def agent_nouns(verb: str) -> frozenset[str]:
    """The nouns English derives from ``verb`` (a lemma) for its doer: -er or -or (a silent e dropped), -ier after
    a consonant's y, the consonant doubled after a short vowel ("distribute" → distributor, "found" → founder,
    "manage" → manager, "supply" → supplier, "run" → runner), and -man, -woman or -person after a verb made from a
    noun ("chair" → chairman, chairwoman, chairperson). A question asks with the verb ("Which company distributes
    the film?") where news names the doer by the noun ("distributor Toho"). Forms that are no English word never
    occur in a sentence, so over-generating them costs nothing."""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    forms = {stem + "er", stem + "or"}
    if verb.endswith("y") and verb[-2:-1] not in tuple(_VOWELS):
        forms.add(verb[:-1] + "ier")
    if len(verb) >= 3 and verb[-1] not in _VOWELS | {"w", "x"} and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        forms.add(verb + verb[-1] + "er")
    forms |= {verb + "man", verb + "woman", verb + "person"}  # a verb made from a noun: "chair" → chairman
    return frozenset(forms - {verb})


_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def plural(noun: str) -> str:
    """The English plural of ``noun`` ("ferry" → ferries, "tax" → taxes, "person" → people)."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"
