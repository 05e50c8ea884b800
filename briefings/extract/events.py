"""Events in one article: one per reported action, typed, with who acted, on whom, where, when and how many.

A verb (or a light verb with an event noun: "launched an attack") whose lemma is in ``data/events.json`` is a
trigger. Who acted, on whom and where come from its arguments (``roles.py``), numbers with their nouns give the
counts ("46 civilians" killed). The date comes from date words in the sentence, resolved against the article's
date; sentences about anniversaries, commemorations or earlier events are background, not news of that day.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Doc, Span, Token

from briefings.extract.actors import ArticleActors
from briefings.extract.anteriority import (
    before_its_time,
    in_the_past,
    in_the_present,
    judged_deed,
    just_done,
    measured_after,
    measured_later,
    over_a_period,
    presupposed,
    told_as_history,
)
from briefings.extract.domain import game_sense, sport_report
from briefings.extract.factuality import MAX_HOPS, modality
from briefings.extract.frames import fitted_type
from briefings.extract.gazetteer import load_data
from briefings.extract.profile import GENERAL, load_profile
from briefings.extract.records import EventDate, EventRef
from briefings.extract.roles import roles
from briefings.extract.speech import speakers_own_act, spoken_tokens
from briefings.extract.timeexpr import WORD_NUMBERS, ago, article_date, resolve

BACKGROUND_AFTER = timedelta(days=3)
"""A dated event this long before the article is background, dated to when it happened."""
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    aid_kinds: dict[str, str]
    numbers: dict[str, str]
    background: frozenset[str]

    @property
    def types(self) -> frozenset[str]:
        """Every event type a sentence can be given."""
        return frozenset(self.verbs.values()) | frozenset(self.nouns.values())


@cache
def lexicon(profile: str = GENERAL) -> Lexicon:
    """The event lexicon (``data/events.json``) with a profile's additions."""
    data = load_data("events.json")
    for table, additions in load_profile(profile).events.items():
        for kind, words in additions.items():
            data[table][kind] = [*data[table].get(kind, []), *words]
    verbs: dict[str, str] = {}
    for kind, lemmas in data["verbs"].items():
        for lemma in lemmas:
            verbs.setdefault(lemma, kind)
    nouns = {lemma: kind for kind, lemmas in data["nouns"].items() for lemma in lemmas}
    aid = {word: kind for kind, words in data["aid_kinds"].items() for word in words}
    numbers = {word: meaning for meaning, words in data["numbers"].items() for word in words}
    return Lexicon(
        verbs,
        nouns,
        frozenset(data["light_verbs"]),
        aid,
        numbers,
        frozenset(data["background_cues"]),
    )


def _number_value(token: Token) -> int | None:
    text = token.text.lower().replace(",", "")
    value: float
    try:
        value = float(text)
    except ValueError:
        word = WORD_NUMBERS.get(text)
        if word is None:
            return None
        value = word
    for child in token.children:
        tens = WORD_NUMBERS.get(child.lower_, 0)
        if child.dep_ == "compound" and child.i < token.i and tens % 10 == 0 and 20 <= tens <= 90 and value < 10:
            value += tens  # "Thirty-two": the model splits it, hanging "Thirty" on "two"
        if child.lower_ in _SCALE:
            value *= _SCALE[child.lower_]
    head = token.head
    if head.lower_ in _SCALE and head.i == token.i + 1:
        value *= _SCALE[head.lower_]
    return int(value)


