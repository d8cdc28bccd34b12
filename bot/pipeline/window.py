"""A claim frame from the words around a number, for languages read without a parser (fr, es, de, ru, uk, …).

Thinner than the English frame: the words just after the number (and a few before) say what is counted,
"selon X" / "según X" / "по данным X" or a sentence-initial "X announced" says who, "dont" / "из них" marks
a part, "précédent" / "ранее" an earlier figure. Word stems are general news vocabulary of each language.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

from bot.pipeline import lang as langpacks
from bot.pipeline.lang.pack import LanguagePack
from bot.pipeline.types import Scope, Tense

# Every word here is a pack's (bot/pipeline/lang/<code>/, the `reporting` and `sides` slots): the packs of the
# languages this reader reads (`reader="window"`), joined, because a text in one language quotes another's
# words.
_PACKS: Final = tuple(pack for pack in langpacks.packs() if pack.reader == "window")


def _shared(slot: Callable[[LanguagePack], Iterable[str]]) -> tuple[str, ...]:
    return langpacks.union(slot(pack) for pack in _PACKS)


def _words(slot: Callable[[LanguagePack], Iterable[str]]) -> str:
    """The slot's words as a regex alternation (each word literal, in registry order)."""
    return "|".join(map(re.escape, _shared(slot))) or "(?!)"


def _by_key(
    slot: Callable[[LanguagePack], Mapping[str, tuple[str, ...]]],
) -> dict[str, tuple[str, ...]]:
    """A keyed slot of every pack, joined: key → the packs' words, in registry order."""
    out: dict[str, tuple[str, ...]] = {}
    for pack in _PACKS:
        for key, words in slot(pack).items():
            out[key] = langpacks.union((out.get(key, ()), words))
    return out


# What is counted: category → word stems (lower case, matched as word prefixes). First match wins, so the
# narrower categories come first (each pack lists them in that order).
STEMS: dict[str, tuple[str, ...]] = _by_key(lambda p: p.reporting.categories)
# "personnes"/"personas"/"человек" say only that people are counted: the verb nearby says what happened.
CLAIMANT_CUES = re.compile(
    rf"\b(?:{_words(lambda p: p.reporting.claimant_cues)})\s+([^,.;:«»\"()]{{2,60}})",
    re.IGNORECASE,
)
# Verbs of saying and of counting (the "say" and "register/measure" classes of Levin's English verb classes,
# in each pack language's common news forms): their subject is who gives the figure.
_SPEECH_VERBS = f"(?:{_words(lambda p: p.reporting.speech_verbs)})"
SPEECH = re.compile(rf"^\s*([^,.;:«»\"()]{{2,60}}?)\s+{_SPEECH_VERBS}(?!\w)", re.IGNORECASE)
# The same, opening the figure's own clause ("…, а организаторы насчитали 50 тысяч"): a conjunction may
# come first.
_CLAUSE_SPEECH = re.compile(
    rf"(?:^|[,;—–])\s*(?:(?:{_words(lambda p: p.reporting.clause_conjunctions)})\s+)?"
    rf"(?P<who>[^,.;:«»\"()\d]{{2,60}}?)\s+{_SPEECH_VERBS}(?!\w)[^,.;:\d]*$",
    re.IGNORECASE,
)
# Where a claimant's words end: a figure, or the verb of the clause they open ("nach Angaben der
# Polizei wurden …"). Auxiliaries and copulas of each language, not content verbs.
CLAIMANT_END = re.compile(
    rf"\s(?:\d|(?:{_words(lambda p: p.reporting.claimant_end)})(?!\w))",
    re.IGNORECASE,
)
# A time stamp that opens a live-blog entry ("21h15 — le syndicat annonce …") is not part of the name.
LEADING_STAMP = re.compile(r"^\s*\d{1,2}\s?[h:.]\s?\d{2}\s*[—–-]\s*")


def _claimant_name(words: str) -> str | None:
    words = LEADING_STAMP.sub("", words)
    if (end := CLAIMANT_END.search(words)) is not None:
        words = words[: end.start()]
    return words.strip() or None


