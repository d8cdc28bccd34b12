"""The Telegram edge: commands, pasted text, links, forwards, files, buttons, errors.

Each handler pulls the text / links / forward origin / file out of the update, calls one use case (in a worker
thread: the engine is synchronous), renders with bot/replies.py and replies. No SQL, no HTTP of our own, no
text parsing beyond reading Telegram's entities.

Long pastes arrive split by Telegram into parts (4096 characters from its mobile apps, a paragraph break
past half of that from Telegram Desktop): a part that long is held for `paste_pause_s` in case the next
one follows, and the parts are checked as one text. Held parts stay
unfinished in the update ledger, so a crash while holding loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from telegram import (
    Bot,
    CallbackQuery,
    InputFile,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import (
    Application,
    CallbackContext,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ExtBot,
    MessageHandler,
    filters,
)

from bot import charts, export, i18n, replies
from bot.config import Settings
from bot.delivery import Sender, retry_after_seconds
from bot.i18n import N_
from bot.pipeline.alerts import Alerts
from bot.pipeline.budget import Budget
from bot.pipeline.clean import read_input, valid_text
from bot.pipeline.errors import BinaryInput, CrosscheckError, Stopping, TooLarge
from bot.pipeline.fetch import link_scheme
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import IngestReport, SourceInfo

logger = logging.getLogger(__name__)
_Sent = TypeVar("_Sent")

# A part this long may be one of a paste Telegram split: its mobile apps cut at 4,096 characters (a part
# this long is one of theirs), Telegram Desktop at the last paragraph break past half of that (a part
# this long may be one of its). Such a part waits `paste_pause_s` for the rest: a whole message of
# 2,048–3,800 characters is answered that much later, the price of joining Desktop's pastes. After a
# mobile app's part only another of that length is not the last.
SPLIT_PART_CHARS = 3800
DESKTOP_PART_CHARS = 4096 // 2
# A message whose text is links plus at most this many other words is "links", not an article.
LINK_MESSAGE_MAX_WORDS = 8
MAX_LINKS = 5
MAX_SOURCE_NAME = 120  # a reply longer than this to "Who published this?" is a text, not an outlet's name
MAX_FLOOD_WAITS = 5  # a reply waits out this many 429s before it is given up
TYPING_EVERY_S = 4.0  # Telegram shows "typing…" for ~5 s per call
TEXT_FILE_TYPES = ("text/plain", "text/html", "application/xhtml+xml")
TEXT_FILE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md")


class UpdateLedger:
    """In-process side of the update ledger: which updates this process is working on or holding, and
    whether it is stopping (then work in hand is abandoned and left unfinished for the next run)."""

    def __init__(self) -> None:
        self.in_flight: set[int] = set()
        self.held: set[int] = set()  # paste parts waiting for the next part: finished by the flush
        self.abandoned: set[int] = set()  # stopped half-way by a shutdown: left for the next run
        self.forget: set[int] = set()  # a /forget: its own row goes too once it is done
        self.stopping = threading.Event()
        self._locks: dict[int, asyncio.Lock] = {}

    def chat_lock(self, chat_id: int) -> asyncio.Lock:
        """Updates of one chat are handled one at a time, in order; chats run side by side."""
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = self._locks[chat_id] = asyncio.Lock()
        return lock


@dataclass
class _Paste:
    parts: list[str] = field(default_factory=list)
    update_ids: list[int] = field(default_factory=list)
    message: Message | None = None
    generation: int = 0


class PasteBuffer:
    """The parts of a split paste, per chat, until the last part arrives or the pause runs out."""

    def __init__(self) -> None:
        self._pastes: dict[int, _Paste] = {}

    def add(self, chat_id: int, update_id: int, text: str, message: Message) -> tuple[int, list[str]]:
        """Add a part: the paste's generation now, and the parts that came before this one."""
        paste = self._pastes.setdefault(chat_id, _Paste())
        before = list(paste.parts)
        paste.parts.append(text)
        paste.update_ids.append(update_id)
        paste.message = message
        paste.generation += 1
        return paste.generation, before

    def take(self, chat_id: int, generation: int | None = None) -> _Paste | None:
        """The whole paste (and forget it); None if a newer part arrived since `generation`."""
        paste = self._pastes.get(chat_id)
        if paste is None or (generation is not None and paste.generation != generation):
            return None
        return self._pastes.pop(chat_id)


