"""The database schema's version: Alembic migrations shipped in storage/migrations, run from code.

    upgrade(engine)        bring the database to the newest revision (`crosscheck db upgrade`)
    ensure_current(engine) at start: a brand-new empty database is upgraded silently; one at an older
                           revision (or with tables but no revision) raises SchemaOutOfDate
    current_revision / head_revision

A database made before migrations existed (tables of the first revision, no `alembic_version`) is adopted by
`upgrade`: it is stamped at the first revision, then upgraded. Both run under the schema lock of
storage.db, so two processes starting on one empty database do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from storage.db import schema_lock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
FIRST_REVISION = "0001"
# The tables of the first revision: a database holding all of them but no revision is one made by the
# `create_all` of earlier versions, and is adopted at FIRST_REVISION.
FIRST_TABLES = frozenset(
    {
        "document",
        "claim",
        "relation",
        "document_term",
        "incoming_update",
        "subscription",
        "follow",
        "outbox",
        "feedback",
        "submission",
    }
)


class SchemaOutOfDate(RuntimeError):
    """The database was made by an older version of the program (or by something else)."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config without alembic.ini: the migrations folder inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Upgrade the database to `revision` (default: the newest); returns (revision before, revision after)."""
    with engine.begin() as connection:
        schema_lock(connection)
        before = _revision(connection)
        if before is None and _tables(connection) >= FIRST_TABLES:
            command.stamp(alembic_config(connection), FIRST_REVISION)
            before = FIRST_REVISION
        command.upgrade(alembic_config(connection), revision)
        after = _revision(connection)
    assert after is not None
    return before, after


def ensure_current(engine: Engine) -> None:
    """Start-up check: upgrade an empty database to the newest revision; refuse an older one."""
    head = head_revision()
    with engine.connect() as connection:
        current = _revision(connection)
        tables = _tables(connection)
    if current == head:
        return
    if current is None and not tables:
        upgrade(engine)
        return
    where = f"at revision {current}" if current else "made without migrations"
    raise SchemaOutOfDate(
        f"the database schema is {where}, this program needs {head}: run `crosscheck db upgrade`"
    )
