"""Briefings: select the window's articles, group them into stories, rank, summarise, verify, record.

spec + store ──select──▶ articles in the window matching the filters
             ──cluster─▶ stories (joined to stories of earlier briefings through their stored members)
             ──rank────▶ sources, recency, actor salience, event severity, novelty for the channel
             ──summarise▶ headline + 1–2 verbatim sentences each, new facts only for stories already sent
             ──verify──▶ every quoted sentence re-read from its cited article; a mismatch is dropped
             ──record──▶ story membership, and per channel what was sent (not on a dry run)
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from briefings.briefing.summarise import EventSpan, SummaryDoc, summarise
from briefings.errors import QueryError, UnknownActor
from briefings.models import Briefing, BriefingItem, Citation, CitedSentence
from briefings.queries import knowledge
from briefings.store.database import Store, fts_query
from briefings.stories.cluster import LEAD_CHARS, StoryDoc, group_stories, text_terms
from briefings.text.dates import iso, parse_date
from briefings.text.similarity import TfIdf, centroid, cosine

DEFAULT_WINDOW = timedelta(hours=24)
MAX_CANDIDATES = 2500
"""Newest matching articles clustered per briefing: bounds time and memory on busy windows."""
MAX_ANCHORS = 1500
ANCHORS_PER_STORY = 8
BACKGROUND_ARTICLES = 1000
"""Articles before the window that inform how rare each word and actor is."""
LOOKBACK = timedelta(days=7)
"""How far back articles of earlier stories are looked at to recognise an update."""
MAX_SUMMARY_ARTICLES = 8
MAX_ITEMS = 1000
MAX_SENTENCES = 5
SEVERITY = {"attack": 1.0, "casualties": 1.0, "interception": 0.8, "military posture": 0.5, "sanction": 0.5, "aid": 0.4}
_CHUNK = 500


@dataclass(frozen=True)
class BriefingSpec:
    """What a briefing covers. Actor filters go through aliases; keywords are full-text terms (any matches)."""

    until: datetime
    since: datetime | None = None
    """None: since the channel's last briefing, or ``window`` before ``until``."""
    window: timedelta = DEFAULT_WINDOW
    channel: str | None = None
    topic: str | None = None
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    max_items: int = 5
    sentences: int = 2
    notes: tuple[str, ...] = ()
    """Notes from the caller shown first (missed scheduled briefings)."""

    def __post_init__(self) -> None:
        if not 1 <= self.max_items <= MAX_ITEMS:
            raise QueryError(f"max items must be between 1 and {MAX_ITEMS}, not {self.max_items}")
        if not 1 <= self.sentences <= MAX_SENTENCES:
            raise QueryError(f"sentences per item must be between 1 and {MAX_SENTENCES}, not {self.sentences}")
        if self.since is not None and self.since >= self.until:
            raise QueryError(f"the window is empty: since {iso(self.since)} is not before until {iso(self.until)}")


@dataclass
class _Doc:
    article_id: int
    title: str
    lead: str
    source: str | None
    url: str | None
    published: str
    story_id: int | None = None
    actors: set[int] = field(default_factory=set)
    events: list[EventSpan] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)
    copies: list[tuple[int, str | None]] = field(default_factory=list)

    @property
    def citation(self) -> Citation:
        return Citation(self.article_id, self.title, self.url, self.source, self.published)


@dataclass
class _Story:
    id: int
    members: list[_Doc]
    known: bool
    """The story has articles published before the window."""
    score: float = 0.0
    sources: int = 0
    outlets: tuple[str, ...] = ()


