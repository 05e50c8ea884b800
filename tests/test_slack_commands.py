"""Slack commands in HTTP mode on 127.0.0.1 with real signed requests; replies go to a local response_url."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
import logging
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.commands import COMMANDS
from bot.config import ChannelConfig, Config
from bot.logs import setup_logging
from bot.replies import Block, Reply
from bot.runner import CommandRunner
from bot.slack_adapter import BUSY, CommandPool, build_app, split_command, web_app
from briefings.store import ThreadStores
from tests.conftest import FakeServer, Response

SECRET = "test-signing-secret-0123456789"


class ResponseUrl:
    """Records what Bolt's ``respond`` posts to the response_url (a route of the fake server)."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        server.routes["/respond"] = Response(200, b"ok")
        self.url = server.url("/respond")

    @property
    def bodies(self) -> list[dict]:
        return [r.json() for r in self.server.requests if r.path == "/respond"]

    def wait_for(self, count: int) -> None:
        """Block until ``count`` replies have arrived."""
        assert self.server.wait_until(lambda requests: sum(r.path == "/respond" for r in requests) >= count)


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
def database(seed_article_db: Path) -> str:
    return str(seed_article_db)


@pytest.fixture
def responses(server: FakeServer) -> ResponseUrl:
    return ResponseUrl(server)


def text_runner(database: str):
    """The runner ``briefbot run`` gives the Slack adapter: table commands, a store connection per thread."""
    return CommandRunner(ThreadStores(database)).text


CONFIG = Config(
    path="t.toml",
    channels=(ChannelConfig(name="ops", platform="slack", channel_id="C0PUBLIC1", schedule="0 8 * * *"),),
)


async def serve(app) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(web_app(app, SECRET))
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # a free port, known before the site starts
    await web.SockSite(runner, sock).start()
    return runner, f"http://127.0.0.1:{sock.getsockname()[1]}/slack/events"


def test_split_command() -> None:
    assert split_command("/briefbot", "actor Zelensky") == ("actor", "Zelensky")
    assert split_command("/briefbot", "") == ("help", "")
    assert split_command("/actor", " Zelensky ") == ("actor", "Zelensky")


def test_signed_requests_are_answered_and_bad_ones_get_401_without_running(database, responses) -> None:
    pool = CommandPool(workers=2, queue=2)
    run = text_runner(database)
    calls: list[str] = []

    def counted(name: str, text: str, channel: str | None) -> Reply:
        calls.append(name)
        return run(name, text, channel)

    app = build_app(CONFIG, counted, pool, signing_secret=SECRET, authorize=authorize)

    async def scenario() -> list[int]:
        runner, url = await serve(app)
        statuses = []
        try:
            async with aiohttp.ClientSession() as http:
                good = command_body("search missile attack", responses.url)
                async with http.post(url, data=good, headers=signed(good)) as r:
                    statuses.append(r.status)
                await asyncio.to_thread(responses.wait_for, 1)
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
        finally:
            await runner.cleanup()
        return statuses

    statuses = asyncio.run(scenario())
    pool.shutdown()  # waits for any command that was started
    assert statuses == [200, 401, 401, 401, 401]
    assert calls == ["search"] and len(responses.bodies) == 1  # only the good request ran a command
    reply = responses.bodies[0]
    assert reply["response_type"] == "ephemeral"  # C0123ABCD is not a public channel in the config
    assert "Escalation in Ukraine" in json.dumps(reply["blocks"])


