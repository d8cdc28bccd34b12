"""The chat-side use cases: update ledger, subscriptions and follows, votes, /forget, stats, the outbox.

    record_update / finish_updates / unfinished_updates   each update is recorded before it is acted on
    subscribe / unsubscribe / subscriptions / follow_*     who wants which alerts
    mute / why                                             an alert's buttons: stop what it matched, say what
    set_language / chat_settings / language_of             a chat's language (chosen, else last seen)
    on_relations(session, views, sender_chat_id)          the ingest hook: decides who is alerted and writes
                                                           the outbox in the ingest's own transaction
    pending_outbox / mark_*                                what the sender (bot/delivery.py) reads and marks

A follow is of a story (Story): one quantity of one side, of one event or place. A new conflict or update
alerts its followers only if it is of the same story; subscriptions (words) are alerted on conflicts.

Synchronous like service.py (the bot calls it from a worker thread); besides service.py the only module of
bot/ that meets storage. No `telegram` import: the alert text is rendered by a function handed in by the bot.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Engine
from sqlmodel import Session

from bot.pipeline.events import first_event_word
from bot.pipeline.frames import event_column, event_from_column, scope_column, scope_from_column
from bot.pipeline.pairs import names_of
from bot.pipeline.types import Event, Figure, RecordedFigure, RelationView, Scope
from storage import alerts as store
from storage import chats
from storage.db import transaction
from storage.models import ClaimRow, DocumentRow, FollowRow, OutboxRow, SubscriptionRow, utcnow

logger = logging.getLogger(__name__)

# Which relations are worth a message to people who asked for alerts: disagreements, not agreement; and
# for those who follow a story, its updates too (a toll that rises).
ALERT_KINDS = frozenset({"conflict"})
FOLLOW_KINDS = frozenset({"conflict", "update"})
# Finished updates are kept this long, for redelivery checks, then pruned at start.
KEEP_FINISHED_UPDATES = timedelta(days=7)
# An update or alert claimed by a process longer ago than this is taken over by another (its process died).
# Longer than any handler (a fetch is capped at 15 s) or a chat's batch of alerts takes.
CLAIM_LEASE = timedelta(minutes=5)
MAX_SUBSCRIPTION_WORDS = 10
SUBMISSION_WINDOW = timedelta(hours=1)  # the per-user limit counts what a user sent in this long
# The word for what happened ("deaths — earthquake in Velmora") is the first of the language packs' event
# words in the figure's sentence (events.py). Only a label: stories are told apart by their names.
UpdateDecision = Literal["process", "skip"]
# An alert's text: the finding, why the chat gets it, in the recipient chat's language (None: the chat
# has none recorded).
RenderAlert = Callable[[RelationView, "Reason", str | None], str]

_WORD = re.compile(r"\w+")


def words_of(text: str) -> tuple[str, ...]:
    """Casefolded words, in order, without repeats: how subscriptions are stored and compared."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.casefold()):
        seen.setdefault(word, None)
    return tuple(seen)


def _figure_words(recorded: RecordedFigure) -> set[str]:
    f = recorded.figure
    parts = [f.quantity, f.counted, f.quote, f.sentence, f.claimant or "", recorded.document.source]
    # The scope and event as their columns hold them: the words a subscription is looked for in.
    parts += [recorded.document.title or "", *f.sides, scope_column(f.scope), event_column(f.event)]
    return set(_WORD.findall(" ".join(parts).casefold()))


def matches_words(words: Sequence[str], haystack: Iterable[str]) -> bool:
    """Every subscribed word begins some word of the relation ("pow" matches "POWs")."""
    hay = list(haystack)
    return all(any(h.startswith(w) for h in hay) for w in words)


