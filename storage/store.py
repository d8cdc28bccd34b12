"""Storage functions for documents, claims and relations: keyword-only, named for their intent.

Each takes an open session and never commits: the caller's use case is one transaction (see db.transaction).
Rows come back as the SQLModel classes of storage.models; storage imports nothing from bot/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, func, or_
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from storage.models import ClaimRow, DocumentRow, DocumentTermRow, RelationRow


def find_document(session: Session, *, url: str | None, content_hash: str) -> DocumentRow | None:
    """The document already recorded with this canonical URL or this content hash, if any."""
    condition = col(DocumentRow.content_hash) == content_hash
    if url:
        condition = or_(condition, col(DocumentRow.url) == url)
    return session.exec(select(DocumentRow).where(condition).limit(1)).first()


def add_document(session: Session, *, document: DocumentRow, terms: Iterable[str]) -> DocumentRow:
    """Record a document and the names it mentions; returns it with its id."""
    session.add(document)
    session.flush()
    assert document.id is not None
    for term in sorted(set(terms)):
        session.add(DocumentTermRow(document_id=document.id, term=term[:120]))
    return document


def add_claims(session: Session, *, claims: Sequence[ClaimRow]) -> list[ClaimRow]:
    """Record claims; returns them with their ids, in the order given."""
    session.add_all(claims)
    session.flush()
    return list(claims)


# Columns of a candidate claim: every claim column, and the document's under `document_*` names.
_CANDIDATE_COLUMNS = (
    *ClaimRow.__table__.columns,  # type: ignore[attr-defined]
    col(DocumentRow.source).label("document_source"),
    col(DocumentRow.url).label("document_url"),
    col(DocumentRow.published).label("document_published"),
    col(DocumentRow.title).label("document_title"),
)


def candidate_claims(
    session: Session,
    *,
    quantities: Iterable[str],
    terms: Iterable[str],
    around: datetime | None,
    window: timedelta,
    exclude_document_id: int | None = None,
    max_documents: int = 40,
) -> list[Row[Any]]:
    """Recorded claims that could be about the same quantities: same quantity key, in one of the
    `max_documents` documents that share the most names with the new one (the newest first among equals),
    published within `window` of `around` (or undated). Indexed look-ups only.

    Rows, not ORM objects (a look-up reads hundreds): the claim's columns by name, and the document's as
    `document_source`, `document_url`, `document_published`, `document_title`."""
    quantity_list = sorted(set(quantities))
    term_list = sorted(set(terms))
    if not quantity_list or not term_list:
        return []
    shared = func.count().label("shared")
    sharing = (
        select(DocumentTermRow.document_id, shared)
        .where(col(DocumentTermRow.term).in_(term_list))
        .group_by(col(DocumentTermRow.document_id))
    )
    if exclude_document_id is not None:
        sharing = sharing.where(col(DocumentTermRow.document_id) != exclude_document_id)
    if around is not None:
        dated = select(DocumentRow.id).where(
            or_(
                col(DocumentRow.published).is_(None),
                col(DocumentRow.published).between(around - window, around + window),
            )
        )
        sharing = sharing.where(col(DocumentTermRow.document_id).in_(dated))
    nearest = (
        sharing.order_by(shared.desc(), col(DocumentTermRow.document_id).desc()).limit(max_documents)
    ).subquery()
    query = (
        select_columns(*_CANDIDATE_COLUMNS)
        .join(nearest, nearest.c.document_id == col(ClaimRow.document_id))
        .join(DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id))
        .where(col(ClaimRow.quantity).in_(quantity_list))
        .order_by(nearest.c.shared.desc(), col(ClaimRow.id).desc())
    )
    return list(session.connection().execute(query).all())


def add_relations(session: Session, *, relations: Sequence[RelationRow]) -> list[RelationRow]:
    """Record relations, skipping pairs already related (in either order); returns the ones added."""
    ids = {r.claim_a_id for r in relations} | {r.claim_b_id for r in relations}
    if not ids:
        return []
    id_list = sorted(ids)
    existing = session.exec(
        select(RelationRow.claim_a_id, RelationRow.claim_b_id).where(
            col(RelationRow.claim_a_id).in_(id_list), col(RelationRow.claim_b_id).in_(id_list)
        )
    ).all()
    seen = {frozenset(pair) for pair in existing}
    added: list[RelationRow] = []
    for relation in relations:
        pair = frozenset((relation.claim_a_id, relation.claim_b_id))
        if pair not in seen:
            seen.add(pair)
            added.append(relation)
    session.add_all(added)
    session.flush()
    return added


def claims_with_documents(
    session: Session, *, claim_ids: Iterable[int]
) -> dict[int, tuple[ClaimRow, DocumentRow]]:
    """Claims by id, each with its document."""
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(ClaimRow, DocumentRow)
        .join(DocumentRow, col(DocumentRow.id) == col(ClaimRow.document_id))
        .where(col(ClaimRow.id).in_(ids))
    ).all()
    return {claim.id: (claim, document) for claim, document in rows if claim.id is not None}


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
