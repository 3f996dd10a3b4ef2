"""Alembic migrations of the store (run by ``peristiwa.store.db.migrate``)."""
