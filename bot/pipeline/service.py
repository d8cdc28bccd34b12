"""The use cases of the engine, and the one place in bot/ that meets storage.

    ingest_text / ingest_html / ingest_url → clean → extract → candidates (indexed look-ups) → match
        → one transaction: document, claims, relations (and alerts to send)
    relations / claims → what is recorded, as plain values for the command line and the bot
    submit → a chat's text or file: recorded, only checked or held, by the chat's choice (see choose)
    await_source / name_source / skip_source → "Who published this?" for a paste that does not say
    figures(topic) → the recorded figures whose quantity or event matches some words (/figures)
    export(chat_id) → what is recorded of one chat (/export)

Everything here is synchronous; the bot calls it from a worker thread.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, Row
from sqlmodel import Session

from bot.config import Settings
from bot.i18n import N_
from bot.pipeline import clean, extract, fetch, match
from bot.pipeline.alerts import matches_words, words_of
from bot.pipeline.budget import UNLIMITED, Budget
from bot.pipeline.errors import EmptyInput, TooLarge
from bot.pipeline.frames import event_column, event_from_column, scope_column, scope_from_column
from bot.pipeline.pairs import PairJudge, default_judge
from bot.pipeline.types import (
    ChatExport,
    Document,
    DocumentKind,
    DocumentRef,
    Figure,
    Followed,
    IngestReport,
    Page,
    RecordedFigure,
    Relation,
    RelationKind,
    RelationView,
    SentDocument,
    SourceInfo,
    What,
    Withheld,
)
from storage import alerts as chat_store
from storage import chats, store
from storage.db import transaction
from storage.models import ClaimRow, DocumentRow, HeldTextRow, RelationRow, utcnow

logger = logging.getLogger(__name__)

# How far apart two documents may be published and still be compared: tolls are revised over months.
CANDIDATE_WINDOW = timedelta(days=400)
# How many figures of recorded claims are kept built (RecordedFigures): the claims of the stories still being
# written about, some tens of MB at most.
RECORDED_FIGURES_KEPT = 16384
# How many recorded conflicts about the figures a document agrees with are shown with it.
MAX_DISPUTED = 5
# A question is held this long in case its chat says it is a source after all; then it is deleted.
QUESTION_KEPT = timedelta(days=2)
CONSENT = "consent"  # held_text purposes
QUESTION = "question"
# How many recorded figures /figures reads for one topic, newest first (the reply shows and draws fewer).
MAX_TOPIC_FIGURES = 200

_KINDS: dict[str, RelationKind] = {
    "conflict": "conflict",
    "update": "update",
    "corroboration": "corroboration",
}

# Called inside the ingest transaction with the relations it recorded, to queue alerts (see bot/ alerts).
RelationsHook = Callable[[Session, Sequence[RelationView], int | None], None]


# A text this short is a chat message, not an article: a figure asked about in it makes all of it a question.
CHAT_MESSAGE_CHARS = 500


def is_a_source(figures: Sequence[Figure], text: str) -> bool:
    """Does a chat's text state figures, rather than name none or ask about them ("Is it true that 400
    were killed?", "¿Murieron 400?")? A question mark ends a question in every pack language. In a chat
    message a figure besides the one asked about is what the asker heard ("Is it true that 400 were
    killed? My uncle says only 63."): the message asks about both. In an article a question is rhetoric
    among stated figures."""
    if not figures:
        return False
    asked = [_asks(figure.sentence) for figure in figures]
    if len(text.strip()) <= CHAT_MESSAGE_CHARS and any(asked):
        return False
    return not all(asked)


def _asks(sentence: str) -> bool:
    return sentence.rstrip(" \t\n\"'»”)]").endswith(("?", "？"))


def _asking_source(report: IngestReport, info: SourceInfo) -> IngestReport:
    """A paste newly recorded under the placeholder name (it named no outlet itself) asks who published it."""
    if (
        report.recorded
        and not report.duplicate
        and info.kind == "pasted_text"
        and not info.source_given
        and report.document.source == info.source
    ):
        return replace(report, ask_source=True)
    return report


def content_hash(text: str) -> str:
    """Hash of the text with white space folded and case ignored: the same article pasted twice matches."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _join(values: Sequence[str]) -> str:
    return ",".join(sorted(set(values)))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(",") if v)


