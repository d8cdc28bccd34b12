"""The one place the bot is wired: `build_application(settings)` for `crosscheck run` and for the tests alike.

    build_application → CrosscheckApplication (PTB) with
        bot_data = Services (settings, engine use cases, alert sender, update ledger, paste buffer, pools)
        update queue = LedgerQueue: writes each update to the ledger as it arrives, before the next getUpdates
            (or the webhook's answer) tells Telegram it was received
        update processor = LedgerProcessor: claims each update before its handler runs, skips redeliveries,
            keeps each chat in order, sets the update's reply language (bot/i18n.py), marks the update
            finished when its handler is done
        post_init: schema, setMyCommands (English by default, and per language), thread pools, re-queue
            updates an earlier run left unfinished, start the sender
        stop: first tells the work in hand to stop (it is left unfinished for the next run), then PTB's stop
        post_stop / post_shutdown: stop the sender (messages in flight finish), close pools and the database
    run_bot → long polling (one poller per database, held by a lock) or a webhook until Ctrl-C / SIGTERM

Nothing happens at import time.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import socket
import sys
import threading
from collections.abc import Awaitable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes

from bot import handlers, i18n, replies
from bot.config import Settings
from bot.delivery import Sender
from bot.handlers import PasteBuffer, Services, UpdateLedger
from bot.pipeline.alerts import Alerts
from bot.pipeline.clean import valid_text
from bot.pipeline.service import Crosscheck
from storage.db import PollerLock, make_engine
from storage.schema import SchemaOutOfDate, ensure_current

logger = logging.getLogger(__name__)

EXIT_BAD_TOKEN = 2
EXIT_UNREACHABLE = 1
EXIT_BUSY = 3
MAX_CONCURRENT_UPDATES = 16  # chats handled side by side (each chat stays in order)
UNBOUNDED_TASKS = 1 << 30
LEDGER_THREADS = 8  # the loop's default pool: ledger, commands and the sender's database work
RECORD_RETRY_S = (0.5, 1.0, 2.0, 5.0)  # waits between tries to record an arriving update, the last repeated
POLLER_INSTANCE = "poller"  # the one poller of a database (PollerLock) owns the claims of the last one
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]

BotApplication = Application[Any, Any, Any, Any, Services, Any]


class CrosscheckApplication(Application[Any, Any, Any, Any, Services, Any]):
    """PTB's Application, whose stop first tells the work in hand to stop: PTB's own stop waits for every
    queued update to be handled, which after a burst of pastes would outlast any shutdown grace."""

    async def stop(self) -> None:
        self.bot_data.ledger.stopping.set()
        await super().stop()


class LedgerQueue(asyncio.Queue[object]):
    """The update queue: an update is written to the ledger before it is queued. The Updater confirms a
    batch to Telegram (the next getUpdates' offset) and a webhook answers Telegram only after every put has
    returned, so an update Telegram forgets is one we have on disk. While the database is unreachable the
    put waits, and so does the confirmation."""

    def __init__(self, alerts: Alerts, ledger: UpdateLedger) -> None:
        super().__init__()
        self.alerts = alerts
        self.ledger = ledger

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            await self._record(item)
        await super().put(item)

    async def _record(self, update: Update) -> None:
        chat_id = update.effective_chat.id if update.effective_chat is not None else None
        row = (update.update_id, chat_id, update_payload(update))
        for attempt in itertools.count():
            try:
                await asyncio.to_thread(self.alerts.record_fetched, [row])
                return
            except SQLAlchemyError as error:
                if self.ledger.stopping.is_set():
                    raise
                wait = RECORD_RETRY_S[min(attempt, len(RECORD_RETRY_S) - 1)]
                logger.warning("cannot record update %s (%s); retrying in %.1f s", row[0], error, wait)
                await asyncio.sleep(wait)


def update_payload(update: Update) -> str:
    """The update as the ledger keeps it: JSON, as readable as it can be and exactly as received. A text
    Telegram cut inside an emoji holds a lone surrogate, which UTF-8 storage refuses: such an update is
    kept with JSON's \\u escapes, which load back to the same text."""
    data = update.to_dict()
    payload = json.dumps(data, ensure_ascii=False)
    return payload if valid_text(payload) is payload else json.dumps(data)


class LedgerProcessor(BaseUpdateProcessor):
    """Claims every update before it is acted on and finishes it after; skips updates already finished or
    being handled (Telegram redelivers what PTB had not confirmed when the process died). Once the process
    is stopping, updates not begun and work cut off are left unfinished: the next run does them."""

    def __init__(self, ledger: UpdateLedger, alerts: Alerts, max_concurrent_updates: int) -> None:
        # PTB takes its slot before do_process_update, so a chat with a backlog, its updates waiting on
        # their chat's lock, would hold every slot and stall the other chats. Here the chat's turn comes
        # first and then one of our own slots. PTB makes a task for every fetched update whatever its
        # bound, so its bound is set out of the way.
        super().__init__(UNBOUNDED_TASKS)
        self.slots = asyncio.Semaphore(max_concurrent_updates)
        self.ledger = ledger
        self.alerts = alerts

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        update_id = update.update_id
        if update_id in self.ledger.in_flight or self.ledger.stopping.is_set():
            _close(coroutine)
            return
        self.ledger.in_flight.add(update_id)
        chat_id = update.effective_chat.id if update.effective_chat is not None else None
        lock = self.ledger.chat_lock(chat_id) if chat_id is not None else contextlib.nullcontext()
        finished = False
        try:
            # The chat lock is taken first: tasks reach it in the order PTB fetched the updates.
            async with lock, self.slots:
                if self.ledger.stopping.is_set():
                    _close(coroutine)
                    return
                payload = update_payload(update)
                user = update.effective_user
                seen = i18n.language_of(user.language_code) if user and user.language_code else None
                decision, chosen = await asyncio.to_thread(
                    functools.partial(
                        self.alerts.begin_update,
                        update_id,
                        chat_id=chat_id,
                        payload=payload,
                        seen_language=seen,
                    )
                )
                if decision == "skip":
                    logger.info("update %s was handled already; skipping it", update_id)
                    _close(coroutine)
                    finished = True
                    return
                # This task is this update's alone: what it renders, and the threads it starts, see this.
                i18n.set_current(chosen or seen or i18n.DEFAULT)
                await coroutine
            if update_id in self.ledger.held:
                return  # a paste part waiting for the next one: the flush finishes it
            if update_id in self.ledger.abandoned:
                return  # cut off by the stop: the next run handles it again
            if update_id in self.ledger.forget:
                await asyncio.to_thread(self.alerts.drop_updates, [update_id])
            else:
                await asyncio.to_thread(self.alerts.finish_updates, [update_id])
            finished = True
        finally:
            self.ledger.abandoned.discard(update_id)
            self.ledger.forget.discard(update_id)
            if finished or update_id not in self.ledger.held:
                self.ledger.in_flight.discard(update_id)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _close(coroutine: Awaitable[Any]) -> None:
    if isinstance(coroutine, Coroutine):
        coroutine.close()


def build_application(
    settings: Settings, crosscheck: Crosscheck | None = None, *, instance: str | None = None
) -> BotApplication:
    """The bot as a PTB Application over the database of `settings` (or of `crosscheck`, whose engine and
    extractor are then shared; its `on_relations` hook is set to queue alerts if it has none)."""
    token = settings.telegram_token
    if not token:
        raise InvalidToken("TELEGRAM_BOT_TOKEN is not set.")
    engine = crosscheck.engine if crosscheck is not None else make_engine(settings.database_url)
    alerts = Alerts(engine, render_alert=replies.render_alert, instance=instance)
    if crosscheck is None:
        crosscheck = Crosscheck(engine, settings, on_relations=alerts.on_relations)
    elif crosscheck.on_relations is None:
        crosscheck.on_relations = alerts.on_relations
    ledger = UpdateLedger()
    application: BotApplication = (
        ApplicationBuilder()
        .application_class(CrosscheckApplication)
        .update_queue(LedgerQueue(alerts, ledger))
        .token(token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.file_url)
        .context_types(ContextTypes(bot_data=Services))
        .concurrent_updates(LedgerProcessor(ledger, alerts, MAX_CONCURRENT_UPDATES))
        # Overall and per-group pace for every call; RetryAfter is left to the caller (max_retries=0):
        # replies retry it themselves, the alert sender reschedules the row.
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.alerts_per_s,
                overall_time_period=1,
                group_max_rate=20,
                group_time_period=60,
                max_retries=0,
            )
        )
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    services = application.bot_data
    services.settings = settings
    services.crosscheck = crosscheck
    services.alerts = alerts
    services.ledger = ledger
    services.pastes = PasteBuffer()
    services.background = set()
    services.models_loading = threading.Event()
    services.sender = Sender(
        application.bot,
        alerts,
        per_chat_rate=settings.alerts_per_chat_per_s,
        overall_rate=settings.alerts_per_s,
    )
    handlers.register(application)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_QUIET_FLOOD_CONTROL)  # once: a set
    return application


