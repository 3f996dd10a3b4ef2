"""Watches and alerts; who took part in each incident; each incident's Goldstein score and QuadClass.

- ``incident_parties``: the actors and targets of each incident (key, name, country), derived
  like the incidents themselves (``Store.rebuild_incidents`` refills it), so series and watches
  can select incidents by actor or dyad with an index.
- ``incidents.goldstein`` / ``incidents.quad_class``: from the CAMEO crosswalk (type and mode).
- ``watches``: what a crisis desk watches and the rules that raise alerts (``peristiwa.corpus.alerts``).
- ``alerts``: each alert once (``key`` is unique); ``alert_marks``: the incident members an
  alert was raised for (incident ids change when a new report joins); ``alert_outbox``: webhook
  deliveries that failed, retried on the next run.

Existing incidents get their parties and scores here, from their stored data.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("goldstein", sa.Float))
    op.add_column("incidents", sa.Column("quad_class", sa.Integer))
    op.create_table(
        "incident_parties",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_pk", sa.Integer, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("key", sa.String(600)),
        sa.Column("norm", sa.String(600), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sort_date", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_incident_parties"),
        sa.ForeignKeyConstraint(
            ["incident_pk"],
            ["incidents.pk"],
            ondelete="CASCADE",
            name="fk_incident_parties_incident_pk_incidents",
        ),
    )
    op.create_index("ix_incident_parties_incident_pk", "incident_parties", ["incident_pk"])
    for col in ("country", "key", "norm"):
        op.create_index(f"ix_incident_parties_{col}_role_sort_date", "incident_parties",
                        [col, "role", "sort_date", "incident_pk"])
    op.create_index("ix_incidents_sort_date_series", "incidents",
                    ["sort_date", "type", "quad_class", "fatalities", "goldstein"])

    op.create_table(
        "watches",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column("rules", sa.Text, nullable=False),
        sa.Column("webhook", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_watches"),
        sa.UniqueConstraint("name", name="uq_watches_name"),
    )
    op.create_table(
        "alerts",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("watch_pk", sa.Integer, nullable=False),
        sa.Column("watch", sa.String(200), nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("raised_at", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_alerts"),
        sa.UniqueConstraint("key", name="uq_alerts_key"),
        sa.ForeignKeyConstraint(["watch_pk"], ["watches.pk"], ondelete="CASCADE",
                                name="fk_alerts_watch_pk_watches"),
    )
    op.create_index("ix_alerts_watch_pk_rule_day", "alerts", ["watch_pk", "rule", "day"])
    op.create_index("ix_alerts_raised_at", "alerts", ["raised_at"])
    op.create_table(
        "alert_marks",
        sa.Column("watch_pk", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("member", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("watch_pk", "rule", "member", name="pk_alert_marks"),
        sa.ForeignKeyConstraint(["watch_pk"], ["watches.pk"], ondelete="CASCADE",
                                name="fk_alert_marks_watch_pk_watches"),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_pk", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_alert_outbox"),
        sa.ForeignKeyConstraint(["alert_pk"], ["alerts.pk"], ondelete="CASCADE",
                                name="fk_alert_outbox_alert_pk_alerts"),
    )
    op.create_index("ix_alert_outbox_alert_pk", "alert_outbox", ["alert_pk"])
    _backfill()


def _backfill() -> None:
    """Give the incidents already stored their parties, Goldstein score and QuadClass."""
    from peristiwa.output.crosswalk import cameo
    from peristiwa.store.rows import party_rows

    conn = op.get_bind()
    inc = sa.table("incidents", sa.column("pk", sa.Integer), sa.column("type", sa.String),
                   sa.column("sort_date", sa.Date),
                   sa.column("mode", sa.String), sa.column("data", sa.Text),
                   sa.column("goldstein", sa.Float), sa.column("quad_class", sa.Integer))
    parties = sa.table("incident_parties", sa.column("incident_pk", sa.Integer), sa.column("role", sa.String),
                       sa.column("key", sa.String), sa.column("norm", sa.String), sa.column("country", sa.String),
                       sa.column("sort_date", sa.Date))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(inc.c.pk, inc.c.type, inc.c.mode, inc.c.data, inc.c.sort_date)
            .where(inc.c.pk > last).order_by(inc.c.pk)
            .limit(1000)
        ).all()
        if not rows:
            return
        found_rows: list[dict[str, object]] = []
        for pk, type_, mode, raw, day in rows:
            found = cameo(type_, mode)
            if found is not None:
                conn.execute(inc.update().where(inc.c.pk == pk)
                             .values(goldstein=found.goldstein, quad_class=found.quad_class))
            found_rows.extend(party_rows(pk, json.loads(raw), day))
        if found_rows:
            conn.execute(parties.insert(), found_rows)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_table("alert_outbox")
    op.drop_table("alert_marks")
    op.drop_table("alerts")
    op.drop_table("watches")
    op.drop_table("incident_parties")
    op.drop_index("ix_incidents_sort_date_series", "incidents")
    op.drop_column("incidents", "quad_class")
    op.drop_column("incidents", "goldstein")
