"""Page text → article text: what people paste, upload or link, with the page furniture taken out.

Pasted pages arrive with everything a browser selection picks up: icon-font names, "READ MORE:" promos,
related-headline lists, photo captions, share and subscribe prompts, cookie notices. `clean_pasted`
removes those by line-level rules that are deliberately conservative: a rule may leave a junk line in,
but must not take a sentence of the article out (a lead sentence without a final full stop, for one, is
still a sentence). Captions and photo credits are kept apart in `CleanText.captions`; embedded posts and
editor's notes stay in the body as their own paragraphs, since they can carry claims.

HTML goes through trafilatura (which already drops navigation, footers and most promos) and then the
same line rules. The HTML is size-capped before parsing and the extraction runs under a time limit,
because a hostile page can keep trafilatura busy for many seconds.

In pasted text the title line stays in the text as its first paragraph as well as in `CleanText.title`:
headlines and channel-post first lines often carry the figure ("40 killed, more than 100 injured"). From
HTML the title comes from the page metadata and the body is what trafilatura kept (usually with the h1).
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from html import unescape
from html.parser import HTMLParser
from typing import Any, Final, Literal

from bot.i18n import N_
from bot.pipeline import lang as langpacks
from bot.pipeline.errors import BinaryInput, CrosscheckError, EmptyInput, TooLarge
from bot.pipeline.lang.pack import LanguagePack
from bot.pipeline.types import Document, SourceInfo

log = logging.getLogger(__name__)

EXTRACT_TIME_LIMIT_S = 8.0  # trafilatura needs a few ms on a news page; this only stops pathological ones
MAX_TAGS = 100_000  # news pages have a few thousand tags once scripts are gone; 100k takes trafilatura ~10 s
_SLOTS = threading.BoundedSemaphore(2)


@dataclass(frozen=True, slots=True)
class CleanText:
    """Article text with its title, dateline and captions separated out."""

    title: str | None
    text: str  # article body, paragraphs separated by "\n\n"; junk removed; pasted text keeps its title line
    published: datetime | None  # a dateline found in the page, UTC
    captions: tuple[str, ...]  # photo captions and credits, kept apart from the body
    outlet: str | None = None  # who published it, as the text or page says (see outlet_of, _site_name)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- shared vocabulary ----------------------------------------------------------------------------------

_SENTENCE_END = frozenset(".!?…。")
_CLOSERS = "\"'”’»)]*"
_BULLET = re.compile(r"^(?:[-–—•·*▪►→»]|\d{1,2}[.)])\s+\S")
_SPACE = re.compile(r"[^\S\n]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)

# Page furniture in every pack's language (bot/pipeline/lang/<code>/, the `junk` slots), compared at a line
# start, lower-case. Shared: a page in one language carries labels in another.
_PACKS: Final = langpacks.packs()


def _shared(slot: Callable[[LanguagePack], Iterable[str]]) -> tuple[str, ...]:
    return langpacks.union(slot(pack) for pack in _PACKS)


_PROMO_LABELS = "|".join(_shared(lambda p: p.junk.promo_labels))
_PROMO_HEADER = re.compile(
    rf"^(?:{_PROMO_LABELS}|more (?:from|on|about) [^:：]{{1,60}}[:：])\s*[:：]?$", re.IGNORECASE
)
_PROMO_INLINE = re.compile(
    rf"^(?:{_PROMO_LABELS}|more (?:from|on|about) [^:：]{{1,60}})\s*[:：—–»>|]\s*\S", re.I
)
_PROMO_SHOUT = re.compile(r"^READ MORE\b")  # capitals are a page label even without a colon
# A promo glued after other text on the same line ("Headline READ MORE: Other headline").
_PROMO_GLUED = re.compile(r"\s(?:" + "|".join(_shared(lambda p: p.junk.promo_glued)) + r")\s*[:：]")

_CAPTION_START = re.compile(
    r"^(?:📸|📷|🖼|\[(?:" + "|".join(_shared(lambda p: p.junk.caption_brackets)) + r")\b"
    r"|\((?:" + "|".join(_shared(lambda p: p.junk.caption_parens)) + r")\b"
    r"|(?:" + "|".join(_shared(lambda p: p.junk.caption_labels)) + r")\s*[:：])",
    re.IGNORECASE,
)
_CAPTION_ANYWHERE = re.compile(r"©|\bPhotograph:")
# Agency credits count only at the end of a line, where captions put them ("… (AP Photo/A. Name)").
_CREDIT_TAIL = re.compile(r"(?:\bGetty Images|\((?:AP|AFP|Reuters|EPA) Photo[^)]{0,60}\))\W*$")

_SOCIAL = re.compile(r"^(?:" + "|".join(_shared(lambda p: p.junk.social)) + ")", re.IGNORECASE)
_COOKIE = re.compile(r"\b(?:" + "|".join(_shared(lambda p: p.junk.cookie_words)) + r")\b", re.IGNORECASE)
_COOKIE_VERB = re.compile(r"\b(?:" + "|".join(_shared(lambda p: p.junk.cookie_verbs)) + r")\b", re.I)
_RIGHTS = re.compile(r"\b(?:" + "|".join(_shared(lambda p: p.junk.rights)) + r")\b", re.I)
_EMBED = re.compile(r"^(?:\[[^\]]{1,40}\]|embedded (?:post|tweet|video)\b)", re.IGNORECASE)
_UI_WORDS = frozenset(_shared(lambda p: p.junk.ui_words))

_REPORTING = re.compile(
    r"\b(?:" + "|".join(_shared(lambda p: p.reporting.reporting_words)) + r")\b",
    re.IGNORECASE,
)
_JOINING_WORDS = frozenset(_shared(lambda p: p.junk.joining_words))


# -- dates ----------------------------------------------------------------------------------------------

# Month names and abbreviations of every pack (CLDR's, in the packs' `dates.months`), lower case → month.
MONTHS: dict[str, int] = {}
for _pack in _PACKS:
    for _name, _number in _pack.dates.months.items():
        MONTHS.setdefault(_name, _number)
# What may follow a day number before its month ("1st", "1er", "3.", "1º"), and the "de" of "3 de mayo".
DAY_SUFFIXES: Final = "|".join(
    (
        *map(re.escape, _shared(lambda p: p.dates.day_suffixes)),
        r"\.",
        *map(re.escape, _shared(lambda p: p.dates.day_marks)),
    )
)
DATE_OF: Final = "|".join(map(re.escape, _shared(lambda p: p.dates.date_of))) or "(?!)"
_YEAR_AFTER = "|".join(_shared(lambda p: p.dates.year_after)) or "(?!)"
_TIME_BEFORE = "|".join(_shared(lambda p: p.dates.time_before)) or "(?!)"
# Month-day-year order ("March 5th, 2024") and its suffixes and time words, from the packs that write it.
_MDY_PACKS = tuple(p for p in _PACKS if p.dates.month_day_year)
_MDY_SUFFIXES = "|".join(re.escape(x) for p in _MDY_PACKS for x in p.dates.day_suffixes) or "(?!)"
_MDY_TIME_BEFORE = "|".join(x for p in _MDY_PACKS for x in p.dates.time_before) or "(?!)"
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TZ = r"(?:\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"
_TIME = rf"(\d{{1,2}})[:h](\d{{2}})(?::(\d{{2}}))?(?:\s*([ap])\.?m\.?)?{_TZ}"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
            rf"{_TZ})?(?!\d)"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?<!\d)(\d{{1,2}})(?:{DAY_SUFFIXES})?\s+(?:(?:{DATE_OF})\s+)?({_MONTH_RE})\.?,?\s+"
            rf"(?:(?:{DATE_OF})\s+)?(\d{{4}})"
            rf"(?:\s*(?:{_YEAR_AFTER}))?"
            rf"(?:[,\s|]+(?:{_TIME_BEFORE})?{_TIME})?(?![\w])",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?<![\w])({_MONTH_RE})\.?\s+(\d{{1,2}})(?:{_MDY_SUFFIXES})?,?\s+(\d{{4}})"
            rf"(?:[,\s|]+(?:{_MDY_TIME_BEFORE})?{_TIME})?(?![\w])",
            re.IGNORECASE,
        ),
    ),
    (
        "numeric",
        re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})(?:[,\s|]+{_TIME})?(?![\d])"),
    ),
)
# The words of a dateline line ("Published", "le", "Mis à jour", weekdays), of every pack.
_DATE_LABELS = re.compile(
    r"\b(?:"
    + "|".join((*_shared(lambda p: p.dates.date_labels), *_shared(lambda p: p.dates.weekdays)))
    + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Date:
    when: datetime
    has_time: bool
    start: int
    end: int


def _find_date(line: str) -> _Date | None:
    """The first calendar date (with its time, if one follows) in `line`, as UTC."""
    best: _Date | None = None
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            found = _date_from(kind, match)
            if found is not None:
                if best is None or found.start < best.start:
                    best = found
                break
    return best


def _date_from(kind: str, m: re.Match[str]) -> _Date | None:
    g = m.groups()
    try:
        if kind == "iso":
            year, month, day = int(g[0]), int(g[1]), int(g[2])
            clock: tuple[str | None, ...] = (g[3], g[4], g[5], None, g[6])
        elif kind == "dmy":
            day, month, year = int(g[0]), MONTHS[g[1].lower()], int(g[2])
            clock = g[3:8]
        elif kind == "mdy":
            month, day, year = MONTHS[g[0].lower()], int(g[1]), int(g[2])
            clock = g[3:8]
        else:
            day, month, year = int(g[0]), int(g[1]), int(g[2])
            clock = g[3:8]
        if not 1900 <= year <= 2100:
            return None
        hour = int(clock[0]) if clock[0] else 0
        minute = int(clock[1]) if clock[1] else 0
        second = int(clock[2]) if clock[2] else 0
        if clock[3]:
            hour = hour % 12 + (12 if clock[3].lower() == "p" else 0)
        when = datetime(year, month, day, hour, minute, second, tzinfo=_zone(clock[4]))
    except (KeyError, ValueError):
        return None
    return _Date(when.astimezone(UTC), clock[0] is not None, m.start(), m.end())


def _zone(text: str | None) -> timezone:
    if not text or text.upper() in ("Z", "UTC", "GMT"):
        return UTC  # a dateline without a zone is taken as UTC: the page rarely says otherwise
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _dateline(line: str) -> tuple[_Date, bool] | None:
    """A date that makes up `line` (True: nothing but the date and labels) or ends a short place line."""
    if len(line) > 80:
        return None
    found = _find_date(line)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end :]
    rest = _DATE_LABELS.sub(" ", rest)
    if not re.search(r"\w", re.sub(r"[\d\W_]+", " ", rest).strip()):
        return found, True
    before, after = line[: found.start], line[found.end :]
    if not re.search(r"\w", after) and len(before.split()) <= 4:
        return found, False
    return None


# -- line rules -----------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = _SPACE.sub(" ", text)  # every kind of space, NBSP and thin spaces included, becomes " "
    return "\n".join(line.strip() for line in text.split("\n"))


def _bare(line: str) -> str:
    """`line` without leading decoration (emoji, arrows, bullets) for matching labels."""
    index = 0
    while index < len(line) and not (line[index].isalnum() or line[index] in "[(«\"'“„‘¿¡#@"):
        index += 1
    return line[index:]


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip().rstrip(_CLOSERS + " ")
    return bool(tail) and tail[-1] in _SENTENCE_END


def _headline_like(line: str) -> bool:
    """Short and without a full stop at the end: a headline, a label or a link, not a sentence."""
    tail = line.rstrip().rstrip(_CLOSERS + " ")
    if tail and tail[-1] in ".!…":
        return False
    return len(line) <= 180 and len(line.split()) <= 28


def _is_long_sentence(line: str) -> bool:
    """Ends with a full stop and is long enough to be a sentence rather than a promo headline."""
    tail = line.rstrip().rstrip(_CLOSERS + " ")
    return bool(tail) and tail[-1] in ".!" and len(line.split()) >= 8


def _is_icon_junk(line: str) -> bool:
    tokens = line.lower().split()
    if len(tokens) < 3:
        return False
    icons = sum(1 for t in tokens if t.endswith("icon") or "icon-" in t)
    ui = sum(1 for t in tokens if t in _UI_WORDS or re.fullmatch(r"[\d-]+", t) is not None)
    return icons >= 3 and (icons + ui) / len(tokens) >= 0.6


def _is_nav(line: str) -> bool:
    pieces = [p.strip() for p in re.split(r"\s[|•·]\s|\s\|", line) if p.strip()]
    if len(pieces) < 2 or len(line) > 100:
        return False
    # Digits mean a table row ("| North | 12 |"), which may hold a figure; menus have none.
    if any(c.isdigit() for c in line):
        return False
    return all(len(p.split()) <= 3 and not _ends_sentence(p) for p in pieces)


def _is_social(line: str) -> bool:
    bare = _bare(line)
    if len(bare) <= 200 and _SOCIAL.match(bare):
        return True
    if len(line) <= 300 and _COOKIE.search(line) and _COOKIE_VERB.search(line):
        return True
    return len(line) <= 200 and bool(_RIGHTS.search(line))


def _is_caption(line: str) -> bool:
    if _CAPTION_START.match(line) or _CAPTION_START.match(_bare(line)):
        return True
    return len(line) <= 400 and bool(_CAPTION_ANYWHERE.search(line) or _CREDIT_TAIL.search(line))


Kind = Literal["blank", "body", "junk", "caption", "header", "dateline"]


@dataclass(slots=True)
class _Line:
    text: str
    kind: Kind
    date: _Date | None = None
    pure_date: bool = False


def _classify(text: str) -> _Line:
    if not text:
        return _Line(text, "blank")
    bare = _bare(text)
    if not re.search(r"\w", text) or all(t.startswith("#") for t in text.split()):
        return _Line(text, "junk")
    if _is_icon_junk(text):
        found = _find_date(text)
        return _Line(text, "junk", date=found)
    if _PROMO_HEADER.match(bare):
        return _Line(text, "header")
    if _PROMO_SHOUT.match(bare):
        return _Line(text, "junk")
    if _PROMO_INLINE.match(bare) and not _is_long_sentence(bare):
        return _Line(text, "junk")
    glued = _PROMO_GLUED.search(text)
    if glued:
        before = text[: glued.start()].strip()
        if not _ends_sentence(before):
            return _Line(text, "junk")
        text = before  # keep the sentence, drop the promo after it
    if _is_social(text) or _is_nav(text):
        return _Line(text, "junk")
    if _RIGHTS.search(text) and len(text) <= 200:
        return _Line(text, "junk")
    if not _EMBED.match(text) and _is_caption(text):
        return _Line(text, "caption")
    return _Line(text, "body")


@dataclass(slots=True)
class _Result:
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    title: str | None = None
    published: datetime | None = None


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def _clean_lines(text: str) -> _Result:
    lines = [_classify(line) for line in _normalise(text).split("\n")]
    _drop_related_blocks(lines)
    _drop_repeats(lines)
    _drop_trailing_headlines(lines)
    result = _Result(captions=[ln.text for ln in lines if ln.kind == "caption"])
    result.published = _pick_dateline(lines)
    result.paragraphs = _paragraphs(lines)
    result.title = _pick_title(result.paragraphs)
    return result


def _drop_related_blocks(lines: list[_Line]) -> None:
    """A related-links label takes the bullet or headline lines under it with it."""
    index = 0
    while index < len(lines):
        if lines[index].kind != "header":
            index += 1
            continue
        lines[index].kind = "junk"
        index += 1
        blanks = 0
        while index < len(lines):
            line = lines[index]
            if line.kind == "blank":
                blanks += 1
                if blanks > 1:
                    break
            elif line.kind in ("body", "junk", "caption") and (
                _BULLET.match(line.text) or (_headline_like(line.text) and not _REPORTING.search(line.text))
            ):
                line.kind = "junk"
                blanks = 0
            else:
                break
            index += 1


def _drop_repeats(lines: list[_Line]) -> None:
    """A line that comes twice in a row is a related-story card (picture text + link) unless a sentence."""
    previous: _Line | None = None
    for line in lines:
        if line.kind == "blank":
            continue
        if (
            previous is not None
            and line.kind == "body"
            and previous.kind in ("body", "junk")
            and _key(line.text) == _key(previous.text)
        ):
            tail = line.text.rstrip().rstrip(_CLOSERS + " ")
            line.kind = "junk"
            if not (tail and tail[-1] in ".!…"):
                previous.kind = "junk"
        previous = line


def _drop_trailing_headlines(lines: list[_Line]) -> None:
    """Two or more bare headlines after the last sentence are a related-stories list."""
    tail: list[_Line] = []
    for line in reversed(lines):
        if line.kind in ("blank", "junk", "caption", "dateline"):
            continue
        if _headline_like(line.text) and not _REPORTING.search(line.text) and not _BULLET.match(line.text):
            tail.append(line)
            continue
        break
    body_left = sum(1 for ln in lines if ln.kind == "body") - len(tail)
    if len(tail) >= 2 and body_left >= 2:
        for line in tail:
            line.kind = "junk"


def _pick_dateline(lines: list[_Line]) -> datetime | None:
    """The page's dateline: a date line near the top, else a place-and-date line, else a date in junk."""
    pure: list[_Date] = []
    placed: list[_Date] = []
    seen = 0
    for line in lines:
        if line.kind == "junk" and line.date is not None and seen < 3:
            placed.append(line.date)
        if line.kind != "body":
            continue
        seen += 1
        if seen > 10:
            break
        found = _dateline(line.text)
        if found is None:
            continue
        date, is_pure = found
        if is_pure:
            line.kind = "dateline"
            pure.append(date)
        else:
            placed.insert(0, date)
    for group in (pure, placed):
        if group:
            timed = [d for d in group if d.has_time]
            return (timed or group)[0].when
    return None


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Each body line is a paragraph unless it clearly continues the line before it."""
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if line.kind != "body":
            joinable = False  # a blank line, or anything taken out, ends the paragraph
            continue
        text = line.text
        if joinable and paragraphs and _continues(paragraphs[-1], text):
            previous = paragraphs[-1]
            glue = "" if re.search(r"\w-$", previous) and text[:1].islower() else " "
            paragraphs[-1] = previous + glue + text
        else:
            paragraphs.append(text)
        joinable = True
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if (
        _ends_sentence(previous)
        or previous.endswith((":", "："))
        or _BULLET.match(line)
        or _EMBED.match(line)
        or _EMBED.match(previous)  # an embedded post is a quote of its own: nothing joins it
    ):
        return False
    first = line[:1]
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    if first.islower():
        return True
    return previous.endswith((",", ";", "(", "-", "–")) or last_word in _JOINING_WORDS


def _pick_title(paragraphs: list[str]) -> str | None:
    """The first short line without a closing full stop, if the text goes on after it."""
    for index, paragraph in enumerate(paragraphs[:3]):
        if index + 1 >= len(paragraphs):
            return None
        tail = paragraph.rstrip().rstrip(_CLOSERS + " ")
        if not tail or tail[-1] in ".…:" or len(paragraph) > 200 or len(paragraph.split()) > 30:
            return None
        words = paragraph.split()
        if paragraph.isupper() and len(words) <= 4:
            continue  # a section label such as "PRESS RELEASE"; the headline may follow
        if _dateline(paragraph) is not None:
            continue
        return _bare(paragraph) or paragraph
    return None


# -- public API -----------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` as UTF-8 can carry it: split surrogate pairs joined, lone surrogates made U+FFFD.

    A Python string can hold a lone surrogate (JSON's "\\ud800", a UTF-7 or unicode-escape page, a
    Telegram text cut inside an emoji) that no UTF-8 encoder accepts: hashing, storing and printing the
    text would each raise UnicodeEncodeError. Every text is cleaned here first, so only this one place
    has to care.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def clean_pasted(text: str) -> CleanText:
    """Pasted page text → title, body paragraphs, dateline, captions and outlet; raises `EmptyInput`."""
    text = valid_text(text)
    result = _clean_lines(text)
    if not result.paragraphs:
        raise EmptyInput(N_("I found no article text in that."))
    return CleanText(
        title=result.title,
        text="\n\n".join(result.paragraphs),
        published=result.published,
        captions=tuple(result.captions),
        outlet=outlet_of(text),
    )


# Where a text names who published it. A wire dateline, "KYIV (Reuters) — …"; a title line that ends in
# "| Outlet"; a copyright line, "© 2024 Outlet. All rights reserved"; a channel's signature, its last line
# "@channel". The first of these that the text has, in that order (a dateline names the story's source,
# a copyright the page's).
_DATELINE_OUTLET = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ .,'’-]{1,40}\s\(([^\W\d_][^()\n]{1,40})\)\s*[—–-]{1,2}\s",
    re.MULTILINE,
)
_COPYRIGHT_OUTLET = re.compile(
    r"(?:©|\(c\)(?=\s*\d{4})|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"([^\W\d_][^\n.,;|©]{1,40}?)(?:\s*\d{4})?\s*(?:[.,;|]|\ball rights\b|$)",
    re.IGNORECASE | re.MULTILINE,
)
_TITLE_OUTLET = re.compile(r"\s[|]\s*([^|\n]{2,40}?)\s*$")
_SIGNATURE = re.compile(r"^(?:[^\n@]{0,40}\s)?@([A-Za-z][A-Za-z0-9_]{4,31})\s*$")
_OUTLET_WORDS = 6  # an outlet's name is short; a longer run is a sentence


def outlet_of(text: str) -> str | None:
    """Who published a pasted text, when the text itself says: dateline, copyright, title, signature."""
    head = text[:3000]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    candidates: list[str] = []
    if (found := _DATELINE_OUTLET.search(head)) is not None:
        candidates.append(found.group(1))
    if (found := _COPYRIGHT_OUTLET.search(text[-3000:])) is not None:
        candidates.append(found.group(1))
    if lines and (found := _TITLE_OUTLET.search(lines[0])) is not None:
        candidates.append(found.group(1))
    if lines and (found := _SIGNATURE.match(lines[-1])) is not None:
        candidates.append("@" + found.group(1))
    for candidate in candidates:
        name = " ".join(candidate.split()).strip(" -–—:")
        if name and len(name.split()) <= _OUTLET_WORDS and any(c.isupper() or c == "@" for c in name):
            return name
    return None


_META_TAG = re.compile(r"<meta\b[^>]{0,1000}>", re.IGNORECASE)
_SITE_NAME_PROPERTY = re.compile(r"""(?:property|name)\s*=\s*["']og:site_name["']""", re.IGNORECASE)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"'<>]{1,80})["']""", re.IGNORECASE)


