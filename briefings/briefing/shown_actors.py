"""Which actors an item shows beside its sentences: the story's most mentioned, whose names read as names.

Extraction makes mistakes a reader sees at once beside a briefing item: fragments, titles, roles, documents and
events taken for actors. Each rule below drops one kind of them, measured where its docstring says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from briefings.briefing.rank import Story
from briefings.extract.actors import BODY_HEADS
from briefings.extract.gazetteer import FUNCTION_WORDS, PROVINCE_WORDS, not_actor_names
from briefings.extract.names import (
    attributive,
    fold,
    institution_heads,
    names_a_thing,
    spelling_variants,
    thing_heads,
)
from briefings.extract.profile import GENERAL, load_data, load_profile
from briefings.store import Store
from briefings.text.sentences import words as text_words

ACTORS_SHOWN = 5
_NOT_IN_A_NAME = re.compile(r"[,;:()\[\]\d…]")
_NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z]")


def presentable(name: str, kind: str = "", country: str | None = None) -> bool:
    """An actor fit to show beside a story. Each rule drops a kind of extraction error seen in briefings:

    - list punctuation or digits, or not one to six words starting upper-case: fragments ("Supreme, … Adviser");
    - a function word or a dash last: cut short ("Office of the President of", "Bosnia and");
    - one word for a person: a surname or title cut from its name ("Adviser", "Leyen");
    - one word for a group that is not plural: an adjective ("Kazakhstani", "Nazi"), not a group of people;
    - one word for a place the gazetteer does not know (no country): a capitalised common noun ("North");
    - a name whose head names a document, an event or an award ("USSR State Prize", "Marshall Plan"), which stores
      extracted before that rule still hold;
    - a role, not its holder: title words up to "of" ("Minister of Health", "Head of the Office"), or a title word
      alone ("Interior");
    - a person's name with a title after its first word and before its last: a word glued before the title
      ("Mourning Queen Elizabeth", "Said Mr Bysshe"; "Martin Luther King Jnr", "Crown Prince Frederik" stay);
    - a prefixed modifier ("Euro-Atlantic") or what ``not_actors.json`` lists (generic institutions, media), for
      stores extracted before extraction dropped them;
    - a lower-case word last that is no head noun of names, or one after nothing but adjectives of place: a
      fragment (``_ends_outside_a_name``)."""
    words = name.split()
    if not 1 <= len(words) <= 6 or not name[:1].isupper() or _NOT_IN_A_NAME.search(name):
        return False
    if words[-1].lower() in FUNCTION_WORDS or words[-1] in ("-", "–", "—"):
        return False  # "Office of the President of": cut short (stores extracted before extraction said so)
    if names_a_thing(name) and not (kind == "person" and len(words) == 2):
        return False
    if len(words) == 1 and kind != "person" and name.lower() in _generic_heads():
        return False  # "Conference", "Alliance": a head noun left alone (extraction drops them since)
    titles = _titles()
    if "of" in words[1:] and all(w.lower() in titles for w in words[: words.index("of")]):
        return False
    if attributive(name):
        return False  # "Euro-Atlantic": a modifier, in a store extracted before extraction said so
    if _ends_outside_a_name(words):
        return False
    if fold(name) in _not_actors():
        return False  # "Army": listed as no actor, in a store extracted before the list had it
    if len(words) == 1 and name.lower() in titles:
        return False  # "Interior" cut from "Deputy Interior Minister"
    core = words[:-1] if len(words) > 1 and words[-1].lower().rstrip(".") in _NAME_SUFFIXES else words
    leading = titles | _TITLE_PREFIXES
    if kind == "person" and core[0].lower() not in leading and any(w.lower() in _role_nouns() for w in core[1:-1]):
        return False  # a title leads a name ("Queen Elizabeth"), it never follows a word ("Mourning Queen Elizabeth")
    if len(words) == 1 and not name.isupper():
        if kind == "person" or (kind == "group" and not name.endswith("s")):
            return False
        if kind == "place" and not country:
            return False
    return True


def _ends_outside_a_name(words: list[str]) -> bool:
    """True when the last word is lower case and does not end the name. English capitalises every word of a proper
    name but its function words; a lower-case word may end one only as its generic head ("Fujian province",
    "Republican party", "Pskov airport"). A name ending in another lower-case word ran on past the name ("Zaporizhzhia
    overnight", "west considers", "Daily Telegraph as") or was cut inside it ("Ursula von der"), and one whose head
    follows nothing but adjectives of place is a description ("Russian party", "Ukrainian defense ministry"), not a
    name. Of the 15,509 multi-word actors of four stores (press releases, 2023 feed, BBC, July 2022 feed), 238 end
    in a lower-case word; all read: the rule keeps 49 (a head noun after a proper word, "Chornobyl zone") and drops
    189, of which 12 describe a real body in lower case ("justice ministry", "Ukrainian navy") and the rest are
    fragments, times ("three weeks ago"), descriptions ("Russian party") or run-on words ("Philip Larkin - battled")."""
    last = words[-1]
    if not (last.isalpha() and last.islower()):
        return False
    if last not in _name_heads():
        return True
    return all(w.islower() or w in _demonyms() for w in words[:-1])


_GEOGRAPHIC_HEADS = frozenset(
    "bay beach coast county district gardens island islands lake mountains park peninsula river sea valley zone"
    " alliance bloc corps navy".split()
)
"""Generic nouns that follow a proper name to make a place's or a body's name ("Azov coast", "Fulton county",
"Javari valley", "Chornobyl zone", "Eastern bloc") besides those the extraction data lists."""


@cache
def _name_heads() -> frozenset[str]:
    """Common nouns that end names in lower case: the heads of institutions' and facilities' names, the
    classifiers of organisations and places, the words of first-level divisions ("Aceh province") and the
    generic nouns of geographic names."""
    institutions = load_data("institutions.json")
    classifiers = load_data("classifiers.json")["before"]
    groups = (
        institutions["organisation_heads"],
        institutions["facility_heads"],
        PROVINCE_WORDS,
        classifiers["organisation"],
        classifiers["place"],
        _GEOGRAPHIC_HEADS,
    )
    return frozenset(word for group in groups for word in group)


@cache
def _generic_heads() -> frozenset[str]:
    """The heads of names of things, institutions, facilities and alliances: alone, a definite description ("the
    Alliance", "the Conference"), not a name."""
    return thing_heads() | institution_heads()[0] | institution_heads()[1] | BODY_HEADS


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(load_data("demonyms.json")["demonyms"])


@cache
def _titles() -> frozenset[str]:
    return frozenset(load_data("titles.json")["titles"])


_TITLE_PREFIXES = frozenset({"crown", "grand"})
"""Words that open a title phrase without being titles themselves ("Crown Prince", "Grand Duke")."""
_NAME_SUFFIXES = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv"})
"""Generational suffixes after a name ("Martin Luther King Jnr")."""
_TITLE_MODIFIERS = frozenset(
    "the his her national security state top senior first press acting former deputy vice ex affairs economy finance"
    " foreign interior defence defense presidential excellency holiness majesty honourable hon. justice major"
    " official".split()
)
"""Words of title phrases that are not themselves a person's role ("the", "Foreign", "Deputy") or are also common
words inside names ("Peter the Great", "John Major")."""


@cache
def _not_actors() -> frozenset[str]:
    return frozenset(fold(n) for n in not_actor_names(load_profile(GENERAL)))


@cache
def _role_nouns() -> frozenset[str]:
    return _titles() - _TITLE_MODIFIERS


def _glued(name: str, people: set[str]) -> bool:
    """A name that ends with a known person's full name after other words: a title or body glued to the name
    ("Verkhovna Rada Ruslan Stefanchuk")."""
    words = name.split()
    return any(" ".join(words[i:]) in people for i in range(1, len(words) - 1))


def _titled_person(name: str, given: set[str]) -> bool:
    """A name with a role noun inside, followed by a two- or three-word name starting with a known given name:
    a title glued to a person ("Federation Council Speaker Valentina Matviyenko", "Ground Forces, Army General Oleg
    Salyukov"). Read on the press, BBC and two feed stores: the 6 names of the press releases this shape catches
    are all glued; institutions with a role noun inside ("Association of Chief Police Officers", "Prosecutor
    General's Office") have no given name after it."""
    words = name.split()
    for i in range(1, len(words) - 2):
        tail = words[i + 1 :]
        if words[i].lower() in _role_nouns() and len(tail) <= 3 and tail[0] in given:
            return all(w[:1].isupper() and "'" not in w and "’" not in w for w in tail)
    return False


def lower_words(texts: Iterable[str]) -> set[str]:
    """The words the texts write in lower case."""
    return {w for text in texts for w in text_words(text) if w.islower()}


def never_alone(name: str, texts: Sequence[str]) -> bool:
    """True when every time the texts write ``name`` another capitalised word follows it: a word of longer names
    ("Supreme" of "Supreme Court", "Capitol" of "Capitol Hill"), not a name of its own. Measured on the one-word
    organisations of the 2023 feed and BBC stores (with up to 8 articles each): it flags 9 of 379 and 38 of 1,395,
    7 and 32 of them fragments, given names or common words (the others: brands such as "Reebok", "Informa")."""
    seen = False
    for text in texts:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not _NAME_FOLLOWS.match(text, match.end()):
                return False
            seen = True
    return seen


def actor_names(store: Store, story: Story, texts: Sequence[str] = ()) -> tuple[str, ...]:
    """The story's most mentioned actors whose names read as names; in a story of several articles, those that
    more than one of them names come first. ``texts`` are the story's texts the item was made from: a one-word
    organisation or group they write in lower case ("Army", "Energy", "Households") is a common noun capitalised
    at the start of a sentence or cut from a longer name ("Ministry of Energy"), and one they never write alone is
    a word of longer names; neither is a name. A one-word name that is a word of a person's name shown beside it
    ("Elizabeth" beside "Elizabeth II") is that person, said short."""
    counts: Counter[int] = Counter()
    for doc in story.members:
        counts.update(doc.actors)
    # Ties go to the actor the store knew first (lower id), whatever order the articles' sets hold them in.
    ranked = sorted(counts, key=lambda a: (-counts[a], a))[: ACTORS_SHOWN * 4]
    labels = store.actors.labels(ranked)
    tails = {" ".join(n.split()[i:]) for n, _, _ in labels.values() for i in range(1, len(n.split()) - 1)}
    people = store.actors.people_named(tails)
    # "Federation Council Speaker Valentina Matviyenko", typed an organisation: a role noun, then a name whose
    # first word is a stored person's given name, is a title glued to a person whatever the kind
    long_names = [n.split() for n, _, _ in labels.values() if n.count(" ") >= 3]
    given = store.actors.first_names(w[i + 1] for w in long_names for i in range(1, len(w) - 2))
    person_words = {fold(w) for n, kind, _ in labels.values() if kind == "person" and " " in n for w in n.split()}
    common = lower_words(texts)

    def fits(name: str, kind: str, country: str | None) -> bool:
        if not presentable(name, kind, country) or _glued(name, people) or _titled_person(name, given):
            return False
        if " " in name or name.isupper():
            return True
        if fold(name) in person_words:
            return False
        return kind not in ("organization", "group") or (name.lower() not in common and not never_alone(name, texts))

    shown = [a for a in ranked if a in labels and fits(*labels[a])]
    if len(story.members) > 1:
        shown.sort(key=lambda a: counts[a] < 2)  # stable: order by mentions within each group
    kinds: dict[str, str] = {}
    for a in shown:
        kinds.setdefault(labels[a][0], labels[a][1])  # one actor name may have two kinds: the first is shown
    return tuple(distinct_names(list(kinds.items()))[:ACTORS_SHOWN])


def distinct_names(named: Sequence[tuple[str, str]]) -> list[str]:
    """The names of ``named`` (name, kind), each person once: written with and without middle initials ("Vladimir
    V. Putin" after "Vladimir Putin"), with a hyphen or a space ("Kim Jong-un", "Kim Jong Un"), or spelt two ways
    (``spelling_variants``), or cut short after a name of two or more words (``_leads``). The first, most mentioned,
    spelling is shown. (Dropping any name another begins with was tried and measured: it dropped "Microsoft" for
    "Microsoft Office" and "Chris Rock" for the fragment "Chris Rock months", which is no longer shown.)"""
    out: list[str] = []
    seen: set[str] = set()
    people: list[list[str]] = []
    for name, kind in named:
        key = _person_key(name) if kind == "person" else name
        if key in seen:
            continue
        if kind == "person":
            words = key.split()
            if any(spelling_variants(words, other) or _leads(words, other) for other in people):
                continue
            people.append(words)
        seen.add(key)
        out.append(name)
    return out


def _leads(words: list[str], other: list[str]) -> bool:
    """True when a person's name of two or more words is the start of a more mentioned person's longer name shown
    before it ("Luiz Inácio" after "Luiz Inácio Lula da Silva"): that name cut short, which the reader would take
    for someone else. One word is left to the other rules (a given name alone may be anyone's)."""
    return 2 <= len(words) < len(other) and other[: len(words)] == words


def _person_key(name: str) -> str:
    """A person's name without initials, case, accents, and with hyphens read as spaces."""
    return fold(" ".join(w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w))).replace("-", " ")
