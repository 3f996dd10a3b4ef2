"""Conversions between contract results and the store's rows, both ways."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from peristiwa.kb import normalize
from peristiwa.store.records import Report, StoredEvent, StoredParty
from peristiwa.types import Document, Event, EventDate, Location, Participant, Place, Span, Toll

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


def toll_columns(toll: Toll | None) -> tuple[int | None, int | None, str | None]:
    """A toll's min, max and words (kept for a range only)."""
    if toll is None:
        return None, None, None
    return toll.min, toll.max, toll.text if toll.min != toll.max else None


def toll_of(low: int | None, high: int | None, text: str | None) -> Toll | None:
    """Rebuild a toll from its columns."""
    if low is None or high is None:
        return None
    return Toll(low, high, text if low != high else None)


def event_row(ev: Event, *, document_pk: int, published: dt.date | None) -> dict[str, Any]:
    """Return the ``events`` row of one contract event."""
    date, loc = ev.date, ev.location
    start, end = (date.start, date.end) if date else (None, None)
    f_min, f_max, f_text = toll_columns(ev.fatalities)
    i_min, i_max, i_text = toll_columns(ev.injuries)
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


def stored_event(row: Mapping[str, Any], roles: Sequence[Mapping[str, Any]]) -> StoredEvent:
    """Rebuild a stored event from its row (joined with its document's) and its role rows."""
    date = None
    if row["date_start"] is not None:
        date = EventDate(row["date_text"], row["date_start"], row["date_end"] or row["date_start"],
                         row["date_precision"])
    location = None
    if row["place"] is not None or row["location_text"] is not None:
        location = Location(row["location_text"], Place(row["place"], row["country"], row["admin1"], row["lat"],
                                                        row["lon"], row["geo_precision"]))
    parts: dict[str, list[StoredParty]] = {"actor": [], "target": []}
    for role in sorted(roles, key=lambda r: r["position"]):
        span = Span(role["start"], role["end"], role["text"]) if role["start"] is not None else None
        part = Participant(role["text"], role["name"], role["entity_id"], role["country"], span, bool(role["inferred"]))
        parts[role["role"]].append(StoredParty(part, role.get("actor_key"), role["sector"], role.get("entity_type")))
    event = Event(
        row["event_id"], row["type"],
        Span(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        Span(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
        row["mode"], date=date, location=location,
        fatalities=toll_of(row["fatalities_min"], row["fatalities_max"], row["fatalities_text"]),
        injuries=toll_of(row["injuries_min"], row["injuries_max"], row["injuries_text"]),
        historical=bool(row["historical"]), confidence=row["confidence"],
    )
    report = Report(row["doc_id"], row["document"], row["title"], row["published"], row["source"], row["url"],
                    row.get("ingested_at"))
    return StoredEvent.of(event, report, parts["actor"], parts["target"], row.get("incident"))


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
