"""Storage functions for the Telegram side: updates, subscriptions, follows, outbox, feedback, submissions.

Keyword-only, named for their intent; each takes an open session and never commits (the caller's use case is
one transaction, see db.transaction). Imports nothing from bot/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, or_, update
from sqlmodel import Session, col, select

from storage.db import claim_lock, count_up, insert_if_absent, skip_locked, upsert
from storage.models import (
    ChatSettingsRow,
    ClaimRow,
    DocumentRow,
    DocumentTermRow,
    FeedbackRow,
    FollowRow,
    IncomingUpdateRow,
    OutboxRow,
    RelationRow,
    SubmissionRow,
    SubscriptionRow,
    TermFrequencyRow,
    utcnow,
)

# -- incoming updates ---------------------------------------------------------------------------------------


def get_update(session: Session, *, update_id: int) -> IncomingUpdateRow | None:
    return session.get(IncomingUpdateRow, update_id)


def add_update(session: Session, *, update_id: int, chat_id: int | None, payload: str) -> IncomingUpdateRow:
    row = IncomingUpdateRow(update_id=update_id, chat_id=chat_id, payload=payload, attempts=1)
    session.add(row)
    session.flush()
    return row


def insert_update(
    session: Session,
    *,
    update_id: int,
    chat_id: int | None,
    payload: str,
    owner: str,
    at: datetime,
    attempts: int = 1,
) -> bool:
    """Record an update claimed by `owner` (`attempts` 0: fetched, not yet begun); False if it was recorded
    already (even concurrently)."""
    values = {
        "update_id": update_id,
        "chat_id": chat_id,
        "payload": payload,
        "status": "received",
        "attempts": attempts,
        "received_at": at,
        "claimed_by": owner,
        "claimed_at": at,
    }
    return insert_if_absent(session, IncomingUpdateRow.__table__, values)  # type: ignore[attr-defined]


def take_over_update(
    session: Session, *, update_id: int, owner: str, stale_before: datetime, at: datetime
) -> bool:
    """Claim an unfinished update for `owner` (another attempt) if it is `owner`'s own from an earlier run,
    unclaimed, or claimed before `stale_before` (its process died); False if a live process has it."""
    result = session.execute(
        update(IncomingUpdateRow)
        .where(col(IncomingUpdateRow.update_id) == update_id)
        .where(col(IncomingUpdateRow.status) == "received")
        .where(_claim_lapsed(IncomingUpdateRow, owner=owner, stale_before=stale_before))
        .values(claimed_by=owner, claimed_at=at, attempts=col(IncomingUpdateRow.attempts) + 1)
    )
    return bool(getattr(result, "rowcount", 0))


def _claim_lapsed(
    table: type[IncomingUpdateRow] | type[OutboxRow], *, owner: str, stale_before: datetime
) -> ColumnElement[bool]:
    return or_(
        col(table.claimed_by) == owner,
        col(table.claimed_by) == "",
        col(table.claimed_at).is_(None),
        col(table.claimed_at) < stale_before,
    )


def finish_updates(session: Session, *, update_ids: Iterable[int], status: str, at: datetime) -> None:
    ids = sorted(set(update_ids))
    if ids:
        session.execute(
            update(IncomingUpdateRow)
            .where(col(IncomingUpdateRow.update_id).in_(ids))
            .values(status=status, finished_at=at)
        )


def delete_updates(session: Session, *, update_ids: Iterable[int]) -> None:
    ids = sorted(set(update_ids))
    if ids:
        session.execute(delete(IncomingUpdateRow).where(col(IncomingUpdateRow.update_id).in_(ids)))


def remove_chat_updates(session: Session, *, chat_id: int) -> int:
    """Delete a chat's handled updates (unhandled ones are deleted or finished when handled)."""
    result = session.execute(
        delete(IncomingUpdateRow)
        .where(col(IncomingUpdateRow.chat_id) == chat_id)
        .where(col(IncomingUpdateRow.status) != "received")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def unfinished_updates(
    session: Session, *, limit: int, owner: str | None = None, stale_before: datetime | None = None
) -> list[IncomingUpdateRow]:
    """Updates recorded but never finished, oldest first; with `owner`, only those no live process of
    another owner is handling (see take_over_update)."""
    query = (
        select(IncomingUpdateRow)
        .where(col(IncomingUpdateRow.status) == "received")
        .order_by(col(IncomingUpdateRow.update_id))
        .limit(limit)
    )
    if owner is not None and stale_before is not None:
        query = query.where(_claim_lapsed(IncomingUpdateRow, owner=owner, stale_before=stale_before))
    return list(session.exec(query).all())


def prune_updates(session: Session, *, finished_before: datetime) -> int:
    result = session.execute(
        delete(IncomingUpdateRow)
        .where(col(IncomingUpdateRow.status) != "received")
        .where(col(IncomingUpdateRow.finished_at) < finished_before)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- subscriptions and follows -------------------------------------------------------------------------------


def add_subscription(session: Session, *, chat_id: int, words: str) -> bool:
    """Record a subscription; False if the chat already had this one."""
    exists = session.exec(
        select(SubscriptionRow.id).where(
            (col(SubscriptionRow.chat_id) == chat_id) & (col(SubscriptionRow.words) == words)
        )
    ).first()
    if exists is not None:
        return False
    session.add(SubscriptionRow(chat_id=chat_id, words=words))
    session.flush()
    return True


def remove_subscriptions(session: Session, *, chat_id: int, words: str | None) -> int:
    """Remove one subscription of a chat (`words`), or all of them (None); returns how many went."""
    query = delete(SubscriptionRow).where(col(SubscriptionRow.chat_id) == chat_id)
    if words is not None:
        query = query.where(col(SubscriptionRow.words) == words)
    return int(getattr(session.execute(query), "rowcount", 0) or 0)


def chat_subscriptions(session: Session, *, chat_id: int) -> list[SubscriptionRow]:
    query = (
        select(SubscriptionRow)
        .where(col(SubscriptionRow.chat_id) == chat_id)
        .order_by(col(SubscriptionRow.id))
    )
    return list(session.exec(query).all())


def all_subscriptions(session: Session) -> list[SubscriptionRow]:
    """Every subscription; read once per ingest that found conflicts (a few per chat)."""
    return list(session.exec(select(SubscriptionRow).order_by(col(SubscriptionRow.id))).all())


def add_follow(session: Session, *, follow: FollowRow) -> bool:
    """Record a follow; False if the chat already followed that story (quantity, sides and names)."""
    exists = session.exec(
        select(FollowRow.id).where(
            (col(FollowRow.chat_id) == follow.chat_id)
            & (col(FollowRow.quantity) == follow.quantity)
            & (col(FollowRow.sides) == follow.sides)
            & (col(FollowRow.names) == follow.names)
        )
    ).first()
    if exists is not None:
        return False
    session.add(follow)
    session.flush()
    return True


def chat_follow(session: Session, *, chat_id: int, follow_id: int) -> FollowRow | None:
    """One follow of this chat (None if it is gone, or another chat's)."""
    row = session.get(FollowRow, follow_id)
    return row if row is not None and row.chat_id == chat_id else None


def chat_subscription(session: Session, *, chat_id: int, subscription_id: int) -> SubscriptionRow | None:
    row = session.get(SubscriptionRow, subscription_id)
    return row if row is not None and row.chat_id == chat_id else None


def remove_follow(session: Session, *, follow: FollowRow) -> None:
    """Remove one follow; the alerts that named it keep their text and forget the follow (SET NULL)."""
    session.delete(follow)
    session.flush()


def remove_subscription(session: Session, *, subscription: SubscriptionRow) -> None:
    session.delete(subscription)
    session.flush()


def follows_of_quantities(session: Session, *, quantities: Iterable[str]) -> list[FollowRow]:
    names = sorted(set(quantities))
    if not names:
        return []
    return list(session.exec(select(FollowRow).where(col(FollowRow.quantity).in_(names))).all())


def chat_follows(session: Session, *, chat_id: int) -> list[FollowRow]:
    query = select(FollowRow).where(col(FollowRow.chat_id) == chat_id).order_by(col(FollowRow.id))
    return list(session.exec(query).all())


def remove_follows(session: Session, *, chat_id: int) -> int:
    result = session.execute(delete(FollowRow).where(col(FollowRow.chat_id) == chat_id))
    return int(getattr(result, "rowcount", 0) or 0)


# -- outbox --------------------------------------------------------------------------------------------------


def outbox_exists(session: Session, *, chat_id: int, relation_id: int) -> bool:
    query = select(OutboxRow.id).where(
        (col(OutboxRow.chat_id) == chat_id) & (col(OutboxRow.relation_id) == relation_id)
    )
    return session.exec(query).first() is not None


def chat_outbox(session: Session, *, chat_id: int, outbox_id: int) -> OutboxRow | None:
    """One alert to this chat (None if it is gone, or another chat's: a button is only its own chat's)."""
    row = session.get(OutboxRow, outbox_id)
    return row if row is not None and row.chat_id == chat_id else None


def add_outbox(session: Session, *, rows: Sequence[OutboxRow]) -> None:
    session.add_all(rows)
    session.flush()


def pending_outbox(session: Session, *, limit: int) -> list[OutboxRow]:
    """Pending alerts in the order they were written (due or not: the sender keeps each chat in order)."""
    query = (
        select(OutboxRow).where(col(OutboxRow.status) == "pending").order_by(col(OutboxRow.id)).limit(limit)
    )
    return list(session.exec(query).all())


def claim_outbox(
    session: Session,
    *,
    owner: str,
    now: datetime,
    stale_before: datetime,
    limit: int,
    exclude_chats: Iterable[int] = (),
) -> list[OutboxRow]:
    """Claim for `owner` the next batch of each chat that is due and that no live process is sending to.
    A claimed row stays `pending` with `claimed_by`/`claimed_at` set until it is marked; a claim older than
    `stale_before` (its process died) has lapsed. Claims are serialised between processes (claim_lock) and
    the rows read `FOR UPDATE SKIP LOCKED`, so two processes never claim one row and each chat stays in
    order."""
    claim_lock(session)
    pending = col(OutboxRow.status) == "pending"
    held = (col(OutboxRow.claimed_by) != "") & (col(OutboxRow.claimed_at) >= stale_before)
    busy = set(session.exec(select(OutboxRow.chat_id).where(pending & held).distinct()).all())
    query = select(OutboxRow).where(pending).order_by(col(OutboxRow.id)).limit(limit)
    first_batch: dict[int, str] = {}
    blocked = busy | set(exclude_chats)
    chosen: list[OutboxRow] = []
    for row in session.exec(skip_locked(query)).all():
        chat = row.chat_id
        if chat in blocked:
            continue
        if row.next_attempt_at > now or first_batch.setdefault(chat, row.batch) != row.batch:
            blocked.add(chat)  # not due, or the chat's next batch: later, in order
            continue
        chosen.append(row)
    ids = [row.id for row in chosen if row.id is not None]
    if ids:
        session.execute(
            update(OutboxRow).where(col(OutboxRow.id).in_(ids)).values(claimed_by=owner, claimed_at=now)
        )
        for row in chosen:
            session.refresh(row)
    return chosen


def release_outbox(session: Session, *, owner: str) -> int:
    """Give back what `owner` claimed and did not send (a stop, or a crash of an earlier run)."""
    result = session.execute(
        update(OutboxRow)
        .where((col(OutboxRow.status) == "pending") & (col(OutboxRow.claimed_by) == owner))
        .values(claimed_by="", claimed_at=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def mark_outbox(
    session: Session,
    *,
    ids: Iterable[int],
    status: str,
    sent_at: datetime | None = None,
    next_attempt_at: datetime | None = None,
    count_attempt: bool = True,
) -> None:
    id_list = sorted(set(ids))
    if not id_list:
        return
    values: dict[str, object] = {"status": status, "claimed_by": "", "claimed_at": None}
    if sent_at is not None:
        values["sent_at"] = sent_at
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    if count_attempt:
        values["attempts"] = col(OutboxRow.attempts) + 1
    session.execute(update(OutboxRow).where(col(OutboxRow.id).in_(id_list)).values(**values))


def drop_chat_outbox(session: Session, *, chat_id: int) -> int:
    """Mark every pending alert of a chat dropped (the chat blocked the bot or asked to be forgotten)."""
    result = session.execute(
        update(OutboxRow)
        .where((col(OutboxRow.chat_id) == chat_id) & (col(OutboxRow.status) == "pending"))
        .values(status="dropped")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def outbox_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(OutboxRow.status, func.count()).group_by(col(OutboxRow.status))).all()
    return {str(status): int(count) for status, count in rows}


# -- feedback, submissions, counts ---------------------------------------------------------------------------


def set_vote(session: Session, *, relation_id: int, chat_id: int, vote: int) -> None:
    """Record a chat's vote on a relation, replacing its earlier vote."""
    row = session.exec(
        select(FeedbackRow).where(
            (col(FeedbackRow.relation_id) == relation_id) & (col(FeedbackRow.chat_id) == chat_id)
        )
    ).first()
    if row is None:
        session.add(FeedbackRow(relation_id=relation_id, chat_id=chat_id, vote=vote))
    else:
        row.vote = vote
        row.created_at = utcnow()
        session.add(row)
    session.flush()


def vote_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(FeedbackRow.vote, func.count()).group_by(col(FeedbackRow.vote))).all()
    return {int(vote): int(count) for vote, count in rows}


def relation_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(RelationRow.kind, func.count()).group_by(col(RelationRow.kind))).all()
    return {str(kind): int(count) for kind, count in rows}


def count_rows(session: Session, *, table: type[DocumentRow] | type[ClaimRow]) -> int:
    return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def subscriber_count(session: Session) -> int:
    chats = select(SubscriptionRow.chat_id).union(select(FollowRow.chat_id)).subquery()
    return int(session.execute(select(func.count()).select_from(chats)).scalar_one())


def add_submission(session: Session, *, chat_id: int, document_id: int) -> None:
    exists = session.exec(
        select(SubmissionRow.id).where(
            (col(SubmissionRow.chat_id) == chat_id) & (col(SubmissionRow.document_id) == document_id)
        )
    ).first()
    if exists is None:
        session.add(SubmissionRow(chat_id=chat_id, document_id=document_id))
        session.flush()


def remove_documents_sent_only_by(session: Session, *, chat_id: int) -> int:
    """Delete the documents this chat sent and no other chat did (documents recorded from the command line
    have no sender and stay), with their names counted down; their claims, the relations of those claims,
    and the alerts and votes on those relations go with them (ON DELETE CASCADE)."""
    sent = select(SubmissionRow.document_id).where(col(SubmissionRow.chat_id) == chat_id)
    shared = select(SubmissionRow.document_id).where(col(SubmissionRow.chat_id) != chat_id)
    found = session.exec(
        select(DocumentRow.id).where(col(DocumentRow.id).in_(sent), col(DocumentRow.id).not_in(shared))
    ).all()
    return _remove_documents(session, sorted(i for i in found if i is not None))


def undo_last_submission(session: Session, *, chat_id: int) -> str | None:
    """Take back what this chat sent last: the record that it sent it, and the document itself (with its
    figures and relations) unless another chat sent it too. The document's source; None if nothing."""
    last = session.exec(
        select(SubmissionRow)
        .where(col(SubmissionRow.chat_id) == chat_id)
        .order_by(col(SubmissionRow.id).desc())
    ).first()
    if last is None:
        return None
    document = session.get(DocumentRow, last.document_id)
    source = document.source if document is not None else ""
    others = session.exec(
        select(SubmissionRow.id).where(
            col(SubmissionRow.document_id) == last.document_id, col(SubmissionRow.chat_id) != chat_id
        )
    ).first()
    session.execute(
        delete(SubmissionRow).where(
            col(SubmissionRow.document_id) == last.document_id, col(SubmissionRow.chat_id) == chat_id
        )
    )
    if others is None:
        _remove_documents(session, [last.document_id])
    return source


def _remove_documents(session: Session, ids: Sequence[int]) -> int:
    """Delete these documents, their names counted down; what hangs on them goes by cascade."""
    if not ids:
        return 0
    counts = session.execute(
        select(DocumentTermRow.term, func.count())
        .where(col(DocumentTermRow.document_id).in_(ids))
        .group_by(col(DocumentTermRow.term))
    ).all()
    count_up(
        session,
        TermFrequencyRow.__table__,  # type: ignore[attr-defined]
        key="term",
        counter="documents",
        amounts={term: -int(n) for term, n in counts},
    )
    session.execute(delete(DocumentRow).where(col(DocumentRow.id).in_(ids)))
    return len(ids)


def chat_documents(session: Session, *, chat_id: int) -> list[tuple[DocumentRow, datetime]]:
    """The documents this chat sent, in the order it first sent them, each with when it sent it."""
    query = (
        select(DocumentRow, SubmissionRow.created_at)
        .join(SubmissionRow, col(SubmissionRow.document_id) == col(DocumentRow.id))
        .where(col(SubmissionRow.chat_id) == chat_id)
        .order_by(col(SubmissionRow.id))
    )
    return [(document, sent) for document, sent in session.exec(query).all()]


def remove_submissions(session: Session, *, chat_id: int) -> int:
    result = session.execute(delete(SubmissionRow).where(col(SubmissionRow.chat_id) == chat_id))
    return int(getattr(result, "rowcount", 0) or 0)


def submitters(session: Session, *, document_ids: Iterable[int]) -> dict[int, set[int]]:
    """Document id → the chats that sent it."""
    ids = sorted(set(document_ids))
    found: dict[int, set[int]] = {}
    if ids:
        rows = session.exec(select(SubmissionRow).where(col(SubmissionRow.document_id).in_(ids))).all()
        for row in rows:
            found.setdefault(row.document_id, set()).add(row.chat_id)
    return found


def remove_votes(session: Session, *, chat_id: int) -> int:
    result = session.execute(delete(FeedbackRow).where(col(FeedbackRow.chat_id) == chat_id))
    return int(getattr(result, "rowcount", 0) or 0)


def relation_exists(session: Session, *, relation_id: int) -> bool:
    return session.get(RelationRow, relation_id) is not None


def relation_claims(session: Session, *, relation_id: int) -> tuple[ClaimRow, ClaimRow] | None:
    """The two claims of a relation, older first (what a follow of its story is made from)."""
    relation = session.get(RelationRow, relation_id)
    if relation is None:
        return None
    a, b = session.get(ClaimRow, relation.claim_a_id), session.get(ClaimRow, relation.claim_b_id)
    return (a, b) if a is not None and b is not None else None


def document_exists(session: Session, *, document_id: int) -> bool:
    return session.get(DocumentRow, document_id) is not None


# -- a chat's settings -------------------------------------------------------------------------------------


def chat_settings(session: Session, *, chat_id: int) -> ChatSettingsRow | None:
    return session.get(ChatSettingsRow, chat_id)


def note_seen_language(session: Session, *, chat_id: int, language: str, at: datetime) -> None:
    """The language last seen from the chat's users (written only when it changes)."""
    table = ChatSettingsRow.__table__  # type: ignore[attr-defined]
    values = {"chat_id": chat_id, "seen_language": language, "updated_at": at}
    upsert(session, table, values, update=["seen_language"])


def choose_language(session: Session, *, chat_id: int, language: str, at: datetime) -> None:
    table = ChatSettingsRow.__table__  # type: ignore[attr-defined]
    upsert(session, table, {"chat_id": chat_id, "language": language, "updated_at": at}, update=["language"])


def chat_languages(session: Session, *, chat_ids: Iterable[int]) -> dict[int, str]:
    """Each chat's language for messages it did not ask for: the chosen one, else the one last seen; chats
    with neither are left out."""
    ids = list(chat_ids)
    if not ids:
        return {}
    rows = session.exec(select(ChatSettingsRow).where(col(ChatSettingsRow.chat_id).in_(ids))).all()
    found = {r.chat_id: r.language or r.seen_language for r in rows}
    return {chat: language for chat, language in found.items() if language}


def remove_chat_settings(session: Session, *, chat_id: int) -> int:
    result = session.execute(delete(ChatSettingsRow).where(col(ChatSettingsRow.chat_id) == chat_id))
    return int(getattr(result, "rowcount", 0) or 0)
