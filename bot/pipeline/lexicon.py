"""Word lists the extractor reads figures with: what is counted, who says it, where and when.

General knowledge of news language and of the world (countries, their people and capitals), never words
taken from a particular story. Keys are lower-case lemmas; multi-word cues are matched on lemma sequences.
"""

from __future__ import annotations

# Semantic classes of what is counted: class → cue lemmas (a two-word cue is a verb with its particle or
# object, as types.What.predicate reads it: "take part"). Order matters: the first class whose cue appears
# in the figure's own noun phrase wins; then its verb; then the clause. The words are English's common
# words for each class (WordNet's synonyms of the class's head word: die/perish/kill for "killed",
# participate/take part/join/attend/turn out for "participants", …). A class is one feature of the pair
# decision (pairs.py), never a gate: a figure of no class is compared by its own words.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "age": ("age", "aged"),
    "injured": ("injure", "injured", "wound", "wounded", "hurt", "injury", "casualty_injured"),
    "missing": ("missing", "unaccounted", "disappear", "disappearance", "disappeared"),
    "hospitalised": ("hospital", "hospitalise", "hospitalize", "hospitalised", "hospitalized"),
    "identified": ("identify", "identified", "name"),
    "buried": ("bury", "buried", "burial"),
    "arrested": (
        "arrest",
        "arrested",
        "detain",
        "detained",
        "detention",
        "detainee",
        "interpellation",
        "custody",
        "remand",
    ),
    "killed": (
        "kill",
        "killed",
        "die",
        "dead",
        "death",
        "toll",
        "fatality",
        "perish",
        "martyr",
        "life",
        "victim",
        "bodies_dead",
    ),
    "displaced": ("displace", "displaced", "evacuate", "evacuated", "evacuee", "homeless", "refugee", "flee"),
    "released": (
        "release",
        "released",
        "free",
        "freed",
        "return",
        "returned",
        "home",
        "exchange",
        "swap",
        "repatriate",
        "hand",
    ),
    "aboard": ("aboard", "onboard", "board", "carry", "passenger"),
    "participants": (
        "protester",
        "demonstrator",
        "marcher",
        "march",
        "protest",
        "demonstrate",
        "rally",
        "participant",
        "attend",
        "attendee",
        "attendance",
        "participate",
        "take part",
        "turn out",
        "join",
        "gather",
        "assemble",
        "crowd",
        "street",
        "manifest",
        "strike",
        "striker",
    ),
    "deployed": ("deploy", "deployed", "mobilise", "mobilize", "mobilised", "mobilized", "station"),
    "trips": ("trip", "ride", "rider", "ridership", "journey", "commuter"),
    "structures": ("structure", "building", "house", "home_destroyed", "dwelling"),
    "cases": ("case", "infection", "infect", "test_positive"),
    "votes": ("vote", "ballot", "voter"),
    "suspects": ("suspect", "gunman", "attacker", "assailant", "perpetrator"),
    "cost": (
        "cost",
        "damage",
        "loss",
        "budget",
        "fund",
        "funding",
        "aid",
        "appeal",
        "package",
        "loan",
        "grant",
    ),
}

# Transport systems: "420,000 people rode the Metro" counts trips ("Metro employees" does not).
TRANSIT_NOUNS = frozenset("metro subway underground tube train bus rail transit tram ferry".split())
TRANSIT_VERBS = frozenset("ride use take board".split())

# Verbs that only link a figure to its subject ("the toll rose to 93"): look at the subject instead.
LINKING_VERBS = frozenset(
    "be stand rise rise climb reach hit increase jump grow fall drop decline decrease revise raise lower put "
    "update surpass exceed top pass near approach total number estimate count give remain become run "
    "range".split()
)

# Nouns of a part or a kind, which say nothing of what is measured ("dozens of", "a group of", "a total of").
PARTITIVE_NOUNS = frozenset(
    "dozen hundred thousand million billion group total number couple lot handful".split()
)

# Verbs of a running total changing ("the toll rose to 93"): the figure is the total's new state.
CHANGE_VERBS = frozenset("rise climb reach increase jump grow swell soar mount surge top pass exceed".split())

