"""Chat ids take 64 bits: Telegram supergroups are -100xxxxxxxxxx, PostgreSQL's INTEGER has 32.

On SQLite an INTEGER holds 64 bits already; batch mode copies each table to change the declared type.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TABLES = {
    "feedback": False,
    "follow": False,
    "incoming_update": True,
    "outbox": False,
    "submission": False,
    "subscription": False,
}  # table -> chat_id nullable


def upgrade() -> None:
    for table, nullable in TABLES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                "chat_id", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=nullable
            )


def downgrade() -> None:
    for table, nullable in TABLES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                "chat_id", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=nullable
            )
