"""Two real `crosscheck run` processes in webhook mode on one PostgreSQL database, against the fake Bot API:
they create the schema together on start, every update (POSTed to both) is answered once, and every alert
is sent once."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import socket
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import aiohttp
import pytest
from botkit import ROOT, child_env, eventually
from conftest import POSTGRES_URL
from fakebotapi import FakeBotAPI
from sqlalchemy import Engine, create_engine, text, update
from sqlmodel import Session, col, select
from test_bot_process import command, finish, kill_if_running, write_conflict

from bot.pipeline.alerts import CLAIM_LEASE, Alerts
from bot.replies import render_alert
from storage import alerts as ledger
from storage import store
from storage.db import make_engine, transaction
from storage.models import DocumentRow, IncomingUpdateRow, OutboxRow, RelationRow, utcnow
from storage.schema import current_revision, head_revision

SUBSCRIBERS = [501, 502, 503, 504, 505, 506]
SUPERGROUP = -1001234567890
ROUNDS = 3


@pytest.fixture
def postgres_database(postgres_reason: str | None) -> Iterator[str]:
    """A DATABASE_URL for an empty schema of its own on the test PostgreSQL, dropped afterwards."""
    if postgres_reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(postgres_reason)
        pytest.skip(postgres_reason)
    schema = f"mp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def start_webhook_bot(fake: FakeBotAPI, database_url: str, port: int) -> asyncio.subprocess.Process:
    env = child_env(
        ("TELEGRAM_", "DATABASE_URL", "CROSSCHECK_"),
        TELEGRAM_API_URL=fake.api_url,
        TELEGRAM_FILE_URL=fake.file_url,
        TELEGRAM_BOT_TOKEN=fake.token,
        DATABASE_URL=database_url,
    )
    return await asyncio.create_subprocess_exec(
        *command(),
        "run",
        "--webhook-url",
        f"http://127.0.0.1:{port}/hook",
        "--listen",
        "127.0.0.1",
        "--port",
        str(port),
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def post_update(
    client: aiohttp.ClientSession, port: int, secret: str, update: dict[str, object]
) -> int:
    for _ in range(100):  # the webhook server may still be starting
        try:
            async with client.post(
                f"http://127.0.0.1:{port}/hook",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": secret},
            ) as response:
                return response.status
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"the webhook on port {port} never answered")


async def test_two_webhook_processes_answer_each_update_once_and_send_each_alert_once(
    postgres_database: str,
) -> None:
    fake = FakeBotAPI()
    await fake.start()
    ports = [free_port(), free_port()]
    secret = hashlib.sha256(fake.token.encode()).hexdigest()[:32]
    processes = [await start_webhook_bot(fake, postgres_database, port) for port in ports]
    engine = make_engine(postgres_database)
    try:
        await fake.wait_for("setWebhook", count=2, timeout=90)
        # both started on an empty database at once: one created the schema, the other waited and found it
        assert current_revision(engine) == head_revision()

        async with aiohttp.ClientSession() as client:
            updates = []
            for chat in SUBSCRIBERS:
                update = fake.command_update(chat, "/subscribe")
                update["update_id"] = 9000 + chat
                updates.append(update)
            # every update reaches both processes at the same moment (a redelivery landing on the other one)
            statuses = await asyncio.gather(
                *(post_update(client, port, secret, u) for u in updates for port in ports)
            )
            assert set(statuses) == {200}
            for chat in SUBSCRIBERS:
                await fake.wait_for("sendMessage", chat_id=chat, timeout=60)

        alerts = Alerts(engine, render_alert=render_alert, instance="test-writer")
        for round_ in range(ROUNDS):
            write_conflict(engine, alerts, 2000 + round_)
        expected = {(chat, f"{2000 + r} guys") for chat in SUBSCRIBERS for r in range(ROUNDS)}

        def delivered() -> Counter[tuple[int, str]]:
            got: Counter[tuple[int, str]] = Counter()
            for call in fake.sent():
                for chat, marker in expected:
                    if call.chat_id == chat and marker in call.text:
                        got[(chat, marker)] += 1
            return got

        def outbox_statuses() -> Counter[str]:
            with Session(engine) as session:
                return Counter(r.status for r in session.exec(select(OutboxRow)).all())

        await eventually(lambda: set(delivered()) == expected, timeout=60, what="every alert delivered")
        await eventually(
            lambda: outbox_statuses() == Counter({"sent": len(expected)}), timeout=30, what="outbox marked"
        )
        # Everything is sent and marked: stop both. A stopping sender finishes the send it is on (its grace)
        # and starts no other, so once both have exited every send either would make has been made: a
        # second sender that had taken the same rows would have sent its copy of a chat's first alert.
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            code, err = await finish(process)
            assert code == 0, err

        assert all(n == 1 for n in delivered().values()), delivered()
        replies = Counter(c.chat_id for c in fake.sent() if "New conflict" not in c.text)
        assert all(replies[chat] == 1 for chat in SUBSCRIBERS), [
            (c.chat_id, c.text[:60]) for c in fake.sent()
        ]
        with Session(engine) as session:
            rows = session.exec(select(IncomingUpdateRow)).all()
        assert sorted(r.update_id for r in rows) == sorted(9000 + chat for chat in SUBSCRIBERS)
        assert {(r.status, r.attempts) for r in rows} == {("done", 1)}
    finally:
        await kill_if_running(*processes)
        engine.dispose()
        await fake.stop()


# -- the claims themselves, on both engines ---------------------------------------------------------------


def relations(engine: Engine, count: int) -> list[int]:
    with transaction(engine) as session:
        ids = []
        for i in range(count):
            docs = [
                store.add_document(
                    session, document=DocumentRow(source=s, content_hash=uuid.uuid4().hex, text=s), terms=[]
                )
                for s in ("A", "B")
            ]
            a, b = store.add_claims(
                session,
                claims=[
                    dict(
                        document_id=d.id,
                        quantity="killed",
                        counted="people",
                        quote=f"{i}",
                        sentence="s",
                        position=0,
                    )
                    for d in docs
                ],
            )
            [relation] = store.add_relations(
                session, relations=[RelationRow(kind="conflict", claim_a_id=a.id, claim_b_id=b.id, why="w")]
            )
            ids.append(relation.id)
        return ids


def test_outbox_claims_are_exclusive_lapse_and_keep_each_chat_in_order(engine: Engine) -> None:
    r1, r2, r3, r4 = relations(engine, 4)
    later = utcnow() + timedelta(hours=1)
    with transaction(engine) as session:
        ledger.add_outbox(
            session,
            rows=[
                OutboxRow(chat_id=SUPERGROUP, relation_id=r1, batch="a", text="1"),
                OutboxRow(chat_id=SUPERGROUP, relation_id=r2, batch="a", text="2"),
                OutboxRow(chat_id=SUPERGROUP, relation_id=r3, batch="b", text="3"),
                OutboxRow(chat_id=7, relation_id=r4, batch="c", text="4", next_attempt_at=later),
            ],
        )
    first = Alerts(engine, render_alert=render_alert, instance="host:8001")
    second = Alerts(engine, render_alert=render_alert, instance="host:8002")

    claimed = first.claim_outbox()
    assert [r.text for r in claimed] == ["1", "2"]  # the chat's first batch only; chat 7 is not due
    assert second.claim_outbox() == []  # the chat is being sent to by the first process
    first.mark_sent([r.id for r in claimed])
    [third] = second.claim_outbox()
    assert third.text == "3"
    assert first.claim_outbox() == []

    with transaction(engine) as session:  # the second process dies; its claim lapses
        session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id) == third.id)
            .values(claimed_at=utcnow() - CLAIM_LEASE - timedelta(seconds=1))
        )
    assert [r.text for r in first.claim_outbox()] == ["3"]
    assert first.release_outbox() == 1  # a stop gives back what was not sent
    assert [r.text for r in second.claim_outbox()] == ["3"]


def test_update_ledger_with_two_processes(engine: Engine) -> None:
    first = Alerts(engine, render_alert=render_alert, instance="host:8001")
    second = Alerts(engine, render_alert=render_alert, instance="host:8002")
    first_again = Alerts(engine, render_alert=render_alert, instance="host:8001")  # restarted in its place

    assert first.record_update(1, chat_id=SUPERGROUP, payload="{}") == "process"
    assert second.record_update(1, chat_id=SUPERGROUP, payload="{}") == "skip"  # the first has it
    assert second.unfinished_updates() == []
    assert [u.update_id for u in first_again.unfinished_updates()] == [1]
    assert first_again.record_update(1, chat_id=SUPERGROUP, payload="{}") == "process"
    first_again.finish_updates([1])
    assert second.record_update(1, chat_id=SUPERGROUP, payload="{}") == "skip"  # done

    assert first.record_update(2, chat_id=None, payload="{}") == "process"
    with transaction(engine) as session:  # the first process died long ago
        session.execute(
            update(IncomingUpdateRow)
            .where(col(IncomingUpdateRow.update_id) == 2)
            .values(claimed_at=utcnow() - CLAIM_LEASE - timedelta(seconds=1))
        )
    assert [u.update_id for u in second.unfinished_updates()] == [2]
    assert second.record_update(2, chat_id=None, payload="{}") == "process"
    with Session(engine) as session:
        row = session.get(IncomingUpdateRow, 2)
        assert row is not None and row.claimed_by == "host:8002" and row.attempts == 2
