"""What a common noun beside a name says the name is: "the band Muse", "distributor Toho", "his album Double
Fantasy", "networks such as Kazaa and Grokster", "the Welchia worm" (``data/classifiers.json`` lists the nouns).

The model labels a name from its shape and a few words around it, so a one-word company ("Toho"), a film
("Edward Scissorhands") or a worm ("Welchia") often comes out as a person. A classifying noun written next to the
name is the article's own statement of what the name is, and it outranks the model's guess.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from briefings.extract.model import (
    SETTLEMENT_NOUNS,
    descriptive_words,
    dictionary_words,
    listed_given_name,
    name_word,
)
from briefings.extract.names import fold, institution_heads, strip_possessive, thing_heads
from briefings.extract.profile import load_data

KINDS = ("organisation", "place", "person", "human", "work", "thing")
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_MODIFIERS = 2
"""How many lower-case modifiers may stand between a name and the noun it modifies ("Tsirkon hypersonic missile")."""
_LIST_SPAN = 16
"""How far back (in tokens) a list of names may start after its classifier and "such as"."""


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, ...], ...]]:
    data = load_data("classifiers.json")
    before = {word: kind for kind in KINDS for word in data["before"].get(kind, [])}
    after = {word: kind for kind in KINDS for word in data["after"].get(kind, [])}
    return before, after, tuple(tuple(phrase.split()) for phrase in data["lists"])


@cache
def _members() -> frozenset[str]:
    """Nouns of a member, officer, part or share of a body: the name right before one is the body's."""
    return frozenset(load_data("classifiers.json")["members"])


@cache
def _place_nouns_of() -> frozenset[str]:
    """Nouns of a place whose "of" phrase is its name: the settlement nouns ("the town of Soledar") and the other
    nouns of places ``classifiers.json`` lists ("the island of Kyushu")."""
    return SETTLEMENT_NOUNS | frozenset(load_data("classifiers.json")["of"])


@cache
def _closing() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split()) for phrase in load_data("classifiers.json")["closing"])


def _classifier(token: Token, table: dict[str, str]) -> str | None:
    """The kind a lower-case common noun (or an upper-case abbreviation of one: "CEO") classifies a name as, if it
    is one."""
    abbreviation = len(token.text) > 1 and token.text.isupper()
    if not abbreviation and (token.pos_ != "NOUN" or not token.text.islower()):
        return None
    return table.get(token.lower_)


def classified_as(ent: Span, acting: frozenset[str] = frozenset()) -> str | None:
    """``organisation``, ``place``, ``person`` (a kinship noun), ``human`` (another noun of people, or an age),
    ``work``, ``thing`` or None: what a classifying noun beside ``ent`` says it is.

    - a bare noun right before the name ("distributor Toho", "the film Alexander");
    - a plural noun and "such as", "like" or "including" before a list the name is in ("companies such as
      Gazprom and Rosneft"), or after "and other" or "or other" closing it ("Bayer, Sanofi and other pharma
      companies");
    - an appositive after the name, whose noun restates what the name is ("Manolo Blahnik, the shoe brand"), or
      the noun of a copular clause it is the subject of ("Palantir is a company");
    - a noun right after the name that the name modifies ("the Welchia worm", "Patriot missiles", "Palantir
      CEO"), unless the noun is a thing and the name (folded) is in ``acting``: the article uses it elsewhere on
      its own, so it owns the thing ("NATO tanks" where NATO also meets and decides);
    - a noun of a member, an officer or a share of a body right after the name ("Yukos shareholders", "Everton
      striker", ``data/classifiers.json`` ``members``): the body's name;
    - a plural verb after the name as its subject ("Everton have missed"): a team, a band or a company
      (``_collective``);
    - an age modifying the name ("13-year-old Tanya", ``_aged``): a person."""
    found = _classified_as(ent, acting)
    if found == "human" and not _a_personal_name(ent):
        return None
    return found


