"""``briefbot run``: the store, the scheduler (slot ticks and feed polling), the console and the health endpoint,
in one asyncio loop. Store and CPU work runs in worker threads, each with its own SQLite connection."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.commands import Context, run_command, split_line
from bot.config import Config
from bot.healthz import health_report, start_health_server
from bot.render.text import render_reply
from bot.schedule import Poller, SlotRunner
from bot.senders import ConsoleSender, FileSender, Sender
from briefings.store.database import Store, open_store

log = logging.getLogger("briefbot.service")
TICK_SECONDS = 30.0


class ThreadStores:
    """One store connection per thread (SQLite connections belong to the thread that opened them)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()

    def __call__(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = open_store(self.path)
        return store

    def close(self) -> None:
        """Close the calling thread's connection (a connection can only be closed by its own thread)."""
        store = getattr(self.local, "store", None)
        if store is not None:
            store.close()
            self.local.store = None


def senders_for(config: Config, out: TextIO | None = None) -> dict[str, Sender]:
    senders: dict[str, Sender] = {"console": ConsoleSender(out), "file": FileSender()}
    platforms = {c.platform for c in config.channels}
    if "discord" in platforms and config.secrets.get("DISCORD_TOKEN"):
        platforms.discard("discord")  # its sender is added once the client exists (see _start_discord)
    if "slack" in platforms and config.secrets.get("SLACK_BOT_TOKEN"):
        from bot.slack_sender import SlackSender

        senders["slack"] = SlackSender.from_token(config.secrets["SLACK_BOT_TOKEN"])
    for platform in sorted(platforms - set(senders)):
        log.warning(
            "channels on %s are configured, but this version has no %s adapter yet: they are skipped",
            platform,
            platform,
        )
    return senders


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
    if logging.getLogger().level > logging.DEBUG:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    stores = ThreadStores(config.database)
    work = ThreadPoolExecutor(max_workers=2, thread_name_prefix="briefbot-work")
    senders = senders_for(config, out)
    discord_stop = await _start_discord(config, senders)
    runner = SlotRunner(config, stores, senders)
    poller = Poller(config, stores)

    inflight: set[asyncio.Task] = set()

    async def tick() -> None:
        if stop.is_set():
            return
        inflight.add(asyncio.current_task())
        try:
            results = await loop.run_in_executor(work, runner.tick, datetime.now(UTC))
        except RuntimeError:  # the worker pool shut down while stopping
            return
        for r in results:
            log.info("slot %s %s: %s%s", r.channel, r.slot_key, r.status, f" ({r.error})" if r.error else "")

    async def poll(source) -> None:
        if stop.is_set():
            return
        inflight.add(asyncio.current_task())
        try:
            outcome = await loop.run_in_executor(work, poller.poll, source, datetime.now(UTC))
            log.info("source %s: %s", source.name, outcome)
        except Exception:
            log.exception("source %s: polling failed", source.name)

    scheduler = AsyncIOScheduler(timezone=UTC, event_loop=loop)
    now = datetime.now(UTC)
    common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    scheduler.add_job(tick, "interval", seconds=tick_seconds, next_run_time=now, id="slots", **common)
    for source in config.sources:
        if source.enabled:
            scheduler.add_job(
                poll,
                "interval",
                minutes=source.poll_minutes,
                args=[source],
                next_run_time=now,
                id=f"poll:{source.name}",
                **common,
            )
    scheduler.start()
    health = None
    if config.health_port:
        health = await start_health_server(
            config.health_host, config.health_port, lambda: health_report(config.database)
        )
        log.info("health endpoint on http://%s:%d/healthz", config.health_host, config.health_port)
    slack = await _start_slack(config)
    console_thread = None
    if interactive:
        console_thread = threading.Thread(target=_console, args=(config, loop, stop, out), daemon=True, name="console")
        console_thread.start()
    channels = ", ".join(f"{c.name} ({c.platform}, {c.schedule} {c.timezone})" for c in config.channels) or "none"
    log.info("running: %d sources, channels: %s", len([s for s in config.sources if s.enabled]), channels)
    try:
        if exit_after is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=exit_after)
        else:
            await stop.wait()
    finally:
        log.info("stopping")
        scheduler.pause()  # no new runs; APScheduler's shutdown would cancel the ones in progress
        if health is not None:
            health.close()
        if slack is not None:
            await slack()
        if discord_stop is not None:
            await discord_stop()
        # The tick or poll in progress finishes (a briefing being sent is not cut off).
        await asyncio.gather(*(t for t in inflight if not t.done()), return_exceptions=True)
        scheduler.shutdown(wait=False)
        await loop.run_in_executor(None, work.shutdown, True)
        released = await loop.run_in_executor(None, _release, runner, config.database)
        if released:
            log.info("released %d claimed slot(s)", released)


