"""Replies in the user's language (en, ru, uk), /language and /settings, the menu per language, and alerts in
the recipient chat's language, through the real Application and the fake Bot API."""

from __future__ import annotations

import re

import pytest
from botkit import bot_env
from fakebotapi import Call, FakeBotAPI

# Invented: a town, an outlet, a mayor, two tallies of one collapse that cannot both hold.
COLLAPSE = (
    "VARNHOLM (Eastgate Courier) — Forty people were injured when a footbridge collapsed over the Lenna "
    "river on Tuesday, the town's mayor Ilse Brandt said.\n\n"
    "The regional hospital said 65 people were injured in the collapse and 12 were still in hospital."
)
# Invented: two tolls of one quake in an invented town. Its story's label in Russian: the quantity's word and
# "in" translated, the event's word and the place the text's own.
QUAKE = "Officials in Velmora said 120 people were killed in the earthquake on Monday."
QUAKE_CONFLICT = "The Red Crescent said 95 people were killed in the Velmora earthquake on Monday."
QUAKE_STORY_RU = "погибшие — earthquake в Velmora"


def labelled(call: Call) -> dict[str, str]:
    """A message's inline buttons in order, label → callback data."""
    rows = call.params["reply_markup"]["inline_keyboard"]
    return {b["text"]: b["callback_data"] for row in rows for b in row}


