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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from bot.pipeline import lang as langpacks
from bot.pipeline.lang.pack import (
    CompoundNumbers,
    Hedging,
    LanguagePack,
    NumberWord,
    Qualifier,
    Vague,
    Vigesimal,
)

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
#
# Every word of every language is in its pack (bot/pipeline/lang/<code>/); this module reads them. A pack's
# own slots are read in its texts only; its shared slots, in every text (see lang/pack.py): the union of
# the shared slots over all packs is taken once, below.

_PACKS: Final = langpacks.packs()
_SHARED_PACKS: Final = tuple(p for p in _PACKS if p.lingua_franca)  # English: read in every language
_SP: Final = "[ \u00a0\u202f]"  # the spaces that may sit inside a figure ("3 000", "5 %")
_NOT_LETTER_AFTER: Final = r"(?![^\W\d_])"
_NEVER: Final = "(?!)"

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


def _phrases(forms: Iterable[str]) -> str:
    """Alternation of literal forms in the order given; spaces match any run of spaces."""
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms) or _NEVER


def _regexes(fragments: Iterable[str]) -> str:
    """Alternation of regex fragments in the order given; never matches when there are none."""
    return "|".join(fragments) or _NEVER


def _shared(slot: Callable[[LanguagePack], Iterable[str]]) -> tuple[str, ...]:
    """A shared slot: its items over every pack, in registry order, each once."""
    return langpacks.union(slot(pack) for pack in _PACKS)


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


# One row per unit: symbol ; dimension ; factor to the base unit ; its symbols, case-sensitive (SI and
# ISO 4217). The units' words in each language are in the packs (`units.words`, by symbol).
_UNIT_TABLE: Final = """
# length, base metre
m ; length ; 1 ; m
km ; length ; 1000 ;
cm ; length ; 0.01 ; cm
mm ; length ; 0.001 ; mm
ft ; length ; 0.3048 ;
mi ; length ; 1609.344 ; mi
yd ; length ; 0.9144 ;
in ; length ; 0.0254 ;
nmi ; length ; 1852 ;
# mass, base kilogram
kg ; mass ; 1 ;
g ; mass ; 0.001 ;
t ; mass ; 1000 ;
lb ; mass ; 0.45359237 ;
oz ; mass ; 0.028349523125 ;
# duration, base second
s ; duration ; 1 ;
min ; duration ; 60 ;
h ; duration ; 3600 ;
d ; duration ; 86400 ;
wk ; duration ; 604800 ;
mo ; duration ; 2629746 ;
yr ; duration ; 31556952 ;
# shares
% ; percent ; 1 ; %, ％
pp ; percentage_points ; 1 ;
# temperature, base degree Celsius
°C ; temperature ; 1 ; °C, ° C, ºC, ℃
°F ; temperature ; 5/9 ; °F, ° F, ºF, ℉
# area, base square metre
km² ; area ; 1e6 ;
m² ; area ; 1 ; m², m2
ha ; area ; 10000 ; ha
acre ; area ; 4046.8564224 ;
mi² ; area ; 2589988.110336 ;
# speed, base metre per second
km/h ; speed ; 1/3.6 ;
mph ; speed ; 0.44704 ;
kn ; speed ; 1852/3600 ;
m/s ; speed ; 1 ; m/s
# power and energy, base watt and watt-hour
kW ; power ; 1000 ; kW
MW ; power ; 1e6 ; MW
GW ; power ; 1e9 ; GW
kWh ; energy ; 1000 ; kWh
MWh ; energy ; 1e6 ; MWh
GWh ; energy ; 1e9 ; GWh
TWh ; energy ; 1e12 ; TWh
# volume, base cubic metre; oil flow in cubic metres per second
l ; volume ; 0.001 ;
gal ; volume ; 0.003785411784 ;
m³ ; volume ; 1 ; m³
bcm ; volume ; 1e9 ;
bbl ; volume ; 0.158987294928 ;
bpd ; volume_rate ; 0.158987294928/86400 ;
# money: each currency is its own dimension
USD ; money:USD ; 1 ; USD, $, US$
EUR ; money:EUR ; 1 ; EUR, €
GBP ; money:GBP ; 1 ; GBP, £
RUB ; money:RUB ; 1 ; RUB, ₽
UAH ; money:UAH ; 1 ; UAH, ₴
CNY ; money:CNY ; 1 ; CNY
JPY ; money:JPY ; 1 ; JPY, ¥
INR ; money:INR ; 1 ; INR, ₹
CHF ; money:CHF ; 1 ; CHF
"""
_F_OFFSET: Final = -160.0 / 9.0  # °C = °F × 5/9 − 160/9


