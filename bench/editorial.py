"""Editorial check: briefings of fixed windows from three corpora, read and marked by hand, defects per item.

    # 1. build the stores (once per code version to compare)
    python -m bench.editorial stores --press ../shared/datasets/zelenskyy-putin-press-releases \\
        --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl \\
        --feed ../shared/datasets/rss-news-2023-ukraine/rss_news_2023_ukraine.jsonl --out /tmp/editorial
    # 2. brief every window (dry runs, 5 items, 2 sentences, as `brief` does by default)
    python -m bench.editorial brief --stores /tmp/editorial --out /tmp/editorial/after.json [--split test] [--batch B]
    # 3. print them to read, write the marks, then score
    python -m bench.editorial show /tmp/editorial/after.json
    python -m bench.editorial score /tmp/editorial/after.json bench/data/editorial_marks_after.json

The windows are in ``bench/data/editorial_windows.json``: dev, six of the press releases with the seed article and
five of the 2022 feed items, none of them days used to label or tune story grouping, and later batches (the 2023
feed items, corpus ``feed``, once the other pools of unused days were spent); test, three more of each of the first
two corpora and three of the 2023 feed drawn at random later, marked before a change and for the final code, never
read to choose a rule (``--split test``).
Each item is marked by reading it for the defects below (the labelling guide); an item can have several.
``score`` refuses marks written for other briefings (each mark names its item by window and a hash of its
headline: the repository holds no dataset text, so the briefings are rebuilt with ``stores`` and ``brief`` to be
read).

Defects (one code each):
- ``mixed``: the item's sentences report two or more developments that are not one story.
- ``headline``: the headline does not announce what the sentences report (another article's or another event's).
- ``unattributed``: a claim, opinion or quotation whose speaker the reader cannot tell from the item.
- ``empty``: a sentence that carries no news on its own: a lead-in, a greeting, an attribution-only sentence.
- ``furniture``: page furniture, speaker labels, captions, navigation quoted as a sentence.
- ``broken_quote``: a quotation that opens and does not close (or closes and never opened).
- ``stale``: the item reports background or history as if it were the window's news.
- ``duplicate``: the same development as another item of the same briefing.
- ``junk_actor``: an actor shown that is not a well-formed name of a person, organisation, country or place.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import ROOT

WINDOWS = ROOT / "bench" / "data" / "editorial_windows.json"
DEFECTS = (
    "mixed", "headline", "unattributed", "empty", "furniture", "broken_quote", "stale", "duplicate", "junk_actor",
)  # fmt: skip


def _windows(split: str | None = None, batch: str | None = None) -> list[dict]:
    windows = json.loads(WINDOWS.read_text(encoding="utf-8"))["windows"]
    return [
        w for w in windows
        if (split is None or w["split"] == split) and (batch is None or w.get("batch") == batch)
    ]  # fmt: skip


PRESS_OUTLETS = {"putin.csv": "Kremlin", "zelenskyy.csv": "President of Ukraine"}


def stores(press: Path, rss: Path, out: Path, feed: Path | None = None) -> None:
    """The stores, with extraction: the seeds and the press releases; the 2022 feed items of the rss windows' days;
    with ``feed``, the 2023 feed items of the feed windows' days."""
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    options = ExtractOptions(profile="ukraine-russia")
    with open_store(out / "press.db") as store:
        ingestor = Ingestor(store, extract=options)
        ingestor.ingest([str(ROOT / "seeds")])
        for name, outlet in PRESS_OUTLETS.items():  # the files name no outlet: shown as the seeds name them
            ingestor.ingest([str(press / name)], outlet=outlet)
    _feed_store(rss, "rss", out)
    if feed is not None:
        _feed_store(feed, "feed", out)


def _feed_store(path: Path, corpus: str, out: Path) -> None:
    """A store of the feed items of the days of ``corpus``'s windows (and the day before each)."""
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store

    days = {
        (datetime.fromisoformat(w["since"]) + timedelta(days=d)).date().isoformat()
        for w in _windows()
        if w["corpus"] == corpus
        for d in range(-1, (datetime.fromisoformat(w["until"]) - datetime.fromisoformat(w["since"])).days + 1)
    }
    items = out / f"{corpus}.jsonl"
    with path.open(encoding="utf-8") as src, items.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if row["date_published"][:10] in days:  # both spellings of the 2023 items start with the day
                record = {"title": row["title"], "body": row.get("description") or "", "url": row["link"],
                          "published": row["date_published"], "source": row["outlet"]}  # fmt: skip
                dst.write(json.dumps(record) + "\n")
    with open_store(out / f"{corpus}.db") as store:
        Ingestor(store, extract=ExtractOptions(profile="ukraine-russia")).ingest([str(items)])


