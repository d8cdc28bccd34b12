"""What a claim measures in the text's own words (counted noun, predicate, narrowing words, owner), which
the pair decision compares instead of a closed list of quantities.

Claims recorded before keep empty values: they still compare by their quantity and counted words.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch_op:
        batch_op.add_column(sa.Column("head", sa.String(length=120), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("predicate", sa.String(length=120), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("modifiers", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("owner", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claim") as batch_op:
        batch_op.drop_column("owner")
        batch_op.drop_column("modifiers")
        batch_op.drop_column("predicate")
        batch_op.drop_column("head")