@pytest.mark.parametrize(
    ("code", "help_head", "help_line", "conflict", "recorded"),
    [
        (
            "ru",
            "<b>Команды</b>",
            "/language — язык моих ответов",
            "⚠️ <b>Расхождение:</b>",
            "Записаны 3 цифры",
        ),
        (
            "uk",
            "<b>Команди</b>",
            "/language — мова моїх відповідей",
            "⚠️ <b>Розбіжність:</b>",
            "Записано 3 цифри",
        ),
        (
            "de",
            "<b>Commands</b>",
            "/language — the language I answer in",
            "⚠️ <b>Conflict:</b>",
            "Recorded: 3",
        ),
    ],
)
async def test_replies_are_in_the_language_of_the_users_telegram(
    tmp_path, code: str, help_head: str, help_line: str, conflict: str, recorded: str
) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(7, "/help", language=code))
        [help_reply] = await fake.wait_for("sendMessage", chat_id=7)
        assert help_reply.text.startswith(help_head) and help_line in help_reply.text
        fake.queue(fake.text_update(7, COLLAPSE, language=code))
        [_, answer] = await fake.wait_for("sendMessage", chat_id=7, count=2)
        assert conflict in answer.text and recorded in answer.text
        assert "Forty people were injured" in answer.text  # the figures are quoted as written
        buttons = [b["text"] for row in answer.params["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons[0] == {"ru": "🔔 Следить", "uk": "🔔 Стежити"}.get(code, "🔔 Alert me")


async def test_the_command_menu_is_registered_in_each_language(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        menus = {
            c.params.get("language_code"): c.params["commands"] for c in env.fake.sent(method="setMyCommands")
        }
        assert set(menus) == {None, "ru", "uk"}  # None: the default menu, English
        described = {code: {c["command"]: c["description"] for c in menu} for code, menu in menus.items()}
        assert [c["command"] for c in menus["ru"]] == [c["command"] for c in menus[None]]
        assert described[None]["language"] == "Choose the language"
        assert described["ru"]["language"] == "Выбрать язык"
        assert described["uk"]["language"] == "Вибрати мову"
        assert described["ru"]["settings"] == "Настройки этого чата"
        assert described["uk"]["help"] == "Як ним користуватися"


async def test_language_chosen_with_buttons_holds_over_telegram_and_across_a_restart(tmp_path) -> None:
    fake = FakeBotAPI()
    await fake.start()
    try:
        async with bot_env(tmp_path, fake=fake):
            fake.queue(fake.command_update(8, "/language", language="ru"))
            [menu] = await fake.wait_for("sendMessage", chat_id=8)
            assert menu.text.startswith("Выберите язык")
            keyboard = menu.params["reply_markup"]["inline_keyboard"]
            assert [(b["text"], b["callback_data"]) for b in keyboard[0]] == [
                ("English", "lang:en"),
                ("Русский ✓", "lang:ru"),
                ("Українська", "lang:uk"),
            ]
            fake.queue(fake.callback_update(8, "lang:uk", fake._sent_message(menu.params), language="ru"))
            [edit] = await fake.wait_for("editMessageText")
            assert edit.text.startswith("Відповідатиму в цьому чаті українською")
            [pressed] = await fake.wait_for("answerCallbackQuery")
            assert pressed.params["text"] == "Українська ✓"
            fake.queue(fake.command_update(8, "/help", language="ru"))  # their Telegram is still in Russian
            await fake.wait_for("sendMessage", chat_id=8, where=lambda c: c.text.startswith("<b>Команди</b>"))
        # A new process on the same database: the choice was stored.
        async with bot_env(tmp_path, fake=fake):
            fake.queue(fake.command_update(8, "/subscribe bridge", language="ru"))
            fake.queue(fake.command_update(8, "/settings", language="ru"))
            [settings] = await fake.wait_for(
                "sendMessage", chat_id=8, where=lambda c: "Налаштування цього чату" in c.text
            )
            assert "Мова: Українська (вибрана через /language)" in settings.text
            assert "Сповіщення: 1 підписка" in settings.text
            keyboard = settings.params["reply_markup"]["inline_keyboard"]
            assert [b["text"] for b in keyboard[0]] == ["English", "Русский", "Українська ✓"]
            fake.queue(fake.callback_update(8, "lang:en", fake._sent_message(settings.params)))
            [*_, edit] = await fake.wait_for("editMessageText", count=2)
            assert edit.text.startswith("I will answer in English in this chat.")
            fake.queue(fake.command_update(8, "/help", language="uk"))
            await fake.wait_for(
                "sendMessage", chat_id=8, where=lambda c: c.text.startswith("<b>Commands</b>")
            )
    finally:
        await fake.stop()


async def test_settings_without_a_choice_say_the_language_comes_from_telegram(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        env.fake.queue(env.fake.command_update(9, "/settings", language="uk"))
        [settings] = await env.fake.wait_for("sendMessage", chat_id=9)
        assert "Мова: Українська (з налаштувань Telegram)" in settings.text
        assert "Сповіщення: 0 підписок" in settings.text


async def test_alerts_are_in_the_language_of_the_chat_they_go_to(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        # 21: its user's Telegram is in Russian; 22: in Russian too, but the chat chose English;
        # 23: no language known (alerts in English); 24 sends the text, in English.
        fake.queue(fake.command_update(21, "/subscribe", language="ru"))
        fake.queue(fake.command_update(22, "/language", language="ru"))
        fake.queue(fake.command_update(23, "/subscribe"))
        [menu] = await fake.wait_for("sendMessage", chat_id=22)
        fake.queue(fake.callback_update(22, "lang:en", fake._sent_message(menu.params), language="ru"))
        await fake.wait_for("editMessageText")
        fake.queue(fake.command_update(22, "/subscribe", language="ru"))
        [subscribed] = await fake.wait_for("sendMessage", chat_id=21)
        assert subscribed.text.startswith("Готово: этот чат будет получать оповещения")
        await fake.wait_for("sendMessage", chat_id=22, where=lambda c: c.text.startswith("Subscribed"))
        await fake.wait_for("sendMessage", chat_id=23)
        fake.queue(fake.text_update(24, COLLAPSE, language="en"))
        [answer] = await fake.wait_for("sendMessage", chat_id=24)
        assert "⚠️ <b>Conflict:</b>" in answer.text
        [ru] = await fake.wait_for("sendMessage", chat_id=21, where=lambda c: c.text.startswith("🔔"))
        assert ru.text.startswith("🔔 <b>Новое расхождение</b>") and "• новое: «" in ru.text
        assert "• раньше: «" in ru.text and "раненые" in ru.text
        for chat in (22, 23):
            [en] = await fake.wait_for("sendMessage", chat_id=chat, where=lambda c: c.text.startswith("🔔"))
            assert en.text.startswith("🔔 <b>New conflict</b>") and "• new: “" in en.text
        assert not fake.sent(24)[1:]  # the sender's own figure alerts no one in its chat


def test_a_chats_language_is_stored_alike_on_sqlite_and_postgresql(engine) -> None:
    from bot.pipeline.alerts import Alerts
    from bot.replies import render_alert

    alerts = Alerts(engine, render_alert=render_alert)
    assert alerts.begin_update(1, chat_id=31, payload="{}", seen_language="ru") == ("process", None)
    alerts.finish_updates([1])
    assert alerts.begin_update(1, chat_id=31, payload="{}", seen_language="ru") == ("skip", None)  # again
    assert alerts.language_of(31) == "ru"  # seen, not chosen
    alerts.begin_update(2, chat_id=31, payload="{}", seen_language="uk")
    assert alerts.language_of(31) == "uk"  # the last seen
    alerts.set_language(31, "en")
    assert alerts.begin_update(3, chat_id=31, payload="{}", seen_language="ru") == ("process", "en")
    assert alerts.language_of(31) == "en" and alerts.chat_settings(31).language == "en"
    assert alerts.language_of(32) is None and alerts.chat_settings(32).language is None
    assert alerts.forget(31).settings == 1
    assert alerts.language_of(31) is None


async def test_forget_drops_the_chosen_language(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(41, "/language", language="ru"))
        [menu] = await fake.wait_for("sendMessage", chat_id=41)
        fake.queue(fake.callback_update(41, "lang:uk", fake._sent_message(menu.params), language="ru"))
        await fake.wait_for("editMessageText")
        fake.queue(fake.command_update(41, "/forget", language="ru"))
        [_, forgot] = await fake.wait_for("sendMessage", chat_id=41, count=2)
        assert forgot.text.startswith("Видалено: 0 текстів")  # said in the language it had until then
        fake.queue(fake.command_update(41, "/help", language="ru"))
        await fake.wait_for("sendMessage", chat_id=41, where=lambda c: c.text.startswith("<b>Команды</b>"))


async def test_a_followed_storys_alert_and_its_buttons_are_in_the_followers_language(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(51, QUAKE, language="ru"))
        [answer] = await fake.wait_for("sendMessage", chat_id=51)
        follow = labelled(answer)["🔔 Сообщить о расхождении"]
        fake.queue(fake.callback_update(51, follow, fake._sent_message(answer.params), language="ru"))
        [followed] = await fake.wait_for("answerCallbackQuery")
        assert followed.params["text"] == (
            "Сообщу в этот чат о новых расхождениях и обновлениях. Отслеживается: " + QUAKE_STORY_RU
        )
        fake.queue(fake.text_update(52, QUAKE_CONFLICT, language="en"))  # the sender's language is not theirs
        [alert] = await fake.wait_for("sendMessage", chat_id=51, where=lambda c: c.text.startswith("🔔"))
        assert alert.text.startswith("🔔 <b>Новое расхождение</b>\n\n<b>" + QUAKE_STORY_RU + "</b>")
        # the figures quoted as written, in their clauses, in the reader's quotation marks
        assert "• новое: «The Red Crescent said <b>95 people were killed</b>" in alert.text
        assert f"<i>Вы следите за историей «{QUAKE_STORY_RU}».</i>" in alert.text
        buttons = labelled(alert)
        assert list(buttons) == ["Отключить", "Почему мне это пришло?", "👍", "👎"]
        fake.queue(
            fake.callback_update(
                51, buttons["Почему мне это пришло?"], fake._sent_message(alert.params), language="ru"
            )
        )
        [*_, why] = await fake.wait_for("answerCallbackQuery", count=2)
        assert why.params["text"] == (
            f"Это расхождение пришло, потому что чат следит за историей «{QUAKE_STORY_RU}» (🔔 Следить): "
            "та же величина в той же истории. «Отключить» это прекратит."
        )  # whole: it fits a pop-up's 200 characters
        fake.queue(
            fake.callback_update(51, buttons["Отключить"], fake._sent_message(alert.params), language="ru")
        )
        [*_, muted] = await fake.wait_for("answerCallbackQuery", count=3)
        assert muted.params["text"] == f"Отключено: оповещений об истории «{QUAKE_STORY_RU}» больше не будет."
        fake.queue(fake.command_update(51, "/subscriptions", language="ru"))
        [*_, listed] = await fake.wait_for("sendMessage", chat_id=51, count=3)
        assert listed.text.startswith("Подписок нет.")


async def test_the_consent_question_who_published_and_the_limit_are_in_the_users_language(tmp_path) -> None:
    async with bot_env(tmp_path, ask_before_recording=True, submissions_per_hour=2) as env:
        fake = env.fake
        fake.queue(fake.text_update(61, QUAKE, language="uk"))
        [asked] = await fake.wait_for("sendMessage", chat_id=61)
        assert asked.text.startswith("Поки не записано: 1 цифра. Я притримаю текст")
        assert "<b>Надіслані тексти записуються як публічні джерела:</b>" in asked.text
        consent = labelled(asked)
        assert list(consent) == ["Записувати мої тексти", "Лише перевіряти, не записувати"]
        fake.queue(
            fake.callback_update(
                61, consent["Записувати мої тексти"], fake._sent_message(asked.params), language="uk"
            )
        )
        [_, chosen] = await fake.wait_for("sendMessage", chat_id=61, count=2)
        assert chosen.text == (
            "Відтепер тексти цього чату записуються як публічні джерела. "
            "Я записав 1 текст, надісланий раніше."
        )
        # The held paste named no outlet: asked who published it, in Ukrainian too.
        [*_, who] = await fake.wait_for("sendMessage", chat_id=61, count=3)
        assert who.text.startswith("<b>Хто це опублікував?</b>")
        fake.queue(fake.text_update(61, QUAKE_CONFLICT, language="uk"))
        [*_, answer] = await fake.wait_for("sendMessage", chat_id=61, count=4)
        assert "⚠️ <b>Розбіжність:</b>" in answer.text
        assert "<b>Хто це опублікував?</b> Дайте відповідь на це повідомлення назвою видання." in answer.text
        fake.queue(
            fake.callback_update(
                61, labelled(answer)["Не знаю"], fake._sent_message(answer.params), language="uk"
            )
        )
        [*_, stays] = await fake.wait_for("answerCallbackQuery", count=2)
        assert stays.params["text"] == "Добре: джерело лишається невказаним («pasted text»)."
        fake.queue(fake.text_update(61, COLLAPSE, language="uk"))  # a third text in the hour: past the limit
        [*_, refused] = await fake.wait_for("sendMessage", chat_id=61, count=5)
        assert re.fullmatch(
            r"За останню годину ви надіслали 2 тексти або посилання — стільки я перевіряю для однієї "
            r"людини\. Надіслати ще можна буде о \d\d:\d\d UTC \(через \d+ хвилин[уи]?\)\. "
            r"Команди працюють як зазвичай\.",
            refused.text,
        )


async def test_figures_and_its_chart_caption_answer_in_russian(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(9, "/figures", language="ru"))
        [usage] = await fake.wait_for("sendMessage", chat_id=9)
        assert usage.text.startswith("Отправьте /figures")
        fake.queue(fake.command_update(9, "/figures korvathian", language="ru"))
        [_, nothing] = await fake.wait_for("sendMessage", chat_id=9, count=2)
        assert "ничего не записано" in nothing.text and "korvathian" in nothing.text


async def test_what_the_bot_refuses_is_said_in_the_users_language(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.link_update(71, "ftp://files.example/report.txt", language="ru"))
        [refused] = await fake.wait_for("sendMessage", chat_id=71)
        assert "Я открываю только ссылки http:// и https://, а эта ведёт на ftp://." in refused.text
        fake.queue(fake.link_update(72, "ftp://files.example/report.txt", language="uk"))
        [refused] = await fake.wait_for("sendMessage", chat_id=72)
        assert "Я відкриваю лише посилання http:// і https://, а це веде на ftp://." in refused.text


def test_a_refusals_phrase_is_translated_with_its_sentence() -> None:
    from bot import replies
    from bot.i18n import using
    from bot.pipeline.errors import Phrase, RefusedURL

    error = RefusedURL(
        "That link points to {reason}, so I won't fetch it.", reason=Phrase("a private network address")
    )
    assert str(error) == "That link points to a private network address, so I won't fetch it."
    with using("uk"):
        assert (
            replies.error_text(error)
            == "Це посилання веде на адресу приватної мережі, тож я не відкриватиму його."
        )
