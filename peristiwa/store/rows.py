"""Conversions between contract results (dicts) and the store's rows, both ways."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from peristiwa.kb import normalize
from peristiwa.output.crosswalk import cameo_fields, classify
from peristiwa.types import Document, Event

NO_DATE = dt.date(1, 1, 1)
# Names and keys are cut to the column widths (a pathological entity name must not fail a document).
_NAME_MAX = 1000
_NORM_MAX = 600


def document_hash(doc: Document) -> str:
    """Return the content hash of an input document: its contract fields, canonical JSON, SHA-256."""
    payload = json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def norm(name: str) -> str:
    """Return the lookup form of a name (see ``peristiwa.kb.normalize``), cut to the column width."""
    return normalize(name)[:_NORM_MAX]


def clip(name: Any) -> str:
    return str(name or "")[:_NAME_MAX]


def count_columns(value: Any) -> tuple[int | None, int | None, str | None]:
    """Split a contract count (int, ``{"min","max","text"}`` or None) into min, max, text."""
    if value is None:
        return None, None, None
    if isinstance(value, Mapping):
        return int(value["min"]), int(value["max"]), value.get("text")
    return int(value), int(value), None


def count_value(low: int | None, high: int | None, text: str | None) -> int | dict[str, Any] | None:
    """Rebuild a contract count from its columns."""
    if low is None or high is None:
        return None
    if low == high:  # as Quantity.value(): an exact count is an int
        return low
    return {"min": low, "max": high, "text": text}


def event_row(ev: Event, *, document_pk: int, published: dt.date | None) -> dict[str, Any]:
    """Return the ``events`` row of one contract event."""
    date, loc = ev.date, ev.location
    start, end = (date.start, date.end) if date else (None, None)
    f_min, f_max, f_text = count_columns(ev.fatalities.value() if ev.fatalities else None)
    i_min, i_max, i_text = count_columns(ev.injuries.value() if ev.injuries else None)
    return {
        "document_pk": document_pk,
        "event_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "sort_date": start or published or NO_DATE,
        "date_start": start,
        "date_end": end,
        "date_text": date.text if date else None,
        "date_precision": date.precision if date else None,
        "location_text": loc.text if loc else None,
        "place": (clip(loc.place.name) or None) if loc else None,
        "country": loc.place.country if loc else None,
        "admin1": (clip(loc.place.admin1) or None) if loc else None,
        "lat": _float(loc.place.lat) if loc else None,
        "lon": _float(loc.place.lon) if loc else None,
        "geo_precision": loc.place.precision if loc else None,
        "fatalities_min": f_min,
        "fatalities_max": f_max,
        "fatalities_text": f_text,
        "injuries_min": i_min,
        "injuries_max": i_max,
        "injuries_text": i_text,
        "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "trigger_text": ev.trigger.text,
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "evidence_text": ev.evidence.text,
        "historical": ev.historical,
        "confidence": ev.confidence,
    }


def _float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def event_dict(row: Mapping[str, Any], roles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Rebuild a contract event from its row and role rows, plus where it comes from and actor keys."""
    date = None
    if row["date_start"] is not None:
        date = {
            "text": row["date_text"],
            "start": row["date_start"].isoformat(),
            "end": (row["date_end"] or row["date_start"]).isoformat(),
            "precision": row["date_precision"],
        }
    location = None
    if row["place"] is not None or row["location_text"] is not None:
        location = {
            "text": row["location_text"],
            "name": row["place"],
            "country": row["country"],
            "admin1": row["admin1"],
            "lat": row["lat"],
            "lon": row["lon"],
            "precision": row["geo_precision"],
        }
    parts: dict[str, list[dict[str, Any]]] = {"actor": [], "target": []}
    for role in sorted(roles, key=lambda r: r["position"]):
        item: dict[str, Any] = {
            "entity": role["entity_id"],
            "text": role["text"],
            "name": role["name"],
            "country": role["country"],
        }
        if role["start"] is not None:
            item["span"] = {"start": role["start"], "end": role["end"], "text": role["text"]}
        if role["inferred"]:
            item["inferred"] = True
        item["key"] = role.get("actor_key")
        item["sector"] = role["sector"]
        item["type"] = role.get("entity_type")
        parts[role["role"]].append(item)
    # how ACLED names each participant ("warga" -> Civilians (Indonesia)): for who-against-whom tables
    violent = row["type"] == "ASSAULT" or row["mode"] in ("riot", "crowd-control")
    for item in parts["actor"] + parts["target"]:
        item["category"] = classify(item, country=row["country"], violent=violent).to_dict()
    return {
        "id": row["event_id"],
        "type": row["type"],
        "mode": row["mode"],
        **cameo_fields(row["type"], row["mode"]),
        "actors": parts["actor"],
        "targets": parts["target"],
        "date": date,
        "location": location,
        "fatalities": count_value(row["fatalities_min"], row["fatalities_max"], row["fatalities_text"]),
        "injuries": count_value(row["injuries_min"], row["injuries_max"], row["injuries_text"]),
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]},
        "evidence": {
            "start": row["evidence_start"],
            "end": row["evidence_end"],
            "text": row["evidence_text"],
        },
        "historical": bool(row["historical"]),
        "confidence": row["confidence"],
        "doc_id": row["doc_id"],
        "document": row["document"],
        "title": row["title"],
        "published": row["published"],
        "source": row["source"],
        "url": row["url"],
        "incident": row.get("incident"),
        "ingested_at": row.get("ingested_at"),
    }


def party_rows(incident_pk: int, data: Mapping[str, Any], sort_date: dt.date) -> list[dict[str, Any]]:
    """Return the ``incident_parties`` rows of one incident (``Incident.to_dict()``): actors, then targets."""
    rows = []
    for role, side in (("actor", "actors"), ("target", "targets")):
        for part in data.get(side) or []:
            if not isinstance(part, Mapping):
                continue
            country = part.get("country")
            key = part.get("key")
            rows.append(
                {
                    "incident_pk": incident_pk,
                    "role": role,
                    "key": str(key)[:_NORM_MAX] if key else None,
                    "norm": norm(str(part.get("name") or "")),
                    "country": country if isinstance(country, str) and len(country) == 3 else None,
                    "sort_date": sort_date,
                }
            )
    return rows
