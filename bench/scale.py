"""A news-like store of any size: real feed items recombined, names and numbers varied, written as the service writes.

    python -m bench.scale --rss ../shared/datasets/rss-news-2022/rss_news_2022.jsonl --out /tmp/scale.db \\
        [--schedule 300x30,3000x30,10000x94] [--start 2023-01-02] [--units 0]

How a store is made:

1. **Units.** Every distinct real item of the 2022 feed file (about 54,900, fifteen outlets) is cleaned as ingest
   cleans it and extracted once with the production extractor (spaCy, the general profile). The result is cached
   beside the output (``scale-units.pickle``) and reused.
2. **Days.** ``--schedule`` lists volumes and how many consecutive days each lasts (``300x30,3000x30,10000x94`` is
   30 days of 300 articles, then 30 of 3,000, then 94 of 10,000: 1,039,000 articles). Generated day *n* draws on the
   real items of a week of 2022 that moves one day per generated day (cycling through the year), so what is
   in the news changes from day to day as it really did, and a day's stories continue into the next.
3. **Articles.** An article takes a real item of its week as its lead (title and first paragraph) and one or two
   more items as further paragraphs: preferably items of the same week that name one of the lead's actors (another
   outlet's wording of the same story), otherwise any item of the week (a round-up). Each person named with a full
   name keeps it with probability 1/2 and otherwise gets another surname, drawn with Zipf-like weights from the
   surnames of all the units' people (so the people, alias and mention tables grow with volume, as they do when
   more outlets are read, and common surnames recur). Every number changes its value but keeps its digit count
   (years, 1900–2099, are kept). Texts are distinct: a content hash seen before is drawn again.
4. **Writing.** Articles are written in time order, in transactions of 200, through the production path:
   ``Store.articles.save`` (exact and near-duplicate detection, full-text index, fingerprints), ``save_extraction``
   (actor resolution, aliases, mentions, events) and ``assign_articles`` (stories). Only spaCy does not run: each
   article's extraction is its units' extraction, renamed and moved to the article's offsets and date. The build
   prints, per generated day, the milliseconds per article this path took, which is the ingest cost (without
   spaCy) as the store grows.

Limits: the paragraphs of an article are separate real items, so they repeat a little (a lead and the same
story's other wording); sentence numbers of mentions are counted with a punctuation rule, not the parser;
numbers in events' ``numbers`` keep their real values; the vocabulary is that of 2022 (about 55k items), so
searches find more matches per word than a year of real news would, which makes the benchmark harder, not easier.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import pickle
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from briefings.extract.names import person_key
from briefings.extract.records import ActorRef, EventDate, EventRef, Extraction, Mention
from briefings.extract.resolve import save_extraction
from briefings.ingest.normalise import normalise
from briefings.models import Article, RawArticle
from briefings.store import Store, open_store
from briefings.stories.online import assign_articles
from briefings.text.dates import iso

CHUNK = 200
"""Articles per write transaction, as ingest writes them."""
WEEK = 7
"""Generated day n draws on real items from this many consecutive days of 2022."""
NUMBER = re.compile(r"(?<![\w.,-])\d+(?![\w-])")
YEAR = re.compile(r"(19|20)\d\d")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass
class Unit:
    """One real item, cleaned and extracted."""

    title: str
    body: str
    outlet: str | None
    published: datetime
    extraction: Extraction
    sentences: int


def parse_schedule(text: str) -> list[tuple[int, int]]:
    """``300x30,3000x30`` → [(300, 30), (3000, 30)]: articles a day and for how many days."""
    out = []
    for part in text.split(","):
        volume, _, days = part.strip().partition("x")
        if not volume.isdigit() or not days.isdigit() or int(volume) < 1 or int(days) < 1:
            raise ValueError(f"schedule part {part!r}: expected ARTICLESxDAYS, e.g. 3000x30")
        out.append((int(volume), int(days)))
    return out


def load_units(rss: Path, cache: Path, limit: int = 0) -> list[Unit]:
    """The real items, cleaned and extracted (cached in ``cache``)."""
    if cache.exists():
        with cache.open("rb") as handle:
            units: list[Unit] = _Unpickler(handle).load()
        return units[:limit] if limit else units
    from briefings.extract.run import extract_texts  # spaCy only when the cache is missing

    raws, seen = [], set()
    with rss.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            row = json.loads(line)
            if row["link"] in seen:
                continue
            seen.add(row["link"])
            raw = RawArticle(
                title=row["title"],
                body=row.get("description") or "",
                where=f"{rss}:{n}",
                url=row["link"],
                source=row.get("outlet"),
                published=row["date_published"],
                markup=True,
            )
            try:
                raws.append(normalise(raw, datetime.now(UTC)))
            except Exception as exc:
                print(f"{raw.where}: left out ({exc})", file=sys.stderr)
            if limit and len(raws) >= limit:
                break
    started = time.perf_counter()
    pairs = [(a.body, date.fromisoformat(a.published_at[:10])) for a in raws]
    units = []
    for article, extraction in zip(raws, extract_texts(pairs), strict=True):
        units.append(
            Unit(
                article.title,
                article.body,
                article.source,
                datetime.fromisoformat(article.published_at.replace("Z", "+00:00")),
                extraction,
                1 + len(SENTENCE_END.findall(article.body)),
            )
        )
        if len(units) % 5000 == 0:
            print(f"extracted {len(units)} units ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    with cache.open("wb") as handle:
        pickle.dump(units, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return units


class _Unpickler(pickle.Unpickler):
    """Reads a cache written when this module ran as ``__main__``."""

    def find_class(self, module: str, name: str) -> type:
        if module == "__main__" and name == "Unit":
            return Unit
        return super().find_class(module, name)


class Edit:
    """Replacements in a text, and where old offsets land in the new text."""

    def __init__(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        spans = sorted(spans)
        kept: list[tuple[int, int, str]] = []
        for span in spans:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        pieces, last, self._starts, self._shift = [], 0, [], []
        shift = 0
        for start, end, new in kept:
            pieces += [text[last:start], new]
            last = end
            shift += len(new) - (end - start)
            self._starts.append(end)
            self._shift.append(shift)
        pieces.append(text[last:])
        self.text = "".join(pieces)

    def at(self, offset: int) -> int:
        """The new offset of an old one that is not inside a replaced span (its ends are fine)."""
        i = bisect.bisect_right(self._starts, offset)
        return offset + (self._shift[i - 1] if i else 0)


class Generator:
    """Draws articles from the units (see the module's description)."""

    def __init__(self, units: list[Unit], seed: int = 20221) -> None:
        self.units = units
        self.rng = random.Random(seed)
        self.by_day: dict[date, list[int]] = defaultdict(list)
        self.by_actor: dict[tuple[date, str], list[int]] = defaultdict(list)
        for i, unit in enumerate(units):
            day = unit.published.date()
            self.by_day[day].append(i)
            for ref in unit.extraction.actors:
                self.by_actor[(day, ref.key)].append(i)
        self.days = sorted(self.by_day)
        counts: dict[str, int] = defaultdict(int)
        for unit in units:
            for ref in unit.extraction.actors:
                words = ref.name.split()
                if ref.kind == "person" and len(words) > 1 and words[-1][:1].isupper() and words[-1].isalpha():
                    counts[words[-1]] += 1
        ranked = sorted(counts, key=lambda s: (-counts[s], s))
        self.surnames = ranked
        # Zipf-like: the k-th most common surname is drawn with weight 1/(k+10).
        self.surname_cum = list(itertools.accumulate(1 / (k + 10) for k in range(len(ranked))))
        self.seen: set[str] = set()
        self.serial = 0

    def _week(self, n: int) -> tuple[list[int], list[date]]:
        first = n % max(1, len(self.days) - WEEK)
        days = self.days[first : first + WEEK]
        return [i for d in days for i in self.by_day[d]], days

    def _surname(self) -> str:
        x = self.rng.random() * self.surname_cum[-1]
        return self.surnames[bisect.bisect_left(self.surname_cum, x)]

    def _related(self, lead: int, days: list[date]) -> list[int]:
        found: set[int] = set()
        for ref in self.units[lead].extraction.actors:
            for day in days:
                found.update(self.by_actor.get((day, ref.key), ()))
        found.discard(lead)
        return sorted(found)

    def day(self, n: int, start: date, volume: int) -> list[Article]:
        """The ``volume`` articles of generated day ``n`` (dated ``start + n``), in time order."""
        pool, days = self._week(n)
        when = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(days=n)
        out = []
        for _ in range(volume):
            for _attempt in range(5):
                article = self._article(pool, days, when)
                if article.content_hash not in self.seen:
                    self.seen.add(article.content_hash)
                    out.append(article)
                    break
        out.sort(key=lambda a: a.published_at)
        return out

    def _article(self, pool: list[int], days: list[date], when: datetime) -> Article:
        rng = self.rng
        lead = rng.choice(pool)
        extra = 1 if rng.random() < 0.6 else 2
        related = self._related(lead, days)
        parts = [lead]
        for _ in range(extra):
            choices = related if related and rng.random() < 0.8 else pool
            pick = rng.choice(choices)
            if pick not in parts:
                parts.append(pick)
        renames: dict[str, str] = {}
        texts, extractions = [], []
        for i in parts:
            text, extraction = self._vary(self.units[i], renames)
            texts.append(text)
            extractions.append(extraction)
        title = self.units[lead].title
        for old, new in renames.items():
            title = re.sub(rf"\b{re.escape(old)}\b", new, title)
        seconds = rng.randrange(86400)
        published = when + timedelta(seconds=seconds)
        self.serial += 1
        lead_unit = self.units[lead]
        outlet = lead_unit.outlet or "example.org"
        slug = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")
        raw = RawArticle(
            title=title,
            body="\n\n".join(texts),
            where=f"generated:{self.serial}",
            url=f"https://{slug}.example/{published:%Y/%m/%d}/{self.serial}",
            source=lead_unit.outlet,
            published=iso(published),
        )
        article = normalise(raw, published)
        body = article.body
        merged = merge(texts, extractions, body, published.date(), [self.units[i].published.date() for i in parts])
        return replace(article, extraction=merged)

    def _vary(self, unit: Unit, renames: dict[str, str]) -> tuple[str, Extraction]:
        """The unit's text with some people renamed and numbers changed, and its extraction moved to match."""
        rng = self.rng
        ex = unit.extraction
        spans: list[tuple[int, int, str]] = []
        actors = [replace(a, aliases=dict(a.aliases), claimed=list(a.claimed)) for a in ex.actors]
        for index, ref in enumerate(actors):
            words = ref.name.split()
            if ref.kind != "person" or len(words) < 2:
                continue
            old = words[-1]
            if old not in renames:
                renames[old] = old if rng.random() < 0.5 else self._surname()
            new = renames[old]
            if new == old:
                continue
            ref.name = " ".join([*words[:-1], new])
            ref.key = person_key(ref.name)
            ref.aliases = {alias.replace(old, new): how for alias, how in ref.aliases.items()}
            for m in ex.mentions:
                if m.actor == index:
                    at = unit.body.find(old, m.start, m.end)
                    if at >= 0:
                        spans.append((at, at + len(old), new))
        covered = sorted((s, e) for s, e, _ in spans)
        for match in NUMBER.finditer(unit.body):
            digits = match.group()
            if YEAR.fullmatch(digits) or any(s < match.end() and match.start() < e for s, e in covered):
                continue
            first = str(rng.randrange(1, 10)) if len(digits) > 1 else str(rng.randrange(10))
            changed = first + "".join(str(rng.randrange(10)) for _ in digits[1:])
            spans.append((match.start(), match.end(), changed))
        edit = Edit(unit.body, spans)
        mentions = []
        for m in ex.mentions:
            start, end = edit.at(m.start), edit.at(m.end)
            mentions.append(replace(m, start=start, end=end, text=edit.text[start:end]))
        events = []
        for e in ex.events:
            start, end = edit.at(e.start), edit.at(e.end)
            events.append(replace(e, start=start, end=end, sentence=edit.text[start:end]))
        return edit.text, Extraction(actors, mentions, events, ex.model, ex.version, ex.profile)


def merge(texts: list[str], parts: list[Extraction], body: str, day: date, part_days: list[date]) -> Extraction:
    """One extraction for paragraphs joined by blank lines: offsets moved, actors joined by kind and key, event
    dates moved by as many days as the article is from its paragraph's item."""
    actors: list[ActorRef] = []
    index: dict[tuple[str, str], int] = {}
    mentions: list[Mention] = []
    events: list[EventRef] = []
    offset = sentence = 0
    for text, ex, real_day in zip(texts, parts, part_days, strict=True):
        local = {}
        for i, ref in enumerate(ex.actors):
            at = index.get((ref.kind, ref.key))
            if at is None:
                at = index[(ref.kind, ref.key)] = len(actors)
                actors.append(ref)
            else:
                actors[at].aliases.update(ref.aliases)
            local[i] = at
        for m in ex.mentions:
            mentions.append(
                Mention(local[m.actor], m.start + offset, m.end + offset, m.sentence + sentence, m.text, m.via)
            )
        shift = day - real_day
        for e in ex.events:
            moved = EventDate((date.fromisoformat(e.date.date) + shift).isoformat(), e.date.precision, e.date.source)
            events.append(
                replace(
                    e,
                    start=e.start + offset,
                    end=e.end + offset,
                    date=moved,
                    source=local.get(e.source) if e.source is not None else None,
                    target=local.get(e.target) if e.target is not None else None,
                    location=local.get(e.location) if e.location is not None else None,
                )
            )
        offset += len(text) + 2
        sentence += 1 + len(SENTENCE_END.findall(text))
    good = [m for m in mentions if body[m.start : m.end] == m.text]
    kept = [e for e in events if body[e.start : e.end] == e.sentence]
    first = parts[0]
    return Extraction(actors, good, kept, first.model, first.version, first.profile)


def write(store: Store, articles: list[Article]) -> tuple[int, int]:
    """The articles through the production write path, in chunks; returns (new, near_duplicates)."""
    new = near = 0
    for chunk in (articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)):
        now = datetime.fromisoformat(chunk[-1].published_at.replace("Z", "+00:00"))
        with store.write():
            originals = []
            for article in chunk:
                saved = store.articles.save(article, now)
                if saved.extract and saved.article_id is not None:
                    originals.append(saved.article_id)
                    if article.extraction is not None:
                        save_extraction(store, saved.article_id, article.extraction, now)
                new += saved.outcome == "new"
                near += saved.outcome == "near_duplicate"
            assign_articles(store, originals)
    return new, near


