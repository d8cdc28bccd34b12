"""The `crosscheck` command: settings → logging → one use case → readable text or JSON.

    crosscheck ingest [--source NAME] [--url URL] [--published ISO] [--lang CODE] [--json] FILE|URL|-
    crosscheck relations [--kind KIND] [--json]
    crosscheck claims [--limit N] [--json]
    crosscheck run [--webhook-url URL --listen HOST --port N]
    crosscheck db upgrade
    crosscheck import [--no-progress] FOLDER|FILE.jsonl

Every command takes `--db URL` (default `DATABASE_URL`, else a SQLite file in the working directory).
Bad input exits 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.config import Settings
from bot.pipeline.clean import read_input
from bot.pipeline.errors import CrosscheckError
from bot.pipeline.fetch import link_scheme
from bot.pipeline.frames import event_json, scope_json
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import IngestReport, RecordedFigure, RelationView, SourceInfo
from storage.db import make_engine
from storage.schema import SchemaOutOfDate, ensure_current, upgrade

logger = logging.getLogger(__name__)

EXIT_BAD_INPUT = 2


def parse_published(text: str) -> datetime:
    """ISO 8601 date or date-time; a naive value is taken as UTC."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--db", help="database URL (default: DATABASE_URL or sqlite:///crosscheck.db)")
        return sub

    ingest = with_db(commands.add_parser("ingest", help="read an article (file, URL or - for stdin)"))
    ingest.add_argument("input", help="a .txt or .html file, an http(s) URL, or - for standard input")
    ingest.add_argument("--source", help="outlet or channel (default: the link's host or the file name)")
    ingest.add_argument("--url", help="where the text was published")
    ingest.add_argument("--published", type=parse_published, help="publication time, ISO 8601")
    ingest.add_argument("--lang", help="language code (default: guessed)")
    ingest.add_argument("--json", action="store_true", help="print JSON")

    relations = with_db(
        commands.add_parser("relations", help="conflicts, updates and corroborations recorded")
    )
    relations.add_argument("--kind", choices=["conflict", "update", "corroboration"], action="append")
    relations.add_argument("--limit", type=int)
    relations.add_argument("--json", action="store_true", help="print JSON")

    claims = with_db(commands.add_parser("claims", help="the figures recorded, newest first"))
    claims.add_argument("--limit", type=int, default=50)
    claims.add_argument("--json", action="store_true", help="print JSON")

    run = with_db(commands.add_parser("run", help="start the Telegram bot"))
    run.add_argument("--webhook-url", help="serve a webhook at this public URL instead of long polling")
    run.add_argument("--listen", default="0.0.0.0", help="webhook listen address")  # noqa: S104
    run.add_argument("--port", type=int, default=8443, help="webhook port")

    bulk = with_db(
        commands.add_parser("import", help="import a folder of .txt/.html files or a JSON-lines file")
    )
    bulk.add_argument("input", help="a folder, or a .jsonl file with text, source, url, published per line")
    bulk.add_argument("--no-progress", action="store_true", help="no progress bar")

    db = commands.add_parser("db", help="the database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    with_db(db_commands.add_parser("upgrade", help="bring the database schema to this version's"))
    return parser


# -- rendering (plain values → text / JSON) ---------------------------------------------------------------
def claim_json(item: RecordedFigure) -> dict[str, Any]:
    f, d = item.figure, item.document
    return {
        "id": item.id,
        "value": f.value,
        "low": f.low,
        "high": f.high,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "quantity": f.quantity,
        "counted": f.counted,
        "sides": list(f.sides),
        "scope": scope_json(f.scope),
        "event": event_json(f.event),
        "claimant": f.claimant,
        "moment": f.moment.isoformat() if f.moment else None,
        "tense": f.tense,
        "quote": f.quote,
        "sentence": f.sentence,
        "document": {
            "id": d.id,
            "source": d.source,
            "url": d.url,
            "published": d.published.isoformat() if d.published else None,
        },
    }


def relation_json(view: RelationView) -> dict[str, Any]:
    return {
        "id": view.id,
        "kind": view.kind,
        "a": claim_json(view.a),
        "b": claim_json(view.b),
        "why": view.why,
    }


def claim_line(item: RecordedFigure) -> str:
    f, d = item.figure, item.document
    who = f.claimant or "unattributed"
    when = d.published.date().isoformat() if d.published else "undated"
    return f"“{f.quote}” — {who} ({d.source}, {when})"


def relation_text(view: RelationView) -> str:
    return f"{view.kind.upper()}: {claim_line(view.a)}\n    vs {claim_line(view.b)}\n    why: {view.why}"


def report_text(report: IngestReport) -> str:
    head = "Already recorded" if report.duplicate else "Recorded"
    lines = [
        f"{head}: {report.document.source} (document {report.document.id}), {len(report.figures)} figures"
    ]
    lines += [
        f"  • {item.figure.quote}  [{item.figure.counted}; {item.figure.claimant or '—'}]"
        for item in report.figures
    ]
    conflicts = [r for r in report.relations if r.kind == "conflict"]
    others = [r for r in report.relations if r.kind != "conflict"]
    if conflicts:
        lines.append(f"{len(conflicts)} conflict(s):")
        lines += [relation_text(r) for r in conflicts]
    elif report.disputed:
        # Nothing new disagrees, but a figure it agrees with is disputed: that is not an all-clear.
        sides = len(report.disputed)
        lines.append(f"No new conflict; it agrees with one side of {sides} recorded conflict(s):")
        lines += [relation_text(r) for r in report.disputed]
    else:
        lines.append("No conflicting figures recorded.")
    lines += [relation_text(r) for r in others]
    return "\n".join(lines)


# -- commands ----------------------------------------------------------------------------------------------
def read_bytes(path: str, *, max_bytes: int) -> bytes:
    """A file's bytes, or standard input's for "-" (read one byte over the cap, to tell it is over)."""
    return sys.stdin.buffer.read(max_bytes + 1) if path == "-" else Path(path).read_bytes()


def cmd_ingest(args: argparse.Namespace, service: Crosscheck) -> int:
    target: str = args.input
    # A file by that name wins; otherwise anything written with a scheme is a link, and one that is not
    # http(s) ("FTP://…", "file:…") is refused by the fetch guard rather than looked for on disk.
    is_url = link_scheme(target) is not None and not Path(target).exists()
    default_source = urlsplit(target).hostname or target if is_url else Path(target).stem or "pasted text"
    info = SourceInfo(
        source=args.source or default_source,
        url=args.url or (target if is_url else None),
        published=args.published,
        lang=args.lang,
        kind="article" if is_url else "pasted_text",
        source_given=args.source is not None,  # else the outlet the text or page names, if it does
    )
    if is_url:
        report = service.ingest_url(target, info)
    else:
        limit = service.settings.max_upload_bytes * 10
        kind, text = read_input(read_bytes(target, max_bytes=limit), filename=target, max_bytes=limit)
        if kind == "html":
            report = service.ingest_html(text, replace(info, kind="html"))
        else:
            report = service.ingest_text(text, info)
    if args.json:
        print(
            json.dumps(
                {
                    "document": {
                        "id": report.document.id,
                        "source": report.document.source,
                        "url": report.document.url,
                        "title": report.document.title,
                        "published": report.document.published.isoformat()
                        if report.document.published
                        else None,
                        "duplicate": report.duplicate,
                    },
                    "claims": [claim_json(item) for item in report.figures],
                    "relations": [relation_json(r) for r in report.relations],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(report_text(report))
    return 0


def cmd_relations(args: argparse.Namespace, service: Crosscheck) -> int:
    views = service.relations(kinds=args.kind, limit=args.limit)
    if args.json:
        print(json.dumps({"relations": [relation_json(v) for v in views]}, ensure_ascii=False))
    elif not views:
        print("No relations recorded yet.")
    else:
        print("\n".join(relation_text(v) for v in views))
    return 0


def cmd_claims(args: argparse.Namespace, service: Crosscheck) -> int:
    items = service.claims(limit=args.limit)
    if args.json:
        print(json.dumps({"claims": [claim_json(i) for i in items]}, ensure_ascii=False))
    elif not items:
        print("No figures recorded yet.")
    else:
        print("\n".join(claim_line(i) for i in items))
    return 0


def cmd_import(args: argparse.Namespace, service: Crosscheck) -> int:
    from bot.bulk import import_path

    path = Path(args.input)
    if not path.exists():
        print(f"crosscheck: no such file or folder: {args.input!r}", file=sys.stderr)
        return EXIT_BAD_INPUT
    _ = service.extractor.parser  # load the model before the progress bar starts
    summary = import_path(service, path, progress_bar=not args.no_progress, stream=sys.stderr)
    print(summary.line())
    return 0


def cmd_db_upgrade(database_url: str) -> int:
    try:
        engine = make_engine(database_url)
        before, after = upgrade(engine)
    except Exception as error:
        print(f"crosscheck: cannot upgrade the database {database_url!r}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine.dispose()
    if before == after:
        print(f"The database is up to date (revision {after}).")
    else:
        print(f"The database was upgraded from {before or 'empty'} to revision {after}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    settings = Settings.from_env(dotenv=Path(".env"))
    if args.db:
        settings = replace(settings, database_url=args.db)
    if args.command == "run":
        from bot.app import run_bot

        return run_bot(settings, webhook_url=args.webhook_url, listen=args.listen, port=args.port)
    if args.command == "db":
        return cmd_db_upgrade(settings.database_url)
    try:
        engine = make_engine(settings.database_url)
        ensure_current(engine)
    except SchemaOutOfDate as error:
        print(f"crosscheck: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        print(f"crosscheck: cannot open the database {settings.database_url!r}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    service = Crosscheck(engine, settings)
    commands = {
        "ingest": cmd_ingest,
        "relations": cmd_relations,
        "claims": cmd_claims,
        "import": cmd_import,
    }
    try:
        return commands[args.command](args, service)
    except CrosscheckError as error:
        print(f"crosscheck: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"crosscheck: cannot read {args.input!r}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        engine.dispose()
