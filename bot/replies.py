"""Pure rendering: reports, relations and alerts → Telegram HTML messages, escaped, split at paragraph
boundaries to at most 4096 characters, each with the inline buttons of the conflicts it shows.

Nothing here does I/O; every function takes plain values (bot/pipeline/types.py) and returns strings or
`Reply` values. The only `telegram` import is the keyboard type the handlers send.

Every user-facing text is a gettext msgid here, wrapped in `_()` (`ngettext` where a count picks the form,
`N_` where it is defined away from where it is shown), with `{name}` placeholders filled by `.format`; the
ru and uk translations are in bot/locale/<lang>/LC_MESSAGES/crosscheck.po. A fixed text is a function, not a
module constant: a constant would be translated once, at import, in no one's language. The language is the
update's (bot/i18n.py); `render_alert` and `commands` take theirs.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.charts import ChartPoint, FiguresChart
from bot.i18n import LANGUAGES, N_, _, ngettext, using
from bot.pipeline.alerts import ChatSettings, Forgotten, PendingAlert, Reason, Stats, Story, Why, story_of
from bot.pipeline.errors import CrosscheckError, Phrase
from bot.pipeline.types import ChatExport, Figure, IngestReport, RecordedFigure, RelationView

MAX_MESSAGE = 4096  # Telegram's limit on one message's text
MAX_QUOTE = 300  # a quoted figure or claimant longer than this is cut: the link has the rest
MAX_LISTED_FIGURES = 12

Button = tuple[str, str]  # (label, callback data)
ButtonRow = tuple[Button, ...]

# Callback data: "f:<relation>" follow, "fd:<document>" follow its quantities, "v:<relation>:±1" vote,
# "pg:<document>:<page>" a page of a document's findings, "lang:<code>" this chat's language; under an
# alert, "m:<alert>" mute what it matched, "w:<alert>" why it came.
FOLLOW = "f"
FOLLOW_DOCUMENT = "fd"
VOTE = "v"
PAGE = "pg"
MUTE = "m"
WHY = "w"
# "cs:1" / "cs:0" a chat's answer to the recording question, "rq:<held text>" record a question as a source,
# "sn:<document>" "Don't know" who published a paste.
CONSENT = "cs"
RECORD_QUESTION = "rq"
NO_SOURCE = "sn"
LANGUAGE = "lang"
# Findings (conflicts and updates) in one answer; the others are a button away, a page of as many at a time.
MAX_FINDINGS = 3
# /figures: figures listed in the answer, and drawn on its chart (the newest of each).
MAX_TOPIC_LISTED = 15
MAX_DRAWN = 12


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a reply (never split inside) and the button rows that belong to it."""

    html: str
    buttons: tuple[ButtonRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: HTML text ≤ 4096 characters and its inline keyboard rows."""

    text: str
    buttons: tuple[ButtonRow, ...] = field(default=())

    @property
    def markup(self) -> InlineKeyboardMarkup | None:
        return keyboard(self.buttons)


def keyboard(rows: Sequence[ButtonRow]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def _day(when: datetime | date | None) -> str | None:
    if when is None:
        return None
    return f"{when.day} {_(MONTHS[when.month - 1])} {when.year}"


def _link(url: str | None, label: str) -> str:
    if not url:
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'


def side(recorded: RecordedFigure) -> str:
    """One side of a relation: the clause the figure is in (its words in bold), who says it, the outlet
    (linked), the date."""
    figure, document = recorded.figure, recorded.document
    parts = [quoted(figure)]
    if figure.claimant:
        parts.append(esc(_cut(figure.claimant, MAX_QUOTE)))
    parts.append(_link(document.url, _cut(document.source, 120)))
    day = _day(document.published) or _day(figure.moment)
    if day:
        parts.append(day)
    return " — ".join(parts[:2]) + (", " + ", ".join(parts[2:]) if len(parts) > 2 else "")


# Where a sentence divides into clauses, in every language the packs read: semicolons, colons, dashes
# between spaces and brackets end one; a comma before a space may.
_CLAUSE_END = re.compile(r";\s*|:\s+|\s[—–-]\s|\s?[()]\s?")
_CLAUSE_COMMA = re.compile(r",\s+")
# A clause shorter than this ("said police") takes in its neighbours; one longer than that is cut at words.
CLAUSE_MIN = 40
CLAUSE_MAX = 220


def clause_of(figure: Figure) -> tuple[str, str, str]:
    """(before, quote, after): the figure's quote within the clause of its own part of the sentence, so that
    "8,000" reads "while police put the number of participants at 8,000". A clause ends at a semicolon,
    colon, dash or bracket, and at a comma before a space; one shorter than CLAUSE_MIN characters takes in
    the clause before it (who says it and what it counts come first more often), then the one after, while
    it stays within CLAUSE_MAX. Longer still, it is cut at the words nearest the quote, with "…"."""
    sentence, quote = " ".join(figure.sentence.split()), " ".join(figure.quote.split())
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return "", quote, ""
    start, end = at, at + len(quote)
    low, high = _bounds(_CLAUSE_END, sentence, start, end, 0, len(sentence))
    cuts = [low, *_breaks(_CLAUSE_COMMA, sentence, low, high), high]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    while right - left < CLAUSE_MIN:
        wider_left = max((c for c in cuts if c < left), default=None)
        wider_right = min((c for c in cuts if c > right), default=None)
        if wider_left is not None and right - wider_left <= CLAUSE_MAX:
            left = wider_left
        elif wider_right is not None and wider_right - left <= CLAUSE_MAX:
            right = wider_right
        else:
            break
    before = sentence[left:start].lstrip(" ,;:—–-()")
    after = sentence[end:right].rstrip(" ,;:—–-().")
    # What room the quote leaves is shared, the words before first: a short end leaves more to the start.
    room = max(0, CLAUSE_MAX - len(quote))
    if len(after) > room // 2:
        after = after[: max(room // 2, room - len(before))].rsplit(" ", 1)[0] + "…"
    if len(before) > room - len(after):
        before = "…" + before[len(before) - (room - len(after)) :].split(" ", 1)[-1]
    return before, quote, after


def _bounds(
    pattern: re.Pattern[str], text: str, start: int, end: int, low: int, high: int
) -> tuple[int, int]:
    """The nearest breaks of `pattern` before `start` and after `end`, within low..high."""
    for match in pattern.finditer(text, low, high):
        if match.end() <= start:
            low = match.end()
        elif match.start() >= end:
            return low, match.start()
    return low, high


def _breaks(pattern: re.Pattern[str], text: str, low: int, high: int) -> list[int]:
    """Where `pattern` divides text[low:high]: both ends of each break (a clause ends before it, the next
    starts after it)."""
    cuts: list[int] = []
    for match in pattern.finditer(text, low, high):
        cuts += [match.start(), match.end()]
    return cuts


def quoted(figure: Figure) -> str:
    """The figure's clause as HTML, in the reader's quotation marks, its own words in bold."""
    before, quote, after = clause_of(figure)
    clause = f"{esc(before)}<b>{esc(quote)}</b>{esc(after)}"
    return _("“{clause}”").format(clause=clause)


# What a quantity key means, for headings ("guys (released)" is how one text put it, not what is counted).
QUANTITY_WORDS = {
    "killed": N_("deaths"),
    "injured": N_("injured"),
    "missing": N_("missing"),
    "arrested": N_("arrests"),
    "released": N_("people released"),
    "aboard": N_("people aboard"),
    "participants": N_("participants"),
    "trips": N_("trips"),
    "displaced": N_("people displaced"),
    "hospitalised": N_("people in hospital"),
    "deployed": N_("people deployed"),
}


def _subject(view: RelationView) -> str:
    figure = view.b.figure
    known = QUANTITY_WORDS.get(figure.quantity)
    # A counted noun the text gave is the text's own words, in its own language: not translated.
    words = _(known) if known else figure.counted or figure.quantity
    sides = ", ".join(side.title() for side in figure.sides)
    return esc(_cut(words, 120)) + (f" ({esc(sides)})" if sides else "")


def story_label(story: Story) -> str:
    """A followed story in plain words: "deaths — earthquake in Velmora", "people released (Ukraine)". The
    quantity's word and "in" are in the reader's language; the event's word, the side and the names are the
    text's own, as a counted noun is."""
    known = QUANTITY_WORDS.get(story.quantity)
    what = _(known) if known else story.counted or story.quantity
    if story.sides:
        what += f" ({', '.join(s.title() for s in story.sides)})"
    places = ", ".join(n.title() for n in story.names[:3])
    if story.event and places:
        where = _("{event} in {places}").format(event=story.event, places=places)
    else:
        where = story.event or places
    return _cut(what, 80) + (f" — {_cut(where, 80)}" if where else "")


def _votes(view: RelationView, tag: str = "") -> ButtonRow:
    return (("👍" + tag, f"{VOTE}:{view.id}:1"), ("👎" + tag, f"{VOTE}:{view.id}:-1"))


def _places(view: RelationView, names: Sequence[str]) -> list[str]:
    """The story's names as the texts spell them ("velmora" → "Velmora", "new", "york" → "New York"): runs
    of its words in the figures' sentences, in the order they come; a name no sentence has, capitalised."""
    wanted = set(names)
    found: dict[str, None] = {}
    covered: set[str] = set()
    for sentence in (view.b.figure.sentence, view.a.figure.sentence):
        run: list[str] = []
        for match in [*_NAME_WORD.finditer(sentence), None]:
            if match is not None and match.group().casefold() in wanted:
                run.append(match.group())
                continue
            if run:
                found.setdefault(" ".join(run), None)
                covered.update(w.casefold() for w in run)
                run = []
    found.update((n.title(), None) for n in names if n not in covered)
    # A name that is all of who says a figure ("Red Lantern Relief") is a voice, not where the story is; a
    # place in a claimant ("officials in Velmora") stays.
    voices = {_capitalised(f.figure.claimant) for f in (view.a, view.b) if f.figure.claimant}
    return [name for name in found if _capitalised(name) not in voices][:3]


def _capitalised(text: str) -> tuple[str, ...]:
    """A phrase's words that begin with a capital, casefolded: "the Red Lantern Relief" and "Red Lantern
    Relief" alike."""
    return tuple(w.casefold() for w in _NAME_WORD.findall(text) if w[:1].isupper())


_NAME_WORD = re.compile(r"\w+")


def _finding_day(view: RelationView) -> date | datetime | None:
    """The day a finding is about: the earlier of its figures' moments (an update's first figure is nearer
    the event), else when the newer was published."""
    moments = [f.figure.moment for f in (view.a, view.b) if f.figure.moment is not None]
    return min(moments) if moments else view.b.document.published


def story_heading(view: RelationView) -> str:
    """What a finding is about, in plain words: the event and its places as the texts name them, and the
    day ("March in Riga, 4 May 2026"); only the day when the figures name neither. HTML."""
    story = story_of(view)
    places = ", ".join(_places(view, story.names))
    event = story.event[:1].upper() + story.event[1:]
    if event and places:
        where = _("{event} in {places}").format(event=event, places=places)
    else:
        where = event or places
    day = _day(_finding_day(view))
    return esc(", ".join(part for part in (where, day) if part))


def _voice(recorded: RecordedFigure) -> str:
    """Who gives a figure, for a heading: the claimant, else the outlet."""
    return _cut(recorded.figure.claimant or _outlet(recorded.document.source), 40)


def _figure_value(recorded: RecordedFigure) -> str:
    f = recorded.figure
    return _value_text(f.low, f.value, f.high) if f.value is None or f.low != f.high else _number(f.value)


def conflict_heading(view: RelationView) -> str:
    """ "March in Riga, 4 May 2026 — participants: Organisers 30,000 vs police 8,000" (HTML)."""
    versus = _("{subject}: {a} vs {b}").format(
        subject=_subject(view),
        a=f"{esc(_voice(view.a))} <b>{esc(_figure_value(view.a))}</b>",
        b=f"{esc(_voice(view.b))} <b>{esc(_figure_value(view.b))}</b>",
    )
    story = story_heading(view)
    return f"{story} — {versus}" if story else versus


def plain_why(view: RelationView) -> str:
    """Why two figures are one quantity that they cannot both give, in the reader's words (HTML)."""
    what = _subject(view)
    places = esc(", ".join(_places(view, story_of(view).names)))
    days = {_figure_day(f) for f in (view.a, view.b)}
    if view.a.document.id == view.b.document.id:
        days.discard(None)  # one text's figures are of its one moment unless it names another
    # "at the same time" only where the figures are of one day: a toll given days apart by two voices may
    # be a dispute, but not of one moment.
    if len(days) == 1 and None not in days:
        if places:
            same = _("Both count {what} in {places}, at the same time.").format(what=what, places=places)
        else:
            same = _("Both count {what}, at the same time.").format(what=what)
    elif places:
        same = _("Both count {what} in {places}.").format(what=what, places=places)
    else:
        same = _("Both count {what}.").format(what=what)
    apart = _("{a} ({who_a}) and {b} ({who_b}) cannot both be true.").format(
        a=esc(_figure_value(view.a)),
        who_a=esc(_voice(view.a)),
        b=esc(_figure_value(view.b)),
        who_b=esc(_voice(view.b)),
    )
    return f"{same} {apart}"


def conflict_block(view: RelationView, *, number: int | None = None) -> Block:
    if number:
        head = _("⚠️ <b>Conflict #{number}:</b> {subject}").format(
            number=number, subject=conflict_heading(view)
        )
    else:
        head = _("⚠️ <b>Conflict:</b> {subject}").format(subject=conflict_heading(view))
    lines = [head, f"• {side(view.a)}", f"• {side(view.b)}"]
    lines.append(f"<i>{plain_why(view)}</i>")
    tag = f" #{number}" if number else ""
    buttons = (((_("🔔 Alert me") + tag, f"{FOLLOW}:{view.id}"), *_votes(view, tag)),)
    return Block("\n".join(lines), buttons)


def _movement(view: RelationView) -> str:
    old, new = view.a.figure.value, view.b.figure.value
    movement = _("was revised from <b>{old}</b> to <b>{new}</b>")
    if old is not None and new is not None and old != new:
        movement = (
            _("rose from <b>{old}</b> to <b>{new}</b>")
            if new > old
            else _("fell from <b>{old}</b> to <b>{new}</b>")
        )
    return movement.format(old=esc(_number(old)), new=esc(_number(new)))


def update_block(view: RelationView) -> Block:
    story = story_heading(view)
    subject = f"{story} — {_subject(view)}" if story else _subject(view)
    lines = [
        _("📈 <b>Update:</b> {subject} {movement}").format(subject=subject, movement=_movement(view)),
        _("• before: {side}").format(side=side(view.a)),
        _("• now: {side}").format(side=side(view.b)),
    ]
    return Block("\n".join(lines), (_votes(view),))


def corroboration_blocks(report: IngestReport) -> list[Block]:
    """Agreement as a count of independent sources for each figure of this document that others confirm."""
    mine = {f.id for f in report.figures}
    sources: dict[int, set[str]] = {}
    for view in report.relations:
        if view.kind != "corroboration":
            continue
        for this, other in ((view.a, view.b), (view.b, view.a)):
            if this.id in mine and other.id not in mine and other.document.source != this.document.source:
                sources.setdefault(this.id, set()).add(other.document.source)
    blocks = []
    for figure in report.figures:
        outlets = sorted(sources.get(figure.id, ()))
        if outlets:
            n = len(outlets)
            names = ", ".join(esc(_cut(o, 60)) for o in outlets[:5])
            text = ngettext(
                "✅ <b>{quote}</b> — agrees with {n} independent source ({names})",
                "✅ <b>{quote}</b> — agrees with {n} independent sources ({names})",
                n,
            )
            blocks.append(
                Block(text.format(quote=esc(_cut(figure.figure.quote, MAX_QUOTE)), n=n, names=names))
            )
    return blocks


def _recorded_line(report: IngestReport) -> str:
    doc = report.document
    day = _day(doc.published)
    where = _link(doc.url, _cut(doc.source, 120)) + (f", {day}" if day else "")
    n = len(report.figures)
    if not report.recorded:
        if not n:
            return _("I found no figures in that, so I kept nothing of it.")
        if report.withheld in ("asked", "held"):
            return ngettext(
                "Not recorded yet: {n} figure. I keep the text back until you say whether I may record it.",
                "Not recorded yet: {n} figures. I keep the text back until you say whether I may record it.",
                n,
            ).format(n=n)
        if report.withheld == "check_only":
            return ngettext(
                "Checked, not recorded ({n} figure): this chat only checks.",
                "Checked, not recorded ({n} figures): this chat only checks.",
                n,
            ).format(n=n)
        if report.relations:
            asked = ngettext(
                "You asked about {n} figure, so I kept nothing of it: a question is not a source. "
                "What recorded sources say:",
                "You asked about {n} figures, so I kept nothing of it: a question is not a source. "
                "What recorded sources say:",
                n,
            )
        else:
            asked = ngettext(
                "You asked about {n} figure, so I kept nothing of it: a question is not a source. "
                "Recorded sources have nothing on it yet.",
                "You asked about {n} figures, so I kept nothing of it: a question is not a source. "
                "Recorded sources have nothing on them yet.",
                n,
            )
        return asked.format(n=n)
    if not n:
        if report.duplicate:
            return _("I had this already: {where}. I found no figures in it.").format(where=where)
        return _("Recorded: {where}. I found no figures in it.").format(where=where)
    shown = [esc(_cut(f.figure.quote, 80)) for f in report.figures if not f.figure.subset][
        :MAX_LISTED_FIGURES
    ]
    more = n - len(shown)
    listed = " · ".join(shown) + (_(" · and {n} more").format(n=more) if more > 0 else "")
    if report.duplicate:
        line = ngettext(
            "I had this already: {n} figure from {where}: {listed}.",
            "I had this already: {n} figures from {where}: {listed}.",
            n,
        )
    else:
        line = ngettext(
            "Recorded: {n} figure from {where}: {listed}.", "Recorded: {n} figures from {where}: {listed}.", n
        )
    return line.format(n=n, where=where, listed=listed)


def ranked_findings(views: Sequence[RelationView]) -> list[RelationView]:
    """Conflicts, then updates; of each, those of two named voices first, then the widest apart."""
    findings = [v for v in views if v.kind in ("conflict", "update")]

    def rank(view: RelationView) -> tuple[int, int, float]:
        named = bool(view.a.figure.claimant and view.b.figure.claimant)
        return (view.kind != "conflict", not named, -_apart(view))

    return sorted(findings, key=rank)


def _apart(view: RelationView) -> float:
    a, b = view.a.figure.value, view.b.figure.value
    return abs(math.log(a / b)) if a and b and a > 0 and b > 0 else 0.0


def _finding_blocks(findings: Sequence[RelationView], *, numbered_from: int | None) -> list[Block]:
    return [
        conflict_block(v, number=None if numbered_from is None else numbered_from + i)
        if v.kind == "conflict"
        else update_block(v)
        for i, v in enumerate(findings)
    ]


def _relation_blocks(report: IngestReport) -> list[Block]:
    findings = ranked_findings(report.relations)
    shown = findings[:MAX_FINDINGS]
    conflicts = [v for v in report.relations if v.kind == "conflict"]
    blocks: list[Block] = []
    if conflicts:
        n = len(conflicts)
        blocks.append(
            Block(ngettext("<b>{n} figure disagrees:</b>", "<b>{n} figures disagree:</b>", n).format(n=n))
        )
    blocks += _finding_blocks(shown, numbered_from=1 if len(conflicts) > 1 else None)
    if len(findings) > len(shown):
        more = len(findings) - len(shown)
        button = (_("Show all ({n})").format(n=len(findings)), f"{PAGE}:{report.document.id}:1")
        blocks.append(
            Block(
                ngettext("…and {n} more finding.", "…and {n} more findings.", more).format(n=more),
                ((button,),) if report.recorded else (),
            )
        )
    blocks += corroboration_blocks(report)
    if not conflicts and report.disputed:
        n = len(report.disputed)
        if n == 1:
            agrees = _("<b>What you sent agrees with a disputed figure:</b>")
        else:
            agrees = _("<b>What you sent agrees with disputed figures:</b>")
        blocks.append(Block(agrees))
        blocks += [conflict_block(v, number=i if n > 1 else None) for i, v in enumerate(report.disputed, 1)]
    return blocks


def report_blocks(report: IngestReport) -> list[Block]:
    if not report.recorded:
        # What recorded sources say of a question's figures; its relations were not kept, so their blocks
        # carry no buttons (a vote or a follow would name nothing).
        record: tuple[ButtonRow, ...] = ()
        if report.held_question is not None:
            record = (((record_it(), f"{RECORD_QUESTION}:{report.held_question}"),),)
        blocks = [Block(_recorded_line(report), record), *(Block(b.html) for b in _relation_blocks(report))]
        if report.withheld == "asked":
            blocks.append(Block(consent_notice(), consent_buttons()))
        return blocks
    blocks = _relation_blocks(report)
    conflicts = [v for v in report.relations if v.kind == "conflict"]
    blocks.append(Block(_recorded_line(report)))
    if not conflicts and not report.disputed and report.figures:
        blocks.append(
            Block(
                _("Nothing recorded disagrees with these yet."),
                (((_("🔔 Alert me when a source disagrees"), f"{FOLLOW_DOCUMENT}:{report.document.id}"),),),
            )
        )
    if report.ask_source:
        blocks.append(_who_published_block(report.document.id))
    return blocks


def _who_published_block(document_id: int) -> Block:
    return Block(who_published(), (((dont_know(), f"{NO_SOURCE}:{document_id}"),),))


def who_published_question(document_id: int) -> Reply:
    """ "Who published this?" on its own, for a paste recorded after its answer was sent."""
    block = _who_published_block(document_id)
    return Reply(block.html, block.buttons)


def findings_page(views: Sequence[RelationView], document_id: int, page: int) -> Reply:
    """One page of a document's findings (MAX_FINDINGS a page), with buttons to the pages beside it: a
    "Show all" press edits the answer in place rather than sending more messages."""
    findings = ranked_findings(views)
    if not findings:
        return Reply(_("These findings are no longer recorded."))
    pages = -(-len(findings) // MAX_FINDINGS)
    page = max(0, min(page, pages - 1))
    start = page * MAX_FINDINGS
    shown = findings[start : start + MAX_FINDINGS]
    heading = Block(
        _("<b>Findings {first}–{last} of {total}</b>").format(
            first=start + 1, last=start + len(shown), total=len(findings)
        )
    )
    [reply, *_rest] = pack([heading, *_finding_blocks(shown, numbered_from=start + 1)])
    turn: list[Button] = []
    if page > 0:
        turn.append((_("◀ Previous"), f"{PAGE}:{document_id}:{page - 1}"))
    if page < pages - 1:
        turn.append((_("Next ▶"), f"{PAGE}:{document_id}:{page + 1}"))
    return Reply(reply.text, (*reply.buttons, tuple(turn)) if turn else reply.buttons)


def render_report(report: IngestReport, *, limit: int = MAX_MESSAGE) -> list[Reply]:
    """The answer to a paste, link, forward or file."""
    return pack(report_blocks(report), limit=limit)


def render_reports(reports: Sequence[IngestReport], *, limit: int = MAX_MESSAGE) -> list[Reply]:
    blocks: list[Block] = []
    for report in reports:
        blocks += report_blocks(report)
    return pack(blocks, limit=limit)


def render_recent(views: Sequence[RelationView], *, limit: int = MAX_MESSAGE) -> list[Reply]:
    if not views:
        return [Reply(_("No conflicts recorded yet. Paste an article, send a link or forward a post."))]
    n = len(views)
    blocks = [Block(ngettext("<b>Latest {n} conflict:</b>", "<b>Latest {n} conflicts:</b>", n).format(n=n))]
    blocks += [conflict_block(v, number=i if len(views) > 1 else None) for i, v in enumerate(views, 1)]
    return pack(blocks, limit=limit)


def render_alert(view: RelationView, reason: Reason, language: str | None = None) -> str:
    """One relation as an alert paragraph in the recipient chat's language: what changed, both sides, links,
    and what this chat asked for that it matched (stored in the outbox)."""
    with using(language):
        subject = esc(story_label(story_of(view)))  # the story, as a follow of it is named
        head = f"📈 <b>{subject}</b> {_movement(view)}" if view.kind == "update" else f"<b>{subject}</b>"
        lines = [
            head,
            _("• new: {side}").format(side=side(view.b)),
            _("• before: {side}").format(side=side(view.a)),
        ]
        if view.kind == "conflict":
            lines.append(f"<i>{plain_why(view)}</i>")
        lines.append(f"<i>{_asked_for(reason)}</i>")
        return "\n".join(lines)


def _asked_for(reason: Reason) -> str:
    """An alert's last line, HTML: what the chat asked for that the finding matched."""
    # Whole sentences, here and below: what was asked for takes another case after each verb in ru and uk.
    if reason.follow is not None:
        return _("You follow {story}.").format(story=esc(story_label(reason.follow)))
    if reason.words:
        return _("You subscribed to conflicts matching “{words}”.").format(words=esc(_cut(reason.words, 60)))
    return _("You subscribed to every new conflict.")


def _alert_head(kinds: Sequence[str]) -> str:
    n = len(kinds)
    if set(kinds) == {"update"}:
        if n == 1:
            return _("🔔 <b>Update</b>")
        return ngettext("🔔 <b>{n} update</b>", "🔔 <b>{n} updates</b>", n).format(n=n)
    if set(kinds) <= {"conflict"}:
        if n == 1:
            return _("🔔 <b>New conflict</b>")
        return ngettext("🔔 <b>{n} new conflict</b>", "🔔 <b>{n} new conflicts</b>", n).format(n=n)
    return ngettext("🔔 <b>{n} new finding</b>", "🔔 <b>{n} new findings</b>", n).format(n=n)


def alert_messages(
    rows: Sequence[PendingAlert], *, limit: int = MAX_MESSAGE, language: str | None = None
) -> list[Reply]:
    """The alerts of one batch as one message (more only past 4096 characters), each with its buttons: mute
    what it matched, why it came, and a vote on the finding. The rows were written in the chat's language;
    the heading and the buttons are put in it here, at sending."""
    with using(language):
        blocks = [Block(_alert_head([r.kind for r in rows]))]
        for i, row in enumerate(rows, 1):
            tag = f" #{i}" if len(rows) > 1 else ""
            text = f"<b>#{i}</b> {row.text}" if tag else row.text
            buttons: tuple[ButtonRow, ...] = (
                (
                    (_("Mute this") + tag, f"{MUTE}:{row.id}"),
                    (_("Why did I get this?") + tag, f"{WHY}:{row.id}"),
                ),
                (("👍" + tag, f"{VOTE}:{row.relation_id}:1"), ("👎" + tag, f"{VOTE}:{row.relation_id}:-1")),
            )
            blocks.append(Block(text, buttons))
    return pack(blocks, limit=limit)


# -- fixed texts ---------------------------------------------------------------------------------------------


def privacy() -> str:
    return _(
        "<b>What I store:</b> the texts you send and the figures in them (they become sources for everyone "
        "once this chat agreed to it, which I ask before the first one; links always, as they are public "
        "already; a message with no figure, or one that asks about its figures, is not kept, though a "
        "question is held two days in case you call it a source), your choice, which chat sent which text, "
        "your subscriptions and follows, your 👍/👎 votes and this chat's language. /forget deletes this "
        "chat's subscriptions, follows, votes, choice, language and held texts, the record of what it sent "
        "and the texts (with their figures) no other chat sent; /undo takes back the last text it sent; "
        "/export sends you all of it as files."
    )


def start() -> str:
    return (
        _(
            "<b>Crosscheck</b> finds the figures in news text and tells you when sources disagree about "
            "them.\n\n"
            "Paste an article, send a link or a .txt/.html file, or forward a channel post. I extract each "
            "figure (value, what is counted, who says it, when) and answer with what other recorded sources "
            "say about the same quantity: conflicts, updates and agreement."
        )
        + "\n\n"
        + privacy()
        + "\n\n"
        + _("/help lists the commands.")
    )


def help_text() -> str:
    return (
        _(
            "<b>Commands</b>\n"
            "/check TEXT-OR-LINK — check a text or a link\n"
            "/recent — the latest conflicts recorded\n"
            "/figures TOPIC — the figures recorded for a topic, with a chart\n"
            "/subscribe [words] — alerts on conflicts matching the words (bare: all conflicts)\n"
            "/unsubscribe [words|all] — stop those alerts\n"
            "/subscriptions — what this chat gets alerts for\n"
            "/stats — what is recorded, and how findings were rated\n"
            "/language — the language I answer in\n"
            "/settings — this chat's settings\n"
            "/undo — take back the last text this chat sent\n"
            "/export — this chat's texts, figures and alerts as CSV and JSON\n"
            "/privacy — what I store, and how to delete it\n"
            "/forget — delete this chat's subscriptions, votes and the texts only it sent"
        )
        + "\n\n"
        + _(
            "Or just paste text, send links or files, or forward a post. In groups I only answer commands, "
            "mentions and replies to me.\n"
            "Under each conflict: 🔔 follows that story (its conflicts and updates), 👍/👎 rate the finding. "
            "Under an alert: Mute this, and Why did I get this?"
        )
    )


def group_greeting() -> str:
    return _(
        "Hello! I check the figures in news and say when recorded sources disagree about them. In this group "
        "I read only commands, mentions of me and replies to me: reply to an article with my @name to check "
        "it. /privacy says what I store."
    )


def unknown_command(command: str) -> str:
    """The answer to a command this bot has not."""
    return _("I have no {command} command.").format(command=html.escape(command[:64])) + "\n\n" + help_text()


_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("What this bot does and what it stores")),
    ("help", N_("How to use it")),
    ("check", N_("Check a text or a link")),
    ("recent", N_("Latest conflicts recorded")),
    ("figures", N_("Figures recorded for a topic, with a chart")),
    ("subscribe", N_("Alerts on conflicts (optionally matching words)")),
    ("unsubscribe", N_("Stop alerts (words or all)")),
    ("subscriptions", N_("This chat's alerts")),
    ("stats", N_("Counts and ratings")),
    ("language", N_("Choose the language")),
    ("settings", N_("This chat's settings")),
    ("undo", N_("Take back the last text sent")),
    ("export", N_("This chat's data as CSV and JSON")),
    ("privacy", N_("What is stored")),
    ("forget", N_("Delete this chat's data")),
)


