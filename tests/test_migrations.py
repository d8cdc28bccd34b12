"""Migrations on both engines: a database made by the first revision, with data in it, is upgraded to the
newest without losing a row; an empty database is created at start; an old one is refused in one line."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from conftest import POSTGRES_URL
from sqlalchemy import Engine, MetaData, create_engine, func, insert, text
from sqlmodel import Session, SQLModel, col, select

from bot.cli import main
from storage import store
from storage.db import make_engine, transaction
from storage.models import (
    ClaimRow,
    DocumentRow,
    DocumentTermRow,
    FollowRow,
    OutboxRow,
    RelationRow,
    SubscriptionRow,
    TermFrequencyRow,
)
from storage.schema import (
    FIRST_REVISION,
    SchemaOutOfDate,
    current_revision,
    ensure_current,
    head_revision,
    upgrade,
)

SUPERGROUP = -1001234567890  # a Telegram supergroup id: more than 32 bits


@pytest.fixture(params=["sqlite", "postgresql"])
def blank(request: pytest.FixtureRequest, tmp_path: Path, postgres_reason: str | None) -> Iterator[Engine]:
    """An empty database (no tables at all) on each engine."""
    if request.param == "sqlite":
        made = make_engine(f"sqlite:///{tmp_path / 'blank.db'}")
        yield made
        made.dispose()
        return
    if postgres_reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(postgres_reason)
        pytest.skip(postgres_reason)
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    made = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    try:
        yield made
    finally:
        made.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def fill(engine: Engine) -> None:
    """Documents, terms, claims, a relation, a subscription, a follow and an outbox row, written with SQL
    alone (the models may describe a newer schema than the one in the database)."""
    published = datetime(2024, 1, 31, 12, tzinfo=UTC)
    with engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection)
        for i in range(3):
            connection.execute(
                insert(tables.tables["document"]).values(
                    id=i + 1,
                    source=f"outlet {i}",
                    url=f"https://example.org/{i}",
                    published=published + timedelta(hours=i),
                    lang="en",
                    kind="article",
                    content_hash=f"hash{i}",
                    text=f"text {i}",
                    created_at=published,
                )
            )
            connection.execute(
                insert(tables.tables["document_term"]).values(document_id=i + 1, term="ukraine")
            )
            connection.execute(
                insert(tables.tables["claim"]).values(
                    id=i + 1,
                    document_id=i + 1,
                    value=195 + i,
                    quantity="released",
                    counted="POWs",
                    sides="ukraine",
                    scope="",
                    event="exchange",
                    quote=f"{195 + i} POWs",
                    sentence=f"{195 + i} POWs were released.",
                    position=0,
                    tense="current",
                    subset=False,
                    created_at=published,
                )
            )
        connection.execute(
            insert(tables.tables["relation"]).values(
                id=1, kind="conflict", claim_a_id=1, claim_b_id=2, why="differ", created_at=published
            )
        )
        connection.execute(
            insert(tables.tables["subscription"]).values(chat_id=42, words="pows", created_at=published)
        )
        connection.execute(
            insert(tables.tables["follow"]).values(
                chat_id=42,
                quantity="released",
                sides="ukraine",
                label="POWs",
                claim_id=1,
                created_at=published,
            )
        )
        connection.execute(
            insert(tables.tables["outbox"]).values(
                chat_id=42,
                relation_id=1,
                batch="b",
                text="alert",
                status="pending",
                attempts=0,
                next_attempt_at=published,
                created_at=published,
            )
        )


def counts(engine: Engine) -> dict[str, int]:
    tables: list[type[SQLModel]] = [
        DocumentRow,
        DocumentTermRow,
        ClaimRow,
        RelationRow,
        SubscriptionRow,
        FollowRow,
        OutboxRow,
    ]
    with engine.connect() as connection:
        return {
            str(t.__tablename__): connection.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[arg-type]
            for t in tables
        }


def candidates(engine: Engine) -> list[tuple[int | None, str]]:
    with Session(engine) as session:
        found = store.candidate_claims(
            session,
            terms=["ukraine"],
            around=datetime(2024, 1, 31, tzinfo=UTC),
            window=timedelta(days=3),
        )
        whole = {row.id: row for row in store.claim_rows(session, claim_ids=[row.id for row in found])}
        return [(row.id, whole[row.id].document_source) for row in found]


def test_upgrade_from_the_first_revision_keeps_every_row(blank: Engine) -> None:
    upgrade(blank, FIRST_REVISION)
    assert current_revision(blank) == FIRST_REVISION
    fill(blank)
    before = counts(blank)
    assert before == {
        "document": 3,
        "document_term": 3,
        "claim": 3,
        "relation": 1,
        "subscription": 1,
        "follow": 1,
        "outbox": 1,
    }

    assert upgrade(blank) == (FIRST_REVISION, head_revision())
    assert counts(blank) == before
    # The look-up reads the term counts of revision 0004, filled from the terms already recorded.
    with Session(blank) as session:
        frequencies = session.exec(select(TermFrequencyRow.term, TermFrequencyRow.documents)).all()
        assert frequencies == [("ukraine", 3)]
        published = session.exec(
            select(DocumentTermRow.published, DocumentRow.published).join(
                DocumentRow, col(DocumentRow.id) == col(DocumentTermRow.document_id)
            )
        ).all()
        assert len(published) == 3 and all(term == document for term, document in published)
    assert len(candidates(blank)) == 3
    with Session(blank) as session:
        document = session.get(DocumentRow, 2)
        assert document is not None and document.published == datetime(2024, 1, 31, 13, tzinfo=UTC)
        claim = session.get(ClaimRow, 3)
        assert claim is not None and claim.quote == "197 POWs" and claim.event == "exchange"
        # A follow made before stories follows the story of the figure it was made from (revision 0006);
        # an alert made before is a conflict that names no follow or subscription.
        [follow] = session.exec(select(FollowRow)).all()
        assert (follow.quantity, follow.sides, follow.names, follow.event) == (
            "released",
            "ukraine",
            "exchange",
            "",
        )
        [alert] = session.exec(select(OutboxRow)).all()
        assert (alert.kind, alert.follow_id, alert.subscription_id) == ("conflict", None, None)
    # The upgraded schema takes what the first one could not on PostgreSQL: a 64-bit chat id.
    with transaction(blank) as session:
        session.add(SubscriptionRow(chat_id=SUPERGROUP, words=""))
    with Session(blank) as session:
        chats = session.exec(select(SubscriptionRow.chat_id).order_by(col(SubscriptionRow.id))).all()
        assert list(chats) == [42, SUPERGROUP]


def test_an_empty_database_is_brought_to_the_newest_revision_at_start(blank: Engine) -> None:
    ensure_current(blank)
    assert current_revision(blank) == head_revision()
    ensure_current(blank)  # and a current one is left alone


def test_an_old_database_is_refused_with_one_clear_line(blank: Engine) -> None:
    upgrade(blank, FIRST_REVISION)
    with pytest.raises(SchemaOutOfDate) as caught:
        ensure_current(blank)
    message = str(caught.value)
    assert "\n" not in message
    assert f"at revision {FIRST_REVISION}" in message and "run `crosscheck db upgrade`" in message
    assert current_revision(blank) == FIRST_REVISION  # refused, not touched


def test_a_database_made_without_migrations_is_refused_then_adopted(blank: Engine) -> None:
    upgrade(blank, FIRST_REVISION)  # what `create_all` of earlier versions left: these tables, no revision
    with blank.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    with pytest.raises(SchemaOutOfDate, match=r"made without migrations.*: run `crosscheck db upgrade`"):
        ensure_current(blank)
    upgrade(blank)
    assert current_revision(blank) == head_revision()


def test_the_newest_revision_is_exactly_the_models(blank: Engine) -> None:
    upgrade(blank)
    with blank.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_command_line_refuses_an_old_database_and_upgrades_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    upgrade(engine, FIRST_REVISION)
    fill(engine)
    engine.dispose()

    assert main(["claims", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `crosscheck db upgrade`" in err

    assert main(["db", "upgrade", "--db", url]) == 0
    assert f"from {FIRST_REVISION} to revision {head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "up to date" in capsys.readouterr().out

    assert main(["claims", "--json", "--db", url]) == 0
    assert "197 POWs" in capsys.readouterr().out


def test_the_command_line_creates_a_new_database_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["claims", "--db", url]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "No figures recorded yet." in captured.out
    engine = make_engine(url)
    assert current_revision(engine) == head_revision()
    engine.dispose()
