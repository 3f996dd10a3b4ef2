"""Write stored events as a table, CSV, JSONL, Parquet, ACLED-like CSV or PLOVER-style JSONL; incidents too.

Events here are the store's event dicts (a contract event plus ``doc_id``, ``document``,
``title``, ``published``, ``source``, ``url`` and an actor ``key``/``sector`` on each
participant), as :meth:`Store.events` returns them.

ACLED-like export
-----------------
ACLED codes political violence and protest; PLOVER covers more (verbal acts among them). Each
event becomes one row with ACLED's column names; ``event_type``/``sub_event_type`` come from
the PLOVER type and mode:

=========================  ============================  ======================================
PLOVER type / mode         ACLED event_type              sub_event_type
=========================  ============================  ======================================
ASSAULT aerial, drone      Explosions/Remote violence    Air/drone strike
ASSAULT heavy-weapons      Explosions/Remote violence    Shelling/artillery/missile attack
ASSAULT explosives         Explosions/Remote violence    Remote explosive/landmine/IED
ASSAULT abduct             Violence against civilians    Abduction/forced disappearance
ASSAULT crowd-control      Protests                      Excessive force against protesters
ASSAULT destroy            Strategic developments        Looting/property destruction
ASSAULT other modes/none   Battles when a target is an   Armed clash
                           armed force (sector MIL, COP,
                           REB or SPY), else Violence    Attack
                           against civilians
PROTEST riot               Riots                         Violent demonstration
PROTEST other              Protests                      Peaceful protest
COERCE arrest              Strategic developments        Arrests
COERCE crowd-control       Protests                      Protest with intervention
COERCE seize               Strategic developments        Looting/property destruction
AGREE, COOPERATE           Strategic developments        Agreement
RETREAT ceasefire          Strategic developments        Agreement
RETREAT withdraw           Strategic developments        Non-violent transfer of territory
everything else            Strategic developments        Other
=========================  ============================  ======================================

Other columns: ``event_date`` is the event's first day (ISO); ``time_precision`` is 1 for a
day, 2 for a span of up to a week or a date taken from the publication day, 3 otherwise;
``geo_precision`` is 1 for a town, district or site, 2 for a regency or region, 3 for a
province or country; ``actor1`` is the first actor and ``assoc_actor_1`` the others (``; ``),
``actor2`` the first target (the others in ``assoc_actor_2``); ``country`` is the English name;
``source`` the outlet (else the URL); ``notes`` the evidence sentence; ``fatalities`` the
lowest figure given (0 when the text gives none, as ACLED does). After ACLED's columns come
``assoc_actor_2``, ``iso3``, ``plover_type``, ``plover_mode``, ``event_id``, ``doc_id``,
``document`` and ``url``.

Incidents
---------
Stored incidents (``Store.incidents``) are written with ``peristiwa.incidents.INCIDENT_COLUMNS``:
as CSV (``export --format incidents-csv``) and, next to the events of ``export --format
parquet -o FILE.parquet``, as ``FILE.incidents.parquet``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from peristiwa.formats import CSV_COLUMNS, event_rows

EVENT_FORMATS: tuple[str, ...] = ("table", "csv", "jsonl", "parquet")
EXPORT_FORMATS: tuple[str, ...] = ("acled-csv", "plover-jsonl", "parquet", "incidents-csv")

DOC_COLUMNS: tuple[str, ...] = ("document", "title", "published", "source", "url")
FLAT_COLUMNS: tuple[str, ...] = (*CSV_COLUMNS, *DOC_COLUMNS)
ACLED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
    "fatalities",
)
ACLED_EXTRA_COLUMNS: tuple[str, ...] = (
    "assoc_actor_2",
    "iso3",
    "plover_type",
    "plover_mode",
    "event_id",
    "doc_id",
    "document",
    "url",
)
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY"})

_ASSAULT_MODES: dict[str, tuple[str, str]] = {
    "aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "crowd-control": ("Protests", "Excessive force against protesters"),
    "destroy": ("Strategic developments", "Looting/property destruction"),
}
_TYPE_MODES: dict[tuple[str, str | None], tuple[str, str]] = {
    ("PROTEST", "riot"): ("Riots", "Violent demonstration"),
    ("COERCE", "arrest"): ("Strategic developments", "Arrests"),
    ("COERCE", "crowd-control"): ("Protests", "Protest with intervention"),
    ("COERCE", "seize"): ("Strategic developments", "Looting/property destruction"),
    ("RETREAT", "ceasefire"): ("Strategic developments", "Agreement"),
    ("RETREAT", "withdraw"): ("Strategic developments", "Non-violent transfer of territory"),
}
_TYPES: dict[str, tuple[str, str]] = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "AGREE": ("Strategic developments", "Agreement"),
    "COOPERATE": ("Strategic developments", "Agreement"),
}
_OTHER = ("Strategic developments", "Other")
_GEO_PRECISION = {
    "site": 1,
    "village": 1,
    "district": 1,
    "city": 1,
    "admin2": 2,
    "region": 2,
    "admin1": 3,
    "country": 3,
}

# Parquet column types ("float", "int", "bool"); every other column is a string.
FLAT_TYPES: dict[str, str] = {
    "latitude": "float",
    "longitude": "float",
    "confidence": "float",
    "historical": "bool",
    **dict.fromkeys(
        (
            "fatalities_min",
            "fatalities_max",
            "injuries_min",
            "injuries_max",
            "evidence_start",
            "evidence_end",
        ),
        "int",
    ),
}
INCIDENT_TYPES: dict[str, str] = {
    "latitude": "float",
    "longitude": "float",
    "historical": "bool",
    **dict.fromkeys(
        (
            "n_reports",
            "n_outlets",
            "fatalities",
            "fatalities_min",
            "fatalities_max",
            "injuries",
            "injuries_min",
            "injuries_max",
        ),
        "int",
    ),
}
ACLED_TYPES: dict[str, str] = {
    "latitude": "float",
    "longitude": "float",
    "geo_precision": "int",
    "time_precision": "int",
    "fatalities": "int",
}


def acled_type(ev: Mapping[str, Any]) -> tuple[str, str]:
    """Return ACLED's ``(event_type, sub_event_type)`` for a PLOVER event (see the module docstring)."""
    type_, mode = ev["type"], ev.get("mode")
    if type_ == "ASSAULT":
        if mode in _ASSAULT_MODES:
            return _ASSAULT_MODES[mode]
        armed = any(p.get("sector") in ARMED_SECTORS for p in ev.get("targets", []))
        return ("Battles", "Armed clash") if armed else ("Violence against civilians", "Attack")
    return _TYPE_MODES.get((type_, mode)) or _TYPES.get(type_) or _OTHER


