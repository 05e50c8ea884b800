"""Scheduled briefings to a local fake Slack Web API: rate limits, limits, escaping, exactly once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import ChannelConfig, Config
from bot.render import slack as render
from bot.schedule import SlotRunner
from bot.slack_sender import SlackSender
from briefings.store import ThreadStores, open_store
from tests.conftest import FakeServer, Request, Response


class FakeSlack:
    """chat.postMessage and conversations.history on the fake server; the first post can be answered 429."""

    def __init__(self, server: FakeServer, rate_limit_first: bool = True) -> None:
        self.posts: list[dict] = []
        self.rate_limit_first = rate_limit_first
        self.server = server
        server.routes["/api/chat.postMessage"] = self.post_message
        server.routes["/api/conversations.history"] = self.history
        self.url = server.url("/api/")

    @property
    def calls(self) -> list[str]:
        return [path.rsplit("/", 1)[-1] for path in self.server.paths()]

    def post_message(self, request: Request) -> Response | dict:
        if self.rate_limit_first:
            self.rate_limit_first = False
            return Response.json({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": "1"})
        body = request.data()
        body["ts"] = f"1700000000.{len(self.posts):06d}"
        self.posts.append(body)
        return {"ok": True, "channel": body["channel"], "ts": body["ts"]}

    def history(self, request: Request) -> dict:
        messages = [{"ts": p["ts"], "metadata": p.get("metadata")} for p in reversed(self.posts)]
        return {"ok": True, "messages": messages}


@pytest.fixture
def fake_slack(server: FakeServer) -> FakeSlack:
    return FakeSlack(server)


@pytest.fixture
def seeded(seed_article_db: Path) -> Path:
    with open_store(seed_article_db) as store:
        # An article full of mention and markup tricks, in the same window.
        store.conn.execute(
            "UPDATE articles SET body = body || ? WHERE id = 1",
            ("\nResidents said <!channel> and <@U123> were warned & <https://evil.example|click here> was shared.",),
        )
    return seed_article_db


CHANNEL = ChannelConfig(name="ops", platform="slack", channel_id="C0123ABCD", schedule="0 8 * * *", window="520w")


def test_a_scheduled_briefing_arrives_once_within_limits_and_escaped(seeded: Path, fake_slack: FakeSlack) -> None:
    sender = SlackSender.from_token("xoxb-test-token", base_url=fake_slack.url)
    sender.pace = 0.01
    stores = ThreadStores(str(seeded))
    runner = SlotRunner(Config(path="t.toml", channels=(CHANNEL,)), stores, {"slack": sender})
    results = runner.tick(datetime(2024, 1, 16, 8, 0, 5, tzinfo=UTC))
    assert [r.status for r in results] == ["sent"], results
    assert fake_slack.calls.count("chat.postMessage") == 2  # the 429 was retried once
    assert len(fake_slack.posts) == 1
    post = fake_slack.posts[0]
    assert post["channel"] == "C0123ABCD"
    assert post["metadata"]["event_payload"]["slot"] == "2024-01-16T08:00"
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert "Escalation in Ukraine" in text
    assert len(post["blocks"]) <= render.MAX_BLOCKS
    for live in ("<!channel>", "<@U123>", "<https://evil.example"):
        assert live not in text
    assert runner.tick(datetime(2024, 1, 16, 8, 1, tzinfo=UTC)) == []
    assert len(fake_slack.posts) == 1
    stores.close()


def test_a_retry_after_a_crash_finds_the_post_by_its_metadata(seeded: Path, fake_slack: FakeSlack) -> None:
    class CrashAfterPost(SlackSender):
        def send(self, channel, briefing, slot_key):
            super().send(channel, briefing, slot_key)
            raise SystemExit("killed between send and confirm")

    fake_slack.rate_limit_first = False
    crashing = CrashAfterPost(SlackSender.from_token("xoxb-t", base_url=fake_slack.url).client, pace=0)
    stores = ThreadStores(str(seeded))
    config = Config(path="t.toml", channels=(CHANNEL,))
    with pytest.raises(SystemExit):
        SlotRunner(config, stores, {"slack": crashing}).tick(datetime(2024, 1, 16, 8, 0, 5, tzinfo=UTC))
    restarted = SlotRunner(config, stores, {"slack": SlackSender(crashing.client, pace=0)})
    results = restarted.tick(datetime(2024, 1, 16, 8, 2, tzinfo=UTC))
    assert [(r.status, r.message_id) for r in results] == [("sent", "slack:C0123ABCD:1700000000.000000")]
    assert len(fake_slack.posts) == 1
    stores.close()
