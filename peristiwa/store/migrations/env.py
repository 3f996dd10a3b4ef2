"""Alembic environment: migrations run on the connection the store hands over (never from a config file)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("peristiwa's migrations run through peristiwa.store (Store.open), not the alembic CLI")
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
