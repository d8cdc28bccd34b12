"""Storage functions for what a chat agreed to: its recording choice, texts held until it chooses, the
"Who published this?" it was asked, and each user's submissions for the hourly limit.

Keyword-only, named for their intent; each takes an open session and never commits (the caller's use case is
one transaction, see db.transaction). Imports nothing from bot/.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from storage.db import insert_if_absent
from storage.models import (
    ChatChoiceRow,
    DocumentRow,
    HeldTextRow,
    SourcePromptRow,
    UserSubmissionRow,
)


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


# -- the recording choice -----------------------------------------------------------------------------------


def chat_choice(session: Session, *, chat_id: int) -> ChatChoiceRow | None:
    """The chat's row: None if it was never asked."""
    return session.get(ChatChoiceRow, chat_id)


def mark_asked(session: Session, *, chat_id: int, at: datetime) -> bool:
    """Note that the chat is being asked; False if it was asked already (even concurrently)."""
    values = {"chat_id": chat_id, "records": None, "asked_at": at, "decided_at": None}
    return insert_if_absent(session, ChatChoiceRow.__table__, values)  # type: ignore[attr-defined]


def set_choice(session: Session, *, chat_id: int, records: bool, at: datetime) -> None:
    mark_asked(session, chat_id=chat_id, at=at)
    session.execute(
        update(ChatChoiceRow)
        .where(col(ChatChoiceRow.chat_id) == chat_id)
        .values(records=records, decided_at=at)
    )


def remove_choice(session: Session, *, chat_id: int) -> int:
    return _rowcount(session.execute(delete(ChatChoiceRow).where(col(ChatChoiceRow.chat_id) == chat_id)))


# -- held texts ---------------------------------------------------------------------------------------------


def hold_text(session: Session, *, held: HeldTextRow) -> int:
    """Keep a text back; returns its id."""
    session.add(held)
    session.flush()
    assert held.id is not None
    return held.id


def held_texts(
    session: Session, *, chat_id: int, purpose: str, held_id: int | None = None
) -> list[HeldTextRow]:
    """The chat's held texts of `purpose` (only `held_id`, if given), oldest first."""
    query = select(HeldTextRow).where(
        col(HeldTextRow.chat_id) == chat_id, col(HeldTextRow.purpose) == purpose
    )
    if held_id is not None:
        query = query.where(col(HeldTextRow.id) == held_id)
    return list(session.exec(query.order_by(col(HeldTextRow.id))).all())


def release_held(session: Session, *, held_id: int) -> None:
    """A held text is recorded (or refused): it is no longer held."""
    session.execute(delete(HeldTextRow).where(col(HeldTextRow.id) == held_id))


def remove_held(session: Session, *, chat_id: int, purpose: str | None = None) -> int:
    query = delete(HeldTextRow).where(col(HeldTextRow.chat_id) == chat_id)
    if purpose is not None:
        query = query.where(col(HeldTextRow.purpose) == purpose)
    return _rowcount(session.execute(query))


def prune_held(session: Session, *, purpose: str, before: datetime) -> int:
    query = delete(HeldTextRow).where(
        col(HeldTextRow.purpose) == purpose, col(HeldTextRow.created_at) < before
    )
    return _rowcount(session.execute(query))


# -- "Who published this?" ----------------------------------------------------------------------------------


def set_source_prompt(
    session: Session, *, chat_id: int, message_id: int, document_id: int, at: datetime
) -> None:
    """The chat's one open question: a newer one replaces the one before."""
    session.execute(delete(SourcePromptRow).where(col(SourcePromptRow.chat_id) == chat_id))
    session.add(
        SourcePromptRow(chat_id=chat_id, message_id=message_id, document_id=document_id, created_at=at)
    )
    session.flush()


def take_source_prompt(
    session: Session, *, chat_id: int, message_id: int | None = None, document_id: int | None = None
) -> int | None:
    """Close the chat's open question, only if it was asked in `message_id` or about `document_id` when
    given (an older answer's button leaves a newer question open): its document."""
    row = session.get(SourcePromptRow, chat_id)
    if row is None or (message_id is not None and row.message_id != message_id):
        return None
    if document_id is not None and row.document_id != document_id:
        return None
    session.delete(row)
    session.flush()
    return row.document_id


def rename_document(session: Session, *, document_id: int, source: str) -> bool:
    """Set a document's source; False if there is no such document (any more)."""
    result = session.execute(
        update(DocumentRow).where(col(DocumentRow.id) == document_id).values(source=source)
    )
    return _rowcount(result) > 0


def remove_source_prompt(session: Session, *, chat_id: int) -> int:
    return _rowcount(session.execute(delete(SourcePromptRow).where(col(SourcePromptRow.chat_id) == chat_id)))


# -- a user's pace ------------------------------------------------------------------------------------------


def user_submissions_since(session: Session, *, user_id: int, since: datetime) -> list[datetime]:
    """When the user sent each submission after `since`, oldest first."""
    query = (
        select(UserSubmissionRow.at)
        .where(col(UserSubmissionRow.user_id) == user_id, col(UserSubmissionRow.at) > since)
        .order_by(col(UserSubmissionRow.at))
    )
    return list(session.exec(query).all())


def add_user_submissions(session: Session, *, user_id: int, at: datetime, count: int) -> None:
    session.add_all([UserSubmissionRow(user_id=user_id, at=at) for _ in range(count)])
    session.flush()


def prune_user_submissions(session: Session, *, before: datetime) -> int:
    return _rowcount(session.execute(delete(UserSubmissionRow).where(col(UserSubmissionRow.at) < before)))


def count_held(session: Session, *, chat_id: int) -> int:
    query = select(func.count()).select_from(HeldTextRow).where(col(HeldTextRow.chat_id) == chat_id)
    return int(session.exec(query).one())
