"""The reply catalogues: every text of bot/replies.py has its ru and uk translation, with the same
placeholders and markup, and the plural forms of each language."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from bot import i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / source for source in i18n.SOURCES]
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
# ru and uk: one, few, many (1 / 2-4 / 5-20, by the last digits)
SLAVIC_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
_TAG = re.compile(r"</?[a-z]+[^>]*>")


def used_msgids() -> list[tuple[str, ...]]:
    """Every msgid of the catalogue's sources as its extraction sees them (`make po`): (msgid,) or
    (singular, plural)."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = []
    for source in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", source, keywords=keywords):
            found.append((message,) if isinstance(message, str) else tuple(m for m in message if m))
    assert len(found) > 140, "the extraction found too few texts in the catalogue's sources"
    return found


def catalogue(language: str) -> Catalog:
    with i18n.po_path(language).open("rb") as po:
        return read_po(po, locale=language)


def texts(value: object) -> tuple[str, ...]:
    """A catalogue entry's id or string as its forms: one, or each plural form."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def tags(text: str) -> list[str]:
    return sorted(_TAG.findall(text))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_of_the_replies_has_a_translation(language: str) -> None:
    po = catalogue(language)
    missing = []
    for ids in used_msgids():
        entry = po.get(ids[0])
        forms = () if entry is None else texts(entry.string)
        wanted = po.num_plurals if len(ids) == 2 else 1
        if entry is None or entry.fuzzy or len(forms) != wanted or not all(f.strip() for f in forms):
            missing.append(ids[0])
    assert not missing, (
        f"no {language} translation in {i18n.po_path(language)} (run `make po`) for: {missing}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_and_markup_of_their_msgid(language: str) -> None:
    po = catalogue(language)
    wrong = []
    for entry in po:
        if not entry.id:
            continue
        ids = texts(entry.id)
        for form in texts(entry.string):
            # Each plural form names the count too (a form without it would hide the number).
            if fields(form) != fields(ids[-1]) or tags(form) != tags(ids[-1]):
                wrong.append((ids[0], form))
    assert not wrong, wrong


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_hold_only_texts_the_replies_use(language: str) -> None:
    used = {ids[0] for ids in used_msgids()}
    ids = [texts(entry.id)[0] for entry in catalogue(language) if entry.id]
    stale = [msgid for msgid in ids if msgid not in used]
    assert not stale, f"{i18n.po_path(language)} has texts replies.py no longer uses (run `make po`): {stale}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_forms_are_those_of_the_language(language: str) -> None:
    assert catalogue(language).plural_forms == SLAVIC_PLURALS
    with i18n.using(language):
        forms = {n: i18n.ngettext("{n} figure", "{n} figures", n).format(n=n) for n in (1, 2, 5, 11, 21, 24)}
    one, few, many = forms[1].split()[1], forms[2].split()[1], forms[5].split()[1]
    assert len({one, few, many}) == 3
    assert [forms[n].split()[1] for n in (11, 21, 24)] == [many, one, few]


def test_the_catalogues_are_package_data() -> None:
    """An installed package carries the .po files (they are read at run time, nothing is compiled)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["bot"]
    shipped = {p for pattern in patterns for p in (ROOT / "bot").glob(pattern)}
    assert {i18n.po_path(language) for language in TRANSLATED} <= shipped


@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("ru-RU", "ru"), ("uk", "uk"), ("en", "en"), ("en-GB", "en"), ("de", "en"), (None, "en")],
)
def test_telegram_language_codes_map_to_a_reply_language(code: str | None, language: str) -> None:
    assert i18n.language_of(code) == language
