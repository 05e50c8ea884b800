"""Actors, their aliases and mentions, and which articles are extracted: the rows extraction writes and lookups read.

Keys (``actors.key``, ``aliases.key``) are computed by the caller (``briefings.extract.names``); the store only
compares them. Per-actor counts (``actor_stats``) are kept by triggers, so a profile is one row read.
"""

from __future__ import annotations

import re
import sqlite3
import string
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from briefings.store.articles import chunks
from briefings.text.dates import iso

ROLES = ("source_actor_id", "target_actor_id", "location_actor_id")
"""The event columns that refer to actors."""


@dataclass(frozen=True)
class ActorRow:
    id: int
    name: str
    kind: str
    role: str | None


@dataclass(frozen=True)
class AliasRow:
    """An alias with the article it came from (None: from the gazetteer)."""

    alias: str
    kind: str
    confidence: float
    conflict: str | None
    article_id: int | None
    title: str | None
    url: str | None


@dataclass(frozen=True)
class ActorStats:
    mentions: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class MentionRow:
    """A place in an article's body that names an actor."""

    article_id: int
    start: int
    end: int
    text: str
    kind: str
    """The actor's kind (person, organization, place, group)."""
    actor_id: int
    via: str


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
"""SQLite's lower() (and LIKE's case folding) change ASCII letters only."""

SPELLING_WINDOW = 2000
"""A person is shown by the spelling most of its latest this many multi-word aliases use (one per article)."""

_ALIAS_ACTORS = (
    "WITH RECURSIVE ids(a) AS (SELECT (SELECT min(actor_id) FROM aliases WHERE key = :k) UNION ALL"
    " SELECT (SELECT min(actor_id) FROM aliases WHERE key = :k AND actor_id > ids.a) FROM ids WHERE ids.a IS NOT NULL)"
)
"""The distinct actors with an alias of key ``:k``, ascending: each found by one seek in ``aliases_key_actor``
from the previous one, however many articles used the alias (a row each)."""


