"""Paste, split paste, forward, link and file through the real bot and the real engine."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from botkit import bot_env, eventually, page_server, seed_text
from sqlmodel import Session, col, select

from bot.pipeline.service import is_a_source
from bot.pipeline.types import Figure
from bot.replies import MAX_FINDINGS
from storage.models import DocumentRow, SubmissionRow

SECOND_SOURCE = (
    "Ukraine brought home 207 prisoners of war in the largest exchange since the start of the war, "
    "Ukraine's Coordination Headquarters for the Treatment of Prisoners of War said on Wednesday.\n\n"
    "Russia's Defense Ministry said 195 Ukrainian POWs were handed over to Kyiv in the swap."
)
CHANNEL = {
    "type": "channel",
    "date": int(datetime(2024, 1, 31, 18, 0, tzinfo=UTC).timestamp()),
    "message_id": 42,
    "chat": {"id": -1001, "type": "channel", "title": "Coordination HQ", "username": "koordshtab"},
}


FIGURE = Figure(
    value=400,
    low=400,
    high=400,
    unit=None,
    dimension=None,
    base_low=400,
    base_high=400,
    quantity="killed",
    counted="soldiers",
    quote="400 soldiers were killed",
    sentence="",
    position=0,
)


def documents(env) -> list[DocumentRow]:
    with Session(env.engine) as session:
        return list(session.exec(select(DocumentRow).order_by(col(DocumentRow.id))).all())


async def test_seed_pasted_names_both_figures_and_claimants(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        env.fake.queue(env.fake.text_update(1, seed_text()))
        [reply] = await env.fake.wait_for("sendMessage", chat_id=1)
        assert "195" in reply.text and "207" in reply.text
        assert "Zelensky" in reply.text and "Defense Ministry" in reply.text
        assert "Conflict" in reply.text
        buttons = [b["callback_data"] for row in reply.params["reply_markup"]["inline_keyboard"] for b in row]
        assert any(b.startswith("f:") for b in buttons) and any(b.startswith("v:") for b in buttons)
        typing = env.fake.sent(1, "sendChatAction")
        assert typing and typing[0].at <= reply.at and typing[0].params["action"] == "typing"


async def test_second_source_forwarded_conflicts_and_alerts_a_subscriber_not_the_sender(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        # The seed goes in first, so that the only alerts are about what the forward adds.
        fake.queue(fake.text_update(30, seed_text()))
        await fake.wait_for("sendMessage", chat_id=30)
        fake.queue(fake.command_update(10, "/subscribe prisoners"))
        fake.queue(fake.command_update(20, "/subscribe"))  # the forwarder is subscribed too: no alert for it
        await fake.wait_for("sendMessage", chat_id=10)
        await fake.wait_for("sendMessage", chat_id=20)
        fake.queue(fake.forward_update(20, SECOND_SOURCE, CHANNEL))
        [reply] = await fake.wait_for("sendMessage", chat_id=20, where=lambda c: "Subscribed" not in c.text)
        assert "Conflict" in reply.text and "207" in reply.text and "195" in reply.text
        assert "https://t.me/koordshtab/42" in reply.text  # the channel is the source, linked to the post
        [alert] = await fake.wait_for(
            "sendMessage", chat_id=10, where=lambda c: "new conflict" in c.text.lower()
        )
        assert "207" in alert.text and "195" in alert.text
        await eventually(lambda: all(r.status == "sent" for r in env.outbox()) and env.outbox(), what="sent")
        assert all(r.chat_id != 20 for r in env.outbox())
        assert not [c for c in fake.sent(20) if c.text.startswith("🔔")]
        forwarded = documents(env)[-1]
        assert forwarded.source == "Coordination HQ (@koordshtab)" and forwarded.kind == "channel_post"
        assert forwarded.published is not None and forwarded.published.replace(tzinfo=UTC) == datetime(
            2024, 1, 31, 18, 0, tzinfo=UTC
        )


async def test_forwards_from_hidden_users_and_captions(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        hidden = {"type": "hidden_user", "date": 1706724000, "sender_user_name": "Anna K."}
        fake.queue(fake.forward_update(5, SECOND_SOURCE, hidden))
        await fake.wait_for("sendMessage", chat_id=5)
        fake.queue(fake.forward_update(6, SECOND_SOURCE.replace("207", "208"), CHANNEL, caption=True))
        await fake.wait_for("sendMessage", chat_id=6)
        sources = [d.source for d in documents(env)]
        assert sources == ["Anna K. (hidden user)", "Coordination HQ (@koordshtab)"]
        assert "208" in documents(env)[1].text  # the photo post was read from its caption


async def test_split_paste_is_checked_as_one_text(tmp_path) -> None:
    # A mobile app's part (≥ 3,800 characters) then a shorter one: that one is the last, answered without
    # waiting out the pause (20 s here), though it is long enough to be a part Desktop cut.
    async with bot_env(tmp_path, paste_pause_s=20.0) as env:
        text = (
            seed_text()
            + "\n\n"
            + "\n\n".join(f"Background paragraph {i} without figures." for i in range(60))
        )
        first, second = text[:4000], text[4000:]
        assert len(second) >= 2048
        env.fake.queue(env.fake.text_update(7, first))
        env.fake.queue(env.fake.text_update(7, second))
        [reply] = await env.fake.wait_for("sendMessage", chat_id=7, timeout=10.0)
        assert "207" in reply.text
        [document] = documents(env)
        assert "Background paragraph 59" in document.text and "Zelensky" in document.text
        with Session(env.engine) as session:
            assert [s.chat_id for s in session.exec(select(SubmissionRow)).all()] == [7]


async def test_a_paste_telegram_desktop_split_at_a_paragraph_break_is_checked_as_one_text(tmp_path) -> None:
    async with bot_env(tmp_path, paste_pause_s=5.0) as env:
        background = "\n\n".join(
            f"Background paragraph {i} says nothing countable at all." for i in range(80)
        )
        text = seed_text() + "\n\n" + background
        cut = text.index("\n\n", 4096 // 2 + 1)  # Desktop: the last paragraph break past half of 4096
        first, second = text[:cut], text[cut + 2 :]
        assert 2048 < len(first) < 4096
        env.fake.queue(env.fake.text_update(7, first))
        env.fake.queue(env.fake.text_update(7, second))
        [reply] = await env.fake.wait_for("sendMessage", chat_id=7)
        assert "207" in reply.text
        [document] = documents(env)
        assert "Background paragraph 79" in document.text and "Zelensky" in document.text


async def test_links_fetched_and_bad_links_say_why_and_record_nothing(tmp_path) -> None:
    page = (
        '<html><head><title>Swap</title><meta property="og:site_name" content="Valdoria Herald">'
        "</head><body><article>"
        + "".join(f"<p>{p}</p>" for p in seed_text().split("\n\n"))
        + "</article></body></html>"
    )

    pages: dict[str, str | tuple[bytes, str]] = {"/article": page, "/image": (b"\x89PNG....", "image/png")}
    async with page_server(pages) as site, bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.link_update(8, f"{site}/image"))
        [refused] = await fake.wait_for("sendMessage", chat_id=8)
        assert refused.text and "Sorry" not in refused.text
        assert documents(env) == []
        fake.queue(fake.link_update(8, f"{site}/article"))
        [_, reply] = await fake.wait_for("sendMessage", chat_id=8, count=2)
        assert "207" in reply.text
        [document] = documents(env)
        assert document.url and document.url.endswith("/article")
        assert document.source == "Valdoria Herald"  # the page's publisher, not the link's host


async def test_a_paste_that_names_its_outlet_is_recorded_under_that_name(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(9, "CORVALE (Northline Wire) — " + seed_text()))
        await fake.wait_for("sendMessage", chat_id=9)
        fake.queue(fake.text_update(9, "Officials in Tarnmouth said 48 people were hurt.\n\n@tarnmouth_live"))
        await fake.wait_for("sendMessage", chat_id=9, count=2)
        fake.queue(fake.text_update(9, "Officials in Tarnmouth said 12 people were missing."))
        await fake.wait_for("sendMessage", chat_id=9, count=3)
        assert [d.source for d in documents(env)] == ["Northline Wire", "@tarnmouth_live", "pasted text"]


async def test_text_and_html_files_are_read_and_binary_refused(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.document_update(9, "swap.txt", seed_text().encode(), "text/plain"))
        [reply] = await fake.wait_for("sendMessage", chat_id=9)
        assert "207" in reply.text
        fake.queue(fake.document_update(9, "photo.bin", b"\x00\x01binary", "application/octet-stream"))
        [_, refused] = await fake.wait_for("sendMessage", chat_id=9, count=2)
        assert "txt" in refused.text
        big = b"a " * (env.settings.max_upload_bytes // 2 + 10)
        fake.queue(fake.document_update(9, "big.txt", big, "text/plain"))
        [*_, too_big] = await fake.wait_for("sendMessage", chat_id=9, count=3)
        assert "larger than" in too_big.text
        assert len(documents(env)) == 1


async def test_only_sources_become_sources(tmp_path) -> None:
    """A greeting is not kept; a question about a figure is answered from the record and not kept, so its
    figure never appears in another chat's reply; a statement of the same figure is kept."""
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(50, seed_text()))
        await fake.wait_for("sendMessage", chat_id=50)
        fake.queue(fake.text_update(51, "hello there!"))
        [greeting] = await fake.wait_for("sendMessage", chat_id=51)
        assert "kept nothing" in greeting.text
        fake.queue(fake.text_update(51, "Is it true that 207 Ukrainian POWs were handed over in the swap?"))
        [_, answer] = await fake.wait_for("sendMessage", chat_id=51, count=2)
        assert "a question is not a source" in answer.text and "195" in answer.text
        # nothing kept to follow or vote on: the one button records it, should the chat call it a source
        [[record]] = answer.params["reply_markup"]["inline_keyboard"]
        assert record["callback_data"].startswith("rq:")
        assert len(documents(env)) == 1
        with Session(env.engine) as session:
            assert not session.exec(select(SubmissionRow).where(SubmissionRow.chat_id == 51)).all()
        fake.queue(fake.text_update(52, "Zelensky said 207 Ukrainian POWs were handed over in the swap."))
        [stated] = await fake.wait_for("sendMessage", chat_id=52)
        assert "Recorded" in stated.text and "a question" not in stated.text
        assert len(documents(env)) == 2
        # A question and what the asker heard, in one message: both are asked about, neither is kept.
        heard = "Is it true that 207 Ukrainian POWs were handed over? My uncle says it was only 63."
        fake.queue(fake.text_update(53, heard))
        [asked] = await fake.wait_for("sendMessage", chat_id=53)
        assert "a question is not a source" in asked.text and len(documents(env)) == 2


