"""Links pulled out of messages through the real bot: only http(s) is ever fetched, other schemes are
refused in one line and never rewritten to https."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from botkit import bot_env
from sqlmodel import Session, select
from telegram import Chat, Message, MessageEntity

from bot.handlers import message_links
from storage.models import DocumentRow

REFUSAL = "I only fetch http:// and https:// links, and that one points to {}."


def documents(env: Any) -> list[DocumentRow]:
    with Session(env.engine) as session:
        return list(session.exec(select(DocumentRow)).all())


def text_link_update(fake: Any, chat_id: int, text: str, url: str) -> dict[str, Any]:
    entity = {"type": "text_link", "offset": 0, "length": len(text.encode("utf-16-le")) // 2, "url": url}
    return {"message": fake.message(chat_id, text=text, entities=[entity])}


async def test_a_file_link_behind_text_is_refused_not_made_https(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(text_link_update(fake, 8, "the report", "file:///etc/passwd"))
        [reply] = await fake.wait_for("sendMessage", chat_id=8)
        assert reply.text == REFUSAL.format("file://")
        assert documents(env) == []


async def test_typed_links_with_other_schemes_are_refused_as_written(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        for count, (link, shown) in enumerate(
            [("file:/etc/passwd", "file:"), ("FTP://files.example/report.txt", "ftp://")], start=1
        ):
            fake.queue(fake.link_update(8, link))
            *_, reply = await fake.wait_for("sendMessage", chat_id=8, count=count)
            assert reply.text == REFUSAL.format(shown)
        assert documents(env) == []


def test_bare_hosts_still_get_https_and_schemes_are_kept() -> None:
    text = "example.com/news and localhost:8080/a and HTTP://example.org/b and the report"
    entities = [
        MessageEntity(MessageEntity.URL, text.index(link), len(link))
        for link in ("example.com/news", "localhost:8080/a", "HTTP://example.org/b")
    ]
    entities.append(MessageEntity(MessageEntity.TEXT_LINK, text.index("the report"), 10, url="tg://resolve"))
    message = Message(1, datetime.now(UTC), Chat(1, Chat.PRIVATE), text=text, entities=entities)
    assert message_links(message) == [
        "https://example.com/news",
        "https://localhost:8080/a",
        "HTTP://example.org/b",
        "tg://resolve",
    ]
