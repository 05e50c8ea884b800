"""Scheduled briefings post exactly once per slot: DST, downtime, crashes, two schedulers, failing channels."""

from __future__ import annotations

import io
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import ChannelConfig, Config
from bot.schedule import HOST, SEND_LEASE, SlotRunner, fire_times, slot_key
from bot.senders import ConsoleSender, FileSender
from briefings.store import ThreadStores, open_store

BERLIN = ChannelConfig(name="berlin", platform="file", schedule="30 2 * * *", timezone="Europe/Berlin", path="")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- slot keys ------------------------------------------------------------------------------------------


def test_dst_fall_back_gives_one_slot_for_the_repeated_wall_time() -> None:
    # 2026-10-25: Europe/Berlin goes from 03:00 CEST back to 02:00 CET, so 02:30 happens twice.
    slots = fire_times(BERLIN, utc(2026, 10, 24, 0, 0), utc(2026, 10, 26, 12, 0))
    assert [key for key, _ in slots] == ["2026-10-24T02:30", "2026-10-25T02:30", "2026-10-26T02:30"]
    assert slots[1][1] == utc(2026, 10, 25, 0, 30)  # the first of the two 02:30s (CEST, UTC+2)


def test_dst_spring_forward_and_new_york() -> None:
    # 2026-03-29: Berlin skips 02:00-03:00. Like cron, the 02:30 briefing still comes that day, right after the
    # jump (03:30 CEST = 01:30 UTC), under its scheduled key.
    slots = fire_times(BERLIN, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 12, 0))
    assert [key for key, _ in slots] == ["2026-03-28T02:30", "2026-03-29T02:30", "2026-03-30T02:30"]
    assert slots[1][1] == utc(2026, 3, 29, 1, 30)
    ny = ChannelConfig(name="ny", platform="file", schedule="30 1 * * *", timezone="America/New_York")
    fall = fire_times(ny, utc(2026, 10, 31, 12, 0), utc(2026, 11, 2, 12, 0))  # fall back on 2026-11-01
    assert [key for key, _ in fall] == ["2026-11-01T01:30", "2026-11-02T01:30"]
    assert slot_key(utc(2026, 11, 1, 6, 30), "America/New_York") == "2026-11-01T01:30"  # the second 01:30 (EST)


# --- the runner -----------------------------------------------------------------------------------------


@pytest.fixture
def seeded(seed_article_db: Path) -> Path:
    return seed_article_db


def daily(tmp_path: Path, name: str = "ops", **kw) -> ChannelConfig:
    fields = dict(name=name, platform="file", schedule="0 8 * * *", timezone="UTC", window="520w")
    fields["path"] = str(tmp_path / f"{name}.jsonl")
    fields.update(kw)
    return ChannelConfig(**fields)


def posts(channel: ChannelConfig) -> list[dict]:
    path = Path(channel.path)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def runner(seeded: Path, channels, senders=None, **kw) -> tuple[SlotRunner, ThreadStores]:
    stores = ThreadStores(str(seeded))
    config = Config(path="test.toml", channels=tuple(channels))
    return SlotRunner(config, stores, senders or {"file": FileSender()}, **kw), stores


def slots(seeded: Path) -> list[tuple]:
    with open_store(seeded) as store:
        return store.conn.execute(
            "SELECT channel, slot_key, status, attempts FROM briefing_slots ORDER BY channel, scheduled_at"
        ).fetchall()


