"""The `crosscheck` command as a user runs it: a real process, a real SQLite file, a real local web server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from botkit import child_env, unexpected_warnings
from conftest import ROOT, SEEDS

SEED = SEEDS / "rt-pow-exchange-2024-01-31.txt"
ARTICLE = b"""<!doctype html><html><head><title>Flood toll rises in Valdoria</title></head><body>
<nav>Home | World | Sport</nav><article><h1>Flood toll rises in Valdoria</h1>
<p>The Valdoria health ministry said on Monday that 40 people were killed in the flood in Valdoria.</p>
<p>A rights group said 90 people were killed in the flood in Valdoria, far more than officials admit.</p>
</article><footer>Contact us</footer></body></html>"""

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(40 people were killed) Tj\n%%EOF\n"


def crosscheck(
    *args: str, db: Path, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", *args[:1], "--db", f"sqlite:///{db}", *args[1:]]
    merged = child_env(("CROSSCHECK_ALLOW_PRIVATE_URLS",), **(env or {}))
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=cwd, env=merged, timeout=120, check=False
    )
    assert not unexpected_warnings(result.stderr), unexpected_warnings(result.stderr)
    return result


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/moved":
                self.send_response(302)
                self.send_header("Location", "http://xn--/")  # no URL parser can read it
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, kind = {
                "/article": (ARTICLE, "text/html; charset=utf-8"),
                "/report": (PDF, "text/html"),  # a PDF its server calls a web page
            }.get(self.path, (b"\x89PNG", "image/png"))
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_seed_gives_one_conflict_between_two_claimants(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    ingest = crosscheck(
        "ingest", "--source", "RT", "--published", "2024-01-31T15:28:00Z", "--json", str(SEED), db=db
    )
    assert ingest.returncode == 0, ingest.stderr
    report = json.loads(ingest.stdout)
    assert {c["value"] for c in report["claims"]} >= {195, 207, 65}
    assert report["document"]["source"] == "RT" and report["document"]["published"].startswith("2024-01-31")
    relations = json.loads(crosscheck("relations", "--json", db=db).stdout)["relations"]
    [conflict] = [r for r in relations if r["kind"] == "conflict"]
    claimants = {conflict["a"]["claimant"], conflict["b"]["claimant"]}
    assert any("Defense Ministry" in c for c in claimants) and any("Zelensky" in c for c in claimants)
    assert {conflict["a"]["value"], conflict["b"]["value"]} == {195, 207}
    for side in ("a", "b"):
        assert set(conflict[side]) >= {
            "id",
            "value",
            "low",
            "high",
            "unit",
            "counted",
            "claimant",
            "quote",
            "sentence",
        }
        assert conflict[side]["document"]["source"] == "RT"
    text = crosscheck("relations", db=db).stdout
    assert "CONFLICT" in text and "195" in text and "207" in text
    claims = crosscheck("claims", db=db).stdout
    assert "207 guys" in claims


def test_a_text_agreeing_with_one_side_is_shown_the_recorded_conflict(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    texts = [
        ("A", "Officials said 40 people were killed in the flood in Valdoria."),
        ("B", "The Red Cross said 65 people were killed in the flood in Valdoria."),
        ("C", "The flood in Valdoria.\n\nOfficials said 40 people were killed in the flood."),
    ]
    outputs = []
    for source, text in texts:
        path = tmp_path / f"{source}.txt"
        path.write_text(text)
        result = crosscheck("ingest", "--source", source, "--published", "2024-05-06", str(path), db=db)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert "1 conflict(s):" in outputs[1]
    third = outputs[2]
    # It agrees with the officials and so disagrees with the Red Cross: a conflict of its own.
    assert "1 conflict(s):" in third
    assert "CONFLICT: “65 people were killed” — Red Cross (B, 2024-05-06)" in third
    assert "No conflicting figures recorded." not in third


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    for path, words in ((empty, "empty"), (binary, "not text"), (tmp_path / "missing.txt", "cannot read")):
        result = crosscheck("ingest", str(path), db=db)
        assert result.returncode == 2
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_a_private_address_is_refused_and_nothing_recorded(tmp_path: Path, server: str) -> None:
    db = tmp_path / "c.db"
    result = crosscheck("ingest", f"{server}/article", db=db, env={"CROSSCHECK_ALLOW_PRIVATE_URLS": "0"})
    assert result.returncode == 2 and "loopback" in result.stderr.lower()
    assert "No figures recorded" in crosscheck("claims", db=db).stdout


def test_a_page_is_fetched_extracted_and_matched(tmp_path: Path, server: str) -> None:
    db = tmp_path / "c.db"
    allow = {"CROSSCHECK_ALLOW_PRIVATE_URLS": "1"}
    result = crosscheck(
        "ingest", "--json", "--published", "2024-03-04", f"{server}/article", db=db, env=allow
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["title"] == "Flood toll rises in Valdoria"
    assert {c["value"] for c in report["claims"]} == {40, 90}
    assert [r["kind"] for r in report["relations"]] == ["conflict"]
    image = crosscheck("ingest", f"{server}/image", db=db, env=allow)
    assert image.returncode == 2 and "image/png" in image.stderr


# Inputs that crashed `crosscheck ingest` (issue 13): each gives figures or none, exit 0, no traceback.
HOSTILE = [
    pytest.param(
        "en",
        "Officials said 1" + "0" * 400 + " people were hurt in the blast on Tuesday.\n\n"
        "A total of " + "7" * 5000 + " homes were lost.\n\n"
        "The mayor said 45 people were killed in the blast.\n",
        {45},
        id="digit-runs",
    ),
    pytest.param(
        "de",
        "Hundert\n\nEs gab hundert Tote, sagte die Polizei am Montag.\n\n"
        "Einige hundert Menschen flohen aus der Stadt.\n",
        {100},
        id="bare-hundert",
    ),
]


@pytest.mark.parametrize(("lang", "text", "values"), HOSTILE)
def test_hostile_figures_are_ingested_without_a_crash(
    tmp_path: Path, lang: str, text: str, values: set[float]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    result = crosscheck("ingest", "--json", "--lang", lang, str(path), db=tmp_path / "h.db")
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert {c["value"] for c in claims if c["value"] is not None} >= values
    assert all(c["value"] is None or abs(c["value"]) < 1e40 for c in claims)


def test_lone_surrogates_in_the_file_and_the_arguments_are_replaced(tmp_path: Path) -> None:
    # A UTF-7 page decodes "+2AA-" to a lone surrogate; "Bad\udcff" is how Python hands over the
    # non-UTF-8 argument b"Bad\xff". Each crashed hashing or storing the text with UnicodeEncodeError.
    path = tmp_path / "utf7.txt"
    path.write_bytes(
        b'<meta charset="utf-7">\nOfficials said 45 people were hurt +2AA- in the blast \xff on Tuesday.\n'
    )
    result = crosscheck("ingest", "--source", "Bad\udcff", str(path), db=tmp_path / "s.db")
    assert result.returncode == 0, result.stderr
    assert "45 people were hurt" in result.stdout
    assert "Bad\ufffd" in result.stdout


def test_a_pdf_is_refused_as_a_link_or_a_file_whatever_it_claims(tmp_path: Path, server: str) -> None:
    db = tmp_path / "c.db"
    allow = {"CROSSCHECK_ALLOW_PRIVATE_URLS": "1"}
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(b"\n" + PDF)  # a blank line first hides it from a check of the first bytes only
    for target, words in ((f"{server}/report", "not a web page"), (str(renamed), "not text")):
        result = crosscheck("ingest", target, db=db, env=allow)
        assert result.returncode == 2, result.stdout
        assert "looks like a PDF" in result.stderr and words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "No figures recorded" in crosscheck("claims", db=db).stdout


def test_an_unreadable_redirect_is_one_line(tmp_path: Path, server: str) -> None:
    allow = {"CROSSCHECK_ALLOW_PRIVATE_URLS": "1"}
    result = crosscheck("ingest", f"{server}/moved", db=tmp_path / "c.db", env=allow)
    assert result.returncode == 2
    assert result.stderr.strip() == "crosscheck: That link redirects to an address I can't read."


def test_a_link_is_told_by_its_scheme_in_any_case_and_only_http_is_fetched(
    tmp_path: Path, server: str
) -> None:
    db = tmp_path / "c.db"
    allow = {"CROSSCHECK_ALLOW_PRIVATE_URLS": "1"}
    shouted = server.replace("http://", "HTTP://") + "/article"
    result = crosscheck("ingest", "--json", shouted, db=db, env=allow)
    assert result.returncode == 0, result.stderr
    assert {c["value"] for c in json.loads(result.stdout)["claims"]} == {40, 90}
    for link, scheme in (
        ("FTP://files.example/report.txt", "ftp://"),
        ("file:///etc/passwd", "file://"),
        ("mailto:desk@example.com", "mailto:"),
    ):
        refused = crosscheck("ingest", link, db=db, env=allow)
        assert refused.returncode == 2
        assert refused.stderr.strip() == (
            f"crosscheck: I only fetch http:// and https:// links, and that one points to {scheme}."
        )


def test_a_file_whose_name_looks_like_a_link_is_read_as_a_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes:40"
    notes.write_text("Officials said 40 people were killed in the flood in Valdoria.")
    result = crosscheck("ingest", "--json", "notes:40", db=tmp_path / "c.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [c["value"] for c in json.loads(result.stdout)["claims"]] == [40]
