"""The shape of a language pack: the named slots every language fills, the same in every pack.

A pack is data: word lists and the regular-expression fragments built from them, grouped as the issue
names them — number words, scales and separators (`Numerals`), hedges (`Hedging`), months and date forms
(`Dates`), unit words (`Units`), the words that join two figures or say a figure is not one (`Figures`),
reporting verbs and the window reader's cues (`Reporting`), side and nationality words (`Sides`), page-junk
patterns (`PageJunk`) and a lemma hook. The code that reads text (numbers.py, clean.py, window.py,
extract.py) reads these slots through the registry (`bot.pipeline.lang.get`, `.packs`) and holds no word of
any language itself.

Two kinds of slot: a language's own (read only in its texts: its hedges, its number words) and shared ones
(read in every text whatever its language, because news mixes them: English units in a French text, "от"
opening a range in a Ukrainian one); each slot's comment says which, and the readers take the union of the
shared ones over all packs in registry order.

A slot is required unless its field metadata says `optional` (a feature only some languages have: German's
one-word compound numbers, French's vigesimal tens). A pack that has not filled a required slot yet names
it in `gaps` with the reason; tests/test_language_packs.py checks every pack against this.

Regex fragments are marked as such; everything else is literal words, matched case-insensitively unless
the slot says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CompoundNumbers",
    "Dates",
    "Figures",
    "Hedging",
    "LanguagePack",
    "NumberWord",
    "Numerals",
    "PageJunk",
    "Reporting",
    "Sides",
    "Units",
    "Vague",
    "Vigesimal",
    "identity",
    "number_words",
]

# A number word: its value and kind. Kinds: "u" additive (units, teens, tens, and hundreds written as one
# word), "h" hundred (multiplies its group), "s" scale, "z" dozen, "a" article ("a hundred"), "c" collective
# numeral (Russian "двое", "пятеро").
NumberWord = tuple[float, str]
Qualifier = Literal["about", "nearly", "more_than", "at_least", "up_to", "fewer_than"]


def _optional() -> dict[str, bool]:
    return {"optional": True}


def number_words(
    *,
    additive: str = "",
    hundred: str = "",
    scale: str = "",
    dozen: str = "",
    article: str = "",
    collective: str = "",
) -> dict[str, NumberWord]:
    """Number words from "word=value" lists, one argument a kind (see `NumberWord`)."""
    out: dict[str, NumberWord] = {}
    for kind, pairs in (
        ("u", additive),
        ("h", hundred),
        ("s", scale),
        ("z", dozen),
        ("a", article),
        ("c", collective),
    ):
        for item in pairs.split():
            word, value = item.split("=")
            out[word] = (float(value), kind)
    return out


def identity(word: str) -> str:
    """The lemma hook of a pack with no lemmatiser yet: the word itself."""
    return word


@dataclass(frozen=True, slots=True)
class CompoundNumbers:
    """Numbers written as one word ("dreihundertvierundfünfzig"): additive morphemes and multipliers."""

    morphemes: Mapping[
        str, float
    ]  # in match order: a longer morpheme before its prefix ("sechzehn", "sechs")
    joiner: str  # the morpheme that joins units and tens ("und"); it may not start or end a word
    hundred: str  # at most one a group
    thousand: str  # at most one a word
    articles: frozenset[str]  # "eine Million": a figure only with a scale word after it
    ones: frozenset[str]  # the morphemes that, alone, are "one" (a figure only with a multiplier)


@dataclass(frozen=True, slots=True)
class Vigesimal:
    """Counting by twenties inside the tens ("soixante-douze" 72, "quatre-vingt-dix" 90)."""

    tens: frozenset[float]  # tens after which a teen may follow (60, 80)
    four: str  # "quatre" of "quatre-vingts"
    twenty: frozenset[str]  # "vingt", "vingts"


@dataclass(frozen=True, slots=True)
class Vague:
    """Vague quantities ("tens of thousands", "plusieurs centaines"): bounds come from the base."""

    modifiers: Mapping[str, str]  # word(s) before a base → "several", "few" or "plain"; in match order
    bases: Mapping[str, int]  # plural (and singular) bases as written, in match order → their value
    of_word: str | None  # regex fragment joining a second base ("of" in "tens of thousands"); None: none
    of_bases: tuple[str, ...]  # the bases that may come second
    singular: frozenset[str] = frozenset()  # bases that are numbers when unmodified ("hundred", "hundert")
    genitive: frozenset[str] = frozenset()  # bases vague only with a modifier or a second base ("тысяч")
    needs_of: Mapping[str, str] = field(default_factory=dict)  # base → what must follow it ("tens" " of")
    indefinite: frozenset[str] = frozenset()  # plural articles that make a singular base a number again


@dataclass(frozen=True, slots=True)
class Numerals:
    """Number words, scales and separators."""

    words: Mapping[str, NumberWord]  # own: every number word, inflected forms included
    scales: Mapping[str, int]  # own (English's are read in every language): scale words after a number
    decimal_mark: Literal[".", ","]  # the decimal separator; the other groups thousands
    one_words: frozenset[str]  # shared: "one"/"a" words, a figure only when a multiplier follows
    fraction_words: tuple[str, ...]  # shared, regex fragments: fractions after a number word ("two thirds")
    day_dot: bool = True  # "3. Mai": a dot after a day number marks a date (English writes none)
    bare_multipliers: frozenset[str] = field(default=frozenset(), metadata=_optional())  # shared: "mille"
    connector: str | None = field(default=None, metadata=_optional())  # "two hundred and seven"
    connector_after: Literal["multiplier", "tens"] = "tens"  # what the connector may follow
    after_one: frozenset[str] = field(
        default=frozenset(), metadata=_optional()
    )  # shared: "a few", "ein paar"
    million_nouns: frozenset[str] = field(default=frozenset(), metadata=_optional())  # shared: "5m people"
    compound: CompoundNumbers | None = field(default=None, metadata=_optional())
    vigesimal: Vigesimal | None = field(default=None, metadata=_optional())
    ordinal_units: str | None = None  # regex: ordinals of 1–9 that make a run of number words one ordinal
    plural_counted: str = field(default="", metadata=_optional())  # last letters of a counted plural noun
    capitalised_nouns: bool = False  # nouns are capitalised (German): a count after a year is capitalised


@dataclass(frozen=True, slots=True)
class Hedging:
    """Hedges and their interval meaning, vague quantities."""

    before: Mapping[Qualifier, tuple[str, ...]]  # own: hedges before a number, by interval meaning
    after: Mapping[str, tuple[str, ...]]  # shared: "or more" (at_least), "or so" (about) after a number
    vague: Vague | None  # own
    hyphen: Mapping[str, tuple[str, ...]] = field(default_factory=dict, metadata=_optional())  # "200-odd"
    approx_nouns: Mapping[str, int] = field(default_factory=dict, metadata=_optional())  # "une centaine"
    approx_articles: frozenset[str] = field(default=frozenset(), metadata=_optional())  # "une" of the above
    joins_range: frozenset[str] = field(default=frozenset(), metadata=_optional())  # "до" of "с 5 до 10"


@dataclass(frozen=True, slots=True)
class Dates:
    """Months and date forms."""

    months: Mapping[str, int]  # shared: month names and abbreviations (lower case) → month number
    month_pattern: str  # own, regex: the month's written forms, inflections included, beside a day number
    weekdays: tuple[str, ...]  # Monday first, lower case
    date_labels: tuple[str, ...]  # shared, regex fragments: words of a dateline line ("published", "le")
    day_suffixes: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "1st", "1er"
    day_marks: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "1º de mayo" (dates only)
    month_day_year: bool = False  # "March 5, 2024": the month before the day
    date_of: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "3 de mayo de 2024"
    short_months: frozenset[str] = field(default=frozenset(), metadata=_optional())  # ≤3-letter, still months
    year_after: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "2024 г."
    time_before: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "à 14h", "um 9"
    decade_suffixes: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "1990-х"
    clock: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "5 p.m.", "9 Uhr"
    year_before: frozenset[str] = frozenset()  # shared: words before 1900–2100 that make it a year
    not_counted: frozenset[str] = frozenset()  # shared: words after 1900–2100 that are no counted noun
    comparison: tuple[str, ...] = ()  # shared, regex: "since", "than" before a year of comparison
    comparison_fillers: tuple[str, ...] = ()  # shared, regex: "in", "the" between the above and the year


@dataclass(frozen=True, slots=True)
class Units:
    """Unit words, by the unit's symbol (see numbers._UNITS for the units themselves)."""

    words: Mapping[str, tuple[str, ...]]  # shared: unit symbol → its words and abbreviations
    own_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict, metadata=_optional())  # "an"
    own_symbols: Mapping[str, tuple[str, ...]] = field(default_factory=dict, metadata=_optional())  # "h", "C"


