"""Daily briefings at a chosen volume: consecutive 24-hour briefings of one channel, and a 7-day one.

    python -m bench.daily --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl \\
        [--per-day 3000] [--days 10] [--briefings 7] [--extract]

Real feed items (the newest ``per-day × days`` of the file, distinct) are spread evenly over ``--days`` consecutive
days, so each day holds ``--per-day`` articles of real text; they are ingested into a fresh store (without
extraction unless ``--extract``), as the service would ingest them. Then, in order, channel ``daily`` is briefed
once a day for the last ``--briefings`` days (each briefing recorded, so every one after the first has a real
previous briefing and stories it already sent), and one 7-day briefing is built. The baseline, in the same run,
is the bare query reading each window's articles. Prints JSON: per briefing the seconds and articles in its window;
median, p95 and max; the 7-day time; the ingest time per article.

Limits: compressing the items' dates puts several real days into one, so stories are a little denser than a
real day's; the texts, outlets and wording are real.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import peak_rss_mb


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def records(path: Path, count: int, days: int, start: datetime) -> list[dict]:
    rows, seen = [], set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["link"] in seen:
                continue
            seen.add(row["link"])
            rows.append(row)
    rows = rows[-count:]
    step = days * 86400 / len(rows)
    return [
        {
            "title": r["title"],
            "body": r.get("description") or "",
            "published": (start + timedelta(seconds=i * step)).isoformat(),
            "source": r["outlet"],
            "url": r["link"],
        }
        for i, r in enumerate(rows)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rss", type=Path, required=True)
    parser.add_argument("--per-day", type=int, default=3000)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--briefings", type=int, default=7)
    parser.add_argument("--extract", action="store_true")
    args = parser.parse_args()

    from briefings.briefing.build import build_briefing
    from briefings.briefing.spec import BriefingSpec
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor
    from briefings.store import open_store
    from briefings.text.dates import iso

    start = datetime(2025, 1, 1, tzinfo=UTC)  # in the past: future dates are clamped to the fetch time
    items = records(args.rss, args.per_day * args.days, args.days, start)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in items), encoding="utf-8")
        store = open_store(Path(tmp) / "daily.db")
        began = time.perf_counter()
        Ingestor(store, extract=ExtractOptions(enabled=args.extract)).ingest([str(path)])
        ingest_s = time.perf_counter() - began
        end = start + timedelta(days=args.days)
        runs, bare = [], []
        for day in range(args.briefings, 0, -1):
            until = end - timedelta(days=day - 1)
            began = time.perf_counter()
            briefing = build_briefing(store, BriefingSpec(until=until, channel="daily"), now=until)
            runs.append({"until": iso(until), "seconds": round(time.perf_counter() - began, 3),
                         "articles": briefing.candidates, "items": len(briefing.items)})  # fmt: skip
            began = time.perf_counter()
            store.conn.execute(
                "SELECT id, title, substr(body, 1, 600) FROM articles WHERE published_at >= ? AND published_at < ?",
                (iso(until - timedelta(days=1)), iso(until)),
            ).fetchall()
            bare.append(time.perf_counter() - began)
        began = time.perf_counter()
        week = build_briefing(store, BriefingSpec(until=end, window=timedelta(days=7)), now=end, dry_run=True)
        week_s = time.perf_counter() - began
        store.close()
    seconds = [r["seconds"] for r in runs]
    report = {
        "per_day": args.per_day,
        "extract": args.extract,
        "ingest_ms_per_article": round(1000 * ingest_s / len(items), 2),
        "daily": {"median_s": round(statistics.median(seconds), 3), "p95_s": p95(seconds), "max_s": max(seconds)},
        "bare_window_query_median_s": round(statistics.median(bare), 4),
        "week": {"seconds": round(week_s, 3), "articles": week.candidates, "items": len(week.items)},
        "runs": runs,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(report, indent=2))
    print(f"daily p95 {report['daily']['p95_s']} s, week {report['week']['seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
