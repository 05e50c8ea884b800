"""Slack commands in HTTP mode on 127.0.0.1 with real signed requests; replies go to a local response_url."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.authorization import AuthorizeResult

from bot.commands import COMMANDS
from bot.config import ChannelConfig, Config
from bot.replies import Block, Reply
from bot.slack_adapter import BUSY, CommandPool, build_app, split_command, store_runner, web_app
from briefings.ingest.pipeline import Ingestor
from briefings.store.database import open_store
from tests.conftest import SEED_ARTICLE, send_json

SECRET = "test-signing-secret-0123456789"


class ResponseUrl:
    """Records what Bolt's ``respond`` posts to the response_url."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.bodies.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/respond"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


async def authorize(**kwargs) -> AuthorizeResult:
    return AuthorizeResult(enterprise_id=None, team_id="T1", bot_user_id="U0BOT", bot_token="xoxb-test", bot_id="B1")


def signed(body: str, timestamp: str | None = None, secret: str = SECRET) -> dict[str, str]:
    timestamp = timestamp or str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def command_body(text: str, response_url: str, command: str = "/briefbot", channel: str = "C0123ABCD") -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": channel,
            "user_id": "U1",
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


@pytest.fixture
def database(tmp_path: Path) -> str:
    path = tmp_path / "b.db"
    with open_store(path) as store:
        Ingestor(store, workers=0).ingest([str(SEED_ARTICLE)])
    return str(path)


@pytest.fixture
def responses():
    fake = ResponseUrl()
    yield fake
    fake.close()


CONFIG = Config(
    path="t.toml",
    channels=(ChannelConfig(name="ops", platform="slack", channel_id="C0PUBLIC1", schedule="0 8 * * *"),),
)


async def serve(app) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(web_app(app))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}/slack/events"