def _classified_as(ent: Span, acting: frozenset[str]) -> str | None:
    doc = ent.doc
    before, _, lists = _lexicon()
    if _aged(ent):
        return "human"
    if ent.start > 0 and not _subject_of_a_relative_clause(ent):
        found = _classifier(doc[ent.start - 1], before)
        if found == "human" and ent.start > 1 and doc[ent.start - 2].text == "-":
            found = None  # "the all-girl Waverley College": a noun of people inside a compound adjective
        if found is not None:
            return found
        found = _list_classifier(ent, before, lists)
        if found is not None:
            return found
    found = _closing_classifier(ent, before)
    if found is not None:
        return found
    if _named_by_of(ent):
        return "place"
    found = _appositive_classifier(ent, before) or _copular_classifier(ent, before)
    if found is not None:
        return found
    if _collective(ent):
        return "organisation"
    found = modified_noun_kind(ent)
    if found == "thing" and _names_a_body(ent):
        return None  # "a US Navy destroyer", "a Royal Navy frigate": the body that owns it, not its name
    if found is not None and (found in ("organisation", "place") or fold(ent.text) not in acting):
        return found  # a name used on its own elsewhere owns a thing it modifies, but is the body a CEO heads
    return None


_JOINERS = frozenset({"and", "&", ",", "or", "nor"})
"""Words before the last of several coordinated names."""
_PLURAL_FORMS = frozenset({"are", "have", "do", "'re", "'ve", "were"})
"""Verb forms of plural agreement ("were" too: a singular subject takes "was"): the first verb form after the
subject agrees with it ("Everton have been beaten": "have")."""


def _a_personal_name(ent: Span) -> bool:
    """What a noun of people or an age may call a person: a name that heads its phrase ("the billionaire Bhs
    owner" is the owner's, "a 31-year-old World Cup winning scrum-half" the scrum-half's, however the parser hangs
    it), no demonym ("the 27-year-old Spaniard"), of one to three capitalised words, the last no head of an
    institution's or a thing's name ("the month-old Committee to Protect Bloggers", "the all-girl Waverley Sports
    College"), and no English word unless a given name opens it ("Jeremy Edwards"; "Phantom Menace" is none)."""
    if ent.label_ == "NORP" or ent.root.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return False
    words = strip_possessive(ent.text).split()
    if not 1 <= len(words) <= 3 or not all(name_word(w) for w in words):
        return False
    last = words[-1].lower()
    organisations, facilities = institution_heads()
    if last in organisations or last in facilities or last in thing_heads():
        return False
    given = listed_given_name(words[0].split("-")[0], None)
    return given or not any(w.lower() in dictionary_words() for w in words)


_AGE_UNITS = frozenset({"year", "month", "week"})


def _aged(ent: Span) -> bool:
    """ "13-year-old Tanya", "the 101-year-old Torao Toshitsune": an age adjective ("N-year-old") modifying the
    name itself says it names a living being, and news gives ages to people. Only when the name heads its phrase:
    in "a 22-year-old Liverpool student" the age is the student's, and Liverpool only modifies him."""
    return any(
        child.i < ent.start
        and child.dep_ == "amod"
        and child.lower_ == "old"
        and any(c.lemma_.lower() in _AGE_UNITS for c in child.children)
        for child in ent.root.children
    )


def _two_names(ent: Span) -> bool:
    """The model's entity joins names ("Arsenal and England", "Smith & Jones"): no cue beside it is one name's."""
    return any(t.lower_ in _JOINERS for t in ent)