def brief(folder: Path, out: Path, split: str = "dev", batch: str | None = None) -> None:
    from briefings.briefing.build import build_briefing
    from briefings.briefing.spec import BriefingSpec
    from briefings.store import open_store

    result = []
    for window in _windows(split, batch):
        since = datetime.fromisoformat(window["since"]).replace(tzinfo=UTC)
        until = datetime.fromisoformat(window["until"]).replace(tzinfo=UTC)
        with open_store(folder / f"{window['corpus']}.db") as store:
            briefing = build_briefing(store, BriefingSpec(until=until, since=since), now=until, dry_run=True)
        items = [
            {
                "headline": item.headline,
                "headline_article": item.headline_citation.article_id,
                "articles": len(item.articles),
                "sentences": [
                    {
                        "text": s.text,
                        "article": s.citation.article_id,
                        "title": s.citation.title,
                        "outlet": s.citation.source,
                        "speaker": getattr(s, "speaker", None),
                    }
                    for s in item.sentences
                ],
                "actors": list(item.actors),
            }
            for item in briefing.items
        ]
        result.append({"window": window["name"], "items": items})
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


def show(path: Path) -> None:
    for window in json.loads(path.read_text(encoding="utf-8")):
        print(f"=== {window['window']}")
        for n, item in enumerate(window["items"]):
            print(f"[{n}] {item['headline']}  (#{item['headline_article']}, {item['articles']} articles)")
            for s in item["sentences"]:
                said = f"{s['speaker']}: " if s.get("speaker") else ""
                print(f"     - {said}{s['text']}  <#{s['article']} {s['outlet']}: {s['title'][:70]}>")
            print(f"     actors: {', '.join(item['actors'])}")


def headline_key(headline: str) -> str:
    """How marks name an item: the start of the SHA-1 of its headline (no dataset text in the repository)."""
    return hashlib.sha1(headline.encode()).hexdigest()[:16]


def score(path: Path, marks_path: Path) -> dict:
    briefings = {w["window"]: w["items"] for w in json.loads(path.read_text(encoding="utf-8"))}
    marks = json.loads(marks_path.read_text(encoding="utf-8"))["marks"]
    counts = dict.fromkeys(DEFECTS, 0)
    items = defective = 0
    for window, items_marks in marks.items():
        shown = briefings.get(window)
        if shown is None or len(shown) != len(items_marks):
            raise SystemExit(f"{marks_path}: marks for {window} do not match the briefing in {path}")
        for item, mark in zip(shown, items_marks, strict=True):
            if mark["headline_sha1"] != headline_key(item["headline"]):
                raise SystemExit(f"{marks_path}: {window}: the marks are for another item than {item['headline']!r}")
            unknown = set(mark["defects"]) - set(DEFECTS)
            if unknown:
                raise SystemExit(f"{marks_path}: {window}: unknown defects {sorted(unknown)}")
            items += 1
            defective += bool(mark["defects"])
            for defect in mark["defects"]:
                counts[defect] += 1
    total = sum(counts.values())
    return {
        "windows": len(marks),
        "items": items,
        "items_with_a_defect": defective,
        "defects": total,
        "defects_per_item": round(total / max(1, items), 3),
        "share_of_items_with_a_defect": round(defective / max(1, items), 3),
        "by_defect": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("stores")
    s.add_argument("--press", type=Path, required=True)
    s.add_argument("--rss", type=Path, required=True)
    s.add_argument("--feed", type=Path, help="rss_news_2023_ukraine.jsonl: the store of the 2023 feed windows")
    s.add_argument("--out", type=Path, required=True)
    b = sub.add_parser("brief")
    b.add_argument("--stores", type=Path, required=True)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--split", choices=("dev", "test"), default="dev")
    b.add_argument("--batch", help="only the windows of one labelled batch (the windows file's `batch` field)")
    v = sub.add_parser("show")
    v.add_argument("briefings", type=Path)
    c = sub.add_parser("score")
    c.add_argument("briefings", type=Path)
    c.add_argument("marks", type=Path)
    args = parser.parse_args()
    if args.command == "stores":
        stores(args.press, args.rss, args.out, args.feed)
    elif args.command == "brief":
        brief(args.stores, args.out, args.split, args.batch)
    elif args.command == "show":
        show(args.briefings)
    else:
        print(json.dumps(score(args.briefings, args.marks), indent=2))
        sys.exit(0)


if __name__ == "__main__":
    main()
