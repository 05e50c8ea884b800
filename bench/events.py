"""Event and actor quality: hand labels of a stratified sample, kept by key, scored against any store.

    python -m bench.events build  --datasets ../shared/datasets --corpus press --db /tmp/be/press.db
    python -m bench.events sample --db /tmp/be/press.db --corpus press [--per-type 8] [--seed 7] [--split dev] \
        --sheet sheet.md
    python -m bench.events score  --db press=/tmp/be/press.db --db feed=/tmp/be/feed.db [--labels FILE] [--sheet S]

How the evaluation works (the marks are defined in ``bench/EVENTS_LABELLING.md``):

- ``sample`` draws events not labelled yet from a store (``--split dev``: of dev articles only), the same number of
  each type (seeded), and writes a sheet to read: the
  sentence, the article's title and date, what was extracted. The reader writes the marks into
  ``bench/data/event_labels.json``. A label stores only keys and the short extracted values it judged (article URL
  hash, sentence offsets, trigger, type, actor names, date), never the article text: the corpora may not be copied.
- ``score`` matches the labelled events to a store's events by (article, sentence offsets, trigger). A mark counts
  only while the value it judged is unchanged: an event re-typed by new code needs its type read again (``score``
  lists what needs reading, ``--sheet`` writes it). ``real`` and ``background`` belong to the sentence and trigger,
  so they carry over.
- Precision is reported per type (the sample is stratified) and overall weighted by each type's share of the store,
  which is what a user of ``/events`` meets; labelled real events no longer extracted are reported as lost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bench.answers import ROOT, build_store

LABELS = ROOT / "bench" / "data" / "event_labels.json"
FIELDS = ("type", "source", "target", "location", "date", "background")
"""The extracted values a label judges; ``real`` is judged of the sentence and trigger."""

_QUERY = """
SELECT e.id, coalesce(a.url, a.guid, a.title), a.title, a.published_at, e.start, e.end, e.trigger, e.type,
       e.subtype, s.name, s.kind, t.name, t.kind, l.name, e.date, e.date_precision, e.date_source, e.background,
       e.sentence
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source_actor_id
LEFT JOIN actors t ON t.id = e.target_actor_id
LEFT JOIN actors l ON l.id = e.location_actor_id
"""


def url_key(identity: str) -> str:
    """An article's key in the labels: a hash of its URL (or GUID; a file's name, not where the checkout is)."""
    if identity.startswith("file:"):
        identity = "file:" + identity.rsplit("/", 1)[-1]
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:12]


def read_events(db: Path) -> list[dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(_QUERY + " ORDER BY e.id").fetchall()
    finally:
        conn.close()
    out = []
    for r in rows:
        out.append(
            {
                "id": r[0],
                "article": url_key(r[1]),
                "title": r[2],
                "published": (r[3] or "")[:10],
                "start": r[4],
                "end": r[5],
                "trigger": r[6],
                "type": r[7],
                "subtype": r[8],
                "source": r[9],
                "source_kind": r[10],
                "target": r[11],
                "target_kind": r[12],
                "location": r[13],
                "date": f"{r[14]} {r[15]} {r[16]}",
                "background": bool(r[17]),
                "sentence": r[18],
            }
        )
    return out


def key(event: dict) -> str:
    return f"{event['article']}:{event['start']}:{event['end']}:{event['trigger']}"


def stratified(events: list[dict], per_type: int, seed: int) -> list[dict]:
    """``per_type`` events of each type (all of a smaller type), drawn with a fixed seed."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        by_type[event["type"]].append(event)
    rng = random.Random(seed)
    chosen = []
    for kind in sorted(by_type):
        pool = by_type[kind]
        chosen += rng.sample(pool, min(per_type, len(pool)))
    return chosen


