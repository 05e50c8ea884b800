"""Does a sentence assert that an action took place? Read from the dependency parse of its trigger verb.

A trigger verb reports an event only when the sentence asserts it as fact (done, happening, or announced as
done). English marks the other readings in the clause structure, which is what this module reads:

- **modal and future auxiliaries** on the verb or a clause it belongs to: "will send", "could attack";
- **negation**: "did not sign", "never ratified", "no one was killed", "without consulting";
- **non-finite complements** take their truth from the verb that governs them (Karttunen's implicatives): "managed
  to repel" is asserted, "plans / wants / is expected to send" is an intention, "urged Russia to withdraw" a
  directive, "refused to sign" a denial, "in order to repel" or "measures to support" a purpose; a to-infinitive
  whose governor is not an implicative verb is not asserted;
- **conditions and questions**: "if they invade", "asked whether Russia attacked";
- **imperatives**: "Take power into your own hands";
- **epistemic hedges**: "probably approved";
- **nearness**: "came close to capturing" approaches the outcome without reaching it;
- **attributive participles** name a property, not an occurrence: "invading forces", "occupied territories",
  "the much-discussed counteroffensive", "the active and freely given assistance" (a participle coordinated with an
  adjective before a noun is one of its modifiers);
- **habitual present**: "Japan annually commemorates".

The word classes (which governors are implicative, which are intentions, …) are data in ``data/events.json``
under ``modality``, each with the linguistic reason it stands on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from briefings.extract.gazetteer import load_data

MAX_HOPS = 6
"""Clauses walked up from the trigger: enough for "said it was ready to begin to send"."""
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
"""Auxiliaries of the future ("wo" is spaCy's token for the "wo" of "won't")."""


@dataclass(frozen=True)
class Classes:
    intention: frozenset[str]
    ability: frozenset[str]
    directive: frozenset[str]
    negative: frozenset[str]
    implicative: frozenset[str]
    securing: frozenset[str]
    hedges: frozenset[str]
    habitual: frozenset[str]
    condition_marks: frozenset[str]
    temporal_marks: frozenset[str]
    endpoint_marks: frozenset[str]
    negative_preps: frozenset[str]
    approximative: frozenset[str]
    negative_determiners: frozenset[str]
    quantified_heads: frozenset[str]
    mandative: frozenset[str]
    characterising: frozenset[str]


@cache
def classes() -> Classes:
    data = load_data("events.json")["modality"]
    return Classes(**{name: frozenset(data[name]["words"]) for name in Classes.__dataclass_fields__})


def _own_modality(verb: Token, c: Classes) -> str | None:
    """What the verb's own dependents say: its auxiliaries, negation, hedges, a negative subject or object."""
    for child in verb.children:
        lowered = child.lower_
        if child.dep_ == "neg":
            return "negated"
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            return "future" if lowered in FUTURE_MODALS else "modal"
        if child.dep_ == "advmod" and lowered in c.hedges:
            return "modal"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            lowered in c.negative_determiners
            or any(d.dep_ == "det" and d.lower_ in c.negative_determiners for d in child.children)
        ):
            return "negated"
    return None


def _infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "TO" for child in verb.children)


def _imperative(verb: Token) -> bool:
    """A bare verb that heads its sentence with no subject and no auxiliary: "Take power", "Impose an embargo"; or
    one coordinated with such a verb, without a subject of its own (coordinated verbs share the mood and the
    missing subject: "Go out on the squares and demand peace"). A bare verb that opens its sentence is one however
    the parser attached it (in "Go out and demand peace, stop this war" it hangs "Go" on "stop")."""
    while True:
        if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children):
            return False
        if verb.dep_ == "ROOT" or _opens_sentence(verb):
            return True
        if verb.dep_ != "conj":
            return False
        verb = verb.head


def _simple_present(verb: Token) -> bool:
    """The verb is in the simple present, active ("commemorates") or passive ("are accused")."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tenses = [a.tag_ for a in auxiliaries]
    return verb.tag_ == "VBN" and tenses in (["VBZ"], ["VBP"]) and auxiliaries[0].dep_ == "auxpass"


_OPENERS = frozenset({"please", "and", "so", "now"})
"""Words an imperative may follow at the start of its sentence ("So go out", "Please stop")."""


_COMPLEMENTS = frozenset({"dobj", "prt", "ccomp", "xcomp", "dative"})
"""What a verb (not a noun the tagger took for one) takes: a caption's "Strike on a school in Kherson" has none."""


def _opens_sentence(verb: Token) -> bool:
    """A bare verb first in its sentence with a verb's own complement ("Go out", "Support our army", "Please note
    that"); a caption's noun the tagger took for a verb ("Strike on a school in Kherson") has none."""
    if not any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return False
    return all(t.is_punct or t.lower_ in _OPENERS for t in verb.doc[verb.sent.start : verb.i])