def _site_name(markup: str) -> str | None:
    """The page's publisher from its `og:site_name` meta tag (in its head: the first 200 KB)."""
    for tag in _META_TAG.finditer(markup[:200_000]):
        # Each tag is read on its own, bounded: no pattern here runs over the page.
        text = tag.group(0)
        if _SITE_NAME_PROPERTY.search(text) and (content := _CONTENT.search(text)) is not None:
            return " ".join(unescape(content.group(1)).split()) or None
    return None


def clean_html(
    html: str,
    *,
    url: str | None = None,
    max_chars: int = 2_000_000,
    time_limit_s: float = EXTRACT_TIME_LIMIT_S,
) -> CleanText:
    """An HTML page → its article (trafilatura, then the pasted-text rules), or the page's visible text
    run through the same rules if trafilatura finds no article.

    Raises `EmptyInput`, or `TooLarge` for a page over `max_chars` (counted after scripts, styles and
    comments are dropped), with an absurd number of tags, or one that takes over `time_limit_s` to read.
    """
    if not html.strip():
        raise EmptyInput(N_("That page is empty."))
    markup = _drop_raw_blocks(valid_text(html))
    if len(markup) > max_chars:
        raise TooLarge(
            N_("That page has more than {limit} characters of markup, so I won't read it."),
            limit=f"{max_chars:,}",
        )
    if markup.count("<") > MAX_TAGS:
        raise TooLarge(N_("That page has too many parts for me to read."))
    return _run_limited(lambda cancelled: _extract(markup, url, cancelled), time_limit_s)


