"""Answer candidates inside a parsed sentence: the spans of the type a question asks for, scored by how they stand
to the question's words in the sentence.

- The type filters: a person is a PERSON entity, a count a number that is not a date, a time or money, a place a
  GPE/LOC/FAC entity or a noun phrase headed by a place noun that holds a name ("Paddington Green police station"),
  a duration a number with a time unit, a reason the clause after a causal connective.
- The head noun binds: a count is the number that modifies the noun asked about ("40 trucks" for "how many
  trucks", not "12 miles" in the same sentence); a name asked for with a role or object noun is the one that stands
  with it (apposition, compound, "of", or next to it: "Prime Minister of Bulgaria Kiril Petkov").
- Nearness: the closer a candidate stands to the question's (rare) words in the sentence, the likelier it fills
  the role the question asks about.
- A candidate the question itself names is never an answer ("Who did Putin meet?" is not answered "Putin").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from briefings.answers.inflection import agent_nouns, plural
from briefings.answers.inflection import fold as fold_inflection
from briefings.answers.question import CURRENCIES, PLACE_NOUNS, TIME_UNITS, Frame, person_noun
from briefings.answers.timewindow import full_dates
from briefings.extract.actors import currency_codes
from briefings.extract.gazetteer import FUNCTION_WORDS, gazetteer
from briefings.extract.model import dictionary_words, given_name, person_after_country
from briefings.extract.names import NAME_PARTICLES, fold, initials, strip_possessive
from briefings.extract.timeexpr import number_of, resolve
from briefings.text.sentences import has_number
from briefings.text.similarity import stem
from briefings.text.spelling import american

SETTLEMENT_NOUNS = frozenset("city town village settlement capital".split())
REGION_NOUNS = frozenset("region province oblast district county state territory".split())
"""Administrative units between a settlement and a country: "which city" is not answered by one of them, and
"which region" is not answered by a country (a wider unit holds the asked one; it does not name it)."""
FACILITY_NOUNS = frozenset(
    """stadium arena ground airport station cosmodrome base cemetery hall palace building plant factory hospital
    school university church cathedral monastery embassy prison jail camp course circuit venue hotel""".split()
)
"""Nouns of sites built or kept for a use (``PLACE_NOUNS`` less the units, areas, natural features, and ports and
resorts, which are towns as often: "the port of Novorossiysk"): a settlement, region or country holds such a site
and does not name it ("the national stadium in Glasgow" for "which stadium")."""
NATURAL_FEATURES = frozenset(
    "sea ocean gulf bay strait river lake mountain mountains range peninsula island islands desert forest".split()
)
"""Nouns closing the name of a body of water or a landform: such a place is never a city, town or village."""
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
UNKNOWN_LOCATION = 0.8
"""For a question asking for a name, a location the model tags but no gazetteer knows fits as an untagged proper
noun run does (0.8), not as a place (0.3)."""
NUMBER_EXCLUDED = frozenset({"DATE", "TIME", "ORDINAL"})
"""A number inside a date or a clock time ("13 March", "01:33") or an ordinal is never a count."""
ATTACHED = 2.5
"""A candidate bound to the asked noun (modifier, apposition, compound) counts this many times more."""
DETACHED_NUMBER = 0.35
"""A number that modifies another noun than the one asked about ("12 miles" for "how many trucks") counts less."""
MEASURES = {
    "weight": "lb lbs pound pounds kg kilo kilos kilogram kilograms kilogramme kilogrammes gram grams gramme grammes "
    "tonne tonnes ton tons ounce ounces oz stone",
    "distance": "km kilometre kilometres kilometer kilometers mile miles metre metres meter meters m ft foot feet "
    "yard yards",
    "height": "m metre metres meter meters ft foot feet inch inches cm",
    "length": "km kilometre kilometres kilometer kilometers mile miles metre metres meter meters m ft foot feet "
    "inch inches cm mm",
    "area": "hectare hectares acre acres km2 sq",
    "capacity": "mw gw kw megawatt megawatts gigawatt gigawatts litre litres liter liters barrel barrels seat seats",
    "output": "mw gw kw megawatt megawatts gigawatt gigawatts barrel barrels tonne tonnes",
}
"""Units of measure by the dimension a question asks with "how much" ("How much weight had he lost?": "18 lbs"):
the unit a number counts is then the asked measure, not another noun. SI, metric and imperial units of weight,
length and area, and of power and volume for a capacity or output."""
MEASURE_UNITS = {dimension: frozenset(units.split()) for dimension, units in MEASURES.items()}
UNITS = frozenset(unit for units in MEASURE_UNITS.values() for unit in units)
OTHER_COUNTRY = 0.3
""""Which Bulgarian prime minister …": a name whose role phrase says another country ("Prime Minister of Poland
Mateusz Morawiecki", "Polish Prime Minister …") holds another office; it counts this much of its fit."""
OTHER_TENURE = 0.3
""""Which former US vice president …": a name whose role is qualified otherwise ("Vice President Kamala Harris":
not former; "President Vladimir Putin": not vice) holds another office, or the same one at another time."""
ROLE_QUALIFIERS = frozenset("former ex then acting deputy vice prime outgoing interim late".split())
"""Words before a role noun that change who holds it: another time (former, then, outgoing, late), another rank
(deputy, vice; prime, the first of the ministers, who heads the government) or a stand-in (acting, interim)."""
INSTANCE = 1.5
"""A proper name whose own head is the asked noun ("the Mariyinsky Palace" for "which palace", "Infantry Day" for
"which day did they mark") is an instance of it, named: it counts this many times more than a name merely bound to
the noun, and the names inside or after it ("of Ukraine") are not bound to it."""
DESCRIBED = 1.5
"""A name the sentence describes with the question's own modifiers of the asked noun counts this many times more
than a name bound to the noun alone."""
PREMODIFIER = 0.3
"""A name standing before the asked role noun and modifying it ("United goalkeeper …", "Biden aide …", "Labour MP
…") names the role's team, party or principal, not whom the question asks for: English puts the holder after the
role or in apposition ("goalkeeper Roy Carroll"). Likewise before any asked noun that is named after it ("the
Black Sea port of Novorossiysk"). Such a candidate counts this much of its fit, and is not bound."""
_CAUSAL = re.compile(
    r"\b(because(?: of)?|due to|as a result of|in order to|in response to|in protest (?:at|against)|for allegedly"
    r"|after|over|following|on suspicion of|accus\w+ (?:\w+ )?of|for)\b",
    re.I,
)
"""Connectives that introduce a cause or a motive."""


_DURATION = re.compile(r"^\d+(?:\.\d+)?-(?:second|minute|hour|day|week|month|year)$", re.I)


@dataclass
class Span_:
    """A candidate answer inside a sentence: character offsets in the sentence, text, and its score parts."""

    start: int
    end: int
    text: str
    fit: float
    """How well its kind fits the asked type (1 exact, less for a neighbouring kind)."""
    near: float = 0.0
    """Nearness to the question's words, 0–1."""
    attached: bool = False


def _words_in(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[^\W_]+", text.lower())}


def _words_at(text: str, words: str) -> int:
    """Where ``text`` holds ``words`` as whole words ("US" is not in "House"), or -1."""
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) if words else None
    return found.start() if found else -1


def _holds_words(text: str, words: str) -> bool:
    return _words_at(text, words) >= 0


def _named_in_question(text: str, frame: Frame, question_words: set[str]) -> bool:
    if frame.type in _QUANTITIES and text.split() and all(_a_number(w) for w in text.split()):
        # a count the question writes only inside a name ("Six Nations" for "six players") is not given by it
        return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", frame.text) for w in text.split())
    lowered = text.lower().strip()
    if frame.type != "country" and frame.countries and gazetteer().country_named(text.strip()) in frame.countries:
        return True  # "US" for "Which US band …": the qualifier, by another of its country's names
    names = frame.entities if frame.type == "country" else [*frame.entities, *frame.countries]
    for entity in names:
        e = entity.lower()
        if e and lowered and (_holds_words(lowered, e) or _holds_words(e, lowered)):
            return True
    words = _words_in(text) - {"the", "of", "and"}
    return bool(words) and words <= question_words


def _a_number(word: str) -> bool:
    return bool(re.fullmatch(r"\d[\d,.]*", word)) or number_of(word.lower()) is not None


_MENTION_LABELS = {"person": "PERSON", "organization": "ORG", "group": "ORG", "place": "GPE"}


def _typed_names(doc: Doc, mentions: list[tuple[int, int, str]]) -> list[Span]:
    """The sentence's named entities: the actors the extractor resolved in it (its corrections of the model's
    types applied), then the model's own entities where no actor stands."""
    out: list[Span] = []
    taken: set[int] = set()
    g = gazetteer()
    for start, end, kind in mentions:
        if g.country_of_demonym(doc.text[start:end]):
            continue  # "Ukrainian" names a country's people, not a place or an actor to answer with
        span = doc.char_span(start, end, label=_MENTION_LABELS.get(kind, "ORG"), alignment_mode="expand")
        if span is not None and span.label_ == "PERSON":
            span = _without_country(span)
        if span is not None and not taken & set(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    for e in doc.ents:
        if taken & set(range(e.start, e.end)):
            continue
        if e.label_ in ("GPE", "LOC") and e.root.pos_ == "ADJ" and g.country_of_demonym(e.text):
            e = Span(doc, e.start, e.end, label="NORP")  # "the largest Ukrainian city": an adjective of nationality
        out.append(e)
    return _joined(doc, sorted(out, key=lambda e: e.start))


def _joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names the model cut in two with nothing between them ("Matti" + "Maasikas", both tagged as organisations)
    are one: two entities of one kind side by side, all proper nouns; a name cut after a particle ("Ursula von
    der") goes on to the capitalised word after it; a name after "The" written inside a sentence starts with it."""
    out: list[Span] = []
    headline = title_case(doc)
    for e in ents:
        end = e.end
        if e.start > 1 and not headline and e.label_ in NAMED_LABELS and _name_article(doc, e.start - 1):
            # "his album, The Massacre": the title's article (a sentence's first word may be any noun's)
            e = Span(doc, e.start - 1, e.end, label=e.label_)
        while (
            end < len(doc)
            and doc[end - 1].lower_ in NAME_PARTICLES
            and (doc[end].text[:1].isupper() or doc[end].lower_ in NAME_PARTICLES)
        ):
            end += 1  # a particle never ends a name: "Ursula von der" + "Leyen", "Ursula von" + "der Leyen"
        while end > e.end and doc[end - 1].lower_ in NAME_PARTICLES:
            end -= 1  # particles with no name after them are not the name's
        end = _hyphen_joined(doc, end)
        if doc[end - 1].lower_ in ("of", "for"):
            # a name never ends in "of": "Group of" + "20", through a number or words no other name takes ("the
            # Office of the President of" stops before "Ukraine Andriy Yermak")
            while end < len(doc) and (doc[end].like_num or (doc[end].is_title and not doc[end].ent_type_)):
                end += 1
        if end != e.end:
            e = Span(doc, e.start, end, label=e.label_)
        last = out[-1] if out else None
        if last is not None and e.start < last.end:
            continue  # the word a particle's name took in
        if (
            last is not None
            and last.end == e.start
            and last.label_ == e.label_
            and all(t.pos_ == "PROPN" for t in doc[last.start : e.end])
        ):
            out[-1] = Span(doc, last.start, e.end, label=e.label_)
            continue
        out.append(e)
    return out


def _hyphen_joined(doc: Doc, end: int) -> int:
    """The end of a name that goes on past ``end`` by hyphens, unspaced, through a lower-case connector to a
    capitalised word ("Nikolayevsk" + "-on-Amur", "Stratford" + "-upon-Avon", "Boulogne" + "-sur-Mer")."""
    while (
        end + 3 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].text.islower()
        and doc[end + 2].text == "-"
        and doc[end + 3].text[:1].isupper()
        and not any(doc[i].whitespace_ for i in range(end - 1, end + 3))
    ):
        end += 4
    return end


_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d")
"""A time of day written with minutes ("12:00", "9.30") the model may leave untagged."""


def _spans(doc: Doc, frame: Frame, ents: list[Span]) -> list[tuple[Span, float]]:
    """Spans of the asked type with their fit; ``ents``: the sentence's names (``_typed_names``)."""
    kind = frame.type
    out: list[tuple[Span, float]] = []
    if kind == "person":
        out += [(e, 1.0) for e in ents if e.label_ == "PERSON"]
        if frame.possessed:  # "Whose help …": "China's help", a country or a body owning the asked noun
            out += [
                (e, 1.0)
                for e in ents
                if e.label_ in ("GPE", "ORG", "NORP")
                and e.root.dep_ == "poss"
                and _same_noun(e.root.head, frame.possessed)
            ]
        out += [(e, 0.45) for e in ents if e.label_ == "ORG"]
        # names the small model misses or mistypes ("Abdelmadjid Tebboune" as a product): two or more proper nouns
        for run in (_without_country(r) for r in _proper_runs(doc, ents) if len(r) >= 2):
            # a name closing an office's phrase is a person's, whatever the model tagged it ("Commander-in-Chief
            # of the Armed Forces of Ukraine Valeriy Zaluzhny")
            # … and so is one set in apposition to the asked person noun ("an American actress - Reese
            # Witherspoon - as Becky Sharp")
            named = _closes_office(run) or (run.root.dep_ == "appos" and run.root.head.lemma_.lower() == frame.head)
            if named:
                run = _past_complement(run)  # "Minister of Infrastructure Oleksandr Kubrakov"
            out.append((run, 0.9 if named else 0.6))
        out += [
            (e, 0.6)
            for e in ents
            if e.label_ in ("PRODUCT", "WORK_OF_ART", "EVENT") and len(e) >= 2 and all(t.pos_ == "PROPN" for t in e)
        ]
        for head in (t for t in doc if frame.head and t.lemma_.lower() == frame.head):
            # English titles stand before names: "Amur Region Governor Vasily Orlov" names the governor even
            # where the model tags no person
            end = head.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if end - head.i > 2 and not title_case(doc):
                out.append((doc[head.i + 1 : end], 0.9))
    elif kind == "organisation":
        # a name is capitalised: a lower-case run the model calls an organisation ("rugby union clubs") is none
        out += [(e, 1.0 if not e.text.islower() else LOWER_CASE_NAME) for e in ents if e.label_ == "ORG"]
        # the model often takes a company or a band in a headline for a person, or misses it
        out += [(e, 0.4) for e in ents if e.label_ == "PERSON"]
        out += [(run, 0.6) for run in _proper_runs(doc, ents)]
        out += [(span, 1.0) for span in _modifier_names(doc, frame.head)]
        out += [(span, 1.0) for span in _appositive_names(doc, frame.head)]
        out += [(e, 0.5) for e in ents if e.label_ in ("PRODUCT", "FAC", "WORK_OF_ART")]
        # a club is named by its town ("Leicester signed White from Bristol"); other bodies are not
        town = TOWN_NAMED_CLUB if frame.head in TEAM_NOUNS else 0.2
        out += [(e, town if e.label_ == "GPE" else 0.2) for e in ents if e.label_ in ("NORP", "GPE")]
    elif kind == "country":
        g = gazetteer()
        for e in ents:
            place = g.place(e.text) if e.label_ in ("GPE", "LOC") else None
            if place is not None and place.kind == "country":
                out.append((e, 1.0))
            elif e.label_ == "NORP" and g.country_of_demonym(e.text):
                out.append((e, 0.8))
            elif e.label_ == "GPE":
                out.append((e, 0.4))
            elif e.label_ in ("ORG", "FAC"):
                out += [(inner, 1.0) for inner in _countries_inside(e)]  # "the Parliament of Ireland"
    elif kind == "place":
        out += [(run, 0.6) for run in _proper_runs(doc, ents)]  # towns the model does not tag ("Kryvyi Rih")
        g = gazetteer()
        for e in ents:
            if e.label_ in ("GPE", "LOC", "FAC") or (e.label_ == "ORG" and g.place(e.text) is not None):
                # a known town typed as an organisation ("Our Mariupol, …") is still the town
                place = g.place(e.text)
                unit = place.kind if place is not None else e[-1].lemma_.lower()
                if place is None and e[0].lemma_.lower() in NATURAL_FEATURES:
                    unit = e[0].lemma_.lower()  # "Sea of Azov", "Lake Geneva"
                if e.root.dep_ == "compound" and e.root.head.lemma_.lower() in PLACE_NOUNS:
                    unit = e.root.head.lemma_.lower()  # "the Dnipropetrovsk region" names the region
                out.append((e, 0.2 if _wider(unit, frame.head) else 1.0))
        for chunk in doc.noun_chunks:
            root = chunk.root.lemma_.lower()
            if root == frame.head and chunk.root.text.islower() and _named_after(chunk.root):
                continue  # "the Black Sea port" describes the asked noun; the name is elsewhere ("of Novorossiysk")
            if root in PLACE_NOUNS and any(t.pos_ == "PROPN" for t in chunk):
                start = chunk.start + (1 if chunk[0].pos_ == "DET" else 0)
                owner = next((t.i for t in reversed(chunk) if t.tag_ == "POS"), None)
                if owner is not None and owner > chunk.start and not doc[owner - 1].text[:1].isupper():
                    # "the city's Croke Park stadium": a common noun's possessor is not the name (a name's own is:
                    # "Simon's Town naval base", "St Michael's Golden-Domed Monastery")
                    start = owner + 1
                if start < chunk.end:
                    out.append((doc[start : chunk.end], 0.2 if _wider(root, frame.head) else 1.0))
        out += [(e, 0.5) for e in ents if e.label_ == "ORG" and g.place(e.text) is None]
        out += [(name, 1.0) for name in _place_names(doc)]  # "the city of Kryvyi Rih", whatever the model tags it
        # "paratroopers in Hostomel", the town tagged a person: "in", "at", "near" take places, hardly people
        out += [
            (e, 1.0 if g.place(e.text) is not None else PLACE_BY_PREPOSITION)
            for e in ents
            if e.label_ == "PERSON" and any(_object_of_preposition(e, p) for p in LOCATIVE)
        ]
        for e in (e for e in ents if e.label_ != "PERSON"):
            # a known place opening a longer name is where the named thing is: "Paris 2024 Olympics" (a person's
            # given name is no place: "Vladimir Putin")
            known = ((e[:n], g.place(e[:n].text)) for n in (3, 2, 1) if len(e) > n)
            opening, place = next(((span, p) for span, p in known if p is not None), (None, None))
            if opening is not None and place is not None and not _given_name_of(opening, e, frame.entities):
                out.append((opening, 0.2 if _wider(place.kind, frame.head) else 0.8))
        if frame.head not in REGION_NOUNS and frame.head not in ("country", "nation"):
            # "a conference in Phoenix, Arizona", "Irpin in the Kyiv region": a place that locates another place
            # the sentence names is wider than it; the narrower one answers
            places = [span for span, _ in out if span.label_ in ("GPE", "LOC") or g.place(span.text) is not None]
            out = [(span, fit * WIDER if _locates(span, places) else fit) for span, fit in out]
    elif kind == "date" and frame.wants_clock:
        out += [(e, 1.0) for e in ents if e.label_ == "TIME" and not _is_duration(e)]
        taken = {t.i for span, _ in out for t in span}
        out += [(doc[t.i : t.i + 1], 1.0) for t in doc if _CLOCK.fullmatch(t.text) and t.i not in taken]
    elif kind == "date":
        spans = (doc.char_span(a, b, label="DATE", alignment_mode="expand") for a, b in full_dates(doc.text))
        written = [w for w in spans if w is not None]
        out += [(w, 1.0) for w in written]  # "February 26, 2021" where the model tags "2021" alone
        for e in ents:
            if any(w.start <= e.start and e.end <= w.end for w in written):
                continue
            if e.label_ == "DATE" and not _is_duration(e):
                if frame.wants_year and not _YEAR.search(e.text):
                    continue
                out.append((e, 1.0))
            elif e.label_ == "TIME" and not frame.wants_year and _names_a_day(e.text):
                out.append((e, 1.0))  # "This morning Russia launched …": a part of a day the report dates
        dated = {t.i for e in ents if e.label_ in ("DATE", "TIME") for t in e}
        for t in doc:
            if t.i not in dated and _YEAR.fullmatch(t.text) and t.head.pos_ in ("NOUN", "PROPN") and t.i < t.head.i:
                out.append((doc[t.i : t.i + 1], 1.0))  # "the 1992 Agreement": a year naming its noun's date
    elif kind == "duration":
        for e in ents:
            if e.label_ in ("DATE", "TIME") and _is_duration(e, indefinite=True):
                out.append((e, 1.0))
            elif frame.ago and e.label_ == "DATE" and len(e) > 2 and e[-1].lower_ == "ago" and _is_duration(e[:-1]):
                out.append((e[:-1], 1.0))  # "How long ago …": "25 years ago" counts back 25 years
        for t in doc:
            if _DURATION.match(t.text) and not (t.i + 2 < len(doc) and doc[t.i + 2].lower_ == "old"):
                out.append((doc[t.i : t.i + 1], 1.0))
            elif frame.head in TIME_UNITS and t.like_num and t.i + 1 < len(doc) and doc[t.i + 1].lemma_ == frame.head:
                start = t.i
                while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].like_num:
                    start -= 2  # a number written in hyphenated words: "Seventy-seven years"
                out.append((doc[start : t.i + 2], 1.0))  # "how many days": "559 days since", whatever the model tags
    elif kind == "score":
        lines = _scorelines(doc)
        taken = {t.i for line in lines for t in line}
        out += [(line, 1.0) for line in lines]
        out += [(n, 0.5) for n, _ in _numbers(doc, "count") if not any(t.i in taken for t in n)]  # "scored 85"
    elif kind in ("count", "amount"):
        numbers = _numbers(doc, kind, frame.currency)
        if not frame.asks_start:
            # "increased the number from 370 to 870": the value reached answers "how many", not the one left
            numbers = [(n, w * STARTING_VALUE if _starting_value(n) else w) for n, w in numbers]
        out += numbers
        if frame.head == "age":  # "aged 94", "at the age of 87", "the 25-year-old": the model tags them dates
            for t in doc:
                if t.like_num and _states_age(t):
                    out.append((_age_with_remainder(t), 1.0))
    elif kind == "named":
        # "Which day of the war was 9 June?" (a time unit asked with a date) asks for a rank: an ordinal, or the
        # number after the unit ("day 532"); a name answers it only weakly.
        ranked = frame.head in RANK_UNITS
        # A noun that is not a role ("pipeline", "satellite") names a thing: a person's name rarely answers it.
        # … nor a place or a nationality: those have their own question words (where, which city, which country).
        out += [(e, _name_fit(e, ranked)) for e in ents if e.label_ in NAMED_LABELS]
        out += [(e, 1.0) for e in ents if e.label_ == "ORDINAL"]
        covered = {t.i for e in ents if e.label_ != "DATE" for t in e}  # "the 76th week" is a date holding a rank
        out += [(run, 0.3 if ranked else 0.8) for run in _proper_runs(doc, ents)]
        out += [(span, 1.0) for span in _modifier_names(doc, frame.head)]
        out += [(span, 1.0) for span in _appositive_names(doc, frame.head)]
        out += [(span, 1.0) for span in _called_names(doc, frame.head)]
        out += [(span, 0.8) for span in _close_appositions(doc, frame.head)]
        for t in doc:
            missed = re.fullmatch(r"\d+(st|nd|rd|th)", t.text) and t.i not in covered  # "60th", "23rd"
            after_unit = ranked and t.like_num and t.i > 0 and doc[t.i - 1].lemma_.lower() == frame.head  # "day 532"
            before_unit = (  # "the third month", inside a date the model tagged whole
                ranked and t.like_num and t.tag_ == "JJ" and t.i + 1 < len(doc) and doc[t.i + 1].lemma_ == frame.head
            )
            if missed or after_unit or before_unit:
                out.append((doc[t.i : t.i + 1], 1.0))
    return out


def _name_fit(ent: Span, ranked: bool) -> float:
    """How well a name the model tagged answers "which <thing>": a person, a place or a nationality fits little
    (they have their own question words), nor does any name where a rank is asked; a location no gazetteer knows
    ("this year's French Open") is as likely a name the model mistyped as a place, and fits as an untagged one."""
    if ranked or ent.label_ in ("PERSON", "GPE", "NORP"):
        return 0.3
    if ent.label_ == "LOC":
        return 0.3 if gazetteer().place(ent.text) is not None else UNKNOWN_LOCATION
    return 1.0


def _given_name_of(opening: Span, name: Span, people: Sequence[str]) -> bool:
    """``opening`` is the given name of a person ``name`` goes on to name with one word: a name of the question's
    (``people``: "Vladimir Putin" for a question naming Putin, the city of Vladimir aside), or a word that is no
    English word after a listed given name ("Florence Pugh"), however the model tagged the whole; "Victoria
    Station" is the station."""
    rest = name[len(opening) :]
    if len(opening) != 1 or len(rest) != 1 or not rest[0].text[:1].isupper():
        return False
    word = strip_possessive(rest[0].text)
    return word in people or (given_name(opening.text, gazetteer()) and word.lower() not in dictionary_words())


def _countries_inside(ent: Span) -> list[Span]:
    """The countries named inside an organisation's or a building's name ("Parliament of Ireland", "Bank of
    Japan"): the model tags the whole name, which answers no "which country" question, its country does."""
    g = gazetteer()
    out: list[Span] = []
    for size in (3, 2, 1):
        for start in range(ent.start, ent.end - size + 1):
            inner = ent.doc[start : start + size]
            place = g.place(inner.text) if inner[0].pos_ == "PROPN" else None
            if (
                place is not None
                and place.kind == "country"
                and not any(o.start < inner.end and inner.start < o.end for o in out)
            ):
                out.append(inner)
    return out


RANK_UNITS = frozenset({"day", "week", "month", "year", "minute", "round", "lap"})
"""Units whose rank a question asks for ("Which day of the war …", "In which minute did X score?", "In which round
…"): an ordinal answers it, a name only weakly."""


def _place_names(doc: Doc) -> list[Span]:
    """Names a common place noun gives: "the city of Kryvyi Rih", "the port of Odesa", "the region's capital,
    Kherson" (the model may tag such a name a person)."""
    return [
        doc[name.left_edge.i : name.i + 1]
        for noun in doc
        if noun.lemma_.lower() in PLACE_NOUNS
        for name in _names_after(noun)
    ]


WIDER = 0.2
"""A place wider than the one asked for ("which city": a region, a country, or the place after a comma or "in"
that locates another) fits this much."""


def _locates(span: Span, places: Sequence[Span]) -> bool:
    """``span`` says where another place of ``places`` is: after it and a comma ("Phoenix, Arizona") or as the
    object of "in" hung on it ("Irpin in the Kyiv region")."""
    doc = span.doc
    after_comma = span.start >= 2 and doc[span.start - 1].text == ","
    if after_comma and any(o.end == span.start - 1 for o in places if o != span):
        return True
    prep = span.root.head
    if span.root.dep_ == "pobj" and prep.lower_ == "in" and prep.head.i < span.start:
        return any(o.start <= prep.head.i < o.end for o in places if o != span)
    return False


def _wider(unit: str, asked: str | None) -> bool:
    """A place of this unit (a gazetteer kind, or the noun closing its name: "Dnipropetrovsk region") is wider than
    the place asked for ("which city", "which region"), or of another nature: no sea, river or mountain is a
    settlement ("the Black Sea" does not answer "which city")."""
    if asked in SETTLEMENT_NOUNS:
        return unit in ("country", "region") or unit in REGION_NOUNS or unit in NATURAL_FEATURES
    if asked in REGION_NOUNS:
        return unit == "country"
    if asked in FACILITY_NOUNS:
        return unit in ("city", "country", "region") or unit in SETTLEMENT_NOUNS or unit in REGION_NOUNS
    return False


def _proper_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """Runs of proper nouns no entity covers ("The Killers" where the model tags nothing); none in a Title Case
    headline, where every word is capitalised."""
    if title_case(doc):
        return []
    covered = {t.i for e in ents for t in e}
    out: list[Span] = []
    run: list[int] = []
    for t in [*doc, None]:
        if t is not None and t.pos_ == "PROPN" and t.i not in covered:
            run.append(t.i)
            continue
        if run:
            start = run[0] - 1 if run[0] > 0 and _name_article(doc, run[0] - 1) else run[0]
            if out and _joined_by_of(doc, out[-1], start):
                start = out.pop().start  # "the Bulletin of the Atomic Scientists": one name, its head first
            if any(not doc[i].text.islower() for i in run):
                out.append(doc[start : run[-1] + 1])  # English capitalises names: "missiles equip" tagged a name
                # is a verb the model took for one
            run = []
    return out


_OPENERS = frozenset("\"“‘'(:[—–-")


def _name_article(doc: Doc, i: int) -> bool:
    """``doc[i]`` is an article that starts the name after it: the sentence's first word, or "The" capitalised
    where a sentence cannot start ("protege The Game", "his album, The Massacre,"): English writes the article of
    a name or a title with a capital inside a sentence, and no other."""
    if doc[i].lower_ != "the":
        return False
    return i == 0 or (doc[i].text == "The" and not (doc[i - 1].is_punct and doc[i - 1].text[-1] in _OPENERS))


def _without_country(run: Span) -> Span:
    """A run of capitals read as a person's name, less a country's name it starts with ("true friends of Ukraine
    Andrzej Duda"), by extraction's rule (``person_after_country``): for a store's mentions read before that rule
    and for runs the model tagged nothing (its own entities are already taken apart)."""
    cut = person_after_country(run, set(), gazetteer()) if len(run) >= 3 else None
    return run if cut is None else Span(run.doc, cut, run.end, label=run.label_)


def _joined_by_of(doc: Doc, before: Span, start: int) -> bool:
    """Only "of" or "of the" stands between the run ``before`` and the run at ``start``, and ``before`` is no
    title ("President of …", "Ambassadors of …" name roles): English names put their head before such a
    complement ("Bulletin of the Atomic Scientists", "Friends of the Earth"), so the two runs are one name.
    Measured on 450 articles of the BBC, 2023 feed and press stores (the rule was written from one feed question):
    19 joins, 13 whole names ("House of Representatives", "Joint Comprehensive Plan of Action", "School of Rock"),
    2 roles (one is now left apart by the plural), 4 parts of longer names ("Republic of the Union")."""
    between = [t.lower_ for t in doc[before.end : start]]
    if between not in (["of"], ["of", "the"]):
        return False
    titles = gazetteer().titles
    return not any(t.pos_ == "PROPN" and {t.lower_, t.lemma_.lower()} & titles for t in before)


def _modifier_names(doc: Doc, head: str | None) -> list[Span]:
    """The name a noun carries as its modifier: "the Ukrainian Sich-2-30 satellite", "the Fox TV network", "the
    Nord Stream pipeline": the compound (or numeric) modifiers left of the asked noun, from the first one that is a
    proper noun or a number."""
    out: list[Span] = []
    if not head:
        return out
    for token in doc:
        if token.lemma_.lower() != head:
            continue
        chain = [c for c in token.lefts if c.dep_ in ("compound", "nummod")]
        if not chain:
            surface = _names_before(token)
            if surface is not None:
                out.append(surface)
            continue
        first = min(c.left_edge.i for c in chain)
        while first < token.i and doc[first].pos_ not in ("PROPN", "NUM", "X"):
            first += 1
        last = token.i
        while last > first and doc[last - 1].pos_ == "NOUN":
            last -= 1  # "Fox TV network" → "Fox"
        surface = _names_before(token)
        if surface is not None and surface.start < first and surface.end == last:
            first = surface.start  # the parse cut the name: "the St Luke of Crimea medals" → "Crimea" alone
        if first < last and not _counts(doc[first:last], token) and not doc[first:last].text.islower():
            out.append(doc[first:last])  # not "rugby union clubs" the model tags proper nouns: a name has capitals
    return out


def _counts(modifier: Span, noun: Token) -> bool:
    """``modifier`` is a cardinal before a plural noun, which counts the things ("the three films"), or a year or
    decade, which dates the thing ("the 1960s film", "its 2001 predecessor"): neither names it."""
    if len(modifier) != 1:
        return False
    word = modifier[0]
    return (word.dep_ == "nummod" and word.like_num and noun.tag_ == "NNS") or word.ent_type_ == "DATE"


_JOINING = FUNCTION_WORDS | {"de"}
"""Lower-case words inside names ("St Luke of Crimea", "Committee to Protect Journalists", "Centre for …")."""


def _appositive_names(doc: Doc, head: str | None) -> list[Span]:
    """The name set in apposition to the asked noun: "the media watchdog, Reporters Without Borders", "the album
    Hopes and Fears" (the model may cut such a name or tag a word of it a common noun): the appositive's words,
    each capitalised but for the connectors names carry."""
    out: list[Span] = []
    for noun in doc:
        if not head or noun.lemma_.lower() != head or not noun.text.islower():
            continue
        phrases = [doc[c.left_edge.i : c.right_edge.i + 1] for c in noun.rights if c.dep_ == "appos"]
        # the parse may miss it: read what follows, after a comma or right after the noun (a close apposition:
        # "the album Hopes and Fears", where the model tags a name with "and" inside as two)
        start = noun.i + 2 if noun.i + 1 < len(doc) and doc[noun.i + 1].text == "," else noun.i + 1
        if start < len(doc) and doc[start].text[:1].isupper():
            end = start
            while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in _JOINING):
                end += 1
            phrases.append(doc[start:end])
        for phrase in phrases:
            words = [t for t in phrase if not t.is_punct]
            while words and words[-1].lower_ in _JOINING:
                words.pop()
            if not words or len(words) > 8 or words[0].lower_ in _JOINING:
                continue
            if all(t.text[:1].isupper() or t.lower_ in _JOINING for t in words):
                out.append(doc[words[0].i : words[-1].i + 1])
    return out