def test_hostile_headers_and_bodies_get_401_or_400_and_are_not_logged(database, responses) -> None:
    """Timestamps that are not short ASCII decimals, bodies that are not UTF-8 and megabyte bodies never reach
    Bolt: each gets 401 (unsigned) or 400 (signed but not UTF-8), and the log holds one short line each."""
    calls: list[str] = []

    def counted(name: str, text: str, channel: str | None) -> Reply:
        calls.append(name)
        return Reply(title="ran")

    pool = CommandPool(workers=1, queue=1)
    app = build_app(CONFIG, counted, pool, signing_secret=SECRET, authorize=authorize)
    body = command_body("search missile", responses.url)
    not_utf8 = body.encode() + b"&x=\xff\xfe"
    huge = body + "&padding=" + "A" * 900_000

    def signed_bytes(data: bytes) -> dict[str, str]:
        timestamp = str(int(time.time()))
        digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + data, hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}

    cases: list[tuple[bytes | str, dict[str, str]]] = [
        (body, {**signed(body), "X-Slack-Request-Timestamp": "\u00b2"}),  # a superscript two
        (body, {**signed(body), "X-Slack-Request-Timestamp": "1" * 5000}),
        (body, {**signed(body), "X-Slack-Request-Timestamp": "\u0661\u0662"}),  # Arabic-Indic digits
        (not_utf8, {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=00"}),
        (huge, {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=00"}),
        (not_utf8, signed_bytes(not_utf8)),  # signed by Slack (so to speak) but not UTF-8
    ]
    logs = io.StringIO()
    setup_logging("DEBUG", json_lines=False, secrets=[SECRET], stream=logs)

    async def scenario() -> list[int]:
        runner, url = await serve(app)
        statuses = []
        try:
            async with aiohttp.ClientSession() as http:
                for data, headers in cases:
                    form = {"Content-Type": "application/x-www-form-urlencoded"}
                    raw = data if isinstance(data, bytes) else data.encode()
                    # aiohttp would refuse to send a non-ASCII header value: encode it as latin-1 bytes ourselves
                    sent = {k: v.encode().decode("latin-1") for k, v in {**form, **headers}.items()}
                    async with http.post(url, data=raw, headers=sent) as r:
                        statuses.append(r.status)
        finally:
            await runner.cleanup()
        return statuses

    try:
        statuses = asyncio.run(scenario())
    finally:
        logging.getLogger().handlers.clear()
    pool.shutdown()
    assert statuses == [401, 401, 401, 401, 401, 400]
    assert calls == []
    text = logs.getvalue()
    assert "AAAAAAAAAA" not in text and "search+missile" not in text  # no body reaches the log
    assert text.count("no valid Slack signature") == 5 and "not UTF-8" in text
    assert "Traceback" not in text


def test_bidi_controls_typed_in_a_command_are_not_echoed_in_a_public_reply(database, responses) -> None:
    pool = CommandPool(workers=1, queue=1)
    app = build_app(CONFIG, text_runner(database), pool, signing_secret=SECRET, authorize=authorize)

    async def scenario() -> None:
        runner, url = await serve(app)
        try:
            async with aiohttp.ClientSession() as http:
                body = command_body("search \u202eDavos\u202c \u2067forum\u2069", responses.url, channel="C0PUBLIC1")
                async with http.post(url, data=body.encode(), headers=signed(body)) as r:
                    assert r.status == 200
                await asyncio.to_thread(responses.wait_for, 1)
        finally:
            await runner.cleanup()

    asyncio.run(scenario())
    pool.shutdown()
    (reply,) = responses.bodies
    text = json.dumps(reply, ensure_ascii=False)
    assert reply["response_type"] == "in_channel" and "Search: Davos forum" in text
    assert not any(c in text for c in "\u202e\u202c\u2067\u2069")


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
                await asyncio.to_thread(responses.wait_for, 2)  # the two over capacity: busy
                release.set()
                await asyncio.to_thread(responses.wait_for, 6)
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


def test_short_forms_are_the_command_table(responses) -> None:
    answered: list[str] = []

    def run(name: str, text: str, channel: str | None) -> Reply:
        answered.append(name)
        return Reply(title=name)

    pool = CommandPool()
    app = build_app(CONFIG, run, pool, signing_secret=SECRET, authorize=authorize, short_forms=True)

    async def dispatch(command: str) -> int:
        body = command_body("", responses.url, command=command)
        response = await app.async_dispatch(AsyncBoltRequest(body=body, headers=signed(body)))
        return response.status

    statuses = {name: asyncio.run(dispatch(f"/{name}")) for name in [*COMMANDS, "nosuch"]}
    # Acknowledged commands run in the pool; shutting it down cancels queued ones, so wait for them first.
    deadline = time.monotonic() + 30  # a loaded CI machine: the loop ends as soon as all ran
    while len(answered) < len(COMMANDS) and time.monotonic() < deadline:
        time.sleep(0.01)
    pool.shutdown()
    assert statuses == {**dict.fromkeys(COMMANDS, 200), "nosuch": 404}  # every table command, and only those
    assert sorted(answered) == sorted(COMMANDS)
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_app(CONFIG, run, CommandPool(), signing_secret="", authorize=authorize)


def fake_files_api(server: FakeServer) -> str:
    """files.getUploadURLExternal, the upload itself and files.completeUploadExternal; returns the API's URL."""
    server.routes["/api/files.getUploadURLExternal"] = Response.json(
        {"ok": True, "upload_url": server.url("/upload/F1"), "file_id": "F1"}
    )
    server.routes["/upload/F1"] = Response.json({"ok": True})
    server.routes["/api/files.completeUploadExternal"] = Response.json({"ok": True, "files": [{"id": "F1"}]})
    return server.url("/api/")


def test_a_timeline_in_a_public_channel_uploads_its_chart(seeds_db: Path, server: FakeServer, responses) -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    pool = CommandPool(workers=1, queue=1)
    client = AsyncWebClient(token="xoxb-test", base_url=fake_files_api(server))
    app = build_app(CONFIG, text_runner(str(seeds_db)), pool, signing_secret=SECRET, authorize=authorize, client=client)

    async def scenario() -> None:
        runner, url = await serve(app)
        try:
            async with aiohttp.ClientSession() as http:
                body = command_body("timeline Russia", responses.url, channel="C0PUBLIC1")
                async with http.post(url, data=body, headers=signed(body)) as r:
                    assert r.status == 200
            uploaded = await asyncio.to_thread(
                server.wait_until, lambda rs: any(r.path.endswith("files.completeUploadExternal") for r in rs)
            )
            assert uploaded
        finally:
            await runner.cleanup()

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()
    files = [r for r in server.requests if r.path != "/respond"]
    assert [r.path for r in files] == [
        "/api/files.getUploadURLExternal",
        "/upload/F1",
        "/api/files.completeUploadExternal",
    ]
    assert len(files[1].body) > 1000  # the PNG itself
    assert responses.bodies and responses.bodies[0]["response_type"] == "in_channel"
    assert "Timeline: Russia" in json.dumps(responses.bodies[0]["blocks"])
