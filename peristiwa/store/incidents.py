"""Incidents in the store: rebuilt from the stored results, listed and read (derived data)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from peristiwa.corpus.incidents import Incident, cluster_incidents, incident_from_dict
from peristiwa.output.crosswalk import cameo
from peristiwa.store import query as q
from peristiwa.store.base import MAX_LIMIT, check_limit
from peristiwa.store.db import StoreError, write_transaction
from peristiwa.store.read import Reads
from peristiwa.store.records import StoredEvent
from peristiwa.store.rows import (
    NO_DATE,
    clip,
    party_rows,
)
from peristiwa.store.schema import (
    INCIDENTS_STALE,
    documents,
    events,
    incident_members,
    incident_parties,
    incidents,
    store_state,
)
from peristiwa.types import Result


class Incidents(Reads):
    """The incidents table: rebuild, list, read."""

    def rebuild_incidents(self, *, min_reports: int = 1, max_km: float = 50.0) -> int:
        """Recompute every incident from the stored results in one transaction; return how many are stored.

        The incidents are ``peristiwa.corpus.incidents.cluster_incidents`` over the stored results
        (only those reported by at least ``min_reports`` documents are kept), so the same
        stored documents give the same incidents and ids whatever order they were stored in,
        and running it twice changes nothing.  An incident's id is the one ``cluster_incidents``
        gives, unless two stored documents share a ``doc_id`` and that makes two ids equal:
        those are hashed from the documents' store ids instead.
        """

        if min_reports < 1:
            raise StoreError(f"min_reports must be 1 or more, not {min_reports}")
        if not max_km >= 0:
            raise StoreError(f"max_km must be 0 or more, not {max_km}")
        with write_transaction(self.engine) as conn:
            # First: a document added while this runs (PostgreSQL) waits on this row, then sets it again.
            conn.execute(
                store_state.update().where(store_state.c.name == INCIDENTS_STALE).values(value="0")
            )
            conn.execute(incident_parties.delete())
            conn.execute(incident_members.delete())
            conn.execute(incidents.delete())
            found = cluster_incidents(self._incident_inputs(conn), max_km=max_km, min_reports=min_reports)
            if not found:
                return 0
            event_pk: dict[tuple[str, str], tuple[int, int]] = {
                (content_id, event_id): (doc_pk, ev_pk)
                for content_id, event_id, doc_pk, ev_pk in conn.execute(
                    sa.select(
                        documents.c.id, events.c.event_id, events.c.document_pk, events.c.pk
                    ).select_from(events.join(documents, documents.c.pk == events.c.document_pk))
                )
            }
            ids = Counter(inc.id for inc in found)
            for start in range(0, len(found), 1000):
                chunk = found[start : start + 1000]
                rows = [_incident_row(inc, unique=ids[inc.id] == 1) for inc in chunk]
                got_pks = conn.execute(
                    incidents.insert().returning(incidents.c.pk, sort_by_parameter_order=True), rows
                ).all()
                members = [
                    {
                        "incident_pk": int(pk),
                        "event_pk": event_pk[(str(src.document), src.event_id)][1],
                        "document_pk": event_pk[(str(src.document), src.event_id)][0],
                        "event_id": src.event_id,
                    }
                    for (pk,), inc in zip(got_pks, chunk, strict=True)
                    for src in inc.sources
                ]
                conn.execute(incident_members.insert(), members)
                parties = [
                    row
                    for (pk,), record in zip(got_pks, rows, strict=True)
                    for row in party_rows(int(pk), json.loads(record["data"]), record["sort_date"])
                ]
                if parties:
                    conn.execute(incident_parties.insert(), parties)
        return len(found)

    def incidents_stale(self) -> bool:
        """Tell whether documents were added or deleted since the incidents were last rebuilt."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(store_state.c.value).where(store_state.c.name == INCIDENTS_STALE)
            ).scalar()
        return value != "0"

    def _incident_inputs(self, conn: Connection) -> Iterator[Result]:
        """Yield the stored results with only what clustering reads (less memory on a big store)."""
        last = 0
        while True:
            rows = conn.execute(
                sa.select(documents.c.pk, documents.c.id, documents.c.result)
                .where(documents.c.pk > last)
                .order_by(documents.c.pk)
                .limit(500)
            ).all()
            if not rows:
                return
            for _pk, content_id, raw in rows:
                data = json.loads(raw)
                slim = {k: data.get(k) for k in _INCIDENT_KEYS}
                slim["content_id"] = content_id
                yield Result.from_dict(slim)
            last = rows[-1][0]

    def incidents(
        self, flt: q.IncidentFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Incident]:
        """Return one page of stored incidents matching ``flt``, newest first.

        Each source also names its document's store id (``document``).
        """
        check_limit(limit, offset)
        flt = flt or q.IncidentFilter()
        sel = (
            sa.select(incidents.c.data)
            .where(*q.incident_conditions(flt))
            .order_by(incidents.c.sort_date.desc(), incidents.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [incident_from_dict(json.loads(data)) for (data,) in conn.execute(sel)]

    def count_incidents(self, flt: q.IncidentFilter | None = None) -> int:
        """Count the stored incidents matching ``flt``."""
        conds = q.incident_conditions(flt or q.IncidentFilter())
        sel = sa.select(sa.func.count()).select_from(incidents).where(*conds)
        with self.engine.connect() as conn:
            return int(conn.execute(sel).scalar_one())

    def iter_incidents(
        self, flt: q.IncidentFilter | None = None, *, batch: int = MAX_LIMIT
    ) -> Iterator[Incident]:
        """Yield every stored incident matching ``flt``, newest first, reading ``batch`` at a time."""
        conds = q.incident_conditions(flt or q.IncidentFilter())
        after: tuple[dt.date, str] | None = None
        while True:
            sel = sa.select(incidents.c.sort_date, incidents.c.id, incidents.c.data).where(*conds)
            if after is not None:
                sel = sel.where(
                    sa.or_(
                        incidents.c.sort_date < after[0],
                        sa.and_(incidents.c.sort_date == after[0], incidents.c.id < after[1]),
                    )
                )
            sel = sel.order_by(incidents.c.sort_date.desc(), incidents.c.id.desc()).limit(batch)
            with self.engine.connect() as conn:
                rows = conn.execute(sel).all()
            for _day, _id, data in rows:
                yield incident_from_dict(json.loads(data))
            if len(rows) < batch:
                return
            after = (rows[-1][0], rows[-1][1])

    def incident_events(self, incident_ids: Sequence[str]) -> dict[str, list[StoredEvent]]:
        """Return the stored events (as :meth:`events` gives them) of each of these incidents, by id."""
        if not incident_ids:
            return {}
        with self.engine.connect() as conn:
            pks = [
                pk
                for (pk,) in conn.execute(
                    sa.select(incident_members.c.event_pk)
                    .select_from(incident_members.join(incidents, incidents.c.pk == incident_members.c.incident_pk))
                    .where(incidents.c.id.in_(list(incident_ids)))
                    .order_by(incident_members.c.event_pk)
                )
            ]
            found: dict[str, list[StoredEvent]] = defaultdict(list)
            for start in range(0, len(pks), MAX_LIMIT):
                for ev in self._load_events(conn, pks[start : start + MAX_LIMIT]):
                    found[str(ev.incident)].append(ev)
        return dict(found)

    def incident(self, incident_id: str) -> Incident | None:
        """Return one stored incident by id, or None."""
        q.no_nul(incident_id)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(incidents.c.data).where(incidents.c.id == incident_id)).first()
        return None if row is None else incident_from_dict(json.loads(row[0]))


def mark_incidents_stale(conn: Connection) -> None:
    """Flag the incidents as out of date, in the transaction that changes the documents."""
    conn.execute(
        store_state.update()
        .where(store_state.c.name == INCIDENTS_STALE, store_state.c.value != "1")
        .values(value="1")
    )


# What clustering reads of a stored result (``peristiwa.corpus.incidents``); the rest stays on disk.
_INCIDENT_KEYS = ("doc_id", "lang", "published", "source", "url", "title", "entities", "events")


def _incident_row(inc: Incident, *, unique: bool) -> dict[str, Any]:
    """Return the ``incidents`` row of an ``Incident``; ``unique=False`` hashes its id from store ids."""
    import hashlib

    data = inc.to_dict()
    if not unique:
        members = sorted(f"{s.document}#{s.event_id}" for s in inc.sources)
        data["id"] = "inc" + hashlib.sha1("\n".join(members).encode("utf-8")).hexdigest()[:16]
    date, loc = inc.date, inc.location
    start = date.start if date else None
    fat, inj = inc.fatalities, inc.injuries
    coded = cameo(inc.type, inc.mode)
    return {
        "id": data["id"],
        "type": inc.type,
        "mode": inc.mode,
        "sort_date": start or NO_DATE,
        "date_start": start,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "place": (clip(loc.name) or None) if loc else None,
        "country": (loc.country or None) if loc else None,
        "admin1": (clip(loc.admin1) or None) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "n_reports": inc.n_reports,
        "n_outlets": inc.n_outlets,
        "fatalities": None if fat is None else fat.best,
        "fatalities_min": None if fat is None else fat.min,
        "fatalities_max": None if fat is None else fat.max,
        "injuries": None if inj is None else inj.best,
        "injuries_min": None if inj is None else inj.min,
        "injuries_max": None if inj is None else inj.max,
        "historical": inc.historical,
        "data": json.dumps(data, ensure_ascii=False),
        "goldstein": None if coded is None else coded.goldstein,
        "quad_class": None if coded is None else coded.quad_class,
    }