def _numbers(sent: Span, lex: Lexicon) -> list[dict]:
    found: list[dict] = []
    for token in sent:
        if (
            token.like_num
            and token.ent_type_ not in ("DATE", "TIME", "PERCENT", "ORDINAL")
            and token.dep_
            in ("nummod", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj", "quantmod", "compound")
        ):
            value = _number_value(token)
            if value is None or token.dep_ == "quantmod" or token.head.like_num:
                continue
            noun = token.head if token.dep_ in ("nummod", "compound") else token
            meaning = None
            after = sent.doc[token.i + 1] if token.i + 1 < sent.end else None
            stated = lex.numbers.get(after.lemma_.lower()) if after is not None else None
            # "12 dead and more than 100 injured": a casualty word right after the numeral says what it counts,
            # wherever the parser hangs the numeral (here on "dead", as a conjunct)
            meaning = stated if stated in ("killed", "injured") else None
            for candidate in (
                (noun, *[c for c in noun.children if c.dep_ in ("amod", "acomp", "oprd", "acl", "xcomp")], noun.head)
                if meaning is None
                else ()
            ):
                meaning = lex.numbers.get(candidate.lemma_.lower()) or meaning
                if meaning and meaning not in ("people",):
                    break
            if meaning in (None, "people"):
                # "the lives of 46 civilians", "leaving five injured": the governing words say what happened.
                for ancestor in noun.ancestors:
                    m = lex.numbers.get(ancestor.lemma_.lower())
                    if m in ("killed", "injured"):
                        meaning = m
                        break
                    if ancestor.dep_ == "ROOT":
                        break
            start = min(t.i for t in token.subtree if t.i >= token.i - 3)
            phrase = sent.doc[start : noun.i + 1] if noun.i >= token.i else sent.doc[start : token.i + 1]
            found.append({"value": value, "meaning": meaning or "count", "text": phrase.text})
    return found


def _numbers_for(kind: str, verb: Token, numbers: list[dict]) -> list[dict]:
    """Casualty counts belong to casualty events; other counts to the event whose phrase holds them."""
    if kind == "casualties":
        return [n for n in numbers if n["meaning"] in ("killed", "injured", "people")]
    if kind not in ("attack", "interception", "aid", "military posture", "sanction"):
        return []
    phrase = {t.text for t in verb.subtree}
    return [n for n in numbers if n["meaning"] not in ("killed", "injured") and n["text"].split()[-1] in phrase]


_TITLES = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "ORG", "FAC"})
"""Named entities a verb can be a word of: the verb names a film, a law or a body, it reports nothing ("his new comedy,
Meet the Fockers")."""


def _in_a_title(token: Token) -> bool:
    """A verb that is a word of a name: inside a title-like entity with all its dependents ("Meet the Fockers"),
    not a headline's verb the model ran into a name ("Ukrainian Forces Destroy four armoured vehicles": its object
    is outside)."""
    if token.ent_type_ not in _TITLES:
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and all(ent.start <= c.i < ent.end for c in token.children if c.dep_ != "punct")


def _capitalised_in_running_text(token: Token) -> bool:
    """A verb written with a capital inside a sentence written in sentence case, before another capitalised word:
    English capitalises a verb there only as a word of a name or a title ("the director behind Die Hard 2", "the
    Occupy Wall Street movement"). Not the sentence's first word, nor one after a quotation mark or a colon, nor in
    a headline written in title case, nor a headline's verb before its lower-case object ("Ukrainian Forces Destroy
    four armoured vehicles")."""
    sent = token.sent
    if not token.is_title or token.i == sent.start or token.nbor(-1).is_quote or token.nbor(-1).text in (":", "-"):
        return False
    if token.i + 1 >= sent.end or not token.nbor(1).is_title:
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3 and t.i != sent.start]
    return sum(t.is_title for t in words) * 2 < len(words)


def _trigger_type(token: Token, lex: Lexicon) -> tuple[str, str] | None:
    if token.pos_ not in ("VERB",) or _in_a_title(token) or _capitalised_in_running_text(token):
        return None
    lemma = token.lemma_.lower()
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "dative", "nsubjpass")]
    for obj in objects:
        obj = _contents(obj, lex)
        noun_kind = lex.nouns.get(obj.lemma_.lower())
        if noun_kind == "aid" and lemma == "impose":
            continue  # what is imposed is a burden ("imposed a new package against Russia"), never help
        if noun_kind and lemma in lex.light_verbs:
            return noun_kind, f"{token.text} {obj.text}"
        if lex.numbers.get(obj.lemma_.lower()) == "killed" and lemma in ("claim", "take", "cost"):
            return "casualties", f"{token.text} {obj.text}"
    kind = lex.verbs.get(lemma)
    if lemma == "leave" and any(c.lemma_.lower() in ("injure", "wound", "dead", "kill") for c in token.subtree):
        return "casualties", token.text
    if kind is None:
        return None
    return kind, token.text


CONTAINERS = frozenset("package round wave series set batch raft spate string volley barrage tranche".split())
"""Nouns that measure out what follows "of" ("a package of sanctions", "a new round of talks", "a wave of
attacks"): the act is that noun's."""


def _contents(noun: Token, lex: Lexicon) -> Token:
    """The event noun a container noun holds ("sanctions" in "a package of sanctions"), else ``noun``."""
    if noun.lemma_.lower() not in CONTAINERS:
        return noun
    held = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return next((o for o in held if o.lemma_.lower() in lex.nouns), noun)