def commands(language: str | None = None) -> list[tuple[str, str]]:
    """The command menu (setMyCommands) in `language`."""
    with using(language):
        return [(name, _(description)) for name, description in _COMMANDS]


def unsupported() -> str:
    return _(
        "I read pasted text, links, forwarded posts (with their captions) and .txt or .html files. "
        "Send one of those, or /help."
    )


def error_text(error: CrosscheckError) -> str:
    """What the pipeline refused, in the reader's language: its sentence's msgid, filled with its values
    (a value that is a msgid of its own, a `Phrase`, translated too)."""
    params = {k: _(v) if isinstance(v, Phrase) else v for k, v in error.params.items()}
    template = _(error.template)
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return str(error)  # a translation that lost a place: the English sentence rather than none


def apology() -> str:
    return _("Sorry, something went wrong on my side. Please try again in a moment.")


def check_usage() -> str:
    return _("Send /check followed by a text or a link.")


def stale_button() -> str:
    return _("That button is no longer in use.")


def voted_text(up: bool) -> str:
    return _("Thanks, noted 👍") if up else _("Thanks, noted 👎")


def too_many_links(checked: int) -> str:
    return ngettext(
        "I checked the first {n} link; send the others separately.",
        "I checked the first {n} links; send the others separately.",
        checked,
    ).format(n=checked)