async def wait_for(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


def test_split_command() -> None:
    assert split_command("/briefbot", "actor Zelensky") == ("actor", "Zelensky")
    assert split_command("/briefbot", "") == ("help", "")
    assert split_command("/actor", " Zelensky ") == ("actor", "Zelensky")


def test_signed_requests_are_answered_and_bad_ones_get_401_without_running(database, responses) -> None:
    pool = CommandPool(workers=2, queue=2)
    app = build_app(CONFIG, store_runner(database), pool, signing_secret=SECRET, authorize=authorize)

    async def scenario() -> list[int]:
        runner, url = await serve(app)
        statuses = []
        try:
            async with aiohttp.ClientSession() as http:
                good = command_body("search missile attack", responses.url)
                async with http.post(url, data=good, headers=signed(good)) as r:
                    statuses.append(r.status)
                await wait_for(lambda: responses.bodies)
                bad = command_body("actor Putin", responses.url)
                cases = [
                    signed(bad, secret="wrong-secret"),  # bad signature
                    signed(bad, timestamp=str(int(time.time()) - 3600)),  # stale
                    {**signed(bad), "X-Slack-Request-Timestamp": "yesterday"},  # non-numeric
                    {"Content-Type": "application/x-www-form-urlencoded"},  # missing headers
                ]
                for headers in cases:
                    async with http.post(url, data=bad, headers=headers) as r:
                        statuses.append(r.status)
                await asyncio.sleep(0.5)
        finally:
            await runner.cleanup()
        return statuses

    statuses = asyncio.run(scenario())
    pool.shutdown()
    assert statuses == [200, 401, 401, 401, 401]
    assert len(responses.bodies) == 1  # only the good request ran a handler
    reply = responses.bodies[0]
    assert reply["response_type"] == "ephemeral"  # C0123ABCD is not a public channel in the config
    assert "Escalation in Ukraine" in json.dumps(reply["blocks"])


def test_six_slow_commands_are_all_acknowledged_and_overflow_is_told_busy(responses) -> None:
    release = threading.Event()

    def slow(name: str, text: str, channel: str | None) -> Reply:
        release.wait(10)
        return Reply(title=f"done {text}", blocks=(Block("ok"),))

    pool = CommandPool(workers=2, queue=2)
    app = build_app(CONFIG, slow, pool, signing_secret=SECRET, authorize=authorize)

    async def scenario() -> tuple[list[int], list[float]]:
        runner, url = await serve(app)
        try:
            async with aiohttp.ClientSession() as http:

                async def one(i: int) -> tuple[int, float]:
                    body = command_body(f"search {i}", responses.url, channel="C0PUBLIC1")
                    started = time.monotonic()
                    async with http.post(url, data=body, headers=signed(body)) as r:
                        return r.status, time.monotonic() - started

                results = await asyncio.gather(*(one(i) for i in range(6)))
                await wait_for(lambda: len(responses.bodies) >= 2)  # the two over capacity: busy
                release.set()
                await wait_for(lambda: len(responses.bodies) >= 6)
        finally:
            await runner.cleanup()
        return [s for s, _ in results], [t for _, t in results]

    statuses, seconds = asyncio.run(scenario())
    pool.shutdown()
    assert statuses == [200] * 6
    assert max(seconds) < 3.0  # every one acknowledged within Slack's deadline
    texts = [b.get("text") for b in responses.bodies]
    assert texts.count(BUSY) == 2
    done = [b for b in responses.bodies if b.get("text") != BUSY]
    assert len(done) == 4 and all(b["response_type"] == "in_channel" for b in done)  # C0PUBLIC1 is public


def test_short_forms_are_the_command_table(database) -> None:
    pool = CommandPool()
    app = build_app(CONFIG, store_runner(database), pool, signing_secret=SECRET, authorize=authorize, short_forms=True)
    assert len(app._async_listeners) == len(COMMANDS) + 1
    pool.shutdown()
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_app(CONFIG, store_runner(database), CommandPool(), signing_secret="", authorize=authorize)


class FakeFilesApi:
    """files.getUploadURLExternal, the upload itself and files.completeUploadExternal, on 127.0.0.1."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                path = self.path.split("?")[0]
                fake.calls.append((path, len(body)))
                if path.endswith("files.getUploadURLExternal"):
                    data = {"ok": True, "upload_url": f"{fake.root}/upload/F1", "file_id": "F1"}
                elif path.endswith("files.completeUploadExternal"):
                    data = {"ok": True, "files": [{"id": "F1"}]}
                else:
                    data = {"ok": True}
                send_json(self, data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_timeline_in_a_public_channel_uploads_its_chart(tmp_path: Path, responses) -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    from briefings.ingest.normalise import ExtractOptions

    db = tmp_path / "b.db"
    with open_store(db) as store:
        Ingestor(store, workers=0, extract=ExtractOptions()).ingest([str(SEED_ARTICLE)])
    files = FakeFilesApi()
    pool = CommandPool(workers=1, queue=1)
    client = AsyncWebClient(token="xoxb-test", base_url=f"{files.root}/api/")
    app = build_app(CONFIG, store_runner(str(db)), pool, signing_secret=SECRET, authorize=authorize, client=client)

    async def scenario() -> None:
        runner, url = await serve(app)
        try:
            async with aiohttp.ClientSession() as http:
                body = command_body("timeline Russia", responses.url, channel="C0PUBLIC1")
                async with http.post(url, data=body, headers=signed(body)) as r:
                    assert r.status == 200
            await wait_for(lambda: any(p.endswith("files.completeUploadExternal") for p, _ in files.calls))
        finally:
            await runner.cleanup()

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()
        files.close()
    paths = [p for p, _ in files.calls]
    assert paths == ["/api/files.getUploadURLExternal", "/upload/F1", "/api/files.completeUploadExternal"]
    assert dict(files.calls)["/upload/F1"] > 1000  # the PNG itself
    assert responses.bodies and responses.bodies[0]["response_type"] == "in_channel"
    assert "Timeline: Russia" in json.dumps(responses.bodies[0]["blocks"])