def _aid_kind(verb: Token, lex: Lexicon) -> str | None:
    for token in verb.subtree:
        kind = lex.aid_kinds.get(token.lemma_.lower()) or lex.aid_kinds.get(token.text)
        if kind:
            return kind
    return None


def _dates_by_sentence(doc: Doc, sentences: list[Span]) -> dict[int, list[Span]]:
    """The DATE entities of each sentence, by its first token (``doc.ents`` rebuilds its list on every call, and
    ``Span.ents`` calls it: group them once)."""
    dates: dict[int, list[Span]] = {}
    starts = [s.start for s in sentences]
    for ent in doc.ents:
        if ent.label_ == "DATE":
            index = bisect.bisect_right(starts, ent.start) - 1
            dates.setdefault(starts[index], []).append(ent)
    return dates


def extract_events(doc: Doc, actors: ArticleActors, published: date, lex: Lexicon | None = None) -> list[EventRef]:
    """The events reported in one article (``lex``: the lexicon of the article's profile; default: general)."""
    lex = lex or lexicon()
    events: list[EventRef] = []
    sentences = list(doc.sents)
    dates = _dates_by_sentence(doc, sentences)
    sport = sport_report(doc.text)  # "struck a penalty", "Fiji rallied": the game's senses (domain.py)
    said = spoken_tokens(doc)  # quotations, or all of a speech (speech.py)
    anchor: EventDate | None = None  # the past time a narrative is set in, while it goes on
    for sent in sentences:
        text = sent.text.strip()
        own = dates.get(sent.start, [])
        when, explicit_past = _sentence_date(own, published)
        if own or "\n" in sent.text or not _narrative_past(sent):
            scene, scene_past = _sentence_date([d for d in own if _sets_the_scene(d, sent)], published)
            anchor = scene if scene_past and _narrative_past(sent) else None
        elif anchor is not None:
            when, explicit_past = anchor, True  # "In 2014 … The fleet was used to capture Crimea."
        if len(text) < 12 or "\n" in text or text.endswith("?"):
            continue  # headings and questions report nothing
        triggers = [(token, *found) for token in sent if (found := _trigger_type(token, lex))]
        if sport:
            senses = [(token, game_sense(kind, token, trigger, sent), trigger) for token, kind, trigger in triggers]
            triggers = [(token, kind, trigger) for token, kind, trigger in senses if kind is not None]
        if triggers:
            dated = _Dating(when, explicit_past, own, published, said)
            events += _sentence_events(sent, triggers, actors, lex, dated)
    return events


def _sets_the_scene(ent: Span, sent: Span) -> bool:
    """A date that says when the sentence's own clause happened, so that a narrative continued in the sentences
    after it is set then: at the front of the sentence ("In 2014, …") or an adverbial of its main verb ("The fleet
    was moved in 2014"). A date inside a noun phrase ("noted the importance of the address … on April 21") may be
    that noun's and is not carried to other sentences."""
    if ent.start - sent.start <= 1:
        return True
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i == sent.root.i


def _narrative_past(sent: Span) -> bool:
    """A sentence told in the simple past or the past perfect (its main verb): it can continue a dated narrative.
    A present, perfect or future main clause returns to the time of writing (Reichenbach's reference time)."""
    root = sent.root
    if root.tag_ == "VBD":
        return True
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    return root.tag_ == "VBN" and any(a.lower_ in ("had", "was", "were") for a in aux)


