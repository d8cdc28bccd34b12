"""French: the language pack (slots in bot/pipeline/lang/pack.py)."""

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
    Vigesimal,
    number_words,
)

PACK = LanguagePack(
    code="fr",
    name="French",
    rank=1,
    script="latin",
    reader="window",
    numerals=Numerals(
        # French cardinal numerals from its grammar (Grevisse, Le Bon Usage, "les numéraux"), with the
        # Belgian and Swiss septante, huitante, octante, nonante.
        words=number_words(
            additive="un=1 une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 "
            "douze=12 treize=13 quatorze=14 quinze=15 seize=16 vingt=20 vingts=20 trente=30 quarante=40 "
            "cinquante=50 soixante=60 septante=70 huitante=80 octante=80 nonante=90",
            hundred="cent=100 cents=100",
            scale="mille=1000 million=1000000 millions=1000000 milliard=1000000000 milliards=1000000000",
        ),
        # The long-scale multipliers and the press's abbreviations ("md", "mds", "Mrd").
        scales={
            "mille": 10**3,
            "milliard": 10**9,
            "milliards": 10**9,
            "md": 10**9,
            "mds": 10**9,
            "mrd": 10**9,
        },
        decimal_mark=",",
        one_words=frozenset("un une".split()),
        fraction_words=("tiers", "quarts", "cinquièmes"),  # the grammar's fraction nouns
        bare_multipliers=frozenset("cent cents mille".split()),  # "mille morts": no "un" before them
        connector="et",  # "vingt et un"
        vigesimal=Vigesimal(
            tens=frozenset({60.0, 80.0}), four="quatre", twenty=frozenset({"vingt", "vingts"})
        ),
        ordinal_units=r"\w*ième|premi(?:er|ère)",  # "vingt et unième"; "vingt premiers jours" are twenty
        plural_counted="sx",  # "2000 morts" but "le budget 2024 prévoit": counted nouns are plural
    ),
    hedging=Hedging(
        # The grammar's approximators and comparative determiners (Grevisse: "environ", "près de",
        # "plus de", "au moins", "jusqu'à"), by the interval each allows.
        before={
            "about": (
                "environ",
                "quelque",
                "autour de",
                "aux alentours de",
                "approximativement",
                "à peu près",
                "quelque chose comme",
                "estimé à",
                "estimée à",
                "estimés à",
                "estimées à",
            ),
            "nearly": ("près de", "près d'", "près d’", "presque", "pas loin de", "quasiment"),
            "more_than": ("plus de", "plus d'", "plus d’", "au-delà de", "au moins plus de"),
            "at_least": ("au moins", "au minimum", "pas moins de", "un minimum de"),
            "up_to": ("jusqu'à", "jusqu’à", "au maximum", "au plus", "pas plus de"),
            "fewer_than": ("moins de", "moins d'", "moins d’"),
        },
        after={"at_least": ("ou plus", "et plus")},
        # Collective numeral nouns in -aine and "millier" (Grevisse): "des centaines de", "une centaine".
        vague=Vague(
            modifiers={
                "plusieurs": "several",
                "quelques": "few",
                "des": "plain",
                "de nombreux": "plain",
                "de nombreuses": "plain",
            },
            bases={
                "dizaines": 10,
                "douzaines": 12,
                "centaines": 100,
                "milliers": 1000,
                "millions": 10**6,
                "milliards": 10**9,
            },
            of_word=r"(?:de\s+|d['’]\s*)",
            of_bases=("milliers", "millions", "milliards"),
            indefinite=frozenset({"des"}),
        ),
        approx_nouns={
            "dizaine": 10,
            "douzaine": 12,
            "quinzaine": 15,
            "vingtaine": 20,
            "trentaine": 30,
            "quarantaine": 40,
            "cinquantaine": 50,
            "soixantaine": 60,
            "centaine": 100,
            "millier": 1000,
        },
        approx_articles=frozenset({"un", "une"}),
    ),
    dates=Dates(
        # CLDR's French month names (wide and abbreviated), with the unaccented spellings of plain text.
        months={
            "janvier": 1,
            "janv": 1,
            "février": 2,
            "fevrier": 2,
            "févr": 2,
            "fevr": 2,
            "mars": 3,
            "avril": 4,
            "avr": 4,
            "mai": 5,
            "juin": 6,
            "juillet": 7,
            "juil": 7,
            "août": 8,
            "aout": 8,
            "septembre": 9,
            "sept": 9,
            "octobre": 10,
            "oct": 10,
            "novembre": 11,
            "nov": 11,
            "décembre": 12,
            "déc": 12,
        },
        month_pattern=(
            r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
            r"|décembre|decembre|janv|févr|fév|avr|juil|sept|oct|nov|déc"
        ),
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),  # CLDR
        date_labels=("le", "publié", "mis à jour", "heures?"),  # a French site's dateline words
        day_suffixes=("er",),  # "1er mai"
        short_months=frozenset({"mai"}),
        clock=(r"\d?h\d{2}\b",),  # "21h15"
        time_before=(r"à\s+",),
        year_before=frozenset("en depuis dès année an".split()),
        not_counted=frozenset(
            """puis mais dans sous vers sans tous plus très nous vous ses ces leurs alors aussi après le la
            les l un une des du de et ou à au aux en dans pour par sur avec est était sont ont qui que ce
            cette il elle ils""".split()
        ),
        comparison=("depuis", "que"),
        comparison_fillers=("en", "la", "le", "l'année"),
    ),
    units=Units(
        # The units' French names (the SI brochure's French edition; ISO 4217's French names).
        words={
            "m": ("mètres", "mètre"),
            "km": ("kilomètres", "kilomètre"),
            "cm": ("centimètres",),
            "mm": ("millimètres",),
            "nmi": ("milles nautiques",),
            "s": ("secondes", "seconde"),
            "min": ("minutes", "minute"),
            "h": ("heures", "heure"),
            "d": ("jours", "jour"),
            "wk": ("semaines", "semaine"),
            "mo": ("mois",),
            "yr": ("ans", "années", "année"),
            "%": ("pour cent",),
            "pp": ("points de pourcentage", "point de pourcentage"),
            "°C": ("degrés Celsius",),
            "km²": ("kilomètres carrés",),
            "m²": ("mètres carrés",),
            "kn": ("nœuds",),
            "bbl": ("barils",),
            "bpd": ("barils par jour",),
            "GBP": ("livres sterling",),
            "CHF": ("francs suisses",),
        },
        own_words={"yr": ("an",)},  # "un an": only in French is "an" a year
    ),
    figures=Figures(
        range_between=("entre",),
        range_from=("de", "d'", "d’", "du"),
        range_and=("et",),
        range_to=("à",),
        range_bare_to=("à",),
        and_words=("et",),
        reference_words=("alinéa",),
        # Participles of the verbs of change of amount, in the passé composé of news.
        change_verbs=(
            r"passée?s?",
            r"augmentée?s?",
            r"grimpée?s?",
            r"chutée?s?",
            r"baissée?s?",
            r"diminuée?s?",
            r"reculée?s?",
            r"progressée?s?",
            r"bondi",
            r"relevée?s?",
            r"révisée?s?",
            r"abaissée?s?",
            r"portée?s?",
            r"montée?s?",
            r"tombée?s?",
        ),
        of_words=("de",),
        elided_of=("d",),
        ago_before=("il y a",),
        minus_words=("moins",),
        age_before=r"âgée?s?\s+de",  # "âgé de 29 ans"
        age_have=(("a", "avait", "avaient", "ont", "aura", "avoir", "ai", "as"), r"ans"),  # "il a 29 ans"
        # Ordinal suffixes ("3e", "1re", "2ème") and clock times ("14 h 30"), from the grammar and the
        # Imprimerie nationale's typographic rules.
        not_figures=(r"\d*(?:er|re|ère|ème|eme|e|es|èmes)\b", r"\d?\s?h(?:\s?\d{2})?(?![^\W\d_])"),
    ),
    reporting=Reporting(
        # Kinds of event (as the English pack) and their nouns in French, singular and plural (the Trésor
        # de la langue française's senses of each; "feu" left out: "cessez-le-feu").
        event_kinds={
            "quake": ("séisme*", "tremblement*", "tsunami*", "réplique*"),
            "weather": (
                "inondation*",
                "crue*",
                "tempête*",
                "ouragan*",
                "cyclone*",
                "typhon*",
                "tornade*",
                "glissement*",
            ),
            "fire": ("incendie*", "feux de forêt"),
            "eruption": ("éruption*",),
            "violence": (
                "bataille*",
                "attaque*",
                "frappe*",
                "bombardement*",
                "attentat*",
                "explosion*",
                "fusillade*",
            ),
            "accident": ("accident*", "collision*", "déraillement*", "naufrage*"),
            "collapse": ("effondrement*", "bousculade*"),
            "protest": ("manifestation*", "marche", "marches", "rassemblement*", "émeute*", "protestation*"),
            "election": ("élection*", "référendum*", "scrutin*"),
            "epidemic": ("épidémie*", "pandémie*"),
            "exchange": ("échange*",),
        },
        # The grammar's ordinals 1–5 in their inflected forms, and the nouns for one of a sequence of
        # occurrences (the language's words for a round, a phase, a stage, a wave, a tranche).
        event_ordinals=(
            ("premier", "première", "premiers", "premières"),
            ("second", "seconde", "deuxième", "deuxièmes"),
            ("troisième", "troisièmes"),
            ("quatrième",),
            ("cinquième",),
        ),
        event_parts=(
            "tour",
            "phase",
            "étape",
            "vague",
            "tranche",
        ),
        reporting_words=("a déclaré", "selon", "a annoncé"),
        # Verbs of saying and of counting (Levin's "say" and "register" classes), French news forms.
        speech_verbs=(
            "revendique",
            "revendiquent",
            "annonce",
            "annoncent",
            "a annoncé",
            "ont annoncé",
            "affirme",
            "affirment",
            "déclare",
            "estime",
            "estiment",
            "indique",
            "a indiqué",
            "recense",
            "recensent",
            "a recensé",
            "compte",
            "comptent",
            "a compté",
            "ont compté",
            "en ont compté",
            "évoque",
            "évoquent",
            "dénombre",
            "ont dénombré",
        ),
        claimant_cues=("selon", "d'après", "d’après"),
        claimant_end=("ont", "sont", "était", "étaient", "avaient"),  # auxiliaries and copulas
        clause_conjunctions=("et", "mais"),
        subset_cues=("dont", "parmi eux"),
        partitive=("parmi",),
        earlier_cues=("précédent", "auparavant", "initialement", "avaient"),
        projection_cues=("pourrait", "pourraient"),
        national_scope=("dans toute la", "dans tout le", "en france", "dans le pays"),
        local_prepositions=("à", "en"),
        capital_phrases=("dans la capitale",),
        # General news vocabulary of each category, as word stems.
        categories={
            "injured": ("blessé",),
            "missing": ("disparu",),
            "arrested": ("interpell", "arrêté", "garde à vue"),
            "killed": ("mort", "tué", "décès", "décéd", "victime"),
            "released": ("libéré", "échang"),
            "participants": ("manifest", "cortège", "défilé"),
            "deployed": ("mobilisé", "déployé"),
        },
        spacy_stop_words="spacy.lang.fr.stop_words",
    ),
    # First-person plural possessive determiners (the grammar's closed class).
    sides=Sides(side_stems={}, state_stems={}, own_stems=("nos ", "notre ")),
    junk=PageJunk(
        promo_labels=(
            "à lire aussi",
            "a lire aussi",
            "lire aussi",
            "à voir aussi",
            "voir aussi",
            "sur le même sujet",
            "lire la suite",
        ),
        promo_glued=("À LIRE AUSSI", "À lire aussi", "Lire aussi"),
        caption_labels=("légende", "crédit photo"),
        social=("abonnez-vous", "suivez-nous", r"partager(?:\s*[:!]|$)", "publicité$"),
        rights=("tous droits réservés",),
        # The commonest French function words (cf. spaCy's fr stop words).
        stop_words=frozenset(
            "le la les des du et est une un dans pour qui que sur au aux pas ont été par avec ce cette sont "
            "selon plus mais il elle ils nous".split()
        ),
        letters="çèêœ",
        letter_weight=2,
        joining_words=frozenset("de la le les des du et à en au aux".split()),
    ),
    gaps={
        "sides.side_stems": "not written yet: the sides' stems are Russian and Ukrainian so far",
        "sides.state_stems": "not written yet: the sides' stems are Russian and Ukrainian so far",
    },
)
