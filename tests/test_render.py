"""Slack and Discord renderers: every reply and briefing fits every platform limit; untrusted text stays inert."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import discord as dc
from bot.render import slack as sl
from bot.replies import Block, Image, Reply
from briefings.models import Briefing, BriefingItem, Citation, CitedSentence

NASTY = "@everyone <@&123> <!channel> [click](https://evil.example) **bold** & <b> `code` _x_ ~y~ | > # é 日本 😀"

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) | st.sampled_from(
    [NASTY, "x" * 5000, "😀" * 3000, "&" * 4000, "a\nb\n" * 800]
)
_url = st.sampled_from([None, "https://news.example/a?b=1", "javascript:alert(1)", "https://x.example/a|b>c"])


@st.composite
def citations(draw) -> Citation:
    return Citation(
        draw(st.integers(1, 10**6)), draw(_text), draw(_url), draw(st.none() | _text), "2024-01-15T08:00:00Z"
    )


@st.composite
def replies(draw) -> Reply:
    blocks = draw(st.lists(st.builds(Block, _text, st.none() | _text), max_size=60))
    image = draw(st.none() | st.just(Image("timeline.png", b"\x89PNG", "chart")))
    return Reply(draw(_text), tuple(blocks), tuple(draw(st.lists(citations(), max_size=80))), image)


@st.composite
def briefings(draw) -> Briefing:
    items = []
    for _ in range(draw(st.integers(0, 30))):
        cite = draw(citations())
        sentences = tuple(CitedSentence(draw(_text), cite, 0, 1) for _ in range(draw(st.integers(0, 5))))
        items.append(
            BriefingItem(
                story_id=1, headline=draw(_text), headline_citation=cite, update=draw(st.booleans()),
                sources=draw(st.integers(1, 40)), outlets=(), articles=(1,), actors=tuple(draw(st.lists(_text, max_size=8))),
                sentences=sentences, first_seen="2024-01-15", score=1.0,
            )
        )  # fmt: skip
    notes = tuple(draw(st.lists(_text, max_size=5)))
    return Briefing("ops", "2024-01-14T00:00:00Z", "2024-01-15T00:00:00Z", tuple(items), notes, "", False)


def check_slack(messages: list[dict]) -> None:
    assert messages
    for message in messages:
        blocks = message["blocks"]
        assert 0 < len(blocks) <= sl.MAX_BLOCKS
        assert len(message["text"]) <= sl.MAX_FALLBACK
        total = 0
        for block in blocks:
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= sl.MAX_HEADER
                total += len(block["text"]["text"])
            elif block["type"] == "section":
                assert 0 < len(block["text"]["text"]) <= sl.MAX_SECTION
                total += len(block["text"]["text"])
            elif block["type"] == "context":
                assert all(0 < len(e["text"]) <= sl.MAX_SECTION for e in block["elements"])
                total += sum(len(e["text"]) for e in block["elements"])
        assert total <= sl.MAX_MESSAGE + sl.MAX_SECTION  # one block may start a message that the next would overflow
        json.dumps(message)  # serialisable, no lone surrogates


def check_discord(messages: list[dict]) -> None:
    assert messages
    for message in messages:
        assert len(message["content"]) <= dc.CONTENT
        embeds = message["embeds"]
        assert len(embeds) <= dc.EMBEDS
        assert sum(dc._embed_size(e) for e in embeds) <= dc.TOTAL
        for embed in embeds:
            assert len(embed.get("title", "")) <= dc.TITLE
            assert len(embed.get("description", "")) <= dc.DESCRIPTION
            assert len(embed.get("footer", {}).get("text", "")) <= dc.FOOTER
            fields = embed.get("fields", [])
            assert len(fields) <= dc.FIELDS
            assert all(len(f["name"]) <= dc.FIELD_NAME and len(f["value"]) <= dc.FIELD_VALUE for f in fields)
        json.dumps(message)


@settings(max_examples=60, deadline=None)
@given(replies())
def test_every_reply_renders_within_every_limit(reply: Reply) -> None:
    check_slack(sl.render_reply(reply))
    check_discord(dc.render_reply(reply))


@settings(max_examples=60, deadline=None)
@given(briefings())
def test_every_briefing_renders_within_every_limit(briefing: Briefing) -> None:
    check_slack(sl.render_briefing(briefing))
    check_discord(dc.render_briefing(briefing))


def test_untrusted_text_is_inert_on_slack() -> None:
    cite = Citation(1, "A <b>title</b> & more", "https://news.example/a", "BBC", "2024-01-15T08:00:00Z")
    reply = Reply(NASTY, (Block(NASTY, heading="<!here>"),), (cite,))
    text = json.dumps(sl.render_reply(reply), ensure_ascii=False)
    for live in ("<!channel>", "<@&123>", "<!here>", "<b>"):
        assert live not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert "<https://news.example/a|A &lt;b&gt;title&lt;/b&gt; &amp; more>" in text  # our own link stays a link
    bad = Citation(2, "x", "javascript:alert(1)", None, "2024-01-15")
    assert "javascript" not in sl.link(bad, "x")


def test_untrusted_text_is_inert_on_discord() -> None:
    rendered = dc.escape(NASTY)
    assert "@everyone" not in rendered and "<@&123>" not in rendered
    assert "\\[click\\]\\(https://evil.example\\)" in rendered  # no live markdown link
    assert "\\*\\*bold\\*\\*" in rendered
    cite = Citation(1, "Title [x](https://evil.example)", "https://news.example/a", "BBC", "2024-01-15")
    assert dc.link(cite, cite.title) == "[Title \\[x\\]\\(https://evil.example\\)](https://news.example/a)"


def test_long_replies_split_into_several_messages() -> None:
    reply = Reply("Events", tuple(Block("x" * 2500) for _ in range(40)))
    assert len(sl.render_reply(reply)) > 1
    assert len(dc.render_reply(reply)) > 1


def test_sentences_show_their_outlet_and_speaker_on_every_platform() -> None:
    cite = Citation(7, "Statement", "https://en.kremlin.ru/events/1", "en.kremlin.ru", "2022-02-24T08:00:00Z")
    sentence = CitedSentence("They are acting as terrorists act.", cite, 0, 34, speaker="en.kremlin.ru")
    item = BriefingItem(
        story_id=1, headline="Statement", headline_citation=cite, update=False, sources=1, outlets=("en.kremlin.ru",),
        articles=(7,), actors=(), sentences=(sentence,), first_seen="2022-02-24", score=1.0,
    )  # fmt: skip
    briefing = Briefing("ops", "2022-02-24T00:00:00Z", "2022-02-25T00:00:00Z", (item,), (), "", False)
    slack = json.dumps(sl.render_briefing(briefing))
    assert "en.kremlin.ru: They are acting" in slack and "|en.kremlin.ru>" in slack and "[source]" not in slack
    discord = json.dumps(dc.render_briefing(briefing))
    assert "en.kremlin.ru: They are acting" in discord and "[en.kremlin.ru](https://en.kremlin.ru/events/1)" in discord
