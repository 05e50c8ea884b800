"""Hostile records fail alone (the good ones beside them are stored), text is clean in every stored field, and a
feed's live-blog posts are kept apart: each case failed before the ingestion issue's fixes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from briefings.ingest.pipeline import Ingestor, QuietListener
from briefings.store.database import Store

GOOD = {"title": "Good record", "text": "A good body that must be stored.", "url": "https://news.example/good"}
MARKUP = re.compile(r"<\s*/?\s*[a-z]|javascript:|\bon[a-z]+\s*=|&[a-z][a-z0-9]*;", re.I)


def ingest(store: Store, *sources: Path):
    listener = QuietListener()
    ingestor = Ingestor(store, listener=listener)
    try:
        return ingestor.ingest([str(s) for s in sources]), listener
    finally:
        ingestor.close()


def column(store: Store, name: str) -> list:
    return [row[0] for row in store.conn.execute(f"SELECT {name} FROM articles ORDER BY id")]


def atom(entries: str, title: str = "Wire") -> bytes:
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'.encode()


def test_live_blog_posts_whose_links_differ_by_fragment_stay_apart(store: Store, tmp_path: Path) -> None:
    entries = "".join(
        f"<entry><id>live-{n}</id><title>Update {n}</title><link href='https://news.example/live#post-{n}'/>"
        f"<content type='html'>Post number {n} of the live page, with its own text.</content></entry>"
        for n in (1, 2, 3)
    )
    (tmp_path / "live.xml").write_bytes(atom(entries))
    counts, _ = ingest(store, tmp_path / "live.xml")
    assert (counts.new, counts.updated) == (3, 0)
    assert column(store, "guid") == ["live-1", "live-2", "live-3"]
    assert column(store, "title") == ["Update 1", "Update 2", "Update 3"]
    again, _ = ingest(store, tmp_path / "live.xml")
    assert again.new == 0 and again.duplicates == 3


def test_one_hostile_record_fails_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps(GOOD),
        '{"title": "Lone \\ud800 surrogate", "text": "Body with a lone \\udfff surrogate.", "url": "https://n.example/s"}',
        deep,
        json.dumps({**GOOD, "title": "Good again", "url": "https://news.example/again", "text": "Another body."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts, listener = ingest(store, path)
    assert counts.new == 3 and counts.failed == 1  # the surrogates become U+FFFD; the deep line fails alone
    assert listener.problems == [f"{path}:3: invalid JSON (nested too deeply)"]
    assert "Lone \ufffd surrogate" in column(store, "title")


def test_a_year_zero_date_does_not_lose_the_feed(store: Store, tmp_path: Path) -> None:
    entries = (
        "<entry><id>a</id><title>Zero</title><link href='https://news.example/zero'/>"
        "<updated>0000-01-01T00:00:00Z</updated><content>The first entry's body.</content></entry>"
        "<entry><id>b</id><title>Fine</title><link href='https://news.example/fine'/>"
        "<updated>2024-01-15T08:00:00Z</updated><content>The second entry's body.</content></entry>"
        "<entry><id>c</id><title>One</title><link href='https://news.example/one'/>"
        "<updated>0001-01-01T01:00:00Z</updated><content>The third entry's body.</content></entry>"
    )
    (tmp_path / "zero.xml").write_bytes(atom(entries))
    counts, _ = ingest(store, tmp_path / "zero.xml")
    assert counts.new == 3 and counts.failed == 0
    dates = dict(zip(column(store, "title"), column(store, "published_at"), strict=True))
    assert dates["Fine"] == "2024-01-15T08:00:00Z"
    assert all(re.match(r"^20\d\d-\d\d-\d\dT", d) for d in dates.values())  # placeholders fall back to fetch time


def test_an_invalid_byte_fails_its_line_or_row_only(store: Store, tmp_path: Path) -> None:
    jsonl = tmp_path / "bytes.jsonl"
    second = json.dumps(
        {"title": "Second", "text": "Another story entirely.", "url": "https://news.example/2"}
    ).encode()
    jsonl.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"title": "Caf\xe9", "text": "x"}\n' + second + b"\n")
    counts, listener = ingest(store, jsonl)
    assert counts.new == 2 and counts.failed == 1
    assert listener.problems == [f"{jsonl}:2: not valid UTF-8 text (byte 0xe9)"]
    csv = tmp_path / "bytes.csv"
    csv.write_bytes(
        b"title,text,url\nFirst row,The first row's own story.,https://c.example/1\nCaf\xe9,Body two.,https://c.example/2\n"
        b"Third row,A third and different report.,https://c.example/3\n"
    )
    counts, listener = ingest(store, csv)
    assert counts.new == 2 and counts.failed == 1
    assert listener.problems == [f"{csv}:3: not valid UTF-8 text (byte 0xe9)"]


def test_utf16_and_utf8_byte_order_marks_are_recognised(store: Store, tmp_path: Path) -> None:
    for n, (encoding, bom) in enumerate((("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b""))):
        path = tmp_path / f"bom{n}.jsonl"
        text = ["Kyiv reported power cuts overnight.", "Odesa port reopened to grain ships.", "Lviv hosted talks."][n]
        record = {"title": f"Kyiv ✓ {encoding}", "text": text, "url": f"https://news.example/bom{n}"}
        path.write_bytes((b"\xef\xbb\xbf" if encoding == "utf-8" else bom) + json.dumps(record).encode(encoding))
        counts, listener = ingest(store, path)
        assert counts.new == 1, listener.problems
    assert {t for t in column(store, "title")} == {"Kyiv ✓ utf-16-le", "Kyiv ✓ utf-16-be", "Kyiv ✓ utf-8"}


def test_a_body_of_markup_only_is_stored_with_its_title_like_a_missing_body(store: Store, tmp_path: Path) -> None:
    entries = (
        "<entry><id>img</id><title>Photo of the day</title><link href='https://news.example/photo'/>"
        "<content type='html'>&lt;img src='https://news.example/p.jpg'/&gt;</content></entry>"
        "<entry><id>svg</id><title>A chart</title><link href='https://news.example/chart'/>"
        "<content type='html'>&lt;svg&gt;&lt;circle r='4'/&gt;&lt;/svg&gt;</content></entry>"
        "<entry><id>none</id><title>No body at all</title><link href='https://news.example/none'/></entry>"
    )
    (tmp_path / "markup.xml").write_bytes(atom(entries))
    counts, listener = ingest(store, tmp_path / "markup.xml")
    assert counts.new == 3 and counts.failed == 0, listener.problems
    assert column(store, "body") == column(store, "title")


def test_outlet_names_titles_and_bodies_keep_no_markup_or_script(store: Store, tmp_path: Path) -> None:
    outlet = "&lt;b&gt;Daily&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;News"
    entries = (
        "<entry><id>x</id><title type='html'><![CDATA[&lt;script&gt;alert(2)&lt;/script&gt;Escaped title]]></title>"
        "<link href='https://news.example/x'/><content type='html'>&amp;lt;p onclick=&amp;quot;x()&amp;quot;&amp;gt;"
        "Twice escaped body&amp;lt;/p&amp;gt; and more text</content></entry>"
    )
    (tmp_path / "xss.xml").write_bytes(atom(entries, title=outlet))
    counts, listener = ingest(store, tmp_path / "xss.xml")
    assert counts.new == 1, listener.problems
    (source,), (title,), (body,) = (column(store, c) for c in ("source", "title", "body"))
    assert source == "Daily News" and title == "Escaped title"
    assert body == "Twice escaped body\nand more text"
    assert not any(MARKUP.search(v) for v in (source, title, body))


def test_json_feed_items_keep_their_text_and_outlet(store: Store, tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "My <b>Example</b> Feed",
        "items": [
            {"id": "2", "title": "post 2", "content_text": "This is a second item.", "url": "https://ex.org/2"},
            {
                "id": "1",
                "title": "post 1",
                "content_html": "<p>Hello, world!</p><script>alert();</script>",
                "url": "https://ex.org/1",
                "date_published": "2024-01-15T08:00:00Z",
            },
        ],
    }
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    counts, listener = ingest(store, tmp_path / "feed.json")
    assert counts.new == 2, listener.problems
    assert column(store, "body") == ["This is a second item.", "Hello, world!"]
    assert set(column(store, "source")) == {"My Example Feed"}
    assert column(store, "published_at")[1] == "2024-01-15T08:00:00Z"


def test_references_to_undefined_entities_are_dropped(store: Store, tmp_path: Path) -> None:
    record = {
        "title": "Laughs &lol9; and &amp; more",
        "text": "Body &lol8; text &eacute;t&eacute;.",
        "url": "https://l.example/",
    }
    (tmp_path / "lol.json").write_text(json.dumps(record), encoding="utf-8")
    counts, _ = ingest(store, tmp_path / "lol.json")
    assert counts.new == 1
    assert column(store, "title") == ["Laughs and & more"] and column(store, "body") == ["Body text été."]


def test_every_input_gets_an_outcome_and_empty_files_fail_alike(store: Store, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "inbox"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    for suffix in (".jsonl", ".txt", ".json", ".csv", ".xml"):
        (folder / f"empty{suffix}").write_bytes(b"" if suffix != ".jsonl" else b"\n  \n")
    os.chmod(folder / "locked", 0)
    try:
        counts, listener = ingest(store, folder)
    finally:
        os.chmod(folder / "locked", 0o755)
    empties = sorted(p for p in listener.problems if p.endswith(": empty file"))
    assert empties == sorted(f"{folder / f'empty{s}'}: empty file" for s in (".jsonl", ".txt", ".json", ".csv", ".xml"))
    assert f"{folder / 'linked'}: skipped, a link to a folder, not followed" in listener.notices
    if os.geteuid() != 0:  # root reads any folder
        assert f"{folder / 'locked'}: cannot read this folder (Permission denied)" in listener.problems
    assert counts.new == (0 if os.geteuid() != 0 else 1)


def test_a_folder_that_cannot_be_listed_is_a_failure_line(store: Store, tmp_path: Path, monkeypatch) -> None:
    """Root reads any folder, so the walk's error is simulated the way os.walk reports it."""
    import os

    from briefings.ingest import sources

    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        yield from real_walk(top, onerror=onerror, **kw)
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))

    monkeypatch.setattr(sources.os, "walk", walk)
    (tmp_path / "a.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    counts, listener = ingest(store, tmp_path)
    assert counts.new == 1 and counts.failed == 1
    assert listener.problems == [f"{tmp_path / 'locked'}: cannot read this folder (Permission denied)"]


# --- writing in chunks --------------------------------------------------------------------------------------


def records(n: int, start: int = 0) -> str:
    return "".join(
        json.dumps(
            {
                "title": f"Report {i} from the front",
                "text": f"Report number {i} says that brigade {i * 7} moved {i * 3} kilometres toward river {i}.",
                "url": f"https://chunks.example/{i}",
            }
        )
        + "\n"
        for i in range(start, start + n)
    )


def test_another_writer_is_not_blocked_while_articles_are_extracted(db_path: Path, tmp_path: Path, monkeypatch) -> None:
    """Extraction (slow: spaCy) runs outside the write transaction: a second writer with a half-second busy timeout
    writes while the first ingest is extracting."""
    import threading
    import time

    from briefings.ingest import workers
    from briefings.ingest.normalise import ExtractOptions
    from briefings.store import open_store
    from briefings.text.dates import utc_now

    extracting = threading.Event()
    calls: list[int] = []

    def slow_extraction(articles, extract):
        calls.append(len(articles))
        if len(calls) == 2:  # the second chunk: the first one's articles are waiting to be written
            extracting.set()
        time.sleep(1.5)
        return articles

    monkeypatch.setattr(workers, "extract_chunk", slow_extraction)
    (tmp_path / "batch.jsonl").write_text(records(2 * workers.CHUNK + 2), encoding="utf-8")
    open_store(db_path).close()
    second = open_store(db_path)
    second.conn.execute("PRAGMA busy_timeout = 500")
    done: list = []

    def run() -> None:  # its own connection, in its own thread, as a second process would have
        with open_store(db_path) as first:
            ingestor = Ingestor(first, extract=ExtractOptions(enabled=True, profile=""), workers=0)
            try:
                done.append(ingestor.ingest([str(tmp_path / "batch.jsonl")]))
            finally:
                ingestor.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert extracting.wait(10)
    with second.write():  # raised "database is locked" when the ingest held its transaction through extraction
        second.runs.start("elsewhere", "file", utc_now())
    thread.join(10)
    assert done and done[0].new == 2 * workers.CHUNK + 2 and len(calls) == 3
    second.close()


CRASH_AFTER = """
import os, sys
from briefings.store.articles import Articles
saved = 0
real = Articles.save
def save(self, article, now):
    global saved
    saved += 1
    if saved > {limit}:
        os._exit(9)  # as kill -9: no cleanup, no commit
    return real(self, article, now)
Articles.save = save
from bot.cli import main
sys.argv = ["briefbot", "--db", {db!r}, "ingest", "--no-extract", "-q", {path!r}]
main()
"""


def test_a_crash_mid_file_loses_at_most_the_chunk_being_written(tmp_path: Path) -> None:
    import subprocess
    import sys

    from briefings.ingest.pipeline import CHUNK_ARTICLES
    from briefings.store import open_store

    path, db = tmp_path / "big.jsonl", tmp_path / "crash.db"
    path.write_text(records(2 * CHUNK_ARTICLES + 50), encoding="utf-8")
    script = CRASH_AFTER.format(limit=2 * CHUNK_ARTICLES + 10, db=str(db), path=str(path))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 9, result.stderr
    with open_store(db) as store:
        stored = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stored == 2 * CHUNK_ARTICLES  # two chunks committed, the third lost
    with open_store(db) as store:
        counts, _ = ingest(store, path)  # the file is read again: the stored part is recognised
    assert counts.new == 50 and counts.duplicates == 2 * CHUNK_ARTICLES


def _dying_chunk(chunk, extract):
    """Submitted to the worker by reference: in the worker (forked or spawned: the environment says who the
    parent is) it dies as the OOM killer would make it."""
    from briefings.ingest.normalise import normalise_chunk

    if str(os.getpid()) != os.environ.get("BRIEFBOT_TEST_PARENT"):
        os._exit(1)
    return normalise_chunk(chunk, extract)


def test_a_worker_that_dies_mid_stream_loses_nothing(monkeypatch) -> None:
    from datetime import UTC, datetime

    from briefings.ingest import workers
    from briefings.ingest.jsonfile import JsonLine
    from briefings.ingest.normalise import ExtractOptions

    monkeypatch.setattr(workers, "normalise_chunk", _dying_chunk)
    monkeypatch.setenv("BRIEFBOT_TEST_PARENT", str(os.getpid()))
    lines = (JsonLine(line, f"x:{n}") for n, line in enumerate(records(300).splitlines(), start=1))
    now = datetime.now(UTC)
    normaliser = workers.Normaliser(ExtractOptions(enabled=False), workers=1)
    try:
        results = list(normaliser.run(((line, now) for line in lines), many=True))
    finally:
        normaliser.close()
    assert [r.title for r in results] == [f"Report {i} from the front" for i in range(300)]
    assert normaliser.workers == 0  # it went on in the main process


def test_a_huge_field_fails_its_record_only(store: Store, tmp_path: Path) -> None:
    from briefings.ingest.jsonfile import MAX_TEXT_CHARS

    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("title,text,url\nSmall,A small and ordinary report.,https://h.example/1\n")
        handle.write(f'Huge,"{"word " * (MAX_TEXT_CHARS // 5 + 1)}",https://h.example/2\n')
        handle.write("After,The report after the huge one.,https://h.example/3\n")
    counts, listener = ingest(store, path)
    assert counts.new == 2 and counts.failed == 1
    assert listener.problems == [f"{path}:3: malformed CSV (a field is over the {MAX_TEXT_CHARS:,}-character limit)"]
    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text(json.dumps({"title": "Huge", "text": "word " * (MAX_TEXT_CHARS // 5 + 1)}) + "\n" + records(1))
    counts, listener = ingest(store, jsonl)
    assert counts.new == 1 and counts.failed == 1
    message = f"article text of {MAX_TEXT_CHARS + 5:,} characters is over the {MAX_TEXT_CHARS:,} limit"
    assert listener.problems == [f"{jsonl}:1: {message}"]


def test_the_time_left_follows_the_recent_rate_not_a_slow_start() -> None:
    from briefings.ingest.progress import Estimate

    now = [0.0]
    estimate = Estimate(1000, window=10.0, clock=lambda: now[0])
    estimate.update(0)
    assert estimate.seconds_left() is None  # no rate yet: nothing shown rather than a wild guess
    now[0] = 30.0  # thirty seconds loading the model before the first unit
    estimate.update(10)
    for step in range(1, 21):  # then 50 units a second
        now[0] = 30.0 + step
        estimate.update(10 + 50 * step)
    assert estimate.seconds_left() == 0.0  # past the total: nothing left, never a negative time
    now[0] = 51.0
    estimate.total = 3000
    estimate.update(1010)
    assert estimate.seconds_left() == pytest.approx((3000 - 1010) / 45.0, rel=0.15)  # the last ten seconds' rate
