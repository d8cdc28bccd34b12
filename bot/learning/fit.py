"""Fit the pair decision on labelled pairs, and measure it by cross-validation across cases.

A labelled pair is two recorded figures of one case that the structural checks let through (same
dimension and sides, no clash of scope, period or moment): positive when the case annotates them as one
quantity (conflict, update, corroboration, or a conflict implied through a corroboration), negative when
it annotates them as different quantities (no_conflict) or when both are annotated figures the case
relates to nothing. Pairs of figures the case does not annotate teach nothing and are left out.

The model is two logistic regressions over pairs.FEATURES (L2-penalised, fit by Newton's method), one on
the pairs whose figures can both hold and one on those whose figures cannot. Its two
thresholds, to relate and to call a conflict, are chosen on the training cases by replaying them through
match.relate and scoring them as the evaluation scores them. Cross-validation holds whole cases apart:
figures of one story are never both in training and in the test.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.learning.cases import (
    Case,
    CaseRun,
    CaseScore,
    Summary,
    document_terms,
    implied_conflicts,
    partition,
    run_case,
    score_run,
    summarise,
)
from bot.pipeline import extract, match
from bot.pipeline.pairs import (
    COMPATIBLE,
    FEATURES,
    REVISION_FEATURES,
    Logistic,
    PairJudge,
    PairModel,
    phrase_of,
)
from bot.pipeline.similarity import PhraseSimilarity, SentenceEncoderSimilarity
from bot.pipeline.types import RecordedFigure, RelationView

L2 = 10.0  # penalty on the weights (not the bias), chosen by cross-validation over 1, 3 and 10
# A pair of annotated figures that the case relates to nothing is probably two quantities, but a case
# does not annotate every pair: such pairs weigh this much of an annotated one.
UNANNOTATED_WEIGHT = 0.25  # chosen by cross-validation over 0.1, 0.25 and 0.5
REVISION_L2 = 3.0  # the revision model's penalty; fewer, plainer features than the pair model's
RELATE_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
REVISION_GRID = (0.5, 0.35, 0.65)  # 0.5 first: of equal scores, "more likely than not" is kept
CONFLICT_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass(frozen=True, slots=True)
class LabelledPair:
    a: int  # claim ids
    b: int
    features: tuple[float, ...]
    label: int  # 1: one quantity; 0: not
    weight: float = 1.0  # an annotated pair counts fully; a pair the case leaves unrelated, less


@dataclass(slots=True)
class CaseData:
    """A case read once: what the engine recorded, its labelled pairs, and its labelled revisions (of
    annotated updates and conflicts whose figures cannot both hold: 1 an update, 0 a conflict)."""

    run: CaseRun
    pairs: list[LabelledPair]
    revisions: list[LabelledPair]


def _ref_key(ref: dict[str, Any]) -> str:
    return json.dumps(ref, sort_keys=True)


def _annotated(run: CaseRun) -> tuple[dict[str, RecordedFigure], dict[frozenset[int], str]]:
    """The recorded figures the annotations name, and the annotated kind of each pair of them."""
    found: dict[str, RecordedFigure] = {}
    for e in run.case.expected:
        for side in ("a", "b"):
            item = run.find(e[side])
            if item is not None:
                found[_ref_key(e[side])] = item
    labels: dict[frozenset[int], str] = {}
    for e in run.case.expected:
        a, b = found.get(_ref_key(e["a"])), found.get(_ref_key(e["b"]))
        if a is not None and b is not None and a.id != b.id:
            labels[frozenset((a.id, b.id))] = e["kind"]
    for x, y in implied_conflicts(run.case.expected):
        a, b = found.get(_ref_key(x)), found.get(_ref_key(y))
        if a is not None and b is not None and a.id != b.id:
            labels.setdefault(frozenset((a.id, b.id)), "conflict")
    for key, kind in implied_labels(labels).items():
        labels.setdefault(key, kind)
    return found, labels


def implied_labels(labels: dict[frozenset[int], str]) -> dict[frozenset[int], str]:
    """What the annotations imply of the pairs they leave out: "one quantity" is an equivalence (a figure
    one quantity with two others makes those two one quantity), and a figure of another quantity than
    one of a class is of another quantity than all of it. A case annotates the pairs a reader would
    check, not every pair of a three-voice dispute."""
    same = [(min(key), max(key)) for key, kind in labels.items() if kind != "no_conflict"]
    classes = partition(sorted({i for key in labels for i in key}), same)
    implied: dict[frozenset[int], str] = {}
    for group in set(classes.values()):
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                implied[frozenset((a, b))] = "one_quantity"
    for key, kind in labels.items():
        if kind == "no_conflict":
            a, b = sorted(key)
            for x in classes[a]:
                for y in classes[b]:
                    if x != y:
                        implied.setdefault(frozenset((x, y)), "no_conflict")
    return implied


def labelled_pairs(run: CaseRun, similarity: PhraseSimilarity) -> list[LabelledPair]:
    """The case's pairs the structural checks let through (match.pair_features), labelled by its
    annotations."""
    found, labels = _annotated(run)
    annotated = sorted({item.id: item for item in found.values()}.values(), key=lambda i: i.id)
    pairs = []
    for i, a in enumerate(annotated):
        for b in annotated[i + 1 :]:
            values = match.pair_features(a, b, similarity)
            if values is None:
                continue
            kind = labels.get(frozenset((a.id, b.id)))
            pairs.append(
                LabelledPair(
                    a.id,
                    b.id,
                    values,
                    label=int(kind not in (None, "no_conflict")),
                    weight=UNANNOTATED_WEIGHT if kind is None else 1.0,
                )
            )
    return pairs


def labelled_revisions(run: CaseRun, similarity: PhraseSimilarity) -> list[LabelledPair]:
    """Annotated updates and conflicts whose figures cannot both hold and pass the structural checks,
    with what the revision model reads of them (match.revision_values): 1 an update, 0 a conflict."""
    found, labels = _annotated(run)
    by_id = {item.id: item for item in found.values()}
    pairs = []
    for key, kind in sorted(labels.items(), key=lambda entry: sorted(entry[0])):
        if kind not in ("update", "conflict"):
            continue
        a, b = (by_id[i] for i in sorted(key))
        if match.compatible(a.figure, b.figure) or match.pair_features(a, b, similarity) is None:
            continue
        if "earlier" in (a.figure.tense, b.figure.tense):
            continue  # a figure the text calls old is its claimant's earlier one: decided by rule
        pairs.append(LabelledPair(a.id, b.id, match.revision_values(a, b), label=int(kind == "update")))
    return pairs


def read_cases(
    cases: Sequence[Case], extractor: extract.Extractor, similarity: PhraseSimilarity
) -> list[CaseData]:
    """Run each case once through the real service and label its pairs."""
    data = []
    for case in cases:
        run = run_case(case, extractor)
        if isinstance(similarity, SentenceEncoderSimilarity):
            similarity.prepare([phrase_of(f.figure) for f in run.all_figures])
        data.append(CaseData(run, labelled_pairs(run, similarity), labelled_revisions(run, similarity)))
    return data


Array = np.ndarray[Any, Any]


def fit_logistic(x: Array, y: Array, w: Array | None = None, *, l2: float = L2) -> tuple[Array, float]:
    """Weights and bias of an L2-penalised, sample-weighted logistic regression (Newton's method; the bias
    unpenalised)."""
    rows, columns = x.shape
    w = np.ones(rows) if w is None else w
    design = np.hstack([x, np.ones((rows, 1))])
    theta = np.zeros(columns + 1)
    penalty = np.full(columns + 1, l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ theta, -30, 30)))
        gradient = design.T @ (w * (p - y)) + penalty * theta
        hessian = (
            (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty) + 1e-9 * np.eye(columns + 1)
        )
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def replay(data: CaseData, judge: PairJudge) -> CaseScore:
    """Score a case as if its documents were ingested in order with this judge (matching only: the figures
    are the ones already read)."""
    return score_run(CaseRun(data.run.case, data.run.figures, replay_views(data, judge)))


def replay_views(data: CaseData, judge: PairJudge) -> list[RelationView]:
    """The relations matching records when the case's documents arrive in order, with this judge."""
    by_id = {item.id: item for item in data.run.all_figures}
    seen: list[tuple[frozenset[str], list[RecordedFigure]]] = []
    views: list[RelationView] = []
    for doc in data.run.case.documents:
        new = data.run.figures.get(doc["id"], [])
        terms = document_terms(doc)
        # The documents the service would compare this one with: those that share a name with it
        # (store.candidate_claims), so that thresholds are chosen on the pool the bot sees.
        pool = [figure for names, figures in seen if names & terms for figure in figures]
        for relation in match.relate(new, pool, judge):
            views.append(RelationView(0, relation.kind, by_id[relation.a], by_id[relation.b], relation.why))
        seen = [(terms, new), *seen]
    return views


