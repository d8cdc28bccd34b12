"""Frozen dataclasses that flow through the pipeline: Page → Document → Figure → Relation → IngestReport.

Stages take and return these; none of them holds a session, a client or anything Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Literal, get_args

RelationKind = Literal["conflict", "update", "corroboration"]
DocumentKind = Literal["pasted_text", "article", "channel_post", "statement", "file", "html"]
# How a figure stands in time: what the claimant says now, what it said before, what might happen.
Tense = Literal["current", "earlier", "projection"]
# Why a chat's source was not recorded: the chat is asked now whether its texts may be ("asked"), was asked
# and has not answered ("held": kept back until it does), or chose to have its texts only checked.
Withheld = Literal["asked", "held", "check_only"]
# A period a figure is counted over that makes it a quantity of its own, or a running total (see Scope).
Period = Literal["night", "record", "since"]
PERIODS: Final[tuple[Period, ...]] = get_args(Period)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the person (or the command line) tells us about where a text comes from."""

    source: str
    url: str | None = None
    published: datetime | None = None  # timezone-aware, UTC
    lang: str | None = None  # None: guess from the text
    kind: DocumentKind = "pasted_text"
    # False: `source` is a placeholder ("pasted text", a link's host), and the outlet the text or page
    # names itself is the source.
    source_given: bool = True


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched web page, decoded; `url` is the final address after redirects."""

    url: str
    content_type: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Clean article text with its provenance; paragraphs are separated by blank lines."""

    text: str
    source: str
    title: str | None = None
    url: str | None = None  # canonical form (see fetch.canonical_url)
    published: datetime | None = None
    lang: str = "en"
    kind: DocumentKind = "pasted_text"

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class What:
    """What a figure measures, in the text's own words: the counted noun's lemma ("people", "magnitude",
    "vote"), the predicate that says what happened to it ("take part", "kill", "flow"), the words that narrow
    it ("primary school"), and of whom it is when a text gives several owners one measure (a candidate's
    share, "41.6% for Dvorak"). Two figures are one quantity when these are alike (see pairs.py)."""

    head: str = ""
    predicate: str = ""
    modifiers: tuple[str, ...] = ()
    owner: str | None = None

    @property
    def phrase(self) -> str:
        """The counted phrase without its figure, for a similarity model."""
        return " ".join(w for w in (*self.modifiers, self.head, self.predicate) if w)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where and over what span a figure holds, as its words say. Two figures are one quantity only if
    these agree (match.py).

    `places`: the places it is of ("in Kyiv": "kyiv"); `wide`: the wholes it covers ("across France":
    "france"; "nationwide": "country"); `periods`: a night ("overnight"), a past record ("an earlier peak of
    N"), a running total since a start ("since the riots began"); `elsewhere`: the figure is for elsewhere
    ("40 died elsewhere", "outside the capital"). Names lower-case; every tuple sorted, without repeats.
    """

    places: tuple[str, ...] = ()
    wide: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    elsewhere: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """Which event and moment a figure is of, as its sentence says.

    `names`: the names of the sentence (lower-case, see extract.terms_of), which tie the figure to one
    event (a storm's name, a town, …); `day`: the day its words name (a date, a weekday), None when they
    name none; `years`: other years named ("the 2018 fire"; not a year of comparison, "since 1994");
    `named_days`: days named by name ("election day"); `partial_day`: counted up to an hour of the day
    ("as of 6 p.m.", "by noon"); `changed`: told as a total's new state ("the toll rose to 93", "revised it
    to 7.2"). Every tuple sorted, without repeats.
    """

    names: tuple[str, ...] = ()
    day: date | None = None
    years: tuple[int, ...] = ()
    named_days: tuple[str, ...] = ()
    partial_day: bool = False
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as a claim frame: value and interval, unit, what is counted, who says it, when.

    `value` is the number the words mean in the unit the text uses (1280000 for "1.28 million");
    `low`/`high` the interval the wording allows (None: unbounded on that side). `base_low`/`base_high`
    are the same interval in the base unit of `dimension` (metres, seconds, …) so that "1,600 feet" and
    "500 metres" compare. `quantity` is the look-up key of what is counted ("killed", "released", …);
    `sides` and `scope` are the qualifiers that split one quantity into several (nationality or group;
    places and periods); two figures are about the same quantity only if these agree. `moment` is the day
    the figure is of (the day its words name, else the publication day); `event` what ties it to one event
    and moment. frames.py maps `scope` and `event` to the claim row and to JSON.
    """

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    dimension: str | None
    base_low: float | None
    base_high: float | None
    quantity: str
    counted: str
    quote: str
    sentence: str
    position: int
    qualifier: str | None = None
    sides: tuple[str, ...] = ()
    scope: Scope = field(default_factory=Scope)
    claimant: str | None = None
    moment: date | None = None
    tense: Tense = "current"
    subset: bool = False  # "including 4 nurses": a part of another figure, never its rival
    event: Event = field(default_factory=Event)
    what: What = field(default_factory=What)


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Where a recorded claim was published."""

    id: int
    source: str
    url: str | None
    published: datetime | None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class RecordedFigure:
    """A figure as stored: its claim id and its document."""

    id: int
    figure: Figure
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class Relation:
    """A decision between two recorded figures; `a` is the older (or earlier in the text), `b` the newer."""

    kind: RelationKind
    a: int  # claim id
    b: int  # claim id
    why: str


@dataclass(frozen=True, slots=True)
class RelationView:
    """A relation with both figures, ready to render."""

    id: int
    kind: RelationKind
    a: RecordedFigure
    b: RecordedFigure
    why: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: the document, its figures, and the relations it found."""

    document: DocumentRef
    duplicate: bool
    figures: tuple[RecordedFigure, ...]
    relations: tuple[RelationView, ...] = field(default=())
    # Conflicts recorded earlier about figures this document agrees with: it takes a side in a dispute.
    disputed: tuple[RelationView, ...] = field(default=())
    # False: read and compared, but not kept (a chat's message with no figure, or one that asks about its
    # figures: not a source), so its figures appear in nobody's replies.
    recorded: bool = True
    # Set when a source was not recorded because of the chat's choice (see Withheld).
    withheld: Withheld | None = None
    # A question kept back (not a source) that the chat may still record: its held text's id.
    held_question: int | None = None
    # Recorded under the placeholder source ("pasted text"): the answer asks who published it.
    ask_source: bool = False


@dataclass(frozen=True, slots=True)
class SentDocument:
    """A text a chat sent: the document, when the chat sent it, and the figures recorded from it."""

    document: DocumentRef
    sent: datetime
    figures: tuple[RecordedFigure, ...]


@dataclass(frozen=True, slots=True)
class Followed:
    """A quantity a chat follows (🔔): what it was shown, the quantity key and the sides (empty: any)."""

    label: str
    quantity: str
    sides: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChatExport:
    """What is recorded of one chat: the texts it sent with their figures, its subscriptions (words; ""
    is every conflict) and follows, and the relations found involving its texts' figures."""

    chat_id: int
    documents: tuple[SentDocument, ...]
    subscriptions: tuple[str, ...]
    follows: tuple[Followed, ...]
    relations: tuple[RelationView, ...]

    @property
    def empty(self) -> bool:
        return not (self.documents or self.subscriptions or self.follows)
