"""Alembic environment: run by storage.schema with an open connection (config.attributes["connection"]).

No alembic.ini: storage.schema builds the Config in code. SQLite gets batch mode (ALTER TABLE by copy).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only storage.schema runs migrations
    raise RuntimeError("run migrations through `crosscheck db upgrade` (storage.schema.upgrade)")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