class Services:
    """What handlers reach through `context.bot_data`; filled in once by bot.app.build_application."""

    settings: Settings
    crosscheck: Crosscheck
    alerts: Alerts
    sender: Sender
    ledger: UpdateLedger
    pastes: PasteBuffer
    background: set[asyncio.Task[Any]]
    models_loading: threading.Event  # set while the warm-up loads the models
    # Checking is CPU work, fetching is waiting on the network: each has its own threads, so a slow link
    # never holds up a check, and neither holds up the ledger and commands (the loop's default pool).
    checkers: ThreadPoolExecutor
    fetchers: ThreadPoolExecutor


Context = CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], Services]


# -- reading the update --------------------------------------------------------------------------------------


def forward_source(message: Message) -> SourceInfo | None:
    """Where a forwarded message comes from: the original channel, chat or user, never the forwarder."""
    origin = message.forward_origin
    if origin is None:
        return None
    if isinstance(origin, MessageOriginChannel):
        chat = origin.chat
        name = chat.title or chat.username or "a channel"
        url = f"https://t.me/{chat.username}/{origin.message_id}" if chat.username else None
        source = f"{name} (@{chat.username})" if chat.username and chat.title else name
        return SourceInfo(source=source, url=url, published=origin.date, kind="channel_post")
    if isinstance(origin, MessageOriginChat):
        chat = origin.sender_chat
        name = chat.title or chat.username or "a chat"
        source = f"{name} (@{chat.username})" if chat.username and chat.title else name
        return SourceInfo(source=source, published=origin.date, kind="statement")
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        source = f"{user.full_name} (@{user.username})" if user.username else user.full_name
        return SourceInfo(source=source, published=origin.date, kind="statement")
    if isinstance(origin, MessageOriginHiddenUser):
        return SourceInfo(
            source=f"{origin.sender_user_name} (hidden user)", published=origin.date, kind="statement"
        )
    return SourceInfo(source="a forwarded message", published=origin.date, kind="statement")


# A typed or pasted text: its outlet is read from the text where it says (service), else it is this.
PASTED = SourceInfo(source="pasted text", source_given=False)


def message_text(message: Message) -> str:
    """The text or caption, without the bot's own @mention (groups address it that way), as UTF-8 can
    carry it (clean.valid_text)."""
    text = valid_text(message.text or message.caption or "")
    username = message.get_bot().username
    if username:
        text = text.replace(f"@{username}", " ").strip()
    return text


def message_links(message: Message) -> list[str]:
    """Links in the message (typed or behind text), in order, without repeats.

    A link keeps the scheme it has, whichever: "file:…" or "ftp://…" must reach the fetch guard and be
    refused there, not become https://file….
    """
    found: dict[str, None] = {}
    entities = message.parse_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
    if not entities:
        entities = message.parse_caption_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
    for entity, text in sorted(entities.items(), key=lambda item: item[0].offset):
        url = entity.url if entity.type == MessageEntity.TEXT_LINK and entity.url else text
        if link_scheme(url) is None:  # Telegram marks a bare "example.com/news" as a link too
            url = "https://" + url
        found.setdefault(url, None)
    return list(found)


def is_link_message(text: str, links: Sequence[str]) -> bool:
    if not links:
        return False
    rest = text
    for link in links:
        rest = rest.replace(link, " ").replace(link.removeprefix("https://"), " ")
    return len(rest.split()) <= LINK_MESSAGE_MAX_WORDS


def link_source(url: str) -> SourceInfo:
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    return SourceInfo(source=host, url=url, kind="article", source_given=False)


def command_argument(message: Message) -> str:
    """What follows the command, line breaks kept (context.args would fold them), as UTF-8 can carry it.
    Entity offsets count the text as Telegram sent it, so it is cleaned after the cut."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            return valid_text(text[entity.length :].strip())
    return valid_text(text.strip())


# -- replying ------------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, action: str = ChatAction.TYPING) -> AsyncIterator[None]:
    """Show "typing…" (or another action) while the block runs (Telegram clears it after ~5 s, so repeat)."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id=chat_id, action=action)
            await asyncio.sleep(TYPING_EVERY_S)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def send_replies(
    context: Context, message: Message, messages: Sequence[replies.Reply]
) -> list[Message]:
    quote = message.chat.type != ChatType.PRIVATE
    sent = []
    for i, reply in enumerate(messages):
        answer = await _send_retrying(
            context,
            chat_id=message.chat_id,
            text=reply.text,
            parse_mode=ParseMode.HTML,
            reply_markup=reply.markup,
            disable_web_page_preview=True,
            reply_to_message_id=message.message_id if quote and i == 0 else None,
        )
        sent.append(answer)
    return sent