def consent_notice() -> str:
    return _(
        "<b>Texts you send are recorded as public sources:</b> others who check the same story see their "
        "figures, with the outlet and date (never who sent them). Links are always recorded: they are public "
        "already. May I record your texts?"
    )


def consent_buttons() -> tuple[ButtonRow, ...]:
    return (
        ((_("Record my texts"), f"{CONSENT}:1"),),
        ((_("Only check, never record"), f"{CONSENT}:0"),),
    )


def record_it() -> str:
    return _("It's a source — record it")


def who_published() -> str:
    return _("<b>Who published this?</b> Reply to this message with the outlet's name.")


def dont_know() -> str:
    return _("Don't know")


def source_stays() -> str:
    return _("All right: it stays “pasted text”.")


def nothing_held() -> str:
    return _("That text is no longer held, so there is nothing to record.")


def chosen_text(records: bool, recorded: int) -> str:
    """The answer to the recording question."""
    if not records:
        return _(
            "I will only check this chat's texts and never record them. Links are still recorded: they are "
            "public already. /forget deletes this choice."
        )
    text = _("From now on the texts this chat sends are recorded as public sources.")
    if recorded:
        text += " " + ngettext(
            "I recorded the {n} text you sent before.", "I recorded the {n} texts you sent before.", recorded
        ).format(n=f"{recorded:,}")
    return text


