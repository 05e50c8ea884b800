"""Many channels due at the same minute: time until the last briefing is posted and confirmed, and peak memory.

    python -m bench.fanout --store /tmp/briefbot-daily/daily-3000x30.db [--channels 10,100,1000]

The store is one ``bench.daily`` built (30 days at 3,000 articles a day by default). For each channel count the
store is copied, a configuration file is written with that many ``file`` channels, all scheduled at 07:00 and
each with its own filter (none; keywords from the store's headlines; an actor among the most mentioned; event
types; an outlet; a window of 24 hours or since the last briefing), and one slot tick runs at 07:00:30 of the
store's last day in a fresh process, exactly as the service runs it (``SlotRunner.tick``: claim, build, send,
confirm, for every channel), after an untimed tick the day before (so each channel has a previous briefing and
the stories it was sent, as channels briefed every morning do). The worker checks that every channel's slot is
``sent`` and its line is in its file, then reports the seconds the tick took and the process's peak memory.
The baseline, in the same run, is one channel's tick alone (the same work, without fan-out).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import ROOT, peak_rss_mb

TYPES = ("attack", "statement", "meeting", "aid", "protest", "accusation")


def _toml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


def write_config(store: Path, folder: Path, count: int) -> Path:
    """A configuration with ``count`` file channels due at 07:00 UTC, filters drawn from the store."""
    import sqlite3

    conn = sqlite3.connect(store)
    words: Counter[str] = Counter()
    for (title,) in conn.execute("SELECT title FROM articles ORDER BY id DESC LIMIT 20000"):
        words.update(w for w in re.findall(r"[a-z]{5,}", title.lower()))
    keywords = [w for w, _ in words.most_common(300)[20:]]
    actors = [
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM actor_stats s JOIN actors a ON a.id = s.actor_id ORDER BY s.mentions DESC LIMIT 200"
        )
    ]
    outlets = [o for (o,) in conn.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL LIMIT 50")]
    conn.close()
    lines = ["[storage]", f"database = {_toml(str(store))}", f"data_dir = {_toml(str(folder))}", ""]
    for n in range(count):
        lines += [
            "[[channels]]",
            f'name = "c{n:04d}"',
            'platform = "file"',
            f"path = {_toml(str(folder / 'out' / f'c{n:04d}.jsonl'))}",
            'schedule = "0 7 * * *"',
        ]
        kind = n % 6
        if kind == 1:
            lines.append(f"keywords = [{_toml(keywords[n % len(keywords)])}]")
        elif kind == 2:
            lines.append(f"actors = [{_toml(actors[n % len(actors)])}]")
        elif kind == 3:
            lines.append(f"event_types = [{_toml(TYPES[n % len(TYPES)])}]")
        elif kind == 4 and outlets:
            lines.append(f"sources = [{_toml(outlets[n % len(outlets)])}]")
        elif kind == 5:
            lines.append('window = "24h"')
        lines.append("")
    path = folder / "fanout.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def worker(config_path: Path, now: datetime) -> dict:
    """One tick at ``now`` for every channel of the configuration; verified; timed."""
    from bot.config import load_config
    from bot.schedule import SlotRunner
    from bot.senders import FileSender, Sender
    from briefings.store import ThreadStores

    config = load_config(config_path, environ={}, env_file=Path("/nonexistent"), need_secrets=False)
    stores = ThreadStores(config.database)
    sender = FileSender()
    senders: dict[str, Sender] = {"file": sender}
    runner = SlotRunner(config, stores, senders)
    # The day before, untimed: every channel then has a previous briefing and the stories it was sent, as channels
    # briefed every morning do (what is new for each depends on what it had).
    runner.tick(now - timedelta(days=1))
    began = time.perf_counter()
    results = runner.tick(now)
    seconds = time.perf_counter() - began
    sent = [r for r in results if r.status == "sent"]
    updates = 0
    posted = sum(1 for c in config.channels if sender.find(c, sent[0].slot_key if sent else "") is not None)
    items = 0
    for channel in config.channels:
        path = Path(channel.path)
        if path.is_file():
            last = json.loads(path.read_text().splitlines()[-1])["briefing"]
            items += len(last["items"])
            updates += sum(1 for item in last["items"] if item.get("update"))
    return {
        "channels": len(config.channels),
        "sent": len(sent),
        "posted_and_found": posted,
        "failed": [r.error for r in results if r.status != "sent"][:3],
        "items": items,
        "updates": updates,
        "seconds": round(seconds, 2),
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store built by bench.daily")
    parser.add_argument("--channels", default="10,100,1000")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, datetime.fromisoformat(args.now))))
        return
    import sqlite3

    conn = sqlite3.connect(args.store)
    last = conn.execute("SELECT max(published_at) FROM articles").fetchone()[0]
    conn.close()
    day = datetime.fromisoformat(last.replace("Z", "+00:00")).date()
    now = datetime(day.year, day.month, day.day, 7, 0, 30, tzinfo=UTC)
    report = []
    for count in [1, *(int(c) for c in args.channels.split(","))]:
        with tempfile.TemporaryDirectory(prefix="briefbot-fanout-") as tmp:
            folder = Path(tmp)
            copy = folder / "store.db"
            shutil.copy2(args.store, copy)
            config = write_config(copy, folder, count)
            command = [sys.executable, "-m", "bench.fanout", "--store", str(copy), "--worker", str(config),
                       "--now", now.isoformat()]  # fmt: skip
            done = subprocess.run(command, cwd=ROOT, check=False, capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"{count} channels: the worker failed:\n{done.stderr.strip()}")
            out = done.stdout
            result = json.loads(out.strip().splitlines()[-1])
        report.append(result)
        print(json.dumps(result), file=sys.stderr, flush=True)
    print(json.dumps({"now": now.isoformat(), "runs": report}, indent=2))


if __name__ == "__main__":
    main()
