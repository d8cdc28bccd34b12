"""Scale benchmark (by hand, never in tests): a database filled with N generated claims, then the hot paths.

    .venv/bin/python bench/scale.py [--db URL] [--sizes 10000,100000,1000000] [--lookups 300] [--ingests 20]

For each size (filled incrementally: 10k, then up to 100k, …) it prints
    per-claim candidate look-up (store.candidate_claims, as an ingest calls it): median, p95, rows found;
        and the same with the whole claims read (store.claim_rows, none kept from before): median, p95
    ingest of a ~1,000-word generated article (Crosscheck.ingest_text, model loaded): median, p95
    database size, resident memory of this process
and once, at the largest size, the `EXPLAIN` of the candidate query (EXPLAIN QUERY PLAN on SQLite,
EXPLAIN ANALYZE on PostgreSQL).

Rows are written with SQLAlchemy core in bulk, with the distributions the real extractor produces on
bench/corpus.py articles: ~30 claims per document, the eight quantity keys in their observed shares, the
common capitalised words every article shares ("aid", "residents", …), one of 20,000 places (Zipf), one of
many events, 40 outlets, dates over three years. Default database: a fresh SQLite file in a temporary folder;
a PostgreSQL URL gets a schema of its own, dropped at the end (--keep to keep it).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles
from sqlalchemy import Engine, create_engine, event, func, insert, select, text
from sqlmodel import Session, col

from bot.config import Settings
from bot.pipeline.service import CANDIDATE_WINDOW, Crosscheck
from bot.pipeline.types import SourceInfo
from storage import alerts as ledger
from storage import store
from storage.db import count_up, is_sqlite, make_engine, normalize_url, transaction
from storage.models import ClaimRow, DocumentRow, DocumentTermRow, TermFrequencyRow
from storage.schema import upgrade

TERM_FREQUENCY = TermFrequencyRow.__table__  # type: ignore[attr-defined]
CLAIMS_PER_DOCUMENT = 30
# Quantity keys and their shares, as the extractor gives them on the generated corpus.
QUANTITIES = {
    "released": 50,
    "injured": 46,
    "missing": 42,
    "killed": 31,
    "participants": 30,
    "arrested": 29,
    "displaced": 27,
    "hospitalised": 4,
}
# Capitalised words most articles share (sentence starts the term filter keeps), with their odds per article.
COMMON_TERMS = {
    "aid": 0.9,
    "residents": 0.9,
    "rescue": 0.9,
    "schools": 0.9,
    "footage": 0.9,
    "opposition": 0.8,
    "emergency": 0.6,
    "red": 0.5,
    "cross": 0.5,
    "hospital": 0.4,
    "police": 0.4,
    "government": 0.3,
    "ministry": 0.3,
    "officials": 0.2,
    "mayor": 0.2,
}
EVENTS = [
    "flood",
    "earthquake",
    "wildfire",
    "storm",
    "landslide",
    "fire",
    "collapse",
    "crash",
    "protest",
    "strike",
    "heatwave",
    "cyclone",
    "exchange",
    "shelling",
    "outbreak",
]
SYLLABLES = [
    "val",
    "dor",
    "ia",
    "kas",
    "trel",
    "mer",
    "row",
    "ash",
    "bur",
    "lin",
    "ha",
    "ven",
    "cor",
    "sen",
    "ta",
]
COUNTED = ["people", "residents", "protesters", "prisoners", "patients", "workers", "soldiers", "children"]
CLAIMANTS = ["the interior ministry", "local officials", "the Red Cross", "police", "the mayor", None]
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_DAYS = 3 * 365


def place_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(names)


class Filler:
    """Writes generated documents, terms and claims in bulk, continuing where it stopped."""

    def __init__(self, engine: Engine, seed: int = 1, *, selective: bool = False) -> None:
        self.engine = engine
        self.selective = selective  # no common words among the terms, places evenly spread
        self.rng = random.Random(seed)
        self.places = place_names(self.rng, 20_000)
        self.outlets = [f"outlet{n}" for n in range(40)]
        self.quantities = list(QUANTITIES)
        self.weights = list(QUANTITIES.values())

    def _place(self) -> str:
        if self.selective:
            return self.rng.choice(self.places)
        # Zipf-like: a few places are in the news a lot, most rarely.
        index = min(int(self.rng.paretovariate(1.1)) - 1, len(self.places) - 1)
        return self.places[(index * 7919) % len(self.places)]

    def fill_to(self, target_claims: int, *, chunk_documents: int = 2000) -> float:
        with Session(self.engine) as session:
            have = ledger.count_rows(session, table=ClaimRow)
            next_id = (
                int(session.execute(select(func.coalesce(func.max(DocumentRow.id), 0))).scalar_one()) + 1
            )
        started = time.perf_counter()
        while have < target_claims:
            documents: list[dict[str, Any]] = []
            terms: list[dict[str, Any]] = []
            claims: list[dict[str, Any]] = []
            for _ in range(chunk_documents):
                if have >= target_claims:
                    break
                doc_id = next_id
                next_id += 1
                published = START + timedelta(minutes=self.rng.randint(0, SPAN_DAYS * 24 * 60))
                place, happening = self._place(), self.rng.choice(EVENTS)
                body = (
                    f"{happening.capitalize()} in {place.capitalize()}. "
                    + "Filler sentence of an article. " * 180
                )
                documents.append(
                    {
                        "id": doc_id,
                        "source": self.rng.choice(self.outlets),
                        "url": f"https://news.example/{doc_id}",
                        "title": f"{happening} in {place}",
                        "published": published,
                        "lang": "en",
                        "kind": "article",
                        "content_hash": uuid.uuid4().hex,
                        "text": body,
                        "created_at": published,
                    }
                )
                common = {} if self.selective else COMMON_TERMS
                names = {t for t, p in common.items() if self.rng.random() < p} | {place, happening}
                terms += [{"document_id": doc_id, "term": t, "published": published} for t in sorted(names)]
                count = min(target_claims - have, max(1, int(self.rng.gauss(CLAIMS_PER_DOCUMENT, 8))))
                for position in range(count):
                    value = float(self.rng.choice([self.rng.randint(3, 99), self.rng.randint(100, 99999)]))
                    quote = f"{int(value)} {self.rng.choice(COUNTED)}"
                    claims.append(
                        {
                            "document_id": doc_id,
                            "value": value,
                            "low": value,
                            "high": value,
                            "quantity": self.rng.choices(self.quantities, self.weights)[0],
                            "counted": self.rng.choice(COUNTED),
                            "sides": "",
                            "scope": place,
                            "event": happening,
                            "claimant": self.rng.choice(CLAIMANTS),
                            "quote": quote,
                            "sentence": f"{quote} in the {happening} in {place}, officials said on Monday.",
                            "position": position * 120,
                            "moment": (published - timedelta(days=self.rng.randint(0, 2))).date(),
                            "tense": "current",
                            "subset": False,
                            "created_at": published,
                        }
                    )
                have += count
            with transaction(self.engine) as session:
                session.execute(insert(DocumentRow.__table__), documents)  # type: ignore[attr-defined]
                session.execute(insert(DocumentTermRow.__table__), terms)  # type: ignore[attr-defined]
                session.execute(insert(ClaimRow.__table__), claims)  # type: ignore[attr-defined]
                frequencies = Counter(str(row["term"]) for row in terms)
                count_up(session, TERM_FREQUENCY, key="term", counter="documents", amounts=frequencies)
        if not is_sqlite(self.engine):
            with self.engine.begin() as connection:  # the ids above were explicit: move the sequence on
                connection.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence('document', 'id'), "
                        "(SELECT max(id) FROM document))"
                    )
                )
            # What autovacuum does after a bulk load: statistics, and the visibility map that lets an
            # index-only scan skip the table.
            with self.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            with self.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        return time.perf_counter() - started


def sample_lookups(
    engine: Engine, count: int, rng: random.Random
) -> list[tuple[str, list[str], datetime, int]]:
    """(quantity, terms of its document, published, document id) of `count` random recorded claims."""
    with Session(engine) as session:
        top = int(session.execute(select(func.max(ClaimRow.id))).scalar_one())
        picks: list[tuple[str, list[str], datetime, int]] = []
        while len(picks) < count:
            claim = session.get(ClaimRow, rng.randint(1, top))
            if claim is None:
                continue
            document = session.get(DocumentRow, claim.document_id)
            assert document is not None and document.published is not None
            terms = list(
                session.execute(
                    select(col(DocumentTermRow.term)).where(
                        col(DocumentTermRow.document_id) == claim.document_id
                    )
                ).scalars()
            )
            picks.append((claim.quantity, terms, document.published, claim.document_id))
        return picks


def measure_lookups(
    engine: Engine, picks: list[tuple[str, list[str], datetime, int]]
) -> tuple[list[float], list[float], float]:
    """Per pick: the look-up alone (narrow rows), and the look-up with the whole claims it found read as
    an ingest reads those it has not built before (here all of them: the worst case, nothing kept)."""
    timings, with_claims, found = [], [], 0
    with Session(engine) as session:
        for _quantity, terms, published, document_id in picks:
            t0 = time.perf_counter()
            rows = store.candidate_claims(
                session,
                terms=terms,
                around=published,
                window=CANDIDATE_WINDOW,
                exclude_document_id=document_id,
            )
            t1 = time.perf_counter()
            store.claim_rows(session, claim_ids=[row.id for row in rows])
            timings.append(t1 - t0)
            with_claims.append(time.perf_counter() - t0)
            found += len(rows)
            session.expunge_all()
    return timings, with_claims, found / max(1, len(picks))


def explain(engine: Engine, pick: tuple[str, list[str], datetime, int]) -> str:
    """The plan of the candidate query exactly as store.candidate_claims sends it."""
    captured: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        with Session(engine) as session:
            _quantity, terms, published, document_id = pick
            store.candidate_claims(
                session,
                terms=terms,
                around=published,
                window=CANDIDATE_WINDOW,
                exclude_document_id=document_id,
            )
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = next((s, p) for s, p in captured if "document_term" in s)
    prefix = "EXPLAIN QUERY PLAN " if is_sqlite(engine) else "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    if is_sqlite(engine):
        return "\n".join(f"{'  ' * (1 if r[1] else 0)}{r[-1]}" for r in rows)
    return "\n".join(str(r[0]) for r in rows)


def measure_ingest(service: Crosscheck, count: int, seed: int) -> tuple[list[float], int]:
    timings, figures = [], 0
    for item in articles(count, seed=seed, words=1000):
        info = SourceInfo(source=item.source, url=item.url + f"?bench={seed}", published=item.published)
        t0 = time.perf_counter()
        report = service.ingest_text(item.text, info)
        timings.append(time.perf_counter() - t0)
        figures += len(report.figures)
    return timings, figures


def database_size(engine: Engine, path: Path | None) -> int:
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                )
            ).scalar_one()
        )


def rss_mb() -> tuple[float, float]:
    current = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            current = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return current, peak


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--sizes", default="10000,100000", help="claim counts, ascending, comma-separated")
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--ingests", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    parser.add_argument(
        "--selective",
        action="store_true",
        help="terms as a sharper term filter would give them: no common words, places evenly spread",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    folder = tempfile.TemporaryDirectory()
    admin: Engine | None = None
    schema = None
    sqlite_path: Path | None = None
    if args.db is None or args.db.startswith("sqlite"):
        sqlite_path = Path(args.db.removeprefix("sqlite:///")) if args.db else Path(folder.name) / "scale.db"
        url = f"sqlite:///{sqlite_path}"
    else:
        schema = f"scale_{uuid.uuid4().hex[:8]}"
        admin = create_engine(normalize_url(args.db))
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{args.db}{'&' if '?' in args.db else '?'}options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        service = Crosscheck(engine, replace(Settings(), database_url=url))
        _ = service.extractor.parser
        filler = Filler(engine, selective=args.selective)
        rng = random.Random(5)
        terms = "selective terms" if args.selective else "terms as the extractor gives them"
        print(f"engine {engine.dialect.name}; {CLAIMS_PER_DOCUMENT} claims per document on average; {terms}")
        header = (
            f"{'claims':>9} {'fill s':>7} {'lookup p50 ms':>13} {'p95 ms':>7} {'+claims p50':>11} {'p95':>6} "
            f"{'rows':>6} "
            f"{'ingest p50 s':>12} {'p95 s':>6} {'size MB':>8} {'RSS MB':>7} {'peak MB':>7}"
        )
        print(header)
        last_pick = None
        for round_, size in enumerate(sizes):
            fill_s = filler.fill_to(size)
            picks = sample_lookups(engine, args.lookups, rng)
            measure_lookups(engine, picks[:20])  # warm the cache
            lookups, whole, rows = measure_lookups(engine, picks)
            ingests, _ = measure_ingest(service, args.ingests, seed=100 + round_)
            current, peak = rss_mb()
            print(
                f"{size:>9,} {fill_s:>7.1f} {statistics.median(lookups) * 1000:>13.2f} "
                f"{pct(lookups, 0.95) * 1000:>7.2f} {statistics.median(whole) * 1000:>11.2f} "
                f"{pct(whole, 0.95) * 1000:>6.2f} {rows:>6.0f} {statistics.median(ingests):>12.3f} "
                f"{pct(ingests, 0.95):>6.3f} {database_size(engine, sqlite_path) / 1e6:>8.1f} "
                f"{current:>7.0f} {peak:>7.0f}",
                flush=True,
            )
            last_pick = picks[0]
        if last_pick is not None:
            print("\nplan of the candidate query at the largest size:")
            print(explain(engine, last_pick))
    finally:
        engine.dispose()
        if admin is not None:
            if not args.keep:
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        folder.cleanup()


if __name__ == "__main__":
    main()