def source_named_text(source: str) -> str:
    return _("Thanks: that text's source is now <b>{source}</b>.").format(source=esc(_cut(source, 120)))


def limit_text(limit: int, until: datetime, now: datetime) -> str:
    """A user sent as many texts and links this hour as one person may: when they can send more."""
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    sent = ngettext(
        "You have sent {n} text or link in the last hour, as many as I check for one person.",
        "You have sent {n} texts or links in the last hour, as many as I check for one person.",
        limit,
    ).format(n=f"{limit:,}")
    more = ngettext(
        "You can send more at {time} UTC (in {n} minute).",
        "You can send more at {time} UTC (in {n} minutes).",
        minutes,
    ).format(time=f"{until:%H:%M}", n=minutes)
    return f"{sent} {more} " + _("Commands still work.")


def figures_usage() -> str:
    return _("Send /figures followed by what you want the figures of: /figures flood deaths")


def export_empty() -> str:
    return _("Nothing to export: this chat has sent no texts and has no subscriptions or follows.")


EXPORT_CSV_NAME = "crosscheck-export.csv"
EXPORT_JSON_NAME = "crosscheck-export.json"


def subscribed_text(words: str, new: bool) -> str:
    # Whole sentences: the words around "conflicts" take another case in each of them in ru and uk.
    if new and words:
        text = _(
            "Subscribed: this chat will get an alert for conflicts matching <b>{words}</b>. "
            "/unsubscribe to stop."
        )
    elif new:
        text = _(
            "Subscribed: this chat will get an alert for <b>every</b> new conflict. /unsubscribe to stop."
        )
    elif words:
        text = _("You were already subscribed to conflicts matching <b>{words}</b>.")
    else:
        text = _("You were already subscribed to <b>every</b> new conflict.")
    return text.format(words=esc(words))


