"""What a chat agrees to, through the real bot: asked once before its first text is recorded (also after a
restart), both answers' effect on what is stored and on what other chats see, a question recorded by its
button, "Who published this?" answered by a reply, a link's source after redirects, and the hourly limit."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from botkit import bot_env
from fakebotapi import BOT_ID, Call, FakeBotAPI
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from storage.models import DocumentRow, SubmissionRow

# Invented: a flood in an invented town, told by two voices that disagree.
HARBOUR_OFFICIALS = (
    "Officials in Kestrel Bay said 48 people were hurt in the flood on Monday. Officials said 12 people "
    "were killed. Police said 30 people were arrested after the flood."
)
HARBOUR_RIGHTS_GROUP = (
    "A rights group in Kestrel Bay said 80 people were hurt in the flood on Monday. The rights group said "
    "25 people were killed. Lawyers said 60 people were arrested after the flood."
)
HARBOUR_LATER = "Officials in Kestrel Bay said 200 people were evacuated after the flood on Monday."
MILL_FIRE = "Officials in Dunmere said 14 people were hurt in the mill fire on Tuesday."


def documents(engine: Engine) -> list[DocumentRow]:
    with Session(engine) as session:
        return list(session.exec(select(DocumentRow).order_by(col(DocumentRow.id))).all())


def buttons(call: Call) -> list[str]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b["callback_data"] for row in markup["inline_keyboard"] for b in row]


def shown(fake: FakeBotAPI, call: Call) -> dict[str, Any]:
    """The bot's message as Telegram hands it back in a button press or a reply."""
    assert call.message_id is not None and call.chat_id is not None
    message: dict[str, Any] = {
        "message_id": call.message_id,
        "date": 0,
        "chat": {"id": call.chat_id, "type": "private"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Crosscheck"},
        "text": call.text,
    }
    if call.params.get("reply_markup"):
        message["reply_markup"] = call.params["reply_markup"]
    return message


async def say(fake: FakeBotAPI, chat_id: int, text: str, **extra: Any) -> Call:
    """Send a text and wait for the bot's next message to that chat."""
    before = len(fake.sent(chat_id))
    fake.queue(fake.text_update(chat_id, text, **extra))
    found = await fake.wait_for("sendMessage", chat_id=chat_id, count=before + 1)
    return found[before]


async def press(fake: FakeBotAPI, chat_id: int, data: str, on: Call) -> Call:
    """Press a button under the bot's message `on`; the press's answer."""
    before = len(fake.sent(method="answerCallbackQuery"))
    fake.queue(fake.callback_update(chat_id, data, shown(fake, on)))
    return (await fake.wait_for("answerCallbackQuery", count=before + 1))[before]


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


async def test_consent_is_asked_once_even_after_a_restart_and_record_keeps_what_was_held(
    tmp_path, engine: Engine
) -> None:
    database = url_of(engine)
    fake = FakeBotAPI()  # one server across the restart, as Telegram is: update ids go on
    await fake.start()
    try:
        await _asked_once_across_a_restart(tmp_path, fake, engine, database)
    finally:
        await fake.stop()


async def _asked_once_across_a_restart(tmp_path, fake: FakeBotAPI, engine: Engine, database: str) -> None:
    async with bot_env(tmp_path, fake=fake, database_url=database, ask_before_recording=True):
        first = await say(fake, 61, HARBOUR_OFFICIALS)
        assert "Not recorded yet: 3 figures" in first.text and "recorded as public sources" in first.text
        assert buttons(first) == ["cs:1", "cs:0"]
        second = await say(fake, 61, HARBOUR_LATER)
        assert "Not recorded yet" in second.text and "public sources" not in second.text
        assert buttons(second) == []
        assert documents(engine) == []
    async with bot_env(tmp_path, fake=fake, database_url=database, ask_before_recording=True):
        third = await say(fake, 61, MILL_FIRE)
        assert "Not recorded yet" in third.text and buttons(third) == []  # asked before the restart
        await press(fake, 61, "cs:1", first)
        [chosen] = await fake.wait_for("sendMessage", chat_id=61, where=lambda c: "From now on" in c.text)
        assert "I recorded the 3 texts you sent before" in chosen.text
        # The last of them named no outlet: asked about, as a paste recorded at once would be.
        await fake.wait_for("sendMessage", chat_id=61, where=lambda c: "Who published" in c.text)
        [edit] = fake.sent(61, "editMessageReplyMarkup")
        assert not edit.params.get("reply_markup")  # the question's buttons are gone
        assert len(documents(engine)) == 3
        with Session(engine) as session:
            assert {s.chat_id for s in session.exec(select(SubmissionRow)).all()} == {61}
        after = await say(fake, 61, "Officials in Dunmere said 3 people were missing after the mill fire.")
        assert "Recorded: 1 figure" in after.text and len(documents(engine)) == 4
        # Another chat, asked in its turn, is answered with what chat 61's texts say.
        other = await say(fake, 62, HARBOUR_RIGHTS_GROUP)
        assert "Conflict" in other.text and "48 people" in other.text
        assert "Not recorded yet" in other.text and buttons(other) == ["cs:1", "cs:0"]
        assert len(documents(engine)) == 4


async def test_only_check_never_records_and_other_chats_never_see_those_texts(tmp_path) -> None:
    async with page_server() as pages, bot_env(tmp_path, ask_before_recording=True) as env:
        fake = env.fake
        first = await say(fake, 71, HARBOUR_OFFICIALS)
        await press(fake, 71, "cs:0", first)
        [chosen] = await fake.wait_for("sendMessage", chat_id=71, where=lambda c: "only check" in c.text)
        assert "never record" in chosen.text
        later = await say(fake, 71, HARBOUR_LATER)
        assert "Checked, not recorded" in later.text and "public sources" not in later.text
        assert documents(env.engine) == []
        # A link is recorded whatever the chat chose: the page is public already.
        fake.queue(fake.link_update(71, pages.url("/story/7")))
        await fake.wait_for("sendMessage", chat_id=71, count=4)
        [page] = documents(env.engine)
        assert page.url is not None and page.url.endswith("/story/7")
        other = await say(fake, 72, HARBOUR_RIGHTS_GROUP)
        assert "48 people" not in other.text and "Conflict" not in other.text
        assert "Not recorded yet" in other.text
        # /forget deletes the choice: the chat is asked again.
        forgot = await say(fake, 71, "/forget", entities=[{"type": "bot_command", "offset": 0, "length": 7}])
        assert "Forgotten: 1 text only this chat sent" in forgot.text
        again = await say(fake, 71, MILL_FIRE)
        assert buttons(again) == ["cs:1", "cs:0"]


async def test_a_question_is_recorded_when_its_button_says_it_is_a_source(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        await say(fake, 81, HARBOUR_OFFICIALS)
        question = await say(
            fake, 82, "Is it true that 80 people were hurt in the Kestrel Bay flood on Monday?"
        )
        assert "a question is not a source" in question.text and "48 people" in question.text
        [record] = buttons(question)
        assert record.startswith("rq:") and len(documents(env.engine)) == 1
        await press(fake, 82, record, question)
        [recorded] = await fake.wait_for("sendMessage", chat_id=82, where=lambda c: "Recorded" in c.text)
        assert "Recorded: 1 figure" in recorded.text and "48 people" in recorded.text
        assert len(documents(env.engine)) == 2
        with Session(env.engine) as session:
            assert [s.chat_id for s in session.exec(select(SubmissionRow)).all()] == [81, 82]
        # The button again (a second press, or a forged one): nothing more is recorded.
        gone = await press(fake, 82, record, question)
        assert "no longer held" in gone.params.get("text", "") and len(documents(env.engine)) == 2


async def test_a_reply_to_who_published_this_names_the_source_other_chats_see(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        answer = await say(fake, 91, HARBOUR_OFFICIALS)
        assert "Who published this?" in answer.text
        [document] = documents(env.engine)
        assert document.source == "pasted text" and buttons(answer)[-1] == f"sn:{document.id}"
        thanks = await say(fake, 91, "Kestrel Courier", reply_to_message=shown(fake, answer))
        assert "source is now <b>Kestrel Courier</b>" in thanks.text
        assert [d.source for d in documents(env.engine)] == ["Kestrel Courier"]
        conflict = await say(fake, 92, HARBOUR_RIGHTS_GROUP)
        assert "Conflict" in conflict.text and "Kestrel Courier" in conflict.text
        # [Don't know] closes the question: a reply to it is then read as a text of its own.
        stays = await press(fake, 92, buttons(conflict)[-1], conflict)
        assert "stays" in stays.params.get("text", "")
        again = await say(fake, 92, "Marsh Gazette", reply_to_message=shown(fake, conflict))
        assert "kept nothing" in again.text
        assert [d.source for d in documents(env.engine)] == ["Kestrel Courier", "pasted text"]


async def test_a_paste_recorded_when_the_chat_agrees_is_asked_who_published_it(tmp_path) -> None:
    async with bot_env(tmp_path, ask_before_recording=True) as env:
        fake = env.fake
        first = await say(fake, 95, HARBOUR_OFFICIALS)
        assert "Not recorded yet" in first.text and "Who published this?" not in first.text
        await press(fake, 95, "cs:1", first)
        [asked] = await fake.wait_for("sendMessage", chat_id=95, where=lambda c: "Who published" in c.text)
        [document] = documents(env.engine)
        assert buttons(asked) == [f"sn:{document.id}"]
        thanks = await say(fake, 95, "Kestrel Courier", reply_to_message=shown(fake, asked))
        assert "source is now <b>Kestrel Courier</b>" in thanks.text
        assert [d.source for d in documents(env.engine)] == ["Kestrel Courier"]


async def test_a_link_that_redirects_is_recorded_under_its_final_address_and_host(tmp_path) -> None:
    async with page_server() as pages, bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.link_update(95, pages.url("/go")))
        [reply] = await fake.wait_for("sendMessage", chat_id=95)
        [document] = documents(env.engine)
        assert document.url == pages.final_url("/story/7")
        assert document.source == "127.0.0.2"  # the host it ended on, the page having no og:site_name
        assert "127.0.0.2" in reply.text and "Who published this?" not in reply.text


async def test_past_the_hourly_limit_a_user_is_told_when_to_send_again(tmp_path) -> None:
    async with bot_env(tmp_path, submissions_per_hour=2) as env:
        fake = env.fake
        await say(fake, 97, HARBOUR_OFFICIALS)
        await say(fake, 97, MILL_FIRE)
        refused = await say(fake, 97, HARBOUR_LATER)
        assert "You have sent 2 texts or links in the last hour" in refused.text
        assert re.search(r"You can send more at \d\d:\d\d UTC \(in \d+ minutes?\)", refused.text)
        assert len(documents(env.engine)) == 2 and "200 people" not in refused.text
        fake.queue(fake.command_update(97, "/help"))
        await fake.wait_for("sendMessage", chat_id=97, where=lambda c: "Commands" in c.text)
        other = await say(fake, 98, HARBOUR_LATER)  # the limit is one user's, not everyone's
        assert "Recorded" in other.text


class Pages:
    """Two loopback servers: 127.0.0.1 redirects `/go` to the article on 127.0.0.2, which serves it."""

    def __init__(self) -> None:
        self.first = 0
        self.final = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.first}{path}"

    def final_url(self, path: str) -> str:
        return f"http://127.0.0.2:{self.final}{path}"


ARTICLE = (
    "<html><head><title>Bridge</title></head><body><article>"
    "<p>Officials in Brackenford said 9 people were hurt when the bridge fell on Friday.</p>"
    "<p>Police said 4 people were missing after the bridge fell.</p></article></body></html>"
)


@asynccontextmanager
async def page_server() -> AsyncIterator[Pages]:
    pages = Pages()

    async def go(_request: web.Request) -> web.Response:
        raise web.HTTPFound(pages.final_url("/story/7"))

    async def story(_request: web.Request) -> web.Response:
        return web.Response(text=ARTICLE, content_type="text/html")

    runners = []
    for host, routes in (
        ("127.0.0.1", [("/go", go), ("/story/7", story)]),
        ("127.0.0.2", [("/story/7", story)]),
    ):
        app = web.Application()
        for path, handler in routes:
            app.router.add_get(path, handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, host, 0)
        await site.start()
        assert isinstance(site._server, asyncio.Server)
        port = site._server.sockets[0].getsockname()[1]
        if host == "127.0.0.1":
            pages.first = port
        else:
            pages.final = port
        runners.append(runner)
    try:
        yield pages
    finally:
        for runner in runners:
            await runner.cleanup()
