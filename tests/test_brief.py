"""Briefings: one item per story, verbatim cited sentences, only what a channel has not received."""

from __future__ import annotations

import gc
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import cli
from briefings.briefing.build import _outcome_first, build_briefing
from briefings.briefing.select import SharedWork, collector_paused, read_window, with_details, with_leads
from briefings.briefing.spec import BriefingSpec
from briefings.briefing.summarise import Pick
from briefings.errors import QueryError, UnknownActor
from briefings.extract.clauses import prospective_text
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.models import Briefing, IngestCounts
from briefings.store import Store, open_store
from briefings.text.sentences import Sentence, is_background, split_sentences
from tests.conftest import SEED_ARTICLE

NOW = datetime(2024, 1, 15, 23, 0, tzinfo=UTC)


def assert_verbatim(store: Store, briefing: Briefing) -> None:
    """Every quoted sentence is the stored text of its cited article at the cited offsets."""
    for item in briefing.items:
        assert item.sentences or item.headline
        for sentence in item.sentences:
            body = store.articles.get(sentence.citation.article_id)["body"]
            assert body[sentence.start : sentence.end] == sentence.text
            assert sentence.citation.article_id in item.articles


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest(store: Store, path: Path, extract: bool = True) -> None:
    Ingestor(store, extract=ExtractOptions(enabled=extract), workers=0).ingest([str(path)])


# --- the seed article ----------------------------------------------------------------------------------


@pytest.mark.golden
def test_seed_briefing_leads_with_the_missile_attack(seeds_store: Store) -> None:
    briefing = build_briefing(seeds_store, BriefingSpec(until=NOW, topic="Ukraine"), now=NOW, dry_run=True)
    assert briefing.items, briefing.notes
    first = briefing.items[0]
    assert "Missile Attack" in first.headline
    assert "missile attack" in first.sentences[0].text
    assert_verbatim(seeds_store, briefing)
    for item in briefing.items:
        for sentence in item.sentences:
            assert "anniversary" not in sentence.text and "since 2014" not in sentence.text
            assert sentence.citation.title.startswith("Escalation in Ukraine")
    assert "Russia" in first.actors


def test_background_sentences_are_recognised() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    dnipro = next(s.text for s in split_sentences(text) if "Dnipro" in s.text)
    assert is_background(dnipro)
    assert not is_background("Russia launched a widespread missile attack across various regions in Ukraine.")


def test_dry_run_records_nothing_sent(seed_article_db: Path) -> None:
    with open_store(seed_article_db) as store:

        def counts() -> dict[str, int]:
            tables = ("briefings", "channel_stories", "story_articles", "stories")
            return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

        before = counts()
        briefing = build_briefing(store, BriefingSpec(until=NOW, channel="ops"), now=NOW, dry_run=True)
        assert briefing.items
        assert counts() == before
        assert before["briefings"] == before["channel_stories"] == 0
        # The article got its story when it was stored, not when it was briefed.
        assert before["story_articles"] == before["stories"] == 1


# --- stories across outlets ----------------------------------------------------------------------------

PORT_DEAL = [
    (
        "BBC News",
        "Ukraine and Russia sign deal to reopen Black Sea ports for grain exports",
        "Ukraine and Russia have signed a deal in Istanbul to reopen Black Sea ports for grain exports, easing a "
        "global food crisis. The agreement, brokered by Turkey and the United Nations, creates safe corridors for "
        "ships carrying grain from Odesa.",
    ),
    (
        "Al Jazeera",
        "Grain deal: Russia and Ukraine agree to let exports resume from Black Sea ports",
        "Russia and Ukraine agreed in Istanbul on Friday to let grain exports resume from three Black Sea ports. "
        "Turkey and the UN brokered the agreement, which sets up safe corridors for grain ships leaving Odesa.",
    ),
    (
        "The Guardian",
        "Black Sea grain exports to resume after Istanbul deal between Russia and Ukraine",
        "Grain shipments from Ukraine's Black Sea ports are set to resume after Russia and Ukraine signed a deal "
        "in Istanbul brokered by the UN and Turkey. Ships carrying grain will use safe corridors out of Odesa.",
    ),
]
OTHER_STORY = (
    "CNN",
    "Heatwave: Britain records its highest temperature as 40C is passed",
    "Britain has recorded a temperature above 40C for the first time, the Met Office said, as a heatwave "
    "brought record temperatures to London and much of England. Railways cancelled services across the country.",
)


