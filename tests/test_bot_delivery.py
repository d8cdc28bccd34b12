"""The alert outbox and its sender, end to end: real hook, real SQLite, real PTB bot, fake Bot API."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime

from botkit import bot_env, eventually, record_conflicts

from storage.models import OutboxRow


def sent_at(row: OutboxRow) -> datetime:
    assert row.sent_at is not None
    return row.sent_at


async def subscribe(env, chat_id: int, words: str = "") -> None:
    env.fake.queue(env.fake.command_update(chat_id, f"/subscribe {words}".strip()))
    await env.fake.wait_for("sendMessage", chat_id=chat_id, where=lambda c: "Subscribed" in c.text)


async def test_alert_goes_to_subscribers_not_to_the_sender_and_never_twice(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        await subscribe(env, 11)
        await subscribe(env, 12, "POWs")
        await subscribe(env, 13, "earthquake")  # words that do not match: no alert
        await subscribe(env, 14)  # the sender of the new figure
        [relation] = record_conflicts(env, sender=14)
        await env.fake.wait_for("sendMessage", chat_id=11, where=lambda c: "New conflict" in c.text)
        await env.fake.wait_for("sendMessage", chat_id=12, where=lambda c: "New conflict" in c.text)
        # the hook runs again for the same relation (e.g. a retried ingest): no second row, no second message
        from bot.pipeline.service import relation_views
        from storage.db import transaction
        from storage.models import RelationRow

        with transaction(env.engine) as session:
            row = session.get(RelationRow, relation)
            assert row is not None
            env.alerts.on_relations(session, relation_views(session, [row]), 14)
        env.app.bot_data.sender.wake()
        env.fake.queue(
            env.fake.command_update(11, "/help")
        )  # a marker: once answered, the sender had its turn
        await env.fake.wait_for("sendMessage", chat_id=11, where=lambda c: "Commands" in c.text)
        alerts = [c for c in env.fake.sent() if "New conflict" in c.text]
        assert Counter(c.chat_id for c in alerts) == {11: 1, 12: 1}
        message = alerts[0].text
        assert "<b>207 guys</b>" in message and "<b>195 POWs</b>" in message and "Zelensky" in message
        await eventually(
            lambda: [r.status for r in env.outbox()] == ["sent", "sent"], what="both marked sent"
        )
        assert all(r.sent_at is not None for r in env.outbox())


async def test_several_conflicts_together_make_one_message(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        await subscribe(env, 21)
        record_conflicts(env, count=3)
        [alert] = await env.fake.wait_for(
            "sendMessage", chat_id=21, where=lambda c: "new conflicts" in c.text
        )
        assert alert.text.startswith("🔔 <b>3 new conflicts</b>")
        assert all(v in alert.text for v in ("207 guys", "208 guys", "209 guys"))
        await eventually(lambda: [r.status for r in env.outbox()] == ["sent"] * 3, what="all marked sent")


async def test_retry_after_429_is_respected_and_nothing_is_lost(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        await subscribe(env, 31)
        env.fake.fail_next(31, status=429, retry_after=1)
        record_conflicts(env)
        [alert] = await env.fake.wait_for("sendMessage", chat_id=31, where=lambda c: "New conflict" in c.text)
        refused = [c for c in env.fake.calls if c.status == 429]
        assert len(refused) == 1 and refused[0].chat_id == 31
        assert alert.at - refused[0].at >= 1.0  # not before Telegram's retry_after
        await eventually(lambda: [r.status for r in env.outbox()] == ["sent"], what="marked sent")
        assert [r.attempts for r in env.outbox()] == [2]


async def test_alerts_to_one_chat_keep_order_and_pace(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        await subscribe(env, 41)
        env.fake.fail_next(
            41, status=429, retry_after=1
        )  # the first is held back: the others must wait for it
        for _ in range(3):
            record_conflicts(env)
        alerts = await env.fake.wait_for(
            "sendMessage", chat_id=41, where=lambda c: "New conflict" in c.text, count=3
        )
        assert ["207 guys" in a.text for a in alerts] == [True, True, True]
        await eventually(lambda: [r.status for r in env.outbox()] == ["sent"] * 3, what="all marked sent")
        rows = env.outbox()
        sent_order = sorted(rows, key=sent_at)
        assert [r.id for r in sent_order] == [r.id for r in rows]  # written order is sent order
        gaps = [b.at - a.at for a, b in itertools.pairwise(alerts)]
        assert all(g >= 0.95 for g in gaps)  # ≤ 1 message per second per chat


async def test_chat_that_blocked_the_bot_is_unsubscribed_not_retried(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        await subscribe(env, 51)
        await subscribe(env, 52)
        env.fake.forbid(51)
        record_conflicts(env)
        await env.fake.wait_for("sendMessage", chat_id=52, where=lambda c: "New conflict" in c.text)
        await eventually(
            lambda: [r.status for r in env.outbox() if r.chat_id == 51] == ["dropped"], what="drop"
        )
        assert [r.status for r in env.outbox() if r.chat_id == 51] == ["dropped"]
        assert env.alerts.subscriptions(51) == ([], [])
        assert len([c for c in env.fake.calls if c.chat_id == 51 and c.status == 403]) == 1
        record_conflicts(env)  # a later conflict is not queued for the gone chat at all
        assert [r.chat_id for r in env.outbox()].count(51) == 1