async def _send_retrying(context: Context, **message: Any) -> Message:
    return await _flood_retried(context, message["chat_id"], lambda: context.bot.send_message(**message))


async def _flood_retried(context: Context, chat_id: int, send: Callable[[], Awaitable[_Sent]]) -> _Sent:
    """Send, waiting out Telegram's flood control (429 with retry_after) as often as it asks, up to
    MAX_FLOOD_WAITS; a reply is the answer to a message already recorded, so it is worth the wait."""
    for attempt in range(MAX_FLOOD_WAITS + 1):
        try:
            return await send()
        except RetryAfter as error:
            if context.bot_data.ledger.stopping.is_set():
                raise Stopping("stopping during flood control") from error
            if attempt == MAX_FLOOD_WAITS:
                raise
            wait = retry_after_seconds(error)
            logger.info("flood control on chat %s: retrying in %.1f s", chat_id, wait)
            await _wait_unless_stopping(context, wait)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _quoted(message: Message) -> int | None:
    """The message an answer quotes: in a group the one it answers (several people talk there)."""
    return message.message_id if message.chat.type != ChatType.PRIVATE else None


async def send_photo(context: Context, message: Message, png: bytes, caption: str) -> None:
    await _flood_retried(
        context,
        message.chat_id,
        lambda: context.bot.send_photo(
            chat_id=message.chat_id,
            photo=png,
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_to_message_id=_quoted(message),
        ),
    )


async def send_file(
    context: Context, message: Message, content: bytes, filename: str, caption: str | None = None
) -> None:
    await _flood_retried(
        context,
        message.chat_id,
        lambda: context.bot.send_document(
            chat_id=message.chat_id,
            document=InputFile(content, filename=filename),
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_to_message_id=_quoted(message),
        ),
    )


async def _wait_unless_stopping(context: Context, seconds: float) -> None:
    """Sleep, looking at the stop signal every quarter second (a shutdown must not wait out a 429)."""
    stopping = context.bot_data.ledger.stopping
    end = asyncio.get_running_loop().time() + seconds
    while (left := end - asyncio.get_running_loop().time()) > 0:
        if stopping.is_set():
            raise Stopping("stopping during a flood-control wait")
        await asyncio.sleep(min(0.25, left))


async def send_text(context: Context, message: Message, text: str) -> None:
    await send_replies(context, message, [replies.Reply(t) for t in replies.split_text(text)])


async def admit(context: Context, message: Message, count: int = 1) -> bool:
    """Count a message's texts or links against its sender's hourly limit; past it, say when they can send
    again, and nothing of the message is checked or recorded."""
    services = context.bot_data
    user = message.from_user.id if message.from_user is not None else message.chat_id
    limit = services.settings.submissions_per_hour
    until = await asyncio.to_thread(services.alerts.take_submissions, user, count, limit=limit)
    if until is None:
        return True
    await send_text(context, message, replies.limit_text(limit, until, datetime.now(UTC)))
    return False


async def answer_report(context: Context, message: Message, report: IngestReport) -> None:
    """Send the answer to a text; an answer that asks who published it is remembered, so that a reply to
    it names the source."""
    sent = await send_replies(context, message, replies.render_report(report))
    if report.ask_source and sent:
        await _awaiting_source(context, message.chat_id, sent[-1].message_id, report.document.id)


async def ask_source(context: Context, message: Message, document_id: int) -> None:
    """Ask on its own who published a recorded paste (one recorded after the chat agreed to recording)."""
    sent = await send_replies(context, message, [replies.who_published_question(document_id)])
    if sent:
        await _awaiting_source(context, message.chat_id, sent[-1].message_id, document_id)


async def _awaiting_source(context: Context, chat_id: int, message_id: int, document_id: int) -> None:
    await asyncio.to_thread(context.bot_data.crosscheck.await_source, chat_id, message_id, document_id)


# -- ingesting -----------------------------------------------------------------------------------------------


def _ingest_for_chat(
    alerts: Alerts, chat_id: int, call: Callable[[Budget], IngestReport], budget: Budget
) -> IngestReport:
    report = call(budget)
    if report.recorded:
        alerts.record_submission(chat_id, report.document.id)
    return report


