"""One name in two scripts: a key that "Житомир", "Житомира" and "Zhytomyr" share.

Documents are linked for comparison by the names they share (storage: document terms). A Ukrainian post
and an English article about one event name it in two scripts, so they shared nothing and were never
compared. Each name also gets a sound key: romanised (Cyrillic by the Latin letters of the
national systems, Ukraine's 2010 passport table and Russia's BGN/PCGN, which English news follows),
accents dropped, vowels dropped, doubled letters made one, and cut to the first four consonants, which
also covers most case endings ("Житомира" / "Житомир"). Two unrelated names may share a key: it only
widens which documents are compared, and the pair decision judges every pair it brings.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

# Cyrillic letters of Russian and Ukrainian → Latin (BGN/PCGN for ru, the 2010 national table for uk;
# where they differ, either is fine: the key drops vowels and reads g and h as one).
_CYRILLIC: Final = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
        "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
        "я": "ia", "'": "", "’": "",
    }
)  # fmt: skip
_VOWELS: Final = frozenset("aeiouy")
# Letters that spellings of one name swap: Ukrainian г is written h, Russian г g; German writes w for v;
# Latin c is Cyrillic к ("Crimea", "Крим").
_SAME_SOUND: Final = str.maketrans({"h": "g", "w": "v", "c": "k"})
KEY_LENGTH: Final = 4
KEY_PREFIX: Final = "~"  # keys never look like a name as written


@lru_cache(maxsize=16384)
def sound_key(name: str) -> str | None:
    """The script-free key of a name, or None when it has fewer than three consonants (too common)."""
    latin = unicodedata.normalize("NFKD", name.lower().translate(_CYRILLIC))
    letters = [c for c in latin if "a" <= c <= "z"]
    consonants: list[str] = []
    for letter in "".join(letters).translate(_SAME_SOUND):
        if letter in _VOWELS or (consonants and consonants[-1] == letter):
            continue
        consonants.append(letter)
    if len(consonants) < 3:
        return None
    return KEY_PREFIX + "".join(consonants[:KEY_LENGTH])


def with_sound_keys(terms: set[str]) -> set[str]:
    """The terms and their sound keys."""
    return terms | {key for term in terms if (key := sound_key(term)) is not None}