def _sentence_events(
    sent: Span,
    triggers: list[tuple[Token, str, str]],
    actors: ArticleActors,
    lex: Lexicon,
    dated: _Dating,
) -> list[EventRef]:
    """One event per reported action of a sentence: its roles, numbers, subtype and date."""
    numbers = _numbers(sent, lex)
    text = sent.text.strip()
    events: list[EventRef] = []
    seen: list[tuple] = []
    trigger_tokens = {t.i for t, _, _ in triggers}
    for verb, kind, trigger in triggers:
        # "pledged to send": one action, reported by the outer verb.
        if verb.dep_ == "xcomp" and verb.head.i in trigger_tokens:
            continue
        if modality(verb) is not None:
            continue  # "will attack", "urged Russia to withdraw", "did not sign": not an event (factuality.py)
        if trigger == verb.text:  # a verb alone (not "launched an attack"): its arguments must fit (frames.py)
            fitted = fitted_type(verb, kind, actors)
            if fitted is None:
                continue
            kind = fitted
        source, target, location, named = roles(verb, kind, sent, actors)
        event_numbers = _numbers_for(kind, verb, numbers)
        if source is None and named is None and not event_numbers:
            continue  # an event involves someone the sentence names
        if any(k == kind and source in (s, None) and named in (n, None) for k, s, n in seen):
            continue  # the same action told twice in one sentence ("leaving five injured")
        seen.append((kind, source, named))
        when, dated_past = dated.of(verb)
        recalled = _recalled(verb, sent, lex) or told_as_history(verb) or judged_deed(verb)
        undated = _undated(when, dated.published)
        interval = measured_after(verb) if undated else None
        if interval is not None:  # "one year after Russia invaded": that long before its main clause
            when, dated_past = _before_by(interval, dated.of(verb.head)[0], dated.published)
            undated = False
        later = measured_later(verb) if undated else None
        recalled = recalled or later in ("month", "year")  # "three years later": history of the narrative
        told_earlier = _told_earlier(verb, when, dated.said)
        if (undated and (recalled or later or told_earlier or before_its_time(verb) or over_a_period(verb))) or (
            when.source == "article" and presupposed(verb)
        ):
            # told as earlier than the article without a date of its own: on or before the article's day ("who
            # died on this day" at a memorial is an earlier year's day; "the documents signed today" keep today)
            when = EventDate(when.date, "before", when.source)
        events.append(
            EventRef(
                type=kind,
                subtype=_aid_kind(verb, lex) if kind == "aid" else None,
                trigger=trigger,
                sentence=text,
                start=sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
                end=sent.start_char + len(sent.text.rstrip()),
                date=when,
                background=dated_past or recalled,
                source=source,
                target=target,
                location=location,
                numbers=event_numbers,
            )
        )
    return events


def _before_by(interval: tuple[int, str], main: EventDate, published: date) -> tuple[EventDate, bool]:
    """The date ``interval`` (amount, unit) before the main clause's own date ("released in February 2024, two
    years after Russia invaded": 2022), else the article's, at the unit's precision, and whether that is more than
    three days before the article (background)."""
    amount, unit = interval
    reference = date.fromisoformat(main.date) if main.source != "article" and main.precision != "before" else published
    found = ago(reference, amount, unit)
    return found, published - date.fromisoformat(found.date) > BACKGROUND_AFTER


def _undated(when: EventDate, published: date) -> bool:
    """The sentence gives no date of its own: the article's day, or "today" / "this day" (the day itself)."""
    return when.source == "article" or (when.precision == "day" and when.date == published.isoformat())


def _recalled(verb: Token, sent: Span, lex: Lexicon) -> bool:
    """An action the sentence recalls rather than reports: inside what an anniversary, a memorial or mourning
    is of ("the anniversary of a missile assault, which claimed the lives of 46"; the commemorating itself is the
    news), or the anchor of a "since" clause ("Since Russia invaded Ukraine, hundreds of thousands have left")."""
    for cue in sent:
        if cue.lemma_.lower() in lex.background and cue.i != verb.i and cue.is_ancestor(verb):
            return True
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBD", "VBN")
        and any(c.dep_ in ("mark", "prep", "advmod") and c.lower_ == "since" for c in verb.children)
    )


def _attachment(ent: Span) -> tuple[Token, Token, bool] | None:
    """Where a date hangs in the parse: the nearest verb above it, the token on the way that depends on that verb,
    and whether the way passed through a preposition ("in the run-up to the 2001 election"); None when no verb is
    above it (a heading)."""
    child, node = ent.root, ent.root
    through_preposition = False
    for _ in range(MAX_HOPS * 2):
        if node.pos_ in ("VERB", "AUX") and node.i != ent.root.i:
            return node, child, through_preposition
        if node.head.i == node.i:
            return None
        through_preposition = through_preposition or node.dep_ == "prep"
        child, node = node, node.head
    return None


