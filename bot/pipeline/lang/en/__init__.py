"""English: the language pack (slots in bot/pipeline/lang/pack.py).

English is read on spaCy's parse (extract.py), whose cue lemmas stay in lexicon.py; this pack holds what the
number reader, the page cleaner and the date reader need, and English's share of the words every language's
texts are read with (wire copy mixes English units, scales and abbreviations into every language).
"""

from __future__ import annotations

from bot.pipeline import lexicon
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
    Vague,
    number_words,
)

_WINDOW = "English is read on its parse (extract.py), with lexicon.py's cue lemmas, not by the window reader"

PACK = LanguagePack(
    code="en",
    name="English",
    rank=0,
    script="latin",
    reader="parse",
    lingua_franca=True,  # wire copy and headlines carry English scales and month names into every language
    numerals=Numerals(
        # English cardinal numerals from its grammar (units, teens, tens; "hundred"; the short-scale
        # multipliers; "dozen"; the article of "a hundred").
        words=number_words(
            additive="zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
            "eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 "
            "nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90",
            hundred="hundred=100",
            scale="thousand=1000 million=1000000 billion=1000000000 trillion=1000000000000",
            dozen="dozen=12",
            article="a=1 an=1",
        ),
        # The short-scale multipliers and the abbreviations of financial style guides (Reuters, AP:
        # "k", "mn", "bn", "tn"), with the Indian English lakh and crore (Oxford English Dictionary).
        # Read after a number in every language's text.
        scales={
            "thousand": 10**3,
            "thousands": 10**3,
            "million": 10**6,
            "millions": 10**6,
            "billion": 10**9,
            "billions": 10**9,
            "trillion": 10**12,
            "trillions": 10**12,
            "k": 10**3,
            "mn": 10**6,
            "mln": 10**6,
            "bn": 10**9,
            "tn": 10**12,
            "trn": 10**12,
            "tln": 10**12,
            "lakh": 10**5,
            "lakhs": 10**5,
            "crore": 10**7,
            "crores": 10**7,
        },
        decimal_mark=".",
        day_dot=False,  # "rose to 12. May officials said" ends a sentence on a figure
        one_words=frozenset("one a an".split()),  # the numeral and the indefinite article
        # Fraction nouns (the grammar's ordinals used as denominators), singular and plural.
        fraction_words=(
            "thirds?",
            "quarters?",
            "fifths?",
            "sixths?",
            "sevenths?",
            "eighths?",
            "ninths?",
            "tenths?",
            "halves",
        ),
        connector="and",  # "two hundred and seven": British and Commonwealth usage, after a multiplier
        connector_after="multiplier",
        after_one=frozenset("few couple million".split()),  # "a few thousand", "a couple hundred"
        # Count nouns of people and things that news counts in millions ("5m people"): general news
        # vocabulary of audiences and populations.
        million_nouns=frozenset(
            "people residents users viewers voters customers subscribers children refugees households homes "
            "jobs doses visitors followers copies downloads cases passengers workers students patients "
            "tourists migrants citizens pensioners troops soldiers inhabitants members listeners "
            "readers".split()
        ),
        ordinal_units="first|second|third|fourth|fifth|sixth|seventh|eighth|ninth",  # the grammar's ordinals
    ),
    hedging=Hedging(
        # Approximators and comparative quantifiers of English grammar (CGEL ch. 5 "approximation";
        # style guides' "some", "an estimated"), by the interval each allows.
        before={
            "about": (
                "about",
                "around",
                "some",
                "roughly",
                "approximately",
                "approx.",
                "an estimated",
                "estimated",
                "an approximate",
                "circa",
                "ca.",
                "c.",
                "in the region of",
                "on the order of",
                "somewhere around",
                "estimated at",
                "put at",
            ),
            "nearly": (
                "nearly",
                "almost",
                "close to",
                "just under",
                "just below",
                "just shy of",
                "shy of",
                "approaching",
                "nigh on",
                "not quite",
            ),
            "more_than": (
                "more than",
                "over",
                "above",
                "upwards of",
                "exceeding",
                "in excess of",
                "greater than",
                "just over",
                "well over",
                "north of",
                "more then",
            ),
            "at_least": (
                "at least",
                "no fewer than",
                "no less than",
                "a minimum of",
                "not less than",
                "not fewer than",
            ),
            "up_to": (
                "up to",
                "as many as",
                "as much as",
                "a maximum of",
                "at most",
                "no more than",
                "not more than",
            ),
            "fewer_than": ("fewer than", "less than", "under", "below"),
        },
        after={"at_least": ("or more",), "about": ("or so",)},  # postposed hedges of the grammar
        hyphen={"at_least": ("plus",), "about": ("odd",)},  # "200-plus", "40-odd" (OED)
        # Plural numeral nouns as vague quantities (CGEL: "tens of thousands", "a few hundred").
        vague=Vague(
            modifiers={"several": "several", "a few": "few", "a couple of": "few"},
            bases={
                "tens": 10,
                "dozens": 12,
                "hundreds": 100,
                "thousands": 1000,
                "millions": 10**6,
                "billions": 10**9,
                "dozen": 12,
                "hundred": 100,
                "thousand": 1000,
                "million": 10**6,
                "billion": 10**9,
            },
            of_word=r"of\s+",
            of_bases=("thousands", "millions", "billions"),
            singular=frozenset("dozen hundred thousand million billion".split()),
            needs_of={"tens": " of"},
        ),
    ),
    dates=Dates(
        # Month names and abbreviations: CLDR's English (wide and abbreviated), with "Sept".
        months={
            "january": 1,
            "jan": 1,
            "february": 2,
            "feb": 2,
            "march": 3,
            "mar": 3,
            "april": 4,
            "apr": 4,
            "may": 5,
            "june": 6,
            "jun": 6,
            "july": 7,
            "jul": 7,
            "august": 8,
            "aug": 8,
            "september": 9,
            "sep": 9,
            "sept": 9,
            "october": 10,
            "oct": 10,
            "november": 11,
            "nov": 11,
            "december": 12,
            "dec": 12,
        },
        # Capitalised or in capitals ("JAN. 20" in a dateline), never lower case: "may" and "march" are
        # verbs. Case-sensitive, and read beside numbers in every language's text.
        month_pattern=(
            r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
            r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
            r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
        ),
        weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),  # CLDR
        # The words of a dateline line (news sites' "Published … Updated …"), time zones, CLDR's
        # abbreviated weekdays.
        date_labels=(
            "published",
            "updated",
            "last updated",
            "posted",
            "date",
            "on",
            "at",
            "hrs",
            "local time",
            "utc",
            "gmt",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
        ),
        day_suffixes=("st", "nd", "rd", "th"),  # the ordinal suffixes of a day ("March 1st")
        month_day_year=True,  # "March 5, 2024" (CLDR's en-US medium date)
        short_months=frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split()),
        time_before=(r"at\s+",),
        clock=(r"\d?(?:[:.]\d{2})?\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)", r"\d?\s+o['’]clock\b"),
        # Prepositions and time nouns before a year, English's function words and common nouns after
        # it (a year followed by one is no count): the grammar's closed classes.
        year_before=frozenset(
            "in since during until till by from through before after early late mid year".split()
        ),
        not_counted=frozenset(
            """a an the and or but nor to of in on at for with by as from into onto was were is are be been
            being has had have will would could should can may might must when where while that this these
            those which who whom after before since until till during through than per saw marked alone
            onwards onward it its he she they we you i there here level levels figure figures budget
            election elections census season summit report data survey estimate estimates edition games
            olympics war law campaign plan plans deadline target targets peak record high low average total
            so too also not did does do vote polls poll presidential nothing everything something anything
            none no all both each every many more most only just even still yet then now however though
            although because if once again ever never already brought proved showed marks sees brings looks
            proves begins ends general world cup""".split()
        ),
        comparison=("since", "than", "compared", "versus", r"vs\.?"),  # prepositions of comparison
        comparison_fillers=("in", "with", "to", "the"),
    ),
    units=Units(
        # The units' English names and abbreviations (the SI brochure's names, US customary units, the
        # ISO 4217 currency names), read in every language's text.
        words={
            "m": ("metres", "meters", "metre", "meter"),
            "km": ("kilometres", "kilometers", "kilometre", "kilometer", "km"),
            "cm": ("centimetres", "centimeters"),
            "mm": ("millimetres", "millimeters"),
            "ft": ("feet", "foot", "ft"),
            "mi": ("miles", "mile"),
            "yd": ("yards", "yard", "yds", "yd"),
            "in": ("inches", "inch"),
            "nmi": ("nautical miles", "nautical mile", "nmi"),
            "kg": ("kilograms", "kilogrammes", "kilogram", "kilogramme", "kilos", "kg"),
            "g": ("grams", "grammes", "gramme", "gram"),
            "t": ("tonnes", "tonne", "tons", "ton", "metric tons", "metric tonnes"),
            "lb": ("pounds", "pound", "lbs", "lb"),
            "oz": ("ounces", "ounce", "oz"),
            "s": ("seconds", "second", "secs", "sec"),
            "min": ("minutes", "minute", "mins", "min"),
            "h": ("hours", "hour", "hrs", "hr"),
            "d": ("days", "day"),
            "wk": ("weeks", "week"),
            "mo": ("months", "month"),
            "yr": ("years", "year", "yrs"),
            "%": ("percent", "per cent", "pct"),
            "pp": ("percentage points", "percentage point"),
            "°C": ("degrees Celsius", "degree Celsius", "degrees centigrade", "degrees C"),
            "°F": ("degrees Fahrenheit", "degree Fahrenheit", "degrees F"),
            "km²": (
                "square kilometres",
                "square kilometers",
                "square kilometre",
                "square kilometer",
                "sq km",
                "sq. km",
                "km²",
                "km2",
            ),
            "m²": ("square metres", "square meters", "sq m"),
            "ha": ("hectares", "hectare"),
            "acre": ("acres", "acre"),
            "mi²": ("square miles", "square mile", "sq mi", "sq miles"),
            "km/h": ("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour"),
            "mph": ("mph", "miles per hour", "miles an hour"),
            "kn": ("knots", "knot"),
            "m/s": ("metres per second", "meters per second"),
            "kW": ("kilowatts", "kilowatt"),
            "MW": ("megawatts", "megawatt"),
            "GW": ("gigawatts", "gigawatt"),
            "kWh": ("kilowatt-hours", "kilowatt hours"),
            "MWh": ("megawatt-hours", "megawatt hours"),
            "GWh": ("gigawatt-hours", "gigawatt hours"),
            "TWh": ("terawatt-hours", "terawatt hours"),
            "l": ("litres", "liters", "litre", "liter"),
            "gal": ("US gallons", "gallons", "gallon", "gal"),
            "m³": ("cubic metres", "cubic meters"),
            "bcm": ("bcm",),
            "bbl": ("barrels", "barrel", "bbl"),
            "bpd": (
                "barrels a day",
                "barrels per day",
                "barrels of oil a day",
                "barrels of oil per day",
                "bpd",
                "b/d",
            ),
            "USD": ("dollars", "dollar", "US dollars", "U.S. dollars"),
            "EUR": ("euros", "euro"),
            "GBP": ("pounds sterling", "sterling"),
            "RUB": ("rubles", "ruble", "roubles", "rouble"),
            "UAH": ("hryvnias", "hryvnia", "hryvnas", "hryvna"),
            "CNY": ("yuan",),
            "JPY": ("yen",),
            "INR": ("rupees",),
            "CHF": ("Swiss francs",),
        },
        own_symbols={"h": ("h",), "°C": ("C",)},  # "5 h", "1.5C": case-sensitive, in English texts only
    ),
    figures=Figures(
        # Prepositions and conjunctions of ranges (the grammar's "between … and", "from … to").
        range_between=("between",),
        range_from=("from",),
        range_from_rule="range_verb",  # "rose from 40 to 90" is two figures, "ranging from" one range
        range_and=("and",),
        range_to=("to",),
        range_bare_to=("to",),
        and_words=("and",),
        # Nouns and abbreviations that number a reference (style guides' abbreviations: "No.", "p.").
        reference_words=(
            "article",
            "art.",
            "arts.",
            "section",
            "sec.",
            "paragraph",
            "para.",
            "chapter",
            "clause",
            "no.",
            "nos.",
            "resolution",
            "flight",
            "route",
            "highway",
            "page",
            "p.",
            "pp.",
            "vol.",
            "item",
            "room",
            "gate",
            "platform",
        ),
        # Verbs of extent (Levin §47.8 "verbs of contiguous location": range, run, vary, span) and of
        # estimating; verbs of change of amount (Levin §45.6 "calibratable change of state").
        range_verbs=(
            r"ranges?",
            r"ranging",
            r"ranged",
            r"runs?",
            r"running",
            r"var(?:y|ies|ying|ied)",
            r"estimated(?:\s+at)?",
            r"estimates?",
            r"put\s+at",
            r"anywhere",
            r"spans?",
            r"spanning",
            r"span",
            r"anything",
        ),
        change_verbs=(
            r"rose",
            r"rise[sn]?",
            r"rising",
            r"fell",
            r"falls?",
            r"fallen",
            r"falling",
            r"raised?",
            r"raising",
            r"increased?",
            r"increasing",
            r"climbed?",
            r"climbing",
            r"revised",
            r"revising",
            r"jumped?",
            r"jumping",
            r"dropped",
            r"drops?",
            r"dropping",
            r"cut",
            r"cuts",
            r"cutting",
            r"grew",
            r"grow",
            r"grown",
            r"growing",
            r"soared",
            r"surged",
            r"declined?",
            r"decreased?",
            r"slipped",
            r"slumped",
            r"plunged",
            r"went",
            r"gone",
            r"upped",
            r"lowered",
        ),
        # Sports reporting's words of a result ("won 3-1"), to tell a score from a range.
        score_words=(
            r"score[sd]?",
            r"won",
            r"wins?",
            r"beat",
            r"beats",
            r"beaten",
            r"defeat(?:ed|s)?",
            r"victory",
            r"lost",
            r"loses",
            r"draw",
            r"drew",
            r"match",
            r"game",
            r"goals?",
            r"final",
            r"lead",
            r"led",
            r"voted?",
            r"votes",
            r"ruling",
            r"sets?",
            r"points",
        ),
        of_words=("of",),
        ago_after=("ago",),
        minus_words=("minus",),
        # Nouns after a hyphen that make a compound adjective of a number, not a count ("5-star", "two-way").
        not_counts_after_hyphen=frozenset(
            "star stars way sided state party time times fold dimensional d wheel stroke speed bedroom door "
            "seater".split()
        ),
        phone_words=(
            "call",
            "phone",
            "tel",
            "tel.",
            "tel:",
            "telephone",
            "hotline",
            "helpline",
            "fax",
            "dial",
        ),
        ordinal_suffixes=(r"\d*(?i:st|nd|rd|th)\b",),
        age_words=(r"(?:[-‐ ]+(?i:years?|yrs?|months?|weeks?|days?))[-‐ ]+(?i:old)",),  # "29-year-old"
        decade_plural=r"(?:\d{3}|\d)['’]?s\b",  # "the 1990s", "the '90s"
    ),
    reporting=Reporting(
        # Kinds of event and their nouns in news English (WordNet's synsets of natural disasters, armed
        # conflict, accidents and collective action; one kind where one causes the other in the same story:
        # a storm's floods, a quake's tsunami).
        event_kinds={
            "quake": ("earthquake*", "quake*", "aftershock*", "tremor*", "tsunami*"),
            "weather": (
                "flood*",
                "storm",
                "storms",
                "hurricane*",
                "cyclone*",
                "typhoon*",
                "tornado*",
                "landslide*",
                "mudslide*",
                "downpour*",
                "blizzard*",
            ),
            "fire": ("fire", "fires", "wildfire*", "blaze", "blazes", "bushfire*"),
            "eruption": ("eruption*", "volcano*"),
            "violence": (
                "battle",
                "battles",
                "attack",
                "attacks",
                "airstrike*",
                "shelling",
                "bombardment*",
                "bombing*",
                "shooting",
                "shootings",
                "explosion*",
                "blast",
                "blasts",
                "massacre*",
            ),
            "accident": ("crash", "crashes", "collision*", "derailment*", "shipwreck*", "capsized"),
            "collapse": ("collapse*", "stampede*"),
            "protest": ("protest*", "march", "marches", "rally", "rallies", "demonstration*", "riot*"),
            "election": ("election*", "referendum*", "runoff*"),
            "epidemic": ("outbreak*", "epidemic*", "pandemic*"),
            "famine": ("famine*", "drought*"),
            "heat": ("heatwave*",),
            "exchange": ("swap", "swaps", "prisoner exchange*"),
        },
        # The grammar's ordinals 1–5 in their inflected forms, and the nouns for one of a sequence of
        # occurrences (the language's words for a round, a phase, a stage, a wave, a tranche).
        event_ordinals=(
            ("first", "1st"),
            ("second", "2nd"),
            ("third", "3rd"),
            ("fourth", "4th"),
            ("fifth", "5th"),
        ),
        event_parts=(
            "round",
            "rounds",
            "phase",
            "stage",
            "wave",
            "tranche",
            "batch",
        ),
        reporting_words=("said", "says", "told", "according", "reported", "announced", "confirmed"),
        speech_verbs=tuple(sorted(lexicon.SPEECH_VERBS)),  # Levin's verbs of communication (lexicon.py)
        subset_cues=tuple(sorted(lexicon.SUBSET_CUES)),
        earlier_cues=tuple(sorted(lexicon.EARLIER_CUES)),
        projection_cues=tuple(sorted(lexicon.PROJECTION_CUES)),
        national_scope=tuple(sorted(lexicon.NATIONWIDE_CUES)),
        categories=lexicon.CATEGORIES,
        spacy_stop_words="spacy.lang.en.stop_words",
    ),
    sides=Sides(side_stems={}, state_stems={}, own_stems=tuple(sorted(lexicon.OWN_POSSESSIVES))),
    junk=PageJunk(
        # News sites' labels of promos, captions, share and subscribe prompts (page furniture, not text).
        promo_labels=(
            "read more",
            "read also",
            "also read",
            "see also",
            "more on this(?: story)?",
            "related(?: coverage| articles?| stories| content| news| reading| links?)?",
            "recommended(?: for you)?",
            "you (?:may|might) also like",
            "most read",
            "most popular",
            "most viewed",
            "trending(?: now| stories)?",
            "top stories",
            "editor'?s picks",
            "watch",
            "listen",
        ),
        promo_glued=("READ MORE", "Read more", "Read also", "See also"),
        caption_labels=(
            "photo caption",
            "caption",
            "photo",
            "photograph",
            "photos",
            "image",
            "picture",
            "pictured",
            "illustration",
            "credit",
            "photo credit",
            "image credit",
        ),
        caption_brackets=("photo", "image"),
        caption_parens=("photo",),
        social=(
            r"share(?:\s*[:!]|\s+(?:this|on|via|before|now|it|with)\b|\s+the\s+(?:story|article|post|page)\b|$)",
            r"follow (?:us|for|our|me|@)",
            r"subscribe(?:\s*[:!]|\s+(?:to|now|for|here|today)\b|$)",
            r"sign (?:up|in)\b",
            r"log in\b",
            r"join (?:us|our)\b",
            r"download (?:the|our) app",
            r"get the app",
            r"click here",
            r"tap here",
            r"advertisement$",
            r"sponsored$",
            r"skip to\b",
        ),
        rights=("all rights reserved",),
        # The commonest English function words (cf. spaCy's en stop words), to tell the language.
        stop_words=frozenset(
            "the and of to in is was that for on with as by at from were have has had said it are be this "
            "which their after who been will not".split()
        ),
        joining_words=frozenset(
            "a an the of to in on at by for with and or but from that than as into".split()
        ),
        # The words of icon fonts' glyph names (Font Awesome, Material Icons) that pasted pages carry.
        ui_words=frozenset(
            "chevron up down left right full sign in out date fm close menu search share play pause mute "
            "next prev previous back top bottom open expand compress".split()
        ),
        cookie_words=(r"cookies?",),
        cookie_verbs=(
            "accept",
            "consent",
            "agree",
            "use",
            "uses",
            "using",
            "policy",
            "settings",
            "preferences",
        ),
    ),
    gaps={
        "reporting.claimant_cues": _WINDOW,
        "reporting.claimant_end": _WINDOW,
        "reporting.clause_conjunctions": _WINDOW,
        "reporting.partitive": _WINDOW,
        "reporting.local_prepositions": _WINDOW,
        "reporting.capital_phrases": _WINDOW,
        "sides.side_stems": "English sides are read from the parse (lexicon.py's camps and groups)",
        "sides.state_stems": "English sides are read from the parse (lexicon.py's camps and groups)",
    },
)
