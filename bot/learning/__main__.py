"""`python -m bot.learning fit|crossval|score CASES…`: the pair decision's training and its figures.

    fit CASES…       fit the pair model on the cases and write it into the package (bot/pipeline/data/)
    crossval CASES…  the cases scored by models fit on the other folds (whole cases held apart)
    score CASES…     the cases scored in one process with the shipped model (dev use: per-case lines)
    explain CASES…   why each annotated pair the shipped model gets wrong came out as it did

Sealed cases (`*.case`) are never read here: they are scored by the evaluation's own scorer, which prints
its summary line only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.learning.cases import load_cases, run_case, score_run, summarise
from bot.learning.explain import explain_run
from bot.learning.fit import crossval, fit, read_cases, write_model
from bot.pipeline import extract
from bot.pipeline.pairs import MODEL_FILE, PairJudge, shipped_model
from bot.pipeline.similarity import SentenceEncoderSimilarity

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "pipeline" / "data" / MODEL_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.learning", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("fit", "crossval", "score", "explain"))
    parser.add_argument("cases", nargs="+", type=Path, help="case files (*.json) or folders of them")
    parser.add_argument("--folds", type=int, default=5, help="crossval: how many folds of cases")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL, help="fit: where to write the model")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-case lines")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    if not cases:
        print("no cases found", file=sys.stderr)
        return 2
    extractor = extract.Extractor()
    similarity = SentenceEncoderSimilarity()
    if args.command == "explain":
        judge = PairJudge(shipped_model(), similarity)
        for case in cases:
            run = run_case(case, extractor, judge=judge)
            lines = list(explain_run(run, judge))
            if lines:
                print(case.name)
                print("\n".join(lines))
        return 0
    if args.command == "score":
        judge = PairJudge(shipped_model(), similarity)
        scores = []
        for case in cases:
            run = run_case(case, extractor, judge=judge)
            scores.append(score_run(run))
            if args.verbose:
                print(scores[-1].line())
        print(summarise(scores).line())
        return 0
    data = read_cases(cases, extractor, similarity)
    pairs = sum(len(d.pairs) for d in data)
    positives = sum(p.label for d in data for p in d.pairs)
    print(f"{len(data)} cases, {pairs} labelled pairs ({positives} one quantity)")
    if args.command == "fit":
        model = fit(data, similarity)
        write_model(model, args.out)
        print(f"wrote {args.out}: relate at {model.relate_threshold}, conflict at {model.conflict_threshold}")
        return 0
    summary, held_out = crossval(data, similarity, k=args.folds)
    if args.verbose:
        for score in held_out:
            print(score.line())
    print(f"cross-validated ({args.folds} folds of cases): {summary.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
