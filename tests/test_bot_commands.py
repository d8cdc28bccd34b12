"""Commands, groups, buttons, bad input and the update ledger, against the real Application."""

from __future__ import annotations

import json

import pytest
from botkit import BotEnv, bot_env, eventually, record_conflicts, replies_to
from fakebotapi import BOT_ID, BOT_USERNAME, FakeBotAPI
from sqlmodel import Session, select
from telegram.error import InvalidToken

from bot.app import build_application
from storage.models import DocumentRow, FeedbackRow, FollowRow, IncomingUpdateRow


async def test_start_registers_commands_and_says_what_is_stored(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        [commands] = [c for c in env.fake.sent(method="setMyCommands") if "language_code" not in c.params]
        names = [c["command"] for c in commands.params["commands"]]
        assert names == [
            "start",
            "help",
            "check",
            "recent",
            "figures",
            "subscribe",
            "unsubscribe",
            "subscriptions",
            "stats",
            "language",
            "settings",
            "undo",
            "export",
            "privacy",
            "forget",
        ]
        env.fake.queue(env.fake.command_update(1, "/start"))
        [reply] = await env.fake.wait_for("sendMessage", chat_id=1)
        assert "What I store" in reply.text and reply.params["parse_mode"] == "HTML"
        env.fake.queue(env.fake.command_update(1, "/help"))
        await env.fake.wait_for("sendMessage", chat_id=1, where=lambda c: "/subscribe [words]" in c.text)
        env.fake.queue(env.fake.command_update(1, "/privacy"))
        await env.fake.wait_for(
            "sendMessage", chat_id=1, where=lambda c: c.text.startswith("<b>What I store")
        )


async def test_subscribe_list_unsubscribe_forget(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        for i, text in enumerate(
            ["/subscribe prisoner swap", "/subscribe", "/subscribe Prisoner  SWAP", "/subscriptions"]
        ):
            fake.queue(fake.command_update(2, text))
            await fake.wait_for("sendMessage", chat_id=2, count=i + 1)
        said = replies_to(fake, 2)
        assert "matching <b>prisoner swap</b>" in said[0] and "<b>every</b>" in said[1]
        assert "already subscribed" in said[2]
        assert "• conflicts matching <b>prisoner swap</b>" in said[3] and "• every new conflict" in said[3]
        fake.queue(fake.command_update(2, "/unsubscribe prisoner swap"))
        await fake.wait_for("sendMessage", chat_id=2, count=5)
        assert env.alerts.subscriptions(2) == ([""], [])
        fake.queue(fake.command_update(2, "/forget"))
        [*_, forgot] = await fake.wait_for("sendMessage", chat_id=2, count=6)
        assert "Forgotten: 0 texts only this chat sent" in forgot.text and " 1 subscription," in forgot.text
        assert env.alerts.subscriptions(2) == ([], [])


async def test_groups_answer_commands_mentions_and_replies_only(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        group = -100
        fake.queue(fake.text_update(group, "just chatting about 207 prisoners", chat_type="supergroup"))
        fake.queue(fake.command_update(group, "/recent@other_bot", chat_type="supergroup"))
        fake.queue(fake.command_update(group, f"/help@{BOT_USERNAME}", chat_type="supergroup"))
        await fake.wait_for("sendMessage", chat_id=group)
        mention = f"@{BOT_USERNAME} hello"
        fake.queue(
            fake.text_update(
                group,
                mention,
                chat_type="supergroup",
                entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
            )
        )
        bot_message = {
            "message_id": 1,
            "date": 0,
            "chat": {"id": group, "type": "supergroup"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Crosscheck"},
            "text": "earlier",
        }
        fake.queue(fake.text_update(group, "/", chat_type="supergroup", reply_to_message=bot_message))
        said = await fake.wait_for("sendMessage", chat_id=group, count=3)
        assert "Commands" in said[0].text
        # the mention and the reply are read (too short for figures: the engine says so); plain chat is not
        assert len(said) == 3 and all(
            c.params.get("reply_parameters") or c.params.get("reply_to_message_id") for c in said[1:]
        )
        env.fake.queue(fake.command_update(group, f"/help@{BOT_USERNAME}", chat_type="supergroup"))
        await fake.wait_for("sendMessage", chat_id=group, count=4)
        assert len(fake.sent(group)) == 4  # still nothing for the plain message or the other bot's command


async def test_unsupported_message_gets_a_clear_sentence(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        sticker = {
            "file_id": "s",
            "file_unique_id": "s",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
        env.fake.queue({"message": env.fake.message(3, sticker=sticker)})
        [reply] = await env.fake.wait_for("sendMessage", chat_id=3)
        assert "I read pasted text, links, forwarded posts" in reply.text


async def test_buttons_follow_and_vote_and_stats_count_them(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        [relation] = record_conflicts(env)
        fake.queue(fake.command_update(4, "/recent"))
        [recent] = await fake.wait_for("sendMessage", chat_id=4)
        assert "207 guys" in recent.text
        keyboard = recent.params["reply_markup"]["inline_keyboard"]
        assert [b["callback_data"] for b in keyboard[0]] == [
            f"f:{relation}",
            f"v:{relation}:1",
            f"v:{relation}:-1",
        ]
        shown = fake._sent_message(recent.params)
        fake.queue(fake.callback_update(4, f"f:{relation}", shown))
        fake.queue(fake.callback_update(4, f"v:{relation}:1", shown))
        answers = await fake.wait_for("answerCallbackQuery", count=2)
        assert "alert this chat" in answers[0].params["text"] and "👍" in answers[1].params["text"]
        edits = await fake.wait_for("editMessageReplyMarkup", count=2)
        assert edits[-1].params["reply_markup"]["inline_keyboard"][0][1]["text"] == "👍 ✓"
        with Session(env.engine) as session:
            [follow] = session.exec(select(FollowRow)).all()
            [vote] = session.exec(select(FeedbackRow)).all()
        assert (follow.chat_id, follow.quantity, follow.sides) == (4, "released", "ukraine")
        assert (vote.relation_id, vote.vote) == (relation, 1)
        fake.queue(fake.command_update(4, "/stats"))
        stats = await fake.wait_for("sendMessage", chat_id=4, where=lambda c: "Recorded" in c.text)
        assert "👍 1 / 👎 0" in stats[0].text and "1 conflict," in stats[0].text
        # a follow alerts on the next conflict about that quantity
        record_conflicts(env, sender=99)
        await fake.wait_for("sendMessage", chat_id=4, where=lambda c: "New conflict" in c.text)


async def test_redelivered_update_is_handled_once(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        update = fake.command_update(5, "/subscribe quake")
        fake.queue(update)
        await fake.wait_for("sendMessage", chat_id=5)
        fake.redeliver(dict(update))  # as Telegram does when the offset was not confirmed before a crash
        fake.queue(fake.command_update(5, "/help"))
        await fake.wait_for("sendMessage", chat_id=5, where=lambda c: "Commands" in c.text)
        assert sum("Subscribed" in t or "already" in t for t in replies_to(fake, 5)) == 1

        def finished() -> bool:
            with Session(env.engine) as session:
                row = session.get(IncomingUpdateRow, update["update_id"])
            return row is not None and row.status == "done" and row.attempts == 1

        await eventually(finished, what="one attempt, finished")


async def test_update_left_unfinished_by_a_crash_is_finished_at_start(tmp_path) -> None:
    fake = FakeBotAPI()
    await fake.start()
    try:
        async with bot_env(tmp_path, fake=fake) as env:
            pass  # creates the database; then "the process dies" with an update recorded but not handled
        update = fake.command_update(6, "/subscribe flood")
        update["update_id"] = 4242
        env.alerts.record_update(4242, chat_id=6, payload=json.dumps(update))
        async with bot_env(tmp_path, fake=fake) as env:
            [reply] = await fake.wait_for("sendMessage", chat_id=6)
            assert "matching <b>flood</b>" in reply.text

            def finished() -> bool:
                with Session(env.engine) as session:
                    row = session.get(IncomingUpdateRow, 4242)
                return row is not None and row.status == "done"

            await eventually(finished, what="the recovered update finished")
    finally:
        await fake.stop()


async def test_wrong_token_is_invalid_token(tmp_path) -> None:
    fake = FakeBotAPI()
    await fake.start()
    try:
        from botkit import bot_settings

        settings = bot_settings(fake, tmp_path, telegram_token="999:wrong")
        app = build_application(settings)
        with pytest.raises(InvalidToken):
            await app.initialize()
        assert [c.status for c in fake.calls] == [401]
        # Application.shutdown does nothing for an application that never initialized; the bot's HTTP
        # clients were opened all the same (Bot.initialize opens them before getMe), so close them here.
        await app.bot.shutdown()
    finally:
        await fake.stop()


async def test_a_lone_surrogate_in_a_paste_or_a_subscription_is_stored_as_a_replacement(tmp_path) -> None:
    # JSON can carry "\ud800" (a Telegram text cut inside an emoji); UTF-8 storage cannot take it.
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(3, "/subscribe flood \ud800 toll"))
        [subscribed] = await fake.wait_for("sendMessage", chat_id=3)
        assert "matching <b>flood toll</b>" in subscribed.text  # U+FFFD is not a word
        assert env.alerts.subscriptions(3) == (["flood toll"], [])
        fake.queue(fake.text_update(3, "Officials said 45 people \udc80 were hurt in the flood on Monday."))
        [_, checked] = await fake.wait_for("sendMessage", chat_id=3, count=2)
        assert "45" in checked.text and "Sorry" not in checked.text


async def test_a_command_the_bot_has_not_is_answered_with_the_commands_it_has(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(7, "/weather in Velmora"))
        [reply] = await fake.wait_for("sendMessage", chat_id=7)
        assert "I have no /weather command" in reply.text and "/subscribe [words]" in reply.text
        group = -107
        fake.queue(fake.command_update(group, "/weather@other_bot", chat_type="supergroup"))
        fake.queue(fake.command_update(group, f"/weather@{BOT_USERNAME}", chat_type="supergroup"))
        [answer] = await fake.wait_for("sendMessage", chat_id=group)
        assert "I have no /weather command" in answer.text
        fake.queue(fake.command_update(group, f"/help@{BOT_USERNAME}", chat_type="supergroup"))
        await fake.wait_for("sendMessage", chat_id=group, count=2)
        assert len(fake.sent(group)) == 2  # nothing for the command addressed to another bot


async def test_undo_takes_back_the_last_text_and_keeps_one_another_chat_sent_too(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        shared = "Officials in Tarnmouth said 48 people were hurt in the fire."
        fake.queue(fake.text_update(71, shared))
        await fake.wait_for("sendMessage", chat_id=71)
        fake.queue(fake.text_update(72, shared))  # the same text from another chat: one document
        await fake.wait_for("sendMessage", chat_id=72)
        fake.queue(fake.text_update(71, "Rescuers in Tarnmouth said 61 people were hurt in the fire."))
        await fake.wait_for("sendMessage", chat_id=71, count=2)
        assert document_count(env) == 2
        for n in range(3):
            fake.queue(fake.command_update(71, "/undo"))
            await fake.wait_for("sendMessage", chat_id=71, count=3 + n)
        said = replies_to(fake, 71)
        assert "Taken back" in said[2] and "Taken back" in said[3] and "nothing" in said[4]
        assert document_count(env) == 1  # the text chat 72 sent too stays


def document_count(env: BotEnv) -> int:
    with Session(env.engine) as session:
        return len(session.exec(select(DocumentRow)).all())


async def test_added_to_a_group_it_greets_and_a_mention_in_reply_checks_that_message(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        group = -300
        bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Crosscheck", "username": BOT_USERNAME}
        fake.queue(
            {
                "my_chat_member": {
                    "chat": {"id": group, "type": "group", "title": "A group"},
                    "from": fake.user(7),
                    "date": 0,
                    "old_chat_member": {"user": bot_user, "status": "left"},
                    "new_chat_member": {"user": bot_user, "status": "member"},
                }
            }
        )
        [greeting] = await fake.wait_for("sendMessage", chat_id=group)
        assert "reply to an article" in greeting.text
        article = "Officials in Tarnmouth said 48 people were hurt in the fire on Monday."
        fake.queue(fake.text_update(group, article, chat_type="group"))  # plain chat: not read
        shared = fake.message(group, text=article, chat_type="group")
        mention = f"@{BOT_USERNAME}"
        fake.queue(
            fake.text_update(
                group,
                mention,
                chat_type="group",
                reply_to_message=shared,
                entities=[{"type": "mention", "offset": 0, "length": len(mention)}],
            )
        )
        [_, checked] = await fake.wait_for("sendMessage", chat_id=group, count=2)
        assert "Recorded" in checked.text and "48 people were hurt" in checked.text
