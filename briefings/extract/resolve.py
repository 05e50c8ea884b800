"""Write one article's extraction into the store, joining its actors to the actors already there.

Joining rules, in order, for each actor the article names:

1. the same name or a recorded alias (case, accents and punctuation ignored; claimed aliases excluded);
2. for people, the same name up to transliteration (Zelensky / Zelenskyy / Zelenskiy) in every word and a middle
   initial (Vladimir V. Putin), so that two people who share a surname but not a first name stay apart;
3. a surname alone joins the one person in the store with that surname; with two or more it stays on its own;
   a given name after "Sir" or "Prince" joins none;
4. a full name absorbs an earlier surname-only actor when it is the only full name with that surname (not one an
   article called "Prince Charles" or "Sir Richard").

Every alias keeps where it came from (the article, or the gazetteer). A claimed alias ("also known as") that is
another actor's name is kept and flagged as a conflict, never merged.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from briefings.extract.gazetteer import GIVEN_NAME_HONORIFICS, Gazetteer, called_by_given_name, gazetteer
from briefings.extract.model import dictionary_words, given_name
from briefings.extract.names import (
    fold,
    looks_like_acronym,
    org_key,
    person_key,
    strip_possessive,
    surname,
    surname_key,
)
from briefings.extract.records import ActorRef, Extraction
from briefings.store import Store

CONFIDENCE = {"name": 1.0, "gazetteer": 1.0, "title": 0.9, "transliteration": 0.9, "acronym": 0.9, "surname": 0.8}
"""How sure an alias is, by how it was found: a name as written is certain; a title phrase, a transliteration or an
acronym is the same actor unless the article misuses it; a surname alone is the likeliest to be someone else."""
CLAIMED_CONFIDENCE = 0.5
"""An alias the article only claims ("also known as"): recorded, never used to join actors."""
ORGANISATIONS = ("organization", "place", "group")
"""Kinds the model gives a person's name by mistake."""
DOMINANCE = 5
"""A surname alone joins the most mentioned of several people with it when it has this many times the others."""


def _key(g: Gazetteer, ref_kind: str, name: str) -> str:
    return person_key(name, g.given_names) if ref_kind == "person" else org_key(name)


def _persons_with_surname(store: Store, surname: str) -> list[tuple[int, str]]:
    """People whose last name word has the key ``surname`` (as a surname: not "Uncle Sam"'s)."""
    return [
        (i, n)
        for i, n in store.actors.people_ending_with(surname)
        if surname_key(n) == surname and not called_by_given_name(n)
    ]


def _dominant(store: Store, people: list[tuple[int, str]]) -> int | None:
    """The one of several people sharing a surname that a lone surname means: the one mentioned ``DOMINANCE`` times
    as often as any other. A full name that ends a more mentioned one ("Tayyip Erdogan" of "Recep Tayyip Erdoğan")
    is a shorter form of that person's name: its mentions count for the longer one. (A longer name mentioned less
    than its tail is more often a word glued before the name, "Songwriter Guy Chambers", than the full name.)"""
    if len(people) < 2:
        return None
    mentions = store.actors.mention_counts([i for i, _ in people])
    words = {i: person_key(name).split() for i, name in people}
    totals: dict[int, int] = {}
    for i, _ in people:
        owner = next(
            (
                j
                for j, _ in people
                if len(words[j]) > len(words[i]) >= 2
                and words[j][-len(words[i]) :] == words[i]
                and mentions.get(j, 0) > mentions.get(i, 0)
            ),
            i,
        )
        totals[owner] = totals.get(owner, 0) + mentions.get(i, 0)
    counts = sorted(((n, i) for i, n in totals.items()), reverse=True)
    if len(counts) == 1:
        return counts[0][1]  # one person under two forms of the name
    (top, top_id), (second, _) = counts[0], counts[1]
    return top_id if top >= DOMINANCE * max(second, 1) else None


def _prefer_common_spelling(store: Store, actor_id: int, name: str) -> None:
    """Show a person (now called ``name``) by the spelling most articles use (Zelenskyy over Zelensky once it
    dominates)."""
    spelling = store.actors.most_used_spelling(actor_id, name)
    if spelling is not None:
        store.actors.rename(actor_id, spelling)