_BEYOND_NAME = frozenset({"prep", "relcl", "acl", "cc", "conj", "appos", "advmod"})
NAMING_VERBS = frozenset("call dub name term label nickname christen".split())
"""Verbs that give a name: "a tactic he called 'active defense'", "the operation, dubbed Operation Rubicon"."""


def _called_names(doc: Doc, head: str | None) -> list[Span]:
    """The name a naming verb gives the asked noun: the verb modifies the noun (a relative or participle clause)
    and its complement is the name ("a tactic he called “active defense”")."""
    out: list[Span] = []
    for verb in doc:
        if verb.lemma_.lower() not in NAMING_VERBS or not (
            (verb.dep_ in ("relcl", "acl") and verb.head.lemma_ == head) or _names_the_subject(verb, head)
        ):
            continue
        for c in verb.children:
            if c.dep_ in ("oprd", "attr", "xcomp") and c.i > verb.i:
                # the name's own words: not what is said of it after ("… “mobile defence” near Oslo")
                words = sorted(
                    {t.i for t in c.subtree}
                    - {t.i for k in c.children if k.dep_ in _BEYOND_NAME for t in k.subtree}
                    - {t.i for t in c.subtree if t.is_punct or (t.dep_ == "det" and t.i == c.left_edge.i)}
                )
                if words:
                    out.append(doc[words[0] : words[-1] + 1])
    out += _known_as(doc, head)
    return out