async def _post_init(application: BotApplication) -> None:
    services = application.bot_data
    settings = services.settings
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(LEDGER_THREADS, thread_name_prefix="crosscheck-ledger")
    )
    services.checkers = ThreadPoolExecutor(settings.checker_threads, thread_name_prefix="crosscheck-check")
    services.fetchers = ThreadPoolExecutor(settings.fetcher_threads, thread_name_prefix="crosscheck-fetch")
    await asyncio.to_thread(ensure_current, services.crosscheck.engine)
    try:
        # The default menu is English; Telegram shows a user whose app is in ru or uk theirs.
        await application.bot.set_my_commands(replies.commands(i18n.DEFAULT))
        for language in i18n.LANGUAGES:
            if language != i18n.DEFAULT:
                await application.bot.set_my_commands(replies.commands(language), language_code=language)
    except TelegramError:
        logger.warning("could not register the bot's commands", exc_info=True)
    # The models take a moment to load: before the first update is read, so that the first answer is as
    # quick as the rest (Telegram keeps what is sent meanwhile). A stop meanwhile leaves the thread loading:
    # run_bot then ends the process without waiting for it.
    services.models_loading.set()
    await asyncio.to_thread(_warm_up, services.crosscheck, services.models_loading)
    await requeue_unfinished(application)
    released = await asyncio.to_thread(services.alerts.release_outbox)  # claimed by our last run
    if released:
        logger.info("%d alerts claimed by the last run go out again", released)
    services.sender.start()