def _known(store: Store, g: Gazetteer, ref: ActorRef, key: str) -> tuple[int | None, ActorRef, str]:
    """The stored actor ``ref`` names by its key or a firm alias, allowing for the model's usual mistakes; with
    the ref (and key) to create otherwise."""
    found = store.actors.find(ref.kind, key)
    if found is not None and ref.given_name and " " in getattr(store.actors.get(found), "name", ""):
        found = None  # "Sir John" is no one's surname: not a full name's firm alias either (stores before m018)
    place = g.place(ref.name)
    located = ref.kind == "place" and ref.country is not None  # a town the gazetteer placed in its country
    if found is None and ref.kind in ("organization", "place", "group") and place is None and not located:
        # The model sometimes tags a person's name as an organisation or a place: a known person wins (not over a
        # town the gazetteer knows, whose name the model also tags a person: "between Ust-Luga and Baltiysk").
        found = store.actors.find("person", person_key(ref.name, g.given_names))
        if found is None and " " not in ref.name:
            full = [
                (i, n)
                for i, n in _persons_with_surname(store, surname_key(ref.name))
                if " " in n and _may_be_surname(ref.name, n)
            ]
            found = full[0][0] if len(full) == 1 else _dominant(store, full)
        if found is None and ref.kind != "organization":
            # ... and a company's name as a place or a group ("Gazprom set a record", tagged a place): a stored
            # organisation of that name that a classifying noun called one ("companies such as Gazprom"), which
            # no gazetteer place is, wins; a name read both ways without such a word ("the Capitol", a building
            # and the Congress in it) stays apart
            organisation = store.actors.find("organization", org_key(ref.name))
            if organisation is not None and store.actors.cues(organisation)["organization"]:
                found = organisation
    if found is None and ref.kind == "organization" and place is not None:
        # ... or a city or region as an organisation: a known place of that name wins, and a country or
        # region is a place even when first seen so (a club named after its city stays an organisation).
        found = store.actors.find("place", org_key(place.name))
        if found is None and place.kind in ("country", "region"):
            ref = ActorRef(place.name, "place", org_key(place.name), country=place.country)
            key = ref.key
    return found, ref, key


def _may_be_surname(word: str, full_name: str) -> bool:
    """Whether a one-word name the model typed an organisation, a place or a group may be the surname of
    ``full_name``: spelt as it is, or spelt another way (the key forgives doubled letters and transliterations:
    "Zelenskyy" of "Volodymyr Zelenskiy") when it is neither an acronym nor an English word, which a title, a
    brand or a town spelt near a surname is ("Cheers" is no "Chers", "DOD" no "Dodd", "Kit" no "Kitt", "M&S" no
    Model S). Of the 33 names so joined by a variant spelling in the BBC, 2023 feed, July 2022 feed and editorial
    2022 feed stores (the last holds the "Cheers" it was written from), the rule stops 19, 17 of them wrong ("Bottle"
    to Roger Bootle, "Fatah" to Alaa Abd El Fattah, "Antony" the footballer to Gabriele Antoni); the other 2 may be
    misspelt surnames ("Hassel" of Brian Hassell, "Tobin" of Jeffrey Toobin)."""
    bare = strip_possessive(word)
    if fold(bare) == fold(surname(full_name)):
        return True
    folded = fold(bare)
    english = folded in dictionary_words() or (folded.endswith("s") and folded[:-1] in dictionary_words())
    return not (looks_like_acronym(bare) or "&" in bare or english)


