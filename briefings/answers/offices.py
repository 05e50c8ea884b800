"""The offices by which articles name a person of the question.

A speech on a president's own site never writes his name ("Speech by the President of Ukraine in Oireachtas,
Parliament of Ireland"); a question about it does ("Which country's parliament did Zelenskyy address?"). The store
has read the name after its title many times ("President of Ukraine Volodymyr Zelenskyy"). A title of two words or
more written before one person only, in the store's articles, names that person where it stands alone: retrieval
and ranking take it for the name.

A title shared by several people ("Prime Minister", "Foreign Minister", "President of the United States" over a
change of office) is no name and is left out: the person must be written after it in at least ``EXCLUSIVE`` of its
titled aliases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from briefings.extract.gazetteer import gazetteer
from briefings.extract.names import fold
from briefings.store import Store

MIN_USES = 3
"""A title read fewer times before the person's name may be a one-off (an acting post, a parse's slip)."""
EXCLUSIVE = 0.9
"""Share of the title's aliases in the store that must name the person (spelling variants kept apart by the
store, "Volodymyr Zelenskyiyy", take the rest)."""
MIN_WORDS, MAX_WORDS = 2, 6
"""A one-word title ("President") names no one; a longer run is a phrase glued to the name, not a title."""


def offices(store: Store, actor_ids: Collection[int]) -> tuple[str, ...]:
    """The titles that name these actors (one person's records) and no one else in the store, most used first."""
    names = store.actors.names(actor_ids)
    name_words = {w for name in names.values() for w in fold(name).split()}
    uses: Counter[str] = Counter()
    written: dict[str, str] = {}
    for _, alias, key in store.actors.titled_aliases(list(actor_ids)):
        words, keys = alias.split(), key.split()
        cut = next((i for i, w in enumerate(words) if fold(w) in name_words), None)
        if cut is None or not MIN_WORDS <= cut <= MAX_WORDS or len(keys) != len(words):
            continue
        title = " ".join(keys[:cut])
        uses[title] += 1
        written.setdefault(title, " ".join(words[:cut]))
    out: list[str] = []
    for title, count in uses.most_common():
        if count < MIN_USES:
            break
        if not _says_of_what(written[title]):
            continue
        holders = store.actors.title_holders(title)
        theirs = sum(n for actor, n in holders.items() if actor in actor_ids)
        if theirs >= EXCLUSIVE * sum(holders.values()):
            out.append(written[title])
    return tuple(out)


def _says_of_what(title: str) -> bool:
    """``title`` is an office ("President", "Minister", "First Lady") of a named country or body: a place or a
    demonym in it ("Russian President", "UK Prime Minister") or a capitalised complement ("President of Ukraine",
    "Secretary General of NATO"). "Defence Minister" alone is an office of every government; "Russian Federation",
    cut from "President of the Russian Federation …", is no office."""
    g = gazetteer()
    words = title.split()
    if not any(g.is_title(w) for w in words):
        return False
    if any(w.lower() == "of" and i + 1 < len(words) and words[i + 1][:1].isupper() for i, w in enumerate(words)):
        return True
    return any(g.place(w) is not None or g.country_of_demonym(w) for w in words if w[:1].isupper())


__all__ = ["offices"]