def _on_the_verb(ent: Span, verb: Token) -> bool:
    """The date hangs on ``verb`` itself: its temporal modifier ("met Monday"), the object of one of its
    prepositions ("announced on Friday", wherever the parser hangs the phrase below the verb: "leaders on Friday
    announced"); not a date inside the object of a preposition ("made his first visit since Russia's invasion last
    February": the invasion's date)."""
    found = _attachment(ent)
    if found is None or found[0].i != verb.i:
        return False
    token = ent.root.head
    while token.i != verb.i:
        if token.dep_ == "pobj" and not _is_a_time(token):
            return False  # inside the object of a preposition: that noun's date (a date coordinated with a date
            # is still the verb's: "in Kyiv Tuesday and Wednesday")
        token = token.head
    return True


def _in_future_clause(ent: Span) -> bool:
    """True when the clause the date belongs to (its nearest verb above it) speaks of the future: "will begin
    training in October", "is due to meet on Friday"."""
    found = _attachment(ent)
    return found is not None and modality(found[0]) == "future"


@dataclass(frozen=True)
class _Dating:
    """A sentence's date (its first date that says when, or the narrative's, or the article's) and its own DATE
    entities, from which each trigger takes those that belong to its clause."""

    when: EventDate
    past: bool
    own: list[Span]
    published: date
    said: frozenset[int] = frozenset()

    def of(self, verb: Token) -> tuple[EventDate, bool]:
        if not self.own:
            return self.when, self.past  # the article's date, or the date of the narrative it continues
        mine = [d for d in self.own if _dates_clause_of(d, verb)] or _shared_with_conjunct(self.own, verb)
        # a date in the verb's own clause says when it happened before one of a clause above it ("at this weekend's
        # summit, where leaders on Friday announced sanctions": Friday)
        direct = [d for d in mine if _on_the_verb(d, verb)]
        when, past = _sentence_date(direct or mine, self.published)
        if not direct and mine and when.precision == "day" and (_in_an_after_clause(verb) or _reported(verb, mine)):
            # "prices rose on Thursday after Russia threatened ...": the threat came on or before that Thursday;
            # "Ivana Trump died of injuries, the examiner said Friday": what is reported came on or before the report
            when = EventDate(when.date, "before", when.source)
        return when, past


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd", "csubj", "agent", "appos"})
"""Dependencies of a verb's participants: a date that premodifies one describes that participant."""
_PREMODIFIERS = frozenset({"poss", "compound", "nummod", "amod"})
"""How a date modifies the noun it stands before ("last year's", "the 2016"); a date hung on a noun as an adverbial
("the Cabinet in April approved": the parser's npadvmod) still dates the clause."""
_NOUN_DATES = _PREMODIFIERS | {"nmod"}
"""The same inside a phrase, and a month and day before an event noun ("the March 3 riot")."""
_TIME_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "following", "since", "until", "till", "in", "at"})
"""Prepositions that place the clause's action in time relative to the event their object names ("met after the 2019
election", "won in the 2016 election"): the date of that event dates the action too."""
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "hour", "day", "weekend"})
"""Nouns a weekday or date premodifies in a time phrase ("Thursday night", "Monday's early hours")."""
_BROADCASTS = frozenset({"programme", "program", "show", "broadcast", "edition", "episode", "podcast"})
"""Occasions of speaking that "on" introduces: a date before one says when the words were said."""
_TIME_RELATIONS = frozenset({"run-up", "lead-up", "eve", "wake", "aftermath", "height", "end", "start", "beginning"})
"""Nouns that relate a time to an event ("in the run-up to the 2019 election", "on the eve of the 2014 vote")."""


REPORTING = frozenset(
    "say tell report announce confirm claim state add write reveal disclose acknowledge admit allege insist".split()
)
"""Verbs of saying: what their complement clause tells happened before it was said, or as it was."""


def _reported(verb: Token, dates: list[Span]) -> bool:
    """``verb`` is in the clause a verb of saying reports, and the date is the saying's ("died of injuries, the
    medical examiner said Friday")."""
    saying = _saying_above(verb, MAX_HOPS)
    return saying is not None and any(_on_the_verb(d, saying) for d in dates)


def _saying_above(verb: Token, hops: int) -> Token | None:
    """The verb of saying whose complement clause (``ccomp``, or ``parataxis`` for "..., the examiner said") holds
    ``verb``, within ``hops`` steps up the parse."""
    node = verb
    for _ in range(hops):
        head = node.head
        if head is node:
            return None
        if node.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in REPORTING:
            return head
        node = head
    return None


DEICTIC_TIMES = frozenset({"today", "tonight", "yesterday", "overnight"})
"""Words that place an action on the day of writing or the night before, which the model does not always tag as a
date ("shot down 15 drones overnight", "tonight they started bombing")."""


