"""Scheduled briefing slots: the truth of what was posted, one row per channel and channel-local scheduled time.

    claimed ──▶ sending ──▶ sent
       │           ├──────▶ failed ──(retry)──▶ claimed
       │           └──────▶ unknown   (interrupted; the platform cannot tell whether it arrived)
    missed                  (not posted in time; reported in the channel's next briefing)

The unique (channel, slot_key) row is what makes a slot post once: only one process's claim inserts it.
Each method is one statement (atomic on its own); callers that need several together use ``Store.write``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from briefings.text.dates import iso, parse_date


@dataclass(frozen=True)
class Slot:
    channel: str
    key: str
    scheduled_at: datetime
    status: str
    owner: str | None
    claimed_at: datetime | None
    message_id: str | None
    attempts: int
    error: str | None


_COLUMNS = "channel, slot_key, scheduled_at, status, owner, claimed_at, message_id, attempts, error"


def _slot(row: tuple | None) -> Slot | None:
    if row is None:
        return None
    channel, key, scheduled, status, owner, claimed, message_id, attempts, error = row
    moment = parse_date(scheduled)
    assert moment is not None, f"slot {channel} {key} has an unreadable scheduled_at {scheduled!r}"
    return Slot(channel, key, moment, status, owner, parse_date(claimed), message_id, attempts, error)


class Slots:
    """The ``briefing_slots`` table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, channel: str, key: str) -> Slot | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM briefing_slots WHERE channel = ? AND slot_key = ?", (channel, key)
        ).fetchone()
        return _slot(row)

    def latest_scheduled(self, channel: str) -> datetime | None:
        """The scheduled time of the channel's latest slot in any state."""
        row = self.conn.execute("SELECT max(scheduled_at) FROM briefing_slots WHERE channel = ?", (channel,))
        return parse_date(row.fetchone()[0])

    def claim(self, channel: str, key: str, moment: datetime, owner: str, now: datetime) -> bool:
        """Claim a slot for ``owner``; False when another process has it (or had it) already."""
        cursor = self.conn.execute(
            "INSERT INTO briefing_slots (channel, slot_key, scheduled_at, status, owner, claimed_at)"
            " VALUES (?, ?, ?, 'claimed', ?, ?) ON CONFLICT(channel, slot_key) DO NOTHING",
            (channel, key, iso(moment), owner, iso(now)),
        )
        return cursor.rowcount == 1

    def start_sending(self, channel: str, key: str, owner: str, now: datetime) -> None:
        self.conn.execute(
            "UPDATE briefing_slots SET status = 'sending', attempts = attempts + 1, owner = ?, claimed_at = ?"
            " WHERE channel = ? AND slot_key = ?",
            (owner, iso(now), channel, key),
        )

    def confirm(self, channel: str, key: str, message_id: str, now: datetime) -> None:
        """Mark a slot sent; the channel's missed slots are now reported (its briefing said so)."""
        self.conn.execute(
            "UPDATE briefing_slots SET status = 'sent', message_id = ?, sent_at = ?, error = NULL"
            " WHERE channel = ? AND slot_key = ?",
            (message_id, iso(now), channel, key),
        )
        self.conn.execute("UPDATE briefing_slots SET reported = 1 WHERE channel = ? AND status = 'missed'", (channel,))

    def fail(self, channel: str, key: str, now: datetime, error: str) -> None:
        self.conn.execute(
            "UPDATE briefing_slots SET status = 'failed', error = ?, claimed_at = ? WHERE channel = ? AND slot_key = ?",
            (error[:500], iso(now), channel, key),
        )

    def mark_unknown(self, channel: str, key: str, reason: str) -> None:
        self.conn.execute(
            "UPDATE briefing_slots SET status = 'unknown', error = ? WHERE channel = ? AND slot_key = ?",
            (reason, channel, key),
        )

    def mark_missed(self, channel: str, key: str, moment: datetime) -> None:
        self.conn.execute(
            "INSERT INTO briefing_slots (channel, slot_key, scheduled_at, status) VALUES (?, ?, ?, 'missed')"
            " ON CONFLICT(channel, slot_key) DO NOTHING",
            (channel, key, iso(moment)),
        )

    def unreported_missed(self, channel: str) -> list[str]:
        """Keys of the channel's missed slots not yet mentioned in a briefing, oldest first."""
        rows = self.conn.execute(
            "SELECT slot_key FROM briefing_slots WHERE channel = ? AND status = 'missed' AND reported = 0"
            " ORDER BY scheduled_at",
            (channel,),
        )
        return [r[0] for r in rows]

    def sending(self, channel: str) -> Slot | None:
        """The channel's oldest slot in "sending" (being sent now, or interrupted between send and confirm)."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM briefing_slots WHERE channel = ? AND status = 'sending'"
            " ORDER BY scheduled_at LIMIT 1",
            (channel,),
        ).fetchone()
        return _slot(row)

    def retryable(self, channel: str, max_attempts: int) -> Slot | None:
        """The channel's latest failed slot with attempts left."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM briefing_slots WHERE channel = ? AND status = 'failed' AND attempts < ?"
            " ORDER BY scheduled_at DESC LIMIT 1",
            (channel, max_attempts),
        ).fetchone()
        return _slot(row)

    def reclaim(self, slot: Slot, owner: str) -> bool:
        """Take a failed slot back for a retry; False when another process took it first."""
        cursor = self.conn.execute(
            "UPDATE briefing_slots SET status = 'claimed', owner = ? WHERE channel = ? AND slot_key = ?"
            " AND status = 'failed' AND attempts = ?",
            (owner, slot.channel, slot.key, slot.attempts),
        )
        return cursor.rowcount == 1

    def release(self, owner: str) -> int:
        """Give back slots ``owner`` claimed but has not started sending; returns how many."""
        cursor = self.conn.execute("DELETE FROM briefing_slots WHERE owner = ? AND status = 'claimed'", (owner,))
        return cursor.rowcount

    def by_channel(self) -> dict[str, tuple[str | None, str]]:
        """Per channel: when its last briefing was sent, and the status of its latest slot."""
        return {
            channel: (sent, status)
            for channel, sent, status in self.conn.execute(
                "SELECT channel, max(sent_at),"
                " (SELECT status FROM briefing_slots b2 WHERE b2.channel = b.channel"
                "  ORDER BY scheduled_at DESC LIMIT 1)"
                " FROM briefing_slots b GROUP BY channel"
            )
        }
