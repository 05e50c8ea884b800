"""The benchmark corpus generator: distinct texts, extraction moved with the text, written through ingest's path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bench.scale import Edit, Generator, Unit, parse_schedule, write
from briefings.extract.names import org_key, person_key
from briefings.extract.records import ActorRef, EventDate, EventRef, Extraction, Mention
from briefings.store import open_store


def unit(day: int, body: str, people: list[str], place: str, hour: int = 9) -> Unit:
    actors = [ActorRef(p, "person", person_key(p), aliases={p.split()[-1]: "surname"}) for p in people]
    actors.append(ActorRef(place, "place", org_key(place), country="GB"))
    mentions = []
    for index, ref in enumerate(actors):
        at = body.find(ref.name)
        mentions.append(Mention(index, at, at + len(ref.name), 0, ref.name))
    first = body.split(". ")[0] + "."
    events = [
        EventRef(
            "statement",
            "said",
            first,
            0,
            len(first),
            EventDate(f"2022-01-{day:02d}", "day", "article"),
            source=0,
            location=len(actors) - 1,
        )
    ]
    published = datetime(2022, 1, day, hour, tzinfo=UTC)
    return Unit(
        f"{people[0]} speaks in {place}",
        body,
        "Example News",
        published,
        Extraction(actors, mentions, events, "test"),
        2,
    )


UNITS = [
    unit(d, f"{a} said 12 schools in {p} would close. {b} met 340 workers in {p} on Monday.", [a, b], p, hour=8 + d)
    for d in range(1, 10)
    for a, b, p in (
        ("Alice Harrow", "Brian Okafor", "Leeds"),
        ("Carla Mendes", "Dmitri Volkov", "York"),
        ("Erin Walsh", "Farid Haddad", "Leeds"),
    )
]


def test_schedule_parses_and_names_a_bad_part() -> None:
    assert parse_schedule("300x30, 3000x2") == [(300, 30), (3000, 2)]
    with pytest.raises(ValueError, match="'300'"):
        parse_schedule("300")


def test_edit_moves_offsets_after_each_replacement() -> None:
    edit = Edit("Ann Lee met Bo Lee.", [(4, 7, "Smithson"), (15, 18, "Ng")])
    assert edit.text == "Ann Smithson met Bo Ng."
    assert edit.at(0) == 0 and edit.at(7) == 12 and edit.at(12) == 17 and edit.at(18) == 22


def test_generated_articles_are_distinct_and_their_extraction_matches_their_text() -> None:
    generator = Generator(UNITS, seed=3)
    articles = generator.day(0, date(2023, 1, 2), 60)
    assert len(articles) == 60
    assert len({a.content_hash for a in articles}) == 60
    assert [a.published_at for a in articles] == sorted(a.published_at for a in articles)
    renamed = 0
    for article in articles:
        assert article.published_at.startswith("2023-01-02")
        extraction = article.extraction
        assert extraction is not None and extraction.mentions and extraction.events
        for mention in extraction.mentions:
            assert article.body[mention.start : mention.end] == mention.text
        for event in extraction.events:
            assert article.body[event.start : event.end] == event.sentence
            # the unit's day is moved to the article's: 2022-01-0N → 2023-01-02 (+ the same offset)
            assert event.date.date >= "2023-01-02"
        people = {a.name for a in extraction.actors if a.kind == "person"}
        renamed += bool(people - {n for u in UNITS for n in (a.name for a in u.extraction.actors)})
    assert renamed > 10  # about half the people get another surname


def test_days_written_through_the_ingest_path_grow_the_tables(tmp_path) -> None:
    generator = Generator(UNITS, seed=5)
    path = tmp_path / "scale.db"
    with open_store(path) as store:
        for n in range(3):
            new, _near = write(store, generator.day(n, date(2023, 1, 2), 40))
            assert new > 0
        conn = store.conn
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert articles == 120
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == articles
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] > articles
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] > 0
        people = conn.execute("SELECT count(*) FROM actors WHERE kind = 'person'").fetchone()[0]
        assert people > 6  # the six real people and renamed ones
        last = conn.execute("SELECT max(published_at) FROM articles").fetchone()[0]
        assert last < (datetime(2023, 1, 5, tzinfo=UTC) + timedelta(seconds=1)).isoformat()
