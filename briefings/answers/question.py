"""What a question asks, read from its parse: the type of answer, the noun it asks about, its named entities, and
the time it is about.

    "Which Algerian president did Putin speak to on 18 April 2022?"
        type person · head "president" · demonym Algerian → Algeria · entities Putin · window 18 April 2022

Answer types: ``person``, ``organisation``, ``country``, ``place``, ``date``, ``duration``, ``count``, ``amount``,
``score`` (a match's result, "11-9"), ``reason``, ``named`` (a name or ordinal that goes with the head noun: "Which
pipeline …", "What is the name of the satellite …") and ``thing`` (what a whole sentence answers: "What did X say
about Y?").

The interrogative phrase decides the type (who → person, how many → count, how long → duration, when → date …).
For "which/what <noun>" the head noun decides: nouns of places, countries, organisations and time units name the
type; any other noun (a role, an object) asks for the name that stands with it in the answer sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span

from briefings.answers import timewindow
from briefings.answers.inflection import plural
from briefings.answers.timewindow import Window
from briefings.extract.gazetteer import gazetteer
from briefings.extract.names import clean_name
from briefings.queries.actors import find_actors
from briefings.store import Store
from briefings.text.similarity import stem, terms

QUESTION_WORDS = frozenset(
    """who whom whose what which when where why how many much did does do is are was were has have had will would
    can could should happen happened happening tell me about number date day time year month place city country
    region reason kind type name named long old age""".split()
)
"""Words that shape a question rather than name its subject: never searched for, never answers."""
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
"""URLs in a question: ignored (and never fetched)."""

PLACE_NOUNS = frozenset(
    """city town village settlement place area region province oblast district county state capital seat site venue
    location stadium arena ground airport station port harbour harbor cosmodrome base cemetery hall palace square
    street building plant factory hospital school university church cathedral monastery border island peninsula
    river sea lake mountain coast front frontline parliament embassy prison jail camp field course circuit resort
    neighbourhood neighborhood suburb constituency ward borough municipality parish territory""".split()
)
"""Nouns that name a location: "which <noun>" asks for a place (electoral and administrative divisions too: "In
which constituency was he due to stand?")."""
_BROADCAST = frozenset("tv television radio broadcasting news".split())
"""Words that make a station a broadcaster ("TV station", "radio station"), an organisation, as the model tags
their call signs ("WRAZ-TV"), not a place."""
COUNTRY_NOUNS = frozenset("country nation".split())
ORGANISATION_NOUNS = frozenset(
    """organisation organization company firm group party band club network channel court ministry agency bank
    newspaper broadcaster corporation chain retailer carrier airline manufacturer maker league federation union
    alliance council committee body institution team side operator outlet publisher studio label charity""".split()
)
"""Nouns that name an organisation: "which <noun>" asks for one."""
TIME_UNITS = frozenset("second minute hour day week month year decade century".split())
"""Units of a duration: "how many hours", "how long"."""
PERSON_NOUNS = frozenset(
    """person man woman people president minister leader chancellor king queen prince princess secretary official
    spokesman spokeswoman spokesperson general commander chief head director chairman chairwoman executive governor
    mayor ambassador envoy diplomat lawyer barrister judge prosecutor journalist reporter correspondent writer author
    singer actor actress artist poet player striker goalkeeper defender midfielder coach manager captain boss
    economist analyst scientist doctor soldier officer politician candidate mp msp mep senator pope patriarch bishop
    priest activist opponent critic founder owner designer producer musician rapper athlete champion winner
    ex-leader premier adviser advisor aide deputy representative negotiator mediator commissioner colonel lieutenant
    sergeant admiral marshal editor presenter columnist commentator photographer novelist playwright composer
    referee investor billionaire tycoon businessman businesswoman entrepreneur banker shareholder
    defendant suspect plaintiff claimant witness victim detainee prisoner convict
    boy girl child kid teenager youngster baby son daughter mother father parent wife husband brother sister
    grandson granddaughter grandmother grandfather widow widower student pupil teacher nurse volunteer
    associate colleague confidant friend loyalist protege""".split()
)
"""Nouns of roles and people: "which <noun>" asks for a person (the name that stands with the role). The last
three lines hold the parties of a trial and of a crime, each a person ("A third defendant, Richard Rutkowski");
people named by age, kin or occupation ("Which boy from Buryatia …", "Whose widow …"); and people named by their
tie to another ("Which longtime Putin associate …"), nouns said of people only ("ally", "partner" and "rival" are
also said of countries and firms)."""
_PERSON_SUFFIX = re.compile(r"[a-z]{3,}(?:ian|(?<!l)ist)|[a-z]+[ae]l?list")


def person_noun(lemma: str) -> bool:
    """``lemma`` is a noun of people: listed (``PERSON_NOUNS``) or derived with a person suffix."""
    return lemma in PERSON_NOUNS or _person_suffix(lemma)


def _person_suffix(noun: str) -> bool:
    """``noun`` (a lemma) is derived with a suffix English forms nouns of people with: -ist ("strategist",
    "bassist", "journalist") and -ian ("historian", "comedian", "civilian"), not a compound of "list" ("shortlist",
    "playlist"). Counted on the BBC News Summary texts (which no question of the rule's came from): of their 115
    lower-case -ist and -ian words, 7 are verbs ("insist", "resist") and 3 "list" compounds; of the other 105 all
    that are nouns name people but one ("zeitgeist", once), the rest being adjectives ("draconian", "sectarian"); a
    verb or an adjective never heads a "which" phrase."""
    return _PERSON_SUFFIX.fullmatch(noun) is not None


COUNT_NOUNS = frozenset("number toll total tally count".split())
""""What was the death toll": a count."""
AMOUNT_WORDS = frozenset(
    """money cost price amount share percentage rate sum fee budget deficit stake fine payment salary bonus
    compensation profit loss revenue value size
    distance length width height depth radius perimeter altitude speed weight""".split()
)
"""Nouns of quantities measured in money or percent ("how much", "what rate", "how big a stake", "how large a
fine", "what was the size of the aid package", "the value of the contract"), and of dimensions, measured in units
("what is the perimeter", "the distance"; not "range" or "area", which as often name a series or a region)."""
SCORE_NOUNS = frozenset({"score", "scoreline"})
""""By what score did England lose?", "What was the final score?": a match's result, two numbers ("11-9")."""
CURRENCIES = {
    "pound": "£",
    "sterling": "£",
    "euro": "€",
    "dollar": "$",
    "yen": "¥",
    "hryvnia": "₴",
    "rouble": "₽",
    "ruble": "₽",
}
"""Currencies a question may ask an amount in ("worth in pounds", "how many euros"), by the sign that writes them."""

_HOW = re.compile(r"\b(?:how\s+(?P<how>many|much|long|old|far|big|large|fast)|(?:at\s+)?what\s+age)\b", re.I)
_STARTING = re.compile(r"\b(?:before|previously|originally|initially|formerly|at\s+first)\b", re.I)
"""Words asking for a value before a change: "How many staff did it have before the cuts?"."""
_WH = re.compile(r"\b(?P<wh>who|whom|whose|when|where|why|which|what)\b", re.I)
_NAMING_END = re.compile(r"\b(?:called|named|dubbed|nicknamed|known\s+as)\s*\?*\s*$", re.I)
"""A "what" question closed by a naming verb asks for a name ("What is the treaty called?")."""
_ROLE = re.compile(r"^\s*who\s+(?:is|was|are|were|has been)\s+(?:the\s+|a\s+)?", re.I)
_OBJECT_QUESTION = re.compile(r"^\s*(?:who|whom)\s+(?:did|does|do|will|would|has|have|had|can|could|should)\b", re.I)
"""English uses do-support (or another auxiliary before the subject) only when the wh-word is not the subject:
"Who did Putin meet?" asks for whom Putin met; "Who met Putin?" has no auxiliary."""
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|al|bin)?\s*[A-Z][\w'’.-]*)*")
_CONNECTOR = re.compile(r"\s+the\s+")
_IDENTITY = re.compile(r"^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?:the\s+)?(.+?)[?.!]*$", re.I)
_ASKED_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@dataclass
class Frame:
    """A question read for answering."""

    text: str
    type: str
    head: str | None = None
    """Lemma of the noun asked about ("president", "trucks" → "truck"), if any."""
    entities: list[str] = field(default_factory=list)
    """Names in the question: an answer never repeats them; retrieval wants them."""
    people: list[str] = field(default_factory=list)
    """The names among ``entities`` the model reads as people's: "he" and "she" may stand for them."""
    countries: list[str] = field(default_factory=list)
    """Countries the question's demonyms stand for ("Norwegian minister" → Norway)."""
    nationalities: list[str] = field(default_factory=list)
    """``countries`` and those of demonyms the model left untagged ("Which Lithuanian president"): what a person
    answering may be of. Untagged ones are not retrieval's: "Welsh" stands for the United Kingdom, whose name no
    sentence saying "Wales" holds."""
    principals: tuple[str, ...] = ()
    """The names the question gives the asked noun as its possessor or before it ("the LSE's chief", "the Euronext
    boss"): whose holder is asked; a sentence's holder of the role of another named body is another's."""
    terms: list[str] = field(default_factory=list)
    """Content terms (stemmed), without question words and the time expression."""
    window: Window | None = None
    wants_year: bool = False
    wants_clock: bool = False
    """"At what time …": the answer is a time of day."""
    ago: bool = False
    """"How long ago …": the answer is the span a sentence counts back ("25 years ago": 25 years)."""
    asks_start: bool = False
    """The question asks for a value before a change ("before", "previously", "originally", "initially", "at
    first"): a change's starting value ("from 370 to 870") answers it, not only the value reached."""
    object_of: frozenset[str] = frozenset()
    """For "Who did X <verb> (<noun>) …?": the lemmas of the verb and its object noun, whose object in a sentence
    is the one asked for, not their subject."""
    object_prep: str | None = None
    """The preposition the question leaves stranded ("Who did X hold talks with?"): the one asked for is that
    preposition's object, not a direct object."""
    subject_of: frozenset[str] = frozenset()
    """For "Who <verb> …?" and "Which <noun> <verb> …?" (the wh-phrase is the verb's subject): the verb's lemma,
    whose subject (or passive agent, "by X") in a sentence is the one asked for."""
    passive: bool = False
    """The wh-phrase is a passive subject ("Who was arrested …?"): the verb's passive subject or active object."""
    subject_objects: tuple[str, ...] = ()
    """With ``subject_of``: the names the question gives as that verb's object ("Who captains France?": France).
    A sentence's subject of the verb fills the role only for the same object ("Robinson can captain from
    full-back" does not say who captains France)."""
    subject_nouns: tuple[str, ...] = ()
    """With ``subject_of``: the lemmas of the common nouns the question gives as that verb's object ("goose" of
    "Who will voice the goose?"). They decide only between clauses of one sentence that give the verb different
    objects ("A will voice a goose, B will voice a sheep"); elsewhere another word may say the same thing."""
    counted_verb: str | None = None
    """For "How many <noun> …?": the lemma of the verb whose subject or object the counted noun is ("How many people
    were wounded": wound). In a sentence that counts two acts ("nine people were killed and 56 wounded"), the
    number of that verb is the one asked for."""
    modifiers: tuple[str, ...] = ()
    """What the question says of the asked noun before it ("Nvidia-backed" in "Which Nvidia-backed startup"), lower
    case: a name a sentence describes with the same words is the one asked for ("Nvidia-backed CoreWeave")."""
    described: bool = False
    """The question asks what kind of thing the asked noun is ("What kind of missiles …", "Which anniversary …"):
    the noun's own modifiers in a sentence answer it ("hypersonic missiles", "the 30th anniversary")."""
    complement_of: tuple[str, str] | None = None
    """The noun and preposition the asked noun completes ("the downing of which flight": ("downing", "of")): in a
    sentence, the object of that preposition on that noun is the one asked for ("the downing of PS752")."""
    asks_name: bool = False
    """The question asks for the name of the noun ("What was the name of the baby girl …"): a description of it
    does not answer."""
    plural: bool = False
    """The asked noun is plural ("Which artists …"): a group, which a description may answer ("exiled Russian
    artists") where no names are given."""
    several: bool = False
    """The question asks for more than one ("Which two regions …", "Which three countries …"): a coordination of
    names answers it, one name only in part."""
    where: bool = False
    """The question asks "where": the answer is the object of a preposition of place in the sentence."""
    fronted: str | None = None
    """The preposition the question opens with ("In which town …", "To which channel …", "From which club …", "To
    how much …"): the answer is that preposition's object in the sentence that answers."""
    future: bool = False
    """The question is in the future tense ("Where will the leaders hold a summit on May 16?", or "would" in a
    reported clause: "Who said the leaders would meet in May?"): what it asks was announced before its date, so
    the reports to read come before the date as well as after it."""
    today: date | None = None
    """The day the question is asked: its time expressions are resolved against it."""
    currency: str | None = None
    """The sign of the currency the question asks the amount in ("in pounds": £): where a sentence gives the sum
    in two currencies ("£38 million ($49 million)"), the one asked for answers."""
    possessed: str | None = None
    """The noun the asked one owns ("Which country's parliament …": parliament): the answer is its possessor in
    the sentence ("the Parliament of Ireland", "the Swedish parliament")."""
    offices: tuple[str, ...] = ()
    """Titles that stand for a person of the question in the store ("President of Ukraine" for Zelenskyy,
    ``answers/offices.py``): where a sentence writes one, its words are that person, not an answer."""


def _head_after(doc, index: int, skip_possessor: bool = False):
    """The noun an interrogative determiner or "how many" governs: the first noun after it, through compounds
    ("which prime minister" → minister) and modifiers ("how many invited guests" → guest). "Which city's
    cemetery" asks for a city (the determiner's noun is the possessor); "Who is Lockheed's chief operating
    officer" for the officer (``skip_possessor``)."""
    for token in doc[index:]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.pos_ in ("NOUN", "PROPN") and following is not None and following.tag_ == "POS":
            if skip_possessor:
                continue
            return token
        if token.tag_ in ("JJ", "VBN", "VBG") and following is not None and following.pos_ in ("NOUN", "ADJ", "VERB"):
            continue  # "how many invited guests", "how many wounded civilians"
        if token.i == index and token.tag_ == "VBD" and following is not None and following.pos_ == "NOUN":
            continue  # "in which occupied city": a participle right after the determiner, whatever the tagger says
        if token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN":
            continue  # "which think tank": the first word of a compound noun, whatever the tagger says
        if following is not None and following.text == "-":
            continue  # the first part of a hyphenated modifier: "which Nvidia-backed startup", "US-made tanks"
        if token.pos_ == "NOUN" and following is not None and _opens_possessor(following, token):
            return token  # "How large is the rescue package LG Card's creditors want": a possessor opens a clause
        if token.pos_ in ("NOUN", "PROPN") and (following is None or following.pos_ not in ("NOUN", "PROPN")):
            # a noun modifying a later noun past an adjective: "how many Stryker armored personnel carriers"
            while token.dep_ in ("compound", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN":
                token = token.head
            return token
        if (token.i == index and token.lemma_ == "be") or (token.i <= index + 1 and token.pos_ == "DET"):
            continue  # "what is the <noun>"
        if token.pos_ in ("VERB", "AUX") or token.text in ("?", ","):
            return None
    return None


def _type_of_head(lemma: str) -> str | None:
    if lemma in COUNTRY_NOUNS:
        return "country"
    if lemma in PLACE_NOUNS:
        return "place"
    if lemma in ORGANISATION_NOUNS:
        return "organisation"
    if lemma in ("date", "day") or lemma in ("year", "month"):
        return "date"
    return None


def analyse(question: str, now: date, nlp) -> Frame:
    """Read ``question`` (already checked) into a :class:`Frame`, its time resolved against ``now``."""
    clean = URL.sub(" ", question)
    window = timewindow.find(clean, now)
    words = clean if window is None or window.searched else clean[: window.span[0]] + " " + clean[window.span[1] :]
    doc = nlp(words)
    frame = Frame(question, "thing", window=window, today=now)
    g = gazetteer()
    cased = any(c.isupper() for c in words[1:])
    for ent in map(_trimmed, doc.ents):
        if ent is None:
            continue
        if ent.label_ == "NORP" or (ent.label_ in ("GPE", "PERSON", "ORG") and g.country_of_demonym(ent.text)):
            country = g.country_of_demonym(ent.text)
            if country:
                frame.countries.append(country)
                continue
        if _qualifies_asked(ent):
            # "Which US body …", "Which UK firm …": a country's name modifying the asked noun qualifies the answer
            # as a demonym does ("Which American body"); the answer may carry it ("US Senate")
            frame.countries.append(g.country_named(ent.text) or ent.text)
            continue
        if ent.label_ in _ASKED_ENTITY_LABELS and (not cased or any(c.isupper() for c in ent.text)):
            # a name is written with a capital: "Which congress …" tagged as an organisation is the asked noun
            # (unless the asker writes no capitals at all)
            name = re.sub(r"^(?:the|a|an)\s+", "", ent.text.strip(" '’?"), flags=re.I)
            frame.entities.append(re.sub(r"['’]s$", "", name))
            if ent.label_ == "PERSON":
                frame.people.append(frame.entities[-1])
    for token in doc:
        country = g.country_of_demonym(token.text) if token.text[:1].isupper() and not token.ent_type_ else None
        if country and country not in frame.nationalities:
            frame.nationalities.append(country)  # "Which Lithuanian president": a demonym the model left untagged
    for run in _NAME_RUN.findall(words[1:] if words[:1].isupper() else words):
        name = run.strip(" .,'’")
        pieces = [name]
        if any(e in name and e != name for e in frame.entities):
            # a run the model tagged in part joins two names across "the" ("given Zelenskyy the EU questionnaire");
            # "of" and "de" join the parts of one name ("Stade de France")
            pieces = [p.strip(" .,'’") for p in _CONNECTOR.split(name)]
        for name in pieces:
            known = any(name in e or e in name for e in frame.entities)
            acronym = name.isupper() and len(name) <= 3  # "TV", "UN" the model did not tag: a common noun's initials
            if (
                name
                and name.lower() not in QUESTION_WORDS
                and not known
                and not acronym
                and not g.country_of_demonym(name)
            ):
                frame.entities.append(name)
    if window is not None and window.searched:
        # a feast's name kept for retrieval ("at Easter 2023") is a time, not a name a sentence must hold
        frame.entities = [e for e in frame.entities if e not in window.text]
        frame.people = [p for p in frame.people if p in frame.entities]
    frame.terms = [t for t in terms(words) if t not in QUESTION_WORDS and stem(t) not in QUESTION_WORDS]
    _set_type(frame, doc, words)
    frame.asks_start = _STARTING.search(words) is not None
    # "said leaders would discuss …": the future of a reported clause is told before it happens; so is an arranged
    # action ("Who was Biden to meet?")
    frame.future = any(
        t.dep_ == "aux" and (t.lower_ in ("will", "shall", "'ll") or (t.lower_ == "would" and t.head.dep_ == "ccomp"))
        for t in doc
    ) or any(_arranged(t) for t in doc)
    opening = [t for t in doc if not t.is_punct][:2]
    if (
        len(opening) == 2
        and opening[0].tag_ in ("IN", "TO")
        and opening[1].lower_ in ("which", "what", "whom", "who", "how")
        and opening[0].lower_ != "of"
        and (opening[0].lower_, opening[1].lower_) != ("by", "how")
    ):
        # "To how much …", "For how long …", but not "By how much …": the size of a change is written with "by" or
        # without it ("fell 0.7%")
        frame.fronted = opening[0].lower_
    if not frame.object_of and frame.fronted is None and frame.type in _OBJECT_TYPES:
        frame.object_of, frame.object_prep = _which_object(doc)
    elif not frame.object_of and frame.fronted is None and frame.type == "named":
        # "Which tournament did Agassi pull out of …?": a preposition left stranded takes the wh-phrase as its
        # object, whatever the noun (no modifier of the asked noun is meant there)
        verbs, prep = _which_object(doc)
        if prep is not None:
            frame.object_of, frame.object_prep = verbs, prep
    if not frame.object_of and frame.type == "amount" and frame.head is None:
        frame.object_of = _sum_object(doc)
    if not frame.object_of:
        frame.subject_of, frame.passive, frame.subject_objects, frame.subject_nouns = _subject_role(doc)
        present = any(t.lemma_.lower() in frame.subject_of and t.tag_ in ("VBZ", "VBP") for t in doc)
        if frame.type == "person" and frame.head is None and len(frame.subject_of) == 1 and present:
            # a role held is said in the present ("Who leads the party?"); a past act ("Who struck the deal?")
            # has a doer, not a holder
            frame.head = agent_noun(next(iter(frame.subject_of)))
    if frame.type == "count" and frame.head:
        frame.counted_verb = _counted_verb(doc, frame.head)
    frame.modifiers = _head_modifiers(doc, frame.head)
    frame.principals = _head_principals(doc, frame.head, frame.entities)
    frame.complement_of = _complement_of(doc, frame.head)
    frame.plural = bool(frame.head) and any(t.lemma_.lower() == frame.head and t.tag_ in ("NNS", "NNPS") for t in doc)
    frame.several = _several(doc, frame.head)
    frame.nationalities = [*frame.countries, *(c for c in frame.nationalities if c not in frame.countries)]
    return frame


_MODIFIERS = frozenset({"amod", "compound", "nmod"})


def _trimmed(ent: Span) -> Span | None:
    """``ent`` without the function words the model ran into it: no name ends in a preposition, conjunction or
    determiner ("Donetsk on" of "in Donetsk on New Year's Eve"); None when nothing else is left."""
    end = ent.end
    while end > ent.start and (ent.doc[end - 1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET") or ent.doc[end - 1].is_punct):
        end -= 1
    return ent if end == ent.end else (Span(ent.doc, ent.start, end, label=ent.label_) if end > ent.start else None)


def _qualifies_asked(ent: Span) -> bool:
    """``ent`` is a country's name written as a modifier of the wh-phrase's noun ("Which US body", "What UK
    firm"), not a name the answer is about."""
    noun = ent.root.head
    return (
        ent.label_ == "GPE"
        and ent.root.dep_ in ("compound", "nmod")
        and noun is not ent.root
        and noun.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ in ("which", "what") for c in noun.children)
        and gazetteer().country_named(ent.text) is not None
    )


def _head_modifiers(doc, head: str | None) -> tuple[str, ...]:
    """The words before the asked noun that restrict it (each modifier with its own dependents, as written), not
    a demonym (the question's country is matched on its own) nor a number."""
    noun = next((t for t in doc if head and t.lemma_.lower() == head and t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return ()
    g = gazetteer()
    out = []
    for child in noun.lefts:
        if child.dep_ not in _MODIFIERS or child.like_num:
            continue
        text = doc[child.left_edge.i : child.i + 1].text.lower()
        if len(text) > 2 and not g.country_of_demonym(text) and text not in QUESTION_WORDS:
            out.append(text)
    return tuple(out)


def _opens_possessor(token, noun) -> bool:
    """``token`` starts a possessor ("LG Card's") that is not ``noun``'s own: the noun phrase ended before it."""
    node = token
    for _ in range(3):
        if node.dep_ == "poss":
            return node.head.i != noun.i
        if node.head.i == node.i or node.head.i == noun.i:
            return False
        node = node.head
    return False


def _head_principals(doc, head: str | None, entities: list[str]) -> tuple[str, ...]:
    """The question's names of bodies standing before the asked noun as its possessor or a compound ("Who is the
    LSE's chief?": LSE), not places."""
    noun = next((t for t in doc if head and t.lemma_.lower() == head and t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return ()
    out = []
    for child in noun.lefts:
        if child.dep_ not in ("poss", "compound", "nmod") or child.pos_ != "PROPN":
            continue
        text = clean_name(doc[child.left_edge.i : child.i + 1].text)
        if any(e in text for e in entities) and gazetteer().place(text) is None:
            out.append(text)  # a body: a place's holders are told by the country (``nationalities``)
    return tuple(out)


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_LIGHT_VERBS = frozenset({"be", "have", "do"})


def _counted_verb(doc, head: str) -> str | None:
    """The lemma of the verb the counted noun ``head`` is an argument of ("How many people were wounded": wound;
    "How many copies has Halo 2 sold", parsed with "has" for the noun's head: the main verb), None when the
    question has no verb of its own ("How many tanks does Poland have?")."""
    noun = next((t for t in doc if t.lemma_.lower() == head or t.lower_ == head), None)
    if noun is None or not any(t.lower_ == "many" and t.head.i == noun.i for t in doc):
        return None  # "At what age did she die?": only a count of things is a count of an act's things
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is None or verb.pos_ != "VERB":
        verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None or verb.pos_ != "VERB":
        return None
    # a fronted object belongs to the innermost verb: "How many drones did the ministry say it shot down?" (shoot),
    # "… was Delta forced to cut?" (cut), "… has the government announced plans to cut?" (cut)
    for _ in range(4):
        inner = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"), None)
        if inner is None:
            inner = next(
                (a for o in verb.children if o.dep_ == "dobj" and o.i != noun.i
                 for a in o.children if a.dep_ in ("acl", "relcl") and a.pos_ == "VERB"),
                None,
            )  # fmt: skip
        if inner is None:
            break
        verb = inner
    if verb.lemma_.lower() in _LIGHT_VERBS:
        return None
    return verb.lemma_.lower()


def agent_noun(lemma: str) -> str | None:
    """The person noun of a verb's doer, when English has one among ``PERSON_NOUNS``: the same word ("captain",
    "coach", "head") or the verb with -er/-or ("lead" → leader, "manage" → manager, "govern" → governor): "Who
    captains France?" is answered by "France captain Fabien Pelous" as well as by "Pelous captains France"."""
    for noun in (lemma, lemma + "er", lemma + "r", lemma + "or"):
        if noun in PERSON_NOUNS and noun not in ("person", "man", "woman", "people"):
            return noun
    return None


def _subject_role(doc) -> tuple[frozenset[str], bool, tuple[str, ...], tuple[str, ...]]:
    """The verb whose subject the wh-phrase is ("Who called Michael Howard …?", "Which watchdog accused China …?"),
    whether it is a passive subject, the names of its object and the lemmas of its common-noun objects ("Who will
    voice the goose?"); nothing for a copula ("Who is …?") or when the wh-phrase is no subject."""
    wh = next((t for t in doc if t.lower_ in ("who", "which", "what")), None)
    if wh is None:
        return frozenset(), False, (), ()
    phrase = wh.head if wh.dep_ == "det" else wh  # "which watchdog": the noun the determiner governs
    verb = phrase.head
    if phrase.dep_ not in _SUBJECTS or verb.pos_ != "VERB" or verb.lemma_.lower() in _LIGHT_VERBS:
        return frozenset(), False, (), ()
    # The parse can take a fronted object for the subject ("With which country did the US say …"): English puts
    # no preposition before a subject, uses do-support only when the wh-phrase is not the subject, and gives a
    # verb one subject.
    preposition = wh.i > 0 and doc[wh.i - 1].pos_ == "ADP"
    do_support = any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in verb.children)
    # A second "subject" after the verb, without do-support, is its object misparsed ("Who captains Norway?").
    other_subject = any(c.dep_ in _SUBJECTS and c.i != phrase.i and c.i < verb.i for c in verb.children)
    if preposition or do_support or other_subject:
        return frozenset(), False, (), ()
    objects = tuple(
        " ".join(t.text for t in sorted([c, *(n for n in c.children if n.dep_ in ("compound", "flat"))]))
        for c in verb.children
        if c.i > verb.i and c.dep_ in ("dobj", "npadvmod", "nsubj") and c.pos_ == "PROPN"
    )  # the object's name: "Michael Howard" of "Who called Michael Howard …", not "Den EastEnders" of "Den in …"
    nouns = tuple(c.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN")
    return frozenset([verb.lemma_.lower()]), phrase.dep_ == "nsubjpass", objects, nouns


def _set_type(frame: Frame, doc, words: str) -> None:
    _set_kind(frame, doc, words)
    currency = next((CURRENCIES[t.lemma_.lower()] for t in doc if t.lemma_.lower() in CURRENCIES), None)
    if currency is not None and frame.type in ("count", "amount"):
        # "How much was it worth in pounds?", "How many euros …": a sum of money in that currency
        frame.type, frame.currency = "amount", currency
        if frame.head in CURRENCIES:
            frame.head = None


_ACTIVITY = re.compile(r"^\s*what\s+(?:is|was|are|were|will|would|did|does|do)\b.*\b(?:doing|do)\b", re.I)
""""What was the commander doing when …?", "What did the ministry do …?": English asks for an act with "do", which
a sentence's predicate answers, not a name of the subject's role."""


def _set_kind(frame: Frame, doc, words: str) -> None:
    if _ACTIVITY.match(words):
        return  # a sentence answers it (the frame's default type)
    how = _HOW.search(words)
    first = _WH.search(words)
    if how and first is not None and first.start() < how.start():
        how = None  # the first question word asks: "Which group estimated how much crude …" asks for a group
    if how:
        kind = (how.group("how") or "age").lower()
        if kind == "long":
            frame.type = "duration"
            frame.ago = re.match(r"\s*ago\b", words[how.end() :], re.I) is not None
            return
        if kind in ("old", "age"):
            frame.type, frame.head = "count", "age"
            return
        if kind == "fast":
            frame.type = "amount"  # "How fast did the economy grow?": a rate or a speed, a measured quantity
            return
        index = next((t.i for t in doc if t.idx >= how.end()), len(doc))
        # "how big a stake", "how large a share": the size of the noun that follows
        # a possessor is a determiner of the counted noun ("how much was the tycoon's yacht worth": the yacht)
        head = _head_after(doc, index, skip_possessor=True) if kind in ("many", "much", "big", "large") else None
        lemma = head.lemma_.lower() if head is not None else None
        if kind == "much" or (lemma in AMOUNT_WORDS):
            frame.type, frame.head = "amount", lemma
        elif lemma in TIME_UNITS:
            frame.type, frame.head = "duration", lemma
        else:
            frame.type, frame.head = "count", lemma
        return
    wh = _WH.search(words)
    if wh is None:
        return
    word = wh.group("wh").lower()
    if word in ("who", "whom", "whose"):
        frame.type = "person"
        whose = next((t for t in doc if t.lower_ == "whose" and t.dep_ == "poss"), None)
        if whose is not None and whose.head.pos_ == "NOUN" and not person_noun(whose.head.lemma_.lower()):
            # "Whose help did Macron seek?": the possessor, a person or a country or a body ("China's help"); a
            # person noun asks for a person ("Whose widow …")
            frame.possessed = whose.head.lemma_.lower()
        if _OBJECT_QUESTION.match(words):
            # after do-support the root is the lexical verb, whatever tag the model gives it ("appoint" as a noun)
            verb = next((t for t in doc if t.dep_ == "ROOT"), None)
            if (
                verb is not None
                and verb.pos_ not in ("PRON", "PROPN")
                and verb.lemma_.lower() not in ("do", "be")
                and _has_own_subject(verb)
            ):
                nouns = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
                frame.object_of = frozenset([verb.lemma_.lower(), *nouns])
                stranded = _stranded(doc, verb)
                frame.object_prep = stranded[0].lower_ if stranded else None
        role = _ROLE.match(words)
        if role:  # "Who is the governor of X?": the name that stands with the role noun
            index = next((t.i for t in doc if t.idx >= role.end()), len(doc))
            head = _head_after(doc, index, skip_possessor=True)
            if head is not None and head.i <= index + 3:
                frame.head = head.lemma_.lower()
        return
    if word == "when":
        frame.type = "date"
        return
    if word == "where":
        frame.type, frame.where = "place", True
        return
    if word == "why":
        frame.type = "reason"
        return
    index = next((t.i for t in doc if t.idx >= wh.end()), len(doc))
    # "What was Germany's jobless rate?": after a copula the wh-word is the predicate and the noun phrase that
    # follows is the subject, whose head is after its possessor ("Which city's cemetery": the determiner's noun
    # is the possessor, and asked for)
    copula = index < len(doc) and doc[index].lemma_ == "be"
    head = _head_after(doc, index, skip_possessor=copula)
    possessor = [t.i for t in doc[index : head.i] if t.tag_ == "POS"] if copula and head is not None else []
    start = possessor[-1] if possessor else index
    if copula and _NAMING_END.search(words):
        # "What is the alliance of Sony and Philips called?", "What is the 7E7 also known as?": the name given to
        # the subject, however long its phrase
        frame.type, frame.asks_name = "named", True
        subject = head or next((t for t in doc[index:] if t.dep_ in ("nsubj", "nsubjpass")), None)
        frame.head = subject.lemma_.lower() if subject is not None else None  # "the 7E7": a name, not a noun
        return
    if head is None or head.i > start + 4:
        return  # "What did X say …": a sentence answers it
    lemma = head.lemma_.lower()
    kind_of = _kind_of(head)
    if kind_of is not None:  # "What kind of missiles …": the missiles are asked about, by what they are
        head, lemma, frame.described = kind_of, kind_of.lemma_.lower(), True
    if lemma in ("name", "title", "codename", "nickname"):
        of = [t for t in head.children if t.dep_ == "prep" and t.lower_ == "of"]
        target = next((c for c in of[0].children if c.dep_ == "pobj"), None) if of else None
        frame.type, frame.head = "named", (target.lemma_.lower() if target is not None else None)
        frame.asks_name = True
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if target is None and owner is not None and owner.ent_type_ == "PERSON" and lemma == "name":
            frame.type, frame.head = "person", lemma  # "What is Cardi B's legal name?": a person's name
        return
    if lemma in ("reason", "cause"):
        frame.type = "reason"
        return
    if lemma in ("day", "week", "year", "month") and frame.window is not None:
        frame.type, frame.head = "named", lemma  # a question that gives the date asks which day of something
        return
    if lemma == "year":
        frame.type, frame.wants_year = "date", True
        return
    if lemma in ("time", "hour"):
        frame.type, frame.wants_clock = "date", True  # "At what time …": a time of day ("12:00", "5 pm")
        return
    if lemma in COUNT_NOUNS:
        frame.type, frame.head = "count", None
        return
    if lemma in SCORE_NOUNS:
        frame.type, frame.head = "score", None
        return
    if lemma in PERSON_NOUNS or (head.pos_ == "NOUN" and person_noun(lemma)):
        frame.type, frame.head = "person", lemma
        return
    country = gazetteer().country_of_demonym(head.text) if head.pos_ in ("NOUN", "PROPN") else None
    if country:
        # a nationality noun names a person of it: "For which American was Yaroshenko swapped?"
        frame.type, frame.head = "person", None
        if country not in frame.countries:
            frame.countries.append(country)
        return
    if lemma in AMOUNT_WORDS or lemma == "level":
        frame.type, frame.head = "amount", None
        return
    if head.ent_type_ == "NORP" and head.pos_ in ("NOUN", "PROPN") and head.text[:1].isupper():
        # a noun of a political or religious group names one of its members: "Which Republican expressed …",
        # "Which Democrat voted …" (the model tags the word a group, as it does nationalities)
        frame.type, frame.head = "person", lemma
        return
    typed = _type_of_head(lemma)
    if lemma == "station" and any(c.dep_ in ("compound", "amod") and c.lower_ in _BROADCAST for c in head.children):
        typed = "organisation"  # "Which TV station …": a broadcaster, not a building
    frame.type, frame.head = (typed or "named"), lemma
    if head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN"):
        frame.possessed = head.head.lemma_.lower()  # "Which country's parliament": the parliament's country


def _complement_of(doc, head: str | None) -> tuple[str, str] | None:
    """The noun and preposition the interrogative phrase completes ("the downing of which flight", "the capital of
    which country"), read from the words as written (the small model often misparses the phrase)."""
    if head is None:
        return None
    for token in doc[2:]:
        if token.lower_ not in ("which", "what"):
            continue
        preposition, noun = doc[token.i - 1], doc[token.i - 2]
        if preposition.tag_ == "IN" and noun.pos_ == "NOUN" and noun.lemma_.lower() != head:
            return noun.lemma_.lower(), preposition.lower_
    return None


KIND_NOUNS = frozenset("kind type sort variety part".split())
"""Nouns that ask for a subclass of the noun after "of" ("What kind of missiles", "Which type of tank"): English
names a subclass by modifiers of the noun ("hypersonic missiles", "Leopard 2 tanks"), and a part of a place by a
modifier of its name ("In which part of Ukraine": "southeastern Ukraine")."""


def _kind_of(head):
    """The noun after "of" when ``head`` is a noun of kind ("kind of missiles" → missiles), else None."""
    if head.lemma_.lower() not in KIND_NOUNS:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None
    return noun


def _several(doc, head: str | None) -> bool:
    """The asked noun is counted above one right after the interrogative ("which two regions")."""
    for token in doc:
        if token.lower_ in ("which", "what") and token.i + 2 < len(doc):
            number, noun = doc[token.i + 1], doc[token.i + 2]
            if number.like_num and number.lower_ not in ("one", "1") and noun.lemma_.lower() == head:
                return True
    return False


_OBJECT_TYPES = frozenset({"person", "organisation", "country", "place"})
"""Answer types a "which <noun> did X <verb>" question asks as the verb's object (a name asked for, "which
anniversary", is often a modifier of the asked noun instead: "the 60th anniversary")."""


def _which_object(doc) -> tuple[frozenset[str], str | None]:
    """For "Which <noun> did <subject> <verb> …?" the wh-phrase is the verb's object (whatever the parse calls
    it: English uses do-support only when the wh-phrase is not the subject), or the object of a preposition left
    stranded at the end ("Which club did Chelsea sign him from?"): the verb's lemma and that preposition."""
    wh = next((t for t in doc if t.lower_ in ("which", "what")), None)
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if wh is None or verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() in _LIGHT_VERBS:
        return frozenset(), None
    phrase = {wh.i, wh.head.i} if wh.dep_ == "det" else {wh.i}
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.i not in phrase and c.i > wh.i]
    # an auxiliary before the subject (do-support, or "be", "have" or a modal inverted: "Which team were Arsenal
    # facing?", "Which club has Chelsea signed?") says the wh-phrase is not the subject
    inverted = any(
        c.dep_ == "aux" and (c.lemma_.lower() in ("do", "be", "have") or c.tag_ == "MD") and c.i < subjects[0].i
        for c in verb.children
    ) if subjects else False  # fmt: skip
    if not inverted:
        return frozenset(), None
    stranded = _stranded(doc, verb)
    has_object = any(c.dep_ == "dobj" and c.i not in phrase and c.i > verb.i for c in verb.children)
    if stranded:
        return frozenset([verb.lemma_.lower()]), stranded[-1].lower_
    if has_object:
        return frozenset(), None  # "Which year did X sign the deal?": the wh-phrase is an adverbial
    return frozenset([verb.lemma_.lower()]), None


def _sum_object(doc) -> frozenset[str]:
    """For "How much did <subject> <verb>?" with no object of its own ("How much did the film take?", "How much
    will BLB pay?"), the sum asked for is the verb's object: the verb's lemma."""
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() in _LIGHT_VERBS:
        return frozenset()
    # read from the words as written: the small model hangs the auxiliary on any word of the subject
    auxiliary = any(t.tag_ == "MD" or (t.pos_ == "AUX" and t.lemma_.lower() == "do") for t in doc[: verb.i])
    subject = any(c.dep_ in _SUBJECTS for c in verb.children)
    has_object = any(
        c.dep_ == "dobj" and c.i > verb.i and c.ent_type_ not in ("DATE", "TIME") for c in verb.children
    )  # "take on Christmas Day": a date the parse makes an object is none
    return frozenset([verb.lemma_.lower()]) if auxiliary and subject and not has_object else frozenset()


def _stranded(doc, verb) -> list:
    """Prepositions after ``verb`` left without an object: the wh-phrase is theirs ("… talks with?")."""
    return [t for t in doc if t.dep_ == "prep" and t.i > verb.i and not any(t.children)]


ARRANGED = frozenset("be due set scheduled slated expected poised".split())
"""Words that take a to-infinitive of what is arranged to happen ("Who was Biden to meet?", "Where is the summit due
to take place?"): the future of its time, told in reports before it."""


def _arranged(word) -> bool:
    """``word`` ("was", "due") takes a to-infinitive of an arranged action."""
    return word.lemma_.lower() in ARRANGED and any(
        c.dep_ in ("xcomp", "advcl")
        and c.tag_ == "VB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in word.children
    )


def _has_own_subject(verb) -> bool:
    """``verb`` has a subject other than the wh-word: only then is "who" its object ("Who will Biden meet?");
    an auxiliary after "who" is also the wh-subject's own ("Who will voice the goose?", "Who has been
    appointed?")."""
    return any(c.dep_ in _SUBJECTS and c.lower_ not in ("who", "whom") for c in verb.children)


PEOPLE_SHARE = 0.5
"""A noun names people when at least this share of its uses before a capitalised word start a person's name.
Measured on the BBC, 2023 feed and press stores (nouns chosen before, threshold after; uses: person share):
striker 35: 0.97, flanker 31: 0.97, prop 20: 0.95, journalist 12–15: 0.92–1.0, comedian 10: 0.80, speaker 5:
0.80, oligarch 5: 1.0, billionaire 7–10: 0.43–0.70; company 7–44: 0.09–0.43, album 40: 0.28, film 67: 0.16,
fund 7: 0.14, song 24: 0.12, magazine 18: 0.11, programme 20: 0.10, network 11: 0.09, watchdog 10: 0.00 (titles
of films and albums are often tagged as people, hence the half)."""
PEOPLE_MIN_USES = 5
"""Below this many uses before a capital the store cannot tell."""


def names_people(store: Store, noun: str) -> bool:
    """The store's articles write ``noun`` before people's names ("Wasps flanker Johnny O'Connor", "oligarch
    Ilan Shor"): "which <noun>" asks for a person. News grows its role nouns faster than any list."""
    forms = [noun, plural(noun)]
    kinds = store.actors.kinds_named_after(forms)
    uses = sum(kinds.values())
    return uses >= PEOPLE_MIN_USES and kinds["person"] / uses >= PEOPLE_SHARE


def question_actors(store: Store, question: str) -> dict[int, str]:
    """Actors named in the question: capitalised runs of words (and their sub-runs), looked up by any alias."""
    found: dict[int, str] = {}
    for run in _NAME_RUN.findall(URL.sub(" ", question)):
        parts = run.split()
        for size in range(len(parts), 0, -1):
            for start in range(0, len(parts) - size + 1):
                name = " ".join(parts[start : start + size]).strip(".,'’")
                if name.lower() in QUESTION_WORDS or len(name) < 2:
                    continue
                ids = find_actors(store, name)
                if ids and ids[0] not in found:
                    found[ids[0]] = name
    return found


def is_identity(store: Store, question: str) -> bool:
    """True for "Who is X?" where X is the name of a stored actor (not "who is the artistic director of X", nor
    an office the store took for a name, "Prosecutor of the International Criminal Court"): the sentence that
    describes the actor answers it."""
    match = _IDENTITY.match(question)
    if match is None or not match.group(1)[:1].isupper():
        return False
    office = re.match(r"([\w-]+)\s+(?:of|for)\s", match.group(1))
    if office and (gazetteer().is_title(office.group(1)) or person_noun(office.group(1).lower())):
        return False  # "Who is the Prosecutor of the International Criminal Court?" asks for the office's holder
    return bool(find_actors(store, match.group(1)))
