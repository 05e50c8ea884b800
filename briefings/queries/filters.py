"""Filters typed by a user, checked against what the store can match: an unknown event type or outlet is said,
with the known ones, instead of an empty answer that looks like "nothing happened"."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from briefings.errors import QueryError
from briefings.extract.events import lexicon
from briefings.extract.profile import of_store
from briefings.store import Store

SHOWN_OUTLETS = 8


def event_types(store: Store) -> list[str]:
    """The event types extraction gives (with the store's profile), and any others the store holds."""
    return sorted(lexicon(of_store(store)).types | set(store.events.types()))


def require_types(store: Store, types: Sequence[str]) -> None:
    """QueryError naming the known types when a type is neither a known type nor the start of one."""
    known = event_types(store)
    for wanted in types:
        start = wanted.strip().lower()
        if not any(t.startswith(start) for t in known):
            raise QueryError(f"unknown event type {wanted!r} (types: {', '.join(known)})")


def require_outlets(store: Store, outlets: Sequence[str]) -> None:
    """QueryError naming the closest stored outlets when no stored article comes from an outlet."""
    for wanted in outlets:
        if store.articles.has_outlet(wanted):
            continue
        names = [name for name, _ in store.articles.outlets() if name != "(no outlet)"]
        close = difflib.get_close_matches(wanted.casefold(), [n.casefold() for n in names], n=3, cutoff=0.5)
        by_fold = {n.casefold(): n for n in names}
        hint = [by_fold[c] for c in close] or names[:SHOWN_OUTLETS]
        label = "did you mean" if close else "outlets"
        raise QueryError(f"no stored article comes from {wanted!r} ({label}: {', '.join(hint)})")