@dataclass(frozen=True, slots=True)
class Figures:
    """Words that join two figures into a range, or say a number is not a figure."""

    range_between: tuple[str, ...]  # shared: "between" of "between 5 and 10"
    range_from: tuple[str, ...]  # shared: "from" of "from 5 to 10"
    range_and: tuple[str, ...]  # shared: "and" of "between 5 and 10"
    range_to: tuple[str, ...]  # shared: "to" of "from 5 to 10"
    and_words: tuple[str, ...]  # shared: "and" of "1 hour and 45 minutes", of "twenty and first"
    reference_words: tuple[str, ...]  # shared: "Article 5", "No. 3", "flight 17"
    range_from_rule: Literal["range_verb", "always", "no_change_verb"] = "no_change_verb"
    range_bare_to: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "5 to 10" alone
    range_verbs: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "ranging from"
    change_verbs: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "rose from"
    score_words: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "won 3-1"
    of_words: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "3 millions of euros"
    elided_of: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "d'" of "d'euros"
    ago_after: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "3 years ago"
    ago_before: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "il y a 3 ans"
    minus_words: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "minus 5 °C"
    phone_words: tuple[str, ...] = field(default=(), metadata=_optional())  # shared: "call 555 1234"
    not_counts_after_hyphen: frozenset[str] = field(default=frozenset(), metadata=_optional())  # "5-star"
    ordinal_suffixes: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "5th"
    age_words: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "years old"
    age_stems: tuple[str, ...] = field(default=(), metadata=_optional())  # shared, regex: "29-летний"
    age_before: str | None = field(default=None, metadata=_optional())  # own, regex: "âgé de 29"
    age_have: tuple[tuple[str, ...], str] | None = field(default=None, metadata=_optional())  # "a 29 ans"
    age_after: tuple[str, ...] = field(default=(), metadata=_optional())  # own, regex: "29 Jahre alt"
    decade_plural: str | None = field(default=None, metadata=_optional())  # shared, regex: "the 1990s"
    not_figures: tuple[str, ...] = field(default=(), metadata=_optional())  # own, regex: "3e", "5-й"


