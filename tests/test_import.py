"""`crosscheck import`: a folder or a JSON-lines file, bad items reported and skipped, resumable, on both
engines; the command prints a summary and draws its progress bar on stderr."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.bulk import import_path
from bot.cli import main
from bot.config import Settings
from bot.pipeline.extract import Extractor
from bot.pipeline.service import Crosscheck
from storage.models import DocumentRow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import articles  # noqa: E402

PAGE = ROOT / "tests" / "pages" / "article.html"


def service(engine: Engine, extractor: Extractor) -> Crosscheck:
    url = engine.url.render_as_string(hide_password=False)
    return Crosscheck(engine, Settings(database_url=url), extractor=extractor)


def documents(engine: Engine) -> list[DocumentRow]:
    with Session(engine) as session:
        return list(session.exec(select(DocumentRow).order_by(col(DocumentRow.id))).all())


def folder_with_bad_files(root: Path) -> Path:
    folder = root / "in"
    (folder / "more").mkdir(parents=True)
    for i, item in enumerate(articles(3, words=150)):
        (folder / f"{i}-{item.source.replace(' ', '_')}.txt").write_text(item.text, encoding="utf-8")
    (folder / "more" / "page.html").write_bytes(PAGE.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (folder / "empty.html").write_text("   \n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article type: ignored", encoding="utf-8")
    return folder


def test_a_folder_is_imported_bad_files_reported_and_a_rerun_imports_nothing_twice(
    engine: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    folder = folder_with_bad_files(tmp_path)
    crosscheck = service(engine, extractor)

    first = import_path(crosscheck, folder, progress_bar=False)
    assert (first.imported, first.duplicates, first.failed) == (4, 0, 2)
    assert sorted(f.split(":")[0] for f in first.failures) == ["broken.txt", "empty.html"]
    assert first.figures > 0
    recorded = documents(engine)
    assert len(recorded) == 4
    assert {d.source for d in recorded} >= {"page"}

    again = import_path(crosscheck, folder, progress_bar=False)  # resumed: the progress file knows
    assert (again.imported, again.duplicates, again.failed, again.skipped) == (0, 0, 2, 4)

    for marker in folder.glob(".crosscheck-import-*"):
        marker.unlink()
    fresh = import_path(crosscheck, folder, progress_bar=False)  # no progress file: the engine knows
    assert (fresh.imported, fresh.duplicates, fresh.failed) == (0, 4, 2)
    assert len(documents(engine)) == 4


def test_a_json_lines_file_with_bad_lines(engine: Engine, extractor: Extractor, tmp_path: Path) -> None:
    good = list(articles(2, words=150, seed=11))
    lines = [
        json.dumps({"text": a.text, "source": a.source, "url": a.url, "published": a.published.isoformat()})
        for a in good
    ]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"source": "no text here"}))
    lines.append(json.dumps({"text": good[0].text + " More.", "source": "X", "published": "yesterday"}))
    lines.append("")
    lines.append(json.dumps({"text": PAGE.read_text(encoding="utf-8"), "url": "https://example.org/flood"}))
    data = tmp_path / "feed.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")

    summary = import_path(service(engine, extractor), data, progress_bar=False)
    assert (summary.imported, summary.failed) == (3, 3)
    assert [f.split(":")[1] for f in summary.failures] == ["2", "4", "5"]
    assert all("bad line" in f for f in summary.failures)
    recorded = documents(engine)
    assert [d.url for d in recorded] == [good[0].url, good[1].url, "https://example.org/flood"]
    assert recorded[0].published == good[0].published.astimezone(UTC)
    assert recorded[2].source == "example.org" and recorded[2].title

    resumed = import_path(service(engine, extractor), data, progress_bar=False)
    assert (resumed.imported, resumed.skipped, resumed.failed) == (0, 3, 3)


def test_a_json_line_with_lone_surrogates_is_imported(
    engine: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    # json.dumps writes "\\ud800": JSON carries a lone surrogate that UTF-8 cannot encode
    line = {"text": "Officials said 45 people were hurt \ud800 in the flood.", "source": "Daily \udc80"}
    data = tmp_path / "feed.jsonl"
    data.write_text(json.dumps(line) + "\n", encoding="utf-8")
    summary = import_path(service(engine, extractor), data, progress_bar=False)
    assert (summary.imported, summary.failed) == (1, 0)
    [recorded] = documents(engine)
    assert recorded.source == "Daily \ufffd" and "hurt \ufffd in" in recorded.text


def test_the_command_prints_a_summary_and_its_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_bad_files(tmp_path)
    url = f"sqlite:///{tmp_path / 'import.db'}"
    assert main(["import", "--db", url, str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("imported 4, duplicates 0, failed 2;")
    assert "importing" in captured.err and "6/6" in captured.err
    assert "skipped broken.txt: That file is not text" in captured.err

    assert main(["import", "--db", url, str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_published_dates_take_utc(tmp_path: Path) -> None:
    from bot.bulk import parse_published

    assert parse_published("2024-01-31T15:28:00+02:00") == datetime(2024, 1, 31, 13, 28, tzinfo=UTC)
    assert parse_published("2024-01-31") == datetime(2024, 1, 31, tzinfo=UTC)
    assert parse_published(None) is None
