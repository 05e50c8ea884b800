"""feedparser's own test feeds (tests/data/feedparser-tests, BSD-2, see its SOURCE.md and LICENSE) as a regression
corpus: 2,106 files of every feed dialect, encoding, entity case and ill-formed XML, 745 of them sanitizer attacks.

Every file gets an outcome line or stored articles and none a traceback; no stored field keeps markup or script
text; the cleaning of every title, body and feed title of the sanitizer attacks leaves none either; and stored
titles, dates and bodies equal what feedparser itself parses."""

from __future__ import annotations

import io
import logging
import re
from calendar import timegm
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from briefings.ingest.pipeline import Ingestor, QuietListener
from briefings.store import open_store
from briefings.text.clean import clean_line, clean_text
from briefings.text.dates import iso

CORPUS = Path(__file__).parent / "data" / "feedparser-tests"
FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".json"))
MARKUP = re.compile(r"<\s*/?\s*[a-z!]|javascript\s*:|\bon[a-z]+\s*=|&[a-z][a-z0-9]*;|expression\s*\(", re.I)
SCRIPT = re.compile(r"alert\s*\(|<script|javascript:|vbscript:", re.I)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory):
    """Every file ingested on its own into one store: its counts, problem lines and notes, by file."""
    store = open_store(tmp_path_factory.mktemp("corpus") / "corpus.db")
    outcomes = {}
    for path in FILES:
        listener = QuietListener()
        ingestor = Ingestor(store, listener=listener, workers=0)
        try:
            outcomes[path] = (ingestor.ingest([str(path)]), listener.problems, listener.notices)
        finally:
            ingestor.close()
    yield store, outcomes
    store.close()


def test_the_corpus_is_all_there() -> None:
    assert len(FILES) == 2107 and (CORPUS / "LICENSE").exists()  # 2,106 feeds and the JSON Feed example


def test_every_file_is_read_without_a_traceback_and_has_an_outcome(corpus_store) -> None:
    _, outcomes = corpus_store
    silent, internal = [], []
    for path, (counts, problems, notices) in outcomes.items():
        internal += [line for line in problems if "internal error" in line]
        counted = counts.new + counts.updated + counts.duplicates + counts.failed + counts.skipped
        if not counted and not notices:
            silent.append(path.name)
        if counts.failed:  # a failure is said in a line naming the file
            assert problems and all(line.startswith(str(path)) for line in problems), (path, problems)
    assert internal == [] and silent == []
    totals = [sum(getattr(c, field) for c, _, _ in outcomes.values()) for field in ("new", "duplicates", "failed")]
    assert all(totals), totals


def _parse(path: Path) -> feedparser.FeedParserDict:
    return feedparser.parse(io.BytesIO(path.read_bytes()), sanitize_html=False)


def test_no_stored_field_keeps_markup_or_script(corpus_store) -> None:
    store, _ = corpus_store
    bad = []
    for row in store.conn.execute("SELECT id, title, body, source, guid FROM articles"):
        for name, value in zip(("title", "body", "source", "guid"), row[1:], strict=True):
            if value and (MARKUP.search(value) if name != "guid" else SCRIPT.search(value)):
                bad.append((row[0], name, value[:80]))
    assert bad == []


@pytest.mark.parametrize("path", [p for p in FILES if "sanitize" in p.parts], ids=lambda p: p.stem)
def test_cleaning_leaves_no_script_of_a_sanitizer_attack(path: Path) -> None:
    """Every text field of the attack files, entries with or without a link, as the ingester cleans it."""
    parsed = _parse(path)
    texts = [parsed.feed.get(k) for k in ("title", "subtitle", "rights", "info")]
    for entry in parsed.entries:
        texts += [entry.get(k) for k in ("title", "summary")]
        texts += [c.get("value") for c in entry.get("content", [])]
    for text in filter(None, texts):
        for cleaned in (clean_text(text, markup=True), clean_line(text, markup=True)):
            assert not SCRIPT.search(cleaned), (text[:120], cleaned[:120])
            assert not re.search(r"<\s*/?\s*[a-z]", cleaned, re.I), (text[:120], cleaned[:120])


def test_stored_titles_dates_and_bodies_are_what_feedparser_parses(corpus_store) -> None:
    store, outcomes = corpus_store
    compared = 0
    for path, (counts, _, _) in outcomes.items():
        if not counts.new:
            continue
        for entry in _parse(path).entries:
            where = f"{path} {(entry.get('link') or '').strip()}"
            row = _stored(store, entry)
            if row is None:
                continue
            title, body, published = row
            assert title == clean_line(entry["title"], markup=True)[:500], where
            candidates = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
            expected = clean_text(max(candidates, key=len), markup=True) if any(candidates) else ""
            assert body == (expected or title), where
            parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
            if parsed_date and parsed_date.tm_year >= 1600:
                assert published == iso(datetime.fromtimestamp(timegm(parsed_date), UTC)), where
            compared += 1
    assert compared >= 20


def _stored(store, entry) -> tuple | None:
    """The article stored from a feed entry: by its GUID, else by its title and link's page."""
    if not entry.get("title") or not entry.get("link"):
        return None
    if entry.get("id"):
        row = store.conn.execute(
            "SELECT title, body, published_at FROM articles WHERE guid = ?", (entry["id"].strip(),)
        ).fetchone()
        if row:
            return row
    return store.conn.execute(
        "SELECT title, body, published_at FROM articles WHERE title = ?", (clean_line(entry["title"], markup=True),)
    ).fetchone()


def test_no_error_is_logged_while_ingesting_the_corpus(tmp_path: Path, caplog) -> None:
    """A traceback would come through the pipeline's logger ("unexpected error ingesting ...")."""
    with caplog.at_level(logging.WARNING), open_store(tmp_path / "again.db") as store:
        ingestor = Ingestor(store, workers=0)
        try:
            ingestor.ingest([str(CORPUS / "wellformed"), str(CORPUS / "illformed"), str(CORPUS / "encoding")])
        finally:
            ingestor.close()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
