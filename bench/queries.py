"""Command latency on a large store, warm and cold, beside the bare FTS5 query on the same store in the same run.

    python -m bench.queries --store /tmp/scale.db [--samples 200] [--warmup 50]

The store is one that ``bench.scale`` built (a million distinct articles with the default schedule). Each command
runs through the command table exactly as a chat message does (``run_text``), with inputs drawn from the store
itself: words of its headlines across their frequency range, actors across theirs (``actor_stats``), event
filters, actor pairs for timelines, questions built from people and places, and 24-hour briefings of a topic on a
random day; one actor name in five is misspelt (two inner letters swapped), as users type them. For each command
three disjoint sets of distinct inputs are drawn: ``--warmup`` inputs that are run first and not timed,
``--samples`` timed **warm** (one run each, the process and page caches warm), and ``--samples`` timed **cold**:
each run first after a small ingest (five articles written by another connection through the production write
path, which makes the query's connection drop its page cache, as the bot's does after the poller writes).
Prints p50, p95, p99 and max in milliseconds per command and phase, and the bare
``SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10`` over the search inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import quantile
from bot.commands import Context, run_text
from briefings.ingest.normalise import normalise
from briefings.models import RawArticle
from briefings.store import Store, fts_query, open_store
from briefings.text.dates import iso, parse_date

BARE = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10"
TYPES = ("attack", "statement", "meeting", "aid", "casualties", "accusation", "protest", "agreement")
# Function words and news-page words, which no one searches for alone.
COMMON = frozenset(
    "the a an and or of to in on at for with from by as is are was were be been has have had will would can could "
    "not no but after over into about says said new more than its it this that his her their they he she we you "
    "who what when how why up out off first last year years day week time".split()
)


def percentiles(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(1000 * statistics.median(values), 1),
        "p95_ms": round(1000 * quantile(values, 0.95), 1),
        "p99_ms": round(1000 * quantile(values, 0.99), 1),
        "max_ms": round(1000 * max(values), 1),
        "samples": len(values),
    }


def quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def misspelt(name: str) -> str:
    """The name with its two middle letters swapped (unchanged when too short)."""
    if len(name) < 5:
        return name
    i = len(name) // 2
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def pools(store: Store, rng: random.Random, need: int) -> dict[str, list[str]]:
    """Distinct inputs per command, shuffled, at least ``need`` each where the store allows."""
    conn = store.conn
    words: Counter[str] = Counter()
    for (title,) in conn.execute("SELECT title FROM articles ORDER BY random() LIMIT 20000"):
        words.update(w for w in re.findall(r"[a-z]{4,}", title.lower()) if w not in COMMON)
    # Skip the 20 commonest (they match a large share of the store) but keep the rest of the frequency range.
    terms = [w for w, _ in words.most_common()[20 : 20 + need]]

    def actors(kind: str | None, limit: int) -> list[str]:
        sql = (
            "SELECT a.name FROM actor_stats s JOIN actors a ON a.id = s.actor_id WHERE s.mentions >= 3"
            + (" AND a.kind = ?" if kind else "")
            + " ORDER BY random() LIMIT ?"
        )
        return [name for (name,) in conn.execute(sql, (kind, limit) if kind else (limit,))]

    named = actors(None, need)
    people = actors("person", need)
    places = actors("place", need)
    top = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actor_stats s JOIN actors a ON a.id = s.actor_id ORDER BY s.mentions DESC LIMIT 60"
        )
    ]
    ask = []
    for i, person in enumerate(people):
        ask.append(f"Who is {person}?" if i % 2 else f"Where did {person} meet?")
    for i, place in enumerate(places):
        ask.append(f"What happened in {place}?" if i % 2 else f"How many people were killed in {place}?")
    table = {
        "search": terms + [quoted(n) for n in named[: need // 2]],
        # One in five as a user mistypes it (two inner letters swapped): the reply suggests the closest names.
        "actor": [quoted(misspelt(n) if i % 5 == 4 else n) for i, n in enumerate(named)],
        "events": [f"actor:{quoted(n)} type:{rng.choice(TYPES)}" for n in named[: need // 2]]
        + [f"actor:{quoted(n)}" for n in named[need // 2 :]],
        "timeline": [quoted(n) for n in named[: need // 2]]
        + [f"{quoted(rng.choice(top))} {quoted(n)}" for n in named[need // 2 :]],
        "ask": ask,
        "brief": terms[: need // 2] + [quoted(n) for n in named[: need // 2]],
    }
    for texts in table.values():
        rng.shuffle(texts)
    return {command: list(dict.fromkeys(texts)) for command, texts in table.items()}


class Ingest:
    """Small ingests through another connection: copies of stored articles with new URLs and a new title word."""

    def __init__(self, path: Path, rng: random.Random, end: datetime) -> None:
        self.writer = open_store(path)
        self.rng = rng
        self.now = end
        self.serial = 0
        self.max_id = self.writer.conn.execute("SELECT max(id) FROM articles").fetchone()[0]

    def __call__(self, count: int = 5) -> None:
        from briefings.stories.online import assign_articles

        conn = self.writer.conn
        articles = []
        for _ in range(count):
            row = conn.execute(
                "SELECT title, body, source FROM articles WHERE id >= ? ORDER BY id LIMIT 1",
                (self.rng.randrange(1, self.max_id),),
            ).fetchone()
            self.serial += 1
            self.now += timedelta(seconds=30)
            raw = RawArticle(
                title=f"{row[0]} (update {self.serial})",
                body=row[1],
                where=f"bench:{self.serial}",
                url=f"https://bench.example/update/{self.serial}-{self.rng.random()}",
                source=row[2],
                published=iso(self.now),
            )
            articles.append(normalise(raw, self.now))
        with self.writer.write():
            ids = []
            for article in articles:
                saved = self.writer.articles.save(article, self.now)
                if saved.extract and saved.article_id is not None:
                    ids.append(saved.article_id)
            assign_articles(self.writer, ids)

    def close(self) -> None:
        self.writer.close()


def measure(path: Path, samples: int, warmup: int, seed: int = 20240115) -> dict:
    rng = random.Random(seed)
    store = open_store(path)
    conn = store.conn
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    first, last = conn.execute("SELECT min(published_at), max(published_at) FROM articles").fetchone()
    start, end = parse_date(first), parse_date(last)
    assert start is not None and end is not None, "the store has no dated articles"
    days = max(1, (end - start).days)
    table = pools(store, rng, warmup + 2 * samples)
    ingest = Ingest(path, rng, end)
    result: dict = {"articles": articles, "store": str(path)}
    for command, texts in table.items():
        if len(texts) < warmup + 2 * samples:
            print(
                f"{command}: only {len(texts)} distinct inputs; cold and warm sets share none, warm-up gets fewer",
                file=sys.stderr,
            )
        warm_up = texts[:warmup]
        warm = texts[warmup : warmup + samples]
        cold = texts[warmup + samples : warmup + 2 * samples]

        def run(text: str, command: str = command) -> tuple[float, bool]:
            # Briefings look at a random day; other commands run "now", at the end of the data.
            now = start + timedelta(days=rng.uniform(1, days)) if command == "brief" else ingest.now
            began = time.perf_counter()
            reply = run_text(Context(store, now), command, text)
            return time.perf_counter() - began, bool(reply.error)

        for text in warm_up:
            run(text)
        warm_times, cold_times, errors = [], [], 0
        for text in warm:
            seconds, error = run(text)
            warm_times.append(seconds)
            errors += error
        for text in cold:
            ingest()
            seconds, error = run(text)
            cold_times.append(seconds)
            errors += error
        result[command] = {
            "inputs": len(set(warm) | set(cold)),
            "warm": percentiles(warm_times),
            "cold": percentiles(cold_times) if cold_times else None,
            "error_replies": errors,
        }
        print(json.dumps({command: result[command]}), file=sys.stderr, flush=True)
    terms = [t for t in table["search"] if not t.startswith('"')] or table["search"]
    for term in terms[:warmup]:
        conn.execute(BARE, (fts_query(term),)).fetchall()
    bare = []
    for term in table["search"][warmup : warmup + samples]:
        began = time.perf_counter()
        conn.execute(BARE, (fts_query(term),)).fetchall()
        bare.append(time.perf_counter() - began)
    result["bare_fts"] = percentiles(bare)
    ratio = result["search"]["warm"]["p50_ms"] / max(0.01, result["bare_fts"]["p50_ms"])
    result["search_p50_vs_bare"] = round(ratio, 2)
    result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    ingest.close()
    store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store built by bench.scale")
    parser.add_argument("--samples", type=int, default=200, help="timed runs per command and phase (distinct inputs)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed distinct inputs per command, run first")
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} does not exist: build it with python -m bench.scale")
    print(json.dumps(measure(args.store, args.samples, args.warmup), indent=2))


if __name__ == "__main__":
    main()
