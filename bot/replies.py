"""Pure rendering: reports, relations and alerts → Telegram HTML messages, escaped, split at paragraph
boundaries to at most 4096 characters, each with the inline buttons of the conflicts it shows.

Nothing here does I/O; every function takes plain values (bot/pipeline/types.py) and returns strings or
`Reply` values. The only `telegram` import is the keyboard type the handlers send.
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
from bot.pipeline.alerts import Forgotten, Stats
from bot.pipeline.types import ChatExport, IngestReport, RecordedFigure, RelationView

MAX_MESSAGE = 4096  # Telegram's limit on one message's text
MAX_QUOTE = 300  # a quoted figure or claimant longer than this is cut: the link has the rest
MAX_WHY = 600
MAX_LISTED_FIGURES = 12

Button = tuple[str, str]  # (label, callback data)
ButtonRow = tuple[Button, ...]

# Callback data: "f:<relation>" follow, "fd:<document>" follow its quantities, "v:<relation>:±1" vote,
# "pg:<document>:<page>" a page of a document's findings.
FOLLOW = "f"
FOLLOW_DOCUMENT = "fd"
VOTE = "v"
PAGE = "pg"
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


def _day(when: datetime | date | None) -> str | None:
    if when is None:
        return None
    return f"{when.day} {when:%b %Y}"


def _link(url: str | None, label: str) -> str:
    if not url:
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'


def side(recorded: RecordedFigure) -> str:
    """One side of a relation: value as written, who says it, the outlet (linked), the date."""
    figure, document = recorded.figure, recorded.document
    parts = [f"<b>{esc(_cut(figure.quote, MAX_QUOTE))}</b>"]
    if figure.claimant:
        parts.append(esc(_cut(figure.claimant, MAX_QUOTE)))
    parts.append(_link(document.url, _cut(document.source, 120)))
    day = _day(document.published) or _day(figure.moment)
    if day:
        parts.append(day)
    return " — ".join(parts[:2]) + (", " + ", ".join(parts[2:]) if len(parts) > 2 else "")


# What a quantity key means, for headings ("guys (released)" is how one text put it, not what is counted).
QUANTITY_WORDS = {
    "killed": "deaths",
    "injured": "injured",
    "missing": "missing",
    "arrested": "arrests",
    "released": "people released",
    "aboard": "people aboard",
    "participants": "participants",
    "trips": "trips",
    "displaced": "people displaced",
    "hospitalised": "people in hospital",
    "deployed": "people deployed",
}


def _subject(view: RelationView) -> str:
    figure = view.b.figure
    words = QUANTITY_WORDS.get(figure.quantity) or figure.counted or figure.quantity
    sides = ", ".join(side.title() for side in figure.sides)
    return esc(_cut(words, 120)) + (f" — {esc(sides)}" if sides else "")


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def conflict_block(view: RelationView, *, number: int | None = None) -> Block:
    head = f"⚠️ <b>Conflict{f' #{number}' if number else ''}:</b> {_subject(view)}"
    lines = [head, f"• {side(view.a)}", f"• {side(view.b)}"]
    if view.why:
        lines.append(f"<i>{esc(_cut(view.why, MAX_WHY))}</i>")
    tag = f" #{number}" if number else ""
    buttons = (
        (
            ("🔔 Alert me" + tag, f"{FOLLOW}:{view.id}"),
            ("👍" + tag, f"{VOTE}:{view.id}:1"),
            ("👎" + tag, f"{VOTE}:{view.id}:-1"),
        ),
    )
    return Block("\n".join(lines), buttons)


def _movement(view: RelationView) -> str:
    old, new = view.a.figure.value, view.b.figure.value
    verb = "was revised"
    if old is not None and new is not None and old != new:
        verb = "rose" if new > old else "fell"
    return f"{verb} from <b>{esc(_number(old))}</b> to <b>{esc(_number(new))}</b>"


def update_block(view: RelationView) -> Block:
    lines = [
        f"📈 <b>Update:</b> {_subject(view)} {_movement(view)}",
        f"• before: {side(view.a)}",
        f"• now: {side(view.b)}",
    ]
    return Block("\n".join(lines))


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
            blocks.append(
                Block(
                    f"✅ <b>{esc(_cut(figure.figure.quote, MAX_QUOTE))}</b> — agrees with "
                    f"{n} independent source{'s' if n != 1 else ''} ({names})"
                )
            )
    return blocks


def _recorded_line(report: IngestReport) -> str:
    doc = report.document
    day = _day(doc.published)
    where = _link(doc.url, _cut(doc.source, 120)) + (f", {day}" if day else "")
    n = len(report.figures)
    if not report.recorded:
        if not n:
            return "I found no figures in that, so I kept nothing of it."
        said = "say" if report.relations else "have nothing on"
        return (
            f"You asked about {n} figure{'s' if n != 1 else ''}, so I kept nothing of it: a question is "
            f"not a source. What recorded sources {said}:" + ("" if report.relations else " them yet.")
        )
    head = "I had this already" if report.duplicate else "Recorded"
    if not n:
        return f"{head}: {where}. I found no figures in it."
    shown = [esc(_cut(f.figure.quote, 80)) for f in report.figures if not f.figure.subset][
        :MAX_LISTED_FIGURES
    ]
    more = n - len(shown)
    listed = " · ".join(shown) + (f" · and {more} more" if more > 0 else "")
    return f"{head}: {n} figure{'s' if n != 1 else ''} from {where}: {listed}."


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
        blocks.append(Block(f"<b>{n} figure{'s' if n != 1 else ''} disagree{'s' if n == 1 else ''}:</b>"))
    blocks += _finding_blocks(shown, numbered_from=1 if len(conflicts) > 1 else None)
    if len(findings) > len(shown):
        more = len(findings) - len(shown)
        button = (f"Show all ({len(findings)})", f"{PAGE}:{report.document.id}:1")
        blocks.append(
            Block(
                f"…and {_count(more, 'more finding')}.",
                ((button,),) if report.recorded else (),
            )
        )
    blocks += corroboration_blocks(report)
    if not conflicts and report.disputed:
        n = len(report.disputed)
        what = "a disputed figure" if n == 1 else "disputed figures"
        blocks.append(Block(f"<b>What you sent agrees with {what}:</b>"))
        blocks += [conflict_block(v, number=i if n > 1 else None) for i, v in enumerate(report.disputed, 1)]
    return blocks


def report_blocks(report: IngestReport) -> list[Block]:
    if not report.recorded:
        # What recorded sources say of a question's figures; its relations were not kept, so their blocks
        # carry no buttons (a vote or a follow would name nothing).
        return [Block(_recorded_line(report)), *(Block(b.html) for b in _relation_blocks(report))]
    blocks = _relation_blocks(report)
    conflicts = [v for v in report.relations if v.kind == "conflict"]
    blocks.append(Block(_recorded_line(report)))
    if not conflicts and not report.disputed and report.figures:
        blocks.append(
            Block(
                "Nothing recorded disagrees with these yet.",
                ((("🔔 Alert me when a source disagrees", f"{FOLLOW_DOCUMENT}:{report.document.id}"),),),
            )
        )
    return blocks


def findings_page(views: Sequence[RelationView], document_id: int, page: int) -> Reply:
    """One page of a document's findings (MAX_FINDINGS a page), with buttons to the pages beside it: a
    "Show all" press edits the answer in place rather than sending more messages."""
    findings = ranked_findings(views)
    if not findings:
        return Reply("These findings are no longer recorded.")
    pages = -(-len(findings) // MAX_FINDINGS)
    page = max(0, min(page, pages - 1))
    start = page * MAX_FINDINGS
    shown = findings[start : start + MAX_FINDINGS]
    heading = Block(f"<b>Findings {start + 1}–{start + len(shown)} of {len(findings)}</b>")
    [reply, *_] = pack([heading, *_finding_blocks(shown, numbered_from=start + 1)])
    turn: list[Button] = []
    if page > 0:
        turn.append(("◀ Previous", f"{PAGE}:{document_id}:{page - 1}"))
    if page < pages - 1:
        turn.append(("Next ▶", f"{PAGE}:{document_id}:{page + 1}"))
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
        return [Reply("No conflicts recorded yet. Paste an article, send a link or forward a post.")]
    blocks = [Block(f"<b>Latest {len(views)} conflict{'s' if len(views) != 1 else ''}:</b>")]
    blocks += [conflict_block(v, number=i if len(views) > 1 else None) for i, v in enumerate(views, 1)]
    return pack(blocks, limit=limit)


def render_alert(view: RelationView) -> str:
    """One relation as an alert paragraph: what changed, both sides, links (stored in the outbox)."""
    lines = [f"<b>{_subject(view)}</b>", f"• new: {side(view.b)}", f"• before: {side(view.a)}"]
    if view.why:
        lines.append(f"<i>{esc(_cut(view.why, MAX_WHY))}</i>")
    return "\n".join(lines)


def alert_messages(blocks: Sequence[str], *, limit: int = MAX_MESSAGE) -> list[str]:
    """The alert blocks of one batch as one message (more only past 4096 characters)."""
    n = len(blocks)
    head = "🔔 <b>New conflict</b>" if n == 1 else f"🔔 <b>{n} new conflicts</b>"
    return [r.text for r in pack([Block(head), *(Block(b) for b in blocks)], limit=limit)]


# -- fixed texts ---------------------------------------------------------------------------------------------

PRIVACY = (
    "<b>What I store:</b> the texts you send and the figures in them (they become sources for everyone; "
    "a message with no figure, or one that asks about its figures, is not kept), "
    "which chat sent which text, your subscriptions and your 👍/👎 votes. /forget deletes this chat's "
    "subscriptions, votes, the record of what it sent and the texts (with their figures) no other chat "
    "sent; /undo takes back the last text it sent; /export sends this chat's record as files."
)

START = (
    "<b>Crosscheck</b> finds the figures in news text and tells you when sources disagree about them.\n\n"
    "Paste an article, send a link or a .txt/.html file, or forward a channel post. I extract each figure "
    "(value, what is counted, who says it, when) and answer with what other recorded sources say about the "
    "same quantity: conflicts, updates and agreement.\n\n" + PRIVACY + "\n\n/help lists the commands."
)

HELP = (
    "<b>Commands</b>\n"
    "/check TEXT-OR-LINK — check a text or a link\n"
    "/recent — the latest conflicts recorded\n"
    "/figures TOPIC — the figures recorded for a topic, with a chart\n"
    "/subscribe [words] — alerts on conflicts matching the words (bare: all conflicts)\n"
    "/unsubscribe [words|all] — stop those alerts\n"
    "/subscriptions — what this chat gets alerts for\n"
    "/stats — what is recorded, and how findings were rated\n"
    "/undo — take back the last text this chat sent\n"
    "/export — this chat's texts, figures and alerts as CSV and JSON\n"
    "/privacy — what I store, and how to delete it\n"
    "/forget — delete this chat's subscriptions, votes and the texts only it sent\n\n"
    "Or just paste text, send links or files, or forward a post. In groups I only answer commands, "
    "mentions and replies to me.\n"
    "Under each conflict: 🔔 follows that quantity, 👍/👎 rate the finding."
)


GROUP_GREETING = (
    "Hello! I check the figures in news and say when recorded sources disagree about them. In this group I "
    "read only commands, mentions of me and replies to me: reply to an article with my @name to check it. "
    "/privacy says what I store."
)


def unknown_command(command: str) -> str:
    """The answer to a command this bot has not."""
    return f"I have no {html.escape(command[:64])} command.\n\n" + HELP


COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "What this bot does and what it stores"),
    ("help", "How to use it"),
    ("check", "Check a text or a link"),
    ("recent", "Latest conflicts recorded"),
    ("figures", "Figures recorded for a topic, with a chart"),
    ("subscribe", "Alerts on conflicts (optionally matching words)"),
    ("unsubscribe", "Stop alerts (words or all)"),
    ("subscriptions", "This chat's alerts"),
    ("stats", "Counts and ratings"),
    ("undo", "Take back the last text sent"),
    ("export", "This chat's data as CSV and JSON"),
    ("privacy", "What is stored"),
    ("forget", "Delete this chat's data"),
)

UNSUPPORTED = (
    "I read pasted text, links, forwarded posts (with their captions) and .txt or .html files. "
    "Send one of those, or /help."
)
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
CHECK_USAGE = "Send /check followed by a text or a link."
FIGURES_USAGE = "Send /figures followed by what you want the figures of: /figures flood deaths"
EXPORT_EMPTY = "Nothing to export: this chat has sent no texts and has no subscriptions or follows."
EXPORT_CSV_NAME = "crosscheck-export.csv"
EXPORT_JSON_NAME = "crosscheck-export.json"


def subscribed_text(words: str, new: bool) -> str:
    what = f"conflicts matching <b>{esc(words)}</b>" if words else "<b>every</b> new conflict"
    if not new:
        return f"You were already subscribed to {what}."
    return f"Subscribed: this chat will get an alert for {what}. /unsubscribe to stop."


def unsubscribed_text(words: str | None, removed: int) -> str:
    if not removed:
        return "There was no such subscription. /subscriptions lists them."
    if words is None:
        return "Unsubscribed from everything: no more alerts to this chat."
    return f"Unsubscribed from {f'<b>{esc(words)}</b>' if words else 'all conflicts'}."


def subscriptions_text(words: Sequence[str], follows: Sequence[str]) -> str:
    if not words and not follows:
        return "No subscriptions. /subscribe [words] to get alerts."
    lines = ["<b>This chat gets alerts for:</b>"]
    lines += [f"• conflicts matching <b>{esc(w)}</b>" if w else "• every new conflict" for w in words]
    lines += [f"• followed: {esc(f)}" for f in follows]
    return "\n".join(lines)


def followed_text(labels: Sequence[str]) -> str:
    if not labels:
        return "That finding is no longer recorded."
    return "I will alert this chat when a source disagrees about " + ", ".join(
        _cut(x, 60) for x in labels[:5]
    )


def undone_text(source: str | None) -> str:
    if source is None:
        return "There is nothing of this chat's to take back."
    return (
        f"Taken back: the last text this chat sent ({esc(_cut(source, 120))}), with its figures and the "
        "findings about them, unless another chat sent it too."
    )


def forgotten_text(f: Forgotten) -> str:
    return (
        f"Forgotten: {_count(f.documents, 'text')} only this chat sent (with their figures), "
        f"{f.subscriptions} subscriptions, {f.follows} follows, {f.votes} votes, "
        f"{f.submissions} records of what this chat sent, {f.alerts} pending alerts, "
        f"{f.updates} stored messages."
    )


def stats_text(s: Stats) -> str:
    rel = s.relations
    sent = s.alerts.get("sent", 0)
    return (
        "<b>Recorded</b>\n"
        f"{_count(s.documents, 'document')}, {_count(s.claims, 'figure')}\n"
        f"{_count(rel.get('conflict', 0), 'conflict')}, {_count(rel.get('update', 0), 'update')}, "
        f"{_count(rel.get('corroboration', 0), 'corroboration')}\n"
        f"Findings rated 👍 {s.votes_up:,} / 👎 {s.votes_down:,}\n"
        f"{_count(s.subscribers, 'chat')} subscribed, {_count(sent, 'alert')} sent"
    )


def _figure_day(recorded: RecordedFigure) -> date | None:
    published = recorded.document.published
    return recorded.figure.moment or (published.date() if published else None)


def _by_day(figures: Sequence[RecordedFigure]) -> list[RecordedFigure]:
    """Oldest first; undated figures last."""
    return sorted(figures, key=lambda f: (_figure_day(f) is None, _figure_day(f) or date.min, f.id))


def no_figures_text(topic: str) -> str:
    return f"Nothing is recorded for <b>{esc(_cut(topic, 120))}</b>. Paste an article about it first."


def figures_replies(topic: str, figures: Sequence[RecordedFigure]) -> list[Reply]:
    """/figures TOPIC as text: one line per figure (value as written, claimant, outlet, date), oldest
    first, the newest MAX_TOPIC_LISTED of them."""
    if not figures:
        return [Reply(no_figures_text(topic))]
    newest = sorted(figures, key=lambda f: f.id, reverse=True)[:MAX_TOPIC_LISTED]
    head = f"<b>{_count(len(figures), 'figure')} recorded for {esc(_cut(topic, 120))}</b>"
    if len(figures) > len(newest):
        head += f" (the newest {len(newest)})"
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
    points = tuple(
        ChartPoint(
            label=f"{f.figure.claimant or 'no claimant'}\n{_outlet(f.document.source)}",
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
        by_source="By source (a bar: the range its wording allows)",
        over_time="Over time",
        points=points,
    )


def figures_caption(chart: FiguresChart, total: int) -> str:
    n = len(chart.points)
    drawn = f"{n} of {total} figures" if n < total else _count(n, "figure")
    return f"<b>{esc(_cut(chart.title, 120))}</b>: {esc(_cut(chart.axis, 120))}, {drawn}."


def export_caption(export: ChatExport) -> str:
    """What the export files hold, said once under the first of them."""
    figures = sum(len(d.figures) for d in export.documents)
    return (
        f"This chat's data: {_count(len(export.documents), 'text')} with {_count(figures, 'figure')}, "
        f"{_count(len(export.subscriptions), 'subscription')}, {_count(len(export.follows), 'follow')}, "
        f"{_count(len(export.relations), 'finding')} about its texts. The same in CSV and in JSON."
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
