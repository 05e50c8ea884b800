"""Actions a sentence places before its own time without saying when: dated "on or before" the article.

A sentence without a date word is read as the news of its article's day. Three constructions of English tell a past
action that the sentence does not report as that day's news, only as having happened earlier (Reichenbach's event
time before reference time):

- **the past perfect**: "Prigozhin said that 10,000 of his fighters had been killed": the killing comes before the
  saying, by any amount of time;
- **the reason of a judgment**: "convicted of treason for opposing the war", "thanked Poland for taking in
  refugees": the deed judged, punished or rewarded comes before the judgment;
- **a past relative clause under a present clause**: "officials have not been granted access to the reporter
  detained in Russia", "talks about a video of a prisoner being executed", "the crisis is related to what we warned
  our partners about": a relative clause (a reduced one, a participle after its noun, or a free relative "what …")
  in the past describes its noun by what had already happened to it, while the clause it belongs to is about the
  present. A passive participle after its noun does so under any clause ("rebounding from the sanctions imposed
  over the war", "thanked for the assistance provided"): it presupposes its action as done, not reports it, and
  what is presupposed is known before the clause's own time; not where it reports, the verb's auxiliary left out
  (a headline's "Three people injured in explosion", a gapped "25 injured") or a toll counted ("79 children
  killed").

- **an adverb of anteriority or repetition on the verb**: "we discussed this a long time ago", "proposed back in
  winter", "have repeatedly denied": "ago", "previously", "formerly" and "back" (before a time phrase) put the
  action before the time of writing; "repeatedly" spreads it over a period that ends there.

- **a measured interval**: "One year after Russia invaded Ukraine, Zelenskyy thanked his troops": an "after" clause
  with a measure tells its action that long before the main clause's (the invasion a year before the thanks, dated
  so, ``measured_after``); "Three years later, Russia launched an operation" tells an action that long after an
  earlier one of the narrative, so no later than the time of writing (``measured_later``).

- **the perfect over a period up to now**: "many civilians have been detained since the war began", "the US has
  seized $58 billion in the past year": a since phrase or clause, or "in" or "over" the past or last span, spreads the
  perfect's actions over a period that ends at the time of writing (``over_a_period``); news, not history, but not
  of the article's day alone.

- **a past told in speech**: "Boris Johnson has said Putin threatened him with a missile strike", "the military
  says the rounds were confiscated": a past in what a present verb of saying reports comes before the saying, which
  is of the article's day or earlier; a past in direct quotation or in a text given in the first person (a speech,
  an address: ``speech``) was told by then too (``in_the_past``, with the speech's tokens).

Such an action is dated ``before`` the article's day: true whenever it happened, where the article's day would be
wrong for history ("the reporter detained in Russia" a week earlier). Sentences with their own date word keep it.
"""

from __future__ import annotations

from spacy.tokens import Token

from briefings.extract.timeexpr import number_of

PRESENT_AUXILIARIES = frozenset({"has", "have", "'s", "'ve", "is", "are", "am", "'re", "'m"})
"""Auxiliaries of the present perfect and the present progressive or passive ("have been granted", "is related")."""
MAX_HOPS = 8
"""Tokens walked up from a relative clause's noun to the verb of its clause ("to the reporter detained" → "granted")."""


RETROSPECTIVE = frozenset(
    {
        "convict",
        "sentence",
        "jail",
        "imprison",
        "arrest",
        "detain",
        "fine",
        "punish",
        "charge",
        "prosecute",
        "sue",
        "sanction",
        "blame",
        "criticise",
        "criticize",
        "condemn",
        "fire",
        "sack",
        "expel",
        "ban",
        "thank",
        "praise",
        "reward",
        "award",
        "honour",
        "honor",
        "decorate",
        "apologise",
        "apologize",
        "forgive",
    }
)
"""Verbs that judge, punish or reward a deed: "for" + gerund after them gives the deed as the reason, done before
("convicted of treason for opposing the war", "thanked Poland for taking in refugees"), where after other verbs it
names a purpose ("pushed for sending tanks")."""


