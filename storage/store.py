"""Storage functions for documents, claims and relations: keyword-only, named for their intent.

Each takes an open session and never commits: the caller's use case is one transaction (see db.transaction).
Rows come back as the SQLModel classes of storage.models, or as plain rows where an ingest reads or writes
many at once (each function says which); storage imports nothing from bot/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Row, Select, Table, bindparam, func, insert, or_, union_all
from sqlalchemy import select as select_columns
from sqlmodel import Session, SQLModel, col, select

from storage.db import count_up
from storage.models import (
    ClaimRow,
    DocumentRow,
    DocumentTermRow,
    RelationRow,
    TermFrequencyRow,
    utcnow,
)


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def find_document(session: Session, *, url: str | None, content_hash: str) -> DocumentRow | None:
    """The document already recorded with this canonical URL or this content hash, if any."""
    # A None url compares as NULL and matches nothing: one statement serves both cases.
    parameters = {"content_hash": content_hash, "url": url or None}
    return session.exec(_FIND_DOCUMENT, params=parameters).first()


_FIND_DOCUMENT = (
    select(DocumentRow)
    .where(
        or_(
            col(DocumentRow.content_hash) == bindparam("content_hash"),
            col(DocumentRow.url) == bindparam("url"),
        )
    )
    .limit(1)
)


def add_document(session: Session, *, document: DocumentRow, terms: Iterable[str]) -> DocumentRow:
    """Record a document and the names it mentions; returns it with its id."""
    session.add(document)
    session.flush()
    assert document.id is not None
    names = sorted({term[:120] for term in terms})
    if names:
        # Plain rows in one statement: a document has dozens of names, and ORM objects cost more than writing.
        session.connection().execute(
            insert(_table(DocumentTermRow)),
            [{"document_id": document.id, "term": term, "published": document.published} for term in names],
        )
    count_up(
        session, _table(TermFrequencyRow), key="term", counter="documents", amounts=dict.fromkeys(names, 1)
    )
    return document


def add_claims(session: Session, *, claims: Sequence[Mapping[str, Any]]) -> list[Row[Any]]:
    """Record claims given as column values (`created_at` may be left out); returns them as rows of every
    claim column, with their ids, in the order given. INSERT … RETURNING of plain rows (SQLAlchemy core):
    an ingest records dozens, and ORM objects cost more than the write."""
    if not claims:
        return []
    now = utcnow()
    values = [{"created_at": now, **claim} for claim in claims]
    table = _table(ClaimRow)
    statement = insert(table).returning(*table.columns, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, values).all())


class CandidateKey(NamedTuple):
    """What a look-up returns of each candidate claim: enough to tell whether it is compared at all, and to
    check a figure built earlier from the same claim (claim_rows reads the whole claim). A plain tuple: a
    look-up returns hundreds, and each is read several times."""

    id: int
    document_id: int
    position: int
    value: float | None
    quantity: str
    dimension: str | None
    sides: str
    subset: bool
    tense: str


_CANDIDATE_COLUMNS = tuple(col(getattr(ClaimRow, name)) for name in CandidateKey._fields)

# A whole claim: every claim column but its creation time, and its document's under `document_*` names.
_CLAIM_COLUMNS = (
    *(column for column in _table(ClaimRow).columns if column.name != "created_at"),
    col(DocumentRow.source).label("document_source"),
    col(DocumentRow.url).label("document_url"),
    col(DocumentRow.published).label("document_published"),
    col(DocumentRow.title).label("document_title"),
)


def candidate_claims(
    session: Session,
    *,
    terms: Iterable[str],
    around: datetime | None,
    window: timedelta,
    exclude_document_id: int | None = None,
    max_documents: int = 40,
    postings_budget: int = 400,
) -> list[CandidateKey]:
    """Recorded claims that could be about the same quantities: every claim of the
    `max_documents` documents that share the most names with the new one (the newest first among equals),
    published within `window` of `around` (or undated). Names are read rarest first, up to
    `postings_budget` documents' worth (see rarest_terms), and of each name the `postings_budget`
    documents recorded last within the window. Indexed look-ups only: the work is bounded by the budget,
    not by the size of the database.

    Narrow rows (CandidateKey), not ORM objects; the caller reads the whole claims it keeps with
    claim_rows."""
    term_list = rarest_terms(session, terms=terms, budget=postings_budget)
    if not term_list:
        return []
    parameters: dict[str, Any] = {f"term_{n}": term for n, term in enumerate(term_list)}
    parameters |= {
        "budget": postings_budget,
        "max_documents": max_documents,
        "exclude": exclude_document_id if exclude_document_id is not None else -1,
    }
    if around is not None:
        parameters |= {"earliest": around - window, "latest": around + window}
    statement = _candidate_statement(len(term_list), dated=around is not None)
    return [CandidateKey(*row) for row in session.connection().execute(statement, parameters)]


@lru_cache(maxsize=64)
def _candidate_statement(term_count: int, *, dated: bool) -> Select[Any]:
    """The candidate query for `term_count` names, built once: building it costs more than running it."""
    # Each name's newest postings in the window (one index, read backwards), then the documents they share.
    postings = []
    for n in range(term_count):
        newest = (
            select(DocumentTermRow.document_id)
            .where(col(DocumentTermRow.term) == bindparam(f"term_{n}"))
            .where(col(DocumentTermRow.document_id) != bindparam("exclude"))
        )
        if dated:
            newest = newest.where(
                or_(
                    col(DocumentTermRow.published).is_(None),
                    col(DocumentTermRow.published).between(bindparam("earliest"), bindparam("latest")),
                )
            )
        newest = newest.order_by(col(DocumentTermRow.document_id).desc()).limit(bindparam("budget"))
        postings.append(select_columns(newest.subquery().c.document_id))
    posting = union_all(*postings).subquery()
    shared = func.count().label("shared")
    sharing = select_columns(posting.c.document_id, shared).group_by(posting.c.document_id)
    nearest = (
        sharing.order_by(shared.desc(), posting.c.document_id.desc()).limit(bindparam("max_documents"))
    ).subquery()
    return (
        select_columns(*_CANDIDATE_COLUMNS)
        .join(nearest, nearest.c.document_id == col(ClaimRow.document_id))
        .order_by(nearest.c.shared.desc(), col(ClaimRow.id).desc())
    )


_TERM_COUNTS = select_columns(col(TermFrequencyRow.term), col(TermFrequencyRow.documents)).where(
    col(TermFrequencyRow.term).in_(bindparam("terms", expanding=True))
)


def rarest_terms(session: Session, *, terms: Iterable[str], budget: int) -> list[str]:
    """The terms to look candidates up by: the rarest first, while the documents they name add up to no
    more than `budget` (always the rarest one, however common). A name no recorded document has is
    dropped: it cannot find anything."""
    wanted = sorted({term[:120] for term in terms})
    if not wanted:
        return []
    counts = session.connection().execute(_TERM_COUNTS, {"terms": wanted}).all()
    chosen: list[str] = []
    total = 0
    for term, documents in sorted(counts, key=lambda row: (row[1], row[0])):
        if documents <= 0:
            continue
        if chosen and total + documents > budget:
            break
        chosen.append(term)
        total += documents
    return chosen


class RelationValues(Protocol):
    """What `add_relations` records of a relation (a RelationRow has it, and so has a lighter object)."""

    @property
    def kind(self) -> str: ...
    @property
    def claim_a_id(self) -> int: ...
    @property
    def claim_b_id(self) -> int: ...
    @property
    def why(self) -> str: ...


def add_relations(session: Session, *, relations: Sequence[RelationValues]) -> list[Row[Any]]:
    """Record relations, skipping pairs already related (in either order). Returns the ones added, in the
    order given, as rows of `id, kind, claim_a_id, claim_b_id, why`: an ingest records dozens,
    and building ORM objects for them cost more than writing them."""
    ids = {r.claim_a_id for r in relations} | {r.claim_b_id for r in relations}
    if not ids:
        return []
    existing = session.connection().execute(_RELATED_PAIRS, {"ids": sorted(ids)}).all()
    seen = {frozenset(pair) for pair in existing}
    values: list[dict[str, Any]] = []
    now = utcnow()
    for relation in relations:
        pair = frozenset((relation.claim_a_id, relation.claim_b_id))
        if pair not in seen:
            seen.add(pair)
            values.append(
                {
                    "kind": relation.kind,
                    "claim_a_id": relation.claim_a_id,
                    "claim_b_id": relation.claim_b_id,
                    "why": relation.why,
                    "created_at": now,
                }
            )
    if not values:
        return []
    table = _table(RelationRow)
    returned = (table.c.id, table.c.kind, table.c.claim_a_id, table.c.claim_b_id, table.c.why)
    statement = insert(table).returning(*returned, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, values).all())


# Pairs of claims already related among some claims.
_RELATED_PAIRS = select_columns(col(RelationRow.claim_a_id), col(RelationRow.claim_b_id)).where(
    col(RelationRow.claim_a_id).in_(bindparam("ids", expanding=True)),
    col(RelationRow.claim_b_id).in_(bindparam("ids", expanding=True)),
)


def claim_rows(session: Session, *, claim_ids: Iterable[int]) -> list[Row[Any]]:
    """Claims by id as plain rows: every claim column but `created_at`, and the document's as
    `document_source`, `document_url`, `document_published`, `document_title`. In no set order."""
    ids = sorted(set(claim_ids))
    if not ids:
        return []
    return list(session.connection().execute(_CLAIM_ROWS, {"ids": ids}).all())


_CLAIM_ROWS = (
    select_columns(*_CLAIM_COLUMNS)
    .join(DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id))
    .where(col(ClaimRow.id).in_(bindparam("ids", expanding=True)))
)


def document_claims(session: Session, *, document_id: int) -> list[ClaimRow]:
    """The claims of one document, in text order."""
    query = select(ClaimRow).where(col(ClaimRow.document_id) == document_id).order_by(col(ClaimRow.position))
    return list(session.exec(query).all())


def document_relations(session: Session, *, document_id: int) -> list[RelationRow]:
    """Relations that involve a claim of this document."""
    ids = select(ClaimRow.id).where(col(ClaimRow.document_id) == document_id)
    query = (
        select(RelationRow)
        .where(or_(col(RelationRow.claim_a_id).in_(ids), col(RelationRow.claim_b_id).in_(ids)))
        .order_by(col(RelationRow.id))
    )
    return list(session.exec(query).all())


def conflicts_of(
    session: Session, *, claim_ids: Iterable[int], not_with: Iterable[int] = (), limit: int
) -> list[RelationRow]:
    """Recorded conflicts that involve one of `claim_ids` and none of `not_with`, newest first."""
    ids = sorted(set(claim_ids))
    if not ids:
        return []
    parameters = {"ids": ids, "others": sorted(set(not_with)), "limit": limit}
    return list(session.exec(_CONFLICTS_OF, params=parameters).all())


_CONFLICTS_OF = (
    select(RelationRow)
    .where(col(RelationRow.kind) == "conflict")
    .where(
        or_(
            col(RelationRow.claim_a_id).in_(bindparam("ids", expanding=True)),
            col(RelationRow.claim_b_id).in_(bindparam("ids", expanding=True)),
        )
    )
    .where(
        col(RelationRow.claim_a_id).not_in(bindparam("others", expanding=True)),
        col(RelationRow.claim_b_id).not_in(bindparam("others", expanding=True)),
    )
    .order_by(col(RelationRow.id).desc())
    .limit(bindparam("limit"))
)


def latest_relations(
    session: Session, *, kinds: Sequence[str] | None = None, limit: int | None = None
) -> list[RelationRow]:
    """Relations, newest first, optionally of some kinds only."""
    query = select(RelationRow).order_by(col(RelationRow.id).desc())
    if kinds:
        query = query.where(col(RelationRow.kind).in_(list(kinds)))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query).all())


def latest_claims(session: Session, *, limit: int) -> list[tuple[ClaimRow, DocumentRow]]:
    """The most recently recorded claims, newest first, each with its document."""
    query = (
        select(ClaimRow, DocumentRow)
        .join(DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id))
        .order_by(col(ClaimRow.id).desc())
        .limit(limit)
    )
    return [(claim, document) for claim, document in session.exec(query).all()]


# Where a claim says what it counts and of what event: the columns a topic's words are looked for in.
_TOPIC_COLUMNS = (
    ClaimRow.quantity,
    ClaimRow.counted,
    ClaimRow.head,
    ClaimRow.predicate,
    ClaimRow.modifiers,
    ClaimRow.event,
    ClaimRow.scope,
    ClaimRow.sides,
    ClaimRow.sentence,
)


def topic_claim_rows(session: Session, *, words: Sequence[str], limit: int) -> list[Row[Any]]:
    """Claims (as claim_rows rows, newest first, at most `limit`) that hold each of `words` somewhere in
    what they count, their event, places, sides or sentence, not as parts of another figure nor as
    projections. A wide filter (any substring, either case of the first letter): the caller checks that
    each word begins a word. SQLite's case folding is ASCII only, hence both cases of a word's start."""
    query = select_columns(*_CLAIM_COLUMNS).join(
        DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id)
    )
    for word in words:
        shapes = {word, word[:1].upper() + word[1:]}
        patterns = [
            "%" + shape.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for shape in shapes
        ]
        query = query.where(
            or_(*(col(column).ilike(p, escape="\\") for column in _TOPIC_COLUMNS for p in sorted(patterns)))
        )
    query = (
        query.where(col(ClaimRow.subset).is_(False), col(ClaimRow.tense) != "projection")
        .order_by(col(ClaimRow.id).desc())
        .limit(limit)
    )
    return list(session.connection().execute(query).all())


def claim_rows_of_documents(session: Session, *, document_ids: Iterable[int]) -> list[Row[Any]]:
    """The claims of these documents as claim_rows rows, by document then text order."""
    ids = sorted(set(document_ids))
    if not ids:
        return []
    query = (
        select_columns(*_CLAIM_COLUMNS)
        .join(DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id))
        .where(col(ClaimRow.document_id).in_(ids))
        .order_by(col(ClaimRow.document_id), col(ClaimRow.position), col(ClaimRow.id))
    )
    return list(session.connection().execute(query).all())


def relations_of_documents(session: Session, *, document_ids: Iterable[int]) -> list[RelationRow]:
    """Relations that involve a claim of any of these documents, oldest first."""
    ids = sorted(set(document_ids))
    if not ids:
        return []
    claims = select(ClaimRow.id).where(col(ClaimRow.document_id).in_(ids))
    query = (
        select(RelationRow)
        .where(or_(col(RelationRow.claim_a_id).in_(claims), col(RelationRow.claim_b_id).in_(claims)))
        .order_by(col(RelationRow.id))
    )
    return list(session.exec(query).all())