def time_precision(date: Mapping[str, Any] | None) -> int | None:
    """Return ACLED's time precision (1 day, 2 up to a week or publication day, 3 longer)."""
    if not date:
        return None
    if date.get("precision") in ("day", "time"):
        return 1
    if date.get("precision") == "publication":
        return 2
    days = (dt.date.fromisoformat(date["end"]) - dt.date.fromisoformat(date["start"])).days
    return 2 if days <= 7 else 3


@lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    """Return the English name of a country from the gazetteer (the code itself when unknown)."""
    from peristiwa.places import Gazetteer

    place = Gazetteer.default().country(iso3)
    return place.name if place else iso3


def acled_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """Return the ACLED-like row of one stored event."""
    event_type, sub_type = acled_type(ev)
    actors = [p["name"] for p in ev.get("actors", [])]
    targets = [p["name"] for p in ev.get("targets", [])]
    loc = ev.get("location") or {}
    date = ev.get("date") or {}
    deaths = ev.get("fatalities")
    iso3 = loc.get("country") or ""
    return {
        "event_date": date.get("start", ""),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": targets[0] if targets else "",
        "country": country_name(iso3) if iso3 else "",
        "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or "",
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision") or ""),
        "time_precision": time_precision(date),
        "source": ev.get("source") or ev.get("url") or ev.get("doc_id") or "",
        "notes": " ".join(ev["evidence"]["text"].split()),
        "fatalities": (deaths["min"] if isinstance(deaths, Mapping) else deaths) or 0,
        "assoc_actor_2": "; ".join(targets[1:]),
        "iso3": iso3,
        "plover_type": ev["type"],
        "plover_mode": ev.get("mode") or "",
        "event_id": ev["id"],
        "doc_id": ev.get("doc_id", ""),
        "document": ev.get("document", ""),
        "url": ev.get("url") or "",
    }


