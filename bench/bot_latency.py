"""Latency of the bot, by hand: update queued in the fake Bot API → reply received, for a ~1,000-word pasted
article, with N claims already recorded; the first reply after start (a paste sent as soon as the bot
polls); and the bot process's peak resident memory.

    .venv/bin/python bench/bot_latency.py --claims 10000 --runs 30
    .venv/bin/python bench/bot_latency.py --claims 100000 --runs 30

The bot runs as a real `crosscheck run` process (so its memory is its own); the fake runs here.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebotapi import FakeBotAPI  # noqa: E402

from storage import store  # noqa: E402
from storage.db import create_schema, make_engine, transaction  # noqa: E402
from storage.models import ClaimRow, DocumentRow  # noqa: E402

QUANTITIES = ["killed", "injured", "released", "displaced", "missing", "arrested", "evacuated", "aboard"]
PLACES = ["ukraine", "russia", "gaza", "israel", "sudan", "haiti", "maui", "turkey", "syria", "kyiv"]


def preload(database_url: str, claims: int) -> None:
    """`claims` recorded figures in documents of 10 claims each, spread over quantities and places."""
    engine = make_engine(database_url)
    create_schema(engine)
    rng = random.Random(7)
    with transaction(engine) as session:
        for d in range(claims // 10):
            doc = DocumentRow(source=f"outlet {d % 300}", content_hash=uuid.uuid4().hex, text="x")
            # As an ingest records it: the terms with their counts, which the look-up reads first.
            store.add_document(session, document=doc, terms=rng.sample(PLACES, 2))
            assert doc.id is not None
            for i in range(10):
                value = rng.randint(1, 5000)
                session.add(
                    ClaimRow(
                        document_id=doc.id,
                        value=value,
                        low=value,
                        high=value,
                        quantity=rng.choice(QUANTITIES),
                        counted="people",
                        sides=rng.choice(PLACES),
                        quote=f"{value} people",
                        sentence=f"{value} people were affected.",
                        position=i,
                    )
                )
    engine.dispose()


def article(n: int) -> str:
    seed = (ROOT / "seeds" / "rt-pow-exchange-2024-01-31.txt").read_text(encoding="utf-8")
    filler = (
        f"Officials in region {n} said relief convoys reached the villages on the third day, and that roads "
        "remained closed to most traffic while engineers inspected the bridges along the river valley."
    )
    words = seed.split()
    text = seed.replace("207 guys", f"{200 + n} guys")
    while len(words) < 1000:
        text += "\n\n" + filler
        words += filler.split()
    return text


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def split(text: str) -> list[str]:
    """A paste as a Telegram mobile app delivers it: cut at (about) 4,096 characters."""
    return [text[:4000], text[4000:]] if len(text) > 4096 else [text]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", default="/tmp/crosscheck-bench.db")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)  # noqa: ASYNC240
    database_url = f"sqlite:///{args.db}"
    started = time.perf_counter()
    preload(database_url, args.claims)
    print(f"preloaded {args.claims:,} claims in {time.perf_counter() - started:.1f} s")

    fake = FakeBotAPI()
    await fake.start()
    env = dict(
        os.environ, TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_URL=fake.api_url, DATABASE_URL=database_url
    )
    script = Path(sys.executable).parent / "crosscheck"
    launched = time.monotonic()
    process = await asyncio.create_subprocess_exec(str(script), "run", cwd=ROOT, env=env)
    try:
        await fake.wait_for("getUpdates", timeout=60)
        polling = time.monotonic() - launched
        # The first paste, sent as soon as the bot polls: the models load at start, so it waits for
        # whatever of that is left.
        first_queued = time.monotonic()
        for part in split(article(0)):
            fake.queue(fake.text_update(1, part))
        [first] = await fake.wait_for("sendMessage", chat_id=1, timeout=120)
        first_reply = first.at - first_queued
        latencies = []
        for run in range(1, args.runs + 1):
            chat = 1000 + run
            text = article(run)
            parts = split(text)
            queued = time.monotonic()
            for part in parts:  # Telegram delivers a long paste as consecutive messages
                fake.queue(fake.text_update(chat, part))
            [reply] = await fake.wait_for("sendMessage", chat_id=chat, timeout=60)
            latencies.append(reply.at - queued)
        latencies.sort()
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        words = len(article(1).split())
        print(
            f"{args.claims:,} claims recorded, {words}-word paste in {len(parts)} messages, "
            f"{args.runs} runs: "
            f"median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"peak RSS {peak_rss_mb(process.pid):.0f} MB"
        )
        print(
            f"polling {polling:.1f} s after launch; first paste answered {first_reply * 1000:.0f} ms after "
            "it was queued"
        )
    finally:
        process.terminate()
        await process.wait()
        await fake.stop()


if __name__ == "__main__":
    asyncio.run(main())
