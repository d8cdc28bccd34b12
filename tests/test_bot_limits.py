"""Bounded work and hostile traffic through the real bot and the fake Bot API: slow links do not hold up
other chats, flood control is waited out, /forget leaves no raw update behind, stale and forged buttons get
an answer, and a stop in the middle of a long check leaves it for the next run."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

import pytest
from botkit import HeldPages, bot_env, eventually, seed_text, unexpected_warnings
from fakebotapi import FakeBotAPI
from sqlmodel import Session, select
from test_bot_process import kill_if_running, start_bot

from bot.app import MAX_CONCURRENT_UPDATES
from bot.config import FetchLimits
from storage.db import make_engine
from storage.models import IncomingUpdateRow

SLOW_LINKS = 6


async def test_six_slow_links_do_not_hold_up_another_chats_command(tmp_path: Path) -> None:
    limits = FetchLimits(allow_private=True, timeout_s=60.0)
    async with HeldPages(SLOW_LINKS) as pages, bot_env(tmp_path, fetch=limits) as env:
        fake = env.fake
        for n in range(SLOW_LINKS):
            fake.queue(fake.link_update(600 + n, pages.url(n)))
        await asyncio.wait_for(pages.all_arrived.wait(), timeout=30)
        fake.queue(fake.command_update(699, "/help"))
        await fake.wait_for("sendMessage", chat_id=699, timeout=10)
        # Every link is still held by the server: the command did not wait behind them.
        assert not [c for c in fake.sent() if c.chat_id in range(600, 600 + SLOW_LINKS)]
        pages.release.set()
        for n in range(SLOW_LINKS):
            await fake.wait_for("sendMessage", chat_id=600 + n, timeout=60)


async def test_a_reply_waits_out_flood_control_without_an_apology_or_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.fail_next(31, status=429, retry_after=1, times=2)
        fake.queue(fake.text_update(31, seed_text()))
        [reply] = await fake.wait_for("sendMessage", chat_id=31, timeout=60)
        assert "207" in reply.text
        failed = [c for c in fake.calls if c.method == "sendMessage" and c.chat_id == 31 and c.status == 429]
        assert len(failed) == 2
    assert not [r for r in caplog.records if r.exc_info], "a 429 is not a traceback"
    assert len([r for r in caplog.records if "flood control" in r.getMessage()]) == 2  # one line each


async def test_forget_removes_the_chats_raw_updates_too(tmp_path: Path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(41, "Officials in Tarnmouth said 48 people were hurt."))
        await fake.wait_for("sendMessage", chat_id=41)
        fake.queue(fake.text_update(42, "Officials in Tarnmouth said 50 people were hurt."))
        await fake.wait_for("sendMessage", chat_id=42)
        fake.queue(fake.command_update(41, "/forget"))
        [_, forgotten] = await fake.wait_for("sendMessage", chat_id=41, count=2)
        # its one earlier update, in the singular; the held texts (consent) are listed after it
        assert "1 stored message, 0 held texts." in forgotten.text

        def chats_in_ledger() -> list[int | None]:
            with Session(env.engine) as session:
                return [r.chat_id for r in session.exec(select(IncomingUpdateRow)).all()]

        await eventually(lambda: chats_in_ledger() == [42], what="only the other chat's update kept")


async def test_empty_stale_and_forged_buttons_are_answered_not_apologised_for(tmp_path: Path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        shown = fake.message(51, text="an earlier reply")
        for data in ("", "v:99999999999999999999999:1", "v:424242:1", "f:-5", "zz:1"):
            fake.queue(fake.callback_update(51, data, shown))
        answers = await fake.wait_for("answerCallbackQuery", count=5)
        assert all("no longer" in str(a.params.get("text")) for a in answers), [a.params for a in answers]
        assert fake.sent(51) == []  # no apology message


async def test_sigterm_during_a_long_check_stops_and_the_next_run_answers_it(tmp_path: Path) -> None:
    fake = FakeBotAPI()
    await fake.start()
    database = f"sqlite:///{tmp_path / 'bot.db'}"
    sentence = "Officials said {} people were hurt in the fire and rescuers said more were missing. "
    paragraph = "".join(sentence.format(n % 400 + 3) for n in range(2500))[:200_000]  # one paragraph

    async def start() -> asyncio.subprocess.Process:
        return await start_bot(fake, database, token=fake.token, log=tmp_path / "bot.log")

    process = await start()
    try:
        await fake.wait_for("getUpdates", timeout=60)
        fake.queue(fake.document_update(61, "wall.txt", paragraph.encode(), "text/plain"))
        await fake.wait_for("sendChatAction", chat_id=61, timeout=60)  # the check has begun
        fake.queue(fake.command_update(62, "/help"))
        await fake.wait_for("sendMessage", chat_id=62, timeout=30)  # another chat meanwhile
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
        process = await start()
        engine = make_engine(database)

        def status_of_61() -> str | None:
            with Session(engine) as session:
                rows = session.exec(select(IncomingUpdateRow).where(IncomingUpdateRow.chat_id == 61)).all()
                return rows[0].status if rows else None

        await eventually(lambda: status_of_61() == "done", timeout=120, what="the long check done")
        engine.dispose()
        assert fake.sent(61)
        fake.queue(fake.command_update(63, "/help"))
        await fake.wait_for("sendMessage", chat_id=63, timeout=30)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
        assert not unexpected_warnings((tmp_path / "bot.log").read_text(errors="replace"))
    finally:
        await kill_if_running(process)
        await fake.stop()


async def test_a_chat_with_a_backlog_does_not_hold_up_another_chat(tmp_path: Path) -> None:
    """More pastes from one chat than the bot handles side by side: they wait for their chat's turn
    without taking the places other chats need, so another chat's command is answered among the first
    of them, not after most."""
    backlog = 3 * MAX_CONCURRENT_UPDATES
    async with bot_env(tmp_path) as env:
        fake = env.fake
        for n in range(backlog):
            fake.queue(fake.text_update(81, f"Officials in Tarnmouth said {n + 10} people were hurt."))
        fake.queue(fake.command_update(82, "/help"))
        await fake.wait_for("sendMessage", chat_id=82, timeout=60)
        assert len(fake.sent(81)) < backlog - MAX_CONCURRENT_UPDATES
        await fake.wait_for("sendMessage", chat_id=81, count=backlog, timeout=120)
