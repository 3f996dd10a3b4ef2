"""Writing: one document and its result per transaction, keyed by content hash; deleting."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from peristiwa.corpus.profiles import entity_keys
from peristiwa.store import query as q
from peristiwa.store.base import StoreBase
from peristiwa.store.db import StoreError, write_transaction
from peristiwa.store.incidents import mark_incidents_stale
from peristiwa.store.rows import (
    clip,
    document_hash,
    event_row,
    norm,
)
from peristiwa.store.schema import (
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
)
from peristiwa.types import Document, Result, parse_day


class Writes(StoreBase):
    """Adding and deleting documents with their results."""

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
                # the typed result as the store keeps it (what to_dict writes: confidences rounded)
                return self._add(conn, doc, Result.from_dict(data), data, content_id, extractor)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"{doc.id}: its result cannot be stored ({type(exc).__name__}: {exc})") from exc
        except sa.exc.IntegrityError as exc:
            raise StoreError(f"{doc.id}: its result breaks a store constraint: {exc.orig}") from exc

    def _add(self, conn: Connection, doc: Document, result: Result, data: dict[str, Any], content_id: str,
             extractor: str | None) -> bool:
        """Insert the rows of one document; ``data`` is ``result`` as the JSON kept with it."""
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
                lang=result.lang or doc.lang,
                text=doc.text,
                result=json.dumps(data, ensure_ascii=False),
                n_events=len(result.events),
                n_entities=len(result.entities),
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
        mark_incidents_stale(conn)

        # Actors: one global row per key, created on first sight.
        ents = result.entities
        keys = entity_keys(ents)
        new_actors: dict[str, dict[str, Any]] = {}
        for ent in ents:
            key = keys[ent.id]
            new_actors.setdefault(
                key,
                {
                    "key": key,
                    "name": clip(ent.name),
                    "norm": norm(ent.name),
                    "type": ent.type,
                    "country": ent.country,
                    "sector": ent.sector,
                    "kb_id": ent.kb_id,
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
            owner = pk_of_entity[ent.id]
            for name in (ent.name, *(m.text for m in ent.mentions)):
                name = " ".join(name.split())
                if norm(name):
                    names.setdefault((owner, norm(name)), clip(name))

        entity_pk: dict[str, int] = {}
        if ents:
            ent_rows = [
                {
                    "document_pk": doc_pk,
                    "entity_id": ent.id,
                    "actor_pk": pk_of_entity[ent.id],
                    "name": clip(ent.name),
                    "type": ent.type,
                    "kb_id": ent.kb_id,
                    "country": ent.country,
                    "sector": ent.sector,
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
                    "entity_pk": entity_pk[ent.id],
                    "document_pk": doc_pk,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                for ent in ents
                for m in ent.mentions
            ]
            if men_rows:
                conn.execute(mentions.insert(), men_rows)

        by_id = {ent.id: ent for ent in ents}
        evs = result.events
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
                for role, parts in (("actor", ev.actors), ("target", ev.targets)):
                    for i, p in enumerate(parts):
                        eid = p.entity
                        apk = pk_of_entity.get(eid) if eid is not None else None
                        named = by_id.get(eid) if eid is not None else None
                        if apk is not None:
                            events_of_actor[apk].add(ev.id)
                            pname = " ".join(p.name.split())
                            if norm(pname):
                                names.setdefault((apk, norm(pname)), clip(pname))
                        role_rows.append(
                            {
                                "event_pk": event_pk[ev.id],
                                "role": role,
                                "position": i,
                                "entity_id": eid,
                                "actor_pk": apk,
                                "entity_type": named.type if named else None,
                                "sector": named.sector if named else None,
                                "text": p.text or p.name,
                                "name": clip(p.name),
                                "norm": norm(p.name),
                                "country": p.country,
                                "start": p.span.start if p.span else None,
                                "end": p.span.end if p.span else None,
                                "inferred": p.inferred,
                            }
                        )
            if role_rows:
                conn.execute(event_roles.insert(), role_rows)

        rel_rows = []
        for rel in result.relations:
            rel_rows.append(
                {
                    "document_pk": doc_pk,
                    "relation": rel.relation,
                    "subject_id": rel.subject,
                    "object_id": rel.object,
                    "subject_actor_pk": pk_of_entity.get(rel.subject),
                    "object_actor_pk": pk_of_entity.get(rel.object),
                    "former": rel.former,
                    "evidence_start": rel.evidence.start,
                    "evidence_end": rel.evidence.end,
                    "evidence_text": rel.evidence.text,
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
            owner = pk_of_entity[ent.id]
            counts.setdefault(owner, [1, 0, len(events_of_actor.get(owner, ()))])[1] += len(ent.mentions)
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
        mark_incidents_stale(conn)
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

