"""Incidents: events of different documents that report the same act, and their members.

Both tables are derived data: ``Store.rebuild_incidents`` empties and refills them from the
stored results; this migration only creates them (a store opened after the upgrade has no
incidents until the next ``ingest``, ``batch --db`` or ``incidents --db … --rebuild``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("sort_date", sa.Date, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("place", sa.String(1000)),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.String(1000)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_min", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        sa.Column("injuries", sa.Integer),
        sa.Column("injuries_min", sa.Integer),
        sa.Column("injuries_max", sa.Integer),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_incidents"),
        sa.UniqueConstraint("id", name="uq_incidents_id"),
    )
    op.create_index("ix_incidents_sort_date_id", "incidents", ["sort_date", "id"])
    op.create_index("ix_incidents_type_sort_date_id", "incidents", ["type", "sort_date", "id"])
    op.create_index("ix_incidents_country_sort_date_id", "incidents", ["country", "sort_date", "id"])
    op.create_index("ix_incidents_n_reports_sort_date_id", "incidents", ["n_reports", "sort_date", "id"])

    op.create_table(
        "incident_members",
        sa.Column("incident_pk", sa.Integer, nullable=False),
        sa.Column("event_pk", sa.Integer, nullable=False),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("incident_pk", "event_pk", name="pk_incident_members"),
        sa.ForeignKeyConstraint(
            ["incident_pk"],
            ["incidents.pk"],
            ondelete="CASCADE",
            name="fk_incident_members_incident_pk_incidents",
        ),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], ondelete="CASCADE", name="fk_incident_members_event_pk_events"
        ),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.pk"],
            ondelete="CASCADE",
            name="fk_incident_members_document_pk_documents",
        ),
    )
    op.create_index("ix_incident_members_document_pk", "incident_members", ["document_pk"])
    op.create_index("ix_incident_members_event_pk", "incident_members", ["event_pk"], unique=True)


def downgrade() -> None:
    op.drop_table("incident_members")
    op.drop_table("incidents")