def _collective(ent: Span) -> bool:
    """A singular name that is the subject of a plural verb ("Everton have missed a couple of players", "Muse are
    touring"): British English gives a team, a band or a company plural agreement as a group of people, and never
    a person (no "Smith are"). Not a name coordinated with another ("Smith and Jones are"), nor a plural name
    ("Republicans are")."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.tag_ != "NNP" or any(c.dep_ == "conj" for c in root.children):
        return False
    doc = ent.doc
    if _two_names(ent) or any(t.lower_ in _JOINERS for t in doc[root.left_edge.i : ent.start]):
        return False  # the last of several subjects ("Lampard and John Terry have", "Lukashenko and Russian
        # president Vladimir Putin have", however the parser hangs the first)
    if root.lower_.endswith("s"):
        return False  # a name that looks plural agrees in the plural whatever it names ("the Abrams are tanks")
    verb = root.head
    forms = sorted((verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))), key=lambda f: f.i)
    if forms[0].i < ent.start or forms[0].lower_ not in _PLURAL_FORMS:
        return False  # the first verb form agrees: in a question it comes first ("Doesn't California have")
    # the verb right after the name, adverbs aside: not across a colon, a bracket or a comma ("Boris Titov: we
    # have", "The Streets (Mike Skinner) have", "Smith, like his aides, are")
    return all(t.pos_ == "ADV" for t in doc[ent.end : forms[0].i])


_ARMED_BODIES = frozenset({"navy", "army", "fleet", "force", "forces", "guard", "corps", "marines", "command"})
"""Heads of the names of armed services, which own the vessels and weapons their names modify."""


def _names_a_body(ent: Span) -> bool:
    """The name is a body's: its last word is an armed service's or an institution's head noun."""
    last = ent[-1].lower_
    return last in _ARMED_BODIES or last in institution_heads()[0]


