"""The actor graph: who acts with or against whom, from the stored events."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import sqlalchemy as sa

from peristiwa.store import query as q
from peristiwa.store.read import ACTOR_COLUMNS, Reads
from peristiwa.store.schema import (
    actors,
    event_roles,
    events,
    relations,
)

# Event types drawn as "who acts against whom" in the actor graph.
HOSTILE_TYPES: tuple[str, ...] = ("ASSAULT", "COERCE")


class ActorGraph(Reads):
    """The actor graph over the stored events."""

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
                        sa.select(actors.c.pk, *ACTOR_COLUMNS).where(actors.c.pk.in_(nodes))
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

