"""The project's own cases (seeds/cases) and the pair model fit on them: the corpus is well formed, a case
runs through the real service and is scored as the evaluation scores it, the fit writes a model that loads,
and cross-validation holds whole cases apart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS

from bot.learning.cases import Case, load_cases, run_case, score_run, summarise
from bot.learning.explain import explain_run
from bot.learning.fit import (
    fit,
    fit_logistic,
    folds_of,
    implied_labels,
    labelled_pairs,
    labelled_revisions,
    read_cases,
    replay_views,
    write_model,
)
from bot.pipeline.extract import Extractor
from bot.pipeline.pairs import FEATURES, REVISION_FEATURES, Logistic, PairJudge, PairModel, shipped_model
from bot.pipeline.similarity import LexicalSimilarity, SentenceEncoderSimilarity

CASES = SEEDS / "cases"
KINDS = {"conflict", "update", "corroboration", "no_conflict"}


def corpus() -> list[Case]:
    return load_cases([CASES])


def test_the_corpus_is_large_varied_and_well_formed() -> None:
    cases = corpus()
    assert len(cases) >= 40
    domains = {json.loads(c.path.read_text(encoding="utf-8")).get("domain") for c in cases}
    assert len(domains) >= 8
    for case in cases:
        documents = {d["id"]: d for d in case.documents}
        assert any(e["kind"] == "no_conflict" for e in case.expected) or len(case.expected) >= 4, case.name
        for expected in case.expected:
            assert expected["kind"] in KINDS, case.name
            for side in ("a", "b"):
                ref = expected[side]
                assert ref["quote"] in documents[ref["doc"]]["text"], (case.name, ref["quote"])


def test_a_case_is_run_and_scored_as_the_evaluation_scores_it(extractor: Extractor) -> None:
    case = next(c for c in corpus() if any(e["kind"] == "conflict" for e in c.expected))
    run = run_case(case, extractor)
    score = score_run(run)
    assert score.refs == len({json.dumps(e[s], sort_keys=True) for e in case.expected for s in ("a", "b")})
    assert score.refs_found >= score.refs - 1  # the number reader finds the annotated figures
    summary = summarise([score])
    assert summary.cases == 1 and 0.0 <= summary.f1 <= 1.0


def test_labelled_pairs_follow_the_annotations(extractor: Extractor) -> None:
    case = next(c for c in corpus() if any(e["kind"] == "no_conflict" for e in c.expected))
    run = run_case(case, extractor)
    pairs = labelled_pairs(run, LexicalSimilarity())
    assert pairs and all(len(p.features) == len(FEATURES) for p in pairs)
    for expected in case.expected:
        a, b = run.find(expected["a"]), run.find(expected["b"])
        found = [p for p in pairs if a and b and {p.a, p.b} == {a.id, b.id}]
        for labelled in found:
            assert labelled.label == (expected["kind"] != "no_conflict")
            assert labelled.weight == 1.0


def test_logistic_fit_separates_a_separable_feature() -> None:
    x = np.array([[0.0], [0.1], [0.9], [1.0]] * 10)
    y = np.array([0.0, 0.0, 1.0, 1.0] * 10)
    weights, bias = fit_logistic(x, y, l2=0.1)
    assert weights[0] > 0 and bias < 0


def test_a_model_fit_on_cases_is_written_and_loads(tmp_path: Path, extractor: Extractor) -> None:
    similarity = LexicalSimilarity()
    data = read_cases(corpus()[:3], extractor, similarity)
    model = fit(data, similarity)
    path = tmp_path / "model.json"
    write_model(model, path)
    loaded = PairModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    assert loaded.same.weights == pytest.approx(model.same.weights, abs=1e-6)  # written to six places
    assert loaded.same.bias == pytest.approx(model.same.bias, abs=1e-6)
    assert 0.0 < loaded.relate_threshold <= loaded.conflict_threshold < 1.0
    assert model.revision is not None and loaded.revision is not None
    assert loaded.revision.weights == pytest.approx(model.revision.weights, abs=1e-6)
    assert loaded.revision_threshold == model.revision_threshold
    assert model.rival is not None and loaded.rival is not None
    assert loaded.rival.weights == pytest.approx(model.rival.weights, abs=1e-6)


def test_pairs_that_cannot_both_hold_are_judged_by_their_own_model() -> None:
    compatible_at = FEATURES.index("compatible")
    ones = tuple(1.0 for _ in FEATURES)
    disputed = tuple(0.0 if n == compatible_at else 1.0 for n in range(len(FEATURES)))
    flat = tuple(0.0 for _ in FEATURES)
    model = PairModel(Logistic(flat, 2.0), 0.3, 0.3, rival=Logistic(flat, -2.0))
    assert model.identity(ones) == pytest.approx(model.same.probability(ones))
    assert model.identity(disputed) == pytest.approx(model.rival.probability(disputed))  # type: ignore[union-attr]
    assert PairModel(Logistic(flat, 2.0), 0.3, 0.3).identity(disputed) > 0.5  # no rival: one model for all


def test_revisions_are_labelled_from_annotated_updates_and_conflicts(extractor: Extractor) -> None:
    cases = [c for c in corpus() if {"update", "conflict"} <= {e["kind"] for e in c.expected}]
    labelled = [
        (case, p)
        for case in cases[:4]
        for p in labelled_revisions(run_case(case, extractor), LexicalSimilarity())
    ]
    assert {p.label for _, p in labelled} == {0, 1}  # both kinds are taught
    assert all(len(p.features) == len(REVISION_FEATURES) for _, p in labelled)


def test_folds_hold_whole_cases_apart_and_are_the_same_every_time(extractor: Extractor) -> None:
    data = read_cases(corpus()[:6], extractor, LexicalSimilarity())
    folds = folds_of(data, 3)
    names = [[d.run.case.name for d in fold] for fold in folds]
    assert sorted(n for fold in names for n in fold) == sorted(d.run.case.name for d in data)
    assert names == [[d.run.case.name for d in fold] for fold in folds_of(list(reversed(data)), 3)]


def test_the_shipped_model_loads_once_and_knows_every_feature() -> None:
    assert shipped_model() is shipped_model()
    assert len(shipped_model().same.weights) == len(FEATURES)
    revision = shipped_model().revision
    assert revision is not None and len(revision.weights) == len(REVISION_FEATURES)


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [("people killed", "dead", True), ("people killed", "barrels of oil a day", False)],
)
def test_the_sentence_encoder_tells_alike_phrases(a: str, b: str, alike: bool) -> None:
    similarity = SentenceEncoderSimilarity()
    judge = PairJudge(shipped_model(), similarity)
    assert judge.similarity is similarity
    assert (similarity.similarity(a, b) > 0.5) is alike


def test_explain_says_which_step_settled_each_annotated_pair(extractor: Extractor) -> None:
    case = next(c for c in corpus() if any(e["kind"] == "no_conflict" for e in c.expected))
    judge = PairJudge(shipped_model(), LexicalSimilarity())
    run = run_case(case, extractor, judge=judge)
    blocks = list(explain_run(run, judge, only_wrong=False))
    assert blocks
    for block in blocks:
        head = block.splitlines()[0]
        assert "→ reported" in head or "figure not recorded" in head
        if "→ reported" in head:
            assert "stopped by structure" in block or "p(same)=" in block


def test_replay_compares_only_documents_that_share_a_name_as_the_service_does(extractor: Extractor) -> None:
    def case(second: str) -> Case:
        documents = tuple(
            {"id": f"d{n}", "source": f"outlet {n}", "published": "2024-05-06T10:00:00Z", "lang": "en",
             "text": f"The minister, {name}, said 140 soldiers were released in the exchange on {day}."}
            for n, name, day in ((1, "Arno Velt", "Monday"), (2, second, "May 6"))
        )  # fmt: skip
        return Case(name=f"own-{second}", path=CASES, documents=documents, expected=())

    similarity = SentenceEncoderSimilarity()
    judge = PairJudge(shipped_model(), similarity)
    [named_once] = read_cases([case("Arno Velt")], extractor, similarity)
    assert [v.kind for v in replay_views(named_once, judge)] == ["corroboration"]
    # Two texts that share no name are never candidates of each other in the service, nor in the replay.
    [named_apart] = read_cases([case("Dina Rosk")], extractor, similarity)
    assert replay_views(named_apart, judge) == []


def test_what_the_annotations_imply_labels_the_pairs_they_leave_out() -> None:
    """1–2 a conflict and 2–3 a corroboration make 1–3 one quantity; 3–4 of two quantities makes 1–4 and
    2–4 two quantities as well."""
    labels = {
        frozenset((1, 2)): "conflict",
        frozenset((2, 3)): "corroboration",
        frozenset((3, 4)): "no_conflict",
    }
    implied = implied_labels(labels)
    assert implied[frozenset((1, 3))] == "one_quantity"
    assert implied[frozenset((1, 4))] == implied[frozenset((2, 4))] == "no_conflict"
    assert frozenset((4, 4)) not in implied
