"""Actors named in one article: entity mentions turned into canonical names, kinds, roles and aliases.

Works on one spaCy ``Doc``; joining an article's actors to the actors already in the store is the store's job
(``briefings.extract.resolve``). Within the article:

- titles before a person's name become the role ("Ukrainian President Volodymyr Zelensky": name Volodymyr
  Zelensky, role Ukrainian President; the full phrase is kept as an alias);
- possessives and a leading "the" are dropped;
- a surname alone joins the one full name in the article that ends with it (transliterations included);
- an acronym joins the one organisation whose initials it spells;
- demonyms stand for their country ("Russian missiles" → Russia);
- "X, also known as Y" records Y as an alias that the article claims for X.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from briefings.extract.gazetteer import Gazetteer, fold, gazetteer
from briefings.extract.names import clean_name, initials, looks_like_acronym, org_key, person_key, surname_key
from briefings.extract.records import ActorRef, Mention

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


def _title_place_person(ent: Span, g: Gazetteer) -> tuple[Span, Span] | None:
    """ "President of [Ukraine Volodymyr Zelenskyy]" tagged as one entity: split off the place before the name."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of" or doc[ent.start - 2].lower_ not in g.titles:
        return None
    for cut in range(len(ent) - 2, 0, -1):
        place, person = ent[:cut], ent[cut:]
        if g.place(place.text) and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in person):
            return Span(doc, place.start, place.end, label="GPE"), Span(doc, person.start, person.end, label="PERSON")
    return None


def _strip_leading_titles(words: list[str], g: Gazetteer) -> tuple[list[str], list[str]]:
    """ "President of Ukraine Volodymyr Zelenskyy" → (["Volodymyr", "Zelenskyy"], ["President", "of", "Ukraine"])."""
    role: list[str] = []
    while len(words) > 1:
        word = words[0]
        lowered = word.lower()
        is_title = lowered in g.titles or lowered.rstrip(".") in g.titles
        # "of Ukraine", "of the United Kingdom" inside a title phrase
        in_title_phrase = role and (lowered in ("of", "the", "for") or g.place(word) or g.country_of_demonym(word))
        if not (is_title or in_title_phrase):
            break
        role.append(words.pop(0))
    while role and role[-1].lower() in ("of", "the", "for"):
        words.insert(0, role.pop())
    return words, role


class _Builder:
    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        self.result = ArticleActors()
        self.index: dict[tuple[str, str], int] = {}

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

    def mention(self, actor: int, span: Span, sentence: int, via: str, text: str | None = None) -> None:
        self.result.mentions.append(Mention(actor, span.start_char, span.end_char, sentence, text or span.text, via))
        for token in span:
            self.result.by_token[token.i] = actor
            if via == "demonym":
                self.result.demonym_tokens.add(token.i)


def extract_actors(doc: Doc, g: Gazetteer | None = None) -> ArticleActors:
    """The actors of one article with their mentions (spans in ``doc.text``)."""
    g = g or gazetteer()
    b = _Builder(g)
    sentence_of = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = number
    persons: list[tuple[Span, int]] = []
    singles: list[Span] = []
    orgs: dict[str, int] = {}
    acronyms: list[Span] = []

    ents: list[Span] = []
    for ent in doc.ents:
        split = _title_place_person(ent, g) if ent.label_ in ("ORG", "PERSON", "GPE") else None
        ents.extend(split or (ent,))
    for ent in ents:
        kind = ACTOR_LABELS.get(ent.label_)
        if kind is None or g.is_stop(ent.text):
            continue
        sentence = sentence_of.get(ent.start, 0)
        text = clean_name(ent.text)
        if not text or not any(c.isalpha() for c in text):
            continue
        if kind == "place" or kind == "group":
            country = g.country_of_demonym(text)
            if country is not None:
                place = g.place(country)
                name = place.name if place else country
                b.mention(
                    b.actor(name, "place", org_key(name), country=place.country if place else None),
                    ent,
                    sentence,
                    "demonym",
                )
                continue
            if kind == "group":
                if ent[-1].pos_ == "ADJ" or len(text) < 3:
                    continue  # "Western", "European": adjectives, not actors
                b.mention(b.actor(text, "group", org_key(text)), ent, sentence, "name")
                continue
            place = g.place(text)
            name = place.name if place else text
            index = b.actor(name, "place", org_key(name), country=place.country if place else None)
            if fold(text) != fold(name):
                b.result.actors[index].aliases.setdefault(text, "gazetteer")
            b.mention(index, ent, sentence, "name")
            continue
        if kind == "organization":
            if looks_like_acronym(text):
                acronyms.append(ent)
                continue
            index = b.actor(text, "organization", org_key(text))
            orgs[initials(text)] = index
            b.mention(index, ent, sentence, "name")
            continue
        # persons
        words, inner_role = _strip_leading_titles(text.split(), g)
        if len(words) == 1:
            singles.append(ent)
            continue
        name = " ".join(words)
        role, first = _role_before(ent, g)
        role = " ".join([role] if role else []) or (" ".join(inner_role) or None)
        index = b.actor(name, "person", person_key(name), role=role)
        ref = b.result.actors[index]
        if fold(text) != fold(name):
            ref.aliases.setdefault(text, "title")
        if first < ent.start:
            ref.aliases.setdefault(clean_name(doc[first : ent.end].text), "title")
        persons.append((ent, index))
        b.mention(index, ent, sentence, "name")

    # Surnames alone join the one full name of the article that ends with them.
    by_surname: dict[str, set[int]] = {}
    for _ent, index in persons:
        by_surname.setdefault(surname_key(b.result.actors[index].name), set()).add(index)
    for ent in singles:
        text = clean_name(ent.text)
        words, _ = _strip_leading_titles(text.split(), b.g)
        word = words[-1]
        candidates = by_surname.get(surname_key(word), set())
        sentence = sentence_of.get(ent.start, 0)
        if len(candidates) == 1:
            index = next(iter(candidates))
            b.result.actors[index].aliases.setdefault(word, "surname")
            b.mention(index, ent, sentence, "surname", word)
        else:
            b.mention(b.actor(word, "person", person_key(word)), ent, sentence, "name", word)
    # An organisation whose name is a person's full name in this article is that person (a model mistake).
    people = {b.result.actors[i].key: i for _e, i in persons}
    for index, ref in enumerate(b.result.actors):
        if ref.kind == "organization" and person_key(ref.name) in people:
            target = people[person_key(ref.name)]
            for mention in b.result.mentions:
                if mention.actor == index:
                    mention.actor = target
            for token, actor_index in list(b.result.by_token.items()):
                if actor_index == index:
                    b.result.by_token[token] = target
            ref.kind = "_unused"
    for ent in acronyms:
        text = clean_name(ent.text).replace(".", "")
        sentence = sentence_of.get(ent.start, 0)
        if text in orgs:
            index = orgs[text]
            b.result.actors[index].aliases.setdefault(text, "acronym")
            b.mention(index, ent, sentence, "acronym", text)
        else:
            b.mention(b.actor(text, "organization", org_key(text)), ent, sentence, "name", text)
    _alias_statements(doc, b, sentence_of)
    for ref in b.result.actors:
        if ref.kind == "person" and " " in ref.name:
            ref.aliases.setdefault(ref.name.rsplit(" ", 1)[1], "surname")
        seen = {fold(ref.name)}
        for alias in list(ref.aliases):
            if fold(alias) in seen:
                del ref.aliases[alias]
            seen.add(fold(alias))
    return b.result


def _alias_statements(doc: Doc, b: _Builder, sentence_of: dict[int, int]) -> None:
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
