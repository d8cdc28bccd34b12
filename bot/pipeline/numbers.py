"""Find the figures in news text and read each as a number with the interval its wording allows.

`find_numbers` returns every figure worth recording: counts, money, percentages, physical quantities,
vague quantities ("tens of thousands") and ranges, each with the hedge that qualifies it. It leaves out
what only looks like a figure: dates, clock times, years, ordinals, designations (Il-76, COVID-19),
phone numbers, list numbering, section numbers, ages, scores and anything inside URLs or handles.
`parse_number` reads one number as written ("1.28 million", "3,5 млн", "two hundred and seven").

Everything here is a pure function of its arguments; the regular expressions are compiled once, at
import, per language, because this runs on every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["NumberMention", "find_numbers", "parse_number"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One figure as written in a text, with its value, interval, hedge and unit."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    dimension: str | None
    base_factor: float
    base_offset: float
    text: str
    number_text: str


# ---------------------------------------------------------------------------------------------------
# Languages and shared character classes

_LANGS: Final = ("en", "fr", "es", "de", "ru", "uk", "it", "pt")
_SP: Final = "[ \u00a0\u202f]"  # the spaces that may sit inside a figure ("3 000", "5 %")
_NOT_LETTER_AFTER: Final = r"(?![^\W\d_])"

_DIGITS_RE: Final = re.compile(r"\d+")
_WORD_AT_RE: Final = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_WORD_SEP_RE: Final = re.compile(r"[ \u00a0\u202f\t]+|[-‐]")


def _alt(forms: list[str] | tuple[str, ...] | set[str], ci: bool = True) -> str:
    """Alternation of literal forms, longest first so that "km/h" wins over "km"; spaces match any run."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        pat = re.escape(form).replace(r"\ ", r"\s+")
        parts.append(f"(?i:{pat})" if ci else pat)
    return "|".join(parts)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _apostrophes(word: str) -> str:
    if "’" not in word and "ʼ" not in word:
        return word
    return word.replace("’", "'").replace("ʼ", "'")  # faster than str.translate


def _norm(word: str) -> str:
    return " ".join(_apostrophes(word).casefold().split())


def _key(word: str) -> str:
    return _apostrophes(word).casefold().rstrip(".")


# ---------------------------------------------------------------------------------------------------
# Units


@dataclass(frozen=True, slots=True)
class _Unit:
    symbol: str
    dimension: str
    factor: float = 1.0
    offset: float = 0.0


# One row per unit: symbol ; dimension ; factor to the base unit ; languages (* all) ; case-sensitive
# forms ; case-insensitive forms. An indented line continues the row above.
_UNIT_TABLE: Final = """
# length, base metre
m ; length ; 1 ; * ; m ; metres, meters, metre, meter, mètres, mètre, metros, Metern, метров, метра,
    метр, метрів, метри, м
km ; length ; 1000 ; * ;  ; kilometres, kilometers, kilometre, kilometer, kilomètres, kilomètre,
    kilómetros, kilómetro, Kilometern, километров, километра, километр, кілометрів, кілометри, кілометр,
    км, km
cm ; length ; 0.01 ; * ; cm ; centimetres, centimeters, centimètres, Zentimeter, сантиметров, см
mm ; length ; 0.001 ; * ; mm ; millimetres, millimeters, millimètres, Millimeter, миллиметров, мм
ft ; length ; 0.3048 ; * ;  ; feet, foot, ft
mi ; length ; 1609.344 ; * ; mi ; miles, mile
yd ; length ; 0.9144 ; * ;  ; yards, yard, yds, yd
in ; length ; 0.0254 ; * ;  ; inches, inch
nmi ; length ; 1852 ; * ;  ; nautical miles, nautical mile, milles nautiques, морских миль,
    морських миль, nmi
# mass, base kilogram
kg ; mass ; 1 ; * ;  ; kilograms, kilogrammes, kilogram, kilogramme, kilos, Kilogramm, килограммов,
    килограмма, килограмм, кілограмів, кг, kg
g ; mass ; 0.001 ; * ;  ; grams, grammes, gramme, gram, Gramm, граммов, грамм, грамів
t ; mass ; 1000 ; * ;  ; tonnes, tonne, tons, ton, metric tons, metric tonnes, Tonnen, toneladas,
    tonelada, тонн, тонны, тонна, тонну, тонни, т
lb ; mass ; 0.45359237 ; * ;  ; pounds, pound, lbs, lb
oz ; mass ; 0.028349523125 ; * ;  ; ounces, ounce, oz
# duration, base second
s ; duration ; 1 ; * ;  ; seconds, second, secs, sec, secondes, seconde, Sekunden, Sekunde, segundos,
    segundo, секунд, секунды, секунду, секунди
min ; duration ; 60 ; * ;  ; minutes, minute, mins, min, Minuten, minutos, minuto, минут, минуты, минуту,
    хвилин, хвилини, хвилину
h ; duration ; 3600 ; * ;  ; hours, hour, hrs, hr, heures, heure, Stunden, Stunde, horas, hora, часов,
    часа, час, годин, години, годину
h ; duration ; 3600 ; en,de,es,it,pt ; h ;
d ; duration ; 86400 ; * ;  ; days, day, jours, jour, Tage, Tagen, Tag, días, dias, día, дней, дня, день,
    суток, сутки, днів, дні, діб, доби
wk ; duration ; 604800 ; * ;  ; weeks, week, semaines, semaine, Wochen, Woche, semanas, semana, недель,
    недели, неделю, неделя, тижнів, тижні, тиждень
mo ; duration ; 2629746 ; * ;  ; months, month, mois, Monate, Monaten, Monat, meses, месяцев, месяца, месяц,
    місяців, місяці, місяць
mo ; duration ; 2629746 ; es,pt ;  ; mes
yr ; duration ; 31556952 ; * ;  ; years, year, yrs, ans, années, année, Jahre, Jahren, Jahr, años, año, лет,
    года, год, років, роки, рік
yr ; duration ; 31556952 ; fr ;  ; an
# shares
% ; percent ; 1 ; * ; %, ％ ; percent, per cent, pct, pour cent, por ciento, por cien, Prozent, процентов,
    процента, процент, відсотків, відсотка, відсотки, відсоток, per cento, por cento
pp ; percentage_points ; 1 ; * ;  ; percentage points, percentage point, points de pourcentage,
    point de pourcentage, Prozentpunkte, Prozentpunkten, Prozentpunkt, puntos porcentuales,
    punto porcentual, процентных пункта, процентных пунктов, процентный пункт, п.п.
# temperature, base degree Celsius
°C ; temperature ; 1 ; * ; °C, ° C, ºC, ℃ ; degrees Celsius, degree Celsius, degrees centigrade,
    degrees C, degrés Celsius, Grad Celsius, grados centígrados, grados Celsius, градусов Цельсия,
    градуса Цельсия, градусів Цельсія
°C ; temperature ; 1 ; en ; C ;
°F ; temperature ; 5/9 ; * ; °F, ° F, ºF, ℉ ; degrees Fahrenheit, degree Fahrenheit, degrees F
# area, base square metre
km² ; area ; 1e6 ; * ;  ; square kilometres, square kilometers, square kilometre, square kilometer,
    sq km, sq. km, kilomètres carrés, Quadratkilometer, kilómetros cuadrados, квадратных километров,
    кв. км, кв км, км², km², km2
m² ; area ; 1 ; * ; m², m2 ; square metres, square meters, mètres carrés, Quadratmeter, metros cuadrados,
    квадратных метров, кв. м, м², sq m
ha ; area ; 10000 ; * ; ha ; hectares, hectare, Hektar, hectáreas, гектаров, гектара, гектар, га
acre ; area ; 4046.8564224 ; * ;  ; acres, acre
mi² ; area ; 2589988.110336 ; * ;  ; square miles, square mile, sq mi, sq miles
# speed, base metre per second
km/h ; speed ; 1/3.6 ; * ;  ; km/h, kph, kmh, kilometres per hour, kilometers per hour, км/ч, км/год
mph ; speed ; 0.44704 ; * ;  ; mph, miles per hour, miles an hour
kn ; speed ; 1852/3600 ; * ;  ; knots, knot, nœuds, Knoten, узлов, узла
m/s ; speed ; 1 ; * ; m/s ; metres per second, meters per second, м/с
# power and energy, base watt and watt-hour
kW ; power ; 1000 ; * ; kW ; kilowatts, kilowatt, кВт
MW ; power ; 1e6 ; * ; MW ; megawatts, megawatt, МВт
GW ; power ; 1e9 ; * ; GW ; gigawatts, gigawatt, ГВт
kWh ; energy ; 1000 ; * ; kWh ; kilowatt-hours, kilowatt hours, кВт·ч
MWh ; energy ; 1e6 ; * ; MWh ; megawatt-hours, megawatt hours, МВт·ч
GWh ; energy ; 1e9 ; * ; GWh ; gigawatt-hours, gigawatt hours, ГВт·ч
TWh ; energy ; 1e12 ; * ; TWh ; terawatt-hours, terawatt hours, ТВт·ч
# volume, base cubic metre; oil flow in cubic metres per second
l ; volume ; 0.001 ; * ;  ; litres, liters, litre, liter, Liter, litros, литров, литра, літрів
gal ; volume ; 0.003785411784 ; * ;  ; US gallons, gallons, gallon, gal, galones, galón, галлонов, галонів
m³ ; volume ; 1 ; * ; m³ ; cubic metres, cubic meters, м³, кубометров, кубических метров
bcm ; volume ; 1e9 ; * ;  ; bcm
bbl ; volume ; 0.158987294928 ; * ;  ; barrels, barrel, bbl, баррелей, барреля, баррель, барелів, barils,
    Barrel
bpd ; volume_rate ; 0.158987294928/86400 ; * ;  ; barrels a day, barrels per day, barrels of oil a day,
    barrels of oil per day, bpd, b/d, barils par jour, Barrel pro Tag, баррелей в сутки, баррелей в день
# money: each currency is its own dimension
USD ; money:USD ; 1 ; * ; USD, $, US$ ; dollars, dollar, US dollars, U.S. dollars, dólares, dólar,
    US-Dollar, долларов, доллара, доллар, доларів, долари, долар, dollari
EUR ; money:EUR ; 1 ; * ; EUR, € ; euros, euro, евро, євро
GBP ; money:GBP ; 1 ; * ; GBP, £ ; pounds sterling, sterling, livres sterling, Pfund Sterling,
    фунтов стерлингов
RUB ; money:RUB ; 1 ; * ; RUB, ₽ ; rubles, ruble, roubles, rouble, Rubel, rublos, рублей, рубля, рубль,
    руб., руб, рублів, рублі
UAH ; money:UAH ; 1 ; * ; UAH, ₴ ; hryvnias, hryvnia, hryvnas, hryvna, гривен, гривень, гривны, гривни,
    гривна, гривня, гривні, грн., грн
CNY ; money:CNY ; 1 ; * ; CNY ; yuan, юаней
JPY ; money:JPY ; 1 ; * ; JPY, ¥ ; yen, иен
INR ; money:INR ; 1 ; * ; INR, ₹ ; rupees
CHF ; money:CHF ; 1 ; * ; CHF ; Swiss francs, francs suisses
"""
_F_OFFSET: Final = -160.0 / 9.0  # °C = °F × 5/9 − 160/9


