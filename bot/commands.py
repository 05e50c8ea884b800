"""The command table: one declaration per command, from which the console, Slack and Discord are generated.

Each command has a name, typed arguments (``bot.arguments``), a one-line help text (at most 100 characters, the
Discord limit), examples and a handler. Handlers are synchronous, read the store and return a platform-neutral
``Reply``; they never raise for bad input (a usage reply says what is wrong).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.arguments import Arg, UsageError, parse
from bot.replies import Block, Image, Reply, usage_reply
from briefings.errors import QueryError, UnknownActor
from briefings.models import Citation
from briefings.queries import knowledge
from briefings.store.database import Store

MAX_REPLY_EVENTS = 10


@dataclass
class Context:
    """What a handler may use: the store (owned by the calling thread), the time, the channel asking."""

    store: Store
    now: datetime
    channel: str | None = None
    sources: tuple = ()
    """Configured sources (``bot.config.SourceConfig``), when running as a service."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    args: tuple[Arg, ...]
    handler: Callable[[Context, dict], Reply]
    examples: tuple[str, ...]

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for arg in self.args:
            shown = f"{arg.name}:VALUE" if arg.keyword and arg.kind != "date" else arg.name.upper()
            if arg.keyword and arg.kind == "date":
                shown = f"{arg.name} DATE"
            parts.append(shown if arg.required else f"[{shown}]")
        return " ".join(parts)


class _Cites:
    """Numbers citations in the order a reply first uses them."""

    def __init__(self) -> None:
        self.order: list[Citation] = []
        self.index: dict[int, int] = {}

    def __call__(self, citation: Citation) -> str:
        if citation.article_id not in self.index:
            self.order.append(citation)
            self.index[citation.article_id] = len(self.order)
        return f"[{self.index[citation.article_id]}]"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- handlers -------------------------------------------------------------------------------------------


def brief_command(ctx: Context, args: dict) -> Reply:
    from bot.render.text import briefing_blocks
    from briefings.briefing.build import BriefingSpec, briefing_json, build_briefing

    spec = BriefingSpec(until=ctx.now, since=args.get("since"), topic=args.get("topic"), max_items=5)
    briefing = build_briefing(ctx.store, spec, now=ctx.now, dry_run=True)
    blocks, citations = briefing_blocks(briefing)
    topic = f" on {args['topic']}" if args.get("topic") else ""
    return Reply(
        title=f"Briefing{topic}",
        blocks=tuple(blocks),
        citations=tuple(citations),
        data=briefing_json(briefing),
    )


def _resolve(ctx: Context, name: str) -> int:
    found = knowledge.find_actors(ctx.store.conn, name)
    if not found:
        raise UnknownActor(name, knowledge.suggestions(ctx.store.conn, name))
    return found[0]