def _habitual(verb: Token, c: Classes) -> bool:
    """Simple present with an adverbial of recurrence: "annually commemorates", "every morning … honors", "are often
    accused"."""
    if not _simple_present(verb):
        return False
    for child in verb.children:
        if child.dep_ in ("advmod", "npadvmod") and (
            child.lower_ in c.habitual or any(d.lower_ in ("every", "each") for d in child.children)
        ):
            return True
    return False


def _kind_subject(subject: Token, c: Classes) -> bool:
    """A subject that names a kind of people, not particular ones: a universal pronoun ("anyone") or "those" with a
    relative clause ("those who speak out")."""
    if subject.lower_ in c.quantified_heads:
        return True
    return subject.lower_ == "those" and any(ch.dep_ == "relcl" for ch in subject.children)


def _governed(verb: Token, governor: Token, c: Classes) -> str | bool | None:
    """The reading a non-finite complement takes from its governor: a reason, ``None`` (asserted, stop) or
    ``True`` (implicative: as the governor)."""
    words = {governor.lemma_.lower(), governor.lower_}
    if words & c.negative:
        return "negated"
    if words & c.directive:
        return "appeal"
    if words & c.intention:
        return "future"
    if words & c.ability:
        return "modal"
    if words & c.implicative:
        return True
    if _infinitive(verb):
        # "The goal is to deliver", "measures to support", "united to repel": a to-infinitive that no
        # implicative verb governs states an aim, not an occurrence.
        return "purpose"
    return None


def _verbal_gerund(verb: Token) -> bool:
    """A gerund with no subject, determiner, possessor, adjective or subordinator of its own: the act itself
    ("making reusable missiles"), not one instance of it ("Russian shelling", "our sending", "what Labour is
    proposing", "when discussing")."""
    return not any(
        ch.dep_ in ("nsubj", "nsubjpass", "det", "poss", "amod", "mark") or ch.tag_ in ("WP", "WDT")
        for ch in verb.children
    )