def claim_values(figure: Figure, *, document_id: int) -> dict[str, Any]:
    """A figure as the column values of its claim row (lists joined, long text cut to the column sizes)."""
    return {
        "document_id": document_id,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "unit": figure.unit,
        "dimension": figure.dimension,
        "base_low": figure.base_low,
        "base_high": figure.base_high,
        "quantity": figure.quantity,
        "counted": figure.counted[:300],
        "qualifier": figure.qualifier,
        "sides": _join(figure.sides),
        "scope": scope_column(figure.scope),
        "event": event_column(figure.event),
        "claimant": figure.claimant[:300] if figure.claimant else None,
        "quote": figure.quote[:1000],
        "sentence": figure.sentence,
        "position": figure.position,
        "moment": figure.moment,
        "tense": figure.tense,
        "subset": figure.subset,
        "head": figure.what.head[:120],
        "predicate": figure.what.predicate[:120],
        "modifiers": _join(figure.what.modifiers)[:300],
        "owner": figure.what.owner[:200] if figure.what.owner else None,
    }


def document_ref(row: DocumentRow) -> DocumentRef:
    assert row.id is not None
    return DocumentRef(id=row.id, source=row.source, url=row.url, published=row.published, title=row.title)


def recorded_figure(claim: ClaimRow | Row[Any], document: DocumentRow) -> RecordedFigure:
    return _figure_of(claim, document_ref(document))


def claim_figure(row: Row[Any]) -> RecordedFigure:
    """A row of store.claim_rows (claim columns, document_* columns) as a figure."""
    document = DocumentRef(
        id=row.document_id,
        source=row.document_source,
        url=row.document_url,
        published=row.document_published,
        title=row.document_title,
    )
    return _figure_of(row, document)


def _figure_of(claim: ClaimRow | Row[Any], document: DocumentRef) -> RecordedFigure:
    assert claim.id is not None
    figure = Figure(
        value=claim.value,
        low=claim.low,
        high=claim.high,
        unit=claim.unit,
        dimension=claim.dimension,
        base_low=claim.base_low,
        base_high=claim.base_high,
        quantity=claim.quantity,
        counted=claim.counted,
        quote=claim.quote,
        sentence=claim.sentence,
        position=claim.position,
        qualifier=claim.qualifier,
        sides=_split(claim.sides),
        scope=scope_from_column(claim.scope),
        claimant=claim.claimant,
        moment=claim.moment,
        tense="earlier"
        if claim.tense == "earlier"
        else "projection"
        if claim.tense == "projection"
        else "current",
        subset=claim.subset,
        event=event_from_column(claim.event),
        what=What(
            head=claim.head, predicate=claim.predicate, modifiers=_split(claim.modifiers), owner=claim.owner
        ),
    )
    return RecordedFigure(id=claim.id, figure=figure, document=document)


