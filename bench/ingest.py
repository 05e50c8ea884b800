"""Ingest throughput against the physical anchor, measured in the same run.

    python -m bench.ingest [--n 5000] [--repeat 3] [--dataset ../shared/datasets/zelenskyy-putin-press-releases]

Builds N articles from the real press-release texts (a JSONL file), then alternately, each in a fresh
subprocess and a fresh database file:
  ours  `Ingestor.ingest()` on the JSONL: parse, clean, date, hash, near-duplicate check, store, FTS
        (cleaning in one worker process beside the writer, the default on a machine with 2+ cores);
  ours_single_process  the same with ``workers=0``;
  bare  a bare sqlite3 ``executemany`` of the same rows, already prepared, into the same schema with
        the same FTS triggers, in one transaction.
Then, once (extraction is slow), the re-ingest case: the first ``--reingest-n`` articles ingested with extraction
(spaCy) into a fresh store, then the same file again into that store: the second run's time over the first's
(target at most 0.10: duplicates are decided before extraction).
Prints JSON with articles/s and peak RSS of each (median of the repeats) and the ratio ours / bare.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import ROOT, peak_rss_mb, run_worker, summarise

DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "zelenskyy-putin-press-releases"


def build_corpus(dataset: Path, n: int, out: Path) -> None:
    """N distinct articles from real texts: each release once, then halves of two releases joined."""
    csv.field_size_limit(sys.maxsize)
    texts = []
    for name in ("zelenskyy.csv", "putin.csv"):
        with open(dataset / name, newline="", encoding="utf-8") as handle:
            texts += [r for r in csv.DictReader(handle) if r["body"].strip()]
    with open(out, "w", encoding="utf-8") as handle:
        for i in range(n):
            base = texts[i % len(texts)]
            body = base["body"]
            if i >= len(texts):
                other = texts[(i * 7 + 3) % len(texts)]["body"]
                body = f"{body[len(body) // 2 :]}\n\n{other[: len(other) // 2]}"
            record = {
                "title": base["headline"],
                "text": body,
                "date": base["date"],
                "url": f"https://bench.example/{i}",
                "source": "bench",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def worker_ours(corpus: Path, db: Path, workers: int | None) -> dict:
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store

    store = open_store(db)
    ingestor = Ingestor(store, workers=workers)
    started = time.perf_counter()
    counts = ingestor.ingest([str(corpus)])
    seconds = time.perf_counter() - started
    ingestor.close()
    store.close()
    return {"seconds": seconds, "articles": counts.new + counts.duplicates, "peak_rss_mb": peak_rss_mb()}


def worker_reingest(corpus: Path, db: Path, workers: int | None = None) -> dict:
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store

    times, counts = [], []
    with open_store(db) as store:
        for _ in range(2):
            ingestor = Ingestor(store, workers=workers, extract=ExtractOptions(enabled=True, profile=""))
            started = time.perf_counter()
            counts.append(ingestor.ingest([str(corpus)]))
            times.append(time.perf_counter() - started)
            ingestor.close()
    return {
        "first_seconds": round(times[0], 3),
        "again_seconds": round(times[1], 3),
        "ratio": round(times[1] / times[0], 3),
        "first": counts[0].summary(),
        "again": counts[1].summary(),
        "peak_rss_mb": peak_rss_mb(),
    }


def worker_bare(corpus: Path, db: Path, workers: int | None = None) -> dict:
    import sqlite3

    from briefings.store import open_store

    open_store(db).close()  # the same schema, FTS table and triggers
    rows = []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            rows.append((r["url"], r["title"], r["text"], r["source"], r["date"], r["date"], str(len(rows))))
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (url, title, body, source, published_at, fetched_at, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return {"seconds": seconds, "articles": len(rows), "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles to ingest")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--reingest-n", type=int, default=200, help="articles of the re-ingest case (0: skip it)")
    parser.add_argument("--worker", choices=["ours", "bare", "reingest"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = {"ours": worker_ours, "bare": worker_bare, "reingest": worker_reingest}[args.worker]
        print(json.dumps(work(args.corpus, args.db, args.workers)))
        return
    if not (args.dataset / "putin.csv").exists():
        parser.error(f"dataset not found: {args.dataset} (pass --dataset PATH)")
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        build_corpus(args.dataset, args.n, corpus)
        ours, single, bare = [], [], []
        for index in range(args.repeat):
            bare.append(run_worker("bench.ingest", "bare", corpus, folder / f"bare-{index}.db"))
            ours.append(run_worker("bench.ingest", "ours", corpus, folder / f"ours-{index}.db"))
            single.append(run_worker("bench.ingest", "ours", corpus, folder / f"single-{index}.db", "--workers", "0"))
        reingest = None
        if args.reingest_n:
            part = folder / "reingest.jsonl"
            with open(corpus, encoding="utf-8") as source, open(part, "w", encoding="utf-8") as target:
                target.writelines(line for _, line in zip(range(args.reingest_n), source, strict=False))
            reingest = run_worker("bench.ingest", "reingest", part, folder / "reingest.db")
    result = {
        "benchmark": "ingest",
        "n": args.n,
        "repeat": args.repeat,
        "ours": summarise(ours),
        "ours_single_process": summarise(single),
        "bare_insert": summarise(bare),
    }
    bare_rate = result["bare_insert"]["articles_per_s"]
    result["ratio"] = round(result["ours"]["articles_per_s"] / bare_rate, 3)
    result["ratio_single_process"] = round(result["ours_single_process"]["articles_per_s"] / bare_rate, 3)
    result["target_ratio"] = 0.5
    if reingest is not None:
        result["reingest"] = {"n": args.reingest_n, **reingest, "target_ratio": 0.1}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
