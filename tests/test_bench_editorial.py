"""The editorial check's plumbing: the feed stores hold their windows' days, and marks score only their briefings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench import editorial


def _window(name: str, corpus: str, since: str, until: str) -> dict:
    return {"name": name, "corpus": corpus, "since": since, "until": until, "split": "dev"}


def test_a_feed_store_holds_its_windows_days_and_the_day_before(tmp_path: Path, monkeypatch) -> None:
    windows = tmp_path / "windows.json"
    windows.write_text(json.dumps({"method": "", "windows": [_window("feed-x", "feed", "2023-01-13", "2023-01-15")]}))
    monkeypatch.setattr(editorial, "WINDOWS", windows)
    items = tmp_path / "feed.jsonl"

    def item(n: int, published: str) -> str:
        return json.dumps(
            {
                "title": f"Lindau ferry crews vote on strike, report {n}",
                "description": f"The ferry crews of Lindau voted on Monday on a strike over pay, report number {n}.",
                "link": f"https://example.org/lindau/{n}",
                "date_published": published,
                "outlet": "Lake Post",
            }
        )

    # the 2023 items spell their dates two ways; the day before a window is read (its stories' first reports)
    lines = [
        item(1, "2023-01-13T08:00:00+00:00"),
        item(2, "2023-01-12 23:00:00+00:00"),
        item(3, "2023-02-01T08:00:00+00:00"),
    ]
    items.write_text("\n".join(lines) + "\n")
    out = tmp_path / "stores"
    out.mkdir()
    editorial._feed_store(items, "feed", out)
    conn = sqlite3.connect(out / "feed.db")
    try:
        urls = sorted(u for (u,) in conn.execute("SELECT url FROM articles"))
    finally:
        conn.close()
    assert urls == ["https://example.org/lindau/1", "https://example.org/lindau/2"]


def test_marks_score_only_the_briefing_they_were_written_for(tmp_path: Path) -> None:
    briefing = tmp_path / "briefing.json"
    items = [{"headline": "Lindau ferry strike ends"}, {"headline": "Tromsø opens a second pier"}]
    briefing.write_text(json.dumps([{"window": "feed-x", "items": items}]))
    marks = tmp_path / "marks.json"
    keys = [editorial.headline_key(i["headline"]) for i in items]
    marks.write_text(
        json.dumps(
            {
                "marks": {
                    "feed-x": [
                        {"headline_sha1": keys[0], "defects": ["empty", "stale"]},
                        {"headline_sha1": keys[1], "defects": []},
                    ]
                }
            }
        )
    )
    result = editorial.score(briefing, marks)
    assert (result["items"], result["items_with_a_defect"], result["defects"]) == (2, 1, 2)
    assert result["by_defect"]["empty"] == 1
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"marks": {"feed-x": [{"headline_sha1": keys[1], "defects": []}] * 2}}))
    with pytest.raises(SystemExit, match="another item"):
        editorial.score(briefing, other)
