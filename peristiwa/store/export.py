"""Write stored events as a table, CSV, JSONL, Parquet, ACLED-like CSV or PLOVER-style JSONL; incidents too.

Events here are the store's typed records (``peristiwa.store.records.StoredEvent``: the contract
event, the report it was read in, an actor ``key``/``sector`` on each participant), as
:meth:`Store.events` returns them.

ACLED export
------------
``acled-csv`` writes ACLED's 31 columns (``ACLED_COLUMNS``, in ACLED's order), then
``ACLED_EXTRA_COLUMNS``.  By default one row is one incident (``peristiwa.corpus.incidents``: the
reports of one act by several articles), with the best-supported values across its reports
(:func:`acled_record`); ``per_report`` gives one row per article's event.  The PLOVER -> ACLED
table, the actor categories and how each column is filled are in ``docs/EXPORTS.md`` (the
tables themselves are data: ``peristiwa/data/crosswalk/``).  Every export also carries each
event's CAMEO root, Goldstein score and QuadClass (``peristiwa.output.crosswalk``).

Incidents
---------
Stored incidents (``Store.incidents``) are written with ``peristiwa.corpus.incidents.INCIDENT_COLUMNS``:
as CSV (``export --format incidents-csv``) and, next to the events of ``export --format
parquet -o FILE.parquet``, as ``FILE.incidents.parquet``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from peristiwa.corpus.incidents import _DATE_RANK, Incident, figure, finest_place, incident_row
from peristiwa.corpus.profiles import ActorProfile
from peristiwa.output import crosswalk as cw
from peristiwa.output.formats import CAMEO_COLUMNS, CSV_COLUMNS, event_row, shown_text
from peristiwa.store.records import VIOLENT_MODES, StoredEvent, StoredParty
from peristiwa.types import EventDate

EVENT_FORMATS: tuple[str, ...] = ("table", "csv", "jsonl", "parquet")
EXPORT_FORMATS: tuple[str, ...] = ("acled-csv", "plover-jsonl", "parquet", "incidents-csv")

DOC_COLUMNS: tuple[str, ...] = ("document", "title", "published", "source", "url")
# Who against whom: each side's participants as ACLED names them ("warga" -> "Civilians (Indonesia)").
CATEGORY_COLUMNS: tuple[str, ...] = ("actor_categories", "target_categories")
FLAT_COLUMNS: tuple[str, ...] = (*CSV_COLUMNS, *CATEGORY_COLUMNS, *DOC_COLUMNS)
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
ACLED_EXTRA_COLUMNS: tuple[str, ...] = (
    "iso3", "plover_type", "plover_mode", *CAMEO_COLUMNS, "fatalities_min", "fatalities_max", "incident_id",
    "n_reports", "doc_ids", "event_ids", "documents", "urls",
)
# The outlets Peristiwa reads are Indonesian: an event in Indonesia is national news, others international.
SOURCE_COUNTRY = "IDN"
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY"})

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
    "goldstein": "float",
    "quad_class": "int",
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
    "goldstein": "float",
    "quad_class": "int",
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
    "goldstein": "float",
    **dict.fromkeys(("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                     "fatalities", "timestamp", "quad_class", "fatalities_min", "fatalities_max", "n_reports"),
                    "int"),
}
country_name = cw.country_name


def _codes(reports: Sequence[StoredEvent], side: str, *, country: str | None,
           violent: bool) -> list[cw.ActorCode]:
    """The distinct participants of one side across reports, as ACLED names them, most reported first."""
    counts: Counter[cw.ActorCode] = Counter()
    first: dict[cw.ActorCode, int] = {}
    for ev in reports:
        here = set()
        for part in ev.side(side):
            code = cw.classify(part, country=country, violent=violent)
            here.add(code)
            first.setdefault(code, len(first))
        counts.update(here)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))


def _armed(code: cw.ActorCode) -> bool:
    return code.inter in cw.ARMED_INTERS or (code.inter is None and code.sector in ARMED_SECTORS)


def acled_type(ev: StoredEvent) -> tuple[str, str]:
    """Return ACLED's ``(event_type, sub_event_type)`` for one event (the table in ``docs/EXPORTS.md``)."""
    rule = _acled_rule([ev], ev.type, ev.mode, ev.country)[0]
    return rule.event_type, rule.sub_event_type


def _acled_rule(reports: Sequence[StoredEvent], type_: str, mode: str | None, iso3: str | None
                ) -> tuple[cw.AcledType, list[cw.ActorCode], list[cw.ActorCode]]:
    violent = type_ == "ASSAULT" or mode in VIOLENT_MODES
    actors = _codes(reports, "actors", country=iso3, violent=violent)
    targets = _codes(reports, "targets", country=iso3, violent=violent)
    rule = cw.acled_type(type_, mode, crowd_actor=any(a.category in cw.CROWDS for a in actors),
                         armed_target=any(_armed(t) for t in targets))
    return rule, actors, targets


