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

from bot.pipeline.alerts import Forgotten, PendingAlert, Reason, Stats, Story, Why, story_of
from bot.pipeline.types import IngestReport, RecordedFigure, RelationView

MAX_MESSAGE = 4096  # Telegram's limit on one message's text
MAX_QUOTE = 300  # a quoted figure or claimant longer than this is cut: the link has the rest
MAX_WHY = 600
MAX_LISTED_FIGURES = 12

Button = tuple[str, str]  # (label, callback data)
ButtonRow = tuple[Button, ...]

# Callback data: "f:<relation>" follow, "fd:<document>" follow its quantities, "v:<relation>:±1" vote,
# "pg:<document>:<page>" a page of a document's findings; under an alert, "m:<alert>" mute what it matched,
# "w:<alert>" why it came.
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
# Findings (conflicts and updates) in one answer; the others are a button away, a page of as many at a time.
MAX_FINDINGS = 3


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


def story_label(story: Story) -> str:
    """A followed story in plain words: "deaths — earthquake in Velmora", "people released (Ukraine)"."""
    what = QUANTITY_WORDS.get(story.quantity) or story.counted or story.quantity
    if story.sides:
        what += f" ({', '.join(s.title() for s in story.sides)})"
    places = ", ".join(n.title() for n in story.names[:3])
    where = f"{story.event} in {places}" if story.event and places else story.event or places
    return _cut(what, 80) + (f" — {_cut(where, 80)}" if where else "")


def _votes(view: RelationView, tag: str = "") -> ButtonRow:
    return (("👍" + tag, f"{VOTE}:{view.id}:1"), ("👎" + tag, f"{VOTE}:{view.id}:-1"))


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def conflict_block(view: RelationView, *, number: int | None = None) -> Block:
    head = f"⚠️ <b>Conflict{f' #{number}' if number else ''}:</b> {_subject(view)}"
    lines = [head, f"• {side(view.a)}", f"• {side(view.b)}"]
    if view.why:
        lines.append(f"<i>{esc(_cut(view.why, MAX_WHY))}</i>")
    tag = f" #{number}" if number else ""
    buttons = ((("🔔 Alert me" + tag, f"{FOLLOW}:{view.id}"), *_votes(view, tag)),)
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
        figures = f"{n} figure{'s' if n != 1 else ''}"
        if report.withheld in ("asked", "held"):
            return f"Not recorded yet: {figures}. I keep the text back until you say whether I may record it."
        if report.withheld == "check_only":
            return f"Checked, not recorded ({figures}): this chat only checks."
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
        record: tuple[ButtonRow, ...] = ()
        if report.held_question is not None:
            record = (((RECORD_IT, f"{RECORD_QUESTION}:{report.held_question}"),),)
        blocks = [Block(_recorded_line(report), record), *(Block(b.html) for b in _relation_blocks(report))]
        if report.withheld == "asked":
            blocks.append(Block(CONSENT_NOTICE, CONSENT_BUTTONS))
        return blocks
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
    if report.ask_source:
        blocks.append(Block(WHO_PUBLISHED, (((DONT_KNOW, f"{NO_SOURCE}:{report.document.id}"),),)))
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


def render_alert(view: RelationView, reason: Reason) -> str:
    """One relation as an alert paragraph: what changed, both sides, links, and what this chat asked for that
    it matched (stored in the outbox)."""
    subject = esc(story_label(story_of(view)))  # the story, as a follow of it is named
    head = f"📈 <b>{subject}</b> {_movement(view)}" if view.kind == "update" else f"<b>{subject}</b>"
    lines = [head, f"• new: {side(view.b)}", f"• before: {side(view.a)}"]
    if view.why and view.kind != "update":
        lines.append(f"<i>{esc(_cut(view.why, MAX_WHY))}</i>")
    lines.append(f"<i>{esc(_reason_words(reason, you=True))}.</i>")
    return "\n".join(lines)


def _wanted(reason: Reason) -> str:
    """What a chat asked for, in plain words: a followed story, or a subscription's conflicts."""
    if reason.follow is not None:
        return story_label(reason.follow)
    if reason.words:
        return f"conflicts matching “{_cut(reason.words, 60)}”"
    return "every new conflict"


def _reason_words(reason: Reason, *, you: bool = False) -> str:
    who = "You" if you else "this chat"
    if reason.follow is not None:
        return f"{who} follow{'' if you else 's'} {_wanted(reason)}"
    return f"{who} subscribed to {_wanted(reason)}"


def _alert_head(kinds: Sequence[str]) -> str:
    n = len(kinds)
    if set(kinds) == {"update"}:
        return "🔔 <b>Update</b>" if n == 1 else f"🔔 <b>{n} updates</b>"
    if set(kinds) <= {"conflict"}:
        return "🔔 <b>New conflict</b>" if n == 1 else f"🔔 <b>{n} new conflicts</b>"
    return f"🔔 <b>{n} new findings</b>"


def alert_messages(rows: Sequence[PendingAlert], *, limit: int = MAX_MESSAGE) -> list[Reply]:
    """The alerts of one batch as one message (more only past 4096 characters), each with its buttons: mute
    what it matched, why it came, and a vote on the finding."""
    blocks = [Block(_alert_head([r.kind for r in rows]))]
    for i, row in enumerate(rows, 1):
        tag = f" #{i}" if len(rows) > 1 else ""
        text = f"<b>#{i}</b> {row.text}" if tag else row.text
        buttons: tuple[ButtonRow, ...] = (
            (("Mute this" + tag, f"{MUTE}:{row.id}"), ("Why did I get this?" + tag, f"{WHY}:{row.id}")),
            (("👍" + tag, f"{VOTE}:{row.relation_id}:1"), ("👎" + tag, f"{VOTE}:{row.relation_id}:-1")),
        )
        blocks.append(Block(text, buttons))
    return pack(blocks, limit=limit)