def write_sheet(events: list[dict], corpus: str, path: Path, labels: dict[str, dict] | None = None) -> None:
    """The sample as a sheet to read: the sentence and what was extracted, and for a re-read what changed."""
    lines = [f"# {corpus}: {len(events)} events\n"]
    for event in events:
        lines.append(f"## {corpus}:{key(event)} ({split_of(event['article'])})")
        lines.append(f"article {event['published']} — {event['title']}")
        lines.append(f"> {event['sentence']}")
        lines.append(
            f"trigger `{event['trigger']}` type **{event['type']}** · source {event['source']} ({event['source_kind']})"
            f" · target {event['target']} ({event['target_kind']}) · location {event['location']}"
            f" · date {event['date']} · background {event['background']}"
        )
        old = (labels or {}).get(f"{corpus}:{key(event)}")
        if old:
            changed = [f for f in FIELDS if comparable(old["extracted"]).get(f) != comparable(extracted(event)).get(f)]
            lines.append(f"relabel: {', '.join(changed)} (was {[old['extracted'][f] for f in changed]})")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def extracted(event: dict) -> dict:
    return {f: event[f] for f in FIELDS}


def comparable(values: dict) -> dict:
    """The judged values as compared with a later extraction: a date taken from the article's own day ("2026-12-03
    day article") is the article's day whatever that day is. (BBC News, without publication dates, was dated the
    day its store was built until its stores were given one fixed day, ``answers.BBC_DAY``.)"""
    date = values.get("date")
    if date and date.endswith(" article"):
        values = {**values, "date": date.split(" ", 1)[1]}
    return values


