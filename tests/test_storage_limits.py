"""Lengths and NUL bytes are handled in one place (storage.models.BoundedText): what SQLite would keep and
PostgreSQL would refuse is stored the same on both."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, text
from sqlmodel import Session

from bot.pipeline.alerts import Alerts
from bot.replies import render_alert
from storage import store
from storage.db import PollerLock, make_engine, transaction
from storage.models import ClaimRow, DocumentRow


def test_long_fields_and_nul_bytes_are_stored_alike_on_both_engines(engine: Engine) -> None:
    url = "https://example.test/" + "a" * 3000
    with transaction(engine) as session:
        document = store.add_document(
            session,
            document=DocumentRow(source="Wire\x00Service", url=url, content_hash="h" * 64, text="x\x00y"),
            terms=[],
        )
        (claim,) = store.add_claims(
            session,
            claims=[
                dict(
                    document_id=document.id,
                    value=5,
                    quantity="hurt",
                    counted="people",
                    event=",".join(f"term{i}" for i in range(200)),
                    quote="5 people\x00",
                    sentence="5 people were hurt.",
                    position=0,
                )
            ],
        )
        ids = document.id, claim.id
    with Session(engine) as session:
        stored = session.get(DocumentRow, ids[0])
        kept = session.get(ClaimRow, ids[1])
        assert stored is not None and kept is not None
        assert stored.source == "Wire\ufffdService" and stored.text == "x\ufffdy"
        assert stored.url == url[:2000]
        assert len(kept.event) == 500 and kept.quote == "5 people\ufffd"
    with transaction(engine) as session:  # the long URL finds its document again
        assert store.find_document(session, url=url, content_hash="other") is not None


def test_a_subscription_of_long_words_is_kept_and_found_again(engine: Engine) -> None:
    alerts = Alerts(engine, render_alert=render_alert)
    words = "word" * 200 + " second"
    stored, new = alerts.subscribe(7, words)
    assert new
    assert alerts.subscribe(7, words)[1] is False  # the same subscription, found under its stored form
    subscriptions, _ = alerts.subscriptions(7)
    assert subscriptions == [stored[:300]]
    assert alerts.unsubscribe(7, words) == 1


def test_one_poller_a_database_and_a_database_a_schema(engine: Engine) -> None:
    first, second = PollerLock(engine), PollerLock(engine)
    assert first.acquire()
    try:
        assert not second.acquire()  # one poller a database
        if engine.dialect.name == "postgresql":
            # another schema of the same server is another database: its poller is not refused
            schema = f"t_{uuid.uuid4().hex[:12]}"
            with engine.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = engine.url.set(query={"options": f"-csearch_path={schema}"})
            other = make_engine(url.render_as_string(hide_password=False))
            elsewhere = PollerLock(other)
            try:
                assert elsewhere.acquire()
                elsewhere.release()
            finally:
                other.dispose()
                with engine.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        first.release()
    assert second.acquire()  # released: the next poller takes it at once
    second.release()
