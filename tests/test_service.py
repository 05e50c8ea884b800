"""The configuration file, the service (`briefbot run`), `post`, `check-config`, health and secret-free logs."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import SETTINGS, ConfigError, load_config, settings_markdown
from bot.logs import SecretFilter, setup_logging
from bot.service import serve
from briefings.ingest.pipeline import Ingestor
from briefings.store import open_store
from tests.conftest import SEED_ARTICLE

ROOT = Path(__file__).parent.parent
NO_SECRETS: dict[str, str] = {}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ=NO_SECRETS if environ is None else environ, env_file=path.parent / ".env")
    return caught.value.lines


# --- configuration --------------------------------------------------------------------------------------


def test_the_example_and_demo_configs_load() -> None:
    example = load_config(ROOT / "config" / "briefbot.toml", environ=NO_SECRETS, env_file=Path("/nonexistent"))
    assert {c.name for c in example.channels} == {"morning", "archive"}
    assert example.channel("morning").timezone == "Europe/Berlin"
    demo = load_config(ROOT / "config" / "demo.toml", environ=NO_SECRETS, env_file=Path("/nonexistent"))
    assert demo.channels[0].platform == "console" and demo.sources[0].kind == "path"


def test_the_demo_channel_s_first_briefing_leads_with_the_seed_article(seeds_db: Path) -> None:
    """``make run`` ends with the demo bot: its first briefing must show the seeds' news, not a 2022 greeting."""
    args = ["--db", str(seeds_db), "brief", "--channel", "demo", "--config", str(ROOT / "config" / "demo.toml")]
    result = CliRunner().invoke(cli, [*args, "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.output)
    assert briefing["channel"] == "demo" and briefing["dry_run"]
    assert briefing["items"][0]["headline"].startswith("Escalation in Ukraine")
    assert len(briefing["items"]) <= 3  # the channel's max_items, not the command's default


def test_every_config_error_is_one_line_naming_file_key_and_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [storage]
        database = 5
        colour = "blue"

        [fetch]
        timeout = "slow"

        [extras]
        x = 1

        [[sources]]
        name = "outside"
        kind = "path"
        location = "/etc"

        [[sources]]
        name = "feed"
        kind = "feed"
        location = "ftp://example.org/rss"

        [[channels]]
        name = "a"
        platform = "slack"
        channel_id = "general"
        schedule = "every morning"
        timezone = "Mars/Olympus"

        [[channels]]
        name = "a"
        platform = "discord"
        channel_id = "12ab"
        schedule = "0 8 * * *"
        window = "fortnight"

        [[channels]]
        name = "c"
        platform = "carrier-pigeon"
        schedule = "0 8 * * *"
        token = "xoxb-1234567890-abcdefghij"

        [[channels]]
        name = "d"
        platform = "console"
        schedule = "0 8 * * *"
        keywords = "Ukraine"
        actors = ["xoxb-1234567890-abcdefghij"]
        """.replace("\n        ", "\n"),
    )
    lines = problems(path)
    name = str(path)
    expected = [
        f"{name}: extras: unknown section",
        f"{name}: storage.colour: unknown setting",
        f"{name}: storage.database: must be a string, not int",
        f"{name}: fetch.timeout: must be a whole number, not 'slow'",
        f"{name}: sources[0].location: '/etc' is outside the data directory 'data'",
        f"{name}: sources[1].location: must be an http(s) URL for a feed source",
        f"{name}: channels[0].schedule: not a cron schedule",
        f"{name}: channels[0].timezone: unknown time zone 'Mars/Olympus'",
        f"{name}: channels[0].channel_id: a Slack channel id looks like C0123ABCD (got 'general')",
        f"{name}: channels[0].platform: slack needs the environment variable SLACK_BOT_TOKEN",
        f"{name}: channels[1].name: duplicate channel name 'a'",
        f"{name}: channels[1].channel_id: a Discord channel id is 17-20 digits (got '12ab')",
        f"{name}: channels[1].platform: discord needs the environment variable DISCORD_TOKEN",
        f"{name}: channels[1].window: not a duration: 'fortnight'",
        f"{name}: channels[2].platform: must be one of console, file, slack, discord, not 'carrier-pigeon'",
        f"{name}: channels[2].token: unknown setting",
        f"{name}: channels[3].keywords: must be a list of non-empty strings",
    ]
    for line in expected:
        assert any(got.startswith(line) for got in lines), (line, lines)
    assert all("\n" not in line and line.startswith(name + ": ") for line in lines)


def test_token_like_values_and_bad_toml_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[extract]\nmodel = "xoxb-1234567890-abcdefghijkl"\n')
    assert problems(path) == [f"{path}: extract.model: looks like a token; secrets belong in the environment "
                              "(SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN)"]  # fmt: skip
    broken = write(tmp_path, "[storage\n")
    assert problems(broken)[0].startswith(f"{broken}: not valid TOML")
    assert problems(tmp_path / "missing.toml") == [f"{tmp_path / 'missing.toml'}: file not found"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[storage]\ndata_dir = "da\\u0000ta"\n', "storage.data_dir: contains the control character U+0000"),
        (
            '[[sources]]\nname = "n"\nkind = "path"\nlocation = "data/x\\u0000"\n',
            "sources[0].location: contains the control character U+0000",
        ),
        ("[storage]\nx = " + "[" * 5000 + "]" * 5000 + "\n", "not valid TOML: arrays or tables nested too deeply"),
        ("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "not valid TOML: arrays or tables nested too deeply"),
        (
            '[[channels]]\nname = "c"\nplatform = "console"\nschedule = "0 8 * * *"\nwindow = "99999999999d"\n',
            "channels[0].window: '99999999999d' is longer than 100 years",
        ),
        (
            '[[sources]]\nname = "n"\nkind = "feed"\nlocation = "https://example.org/rss"\n'
            "poll_minutes = 9223372036854775807\n",
            "sources[0].poll_minutes: must be from 1 to 10,080, not 9223372036854775807",
        ),
        (
            '[[channels]]\nname = "c"\nplatform = "console"\nschedule = "0 8 * * *"\n'
            "grace_minutes = 9223372036854775807\n",
            "channels[0].grace_minutes: must be from 0 to 10,080, not 9223372036854775807",
        ),
        ("[health]\nport = 99999\n", "health.port: must be from 0 to 65,535, not 99999"),
        ("[slack]\nport = 0\n", "slack.port: must be from 1 to 65,535, not 0"),
        ("[fetch]\ntimeout = -5\n", "fetch.timeout: must be from 1 to 3,600, not -5"),
        ("[fetch]\nmax_bytes = -1\n", "fetch.max_bytes: must be from 1,024 to 1,000,000,000, not -1"),
        ("[slack]\nworkers = 0\n", "slack.workers: must be from 1 to 64, not 0"),
    ],
)
def test_values_that_would_crash_or_break_run_are_refused_in_one_line(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [f"{path}: {reason}"]
    result = CliRunner().invoke(cli, ["check-config", "--config", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


TOKEN = "xoxb-1234567890-abcdefghijkl"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (f'[health]\nport = "{TOKEN}"\n', "health.port"),
        (f'[logging]\njson = "{TOKEN}"\n', "logging.json"),
        (f'[logging]\nlevel = "{TOKEN}"\n', "logging.level"),
        (f'[discord]\nguild_ids = ["{TOKEN}"]\n', "discord.guild_ids"),
        (f'[discord]\nguild_ids = [[["{TOKEN}"]]]\n', "discord.guild_ids"),
        (
            f'[[channels]]\nname = "c"\nplatform = "console"\nschedule = "0 8 * * *"\nkeywords = ["{TOKEN}"]\n',
            "channels[0].keywords",
        ),
        (
            f'[[channels]]\nname = "c"\nplatform = "console"\nschedule = "0 8 * * *"\nmax_items = {{a = "{TOKEN}"}}\n',
            "channels[0].max_items",
        ),
    ],
)
def test_a_token_in_any_setting_is_refused_and_never_echoed(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}: {key}: looks like a token; secrets belong in the environment "
        "(SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN)"
    ]
    result = CliRunner().invoke(cli, ["check-config", "--config", str(path)])
    assert result.exit_code == 2 and TOKEN not in result.output


def test_tokens_come_from_the_environment_or_a_dot_env_file(tmp_path: Path) -> None:
    text = '[[channels]]\nname = "s"\nplatform = "slack"\nchannel_id = "C0123ABCD"\nschedule = "0 8 * * *"\n'
    path = write(tmp_path, text)
    environ = {"SLACK_BOT_TOKEN": "xoxb-from-env", "SLACK_APP_TOKEN": "xapp-from-env"}
    assert load_config(path, environ=environ, env_file=tmp_path / ".env").secrets == environ
    assert problems(path, {"SLACK_BOT_TOKEN": "xoxb-from-env"}) == [
        f"{path}: slack.mode: socket mode needs the environment variable SLACK_APP_TOKEN"
    ]
    http = write(tmp_path, text + '[slack]\nmode = "http"\n')
    assert problems(http, {"SLACK_BOT_TOKEN": "xoxb-from-env"}) == [
        f"{http}: slack.mode: http mode needs the environment variable SLACK_SIGNING_SECRET"
    ]
    path = write(tmp_path, text)
    (tmp_path / ".env").write_text("# tokens\nexport SLACK_BOT_TOKEN='xoxb-from-file'\nSLACK_APP_TOKEN=xapp-file\n")
    config = load_config(path, environ={}, env_file=tmp_path / ".env")
    assert config.secrets["SLACK_BOT_TOKEN"] == "xoxb-from-file"
    assert "xoxb" not in repr(config)


def test_readme_reference_matches_the_settings_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings_markdown() in readme
    example = (ROOT / "config" / "briefbot.toml").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"{setting.key} " in example or f"{setting.key}=" in example or setting.section.endswith("[]"), setting


def test_check_config_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["check-config", "--config", str(ROOT / "config" / "briefbot.toml")])
    assert ok.exit_code == 0 and "channel morning: console" in ok.output
    bad = runner.invoke(cli, ["check-config", "--config", str(write(tmp_path, "[extract]\nmodel = 3\n"))])
    assert bad.exit_code == 2 and "extract.model: must be a string, not int" in bad.output
    assert "Traceback" not in bad.output


def test_the_extraction_profile_is_checked_and_the_old_nlp_section_still_read(tmp_path: Path) -> None:
    path = write(tmp_path, '[extract]\nprofile = "atlantis"\n')
    assert problems(path) == [
        f"{path}: extract.profile: unknown profile 'atlantis' (available: ukraine-russia, or none)"
    ]
    old = load_config(
        write(tmp_path, '[nlp]\nmodel = "en_core_web_md"\nextract = false\n'),
        environ=NO_SECRETS,
        env_file=tmp_path / ".env",
    )
    assert (old.model, old.extract, old.profile) == ("en_core_web_md", False, "")
    assert old.notices and "[nlp] is now [extract] (extract → enabled)" in old.notices[0]
    both = write(tmp_path, "[nlp]\nextract = false\n[extract]\nenabled = true\n")
    assert problems(both) == [f"{both}: nlp: renamed [extract], which is also present: keep only [extract]"]


# --- secrets stay out of logs ---------------------------------------------------------------------------


def test_secret_filter_redacts_values_tokens_and_tracebacks() -> None:
    stream = io.StringIO()
    setup_logging("DEBUG", json_lines=True, secrets=["s3cret-signing-value"], stream=stream)
    log = logging.getLogger("slack_sdk.web")
    log.debug("POST with %s", "Authorization: Bearer xoxb-9999-abcdefghijk")
    log.info("signing s3cret-signing-value done")
    log.debug("body: response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F123%2Fabc&trigger_id=1")
    log.debug("respond to https://hooks.slack.com/commands/T1/123/abc")
    try:
        raise ValueError("token xapp-1-A0B1C2D3E4-abcdef")
    except ValueError:
        log.exception("failed")
    out = stream.getvalue()
    assert "xoxb-9999" not in out and "s3cret-signing-value" not in out and "xapp-1-" not in out
    assert "hooks.slack.com" not in out and "commands%2FT1" not in out
    assert out.count("[redacted]") >= 5
    assert all(json.loads(line)["logger"] for line in out.splitlines())
    assert SecretFilter(["abc"]).secrets == []  # too short to be a secret: never blanket-replaced
    stream.seek(0)
    stream.truncate()
    log.info("Invalid request signature detected (body: %s)", "A" * 1_000_000)  # what Bolt logs, in full
    (line,) = stream.getvalue().splitlines()
    assert len(line) < 10_000 and "more characters not logged" in line


# --- the service ----------------------------------------------------------------------------------------


def seeded_config(tmp_path: Path, extra: str = "") -> Path:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "b.db"
    with open_store(db) as store:
        Ingestor(store, workers=0).ingest([str(SEED_ARTICLE)])
    text = f"""
[storage]
database = "{db}"
data_dir = "{data}"

[extract]
enabled = false

[[channels]]
name = "demo"
platform = "console"
schedule = "* * * * *"
window = "520w"
grace_minutes = 5

[[channels]]
name = "archive"
platform = "file"
path = "{data / "briefings.jsonl"}"
schedule = "* * * * *"
window = "520w"
grace_minutes = 5
{extra}
"""
    return write(tmp_path, text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_posts_due_briefings_answers_health_and_logs_no_secret(tmp_path: Path) -> None:
    port = free_port()
    secrets = {"SLACK_BOT_TOKEN": "xoxb-111-secretbottoken", "SLACK_SIGNING_SECRET": "signing-secret-value-42"}
    path = seeded_config(tmp_path, f"\n[health]\nport = {port}\n")
    config = load_config(path, environ=secrets, env_file=tmp_path / ".env")  # Slack socket mode, no app token: off
    discord_token = "discord.secret.value-123456"
    logs, out = io.StringIO(), io.StringIO()
    setup_logging("DEBUG", json_lines=False, secrets=[*config.secrets.values(), discord_token], stream=logs)

    async def scenario() -> dict:
        stop = asyncio.Event()
        task = asyncio.create_task(serve(config, interactive=False, tick_seconds=0.2, out=out, stop=stop))
        for _ in range(100):
            await asyncio.sleep(0.1)
            if (tmp_path / "data" / "briefings.jsonl").exists() and "scheduled briefing" in out.getvalue():
                break
        body = await asyncio.get_running_loop().run_in_executor(
            None, lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
        )
        logging.getLogger("slack_sdk").debug("token is %s", secrets["SLACK_BOT_TOKEN"])
        logging.getLogger("discord.http").debug("login with %s", discord_token)
        logging.getLogger("slack_bolt").debug("verifying with %s", secrets["SLACK_SIGNING_SECRET"])
        stop.set()
        await task
        return json.loads(body)

    health = asyncio.run(scenario())
    assert "scheduled briefing" in out.getvalue() and "Escalation in Ukraine" in out.getvalue()
    lines = (tmp_path / "data" / "briefings.jsonl").read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["channel"] == "archive"
    assert health["status"] == "ok" and set(health["channels"]) == {"demo", "archive"}
    text = logs.getvalue()
    assert "slot demo" in text and "stopping" in text
    for secret in [*secrets.values(), discord_token]:
        assert secret not in text
    logging.getLogger().handlers.clear()


def test_post_by_hand_is_exactly_once_and_dry_run_records_nothing(tmp_path: Path) -> None:
    path = seeded_config(tmp_path)
    runner = CliRunner()
    args = ["post", "--config", str(path), "--channel", "archive", "--now", "2024-01-16T08:00:30"]
    dry = runner.invoke(cli, [*args, "--dry-run"])
    assert dry.exit_code == 0 and "Escalation in Ukraine" in dry.output
    assert not (tmp_path / "data" / "briefings.jsonl").exists()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "slot 2024-01-16T08:00: sent" in first.output
    again = runner.invoke(cli, args)
    assert again.exit_code == 1 and "already sent" in again.output
    assert len((tmp_path / "data" / "briefings.jsonl").read_text().splitlines()) == 1
    unknown = runner.invoke(cli, ["post", "--config", str(path), "--channel", "nope"])
    assert unknown.exit_code == 2 and "no channel named 'nope'" in unknown.output


def test_post_never_prints_or_stores_a_token_an_api_error_echoes(tmp_path: Path, server, monkeypatch) -> None:
    """A Slack API that answers with the request's Authorization header in its error: `post` says the send
    failed, and neither its output nor the slot row holds the token."""
    token = "xoxb-111-secretbottoken"

    def echo(request):
        return {"ok": False, "error": f"not_authed: {request.headers.get('Authorization')}"}

    server.routes["/api/chat.postMessage"] = echo
    extra = f'\n[slack]\napi_url = "{server.url("/api/")}"\nmode = "http"\n'
    extra += '\n[[channels]]\nname = "ops"\nplatform = "slack"\nchannel_id = "C0123ABCD"\nschedule = "0 8 * * *"\n'
    extra += 'window = "520w"\n'
    path = seeded_config(tmp_path, extra)
    monkeypatch.setenv("SLACK_BOT_TOKEN", token)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-secret-value-42")
    result = CliRunner().invoke(
        cli, ["post", "--config", str(path), "--channel", "ops", "--now", "2024-01-16T08:00:30"]
    )
    assert result.exit_code == 1
    assert server.paths() == ["/api/chat.postMessage"]  # the API was asked, and answered with the token
    assert "ops: slot 2024-01-16T08:00: failed" in result.output and "[redacted]" in result.output
    assert token not in result.output
    with open_store(tmp_path / "data" / "b.db") as store:
        slot = store.slots.get("ops", "2024-01-16T08:00")
    assert slot is not None and slot.status == "failed" and token not in (slot.error or "")


def test_briefbot_run_in_a_subprocess_posts_to_the_console_and_stops_on_sigterm(tmp_path: Path) -> None:
    path = seeded_config(tmp_path)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("BRIEFBOT_DB", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(path), "--tick", "0.5", "--exit-after", "60"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    seen = []
    for line in process.stdout:
        seen.append(line)
        if "posted" in line and "channel demo" in line:
            process.terminate()  # SIGTERM: a clean stop
    assert process.wait(timeout=30) == 0
    output = "".join(seen)
    assert "--- demo: scheduled briefing" in output and "Escalation in Ukraine" in output
    assert "stopping" in output and "Traceback" not in output


def test_health_report_is_503_for_a_store_it_cannot_read(tmp_path: Path) -> None:
    from bot.healthz import health_report

    assert health_report(str(tmp_path / "missing.db")) == (503, {"status": "error", "store": "unreachable"})
    foreign = tmp_path / "foreign.db"
    with open_store(tmp_path / "ok.db") as store:
        store.db.execute("VACUUM INTO ?", [str(foreign)])
    with open_store(foreign) as store:
        store.db.execute("DROP TABLE briefing_slots")  # a file that is not (or no longer) a whole store
    status, body = health_report(str(foreign), details=True)
    assert status == 503 and "briefing_slots" in body["reason"]
    assert health_report(str(tmp_path / "ok.db"))[0] == 200


def test_health_shows_names_and_counts_but_no_location_or_error_unless_asked(tmp_path: Path) -> None:
    from bot.healthz import Watched, health_report

    inbox = tmp_path / "private" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "a.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    feed = "http://127.0.0.1:9/feed.xml?key=hunter2-credential"  # refused: a loopback address
    db = tmp_path / "b.db"
    with open_store(db) as store:
        Ingestor(store, workers=0).ingest([str(inbox)])
        Ingestor(store, workers=0).ingest([feed], force_feed=True)
    watched = [Watched("inbox", str(inbox)), Watched("wire", feed), Watched("later", "https://example.org/rss")]
    status, body = health_report(str(db), watched, ["morning"])
    assert status == 200 and list(body["sources"]) == ["inbox", "wire", "later"]
    assert body["channels"] == {"morning": {"last_post": None, "last_status": None}}  # configured, not posted yet
    assert body["sources"]["inbox"] | {"last_success": None} == {
        "enabled": True, "polled": True, "ok": True, "last_success": None, "new_last_24h": 1,
    }  # fmt: skip
    assert body["sources"]["wire"]["ok"] is False and body["sources"]["later"]["polled"] is False
    public = json.dumps(body)
    assert str(tmp_path) not in public and "127.0.0.1" not in public and "hunter2" not in public
    assert "not a public address" not in public
    _, detailed = health_report(str(db), watched, details=True)
    assert (
        detailed["sources"]["wire"]["location"] == feed
        and "not a public address" in detailed["sources"]["wire"]["last_error"]
    )


@pytest.mark.parametrize("answer", ["invalid_auth", "no answer"])
def test_a_slack_socket_that_cannot_connect_does_not_hold_up_the_start_or_the_stop(
    tmp_path: Path, server, answer: str
) -> None:
    """Socket Mode retries for ever on a bad app token or without network: the service starts anyway, posts to
    its other channels, says why Slack is off, and stops on time."""
    import threading
    import time

    from tests.conftest import Response

    released = threading.Event()

    def connections_open(request):
        if answer == "no answer":
            released.wait(30)  # a host that never answers
        return {"ok": False, "error": "invalid_auth"}

    server.routes["/api/apps.connections.open"] = connections_open
    server.routes["/api/auth.test"] = Response.json({"ok": True, "user_id": "U0BOT", "team_id": "T1", "bot_id": "B1"})
    slack = f'\n[slack]\napi_url = "{server.url("/api/")}"\n'
    slack += '\n[[channels]]\nname = "ops"\nplatform = "slack"\nchannel_id = "C0123ABCD"\nschedule = "0 8 * * *"\n'
    secrets = {"SLACK_BOT_TOKEN": "xoxb-111-secretbottoken", "SLACK_APP_TOKEN": "xapp-1-secretapptoken-42"}
    config = load_config(seeded_config(tmp_path, slack), environ=secrets, env_file=tmp_path / ".env")
    logs, out = io.StringIO(), io.StringIO()
    setup_logging("DEBUG", json_lines=False, secrets=config.secrets.values(), stream=logs)
    started = time.monotonic()
    try:
        run = serve(config, interactive=False, exit_after=3, tick_seconds=0.2, out=out)
        asyncio.run(asyncio.wait_for(run, 25))  # a start that hangs fails here instead of hanging the suite
    finally:
        released.set()
        logging.getLogger().handlers.clear()
    assert time.monotonic() - started < 3 + 15  # the stop waits for a closing connection at most 10 s
    assert "scheduled briefing" in out.getvalue()  # the console channel was served meanwhile
    text = logs.getvalue()
    assert "stopping" in text and "xapp-1-secretapptoken-42" not in text and "xoxb-111-secretbottoken" not in text
    if answer == "invalid_auth":
        assert "Slack commands: off (StartupError: Slack refused the app token (invalid_auth))" in text
    assert "Traceback" not in text


def test_a_health_port_in_use_stops_the_start_with_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = seeded_config(tmp_path, f"\n[health]\nport = {port}\n")
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run", "--config", str(path), "--exit-after", "5"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("briefbot: error: cannot listen: ")
    assert "Traceback" not in result.stderr and "address already in use" in result.stderr
    assert "running:" not in result.stderr  # nothing started


def test_the_service_console_outlives_bad_lines_and_a_command_that_breaks(tmp_path: Path, monkeypatch) -> None:
    """A superscript digit, bytes that are not UTF-8 and a command whose query breaks (its full-text table is
    gone) each get a one-line answer; the console then reads on and the service stops only at /quit."""
    path = seeded_config(tmp_path)
    with open_store(tmp_path / "data" / "b.db") as store:
        store.db.execute("DROP TABLE articles_fts")
    config = load_config(path, environ=NO_SECRETS, env_file=tmp_path / ".env")
    typed = b"/events limit:\xc2\xb2\n\xff\xfe\n/search Davos\n/actor Davos\n/quit\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(typed), encoding="utf-8"))
    logs, out = io.StringIO(), io.StringIO()
    setup_logging("INFO", json_lines=False, secrets=[], stream=logs)
    try:
        asyncio.run(asyncio.wait_for(serve(config, interactive=True, exit_after=60, tick_seconds=5, out=out), 50))
    finally:
        logging.getLogger().handlers.clear()
    printed = out.getvalue()
    assert "limit must be a whole number from 1 to 25, not '²'" in printed
    assert "Sorry, that command failed" in printed  # /search: its table is gone
    assert "Davos" in printed.split("Sorry, that command failed", 1)[1]  # /actor was answered after it
    text = logs.getvalue()
    assert "command /search failed: OperationalError: no such table: articles_fts" in text
    assert "Traceback" not in text and "stopping" in text


@pytest.mark.parametrize("answer", ["refused", "unreachable, then fine"])
def test_discord_login_is_retried_while_unreachable_and_a_refused_token_is_one_line(
    tmp_path: Path, server, monkeypatch, answer: str
) -> None:
    from discord.http import Route

    import bot.service
    from tests.conftest import Response
    from tests.test_discord import ME, fake_discord_api

    monkeypatch.setattr(Route, "BASE", fake_discord_api(server))
    monkeypatch.setattr(bot.service, "RETRY_SECONDS", 0.2)
    asked: list[int] = []

    def users_me(request):
        asked.append(1)
        if answer == "refused":
            return Response(401, b'{"message": "401: Unauthorized", "code": 0}', {"Content-Type": "application/json"})
        if len(asked) < 3:
            request.handler.close_connection = True  # hang up without an answer, as a dropped link does
            return None
        return ME

    server.routes["/api/v10/users/@me"] = users_me
    channel = '\n[[channels]]\nname = "d"\nplatform = "discord"\nchannel_id = "123456789012345678"\n'
    channel += 'schedule = "0 8 * * *"\n'
    token = "MTExMTExMTExMTExMTExMTEx.GdrIll.drillsecretdiscordtokenvalue123456"
    config = load_config(seeded_config(tmp_path, channel), environ={"DISCORD_TOKEN": token}, env_file=tmp_path / ".env")
    logs = io.StringIO()
    setup_logging("DEBUG", json_lines=False, secrets=config.secrets.values(), stream=logs)

    async def scenario() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(serve(config, interactive=False, tick_seconds=0.5, out=io.StringIO(), stop=stop))
        for _ in range(100):
            await asyncio.sleep(0.1)
            if "Discord: off" in logs.getvalue() or "Discord: logged in" in logs.getvalue():
                break
        stop.set()
        await asyncio.wait_for(task, 25)

    try:
        asyncio.run(scenario())
    finally:
        logging.getLogger().handlers.clear()
    text = logs.getvalue()
    if answer == "refused":
        assert "Discord: off (LoginFailure: Improper token has been passed.)" in text and len(asked) == 1
    else:
        assert "Discord: cannot reach the platform (ServerDisconnectedError: Server disconnected)" in text
        assert "Discord: logged in" in text and len(asked) == 3
    assert token not in text and "Traceback" not in text and "Unclosed client session" not in text


def test_slots_do_not_wait_behind_silent_feeds_and_the_stop_does_not_wait_for_them(tmp_path: Path, server) -> None:
    """Three feeds whose server never answers (more than the poll workers): the console briefing is posted on
    time all the same, and stopping lets go of the fetches instead of waiting out their 60 s deadline."""
    import threading
    import time

    released, arrived = threading.Event(), threading.Semaphore(0)

    def silent(request):
        arrived.release()
        released.wait(60)

    feeds = ""
    for i in range(3):
        server.routes[f"/feed{i}.xml"] = silent
        feeds += f'\n[[sources]]\nname = "wire{i}"\nkind = "feed"\nlocation = "{server.url(f"/feed{i}.xml")}"\n'
    extra = "\n[fetch]\ntimeout = 60\nallow_private_addresses = true\n" + feeds
    config = load_config(seeded_config(tmp_path, extra), environ=NO_SECRETS, env_file=tmp_path / ".env")
    logs, out = io.StringIO(), io.StringIO()
    setup_logging("INFO", json_lines=False, secrets=[], stream=logs)

    async def scenario() -> tuple[float, float]:
        stop = asyncio.Event()
        started = time.monotonic()
        task = asyncio.create_task(serve(config, interactive=False, tick_seconds=0.2, out=out, stop=stop))
        while "scheduled briefing" not in out.getvalue() and time.monotonic() - started < 20:
            await asyncio.sleep(0.05)
        posted = time.monotonic() - started
        for _ in range(2):  # both poll workers hang on a feed
            assert await asyncio.to_thread(arrived.acquire, True, 10)
        stopping = time.monotonic()
        stop.set()
        await asyncio.wait_for(task, 30)
        return posted, time.monotonic() - stopping

    try:
        posted, stopped = asyncio.run(scenario())
    finally:
        released.set()
        logging.getLogger().handlers.clear()
    assert posted < 5 and "Escalation in Ukraine" in out.getvalue()
    assert stopped < 5, f"the stop waited {stopped:.1f} s for the feeds"
    assert "Traceback" not in logs.getvalue()
