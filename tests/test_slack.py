"""Scheduled briefings to a local fake Slack Web API: rate limits, limits, escaping, exactly once."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from bot.config import ChannelConfig, Config
from bot.render import slack as render
from bot.schedule import SlotRunner
from bot.service import ThreadStores
from bot.slack_sender import SlackSender
from briefings.ingest.pipeline import Ingestor
from briefings.store.database import open_store
from tests.conftest import SEED_ARTICLE, send_json


class FakeSlack:
    """chat.postMessage and conversations.history on 127.0.0.1; the first post can be answered 429."""

    def __init__(self, rate_limit_first: bool = True) -> None:
        self.posts: list[dict] = []
        self.calls: list[str] = []
        self.rate_limit_first = rate_limit_first
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    body = json.loads(raw)
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                fake.calls.append(method)
                if method == "chat.postMessage":
                    if fake.rate_limit_first:
                        fake.rate_limit_first = False
                        self.reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
                        return
                    if isinstance(body.get("metadata"), str):
                        body["metadata"] = json.loads(body["metadata"])
                    if isinstance(body.get("blocks"), str):
                        body["blocks"] = json.loads(body["blocks"])
                    body["ts"] = f"1700000000.{len(fake.posts):06d}"
                    fake.posts.append(body)
                    self.reply(200, {"ok": True, "channel": body["channel"], "ts": body["ts"]})
                elif method == "conversations.history":
                    messages = [{"ts": p["ts"], "metadata": p.get("metadata")} for p in reversed(fake.posts)]
                    self.reply(200, {"ok": True, "messages": messages})
                else:
                    self.reply(200, {"ok": False, "error": "unknown_method"})

            def reply(self, status: int, body: dict, headers: dict | None = None) -> None:
                send_json(self, body, status, headers)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_slack():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "b.db"
    with open_store(path) as store:
        Ingestor(store, workers=0).ingest([str(SEED_ARTICLE)])
        # An article full of mention and markup tricks, in the same window.
        store.conn.execute(
            "UPDATE articles SET body = body || ? WHERE id = 1",
            ("\nResidents said <!channel> and <@U123> were warned & <https://evil.example|click here> was shared.",),
        )
    return path


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