def story_records(day: str, stories, prefix: str = "a") -> list[dict]:
    return [
        {
            "title": title,
            "body": body,
            "source": outlet,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{prefix}{i}",
            "published": f"{day}T{10 + i:02d}:00:00Z",
        }
        for i, (outlet, title, body) in enumerate(stories)
    ]


def test_cross_outlet_coverage_is_one_item_with_its_source_count(tmp_path: Path) -> None:
    records = story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])
    copy = dict(records[0], url="https://syndicator.example/copy", source="Yahoo News")  # a syndicated copy
    records.append(copy)
    with open_store(tmp_path / "b.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", records))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        briefing = build_briefing(store, BriefingSpec(until=until), now=until, dry_run=True)
        assert len(briefing.items) == 2
        grain = next(i for i in briefing.items if "rain" in i.headline)
        assert grain.sources == 4  # three outlets and the syndicated copy's outlet
        assert len(grain.articles) == 4
        assert set(grain.outlets) == {"BBC News", "Al Jazeera", "The Guardian", "Yahoo News"}
        heat = next(i for i in briefing.items if "Heatwave" in i.headline)
        assert heat.sources == 1
        assert briefing.items[0] is grain  # more sources rank first
        assert_verbatim(store, briefing)


def test_second_briefing_says_nothing_new_then_shows_an_update(tmp_path: Path) -> None:
    with open_store(tmp_path / "b.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])))
        first_until = datetime(2022, 7, 23, tzinfo=UTC)
        spec = BriefingSpec(until=first_until, channel="ops")
        first = build_briefing(store, spec, now=first_until)
        assert len(first.items) == 2 and not any(i.update for i in first.items)

        again_until = first_until + timedelta(hours=6)
        again = build_briefing(store, BriefingSpec(until=again_until, channel="ops"), now=again_until)
        assert again.items == ()
        assert again.notes[0].startswith("Nothing new since 2022-07-23T00:00:00Z")

        # The same window re-briefed to the same channel: everything was sent already.
        repeat = build_briefing(store, BriefingSpec(until=first_until, since=first_until - timedelta(days=1),
                                                    channel="ops"), now=again_until)  # fmt: skip
        assert repeat.items == ()
        assert "already sent" in repeat.notes[0]

        later = [
            (
                "Reuters",
                "First grain ship leaves Odesa under Black Sea deal with Russia",
                "The first ship carrying Ukrainian grain left the port of Odesa on Monday under the Black Sea deal "
                "brokered by Turkey and the UN, bound for Lebanon with 26,000 tonnes of corn.",
            )
        ]
        ingest(store, write_jsonl(tmp_path / "b.jsonl", story_records("2022-07-23", later, prefix="b")))
        update_until = datetime(2022, 7, 24, tzinfo=UTC)
        update = build_briefing(store, BriefingSpec(until=update_until, channel="ops"), now=update_until)
        assert len(update.items) == 1
        item = update.items[0]
        assert item.update
        grain_story = next(i.story_id for i in first.items if "rain" in i.headline)
        assert item.story_id == grain_story
        assert "Odesa on Monday" in item.sentences[0].text
        assert_verbatim(store, update)
        # Another channel has received nothing: the story is new there, and whole.
        fresh = build_briefing(
            store, BriefingSpec(until=update_until, since=first_until - timedelta(days=1), channel="other"),
            now=update_until,
        )  # fmt: skip
        grain_there = next(i for i in fresh.items if i.story_id == grain_story)
        assert grain_there.sources == 4 and len(grain_there.articles) == 4
        assert not grain_there.update  # "Update:" only where the story was received before
        # A briefing on demand (no channel) never says "Update" either, though the story began earlier.
        on_demand = build_briefing(store, BriefingSpec(until=update_until), now=update_until, dry_run=True)
        assert [i.update for i in on_demand.items] == [False]


def test_failing_sources_are_reported(seed_article_db: Path) -> None:
    with open_store(seed_article_db) as store:
        run = store.runs.start("https://feeds.example/rss", "feed", NOW - timedelta(hours=1))
        store.runs.finish(run, IngestCounts(failed=1), "HTTP 503 Service Unavailable", NOW - timedelta(hours=1))
        briefing = build_briefing(store, BriefingSpec(until=NOW), now=NOW, dry_run=True)
        assert any("1 source failing: https://feeds.example/rss (HTTP 503" in n for n in briefing.notes)


@pytest.mark.golden
def test_filters(seeds_store: Store) -> None:
    spec = BriefingSpec(until=NOW, actors=("Zelensky",))
    assert build_briefing(seeds_store, spec, now=NOW, dry_run=True).items  # Zelenskyy through his alias
    none = build_briefing(seeds_store, BriefingSpec(until=NOW, keywords=("volcano",)), now=NOW, dry_run=True)
    assert none.items == () and none.notes[0].startswith("Nothing new on volcano since")
    assert build_briefing(seeds_store, BriefingSpec(until=NOW, types=("attack",)), now=NOW, dry_run=True).items
    with pytest.raises(UnknownActor, match="no actor named 'Zelenskx'"):
        build_briefing(seeds_store, BriefingSpec(until=NOW, actors=("Zelenskx",)), now=NOW, dry_run=True)
    with pytest.raises(QueryError):
        BriefingSpec(until=NOW, max_items=0)
    with pytest.raises(QueryError):
        BriefingSpec(until=NOW, since=NOW)


# --- every sentence is verbatim -------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "Russia Ukraine grain port Odesa missile drone strike talks Istanbul ceasefire Kyiv army aid tanks minister "
    "said the a of on in Mr. U.S. 5.5 40C “quoted” (brackets) — é ß 日本".split()
)
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
_ARTICLE = st.tuples(
    st.lists(_WORDS, min_size=2, max_size=10).map(" ".join),
    st.lists(_SENTENCE, min_size=1, max_size=8).map(lambda ss: "\n".join(" ".join(ss[i : i + 2]) for i in range(0, len(ss), 2))),
    st.sampled_from(["BBC", "CNN", "Reuters", None]),
    st.integers(0, 47),
)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(_ARTICLE, min_size=1, max_size=12))
def test_every_sentence_is_found_verbatim_in_its_cited_article(tmp_path_factory, articles) -> None:
    folder = tmp_path_factory.mktemp("prop")
    records = [
        {
            "title": title or "Untitled",
            "body": body,
            "source": source,
            "url": f"https://news.example/{i}",
            "published": (datetime(2022, 7, 21, tzinfo=UTC) + timedelta(hours=hour)).isoformat(),
        }
        for i, (title, body, source, hour) in enumerate(articles)
    ]
    with open_store(folder / "p.db") as store:
        ingest(store, write_jsonl(folder / "p.jsonl", records), extract=False)
        until = datetime(2022, 7, 23, tzinfo=UTC)
        briefing = build_briefing(store, BriefingSpec(until=until, max_items=50, channel="c"), now=until)
        assert_verbatim(store, briefing)
        members = [a for item in briefing.items for a in item.articles]
        assert len(members) == len(set(members))  # an article belongs to one story


