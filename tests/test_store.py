"""The store: migrations, pragmas, concurrent writers, FTS kept in sync, safe search."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.errors import QueryError
from briefings.models import Article
from briefings.store import Store, open_store
from briefings.store.quoting import LIKE_ESCAPE, fts_any, fts_query, like_pattern
from briefings.store.schema import migrations
from briefings.text.clean import content_hash
from briefings.text.dates import utc_now


def make_article(n: int, body: str | None = None) -> Article:
    body = body or f"Article number {n} about Kyiv and the front line near Bakhmut."
    return Article(
        title=f"Title {n}",
        body=body,
        url=f"https://news.example/{n}",
        guid=None,
        source="News",
        published_at="2024-01-15T00:00:00Z",
        fetched_at="2024-01-15T00:00:00Z",
        content_hash=content_hash(f"Title {n}", body),
    )


def test_open_applies_migrations_once_and_sets_pragmas(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    with open_store(db_path) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == [m.name for m in migrations._migrations]
        tables = set(store.db.table_names())
        assert {"articles", "articles_fts", "ingest_runs", "article_lsh", "article_minhash", "feed_state"} <= tables


def test_two_openers_of_a_new_database_both_succeed(db_path: Path) -> None:
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            open_store(db_path).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db_path) as store:
        names = [m.name for m in migrations.applied(store.db)]
        assert len(names) == len(set(names))


def test_a_writer_waits_for_another_instead_of_failing(db_path: Path) -> None:
    second = open_store(db_path)
    holding, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        first = open_store(db_path)
        with first.write():
            first.articles.save(make_article(1), utc_now())
            holding.set()
            release.wait(10)  # hold the write lock until the other writer is waiting for it
        first.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert holding.wait(10)
    # Release the first writer a moment after the second has started waiting in its busy handler (the timing
    # only decides whether it waits; either way it must get the lock after the first commits, without failing).
    threading.Timer(0.2, release.set).start()
    with second.write():
        assert second.articles.count() == 1  # the first writer's article: it had committed
        second.articles.save(make_article(2), utc_now())
    holder.join()
    assert second.articles.count() == 2
    second.close()


def test_a_failed_transaction_leaves_nothing(store) -> None:
    with pytest.raises(RuntimeError), store.write():
        store.articles.save(make_article(1), utc_now())
        raise RuntimeError("boom")
    assert store.articles.count() == 0
    assert store.integrity_problems() == []


def test_fts_follows_inserts_updates_and_deletes(store) -> None:
    with store.write():
        store.articles.save(make_article(1, "Zelenskyy spoke in Davos."), utc_now())
        store.articles.save(make_article(2, "Putin spoke in Moscow."), utc_now())
    assert [h.article_id for h in store.articles.search("davos")] == [1]
    with store.write():
        store.articles.save(make_article(1, "Zelenskyy spoke in Kyiv."), utc_now())
    assert store.articles.search("davos") == []
    assert [h.article_id for h in store.articles.search("kyiv zelenskyy")] == [1]
    store.conn.execute("DELETE FROM articles WHERE id = 2")
    assert store.articles.search("moscow") == []
    assert store.integrity_problems() == []


def test_diacritics_are_folded_in_search(store) -> None:
    with store.write():
        store.articles.save(make_article(1, "The café in Zürich reopened."), utc_now())
    assert [h.article_id for h in store.articles.search("cafe zurich")] == [1]


NASTY = [
    "ukraine-russia",
    "don't",
    '"x',
    "*",
    "a:b:c",
    "NOT",
    "C++",
    "AT&T",
    "(",
    "NEAR(",
    "title:putin",
    "a AND",
    "OR",
    '""',
    "^x",
]


@pytest.mark.parametrize("text", NASTY)
def test_search_syntax_never_reaches_fts(seeds_store: Store, text: str) -> None:
    hits = seeds_store.articles.search(text)
    assert isinstance(hits, list)


def test_search_matches_hyphenated_and_quoted_words_literally(seeds_store) -> None:
    assert seeds_store.articles.search("ukraine-russia")
    for hit in seeds_store.articles.search("title:putin", limit=50):  # a phrase "title putin", not a column filter
        text = seeds_store.articles.get(hit.article_id)
        assert "title putin" in " ".join((text["title"] + " " + text["body"]).lower().replace(":", " ").split())


@pytest.mark.parametrize("text", ["", "   ", "a\x00b", "x" * 301])
def test_unusable_search_text_is_a_query_error(seeds_store, text: str) -> None:
    with pytest.raises(QueryError):
        seeds_store.articles.search(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_fuzzed_search_text_gives_results_or_a_query_error(seeds_store, text: str) -> None:
    try:
        hits = seeds_store.articles.search(text)
    except QueryError:
        assert "\x00" in text or not text.strip()
        return
    assert isinstance(hits, list)


def test_fts_query_quotes_every_token() -> None:
    assert fts_query('say "no" NOT now') == '"say" """no""" "NOT" "now"'
    assert fts_query("* ( )") is None
    assert fts_any(["grain", "AND", "grain", "-"]) == '"grain" OR "AND"'
    assert fts_any(["*", "("]) is None


@pytest.mark.parametrize("text", ["50%", "a_b", "back\\slash", "%_\\"])
def test_like_patterns_match_the_text_literally(store: Store, text: str) -> None:
    def like(value: str, pattern: str) -> bool:
        return bool(store.conn.execute("SELECT ? LIKE ? ESCAPE '\\'", (value, pattern)).fetchone()[0])

    # What the wildcards (and a lost escape character) would also match, were they not escaped.
    decoy = text.replace("_", "x").replace("%", "yy").replace("\\", "")
    assert decoy != text and not like(decoy, like_pattern(text))
    assert like(text, like_pattern(text)) and like("x" + text + "y", like_pattern(text))
    assert like(text + "z", like_pattern(text, prefix=True)) and not like("z" + text, like_pattern(text, prefix=True))
    assert like("z" + text, like_pattern(text, suffix=True)) and not like(text + "z", like_pattern(text, suffix=True))


def test_search_filters_by_date(seeds_store) -> None:
    from datetime import UTC, datetime

    hits = seeds_store.articles.search(
        "Zelenskyy", since=datetime(2022, 3, 1, tzinfo=UTC), until=datetime(2022, 4, 1, tzinfo=UTC), limit=50
    )
    assert hits and all("2022-03" <= h.published[:7] < "2022-04" for h in hits)


def test_foreign_keys_are_enforced(store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO article_lsh (key, article_id) VALUES (1, 999)")


def test_a_store_extracted_before_profiles_keeps_the_profile_it_was_keyed_with(db_path: Path) -> None:
    """Before profiles, extraction always used what is now the ``ukraine-russia`` profile: the migration that
    adds the ``meta`` table records it for a store that has extractions, so its lookups keep working."""
    with open_store(db_path) as store:
        with store.write():
            store.articles.save(make_article(1), utc_now())
            store.actors.mark_extracted(1, 1, "en_core_web_sm", utc_now())
        # Back to how such a store was before the migration.
        store.db.execute("DROP TABLE meta")
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_meta'")
    with open_store(db_path) as store:
        assert store.meta.get("extract_profile") == "ukraine-russia"
    with open_store(db_path.with_name("new.db")) as fresh:
        assert fresh.meta.get("extract_profile") is None  # a new store chooses at its first extraction


def test_people_are_found_by_surname_through_reversed_keys(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from briefings.store.schema import m014_actor_reversed_keys

    with open_store(tmp_path / "s.db") as store:
        zelensky = store.actors.add("Volodymyr Zelensky", "person", "volodymyr zelensky")
        store.actors.add("Zelensky Institute", "organization", "zelensky institute")  # not a person
        shmyhal = store.actors.add("Denys Shmyhal", "person", "denys shmyhal")
        assert store.actors.people_ending_with("zelensky") == [(zelensky, "Volodymyr Zelensky")]
        store.actors.rename(shmyhal, "Denys Shmyhal-Zelensky", "denys shmyhal-zelensky")
        assert sorted(store.actors.people_ending_with("zelensky")) == [
            (zelensky, "Volodymyr Zelensky"),
            (shmyhal, "Denys Shmyhal-Zelensky"),
        ]
        assert store.actors.people_ending_with("") == []
        # A store made before the column: the migration fills it for the people already stored.
        store.conn.execute("DROP INDEX actors_person_rkey")
        store.conn.execute("ALTER TABLE actors DROP COLUMN rkey")
        m014_actor_reversed_keys(Database(store.conn))
        assert store.actors.people_ending_with("shmyhal-zelensky") == [(shmyhal, "Denys Shmyhal-Zelensky")]


def test_only_a_persons_alias_lends_its_last_word_as_a_surname(tmp_path: Path) -> None:
    from briefings.queries.actors import find_actors

    with open_store(tmp_path / "s.db") as store:
        umerov = store.actors.add("Rustem Umerov", "person", "rustem umerov")
        store.actors.add_alias(umerov, "Mustafa Umerov", "mustafa umerov", "name", None, 1.0)
        column = store.actors.add("Lindau Times Column", "organization", "lindau times column")
        store.actors.add_alias(column, "LT's Person", "lt s person", "name", None, 1.0)
        assert store.actors.aliases_with_surname("umerov") == [(umerov, True)]
        assert store.actors.aliases_with_surname("person") == []  # a body's alias has no surname
        assert find_actors(store, "Person") == []


def test_an_alias_is_recorded_once_per_article_and_checked_through_the_article(store: Store) -> None:
    """The duplicate check is one index seek on (key, actor, kind, article), never a walk over every alias of a
    much-named actor (they grow with the store: one row per article naming it)."""
    store.conn.execute(
        "INSERT INTO articles (id, title, body, published_at, fetched_at, content_hash) VALUES"
        " (1, 't', 'b', '2024-01-01', '2024-01-01', 'h1'), (2, 't', 'b', '2024-01-02', '2024-01-02', 'h2')"
    )
    actor = store.actors.add("Kyiv", "place", "kyiv")
    for article in (1, 1, 2, None, None):
        store.actors.add_alias(actor, "Kiev", "kiev", "name", article, 0.9)
    rows = store.conn.execute("SELECT article_id FROM aliases WHERE actor_id = ? ORDER BY article_id", (actor,))
    assert [r[0] for r in rows] == [None, 1, 2]
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.actors.add_alias(actor, "Kiev", "kiev", "name", 2, 0.9)
    store.conn.set_trace_callback(None)
    (check,) = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    plan = " ".join(str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + check))
    assert "SEARCH" in plan and "article_id=?" in plan, plan  # one seek, whatever the actor's other aliases


def test_mention_days_are_the_same_whichever_side_the_query_starts_from(seeds_store: Store) -> None:
    """A timeline reads the rarer side: the actor's mentions or the period's articles; both give the same days."""
    actors = seeds_store.actors
    top = [a for (a,) in seeds_store.conn.execute("SELECT actor_id FROM actor_stats ORDER BY mentions DESC LIMIT 2")]
    since, until = datetime(2022, 1, 1, tzinfo=UTC), datetime(2023, 1, 1, tzinfo=UTC)
    for ids in ([top[0]], top):
        by_articles = actors._mention_days(ids, since, until, None)
        by_mentions = actors._mention_days(ids, since, until, ids[-1])
        assert by_articles == by_mentions and sum(by_articles.values()) > 0
        assert actors.mention_days(ids, since, until) == by_articles
    assert actors._articles_between(since, until) > 0


def test_event_days_are_found_through_the_actor_indexes(seeds_store: Store) -> None:
    (actor,) = seeds_store.conn.execute(
        "SELECT source_actor_id FROM events WHERE source_actor_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )
    days = seeds_store.events.day_counts([actor[0]], None, None)
    expected = seeds_store.conn.execute(
        "SELECT count(*) FROM events WHERE ? IN (source_actor_id, target_actor_id, location_actor_id)", actor
    ).fetchone()[0]
    assert sum(days.values()) == expected > 0


def test_autocomplete_finds_what_like_finds_by_an_index_range(store: Store) -> None:
    names = ["Kyiv", "kyiv oblast", "KYIVSTAR", "Kyi_v", "Kyi%v", "Kharkiv", "Київ", "київська", "Ky", "Éric Zemmour"]
    with store.write():
        store.conn.execute(
            "INSERT INTO articles (id, title, body, published_at, fetched_at, content_hash)"
            " VALUES (1, 't', 'b', '2024-01-01', '2024-01-01', 'h1')"
        )
        ids = [store.actors.add(name, "place", name.lower()) for name in names]
        # Mentions rank the names: the later in the list, the more mentioned (actors never mentioned come last).
        store.actors.add_mentions(
            (1, actor, 0, 0, 1, "x", "ner", "place", None) for n, actor in enumerate(ids[1:], start=1) for _ in range(n)
        )

    def by_like(prefix: str) -> list[str]:
        rows = store.conn.execute(
            "SELECT a.name FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id"
            f" WHERE a.name LIKE ? ESCAPE '{LIKE_ESCAPE}' ORDER BY coalesce(s.mentions, 0) DESC, a.name",
            (like_pattern(prefix, prefix=True),),
        )
        return [r[0] for r in rows]

    for prefix in ["ky", "KY", "Kyi_", "Kyi%", "kyiv ", "Ки", "Ки"[:1], "ки", "é", "É", "Z", "", "\U0010ffff"]:
        assert store.actors.names_starting(prefix, 25) == by_like(prefix), prefix
    assert store.actors.names_starting("ky", 2) == ["Ky", "Kyi%v"]
    assert store.actors.names_starting("", 3) == ["Éric Zemmour", "Ky", "київська"]
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.actors.names_starting("Ky")
    store.conn.set_trace_callback(None)
    (query,) = [s for s in statements if "lower(a.name)" in s]
    plan = " ".join(str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "actors_name_folded" in plan, plan


def test_first_names_are_learnt_from_stored_people(tmp_path) -> None:
    from briefings.store import open_store

    with open_store(tmp_path / "f.db") as store:
        with store.write():
            for name, kind in (("Valentina Tereshkova", "person"), ("Oleg", "person"), ("Victoria Station", "place")):
                store.conn.execute("INSERT INTO actors (name, kind, key) VALUES (?, ?, ?)", (name, kind, name.lower()))
        assert store.actors.first_names(["Valentina", "Oleg", "Victoria", "Vlad"]) == {"Valentina"}


def test_a_store_keeps_no_lone_surname_as_a_firm_alias(db_path: Path) -> None:
    """Stores extracted before m018 kept a lone surname joined to a full name as a spelling of it: the migration
    makes those surname aliases (a nickname, or the surname of an organisation, stays as it was)."""
    with open_store(db_path) as store:
        with store.write():
            elton = store.actors.add("Elton John", "person", "elton john")
            store.actors.add_alias(elton, "John", "john", "transliteration", None, 0.9)
            store.actors.add_alias(elton, "Reggie", "reggie", "name", None, 1.0)
            bank = store.actors.add("Lloyds Bank", "organization", "lloyds bank")
            store.actors.add_alias(bank, "Bank", "bank", "name", None, 1.0)
        assert store.actors.find("person", "john") == elton
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm018_lone_surnames_are_surname_aliases'")
    with open_store(db_path) as store:
        kinds = dict(store.conn.execute("SELECT alias, kind FROM aliases").fetchall())
        assert kinds == {"John": "surname", "Reggie": "name", "Bank": "name"}
        assert store.actors.find("person", "john") is None  # found by the surname rules now, not as a name
        assert store.actors.find("person", "reggie") == elton


def test_a_store_keys_people_without_their_middle_initials(db_path: Path) -> None:
    """Stores extracted before m021 kept "Vladimir V. Putin" apart from "Vladimir Putin": the migration gives the
    initial's actor the key without it, merging it into the person who has that key already (mentions, aliases
    and events move), and re-keys aliases; a name without a middle initial keeps its key."""
    with open_store(db_path) as store:
        with store.write():
            store.articles.save(make_article(1), utc_now())
            putin = store.actors.add("Vladimir Putin", "person", "vladimir putin")
            initial = store.actors.add("Vladimir V. Putin", "person", "vladimir v putin")
            store.actors.add_alias(initial, "Vladimir V. Putin", "vladimir v putin", "name", 1, 1.0)
            blinken = store.actors.add("Antony J. Blinken", "person", "antony j blinken")
            kim = store.actors.add("Kim Jong Un", "person", "kim jong un")
            conan = store.actors.add("Conan O'Brien", "person", "conan o brien")  # no initial: an apostrophe's
            store.actors.add_mentions([(1, initial, 0, 0, 5, "Vladimir V. Putin", "name", "person", None)])
            store.conn.execute(
                "INSERT INTO events (article_id, type, trigger, source_actor_id, date, date_precision, date_source,"
                " sentence, start, end) VALUES (1, 'meeting', 'met', ?, '2023-01-01', 'day', 'article', 'x', 0, 5)",
                (initial,),
            )
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm021_person_keys_without_middle_initials'")
    with open_store(db_path) as store:
        keys = dict(store.conn.execute("SELECT id, key FROM actors").fetchall())
        assert keys == {putin: "vladimir putin", blinken: "antony blinken", kim: "kim jong un", conan: "conan o brien"}
        assert store.conn.execute("SELECT DISTINCT actor_id FROM mentions").fetchall() == [(putin,)]
        assert store.conn.execute("SELECT source_actor_id FROM events").fetchall() == [(putin,)]
        assert store.conn.execute("SELECT actor_id, key FROM aliases").fetchall() == [(putin, "vladimir putin")]
        assert store.actors.mention_count(putin) == 1
        assert store.actors.find("person", "antony blinken") == blinken


def test_a_lone_surname_typed_as_an_organisation_is_the_person_most_named_by_it(db_path: Path) -> None:
    """The model calls "Biden" an organisation now and then ("Biden administration"): among several people of
    that surname, the one mentioned five times as often as any other is meant, as for a surname typed a person."""
    from briefings.extract.gazetteer import gazetteer
    from briefings.extract.records import ActorRef
    from briefings.extract.resolve import resolve_actor

    with open_store(db_path) as store, store.write():
        store.articles.save(make_article(1), utc_now())
        joe = store.actors.add("Joe Vandor", "person", "joe vandor")
        hunter = store.actors.add("Hunter Vandor", "person", "hunter vandor")
        store.actors.add_mentions([(1, joe, 0, i, i + 1, "Joe Vandor", "name", "person", None) for i in range(10)])
        store.actors.add_mentions([(1, hunter, 0, 20, 21, "Hunter Vandor", "name", "person", None)])
        found, _ = resolve_actor(store, gazetteer(), ActorRef("Vandor", "organization", "vandor"))
        assert found == joe
        store.actors.add_mentions(
            [(1, hunter, 0, i, i + 1, "Hunter Vandor", "name", "person", None) for i in range(30, 34)]
        )
        found, _ = resolve_actor(store, gazetteer(), ActorRef("Vandor", "organization", "vandor"))
        assert found not in (joe, hunter)  # 10 against 5: no one is meant for sure


def test_a_word_or_acronym_spelt_near_a_surname_is_not_that_person(db_path: Path) -> None:
    """A title, brand or town the model typed a place or an organisation joins a person only by the surname's own
    spelling, or by a variant that is no English word and no acronym."""
    from briefings.extract.gazetteer import gazetteer
    from briefings.extract.names import person_key
    from briefings.extract.records import ActorRef
    from briefings.extract.resolve import resolve_actor

    with open_store(db_path) as store, store.write():
        chers, kitt, vandor = (
            store.actors.add(name, "person", person_key(name))
            for name in ("Jacob Chers", "Tom Kitt", "Olena Vandorskyy")
        )
        for name, kind in (("Cheers", "place"), ("Kit", "organization"), ("DOD", "organization"), ("M&S", "group")):
            found, _ = resolve_actor(store, gazetteer(), ActorRef(name, kind, name.lower()))
            assert found not in (chers, kitt), name
        assert resolve_actor(store, gazetteer(), ActorRef("Chers", "place", "chers"))[0] == chers
        assert resolve_actor(store, gazetteer(), ActorRef("Vandorskiy", "place", "vandorskiy"))[0] == vandor


def test_a_shorter_form_of_a_full_name_counts_for_that_person_when_a_surname_is_alone(db_path: Path) -> None:
    """A name ending another ("Tayyip Vandor" of "Recep Tayyip Vandor") is one man under two names: his mentions
    are added up before a lone "Vandor" is weighed against his wife's."""
    from briefings.extract.gazetteer import gazetteer
    from briefings.extract.records import ActorRef
    from briefings.extract.resolve import resolve_actor

    def people(mentioned: dict[str, int]) -> list[int]:
        ids = []
        for name, n in mentioned.items():
            ids.append(store.actors.add(name, "person", name.lower()))
            store.actors.add_mentions([(1, ids[-1], 0, i, i + 1, name, "name", "person", None) for i in range(n)])
        return ids

    with open_store(db_path) as store, store.write():
        store.articles.save(make_article(1), utc_now())
        recep, _tayyip, _emine = people({"Recep Tayyip Vandor": 6, "Tayyip Vandor": 5, "Emine Vandor": 2})
        found, _ = resolve_actor(store, gazetteer(), ActorRef("Vandor", "person", "vandor"))
        assert found == recep  # 11 against 2; each form alone would be 6 or 5 against 2
        # A longer name mentioned less than its tail is a word glued before it: it takes nothing.
        kestors = people({"Guy Kestor": 9, "Songwriter Guy Kestor": 1, "Dwain Kestor": 2})
        found, _ = resolve_actor(store, gazetteer(), ActorRef("Kestor", "person", "kestor"))
        assert found not in kestors  # 9 against 2 (10 against 2 had the glued name absorbed Guy's)