def _unit_rows() -> list[tuple[_Unit, tuple[str, ...], tuple[str, ...], tuple[str, ...] | None]]:
    """(unit, case-insensitive forms, case-sensitive forms, languages or None for all) from the table."""
    rows: list[str] = []
    for line in _UNIT_TABLE.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" ") and rows:
            rows[-1] += " " + line.strip()
        else:
            rows.append(line)
    out = []
    for row in rows:
        symbol, dim, factor_text, langs, cs, ci = (f.strip() for f in row.split(";"))
        num, _, den = factor_text.partition("/")
        factor = float(num) / float(den or 1)
        unit = _Unit(symbol, dim, factor, _F_OFFSET if symbol == "°F" else 0.0)
        ci_forms = tuple(f.strip() for f in ci.split(",") if f.strip())
        cs_forms = tuple(f.strip() for f in cs.split(",") if f.strip())
        out.append((unit, ci_forms, cs_forms, None if langs == "*" else tuple(langs.split(","))))
    return out


_CURRENCY_PREFIXES: Final[dict[str, str]] = {
    "Rs": "INR", "Rs.": "INR", "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "$": "USD", "C$": "CAD",
    "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "€": "EUR",
    "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY", "₹": "INR", "₺": "TRY", "USD": "USD", "EUR": "EUR",
    "GBP": "GBP", "RUB": "RUB", "UAH": "UAH", "CHF": "CHF", "JPY": "JPY", "CNY": "CNY", "INR": "INR",
    "CAD": "CAD", "AUD": "AUD", "PLN": "PLN",
}  # fmt: skip
_CUR_PREFIX_RE: Final = re.compile(
    r"(?P<c>Rs\.?|US\$|U\.S\.\s?\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|R\$|\$|€|£|₽|₴|¥|₹|₺"
    r"|(?<![^\W\d_])(?:USD|EUR|GBP|RUB|UAH|CHF|JPY|CNY|INR|CAD|AUD|PLN))[ \u00a0\u202f]?\Z"
)


def _money(code: str) -> _Unit:
    return _Unit(code, f"money:{code}")


# ---------------------------------------------------------------------------------------------------
# Scale words (after a number)