def _by_surname(store: Store, ref: ActorRef, key: str) -> tuple[int, bool] | None:
    """A person joined through a surname: a surname alone to the one full name (or the dominant one) with it,
    or a full name to the one earlier surname-only actor (which takes the full name)."""
    surname = surname_key(ref.name)
    same = _persons_with_surname(store, surname)
    full = [(i, n) for i, n in same if " " in n]
    single = [(i, n) for i, n in same if " " not in n]
    if " " not in ref.name:
        if ref.given_name:
            return None  # "Prince Charles" is no one surnamed Charles
        if len(full) == 1:
            return full[0][0], True
        dominant = _dominant(store, full)
        return (dominant, True) if dominant is not None else None
    if not full and len(single) == 1 and not _called_by_given_name(store, single[0][0]):
        actor_id, old = single[0]
        store.actors.rename(actor_id, ref.name, key)
        store.actors.add_alias(actor_id, old, surname_key(old), "surname", None, CONFIDENCE["surname"])
        store.actors.as_surname(actor_id, surname_key(old))  # its one-word name was a surname all along
        return actor_id, False
    return None


def _by_tail(store: Store, g: Gazetteer, ref: ActorRef) -> tuple[int, bool] | None:
    """A person's name of three or more words whose last two or more words are a stored person's name is that
    person under a longer form: a word glued before the name ("Briton Tim Henman", "Transport Sergei Ivanov",
    "Austria Karl Nehammer") or a given name before a compound surname ("Robert De Niro" of "De Niro", "Charles
    Saumarez Smith"). The actor is then shown by the form most articles use (``_prefer_common_spelling``)."""
    words = ref.name.split()
    for start in range(1, len(words) - 1):
        if len(words[start].rstrip(".")) < 2:
            continue  # "F Kennedy" is the end of any "... F Kennedy": it tells no one apart
        found = store.actors.find("person", person_key(" ".join(words[start:]), g.given_names))
        if found is not None:
            return found, True
    return None


def _spelling_kind(ref: ActorRef, stored_name: str, stored_kind: str) -> str:
    """The alias kind of a name found to be another spelling of a stored actor's. A person's surname used alone
    ("John" joined to the one Elton John; "Biden" the model typed an organisation) is a surname use, not a
    spelling: as a firm alias it would make every later "John" that person without the surname rules
    (``_by_surname``) weighing it again."""
    if (
        stored_kind == "person"
        and " " not in ref.name
        and " " in stored_name
        and person_key(ref.name) == surname_key(stored_name)
    ):
        return "surname"
    return "transliteration" if ref.kind == "person" else "name"


def _called_by_given_name(store: Store, actor_id: int) -> bool:
    """A one-word person some article named with a title that goes before given names ("Prince Charles"): a full
    name ending in that word ("Niamh Charles") is someone else."""
    return any(
        alias.kind == "title" and alias.alias.split()[0].lower().rstrip(".") in GIVEN_NAME_HONORIFICS
        for alias in store.actors.aliases(actor_id)
    )


def resolve_actor(store: Store, g: Gazetteer, ref: ActorRef, merged: dict[int, int] | None = None) -> tuple[int, bool]:
    """The store's actor for ``ref`` (created if new); True when the name is a new spelling of it."""
    found, ref, key = _known(store, g, ref, ref.key or _key(g, ref.kind, ref.name))
    if found is not None:
        row = store.actors.get(found)
        shouted = row is not None and row.kind == "place" and row.name.isupper() and not ref.name.isupper()
        if shouted and g.place(ref.name) is not None:
            # a place the gazetteer knows, first met in a dateline's capitals ("HAGUE, Netherlands —", stores
            # before extraction 8), is shown as running text writes it (an acronym, "BRICS", is no such place)
            store.actors.rename(found, ref.name)
            return found, False
        return found, row is not None and row.name != ref.name
    if ref.kind != "person":
        return store.actors.add(ref.name, ref.kind, key, ref.role, ref.country), False
    joined = _by_surname(store, ref, key) or _by_tail(store, g, ref)
    if joined is not None:
        return joined
    # Earlier articles may have read this name as an organisation, a group or a place (not one the
    # gazetteer knows): one actor. One a classifying noun called so stays it; a name that may vote (``_may_vote``)
    # joins an organisation of that name, whose kind its mentions' readings then settle (``settle_kinds``);
    # otherwise the person takes them in.
    others = [
        other
        for other in store.actors.others_with_key(person_key(ref.name, g.given_names), ORGANISATIONS, 0)
        if g.place(other.name) is None
    ]
    cued = (
        None
        if given_name(ref.name.split()[0], g, world=False)
        else next((o for o in others if store.actors.cues(o.id)[o.kind]), None)
    )
    organisation = next((o for o in others if o.kind == "organization"), None)
    keep = organisation.id if organisation is not None and _may_vote(store, ref.name) else None
    if cued is not None:
        keep, organisation = cued.id, cued  # a classifying noun called it so: the person reading joins it
    actor_id = keep if keep is not None else store.actors.add(ref.name, ref.kind, key, ref.role, ref.country)
    for other in others:
        if other.id != actor_id:
            store.actors.absorb(actor_id, other.id)
            if merged is not None:
                merged[other.id] = actor_id
    return actor_id, keep is not None and organisation is not None and organisation.name != ref.name


