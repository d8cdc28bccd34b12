"""/figures (a list and a chart) and /export (a CSV and a JSON file), through the real bot and engine."""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import UTC, datetime

from botkit import bot_env
from fakebotapi import BOT_USERNAME, Call
from PIL import Image

from bot import replies

# Invented outlets, places and figures: three channels on three days about one flood, and a fire elsewhere.
FLOOD_POSTS = (
    (
        "Harbour Gazette",
        "harbourgazette",
        2,
        "The flood in Velmora killed at least 31 people, the regional governor said.",
    ),
    (
        "Northline Wire",
        "northlinewire",
        5,
        "The Velmora flood death toll rose to 62, the health ministry said.",
    ),
    (
        "Velmora Courier",
        "velmoracourier",
        6,
        "Red Lantern Relief said 80 people were killed in the Velmora flood.",
    ),
)
FIRE = "Officials in Tarnmouth said 48 people were hurt in the fire."


def channel(title: str, username: str, day: int, post: int) -> dict[str, object]:
    return {
        "type": "channel",
        "date": int(datetime(2026, 3, day, 9, 0, tzinfo=UTC).timestamp()),
        "message_id": post,
        "chat": {"id": -1000 - post, "type": "channel", "title": title, "username": username},
    }


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_figures_lists_the_topic_by_source_and_day_and_sends_a_chart(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        for n, (title, username, day, text) in enumerate(FLOOD_POSTS, 1):
            fake.queue(fake.forward_update(41, text, channel(title, username, day, n)))
            await fake.wait_for("sendMessage", chat_id=41, count=n)
        fake.queue(fake.text_update(41, FIRE))
        await fake.wait_for("sendMessage", chat_id=41, count=4)

        fake.queue(fake.command_update(42, "/figures Velmora FLOOD"))
        [listed] = await fake.wait_for("sendMessage", chat_id=42)
        [photo] = await fake.wait_for("sendPhoto", chat_id=42)
        text = listed.text
        assert "3 figures recorded for Velmora FLOOD" in text
        # value as written, claimant, outlet, date; oldest first
        lines = [line for line in text.splitlines() if line.startswith("•")]
        assert len(lines) == 3
        assert "at least 31" in lines[0] and "regional governor" in lines[0] and "Harbour Gazette" in lines[0]
        assert "2 Mar 2026" in lines[0]
        assert "62" in lines[1] and "health ministry" in lines[1] and "5 Mar 2026" in lines[1]
        assert "80 people" in lines[2] and "Red Lantern Relief" in lines[2] and "6 Mar 2026" in lines[2]
        assert "Tarnmouth" not in text and "48" not in text

        png = photo.uploads["photo"].data
        width, height = png_size(png)
        assert 1000 <= width <= 1200 and 600 <= height <= 2000
        with Image.open(io.BytesIO(png)) as image:
            image.verify()  # the whole file decodes
        assert "Velmora FLOOD" in photo.caption and "3 figures" in photo.caption
        assert photo.at >= listed.at  # the list first, then the chart


async def test_figures_without_a_topic_or_with_none_recorded_says_so_without_a_chart(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.text_update(43, FIRE))
        await fake.wait_for("sendMessage", chat_id=43)
        fake.queue(fake.command_update(43, "/figures"))
        fake.queue(fake.command_update(43, "/figures Quarrystone earthquake"))
        fake.queue(fake.command_update(43, "/figures tarnm hurt"))  # word starts, as /subscribe matches
        said = await fake.wait_for("sendMessage", chat_id=43, count=4)
        assert said[1].text.startswith("Send /figures followed by") and "\n" not in said[1].text
        assert "Nothing is recorded for <b>Quarrystone earthquake</b>" in said[2].text
        assert "1 figure recorded for tarnm hurt" in said[3].text and "48 people were hurt" in said[3].text
        [photo] = await fake.wait_for("sendPhoto", chat_id=43)
        assert "1 figure" in photo.caption
        assert len(fake.sent(43, "sendPhoto")) == 1  # none for the usage line nor for the unknown topic


async def test_figures_and_export_are_in_the_command_menu_and_help(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        [commands] = [c for c in env.fake.sent(method="setMyCommands") if "language_code" not in c.params]
        names = [c["command"] for c in commands.params["commands"]]
        assert "figures" in names and "export" in names
        group = -440
        env.fake.queue(env.fake.command_update(group, f"/figures@{BOT_USERNAME}", chat_type="supergroup"))
        [usage] = await env.fake.wait_for("sendMessage", chat_id=group)
        assert usage.text.startswith("Send /figures followed by")


def uploads(calls: list[Call]) -> dict[str, bytes]:
    return {c.uploads["document"].filename: c.uploads["document"].data for c in calls}


async def test_export_sends_what_the_chat_sent_as_csv_and_json(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        fake = env.fake
        fake.queue(fake.command_update(45, "/subscribe tarnmouth fire"))
        fake.queue(fake.text_update(45, FIRE))
        [_, first] = await fake.wait_for("sendMessage", chat_id=45, count=2)
        buttons = [b["callback_data"] for row in first.params["reply_markup"]["inline_keyboard"] for b in row]
        follow = next(
            data for data in buttons if data.startswith((f"{replies.FOLLOW}:", f"{replies.FOLLOW_DOCUMENT}:"))
        )
        fake.queue(fake.callback_update(45, follow, fake._sent_message(first.params)))
        await fake.wait_for("answerCallbackQuery")
        # Another chat's text on the same fire: a relation with chat 45's figure, but not chat 45's text.
        fake.queue(fake.text_update(46, "Rescuers in Tarnmouth said 61 people were hurt in the fire."))
        await fake.wait_for("sendMessage", chat_id=46)

        fake.queue(fake.command_update(45, "/export"))
        calls = await fake.wait_for("sendDocument", chat_id=45, count=2)
        files = uploads(calls)
        assert set(files) == {"crosscheck-export.csv", "crosscheck-export.json"}
        assert "1 text with 1 figure, 1 subscription, 1 follow" in calls[0].caption

        rows = list(csv.DictReader(io.StringIO(files["crosscheck-export.csv"].decode("utf-8-sig"))))
        kinds = [r["record"] for r in rows]
        assert kinds[:4] == ["document", "figure", "subscription", "follow"]
        document, figure, subscription, followed = rows[:4]
        assert document["source"] == "pasted text" and document["url"] == ""
        assert document["published"] == "" and document["sent"].startswith(str(datetime.now(UTC).year))
        assert figure["as_written"] == "48 people were hurt" and float(figure["value"]) == 48
        assert (
            figure["claimant"] == "Officials in Tarnmouth"
            and figure["document_id"] == document["document_id"]
        )
        assert subscription["words"] == "tarnmouth fire"
        assert followed["quantity"] == "injured"
        relations = [r for r in rows if r["record"] == "relation"]
        assert len(relations) == 1
        assert {relations[0]["as_written"], relations[0]["other_as_written"]} == {
            "48 people were hurt",
            "61 people were hurt",
        }

        data = json.loads(files["crosscheck-export.json"])
        assert data["chat_id"] == 45
        [sent] = data["documents"]
        assert [f["as_written"] for f in sent["figures"]] == ["48 people were hurt"]
        assert data["subscriptions"] == [{"words": "tarnmouth fire"}]
        assert [f["quantity"] for f in data["follows"]] == ["injured"]
        [relation] = data["relations"]
        assert {relation["a"]["value"], relation["b"]["value"]} == {48, 61}
        # chat 46's text is no text of chat 45's: only the other side of the relation
        assert [r["as_written"] for r in rows if r["record"] == "figure"] == ["48 people were hurt"]
        assert kinds.count("document") == 1 and relations[0]["other_claimant"] == "Rescuers in Tarnmouth"


async def test_export_of_a_chat_with_nothing_recorded_says_so(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        env.fake.queue(env.fake.command_update(47, "/export"))
        [reply] = await env.fake.wait_for("sendMessage", chat_id=47)
        assert reply.text.startswith("Nothing to export")
        assert env.fake.sent(47, "sendDocument") == []