@given(st.text(max_size=400))
def test_sentence_offsets_are_exact(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text


# --- the command line -----------------------------------------------------------------------------------


def brief(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), "brief", *args])


def test_cli_brief_json_and_markdown(seeds_db: Path) -> None:
    result = brief(seeds_db, "--now", "2024-01-15T23:00", "--topic", "Ukraine", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["window"] == {"since": "2024-01-14T23:00:00Z", "until": "2024-01-15T23:00:00Z"}
    item = data["items"][0]
    assert {"story_id", "headline", "update", "sources", "articles", "actors", "sentences"} <= set(item)
    assert set(item["sentences"][0]["citation"]) >= {"article_id", "title", "url", "source", "published"}
    text = brief(seeds_db, "--now", "2024-01-15T23:00", "--topic", "Ukraine").output
    assert text.startswith("# Briefing: 2024-01-14 23:00 to 2024-01-15 23:00 UTC")
    assert "1. **Escalation in Ukraine" in text and "Sources:\n[1] Escalation in Ukraine" in text


def test_cli_brief_over_press_releases_covers_the_window(seeds_db: Path) -> None:
    result = brief(seeds_db, "--since", "2022-02-20", "--until", "2022-03-10", "--max-items", "50", "--json")
    data = json.loads(result.output)
    members = [a for item in data["items"] for a in item["articles"]]
    assert data["candidates"] == len(members) == len(set(members)) > 10


OPS = """
[[channels]]
name = "ops"
platform = "file"
path = "{path}"
schedule = "0 8 * * *"
{extra}
"""


def channel_config(tmp_path: Path, extra: str = "") -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(OPS.format(path=tmp_path / "ops.jsonl", extra=extra))
    return str(path)


def test_cli_channel_records_and_dry_run_does_not(seeds_copy: Path, tmp_path: Path) -> None:
    db = seeds_copy
    args = ["--now", "2024-01-15T23:00", "--channel", "ops", "--config", channel_config(tmp_path), "--json"]
    assert json.loads(brief(db, *args, "--dry-run").output)["items"]
    assert json.loads(brief(db, *args).output)["items"]
    later = ["--now", "2024-01-16T05:00", "--channel", "ops", "--config", channel_config(tmp_path), "--json"]
    second = json.loads(brief(db, *later).output)
    assert second["window"]["since"] == "2024-01-15T23:00:00Z"  # since the channel's last briefing
    assert second["items"] == [] and second["notes"][0].startswith("Nothing new since 2024-01-15T23:00:00Z")
    same = json.loads(brief(db, *args).output)  # the same window again: all sent already
    assert same["items"] == [] and "1 story already sent" in same["notes"][0]


def test_cli_channel_applies_the_configured_filters_size_and_window(seeds_db: Path, tmp_path: Path) -> None:
    config = channel_config(tmp_path, 'keywords = ["icebreaker"]\nmax_items = 1\nsentences = 1\nwindow = "520w"')
    args = ["--now", "2024-01-16T08:00", "--channel", "ops", "--config", config, "--dry-run", "--json"]
    data = json.loads(brief(seeds_db, *args).output)
    assert data["window"]["since"] == "2014-01-28T08:00:00Z"  # the channel's 520 weeks before --now
    assert len(data["items"]) == 1 and len(data["items"][0]["sentences"]) == 1
    explicit = ["--now", "2024-01-16T08:00", "--since", "520w", "--keyword", "icebreaker", "--max-items", "1"]
    same = json.loads(brief(seeds_db, *explicit, "--sentences", "1", "--dry-run", "--json").output)
    assert [i["story_id"] for i in data["items"]] == [i["story_id"] for i in same["items"]]
    wider = json.loads(brief(seeds_db, *args, "--sentences", "2").output)  # an option beats the configured value
    assert len(wider["items"][0]["sentences"]) == 2
    unknown = brief(seeds_db, "--channel", "opz", "--config", config)
    assert unknown.exit_code == 2 and "no channel named 'opz'" in unknown.output and "(channels: ops)" in unknown.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--channel", "a", "--topic", "b"], "either a channel or a topic"),
        (["--since", "last tuesday"], "cannot read date"),
        (["--max-items", "0"], "0 is not in the range"),
        (["--since", "2024-01-15", "--until", "2024-01-14"], "since must be before until"),
        (["--keyword", "!!!"], "no searchable word"),
    ],
)
def test_cli_brief_bad_arguments(seeds_db: Path, args: list[str], message: str) -> None:
    result = brief(seeds_db, *args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_cli_brief_unknown_actor_suggests(seeds_db: Path) -> None:
    result = brief(seeds_db, "--actor", "Zelenskx")
    assert result.exit_code == 1
    assert "No actor named “Zelenskx”" in result.output and "Zelensky" in result.output


def test_the_headline_is_the_one_of_the_first_sentence_s_article(tmp_path: Path) -> None:
    with open_store(tmp_path / "h.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        briefing = build_briefing(store, BriefingSpec(until=until, sentences=3), now=until, dry_run=True)
        for item in briefing.items:
            assert item.headline_citation.article_id == item.sentences[0].citation.article_id
            assert item.headline == item.sentences[0].citation.title


def test_briefings_built_together_share_work_and_equal_briefings_built_alone(seeds_store: Store) -> None:
    """Channels due at one tick read a window once per filter set and make a story's item once; what each gets is
    what it would get alone (its own ranking, its own number of sentences)."""
    since = datetime(2022, 2, 20, tzinfo=UTC)
    until = datetime(2022, 3, 10, tzinfo=UTC)
    specs = [
        BriefingSpec(until=until, since=since),
        BriefingSpec(until=until, since=since, max_items=3),
        BriefingSpec(until=until, since=since, sentences=1),
        BriefingSpec(until=until, since=since, keywords=("sanctions",)),
        BriefingSpec(until=until, since=since, types=("attack",)),
    ]
    alone = [build_briefing(seeds_store, s, now=until, dry_run=True).as_dict() for s in specs]
    shared = SharedWork()
    together = [build_briefing(seeds_store, s, now=until, dry_run=True, shared=shared).as_dict() for s in specs]
    assert together == alone
    assert all(b["items"] for b in alone)
    assert len(shared.windows) == 3  # one window read for the three unfiltered specs, one per filter
    assert len(shared.items) < sum(len(b["items"]) for b in alone)  # items made once for the specs sharing them


def test_channels_with_the_same_history_share_updates_and_get_what_they_would_alone(tmp_path: Path) -> None:
    """Two channels sent the same briefing yesterday get the same update today, made once; a third that was sent
    nothing yet gets the whole story."""
    with open_store(tmp_path / "h.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])))
        first = datetime(2022, 7, 23, tzinfo=UTC)
        for channel in ("a", "b"):
            build_briefing(store, BriefingSpec(until=first, channel=channel), now=first)
        later = [("Reuters", "First grain ship leaves Odesa under Black Sea deal with Russia",
                  "The first ship carrying Ukrainian grain left the port of Odesa on Monday under the Black Sea deal "
                  "brokered by Turkey and the UN, bound for Lebanon with 26,000 tonnes of corn.")]  # fmt: skip
        ingest(store, write_jsonl(tmp_path / "b.jsonl", story_records("2022-07-23", later, prefix="b")))
        second = datetime(2022, 7, 24, tzinfo=UTC)
        specs = [BriefingSpec(until=second, channel=c, since=first - timedelta(days=1) if c == "c" else None)
                 for c in ("a", "b", "c")]  # fmt: skip
        alone = [build_briefing(store, s, now=second, dry_run=True).as_dict() for s in specs]
        shared = SharedWork()
        together = [build_briefing(store, s, now=second, dry_run=True, shared=shared).as_dict() for s in specs]
    assert together == alone
    assert alone[0]["items"] == alone[1]["items"] and [i["update"] for i in alone[0]["items"]] == [True]
    assert not any(i["update"] for i in alone[2]["items"])
    assert len(shared.items) < sum(len(b["items"]) for b in alone)


def test_window_documents_carry_their_details_and_read_headlines_only_when_asked(tmp_path: Path) -> None:
    records = story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])
    records.append(dict(records[0], url="https://syndicator.example/copy", source="Yahoo News"))
    with open_store(tmp_path / "w.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", records))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        spec = BriefingSpec(until=until)
        window = read_window(store, spec, until - spec.window)
        docs = window.docs
        stored = {r[0]: r for r in store.conn.execute("SELECT id, title, url, duplicate_of FROM articles")}
        assert sorted(d.article_id for d in docs) == sorted(i for i, r in stored.items() if r[3] is None)
        mentioned = {r[0] for r in store.conn.execute("SELECT DISTINCT article_id FROM mentions")}
        assert not any(d.detailed or d.actors for d in docs)  # read for the stories ranking scores
        with_details(store, docs)
        assert mentioned and all(d.detailed and bool(d.actors) == (d.article_id in mentioned) for d in docs)
        pairs = store.conn.execute("SELECT DISTINCT actor_id, article_id FROM mentions").fetchall()
        in_window = {d.article_id for d in docs}
        expected = Counter(actor for actor, article in pairs if article in in_window)
        assert window.actor_articles == expected
        assert sum(len(d.copies) for d in docs) == 1
        assert all(d.story_id is not None for d in docs)
        assert all(d.head is None for d in docs)
        with pytest.raises(ValueError, match="headline was not read"):
            _ = docs[0].citation
        with_leads(store, docs)
        for doc in docs:
            assert (doc.title, doc.url) == stored[doc.article_id][1:3]
            assert doc.citation.title == doc.title


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_pause_restores_the_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("the window read failed")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_an_article_gone_from_the_window_since_it_was_read_is_left_out_of_the_item(tmp_path: Path) -> None:
    from briefings.briefing.build import _central

    records = story_records("2022-07-22", [*PORT_DEAL, OTHER_STORY])
    with open_store(tmp_path / "g.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", records))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        spec = BriefingSpec(until=until)
        docs = read_window(store, spec, until - spec.window).docs
        gone, kept = docs[0], docs[1]
        with store.write():  # marked a copy of another article after the window was read
            store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (kept.article_id, gone.article_id))
        central = _central(store, docs)
        assert gone not in central and kept in central and all(d.head is not None for d in central)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6),  # articles
            st.integers(0, 72),  # hours before the window's end of its newest
            st.booleans(),  # known before the window
            st.sets(st.integers(1, 8), max_size=3),  # actors
            st.sampled_from(["attack", "aid", "statement", "sanction"]),
            st.booleans(),  # reports deaths
        ),
        min_size=1,
        max_size=25,
    ),
    st.sets(st.integers(1, 8), max_size=2),
)
def test_ranking_reads_details_lazily_and_orders_as_scoring_every_story(stories_drawn, filters) -> None:
    from briefings.briefing.rank import WEIGHTS, Story, _detail_terms, _known_terms, ranked
    from briefings.briefing.select import Doc
    from briefings.store.events import EventSpan

    until = datetime(2023, 1, 10, tzinfo=UTC)
    hidden: dict[int, tuple] = {}
    stories = []
    next_id = 1
    for n, (articles, hours, known, actors, kind, killed) in enumerate(stories_drawn):
        members = []
        for k in range(articles):
            published = (until - timedelta(hours=hours + k)).strftime("%Y-%m-%dT%H:%M:%SZ")
            members.append(Doc(next_id, f"outlet {next_id % 4}", published, story_id=n))
            numbers = ({"meaning": "killed"},) if killed and k == 0 else ()
            hidden[next_id] = (frozenset(actors), (EventSpan(next_id, 0, 1, kind, False, numbers),), numbers)
            next_id += 1
        stories.append(Story(n, members, known=known))
    counts: Counter[int] = Counter(a for actors, _, _ in hidden.values() for a in actors)
    newest = max(d.published for s in stories for d in s.members)
    read: list[int] = []

    def detail(batch) -> None:
        for story in batch:
            read.append(story.id)
            for d in story.members:
                d.actors, d.events, d.numbers = hidden[d.article_id]
                d.detailed = True

    order = list(ranked(stories, newest, counts, set(filters), until, detail))
    assert sorted(s.id for s in order) == sorted(s.id for s in stories) and len(read) == len(stories)
    anchor = min(until, datetime.fromisoformat(newest.replace("Z", "+00:00")))
    top = max(counts.values(), default=1)

    def score(story) -> float:
        return _known_terms(story, anchor, WEIGHTS) + _detail_terms(story, counts, top, set(filters), WEIGHTS)

    expected = sorted(stories, key=lambda s: (-score(s), s.id))
    assert [s.id for s in order] == [s.id for s in expected]
    assert [s.score for s in order] == [score(s) for s in expected]