def _named_by_of(ent: Span) -> bool:
    """ "the town of Soledar", "the island of Kyushu": the name is the object of an "of" right after a lower-case
    noun of a place (``data/classifiers.json`` ``of``), the genitive of apposition, which names the place the noun
    is. The name starts right after "of" and the "of" phrase hangs on that noun."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return False
    of, noun = doc[ent.start - 1], doc[ent.start - 2]
    return (
        noun.text.islower()
        and noun.pos_ == "NOUN"
        and noun.lower_ in _place_nouns_of()
        and of.head.i == noun.i
        and ent.root.head.i == of.i
    )


def _appositive_classifier(ent: Span, before: dict[str, str]) -> str | None:
    """The kind a noun phrase set beside the name says ("Manolo Blahnik, the shoe brand", "Muse, a band from
    Devon", "the large-scale exercise, Defender Europe 2022"): an appositive restates its anchor's referent, so
    its noun classifies the name as a noun before it would, on either side. A noun phrase after the name that a
    verb follows is that verb's subject, whatever the parser hangs it on."""
    doc = ent.doc
    for child in ent.root.children:
        after = child.right_edge.i + 1
        if after < len(doc) and doc[after].pos_ in ("VERB", "AUX"):
            continue  # the subject of the verb after it ("addressed to Putin, a group of men say they"), no apposition
        if child.dep_ == "appos" and child.i >= ent.end:
            return _classifier(child, before)
    if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
        found = _classifier(ent.root.head, before)
        if found == "human" and ent.root.head.i != ent.start - 2:
            return None  # "a soldier, Valentyn": only right before the comma (a far head is the parser's guess)
        return found
    return None


def _copular_classifier(ent: Span, before: dict[str, str]) -> str | None:
    """The kind the noun of a copular clause with the name as subject says ("Palantir is a company that develops
    software", "Muse are a band"): "X is a N" states that X is one of the Ns. Only in the present or past tense of
    "be" itself, not after a modal or a negation ("could be a company", "is not a band")."""
    root = ent.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < ent.end:
        return None
    if any(child.dep_ in ("neg", "aux") for child in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "attr" and child.i > verb.i:
            return _classifier(child, before)
    return None


def _subject_of_a_relative_clause(ent: Span) -> bool:
    """ "the software Microsoft owns": the noun before the name is the object of a relative clause whose subject
    the name is, not the name's classifier."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "relcl" and root.head.head.i == ent.start - 1


def modified_noun_kind(ent: Span) -> str | None:
    """The kind of the classifying noun after ``ent`` that ``ent`` modifies ("the Welchia worm"), if any: right
    after it, or after lower-case words that modify the same noun ("the Tsirkon hypersonic missile", "the Borys
    Aleksandrov research vessel"), or after the model's number that completes the name ("Challenger 2 battle
    tanks", "Leopard 2 tanks": a weapon or vehicle is designated by a name and a number). A place before a noun is
    the thing's owner or origin, not its name: an adjective the model calls a place ("a Valdonian drone"), or a
    place the gazetteer knows ("U.S. drone": the caller asks it); a proper noun the model alone calls a place may be
    the thing's name ("the Tsirkon missile")."""
    doc = ent.doc
    head = ent.root.head
    if (ent.label_ in _PLACES and ent.root.pos_ != "PROPN") or not ent.end <= head.i:
        return None
    between = doc[ent.end : head.i]
    # a hyphenated modifier is one word ("the Knyaz Vladimir nuclear-powered missile carrier")
    words = [
        t
        for t in between
        if t.text != "-" and not (t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_)
    ]
    if len(words) > _MODIFIERS:
        return None
    if not between and head.lower_ in _members() and _member_of(ent, head):
        return "organisation"  # "Yukos shareholders", "Lib Dem chairman": the body the member belongs to
    if all(
        t.text == "-"
        or (t.text.islower() and t.dep_ in ("compound", "amod", "npadvmod", "advmod") and head in t.ancestors)
        or (t.i == ent.end and t.like_num and t.dep_ in ("nummod", "compound"))  # a model's number: "Challenger 2"
        for t in between
    ):
        return _classifier(head, _lexicon()[1])
    return None


def _member_of(ent: Span, noun: Token) -> bool:
    """``ent`` names the body a member noun right after it belongs to: a common noun ("shares" in "Brown shares
    with CNN" is a verb) after a name the model took for a person or an organisation (a place's name stays a place,
    "England manager"; a people's name stays a group, "Tory chairman"), and one name: not two joined ("Arsenal and
    England defender") nor a sentence's capitalised first word glued before it ("Outgoing Leeds chairman")."""
    if noun.pos_ != "NOUN" or not noun.text.islower() or ent.label_ not in ("PERSON", "ORG"):
        return False
    if _two_names(ent):
        return False
    first = ent[0]
    return not (len(ent) > 1 and first.is_sent_start and first.lower_ in descriptive_words())


def _list_classifier(ent: Span, before: dict[str, str], lists: tuple[tuple[str, ...], ...]) -> str | None:
    """The classifier of a list the name ends or continues: back over names, commas and "and"/"or" to the list's
    opening phrase, whose noun before it classifies every name of the list. A possessive name is not an item but
    its owner ("shows such as Channel 4's gameshow")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        return None
    i = ent.start - 1
    floor = max(0, ent.start - _LIST_SPAN)
    while i >= floor:
        token = doc[i]
        for phrase in lists:
            start = i - len(phrase) + 1
            if start > 0 and tuple(t.lower_ for t in doc[start : i + 1]) == phrase:
                noun = doc[start - 1]
                return _classifier(noun, before) if noun.tag_ in ("NNS", "NNPS") else None
        if not (token.ent_type_ or token.text in (",", "and", "or") or token.text[:1].isupper()):
            return None
        i -= 1
    return None


def _closing_classifier(ent: Span, before: dict[str, str]) -> str | None:
    """The classifier after "and other" or "or other" that closes a list the name is in: on over names, commas
    and "and"/"or" to the phrase, whose noun (the head "other" modifies, plural) classifies every name of the list.
    A possessive name is not an item but its owner."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        return None
    ceiling = min(len(doc), ent.end + _LIST_SPAN)
    for i in range(ent.end, ceiling):
        token = doc[i]
        for phrase in _closing():
            end = i + len(phrase)
            if end <= len(doc) and tuple(t.lower_ for t in doc[i:end]) == phrase:
                noun = doc[end - 1].head
                return _classifier(noun, before) if noun.tag_ in ("NNS", "NNPS") and noun.i >= end else None
        if not (token.ent_type_ or token.text in (",", "and", "or") or token.text[:1].isupper()):
            return None
    return None