def _unit_rows() -> dict[str, tuple[_Unit, tuple[str, ...]]]:
    """symbol → (unit, its case-sensitive symbols) from the table."""
    out: dict[str, tuple[_Unit, tuple[str, ...]]] = {}
    for row in _UNIT_TABLE.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        symbol, dim, factor_text, cs = (f.strip() for f in row.split(";"))
        num, _, den = factor_text.partition("/")
        factor = float(num) / float(den or 1)
        unit = _Unit(symbol, dim, factor, _F_OFFSET if symbol == "°F" else 0.0)
        out[symbol] = (unit, tuple(f.strip() for f in cs.split(",") if f.strip()))
    return out


UNIT_SYMBOLS: Final = frozenset(_unit_rows())  # the symbols a pack's unit words may name


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

# "m" and "b" after a number are metres and (rarely) bytes unless money or a count of millions is meant.
_MB_RE: Final = re.compile(r"[ \u00a0\u202f]?(?P<l>[mMbB])(?![^\W\d_])")
_MILLION_NOUNS: Final = frozenset(_shared(lambda p: p.numerals.million_nouns))

# ---------------------------------------------------------------------------------------------------
# Number words (kinds in lang/pack.py: "u" additive, "h" hundred, "s" scale, "z" dozen, "a" article,
# "c" collective)

_WordKind = NumberWord

# "one", "a", "un": a figure only when a multiplier follows ("one million"); alone they are pronouns/articles.
_ONE_WORDS: Final = frozenset(_shared(lambda p: p.numerals.one_words))
# scale and hundred words that stand alone as a number in these languages ("mille morts", "сто человек")
_BARE_MULTIPLIERS: Final = frozenset(_shared(lambda p: p.numerals.bare_multipliers))
_FRACTION_AFTER_RE: Final = re.compile(
    r"[-‐ \u00a0]+(?i:" + _regexes(_shared(lambda p: p.numerals.fraction_words)) + ")" + _NOT_LETTER_AFTER
)
_AGE_AFTER_RE: Final = re.compile(
    "(?:" + _regexes(_shared(lambda p: p.figures.age_words)) + ")" + _NOT_LETTER_AFTER
)


def _compound_value(word: str, compound: CompoundNumbers, morpheme_re: re.Pattern[str]) -> float | None:
    """The value of a number written as one word ("dreihundertvierundfünfzig"), None if it is none."""
    pos, parts = 0, []
    while pos < len(word):
        m = morpheme_re.match(word, pos)
        if m is None:
            return None
        parts.append(m.group())
        pos = m.end()
    if not parts or parts[0] == compound.joiner or parts[-1] == compound.joiner:
        return None
    total, cur = 0.0, 0.0
    # One "hundert" per group and one "tausend" per word, as German writes them: without that rule
    # "hunderthundert…" multiplied up to inf.
    for part in parts:
        if part == compound.hundred:
            if cur >= 100:
                return None
            cur = max(cur, 1.0) * 100
        elif part == compound.thousand:
            if total:
                return None
            total += max(cur, 1.0) * 1000
            cur = 0.0
        else:
            cur += compound.morphemes[part]
    return total + cur


# ---------------------------------------------------------------------------------------------------
# Vague quantities ("tens of thousands")


def _vague_re(vague: Vague | None) -> re.Pattern[str] | None:
    if vague is None:
        return None
    mods = "|".join(vague.modifiers).replace(" ", r"\s+")
    bases = "|".join(vague.bases)
    if vague.of_word is None or not vague.of_bases:
        second = _NEVER
    else:
        second = vague.of_word + "(?:" + "|".join(vague.of_bases) + ")"
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


