"""``Store``: keep contract results in SQLite or PostgreSQL and query them.

Writing: :meth:`Store.add` stores one document and its result in one transaction (all rows or
none), keyed by the content hash of the input document, so adding it again changes nothing.
Extracting is not the store's business: ``peristiwa.ingest.to_store.ingest`` extracts and adds,
skipping documents already stored before extracting them, so an interrupted run resumes where it
stopped.

Reading: documents, events (filters: :class:`~peristiwa.store.query.EventFilter`; newest
first; offset or cursor paging), actors and their profiles, relations, an actor graph.

Incidents (the events of different documents that report the same act, see
``peristiwa.corpus.incidents``) are derived data: :meth:`Store.rebuild_incidents` recomputes all of
them from the stored results in one transaction; deleting or replacing a document drops the
incidents it took part in until the next rebuild.
"""

from __future__ import annotations

from peristiwa.store.graph import HOSTILE_TYPES, ActorGraph
from peristiwa.store.incidents import Incidents
from peristiwa.store.integrity import Integrity
from peristiwa.store.read import MAX_LIMIT, EventPage
from peristiwa.store.write import Writes

__all__ = ["HOSTILE_TYPES", "MAX_LIMIT", "EventPage", "Store"]


class Store(Writes, ActorGraph, Incidents, Integrity):
    """A results store behind one interface: SQLite (a file) or PostgreSQL (a URL).

    Its parts: ``write`` (add, delete), ``read`` (documents, events, actors, relations), ``graph``,
    ``incidents`` and ``integrity``; ``base`` holds the connection.
    """
