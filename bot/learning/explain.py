"""Why each annotated pair of a case came out as it did: the step of the decision that settled it.

For development on the project's own cases and the dev cases (never the sealed ones, which are not JSON
and are not read here). For each annotated pair whose figures the engine recorded: the structural check
that stopped it, or the pair model's probability, the alike test, and what classify made of it, beside
the annotated kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.learning.cases import CaseRun, implied_conflicts
from bot.pipeline import match
from bot.pipeline.events import other_events
from bot.pipeline.frames import scope_json
from bot.pipeline.pairs import FEATURES, PairJudge, phrase_of
from bot.pipeline.types import RecordedFigure


def _said(values: dict[str, object]) -> dict[str, object]:
    """The fields that say something (a scope's places, periods, …), for a short line."""
    return {name: value for name, value in values.items() if value}


def _frame(item: RecordedFigure) -> str:
    f = item.figure
    what = f.what
    return (
        f"{f.quote!r} [{f.quantity}; head={what.head} pred={what.predicate} mods={list(what.modifiers)} "
        f"owner={what.owner} sides={list(f.sides)} scope={_said(scope_json(f.scope))} claimant={f.claimant} "
        f"tense={f.tense} dim={f.dimension} phrase={phrase_of(f)!r}]"
    )


def _structure(a: RecordedFigure, b: RecordedFigure) -> str | None:
    fa, fb = a.figure, b.figure
    if fa.dimension != fb.dimension:
        return f"dimensions differ ({fa.dimension} / {fb.dimension})"
    if fa.subset or fb.subset:
        return "a part of another figure"
    if (fa.tense == "projection") != (fb.tense == "projection"):
        return "a projection against a count"
    if fa.sides and fb.sides and fa.sides != fb.sides:
        return f"sides differ ({fa.sides} / {fb.sides})"
    clash = match._scope_clash(fa, fb)
    if clash:
        return clash
    if other_events(fa.sentence, fb.sentence):
        return "events of two kinds"
    if match._moments_apart(a, b):
        return "moments apart"
    return None


def explain_run(run: CaseRun, judge: PairJudge, *, only_wrong: bool = True) -> Iterator[str]:
    """Lines for each annotated pair (and implied conflict) of the run."""
    expected = [(e["kind"], e["a"], e["b"]) for e in run.case.expected]
    expected += [("conflict (implied)", x, y) for x, y in implied_conflicts(run.case.expected)]
    got = {frozenset((v.a.id, v.b.id)): v.kind for v in run.relations}
    seen: set[frozenset[int]] = set()
    for kind, ref_a, ref_b in expected:
        a, b = run.find(ref_a), run.find(ref_b)
        if a is None or b is None:
            yield f"  {kind}: figure not recorded: {ref_a['quote'] if a is None else ref_b['quote']!r}"
            continue
        key = frozenset((a.id, b.id))
        if key in seen:
            continue
        seen.add(key)
        reported = got.get(key, "nothing")
        want = kind.split()[0]
        if only_wrong and (reported == want or (want == "no_conflict" and reported != "conflict")):
            continue
        lines = [f"  {kind} → reported {reported}", f"    a {_frame(a)}", f"    b {_frame(b)}"]
        values = match.pair_features(a, b, judge.similarity)
        stop = _structure(a, b) or (None if values is not None else "one figure twice")
        if stop:
            lines.append(f"    stopped by structure: {stop}")
        else:
            assert values is not None
            probability = judge.model.identity(values)
            alike = match.alike(a, b, values)
            decision = match.classify(a, b, judge)
            shown = {n: round(v, 2) for n, v in zip(FEATURES, values, strict=True) if v}
            compatible = match.compatible(a.figure, b.figure)
            lines.append(
                f"    p(same)={probability:.2f} (relate {judge.model.relate_threshold}, conflict "
                f"{judge.model.conflict_threshold}) alike={alike} compatible={compatible}"
                f" → {decision.kind if decision else None}"
            )
            lines.append(f"    features {shown}")
            if not compatible and judge.model.revision is not None:
                p = judge.model.revision.probability(match.revision_values(a, b))
                lines.append(f"    p(revision)={p:.2f} (at {judge.model.revision_threshold})")
        yield "\n".join(lines)