def build_briefing(store: Store, spec: BriefingSpec, *, now: datetime, dry_run: bool = False) -> Briefing:
    """Build the briefing ``spec`` asks for; unless ``dry_run``, record story membership and what was sent."""
    conn = store.conn
    since = spec.since or _last_until(conn, spec.channel) or spec.until - spec.window
    if since >= spec.until:
        since = spec.until - spec.window
    docs = _select(conn, spec, since)
    _load_details(conn, docs)
    anchors = _anchors(conn, since, {d.article_id for d in docs}) if docs else []
    stories = _stories(docs, anchors, _background(conn, since) if docs else [])
    sent = _sent_state(conn, spec.channel, [s.id for s in stories])
    filter_actors = _filter_actor_ids(conn, spec)
    _rank(stories, docs, filter_actors, spec.until)

    items: list[BriefingItem] = []
    already_sent = dropped = 0
    for story in sorted(stories, key=lambda s: -s.score):
        if len(items) >= spec.max_items:
            break
        previous = sent.get(story.id)
        fresh = [d for d in story.members if previous is None or d.article_id not in previous[0]]
        if not fresh:
            already_sent += 1
            continue
        item, lost = _item(conn, story, fresh, previous, spec)
        dropped += lost
        if item is None:
            already_sent += 1
            continue
        items.append(item)

    notes = list(spec.notes) + _notes(conn, spec, since, docs, items, already_sent, dropped)
    briefing = Briefing(
        channel=spec.channel,
        since=iso(since),
        until=iso(spec.until),
        items=tuple(items),
        notes=tuple(notes),
        created_at=iso(now),
        dry_run=dry_run,
        candidates=len(docs),
        memberships=tuple(
            (story.id, story.members[0].title, tuple((d.article_id, d.published) for d in story.members))
            for story in stories
        ),
    )
    if not dry_run:
        commit_briefing(store, briefing, now)
    return briefing


# --- select ----------------------------------------------------------------------------------------------


def _last_until(conn: sqlite3.Connection, channel: str | None) -> datetime | None:
    if not channel:
        return None
    row = conn.execute("SELECT max(until) FROM briefings WHERE channel = ?", (channel,)).fetchone()
    return parse_date(row[0]) if row and row[0] else None


def _resolve_actor(conn: sqlite3.Connection, name: str) -> int:
    found = knowledge.find_actors(conn, name)
    if not found:
        raise UnknownActor(name, knowledge.suggestions(conn, name))
    return found[0]


def _filter_actor_ids(conn: sqlite3.Connection, spec: BriefingSpec) -> set[int]:
    ids = {_resolve_actor(conn, name) for name in spec.actors}
    if spec.topic:
        found = knowledge.find_actors(conn, spec.topic)
        if found:
            ids.add(found[0])
    return ids


def _any_of(texts: Iterable[str]) -> str | None:
    parts = [q for q in (fts_query(t) for t in texts) if q]
    return " OR ".join(f"({p})" for p in parts) or None


def _select(conn: sqlite3.Connection, spec: BriefingSpec, since: datetime) -> list[_Doc]:
    # Filters are checked per article of the window (index probes), never by listing every article that
    # mentions "Ukraine" in a store of millions; the full-text filter is bounded to the window's id range.
    window = (iso(since), iso(spec.until))
    where = ["a.duplicate_of IS NULL", "a.published_at >= ?", "a.published_at < ?"]
    params: list[object] = list(window)
    if spec.keywords and _any_of(spec.keywords) is None:
        raise QueryError("the keywords hold no searchable word")
    low, high = conn.execute(
        "SELECT min(id), max(id) FROM articles WHERE published_at >= ? AND published_at < ?", window
    ).fetchone()
    if low is None:
        return []
    fts = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?)"
    if spec.actors:
        ids = sorted({_resolve_actor(conn, name) for name in spec.actors})
        marks = ",".join("?" * len(ids))
        where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.actor_id IN ({marks}))")
        params += ids
    if spec.keywords:
        where.append(fts)
        params += [_any_of(spec.keywords), low, high]
    if spec.topic:
        match = fts_query(spec.topic)
        topic_actors = knowledge.find_actors(conn, spec.topic)[:1]
        alternatives = []
        if match:
            alternatives.append(fts)
            params += [match, low, high]
        if topic_actors:
            alternatives.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.actor_id = ?)")
            params.append(topic_actors[0])
        if not alternatives:
            raise QueryError(f"the topic {spec.topic!r} holds no searchable word")
        where.append("(" + " OR ".join(alternatives) + ")")
    if spec.types:
        likes = " OR ".join("e.type LIKE ?" for _ in spec.types)
        where.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.background = 0 AND ({likes}))")
        params += [t.lower() + "%" for t in spec.types]
    if spec.sources:
        where.append(f"lower(a.source) IN ({','.join('?' * len(spec.sources))})")
        params += [s.lower() for s in spec.sources]
    sql = (
        f"SELECT a.id, a.title, substr(a.body, 1, {LEAD_CHARS}), a.source, a.url, a.published_at FROM articles a"
        f" WHERE {' AND '.join(where)} ORDER BY a.published_at DESC, a.id DESC LIMIT {MAX_CANDIDATES}"
    )
    rows = conn.execute(sql, params).fetchall()
    return [_Doc(r[0], r[1], r[2], r[3], r[4], r[5]) for r in reversed(rows)]