# French counts "about N" with a noun ("une centaine de morts"): the packs' approximative nouns.
_APPROX_NOUNS: Final = frozenset(_shared(lambda p: p.hedging.approx_nouns))
_APPROX_ARTICLES: Final = frozenset(_shared(lambda p: p.hedging.approx_articles))


def _approx_re(hedging: Hedging) -> re.Pattern[str] | None:
    if not hedging.approx_nouns or not hedging.approx_articles:
        return None
    articles = "|".join(sorted(hedging.approx_articles, key=len, reverse=True))
    nouns = "|".join(hedging.approx_nouns)
    return re.compile(rf"(?i:{articles})\s+(?P<n>(?i:{nouns})){_NOT_LETTER_AFTER}")


# ---------------------------------------------------------------------------------------------------
# Hedges

_QUALIFIERS: Final = ("about", "nearly", "more_than", "at_least", "up_to", "fewer_than")


def _hedge_re(hedges: Mapping[Qualifier, tuple[str, ...]]) -> re.Pattern[str]:
    groups = []
    for q in _QUALIFIERS:
        forms = hedges.get(q, ())
        groups.append(f"(?P<{q}>{_alt(forms)})" if forms else f"(?P<{q}>(?!))")
    words = "|".join(groups)
    return re.compile(rf"(?:(?<![^\W\d_])(?:{words})|(?P<tilde>[~≈]))[ \u00a0\u202f]*\Z")


def _suffix_words(qualifier: str) -> tuple[str, ...]:
    return _shared(lambda p: p.hedging.after.get(qualifier, ()))


def _hyphen_words(qualifier: str) -> str:
    return _regexes(rf"[-‐]{re.escape(w)}\b" for w in _shared(lambda p: p.hedging.hyphen.get(qualifier, ())))


_SUFFIX_QUALIFIER_RE: Final = re.compile(
    rf"(?P<at_least>\+(?!\d)|{_hyphen_words('at_least')}|\s+(?i:{_phrases(_suffix_words('at_least'))})"
    r"(?![^\W\d_]))"
    rf"|(?P<about>{_hyphen_words('about')}|\s+(?i:{_phrases(_suffix_words('about'))})\b)"
)
# the first letters of the hedges after a number, where `_suffix_at` looks for one
_SUFFIX_FIRST: Final = frozenset(
    ch for w in _suffix_words("at_least") + _suffix_words("about") for ch in (w[0].lower(), w[0].upper())
)

# ---------------------------------------------------------------------------------------------------
# Digit groups by language convention


def _core_re(decimal_mark: str) -> re.Pattern[str]:
    # At most ten groups after the first: a longer run is past _MAX_DIGITS anyway, and an unbounded one
    # made every later group's start re-scan the whole run (quadratic on "1,000,000,…" pasted junk).
    if decimal_mark == ".":
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


def _digits(m: re.Match[str], decimal_mark: str) -> tuple[int, int] | None:
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
        if decimal_mark == ",":
            s = s.replace(",", ".")
    else:
        s = s.replace(",", ".")
    whole, _, frac = s.partition(".")
    return int(whole + frac), len(frac)


# ---------------------------------------------------------------------------------------------------
# What is not a figure: dates, times, phones, designations, …

_REFERENCE_WORDS: Final = _shared(lambda p: p.figures.reference_words)
_REFERENCE_KEYS: Final = frozenset(_key(w) for w in _REFERENCE_WORDS)
# Words after which a seven-digit number is a phone's ("call 555-1234"); each a fixed-width look-behind.
_PHONE_WORDS: Final = _shared(lambda p: p.figures.phone_words)


def _months(pack: LanguagePack) -> str:
    """The month names beside a number: the pack's own (any case) and the shared packs' (as written)."""
    shared = "|".join(p.dates.month_pattern for p in _SHARED_PACKS)
    if pack.lingua_franca:
        return shared
    return rf"(?:{shared}|(?i:{pack.dates.month_pattern}))"


