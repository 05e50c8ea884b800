"""Actor quality: a seeded sample of stored actors, marked by reading, scored against any store.

    python -m bench.actors sample --db /tmp/be/press.db --corpus press --sheet sheet.md [--n 50] [--seed 7] \
                                  [--split dev] [--weighted]
    python -m bench.actors add    --db press=/tmp/be/press.db --marks marks.txt
    python -m bench.actors score  --db press=/tmp/be/press.db --db feed=/tmp/be/feed.db \
                                  --db bbc=/tmp/be/bbc.db --db rss22=/tmp/be/rss22.db

The stores are built with ``python -m bench.events build --corpus press|feed|bbc|rss22 --db ...`` (profile
``ukraine-russia``); the labels hold 50 press and 50 feed actors (seed 7), 80 BBC (seed 2026) and 60 of the July
2022 feed items (seed 2027).

The sample is uniform over the store's actors that something mentions (what ``/actor`` and ``/events`` show);
``sample --weighted`` draws by mentions instead (what a reader of the events and briefings meets: the batch
``2026-12-08-actors-weighted``, 15 dev actors of each store; ``2026-12-10-actors-weighted``, 10 more of each). An
actor is keyed by its first mention (article key, offset, text), which stays put when extraction changes; the
labels keep the name, kind and aliases they judged, and a mark counts only while those are unchanged. Marks
(``bench/data/actor_labels.json``, one line per actor in a marks file: ``KEY NAME KIND ALIASES [| note]``, each
``1``, ``0`` or ``-``):

- **name**: well-formed: the name of one actor as a reader would write it, no glued title, no fragment
  ("Kazakhstani", "Neighbourhood"), no generic word ("Greetings"), not two names joined;
- **kind**: person, organisation, place or group as the thing named is ("Orthodox Easter" is none: 0);
- **aliases**: every alias names the same actor (``-`` when it has none).
An actor that names nothing (a generic word) has name 0 and kind 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from bench.events import ROOT, split_of, url_key

LABELS = ROOT / "bench" / "data" / "actor_labels.json"
FIELDS = ("name", "kind", "aliases")


def read_actors(db: Path, every_mention: bool = False) -> dict[str, dict]:
    """Every mentioned actor by its first-mention key (``every_mention``: by the key of each of its mentions, so
    that a label finds its actor when an earlier mention appears), with its aliases and a mention's context."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        where = "" if every_mention else " WHERE m.id IN (SELECT min(id) FROM mentions GROUP BY actor_id)"
        first = conn.execute(
            "SELECT m.actor_id, coalesce(a.url, a.guid, a.title), m.start, m.text, a.body"
            " FROM mentions m JOIN articles a ON a.id = m.article_id" + where
        ).fetchall()
        actors = {r[0]: r[1:] for r in conn.execute("SELECT id, name, kind, role, country FROM actors")}
        aliases: dict[int, list[str]] = {}
        for actor_id, alias, kind in conn.execute("SELECT actor_id, alias, kind FROM aliases ORDER BY alias"):
            aliases.setdefault(actor_id, []).append(f"{alias} ({kind})")
        counts = dict(conn.execute("SELECT actor_id, count(*) FROM mentions GROUP BY actor_id").fetchall())
    finally:
        conn.close()
    out = {}
    for actor_id, identity, start, text, body in first:
        name, kind, role, country = actors[actor_id]
        article = url_key(identity)
        out[f"{article}:{start}:{text}"] = {
            "article": article,
            "name": name,
            "kind": kind,
            "role": role,
            "country": country,
            "aliases": aliases.get(actor_id, []),
            "mentions": counts.get(actor_id, 0),
            "context": body[max(0, start - 100) : start + len(text) + 100].replace("\n", " ") if body else "",
        }
    return out


def judged(actor: dict) -> dict:
    return {"name": actor["name"], "kind": actor["kind"], "aliases": sorted(set(actor["aliases"]))}


def sample(
    db: Path, corpus: str, n: int, seed: int, sheet: Path, split: str | None = None, weighted: bool = False
) -> None:
    """Draw ``n`` actors uniformly (each actor once), or by their mentions (``weighted``: what a reader of
    ``/events`` and the briefings meets; actors labelled already are left out so that no label changes batch)."""
    actors = read_actors(db)
    pool = sorted(key for key, a in actors.items() if split is None or split_of(a["article"]) == split)
    rng = random.Random(seed)
    if weighted:
        labelled = {item["key"] for item in load(LABELS)["labels"]}
        pool = [key for key in pool if f"{corpus}:{key}" not in labelled]
        # Weighted sampling without replacement (Efraimidis and Spirakis): the n largest u ** (1 / weight).
        keys = sorted(pool, key=lambda key: rng.random() ** (1 / actors[key]["mentions"]), reverse=True)[:n]
    else:
        keys = rng.sample(pool, min(n, len(pool)))
    lines = []
    for key in keys:
        a = actors[key]
        lines.append(f"{corpus}:{key}")
        lines.append(
            f"    {a['name']!r} {a['kind']} role={a['role']} country={a['country']} mentions={a['mentions']}"
            f" aliases={a['aliases']}"
        )
        lines.append(f"    …{a['context']}…")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(keys)} actors → {sheet}", file=sys.stderr)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"labels": []}


