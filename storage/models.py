"""SQLModel tables. Times are timezone-aware UTC; every table has a one-line comment on what a row is.

Every string column is a `BoundedText`: what is written is cut to the column's length and has no NUL, on
every engine, so SQLite (which enforces neither) and PostgreSQL (which refuses both) store the same thing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Dialect, Index, MetaData, String, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import AutoString, Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out on every engine (SQLite stores no zone and hands back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class BoundedText(TypeDecorator[str]):
    """A string column's one gate: NUL becomes U+FFFD (same length: offsets into a text stay true) and the
    value is cut to the column's length, for inserts, updates and comparisons alike."""

    impl = String
    cache_ok = True

    def __init__(self, length: int | None = None) -> None:
        super().__init__(length)
        self.length = length

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        value = value.replace("\x00", "\ufffd")
        return value[: self.length] if self.length else value


def bound_strings(metadata: MetaData) -> None:
    """Give every plain string column of `metadata` the BoundedText gate (the DDL is unchanged)."""
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, String | AutoString):
                column.type = BoundedText(column.type.length)


def _utc_column(*, index: bool = False, nullable: bool = True) -> Column[datetime]:
    return Column(UTCDateTime(), index=index, nullable=nullable)


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
    # What is measured, in the text's words: counted noun's lemma, predicate, narrowing words, owner.
    head: str = Field(default="", max_length=120)
    predicate: str = Field(default="", max_length=120)
    modifiers: str = Field(default="", max_length=300)  # comma-separated, sorted
    owner: str | None = Field(default=None, max_length=200)
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
# The document's publication time is copied here so that a look-up reads one index, not the documents too.
class DocumentTermRow(SQLModel, table=True):
    __tablename__ = "document_term"
    __table_args__ = (Index("ix_document_term_term", "term", "document_id", "published"),)

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    term: str = Field(max_length=120, primary_key=True)
    published: datetime | None = Field(default=None, sa_column=_utc_column())


# How many documents mention a name: a look-up reads the postings of a document's rarer names first, so that
# a name in every other article ("Ukraine") does not make every article a candidate.
class TermFrequencyRow(SQLModel, table=True):
    __tablename__ = "term_frequency"

    term: str = Field(max_length=120, primary_key=True)
    documents: int = 0


# --- the Telegram side: ledger of updates, who wants which alerts, the outbox, votes, who sent what ---------


# One Telegram update as received, recorded before a handler acts on it; unfinished ones re-run at start.
class IncomingUpdateRow(SQLModel, table=True):
    __tablename__ = "incoming_update"
    __table_args__ = (Index("ix_incoming_update_status", "status", "update_id"),)

    update_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    chat_id: int | None = Field(default=None, index=True, sa_type=BigInteger)
    payload: str  # the update as Telegram's JSON, to rebuild it after a crash
    status: str = Field(default="received", max_length=16)  # received | done | failed
    attempts: int = 0
    received_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=_utc_column())
    claimed_by: str = Field(default="", max_length=120)  # the bot process handling it (host:port)
    claimed_at: datetime | None = Field(default=None, sa_column=_utc_column())