def test_a_person_keeps_the_name_no_other_spelling_is_used_more_than(db_path: Path) -> None:
    with open_store(db_path) as store, store.write():
        for n in (1, 2, 3):
            store.articles.save(make_article(n), utc_now())
        mat = store.actors.add("Mat Ishbia", "person", "mat ishbia")
        store.actors.add_alias(mat, "Mat Ishbia", "mat ishbia", "name", 1, 1.0)
        store.actors.add_alias(mat, "Billionaire Mat Ishbia", "billionaire mat ishbia", "transliteration", 2, 0.9)
        assert store.actors.most_used_spelling(mat, "Mat Ishbia") is None  # one use each: the name stays
        store.actors.add_alias(mat, "Billionaire Mat Ishbia", "billionaire mat ishbia", "transliteration", 3, 0.9)
        assert store.actors.most_used_spelling(mat, "Mat Ishbia") == "Billionaire Mat Ishbia"


def test_a_longer_name_does_not_join_a_name_that_starts_with_an_initial(db_path: Path) -> None:
    from briefings.extract.gazetteer import gazetteer
    from briefings.extract.records import ActorRef
    from briefings.extract.resolve import resolve_actor

    with open_store(db_path) as store, store.write():
        fragment = store.actors.add("F Vandor", "person", "f vandor")  # the end of any "... F Vandor"
        dana = store.actors.add("Dana Vandor", "person", "dana vandor")
        robert, _ = resolve_actor(store, gazetteer(), ActorRef("Robert F Vandor", "person", "robert f vandor"))
        assert robert not in (fragment, dana)
        briton, spelling = resolve_actor(
            store, gazetteer(), ActorRef("Briton Dana Vandor", "person", "briton dana vandor")
        )
        assert (briton, spelling) == (dana, True)