# -- fixed texts ---------------------------------------------------------------------------------------------

PRIVACY = (
    "<b>What I store:</b> the texts you send and the figures in them (they become sources for everyone "
    "once this chat agreed to it, which I ask before the first one; links always, as they are public "
    "already; a message with no figure, or one that asks about its figures, is not kept, though a "
    "question is held two days in case you call it a source), your choice, "
    "which chat sent which text, your subscriptions and your 👍/👎 votes. /forget deletes this chat's "
    "subscriptions, votes, the record of what it sent and the texts (with their figures) no other chat "
    "sent; /undo takes back the last text it sent."
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
    "/subscribe [words] — alerts on conflicts matching the words (bare: all conflicts)\n"
    "/unsubscribe [words|all] — stop those alerts\n"
    "/subscriptions — what this chat gets alerts for\n"
    "/stats — what is recorded, and how findings were rated\n"
    "/undo — take back the last text this chat sent\n"
    "/privacy — what I store, and how to delete it\n"
    "/forget — delete this chat's subscriptions, votes and the texts only it sent\n\n"
    "Or just paste text, send links or files, or forward a post. In groups I only answer commands, "
    "mentions and replies to me.\n"
    "Under each conflict: 🔔 follows that story (its conflicts and updates), 👍/👎 rate the finding. "
    "Under an alert: Mute this, and Why did I get this?"
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
    ("subscribe", "Alerts on conflicts (optionally matching words)"),
    ("unsubscribe", "Stop alerts (words or all)"),
    ("subscriptions", "This chat's alerts"),
    ("stats", "Counts and ratings"),
    ("undo", "Take back the last text sent"),
    ("privacy", "What is stored"),
    ("forget", "Delete this chat's data"),
)

UNSUPPORTED = (
    "I read pasted text, links, forwarded posts (with their captions) and .txt or .html files. "
    "Send one of those, or /help."
)
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
CHECK_USAGE = "Send /check followed by a text or a link."


CONSENT_NOTICE = (
    "<b>Texts you send are recorded as public sources:</b> others who check the same story see their "
    "figures, with the outlet and date (never who sent them). Links are always recorded: they are public "
    "already. May I record your texts?"
)
CONSENT_BUTTONS: tuple[ButtonRow, ...] = (
    (("Record my texts", f"{CONSENT}:1"),),
    (("Only check, never record", f"{CONSENT}:0"),),
)
RECORD_IT = "It's a source — record it"
WHO_PUBLISHED = "<b>Who published this?</b> Reply to this message with the outlet's name."
DONT_KNOW = "Don't know"
SOURCE_STAYS = "All right: it stays “pasted text”."
NOTHING_HELD = "That text is no longer held, so there is nothing to record."


def chosen_text(records: bool, recorded: int) -> str:
    """The answer to the recording question."""
    if not records:
        return (
            "I will only check this chat's texts and never record them. Links are still recorded: they are "
            "public already. /forget deletes this choice."
        )
    held = f" I recorded the {_count(recorded, 'text')} you sent before." if recorded else ""
    return "From now on the texts this chat sends are recorded as public sources." + held


def source_named_text(source: str) -> str:
    return f"Thanks: that text's source is now <b>{esc(_cut(source, 120))}</b>."


def limit_text(limit: int, until: datetime, now: datetime) -> str:
    """A user sent as many texts and links this hour as one person may: when they can send more."""
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return (
        f"You have sent {_count(limit, 'text or link', 'texts or links')} in the last hour, as many as I "
        f"check for one person. You can send more at {until:%H:%M} UTC (in {_count(minutes, 'minute')}). "
        "Commands still work."
    )


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


def subscriptions_text(words: Sequence[str], follows: Sequence[Story]) -> str:
    if not words and not follows:
        return "No subscriptions. /subscribe [words] to get alerts."
    lines = ["<b>This chat gets alerts for:</b>"]
    lines += [f"• conflicts matching <b>{esc(w)}</b>" if w else "• every new conflict" for w in words]
    lines += [f"• followed: {esc(story_label(f))}" for f in follows]
    return "\n".join(lines)


def followed_text(stories: Sequence[Story]) -> str:
    if not stories:
        return "That finding is no longer recorded."
    return "I will alert this chat when a source disagrees about or updates " + "; ".join(
        story_label(x) for x in stories[:3]
    )


def muted_text(reason: Reason | None) -> str:
    if reason is None:
        return "That is muted already: this chat no longer gets those alerts."
    return f"Muted: no more alerts for {_wanted(reason)}."


def why_text(why: Why | None) -> str:
    """The answer to "Why did I get this?" (a pop-up: at most 200 characters)."""
    if why is None:
        return "That alert is no longer recorded."
    what = "update" if why.kind == "update" else "conflict"
    if why.reason is None:
        return f"This {what} matched a follow or subscription this chat has since stopped."
    if why.reason.follow is not None:
        how = ", from 🔔 Alert me: it is about the same count in the same story"
    elif why.reason.words:
        how = " (/subscribe), and its words match"
    else:
        how = " (/subscribe)"
    return f"You got this {what} because {_reason_words(why.reason)}{how}. Mute this stops it."


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
        f"{f.updates} stored messages, {_count(f.held, 'held text')}."
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