def _mask_re(pack: LanguagePack) -> re.Pattern[str]:
    """Digit patterns that are not figures; each alternative continues after the first digit.

    Starting the whole pattern with one digit class lets the regex engine skip straight to digits, which
    keeps this well under a millisecond on an article; alternatives that each start with a word boundary
    would be about ten times slower. Patterns that start before the number are in `_before_re`.
    """
    months = _months(pack)
    # "3. Mai" is a German (and Central European) day; English writes no dot there, so "rose to 12. May
    # officials said" ends a sentence on a figure.
    ordinal_dot = r"|\." if pack.numerals.day_dot else ""
    day = "|".join(_shared(lambda p: p.dates.day_suffixes)) + ordinal_dot
    of = "|".join(_shared(lambda p: p.dates.date_of)) or _NEVER
    decades = _shared(lambda p: (p.figures.decade_plural,) if p.figures.decade_plural else ())
    decade_suffixes = "|".join(_shared(lambda p: p.dates.decade_suffixes)) or _NEVER
    rest = [
        # dates
        r"\d{3}-\d{1,2}-\d{1,2}\b",
        r"\d?(?P<ds>[./-])\d{1,2}(?P=ds)(?:\d{4}|\d{2})\b",
        r"\d*/\d+\b",
        rf"\d?(?:{day})?(?:\s+(?i:{of}))?\s+{months}\.?{_NOT_LETTER_AFTER}(?:,?\s+(?:(?i:{of})\s+)?\d{{4}}(?!\d))?",
        # year spans ("2019-2023", "2022/23") and decades
        r"(?<=[12])(?:(?<=1)[89]|(?<=2)0)\d\d\s?[-–—/]\s?(?:(?:1[89]|20)\d\d|\d\d)\b(?!-)",
        "|".join((*decades, rf"\d{{3}}-(?:{decade_suffixes})" + _NOT_LETTER_AFTER)),
        # clock times
        r"\d?:\d{1,2}(?::\d{2})?\b",
        *_shared(lambda p: p.dates.clock),
        # phone numbers; a local one of seven digits when its last four start with 0 (an upper end of a
        # range never does) or a phone word comes before it ("call 555 1234")
        r"\d{2}(?P<ps>[-.])\d{3}(?P=ps)\d{4}\b",
        r"\d{2}[-.]0\d{3}\b",
        *(rf"(?<=(?i:{re.escape(word)})\s\d)\d{{2}}[-. ]\d{{4}}\b" for word in _PHONE_WORDS),
        r"(?<=0)\d(?:[ .]\d{2}){4}\b",
        r"(?<=8)[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]\d{2}[\s-]\d{2}\b",
        # ordinals
        _regexes(_shared(lambda p: p.figures.ordinal_suffixes)),
        # ages
        r"\d*(?:" + _regexes(_shared(lambda p: p.figures.age_words)) + r")\b",
        r"\d*[-‐](?i:" + _regexes(_shared(lambda p: p.figures.age_stems)) + r")\w*",
    ]
    rest += [fragment.replace("{months}", months) for fragment in pack.figures.not_figures]
    if pack.figures.age_have is not None:
        # One fixed-width look-behind a form, like the phone words'.
        verbs, years = pack.figures.age_have
        rest += [rf"(?<=(?<![^\W\d_])(?i:{verb})\s\d)\d?\s+{years}{_NOT_LETTER_AFTER}" for verb in verbs]
    rest += pack.figures.age_after
    return re.compile(r"\d(?<!\w\d)(?:" + "|".join(f"(?:{p})" for p in rest) + ")")


# URLs, handles, phone numbers that start with "+" or "(", and "(1)" list marks; one literal first
# character per alternative keeps the scan fast.
_OTHER_MASK_RE: Final = re.compile(
    r"(?:https?://|www\.)\S+|[@#](?<!\w[@#])[\w.-]+"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,}"
    r"|\(\d{2,4}\)\s?\d{3}[\s.-]?\d{2,4}(?:[\s.-]\d{2})*|\(\d{1,2}\)"
)


def _before_re(pack: LanguagePack) -> re.Pattern[str]:
    """What, just before a number, makes it a date, a reference or list numbering rather than a figure."""
    parts = [
        rf"(?<![^\W\d_])(?P<month>{_months(pack)})\.?(?P<comma>,)?\s+",
        rf"(?<![^\W\d_])(?P<ref>(?i:{_phrases(_REFERENCE_WORDS)}))\s*№?\s*",
        r"(?:[№§]|(?<![^\W\d_])(?i:n)[°º])\s*",
        r"(?P<line>(?:^|\n)[ \t]*\(?)",
    ]
    return re.compile("(?:" + "|".join(parts) + r")\Z")


