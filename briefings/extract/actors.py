"""Actors named in one article: entity mentions turned into canonical names, kinds, roles and aliases.

Works on one spaCy ``Doc``; joining an article's actors to those already stored is ``briefings.extract.resolve``'s
job. Within the article:

- names that name no actor are left out (``gazetteer.Gazetteer.not_actor``), and so are the model's guesses in
  Title Case headings (``heading_lines``) unless a known place or a name the running text capitalises too, and
  one-word "people" that are common nouns inside a longer capitalised name ("the Peace Formula meeting");
- a classifying noun beside a name says what it names ("distributor Toho", "the album Double Fantasy": no
  actor; "his mother Natalia": a person; ``classifiers``), and so do the other names of its list ("Vorzel,
  Bucha, Velyka Dymerka": a village; ``coordination``);
- titles before a person's name become the role ("Ukrainian President Volodymyr Zelensky": name Volodymyr
  Zelensky, role Ukrainian President; the full phrase is kept as an alias);
- possessives and a leading "the" are dropped;
- a surname alone joins the one full name in the article that ends with it (transliterations included); a
  given name alone, the one full name that starts with it ("Phil has broken his radius" after "Phil Vickery"), as
  a mention only (a given name is no alias);
- an acronym joins the one organisation whose initials it spells; a currency code by an amount ("UAH 1.5
  billion") or an acronym the article spells out in lower case ("liquefied natural gas (LNG)") is no actor;
- demonyms stand for their country ("Russian missiles" → Russia);
- "X, also known as Y" records Y as an alias that the article claims for X.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span

from briefings.extract.classifiers import classified_as, modified_noun_kind
from briefings.extract.coordination import list_label
from briefings.extract.gazetteer import (
    FUNCTION_WORDS,
    GIVEN_NAME_HONORIFICS,
    Gazetteer,
    Place,
    called_by_given_name,
    fold,
    gazetteer,
)
from briefings.extract.model import (
    descriptive_words,
    dictionary_words,
    english_nouns,
    given_name,
    listed_given_name,
)
from briefings.extract.names import (
    NAME_PARTICLES,
    attributive,
    clean_name,
    initials,
    institution_heads,
    looks_like_acronym,
    names_a_model,
    names_a_thing,
    org_key,
    person_key,
    surname,
    surname_key,
    thing_heads,
    word_key,
)
from briefings.extract.records import ActorRef, Mention
from briefings.text.sentences import KICKER

ACTOR_LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_ALIAS_LINK = re.compile(
    r"^\s*,?\s*\(?\s*(?:also |better |formerly |otherwise |previously )?(?:known as|called|a\.k\.a\.?|aka|alias)\s*$",
    re.IGNORECASE,
)
_MAX_TITLE_TOKENS = 4


@dataclass
class ArticleActors:
    actors: list[ActorRef] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)
    """Token index → actor index, for event roles."""
    demonym_tokens: set[int] = field(default_factory=set)
    """Tokens that name an actor only through a demonym ("Russian"): weaker evidence of a role."""


def _role_before(span: Span, g: Gazetteer) -> tuple[str | None, int]:
    """Title words right before a person's name, "of the United Kingdom" included: (role, first title token)."""
    doc = span.doc
    start = span.start
    i = start - 1
    saw_title = False
    while i >= 0 and start - i <= _MAX_TITLE_TOKENS + 4:
        token = doc[i]
        word = token.text.lower()
        if word in g.titles and word != "the":
            saw_title = True
        elif not (
            g.country_of_demonym(token.text)
            or token.ent_type_ in ("NORP", "GPE", "LOC")
            or g.place(token.text)
            or (word in ("of", "the", "for") and i > 0 and (doc[i - 1].lower_ in g.titles or doc[i - 1].ent_type_))
        ):
            break
        i -= 1
    first = i + 1
    while first < start and doc[first].text.lower() in ("the", "his", "her", "former", "of", "for"):
        first += 1
    if first >= start or (not saw_title and not any(g.country_of_demonym(t.text) for t in doc[first:start])):
        return None, start
    role = " ".join(t.text for t in doc[first:start])
    return (role[:1].upper() + role[1:]), first


def _title_place_person(ent: Span, g: Gazetteer) -> tuple[Span, ...] | None:
    """ "President of [Ukraine Volodymyr Zelenskyy]", "Vice President of the [European Commission Valdis
    Dombrovskis]" tagged as one entity: split off the place or the body before the name. After "<title> of (the)",
    a place, or a body's name ending in its head noun ("Commission", "Council", "Bank"), is followed by its holder's
    name: English names a body with its head noun last ("Bank of England" aside), so capitalised words after it
    are another name. Read in the press, BBC and 2022 feed stores: the organisations with a head noun followed by
    two or three capitalised words are 40 in the press releases, 33 of them a title glued to its holder
    ("National Security and Defense Council Oleksiy Danilov"), and 18 in the BBC store, none glued, none after
    "<title> of" ("University College Hospital", "Norwich Union Grand Prix"). The holder's name is made of words
    no English dictionary lists (``dictionary_words``): "Russian Federation Armed Forces" stays one body. A portfolio
    of dictionary words before a given name ("Secretary of [Defense Lloyd Austin]") completes the title: only the
    holder is an actor."""
    doc = ent.doc
    before = ent.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before < 1 or doc[before].lower_ != "of" or doc[before - 1].lower_ not in g.titles:
        return None
    for cut in range(len(ent) - 2, 0, -1):
        body, person = ent[:cut], ent[cut:]
        if len(person) > 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in person):
            continue
        if g.place(body.text):
            return Span(doc, body.start, body.end, label="GPE"), Span(doc, person.start, person.end, label="PERSON")
        named = not any(t.lower_ in dictionary_words() for t in person)
        if len(body) >= 2 and body[-1].lower_ in institution_heads()[0] and named:
            return Span(doc, body.start, body.end, label="ORG"), Span(doc, person.start, person.end, label="PERSON")
        if len(person) >= 2 and given_name(person[0].text, g) and all(t.lower_ in dictionary_words() for t in body):
            # "Secretary of [Defense Lloyd Austin]": the portfolio, common words, then a given name opening the
            # holder's name; the portfolio completes the title and names no actor
            return (Span(doc, person.start, person.end, label="PERSON"),)
    return None


def _strip_leading_titles(words: list[str], g: Gazetteer) -> tuple[list[str], list[str]]:
    """ "President of Ukraine Volodymyr Zelenskyy" → (["Volodymyr", "Zelenskyy"], ["President", "of", "Ukraine"])."""
    role: list[str] = []
    while len(words) > 1:
        word = words[0]
        lowered = word.lower()
        # A nationality before a name belongs to the role ("Ukrainian President ...", "Russian opposition ...").
        is_title = g.is_title(word) or g.country_of_demonym(word) is not None or (not role and _role_noun(words, g))
        # "of Ukraine", "of the United Kingdom" inside a title phrase
        in_title_phrase = role and (lowered in ("of", "the", "for") or g.place(word) or g.country_of_demonym(word))
        if not (is_title or in_title_phrase):
            break
        role.append(words.pop(0))
    while role and role[-1].lower() in ("of", "the", "for"):
        words.insert(0, role.pop())
    return words, role