# Verbs of a figure corrected by whoever gave it ("revised to 7.2", "raised its toll to 2,975", "updated").
REVISION_VERBS = frozenset("revise raise update correct upgrade downgrade amend adjust lower".split())

# Nouns that hold someone's figure, whose possessor or compound is its claimant ("X's count of N", "the
# police estimate of N"): the container nouns and the nouns of data and ranges.
HELD_FIGURE_NOUNS = frozenset("count figure tally estimate toll number data statistic interval range".split())

# Nouns that are containers of a figure ("the number of dead", "the death toll", "the figure").
CONTAINER_NOUNS = frozenset("number figure count tally total estimate toll".split())

# Nouns of a measure or an amount, which name a figure, never a voice ("the amount was 5,000", "his
# calculation"): WordNet's noun.quantity sense of each (amount, calculation, level, magnitude, sum, …).
MEASURE_NOUNS = frozenset("amount calculation level magnitude sum quantity rate share percentage".split())
# English relative pronouns (a grammar's closed class): "groups, which said …" speaks for the groups.
RELATIVE_PRONOUNS = frozenset("which who that whom".split())
# English agent-noun suffixes (derivational morphology: Quirk et al. 1985, App. I.25–I.30), in the plural:
# a plural subject ending so is doers ("researchers", "monitors", "economists"); a singular in -er or -or
# is as often a thing ("the tremor", "the water", "the meter").
AGENT_SUFFIXES = ("ers", "ors", "ists", "ants", "ents", "ians")

# Quantities that move over time (tolls, tallies): a later different figure from the same authority is an
# update, not a conflict. Counts of one event at one moment (a crowd, an exchange) do not move.
MOVING = frozenset("killed injured missing hospitalised identified buried arrested displaced cases".split())
# Counts of what happens on one day (a crowd, a day's rides, an exchange, who was aboard): a figure of
# another day is another quantity. Other figures (a magnitude, an area, a year's inflation) are not tied to
# the day they are reported; the pair model weighs how far apart two moments are.
DAY_BOUND = frozenset("participants trips released aboard".split())

# Verbs whose subject (or indirect object) owns the figure rather than says it: "Petrova won 38.5%",
# "the count gave Dvorak 41%". English grammar's verbs of getting and having (Levin 1993, §13.5
# "get" and "obtain" verbs), as they take shares, seats and votes.
POSSESSION_VERBS = frozenset(
    "win get receive obtain secure garner poll score capture gain collect give take".split()
)
# Nouns of a share of something ("42% of teachers", "a share of the vote"): what it is of is counted.
SHARE_NOUNS = frozenset("% percent share proportion rate".split())
# Counts that belong to someone, as shares do ("2.4 million votes for X", "40 seats"): whose is read.
OWNED_COUNTS = frozenset("vote seat ballot".split())
# Modifiers that do not narrow what is counted ("the official toll", "a total of", "some 40 people").
GENERIC_MODIFIERS = frozenset(
    "official total overall estimated reported confirmed preliminary final latest new current other "
    "more further additional least most many some several".split()
)