def _age_before_re(pack: LanguagePack) -> re.Pattern[str] | None:
    """Ages, which are not figures of an event: the words before a number that make it a person's age."""
    if pack.figures.age_before is None:
        return None
    return re.compile(rf"(?<![^\W\d_])(?i:{pack.figures.age_before})\s+\Z")


# Words after a 1900–2100 number that do not make it a count ("2023 was", "in 2023 the", "2024 election").
_NOT_COUNTED: Final = frozenset(_shared(lambda p: p.dates.not_counted))
# Words before a 1900–2100 number that make it a year whatever follows ("in 2023 people voted").
_YEAR_BEFORE: Final = frozenset(_shared(lambda p: p.dates.year_before))
_LIST_MARK_RE: Final = re.compile(r"[.)][ \t]")

# ---------------------------------------------------------------------------------------------------
# Ranges

_BETWEEN: Final = frozenset(_shared(lambda p: p.figures.range_between))
_FROM: Final = frozenset(_shared(lambda p: p.figures.range_from))
# how "from X to Y" is read, by the word for "from" (the first pack that has the word decides)
_FROM_RULE: Final[dict[str, str]] = {}
for _pack in _PACKS:
    for _word in _pack.figures.range_from:
        _FROM_RULE.setdefault(_word, _pack.figures.range_from_rule)
_RANGE_OPENERS: Final = _shared(lambda p: (*p.figures.range_between, *p.figures.range_from))
_RANGE_OPEN_RE: Final = re.compile(rf"(?<![^\W\d_])(?P<op>(?i:{_phrases(_RANGE_OPENERS)}))[ \u00a0\u202f]*\Z")
_GAP_AND_RE: Final = re.compile(
    rf"[ \u00a0\u202f]+(?i:{_phrases(_shared(lambda p: p.figures.range_and))})[ \u00a0\u202f]+"
)
_GAP_TO_RE: Final = re.compile(
    rf"[ \u00a0\u202f]+(?i:{_phrases(_shared(lambda p: p.figures.range_to))})[ \u00a0\u202f]+"
)
_GAP_BARE_TO_RE: Final = re.compile(
    rf"[ \u00a0\u202f]+(?i:{_phrases(_shared(lambda p: p.figures.range_bare_to))})[ \u00a0\u202f]+"
)
_GAP_DASH_RE: Final = re.compile(r"[-‐]|[ \u00a0\u202f]?[–—][ \u00a0\u202f]?")
_RANGE_VERB_RE: Final = re.compile(
    rf"(?<![^\W\d_])(?i:{_regexes(_shared(lambda p: p.figures.range_verbs))})(?:\s+\S+){{0,2}}\s+\Z"
)
_CHANGE_VERB_RE: Final = re.compile(
    rf"(?<![^\W\d_])(?i:{_regexes(_shared(lambda p: p.figures.change_verbs))})(?:\s+\S+){{0,3}}\s+\Z"
)
_SPORT_RE: Final = re.compile(rf"(?i:{_regexes(_shared(lambda p: p.figures.score_words))})")


# ---------------------------------------------------------------------------------------------------
# Per-language compiled patterns


@dataclass(frozen=True, slots=True)
class _Lang:
    code: str
    decimal_mark: str
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
    vague_spec: Vague | None
    vague_bases: dict[str, int]  # lower case
    vague_starts: frozenset[str]
    approx: re.Pattern[str] | None
    approx_nouns: dict[str, int]  # lower case
    approx_articles: frozenset[str]
    trigger: re.Pattern[str]
    after_one: frozenset[str]
    mask: re.Pattern[str]
    before: re.Pattern[str]
    words: Mapping[str, _WordKind]
    connector: str | None
    connector_after: str
    vigesimal: Vigesimal | None
    compound: CompoundNumbers | None
    compound_re: re.Pattern[str] | None
    plural_counted: str
    joins_range: frozenset[str]
    capitalised_nouns: bool
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


