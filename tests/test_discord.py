"""Discord without Discord: the command tree from the table, callbacks, scheduled posts with nonces, 403."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import discord
import pytest

from bot.arguments import CHAT
from bot.commands import COMMANDS
from bot.config import ChannelConfig, Config
from bot.discord_adapter import BriefbotClient, ChannelForbidden, DiscordSender, nonce
from bot.render import discord as dc
from bot.replies import Block, Reply
from bot.runner import CommandRunner
from briefings.models import Briefing
from briefings.store import ThreadStores
from tests.conftest import FakeServer, Request, Response

CHANNEL = ChannelConfig(name="ops", platform="discord", channel_id="123456789012345678", schedule="0 8 * * *")
CONFIG = Config(path="t.toml", database=":memory:", channels=(CHANNEL,))


class EchoRunner:
    """Answers every command with the values it was given, and a mention to see escaped."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict, str | None, str]] = []

    def values(self, name: str, values, channel: str | None = None) -> Reply:
        self.calls.append((name, dict(values), channel, threading.current_thread().name))
        return Reply(title=f"/{name}", blocks=(Block(f"{values} @everyone <@&123>"),))

    def actor_names(self, prefix: str) -> list[str]:
        return []


def test_every_command_of_the_table_is_a_slash_command_with_its_chat_options() -> None:
    client = BriefbotClient(CONFIG, EchoRunner())
    tree = {c.name: c for c in client.tree.get_commands()}
    assert set(tree) == set(COMMANDS)
    from bot.commands import help_command

    listed = help_command(None, {}).blocks[0].text
    assert all(f"/{name}" in listed for name in COMMANDS)  # the console's /help
    for name, command in tree.items():
        data = command.to_dict(client.tree)
        assert len(data["description"]) <= 100
        assert all(len(o["description"]) <= 100 for o in data.get("options", []))
        required = [o["name"] for o in data.get("options", []) if o["required"]]
        assert required == [a.name for a in COMMANDS[name].args if a.required]
        options = {o["name"] for o in data.get("options", [])}
        assert options == {a.name for a in COMMANDS[name].args if CHAT in a.surfaces}
    events = {o["name"]: o for o in tree["events"].to_dict(client.tree)["options"]}
    assert events["limit"]["type"] == 4 and events["limit"]["max_value"] == 25
    assert client.allowed_mentions.everyone is False and client.allowed_mentions.roles is False


def test_options_go_to_the_table_as_typed_values(seeds_db: Path) -> None:
    runner = CommandRunner(ThreadStores(str(seeds_db)))
    reply = runner.values("events", {"query": "missile", "actor": "Russia", "type": "attack", "limit": 3})
    events = reply.data["events"]
    assert not reply.error and 0 < len(events) <= 3
    assert all(e["type"] == "attack" and "missile" in e["sentence"].lower() for e in events)
    bad = runner.values("events", {"since": "last tuesday"})
    assert bad.error and "cannot read date" in bad.blocks[0].text
    runner.stores.close()


class FakeResponse:
    def __init__(self, log: list) -> None:
        self.log = log

    async def defer(self, **kwargs) -> None:
        self.log.append(("defer", kwargs))


class FakeFollowup:
    def __init__(self, log: list) -> None:
        self.log = log

    async def send(self, *args, **kwargs) -> None:
        self.log.append(("send", kwargs))


class FakeInteraction:
    def __init__(self, channel_id: int) -> None:
        self.log: list = []
        self.channel_id = channel_id
        self.response = FakeResponse(self.log)
        self.followup = FakeFollowup(self.log)


def test_a_command_defers_first_then_follows_up_with_embeds_off_the_loop() -> None:
    runner = EchoRunner()
    client = BriefbotClient(CONFIG, runner)
    actor = next(c for c in client.tree.get_commands() if c.name == "actor")
    interaction = FakeInteraction(channel_id=999)
    asyncio.run(actor.callback(interaction, name="Zelensky"))
    assert [kind for kind, _ in interaction.log] == ["defer", "send"]
    assert interaction.log[0][1]["ephemeral"] is True  # not a configured public channel
    embeds = interaction.log[1][1]["embeds"]
    description = embeds[0].description
    assert "Zelensky" in description and "@everyone" not in description and "<@&123>" not in description
    name, values, _, thread = runner.calls[0]
    assert (name, values) == ("actor", {"name": "Zelensky"}) and thread != threading.main_thread().name
    public = FakeInteraction(channel_id=int(CHANNEL.channel_id))
    asyncio.run(actor.callback(public, name="Zelensky"))
    assert public.log[0][1]["ephemeral"] is False  # the configured channel is public