def _chunks(ids: Sequence[int]) -> Iterator[tuple[str, list[int]]]:
    for i in range(0, len(ids), _CHUNK):
        part = list(ids[i : i + _CHUNK])
        yield ",".join("?" * len(part)), part


def _load_details(conn: sqlite3.Connection, docs: Sequence[_Doc]) -> None:
    by_id = {d.article_id: d for d in docs}
    ids = list(by_id)
    for marks, part in _chunks(ids):
        for article_id, actor_id in conn.execute(
            f"SELECT DISTINCT article_id, actor_id FROM mentions WHERE article_id IN ({marks})", part
        ):
            by_id[article_id].actors.add(actor_id)
        for article_id, type_, background, numbers, start, end in conn.execute(
            f"SELECT article_id, type, background, numbers, start, end FROM events WHERE article_id IN ({marks})",
            part,
        ):
            doc = by_id[article_id]
            doc.events.append(EventSpan(start, end, type_, bool(background)))
            if not background:
                doc.numbers.extend(json.loads(numbers))
        for original, copy_id, source in conn.execute(
            f"SELECT duplicate_of, id, source FROM articles WHERE duplicate_of IN ({marks})", part
        ):
            by_id[original].copies.append((copy_id, source))
        for article_id, story_id in conn.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", part
        ):
            by_id[article_id].story_id = story_id


def _anchors(conn: sqlite3.Connection, since: datetime, exclude: set[int]) -> list[_Doc]:
    """The latest members of stories seen in the lookback before the window."""
    rows = conn.execute(
        f"SELECT a.id, a.title, substr(a.body, 1, {LEAD_CHARS}), a.source, a.url, a.published_at, s.story_id"
        " FROM (SELECT article_id, story_id, published_at,"
        "       row_number() OVER (PARTITION BY story_id ORDER BY published_at DESC) AS recent"
        "       FROM story_articles WHERE published_at >= ? AND published_at < ?) s"
        " JOIN articles a ON a.id = s.article_id"
        " WHERE s.recent <= ? ORDER BY s.published_at DESC LIMIT ?",
        (iso(since - LOOKBACK), iso(since), ANCHORS_PER_STORY, MAX_ANCHORS),
    ).fetchall()
    anchors = [_Doc(r[0], r[1], r[2], r[3], r[4], r[5], story_id=r[6]) for r in rows if r[0] not in exclude]
    by_id = {d.article_id: d for d in anchors}
    for marks, part in _chunks(list(by_id)):
        for article_id, actor_id in conn.execute(
            f"SELECT DISTINCT article_id, actor_id FROM mentions WHERE article_id IN ({marks})", part
        ):
            by_id[article_id].actors.add(actor_id)
        for article_id, type_, background, start, end in conn.execute(
            f"SELECT article_id, type, background, start, end FROM events WHERE article_id IN ({marks})", part
        ):
            by_id[article_id].events.append(EventSpan(start, end, type_, bool(background)))
    return anchors


# --- cluster and rank ------------------------------------------------------------------------------------