class RecordedFigures:
    """Figures of recorded claims by claim id, the most recently used kept (thread-safe).

    Popular stories bring the same recorded claims back as candidates for every new article, and reading
    and building a whole claim costs more than finding it. Claims are never changed once recorded, so a
    figure built once stays true; should a look-up row disagree with the kept figure on its document,
    position or value (an id used again after a deletion), the claim is read again."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._figures: OrderedDict[int, RecordedFigure] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, session: Session, keys: Sequence[store.CandidateKey]) -> list[RecordedFigure]:
        """The figures of the look-up rows `keys` (store.candidate_claims), in their order."""
        found: dict[int, RecordedFigure] = {}
        with self._lock:
            for key in keys:
                kept = self._figures.get(key.id)
                if kept is not None and (kept.document.id, kept.figure.position, kept.figure.value) == (
                    key.document_id,
                    key.position,
                    key.value,
                ):
                    self._figures.move_to_end(key.id)
                    found[key.id] = kept
        missing = [key.id for key in keys if key.id not in found]
        if missing:
            read = {row.id: claim_figure(row) for row in store.claim_rows(session, claim_ids=missing)}
            found |= read
            with self._lock:
                self._figures.update(read)
                while len(self._figures) > self._size:
                    self._figures.popitem(last=False)
        return [found[key.id] for key in keys if key.id in found]

    def forget_document(self, document_id: int) -> None:
        """Drop the figures of a document whose provenance changed (its source was named)."""
        with self._lock:
            for claim_id in [i for i, f in self._figures.items() if f.document.id == document_id]:
                del self._figures[claim_id]


def relation_views(session: Session, rows: Sequence[RelationRow | Row[Any]]) -> list[RelationView]:
    ids = [r.claim_a_id for r in rows] + [r.claim_b_id for r in rows]
    figures = {row.id: claim_figure(row) for row in store.claim_rows(session, claim_ids=ids)}
    return [_view(row, figures[row.claim_a_id], figures[row.claim_b_id]) for row in rows]


def _view(row: RelationRow | Row[Any], a: RecordedFigure, b: RecordedFigure) -> RelationView:
    assert row.id is not None
    return RelationView(id=row.id, kind=_KINDS.get(row.kind, "corroboration"), a=a, b=b, why=row.why)


class Crosscheck:
    """The engine's use cases over one database."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        on_relations: RelationsHook | None = None,
        extractor: extract.Extractor | None = None,
        judge: PairJudge | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.on_relations = on_relations
        self._extractor = extractor
        self._judge = judge
        self.recorded = RecordedFigures(RECORDED_FIGURES_KEPT)

    @property
    def extractor(self) -> extract.Extractor:
        """Loaded on first use: the language model takes a moment and not every command needs it."""
        if self._extractor is None:
            self._extractor = extract.Extractor()
        return self._extractor

    @property
    def judge(self) -> PairJudge:
        """The pair decision (model and similarity), loaded on first use."""
        if self._judge is None:
            self._judge = default_judge()
        return self._judge

    def warm_up(self) -> None:
        """Load the language model and the sentence encoder now, so that the first text waits for neither."""
        _ = self.extractor.parser
        self.judge.similarity.prepare(["people killed"])
        clean.guess_language("people killed")

    # -- ingest ---------------------------------------------------------------------------------------
    def ingest_text(
        self,
        text: str,
        info: SourceInfo,
        *,
        chat_id: int | None = None,
        budget: Budget = UNLIMITED,
        only_sources: bool = False,
        withhold: Withheld | None = None,
    ) -> IngestReport:
        """Pasted text (page junk and all) → figures, recorded, with the relations they have;
        `only_sources`, `withhold`: see ingest_document."""
        if len(text) > self.settings.max_text_chars:
            raise TooLarge(
                N_("That text is longer than {limit} characters."), limit=f"{self.settings.max_text_chars:,}"
            )
        if not text.strip():
            raise EmptyInput(N_("There is no text to read."))
        document = clean.to_document(clean.clean_pasted(text), info)
        return self.ingest_document(
            document, chat_id=chat_id, budget=budget, only_sources=only_sources, withhold=withhold
        )

    def ingest_html(
        self,
        html: str,
        info: SourceInfo,
        *,
        chat_id: int | None = None,
        budget: Budget = UNLIMITED,
        withhold: Withheld | None = None,
    ) -> IngestReport:
        """An HTML page → article text (trafilatura) → figures, recorded."""
        document = clean.to_document(clean.clean_html(html, url=info.url), info)
        return self.ingest_document(document, chat_id=chat_id, budget=budget, withhold=withhold)

    def fetch_link(self, url: str, *, budget: Budget = UNLIMITED) -> Page:
        """Fetch a link under the guard (network wait: the bot runs it apart from the checking work)."""
        return fetch.fetch_page(url, limits=self.settings.fetch, budget=budget)

    def ingest_page(
        self, page: Page, info: SourceInfo, *, chat_id: int | None = None, budget: Budget = UNLIMITED
    ) -> IngestReport:
        """A fetched page, as text or HTML by its type."""
        info = replace(info, url=info.url or page.url)
        if page.content_type.startswith("text/plain"):
            return self.ingest_text(page.text, info, chat_id=chat_id, budget=budget)
        return self.ingest_html(page.text, info, chat_id=chat_id, budget=budget)

    def ingest_url(
        self, url: str, info: SourceInfo, *, chat_id: int | None = None, budget: Budget = UNLIMITED
    ) -> IngestReport:
        """Fetch a link under the guard, then ingest the page; nothing is recorded if the fetch fails."""
        return self.ingest_page(self.fetch_link(url, budget=budget), info, chat_id=chat_id, budget=budget)

    def ingest_document(
        self,
        document: Document,
        *,
        chat_id: int | None = None,
        budget: Budget = UNLIMITED,
        only_sources: bool = False,
        withhold: Withheld | None = None,
    ) -> IngestReport:
        """Extract, match and record one clean document in one transaction. `only_sources`: a text that
        is not a source (no figure, or every figure asked about: "Is it true that 400 were killed?") is
        compared with the record but not kept, nor anything it would have caused (relations, alerts).
        `withhold`: a source is not kept either (its chat did not agree), and its report says why."""
        if not document.text.strip():
            raise EmptyInput(N_("I found no article text in that."))
        url = fetch.canonical_url(document.url) if document.url else None
        digest = content_hash(document.text)
        figures = self.extractor.extract(document, budget)
        source = not only_sources or is_a_source(figures, document.text)
        keep = source and withhold is None
        if not figures and not keep:
            ref = DocumentRef(id=0, source=document.source, url=url, published=document.published)
            return IngestReport(document=ref, duplicate=False, figures=(), recorded=False)
        terms = self.extractor.terms(document)
        with transaction(self.engine) as session:
            report = self._record(session, document, url, digest, figures, terms, chat_id, budget, keep=keep)
            if not keep:
                session.rollback()  # compared with what is recorded, and then not kept
                return replace(report, recorded=False, withheld=withhold if source else None)
            return report

    # -- a chat's texts -------------------------------------------------------------------------------
    def submit(
        self,
        body: str,
        info: SourceInfo,
        *,
        chat_id: int,
        html: bool = False,
        only_sources: bool = True,
        budget: Budget = UNLIMITED,
    ) -> IngestReport:
        """A text or file a chat sent, by the chat's choice: recorded; only checked; or, before the chat
        chose, checked and held back until it does (the report says "asked" the first time, when the bot
        asks). A question kept back is held for a while too, in case the chat calls it a source."""
        records = self._records(chat_id)
        withhold: Withheld | None = None if records else "check_only" if records is False else "held"
        if html:
            report = self.ingest_html(body, info, chat_id=chat_id, budget=budget, withhold=withhold)
        else:
            report = self.ingest_text(
                body, info, chat_id=chat_id, budget=budget, only_sources=only_sources, withhold=withhold
            )
        if report.withheld == "held":
            with transaction(self.engine) as session:
                chats.hold_text(session, held=_held(chat_id, CONSENT, body, info, html=html))
                if chats.mark_asked(session, chat_id=chat_id, at=utcnow()):
                    report = replace(report, withheld="asked")
            return report
        if not report.recorded and report.withheld is None and report.figures and records is not False:
            with transaction(self.engine) as session:
                chats.prune_held(session, purpose=QUESTION, before=utcnow() - QUESTION_KEPT)
                held = chats.hold_text(session, held=_held(chat_id, QUESTION, body, info, html=html))
            return replace(report, held_question=held)
        return _asking_source(report, info)

    def _records(self, chat_id: int) -> bool | None:
        """Whether the chat's texts are recorded: True, False (only checked), None (not chosen yet)."""
        if not self.settings.ask_before_recording:
            return True
        with Session(self.engine) as session:
            row = chats.chat_choice(session, chat_id=chat_id)
            return None if row is None else row.records

    def choose(self, chat_id: int, *, records: bool) -> list[IngestReport]:
        """The chat's answer: from now on its texts are recorded, or only checked. Texts it sent before
        are recorded now (their reports, in order), or dropped."""
        with transaction(self.engine) as session:
            chats.set_choice(session, chat_id=chat_id, records=records, at=utcnow())
            if not records:
                chats.remove_held(session, chat_id=chat_id, purpose=CONSENT)
                return []
            held = chats.held_texts(session, chat_id=chat_id, purpose=CONSENT)
        return [self._record_held(chat_id, row) for row in held]

    def record_question(self, chat_id: int, held_id: int) -> IngestReport | None:
        """A question the chat says is a source after all, recorded as one; None if it is held no more."""
        with Session(self.engine) as session:
            held = chats.held_texts(session, chat_id=chat_id, purpose=QUESTION, held_id=held_id)
        return self._record_held(chat_id, held[0]) if held else None

    def _record_held(self, chat_id: int, held: HeldTextRow) -> IngestReport:
        """Record a held text as a source; it stops being held in the transaction that notes who sent it
        (a crash between the two records it again, as the duplicate it then is)."""
        assert held.id is not None
        info = SourceInfo(
            source=held.source,
            url=held.url,
            published=held.published,
            kind=_kind(held.kind),
            source_given=held.source_given,
        )
        if held.html:
            report = self.ingest_html(held.body, info, chat_id=chat_id)
        else:
            report = self.ingest_text(held.body, info, chat_id=chat_id)
        with transaction(self.engine) as session:
            if report.recorded:
                chat_store.add_submission(session, chat_id=chat_id, document_id=report.document.id)
            chats.release_held(session, held_id=held.id)
        return _asking_source(report, info)

    # -- "Who published this?" -------------------------------------------------------------------------
    def await_source(self, chat_id: int, message_id: int, document_id: int) -> None:
        """The chat was asked who published a document, in its message `message_id`."""
        with transaction(self.engine) as session:
            chats.set_source_prompt(
                session, chat_id=chat_id, message_id=message_id, document_id=document_id, at=utcnow()
            )

    def name_source(self, chat_id: int, message_id: int, name: str) -> str | None:
        """A reply to the question asked in `message_id`: the document's source is `name` from now on (the
        name as stored); None if that message asked nothing, or asks no more."""
        source = " ".join(name.split())[:300]
        if not source:
            return None
        with transaction(self.engine) as session:
            document_id = chats.take_source_prompt(session, chat_id=chat_id, message_id=message_id)
            if document_id is None or not chats.rename_document(
                session, document_id=document_id, source=source
            ):
                return None
        # The figures kept built carry the old name; this process reads them again. Another process
        # sharing the database shows the old name until its copy is pushed out (RECORDED_FIGURES_KEPT).
        self.recorded.forget_document(document_id)
        return source

    def skip_source(self, chat_id: int, document_id: int) -> bool:
        """ "Don't know": the question about `document_id` is closed; False if it was closed already."""
        with transaction(self.engine) as session:
            return chats.take_source_prompt(session, chat_id=chat_id, document_id=document_id) is not None

    def _record(
        self,
        session: Session,
        document: Document,
        url: str | None,
        digest: str,
        figures: Sequence[Figure],
        terms: Iterable[str],
        chat_id: int | None,
        budget: Budget,
        *,
        keep: bool,
    ) -> IngestReport:
        """The document's row, claims and relations, added in `session` (or the row it duplicates); alerts
        are queued only for a text that is kept."""
        existing = store.find_document(session, url=url, content_hash=digest)
        if existing is not None and existing.id is not None:
            recorded = store.document_claims(session, document_id=existing.id)
            rels = relation_views(session, store.document_relations(session, document_id=existing.id))
            return IngestReport(
                document=document_ref(existing),
                duplicate=True,
                figures=tuple(recorded_figure(c, existing) for c in recorded),
                relations=tuple(rels),
            )
        row = store.add_document(
            session,
            document=DocumentRow(
                source=document.source[:300],
                url=url,
                title=document.title[:1000] if document.title else None,
                published=document.published,
                lang=document.lang,
                kind=document.kind,
                content_hash=digest,
                text=document.text,
            ),
            terms=terms,
        )
        assert row.id is not None
        claims = store.add_claims(session, claims=[claim_values(f, document_id=row.id) for f in figures])
        new = [recorded_figure(c, row) for c in claims]
        wanted = {match.bucket_of(f.figure) for f in new} - {None}
        found = store.candidate_claims(
            session,
            terms=terms,
            around=document.published,
            window=CANDIDATE_WINDOW,
            exclude_document_id=row.id,
        )
        compared = [
            key for key in found if match.bucket(key.dimension, subset=key.subset, tense=key.tense) in wanted
        ]
        candidates = self.recorded.of(session, compared)
        decided = match.relate(new, candidates, self.judge, budget)
        added = store.add_relations(session, relations=[_new_relation(r) for r in decided])
        known = {f.id: f for f in [*new, *candidates]}
        views = [_view(rel, known[rel.claim_a_id], known[rel.claim_b_id]) for rel in added]
        disputed = self._disputed(session, views, new_ids={f.id for f in new})
        if self.on_relations is not None and views and keep:
            self.on_relations(session, views, chat_id)
        logger.info(
            "%s document %s (%s): %d figures, %d relations",
            "ingested" if keep else "compared, not kept,",
            row.id,
            row.source,
            len(new),
            len(views),
        )
        return IngestReport(
            document=document_ref(row),
            duplicate=False,
            figures=tuple(new),
            relations=tuple(views),
            disputed=tuple(disputed),
        )

    def _disputed(
        self, session: Session, views: Sequence[RelationView], *, new_ids: set[int]
    ) -> list[RelationView]:
        """Conflicts recorded before this document about the figures it corroborates (it takes a side)."""
        agreed = {
            side.id
            for view in views
            if view.kind == "corroboration"
            for side in (view.a, view.b)
            if side.id not in new_ids
        }
        rows = store.conflicts_of(session, claim_ids=agreed, not_with=new_ids, limit=MAX_DISPUTED)
        return relation_views(session, rows)

    # -- reading --------------------------------------------------------------------------------------
    def relations(
        self, *, kinds: Sequence[str] | None = None, limit: int | None = None
    ) -> list[RelationView]:
        """Recorded relations, newest first."""
        with Session(self.engine) as session:
            return relation_views(session, store.latest_relations(session, kinds=kinds, limit=limit))

    def document_relations(self, document_id: int) -> list[RelationView]:
        """The relations of one document's figures, as recorded."""
        with Session(self.engine) as session:
            return relation_views(session, store.document_relations(session, document_id=document_id))

    def figures(self, topic: str, *, limit: int = MAX_TOPIC_FIGURES) -> list[RecordedFigure]:
        """The recorded figures (newest first) whose counted phrase, event, places, sides or sentence
        have a word beginning with each word of `topic`, as a subscription's words match a relation
        ("pow" matches "POWs"); none for a topic with no words."""
        words = words_of(topic)
        if not words:
            return []
        with Session(self.engine) as session:
            rows = store.topic_claim_rows(session, words=words, limit=limit)
        figures = [claim_figure(row) for row in rows]
        return [f for f in figures if matches_words(words, _topic_words(f))]

    def export(self, chat_id: int) -> ChatExport:
        """What is recorded of one chat: the texts it sent with their figures, its subscriptions and
        follows, and the relations involving its texts' figures (read in one session: one moment)."""
        with Session(self.engine) as session:
            sent = chat_store.chat_documents(session, chat_id=chat_id)
            ids = [document.id for document, _ in sent if document.id is not None]
            by_document: dict[int, list[RecordedFigure]] = {}
            for row in store.claim_rows_of_documents(session, document_ids=ids):
                by_document.setdefault(row.document_id, []).append(claim_figure(row))
            relations = relation_views(session, store.relations_of_documents(session, document_ids=ids))
            subscriptions = [s.words for s in chat_store.chat_subscriptions(session, chat_id=chat_id)]
            follows = [
                Followed(label=f.label, quantity=f.quantity, sides=_split(f.sides))
                for f in chat_store.chat_follows(session, chat_id=chat_id)
            ]
        documents = [
            SentDocument(document=document_ref(d), sent=when, figures=tuple(by_document.get(d.id or 0, ())))
            for d, when in sent
        ]
        return ChatExport(
            chat_id=chat_id,
            documents=tuple(documents),
            subscriptions=tuple(subscriptions),
            follows=tuple(follows),
            relations=tuple(relations),
        )

    def claims(self, *, limit: int = 50) -> list[RecordedFigure]:
        """Recorded figures, newest first."""
        with Session(self.engine) as session:
            return [recorded_figure(c, d) for c, d in store.latest_claims(session, limit=limit)]


