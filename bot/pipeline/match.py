"""Figures → relations: which recorded figures speak of the same quantity, and whether they conflict.

Two figures are about the same quantity when what they count (quantity key, unit dimension), whose it is
(sides), where and over what period (scope), and which event and moment (names, dates, years) agree, and
neither is a part of another figure, nor a forecast set against a count. Then:

- intervals that can both hold → corroboration (or an update, when a moving tally changed over time);
- intervals that cannot both hold →
  - an update when one is marked earlier ("initially", "had stood at"), or when a moving quantity (a toll)
    changed and both claimants are of one camp (the same authority, or several agencies of one state);
  - otherwise a conflict: two claimants, or two camps, saying incompatible things about one quantity.

Whether two figures are one quantity at all is the pair model's (pairs.py): what the two frames say is
measured, compared without a closed list of quantities. This module keeps the structural checks (sides,
scope, period, moment) and the kind of relation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Final

import numpy as np

from bot.pipeline import lexicon as lx
from bot.pipeline.budget import UNLIMITED, Budget
from bot.pipeline.events import other_events
from bot.pipeline.pairs import (
    FEATURES,
    GENERIC_HEADS,
    PairJudge,
    default_judge,
    features,
    interval,
    names_of,
    neighbouring,
    phrase_of,
    revision_features,
    semantic_class,
)
from bot.pipeline.similarity import PhraseSimilarity
from bot.pipeline.types import Event, Figure, RecordedFigure, Relation, RelationKind, Scope

# Relative slack when comparing interval ends: rounding in unit conversions, not disagreement.
TOLERANCE = 0.005
# An undated figure refers to about its publication day; a written date within this span is the same moment.
UNDATED_SLACK = timedelta(days=3)
# A text this much later than another tells a moving tally's later state, not a rival figure of its moment.
LATER_TEXT = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class Camp:
    """Who a claimant is: an authority of some state, a rights body, organisers, researchers, …"""

    kind: str
    country: str | None
    field: str | None = None  # an authority's line of work, when its name says (lx.AUTHORITY_FIELDS)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Cues at the start of a word; a cue ending in a space must end the word too (see lx.CAMPS). A cue
    in capitals is an acronym and matches only in capitals ("UN", "IOM": not French "un");
    the others match in any case."""

    def form(cue: str) -> str:
        word = re.escape(cue.rstrip())
        if cue.strip().upper() != cue.strip():
            word = f"(?i:{word})"
        return word + (r"(?![^\W\d_])" if cue.endswith(" ") else "")

    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(form(c) for c in cues) + ")")


_CAMP_PATTERNS: Final = tuple((name, _cue_pattern(cues)) for name, cues in lx.CAMPS)
_FIELD_PATTERNS: Final = tuple((name, _cue_pattern(cues)) for name, cues in lx.AUTHORITY_FIELDS)


@lru_cache(maxsize=4096)
def camp_of(claimant: str | None) -> Camp | None:
    if not claimant:
        return None
    text = f" {claimant} "
    kind = next((name for name, pattern in _CAMP_PATTERNS if pattern.search(text)), "other")
    countries = {
        lx.COUNTRY_OF[w]
        for w in text.lower().replace("'s", " ").replace("’s", " ").split()
        if w in lx.COUNTRY_OF
    }
    field = next((name for name, pattern in _FIELD_PATTERNS if pattern.search(text)), None)
    return Camp(
        kind, next(iter(countries)) if len(countries) == 1 else None, field if kind == "authority" else None
    )


_GENERIC_WORDS = frozenset(
    "the a an its their his her our country nation country's state's nation's of".split()
)


@lru_cache(maxsize=4096)
def _claimant_words(claimant: str) -> frozenset[str]:
    words = claimant.lower().replace("’s", "'s").replace("'s ", " 's ").split()
    return frozenset(w.strip(",.()") for w in words if w not in _GENERIC_WORDS and w != "'s")


@lru_cache(maxsize=4096)
def _claimant_core(claimant: str) -> frozenset[str]:
    """A body's name without the place it sits in ("the health ministry in X" → "health ministry"): one
    body is named "in the territory" once and "in the city" the next time."""
    name, _, place = claimant.partition(" in ")
    countries = {lx.COUNTRY_OF[w] for w in place.lower().split() if w in lx.COUNTRY_OF}
    core = _claimant_words(name)
    return core | frozenset(countries) if place else core