def unsubscribed_text(words: str | None, removed: int) -> str:
    if not removed:
        return _("There was no such subscription. /subscriptions lists them.")
    if words is None:
        return _("Unsubscribed from everything: no more alerts to this chat.")
    if not words:
        return _("Unsubscribed from all conflicts.")
    return _("Unsubscribed from <b>{words}</b>.").format(words=esc(words))


def subscriptions_text(words: Sequence[str], follows: Sequence[Story]) -> str:
    if not words and not follows:
        return _("No subscriptions. /subscribe [words] to get alerts.")
    lines = [_("<b>This chat gets alerts for:</b>")]
    lines += [
        _("• conflicts matching <b>{words}</b>").format(words=esc(w)) if w else _("• every new conflict")
        for w in words
    ]
    lines += [_("• followed: {what}").format(what=esc(story_label(f))) for f in follows]
    return "\n".join(lines)


def followed_text(stories: Sequence[Story]) -> str:
    """The answer to 🔔 (a pop-up, plain text)."""
    if not stories:
        return _("That finding is no longer recorded.")
    return _("I will alert this chat when a source disagrees about or updates {what}").format(
        what="; ".join(story_label(x) for x in stories[:3])
    )


def muted_text(reason: Reason | None) -> str:
    """The answer to "Mute this" (a pop-up, plain text)."""
    if reason is None:
        return _("That is muted already: this chat no longer gets those alerts.")
    if reason.follow is not None:
        return _("Muted: no more alerts for {story}.").format(story=story_label(reason.follow))
    if reason.words:
        return _("Muted: no more alerts for conflicts matching “{words}”.").format(
            words=_cut(reason.words, 60)
        )
    return _("Muted: no more alerts for every new conflict.")