_PARTITIVE = _words(lambda p: p.reporting.partitive)
SUBSET = re.compile(
    rf"\b(?:{_words(lambda p: p.reporting.subset_cues)})\s*$"
    # the partitive "among the freed —": what follows is a part of a group counted elsewhere
    rf"|\b(?:{_PARTITIVE})(?:\s+[^\W\d_]+){{1,2}}\s*[—–:-]?\s*$",
    re.IGNORECASE,
)
# A breakdown after a dash or colon that follows a figure ("120 evacuated — 80 children, 35 adults and five
# nurses"): the figures of the list are parts of the one before the dash.
_BREAKDOWN = re.compile(
    rf"(?:\d[\d\s.,]*(?:\s+[^\W\d_]+){{1,3}}|\b(?:{_PARTITIVE})(?:\s+[^\W\d_]+){{1,2}})"
    r"\s*[—–:]\s*(?P<list>[^—–:]*)$",
    re.IGNORECASE,
)
EARLIER = re.compile(rf"\b(?:{_words(lambda p: p.reporting.earlier_cues)})\b", re.IGNORECASE)
PROJECTION = re.compile(rf"\b(?:{_words(lambda p: p.reporting.projection_cues)})\b", re.IGNORECASE)
NATIONAL = re.compile(rf"\b(?:{_words(lambda p: p.reporting.national_scope)})\b", re.IGNORECASE)
LOCAL = re.compile(
    rf"(?<!\w)(?i:{_words(lambda p: p.reporting.local_prepositions)})\s+([A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w-]+)"
    rf"|(?i:{_words(lambda p: p.reporting.capital_phrases)})"
)
SIDES = tuple(_by_key(lambda p: p.sides.side_stems).items())
# A claimant's state, by the stems of its name in every case ("Минобороны России", "ЗСУ України").
STATES = (*_by_key(lambda p: p.sides.state_stems).items(), *SIDES)

# First-person plural possessives ("наших военнослужащих", "nos soldats"): the counted people are the
# speaker's own side. Each language's possessive determiners, from its grammar, as stems of every case.
OWN_STEMS = _shared(lambda p: p.sides.own_stems)


@dataclass(frozen=True, slots=True)
class WindowFrame:
    category: str | None
    counted: str
    sides: tuple[str, ...]
    claimant: str | None
    tense: Tense
    subset: bool
    scope: Scope
    head: str = ""  # the first content word after the figure, lower-case: what is counted
    predicate: str = ""  # the next content word of its clause: what happened to it (often the verb)
    own: bool = False  # the speaker's own people ("наших военнослужащих"): its side is the claimant's


# The pack languages' function words, from spaCy's stop-word lists (spacy/lang/<code>/stop_words.py, named
# by each pack's `reporting.spacy_stop_words`): a counted noun is the first word after a figure that is not
# one ("наших волонтерів", "dans la rue").
STOP_MODULES = tuple(p.reporting.spacy_stop_words for p in _PACKS if p.reporting.spacy_stop_words)


@cache
def _function_words() -> frozenset[str]:
    words: set[str] = set()
    for module in STOP_MODULES:
        words |= importlib.import_module(module).STOP_WORDS
    return frozenset(words)


# A clause ends at punctuation: words after it are another clause's ("…, selon le syndicat").
_CLAUSE_END = re.compile(r"[,;:.!?()«»\"“”–—]")


def _content_words(clause: str) -> tuple[str, str]:
    """The first two content words of a clause (after a figure: the counted noun and what happened to
    it), lower-case; "" where there is none."""
    function = _function_words()
    words = []
    for word in re.findall(r"[^\W\d_][\w'’-]*", clause.lower()):
        # An elided article is not part of the noun: "l'échelle" is "échelle".
        elided, _, rest = word.replace("’", "'").partition("'")
        word = rest if rest and (len(elided) <= 2 or elided in function) else word.strip("'’-")
        if len(word) > 2 and word not in function:
            words.append(word)
    head = words[0] if words else ""
    return head, words[1] if len(words) > 1 else ""


