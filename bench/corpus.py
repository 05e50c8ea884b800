"""Large benchmark stores from the real 2022 feed items: extract once, then copy rows with shifted dates.

    python -m bench.corpus --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl --size 100000 --out big.db

The real items are ingested once, with extraction, into a base store cached beside the output
(``<out>.base.db``, reused when present). Copies of every article, with its mentions and events, are then
inserted with dates shifted by whole years (so weekdays and the daily rhythm stay real) and URLs made unique,
until the store holds ``--size`` articles. The FTS index is filled by the same triggers as in production; the
near-duplicate fingerprints are not copied (copies are not re-checked at ingest).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.store import open_store

YEAR_DAYS = 364
"""Copies move by 52 weeks, keeping each item's weekday."""


def build_base(rss: Path, base: Path, limit: int | None = None) -> None:
    """Ingest the real feed items (with extraction) into ``base``."""
    with tempfile.TemporaryDirectory() as tmp:
        items = Path(tmp) / "items.jsonl"
        with rss.open(encoding="utf-8") as src, items.open("w", encoding="utf-8") as out:
            for n, line in enumerate(src):
                if limit is not None and n >= limit:
                    break
                row = json.loads(line)
                record = {
                    "title": row["title"],
                    "description": row.get("description") or "",
                    "link": row["link"],
                    "published": row["date_published"],
                    "outlet": row["outlet"],
                    "language": row.get("language"),
                }
                out.write(json.dumps(record) + "\n")
        store = open_store(base)
        started = time.perf_counter()
        counts = Ingestor(store, extract=ExtractOptions()).ingest([str(items)])
        store.close()
    print(f"base: {counts.summary()} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def replicate(base: Path, out: Path, size: int) -> int:
    """Copy ``base`` into ``out`` and add shifted copies until it holds ``size`` articles; returns the count."""
    if out.exists():
        out.unlink()
    with open_store(base) as src, open_store(out) as dst:
        src.conn.backup(dst.conn)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    originals = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    max_id = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    total, copy = originals, 0
    while total < size:
        copy += 1
        take = min(originals, size - total)
        offset = copy * (max_id + 1)
        shift = f"+{copy * YEAR_DAYS} days"
        last_id = conn.execute(
            "SELECT id FROM articles WHERE id <= ? ORDER BY id LIMIT 1 OFFSET ?", (max_id, take - 1)
        ).fetchone()[0]
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO articles (id, url, guid, title, body, source, published_at, fetched_at, updated_at,"
            " content_hash, language, flags, duplicate_of, origin)"
            " SELECT id + ?, url || '#copy' || ?, NULL, title, body, source,"
            " strftime('%Y-%m-%dT%H:%M:%SZ', published_at, ?), fetched_at, NULL, content_hash || ?, language, flags,"
            " CASE WHEN duplicate_of IS NULL THEN NULL ELSE duplicate_of + ? END, origin"
            " FROM articles WHERE id <= ?",
            (offset, copy, shift, copy, offset, last_id),
        )
        conn.execute(
            "INSERT INTO mentions (article_id, actor_id, sentence, start, end, text, via)"
            " SELECT article_id + ?, actor_id, sentence, start, end, text, via FROM mentions WHERE article_id <= ?",
            (offset, last_id),
        )
        conn.execute(
            "INSERT INTO events (article_id, type, subtype, trigger, source_actor_id, target_actor_id,"
            " location_actor_id, date, date_precision, date_source, background, numbers, sentence, start, end)"
            " SELECT article_id + ?, type, subtype, trigger, source_actor_id, target_actor_id, location_actor_id,"
            " date(date, ?), date_precision, date_source, background, numbers, sentence, start, end FROM events"
            " WHERE article_id <= ?",
            (offset, shift, last_id),
        )
        conn.execute("COMMIT")
        total += take
        print(f"copy {copy}: {total} articles", file=sys.stderr)
    conn.execute("ANALYZE")
    conn.close()
    return total


def build(rss: Path, out: Path, size: int, base_limit: int | None = None, base: Path | None = None) -> Path:
    """The benchmark store at ``out`` with ``size`` articles (the base store is cached beside it)."""
    base = base or out.with_name(out.stem + ".base.db")
    if not base.exists():
        build_base(rss, base, base_limit)
    replicate(base, out, size)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rss", type=Path, required=True, help="rss-news-2022/rss_news_2022.jsonl")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base-limit", type=int, help="Only the first N real items (quick runs)")
    parser.add_argument("--base", type=Path, help="The extracted base store to use or create (default: beside --out)")
    args = parser.parse_args()
    build(args.rss, args.out, args.size, args.base_limit, args.base)


if __name__ == "__main__":
    main()