# Speech and attribution verbs whose subject is the claimant: Levin's (1993) verbs of communication that
# report a statement (§37.7 "say" verbs, §37.1 "transfer of a message", §37.9 "advise"), with the verbs of
# finding and showing that news uses the same way ("a study found", "the poll showed").
SPEECH_VERBS = frozenset(
    """say tell announce report state claim write confirm add estimate count record publish note insist
    assert declare cite warn acknowledge tally register reply respond answer explain argue observe remark
    mention repeat deny admit allege maintain suggest indicate reveal conclude find show tweet post
    testify concede stress emphasise emphasize disclose brief inform quote put""".split()
)
# Verbs whose subject gives the figure as its own object ("police put the crowd at 50,000", "the survey
# measured it at 7.8", "the ministry listed 459 aboard"): verbs of measuring, counting and assessing
# (Levin §54.1 "register", §54.4 "price" verbs, and the judgement verbs of §29.4 as news uses them).
ATTRIBUTION_VERBS = frozenset(
    """raise revise lower put give estimate count report record confirm publish cut update measure place
    list calculate tally number register log assess gauge rate reckon credit show find fix peg set
    document verify compile track tabulate""".split()
)
# Nouns of bodies and of documents that speak for someone: a subject of this kind holding a figure is its
# claimant ("the survey put …", "police counted …"); one of another kind is what happened ("the strike
# killed 40").
AGENT_NOUNS = frozenset(
    """police official officer spokesman spokeswoman spokesperson ministry minister government authority
    agency organiser organizer poll survey study report analysis count estimate census commission
    committee council office department service army military force guard union group campaign team
    researcher scientist expert observer monitor watchdog investigator prosecutor court coroner hospital
    doctor medic rescuer firefighter organisation organization institute university center centre bureau
    network channel newspaper outlet agency administration leader president governor mayor television
    radio broadcaster media press""".split()
)

# Subjects that stand for the last named organisation ("the statement said", "the report says").
REFERRING_SUBJECTS = frozenset("statement communiqué release document".split())
# Subjects that are claimants in their own words ("a study published in the journal estimates …").
DESCRIBED_SUBJECTS = frozenset("study report assessment analysis survey estimate review audit".split())
# Nouns of what holds a figure for someone ("a count by X", "figures from X", "data from X", "X's tally").
DOCUMENT_NOUNS = (
    DESCRIBED_SUBJECTS
    | REFERRING_SUBJECTS
    | CONTAINER_NOUNS
    | frozenset("data datum statistic record".split())
)
# Verbs after which a passive agent is the claimant: "the 471 deaths reported by the ministry".
REPORTING_PARTICIPLES = frozenset("report give cite announce publish record count estimate confirm".split())

# Words that mark a figure as earlier than the text's moment ("initially", "the previous toll").
EARLIER_CUES = frozenset(
    "initially initial previous previously earlier first originally formerly prior old former".split()
)
# A record of another moment when an earlier cue or an owner goes with it: "an earlier peak of …".
RECORD_NOUNS = frozenset("high record peak low best worst maximum minimum highest lowest".split())
# Perfect-aspect cues: "the toll had stood at 93".
EARLIER_AUX = frozenset(["had"])
PROJECTION_CUES = frozenset(
    "could might may would expect expected projection project forecast predict fear feared "
    "likely potentially possibly reach_could".split()
)
# Words that send a modal "could be" forward in time (English adverbs of future time and verbs of
# growth): "could eventually be", "would rise to". Without them, "could be as high as" estimates the present.
FUTURE_CUES = frozenset(
    "eventually ultimately future next later soon will rise climb grow increase reach exceed double".split()
)
# "including 4 children", "12 of the 40": a part of another figure.
SUBSET_CUES = frozenset("including include among of_whom incl. comprising".split())
# "three more people", "another 20": an increment, not the quantity itself.
INCREMENT_CUES = frozenset("more another additional further extra".split())
# Period markers: a figure for one night or one day is a different quantity from a running total.
PER_NIGHT_CUES = frozenset("overnight night nightly".split())
CUMULATIVE_CUES = frozenset("since total cumulative altogether overall".split())
PARTIAL_DAY_CUES = ("as of", "by", "at the same hour", "until", "through")
ELSEWHERE_CUES = frozenset("elsewhere outside excluding beyond".split())
NATIONWIDE_CUES = frozenset("across nationwide throughout countrywide".split())

# Groups that split a count of people (police injured vs protesters injured). Generic nouns do not.
# Possessive determiners that make the counted people the speaker's own ("our soldiers", "248 of its
# servicemen", "their citizens"): English's closed class of possessives (a grammar), less the singular
# persons, which say whose one person is, not which side.
OWN_POSSESSIVES = frozenset("our its their".split())

