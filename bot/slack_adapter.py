"""Slack commands through Bolt's async app: translate a slash command into the command table, reply with blocks.

One umbrella command (``/briefbot actor Zelensky``; Slack command names are global to a workspace) and,
optionally, the short forms (``/actor Zelensky``). Every command is acknowledged at once; the work runs on a
bounded pool of our own (not Bolt's listener pool), and when it is full the person is told the bot is busy.
Replies go through ``respond``: only to the asker unless the channel is configured ``public``.

HTTP mode verifies each request before Bolt sees it: a missing, non-decimal or overlong timestamp, a stale one or
a bad signature gets 401 (Bolt would answer 500 to some, and log every unsigned body in full), a signed body that
is not UTF-8 gets 400; no handler runs for any of them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.commands import COMMANDS
from bot.config import Config
from bot.render.slack import render_reply
from bot.replies import Reply

log = logging.getLogger("briefbot.slack")
UMBRELLA = "/briefbot"
BUSY = "Briefbot is busy answering other commands; please try again in a minute."

Runner = Callable[[str, str, str | None], Reply]
"""(command name, argument text, channel name) → reply, run in a worker thread (``CommandRunner.text``)."""


class CommandPool:
    """A bounded worker pool: ``workers`` threads and at most ``queue`` commands waiting for one."""

    def __init__(self, workers: int = 4, queue: int = 8) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="briefbot-command")
        self.slots = threading.BoundedSemaphore(workers + queue)

    def submit(self, fn: Callable[..., Reply], *args: object) -> Future | None:
        """The future of ``fn(*args)``, or None when the pool is full."""
        if not self.slots.acquire(blocking=False):
            return None
        future = self.executor.submit(fn, *args)
        future.add_done_callback(lambda _: self.slots.release())
        return future

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def split_command(command: str, text: str) -> tuple[str, str]:
    """``/briefbot actor Zelensky`` → (``actor``, ``Zelensky``); ``/actor Zelensky`` → the same."""
    text = (text or "").strip()
    if command == UMBRELLA:
        name, _, rest = text.partition(" ")
        return (name.lstrip("/").lower() or "help"), rest
    return command.lstrip("/").lower(), text


class _NotOurWarning(logging.Filter):
    """Drops Bolt's start-up warning that the SLACK_BOT_TOKEN it reads from the environment goes unused: we give
    Bolt a client made from that same token, so the warning would only alarm whoever reads the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_NOT_OUR_WARNING = _NotOurWarning()


def build_app(
    config: Config,
    runner: Runner,
    pool: CommandPool,
    *,
    signing_secret: str | None,
    short_forms: bool = False,
    **bolt: Any,
) -> AsyncApp:
    """The Bolt app with the umbrella command (and the short forms) wired to the command table.

    ``signing_secret`` None means Socket Mode (no HTTP requests to verify); an empty one is refused, since every
    request would then fail."""
    if signing_secret is not None and not signing_secret:
        raise ValueError("SLACK_SIGNING_SECRET is empty: every request would fail")
    logging.getLogger("slack_bolt.AsyncApp").addFilter(_NOT_OUR_WARNING)
    if signing_secret is None:
        app = AsyncApp(request_verification_enabled=False, **bolt)
    else:
        app = AsyncApp(signing_secret=signing_secret, **bolt)
    public_channels = {c.channel_id: c.name for c in config.channels if c.platform == "slack" and c.public}
    channel_names = {c.channel_id: c.name for c in config.channels if c.platform == "slack"}

    async def handle(ack, command, respond, client) -> None:
        await ack()
        name, text = split_command(command.get("command", UMBRELLA), command.get("text", ""))
        channel_id = command.get("channel_id", "")
        response_type = "in_channel" if channel_id in public_channels else "ephemeral"
        future = pool.submit(runner, name, text, channel_names.get(channel_id))
        if future is None:
            await respond(text=BUSY, response_type="ephemeral")
            return
        try:
            reply = await asyncio.wrap_future(future)
        except Exception:
            log.exception("command /%s failed", name)
            await respond(text="Sorry, that command failed; the error is in Briefbot's log.", response_type="ephemeral")
            return
        kind = "ephemeral" if reply.error else response_type
        for message in render_reply(reply)[:5]:  # a response_url takes at most 5 messages
            await respond(text=message["text"], blocks=message["blocks"], response_type=kind, replace_original=False)
        if reply.image is not None and kind == "in_channel":
            # Files cannot be ephemeral: the chart goes only to channels configured public.
            try:
                await client.files_upload_v2(
                    channel=channel_id, file=reply.image.data, filename=reply.image.name, title=reply.image.alt
                )
            except Exception as exc:  # the text reply is already there; a missing chart is not worth failing for
                log.warning("chart upload to %s failed: %s", channel_id, type(exc).__name__)

    app.command(UMBRELLA)(handle)
    if short_forms:
        for name in COMMANDS:
            app.command(f"/{name}")(handle)
    return app


TIMESTAMP_DIGITS = 12
"""A Slack request timestamp is Unix seconds: ten digits today, twelve is far beyond any real one."""
MAX_AGE_SECONDS = 5 * 60
"""Slack's replay window: a request signed longer ago than this is refused (Bolt uses the same)."""


def signed_by_slack(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's v0 request signature over the raw bytes (``slack_sdk`` decodes the body first, which raises on
    bytes that are not UTF-8): HMAC-SHA256 of ``v0:{timestamp}:{body}``, compared in constant time."""
    if not (timestamp.isascii() and timestamp.isdecimal() and len(timestamp) <= TIMESTAMP_DIGITS):
        return False
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={digest}".encode(), signature.encode("utf-8", "replace"))


def web_app(bolt_app: AsyncApp, signing_secret: str, path: str = "/slack/events") -> web.Application:
    """The aiohttp application for HTTP mode: the request is checked before Bolt sees it, so nothing that is
    not signed by Slack reaches Bolt (which would answer 500 to some of it and log every unsigned body)."""

    async def endpoint(request: web.Request) -> web.Response:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        body = await request.read()
        if not signed_by_slack(signing_secret, body, timestamp, signature, time.time()):
            log.info("refused an HTTP request from %s: no valid Slack signature", request.remote)
            return web.Response(status=401, text="invalid request")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("refused a signed HTTP request from %s: its body is not UTF-8", request.remote)
            return web.Response(status=400, text="the body is not UTF-8")
        headers: dict[str, str | Sequence[str]] = {key: request.headers.getall(key) for key in request.headers}
        bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=headers)
        response = await bolt_app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    application = web.Application(client_max_size=1024 * 1024)
    application.router.add_post(path, endpoint)
    return application