def _compound_re(compound: CompoundNumbers | None) -> re.Pattern[str] | None:
    if compound is None:
        return None
    return re.compile("|".join(compound.morphemes))  # the pack's order puts "sechzehn" before "sechs"


def _trigger_re(pack: LanguagePack, vague_starts: set[str]) -> re.Pattern[str]:
    """Lower-case words that may start a figure: number words, vague quantities, "a"/"one" + scale."""
    words = (
        set(pack.numerals.words) | vague_starts | set(_ONE_WORDS) | set(_APPROX_NOUNS) | set(_APPROX_ARTICLES)
    )
    pattern = _trie({_apostrophes(w) for w in words})
    compound = _compound_re(pack.numerals.compound)
    if compound is not None:
        pattern = f"(?:{compound.pattern})+|{pattern}"
    return re.compile(f"(?:{pattern}){_NOT_LETTER_AFTER}")


# The "and" inside a compound ordinal ("vingt et unième"), from the packs that have compound ordinals.
_ORDINAL_AND: Final = _shared(lambda p: p.figures.and_words if p.numerals.ordinal_units else ())


def _ordinal_tail_re(pack: LanguagePack) -> re.Pattern[str] | None:
    """The ordinals of the units, after which a run of number words is one compound ordinal
    ("twenty-first", "двадцять перший", "тридцать третьего", "vingt et unième"), not a count."""
    units = pack.numerals.ordinal_units
    if units is None:
        return None
    return re.compile(rf"[ \u00a0‐-]+(?:(?:{_phrases(_ORDINAL_AND)})[ \u00a0‐-]+)?(?:{units})(?!\w)")


# words after "a"/"one"/"eine" that make a figure of it, beyond the language's own multipliers
_AFTER_ONE: Final = frozenset(_shared(lambda p: p.numerals.after_one))
_UNIT_ROWS: Final = _unit_rows()


def _unit_forms(pack: LanguagePack) -> tuple[list[tuple[_Unit, str]], list[tuple[_Unit, str]]]:
    """(unit, case-insensitive form) and (unit, case-sensitive form) read in the texts of `pack`."""
    ci: list[tuple[_Unit, str]] = []
    cs: list[tuple[_Unit, str]] = []
    for symbol, (unit, symbols) in _UNIT_ROWS.items():
        for other in _PACKS:
            ci += [(unit, form) for form in other.units.words.get(symbol, ())]
        ci += [(unit, form) for form in pack.units.own_words.get(symbol, ())]
        cs += [(unit, form) for form in (*symbols, *pack.units.own_symbols.get(symbol, ()))]
    return ci, cs


def _build_lang(pack: LanguagePack) -> _Lang:
    numerals, hedging = pack.numerals, pack.hedging
    scales = {k: v for shared in _SHARED_PACKS for k, v in shared.numerals.scales.items()}
    scales.update(numerals.scales)
    scale_re = re.compile(rf"{_SP}?(?:{_alt(list(scales))}){_NOT_LETTER_AFTER}")
    cs: dict[str, _Unit] = {}
    ci: dict[str, _Unit] = {}
    forms_ci: list[str] = []
    forms_cs: list[str] = []
    ci_rows, cs_rows = _unit_forms(pack)
    for unit, form in ci_rows:
        ci.setdefault(_norm(form), unit)
        forms_ci.append(form)
    for unit, form in cs_rows:
        cs.setdefault(form, unit)
        forms_cs.append(form)
    forms = {(f, True) for f in forms_ci} | {(f, False) for f in forms_cs}
    by_char: dict[str, re.Pattern[str]] = {}
    for first in {f[0].casefold() for f, _ in forms}:
        bucket = sorted((x for x in forms if x[0][0].casefold() == first), key=lambda x: -len(x[0]))
        alternation = "|".join(_alt([f], ci=flag) for f, flag in bucket)
        by_char[first] = re.compile(f"(?:{alternation}){_NOT_LETTER_AFTER}")
    starts: set[str] = set()
    vague = hedging.vague
    if vague is not None:
        starts = {w.split()[0].casefold() for w in (*vague.modifiers, *vague.bases)}
    return _Lang(
        code=pack.code,
        decimal_mark=numerals.decimal_mark,
        core=_core_re(numerals.decimal_mark),
        scale=scale_re,
        scales={_norm(k): v for k, v in scales.items()},
        unit_by_char=by_char,
        units_cs=cs,
        units_ci=ci,
        hedge=_hedge_re(hedging.before),
        hedge_last=frozenset(_key(f.split()[-1]) for forms in hedging.before.values() for f in forms),
        month_word=re.compile(_months(pack)),
        vague=_vague_re(vague),
        vague_spec=vague,
        vague_bases={} if vague is None else {k.casefold(): v for k, v in vague.bases.items()},
        vague_starts=frozenset(starts),
        approx=_approx_re(hedging),
        approx_nouns={k.casefold(): v for k, v in hedging.approx_nouns.items()},
        approx_articles=hedging.approx_articles,
        trigger=_trigger_re(pack, starts),
        after_one=frozenset(
            {w for w, (_, kind) in numerals.words.items() if kind in "hsz"}
            | {_key(k) for k in scales}
            | _APPROX_NOUNS
            | _AFTER_ONE
        ),
        mask=_mask_re(pack),
        before=_before_re(pack),
        words=numerals.words,
        connector=numerals.connector,
        connector_after=numerals.connector_after,
        vigesimal=numerals.vigesimal,
        compound=numerals.compound,
        compound_re=_compound_re(numerals.compound),
        plural_counted=numerals.plural_counted,
        joins_range=hedging.joins_range,
        capitalised_nouns=numerals.capitalised_nouns,
        ordinal_tail=_ordinal_tail_re(pack),
        age_before=_age_before_re(pack),
    )