class Actors:
    """The ``actors``, ``aliases``, ``mentions``, ``actor_stats`` and ``extractions`` tables."""

    def __init__(self, conn: sqlite3.Connection, path: str = "") -> None:
        self.conn = conn
        self.path = path

    # --- reads for lookups ----------------------------------------------------------------------------

    def get(self, actor_id: int) -> ActorRow | None:
        row = self.conn.execute("SELECT id, name, kind, role FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return ActorRow(*row) if row else None

    def names(self, ids: Iterable[int]) -> dict[int, str]:
        """Names of the given actors."""
        out: dict[int, str] = {}
        for marks, part in chunks(list(dict.fromkeys(ids))):
            out.update(self.conn.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", part).fetchall())
        return out

    def labels(self, ids: Iterable[int]) -> dict[int, tuple[str, str, str | None]]:
        """Name, kind and country code (places found in the gazetteer) of the given actors."""
        out: dict[int, tuple[str, str, str | None]] = {}
        for marks, part in chunks(list(dict.fromkeys(ids))):
            for actor_id, name, kind, country in self.conn.execute(
                f"SELECT id, name, kind, country FROM actors WHERE id IN ({marks})", part
            ):
                out[actor_id] = (name, kind, country)
        return out

    def people_named(self, names: Iterable[str]) -> set[str]:
        """Which of ``names`` are the names of people in the store."""
        found: set[str] = set()
        for marks, part in chunks(list(dict.fromkeys(names))):
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT name FROM actors WHERE kind = 'person' AND name IN ({marks})", part
                )
            )
        return found

    def with_keys(self, keys: Iterable[str]) -> list[int]:
        """Actors whose own key is one of ``keys``."""
        keys = list(dict.fromkeys(keys))
        marks = ",".join("?" * len(keys))
        return [r[0] for r in self.conn.execute(f"SELECT id FROM actors WHERE key IN ({marks})", keys)]

    def with_alias_keys(self, keys: Iterable[str]) -> list[tuple[int, bool]]:
        """Actors with an alias whose key is one of ``keys``, and whether one such alias is firm (not claimed)."""
        firm: dict[int, bool] = {}
        for key in dict.fromkeys(keys):
            for (actor_id,) in self.conn.execute(_ALIAS_ACTORS + " SELECT a FROM ids WHERE a IS NOT NULL", {"k": key}):
                sure = self.conn.execute(
                    "SELECT 1 FROM aliases WHERE key = ? AND actor_id = ? AND kind != 'claimed' LIMIT 1",
                    (key, actor_id),
                ).fetchone()
                firm[actor_id] = firm.get(actor_id, False) or sure is not None
        return sorted(firm.items())

    def people_with_surname(self, surname_key: str) -> list[int]:
        """People whose name of two or more words ends with this surname key: an index range on reversed keys."""
        if not surname_key:
            return []
        prefix = surname_key[::-1] + " "
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE kind = 'person' AND rkey >= ? AND rkey < ?",
                (prefix, prefix + "\U0010ffff"),
            )
        ]

    def aliases_with_surname(self, surname_key: str) -> list[tuple[int, bool]]:
        """People with a multi-word alias ending with this surname key ("Umerov" of "Mustafa Umerov"), and whether
        one such alias is firm (not merely claimed): an index range on reversed alias keys. Only people have
        surnames: the last word of a body's alias names nothing ("Person" of "FT's Person")."""
        if not surname_key:
            return []
        prefix = surname_key[::-1] + " "
        rows = self.conn.execute(
            "SELECT l.actor_id, max(l.kind != 'claimed') FROM aliases l JOIN actors a ON a.id = l.actor_id"
            " WHERE l.rkey >= ? AND l.rkey < ? AND a.kind = 'person' GROUP BY l.actor_id",
            (prefix, prefix + "\U0010ffff"),
        )
        return [(actor_id, bool(firm)) for actor_id, firm in rows]

    def mention_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """How often each of the given actors is mentioned (from the trigger-kept statistics)."""
        out: dict[int, int] = {}
        for marks, part in chunks(list(dict.fromkeys(ids))):
            out.update(
                self.conn.execute(
                    f"SELECT actor_id, mentions FROM actor_stats WHERE actor_id IN ({marks})", part
                ).fetchall()
            )
        return out

    def names_near(self, key: str, surname: str, limit: int = 3000) -> list[str]:
        """Names and aliases a mistyped name may mean ("did you mean"): those whose key starts as ``key`` does
        (two characters) and people whose surname key ends as ``surname`` does (three letters). Index ranges of
        at most ``limit`` rows each, so the cost does not grow with the store; a name mistyped both in its first two
        characters and in its surname's last three is not offered."""
        ranges = []
        if len(key) >= 2:
            head = key[:2]
            ranges += [
                ("SELECT name FROM actors WHERE key >= ? AND key < ? LIMIT ?", head),
                ("SELECT alias FROM aliases WHERE key >= ? AND key < ? LIMIT ?", head),
            ]
        if len(surname) >= 3:
            tail = surname[::-1][:3]
            ranges += [
                ("SELECT name FROM actors WHERE kind = 'person' AND rkey >= ? AND rkey < ? LIMIT ?", tail),
                ("SELECT alias FROM aliases WHERE rkey >= ? AND rkey < ? LIMIT ?", tail),
            ]
        names: dict[str, None] = {}
        for sql, prefix in ranges:
            names.update((r[0], None) for r in self.conn.execute(sql, (prefix, prefix + "\U0010ffff", limit)))
        return list(names)

    def first_names(self, words: Iterable[str]) -> set[str]:
        """Which of ``words`` begin the name of a stored person of two or more words ("Valentina" of "Valentina
        Tereshkova"): given names as the store has learnt them (a range of the index on lower(name) each)."""
        found: set[str] = set()
        for word in dict.fromkeys(words):
            low = word.translate(_ASCII_LOWER) + " "
            row = self.conn.execute(
                "SELECT 1 FROM actors WHERE lower(name) >= ? AND lower(name) < ? AND kind = 'person' LIMIT 1",
                (low, low[:-1] + "!"),
            ).fetchone()
            if row:
                found.add(word)
        return found

    def names_starting(self, prefix: str, limit: int = 25) -> list[str]:
        """Actor names that start with ``prefix`` (ASCII letters in either case, as SQL's LIKE), most mentioned
        first (autocomplete): a range of the index on lower(name)."""
        if not prefix:  # every actor: a scan (an index on actor_stats.mentions would slow every mention's insert)
            bounds, params = "1", []
        else:
            low = prefix.translate(_ASCII_LOWER)
            above = low[:-1] + chr(ord(low[-1]) + 1) if ord(low[-1]) < sys.maxunicode else None
            bounds = "lower(a.name) >= ?" + (" AND lower(a.name) < ?" if above else "")
            params = [low, above] if above else [low]
        rows = self.conn.execute(
            "SELECT a.name FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id"
            f" WHERE {bounds} ORDER BY coalesce(s.mentions, 0) DESC, a.name LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [r[0] for r in rows]

    def aliases(self, actor_id: int) -> list[AliasRow]:
        """An actor's aliases with the article each came from: firm ones first, then by confidence and date."""
        rows = self.conn.execute(
            "SELECT s.alias, s.kind, s.confidence, s.conflict, a.id, a.title, a.url"
            " FROM aliases s LEFT JOIN articles a ON a.id = s.article_id WHERE s.actor_id = ?"
            " ORDER BY s.kind = 'claimed', s.confidence DESC, a.published_at",
            (actor_id,),
        ).fetchall()
        return [AliasRow(*r) for r in rows]

    def titled_aliases(self, ids: Sequence[int], limit: int = 2000) -> list[tuple[int, str, str]]:
        """Up to ``limit`` aliases of these actors written with a title before the name ("President of Ukraine
        Volodymyr Zelenskyy"): actor, alias, key."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self.conn.execute(
            f"SELECT actor_id, alias, key FROM aliases WHERE actor_id IN ({marks}) AND kind = 'title' LIMIT ?",
            [*ids, limit],
        ).fetchall()

    def title_holders(self, title_key: str, limit: int = 5000) -> Counter[int]:
        """How many titled aliases of each actor start with the title ``title_key`` (folded): who is written
        after it. Reads up to ``limit`` aliases (a range of the key index)."""
        rows = self.conn.execute(
            "SELECT actor_id FROM aliases WHERE key >= ? AND key < ? AND kind = 'title' LIMIT ?",
            (title_key + " ", title_key + "!", limit),
        ).fetchall()
        return Counter(r[0] for r in rows)

    def stats(self, actor_id: int) -> ActorStats:
        row = self.conn.execute(
            "SELECT mentions, articles, first_seen, last_seen FROM actor_stats WHERE actor_id = ?", (actor_id,)
        ).fetchone()
        return ActorStats(*row) if row else ActorStats()

    def last_seen(self, ids: Sequence[int]) -> str | None:
        """When the most recently mentioned of the given actors was last mentioned."""
        marks = ",".join("?" * len(ids))
        row = self.conn.execute(f"SELECT max(last_seen) FROM actor_stats WHERE actor_id IN ({marks})", list(ids))
        return row.fetchone()[0]

    def related(self, actor_id: int, *, articles: int, limit: int = 10) -> list[tuple[str, int]]:
        """Actors most often in the same articles, over the latest ``articles`` articles that mention this one."""
        return self.conn.execute(
            "SELECT o.name, count(DISTINCT m2.article_id) AS n FROM"
            " (SELECT DISTINCT article_id FROM mentions WHERE actor_id = ? ORDER BY article_id DESC LIMIT ?) r"
            " JOIN mentions m2 ON m2.article_id = r.article_id AND m2.actor_id != ?"
            " JOIN actors o ON o.id = m2.actor_id GROUP BY m2.actor_id ORDER BY n DESC, o.name LIMIT ?",
            (actor_id, articles, actor_id, limit),
        ).fetchall()

    def kinds_named_after(self, words: Sequence[str], articles: int = 300) -> Counter[str]:
        """How often a name of each kind starts right after one of ``words`` followed by a capital letter
        ("flanker Johnny O'Connor": person), in up to ``articles`` articles holding one (``none`` when no actor
        starts there: a sentence's next word, a name the extractor left out)."""
        match = " OR ".join(f'"{w}"' for w in words if re.fullmatch(r"[a-z][a-z-]*", w))
        if not match:
            return Counter()
        ids = [r[0] for r in self.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?", (match, articles))]  # fmt: skip
        alternatives = "|".join(map(re.escape, words))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})\s+(?=[A-Z])")
        found: Counter[str] = Counter()
        for marks, part in chunks(ids):
            kinds = {
                (a, start): kind
                for a, start, kind in self.conn.execute(
                    "SELECT m.article_id, m.start, k.kind FROM mentions m JOIN actors k ON k.id = m.actor_id"
                    f" WHERE m.article_id IN ({marks})",
                    part,
                )
            }
            for article_id, body in self.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", part):
                for hit in pattern.finditer(body):
                    found[kinds.get((article_id, hit.end()), "none")] += 1
        return found

    def article_counts(self, article_ids: Sequence[int]) -> Counter[int]:
        """How many of the given articles name each actor (counted in SQL: a week's window names tens of thousands
        of actors a hundred thousand times)."""
        counts: Counter[int] = Counter()
        for marks, part in chunks(list(dict.fromkeys(article_ids))):
            for actor_id, n in self.conn.execute(
                "SELECT actor_id, count(DISTINCT article_id) FROM mentions"
                f" WHERE article_id IN ({marks}) GROUP BY actor_id",
                part,
            ):
                counts[actor_id] += n  # the chunks hold different articles
        return counts

    def people(self, actor_ids: Sequence[int]) -> set[int]:
        """Those of the given actors that are people."""
        out: set[int] = set()
        for marks, part in chunks(list(actor_ids)):
            out.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM actors WHERE kind = 'person' AND id IN ({marks})", part)
            )
        return out

    def in_articles(self, article_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(article, actor) pairs of the given articles, one per mention (a pair repeats when an article names an
        actor twice: callers keep sets, and removing repeats in SQL costs more than the sets do)."""
        out = []
        for marks, part in chunks(list(article_ids)):
            out += self.conn.execute(
                f"SELECT article_id, actor_id FROM mentions WHERE article_id IN ({marks})", part
            ).fetchall()
        return out

    def mentions_in(self, article_ids: Sequence[int]) -> list[MentionRow]:
        """Every mention in the given articles, with its actor's kind, in text order."""
        out = []
        for marks, part in chunks(list(article_ids)):
            out += [
                MentionRow(*r)
                for r in self.conn.execute(
                    "SELECT m.article_id, m.start, m.end, m.text, a.kind, a.id, m.via FROM mentions m"
                    f" JOIN actors a ON a.id = m.actor_id WHERE m.article_id IN ({marks}) ORDER BY m.start",
                    part,
                )
            ]
        return out

    def mention_days(self, actor_ids: Sequence[int], since: datetime | None, until: datetime | None) -> dict[str, int]:
        """Per day, the originals that mention every one of ``actor_ids``. The rarest actor's mentions are read
        when they are fewer than the period's articles (a name seen a few hundred times in a year of 10,000
        articles a day); otherwise the period's articles are walked and the mention index probed (a name in
        every other article)."""
        if not actor_ids:
            return {}
        counts = self.mention_counts(actor_ids)
        rarest = min(actor_ids, key=lambda a: counts.get(a, 0))
        by_actor = counts.get(rarest, 0) < self._articles_between(since, until)
        return self._mention_days(actor_ids, since, until, rarest if by_actor else None)

    def _mention_days(
        self, actor_ids: Sequence[int], since: datetime | None, until: datetime | None, driver: int | None
    ) -> dict[str, int]:
        sql = "SELECT substr(a.published_at, 1, 10), count(*) FROM articles a WHERE a.duplicate_of IS NULL"
        params: list[object] = []
        if driver is not None:
            sql += " AND a.id IN (SELECT article_id FROM mentions WHERE actor_id = ?)"
            params.append(driver)
        if since is not None:
            sql += " AND a.published_at >= ?"
            params.append(iso(since))
        if until is not None:
            sql += " AND a.published_at < ?"
            params.append(iso(until))
        others = [a for a in actor_ids if a != driver]
        sql += "".join(
            " AND EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = ? AND m.article_id = a.id)" for _ in others
        )
        return dict(self.conn.execute(sql + " GROUP BY 1", [*params, *others]).fetchall())

    def _articles_between(self, since: datetime | None, until: datetime | None) -> int:
        """About how many articles were published in the period: ids grow as articles arrive, so the distance
        between the period's first and last id (two index seeks) stands for the count."""
        low = "SELECT id FROM articles" + (" WHERE published_at >= ?" if since else "") + " ORDER BY published_at"
        high = "SELECT id FROM articles" + (" WHERE published_at < ?" if until else "") + " ORDER BY published_at DESC"
        first = self.conn.execute(low + " LIMIT 1", [iso(since)] if since else []).fetchone()
        last = self.conn.execute(high + " LIMIT 1", [iso(until)] if until else []).fetchone()
        return 0 if first is None or last is None else abs(last[0] - first[0]) + 1

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM actors").fetchone()[0])

    # --- writes by extraction (inside the caller's write transaction) ------------------------------------

    def find(self, kind: str, key: str) -> int | None:
        """The actor of this kind with this key, or with a firm alias of this key (not claimed, not a surname)."""
        row = self.conn.execute(
            "SELECT id FROM actors WHERE kind = ? AND key = ? ORDER BY id LIMIT 1", (kind, key)
        ).fetchone()
        if row:
            return row[0]
        row = self.conn.execute(
            _ALIAS_ACTORS + " SELECT ids.a FROM ids JOIN actors ON actors.id = ids.a WHERE actors.kind = :kind"
            " AND EXISTS (SELECT 1 FROM aliases s WHERE s.key = :k AND s.actor_id = ids.a"
            " AND s.kind NOT IN ('claimed', 'surname')) ORDER BY ids.a LIMIT 1",
            {"k": key, "kind": kind},
        ).fetchone()
        return row[0] if row else None

    def people_ending_with(self, surname_key: str) -> list[tuple[int, str]]:
        """(id, name) of people whose key ends with ``surname_key`` (the caller checks the last word): a range of
        the index on reversed keys, the suffix read as a prefix."""
        if not surname_key:
            return []
        prefix = surname_key[::-1]
        return self.conn.execute(
            "SELECT id, name FROM actors WHERE kind = 'person' AND rkey >= ? AND rkey < ?",
            (prefix, prefix + "\U0010ffff"),
        ).fetchall()

    def others_with_key(self, key: str, kinds: Sequence[str], exclude: int) -> list[ActorRow]:
        """Actors of the given kinds with this key, other than ``exclude``."""
        marks = ",".join("?" * len(kinds))
        rows = self.conn.execute(
            f"SELECT id, name, kind, role FROM actors WHERE key = ? AND kind IN ({marks}) AND id != ?",
            (key, *kinds, exclude),
        ).fetchall()
        return [ActorRow(*r) for r in rows]

    def places(self) -> list[tuple[int, str, str | None]]:
        """Every place actor: (id, name, country code)."""
        return self.conn.execute("SELECT id, name, country FROM actors WHERE kind = 'place'").fetchall()

    def add(self, name: str, kind: str, key: str, role: str | None = None, country: str | None = None) -> int:
        cursor = self.conn.execute(
            "INSERT INTO actors (name, kind, key, role, country, rkey) VALUES (?, ?, ?, ?, ?, ?)",
            (name, kind, key, role, country, key[::-1] if kind == "person" else None),
        )
        return int(cursor.lastrowid or 0)

    def rename(self, actor_id: int, name: str, key: str | None = None) -> None:
        """Give an actor a new display name (and key, when it changes what the actor is found by)."""
        if key is None:
            self.conn.execute("UPDATE actors SET name = ? WHERE id = ? AND name != ?", (name, actor_id, name))
        else:
            self.conn.execute(
                "UPDATE actors SET name = ?, key = ?, rkey = CASE WHEN kind = 'person' THEN ? END WHERE id = ?",
                (name, key, key[::-1], actor_id),
            )

    def as_surname(self, actor_id: int, key: str) -> None:
        """Make the actor's firm one-word aliases of ``key`` surname aliases (the word turned out to be the
        surname of the full name the actor now has)."""
        self.conn.execute(
            "UPDATE aliases SET kind = 'surname'"
            " WHERE actor_id = ? AND key = ? AND kind IN ('name', 'transliteration')",
            (actor_id, key),
        )

    def set_role(self, actor_id: int, role: str) -> None:
        """Record an actor's role unless it has one."""
        self.conn.execute("UPDATE actors SET role = ? WHERE id = ? AND role IS NULL", (role, actor_id))

    def most_used_spelling(self, actor_id: int, current: str) -> str | None:
        """The multi-word name or transliteration of an actor that most of its latest ``SPELLING_WINDOW`` named
        aliases use (the spelling of current coverage; a bounded read however often the actor was named), when
        it is used more often than ``current``, the name the actor has: a tie keeps the name, not the
        alphabetically first form ("Billionaire Mat Ishbia" against "Mat Ishbia")."""
        rows = self.conn.execute(
            "SELECT alias, count(DISTINCT article_id) AS n FROM (SELECT alias, article_id FROM aliases"
            " WHERE actor_id = ? AND kind IN ('name', 'transliteration') AND alias LIKE '% %' ORDER BY id DESC"
            " LIMIT ?) GROUP BY alias ORDER BY n DESC, alias",
            (actor_id, SPELLING_WINDOW),
        ).fetchall()
        if not rows:
            return None
        top, uses = rows[0]
        if dict(rows).get(current, 0) >= uses:
            return None
        return top

    def add_alias(
        self,
        actor_id: int,
        alias: str,
        key: str,
        kind: str,
        article_id: int | None,
        confidence: float,
        conflict: str | None = None,
    ) -> None:
        """Record an alias unless the same one (actor, key, kind, article) is already there: one seek in
        ``aliases_key_actor``, never a walk over a much-named actor's aliases, whose number grows with the store."""
        exists = self.conn.execute(
            "SELECT 1 FROM aliases WHERE actor_id = ? AND key = ? AND kind = ? AND article_id IS ?",
            (actor_id, key, kind, article_id),
        ).fetchone()
        if exists:
            return
        self.conn.execute(
            "INSERT INTO aliases (actor_id, alias, key, kind, article_id, confidence, conflict, rkey)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (actor_id, alias, key, kind, article_id, confidence, conflict, key[::-1] if " " in key else None),
        )

    def absorb(self, keep: int, drop: int) -> None:
        """Merge actor ``drop`` into ``keep``: mentions, events and aliases move; ``drop`` is deleted."""
        self.conn.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (keep, drop))
        self.conn.execute("UPDATE aliases SET actor_id = ? WHERE actor_id = ?", (keep, drop))
        for role in ROLES:
            self.conn.execute(f"UPDATE events SET {role} = ? WHERE {role} = ?", (keep, drop))
        self.conn.execute("DELETE FROM actors WHERE id = ?", (drop,))

    def add_mentions(self, rows: Iterable[tuple[int, int, int, int, int, str, str, str | None, str | None]]) -> None:
        """Insert (article, actor, sentence, start, end, text, via, kind read as, kind a classifier gave) rows."""
        self.conn.executemany(
            "INSERT INTO mentions (article_id, actor_id, sentence, start, end, text, via, kind, cue)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def mention_count(self, actor_id: int) -> int:
        """How many mentions the actor has (kept by triggers in ``actor_stats``)."""
        row = self.conn.execute("SELECT mentions FROM actor_stats WHERE actor_id = ?", (actor_id,)).fetchone()
        return row[0] if row else 0

    def cues(self, actor_id: int) -> Counter[str]:
        """How many of the actor's mentions a classifying noun gave each kind."""
        return Counter(
            dict(
                self.conn.execute(
                    "SELECT cue, count(*) FROM mentions WHERE actor_id = ? AND cue IS NOT NULL GROUP BY cue",
                    (actor_id,),
                ).fetchall()
            )
        )

    def readings(self, actor_id: int) -> list[tuple[str, str]]:
        """(text, kind read as) of the actor's mentions that recorded a reading."""
        return self.conn.execute(
            "SELECT text, kind FROM mentions WHERE actor_id = ? AND kind IS NOT NULL", (actor_id,)
        ).fetchall()

    def retype(self, actor_id: int, kind: str, key: str) -> None:
        """Give an actor another kind (and the key that kind is found by)."""
        self.conn.execute(
            "UPDATE actors SET kind = ?, key = ?, rkey = ? WHERE id = ?",
            (kind, key, key[::-1] if kind == "person" else None, actor_id),
        )

    def forget_article(self, article_id: int) -> None:
        """Remove what an earlier extraction recorded for this article (re-extraction is idempotent)."""
        self.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM aliases WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM extractions WHERE article_id = ?", (article_id,))

    def mark_extracted(self, article_id: int, version: int, model: str, now: datetime) -> None:
        self.conn.execute(
            "INSERT INTO extractions (article_id, version, model, extracted_at) VALUES (?, ?, ?, ?)",
            (article_id, version, model, iso(now)),
        )

    def extracted_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM extractions").fetchone()[0])

    def prune(self) -> int:
        """Delete actors nothing refers to any more (after re-extraction); returns how many."""
        cursor = self.conn.execute(
            "DELETE FROM actors WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = actors.id)"
            " AND NOT EXISTS (SELECT 1 FROM aliases s WHERE s.actor_id = actors.id)"
            " AND NOT EXISTS (SELECT 1 FROM events e WHERE actors.id IN (e.source_actor_id, e.target_actor_id,"
            " e.location_actor_id))"
        )
        return cursor.rowcount