def _story_doc(doc: _Doc) -> StoryDoc:
    return StoryDoc(
        article_id=doc.article_id,
        published=parse_date(doc.published) or datetime.now(UTC),
        title=doc.title,
        lead=doc.lead,
        actors=frozenset(doc.actors),
        types=frozenset(e.type for e in doc.events if not e.background),
        story_id=doc.story_id,
    )


def _background(conn: sqlite3.Connection, since: datetime) -> list[StoryDoc]:
    """The latest articles before the window, to learn how rare words and actors are."""
    rows = conn.execute(
        f"SELECT id, title, substr(body, 1, {LEAD_CHARS}), published_at FROM articles"
        " WHERE duplicate_of IS NULL AND published_at < ? ORDER BY published_at DESC LIMIT ?",
        (iso(since), BACKGROUND_ARTICLES),
    ).fetchall()
    docs = {r[0]: StoryDoc(r[0], parse_date(r[3]) or since, r[1], r[2]) for r in rows}
    actors: dict[int, set[int]] = {}
    for marks, part in _chunks(list(docs)):
        for article_id, actor_id in conn.execute(
            f"SELECT DISTINCT article_id, actor_id FROM mentions WHERE article_id IN ({marks})", part
        ):
            actors.setdefault(article_id, set()).add(actor_id)
    for article_id, found in actors.items():
        docs[article_id].actors = frozenset(found)
    return list(docs.values())


def _stories(docs: list[_Doc], anchors: list[_Doc], background: list[StoryDoc]) -> list[_Story]:
    stories = []
    for group in group_stories([_story_doc(d) for d in docs], [_story_doc(d) for d in anchors], background):
        members = [docs[i] for i in group.members]
        story_id = group.story_id if group.story_id is not None else min(d.article_id for d in members)
        earlier = group.story_id is not None and any(a.story_id == group.story_id for a in anchors)
        stories.append(_Story(story_id, members, known=earlier))
    return stories


def _outlets(story: _Story) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for doc in story.members:
        for article_id, source in [(doc.article_id, doc.source), *doc.copies]:
            label = source or f"article {article_id}"
            names.setdefault(label.casefold(), label)
    return tuple(sorted(names.values(), key=str.casefold))


def _severity(story: _Story) -> float:
    level = max((SEVERITY.get(e.type, 0.0) for d in story.members for e in d.events if not e.background), default=0)
    killed = any(n.get("meaning") == "killed" for d in story.members for n in d.numbers)
    return level + (0.5 if killed else 0.0)


def _rank(stories: list[_Story], docs: list[_Doc], filter_actors: set[int], until: datetime) -> None:
    mentions: Counter[int] = Counter()
    for doc in docs:
        mentions.update(doc.actors)
    top = max(mentions.values(), default=1)
    for story in stories:
        story.outlets = _outlets(story)
        story.sources = len(story.outlets)
        newest = max(parse_date(d.published) or until for d in story.members)
        hours = max(0.0, (until - newest).total_seconds() / 3600)
        actors = {a for d in story.members for a in d.actors}
        salience = max((mentions[a] / top for a in actors), default=0.0)
        articles = sum(1 + len(d.copies) for d in story.members)
        story.score = (
            math.log2(1 + story.sources)
            + 0.2 * math.log2(1 + articles)
            + 0.6 * math.exp(-hours / 24)
            + 0.6 * salience
            + (0.5 if actors & filter_actors else 0.0)
            + 0.8 * _severity(story)
            + (0.0 if story.known else 0.5)
        )


# --- summarise and verify --------------------------------------------------------------------------------


def _sent_state(
    conn: sqlite3.Connection, channel: str | None, story_ids: list[int]
) -> dict[int, tuple[set[int], list[str]]]:
    if not channel or not story_ids:
        return {}
    state = {}
    for marks, part in _chunks(story_ids):
        for story_id, articles, sentences in conn.execute(
            f"SELECT story_id, articles, sentences FROM channel_stories WHERE channel = ? AND story_id IN ({marks})",
            [channel, *part],
        ):
            state[story_id] = (set(json.loads(articles)), json.loads(sentences))
    return state


