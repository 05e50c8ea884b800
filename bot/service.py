"""``briefbot run``: the store, the scheduler (slot ticks and feed polling), the chat adapters, the console and the
health endpoint, in one asyncio loop. Store and CPU work runs in worker threads, each with its own connection."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TextIO, TypeVar

import aiohttp
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.commands import split_line
from bot.config import Config, SourceConfig
from bot.console import answer, charts_folder, tolerant
from bot.healthz import Watched, health_report, start_health_server
from bot.polling import Poller
from bot.runner import CommandRunner
from bot.schedule import SlotRunner
from bot.senders import ConsoleSender, FileSender, Sender
from briefings.errors import BriefbotError
from briefings.store import ThreadStores, open_store

log = logging.getLogger("briefbot.service")
TICK_SECONDS = 30.0
POLL_WORKERS = 2
STOP_SECONDS = 10.0
"""How long stopping waits for a chat connection to close."""
SLACK_CONNECT_SECONDS = 20.0
RETRY_SECONDS = 10
"""First wait before connecting again to a chat platform that cannot be reached (doubled each time)."""
MAX_RETRY_SECONDS = 600
T = TypeVar("T")
Stop = Callable[[], Awaitable[None]]
"""Stops something ``serve`` started."""


def senders_for(config: Config, out: TextIO | None = None) -> dict[str, Sender]:
    """The senders of the configured platforms that can post now (Discord's is added once its client is logged
    in: until then its channels' slots wait)."""
    senders: dict[str, Sender] = {"console": ConsoleSender(out), "file": FileSender()}
    if any(c.platform == "slack" for c in config.channels) and config.secrets.get("SLACK_BOT_TOKEN"):
        from bot.slack_sender import SlackSender

        senders["slack"] = SlackSender.from_token(config.secrets["SLACK_BOT_TOKEN"], base_url=config.slack_api_url)
    return senders


class _Jobs:
    """The scheduler's jobs: the slot tick and one poll per source, each run in a worker thread."""

    def __init__(self, config: Config, stores: ThreadStores, senders: dict[str, Sender], stop: asyncio.Event) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop = stop
        # Slots and polls have executors of their own: a slow feed never makes a briefing wait.
        self.slots = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefbot-slots")
        self.polls = ThreadPoolExecutor(max_workers=POLL_WORKERS, thread_name_prefix="briefbot-poll")
        self.runner = SlotRunner(config, stores, senders)
        self.poller = Poller(config, stores)
        self.inflight: set[asyncio.Task] = set()

    def _track(self) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.inflight.add(task)

    async def tick(self) -> None:
        if self.stop.is_set():
            return
        self._track()
        try:
            results = await self.loop.run_in_executor(self.slots, self.runner.tick, datetime.now(UTC))
        except RuntimeError:  # the worker pool shut down while stopping
            return
        for r in results:
            log.info("slot %s %s: %s%s", r.channel, r.slot_key, r.status, f" ({r.error})" if r.error else "")

    async def poll(self, source: SourceConfig) -> None:
        if self.stop.is_set():
            return
        self._track()
        try:
            outcome = await self.loop.run_in_executor(self.polls, self.poller.poll, source, datetime.now(UTC))
            log.info("source %s: %s", source.name, outcome)
        except Exception:
            log.exception("source %s: polling failed", source.name)

    def schedule(self, config: Config, tick_seconds: float) -> AsyncIOScheduler:
        scheduler = AsyncIOScheduler(timezone=UTC, event_loop=self.loop)
        now = datetime.now(UTC)
        common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
        scheduler.add_job(self.tick, "interval", seconds=tick_seconds, next_run_time=now, id="slots", **common)
        for source in config.sources:
            if source.enabled:
                scheduler.add_job(
                    self.poll,
                    "interval",
                    minutes=source.poll_minutes,
                    args=[source],
                    next_run_time=now,
                    id=f"poll:{source.name}",
                    **common,
                )
        scheduler.start()
        return scheduler

    async def finish(self) -> None:
        """Let the tick in progress finish (a briefing being sent is not cut off) and the polls in progress let go
        of their fetches, then stop the pools."""
        self.poller.cancel.set()
        await asyncio.gather(*(t for t in self.inflight if not t.done()), return_exceptions=True)
        for pool in (self.slots, self.polls):
            await self.loop.run_in_executor(None, pool.shutdown, True)


async def serve(
    config: Config,
    *,
    interactive: bool,
    exit_after: float | None = None,
    tick_seconds: float = TICK_SECONDS,
    out: TextIO | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (or ``exit_after`` seconds), then finish the tick in progress and give back
    any slot claimed but not yet sent."""
    open_store(config.database).close()  # migrate before anything starts
    for notice in config.notices:
        log.warning(notice)
    if logging.getLogger().level > logging.DEBUG:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    stores = ThreadStores(config.database)
    commands = CommandRunner(ThreadStores(config.database), config.sources, config.ask_min_confidence / 100)
    senders = senders_for(config, out)
    stoppers: list[Stop] = []
    try:
        # Listeners bind first: a port in use stops the start with one line, before anything else runs.
        stoppers += await _start_health(config)
        stoppers += await _start_slack(config, commands)
    except OSError as exc:
        await _stop_all(stoppers)
        raise StartupError(f"cannot listen: {exc.strerror or exc}") from None
    stoppers += _start_discord(config, senders, commands)
    jobs = _Jobs(config, stores, senders, stop)
    now = datetime.now(UTC)  # what each channel will post, read before the first tick can post it
    outlook = [f"channel {c.name}: {jobs.runner.outlook(c, now)}" for c in config.channels if c.platform in senders]
    scheduler = jobs.schedule(config, tick_seconds)
    if interactive:
        threading.Thread(target=_console, args=(commands, loop, stop, out), daemon=True, name="console").start()
    channels = ", ".join(f"{c.name} ({c.platform}, {c.schedule} {c.timezone})" for c in config.channels) or "none"
    log.info("running: %d sources, channels: %s", len([s for s in config.sources if s.enabled]), channels)
    for line in outlook:
        log.info(line)
    try:
        if exit_after is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=exit_after)
        else:
            await stop.wait()
    finally:
        log.info("stopping")
        scheduler.pause()  # no new runs; APScheduler's shutdown would cancel the ones in progress
        await _stop_all(stoppers)
        await jobs.finish()
        scheduler.shutdown(wait=False)
        released = await loop.run_in_executor(None, _release, jobs.runner, config.database)
        if released:
            log.info("released %d claimed slot(s)", released)


class StartupError(BriefbotError):
    """The service cannot start (a port in use); ``briefbot run`` says why in one line."""


async def _stop_all(stoppers: list[Stop]) -> None:
    for stopper in stoppers:
        try:
            await asyncio.wait_for(stopper(), STOP_SECONDS)
        except Exception as exc:  # one platform failing to close must not keep the others open
            log.warning("stopping: %s", reason(exc))


def reason(exc: BaseException) -> str:
    """One line saying what went wrong (a timeout has no message of its own)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _background(name: str, work: Awaitable[None], stop: Callable[[], Awaitable[None]]) -> Stop:
    """Run a platform's connection in the background (it may retry for ever); the stopper cancels and closes it."""
    task = asyncio.create_task(_logged(name, work), name=name)

    async def stopper() -> None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await stop()

    return stopper


async def _logged(name: str, work: Awaitable[None]) -> None:
    try:
        await work
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        log.error("%s: off (%s)", name, reason(exc))


async def _start_health(config: Config) -> list[Stop]:
    if not config.health_port:
        return []
    watched = [Watched(s.name, s.location, s.enabled) for s in config.sources]

    def report() -> tuple[int, dict]:
        channels = [c.name for c in config.channels]
        return health_report(config.database, watched, channels, details=config.health_details)

    server = await start_health_server(config.health_host, config.health_port, report)
    log.info("health endpoint on http://%s:%d/healthz", config.health_host, config.health_port)

    async def stop() -> None:
        server.close()

    return [stop]


def _start_discord(config: Config, senders: dict[str, Sender], commands: CommandRunner) -> list[Stop]:
    """Connect to Discord in the background when DISCORD_TOKEN is set: commands, and once logged in, the sender
    for Discord channels (until then their slots wait). While Discord cannot be reached the login is retried;
    a refused token turns Discord off with one line."""
    token = config.secrets.get("DISCORD_TOKEN")
    if not token:
        return []
    import discord

    from bot.discord_adapter import BriefbotClient, DiscordSender

    guilds = tuple(int(g) for g in config.discord_guild_ids)
    current: list[BriefbotClient] = []

    async def login() -> BriefbotClient:
        # A client whose login failed keeps a closed HTTP session: each attempt gets a new one.
        client = BriefbotClient(config, commands, guild_ids=guilds)
        current[:] = [client]
        try:
            await client.login(token)
        except discord.HTTPException as exc:
            await client.close()
            if exc.status >= 500:
                raise ConnectionError(f"Discord answered HTTP {exc.status}") from None
            raise
        except BaseException:
            await client.close()
            raise
        return client

    async def connect() -> None:
        client = await _until_reachable("Discord", login)
        senders["discord"] = DiscordSender(client, asyncio.get_running_loop())
        log.info("Discord: logged in (commands are synced when it is ready)")
        await client.connect(reconnect=True)

    async def close() -> None:
        if current:
            await current[0].close()

    return [_background("Discord", connect(), close)]


async def _start_slack(config: Config, commands: CommandRunner) -> list[Stop]:
    """Start the Slack command adapter when its tokens are present: Socket Mode connects in the background (it
    retries for ever when the token is wrong or there is no network), HTTP mode binds its port now."""
    token = config.secrets.get("SLACK_BOT_TOKEN")
    if not token:
        return []
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack_adapter import CommandPool, build_app, web_app

    pool = CommandPool(workers=config.slack_workers, queue=2 * config.slack_workers)
    client = AsyncWebClient(token=token, base_url=config.slack_api_url)
    short = config.slack_short_commands
    if config.slack_mode == "socket":
        app_token = config.secrets.get("SLACK_APP_TOKEN")
        if not app_token:
            log.warning("Slack commands are off: socket mode needs SLACK_APP_TOKEN (scheduled posts still work)")
            return []
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        app = build_app(config, commands.text, pool, signing_secret=None, client=client, short_forms=short)
        handler = AsyncSocketModeHandler(app, app_token, web_client=client)

        async def connect() -> None:
            # The SDK retries a failed connection for ever, logging a traceback each time: ask for the socket's
            # address first. A refused token is final; an unreachable Slack is tried again, later and later.
            handler.client.wss_uri = await _socket_address(handler.client)
            await handler.connect_async()
            log.info("Slack commands: socket mode connected")

        async def close() -> None:
            await handler.close_async()
            pool.shutdown()

        return [_background("Slack commands", connect(), close)]
    secret = config.secrets.get("SLACK_SIGNING_SECRET")
    if not secret:
        log.warning("Slack commands are off: HTTP mode needs SLACK_SIGNING_SECRET (scheduled posts still work)")
        return []
    from aiohttp import web

    app = build_app(config, commands.text, pool, signing_secret=secret, client=client, short_forms=short)
    site_runner = web.AppRunner(web_app(app, secret))
    await site_runner.setup()
    try:
        await web.TCPSite(site_runner, config.slack_host, config.slack_port).start()
    except OSError:
        await site_runner.cleanup()
        pool.shutdown()
        raise
    log.info("Slack commands: listening on http://%s:%d/slack/events", config.slack_host, config.slack_port)

    async def stop_http() -> None:
        await site_runner.cleanup()
        pool.shutdown()

    return [stop_http]


async def _socket_address(client: Any) -> str:
    """The WebSocket URL Slack gives the app token (``apps.connections.open``), retrying while Slack is
    unreachable; StartupError when Slack refuses the token."""
    from slack_sdk.errors import SlackApiError

    async def ask() -> str:
        try:
            return str(await asyncio.wait_for(client.issue_new_wss_url(), SLACK_CONNECT_SECONDS))
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else None
            raise StartupError(f"Slack refused the app token ({error or 'no reason given'})") from None

    return await _until_reachable("Slack commands", ask)


async def _until_reachable(name: str, attempt: Callable[[], Awaitable[T]]) -> T:
    """``attempt()`` again after 10, 20, 40 ... seconds (at most 10 minutes apart) for as long as the platform
    cannot be reached; any other error ends the retries."""
    delay = RETRY_SECONDS
    while True:
        try:
            return await attempt()
        except (TimeoutError, OSError, aiohttp.ClientError) as exc:
            log.warning("%s: cannot reach the platform (%s); trying again in %d s", name, reason(exc), delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_SECONDS)


def _release(runner: SlotRunner, database: str) -> int:
    store = open_store(database)
    try:
        runner.store = lambda: store
        return runner.release()
    finally:
        store.close()


def _console(commands: CommandRunner, loop: asyncio.AbstractEventLoop, stop: asyncio.Event, out: TextIO | None) -> None:
    """Commands typed on the terminal, answered in this thread with its own connection; charts are saved beside
    the store."""
    stream = out or sys.stdout
    charts = charts_folder(commands.stores.path)
    print("Type /help for the commands, /quit to stop Briefbot.", file=stream, flush=True)
    try:
        for line in tolerant(sys.stdin):
            line = line.strip()
            if not line:
                continue
            if line in ("/quit", "/exit"):
                break
            name, rest = split_line(line)
            print(answer(commands.text(name, rest, "console"), charts), file=stream, flush=True)
    finally:
        commands.stores.close()
        loop.call_soon_threadsafe(stop.set)
