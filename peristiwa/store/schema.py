"""The store's tables (SQLAlchemy Core); the migrations in ``migrations/versions`` create them.

Every table has an integer surrogate key ``pk`` for joins; the natural, content-hashed ids
(``documents.id``, the contract's ``event_id``/``entity_id`` within a document, ``actors.key``)
are unique columns, so inserting the same document twice is a no-op.  A test checks that the
migrations and these definitions agree.
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)


def _document_pk() -> sa.Column[int]:
    """The indexed column that ties a row to its document; the row goes when the document does."""
    return sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"),
                     nullable=False, index=True)


# Sort key of events with no date at all: before every real date.
NO_DATE = "0001-01-01"

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),  # content hash of the input document
    sa.Column("doc_id", sa.String(1000), nullable=False, index=True),  # the caller's id
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(64)),  # as given (ISO 8601 date or datetime)
    sa.Column("published_date", sa.Date, index=True),
    sa.Column("source", sa.String(1000)),
    sa.Column("url", sa.Text),
    sa.Column("lang", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("result", sa.Text, nullable=False),  # the contract result as JSON
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_entities", sa.Integer, nullable=False, server_default="0"),
    sa.Column("extractor", sa.String(100)),
    sa.Column("ingested_at", sa.String(32), nullable=False),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(600), nullable=False, unique=True),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("norm", sa.String(600), nullable=False, index=True),
    sa.Column("type", sa.String(8)),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(8)),
    sa.Column("kb_id", sa.String(32)),
    sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0", index=True),
)

actor_names = sa.Table(
    "actor_names",
    metadata,
    sa.Column("actor_pk", sa.Integer, sa.ForeignKey("actors.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("norm", sa.String(600), primary_key=True, index=True),
    sa.Column("name", sa.String(1000), nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("actor_pk", sa.Integer, sa.ForeignKey("actors.pk"), nullable=False, index=True),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("type", sa.String(8)),
    sa.Column("kb_id", sa.String(32)),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(8)),
    sa.UniqueConstraint("document_pk", "entity_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "entity_pk", sa.Integer, sa.ForeignKey("entities.pk", ondelete="CASCADE"), nullable=False, index=True
    ),
    _document_pk(),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_pk(),
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    # The event's first day, else the publication day, else NO_DATE: what filters and sorting use.
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
    sa.UniqueConstraint("document_pk", "event_id"),
    sa.Index("ix_events_sort_date_pk", "sort_date", "pk"),
    sa.Index("ix_events_type_sort_date_pk", "type", "sort_date", "pk"),
    sa.Index("ix_events_country_sort_date_pk", "country", "sort_date", "pk"),
    sa.Index("ix_events_lat_lon", "lat", "lon"),
)

event_roles = sa.Table(
    "event_roles",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("role", sa.String(8), nullable=False),  # actor | target
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("entity_id", sa.String(64)),  # the contract's entity id in this document
    sa.Column("actor_pk", sa.Integer, sa.ForeignKey("actors.pk")),
    sa.Column("entity_type", sa.String(8)),  # of the linked entity, copied for exports and the graph
    sa.Column("sector", sa.String(8)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("norm", sa.String(600), nullable=False, index=True),
    sa.Column("country", sa.String(3)),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("inferred", sa.Boolean, nullable=False),
    sa.Index("ix_event_roles_actor_pk_event_pk", "actor_pk", "event_pk"),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_pk(),
    sa.Column("relation", sa.String(32), nullable=False, index=True),
    sa.Column("subject_id", sa.String(64), nullable=False),
    sa.Column("object_id", sa.String(64), nullable=False),
    sa.Column("subject_actor_pk", sa.Integer, sa.ForeignKey("actors.pk"), index=True),
    sa.Column("object_actor_pk", sa.Integer, sa.ForeignKey("actors.pk"), index=True),
    sa.Column("former", sa.Boolean, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
)

# Incidents: the events of different documents that report the same act (``peristiwa.corpus.incidents``),
# recomputed as a whole by ``Store.rebuild_incidents``.  ``data`` is ``Incident.to_dict()`` as JSON,
# each source with its document's store id.
incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    # The incident's first day, else NO_DATE: what filters and sorting use (as events.sort_date).
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
    # From the CAMEO crosswalk (type and mode): what series sum as intensity and group by.
    sa.Column("goldstein", sa.Float),
    sa.Column("quad_class", sa.Integer),
    sa.Index("ix_incidents_sort_date_id", "sort_date", "id"),
    sa.Index("ix_incidents_type_sort_date_id", "type", "sort_date", "id"),
    sa.Index("ix_incidents_country_sort_date_id", "country", "sort_date", "id"),
    sa.Index("ix_incidents_n_reports_sort_date_id", "n_reports", "sort_date", "id"),
    # covers the series' aggregates (no table reads)
    sa.Index("ix_incidents_sort_date_series", "sort_date", "type", "quad_class", "fatalities", "goldstein"),
)

incident_members = sa.Table(
    "incident_members",
    metadata,
    sa.Column(
        "incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    _document_pk(),
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Index("ix_incident_members_event_pk", "event_pk", unique=True),  # an event is in one incident
)

# Who took part in each incident (its ``actors`` and ``targets``): derived with the incidents.
incident_parties = sa.Table(
    "incident_parties",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("role", sa.String(8), nullable=False),  # actor | target
    sa.Column("key", sa.String(600)),  # the actor key, when the participant is linked to an entity
    sa.Column("norm", sa.String(600), nullable=False),  # the normalised name
    sa.Column("country", sa.String(3)),
    sa.Column("sort_date", sa.Date, nullable=False),  # the incident's, so a window is one index range
    sa.Index("ix_incident_parties_country_role_sort_date", "country", "role", "sort_date", "incident_pk"),
    sa.Index("ix_incident_parties_key_role_sort_date", "key", "role", "sort_date", "incident_pk"),
    sa.Index("ix_incident_parties_norm_role_sort_date", "norm", "role", "sort_date", "incident_pk"),
)

# Watches (``peristiwa.corpus.alerts``): ``spec`` is what to watch as JSON, ``rules`` the rules as a JSON list.
watches = sa.Table(
    "watches",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("spec", sa.Text, nullable=False),
    sa.Column("rules", sa.Text, nullable=False),
    sa.Column("webhook", sa.Text),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# Alerts, each stored once under its ``key``; ``data`` holds the figures, incidents and evidence.
alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),
    sa.Column("watch_pk", sa.Integer, sa.ForeignKey("watches.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("watch", sa.String(200), nullable=False),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("raised_at", sa.String(32), nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_alerts_watch_pk_rule_day", "watch_pk", "rule", "day"),
)

# The incident members (document#event) a per-incident rule has alerted on, per watch and rule.
alert_marks = sa.Table(
    "alert_marks",
    metadata,
    sa.Column("watch_pk", sa.Integer, sa.ForeignKey("watches.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("rule", sa.String(64), primary_key=True),
    sa.Column("member", sa.String(200), primary_key=True),
)

# Webhook deliveries that failed after their retries: retried on the next run, never dropped.
alert_outbox = sa.Table(
    "alert_outbox",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_pk", sa.Integer, sa.ForeignKey("alerts.pk", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
)

# PostgreSQL only: ``documents.tsv``, a stored to_tsvector('simple', title || text) with a GIN
# index (created by the migration, not part of the portable tables above).
PG_TSVECTOR = "documents.tsv"

# Flags the store keeps about itself.  ``incidents_stale`` is "1" from the transaction that adds or
# deletes a document until a ``Store.rebuild_incidents`` commits: a run killed in between rebuilds.
store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
INCIDENTS_STALE = "incidents_stale"