GROUPS: dict[str, tuple[str, ...]] = {
    "police": ("police", "policeman", "officer", "gendarme", "policemen", "trooper"),
    "children": ("child", "children", "minor", "kid", "student", "pupil"),
    "civilians": ("civilian",),
    "journalists": ("journalist", "reporter"),
    "medics": ("medic", "doctor", "nurse", "paramedic"),
    "women": ("woman", "women"),
    "officers_military": ("officer_military",),
}

# Who claims: a claimant's "camp". An update across claimants needs the same camp; two camps disagreeing
# is a conflict. Checked on lower-case claimant text, first match wins. A cue matches at the start of a word
# ("official" in "officials"); one that ends in a space must also end the word ("un " is not "rebel-run").
CAMPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "rights",
        (
            "human rights",
            "rights group",
            "rights body",
            "rights commission",
            "ombudsman",
            "amnesty",
            "watch",
            "monitor",
            "observatory",
            "commission on",
        ),
    ),
    (
        "humanitarian",
        (
            "red cross",
            "red crescent",
            "crescent",
            "NGO ",
            "charity",
            "médecins",
            "MSF ",
            "aid group",
            "relief",
        ),
    ),
    (
        "international",
        (
            "united nations",
            "UN ",
            "U.N.",
            "WHO ",
            "world health",
            "unicef",
            "unhcr",
            "IOM ",
            "organization for migration",
            "OCHA ",
            "humanitarian office",
            "world bank",
            "IMF ",
            "european union",
            "NATO ",
        ),
    ),
    (
        "research",
        (
            "study",
            "researcher",
            "university",
            "institute",
            "school of",
            "journal",
            "scientist",
            "analysis",
            "survey",
            "academic",
        ),
    ),
    (
        "organisers",
        (
            "organiser",
            "organizer",
            "union",
            "syndicat",
            "convocant",
            "campaign",
            "activist",
            "opposition",
            "platform",
            "coalition",
        ),
    ),
    (
        "authority",
        (
            "ministry",
            "minister",
            "government",
            "official",
            "authorit",
            "police",
            "president",
            "governor",
            "mayor",
            "prime minister",
            "spokes",
            "department",
            "agency",
            "service",
            "committee",
            "council",
            "county",
            "state",
            "military",
            "army",
            "defen",
            "intelligence",
            "kremlin",
            "white house",
            "secretary",
            "prefect",
            "délégation",
            "delegation",
            "administration",
            "office",
            "chief",
            "commissioner",
            "coast guard",
            "authority",
            "examiner",
            "court",
            "prosecutor",
            "chancellor",
            "cabinet",
            "parliament",
            "embassy",
            # The same words in the pack languages (fr, es, de, ru, uk), as their dictionaries spell
            # them, cut at the stem so that every case form matches: ministère, ministerio, Ministerium,
            # министерство, міністерство; police, policía, Polizei, полиция, поліція; government;
            # president; prefect.
            "minist",
            "министр",
            "министер",
            "міністр",
            "міністер",
            "polic",
            "polizei",
            "полиц",
            "поліц",
            "gouvernement",
            "gobierno",
            "regierung",
            "правительств",
            "уряд",
            "président",
            "presidente",
            "präsident",
            "президент",
            "préf",
        ),
    ),
)

# What an authority does, where its name says: a toll passes between agencies of one field (a security
# service to the interior ministry), not from a health ministry to an intelligence agency. Same matching as
# CAMPS; an authority that names no field ("officials", "the government") may be of any.
AUTHORITY_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("health", ("health", "medical", "hospital", "coroner", "examiner")),
    ("intelligence", ("intelligence", "spy ", "spies ")),
    ("military", ("military", "army", "armed forces", "defen", "navy", "air force", "pentagon")),
    (
        "security",
        ("police", "interior", "security", "emergenc", "rescue", "fire ", "coast guard", "prosecutor"),
    ),
)

