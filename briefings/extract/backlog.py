"""Extract actors and events for stored articles that have none yet (or an older extraction)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from briefings.extract.profile import settle
from briefings.extract.records import VERSION
from briefings.extract.resolve import save_extraction
from briefings.extract.run import extract_texts
from briefings.store import Store
from briefings.text.dates import utc_now

BATCH = 64


def pending_articles(store: Store, *, redo: bool = False) -> list[int]:
    """Originals (not syndicated copies) without a current extraction; with ``redo``, all originals."""
    return store.articles.needing_extraction(VERSION, redo=redo)


def extract_backlog(
    store: Store,
    *,
    model: str | None = None,
    redo: bool = False,
    profile: str | None = None,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> int:
    """Extract every pending article, one write transaction per batch; returns how many were extracted.

    ``profile`` None keeps the store's; another than the store's needs ``redo`` (every article again)."""
    chosen = settle(store, profile, redo=redo)
    ids = pending_articles(store, redo=redo)
    done = 0
    for start in range(0, len(ids), BATCH):
        texts = store.articles.texts(ids[start : start + BATCH])
        batch = [texts[i] for i in sorted(texts)]
        pairs = ((a.body, date.fromisoformat(a.published[:10])) for a in batch)
        results = list(extract_texts(pairs, model, chosen))
        with store.write():
            for article, extraction in zip(batch, results, strict=True):
                save_extraction(store, article.id, extraction, clock())
        done += len(batch)
        if progress is not None:
            progress(len(batch))
    if done:
        store.actors.prune()
    return done