@dataclass(frozen=True, slots=True)
class Reporting:
    """Reporting verbs and the window reader's cues (who says a figure, of what, when)."""

    reporting_words: tuple[str, ...]  # shared, regex: "said", "selon": a line that reports is a sentence
    speech_verbs: tuple[str, ...]  # verbs of saying and counting whose subject gives the figure
    claimant_cues: tuple[str, ...] = ()  # window, regex: "according to X"
    claimant_end: tuple[str, ...] = ()  # window: auxiliaries that end a claimant's name
    clause_conjunctions: tuple[str, ...] = ()  # window: "and", "but" opening a clause
    subset_cues: tuple[str, ...] = ()  # window: "of whom", "including"
    partitive: tuple[str, ...] = ()  # window: "among" of "among the freed —"
    earlier_cues: tuple[str, ...] = ()  # window: "previously"
    projection_cues: tuple[str, ...] = ()  # window: "could"
    national_scope: tuple[str, ...] = ()  # window: "nationwide"
    local_prepositions: tuple[str, ...] = ()  # window: "in" before a place's name
    capital_phrases: tuple[str, ...] = ()  # window: "in the capital"
    categories: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # window: category → stems
    # Shared: kind of event → the words for it ("earthquake", "séisme*"; "*" ends a stem): two figures whose
    # sentences name only events of other kinds are of two events. Only words that name one kind of event
    # whatever the context ("strike" is also a walk-out: left out) and name an incident, not the setting of
    # many ("war": a march against it, an exchange during it).
    event_kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Shared: the ordinals 1, 2, 3, … in every form the grammar inflects them to, and the nouns for one of a
    # sequence of occurrences (a round, a phase, a wave, a tranche): "the second quake" and "the first
    # tremor", "the first round" and "the second round" are two events, whatever else they share.
    event_ordinals: tuple[tuple[str, ...], ...] = ()
    event_parts: tuple[str, ...] = ()
    spacy_stop_words: str | None = None  # the spaCy module of the language's stop words (function words)


