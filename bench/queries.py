"""Command latency on large stores, next to the bare FTS5 query on the same store in the same run.

    python -m bench.queries --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl \\
        [--sizes 100000,1000000] [--folder /tmp/briefbot-bench]

Stores are built with ``bench.corpus`` (the real 2022 feed items extracted once, then copied with shifted dates)
and reused when present. Each command runs through the command table exactly as a chat message does
(``run_text``), with inputs drawn from the store: common news words, the most mentioned actors and some rarer
ones, event filters, pairs for timelines, questions built from actor names, and 24-hour briefings on topics. One
warm-up pass, then every input twice; prints p50 and p99 milliseconds per command and for the bare
``SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

from bench.corpus import build
from bot.commands import Context, run_text
from briefings.store import fts_query, open_store
from briefings.text.dates import parse_date

WORDS = (
    "ukraine",
    "missile attack",
    "inflation",
    "election",
    "covid",
    "climate change",
    "prime minister",
    "world cup",
    "interest rates",
    "earthquake",
    "strike",
    "oil prices",
    "taiwan",
    "boris johnson",
    "queen",
    "energy bills",
    "protest",
    "ceasefire",
    "nuclear plant",
    "heatwave",
)
TYPES = ("attack", "statement", "meeting", "aid", "casualties")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def inputs(store) -> dict[str, list[str]]:
    conn = store.conn
    rng = random.Random(20240115)
    top = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actors a JOIN (SELECT actor_id, count(*) n FROM mentions GROUP BY actor_id"
            " ORDER BY n DESC LIMIT 15) m ON m.actor_id = a.id"
        )
    ]
    middle = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actors a JOIN (SELECT actor_id, count(*) n FROM mentions GROUP BY actor_id"
            " HAVING n BETWEEN 20 AND 200) m ON m.actor_id = a.id"
        )
    ]
    rare = rng.sample(middle, min(10, len(middle)))
    people = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actors a JOIN (SELECT actor_id, count(*) n FROM mentions GROUP BY actor_id) m"
            " ON m.actor_id = a.id WHERE a.kind = 'person' ORDER BY m.n DESC LIMIT 8"
        )
    ]
    places = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actors a JOIN (SELECT actor_id, count(*) n FROM mentions GROUP BY actor_id) m"
            " ON m.actor_id = a.id WHERE a.kind = 'place' ORDER BY m.n DESC LIMIT 8"
        )
    ]

    def q(name: str) -> str:
        return f'"{name}"' if " " in name else name

    return {
        "search": list(WORDS),
        "actor": [q(n) for n in top + rare],
        "events": [f"actor:{q(n)} type:{rng.choice(TYPES)}" for n in top[:10]] + [w for w in WORDS[:10]],
        "timeline": [q(n) for n in top[:8]] + [f"{q(a)} {q(b)}" for a, b in pairwise(top[:7])],
        "ask": [f"Who is {n}?" for n in people[:5]]
        + [f"What happened in {p}?" for p in places[:5]]
        + [f"How many people were killed in {p}?" for p in places[:5]]
        + [f"Where did {n} meet?" for n in people[:5]],
        "brief": list(WORDS[:10]) + [q(n) for n in top[:10]],
    }


def measure(path: Path, repeat: int) -> dict:
    store = open_store(path)
    conn = store.conn
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    first, last = conn.execute("SELECT min(published_at), max(published_at) FROM articles").fetchone()
    start, end = parse_date(first), parse_date(last)
    rng = random.Random(7)
    table = inputs(store)
    result: dict = {"articles": articles}
    for command, texts in table.items():
        timings = []
        errors = 0
        for round_ in range(repeat + 1):
            for text in texts:
                # Briefings look at a random day; other commands run "now" at the end of the data.
                now = start + timedelta(days=rng.uniform(1, (end - start).days)) if command == "brief" else end
                began = time.perf_counter()
                reply = run_text(Context(store, now), command, text)
                elapsed = time.perf_counter() - began
                if round_:  # round 0 warms the caches
                    timings.append(elapsed)
                    errors += bool(reply.error)
        result[command] = {
            "p50_ms": round(1000 * statistics.median(timings), 1),
            "p99_ms": round(1000 * percentile(timings, 0.99), 1),
            "runs": len(timings),
            "error_replies": errors,
        }
    bare = []
    for round_ in range(repeat + 1):
        for word in WORDS:
            began = time.perf_counter()
            conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10", (fts_query(word),)
            ).fetchall()
            if round_:
                bare.append(time.perf_counter() - began)
    result["bare_fts"] = {
        "p50_ms": round(1000 * statistics.median(bare), 2),
        "p99_ms": round(1000 * percentile(bare, 0.99), 2),
    }
    result["search_p50_vs_bare"] = round(result["search"]["p50_ms"] / max(0.01, result["bare_fts"]["p50_ms"]), 1)
    store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rss", type=Path, help="rss-news-2022/rss_news_2022.jsonl (to build missing stores)")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/briefbot-bench"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    base = args.folder / "base.db"
    report = {}
    for size in (int(s) for s in args.sizes.split(",")):
        path = args.folder / f"store-{size}.db"
        if not path.exists():
            if args.rss is None:
                parser.error(f"{path} is missing: pass --rss to build it")
            build(args.rss, path, size, base=base)
        report[str(size)] = measure(path, args.repeat)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