def _article_citation(ctx: Context, article_id: int) -> Citation | None:
    row = ctx.store.conn.execute(
        "SELECT id, title, url, source, published_at FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return Citation(*row) if row else None


def _event_line(e: knowledge.EventRow, cite: _Cites) -> str:
    return f"{knowledge.event_heading(e, ' (background)')}\n“{e.sentence}” {cite(e.citation)}"


def actor_command(ctx: Context, args: dict) -> Reply:
    actor_id = _resolve(ctx, args["name"])
    p = knowledge.profile(ctx.store.conn, actor_id, events_limit=5)
    cite = _Cites()
    what = p.kind + (f", {p.role}" if p.role else "")
    seen = f"{_plural(p.mentions, 'mention')} in {_plural(p.articles, 'article')}"
    if p.first_seen:
        seen += f", {p.first_seen[:10]} to {p.last_seen[:10]}"
    blocks = [Block(f"{p.name}: {what}. {seen}.")]
    firm = [a for a in p.aliases if a["kind"] != "claimed"][:8]
    claimed = [a for a in p.aliases if a["kind"] == "claimed"][:3]
    if firm:
        blocks.append(Block(", ".join(f"{a['alias']} ({a['kind']})" for a in firm), heading="Also known as"))
    for a in claimed:
        source = _article_citation(ctx, a["article_id"]) if a["article_id"] else None
        note = f"{a['alias']}: claimed by one article, not used to merge actors"
        if a.get("conflict"):
            note += f" ({a['conflict']})"
        blocks.append(Block(note + (f" {cite(source)}" if source else ""), heading="Claimed alias"))
    if p.related:
        blocks.append(Block(", ".join(f"{r['name']} ({r['count']})" for r in p.related[:8]), heading="Often with"))
    if p.events:
        blocks.append(Block("\n".join(_event_line(e, cite) for e in p.events), heading="Latest events"))
    return Reply(
        title=p.name,
        blocks=tuple(blocks),
        citations=tuple(cite.order),
        data=knowledge.profile_json(p),
    )


def events_command(ctx: Context, args: dict) -> Reply:
    actor_ids = [_resolve(ctx, args["actor"])] if args.get("actor") else None
    rows = knowledge.events(
        ctx.store.conn,
        query=args.get("query"),
        actor_ids=actor_ids,
        types=[args["type"]] if args.get("type") else None,
        since=args.get("since"),
        until=args.get("until"),
        limit=args.get("limit", MAX_REPLY_EVENTS),
    )
    cite = _Cites()
    if not rows:
        return Reply(title="Events", blocks=(Block("No events match."),), data={"events": []})
    return Reply(
        title="Events",
        blocks=tuple(Block(_event_line(e, cite)) for e in rows),
        citations=tuple(cite.order),
        data={"events": [knowledge.event_json(e) for e in rows]},
    )


def _timeline_actors(ctx: Context, text: str) -> list[int]:
    """One actor ("Volodymyr Zelensky") or a pair ("Russia Ukraine", "\"Vladimir Putin\" Ukraine")."""
    conn = ctx.store.conn
    from bot.arguments import tokens

    words = tokens(text)
    whole = knowledge.find_actors(conn, " ".join(words))
    if whole:
        return [whole[0]]
    for cut in range(1, len(words)):
        left = knowledge.find_actors(conn, " ".join(words[:cut]))
        right = knowledge.find_actors(conn, " ".join(words[cut:]))
        if left and right and left[0] != right[0]:
            return [left[0], right[0]]
    raise UnknownActor(" ".join(words), knowledge.suggestions(conn, " ".join(words)))


def timeline_command(ctx: Context, args: dict) -> Reply:
    from bot.render.chart import timeline_png
    from briefings.queries.timeline import build_timeline

    actor_ids = _timeline_actors(ctx, args["names"])
    timeline = build_timeline(ctx.store.conn, actor_ids, since=args.get("since"), until=args.get("until"))
    title = "Timeline: " + " and ".join(timeline.names)
    data = {
        "actors": list(timeline.names),
        "days": [
            {
                "day": d.day,
                "events": d.events,
                "mentions": d.mentions,
                "latest": [knowledge.event_json(r) for r in d.rows],
            }
            for d in timeline.days
        ],
    }
    if not timeline.days:
        return Reply(title=title, blocks=(Block("No events or mentions in that period."),), data=data)
    cite = _Cites()
    lines = []
    for d in timeline.days[-14:]:
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
    hits = ctx.store.search(args["query"], since=args.get("since"), until=args.get("until"), limit=8)
    cite = _Cites()
    if not hits:
        return Reply(title=f"Search: {args['query']}", blocks=(Block("No articles match."),), data={"results": []})
    blocks = []
    for h in hits:
        citation = Citation(h.article_id, h.title, h.url, h.source, h.published)
        copies = f" (+{h.copies} copies)" if h.copies else ""
        blocks.append(
            Block(
                f"{h.title} — {h.source or 'unknown outlet'}, {h.published[:10]}{copies} {cite(citation)}\n{h.snippet}"
            )
        )
    return Reply(
        title=f"Search: {args['query']}",
        blocks=tuple(blocks),
        citations=tuple(cite.order),
        data={
            "results": [
                {
                    "snippet": h.snippet,
                    "copies": h.copies,
                    **Citation(h.article_id, h.title, h.url, h.source, h.published).as_dict(),
                }
                for h in hits
            ]
        },
    )


def ask_command(ctx: Context, args: dict) -> Reply:
    from briefings.answers.answer import answer_json, answer_question

    answer = answer_question(ctx.store.conn, args["question"])
    cite = _Cites()
    data = answer_json(answer)
    if not answer.supported:
        blocks = [Block("I found no stored article that answers this.")]
        if answer.nearest:
            blocks.append(Block("\n".join(f"{c.title} {cite(c)}" for c in answer.nearest), heading="Nearest sources"))
        return Reply(title=answer.question, blocks=tuple(blocks), citations=tuple(cite.order), data=data)
    first = answer.evidence[0]
    blocks = [Block(f"{answer.answer} {cite(first.citation)}")]
    quotes = "\n".join(f"“{e.text}” {cite(e.citation)}" for e in answer.evidence)
    blocks.append(Block(quotes, heading="Evidence"))
    return Reply(title=answer.question, blocks=tuple(blocks), citations=tuple(cite.order), data=data)


def sources_command(ctx: Context, args: dict) -> Reply:
    from briefings.queries.sources import source_health

    rows = source_health(ctx.store.conn, ctx.now)
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
        matched = [h for h in rows if h.source.rstrip("/") == source.location.rstrip("/")
                   or h.source.startswith(source.location.rstrip("/") + "/")]  # fmt: skip
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
            raise UsageError(f"there is no command /{name}; try /help")
        lines = [command.help, f"Usage: {command.usage}"]
        lines += [f"  {a.name}: {a.help}" for a in command.args]
        lines += ["Examples:"] + [f"  {e}" for e in command.examples]
        return Reply(title=f"/{command.name}", blocks=(Block("\n".join(lines)),))
    lines = [f"{c.usage} — {c.help}" for c in COMMANDS.values()]
    return Reply(title="Commands", blocks=(Block("\n".join(lines)),))


# --- the table --------------------------------------------------------------------------------------------

_SINCE = Arg("since", "date", "Start date: 2024-01-15, 7d, 24h, yesterday", keyword=True)
_UNTIL = Arg("until", "date", "End date (a bare day includes the whole day)", keyword=True)

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "brief",
            "A briefing on demand: the latest stories, each cited",
            (Arg("topic", "text", "What the briefing is about (words or an actor)"), _SINCE),
            brief_command,
            ("/brief", "/brief Ukraine 7d", "/brief Zelensky since 2024-01-01"),
        ),
        Command(
            "actor",
            "Who or what this is: aliases, mentions, related actors, latest events",
            (Arg("name", "text", "A person, organisation, country or place, by any alias", required=True),),
            actor_command,
            ("/actor Zelensky", '/actor "Institute for the Study of War"'),
        ),
        Command(
            "events",
            "Dated events, newest first, each with its evidence and source",
            (
                Arg("query", "text", "Words of the evidence sentence"),
                Arg("actor", "text", "Only events with this actor", keyword=True),
                Arg("type", "text", "Only this event type (attack, aid, statement, ...)", keyword=True),
                _SINCE,
                _UNTIL,
                Arg("limit", "int", "How many (1-25)", keyword=True, maximum=25),
            ),
            events_command,
            ("/events actor:Russia type:attack", "/events drones since 7d"),
        ),
        Command(
            "timeline",
            "An actor's (or a pair's) events and mentions by day, with a chart",
            (Arg("names", "text", "One actor, or two: Russia Ukraine", required=True), _SINCE, _UNTIL),
            timeline_command,
            ("/timeline Zelensky", "/timeline Russia Ukraine since 2022-02-01"),
        ),
        Command(
            "search",
            "Articles matching words, best first",
            (Arg("query", "text", "Words to find", required=True), _SINCE, _UNTIL),
            search_command,
            ("/search missile attack", "/search Davos since 2024-01-01"),
        ),
        Command(
            "ask",
            "A direct answer from the stored articles, with its source",
            (Arg("question", "text", "Who, what, when, where, how many or why", required=True, raw=True),),
            ask_command,
            ("/ask Who proposed an international working group?", "/ask How many civilians died in Dnipro?"),
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


def run_command(ctx: Context, name: str, text: str) -> Reply:
    """Run one command with its typed arguments; bad input gives a usage reply, never an exception."""
    command = COMMANDS.get(name)
    if command is None:
        return usage_reply(f"there is no command /{name}", "/help")
    try:
        args = parse(command.args, text, ctx.now)
        return command.handler(ctx, args)
    except UnknownActor as exc:
        hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        return Reply(title="Unknown actor", blocks=(Block(f"No actor named “{exc.name}”.{hint}"),), error=True)
    except (UsageError, QueryError) as exc:
        return usage_reply(str(exc), command.usage)