def _warm_up(crosscheck: Crosscheck, loading: threading.Event) -> None:
    try:
        crosscheck.warm_up()
    except Exception:
        logger.exception("could not load the models; ingests will fail until they load")
    finally:
        loading.clear()


async def requeue_unfinished(application: BotApplication) -> int:
    """Put the updates an earlier run recorded but never finished back in the queue, oldest first."""
    services = application.bot_data
    pending = await asyncio.to_thread(services.alerts.unfinished_updates)
    for item in pending:
        update = Update.de_json(json.loads(item.payload), application.bot)
        await application.update_queue.put(update)
    if pending:
        logger.info("re-running %d updates left unfinished by the last run", len(pending))
    return len(pending)


async def _post_stop(application: BotApplication) -> None:
    await application.bot_data.sender.stop()


async def _post_shutdown(application: BotApplication) -> None:
    services = application.bot_data
    # post_shutdown also runs when start-up failed half-way (a wrong token): all of this is idempotent.
    await services.sender.stop()
    services.ledger.stopping.set()  # also when start-up failed before stop()
    for task in list(services.background):
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=30)
    for pool in (getattr(services, "checkers", None), getattr(services, "fetchers", None)):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)  # what runs sees `stopping` and ends
    services.crosscheck.engine.dispose()


