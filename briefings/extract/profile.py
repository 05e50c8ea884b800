"""Region packs ("profiles"): knowledge of one region that the engine's general data leaves out.

A profile (``extract/profiles/NAME.json``) adds places with their spellings, the cities of focus countries however
small, transliterations of given names (people whose names differ only by these are one person), and names that
are not actors there. The general data (``extract/data/``) holds what is true of news anywhere.

The actor keys of a store depend on the profile it was extracted with, so the store records it (``meta``):
lookups use the recorded profile, an ingest that names none continues with it, and one that names another is
refused until the store is re-extracted (``briefbot extract --redo --profile NAME``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from briefings.errors import ProfileError
from briefings.store import Store

GENERAL = ""
"""The profile name of the general data alone (``none`` on the command line and in the configuration)."""
STORE_KEY = "extract_profile"


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = "General data only: no region pack."
    focus_countries: frozenset[str] = frozenset()
    places: dict[str, dict] = field(default_factory=dict)
    """Name → {"kind", "country", "aliases"}."""
    given_names: tuple[tuple[str, ...], ...] = ()
    not_actors: frozenset[str] = frozenset()
    events: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Additions to the event lexicon's word tables (``aid_kinds``, ``numbers``): table → kind → words."""
    provinces: dict[str, dict] = field(default_factory=dict)
    """First-level divisions of the focus countries: name → {"country", "city" (a city in it), "aliases"}."""


def available() -> list[str]:
    """The names of the profiles that ship with Briefbot."""
    folder = resources.files("briefings.extract").joinpath("profiles")
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))


def normalise(name: str | None) -> str | None:
    """A profile name as typed: None stays "not given"; ``none`` and the empty name are the general data."""
    if name is None:
        return None
    name = name.strip().lower()
    return GENERAL if name in ("", "none") else name


@cache
def load_profile(name: str = GENERAL) -> Profile:
    """A profile by name (``GENERAL``: none); ProfileError for an unknown name."""
    if name == GENERAL:
        return Profile(GENERAL)
    if name not in available():
        known = ", ".join(available()) or "none"
        raise ProfileError(f"unknown profile {name!r} (available: {known}, or none)")
    text = resources.files("briefings.extract").joinpath("profiles", f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Profile(
        name=name,
        description=data.get("description", ""),
        focus_countries=frozenset(data.get("focus_countries", {}).get("codes", ())),
        places={k: v for k, v in data.get("places", {}).items() if not k.startswith("_")},
        given_names=tuple(tuple(group) for group in data.get("given_names", {}).get("groups", ())),
        not_actors=frozenset(data.get("not_actors", {}).get("names", ())),
        events={k: v for k, v in data.get("events", {}).items() if not k.startswith("_")},
        provinces={k: v for k, v in data.get("provinces", {}).items() if not k.startswith("_")},
    )


def of_store(store: Store) -> str:
    """The profile the store's actors were extracted with (``GENERAL`` when none is recorded)."""
    return store.meta.get(STORE_KEY) or GENERAL


def settle(store: Store, requested: str | None, *, redo: bool = False) -> str:
    """The profile an extraction into ``store`` uses, recorded in the store.

    ``requested`` None: the store's profile (the general data for a new store). A different profile than the
    one the store's actors were built with is refused (ProfileError) unless every article is being extracted
    again (``redo``)."""
    recorded = store.meta.get(STORE_KEY)
    chosen = normalise(requested)
    if chosen is None:
        chosen = recorded or GENERAL
    load_profile(chosen)  # an unknown name fails here, before anything is extracted
    if recorded is not None and recorded != chosen and not redo and store.actors.extracted_count():
        shown = recorded or "none"
        raise ProfileError(
            f"{store.path} was extracted with profile {shown!r}, not {chosen or 'none'!r}: use --profile {shown},"
            f" or re-extract every article with `briefbot extract --redo --profile {chosen or 'none'}`"
        )
    if recorded != chosen:
        store.meta.set(STORE_KEY, chosen)
    return chosen


def load_data(name: str) -> dict:
    """One of the JSON files in ``briefings/extract/data``."""
    return json.loads(resources.files("briefings.extract").joinpath("data", name).read_text(encoding="utf-8"))
