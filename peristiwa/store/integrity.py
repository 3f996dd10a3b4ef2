"""Integrity: the stored counts and links agree with the rows they count."""

from __future__ import annotations

import sqlalchemy as sa

from peristiwa.store.base import StoreBase
from peristiwa.store.schema import (
    actors,
    documents,
    entities,
    events,
)


class Integrity(StoreBase):
    """Checks that the stored counts agree with the rows."""

    def integrity_check(self) -> list[str]:
        """Return the problems found in the store (empty when it is consistent)."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                status = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                if status != ["ok"]:
                    problems.extend(f"sqlite: {s}" for s in status)
                problems.extend(
                    f"foreign key: {tuple(r)}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
                )
                try:
                    conn.exec_driver_sql(
                        "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"
                    )
                except sa.exc.DatabaseError as exc:
                    problems.append(f"full-text index: {exc.orig}")
                conn.rollback()
            n_ev = sa.select(sa.func.count()).where(events.c.document_pk == documents.c.pk).scalar_subquery()
            for doc_id, stored, counted in conn.execute(
                sa.select(documents.c.id, documents.c.n_events, n_ev).where(documents.c.n_events != n_ev)
            ):
                problems.append(f"document {doc_id}: n_events {stored} but {counted} events stored")
            n_docs = (
                sa.select(sa.func.count(sa.distinct(entities.c.document_pk)))
                .where(entities.c.actor_pk == actors.c.pk)
                .scalar_subquery()
            )
            for key, stored, counted in conn.execute(
                sa.select(actors.c.key, actors.c.n_documents, n_docs).where(actors.c.n_documents != n_docs)
            ):
                problems.append(f"actor {key}: n_documents {stored} but {counted} documents")
        return problems