def budget_of(services: Services) -> Budget:
    """One message's time budget, cut short when the process stops."""
    return Budget(services.settings.max_check_s, stop=services.ledger.stopping)


async def ingest(
    context: Context, message: Message, call: Callable[[Budget], IngestReport], budget: Budget | None = None
) -> IngestReport:
    """Run one ingest use case on a checker thread under the message's budget, "typing…" showing; note who
    sent it; wake the sender."""
    services = context.bot_data
    budget = budget or budget_of(services)
    loop = asyncio.get_running_loop()
    async with typing(context.bot, message.chat_id):
        report = await loop.run_in_executor(
            services.checkers,
            functools.partial(_ingest_for_chat, services.alerts, message.chat_id, call, budget),
        )
    services.sender.wake()
    return report


async def ingest_link(context: Context, message: Message, link: str) -> IngestReport:
    """Fetch on a fetcher thread, then check on a checker thread, under one budget."""
    services = context.bot_data
    crosscheck = services.crosscheck
    budget = budget_of(services)
    loop = asyncio.get_running_loop()
    async with typing(context.bot, message.chat_id):
        page = await loop.run_in_executor(
            services.fetchers, functools.partial(crosscheck.fetch_link, link, budget=budget)
        )
    info = link_source(page.url)  # where the redirects ended: that page's address and host
    return await ingest(
        context,
        message,
        lambda b: crosscheck.ingest_page(page, info, chat_id=message.chat_id, budget=b),
        budget,
    )


async def check_links(context: Context, message: Message, links: Sequence[str]) -> None:
    """Each link fetched and checked; a link that fails is one sentence and does not stop the others. Links
    are recorded whatever the chat chose: a page on the web is public already."""
    if not await admit(context, message, min(len(links), MAX_LINKS)):
        return
    if len(links) == 1:
        report = await ingest_link(context, message, links[0])
        await send_replies(context, message, replies.render_report(report))
        return
    blocks: list[replies.Block] = []
    for link in links[:MAX_LINKS]:
        try:
            report = await ingest_link(context, message, link)
        except CrosscheckError as error:
            blocks.append(replies.Block(f"{replies.esc(link)}\n{replies.esc(replies.error_text(error))}"))
            continue
        blocks += replies.report_blocks(report)
    if len(links) > MAX_LINKS:
        blocks.append(replies.Block(replies.too_many_links(MAX_LINKS)))
    await send_replies(context, message, replies.pack(blocks))


async def check_text(context: Context, message: Message, text: str, info: SourceInfo) -> None:
    """A text typed, pasted or forwarded: kept only if it is a source (service.is_a_source) and the chat
    agreed (service.submit)."""
    if not await admit(context, message):
        return
    crosscheck = context.bot_data.crosscheck
    report = await ingest(
        context, message, lambda b: crosscheck.submit(text, info, chat_id=message.chat_id, budget=b)
    )
    await answer_report(context, message, report)


async def check_file(context: Context, message: Message) -> None:
    document = message.document
    assert document is not None
    settings = context.bot_data.settings
    name = document.file_name or "file"
    if document.file_size and document.file_size > settings.max_upload_bytes:
        raise TooLarge(N_("That file is larger than {limit} bytes."), limit=f"{settings.max_upload_bytes:,}")
    if not ((document.mime_type or "") in TEXT_FILE_TYPES or name.lower().endswith(TEXT_FILE_SUFFIXES)):
        raise BinaryInput(N_("I read .txt and .html files only."))
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    kind, text = read_input(data, filename=name, max_bytes=settings.max_upload_bytes)
    if not await admit(context, message):
        return
    info = forward_source(message) or SourceInfo(source=name, kind="file")
    crosscheck = context.bot_data.crosscheck
    html = kind == "html" or (document.mime_type or "").startswith(("text/html", "application/xhtml"))
    if html:
        info = replace(info, kind="html")
    # A file is a source whatever it says (only_sources off), and follows the chat's choice like a text.
    report = await ingest(
        context,
        message,
        lambda b: crosscheck.submit(
            text, info, chat_id=message.chat_id, html=html, only_sources=False, budget=b
        ),
    )
    await send_replies(context, message, replies.render_report(report))


# -- pastes split by Telegram --------------------------------------------------------------------------------


