"""The store: migrations, pragmas, concurrent writers, FTS kept in sync, safe search."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.errors import QueryError
from briefings.ingest.pipeline import Ingestor
from briefings.models import Article
from briefings.store.database import fts_query, open_store
from briefings.store.schema import migrations
from briefings.text.clean import content_hash
from briefings.text.dates import utc_now
from tests.conftest import SEEDS


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
    done = threading.Event()

    def hold_lock() -> None:
        first = open_store(db_path)
        with first.write():
            first.save_article(make_article(1), utc_now())
            time.sleep(0.5)
        done.set()
        first.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    time.sleep(0.1)
    with second.write():
        assert done.is_set()
        second.save_article(make_article(2), utc_now())
    holder.join()
    assert second.count_articles() == 2
    second.close()


def test_a_failed_transaction_leaves_nothing(store) -> None:
    with pytest.raises(RuntimeError), store.write():
        store.save_article(make_article(1), utc_now())
        raise RuntimeError("boom")
    assert store.count_articles() == 0
    assert store.integrity_problems() == []


def test_fts_follows_inserts_updates_and_deletes(store) -> None:
    with store.write():
        store.save_article(make_article(1, "Zelenskyy spoke in Davos."), utc_now())
        store.save_article(make_article(2, "Putin spoke in Moscow."), utc_now())
    assert [h.article_id for h in store.search("davos")] == [1]
    with store.write():
        store.save_article(make_article(1, "Zelenskyy spoke in Kyiv."), utc_now())
    assert store.search("davos") == []
    assert [h.article_id for h in store.search("kyiv zelenskyy")] == [1]
    store.conn.execute("DELETE FROM articles WHERE id = 2")
    assert store.search("moscow") == []
    assert store.integrity_problems() == []


def test_diacritics_are_folded_in_search(store) -> None:
    with store.write():
        store.save_article(make_article(1, "The café in Zürich reopened."), utc_now())
    assert [h.article_id for h in store.search("cafe zurich")] == [1]


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


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    store = open_store(path)
    Ingestor(store).ingest([str(SEEDS)])
    yield store
    store.close()


@pytest.mark.parametrize("text", NASTY)
def test_search_syntax_never_reaches_fts(seeded, text: str) -> None:
    hits = seeded.search(text)
    assert isinstance(hits, list)


def test_search_matches_hyphenated_and_quoted_words_literally(seeded) -> None:
    assert seeded.search("ukraine-russia")
    for hit in seeded.search("title:putin", limit=50):  # a phrase "title putin", not a column filter
        text = seeded.article(hit.article_id)
        assert "title putin" in " ".join((text["title"] + " " + text["body"]).lower().replace(":", " ").split())


@pytest.mark.parametrize("text", ["", "   ", "a\x00b", "x" * 301])
def test_unusable_search_text_is_a_query_error(seeded, text: str) -> None:
    with pytest.raises(QueryError):
        seeded.search(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_fuzzed_search_text_gives_results_or_a_query_error(seeded, text: str) -> None:
    try:
        hits = seeded.search(text)
    except QueryError:
        assert "\x00" in text or not text.strip()
        return
    assert isinstance(hits, list)


def test_fts_query_quotes_every_token() -> None:
    assert fts_query('say "no" NOT now') == '"say" """no""" "NOT" "now"'
    assert fts_query("* ( )") is None


def test_search_filters_by_date(seeded) -> None:
    from datetime import UTC, datetime

    hits = seeded.search(
        "Zelenskyy", since=datetime(2022, 3, 1, tzinfo=UTC), until=datetime(2022, 4, 1, tzinfo=UTC), limit=50
    )
    assert hits and all("2022-03" <= h.published[:7] < "2022-04" for h in hits)


def test_foreign_keys_are_enforced(store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO article_lsh (key, article_id) VALUES (1, 999)")
