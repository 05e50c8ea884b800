"""Polling configured sources: path sources stay inside the data directory, at every poll."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.config import load_config
from bot.polling import Poller
from briefings.store import ThreadStores, open_store
from briefings.text.dates import utc_now
from tests.conftest import RSS, SEED_ARTICLE, Response

SECRET_TEXT = """ date 2024-01-15 Confidential memo about the quarterly payroll

The payroll of the quarter was approved by the board on Monday, the memo says. It must not leave this server.
"""


def test_a_symlink_in_a_watched_folder_that_leads_outside_the_data_directory_is_skipped(tmp_path: Path, caplog) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "memo.txt").write_text(SECRET_TEXT, encoding="utf-8")
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "article.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (inbox / "memo.txt").symlink_to(outside / "memo.txt")  # planted after the config was checked
    (inbox / "linked-folder").symlink_to(outside, target_is_directory=True)
    db = tmp_path / "data" / "b.db"
    config_path = tmp_path / "briefbot.toml"
    config_path.write_text(
        f'[storage]\ndatabase = "{db}"\ndata_dir = "{tmp_path / "data"}"\n[extract]\nenabled = false\n'
        f'[[sources]]\nname = "inbox"\nkind = "path"\nlocation = "{inbox}"\n',
        encoding="utf-8",
    )
    config = load_config(config_path, environ={}, env_file=tmp_path / ".env")
    open_store(db).close()
    stores = ThreadStores(str(db))
    poller = Poller(config, stores)
    with caplog.at_level(logging.WARNING, logger="bot.polling"):
        first = poller.poll(config.sources[0], utc_now())
        second = poller.poll(config.sources[0], utc_now())
    stores.close()
    assert first.startswith("1 new, 0 updated") and second == "no changed files"
    with open_store(db) as store:
        titles = [row["title"] for row in store.db.query("SELECT title FROM articles")]
    assert len(titles) == 1 and "payroll" not in titles[0].lower()
    warnings = [r.getMessage() for r in caplog.records]
    assert warnings == [f"source inbox: skipping {inbox / 'memo.txt'}: it leads outside the data directory"]


def _poll_feed_once(tmp_path: Path, source: str) -> tuple[str, Path]:
    """Poll the one feed source of a configuration (``source``: its table's lines) once; the outcome and the db."""
    db = tmp_path / "b.db"
    config_path = tmp_path / "briefbot.toml"
    config_path.write_text(
        f'[storage]\ndatabase = "{db}"\n[extract]\nenabled = false\n[fetch]\nallow_private_addresses = true\n'
        f'[[sources]]\nname = "wire"\nkind = "feed"\n{source}',
        encoding="utf-8",
    )
    config = load_config(config_path, environ={}, env_file=tmp_path / ".env")
    open_store(db).close()
    stores = ThreadStores(str(db))
    try:
        return Poller(config, stores).poll(config.sources[0], utc_now()), db
    finally:
        stores.close()


def test_a_failing_poll_says_why_in_its_log_line(tmp_path: Path, server) -> None:
    outcome, _ = _poll_feed_once(tmp_path, f'location = "{server.url("/gone.xml")}"\npoll_minutes = 10\n')
    assert outcome.startswith("failed (1 in a row), next try after ")
    assert outcome.endswith(f": {server.url('/gone.xml')}: HTTP 404")  # the reason, not only in `stats`


def test_a_source_with_an_outlet_stores_its_articles_under_that_name(tmp_path: Path, server) -> None:
    server.routes["/rss"] = Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml"})
    outcome, db = _poll_feed_once(tmp_path, f'location = "{server.url("/rss")}"\noutlet = "Kyiv Wire Service"\n')
    assert outcome.startswith("2 new")  # the two complete items
    with open_store(db) as store:
        outlets = {row["source"] for row in store.db.query("SELECT source FROM articles")}
    assert outlets == {"Kyiv Wire Service"}  # not the feed's own title, "Kyiv Wire"


def test_a_source_s_outlet_is_read_from_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.toml"
    path.write_text('[[sources]]\nname = "wire"\nkind = "feed"\nlocation = "https://a.example/rss"\noutlet = "Wire"\n')
    assert load_config(path, environ={}, env_file=tmp_path / ".env").sources[0].outlet == "Wire"
