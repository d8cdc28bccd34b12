"""Look-ups by rare names: how many documents mention each term (a look-up reads the rarest first), and
the document's publication time on each of its terms (a look-up reads one index, not the documents too).

Both filled from what is already recorded.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_frequency",
        sa.Column("term", sa.String(length=120), primary_key=True),
        sa.Column("documents", sa.Integer(), nullable=False),
    )
    op.execute(
        "INSERT INTO term_frequency (term, documents) SELECT term, COUNT(*) FROM document_term GROUP BY term"
    )
    with op.batch_alter_table("document_term") as batch_op:
        batch_op.add_column(sa.Column("published", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE document_term SET published = "
        "(SELECT published FROM document WHERE document.id = document_term.document_id)"
    )
    op.drop_index("ix_document_term_term", table_name="document_term")
    op.create_index("ix_document_term_term", "document_term", ["term", "document_id", "published"])


def downgrade() -> None:
    op.drop_index("ix_document_term_term", table_name="document_term")
    op.create_index("ix_document_term_term", "document_term", ["term", "document_id"])
    with op.batch_alter_table("document_term") as batch_op:
        batch_op.drop_column("published")
    op.drop_table("term_frequency")
