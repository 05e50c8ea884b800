"""Build seeds/press_releases.jsonl from the Zelenskyy/Putin press releases (CC BY 4.0, see seeds/README.md).

Usage: python scripts/make_seeds.py ../shared/datasets/zelenskyy-putin-press-releases [--per-source 120]

Picks an even spread over the months of each source with a fixed random seed, so the file is reproducible.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

OUTLETS = {"zelenskyy.csv": "President of Ukraine", "putin.csv": "Kremlin"}
"""The outlet each file is shown as: the name a reader knows it by, not the site's host."""


def pick(rows: list[dict], per_source: int, rng: random.Random) -> list[dict]:
    by_month: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_month[row["date"][:7]].append(row)
    months = sorted(by_month)
    chosen: list[dict] = []
    share, extra = divmod(per_source, len(months))
    for index, month in enumerate(months):
        pool = by_month[month]
        want = min(len(pool), share + (1 if index < extra else 0))
        chosen.extend(rng.sample(pool, want))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--per-source", type=int, default=120)
    parser.add_argument("--out", type=Path, default=Path("seeds/press_releases.jsonl"))
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    rng = random.Random(2022)
    records = []
    for name, outlet in OUTLETS.items():
        with open(args.dataset / name, newline="", encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["body"].strip()]
        for row in pick(rows, args.per_source, rng):
            records.append(
                {
                    "title": row["headline"].strip(),
                    "date": row["date"].strip(),
                    "url": row["link"].strip(),
                    "source": outlet,
                    "text": row["body"].strip(),
                }
            )
    records.sort(key=lambda r: (r["date"], r["url"]))
    with open(args.out, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {args.out}")


if __name__ == "__main__":
    main()