async def check_paste(context: Context, update: Update, message: Message, text: str) -> None:
    """Hold a long part for the next one; a shorter part ends the paste and the whole is checked."""
    services = context.bot_data
    chat_id = message.chat_id
    generation, before = services.pastes.add(chat_id, update.update_id, text, message)
    mobile = bool(before) and len(before[0]) >= SPLIT_PART_CHARS
    if len(text) >= (SPLIT_PART_CHARS if mobile else DESKTOP_PART_CHARS):
        services.ledger.held.add(update.update_id)
        context.application.create_task(
            _flush_later(context, chat_id, generation), update=update, name=f"crosscheck:paste-{chat_id}"
        )
        return
    paste = services.pastes.take(chat_id)
    if paste is not None:
        await _check_paste(context, paste, current=update.update_id)


async def _flush_later(context: Context, chat_id: int, generation: int) -> None:
    services = context.bot_data
    await asyncio.sleep(services.settings.paste_pause_s)
    async with services.ledger.chat_lock(chat_id):
        paste = services.pastes.take(chat_id, generation)
        if paste is not None:
            await _check_paste(context, paste, current=None)


async def _check_paste(context: Context, paste: _Paste, *, current: int | None) -> None:
    """Check the joined parts; then the held parts are finished (the current update is finished by the
    ledger processor when this handler returns)."""
    services = context.bot_data
    held = [u for u in paste.update_ids if u != current]
    assert paste.message is not None
    message = paste.message
    done = False
    try:
        info = PASTED
        await check_text(context, message, "\n".join(paste.parts), info)
        done = True
    except Stopping:
        raise  # the parts stay unfinished: the next run checks the paste again
    except BaseException:
        done = True  # answered with the error's sentence
        raise
    finally:
        if held:
            if done:
                await asyncio.to_thread(services.alerts.finish_updates, held)
            for update_id in held:
                services.ledger.held.discard(update_id)
                services.ledger.in_flight.discard(update_id)


# -- handlers ------------------------------------------------------------------------------------------------


async def on_message(update: Update, context: Context) -> None:
    """Pasted text, links, a forwarded post (text or caption), or a file."""
    message = update.effective_message
    if message is None:
        return
    if message.document is not None:
        await check_file(context, message)
        return
    text = message_text(message)
    target = message  # the message whose text is checked; the answer goes to `message`
    replied = message.reply_to_message
    if (
        text
        and replied is not None
        and _from_this_bot(replied)
        and await _names_source(context, message, text)
    ):
        return
    if not text and replied is not None and not _from_this_bot(replied) and message_text(replied):
        # "@bot" alone, as a reply to an article in a group: the article is what to check.
        target, text = replied, message_text(replied)
    origin = forward_source(target)
    if not text:
        await send_text(context, message, replies.unsupported())
        return
    if origin is not None:
        await check_text(context, message, text, origin)
        return
    links = message_links(target)
    if is_link_message(text, links):
        await check_links(context, message, links)
        return
    if target is not message:
        # A whole message of its own, not a part of a split paste waiting for the rest.
        await check_text(context, message, text, PASTED)
        return
    await check_paste(context, update, message, text)


async def _names_source(context: Context, message: Message, text: str) -> bool:
    """A reply to the answer that asked "Who published this?": the outlet's name. False for any other
    reply to the bot (and for a text too long to be a name), which is read as usual."""
    assert message.reply_to_message is not None
    if len(text) > MAX_SOURCE_NAME or "\n" in text:
        return False
    crosscheck = context.bot_data.crosscheck
    named = await asyncio.to_thread(
        crosscheck.name_source, message.chat_id, message.reply_to_message.message_id, text
    )
    if named is None:
        return False
    await send_text(context, message, replies.source_named_text(named))
    return True


def _from_this_bot(message: Message) -> bool:
    return message.from_user is not None and message.from_user.id == message.get_bot().id


async def on_added(update: Update, context: Context) -> None:
    """Added to a group: say once what the bot does there and how to ask it."""
    member = update.my_chat_member
    if member is None or member.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    joined = member.new_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR)
    was_out = member.old_chat_member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if joined and was_out:
        try:
            await context.bot.send_message(
                member.chat.id, replies.group_greeting(), parse_mode=ParseMode.HTML
            )
        except TelegramError as error:  # a group where it may not write: the greeting is a courtesy
            logger.info("no greeting in chat %s: %s", member.chat.id, error)


