"""Takes the session transcript of docs/bot.md: the real bot and the real engine, on an empty database,
talking to the fake Bot API server of the tests (tests/fakebotapi.py), with a page server on loopback for
the link. Every text, place, voice and figure is invented for it.

Run: `.venv/bin/python docs/session.py [--chart docs/figures-example.png] > /tmp/session.txt` (about two
minutes: it waits for the bot to go quiet after each message). What it prints is what each user sent and
everything the bot did in answer, HTML tags stripped, long lines wrapped, inline buttons in brackets, in
the order the fake server received them.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import os
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from botkit import bot_env, page_server
from fakebotapi import BOT_ID, BOT_USERNAME, Call, FakeBotAPI

QUIET_S = 1.6
SHOWN = ("sendMessage", "editMessageText", "sendPhoto", "sendDocument", "answerCallbackQuery")

MARCH = (
    "TARNMOUTH (Harbour Gazette) — Thousands marched through Tarnmouth on 2 May 2026 against the new media "
    "law. Organisers said 30,000 people took part in the march in Tarnmouth on 2 May 2026, while police put "
    "the number of participants at 8,000."
)
MARCH_COUNTERS = (
    "An independent crowd-counting group said 12,000 people took part in the march in Tarnmouth on 2 May "
    "2026, using drone footage of the route."
)
QUESTION = "Is it true that 30,000 people took part in the Tarnmouth march? My neighbour says only 8,000."
QUAKE = "Officials in Velmora said 120 people were killed in the earthquake on 1 March 2026."
QUAKE_LATER = (
    "Officials in Velmora said on 3 March 2026 that the death toll from the earthquake had risen to 164."
)
QUAKE_PAGE = (
    '<html><head><title>Velmora quake</title><meta property="og:site_name" content="Velmora Courier">'
    "</head><body><article><p>Red Lantern Relief said 210 people were killed in the earthquake in Velmora "
    "on 3 March 2026.</p><p>Rescuers said they were still searching collapsed buildings.</p></article>"
    "</body></html>"
)
FLOOD_LINES = [
    f"Officials in {town} said {dead} people were killed in the flood on 9 April 2026, while the Red Cross "
    f"said {red_cross} people had been killed in the flood in {town}."
    for town, dead, red_cross in (
        ("Orlen", 14, 19),
        ("Brask", 6, 9),
        ("Kelby", 22, 30),
        ("Mirow", 3, 5),
        ("Stade", 40, 51),
    )
]


def plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def buttons_of(params: dict[str, Any]) -> list[list[str]]:
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        import json

        markup = json.loads(markup)
    rows = (markup or {}).get("inline_keyboard", [])
    return [[b["text"] for b in row] for row in rows]


def shown(call: Call) -> dict[str, Any]:
    """The bot's message as Telegram hands it back in a button press or a reply: its id and chat."""
    assert call.message_id is not None and call.chat_id is not None
    message: dict[str, Any] = {
        "message_id": call.message_id,
        "date": int(time.time()),
        "chat": {"id": call.chat_id, "type": "private" if call.chat_id > 0 else "group"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Crosscheck", "username": BOT_USERNAME},
        "text": call.text,
    }
    if call.params.get("reply_markup"):
        message["reply_markup"] = call.params["reply_markup"]
    return message


def wrapped(text: str, prefix: str) -> str:
    lines: list[str] = []
    for n, line in enumerate(text.splitlines() or [""]):
        head = prefix if not lines and n == 0 else " " * len(prefix)
        lines += textwrap.wrap(line, 104, initial_indent=head, subsequent_indent=" " * len(prefix)) or [head]
    return "\n".join(lines)


class Transcript:
    """Sends what a user sends, waits for what the bot does in answer and prints both."""

    def __init__(self, fake: FakeBotAPI, names: dict[int, str], chart: Path | None = None) -> None:
        self.fake = fake
        self.names = names
        self.chart = chart
        self.seen = 0

    def say(self, chat_id: int, shown: str) -> None:
        print()
        print(wrapped(shown, f"{self.names[chat_id]}: "))

    async def send(self, chat_id: int, update: dict[str, Any], shown: str, *, expect: int = 1) -> list[Call]:
        self.say(chat_id, shown)
        self.fake.queue(update)
        return await self.answers(expect)

    async def press(
        self, chat_id: int, call: Call, data: str, *, language: str | None = None, expect: int = 1
    ) -> list[Call]:
        """Press the button under `call` whose callback data begins with `data`."""
        rows = call.params["reply_markup"]["inline_keyboard"]
        button = next(b for row in rows for b in row if b["callback_data"].startswith(data))
        self.say(chat_id, f"<presses [{button['text']}]>")
        message = shown(call)
        self.fake.queue(
            self.fake.callback_update(chat_id, button["callback_data"], message, language=language)
        )
        return await self.answers(expect)

    async def answers(self, expect: int = 1, quiet: float = QUIET_S) -> list[Call]:
        """What the bot does next: every call a user would see, at least `expect` of them, then until none
        came for `quiet` seconds (the outbox paces alerts at one a second a chat: an alert comes within)."""
        start = self.seen
        deadline = time.monotonic() + 120
        while True:
            count = len(self._visible())
            event = self.fake._changed  # set at each call the fake server records
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout=quiet)
            if len(self._visible()) == count and count >= start + expect:
                break
            if time.monotonic() > deadline:
                raise AssertionError("the bot never answered")
        calls = self._visible()[start:]
        if os.environ.get("SESSION_DEBUG"):
            print("DEBUG", start, expect, [(c.method, c.chat_id) for c in calls], file=sys.stderr)
        self.seen = len(self._visible())
        for call in calls:
            self.show(call)
        return calls

    def _visible(self) -> list[Call]:
        return [c for c in self.fake.calls if c.method in SHOWN and c.status == 200]

    def show(self, call: Call) -> None:
        to = self.names.get(call.chat_id or 0, "")
        if call.method == "answerCallbackQuery":
            text = call.params.get("text")
            print(
                wrapped(f"(pop-up) {plain(str(text))}" if text else "(the button stops spinning)", "bot:    ")
            )
            return
        if call.method == "sendPhoto":
            body = f"[photo: a chart, PNG]\n{plain(call.caption)}"
            if self.chart is not None:
                self.chart.write_bytes(next(iter(call.uploads.values())).data)
        elif call.method == "sendDocument":
            upload = next(iter(call.uploads.values()), None)
            body = f"[file: {upload.filename if upload else 'a file'}] {plain(call.caption)}"
        elif call.method == "editMessageText":
            body = f"(edits that message in place:)\n{plain(call.text)}"
        else:
            body = plain(call.text)
        rows = buttons_of(call.params)
        if rows:
            body += "\n" + "\n".join("".join(f"[{b}]" for b in row) for row in rows)
        print(wrapped(body, f"bot → {to}: " if self.addressed and to else "bot:    "))

    addressed = False  # name the chat each answer goes to (when two chats hear from the bot at once)