def _known_as(doc: Doc, head: str | None) -> list[Span]:
    """The name after "known as" set off by a comma after the asked noun ("the 7E7, also known as the Dreamliner"),
    read from the words, as the parser may hang "known" anywhere in the clause."""
    out: list[Span] = []
    for known in doc[2:-2]:
        if known.lower_ != "known" or doc[known.i + 1].lower_ != "as":
            continue
        comma = known.i - 2 if doc[known.i - 1].lower_ == "also" else known.i - 1
        if comma < 1 or doc[comma].text != "," or doc[comma - 1].lemma_.lower() != head:
            continue
        start = known.i + 2 + (doc[known.i + 2].lower_ == "the")
        end = start
        while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].like_num):
            end += 1
        if end > start:
            out.append(doc[start:end])
    return out


def _names_the_subject(verb: Token, head: str | None) -> bool:
    """A participle clause before its clause names that clause's subject: "Called the Marlin Joint Development
    Association, the alliance will define …"."""
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBN", "VBD") or verb.i > verb.head.i:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() == head for c in verb.head.children)


def _close_appositions(doc: Doc, head: str | None) -> list[Span]:
    """The word the asked noun is set before as its kind: "the stimulant ephedrine", "the drug Ozempic", "her
    novel Beloved" (a close apposition: a determiner, the kind noun, then the name it classifies, which the parse
    makes the phrase's head). Names in lower case are missed by every rule that looks for capitals. A common noun
    after the kind noun counts only when the parse reads the kind noun as a classifier (``amod``), not as the first
    half of a noun compound ("the constituency association")."""
    out: list[Span] = []
    for kind in doc:
        if not head or kind.lemma_.lower() != head or kind.dep_ not in ("amod", "compound"):
            continue
        name = kind.head
        if name.i != kind.i + 1 or name.pos_ not in ("NOUN", "PROPN") or kind.i == 0:
            continue
        if kind.dep_ == "compound" and name.pos_ != "PROPN":
            continue  # "his constituency association": a compound of two common nouns names no one thing
        if doc[kind.i - 1].dep_ not in ("det", "poss"):
            continue
        end = name.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head.i == name.i:
            end += 1
        out.append(doc[name.i : end])
    return out


def _names_before(noun) -> Span | None:
    """The name written right before ``noun`` when the parse does not attach it ("the St Luke of Crimea medals"):
    proper nouns, with the lower-case connectors names carry between them."""
    doc = noun.doc
    start = noun.i
    while start > 0 and (
        doc[start - 1].pos_ == "PROPN"
        or (doc[start - 1].lower_ in _JOINING and start - 2 >= 0 and doc[start - 2].pos_ == "PROPN")
    ):
        start -= 1
    while start < noun.i and doc[start].lower_ in _JOINING:
        start += 1
    return doc[start : noun.i] if start < noun.i and doc[noun.i - 1].pos_ == "PROPN" else None


def _is_duration(ent: Span, indefinite: bool = False) -> bool:
    """A length of time: a number of time units ("ten years", "18 months"), or with ``indefinite`` (a length is
    asked for) one written with the indefinite article ("a decade", "an hour"; "in a week" otherwise says when);
    not a date nor an age."""
    words = {t.lemma_.lower() for t in ent}
    one = indefinite and len(ent) == 2 and ent[0].lower_ in ("a", "an") and ent[1].lemma_.lower() in TIME_UNITS
    return (
        bool(words & TIME_UNITS)
        and (has_number(ent.text) or one)
        and not re.search(
            r"\b(old|ago|since|last|next|this|January|February|March|April|May|June|July|August|September|October|November"
            r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
            ent.text,
        )
    )


def _numbers(doc: Doc, kind: str, currency: str | None = None) -> list[tuple[Span, float]]:
    """Numbers and sums of the sentence, weighted by how well each fits the asked kind; when the question names a
    currency, a sum written in another one or a plain number fits less."""
    out: list[tuple[Span, float]] = []
    excluded = {t.i for e in doc.ents if e.label_ in NUMBER_EXCLUDED for t in e if not _counts_things(t, e)}
    taken: set[int] = set()
    for e in doc.ents:
        if e.label_ in ("MONEY", "PERCENT"):
            weight = 1.0 if kind == "amount" else 0.6
            if currency is not None and not _in_currency(_with_multiplier(e), currency):
                weight = 0.5
            elif currency is None and _converted(e):
                weight *= 0.5  # "a $1.5m (£799,000) fine": the sum in brackets converts the one said
            out.append((e, weight))
            taken.update(t.i for t in e)
        elif e.label_ in ("CARDINAL", "QUANTITY") and any(_numeral(t) for t in e):
            # "by how much did unemployment rise": an amount may be a plain number ("an additional", tagged a
            # cardinal, holds none)
            if e.label_ == "CARDINAL" and e.end < len(doc) and doc[e.end].lower_ in UNITS and e[-1].whitespace_:
                e = doc[e.start : e.end + 1]  # "almost 18 lbs": the unit the model left out belongs to the amount
            weight = 1.0 if kind == "count" else 0.3 if currency is not None else 0.8
            out.append((e, VAGUE if len(e) == 1 and e[0].lower_ in VAGUE_NUMERALS else weight))
            taken.update(t.i for t in e)
    for t in doc:
        if t.i in taken or t.i in excluded:
            continue
        if _SIGNED_SUM.fullmatch(t.text):
            out.append((_with_multiplier(doc[t.i : t.i + 1]), 1.0 if kind == "amount" else 0.6))
            continue
        if t.like_num or re.fullmatch(r"\d[\d,.]*(?:m|bn|k)?", t.text):
            if re.fullmatch(r"(19|20)\d\d", t.text):
                continue  # a year
            coded = _with_multiplier(doc[t.i : t.i + 1])
            if any(w.text in currency_codes() for w in coded):
                out.append((coded, 1.0 if kind == "amount" else 0.6))  # "UAH 1,000", which the model leaves untagged
                continue
            vague = t.lower_ in VAGUE_NUMERALS and not (t.i > 0 and doc[t.i - 1].like_num)
            end = _range_end(doc, t.i)
            taken.update(range(t.i, end))
            out.append((doc[t.i : end], VAGUE if vague and end == t.i + 1 else 0.8))
    return out


_FRACTIONS = frozenset({"half", "halves", "quarter", "quarters", "third", "thirds"})


def _numeral(token: Token) -> bool:
    """``token`` is a number, in figures or words ("hundreds", "dozen", "half"); the article "a"/"an" the model
    tags with a word after it ("an additional") is none."""
    lower = token.lower_
    if lower in ("a", "an"):
        return False
    return token.like_num or lower in VAGUE_NUMERALS or lower in _FRACTIONS or _a_number(token.text)


def _range_end(doc: Doc, i: int) -> int:
    """The end of the number at ``i`` with a range's second number after a dash and the multiplier they share
    ("40-50 million", the model tagging none of it): one figure, not three."""
    end = i + 1
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].like_num and not doc[end - 1].whitespace_:
        end += 2
    while end < len(doc) and doc[end].lower_ in _MULTIPLIERS and doc[end].like_num:
        end += 1
    return end


STARTING_VALUE = 0.5
OTHER_DOER = 0.5
"""For "Who <verb> …?", a name in a sentence whose <verb> has a subject other than it: the sentence says someone
else did it."""


OTHER_ACT = 0.5
"""For "How many <noun> <verb> …?", a number in a sentence that holds the asked verb but counts for another verb
("nine people were killed and 56 wounded" for the wounded): the sentence counts another act."""