def split_of(article: str) -> str:
    """Half the articles are dev (tune on them), half test (report once): fixed by the article key's hash."""
    return "dev" if int(hashlib.sha1(article.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_labels(path: Path) -> dict:
    if not path.exists():
        return {"meta": {}, "labels": []}
    return json.loads(path.read_text(encoding="utf-8"))


def label_index(labels: dict) -> dict[str, dict]:
    return {item["key"]: item for item in labels["labels"]}


def score(stores: dict[str, Path], labels: dict, split: str | None, batch: str | None = None) -> tuple[dict, list]:
    """The labelled sample scored against the stores' events.

    Each labelled event stands for its type's share of the store it was drawn from (``meta``: the events per type
    of that store), so precision is weighted as a user of ``/events`` meets it. An event that a store no longer
    holds is dropped (filtered); a mark counts only while the value it judged is unchanged, else the event needs
    reading again."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    weighted: Counter = Counter()
    unread: list[tuple[str, dict]] = []
    dropped: Counter = Counter()
    for corpus, db in stores.items():
        by_key = {key(e): e for e in read_events(db)}
        sizes = labels["meta"][corpus]["events_per_type"]
        drawn = Counter(i["extracted"]["type"] for i in labels["labels"] if i["key"].startswith(corpus + ":"))
        for label in labels["labels"]:
            name, _, rest = label["key"].partition(":")
            if name != corpus or (split and label["split"] != split) or (batch and label.get("batch") != batch):
                continue
            stratum = label["extracted"]["type"]
            weight = sizes[stratum] / drawn[stratum]
            event = by_key.get(rest)
            reading = _reading(label, event)
            marks = reading["marks"]
            right = bool(marks["real"] and marks["type"])
            if event is None:
                why = ("real, right type" if right else "real, wrong type") if marks["real"] else "not real"
                dropped[why] += 1
                weighted["dropped_right" if right else "dropped_other"] += weight
                continue
            counts = kinds[event["type"]]
            counts["n"] += 1
            counts["real"] += marks["real"]
            weighted["n"] += weight
            weighted["real"] += weight * marks["real"]
            weighted["kept_right"] += weight * right
            now = comparable(extracted(event))
            stale = [f for f in FIELDS if f != "background" and comparable(reading["extracted"]).get(f) != now.get(f)]
            if stale and marks["real"]:
                unread.append((corpus, event))
            for field in FIELDS:
                if field in stale or marks.get(field) is None or not marks["real"]:
                    continue
                counts[f"{field}_n"] += 1
                if field == "background":
                    # The mark says whether the flag was right: what it should be holds for any later flag.
                    should = reading["extracted"]["background"] == bool(marks["background"])
                    counts[field] += event["background"] == should
                else:
                    counts[field] += bool(marks[field])
    return _summary(kinds, weighted, dropped), unread


def _reading(label: dict, event: dict | None) -> dict:
    """The reading of a label that judged what ``event`` holds now (the first one when none did)."""
    if event is not None:
        now = comparable(extracted(event))
        for reading in [label, *label.get("rereads", [])]:
            if all(comparable(reading["extracted"]).get(f) == now.get(f) for f in FIELDS if f != "background"):
                return reading
    return label


def _summary(kinds: dict[str, Counter], weighted: Counter, dropped: Counter) -> dict:
    table = {}
    for kind, c in sorted(kinds.items()):
        table[kind] = {"n": c["n"], "real": f"{c['real']}/{c['n']}"}
        for field in FIELDS:
            if c[f"{field}_n"]:
                table[kind][field] = f"{c[field]}/{c[f'{field}_n']}"
    overall: dict[str, object] = {
        "real_weighted": round(weighted["real"] / weighted["n"], 3) if weighted["n"] else None,
        "right_events_dropped_weighted": round(
            weighted["dropped_right"] / (weighted["dropped_right"] + weighted["kept_right"]), 3
        )
        if weighted["kept_right"]
        else None,
    }
    for field in ("real", *FIELDS):
        right = sum(c[field] for c in kinds.values())
        n = sum(c["n" if field == "real" else f"{field}_n"] for c in kinds.values())
        overall[field] = f"{right}/{n} ({right / n:.1%})" if n else "-"
    real = sum(c["real"] for c in kinds.values())
    wrong_place = sum(c["location_n"] - c["location"] for c in kinds.values())
    if real:
        overall["location_right_or_empty"] = f"{real - wrong_place}/{real} ({(real - wrong_place) / real:.1%})"
    return {"overall": overall, "per_type": table, "dropped": dict(dropped)}


def add_marks(
    labels: dict, marks_file: Path, stores: dict[str, Path], sizes_of: dict[str, dict], batch: str | None = None
) -> int:
    """Add or replace labels from a marks file: one line per event,
    ``KEY REAL TYPE SOURCE TARGET LOCATION DATE BACKGROUND [| note]``, REAL ``y`` or ``n:<why>``, the others
    ``1``, ``0`` or ``-`` (empty slot, or not judged). The extracted values judged are read from the stores; a new
    label is named with ``batch`` (a sample read together, scored alone with ``score --batch``)."""
    events = {corpus: {key(e): e for e in read_events(db)} for corpus, db in stores.items()}
    index = label_index(labels)
    added = 0
    for number, line in enumerate(marks_file.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        body, _, note = line.partition("|")
        parts = body.rsplit(maxsplit=7)  # the key's trigger may hold spaces ("reached agreement")
        if len(parts) != 8:
            raise SystemExit(f"{marks_file}:{number}: expected 8 fields, got {len(parts)}")
        corpus, _, rest = parts[0].partition(":")
        event = events[corpus].get(rest)
        if event is None:
            raise SystemExit(f"{marks_file}:{number}: no such event in the {corpus} store: {parts[0]}")
        real, _, why = parts[1].partition(":")
        values = [None if p == "-" else p == "1" for p in parts[2:]]
        reading = {
            "extracted": extracted(event),
            "marks": {"real": real == "y", "why": why, **dict(zip(FIELDS, values, strict=True))},
            "note": note.strip(),
        }
        old = index.get(parts[0])
        if old is not None and old["extracted"] != reading["extracted"]:
            # Re-read after the code changed what it extracts: kept beside the first reading, so that both the
            # old and the new extraction can be scored.
            rereads = [r for r in old.get("rereads", []) if r["extracted"] != reading["extracted"]]
            old["rereads"] = [*rereads, reading]
        else:
            index[parts[0]] = {"key": parts[0], "split": split_of(event["article"]), **reading}
            if batch:
                index[parts[0]]["batch"] = batch
        added += 1
    labels["labels"] = sorted(index.values(), key=lambda item: item["key"])
    for corpus, sizes in sizes_of.items():
        labels["meta"].setdefault(corpus, {"events_per_type": sizes})
    return added


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.events", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="ingest a corpus with extraction")
    b.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    b.add_argument("--corpus", choices=("press", "bbc", "feed", "rss22"), required=True)
    b.add_argument("--db", type=Path, required=True)
    b.add_argument("--profile", default="ukraine-russia")
    s = sub.add_parser("sample", help="write a stratified sample as a sheet to label")
    s.add_argument("--db", type=Path, required=True)
    s.add_argument("--corpus", required=True)
    s.add_argument("--sheet", type=Path, required=True)
    s.add_argument("--per-type", type=int, default=8)
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--split", choices=("dev", "test"), help="only events of this split's articles (default: both)")
    sc = sub.add_parser("score", help="score the labels against stores")
    sc.add_argument("--db", action="append", required=True, help="CORPUS=PATH, repeatable")
    sc.add_argument("--split", choices=("dev", "test"), help="default: both")
    sc.add_argument("--batch", help="only the labels of this batch (a sample labelled together, named in its labels)")
    a = sub.add_parser("add", help="add marks (see add_marks) to the labels")
    a.add_argument("--db", action="append", required=True, help="CORPUS=PATH the marks were read from")
    a.add_argument("--marks", type=Path, required=True)
    a.add_argument("--batch", help="name the new labels' batch (a sample read together)")
    for p in (s, sc, a):
        p.add_argument("--labels", type=Path, default=LABELS)
    sc.add_argument("--sheet", type=Path, help="write the events that need reading here")
    args = parser.parse_args()
    if args.command == "build":
        build_store(args.corpus, args.datasets, args.db, args.profile)
    elif args.command == "sample":
        events = read_events(args.db)
        known = label_index(load_labels(args.labels))
        pool = [
            e
            for e in events
            if (args.split in (None, split_of(e["article"]))) and f"{args.corpus}:{key(e)}" not in known
        ]
        sample = stratified(pool, args.per_type, args.seed)
        write_sheet(sample, args.corpus, args.sheet, label_index(load_labels(args.labels)))
        counted = Counter(e["type"] for e in events)
        print(json.dumps({"events_per_type": dict(sorted(counted.items()))}))
        print(f"{len(sample)} events → {args.sheet}", file=sys.stderr)
    elif args.command == "add":
        stores = {c: Path(p) for c, p in (item.split("=", 1) for item in args.db)}
        labels = load_labels(args.labels)
        sizes = {c: dict(Counter(e["type"] for e in read_events(db))) for c, db in stores.items()}
        added = add_marks(labels, args.marks, stores, sizes, args.batch)
        args.labels.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{added} labels → {args.labels}", file=sys.stderr)
    else:
        stores = dict(item.split("=", 1) for item in args.db)
        paths = {c: Path(p) for c, p in stores.items()}
        result, unread = score(paths, load_labels(args.labels), args.split, args.batch)
        print(json.dumps(result, indent=2))
        print(f"{len(unread)} sampled events need reading", file=sys.stderr)
        if args.sheet and unread:
            by_corpus: dict[str, list[dict]] = defaultdict(list)
            for corpus, event in unread:
                by_corpus[corpus].append(event)
            for corpus, events in by_corpus.items():
                path = args.sheet.with_name(f"{args.sheet.stem}-{corpus}{args.sheet.suffix}")
                write_sheet(events, corpus, path, label_index(load_labels(args.labels)))


if __name__ == "__main__":
    main()
