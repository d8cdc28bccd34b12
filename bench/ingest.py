"""Ingest benchmark (run by hand): a few hundred generated articles and the seed, into a fresh database.

    .venv/bin/python bench/ingest.py [--articles 300] [--words 600] [--db sqlite:///bench.db]

Prints articles/s (one process, one core for the pipeline) by the clock and per second of this process's CPU
time (what "per core" means; the clock also counts what other work on the machine takes from it), and
p50/p95 seconds per article.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles, corpus_arguments

from bot.config import Settings
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import SourceInfo
from storage.db import create_schema, make_engine

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rt-pow-exchange-2024-01-31.txt"


def main() -> None:
    args = corpus_arguments(__doc__.split("\n\n")[0]).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        create_schema(engine)
        service = Crosscheck(engine, replace(Settings(), database_url=url))
        _ = service.extractor.parser  # model load is start-up, not per-article work
        texts = [
            (a.text, SourceInfo(source=a.source, url=a.url, published=a.published))
            for a in articles(args.articles, words=args.words)
        ]
        texts.append((SEED.read_text(encoding="utf-8"), SourceInfo(source="seed")))
        timings, figures = [], 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for text, info in texts:
            t0 = time.perf_counter()
            report = service.ingest_text(text, info)
            timings.append(time.perf_counter() - t0)
            figures += len(report.figures)
        total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        engine.dispose()
    timings.sort()
    words = sum(len(t.split()) for t, _ in texts) / len(texts)
    print(f"{len(texts)} articles (~{words:.0f} words each), {figures} figures, {total:.1f} s")
    print(f"throughput {len(texts) / total:.1f} articles/s, {len(texts) / cpu:.1f} per CPU second")
    print(
        f"per article p50 {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
