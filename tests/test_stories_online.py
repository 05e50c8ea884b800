"""Stories kept as articles arrive: assignment at ingest, continuation across runs, closing, legacy articles."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefings.briefing.build import build_briefing
from briefings.briefing.spec import BriefingSpec
from briefings.ingest import pipeline
from briefings.ingest.pipeline import Ingestor
from briefings.store import Store, open_store
from briefings.stories.online import Arrival, Assigner, OnlineWeights, assign_articles
from briefings.text.similarity import name_terms

ECLIPSE = [
    ("Total solar eclipse darkens skies over Chile and Argentina", "Millions watched the total solar eclipse."),
    ("Crowds gather in Chile to watch the solar eclipse", "The eclipse crossed Chile in the afternoon."),
    ("Solar eclipse: astronomers in Argentina record the corona", "The total eclipse gave astronomers two minutes."),
]
OTHER = [
    ("Central bank raises interest rates to fight inflation", "The bank lifted its main rate by half a point."),
    ("Football club appoints new manager after poor season", "The club named its new coach on Monday."),
    ("Heatwave brings record temperatures to southern Spain", "Seville reached 44 degrees on Tuesday."),
]


def _write(path: Path, items: list[tuple[str, str]], day: str, prefix: str) -> Path:
    rows = [
        {
            "title": title,
            "body": body,
            "published": f"{day}T{10 + n:02d}:00:00Z",
            "source": f"Outlet {n}",
            "url": f"https://news.example/{prefix}/{n}",
        }
        for n, (title, body) in enumerate(items)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _stories(store: Store) -> dict[str, int]:
    return dict(
        store.conn.execute(
            "SELECT a.title, s.story_id FROM articles a JOIN story_articles s ON s.article_id = a.id"
        ).fetchall()
    )


def test_articles_get_their_story_as_they_are_stored(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", ECLIPSE + OTHER, "2024-04-08", "a")
    Ingestor(store).ingest([str(path)])
    stories = _stories(store)
    assert len(stories) == 6  # every article has a story
    eclipse = {stories[title] for title, _ in ECLIPSE}
    assert len(eclipse) == 1
    others = {stories[title] for title, _ in OTHER}
    assert len(others) == 3 and not others & eclipse
    (size,) = store.conn.execute("SELECT size FROM stories WHERE id = ?", (eclipse.pop(),)).fetchone()
    assert size == 3


def test_the_same_input_makes_the_same_stories_however_the_clock_cuts_its_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Newest first, as feeds list them: assignment orders a group by publication, so a story's id (its first
    # article's) depends on which articles were assigned together. The groups must follow the input, not the clock.
    path = _write(tmp_path / "a.jsonl", ECLIPSE + OTHER, "2024-04-08", "a")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(reversed(lines)), encoding="utf-8")
    made = []
    for seconds in (3600.0, 0.0):  # one chunk for the file; then a chunk for each article
        monkeypatch.setattr(pipeline, "CHUNK_SECONDS", seconds)
        with open_store(tmp_path / f"s{seconds}.db") as store:
            Ingestor(store).ingest([str(path)])
            made.append(_stories(store))
    assert len(made[0]) == 6 and made[1] == made[0]
    assert len(set(made[0].values())) == 4


def test_a_group_is_assigned_before_any_later_article_is_stored(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A later article's actors can merge an earlier one's: what a group is assigned with must not depend on how
    # many articles the clock let into its chunk.
    path = _write(tmp_path / "a.jsonl", ECLIPSE + OTHER, "2024-04-08", "a")
    monkeypatch.setattr(pipeline, "CHUNK_SECONDS", 3600.0)  # one chunk holds the whole file
    monkeypatch.setattr(pipeline, "ASSIGN_ARTICLES", 2)
    seen: list[tuple[list[int], int]] = []
    real = pipeline.assign_articles

    def spy(store: Store, ids: list[int], **kwargs: object) -> dict[int, int]:
        (newest,) = store.conn.execute("SELECT max(id) FROM articles").fetchone()
        seen.append((list(ids), newest))
        return real(store, ids, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "assign_articles", spy)
    Ingestor(store).ingest([str(path)])
    assert [ids for ids, _ in seen] == [[1, 2], [3, 4], [5, 6]]
    assert all(newest == max(ids) for ids, newest in seen)
    assert len(_stories(store)) == 6


SENTENCED = [
    ("Maxwell sentenced to 20 years in prison for trafficking", "The judge sentenced her in New York on Tuesday."),
    ("Kelly sentenced to 30 years in prison for racketeering", "The judge sentenced him in New York on Wednesday."),
]


def _assigned_with(store: Store, weights: OnlineWeights, actors: dict[int, set[int]]) -> set[int]:
    """The stories of the stored articles assigned afresh, each article naming the given actors."""
    with store.write():
        for table in ("story_keys", "story_terms", "story_articles", "stories"):
            store.conn.execute(f"DELETE FROM {table}")
        arrivals = [
            Arrival(lead.id, lead.published, lead.title, lead.lead, frozenset(actors[lead.id]))
            for lead in store.articles.leads(sorted(actors))
        ]
        return set(Assigner(store, weights).assign(arrivals).values())


def test_articles_that_share_only_an_events_words_need_more_to_join(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", SENTENCED, "2022-06-28", "a"))])
    apart = {1: {1}, 2: {2}}  # two defendants
    assert len(_assigned_with(store, OnlineWeights(strangers=1.0), apart)) == 1  # the words alone join them
    assert len(_assigned_with(store, OnlineWeights(strangers=0.0), apart)) == 2
    assert len(_assigned_with(store, OnlineWeights(strangers=0.0), {1: {1, 3}, 2: {2, 3}})) == 1  # one court


def test_articles_about_other_people_need_more_to_join_though_they_share_a_place(store: Store, tmp_path: Path) -> None:
    items = [
        ("Maxwell sentenced to 20 years in prison", "The judge in New York sentenced her on Tuesday."),
        ("Singer Kelly sentenced to 30 years in prison", "The judge in New York sentenced him on Wednesday."),
    ]
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", items, "2022-06-28", "a"))])
    with store.write():
        maxwell, kelly = (store.actors.add(n, "person", n.lower()) for n in ("Ghislaine Maxwell", "R. Kelly"))
        city = store.actors.add("New York", "place", "new york")
    two_people = {1: {maxwell, city}, 2: {kelly, city}}
    assert len(_assigned_with(store, OnlineWeights(strangers=1.0), two_people)) == 1
    assert len(_assigned_with(store, OnlineWeights(strangers=0.0), two_people)) == 2
    assert len(_assigned_with(store, OnlineWeights(strangers=0.0), {1: {maxwell, city}, 2: {maxwell, city}})) == 1


def test_a_name_the_extraction_did_not_resolve_still_counts_as_shared(store: Store, tmp_path: Path) -> None:
    items = [SENTENCED[0], ("Survivors tell of Maxwell abuse as she is sentenced to 20 years in prison", "")]
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", items, "2022-06-28", "a"))])
    assert len(_assigned_with(store, OnlineWeights(strangers=0.0), {1: {1}, 2: {2}})) == 1


def test_the_names_of_a_headline_are_its_capitalised_words_after_the_first() -> None:
    assert name_terms("Disgraced singer R. Kelly sentenced to 30 years in prison") == {"kelly"}
    assert name_terms("'It's time for Boris to go,' says new Lib Dem MP") == {"boris", "lib", "dem", "mp"}
    assert name_terms("U.N. Inspectors Gauge Risks at Nuclear Plant as Ukraine and Russia Trade Accusations") == set()


def test_articles_stored_before_their_leaf_failed_get_their_stories(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "CHUNK_SECONDS", 0.0)  # each article committed alone
    real = Ingestor._write
    failed = []

    def write(self: Ingestor, batch: list, *args: object, last: bool) -> None:
        if last and not failed:
            failed.append(True)
            raise OSError("the disk went away")  # the leaf's last write fails
        real(self, batch, *args, last=last)  # type: ignore[arg-type]

    monkeypatch.setattr(Ingestor, "_write", write)
    counts = Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE, "2024-04-08", "a"))])
    assert counts.failed == 1 and failed
    assert len(_stories(store)) == 3 and len(set(_stories(store).values())) == 1


def test_a_later_ingest_continues_the_stored_story(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:2] + OTHER, "2024-04-08", "a"))])
    Ingestor(store).ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[2:], "2024-04-09", "b"))])
    stories = _stories(store)
    assert stories[ECLIPSE[2][0]] == stories[ECLIPSE[0][0]] == stories[ECLIPSE[1][0]]


def test_a_story_quiet_past_the_horizon_is_not_continued(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:2], "2024-04-08", "a"))])
    Ingestor(store).ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[2:], "2024-05-20", "b"))])
    stories = _stories(store)
    assert stories[ECLIPSE[0][0]] == stories[ECLIPSE[1][0]] != stories[ECLIPSE[2][0]]


def test_the_threshold_decides_between_joining_and_starting(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE, "2024-04-08", "a"))])

    def assign(threshold: float) -> set[int]:
        with store.write():
            for table in ("story_keys", "story_terms", "story_articles", "stories"):
                store.conn.execute(f"DELETE FROM {table}")
            arrivals = [Arrival(n + 1, f"2024-04-08T1{n}:00:00Z", t, b) for n, (t, b) in enumerate(ECLIPSE)]
            return set(
                Assigner(store, OnlineWeights(threshold=threshold, merge_threshold=2.0)).assign(arrivals).values()
            )

    assert len(assign(0.05)) == 1
    assert len(assign(0.99)) == 3


def test_articles_stored_before_stories_were_kept_get_one_when_briefed(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE + OTHER, "2024-04-08", "a"))])
    with store.write():  # as a store from before migration m013 would be
        store.conn.execute("DELETE FROM story_articles")
    until = datetime(2024, 4, 9, tzinfo=UTC)
    briefing = build_briefing(store, BriefingSpec(until=until, max_items=10), now=until, dry_run=True)
    assert len(briefing.items) == 4
    assert len(_stories(store)) == 6
    assert assign_articles(store, [1]) == {1: _stories(store)[ECLIPSE[0][0]]}


def test_a_briefing_has_one_item_per_story_whatever_the_window(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:2] + OTHER, "2024-04-08", "a"))])
    Ingestor(store).ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[2:], "2024-04-10", "b"))])
    until = datetime(2024, 4, 11, tzinfo=UTC)
    week = build_briefing(
        store, BriefingSpec(until=until, since=datetime(2024, 4, 4, tzinfo=UTC), max_items=10), now=until, dry_run=True
    )
    headlines = [item.headline for item in week.items]
    assert len(week.items) == 4, headlines
    eclipse = [item for item in week.items if "eclipse" in item.headline.lower()]
    assert len(eclipse) == 1 and len(eclipse[0].articles) == 3


def test_stories_whose_centroids_agree_are_merged_with_what_channels_received(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Never joined article by article (threshold above any similarity), so each article starts a story.
    apart = OnlineWeights(threshold=2.0, merge_threshold=2.0)
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:2], "2024-04-08", "a"))])
    with store.write():
        for table in ("story_keys", "story_terms", "story_articles", "stories"):
            store.conn.execute(f"DELETE FROM {table}")
        first = assign_articles(store, [1], apart)
        second = assign_articles(store, [2], apart)
    assert first[1] != second[2]
    until = datetime(2024, 4, 9, tzinfo=UTC)
    sent = build_briefing(store, BriefingSpec(until=until, channel="ops", max_items=10), now=until)
    assert len(sent.items) == 2
    # A third article on the eclipse arrives; with merging on, the two eclipse stories become one.
    merging = OnlineWeights(threshold=2.0, merge_threshold=0.05)
    monkeypatch.setattr(pipeline, "assign_articles", lambda s, ids, assigner: assign_articles(s, ids, merging))
    Ingestor(store).ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[2:], "2024-04-09", "b"))])
    merged = {3: _stories(store)[ECLIPSE[2][0]]}
    stories = _stories(store)
    assert len({stories[title] for title, _ in ECLIPSE}) == 1
    assert merged[3] == stories[ECLIPSE[0][0]] == min(first[1], second[2])
    (channel_rows,) = store.conn.execute("SELECT count(*) FROM channel_stories WHERE channel = 'ops'").fetchone()
    assert channel_rows == 1
    (size,) = store.conn.execute("SELECT size FROM stories WHERE id = ?", (merged[3],)).fetchone()
    assert size == 3
    # The channel had both halves: the merged story is an update, with only the new article's sentences.
    later = until + timedelta(days=1)
    update = build_briefing(store, BriefingSpec(until=later, channel="ops", max_items=10), now=later)
    assert [i.update for i in update.items] == [True]
    assert update.items[0].sentences[0].citation.article_id == 3


def _size(store: Store, story_id: int) -> int:
    (size,) = store.conn.execute("SELECT size FROM stories WHERE id = ?", (story_id,)).fetchone()
    return size


def test_an_ingest_keeps_its_stories_in_memory_only_while_no_one_else_writes(store: Store, tmp_path: Path) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:1], "2024-04-08", "a"))])
    story = _stories(store)[ECLIPSE[0][0]]
    # Another connection (the poller) adds an article to the story between two of this ingestor's chunks.
    with open_store(store.path) as other:
        Ingestor(other).ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[1:2], "2024-04-08", "b"))])
        assert _size(other, story) == 2
    ingestor.ingest([str(_write(tmp_path / "c.jsonl", ECLIPSE[2:], "2024-04-08", "c"))])
    assert _stories(store)[ECLIPSE[2][0]] == story
    assert _size(store, story) == 3  # not 2: the story held in memory was read again


def test_an_ingest_forgets_the_stories_of_a_transaction_rolled_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest([str(_write(tmp_path / "a.jsonl", ECLIPSE[:1], "2024-04-08", "a"))])
    story = _stories(store)[ECLIPSE[0][0]]
    flush = store.articles.flush

    def fail() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.articles, "flush", fail)  # fails after the chunk's stories were assigned
    counts = ingestor.ingest([str(_write(tmp_path / "b.jsonl", ECLIPSE[1:2], "2024-04-08", "b"))])
    assert counts.failed == 1 and counts.new == 0
    monkeypatch.setattr(store.articles, "flush", flush)
    ingestor.ingest([str(_write(tmp_path / "c.jsonl", ECLIPSE[2:], "2024-04-08", "c"))])
    assert _stories(store)[ECLIPSE[2][0]] == story
    assert _size(store, story) == 2  # the rolled-back article is not counted


def test_a_kept_assigner_assigns_as_fresh_ones_do(store: Store, tmp_path: Path) -> None:
    items = ECLIPSE + OTHER
    Ingestor(store).ingest([str(_write(tmp_path / "a.jsonl", items, "2024-04-08", "a"))])
    batches = [[1, 2], [3], [4, 5], [6]]

    def run(assigner: Assigner | None) -> dict[int, int]:
        with store.write():
            for table in ("story_keys", "story_terms", "story_articles", "stories"):
                store.conn.execute(f"DELETE FROM {table}")
        out: dict[int, int] = {}
        for batch in batches:
            with store.write():
                out |= assign_articles(store, batch, assigner=assigner)
        return out

    fresh = run(None)
    assert run(Assigner(store)) == fresh
    assert len(set(fresh.values())) == 4
