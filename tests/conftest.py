"""Shared fixtures: one loaded extractor per run, and databases on both engines.

`engine` runs each test on SQLite (a file in tmp_path) and on PostgreSQL (127.0.0.1:5432, in a schema of
its own, dropped afterwards). Without a PostgreSQL server the PostgreSQL half is skipped with the reason,
except under CI=true, where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, create_engine, text

from storage.db import create_schema, make_engine

if TYPE_CHECKING:
    from bot.pipeline.extract import Extractor

POSTGRES_URL = os.environ.get("CROSSCHECK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    from bot.pipeline.extract import Extractor

    loaded = Extractor()
    _ = loaded.parser
    return loaded


def _postgres_available() -> str | None:
    try:
        probe = create_engine(POSTGRES_URL)
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as error:
        return f"PostgreSQL at {POSTGRES_URL} is not reachable: {error.__class__.__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_reason() -> str | None:
    return _postgres_available()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path, postgres_reason: str | None) -> Iterator[Engine]:
    if request.param == "sqlite":
        made = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        create_schema(made)
        yield made
        made.dispose()
        return
    if postgres_reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(postgres_reason)
        pytest.skip(postgres_reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    made = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    create_schema(made)
    try:
        yield made
    finally:
        made.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