HISTORY_ADVERBS = frozenset({"ago", "previously", "formerly"})
"""Adverbs that place a verb's action at a distance before the time of writing without a date ("a long time ago":
spaCy tags no DATE there, or one that cannot be resolved; "had previously met"): history. Not "earlier" (news uses it
for earlier the same day), "once" (also "as soon as") or "already" (what is already done may be that day's news)."""
REPEATED_ADVERBS = frozenset({"repeatedly", "already"})
"""Adverbs that spread the action over a period ending at the time of writing ("have repeatedly denied") or say it
was done by then ("has already pleaded guilty", "have already sent"; not "are already inviting", under way): no one
day, on or before the article's."""


VERDICTS = frozenset({"convict", "acquit", "sentence", "jail", "imprison"})
"""Verdicts and sentences: a court gives one after a trial, so the deed it is for is history by then."""


PENALTIES = frozenset({"probation", "sentence", "prison", "jail", "conviction", "trial", "parole"})
"""Nouns of a penalty or a trial: the deed one is "on probation for", "serving a sentence for", "in prison for" came
before it (a conviction precedes them), as a verdict's does."""


def judged_deed(verb: Token) -> bool:
    """The deed a verdict or a sentence is for ("are convicted of killing the boy", "jailed for attacking a
    guard", "was on probation for assaulting two musicians"): told as history, months before the court's news."""
    return _judge(verb, ("of", "for")) in VERDICTS or _penalised(verb)


def _penalised(deed: Token) -> bool:
    """A gerund after "for" on a noun of penalty: "on probation for assaulting", "a sentence for attacking"."""
    if deed.dep_ != "pcomp" or deed.tag_ != "VBG" or deed.head.lower_ != "for":
        return False
    head = deed.head.head
    # the parser hangs "for" on the noun or on the verb beside it ("was on probation for", "is serving a sentence for")
    nouns = [head] if head.pos_ == "NOUN" else [
        o for c in head.children if c.dep_ in ("prep", "dobj") for o in (c.children if c.dep_ == "prep" else [c])
        if o.dep_ in ("pobj", "dobj")
    ]  # fmt: skip
    return any(n.lemma_.lower() in PENALTIES for n in nouns)


def _judge(deed: Token, prepositions: tuple[str, ...]) -> str | None:
    """The lemma of the verb that judges a deed told as a gerund after one of ``prepositions`` ("convicted of
    treason for opposing", "praised for advancing"), through a noun if need be; None for any other gerund."""
    if deed.dep_ != "pcomp" or deed.tag_ != "VBG" or deed.head.lower_ not in prepositions:
        return None
    judge = _clause_verb(deed.head.head)
    return None if judge is None else judge.lemma_.lower()


def before_its_time(verb: Token) -> bool:
    """True when the sentence tells ``verb``'s action as earlier than the time it speaks of (see the module)."""
    if _anterior_adverb(verb):
        return True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "for":
        # "convicted of treason for opposing": through the noun; "on probation for assaulting"
        return _judge(verb, ("for",)) in RETROSPECTIVE or _penalised(verb)
    if _after_the_present(verb):
        return True
    # After a shared "had" the form is a participle whatever its tag ("had captured the town and destroyed").
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "conj")
    if participle and any(a.dep_ == "aux" and a.lower_ == "had" for a in auxiliaries(verb)):
        return True
    relative = verb.dep_ in ("relcl", "acl") or (verb.dep_ == "pcomp" and verb.tag_ == "VBD")  # "to what we warned"
    if not relative or verb.tag_ not in ("VBD", "VBN"):
        return False
    if verb.tag_ == "VBN" and not _passive_participle(verb):
        return False
    governor = _clause_verb(verb.head)
    return governor is not None and in_the_present(governor)


_SMALL_CLAUSE_VERBS = frozenset({"have", "get", "leave", "see", "find", "keep", "want", "need"})
"""Verbs that take an object and a participle predicated of it (a small clause: "left two people injured", "saw
the bridge destroyed", "want the sanctions lifted"): the participle holds at the main verb's time, or is wished."""