def test_ranking_reads_the_details_of_stories_that_can_lead_only() -> None:
    from briefings.briefing.rank import DETAIL_BATCH, Story, ranked
    from briefings.briefing.select import Doc

    until = datetime(2023, 1, 10, tzinfo=UTC)
    day = "2023-01-09T12:00:00Z"
    big = Story(0, [Doc(i, f"outlet {i}", day, story_id=0) for i in range(1, 41)], known=False)
    singles = [Story(n, [Doc(100 + n, "outlet 1", day, story_id=n)], known=True) for n in range(1, 41)]
    read: list[int] = []

    def detail(batch) -> None:
        for story in batch:
            read.append(story.id)
            for d in story.members:
                d.detailed = True

    stories = [*singles, big]
    first = next(ranked(stories, day, Counter({1: 1}), set(), until, detail))
    assert first is big and len(read) <= DETAIL_BATCH < len(stories)
    rest = list(ranked(stories, day, Counter({1: 1}), set(), until, detail))
    assert [s.id for s in rest] == [0, *range(1, 41)]  # ties keep the stories' order


def _picks(*rows: tuple[int, str]) -> list[Pick]:
    return [Pick(article, Sentence(0, len(text), text, 0), 1.0) for article, text in rows]


def test_the_report_of_what_happened_leads_over_its_announcement() -> None:
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC)
    published = {1: noon, 2: noon + timedelta(hours=3), 3: noon - timedelta(hours=2)}
    picks = _picks(
        (1, "Ruling due in the ferry contract case"),
        (2, "A court found the three directors guilty of fraud over the ferry contract."),
    )
    assert [p.article_id for p in _outcome_first(picks, published, prospective_text)] == [2]
    # an announcement older than the lead is overtaken by it; a report older than the lead stays
    picks = _picks(
        (1, "The court found the three directors guilty of fraud."),
        (3, "The court is expected to rule on the ferry contract today."),
        (3, "The directors denied the charges throughout the trial."),
    )
    kept = _outcome_first(picks, published, prospective_text)
    assert [p.sentence.text for p in kept] == [picks[0].sentence.text, picks[2].sentence.text]