def _extract(markup: str, url: str | None, cancelled: threading.Event) -> CleanText:
    extracted = _trafilatura(markup, url, cancelled)
    if extracted is not None:
        body, title, date = extracted
        result = _clean_lines(body)
        figures = _figcaptions(markup)
        kept = [p for p in result.paragraphs if p not in figures]
        if _has_words(kept):
            return CleanText(
                title=title or result.title,
                text="\n\n".join(kept),
                published=date or result.published,
                captions=tuple(figures + [c for c in result.captions if c not in figures]),
                outlet=_site_name(markup),
            )
    if cancelled.is_set():
        raise EmptyInput(N_("I found no article text in that page."))
    log.info("trafilatura found no article in %s; falling back to the page text", url or "the page")
    page = _PageText()
    page.feed(markup)
    page.close()
    fallback = _clean_lines(page.text())
    if not _has_words(fallback.paragraphs):
        raise EmptyInput(N_("I found no article text in that page."))
    return CleanText(
        title=page.title or fallback.title,
        text="\n\n".join(fallback.paragraphs),
        published=fallback.published,
        captions=tuple(fallback.captions),
        outlet=_site_name(markup),
    )


def _has_words(paragraphs: list[str]) -> bool:
    """More than a stray menu word: what a page must yield to count as having text."""
    return sum(len(p.split()) for p in paragraphs) >= 3