def _told_earlier(verb: Token, when: EventDate, said: frozenset[int]) -> bool:
    """A past told in speech without a word of its own for when (see ``anteriority`` and ``speech``): in what a
    present verb of saying reports, or in a quotation or a speech, but for the speaker's own act in the simple past
    and what was "just" done."""
    if when.source != "article" or not in_the_past(verb) or just_done(verb):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in DEICTIC_TIMES for t in verb.sent):
        return False  # a time word of its own, whichever verb the parser gave it: not told as undated
    return (verb.i in said and not speakers_own_act(verb)) or _reported_now(verb)


def _reported_now(verb: Token) -> bool:
    """``verb`` is in what a verb of saying in the present reports ("Johnson has said Putin threatened him", "the
    military says the rounds were confiscated"): a past there came before the saying."""
    saying = _saying_above(verb, MAX_HOPS * 2)  # a past deep in the report ("victims of a crash that killed ...")
    return saying is not None and in_the_present(saying)


def _shared_with_conjunct(dates: list[Span], verb: Token) -> list[Span]:
    """The date that closes the verb coordinated after ``verb``, when ``verb`` has none of its own: a trailing
    adverbial belongs to the whole coordination ("was shot and stabbed to death in November 2004": both acts then;
    not a date written before the second verb, "attacked Kyiv and on Monday struck Lviv")."""
    for conjunct in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        trailing = [d for d in dates if d.start > conjunct.i and _on_the_verb(d, conjunct)]
        if trailing:
            return trailing
    return []


def _in_an_after_clause(verb: Token) -> bool:
    """``verb`` heads a clause of "after" ("after Russia threatened", "after threatening"), or one coordinated
    with it: what it tells came before the time of the clause above."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ == "after"


def _dates_clause_of(ent: Span, verb: Token) -> bool:
    """True when the date says when ``verb``'s action happened: the clause the date is attached to (its nearest
    verb, reached through the phrase it sits in) is the verb's or one that governs it ("On March 29, troops shelled
    Kharkiv, killing five": both), not a clause below or beside it ("voted to indict him over a payment made during
    the 2016 election", "a Crimean Tatar who has been head of the fund since last year"), and the date does not
    describe one of the clause's participants ("Last year's invasion was condemned on Thursday")."""
    found = _attachment(ent)
    if found is None:
        return True  # no verb above it (a heading): the sentence's date
    node, child, through_preposition = found
    if not through_preposition and child.dep_ in _ARGUMENTS and ent.root.dep_ in _NOUN_DATES:
        return False  # a date before a participant's noun describes it ("last year's invasion", "the House
        # January 6 committee corroborated …")
    if _of_a_noun(ent):
        # "the purges of 1943 were commemorated", "the Minsk agreements of 2015": a date after "of" says when that
        # noun's event was (a genitive), not when the clause's action was; it still dates what a clause of that
        # noun tells ("the decree of March 3 that banned ...")
        return ent.root.head.head.is_ancestor(verb)
    if child.dep_ in _ARGUMENTS and _in_an_aside(ent.root, child):
        return False  # a date in an apposition or a clause describing a participant dates that description ("Mr
        # Saakashvili, president since January, has urged ...")
    if through_preposition and ent.root.dep_ in _NOUN_DATES and not _in_a_phrase_of_time(ent.root.head):
        # "arrested in connection with the March 3 riot": the riot's date, not the arrests'; it still dates what a
        # clause of that noun tells ("behind the September explosions that damaged the pipelines")
        return ent.root.head.is_ancestor(verb)
    if _participle_aside(node, verb):
        return False
    return node.i == verb.i or node.is_ancestor(verb)


_ASIDES = frozenset({"appos", "acl", "relcl"})
"""How an apposition or a clause hangs on the noun it describes."""


def _in_an_aside(token: Token, participant: Token) -> bool:
    """``token`` sits in an apposition or a clause of the ``participant`` noun, on the way up to it."""
    while token.i != participant.i:
        if token.dep_ in _ASIDES:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _participle_aside(node: Token, verb: Token) -> bool:
    """``node`` is a past participle with no auxiliary, set off by a comma, that the parser made the head of the
    sentence, and ``verb`` the finite verb coordinated with it ("Mr Saakashvili, elected president in January, has
    urged parliament to approve the amnesty"): a clause needs a finite verb, so the participle is an aside that
    describes the subject (a reduced relative clause), and what dates it does not date the finite verb."""
    return (
        node.tag_ == "VBN"
        and node.dep_ == "ROOT"
        and node.i > 0
        and node.doc[node.i - 1].text == ","
        and not any(c.dep_ in ("aux", "auxpass") for c in node.children)
        and verb.dep_ == "conj"
        and verb.head.i == node.i
        and any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)
    )


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
"""Tags of a finite auxiliary ("has", "are", "was", "will")."""


