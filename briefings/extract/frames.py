"""Argument fit: a trigger word gives an event its type only when its arguments fit that type.

Many trigger verbs are polysemous: "gave his assessment" is not aid, "trying to push south" is not a trial,
"held up by Ankara" is not a meeting, "efforts demonstrate commitment" is not a protest. Each such verb has a frame
in ``data/events.json`` (``frames``): the arguments that make it an event of its type (``any``: at least one of
them), the ones that rule it out (``never``), the type it takes otherwise (``else``, or dropped) and arguments
that give it another type (``retype``, tried in order; a null type drops it). Conditions:

``object:<class>``   the direct object (the passive subject when passive) holds a word of the class;
``object:person``    the object is a person, organisation or group, or a title or role word ("the delegation");
``object:role``      the object is a title or office ("dismissed the head of the service");
``object:place``     the object names a place ("seized Klishchiivka");
``object-head:<cls>`` the object's own noun is of the class, not a word in its modifiers;
``object-noun:<cls>`` the object's head noun itself (after a number or quantity noun) is of the class ("destroyed
                     20 drones", not "a drone factory");
``active-object:<c>`` the object of the verb in the active voice only ("nominated Rustem Umerov"; not the passive
                     subject of "Lessing and McEwan have been nominated");
``object:actor``     the object names an actor of any kind, a country too, or a person ("warned Belarus");
``subject:actor``    the subject is an actor, a personal pronoun or a role word (not "the challenges");
``subject:<class>``  the subject's head or an adjective of it is of the class ("US intelligence suggests",
                     "Red Army soldiers marched");
``claim``            a finite complement clause that asserts a fact ("suggested the weapons have arrived");
``complement``       a verbal complement ("offered to mediate", "tried to push");
``complement:<cls>`` a verbal complement whose verb is of the class ("vowed to retaliate");
``directive``        a to-infinitive complement that says what someone is to do ("told him to leave"; not "what to
                     expect"); ``directive:negated`` one that says what not to do ("warned China not to arm Russia");
``object-clause:<cls>`` the object's own clause has a verb of the class ("thwarted an attempt to attack Crimea");
``complement-object:<cls>`` a verbal complement whose object holds a word of the class, or money ("pledged to
                     send drones");
``prep:<a,b>``       a preposition among these ("called for", "insisted on");
``clause-prep:<a,b>`` such a preposition anywhere in the verb's clause, outside clauses inside it ("discussed
                     financing for the projects with a delegation");
``from:<class>``     "from" followed by a word of the class ("withdrew from the grain deal"); ``for:<class>``
                     likewise ("nominated for an award"), ``on:<class>`` ("insisted on the radio"), ``with:<class>``
                     ("threatened with sanctions"), ``of:``, ``in:`` and ``at:`` ("died of cancer", "at the age of
                     79", "captured in archive footage"), ``during:`` ("discussed during the talks"), ``to:``;
                     ``as:`` ("nominated her as its candidate"); ``for:role``, ``as:role``, ``to:role`` a title
                     or an office word ("nominated for the post of prime minister", "for Gazprom's board");
                     ``on:place`` "on" a place the text names ("marched on Moscow"); ``on:actor``,
                     ``to:actor`` "on" or "to" someone, an actor or a pronoun ("blamed on Russia", "proposed to
                     her");
``acomp:<class>``    an adjective or participle complementing the verb is of the class ("pleaded guilty", "dies
                     aged 93");
``subject:place``, ``subject:organization`` the subject names an actor of that kind ("Russia withdrew");
``joint``            the subject is more than one party ("Putin and Salman talked", "we talked");
``clause``           a finite complement clause ("demonstrates that the reforms work"); ``clause:<class>`` one
                     whose verb, under "will" or "would", is of the class ("warned that Moscow will retaliate"),
                     or whose subject, object or complement noun is ("there would be consequences");
``money``            an amount of money in the object;
``question``         the complement is a question: indirect, its topic ("asked about"), or quoted;
``subject-head:place`` the subject's own noun names a place ("Belarus threatened", "threatened by Moscow"),
                     not an adjective or a possessor of it ("by Russian strikes", "Russia's war threatens");
``unpresent``         the verb is not in the simple present (a blurb's "X discusses Y" tells what a piece is
                     about; a readout's "discussed", "when discussing" report an exchange);
``quote``            the verb reports a quotation ("\"They take anything,\" agrees a seller");
``resultative``      a comparative or a word of direction after the object gives the state it ends up in
                     ("sent the dollar higher", "sent shares down": caused, not transferred);
``obituary``         one person the text names dies with no phrase that may give a cause ("Actor Tony Sirico has
                     died", "Charles, who died last year"; not "died in a plane crash", "three passengers died");
``participle``       a past participle without a finite verb of its own: set off or after a noun ("armed with the
                     details", "forces equipped with Western weapons") or the complement of a linking verb ("comes
                     equipped with");
``passive``, ``object`` (any direct object).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from briefings.extract.actors import ArticleActors
from briefings.extract.factuality import QUESTION_WORDS
from briefings.extract.gazetteer import gazetteer, load_data

PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
OBJECT_PRONOUNS = frozenset({"me", "us", "you", "him", "her", "them", "whom"})
PEOPLE_KINDS = frozenset({"person", "organization", "group"})


@dataclass(frozen=True)
class Frame:
    any: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    otherwise: str | None = None
    retype: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Frames:
    frames: dict[str, Frame]
    classes: dict[str, frozenset[str]]


@cache
def frames() -> Frames:
    data = load_data("events.json")
    section = data["frames"]
    classes = {name: frozenset(words) for name, words in section["classes"].items() if not name.startswith("_")}
    # The classes also hold the event nouns and aid words of the lexicon ("aid" holds "weapon", "package").
    for kind, words in data["nouns"].items():
        key = kind.split(" ")[0]
        classes[key] = classes.get(key, frozenset()) | frozenset(words)
    for kind, words in data["aid_kinds"].items():
        classes["aid"] = classes.get("aid", frozenset()) | frozenset(words)
        classes[kind] = classes.get(kind, frozenset()) | frozenset(words)
    hostile = {lemma for kind in ("attack", "casualties", "sanction") for lemma in data["verbs"][kind]}
    classes["hostile"] = classes.get("hostile", frozenset()) | frozenset(hostile)
    # The verbs of giving ("pledged to send"): the aid verbs but "pledge" itself.
    classes["transfer"] = frozenset(data["verbs"]["aid"]) - {"pledge"}
    table: dict[str, Frame] = {}
    spellings = {lemma: spec for lemma, spec in section["verbs"].items() if isinstance(spec, str)}
    for lemma, spec in section["verbs"].items():
        if lemma in spellings:
            continue
        table[lemma] = Frame(
            any=tuple(spec.get("any", ())),
            never=tuple(spec.get("never", ())),
            otherwise=spec.get("else"),
            retype=tuple(spec.get("retype", {}).items()),
        )
    for lemma, same in spellings.items():  # another spelling of a verb with a frame ("neutralise", "neutralize")
        table[lemma] = table[same]
    return Frames(table, classes)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _objects(verb: Token) -> list[Token]:
    deps = ("dobj", "nsubjpass") if _passive(verb) else ("dobj",)
    found = [c for c in verb.children if c.dep_ in deps]
    if verb.dep_ == "relcl":  # "assets which had been frozen": the relative pronoun stands for the noun
        found = [verb.head if c.lower_ in _RELATIVES else c for c in found]
    clause = any(c.dep_ in ("nsubj", "mark", "aux") for c in verb.children)
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        found.append(verb.head)  # "blocked Russian assets": the assets were blocked
    if verb.dep_ in ("acomp", "xcomp") and verb.tag_ == "VBN" and verb.head.lemma_.lower() in _STATIVE_COPULAS:
        # "Mariupol remains blocked", "the ports stay blocked": a participle after a copula is a state the
        # subject is in, so the subject is what was acted on
        found.extend(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not clause:
        # "the weapons supplied": the noun is what was supplied; not in a clause of its own that the noun
        # introduces ("claims that it has attacked targets": the claims are not attacked)
        found.append(verb.head)
    return found


_STATIVE_COPULAS = frozenset({"be", "remain", "stay", "become", "seem", "appear", "look", "get"})
"""Verbs a participle complements as a state of their subject ("remain blocked", "got arrested")."""


_CLAUSES = frozenset({"relcl", "acl", "ccomp", "advcl"})
"""Clauses inside a noun phrase: they describe the noun, they do not say what it is ("the production, which has cost
£9m, was given an ovation": nothing costing money was given)."""


def _phrase(head: Token) -> list[Token]:
    """The words of the phrase ``head`` heads, without the clauses inside it."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSES)
    return found


def _has_money(tokens: list[Token]) -> bool:
    return any(t.ent_type_ == "MONEY" for o in tokens for t in _phrase(o))


def _has_word(tokens: list[Token], words: frozenset[str], whole: bool = True) -> bool:
    for token in tokens:
        for t in _phrase(token) if whole else (token,):
            if t.lemma_.lower() in words or t.lower_ in words:
                return True
    return False


QUANTITY_NOUNS = frozenset(
    "tens dozens hundreds thousands millions billions scores number numbers lot lots batch batches shipment"
    " shipments pair pairs set sets most all some many several half majority".split()
)
"""Nouns and quantifiers that count what follows "of" ("tens of thousands of blankets", "a batch of shells", "most
of the missiles"): what was given or hit is that."""


def _counted(noun: Token) -> Token:
    """The noun a quantity noun or a number counts ("blankets" of "tens of thousands of blankets"), else ``noun``."""
    for _ in range(3):
        if not (noun.like_num or noun.lower_ in QUANTITY_NOUNS):
            break
        following = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"]
        objects = [o for p in following for o in p.children if o.dep_ == "pobj"]
        if not objects:
            break
        noun = objects[0]
    return noun


def _naming_words(head: Token, deps: tuple[str, ...] = ("compound", "poss", "amod", "appos")) -> list[Token]:
    """A phrase's head and the words that name it ("Ukraine's minister", "Russian troops"), not every word of the
    phrase ("the challenges facing Ukraine" are not Ukraine)."""
    return [head, *(c for c in head.children if c.dep_ in deps)]


def _compound_chain(head: Token) -> list[Token]:
    """A head and the compound words that name it, however deep ("Decree № 344/2022": the number's compound "№"
    has its own compound "Decree"; the document is a decree)."""
    chain, todo = [head], [head]
    while todo:
        words = [c for c in todo.pop().children if c.dep_ == "compound"]
        chain += words
        todo += words
    return chain


_JOINT = frozenset(
    {"we", "they", "parties", "sides", "leaders", "interlocutors", "participants", "delegations", "counterparts",
     "negotiators"}
)  # fmt: skip
"""Subjects that are more than one party: "we talked about" is the speaker and the one spoken with; "the
interlocutors discussed", "the meeting participants discussed" (a readout's words for the parties)."""


_RELATIVES = frozenset({"that", "which", "who", "whom"})
_COMMITTING = frozenset({"will", "would", "shall", "'ll", "wo"})
"""Auxiliaries of what someone is set to do, as against "could" or "may" of what might happen."""


def _committing(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ in _COMMITTING for a in verb.children)


def _subjects(verb: Token) -> list[Token]:
    """Who does what ``verb`` says: its subject (or the agent of a passive); for a verb without one, the noun a
    relative clause or participle describes, the subject of the verb it is coordinated with ("Troops have been the
    tip of the spear and have advanced"), or the object of a verb that judges the deed ("praised Ukrainian troops
    for advancing")."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        subjects += [o for s in subjects if s.dep_ == "agent" for o in s.children if o.dep_ == "pobj"]
        if subjects and verb.dep_ == "relcl" and all(t.lower_ in _RELATIVES for t in subjects):
            return [verb.head]  # "forces that are advancing": the noun the relative pronoun stands for
        if subjects:
            return subjects
        if verb.dep_ in ("relcl", "acl"):
            # "jobs are threatened", "the weapons supplied": the noun of a passive clause or participle is who the
            # act is done to; the one who did it goes unnamed
            passive = _passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
            return [] if passive else [verb.head]
        if verb.dep_ == "pcomp" and verb.head.lower_ == "for":
            judge = verb.head.head  # "for" on the verb, or on its object ("praised [troops for advancing]")
            return [judge] if judge.pos_ in ("NOUN", "PROPN") else [c for c in judge.children if c.dep_ == "dobj"]
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return []
        verb = verb.head
    return []


_CAUSES = frozenset({"in", "from", "of", "after", "during", "under", "amid", "following", "through", "as", "by"})
"""Prepositions that may give what a death came of ("in a plane crash", "from injuries", "after a missile hit")."""


def _one_person(verb: Token, actors: ArticleActors) -> bool:
    """The verb's subject is one person the text names ("Actor Tony Sirico", "Charles, who ..."), not people
    counted or in the plural ("three passengers", "those who died")."""
    subjects = _subjects(verb)
    return (
        len(subjects) == 1
        and subjects[0].tag_ in ("NNP", "NN", "PRP")
        and any(_kind_of(t, actors) == "person" for t in _naming_words(subjects[0], ("compound", "appos")))
        and not any(c.dep_ in ("nummod", "conj") for c in subjects[0].children)
    )


def _caused(verb: Token, actors: ArticleActors) -> bool:
    """The verb has a phrase or a clause that may say what caused it: a preposition of cause whose object is no
    place, time or age ("died in a plane crash", "from injuries"; not "in New York City", "on April 18"), or an
    adverbial clause ("died after getting into difficulty paddleboarding")."""
    where = verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children)
    if where and _kind_of(verb.head, actors) != "place":
        return True  # "the crash where Prigozhin died": the noun the clause describes
    for child in verb.children:
        if child.dep_ == "advcl":
            return True
        if child.dep_ != "prep" or child.lower_ not in _CAUSES:
            continue
        for obj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
            if obj.dep_ == "pcomp" or not (
                _kind_of(obj, actors) == "place" or obj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME")
            ):
                return True
    return False


def _kind_of(token: Token, actors: ArticleActors) -> str | None:
    index = actors.by_token.get(token.i)
    return None if index is None else actors.actors[index].kind


def _is_people(token: Token, actors: ArticleActors) -> bool:
    index = actors.by_token.get(token.i)
    if index is not None and actors.actors[index].kind in PEOPLE_KINDS:
        return True
    return token.lower_ in PRONOUNS or gazetteer().is_title(token.lemma_)


def _condition(condition: str, verb: Token, actors: ArticleActors, f: Frames) -> bool:
    name, _, arg = condition.partition(":")
    if name == "passive":
        return _passive(verb)
    if name == "participle":  # "Armed with the details, …", "the gunman, armed with two rifles", "it comes
        # equipped with two ports" (the complement of a linking verb): no finite verb of its own
        return (
            verb.tag_ == "VBN"
            and verb.dep_ in ("advcl", "acl", "amod", "acomp", "oprd")
            and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children)
        )
    if name == "active-object":  # "nominated Rustem Umerov": the active verb's object, not a passive subject
        return not _passive(verb) and _condition(f"object:{arg}", verb, actors, f)
    if name == "object":
        objects = _objects(verb)
        if not arg:
            return any(c.dep_ == "dobj" for c in verb.children)
        if arg == "person":
            return any(_is_people(o, actors) or o.lemma_.lower() in f.classes["visitors"] for o in objects)
        if arg == "role":  # a title or office ("dismissed the head of the service"), not a name
            return any(gazetteer().is_title(t.lemma_) for o in objects for t in _naming_words(o, ("compound", "appos")))
        if arg == "place":  # the object is a place the text names ("seized Klishchiivka"), not its owner's
            return any(_kind_of(t, actors) == "place" for o in objects for t in _naming_words(o, ("compound",)))
        if arg == "actor":  # an actor of any kind, a country too ("warned Belarus", "warned Ukraine's allies")
            return any(
                t.i in actors.by_token or _is_people(t, actors)
                for o in objects
                for t in _naming_words(o, ("compound", "poss", "amod"))
            )
        return _has_word(objects, f.classes[arg])
    if name == "object-head":  # the object's own noun ("signed a law on ratifying the treaty" signs a law)
        heads = [_counted(o) for o in _objects(verb)]
        return _has_word([t for o in heads for t in _compound_chain(o)], f.classes[arg], False)
    if name == "object-noun":  # "destroyed 20 drones", not "destroyed a drone factory": the head noun alone
        return any(_counted(o).lemma_.lower() in f.classes[arg] for o in _objects(verb))
    if name == "subject-head":  # "subject-head:place": "Belarus threatened", not "Russia's war threatens"
        return any(_kind_of(t, actors) == arg for s in _subjects(verb) for t in _naming_words(s, ("compound",)))
    if name == "subject":
        subjects = _subjects(verb)
        if arg == "actor":
            return any(_is_people(t, actors) for s in subjects for t in _naming_words(s))
        if arg in ("place", "organization"):  # "Russia withdrew", "Kyiv's counter-offensive is advancing"
            return any(_kind_of(t, actors) == arg for s in subjects for t in _naming_words(s))
        # the head and its adjectives ("Red Army soldiers", "enemy troops"), not a compound ("the Immortal Regiment
        # event" is an event)
        # a quantity counts its noun: "thousands of protesters marched"
        heads = [h for s in subjects for h in {s, _counted(s)}]
        return _has_word([t for s in heads for t in _naming_words(s, ("amod",))], f.classes[arg], False)
    if name == "complement":
        complements = [c for c in verb.children if c.dep_ == "xcomp"]
        if not arg:
            return bool(complements)
        return any(c.lemma_.lower() in f.classes[arg] for c in complements)
    if name == "directive":  # "told him to leave", "warned China not to arm Russia"; not "what to expect"
        found = [c for c in verb.children if c.dep_ == "xcomp" and _directive(verb, c)]
        return any(any(n.dep_ == "neg" for n in c.children) for c in found) if arg == "negated" else bool(found)
    if name == "object-clause":  # "thwarted an attempt to attack Crimea": the act the object's clause names
        return any(
            c.dep_ in ("acl", "relcl") and c.lemma_.lower() in f.classes[arg]
            for o in _objects(verb)
            for c in o.children
        )
    if name == "complement-object":
        objects = [o for c in verb.children if c.dep_ == "xcomp" for o in _objects(c)]
        return _has_word(objects, f.classes[arg]) or _has_money(objects)
    if name == "question":
        return _asks_a_question(verb)
    if name == "pleases":  # "the policies appealed to all sides": a thing, only "to" whom, nothing asked for
        asked = any(
            (c.dep_ in ("prep", "prt") and c.lower_ != "to") or c.dep_ == "dobj" or _asks_for_an_act(verb, c)
            for c in verb.children
        )
        subjects = _subjects(verb)
        return (
            not asked
            and bool(subjects)
            and not any(
                _is_people(t, actors) or _kind_of(t, actors) == "place"
                for s in subjects
                for t in _naming_words(s, ("compound",))
            )
        )
    if name == "obituary":  # "Actor Tony Sirico has died", "Charles, who died last year": one person, no cause
        subject_words = {t.i for s in _subjects(verb) if verb.is_ancestor(s) for t in s.subtree}
        warfare = any(
            t.lemma_.lower() in f.classes["warfare"] or t.lower_ in f.classes["warfare"]
            for t in verb.subtree
            if t.i not in subject_words
        )
        return _one_person(verb, actors) and not warfare and not _caused(verb, actors)
    if name == "reason":  # "attacked the minister for failing to act": the deed judged
        return any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
            for c in verb.children
        )
    if name == "claim":
        return any(c.dep_ == "ccomp" and (_indicative(c) or _speculative(c, actors)) for c in verb.children)
    if name == "prep":
        words = set(arg.split(","))
        return any(c.dep_ in ("prep", "prt") and c.lower_ in words and not _names_a_time(c) for c in verb.children)
    if name == "clause-prep":  # "discussed financing for projects with a delegation": wherever the parser hangs it
        words = set(arg.split(","))
        # a verb coordinated with another shares its phrases ("met with the ambassador and discussed ...")
        verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
        return any(t.dep_ == "prep" and t.lower_ in words for v in verbs for t in _phrase(v) if t is not v)
    if name == "acomp":  # "pleaded guilty", "dies aged 93"
        # the parser labels such a complement acomp, oprd or xcomp by turns
        return any(c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in f.classes[arg] for c in verb.children)
    if name in ("from", "for", "on", "in", "with", "of", "at", "during", "to", "about", "as"):
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == name]
        if arg == "role":  # "nominated for the post of prime minister", "for Gazprom's board", "as candidate"
            return any(
                gazetteer().is_title(t.lemma_) or t.lemma_.lower() in f.classes["office"]
                for p in preps
                for o in p.children
                if o.dep_ == "pobj"
                for t in _naming_words(o, ("compound",))
            )
        if arg == "place":  # "marched on Moscow"
            return any(_kind_of(t, actors) == "place" for p in preps for o in p.children for t in _naming_words(o))
        if arg == "number":  # "died at 50": an age
            return any(o.dep_ == "pobj" and o.like_num for p in preps for o in p.children)
        if arg == "actor":  # "blamed on Russia", "proposed to her": someone, not something
            return any(
                t.i in actors.by_token or _is_people(t, actors) or t.lower_ in OBJECT_PRONOUNS
                for p in preps
                for o in p.children
                if o.dep_ == "pobj"
                for t in _naming_words(o, ("compound", "poss", "amod", "appos"))
            )
        return any(_has_word(list(p.children), f.classes[arg]) for p in preps)
    if name == "joint":  # "Putin and Salman talked by phone", "we talked about": more than one party
        subjects = _subjects(verb)
        return len(subjects) > 1 or any(  # "Orban and I discussed": the parser may give both as subjects
            s.lower_ in _JOINT
            # "President of Ukraine Volodymyr Zelenskyy and Federal Chancellor of Germany Olaf Scholz": the parser
            # hangs the second party inside the first one's title phrase
            or any(t.dep_ == "conj" for t in _phrase(s))
            or (s.tag_ == "NNS" and gazetteer().is_title(s.lemma_))  # "the presidents of Moldova and Romania"
            for s in subjects
        )
    if name == "clause":
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if not arg:
            return bool(clauses)
        # the clause's own verb under its will or would ("warned that Moscow will retaliate"), or the verb such a
        # clause completes ("would have to respond"): a commitment, not a possibility ("could destroy"); or the noun
        # it predicates ("there would be serious consequences"); not any word below it ("warned that the death toll
        # could rise after the attack")
        committed = [c for c in clauses if _committing(c)]
        committed += [
            x for c in clauses for x in c.children if x.dep_ == "xcomp" and (_committing(c) or _committing(x))
        ]
        nouns = [n for c in clauses for n in c.children if n.dep_ in ("nsubj", "attr", "dobj")]
        return any(v.lemma_.lower() in f.classes[arg] for v in committed) or any(
            n.lemma_.lower() in f.classes[arg] for n in nouns
        )
    if name == "quote":  # ""They take anything," agrees a seller": the verb reports what is quoted
        return (
            any(c.dep_ in ("ccomp", "parataxis") and any(t.is_quote for t in c.subtree) for c in verb.children)
            or any(c.is_quote for c in verb.children)  # 'agreed: "We can …"': the marks hang on the verb
            or (verb.i > 0 and verb.nbor(-1).is_quote)
            or (verb.i > 1 and verb.nbor(-1).is_punct and verb.nbor(-2).is_quote)
        )
    if name == "unpresent":  # not the simple present: "discussed", "discussing", "to discuss"
        return verb.tag_ not in ("VBZ", "VBP")
    if name == "money":
        return _has_money(_objects(verb))
    if name == "resultative":  # "sent the dollar higher", "sent shares down": the state the object ends up in
        return any(
            c.i > o.i
            and c.dep_ in ("advmod", "acomp", "oprd", "prt", "xcomp")
            and (c.tag_ in ("JJR", "RBR") or c.lower_ in _DIRECTIONS)
            for o in verb.children
            if o.dep_ == "dobj"
            for c in verb.children
        )
    raise ValueError(f"unknown frame condition {condition!r}")


_DIRECTIONS = frozenset({"up", "down", "soaring", "tumbling", "plunging", "plummeting", "reeling", "spinning"})
"""Words of a path or a change a result takes after the object ("sent prices up", "sent the markets reeling")."""


def _asks_for_an_act(verb: Token, clause: Token) -> bool:
    """``clause`` is what ``verb`` asks for: an infinitive or a that-clause after it ("appealed to households to
    save power", "appealed that the court reconsider"); not a clause the parser hangs on the verb from elsewhere ("He
    denied …, insisting the policies appealed", "…, the Maoris finding an empathy")."""
    return (
        clause.dep_ in ("xcomp", "ccomp", "advcl")
        and clause.i > verb.i
        and any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that", "for") for c in clause.children)
    )


_TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during"})


def _names_a_time(preposition: Token) -> bool:
    """A preposition of time before a date or a time ("On Saturday, Sturrock insisted", "called on Tuesday for"): a
    time adjunct, not the argument the preposition marks ("insisted on talks", "called on the West"). Not "for":
    what one calls or asks for may be measured in time ("called for a minute of silence", "a day of reckoning")."""
    return preposition.lower_ in _TIME_PREPOSITIONS and any(
        o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in preposition.children
    )


def _indicative(verb: Token) -> bool:
    """A finite clause that asserts a fact: a verb in the past or present, or a tensed auxiliary other than a modal
    ("suggested Russia's focus was now on the Donbas", "suggested the weapons have arrived"); not a modal ("could give
    up land") nor a mandative subjunctive ("suggests Seoul reconsider")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.tag_ == "TO" for a in auxiliaries):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxiliaries)


_EPISTEMIC = frozenset({"may", "might"})


def _speculative(verb: Token, actors: ArticleActors) -> bool:
    """A finite clause that speculates about what is or was rather than naming an act to be done: a modal with the
    perfect ("suggesting the presenter would have seen the funny side": no one proposes a past act), or "may" or
    "might" said of something that is not an actor ("suggest that the demise may strengthen the Kremlin's hand";
    said of an actor, "suggested that we might meet" still proposes)."""
    modals = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    if not modals:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
        return True
    subjects = _subjects(verb)
    return (
        any(m.lower_ in _EPISTEMIC for m in modals)
        and bool(subjects)
        and not any(s.lower_ in PRONOUNS or _is_people(t, actors) for s in subjects for t in _naming_words(s))
    )


def _asks_a_question(verb: Token) -> bool:
    """The verb's complement is a question: an indirect one ("asked whether he intended", "asked them what they
    needed"), its topic ("asked about the situation") or a quoted one ("asked: "What keeps you awake?"")."""
    # "asked by journalists about his view": the parser hangs the topic on the agent's noun
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if any(c.dep_ == "prep" and c.lower_ == "about" for a in agents for c in a.children):
        return True
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ == "advcl":  # "asked if he would stay"; not "when the decision is considered, I ask you"
            if any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in child.children):
                return True
        elif child.dep_ in ("ccomp", "dobj", "xcomp", "parataxis"):
            marks = [m.lower_ for m in child.children if m.dep_ == "mark"]
            if child.left_edge.lower_ in QUESTION_WORDS or any(m in QUESTION_WORDS for m in marks):
                return True
            if child.dep_ in ("ccomp", "parataxis") and any(t.text == "?" for t in child.subtree):
                return True
    return False


def _directive(verb: Token, complement: Token) -> bool:
    """``complement`` is the act ``verb`` tells someone to do: an active to-infinitive ("told him to leave"), not a
    question ("what to expect"), not a phrase set off by a comma or said of a thing the verb tells about ("as I
    told our guest today, to see our partners", "told about the projects to rebuild schools", "told the CBS
    programme, to be aired on Sunday": the parser hangs a noun's infinitive on the verb)."""
    doc = verb.doc
    start = complement.left_edge.i
    return (
        any(a.dep_ == "aux" and a.lower_ == "to" for a in complement.children)
        and not any(a.dep_ == "auxpass" for a in complement.children)
        and not any(t.tag_ in ("WP", "WRB", "WDT") for t in complement.subtree if t.i < complement.i)
        and not (start > 0 and doc[start - 1].text == ",")
        and not any(c.dep_ == "ccomp" for c in verb.children)
        and not any(t.dep_ == "prep" and t.lower_ in ("about", "of") for t in doc[verb.i + 1 : start])
    )


def fitted_type(verb: Token, kind: str, actors: ArticleActors) -> str | None:
    """The type ``verb`` reports given its arguments: ``kind``, another type, or None (not an event)."""
    f = frames()
    frame = f.frames.get(verb.lemma_.lower())
    if frame is None:
        return kind
    for condition, other in frame.retype:
        if _condition(condition, verb, actors, f):
            return other
    if any(_condition(c, verb, actors, f) for c in frame.never):
        return frame.otherwise
    if frame.any and not any(_condition(c, verb, actors, f) for c in frame.any):
        return frame.otherwise
    return kind