_RAW_BLOCKS = ("script", "style", "noscript", "template", "svg")


def _drop_raw_blocks(html: str) -> str:
    """`html` without comments, scripts, styles and inline SVG, in one linear pass.

    An unclosed block runs to the end of the page, as it does in a browser, so a page cannot make this
    scan the same text twice.
    """
    lower = html.lower()
    out: list[str] = []
    pos = 0
    pattern = re.compile(r"<!--|<(?:" + "|".join(_RAW_BLOCKS) + r")\b")
    while True:
        match = pattern.search(lower, pos)
        if match is None:
            out.append(html[pos:])
            break
        out.append(html[pos : match.start()])
        if match.group() == "<!--":
            end = lower.find("-->", match.end())
            pos = len(html) if end < 0 else end + 3
            continue
        tag = match.group()[1:]
        end = lower.find(f"</{tag}", match.end())
        if end < 0:
            break
        close = lower.find(">", end)
        pos = len(html) if close < 0 else close + 1
    return "".join(out)


def _run_limited(work: Callable[[threading.Event], CleanText], seconds: float) -> CleanText:
    """Run `work` in a helper thread and give up after `seconds`.

    Python cannot stop a thread, so a timed-out extraction runs on until its current trafilatura pass
    ends (bounded by the size caps) and then sees the cancel flag. At most `_SLOTS` extractions run at a
    time, abandoned ones included, so a stream of hostile pages cannot pile up busy threads.
    """
    if not _SLOTS.acquire(timeout=seconds):
        log.warning("no extraction slot free within %.1f s", seconds)
        raise TooLarge(N_("That page is too large or complicated for me to read in time."))
    box: dict[str, CleanText | BaseException] = {}
    done = threading.Event()
    cancelled = threading.Event()

    def run() -> None:
        try:
            box["value"] = work(cancelled)
        except CrosscheckError as exc:
            box["error"] = exc
        except Exception as exc:  # a parser bug must still reach the caller as one of our errors
            log.exception("article extraction failed")
            error = EmptyInput("I couldn't read any article text in that page.")
            error.__cause__ = exc
            box["error"] = error
        finally:
            _SLOTS.release()
            done.set()

    threading.Thread(target=run, name="crosscheck-extract", daemon=True).start()
    if not done.wait(seconds):
        cancelled.set()
        log.warning("article extraction passed its %.1f s limit", seconds)
        raise TooLarge(N_("That page is too large or complicated for me to read in time."))
    outcome = box["value"] if "value" in box else box["error"]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _trafilatura(
    markup: str, url: str | None, cancelled: threading.Event
) -> tuple[str, str | None, datetime | None] | None:
    """Body text, title and date by trafilatura: precise first, then its default recall if that is empty."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    for precise in (True, False):
        if cancelled.is_set():
            return None
        try:
            document: Any = trafilatura.bare_extraction(
                markup,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                favor_precision=precise,
                date_extraction_params={
                    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                    "extensive_search": True,
                    "original_date": True,
                },
            )
        except Exception:  # trafilatura raises whatever lxml raises on odd markup
            log.warning("trafilatura failed on %s", url or "a page", exc_info=True)
            return None
        if document is None or document.body is None:
            continue
        body = xmltotxt(document.body, False)
        if body and body.strip():
            title = str(document.title).strip() if document.title else None
            return str(body), title or None, _metadata_date(document.date)
    return None


def _figcaptions(markup: str, limit: int = 30) -> list[str]:
    """Text of the page's <figcaption> elements, which trafilatura leaves out of the body."""
    lower = markup.lower()
    found: list[str] = []
    pos = 0
    while len(found) < limit:
        start = lower.find("<figcaption", pos)
        if start < 0:
            break
        end = lower.find("</figcaption", start)
        if end < 0:
            break
        inner = markup[lower.find(">", start) + 1 : end]
        text = " ".join(unescape(re.sub(r"<[^>]*>", " ", inner)).split())
        if text and text not in found:
            found.append(text)
        pos = end + 1
    return found