def test_an_announcement_stays_when_nothing_later_reports_it() -> None:
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC)
    published = {1: noon, 2: noon - timedelta(hours=1), 3: noon + timedelta(hours=1)}
    picks = _picks(
        (1, "The harbour board will vote on the ferry contract on Monday."), (2, "The contract is worth £40m.")
    )
    assert _outcome_first(picks, published, prospective_text) == picks
    later_preview = _picks((1, "The harbour board will vote on Monday."), (3, "The board is expected to approve it."))
    assert _outcome_first(later_preview, published, prospective_text) == later_preview


def test_a_lead_its_own_headline_does_not_announce_takes_the_headline_that_does() -> None:
    from briefings.briefing.build import _headline_for, explains
    from briefings.briefing.select import Doc
    from briefings.store.articles import Lead

    def doc(article_id: int, title: str) -> Doc:
        return Doc(article_id, "Wire", "2022-07-22T10:00:00Z", head=Lead(article_id, title, "", "Wire", None, ""))

    video = doc(1, "Watch what the mayor said about a second bridge")
    report = doc(2, "Lindau opens its new river ferry line to Bregenz")
    other = doc(3, "Bregenz harbour fees to rise in spring")
    lead = "The city of Lindau opened a ferry line to Bregenz across the river on Friday."
    assert _headline_for(lead, video, [video, report, other]) is report
    # a headline that announces its lead stays, whatever another headline shares with it
    own = doc(4, "Ferry line from Lindau to Bregenz opens")
    assert _headline_for(lead, own, [own, report, other]) is own
    # a recurring page's name announces nothing: a headline sharing a word with the lead heads the item instead
    page = doc(5, "Lindau ferry strike at a glance: what we know on day 12")
    live = doc(6, "Strike live: unions accuse the town of bad faith over the deal")
    lead = "Lindau suspends the ferry deal citing attacks on its harbour; unions call the move outrageous"
    assert _headline_for(lead, page, [page, live, other]) is live
    assert _headline_for(lead, doc(7, "Your Thursday Briefing"), [live]) is live
    # nor does an explainer: a question or a numbered list heads an item only when no other headline fits
    lead = "The harbour board has formally invited Lindau and Bregenz to join the ferry alliance."
    own = doc(8, "Board to add ferries on the lake as the alliance grows")
    listing = doc(9, "Ferry summit: Five challenges for the lake alliance of Lindau and Bregenz")
    question = doc(10, "Why do Lindau and Bregenz want to join the ferry alliance?")
    assert _headline_for(lead, own, [own, listing, question]) is own
    assert _headline_for(lead, question, [question, own]) is own
    assert explains("What to Know About the Ferry Alliance of Lindau and Bregenz")
    assert explains("Lake ferries in pictures") and explains("Ferry strike: what we know so far")
    assert explains("What to expect from the Lindau ferry summit")
    assert not explains("Lindau opens its new river ferry line to Bregenz")
    assert not explains("Who won? Lindau, says the ferry board")  # a question that is not the headline's end


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Greetings on Harbour Workers Day", True),
        ("Birthday greetings to the conductor Ivan Lind", True),
        ("Condolences to President of Lindavia Ola Berg", True),
        ("Message of condolences over the Lindau ferry disaster", True),
        ("President congratulated the harbour workers of Lindau", False),  # a report of the act
        ("Lindau mayor greets the first ferry from Bregenz", False),
        ("Address on Harbour Workers Day", True),
        ("Video address on the 60th anniversary of the Lindau ferry line", True),
        ("Address to participants of the Lindau harbour forum", False),  # may announce policy
    ],
)
def test_a_press_services_message_label_is_recognised(title: str, message: bool) -> None:
    from briefings.briefing.build import is_message

    assert is_message(title) is message


