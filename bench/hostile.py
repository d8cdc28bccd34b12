"""Hostile-input benchmark (run by hand): CPU seconds and peak memory of `crosscheck ingest` on one paragraph
of 200,000 characters, 10 KB of "1 1 1 …", and a 2 MB HTML page, each in a fresh process and database.

    .venv/bin/python bench/hostile.py

The inputs are generated here (nothing is downloaded). Prints one line per input: exit code, CPU s, and
the peak RSS of the runs so far (the OS keeps one maximum over a process's children).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def inputs(folder: Path) -> dict[str, Path]:
    rng = random.Random(1)
    words = "the officials said that people were killed in the city on Monday and police counted".split()
    parts: list[str] = []
    size = 0
    while size < 200_000:
        word = rng.choice(words) if rng.random() > 0.08 else f"{rng.randint(1, 9999):,}"
        parts.append(word)
        size += len(word) + 1
    made = {
        "paragraph-200k.txt": " ".join(parts)[:200_000],
        "ones-10k.txt": "1 " * 5000,
        "page-2mb.html": "<html><body>"
        + "<div><p>The toll rose to 137 people, officials said on Monday.</p></div>" * 28_000
        + "</body></html>",
    }
    paths = {}
    for name, text in made.items():
        paths[name] = folder / name
        paths[name].write_text(text)
    return paths


def main() -> int:
    crosscheck = Path(sys.executable).parent / "crosscheck"
    with tempfile.TemporaryDirectory() as folder:
        for name, path in inputs(Path(folder)).items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                [str(crosscheck), "ingest", "--db", f"sqlite:///{folder}/{name}.db", str(path)],
                capture_output=True,
                check=False,
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            peak = after.ru_maxrss // 1024  # the largest child so far: inputs run smallest peak last
            print(f"{name:20} exit {done.returncode}  cpu {cpu:5.1f} s  peak rss so far {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
