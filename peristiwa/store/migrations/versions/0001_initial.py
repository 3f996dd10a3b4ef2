"""The first schema: documents, actors and their names, entities, mentions, events, roles, relations.

SQLite gets an FTS5 index on the article text (kept in step by triggers); PostgreSQL a stored
``tsv`` column (``to_tsvector('simple', title || text)``) with a GIN index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(1000), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("published_date", sa.Date),
        sa.Column("source", sa.String(1000)),
        sa.Column("url", sa.Text),
        sa.Column("lang", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_entities", sa.Integer, nullable=False, server_default="0"),
        sa.Column("extractor", sa.String(100)),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_documents"),
        sa.UniqueConstraint("id", name="uq_documents_id"),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_published_date", "documents", ["published_date"])

    op.create_table(
        "actors",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("norm", sa.String(600), nullable=False),
        sa.Column("type", sa.String(8)),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(8)),
        sa.Column("kb_id", sa.String(32)),
        sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("pk", name="pk_actors"),
        sa.UniqueConstraint("key", name="uq_actors_key"),
    )
    op.create_index("ix_actors_norm", "actors", ["norm"])
    op.create_index("ix_actors_n_events", "actors", ["n_events"])

    op.create_table(
        "actor_names",
        sa.Column("actor_pk", sa.Integer, nullable=False),
        sa.Column("norm", sa.String(600), nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.PrimaryKeyConstraint("actor_pk", "norm", name="pk_actor_names"),
        sa.ForeignKeyConstraint(
            ["actor_pk"], ["actors.pk"], ondelete="CASCADE", name="fk_actor_names_actor_pk_actors"
        ),
    )
    op.create_index("ix_actor_names_norm", "actor_names", ["norm"])

    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("actor_pk", sa.Integer, nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("type", sa.String(8)),
        sa.Column("kb_id", sa.String(32)),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(8)),
        sa.PrimaryKeyConstraint("pk", name="pk_entities"),
        sa.ForeignKeyConstraint(
            ["document_pk"], ["documents.pk"], ondelete="CASCADE", name="fk_entities_document_pk_documents"
        ),
        sa.ForeignKeyConstraint(["actor_pk"], ["actors.pk"], name="fk_entities_actor_pk_actors"),
        sa.UniqueConstraint("document_pk", "entity_id", name="uq_entities_document_pk_entity_id"),
    )
    op.create_index("ix_entities_actor_pk", "entities", ["actor_pk"])

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_pk", sa.Integer, nullable=False),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["entity_pk"], ["entities.pk"], ondelete="CASCADE", name="fk_mentions_entity_pk_entities"
        ),
        sa.ForeignKeyConstraint(
            ["document_pk"], ["documents.pk"], ondelete="CASCADE", name="fk_mentions_document_pk_documents"
        ),
    )
    op.create_index("ix_mentions_entity_pk", "mentions", ["entity_pk"])
    op.create_index("ix_mentions_document_pk", "mentions", ["document_pk"])

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("sort_date", sa.Date, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_text", sa.Text),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("location_text", sa.Text),
        sa.Column("place", sa.String(1000)),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.String(1000)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.String(16)),
        sa.Column("fatalities_min", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        sa.Column("fatalities_text", sa.Text),
        sa.Column("injuries_min", sa.Integer),
        sa.Column("injuries_max", sa.Integer),
        sa.Column("injuries_text", sa.Text),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["document_pk"], ["documents.pk"], ondelete="CASCADE", name="fk_events_document_pk_documents"
        ),
        sa.UniqueConstraint("document_pk", "event_id", name="uq_events_document_pk_event_id"),
    )
    op.create_index("ix_events_document_pk", "events", ["document_pk"])
    op.create_index("ix_events_sort_date_pk", "events", ["sort_date", "pk"])
    op.create_index("ix_events_type_sort_date_pk", "events", ["type", "sort_date", "pk"])
    op.create_index("ix_events_country_sort_date_pk", "events", ["country", "sort_date", "pk"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])

    op.create_table(
        "event_roles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_pk", sa.Integer, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(64)),
        sa.Column("actor_pk", sa.Integer),
        sa.Column("entity_type", sa.String(8)),
        sa.Column("sector", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("norm", sa.String(600), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("inferred", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_event_roles"),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], ondelete="CASCADE", name="fk_event_roles_event_pk_events"
        ),
        sa.ForeignKeyConstraint(["actor_pk"], ["actors.pk"], name="fk_event_roles_actor_pk_actors"),
    )
    op.create_index("ix_event_roles_event_pk", "event_roles", ["event_pk"])
    op.create_index("ix_event_roles_norm", "event_roles", ["norm"])
    op.create_index("ix_event_roles_actor_pk_event_pk", "event_roles", ["actor_pk", "event_pk"])

    op.create_table(
        "relations",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("subject_actor_pk", sa.Integer),
        sa.Column("object_actor_pk", sa.Integer),
        sa.Column("former", sa.Boolean, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_relations"),
        sa.ForeignKeyConstraint(
            ["document_pk"], ["documents.pk"], ondelete="CASCADE", name="fk_relations_document_pk_documents"
        ),
        sa.ForeignKeyConstraint(
            ["subject_actor_pk"], ["actors.pk"], name="fk_relations_subject_actor_pk_actors"
        ),
        sa.ForeignKeyConstraint(
            ["object_actor_pk"], ["actors.pk"], name="fk_relations_object_actor_pk_actors"
        ),
    )
    op.create_index("ix_relations_document_pk", "relations", ["document_pk"])
    op.create_index("ix_relations_relation", "relations", ["relation"])
    op.create_index("ix_relations_subject_actor_pk", "relations", ["subject_actor_pk"])
    op.create_index("ix_relations_object_actor_pk", "relations", ["object_actor_pk"])

    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5: the text lives once, in documents; triggers keep the index in step.
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
            "content_rowid='pk', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.pk, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.pk, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
        )
    else:
        # A stored tsvector: the index reads it, and so does a row-by-row check (no re-parsing of the text).
        op.execute(
            "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_documents_fulltext ON documents USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in (
        "relations",
        "event_roles",
        "events",
        "mentions",
        "entities",
        "actor_names",
        "actors",
        "documents",
    ):
        op.drop_table(table)
