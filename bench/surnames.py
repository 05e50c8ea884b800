"""Name lookups against the actors table's size: index ranges vs the LIKE scans they replaced, same run.

    python -m bench.surnames [--actors 34000 340000] [--lookups 300]

Builds a store per size with that many person actors (keys made of real-looking given names and surnames, all
distinct), then times ``Actors.people_ending_with`` (the reversed-key index range) and, in the same run, the
``key LIKE '%surname'`` scan it replaced, on surnames that are and are not in the table (each lookup distinct);
and a one-word query's surname lookup (people and aliases) beside the full scans of the in-memory index it
replaced, which every query paid after an ingest had added a person; and autocomplete (``Actors.names_starting``,
the lower(name) index range) on prefixes of 1-4 letters as typed, beside the ``name LIKE 'x%'`` scan it replaced
(actors get Zipf-like mention counts, which order the choices).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from briefings.store import open_store

SYLLABLES = ["ko", "va", "len", "ro", "mir", "shen", "da", "to", "lyk", "ne", "ski", "chuk", "par", "bo", "zin"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def run(size: int, lookups: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "s.db")
        keys = set()
        while len(keys) < size:
            keys.add(f"{_word(rng)} {_word(rng)}")
        with store.conn:
            ids = [store.actors.add(key.title(), "person", key) for key in keys]
            store.conn.executemany(
                "INSERT INTO actor_stats (actor_id, mentions, articles) VALUES (?, ?, ?)",
                [(i, m, m) for i in ids if (m := int(1000 / (1 + rng.random() * 999) ** 1.2)) > 0],
            )
        surnames = [k.split()[-1] for k in rng.sample(sorted(keys), lookups // 2)]
        surnames += [_word(rng) + "x" for _ in range(lookups - len(surnames))]  # absent
        ours, scan = [], []
        for surname in surnames:
            started = time.perf_counter()
            found = store.actors.people_ending_with(surname)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            old = store.conn.execute(
                "SELECT id, name FROM actors WHERE kind = 'person' AND key LIKE ?", ("%" + surname,)
            ).fetchall()
            scan.append(time.perf_counter() - started)
            assert sorted(found) == sorted(old), surname
        # A one-word query ("Umerov"), cold: the in-memory index it replaced was rebuilt from two full scans after
        # any ingest that added a person or alias; now two index ranges.
        started = time.perf_counter()
        people = store.conn.execute("SELECT id, key FROM actors WHERE kind = 'person'").fetchall()
        aliases = store.conn.execute(
            "SELECT actor_id, key, max(kind != 'claimed') FROM aliases WHERE key LIKE '% %' GROUP BY actor_id, key"
        ).fetchall()
        rebuild = time.perf_counter() - started
        one_word = []
        for surname in surnames[:100]:
            started = time.perf_counter()
            store.actors.people_with_surname(surname)
            store.actors.aliases_with_surname(surname)
            one_word.append(time.perf_counter() - started)
        completions: dict[int, list[float]] = {}
        completion_scans: dict[int, list[float]] = {}
        for n, key in enumerate(rng.sample(sorted(keys), lookups)):
            length = 1 + n % 4
            prefix = key.title()[:length]
            started = time.perf_counter()
            found = store.actors.names_starting(prefix, 25)
            completions.setdefault(length, []).append(time.perf_counter() - started)
            started = time.perf_counter()
            old = store.conn.execute(
                "SELECT a.name FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id"
                " WHERE a.name LIKE ? ORDER BY coalesce(s.mentions, 0) DESC, a.name LIMIT 25",
                (prefix + "%",),
            ).fetchall()
            completion_scans.setdefault(length, []).append(time.perf_counter() - started)
            assert found == [r[0] for r in old], prefix
        store.close()
        del people, aliases

    def ms(values: list[float], q: float) -> float:
        return round(sorted(values)[int(q * (len(values) - 1))] * 1000, 3)

    return {
        "actors": size,
        "lookups": len(surnames),
        "index_p50_ms": ms(ours, 0.5),
        "index_p99_ms": ms(ours, 0.99),
        "like_scan_p50_ms": ms(scan, 0.5),
        "like_scan_p99_ms": ms(scan, 0.99),
        "speedup_p50": round(statistics.median(scan) / statistics.median(ours), 1),
        "one_word_lookup_p50_ms": ms(one_word, 0.5),
        "old_cold_index_rebuild_ms": round(rebuild * 1000, 1),
        # By prefix length: the synthetic names are made of 15 syllables, so a one- or two-letter prefix holds a
        # fifteenth of the table (real names spread wider); both queries then read the whole range.
        "autocomplete_p50_ms_by_letters": {n: ms(v, 0.5) for n, v in sorted(completions.items())},
        "autocomplete_like_scan_p50_ms_by_letters": {n: ms(v, 0.5) for n, v in sorted(completion_scans.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.surnames", description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[34_000, 340_000])
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps([run(n, args.lookups) for n in args.actors], indent=2))


if __name__ == "__main__":
    main()
