"""What the benchmarks share: each measurement in a fresh subprocess, its peak memory, medians of repeats."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    """Peak resident memory of this process plus the largest of its worker processes, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + workers) / 1024, 1)


def quantile(values: list[float], q: float) -> float:
    """The value at rank ``round(q * (n - 1))`` of the sorted values (nearest rank: a real sample, never an
    interpolation; with 200 samples the p99 is the third-largest)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_worker(module: str, kind: str, corpus: Path, db: Path, *extra: str) -> dict:
    """Run ``python -m MODULE --worker KIND`` in a fresh process; it prints one JSON line of measurements."""
    command = [sys.executable, "-m", module, "--worker", kind, "--corpus", str(corpus), "--db", str(db), *extra]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def summarise(results: list[dict]) -> dict:
    """The median time of the repeats, the rate it gives, the highest memory, and the first run's other fields."""
    seconds = statistics.median(r["seconds"] for r in results)
    summary = {k: v for k, v in results[0].items() if k not in ("seconds", "peak_rss_mb")}
    summary["seconds"] = round(seconds, 3)
    summary["articles_per_s"] = round(results[0]["articles"] / seconds, 2)
    summary["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results)
    return summary