def run_bot(settings: Settings, *, webhook_url: str | None, listen: str, port: int) -> int:
    """Run the bot until Ctrl-C / SIGTERM; long polling, or a webhook when `webhook_url` is given."""
    if not settings.telegram_token:
        print(
            "crosscheck: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather; see the README)",
            file=sys.stderr,
        )
        return EXIT_BAD_TOKEN
    engine = make_engine(settings.database_url)
    try:
        ensure_current(engine)  # a new empty database is created; an old one is refused, in one line
    except SchemaOutOfDate as error:
        print(f"crosscheck: {error}", file=sys.stderr)
        return EXIT_BAD_TOKEN
    except SQLAlchemyError as error:
        print(f"crosscheck: cannot open the database: {error.__class__.__name__}", file=sys.stderr)
        return EXIT_UNREACHABLE
    finally:
        engine.dispose()
    poller = None
    # The lock's own engine: disposed with the lock, or its pooled connection outlives the process's end.
    lock_engine = make_engine(settings.database_url)
    if not webhook_url:
        poller = PollerLock(lock_engine)
        if not poller.acquire():
            lock_engine.dispose()
            print(
                "crosscheck: another crosscheck is already polling this database; run one poller per "
                "database (several processes can serve a webhook)",
                file=sys.stderr,
            )
            return EXIT_BUSY
    # Several processes may share the database: each is named by where it listens (see Alerts.instance);
    # the poller holds the lock, so it may take over whatever an earlier poller left, wherever that ran.
    instance = os.environ.get("CROSSCHECK_INSTANCE") or (
        f"{socket.gethostname()}:{port}" if webhook_url else POLLER_INSTANCE
    )
    try:
        code, models_loading = _run(settings, instance, webhook_url=webhook_url, listen=listen, port=port)
    finally:
        if poller is not None:
            poller.release()
        lock_engine.dispose()
    if models_loading:
        # Stopped while the models load (a thread no signal reaches): everything is recorded and closed,
        # so the process ends now rather than when the load is done, seconds later.
        logger.info("stopped while the models were loading")
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run(
    settings: Settings, instance: str, *, webhook_url: str | None, listen: str, port: int
) -> tuple[int, bool]:
    """Run the application; its exit code, and whether its models were still loading at the end."""
    application = build_application(settings, instance=instance)
    code = _serve(application, settings, webhook_url=webhook_url, listen=listen, port=port)
    return code, application.bot_data.models_loading.is_set()


def _serve(
    application: BotApplication, settings: Settings, *, webhook_url: str | None, listen: str, port: int
) -> int:
    assert settings.telegram_token
    # We print one line for a failed start; PTB's own traceback of the same failure would bury it.
    quiet = _QuietBootstrap()
    logging.getLogger("telegram.ext").addFilter(quiet)
    try:
        if webhook_url:
            if importlib.util.find_spec("tornado") is None:  # PTB's webhook server
                print(
                    "crosscheck: webhooks need python-telegram-bot[webhooks] (tornado); use long polling",
                    file=sys.stderr,
                )
                return EXIT_BAD_TOKEN
            application.run_webhook(
                listen=listen,
                port=port,
                url_path=urlsplit(webhook_url).path.lstrip("/"),
                webhook_url=webhook_url,
                secret_token=hashlib.sha256(settings.telegram_token.encode()).hexdigest()[:32],
                allowed_updates=ALLOWED_UPDATES,
                close_loop=False,
            )
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, close_loop=False)
    except InvalidToken:
        print("crosscheck: Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)", file=sys.stderr)
        return EXIT_BAD_TOKEN
    except NetworkError as error:
        print(
            f"crosscheck: cannot reach the Bot API at {settings.telegram_api_url}: {error}", file=sys.stderr
        )
        return EXIT_UNREACHABLE
    finally:
        logging.getLogger("telegram.ext").removeFilter(quiet)
        _close_loop(application)
    return 0


def _close_loop(application: BotApplication) -> None:
    """Close the bot's connections, then the loop PTB ran on. PTB shuts an application down only once it
    has started: after a refused token its open connections would be left to the garbage collector."""
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(application.bot.shutdown())
    finally:
        loop.close()


class _QuietFloodControl(logging.Filter):
    """PTB's rate limiter logs every 429 it passes on as an error with a traceback; the caller waits it out
    and logs one line (handlers._send_retrying, delivery.Sender)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, RetryAfter)


_QUIET_FLOOD_CONTROL = _QuietFloodControl()


class _QuietBootstrap(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno >= logging.ERROR and "Bootstrap" in record.getMessage())