def _metadata_date(value: object) -> datetime | None:
    if not value:
        return None
    text = str(value)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = datetime.strptime(text[:10], "%Y-%m-%d")
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


class _PageText(HTMLParser):
    """Visible text of a page with a line break at every block, for when trafilatura gives up."""

    _BLOCKS = _words(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 section article header footer blockquote pre tr table "
        "figure figcaption dd dt hr main aside"
    )
    _SKIP = _words("nav footer aside form button select head")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title and self.title is None and data.strip():
            self.title = " ".join(data.split())
        elif not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


# -- language -------------------------------------------------------------------------------------------

# The packs' stop words (`junk.stop_words`) and the letters only one of them uses (`junk.letters`), by script.
_LATIN_PACKS: Final = tuple(p for p in _PACKS if p.script == "latin")
_CYRILLIC_PACKS: Final = tuple(p for p in _PACKS if p.script == "cyrillic")
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ar", "\u0600-\u06ff"),
    ("he", "\u0590-\u05ff"),
    ("el", "\u0370-\u03ff"),
    ("hi", "\u0900-\u097f"),
    ("ja", "\u3040-\u30ff"),
    ("ko", "\uac00-\ud7af"),
    ("zh", "\u4e00-\u9fff"),
)


# The letters of each script (the blocks less their signs, marks and × ÷), counted by regex: per character
# in Python this was a noticeable part of an ingest.
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


