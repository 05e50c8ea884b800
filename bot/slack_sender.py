"""Scheduled briefings to Slack with ``chat.postMessage``: rate limits retried, posts paced per channel, and the
slot key carried in message metadata so a retry can see whether the briefing is already in the channel."""

from __future__ import annotations

import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.config import ChannelConfig
from bot.render.slack import render_briefing
from briefings.models import Briefing

EVENT_TYPE = "briefbot_briefing"
PACE_SECONDS = 1.1
"""Slack allows about one message per second per channel."""


class SlackSender:
    verifiable = True

    def __init__(self, client: WebClient, *, pace: float = PACE_SECONDS) -> None:
        self.client = client
        self.pace = pace
        self.last_post: dict[str, float] = {}
        self.lock = threading.Lock()

    @classmethod
    def from_token(cls, token: str, *, base_url: str | None = None) -> SlackSender:
        client = WebClient(
            token=token,
            base_url=base_url or "https://slack.com/api/",
            retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=3)],
        )
        return cls(client)

    def _wait_turn(self, channel_id: str) -> None:
        with self.lock:
            gap = time.monotonic() - self.last_post.get(channel_id, 0.0)
            if gap < self.pace:
                time.sleep(self.pace - gap)
            self.last_post[channel_id] = time.monotonic()

    def send(self, channel: ChannelConfig, briefing: Briefing, slot_key: str) -> str:
        first_ts = None
        for part, message in enumerate(render_briefing(briefing)):
            self._wait_turn(channel.channel_id)
            payload = {
                "event_type": EVENT_TYPE,
                "event_payload": {"channel": channel.name, "slot": slot_key, "part": part},
            }
            response = self.client.chat_postMessage(
                channel=channel.channel_id,
                text=message["text"],
                blocks=message["blocks"],
                metadata=payload,
                unfurl_links=False,
                unfurl_media=False,
                thread_ts=first_ts if channel.thread and first_ts else None,
            )
            first_ts = first_ts or response["ts"]
        return f"slack:{channel.channel_id}:{first_ts}"

    def find(self, channel: ChannelConfig, slot_key: str) -> str | None:
        try:
            response = self.client.conversations_history(
                channel=channel.channel_id, limit=100, include_all_metadata=True
            )
        except SlackApiError:
            return None
        messages: list[dict] = response.get("messages", [])
        for message in messages:
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if (
                meta.get("event_type") == EVENT_TYPE
                and payload.get("slot") == slot_key
                and payload.get("channel") == channel.name
            ):
                return f"slack:{channel.channel_id}:{message.get('ts')}"
        return None
