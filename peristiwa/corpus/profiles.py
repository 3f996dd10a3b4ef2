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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from peristiwa.kb import KnowledgeBase, normalize
from peristiwa.types import Entity, Event, Result, Span

__all__ = ["ActorProfile", "actor_key", "actor_profile", "entity_keys", "kb_actor_for_key"]

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


@dataclass(frozen=True, slots=True)
class Where:
    """The document an item of a profile was read in (``content_id``: the store's id, when stored)."""

    doc_id: str
    content_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, **({"content_id": self.content_id} if self.content_id else {})}


@dataclass(frozen=True, slots=True)
class ProfileDocument:
    where: Where
    title: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.where.to_dict(), "title": self.title, "published": self.published}


@dataclass(frozen=True, slots=True)
class ProfileMention:
    where: Where
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {**self.where.to_dict(), **self.span.to_dict()}


@dataclass(frozen=True, slots=True)
class Partner:
    """The other end of a relation, as the document names it."""

    key: str | None
    name: str | None
    type: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "type": self.type, "country": self.country}


@dataclass(frozen=True, slots=True)
class ProfileRelation:
    where: Where
    relation: str
    direction: str  # "out": the actor is the subject; "in": the object
    former: bool
    evidence: Span
    other: Partner

    def to_dict(self) -> dict[str, Any]:
        return {**self.where.to_dict(), "relation": self.relation, "direction": self.direction,
                "former": self.former, "evidence": self.evidence.to_dict(), "other": self.other.to_dict()}


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A relation summed over documents (``source`` "text"), or one the knowledge base records ("kb")."""

    relation: str
    direction: str
    key: str | None
    name: str | None
    former: bool
    count: int
    documents: tuple[str, ...]
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "direction": self.direction, "key": self.key, "name": self.name,
                "former": self.former, "count": self.count, "documents": list(self.documents),
                "source": self.source}


@dataclass(frozen=True, slots=True)
class ProfileEvent:
    where: Where
    role: str  # "actor", "target" or "actor+target"
    event: Event

    def to_dict(self) -> dict[str, Any]:
        return {**self.where.to_dict(), "role": self.role, "event": self.event.to_dict()}


@dataclass(frozen=True, slots=True)
class ProfileCounts:
    documents: int
    mentions: int
    events: int
    as_actor: int
    as_target: int
    relations: int

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "mentions": self.mentions, "events": self.events,
                "as_actor": self.as_actor, "as_target": self.as_target, "relations": self.relations}


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """One actor over many documents; ``to_dict`` is the API's actor object.

    ``kb_aliases`` is set for an actor of the knowledge base; ``truncated`` by the store, which
    reads the newest documents only and counts over all of them.
    """

    key: str
    name: str | None
    type: str | None
    country: str | None
    sector: str | None
    kb_id: str | None
    names: tuple[str, ...]
    aliases: tuple[tuple[str, int], ...]  # (text, count), most frequent first
    documents: tuple[ProfileDocument, ...]
    mentions: tuple[ProfileMention, ...]
    relations: tuple[ProfileRelation, ...]
    affiliations: tuple[Affiliation, ...]
    events: tuple[ProfileEvent, ...]  # newest first
    counts: ProfileCounts
    kb_aliases: tuple[str, ...] | None = None
    truncated: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key, "name": self.name, "type": self.type, "country": self.country,
            "sector": self.sector, "kb_id": self.kb_id, "names": list(self.names),
            "aliases": [{"text": t, "count": c} for t, c in self.aliases],
            "documents": [d.to_dict() for d in self.documents],
            "mentions": [m.to_dict() for m in self.mentions],
            "relations": [r.to_dict() for r in self.relations],
            "affiliations": [a.to_dict() for a in self.affiliations],
            "events": [e.to_dict() for e in self.events],
            "counts": self.counts.to_dict(),
        }
        if self.kb_aliases is not None:
            out["kb_aliases"] = list(self.kb_aliases)
        if self.truncated is not None:
            out["truncated"] = self.truncated
        return out


def actor_profile(results: Iterable[Result], key: str) -> ActorProfile:
    """Merge one actor's names, mentions, relations and events over many contract results.

    A result may carry ``content_id`` in its ``extra`` (the store's document id, as stored JSON
    does), which is kept with every item taken from it.  Events are newest first; ``affiliations``
    sums the relations by (relation, direction, other actor) and adds the knowledge base's own
    affiliations for known actors.
    """
    names: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    kb_ids: Counter[str] = Counter()
    documents: list[ProfileDocument] = []
    mentions: list[ProfileMention] = []
    relations: list[ProfileRelation] = []
    events: list[ProfileEvent] = []
    n_actor = n_target = 0
    for result in results:
        keys = entity_keys(result.entities)
        mine = {eid for eid, k in keys.items() if k == key}
        if not mine:
            continue
        content_id = result.extra.get("content_id")
        where = Where(result.doc_id, str(content_id) if content_id else None)
        documents.append(ProfileDocument(where, result.title, result.published))
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
                mentions.append(ProfileMention(where, m))
        for rel in result.relations:
            if rel.subject in mine or rel.object in mine:
                out = rel.subject in mine
                other_id = rel.object if out else rel.subject
                partner = by_id.get(other_id)
                relations.append(ProfileRelation(
                    where, rel.relation, "out" if out else "in", rel.former, rel.evidence,
                    Partner(keys.get(other_id), partner.name if partner else None, partner.type if partner else None,
                            partner.country if partner else None)))
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
            events.append(ProfileEvent(where, "+".join(r[:-1] for r in roles), ev))
    events.sort(key=lambda item: (item.event.date.start.isoformat() if item.event.date else "", item.where.doc_id),
                reverse=True)
    name, type_, country, sector = _most_common(names), _most_common(types) or None, _most_common(countries), \
        _most_common(sectors)
    affiliations = _affiliations(relations, key)
    kb_aliases = None
    kb_actor = kb_actor_for_key(key)
    if kb_actor is not None:
        name, type_ = name or kb_actor.name, type_ or kb_actor.type
        country, sector = country or kb_actor.country, sector or kb_actor.sector
        kb_aliases = tuple(kb_actor.names())
        kb = KnowledgeBase.default()
        for aff in kb_actor.affiliations:
            other = kb.get(aff.object)
            if other is not None:
                affiliations.append(Affiliation(aff.relation, "out", _kb_key(other), other.name, aff.former, 0, (),
                                                "kb"))
    return ActorProfile(
        key=key, name=name, type=type_, country=country, sector=sector, kb_id=_most_common(kb_ids),
        names=tuple(n for n, _ in names.most_common()), aliases=tuple(aliases.most_common()),
        documents=tuple(documents), mentions=tuple(mentions), relations=tuple(relations),
        affiliations=tuple(affiliations), events=tuple(events),
        counts=ProfileCounts(len(documents), len(mentions), len(events), n_actor, n_target, len(relations)),
        kb_aliases=kb_aliases,
    )


def _affiliations(relations: list[ProfileRelation], key: str) -> list[Affiliation]:
    merged: dict[tuple[Any, ...], tuple[ProfileRelation, int, bool, list[str]]] = {}
    for rel in relations:
        if rel.other.key == key:
            continue  # a relation between two mentions of the same actor says nothing
        ident = (rel.relation, rel.direction, rel.other.key)
        first, count, former, docs = merged.get(ident, (rel, 0, True, []))
        if rel.where.doc_id not in docs:
            docs.append(rel.where.doc_id)
        # current as soon as one text says so
        merged[ident] = (first, count + 1, former and rel.former, docs)
    found = [Affiliation(first.relation, first.direction, first.other.key, first.other.name, former, count,
                         tuple(docs), "text")
             for first, count, former, docs in merged.values()]
    return sorted(found, key=lambda a: (-a.count, a.relation, a.name or ""))