@lru_cache(maxsize=65536)
def same_claimant(a: str | None, b: str | None) -> bool:
    """One voice named two ways: "the country's defense ministry" and "the Russian Defense Ministry";
    "NDMA" and "the National Disaster Management Authority"."""
    if not a or not b:
        return False
    for words_a, words_b in (
        (_claimant_words(a), _claimant_words(b)),
        (_claimant_core(a), _claimant_core(b)),
    ):
        if bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a):
            return True
    return _abbreviates(a, b) or _abbreviates(b, a)


_NAME_LINKS: Final = frozenset("of the for and on de du des la le".split())


@lru_cache(maxsize=4096)
def _abbreviates(short: str, full: str) -> bool:
    """Is a word of `short` (three letters or more) the initials of `full`'s capitalised words, or of
    their end ("IAEA" for "International Atomic Energy Agency")? The link words of a name ("of", "the")
    have none."""
    acronyms = [w for w in re.findall(r"[A-Za-z]+", short) if 3 <= len(w) <= 8 and w.isupper()]
    if not acronyms:
        return False
    initials = "".join(
        w if w.isupper() else w[0]
        for w in re.findall(r"[A-Za-z]+", full.replace("’s", "").replace("'s", ""))
        if w.lower() not in _NAME_LINKS and w[0].isupper()
    )
    # "EU officials" against "EU Statistics Office": an acronym both names spell out is no abbreviation.
    spelled_out = set(re.findall(r"[A-Z]{2,8}", full))
    # The whole name, or the name after a place ("Pakistan's NDMA": "the Pakistan National Disaster …").
    return any(initials.endswith(acronym) for acronym in acronyms) and not set(acronyms) <= spelled_out


def one_camp(a: str | None, b: str | None) -> bool:
    """Could these two claimants be one voice (one authority updating its own tally)?"""
    if a is None or b is None or same_claimant(a, b):
        return True
    camp_a, camp_b = camp_of(a), camp_of(b)
    assert camp_a is not None and camp_b is not None
    if camp_a.kind != camp_b.kind or camp_a.kind != "authority":
        return False  # only a state's agencies hand one tally between them; two institutes are two voices
    if camp_a.country and camp_b.country:
        return camp_a.country == camp_b.country
    # A state unnamed on one side: agencies of two named fields are two voices.
    return camp_a.field is None or camp_b.field is None or camp_a.field == camp_b.field


def compatible(a: Figure, b: Figure) -> bool:
    """Can both intervals hold at once? An open hedge reaches OPEN_HEDGE_REACH above its figure."""
    low_a, high_a = _reach(interval(a))
    low_b, high_b = _reach(interval(b))
    low = low_b if low_a is None else low_a if low_b is None else max(low_a, low_b)
    high = high_b if high_a is None else high_a if high_b is None else min(high_a, high_b)
    if low is None or high is None:
        return True
    slack = TOLERANCE * max(abs(low), abs(high), 1.0)
    if _rounded(a) and _rounded(b) and a.value != b.value and high - low <= 1e-9 * max(abs(high), 1.0):
        # "7.5" is 7.45 to 7.55 and "7.6" is 7.55 to 7.65: intervals of rounding meet at an end, but two
        # figures stated to one precision with different digits say different things.
        return False
    return low <= high + slack


# "More than N" and "at least N" allow any higher figure, but nobody says "more than 200" of 900: a writer
# names the round figure just below the count. Two voices' "more than 200" and "450" are rival figures, as
# a reader takes them; "more than 200" and "240" can both hold. The reach of 1.25 and of 1.5 were tried
# (with 2 and 3): from 2 on, disputes of "at least N" against a figure well above it are lost as agreement.
OPEN_HEDGE_REACH: Final = 1.5


def _reach(bounds: tuple[float | None, float | None]) -> tuple[float | None, float | None]:
    low, high = bounds
    if high is None and low is not None and low > 0:
        return low, low * OPEN_HEDGE_REACH
    return low, high


def _rounded(figure: Figure) -> bool:
    """A figure stated plainly, whose interval is only the rounding of its last digit."""
    return (
        figure.qualifier is None
        and figure.value is not None
        and figure.low is not None
        and figure.high is not None
        and figure.low < figure.high
    )