def _in_a_phrase_of_time(noun: Token) -> bool:
    """True when ``noun`` is the object of a preposition of time ("after the 2019 election") or of a noun relating a
    time to it ("in the run-up to the 2019 election"); a noun in any other phrase ("in connection with the riot",
    "on the anniversary of the liberation") is a participant, not a time."""
    if _is_a_time(noun):
        return True  # "on Thursday night", "early on Friday morning": the date is part of a time phrase
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    if preposition.lower_ in _TIME_PREPOSITIONS:
        return True
    if preposition.lower_ == "on" and noun.lemma_.lower() in _BROADCASTS:
        return True  # "said on Wednesday's Today programme": the broadcast is when it was said
    relation = preposition.head
    doc = relation.doc
    word = relation.lower_
    if relation.i >= 2 and doc[relation.i - 1].text == "-":  # "run-up" is three tokens: run, -, up
        word = f"{doc[relation.i - 2].lower_}-{word}"
    return word in _TIME_RELATIONS or _is_a_time(relation)  # "in the early hours of Monday": a time's own phrase


def _of_a_noun(ent: Span) -> bool:
    """``ent`` is the object of "of" after a noun that is not itself a time ("the purges of 1943"; not "the
    morning of March 3", "the end of May", "the summer of 2022", nor a noun in a phrase of time: "after the
    elections of 2019" still places the clause's action)."""
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:  # "the agreements of November 9, 2020 and January 11"
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    noun = root.head.head
    return (
        noun.pos_ in ("NOUN", "PROPN")
        and noun.lemma_.lower() not in _PERIODS | _TIME_RELATIONS
        and not _in_a_phrase_of_time(noun)
    )


_PERIODS = frozenset(
    "week month year decade century season spring summer autumn fall winter half quarter part middle days weeks"
    " months years".split()
)
"""Nouns of a stretch of time: "of" after one names the time it is part of ("the first week of March")."""


def _is_a_time(token: Token) -> bool:
    return token.lemma_.lower() in _TIMES_OF_DAY or token.ent_type_ in ("DATE", "TIME")


_BOUNDS = frozenset({"until", "till", "by", "before", "since"})
"""Prepositions whose date bounds a period or sets a deadline ("by Wednesday", "since December") rather than saying
when the action took place."""


def _bounds(ent: Span) -> bool:
    """True for the object of a bounding preposition, inside the entity or before it ("killed since December",
    "pledged to resign by Wednesday": spaCy mostly leaves the preposition out of the DATE)."""
    if ent[0].lower_ in _BOUNDS:
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ in _BOUNDS and before.dep_ == "prep"


_DEICTIC = frozenset({"this", "last", "next", "past"})


def _with_determiner(ent: Span) -> str:
    """A date's text with the deictic word spaCy may leave out of the entity ("this weekend's summit" tags only
    "weekend"): the word decides which one is meant."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in _DEICTIC and ent[0].lower_ not in _DEICTIC:
        return f"{before.text} {ent.text}"
    return ent.text


def _sentence_date(dates: list[Span], published: date) -> tuple[EventDate, bool]:
    """The event date of a sentence (from its DATE entities) and whether it places the event in the past."""
    for ent in dates:
        resolved = resolve(_with_determiner(ent), published, forward=_in_future_clause(ent))
        if resolved is None:
            continue
        day = date.fromisoformat(resolved.date)
        if day > published or _bounds(ent):
            continue  # a plan, a deadline or the start of a period: not when it happened
        if resolved.precision == "day":
            past = day < published - BACKGROUND_AFTER
        elif resolved.precision == "week":  # "this week" is news; "last week" is background
            past = day + timedelta(days=6) < published - BACKGROUND_AFTER
        elif resolved.precision == "month":
            past = (day.year, day.month) < (published.year, published.month)
        else:
            past = day.year < published.year
        return resolved, past
    return article_date(published), False
