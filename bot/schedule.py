"""Scheduled briefings that post exactly once per slot, and feed polling with backoff.

A channel's slots are the fire times of its cron schedule in its time zone, keyed by the channel-local wall time
(``2026-10-25T02:30``): on the DST fall-back day APScheduler fires 02:30 twice, and both map to one key.
The ``briefing_slots`` table is the truth:

    claim (INSERT, unique per channel and key: one process wins) → build → status "sending" → send
          → confirm (status "sent", message id, and the channel's sent stories, in one transaction)

A slot left in "sending" by a crash is confirmed if the platform shows the post (``Sender.find``), resent if the
platform can tell it is missing, and otherwise marked "unknown" rather than risk a second post. On start, the
latest slot missed by less than the channel's grace window is posted once; older missed slots are recorded as
"missed" and reported in the next briefing's notes. A failed send is retried with backoff, per channel.

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

from bot.config import ChannelConfig, Config, SourceConfig
from bot.senders import Sender
from briefings.briefing.build import BriefingSpec, build_briefing, commit_briefing_in
from briefings.ingest.fetch import FetchPolicy
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor, expand, file_validators
from briefings.store.database import Store
from briefings.text.dates import iso, parse_date

log = logging.getLogger("briefbot.schedule")

MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(minutes=1)
LOOKBACK_LIMIT = 10_000
"""Most slots examined per channel and tick (a per-minute schedule after a year of downtime)."""


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
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.started = datetime.now(UTC)

    # --- the tick -------------------------------------------------------------------------------------

    def tick(self, now: datetime) -> list[SlotResult]:
        """Handle every channel's due slots at ``now``; one channel's failure never stops another."""
        results = []
        for channel in self.config.channels:
            if channel.platform not in self.senders:
                continue
            try:
                results.extend(self.run_channel(channel, now))
            except Exception as exc:
                log.exception("channel %s: slot handling failed", channel.name)
                results.append(SlotResult(channel.name, "", "failed", error=str(exc)))
        return results

    def run_channel(self, channel: ChannelConfig, now: datetime) -> list[SlotResult]:
        store = self.store()
        results = [r for r in (self._recover(channel, store, now), self._retry(channel, store, now)) if r]
        last = store.conn.execute(
            "SELECT max(scheduled_at) FROM briefing_slots WHERE channel = ?", (channel.name,)
        ).fetchone()[0]
        grace = timedelta(minutes=channel.grace_minutes)
        after = parse_date(last) if last else now - grace - timedelta(minutes=1)
        due = fire_times(channel, after, now)
        if not due:
            return results
        *older, (key, moment) = due
        for old_key, old_moment in older if last else ():  # on a first start nothing was missed
            self._mark_missed(store, channel, old_key, old_moment)
        if now - moment > grace:
            self._mark_missed(store, channel, key, moment)
            results.append(SlotResult(channel.name, key, "missed"))
            return results
        result = self.post(channel, key, moment, now)
        if result is not None:
            results.append(result)
        return results

    # --- one slot -------------------------------------------------------------------------------------

    def post(self, channel: ChannelConfig, key: str, moment: datetime, now: datetime, *, dry_run: bool = False):
        """Claim, build, send and confirm one slot. Returns None when another process owns the slot."""
        store = self.store()
        if dry_run:
            briefing = self._build(store, channel, moment, now)
            return SlotResult(channel.name, key, "dry-run"), briefing
        if not self._claim(store, channel, key, moment, now):
            return None
        return self._send(store, channel, key, moment, now)

    def _claim(self, store: Store, channel: ChannelConfig, key: str, moment: datetime, now: datetime) -> bool:
        with store.write():
            cursor = store.conn.execute(
                "INSERT INTO briefing_slots (channel, slot_key, scheduled_at, status, owner, claimed_at)"
                " VALUES (?, ?, ?, 'claimed', ?, ?) ON CONFLICT(channel, slot_key) DO NOTHING",
                (channel.name, key, iso(moment), self.owner, iso(now)),
            )
        return cursor.rowcount == 1

    def _build(self, store: Store, channel: ChannelConfig, moment: datetime, now: datetime):
        notes = self._missed_notes(store, channel)
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
            notes=notes,
        )
        return build_briefing(store, spec, now=now, dry_run=True)

    def _send(self, store: Store, channel: ChannelConfig, key: str, moment: datetime, now: datetime) -> SlotResult:
        try:
            briefing = replace(self._build(store, channel, moment, now), dry_run=False)
        except Exception as exc:
            self._fail(store, channel, key, now, f"building the briefing failed: {exc}")
            raise
        with store.write():
            store.conn.execute(
                "UPDATE briefing_slots SET status = 'sending', attempts = attempts + 1, owner = ?"
                " WHERE channel = ? AND slot_key = ?",
                (self.owner, channel.name, key),
            )
        sender = self.senders[channel.platform]
        try:
            message_id = sender.send(channel, briefing, key)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("channel %s slot %s: send failed: %s", channel.name, key, error)
            self._fail(store, channel, key, now, error)
            return SlotResult(channel.name, key, "failed", error=error)
        self._confirm(store, channel, key, briefing, message_id, now)
        log.info("channel %s slot %s: posted %d items", channel.name, key, len(briefing.items))
        return SlotResult(channel.name, key, "sent", message_id=message_id)

    def _confirm(self, store: Store, channel: ChannelConfig, key: str, briefing, message_id: str, now: datetime):
        with store.write():
            commit_briefing_in(store.conn, briefing, now)
            store.conn.execute(
                "UPDATE briefing_slots SET status = 'sent', message_id = ?, sent_at = ?, error = NULL"
                " WHERE channel = ? AND slot_key = ?",
                (message_id, iso(now), channel.name, key),
            )
            store.conn.execute(
                "UPDATE briefing_slots SET reported = 1 WHERE channel = ? AND status = 'missed'", (channel.name,)
            )

    def _fail(self, store: Store, channel: ChannelConfig, key: str, now: datetime, error: str) -> None:
        with store.write():
            store.conn.execute(
                "UPDATE briefing_slots SET status = 'failed', error = ?, claimed_at = ?"
                " WHERE channel = ? AND slot_key = ?",
                (error[:500], iso(now), channel.name, key),
            )

    def _mark_missed(self, store: Store, channel: ChannelConfig, key: str, moment: datetime) -> None:
        with store.write():
            store.conn.execute(
                "INSERT INTO briefing_slots (channel, slot_key, scheduled_at, status) VALUES (?, ?, ?, 'missed')"
                " ON CONFLICT(channel, slot_key) DO NOTHING",
                (channel.name, key, iso(moment)),
            )

    def _missed_notes(self, store: Store, channel: ChannelConfig) -> tuple[str, ...]:
        rows = store.conn.execute(
            "SELECT slot_key FROM briefing_slots WHERE channel = ? AND status = 'missed' AND reported = 0"
            " ORDER BY scheduled_at",
            (channel.name,),
        ).fetchall()
        if not rows:
            return ()
        keys = [r[0].replace("T", " ") for r in rows]
        span = keys[0] if len(keys) == 1 else f"{keys[0]} to {keys[-1]}"
        count = f"{len(keys)} scheduled briefing{'s' if len(keys) > 1 else ''}"
        return (f"Missed {count} while Briefbot was not running ({span} {channel.timezone}).",)

    # --- recovery and retries -------------------------------------------------------------------------

    def _recover(self, channel: ChannelConfig, store: Store, now: datetime) -> SlotResult | None:
        """A slot some process left in "sending" (a crash between send and confirm)."""
        row = store.conn.execute(
            "SELECT slot_key, scheduled_at, owner FROM briefing_slots WHERE channel = ? AND status = 'sending'"
            " ORDER BY scheduled_at LIMIT 1",
            (channel.name,),
        ).fetchone()
        if row is None or row[2] == self.owner:
            return None  # none, or a send of this very process
        key, scheduled = row[0], parse_date(row[1])
        sender = self.senders[channel.platform]
        found = sender.find(channel, key)
        if found is not None:
            briefing = self._build(store, channel, scheduled, now)
            self._confirm(store, channel, key, briefing, found, now)
            return SlotResult(channel.name, key, "sent", message_id=found)
        if not sender.verifiable:
            with store.write():
                store.conn.execute(
                    "UPDATE briefing_slots SET status = 'unknown', error = ? WHERE channel = ? AND slot_key = ?",
                    (
                        "interrupted while sending; the platform cannot confirm it, so it is not sent again",
                        channel.name,
                        key,
                    ),
                )
            return SlotResult(channel.name, key, "unknown")
        return self._send(store, channel, key, scheduled, now)

    def _retry(self, channel: ChannelConfig, store: Store, now: datetime) -> SlotResult | None:
        row = store.conn.execute(
            "SELECT slot_key, scheduled_at, attempts, claimed_at FROM briefing_slots"
            " WHERE channel = ? AND status = 'failed' AND attempts < ? ORDER BY scheduled_at DESC LIMIT 1",
            (channel.name, MAX_ATTEMPTS),
        ).fetchone()
        if row is None:
            return None
        key, scheduled, attempts, failed_at = row[0], parse_date(row[1]), row[2], parse_date(row[3])
        if now < failed_at + RETRY_BASE * (2 ** max(0, attempts - 1)):
            return None
        with store.write():
            cursor = store.conn.execute(
                "UPDATE briefing_slots SET status = 'claimed', owner = ? WHERE channel = ? AND slot_key = ?"
                " AND status = 'failed' AND attempts = ?",
                (self.owner, channel.name, key, attempts),
            )
        if cursor.rowcount != 1:
            return None  # another process took the retry
        return self._send(store, channel, key, scheduled, now)

    def release(self) -> int:
        """Give back slots this process claimed but has not started sending (on shutdown)."""
        store = self.store()
        with store.write():
            cursor = store.conn.execute(
                "DELETE FROM briefing_slots WHERE owner = ? AND status = 'claimed'", (self.owner,)
            )
        return cursor.rowcount


# --- feed polling ------------------------------------------------------------------------------------------


class Poller:
    """Polls one source at a time; a failing source waits longer before each next try (up to 6 hours)."""

    MAX_BACKOFF = timedelta(hours=6)

    def __init__(self, config: Config, store: Callable[[], Store]) -> None:
        self.config = config
        self.store = store
        self.failures: dict[str, int] = {}
        self.not_before: dict[str, datetime] = {}
        self.lock = threading.Lock()

    def _changed_files(self, source: SourceConfig) -> list[str]:
        """Files of a path source whose size or modification time changed since they were last ingested."""
        files = [leaf.location for leaf in expand([source.location]) if leaf.kind not in ("skip", "unsupported")]
        store = self.store()
        changed = []
        for path in files:
            key, _, current = file_validators(path)
            if store.feed_validators(key)[1] != current:
                changed.append(path)
        return changed

    def poll(self, source: SourceConfig, now: datetime) -> str:
        """Ingest one source now unless it is backing off; returns what happened, for the log."""
        with self.lock:
            if now < self.not_before.get(source.name, now):
                return "backing off"
        policy = FetchPolicy(
            allow_private=self.config.allow_private_addresses,
            total_timeout=float(self.config.timeout),
            max_bytes=self.config.max_bytes,
        )
        ingestor = Ingestor(
            self.store(),
            policy=policy,
            extract=ExtractOptions(enabled=self.config.extract, model=self.config.model or None),
            workers=0,
        )
        locations = [source.location]
        if source.kind == "path":
            locations = self._changed_files(source)
            if not locations:
                return "no changed files"
        try:
            counts = ingestor.ingest(locations, force_feed=source.kind == "feed")
        finally:
            ingestor.close()
        with self.lock:
            if counts.failed and not (counts.new or counts.updated or counts.duplicates):
                failures = self.failures.get(source.name, 0) + 1
                self.failures[source.name] = failures
                wait = min(self.MAX_BACKOFF, timedelta(minutes=source.poll_minutes) * (2**failures))
                self.not_before[source.name] = now + wait
                return f"failed ({failures} in a row), next try after {iso(now + wait)}"
            self.failures.pop(source.name, None)
            self.not_before.pop(source.name, None)
        return counts.summary()