def _counts_for(number: Span, lemma: str) -> bool | None:
    """Whether ``number`` counts for the verb ``lemma``: its own participle ("… and 50,897 wounded") or the one before
    the noun it counts ("200 destroyed hospitals") decides; else the verb its clause hangs on or a clause about
    its noun ("nine people were killed": kill; "destroyed three drones being used …": destroy); None when no verb
    governs it or the number is a preposition's object. A participle used as a preposition ("including three
    children") is passed over."""
    acts = []
    token = number.root
    for _ in range(4):
        if token.pos_ == "VERB" and token.dep_ != "prep":
            acts.append(token)
            # a raising or control verb passes its subject on: "143 children are known to have died" counts the
            # dead (the question's chain is read the same way, ``question._counted_verb``)
            while inner := next((c for c in acts[-1].children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None):
                acts.append(inner)
            break
        own = [c for c in token.children if c.pos_ == "VERB" and c.dep_ in ("acl", "amod")]
        if own and (token.i == number.root.i or any(c.dep_ == "amod" for c in own)):
            return any(a.lemma_.lower() == lemma for a in own)  # its own participle is its act
        acts += own  # "drones being used …": a clause about the noun; the verb above may still count it
        if token.head.i == token.i or token.dep_ == "pobj":
            break  # "At 01:33 …, air defences downed 12 drones": a number in an adjunct is no argument of the act
        token = token.head
    if not acts:
        return None
    return any(a.lemma_.lower() == lemma for a in acts)


def _holds_verb(doc: Doc, lemma: str) -> bool:
    """``doc`` holds ``lemma`` as a verb."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() == lemma for t in doc)


def _done_by_another(span: Span, lemmas: frozenset[str], objects: Sequence[str] = ()) -> bool:
    """The sentence holds the asked verb with a subject that is not ``span`` nor inside it (for a symmetric verb,
    not one of the question's ``objects`` either: "Zelenskyy met with Johnson" for "Who met Zelenskyy?")."""
    inside = set(range(span.start, span.end))
    for token in span.doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas:
            continue
        symmetric = token.lemma_.lower() in SYMMETRIC_VERBS
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            words = list(subject.subtree)
            if inside & {t.i for t in words} or subject.lower_ in _RELATIVE:
                continue
            if symmetric and _names_any_of(" ".join(t.text for t in words), objects):
                continue
            return True
    return False


FIGURE_HEDGES = frozenset(
    "at least most more than fewer less about around roughly some nearly almost over under".split()
)
"""Words that hedge a figure ("at least 53", "more than 200", "about 40"): the figure told more or less exactly."""
_CONVERSIONS_SPAN = 8
"""How many tokens a bracket of conversions may hold before the sum: "($2bn; £1.1bn)"."""
NAMED_BY_ITS_ROLE = 0.6
"""The least fit of a name a stranded preposition of the asked verb takes ("pulled out of the Kooyong Classic"),
whatever kind the model took it for; a name the question describes still comes first ("Oslo-based Fjordly")."""


def _starting_value(number: Span) -> bool:
    """``number`` is where a change starts: after "from" with "to" and another number right after it ("rose from
    370 to 870", "from 5% to 7%")."""
    doc = number.doc
    start = number.start
    if start > 1 and doc[start - 1].lower_ in FIGURE_HEDGES:
        start -= 1  # "from about 370 to 870"
    if start == 0 or doc[start - 1].lower_ != "from":
        return False
    after = doc[number.end : number.end + 4]
    return any(
        t.lower_ == "to" and any(n.like_num or n.ent_type_ in ("MONEY", "PERCENT") for n in doc[t.i + 1 : t.i + 4])
        for t in after[:2]
    )


_SCORELINE = re.compile(r"\d{1,3}[-–]\d{1,3}")


def _scorelines(doc: Doc) -> list[Span]:
    """A match's result, two numbers joined by a dash ("beaten 11-9", "a 2-1 win"), one token or three; a span
    of years ("2022-23") has four digits. Scores written one after another are the sets of one match ("won 4-6
    6-4 6-3"): one result."""
    out: list[Span] = []
    for t in doc:
        if _SCORELINE.fullmatch(t.text):
            out.append(doc[t.i : t.i + 1])
        elif (
            t.text.isdigit() and len(t.text) <= 3 and t.i + 2 < len(doc) and doc[t.i + 1].text in ("-", "–")
            and not doc[t.i + 1].whitespace_ and t.whitespace_ == "" and doc[t.i + 2].text.isdigit()
            and len(doc[t.i + 2].text) <= 3
        ):  # fmt: skip
            out.append(doc[t.i : t.i + 3])
    joined: list[Span] = []
    for line in out:
        if joined and joined[-1].end == line.start:
            joined[-1] = doc[joined[-1].start : line.end]
        else:
            joined.append(line)
    return joined


TEAM_NOUNS = frozenset({"club", "team", "side"})
"""Sports teams, which English names by their town or country ("Bristol", "Leicester", "Wales beat England")."""
TOWN_NAMED_CLUB = 0.8
LOWER_CASE_NAME = 0.3
VAGUE_NUMERALS = frozenset({"dozens", "scores", "tens", "hundreds", "thousands", "millions", "billions", "trillions"})
"""A numeral in the plural with no number before it says "many" ("thousands fled", "Abramovich's millions"): no
figure to answer "how many" or "how much" with where a sentence gives one."""
VAGUE = 0.3


def _counts_things(token: Token, ent: Span) -> bool:
    """A bare four-digit number the model read as a date that counts a plural noun: "1570 educational
    institutions were destroyed", where a year would name the things of that year with a determiner first ("the
    1848 revolutions"). A number of this century or the last is left a year ("2022 elections")."""
    return (
        len(ent) == 1
        and token.text.isdigit()
        and not re.fullmatch(r"(19|20)\d\d", token.text)
        and token.dep_ == "nummod"
        and token.head.tag_ in ("NNS", "NNPS")
        and (token.i == 0 or token.doc[token.i - 1].lower_ not in ("the", "this", "that", "these", "those"))
    )


def _converted(money: Span) -> bool:
    """``money`` stands in brackets right after another sum: the reporter's conversion of the sum the source gave
    ("$1.5m (£799,000)")."""
    money = _with_multiplier(money)  # with its sign: "(£799,000)" where the model tags "799,000"
    doc = money.doc
    # the bracket it stands in: "(£799,000)", or a later one of several conversions, "1.55bn euros ($2bn; £1.1bn)"
    opening = money.start - 1
    while opening >= 0 and doc[opening].text not in ("(", ")") and money.start - opening <= _CONVERSIONS_SPAN:
        opening -= 1
    if opening < 0 or doc[opening].text != "(":
        return False
    previous = doc[opening - 1] if opening > 0 else None
    if previous is not None and previous.lower_ in _MULTIPLIERS and opening > 1:
        previous = doc[opening - 2]  # "$19.1m (£9.9m)": the model tags "19.1" and leaves the "m"
    if previous is not None and previous.lower_.removesuffix("s") in CURRENCIES and opening > 1:
        previous = doc[opening - 2]  # "1.55bn euros ($2bn)": the currency's name after the sum
    return previous is not None and (
        previous.ent_type_ == "MONEY"
        or previous.like_num
        or re.fullmatch(r"\d[\d,.]*(?:m|bn|k)", previous.text) is not None
    )


def _written_in_currency(span: Span) -> bool:
    """The span is a sum of money: it holds a currency's sign or name."""
    return any(c in _CURRENCY_SIGNS for c in span.text) or any(
        t.lemma_.lower() in CURRENCIES or t.text in currency_codes() for t in span
    )


def _in_currency(span: Span, sign: str) -> bool:
    """The sum is written in the currency of ``sign``: with the sign ("£38 million") or its name ("2.9 billion
    euros", "3 million pounds")."""
    if sign in span.text:
        return True
    names = {name for name, s in CURRENCIES.items() if s == sign}
    return any(t.lemma_.lower() in names or CODE_SIGNS.get(t.text) == sign for t in span)


_AGE_REMAINDER_UNITS = frozenset({"month", "week", "day"})


def _age_with_remainder(number: Token) -> Span:
    """The age ``number`` states, with the remainder said after its years: "Aged 18 years and 185 days", the age
    a record is told in; the number alone otherwise."""
    doc = number.doc
    end = number.i + 5
    if (
        end <= len(doc)
        and doc[number.i + 1].lemma_.lower() == "year"
        and doc[number.i + 2].lower_ == "and"
        and doc[number.i + 3].like_num
        and doc[number.i + 4].lemma_.lower() in _AGE_REMAINDER_UNITS
    ):
        return doc[number.i : end]
    return doc[number.i : number.i + 1]


def _states_age(number: Token) -> bool:
    """``number`` is an age: after "aged" or "age of", before "-year-old" / "years old", set off by commas after
    a name ("Hayes, 27, set an Olympic record": news style gives a person's age so, in apposition), or the object
    of "turn" ("who turned 10 today": reaching an age; "turned 10 pages" counts the pages)."""
    doc = number.doc
    before = doc[max(0, number.i - 2) : number.i].text.lower()
    after = doc[number.i + 1 : number.i + 5].text.lower().replace(" ", "")
    return (
        before.endswith(("aged", "age of"))
        or after.startswith(("-year-old", "yearsold", "yearold"))
        or _appositive_age(number)
        or (number.dep_ == "dobj" and number.head.lemma_.lower() == "turn")
    )


def _ages_another(number: Token, names: Sequence[str]) -> bool:
    """``number`` is the age of a common noun's referent ("a 26-year-old woman") that no name of ``names`` stands
    with in the sentence: someone else than the person asked about."""
    old = next((t for t in number.doc[number.i + 1 : number.i + 5] if t.lower_ == "old"), None)
    if old is None or old.dep_ != "amod" or old.head.pos_ != "NOUN" or old.head.i < old.i:
        return False
    noun = old.head
    surnames = {n.split()[-1] for n in names if n}
    around = {t.text for t in [*noun.subtree, *(c for c in noun.head.children if c.dep_ == "appos")]}
    appositive = noun.dep_ == "appos" and noun.head.text in surnames  # "Anna Varga, a 31-year-old lawyer"
    return not appositive and not surnames & around


MAX_AGE = 120
"""The oldest age a number between commas after a name is read as."""


def _appositive_age(number: Token) -> bool:
    """A whole number of years between commas right after a proper name ("Gatlin, 22, won"), or closing the
    sentence after one ("said Hynde, 53.")."""
    doc = number.doc
    if not number.text.isdigit() or not 0 < int(number.text) <= MAX_AGE or number.i < 2 or number.i + 1 >= len(doc):
        return False
    return (
        doc[number.i - 1].text == ","
        and (doc[number.i + 1].text == "," or (doc[number.i + 1].text in (".", ";") and _sentence_ends(number)))
        and doc[number.i - 2].pos_ == "PROPN"
    )


def _sentence_ends(token: Token) -> bool:
    """Only closing punctuation or quotes follow ``token`` in its sentence ("…," said Hynde, 53.")."""
    return all(t.is_punct or t.is_quote for t in token.doc[token.i + 1 : token.sent.end])


def _asked(token, weights: dict[str, float]) -> bool:
    """The token is one of the question's words, as written or by its lemma ("rose" for "rise")."""
    return stem(token.lower_) in weights or stem(token.lemma_.lower()) in weights


def _after_question_name(span: Span, frame: Frame) -> Span | None:
    """The name glued after one the question gives, in a single entity: "Council of Europe Marija Pejčinović
    Burić" → "Marija Pejčinović Burić" (a title or organisation run into the name it introduces)."""
    if title_case(span.doc):
        return None  # in a Title Case headline every word looks like a name
    lowered = span.text.lower()
    for entity in [*frame.entities, *frame.countries]:
        e = entity.lower()
        at = _words_at(lowered, e)
        if e and at >= 0 and len(lowered) > at + len(e) + 1:
            start = span.start_char + at + len(e)
            rest = span.doc.char_span(start, span.end_char, alignment_mode="contract")
            if rest is None:
                continue
            names = [t for t in rest if t.pos_ == "PROPN"]
            if 2 <= len(names) <= 4 and all(t.pos_ == "PROPN" or t.text in ("-", "'", "’", ".") for t in rest):
                return rest  # "Kassym-Jomart Tokayev"
    return None


def title_case(doc: Doc) -> bool:
    """A headline in Title Case ("Lockheed Martin Projects Higher Sales"): capitals say nothing about names. Title
    Case capitalises verbs; a sentence crowded with names and titles keeps its verbs lower case ("President of
    Ukraine Volodymyr Zelenskyy met with Secretary General of the Council of Europe Marija Pejčinović Burić")."""
    if any(t.pos_ == "VERB" and t.is_alpha and t.text.islower() for t in doc):
        return False
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.8 * len(words):
        return False
    # … nor one whose capitals after its first word are all titles, places and words no dictionary holds: names
    # ("Condolences to President of Greece Katerina Sakellaropoulou and Prime Minister of Greece Kyriakos
    # Mitsotakis"); Title Case capitalises common words ("Projects", "Higher", "Sales")
    g, common = gazetteer(), dictionary_words()
    return any(
        _common_word(t.text, common)
        and not g.is_title(t.text)
        and g.place(t.text) is None
        and not given_name(t.text, g)
        for t in words[1:]
    )


def _common_word(word: str, common: frozenset[str]) -> bool:
    """``word`` (capitalised) is an English word, in its base form or a plural's ("Plans", "Sales")."""
    lowered = word.lower()
    return lowered in common or (lowered.endswith("s") and (lowered[:-1] in common or lowered[:-2] in common))


_MULTIPLIERS = frozenset("m bn k million billion trillion thousand".split())


def _with_multiplier(span: Span) -> Span:
    """A number with the multiplier written after it ("$20m" where the model stops at "$20"), the currency sign
    written before it ("£35bn" where the model starts at "35bn") and the rest of a ratio ("one in every 10")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _MULTIPLIERS and not doc[span.end - 1].whitespace_:
        span = doc[span.start : span.end + 1]
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and _currency_sign(before.text) and not before.whitespace_ and span[0].text[:1].isdigit():
        span = doc[span.start - 1 : span.end]  # "£35bn", "US$42m"
    elif before is not None and before.text in currency_codes() and span[0].text[:1].isdigit():
        span = doc[span.start - 1 : span.end]  # "UAH 1,000"
    elif span.end < len(doc) and doc[span.end].text in currency_codes() and span[-1].text[:1].isdigit():
        span = doc[span.start : span.end + 1]  # "300 USD"
    elif span.end < len(doc) and doc[span.end].lemma_.lower() in CURRENCIES and _figure(span[-1]):
        span = doc[span.start : span.end + 1]  # "68m euros", "300 dollars": the currency named after the sum
    at = span.end + 1 if span.end + 1 < len(doc) and doc[span.end].lower_ == "in" and span[-1].like_num else None
    if at is not None and doc[at].lower_ == "every":
        at += 1
    if at is not None and at < len(doc) and doc[at].like_num:
        span = doc[span.start : at + 1]  # a ratio: "one in every 10 hospitals", "one in five" is one figure
    return span


def _figure(token: Token) -> bool:
    """A number in digits or the multiplier closing one ("68" of "68 euros", "m" of "68m euros")."""
    return token.text[:1].isdigit() or (token.lower_ in _MULTIPLIERS and token.i > 0 and token.nbor(-1).like_num)


_CURRENCY_SIGNS = frozenset("$£€¥₴₽")
_SIGNED_SUM = re.compile(r"(?:[A-Z]{1,3})?[$£€¥₴₽]\d[\d,.]*(?:m|bn|k)?")
"""A sum the tokenizer keeps whole with its sign ("HK$327" of "HK$327m")."""


def _currency_sign(text: str) -> bool:
    """A currency's sign, alone or after the country letters that say which dollar ("US$", "HK$", "A$")."""
    return text in _CURRENCY_SIGNS or bool(re.fullmatch(r"[A-Z]{1,3}\$", text))


CODE_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "UAH": "₴", "RUB": "₽"}
"""The sign of the ISO 4217 codes that have one (``actors.currency_codes`` holds them all), so that "UAH 1,000" is
a sum in hryvnias as "₴1,000" is. A code is written before or after its sum ("UAH 1,000", "300 USD"); in the press
releases UAH 49 times, USD 10, EUR 3."""


def _names_a_day(text: str) -> bool:
    """A time the model tags that names a day from the report's ("this morning", "last night", "Tuesday night"):
    extraction's resolver reads it to a day (shown with the date it resolves to), not a clock time ("5:20 p.m.")."""
    resolved = resolve(text, date(2000, 1, 1))  # any report's day: only the precision is asked
    return resolved is not None and resolved.precision == "day"


def _each(span: Span) -> bool:
    """A sum said of each one of several ("at $120m each", "£5 apiece")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in ("each", "apiece")


def _counted_noun(span: Span):
    """The noun a number counts: the head of a ``nummod``, the noun right after the number, or the whole of a
    partitive ("173 of the 299 votes": votes)."""
    last = span[-1]
    if last.dep_ in ("nummod", "quantmod", "compound") and last.head.pos_ in ("NOUN", "PROPN"):
        return last.head
    whole = _partitive_whole(last)
    if whole is not None:
        return whole
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return after
    return None


def _same_noun(token: Token, noun: str) -> bool:
    """``token`` is ``noun`` or its plural: by lemma, stem or the plural's spelling ("MPs" for "mp", a word too
    short for the stemmer)."""
    lower = token.lower_
    return token.lemma_.lower() == noun or stem(lower) == stem(noun) or lower == plural(noun)


def _partitive_whole(number):
    """The noun of the whole a number takes a part of: "173 of the 299 votes", "three of the victims", "76 out of
    190 tankers"."""
    if number.pos_ != "NUM":
        return None
    preps = [c for c in number.children if c.dep_ == "prep" and c.lower_ in ("of", "out")]
    preps += [c for p in preps if p.lower_ == "out" for c in p.children if c.dep_ == "prep" and c.lower_ == "of"]
    for prep in (p for p in preps if p.lower_ == "of"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")):
            return noun
    return None


def _whole_of_asked_part(span: Span, weights: dict[str, float]) -> bool:
    """``span`` counts the whole of a partitive whose part is what the question's verb acts on: in "winning 173 of
    the 299 votes", "how many votes did he win" asks the 173 (the object of "win"), not the 299. The whole of "out
    of" is never the count: "accounting for 76 out of 190 tankers" counts 76 tankers, of 190."""
    noun = span[-1].head if span[-1].dep_ in ("nummod", "quantmod") else None
    prep = noun.head if noun is not None and noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "of" and prep.head.lower_ == "out" and prep.head.dep_ == "prep":
        prep = prep.head  # "accounting for 76 out of 190 tankers"
    if prep is None or prep.lower_ not in ("of", "out") or prep.head.pos_ != "NUM":
        return False
    part = prep.head
    if prep.lower_ == "out":
        return True  # "76 out of 190 tankers": what the clause counts is the part, the whole is what it is of
    return part.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and _asked(part.head, weights)


def candidates(
    doc: Doc, frame: Frame, weights: dict[str, float], mentions: Sequence[tuple[int, int, str]] = ()
) -> list[Span_]:
    """The candidate answers in ``doc`` (one sentence), each with its fit, nearness and attachment."""
    question_words = set(weights) | {stem(w.lower()) for e in frame.entities for w in e.split()}
    head = frame.head
    head_tokens = [t for t in doc if head and _same_noun(t, head)]
    matched = [(t.i, weights.get(stem(t.lower_)) or weights[stem(t.lemma_.lower())]) for t in doc if _asked(t, weights)]
    total = sum(weights.values()) or 1.0
    out: list[Span_] = []
    seen: set[tuple[int, int]] = set()
    ents = _typed_names(doc, list(mentions))
    people = {t.i for e in ents if e.label_ == "PERSON" for t in e}
    titled = {h.i for h in head_tokens if frame.type == "person" and _titles_asker_name(h, frame, people)}
    complemented = [h for h in head_tokens if _complement_names(h, frame) and h.i not in titled]
    spans = _spans(doc, frame, ents)
    counted_verb = frame.counted_verb if frame.counted_verb and _holds_verb(doc, frame.counted_verb) else None
    if frame.type in _INSTANCE_TYPES:
        spans = [(name, 1.0) for name in _instance_names(head_tokens)] + spans
    owned = [t for t in doc if frame.possessed and _same_noun(t, stem(frame.possessed))]
    given = {(n.start, n.end) for n in _called_names(doc, head)} if frame.asks_name else set()
    designated = (
        [*_designations(head_tokens), *_named_by_of(head_tokens)]
        if frame.type == "named" and head not in RANK_UNITS
        else []
    )
    spans = [(name, 1.0) for name in designated] + spans
    verb_named = (
        bool(frame.fronted or frame.where)
        and any(
            t.pos_ == "PROPN"
            and not _asked(t, weights)
            and (t.ent_type_ not in ("DATE", "TIME") or frame.type == "date")  # "presented on 3 December" says when
            and (
                _verb_object(doc[t.i : t.i + 1], weights)
                if frame.fronted in LOCATIVE or not frame.fronted
                else _asked_words_object(doc[t.i : t.i + 1], frame.fronted, weights)
            )
            for t in doc
        )
    )  # a name the sentence gives the question's words through the fronted preposition or one of place, other
    # than the question's own ("in the Kharkiv region"): "signed a new agreement with Scottish club Rangers";
    # for "where", a place the question's verb takes ("will train at the Carrington complex")
    lowered = doc.text.lower()
    offices = [
        (m.start(), m.end()) for o in frame.offices for m in re.finditer(rf"\b{re.escape(o.lower())}\b", lowered)
    ]
    for span, fit in spans:
        key = (span.start_char, span.end_char)
        if key in seen or not span.text.strip():
            continue
        seen.add(key)
        if any(a <= span.start_char and span.end_char <= b for a, b in offices):
            continue  # "Ukraine" in "the President of Ukraine", who is the question's Zelenskyy
        if (len(span) == 1 and gazetteer().is_title(span.text)) or (
            frame.type == "person" and gazetteer().not_actor(span.text)
        ):
            continue  # a bare title ("President", "Prime Minister") names no one
        span = _with_multiplier(span)
        if frame.type in _QUANTITIES and _given_in_question(span.text, frame.text):
            continue  # "What was Germany's rate, compared with the UK's 4.7%?": the question's own figure
        if frame.type == "place" and _possessor_of_non_place(span):
            continue  # "South Korea's Hyundai": a possessor says whose, not where
        if frame.type == "place" and span.root.dep_ == "nsubj" and span.root.head.lemma_ != "be":
            fit *= AGENT_PLACE  # "Putin said Russia has delivered …": a country that acts is an agent, not where
        if _named_in_question(span.text, frame, question_words):
            rest = _after_question_name(span, frame)
            if rest is None:
                continue
            if frame.type != "person" and not (
                _instance_of(rest, head_tokens) or all(t.ent_type_ == "PERSON" for t in rest)
            ):
                continue  # "US Treasury Department" gives a department, "Eurovision Song Contest" no organisation
            span, fit = rest, (1.0 if frame.type in ("person", "named") else fit)
            if (span.start_char, span.end_char) in seen:
                continue
            seen.add((span.start_char, span.end_char))
        if frame.type == "named" and len(span) == 1 and span[0].text.isdigit() and _ends_longer_name(span):
            continue  # "20" of "the Group of 20 summit", "a G-20 summit": the end of a longer name, not one
        if head_tokens and any(span.start <= h.i < span.end for h in head_tokens) and len(span) == 1:
            continue  # the asked noun itself is not its own answer
        if (
            frame.type == "person"
            and span.start > 0
            and span.doc[span.start - 1].lower_ == "the"
            and span.root.ent_type_ != "ORG"
        ):
            # English puts no article before a person's name: "Lindau" of "the Lindau region", "Republic" of "the
            # Republic of Poland", which the model took for people (an organisation answering "who" takes one:
            # "the Institute for the Study of War", so one tagged so stays). Written from one question of the
            # 2026-12-23 batch; on the 1,126 earlier dev questions 3 more right (871 → 874) and 1 more wrong answer
            # (94 → 95); the seeds' 44 as before (34)
            continue
        if (frame.type in _INSTANCE_TYPES and _instance_of(span, head_tokens)) or span in designated:
            near = _nearness(span, matched, total)
            out.append(Span_(span.start_char, span.end_char, span.text, max(fit, 1.0) * INSTANCE, near, True))
            continue
        if frame.several and not any(t.dep_ == "cc" or t.lower_ == "," for t in span):
            fit *= ONE_OF_SEVERAL  # "Which two regions …": "Kharkiv" names one of them
        number = next((t for t in span if t.like_num), None) if head == "age" else None
        if number is not None and _states_age(number) and _ages_another(number, frame.entities):
            continue  # "A 26-year-old woman is held after Tatarsky died": another's age than the one asked
        if head == "age" and (span[-1].lower_ in UNITS or span.root.ent_type_ in ("MONEY", "PERCENT")):
            continue  # "clearing 4.89 metres": a measure of another kind is no one's age
        candidate = Span_(span.start_char, span.end_char, span.text, fit, _nearness(span, matched, total))
        if frame.type in ("count", "amount", "duration") and head:
            counted = _counted_noun(span)
            if counted is not None and _same_noun(counted, head):
                candidate.attached = not _whole_of_asked_part(span, weights)
            elif head == "age" and _states_age(next((t for t in span if t.like_num), span[-1])):
                candidate.attached = True  # "Francis, 86, presided": an age, what "how old" asks
            elif counted is None and (subject := next((h for h in head_tokens if _copula_pair(h, span.root)), None)):
                # "the monthly budget deficit in Ukraine now is $ 5 billion": the value a copula says the asked
                # noun is, described by the question's modifiers as a name would be
                candidate.attached = True
                if frame.modifiers and any(c.lower_ in frame.modifiers for c in subject.children):
                    candidate.fit = max(candidate.fit, 1.0) * DESCRIBED
            elif (
                counted is not None
                and counted.pos_ == "NOUN"
                and not (head == "age" and _states_age(span[-1]))
                and counted.lower_ not in MEASURE_UNITS.get(head, frozenset())  # "18 lbs" for "how much weight"
            ):
                candidate.fit *= DETACHED_NUMBER
            if frame.currency is not None and _written_in_currency(span) and not _in_currency(span, frame.currency):
                candidate.attached = False  # "£38 million ($49 million) yacht" in pounds: the other sum converts
            act = _counts_for(span, counted_verb) if counted_verb else None
            if act is False:
                # "nine people were killed and 56 wounded" for "How many people were wounded": nine counts the
                # killed; the sentence gives the asked act a number of its own
                candidate.attached = False
                candidate.fit *= OTHER_ACT
            elif act and (counted is None or _same_noun(counted, head)):
                candidate.attached = True  # "… and 56 wounded": the asked act's number, its noun left out
        elif frame.type == "amount" and _each(span) and re.search(r"\beach\b", frame.text, re.I):
            candidate.attached = True  # "How much does each 7E7 cost?": "at $120m each", the sum for one
        elif frame.type == "amount" and not any(t.ent_type_ in ("MONEY", "PERCENT") or t.is_currency for t in span):
            counted = _counted_noun(span)
            other = counted is not None and counted.pos_ == "NOUN" and not _asked(counted, weights)
            if other and counted.lower_ not in UNITS and counted.i >= span.end:
                # "How much has the site received?": "a coalition of 12 charities" counts things, measures nothing
                # ("one in every 10 hospitals" is the share of the question's hospitals)
                candidate.fit *= DETACHED_NUMBER
        elif any(_premodifies(span, h) and (frame.type == "person" or _named_after(h)) for h in head_tokens):
            candidate.fit *= PREMODIFIER
        elif frame.object_of and (governor := _object_of(span, frame.object_of, frame.object_prep)) is not None:
            # "Who did X appoint?": the one appointed, by X or by someone the sentence does not name
            # a sum in brackets converts the one before it, which is what was paid ("2.5bn euros ($2.7bn)")
            converted = frame.type == "amount" and _converted(span)
            candidate.attached = not _other_agent(governor, frame.entities) and not converted
            if candidate.attached and frame.type == "named":
                # "Which tournament did Agassi pull out of?": the stranded preposition's object is the thing asked,
                # whatever kind of name the model took it for
                candidate.fit = max(candidate.fit, NAMED_BY_ITS_ROLE)
        elif frame.subject_of and _subject_of(
            span, frame.subject_of, frame.passive, frame.subject_objects, frame.subject_nouns,
            for_body=frame.type in ("country", "organisation"),
        ):  # fmt: skip
            candidate.attached = True  # "Who called X a mongrel?": the one who called
        elif frame.subject_of and not frame.passive and _titled_doer(span, frame.subject_of):
            candidate.attached = True  # "Which company distributes the film?": "distributor Toho"
        elif frame.type == "person" and any(_complement_end(h) == span.end - 1 for h in complemented):
            # "Head of the NATO Mission in Ukraine Karen McTear": the name closing the asked role's phrase, with
            # the question's own complement, holds that role whatever the model tagged it
            candidate.attached, candidate.fit = True, max(candidate.fit, 1.0)
        elif (
            frame.type == "person"
            and any(span.root.dep_ == "appos" and span.root.head.i == h.i for h in head_tokens)
            and not gazetteer().is_title(span.root.text)
        ):
            # "Varig's main shareholder, the non-profit Ruben Berta Foundation": the apposition names what the
            # asked noun stands for, a body as well as a person (a title is no name: "President …: Mr President")
            candidate.attached = True
        elif head_tokens and (frame.type != "person" or fit >= 0.9):
            # a role's organisation ("United goalkeeper Roy Carroll") is bound to the role but does not fill it;
            # a noun that heads a name ("the Mariyinsky Palace") binds that name only; when one mention of the
            # role carries the question's complement ("Head of the NATO Mission"), another ("Deputy Head of the
            # President's Office") binds nobody
            bound = [
                h
                for h in complemented
                or [h for h in head_tokens if not _other_complement(h, frame) and h.i not in titled]
                if _bound(span, h)
                and not (frame.type in _INSTANCE_TYPES and (_heads_name(h) or _possessor_of(span, h, frame)))
            ]
            candidate.attached = bool(bound)
            if frame.type == "person" and frame.nationalities and any(_other_country(span, h, frame) for h in bound):
                candidate.fit *= OTHER_COUNTRY
        if frame.type == "person" and head_tokens:
            # the role written right before the name is its own, whichever way the name was reached
            nearest = max((h for h in head_tokens if h.i < span.start and _bound(span, h)), key=lambda h: h.i,
                          default=None)  # fmt: skip
            if nearest is not None and _other_tenure(nearest, frame):
                candidate.fit *= OTHER_TENURE
            if nearest is not None and frame.principals and _other_principal(span, nearest, frame):
                # "Euronext chief Jean-Francois Theodore" for "Who is the LSE's chief?": another body's holder
                candidate.fit *= OTHER_COUNTRY
                candidate.attached = False
            own = (_office_of(span) or _appositive_office(span, head_tokens)) if frame.head else None
            if candidate.attached and own is not None and not _same_noun(own, frame.head or ""):
                # "President of Greece Katerina Sakellaropoulou and Prime Minister of Greece Kyriakos Mitsotakis":
                # the title whose phrase the name ends is its office; another role noun bound through the
                # coordination is another's
                candidate.attached = False
                candidate.fit *= OTHER_TENURE
        if (span.start, span.end) in given:
            # "What is the 7E7 also known as?": "the 7E7, also known as the Dreamliner" (the name, whatever other
            # reading of the words reached it first)
            candidate.attached, candidate.fit = True, max(candidate.fit, 1.0)
        if frame.type == "named" and any(
            h.i + 1 == span.start and span.start <= h.head.i < span.end for h in head_tokens
        ):
            candidate.fit = max(candidate.fit, 1.0)  # "flanker Johnny O'Connor": the asked noun is the name's title
        elif (
            frame.type == "named"
            and span.root.dep_ == "compound"
            and any(span.root.head == h and span.end == h.i for h in head_tokens)
            and not _ends_longer_name(span)
        ):
            # "runs the Frankfurt exchange", "the Mi-171AZ helicopter" for "Which exchange …", "Which helicopter
            # …": a name right before the asked noun says which one it is, whatever the model tagged it
            candidate.fit = max(candidate.fit, 1.0)
        if frame.type == "person" and frame.nationalities and not candidate.attached and _of_nationality(span, frame):
            candidate.attached = True  # "Czech Jan Hernych", "Olivier Rochus of Belgium" for "Which Czech player"
        elif frame.type == "person" and frame.nationalities and _of_other_nationality(span, frame):
            # "a winner over Luis Paz of Argentina" for "Which Czech player will Vik face?": bound to the verb, but
            # of another country
            candidate.attached = False
            candidate.fit *= OTHER_COUNTRY
        if frame.type == "person" and frame.nationalities:
            titled_by = _title_country(span)
            if titled_by is not None and titled_by not in frame.nationalities:
                # "President of the Republic of Lithuania Gitanas Nausėda" for "Which Polish president": the
                # office written before the name is of another country
                candidate.fit *= OTHER_COUNTRY
                candidate.attached = False
        if not candidate.attached and owned and any(_owns(span, o) for o in owned):
            candidate.attached = True  # "the Parliament of Ireland" for "Which country's parliament …"
        if (
            frame.subject_of
            and not frame.passive
            and not candidate.attached
            and _done_by_another(span, frame.subject_of, frame.subject_objects)
        ):
            candidate.fit *= OTHER_DOER  # "Kerr admitted his side did not score more than one goal": not the scorer
        if frame.type == "amount" and not head and not candidate.attached and _measures_asked(span, weights):
            candidate.attached = True  # "its $1.07bn stock market debut" for "How much did it raise in its debut?"
        if frame.type == "date" and not candidate.attached and _dates_asked(span, weights):
            candidate.attached = True  # "the decision of the Council of February 26": the asked act's date
        elif not candidate.attached and frame.complement_of and _completes(span, *frame.complement_of):
            candidate.attached = True  # "the downing of which flight": "the downing of PS752"
        elif not candidate.attached and frame.fronted in LOCATIVE and _verb_object(span, weights):
            candidate.attached = True  # "In which country did envoys converge?": "converged on Sudan"
        elif not candidate.attached and frame.fronted and _object_of_preposition(span, frame.fronted):
            # "In which town is the firm based?": "a steel firm in Armentieres"; not a place hung on a noun the
            # question does not name where the question's words have one of their own ("converged on Sudan … the
            # war in Ukraine", "lost deals with Chelsea … signed an agreement with Rangers")
            candidate.attached = not verb_named or _asked(_root_pobj(span).head.head, weights)
        elif frame.where and not candidate.attached and _located(span):
            # "Where was Putin speaking?": "said at a forum in St. Petersburg"; where the sentence gives the
            # question's verb a place, not one hung on another word ("based at a hotel in Cheshire and will train
            # at the Carrington complex" for "Where will the squad train?")
            candidate.attached = not verb_named or _verb_object(span, weights)
        if frame.type == "person":
            if not candidate.attached and frame.modifiers and _described(span, frame.modifiers):
                candidate.attached = True  # "Ukraine-born Ivan Petrov" for "Which Ukraine-born player"
        elif frame.modifiers and _described(span, frame.modifiers, frame.head):
            # "Nvidia-backed CoreWeave" for "Which Nvidia-backed startup", "the central city of Uman" for "which
            # central city": described as the question describes it, it fits better than a name bound to the
            # noun alone ("the port city of Dnipro"). (A person's title before the name ends with words of its
            # own, "Secretary of State Antony Blinken", so a person is only bound, not preferred.)
            candidate.attached, candidate.fit = True, max(candidate.fit, 1.0) * DESCRIBED
        out.append(candidate)
    if not frame.asks_name and (frame.described or frame.type == "named" or (frame.type == "person" and frame.plural)):
        fit = 1.0 if frame.described else DESCRIPTION
        for span in _descriptions(head_tokens, question_words, frame.described):
            for i, c in enumerate(out):
                inside = span.start_char <= c.start and c.end <= span[-1].idx
                if inside and (frame.type == "named" or not _proper(doc, c)):
                    # "30th" of "the 30th anniversary": a modifier of the asked noun is shown with it; so is a name
                    # that says which thing the noun is ("EU candidate status" for "What status …")
                    out[i] = Span_(span.start_char, span.end_char, span.text, c.fit, c.near, c.attached)
                    seen.add((span.start_char, span.end_char))  # shown so, it is not added again below
            if (span.start_char, span.end_char) not in seen:
                seen.add((span.start_char, span.end_char))
                out.append(Span_(span.start_char, span.end_char, span.text, fit, _nearness(span, matched, total), True))
    if frame.type == "reason":
        match = _CAUSAL.search(doc.text)
        if match:
            text = doc.text[match.start() :].rstrip(". ")
            out.append(Span_(match.start(), match.start() + len(text), text, 1.0, 1.0))
    return out


_INSTANCE_TYPES = frozenset({"place", "organisation", "named"})
"""Types whose asked noun can head the answer's own name; a person's role noun is a title, not a name's head."""
ONE_OF_SEVERAL = 0.5
"""A single name for a question asking for several ("which two regions") answers it only in part."""
LOCATIVE = ("in", "at", "near", "outside")
"""Prepositions of place: "where" asks for the object of one."""
PLACE_BY_PREPOSITION = 0.6
"""A name the model reads as a person's, written after a preposition of place ("in Hostomel"), as a place: it fits
a "where" less than a name read as a place."""
AGENT_PLACE = 0.3
"""A place that is the active subject of a verb acts (a country, a city council): weak as where something is."""
_QUANTITIES = frozenset({"count", "amount", "duration"})
_YEAR = re.compile(r"\b(?:1\d|20)\d\d\b")
"""A year written in full, of this millennium or the last ("1857", "2022"): history asks for years too."""
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


DESCRIPTION = 0.35
"""The asked noun with modifiers of its own ("the 30th anniversary", "exiled Russian artists") answers "which
<noun>" only where nothing names it: bound to the noun, it counts this much of a name's fit. For "What kind of
<noun>" it is the answer's form, and counts fully."""
NOT_RESTRICTIVE = frozenset("other such same own many several few various certain more most much further".split())
"""Adjectives that count or point rather than say what kind a thing is ("other missiles", "several artists")."""


def _descriptions(head_tokens: list, question_words: set[str], described: bool = False) -> list[Span]:
    """The asked noun with the modifiers a sentence gives it that the question does not ("the 30th anniversary",
    "the 95th assault brigade", "hypersonic missiles"): adjectives, ordinals and nouns before it, as written."""
    out = []
    for h in head_tokens:
        if h.pos_ != "NOUN" and not (h.pos_ == "PROPN" and described):
            continue  # a name is not described, unless the question asks which part of it ("southeastern Ukraine")
        kept = [
            c
            for c in h.lefts
            if c.dep_ in ("amod", "compound", "nmod")
            and c.lower_ not in NOT_RESTRICTIVE
            and any(stem(t.lower_) not in question_words and t.lemma_.lower() not in question_words for t in c.subtree)
        ]  # a modifier the question gives may carry one it does not: "the Tokyo Olympics programme" for "which
        # Olympics programme"
        if not kept:
            continue
        start = min(c.left_edge.i for c in kept)
        while start < h.i and (h.doc[start].pos_ in ("DET", "PUNCT") or h.doc[start].tag_ == "POS"):
            start += 1
        if start < h.i:
            out.append(h.doc[start : h.i + 1])
    return out


def _proper(doc: Doc, candidate: Span_) -> bool:
    """``candidate`` holds a proper noun (a name, shown as it is)."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _given_in_question(text: str, question: str) -> bool:
    """Every figure of ``text`` is written in the question: what it gives is not what it asks."""
    figures = _FIGURE.findall(text)
    return bool(figures) and all(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", question) for f in figures)


def _heads_name(token) -> bool:
    """``token`` (the asked noun) is written capitalised as the last word of a proper name ("Mariyinsky Palace",
    "Infantry Day"), not at the start of a sentence nor in a Title Case headline (where every word is)."""
    if not token.text[:1].isupper() or token.i == token.sent.start or title_case(token.doc):
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.head.i == token.i and before.text[:1].isupper() and before.dep_ != "det"


def _instance_of(span: Span, head_tokens: list) -> bool:
    """``span`` is a name of two or more words that ends with the asked noun heading it."""
    return len(span) >= 2 and any(h.i == span.end - 1 and _heads_name(h) for h in head_tokens)


def _instance_names(head_tokens: list) -> list[Span]:
    """The names the asked noun heads, whatever the model tagged: the capitalised words before it that depend on
    it ("Infantry Day" inside an event "Ukraine marks Infantry Day")."""
    out = []
    for h in head_tokens:
        if not _heads_name(h):
            continue
        out.append(h.doc[_name_start(h, lambda t, h=h: _within(t, h)) : h.i + 1])
    return out


_NAME_JOINERS = frozenset({"and", "of", "for", "&", "-"})
"""Words inside a proper name between its capitalised words ("Anti-Terrorism Crimes and Security Act", "Ministry of
Defence")."""


def _name_start(head, belongs) -> int:
    """Where the name ending with ``head`` starts: back over the capitalised words before it that ``belongs``
    accepts, and over a joining word between two of them."""
    doc, start = head.doc, head.i
    while start > head.sent.start:
        before = doc[start - 1]
        if before.text[:1].isupper() and belongs(before):
            start -= 1
        elif (
            before.lower_ in _NAME_JOINERS
            and start - 2 >= head.sent.start
            and doc[start - 2].text[:1].isupper()
            and belongs(doc[start - 2])
        ):
            start -= 2
        else:
            break
    return start


_NUMBER_SIGNS = frozenset({"№", "no", "no.", "nr", "nr.", "number", "#"})


def _designations(head_tokens: list) -> list[Span]:
    """The asked noun designated by a number or a code after it ("Presidential Decree № 85/2021", "Resolution
    2334", "Flight MH17", "Article 5"): English names a document, a flight or a clause by its kind and its
    identifier; the capitalised words before the noun belong to the name ("Presidential")."""
    out: list[Span] = []
    for h in head_tokens:
        doc = h.doc
        at = h.i + 1
        if at < len(doc) and doc[at].lower_ in _NUMBER_SIGNS:
            at += 1
            if at < len(doc) and doc[at].text == ".":
                at += 1  # "No." cut in two by the tokenizer
        if at >= len(doc) or not any(c.isdigit() for c in doc[at].text):
            continue
        if at + 1 < len(doc) and doc[at + 1].pos_ == "NOUN":
            continue  # "the decree 10 days ago": the number counts what follows it
        start = _name_start(h, lambda t: t.pos_ in ("PROPN", "ADJ"))
        out.append(doc[start : at + 1])
    return out


_APPOSITIVE_OF = frozenset({"occasion", "festival", "feast", "holiday", "name", "title", "term", "motto", "slogan"})
"""Nouns whose "of" phrase is what they are ("the occasion of the Journalist's Day", "the title of Hero of
Ukraine"), as "the city of Uman" is Uman; relational nouns take an argument instead ("the anniversary of the
Holodomor", "the battle of Kyiv")."""


def _named_by_of(head_tokens: list) -> list[Span]:
    """The asked noun followed by "of" and a name is that name ("on the occasion of the Journalist's Day", "the
    festival of Navruz"): the "of" of apposition (``_APPOSITIVE_OF``); the name without its article."""
    out: list[Span] = []
    for h in head_tokens:
        if h.lemma_.lower() not in _APPOSITIVE_OF or not h.text.islower():
            continue  # "the anniversary of the Holodomor" is no Holodomor; "the Order of St Andrew" is one name
        of = next((c for c in h.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        name = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if name is None or not name.text[:1].isupper() or name.i == name.sent.start:
            continue  # the model tags "Day" of "the Journalist's Day" a common noun: its capital says a name
        words = [t for t in name.subtree if t.dep_ != "det"]
        if all(t.text[:1].isupper() or t.tag_ == "POS" or t.is_punct for t in words):
            out.append(h.doc[words[0].i : words[-1].i + 1])
    return out


def _within(token, head) -> bool:
    """``token`` depends on ``head`` through words before ``head`` (a name's own words)."""
    for _ in range(4):
        if token.head.i == head.i:
            return True
        if token.head.i > head.i or token.head is token:
            return False
        token = token.head
    return False


def _nearness(span: Span, matched: list[tuple[int, float]], total: float) -> float:
    """How close ``span`` stands to the question's words in the sentence, 0–1 (each word's weight, less with
    distance)."""
    near = 0.0
    for index, weight in matched:
        if span.start <= index < span.end:
            continue
        distance = span.start - index if index < span.start else index - span.end + 1
        near += weight / (1.0 + distance / 4.0)
    return min(1.0, near / total)


_OBJECTS = frozenset({"dobj", "dative", "oprd"})


NOMINALISATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "beat": (("victory", "over"), ("win", "over"), ("defeat", "of")),
    "defeat": (("victory", "over"), ("win", "over"), ("defeat", "of")),
    "meet": (("meeting", "with"), ("talks", "with"), ("talk", "with")),
    "call": (("call", "with"), ("conversation", "with")),
    "phone": (("call", "with"), ("conversation", "with")),
    "visit": (("visit", "to"), ("trip", "to")),
    "attack": (("attack", "on"), ("strike", "on")),
    "strike": (("strike", "on"), ("attack", "on")),
    "invade": (("invasion", "of"),),
    "appoint": (("appointment", "of"),),
    "arrest": (("arrest", "of"),),
    "kill": (("killing", "of"), ("murder", "of")),
    "buy": (("purchase", "of"), ("acquisition", "of"), ("takeover", "of")),
    "acquire": (("acquisition", "of"), ("purchase", "of"), ("takeover", "of")),
    "replace": (("replacement", "for"),),
}
"""The nouns that name a verb's act, with the preposition that takes what was the verb's object: "Who did Dent
beat?" is answered by "a 7-6 6-2 victory over second seed David Nalbandian", "Who did Putin meet?" by "talks with
…" (NomBank's argument frames, for the acts news reports most; a noun's other prepositions name other roles)."""


def _object_of(span: Span, lemmas: frozenset[str], prep: str | None) -> Token | None:
    """The verb (or noun) with one of ``lemmas`` whose object ``span`` is: its direct object ("appointed Oleksiy
    Reznikov"), or with ``prep`` the object of that preposition ("talks with … Narendra Modi"); the name is
    reached through the phrase it closes ("with Adviser of the Romanian President on European Affairs Luminiţa
    Odobescu"). None when ``span`` is no such object."""
    token = span.root
    for _ in range(8):
        if prep is None and token.dep_ in _OBJECTS and token.head.lemma_.lower() in lemmas:
            return token.head
        if prep is None and token.dep_ == "pobj" and _nominal_object(token.head, lemmas):
            return token.head.head  # "a victory over David Nalbandian" for "Who did Dent beat?"
        if prep is not None and token.dep_ == "pobj" and token.head.lower_ == prep:
            governor = token.head.head
            if governor.dep_ in ("prep", "prt") and governor.head.lemma_.lower() in lemmas and governor.i < token.i:
                governor = governor.head  # "pulled out of the Kooyong Classic": a phrasal verb's particle between
            if governor.lemma_.lower() in lemmas:
                return governor
        if token.dep_ not in ("appos", "compound", "flat", "conj", "pobj", "prep") or token.head is token:
            return None
        token = token.head
    return None


def _other_agent(verb: Token, entities: Sequence[str]) -> bool:
    """The asked act's ``verb`` has a named subject that is none of the question's ``entities``: in "Wigley, who
    replaced Paul Sturrock" the one who replaced is Wigley (a relative pronoun stands for the noun its clause
    modifies), so Sturrock is not whom Redknapp replaces. A subject that is a description or a pronoun ("The former
    Portsmouth boss replaces Steve Wigley") may be the question's, and decides nothing; so does a name sharing a
    word with one of the question's ("Putin" for "Vladimir Putin"), and an act's noun, which has no subject."""
    asked = {w.lower() for name in entities for w in name.split()}
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head
        if subject.pos_ != "PROPN":
            continue
        name = [subject, *(c for c in subject.children if c.dep_ in ("compound", "flat"))]
        words = {t.lower_ for t in name if t.pos_ == "PROPN"}
        if words and not words & asked:
            return True
    return False


CONVERSES: dict[str, frozenset[tuple[str, str]]] = {
    verb: frozenset({("lose", "to"), ("loss", "to"), ("defeat", "to"), ("defeat", "by"), ("fall", "to")})
    for verb in ("beat", "defeat")
}
"""The converse of a verb of winning: "A beat B" is "B lost to A", "B's loss to A", "B's defeat by A": the winner
asked by "Who beat B?" is the object of that preposition."""


def _converse_agent(preposition, lemmas: frozenset[str]) -> bool:
    """``preposition`` takes the one who did an asked act told from the other side ("lost to", "loss to")."""
    governor = preposition.head
    forms = {(governor.lemma_.lower(), preposition.lower_), (governor.lower_, preposition.lower_)}
    return preposition.dep_ in ("prep", "dative") and any(forms & CONVERSES.get(lemma, frozenset()) for lemma in lemmas)


def _nominal_object(preposition, lemmas: frozenset[str]) -> bool:
    """``preposition`` takes the object of an asked verb's noun ("over" of "victory" for "beat")."""
    noun = preposition.head
    if preposition.dep_ != "prep" or noun.pos_ != "NOUN":
        return False
    forms = {(noun.lower_, preposition.lower_), (noun.lemma_.lower(), preposition.lower_)}
    return any(forms & set(NOMINALISATIONS.get(lemma, ())) for lemma in lemmas)


def _described(span: Span, modifiers: tuple[str, ...], head: str | None = None) -> bool:
    """The words right before ``span`` (past an article) are one of the question's modifiers of the asked noun, or
    the modifier with the noun naming it ("the central city of Uman" for "which central city")."""
    before = span.doc.text[: span.start_char].rstrip().lower()
    before = re.sub(r"\b(?:the|a|an)$", "", before).rstrip()
    if head:
        before = re.sub(rf"\b{re.escape(head)}(?:s|es)? of$", "", before).rstrip()
    return any(before.endswith(m) and (len(before) == len(m) or not before[-len(m) - 1].isalnum()) for m in modifiers)


def _subject_of(
    span: Span,
    lemmas: frozenset[str],
    passive: bool,
    objects: Sequence[str] = (),
    nouns: Sequence[str] = (),
    for_body: bool = False,
) -> bool:
    """``span`` fills the role the question's wh-phrase fills for a verb with one of ``lemmas``: its subject or
    the agent of its passive ("was called a mongrel by Peter Hain"); for a passive question ("Who was arrested?")
    its passive subject or its active object. The name is reached through the phrase it closes, as for objects.
    When the question names the verb's object (``objects``), the sentence's clause of that verb names it too; when
    it gives a common noun as the object (``nouns``) and the sentence gives that verb several objects, this clause
    has the question's. ``for_body`` (a question asking for a country or an organisation): an office's possessor acts
    through its holder ("Germany's defense minister says" for "Which country said …?"), as a body named before the
    office does ("U.K. defense secretary", a compound); not for a person ("Putin's spokesman said" is no word of
    Putin's)."""
    token = span.root
    described = [token, token.head] if token.dep_ in ("appos", "compound", "flat") else [token]
    # "singer Harry Belafonte, who gave the eulogy", "the singer Kari Vik, who …": the relative pronoun subject is
    # the name, or the noun the name stands in apposition to
    wanted = "nsubjpass" if passive else "nsubj"
    for clause in (c for t in described for c in t.children if c.dep_ == "relcl" and c.lemma_.lower() in lemmas):
        pronoun = next((c for c in clause.children if c.dep_ == wanted and c.lower_ in _RELATIVE), None)
        if pronoun is not None and not (pronoun.lower_ == "which" and _a_person(clause.head)):
            return _names_objects(clause, span, objects) and not _other_object(clause, nouns)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ == "which" and after.dep_ == wanted and after.head.dep_ == "relcl":
        clause = after.head
        if clause.lemma_.lower() in lemmas and _a_person(clause.head) and clause.head not in span:
            # "Rachel Harker, spokeswoman for Hypertag which makes the technology": "which" takes no person for
            # its antecedent, whatever the parse hung the clause on; the name before it is
            return _names_objects(clause, span, objects) and not _other_object(clause, nouns)
    for _ in range(8):
        verb = token.head
        role = token.dep_ == ("nsubjpass" if passive else "nsubj") or (passive and token.dep_ in _OBJECTS)
        if role and verb.lemma_.lower() in lemmas and verb.pos_ in ("VERB", "AUX"):
            return _names_objects(verb, span, objects) and not _other_object(verb, nouns)
        if role and not passive and _supports(verb, lemmas):
            return True  # "Mr Kozak will make a report" for "Who reported …?"
        if token.dep_ == "nsubj" and _reports_own_act(verb, lemmas, passive):
            return True  # "The Union … said that it had declined the request": "it" is the Union
        if not passive and token.dep_ == "pobj" and token.head.lower_ == "by" and _agent_of(token.head, lemmas):
            return _names_objects(token.head.head, span, objects)
        if not passive and token.dep_ == "pobj" and _converse_agent(token.head, lemmas):
            # "a surprise loss to Olivier Rochus": the loser is the question's object, told as the subject
            return not objects or any(o.split()[-1] in span.doc.text for o in objects)
        if not passive and objects and _partner_of(token, lemmas, objects):
            return True  # "Zelenskyy met with Boris Johnson" says Johnson met Zelenskyy
        if for_body and token.dep_ == "poss" and token.head.text.islower():
            token = token.head  # "Germany's defense minister says": the country speaks through its minister
            continue
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and _title_closed_by(token.head.head, span):
            token = token.head.head  # the name closes its title's phrase: "Head of the DPR Denis Pushilin signed"
            continue
        if token.dep_ not in ("appos", "compound", "flat", "conj") or token.head is token:
            return False
        token = token.head  # coordinated names share the role: "Vladimir Putin and … Denis Pushilin signed"
    return False


_RELATIVE = frozenset({"who", "which", "that"})
SYMMETRIC_VERBS = frozenset({"meet", "marry", "talk", "speak", "negotiate"})
"""Verbs of social interaction whose subject and partner can swap without changing what is said (symmetric
predicates: "A met B" is "B met A", "A spoke with B"); for "Who met X?" a sentence where X meets someone names the
one asked for as the partner. Acts with a direction ("A called B", "A attacked B") are not among them."""


def _owns(span: Span, noun: Token) -> bool:
    """``span`` is the possessor or a modifier of ``noun``, the object of its "of" or the agent of a participle
    after it ("Estonia's prime minister", "the Romanian Prime Minister", "the Parliament of Ireland", "images
    released by Maxar"), or stands in a name the noun is part of; not a name further down its relative clauses ("a
    prime minister who mediated Russia's war with Ukraine")."""
    root = span.root
    heads = [noun, *(t for t in noun.subtree if t.dep_ == "compound" and t.head == noun)]
    if root.head in heads and root.dep_ in ("poss", "compound", "amod", "nmod", "appos"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head in heads:
        return True
    by = root.head if root.dep_ == "pobj" else None
    if by is not None and by.lower_ == "by" and by.dep_ == "agent" and by.head.dep_ == "acl" and by.head.head in heads:
        return True  # "satellite images released by Maxar Technologies": Maxar's images
    return span.start <= noun.i < span.end


def _a_person(token: Token) -> bool:
    """``token`` names a person: a name the model tags so, or a noun of people ("spokeswoman")."""
    return token.ent_type_ == "PERSON" or (token.pos_ == "NOUN" and person_noun(token.lemma_.lower()))


def _partner_of(token, lemmas: frozenset[str], objects: Sequence[str]) -> bool:
    """``token`` is the partner (direct object, or object of "with") of a symmetric verb among ``lemmas`` whose
    subject names one of the question's ``objects``."""
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ == "with":
        verb = token.head.head
    else:
        return False
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lemmas & SYMMETRIC_VERBS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(_names_any_of(" ".join(t.text for t in s.subtree), objects) for s in subjects)


def _names_any_of(text: str, names: Sequence[str]) -> bool:
    """``text`` holds one of ``names`` as whole words."""
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) for name in names)


SUPPORT_VERBS = frozenset("make deliver carry launch pay hold conduct stage mount submit file lodge".split())
"""Light verbs, which lend their subject to the act their object names ("make a report", "pay a visit", "launch an
attack", "hold talks"): the subject did what a verb of the object's own form says (report, visit, attack, talk).
Verbs that take an act done by another ("receive a report", "welcome the visit") are not among them, nor "give"
and "issue", whose objects are as often things handed over ("gave control of the company", "issued new shares").
Read on 20 such sentences of 400 BBC articles (subject, light verb, an object that is also a verb): the subject did
the object's act in 14 ("made a request", "held merger talks", "mount legal challenges"); the 6 others name a
thing ("makes the Durex brand", "launched an anti-corruption drive")."""


def _supports(verb: Token, lemmas: frozenset[str]) -> bool:
    """``verb`` is a light verb whose direct object is a noun of the same form as one of the question's
    ``lemmas``."""
    return verb.lemma_.lower() in SUPPORT_VERBS and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in lemmas for c in verb.children
    )


def _titled_doer(span: Span, verbs: frozenset[str]) -> bool:
    """``span`` is named by the noun of a doer of one of ``verbs``: that noun before it ("distributor Toho",
    "Wagner founder Yevgeny Prigozhin") or in apposition to it ("Toho, the film's distributor")."""
    nouns = {noun for verb in verbs for noun in agent_nouns(verb)}
    root = span.root
    if any(c.dep_ in ("compound", "nmod", "appos") and stem(c.lower_) in nouns for c in root.children):
        return True
    return (
        root.dep_ in ("appos", "compound")
        and stem(root.head.lower_) in nouns
        and root.head.i not in range(span.start, span.end)
    )


def _names_objects(verb, span: Span, objects: Sequence[str]) -> bool:
    """The clause of ``verb`` (outside the candidate ``span``) names one of the question's ``objects``, or the
    question names none, or the verb's object is a pronoun, which may stand for it ("Peter Hain even called me a
    mongrel", said by Michael Howard)."""
    if not objects or any(c.dep_ in _OBJECTS and c.pos_ == "PRON" for c in verb.children):
        return True
    tokens = list(verb.subtree)
    if verb.dep_ in ("acl", "relcl"):  # "Den, played by Leslie Grantham": the noun the clause modifies
        tokens += [t for t in verb.head.subtree if t.i <= verb.head.i]
    words = " ".join(t.text for t in sorted(set(tokens), key=lambda t: t.i) if not span.start <= t.i < span.end)
    return _names_any_of(words, objects)


def _other_object(verb, nouns: Sequence[str]) -> bool:
    """The sentence gives the question's object noun to another clause of the same verb, and this one another
    object: "A will voice a goose, B will voice a sheep" (B does not voice the goose). With one clause the object
    may be said in other words ("blocking the expansion" / "blocking their bids"), so nothing is decided."""
    if not nouns:
        return False
    own = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if own & set(nouns):
        return False
    lemma = verb.lemma_.lower()
    return any(
        t.i != verb.i
        and t.lemma_.lower() == lemma
        and any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in t.children)
        for t in verb.doc
    )