async def _start_discord(config: Config, senders: dict[str, Sender]):
    """Log in to Discord when DISCORD_TOKEN is set: commands, and the sender for Discord channels."""
    token = config.secrets.get("DISCORD_TOKEN")
    if not token:
        return None
    from bot.discord_adapter import BriefbotClient, DiscordSender
    from bot.slack_adapter import store_runner

    guilds = tuple(int(g) for g in config.discord_guild_ids)
    client = BriefbotClient(config, store_runner(config.database), guild_ids=guilds)
    try:
        await client.login(token)
    except Exception as exc:  # a Discord outage or a revoked token must not stop the other channels
        log.error("Discord is off: login failed (%s)", type(exc).__name__)
        await client.close()
        return None
    task = asyncio.create_task(client.connect(reconnect=True), name="discord")
    senders["discord"] = DiscordSender(client, asyncio.get_running_loop())
    log.info("Discord: connecting (commands are synced when it is ready)")

    async def stop() -> None:
        await client.close()
        task.cancel()

    return stop


async def _start_slack(config: Config):
    """Start the Slack command adapter when its tokens are present; returns a coroutine function that stops it."""
    token = config.secrets.get("SLACK_BOT_TOKEN")
    if not token:
        return None
    from bot.slack_adapter import CommandPool, build_app, store_runner, web_app

    pool = CommandPool(workers=config.slack_workers, queue=2 * config.slack_workers)
    runner = store_runner(config.database)
    if config.slack_mode == "socket":
        app_token = config.secrets.get("SLACK_APP_TOKEN")
        if not app_token:
            log.warning("Slack commands are off: socket mode needs SLACK_APP_TOKEN (scheduled posts still work)")
            return None
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        app = build_app(config, runner, pool, signing_secret=None, token=token, short_forms=config.slack_short_commands)
        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()
        log.info("Slack commands: socket mode connected")

        async def stop() -> None:
            await handler.close_async()
            pool.shutdown()

        return stop
    secret = config.secrets.get("SLACK_SIGNING_SECRET")
    if not secret:
        log.warning("Slack commands are off: HTTP mode needs SLACK_SIGNING_SECRET (scheduled posts still work)")
        return None
    from aiohttp import web

    app = build_app(config, runner, pool, signing_secret=secret, token=token, short_forms=config.slack_short_commands)
    site_runner = web.AppRunner(web_app(app))
    await site_runner.setup()
    await web.TCPSite(site_runner, config.slack_host, config.slack_port).start()
    log.info("Slack commands: listening on http://%s:%d/slack/events", config.slack_host, config.slack_port)

    async def stop_http() -> None:
        await site_runner.cleanup()
        pool.shutdown()

    return stop_http


def _release(runner: SlotRunner, database: str) -> int:
    store = open_store(database)
    try:
        runner.store = lambda: store
        return runner.release()
    finally:
        store.close()


def _console(config: Config, loop: asyncio.AbstractEventLoop, stop: asyncio.Event, out: TextIO | None) -> None:
    """Commands typed on the terminal, answered in this thread with its own connection."""
    stream = out or sys.stdout
    store = open_store(config.database)
    print("Type /help for the commands, /quit to stop Briefbot.", file=stream, flush=True)
    try:
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            if line in ("/quit", "/exit"):
                break
            name, rest = split_line(line)
            context = Context(store, datetime.now(UTC), channel="console", sources=config.sources)
            reply = run_command(context, name, rest)
            print(render_reply(reply), file=stream, flush=True)
    finally:
        store.close()
        loop.call_soon_threadsafe(stop.set)
