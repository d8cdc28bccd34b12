"""Cases in the evaluation format (documents + the relations a careful reader finds), run in one process.

The format is the one `../shared/eval/README.md` describes; the project's own cases live in `seeds/cases/`.
A case is run on a fresh SQLite database through the real service (clean → extract → match → store), with
one extractor shared by every case, so a corpus is read in seconds rather than one process per document.

The matching rules mirror the scorer's: a reported claim is an annotated one when it comes from the same
document, has the same value (within 0.5 %, or a range that holds it) and its quote or sentence holds the
annotated quote. From them come two things: the case's score (`score_case`), and the labelled pairs the
pair decision is fit on (`labelled_pairs`).
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings
from bot.pipeline import extract
from bot.pipeline.pairs import PairJudge
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import RecordedFigure, RelationView, SourceInfo
from storage.db import make_engine
from storage.schema import ensure_current

TOLERANCE = 0.005  # relative difference under which two numbers are one figure (as the scorer's)
KINDS = ("conflict", "update", "corroboration", "no_conflict")


@dataclass(frozen=True, slots=True)
class Case:
    """One case file: its documents (as dicts of the format) and its expectations."""

    name: str
    path: Path
    documents: tuple[dict[str, Any], ...]
    expected: tuple[dict[str, Any], ...]


def load_cases(paths: Iterable[Path]) -> list[Case]:
    """Cases from files and folders of `*.json` files, in name order."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    cases = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        cases.append(
            Case(
                name=data.get("name", file.stem),
                path=file,
                documents=tuple(data["documents"]),
                expected=tuple(data.get("expected", ())),
            )
        )
    return cases


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return False
    return abs(x - y) <= TOLERANCE * max(abs(x), abs(y), 1e-9)


def value_matches(item: RecordedFigure, expected: float | list[float]) -> bool:
    f = item.figure
    if isinstance(expected, list):
        lo, hi = expected
        if _close(f.low, lo) and _close(f.high, hi):
            return True
        return f.value is not None and lo - TOLERANCE * abs(lo) <= f.value <= hi + TOLERANCE * abs(hi)
    if _close(f.value, expected):
        return True
    return f.value is None and f.low is not None and f.high is not None and f.low <= expected <= f.high


def text_matches(item: RecordedFigure, quote: str) -> bool:
    wanted = _norm(quote)
    for text in (item.figure.quote, item.figure.sentence):
        found = _norm(text)
        if found and (wanted in found or (len(found) >= 8 and found in wanted)):
            return True
    return False


@dataclass(slots=True)
class CaseRun:
    """What the engine recorded for one case: its figures by document id, and the relations found."""

    case: Case
    figures: dict[str, list[RecordedFigure]] = field(default_factory=dict)
    relations: list[RelationView] = field(default_factory=list)

    def find(self, ref: dict[str, Any]) -> RecordedFigure | None:
        """The recorded figure an annotated reference names, if the engine recorded it."""
        for item in self.figures.get(ref["doc"], []):
            if value_matches(item, ref["value"]) and text_matches(item, ref["quote"]):
                return item
        return None

    @property
    def all_figures(self) -> list[RecordedFigure]:
        return [item for items in self.figures.values() for item in items]


def run_case(case: Case, extractor: extract.Extractor, *, judge: PairJudge | None = None) -> CaseRun:
    """Ingest the case's documents in order on a fresh database; the relations recorded at the end."""
    result = CaseRun(case)
    with tempfile.TemporaryDirectory(prefix="crosscheck-case-") as folder:
        url = f"sqlite:///{folder}/case.db"
        engine = make_engine(url)
        try:
            ensure_current(engine)
            service = Crosscheck(engine, Settings(database_url=url), extractor=extractor, judge=judge)
            for doc in case.documents:
                published = doc.get("published")
                info = SourceInfo(
                    source=doc["source"],
                    url=doc.get("url"),
                    published=datetime.fromisoformat(published.replace("Z", "+00:00")) if published else None,
                    lang=doc.get("lang"),
                    kind="pasted_text",
                )
                report = service.ingest_text(doc["text"], info)
                result.figures[doc["id"]] = list(report.figures)
            result.relations = service.relations()
        finally:
            engine.dispose()
    return result


def document_terms(doc: dict[str, Any]) -> frozenset[str]:
    """The look-up terms the service records for a case document (extract.Extractor.terms)."""
    return frozenset(extract.lookup_terms(doc["text"]))


def _key(ref: dict[str, Any]) -> str:
    return json.dumps(ref, sort_keys=True)


T = TypeVar("T")


def partition(items: Iterable[T], joined: Iterable[tuple[T, T]]) -> dict[T, tuple[T, ...]]:
    """Each item's class under the pairs `joined` (union–find), the class's members in their order."""
    parent: dict[T, T] = {}

    def find(k: T) -> T:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = list(dict.fromkeys(items))
    for a, b in joined:
        parent[find(a)] = find(b)
    members: dict[T, list[T]] = {}
    for item in order:
        members.setdefault(find(item), []).append(item)
    return {item: tuple(members[find(item)]) for item in order}