def _category(text: str) -> str | None:
    for category, stems in STEMS.items():
        if any(re.search(r"(?<!\w)" + re.escape(stem), text) for stem in stems):
            return category
    return None


def _in_breakdown(before: str) -> bool:
    """Is the figure an item of a breakdown of the figure before a dash? Not when the words between
    name who says it ("10 000 — 50 000 selon les organisateurs" are two voices, not a part)."""
    found = _BREAKDOWN.search(before)
    return found is not None and CLAIMANT_CUES.search(found.group("list")) is None


def _claimant_of(sentence: str, start: int, end: int) -> str | None:
    """Who gives the figure at sentence[start:end]: the subject of a verb of saying or counting that opens
    its clause; else the nearest "according to" with no other figure between it and this one (two voices
    in one sentence each name their own); else the subject of the sentence's opening verb of saying."""
    before = sentence[:start]
    if (opening := _CLAUSE_SPEECH.search(before)) is not None:
        return _claimant_name(opening.group("who"))
    nearest: tuple[int, str] | None = None
    for cue in CLAIMANT_CUES.finditer(sentence):
        between = sentence[cue.end() : start] if cue.end() <= start else sentence[end : cue.start()]
        if cue.start() < end and cue.end() > start:
            between = ""
        if re.search(r"\d", between):
            continue  # another figure stands between: the cue is that figure's
        if nearest is None or len(between) < nearest[0]:
            nearest = (len(between), cue.group(1))
    if nearest is not None:
        return _claimant_name(nearest[1])
    if (speech := SPEECH.search(sentence)) is not None:
        return _claimant_name(speech.group(1))
    return None


def _sides_in(words: str, table: tuple[tuple[str, tuple[str, ...]], ...] = SIDES) -> tuple[str, ...]:
    return tuple(sorted({side for side, stems in table if any(stem in words for stem in stems)}))


def read_window(sentence: str, start: int, end: int) -> WindowFrame:
    """The frame of the number at sentence[start:end]."""
    before, after = sentence[:start], sentence[end:]
    # Words after the next figure are that figure's: "погибли 12 человек, ещё 30 ранены".
    after = after[: m.start()] if (m := re.search(r"\d", after)) else after
    near_after = " ".join(re.findall(r"[\w'’-]+", after.lower())[:6])
    near_before = " ".join(re.findall(r"[\w'’-]+", before.lower())[-5:])
    category = _category(near_after) or _category(near_before)
    counted = " ".join(re.findall(r"[\w'’-]+", after)[:3])
    # Whose the figure is, from its own noun phrase (the clause after it): a nationality before the figure
    # is often another party's ("после украинского обстрела эвакуировали 140 жителей").
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    phrase = " ".join(re.findall(r"[\w'’-]+", clause.lower())[:6])
    sides = _sides_in(phrase)
    own = any(f"{word} ".startswith(OWN_STEMS) for word in phrase.split()[:2])
    claimant = _claimant_of(sentence, start, end)
    if own and not sides and claimant:
        sides = _sides_in(claimant.lower(), STATES)  # "наших военнослужащих", said Russia's ministry
    tense: Tense = "current"
    if PROJECTION.search(before[-60:]):
        tense = "projection"
    elif EARLIER.search(sentence):
        tense = "earlier"
    local = LOCAL.search(before[-40:] + sentence[start:end] + after[:40])
    scope = Scope(
        places=() if local is None else ((local.group(1) or "capital").lower(),),
        wide=("country",) if NATIONAL.search(sentence) else (),
    )
    head, predicate = _content_words(clause)
    if not head:
        # Nothing after the figure says what it counts ("le taux de chômage atteint 9 %, selon …",
        # "число погибших достигло 45."): the subject is before the verb, in the figure's own clause.
        head, predicate = _content_words(_CLAUSE_END.split(before)[-1])
    return WindowFrame(
        head=head,
        predicate=predicate,
        category=category,
        counted=f"{counted} ({category})" if category else counted,
        sides=sides,
        own=own,
        claimant=claimant,
        tense=tense,
        subset=bool(SUBSET.search(before)) or _in_breakdown(before),
        scope=scope,
    )
