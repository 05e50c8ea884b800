"""The store opened with the tools people already use: Datasette (search, facets, every canned query of
config/datasette.json, through Datasette's own test client) and sqlite-utils (detect the index, search)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from sqlite_utils import Database
from sqlite_utils.cli import cli as sqlite_utils_cli

from briefings.store import open_store
from briefings.text.dates import utc_now
from tests.test_store import make_article

ROOT = Path(__file__).parent.parent
METADATA = json.loads((ROOT / "config" / "datasette.json").read_text(encoding="utf-8"))
OLD_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
)
"""


@pytest.fixture
def briefbot_db(seeds_copy: Path, tmp_path: Path) -> Path:
    """The seeded store under the file name the metadata describes, with a briefing built today and a failing
    source, so every canned query has rows to give."""
    path = tmp_path / "browse" / "briefbot.db"
    path.parent.mkdir()
    shutil.copy(seeds_copy, path)
    from bot.cli import cli

    config = tmp_path / "briefbot.toml"
    config.write_text('[[channels]]\nname = "ops"\nplatform = "console"\nschedule = "0 8 * * *"\n', encoding="utf-8")
    brief = ["--db", str(path), "brief", "--channel", "ops", "--config", str(config), "--since", "520w", "--json"]
    result = CliRunner().invoke(cli, brief)
    assert result.exit_code == 0 and json.loads(result.output)["items"], result.output
    missing = str(tmp_path / "gone" / "feed.xml")
    CliRunner().invoke(cli, ["--db", str(path), "ingest", "--no-extract", missing])
    return path


def get(db: Path, path: str, metadata: dict | None = METADATA) -> dict:
    async def fetch() -> dict:
        datasette = Datasette([str(db)], metadata=metadata)
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def test_datasette_finds_the_full_text_index_without_being_told(briefbot_db: Path) -> None:
    found = get(briefbot_db, "/briefbot/articles.json?_search=Davos&_shape=objects&_size=100", metadata=None)
    with open_store(briefbot_db) as store:
        matching = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Davos'").fetchone()
    assert found["filtered_table_rows_count"] == len(found["rows"]) == matching[0] > 0


def test_datasette_search_and_facets_with_the_metadata(briefbot_db: Path) -> None:
    page = get(briefbot_db, "/briefbot/articles.json?_search=Zelenskyy+Davos&_shape=objects&_size=5")
    assert page["rows"] and all("Davos" in (r["title"] + r["body"]) for r in page["rows"])
    facets = get(briefbot_db, "/briefbot/articles.json?_size=0")["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them
    outlets = {v["value"] for v in facets["source"]["results"]}
    assert {"Kremlin", "President of Ukraine"} <= outlets
    assert "published_at" in facets  # the date facet


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("todays_briefing_items", lambda rows: rows and rows[0]["position"] == 1 and rows[0]["headline"]),
        (
            "actor_timeline?actor=zelensky",  # an alias, in any case
            lambda rows: rows and all("Zelensk" in (r["source_actor"] or "") + (r["target_actor"] or "") for r in rows),
        ),
        ("events_by_type?type=att", lambda rows: rows and {r["type"] for r in rows} == {"attack"}),
        ("failing_sources", lambda rows: len(rows) == 1 and "gone" in rows[0]["source"] and rows[0]["error"]),
    ],
)
def test_every_canned_query_answers(briefbot_db: Path, query: str, check) -> None:
    name, _, params = query.partition("?")
    data = get(briefbot_db, f"/briefbot/{name}.json?_shape=objects&{params}")
    assert data["ok"] and check(data["rows"]), data["rows"][:3]


def test_every_canned_query_in_the_metadata_is_tested() -> None:
    queries = set(METADATA["databases"]["briefbot"]["queries"])
    tested = {
        q.partition("?")[0] for q in ("todays_briefing_items", "actor_timeline", "events_by_type", "failing_sources")
    }
    assert queries == tested


def test_sqlite_utils_finds_and_searches_the_index(briefbot_db: Path) -> None:
    table = Database(briefbot_db)["articles"]
    assert table.detect_fts() == "articles_fts"
    assert any("Davos" in row["title"] for row in table.search("Davos"))
    result = CliRunner().invoke(sqlite_utils_cli, ["search", str(briefbot_db), "articles", "Davos", "-c", "title"])
    assert result.exit_code == 0 and "Davos" in result.output, result.output


def test_a_store_made_before_the_index_was_declared_for_tools_keeps_its_data(db_path: Path) -> None:
    """The migration declares the index again and rebuilds it: every article is still found, and later writes
    are indexed by the recreated triggers."""
    with open_store(db_path) as store:
        with store.write():
            for i in range(1, 4):
                store.articles.save(make_article(i), utc_now())
        # Back to how a store was before the migration: the index declared with single quotes.
        for trigger in ("articles_ai", "articles_ad", "articles_au"):
            store.db.execute(f"DROP TRIGGER {trigger}")
        store.db.execute("DROP TABLE articles_fts")
        store.db.execute(OLD_FTS)
        store.db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_articles_fts_declared_for_tools'")
        assert Database(store.conn)["articles"].detect_fts() is None  # what Datasette and sqlite-utils saw
    with open_store(db_path) as store:
        assert Database(store.conn)["articles"].detect_fts() == "articles_fts"
        indexed = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'article'").fetchone()
        assert indexed[0] == 3
        with store.write():
            store.articles.save(make_article(4), utc_now())
        after = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'article'").fetchone()
        assert after[0] == 4