def _names(figure: Figure) -> frozenset[str]:
    return names_of(figure.event.names)


# A part of a day ("as of 6 p.m."), beside the periods of a Scope: a period of its own as they are.
PARTIAL_DAY: Final = "partial-day"


def _periods(scope: Scope, event: Event) -> frozenset[str]:
    """The periods a figure is counted over that make it a quantity of its own. A running total "since" a
    start is what an unqualified toll is too: only a night, part of a day or a past record are."""
    periods: frozenset[str] = frozenset(p for p in scope.periods if p != "since")
    return (periods | {PARTIAL_DAY}) if event.partial_day else periods


def _scope_clash(a: Figure, b: Figure) -> str | None:
    sa, sb = a.scope, b.scope
    if sa.elsewhere != sb.elsewhere:
        return "one figure is for elsewhere"
    if _periods(sa, a.event) != _periods(sb, b.event):
        return "different periods"
    if (sa.wide and sb.places and not sb.wide) or (sb.wide and sa.places and not sa.wide):
        return "a national figure and a local one"
    if sa.places and sb.places and set(sa.places).isdisjoint(sb.places):
        return "different places"
    return None


def days_apart(a: RecordedFigure, b: RecordedFigure) -> float | None:
    """Days between the moments two figures refer to (a written day, else the publication day)."""
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None:
        return None
    return abs((day_a - day_b).total_seconds()) / 86400


def _day(item: RecordedFigure) -> datetime | None:
    """The written day at midnight, else the publication time (both naive UTC)."""
    day, published = item.figure.event.day, item.document.published
    if day is not None:
        return datetime(day.year, day.month, day.day)
    return published.replace(tzinfo=None) if published else None


def _years(item: RecordedFigure) -> frozenset[int]:
    return frozenset(item.figure.event.years)