def why_text(why: Why | None) -> str:
    """The answer to "Why did I get this?" (a pop-up, plain text: at most 200 characters)."""
    if why is None:
        return _("That alert is no longer recorded.")
    update = why.kind == "update"
    reason = why.reason
    if reason is None:
        if update:
            return _("This update matched a follow or subscription this chat has since stopped.")
        return _("This conflict matched a follow or subscription this chat has since stopped.")
    if reason.follow is not None:
        if update:
            text = _(
                "You got this update because this chat follows {story}, from 🔔 Alert me: it is about the "
                "same count in the same story. Mute this stops it."
            )
        else:
            text = _(
                "You got this conflict because this chat follows {story}, from 🔔 Alert me: it is about the "
                "same count in the same story. Mute this stops it."
            )
        return text.format(story=story_label(reason.follow))
    if reason.words:
        if update:
            text = _(
                "You got this update because this chat subscribed to conflicts matching “{words}” "
                "(/subscribe), and its words match. Mute this stops it."
            )
        else:
            text = _(
                "You got this conflict because this chat subscribed to conflicts matching “{words}” "
                "(/subscribe), and its words match. Mute this stops it."
            )
        return text.format(words=_cut(reason.words, 60))
    if update:
        return _(
            "You got this update because this chat subscribed to every new conflict (/subscribe). Mute this "
            "stops it."
        )
    return _(
        "You got this conflict because this chat subscribed to every new conflict (/subscribe). Mute this "
        "stops it."
    )


def undone_text(source: str | None) -> str:
    if source is None:
        return _("There is nothing of this chat's to take back.")
    return _(
        "Taken back: the last text this chat sent ({source}), with its figures and the findings about them, "
        "unless another chat sent it too."
    ).format(source=esc(_cut(source, 120)))


