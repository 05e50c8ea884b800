"""What the other names of a list say a name is: "Vorzel, Bucha, Velyka Dymerka, Mariupol" (a village among
towns), "Zelensky, Macron and Scholz" (a chancellor among presidents).

Coordinated noun phrases are of like kind: a list joins things of one category, and a writer who lists towns
lists no person among them. The model labels each name from its shape and a few words around it, so one name of a
list often comes out of another kind than its neighbours. When two or more other names of the list agree on one
kind and none is of the name's own kind, the list's kind wins.

Not every disagreement is a mistake: states and their bodies are listed together ("Ukraine, Poland and the
European Commission"), and team line-ups are full of surnames the model calls organisations, so only two moves are
made: a "person" among places the gazetteer knows becomes a place, and an organisation or a place among people
becomes a person (not a name holding a country or a place and a word, "Microsoft Australia", "Bristol South", nor
an acronym or a name joined by "&": no person's name has those).
"""

from __future__ import annotations

from spacy.tokens import Span

from briefings.extract.gazetteer import Gazetteer
from briefings.extract.model import common_word
from briefings.extract.names import clean_name, looks_like_acronym

PLACES = frozenset({"GPE", "LOC"})
AGREEING = 2
"""How many other names of the list must agree: one neighbour of another kind is often a real mixed pair ("Putin
and Russia")."""


def list_label(ent: Span, g: Gazetteer) -> str | None:
    """The label the rest of ``ent``'s list gives it, when that moves it (see the module's note); None otherwise."""
    if ent.label_ not in ("PERSON", "ORG", "GPE", "LOC"):
        return None
    labels: list[str] = []
    texts: list[str] = []
    for token in ent.root.conjuncts:
        if ent.start <= token.i < ent.end:
            continue
        if token.ent_type_:
            labels.append(token.ent_type_)
            texts.append(_entity_text(ent, token.i))
    if len(labels) < AGREEING or ent.label_ in labels or (ent.label_ in PLACES and PLACES & set(labels)):
        return None
    text = clean_name(ent.text)
    if ent.label_ == "PERSON" and set(labels) <= PLACES:
        if all(g.place(t) is not None or g.town(t) is not None for t in texts):
            return "GPE" if labels.count("GPE") >= labels.count("LOC") else "LOC"
        return None
    people = ent.label_ != "PERSON" and set(labels) == {"PERSON"}
    if people and not looks_like_acronym(text) and "&" not in text and not _place_named(ent, g):
        return "PERSON"
    return None


def _place_named(ent: Span, g: Gazetteer) -> bool:
    """A name holding a country ("Microsoft Australia") or a place and an English word ("Bristol South"): a
    company's branch or a constituency, no person's name (a given name that is also a town's stays: "Victoria")."""
    places = [g.place(t.text) for t in ent]
    if any(p is not None and p.kind == "country" for p in places):
        return True
    return len(ent) > 1 and places[0] is not None and common_word(ent[-1].lower_)


def _entity_text(ent: Span, i: int) -> str:
    """The text of the entity holding token ``i`` of ``ent``'s document."""
    doc = ent.doc
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return clean_name(doc[start:end].text)