_SCALES_COMMON: Final[dict[str, int]] = {
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9,
    "billions": 10**9, "trillion": 10**12, "trillions": 10**12, "k": 10**3, "mn": 10**6, "mln": 10**6,
    "bn": 10**9, "tn": 10**12, "trn": 10**12, "tln": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
    "crores": 10**7,
}  # fmt: skip
_SCALES_LANG: Final[dict[str, dict[str, int]]] = {
    "en": {},
    "fr": {"mille": 10**3, "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9},
    "es": {"mil": 10**3, "millón": 10**6, "millon": 10**6, "millones": 10**6, "millardo": 10**9,
           "millardos": 10**9, "billón": 10**12, "billones": 10**12},
    "de": {"tausend": 10**3, "tsd.": 10**3, "millionen": 10**6, "mio.": 10**6, "mio": 10**6,
           "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9, "mrd": 10**9, "billion": 10**12,
           "billionen": 10**12},
    "ru": {"тыс.": 10**3, "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "тысячу": 10**3,
           "млн": 10**6, "млн.": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6,
           "млрд": 10**9, "млрд.": 10**9, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
           "трлн": 10**12, "трлн.": 10**12, "триллион": 10**12, "триллиона": 10**12, "триллионов": 10**12},
    "uk": {"тис.": 10**3, "тис": 10**3, "тисяча": 10**3, "тисячі": 10**3, "тисяч": 10**3, "тисячу": 10**3,
           "млн": 10**6, "млн.": 10**6, "мільйон": 10**6, "мільйона": 10**6, "мільйони": 10**6,
           "мільйонів": 10**6, "млрд": 10**9, "млрд.": 10**9, "мільярд": 10**9, "мільярда": 10**9,
           "мільярди": 10**9, "мільярдів": 10**9, "трлн": 10**12, "трлн.": 10**12},
    "it": {"mila": 10**3, "mille": 10**3, "milione": 10**6, "milioni": 10**6, "miliardo": 10**9,
           "miliardi": 10**9, "mld": 10**9},
    "pt": {"mil": 10**3, "milhão": 10**6, "milhões": 10**6, "milhao": 10**6, "milhoes": 10**6,
           "bilhão": 10**9, "bilhões": 10**9},
}  # fmt: skip
# "m" and "b" after a number are metres and (rarely) bytes unless money or a count of millions is meant.
_MB_RE: Final = re.compile(r"[ \u00a0\u202f]?(?P<l>[mMbB])(?![^\W\d_])")
_MILLION_NOUNS: Final = _wordset(
    "people residents users viewers voters customers subscribers children refugees households homes "
    "jobs doses visitors followers copies downloads cases passengers workers students patients tourists "
    "migrants citizens pensioners troops soldiers inhabitants members listeners readers"
)

# ---------------------------------------------------------------------------------------------------
# Number words

# kinds: "u" additive, "h" hundred (multiplies its group), "s" scale, "z" dozen, "a" article, "c" collective
_WordKind = tuple[float, str]


def _words(kind: str, pairs: str) -> dict[str, _WordKind]:
    out: dict[str, _WordKind] = {}
    for item in pairs.split():
        word, value = item.split("=")
        out[word] = (float(value), kind)
    return out


_EN_WORDS: Final = {
    **_words(
        "u",
        "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
        "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 "
        "twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90",
    ),
    **_words("h", "hundred=100"),
    **_words("s", "thousand=1000 million=1000000 billion=1000000000 trillion=1000000000000"),
    **_words("z", "dozen=12"),
    **_words("a", "a=1 an=1"),
}
_FR_WORDS: Final = {
    **_words(
        "u",
        "un=1 une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 "
        "douze=12 treize=13 quatorze=14 quinze=15 seize=16 vingt=20 vingts=20 trente=30 quarante=40 "
        "cinquante=50 soixante=60 septante=70 huitante=80 octante=80 nonante=90",
    ),
    **_words("h", "cent=100 cents=100"),
    **_words("s", "mille=1000 million=1000000 millions=1000000 milliard=1000000000 milliards=1000000000"),
}
_ES_WORDS: Final = {
    **_words(
        "u",
        "un=1 uno=1 una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
        "once=11 doce=12 trece=13 catorce=14 quince=15 dieciséis=16 dieciseis=16 diecisiete=17 "
        "dieciocho=18 diecinueve=19 veinte=20 veintiuno=21 veintiún=21 veintiuna=21 veintidós=22 "
        "veintidos=22 veintitrés=23 veintitres=23 veinticuatro=24 veinticinco=25 veintiséis=26 "
        "veintiseis=26 veintisiete=27 veintiocho=28 veintinueve=29 treinta=30 cuarenta=40 "
        "cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien=100 ciento=100 doscientos=200 "
        "doscientas=200 trescientos=300 trescientas=300 cuatrocientos=400 cuatrocientas=400 "
        "quinientos=500 quinientas=500 seiscientos=600 seiscientas=600 setecientos=700 "
        "setecientas=700 ochocientos=800 ochocientas=800 novecientos=900 novecientas=900",
    ),
    **_words("s", "mil=1000 millón=1000000 millon=1000000 millones=1000000"),
}
_RU_WORDS: Final = {
    **_words(
        "u",
        "один=1 одна=1 одно=1 одну=1 два=2 две=2 двух=2 три=3 трёх=3 трех=3 четыре=4 четырёх=4 "
        "четырех=4 пять=5 пяти=5 шесть=6 шести=6 семь=7 семи=7 восемь=8 восьми=8 девять=9 девяти=9 "
        "десять=10 десяти=10 одиннадцать=11 одиннадцати=11 двенадцать=12 двенадцати=12 тринадцать=13 "
        "тринадцати=13 четырнадцать=14 четырнадцати=14 пятнадцать=15 пятнадцати=15 шестнадцать=16 "
        "шестнадцати=16 семнадцать=17 семнадцати=17 восемнадцать=18 восемнадцати=18 "
        "девятнадцать=19 девятнадцати=19 двадцать=20 двадцати=20 тридцать=30 тридцати=30 сорок=40 "
        "сорока=40 пятьдесят=50 пятидесяти=50 шестьдесят=60 шестидесяти=60 семьдесят=70 "
        "семидесяти=70 восемьдесят=80 восьмидесяти=80 девяносто=90 девяноста=90 сто=100 ста=100 "
        "двести=200 двухсот=200 триста=300 трёхсот=300 трехсот=300 четыреста=400 четырёхсот=400 "
        "четырехсот=400 пятьсот=500 пятисот=500 шестьсот=600 шестисот=600 семьсот=700 семисот=700 "
        "восемьсот=800 восьмисот=800 девятьсот=900 девятисот=900 полтора=1.5 полторы=1.5",
    ),
    **_words(
        "c",
        "двое=2 трое=3 четверо=4 пятеро=5 шестеро=6 семеро=7 восьмеро=8 девятеро=9 десятеро=10 "
        "двоих=2 троих=3 четверых=4 пятерых=5 шестерых=6 семерых=7",
    ),
    **_words(
        "s",
        "тысяча=1000 тысячи=1000 тысяч=1000 тысячу=1000 миллион=1000000 миллиона=1000000 "
        "миллионов=1000000 миллиард=1000000000 миллиарда=1000000000 миллиардов=1000000000",
    ),
}
_UK_WORDS: Final = {
    **_words(
        "u",
        "один=1 одна=1 одне=1 одну=1 два=2 дві=2 двох=2 три=3 трьох=3 чотири=4 чотирьох=4 "
        "п'ять=5 п'яти=5 шість=6 шести=6 сім=7 семи=7 вісім=8 восьми=8 дев'ять=9 дев'яти=9 десять=10 "
        "десяти=10 одинадцять=11 дванадцять=12 тринадцять=13 чотирнадцять=14 п'ятнадцять=15 "
        "шістнадцять=16 сімнадцять=17 вісімнадцять=18 дев'ятнадцять=19 двадцять=20 двадцяти=20 "
        "тридцять=30 тридцяти=30 сорок=40 сорока=40 п'ятдесят=50 шістдесят=60 сімдесят=70 "
        "вісімдесят=80 дев'яносто=90 сто=100 двісті=200 триста=300 чотириста=400 п'ятсот=500 "
        "шістсот=600 сімсот=700 вісімсот=800 дев'ятсот=900 півтора=1.5 півтори=1.5",
    ),
    **_words("c", "двоє=2 троє=3 четверо=4 п'ятеро=5 шестеро=6 семеро=7 восьмеро=8 дев'ятеро=9 десятеро=10"),
    **_words(
        "s",
        "тисяча=1000 тисячі=1000 тисяч=1000 тисячу=1000 мільйон=1000000 мільйона=1000000 "
        "мільйони=1000000 мільйонів=1000000 мільярд=1000000000 мільярда=1000000000 "
        "мільярди=1000000000 мільярдів=1000000000",
    ),
}
_NUMBER_WORDS: Final[dict[str, dict[str, _WordKind]]] = {
    "en": _EN_WORDS, "fr": _FR_WORDS, "es": _ES_WORDS, "de": {}, "ru": _RU_WORDS, "uk": _UK_WORDS,
    "it": {}, "pt": {},
}  # fmt: skip
# "one", "a", "un": a figure only when a multiplier follows ("one million"); alone they are pronouns/articles.
_ONE_WORDS: Final = _wordset(
    "one a an un une uno una ein eins eine einer einem einen один одна одно одну одне"
)
# scale and hundred words that stand alone as a number in these languages ("mille morts", "сто человек")
_BARE_MULTIPLIERS: Final = _wordset(
    "cent cents mille mil тысяча тысячу миллион миллиард тисяча тисячу мільйон мільярд"
)
_CONNECTORS: Final[dict[str, str]] = {"en": "and", "fr": "et", "es": "y"}
_FRACTION_AFTER_RE: Final = re.compile(
    r"[-‐ \u00a0]+(?i:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|halves"
    r"|tiers|quarts|cinquièmes|drittel|viertel|tercios|cuartos|трети|третей|четверти|четвертей|третини|чверті)"
    + _NOT_LETTER_AFTER
)
_AGE_AFTER_RE: Final = re.compile(
    r"(?:[-‐ \u00a0]+(?i:years?|yrs?|months?|weeks?|days?))[-‐ \u00a0]+(?i:old)" + _NOT_LETTER_AFTER
)

# German writes numbers as one word ("dreihundertvierundfünfzig"); it is additive apart from the multipliers.
_DE_MORPHEMES: Final[dict[str, float]] = {
    "sechzehn": 16, "siebzehn": 17, "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40,
    "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
    "tausend": 1000, "zwölf": 12, "eins": 1, "ein": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "und": 0,
}  # fmt: skip
_DE_MORPHEME_RE: Final = re.compile("|".join(_DE_MORPHEMES))  # dict order puts "sechzehn" before "sechs"


_DE_ARTICLES: Final = _wordset("ein eine einer einem einen")


def _de_word_value(word: str) -> float | None:
    pos, parts = 0, []
    while pos < len(word):
        m = _DE_MORPHEME_RE.match(word, pos)
        if m is None:
            return None
        parts.append(m.group())
        pos = m.end()
    if not parts or parts[0] == "und" or parts[-1] == "und":
        return None
    total, cur = 0.0, 0.0
    # One "hundert" per group and one "tausend" per word, as German writes them: without that rule
    # "hunderthundert…" multiplied up to inf.
    for part in parts:
        if part == "hundert":
            if cur >= 100:
                return None
            cur = max(cur, 1.0) * 100
        elif part == "tausend":
            if total:
                return None
            total += max(cur, 1.0) * 1000
            cur = 0.0
        else:
            cur += _DE_MORPHEMES[part]
    return total + cur


# ---------------------------------------------------------------------------------------------------
# Vague quantities ("tens of thousands")

_VAGUE_BASES: Final[dict[str, int]] = {
    # en
    "tens": 10, "dozens": 12, "dozen": 12, "hundreds": 100, "hundred": 100, "thousands": 1000,
    "thousand": 1000, "millions": 10**6, "million": 10**6, "billions": 10**9, "billion": 10**9,
    # fr
    "dizaines": 10, "douzaines": 12, "centaines": 100, "milliers": 1000, "milliards": 10**9,
    # es
    "decenas": 10, "centenares": 100, "cientos": 100, "miles": 1000, "millones": 10**6,
    # de
    "dutzende": 12, "dutzend": 12, "hunderte": 100, "tausende": 1000, "zehntausende": 10**4,
    "hunderttausende": 10**5, "millionen": 10**6, "milliarden": 10**9, "hundert": 100, "tausend": 1000,
    # ru / uk
    "десятки": 10, "десятков": 10, "сотни": 100, "сотен": 100, "тысячи": 1000, "тысяч": 1000,
    "миллионы": 10**6, "миллионов": 10**6, "миллиарды": 10**9, "миллиардов": 10**9, "десятків": 10,
    "сотні": 100, "сотень": 100, "тисячі": 1000, "тисяч": 1000, "мільйони": 10**6, "мільйонів": 10**6,
    "мільярди": 10**9, "мільярдів": 10**9,
}  # fmt: skip
# Every base in _VAGUE_SPEC needs a key here (a missing "hundert" was a KeyError; a test reads them all).
# The singular ones are numbers when unmodified ("hundert Tote" is 100), vague after "einige", "several".
_VAGUE_SINGULAR: Final = _wordset("dozen hundred thousand million billion hundert tausend")
_VAGUE_GENITIVE: Final = _wordset(
    "десятков сотен тысяч миллионов миллиардов десятків сотень тисяч мільйонів мільярдів"
)
_VAGUE_MODS: Final[dict[str, str]] = {
    "several": "several", "a few": "few", "a couple of": "few", "plusieurs": "several", "quelques": "few",
    "des": "plain", "de nombreux": "plain", "de nombreuses": "plain", "varios": "several",
    "varias": "several", "algunos": "few", "algunas": "few", "unos pocos": "few", "unas pocas": "few",
    "unos": "few", "unas": "few", "mehrere": "several", "einige": "few", "ein paar": "few",
    "несколько": "several", "нескольких": "several", "кілька": "several", "декілька": "several",
    "кількох": "several",
}  # fmt: skip
_VAGUE_SPEC: Final[dict[str, tuple[str, str, str]]] = {
    # lang: (modifiers, first bases, "of"-word + second bases)
    "en": ("several|a few|a couple of", "tens|dozens|hundreds|thousands|millions|billions|dozen|hundred|"
           "thousand|million|billion", r"of\s+(?:thousands|millions|billions)"),
    "fr": ("plusieurs|quelques|des|de nombreux|de nombreuses", "dizaines|douzaines|centaines|milliers|"
           "millions|milliards", r"(?:de\s+|d['’]\s*)(?:milliers|millions|milliards)"),
    "es": ("varios|varias|algunos|algunas|unos pocos|unas pocas|unos|unas", "decenas|centenares|cientos|"
           "miles|millones", r"de\s+(?:miles|millones)"),
    "de": ("mehrere|einige|ein paar", "Dutzende|Hunderte|Tausende|Zehntausende|Hunderttausende|Millionen|"
           "Milliarden|hundert|tausend|Dutzend", r"(?!)"),
    "ru": ("несколько|нескольких", "десятки|десятков|сотни|сотен|тысячи|тысяч|миллионы|миллионов|"
           "миллиарды|миллиардов", r"(?:тысяч|миллионов|миллиардов)"),
    "uk": ("кілька|декілька|кількох", "десятки|десятків|сотні|сотень|тисячі|тисяч|мільйони|мільйонів|"
           "мільярди|мільярдів", r"(?:тисяч|мільйонів|мільярдів)"),
}  # fmt: skip
# French counts "about N" with a noun: "une centaine de morts"
_FR_APPROX: Final[dict[str, int]] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
_FR_APPROX_RE: Final = re.compile(
    r"(?i:une?)\s+(?P<n>(?i:" + "|".join(_FR_APPROX) + r"))" + _NOT_LETTER_AFTER
)


def _vague_re(lang: str) -> re.Pattern[str] | None:
    spec = _VAGUE_SPEC.get(lang)
    if spec is None:
        return None
    mods, bases, second = spec
    mods = mods.replace(" ", r"\s+")
    return re.compile(
        rf"(?i:(?:(?P<mod>{mods})\s+)?(?P<b1>{bases})(?:\s+(?P<b2>{second}))?){_NOT_LETTER_AFTER}"
    )


def _vague_bounds(base: int, mod: str) -> tuple[float, float]:
    top = 9.99 * base if base >= 10**6 else 10 * base - 1
    if base == 12:
        top = 144
    if mod == "few":
        return 2.0 * base, 5.0 * base
    if mod == "several":
        return 3.0 * base, float(top)
    return 2.0 * base, float(top)


# ---------------------------------------------------------------------------------------------------
# Hedges

_HEDGES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "about": ("about", "around", "some", "roughly", "approximately", "approx.", "an estimated",
                  "estimated", "an approximate", "circa", "ca.", "c.", "in the region of", "on the order of",
                  "somewhere around", "estimated at", "put at"),
        "nearly": ("nearly", "almost", "close to", "just under", "just below", "just shy of", "shy of",
                   "approaching", "nigh on", "not quite"),
        "more_than": ("more than", "over", "above", "upwards of", "exceeding", "in excess of", "greater than",
                      "just over", "well over", "north of", "more then"),
        "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than",
                     "not fewer than"),
        "up_to": ("up to", "as many as", "as much as", "a maximum of", "at most", "no more than",
                  "not more than"),
        "fewer_than": ("fewer than", "less than", "under", "below"),
    },
    "fr": {
        "about": ("environ", "quelque", "autour de", "aux alentours de", "approximativement", "à peu près",
                  "quelque chose comme", "estimé à", "estimée à", "estimés à", "estimées à"),
        "nearly": ("près de", "près d'", "près d’", "presque", "pas loin de", "quasiment"),
        "more_than": ("plus de", "plus d'", "plus d’", "au-delà de", "au moins plus de"),
        "at_least": ("au moins", "au minimum", "pas moins de", "un minimum de"),
        "up_to": ("jusqu'à", "jusqu’à", "au maximum", "au plus", "pas plus de"),
        "fewer_than": ("moins de", "moins d'", "moins d’"),
    },
    "es": {
        "about": ("unos", "unas", "alrededor de", "aproximadamente", "en torno a", "cerca de unos"),
        "nearly": ("casi", "cerca de", "prácticamente"),
        "more_than": ("más de", "por encima de", "superior a"),
        "at_least": ("al menos", "por lo menos", "como mínimo"),
        "up_to": ("hasta", "como máximo", "un máximo de"),
        "fewer_than": ("menos de",),
    },
    "de": {
        "about": ("rund", "etwa", "ungefähr", "circa", "ca.", "zirka", "schätzungsweise", "geschätzt",
                  "geschätzte", "an die"),
        "nearly": ("knapp", "fast", "beinahe", "nahezu", "annähernd"),
        "more_than": ("mehr als", "über", "weit über", "gut"),
        "at_least": ("mindestens", "wenigstens", "zumindest"),
        "up_to": ("bis zu", "höchstens", "maximal"),
        "fewer_than": ("weniger als", "unter"),
    },
    "ru": {
        "about": ("около", "примерно", "приблизительно", "порядка", "ориентировочно"),
        "nearly": ("почти", "едва ли не", "чуть менее", "чуть меньше"),
        "more_than": ("более", "больше", "свыше", "более чем", "больше чем", "чуть более", "чуть больше"),
        "at_least": ("не менее", "не меньше", "как минимум", "по меньшей мере", "минимум", "по крайней мере"),
        "up_to": ("до", "не более", "не больше", "максимум"),
        "fewer_than": ("менее", "меньше", "менее чем", "меньше чем"),
    },
    "uk": {
        "about": ("близько", "приблизно", "орієнтовно"),
        "nearly": ("майже", "ледь не"),
        "more_than": ("понад", "більше", "більш ніж", "більше ніж", "понад як"),
        "at_least": ("щонайменше", "не менше", "принаймні", "мінімум", "як мінімум"),
        "up_to": ("до", "не більше", "максимум"),
        "fewer_than": ("менше", "менш ніж", "менше ніж"),
    },
    "it": {
        "about": ("circa", "intorno a", "all'incirca"),
        "nearly": ("quasi",),
        "more_than": ("oltre", "più di"),
        "at_least": ("almeno",),
        "up_to": ("fino a",),
        "fewer_than": ("meno di",),
    },
    "pt": {
        "about": ("cerca de", "aproximadamente", "por volta de"),
        "nearly": ("quase",),
        "more_than": ("mais de",),
        "at_least": ("pelo menos", "no mínimo"),
        "up_to": ("até",),
        "fewer_than": ("menos de",),
    },
}  # fmt: skip
_QUALIFIERS: Final = ("about", "nearly", "more_than", "at_least", "up_to", "fewer_than")


