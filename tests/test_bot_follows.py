"""Follows of a story, through the real bot and the real engine: "Alert me" follows one quake's toll, not
every toll; its conflicts and updates alert, with buttons to mute it, to ask why, and to vote."""

from __future__ import annotations

from botkit import BotEnv, bot_env
from fakebotapi import Call, FakeBotAPI
from sqlmodel import Session, select

from bot.pipeline.service import relation_views
from storage.db import transaction
from storage.models import FeedbackRow, OutboxRow, RelationRow

# Invented places, voices and figures: two quakes, one in Velmora and one in Korvath.
QUAKE = "Officials in Velmora said 120 people were killed in the earthquake on Monday."
OTHER_QUAKE = (
    "Officials in Korvath said 60 people were killed in the earthquake on Monday.",
    "The Red Crescent said 85 people were killed in the Korvath earthquake on Monday.",
)
QUAKE_CONFLICT = "The Red Crescent said 95 people were killed in the Velmora earthquake on Monday."
QUAKE_UPDATE = (
    "Officials in Velmora said on Tuesday that the death toll from the earthquake had risen to 180."
)
STORY = "deaths — earthquake in Velmora"


def buttons(call: Call) -> dict[str, str]:
    """A message's inline buttons, label → callback data."""
    rows = call.params["reply_markup"]["inline_keyboard"]
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def paste(env: BotEnv, chat_id: int, text: str) -> Call:
    """Send a text from a chat and wait for its answer."""
    before = len(env.fake.sent(chat_id))
    env.fake.queue(env.fake.text_update(chat_id, text))
    return (await env.fake.wait_for("sendMessage", chat_id=chat_id, count=before + 1))[-1]


async def press(fake: FakeBotAPI, chat_id: int, call: Call, label: str) -> str:
    """Press a button under a message the bot sent; the text of the bot's answer to the press."""
    before = len(fake.sent(method="answerCallbackQuery"))
    fake.queue(fake.callback_update(chat_id, buttons(call)[label], fake._sent_message(call.params)))
    answers = await fake.wait_for("answerCallbackQuery", count=before + 1)
    return str(answers[-1].params.get("text", ""))


async def follow_the_quake(env: BotEnv, chat_id: int) -> None:
    answer = await paste(env, chat_id, QUAKE)
    assert "Nothing recorded disagrees" in answer.text
    followed = await press(env.fake, chat_id, answer, "🔔 Alert me when a source disagrees")
    assert followed.endswith(STORY)


def alerts_to(env: BotEnv, chat_id: int) -> list[OutboxRow]:
    return [row for row in env.outbox() if row.chat_id == chat_id]


def alert_calls(fake: FakeBotAPI, chat_id: int) -> list[Call]:
    return [c for c in fake.sent(chat_id) if c.text.startswith("🔔")]


