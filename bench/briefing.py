"""Briefing build time and memory on a store of 100,000+ real feed items, with a bare window query as baseline.

    python -m bench.briefing --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl \\
        [--size 110000] [--store /tmp/bench/big.db] [--days 30]

Builds (or reuses) the store with ``bench.corpus``, then, in a fresh process, builds a 24-hour briefing for
``--days`` days spread over the store's span (each for channel ``bench``, so each records what it sent, as a
scheduled briefing does) and, as the baseline on the same days, runs the bare query that reads the window's
articles (``SELECT ... WHERE published_at BETWEEN ...``). Prints JSON: median and p95 seconds of each, their ratio,
the mean number of articles per window, and the peak memory of the briefing process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.corpus import build
from bench.harness import ROOT, peak_rss_mb


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def worker(db: Path, days: int) -> dict:
    from briefings.briefing.build import build_briefing
    from briefings.briefing.spec import BriefingSpec
    from briefings.store import open_store
    from briefings.text.dates import parse_date

    store = open_store(db)
    first, last = store.conn.execute("SELECT min(published_at), max(published_at) FROM articles").fetchone()
    start, end = parse_date(first), parse_date(last)
    step = (end - start - timedelta(days=1)) / max(1, days - 1)
    ours, bare, sizes = [], [], []
    for n in range(days):
        until = datetime.combine((start + timedelta(days=1) + n * step).date(), datetime.min.time(), tzinfo=UTC)
        until += timedelta(hours=12)
        since = until - timedelta(hours=24)
        began = time.perf_counter()
        rows = store.conn.execute(
            "SELECT id, title, body, source, url, published_at FROM articles"
            " WHERE duplicate_of IS NULL AND published_at >= ? AND published_at < ?",
            (since.strftime("%Y-%m-%dT%H:%M:%SZ"), until.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ).fetchall()
        bare.append(time.perf_counter() - began)
        began = time.perf_counter()
        briefing = build_briefing(store, BriefingSpec(until=until, since=since, channel="bench"), now=until)
        ours.append(time.perf_counter() - began)
        sizes.append(len(rows))
        assert briefing.candidates == len(rows)
    articles = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    store.close()
    return {
        "articles_in_store": articles,
        "briefings": days,
        "mean_articles_per_window": round(statistics.mean(sizes), 1),
        "max_articles_per_window": max(sizes),
        "ours_median_s": round(statistics.median(ours), 4),
        "ours_p95_s": round(p95(ours), 4),
        "bare_window_query_median_s": round(statistics.median(bare), 4),
        "bare_window_query_p95_s": round(p95(bare), 4),
        "ratio_median": round(statistics.median(ours) / max(1e-9, statistics.median(bare)), 1),
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rss", type=Path, help="rss-news-2022/rss_news_2022.jsonl (to build the store)")
    parser.add_argument("--size", type=int, default=110_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/briefbot-bench/big.db"))
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the store even if it exists")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.store, args.days)))
        return
    if args.rebuild or not args.store.exists():
        if args.rss is None:
            parser.error("--rss is needed to build the store")
        args.store.parent.mkdir(parents=True, exist_ok=True)
        build(args.rss, args.store, args.size)
    # A copy per run: each briefing records what it sent, and the next run should start from the same state.
    work = args.store.with_name(args.store.stem + ".run.db")
    _copy(args.store, work)
    command = [sys.executable, "-m", "bench.briefing", "--worker", "--store", str(work), "--days", str(args.days)]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print(json.dumps(json.loads(out.strip().splitlines()[-1]), indent=2))
    work.unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    import sqlite3

    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


if __name__ == "__main__":
    main()
