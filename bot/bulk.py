"""Bulk import (`crosscheck import PATH`): a folder of .txt/.html files or a JSON-lines file, one model.

    items(path)          → Item per file (sorted) or per line: its key, its text and SourceInfo, or why not
    import_items(...)    → ingest each through Crosscheck (ingest_text / ingest_html), a progress bar on
                           stderr, a bad item reported and skipped, a summary

Resuming: the engine recognises a document it has (same canonical URL or content hash) and reports it as a
duplicate, so an interrupted import run again records nothing twice. To skip the work of reading those again,
the keys of finished items are appended to a progress file beside PATH, one per database
(`.crosscheck-import-<digest of the database URL>`); without write access there, the import goes on without.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from sqlalchemy.exc import OperationalError
from tqdm import tqdm

from bot.pipeline.clean import read_input, valid_text
from bot.pipeline.errors import CrosscheckError
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import IngestReport, SourceInfo

logger = logging.getLogger(__name__)

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
MAX_FILE_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to import: `key` names it in reports and in the progress file."""

    key: str
    text: str | None = None
    info: SourceInfo | None = None
    html: bool = False
    error: str | None = None


@dataclass(slots=True)
class Summary:
    imported: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # finished by an earlier run (progress file)
    figures: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        done = self.imported + self.duplicates
        return done / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        parts = [
            f"imported {self.imported}",
            f"duplicates {self.duplicates}",
            f"failed {self.failed}",
        ]
        if self.skipped:
            parts.append(f"skipped {self.skipped} (done by an earlier run)")
        return (
            ", ".join(parts)
            + f"; {self.figures} figures in {self.seconds:.1f} s ({self.rate:.1f} documents/s)"
        )


def parse_published(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO 8601 string, not {value!r}")
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def count_items(path: Path) -> int:
    if path.is_dir():
        return len(_files(path))
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def items(path: Path) -> Iterator[Item]:
    """The items of a folder (its .txt/.html files, sorted, recursively) or of a JSON-lines file."""
    if path.is_dir():
        for file in _files(path):
            key = file.relative_to(path).as_posix()
            try:
                kind, text = read_input(file.read_bytes(), filename=file.name, max_bytes=MAX_FILE_BYTES)
            except (OSError, CrosscheckError) as error:
                yield Item(key, error=str(getattr(error, "strerror", None) or error))
                continue
            html = SUFFIXES[file.suffix.lower()] == "html" or kind == "html"
            yield Item(key, text=text, info=SourceInfo(source=file.stem, kind="file"), html=html)
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _line_item(f"{path.name}:{number}", raw)


def _line_item(key: str, raw: bytes) -> Item:
    try:
        record = json.loads(raw)
        if not isinstance(record, dict):
            raise ValueError("a line must be a JSON object")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("no text")
        url = record.get("url") or None
        if url is not None and not isinstance(url, str):
            raise ValueError("url must be a string")
        source = record.get("source") or (urlsplit(url).hostname if url else None)
        if not isinstance(source, str) or not source.strip():
            raise ValueError("no source (and no url to take it from)")
        info = SourceInfo(
            source=source.strip(),
            url=url,
            published=parse_published(record.get("published")),
            kind="article" if url else "pasted_text",
        )
    except ValueError as error:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        return Item(key, error=f"bad line: {error}")
    try:
        # JSON may escape a lone surrogate ("\\ud800"), which UTF-8 cannot encode
        kind, text = read_input(valid_text(text).encode("utf-8"), max_bytes=MAX_FILE_BYTES)
    except CrosscheckError as error:
        return Item(key, error=f"bad line: {error}")
    return Item(key, text=text, info=info, html=kind == "html")


class Progress:
    """The keys finished in earlier runs against one database; appends as items finish."""

    def __init__(self, path: Path, database_url: str) -> None:
        digest = hashlib.sha256(database_url.encode()).hexdigest()[:12]
        folder = path if path.is_dir() else path.parent
        stem = "" if path.is_dir() else f"{path.name}."
        self.file = folder / f".{stem}crosscheck-import-{digest}"
        self.done: set[str] = set()
        if self.file.exists():
            self.done = {line for line in self.file.read_text(encoding="utf-8").splitlines() if line}
        self._handle: IO[str] | None = None
        try:
            self._handle = self.file.open("a", encoding="utf-8")
        except OSError as error:
            logger.warning("cannot write the progress file %s (%s); going on without", self.file, error)

    def mark(self, key: str) -> None:
        if self._handle is not None:
            self._handle.write(key + "\n")
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def ingest(service: Crosscheck, item: Item) -> IngestReport:
    assert item.text is not None and item.info is not None
    if item.html:
        return service.ingest_html(item.text, item.info)
    return service.ingest_text(item.text, item.info)


def import_path(
    service: Crosscheck, path: Path, *, progress_bar: bool = True, stream: IO[str] | None = None
) -> Summary:
    """Import every item of `path`; a bad item is reported on the bar's stream and skipped."""
    summary = Summary()
    progress = Progress(path, service.settings.database_url)
    started = time.perf_counter()
    bar = tqdm(
        total=count_items(path),
        unit="doc",
        desc="importing",
        file=stream,
        disable=not progress_bar,
        mininterval=0.5,
        dynamic_ncols=True,
    )
    try:
        for item in items(path):
            bar.update(1)
            if item.key in progress.done:
                summary.skipped += 1
                continue
            reason = item.error
            if reason is None:
                try:
                    report = ingest(service, item)
                except CrosscheckError as error:
                    reason = str(error)
                except OperationalError:
                    raise  # the database is gone: stop here; run again to resume
                except Exception as error:  # one odd document must not stop a long import
                    logger.exception("import of %s failed", item.key)
                    reason = f"{error.__class__.__name__}: {error}"
                else:
                    if report.duplicate:
                        summary.duplicates += 1
                    else:
                        summary.imported += 1
                        summary.figures += len(report.figures)
                    progress.mark(item.key)
                    continue
            summary.failed += 1
            summary.failures.append(f"{item.key}: {reason}")
            bar.write(f"crosscheck: skipped {item.key}: {reason}", file=stream)
    finally:
        bar.close()
        progress.close()
        summary.seconds = time.perf_counter() - started
    return summary