def test_a_message_of_greetings_is_told_by_its_headline_alone(tmp_path: Path) -> None:
    greeting = (
        "Kremlin",
        "Greetings on Harbour Workers Day",
        'The message reads, in part: "Your dedication keeps the harbours of our country working day and night. '
        'I wish you and your families good health and new achievements."',
    )
    with open_store(tmp_path / "m.db") as store:
        ingest(store, write_jsonl(tmp_path / "a.jsonl", story_records("2022-07-22", [greeting, OTHER_STORY])))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        briefing = build_briefing(store, BriefingSpec(until=until), now=until, dry_run=True)
        items = {item.headline: item for item in briefing.items}
        assert items["Greetings on Harbour Workers Day"].sentences == ()
        assert items[OTHER_STORY[1]].sentences  # news keeps its sentences


def test_two_matches_of_one_tournament_are_two_developments() -> None:
    from briefings.briefing.build import _games
    from briefings.briefing.select import Doc
    from briefings.store.articles import Lead

    def doc(article_id: int, title: str, lead: str) -> Doc:
        return Doc(article_id, "Wire", "2022-07-22T10:00:00Z", head=Lead(article_id, title, lead, "Wire", None, ""))

    docs = [
        doc(1, "Alpine Cup: Lindau 2-0 Bregenz highlights", "Lindau beat Bregenz 2-0 in the group stage."),
        doc(2, "Alpine Cup: Kempten beat Memmingen", "Kempten won their group game with a late goal in the final."),
        doc(3, "Alpine Cup: Lindau coach praises his defence", "The coach said the team kept a clean sheet."),
        doc(4, "Alpine Cup: tickets sell out for the final", "Fans queued for hours in Lindau."),
    ]
    games = _games(docs, docs)
    assert not games[1][1] & games[2][1]  # no side shared: two matches
    assert games[1][1] & games[3][1]  # Lindau in both: the same match's story
    assert "Alpine" not in games[1][1] and "Cup" not in games[1][1]  # the competition is no side