def test_actor_autocomplete_reads_the_store(seeds_db: Path) -> None:
    runner = CommandRunner(ThreadStores(str(seeds_db)))
    names = runner.actor_names("Vol")
    assert names and names[0].startswith("Volodymyr")
    assert runner.actor_names("%") == []  # a LIKE wildcard is taken literally
    client = BriefbotClient(CONFIG, runner)
    tree = {c.name: c for c in client.tree.get_commands()}
    for name, option in (("actor", "name"), ("events", "actor"), ("timeline", "names"), ("brief", "actor")):
        assert tree[name].get_parameter(option).autocomplete, (name, option)
    runner.stores.close()


TEXT_CHANNEL = {
    "id": CHANNEL.channel_id, "type": 0, "guild_id": "42", "name": "ops", "position": 0,
    "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None, "last_message_id": None,
    "rate_limit_per_user": 0,
}  # fmt: skip


def briefing() -> Briefing:
    return Briefing("ops", "2024-01-15T00:00:00Z", "2024-01-16T00:00:00Z", (), ("Nothing new @everyone.",), "", False)


def run_sender(server: FakeServer, monkeypatch, *slots: str) -> tuple[DiscordSender, list]:
    """Scheduled posts through discord.py's own channel and HTTP code, against the fake API."""
    from discord.http import Route

    monkeypatch.setattr(Route, "BASE", fake_discord_api(server))
    server.routes[f"/api/v10/channels/{CHANNEL.channel_id}"] = lambda request: TEXT_CHANNEL
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    client = discord.Client(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
    asyncio.run_coroutine_threadsafe(client.login("discord-test-token"), loop).result(10)
    sender = DiscordSender(client, loop, timeout=10)
    outcomes: list = []
    try:
        for slot in slots:
            try:
                outcomes.append(sender.send(CHANNEL, briefing(), slot))
            except ChannelForbidden as exc:
                outcomes.append(exc)
    finally:
        asyncio.run_coroutine_threadsafe(client.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    return sender, outcomes


def posts(server: FakeServer) -> list[dict]:
    return [r.json() for r in server.requests if r.path == f"/api/v10/channels/{CHANNEL.channel_id}/messages"]


def test_scheduled_posts_carry_a_deterministic_nonce_and_no_mentions(server: FakeServer, monkeypatch) -> None:
    sent = iter(range(1001, 1100))
    server.routes[f"/api/v10/channels/{CHANNEL.channel_id}/messages"] = lambda request: (
        MESSAGE | {"id": str(next(sent)), "channel_id": CHANNEL.channel_id}
    )
    _, outcomes = run_sender(server, monkeypatch, "2024-01-16T08:00", "2024-01-16T08:00")
    assert outcomes == [f"discord:{CHANNEL.channel_id}:1001", f"discord:{CHANNEL.channel_id}:1002"]
    first, again = posts(server)
    assert first["nonce"] == again["nonce"] == str(nonce(CHANNEL, "2024-01-16T08:00", 0))  # a resend: deduplicated
    assert first["enforce_nonce"] is True
    assert first["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in json.dumps(first["embeds"]) and len(first["embeds"]) <= dc.EMBEDS
    assert nonce(CHANNEL, "2024-01-17T08:00", 0) != nonce(CHANNEL, "2024-01-16T08:00", 0)


def test_a_403_disables_posting_to_that_channel(server: FakeServer, monkeypatch) -> None:
    server.routes[f"/api/v10/channels/{CHANNEL.channel_id}/messages"] = Response.json(
        {"code": 50001, "message": "Missing Access"}, 403
    )
    sender, outcomes = run_sender(server, monkeypatch, "2024-01-16T08:00", "2024-01-17T08:00")
    assert all(isinstance(o, ChannelForbidden) for o in outcomes)
    assert "403" in str(outcomes[0]) and CHANNEL.name in sender.disabled
    assert len(posts(server)) == 1  # the second slot was not even tried


@pytest.mark.parametrize("channel_id", ["123", "abc"])
def test_discord_channel_ids_are_validated(tmp_path: Path, channel_id: str) -> None:
    from bot.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text(
        f'[[channels]]\nname = "d"\nplatform = "discord"\nchannel_id = "{channel_id}"\nschedule = "0 8 * * *"\n'
    )
    with pytest.raises(ConfigError, match="a Discord channel id is 17-20 digits"):
        load_config(path, environ={"DISCORD_TOKEN": "x" * 30}, env_file=tmp_path / ".env")


MESSAGE = {
    "id": "10", "channel_id": "999", "type": 0, "content": "", "embeds": [], "attachments": [], "mentions": [],
    "author": {"id": "2", "username": "briefbot", "discriminator": "0", "avatar": None}, "mention_roles": [],
    "pinned": False, "mention_everyone": False, "tts": False, "timestamp": "2024-01-01T00:00:00+00:00",
    "edited_timestamp": None, "flags": 64, "components": [],
}  # fmt: skip
CALLBACK = {
    "interaction": {"id": "1", "type": 2, "activity_instance_id": None, "response_message_id": None,
                    "response_message_loading": True, "response_message_ephemeral": True},
    "resource": None,
}  # fmt: skip
ME = {"id": "2", "username": "briefbot", "discriminator": "0", "avatar": None, "bot": True}
APPLICATION = {
    "id": "2", "name": "Briefbot", "description": "", "icon": None, "bot_public": False,
    "bot_require_code_grant": False, "owner": ME, "verify_key": "0" * 64,
}  # fmt: skip


def fake_discord_api(server: FakeServer) -> str:
    """The endpoints logging in and answering an interaction use, on the fake server; returns the API base."""
    server.routes["/api/v10/users/@me"] = lambda request: ME
    server.routes["/api/v10/oauth2/applications/@me"] = lambda request: APPLICATION
    server.routes["/api/v10/applications/2/commands"] = Response.json([])  # the tree's sync on login
    server.routes["/api/v10/interactions/1/interaction-token/callback"] = lambda request: CALLBACK
    server.routes["/api/v10/webhooks/2/interaction-token"] = lambda request: MESSAGE
    return server.url("/api/v10")


def interaction_payload(name: str, options: list[dict], channel_id: str = "999") -> dict:
    """An APPLICATION_COMMAND interaction as Discord sends it (the fields discord.py reads)."""
    return {
        "id": "1", "application_id": "2", "type": 2, "token": "interaction-token", "version": 1,
        "channel_id": channel_id, "locale": "en-US", "app_permissions": "0", "attachment_size_limit": 8388608,
        "entitlements": [], "authorizing_integration_owners": {},
        "user": {"id": "5", "username": "reader", "discriminator": "0", "avatar": None, "global_name": None},
        "data": {"id": "3", "name": name, "type": 1, "options": options},
    }  # fmt: skip


@pytest.mark.parametrize(
    "query",
    ["missile attack", "\u202emissile\u2066 attack\u200f"],  # bidi overrides, isolates and marks are dropped
)
def test_a_real_interaction_payload_runs_through_the_tree_and_discord_py_http(
    monkeypatch, server: FakeServer, seed_article_db: Path, query: str
) -> None:
    from discord.http import Route

    monkeypatch.setattr(Route, "BASE", fake_discord_api(server))
    runner = CommandRunner(ThreadStores(str(seed_article_db)))
    client = BriefbotClient(Config(path="t.toml", database=str(seed_article_db)), runner)

    async def scenario() -> None:
        await client.login("discord-test-token")  # the public way to open discord.py's HTTP session
        try:
            options = [{"name": "query", "type": 3, "value": query}]
            # discord.py has no public way to feed it an interaction payload: this is what its gateway handler
            # does with INTERACTION_CREATE (ConnectionState.parse_interaction_create, then the tree's _call).
            interaction = discord.Interaction(data=interaction_payload("search", options), state=client._connection)
            await client.tree._call(interaction)
        finally:
            await client.close()

    asyncio.run(scenario())
    calls: list[Request] = [r for r in server.requests if r.method == "POST"]
    paths = [r.path for r in calls]
    assert paths == ["/api/v10/interactions/1/interaction-token/callback", "/api/v10/webhooks/2/interaction-token"]
    assert "/api/v10/applications/2/commands" in server.paths()  # the commands were synced (setup_hook)
    deferred, followup = (r.json() for r in calls)
    assert deferred == {"type": 5, "data": {"flags": 64}}  # deferred, ephemeral
    assert followup["allowed_mentions"] == {"parse": []}
    text = json.dumps(followup["embeds"], ensure_ascii=False)
    assert "Escalation in Ukraine" in text and "Search: missile attack" in text
    assert not any(c in text for c in "\u202e\u2066\u200f")


def test_guild_ids_are_validated_and_passed_to_the_client(tmp_path: Path) -> None:
    from bot.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text('[discord]\nguild_ids = ["123456789012345678", "my-server"]\n')
    with pytest.raises(ConfigError, match=r"discord\.guild_ids: a server id is 17-20 digits \(got 'my-server'\)"):
        load_config(path, environ={}, env_file=tmp_path / ".env")
    path.write_text('[discord]\nguild_ids = ["123456789012345678"]\n')
    config = load_config(path, environ={}, env_file=tmp_path / ".env")
    client = BriefbotClient(config, EchoRunner(), guild_ids=tuple(int(g) for g in config.discord_guild_ids))
    assert client.guild_ids == (123456789012345678,)
