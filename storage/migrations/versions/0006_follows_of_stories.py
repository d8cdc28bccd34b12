"""A follow is of a story: the names of its event or place beside its quantity and side, and the word for what
happened. An alert remembers its relation's kind and which follow or subscription it matched (for "Mute this"
and "Why did I get this?").

Follows recorded before get the names of the figure they were made from (its event's names and the places of
its scope), so they keep alerting on that story; one whose figure is gone keeps no names and follows its
quantity anywhere, as before. Alerts recorded before are conflicts that name no follow or subscription.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORD = re.compile(r"\w+")


def _names(event: str, scope: str, claimant: str | None) -> str:
    """The story's names of one claim, as bot.pipeline.alerts reads them (without its country words: those
    are read as their country when compared): names of the event and places of the scope, less the words of
    who says it unless that leaves none."""
    found = {t for t in event.split(",") if t and ":" not in t}
    found |= {s.split(":", 1)[1] for s in scope.split(",") if s.startswith("in:")}
    said = set(_WORD.findall((claimant or "").casefold()))
    return ",".join(sorted(found - said or found))


def upgrade() -> None:
    with op.batch_alter_table("follow") as batch_op:
        batch_op.add_column(sa.Column("names", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("event", sa.String(length=64), nullable=False, server_default=""))
    connection = op.get_bind()
    follows = connection.execute(
        sa.text(
            "SELECT follow.id, claim.event, claim.scope, claim.claimant FROM follow "
            "JOIN claim ON claim.id = follow.claim_id"
        )
    ).all()
    for follow_id, event, scope, claimant in follows:
        connection.execute(
            sa.text("UPDATE follow SET names = :names WHERE id = :id"),
            {"names": _names(event or "", scope or "", claimant)[:300], "id": follow_id},
        )
    with op.batch_alter_table("follow") as batch_op:
        batch_op.drop_constraint("uq_follow_chat_quantity_sides", type_="unique")
        batch_op.create_unique_constraint("uq_follow_chat_story", ["chat_id", "quantity", "sides", "names"])
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="conflict")
        )
        batch_op.add_column(sa.Column("follow_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("subscription_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_outbox_follow_id_follow", "follow", ["follow_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            "fk_outbox_subscription_id_subscription",
            "subscription",
            ["subscription_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_constraint("fk_outbox_subscription_id_subscription", type_="foreignkey")
        batch_op.drop_constraint("fk_outbox_follow_id_follow", type_="foreignkey")
        batch_op.drop_column("subscription_id")
        batch_op.drop_column("follow_id")
        batch_op.drop_column("kind")
    # Follows of one quantity for several stories become one again: keep the oldest of each.
    op.execute(
        "DELETE FROM follow WHERE id NOT IN (SELECT MIN(id) FROM follow GROUP BY chat_id, quantity, sides)"
    )
    with op.batch_alter_table("follow") as batch_op:
        batch_op.drop_constraint("uq_follow_chat_story", type_="unique")
        batch_op.create_unique_constraint("uq_follow_chat_quantity_sides", ["chat_id", "quantity", "sides"])
        batch_op.drop_column("event")
        batch_op.drop_column("names")