async def test_a_follow_is_alerted_by_its_story_only_and_by_its_updates_once(tmp_path) -> None:
    fake = FakeBotAPI()
    await fake.start()
    try:
        async with bot_env(tmp_path, fake=fake) as env:
            await follow_the_quake(env, 1)
            fake.queue(fake.command_update(1, "/subscriptions"))
            [listed] = await fake.wait_for("sendMessage", chat_id=1, where=lambda c: "gets alerts" in c.text)
            assert f"• followed: {STORY}" in listed.text
            fake.queue(fake.command_update(3, "/subscribe earthquake"))
            await fake.wait_for("sendMessage", chat_id=3)

            # Another quake's toll, disputed: the subscriber to "earthquake" hears of it, the follower not.
            await paste(env, 2, OTHER_QUAKE[0])
            disputed = await paste(env, 2, OTHER_QUAKE[1])
            assert "Conflict" in disputed.text and "85 people" in disputed.text
            [to_subscriber] = await fake.wait_for("sendMessage", chat_id=3, where=lambda c: "🔔" in c.text)
            assert "Korvath" in to_subscriber.text
            assert "You subscribed to conflicts matching “earthquake”." in to_subscriber.text
            why = await press(fake, 3, to_subscriber, "Why did I get this?")
            assert "subscribed to conflicts matching “earthquake”" in why
            assert alerts_to(env, 1) == []  # written with the relation, before the answer: none for chat 1

            # A conflict about the followed quake's toll alerts, and says which follow it matched.
            await paste(env, 2, QUAKE_CONFLICT)
            [conflict] = await fake.wait_for("sendMessage", chat_id=1, where=lambda c: "🔔" in c.text)
            assert conflict.text.startswith("🔔 <b>New conflict</b>")
            assert "<b>95 people were killed</b>" in conflict.text and "<b>120 people" in conflict.text
            assert f"You follow {STORY}." in conflict.text
            assert {"Mute this", "Why did I get this?", "👍", "👎"} <= set(buttons(conflict))
            assert len(alerts_to(env, 1)) == 1

            # The toll of the followed quake rises: an update alerts too.
            await paste(env, 2, QUAKE_UPDATE)
            [_, update] = await fake.wait_for(
                "sendMessage", chat_id=1, where=lambda c: "🔔" in c.text, count=2
            )
            assert "rose from <b>120</b> to <b>180</b>" in update.text
            updates = [row for row in alerts_to(env, 1) if row.kind == "update"]
            assert len(updates) == 1
        # A restart, and the update's relations handed to the alert hook again (a retried ingest): the
        # chat already had them, so nothing is written or sent twice.
        async with bot_env(tmp_path, fake=fake) as env:
            rows_before = len(env.outbox())
            with transaction(env.engine) as session:
                relations = session.exec(select(RelationRow)).all()
                env.alerts.on_relations(session, relation_views(session, relations), None)
            env.app.bot_data.sender.wake()
            assert len(env.outbox()) == rows_before
            fake.queue(fake.command_update(1, "/help"))
            await fake.wait_for("sendMessage", chat_id=1, where=lambda c: "Commands" in c.text)
            assert len(alert_calls(fake, 1)) == 2
    finally:
        await fake.stop()


async def test_alert_buttons_say_why_record_a_vote_and_mute_the_follow(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        await follow_the_quake(env, 11)
        await paste(env, 12, QUAKE_CONFLICT)
        [alert] = await fake.wait_for("sendMessage", chat_id=11, where=lambda c: "🔔" in c.text)
        [row] = alerts_to(env, 11)

        why = await press(fake, 11, alert, "Why did I get this?")
        assert why.startswith("You got this conflict because this chat follows " + STORY)
        [asked] = fake.sent(method="answerCallbackQuery")[-1:]
        assert asked.params.get("show_alert") is True

        voted = await press(fake, 11, alert, "👍")
        assert "👍" in voted
        with Session(env.engine) as session:
            [vote] = session.exec(select(FeedbackRow)).all()
        assert (vote.relation_id, vote.chat_id, vote.vote) == (row.relation_id, 11, 1)

        muted = await press(fake, 11, alert, "Mute this")
        assert muted == f"Muted: no more alerts for {STORY}."
        fake.queue(fake.command_update(11, "/subscriptions"))
        [*_, listed] = await fake.wait_for("sendMessage", chat_id=11, count=3)
        assert "No subscriptions" in listed.text
        assert "since stopped" in await press(fake, 11, alert, "Why did I get this?")
        assert "muted already" in await press(fake, 11, alert, "Mute this")

        # The toll rises after the mute: nothing more for chat 11.
        answer = await paste(env, 12, QUAKE_UPDATE)
        assert "Update" in answer.text
        assert len(alerts_to(env, 11)) == 1
        assert len(alert_calls(fake, 11)) == 1


async def test_an_update_in_a_reply_is_voted_on_like_a_conflict(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        await paste(env, 21, QUAKE)
        answer = await paste(env, 22, QUAKE_UPDATE)
        assert "📈 <b>Update:</b>" in answer.text and "rose from <b>120</b> to <b>180</b>" in answer.text
        [update_id] = [r.id for r in env.crosscheck.relations(kinds=["update"])]
        assert buttons(answer)["👎"] == f"v:{update_id}:-1"
        assert "👎" in await press(fake, 22, answer, "👎")
        with Session(env.engine) as session:
            [vote] = session.exec(select(FeedbackRow)).all()
        assert (vote.relation_id, vote.chat_id, vote.vote) == (update_id, 22, -1)
        fake.queue(fake.command_update(22, "/stats"))
        [stats] = await fake.wait_for("sendMessage", chat_id=22, where=lambda c: "Findings rated" in c.text)
        assert "👍 0 / 👎 1" in stats.text