def presupposed(participle: Token) -> bool:
    """A passive participle after its noun that describes the noun, not reports the news ("the sanctions imposed
    on Russia", under a clause of any tense): in a sentence with a finite verb of its own (a headline drops its
    auxiliary, "Three people injured in explosion", and so does a gapped conjunct, "three were killed and 25
    injured": both report), on a noun that counts no one ("79 children killed", "with four people killed" report a
    toll), not in "with" (an absolute clause is the same time) and not an object's complement ("had a shot blocked",
    "to have the case dismissed", "leaving two people injured", "found the houses burned": what happens to the object,
    or is wanted, at the time of the main verb)."""
    if participle.dep_ != "acl" or participle.tag_ != "VBN" or not _passive_participle(participle):
        return False
    noun = participle.head
    if noun.dep_ == "dobj" and noun.head.lemma_ in _SMALL_CLAUSE_VERBS:
        return False
    root = participle.sent.root
    if root.tag_ not in ("VBD", "VBZ", "VBP", "MD") and not any(a.dep_ in ("aux", "auxpass") for a in root.children):
        return False
    if noun.like_num or any(c.dep_ == "nummod" for c in noun.children):
        return False
    return not (noun.dep_ == "pobj" and noun.head.lower_ == "with")


def told_as_history(verb: Token) -> bool:
    """``verb``'s clause carries an adverb of anteriority ("ago", "previously"), or "back" before a time phrase
    ("back in winter", "back in the 1990s"): an action of the past, not the article's news. What a report so told
    tells in the past came before it ("has previously told the court that he warned Ebbers")."""
    if verb.dep_ == "ccomp" and verb.tag_ in ("VBD", "VBN") and verb.head is not verb and told_as_history(verb.head):
        return True
    for token in verb.subtree:
        if token.dep_ != "advmod" or token.i == verb.i:
            continue
        clause = _clause_verb(token.head)
        if clause is None or clause.i != verb.i:
            continue
        if token.lower_ in HISTORY_ADVERBS and token.head.i == verb.i:
            return True  # on the verb itself: "the uprising a week ago" dates the uprising, not the clause
        if token.lower_ == "back" and any(t.dep_ == "prep" and t.lower_ in _TIME_PREPOSITIONS for t in _beside(token)):
            return True
    return False


def _beside(back: Token) -> list[Token]:
    """The words "back" may lean on: its own children, or the preposition the parser hangs it from."""
    return [*back.children, back.head]


_TIME_PREPOSITIONS = frozenset({"in", "during", "at"})
"""Prepositions of "back in 2014", "back during the war", "back at the start": a time then."""


def _anterior_adverb(verb: Token) -> bool:
    return told_as_history(verb) or any(
        c.dep_ == "advmod" and c.lower_ in REPEATED_ADVERBS and not (c.lower_ == "already" and verb.tag_ == "VBG")
        for c in verb.children
    )  # "are already inviting" goes on now: the article's day


def _after_the_present(verb: Token) -> bool:
    """``verb`` heads an "after" clause of a clause in the present ("Blow to Kyiv's push comes after the US and
    Germany agree to supply tanks", "prices are rising after the central bank cut rates"): "after" orders its
    action before the present of the writing, whatever tense headline grammar gives it. An "after" clause of a
    past clause is dated with it (the same day or earlier, as the main clause's date says)."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        return False
    governor = _clause_verb(verb.head)
    return governor is not None and in_the_present(governor)


def _passive_participle(verb: Token) -> bool:
    """A participle after its noun read as a past event ("the reporter detained", "a prisoner being executed"),
    not one with a present or future auxiliary of its own ("who is held", "that will be signed")."""
    return all(a.lower_ in ("was", "were", "been", "being", "had") for a in auxiliaries(verb))


def _clause_verb(token: Token) -> Token | None:
    """The finite verb of the clause a noun belongs to, walking up the parse (through an infinitive's governor:
    "have not been allowed to visit the American detained")."""
    for _ in range(MAX_HOPS):
        verb = token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")
        if verb and not (token.tag_ == "VB" and token.dep_ == "xcomp"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def in_the_present(verb: Token) -> bool:
    """A verb in the present: simple present, or a perfect, progressive or passive with a present auxiliary."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ in ("VBN", "VBG") and any(a.lower_ in PRESENT_AUXILIARIES for a in auxiliaries(verb))


def auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries; a conjunct with no subject and no auxiliary of its own shares those of the verb it is
    coordinated with, where the parser hangs them ("had not seized the vessel, just frozen its ownership", "are
    adapting and rebounding")."""
    for _ in range(MAX_HOPS):
        own = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        shared = verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        if own or not shared:
            return own
        verb = verb.head
    return []


_UNITS = frozenset({"day", "week", "month", "year"})


def _measure(noun: Token) -> tuple[int, str] | None:
    """(amount, unit) of a measure phrase ("one year", "a day", "three weeks"), or None."""
    unit = noun.lemma_.lower()
    if unit not in _UNITS or noun.dep_ != "npadvmod":
        return None
    for child in noun.children:
        if child.dep_ == "nummod":
            amount = number_of(child.lower_)
            return (amount, unit) if amount else None
        if child.dep_ == "det" and child.lower_ in ("a", "an"):
            return 1, unit
    return None


def measured_after(verb: Token) -> tuple[int, str] | None:
    """(amount, unit) by which ``verb``'s action precedes its main clause's, when ``verb`` heads an "after" clause
    with a measure phrase ("one year after Russia invaded", "a day after Turkey endorsed"; the parser hangs the
    measure on either verb, just before "after")."""
    if verb.dep_ != "advcl":
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "after"), None)
    if mark is None or mark.i == 0:
        return None
    return _measure(verb.doc[mark.i - 1])


def measured_later(verb: Token) -> str | None:
    """The unit of "<amount> <unit> later" on ``verb`` ("Three years later, Russia launched"): an action a measured
    time after an earlier one of the narrative, so at or before the time of writing; None without one."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("later", "afterwards"):
            for noun in child.children:
                found = _measure(noun)
                if found is not None:
                    return found[1]
    return None


_SPANNING = frozenset({"in", "over", "during", "throughout", "within"})


def over_a_period(verb: Token) -> bool:
    """``verb`` is a perfect ("has seized", "have been detained") told over a period that ends now: since a time or
    an event ("since the war began", "since February"), or in or over the past or last span ("in the past year")."""
    if not any(a.lower_ in ("has", "have", "'ve", "'s") for a in auxiliaries(verb)):
        return False
    for child in verb.children:
        if child.lower_ == "since" and child.dep_ in ("prep", "advmod"):
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ in _SPANNING:
            for noun in child.children:
                spans = noun.dep_ == "pobj" and noun.lemma_.lower() in _UNITS
                if spans and any(d.lower_ in ("past", "last") for d in noun.children):
                    return True
    return False


PAST_AUXILIARIES = frozenset({"has", "have", "had", "'s", "'ve", "'d", "was", "were"})
"""Auxiliaries of the perfect and of the passive in the past ("has sent", "had been killed", "were frozen"); "is" and
"are" make a passive of the present ("is blocked"), "being" and "been" a non-finite form read from its clause."""


def in_the_past(verb: Token) -> bool:
    """``verb`` tells a past action: the simple past, a perfect or a past passive, a participle after its noun ("the
    sanctions imposed"), or a gerund or infinitive of a clause in the past ("was injured while repelling the
    attack", "Retreating from our land, the army left")."""
    for _ in range(MAX_HOPS):
        if verb.tag_ == "VBD":
            return True
        auxiliary = [a.lower_ for a in auxiliaries(verb)]
        if verb.tag_ == "VBN":
            if any(a in PAST_AUXILIARIES for a in auxiliary):
                return True
            if not auxiliary and verb.dep_ == "acl":
                return True  # a passive participle after its noun: done to it
        finite = verb.tag_ in ("VBZ", "VBP", "MD") or any(a not in ("being", "been", "be", "to") for a in auxiliary)
        if finite or verb.dep_ not in ("advcl", "pcomp", "xcomp", "conj") or verb.head is verb:
            return False
        verb = verb.head
        if verb.pos_ == "ADP":
            verb = verb.head  # "before being shot": through the preposition to its clause
    return False


def just_done(verb: Token) -> bool:
    """``verb`` carries "just" of the recent past ("I have just signed a decree", "we just met in Sochi"): done at
    the time of speaking, the day's news."""
    return any(c.dep_ == "advmod" and c.lower_ == "just" for c in verb.children)