def settle_kinds(store: Store, g: Gazetteer, actor_ids: set[int]) -> None:
    """Give an actor the kind most classifying nouns beside its mentions give its name ("Deutsche Boerse
    shareholders": an organisation, however the first article read it); without such cues, make a one-word person
    an organisation (or the other way round) when more of its own mentions were read so.

    The store joins a name's readings to one actor (``_known``, ``resolve_actor``), whose kind was the first
    article's; the small model reads a one-word name differently from article to article ("Ryanair" as a person
    in two and an organisation in four). Only these two kinds vote, and only for a name of one word that is no
    known person's surname (``_may_vote``): the model's place readings of a name the gazetteer does not know are
    noise ("Blinken" read as a place in six headlines), and so are its readings of longer names ("Chancellor
    Olaf Scholz" tagged an organisation in 34 of 53 feed headlines; and with the world list's given names to keep
    people out of the vote, 6 of the 13 longer names it would retype in the four bench stores came out wrong:
    "Lib Dem", "Novak Djokovic"). Only mentions that write the actor's own name vote: a surname joined to a full
    name says nothing about it."""
    for actor_id in actor_ids:
        row = store.actors.get(actor_id)
        if row is None or g.place(row.name) is not None:
            continue  # the gazetteer (in memory) before the store's queries
        cues = store.actors.cues(actor_id)
        if cues and not _named_as_a_person(store, g, row.kind, row.name):
            # a classifying noun's word outweighs the model's readings, for a name of any length: the kind most
            # cues give, when most cues give it, and two of them or one for every three mentions (one cue against
            # many readings may be misread: "Buhecha was a distributor" of a person)
            other, count = cues.most_common(1)[0]
            if 2 * count > sum(cues.values()) and (count >= 2 or 3 * count >= store.actors.mention_count(actor_id)):
                if other != row.kind:
                    _settle(store, g, actor_id, row.name, other)
                continue
        if row.kind not in _VOTING or not _may_vote(store, row.name):
            continue
        own = person_key(row.name)
        votes = Counter(kind for text, kind in store.actors.readings(actor_id) if person_key(text) == own)
        other = next(kind for kind in _VOTING if kind != row.kind)
        if votes[other] > votes[row.kind]:
            _settle(store, g, actor_id, row.name, other)


def _named_as_a_person(store: Store, g: Gazetteer, kind: str, name: str) -> bool:
    """A person whose name opens with a given name ("Vladimir Putin"), or is a known person's surname: a person
    whatever a cue beside one mention says ("President Vladimir Putin, a group of ... men say" is no appositive of
    his)."""
    if kind != "person":
        return False
    return given_name(name.split()[0], g, world=False) if " " in name else not _may_vote(store, name)


def _settle(store: Store, g: Gazetteer, actor_id: int, name: str, kind: str) -> None:
    """Make the actor of that kind: the one the name already stands for, or itself retyped."""
    key = _key(g, kind, name)
    found = store.actors.find(kind, key)
    if found is not None and found != actor_id:
        store.actors.absorb(found, actor_id)  # the name already stands for an actor of that kind
    else:
        store.actors.retype(actor_id, kind, key)


_VOTING = ("person", "organization")


def _may_vote(store: Store, name: str) -> bool:
    """A name of one word that is no known person's surname: a surname names a person however the model reads it
    ("Trump-backed", "Trump voters" read as an organisation)."""
    return " " not in name and not any(" " in n for _, n in _persons_with_surname(store, surname_key(name)))


