"""Discord: an app-command tree generated from the command table, and scheduled briefings to channels.

Each table command becomes a slash command with typed options (text, whole numbers with their range, dates as
text) whose descriptions are the table's help (at most 100 characters); actor options autocomplete from the
store. A command is deferred at once and answered with ``followup.send``; the store and CPU work runs in a worker
thread, never on the event loop. The client mentions nobody (``AllowedMentions.none()``); the renderer escapes
markdown and mentions in article text. Scheduled posts carry a deterministic nonce with ``enforce_nonce`` so a
retried request returns the first message instead of posting twice; a 403 on a channel stops posting there.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import io
import logging
import sqlite3
from collections.abc import Callable
from typing import Optional

import discord
from discord import app_commands

from bot.arguments import Arg
from bot.commands import COMMANDS, Command
from bot.config import ChannelConfig, Config
from bot.render.discord import render_briefing, render_reply
from bot.replies import Reply
from briefings.models import Briefing

log = logging.getLogger("briefbot.discord")
Runner = Callable[[str, str, str | None], Reply]
ACTOR_ARGS = {"name", "actor", "names"}


def _annotation(arg: Arg) -> object:
    kind = app_commands.Range[int, arg.minimum, arg.maximum] if arg.kind == "int" else str
    return kind if arg.required else Optional[kind]  # noqa: UP045 - discord.py reads typing.Optional


def command_text(command: Command, values: dict[str, object]) -> str:
    """The typed options as the argument text the command table parses (one parser for every platform)."""
    parts = []
    for arg in command.args:
        value = values.get(arg.name)
        if value is None or value == "":
            continue
        text = str(value).replace('"', "'")
        if arg.raw or (not arg.keyword and arg.kind == "text"):
            parts.append(text)
        elif arg.kind == "date":
            parts.append(f"{arg.name} {text}")
        else:
            parts.append(f'{arg.name}:"{text}"')
    return " ".join(parts)


def build_commands(runner: Runner, *, actor_names: Callable[[str], list[str]], public: Callable[[int], bool],
                   channel_name: Callable[[int], str | None]) -> list[app_commands.Command]:  # fmt: skip
    """One app command per table command."""
    built = []
    for command in COMMANDS.values():
        built.append(_build(command, runner, actor_names, public, channel_name))
    return built


def _build(command: Command, runner: Runner, actor_names, public, channel_name) -> app_commands.Command:
    async def callback(interaction: discord.Interaction, **values: object) -> None:
        ephemeral = not public(interaction.channel_id or 0)
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        text = command_text(command, values)
        try:
            reply = await asyncio.to_thread(runner, command.name, text, channel_name(interaction.channel_id or 0))
        except Exception:
            log.exception("command /%s failed", command.name)
            await interaction.followup.send(
                "Sorry, that command failed; the error is in Briefbot's log.", ephemeral=True
            )
            return
        await send_reply(interaction, reply, ephemeral=ephemeral or reply.error)

    parameters = [
        inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)
    ]
    ordered = sorted(command.args, key=lambda a: not a.required)  # Discord lists required options first
    for arg in ordered:
        default = inspect.Parameter.empty if arg.required else None
        parameters.append(
            inspect.Parameter(
                arg.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_annotation(arg), default=default
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    if command.args:
        callback = app_commands.describe(**{a.name: a.help[:100] for a in command.args})(callback)
    slash = app_commands.Command(name=command.name, description=command.help[:100], callback=callback)
    for arg in command.args:
        if arg.name in ACTOR_ARGS:

            async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
                names = await asyncio.to_thread(actor_names, current)
                return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]

            slash.autocomplete(arg.name)(complete)
    return slash


async def send_reply(interaction: discord.Interaction, reply: Reply, *, ephemeral: bool) -> None:
    for i, message in enumerate(render_reply(reply)):
        kwargs: dict = {"embeds": [discord.Embed.from_dict(e) for e in message["embeds"]], "ephemeral": ephemeral}
        if message["content"]:
            kwargs["content"] = message["content"]
        if i == 0 and reply.image is not None:
            kwargs["file"] = discord.File(io.BytesIO(reply.image.data), filename=reply.image.name)
        await interaction.followup.send(**kwargs)


def actor_lookup(database: str) -> Callable[[str], list[str]]:
    """Actor names starting with the typed text, most mentioned first (for autocomplete)."""

    def lookup(current: str) -> list[str]:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=2)
        try:
            pattern = current.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = conn.execute(
                "SELECT a.name FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id"
                " WHERE a.name LIKE ? ESCAPE '\\' ORDER BY coalesce(s.mentions, 0) DESC, a.name LIMIT 25",
                (pattern,),
            ).fetchall()
        finally:
            conn.close()
        return [r[0] for r in rows]

    return lookup


class BriefbotClient(discord.Client):
    """The Discord client: the command tree, synced in ``setup_hook`` (``on_ready`` can fire more than once)."""

    def __init__(self, config: Config, runner: Runner, *, guild_ids: tuple[int, ...] = (), on_setup=None) -> None:
        super().__init__(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
        self.tree = app_commands.CommandTree(self)
        self.guild_ids = guild_ids
        self.on_setup = on_setup
        channels = {int(c.channel_id): c for c in config.channels if c.platform == "discord"}
        for command in build_commands(
            runner,
            actor_names=actor_lookup(config.database),
            public=lambda cid: cid in channels and channels[cid].public,
            channel_name=lambda cid: channels[cid].name if cid in channels else None,
        ):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        if self.guild_ids:
            for guild_id in self.guild_ids:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()
        if self.on_setup is not None:
            await self.on_setup()


class ChannelForbidden(RuntimeError):
    """Discord answered 403 for this channel: posting there is off until the configuration changes."""


def nonce(channel: ChannelConfig, slot_key: str, part: int) -> int:
    """A deterministic nonce per channel, slot and message part (Discord wants an integer or a short string)."""
    digest = hashlib.sha256(f"{channel.name}|{slot_key}|{part}".encode()).digest()
    return int.from_bytes(digest[:7], "big")


class DiscordSender:
    """Posts scheduled briefings from a worker thread through the client's event loop."""

    verifiable = True
    """A resend with the same nonce returns the first message, so resending after a crash is safe."""

    def __init__(self, client: discord.Client, loop: asyncio.AbstractEventLoop, timeout: float = 60.0) -> None:
        self.client = client
        self.loop = loop
        self.timeout = timeout
        self.disabled: dict[str, str] = {}

    def send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        if channel.name in self.disabled:
            raise ChannelForbidden(self.disabled[channel.name])
        future = asyncio.run_coroutine_threadsafe(self._send(channel, briefing, slot_key), self.loop)
        return future.result(self.timeout)

    async def _send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        target = self.client.get_channel(int(channel.channel_id)) or await self.client.fetch_channel(
            int(channel.channel_id)
        )
        first = None
        for part, message in enumerate(render_briefing(briefing)):
            try:
                sent = await target.send(
                    content=message["content"] or None,
                    embeds=[discord.Embed.from_dict(e) for e in message["embeds"]],
                    nonce=nonce(channel, slot_key, part),
                    enforce_nonce=True,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except discord.Forbidden as exc:
                reason = (
                    f"Discord refused posting to channel {channel.channel_id} (403: {exc.text or 'missing access'})"
                )
                self.disabled[channel.name] = reason
                log.error("channel %s: %s; posting there is off until Briefbot restarts", channel.name, reason)
                raise ChannelForbidden(reason) from exc
            first = first or sent.id
        return f"discord:{channel.channel_id}:{first}"

    def find(self, channel: ChannelConfig, slot_key: str) -> str | None:
        return None