def forgotten_text(f: Forgotten) -> str:
    parts = [
        ngettext(
            "{n} text only this chat sent (with its figures)",
            "{n} texts only this chat sent (with their figures)",
            f.documents,
        ),
        ngettext("{n} subscription", "{n} subscriptions", f.subscriptions),
        ngettext("{n} follow", "{n} follows", f.follows),
        ngettext("{n} vote", "{n} votes", f.votes),
        ngettext("{n} record of what this chat sent", "{n} records of what this chat sent", f.submissions),
        ngettext("{n} pending alert", "{n} pending alerts", f.alerts),
        ngettext("{n} stored message", "{n} stored messages", f.updates),
        ngettext("{n} held text", "{n} held texts", f.held),
    ]
    counts = (f.documents, f.subscriptions, f.follows, f.votes, f.submissions, f.alerts, f.updates, f.held)
    listed = ", ".join(part.format(n=f"{n:,}") for part, n in zip(parts, counts, strict=True))
    return _("Forgotten: {listed}.").format(listed=listed)


def stats_text(s: Stats) -> str:
    rel = s.relations
    sent = s.alerts.get("sent", 0)

    def n(count: int) -> dict[str, str]:
        return {"n": f"{count:,}"}

    documents = ngettext("{n} document", "{n} documents", s.documents).format(**n(s.documents))
    figures = ngettext("{n} figure", "{n} figures", s.claims).format(**n(s.claims))
    conflict, update, corroboration = (rel.get(k, 0) for k in ("conflict", "update", "corroboration"))
    conflicts = ngettext("{n} conflict", "{n} conflicts", conflict).format(**n(conflict))
    updates = ngettext("{n} update", "{n} updates", update).format(**n(update))
    corroborations = ngettext("{n} corroboration", "{n} corroborations", corroboration).format(
        **n(corroboration)
    )
    subscribed = ngettext("{n} chat subscribed", "{n} chats subscribed", s.subscribers).format(
        **n(s.subscribers)
    )
    alerts = ngettext("{n} alert sent", "{n} alerts sent", sent).format(**n(sent))
    return (
        _("<b>Recorded</b>")
        + f"\n{documents}, {figures}\n{conflicts}, {updates}, {corroborations}\n"
        + _("Findings rated 👍 {up} / 👎 {down}").format(up=f"{s.votes_up:,}", down=f"{s.votes_down:,}")
        + f"\n{subscribed}, {alerts}"
    )


# -- language and settings -----------------------------------------------------------------------------------

# Each language by its own name: whoever cannot read the current one finds theirs.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uk": "Українська"}


def language_buttons(current: str | None = None) -> tuple[ButtonRow, ...]:
    return (
        tuple(
            (LANGUAGE_NAMES[code] + (" ✓" if code == current else ""), f"{LANGUAGE}:{code}")
            for code in LANGUAGES
        ),
    )


def language_menu(current: str) -> Reply:
    """The answer to /language: the buttons, the one in use ticked."""
    return Reply(_("Choose the language I answer in, in this chat:"), language_buttons(current))


def language_chosen(language: str) -> str:
    """Said in the language just chosen."""
    with using(language):
        return _("I will answer in English in this chat. /language to change it.")


def settings_menu(settings: ChatSettings, current: str) -> Reply:
    """/settings: what this chat has set, with the language buttons."""
    if settings.language:
        language = _("Language: {name} (chosen with /language)").format(
            name=LANGUAGE_NAMES.get(settings.language, settings.language)
        )
    else:
        language = _("Language: {name} (from your Telegram settings)").format(name=LANGUAGE_NAMES[current])
    lines = [
        _("<b>This chat's settings</b>"),
        language,
        ngettext(
            "Alerts: {n} subscription (/subscriptions)",
            "Alerts: {n} subscriptions (/subscriptions)",
            settings.subscriptions,
        ).format(n=settings.subscriptions),
        ngettext("Followed: {n} story", "Followed: {n} stories", settings.follows).format(n=settings.follows),
        "",
        _("Change the language:"),
    ]
    return Reply("\n".join(lines), language_buttons(settings.language or current))


def _figure_day(recorded: RecordedFigure) -> date | None:
    published = recorded.document.published
    return recorded.figure.moment or (published.date() if published else None)


def _by_day(figures: Sequence[RecordedFigure]) -> list[RecordedFigure]:
    """Oldest first; undated figures last."""
    return sorted(figures, key=lambda f: (_figure_day(f) is None, _figure_day(f) or date.min, f.id))


def no_figures_text(topic: str) -> str:
    return _("Nothing is recorded for <b>{topic}</b>. Paste an article about it first.").format(
        topic=esc(_cut(topic, 120))
    )


def figures_replies(topic: str, figures: Sequence[RecordedFigure]) -> list[Reply]:
    """/figures TOPIC as text: one line per figure (value as written, claimant, outlet, date), oldest
    first, the newest MAX_TOPIC_LISTED of them."""
    if not figures:
        return [Reply(no_figures_text(topic))]
    newest = sorted(figures, key=lambda f: f.id, reverse=True)[:MAX_TOPIC_LISTED]
    head = "<b>{}</b>".format(
        ngettext("{n} figure recorded for {topic}", "{n} figures recorded for {topic}", len(figures)).format(
            n=len(figures), topic=esc(_cut(topic, 120))
        )
    )
    if len(figures) > len(newest):
        head += " " + _("(the newest {n})").format(n=len(newest))
    lines = [head + ":", *(f"• {side(f)}" for f in _by_day(newest))]
    return pack([Block(line) for line in lines[:1]] + [Block("\n".join(lines[1:]))])


def _value_text(low: float | None, value: float | None, high: float | None) -> str:
    if value is None:
        return f"{_number(low)}–{_number(high)}"
    if high is None and low is not None:
        return f"≥ {_number(low)}"
    if low is None and high is not None:
        return f"≤ {_number(high)}"
    return _number(value)


def _voice_where(recorded: RecordedFigure, several_places: bool) -> str:
    """A chart row's voice, with the place its figure is of when the rows are of several places ("Red
    Cross (Kelby)")."""
    f = recorded.figure
    voice = f.claimant or _("no claimant")
    places = [p for p in f.scope.places if p not in voice.casefold()]
    return f"{voice} ({', '.join(p.title() for p in places)})" if several_places and places else voice


