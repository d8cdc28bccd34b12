"""Does a hostile message or a busy hour stall the bot? (run by hand) The real `crosscheck run` against the
fake Bot API of the tests, in three scenes:

- `paragraph`: one paragraph of 200,000 characters is sent as a file; while it is checked, another chat's
  /help is timed from the update's arrival to the reply; the peak memory (VmHWM, from /proc) is read after
  the check; then SIGTERM, sent while a second such check runs, is timed to the process's exit;
- `load`: SIGTERM as soon as the bot polls, while its models load, timed to the process's exit;
- `slow-links`: six links to a loopback server that holds every answer open; with all six in flight,
  another chat's /help is timed;
- `crowd`: 50 chats send 20 short articles each, all queued at once; the time until every one is answered
  and the peak memory are read.

    .venv/bin/python bench/bot_stall.py [--runs 3] [--scenes load paragraph slow-links crowd]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from botkit import HeldPages  # noqa: E402
from fakebotapi import FakeBotAPI  # noqa: E402

SENTENCE = "Officials said {} people were hurt in the fire and rescuers said more were missing. "


def peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


async def start_bot(fake: FakeBotAPI, folder: Path) -> asyncio.subprocess.Process:
    """`crosscheck run` on a new SQLite file, answered once so that its models are loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update(
        TELEGRAM_API_URL=fake.api_url,
        TELEGRAM_FILE_URL=fake.file_url,
        DATABASE_URL=f"sqlite:///{folder / f'{time.monotonic_ns()}.db'}",
        TELEGRAM_BOT_TOKEN=fake.token,
        CROSSCHECK_ALLOW_PRIVATE_URLS="1",  # the slow server is on loopback
    )
    script = Path(sys.executable).parent / "crosscheck"
    with (folder / "bot.log").open("ab") as log:  # read when a scene fails
        process = await asyncio.create_subprocess_exec(
            str(script), "run", cwd=ROOT, env=env, stdout=log, stderr=log
        )
    await fake.wait_for("getUpdates", timeout=60)
    fake.queue(fake.text_update(1, "Officials said 5 people were hurt in the fire on Monday."))
    await fake.wait_for("sendMessage", chat_id=1, timeout=60)
    return process


async def stop_bot(process: asyncio.subprocess.Process, fake: FakeBotAPI) -> None:
    if process.returncode is None:
        process.kill()
        await process.wait()
    await fake.stop()


async def paragraph_run(folder: Path) -> str:
    fake = FakeBotAPI()
    await fake.start()
    process = await start_bot(fake, folder)
    try:
        paragraph = "".join(SENTENCE.format(n % 400 + 3) for n in range(2500))[:200_000]
        fake.queue(fake.document_update(2, "wall.txt", paragraph.encode(), "text/plain"))
        await fake.wait_for("sendChatAction", chat_id=2, timeout=60)
        started = time.monotonic()
        fake.queue(fake.command_update(3, "/help"))
        await fake.wait_for("sendMessage", chat_id=3, timeout=60)
        latency = time.monotonic() - started
        await fake.wait_for("sendMessage", chat_id=2, timeout=120)  # the whole check, for its peak memory
        memory = peak_mb(process.pid)
        fake.queue(
            fake.document_update(
                4, "wall2.txt", paragraph.replace("fire", "flood")[:200_000].encode(), "text/plain"
            )
        )
        await fake.wait_for("sendChatAction", chat_id=4, timeout=60)  # a second check under way: stop it
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=60)
        stop = time.monotonic() - stopping
        return (
            f"paragraph: /help during a check {latency * 1000:4.0f} ms, SIGTERM in it {stop:3.1f} s, "
            f"{memory} MB"
        )
    finally:
        await stop_bot(process, fake)


async def load_run(folder: Path) -> str:
    """SIGTERM as soon as the bot polls, while its models are still loading."""
    fake = FakeBotAPI()
    await fake.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update(
        TELEGRAM_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{folder / f'{time.monotonic_ns()}.db'}",
        TELEGRAM_BOT_TOKEN=fake.token,
    )
    script = Path(sys.executable).parent / "crosscheck"
    process = await asyncio.create_subprocess_exec(
        str(script),
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_for("getUpdates", timeout=60)
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=60)
        stop = time.monotonic() - stopping
        return f"load: SIGTERM as it starts polling, exit {process.returncode} in {stop:3.1f} s"
    finally:
        await stop_bot(process, fake)


SLOW_LINKS = 6


async def slow_links_run(folder: Path) -> str:
    async with HeldPages(SLOW_LINKS) as pages:
        fake = FakeBotAPI()
        await fake.start()
        process = await start_bot(fake, folder)
        try:
            for n in range(SLOW_LINKS):
                fake.queue(fake.link_update(600 + n, pages.url(n)))
            await asyncio.wait_for(pages.all_arrived.wait(), timeout=60)
            started = time.monotonic()
            fake.queue(fake.command_update(699, "/help"))
            await fake.wait_for("sendMessage", chat_id=699, timeout=60)
            latency = time.monotonic() - started
            held = not [c for c in fake.sent() if c.chat_id in range(600, 600 + SLOW_LINKS)]
            return (
                f"slow links: /help with {SLOW_LINKS} links held open {latency * 1000:4.0f} ms "
                f"(all still held: {held})"
            )
        finally:
            pages.release.set()
            await stop_bot(process, fake)


CHATS, MESSAGES = 50, 20
ARTICLE = (
    "Officials in Town{chat} said on Monday that {hurt} people were hurt in a fire at a market there. "
    "A local rights group said {other} people had been hurt and {missing} were still missing. "
    "The fire began in the early morning and was put out by noon, the town's fire service said."
)


async def crowd_run(folder: Path) -> str:
    fake = FakeBotAPI()
    await fake.start()
    process = await start_bot(fake, folder)
    try:
        started = time.monotonic()
        for message in range(MESSAGES):
            for chat in range(100, 100 + CHATS):
                n = chat * MESSAGES + message
                text = ARTICLE.format(chat=n, hurt=n % 70 + 5, other=n % 70 + 9, missing=n % 9 + 2)
                fake.queue(fake.text_update(chat, text))
        for chat in range(100, 100 + CHATS):
            await fake.wait_for("sendMessage", chat_id=chat, count=MESSAGES, timeout=600)
        elapsed = time.monotonic() - started
        memory = peak_mb(process.pid)
        return f"crowd: {CHATS} chats x {MESSAGES} pastes answered in {elapsed:.0f} s, peak {memory} MB"
    finally:
        await stop_bot(process, fake)


SCENES = {"load": load_run, "paragraph": paragraph_run, "slow-links": slow_links_run, "crowd": crowd_run}


async def main(runs: int, scenes: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for scene in scenes:
            for _ in range(runs):
                try:
                    print(await SCENES[scene](Path(folder)), flush=True)
                except Exception:
                    log = Path(folder) / "bot.log"
                    print(log.read_text(errors="replace")[-3000:] if log.exists() else "", file=sys.stderr)
                    raise


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scenes", nargs="+", choices=list(SCENES), default=list(SCENES))
    arguments = parser.parse_args()
    asyncio.run(main(arguments.runs, arguments.scenes))
