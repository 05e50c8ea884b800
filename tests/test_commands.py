"""The command table: argument parsing, every command's reply, bad arguments, the console, ask and timeline."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.arguments import CLI, MAX_INPUT_CHARS, Arg, UsageError, parse, tokens
from bot.cli import cli
from bot.commands import COMMANDS, Context, run_text, run_values, split_line
from bot.console import run_console
from bot.render.text import render_reply
from bot.replies import UNKNOWN, USAGE
from briefings.answers.answer import answer_question
from briefings.store import Store
from tests.conftest import SEEDS

NOW = datetime(2024, 1, 16, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(seeds_store: Store) -> Store:
    return seeds_store


def run(store: Store, line: str):
    name, rest = split_line(line)
    return run_text(Context(store, NOW), name, rest)


# --- arguments ------------------------------------------------------------------------------------------

EVENTS_ARGS = COMMANDS["events"].args


def test_arguments_keywords_dates_and_words() -> None:
    values = parse(EVENTS_ARGS, 'drone strikes actor:"Vladimir Putin" type:attack since 7d until 2024-01-15', NOW)
    assert values["query"] == "drone strikes"
    assert values["actor"] == ("Vladimir Putin",) and values["type"] == ("attack",)
    assert values["since"] == datetime(2024, 1, 9, 12, tzinfo=UTC)
    assert values["until"] == datetime(2024, 1, 16, tzinfo=UTC)  # a bare day includes the whole day
    assert values["limit"] == 10  # the chat default
    bare = parse(COMMANDS["brief"].args, "Ukraine yesterday actor:Putin actor:Zelensky", NOW)
    assert bare["topic"] == "Ukraine" and bare["since"] == datetime(2024, 1, 15, tzinfo=UTC)
    assert bare["actor"] == ("Putin", "Zelensky")  # repeated keywords: any of them
    assert "dry_run" not in bare and "channel" not in bare  # command-line-only arguments never come from chat


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unclosed name', "a quote is not closed"),
        ("since last tuesday", "cannot read date 'last'"),
        ("limit:0", "limit must be a whole number from 1 to 25"),
        ("limit:many", "limit must be a whole number"),
        ("limit:²", "limit must be a whole number"),
        ("since 2024-01-15 until 2024-01-10", "since must be before until"),
        ("x" * (MAX_INPUT_CHARS + 1), "longer than 500 characters"),
        ("a\x00b", "NUL"),
    ],
)
def test_bad_arguments_raise_one_line(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse(EVENTS_ARGS, text, NOW)


def test_raw_text_keeps_apostrophes_and_required_arguments_are_checked() -> None:
    ask_args = COMMANDS["ask"].args
    assert parse(ask_args, "What's the UK's pledge? since 7d", NOW) == {"question": "What's the UK's pledge? since 7d"}
    with pytest.raises(UsageError, match="question is missing"):
        parse(ask_args, "  ", NOW)
    with pytest.raises(UsageError, match="unexpected words"):
        parse((Arg("since", "date", "", keyword=True),), "hello", NOW)
    assert tokens("“Institute for the Study of War” now") == ["Institute for the Study of War", "now"]


# --- every command --------------------------------------------------------------------------------------


def test_every_command_has_help_examples_and_short_descriptions() -> None:
    assert set(COMMANDS) == {"brief", "actor", "events", "timeline", "search", "ask", "sources", "help"}
    for command in COMMANDS.values():
        assert 0 < len(command.help) <= 100 and command.examples
        for arg in command.args:
            assert 0 < len(arg.help) <= 100
        for example in command.examples:  # the examples themselves parse
            name, rest = split_line(example)
            assert name == command.name
            parse(command.args, rest, NOW)


@pytest.mark.golden
def test_actor_reply_cites_its_events(store: Store) -> None:
    reply = run(store, "/actor Zelensky")
    assert reply.title == "Volodymyr Zelenskyy" and not reply.error
    text = render_reply(reply)
    assert "person" in text and "Also known as" in text and "Latest events" in text
    assert reply.citations and all(f"[{n}]" in text for n in range(1, len(reply.citations) + 1))
    unknown = run(store, "/actor Zelenskx")
    assert (
        unknown.error == UNKNOWN and "Did you mean" in unknown.blocks[0].text and "Zelensky" in unknown.blocks[0].text
    )


def test_typed_values_go_through_the_same_conversions_as_typed_text(store: Store) -> None:
    """The command line and Discord hand values to the table; they are checked like text typed in chat."""
    from_text = run(store, "/events actor:Russia type:attack since 2022-01-01 limit:3")
    from_values = run_values(
        Context(store, NOW), "events", {"actor": "Russia", "type": "attack", "since": "2022-01-01", "limit": 3}
    )
    assert from_values.data == from_text.data and from_values.data["events"]
    too_many = run_values(Context(store, NOW), "events", {"limit": 26})
    assert too_many.error == USAGE and "from 1 to 25" in too_many.blocks[0].text
    on_the_command_line = run_values(Context(store, NOW, surface=CLI), "events", {"limit": 26})
    assert not on_the_command_line.error and len(on_the_command_line.data["events"]) == 26
    bad_date = run_values(Context(store, NOW), "events", {"since": "last tuesday"})
    assert bad_date.error == USAGE and "cannot read date" in bad_date.blocks[0].text


@pytest.mark.golden
def test_events_search_brief_timeline_sources(store: Store) -> None:
    events = run(store, "/events actor:Russia type:attack limit:3")
    assert 0 < len(events.data["events"]) <= 3
    assert all(e["type"] == "attack" for e in events.data["events"])
    assert events.citations
    search = run(store, "/search missile attack")
    assert search.data["results"][0]["title"].startswith("Escalation in Ukraine")
    brief = run(store, "/brief Ukraine since 2024-01-14")
    assert brief.data["items"][0]["headline"].startswith("Escalation in Ukraine")
    timeline = run(store, "/timeline Russia Ukraine")
    assert timeline.title == "Timeline: Russia and Ukraine"
    assert timeline.image is not None and timeline.image.data.startswith(b"\x89PNG")
    assert sum(d["events"] for d in timeline.data["days"]) > 0
    single = run(store, "/timeline Volodymyr Zelensky")  # two words, one actor
    assert single.title == "Timeline: Volodymyr Zelenskyy"
    sources = run(store, "/sources")
    assert sources.data["sources"][0]["source"].endswith("seeds")
    assert "/actor NAME" in render_reply(run(store, "/help"))
    assert "Examples:" in render_reply(run(store, "/help events"))


@pytest.mark.parametrize(
    "line",
    [
        "/nosuch",
        "/actor",
        '/actor "unclosed',
        "/events since yesterdayy",
        "/events limit:500",
        "/search",
        "/search ***",
        "/timeline",
        "/timeline Nobody Atall",
        "/help nosuch",
        "/ask",
        "/ask " + "why " * 200,
    ],
)
def test_bad_input_gets_a_reply_never_a_traceback(store: Store, line: str) -> None:
    reply = run(store, line)
    assert reply.error or not reply.citations
    text = render_reply(reply)
    assert "Traceback" not in text and text.strip()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/breif Ukraine", "there is no command /breif (did you mean /brief?)"),
        ("/ev Russia", "there is no command /ev (did you mean /events?)"),
        ("/help timelin", "there is no command /timelin (did you mean /timeline?)"),
        ("/events type:banana", "unknown event type 'banana' (types: "),
        ("/brief since 520w type:banana", "unknown event type 'banana'"),
        (
            "/brief since 520w source:Kremln",
            "no stored article comes from 'Kremln' (did you mean: Kremlin)",
        ),
        ("/brief source:nytimes.com", "no stored article comes from 'nytimes.com' (outlets: "),
    ],
)
def test_a_filter_or_command_that_cannot_match_is_said_with_what_can(store: Store, line: str, message: str) -> None:
    reply = run(store, line)
    assert reply.error == USAGE and message in reply.blocks[0].text
    if "event type" in message:
        assert "attack" in reply.blocks[0].text  # the valid types are listed
    assert run(store, "/events type:att limit:1").data["events"][0]["type"] == "attack"  # a type's start is fine


def test_an_unknown_actor_is_worded_alike_by_every_command(store: Store) -> None:
    lines = ["/actor Zelenskx", "/events actor:Zelenskx", "/brief actor:Zelenskx", "/timeline Zelenskx"]
    texts = {render_reply(run(store, line)).split("\n\n", 1)[1].strip() for line in lines}
    assert len(texts) == 1 and next(iter(texts)).startswith("No actor named “Zelenskx”. Did you mean:")


def test_a_name_mistyped_at_its_start_is_found_through_its_surname(store: Store) -> None:
    text = render_reply(run(store, "/actor Xelensky"))
    assert "Did you mean" in text and "Zelensky" in text
    # the candidates come from index ranges, not from every name in the store
    near = store.actors.names_near("xelensky", "xelensky", limit=2)
    (names,) = store.conn.execute("SELECT count(*) FROM (SELECT name FROM actors UNION SELECT alias FROM aliases)")
    assert 0 < len(near) <= 8 and len(near) < names[0]


# --- answers --------------------------------------------------------------------------------------------


QUESTIONS = json.loads((Path(__file__).parent.parent / "bench" / "data" / "seed_questions.json").read_text())


@pytest.mark.golden
def test_answers_on_the_seed_questions(store: Store) -> None:
    """The seed question set (bench.answers reports the same figure): most answered right, every answer cited
    with a sentence found in its article, and no answer to questions the store cannot support."""
    right = answered = answered_right = 0
    for item in QUESTIONS["questions"]:
        answer = answer_question(store, item["q"])
        if answer.answer is not None and item["accept"]:
            answered += 1
            answered_right += any(a.lower() in answer.answer.lower() for a in item["accept"])
        for evidence in answer.evidence:
            row = store.articles.get(evidence.citation.article_id)
            assert row[evidence.part][evidence.start : evidence.end] == evidence.text
        if not item["accept"]:
            assert answer.answer is None, item["q"]
            right += 1
        elif answer.answer and any(a.lower() in answer.answer.lower() for a in item["accept"]):
            assert answer.evidence, item["q"]
            right += 1
    # It says "not found" rather than guess: most of what it answers is right (0.87 when last measured) and about
    # half of the set is right overall (0.52; 0.73 with the rules once fitted to this set, at 0.74 precision).
    assert answered_right / answered >= 0.8
    assert right / len(QUESTIONS["questions"]) >= 0.5


def test_a_url_in_a_question_is_never_fetched(store: Store, server) -> None:
    url = server.url("/secret-article")
    for line in (f"/ask What does {url} say about Davos?", f"What does {url} say?", f"/search {url}"):
        reply = run(store, line)
        assert "Traceback" not in render_reply(reply)
    assert server.requests == []
    with_url = answer_question(store, f"How many civilians died in the missile assault in Dnipro? {url}")
    plain = answer_question(store, "How many civilians died in the missile assault in Dnipro?")
    assert with_url.answer == plain.answer and "46" in (plain.answer or "")  # the URL is ignored, still answered
    assert with_url.evidence == plain.evidence


# --- console and CLI ------------------------------------------------------------------------------------


def test_console_answers_each_line(store: Store) -> None:
    out = io.StringIO()
    lines = io.StringIO("/actor Zelensky\n\nHow many civilians died in Dnipro?\n/bogus\n/quit\n/help\n")
    answered = run_console(store, now=NOW, interactive=False, lines=lines, out=out)
    text = out.getvalue()
    assert answered == 3
    assert "## Volodymyr Zelenskyy" in text and "46 civilians" in text and "there is no command /bogus" in text
    assert "## Commands" not in text  # stopped at /quit


def test_the_console_saves_a_timeline_chart_and_prints_where(store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    charts = tmp_path / "charts"
    run_console(store, now=NOW, interactive=False, lines=io.StringIO("/timeline Russia\n/timeline Russia\n"),
                out=out, charts=charts)  # fmt: skip
    saved = sorted(charts.iterdir())
    assert len(saved) == 2 and all(p.read_bytes().startswith(b"\x89PNG") for p in saved)  # two, none overwritten
    printed = [line.removeprefix("Chart: ") for line in out.getvalue().splitlines() if line.startswith("Chart: ")]
    assert len(printed) == 2 and set(printed) == {str(p) for p in saved}


def test_cli_console_reads_a_pipe(seeds_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seeds_db), "console"], input="/search Davos\n")
    assert result.exit_code == 0 and "## Search: Davos" in result.output


def test_cli_ask_json_and_unanswerable(seeds_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(seeds_db), "ask", "--json", "Who is the CEO of Gazprom?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"question", "answer", "confidence", "citations", "other_answers", "notes"} <= set(data)
    assert data["answer"] == "Alexei Miller"
    assert {"article_id", "title", "url", "source", "published", "quote"} <= set(data["citations"][0])
    none = runner.invoke(cli, ["--db", str(seeds_db), "ask", "Who won the Eurovision Song Contest?"])
    assert none.exit_code == 1 and "I found no answer I can vouch for." in none.output


def test_cli_timeline_json_and_png(seeds_db: Path, tmp_path: Path) -> None:
    png = tmp_path / "t.png"
    result = CliRunner().invoke(cli, ["--db", str(seeds_db), "timeline", "Russia", "--json", "--png", str(png)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actors"] == ["Russia"] and data["days"]
    assert png.read_bytes().startswith(b"\x89PNG")
    missing = CliRunner().invoke(cli, ["--db", str(seeds_db), "timeline", "Atlantis"])
    assert missing.exit_code == 1 and "No actor named" in missing.output
    nowhere = tmp_path / "no" / "such" / "dir" / "t.png"
    unwritable = CliRunner().invoke(cli, ["--db", str(seeds_db), "timeline", "Russia", "--png", str(nowhere)])
    assert unwritable.exit_code == 1 and "Traceback" not in unwritable.output
    assert f"Could not open file '{nowhere}': No such file or directory" in unwritable.output


def test_sources_lists_configured_sources_with_their_health(store: Store) -> None:
    from bot.config import SourceConfig

    configured = (
        SourceConfig(name="seeds", kind="path", location=str(SEEDS)),
        SourceConfig(name="bbc", kind="feed", location="https://feeds.example/rss", enabled=False),
    )
    reply = run_text(Context(store, NOW, sources=configured), "sources", "")
    text = render_reply(reply)
    assert f"seeds (path {SEEDS}, every 30 min): ok. Last success" in text
    assert "bbc (feed https://feeds.example/rss, disabled): not polled yet." in text
    assert [s["source"] for s in reply.data["sources"]] == ["seeds", "bbc"]


def test_cli_query_commands_are_the_table_commands(seeds_db: Path) -> None:
    """Every query command of the command line is a table command with its (command-line) arguments, and gives
    the reply's data with --json."""
    from bot.arguments import CLI

    runner = CliRunner()
    for name in ("brief", "actor", "events", "timeline", "search", "ask", "sources"):
        options = {o for p in cli.commands[name].params for o in getattr(p, "opts", [])}
        for arg in COMMANDS[name].args:
            if CLI in arg.surfaces and (arg.keyword or arg.cli_keyword):
                assert arg.option in options, (name, arg.name)
    sources = runner.invoke(cli, ["--db", str(seeds_db), "sources", "--json"])
    assert sources.exit_code == 0, sources.output
    assert json.loads(sources.output)["sources"][0]["failing"] is False
    usage = runner.invoke(cli, ["--db", str(seeds_db), "events", "--since", "2024-01-15", "--until", "2024-01-01"])
    assert usage.exit_code == 2 and "since must be before until" in usage.output