def test_a_chat_message_that_asks_is_a_question_an_article_that_asks_is_not() -> None:
    def stated(sentence: str) -> Figure:
        return replace(FIGURE, sentence=sentence)

    asked, heard = stated("Is it true that 400 soldiers were killed?"), stated("My uncle says only 63.")
    message = f"{asked.sentence} {heard.sentence}"
    assert not is_a_source([asked, heard], message)
    assert not is_a_source([asked], asked.sentence) and not is_a_source([], "hello")
    article = message + " " + "The fighting went on through the night in the hills. " * 12
    assert is_a_source([asked, heard], article)  # rhetoric among stated figures
    assert not is_a_source([asked, asked], article)  # every figure asked about


FIRE_OFFICIALS = (
    "Officials in Tarnmouth said 48 people were hurt in the fire on Monday. Officials said 12 people were "
    "killed. Police said 30 people were arrested after the fire. Officials said 200 people were evacuated."
)
FIRE_RIGHTS_GROUP = (
    "A rights group in Tarnmouth said 80 people were hurt in the fire on Monday. The rights group said 25 "
    "people were killed. Lawyers said 60 people were arrested after the fire. The rights group said 500 "
    "people were evacuated."
)


async def test_an_answer_shows_three_findings_and_pages_the_rest_in_place(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(95, FIRE_OFFICIALS))
        await fake.wait_for("sendMessage", chat_id=95)
        fake.queue(fake.text_update(96, FIRE_RIGHTS_GROUP))
        [answer] = await fake.wait_for("sendMessage", chat_id=96)
        assert "4 figures disagree" in answer.text and answer.text.count("Conflict") == MAX_FINDINGS
        rows = answer.params["reply_markup"]["inline_keyboard"]
        [show_all] = [b for row in rows for b in row if b["text"].startswith("Show all")]
        assert show_all["text"] == "Show all (4)"
        shown = fake.message(96, text=answer.text)
        fake.queue(fake.callback_update(96, show_all["callback_data"], shown))
        [page] = await fake.wait_for("editMessageText", chat_id=96)
        assert "Findings 4–4 of 4" in page.text and page.text.count("Conflict") == 1
        turns = [b["text"] for row in page.params["reply_markup"]["inline_keyboard"] for b in row]
        assert "◀ Previous" in turns and "Next ▶" not in turns
        assert len(fake.sent(96)) == 1  # one answer, edited in place
