"""Actors by any name they go by, and what the store knows about one (its profile)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from briefings.errors import UnknownActor
from briefings.extract.names import clean_name, given_names, org_key, person_key, surname_key
from briefings.extract.profile import of_store
from briefings.models import Event
from briefings.store import Store

RELATED_ARTICLES = 2000
"""Actors named with this one are counted over its latest this many articles."""
SUGGESTIONS = 5


@dataclass
class ActorProfile:
    """Who or what an actor is, how often and when it is mentioned, with whom, and its latest events."""

    id: int
    name: str
    kind: str
    role: str | None
    aliases: list[dict] = field(default_factory=list)
    mentions: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    related: list[dict] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The JSON form (``actor --json``, ``/actor``)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "aliases": self.aliases,
            "mentions": self.mentions,
            "articles": self.articles,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "related": self.related,
            "events": [e.as_dict() for e in self.events],
        }


def find_actors(store: Store, name: str) -> list[int]:
    """Actors a name may mean, best first.

    A full name or alias (any transliteration) comes first; a single word also matches people by surname,
    and then the most mentioned candidate wins ("Putin" is Vladimir Putin, not a stray surname-only actor).
    Claimed aliases rank after firm ones."""
    text = clean_name(name)
    if not text:
        return []
    keys = [org_key(text), person_key(text, given_names(of_store(store)))]
    candidates: dict[int, int] = {}  # actor → rank class (0 name, 1 surname of an alias, 2 claimed)
    for actor_id in store.actors.with_keys(keys):
        candidates[actor_id] = 0
    for actor_id, firm in store.actors.with_alias_keys(keys):
        candidates.setdefault(actor_id, 0 if firm else 2)
    if " " not in text:
        surname = surname_key(text)
        for actor_id in store.actors.people_with_surname(surname):
            candidates.setdefault(actor_id, 0)
        # The surname of an alias ("Umerov" for "Mustafa Umerov, also known as ...") ranks after names.
        for actor_id, firm in store.actors.aliases_with_surname(surname):
            candidates.setdefault(actor_id, 1 if firm else 2)
    mentions = store.actors.mention_counts(candidates)
    return [a for _, _, a in sorted((rank, -mentions.get(a, 0), a) for a, rank in candidates.items())]


def suggestions(store: Store, name: str, limit: int = SUGGESTIONS) -> list[str]:
    """The closest actor names and aliases, for "no actor named X" (among those an index range finds)."""
    by_fold: dict[str, str] = {}
    for near in store.actors.names_near(org_key(name), surname_key(name)):
        by_fold.setdefault(near.casefold(), near)
        words = near.split()
        if len(words) > 1:  # a mistyped surname is compared with the surname, and the full name offered
            by_fold.setdefault(words[-1].casefold(), near)
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=2 * limit, cutoff=0.6)
    return list(dict.fromkeys(by_fold[c] for c in close))[:limit]


def require_actors(store: Store, name: str) -> list[int]:
    """The actors a name may mean, best first; UnknownActor (with the closest names) when none has it."""
    found = find_actors(store, name)
    if not found:
        raise UnknownActor(name, suggestions(store, name))
    return found


def require_actor(store: Store, name: str) -> int:
    """The actor a name most likely means; UnknownActor (with the closest names) when none has it."""
    return require_actors(store, name)[0]


def profile(store: Store, actor_id: int, *, events_limit: int = 10) -> ActorProfile:
    """Who or what an actor is, how often and when it is mentioned, with whom, and its latest events."""
    row = store.actors.get(actor_id)
    if row is None:
        raise UnknownActor(f"#{actor_id}", [])
    result = ActorProfile(actor_id, row.name, row.kind, row.role)
    seen: dict[tuple[str, str], dict] = {}
    for alias in store.actors.aliases(actor_id):
        if alias.alias == row.name and alias.kind == "name":
            continue
        entry = seen.get((alias.alias.casefold(), alias.kind))
        if entry is None:
            entry = {
                "alias": alias.alias,
                "kind": alias.kind,
                "confidence": alias.confidence,
                "source": (f"article {alias.article_id}: {alias.title}" if alias.article_id else "gazetteer"),
                "article_id": alias.article_id,
                "url": alias.url,
                "articles": 0,
            }
            if alias.conflict:
                entry["conflict"] = alias.conflict
            seen[(alias.alias.casefold(), alias.kind)] = entry
            result.aliases.append(entry)
        if alias.article_id:
            entry["articles"] += 1
    stats = store.actors.stats(actor_id)
    result.mentions, result.articles = stats.mentions, stats.articles
    result.first_seen, result.last_seen = stats.first_seen, stats.last_seen
    result.related = [{"name": n, "count": c} for n, c in store.actors.related(actor_id, articles=RELATED_ARTICLES)]
    result.events = store.events.newest(actor_ids=[actor_id], limit=events_limit)
    return result
