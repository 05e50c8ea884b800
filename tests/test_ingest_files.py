"""Ingesting seed text, JSON, JSONL, HTML files and directories; bad input; duplicates and updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.errors import ParseError
from briefings.ingest.pipeline import Ingestor, QuietListener
from briefings.ingest.seedtext import read_seed_text
from briefings.store.database import Store
from tests.conftest import PAGE, PRESS_RELEASES, RSS, SEED_ARTICLE, SEEDS


def ingest(store: Store, *sources: str | Path, **kw):
    listener = QuietListener()
    ingestor = Ingestor(store, listener=listener)
    try:
        counts = ingestor.ingest([str(s) for s in sources], **kw)
    finally:
        ingestor.close()
    return counts, listener


def rows(store: Store, sql: str, *params):
    return store.conn.execute(sql, params).fetchall()


def test_seed_article_takes_date_and_title_from_its_first_line(store: Store) -> None:
    counts, listener = ingest(store, SEED_ARTICLE)
    assert (counts.new, counts.failed) == (1, 0)
    title, published, body, flags = rows(store, "SELECT title, published_at, body, flags FROM articles")[0]
    assert title == "Escalation in Ukraine: Russia Launches Widespread Missile Attack"
    assert published == "2024-01-15T00:00:00Z"
    assert body.startswith("In a significant escalation of the ongoing conflict")
    assert "date" not in body.splitlines()[0]
    assert flags == ""


def test_seeds_directory_holds_the_seed_article_and_the_press_releases(store: Store) -> None:
    counts, listener = ingest(store, SEEDS)
    lines = PRESS_RELEASES.read_text().splitlines()
    assert 150 <= len(lines) <= 300
    assert counts.failed == 0
    assert counts.new + counts.near_duplicates == len(lines) + 1
    assert counts.skipped == 1 and listener.notices == []  # the folder's README: counted, no note
    sources = dict(rows(store, "SELECT source, count(*) FROM articles GROUP BY source"))
    assert sources["President of Ukraine"] > 100 and sources["Kremlin"] > 100
    months = {r[0] for r in rows(store, "SELECT substr(published_at, 1, 7) FROM articles WHERE source IS NOT NULL")}
    assert min(months) == "2021-10" and max(months) == "2022-06"


def test_reingesting_the_same_sources_adds_nothing(store: Store) -> None:
    first, _ = ingest(store, SEEDS)
    before = rows(store, "SELECT count(*) FROM articles")[0][0]
    second, _ = ingest(store, SEEDS)
    assert second.new == 0 and second.updated == 0
    assert second.unchanged == first.new + first.near_duplicates
    assert rows(store, "SELECT count(*) FROM articles")[0][0] == before


def test_json_and_jsonl_accept_the_common_field_names(store: Store, tmp_path: Path) -> None:
    records = [
        {
            "title": "A",
            "text": "Body of article A about Kyiv.",
            "published": "2024-01-15T10:00:00+02:00",
            "url": "https://a.example/1",
        },
        {
            "headline": "B",
            "body": "Body of article B about Kharkiv.",
            "published_at": "2024-01-16",
            "link": "https://a.example/2",
        },
        {
            "title": "C",
            "content": "<p>Body of <b>article C</b> &amp; Odesa.</p>",
            "date": "Tue, 16 Jan 2024 10:00:00 GMT",
            "source": "Wire",
        },
        {"title": "D", "summary": "Body of article D.", "pubDate": 1705312800, "outlet": "Desk", "guid": "d-1"},
    ]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n")
    doc = tmp_path / "b.json"
    doc.write_text(json.dumps({"articles": records[2:]}))
    counts, listener = ingest(store, jsonl, doc)
    assert counts.new == 4 and counts.failed == 0, listener.problems
    got = {r[0]: r[1:] for r in rows(store, "SELECT title, body, published_at, url, source, guid FROM articles")}
    assert got["A"][1] == "2024-01-15T08:00:00Z" and got["A"][2] == "https://a.example/1"
    assert got["B"][1] == "2024-01-16T00:00:00Z"
    assert got["C"][0] == "Body of article C & Odesa." and got["C"][3] == "Wire"
    assert got["D"][1] == "2024-01-15T10:00:00Z" and got["D"][3:] == ("Desk", "d-1")


def test_invalid_json_line_is_reported_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"title": "Good", "text": "Good body text."})
    path.write_text(
        f'{good}\n{{"title": "broken",\n{json.dumps({"title": "No body"})}\n[1, 2]\n'
        + json.dumps({"title": "Good 2", "text": "Second good body."})
        + "\n"
    )
    counts, listener = ingest(store, path)
    assert counts.new == 2 and counts.failed == 3
    assert listener.problems[0].startswith(f"{path}:2: invalid JSON")
    assert listener.problems[1].startswith(f"{path}:3: no article text")
    assert listener.problems[2].startswith(f"{path}:4: expected a JSON object")
    assert store.stats().last_runs[0].failed == 3


def test_malformed_seed_file_is_reported_and_other_files_go_on(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a_bad.txt").write_text("Escalation without a date line\n\nBody.\n")
    (tmp_path / "b_bad_date.txt").write_text(" date 2024-13-45 Title\n\nBody.\n")
    (tmp_path / "c_good.txt").write_text("\n date 2024-01-16 A good one\n\nIts body.\n")
    counts, listener = ingest(store, tmp_path)
    assert counts.new == 1 and counts.failed == 2
    assert listener.problems[0].startswith(f"{tmp_path / 'a_bad.txt'}:1: first line must be")
    assert listener.problems[1].startswith(f"{tmp_path / 'b_bad_date.txt'}:1: invalid date")


def test_seed_parser_rejects_empty_and_headless_files() -> None:
    with pytest.raises(ParseError, match="empty file"):
        list(read_seed_text("\n \n", "x.txt"))
    with pytest.raises(ParseError, match="no body"):
        list(read_seed_text(" date 2024-01-15 Title only\n", "x.txt"))


def test_undecodable_bytes_are_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(" date 2024-01-15 Caf\xe9\n\nBody.\n".encode("latin-1"))
    counts, listener = ingest(store, path)
    assert counts.failed == 1 and counts.new == 0
    assert listener.problems == [f"{path}:1: not valid UTF-8 text (byte 0xe9 at offset 20)"]


def test_unknown_extension_is_an_error_when_named_and_skipped_in_a_directory(store: Store, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    counts, listener = ingest(store, pdf)
    assert counts.failed == 1 and "unsupported file type '.pdf'" in listener.problems[0]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "LICENSE").write_text("MIT")
    counts, listener = ingest(store, folder)
    assert counts.failed == 0 and counts.skipped == 2
    assert listener.notices == [f"{folder / 'report.pdf'}: skipped, not a supported file type"]


def test_missing_path_is_an_error(store: Store, tmp_path: Path) -> None:
    counts, listener = ingest(store, tmp_path / "nope.jsonl", SEED_ARTICLE)
    assert counts.failed == 1 and counts.new == 1
    assert "nope.jsonl: " in listener.problems[0]


def test_html_file_is_extracted(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    counts, listener = ingest(store, path)
    assert counts.new == 1, listener.problems
    title, body, source, published = rows(store, "SELECT title, body, source, published_at FROM articles")[0]
    assert title == "Missile strike on Dnipro"
    assert "apartment building in Dnipro" in body and "Home | World" not in body
    assert source == "Example Times" and published.startswith("2024-01-14")


def test_text_is_cleaned(store: Store, tmp_path: Path) -> None:
    body = "Caf\u0065\u0301 \u202eevil\u202c text\x07 with <i>tags</i> kept literally &amp; entities.\r\nLine two."
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"title": "T\u200b itle", "text": body}) + "\n")
    ingest(store, path)
    title, stored = rows(store, "SELECT title, body FROM articles")[0]
    assert title == "T itle"
    assert stored == "Café evil text with tags kept literally & entities.\nLine two."


def test_article_changed_at_the_same_url_is_updated_in_place(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {
        "title": "Strike",
        "text": "Five people were injured in the strike.",
        "url": "https://n.example/a?utm_source=x",
    }
    path.write_text(json.dumps(record) + "\n")
    ingest(store, path)
    record.update(text="Six people were injured in the strike, officials said.", url="https://N.example/a#top")
    path.write_text(json.dumps(record) + "\n")
    counts, _ = ingest(store, path)
    assert (counts.new, counts.updated) == (0, 1)
    ((url, body, updated_at),) = rows(store, "SELECT url, body, updated_at FROM articles")
    assert url == "https://n.example/a" and body.startswith("Six people") and updated_at
    assert rows(store, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'six'") == [(1,)]
    assert rows(store, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'five'") == []


def test_same_text_at_another_url_is_a_recorded_duplicate(store: Store, tmp_path: Path) -> None:
    text = "Russia launched a widespread missile attack across Ukraine on Monday, officials said."
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"title": "Attack", "text": text, "url": "https://one.example/a"})
        + "\n"
        + json.dumps({"title": "Attack!", "text": text.upper(), "url": "https://two.example/b"})
        + "\n"
        + json.dumps({"title": "Attack again", "text": text})
        + "\n"
    )
    counts, _ = ingest(store, path)
    assert counts.new == 1 and counts.duplicates == 2
    assert rows(store, "SELECT id, duplicate_of FROM articles ORDER BY id") == [(1, None), (2, 1)]


def _wire_story() -> str:
    lines = [json.loads(line) for line in PRESS_RELEASES.read_text().splitlines()]
    return next(r["text"] for r in lines if 3000 < len(r["text"]) < 6000)


def test_syndicated_copy_with_small_edits_is_a_near_duplicate(store: Store, tmp_path: Path) -> None:
    original = _wire_story()
    sentences = original.split(". ")
    edited = "KYIV (Wire) - " + ". ".join(sentences[:-2]).replace(" the ", " a ", 3) + ". (Editing by the desk.)"
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"title": "Original", "text": original, "url": "https://wire.example/1"})
        + "\n"
        + json.dumps({"title": "Copy with a new headline", "text": edited, "url": "https://paper.example/9"})
        + "\n"
    )
    counts, _ = ingest(store, path)
    assert counts.new == 1 and counts.near_duplicates == 1
    assert rows(store, "SELECT duplicate_of FROM articles WHERE url = 'https://paper.example/9'") == [(1,)]
    assert [h.title for h in store.articles.search("the")][:1] == ["Original"]


def test_distinct_press_releases_are_not_near_duplicates(store: Store) -> None:
    counts, _ = ingest(store, PRESS_RELEASES)
    assert counts.near_duplicates == 0


def test_missing_and_future_dates_are_flagged(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"title": "No date", "text": "Body one."})
        + "\n"
        + json.dumps({"title": "Bad date", "text": "Body two.", "date": "someday"})
        + "\n"
        + json.dumps({"title": "Future", "text": "Body three.", "date": "2999-01-01"})
        + "\n"
    )
    ingest(store, path)
    got = dict(rows(store, "SELECT title, flags FROM articles"))
    assert got == {"No date": "date_missing", "Bad date": "date_missing", "Future": "date_clamped"}
    fetched = rows(store, "SELECT published_at = fetched_at FROM articles")
    assert all(r[0] for r in fetched)


def test_a_template_filled_in_for_another_subject_is_not_a_copy(store: Store, tmp_path: Path) -> None:
    template = (
        "The President signed the Federal Law on ratifying the Agreement on Cooperation between the Government of "
        "the country and the Government of {x}. The law was adopted by the State Duma on the twelfth of the month "
        "and approved by the Federation Council on the fifteenth. The agreement with {x} covers trade, transport, "
        "energy, education and culture, and provides for a joint commission that will meet once a year to review "
        "its implementation. Under the agreement the parties will exchange information, coordinate their positions "
        "in international organisations and support contacts between businesses and regions of both countries. "
        "The agreement with {x} will enter into force on the date of the last written notification of completion "
        "of the internal procedures required for its entry into force, and will remain in force for five years."
    )
    path = tmp_path / "laws.jsonl"
    path.write_text(
        json.dumps({"title": "Law on agreement with Lithuania", "text": template.format(x="Lithuania")})
        + "\n"
        + json.dumps({"title": "Law on agreement with Estonia", "text": template.format(x="Estonia")})
        + "\n"
        + json.dumps(
            {"title": "Copy", "text": "MOSCOW - " + template.format(x="Lithuania"), "url": "https://c.example/1"}
        )
        + "\n"
    )
    counts, _ = ingest(store, path)
    assert counts.new == 2 and counts.near_duplicates == 1
    assert rows(store, "SELECT duplicate_of FROM articles WHERE url = 'https://c.example/1'") == [(1,)]


def test_csv_with_a_header_row(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "releases.csv"
    path.write_text(
        "link,headline,date,location,summary,body\n"
        '"http://en.kremlin.ru/events/1","Telephone conversation","2022-02-21T10:00:00Z",NA,"Short.","Vladimir Putin had a\n'
        'telephone conversation with Emmanuel Macron."\n'
        '"http://en.kremlin.ru/events/2","","2022-02-22",NA,"",""\n'
    )
    counts, listener = ingest(store, path)
    assert counts.new == 1 and counts.failed == 1
    assert listener.problems[0].startswith(f"{path}:")
    assert rows(store, "SELECT title, source, body FROM articles") == [
        (
            "Telephone conversation",
            "en.kremlin.ru",
            "Vladimir Putin had a\ntelephone conversation with Emmanuel Macron.",
        )
    ]


def test_an_outlet_given_at_ingest_names_every_article_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"title": "Budget passed", "text": "The council passed its budget on Monday.", "url": "https://a.example/1",'
        ' "date": "2024-01-15"}\n'
        '{"title": "Bridge reopens", "text": "The bridge reopened to traffic on Tuesday.", "source": "Town Gazette",'
        ' "date": "2024-01-16"}\n',
        encoding="utf-8",
    )
    counts, _ = ingest(store, path, outlet="  City Hall\n")
    assert (counts.new, counts.failed) == (2, 0)
    assert rows(store, "SELECT DISTINCT source FROM articles") == [("City Hall",)]
    counts, _ = ingest(store, path)  # without it: the record's own outlet, else the site's host
    assert counts.new == 0  # the same articles, already stored


def test_naming_a_feed_s_outlet_later_does_not_store_its_items_again(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    assert ingest(store, path)[0].new == 2
    again, _ = ingest(store, path, outlet="Kyiv Wire Service")
    assert (again.new, again.duplicates) == (0, 2)  # the same items, found by their links
    assert rows(store, "SELECT DISTINCT source FROM articles") == [("Kyiv Wire",)]  # stored ones keep their name


def test_progress_counts_every_unit_once(store: Store, tmp_path: Path) -> None:
    class Counting(QuietListener):
        def __init__(self) -> None:
            super().__init__()
            self.total = 0
            self.done = 0

        def start(self, total: int) -> None:
            self.total = total

        def advance(self, label: str, units: int = 1) -> None:
            self.done += units

    listener = Counting()
    Ingestor(store, listener=listener).ingest([str(SEEDS), str(tmp_path / "missing.jsonl")])
    assert listener.total > 900  # about a unit per kilobyte: the press releases are ~980 KB
    assert listener.done == listener.total