def _year_clash(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Another year named ("the 2018 fire", "in 2013") makes another quantity; a publication year alone
    does not (a toll of 2017 may be reported in 2018)."""
    years_a, years_b = _years(a), _years(b)
    if years_a and years_b:
        return not years_a & years_b
    named, other = (years_a, b) if years_a else (years_b, a)
    published = other.document.published
    if not named or published is None:
        return False
    # A toll is reported for months after its year ends ("deaths between Sept. and Dec. 2017", told in 2018).
    slack = 1 if _moves(a.figure) else 0
    return all(abs(published.year - year) > slack for year in named)


def _moment_clash(a: RecordedFigure, b: RecordedFigure) -> str | None:
    day_a, day_b = a.figure.event.day, b.figure.event.day
    if day_a is not None and day_b is not None:
        return None if day_a == day_b else "different days"
    if a.document.id == b.document.id:
        return None  # in one text, a figure it does not date is of the day the text is about
    if day_a is not None or day_b is not None:
        dated, undated = (a, b) if day_a is not None else (b, a)
        named = {name.removesuffix(" day") for name in undated.figure.event.named_days}
        if named and not any(name in dated.figure.sentence.lower() for name in named):
            return "a named day against another date"
        day, published = _day(dated), undated.document.published
        if day is not None and published is not None:
            pub = published.replace(tzinfo=None)
            if not pub - UNDATED_SLACK <= day <= pub + timedelta(days=1):
                return "different days"
        return None
    # Neither dated in its words: each is of about its text's day (a crowd counted on a weekend, told in
    # that weekend's report), so texts published far apart tell two days.
    published_a, published_b = a.document.published, b.document.published
    if published_a is not None and published_b is not None and abs(published_a - published_b) > UNDATED_SLACK:
        return "different days"
    return None


def _moves(figure: Figure) -> bool:
    """A tally that moves over time (a toll, arrests, cases), as the lexicon's class of its words says."""
    return semantic_class(figure) in lx.MOVING


def _one_quantity(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Could the two figures be one quantity, as structure tells (whose, where, over what period, not a
    part, not a forecast against a count, not one figure twice)? What is measured is the pair model's
    to judge."""
    fa, fb = a.figure, b.figure
    if fa.dimension != fb.dimension:
        return False
    if fa.subset or fb.subset or (fa.tense == "projection") != (fb.tense == "projection"):
        return False  # a forecast is compared with forecasts only: two of one thing can disagree
    if (fa.sides and fb.sides and fa.sides != fb.sides) or _scope_clash(fa, fb):
        return False  # whose: two named sides are two quantities; a side named in one text only is not
    if other_events(fa.sentence, fb.sentence):
        return False  # a flood's toll and a quake's: two events
    return not (
        a.document.id == b.document.id
        and a.figure.sentence == b.figure.sentence
        and fa.position == fb.position
    )


def _evidence(a: RecordedFigure, b: RecordedFigure) -> str:
    fa, fb = a.figure, b.figure
    shared = _names(fa) & _names(fb)
    evidence = [f"both count {fa.counted or fa.quantity}"]
    if fa.sides:
        evidence.append("of " + ", ".join(fa.sides))
    if shared:
        evidence.append("both name " + ", ".join(sorted(shared)[:4]))
    return "; ".join(evidence)


def _later(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Is b later than a? Documents by publication, figures in one text by tense, then position."""
    if a.document.id == b.document.id:
        if (a.figure.tense == "earlier") != (b.figure.tense == "earlier"):
            return a.figure.tense == "earlier"
        return a.figure.position < b.figure.position
    pa, pb = a.document.published, b.document.published
    if pa and pb and pa != pb:
        return pa < pb
    return a.id < b.id


def _show(item: RecordedFigure) -> str:
    who = item.figure.claimant or item.document.source
    return f"“{item.figure.quote}” ({who})"


def decide(
    a: RecordedFigure, b: RecordedFigure, judge: PairJudge | None = None
) -> tuple[RelationKind, str] | None:
    """The relation between two figures, with why; None when they are not about one quantity."""
    decision = classify(a, b, judge or default_judge())
    if decision is None:
        return None
    return decision.kind, explain(decision.reason, a, b)


# Why a relation holds, as a template of the evidence and the two figures (see explain).
_MOVED = "{evidence}; the figure moved from {a} to {b}"
_BOTH_HOLD = "{evidence}; {a} and {b} can both hold"
_EARLIER_FOLLOWED = "{evidence}; an earlier figure, {a}, was followed by {b}"
_THEN = "{evidence}; {a} then {b}"
_SAME_AUTHORITY = "{evidence}; the same authority moved from {a} to {b}"
_CANNOT_BOTH = "{evidence}; {a} and {b} cannot both be true"


def explain(reason: str, a: RecordedFigure, b: RecordedFigure) -> str:
    """The words of a relation `classify` found: its reason filled in with the evidence and the figures."""
    return reason.format(evidence=_evidence(a, b), a=_show(a), b=_show(b))


@dataclass(frozen=True, slots=True)
class Decision:
    """What classify found: the kind, its reason (a template for explain), and how alike the pair is."""

    kind: RelationKind
    reason: str
    probability: float


def _claimants_differ(fa: Figure, fb: Figure) -> bool:
    return bool(fa.claimant and fb.claimant) and not same_claimant(fa.claimant, fb.claimant)


def pair_features(
    a: RecordedFigure, b: RecordedFigure, similarity: PhraseSimilarity
) -> tuple[float, ...] | None:
    """What the pair model reads of two figures (pairs.FEATURES); None when structure already says they
    are not one quantity at one moment. The training labels the same pairs (bot/learning/fit.py)."""
    if not _one_quantity(a, b) or _moments_apart(a, b):
        return None
    fa, fb = a.figure, b.figure
    return features(
        a,
        b,
        similarity,
        compatible=compatible(fa, fb),
        claimants_differ=_claimants_differ(fa, fb),
        days_apart=days_apart(a, b),
    )


# Counted phrases this alike (cosine, similarity.py) say the same thing in other words.
ALIKE_PHRASES: Final = 0.6
_PHRASE_SIMILARITY: Final = FEATURES.index("phrase_similarity")


def _alike_words(fa: Figure, fb: Figure) -> bool:
    """Do the words say the two figures measure one thing: one class, one counted noun or verb, or one
    unit's dimension? With phrases alike (ALIKE_PHRASES), these are what makes two figures comparable at
    all: two with nothing of the kind in common are two quantities, whatever else they share (a story, a
    day, two voices)."""
    return _alike_keys(_alike_key(fa), _alike_key(fb))


_AlikeKey = tuple[str | None, str, str, str | None]


def _alike_key(figure: Figure) -> _AlikeKey:
    """What _alike_words compares of a figure: its class, counted noun (not a generic one), verb and
    dimension."""
    head = figure.what.head
    return (
        semantic_class(figure),
        "" if head in GENERIC_HEADS else head,
        figure.what.predicate,
        figure.dimension,
    )


class _KeyCodes:
    """The alike keys of a bucket's recorded figures as integer arrays (a word's code from `vocabulary`,
    -1 for none), so that which of them a new figure is alike to (_alike_keys) is one vector test."""

    def __init__(self, keys: Sequence[_AlikeKey], vocabulary: dict[str, int]) -> None:
        def code(word: str | None) -> int:
            return vocabulary.setdefault(word, len(vocabulary)) if word else -1

        self.columns = [np.array([code(k[column]) for k in keys], dtype=np.int64) for column in range(3)]
        self.dimensioned = np.array([k[3] is not None for k in keys], dtype=bool)

    def alike(self, mine: _AlikeKey, similarities: np.ndarray[Any, Any], vocabulary: dict[str, int]) -> Any:
        mask = similarities >= ALIKE_PHRASES
        for column, word in zip(self.columns, mine[:3], strict=True):
            if word and word in vocabulary:
                mask |= column == vocabulary[word]
        if mine[3] is not None:
            mask |= self.dimensioned  # one bucket, one dimension: every dimensioned figure is alike
        return mask


def alike(a: RecordedFigure, b: RecordedFigure, values: Sequence[float]) -> bool:
    """Comparable at all: words that say one thing (_alike_words), counted phrases alike, or two voices
    answering each other; `values` the pair's features."""
    return (
        _alike_words(a.figure, b.figure)
        or values[_PHRASE_SIMILARITY] >= ALIKE_PHRASES
        or _answering_voices(a, b)
    )


def _answering_voices(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Two voices of one text giving figures a sentence apart, of no two known classes: the shape of a
    dispute ("organisers said 40,000 marched; police put the turnout at 7,500") whatever words
    each uses for what is counted."""
    fa, fb = a.figure, b.figure
    class_a, class_b = semantic_class(fa), semantic_class(fb)
    return (
        a.document.id == b.document.id
        and _claimants_differ(fa, fb)
        and neighbouring(fa, fb)
        and (class_a is None or class_b is None or class_a == class_b)
    )


def _alike_keys(a: _AlikeKey, b: _AlikeKey) -> bool:
    return bool(
        (a[0] is not None and a[0] == b[0])
        or (a[1] and a[1] == b[1])
        or (a[2] and a[2] == b[2])
        or (a[3] is not None and a[3] == b[3])
    )


def same_quantity(a: RecordedFigure, b: RecordedFigure, judge: PairJudge) -> float | None:
    """The pair model's probability that two figures are one quantity at one moment; None when structure
    already says they are not."""
    values = pair_features(a, b, judge.similarity)
    return None if values is None else judge.model.identity(values)


def classify(a: RecordedFigure, b: RecordedFigure, judge: PairJudge) -> Decision | None:
    """The kind of relation between two figures and its reason (a template for explain); None when they
    are not about one quantity. No words are built here: most pairs compared are dropped."""
    values = pair_features(a, b, judge.similarity)
    if values is None:
        return None
    probability = judge.model.identity(values)
    if probability < judge.model.relate_threshold or not alike(a, b, values):
        return None
    fa, fb = a.figure, b.figure
    moving = _moves(fa) and _moves(fb)
    one_document = a.document.id == b.document.id
    if compatible(fa, fb):
        changed = fa.value is not None and fb.value is not None and fa.value != fb.value
        if moving and changed and (not one_document or "earlier" in (fa.tense, fb.tense)):
            return Decision("update", _MOVED, probability)
        if one_document and (fa.claimant is None or same_claimant(fa.claimant, fb.claimant)):
            return None  # a text repeating its own figure (lead and body) is one source, not two
        return Decision("corroboration", _BOTH_HOLD, probability)
    if "earlier" in (fa.tense, fb.tense):
        if not one_camp(fa.claimant, fb.claimant):
            return None  # someone's old figure against another's new one: nobody holds both
        return Decision("update", _EARLIER_FOLLOWED, probability)
    if _is_revision(a, b, judge, moving=moving):
        if one_document and not (fa.claimant and fb.claimant):
            return Decision("update", _THEN, probability)
        return Decision("update", _SAME_AUTHORITY, probability)
    if one_document and not _claimants_differ(fa, fb):
        return None  # one text, one voice: a narrative of changes, not a dispute
    if probability < judge.model.conflict_threshold:
        return None  # alike, but not enough to say that two voices dispute one quantity
    return Decision("conflict", _CANNOT_BOTH, probability)


def _later_text(first: RecordedFigure, then: RecordedFigure) -> bool:
    """Was `then` told in a text published LATER_TEXT or more after `first`'s?"""
    published_first, published_then = first.document.published, then.document.published
    return (
        published_first is not None
        and published_then is not None
        and published_then - published_first >= LATER_TEXT
    )


def revision_values(a: RecordedFigure, b: RecordedFigure) -> tuple[float, ...]:
    """What the revision model reads of two incompatible figures of one quantity (pairs.REVISION_FEATURES),
    the earlier first; the training reads the same (bot/learning/fit.py)."""
    first, then = (a, b) if _later(a, b) else (b, a)
    fa, fb = first.figure, then.figure
    return revision_features(
        first,
        then,
        same_claimant=same_claimant(fa.claimant, fb.claimant),
        one_camp=bool(fa.claimant and fb.claimant) and one_camp(fa.claimant, fb.claimant),
        later_text=_later_text(first, then),
        moving=_moves(fa) and _moves(fb),
        day_bound=semantic_class(fa) in lx.DAY_BOUND or semantic_class(fb) in lx.DAY_BOUND,
    )


def _camps_differ(a: str | None, b: str | None) -> bool:
    """Two named voices of two known camps (an authority and a rights body, police and organisers, or the
    authorities of two named states)."""
    camp_a, camp_b = camp_of(a), camp_of(b)
    if camp_a is None or camp_b is None or "other" in (camp_a.kind, camp_b.kind):
        return False
    if camp_a.kind != camp_b.kind:
        return True
    return camp_a.country is not None and camp_b.country is not None and camp_a.country != camp_b.country


def _is_revision(a: RecordedFigure, b: RecordedFigure, judge: PairJudge, *, moving: bool) -> bool:
    """Is the later of two incompatible figures a revision of the earlier? Never between two known camps;
    else the shipped revision model's call when it has one, else the structural rules of _revises."""
    revision = judge.model.revision
    if revision is None:
        return _revises(a, b, moving=moving)
    if _camps_differ(a.figure.claimant, b.figure.claimant):
        return False  # a rights body's toll does not revise a ministry's, nor organisers' the police's
    if moving and _falls_between_voices(a, b):
        return False
    return revision.probability(revision_values(a, b)) >= judge.model.revision_threshold


def _falls_between_voices(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Two named voices, and the later gives the lower figure without saying that it changed. A running
    tally (a toll, arrests) only grows: a lower count from someone else is a rival count, not the tally
    moving on, unless the text says the count was lowered ("revised down to", types.Event.changed)."""
    fa, fb = a.figure, b.figure
    if not _claimants_differ(fa, fb):
        return False
    first, then = (a, b) if _later(a, b) else (b, a)
    if then.figure.event.changed:
        return False
    low_first, high_then = interval(first.figure)[0], interval(then.figure)[1]
    if high_then is None or low_first is None:
        return False
    return high_then < low_first * (1 - TOLERANCE)


def _revises(a: RecordedFigure, b: RecordedFigure, *, moving: bool) -> bool:
    """Is the later of two incompatible figures a revision of the earlier? A voice revising its own figure
    (a magnitude, a vote count, a growth estimate) in a later text; a tally told higher in a later text
    by a voice of the same camp or an unnamed one; a moving tally (a toll) told again by the same voice,
    by an unnamed one in another text, or by another voice of one camp."""
    fa, fb = a.figure, b.figure
    one_document = a.document.id == b.document.id
    if same_claimant(fa.claimant, fb.claimant):
        return moving or not one_document
    first, then = (a, b) if _later(a, b) else (b, a)
    low_first, low_then = interval(first.figure)[0], interval(then.figure)[0]
    rose = low_first is not None and low_then is not None and low_then > low_first
    # A count of people or things (not a rate, a share or a measure) whose class the lexicon does not know
    # may be a tally too: told higher in a text of a later day, it has moved.
    tally = moving or (semantic_class(fa) is None and fa.dimension is None)
    if (
        tally
        and rose
        and (fa.claimant is None or fb.claimant is None or one_camp(fa.claimant, fb.claimant))
        and _later_text(first, then)
    ):
        return True
    if not moving:
        return False
    if fa.claimant is None and fb.claimant is None:
        return True
    if (fa.claimant is None or fb.claimant is None) and not one_document:
        return True  # a report's own running toll, told again by a voice in a later text (or before it)
    # Another voice of one camp (agencies of one state) revises a toll either way; another camp does not.
    return one_camp(fa.claimant, fb.claimant)


def _superseded(
    item: RecordedFigure, by_claimant: Mapping[str, Sequence[RecordedFigure]], judge: PairJudge
) -> bool:
    """An earlier figure that its own claimant has since replaced is no longer anyone's position.
    `by_claimant`: the figures it may have been replaced by, by their claimant's words."""
    if item.figure.tense == "earlier":
        return True
    claimant = item.figure.claimant
    if claimant is None:
        return False
    for name, figures in by_claimant.items():
        # One test per claimant named, not per figure: most of the pool is other claimants.
        if not same_claimant(claimant, name):
            continue
        for other in figures:
            if (
                other.id != item.id
                and _later(item, other)
                and not compatible(item.figure, other.figure)
                and _one_moment(item, other, judge)
            ):
                return True
    return False


def _by_claimant(figures: Iterable[RecordedFigure]) -> dict[str, list[RecordedFigure]]:
    grouped: dict[str, list[RecordedFigure]] = {}
    for figure in figures:
        if figure.figure.claimant is not None:
            grouped.setdefault(figure.figure.claimant, []).append(figure)
    return grouped


def _one_moment(a: RecordedFigure, b: RecordedFigure, judge: PairJudge) -> bool:
    """Same quantity, and not told apart by the year or (for counts that do not move) the day."""
    probability = same_quantity(a, b, judge)
    return probability is not None and probability >= judge.model.relate_threshold


_DAY_PERIODS: Final = frozenset({"night", PARTIAL_DAY})


def _moments_apart(a: RecordedFigure, b: RecordedFigure) -> bool:
    """Told apart by the year or (for counts that do not move) the day."""
    if _year_clash(a, b):
        return True
    # A night's or a part of a day's count belongs to its day, even of a tally that moves.
    periods = _periods(a.figure.scope, a.figure.event)
    day_bound = (
        semantic_class(a.figure) in lx.DAY_BOUND
        or semantic_class(b.figure) in lx.DAY_BOUND
        or not periods.isdisjoint(_DAY_PERIODS)
    )
    return day_bound and _moment_clash(a, b) is not None


# How many agreeing (or updating) figures a new figure is linked to: the newest few say enough, and a
# widely repeated figure must not cost a relation per copy.
MAX_AGREEING = 6
# How many candidates, the most alike first, a new figure is judged against.
MAX_COMPARED = 24
MAX_CONFLICTS = 10


Bucket = tuple[str | None, bool]


def bucket(dimension: str | None, *, subset: bool, tense: str) -> Bucket | None:
    """What two figures must share to be compared at all (see _one_quantity): the unit's dimension, and
    whether it is a forecast; None: never compared. Takes the fields, not a Figure, so that recorded rows
    can be sorted out before they are built."""
    if subset:
        return None
    return (dimension, tense == "projection")


def bucket_of(figure: Figure) -> Bucket | None:
    return bucket(figure.dimension, subset=figure.subset, tense=figure.tense)


def relate(
    new: Sequence[RecordedFigure],
    candidates: Sequence[RecordedFigure],
    judge: PairJudge | None = None,
    budget: Budget = UNLIMITED,
) -> list[Relation]:
    """Relations of each new figure with the recorded candidates and with the new figures before it;
    `budget` is checked once a new figure."""
    judge = judge or default_judge()
    relations: list[Relation] = []
    recorded: dict[Bucket, list[RecordedFigure]] = {}
    for candidate in sorted(candidates, key=lambda c: c.id, reverse=True):
        key = bucket_of(candidate.figure)
        if key is not None:
            recorded.setdefault(key, []).append(candidate)
    arrived: dict[Bucket, list[RecordedFigure]] = {}
    new_by_bucket: dict[Bucket, list[RecordedFigure]] = {}
    for item in new:
        key = bucket_of(item.figure)
        if key is not None:
            new_by_bucket.setdefault(key, []).append(item)
    superseded: dict[int, bool] = {}
    voices: dict[Bucket, dict[str, list[RecordedFigure]]] = {}
    alike_keys: dict[int, _AlikeKey] = {}

    def keys_of(figure: RecordedFigure) -> _AlikeKey:
        key = alike_keys.get(figure.id)
        if key is None:
            key = alike_keys[figure.id] = _alike_key(figure.figure)
        return key

    def is_superseded(figure: RecordedFigure, key: Bucket) -> bool:
        if figure.id not in superseded:
            if key not in voices:
                voices[key] = _by_claimant([*recorded.get(key, []), *new_by_bucket[key]])
            superseded[figure.id] = _superseded(figure, voices[key], judge)
        return superseded[figure.id]

    everything = [*new, *candidates]
    judge.similarity.prepare([phrase_of(f.figure) for f in everything])
    tables: dict[Bucket, Callable[[str], list[float]]] = {}
    codes: dict[Bucket, _KeyCodes] = {}
    vocabulary: dict[str, int] = {}
    for item in new:
        budget.check()
        key = bucket_of(item.figure)
        if key is None:
            continue
        counts = {"conflict": 0, "update": 0, "corroboration": 0}
        earlier_here = arrived.setdefault(key, [])
        others = recorded.get(key, [])
        # Most of the pool is other quantities: what nothing makes alike (see _alike) is not looked at.
        phrase = phrase_of(item.figure)
        if key not in tables:
            tables[key] = judge.similarity.table([phrase_of(o.figure) for o in others])
            codes[key] = _KeyCodes([keys_of(o) for o in others], vocabulary)
        mine = _alike_key(item.figure)
        here = judge.similarity.similarities(phrase, [phrase_of(o.figure) for o in earlier_here])
        compared = [
            (similarity, n, other)
            for n, (other, similarity) in enumerate(zip(earlier_here, here, strict=True))
            if similarity >= ALIKE_PHRASES
            or _alike_keys(keys_of(other), mine)
            or _answering_voices(other, item)
        ]
        # The recorded part of the pool is judged as arrays: it is most of the pool.
        similarities = np.asarray(tables[key](phrase), dtype=float)
        chosen = np.flatnonzero(codes[key].alike(mine, similarities, vocabulary))
        if len(chosen) > MAX_COMPARED:
            # The most alike first (then the newest): no more than MAX_COMPARED are looked at.
            chosen = chosen[np.lexsort((chosen, -similarities[chosen]))[:MAX_COMPARED]]
        offset = len(earlier_here)
        compared += [(float(similarities[n]), offset + int(n), others[int(n)]) for n in chosen]
        # One voice of another text (or of this one) answers to this figure with one figure at most: of
        # the figures a voice gives in a document, the most alike is the one it is about.
        best: dict[tuple[int, str | None], tuple[RecordedFigure, Decision]] = {}
        # The most alike first, and no more than MAX_COMPARED: the work per figure is bounded, whatever
        # the story (each figure keeps a few relations of each kind, the most alike of each document).
        compared.sort(key=lambda entry: (-entry[0], entry[1]))
        for _, _, other in compared[:MAX_COMPARED]:
            decision = classify(other, item, judge)
            if decision is None:
                continue
            group = (other.document.id, other.figure.claimant)
            if group not in best or decision.probability > best[group][1].probability:
                best[group] = (other, decision)
        for other, decision in sorted(best.values(), key=lambda pair: -pair[1].probability):
            kind = decision.kind
            limit = MAX_CONFLICTS if kind == "conflict" else MAX_AGREEING
            if counts[kind] >= limit:
                continue
            if kind == "conflict" and (is_superseded(other, key) or is_superseded(item, key)):
                continue
            counts[kind] += 1
            first, second = (other, item) if _later(other, item) else (item, other)
            why = explain(decision.reason, first, second)  # "moved from {a} to {b}": in the order of time
            relations.append(Relation(kind=kind, a=first.id, b=second.id, why=why))
        earlier_here.append(item)
    return relations
