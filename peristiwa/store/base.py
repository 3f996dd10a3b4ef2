"""The store's connection and the helpers every part of it shares."""

from __future__ import annotations

from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from peristiwa.store import query as q
from peristiwa.store.db import StoreError, default_url, make_engine, migrate
from peristiwa.store.schema import (
    documents,
)

MAX_LIMIT = 500


def check_limit(limit: int, offset: int = 0) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise StoreError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, not {offset}")


class StoreBase:
    """A results store behind one interface: SQLite (a file) or PostgreSQL (a URL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None, *, upgrade: bool = True) -> Self:
        """Open (and create or migrate) the store at ``db``: a path, ``sqlite:///…`` or ``postgresql://…``.

        Without ``db``: ``$PERISTIWA_DB``, else ``./peristiwa.db``.
        """
        engine = make_engine(db or default_url())
        try:
            if upgrade:
                migrate(engine)
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the store at {db or default_url()}: {exc.orig}") from exc
        return cls(engine)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _insert(self, table: sa.Table) -> Any:
        from sqlalchemy.dialects import postgresql, sqlite

        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def has(self, content_id: str) -> bool:
        """Tell whether the document with this content hash is stored."""
        q.no_nul(content_id)
        with self.engine.connect() as conn:
            return (
                conn.execute(sa.select(documents.c.pk).where(documents.c.id == content_id)).first()
                is not None
            )