def _denied_noun(noun: Token, c: Classes) -> bool:
    """A noun whose existence the clause denies: "no reports", "there have not been reports"."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(d.dep_ == "det" and d.lower_ in c.negative_determiners for d in noun.children):
        return True
    verb = noun.head
    return (
        noun.dep_ in ("attr", "nsubj", "dobj")
        and verb is not noun
        and any(ch.dep_ == "neg" for ch in verb.children)
        and any(ch.dep_ == "expl" for ch in verb.children)
    )


def _takes_part(preposition: Token) -> bool:
    """``preposition`` ("by", "in") ties a gerund to the act it serves: a means under any verb ("by saying"), a
    part taken only under a lexical verb ("join … in boycotting"; under "is not alone in sending", "has not been
    straightforward in attacking" the copula's negation judges the manner, not the act)."""
    governor = preposition.head
    return governor.pos_ == "VERB" or (governor.pos_ == "AUX" and preposition.lower_ == "by")


def modality(verb: Token) -> str | None:
    """Why the trigger ``verb`` does not report something that took place, or None when the sentence asserts it.

    Reasons: ``future``, ``modal``, ``negated``, ``appeal``, ``purpose``, ``conditional``, ``attributive``,
    ``habitual``, ``generic``."""
    c = classes()
    if verb.dep_ == "amod" or (verb.dep_ == "conj" and verb.head.tag_ == "JJ" and verb.tag_ in ("VBG", "VBN")):
        return "attributive"  # "a responsible and demanding leader": coordinated with an adjective, adjectival
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and not any(ch.dep_ == "aux" for ch in verb.children):
        return "attributive"  # "the day commemorating the liberation", "a statement condemning Moscow"
    if _imperative(verb):
        return "appeal"
    if _habitual(verb, c):
        return "habitual"
    if verb.dep_ == "relcl" and verb.head.lower_ in c.quantified_heads:
        return "generic"  # "eternal memory to everyone who died": every one of a kind, no one occurrence
    if _simple_present(verb) and any(_kind_subject(s, c) for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")):
        return "generic"  # "those who say so are executed": the simple present said of a kind of people
    node = verb
    for _ in range(MAX_HOPS):
        own = _own_modality(node, c)
        if own is not None:
            return own
        if any(ch.dep_ == "mark" and ch.lower_ in c.condition_marks for ch in node.children):
            # a condition ("if they invade"), an embedded question ("asked whether Russia attacked", "divided over
            # whether to offer membership"): whatever the parser calls the clause ("and if Ilston agrees" as a
            # conjunct), its subordinator says it is not asserted
            return "conditional"
        if node.tag_ in ("VBZ", "VBP") and any(
            ch.dep_ == "mark" and ch.lower_ in c.endpoint_marks for ch in node.children
        ):
            return "future"  # "until Russia withdraws its troops": an endpoint not yet reached
        head = node.head
        if head.i == node.i:
            if _infinitive(node):
                # a to-infinitive heading its sentence: headlines' "is to" without the copula ("Russian president to
                # discuss accord with Erdogan") schedules the act; with no subject it names an aim
                return "future" if any(ch.dep_ in ("nsubj", "nsubjpass") for ch in node.children) else "purpose"
            return None
        dep = node.dep_
        if dep == "conj":
            node = head  # "will send and deliver": the auxiliary sits on the first conjunct
            continue
        if (
            dep == "advcl"
            and node.tag_ in ("VBZ", "VBP")
            and any(ch.dep_ in ("mark", "advmod") and ch.lower_ in c.temporal_marks for ch in node.children)
        ):
            node = head  # "when Russia holds elections next March": the main clause says whether it is future
            continue
        if dep in ("csubj", "csubjpass") and node.tag_ == "VBG":
            # "arming Ukraine will start a world war", "funding the premiums would force them": a gerund subject
            # names a kind of act; the predicate's modal makes it a hypothesis, not an occurrence, and a
            # predicate that says what the act is makes it a kind ("saying no to Russian energy means ...")
            own = _own_modality(head, c)
            if own is None and head.lemma_.lower() in c.characterising and _verbal_gerund(node):
                return "generic"
            return own
        if dep == "pcomp" and head.lower_ in ("by", "in") and _takes_part(head):
            # a means ("to win over opponents by saying") or a part taken ("could join Ukraine in boycotting",
            # "assisted the defenders in destroying") happens as the act it serves, or as it may
            if head.lower_ == "in" and head.head.lemma_.lower() in c.negative:
                return "negated"  # "failed in capturing"
            node = head.head
            continue
        if dep == "pcomp":
            if head.lower_ in c.negative_preps:
                return "negated"  # "without consulting", "instead of signing"
            if head.lower_ == "to" and head.head.lower_ in c.approximative:
                return "modal"  # "came close to capturing": approached, not reached
            if _denied_noun(head.head, c):
                return "negated"  # "there have been no reports about killed colonels"
            governor = head.head
            reading = _governed(node, governor, c) if governor.lemma_.lower() in _classed(c) else None
            if isinstance(reading, str):
                return reading  # "aimed at supplying"
            return None
        if dep in ("xcomp", "ccomp", "advcl", "acl", "relcl", "acomp", "oprd") and (
            _infinitive(node) or (dep in ("xcomp", "acomp") and node.tag_ in ("VBG", "VB"))
        ):
            reading = _governed(node, head, c)
            if reading is True:
                node = head
                continue
            return reading if isinstance(reading, str) else None
        if dep == "ccomp":
            lemma = head.lemma_.lower()
            if lemma in c.negative:
                return "negated"  # "denied that it had shelled"
            if lemma in c.intention and lemma not in c.securing:
                return "future"  # "hopes that they will" ("means that" signifies: below)
            if lemma in c.mandative and _asked_for(node, head):
                return "appeal"  # "are to demand that athletes are banned": what is asked, in any verb form
            if lemma in c.directive and node.tag_ == "VB" and not any(ch.dep_ == "aux" for ch in node.children):
                return "appeal"  # "urged that Russia withdraw", "let's talk": the bare verb of what is asked
            if lemma in c.securing:
                node = head  # "will ensure that the killers are prosecuted", "will mean that": as far as it holds
                continue
            if lemma in c.implicative and node.tag_ == "VB" and not any(ch.dep_ == "aux" for ch in node.children):
                node = head  # "help the defenders repel" (a bare infinitive the parser hangs as a clause): as "help"
                continue
            governor_own = _own_modality(head, c)
            return "negated" if governor_own == "negated" else None
        if (
            dep == "acl"
            and head.pos_ == "NOUN"
            and any(ch.dep_ == "mark" and ch.lower_ == "that" for ch in node.children)
        ):
            # a noun's content clause ("reports that Santini had been given a pay-off") is asserted as far as the
            # noun is: denied with it ("denied reports that", "rejected claims that", "no reports that")
            if head.lemma_.lower() in c.negative:
                return None  # "no doubt that he was detained", "dispel any doubt that Iran is supplying" assert it
            denied = _denied_noun(head, c) or (
                head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in c.negative
            )
            return "negated" if denied else None
        return None
    return None


QUESTION_WORDS = frozenset({"what", "which", "who", "whom", "whose", "why", "how", "when", "where", "whether", "if"})
"""Words that open an indirect question ("asked why he refused", "asked whether he intended"): what it asks about is
not asserted, nor what is asked for."""
_QUOTES = frozenset({'"', "“", "”", "''", "``", "«", "»"})
"""Quotation marks as the tokenizer gives them."""


def _asked_for(clause: Token, verb: Token) -> bool:
    """``clause``, a finite complement of a verb of demanding, says what is asked: it follows the verb, opens with
    no question word ("asked why he refused" asks about a refusal) and no quotation mark stands between them (in
    '... to convey your voice," the wife noted' the parser may hang the reporting clause on the quoted "ask")."""
    start = clause.left_edge.i
    if start <= verb.i or clause.left_edge.lower_ in QUESTION_WORDS:
        return False
    return not any(t.text in _QUOTES for t in clause.doc[verb.i + 1 : start])


def _classed(c: Classes) -> frozenset[str]:
    return c.intention | c.directive | c.negative | c.ability