def _topic_words(recorded: RecordedFigure) -> tuple[str, ...]:
    """The words a /figures topic is matched against: what the figure counts, of which event, where, whose,
    and its sentence (the columns store.topic_claim_rows filters on)."""
    f = recorded.figure
    parts = [f.quantity, f.counted, f.what.head, f.what.predicate, *f.what.modifiers]
    parts += [event_column(f.event), scope_column(f.scope)]  # as their columns hold them
    parts += [*f.sides, f.sentence]
    return words_of(" ".join(parts))


@dataclass(frozen=True, slots=True)
class _NewRelation:
    """A decided relation as storage records it (store.RelationValues)."""

    kind: str
    claim_a_id: int
    claim_b_id: int
    why: str


def _held(chat_id: int, purpose: str, body: str, info: SourceInfo, *, html: bool) -> HeldTextRow:
    return HeldTextRow(
        chat_id=chat_id,
        purpose=purpose,
        body=body,
        html=html,
        source=info.source[:300],
        source_given=info.source_given,
        url=info.url,
        published=info.published,
        kind=info.kind,
    )


def _kind(kind: str) -> DocumentKind:
    kinds: dict[str, DocumentKind] = {
        k: k for k in ("pasted_text", "article", "channel_post", "statement", "file", "html")
    }
    return kinds.get(kind, "pasted_text")


def _new_relation(relation: Relation) -> _NewRelation:
    return _NewRelation(
        kind=relation.kind, claim_a_id=relation.a, claim_b_id=relation.b, why=relation.why[:2000]
    )