def _hedge_re(lang: str) -> re.Pattern[str]:
    groups = []
    for q in _QUALIFIERS:
        forms = _HEDGES[lang].get(q, ())
        groups.append(f"(?P<{q}>{_alt(forms)})" if forms else f"(?P<{q}>(?!))")
    words = "|".join(groups)
    return re.compile(rf"(?:(?<![^\W\d_])(?:{words})|(?P<tilde>[~≈]))[ \u00a0\u202f]*\Z")


_SUFFIX_QUALIFIER_RE: Final = re.compile(
    r"(?P<at_least>\+(?!\d)|[-‐]plus\b|\s+(?i:or\s+more|ou\s+plus|et\s+plus|oder\s+mehr|und\s+mehr|o\s+más"
    r"|и\s+более|и\s+больше|или\s+более|і\s+більше|й\s+більше|або\s+більше)(?![^\W\d_]))"
    r"|(?P<about>[-‐]odd\b|\s+(?i:or\s+so)\b)"
)

# ---------------------------------------------------------------------------------------------------
# Digit groups by language convention


def _core_re(lang: str) -> re.Pattern[str]:
    # At most ten groups after the first: a longer run is past _MAX_DIGITS anyway, and an unbounded one
    # made every later group's start re-scan the whole run (quadratic on "1,000,000,…" pasted junk).
    if lang == "en":
        return re.compile(
            r"(?P<comma>\d{1,3}(?:,\d{3}){1,10}(?:\.\d+)?)(?![\d]|,\d)"
            r"|(?P<dot>\d{1,3}(?:\.\d{3}){2,10})(?![\d]|[.,]\d)"
            r"|(?P<space>\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,10}(?:\.\d+)?)(?![\d]|[ \u00a0\u202f]\d)"
            r"|(?P<plain>\d+(?:\.\d+)?)"
        )
    return re.compile(
        r"(?P<space>\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,10}(?:,\d+)?)(?![\d]|[ \u00a0\u202f]\d)"
        r"|(?P<dot>\d{1,3}(?:\.\d{3}){1,10}(?:,\d+)?)(?![\d]|\.\d)"
        r"|(?P<comma>\d{1,3}(?:,\d{3}){2,10}(?:\.\d+)?)(?![\d]|,\d)"
        r"|(?P<plain>\d+(?:[.,]\d+)?)"
    )


# A figure worth checking has at most a couple of dozen digits: a national debt to the cent is 16, a float
# keeps 17 significant ones. A longer run is an ID, a hash, a key or junk, not a claim; reading it as a
# figure would also raise (int() refuses 4,300+ digits, a 10**400 mantissa does not fit a float). So a
# group of more than this many digits (separators aside, decimals included) is no figure at all, rather
# than a capped or rounded one that would state a value nobody wrote.
_MAX_DIGITS: Final = 30


# Past the ten groups `_core_re` reads, a space-grouped run would be read as its first group alone ("1"
# of "1 000 000 …"); and once a run is refused whole, `_RUN_RE` skips it so no later group of it is read.
_MORE_GROUPS_RE: Final = re.compile(f"(?:{_SP}\\d{{3}}){{10}}")
_RUN_RE: Final = re.compile(r"\d+(?:[., \u00a0\u202f]\d{3})*")


def _digits(m: re.Match[str], lang: str) -> tuple[int, int] | None:
    """Mantissa and decimal count of a matched digit group: "1,280.5" → (12805, 1); None if too long."""
    s = m.group()
    if len(s) > _MAX_DIGITS and sum(ch.isdigit() for ch in s) > _MAX_DIGITS:
        return None
    kind = m.lastgroup
    if kind == "comma":
        s = s.replace(",", "")
    elif kind == "dot":
        s = s.replace(".", "").replace(",", ".")
    elif kind == "space":
        s = re.sub(_SP, "", s)
        if lang != "en":
            s = s.replace(",", ".")
    else:
        s = s.replace(",", ".")
    whole, _, frac = s.partition(".")
    return int(whole + frac), len(frac)


# ---------------------------------------------------------------------------------------------------
# What is not a figure: dates, times, phones, designations, …

# Capitalised or in capitals ("JAN. 20" in a dateline), never lower case: "may" and "march" are verbs.
_EN_MONTHS: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?"
    r"|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)
_MONTHS: Final[dict[str, str]] = {
    "en": "",
    "fr": r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    r"|décembre|decembre|janv|févr|fév|avr|juil|sept|oct|nov|déc",
    "es": r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    r"|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic",
    "de": r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez",
    "ru": r"январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]"
    r"|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|янв|фев|мар|апр|июн|июл|авг|сент|сен|окт|нояб|ноя|дек",
    "uk": r"січ(?:ня|ень)|лют(?:ого|ий)|берез(?:ня|ень)|квіт(?:ня|ень)|трав(?:ня|ень)|черв(?:ня|ень)"
    r"|лип(?:ня|ень)|серп(?:ня|ень)|верес(?:ня|ень)|жовт(?:ня|ень)|листопад(?:а)?|груд(?:ня|ень)",
    "it": r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    "pt": r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro",
}
_REFERENCE_WORDS: Final = (
    r"article|art\.|arts\.|section|sec\.|paragraph|para\.|chapter|clause|no\.|nos\.|nr\.|resolution|flight"
    r"|route|highway|page|p\.|pp\.|vol\.|item|room|gate|platform|artikel|absatz|artículo|articulo|apartado"
    r"|alinéa|статья|статьи|статье|статью|стаття|статті|пункт|пункта|пункте|п\.|ч\.|часть|части|ст\."
)


# Ages, which are not figures of an event: each grammar's construction of a person's age, beside the
# "N-year-old" / "N-летний" / "N-jährig" forms above. Before the number ("âgé de 29", "в возрасте 29"):
_AGE_BEFORE: Final[dict[str, str]] = {
    "fr": r"âgée?s?\s+de",
    "de": r"im\s+alter\s+von",
    "es": r"a\s+la\s+edad\s+de",
    "ru": r"в\s+возрасте(?:\s+от)?",
    "uk": r"у\s+віці|в\s+віці",
}
# The verb of having an age right before the number and the word for years after it ("il avait 29 ans",
# "tenía 29 años"): the verb's forms, and the years.
_AGE_HAVE: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "fr": (("a", "avait", "avaient", "ont", "aura", "avoir", "ai", "as"), r"ans"),
    "es": (("tiene", "tenía", "tienen", "tenían", "cumplió", "cumple", "tener"), r"años"),
    "ru": (("было", "исполнилось", "исполнится"), r"(?:год|года|лет)"),
    "uk": (("було", "виповнилося", "виповниться"), r"(?:рік|роки|років)"),
}
# The number with its years, whole: "29 Jahre alt", "29 años de edad", "29 лет от роду".
_AGE_AFTER: Final[dict[str, list[str]]] = {
    "de": [r"\d*\s+Jahre?n?\s+alt(?:e[rnms]?)?" + r"(?![^\W\d_])"],
    "es": [r"\d*\s+años\s+de\s+edad\b"],
    "ru": [r"\d*\s+(?:год|года|лет)\s+от\s+роду\b"],
}


def _months(lang: str) -> str:
    if _MONTHS[lang]:
        return rf"(?:{_EN_MONTHS}|(?i:{_MONTHS[lang]}))"
    return _EN_MONTHS


# Words after which a seven-digit number is a phone's ("call 555-1234"); each a fixed-width look-behind.
_PHONE_WORDS: Final = (
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
)

_REFERENCE_KEYS: Final = frozenset(_key(w.replace("\\", "")) for w in _REFERENCE_WORDS.split("|"))