def add(labels: dict, stores: dict[str, Path], marks: Path, batch: str | None = None) -> int:
    actors = {corpus: read_actors(db, every_mention=True) for corpus, db in stores.items()}
    index = {item["key"]: item for item in labels["labels"]}
    added = 0
    for number, line in enumerate(marks.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        body, _, note = line.partition("|")
        parts = body.rsplit(maxsplit=3)
        if len(parts) != 4:
            raise SystemExit(f"{marks}:{number}: expected KEY NAME KIND ALIASES")
        corpus, _, rest = parts[0].partition(":")
        actor = actors[corpus].get(rest)
        if actor is None:
            raise SystemExit(f"{marks}:{number}: no actor with this first mention in the {corpus} store")
        values = [None if p == "-" else p == "1" for p in parts[1:]]
        reading = {"judged": judged(actor), "marks": dict(zip(FIELDS, values, strict=True)), "note": note.strip()}
        old = index.get(parts[0])
        if old is not None and old["judged"] != reading["judged"]:
            old["rereads"] = [*[r for r in old.get("rereads", []) if r["judged"] != reading["judged"]], reading]
        else:
            index[parts[0]] = {"key": parts[0], "split": split_of(actor["article"]), **reading}
            if batch:
                index[parts[0]]["batch"] = batch  # a sample read together, scored alone with ``score --batch``
        added += 1
    labels["labels"] = sorted(index.values(), key=lambda item: item["key"])
    return added


def score(labels: dict, stores: dict[str, Path], split: str | None, batch: str | None = None) -> tuple[dict, list[str]]:
    c: Counter = Counter()
    unread = []
    actors = {corpus: read_actors(db, every_mention=True) for corpus, db in stores.items()}
    for label in labels["labels"]:
        corpus, _, rest = label["key"].partition(":")
        if corpus not in stores or (split and label["split"] != split) or (batch and label.get("batch") != batch):
            continue
        actor = actors[corpus].get(rest)
        if actor is None:
            c["gone"] += 1  # no longer an actor (a fragment or a generic word dropped, or merged away)
            c["gone_ill_formed"] += label["marks"]["name"] is False
            continue
        now = judged(actor)
        reading = next((r for r in [label, *label.get("rereads", [])] if r["judged"] == now), None)
        if reading is None:
            unread.append(label["key"])
            continue
        c["n"] += 1
        for field in FIELDS:
            mark = reading["marks"][field]
            if mark is not None:
                c[f"{field}_n"] += 1
                c[field] += mark
    result: dict[str, object] = {f: f"{c[f]}/{c[f + '_n']} ({c[f] / c[f + '_n']:.1%})" for f in FIELDS if c[f + "_n"]}
    result |= {"actors": c["n"], "no longer actors": c["gone"], "of which ill-formed": c["gone_ill_formed"]}
    return result, unread


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.actors", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--db", type=Path, required=True)
    s.add_argument("--corpus", required=True)
    s.add_argument("--sheet", type=Path, required=True)
    s.add_argument("--n", type=int, default=50)
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--split", choices=("dev", "test"), help="only actors first mentioned in this split's articles")
    s.add_argument("--weighted", action="store_true", help="draw actors by their mentions, not uniformly")
    for name in ("add", "score"):
        p = sub.add_parser(name)
        p.add_argument("--db", action="append", required=True, help="CORPUS=PATH, repeatable")
        p.add_argument("--labels", type=Path, default=LABELS)
        p.add_argument("--batch", help="add: name the new labels' batch; score: only that batch's labels")
        if name == "add":
            p.add_argument("--marks", type=Path, required=True)
        else:
            p.add_argument("--split", choices=("dev", "test"))
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.db, args.corpus, args.n, args.seed, args.sheet, args.split, args.weighted)
        return
    stores = {c: Path(p) for c, p in (item.split("=", 1) for item in args.db)}
    labels = load(args.labels)
    if args.command == "add":
        added = add(labels, stores, args.marks, args.batch)
        args.labels.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{added} labels → {args.labels}", file=sys.stderr)
        return
    result, unread = score(labels, stores, args.split, args.batch)
    print(json.dumps(result, indent=2))
    if unread:
        print(f"{len(unread)} actors changed and need reading: {unread[:5]}…", file=sys.stderr)


if __name__ == "__main__":
    main()
