"""Where: the stored place actors a place filter means, with the hierarchy (town → province → country).

``/events location:"Kharkiv oblast"`` means events located in the province or in any of its towns;
``location:Ukraine`` events located in the country or in a place of it; ``location:Izium`` the town itself.
Province and town knowledge comes from the store's profile (``briefings/extract/hierarchy.py``).
"""

from __future__ import annotations

from briefings.errors import QueryError
from briefings.extract.gazetteer import gazetteer
from briefings.extract.hierarchy import hierarchy
from briefings.extract.names import clean_name, fold
from briefings.extract.profile import of_store
from briefings.store import Store


class UnknownPlace(QueryError):
    """No stored place is, or lies in, the place asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no events are located in {name!r} (no stored place is or lies in it)")
        self.name = name


def location_ids(store: Store, text: str) -> list[int]:
    """The place actors a location filter covers; UnknownPlace when none is stored."""
    name = clean_name(text)
    if not name:
        raise QueryError("location: give a place (a town, a province or a country)")
    profile = of_store(store)
    h = hierarchy(profile)
    g = gazetteer(profile)
    province = h.province(name)
    places = store.actors.places()
    if province is not None:
        inside = h.places_in(province)
        found = [actor_id for actor_id, place, _country in places if fold(place) in inside]
    else:
        place = g.place(name)
        if place is not None and place.kind == "country" and place.country:
            code = place.country
            found = [
                actor_id
                for actor_id, stored, country in places
                if country == code or fold(stored) == fold(place.name) or _town_country(g, stored) == code
            ]
        else:
            key = fold(place.name if place else name)
            found = [actor_id for actor_id, stored, _country in places if fold(stored) == key]
    if not found:
        raise UnknownPlace(name)
    return found


def _town_country(g, name: str) -> str | None:
    town = g.town(name)
    return town.country if town else None
