"""Discord: an app-command tree generated from the command table, and scheduled briefings to channels.

Each table command becomes a slash command with typed options (text, whole numbers with their range, dates as
text) whose descriptions are the table's help (at most 100 characters); the options' values go to the table as
they are (``CommandRunner.values``), and actor options autocomplete from the store. A command is deferred at once
and answered with ``followup.send``; the store and CPU work runs in a worker thread, never on the event loop.
The client mentions nobody (``AllowedMentions.none()``); the renderer escapes markdown and mentions in article
text. Scheduled posts carry a deterministic nonce (discord.py adds ``enforce_nonce``), so a retried request returns the
first message instead of posting twice; a 403 on a channel stops posting there.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import io
import logging
from collections.abc import Callable, Mapping
from typing import Any, Optional, Protocol

import discord
from discord import app_commands

from bot.arguments import CHAT, Arg
from bot.commands import COMMANDS, Command
from bot.config import ChannelConfig, Config
from bot.render.discord import render_briefing, render_reply
from bot.replies import Reply
from briefings.models import Briefing

log = logging.getLogger("briefbot.discord")
ACTOR_ARGS = {"name", "actor", "names"}


class Runner(Protocol):
    """What the adapter needs of ``bot.runner.CommandRunner`` (called in worker threads)."""

    def values(self, name: str, values: Mapping[str, object], channel: str | None = None) -> Reply: ...
    def actor_names(self, prefix: str) -> list[str]: ...


def _annotation(arg: Arg) -> object:
    kind: Any = str
    if arg.kind == "int":
        kind = app_commands.Range[int, arg.minimum, arg.maximum]
    elif arg.kind == "flag":
        kind = bool
    return kind if arg.required else Optional[kind]  # noqa: UP045 - discord.py reads typing.Optional


def build_commands(
    runner: Runner, *, public: Callable[[int], bool], channel_name: Callable[[int], str | None]
) -> list[app_commands.Command]:
    """One app command per table command."""
    return [_build(command, runner, public, channel_name) for command in COMMANDS.values()]


def _build(
    command: Command, runner: Runner, public: Callable[[int], bool], channel_name: Callable[[int], str | None]
) -> app_commands.Command:
    args = [a for a in command.args if CHAT in a.surfaces]

    async def callback(interaction: discord.Interaction, **values: object) -> None:
        ephemeral = not public(interaction.channel_id or 0)
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        given = {name: value for name, value in values.items() if value is not None}
        try:
            channel = channel_name(interaction.channel_id or 0)
            reply = await asyncio.to_thread(runner.values, command.name, given, channel)
        except Exception:
            log.exception("command /%s failed", command.name)
            await interaction.followup.send(
                "Sorry, that command failed; the error is in Briefbot's log.", ephemeral=True
            )
            return
        await send_reply(interaction, reply, ephemeral=ephemeral or bool(reply.error))

    parameters = [
        inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)
    ]
    ordered = sorted(args, key=lambda a: not a.required)  # Discord lists required options first
    for arg in ordered:
        default = inspect.Parameter.empty if arg.required else None
        parameters.append(
            inspect.Parameter(
                arg.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_annotation(arg), default=default
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    if args:
        callback = app_commands.describe(**{a.name: a.help[:100] for a in args})(callback)
    slash: app_commands.Command = app_commands.Command(
        name=command.name, description=command.help[:100], callback=callback
    )
    for arg in args:
        if arg.name in ACTOR_ARGS:

            async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
                names = await asyncio.to_thread(runner.actor_names, current)
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


class BriefbotClient(discord.Client):
    """The Discord client: the command tree, synced in ``setup_hook`` (``on_ready`` can fire more than once)."""

    def __init__(self, config: Config, runner: Runner, *, guild_ids: tuple[int, ...] = (), on_setup=None) -> None:
        for flag in ("warn_nacl", "warn_dave"):  # Briefbot never joins voice: no warning about voice libraries
            if hasattr(discord.VoiceClient, flag):
                setattr(discord.VoiceClient, flag, False)
        super().__init__(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
        self.tree = app_commands.CommandTree(self)
        self.guild_ids = guild_ids
        self.on_setup = on_setup
        channels = {int(c.channel_id): c for c in config.channels if c.platform == "discord"}
        for command in build_commands(
            runner,
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
        if not isinstance(target, discord.abc.Messageable):
            raise ChannelForbidden(f"Discord channel {channel.channel_id} is not one messages can be posted to")
        first = None
        for part, message in enumerate(render_briefing(briefing)):
            try:
                # With a nonce, discord.py also sends enforce_nonce: a retried request returns the first message.
                sent = await target.send(
                    content=message["content"] or None,
                    embeds=[discord.Embed.from_dict(e) for e in message["embeds"]],
                    nonce=nonce(channel, slot_key, part),
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