MALL_SHOOTING = [
    (
        "Reuters",
        "Gunman opened fire at a Lindau shopping mall on Saturday, police said",
        "Police named the gunman who opened fire at a shopping mall in Lindau on Saturday as a local man of 33. "
        "The shooting at the Lindau mall is the deadliest in the region for a decade, police said.",
    ),
    (
        "BBC News",
        "Shooting at Lindau mall kills nine",
        "Seven people were killed when a gunman opened fire at a shopping mall in Lindau on Saturday, police said. "
        "The gunman was shot dead by an officer who was nearby on another call.",
    ),
    (
        "CNN",
        "Seven killed in Lindau mall shooting, police say",
        "A gunman opened fire at a shopping mall in Lindau on Saturday and seven people were killed, police said. "
        "Officers shot the gunman dead at the mall.",
    ),
]


def test_a_headline_whose_toll_the_sentences_contradict_gives_way_to_one_that_agrees(tmp_path: Path) -> None:
    from briefings.text.tolls import confirms, contradicts, stated, tolls

    assert tolls("Shooting at Lindau mall kills nine") == {"killed": {9}}
    assert tolls("Sixteen dead as a man was killed in the crash") == {"killed": {16}}  # "a" counts no one
    assert tolls("three people were lightly wounded, and at least 12 killed") == {"injured": {3}, "killed": {None}}
    assert contradicts("Mall shooting kills nine", stated(["Seven people were killed."]))
    assert not contradicts(
        "Mall shooting kills nine", stated(["At least seven people were killed."])
    )  # a bound: a rising toll
    assert not contradicts("Mall shooting kills nine", stated(["Nine people were killed.", "Seven died inside."]))
    assert confirms("Seven dead after mall shooting", stated(["Seven people were killed."]))
    assert not confirms("Gunman named after mall shooting", stated(["Seven people were killed."]))
    with open_store(tmp_path / "t.db") as store:
        ingest(store, write_jsonl(tmp_path / "m.jsonl", story_records("2022-07-22", MALL_SHOOTING)))
        until = datetime(2022, 7, 23, tzinfo=UTC)
        briefing = build_briefing(store, BriefingSpec(until=until), now=until, dry_run=True)
    (item,) = briefing.items
    assert "nine" not in item.headline and "Seven" in item.headline
