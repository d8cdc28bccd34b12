"""Portuguese: the language pack (slots in bot/pipeline/lang/pack.py).

A thin pack so far: digits, scale words, hedges, months; Portuguese texts get no number words yet.
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

_NOT_YET = "not written yet: Portuguese is read with digits, scales, hedges and months only"

PACK = LanguagePack(
    code="pt",
    name="Portuguese",
    rank=7,
    script="latin",
    reader="window",
    numerals=Numerals(
        words={},
        # The multipliers (Brazilian short scale: "bilhão" 10⁹), with and without the tilde.
        scales={
            "mil": 10**3,
            "milhão": 10**6,
            "milhões": 10**6,
            "milhao": 10**6,
            "milhoes": 10**6,
            "bilhão": 10**9,
            "bilhões": 10**9,
        },
        decimal_mark=",",
        one_words=frozenset(),
        fraction_words=(),
        plural_counted="sx",
    ),
    hedging=Hedging(
        # The grammar's approximators and comparatives ("cerca de", "quase", "mais de", "pelo menos").
        before={
            "about": ("cerca de", "aproximadamente", "por volta de"),
            "nearly": ("quase",),
            "more_than": ("mais de",),
            "at_least": ("pelo menos", "no mínimo"),
            "up_to": ("até",),
            "fewer_than": ("menos de",),
        },
        after={},
        vague=None,
    ),
    dates=Dates(
        # CLDR's Portuguese month names, with the abbreviations "set" and "out".
        months={
            "janeiro": 1,
            "fevereiro": 2,
            "março": 3,
            "abril": 4,
            "maio": 5,
            "junho": 6,
            "julho": 7,
            "agosto": 8,
            "setembro": 9,
            "set": 9,
            "outubro": 10,
            "out": 10,
            "novembro": 11,
            "dezembro": 12,
        },
        month_pattern=(
            r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
        ),
        weekdays=(),
        date_labels=(),
        date_of=("de",),
        day_marks=("º",),
    ),
    # The units' Portuguese names.
    units=Units(
        words={"d": ("dias",), "%": ("por cento",)}, own_words={"mo": ("mes",)}, own_symbols={"h": ("h",)}
    ),
    figures=Figures(
        range_between=("entre",),
        range_from=("de", "da"),
        range_and=("e",),
        range_to=("a", "até"),
        and_words=(),
        reference_words=(),
        change_verbs=(r"passou", r"subiu", r"caiu"),
        ago_before=("há",),
        ordinal_suffixes=(r"\d*\s?[ºª]|\d*\.[ºª]",),
    ),
    reporting=Reporting(
        reporting_words=(),
        speech_verbs=(),
        # The grammar's ordinals 1–5 in their inflected forms, and the nouns for one of a sequence of
        # occurrences (the language's words for a round, a phase, a stage, a wave, a tranche).
        event_ordinals=(
            ("primeiro", "primeira", "primeiros", "primeiras"),
            ("segundo", "segunda", "segundos", "segundas"),
            ("terceiro", "terceira"),
            ("quarto", "quarta"),
            ("quinto", "quinta"),
        ),
        event_parts=(
            "turno",
            "fase",
            "etapa",
            "onda",
            "parcela",
        ),
    ),
    sides=Sides(side_stems={}, state_stems={}, own_stems=()),
    junk=PageJunk(
        promo_labels=("leia também", "leia mais", "veja também"),
        promo_glued=(),
        caption_labels=(),
        caption_brackets=("imagem",),
        social=(),
        # The commonest Portuguese function words (cf. spaCy's pt stop words), to tell the language.
        stop_words=frozenset(
            "o os as do da dos das e é não um uma em para com que no na pelo pela foi mais".split()
        ),
        letters="ãõ",
        letter_weight=3,
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
            "dates.year_before",
            "dates.not_counted",
            "dates.comparison",
            "dates.comparison_fillers",
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
