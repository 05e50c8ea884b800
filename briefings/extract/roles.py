"""Who did what to whom, and where: an event trigger's source, target and location from the dependency parse.

The source is the trigger's subject (a demonym counts: "Russian missiles" → Russia), or in the passive its agent
("was attacked by Russia"); the nearest name before an active verb without a subject stands in for it. The target
is an argument of the trigger, not any name below it (Dowty's proto-patient and the recipient, goal or comitative
of the preposition that marks it): the passive subject ("Kyiv was shelled"), the direct or indirect object with
its possessor and name words ("condemned Russia's actions"), the object of a preposition that marks a participant
("met with", "appealed to", "sanctions against", "fired at"), and the complement of a relational object noun one
step down ("imposed sanctions on Russia", "the shelling of Kharkiv", "met the head of the IAEA"). A noun phrase
further down says where, why or about what ("discussed the situation in the Black Sea", "accused of not implementing
the Minsk agreements", "thanked for his attention to Baikal"): no target. A complement clause's arguments are the
target of the verb it completes ("pledged to send drones to Ukraine", "threatened to strike Kyiv"), except for what
a statement says or a directive asks for ("demanded sanctions against Russia"): a directive's target is the one
addressed, its object or the subject of the action asked for ("demanded that Russia withdraw"). A town or region
visited is where the visit is, a state visited hosts it. The location is the first place under a locative
preposition ("in", "at", "near"), or the one a territory noun there names ("in the city of Nara").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from briefings.extract.actors import ArticleActors
from briefings.extract.frames import frames
from briefings.extract.gazetteer import LOCATIVE_PREPS, TERRITORY_NOUNS, Gazetteer, gazetteer

_PARTICIPANT_PREPS = frozenset(
    {"with", "to", "against", "on", "upon", "at", "into", "onto", "toward", "towards", "between"}
)
"""Prepositions whose object takes part in the action: the partner ("met with", "talks between"), the addressee or
recipient ("appealed to", "aid to"), the one acted on or against ("sanctions against", "fired at", "an attack on").
Others say where, when, why or about what ("in", "during", "for", "of", "about", "over", "through")."""
_BENEFICIARY = "for"
"""Marks the recipient of aid ("ammunition for the army"); with other actions the reason ("thanked for", "condemned
for")."""
_NOUN_COMPLEMENT = "of"
"""The complement of a relational noun names its argument ("the shelling of Kharkiv", "the head of the IAEA"); on a
verb it is the charge or the topic ("accused of", "informed of")."""
_PHRASE = frozenset({"compound", "flat", "appos", "poss", "amod", "nmod", "conj", "cc", "det", "case", "punct"})
"""The dependents that are part of a noun phrase's reference (its name words, possessor, apposition, conjuncts), as
against its prepositional and clausal modifiers, which say more about it."""
_DIRECTIVES = frozenset({"appeal", "demand"})
"""Acts that ask someone to act: the one addressed is their object, a participant preposition ("appealed to the UN")
or the subject of the action asked for ("demanded that Russia withdraw"); what is asked for names no one addressed
("demanded sanctions against Russia", "invited partners to join the reconstruction of Ukraine")."""
_STATEMENT_OBJECTS = frozenset({"dobj", "dative", "prep", "attr"})
"""Where a statement's names may stand (not its complement clause: what is said names no one involved)."""
_ACTION_OBJECTS = _STATEMENT_OBJECTS | {"xcomp", "ccomp"}
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
"""Complement clauses: the action a verb of promising, agreeing or giving completes ("pledged to send")."""
_VISITS = frozenset({"visit", "tour", "trip"})
"""Events whose object is a destination: a place visited is where they happen."""
_UNDERGOERS = frozenset({"die", "perish"})
"""Intransitive verbs whose subject undergoes the event (unaccusatives, Perlmutter 1978): "the aide died" names the
one who died, not someone who acted."""


def roles(
    verb: Token, kind: str, sent: Span, actors: ArticleActors
) -> tuple[int | None, int | None, int | None, int | None]:
    """(source, target, location, named) of the trigger ``verb`` of type ``kind``: actor indexes or None. ``named``
    is the first actor named anywhere in the trigger's objects and complements (the target when there is one): an
    event whose sentence names no one involved is no event, but a name deeper in the clause is no target."""
    patient = _passive_subject(verb)
    subject = _subject(verb)
    undergoer = verb.lemma_.lower() in _UNDERGOERS
    if undergoer and subject is not None:
        patient, subject = patient or subject, None  # "the aide died": the one who died, no one who acted
    if subject is not None:
        clause = {t.i for t in verb.subtree} if subject.is_ancestor(verb) else set()  # "forces that advanced on Kyiv"
        words = [t for t in subject.subtree if t.i not in clause]
        # "Russian warships in the Black Sea": a place the subject is in is no one who acted, unless nothing else is
        source = _actor_in([t for t in words if not _says_where(t, "", actors)], actors, head=subject)
        source = source if source is not None else _actor_in(words, actors, head=subject)
        holder = _titled_person(subject, source, actors)
        source = source if holder is None else holder
    elif undergoer or (
        patient is not None and (patient.tag_ == "PRP" or _actor_in(_phrase(patient), actors) is not None)
    ):
        source = None  # a passive without its agent ("Kyiv was shelled", "we are accused") names no one who acted
    else:
        source = _nearest_actor_before(verb, sent, actors)
    target = _target(verb, kind, patient, actors, exclude=source)
    location = _location(verb, actors, exclude={source})
    if target is not None and kind == "meeting" and _visit(verb) and _is_town_or_region(target, actors):
        target, location = None, location if location is not None else target  # "visited Arizona": where
    if location is None and kind in ("attack", "casualties"):
        location = _struck_place(verb, actors, exclude={source})
    if target is None and kind == "attack" and location is not None:
        target = None if location == source else location  # the place attacked; elsewhere a place is only where
    if location is None and target is not None and kind in ("attack", "casualties") and _is_place(target, actors):
        location = target  # "shelled Izium": the attack took place where it struck
    named = target if target is not None else _named_below(verb, kind, actors, exclude=source)
    if location is None and kind == "attack" and named is not None and _is_place(named, actors):
        location = target = named  # "destroyed cars in a parking space, Kharkiv": a place the clause names
    if named is None and kind in ("attack", "interception", "casualties") and location != source:
        named = location
    if kind == "casualties" and source is None:  # "killed in Russian shelling", not "a Ukrainian officer was killed"
        victims = {t.i for t in _phrase(patient)} if patient is not None else set()
        named_here = (t for t in sent if (t.dep_ == "amod" or t.ent_type_ == "NORP") and t.i not in victims)
        source = _actor_in(named_here, actors, exclude=target)
    return source, target, location, named


def _named_below(verb: Token, kind: str, actors: ArticleActors, exclude: int | None) -> int | None:
    """The first actor named under the trigger's objects, prepositions and complement clauses (a place under a
    locative preposition only for an attack), at any depth."""
    deps = _STATEMENT_OBJECTS if kind == "statement" else _ACTION_OBJECTS
    # only the preposition's object word is read here, so a place named in several words keeps its event
    tokens = [t for c in verb.children if c.dep_ in deps for t in c.subtree if not _says_where(t, kind, actors, False)]
    return _actor_in(tokens, actors, exclude=exclude)


def _target(verb: Token, kind: str, patient: Token | None, actors: ArticleActors, exclude: int | None) -> int | None:
    """The first argument phrase naming an actor, in the order of the argument hierarchy (passive subject, indirect
    object, direct object, participant prepositions, a relational object's complement); a name before a demonym."""
    groups = list(_argument_phrases(verb, kind, patient))
    for clause in verb.children if kind not in ("statement", *_DIRECTIVES) else ():
        if clause.dep_ in _COMPLEMENTS:  # "pledged to send drones to Ukraine"
            groups += _argument_phrases(clause, kind, _passive_subject(clause))
    if kind in _DIRECTIVES:  # "demanded that Russia withdraw": the one asked to act
        groups += [(s, _phrase(s)) for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    fallback = None
    for head, tokens in groups:
        tokens = [t for t in tokens if not _says_where(t, kind, actors)]
        found = _actor_in(tokens, actors, exclude=exclude, head=head)
        if found is None:
            continue
        if not any(t.i not in actors.demonym_tokens and actors.by_token.get(t.i) == found for t in tokens):
            fallback = fallback if fallback is not None else found
            continue
        return found
    return fallback


def _argument_phrases(verb: Token, kind: str, patient: Token | None):
    """(head, tokens) of each argument phrase of ``verb`` that may name its target, in order."""
    if patient is not None:
        yield patient, _phrase(patient)
        yield from _complements(patient, kind)  # "thousands of Mariupol residents died"
    if verb.pos_ not in ("VERB", "AUX"):  # an event noun's complement is its patient ("shelling of Kharkiv")
        yield from _complements(verb, kind)
    objects = [c for c in verb.children if c.dep_ in ("dative", "dobj", "attr")]
    objects.sort(key=lambda c: c.dep_ != "dative")
    for obj in objects:
        yield obj, _phrase(obj)
    prepositions = [c for c in verb.children if c.dep_ in ("prep", "dative") and _marks_participant(c, kind)]
    for prep in prepositions:
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                yield pobj, _phrase(pobj)
                yield from _complements(pobj, kind)
    for obj in objects if kind not in _DIRECTIVES else ():  # what is asked for is no one asked
        yield from _complements(obj, kind)


def _marks_participant(prep: Token, kind: str) -> bool:
    word = prep.lower_
    if word == "on" and any(_has_media_word(o) for o in prep.children):
        return False  # "insisted on BBC Radio 4's Today programme": where it was said
    return word in _PARTICIPANT_PREPS or (word == _BENEFICIARY and kind == "aid")


def _has_media_word(noun: Token) -> bool:
    media = frames().classes["media"]
    return any(t.lemma_.lower() in media for t in _phrase(noun))


def _is_town_or_region(index: int, actors: ArticleActors) -> bool:
    """A place that is no state: a state visited hosts the visit ("a visit to Ukraine" meets its leaders), a town,
    a region or a continent is only where it happens."""
    actor = actors.actors[index]
    if actor.kind != "place":
        return False
    place = gazetteer().place(actor.name)
    return place is None or place.kind != "country"


def _visit(verb: Token) -> bool:
    """A visit, tour or trip (the verb, or the noun a light verb makes the event of): its place is where, not whom."""
    return verb.lemma_.lower() in _VISITS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in _VISITS for c in verb.children
    )


def _complements(noun: Token, kind: str):
    """A relational noun's participant complements, one step down ("sanctions against Russia", "the head of the
    IAEA")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and (_marks_participant(prep, kind) or prep.lower_ == _NOUN_COMPLEMENT):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield pobj, _phrase(pobj)


def _phrase(head: Token) -> list[Token]:
    """The words of the noun phrase headed by ``head`` that refer with it (see ``_PHRASE``): its own words in order,
    then its possessor's ("Estonia's envoy Jaak Tamm" is the envoy before Estonia)."""
    found, stack = [head], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _PHRASE:
                found.append(child)
                stack.append(child)
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    return sorted(found, key=lambda t: (t.i in owners, t.i))


def _says_where(token: Token, kind: str, actors: ArticleActors, whole_name: bool = True) -> bool:
    """A place under a locative preposition says where, not on whom (except for attacks: the place attacked); with
    ``whole_name`` every word of its name, else only the preposition's object."""
    head = token if token.dep_ != "compound" or not whole_name else token.head
    index = actors.by_token.get(token.i)
    return (
        kind != "attack"
        and head.dep_ == "pobj"
        and head.head.lower_ in LOCATIVE_PREPS
        and index is not None
        and actors.actors[index].kind == "place"
    )


def _passive_subject(verb: Token) -> Token | None:
    """The patient a passive verb makes its subject: its own ``nsubjpass``, that of the passive verb it is
    coordinated with ("was wounded and died" shares no subject; "were shelled and destroyed" does), or the noun a
    passive relative or participle clause modifies ("Mattarella, who was re-elected", "sanctions imposed on Russia")."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "nsubjpass":
                if not _shares_passive(verb, node):
                    return None  # "I was involved and approved it": the shared subject acted
                return node.head if node.dep_ == "relcl" and _relative(child) else child
            if child.dep_ in ("nsubj", "csubj"):
                return None
        if node.dep_ == "conj" and node.head is not node:
            node = node.head
            continue
        break
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if verb.dep_ == "relcl" and passive:
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def _actor_in(tokens, actors: ArticleActors, exclude: int | None = None, head: Token | None = None) -> int | None:
    """The actor named in ``tokens``: the head word's own actor first, then names, then demonyms."""
    tokens = list(tokens)
    if head is not None:
        tokens.sort(key=lambda t: t.i != head.i)
    fallback = None
    for token in tokens:
        index = actors.by_token.get(token.i)
        if index is None or index == exclude or actors.actors[index].kind == "_unused":
            continue
        if token.i in actors.demonym_tokens:
            fallback = fallback if fallback is not None else index
            continue
        return index
    return fallback


def _nearest_actor_before(verb: Token, sent: Span, actors: ArticleActors) -> int | None:
    """When the parse gives a verb no subject: the last name before it, outside its own phrases."""
    inside = {t.i for t in verb.subtree if t.i > verb.i}
    for token in reversed(sent.doc[sent.start : verb.i]):
        index = actors.by_token.get(token.i)
        if index is None or token.i in inside or token.i in actors.demonym_tokens:
            continue
        entity_head = token if token.dep_ != "compound" else token.head
        if entity_head.dep_ == "pobj" and entity_head.head.lower_ in LOCATIVE_PREPS:
            continue  # "in Ukraine" says where, not who
        return index
    return None


def _subject(verb: Token) -> Token | None:
    """Who acted: the verb's subject (the noun a relative pronoun stands for), its agent in the passive, else the
    subject of the clause it is coordinated with or complements ("pledged to send" is sent by who pledged). A passive
    verb's subject is its patient, so without an agent it has none."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return node.head if node.dep_ == "relcl" and _relative(child) else child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        patient = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if patient is not None:
            if _shares_passive(verb, node):
                return None
            return node.head if node.dep_ == "relcl" and _relative(patient) else patient
        if node.dep_ in ("xcomp", "conj", "advcl", "ccomp") and node.head is not node:
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        break
    return None


def _shares_passive(verb: Token, clause: Token) -> bool:
    """``verb`` is the passive ``clause`` itself or a bare participle coordinated with it ("were shelled and
    destroyed"); an active verb coordinated with a passive one shares only its subject ("was elected and resigned")."""
    if verb.i == clause.i:
        return True
    own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not own_aux


def _relative(token: Token) -> bool:
    """A relative pronoun ("who", "which", "that" opening a relative clause)."""
    return token.tag_ in ("WP", "WDT")


def _titled_person(head: Token, found: int | None, actors: ArticleActors) -> int | None:
    """The person a title phrase refers to: "the President of Ukraine stressed" is the one person the article
    gave that title ("President of Ukraine Volodymyr Zelenskyy"), not the country its complement names. A definite
    description of an office and its country is unique, so it refers back to its holder when the article named
    exactly one; else None."""
    g = gazetteer()
    if found is None or actors.actors[found].kind != "place" or not g.is_title(head.lemma_):
        return None
    place = g.place(actors.actors[found].name)
    country = actors.actors[found].country or (place.country if place is not None else None)
    if actors.by_token.get(head.i) is not None or not country:
        return None
    holders = {
        index
        for index, actor in enumerate(actors.actors)
        if actor.kind == "person" and actor.role and _role_of(actor.role, head.lemma_, country, g)
    }
    return holders.pop() if len(holders) == 1 else None


def _role_of(role: str, title: str, country: str, g: Gazetteer) -> bool:
    """``role`` ("President of Ukraine", "Ukrainian President") is ``title`` of ``country`` (an ISO code)."""
    words = role.split()
    if title.lower() not in (w.lower() for w in words):
        return False
    for word in words:
        place = g.place(g.country_of_demonym(word) or word)
        if place is not None and place.kind == "country" and place.country == country:
            return True
    return False


def _is_place(index: int, actors: ArticleActors) -> bool:
    return actors.actors[index].kind == "place" and index not in {actors.by_token.get(i) for i in actors.demonym_tokens}


def _location(verb: Token, actors: ArticleActors, exclude: set) -> int | None:
    """The first place under a locative preposition: the place itself, or the one a territory noun names ("in the
    city of Nara", "in the Kharkiv region", "in Japan's western city": its complement first, then its modifier)."""
    for token in verb.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            named = [token]
            if token.lemma_.lower() in TERRITORY_NOUNS:
                named += [t for p in token.children if p.lower_ == "of" for o in p.children for t in _phrase(o)]
                named += [t for c in token.children if c.dep_ in ("compound", "poss") for t in _phrase(c)]
            for candidate in named:
                index = actors.by_token.get(candidate.i)
                if index is not None and index not in exclude and actors.actors[index].kind == "place":
                    return index
    return None


def _struck_place(verb: Token, actors: ArticleActors, exclude: set) -> int | None:
    """Where an attack or its casualties happened when a noun phrase of the verb names the attack with its place
    ("killed in a strike on Dnipro", "injured in the shelling of Kharkiv"): the place the attack noun takes."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for head, tokens in _complements(noun, "attack") if noun.dep_ == "pobj" else ():
                found = _actor_in(tokens, actors, head=head)
                if found is not None and found not in exclude and _is_place(found, actors):
                    return found
    return None
