"""Shared fixtures: real SQLite files in temporary folders, the seeds ingested once per session, and one fake HTTP
server on 127.0.0.1 for feeds, pages and the Slack and Discord APIs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from briefings.ingest.fetch import Fetcher, FetchPolicy
from briefings.ingest.pipeline import Ingestor
from briefings.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_9a9169700b6e3d6e.txt"
PRESS_RELEASES = SEEDS / "press_releases.jsonl"
LOCAL = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10, read_timeout=5, connect_timeout=5)
WAIT_SECONDS = 10.0
PROFILE = "ukraine-russia"
"""The region pack the demo selects for the seeds."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "golden: outcomes on the seed corpus (seeds/), kept to see that a change does not make them worse"
    )


# --- stores ---------------------------------------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All of seeds/, ingested once with extraction by the CLI (a worker process, as users run it) with the
    profile the demo selects for them.

    Shared by the whole session: tests only read it; a test that writes takes ``seeds_copy``."""
    from bot.cli import cli

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    args = ["--db", str(path), "ingest", "-q", "--profile", PROFILE, str(SEEDS)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def seeds_store(seeds_db: Path) -> Iterator[Store]:
    """A connection to the session's seeded store (for reading, in the test's own thread)."""
    s = open_store(seeds_db)
    yield s
    s.close()


@pytest.fixture
def seeds_copy(seeds_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded store, for a test that writes (taken with SQLite's backup API)."""
    path = tmp_path / "seeds-copy.db"
    with open_store(seeds_db) as source, open_store(path) as target:
        source.conn.backup(target.conn)
    return path


@pytest.fixture
def seed_article_db(tmp_path: Path) -> Path:
    """The seed article alone, without extraction (fast: no spaCy), in a store of the test's own."""
    path = tmp_path / "seed.db"
    with open_store(path) as s:
        Ingestor(s, workers=0).ingest([str(SEED_ARTICLE)])
    return path


# --- the fake HTTP server -----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json", **(headers or {})})


@dataclass
class Request:
    """A request the server received; ``handler`` lets a route write a response of its own (a slow drip)."""

    method: str
    path: str
    query: str
    headers: HTTPMessage
    body: bytes
    handler: BaseHTTPRequestHandler = field(repr=False)

    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    def form(self) -> dict[str, str]:
        """A form-encoded body (JSON-encoded fields decoded, as the Slack SDK sends them)."""
        values = {k: v[0] for k, v in parse_qs(self.body.decode()).items()}
        for key in ("metadata", "blocks"):
            if isinstance(values.get(key), str):
                values[key] = json.loads(values[key])
        return values

    def data(self) -> dict:
        """The body as a dict, JSON or form-encoded."""
        return self.json() if self.headers.get("Content-Type", "").startswith("application/json") else self.form()


Route = Response | Callable[[Request], Response | dict | None]
"""A canned response, or a function of the request returning one (a dict is sent as JSON; None: it answered)."""


class FakeServer:
    """An HTTP server on 127.0.0.1 with a route per path (any method), recording every request it saw.

    ``wait_until(predicate)`` blocks until a request makes the predicate true, so tests wait on events, not on
    sleeps."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._changed = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                request = Request(self.command, parts.path, parts.query, self.headers, body, self)
                route = server.routes.get(parts.path)
                if route is None:
                    reply: Response | dict | None = Response(404, b"not found")
                else:
                    reply = route if isinstance(route, Response) else route(request)
                if isinstance(reply, dict):
                    reply = Response.json(reply)
                with server._changed:  # recorded before the client can see the answer: no race with a count
                    server.requests.append(request)
                if reply is not None:
                    self.send_response(reply.status)
                    for key, value in {"Content-Length": str(len(reply.body)), **reply.headers}.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                with server._changed:
                    server._changed.notify_all()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        with self._changed:
            return [r.path for r in self.requests]

    def wait_until(self, predicate: Callable[[list[Request]], bool], seconds: float = WAIT_SECONDS) -> bool:
        """Wait until ``predicate(requests)`` holds (checked each time a request has been answered); False on
        timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self.requests), timeout=seconds)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FakeServer]:
    s = FakeServer()
    yield s
    s.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    f = Fetcher(LOCAL)
    yield f
    f.close()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kyiv Wire</title><link>https://kyivwire.example/</link><language>en-gb</language>
<item><title>Air defences intercept drones over Kyiv</title>
<link>https://kyivwire.example/news/1?utm_source=rss&amp;id=1</link><guid isPermaLink="false">kw-1</guid>
<pubDate>Mon, 15 Jan 2024 08:30:00 +0200</pubDate>
<description><![CDATA[<p>Ukrainian air defences intercepted <b>drones</b> over Kyiv overnight, the city administration said.</p>]]></description>
</item>
<item><title>Zelensky meets leaders in Davos</title><link>https://kyivwire.example/news/2</link><guid>kw-2</guid>
<pubDate>Tue, 16 Jan 2024 10:00:00 GMT</pubDate>
<description>President Volodymyr Zelensky met business leaders at the World Economic Forum in Davos on Tuesday.</description>
</item>
<item><title></title><link>https://kyivwire.example/news/3</link><description>No title here.</description></item>
<item><title>No link here</title><description>An entry without a link.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:atom-desk</id>
<updated>2024-01-16T12:00:00Z</updated>
<entry><title>UK pledges drones for Ukraine</title><id>urn:atom-desk:1</id>
<link href="https://atomdesk.example/uk-drones"/><updated>2024-01-15T12:00:00Z</updated>
<content type="html">&lt;p&gt;The UK has pledged to send the largest number of military drones to Ukraine.&lt;/p&gt;</content></entry>
</feed>
"""

PAGE = """<!doctype html><html lang="en"><head><title>Missile strike on Dnipro - Example Times</title>
<meta property="og:site_name" content="Example Times"><meta property="og:title" content="Missile strike on Dnipro">
<meta name="date" content="2024-01-14T09:00:00Z"></head>
<body><nav>Home | World | Europe</nav><article><h1>Missile strike on Dnipro</h1>
<p>A Russian missile struck an apartment building in Dnipro on Saturday, emergency services said, in one of the
deadliest attacks on the city since the start of the full-scale invasion.</p>
<p>Rescue workers searched the rubble through the night as residents gathered outside the damaged block, and the
regional governor declared a day of mourning.</p></article><footer>© Example Times</footer></body></html>
"""
