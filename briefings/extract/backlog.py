"""Extract actors and events for stored articles that have none yet (or an older extraction)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from briefings.extract.records import VERSION
from briefings.extract.resolve import prune_actors, save_extraction
from briefings.extract.run import extract_texts
from briefings.store.database import Store
from briefings.text.dates import utc_now

BATCH = 64


def pending_articles(store: Store, *, redo: bool = False) -> list[int]:
    """Originals (not syndicated copies) without a current extraction; with ``redo``, all originals."""
    sql = "SELECT a.id FROM articles a LEFT JOIN extractions x ON x.article_id = a.id WHERE a.duplicate_of IS NULL"
    if not redo:
        sql += " AND (x.article_id IS NULL OR x.version < ?)"
        return [r[0] for r in store.conn.execute(sql + " ORDER BY a.id", (VERSION,))]
    return [r[0] for r in store.conn.execute(sql + " ORDER BY a.id")]


def extract_backlog(
    store: Store,
    *,
    model: str | None = None,
    redo: bool = False,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> int:
    """Extract every pending article, one write transaction per batch; returns how many were extracted."""
    ids = pending_articles(store, redo=redo)
    done = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        rows = store.conn.execute(
            f"SELECT id, body, published_at FROM articles WHERE id IN ({marks}) ORDER BY id", batch
        ).fetchall()
        results = list(
            extract_texts(((body, date.fromisoformat(published[:10])) for _, body, published in rows), model)
        )
        with store.write():
            for (article_id, _, _), extraction in zip(rows, results, strict=True):
                save_extraction(store.conn, article_id, extraction, clock())
        done += len(rows)
        if progress is not None:
            progress(len(rows))
    if done:
        with store.write():
            prune_actors(store.conn)
    return done