@dataclass(frozen=True, slots=True)
class Sides:
    """Side and nationality words: whose people a figure counts."""

    side_stems: Mapping[str, tuple[str, ...]]  # window: side → stems of its adjective and people
    state_stems: Mapping[str, tuple[str, ...]]  # window: side → stems of its state's name in every case
    own_stems: tuple[str, ...]  # window: first-person plural possessives ("наших", "nos ")


@dataclass(frozen=True, slots=True)
class PageJunk:
    """Page furniture that clean.py takes out of pasted pages, and the words that tell the language."""

    promo_labels: tuple[str, ...]  # regex: "read more", "lire aussi" at a line start
    promo_glued: tuple[str, ...]  # regex: the same glued after a headline, as written (case-sensitive)
    caption_labels: tuple[str, ...]  # regex: "photo:", "légende:"
    social: tuple[str, ...]  # regex: "share", "subscribe", "реклама"
    stop_words: frozenset[str]  # the commonest function words, to tell the language of a text
    caption_brackets: tuple[str, ...] = field(default=(), metadata=_optional())  # "[Photo …"
    caption_parens: tuple[str, ...] = field(default=(), metadata=_optional())  # "(Photo …"
    letters: str = field(default="", metadata=_optional())  # letters (of the packs') only it uses
    letter_weight: int = 0  # what one of them counts
    rights: tuple[str, ...] = field(default=(), metadata=_optional())  # regex: "all rights reserved"
    joining_words: frozenset[str] = frozenset()  # a line ending in one goes on in the next line
    ui_words: frozenset[str] = field(default=frozenset(), metadata=_optional())  # icon-font junk
    cookie_words: tuple[str, ...] = field(default=(), metadata=_optional())  # regex: cookie notices
    cookie_verbs: tuple[str, ...] = field(default=(), metadata=_optional())  # what a cookie notice asks


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """Everything the pipeline knows of one language, in the same named slots for every language."""

    code: str  # ISO 639-1, the folder's name
    name: str  # in English
    rank: int  # registry order (tie-breaks go to the earlier); a new pack may leave it at 100
    script: Literal["latin", "cyrillic"]
    reader: Literal["parse", "window"]  # English is parsed (extract.py); the others read by window.py
    numerals: Numerals
    hedging: Hedging
    dates: Dates
    units: Units
    figures: Figures
    reporting: Reporting
    sides: Sides
    junk: PageJunk
    lingua_franca: bool = False  # its scale words and month names are read in every language's text
    lemma: Callable[[str], str] = identity  # word → lemma; identity where no lemmatiser is packaged yet
    gaps: Mapping[str, str] = field(default_factory=dict)  # "group.slot" → why it is still empty