@dataclass(frozen=True, slots=True)
class Story:
    """What a follow is of: one quantity (`quantity` key; `counted`, the text's words for it) of one side, in
    one event or place (`names`, casefolded, sorted; `event`, the text's word for what happened). No names:
    any story of that quantity and side (a follow made before stories, or a figure that names nothing)."""

    quantity: str
    counted: str
    sides: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    event: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a chat gets an alert: it follows a story, or subscribed to words ("" = every conflict)."""

    follow: Story | None = None
    words: str | None = None


@dataclass(frozen=True, slots=True)
class Why:
    """What an alert matched (None: a follow or subscription the chat has since dropped), and its kind."""

    kind: str
    reason: Reason | None


@dataclass(frozen=True, slots=True)
class _Frame:
    """What a story is read from in one figure (a recorded Figure or a claim row)."""

    event: Event
    scope: Scope
    claimant: str | None
    sentence: str


def _frame(figure: Figure) -> _Frame:
    return _Frame(figure.event, figure.scope, figure.claimant, figure.sentence)


def _listed(value: str) -> tuple[str, ...]:
    """A comma-separated column as its values."""
    return tuple(v for v in value.split(",") if v)


def _claim_frame(claim: ClaimRow) -> _Frame:
    return _Frame(
        event_from_column(claim.event), scope_from_column(claim.scope), claim.claimant, claim.sentence
    )


def _names(frame: _Frame) -> frozenset[str]:
    return names_of((*frame.event.names, *frame.scope.places))


def _story_names(frames: Sequence[_Frame]) -> tuple[str, ...]:
    """The names the figures share (what a relation is about), less the words of who says them ("Red
    Crescent" is a voice, not the story) unless that leaves none."""
    if not frames:
        return ()
    shared = frozenset.intersection(*(_names(f) for f in frames))
    said = {w for f in frames for w in _WORD.findall((f.claimant or "").casefold())}
    return tuple(sorted(shared - said or shared))


def _event_word(frames: Sequence[_Frame]) -> str:
    """The first word for what happened in the figures' sentences (events.py: a month is no march)."""
    for frame in frames:
        word = first_event_word(frame.sentence)
        if word:
            return word
    return ""


def story_of(view: RelationView) -> Story:
    """The story of a relation: its newer figure's quantity and side, the names both figures share."""
    frames = [_frame(view.b.figure), _frame(view.a.figure)]
    figure = view.b.figure
    return Story(
        quantity=figure.quantity,
        counted=figure.counted,
        sides=tuple(sorted(figure.sides)),
        names=_story_names(frames),
        event=_event_word(frames),
    )


def _claims_story(claims: Sequence[ClaimRow]) -> Story:
    """The story of recorded claims (the newer first): as story_of, from their rows."""
    frames = [_claim_frame(c) for c in claims]
    newer = claims[0]
    return Story(
        quantity=newer.quantity,
        counted=newer.counted,
        sides=_listed(newer.sides),
        names=_story_names(frames),
        event=_event_word(frames),
    )


def _row_story(follow: FollowRow) -> Story:
    return Story(
        quantity=follow.quantity,
        counted=follow.label,
        sides=_listed(follow.sides),
        names=_listed(follow.names),
        event=follow.event,
    )


def same_story(story: Story, view: RelationView, told: Story | None = None) -> bool:
    """Is a relation (whose own story is `told`, worked out if not given) of the followed story: the same
    quantity of the same side, and (when the follow names its story) a name of the event or place in
    common?"""
    figures = (view.a.figure, view.b.figure)
    wanted = set(story.sides)
    if not any(f.quantity == story.quantity and set(f.sides) == wanted for f in figures):
        return False
    if not story.names:
        return True
    return bool(names_of(story.names) & set((told or story_of(view)).names))


@dataclass(frozen=True, slots=True)
class PendingUpdate:
    update_id: int
    payload: str


@dataclass(frozen=True, slots=True)
class PendingAlert:
    """One outbox row as the sender sees it."""

    id: int
    chat_id: int
    relation_id: int
    batch: str
    text: str
    attempts: int
    next_attempt_at: datetime
    kind: str = "conflict"


@dataclass(frozen=True, slots=True)
class Forgotten:
    documents: int
    updates: int
    subscriptions: int
    follows: int
    submissions: int
    votes: int
    alerts: int
    held: int = 0  # texts kept back until the chat chose, and questions it could still call sources
    settings: int = 0  # the chat's language, chosen or seen


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What /settings shows: the chosen language (None: Telegram's is used) and the chat's alerts."""

    language: str | None
    subscriptions: int
    follows: int


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    claims: int
    relations: dict[str, int]
    votes_up: int
    votes_down: int
    subscribers: int
    alerts: dict[str, int]


class Alerts:
    """The chat-side use cases over one database."""

    def __init__(self, engine: Engine, *, render_alert: RenderAlert, instance: str | None = None) -> None:
        self.engine = engine
        self.render_alert = render_alert
        # Which bot process this is, for claims on updates and alerts shared by several processes.
        self.instance = instance or default_instance()

    # -- the update ledger -----------------------------------------------------------------------------------
    def record_fetched(self, updates: Sequence[tuple[int, int | None, str]]) -> int:
        """Record updates as they arrive (update_id, chat_id, payload), before Telegram is told they were
        received: a crash from here on loses none. Returns how many were new."""
        now = utcnow()
        with transaction(self.engine) as session:
            return sum(
                store.insert_update(
                    session,
                    update_id=update_id,
                    chat_id=chat_id,
                    payload=payload,
                    owner=self.instance,
                    at=now,
                    attempts=0,
                )
                for update_id, chat_id, payload in updates
            )

    def record_update(self, update_id: int, *, chat_id: int | None, payload: str) -> UpdateDecision:
        """Begin handling an update (recorded now if it was not on arrival); 'skip' if it was finished
        already (a redelivery) or a live process of another name has it. Process deaths are not held
        against an update: each handling is bounded in time (Settings.max_check_s), so what was cut off
        by a death is worth trying again."""
        return self.begin_update(update_id, chat_id=chat_id, payload=payload)[0]

    def begin_update(
        self, update_id: int, *, chat_id: int | None, payload: str, seen_language: str | None = None
    ) -> tuple[UpdateDecision, str | None]:
        """`record_update`, and in the same transaction: note the language its sender's Telegram is in
        (for alerts to the chat later) and read the language the chat chose (None: not chosen)."""
        now = utcnow()
        with transaction(self.engine) as session:
            decision = self._begin(session, update_id, chat_id=chat_id, payload=payload, now=now)
            if decision == "skip" or chat_id is None:
                return decision, None
            if seen_language:
                store.note_seen_language(session, chat_id=chat_id, language=seen_language, at=now)
            settings = store.chat_settings(session, chat_id=chat_id)
            return decision, settings.language if settings is not None else None

    def _begin(
        self, session: Session, update_id: int, *, chat_id: int | None, payload: str, now: datetime
    ) -> UpdateDecision:
        if store.insert_update(
            session, update_id=update_id, chat_id=chat_id, payload=payload, owner=self.instance, at=now
        ):
            return "process"
        row = store.get_update(session, update_id=update_id)
        if row is None or row.status != "received":
            return "skip"
        if store.take_over_update(
            session, update_id=update_id, owner=self.instance, stale_before=now - CLAIM_LEASE, at=now
        ):
            return "process"
        logger.info("update %s is being handled by %s", update_id, row.claimed_by)
        return "skip"

    def finish_updates(self, update_ids: Iterable[int]) -> None:
        with transaction(self.engine) as session:
            store.finish_updates(session, update_ids=update_ids, status="done", at=utcnow())

    def drop_updates(self, update_ids: Iterable[int]) -> None:
        """Finished updates that must not be kept (a /forget): deleted, not marked done."""
        with transaction(self.engine) as session:
            store.delete_updates(session, update_ids=update_ids)

    def unfinished_updates(self, *, limit: int = 1000) -> list[PendingUpdate]:
        """Updates recorded by an earlier run that never finished, oldest first; prunes old finished ones."""
        with transaction(self.engine) as session:
            pruned = store.prune_updates(session, finished_before=utcnow() - KEEP_FINISHED_UPDATES)
            if pruned:
                logger.info("pruned %d finished updates", pruned)
            rows = store.unfinished_updates(
                session, limit=limit, owner=self.instance, stale_before=utcnow() - CLAIM_LEASE
            )
            return [PendingUpdate(update_id=r.update_id, payload=r.payload) for r in rows]

    # -- subscriptions and follows --------------------------------------------------------------------------
    def subscribe(self, chat_id: int, words: str) -> tuple[str, bool]:
        """Subscribe a chat to conflicts matching `words` ("" = all); returns the stored words, and if new."""
        key = " ".join(words_of(words)[:MAX_SUBSCRIPTION_WORDS])
        with transaction(self.engine) as session:
            return key, store.add_subscription(session, chat_id=chat_id, words=key)

    def unsubscribe(self, chat_id: int, words: str | None) -> int:
        """Drop one subscription (`words`), or every subscription and follow of the chat (None)."""
        with transaction(self.engine) as session:
            if words is None:
                return store.remove_subscriptions(
                    session, chat_id=chat_id, words=None
                ) + store.remove_follows(session, chat_id=chat_id)
            key = " ".join(words_of(words)[:MAX_SUBSCRIPTION_WORDS])
            return store.remove_subscriptions(session, chat_id=chat_id, words=key)

    def subscriptions(self, chat_id: int) -> tuple[list[str], list[Story]]:
        """The chat's subscriptions (words; "" = all) and the stories it follows."""
        with Session(self.engine) as session:
            subs = [s.words for s in store.chat_subscriptions(session, chat_id=chat_id)]
            follows = [_row_story(f) for f in store.chat_follows(session, chat_id=chat_id)]
            return subs, follows

    def follow_relation(self, chat_id: int, relation_id: int) -> Story | None:
        """Follow the story of a relation; returns it, None if the relation is gone."""
        with transaction(self.engine) as session:
            claims = store.relation_claims(session, relation_id=relation_id)
            if claims is None:
                return None
            older, newer = claims
            story = _claims_story([newer, older])
            self._follow(session, chat_id, story, newer)
            return story

    def follow_document(self, chat_id: int, document_id: int) -> list[Story]:
        """Follow the story of every figure a document gives (a part of another figure aside)."""
        from storage import store as documents

        with transaction(self.engine) as session:
            stories: list[Story] = []
            for claim in documents.document_claims(session, document_id=document_id):
                if claim.subset:
                    continue
                story = _claims_story([claim])
                self._follow(session, chat_id, story, claim)
                if story not in stories:
                    stories.append(story)
            return stories

    @staticmethod
    def _follow(session: Session, chat_id: int, story: Story, claim: ClaimRow) -> None:
        store.add_follow(
            session,
            follow=FollowRow(
                chat_id=chat_id,
                quantity=story.quantity,
                sides=",".join(story.sides),
                names=",".join(story.names),
                event=story.event,
                label=story.counted,
                claim_id=claim.id,
            ),
        )

    # -- an alert's buttons ---------------------------------------------------------------------------------
    def why(self, chat_id: int, outbox_id: int) -> Why | None:
        """What one of the chat's alerts matched; None if there is no such alert (any more)."""
        with Session(self.engine) as session:
            alert = store.chat_outbox(session, chat_id=chat_id, outbox_id=outbox_id)
            if alert is None:
                return None
            return Why(kind=alert.kind, reason=self._reason(session, alert))

    def mute(self, chat_id: int, outbox_id: int) -> Reason | None:
        """Stop the follow or subscription one of the chat's alerts matched; returns what was stopped, None
        if that is gone already (or there is no such alert)."""
        with transaction(self.engine) as session:
            alert = store.chat_outbox(session, chat_id=chat_id, outbox_id=outbox_id)
            if alert is None:
                return None
            reason = self._reason(session, alert)
            if alert.follow_id is not None:
                follow = store.chat_follow(session, chat_id=chat_id, follow_id=alert.follow_id)
                if follow is not None:
                    store.remove_follow(session, follow=follow)
            elif alert.subscription_id is not None:
                subscription = store.chat_subscription(
                    session, chat_id=chat_id, subscription_id=alert.subscription_id
                )
                if subscription is not None:
                    store.remove_subscription(session, subscription=subscription)
            return reason

    @staticmethod
    def _reason(session: Session, alert: OutboxRow) -> Reason | None:
        if alert.follow_id is not None:
            follow = store.chat_follow(session, chat_id=alert.chat_id, follow_id=alert.follow_id)
            return Reason(follow=_row_story(follow)) if follow is not None else None
        if alert.subscription_id is not None:
            subscription = store.chat_subscription(
                session, chat_id=alert.chat_id, subscription_id=alert.subscription_id
            )
            return Reason(words=subscription.words) if subscription is not None else None
        return None

    # -- a chat's language --------------------------------------------------------------------------------
    def set_language(self, chat_id: int, language: str) -> None:
        """The language the chat chose (/language): its replies and alerts from now on, restarts included."""
        with transaction(self.engine) as session:
            store.choose_language(session, chat_id=chat_id, language=language, at=utcnow())

    def chat_settings(self, chat_id: int) -> ChatSettings:
        with Session(self.engine) as session:
            row = store.chat_settings(session, chat_id=chat_id)
            return ChatSettings(
                language=row.language if row is not None else None,
                subscriptions=len(store.chat_subscriptions(session, chat_id=chat_id)),
                follows=len(store.chat_follows(session, chat_id=chat_id)),
            )

    def language_of(self, chat_id: int) -> str | None:
        """The language for messages the chat did not ask for: chosen, else last seen, else None."""
        with Session(self.engine) as session:
            return store.chat_languages(session, chat_ids=[chat_id]).get(chat_id)

    # -- votes, submissions, forgetting, stats --------------------------------------------------------------
    def vote(self, chat_id: int, relation_id: int, vote: int) -> bool:
        """Record a chat's vote on a finding; False if there is no such finding (any more)."""
        with transaction(self.engine) as session:
            if not store.relation_exists(session, relation_id=relation_id):
                return False
            store.set_vote(session, relation_id=relation_id, chat_id=chat_id, vote=1 if vote > 0 else -1)
            return True

    def record_submission(self, chat_id: int, document_id: int) -> None:
        with transaction(self.engine) as session:
            store.add_submission(session, chat_id=chat_id, document_id=document_id)

    def forget(self, chat_id: int) -> Forgotten:
        """Delete the chat's subscriptions, follows, votes, its record of who sent what and the raw updates
        it sent (their text and the sender's name), its recording choice and held texts, and its language;
        drop its alerts. Updates not yet handled stay until they
        are (the /forget itself among them: the bot deletes it when done, see `drop_updates`). The documents
        only this chat sent go, with their figures and relations; those another chat sent too stay."""
        with transaction(self.engine) as session:
            return Forgotten(
                documents=store.remove_documents_sent_only_by(session, chat_id=chat_id),
                updates=store.remove_chat_updates(session, chat_id=chat_id),
                subscriptions=store.remove_subscriptions(session, chat_id=chat_id, words=None),
                follows=store.remove_follows(session, chat_id=chat_id),
                submissions=store.remove_submissions(session, chat_id=chat_id),
                votes=store.remove_votes(session, chat_id=chat_id),
                alerts=store.drop_chat_outbox(session, chat_id=chat_id),
                held=_forget_choices(session, chat_id),
                settings=store.remove_chat_settings(session, chat_id=chat_id),
            )

    def take_submissions(self, user_id: int, count: int, *, limit: int) -> datetime | None:
        """Count `count` submissions against the user's hourly `limit`; if that would pass it, nothing is
        counted and the answer is when enough of the earlier ones are an hour old."""
        now = utcnow()
        with transaction(self.engine) as session:
            since = now - SUBMISSION_WINDOW
            chats.prune_user_submissions(session, before=since)
            sent = chats.user_submissions_since(session, user_id=user_id, since=since)
            over = len(sent) + count - limit
            if over > 0:
                return (
                    _utc(sent[over - 1]) + SUBMISSION_WINDOW if over <= len(sent) else now + SUBMISSION_WINDOW
                )
            chats.add_user_submissions(session, user_id=user_id, at=now, count=count)
            return None

    def undo(self, chat_id: int) -> str | None:
        """Take back the chat's last submission (see store.undo_last_submission): its source, or None."""
        with transaction(self.engine) as session:
            return store.undo_last_submission(session, chat_id=chat_id)

    def chat_gone(self, chat_id: int) -> None:
        """The chat blocked the bot (or no longer exists): stop alerting it."""
        with transaction(self.engine) as session:
            subs = store.remove_subscriptions(session, chat_id=chat_id, words=None)
            follows = store.remove_follows(session, chat_id=chat_id)
            dropped = store.drop_chat_outbox(session, chat_id=chat_id)
        logger.info(
            "chat %s is gone: %d subscriptions, %d follows, %d alerts dropped",
            chat_id,
            subs,
            follows,
            dropped,
        )

    def stats(self) -> Stats:
        with Session(self.engine) as session:
            votes = store.vote_counts(session)
            return Stats(
                documents=store.count_rows(session, table=DocumentRow),
                claims=store.count_rows(session, table=ClaimRow),
                relations=store.relation_counts(session),
                votes_up=votes.get(1, 0),
                votes_down=votes.get(-1, 0),
                subscribers=store.subscriber_count(session),
                alerts=store.outbox_counts(session),
            )

    # -- the ingest hook: who is alerted ---------------------------------------------------------------------
    def on_relations(
        self, session: Session, views: Sequence[RelationView], sender_chat_id: int | None
    ) -> None:
        """Called inside the ingest transaction: write one outbox row per (chat, new finding) for every chat
        that follows its story (conflicts and updates) or subscribed to words a conflict matches, except the
        chat that sent it; the row names the follow (else the subscription) it matched. Rows of one ingest
        for one chat share a batch, so the sender makes them one message."""
        alertable = [v for v in views if v.kind in FOLLOW_KINDS | ALERT_KINDS]
        if not alertable:
            return
        subscriptions = store.all_subscriptions(session) if any(v.kind in ALERT_KINDS for v in views) else []
        follows = store.follows_of_quantities(
            session, quantities={f.figure.quantity for v in alertable for f in (v.a, v.b)}
        )
        per_chat: dict[int, list[tuple[RelationView, FollowRow | SubscriptionRow]]] = {}
        for view in alertable:
            matched: dict[int, FollowRow | SubscriptionRow] = {}
            if view.kind in ALERT_KINDS:
                hay = _figure_words(view.a) | _figure_words(view.b)
                for s in subscriptions:
                    if matches_words(s.words.split(), hay):
                        matched.setdefault(s.chat_id, s)
            if view.kind in FOLLOW_KINDS:
                told = story_of(view)
                for f in follows:
                    if same_story(_row_story(f), view, told):
                        matched[f.chat_id] = f  # a follow names its story: the better answer to "why"
            if sender_chat_id is not None:
                matched.pop(sender_chat_id, None)
            for chat, wish in matched.items():
                per_chat.setdefault(chat, []).append((view, wish))
        rows: list[OutboxRow] = []
        # Each alert is written in its recipient's language, not in that of the chat whose text caused it.
        languages = store.chat_languages(session, chat_ids=per_chat)
        for chat, chat_views in sorted(per_chat.items()):
            batch = uuid.uuid4().hex
            for view, wish in chat_views:
                if store.outbox_exists(session, chat_id=chat, relation_id=view.id):
                    continue
                row = OutboxRow(chat_id=chat, relation_id=view.id, batch=batch, kind=view.kind, text="")
                if isinstance(wish, FollowRow):
                    row.follow_id, reason = wish.id, Reason(follow=_row_story(wish))
                else:
                    row.subscription_id, reason = wish.id, Reason(words=wish.words)
                row.text = self.render_alert(view, reason, languages.get(chat))
                rows.append(row)
        if rows:
            store.add_outbox(session, rows=rows)
            logger.info("queued %d alerts for %d chats", len(rows), len(per_chat))

    # -- the outbox, for the sender -------------------------------------------------------------------------
    def pending_outbox(self, *, limit: int = 500) -> list[PendingAlert]:
        with Session(self.engine) as session:
            return [
                PendingAlert(
                    id=r.id,
                    chat_id=r.chat_id,
                    relation_id=r.relation_id,
                    batch=r.batch,
                    text=r.text,
                    attempts=r.attempts,
                    next_attempt_at=_utc(r.next_attempt_at),
                    kind=r.kind,
                )
                for r in store.pending_outbox(session, limit=limit)
                if r.id is not None
            ]

    def claim_outbox(self, *, limit: int = 500, exclude_chats: Iterable[int] = ()) -> list[PendingAlert]:
        """The next due batch of each chat no process is sending to (nor in `exclude_chats`), claimed for
        this process."""
        now = utcnow()
        with transaction(self.engine) as session:
            rows = store.claim_outbox(
                session,
                owner=self.instance,
                now=now,
                stale_before=now - CLAIM_LEASE,
                limit=limit,
                exclude_chats=exclude_chats,
            )
            return [_pending(r) for r in rows if r.id is not None]

    def release_outbox(self) -> int:
        """Alerts this process claimed and did not send go back to pending (at stop, and at start)."""
        with transaction(self.engine) as session:
            return store.release_outbox(session, owner=self.instance)

    def mark_sent(self, ids: Iterable[int]) -> None:
        with transaction(self.engine) as session:
            store.mark_outbox(session, ids=ids, status="sent", sent_at=utcnow())

    def mark_retry(self, ids: Iterable[int], *, at: datetime) -> None:
        with transaction(self.engine) as session:
            store.mark_outbox(session, ids=ids, status="pending", next_attempt_at=at)

    def mark_failed(self, ids: Iterable[int]) -> None:
        with transaction(self.engine) as session:
            store.mark_outbox(session, ids=ids, status="failed")


def _forget_choices(session: Session, chat_id: int) -> int:
    """The chat's recording choice (it is asked again), its open question and its held texts."""
    chats.remove_choice(session, chat_id=chat_id)
    chats.remove_source_prompt(session, chat_id=chat_id)
    return chats.remove_held(session, chat_id=chat_id)


def default_instance() -> str:
    """This process's name in claims: CROSSCHECK_INSTANCE, else the host and how it gets updates (a process
    restarted in the same place takes over its own unfinished work at once; only one can listen there)."""
    return os.environ.get("CROSSCHECK_INSTANCE") or f"{socket.gethostname()}:polling"


def _pending(r: OutboxRow) -> PendingAlert:
    assert r.id is not None
    return PendingAlert(
        id=r.id,
        chat_id=r.chat_id,
        relation_id=r.relation_id,
        batch=r.batch,
        text=r.text,
        attempts=r.attempts,
        next_attempt_at=_utc(r.next_attempt_at),
        kind=r.kind,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; ours are all written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
