"""Italian: the language pack (slots in bot/pipeline/lang/pack.py).

A thin pack so far: digits, scale words, hedges, months; Italian texts get no number words yet.
"""

from __future__ import annotations

from bot.pipeline.lang.pack import (
    Dates,
    Figures,
    Hedging,
    LanguagePack,
    Numerals,
    PageJunk,
    Reporting,
    Sides,
    Units,
)

_NOT_YET = "not written yet: Italian is read with digits, scales, hedges and months only"

PACK = LanguagePack(
    code="it",
    name="Italian",
    rank=6,
    script="latin",
    reader="window",
    numerals=Numerals(
        words={},
        # The multipliers and the press's abbreviation "mld" (Treccani).
        scales={
            "mila": 10**3,
            "mille": 10**3,
            "milione": 10**6,
            "milioni": 10**6,
            "miliardo": 10**9,
            "miliardi": 10**9,
            "mld": 10**9,
        },
        decimal_mark=",",
        one_words=frozenset(),
        fraction_words=(),
    ),
    hedging=Hedging(
        # The grammar's approximators and comparatives (Treccani: "circa", "quasi", "oltre", "almeno").
        before={
            "about": ("circa", "intorno a", "all'incirca"),
            "nearly": ("quasi",),
            "more_than": ("oltre", "più di"),
            "at_least": ("almeno",),
            "up_to": ("fino a",),
            "fewer_than": ("meno di",),
        },
        after={},
        vague=None,
    ),
    dates=Dates(
        # CLDR's Italian month names, with the abbreviation "set".
        months={
            "gennaio": 1,
            "febbraio": 2,
            "marzo": 3,
            "aprile": 4,
            "maggio": 5,
            "giugno": 6,
            "luglio": 7,
            "agosto": 8,
            "settembre": 9,
            "set": 9,
            "ottobre": 10,
            "novembre": 11,
            "dicembre": 12,
        },
        month_pattern=(
            r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
        ),
        weekdays=(),
        date_labels=(),
        year_before=frozenset({"anno"}),
    ),
    # The units' Italian names.
    units=Units(words={"%": ("per cento",), "USD": ("dollari",)}, own_symbols={"h": ("h",)}),
    figures=Figures(
        range_between=("tra", "fra"),
        range_from=("da",),
        range_and=("e",),
        range_to=(),
        and_words=(),
        reference_words=(),
    ),
    reporting=Reporting(
        reporting_words=(),
        speech_verbs=(),
        # The grammar's ordinals 1–5 in their inflected forms, and the nouns for one of a sequence of
        # occurrences (the language's words for a round, a phase, a stage, a wave, a tranche).
        event_ordinals=(
            ("primo", "prima", "primi", "prime"),
            ("secondo", "seconda", "secondi", "seconde"),
            ("terzo", "terza", "terzi", "terze"),
            ("quarto", "quarta"),
            ("quinto", "quinta"),
        ),
        event_parts=(
            "turno",
            "fase",
            "tappa",
            "ondata",
            "tranche",
        ),
    ),
    sides=Sides(side_stems={}, state_stems={}, own_stems=()),
    junk=PageJunk(
        promo_labels=("leggi anche",),
        promo_glued=(),
        caption_labels=(),
        social=(),
        # The commonest Italian function words (cf. spaCy's it stop words), to tell the language.
        stop_words=frozenset(
            "il lo gli della delle dei che e è non un una per con sono nel alla anche del ha questo".split()
        ),
    ),
    gaps=dict.fromkeys(
        (
            "numerals.words",
            "numerals.ordinal_units",
            "numerals.one_words",
            "numerals.fraction_words",
            "hedging.after",
            "hedging.vague",
            "dates.weekdays",
            "dates.date_labels",
            "dates.not_counted",
            "dates.comparison",
            "dates.comparison_fillers",
            "figures.range_to",
            "figures.and_words",
            "figures.reference_words",
            "reporting.reporting_words",
            "reporting.speech_verbs",
            "reporting.claimant_cues",
            "reporting.claimant_end",
            "reporting.clause_conjunctions",
            "reporting.subset_cues",
            "reporting.partitive",
            "reporting.earlier_cues",
            "reporting.projection_cues",
            "reporting.national_scope",
            "reporting.local_prepositions",
            "reporting.capital_phrases",
            "reporting.categories",
            "reporting.event_kinds",
            "reporting.spacy_stop_words",
            "sides.side_stems",
            "sides.state_stems",
            "sides.own_stems",
            "junk.promo_glued",
            "junk.caption_labels",
            "junk.social",
            "junk.joining_words",
        ),
        _NOT_YET,
    ),
)
