"""Are two figures one quantity? A logistic model over what the two frames share, fit on labelled pairs.

No list of quantities decides it. What is compared is what the text says is measured (types.What: the
counted noun, its predicate, the words that narrow it, whose it is), the semantic class of those words
where the lexicon knows it (a feature like any other, never a gate), how alike the counted phrases are by
a multilingual sentence model (similarity.py), the names the two sentences share, and how far apart the
two values are. Sides, scope, period and moment are structural checks made before (match.py): no
similarity can tell "Ukrainian POWs" from "Russian servicemen".

Two figures that can both hold and two that cannot are judged by a model each (PairModel.identity): fit
on both at once, a model learns that figures far apart are different quantities, the one thing a dispute
is not. The weights and the two thresholds (to relate two figures at all; to call them a conflict) are a
data file in the package, `data/pair_model.json`, fit by `python -m bot.learning fit` on the project's own
cases (`seeds/cases/`) and chosen by cross-validation across cases (see bot/learning/fit.py).
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Final

from bot.pipeline import lexicon as lx
from bot.pipeline.similarity import PhraseSimilarity, SentenceEncoderSimilarity
from bot.pipeline.types import Figure, RecordedFigure, What

# Counted nouns that say only "people" or "things": equal heads of this kind say little.
GENERIC_HEADS: Final = frozenset("people person individual one resident civilian".split())

FEATURES: Final = (
    "class_same",  # both words are of one semantic class of the lexicon (killed, participants, …)
    "class_differ",  # both have a class, and the classes differ
    "head_same",  # the same counted noun (lemma), not a generic one
    "head_generic",  # both count "people" and the like
    "head_differ",  # both name a counted noun, and they differ
    "predicate_same",  # the same verb happened to them (killed, took part, flowed)
    "predicate_differ",  # both have a verb, and they differ
    "phrase_similarity",  # cosine of the counted phrases (similarity.py)
    "modifiers_disjoint",  # both narrowed, by different words ("primary" vs "secondary" teachers)
    "owner_differ",  # of two owners ("41.6% for Dvorak" vs "38.5% for Petrova")
    "owner_one",  # one has an owner, the other none
    "names_shared",  # share of the names in the two sentences that both have
    "no_names_shared",  # figures of two texts whose sentences share no name
    "same_document",
    "value_distance",  # |log10| of the ratio of the two values, at most 3
    "compatible",  # their intervals can both hold
    "claimants_differ",  # two named voices
    "days_apart",  # how far apart their moments are: log(1 + days), a year and more counting 1
    "class_one",  # one has a class, the other none
    "owner_same",  # both of one owner
    "place_one",  # one is said of a place ("in Berlin"), the other of none
    "voices_of_one_class",  # two named voices give a figure of one class: the shape of a dispute
    "sides_one",  # whose it is, named for one figure only ("Ukrainian soldiers" and "soldiers")
    "dimensioned",  # both in units of one dimension (a rate, a length, a share): what is measured is narrow
    "one_text_two_voices",  # two named voices in one text: the shape of an in-article dispute
    "neighbouring_voices",  # two named voices a sentence or so apart: "organisers said N; police, M"
)

# Where the pair's "can both hold" sits among FEATURES: it picks the model that judges the pair.
COMPATIBLE: Final = FEATURES.index("compatible")

# Two voices' figures this close in one text answer each other ("organisers said N. Police put it at M"):
# the distance of adjacent sentences of news prose, in characters.
NEIGHBOURING_CHARS: Final = 300


# Of two incompatible figures of one quantity, is the later a revision of the earlier (a toll that rose,
# a magnitude corrected) rather than a rival figure? What the pair says about voices and time.
REVISION_FEATURES: Final = (
    "same_claimant",  # one voice named both times
    "one_camp",  # two voices of one camp (agencies of one state), not one voice
    "one_unnamed",  # one figure has no named voice
    "both_unnamed",
    "same_document",
    "later_text",  # told in a text published half a day or more after the other's
    "days_between",  # how far apart the two texts were published: log(1 + days), a year and more 1
    "rose",  # the later figure is the higher
    "moving",  # a tally that moves over time (the lexicon's class of both figures' words)
    "day_bound",  # a count of one day (a crowd, an exchange)
    "change_verb",  # the later figure's verb tells a change ("rose to", "revised to")
    "value_distance",  # |log10| of the ratio of the two values, at most 3
    "dimensioned",  # a measure in a unit (a magnitude, a rate, a share)
)


@dataclass(frozen=True, slots=True)
class Logistic:
    """One logistic model over named features (FEATURES or REVISION_FEATURES)."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(map(operator.mul, self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, names: Sequence[str] = FEATURES) -> dict[str, object]:
        return {
            "weights": dict(zip(names, (round(w, 6) for w in self.weights), strict=True)),
            "bias": round(self.bias, 6),
        }

    @classmethod
    def from_json(cls, data: object, names: Sequence[str] = FEATURES) -> Logistic:
        assert isinstance(data, dict)
        weights, bias = data["weights"], data["bias"]
        assert isinstance(weights, dict) and isinstance(bias, float | int)
        # A feature the file does not know weighs nothing: an older model still loads.
        return cls(tuple(float(weights.get(name, 0.0)) for name in names), float(bias))


