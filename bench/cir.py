"""Places, types and dates of events against the CIR / Bellingcat incident notes of 2022.

    python -m bench.cir --datasets ../shared/datasets [--profile ukraine-russia] [--limit N]

Each note (``brief description``, dated, geolocated to country, province and town by CIR) is read as a tiny
article published on its date. Reported, as shares of the notes:

- **town recall**: among notes whose text names their town, the town is an extracted place (a mention), and the
  location of an extracted event;
- **province recall**: among notes whose text names their town or their province, one extracted place lies in the
  note's province (the hierarchy of ``briefings/extract/hierarchy.py``). CIR spells provinces many ways
  ("Kharkiv Oblast", "Kharkivs'ka oblast", "Belgorod"); a note whose province the profile does not know is left
  out and counted;
- **type agreement**: among notes with an event and a mapped group, an event of the group's type (``GROUP_TYPES``,
  fixed before any run: CIR groups are incident categories, Briefbot's types actions);
- **date**: events dated to the note's day (the notes rarely carry a date of their own).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

GROUP_TYPES = {
    "Civilian Infrastructure Damage": "attack",
    "Bombing or Explosion": "attack",
    "Military Infrastructure Damage": "attack",
    "Ground Battle": "attack",
    "Munitions": "attack",
    "Russian Military Losses": "attack",
    "Ukrainian Military Losses": "attack",
    "Civilian Casualty": "casualties",
    "Mass grave or Burial": "casualties",
    "Russian Military Presence": "military posture",
    "Russian Firing Positions": "military posture",
    "Russian Allies Presence/Losses": "military posture",
    "Detentions or Arrests": "legal action",
}
"""CIR event group (without its month) → the Briefbot type a note of it reports; "Other" is not mapped."""


MISSES: list[str] | None = None
PROVINCE_MISSES: list[str] | None = None
"""Set to a list to collect the notes whose town was not found (for reading dev notes)."""


def group_type(group: str) -> str | None:
    for prefix, kind in GROUP_TYPES.items():
        if group.startswith(prefix):
            return kind
    return None


def _named(name: str, text: str) -> bool:
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def split_of(entry: str) -> str:
    """Half the notes are dev (read while building), half test (reported): fixed by the CIR id's hash."""
    return "dev" if int(hashlib.sha1(entry.encode()).hexdigest(), 16) % 2 == 0 else "test"


def read_notes(datasets: Path, limit: int | None = None, split: str | None = None) -> list[dict]:
    """The dated notes of 2022 (CIR's few mis-parsed later dates left out), of one split or both."""
    with (datasets / "cir-ukraine-events-2022" / "events.csv").open(encoding="utf-8", newline="") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["brief description"].strip()
            and re.fullmatch(r"2022-\d\d-\d\d", r["date"])
            and (split is None or split_of(r["entry"]) == split)
        ]
    return rows[:limit] if limit else rows


def run(notes: list[dict], profile: str) -> dict:
    from briefings.extract.actors import extract_actors
    from briefings.extract.events import extract_events, lexicon
    from briefings.extract.gazetteer import gazetteer
    from briefings.extract.hierarchy import hierarchy
    from briefings.extract.model import load_model
    from briefings.extract.names import fold

    nlp = load_model(profile=profile)
    g = gazetteer(profile)
    h = hierarchy(profile)
    lex = lexicon(profile)
    c: Counter = Counter()
    texts = [r["brief description"].strip() for r in notes]
    started = time.perf_counter()
    for note, doc in zip(notes, nlp.pipe(texts, batch_size=256), strict=True):
        day = date.fromisoformat(note["date"])
        actors = extract_actors(doc, g)
        events = extract_events(doc, actors, day, lex)
        places = [a for a in actors.actors if a.kind == "place"]
        keys = {fold(a.name) for a in places} | {fold(alias) for a in places for alias in a.aliases}
        located = {fold(actors.actors[e.location].name) for e in events if e.location is not None}
        town, text = note["town/city"].strip(), doc.text
        if town and _named(town, text):
            c["town_named"] += 1
            if MISSES is not None and fold(town) not in keys:
                MISSES.append(f"{town} | {text} | {[a.name for a in places]}")
            c["town_mention"] += fold(town) in keys
            c["town_event"] += fold(town) in located
        gold = gold_province(h, note["province"])
        if note["province"].strip() and gold is None:
            c["province_unknown"] += 1
        if gold is not None and (_named(town, text) or any(_named(s, text) for s in _province_names(h, gold))):
            c["province_named"] += 1
            near = [h.province(a.name) for a in places]
            found = {h.province_of(a.name, near) for a in places}
            c["province_hit"] += gold in found
            if PROVINCE_MISSES is not None and gold not in found:
                guesses = [(a.name, h.province_of(a.name, near)) for a in places]
                PROVINCE_MISSES.append(f"{gold.name} | {town} | {text} | {guesses}")
        kind = group_type(note["event_group"])
        if events:
            c["with_event"] += 1
            c["dated_to_note"] += all(e.date.date == note["date"] or e.background for e in events)
            if kind is not None:
                c["typed"] += 1
                c["type_agrees"] += any(e.type == kind for e in events)
    seconds = time.perf_counter() - started

    def share(part: str, whole: str) -> str:
        return f"{c[part]}/{c[whole]} ({c[part] / c[whole]:.1%})" if c[whole] else "-"

    return {
        "notes": len(notes),
        "town recall (mention)": share("town_mention", "town_named"),
        "town recall (event location)": share("town_event", "town_named"),
        "province recall": share("province_hit", "province_named"),
        "notes whose province the profile does not know": c["province_unknown"],
        "notes with an event": f"{c['with_event']}/{len(notes)}",
        "type agreement": share("type_agrees", "typed"),
        "events dated to the note": share("dated_to_note", "with_event"),
        "seconds": round(seconds, 1),
    }


def gold_province(h, text: str):
    """CIR's province field, spelt many ways: a division's name or alias, or the name of its centre ("Belgorod")."""
    clean = text.replace("'", "").replace("\u2019", "").strip()
    if not clean:
        return None
    found = h.province(clean)
    if found is None:
        words = [w for w in clean.split() if w.lower() not in ("oblast", "region", "province", "krai")]
        found = h.province_of(" ".join(words)) if words else None
    return found


def _province_names(h, province) -> list[str]:
    return [key for key, p in h.provinces.items() if p == province]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cir", description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "datasets")
    parser.add_argument("--profile", default="ukraine-russia")
    parser.add_argument("--limit", type=int, help="only the first N notes")
    parser.add_argument("--split", choices=("dev", "test"), help="default: all notes")
    args = parser.parse_args()
    print(json.dumps(run(read_notes(args.datasets, args.limit, args.split), args.profile), indent=2))
    print("town/province recall count notes whose text names the place; see the module's docstring", file=sys.stderr)


if __name__ == "__main__":
    main()