def test_a_lone_surname_typed_as_an_organisation_is_kept_as_the_persons_surname(db_path: Path) -> None:
    from briefings.extract.records import ActorRef, Extraction, Mention
    from briefings.extract.resolve import save_extraction

    with open_store(db_path) as store, store.write():
        store.articles.save(make_article(1), utc_now())
        joe = store.actors.add("Joe Vandor", "person", "joe vandor")
        ref = ActorRef("Vandor", "organization", "vandor")  # "the Vandor administration"
        save_extraction(store, 1, Extraction([ref], [Mention(0, 0, 6, 0, "Vandor")], [], "test"), utc_now())
        assert store.conn.execute("SELECT actor_id, kind FROM aliases WHERE alias = 'Vandor'").fetchall() == [
            (joe, "surname")
        ]
        assert store.actors.find("person", "vandor") is None  # the next lone "Vandor" is weighed again


def _reading_saver(store: Store):
    """``save(article, name, kind, cue=None)``: store one article's single reading of a name; ``actors(name)``:
    (kind, mentions) of each actor of that name."""
    from briefings.extract.records import ActorRef, Extraction, Mention
    from briefings.extract.resolve import save_extraction

    def save(article: int, name: str, kind: str, cue: str | None = None) -> None:
        mention = Mention(0, 0, len(name), 0, name, cue=cue)
        save_extraction(store, article, Extraction([ActorRef(name, kind, name.lower())], [mention], [], "t"), utc_now())

    def actors(name: str) -> list[tuple[str, int]]:
        return store.conn.execute(
            "SELECT a.kind, count(m.id) FROM actors a JOIN mentions m ON m.actor_id = a.id WHERE a.name = ?"
            " GROUP BY a.id",
            (name,),
        ).fetchall()

    return save, actors


