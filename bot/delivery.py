"""The alert sender: outbox → Telegram, in order per chat, paced, retried, marked.

    loop: wake (after an ingest, or every `poll_s`) → pending rows → per chat, the rows up to its first one
          that is not due yet (order is kept) → one task per idle chat sends its batches one by one
    pace: ≤ `alerts_per_chat_per_s` per chat, ≤ `alerts_per_s` in all
    RetryAfter → that chat waits `retry_after`; network errors → back-off;
    Forbidden → the chat is unsubscribed; BadRequest → the row failed (not retried forever)

A row is marked sent after Telegram accepted it, so a crash between the two sends it once more at the next
start: at most one duplicate, never a loss.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import replies
from bot.pipeline.alerts import Alerts, PendingAlert
from storage.models import utcnow

logger = logging.getLogger(__name__)

MAX_BACKOFF_S = 300.0  # network errors back off exponentially up to this
MAX_ATTEMPTS = 50  # past this a row is failed: something is wrong that retrying will not fix


@dataclass(frozen=True, slots=True)
class Batch:
    """The rows one ingest wrote for one chat: sent as one message."""

    chat_id: int
    rows: tuple[PendingAlert, ...]

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]


def ready_batches(rows: Sequence[PendingAlert], *, now_ts: float) -> dict[int, list[Batch]]:
    """Per chat, its batches in order, stopping at the first row that is not due (so order is kept)."""
    per_chat: dict[int, list[PendingAlert]] = {}
    blocked: set[int] = set()
    for row in rows:
        if row.chat_id in blocked:
            continue
        if row.next_attempt_at.timestamp() > now_ts:
            blocked.add(row.chat_id)
            continue
        per_chat.setdefault(row.chat_id, []).append(row)
    batches: dict[int, list[Batch]] = {}
    for chat, chat_rows in per_chat.items():
        groups: list[list[PendingAlert]] = []
        for row in chat_rows:
            if groups and groups[-1][-1].batch == row.batch:
                groups[-1].append(row)
            else:
                groups.append([row])
        batches[chat] = [Batch(chat, tuple(g)) for g in groups]
    return batches


def retry_after_seconds(error: RetryAfter) -> float:
    pause = getattr(error, "_retry_after", None)  # a timedelta; the public attribute warns until PTB 23
    if isinstance(pause, timedelta):
        return pause.total_seconds()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Pacer:
    """Spaces calls: at most `rate` per second (one shared instance for the overall limit)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
            self._next = max(now, self._next) + self.interval


class Sender:
    """Runs the outbox loop as one background task; `wake()` after writing alerts makes it look at once."""

    def __init__(
        self,
        bot: Bot,
        alerts: Alerts,
        *,
        per_chat_rate: float,
        overall_rate: float,
        poll_s: float = 1.0,
    ) -> None:
        self.bot = bot
        self.alerts = alerts
        self.per_chat_interval = 1.0 / per_chat_rate if per_chat_rate > 0 else 0.0
        self.overall = Pacer(overall_rate)
        self.poll_s = poll_s
        self._wake = asyncio.Event()
        self._stopping = False
        self._loop_task: asyncio.Task[None] | None = None
        self._busy: dict[int, asyncio.Task[None]] = {}
        self._last_sent: dict[int, float] = {}

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._loop_task is None:
            self._stopping = False
            self._loop_task = asyncio.create_task(self._run(), name="crosscheck:alert-sender")

    async def stop(self, *, grace_s: float = 5.0) -> None:
        """Let messages being sent finish (up to `grace_s`), then stop; unsent rows stay pending."""
        self._stopping = True
        self._wake.set()
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None
        busy = list(self._busy.values())
        if busy:
            _, late = await asyncio.wait(busy, timeout=grace_s)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        self._busy.clear()
        try:
            await asyncio.to_thread(self.alerts.release_outbox)  # what was claimed and not sent
        except Exception:
            logger.exception("alert sender: could not release claimed alerts (the lease will)")

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self._dispatch()
            except Exception:
                # The database may be briefly unavailable; the loop must outlive it.
                logger.exception("alert sender: dispatch failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_s)
            self._wake.clear()

    async def _dispatch(self) -> None:
        # Claimed rows are this process's to send: another process on the database skips them.
        rows = await asyncio.to_thread(self.alerts.claim_outbox, exclude_chats=set(self._busy))
        for chat, batches in ready_batches(rows, now_ts=time.time()).items():
            if chat in self._busy:
                continue
            task = asyncio.create_task(self._drain(chat, batches), name=f"crosscheck:alerts-to-{chat}")
            self._busy[chat] = task
            task.add_done_callback(functools.partial(self._done, chat))

    def _done(self, chat: int, _task: asyncio.Task[None]) -> None:
        self._busy.pop(chat, None)
        # The chat may have more rows now (written while it was busy): look again.
        self._wake.set()

    async def _drain(self, chat: int, batches: Sequence[Batch]) -> None:
        language = await self._language(chat)
        for batch in batches:
            if self._stopping:
                return
            if not await self._send(batch, language):
                return

    async def _language(self, chat: int) -> str | None:
        """The chat's language for the heading and the buttons (the rows were written in it already)."""
        try:
            return await asyncio.to_thread(self.alerts.language_of, chat)
        except Exception:
            # The heading and the button labels are not worth holding the alerts back for.
            logger.warning("alerts to %s: could not read the chat's language", chat, exc_info=True)
            return None

    async def _pace_chat(self, chat: int) -> None:
        last = self._last_sent.get(chat)
        if last is not None:
            delay = last + self.per_chat_interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)

    async def _send(self, batch: Batch, language: str | None = None) -> bool:
        """Send one batch; True to go on with the chat's next batch, False to leave the chat for now."""
        chat = batch.chat_id
        try:
            for reply in replies.alert_messages(batch.rows, language=language):
                await self._pace_chat(chat)
                await self.overall.wait()
                await self.bot.send_message(
                    chat_id=chat,
                    text=reply.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=reply.markup,
                    disable_web_page_preview=True,
                )
                self._last_sent[chat] = time.monotonic()
        except RetryAfter as error:
            seconds = retry_after_seconds(error)
            logger.info("alerts to %s: flood limit, retrying after %.1f s", chat, seconds)
            await asyncio.to_thread(
                self.alerts.mark_retry, batch.ids, at=utcnow() + timedelta(seconds=seconds + 0.1)
            )
            return False
        except Forbidden:
            logger.info("alerts to %s: the bot is blocked there; unsubscribing the chat", chat)
            await asyncio.to_thread(self.alerts.chat_gone, chat)
            return False
        except BadRequest as error:
            if "chat not found" in str(error).lower():
                await asyncio.to_thread(self.alerts.chat_gone, chat)
                return False
            logger.error("alerts to %s: Telegram refused the message (%s); giving it up", chat, error)
            await asyncio.to_thread(self.alerts.mark_failed, batch.ids)
            return True
        except NetworkError as error:
            attempts = max(r.attempts for r in batch.rows) + 1
            if attempts >= MAX_ATTEMPTS:
                logger.error("alerts to %s: %d attempts failed (%s); giving up", chat, attempts, error)
                await asyncio.to_thread(self.alerts.mark_failed, batch.ids)
                return True
            delay = min(MAX_BACKOFF_S, 2.0 ** min(attempts, 10))
            logger.warning("alerts to %s: %s; retrying in %.0f s", chat, error, delay)
            await asyncio.to_thread(self.alerts.mark_retry, batch.ids, at=utcnow() + timedelta(seconds=delay))
            return False
        await asyncio.to_thread(self.alerts.mark_sent, batch.ids)
        return True
