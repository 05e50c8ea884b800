"""The command table: one declaration per command, from which the CLI, the console, Slack and Discord are built.

Each command has a name, typed arguments (``bot.arguments``), a one-line help text (at most 100 characters, the
Discord limit), examples and a handler. Handlers are synchronous, read the store and return a platform-neutral
``Reply``. ``run_text`` (console, Slack) parses typed text and ``run_values`` (CLI options, Discord options) takes
typed values; both convert through the same functions and turn bad input into a usage reply, never an exception.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.arguments import CHAT, CLI, Arg, UsageError, finish, parse, tokens
from bot.replies import UNKNOWN, Block, Citations, Image, Reply, failure_reply, usage_reply
from briefings.errors import QueryError, UnknownActor
from briefings.models import Citation, Event
from briefings.store import Store
from briefings.text.clean import clean_input

log = logging.getLogger(__name__)

MAX_ITEMS_CHAT = 5
"""Stories in a briefing asked for in chat (a scheduled briefing's size is set per channel)."""


@dataclass
class Context:
    """What a handler may use: the store (owned by the calling thread), the time, where the command came from."""

    store: Store
    now: datetime
    channel: str | None = None
    """The configured channel the command was typed in, if any."""
    sources: tuple = ()
    """Configured sources (``bot.config.SourceConfig``), when running as a service."""
    min_confidence: float | None = None
    """``[ask] min_confidence`` / 100 when running from a config file; None: the answerer's default."""
    surface: str = CHAT
    """``chat`` or ``cli``: chat commands only read the store; on the command line ``brief`` records what it
    grouped (and, with ``--channel``, what the channel was sent) unless ``--dry-run``."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    args: tuple[Arg, ...]
    handler: Callable[[Context, dict], Reply]
    examples: tuple[str, ...]
    chart: bool = False
    """The reply may carry a chart (the command line can save it with ``--png``)."""

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for arg in self.args:
            if CHAT not in arg.surfaces:
                continue
            shown = f"{arg.name}:VALUE" if arg.keyword and arg.kind != "date" else arg.name.upper()
            if arg.keyword and arg.kind == "date":
                shown = f"{arg.name} DATE"
            parts.append(shown if arg.required else f"[{shown}]")
        return " ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _event_line(e: Event, cite: Citations) -> str:
    return f"{e.heading(' (background)')}\n“{e.sentence}” {cite(e.citation)}"


# --- handlers -------------------------------------------------------------------------------------------


def brief_command(ctx: Context, args: dict) -> Reply:
    from briefings.briefing.build import build_briefing
    from briefings.briefing.spec import BriefingSpec
    from briefings.queries.filters import require_outlets, require_types

    if args.get("channel") and args.get("topic"):
        raise UsageError("use either a channel or a topic, not both")
    require_types(ctx.store, args.get("type", ()))
    require_outlets(ctx.store, args.get("source", ()))
    spec = BriefingSpec(
        until=args.get("until") or ctx.now,
        since=args.get("since"),
        channel=args.get("channel"),
        topic=args.get("topic"),
        actors=args.get("actor", ()),
        keywords=args.get("keyword", ()),
        types=args.get("type", ()),
        sources=args.get("source", ()),
        max_items=args.get("max_items", MAX_ITEMS_CHAT),
        sentences=args.get("sentences", 2),
    )
    dry_run = ctx.surface != CLI or bool(args.get("dry_run"))
    briefing = build_briefing(ctx.store, spec, now=ctx.now, dry_run=dry_run)
    topic = f" on {args['topic']}" if args.get("topic") else ""
    cite = Citations()
    blocks = []
    for item in briefing.items:
        lines = [f"{s.text} {cite(s.citation)}" for s in item.sentences]
        meta = _plural(item.sources, "source")
        if item.actors:
            meta += " · " + ", ".join(item.actors[:4])
        lines.append(meta)
        heading = ("Update: " if item.update else "") + item.headline + " " + cite(item.headline_citation)
        blocks.append(Block("\n".join(lines), heading=heading))
    blocks += [Block(note) for note in briefing.notes]
    return Reply(
        title=f"Briefing{topic}",
        blocks=tuple(blocks),
        citations=tuple(cite.order),
        data=briefing.as_dict(),
        briefing=briefing,
    )


def actor_command(ctx: Context, args: dict) -> Reply:
    from briefings.queries.actors import profile, require_actors

    found = require_actors(ctx.store, args["name"])
    p = profile(ctx.store, found[0], events_limit=args.get("limit", 5))
    cite = Citations()
    what = p.kind + (f", {p.role}" if p.role else "")
    seen = f"{_plural(p.mentions, 'mention')} in {_plural(p.articles, 'article')}"
    if p.first_seen and p.last_seen:
        seen += f", {p.first_seen[:10]} to {p.last_seen[:10]}"
    blocks = [Block(f"{p.name}: {what}. {seen}.")]
    firm = [a for a in p.aliases if a["kind"] != "claimed"][:8]
    claimed = [a for a in p.aliases if a["kind"] == "claimed"][:3]
    if firm:
        blocks.append(Block(", ".join(f"{a['alias']} ({a['kind']})" for a in firm), heading="Also known as"))
    sources = ctx.store.articles.citations([a["article_id"] for a in claimed if a["article_id"]])
    for a in claimed:
        note = f"{a['alias']}: claimed by one article, not used to merge actors"
        if a.get("conflict"):
            note += f" ({a['conflict']})"
        source = sources.get(a["article_id"])
        blocks.append(Block(note + (f" {cite(source)}" if source else ""), heading="Claimed alias"))
    if p.related:
        blocks.append(Block(", ".join(f"{r['name']} ({r['count']})" for r in p.related[:8]), heading="Often with"))
    if p.events:
        blocks.append(Block("\n".join(_event_line(e, cite) for e in p.events), heading="Latest events"))
    if len(found) > 1:
        blocks.append(Block(f"{_plural(len(found) - 1, 'other actor')} also go by “{args['name']}”."))
    return Reply(
        title=p.name,
        blocks=tuple(blocks),
        citations=tuple(cite.order),
        data=p.as_dict() | {"other_matches": found[1:]},
    )


def events_command(ctx: Context, args: dict) -> Reply:
    from briefings.queries.actors import require_actor
    from briefings.queries.filters import require_types
    from briefings.queries.places import location_ids

    names = args.get("actor", ())
    require_types(ctx.store, args.get("type", ()))
    rows = ctx.store.events.newest(
        location_ids=location_ids(ctx.store, args["location"]) if args.get("location") else None,
        words=tokens(args["query"]) if args.get("query") else (),
        actor_ids=[require_actor(ctx.store, n) for n in names] if names else None,
        types=args.get("type", ()),
        since=args.get("since"),
        until=args.get("until"),
        include_background=not args.get("no_background"),
        limit=args["limit"],
    )
    if not rows:
        return Reply(title="Events", blocks=(Block("No events match."),), data={"events": []})
    cite = Citations()
    return Reply(
        title="Events",
        blocks=tuple(Block(_event_line(e, cite)) for e in rows),
        citations=tuple(cite.order),
        data={"events": [e.as_dict() for e in rows]},
    )


def _timeline_actors(ctx: Context, text: str) -> list[int]:
    """One actor ("Volodymyr Zelensky") or a pair ("Russia Ukraine", "\"Vladimir Putin\" Ukraine")."""
    from briefings.queries.actors import find_actors, require_actor

    words = tokens(text)
    whole = find_actors(ctx.store, " ".join(words))
    if whole:
        return [whole[0]]
    for cut in range(1, len(words)):
        left = find_actors(ctx.store, " ".join(words[:cut]))
        right = find_actors(ctx.store, " ".join(words[cut:]))
        if left and right and left[0] != right[0]:
            return [left[0], right[0]]
    return [require_actor(ctx.store, " ".join(words))]  # no such actor or pair: UnknownActor, with suggestions


def timeline_command(ctx: Context, args: dict) -> Reply:
    from bot.render.chart import timeline_png
    from briefings.queries.timeline import RECENT_DAYS, build_timeline

    actor_ids = _timeline_actors(ctx, args["names"])
    timeline = build_timeline(ctx.store, actor_ids, since=args.get("since"), until=args.get("until"))
    title = "Timeline: " + " and ".join(timeline.names)
    data = {
        "actors": list(timeline.names),
        "days": [
            {"day": d.day, "events": d.events, "mentions": d.mentions, "latest": [r.as_dict() for r in d.rows]}
            for d in timeline.days
        ],
    }
    if not timeline.days:
        return Reply(title=title, blocks=(Block("No events or mentions in that period."),), data=data)
    cite = Citations()
    lines = []
    for d in timeline.days[-RECENT_DAYS:]:
        line = f"{d.day}: {_plural(d.events, 'event')}, {_plural(d.mentions, 'article')}"
        for r in d.rows:
            line += "\n  " + _event_line(r, cite).replace("\n", "\n  ")
        lines.append(line)
    span = f"{timeline.days[0].day} to {timeline.days[-1].day}"
    blocks = [
        Block(f"{_plural(timeline.total_events, 'event')} on {_plural(len(timeline.days), 'day')}, {span}."),
        Block("\n".join(lines), heading="Latest days"),
    ]
    image = Image(
        "timeline.png", timeline_png(timeline), f"Daily events and mentions of {' and '.join(timeline.names)}"
    )
    return Reply(title=title, blocks=tuple(blocks), citations=tuple(cite.order), image=image, data=data)


def search_command(ctx: Context, args: dict) -> Reply:
    query = args["query"]
    hits = ctx.store.articles.search(query, since=args.get("since"), until=args.get("until"), limit=args["limit"])
    data = {
        "query": query,
        "results": [
            Citation(h.article_id, h.title, h.url, h.source, h.published).as_dict()
            | {"snippet": h.snippet, "copies": h.copies}
            for h in hits
        ],
    }
    if not hits:
        return Reply(title=f"Search: {query}", blocks=(Block("No articles match."),), data=data)
    cite = Citations()
    blocks = []
    for h in hits:
        citation = Citation(h.article_id, h.title, h.url, h.source, h.published)
        copies = f" (+{h.copies} copies)" if h.copies else ""
        outlet = h.source or "unknown outlet"
        blocks.append(Block(f"{h.title} — {outlet}, {h.published[:10]}{copies} {cite(citation)}\n{h.snippet}"))
    return Reply(title=f"Search: {query}", blocks=tuple(blocks), citations=tuple(cite.order), data=data)


def ask_command(ctx: Context, args: dict) -> Reply:
    from dataclasses import replace

    from briefings.answers.answer import WEIGHTS, answer_question

    weights = WEIGHTS if ctx.min_confidence is None else replace(WEIGHTS, confidence_threshold=ctx.min_confidence)
    answer = answer_question(ctx.store, args["question"], weights, now=ctx.now)
    cite = Citations()
    data = answer.as_dict()
    if not answer.supported:
        found = "no answer I can vouch for" if answer.passages else "no stored article that answers this"
        blocks = [Block(f"I found {found}.")]
        if answer.notes:
            blocks.append(Block(" ".join(answer.notes)))
        if answer.passages:
            quotes = "\n".join(f"“{e.text}” {cite(e.citation)}" for e in answer.passages)
            blocks.append(Block(quotes, heading="Nearest passages (read them; they may not answer it)"))
        elif answer.nearest:
            blocks.append(Block("\n".join(f"{c.title} {cite(c)}" for c in answer.nearest), heading="Nearest sources"))
        return Reply(
            title=answer.question, blocks=tuple(blocks), citations=tuple(cite.order), data=data, answered=False
        )
    first = answer.evidence[0]
    blocks = [Block(f"{answer.answer} {cite(first.citation)}")]
    quotes = "\n".join(f"“{e.text}” {cite(e.citation)}" for e in answer.evidence)
    blocks.append(Block(quotes, heading="Evidence"))
    if answer.alternatives:
        others = "\n".join(f"{text}: “{e.text}” {cite(e.citation)}" for text, e in answer.alternatives)
        blocks.append(Block(others, heading="Other sources say otherwise"))
    if answer.notes:
        blocks.append(Block(" ".join(answer.notes), heading="Note"))
    return Reply(title=answer.question, blocks=tuple(blocks), citations=tuple(cite.order), data=data)


def sources_command(ctx: Context, args: dict) -> Reply:
    from briefings.queries.sources import of_location, source_health

    rows = source_health(ctx.store, ctx.now)
    blocks, data = [], []

    def line(name: str, matched: list, extra: str = "") -> None:
        latest = max(matched, key=lambda h: h.last_run) if matched else None
        if latest is None:
            blocks.append(Block(f"{name}{extra}: not polled yet."))
            data.append({"source": name, "polled": False})
            return
        state = f"FAILING: {latest.last_error.splitlines()[0][:200]}" if latest.failing else "ok"
        successes = [h.last_success for h in matched if h.last_success]
        success = max(successes)[:16].replace("T", " ") if successes else "never"
        new = sum(h.new_last_24h for h in matched)
        blocks.append(Block(f"{name}{extra}: {state}. Last success {success}; {new} new in the last 24 h."))
        data.append({"source": name, "failing": latest.failing, "last_success": max(successes, default=None),
                     "last_error": latest.last_error, "new_last_24h": new})  # fmt: skip

    used: set[str] = set()
    for source in ctx.sources:
        matched = of_location(rows, source.location)
        used.update(h.source for h in matched)
        state = f", every {source.poll_minutes} min" if source.enabled else ", disabled"
        line(source.name, matched, f" ({source.kind} {source.location}{state})")
    for h in rows:
        if h.source not in used:
            line(h.source, [h], f" ({h.kind})")
    if not blocks:
        blocks.append(Block("No sources are configured and nothing has been ingested yet."))
    return Reply(title="Sources", blocks=tuple(blocks), data={"sources": data})


def help_command(ctx: Context, args: dict) -> Reply:
    name = (args.get("command") or "").lstrip("/").lower()
    if name:
        command = COMMANDS.get(name)
        if command is None:
            raise UsageError(f"{no_command(name)}; try /help")
        lines = [command.help, f"Usage: {command.usage}"]
        lines += [f"  {a.name}: {a.help}" for a in command.args if CHAT in a.surfaces]
        lines += ["Examples:"] + [f"  {e}" for e in command.examples]
        return Reply(title=f"/{command.name}", blocks=(Block("\n".join(lines)),))
    lines = [f"{c.usage} — {c.help}" for c in COMMANDS.values()]
    return Reply(title="Commands", blocks=(Block("\n".join(lines)),))


# --- the table --------------------------------------------------------------------------------------------

_SINCE = Arg("since", "date", "Start date: 2024-01-15, 7d, 24h, yesterday", keyword=True)
_UNTIL = Arg("until", "date", "End date (a bare day includes the whole day)", keyword=True)
_CLI_ONLY = (CLI,)

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "brief",
            "A briefing on demand: the latest stories, each cited",
            (
                Arg("topic", "text", "What the briefing is about (words or an actor)", cli_keyword=True),
                _SINCE,
                _UNTIL,
                Arg("actor", "text", "Only stories mentioning this actor (any alias)", keyword=True, multiple=True),
                Arg(
                    "type",
                    "text",
                    "Only stories with an event of this type (attack, aid, ...)",
                    keyword=True,
                    multiple=True,
                ),
                Arg("keyword", "text", "Only stories whose text has this word or phrase", keyword=True, multiple=True),
                Arg("source", "text", "Only articles from this outlet", keyword=True, multiple=True),
                Arg(
                    "max_items",
                    "int",
                    "Most stories to show",
                    keyword=True,
                    maximum=MAX_ITEMS_CHAT,
                    default=MAX_ITEMS_CHAT,
                    cli_maximum=1000,
                ),
                Arg("sentences", "int", "Sentences per story", keyword=True, maximum=5, default=2),
                Arg(
                    "channel",
                    "text",
                    "Brief this channel: only what it has not received yet, and record it",
                    keyword=True,
                    surfaces=_CLI_ONLY,
                ),
                Arg("dry_run", "flag", "Build and print, but record nothing", keyword=True, surfaces=_CLI_ONLY),
            ),
            brief_command,
            ("/brief", "/brief Ukraine 7d", "/brief Zelensky since 2024-01-01", "/brief type:attack since 7d"),
        ),
        Command(
            "actor",
            "Who or what this is: aliases, mentions, related actors, latest events",
            (
                Arg("name", "text", "A person, organisation, country or place, by any alias", required=True),
                Arg(
                    "limit",
                    "int",
                    "How many latest events (1-25)",
                    keyword=True,
                    maximum=25,
                    default=5,
                    cli_default=10,
                    surfaces=_CLI_ONLY,
                ),
            ),
            actor_command,
            ("/actor Zelensky", '/actor "Institute for the Study of War"'),
        ),
        Command(
            "events",
            "Dated events, newest first, each with its evidence and source",
            (
                Arg("query", "text", "Words of the evidence sentence", phrases=True),
                Arg(
                    "actor",
                    "text",
                    "Only events with this actor as source, target or place",
                    keyword=True,
                    multiple=True,
                ),
                Arg("type", "text", "Only this event type (attack, aid, statement, ...)", keyword=True, multiple=True),
                Arg(
                    "location",
                    "text",
                    "Only events in this place: a town, a province (with its towns) or a country",
                    keyword=True,
                ),
                _SINCE,
                _UNTIL,
                Arg(
                    "no_background",
                    "flag",
                    "Leave out background events (anniversaries, history)",
                    keyword=True,
                    surfaces=_CLI_ONLY,
                ),
                Arg(
                    "limit",
                    "int",
                    "How many (1-25)",
                    keyword=True,
                    maximum=25,
                    default=10,
                    cli_maximum=500,
                    cli_default=20,
                ),
            ),
            events_command,
            ("/events actor:Russia type:attack", "/events drones since 7d", '/events location:"Kharkiv oblast"'),
        ),
        Command(
            "timeline",
            "An actor's (or a pair's) events and mentions by day, with a chart",
            (Arg("names", "text", "One actor, or two: Russia Ukraine", required=True, phrases=True), _SINCE, _UNTIL),
            timeline_command,
            ("/timeline Zelensky", "/timeline Russia Ukraine since 2022-02-01"),
            chart=True,
        ),
        Command(
            "search",
            "Articles matching words, best first",
            (
                Arg("query", "text", "Words to find (all of them)", required=True),
                _SINCE,
                _UNTIL,
                Arg(
                    "limit",
                    "int",
                    "How many (1-8)",
                    keyword=True,
                    maximum=8,
                    default=8,
                    cli_maximum=200,
                    cli_default=10,
                ),
            ),
            search_command,
            ("/search missile attack", "/search Davos since 2024-01-01"),
        ),
        Command(
            "ask",
            "A direct answer from the stored articles, with its source",
            (Arg("question", "text", "Who, what, when, where, how many or why", required=True, raw=True),),
            ask_command,
            ("/ask Who is the CEO of Gazprom?", "/ask How many civilians died in Dnipro?"),
        ),
        Command(
            "sources",
            "Sources with their health: last success, last error, new articles",
            (),
            sources_command,
            ("/sources",),
        ),
        Command(
            "help",
            "The commands, or how to use one",
            (Arg("command", "text", "A command name"),),
            help_command,
            ("/help", "/help events"),
        ),
    )
}


def split_line(line: str) -> tuple[str, str]:
    """``/actor Zelensky`` → (``actor``, ``Zelensky``); a line without a slash is a question for /ask."""
    line = line.strip()
    if not line.startswith("/"):
        return "ask", line
    name, _, rest = line[1:].partition(" ")
    return name.lower(), rest


def execute(ctx: Context, command: Command, args: dict) -> Reply:
    """Run a command's handler with converted arguments; unknown actors and bad queries become replies, and so
    does anything else the handler raises (logged in one line, its traceback at DEBUG): one bad command never
    ends the console or the service."""
    try:
        return command.handler(ctx, args)
    except UnknownActor as exc:
        hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        return Reply(title="Unknown actor", blocks=(Block(f"No actor named “{exc.name}”.{hint}"),), error=UNKNOWN)
    except (UsageError, QueryError) as exc:
        return usage_reply(str(exc), command.usage)
    except Exception as exc:
        log.error("command /%s failed: %s: %s", command.name, type(exc).__name__, exc)
        log.debug("command /%s failed", command.name, exc_info=True)
        return failure_reply()


def no_command(name: str) -> str:
    """ "there is no command /NAME", with the commands it may be a misspelling or the start of."""
    folded = name.lower()
    close = [c for c in COMMANDS if c.startswith(folded)] if folded else []
    close = close or difflib.get_close_matches(folded, list(COMMANDS), n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join('/' + c for c in close[:2])}?)" if close else ""
    return f"there is no command /{name}{hint}"


def run_text(ctx: Context, name: str, text: str) -> Reply:
    """Run one command from typed text (console, Slack); bad input gives a usage reply, never an exception."""
    name, text = clean_input(name), clean_input(text)
    command = COMMANDS.get(name)
    if command is None:
        return usage_reply(no_command(name), "/help")
    try:
        args = parse(command.args, text, ctx.now)
    except UsageError as exc:
        return usage_reply(str(exc), command.usage)
    except Exception as exc:
        log.error("command /%s: its arguments broke the parser: %s: %s", name, type(exc).__name__, exc)
        log.debug("command /%s: parse failed", name, exc_info=True)
        return failure_reply()
    return execute(ctx, command, args)


def _cleaned(value: object) -> object:
    """A typed value with controls and bidi overrides dropped from its text (lists and tuples item by item)."""
    if isinstance(value, str):
        return clean_input(value)
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(item) for item in value)
    return value


def run_values(ctx: Context, name: str, values: Mapping[str, object]) -> Reply:
    """Run one command from typed values (command-line options, Discord options): same conversions and checks
    as typed text, without the text in between."""
    command = COMMANDS.get(name)
    if command is None:
        return usage_reply(no_command(clean_input(name)), "/help")
    values = {key: _cleaned(value) for key, value in values.items()}
    offered = tuple(a for a in command.args if ctx.surface in a.surfaces)
    try:
        args = finish(offered, values, ctx.now, ctx.surface)
    except UsageError as exc:
        return usage_reply(str(exc), command.usage)
    except Exception as exc:
        log.error("command /%s: its arguments broke the parser: %s: %s", name, type(exc).__name__, exc)
        log.debug("command /%s: argument check failed", name, exc_info=True)
        return failure_reply()
    return execute(ctx, command, args)