def _drawn_value(recorded: RecordedFigure) -> float | None:
    """Where a figure goes on a chart: its value, or the middle of its range ("between 40 and 55")."""
    f = recorded.figure
    if f.value is not None:
        return f.value
    if f.low is not None and f.high is not None:
        return (f.low + f.high) / 2
    return None


def _outlet(source: str) -> str:
    """An outlet's name without its channel handle ("Harbour Gazette (@harbourgazette)"): a chart's labels
    are short."""
    return _HANDLE.sub("", source) or source


_HANDLE = re.compile(r"\s*\(@\w+\)$")


def figures_chart(topic: str, figures: Sequence[RecordedFigure]) -> FiguresChart | None:
    """The chart of /figures TOPIC: the figures of the quantity (and unit) the topic has most figures of,
    the newest MAX_DRAWN, a row each by date; None when none has a value to draw."""
    drawable = [f for f in figures if _drawn_value(f) is not None]
    if not drawable:
        return None
    groups: dict[tuple[str, str | None], list[RecordedFigure]] = {}
    for f in drawable:
        groups.setdefault((f.figure.quantity, f.figure.unit), []).append(f)
    # The quantity with the most figures; of equals, the one recorded last.
    chosen = max(groups.values(), key=lambda group: (len(group), max(f.id for f in group)))
    shown = _by_day(sorted(chosen, key=lambda f: f.id, reverse=True)[:MAX_DRAWN])
    sample = shown[-1].figure
    axis = QUANTITY_WORDS.get(sample.quantity) or sample.counted or sample.quantity
    if sample.unit:
        axis += f" ({sample.unit})"
    several_places = len({f.figure.scope.places for f in shown}) > 1
    points = tuple(
        ChartPoint(
            label=f"{_voice_where(f, several_places)}\n{_outlet(f.document.source)}",
            source=_outlet(f.document.source),
            value=value,
            value_text=_value_text(f.figure.low, f.figure.value, f.figure.high),
            low=f.figure.low,
            high=f.figure.high,
            day=_figure_day(f),
        )
        for f in shown
        if (value := _drawn_value(f)) is not None
    )
    return FiguresChart(
        title=_cut(topic, 60),
        axis=axis,
        by_source=_("By source (a bar: the range its wording allows)"),
        over_time=_("Over time"),
        points=points,
        months=tuple(_(month) for month in MONTHS),
    )


def figures_caption(chart: FiguresChart, total: int) -> str:
    n = len(chart.points)
    drawn = (
        ngettext("{n} of {total} figure", "{n} of {total} figures", total).format(n=n, total=total)
        if n < total
        else ngettext("{n} figure", "{n} figures", n).format(n=n)
    )
    return f"<b>{esc(_cut(chart.title, 120))}</b>: {esc(_cut(chart.axis, 120))}, {drawn}."


def export_caption(export: ChatExport) -> str:
    """What the export files hold, said once under the first of them."""
    figures = sum(len(d.figures) for d in export.documents)
    counts = (
        ngettext("{n} text", "{n} texts", len(export.documents)).format(n=len(export.documents)),
        ngettext("{n} figure", "{n} figures", figures).format(n=figures),
        ngettext("{n} subscription", "{n} subscriptions", len(export.subscriptions)).format(
            n=len(export.subscriptions)
        ),
        ngettext("{n} follow", "{n} follows", len(export.follows)).format(n=len(export.follows)),
        ngettext("{n} finding", "{n} findings", len(export.relations)).format(n=len(export.relations)),
    )
    return _(
        "This chat's data: {texts} with {figures}, {subscriptions}, {follows}, {findings} about its texts. "
        "The same in CSV and in JSON."
    ).format(
        texts=counts[0], figures=counts[1], subscriptions=counts[2], follows=counts[3], findings=counts[4]
    )


def pressed(rows: Sequence[ButtonRow], data: str) -> tuple[ButtonRow, ...]:
    """The keyboard after a button was pressed: that button gets a check mark; its opposite vote loses one."""
    out = []
    for row in rows:
        new_row = []
        for label, cb in row:
            bare = label.removesuffix(" ✓")
            if cb == data:
                new_row.append((bare + " ✓", cb))
            elif (
                cb.startswith(f"{VOTE}:")
                and data.startswith(f"{VOTE}:")
                and cb.rsplit(":", 1)[0] == data.rsplit(":", 1)[0]
            ):
                new_row.append((bare, cb))
            else:
                new_row.append((label, cb))
        out.append(tuple(new_row))
    return tuple(out)


# -- splitting -----------------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _hard_cut(line: str, limit: int) -> list[str]:
    """A single line over the limit: drop its markup (never cut inside a tag) and cut between entities."""
    plain = _TAG.sub("", line)
    pieces = []
    while plain:
        piece = plain[:limit]
        amp = piece.rfind("&")
        if amp != -1 and ";" not in piece[amp:] and len(plain) > limit:
            piece = piece[:amp]
        pieces.append(piece)
        plain = plain[len(piece) :]
    return pieces


def _fit(block: str, limit: int) -> list[str]:
    """Paragraph → pieces ≤ limit: whole if it fits, else by lines, else cut."""
    if len(block) <= limit:
        return [block]
    pieces: list[str] = []
    current = ""
    for line in block.split("\n"):
        for part in [line] if len(line) <= limit else _hard_cut(line, limit):
            if current and len(current) + 1 + len(part) > limit:
                pieces.append(current)
                current = part
            else:
                current = f"{current}\n{part}" if current else part
    if current:
        pieces.append(current)
    return pieces


def pack(blocks: Sequence[Block], *, limit: int = MAX_MESSAGE) -> list[Reply]:
    """Greedy packing of paragraphs into messages ≤ limit, joined by blank lines; each message carries the
    buttons of the paragraphs it holds."""
    replies: list[Reply] = []
    text, buttons = "", list[ButtonRow]()
    for block in blocks:
        for i, piece in enumerate(_fit(block.html, limit)):
            if text and len(text) + 2 + len(piece) > limit:
                replies.append(Reply(text, tuple(buttons)))
                text, buttons = "", list[ButtonRow]()
            text = f"{text}\n\n{piece}" if text else piece
            if i == 0:
                buttons += block.buttons
    if text:
        replies.append(Reply(text, tuple(buttons)))
    return replies


def split_text(text: str, *, limit: int = MAX_MESSAGE) -> list[str]:
    """Split any HTML text at paragraph boundaries (blank lines) into messages ≤ limit."""
    return [r.text for r in pack([Block(p) for p in text.split("\n\n") if p.strip()], limit=limit)]
