"""Discord without Discord: the command tree from the table, callbacks, scheduled posts with nonces, 403."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import discord
import pytest

from bot.arguments import parse
from bot.commands import COMMANDS
from bot.config import ChannelConfig, Config
from bot.discord_adapter import BriefbotClient, ChannelForbidden, DiscordSender, actor_lookup, command_text, nonce
from bot.render import discord as dc
from bot.replies import Block, Reply
from bot.slack_adapter import UMBRELLA, CommandPool, build_app
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.models import Briefing
from briefings.store.database import open_store
from tests.conftest import SEED_ARTICLE, send_json

CHANNEL = ChannelConfig(name="ops", platform="discord", channel_id="123456789012345678", schedule="0 8 * * *")
CONFIG = Config(path="t.toml", database=":memory:", channels=(CHANNEL,))


def replies(name: str, text: str, channel: str | None) -> Reply:
    return Reply(title=f"/{name}", blocks=(Block(f"{text} @everyone <@&123>"),))


def test_every_platform_exposes_exactly_the_commands_of_the_table() -> None:
    client = BriefbotClient(CONFIG, replies)
    tree = {c.name: c for c in client.tree.get_commands()}
    assert set(tree) == set(COMMANDS)
    slack = build_app(CONFIG, replies, CommandPool(), signing_secret="s" * 20, short_forms=True,
                      authorize=lambda **_: None)  # fmt: skip
    assert len(slack._async_listeners) == len(COMMANDS) + 1  # the umbrella /briefbot and one per table command
    from bot.commands import help_command

    listed = help_command(None, {}).blocks[0].text
    assert all(f"/{name}" in listed for name in COMMANDS)  # the console's /help
    assert UMBRELLA == "/briefbot"
    for name, command in tree.items():
        data = command.to_dict(client.tree)
        assert len(data["description"]) <= 100
        assert all(len(o["description"]) <= 100 for o in data.get("options", []))
        required = [o["name"] for o in data.get("options", []) if o["required"]]
        assert required == [a.name for a in COMMANDS[name].args if a.required]
    events = {o["name"]: o for o in tree["events"].to_dict(client.tree)["options"]}
    assert events["limit"]["type"] == 4 and events["limit"]["max_value"] == 25
    assert client.allowed_mentions.everyone is False and client.allowed_mentions.roles is False


def test_options_become_the_same_argument_text_the_table_parses() -> None:
    events = COMMANDS["events"]
    text = command_text(events, {"query": "drone strikes", "actor": "Vladimir Putin", "type": "attack",
                                 "since": "7d", "limit": 3})  # fmt: skip
    now = datetime(2024, 1, 16, tzinfo=UTC)
    values = parse(events.args, text, now)
    assert values["query"] == "drone strikes" and values["actor"] == "Vladimir Putin" and values["limit"] == 3
    ask = COMMANDS["ask"]
    assert parse(ask.args, command_text(ask, {"question": "What's next?"}), now) == {"question": "What's next?"}


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
    threads: list[str] = []

    def runner(name: str, text: str, channel: str | None) -> Reply:
        threads.append(threading.current_thread().name)
        return replies(name, text, channel)

    client = BriefbotClient(CONFIG, runner)
    actor = next(c for c in client.tree.get_commands() if c.name == "actor")
    interaction = FakeInteraction(channel_id=999)
    asyncio.run(actor.callback(interaction, name="Zelensky"))
    assert [kind for kind, _ in interaction.log] == ["defer", "send"]
    assert interaction.log[0][1]["ephemeral"] is True  # not a configured public channel
    embeds = interaction.log[1][1]["embeds"]
    description = embeds[0].description
    assert "Zelensky" in description and "@everyone" not in description and "<@&123>" not in description
    assert threads and threads[0] != threading.main_thread().name
    public = FakeInteraction(channel_id=int(CHANNEL.channel_id))
    asyncio.run(actor.callback(public, name="Zelensky"))
    assert public.log[0][1]["ephemeral"] is False  # the configured channel is public


def test_actor_autocomplete_reads_the_store(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    with open_store(db) as store:
        Ingestor(store, workers=0, extract=ExtractOptions()).ingest([str(SEED_ARTICLE)])
    names = actor_lookup(str(db))("Vol")
    assert names and names[0].startswith("Volodymyr")
    assert actor_lookup(str(db))("%") == []  # a LIKE wildcard is taken literally


class FakeChannel:
    def __init__(self, forbidden: bool = False) -> None:
        self.sent: list[dict] = []
        self.forbidden = forbidden

    async def send(self, **kwargs):
        if self.forbidden:
            response = type("R", (), {"status": 403, "reason": "Forbidden"})()
            raise discord.Forbidden(response, {"code": 50001, "message": "Missing Access"})
        self.sent.append(kwargs)
        return type("M", (), {"id": 1000 + len(self.sent)})()


class FakeClient:
    def __init__(self, channel: FakeChannel) -> None:
        self.channel = channel

    def get_channel(self, channel_id: int):
        return self.channel


def briefing() -> Briefing:
    return Briefing("ops", "2024-01-15T00:00:00Z", "2024-01-16T00:00:00Z", (), ("Nothing new.",), "", False)


def run_sender(channel: FakeChannel, *calls: str):
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    sender = DiscordSender(FakeClient(channel), loop, timeout=5)
    outcomes = []
    try:
        for slot in calls:
            try:
                outcomes.append(sender.send(CHANNEL, briefing(), slot))
            except ChannelForbidden as exc:
                outcomes.append(exc)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    return sender, outcomes


def test_scheduled_posts_carry_a_deterministic_nonce_and_no_mentions() -> None:
    channel = FakeChannel()
    _, outcomes = run_sender(channel, "2024-01-16T08:00", "2024-01-16T08:00")
    assert outcomes == [f"discord:{CHANNEL.channel_id}:1001", f"discord:{CHANNEL.channel_id}:1002"]
    first, again = channel.sent
    assert first["nonce"] == again["nonce"] == nonce(CHANNEL, "2024-01-16T08:00", 0)  # a resend is deduplicated
    assert first["enforce_nonce"] is True
    assert first["allowed_mentions"].everyone is False
    assert len(first["embeds"]) <= dc.EMBEDS
    assert nonce(CHANNEL, "2024-01-17T08:00", 0) != first["nonce"]


def test_a_403_disables_posting_to_that_channel() -> None:
    channel = FakeChannel(forbidden=True)
    sender, outcomes = run_sender(channel, "2024-01-16T08:00", "2024-01-17T08:00")
    assert all(isinstance(o, ChannelForbidden) for o in outcomes)
    assert "403" in str(outcomes[0]) and CHANNEL.name in sender.disabled


@pytest.mark.parametrize("channel_id", ["123", "abc"])
def test_discord_channel_ids_are_validated(tmp_path: Path, channel_id: str) -> None:
    from bot.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text(
        f'[[channels]]\nname = "d"\nplatform = "discord"\nchannel_id = "{channel_id}"\nschedule = "0 8 * * *"\n'
    )
    with pytest.raises(ConfigError, match="a Discord channel id is 17-20 digits"):
        load_config(path, environ={"DISCORD_TOKEN": "x" * 30}, env_file=tmp_path / ".env")


class FakeDiscordApi:
    """The two Discord endpoints an interaction reply uses, on 127.0.0.1."""

    def __init__(self) -> None:
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.calls: list[tuple[str, dict]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.calls.append((self.path.split("?")[0], body))
                if self.path.split("?")[0].endswith("/callback"):
                    data = {"interaction": {"id": "1", "type": 2, "activity_instance_id": None,
                                            "response_message_id": None, "response_message_loading": True,
                                            "response_message_ephemeral": True}, "resource": None}  # fmt: skip
                else:
                    data = {"id": "10", "channel_id": "999", "type": 0, "content": "", "embeds": [], "attachments": [],
                            "author": {"id": "2", "username": "briefbot", "discriminator": "0", "avatar": None},
                            "mentions": [], "mention_roles": [], "pinned": False, "mention_everyone": False,
                            "tts": False, "timestamp": "2024-01-01T00:00:00+00:00", "edited_timestamp": None,
                            "flags": 64, "components": []}  # fmt: skip
                send_json(self, data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v10"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def interaction_payload(name: str, options: list[dict], channel_id: str = "999") -> dict:
    """An APPLICATION_COMMAND interaction as Discord sends it (the fields discord.py reads)."""
    return {
        "id": "1", "application_id": "2", "type": 2, "token": "interaction-token", "version": 1,
        "channel_id": channel_id, "locale": "en-US", "app_permissions": "0", "attachment_size_limit": 8388608,
        "entitlements": [], "authorizing_integration_owners": {},
        "user": {"id": "5", "username": "reader", "discriminator": "0", "avatar": None, "global_name": None},
        "data": {"id": "3", "name": name, "type": 1, "options": options},
    }  # fmt: skip


def test_a_real_interaction_payload_runs_through_the_tree_and_discord_py_http(monkeypatch, tmp_path: Path) -> None:
    import aiohttp
    from discord.http import Route

    api = FakeDiscordApi()
    monkeypatch.setattr(Route, "BASE", api.base)
    db = tmp_path / "b.db"
    with open_store(db) as store:
        Ingestor(store, workers=0).ingest([str(SEED_ARTICLE)])
    from bot.slack_adapter import store_runner

    client = BriefbotClient(Config(path="t.toml", database=str(db)), store_runner(str(db)))

    async def scenario() -> None:
        client.http._HTTPClient__session = aiohttp.ClientSession()
        try:
            options = [{"name": "query", "type": 3, "value": "missile attack"}]
            interaction = discord.Interaction(data=interaction_payload("search", options), state=client._connection)
            await client.tree._call(interaction)
        finally:
            await client.http._HTTPClient__session.close()

    try:
        asyncio.run(scenario())
    finally:
        api.close()
    paths = [path for path, _ in api.calls]
    assert paths == ["/api/v10/interactions/1/interaction-token/callback", "/api/v10/webhooks/2/interaction-token"]
    deferred, followup = (body for _, body in api.calls)
    assert deferred == {"type": 5, "data": {"flags": 64}}  # deferred, ephemeral
    assert followup["allowed_mentions"] == {"parse": []}
    text = json.dumps(followup["embeds"], ensure_ascii=False)
    assert "Escalation in Ukraine" in text and "Search: missile attack" in text


def test_guild_ids_are_validated_and_passed_to_the_client(tmp_path: Path) -> None:
    from bot.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text('[discord]\nguild_ids = ["123456789012345678", "my-server"]\n')
    with pytest.raises(ConfigError, match=r"discord\.guild_ids: a server id is 17-20 digits \(got 'my-server'\)"):
        load_config(path, environ={}, env_file=tmp_path / ".env")
    path.write_text('[discord]\nguild_ids = ["123456789012345678"]\n')
    config = load_config(path, environ={}, env_file=tmp_path / ".env")
    client = BriefbotClient(config, replies, guild_ids=tuple(int(g) for g in config.discord_guild_ids))
    assert client.guild_ids == (123456789012345678,)
