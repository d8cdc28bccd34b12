"""Does a hostile message stall the bot? (run by hand) The real `crosscheck run` against the fake Bot API of
the tests: one paragraph of 200,000 characters is sent as a file; while it is checked, another chat's /help
is timed from the update's arrival to the reply; the peak memory so far (VmHWM, from /proc) is read; then
SIGTERM, sent while the check runs, is timed to the process's exit.

    .venv/bin/python bench/bot_stall.py [--runs 3]
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

from fakebotapi import FakeBotAPI  # noqa: E402

SENTENCE = "Officials said {} people were hurt in the fire and rescuers said more were missing. "


def peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


async def one_run(folder: Path) -> tuple[float, float, int]:
    fake = FakeBotAPI()
    await fake.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update(
        TELEGRAM_API_URL=fake.api_url,
        TELEGRAM_FILE_URL=fake.file_url,
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
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await fake.wait_for("getUpdates", timeout=60)
        fake.queue(fake.text_update(1, "Officials said 5 people were hurt in the fire on Monday."))
        await fake.wait_for("sendMessage", chat_id=1, timeout=60)  # answered: the models are loaded
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
            fake.document_update(4, "wall2.txt", paragraph.replace("fire", "flood").encode(), "text/plain")
        )
        await fake.wait_for("sendChatAction", chat_id=4, timeout=60)  # a second check under way: stop it
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=60)
        return latency, time.monotonic() - stopping, memory
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()


async def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            latency, stop, memory = await one_run(Path(folder))
            print(f"/help during a check {latency * 1000:4.0f} ms, SIGTERM in it {stop:3.1f} s, {memory} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args().runs))