def _mask_re(lang: str) -> re.Pattern[str]:
    """Digit patterns that are not figures; each alternative continues after the first digit.

    Starting the whole pattern with one digit class lets the regex engine skip straight to digits, which
    keeps this well under a millisecond on an article; alternatives that each start with a word boundary
    would be about ten times slower. Patterns that start before the number are in `_before_re`.
    """
    months = _months(lang)
    # "3. Mai" is a German (and Central European) day; English writes no dot there, so "rose to 12. May
    # officials said" ends a sentence on a figure.
    ordinal_dot = "" if lang == "en" else r"|\."
    rest = [
        # dates
        r"\d{3}-\d{1,2}-\d{1,2}\b",
        r"\d?(?P<ds>[./-])\d{1,2}(?P=ds)(?:\d{4}|\d{2})\b",
        r"\d*/\d+\b",
        rf"\d?(?:st|nd|rd|th|er{ordinal_dot})?(?:\s+(?i:de))?\s+{months}\.?{_NOT_LETTER_AFTER}(?:,?\s+(?:(?i:de)\s+)?\d{{4}}(?!\d))?",
        # year spans ("2019-2023", "2022/23") and decades
        r"(?<=[12])(?:(?<=1)[89]|(?<=2)0)\d\d\s?[-–—/]\s?(?:(?:1[89]|20)\d\d|\d\d)\b(?!-)",
        r"(?:\d{3}|\d)['’]?s\b|\d{3}-(?:х|е|ті|их)" + _NOT_LETTER_AFTER,
        # clock times
        r"\d?:\d{1,2}(?::\d{2})?\b",
        r"\d?(?:[:.]\d{2})?\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)",
        r"\d?h\d{2}\b|\d?\s+o['’]clock\b|\d?(?:[.:]\d{2})?\s+Uhr\b",
        # phone numbers; a local one of seven digits when its last four start with 0 (an upper end of a
        # range never does) or a phone word comes before it ("call 555 1234")
        r"\d{2}(?P<ps>[-.])\d{3}(?P=ps)\d{4}\b",
        r"\d{2}[-.]0\d{3}\b",
        *(rf"(?<=(?i:{re.escape(word)})\s\d)\d{{2}}[-. ]\d{{4}}\b" for word in _PHONE_WORDS),
        r"(?<=0)\d(?:[ .]\d{2}){4}\b",
        r"(?<=8)[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]\d{2}[\s-]\d{2}\b",
        # ordinals
        r"\d*(?i:st|nd|rd|th)\b|\d*\s?[ºª]|\d*\.[ºª]",
        # ages
        r"\d*(?:[-‐ ]+(?i:years?|yrs?|months?|weeks?|days?))[-‐ ]+(?i:old)\b",
        r"\d*[-‐](?i:летн|летия|річн|jährig)\w*",
    ]
    if lang == "fr":
        rest.append(r"\d*(?:er|re|ère|ème|eme|e|es|èmes)\b")
        rest.append(r"\d?\s?h(?:\s?\d{2})?" + _NOT_LETTER_AFTER)
    if lang in ("ru", "uk"):
        rest.append(
            r"\d*-(?:й|я|е|го|му|м|х|ый|ий|ой|ая|ое|ые|ого|ому|ом|ю|ї|та|те|ти|ту|ої)" + _NOT_LETTER_AFTER
        )
        rest.append(r"\d?\.\d{1,2}\.(?=\s|$)")
    if lang == "de":
        rest.append(r"\d?\.\d{1,2}\.(?=\s|$)")
        rest.append(rf"\d?\.\s*{months}")
    if lang in _AGE_HAVE:
        # One fixed-width look-behind a form, like the phone words'.
        verbs, years = _AGE_HAVE[lang]
        rest += [rf"(?<=(?<![^\W\d_])(?i:{verb})\s\d)\d?\s+{years}{_NOT_LETTER_AFTER}" for verb in verbs]
    rest += _AGE_AFTER.get(lang, [])
    return re.compile(r"\d(?<!\w\d)(?:" + "|".join(f"(?:{p})" for p in rest) + ")")


# URLs, handles, phone numbers that start with "+" or "(", and "(1)" list marks; one literal first
# character per alternative keeps the scan fast.
_OTHER_MASK_RE: Final = re.compile(
    r"(?:https?://|www\.)\S+|[@#](?<!\w[@#])[\w.-]+"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,}"
    r"|\(\d{2,4}\)\s?\d{3}[\s.-]?\d{2,4}(?:[\s.-]\d{2})*|\(\d{1,2}\)"
)


def _before_re(lang: str) -> re.Pattern[str]:
    """What, just before a number, makes it a date, a reference or list numbering rather than a figure."""
    parts = [
        rf"(?<![^\W\d_])(?P<month>{_months(lang)})\.?(?P<comma>,)?\s+",
        rf"(?<![^\W\d_])(?P<ref>(?i:{_REFERENCE_WORDS}))\s*№?\s*",
        r"(?:[№§]|(?<![^\W\d_])(?i:n)[°º])\s*",
        r"(?P<line>(?:^|\n)[ \t]*\(?)",
    ]
    return re.compile("(?:" + "|".join(parts) + r")\Z")


def _age_before_re(lang: str) -> re.Pattern[str] | None:
    if lang not in _AGE_BEFORE:
        return None
    return re.compile(rf"(?<![^\W\d_])(?i:{_AGE_BEFORE[lang]})\s+\Z")


# Words after a 1900–2100 number that do not make it a count ("2023 was", "in 2023 the", "2024 election").
_NOT_COUNTED: Final = _wordset(
    """a an the and or but nor to of in on at for with by as from into onto was were is are be been being has
    had have will would could should can may might must when where while that this these those which who
    whom after before since until till during through than per saw marked alone onwards onward it its he she
    they we you i there here level levels figure figures budget election elections census season summit
    report data survey estimate estimates edition games olympics war law campaign plan plans deadline target
    targets peak record high low average total so too also not did does do vote polls poll presidential
    nothing everything something anything none no all both each every many more most only just even still
    yet then now however though although because if once again ever never already brought proved showed
    marks sees brings looks proves begins ends puis mais dans sous vers sans tous plus très nous vous ses ces
    leurs alors aussi après más pues tras mientras entonces sus nos desde
    general world cup le la les l un une des du de et ou à au aux en dans pour par sur avec est était sont ont
    qui que ce cette il elle ils der die das den dem des und oder im am an auf mit von zu zum zur für ist
    war wurde hat haben sind ein eine el la los las y o del con por para fue es una lo al se su
    года году год г гг и в на с по к был была было были что а но до после року рік р і й та у з від був
    була було були що після"""
)
# Words before a 1900–2100 number that make it a year whatever follows ("in 2023 people voted").
_YEAR_BEFORE: Final = _wordset(
    """in since during until till by from through before after early late mid year en depuis dès année
    an im seit jahr jahres desde durante año anno в с после у з від після року"""
)
_LIST_MARK_RE: Final = re.compile(r"[.)][ \t]")

# ---------------------------------------------------------------------------------------------------
# Ranges

_RANGE_OPEN_RE: Final = re.compile(
    r"(?<![^\W\d_])(?P<op>(?i:between|from|entre|de|d['’]|du|desde|von|zwischen|от|между|від|між|tra|fra|da))"
    r"[ \u00a0\u202f]*\Z"
)
_BETWEEN: Final = _wordset("between entre zwischen между між tra fra")
_FROM: Final = _wordset("from de d' d’ du desde von от від da")
_GAP_AND_RE: Final = re.compile(r"[ \u00a0\u202f]+(?i:and|et|und|y|и|і|та|e)[ \u00a0\u202f]+")
_GAP_TO_RE: Final = re.compile(r"[ \u00a0\u202f]+(?i:to|à|a|bis|hasta|до|al|até)[ \u00a0\u202f]+")
_GAP_BARE_TO_RE: Final = re.compile(r"[ \u00a0\u202f]+(?i:to|à|bis)[ \u00a0\u202f]+")
_GAP_DASH_RE: Final = re.compile(r"[-‐]|[ \u00a0\u202f]?[–—][ \u00a0\u202f]?")
_RANGE_VERB_RE: Final = re.compile(
    r"(?<![^\W\d_])(?i:ranges?|ranging|ranged|runs?|running|var(?:y|ies|ying|ied)|estimated(?:\s+at)?"
    r"|estimates?|put\s+at|anywhere|spans?|spanning|span|anything)(?:\s+\S+){0,2}\s+\Z"
)
_CHANGE_VERB_RE: Final = re.compile(
    r"(?<![^\W\d_])(?i:rose|rise[sn]?|rising|fell|falls?|fallen|falling|raised?|raising|increased?|increasing"
    r"|climbed?|climbing|revised|revising|jumped?|jumping|dropped|drops?|dropping|cut|cuts|cutting|grew|grow"
    r"|grown|growing|soared|surged|declined?|decreased?|slipped|slumped|plunged|went|gone|upped|lowered"
    r"|passée?s?|augmentée?s?|grimpée?s?|chutée?s?|baissée?s?|diminuée?s?|reculée?s?|progressée?s?|bondi"
    r"|relevée?s?|révisée?s?|abaissée?s?|portée?s?|montée?s?|tombée?s?|pasó|aumentó|subió|bajó|cayó|creció"
    r"|descendió|elevó|redujo|aumentaron|subieron|cayeron|bajaron|passou|subiu|caiu)"
    r"(?:\s+\S+){0,3}\s+\Z"
)
_SPORT_RE: Final = re.compile(
    r"(?i:score[sd]?|won|wins?|beat|beats|beaten|defeat(?:ed|s)?|victory|lost|loses|draw|drew|match|game"
    r"|goals?|final|lead|led|voted?|votes|ruling|sets?|points)"
)


# ---------------------------------------------------------------------------------------------------
# Per-language compiled patterns


@dataclass(frozen=True, slots=True)
class _Lang:
    code: str
    core: re.Pattern[str]
    scale: re.Pattern[str]
    scales: dict[str, int]
    unit_by_char: dict[str, re.Pattern[str]]
    units_cs: dict[str, _Unit]
    units_ci: dict[str, _Unit]
    hedge: re.Pattern[str]
    hedge_last: frozenset[str]
    month_word: re.Pattern[str]
    vague: re.Pattern[str] | None
    vague_starts: frozenset[str]
    trigger: re.Pattern[str]
    after_one: frozenset[str]
    mask: re.Pattern[str]
    before: re.Pattern[str]
    words: dict[str, _WordKind]
    ordinal_tail: re.Pattern[str] | None  # the ordinal that makes number words before it one ordinal
    age_before: re.Pattern[str] | None  # the words before a number that make it a person's age


