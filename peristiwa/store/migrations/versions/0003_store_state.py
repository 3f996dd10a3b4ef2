"""Store state: ``incidents_stale`` says that documents changed since the incidents were computed.

``Store.add`` and ``Store.delete`` set it in the transaction that changes the documents;
``Store.rebuild_incidents`` clears it in the transaction that stores the new incidents, so a
run killed between the two finds it still set and rebuilds.  A store upgraded with documents
in it starts stale (its incidents may predate its last documents).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_state",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_store_state"),
    )
    op.execute(
        "INSERT INTO store_state (name, value) SELECT 'incidents_stale', "
        "CASE WHEN EXISTS (SELECT 1 FROM documents) THEN '1' ELSE '0' END"
    )


def downgrade() -> None:
    op.drop_table("store_state")
