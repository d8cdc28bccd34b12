"""SQLModel tables. Times are timezone-aware UTC; every table has a one-line comment on what a row is."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _utc_column(*, index: bool = False, nullable: bool = True) -> Column[datetime]:
    return Column(DateTime(timezone=True), index=index, nullable=nullable)


# One ingested text (article, post, statement), recognised again by canonical URL or content hash.
class DocumentRow(SQLModel, table=True):
    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=300)
    url: str | None = Field(default=None, max_length=2000, unique=True)
    title: str | None = Field(default=None, max_length=1000)
    published: datetime | None = Field(default=None, sa_column=_utc_column(index=True))
    lang: str = Field(default="en", max_length=16)
    kind: str = Field(default="pasted_text", max_length=32)
    content_hash: str = Field(max_length=64, unique=True)
    text: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# One figure found in a document: the claim frame (value, interval, unit, counted, claimant, moment).
class ClaimRow(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_quantity_moment", "quantity", "moment"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = Field(default=None, max_length=32)
    dimension: str | None = Field(default=None, max_length=32)
    base_low: float | None = None
    base_high: float | None = None
    quantity: str = Field(max_length=64)
    counted: str = Field(max_length=300)
    qualifier: str | None = Field(default=None, max_length=32)
    sides: str = Field(default="", max_length=300)  # comma-separated, sorted
    scope: str = Field(default="", max_length=300)  # comma-separated, sorted
    event: str = Field(default="", max_length=500)  # comma-separated, sorted
    claimant: str | None = Field(default=None, max_length=300)
    quote: str = Field(max_length=1000)
    sentence: str
    position: int
    moment: date | None = Field(default=None)
    tense: str = Field(default="current", max_length=16)
    subset: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# A decision between two claims (conflict / update / corroboration), with the evidence why.
class RelationRow(SQLModel, table=True):
    __tablename__ = "relation"
    __table_args__ = (UniqueConstraint("claim_a_id", "claim_b_id", name="uq_relation_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16, index=True)
    claim_a_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    claim_b_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    why: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True, nullable=False))


# A name (place, person, organisation, event) a document mentions: the index that finds candidate claims.
class DocumentTermRow(SQLModel, table=True):
    __tablename__ = "document_term"
    __table_args__ = (Index("ix_document_term_term", "term", "document_id"),)

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    term: str = Field(max_length=120, primary_key=True)