def build(units: list[Unit], out: Path, schedule: list[tuple[int, int]], start: date) -> Iterator[dict]:
    """Generate and write every day of ``schedule``; yields one record per day."""
    generator = Generator(units)
    n = 0
    with open_store(out) as store:
        for volume, days in schedule:
            for _ in range(days):
                began = time.perf_counter()
                articles = generator.day(n, start, volume)
                made = time.perf_counter() - began
                began = time.perf_counter()
                new, near = write(store, articles)
                wrote = time.perf_counter() - began
                yield {
                    "day": (start + timedelta(days=n)).isoformat(),
                    "articles": len(articles),
                    "new": new,
                    "near_duplicates": near,
                    "generate_s": round(made, 1),
                    "write_ms_per_article": round(1000 * wrote / max(1, len(articles)), 2),
                }
                n += 1
        store.conn.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rss", type=Path, required=True, help="rss-news-2022/rss_news_2022.jsonl")
    parser.add_argument("--out", type=Path, required=True, help="the store to create (must not exist)")
    parser.add_argument(
        "--schedule", default="300x30,3000x30,10000x94", help="ARTICLESxDAYS,... (default: %(default)s)"
    )
    parser.add_argument("--start", default="2023-01-02", help="the first generated day (default: %(default)s)")
    parser.add_argument("--units", type=int, default=0, help="use only the first N real items (quick runs)")
    parser.add_argument("--log", type=Path, help="also write each day's record to this JSONL file")
    args = parser.parse_args()
    try:
        schedule = parse_schedule(args.schedule)
        start = date.fromisoformat(args.start)
    except ValueError as exc:
        parser.error(str(exc))
    if args.out.exists():
        parser.error(f"{args.out} exists: pass a new path")
    suffix = f".{args.units}" if args.units else ""
    units = load_units(args.rss, args.out.with_name(f"scale-units{suffix}.pickle"), args.units)
    print(f"{len(units)} units", file=sys.stderr)
    total = 0
    log = args.log.open("a", encoding="utf-8") if args.log else None
    for record in build(units, args.out, schedule, start):
        total += record["articles"]
        print(json.dumps({**record, "total": total}), flush=True)
        if log:
            log.write(json.dumps({**record, "total": total}) + "\n")
            log.flush()


if __name__ == "__main__":
    main()