def _bodies(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    out = {}
    for marks, part in _chunks(list(ids)):
        out.update(conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", part).fetchall())
    return out


def _central(docs: Sequence[_Doc]) -> list[_Doc]:
    """Members ordered by how well their headline and lead represent the story."""
    terms_of = [text_terms(d.title, d.lead) for d in docs]
    model = TfIdf(terms_of)
    vectors = [model.vector(t) for t in terms_of]
    middle = centroid(vectors)
    order = sorted(range(len(docs)), key=lambda i: (-cosine(vectors[i], middle), docs[i].published))
    return [docs[i] for i in order]


def _item(
    conn: sqlite3.Connection,
    story: _Story,
    fresh: list[_Doc],
    previous: tuple[set[int], list[str]] | None,
    spec: BriefingSpec,
) -> tuple[BriefingItem | None, int]:
    ranked = _central(fresh)[:MAX_SUMMARY_ARTICLES]
    bodies = _bodies(conn, [d.article_id for d in ranked])
    docs = [SummaryDoc(d.article_id, d.title, bodies.get(d.article_id, ""), d.events) for d in ranked]
    avoid = previous[1] if previous else ()
    picks = summarise(docs, spec.sentences, avoid=avoid)
    update = story.known or previous is not None
    if previous is not None and not picks:
        return None, 0  # sent before, and the new articles add no sentence the channel has not seen
    by_id = {d.article_id: d for d in story.members}
    sentences, dropped = [], 0
    fresh_bodies = _bodies(conn, sorted({p.article_id for p in picks}))
    for pick in picks:
        body = fresh_bodies.get(pick.article_id)
        if body is None or body[pick.sentence.start : pick.sentence.end] != pick.sentence.text:
            dropped += 1
            continue
        citation = by_id[pick.article_id].citation
        sentences.append(CitedSentence(pick.sentence.text, citation, pick.sentence.start, pick.sentence.end))
    lead = ranked[0]
    names = _actor_names(conn, story)
    item = BriefingItem(
        story_id=story.id,
        headline=lead.title,
        headline_citation=lead.citation,
        update=update,
        sources=story.sources,
        outlets=story.outlets,
        articles=tuple(sorted(i for d in story.members for i in [d.article_id, *(c for c, _ in d.copies)])),
        actors=names,
        sentences=tuple(sentences),
        first_seen=min(d.published for d in story.members),
        score=round(story.score, 4),
    )
    return item, dropped


def _actor_names(conn: sqlite3.Connection, story: _Story, limit: int = 5) -> tuple[str, ...]:
    counts: Counter[int] = Counter()
    for doc in story.members:
        counts.update(doc.actors)
    top = [a for a, _ in counts.most_common(limit)]
    if not top:
        return ()
    names = dict(conn.execute(f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(top))})", top))
    return tuple(names[a] for a in top if a in names)


# --- notes and record ------------------------------------------------------------------------------------


def _scope(spec: BriefingSpec) -> str:
    parts = [spec.topic] if spec.topic else []
    parts += list(spec.actors) + list(spec.keywords) + list(spec.types)
    return f" on {', '.join(parts)}" if parts else ""


def _notes(
    conn: sqlite3.Connection,
    spec: BriefingSpec,
    since: datetime,
    docs: list[_Doc],
    items: list[BriefingItem],
    already_sent: int,
    dropped: int,
) -> list[str]:
    notes = []
    if not items:
        line = f"Nothing new{_scope(spec)} since {iso(since)}"
        if already_sent:
            line += f" ({already_sent} {'story' if already_sent == 1 else 'stories'} already sent, no new facts)"
        notes.append(line + ".")
    elif already_sent:
        notes.append(f"{already_sent} {'story' if already_sent == 1 else 'stories'} already sent had no new facts.")
    if dropped:
        notes.append(f"{dropped} sentence(s) left out: not found verbatim in the cited article.")
    failing = failing_sources(conn, spec.sources)
    if failing:
        shown = "; ".join(f"{name} ({reason})" for name, reason in failing[:5])
        more = f" and {len(failing) - 5} more" if len(failing) > 5 else ""
        notes.append(f"{len(failing)} {'source' if len(failing) == 1 else 'sources'} failing: {shown}{more}.")
    return notes


def failing_sources(conn: sqlite3.Connection, only: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Sources whose latest ingest run failed, with the reason."""
    rows = conn.execute(
        "SELECT source, error, failed, new + updated + duplicates FROM ingest_runs r"
        " WHERE id = (SELECT max(id) FROM ingest_runs WHERE source = r.source) ORDER BY source"
    ).fetchall()
    wanted = {s.casefold() for s in only}
    out = []
    for source, error, failed, good in rows:
        if wanted and source.casefold() not in wanted:
            continue
        if error:
            out.append((source, error.splitlines()[0][:160]))
        elif failed and not good:
            out.append((source, f"{failed} item(s) failed"))
    return out


def commit_briefing(store: Store, briefing: Briefing, now: datetime) -> None:
    """Record a built briefing: each article's story, and for its channel what was sent (call after sending)."""
    with store.write():
        commit_briefing_in(store.conn, briefing, now)


def commit_briefing_in(conn: sqlite3.Connection, briefing: Briefing, now: datetime) -> None:
    """``commit_briefing`` inside the caller's write transaction (with the slot's confirmation)."""
    for story_id, headline, members in briefing.memberships:
        published = [p for _, p in members]
        conn.execute(
            "INSERT INTO stories (id, headline, first_seen, last_seen) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen),"
            " first_seen = min(first_seen, excluded.first_seen)",
            (story_id, headline, min(published), max(published)),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO story_articles (article_id, story_id, published_at) VALUES (?, ?, ?)",
            [(article_id, story_id, p) for article_id, p in members],
        )
    if not briefing.channel:
        return
    cursor = conn.execute(
        "INSERT INTO briefings (channel, created_at, since, until, items, payload) VALUES (?, ?, ?, ?, ?, ?)",
        (
            briefing.channel,
            iso(now),
            briefing.since,
            briefing.until,
            len(briefing.items),
            json.dumps(briefing_json(briefing), ensure_ascii=False),
        ),
    )
    briefing_id = cursor.lastrowid
    sent = _sent_state(conn, briefing.channel, [item.story_id for item in briefing.items])
    for item in briefing.items:
        articles, sentences = sent.get(item.story_id, (set(), []))
        articles = sorted(set(articles) | set(item.articles))
        sentences = list(sentences) + [s.text for s in item.sentences]
        conn.execute(
            "INSERT INTO channel_stories (channel, story_id, briefing_id, sent_at, articles, sentences)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(channel, story_id) DO UPDATE SET"
            " briefing_id = excluded.briefing_id, sent_at = excluded.sent_at,"
            " articles = excluded.articles, sentences = excluded.sentences",
            (briefing.channel, item.story_id, briefing_id, iso(now), json.dumps(articles), json.dumps(sentences)),
        )


def briefing_json(briefing: Briefing) -> dict:
    """The briefing as plain JSON data (the ``brief --json`` format)."""
    return {
        "channel": briefing.channel,
        "window": {"since": briefing.since, "until": briefing.until},
        "created_at": briefing.created_at,
        "dry_run": briefing.dry_run,
        "candidates": briefing.candidates,
        "items": [
            {
                "story_id": item.story_id,
                "headline": item.headline,
                "headline_citation": item.headline_citation.as_dict(),
                "update": item.update,
                "sources": item.sources,
                "outlets": list(item.outlets),
                "articles": list(item.articles),
                "actors": list(item.actors),
                "first_seen": item.first_seen,
                "score": item.score,
                "sentences": [
                    {"text": s.text, "citation": s.citation.as_dict(), "start": s.start, "end": s.end}
                    for s in item.sentences
                ],
            }
            for item in briefing.items
        ],
        "notes": list(briefing.notes),
    }
