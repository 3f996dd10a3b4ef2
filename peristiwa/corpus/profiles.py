"""Actor keys and actor profiles: one actor's names, mentions, relations and events over many results.

A result's entities are per document (``e3`` in one article is not ``e3`` in the next); the
*actor key* joins them across documents:

- the Wikidata QID when the entity has one (``Q801``);
- else ``kb:<id>`` when the knowledge base has an actor of exactly that canonical name and
  type (``kb:hamas``);
- else ``n:<normalised name>|<type>|<country>`` (``n:kataibhizbullah|ORG|IRQ``).

An event's actor or target counts for an actor when it points (``entity``) at one of the
actor's entities; participants named without an entity (``warga``, ``pelaku``) belong to no
actor.  The store computes keys with :func:`actor_key` at ingest and builds its actor pages
with :func:`actor_profile`, so the command line, the API and the web UI agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from peristiwa.kb import KnowledgeBase, normalize
from peristiwa.types import Entity, Result

__all__ = ["actor_key", "actor_profile", "entity_keys", "kb_actor_for_key"]

KB_PREFIX = "kb:"
NAME_PREFIX = "n:"


@lru_cache(maxsize=65536)
def _kb_id_for(name: str, type_: str) -> str | None:
    """Return the KB id of the actor whose canonical name is exactly ``name`` (same type)."""
    for actor in KnowledgeBase.default().candidates(name):
        if actor.name == name and actor.type == type_:
            return actor.id
    return None


@lru_cache(maxsize=1)
def _kb_by_qid() -> dict[str, str]:
    kb = KnowledgeBase.default()
    return {actor.qid: actor.id for actor in kb if actor.qid}


def actor_key(entity: Entity) -> str:
    """Return the global key of one result entity."""
    if entity.kb_id:
        return entity.kb_id
    name = " ".join(entity.name.split())
    found = _kb_id_for(name, entity.type) if name else None
    if found is not None:
        return KB_PREFIX + found
    return f"{NAME_PREFIX}{normalize(name)}|{entity.type}|{entity.country or ''}"


def entity_keys(entities: Iterable[Entity]) -> dict[str, str]:
    """Map each entity id (of one result) to its actor key."""
    return {ent.id: actor_key(ent) for ent in entities}


def kb_actor_for_key(key: str) -> Any:
    """Return the KB actor a key names (``Q801``, ``kb:hamas``), or None."""
    kb = KnowledgeBase.default()
    if key.startswith(KB_PREFIX):
        return kb.get(key[len(KB_PREFIX) :])
    aid = _kb_by_qid().get(key)
    return kb.get(aid) if aid else None


def _kb_key(actor: Any) -> str:
    return str(actor.qid) if actor.qid else KB_PREFIX + str(actor.id)


def _most_common(counter: Counter[Any]) -> Any:
    """The most frequent value; ties go to the value seen first (Counter keeps insertion order)."""
    return counter.most_common(1)[0][0] if counter else None


def actor_profile(results: Iterable[Result], key: str) -> dict[str, Any]:
    """Merge one actor's names, mentions, relations and events over many contract results.

    A result may carry ``content_id`` in its ``extra`` (the store's document id, as stored JSON
    does), which is copied to every item taken from it.  Events are newest first; ``affiliations`` sums the relations by (relation,
    direction, other actor) and adds the knowledge base's own affiliations for known actors.
    """
    names: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    kb_ids: Counter[str] = Counter()
    documents: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    n_actor = n_target = 0
    for result in results:
        keys = entity_keys(result.entities)
        mine = {eid for eid, k in keys.items() if k == key}
        if not mine:
            continue
        where: dict[str, Any] = {"doc_id": result.doc_id}
        if result.extra.get("content_id"):
            where["content_id"] = result.extra["content_id"]
        documents.append({**where, "title": result.title, "published": result.published})
        by_id = {ent.id: ent for ent in result.entities}
        for eid in mine:
            ent = by_id[eid]
            names[ent.name] += 1
            types[ent.type or ""] += 1
            for value, counter in ((ent.country, countries), (ent.sector, sectors), (ent.kb_id, kb_ids)):
                if value:
                    counter[value] += 1
            for m in ent.mentions:
                aliases[" ".join(m.text.split())] += 1
                mentions.append({**where, "start": m.start, "end": m.end, "text": m.text})
        for rel in result.relations:
            if rel.subject in mine or rel.object in mine:
                out = rel.subject in mine
                other_id = rel.object if out else rel.subject
                partner = by_id.get(other_id)
                relations.append(
                    {
                        **where,
                        "relation": rel.relation,
                        "direction": "out" if out else "in",
                        "former": rel.former,
                        "evidence": rel.evidence.to_dict(),
                        "other": {
                            "key": keys.get(other_id),
                            "name": partner.name if partner else None,
                            "type": partner.type if partner else None,
                            "country": partner.country if partner else None,
                        },
                    }
                )
        for ev in result.events:
            roles = [
                role
                for role, parts in (("actors", ev.actors), ("targets", ev.targets))
                if any(p.entity in mine for p in parts)
            ]
            if not roles:
                continue
            n_actor += "actors" in roles
            n_target += "targets" in roles
            events.append({**where, "role": "+".join(r[:-1] for r in roles), "event": ev.to_dict()})
    events.sort(
        key=lambda item: ((item["event"].get("date") or {}).get("start") or "", item.get("doc_id") or ""),
        reverse=True,
    )
    profile: dict[str, Any] = {
        "key": key,
        "name": _most_common(names),
        "type": _most_common(types) or None,
        "country": _most_common(countries),
        "sector": _most_common(sectors),
        "kb_id": _most_common(kb_ids),
        "names": [n for n, _ in names.most_common()],
        "aliases": [{"text": t, "count": c} for t, c in aliases.most_common()],
        "documents": documents,
        "mentions": mentions,
        "relations": relations,
        "affiliations": _affiliations(relations, key),
        "events": events,
        "counts": {
            "documents": len(documents),
            "mentions": len(mentions),
            "events": len(events),
            "as_actor": n_actor,
            "as_target": n_target,
            "relations": len(relations),
        },
    }
    kb_actor = kb_actor_for_key(key)
    if kb_actor is not None:
        profile["name"] = profile["name"] or kb_actor.name
        profile["type"] = profile["type"] or kb_actor.type
        profile["country"] = profile["country"] or kb_actor.country
        profile["sector"] = profile["sector"] or kb_actor.sector
        profile["kb_aliases"] = list(kb_actor.names())
        kb = KnowledgeBase.default()
        for aff in kb_actor.affiliations:
            other = kb.get(aff.object)
            if other is not None:
                profile["affiliations"].append(
                    {
                        "relation": aff.relation,
                        "direction": "out",
                        "key": _kb_key(other),
                        "name": other.name,
                        "former": aff.former,
                        "count": 0,
                        "documents": [],
                        "source": "kb",
                    }
                )
    return profile


def _affiliations(relations: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rel in relations:
        other = rel["other"]
        if other["key"] == key:
            continue  # a relation between two mentions of the same actor says nothing
        ident = (rel["relation"], rel["direction"], other["key"])
        item = merged.get(ident)
        if item is None:
            item = merged[ident] = {
                "relation": rel["relation"],
                "direction": rel["direction"],
                "key": other["key"],
                "name": other["name"],
                "former": rel["former"],
                "count": 0,
                "documents": [],
                "source": "text",
            }
        item["count"] += 1
        item["former"] = item["former"] and rel["former"]  # current as soon as one text says so
        if rel["doc_id"] not in item["documents"]:
            item["documents"].append(rel["doc_id"])
    return sorted(merged.values(), key=lambda a: (-a["count"], a["relation"], a["name"] or ""))