REPORTING_VERBS = frozenset(
    "say tell announce state confirm add report claim insist explain declare stress note".split()
)


def _reports_own_act(verb, lemmas: frozenset[str], passive: bool) -> bool:
    """``verb`` reports (say, announce, …) a clause whose verb has one of ``lemmas`` and a personal pronoun for
    subject: in news the pronoun is the reporter ("X said it had declined", "Y announced he would resign")."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return False
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.lemma_.lower() in lemmas:
            subject = "nsubjpass" if passive else "nsubj"
            if any(c.dep_ == subject and c.lower_ in _PERSONAL for c in clause.children):
                return True
    return False


_PERSONAL = frozenset({"it", "he", "she", "they", "we"})


def _object_of_preposition(span: Span, preposition: str) -> bool:
    """``span`` is the object of ``preposition`` ("in Armentieres", "to Fox News"), directly or as the name closing
    the object's phrase."""
    token = span.root
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ == preposition:
            return True
        if token.dep_ not in ("compound", "appos", "flat") or token.head is token:
            return False
        token = token.head
    return False


def _verb_object(span: Span, weights: dict[str, float]) -> bool:
    """``span`` is the object of a preposition of place or goal on one of the question's verbs, whichever of them
    the sentence gives it ("converged on Sudan" for "In which country did they converge?"); not a landmark ("outside
    Kyiv") nor an agent ("held up by Ankara")."""
    token = _root_pobj(span)
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in _PLACE_OR_GOAL
        and prep.head.pos_ == "VERB"
        and _asked(prep.head, weights)
    )