_LANG_TABLE: Final[dict[str, _Lang]] = {pack.code: _build_lang(pack) for pack in _PACKS}
_DEFAULT: Final = _LANG_TABLE[_SHARED_PACKS[0].code]  # an unknown language is read as English


def _lang(lang: str) -> _Lang:
    return _LANG_TABLE.get(lang.lower()[:2], _DEFAULT)


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


def _cap_after(value: float, vigesimal: Vigesimal | None) -> float:
    """Largest additive part that may follow `value` inside one group ("twenty" → "-one", not "-twelve")."""
    if value >= 100:
        return 100.0
    if vigesimal is not None and value in vigesimal.tens:
        return 20.0  # soixante-douze, quatre-vingt-dix-neuf
    if value >= 20 and value % 10 == 0:
        return 10.0
    if value == 10:
        return 10.0  # dix-sept
    return 0.0


def _read_words(text: str, pos: int, lang: _Lang) -> _Words | None:
    compound, words, vigesimal = lang.compound, lang.words, lang.vigesimal
    if compound is not None and lang.compound_re is not None:
        m = _WORD_AT_RE.match(text, pos)
        if m is None:
            return None
        word = m.group().casefold()
        if word in compound.articles:
            return _Words(m.end(), 1.0, 0, 1, True)  # "eine Million": a figure only with the scale word
        found = _compound_value(word, compound, lang.compound_re)
        if found is None:
            return None
        return _Words(m.end(), found, 0, 1, word in compound.ones)
    total, cur, cap = 0.0, 0.0, float("inf")
    group_has_hundred = False
    last_scale = 0  # the scale word the number ends on, for precision
    prev_scale = 0
    end, tokens, one_word = pos, 0, False
    prev_kind, prev_value, prev_word = "", 0.0, ""
    p = pos
    connector = lang.connector
    after_multiplier = lang.connector_after == "multiplier"
    while True:
        m = _WORD_AT_RE.match(text, p)
        if m is None:
            break
        word = _norm(m.group())
        entry = words.get(word)
        if entry is None and connector is not None and word == connector and tokens:
            # "two hundred and seven", "vingt et un", "treinta y dos": consume only if a number follows
            allowed = (
                prev_kind in ("h", "s") if after_multiplier else (prev_value >= 20 and prev_value % 10 == 0)
            )
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
            if (
                vigesimal is not None
                and word in vigesimal.twenty
                and prev_word == vigesimal.four
                and cur % 100 == 4
            ):
                cur += 76.0  # quatre-vingt(s)
                cap = 20.0
            elif value < cap:
                cur += value
                cap = _cap_after(value, vigesimal)
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
        digits = _digits(m, lang.decimal_mark)
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
    if not lang.words and lang.compound is None:
        return None
    w = _read_words(text, pos, lang)
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