def _alias(
    store: Store,
    g: Gazetteer,
    actor_id: int,
    actor_kind: str,
    alias: str,
    kind: str,
    article_id: int | None,
    confidence: float | None = None,
    conflict: str | None = None,
) -> None:
    key = _key(g, actor_kind, alias)
    store.actors.add_alias(actor_id, alias, key, kind, article_id, confidence or CONFIDENCE.get(kind, 0.7), conflict)


def save_extraction(store: Store, article_id: int, extraction: Extraction, now: datetime) -> None:
    """Store one article's actors, aliases, mentions and events, inside the caller's write transaction."""
    g = gazetteer(extraction.profile)
    store.actors.forget_article(article_id)
    ids = _save_actors(store, g, article_id, extraction)
    _save_claims(store, g, article_id, extraction, ids)
    store.actors.add_mentions(
        (article_id, ids[m.actor], m.sentence, m.start, m.end, m.text, m.via, extraction.actors[m.actor].kind, m.cue)
        for m in extraction.mentions
        if m.actor in ids
    )
    store.events.add(
        (
            article_id,
            e.type,
            e.subtype,
            e.trigger,
            ids.get(e.source) if e.source is not None else None,
            ids.get(e.target) if e.target is not None else None,
            ids.get(e.location) if e.location is not None else None,
            e.date.date,
            e.date.precision,
            e.date.source,
            int(e.background),
            json.dumps(e.numbers),
            e.sentence,
            e.start,
            e.end,
        )
        for e in extraction.events
    )
    kinds = {actor_id: getattr(store.actors.get(actor_id), "kind", None) for actor_id in set(ids.values())}
    settle_kinds(store, g, {i for index, i in ids.items() if extraction.actors[index].kind != kinds[i]})
    store.actors.mark_extracted(article_id, extraction.version, extraction.model, now)


def _save_actors(store: Store, g: Gazetteer, article_id: int, extraction: Extraction) -> dict[int, int]:
    """Resolve the article's actors and record their names and aliases; returns actor index → stored id."""
    ids: dict[int, int] = {}
    kinds: dict[int, str] = {}
    merged: dict[int, int] = {}
    for index, ref in enumerate(extraction.actors):
        if ref.kind == "_unused":
            continue
        actor_id, new_spelling = resolve_actor(store, g, ref, merged)
        ids[index] = actor_id
        row = store.actors.get(actor_id)
        kinds[actor_id] = kind = row.kind if row else ref.kind
        if ref.role:
            store.actors.set_role(actor_id, ref.role)
        if new_spelling:
            spelling = _spelling_kind(ref, row.name if row else "", kind)
            _alias(store, g, actor_id, kind, ref.name, spelling, article_id)
            if ref.kind == "person" and " " in ref.name and row is not None:
                _prefer_common_spelling(store, actor_id, row.name)
        else:
            _alias(store, g, actor_id, kind, ref.name, "name", article_id)
        for alias, alias_kind in ref.aliases.items():
            _alias(store, g, actor_id, kind, alias, alias_kind, article_id)
    for index, actor_id in ids.items():  # an actor resolved early may have been merged into a later one
        while actor_id in merged:
            actor_id = merged[actor_id]
        ids[index] = actor_id
    return ids


def _save_claims(store: Store, g: Gazetteer, article_id: int, extraction: Extraction, ids: dict[int, int]) -> None:
    """Aliases the article claims ("also known as"), flagged when the name is another actor's."""
    for index, ref in enumerate(extraction.actors):
        actor_id = ids.get(index)
        if actor_id is None or not ref.claimed:
            continue
        row = store.actors.get(actor_id)
        kind = row.kind if row else ref.kind
        for claimed in ref.claimed:
            other = store.actors.find("person", person_key(claimed, g.given_names)) if ref.kind == "person" else None
            conflict = None
            if other is not None and other != actor_id:
                other_row = store.actors.get(other)
                conflict = f"also the name of another actor: {other_row.name if other_row else '?'} (#{other})"
            _alias(store, g, actor_id, kind, claimed, "claimed", article_id, CLAIMED_CONFIDENCE, conflict)
