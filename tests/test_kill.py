"""A process killed mid-ingest leaves a consistent database, and a re-run completes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from briefings.store import open_store
from tests.conftest import PRESS_RELEASES, ROOT


def make_corpus(folder: Path, files: int, per_file: int) -> int:
    texts = [json.loads(line) for line in PRESS_RELEASES.read_text().splitlines()]
    folder.mkdir()
    n = 0
    for f in range(files):
        with open(folder / f"batch_{f:03d}.jsonl", "w") as out:
            for i in range(per_file):
                base = texts[n % len(texts)]
                other = texts[(n * 7 + 3) % len(texts)]
                record = {
                    "title": f"{base['title']} ({n})",
                    "text": f"{base['text']} {other['text'][:400]} Report {n}.",
                    "url": f"https://kill.example/{f}/{i}",
                    "date": base["date"],
                    "source": base["source"],
                }
                out.write(json.dumps(record) + "\n")
                n += 1
    return n


def count(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    total = make_corpus(corpus, files=40, per_file=60)
    db = tmp_path / "kill.db"
    env = {**os.environ, "BRIEFBOT_DB": str(db)}
    command = [sys.executable, "-m", "bot", "ingest", "-q", "--no-extract", str(corpus)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while count(db) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    workers = children(proc.pid)
    assert workers, "the ingest had no worker process to check"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Its worker processes notice and exit instead of waiting for work forever.
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), workers
    partial = count(db)
    assert 0 < partial < total

    with open_store(db) as store:
        assert store.integrity_problems() == []
        interrupted = store.conn.execute("SELECT count(*) FROM ingest_runs WHERE finished IS NULL").fetchone()[0]
        assert interrupted == 1

    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(db) as store:
        assert store.integrity_problems() == []
        rows, urls = store.conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        assert rows == urls == total
