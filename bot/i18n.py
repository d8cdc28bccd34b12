"""The language of replies: en, ru, uk, from gettext catalogues (bot/locale/<lang>/LC_MESSAGES/crosscheck.po).

    language_of(code)     a Telegram `language_code` → "ru", "uk", else "en"
    using(lang)           the language of what is rendered inside the block (a ContextVar)
    _ / ngettext / N_     gettext's functions over the current language; msgids are the English text

The current language is a ContextVar: the ledger processor (bot/app.py) sets it once per update, in that
update's own task, so concurrent updates never see each other's, and `asyncio.to_thread` carries it into
worker threads. Nothing that renders for another chat (alerts) relies on it: that passes its language.

The .po files are read at first use with Babel and turned into gettext catalogues in memory, so the .po is
the only file to edit and no compiled .mo can fall behind it.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

LANGUAGES = ("en", "ru", "uk")
DEFAULT = "en"
DOMAIN = "crosscheck"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: ContextVar[str] = ContextVar("crosscheck_language", default=DEFAULT)


# The modules whose texts are msgids of the catalogue (`make po` extracts them; tests/test_i18n.py checks
# each has its translations): the replies, and the sentences of what the pipeline refuses.
SOURCES = (
    "bot/replies.py",
    "bot/handlers.py",
    "bot/pipeline/budget.py",
    "bot/pipeline/clean.py",
    "bot/pipeline/fetch.py",
    "bot/pipeline/service.py",
)


def language_of(code: str | None) -> str:
    """Telegram's IETF tag ("ru", "uk", "en-GB", "ru-RU") → one of LANGUAGES; anything else is English."""
    base = (code or "").split("-")[0].split("_")[0].casefold()
    return base if base in LANGUAGES else DEFAULT


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of a language, read once per process; English is the msgids themselves."""
    if language == DEFAULT or language not in LANGUAGES:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def current() -> str:
    return _current.get()


def set_current(language: str) -> None:
    """For the rest of this task (one update): replies in `language`."""
    _current.set(language if language in LANGUAGES else DEFAULT)


@contextlib.contextmanager
def using(language: str | None) -> Iterator[None]:
    token = _current.set(language if language in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_current.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a msgid for the catalogue where it is defined; it is translated where it is shown (`_`)."""
    return message