_PLACE_OR_GOAL = frozenset({"in", "at", "on", "into", "onto", "inside", "within", "to"})
"""Prepositions whose object is where an act happens or ends, which a fronted "in which …" asks about."""


def _asked_words_object(span: Span, preposition: str | None, weights: dict[str, float]) -> bool:
    """``span`` is the object of ``preposition`` hung on one of the question's words ("an agreement with Rangers"
    for "With which club did Umbro sign an agreement?")."""
    token = _root_pobj(span)
    return token.dep_ == "pobj" and token.head.lower_ == preposition and _asked(token.head.head, weights)


def _completes(span: Span, noun: str, preposition: str) -> bool:
    """``span`` is the object of ``preposition`` on a noun of lemma ``noun`` ("the downing of PS752")."""
    return _object_of_preposition(span, preposition) and _root_pobj(span).head.head.lemma_.lower() == noun


def _root_pobj(span: Span):
    token = span.root
    while token.dep_ in ("compound", "appos", "flat") and token.head is not token:
        token = token.head
    return token


def _title_country(span: Span) -> str | None:
    """The country of the office written right before the name ``span``: "President of the Republic of Poland
    Andrzej Duda", "Minister of Foreign Affairs of Ukraine Dmytro Kuleba" (the formal style of official releases,
    the office's "of <country>" closing right where the name starts)."""
    g = gazetteer()
    doc = span.doc
    for size in range(1, 5):  # the country's own words, up to "Republic of North Macedonia"
        start = span.start - size
        if start < 1 or not doc[start].text[:1].isupper():
            continue
        before = start - 1 if doc[start - 1].lower_ == "the" else start
        if before < 1 or doc[before - 1].lower_ != "of":
            continue
        words = doc[start : span.start]
        if any(not t.text[:1].isupper() and t.lower_ not in ("of", "the") for t in words):
            continue  # "Ambassador of the United Kingdom to Ukraine": the host country after "to" is not the office's
        place = g.place(words.text) or g.place(words[-1].text)  # "the Republic of Poland": Poland
        if place is not None and place.kind == "country":
            return place.name
    return None


