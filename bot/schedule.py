"""When scheduled briefings post: each channel's slots, posted exactly once.

A channel's slots are the fire times of its cron schedule in its time zone, keyed by the channel-local wall time
(``2026-10-25T02:30``): on the DST fall-back day APScheduler fires 02:30 twice, and both map to one key.
The slot rows (``briefings.store.slots``) are the truth; this module is the policy:

    claim (one process wins) → build → "sending" → send → confirm ("sent", message id, and the channel's sent
    stories, in one transaction)

A slot left in "sending" by a process that is gone is confirmed if the platform shows the post
(``Sender.find``), resent if the platform can tell it is missing, and otherwise marked "unknown" rather than risk
a second post; a slot another live process is sending is left alone. On start, the latest slot missed by less
than the channel's grace window is posted once; older missed slots are recorded as "missed" and reported in the
next briefing's notes. A failed send is retried with backoff, per channel.

``SlotRunner.tick(now)`` does all of this for a given time, synchronously, so tests pass a fake clock.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.config import ChannelConfig, Config
from bot.logs import SecretFilter
from bot.senders import Sender
from briefings.briefing.build import build_briefing
from briefings.briefing.select import SharedWork
from briefings.briefing.spec import BriefingSpec
from briefings.models import Briefing
from briefings.store import Store
from briefings.store.slots import Slot

log = logging.getLogger("briefbot.schedule")

MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(minutes=1)
"""The first retry of a failed send waits this long; each next one twice as long."""
SEND_LEASE = timedelta(minutes=15)
"""A slot another host has been sending for this long is taken to be interrupted (sends take seconds)."""
LOOKBACK_LIMIT = 10_000
"""Most slots examined per channel and tick (a per-minute schedule after a year of downtime)."""
HOST = socket.gethostname()

_sending: set[tuple[str, str]] = set()
"""(channel, slot key) being sent by a runner of this process right now."""
_sending_lock = threading.Lock()


def slot_key(moment: datetime, timezone: str) -> str:
    """The channel-local wall time of a scheduled moment, to the minute."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def fire_times(channel: ChannelConfig, after: datetime, until: datetime) -> list[tuple[str, datetime]]:
    """(slot key, UTC time) of every scheduled time in (after, until], one per key, oldest first."""
    trigger = CronTrigger.from_crontab(channel.schedule, timezone=ZoneInfo(channel.timezone))
    out: dict[str, datetime] = {}
    moment = trigger.get_next_fire_time(None, after.astimezone(UTC) + timedelta(seconds=1))
    for _ in range(LOOKBACK_LIMIT):
        if moment is None or moment.astimezone(UTC) > until:
            break
        key = slot_key(moment, channel.timezone)
        out.setdefault(key, moment.astimezone(UTC))
        moment = _next_after(trigger, moment)
    return sorted(out.items(), key=lambda kv: kv[1])


def _next_after(trigger: CronTrigger, moment: datetime) -> datetime | None:
    """The first fire time strictly after ``moment``. Around a DST fall-back APScheduler 3.11 can answer a
    time that is not later (the repeated wall-clock hour), so look further ahead until it moves on."""
    # Compare instants in UTC: aware datetimes sharing one tzinfo compare by wall time, folds ignored.
    instant = moment.astimezone(UTC)
    step = timedelta(seconds=1)
    for _ in range(24):
        following = trigger.get_next_fire_time(moment, instant + step)
        if following is None or following.astimezone(UTC) > instant:
            return following
        step *= 2
    return None


def latest_slot(channel: ChannelConfig, now: datetime) -> tuple[str, datetime] | None:
    """The channel's most recent scheduled time at or before ``now`` (within 400 days)."""
    span = timedelta(hours=1)
    while span <= timedelta(days=400):
        slots = fire_times(channel, now - span, now)
        if slots:
            return slots[-1]
        span *= 2
    return None


def _alive(owner: str | None, started: datetime | None, now: datetime) -> bool:
    """Whether the owner of a "sending" slot may still be sending it: a process of this host that is still
    running, or another host within ``SEND_LEASE``."""
    host, _, rest = (owner or "").partition(":")
    pid_text = rest.partition(":")[0]
    if host == HOST and pid_text.isdecimal():
        pid = int(pid_text)
        if pid == os.getpid():
            return False  # this process: the runner that owned it is not sending it (see ``_sending``)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return started is not None and now - started < SEND_LEASE


