"""Feeds and pages from files and from a local HTTP server: good, malformed, conditional, refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.ingest.fetch import Fetcher, FetchPolicy
from briefings.ingest.pipeline import Ingestor, QuietListener
from briefings.store.database import Store
from tests.conftest import ATOM, LOCAL, PAGE, ROOT, RSS, Response

SAMPLES = ROOT.parent / "shared" / "datasets" / "rss-feed-samples" / "photojournalism-2023-11"


def ingest(store: Store, *sources: str, policy: FetchPolicy = LOCAL, **kw):
    listener = QuietListener()
    with Fetcher(policy) as fetcher:
        counts = Ingestor(store, fetcher=fetcher, listener=listener).ingest([str(s) for s in sources], **kw)
    return counts, listener


def rows(store: Store, sql: str):
    return store.conn.execute(sql).fetchall()


def test_rss_file_entries_become_articles(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "kyiv.xml"
    path.write_text(RSS)
    counts, listener = ingest(store, path)
    assert (counts.new, counts.skipped, counts.failed) == (2, 2, 0)
    assert "skipped 2 entries without a title or link" in listener.notices[0]
    got = rows(store, "SELECT title, url, guid, source, published_at, body, language FROM articles ORDER BY id")
    assert got[0] == (
        "Air defences intercept drones over Kyiv",
        "https://kyivwire.example/news/1?id=1",
        "kw-1",
        "Kyiv Wire",
        "2024-01-15T06:30:00Z",
        "Ukrainian air defences intercepted drones over Kyiv overnight, the city administration said.",
        "en",
    )


def test_atom_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(ATOM)
    counts, _ = ingest(store, path)
    assert counts.new == 1
    assert rows(store, "SELECT title, source, body FROM articles") == [
        (
            "UK pledges drones for Ukraine",
            "Atom Desk",
            "The UK has pledged to send the largest number of military drones to Ukraine.",
        )
    ]


def test_truncated_feed_keeps_its_complete_entries(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(RSS[: RSS.index("<item><title></title>") + 30])
    counts, listener = ingest(store, path)
    assert counts.new == 2 and counts.failed == 0
    assert any("malformed feed" in n for n in listener.notices)


def test_not_a_feed_is_an_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<html><body><p>Just a page</p></body></html>")
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"\xff\xfe\x00garbage")
    counts, listener = ingest(store, path, garbage)
    assert counts.failed == 2
    assert listener.problems[0].startswith(f"{path}: not an RSS or Atom feed")
    assert listener.problems[1].startswith(f"{garbage}: ")


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared feed samples not present")
def test_real_feed_captures(store: Store) -> None:
    counts, listener = ingest(store, SAMPLES)
    assert counts.failed == 0, listener.problems
    assert counts.new >= 80
    assert not rows(store, "SELECT url FROM articles WHERE url LIKE '%utm_%' OR url LIKE '%#%'")
    assert not rows(store, "SELECT body FROM articles WHERE body LIKE '%<p>%' OR body LIKE '%&amp;%'")


def test_feed_url_with_conditional_requests(store: Store, server) -> None:
    calls = []

    def feed(request):
        calls.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"abc"':
            return Response(304)
        return Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml", "ETag": '"abc"'})

    server.routes["/rss"] = feed
    counts, _ = ingest(store, server.url("/rss"))
    assert counts.new == 2
    counts, listener = ingest(store, server.url("/rss"))
    assert counts.new == 0 and counts.failed == 0
    assert calls == [None, '"abc"']
    assert "not modified" in listener.notices[-1]


def test_article_page_url(store: Store, server) -> None:
    server.routes["/story"] = Response(body=PAGE.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    counts, listener = ingest(store, server.url("/story"))
    assert counts.new == 1, listener.problems
    title, url, source = rows(store, "SELECT title, url, source FROM articles")[0]
    assert title == "Missile strike on Dnipro" and url == server.url("/story") and source == "Example Times"


def test_non_feed_url_forced_as_feed_is_an_error(store: Store, server) -> None:
    server.routes["/story"] = Response(body=PAGE.encode(), headers={"Content-Type": "text/html"})
    counts, listener = ingest(store, server.url("/story"), force_feed=True)
    assert counts.failed == 1 and counts.new == 0
    assert len(listener.problems) == 1
    assert listener.problems[0].startswith(f"{server.url('/story')}: not an RSS or Atom feed")


def test_blocked_address_fails_that_source_only(store: Store, server, tmp_path: Path) -> None:
    server.routes["/rss"] = Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml"})
    atom = tmp_path / "a.atom"
    atom.write_text(ATOM)
    counts, listener = ingest(store, server.url("/rss"), str(atom), policy=FetchPolicy())
    assert counts.failed == 1 and counts.new == 1
    assert listener.problems[0].startswith(f"{server.url('/rss')}: refused to fetch host '127.0.0.1'")
    run = {r.source: r for r in store.stats().last_runs}[server.url("/rss")]
    assert run.failed == 1 and "refused" in run.error


def test_redirect_to_blocked_address_and_oversized_body_fail_cleanly(store: Store, server) -> None:
    server.routes["/hop"] = Response(302, headers={"Location": "http://10.0.0.1/feed"})
    server.routes["/big"] = Response(body=b"<rss>" + b" " * 300_000, headers={"Content-Type": "text/xml"})
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), max_bytes=100_000)
    counts, listener = ingest(store, server.url("/hop"), server.url("/big"), policy=policy)
    assert counts.failed == 2
    assert "redirected to http://10.0.0.1/feed" in listener.problems[0]
    assert "body larger than 100,000 bytes" in listener.problems[1]
    assert rows(store, "SELECT count(*) FROM articles") == [(0,)]


def test_undecodable_feed_bytes_keep_what_can_be_read(store: Store, server) -> None:
    body = RSS.encode().replace(b"overnight", b"over\xff\xfenight")
    server.routes["/rss"] = Response(body=body, headers={"Content-Type": "application/rss+xml; charset=utf-8"})
    counts, listener = ingest(store, server.url("/rss"))
    assert counts.new == 2 and counts.failed == 0
    assert any("malformed feed" in n for n in listener.notices)
    (body_text,) = rows(store, "SELECT body FROM articles WHERE guid = 'kw-1'")[0]
    assert body_text.startswith("Ukrainian air defences intercepted drones over")
    assert body_text.endswith("night, the city administration said.")