def _role_noun(words: list[str], g: Gazetteer) -> bool:
    """A common noun capitalised before a given name and a surname ("Historian Ian Garner", "Californian Thomas
    Slattery", at the start of a sentence or a headline): a description of the person, not a name of theirs.
    A first word that is itself a given name stays ("Christian Louis Lange")."""
    return (
        len(words) >= 3
        and words[0].lower() in dictionary_words()
        and not listed_given_name(words[0], g)
        and given_name(words[1], g)
    )


HEADING_MAX_WORDS = 12
"""A line this short, in Title Case, without a finite verb or a closing full stop, is a heading."""
FINITE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})


def heading_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the article's headings: short lines of their own, in Title Case, that state nothing
    (no finite verb, no closing full stop) and stand between paragraphs (a run of short lines is a list, such
    as fixtures or names, not a heading); and a kicker, the label before a bar that opens a line ("THE DISCORD
    LEAKS | …", ``text.sentences.KICKER``). In Title Case (or capitals) every word looks like a name, so the
    model's entities there are guesses; the body names the same actors in running text."""
    lines = []
    start = 0
    for line in doc.text.split("\n"):
        if line.strip():
            lines.append((start, start + len(line), line))
        start += len(line) + 1
    spans = []
    for i, (begin, end, line) in enumerate(lines):
        kicker = KICKER.match(line)
        if kicker is not None:
            spans.append((begin, begin + kicker.end()))  # "THE DISCORD LEAKS | …": a series' label, a heading
        words = line.split()
        if len(words) > HEADING_MAX_WORDS or line.rstrip().endswith((".", "!", "?", '"', "”")):
            continue
        neighbours = [lines[j][2] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if i + 1 == len(lines) or any(len(n.split()) <= HEADING_MAX_WORDS for n in neighbours):
            continue  # a heading heads a paragraph; one of a run of short lines is a list item
        long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
        if len(long_words) < 2 or not all(w[:1].isupper() for w in long_words):
            continue
        span = doc.char_span(begin, end, alignment_mode="expand")
        if span is not None and not any(t.tag_ in FINITE_VERB_TAGS for t in span):
            spans.append((begin, end))
    return spans


def _confirmed(name: str, running: str) -> bool:
    """True when a word of ``name`` is capitalised in the running text too, where capitals mark names again."""
    words = [w for w in name.split() if len(w) >= 4 and w[:1].isupper()]
    return any(re.search(rf"\b{re.escape(w)}\b", running) for w in words)


class _Builder:
    """Builds one article's actors entity by entity, then joins surnames, acronyms and claimed aliases."""

    def __init__(self, doc: Doc, g: Gazetteer) -> None:
        self.doc = doc
        self.g = g
        self.towns = not g.about_elsewhere((e.text, e.label_) for e in doc.ents)
        """Whether the focus countries' small towns may be named here (not in a text about somewhere else)."""
        self.result = ArticleActors()
        self.index: dict[tuple[str, str], int] = {}
        self.sentence_of: dict[int, int] = {}
        for number, sent in enumerate(doc.sents):
            for token in sent:
                self.sentence_of[token.i] = number
        self.persons: list[tuple[Span, int]] = []
        self.singles: list[Span] = []
        self.orgs: dict[str, int] = {}
        self.acronyms: list[Span] = []
        self.labels: Counter[tuple[str, str]] = Counter()
        """How often the article's entities give each (folded) name each label."""
        self.said_organisation: set[str] = set()
        self.cues: dict[tuple[int, int], str] = {}
        """Entities (token start, end) whose kind a classifying noun beside them gave."""
        """Names (folded) the model took for a person where the article's words say an organisation ("building
        products group James Hardie"): ``_well_formed`` relabelled them."""

    def actor(self, name: str, kind: str, key: str, **extra: object) -> int:
        found = self.index.get((kind, key))
        if found is None:
            found = len(self.result.actors)
            self.result.actors.append(ActorRef(name=name, kind=kind, key=key))
            self.index[(kind, key)] = found
        ref = self.result.actors[found]
        for attr, value in extra.items():
            if value and not getattr(ref, attr):
                setattr(ref, attr, value)
        return found

    def mention(self, actor: int, span: Span, via: str, text: str | None = None) -> None:
        sentence = self.sentence_of.get(span.start, 0)
        cue = self.cues.get((span.start, span.end)) if via == "name" else None
        self.result.mentions.append(
            Mention(actor, span.start_char, span.end_char, sentence, text or span.text, via, cue)
        )
        for token in span:
            self.result.by_token[token.i] = actor
            if via == "demonym":
                self.result.demonym_tokens.add(token.i)

    def person_key(self, name: str) -> str:
        return person_key(name, self.g.given_names)

    # --- phase 1: the entities the model found, corrected ----------------------------------------------

    def entities(self) -> list[Span]:
        """The model's entities that name actors: title-place-person runs split, headings' guesses left out."""
        headings = heading_lines(self.doc)
        running = self.doc.text
        for a, b in headings:  # the running text: headings blanked out
            running = running[:a] + " " * (b - a) + running[b:]
        ents: list[Span] = []
        acting = frozenset(fold(e.text) for e in self.doc.ents if modified_noun_kind(e) is None)
        for ent in _joined_places(list(self.doc.ents), self.g):
            split = _title_place_person(ent, self.g) if ent.label_ in ("ORG", "PERSON", "GPE") else None
            for part in split or (ent,):
                formed = _well_formed(part, self.g, acting)
                if part.label_ == "PERSON":
                    self.said_organisation.update(
                        fold(clean_name(f.text)) for f in formed if f.label_ == "ORG" and f.text == part.text
                    )
                ents.extend(formed)
        senses = self.named_senses(acting)
        kept = []
        for ent in ents:
            self.labels[(fold(clean_name(ent.text)), ent.label_)] += 1
            if ACTOR_LABELS.get(ent.label_) is None or self.g.not_actor(ent.text):
                continue
            sense = senses.get(fold(clean_name(ent.text)))
            if sense == "thing":
                continue
            if sense == "place" and ACTOR_LABELS[ent.label_] != "place":
                ent = Span(self.doc, ent.start, ent.end, label="FAC")
            cue = "place" if sense == "place" else _CUE_KINDS.get(classified_as(ent, acting) or "")
            if cue is not None and cue == ACTOR_LABELS[ent.label_]:
                self.cues[(ent.start, ent.end)] = cue  # read as its classifying noun says
            text = clean_name(ent.text)
            if not text or not any(c.isalpha() for c in text):
                continue
            in_heading = any(a <= ent.start_char and ent.end_char <= b for a, b in headings)
            if in_heading and self.g.place(text) is None and not _confirmed(text, running):
                continue
            if ent.label_ == "PERSON" and self.common_noun_in_a_name(ent, running):
                continue
            kept.append(ent)
        return kept

    def named_senses(self, acting: frozenset[str]) -> dict[str, str]:
        """The names (folded) that a classifying noun somewhere in the article calls a work or a thing (``thing``),
        or a site (``place``: "the Kestrel Creek resort"), and none calls anything else: one name keeps one sense
        in one article (Gale, Church and Yarowsky 1992), so "Sales of Crestor fell" names the drug that "the
        cholesterol drug Crestor" introduced, and "Kestrel Creek opened" the resort, whether or not the model
        tagged that first mention. Every occurrence of the name's words is read, tagged or not."""
        doc = self.doc
        at: dict[str, list[int]] = {}
        for token in doc:
            at.setdefault(token.text, []).append(token.i)
        names = {tuple(t.text for t in e) for e in doc.ents if e.label_ in ("ORG", "PERSON") and len(e) <= 6}
        senses: dict[str, str] = {}
        for words in names:
            starts = [i for i in at.get(words[0], ()) if tuple(t.text for t in doc[i : i + len(words)]) == words]
            if len(starts) < 2:
                continue  # a name written once: its one mention was classified as an entity already
            kinds = {classified_as(Span(doc, i, i + len(words), label="ORG"), acting) for i in starts}
            if kinds & {"work", "thing"} and not kinds & {"organisation", "person", "human", "place"}:
                senses[fold(clean_name(" ".join(words)))] = "thing"
            elif kinds & {"place"} and not kinds & {"organisation", "person", "human", "work", "thing"}:
                senses[fold(clean_name(" ".join(words)))] = "place"
        return senses

    def common_noun_in_a_name(self, ent: Span, running: str) -> bool:
        """A one-word "person" that is a common noun inside a longer capitalised name ("the Peace Formula
        meeting"): right after a capitalised word that starts no sentence and is no name or title, and written
        in lower case elsewhere in the article ("the peace formula"), which a surname never is."""
        if len(ent) != 1 or ent.start == 0:
            return False
        before = self.doc[ent.start - 1]
        after_a_capital = (
            before.is_alpha
            and before.text[:1].isupper()
            and not before.is_sent_start
            and not before.ent_type_
            and not self.g.is_title(before.text)
            and self.g.country_of_demonym(before.text) is None
        )
        word = ent.text.lower()
        return after_a_capital and re.search(rf"\b{re.escape(word)}\b", running) is not None

    def add(self, ent: Span) -> None:
        kind = ACTOR_LABELS[ent.label_]
        text = clean_name(ent.text)
        if _titled_with_the(ent, text, self.g):
            text = f"The {text}"
            if kind == "person":
                kind = "organization"  # no one is called "The Times"
        elif (kind in ("place", "organization") or text.isupper()) and (known := _place_with_the(text, self.g)):
            # "THE HAGUE, Netherlands —", "a Hague-based court": The Hague (a person the model read stays one:
            # "Mr Hague", William Hague)
            text, kind = known, "place"
        if kind in ("place", "group"):
            self.add_place_or_group(ent, text, kind)
        elif kind == "organization":
            self.add_organisation(ent, text)
        else:
            self.add_person(ent, text)

    def add_place_or_group(self, ent: Span, text: str, kind: str) -> None:
        g = self.g
        country = g.country_of_demonym(text)
        if country is not None:  # "Russian missiles": the country
            place = g.place(country)
            name = place.name if place else country
            actor = self.actor(name, "place", org_key(name), country=place.country if place else None)
            self.mention(actor, ent, "demonym")
            return
        if kind == "group":
            if ent[-1].pos_ == "ADJ" or len(text) < 3:
                return  # "Western", "European": adjectives, not actors
            self.mention(self.actor(text, "group", org_key(text)), ent, "name")
            return
        place = g.place(text) or self.town(text)
        if place is None and text.lower().endswith(" city"):
            place = g.place(text[:-5]) or self.town(text[:-5])  # "Donetsk City", "Mykolaiv city": the city
            if place is not None and text.endswith(" City") and place.country not in g.focus_countries:
                # "Manchester City", "Leicester City": English calls a city by its bare name, and a capitalised
                # "City" after it names what is named after it, a club most often; the profile's focus countries
                # are translated with it ("Kyiv City" for the misto, the city as an administrative unit)
                self.add_organisation(ent, text)
                return
        name = place.name if place else text
        index = self.actor(name, "place", org_key(name), country=place.country if place else None)
        if fold(text) != fold(name):
            self.result.actors[index].aliases.setdefault(text, "gazetteer")
        self.mention(index, ent, "name")
        if place is None:
            self.place_in_name(ent, index)  # "Chuhuiv Airbase": in Chuhuiv

    def town(self, text: str) -> Place | None:
        return self.g.town(text) if self.towns else None

    def add_organisation(self, ent: Span, text: str) -> None:
        if looks_like_acronym(text):
            self.acronyms.append(ent)  # joined to the organisation it spells, once all are known
            return
        index = self.actor(text, "organization", org_key(text))
        self.orgs[initials(text)] = index
        self.mention(index, ent, "name")
        self.place_in_name(ent, index)

    def place_in_name(self, ent: Span, owner: int) -> None:
        """ "Mykolaiv Oncology Hospital", "Kharkiv National University": a name that starts with a town names the
        town too (a mention of the place; the name's words still stand for the organisation in event roles).

        A first word that English writes as an adjective, verb or adverb ("Good Law Project", "Human Rights
        Council", "Center for Strategic Studies", "Bank of Russia", "Police Federation") is that word, as a name's
        first word usually is, not a town: not one that is the town's name only with its accents dropped, read as
        a romanisation or as another name of it (Göd, Uman, Ózd), nor a small town of the focus countries
        (Police, in Poland). A large city spelled exactly stays ("Shanghai Cooperation Organisation")."""
        g = self.g
        for width in (2, 1):
            if len(ent) <= width or not all(t.text[:1].isupper() for t in ent[:width]):
                continue
            lead = ent[:width]
            if g.is_title(lead.text):
                continue  # "Major of the Civil Protection Service": a title opens it, not a town (Măieru's "Major")
            place = g.place(lead.text) or self.town(lead.text)
            if place is None or place.kind not in ("city", "region"):
                continue
            word = lead.text.lower()
            if width == 1 and word in descriptive_words() and (place in g.minor or word != place.name.lower()):
                continue
            index = self.actor(place.name, "place", org_key(place.name), country=place.country)
            self.mention(index, lead, "name")
            for token in lead:
                self.result.by_token[token.i] = owner
            return

    def add_person(self, ent: Span, text: str) -> None:
        words, inner_role = _strip_leading_titles(text.split(), self.g)
        if not any(c.isupper() for w in words for c in w):
            return  # English capitalises names: "air" of "Ukrainian air defense" is a common noun
        if len(words) == 1 or words[0].lower() in NAME_PARTICLES:
            self.singles.append(ent)  # a surname alone: joined once every full name is known
            return
        name = " ".join(words)
        role, first = _role_before(ent, self.g)
        role = role or (" ".join(inner_role) or None)
        index = self.actor(name, "person", self.person_key(name), role=role)
        ref = self.result.actors[index]
        if fold(text) != fold(name):
            ref.aliases.setdefault(text, "title")
        if first < ent.start:
            ref.aliases.setdefault(clean_name(self.doc[first : ent.end].text), "title")
        self.persons.append((ent, index))
        self.mention(index, ent, "name")

    # --- phase 2: joins within the article -------------------------------------------------------------

    def join_surnames(self) -> None:
        """A surname alone joins the one full name of the article that ends with it; a given name after "Sir" or
        "Prince" (``GIVEN_NAME_HONORIFICS``) is no surname and joins none. A one-word "person" that no
        full name ends with, no title precedes ("Mr Babushkin"), and that the article names as an organisation or a
        place elsewhere ("Gazprom said" beside "shares in Gazprom"), is that organisation or place: one name keeps
        one sense in one article."""
        by_surname: dict[str, set[int]] = {}
        for _ent, index in self.persons:
            by_surname.setdefault(surname_key(self.result.actors[index].name), set()).add(index)
        for ent in self.singles:
            words, titles = _strip_leading_titles(clean_name(ent.text).split(), self.g)
            word = " ".join(words) if words[0].lower() in NAME_PARTICLES else words[-1]  # "Le Pen"
            honorific = titles[-1] if titles else self.doc[ent.start - 1].text if ent.start > 0 else ""
            if honorific.lower().rstrip(".") in GIVEN_NAME_HONORIFICS:
                index = self.actor(word, "person", self.person_key(word), given_name=True)
                self.result.actors[index].aliases.setdefault(f"{honorific} {word}", "title")
                self.mention(index, ent, "name", word)
                continue
            candidates = by_surname.get(surname_key(word), set())
            if len(candidates) == 1:
                index = next(iter(candidates))
                self.result.actors[index].aliases.setdefault(word, "surname")
                self.mention(index, ent, "surname", word)
                continue
            given = self._given_name_of(word) if not candidates and not titles else None
            if given is not None:
                self.mention(given, ent, "given", word)  # a mention, not an alias: "Phil" is many people's
                continue
            titled = bool(titles) or self._title_before(ent)
            short = None if candidates or titled else self._said_organisation_ending_with(word)
            if short is not None:
                self.mention(short, ent, "name", word)
                continue
            full = None if candidates else self._full_name_tagged_otherwise(ent, word, titled)
            if full is not None:
                self.result.actors[full].aliases.setdefault(word, "surname")
                self.mention(full, ent, "surname", word)
                continue
            other = None if candidates or titled else self._named_otherwise(word)
            if other is not None:
                self.mention(other, ent, "name", word)
            elif not candidates and not titled and self.g.country_of_demonym(word) is not None:
                self.add_place_or_group(ent, word, "group")  # "many Greeks live there": the country's people
            elif not candidates and not titled and self._capitalised_as_first_word(ent, word):
                continue  # "Worthy. Free.", "Demography is the first task": a word capitalised by its place
            else:
                self.mention(self.actor(word, "person", self.person_key(word)), ent, "name", word)

    def _title_before(self, ent: Span) -> bool:
        """A title right before the name ("Mr Babushkin", "Speaker Pelosi"), which makes it a person's. Not a
        determiner ("the Slovak side", "his Diia app"): ``titles.json`` lists "the", "his" and "her" for the title
        phrases they open ("His Excellency", "the Honourable"), but English puts no determiner before a person's
        bare name, so one before a name says nothing of a person."""
        if ent.start == 0:
            return False
        before = self.doc[ent.start - 1]
        return before.lower_ not in DETERMINERS and self.g.is_title(before.text)

    def _said_organisation_ending_with(self, word: str) -> int | None:
        """The one organisation of the article whose name of two words or more ends with ``word`` and that the
        article's own words call an organisation ("the building products group James Hardie ... Hardie's
        shareholders"): a company named after a person is shortened to the surname, which the model then reads
        as a person; the article's classifier outranks that reading, as for the full name."""
        found = [
            index
            for index, ref in enumerate(self.result.actors)
            if ref.kind == "organization"
            and len(words := ref.name.split()) >= 2
            and fold(words[-1]) == fold(word)
            and fold(ref.name) in self.said_organisation
        ]
        return found[0] if len(found) == 1 else None

    def _full_name_tagged_otherwise(self, ent: Span, word: str, titled: bool) -> int | None:
        """The person a surname alone stands for when the model took the full name for an organisation or a place
        ("Carly Fiorina, chief of Hewlett Packard ... Fiorina said", "S&P analyst Helena Hessel ... Ms Hessel"):
        news names a person in full first and by surname after, so the one name of two or three capitalised words
        of the article ending with the surname is that person's (it becomes a person, with every mention). Not
        after a determiner ("the Boerse": people take none) or as a modifier of a noun ("Voip calls"), and not a
        name that a title ("Dr Reddy": a company), a place, a demonym, an
        institution's or a thing's head, an English adjective, verb or adverb, or a plural noun makes a name of
        something else ("Deutsche Boerse", "Sheffield United", "Desperate Housewives", "Russian Railways"); without
        a title before the surname the first word must be one the dictionary does not know ("Lake Baikal")."""
        if ent.start > 0 and self.doc[ent.start - 1].lower_ in ("the", "a", "an"):
            return None
        if ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
            return None  # "Voip calls": a name used as a modifier of a common noun, no one referred to
        found = [
            index
            for index, ref in enumerate(self.result.actors)
            if ref.kind in ("organization", "place")
            and 2 <= len(words := ref.name.split()) <= 3
            and fold(words[-1]) == fold(word)
            and self._personal(words, titled)
        ]
        if len(found) != 1:
            return None
        source = found[0]
        name = self.result.actors[source].name
        target = self.actor(name, "person", self.person_key(name))
        self._move_mentions(source, target)
        return target

    def _personal(self, words: list[str], titled: bool) -> bool:
        """Whether ``words`` may be a person's name (see ``_full_name_tagged_otherwise``)."""
        heads = _name_heads()
        g = self.g
        for word in words:
            lowered = word.lower()
            if not re.fullmatch(r"[A-Z][\w'-]*", word) or not any(c.islower() for c in word):
                return False
            if g.place(word) is not None or g.country_of_demonym(word) is not None or lowered in heads:
                return False
            if g.is_title(word):
                return False  # "Dr Reddy" as an organisation: a company named after its founder
            if lowered in descriptive_words() or (lowered.endswith("s") and lowered[:-1] in dictionary_words()):
                return False
        return titled or words[0].lower() not in dictionary_words()

    def _capitalised_as_first_word(self, ent: Span, word: str) -> bool:
        """A one-word "person" that is an English adjective, verb or adverb ("Worthy", "Glad", "Neutralized") or a
        plural common noun ("Children's", "Cosmonauts") written with a capital only where a sentence starts: the
        capital is the sentence's, not a name's (a surname that is a word, "Brown", is capitalised inside sentences
        too: "said Brown"). Nouns alone are left, WordNet listing names among them ("Lawrence"). Not a word that a
        capitalised one or a list of names follows: a line-up opens its line with a surname ("Wright, Pistone")."""
        if len(ent) != 1 or not (word.lower() in descriptive_words() or ent[0].tag_ == "NNS"):
            return False
        doc = self.doc
        after = doc[ent.end : ent.end + 2]
        if after and (after[0].text[:1].isupper() or (after[0].text == "," and after[-1].text[:1].isupper())):
            return False  # a name going on ("Silvia Farina Elia") or a list of names ("Wright, Pistone, Weir")
        return all(
            t.is_sent_start or (t.i > 0 and doc[t.i - 1].is_punct and doc[t.i - 1].is_sent_start)
            for t in doc
            if t.text == word
        )

    def _given_name_of(self, word: str) -> int | None:
        """The one full name of the article that starts with ``word`` ("Phil" after "Phil Vickery": quotes call
        people by their given name), or None when none or several do. That the article writes ``word`` first in a
        person's name is what says it is a given name (a profile's ``given_names`` are only variant spellings)."""
        found = {
            index
            for _ent, index in self.persons
            if len(words := self.result.actors[index].name.split()) > 1 and fold(words[0]) == fold(word)
        }
        return next(iter(found)) if len(found) == 1 else None

    def _named_otherwise(self, word: str) -> int | None:
        """The organisation or place of this article named exactly ``word``, when the article's entities name it
        so more often than as a person (the model's labels disagree; the majority of the article's uses decides), or
        when the article's own words said it is an organisation ("Palantir CEO Alex Karp"), which outrank the
        model's votes.
        A place must be one the gazetteer knows: the model calls surnames in team line-ups places too."""
        key = org_key(word)
        people = 0 if fold(word) in self.said_organisation else self.labels[(fold(word), "PERSON")]
        for kind, labels in (("organization", ("ORG",)), ("place", ("GPE", "LOC", "FAC"))):
            index = self.index.get((kind, key))
            if index is None or fold(self.result.actors[index].name) != fold(word):
                continue
            if kind == "place" and self.g.place(word) is None and self.g.town(word) is None:
                continue
            if sum(self.labels[(fold(word), label)] for label in labels) > people:
                return index
        return None

    def join_people_tagged_as_organisations(self) -> None:
        """An organisation whose name is a person's full name in this article is that person (a model mistake),
        unless the article's own words said it is an organisation (a classifying noun: "building products group
        James Hardie ... James Hardie chairwoman"): then the "person" is that organisation. One name keeps one
        sense in one article."""
        people = {self.result.actors[i].key: i for _e, i in self.persons}
        for index, ref in enumerate(self.result.actors):
            key = self.person_key(ref.name)
            if ref.kind != "organization" or key not in people:
                continue
            if fold(ref.name) in self.said_organisation:
                self._move_mentions(people[key], index)
            else:
                self._move_mentions(index, people[key])

    def _move_mentions(self, source: int, target: int) -> None:
        """Every mention of actor ``source`` becomes one of ``target``; ``source`` is left unused."""
        for mention in self.result.mentions:
            if mention.actor == source:
                mention.actor = target
        for token, actor_index in list(self.result.by_token.items()):
            if actor_index == source:
                self.result.by_token[token] = target
        self.result.actors[source].kind = "_unused"

    def join_acronyms(self) -> None:
        """An acronym joins the one organisation whose initials it spells; one that names no actor is left out."""
        text_of_doc: str | None = None
        for ent in self.acronyms:
            text = clean_name(ent.text).replace(".", "")
            if text in self.orgs:
                index = self.orgs[text]
                self.result.actors[index].aliases.setdefault(text, "acronym")
                self.mention(index, ent, "acronym", text)
                continue
            if _currency_amount(ent, text):
                continue
            text_of_doc = self.doc.text if text_of_doc is None else text_of_doc
            if _spelled_in_lower_case(text_of_doc, text):
                continue
            self.mention(self.actor(text, "organization", org_key(text)), ent, "name", text)

    def finish_aliases(self) -> None:
        """A person's surname (with its particles: "Le Pen") is an alias of theirs ("Uncle Sam" has none); aliases
        that only repeat the name (or another alias) go."""
        for ref in self.result.actors:
            if (
                ref.kind == "person"
                and " " in ref.name
                and not _GIVEN_NAME_LAST.match(ref.name.rsplit(" ", 1)[1])
                and not called_by_given_name(ref.name)
            ):
                ref.aliases.setdefault(surname(ref.name), "surname")
            seen = {fold(ref.name)}
            for alias in list(ref.aliases):
                if fold(alias) in seen:
                    del ref.aliases[alias]
                seen.add(fold(alias))


_GIVEN_NAME_LAST = re.compile(r"[A-Z][a-z]+-[a-z]+")
"""A last word written as a romanised Korean given name, two syllables joined by a hyphen and the second in lower
case ("Lee Jun-seok", "Kim Jong-un", "Moon Jae-in"): the family name comes first, so the last word is no surname.
(English and Slavic double names capitalise both parts: "Zaghari-Ratcliffe", "Lvova-Belova".)"""


_MAGNITUDES = frozenset("thousand million billion trillion mn bn m k".split())


def _place_with_the(text: str, g: Gazetteer) -> str | None:
    """The gazetteer's name of a place whose name holds its article ("The Hague", "The Gambia"), for the name
    without it, which names no place of its own: a dropped "the" (or a dateline's capitals, "THE HAGUE") is no
    other name."""
    if " " in text or g.place(text) is not None:
        return None
    place = g.place(f"The {text}")
    return place.name if place is not None and place.name.lower().startswith("the ") else None


def _titled_with_the(ent: Span, text: str, g: Gazetteer) -> bool:
    """ "an interview with The Post", "published by The Times": a capital "The" inside a sentence is part of a
    title (English capitalises the article only where a sentence starts or a title does), so a one-word name that
    is also a common noun ("Post", "Times", "Sun") is that title with its article; the word alone names nothing.
    Not after a capitalised word (a headline in title case capitalises every word), nor before a noun the name
    modifies ("The Guardian newspaper": the noun's article), nor for a known place or people."""
    doc = ent.doc
    if len(ent) != 1 or ent.start < 2 or " " in text:
        return False
    the, before = doc[ent.start - 1], doc[ent.start - 2]
    if the.text != "The" or the.is_sent_start or not (before.is_alpha and before.text.islower()):
        return False
    if ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.i >= ent.end:
        return False
    if g.place(text) is not None or g.country_of_demonym(text) is not None:
        return False
    return text.lower() in english_nouns() or text.lower().removesuffix("s") in english_nouns()


def _currency_amount(ent: Span, text: str) -> bool:
    """An ISO 4217 currency code written with an amount ("UAH 1.5 billion", "500 million RUB"): a unit, which the
    model often tags as an organisation."""
    if text not in currency_codes():
        return False
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in _MAGNITUDES and before.i > 0:
        before = doc[before.i - 1]
    return (after is not None and after.like_num) or (before is not None and before.like_num)


@cache
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 currency code ("UAH", "USD", "CHF")."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _spelled_in_lower_case(text: str, acronym: str) -> bool:
    """The article spells the acronym out in lower-case words before it in brackets ("liquefied natural gas
    (LNG)", "an initial public offering (IPO)"): English capitalises the words of a proper name, so these are the
    initials of a common noun, not a name. A spelled-out institution ("the national executive committee (NEC)",
    its head an organisation noun) stays. Measured on the BBC, 2023 feed and July 2022 stores (not written from):
    of the unjoined acronyms so spelled, 26 mentions of common nouns (PVR, IPO, LNG, PMI, CSR, RPG, PAYG …) and one
    organisation ("southern military district (SMD)")."""
    for match in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        words = [w.strip(",;:\"'“”‘’") for w in text[max(0, match.start() - 160) : match.start()].split()]
        parts = [p for w in words[-2 * len(acronym) :] for p in w.split("-") if p]
        tail = parts[-len(acronym) :]
        if len(tail) != len(acronym) or "".join(p[0] for p in tail).upper() != acronym.upper():
            continue
        return all(p[0].islower() for p in tail) and tail[-1] not in institution_heads()[0]
    return False


_JOINING = FUNCTION_WORDS | {"in", "at"}
_CLAUSE_POS = frozenset({"VERB", "AUX", "SCONJ"})
"""Parts of speech no name holds inside it ("as", "became", "hides"): a run with one is a clause's words."""
_FOREIGN_PARTICLES = frozenset({"am", "im", "zu", "zum", "zur", "auf", "an"})
"""Lower-case words of German names that English tags as verbs or prepositions ("Welt am Sonntag")."""
_OPPOSING = frozenset({"v", "v.", "vs", "vs.", "versus", "or", "as"})
"""Words that set two names against each other, offer one for the other or compare them ("Arsenal v Chelsea", "A
or B", "Poltava as Kyiv"), whatever the tagger makes of them ("as" is a preposition as often as a conjunction)."""
"""Lower-case words of a name's shape: "… of the Lord in Kharkiv" (a name and where it is)."""


BODY_HEADS = frozenset({"alliance", "bloc", "coalition"})
"""Heads of the names of alliances ("North Atlantic Alliance", "Eastern bloc") that ``institutions.json`` does not
list as organisations' heads."""


@cache
def _name_heads() -> frozenset[str]:
    """Head nouns that end the name of an organisation, a facility, a thing or an alliance, not a person's."""
    organisations, facilities = institution_heads()
    return organisations | facilities | thing_heads() | BODY_HEADS


def _joined_places(ents: list[Span], g: Gazetteer) -> list[Span]:
    """The model's entities, with two places it split at "and" joined again when the whole is a known place's name:
    "United Kingdom of Great Britain" and "Northern Ireland", "Bosnia" and "Herzegovina" (a country's official name
    holding "and"), which the model reads as two places."""
    out: list[Span] = []
    for ent in ents:
        if out and ent.label_ in ("GPE", "LOC") and out[-1].label_ in ("GPE", "LOC"):
            before = out[-1]
            doc = ent.doc
            split = ent.start == before.end + 1 and doc[before.end].lower_ == "and"
            if split or (ent.start == before.end and before[-1].lower_ == "and"):  # or "Bosnia and" + "Herzegovina"
                joined = Span(doc, before.start, ent.end, label="GPE")
                if g.place(joined.text) is not None:
                    out[-1] = joined
                    continue
        out.append(ent)
    return out


def _well_formed(ent: Span, g: Gazetteer, acting: frozenset[str] = frozenset()) -> list[Span]:
    """The model's entity as names of actors: dropped when it cannot be a name, split when it joins two places,
    relabelled when its form says what it is.

    - a last word that is a function word or a dash ("National Guard of", "Bosnia and"): cut short, the words
      before it (in four stores every such name was a fragment);
    - unbalanced brackets or quotation marks ("Council(CSC", 'Oleksandra "Sasha'), a word cut off by an ellipsis
      ("a Russi..."), a word said twice ("Maria Lvova-Belova Lvova-Belova": page furniture), digits in a person's
      name ("HS2"), a prefixed modifier ("Euro-Atlantic", ``attributive``): no actor;
    - places joined by "and" or a dash ("Kyiv and Kharkiv", "Donetsk - Welsh"): the places it joins;
    - a name ending in an institution's or a facility's head noun ("Korolenko Library", "Vnukovo Airport") is an
      organisation or a place, not a person;
    - a one-word organisation or place that is a known given name ("Valentyn") is a person;
    - a name that opens with a form of address ("Mr Blair", "Dame Julie") is a person;
    - a name whose head names a document, an event or an award ("Marshall Plan", "Investment Forum"): no actor;
    - a name the article classifies with a common noun beside it is what the noun says ("distributor Toho",
      "his album Double Fantasy", "the Welchia worm": see ``classifiers``);
    - a name in a list whose other names agree on another kind may take theirs (see ``coordination``);
    - an interjection ("Hmm"), or a title alone that the model took for an organisation or a place ("Major" of
      "Major of the Civil Protection Service"): no actor;
    - a "name" without a capital letter ("koalas", "wetland") is none, English capitalising names, unless it
      describes an organisation by an institution's head noun ("its defence ministry said") or is a known place
      or demonym written carelessly ("a russian sniper")."""
    if all(t.tag_ == "UH" for t in ent):
        return []  # "Hmm", "Wow": an interjection calls out, it names no one
    if len(ent) == 1 and ent.label_ != "PERSON" and g.is_title(ent.text):
        return []  # "Major", "General" alone: a title names no one until a name follows it (a person may be
        # called by a surname that is a title word: "Major said")
    uncapitalised = ent.label_ in ACTOR_LABELS and not any(c.isupper() for c in ent.text)
    known = uncapitalised and (g.place(ent.text) is not None or g.country_of_demonym(ent.text) is not None)
    if uncapitalised and not known and (ent.label_ != "ORG" or ent[-1].lower_ not in institution_heads()[0]):
        return []
    if ent.label_ in ("GPE", "LOC"):
        titled = _titled_place(ent, g)
        if titled is not None:
            return titled
    if ent.label_ in ("ORG", "GPE", "LOC", "FAC") and _addressed(ent):
        return [Span(ent.doc, ent.start, ent.end, label="PERSON")]
    owned = _owned_by_place(ent, g)
    if owned is not None:
        return owned
    text = ent.text
    doc = ent.doc
    # The three characters after the name, from the tokens that follow it: ``doc.text`` joins every token of the
    # article, so reading it once per entity made this function most of the actors' cost on long articles.
    after = (ent[-1].whitespace_ + "".join(t.text_with_ws for t in doc[ent.end : ent.end + 3]))[:3]
    if text.count("(") != text.count(")") or after == "..." or after.startswith("…"):
        return []
    inner = text.strip(' "“”')
    if inner.count('"') % 2 or inner.count("“") != inner.count("”"):
        return []  # 'Oleksandra "Sasha': a name cut inside the nickname its quotation marks enclose (a mark that
        # only opens or closes it belongs to the quotation around the name: '," Mr Bussereau said')
    # In a name's shape (capitalised words joined by "of", "the", "for" …, none of them last) the joining words may
    # recur ("Church of the Transfiguration of the Lord"); in a phrase the model took for a name they count
    # ("Dyer on the edge of the area", "Food and Rural Affairs and").
    found = re.findall(r"[^\W\d_][\w'-]*", text)
    dangling = bool(found) and found[-1].lower() in FUNCTION_WORDS and not ent[-1].like_num
    if dangling or text.rstrip().endswith(("-", "–", "—")):
        # "National Guard of", "Bosnia and": the model cut the name short; an English name ends with a noun, so
        # the words before the dangling ones are the name it has
        end = ent.end
        if doc[end - 1].lower_ == "of" and end < len(doc) and doc[end].like_num:
            # "Group of Seven", "Group of 20": a forum named by its members' number, which the model leaves out
            return _well_formed(Span(doc, ent.start, end + 1, label=ent.label_), g, acting)
        while end > ent.start and (doc[end - 1].lower_ in FUNCTION_WORDS or doc[end - 1].is_punct):
            end -= 1
        if end in (ent.start, ent.end):
            return []  # nothing left, or a token the words cannot be cut from ("of’")
        return _well_formed(Span(doc, ent.start, end, label=ent.label_), g, acting)
    shaped = bool(found) and found[-1][:1].isupper() and all(w[:1].isupper() or w in _JOINING for w in found)
    words = [w.lower() for w in found if len(w) >= 3 and not (shaped and w in _JOINING)]
    if len(words) != len(set(words)):
        return []
    if ent.label_ == "PERSON" and any(c.isdigit() for c in text):
        return []
    if attributive(text):
        return []  # "Euro-Atlantic", "pro-Moscow": a modifier, no name
    breaks = [
        t
        for t in ent[1:-1]
        if t.text.islower()
        and t.lower_ not in NAME_PARTICLES | _FOREIGN_PARTICLES
        and (t.pos_ in _CLAUSE_POS or t.lower_ in _OPPOSING)
    ]
    if breaks:
        # "Poltava as Kyiv", "Arsenal v Chelsea": a conjunction, a verb or "v" inside a capitalised run ends a name;
        # no name holds one, so the run is the names on either side of it
        bounds = [ent.start, *(b.i for b in breaks), ent.end]
        parts = [Span(doc, a + (a != ent.start), b, label=ent.label_) for a, b in itertools.pairwise(bounds)]
        return [p for part in parts if len(part) for p in _well_formed(part, g, acting)]
    joins = [
        t
        for t in ent
        if t.lower_ in ("and", "&") or (t.text in ("-", "–", "—") and t.i > 0 and doc[t.i - 1].whitespace_)
    ]
    if joins and ent.label_ in ("ORG", "PERSON", "GPE") and g.place(text) is None:
        parts, start = [], ent.start
        for join in [*joins, None]:
            end = join.i if join is not None else ent.end
            if end > start:
                parts.append(Span(doc, start, end, label="GPE"))
            start = end + 1
        if len(parts) >= 2 and all(g.place(p.text) or g.town(p.text) for p in parts):
            return parts
        if any(g.place(p.text) for p in parts) and ent.label_ == "ORG" and "-" in [j.text for j in joins]:
            return [p for p in parts if g.place(p.text)]  # "Donetsk - Welsh": the place, not the glue
    located = _located_parts(ent, g)
    if located is not None:
        return [p for part in located for p in ([part] if part.label_ == "GPE" else _well_formed(part, g, acting))]
    said = _classified(ent, g, acting)
    if said is not None:
        return said
    listed = list_label(ent, g)
    if listed is not None:
        ent = Span(doc, ent.start, ent.end, label=listed)
    if names_a_model(text):
        return []  # "MiG-29", "S-500", "MPEG-4": a model's or a standard's designation
    if _classifies_a_thing(ent, g):
        return []  # "the Delta strain", "the Zafi virus": the name of what the noun is
    if names_a_thing(text) and (ent.label_ in ("ORG", "NORP", "FAC", "LOC") or len(ent) > 2):
        # two-word people keep their surname ("Doris Day", "Jude Law"); places keep "... Day" as a town
        return []  # "Union State Migration Policy Concept", "Investment Forum": a thing, not an actor
    organisations, facilities = institution_heads()
    last = ent[-1].lower_
    if len(ent) == 1 and ent.label_ != "PERSON" and last in _name_heads() and g.place(text) is None:
        # "the Alliance", "the Commission", "the Foundation": a name's generic head standing for the name said
        # before (a definite description), which only the article's context resolves; not a name of its own. A
        # person keeps it ("Law" of "Jude Law", "Bridge" of "Wayne Bridge": surnames).
        return []
    if len(ent) > 1 and (
        (ent.label_ in ("PERSON", "NORP") and last in organisations | facilities)
        or (ent.label_ == "GPE" and last in facilities)  # "Soviet Union" stays a place
    ):
        return [Span(doc, ent.start, ent.end, label="FAC" if last in facilities else "ORG")]
    if (
        ent.label_ in ("ORG", "GPE", "LOC")
        and len(ent) == 1
        and g.place(text) is None
        and word_key(fold(text)) in g.given_names
    ):
        return [Span(doc, ent.start, ent.end, label="PERSON")]
    return [ent]


THING_CLASSIFIERS = frozenset("strain strains variant variants subvariant subvariants virus viruses".split())
"""Nouns that a name before them classifies as a pathogen or a computer virus ("the Omicron strain", "the Cabir
virus"): the name is of that thing, which does not act. In the four event stores every such mention (press 23:
Omicron, Delta, Gamma; BBC 10: Zafi, Bofra, Cabir, Sasser, Bagle, Windows; July 2022 feed 3: Omicron, all read)
names the thing, typed an organisation, a person, a group or a place. "Vaccine" is left out: a vaccine is named
by its maker as often ("the Moderna vaccine", beside "Sputnik Light vaccines")."""


def _classifies_a_thing(ent: Span, g: Gazetteer) -> bool:
    """``ent`` is followed by a noun of :data:`THING_CLASSIFIERS`, and is no country or demonym (a variant named
    after the country it was found in leaves the country a place: "the UK variant")."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None or after.lower_ not in THING_CLASSIFIERS or g.country_of_demonym(ent.text) is not None:
        return False
    place = g.place(ent.text)
    return place is None or place.kind != "country"


PEERAGES = frozenset(
    "duke duchess dukes earl countess marquess marchioness viscount viscountess baron baroness prince princess".split()
)
"""Titles of nobility held "of" a place ("the Duke and Duchess of Cambridge", "Prince of Wales"): the place names
the title, not a place the sentence is about."""
REGNAL_NUMERALS = frozenset("II III IV VI VII VIII IX XI XII XIII XIV XVI".split())
"""Ordinals after a monarch's or a pope's name ("Elizabeth II"); one-letter I, V and X are left out ("In Kyiv I
saw"), and XV, a rugby side ("a Wales XV"). A numeral followed by a noun is part of a longer name ("the Hartz IV
reforms", "Soul II Soul"), not a monarch's."""
DETERMINERS = frozenset({"the", "his", "her"})
"""The determiners ``titles.json`` lists for the title phrases they open ("His Excellency", "the Honourable")."""

_NOT_PERSONAL_TITLES = DETERMINERS | frozenset(
    "of st st. saint state national security first former ex acting deputy vice prime foreign defence"
    " defense interior finance economy press top senior affairs head chief leader general major captain official"
    " speaker chair director founder ceo presidential majesty holiness excellency hon. honourable justice".split()
)
"""Words of ``titles.json`` that are no title of a person on their own before a name: determiners and the modifiers
of title phrases ("The UK", "Former Northern Ireland minister", "Foreign Minister"), titles that begin places ("St
Petersburg"), and role words that are also words of other names ("General Motors", "Major League", "Captain
America", "Head Office")."""


FORMS_OF_ADDRESS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir", "Dame"})
"""Titles only a person takes, written as English writes them ("DR Congo" is a country)."""


def _addressed(ent: Span) -> bool:
    """A name that opens with a form of address and holds no possessive ("Mr Blair", "Dame Julie"; not "Mr Brown's
    International Finance Facility"). In the BBC store 44 such names were organisations or places, all people but
    a drink ("Dr Pepper")."""
    return (
        len(ent) > 1
        and ent[0].text.rstrip(".") in FORMS_OF_ADDRESS
        and not any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") for t in ent)
    )


def _titled_place(ent: Span, g: Gazetteer) -> list[Span] | None:
    """A place the model found where English grammar says a person or a title: after a personal title ("Queen
    Elizabeth", "Mr Houston": places take no titles; a country after a title is a headline's words run together)
    or before a regnal numeral ("Elizabeth II"), a person; after a title of nobility and "of" ("Duchess of
    Cambridge"), part of that title, no actor. None when neither holds. Written from the 2022 feed items ("Queen
    Elizabeth II" as Elizabeth, New Jersey), read on every article of the BBC set (2,225) and 4,000 of the 2023
    feed items: 230 of 234 and 2 of 3 right; the regnal numerals' exceptions (XV, a noun after) and the country
    check were added for the 5 wrong ("a Wales XV", "the Hartz IV reforms", "Polish Premier US Vice President")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    numeral = ent.end < len(doc) and doc[ent.end].text in REGNAL_NUMERALS
    if numeral and (ent.end + 1 == len(doc) or doc[ent.end + 1].pos_ not in ("NOUN", "PROPN")):
        return [Span(doc, ent.start, ent.end + 1, label="PERSON")]
    place = g.place(ent.text)
    if (
        before is not None
        and before.text[:1].isupper()
        and before.lower_ not in _NOT_PERSONAL_TITLES
        and (g.is_title(before.text) or before.lower_ in GIVEN_NAME_HONORIFICS)
        and (place is None or place.kind != "country")  # "Polish Premier US Vice President": a headline's run-on
    ):
        return [Span(doc, ent.start, ent.end, label="PERSON")]
    if before is not None and before.lower_ == "of":
        words = [t.lower_ for t in doc[max(0, ent.start - 4) : ent.start - 1]]
        if words and (words[-1] in PEERAGES or (len(words) >= 3 and words[-2] == "and" and words[-3] in PEERAGES)):
            return []
    return None


def _owned_by_place(ent: Span, g: Gazetteer) -> list[Span] | None:
    """A name the model ran on from a place's genitive ("France’s Danone SA"): the place, and the name after it.
    The genitive marks a place as the owner or origin of what follows, not part of its name; a possessive inside a
    name is not a place's ("People's Liberation Army", "Moody's Investors Service"). Written from the 2023 feed
    store; read on every BBC article and 6,000 of the 2022 feed items: 31 splits, 27 right ("Israel’s Knesset",
    "Leeds' Elland Road", "Munster's Shaun Payne"), 4 wrong: names that begin with a place's genitive ("Guernsey's
    Auction House", "Lion's Den"), a club and a TV series taken for their towns ("Roma's Olivier Dacourt",
    "Fargo’s Noah Hawley")."""
    if ent.label_ not in ("ORG", "PERSON", "FAC") or len(ent) < 3:
        return None
    for token in ent[1:-1]:
        if token.tag_ == "POS":
            owner = ent.doc[ent.start : token.i]
            if g.place(owner.text) is None:
                return None
            rest = Span(ent.doc, token.i + 1, ent.end, label=ent.label_)
            return [*_well_formed(Span(ent.doc, owner.start, owner.end, label="GPE"), g), *_well_formed(rest, g)]
    return None


def _located_parts(ent: Span, g: Gazetteer) -> list[Span] | None:
    """A name the model glued to the place it is in, taken apart (None when ``ent`` is no such name):

    - English writes a place with the places it lies in after commas ("Krasnolyubetsk, Kherson Oblast"), and
      lists places with commas ("Zaporizhzhia, Avdiivka"): when the last part is a known place, and the others are
      known places or a short capitalised name (a village the gazetteer lacks), each part is a place;
    - a locative phrase closes a building's or an institution's name ("Robb Elementary School in Uvalde", "the
      Church of the Transfiguration of the Lord in Kharkiv"): the name, and the known place after "in".

    Only for what the model typed as no place (an organisation, a person, a facility): a place it found stays
    whole ("Washington, DC")."""
    if ent.label_ not in ("ORG", "PERSON", "FAC", "NORP") or g.place(ent.text) is not None:
        return None
    doc = ent.doc
    commas = [t.i for t in ent if t.text == ","]
    if commas:
        bounds = [ent.start, *(i + 1 for i in commas)]
        ends = [*commas, ent.end]
        parts = [Span(doc, a, b, label="GPE") for a, b in zip(bounds, ends, strict=True) if b > a]
        known = [g.place(p.text) or g.town(p.text) for p in parts]
        short_name = all(
            len(p) <= 3 and all(t.text[:1].isupper() for t in p if t.is_alpha)
            for p, k in zip(parts, known, strict=True)
            if k is None
        )
        if len(parts) >= 2 and known[-1] is not None and short_name and known.count(None) <= 1:
            return parts
        return None
    if ent.label_ in ("ORG", "FAC", "PERSON"):
        for t in ent[1:-1]:
            if t.lower_ != "in":
                continue
            tail = Span(doc, t.i + 1, ent.end, label="GPE")
            if g.place(tail.text) or g.town(tail.text):
                return [Span(doc, ent.start, t.i, label=ent.label_), tail]
    return None


_RELABEL = {"organisation": "ORG", "place": "FAC", "person": "PERSON", "human": "PERSON"}
_CUE_KINDS = {"organisation": "organization", "place": "place", "person": "person", "human": "person"}
"""The actor kind each classifier kind gives (``Mention.cue``)."""
_AMOUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _classified(ent: Span, g: Gazetteer, acting: frozenset[str]) -> list[Span] | None:
    """The entity as its classifying noun says (no actor for a work or a thing); None when no noun says, and for
    known places and demonyms, whose name the gazetteer already vouches for ("Russian missiles": Russia).
    ``acting``: the article's names used somewhere other than as a modifier of a classifying noun."""
    if ent.label_ in _AMOUNTS:
        return None  # "companies this year": a classifier names no date or number
    text = clean_name(ent.text)
    kind = classified_as(ent, acting)
    if kind is None or (kind != "person" and (g.place(text) is not None or g.country_of_demonym(text) is not None)):
        return None  # a kinship noun outranks the gazetteer ("his mother Sofia"); no other classifier does
    if kind in ("person", "human") and ent.label_ == "PERSON":
        return None  # a person already: the name's other checks go on
    label = _RELABEL.get(kind)
    if label is None:
        return []
    if ACTOR_LABELS.get(ent.label_) == ACTOR_LABELS[label]:
        return [ent]
    return [Span(ent.doc, ent.start, ent.end, label=label)]


def extract_actors(doc: Doc, g: Gazetteer | None = None) -> ArticleActors:
    """The actors of one article with their mentions (spans in ``doc.text``)."""
    b = _Builder(doc, g or gazetteer())
    for ent in b.entities():
        b.add(ent)
    b.join_surnames()
    b.join_people_tagged_as_organisations()
    b.join_acronyms()
    _alias_statements(doc, b)
    b.finish_aliases()
    return b.result


def _alias_statements(doc: Doc, b: _Builder) -> None:
    """ "X, also known as Y": Y becomes an alias the article claims for X; Y's mention counts for X."""
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    text = doc.text  # a property that joins every token: read it once
    for first, second in itertools.pairwise(ents):
        between = text[first.end_char : second.start_char]
        if not _ALIAS_LINK.match(between):
            continue
        owner = b.result.by_token.get(first.start)
        claimed = b.result.by_token.get(second.start)
        if owner is None or claimed is None or owner == claimed:
            continue
        alias = b.result.actors[claimed].name
        b.result.actors[owner].claimed.append(alias)
        for mention in b.result.mentions:
            if mention.actor == claimed and mention.start == second.start_char:
                mention.actor, mention.via = owner, "claimed"
        for token in second:
            b.result.by_token[token.i] = owner
        if not any(m.actor == claimed for m in b.result.mentions):
            b.result.actors[claimed].kind = "_unused"
