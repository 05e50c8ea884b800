"""Ingest with extraction against a bare spaCy ``nlp.pipe`` over the same texts, measured in the same run.

    python -m bench.extract [--n 300] [--repeat 2] [--dataset ../shared/datasets/zelenskyy-putin-press-releases]

Takes N press releases (both sources, spread over the period), then alternately, each in a fresh subprocess:
  ours  ``briefbot ingest`` of them as JSONL into a new database: cleaning, deduplication, spaCy with Briefbot's
        corrections, actors, events, all stored (a worker process extracts while the main process writes);
  bare  the raw spaCy model's ``nlp.pipe`` over the same texts (cut at the same 30,000 characters), nothing stored;
  grown (with ``--grown STORE``) ``ours`` into a copy of a large store (one ``bench.scale`` built, with hundreds of
        thousands of actors and aliases): the ratio grown/ours shows what the actor tables' size costs extraction.
Prints JSON with articles/s and peak memory (the process and its largest worker) of each, and the ratio ours/bare.
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
    csv.field_size_limit(sys.maxsize)
    rows = []
    for name, outlet in (("zelenskyy.csv", "president.gov.ua"), ("putin.csv", "en.kremlin.ru")):
        with open(dataset / name, newline="", encoding="utf-8") as handle:
            rows += [
                dict(r, outlet=outlet) for r in csv.DictReader(handle) if r["body"].strip() and r["headline"].strip()
            ]
    rows.sort(key=lambda r: r["date"])
    step = max(1, len(rows) // n)
    chosen = rows[::step][:n]
    with open(out, "w", encoding="utf-8") as handle:
        for r in chosen:
            record = {
                "title": r["headline"],
                "text": r["body"],
                "date": r["date"],
                "url": r["link"],
                "source": r["outlet"],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def worker_ours(corpus: Path, db: Path, grown: Path | None = None) -> dict:
    import sqlite3

    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store

    if grown is not None:  # a copy of the large store (its WAL included), outside the timed part
        with sqlite3.connect(grown) as source, sqlite3.connect(db) as copy:
            source.backup(copy)
    store = open_store(db)
    before = store.conn.execute("SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM aliases)").fetchone()
    ingestor = Ingestor(store, extract=ExtractOptions())
    started = time.perf_counter()
    counts = ingestor.ingest([str(corpus)])
    seconds = time.perf_counter() - started
    ingestor.close()
    events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    actors = store.conn.execute("SELECT count(*) FROM actors").fetchone()[0]
    store.close()
    return {
        "seconds": seconds,
        "articles": counts.new,
        "events": events,
        "actors": actors,
        "actors_before": before[0],
        "aliases_before": before[1],
        "peak_rss_mb": peak_rss_mb(),
    }


def worker_bare(corpus: Path, db: Path) -> dict:
    from briefings.extract.model import load_model
    from briefings.extract.run import MAX_CHARS

    texts = [json.loads(line)["text"][:MAX_CHARS] for line in corpus.read_text(encoding="utf-8").splitlines()]
    nlp = load_model(None, corrections=False)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": len(texts), "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--grown", type=Path, help="also ingest into a copy of this large store (from bench.scale)")
    parser.add_argument("--worker", choices=["ours", "bare", "grown"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if args.worker == "bare":
            print(json.dumps(worker_bare(args.corpus, args.db)))
        else:
            print(json.dumps(worker_ours(args.corpus, args.db, args.grown if args.worker == "grown" else None)))
        return
    if not (args.dataset / "putin.csv").exists():
        parser.error(f"dataset not found: {args.dataset} (pass --dataset PATH)")
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        build_corpus(args.dataset, args.n, corpus)
        ours, bare, grown = [], [], []
        for index in range(args.repeat):
            bare.append(run_worker("bench.extract", "bare", corpus, folder / f"bare-{index}.db"))
            ours.append(run_worker("bench.extract", "ours", corpus, folder / f"ours-{index}.db"))
            if args.grown:
                extra = ("--grown", str(args.grown))
                grown.append(run_worker("bench.extract", "grown", corpus, folder / f"grown-{index}.db", *extra))
    result = {
        "benchmark": "extract",
        "n": args.n,
        "repeat": args.repeat,
        "ours": summarise(ours),
        "bare_nlp_pipe": summarise(bare),
    }
    result["ratio"] = round(result["ours"]["articles_per_s"] / result["bare_nlp_pipe"]["articles_per_s"], 3)
    result["target_ratio"] = 0.75
    if grown:
        result["grown"] = summarise(grown)
        result["grown_vs_ours"] = round(result["grown"]["articles_per_s"] / result["ours"]["articles_per_s"], 3)
        result["grown_target_ratio"] = 0.9
    result["memory_limit_mb"] = 1024
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