def implied_conflicts(expected: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Conflicts that follow from the annotations: a figure that corroborates one side of a conflict
    conflicts with the other side too (as the scorer reads them)."""
    refs = {_key(e[s]): e[s] for e in expected for s in ("a", "b")}
    corroborated = [(_key(e["a"]), _key(e["b"])) for e in expected if e["kind"] == "corroboration"]
    classes = partition(refs, corroborated)
    pairs = {
        tuple(sorted((classes[_key(e["a"])], classes[_key(e["b"])])))
        for e in expected
        if e["kind"] == "conflict"
    }
    return [(refs[x], refs[y]) for ca, cb in pairs for x in ca for y in cb]


@dataclass(frozen=True, slots=True)
class CaseScore:
    """The scorer's counts for one case."""

    name: str
    expected_conflicts: int
    conflicts_found: int
    predicted_conflicts: int
    true_predictions: int
    false_alarms: int
    expected_updates: int
    updates_found: int
    refs: int
    refs_found: int
    missed: tuple[str, ...]
    wrong: tuple[str, ...]

    def line(self) -> str:
        head = (
            f"{self.name}: conflicts {self.conflicts_found}/{self.expected_conflicts} found, "
            f"{self.predicted_conflicts - self.true_predictions} wrong, "
            f"updates {self.updates_found}/{self.expected_updates}, claims {self.refs_found}/{self.refs}"
        )
        return (
            head
            + "".join(f"\n    missed: {m}" for m in self.missed)
            + "".join(f"\n    wrong: {w}" for w in self.wrong)
        )


def score_run(run: CaseRun) -> CaseScore:
    """The case's counts, as `../shared/eval/score.py` counts them."""
    expected = run.case.expected

    def pair_found(exp_a: dict[str, Any], exp_b: dict[str, Any], view: RelationView) -> bool:
        return (_matches(run, exp_a, view.a) and _matches(run, exp_b, view.b)) or (
            _matches(run, exp_a, view.b) and _matches(run, exp_b, view.a)
        )

    conflicts = [v for v in run.relations if v.kind == "conflict"]
    exp_conflicts = [e for e in expected if e["kind"] == "conflict"]
    negatives = [e for e in expected if e["kind"] in ("no_conflict", "update", "corroboration")]
    implied = implied_conflicts(expected)
    found = [e for e in exp_conflicts if any(pair_found(e["a"], e["b"], v) for v in conflicts)]
    true = [
        v
        for v in conflicts
        if any(pair_found(e["a"], e["b"], v) for e in exp_conflicts)
        or any(pair_found(x, y, v) for x, y in implied)
    ]
    false_alarms = [v for v in conflicts if any(pair_found(e["a"], e["b"], v) for e in negatives)]
    updates = [e for e in expected if e["kind"] == "update"]
    updates_found = [
        e for e in updates if any(pair_found(e["a"], e["b"], v) for v in run.relations if v.kind == "update")
    ]
    refs = {_key(e[s]): e[s] for e in expected for s in ("a", "b")}
    refs_found = [r for r in refs.values() if run.find(r) is not None]
    return CaseScore(
        name=run.case.name,
        expected_conflicts=len(exp_conflicts),
        conflicts_found=len(found),
        predicted_conflicts=len(conflicts),
        true_predictions=len(true),
        false_alarms=len(false_alarms),
        expected_updates=len(updates),
        updates_found=len(updates_found),
        refs=len(refs),
        refs_found=len(refs_found),
        missed=tuple(
            e.get("quantity") or f"{e['a']['quote']} / {e['b']['quote']}"
            for e in exp_conflicts
            if e not in found
        ),
        wrong=tuple(
            f"{v.a.figure.quote} ({v.a.figure.claimant or v.a.document.source}) / "
            f"{v.b.figure.quote} ({v.b.figure.claimant or v.b.document.source})"
            for v in conflicts
            if v not in true
        ),
    )


def _matches(run: CaseRun, ref: dict[str, Any], item: RecordedFigure) -> bool:
    ids = {i.id for i in run.figures.get(ref["doc"], [])}
    return item.id in ids and value_matches(item, ref["value"]) and text_matches(item, ref["quote"])


@dataclass(frozen=True, slots=True)
class Summary:
    """The scorer's summary line over several cases."""

    f1: float
    precision: float
    recall: float
    false_alarms: int
    updates_found: int
    expected_updates: int
    refs_found: int
    refs: int
    cases: int

    def line(self) -> str:
        return (
            f"conflict F1 {self.f1:.2f} (precision {self.precision:.2f}, recall {self.recall:.2f}) over "
            f"{self.cases} cases; false alarms on negatives {self.false_alarms}; updates "
            f"{self.updates_found}/{self.expected_updates}; claims found {self.refs_found}/{self.refs}"
        )


def summarise(scores: Sequence[CaseScore]) -> Summary:
    expected = sum(s.expected_conflicts for s in scores)
    found = sum(s.conflicts_found for s in scores)
    predicted = sum(s.predicted_conflicts for s in scores)
    true = sum(s.true_predictions for s in scores)
    precision = true / predicted if predicted else 0.0  # as the scorer counts it
    recall = found / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Summary(
        f1=f1,
        precision=precision,
        recall=recall,
        false_alarms=sum(s.false_alarms for s in scores),
        updates_found=sum(s.updates_found for s in scores),
        expected_updates=sum(s.expected_updates for s in scores),
        refs_found=sum(s.refs_found for s in scores),
        refs=sum(s.refs for s in scores),
        cases=len(scores),
    )
