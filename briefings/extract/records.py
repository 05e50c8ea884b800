"""Plain records of an extraction, free of spaCy objects: computed in a worker, written by the main process."""

from __future__ import annotations

from dataclasses import dataclass, field

VERSION = 12
"""Bump when extraction changes: ``briefbot extract`` redoes articles extracted by an older version. 3: the rules
of December 2026 (a given name alone, a name's generic head alone, "Group of 20"; the frames of capture, thwart,
withdraw and give; "earlier this month"). 4: adverbs of anteriority ("a long time ago",
"repeatedly"), a memorial's dead dated before, a narrative set only by a date of its own clause; the frames of block
and confer; a title and its country as a subject; institutions' complements; plural document names). 5: a list's
other names, kinship nouns, "and other" lists, a CEO's company, names without a capital, demonyms alone, words
capitalised only where a sentence starts). 6: an event's target is an argument of its trigger (passive subjects,
objects, participant prepositions), relative pronouns and "die" read for who acted and on whom). 7: the rules
since (a model's number naming a thing, "the town of X" a place, a capital "The" opening a title, Cyrillic soft
signs left out of place names, an English word opening an organisation's name no town, a conjunction or "v" ending
a name, a kicker's words no actors; a gazetteer town or a stored organisation not taken for a person). 8: a place
whose name holds its article ("The Hague", met as "HAGUE" in a dateline or "Hague-based") keeps it. 9: "AI", a
technology, names no actor; the model's "Bosnia and" + "Herzegovina" is one place. 10: a past told in speech
(a quotation, a text in the first person, what a present verb of saying reports) with no time word is dated on or
before the article. 11: given names of other countries (``given_names_world.json``); a determiner before a
one-word name is no title ("the Slovak side" is Slovakia's). 12: nouns of people beside a name and an age before
it make it a person ("Karim, a journalist", "13-year-old Tanya"); a middle initial is no part of a person's key
("Vladimir V. Putin" is Vladimir Putin); an abbreviation the model reads as a place and the gazetteer does not
know is a body ("BRICS", "the G7")."""


@dataclass(frozen=True)
class EventDate:
    date: str
    """ISO date (``2024-01-15``), the first day of the week, month or year for coarser precisions."""
    precision: str
    """``day``, ``week``, ``month`` or ``year``; ``before``: on or before the day (an earlier action the sentence
    does not date: ``anteriority.py``)."""
    source: str
    """``explicit`` (a date in the text), ``relative`` (yesterday, on Monday) or ``article`` (the article's date)."""


@dataclass
class Mention:
    """One place in the text that names an actor."""

    actor: int
    """Index into ``ArticleActors.actors``."""
    start: int
    end: int
    sentence: int
    text: str
    via: str = "name"
    """``name``, ``surname``, ``acronym``, ``demonym`` or ``claimed``."""
    cue: str | None = None
    """The actor kind a classifying noun beside this mention gives its name ("Deutsche Boerse shareholders":
    organization), when the mention was read so: evidence that outweighs the model's reading
    (``resolve.settle_kinds``)."""


@dataclass
class ActorRef:
    """An actor as this article names it."""

    name: str
    kind: str
    key: str
    role: str | None = None
    country: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    """Alias text → how it was found (``name``, ``title``, ``surname``, ``acronym``, ``gazetteer``)."""
    claimed: list[str] = field(default_factory=list)
    """Aliases the article asserts ("also known as"), kept apart from the names the actor is resolved by."""
    given_name: bool = False
    """A one-word person the article names by a given name ("Prince Charles", "Sir Richard"): no surname."""


@dataclass
class EventRef:
    type: str
    trigger: str
    sentence: str
    start: int
    end: int
    date: EventDate
    background: bool = False
    subtype: str | None = None
    source: int | None = None
    target: int | None = None
    location: int | None = None
    numbers: list[dict] = field(default_factory=list)


@dataclass
class Extraction:
    """Actors, mentions and events of one article (offsets index the article body)."""

    actors: list[ActorRef]
    mentions: list[Mention]
    events: list[EventRef]
    model: str
    version: int = VERSION
    profile: str = ""
    """The profile (region pack) the actors were extracted with; its data keys them in the store."""