def test_a_name_read_as_a_person_once_and_an_organisation_more_often_is_an_organisation(db_path: Path) -> None:
    """The model's reading of a one-word name varies from article to article: the actor is one, a person or an
    organisation as most of its mentions were read, whichever article came first."""
    with open_store(db_path) as store, store.write():
        save, actors = _reading_saver(store)
        for n in range(1, 7):
            store.articles.save(make_article(n), utc_now())
        save(1, "Kestrelair", "person")
        save(2, "Kestrelair", "organization")
        assert actors("Kestrelair") == [("person", 2)]  # one reading each: the first stands
        save(3, "Kestrelair", "organization")
        assert actors("Kestrelair") == [("organization", 3)]
        save(4, "Kestrelair", "person")  # a later person reading joins the organisation
        assert actors("Kestrelair") == [("organization", 4)]
        # The other way round: an organisation first, then more people of that name.
        save(5, "Ondrel", "organization")
        save(6, "Ondrel", "person")
        save(1, "Ondrel", "person")
        assert actors("Ondrel") == [("person", 3)]
        # A given name and a surname say person, however often the model reads them otherwise; and the model's
        # place readings of a name the gazetteer does not know are no votes.
        save(1, "Olaf Vandor", "person")
        save(2, "Olaf Vandor", "organization")
        save(3, "Olaf Vandor", "organization")
        assert actors("Olaf Vandor") == [("person", 3)]
        save(1, "Blinkor", "person")
        save(2, "Blinkor", "place")
        save(3, "Blinkor", "place")
        assert actors("Blinkor") == [("person", 3)]
        # A known person's surname stays a person's ("Trump-backed", "Trump voters" read as an organisation).
        store.actors.add("Dana Tromsk", "person", "dana tromsk")
        store.actors.add("Ivo Tromsk", "person", "ivo tromsk")  # two of them: a lone "Tromsk" joins neither
        save(4, "Tromsk", "person")
        save(5, "Tromsk", "organization")
        save(6, "Tromsk", "organization")
        assert actors("Tromsk") == [("person", 3)]