def _crowd(category: str, where: str | None) -> cw.ActorCode:
    cat = cw.categories()[category]
    return cw.ActorCode(cat.name(where), None, cat.inter, cat.sector, cat.id)


def _acled_sides(rule: cw.AcledType, actors: list[cw.ActorCode], targets: list[cw.ActorCode],
                 where: str | None) -> tuple[list[cw.ActorCode], list[cw.ActorCode]]:
    """Put the participants where ACLED's conventions want them for this kind of event."""
    def crowdish(code: cw.ActorCode) -> bool:
        return code.category in cw.CROWDS or code.inter in (5, 6, 7)

    if rule.sub_event_type == "Excessive force against protesters":
        if any(crowdish(t) for t in targets) or not targets:
            targets = [_crowd("protesters", where), *(t for t in targets if not crowdish(t))]
    elif rule.event_type in ("Protests", "Riots"):
        crowd = "rioters" if rule.event_type == "Riots" else "protesters"
        if actors and not any(crowdish(a) for a in actors) and any(crowdish(t) for t in targets):
            actors, targets = targets, actors  # the police broke up the crowd: ACLED lists the crowd first
        actors = [_crowd(crowd, where), *(a for a in actors if a.category not in cw.CROWDS)]
    return actors, targets


def _assoc(side: Sequence[cw.ActorCode]) -> str:
    """The associated actors of a side: the first actor's own name or group, then the others."""
    if not side:
        return ""
    head = side[0]
    crowd = head.category in cw.CROWDS
    names: list[str] = [head.assoc] if head.assoc else []
    for code in side[1:]:
        if crowd and code.assoc is None and code.category in ("civilians", *cw.CROWDS):
            continue  # "Civilians (X)" among protesters says nothing more
        names.append(code.assoc if crowd and code.assoc else code.name)
        if not crowd and code.assoc and code.name == head.name:
            names[-1] = code.assoc
    return "; ".join(dict.fromkeys(n for n in names if n and n != head.name))


def _best_date(reports: Sequence[StoredEvent]) -> EventDate | None:
    """The finest date the reports give, widened to cover every report that dates it as finely."""
    dated = [ev.event.date for ev in reports if ev.event.date is not None]
    if not dated:
        return None
    finest = min(_DATE_RANK.get(d.precision, 9) for d in dated)
    chosen = [d for d in dated if _DATE_RANK.get(d.precision, 9) == finest]
    return EventDate(None, min(d.start for d in chosen), max(d.end for d in chosen), chosen[0].precision)


def time_precision(date: EventDate | None) -> int | None:
    """Return ACLED's time precision (1 day, 2 up to a week or publication day, 3 longer)."""
    if date is None:
        return None
    if date.precision in ("day", "time"):
        return 1
    if date.precision == "publication":
        return 2
    return 2 if (date.end - date.start).days <= 7 else 3


