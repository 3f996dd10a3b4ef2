"""Synthetic documents and contract results for the series and alert tests (no news text).

Each synthetic event gets a place of its own, more than 100 km from every other one, so no
two events of different documents fold into one incident; events of one document never do.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from peristiwa.store import Store, document_hash
from peristiwa.types import Document

_places = itertools.count()


@dataclass
class Ev:
    """One synthetic event: type, day, country, actor and target (name, country), deaths."""

    type: str
    day: dt.date
    country: str = "IRN"
    actor: tuple[str, str | None] | None = None
    target: tuple[str, str | None] | None = None
    fatalities: int | None = None
    mode: str | None = None
    words: str = ""
    lat_lon: tuple[float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _place(country: str, lat_lon: tuple[float, float] | None) -> dict[str, Any]:
    n = next(_places)
    lat, lon = lat_lon if lat_lon is not None else (-60.0 + 1.5 * (n % 80), -170.0 + 1.5 * (n // 80))
    return {"text": f"Tempat {n}", "name": f"Tempat {n}", "country": country, "admin1": None, "lat": lat,
            "lon": lon, "precision": "city"}


def result_for(doc: Document, evs: Sequence[Ev]) -> dict[str, Any]:
    """A contract result holding ``evs`` (entities for the named participants)."""
    entities: dict[tuple[str, str | None], dict[str, Any]] = {}
    events = []
    text_pos = 0
    for i, ev in enumerate(evs):
        sentence = f"Peristiwa sintetis {i} {ev.type.lower()} {ev.words}".strip() + "."
        parts: dict[str, list[dict[str, Any]]] = {"actors": [], "targets": []}
        for side, who in (("actors", ev.actor), ("targets", ev.target)):
            if who is None:
                continue
            ent = entities.setdefault(who, {"id": f"e{len(entities)}", "name": who[0], "type": "ORG",
                                            "country": who[1], "mentions": []})
            parts[side].append({"entity": ent["id"], "text": who[0], "name": who[0], "country": who[1]})
        events.append({
            "id": f"ev{i}",
            "type": ev.type,
            "mode": ev.mode,
            "date": {"text": ev.day.isoformat(), "start": ev.day.isoformat(), "end": ev.day.isoformat(),
                     "precision": "day"},
            "location": _place(ev.country, ev.lat_lon),
            **parts,
            "fatalities": ev.fatalities,
            "injuries": None,
            "trigger": {"start": text_pos, "end": text_pos + 9, "text": "Peristiwa"},
            "evidence": {"start": text_pos, "end": text_pos + len(sentence), "text": sentence},
            "historical": False,
            "confidence": 0.9,
            **ev.extra,
        })
        text_pos += len(sentence) + 1
    return {"doc_id": doc.id, "lang": "id", "published": doc.published, "entities": list(entities.values()),
            "events": events, "relations": []}


_docs = itertools.count()


def add_docs(store: Store, batches: Sequence[Sequence[Ev]]) -> list[str]:
    """Store one synthetic document per batch of events; return their store ids."""
    ids = []
    for evs in batches:
        n = next(_docs)
        day = max(ev.day for ev in evs)
        doc = Document(id=f"sintetis-{n}", text=f"Dokumen sintetis nomor {n}.", title=f"Sintetis {n}",
                       published=day.isoformat(), source="Sumber Sintetis")
        assert store.add(doc, result_for(doc, evs))
        ids.append(document_hash(doc))
    return ids


def days(start: dt.date, n: int, step: int = 1) -> Iterator[dt.date]:
    for i in range(n):
        yield start + dt.timedelta(days=i * step)