_OF_RE: Final = re.compile(
    rf"(?:(?i:{_phrases(_shared(lambda p: p.figures.of_words))}){_SP}+"
    rf"|(?i:{_phrases(_shared(lambda p: p.figures.elided_of))})['’]{_SP}*)"
)
# "$5m of …": the shared packs' "of" after an "m" makes it millions
_SHARED_OF: Final = frozenset(w for p in _SHARED_PACKS for w in p.figures.of_words)


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


_NOT_A_COUNT_AFTER_HYPHEN: Final = frozenset(_shared(lambda p: p.figures.not_counts_after_hyphen))
_NEXT_WORD_RE: Final = re.compile(r"[ \u00a0\u202f]+([^\W\d_]+)")
_AGO_AFTER_RE: Final = re.compile(
    rf"\s+(?i:{_phrases(_shared(lambda p: p.figures.ago_after))})" + _NOT_LETTER_AFTER
)
_AGO_BEFORE_RE: Final = re.compile(
    rf"(?<![^\W\d_])(?i:{_phrases(_shared(lambda p: p.figures.ago_before))})\s+\Z"
)
_SIGN_BEFORE_RE: Final = re.compile(
    rf"(?:(?<![\w\d])[-−]|(?<![^\W\d_])(?i:{_phrases(_shared(lambda p: p.figures.minus_words))})\s+)\Z"
)
_DURATION_JOIN_RE: Final = re.compile(
    rf"(?:\s*,\s*|\s+(?i:{_phrases(_shared(lambda p: p.figures.and_words))})\s+|\s+)"
)


def _suffix_at(text: str, pos: int) -> re.Match[str] | None:
    """A hedge written after the number ("200+", "40 or more"), looked for only where one can start."""
    ch = _letter_at(text, pos)
    if ch and (ch in "+-‐" or (ch in _SUFFIX_FIRST and text[pos] in _SPACES)):
        return _SUFFIX_QUALIFIER_RE.match(text, pos)
    return None


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
                or follower in _SHARED_OF
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
        and hedge.group().strip().casefold() in lang.joins_range
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
        if counted and follower[0].islower() == lang.capitalised_nouns:
            counted = False  # a count is followed by a noun: lower case, or capitalised in German
        if counted and lang.plural_counted and follower[-1] not in lang.plural_counted:
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
    if lang.approx is not None:
        m = lang.approx.match(text, pos)
        if m is not None:
            value = float(lang.approx_nouns[m.group("n").casefold()])
            end = m.end()
            found = _unit_at(text, end, lang, True)
            unit = found[0] if found else None
            end = found[1] if found else end
            return _Cand(pos, end, pos, pos, m.end(), value, value, value, "about", unit)
    spec = lang.vague_spec
    if lang.vague is None or spec is None:
        return None
    m = lang.vague.match(text, pos)
    if m is None:
        return None
    mod_text, b1, b2 = m.group("mod"), m.group("b1").casefold(), m.group("b2")
    mod = spec.modifiers.get(" ".join(mod_text.casefold().split()), "plain") if mod_text else ""
    if b1 in spec.singular and mod in ("", "plain"):
        return None  # "hundred", "a thousand" are numbers, not vague quantities
    if b1 in spec.genitive and not mod and not b2:
        return None
    if b1 in spec.needs_of and not b2 and not text.startswith(spec.needs_of[b1], m.end()):
        return None
    if mod_text and mod_text.casefold() in spec.indefinite and b1 in spec.singular:
        return None
    base = lang.vague_bases[b1]
    if b2:
        base *= lang.vague_bases[b2.split()[-1].casefold().lstrip("d'’")]
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
        rule = _FROM_RULE.get(op)
        if rule == "range_verb":
            # "ranging from 40 to 90" is a range; "rose from 40 to 90" is two figures
            ok = _RANGE_VERB_RE.search(text, max(0, before - 40), before) is not None
        elif rule == "always":
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
            if word in lg.vague_starts or word in lg.approx_articles:
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