def _timestamp(values: Iterable[Any]) -> int | str:
    stamps = []
    for value in values:
        if not value:
            continue
        try:
            when = dt.datetime.fromisoformat(str(value))
        except ValueError:
            continue
        stamps.append(int((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp()))
    return max(stamps) if stamps else ""


def acled_record(reports: Sequence[StoredEvent], *, incident_id: str | None = None) -> dict[str, Any]:
    """Return the ACLED row of one incident from its reports (stored events; one for a per-report row).

    Each value is the best supported across reports: the most common mode, the finest date and
    place, the fatalities most reports give (``peristiwa.corpus.incidents.figure``; never a sum), the
    participants most reports name first.  ``notes`` is the evidence of the report whose
    figure was kept, as :func:`shown_text` shows it.
    """
    reports = sorted(reports, key=lambda ev: (ev.report.published or "", ev.report.doc_id, ev.id))
    type_ = reports[0].type
    modes = Counter(ev.mode for ev in reports if ev.mode)
    mode = sorted(modes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if modes else None
    date = _best_date(reports)
    best = finest_place([ev.event.location.place for ev in reports
                         if ev.event.location is not None and ev.event.location.place.name])
    iso3 = (best.country if best else None) or ""
    where = cw.country_name(iso3) if iso3 else None
    rule, actors, targets = _acled_rule(reports, type_, mode, iso3 or None)
    side1, side2 = _acled_sides(rule, actors, targets, where)
    inter1 = side1[0].inter if side1 else None
    inter2 = side2[0].inter if side2 else None
    if inter1 and inter2:
        interaction: int | str = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = inter1 * 10 if inter1 else ""
    deaths = figure(ev.event.fatalities for ev in reports)
    shown = next((ev for ev in reports if deaths is not None and ev.event.fatalities is not None
                  and ev.event.fatalities.min == deaths.best), reports[0])
    iso, region = cw.acled_region(iso3)
    tags = []
    if rule.event_type in ("Protests", "Riots"):
        tags.append("crowd size=no report")
    if deaths is not None and deaths.min != deaths.max:
        tags.append(f"fatalities reported {deaths.min}-{deaths.max}")
    if incident_id:
        key = incident_id.removeprefix("inc")
    else:
        key = hashlib.sha1(f"{reports[0].report.document}#{reports[0].id}".encode()).hexdigest()[:16]
    precision = best.precision if best else None
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{key}",
        "event_date": date.start.isoformat() if date else "",
        "year": date.start.year if date else "",
        "time_precision": time_precision(date),
        "disorder_type": rule.disorder_type,
        "event_type": rule.event_type,
        "sub_event_type": rule.sub_event_type,
        "actor1": side1[0].name if side1 else "",
        "assoc_actor_1": _assoc(side1),
        "inter1": inter1 or "",
        "actor2": side2[0].name if side2 else "",
        "assoc_actor_2": _assoc(side2),
        "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting"
        if "Political violence" in rule.disorder_type and inter2 == 7 else "",
        "iso": iso if iso is not None else "",
        "region": region or "",
        "country": where or "",
        "admin1": (best.admin1 if best else None) or "",
        "admin2": best.name if best and precision == "admin2" else "",
        "admin3": best.name if best and precision == "district" else "",
        "location": (best.name if best else None) or "",
        "latitude": best.lat if best else None,
        "longitude": best.lon if best else None,
        "geo_precision": _GEO_PRECISION.get(str(precision or "")),
        "source": "; ".join(dict.fromkeys(ev.report.outlet for ev in reports)),
        "source_scale": ("National" if iso3 == SOURCE_COUNTRY else "International") if iso3 else "",
        "notes": shown_text(shown.event.evidence.text),
        "fatalities": deaths.best if deaths is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": _timestamp(ev.report.ingested_at for ev in reports),
        "iso3": iso3,
        "plover_type": type_,
        "plover_mode": mode or "",
        **cw.cameo_fields(type_, mode),
        "fatalities_min": deaths.min if deaths is not None else "",
        "fatalities_max": deaths.max if deaths is not None else "",
        "incident_id": incident_id or "",
        "n_reports": len({ev.report.document or ev.report.doc_id for ev in reports}),
        "doc_ids": "; ".join(dict.fromkeys(ev.report.doc_id for ev in reports)),
        "event_ids": "; ".join(f"{ev.report.doc_id}#{ev.id}" for ev in reports),
        "documents": "; ".join(dict.fromkeys(ev.report.document for ev in reports)),
        "urls": "; ".join(dict.fromkeys(ev.report.url for ev in reports if ev.report.url)),
    }


def acled_row(ev: StoredEvent) -> dict[str, Any]:
    """Return the per-report ACLED row of one stored event."""
    return acled_record([ev], incident_id=ev.incident)


def acled_rows(store: Any, flt: Any = None, *, per_report: bool = False, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Yield the ACLED rows of the events ``flt`` keeps: one per incident (all its reports), or per report.

    An incident is exported when any of its reports passes the filter; an event the stored
    incidents do not cover yet (added since the last rebuild) is an incident of its own.
    """
    if per_report:
        yield from (acled_row(ev) for ev in store.iter_events(flt))
        return
    seen: set[str] = set()
    pending: list[str] = []

    def flush() -> Iterator[dict[str, Any]]:
        members = store.incident_events(pending)
        for inc in pending:
            if members.get(inc):
                yield acled_record(members[inc], incident_id=inc)
        pending.clear()

    for ev in store.iter_events(flt):
        inc = ev.incident
        if inc is None:
            yield acled_record([ev])
            continue
        if inc in seen:
            continue
        seen.add(inc)
        pending.append(inc)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def incident_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    """Yield the flat row (``INCIDENT_COLUMNS``) of each stored incident."""
    for inc in incidents:
        yield incident_row(inc)


def incidents_path(events_path: str) -> str:
    """Return the path of the incidents next to a Parquet file of events: ``x.incidents.parquet``."""
    path = Path(events_path)
    stem = path.stem if path.suffix == ".parquet" else path.name
    return str(path.with_name(stem + ".incidents.parquet"))


def plover_record(ev: StoredEvent) -> dict[str, Any]:
    """Return a PLOVER-style record (``event``, ``mode``, ``actor``, ``recipient``, ``dead``, ...)."""

    def people(parts: Iterable[StoredParty]) -> list[dict[str, Any]]:
        return [{"name": p.name, "text": p.text, "country": p.country, "key": p.key} for p in parts]

    event, doc, date = ev.event, ev.report, ev.event.date
    return {
        "id": f"{doc.document}:{ev.id}",
        "date": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "date_precision": date.precision if date else None,
        "event": ev.type,
        "mode": ev.mode,
        **cw.cameo_fields(ev.type, ev.mode),
        "context": None,
        "actor": "; ".join(p.name for p in ev.actors) or None,
        "actor_country": next((p.country for p in ev.actors if p.country), None),
        "recipient": "; ".join(p.name for p in ev.targets) or None,
        "recipient_country": next((p.country for p in ev.targets if p.country), None),
        "actors": people(ev.actors),
        "recipients": people(ev.targets),
        "dead": event.fatalities.value() if event.fatalities else None,
        "injured": event.injuries.value() if event.injuries else None,
        "size": None,
        "geolocation": event.location.to_dict() if event.location else None,
        "text": shown_text(event.evidence.text),
        "trigger": event.trigger.text,
        "historical": event.historical,
        "confidence": event.confidence,
        "doc_id": doc.doc_id,
        "document": doc.document,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
    }


def flat_row(ev: StoredEvent) -> dict[str, Any]:
    """Return one flat row: the columns of ``peristiwa extract --format csv`` plus the document's."""
    row = event_row(ev.report.doc_id, ev.event)
    for side, col in zip(("actors", "targets"), CATEGORY_COLUMNS, strict=True):
        row[col] = "; ".join(dict.fromkeys(ev.category(p).name for p in ev.side(side)))
    for col in DOC_COLUMNS:
        row[col] = getattr(ev.report, col) or ""
    return row


def table_line(ev: StoredEvent) -> str:
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
    # generic participants ("warga", "polisi") by their category: who against whom reads at a glance
    who, whom = (_shown_side(ev.side(side), row[col]) for side, col in zip(("actors", "targets"), CATEGORY_COLUMNS,
                                                                           strict=True))
    return (
        f"{when:<22} {row['type'] + mode:<22} {_clip(who or '?', 30):<30} → "
        f"{_clip(whom or '-', 30):<30} @ {_clip(row['location'] or '?', 24)}{toll}\n"
        f"    “{evidence}” [{row['doc_id']}]\n"
    )


def _shown_side(parts: Sequence[StoredParty], categories: str) -> str:
    names = [p.name for p in parts if not cw.generic_category(p.text) and not cw.generic_category(p.name)]
    generic = [c for c in categories.split("; ") if c] if len(names) < len(parts) else []
    return "; ".join(dict.fromkeys(names + [c for c in generic if c not in names]))


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


def profile_text(profile: ActorProfile, *, max_events: int = 20) -> str:
    """Return an actor profile as text for a person at a terminal."""
    counts = profile.counts
    head = " · ".join(x for x in (profile.type, profile.country, profile.sector) if x)
    lines = [
        f"{profile.name or profile.key}  [{profile.key}]" + (f"  {head}" if head else ""),
        f"  {counts.documents} documents · {counts.mentions} mentions · {counts.events} events"
        + (" (profile over the newest documents only)" if profile.truncated else ""),
    ]
    aliases = [text for text, _n in profile.aliases]
    if aliases:
        lines.append("  aliases: " + "; ".join(aliases[:15]) + (" …" if len(aliases) > 15 else ""))
    for aff in profile.affiliations:
        arrow = "→" if aff.direction == "out" else "←"
        former = " (former)" if aff.former else ""
        where = f" ({aff.count}× in text)" if aff.source == "text" else " (knowledge base)"
        lines.append(f"  {arrow} {aff.relation} {aff.name or aff.key}{former}{where}")
    if profile.events:
        lines.append(f"  events ({len(profile.events)} read, newest first):")
    for item in profile.events[:max_events]:
        ev = item.event
        date = ev.date.start.isoformat() if ev.date else "date ?"
        place = ev.location.place.name if ev.location else None
        others = [p.name for p in (ev.targets if item.role.startswith("actor") else ev.actors)]
        lines.append(
            f"    {date:<10} {item.role:<12} {ev.type:<10} {_clip('; '.join(others) or '-', 40):<40}"
            f" @ {_clip(place or '?', 24)} [{item.where.doc_id}]"
        )
    return "\n".join(lines) + "\n"