# A chat's wish to be alerted on conflicts whose words match (`words` empty: every conflict).
class SubscriptionRow(SQLModel, table=True):
    __tablename__ = "subscription"
    __table_args__ = (UniqueConstraint("chat_id", "words", name="uq_subscription_chat_words"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)  # Telegram chat ids need 64 bits
    words: str = Field(default="", max_length=300)  # casefolded words joined by one space; "" = all
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# A chat following one story, from an "Alert me" button: one quantity (what is counted, for which sides) of
# one event or place (its names). Follows made before stories had no names: they follow the quantity anywhere.
class FollowRow(SQLModel, table=True):
    __tablename__ = "follow"
    __table_args__ = (
        UniqueConstraint("chat_id", "quantity", "sides", "names", name="uq_follow_chat_story"),
        Index("ix_follow_quantity", "quantity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)
    quantity: str = Field(max_length=64)
    sides: str = Field(default="", max_length=300)  # comma-separated, sorted; "" = figures of no side
    names: str = Field(default="", max_length=300)  # the story's names, comma-separated, sorted; "" = any
    event: str = Field(default="", max_length=64)  # what happened, in the text's word ("earthquake"), or ""
    label: str = Field(max_length=300)  # what the text called the quantity ("POWs handed over")
    claim_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# One alert to send: a chat, the relation it is about, its text, what it matched; never two rows for one
# (chat, relation).
class OutboxRow(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("chat_id", "relation_id", name="uq_outbox_chat_relation"),
        Index("ix_outbox_status_id", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)
    relation_id: int = Field(foreign_key="relation.id", index=True, ondelete="CASCADE")
    batch: str = Field(max_length=64)  # rows written by one ingest for one chat go out as one message
    text: str  # HTML block for this relation; the sender adds the header
    kind: str = Field(default="conflict", max_length=16)  # the relation's kind: conflict | update
    # What made the chat want it (one of the two; NULL once that follow or subscription is gone).
    follow_id: int | None = Field(default=None, foreign_key="follow.id", ondelete="SET NULL")
    subscription_id: int | None = Field(default=None, foreign_key="subscription.id", ondelete="SET NULL")
    status: str = Field(default="pending", max_length=16)  # pending | sent | dropped | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column())
    claimed_by: str = Field(default="", max_length=120)  # the bot process sending it (while pending)
    claimed_at: datetime | None = Field(default=None, sa_column=_utc_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# A chat's vote on whether a relation was right (+1 / -1); one vote per chat and relation.
class FeedbackRow(SQLModel, table=True):
    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("relation_id", "chat_id", name="uq_feedback_relation_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    relation_id: int = Field(foreign_key="relation.id", index=True, ondelete="CASCADE")
    chat_id: int = Field(index=True, sa_type=BigInteger)
    vote: int
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# Who sent what: a chat that submitted a document (for /forget, and to keep its own figures out of alerts).
class SubmissionRow(SQLModel, table=True):
    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("chat_id", "document_id", name="uq_submission_chat_document"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# --- what a chat agreed to, texts held until it does, the outlet the bot asked for, a user's pace -------


# A chat's answer to "may your texts be recorded as public sources?"; the row exists once it was asked.
class ChatChoiceRow(SQLModel, table=True):
    __tablename__ = "chat_choice"

    chat_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    records: bool | None = None  # None: asked, not answered yet; False: only check, never record
    asked_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=_utc_column())


# A text a chat sent that is not recorded (yet): sent before the chat chose (purpose "consent"), or a
# question it may still call a source (purpose "question"). Deleted once recorded, refused or forgotten.
class HeldTextRow(SQLModel, table=True):
    __tablename__ = "held_text"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)
    purpose: str = Field(max_length=16)
    body: str
    html: bool = False  # an .html file: read as a page when it is recorded
    source: str = Field(max_length=300)
    source_given: bool = True
    url: str | None = Field(default=None, max_length=2000)
    published: datetime | None = Field(default=None, sa_column=_utc_column())
    kind: str = Field(default="pasted_text", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True, nullable=False))


# The answer that asked a chat "Who published this?": a reply to that message names the document's source.
class SourcePromptRow(SQLModel, table=True):
    __tablename__ = "source_prompt"

    chat_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    message_id: int = Field(sa_type=BigInteger)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


# One text or link a user sent to be checked, for the per-user limit; rows older than its window go.
class UserSubmissionRow(SQLModel, table=True):
    __tablename__ = "user_submission"
    __table_args__ = (Index("ix_user_submission_user_at", "user_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_type=BigInteger)
    at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True, nullable=False))


# A chat's language: the one chosen with /language, and the one last seen from its users (Telegram's
# language_code), for alerts sent to it when no one there asked anything.
class ChatSettingsRow(SQLModel, table=True):
    __tablename__ = "chat_settings"

    chat_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    language: str | None = Field(default=None, max_length=8)  # en | ru | uk; None: not chosen
    seen_language: str | None = Field(default=None, max_length=8)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(nullable=False))


bound_strings(SQLModel.metadata)  # part of defining the tables above, like their classes
