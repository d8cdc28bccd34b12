"""Spanish: the language pack (slots in bot/pipeline/lang/pack.py)."""

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
    Vague,
    number_words,
)

PACK = LanguagePack(
    code="es",
    name="Spanish",
    rank=2,
    script="latin",
    reader="window",
    numerals=Numerals(
        # Spanish cardinal numerals from the RAE's Nueva gramática (§21, "los numerales cardinales"): the
        # units, teens and tens written as one word up to 29, the hundreds in both genders, with and
        # without the written accent.
        words=number_words(
            additive="un=1 uno=1 una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
            "once=11 doce=12 trece=13 catorce=14 quince=15 dieciséis=16 dieciseis=16 diecisiete=17 "
            "dieciocho=18 diecinueve=19 veinte=20 veintiuno=21 veintiún=21 veintiuna=21 veintidós=22 "
            "veintidos=22 veintitrés=23 veintitres=23 veinticuatro=24 veinticinco=25 veintiséis=26 "
            "veintiseis=26 veintisiete=27 veintiocho=28 veintinueve=29 treinta=30 cuarenta=40 "
            "cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien=100 ciento=100 doscientos=200 "
            "doscientas=200 trescientos=300 trescientas=300 cuatrocientos=400 cuatrocientas=400 "
            "quinientos=500 quinientas=500 seiscientos=600 seiscientas=600 setecientos=700 "
            "setecientas=700 ochocientos=800 ochocientas=800 novecientos=900 novecientas=900",
            scale="mil=1000 millón=1000000 millon=1000000 millones=1000000",
        ),
        # The long-scale multipliers (RAE: "millardo" 10⁹, "billón" 10¹²).
        scales={
            "mil": 10**3,
            "millón": 10**6,
            "millon": 10**6,
            "millones": 10**6,
            "millardo": 10**9,
            "millardos": 10**9,
            "billón": 10**12,
            "billones": 10**12,
        },
        decimal_mark=",",
        one_words=frozenset("un uno una".split()),
        fraction_words=("tercios", "cuartos"),
        bare_multipliers=frozenset({"mil"}),  # "mil muertos"
        connector="y",  # "treinta y dos"
        plural_counted="sx",
    ),
    hedging=Hedging(
        # The grammar's approximators and comparative quantifiers (Nueva gramática §20, §45).
        before={
            "about": ("unos", "unas", "alrededor de", "aproximadamente", "en torno a", "cerca de unos"),
            "nearly": ("casi", "cerca de", "prácticamente"),
            "more_than": ("más de", "por encima de", "superior a"),
            "at_least": ("al menos", "por lo menos", "como mínimo"),
            "up_to": ("hasta", "como máximo", "un máximo de"),
            "fewer_than": ("menos de",),
        },
        after={"at_least": ("o más",)},
        # Collective numeral nouns ("decenas", "centenares", "miles de").
        vague=Vague(
            modifiers={
                "varios": "several",
                "varias": "several",
                "algunos": "few",
                "algunas": "few",
                "unos pocos": "few",
                "unas pocas": "few",
                "unos": "few",
                "unas": "few",
            },
            bases={"decenas": 10, "centenares": 100, "cientos": 100, "miles": 1000, "millones": 10**6},
            of_word=r"de\s+",
            of_bases=("miles", "millones"),
            indefinite=frozenset({"unos", "unas"}),
        ),
    ),
    dates=Dates(
        # CLDR's Spanish month names and abbreviations.
        months={
            "enero": 1,
            "ene": 1,
            "febrero": 2,
            "feb": 2,
            "marzo": 3,
            "mar": 3,
            "abril": 4,
            "mayo": 5,
            "junio": 6,
            "jun": 6,
            "julio": 7,
            "jul": 7,
            "agosto": 8,
            "ago": 8,
            "septiembre": 9,
            "setiembre": 9,
            "octubre": 10,
            "oct": 10,
            "noviembre": 11,
            "nov": 11,
            "diciembre": 12,
            "dic": 12,
        },
        month_pattern=(
            r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
            r"|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic"
        ),
        weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),  # CLDR
        date_labels=("publicado", "actualizado", "el"),
        date_of=("de",),  # "3 de mayo de 2024"
        day_marks=("º",),  # "1º de mayo"
        time_before=(r"a las\s+",),
        year_before=frozenset("desde durante año".split()),
        not_counted=frozenset(
            "más pues tras mientras entonces sus nos desde el la los las y o del con por para fue es una lo "
            "al se su".split()
        ),
        comparison=("desde",),
        comparison_fillers=("el", "el año"),
    ),
    units=Units(
        # The units' Spanish names (the SI brochure's Spanish edition; ISO 4217's Spanish names).
        words={
            "m": ("metros",),
            "km": ("kilómetros", "kilómetro"),
            "t": ("toneladas", "tonelada"),
            "s": ("segundos", "segundo"),
            "min": ("minutos", "minuto"),
            "h": ("horas", "hora"),
            "d": ("días", "día"),
            "wk": ("semanas", "semana"),
            "mo": ("meses",),
            "yr": ("años", "año"),
            "%": ("por ciento", "por cien"),
            "pp": ("puntos porcentuales", "punto porcentual"),
            "°C": ("grados centígrados", "grados Celsius"),
            "km²": ("kilómetros cuadrados",),
            "m²": ("metros cuadrados",),
            "ha": ("hectáreas",),
            "l": ("litros",),
            "gal": ("galones", "galón"),
            "USD": ("dólares", "dólar"),
            "RUB": ("rublos",),
        },
        own_words={"mo": ("mes",)},
        own_symbols={"h": ("h",)},
    ),
    figures=Figures(
        range_between=("entre",),
        range_from=("desde", "de"),
        range_and=("y",),
        range_to=("hasta", "a", "al"),
        and_words=("y",),
        reference_words=("artículo", "articulo", "apartado"),
        change_verbs=(
            r"pasó",
            r"aumentó",
            r"subió",
            r"bajó",
            r"cayó",
            r"creció",
            r"descendió",
            r"elevó",
            r"redujo",
            r"aumentaron",
            r"subieron",
            r"cayeron",
            r"bajaron",
        ),
        of_words=("de", "de los", "de las"),
        ago_before=("hace",),
        ordinal_suffixes=(r"\d*\s?[ºª]|\d*\.[ºª]",),  # the ordinal indicators "1º", "2.ª"
        age_before=r"a\s+la\s+edad\s+de",
        age_have=(("tiene", "tenía", "tienen", "tenían", "cumplió", "cumple", "tener"), r"años"),
        age_after=(r"\d*\s+años\s+de\s+edad\b",),
    ),
    reporting=Reporting(
        # Kinds of event (as the English pack) and their nouns in Spanish (the Diccionario de la lengua
        # española's senses; "choque" left out: a clash as well as a crash).
        event_kinds={
            "quake": ("terremoto*", "sismo*", "seísmo*", "tsunami*", "réplica*"),
            "weather": (
                "inundaci*",
                "riada*",
                "tormenta*",
                "huracán*",
                "huracan*",
                "ciclón*",
                "tifón*",
                "tornado*",
                "deslizamiento*",
                "alud*",
            ),
            "fire": ("incendio*",),
            "eruption": ("erupción*", "erupcion*"),
            "violence": (
                "batalla*",
                "ataque*",
                "bombardeo*",
                "atentado*",
                "explosión*",
                "explosion*",
                "tiroteo*",
            ),
            "accident": ("accidente*", "descarrilamiento*", "naufragio*"),
            "collapse": ("derrumbe*", "estampida*"),
            "protest": ("protesta*", "marcha", "marchas", "manifestaci*", "disturbio*"),
            "election": ("elecci*", "referéndum*", "comicios"),
            "epidemic": ("epidemia*", "pandemia*", "brote*"),
            "exchange": ("canje*", "intercambio*"),
        },
        # The grammar's ordinals 1–5 in their inflected forms, and the nouns for one of a sequence of
        # occurrences (the language's words for a round, a phase, a stage, a wave, a tranche).
        event_ordinals=(
            ("primer", "primera", "primero", "primeros", "primeras"),
            ("segundo", "segunda", "segundos", "segundas"),
            ("tercer", "tercera", "tercero", "terceros"),
            ("cuarto", "cuarta"),
            ("quinto", "quinta"),
        ),
        event_parts=(
            "vuelta",
            "fase",
            "etapa",
            "ola",
            "tramo",
        ),
        reporting_words=("dijo", "según", "informó"),
        speech_verbs=(
            "elevan",
            "eleva",
            "afirma",
            "afirman",
            "asegura",
            "aseguran",
            "estima",
            "estiman",
            "cifra",
            "cifran",
            "contabiliza",
            "contabilizan",
            "contabilizaron",
            "calcula",
            "calculan",
        ),
        claimant_cues=("según",),
        claimant_end=("han", "ha", "son", "fueron", "eran", "habían", "había"),
        clause_conjunctions=("y", "pero"),
        subset_cues=("de ellos", "entre ellos"),
        partitive=("entre",),
        earlier_cues=("inicialmente", "anteriormente", "había", "habían"),
        projection_cues=("podría", "podrían"),
        national_scope=("en todo el país", "en toda españa"),
        local_prepositions=("en",),
        capital_phrases=("en la capital",),
        categories={
            "injured": ("herido",),
            "missing": ("desaparecid",),
            "arrested": ("detenid",),
            "killed": ("muert", "fallecid", "víctima"),
            "released": ("liberad", "canje"),
            "participants": ("personas han participado", "participad", "asistente"),
            "deployed": ("desplegad",),
        },
        spacy_stop_words="spacy.lang.es.stop_words",
    ),
    sides=Sides(side_stems={}, state_stems={}, own_stems=("nuestr",)),
    junk=PageJunk(
        promo_labels=(
            "(?:también )?te puede interesar",
            "lee también",
            "lea también",
            "leer más",
            "ver también",
            "noticias relacionadas",
            "más información",
        ),
        promo_glued=("Te puede interesar", "Lee también"),
        caption_labels=("pie de foto", "leyenda"),
        caption_brackets=("foto", "imagen"),
        caption_parens=("foto",),
        social=("suscríbete", "síguenos", r"compartir(?:\s*[:!]|$)", "publicidad$"),
        stop_words=frozenset(
            "el la los las del y es una un en por con que se para al lo como más fue han ha según sus su "
            "pero este esta".split()
        ),
        letters="ñ¿¡",
        letter_weight=3,
        joining_words=frozenset("el los las y del con por".split()),
    ),
    gaps={
        "numerals.ordinal_units": "does not apply: Spanish compound ordinals start with an ordinal of "
        "the tens (vigésimo primero), so no run of cardinals precedes them",
        "sides.side_stems": "not written yet: the sides' stems are Russian and Ukrainian so far",
        "sides.state_stems": "not written yet: the sides' stems are Russian and Ukrainian so far",
        "junk.rights": "not written yet",
    },
)
