"""``Store``: keep contract results in SQLite or PostgreSQL and query them.

Writing: :meth:`Store.add` stores one document and its result in one transaction (all rows or
none), keyed by the content hash of the input document, so adding it again changes nothing;
:meth:`Store.ingest` extracts (``pipeline.pipe``) and adds, skipping documents already stored
before extracting them, so an interrupted run resumes where it stopped.

Reading: documents, events (filters: :class:`~peristiwa.store.query.EventFilter`; newest
first; offset or cursor paging), actors and their profiles, relations, an actor graph.

Incidents (the events of different documents that report the same act, see
``peristiwa.corpus.incidents``) are derived data: :meth:`Store.rebuild_incidents` recomputes all of
them from the stored results in one transaction; deleting or replacing a document drops the
incidents it took part in until the next rebuild.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from peristiwa import __version__
from peristiwa.corpus.profiles import actor_key, actor_profile
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.store import query as q
from peristiwa.store.db import StoreError, default_url, make_engine, migrate, write_transaction
from peristiwa.store.rows import (
    NO_DATE,
    clip,
    document_hash,
    event_dict,
    event_row,
    norm,
    parse_day,
    party_rows,
)
from peristiwa.store.schema import (
    INCIDENTS_STALE,
    actor_names,
    actors,
    documents,
    entities,
    event_roles,
    events,
    incident_members,
    incident_parties,
    incidents,
    mentions,
    relations,
    store_state,
)
from peristiwa.types import Document, DocumentError, Result

# Event types drawn as "who acts against whom" in the actor graph.
HOSTILE_TYPES: tuple[str, ...] = ("ASSAULT", "COERCE")
MAX_LIMIT = 500
_DOC_LIST_COLUMNS = (
    documents.c.id,
    documents.c.doc_id,
    documents.c.title,
    documents.c.published,
    documents.c.source,
    documents.c.url,
    documents.c.lang,
    documents.c.n_events,
    documents.c.n_entities,
    documents.c.ingested_at,
)
_ACTOR_COLUMNS = (
    actors.c.key,
    actors.c.name,
    actors.c.type,
    actors.c.country,
    actors.c.sector,
    actors.c.kb_id,
    actors.c.n_documents,
    actors.c.n_mentions,
    actors.c.n_events,
)


@dataclass(slots=True)
class EventPage:
    """One page of events, newest first; ``next_cursor`` is None on the last page."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "limit": self.limit,
            "offset": self.offset,
            "next_cursor": self.next_cursor,
        }


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents stored, skipped (already there), failed; events stored."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    errors: list[DocumentError] = field(default_factory=list)  # the first 1000


def _check_limit(limit: int, offset: int = 0) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise StoreError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, not {offset}")