async def on_check(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    argument = command_argument(message)
    if not argument:
        await send_text(context, message, replies.check_usage())
        return
    links = message_links(message)
    if is_link_message(argument, links):
        await check_links(context, message, links)
    else:
        await check_text(context, message, argument, PASTED)


async def on_start(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await send_text(context, update.effective_message, replies.start())


async def on_privacy(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await send_text(context, update.effective_message, replies.privacy())


async def on_help(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await send_text(context, update.effective_message, replies.help_text())


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command this bot has not: say so, and what it has, rather than stay silent."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split(maxsplit=1)[0].partition("@")[0]
    await send_text(context, message, replies.unknown_command(command))


async def on_recent(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    crosscheck = context.bot_data.crosscheck
    views = await asyncio.to_thread(crosscheck.relations, kinds=["conflict"], limit=5)
    await send_replies(context, message, replies.render_recent(views))


async def on_figures(update: Update, context: Context) -> None:
    """The figures recorded for a topic: a list, then a chart of them (drawn on a worker thread)."""
    message = update.effective_message
    if message is None:
        return
    topic = command_argument(message)
    if not topic:
        await send_text(context, message, replies.figures_usage())
        return
    figures = await asyncio.to_thread(context.bot_data.crosscheck.figures, topic)
    await send_replies(context, message, replies.figures_replies(topic, figures))
    chart = replies.figures_chart(topic, figures)
    if chart is not None:
        async with typing(context.bot, message.chat_id, ChatAction.UPLOAD_PHOTO):
            png = await asyncio.to_thread(charts.draw_figures, chart)
        await send_photo(context, message, png, replies.figures_caption(chart, len(figures)))


async def on_export(update: Update, context: Context) -> None:
    """What is recorded of this chat, as a CSV file and a JSON file."""
    message = update.effective_message
    if message is None:
        return
    data = await asyncio.to_thread(context.bot_data.crosscheck.export, message.chat_id)
    if data.empty:
        await send_text(context, message, replies.export_empty())
        return
    table, document = await asyncio.to_thread(lambda: (export.export_csv(data), export.export_json(data)))
    await send_file(context, message, table, replies.EXPORT_CSV_NAME, replies.export_caption(data))
    await send_file(context, message, document, replies.EXPORT_JSON_NAME)


async def on_subscribe(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    words, new = await asyncio.to_thread(
        context.bot_data.alerts.subscribe, message.chat_id, command_argument(message)
    )
    await send_text(context, message, replies.subscribed_text(words, new))


async def on_unsubscribe(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    argument = command_argument(message)
    words = None if argument.casefold() in {"all", ""} else argument
    removed = await asyncio.to_thread(context.bot_data.alerts.unsubscribe, message.chat_id, words)
    await send_text(context, message, replies.unsubscribed_text(words, removed))


async def on_subscriptions(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    words, follows = await asyncio.to_thread(context.bot_data.alerts.subscriptions, message.chat_id)
    await send_text(context, message, replies.subscriptions_text(words, follows))


async def on_forget(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    forgotten = await asyncio.to_thread(context.bot_data.alerts.forget, message.chat_id)
    context.bot_data.ledger.forget.add(update.update_id)  # this update's own row goes once it is answered
    await send_text(context, message, replies.forgotten_text(forgotten))


async def on_undo(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    source = await asyncio.to_thread(context.bot_data.alerts.undo, message.chat_id)
    await send_text(context, message, replies.undone_text(source))


async def on_language(update: Update, context: Context) -> None:
    """The language buttons; the one replies are in now is ticked."""
    message = update.effective_message
    if message is None:
        return
    await send_replies(context, message, [replies.language_menu(i18n.current())])


async def on_settings(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    settings = await asyncio.to_thread(context.bot_data.alerts.chat_settings, message.chat_id)
    await send_replies(context, message, [replies.settings_menu(settings, i18n.current())])


async def on_stats(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    stats = await asyncio.to_thread(context.bot_data.alerts.stats)
    await send_text(context, message, replies.stats_text(stats))


async def on_button(update: Update, context: Context) -> None:
    """🔔 follows a story (or a document's stories); 👍/👎 rate a finding; under an alert, "Mute this" stops
    what it matched and "Why did I get this?" says what that was; a language button sets the chat's
    language."""
    query = update.callback_query
    if query is None:
        return
    if not query.data or update.effective_chat is None:
        # Telegram shows a spinner until a button press is answered
        await query.answer(replies.stale_button())
        return
    alerts = context.bot_data.alerts
    chat_id = update.effective_chat.id
    kind, _, rest = query.data.partition(":")
    if kind == replies.PAGE:
        await _turn_page(context, query, rest)
        return
    if kind in (replies.CONSENT, replies.RECORD_QUESTION, replies.NO_SOURCE):
        await _on_record_button(context, query, chat_id, kind, rest)
        return
    if kind == replies.LANGUAGE:
        await _choose_language(context, query, chat_id, rest)
        return
    popup = False
    try:
        if kind == replies.FOLLOW:
            story = await asyncio.to_thread(alerts.follow_relation, chat_id, _row_id(rest))
            answer = replies.followed_text([story] if story else [])
        elif kind == replies.FOLLOW_DOCUMENT:
            stories = await asyncio.to_thread(alerts.follow_document, chat_id, _row_id(rest))
            answer = replies.followed_text(stories)
        elif kind == replies.MUTE:
            muted = await asyncio.to_thread(alerts.mute, chat_id, _row_id(rest))
            answer = replies.muted_text(muted)
        elif kind == replies.WHY:
            why = await asyncio.to_thread(alerts.why, chat_id, _row_id(rest))
            answer, popup = replies.why_text(why), True
        elif kind == replies.VOTE:
            relation, _, vote = rest.partition(":")
            up = int(vote) > 0
            noted = await asyncio.to_thread(alerts.vote, chat_id, _row_id(relation), 1 if up else -1)
            answer = replies.voted_text(up) if noted else replies.stale_button()
        else:
            answer = replies.stale_button()
    except ValueError:
        answer = replies.stale_button()
    await query.answer(answer[:200], show_alert=popup)
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    if markup is not None and kind != replies.WHY:  # a question asked changes nothing to mark
        rows = tuple(tuple((b.text, str(b.callback_data)) for b in row) for row in markup.inline_keyboard)
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(
                reply_markup=replies.keyboard(replies.pressed(rows, query.data))
            )


async def _on_record_button(
    context: Context, query: CallbackQuery, chat_id: int, kind: str, rest: str
) -> None:
    """[Record my texts] / [Only check, never record], [It's a source — record it], [Don't know]: the
    pressed button goes from its message (the others stay), and what was recorded is said."""
    services = context.bot_data
    crosscheck = services.crosscheck
    message = query.message if isinstance(query.message, Message) else None
    done: list[IngestReport] = []
    try:
        if kind == replies.CONSENT:
            if rest not in ("0", "1"):
                raise ValueError(rest)  # a forged button: neither answer
            records = rest == "1"
            done = await asyncio.to_thread(crosscheck.choose, chat_id, records=records)
            services.sender.wake()
            text: str | None = replies.chosen_text(records, sum(r.recorded for r in done))
            answer = ""
        elif kind == replies.RECORD_QUESTION:
            report = await asyncio.to_thread(crosscheck.record_question, chat_id, _row_id(rest))
            services.sender.wake()
            answer = replies.nothing_held() if report is None else ""
            text = None
        else:
            await asyncio.to_thread(crosscheck.skip_source, chat_id, _row_id(rest))
            report, answer, text = None, replies.source_stays(), None
    except ValueError:
        await query.answer(replies.stale_button())
        return
    await query.answer(answer[:200] or None)
    if message is not None and message.reply_markup is not None:
        # The consent question's two buttons go together; other buttons of the message stay.
        gone = (f"{replies.CONSENT}:",) if kind == replies.CONSENT else (str(query.data),)
        rows = tuple(
            row
            for row in (
                tuple((b.text, str(b.callback_data)) for b in r if not str(b.callback_data).startswith(gone))
                for r in message.reply_markup.inline_keyboard
            )
            if row
        )
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=replies.keyboard(rows))
    if message is None:
        return
    if text is not None:
        await send_text(context, message, text)
        # Of the pastes just recorded that named no outlet, the last is asked about: one open question a chat.
        unnamed = [r for r in done if r.ask_source]
        if unnamed:
            await ask_source(context, message, unnamed[-1].document.id)
    elif kind == replies.RECORD_QUESTION and report is not None:
        await answer_report(context, message, report)


async def _choose_language(context: Context, query: CallbackQuery, chat_id: int, language: str) -> None:
    """A language button (/language, /settings): stored for the chat, and said in that language."""
    if language not in i18n.LANGUAGES:
        await query.answer(replies.stale_button())
        return
    await asyncio.to_thread(context.bot_data.alerts.set_language, chat_id, language)
    i18n.set_current(language)  # the rest of this update is in the new language
    await query.answer(replies.LANGUAGE_NAMES[language] + " ✓")
    with contextlib.suppress(TelegramError):  # the message is gone: the choice is stored all the same
        await query.edit_message_text(replies.language_chosen(language), parse_mode=ParseMode.HTML)


async def _turn_page(context: Context, query: CallbackQuery, rest: str) -> None:
    """ "Show all", "Next", "Previous": the answer's message is edited to that page of its findings."""
    document, _, page = rest.partition(":")
    try:
        document_id, number = _row_id(document), int(page)
    except ValueError:
        await query.answer(replies.stale_button())
        return
    views = await asyncio.to_thread(context.bot_data.crosscheck.document_relations, document_id)
    reply = replies.findings_page(views, document_id, number)
    await query.answer()
    with contextlib.suppress(TelegramError):  # the message is gone, or already shows that page
        await query.edit_message_text(
            reply.text, parse_mode=ParseMode.HTML, reply_markup=replies.keyboard(reply.buttons)
        )


def _row_id(text: str) -> int:
    """A row id from a button's data; ValueError for anything a database id cannot be (a forged button)."""
    value = int(text)
    if not 0 < value < 2**63:
        raise ValueError(text)
    return value


async def on_error(update: object, context: Context) -> None:
    """A CrosscheckError becomes its sentence; anything else is logged and the user gets an apology."""
    error = context.error
    if isinstance(error, Stopping):
        if isinstance(update, Update):
            context.bot_data.ledger.abandoned.add(update.update_id)  # the next run handles it
        return
    if isinstance(error, RetryAfter):
        # Flood control outlasted the waits: an apology would be refused the same way.
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        wait = retry_after_seconds(error)
        logger.warning("flood control: a reply to chat %s given up (retry_after %.0f s)", chat, wait)
        return
    if isinstance(error, CrosscheckError):
        text = replies.esc(replies.error_text(error))
    else:
        logger.error("error while handling an update", exc_info=error)
        text = replies.apology()
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer(text[:200])
            return
        message = update.effective_message
        quote = message is not None and update.effective_chat.type != ChatType.PRIVATE
        try:
            await _send_retrying(
                context,
                chat_id=update.effective_chat.id,
                text=text,
                parse_mode=ParseMode.HTML,
                reply_to_message_id=message.message_id if quote and message is not None else None,
            )
        except TelegramError as failed:
            logger.warning("could not tell chat %s about an error: %s", update.effective_chat.id, failed)


# -- registration --------------------------------------------------------------------------------------------


class _AddressedToBot(filters.MessageFilter):
    """In groups: a mention of the bot, or a reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".casefold()
        texts = [*message.parse_entities([MessageEntity.MENTION]).values()]
        texts += message.parse_caption_entities([MessageEntity.MENTION]).values()
        return any(t.casefold() == mention for t in texts)


class _CommandToThisBot(filters.MessageFilter):
    """A command addressed to this bot by name ("/weather@this_bot")."""

    def filter(self, message: Message) -> bool:
        first = (message.text or "").split(maxsplit=1)
        suffix = f"@{message.get_bot().username}".casefold()
        return bool(first) and first[0].casefold().endswith(suffix)


def register(application: Application[Any, Any, Any, Any, Services, Any]) -> None:
    commands: dict[str, Callable[[Update, Context], Any]] = {
        "start": on_start,
        "help": on_help,
        "check": on_check,
        "recent": on_recent,
        "figures": on_figures,
        "export": on_export,
        "subscribe": on_subscribe,
        "unsubscribe": on_unsubscribe,
        "subscriptions": on_subscriptions,
        "forget": on_forget,
        "undo": on_undo,
        "privacy": on_privacy,
        "stats": on_stats,
        "language": on_language,
        "settings": on_settings,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE))
    # Commands no handler above took: in a private chat any, in a group only those addressed to this bot
    # ("/weather@this_bot"), not another bot's.
    unknown = filters.UpdateType.MESSAGE & filters.COMMAND
    application.add_handler(MessageHandler(unknown & filters.ChatType.PRIVATE, on_unknown_command))
    application.add_handler(
        MessageHandler(unknown & filters.ChatType.GROUPS & _CommandToThisBot(), on_unknown_command)
    )
    content = filters.UpdateType.MESSAGE & ~filters.COMMAND
    application.add_handler(MessageHandler(content & filters.ChatType.PRIVATE, on_message))
    application.add_handler(MessageHandler(content & filters.ChatType.GROUPS & _AddressedToBot(), on_message))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(ChatMemberHandler(on_added, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_error_handler(on_error)