def _introduced_as(span: Span) -> tuple[str | None, list]:
    """How news introduces the person ``span`` with a country: the country of the demonym right before the name
    ("Czech Jan Hernych"), and the gazetteer places of "of <place>" right after it ("Olivier Rochus of Belgium")."""
    g = gazetteer()
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    demonym = g.country_of_demonym(before.text) if before is not None and before.text[:1].isupper() else None
    after = doc[span.end : span.end + 3]
    places = (
        [p for t in after[1:] if (p := g.place(t.text)) is not None]
        if len(after) >= 2 and after[0].lower_ == "of"
        else []
    )
    return demonym, places


def _of_nationality(span: Span, frame: Frame) -> bool:
    """``span`` (a person) is given the nationality the question asks for: by the demonym right before the name,
    by "of <country>" right after it (``_introduced_as``: the way sports and foreign news introduce people), or by
    the office before it ("President of the Republic of Poland Andrzej Duda")."""
    demonym, places = _introduced_as(span)
    if demonym in frame.nationalities or _title_country(span) in frame.nationalities:
        return True
    return any(p.name in frame.nationalities for p in places)


def _of_other_nationality(span: Span, frame: Frame) -> bool:
    """``span`` (a person) is introduced with a country the question does not ask for, as ``_of_nationality``
    reads it: the demonym right before the name ("Argentine Luis Paz") or "of <country>" right after it."""
    demonym, places = _introduced_as(span)
    if demonym is not None:
        return demonym not in frame.nationalities
    countries = [p for p in places if p.kind == "country"]
    return bool(countries) and all(p.name not in frame.nationalities for p in countries)


def _dates_asked(span: Span, weights: dict[str, float]) -> bool:
    """``span`` (a date) dates one of the question's words: it is the object of a preposition under that word
    ("decided on Wednesday", "the decision of the Council of February 26"), its bare temporal modifier ("met
    Monday") or a year before it ("the 1992 Agreement"). "On what date …" says nothing of where the date stands;
    the act it dates does."""
    root = span.root
    if root.dep_ == "pobj":
        governor = root.head.head
        for _ in range(2):
            if _asked(governor, weights) or _names_asked_act(governor, weights):
                return True
            if governor.dep_ not in ("pobj", "prep") or governor.head is governor:
                break
            governor = governor.head.head if governor.dep_ == "pobj" else governor.head
        return False
    if root.dep_ in ("nummod", "compound", "amod", "nmod") and root.i < root.head.i and _YEAR.fullmatch(root.text):
        return _asked(root.head, weights)  # "the 1992 Agreement": the year of the asked agreement
    return root.dep_ in ("npadvmod", "tmod") and _asked(root.head, weights)


ACT_NOUNS = {
    "death": "die",
    "birth": "bear",
    "marriage": "marry",
    "wedding": "marry",
    "resignation": "resign",
    "retirement": "retire",
    "arrival": "arrive",
    "departure": "leave",
    "election": "elect",
    "founding": "found",
    "foundation": "found",
    "opening": "open",
    "signing": "sign",
    "appointment": "appoint",
    "invasion": "invade",
    "killing": "kill",
    "murder": "kill",
    "release": "release",
    "launch": "launch",
    "arrest": "arrest",
    "visit": "visit",
}
"""Nouns that name the act of a verb a "when" question asks with ("When did Mercury die?": "since Mercury's death in
1991"): a date on the noun dates the act (NomBank's nominalisations of the acts news dates most)."""


def _names_asked_act(noun: Token, weights: dict[str, float]) -> bool:
    """``noun`` names the act of one of the question's verbs ("death" for "die")."""
    verb = ACT_NOUNS.get(noun.lemma_.lower())
    return verb is not None and (stem(verb) in weights or stem(fold_inflection(verb)) in weights)


def _located(span: Span) -> bool:
    """``span`` is the object of a preposition of place, directly or as the name of the place noun that is
    ("in the Swiss city of Lugano")."""
    if any(_object_of_preposition(span, p) for p in LOCATIVE):
        return True
    token = span.root
    while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in PLACE_NOUNS:
        noun = token.head.head
        return noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE
    return False


def _complement_names(head, frame: Frame) -> bool:
    """The asked role noun ``head`` has a complement naming one of the question's names ("Head of the NATO Mission"
    for "Who is the Head of the NATO Mission?"), or saying what the question's modifier of the noun says ("Secretary
    of Defense" for "Which defense secretary": English puts a portfolio before the noun or after it with "of")."""
    words = _complement(head)
    if not words:
        return False
    if (
        frame.type == "person"
        and frame.modifiers
        and {american(t.lower_) for t in words} & {american(m) for m in frame.modifiers}
    ):
        return True
    asked = frame.subject_objects or frame.entities  # the role's own object when the question gives one
    if not asked:
        return False
    phrase = " ".join(t.lower_ for t in words)
    return any(_holds_words(phrase, e.lower()) for e in asked)


_BEYOND_COMPLEMENT = frozenset({"relcl", "acl", "conj", "cc", "appos", "punct"})