class Store:
    """A results store behind one interface: SQLite (a file) or PostgreSQL (a URL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None, *, upgrade: bool = True) -> Store:
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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

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

    def add(
        self,
        doc: Document,
        result: Result | Mapping[str, Any],
        *,
        replace: bool = False,
        extractor: str | None = None,
    ) -> bool:
        """Store one document and its result in one transaction; False when it was stored already.

        ``replace`` first deletes the stored version (to keep the output of a newer extractor).
        """
        data = result.to_dict() if isinstance(result, Result) else dict(result)
        if any("\x00" in value for value in (doc.id, doc.text, doc.title, doc.url, doc.source) if value):
            # PostgreSQL cannot hold U+0000 in text, and the text is never altered: refuse, on every backend.
            raise StoreError(
                f"{doc.id}: the document contains NUL characters (U+0000); the store cannot keep them"
            )
        content_id = document_hash(doc)
        data["content_id"] = content_id
        try:
            with write_transaction(self.engine) as conn:
                if replace:
                    self._delete(conn, content_id)
                return self._add(conn, doc, data, content_id, extractor)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"{doc.id}: its result cannot be stored ({type(exc).__name__}: {exc})") from exc
        except sa.exc.IntegrityError as exc:
            raise StoreError(f"{doc.id}: its result breaks a store constraint: {exc.orig}") from exc

    def _add(
        self, conn: Connection, doc: Document, data: dict[str, Any], content_id: str, extractor: str | None
    ) -> bool:
        published = parse_day(doc.published)
        ins = (
            self._insert(documents)
            .values(
                id=content_id,
                doc_id=doc.id,
                title=doc.title,
                published=doc.published,
                published_date=published,
                source=doc.source,
                url=doc.url,
                lang=data.get("lang") or doc.lang,
                text=doc.text,
                result=json.dumps(data, ensure_ascii=False),
                n_events=len(data.get("events", [])),
                n_entities=len(data.get("entities", [])),
                extractor=extractor,
                ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(documents.c.pk)
        )
        row = conn.execute(ins).first()
        if row is None:
            return False  # stored already (by us earlier, or by another process just now)
        doc_pk = int(row[0])
        _mark_incidents_stale(conn)

        # Actors: one global row per key, created on first sight.
        ents = list(data.get("entities", []))
        keys = {str(ent["id"]): actor_key(ent) for ent in ents}
        new_actors: dict[str, dict[str, Any]] = {}
        for ent in ents:
            key = keys[str(ent["id"])]
            new_actors.setdefault(
                key,
                {
                    "key": key,
                    "name": clip(ent["name"]),
                    "norm": norm(str(ent["name"])),
                    "type": ent.get("type"),
                    "country": ent.get("country"),
                    "sector": ent.get("sector"),
                    "kb_id": ent.get("kb_id"),
                },
            )
        actor_pk: dict[str, int] = {}
        if new_actors:
            ordered = [
                new_actors[k] for k in sorted(new_actors)
            ]  # a fixed order: no deadlock between writers
            conn.execute(self._insert(actors).on_conflict_do_nothing(index_elements=["key"]), ordered)
            found = conn.execute(
                sa.select(actors.c.key, actors.c.pk).where(actors.c.key.in_(list(new_actors)))
            )
            actor_pk = {k: int(pk) for k, pk in found}
        pk_of_entity = {eid: actor_pk[k] for eid, k in keys.items()}

        names: dict[tuple[int, str], str] = {}
        for ent in ents:
            owner = pk_of_entity[str(ent["id"])]
            for name in (ent["name"], *(m["text"] for m in ent.get("mentions", []))):
                name = " ".join(str(name).split())
                if norm(name):
                    names.setdefault((owner, norm(name)), clip(name))

        entity_pk: dict[str, int] = {}
        if ents:
            ent_rows = [
                {
                    "document_pk": doc_pk,
                    "entity_id": str(ent["id"]),
                    "actor_pk": pk_of_entity[str(ent["id"])],
                    "name": clip(ent["name"]),
                    "type": ent.get("type"),
                    "kb_id": ent.get("kb_id"),
                    "country": ent.get("country"),
                    "sector": ent.get("sector"),
                }
                for ent in ents
            ]
            got = conn.execute(
                entities.insert().returning(
                    entities.c.pk, entities.c.entity_id, sort_by_parameter_order=True
                ),
                ent_rows,
            )
            entity_pk = {eid: int(pk) for pk, eid in got}
            men_rows = [
                {
                    "entity_pk": entity_pk[str(ent["id"])],
                    "document_pk": doc_pk,
                    "start": int(m["start"]),
                    "end": int(m["end"]),
                    "text": str(m["text"]),
                }
                for ent in ents
                for m in ent.get("mentions", [])
            ]
            if men_rows:
                conn.execute(mentions.insert(), men_rows)

        by_id = {str(ent["id"]): ent for ent in ents}
        evs = list(data.get("events", []))
        events_of_actor: dict[int, set[str]] = defaultdict(set)
        if evs:
            ev_rows = [event_row(ev, document_pk=doc_pk, published=published) for ev in evs]
            got = conn.execute(
                events.insert().returning(events.c.pk, events.c.event_id, sort_by_parameter_order=True),
                ev_rows,
            )
            event_pk = {eid: int(pk) for pk, eid in got}
            role_rows = []
            for ev in evs:
                for role, parts in (("actor", ev.get("actors", [])), ("target", ev.get("targets", []))):
                    for i, p in enumerate(parts):
                        eid = p.get("entity")
                        apk = pk_of_entity.get(str(eid)) if eid is not None else None
                        ent = by_id.get(str(eid)) if eid is not None else None
                        if apk is not None:
                            events_of_actor[apk].add(str(ev["id"]))
                            pname = " ".join(str(p.get("name") or "").split())
                            if norm(pname):
                                names.setdefault((apk, norm(pname)), clip(pname))
                        span = p.get("span") or {}
                        role_rows.append(
                            {
                                "event_pk": event_pk[str(ev["id"])],
                                "role": role,
                                "position": i,
                                "entity_id": None if eid is None else str(eid),
                                "actor_pk": apk,
                                "entity_type": ent.get("type") if ent else None,
                                "sector": ent.get("sector") if ent else None,
                                "text": str(p.get("text") or p.get("name") or ""),
                                "name": clip(p.get("name")),
                                "norm": norm(str(p.get("name") or "")),
                                "country": p.get("country"),
                                "start": span.get("start"),
                                "end": span.get("end"),
                                "inferred": bool(p.get("inferred", False)),
                            }
                        )
            if role_rows:
                conn.execute(event_roles.insert(), role_rows)

        rel_rows = []
        for rel in data.get("relations", []):
            ev_span = rel["evidence"]
            rel_rows.append(
                {
                    "document_pk": doc_pk,
                    "relation": str(rel["relation"]),
                    "subject_id": str(rel["subject"]),
                    "object_id": str(rel["object"]),
                    "subject_actor_pk": pk_of_entity.get(str(rel["subject"])),
                    "object_actor_pk": pk_of_entity.get(str(rel["object"])),
                    "former": bool(rel.get("former", False)),
                    "evidence_start": int(ev_span["start"]),
                    "evidence_end": int(ev_span["end"]),
                    "evidence_text": str(ev_span["text"]),
                }
            )
        if rel_rows:
            conn.execute(relations.insert(), rel_rows)

        if names:
            conn.execute(
                self._insert(actor_names).on_conflict_do_nothing(index_elements=["actor_pk", "norm"]),
                [{"actor_pk": a, "norm": n, "name": name} for (a, n), name in sorted(names.items())],
            )
        counts: dict[int, list[int]] = {}
        for ent in ents:
            owner = pk_of_entity[str(ent["id"])]
            counts.setdefault(owner, [1, 0, len(events_of_actor.get(owner, ()))])[1] += len(
                ent.get("mentions", [])
            )
        self._bump(conn, counts, sign=1)
        return True

    def _bump(self, conn: Connection, counts: Mapping[int, Sequence[int]], *, sign: int) -> None:
        if not counts:
            return
        stmt = (
            actors.update()
            .where(actors.c.pk == sa.bindparam("b_pk"))
            .values(
                n_documents=actors.c.n_documents + sa.bindparam("b_docs"),
                n_mentions=actors.c.n_mentions + sa.bindparam("b_mentions"),
                n_events=actors.c.n_events + sa.bindparam("b_events"),
            )
        )
        conn.execute(
            stmt,
            [
                {"b_pk": pk, "b_docs": sign * c[0], "b_mentions": sign * c[1], "b_events": sign * c[2]}
                for pk, c in sorted(counts.items())
            ],
        )

    def delete(self, content_id: str) -> bool:
        """Delete one stored document and everything extracted from it; False when absent."""
        q.no_nul(content_id)
        with write_transaction(self.engine) as conn:
            return self._delete(conn, content_id)

    def _delete(self, conn: Connection, content_id: str) -> bool:
        row = conn.execute(sa.select(documents.c.pk).where(documents.c.id == content_id)).first()
        if row is None:
            return False
        doc_pk = row[0]
        _mark_incidents_stale(conn)
        counts: dict[int, list[int]] = {}
        ment = conn.execute(
            sa.select(entities.c.actor_pk, sa.func.count(mentions.c.pk))
            .select_from(entities.outerjoin(mentions, mentions.c.entity_pk == entities.c.pk))
            .where(entities.c.document_pk == doc_pk)
            .group_by(entities.c.actor_pk)
        )
        for apk, n in ment:
            counts[apk] = [1, n, 0]
        evs = conn.execute(
            sa.select(event_roles.c.actor_pk, sa.func.count(sa.distinct(event_roles.c.event_pk)))
            .select_from(event_roles.join(events, events.c.pk == event_roles.c.event_pk))
            .where(events.c.document_pk == doc_pk, event_roles.c.actor_pk.is_not(None))
            .group_by(event_roles.c.actor_pk)
        )
        for apk, n in evs:
            counts.setdefault(apk, [0, 0, 0])[2] = n
        self._bump(conn, counts, sign=-1)
        # The incidents it reports change without it: drop them (the next rebuild recomputes them).
        inc_pks = [
            pk
            for (pk,) in conn.execute(
                sa.select(incident_members.c.incident_pk).where(incident_members.c.document_pk == doc_pk)
            )
        ]
        if inc_pks:
            conn.execute(incident_parties.delete().where(incident_parties.c.incident_pk.in_(inc_pks)))
            conn.execute(incident_members.delete().where(incident_members.c.incident_pk.in_(inc_pks)))
            conn.execute(incidents.delete().where(incidents.c.pk.in_(inc_pks)))
        ev_pks = sa.select(events.c.pk).where(events.c.document_pk == doc_pk)
        # Children first: the same statements work whether or not foreign keys cascade.
        conn.execute(event_roles.delete().where(event_roles.c.event_pk.in_(ev_pks)))
        for table in (events, mentions, relations):
            conn.execute(table.delete().where(table.c.document_pk == doc_pk))
        conn.execute(entities.delete().where(entities.c.document_pk == doc_pk))
        conn.execute(documents.delete().where(documents.c.pk == doc_pk))
        return True

    def ingest(
        self,
        items: Iterable[Document | DocumentError],
        *,
        settings: Settings = DEFAULT_SETTINGS,
        replace: bool = False,
        on_item: Callable[[str, Any], None] | None = None,
    ) -> IngestReport:
        """Extract and store documents, each in its own transaction; skip those stored already.

        A stored document is recognised by its content hash before it is extracted, so a rerun
        after an interruption only extracts what is missing. ``on_item(kind, item)`` is called
        with ``"stored"``/``"skipped"`` and the ``Document``, or ``"failed"`` and the
        ``DocumentError``.
        """
        from peristiwa.pipeline import pipe

        report = IngestReport()
        extractor = f"peristiwa {__version__}{settings.label()}"
        pending: deque[Document | DocumentError] = deque()
        seen: set[str] = set()

        def notify(kind: str, item: Any) -> None:
            if on_item is not None:
                on_item(kind, item)

        def todo() -> Iterator[Document | DocumentError]:
            for item in items:
                if isinstance(item, Document) and not replace:
                    content_id = document_hash(item)
                    if content_id in seen or self.has(content_id):
                        report.skipped += 1
                        notify("skipped", item)
                        continue
                    seen.add(content_id)
                pending.append(item)
                yield item

        for out in pipe(todo(), settings=settings):
            item = pending.popleft()  # pipe yields one output per input, in order
            if isinstance(out, DocumentError) or not isinstance(item, Document):
                err = out if isinstance(out, DocumentError) else DocumentError(str(item), "not a document")
                report.failed += 1
                if len(report.errors) < 1000:
                    report.errors.append(err)
                notify("failed", err)
                continue
            try:
                stored = self.add(item, out, replace=replace, extractor=extractor)
            except StoreError as exc:
                err = DocumentError(item.id, str(exc))
                report.failed += 1
                if len(report.errors) < 1000:
                    report.errors.append(err)
                notify("failed", err)
                continue
            if stored:
                report.stored += 1
                report.events += len(out.events)
                notify("stored", item)
            else:
                report.skipped += 1
                notify("skipped", item)
        return report

    # ------------------------------------------------------------------ reading

    def stats(self) -> dict[str, Any]:
        """Counts of documents, events, actors, relations and incidents, the date range, events per type."""
        with self.engine.connect() as conn:
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
            n_events = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
            n_actors = conn.execute(
                sa.select(sa.func.count()).select_from(actors).where(actors.c.n_documents > 0)
            ).scalar_one()
            n_rel = conn.execute(sa.select(sa.func.count()).select_from(relations)).scalar_one()
            n_inc = conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one()
            first, last = conn.execute(
                sa.select(sa.func.min(events.c.sort_date), sa.func.max(events.c.sort_date)).where(
                    events.c.sort_date > NO_DATE
                )
            ).one()
            by_type: dict[str, int] = dict(
                conn.execute(sa.select(events.c.type, sa.func.count()).group_by(events.c.type)).all()
            )
        return {
            "documents": n_docs,
            "events": n_events,
            "actors": n_actors,
            "relations": n_rel,
            "incidents": n_inc,
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "types": {t: by_type[t] for t in sorted(by_type, key=lambda t: -by_type[t])},
        }

    def documents(
        self, *, limit: int = 50, offset: int = 0, doc_id: str | None = None, text: str | None = None
    ) -> list[dict[str, Any]]:
        """List stored documents (no text), newest publication first."""
        _check_limit(limit, offset)
        q.no_nul(doc_id, text)
        sel = sa.select(*_DOC_LIST_COLUMNS)
        if doc_id is not None:
            sel = sel.where(documents.c.doc_id == doc_id)
        if text:
            sel = sel.where(q.text_condition(self.dialect, text, documents.c.pk))
        sel = sel.order_by(documents.c.published_date.desc().nulls_last(), documents.c.pk.desc())
        with self.engine.connect() as conn:
            rows = conn.execute(sel.limit(limit).offset(offset)).mappings().all()
        return [dict(r) for r in rows]

    def document(self, content_id: str) -> dict[str, Any] | None:
        """Return one stored document: its fields, ``text`` and ``result`` (the contract result)."""
        q.no_nul(content_id)
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(
                        *_DOC_LIST_COLUMNS, documents.c.text, documents.c.result, documents.c.extractor
                    ).where(documents.c.id == content_id)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        out = dict(row)
        out["result"] = json.loads(out["result"])
        return out

    def results(self, content_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Yield stored contract results (all, or those of ``content_ids``), oldest stored first."""
        sel = sa.select(documents.c.pk, documents.c.result).order_by(documents.c.pk)
        ids = None if content_ids is None else list(content_ids)
        last = 0
        while True:
            page = sel.where(documents.c.pk > last).limit(200)
            if ids is not None:
                page = page.where(documents.c.id.in_(ids))
            with self.engine.connect() as conn:
                rows = conn.execute(page).all()
            if not rows:
                return
            for _pk, result in rows:
                yield json.loads(result)
            last = rows[-1][0]

    def events(
        self, flt: q.EventFilter | None = None, *, limit: int = 50, offset: int = 0, cursor: str | None = None
    ) -> EventPage:
        """Return one page of events matching ``flt``, newest first (offset or cursor paging)."""
        _check_limit(limit, offset)
        flt = flt or q.EventFilter()
        after = None
        if cursor:
            if offset:
                raise StoreError("give offset or cursor, not both")
            after = q.after_cursor(q.decode_cursor(cursor))
        with self.engine.connect() as conn:
            plan = self._plan(conn, flt, page=limit + offset)
            conds = q.conditions(flt, self.dialect, plan) + ([after] if after is not None else [])
            sel = (
                sa.select(events.c.pk, events.c.sort_date)
                .where(*conds)
                .order_by(events.c.sort_date.desc(), events.c.pk.desc())
                .limit(limit)
                .offset(offset)
            )
            page = conn.execute(sel).all()
            items = self._load_events(conn, [pk for pk, _ in page])
        next_cursor = q.encode_cursor(page[-1][1], page[-1][0]) if len(page) == limit else None
        return EventPage(items, limit, offset, next_cursor)

    def _plan(self, conn: Connection, flt: q.EventFilter, *, page: int) -> q.Plan | None:
        if not (flt.actor or flt.text):
            return None
        return q.make_plan(conn, flt, self.dialect, threshold=q.page_threshold(conn, page=page))

    def count_events(self, flt: q.EventFilter | None = None, *, at_most: int | None = None) -> int:
        """Count the events matching ``flt``; with ``at_most``, stop counting there (faster on big stores)."""
        flt = flt or q.EventFilter()
        with self.engine.connect() as conn:
            plan = (
                q.make_plan(conn, flt, self.dialect, threshold=at_most) if (flt.actor or flt.text) else None
            )
            sel = sa.select(events.c.pk).where(*q.conditions(flt, self.dialect, plan))
            if at_most is not None:
                sel = sel.limit(at_most)
            return int(conn.execute(sa.select(sa.func.count()).select_from(sel.subquery())).scalar_one())

    def iter_events(
        self, flt: q.EventFilter | None = None, *, batch: int = MAX_LIMIT
    ) -> Iterator[dict[str, Any]]:
        """Yield every event matching ``flt``, newest first, reading ``batch`` at a time."""
        cursor = None
        while True:
            page = self.events(flt, limit=batch, cursor=cursor)
            yield from page.items
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def _load_events(self, conn: Connection, pks: Sequence[int]) -> list[dict[str, Any]]:
        if not pks:
            return []
        rows = (
            conn.execute(
                sa.select(
                    events,
                    documents.c.id.label("document"),
                    documents.c.doc_id,
                    documents.c.title,
                    documents.c.published,
                    documents.c.source,
                    documents.c.url,
                    documents.c.ingested_at,
                    incidents.c.id.label("incident"),
                )
                .select_from(
                    events.join(documents, documents.c.pk == events.c.document_pk)
                    .outerjoin(incident_members, incident_members.c.event_pk == events.c.pk)
                    .outerjoin(incidents, incidents.c.pk == incident_members.c.incident_pk)
                )
                .where(events.c.pk.in_(pks))
            )
            .mappings()
            .all()
        )
        roles: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for role in conn.execute(
            sa.select(event_roles, actors.c.key.label("actor_key"))
            .select_from(event_roles.outerjoin(actors, actors.c.pk == event_roles.c.actor_pk))
            .where(event_roles.c.event_pk.in_(pks))
        ).mappings():
            roles[role["event_pk"]].append(dict(role))
        by_pk = {row["pk"]: event_dict(dict(row), roles.get(row["pk"], [])) for row in rows}
        return [by_pk[pk] for pk in pks if pk in by_pk]

    def _actor_pks(self, name: str) -> sa.Select[Any]:
        return (
            sa.union(
                sa.select(actors.c.pk).where(actors.c.key == name),
                sa.select(actor_names.c.actor_pk).where(actor_names.c.norm == norm(name)),
            )
            .subquery()
            .select()
        )

    def actors(self, *, name: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """List actors, most events first; ``name`` keeps those with a name or alias containing it."""
        _check_limit(limit, offset)
        q.no_nul(name)
        sel = sa.select(*_ACTOR_COLUMNS).where(actors.c.n_documents > 0)
        if name:
            key = norm(name)
            like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sel = sel.where(
                sa.or_(
                    actors.c.key == name,
                    actors.c.pk.in_(
                        sa.select(actor_names.c.actor_pk).where(actor_names.c.norm.like(like, escape="\\"))
                    ),
                )
            )
            # An exact name or alias comes before names that merely contain the words.
            exact = sa.select(actor_names.c.actor_pk).where(actor_names.c.norm == key)
            sel = sel.order_by(sa.case((actors.c.key == name, 0), (actors.c.pk.in_(exact), 1), else_=2))
        sel = sel.order_by(actors.c.n_events.desc(), actors.c.n_documents.desc(), actors.c.name, actors.c.key)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sel.limit(limit).offset(offset)).mappings()]

    def actor(self, key: str, *, max_documents: int = 200) -> dict[str, Any] | None:
        """Return the profile of the actor with this key (``profiles.actor_profile`` over its documents).

        At most ``max_documents`` documents (the newest) are read; ``counts`` are over all of
        them, and ``truncated`` says whether some were left out.
        """
        q.no_nul(key)
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(actors.c.pk, *_ACTOR_COLUMNS).where(actors.c.key == key))
                .mappings()
                .first()
            )
            if row is None:
                return None
            doc_pks = sa.select(entities.c.document_pk).where(entities.c.actor_pk == row["pk"])
            results = [
                json.loads(r)
                for (r,) in conn.execute(
                    sa.select(documents.c.result)
                    .where(documents.c.pk.in_(doc_pks))
                    .order_by(documents.c.published_date.desc().nulls_last(), documents.c.pk.desc())
                    .limit(max_documents)
                )
            ]
        profile = actor_profile(results, key)
        for field_ in ("name", "type", "country", "sector", "kb_id"):
            profile[field_] = profile.get(field_) or row[field_]
        profile["counts"].update(
            documents=row["n_documents"], mentions=row["n_mentions"], events=row["n_events"]
        )
        profile["truncated"] = row["n_documents"] > len(results)
        return profile

    def find_actors(self, name: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Return the actors a name may mean: exact key, then exact name or alias, then containing it."""
        return self.actors(name=name, limit=limit)

    def relations(
        self, *, actor: str | None = None, relation: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """List relations (newest stored first), optionally of one actor (key, name or alias) or one kind."""
        _check_limit(limit, offset)
        q.no_nul(actor, relation)
        subj, obj = actors.alias("subj"), actors.alias("obj")
        sel = sa.select(
            relations.c.relation,
            relations.c.former,
            relations.c.evidence_start,
            relations.c.evidence_end,
            relations.c.evidence_text,
            documents.c.id.label("document"),
            documents.c.doc_id,
            subj.c.key.label("subject_key"),
            subj.c.name.label("subject_name"),
            obj.c.key.label("object_key"),
            obj.c.name.label("object_name"),
        ).select_from(
            relations.join(documents, documents.c.pk == relations.c.document_pk)
            .outerjoin(subj, subj.c.pk == relations.c.subject_actor_pk)
            .outerjoin(obj, obj.c.pk == relations.c.object_actor_pk)
        )
        if actor:
            pks = self._actor_pks(actor)
            sel = sel.where(
                sa.or_(relations.c.subject_actor_pk.in_(pks), relations.c.object_actor_pk.in_(pks))
            )
        if relation:
            sel = sel.where(relations.c.relation == relation)
        sel = sel.order_by(relations.c.pk.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(sel).mappings().all()
        return [
            {
                "relation": r["relation"],
                "former": bool(r["former"]),
                "subject": {"key": r["subject_key"], "name": r["subject_name"]},
                "object": {"key": r["object_key"], "name": r["object_name"]},
                "evidence": {
                    "start": r["evidence_start"],
                    "end": r["evidence_end"],
                    "text": r["evidence_text"],
                },
                "document": r["document"],
                "doc_id": r["doc_id"],
            }
            for r in rows
        ]

    def graph(
        self, flt: q.EventFilter | None = None, *, max_events: int = 2000, max_nodes: int = 60
    ) -> dict[str, Any]:
        """Return an actor graph over the newest ``max_events`` events matching ``flt``.

        Nodes are the actors taking part (most events first, at most ``max_nodes``, plus the
        actors they are affiliated with); edges are ``event`` (an ASSAULT or COERCE from an
        actor to a target, counted) and ``relation`` (member_of, supported_by, ...).
        """
        flt = flt or q.EventFilter()
        with self.engine.connect() as conn:
            plan = self._plan(conn, flt, page=max_events)
            ev_sel = (
                sa.select(events.c.pk)
                .where(*q.conditions(flt, self.dialect, plan))
                .order_by(events.c.sort_date.desc(), events.c.pk.desc())
                .limit(max_events)
            ).subquery()
            roles = conn.execute(
                sa.select(event_roles.c.event_pk, event_roles.c.role, event_roles.c.actor_pk, events.c.type)
                .select_from(event_roles.join(events, events.c.pk == event_roles.c.event_pk))
                .where(
                    event_roles.c.event_pk.in_(sa.select(ev_sel.c.pk)), event_roles.c.actor_pk.is_not(None)
                )
            ).all()
            weight: Counter[int] = Counter()
            per_event: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"actor": set(), "target": set()})
            types: dict[int, str] = {}
            for ev_pk, role, apk, type_ in roles:
                per_event[ev_pk][role].add(apk)
                types[ev_pk] = type_
            for parts in per_event.values():
                for apk in parts["actor"] | parts["target"]:
                    weight[apk] += 1
            nodes = {apk for apk, _ in weight.most_common(max_nodes)}
            edges: Counter[tuple[int, int, str, str]] = Counter()
            for ev_pk, parts in per_event.items():
                if types[ev_pk] in HOSTILE_TYPES:
                    for a in parts["actor"] & nodes:
                        for t in parts["target"] & nodes:
                            if a != t:
                                edges[(a, t, "event", types[ev_pk])] += 1
            if nodes:
                rels = conn.execute(
                    sa.select(relations.c.subject_actor_pk, relations.c.object_actor_pk, relations.c.relation)
                    .where(
                        sa.or_(
                            relations.c.subject_actor_pk.in_(nodes), relations.c.object_actor_pk.in_(nodes)
                        ),
                        relations.c.subject_actor_pk.is_not(None),
                        relations.c.object_actor_pk.is_not(None),
                    )
                    .limit(2000)
                ).all()
                extra = 0
                for s, o, rel in rels:
                    if s == o:
                        continue
                    for apk in (s, o):
                        if apk not in nodes and extra < max_nodes // 3:
                            nodes.add(apk)
                            extra += 1
                    if s in nodes and o in nodes:
                        edges[(s, o, "relation", rel)] += 1
            info = (
                {
                    r["pk"]: r
                    for r in conn.execute(
                        sa.select(actors.c.pk, *_ACTOR_COLUMNS).where(actors.c.pk.in_(nodes))
                    ).mappings()
                }
                if nodes
                else {}
            )
        return {
            "nodes": [
                {
                    "key": info[pk]["key"],
                    "name": info[pk]["name"],
                    "type": info[pk]["type"],
                    "country": info[pk]["country"],
                    "sector": info[pk]["sector"],
                    "events": weight.get(pk, 0),
                }
                for pk in sorted(nodes, key=lambda p: (-weight.get(p, 0), info[p]["name"]))
                if pk in info
            ],
            "edges": [
                {"source": info[s]["key"], "target": info[t]["key"], "kind": kind, "label": label, "count": n}
                for (s, t, kind, label), n in sorted(edges.items(), key=lambda e: -e[1])
                if s in info and t in info
            ],
        }

    # ------------------------------------------------------------------ incidents

    def rebuild_incidents(self, *, min_reports: int = 1, max_km: float = 50.0) -> int:
        """Recompute every incident from the stored results in one transaction; return how many are stored.

        The incidents are ``peristiwa.corpus.incidents.cluster_incidents`` over the stored results
        (only those reported by at least ``min_reports`` documents are kept), so the same
        stored documents give the same incidents and ids whatever order they were stored in,
        and running it twice changes nothing.  An incident's id is the one ``cluster_incidents``
        gives, unless two stored documents share a ``doc_id`` and that makes two ids equal:
        those are hashed from the documents' store ids instead.
        """
        from peristiwa.corpus.incidents import cluster_incidents

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

    def _incident_inputs(self, conn: Connection) -> Iterator[dict[str, Any]]:
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
                yield slim
            last = rows[-1][0]

    def incidents(
        self, flt: q.IncidentFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Return one page of stored incidents matching ``flt``, newest first (``Incident.to_dict()``).

        Each source also names its document's store id (``document``).
        """
        _check_limit(limit, offset)
        flt = flt or q.IncidentFilter()
        sel = (
            sa.select(incidents.c.data)
            .where(*q.incident_conditions(flt))
            .order_by(incidents.c.sort_date.desc(), incidents.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [json.loads(data) for (data,) in conn.execute(sel)]

    def count_incidents(self, flt: q.IncidentFilter | None = None) -> int:
        """Count the stored incidents matching ``flt``."""
        conds = q.incident_conditions(flt or q.IncidentFilter())
        sel = sa.select(sa.func.count()).select_from(incidents).where(*conds)
        with self.engine.connect() as conn:
            return int(conn.execute(sel).scalar_one())

    def iter_incidents(
        self, flt: q.IncidentFilter | None = None, *, batch: int = MAX_LIMIT
    ) -> Iterator[dict[str, Any]]:
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
                yield json.loads(data)
            if len(rows) < batch:
                return
            after = (rows[-1][0], rows[-1][1])

    def incident_events(self, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
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
            found: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for start in range(0, len(pks), MAX_LIMIT):
                for ev in self._load_events(conn, pks[start : start + MAX_LIMIT]):
                    found[str(ev["incident"])].append(ev)
        return dict(found)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """Return one stored incident by id (``Incident.to_dict()``), or None."""
        q.no_nul(incident_id)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(incidents.c.data).where(incidents.c.id == incident_id)).first()
        return None if row is None else json.loads(row[0])

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


def _mark_incidents_stale(conn: Connection) -> None:
    """Flag the incidents as out of date, in the transaction that changes the documents."""
    conn.execute(
        store_state.update()
        .where(store_state.c.name == INCIDENTS_STALE, store_state.c.value != "1")
        .values(value="1")
    )


# What clustering reads of a stored result (``peristiwa.corpus.incidents``); the rest stays on disk.
_INCIDENT_KEYS = ("doc_id", "published", "source", "url", "title", "entities", "events")


def _incident_row(inc: Any, *, unique: bool) -> dict[str, Any]:
    """Return the ``incidents`` row of an ``Incident``; ``unique=False`` hashes its id from store ids."""
    import hashlib

    from peristiwa.output.crosswalk import cameo

    data = inc.to_dict()
    if not unique:
        members = sorted(f"{s.document}#{s.event_id}" for s in inc.sources)
        data["id"] = "inc" + hashlib.sha1("\n".join(members).encode("utf-8")).hexdigest()[:16]
    date = inc.date or {}
    start = parse_day(date.get("start"))
    loc = inc.location or {}
    fat, inj = inc.fatalities, inc.injuries
    coded = cameo(inc.type, inc.mode)
    return {
        "id": data["id"],
        "type": inc.type,
        "mode": inc.mode,
        "sort_date": start or NO_DATE,
        "date_start": start,
        "date_end": parse_day(date.get("end")),
        "date_precision": date.get("precision"),
        "place": clip(loc.get("name")) or None,
        "country": loc.get("country") or None,
        "admin1": clip(loc.get("admin1")) or None,
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
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