# A revision when the revision model's probability reaches this (chosen with the other thresholds).
REVISION_THRESHOLD: Final = 0.5


@dataclass(frozen=True, slots=True)
class PairModel:
    """The logistic model of "one quantity at one moment?" and its two thresholds: to relate two figures
    at all, and the higher bar a conflict must clear (a false alarm costs a reader more than a miss); and
    the model of "is the later figure a revision of the earlier?" for two that cannot both hold."""

    same: Logistic
    relate_threshold: float
    conflict_threshold: float
    revision: Logistic | None = None  # None: the structural rules of match._revises decide
    revision_threshold: float = REVISION_THRESHOLD
    rival: Logistic | None = None  # of two figures that cannot both hold; None: `same` judges them too

    def identity(self, values: Sequence[float]) -> float:
        """The probability that two figures are one quantity at one moment, by the model of their kind of
        pair: two that can both hold (agreeing, or two quantities of like size) are told apart by other
        evidence than two that cannot (a dispute, a revision, or two quantities of unlike size), and a
        model fit on both learns that figures far apart are different things, the one thing a dispute
        is not."""
        if self.rival is not None and not values[COMPATIBLE]:
            return self.rival.probability(values)
        return self.same.probability(values)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "same": self.same.to_json(),
            "relate_threshold": self.relate_threshold,
            "conflict_threshold": self.conflict_threshold,
        }
        if self.revision is not None:
            data["revision"] = self.revision.to_json(REVISION_FEATURES)
            data["revision_threshold"] = self.revision_threshold
        if self.rival is not None:
            data["rival"] = self.rival.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PairModel:
        relate, conflict = data["relate_threshold"], data["conflict_threshold"]
        assert isinstance(relate, float | int) and isinstance(conflict, float | int)
        revision, rival = data.get("revision"), data.get("rival")
        revision_threshold = data.get("revision_threshold", REVISION_THRESHOLD)
        assert isinstance(revision_threshold, float | int)
        return cls(
            Logistic.from_json(data["same"]),
            float(relate),
            float(conflict),
            None if revision is None else Logistic.from_json(revision, REVISION_FEATURES),
            float(revision_threshold),
            None if rival is None else Logistic.from_json(rival),
        )


MODEL_FILE: Final = "pair_model.json"


@cache
def shipped_model() -> PairModel:
    """The model shipped in the package (read once per process)."""
    text = resources.files("bot.pipeline").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_json(json.loads(text))


@dataclass(frozen=True, slots=True)
class PairJudge:
    """A pair model with the similarity model its features need."""

    model: PairModel
    similarity: PhraseSimilarity


@cache
def default_judge() -> PairJudge:
    """The shipped model and the sentence encoder, built once per process on first use."""
    return PairJudge(shipped_model(), SentenceEncoderSimilarity())


def semantic_class(figure: Figure) -> str | None:
    """The lexicon's class of what is counted ("killed", "participants"), if it knows the words."""
    return _class_of(figure.quantity)


@lru_cache(maxsize=1024)
def _class_of(quantity: str) -> str | None:
    name = quantity.rpartition(":")[2]
    return None if name in ("other", "measure", "share") else name


def phrase_of(figure: Figure) -> str:
    """The counted phrase a similarity model compares: the frame's words, else the counted words."""
    return _phrase(figure.what, figure.counted)


# Every pair compared reads both phrases: worked out once per distinct frame.
@lru_cache(maxsize=65536)
def _phrase(what: What, counted: str) -> str:
    return what.phrase or counted.partition(" (")[0].lower()


@lru_cache(maxsize=16384)
def names_of(names: tuple[str, ...]) -> frozenset[str]:
    """Names (a figure's event names, a story's), a country's words read as the country."""
    return frozenset(lx.COUNTRY_OF.get(name, name) for name in names)