def _trie(words: set[str]) -> str:
    """A regex matching exactly `words`, written as a trie so that the engine never backtracks far."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(root)


def _trigger_re(lang: str, vague_starts: set[str]) -> re.Pattern[str]:
    """Lower-case words that may start a figure: number words, vague quantities, "a"/"one" + scale."""
    words = set(_NUMBER_WORDS[lang]) | vague_starts | set(_ONE_WORDS) | set(_FR_APPROX) | {"une", "un"}
    pattern = _trie({_apostrophes(w) for w in words})
    if lang == "de":
        pattern = f"(?:{_DE_MORPHEME_RE.pattern})+|{pattern}"
    return re.compile(f"(?:{pattern}){_NOT_LETTER_AFTER}")


# The ordinals of the units, after which a run of number words is one compound ordinal ("twenty-first",
# "двадцять перший", "тридцать третьего", "vingt et unième"), not a count: each grammar's ordinal
# adjectives of 1 to 9 with their case endings (French: a singular "-ième" or "premier", as "vingt premiers
# jours" are twenty). German writes its compound ordinals as one word, and Spanish's start with an ordinal
# of the tens: neither reads as a number.
_ORDINAL_UNITS: Final[dict[str, str]] = {
    "en": r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth",
    "fr": r"\w*ième|premi(?:er|ère)",
    "ru": r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят)"
    r"(?:ый|ая|ое|ые|ого|ому|ом|ой|ую|ых|ым|ыми|ий|ья|ье|ьи|ьего|ьему|ьей|ью|ьих|ьим)",
    "uk": r"(?:перш|друг|трет|четверт|п'ят|шост|сьом|восьм|дев'ят)"
    r"(?:ий|а|е|і|ого|ому|ої|ій|у|их|им|ими|ю|ього|ьому|ьої|ьої|я|є)",
}


def _ordinal_tail_re(lang: str) -> re.Pattern[str] | None:
    units = _ORDINAL_UNITS.get(lang)
    if units is None:
        return None
    return re.compile(rf"[ \u00a0‐-]+(?:(?:and|et|и|і|й)[ \u00a0‐-]+)?(?:{units})(?!\w)")


# words after "a"/"one"/"eine" that make a figure of it, beyond the language's own multipliers
_AFTER_ONE: Final = _wordset("few couple paar million millionen milliarde milliarden dutzend hundert tausend")


def _build_lang(lang: str) -> _Lang:
    scales = {**_SCALES_COMMON, **_SCALES_LANG[lang]}
    scale_re = re.compile(rf"{_SP}?(?:{_alt(list(scales))}){_NOT_LETTER_AFTER}")
    cs: dict[str, _Unit] = {}
    ci: dict[str, _Unit] = {}
    forms_ci: list[str] = []
    forms_cs: list[str] = []
    for unit, ci_forms, cs_forms, langs in _UNIT_ROWS:
        if langs is not None and lang not in langs:
            continue
        for form in ci_forms:
            ci.setdefault(_norm(form), unit)
            forms_ci.append(form)
        for form in cs_forms:
            cs.setdefault(form, unit)
            forms_cs.append(form)
    forms = {(f, True) for f in forms_ci} | {(f, False) for f in forms_cs}
    by_char: dict[str, re.Pattern[str]] = {}
    for first in {f[0].casefold() for f, _ in forms}:
        bucket = sorted((x for x in forms if x[0][0].casefold() == first), key=lambda x: -len(x[0]))
        alternation = "|".join(_alt([f], ci=flag) for f, flag in bucket)
        by_char[first] = re.compile(f"(?:{alternation}){_NOT_LETTER_AFTER}")
    starts: set[str] = set()
    if lang in _VAGUE_SPEC:
        mods, bases, _ = _VAGUE_SPEC[lang]
        starts = {w.split()[0].casefold() for w in (mods + "|" + bases).split("|")}
    return _Lang(
        code=lang,
        core=_core_re(lang),
        scale=scale_re,
        scales={_norm(k): v for k, v in scales.items()},
        unit_by_char=by_char,
        units_cs=cs,
        units_ci=ci,
        hedge=_hedge_re(lang),
        hedge_last=frozenset(_key(f.split()[-1]) for forms in _HEDGES[lang].values() for f in forms),
        month_word=re.compile(_months(lang)),
        vague=_vague_re(lang),
        vague_starts=frozenset(starts),
        trigger=_trigger_re(lang, starts),
        after_one=frozenset(
            {w for w, (_, kind) in _NUMBER_WORDS[lang].items() if kind in "hsz"}
            | {_key(k) for k in scales}
            | set(_FR_APPROX)
            | _AFTER_ONE
        ),
        mask=_mask_re(lang),
        before=_before_re(lang),
        words=_NUMBER_WORDS[lang],
        ordinal_tail=_ordinal_tail_re(lang),
        age_before=_age_before_re(lang),
    )


_UNIT_ROWS: Final = _unit_rows()
_LANG_TABLE: Final[dict[str, _Lang]] = {code: _build_lang(code) for code in _LANGS}


def _lang(lang: str) -> _Lang:
    return _LANG_TABLE.get(lang.lower()[:2], _LANG_TABLE["en"])


# ---------------------------------------------------------------------------------------------------
# Reading one number at a position


@dataclass(slots=True)
class _Core:
    start: int
    end: int  # after any scale word
    scale: int
    value: float
    plow: float  # the interval that the precision as written allows
    phigh: float
    words: bool
    one_word: bool  # a lone "one" / "a" / "un" without a multiplier
    plain: str  # the digits when written as a bare integer without separators, else ""
    mant: int = 0  # digits as an integer and how many of them are decimals: "2.4" → 24, 1
    dec: int = 0


@dataclass(slots=True)
class _Words:
    end: int
    value: float
    last_scale: int
    tokens: int
    one_word: bool


def _cap_after(value: float, lang: str) -> float:
    """Largest additive part that may follow `value` inside one group ("twenty" → "-one", not "-twelve")."""
    if value >= 100:
        return 100.0
    if value in (60.0, 80.0) and lang == "fr":
        return 20.0  # soixante-douze, quatre-vingt-dix-neuf
    if value >= 20 and value % 10 == 0:
        return 10.0
    if value == 10:
        return 10.0  # dix-sept
    return 0.0


def _read_words(text: str, pos: int, lang: str, words: dict[str, _WordKind]) -> _Words | None:
    if lang == "de":
        m = _WORD_AT_RE.match(text, pos)
        if m is None:
            return None
        word = m.group().casefold()
        if word in _DE_ARTICLES:
            return _Words(m.end(), 1.0, 0, 1, True)  # "eine Million": a figure only with the scale word
        value = _de_word_value(word)
        if value is None:
            return None
        return _Words(m.end(), value, 0, 1, word in ("ein", "eins"))
    total, cur, cap = 0.0, 0.0, float("inf")
    group_has_hundred = False
    last_scale = 0  # the scale word the number ends on, for precision
    prev_scale = 0
    end, tokens, one_word = pos, 0, False
    prev_kind, prev_value, prev_word = "", 0.0, ""
    p = pos
    connector = _CONNECTORS.get(lang)
    while True:
        m = _WORD_AT_RE.match(text, p)
        if m is None:
            break
        word = _norm(m.group())
        entry = words.get(word)
        if entry is None and connector is not None and word == connector and tokens:
            # "two hundred and seven", "vingt et un", "treinta y dos": consume only if a number follows
            allowed = prev_kind in ("h", "s") if lang == "en" else (prev_value >= 20 and prev_value % 10 == 0)
            sep = _WORD_SEP_RE.match(text, m.end())
            if not allowed or sep is None:
                break
            nxt = _WORD_AT_RE.match(text, sep.end())
            if nxt is None or words.get(_norm(nxt.group()), (0.0, ""))[1] != "u":
                break
            m = nxt
            word = _norm(m.group())
            entry = words.get(word)
        if entry is None:
            break
        value, kind = entry
        last_scale = 0
        if kind == "a":
            if tokens:
                break
            one_word = True
        elif kind == "c":
            if tokens:
                break
            cur = value
            cap = 0.0
        elif kind == "u":
            if prev_kind == "a":
                break  # "a" counts only before a multiplier: "a hundred", not "a five"
            if lang == "fr" and word in ("vingt", "vingts") and prev_word == "quatre" and cur % 100 == 4:
                cur += 76.0  # quatre-vingt(s)
                cap = 20.0
            elif value < cap:
                cur += value
                cap = _cap_after(value, lang)
            else:
                break
        elif kind == "h":
            if cur % 100 != cur or group_has_hundred:
                break
            if cur == 0 and prev_kind != "a" and word not in _BARE_MULTIPLIERS:
                break
            cur = max(cur, 1.0) * value
            cap = 100.0
            group_has_hundred = True
        elif kind == "z":
            if cur == 0 and prev_kind != "a":
                break
            cur = max(cur, 1.0) * value
            cap = 0.0
        else:  # scale
            scale = int(value)
            if total == 0 and cur == 0 and prev_kind != "a" and word not in _BARE_MULTIPLIERS:
                break
            if prev_scale and scale > prev_scale:
                if total + cur >= scale:
                    break  # only a group below the scale compounds: "mil millones mil millones" is two
                total = (total + cur) * scale  # "mil millones": a thousand millions
                scale *= prev_scale
            elif prev_scale and scale == prev_scale:
                break
            else:
                total += max(cur, 1.0) * scale
            cur, cap, group_has_hundred = 0.0, 1000.0, False
            prev_scale = last_scale = scale
        one_word = kind == "a" or (kind == "u" and tokens == 0 and word in _ONE_WORDS)
        tokens += 1
        end = m.end()
        prev_kind, prev_value, prev_word = kind, value, word
        sep = _WORD_SEP_RE.match(text, end)
        if sep is None:
            break
        p = sep.end()
    if tokens == 0 or prev_kind == "a":
        return None
    if tokens > 1 and one_word:
        one_word = False
    return _Words(end, total + cur, last_scale, tokens, one_word)


def _read_scale(text: str, pos: int, lang: _Lang) -> tuple[int, int]:
    scale = 1
    n = len(text)
    for _ in range(2):
        # every scale word starts with a letter, at most one space away: skip the regex otherwise
        q = pos + 1 if pos < n and text[pos] in _SPACES else pos
        if q >= n or not text[q].isalpha():
            break
        m = lang.scale.match(text, pos)
        if m is None:
            break
        scale *= lang.scales[_norm(m.group().strip(" \u00a0\u202f"))]
        pos = m.end()
    return scale, pos


def _interval_digits(mant: int, dec: int, scale: int) -> tuple[float, float, float]:
    """Value and precision interval of a digit number: "2.4 million" → 2.4e6 in [2.35e6, 2.45e6]."""
    denom = 10**dec
    value = mant * scale / denom
    if scale == 1 and dec == 0:
        return value, value, value
    return value, (2 * mant - 1) * scale / (2 * denom), (2 * mant + 1) * scale / (2 * denom)


def _read_core(text: str, pos: int, lang: _Lang, *, allow_mb: bool = False) -> _Core | None:
    """The number at `pos` with its scale words, digits or words; None if there is none."""
    if pos < len(text) and text[pos].isdigit():
        m = lang.core.match(text, pos)
        if m is None:
            return None
        if m.lastgroup == "plain" and m.end() - pos <= 3 and _MORE_GROUPS_RE.match(text, m.end()):
            return None  # the head of a group of digits too long to read: not "1" of "1 000 000 …"
        digits = _digits(m, lang.code)
        if digits is None:
            return None
        mant, dec = digits
        scale, end = _read_scale(text, m.end(), lang)
        if allow_mb and scale == 1:
            mb = _MB_RE.match(text, end)
            if mb is not None:
                scale, end = (10**6 if mb.group("l") in "mM" else 10**9), mb.end()
        value, plow, phigh = _interval_digits(mant, dec, scale)
        plain = m.group() if m.lastgroup == "plain" and dec == 0 else ""
        return _Core(pos, end, scale, value, plow, phigh, False, False, plain, mant, dec)
    if not lang.words and lang.code != "de":
        return None
    w = _read_words(text, pos, lang.code, lang.words)
    if w is None:
        return None
    scale, end = _read_scale(text, w.end, lang)
    value = w.value * scale
    half = 0.5 * scale if scale > 1 else 0.5 * w.last_scale
    return _Core(pos, end, scale, value, value - half, value + half, True, w.one_word and scale == 1, "")


# ---------------------------------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    cstart: int  # start without the hedge: where a range connector must end
    num_start: int
    num_end: int
    value: float | None
    plow: float | None
    phigh: float | None
    qualifier: str | None
    unit: _Unit | None
    core: _Core | None = None
    yearlike: bool = False  # a bare 1900–2100 that nothing marks as a count
    year_shaped: bool = False  # a bare 1900–2100, whatever follows
    prefix_currency: bool = False
    scale: int = 1  # the scale word's factor ("million": 10**6), for ranges that share one


_SPACES: Final = " \u00a0\u202f"
_CURRENCY_CHARS: Final = frozenset("$€£₽₴¥₹₺")
_CURRENCY_CODES: Final = _wordset("USD EUR GBP RUB UAH CHF JPY CNY INR CAD AUD PLN Rs Rs.")


def _word_before(text: str, s: int) -> tuple[int, str]:
    """Where the text before `s` ends once spaces are skipped, and the word ending there ("" if none).

    The anchored look-behind regexes are costly to run at every number, so they run only when this
    word (or character) could begin what they look for.
    """
    j = s
    while j > 0 and text[j - 1] in _SPACES:
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in ".'’"):
        k -= 1
    return j, text[k:j]


def _is_reference(text: str, core: _Core, lang: _Lang, j: int, word: str) -> bool:
    """A date ("Jan. 31"), a reference ("Article 49.3", "No. 5"), list numbering ("2) …") or an age
    ("âgé de 29") at `core`."""
    if lang.age_before is not None and lang.age_before.search(text, max(0, core.start - 24), core.start):
        return True
    if word:
        word = _apostrophes(word).rpartition("'")[2]  # "l'article"
        bare = word.rstrip(".")
        if _key(word) not in _REFERENCE_KEYS and lang.month_word.fullmatch(bare) is None:
            return False
    elif not (j == 0 or text[j - 1] in "\n(№§°º"):
        return False
    m = lang.before.search(text, max(0, core.start - 24), core.start)
    if m is None:
        return False
    if m.group("month") is not None:
        # "January 31", "January 2024" but not "in January, 3,000 people"
        return len(core.plain) == 4 or (0 < len(core.plain) <= 2 and m.group("comma") is None)
    if m.group("line") is not None:
        after = text[core.end : core.end + 2]
        return 0 < len(core.plain) <= 3 and _LIST_MARK_RE.match(after) is not None
    return True


_OF_RE: Final = re.compile(rf"(?:(?i:of|de|de\s+los|de\s+las){_SP}+|(?i:d)['’]{_SP}*)")


def _unit_at(text: str, pos: int, lang: _Lang, of: bool) -> tuple[_Unit, int] | None:
    """The unit written at `pos` ("500 metres", "500-metre", "3 millions d'euros" when `of`)."""
    n = len(text)
    p = pos
    if p < n and text[p] in "-‐":
        p += 1
        if p >= n or not text[p].isalpha():
            return None
    else:
        while p < n and p - pos < 2 and text[p] in _SPACES:
            p += 1
        if of and p > pos:
            m = _OF_RE.match(text, p)
            if m is not None:
                p = m.end()
    if p >= n:
        return None
    # one small regex per first character: trying hundreds of forms at every number would be slow
    rx = lang.unit_by_char.get(text[p].casefold())
    if rx is None:
        return None
    m = rx.match(text, p)
    if m is None:
        return None
    form = m.group()
    if form == "C" and p != pos:
        return None  # "1.5C" is a temperature; in "grade 5 C" the letter is a name
    unit = lang.units_cs.get(form) or lang.units_ci.get(_norm(form))
    if unit is None:
        return None
    return unit, m.end()


_NOT_A_COUNT_AFTER_HYPHEN: Final = _wordset(
    "star stars way sided state party time times fold dimensional d wheel stroke speed bedroom door seater"
)
_NEXT_WORD_RE: Final = re.compile(r"[ \u00a0\u202f]+([^\W\d_]+)")
_AGO_AFTER_RE: Final = re.compile(r"\s+(?i:ago|назад|тому)" + _NOT_LETTER_AFTER)
_AGO_BEFORE_RE: Final = re.compile(r"(?<![^\W\d_])(?i:il\s+y\s+a|vor|hace|há)\s+\Z")
_SIGN_BEFORE_RE: Final = re.compile(r"(?:(?<![\w\d])[-−]|(?<![^\W\d_])(?i:minus|moins|минус|мінус)\s+)\Z")
_DURATION_JOIN_RE: Final = re.compile(r"(?:\s*,\s*|\s+(?i:and|et|und|y|и|і|й)\s+|\s+)")


def _suffix_at(text: str, pos: int) -> re.Match[str] | None:
    """A hedge written after the number ("200+", "40 or more"), looked for only where one can start."""
    ch = _letter_at(text, pos)
    if ch and (ch in "+-‐" or (ch in _SUFFIX_FIRST and text[pos] in _SPACES)):
        return _SUFFIX_QUALIFIER_RE.match(text, pos)
    return None


_SUFFIX_FIRST: Final = frozenset("oOeEuUyYиИіІйЙаА")


def _letter_at(text: str, pos: int) -> str:
    """The character at `pos`, or after one space there; "" at the end of the text."""
    if pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return text[pos] if pos < len(text) else ""


def _extend(text: str, core: _Core, lang: _Lang, prev: _Cand | None) -> _Cand | None:
    """Grow a number into a figure: currency, scale, unit, hedges; None when it is not a figure.

    Nothing is taken from before the end of `prev`, the previous figure.
    """
    floor = prev.end if prev is not None else 0
    s, pos = core.start, core.end
    n = len(text)
    # left context: a letter or "letter-" before digits is a designation (Il-76, G7, COVID-19)
    if not core.words and s > 0:
        left = text[s - 1]
        if left.isalpha() or left == "_":
            return None
        if left in "-‐" and s > 1 and text[s - 2].isalpha():
            return None
        if left in ".,:/" and s > 1 and text[s - 2].isdigit():
            return None
    if not core.words and pos + 1 < n and text[pos] in ".,:" and text[pos + 1].isdigit():
        return None  # 1.2.3, 49.3.1: versions and sections
    if len(core.plain) > 1 and core.plain[0] == "0":
        return None  # 007, 02134: codes, not counts
    j, word_before = _word_before(text, s)
    if not core.words and _is_reference(text, core, lang, j, word_before):
        return None
    cur = None
    if (j > 0 and text[j - 1] in _CURRENCY_CHARS) or word_before in _CURRENCY_CODES:
        cur = _CUR_PREFIX_RE.search(text, max(floor, s - 8), s)
    prefix_unit = _money(_CURRENCY_PREFIXES[re.sub(r"\s", " ", cur.group("c"))]) if cur else None
    if prefix_unit is None and cur is not None:
        prefix_unit = _money("USD")
    cstart = cur.start() if cur else s
    value, plow, phigh, scale = core.value, core.plow, core.phigh, core.scale
    num_end = pos
    if not core.words and scale == 1 and _letter_at(text, pos) in "mMbB":
        mb = _MB_RE.match(text, pos)
        if mb is not None:
            letter = mb.group("l")
            nxt = _NEXT_WORD_RE.match(text, mb.end())
            follower = nxt.group(1).casefold() if nxt else ""
            money_after = _unit_at(text, mb.end(), lang, False)
            is_million = (
                (prefix_unit is not None)
                or (prev is not None and prev.prefix_currency and _GAP_DASH_RE.fullmatch(text[prev.end : s]))
                or letter == "M"
                or follower in _MILLION_NOUNS
                or follower == "of"
                or (money_after is not None and money_after[0].dimension.startswith("money"))
            )
            if letter in "bB" and prefix_unit is None:
                is_million = False
            if is_million:
                scale = 10**6 if letter in "mM" else 10**9
                value, plow, phigh = _interval_digits(core.mant, core.dec, scale)
                pos = num_end = mb.end()
    qualifier: str | None = None
    suffix = _suffix_at(text, pos)
    if suffix is not None:
        qualifier = suffix.lastgroup
        pos = suffix.end()
    unit = prefix_unit
    if unit is None:
        found = _unit_at(text, pos, lang, scale > 1) or (
            _unit_at(text, pos, lang, False) if scale > 1 else None
        )
        if found is not None:
            unit, pos = found
    # compound durations: "1 hour and 45 minutes" is 105 minutes
    if unit is not None and unit.dimension == "duration":
        while True:
            join = _DURATION_JOIN_RE.match(text, pos)
            if join is None:
                break
            nxt_core = _read_core(text, join.end(), lang)
            if nxt_core is None or nxt_core.scale != 1:
                break
            nxt_unit = _unit_at(text, nxt_core.end, lang, False)
            if nxt_unit is None or nxt_unit[0].dimension != "duration" or nxt_unit[0].factor >= unit.factor:
                break
            ratio = unit.factor / nxt_unit[0].factor
            value = value * ratio + nxt_core.value
            plow = plow * ratio + nxt_core.plow
            phigh = phigh * ratio + nxt_core.phigh
            unit, pos = nxt_unit
            num_end = pos
        if _AGO_AFTER_RE.match(text, pos) or _AGO_BEFORE_RE.search(text, max(0, cstart - 12), cstart):
            return None
    if qualifier is None:
        suffix = _suffix_at(text, pos)
        if suffix is not None:
            qualifier = suffix.lastgroup
            pos = suffix.end()
    # right context: letters glued to digits (4G, 3D) make a name; "5-star", "two-way" are not counts
    # either, while "27-nation", "100,000-strong", "6.2-magnitude" are
    if pos < n and unit is None:
        if text[pos].isalpha() and not core.words:
            return None
        if text[pos] in "-‐":
            word = _WORD_AT_RE.match(text, pos + 1)
            if word is not None and word.group().casefold() in _NOT_A_COUNT_AFTER_HYPHEN:
                return None
    if core.words:
        if _FRACTION_AFTER_RE.match(text, core.end) or _AGE_AFTER_RE.match(text, core.end):
            return None
        if core.one_word:
            return None
    if unit is not None and unit.dimension == "temperature":
        sign = _SIGN_BEFORE_RE.search(text, max(floor, cstart - 8), cstart)
        if sign is not None:
            value, plow, phigh = -value, -phigh, -plow
            cstart = s = sign.start()
    start = cstart
    hedge = None
    if cstart != s:
        j, word_before = _word_before(text, cstart)
    key_before = _key(word_before)
    if key_before in lang.hedge_last or (not word_before and j > 0 and text[j - 1] in "~≈"):
        hedge = lang.hedge.search(text, max(floor, cstart - 40), cstart)
    if (
        hedge is not None
        and prev is not None
        and hedge.group().strip().casefold() == "до"
        and not text[floor : hedge.start()].strip()
    ):
        hedge = None  # "с 5 до 10": "до" joins two figures here, it does not cap the second
    if hedge is not None:
        # a hedge before the number outweighs one after it ("some 40 or more" is about 40)
        qualifier = "about" if hedge.lastgroup == "tilde" else hedge.lastgroup
        start = hedge.start()
    yearlike = year_shaped = False
    if (
        len(core.plain) == 4
        and 1900 <= int(core.plain) <= 2100
        and scale == 1
        and prefix_unit is None
        and (unit is None or unit.symbol == "yr")
    ):
        if unit is not None:
            return None  # "2023 года", "2023 year"
        year_shaped = True
        word = _NEXT_WORD_RE.match(text, pos)
        follower = word.group(1) if word else ""
        counted = bool(follower) and follower.casefold() not in _NOT_COUNTED
        if counted and follower[0].islower() == (lang.code == "de"):
            counted = False  # a count is followed by a noun: lower case, or capitalised in German
        if counted and lang.code in ("fr", "es", "pt") and follower[-1] not in "sx":
            counted = False  # "2000 morts" but "le budget 2024 prévoit": counted nouns are plural here
        if key_before in _YEAR_BEFORE:
            counted = False
        yearlike = not counted
    return _Cand(
        start=start, end=pos, cstart=cstart, num_start=s, num_end=num_end, value=value, plow=plow,
        phigh=phigh, qualifier=qualifier, unit=unit, core=core, yearlike=yearlike, year_shaped=year_shaped,
        prefix_currency=prefix_unit is not None, scale=scale,
    )  # fmt: skip


def _vague_at(text: str, pos: int, lang: _Lang) -> _Cand | None:
    if lang.code == "fr":
        m = _FR_APPROX_RE.match(text, pos)
        if m is not None:
            value = float(_FR_APPROX[m.group("n").casefold()])
            end = m.end()
            found = _unit_at(text, end, lang, True)
            unit = found[0] if found else None
            end = found[1] if found else end
            return _Cand(pos, end, pos, pos, m.end(), value, value, value, "about", unit)
    if lang.vague is None:
        return None
    m = lang.vague.match(text, pos)
    if m is None:
        return None
    mod_text, b1, b2 = m.group("mod"), m.group("b1").casefold(), m.group("b2")
    mod = _VAGUE_MODS.get(" ".join(mod_text.casefold().split()), "plain") if mod_text else ""
    if b1 in _VAGUE_SINGULAR and mod in ("", "plain"):
        return None  # "hundred", "a thousand" are numbers, not vague quantities
    if b1 in _VAGUE_GENITIVE and not mod and not b2:
        return None
    if b1 == "tens" and not b2 and not text.startswith(" of", m.end()):
        return None
    if mod_text and mod_text.casefold() in ("unos", "unas", "des") and b1 in _VAGUE_SINGULAR:
        return None
    base = _VAGUE_BASES[b1]
    if b2:
        base *= _VAGUE_BASES[b2.split()[-1].casefold().lstrip("d'’")]
    low, high = _vague_bounds(base, mod or "plain")
    end = m.end()
    found = _unit_at(text, end, lang, True)
    unit = None
    if found is not None and found[0].dimension.startswith("money"):
        unit, end = found
    return _Cand(pos, end, pos, pos, m.end(), None, low, high, "range", unit)


# ---------------------------------------------------------------------------------------------------
# Ranges


def _scaled_to(a: _Cand, b: _Cand) -> float | None:
    """A's value, borrowing B's scale when only B has one ("2 to 3 million")."""
    if a.value is None:
        return None
    if a.scale == 1 and b.scale > 1 and (a.unit is None or a.prefix_currency):
        borrowed = a.value * b.scale
        if b.value is not None and borrowed < b.value:
            return borrowed
    return a.value


def _try_range(text: str, a: _Cand, b: _Cand, floor: int) -> _Cand | str | None:
    """A and B joined as a range, "score" when they are a score (3-1), or None when they stay apart."""
    if a.value is None or b.value is None or a.core is None or b.core is None:
        return None
    gap = text[a.end : b.cstart]
    if len(gap) > 12:
        return None
    if _GAP_DASH_RE.fullmatch(gap):
        kind = "dash"
    elif _GAP_AND_RE.fullmatch(gap):
        kind = "and"
    elif _GAP_TO_RE.fullmatch(gap):
        kind = "to"
    else:
        return None
    if kind == "dash" and _small_pair(a, b) and (a.value >= b.value or _sport_near(text, a.start, b.end)):
        return "score"
    if a.qualifier not in (None, "about") or (a.yearlike and b.yearlike):
        return None
    if not (a.unit is None or b.unit is None or a.unit == b.unit):
        return None
    low = _scaled_to(a, b)
    if low is None or not low < b.value:
        return None
    opener = _RANGE_OPEN_RE.search(text, max(floor, a.start - 12), a.start)
    op = opener.group("op").casefold() if opener else ""
    ok = False
    if kind == "and":
        ok = op in _BETWEEN
    elif kind == "to" and op in _BETWEEN:
        ok = True
    elif kind == "to" and opener is not None and op in _FROM:
        before = opener.start()
        if op == "from":
            # "ranging from 40 to 90" is a range; "rose from 40 to 90" is two figures
            ok = _RANGE_VERB_RE.search(text, max(0, before - 40), before) is not None
        elif op in ("от", "від"):
            ok = True
        else:
            ok = _CHANGE_VERB_RE.search(text, max(0, before - 40), before) is None
    else:
        opener = None
        if kind == "dash":
            ok = True
        else:
            ok = (
                _GAP_BARE_TO_RE.fullmatch(gap) is not None
                and (a.unit is None or a.unit == b.unit)
                and _CHANGE_VERB_RE.search(text, max(0, a.start - 40), a.start) is None
            )
    if not ok:
        return None
    start = opener.start() if opener is not None else a.start
    return _Cand(
        start=start, end=b.end, cstart=start, num_start=a.num_start, num_end=b.num_end, value=None,
        plow=low, phigh=b.value, qualifier="range", unit=b.unit or a.unit,
    )  # fmt: skip


def _small_pair(a: _Cand, b: _Cand) -> bool:
    """Two bare integers of one or two digits, as in a score."""
    if a.core is None or b.core is None or a.unit is not None or b.unit is not None:
        return False
    if a.qualifier is not None or b.qualifier is not None:
        return False
    return 0 < len(a.core.plain) <= 2 and 0 < len(b.core.plain) <= 2


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        if i + 1 < len(cands):
            a, b = cands[i], cands[i + 1]
            # "from 2019 to 2023 nothing changed": the second year is a year too
            if (
                a.yearlike
                and b.year_shaped
                and a.value is not None
                and b.value is not None
                and 0 < b.value - a.value <= 50
                and len(text[a.end : b.cstart]) <= 6
            ):
                b.yearlike = True
            r = _try_range(text, cands[i], cands[i + 1], out[-1].end if out else 0)
            if r is not None:
                if isinstance(r, _Cand):
                    out.append(r)
                i += 2
                continue
        out.append(cands[i])
        i += 1
    return out


def _sport_near(text: str, start: int, end: int) -> bool:
    return _SPORT_RE.search(text, max(0, start - 40), min(len(text), end + 40)) is not None


# ---------------------------------------------------------------------------------------------------
# Public functions


def _interval(c: _Cand) -> tuple[float | None, float | None]:
    v, q = c.value, c.qualifier
    if v is None:
        return c.plow, c.phigh
    plow = v if c.plow is None else c.plow
    phigh = v if c.phigh is None else c.phigh
    if q is None:
        return plow, phigh
    # ×9/10 rather than ×0.9 keeps round figures round: 3.5e6 → 3.15e6, not 3150000.0000000005
    if q == "about":
        lo, hi = sorted((v * 9 / 10, v * 11 / 10))
        return min(lo, plow), max(hi, phigh)
    if q == "nearly":
        lo, hi = sorted((v * 9 / 10, v))
        return lo, hi
    if q in ("more_than", "at_least"):
        return v, None
    signed = c.unit is not None and c.unit.dimension == "temperature"
    return (None if signed or v < 0 else 0.0), v


def _mention(text: str, c: _Cand) -> NumberMention:
    low, high = _interval(c)
    unit = c.unit
    return NumberMention(
        start=c.start,
        end=c.end,
        value=c.value,
        low=low,
        high=high,
        qualifier=c.qualifier,
        unit=unit.symbol if unit else None,
        dimension=unit.dimension if unit else None,
        base_factor=unit.factor if unit else 1.0,
        base_offset=unit.offset if unit else 0.0,
        text=text[c.start : c.end],
        number_text=text[c.num_start : c.num_end],
    )


def find_numbers(text: str, lang: str = "en") -> list[NumberMention]:
    """Every figure worth recording in `text`, in order of position.

    Dates, clock times, years, ordinals, designations (Il-76, F-16, COVID-19), phone numbers, list
    numbering, section numbers, "N-year-old" ages, scores and numbers in URLs, @handles and #hashtags are
    left out; percentages, money, quantities with units, vague quantities and ranges are kept.

    `lang` is a two-letter code. en, fr, es, de, ru and uk have digits, number words, hedges and vague
    quantities; it and pt have digits, scale words and hedges; any other code is read as English.
    """
    lg = _lang(lang)
    mask = bytearray(len(text))
    for pattern in (lg.mask, _OTHER_MASK_RE):
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    # Only digit runs and the words that can start a figure are visited; the word regex is a trie over
    # the lower-cased text, which is several times faster than a loop over every token.
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"); keep offsets aligned
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    low = _apostrophes(low)
    hits = [(m.start(), m.end()) for m in _DIGITS_RE.finditer(text)]
    hits += [
        (m.start(), m.end())
        for m in lg.trigger.finditer(low)
        if m.start() == 0 or not low[m.start() - 1].isalpha()
    ]
    hits.sort()
    cands: list[_Cand] = []
    done = 0
    for s, e in hits:
        if s < done or mask[s]:
            continue
        cand: _Cand | None = None
        prev = cands[-1] if cands else None
        if text[s].isdigit():
            core = _read_core(text, s, lg)
            if core is not None:
                cand = _extend(text, core, lg, prev)
            elif (run := _RUN_RE.match(text, s)) is not None:
                e = run.end()  # a run too long to be a figure: none of its groups is one either
            if cand is None:
                done = max(done, e)
        else:
            word = low[s:e]
            if word in _ONE_WORDS:
                # "a", "one", "un" are articles and pronouns unless a multiplier follows: check that first
                nxt = _NEXT_WORD_RE.match(low, e)
                if nxt is None or nxt.group(1) not in lg.after_one:
                    continue
            if word in lg.vague_starts or (lg.code == "fr" and word in ("un", "une")):
                cand = _vague_at(text, s, lg)
            if cand is None:
                core = _read_core(text, s, lg)
                if core is not None and not mask[core.end - 1]:
                    cand = _extend(text, core, lg, prev)
                if cand is not None and lg.ordinal_tail is not None:
                    tail = lg.ordinal_tail.match(low, core.end if core is not None else cand.end)
                    if tail is not None:
                        done = max(done, tail.end())
                        continue
        if cand is not None:
            cands.append(cand)
            done = cand.end
    merged = _merge_ranges(text, cands)
    return [_mention(text, c) for c in merged if not c.yearlike]


def parse_number(text: str, lang: str = "en") -> float | None:
    """The value of one number as written, without hedge or unit: "1.28 million" → 1280000.0.

    Reads digits in the convention of `lang` ("12.345" is 12345 in German, 12.345 in English), scale
    words and abbreviations ("3,5 млн", "1.5bn", "$5m" style "m"/"b") and number words ("two hundred and
    seven", "Thirty-nine"). Returns None when `text` is not exactly one number.
    """
    lg = _lang(lang)
    s = text.strip()
    if not s:
        return None
    sign = 1.0
    if s[0] in "-−":
        sign, s = -1.0, s[1:].lstrip()
    core = _read_core(s, 0, lg, allow_mb=True)
    if core is None or s[core.end :].strip():
        return None
    return sign * core.value