async def main() -> None:
    chart = Path(sys.argv[sys.argv.index("--chart") + 1]) if "--chart" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "limit").mkdir()
        await session(Path(tmp), chart)


def group_added(fake: FakeBotAPI, group: int) -> dict[str, Any]:
    bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Crosscheck", "username": BOT_USERNAME}
    return {
        "my_chat_member": {
            "chat": {"id": group, "type": "group", "title": "Fact desk"},
            "from": fake.user(1),
            "date": int(time.time()),
            "old_chat_member": {"user": bot_user, "status": "left"},
            "new_chat_member": {"user": bot_user, "status": "member"},
        }
    }


def long_paste() -> tuple[str, str]:
    """A text longer than one message, cut the way Telegram Desktop cuts it: at a paragraph break past half
    of 4,096 characters."""
    filler = (
        "Residents described the night the river rose, and volunteers carried sandbags along the embankment "
        "until the water stopped climbing."
    )
    paragraphs = [f"{filler} ({n})" for n in range(1, 36)]
    paragraphs.insert(30, "Officials in Orlen said on 12 April 2026 that the flood had killed 21 people.")
    text = "\n\n".join(paragraphs)
    cut = text.index("\n\n", 2048 + 1)
    return text[:cut], text[cut + 2 :]


async def session(tmp: Path, chart: Path | None) -> None:
    u1, u2, group = 1, 2, -300
    names = {u1: "user 1", u2: "user 2", group: "group"}
    async with page_server({"/quake": QUAKE_PAGE}) as pages, bot_env(tmp, ask_before_recording=True) as env:
        fake = env.fake
        t = Transcript(fake, names, chart)
        print("### Only sources become sources; the first text asks; the outlet read from the text")
        await t.send(u1, fake.command_update(u1, "/start"), "/start")
        await t.send(u1, fake.text_update(u1, "hello"), "hello")
        [asked] = await t.send(u1, fake.text_update(u1, MARCH), MARCH)
        await t.press(u1, asked, "cs:1", expect=2)
        await t.send(u1, fake.text_update(u1, QUESTION), QUESTION)

        print("\n### Following a story; a second source, from a user whose Telegram is in Russian")
        [recent] = await t.send(u1, fake.command_update(u1, "/recent"), "/recent")
        await t.press(u1, recent, "f:")
        [asked] = await t.send(u2, fake.text_update(u2, MARCH_COUNTERS, language="ru"), MARCH_COUNTERS)
        t.addressed = True
        calls = await t.press(u2, asked, "cs:1", language="ru", expect=4)
        t.addressed = False
        who = next(c for c in calls if c.chat_id == u2 and "sn:" in str(c.params.get("reply_markup", "")))
        alert = next(c for c in calls if c.chat_id == u1)
        reply = fake.text_update(u2, "Baltic Wire", language="ru", reply_to_message=shown(who))
        await t.send(u2, reply, "<replies to that message> Baltic Wire")
        await t.press(u1, alert, "w:")

        print("\n### An update of a followed toll; a link, named by its publisher")
        [quake] = await t.send(u1, fake.text_update(u1, QUAKE), QUAKE)
        await t.press(u1, quake, "fd:")
        t.addressed = True
        await t.send(u2, fake.text_update(u2, QUAKE_LATER, language="ru"), QUAKE_LATER, expect=2)
        await t.send(u2, fake.link_update(u2, f"{pages}/quake", language="ru"), f"{pages}/quake", expect=2)
        t.addressed = False

        print("\n### A long article: one answer, the rest a button away")
        flood = "\n\n".join(FLOOD_LINES)
        [answer] = await t.send(u1, fake.text_update(u1, flood), flood)
        await t.press(u1, answer, "pg:")

        print("\n### A long paste that Telegram split in two")
        first, second = long_paste()
        t.say(
            u1, f"<pastes {len(first) + len(second) + 2:,} characters; Telegram sends them as two messages>"
        )
        fake.queue(fake.text_update(u1, first))
        fake.queue(fake.text_update(u1, second))
        await t.answers(1, quiet=3.0)

        print("\n### Figures of a topic, as text and as a chart; what this chat sent, as files")
        await t.send(u1, fake.command_update(u1, "/figures flood"), "/figures flood", expect=2)
        await t.send(u1, fake.command_update(u1, "/export"), "/export", expect=2)

        print("\n### The user's language; settings; take back and forget")
        [menu] = await t.send(u2, fake.command_update(u2, "/language", language="ru"), "/language")
        await t.press(u2, menu, "lang:uk", language="ru", expect=2)
        await t.send(u2, fake.command_update(u2, "/settings", language="ru"), "/settings")
        await t.send(u1, fake.command_update(u1, "/undo"), "/undo")
        await t.send(u2, fake.command_update(u2, "/forget", language="ru"), "/forget")

        print("\n### Manners: unknown commands, groups")
        await t.send(u1, fake.command_update(u1, "/weather"), "/weather")
        t.say(group, "<user 1 adds the bot to the group>")
        fake.queue(group_added(fake, group))
        await t.answers()
        shared = fake.message(group, text=QUAKE_LATER, chat_type="group")
        t.say(group, f"user 3: {QUAKE_LATER}")
        fake.queue({"message": shared})
        mention = f"@{BOT_USERNAME}"
        entities = [{"type": "mention", "offset": 0, "length": len(mention)}]
        update = fake.text_update(
            group, mention, chat_type="group", reply_to_message=shared, entities=entities
        )
        await t.send(group, update, f"user 1, replying to user 3's message: {mention}")

    print("\n### The hourly limit (a bot started with CROSSCHECK_SUBMISSIONS_PER_HOUR=1)")
    async with bot_env(tmp / "limit", submissions_per_hour=1) as env:
        t = Transcript(env.fake, names)
        await t.send(u1, env.fake.text_update(u1, QUAKE), QUAKE)
        await t.send(u1, env.fake.text_update(u1, QUAKE_LATER), QUAKE_LATER)


if __name__ == "__main__":
    asyncio.run(main())