def _middle(figure: Figure) -> float | None:
    low, high = interval(figure)
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def features(
    a: RecordedFigure,
    b: RecordedFigure,
    similarity: PhraseSimilarity,
    *,
    compatible: bool,
    claimants_differ: bool,
    days_apart: float | None,
) -> tuple[float, ...]:
    """The pair's values of FEATURES, in order; `compatible` and `claimants_differ` as match.py reads
    them (whether the intervals can both hold; whether two voices speak)."""
    fa, fb = a.figure, b.figure
    wa, wb = fa.what, fb.what
    class_a, class_b = semantic_class(fa), semantic_class(fb)
    heads = bool(wa.head and wb.head)
    predicates = bool(wa.predicate and wb.predicate)
    names_a, names_b = names_of(fa.event.names), names_of(fb.event.names)
    union = names_a | names_b
    shared = len(names_a & names_b) / len(union) if union else 0.0
    one_document = a.document.id == b.document.id
    distance = _distance(fa, fb)
    return (
        float(class_a is not None and class_a == class_b),
        float(class_a is not None and class_b is not None and class_a != class_b),
        float(heads and wa.head == wb.head and wa.head not in GENERIC_HEADS),
        float(heads and wa.head == wb.head and wa.head in GENERIC_HEADS),
        float(heads and wa.head != wb.head),
        float(predicates and wa.predicate == wb.predicate),
        float(predicates and wa.predicate != wb.predicate),
        similarity.similarity(phrase_of(fa), phrase_of(fb)),
        float(bool(wa.modifiers and wb.modifiers) and not set(wa.modifiers) & set(wb.modifiers)),
        float(bool(wa.owner and wb.owner) and wa.owner != wb.owner),
        float(bool(wa.owner) != bool(wb.owner)),
        shared,
        float(not one_document and not names_a & names_b),
        float(one_document),
        distance,
        float(compatible),
        float(claimants_differ),
        0.0 if days_apart is None else min(math.log1p(days_apart) / math.log1p(365), 1.0),
        float((class_a is None) != (class_b is None)),
        float(bool(wa.owner) and wa.owner == wb.owner),
        float(_local(fa) != _local(fb)),
        float(claimants_differ and class_a is not None and class_a == class_b),
        float(bool(fa.sides) != bool(fb.sides)),
        float(fa.dimension is not None and fa.dimension == fb.dimension),
        float(one_document and claimants_differ),
        float(one_document and claimants_differ and neighbouring(fa, fb)),
    )


def neighbouring(fa: Figure, fb: Figure) -> bool:
    """Within NEIGHBOURING_CHARS of each other (of one text: positions are offsets in it)."""
    return abs(fa.position - fb.position) <= NEIGHBOURING_CHARS


def revision_features(
    first: RecordedFigure,
    then: RecordedFigure,
    *,
    same_claimant: bool,
    one_camp: bool,
    later_text: bool,
    moving: bool,
    day_bound: bool,
) -> tuple[float, ...]:
    """The values of REVISION_FEATURES for two incompatible figures, `then` the later; the voice tests
    as match.py reads them."""
    fa, fb = first.figure, then.figure
    low_first, low_then = interval(fa)[0], interval(fb)[0]
    published_a, published_b = first.document.published, then.document.published
    days = (
        abs((published_b - published_a).total_seconds()) / 86400
        if published_a is not None and published_b is not None
        else 0.0
    )
    unnamed = (fa.claimant is None) + (fb.claimant is None)
    return (
        float(same_claimant),
        float(one_camp and not same_claimant and unnamed == 0),
        float(unnamed == 1),
        float(unnamed == 2),
        float(first.document.id == then.document.id),
        float(later_text),
        min(math.log1p(days) / math.log1p(365), 1.0),
        float(low_first is not None and low_then is not None and low_then > low_first),
        float(moving),
        float(day_bound),
        float(fb.event.changed),
        _distance(fa, fb),
        float(fa.dimension is not None),
    )


def interval(figure: Figure) -> tuple[float | None, float | None]:
    """The interval the wording allows, in the base unit of its dimension (a share in points)."""
    if figure.dimension and figure.dimension != "percent":
        return figure.base_low, figure.base_high
    return figure.low, figure.high


def _distance(fa: Figure, fb: Figure) -> float:
    ma, mb = _middle(fa), _middle(fb)
    if ma is not None and mb is not None and ma > 0 and mb > 0:
        return min(abs(math.log10(ma / mb)), 3.0)
    return 0.0 if ma == mb else 1.0


def _local(figure: Figure) -> bool:
    return bool(figure.scope.places)