def objective(summary: Summary) -> float:
    """What threshold choice maximises: conflicts right (F1: precision and recall), and updates found."""
    updates = summary.updates_found / summary.expected_updates if summary.expected_updates else 1.0
    return summary.f1 + 0.5 * updates


def _logistic(
    pairs: Sequence[LabelledPair], label: str, *, l2: float, names: Sequence[str] = FEATURES
) -> Logistic:
    if not pairs:
        return Logistic(tuple(0.0 for _ in names), -5.0)
    x = np.array([p.features for p in pairs], dtype=float).reshape(-1, len(names))
    y = np.array([getattr(p, label) for p in pairs], dtype=float)
    sample = np.array([p.weight for p in pairs], dtype=float)
    weights, bias = fit_logistic(x, y, sample, l2=l2)
    return Logistic(tuple(float(w) for w in weights), bias)


def fit(data: Sequence[CaseData], similarity: PhraseSimilarity, *, l2: float = L2) -> PairModel:
    """The model from the cases' labelled pairs, the thresholds from replaying the same cases."""
    pairs = [p for d in data for p in d.pairs]
    # Pairs that can both hold and pairs that cannot are judged by a model each (PairModel.identity).
    same = _logistic([p for p in pairs if p.features[COMPATIBLE]], "label", l2=l2)
    rival = _logistic([p for p in pairs if not p.features[COMPATIBLE]], "label", l2=l2)
    revisions = [p for d in data for p in d.revisions]
    # No labelled revisions: the structural rules decide (match._revises), not a model that knows nothing.
    revision = _logistic(revisions, "label", l2=REVISION_L2, names=REVISION_FEATURES) if revisions else None
    best: tuple[float, PairModel] | None = None
    for relate in RELATE_GRID:
        for conflict in CONFLICT_GRID:
            if conflict < relate:
                continue
            for revises in REVISION_GRID:
                model = PairModel(same, relate, conflict, revision, revises, rival)
                judge = PairJudge(model, similarity)
                score = objective(summarise([replay(d, judge) for d in data]))
                if best is None or score > best[0] + 1e-9:
                    best = (score, model)
    assert best is not None
    return best[1]


def folds_of(data: Sequence[CaseData], k: int) -> list[list[CaseData]]:
    """Cases dealt into k folds by a hash of their names: the same folds on every machine."""
    folds: list[list[CaseData]] = [[] for _ in range(k)]
    ordered = sorted(data, key=lambda d: hashlib.sha256(d.run.case.name.encode()).hexdigest())
    for n, item in enumerate(ordered):
        folds[n % k].append(item)
    return folds


def crossval(
    data: Sequence[CaseData], similarity: PhraseSimilarity, *, k: int = 5
) -> tuple[Summary, list[CaseScore]]:
    """Each fold scored by a model fit on the other folds' cases."""
    held_out: list[CaseScore] = []
    folds = folds_of(data, k)
    for n, test in enumerate(folds):
        train = [d for m, fold in enumerate(folds) if m != n for d in fold]
        model = fit(train, similarity)
        held_out += [replay(d, PairJudge(model, similarity)) for d in test]
    return summarise(held_out), held_out


def write_model(model: PairModel, path: Path) -> None:
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