# Countries: demonym and capital → country. General world knowledge for sides and jurisdictions.
_COUNTRIES: tuple[tuple[str, str, str], ...] = (
    # country, demonyms (space-separated; a two-word one joined by _), capitals and metonyms
    ("russia", "russian russians", "moscow kremlin"),
    ("ukraine", "ukrainian ukrainians", "kiev kyiv"),
    ("united states", "american americans us u.s. usa", "washington pentagon"),
    ("united kingdom", "british briton britons uk u.k.", "london"),
    ("france", "french", "paris élysée"),
    ("germany", "german germans", "berlin"),
    ("spain", "spanish spaniards", "madrid"),
    ("italy", "italian italians", "rome"),
    ("israel", "israeli israelis", "jerusalem tel"),
    ("palestine", "palestinian palestinians", "gaza ramallah"),
    ("china", "chinese", "beijing"),
    ("japan", "japanese", "tokyo"),
    ("india", "indian indians", "delhi"),
    ("pakistan", "pakistani pakistanis", "islamabad"),
    ("iran", "iranian iranians", "tehran"),
    ("iraq", "iraqi iraqis", "baghdad"),
    ("syria", "syrian syrians", "damascus"),
    ("turkey", "turkish turks", "ankara"),
    ("lebanon", "lebanese", "beirut"),
    ("egypt", "egyptian egyptians", "cairo"),
    ("libya", "libyan libyans", "tripoli"),
    ("kenya", "kenyan kenyans", "nairobi"),
    ("nigeria", "nigerian nigerians", "abuja"),
    ("sudan", "sudanese", "khartoum"),
    ("ethiopia", "ethiopian ethiopians", "addis"),
    ("south africa", "south_african", "pretoria"),
    ("belarus", "belarusian belarusians", "minsk"),
    ("poland", "polish poles", "warsaw"),
    ("georgia", "georgian georgians", "tbilisi"),
    ("armenia", "armenian armenians", "yerevan"),
    ("azerbaijan", "azerbaijani azerbaijanis", "baku"),
    ("canada", "canadian canadians", "ottawa"),
    ("mexico", "mexican mexicans", ""),
    ("brazil", "brazilian brazilians", "brasilia"),
    ("venezuela", "venezuelan venezuelans", "caracas"),
    ("afghanistan", "afghan afghans", "kabul"),
    ("yemen", "yemeni yemenis", "sanaa"),
    ("saudi arabia", "saudi saudis", "riyadh"),
    ("north korea", "north_korean", "pyongyang"),
    ("south korea", "south_korean", "seoul"),
    ("taiwan", "taiwanese", "taipei"),
    ("australia", "australian australians", "canberra"),
    ("greece", "greek greeks", "athens"),
    ("morocco", "moroccan moroccans", "rabat"),
    ("algeria", "algerian algerians", "algiers"),
    ("tunisia", "tunisian tunisians", "tunis"),
    ("jordan", "jordanian jordanians", "amman"),
    ("qatar", "qatari", "doha"),
    ("puerto rico", "puerto_rican", "san_juan"),
)


def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country, demonyms, capitals in _COUNTRIES:
        index[country] = country
        # Names are read a word at a time, so a two-word name (joined by "_" in the table) is not indexed:
        # its words ("south", "san") would name the country wherever they stand ("New South Wales").
        for word in (*demonyms.split(), *capitals.split()):
            if "_" not in word:
                index[word] = country
    return index


COUNTRY_OF: dict[str, str] = _country_index()

# Words that are capitalised but name no event or place; never used as look-up terms.
NOT_TERMS = frozenset(
    """the a an and but or in on at of for to from by with as it its this that these those he she they we
    his her their our you i mr mrs ms dr gov sen rep gen adm jan feb mar apr may jun jul aug sep sept oct
    nov dec january february march april june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday read more related photo caption reporting editing
    president minister ministry officials official police government state says said according after
    before while when where what who why how there here some many most more several about also however
    meanwhile earlier later today yesterday tomorrow day week""".split()
)

# Words that make a run of proper nouns an organisation rather than a person.
ORG_WORDS = frozenset(
    "ministry committee commission agency organization organisation office council service department "
    "authority union court police army forces guard bank fund institute university school hospital "
    "group party government administration bureau center centre headquarters association federation "
    "crescent cross program programme corporation company news times post press network channel".split()
)