def _complement(head) -> list:
    """The words of the role noun's complement ("of the Zaporizhzhia Regional Military Administration Oleksandr
    Starukh"), without what is said of the name closing it ("…, who arrived in Kyiv", "President of Ukraine
    Volodymyr Zelenskyy in the Norwegian Storting") or coordinated with it."""
    after = [t for t in head.rights if t.dep_ == "prep" and t.lower_ in ("of", "for", "at", "in")]
    if not after:
        return []
    out, stack = [], [after[0]]
    while stack:
        token = stack.pop()
        out.append(token)
        holder = token.ent_type_ == "PERSON"  # what the parse hangs after the holder's name is said of the holder
        stack.extend(
            c
            for c in token.children
            if c.dep_ not in _BEYOND_COMPLEMENT and not (holder and c.i > token.i and c.ent_type_ != "PERSON")
        )
    return sorted(out, key=lambda t: t.i)


def _complement_end(head) -> int:
    """The last word of the role noun's complement and what closes it ("Head of the Zaporizhzhia Regional Military
    Administration Oleksandr Starukh, as well as …": Starukh), coordination and punctuation left out."""
    words = _complement(head)
    return words[-1].i if words else head.right_edge.i


def _titles_asker_name(head, frame: Frame, people: set[int]) -> bool:
    """The role noun titles a person the question names ("President of Ukraine Volodymyr Zelenskyy and his wife
    Olena" for "Which president did Zelenskyy congratulate?"): it is that person's role, and binds no one else.
    ``people``: the sentence's tokens inside people's names."""
    doc = head.doc
    end = max(_complement_end(head), head.i)
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1  # the name after the title: "President Volodymyr Zelenskyy"
    start = end
    while start > head.i + 1 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if end == head.i or doc[end].pos_ != "PROPN" or end not in people:
        return False
    closing = fold(doc[start : end + 1].text)  # a name ends the title: "… of Ukraine Volodymyr Zelenskyy"
    return any(closing == fold(e) or closing.endswith(" " + fold(e)) for e in frame.entities)


def _other_complement(head, frame: Frame) -> bool:
    """The role noun's complement names someone or something the question does not ("Head of the Kharkiv Regional
    Military Administration" when the question asks who heads Zaporizhzhia's): another office."""
    own = frame.subject_objects or re.search(rf"\b{re.escape(frame.head or '')}s? (?:of|for|at|in)\b", frame.text, re.I)
    if frame.type != "person" or not frame.entities or not frame.head or not own:
        return False  # the question gives the role no complement of its own
    inside = {t.i for t in _complement(head)}
    names = [fold(e.text) for e in head.doc.ents if e.label_ != "PERSON" and e.start in inside]
    # the role's own object when the question gives one ("Who heads Ukraine's Foreign Intelligence Service?": the
    # service, not Ukraine, which "Head of the Security Service of Ukraine" names too)
    asked = [fold(e) for e in (frame.subject_objects or [*frame.entities, *frame.countries])]
    return bool(names) and not any(a in n or n in a for n in names for a in asked)


def _closes_office(span: Span) -> bool:
    """``span`` ends the phrase of a title of office before it ("Head of the Foreign Intelligence Service
    Oleksandr Lytvynenko"), reached through the apposition and the complements the name hangs on."""
    return _office_of(span) is not None


def _past_complement(run: Span) -> Span:
    """A name closing an office's phrase, less the common words the run took from the title's complement before
    it ("Infrastructure" of "Minister of Infrastructure Oleksandr Kubrakov"); a given name that is also a word
    ("Mark Rutte") stays."""
    common, g = dictionary_words(), gazetteer()
    start = run.start
    while run.end - start > 2 and run.doc[start].lower_ in common and not given_name(run.doc[start].text, g):
        start += 1
    return run if start == run.start else Span(run.doc, start, run.end, label=run.label_)


def _appositive_office(span: Span, asked: Sequence[Token]) -> Token | None:
    """The title set off after the name when the asked role noun is in its complement ("Mykhailo Podoliak, Adviser
    to the Head of the Office …" for "Which Head of the Office …": the adviser), the name's own office."""
    g = gazetteer()
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    j = span.end + 1
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha and not g.is_title(doc[j].text):
        j += 1  # "Senior Adviser": words before the title word
    if j >= len(doc) or not g.is_title(doc[j].text):
        return None
    while j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and g.is_title(doc[j + 1].text):
        j += 1  # "Prime Minister": a compound's last title word heads it
    end = j + 1
    while end < len(doc) and (doc[end].lower_ in _TITLE_JOINS or (doc[end].text[:1].isupper() and doc[end].is_alpha)):
        end += 1  # the title's phrase: "to the Head of the Office of the President of Ukraine"
    return doc[j] if any(j < h.i < end for h in asked) else None


def _office_of(span: Span) -> Token | None:
    """The title noun whose phrase ``span`` ends (see :func:`_closes_office`): the name's own office, the outermost
    one when titles nest ("Security Policy Adviser to the President of the Republic of Estonia Liis Mure": the
    adviser, whatever the parse hangs the name on)."""
    g = gazetteer()
    token, found = span.root, None
    for _ in range(8):
        if token.dep_ in ("appos", "compound", "flat") and token.head is not token:
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        else:
            break
        if token.i < span.start and g.is_title(token.text) and _title_closed_by(token, span):
            found = token
    if found is None:
        return None
    return _outermost_title(span, g) or found


_TITLE_JOINS = frozenset({"of", "to", "the", "for", "on"})


def _outermost_title(span: Span, g) -> Token | None:
    """The head word of the first title in the run of capitalised words and joining words ("of", "to", "the")
    right before ``span``: "Adviser" of "Security Policy Adviser to the President of the Republic of Estonia Liis
    Mure", "Head" of "Deputy Head of the Office of the President of Ukraine Ihor Zhovkva", "Minister" of "Prime
    Minister of Greece Kyriakos Mitsotakis" (after "and": a coordination starts another office). English writes
    the holder's own title first and the bodies it serves after it; the parse often hangs the name on the last."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in _TITLE_JOINS or (doc[i].text[:1].isupper() and doc[i].is_alpha)):
        i -= 1
    titles = [t for t in doc[i + 1 : span.start] if t.text[:1].isupper() and g.is_title(t.text)]
    if not titles:
        return None
    if i >= 0 and doc[i + 1].lower_ in ("to", "of", "for") and g.is_title(doc[i].text):
        return doc[i]  # "diplomatic adviser to the President of France Emmanuel Bonn": the titles serve his office
    head, j = titles[0], titles[0].i + 1
    while j < span.start and doc[j].text[:1].isupper() and doc[j].is_alpha:
        if g.is_title(doc[j].text):
            head = doc[j]  # "Prime Minister", "Security Policy Adviser": a compound's last title word heads it
        j += 1
    return head


def _title_closed_by(noun, span: Span) -> bool:
    """``noun`` is a capitalised title ("Head", "President") whose phrase ends with the name ``span`` (the comma
    closing an apposition is no part of it: "Commander-in-Chief of the Armed Forces Valeriy Zaluzhny, for his part,
    reported"), nor a relative clause the parse hung on the title ("Prime Minister … Boris Johnson, who is on a
    visit": it tells of the name)."""
    if not (noun.pos_ in ("PROPN", "NOUN") and noun.text[:1].isupper()):
        return False
    clauses = {t.i for c in noun.children if c.dep_ == "relcl" and c.i >= span.end for t in c.subtree}
    words = [t.i for t in noun.subtree if not t.is_punct and t.i not in clauses]
    return bool(words) and words[-1] == span.end - 1


def _agent_of(by, lemmas: frozenset[str]) -> bool:
    """The preposition ``by`` introduces the agent of a passive verb with one of ``lemmas``: attached to the verb,
    or (a common misparse) to the verb's complement ("was called a liar by X")."""
    hung_on_complement = by.head.pos_ not in ("VERB", "AUX")  # the misparse; else "by" is that verb's own agent
    for verb in (by.head, by.head.head) if hung_on_complement else (by.head,):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if verb.lemma_.lower() in lemmas and (by.dep_ == "agent" or passive):
            return True
    return False


def _possessor_of_non_place(span: Span) -> bool:
    """``span`` is a possessor ("South Korea's" in "South Korea's Hyundai Motor") of something not a place; the
    possessor of a place noun may name it ("Morozov Children's City Hospital")."""
    doc = span.doc
    if not (span[-1].tag_ == "POS" or (span.end < len(doc) and doc[span.end].tag_ == "POS")):
        return False
    owner = span[-2] if span[-1].tag_ == "POS" and len(span) > 1 else span[-1]
    return owner.dep_ != "poss" or owner.head.lemma_.lower() not in PLACE_NOUNS


def _names_after(head) -> list:
    """The names the common noun ``head`` (lower case: not part of a name, as in "Vostochny Cosmodrome") is given
    after it: in apposition ("the region's capital, Kherson") or, for a place noun, by "of" ("the Black Sea port of
    Novorossiysk"; "the anniversary of the SBU" is a complement, not a name): the head tokens of those names."""
    if not head.text.islower():
        return []
    out = []
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            out.append(child)
        if child.dep_ == "prep" and child.lower_ == "of" and head.lemma_.lower() in PLACE_NOUNS:
            out += [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    return out


def _named_after(head) -> bool:
    """``head`` is given its own name after it (see :func:`_names_after`): a name before it only describes it."""
    return bool(_names_after(head))


def _other_tenure(head, frame: Frame) -> bool:
    """The role noun ``head`` is qualified otherwise than the question's asked noun: their role qualifiers
    (``ROLE_QUALIFIERS`` among the words before each) differ."""
    asked = {w for m in frame.modifiers for w in re.split(r"[\s-]+", m)} & ROLE_QUALIFIERS
    said = {w for t in head.subtree if t.i < head.i for w in re.split(r"-", t.lower_)} & ROLE_QUALIFIERS
    return asked != said


def _other_country(span: Span, head, frame: Frame) -> bool:
    """The phrase of the role noun ``head`` (its subtree, the candidate left out) names a country, by name or
    demonym, that the question does not."""
    g = gazetteer()
    phrase = {t.i for t in head.subtree} - set(range(span.start, span.end))
    for e in span.doc.ents:
        if not phrase.issuperset(range(e.start, e.end)):
            continue
        country = g.country_named(e.text) if e.label_ in ("GPE", "LOC") else g.country_of_demonym(e.text)
        if country and country not in frame.nationalities:
            return True
    return False


def _measures_asked(span: Span, weights: dict[str, float]) -> bool:
    """``span``, a sum of money, stands before a noun of the question as its measure ("its $1.07bn stock market
    debut"); not a bare number, which more often names or counts ("Leopard 2 tanks", "one in every 10 hospitals")."""
    root = span.root
    noun = root.head
    return (
        any(t.ent_type_ == "MONEY" or t.tag_ == "$" for t in span)
        and root.dep_ in ("nmod", "nummod", "compound", "amod")
        and noun.pos_ == "NOUN"
        and noun.i > root.i
        and _asked(noun, weights)
    )


def _other_principal(span: Span, head, frame: Frame) -> bool:
    """The role noun ``head`` has a name right before it (a possessor or a modifier, "Euronext chief", "Euronext's
    chief", however the parser hangs it) that is not one the question gives the asked noun ("Who is the LSE's
    chief?"), by name, initials or shortened words ("Lib Dem" for "Liberal Democrat"): the holder of another body's
    role, as ``OTHER_COUNTRY`` is of another country's. A title's own words ("First Minister", "Chief Executive")
    and places or demonyms ("Scottish") name no body."""
    doc = head.doc
    g = gazetteer()
    end = head.i - 1 if head.i > 0 and doc[head.i - 1].tag_ == "POS" else head.i
    start = end
    while (
        start > head.sent.start
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].pos_ in ("PROPN", "NOUN")
        and not g.is_title(doc[start - 1].text)
        and doc[start - 1].lower_ not in dictionary_words()
    ):
        start -= 1
    if start == end or start < span.end <= end or span.start < end <= span.end:
        return False
    run = doc[start:end].text
    if any(g.place(t.text) or g.country_of_demonym(t.text) for t in doc[start:end]):
        return False
    name = fold(run)
    return not any(_names_body(name, run, fold(p)) for p in frame.principals)


def _names_body(name: str, written: str, principal: str) -> bool:
    """``name`` (folded; ``written`` as the sentence has it) names the body ``principal`` (folded): one holds the
    other, or it is its initials, or its words shortened ("lib dem" of "liberal democrat")."""
    if principal in name or name in principal or fold(initials(written)) == principal:
        return True
    words, full = name.split(), principal.split()
    return len(words) == len(full) and all(f.startswith(w) for w, f in zip(words, full, strict=True))


def _premodifies(span: Span, head) -> bool:
    """``span`` stands before the noun ``head`` inside its phrase, modifying it ("United goalkeeper", "the Kremlin's
    spokesman"): its root depends on ``head`` (compound, modifier, possessor) or on a word between them."""
    if span.end > head.i:
        return False
    root = span.root
    return root.head.i == head.i or (root.head.i < head.i and root.head.head.i == head.i and root.head.i >= span.end)


def _ends_longer_name(span: Span) -> bool:
    """``span`` is the last part of a name joined across a function word ("Joel" of "the Smile for Joel charity")."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ in _NAME_JOINERS and doc[span.start - 2].text[:1].isupper()


def _possessor_of(span: Span, noun: Token, frame: Frame) -> bool:
    """``span`` owns the asked ``noun`` ("Microsoft's then new Xbox console" for "Which console"): the owner is not
    the thing owned, unless its owner is what is asked ("Which country's parliament")."""
    return span.root.dep_ == "poss" and span.root.head.i == noun.i and not frame.possessed


def _bound(span: Span, head) -> bool:
    """True when ``span`` stands with the noun ``head``: one governs the other (apposition, compound, modifier,
    "of"), or they stand side by side."""
    tokens = set(range(span.start, span.end))
    # a noun coordinated with the name is another member of a list ("… Kyrylo Budanov and Head of the Foreign
    # Intelligence Service Oleksandr Lytvynenko"), not the name's role
    if (head.head.i in tokens and head.dep_ != "conj") or any(t.head.i == head.i and t.dep_ != "conj" for t in span):
        return True
    if head.head.head.i in tokens and head.head.lower_ in ("of", "for"):
        return True
    root = span.root
    if root.head.dep_ == "prep" and root.head.head.i == head.i and root.head.lower_ not in _RELATIVE_PLACE:
        return True  # "the launch site at Cape Canaveral" (not "a naval base near Cape Town": a landmark)
    landmark = any(t.lower_ in _RELATIVE_PLACE and t.dep_ == "prep" for t in head.doc[head.i + 1 : span.start])
    if head.right_edge.i == span.end - 1 and span.start > head.i + 1 and span.root.pos_ == "PROPN" and not landmark:
        return True  # the name closes the role's phrase: "Head of the State Space Agency of Ukraine Volodymyr Taftay"
    if head.right_edge.i + 1 == span.start and head.right_edge.i > head.i:
        return True  # "Secretary General of the Council of Europe Marija Pejčinović Burić"
    if root.head.lemma_.lower() in NAMING_VERBS and root.head.dep_ in ("relcl", "acl") and root.head.head.i == head.i:
        return True  # "a tactic he called “active defense”": the name the noun is given
    if _copula_pair(head, root):
        return True  # "whose legal name is Belcalis Almánzar", "the winner was Ana Lind", "Ana Lind is the winner"
    title = _outermost_title(span, gazetteer()) if head.i < span.start and root.ent_type_ == "PERSON" else None
    if title is not None and title.i == head.i:
        return True  # "Head of the Office of the President of Ukraine Andriy Yermak", however the parse hangs it
    return head.i + 1 == span.start or span.end == head.i  # side by side: "Energy Minister Nikolai Shulginov"


_RELATIVE_PLACE = frozenset({"near", "outside", "beyond", "around", "off", "towards", "toward", "past"})
"""Prepositions that place a thing by a landmark it is not in: their object does not name the thing."""


def _copula_pair(head, root) -> bool:
    """``head`` and ``root`` are the subject and the complement of one "be": a copula of identity says they are
    the same thing."""
    verb = head.head
    if verb.i != root.head.i or verb.lemma_ != "be":
        return False
    return {head.dep_, root.dep_} == {"nsubj", "attr"}