@dataclass
class SlotResult:
    channel: str
    slot_key: str
    status: str
    message_id: str | None = None
    error: str | None = None


class SlotRunner:
    """Claims, builds, sends and confirms the due briefing slots of every configured channel."""

    def __init__(
        self,
        config: Config,
        store: Callable[[], Store],
        senders: dict[str, Sender],
        *,
        owner: str | None = None,
    ) -> None:
        self.config = config
        self.store = store
        """Returns the calling thread's store connection."""
        self.senders = senders
        self.owner = owner or f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._shared: SharedWork | None = None
        """Work shared by the briefings of the tick under way (None outside a tick)."""
        self.redact = SecretFilter(config.secrets.values()).redact
        """Takes secrets and token-shaped text out of an error before it is stored or shown (an API error may
        echo the request's Authorization header)."""

    # --- the tick -------------------------------------------------------------------------------------

    def tick(self, now: datetime) -> list[SlotResult]:
        """Handle every channel's due slots at ``now``; one channel's failure never stops another. The channels
        due together share the work their briefings have in common (a window read once for the same filters, a
        story's item made once from the same articles)."""
        results = []
        self._shared = SharedWork()
        try:
            for channel in self.config.channels:
                if channel.platform not in self.senders:
                    continue
                try:
                    results.extend(self.run_channel(channel, now))
                except Exception as exc:
                    log.exception("channel %s: slot handling failed", channel.name)
                    results.append(SlotResult(channel.name, "", "failed", error=self.redact(str(exc))))
        finally:
            self._shared = None
        return results

    def run_channel(self, channel: ChannelConfig, now: datetime) -> list[SlotResult]:
        store = self.store()
        results = [r for r in (self._recover(channel, store, now), self._retry(channel, store, now)) if r]
        last = store.slots.latest_scheduled(channel.name)
        grace = timedelta(minutes=channel.grace_minutes)
        due = fire_times(channel, last or now - grace - timedelta(minutes=1), now)
        if not due:
            return results
        *older, (key, moment) = due
        for old_key, old_moment in older if last else ():  # on a first start nothing was missed
            store.slots.mark_missed(channel.name, old_key, old_moment)
        if now - moment > grace:
            store.slots.mark_missed(channel.name, key, moment)
            results.append(SlotResult(channel.name, key, "missed"))
            return results
        result = self.post(channel, key, moment, now)
        if result is not None:
            results.append(result)
        return results

    def outlook(self, channel: ChannelConfig, now: datetime) -> str:
        """What the channel will post next, said once at start-up: a second demo run in the same slot posts
        nothing, and without this line nothing says why."""
        grace = timedelta(minutes=channel.grace_minutes)
        coming = fire_times(channel, now, now + timedelta(days=400))
        upcoming = f"next briefing at {coming[0][0]} ({channel.timezone})" if coming else "no briefing within 400 days"
        latest = latest_slot(channel, now)
        if latest is None or now - latest[1] > grace:
            return upcoming
        key, _ = latest
        slot = self.store().slots.get(channel.name, key)
        if slot is None:
            return f"the {key} briefing is due now; {upcoming}"
        state = {"sent": "was sent already", "missed": "was missed"}.get(slot.status, f"is {slot.status}")
        return f"the {key} briefing {state}; {upcoming}"

    # --- one slot -------------------------------------------------------------------------------------

    def preview(self, channel: ChannelConfig, moment: datetime, now: datetime) -> Briefing:
        """The briefing a slot would post, built without claiming, sending or recording anything."""
        return self._build(self.store(), channel, moment, now)

    def post(self, channel: ChannelConfig, key: str, moment: datetime, now: datetime) -> SlotResult | None:
        """Claim, build, send and confirm one slot. Returns None when another process owns the slot."""
        store = self.store()
        if not store.slots.claim(channel.name, key, moment, self.owner, now):
            return None
        return self._send(store, channel, key, moment, now)

    def _build(self, store: Store, channel: ChannelConfig, moment: datetime, now: datetime) -> Briefing:
        spec = BriefingSpec(
            until=moment,
            since=moment - channel.window_delta if channel.window_delta else None,
            channel=channel.name,
            actors=channel.actors,
            keywords=channel.keywords,
            types=channel.event_types,
            sources=channel.sources,
            max_items=channel.max_items,
            sentences=channel.sentences,
            notes=self._missed_notes(store, channel),
        )
        return build_briefing(store, spec, now=now, dry_run=True, shared=self._shared)

    def _send(self, store: Store, channel: ChannelConfig, key: str, moment: datetime, now: datetime) -> SlotResult:
        try:
            briefing = replace(self._build(store, channel, moment, now), dry_run=False)
        except Exception as exc:
            store.slots.fail(channel.name, key, now, self.redact(f"building the briefing failed: {exc}"))
            raise
        with _sending_lock:
            _sending.add((channel.name, key))
        try:
            store.slots.start_sending(channel.name, key, self.owner, now)
            sender = self.senders[channel.platform]
            try:
                message_id = sender.send(channel, briefing, key)
            except Exception as exc:
                error = self.redact(f"{type(exc).__name__}: {exc}")
                log.warning("channel %s slot %s: send failed: %s", channel.name, key, error)
                store.slots.fail(channel.name, key, now, error)
                return SlotResult(channel.name, key, "failed", error=error)
            self._confirm(store, channel, key, briefing, message_id, now)
        finally:
            with _sending_lock:
                _sending.discard((channel.name, key))
        log.info("channel %s slot %s: posted %d items", channel.name, key, len(briefing.items))
        return SlotResult(channel.name, key, "sent", message_id=message_id)

    def _confirm(
        self, store: Store, channel: ChannelConfig, key: str, briefing: Briefing, message_id: str, now: datetime
    ) -> None:
        with store.write():
            store.stories.record(briefing, now)
            store.slots.confirm(channel.name, key, message_id, now)

    def _missed_notes(self, store: Store, channel: ChannelConfig) -> tuple[str, ...]:
        keys = [k.replace("T", " ") for k in store.slots.unreported_missed(channel.name)]
        if not keys:
            return ()
        span = keys[0] if len(keys) == 1 else f"{keys[0]} to {keys[-1]}"
        count = f"{len(keys)} scheduled briefing{'s' if len(keys) > 1 else ''}"
        return (f"Missed {count} while Briefbot was not running ({span} {channel.timezone}).",)

    # --- recovery and retries -------------------------------------------------------------------------

    def _recover(self, channel: ChannelConfig, store: Store, now: datetime) -> SlotResult | None:
        """A slot left in "sending" by a process that is gone (a crash between send and confirm)."""
        slot = store.slots.sending(channel.name)
        if slot is None:
            return None
        with _sending_lock:
            in_flight = (slot.channel, slot.key) in _sending
        if in_flight or _alive(slot.owner, slot.claimed_at, now):
            return None  # being sent right now, by this process or another
        sender = self.senders[channel.platform]
        found = sender.find(channel, slot.key)
        if found is not None:
            briefing = self._build(store, channel, slot.scheduled_at, now)
            self._confirm(store, channel, slot.key, briefing, found, now)
            return SlotResult(channel.name, slot.key, "sent", message_id=found)
        if not sender.verifiable:
            store.slots.mark_unknown(
                channel.name,
                slot.key,
                "interrupted while sending; the platform cannot confirm it, so it is not sent again",
            )
            return SlotResult(channel.name, slot.key, "unknown")
        return self._send(store, channel, slot.key, slot.scheduled_at, now)

    def _retry(self, channel: ChannelConfig, store: Store, now: datetime) -> SlotResult | None:
        slot: Slot | None = store.slots.retryable(channel.name, MAX_ATTEMPTS)
        if slot is None or slot.claimed_at is None:
            return None
        if now < slot.claimed_at + RETRY_BASE * (2 ** max(0, slot.attempts - 1)):
            return None
        if not store.slots.reclaim(slot, self.owner):
            return None  # another process took the retry
        return self._send(store, channel, slot.key, slot.scheduled_at, now)

    def release(self) -> int:
        """Give back slots this process claimed but has not started sending (on shutdown)."""
        return self.store().slots.release(self.owner)
