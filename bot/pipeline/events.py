"""Kinds of event a sentence names (a quake, a flood, a march), from the language packs' event words
(`Reporting.event_kinds`, read in every text whatever its language).

Two figures whose sentences each name events, and no event of one kind, are of two events: "40 killed in
the flood" and "210 killed in the earthquake" are neither a conflict nor an update of each other, whatever
else they share. A sentence that names no event says nothing either way. Nor are two of one kind told apart
by their ordinals ("the second quake" and "the first quake", "the first round" and "the second round":
`Reporting.event_ordinals`, `event_parts`) one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.pipeline import lang

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _EventWords:
    exact: dict[str, frozenset[str]]  # word → its kinds
    stems: dict[str, tuple[tuple[str, str], ...]]  # first letter → (stem, kind): a word that begins with it
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # several words ("prisoner exchange")
    months: frozenset[str]  # a capitalised month name ("1 March") is no march
    ordinals: dict[str, int]  # an ordinal's form → its number ("second", "второй" → 2)
    parts: frozenset[str]  # nouns for one of a sequence ("round", "тур")


@cache
def _event_words() -> _EventWords:
    exact: dict[str, set[str]] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    phrases: list[tuple[re.Pattern[str], str]] = []
    months: set[str] = set()
    ordinals: dict[str, int] = {}
    parts: set[str] = set()
    for pack in lang.packs():
        months |= set(pack.dates.months)
        for number, forms in enumerate(pack.reporting.event_ordinals, start=1):
            ordinals.update((form.casefold(), number) for form in forms)
        parts.update(word.casefold() for word in pack.reporting.event_parts)
        for kind, words in pack.reporting.event_kinds.items():
            for word in words:
                stem = word.removesuffix("*").casefold()
                if " " in stem:
                    tail = r"\w*" if word.endswith("*") else r"\b"
                    phrases.append((re.compile(rf"\b{re.escape(stem)}{tail}"), kind))
                elif word.endswith("*"):
                    stems.setdefault(stem[:1], []).append((stem, kind))
                else:
                    exact.setdefault(stem, set()).add(kind)
    return _EventWords(
        exact={w: frozenset(k) for w, k in exact.items()},
        stems={first: tuple(pairs) for first, pairs in stems.items()},
        phrases=tuple(phrases),
        months=frozenset(months),
        ordinals=ordinals,
        parts=frozenset(parts),
    )


@lru_cache(maxsize=65536)
def _kinds_of_word(word: str) -> frozenset[str]:
    words = _event_words()
    folded = word.casefold()
    if word[:1].isupper() and folded in words.months:
        return frozenset()
    kinds = set(words.exact.get(folded, ()))
    kinds.update(kind for stem, kind in words.stems.get(folded[:1], ()) if folded.startswith(stem))
    return frozenset(kinds)


@lru_cache(maxsize=65536)
def event_kinds(text: str) -> frozenset[str]:
    """The kinds of event `text` names ("quake", "weather", "protest", …)."""
    words = _event_words()
    kinds: set[str] = set()
    for word in _WORD.findall(text):
        kinds |= _kinds_of_word(word)
    folded = text.casefold()
    kinds.update(kind for pattern, kind in words.phrases if pattern.search(folded))
    return frozenset(kinds)


# An ordinal says which event when the noun it goes with comes this many words after it ("the second major
# quake"): an adjective between, no more.
ORDINAL_REACH = 2


@lru_cache(maxsize=65536)
def event_ordinals(text: str) -> frozenset[int]:
    """Which of a sequence of events `text` speaks of ("the second quake", "в первом туре" → {1})."""
    words = _event_words()
    tokens = _WORD.findall(text)
    found: set[int] = set()
    for n, word in enumerate(tokens):
        number = words.ordinals.get(word.casefold())
        if number is None:
            continue
        following = tokens[n + 1 : n + 1 + ORDINAL_REACH]
        if any(w.casefold() in words.parts or _kinds_of_word(w) for w in following):
            found.add(number)
    return frozenset(found)


def first_event_word(text: str) -> str:
    """The first word in `text` for what happened, as written (lower-cased): a story's label."""
    for word in _WORD.findall(text):
        if _kinds_of_word(word):
            return str(word).casefold()
    return ""


def other_events(a: str, b: str) -> bool:
    """Do two sentences name events, none of one kind, or events of one sequence by other ordinals?"""
    kinds_a = event_kinds(a)
    kinds_b = event_kinds(b)
    if kinds_a and kinds_b and kinds_a.isdisjoint(kinds_b):
        return True
    ordinals_a = event_ordinals(a)
    ordinals_b = event_ordinals(b)
    return bool(ordinals_a) and bool(ordinals_b) and ordinals_a.isdisjoint(ordinals_b)