def test_a_due_slot_posts_once_and_the_next_tick_does_nothing(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    first = run.tick(utc(2024, 1, 16, 8, 0, 5))
    assert [(r.slot_key, r.status) for r in first] == [("2024-01-16T08:00", "sent")]
    assert run.tick(utc(2024, 1, 16, 8, 0, 35)) == []
    assert run.tick(utc(2024, 1, 16, 12, 0)) == []
    sent = posts(channel)
    assert len(sent) == 1 and sent[0]["briefing"]["items"][0]["headline"].startswith("Escalation in Ukraine")
    second = run.tick(utc(2024, 1, 17, 8, 0, 1))  # the next day: nothing new, and it says so
    assert [r.status for r in second] == ["sent"]
    note = posts(channel)[1]["briefing"]["notes"][0]
    assert note.startswith("Nothing new since") and "1 story already sent" in note
    stores.close()


def test_the_outlook_says_when_the_current_slot_was_sent_and_when_the_next_is_due(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    assert run.outlook(channel, utc(2024, 1, 16, 7, 0)) == "next briefing at 2024-01-16T08:00 (UTC)"
    due = run.outlook(channel, utc(2024, 1, 16, 8, 0, 5))
    assert due == "the 2024-01-16T08:00 briefing is due now; next briefing at 2024-01-17T08:00 (UTC)"
    run.tick(utc(2024, 1, 16, 8, 0, 5))
    again = run.outlook(channel, utc(2024, 1, 16, 8, 1))  # a second start within the slot's grace posts nothing
    assert again == "the 2024-01-16T08:00 briefing was sent already; next briefing at 2024-01-17T08:00 (UTC)"
    stores.close()


def test_catch_up_after_one_hour_posts_the_missed_slot_once(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    run.tick(utc(2024, 1, 15, 8, 0, 1))
    # Down from 07:30 to 09:00 on the 16th: the 08:00 slot is 1 h late, inside the 2 h grace window.
    restarted, stores2 = runner(seeded, [channel])
    results = restarted.tick(utc(2024, 1, 16, 9, 0))
    assert [(r.slot_key, r.status) for r in results] == [("2024-01-16T08:00", "sent")]
    assert restarted.tick(utc(2024, 1, 16, 9, 0, 30)) == []
    assert len(posts(channel)) == 2
    stores.close()
    stores2.close()


def test_three_days_down_records_missed_slots_and_reports_them(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    run.tick(utc(2024, 1, 15, 8, 0, 1))
    back = utc(2024, 1, 18, 12, 0)  # 16th, 17th and 18th 08:00 missed; the 18th is 4 h late (> 2 h grace)
    assert [r.status for r in run.tick(back)] == ["missed"]
    assert [s[1:3] for s in slots(seeded)] == [
        ("2024-01-15T08:00", "sent"),
        ("2024-01-16T08:00", "missed"),
        ("2024-01-17T08:00", "missed"),
        ("2024-01-18T08:00", "missed"),
    ]
    assert len(posts(channel)) == 1
    run.tick(utc(2024, 1, 19, 8, 0, 1))
    notes = posts(channel)[-1]["briefing"]["notes"]
    assert (
        notes[0]
        == "Missed 3 scheduled briefings while Briefbot was not running (2024-01-16 08:00 to 2024-01-18 08:00 UTC)."
    )
    run.tick(utc(2024, 1, 20, 8, 0, 1))
    assert not posts(channel)[-1]["briefing"]["notes"][0].startswith("Missed")  # reported once
    stores.close()


class CrashAfterSend(FileSender):
    """Posts, then the process dies before confirming."""

    def send(self, channel, briefing, slot_key):
        super().send(channel, briefing, slot_key)
        raise SystemExit("killed between send and confirm")


def test_a_crash_between_send_and_confirm_never_posts_twice(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    crashing, stores = runner(seeded, [channel], {"file": CrashAfterSend()})
    with pytest.raises(SystemExit):
        crashing.tick(utc(2024, 1, 16, 8, 0, 1))
    assert slots(seeded)[0][2] == "sending" and len(posts(channel)) == 1
    restarted, stores2 = runner(seeded, [channel])
    results = restarted.tick(utc(2024, 1, 16, 8, 1))
    assert [(r.slot_key, r.status) for r in results] == [("2024-01-16T08:00", "sent")]
    assert len(posts(channel)) == 1  # found the post, confirmed it, did not resend
    # A console cannot tell whether it printed: the slot is marked unknown, never printed twice.
    console = ChannelConfig(name="tty", platform="console", schedule="0 8 * * *", window="520w")

    class CrashConsole(ConsoleSender):
        def send(self, channel, briefing, slot_key):
            super().send(channel, briefing, slot_key)
            raise SystemExit("killed")

    out = io.StringIO()
    crash_console, stores3 = runner(seeded, [console], {"console": CrashConsole(out)})
    with pytest.raises(SystemExit):
        crash_console.tick(utc(2024, 1, 16, 8, 0, 1))
    again, stores4 = runner(seeded, [console], {"console": ConsoleSender(out)})
    assert [r.status for r in again.tick(utc(2024, 1, 16, 8, 2))] == ["unknown"]
    assert out.getvalue().count("scheduled briefing 2024-01-16T08:00") == 1
    for s in (stores, stores2, stores3, stores4):
        s.close()


def test_two_schedulers_on_one_store_post_once(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    (a, sa), (b, sb) = runner(seeded, [channel]), runner(seeded, [channel])
    now = utc(2024, 1, 16, 8, 0, 1)
    results: list = []

    def run_in_thread(run: SlotRunner, stores: ThreadStores) -> None:
        results.extend(run.tick(now))
        stores.close()  # connections belong to the thread that opened them

    threads = [threading.Thread(target=run_in_thread, args=pair) for pair in ((a, sa), (b, sb))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status for r in results] == ["sent"]
    assert len(posts(channel)) == 1


class Broken(FileSender):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def send(self, channel, briefing, slot_key):
        self.calls += 1
        raise ConnectionError("platform down")


def test_a_failing_channel_is_retried_with_backoff_and_does_not_block_another(seeded: Path, tmp_path: Path) -> None:
    good = daily(tmp_path, "good")
    bad = daily(tmp_path, "bad", platform="console")
    broken = Broken()
    run, stores = runner(seeded, [bad, good], {"file": FileSender(), "console": broken})
    results = run.tick(utc(2024, 1, 16, 8, 0, 1))
    assert {(r.channel, r.status) for r in results} == {("bad", "failed"), ("good", "sent")}
    assert "platform down" in next(r.error for r in results if r.channel == "bad")
    assert run.tick(utc(2024, 1, 16, 8, 0, 30)) == []  # backing off (1 minute)
    assert [r.status for r in run.tick(utc(2024, 1, 16, 8, 1, 5))] == ["failed"]
    assert broken.calls == 2
    assert ("bad", "2024-01-16T08:00", "failed", 2) in slots(seeded)
    assert len(posts(good)) == 1
    stores.close()


def test_release_gives_back_claimed_slots(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    assert stores().slots.claim(channel.name, "2024-01-16T08:00", utc(2024, 1, 16, 8), run.owner, utc(2024, 1, 16, 8))
    assert run.release() == 1
    assert slots(seeded) == []
    assert [r.status for r in run.tick(utc(2024, 1, 16, 8, 0, 1))] == ["sent"]
    stores.close()


def test_first_start_far_from_any_slot_posts_nothing(seeded: Path, tmp_path: Path) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    assert run.tick(utc(2024, 1, 16, 14, 0)) == []  # the 08:00 slot is 6 h old on a first start: not ours
    assert slots(seeded) == []
    assert run.tick(utc(2024, 1, 17, 8, 0, 1))[0].status == "sent"
    stores.close()


@pytest.mark.parametrize(
    ("owner", "started", "recovered"),
    [
        (f"{HOST}:{os.getppid()}:a1b2c3d4", utc(2024, 1, 16, 8, 0, 1), False),  # a live process of this host
        (f"{HOST}:999999999:a1b2c3d4", utc(2024, 1, 16, 8, 0, 1), True),  # a process of this host that is gone
        ("other-host:42:a1b2c3d4", utc(2024, 1, 16, 8, 0, 1), False),  # another host, within the lease
        ("other-host:42:a1b2c3d4", utc(2024, 1, 16, 8, 0, 1) - SEND_LEASE, True),  # another host, lease over
    ],
)
def test_a_slot_being_sent_elsewhere_is_left_alone(
    seeded: Path, tmp_path: Path, owner: str, started: datetime, recovered: bool
) -> None:
    channel = daily(tmp_path)
    run, stores = runner(seeded, [channel])
    store = stores()
    assert store.slots.claim(channel.name, "2024-01-16T08:00", utc(2024, 1, 16, 8), owner, started)
    store.slots.start_sending(channel.name, "2024-01-16T08:00", owner, started)
    results = run.tick(utc(2024, 1, 16, 8, 1))
    if recovered:  # the file shows no post: sent now, once
        assert [(r.slot_key, r.status) for r in results] == [("2024-01-16T08:00", "sent")]
        assert len(posts(channel)) == 1
    else:
        assert results == [] and posts(channel) == []
        assert slots(seeded) == [(channel.name, "2024-01-16T08:00", "sending", 1)]
    stores.close()


def test_window_defaults(tmp_path: Path) -> None:
    assert daily(tmp_path).window_delta == timedelta(weeks=520)
    assert daily(tmp_path, window="since_last").window_delta is None