def test_a_name_takes_the_kind_its_classifying_nouns_give_whichever_article_came_first(db_path: Path) -> None:
    """A name of several words the model reads as a person in one article and a classifying noun calls a site in
    others ("the Turk Stream pipeline") is the place; without such cues its longer name's readings do not vote."""
    with open_store(db_path) as store, store.write():
        save, actors = _reading_saver(store)
        for n in range(1, 6):
            store.articles.save(make_article(n), utc_now())
        save(1, "Turk Stream", "person")
        save(2, "Turk Stream", "place", cue="place")
        assert actors("Turk Stream") == [("place", 2)]  # one cue outweighs the first article's reading
        save(3, "Turk Stream", "person")
        assert actors("Turk Stream") == [("place", 3)]
        save(1, "Kestrel Holdings", "person")
        save(2, "Kestrel Holdings", "organization")
        save(3, "Kestrel Holdings", "organization")
        assert actors("Kestrel Holdings") == [("person", 3)]  # a longer name's readings alone do not vote
        save(1, "Robert Ostrov", "person")
        save(2, "Robert Ostrov", "organization", cue="organization")
        assert actors("Robert Ostrov") == [("person", 2)]  # a given name and a surname: a person whatever a cue says
        for article in (1, 2, 3):
            save(article, "Ostrovia", "person")
        save(4, "Ostrovia", "organization", cue="organization")
        assert actors("Ostrovia") == [("person", 4)]  # one cue against many readings may be misread
        save(5, "Ostrovia", "organization", cue="organization")  # a second cue, in another article
        assert actors("Ostrovia") == [("organization", 5)]
        # a place reading, then a cued organisation of the name: a person reading joins the organisation, which
        # takes the place reading in (one actor per name, as without cues)
        save(1, "Kordex", "place")
        save(2, "Kordex", "organization", cue="organization")
        save(3, "Kordex", "person")
        assert actors("Kordex") == [("organization", 3)]


def test_a_surname_read_as_an_organisation_does_not_retype_the_person_and_a_known_place_stays(
    db_path: Path,
) -> None:
    from briefings.extract.records import ActorRef, Extraction, Mention
    from briefings.extract.resolve import save_extraction

    with open_store(db_path) as store, store.write():
        for n in range(1, 4):
            store.articles.save(make_article(n), utc_now())
        joe = store.actors.add("Joe Vandor", "person", "joe vandor")
        store.actors.add_mentions([(1, joe, 0, 0, 10, "Joe Vandor", "name", "person", None)])
        france = store.actors.add("France", "place", "france")
        store.actors.add_mentions([(1, france, 0, 20, 26, "France", "name", "place", None)])
        for article in (2, 3):
            refs = [ActorRef("Vandor", "organization", "vandor"), ActorRef("France", "organization", "france")]
            mentions = [Mention(0, 0, 6, 0, "Vandor"), Mention(1, 10, 16, 0, "France")]
            save_extraction(store, article, Extraction(refs, mentions, [], "t"), utc_now())
        kinds = dict(store.conn.execute("SELECT name, kind FROM actors").fetchall())
        assert kinds == {"Joe Vandor": "person", "France": "place"}  # the team's readings do not make it a club
