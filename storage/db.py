"""Engines and sessions: the one module that knows SQLite from PostgreSQL.

`make_engine` turns a `DATABASE_URL` into an engine with the right driver and settings; `transaction` opens
one write transaction (on SQLite `BEGIN IMMEDIATE`, so read-then-write use cases never deadlock).
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import IO, Any, TypeVar

from sqlalchemy import Connection, Engine, Insert, Table, event, or_, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.sql.selectable import GenerativeSelect
from sqlmodel import Session, create_engine

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

SelectT = TypeVar("SelectT", bound=GenerativeSelect)


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` get the psycopg 3 driver; `sqlite:///x` stays as it is."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout, foreign keys and explicit transactions."""
    url = normalize_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False, "timeout": 30},
        # Connections are kept (SQLAlchemy's queue pool): closing the last connection to a WAL database
        # checkpoints and deletes the WAL, which made every transaction pay a reconnect and a checkpoint.
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling would defer BEGIN; we emit it ourselves (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: concurrent read-then-write transactions wait instead of
        # failing with "database is locked" half-way.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_schema(engine: Engine) -> None:
    """Bring the database to the newest schema revision (the Alembic migrations of storage/migrations)."""
    from storage.schema import upgrade

    upgrade(engine)


# An arbitrary constant: the PostgreSQL advisory lock that serialises schema changes between processes.
SCHEMA_LOCK_KEY = 7_340_041_905


def schema_lock(connection: Connection) -> None:
    """Hold the schema lock until the connection's transaction ends. On SQLite the transaction's
    BEGIN IMMEDIATE is the lock already; on PostgreSQL a transaction-level advisory lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})


# The advisory lock that serialises outbox claims between processes (PostgreSQL).
OUTBOX_LOCK_KEY = 7_340_041_906


def claim_lock(session: Session, key: int = OUTBOX_LOCK_KEY) -> None:
    """Serialise one kind of claim between processes until the session's transaction ends: on PostgreSQL a
    transaction-level advisory lock; on SQLite the transaction's BEGIN IMMEDIATE has done it already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def insert_if_absent(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: True if the row went in, False if one with its key was there
    (on PostgreSQL a concurrent insert of the same key waits for the other transaction, then yields)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    key = next(iter(table.primary_key.columns))
    statement = insert(table).values(**values).on_conflict_do_nothing().returning(key)
    return session.execute(statement).first() is not None  # (rowcount is -1 here with psycopg)


def count_up(session: Session, table: Table, *, key: str, counter: str, amounts: Mapping[str, int]) -> None:
    """Add `amounts[k]` to `counter` of the row keyed k, creating missing rows, in one statement
    (INSERT … ON CONFLICT DO UPDATE; concurrent writers each add theirs). Keys go in sorted, so that two
    transactions lock rows in the same order."""
    if not amounts:
        return
    statement = _count_up_statement(session.get_bind().dialect.name, table, key, counter)
    session.execute(statement, [{key: k, counter: amounts[k]} for k in sorted(amounts)])


@lru_cache(maxsize=16)
def _count_up_statement(dialect: str, table: Table, key: str, counter: str) -> Insert:
    """Built once per table: an ingest counts up on every document, and building it cost more than running."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c[key]], set_={counter: table.c[counter] + statement.excluded[counter]}
    )


def upsert(session: Session, table: Table, values: dict[str, Any], *, update: Sequence[str]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE the `update` columns, and only when one of them changes (a row
    that already holds the values is not rewritten)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table).values(**values)
    changed = or_(*(table.c[name].is_distinct_from(statement.excluded[name]) for name in update))
    key = [column.name for column in table.primary_key.columns]
    extra = {name: statement.excluded[name] for name in values if name not in update and name not in key}
    session.execute(
        statement.on_conflict_do_update(
            index_elements=key,
            set_={**{name: statement.excluded[name] for name in update}, **extra},
            where=changed,
        )
    )


def skip_locked(query: SelectT) -> SelectT:
    """`query` locking the rows it reads for this transaction, skipping rows another transaction holds
    (PostgreSQL `FOR UPDATE SKIP LOCKED`). SQLite has one writer at a time (BEGIN IMMEDIATE): unchanged."""
    return query.with_for_update(skip_locked=True)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# The session-level advisory lock a polling process holds for its life (PostgreSQL), one per schema: two
# databases in two schemas of one server are two databases.
POLLER_LOCK_KEY = 734_004_190
_POLLER_LOCK = "(:key, hashtext(current_schema()))"


class PollerLock:
    """Held by the one process that polls Telegram for a database; released when the process ends, however
    it ends (an OS file lock beside a SQLite file, a session advisory lock on a PostgreSQL connection), so a
    restart after a crash takes it at once and a second poller is refused."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._file: IO[bytes] | None = None
        self._connection: Connection | None = None

    def acquire(self) -> bool:
        """Take the lock; False if another live process holds it."""
        if is_sqlite(self._engine):
            database = self._engine.url.database
            if not database or database == ":memory:":
                return True  # nothing another process could share
            handle = open(f"{database}.poller", "ab")  # noqa: SIM115  (held open for the process's life)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            self._file = handle
            return True
        connection = self._engine.connect()
        held = connection.execute(
            text("SELECT pg_try_advisory_lock" + _POLLER_LOCK), {"key": POLLER_LOCK_KEY}
        ).scalar()
        connection.commit()
        if not held:
            connection.close()
            return False
        self._connection = connection
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._connection is not None:
            with suppress(Exception):  # the server may be gone; the lock went with the connection then
                unlock = text("SELECT pg_advisory_unlock" + _POLLER_LOCK)
                self._connection.execute(unlock, {"key": POLLER_LOCK_KEY})
                self._connection.commit()
            self._connection.close()
            self._connection = None
