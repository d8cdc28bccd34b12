"""`crosscheck run` killed (SIGKILL) again and again at random moments while pastes and alerts are queued,
on SQLite and on PostgreSQL: after the last restart every paste is answered and every alert delivered, with
at most one duplicate a kill; a second poller on the same database is refused in one line."""

from __future__ import annotations

import asyncio
import random
import signal
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from botkit import eventually, unexpected_warnings
from fakebotapi import FakeBotAPI
from sqlmodel import Session, select
from test_bot_process import finish, kill_if_running, start_bot, write_conflict
from test_multiprocess import postgres_database  # noqa: F401  (a fixture)

from bot.pipeline.alerts import Alerts
from bot.replies import render_alert
from storage.db import create_schema, make_engine
from storage.models import IncomingUpdateRow, OutboxRow

KILLS = 20
PASTES_A_ROUND = 3
SUBSCRIBERS = [701, 702, 703]
FIRST_PASTE_CHAT = 1000


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
    else:
        yield request.getfixturevalue("postgres_database")


def paste_text(chat: int) -> str:
    return f"Officials in Town{chat} said {chat % 90 + 7} people were hurt in a fire there on Monday."


async def test_sigkill_at_random_moments_loses_no_update_and_no_alert(database: str, tmp_path: Path) -> None:
    rng = random.Random(13)  # the moments vary, the run repeats
    fake = FakeBotAPI()
    await fake.start()
    engine = make_engine(database)
    create_schema(engine)
    alerts = Alerts(engine, render_alert=render_alert, instance="test-writer")
    log = tmp_path / "bot.log"
    process = await start_bot(fake, database, token=fake.token, log=log)
    pastes: list[int] = []
    markers: list[str] = []
    try:
        for chat in SUBSCRIBERS:
            fake.queue(fake.command_update(chat, "/subscribe"))
        for chat in SUBSCRIBERS:
            await fake.wait_for("sendMessage", chat_id=chat, timeout=90)
        for kill in range(KILLS):
            # More work arrives while the last one is still queued: pastes, and alerts to write.
            for _ in range(PASTES_A_ROUND):
                chat = FIRST_PASTE_CHAT + len(pastes)
                pastes.append(chat)
                fake.queue(fake.text_update(chat, paste_text(chat)))
            marker = 2000 + kill
            markers.append(f"{marker} guys")
            write_conflict(engine, alerts, marker)
            # A random moment: before the bot polls, while the model loads, while it works.
            calls = len(fake.calls)
            await eventually(lambda n=calls: len(fake.calls) > n, timeout=60, what="the bot at work")
            await asyncio.sleep(rng.uniform(0.0, 4.0))
            process.kill()
            await process.wait()
            process = await start_bot(fake, database, token=fake.token, log=log)

        def answered() -> Counter[int]:
            return Counter(c.chat_id for c in fake.sent() if c.chat_id in set(pastes))

        def delivered() -> Counter[tuple[int, str]]:
            got: Counter[tuple[int, str]] = Counter()
            for call in fake.sent():
                for marker_text in markers:
                    if call.chat_id in SUBSCRIBERS and marker_text in call.text:
                        got[(call.chat_id, marker_text)] += 1
            return got

        expected = {(chat, m) for chat in SUBSCRIBERS for m in markers}
        await eventually(lambda: set(answered()) == set(pastes), timeout=240, what="every paste answered")
        await eventually(lambda: set(delivered()) == expected, timeout=240, what="every alert delivered")

        def unfinished() -> list[int]:
            with Session(engine) as session:
                rows = session.exec(select(IncomingUpdateRow)).all()
                return [r.update_id for r in rows if r.status != "done"]

        def pending() -> int:
            with Session(engine) as session:
                return sum(r.status == "pending" for r in session.exec(select(OutboxRow)).all())

        await eventually(lambda: not unfinished() and not pending(), timeout=60, what="all finished")
        duplicates = sum(n - 1 for n in answered().values()) + sum(n - 1 for n in delivered().values())
        assert duplicates <= KILLS, (answered(), delivered())
        fake.queue(fake.command_update(799, "/help"))  # the last process is up and polling
        await fake.wait_for("sendMessage", chat_id=799, timeout=90)
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
        assert code == 0, log.read_text(errors="replace")[-3000:]
        assert not unexpected_warnings(log.read_text(errors="replace"))
    finally:
        await kill_if_running(process)
        engine.dispose()
        await fake.stop()


async def test_a_second_poller_on_one_database_is_refused_in_one_line(database: str) -> None:
    fake = FakeBotAPI()
    await fake.start()
    engine = make_engine(database)
    create_schema(engine)
    engine.dispose()
    first = await start_bot(fake, database, token=fake.token)
    try:
        await fake.wait_for("getUpdates", timeout=60)
        code, err = await finish(await start_bot(fake, database, token=fake.token))
        assert code == 3 and "already polling this database" in err
        assert len(err.strip().splitlines()) == 1, err
        first.kill()  # a dead poller's lock goes with it: the next one starts at once
        await first.wait()
        first = await start_bot(fake, database, token=fake.token)
        marker = uuid.uuid4().int % 10_000
        fake.queue(fake.command_update(marker, "/help"))
        await fake.wait_for("sendMessage", chat_id=marker, timeout=60)
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()
        await fake.stop()
