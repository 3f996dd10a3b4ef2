"""Reading: documents, events (filters, paging), actors and their profiles, relations."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from peristiwa.corpus.profiles import ActorProfile, actor_profile
from peristiwa.store import query as q
from peristiwa.store.base import MAX_LIMIT, StoreBase, check_limit
from peristiwa.store.db import StoreError
from peristiwa.store.records import StoredEvent
from peristiwa.store.rows import (
    NO_DATE,
    norm,
    stored_event,
)
from peristiwa.store.schema import (
    actor_names,
    actors,
    documents,
    entities,
    event_roles,
    events,
    incident_members,
    incidents,
    relations,
)
from peristiwa.types import Result

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
ACTOR_COLUMNS = (
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

    items: list[StoredEvent]
    limit: int
    offset: int
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [ev.to_dict() for ev in self.items],
            "limit": self.limit,
            "offset": self.offset,
            "next_cursor": self.next_cursor,
        }


class Reads(StoreBase):
    """Queries over the stored results."""

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
        check_limit(limit, offset)
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

    def results(self, content_ids: Iterable[str] | None = None) -> Iterator[Result]:
        """Yield stored contract results (all, or those of ``content_ids``), oldest stored first.

        Each carries its document's store id as ``extra["content_id"]``."""
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
                yield Result.from_dict(json.loads(result))
            last = rows[-1][0]

    def events(
        self, flt: q.EventFilter | None = None, *, limit: int = 50, offset: int = 0, cursor: str | None = None
    ) -> EventPage:
        """Return one page of events matching ``flt``, newest first (offset or cursor paging)."""
        check_limit(limit, offset)
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
    ) -> Iterator[StoredEvent]:
        """Yield every event matching ``flt``, newest first, reading ``batch`` at a time."""
        cursor = None
        while True:
            page = self.events(flt, limit=batch, cursor=cursor)
            yield from page.items
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def _load_events(self, conn: Connection, pks: Sequence[int]) -> list[StoredEvent]:
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
        by_pk = {row["pk"]: stored_event(dict(row), roles.get(row["pk"], [])) for row in rows}
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
        check_limit(limit, offset)
        q.no_nul(name)
        sel = sa.select(*ACTOR_COLUMNS).where(actors.c.n_documents > 0)
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

    def actor(self, key: str, *, max_documents: int = 200) -> ActorProfile | None:
        """Return the profile of the actor with this key (``profiles.actor_profile`` over its documents).

        At most ``max_documents`` documents (the newest) are read; ``counts`` are over all of
        them, and ``truncated`` says whether some were left out.
        """
        q.no_nul(key)
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(actors.c.pk, *ACTOR_COLUMNS).where(actors.c.key == key))
                .mappings()
                .first()
            )
            if row is None:
                return None
            doc_pks = sa.select(entities.c.document_pk).where(entities.c.actor_pk == row["pk"])
            results = [
                Result.from_dict(json.loads(r))
                for (r,) in conn.execute(
                    sa.select(documents.c.result)
                    .where(documents.c.pk.in_(doc_pks))
                    .order_by(documents.c.published_date.desc().nulls_last(), documents.c.pk.desc())
                    .limit(max_documents)
                )
            ]
        profile = actor_profile(results, key)
        return replace(
            profile,
            name=profile.name or row["name"], type=profile.type or row["type"],
            country=profile.country or row["country"], sector=profile.sector or row["sector"],
            kb_id=profile.kb_id or row["kb_id"],
            counts=replace(profile.counts, documents=row["n_documents"], mentions=row["n_mentions"],
                           events=row["n_events"]),
            truncated=row["n_documents"] > len(results),
        )

    def find_actors(self, name: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Return the actors a name may mean: exact key, then exact name or alias, then containing it."""
        return self.actors(name=name, limit=limit)

    def relations(
        self, *, actor: str | None = None, relation: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """List relations (newest stored first), optionally of one actor (key, name or alias) or one kind."""
        check_limit(limit, offset)
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

