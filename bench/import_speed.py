"""Bulk-import benchmark (run by hand): generated articles as JSON lines, through `crosscheck import`.

    .venv/bin/python bench/import_speed.py [--articles 300] [--words 600] [--db sqlite:///import.db]

Runs the real command in its own process, into a fresh database, and prints articles/s of the whole run
(model load included) and of the import alone (from the command's own closing line).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles, corpus_arguments

CROSSCHECK = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "crosscheck"


def main() -> None:
    args = corpus_arguments(__doc__.split("\n\n")[0]).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for article in articles(args.articles, seed=11, words=args.words):
                line = {
                    "text": article.text,
                    "source": article.source,
                    "url": article.url,
                    "published": article.published.isoformat(),
                }
                out.write(json.dumps(line) + "\n")
        url = args.db or f"sqlite:///{folder}/import.db"
        started = time.perf_counter()
        done = subprocess.run(
            [str(CROSSCHECK), "import", "--db", url, str(feed)], capture_output=True, text=True, check=True
        )
        total = time.perf_counter() - started
    print((done.stdout.strip() or done.stderr.strip()).splitlines()[-1])
    print(f"{args.articles} articles in {total:.1f} s with start-up: {args.articles / total:.1f} articles/s")


if __name__ == "__main__":
    main()