def incident_rows(incidents: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield the flat row (``INCIDENT_COLUMNS``) of each stored incident (``Incident.to_dict()``)."""
    from peristiwa.incidents import incident_from_dict, incident_row

    for data in incidents:
        yield incident_row(incident_from_dict(data))


def incidents_path(events_path: str) -> str:
    """Return the path of the incidents next to a Parquet file of events: ``x.incidents.parquet``."""
    path = Path(events_path)
    stem = path.stem if path.suffix == ".parquet" else path.name
    return str(path.with_name(stem + ".incidents.parquet"))


def plover_record(ev: Mapping[str, Any]) -> dict[str, Any]:
    """Return a PLOVER-style record (``event``, ``mode``, ``actor``, ``recipient``, ``dead``, ...)."""

    def people(parts: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [
            {"name": p["name"], "text": p.get("text"), "country": p.get("country"), "key": p.get("key")}
            for p in parts
        ]

    date = ev.get("date") or {}
    return {
        "id": f"{ev.get('document', '')}:{ev['id']}",
        "date": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "event": ev["type"],
        "mode": ev.get("mode"),
        "context": None,
        "actor": "; ".join(p["name"] for p in ev.get("actors", [])) or None,
        "actor_country": next((p.get("country") for p in ev.get("actors", []) if p.get("country")), None),
        "recipient": "; ".join(p["name"] for p in ev.get("targets", [])) or None,
        "recipient_country": next(
            (p.get("country") for p in ev.get("targets", []) if p.get("country")), None
        ),
        "actors": people(ev.get("actors", [])),
        "recipients": people(ev.get("targets", [])),
        "dead": ev.get("fatalities"),
        "injured": ev.get("injuries"),
        "size": None,
        "geolocation": ev.get("location"),
        "text": ev["evidence"]["text"],
        "trigger": ev["trigger"]["text"],
        "historical": ev.get("historical", False),
        "confidence": ev.get("confidence"),
        "doc_id": ev.get("doc_id"),
        "document": ev.get("document"),
        "title": ev.get("title"),
        "published": ev.get("published"),
        "source": ev.get("source"),
        "url": ev.get("url"),
    }


def flat_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """Return one flat row: the columns of ``peristiwa extract --format csv`` plus the document's."""
    row = next(iter(event_rows({"doc_id": ev.get("doc_id", ""), "events": [ev]})))
    for col in DOC_COLUMNS:
        row[col] = ev.get(col) or ""
    return row


def table_line(ev: Mapping[str, Any]) -> str:
    """Return two lines for a person: when, what, who → whom, where, toll; then the evidence."""
    row = flat_row(ev)
    when = row["date_start"] or "date ?"
    if row["date_end"] and row["date_end"] != row["date_start"]:
        when += f"..{row['date_end']}"
    mode = f"/{row['mode']}" if row["mode"] else ""
    toll = (f" killed {row['fatalities']}" if row["fatalities"] != "" else "") + (
        f" hurt {row['injuries']}" if row["injuries"] != "" else ""
    )
    evidence = row["evidence"] if len(row["evidence"]) <= 110 else row["evidence"][:109] + "…"
    return (
        f"{when:<22} {row['type'] + mode:<22} {_clip(row['actors'] or '?', 30):<30} → "
        f"{_clip(row['targets'] or '-', 30):<30} @ {_clip(row['location'] or '?', 24)}{toll}\n"
        f"    “{evidence}” [{row['doc_id']}]\n"
    )


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def write_csv(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    """Write rows as CSV with a header; return how many."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
    return n


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write one JSON object per line; return how many."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_parquet(
    rows: Iterable[Mapping[str, Any]],
    columns: tuple[str, ...],
    path: str,
    *,
    kinds: Mapping[str, str],
    batch: int = 10_000,
) -> int:
    """Write rows to a Parquet file in batches, typed by ``kinds`` (else strings); return how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema([pa.field(col, arrow.get(kinds.get(col, ""), pa.string())) for col in columns])
    types = {f.name: f.type for f in schema}

    def clean(value: Any, type_: Any) -> Any:
        if value == "" or value is None:
            return None
        if type_ == pa.string():
            return str(value)
        if type_ == pa.int64():
            return int(value)
        if type_ == pa.float64():
            return float(value)
        return value

    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append({col: clean(row.get(col), types[col]) for col in columns})
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def profile_text(profile: Mapping[str, Any], *, max_events: int = 20) -> str:
    """Return an actor profile as text for a person at a terminal."""
    counts = profile["counts"]
    head = " · ".join(
        str(x) for x in (profile.get("type"), profile.get("country"), profile.get("sector")) if x
    )
    lines = [
        f"{profile.get('name') or profile['key']}  [{profile['key']}]" + (f"  {head}" if head else ""),
        f"  {counts['documents']} documents · {counts['mentions']} mentions · {counts['events']} events"
        + (" (profile over the newest documents only)" if profile.get("truncated") else ""),
    ]
    aliases = [a["text"] for a in profile.get("aliases", [])]
    if aliases:
        lines.append("  aliases: " + "; ".join(aliases[:15]) + (" …" if len(aliases) > 15 else ""))
    for aff in profile.get("affiliations", []):
        arrow = "→" if aff["direction"] == "out" else "←"
        former = " (former)" if aff["former"] else ""
        where = f" ({aff['count']}× in text)" if aff["source"] == "text" else " (knowledge base)"
        lines.append(f"  {arrow} {aff['relation']} {aff['name'] or aff['key']}{former}{where}")
    events = profile.get("events", [])
    if events:
        lines.append(f"  events ({len(events)} read, newest first):")
    for item in events[:max_events]:
        ev = item["event"]
        date = (ev.get("date") or {}).get("start") or "date ?"
        where = (ev.get("location") or {}).get("name") or "?"
        others = [p["name"] for p in ev.get("targets" if item["role"].startswith("actor") else "actors", [])]
        lines.append(
            f"    {date:<10} {item['role']:<12} {ev['type']:<10} {_clip('; '.join(others) or '-', 40):<40}"
            f" @ {_clip(where, 24)} [{item['doc_id']}]"
        )
    return "\n".join(lines) + "\n"