# Up to this many characters a text is short (a headline, a channel post): too few stop words to count, so
# a character n-gram model decides. Longer texts have plenty, and counting them costs far less.
SHORT_TEXT_CHARS = 600
# The languages the n-gram model chooses among: the extractor's, and the two Romance languages its stop
# words know too (an Italian post read as Spanish would get Spanish number words).
_NGRAM_LANGUAGES: Final = langpacks.codes()


@cache
def _ngram_detector() -> Any:
    """lingua's detector limited to _NGRAM_LANGUAGES, low-accuracy mode (trigrams only: 98 of 100 short
    phrases measured here, 30 MB, 0.2 s to load), built once per process on first use."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in _NGRAM_LANGUAGES]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def guess_language(text: str) -> str:
    """A two-letter language code from the script of (the start of) `text`, then, for a short text, a
    character n-gram model, else its stop words; "en" if unsure."""
    sample = text[:5000]
    if not any(c.isalpha() for c in sample):
        return "en"
    cyrillic = len(_CYRILLIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    others = {code: len(re.findall(f"[{span}]", sample)) for code, span in _SCRIPTS}
    top_other = max(others, key=lambda code: others[code])
    if others[top_other] > max(cyrillic, latin):
        if top_other == "zh" and others["ja"]:
            return "ja"
        return top_other
    if len(sample.strip()) <= SHORT_TEXT_CHARS:
        found = _ngram_detector().detect_language_of(sample)
        if found is not None:
            return str(found.iso_code_639_1.name.lower())
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", sample.lower())
    lower = sample.lower()
    counts = Counter(words)
    if cyrillic > latin:
        # Each Cyrillic pack by the stop words only it has and its own letters; a tie goes to the earlier.
        cyrillic_scores: dict[str, int] = {}
        for pack in _CYRILLIC_PACKS:
            rivals = frozenset[str]().union(*(p.junk.stop_words for p in _CYRILLIC_PACKS if p is not pack))
            own = sum(lower.count(c) for c in pack.junk.letters) * pack.junk.letter_weight
            cyrillic_scores[pack.code] = own + sum(counts[w] for w in pack.junk.stop_words - rivals)
        return max(cyrillic_scores, key=lambda code: cyrillic_scores[code])
    scores = {pack.code: sum(counts[w] for w in pack.junk.stop_words) for pack in _LATIN_PACKS}
    # Letters only one of these languages uses settle close calls.
    for pack in _LATIN_PACKS:
        scores[pack.code] += pack.junk.letter_weight * sum(lower.count(c) for c in pack.junk.letters)
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > 0 else "en"


# -- documents and files --------------------------------------------------------------------------------


def to_document(clean: CleanText, info: SourceInfo) -> Document:
    """A `Document` from clean text and what we are told about its source (which wins where given)."""
    from bot.pipeline.fetch import canonical_url

    # What we are told comes from outside the text too: a command-line argument that is not UTF-8 arrives
    # with lone surrogates (Python's surrogateescape), a JSON line may carry "\\udc80".
    return Document(
        text=clean.text,
        # What the person told us wins; a placeholder ("pasted text", a link's host) gives way to the
        # outlet the text or page names.
        source=valid_text(info.source) if info.source_given or not clean.outlet else clean.outlet,
        title=clean.title,
        url=canonical_url(valid_text(info.url)) if info.url else None,
        published=info.published or clean.published,
        lang=valid_text(info.lang) if info.lang else guess_language(clean.text),
        kind=info.kind,
    )


_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xht")


def read_input(data: bytes, *, filename: str | None = None, max_bytes: int) -> tuple[str, str]:
    """Uploaded or command-line bytes → ("html" | "text", decoded text).

    Raises `TooLarge` over `max_bytes`, `EmptyInput` for nothing but whitespace, `BinaryInput` for files
    that are not text (images, PDFs, archives, or bytes no text encoding explains).
    """
    if len(data) > max_bytes:
        raise TooLarge(
            N_("That file is larger than {limit} bytes, so I won't read it."), limit=f"{max_bytes:,}"
        )
    if not data.strip():
        raise EmptyInput(N_("That file is empty."))
    from bot.pipeline.fetch import binary_kind

    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInput(N_("That file is not text (it looks like {kind}), so I can't read it."), kind=kind)
    text = _decode_bytes(data)
    if not text.strip():
        raise EmptyInput(N_("That file is empty."))
    is_html = bool(filename and filename.lower().endswith(_HTML_SUFFIXES)) or _looks_like_html(text)
    return ("html" if is_html else "text"), text


def _decode_bytes(data: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = re.search(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", data[:4096], re.I)
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except (LookupError, UnicodeError):
            pass  # no such codec, or one that is no text encoding: "idna" and "undefined" raise here
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise BinaryInput(N_("That file is not in a text encoding I can read."))
    return data.decode(best.encoding, errors="replace")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head:
        return True
    return bool(re.search(r"<(?:html|head|body|article|div|p)\b[^>]*>", head)) and head.count("<") >= 3
