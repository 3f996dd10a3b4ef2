"""The results store: SQLite by default (one file, WAL, FTS5), PostgreSQL with a URL.

>>> from peristiwa.store import Store, EventFilter
>>> store = Store.open("peristiwa.db")            # doctest: +SKIP
>>> store.events(EventFilter(types=("ASSAULT",), country="IRN")).items   # doctest: +SKIP
"""

from peristiwa.store.core import HOSTILE_TYPES, MAX_LIMIT, EventPage, Store
from peristiwa.store.db import ENV_VAR, StoreError, default_url, normalise_url
from peristiwa.store.query import DEFAULT_RADIUS_KM, EventFilter, IncidentFilter
from peristiwa.store.rows import document_hash

__all__ = [
    "DEFAULT_RADIUS_KM",
    "ENV_VAR",
    "HOSTILE_TYPES",
    "MAX_LIMIT",
    "EventFilter",
    "EventPage",
    "IncidentFilter",
    "Store",
    "StoreError",
    "default_url",
    "document_hash",
    "normalise_url",
]
