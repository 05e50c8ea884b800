"""Shared fixtures: real SQLite files in temporary folders, a local HTTP server on 127.0.0.1, the seeds."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefings.ingest.fetch import Fetcher, FetchPolicy
from briefings.store.database import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_9a9169700b6e3d6e.txt"
PRESS_RELEASES = SEEDS / "press_releases.jsonl"
LOCAL = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10, read_timeout=5, connect_timeout=5)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    yield s
    s.close()


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Reply | Callable[[BaseHTTPRequestHandler], Reply]


class LocalServer:
    """An HTTP server on 127.0.0.1 serving canned replies; records the request headers it saw."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                reply = (
                    Reply(404, b"not found") if route is None else route if isinstance(route, Reply) else route(self)
                )
                if reply is None:  # the route wrote its own response
                    return
                self.send_response(reply.status)
                headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer()
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


def send_json(handler: BaseHTTPRequestHandler, body: object, status: int = 200, headers: dict | None = None) -> None:
    """Answer a fake API request with a JSON body (the fake Slack and Discord servers of the adapter tests)."""
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(data)
