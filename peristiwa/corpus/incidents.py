"""Incidents: the events of different articles that report the same act, folded into one.

Two events (of two different documents) report the same act when all of these hold:

- the same PLOVER type;
- dates that overlap or touch (within :data:`DATE_SLACK_DAYS`; a date taken from the
  publication day counts as that day); an event whose date spans more than
  ``max_span_days`` (a week, a month, a year) or that has no date is too vague to be matched
  and stays an incident of its own;
- places that do not disagree.  They *match* when they have the same name, or coordinates
  within ``max_km`` (twice that when one is a regency), or the same first-level region when
  one lacks coordinates or is a province; they agree only *weakly* when one is a whole
  country (or a region such as "Timur Tengah") and the other lies in it; different
  countries, provinces or distant points disagree.  A missing or unresolved place is unknown;
- actors that do not disagree, and targets that do not disagree.  Two sides *match* when
  they share an actor (the same actor key or name); they agree *weakly* when they only share
  a country and one of the two is a state (``Israel``) or is named without a knowledge-base
  link (``pasukan Israel``); a side that names nobody identifiable (generic words such as
  ``warga`` or ``massa``) is unknown;
- enough positive evidence: matching places; or, when the places agree only weakly, a
  matching actor or target; or, when a place is unknown, matching actors and targets that
  agree at least weakly.  Without matching places, two dates that both come from the
  publication day are not enough (such events are often background mentions).

Clustering is complete-linkage: an event joins an incident only when it agrees with every
event already in it, and an incident holds at most one event per document (the extractor
already merges the mentions of one act within an article).  Events are visited in a fixed
order (type, date, document, position), so the incidents do not depend on the order of the
input, and an incident's id is a hash of its sorted member ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median_low
from typing import IO, Any
from urllib.parse import urlsplit

from peristiwa.corpus.profiles import entity_keys
from peristiwa.kb import normalize
from peristiwa.output.crosswalk import cameo_fields
from peristiwa.types import (
    PLACE_PRECISION_RANK,
    Entity,
    Event,
    EventDate,
    Participant,
    Place,
    Result,
    Span,
    Toll,
    parse_day,
)

__all__ = [
    "DATE_SLACK_DAYS", "INCIDENT_COLUMNS", "MAX_KM", "MAX_SPAN_DAYS", "DayRange", "Figure", "Incident", "IncidentParty",
    "IncidentSource", "cluster_incidents", "figure", "finest_place", "haversine_km", "incident_from_dict", "incident_row", "write_incidents_csv",
]

MAX_KM = 50.0
MAX_SPAN_DAYS = 3
DATE_SLACK_DAYS = 1

_WIDE_PLACES = frozenset({"admin2"})
_DATE_RANK = {"time": 0, "day": 0, "publication": 1, "range": 2}
_STATE_TYPES = frozenset({"GPE"})

# Agreement of one dimension between two events.
_CONFLICT, _UNKNOWN, _WEAK, _MATCH = -1, 0, 1, 2


@dataclass(frozen=True, slots=True)
class Figure:
    """A count reported by several sources: the best-supported value and the range over reports.

    ``best`` is the figure reported most often (among exact figures; a tie goes to the one
    nearest the median of all exact figures, then the lower); with no exact figure, the
    median of the reports' lower bounds.  ``min``/``max`` span every report (a vague
    ``puluhan`` counts as 20–99); ``reports`` is how many reports gave a figure.
    """

    best: int
    min: int
    max: int
    reports: int

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best, "min": self.min, "max": self.max, "reports": self.reports}


@dataclass(frozen=True, slots=True)
class DayRange:
    """The days an incident happened on: the finest dating among its reports."""

    start: dt.date
    end: dt.date
    precision: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}


@dataclass(frozen=True, slots=True)
class IncidentParty:
    """One of an incident's actors or targets, with how many reports name it."""

    key: str | None  # the actor key (``corpus.profiles``), None for a participant no entity names
    name: str
    country: str | None
    reports: int

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "country": self.country, "reports": self.reports}


@dataclass(frozen=True, slots=True)
class IncidentSource:
    """One report of an incident: a document's event and where in the text it is stated."""

    doc_id: str
    event_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    date: EventDate | None
    location: str | None
    fatalities: Toll | None
    injuries: Toll | None
    trigger: Span
    evidence: Span
    document: str | None = None  # the store id (content hash) of the document, when it has one

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "document": self.document, "event_id": self.event_id,
                "outlet": self.outlet, "url": self.url, "title": self.title, "published": self.published,
                "date": self.date.to_dict() if self.date else None, "location": self.location,
                "fatalities": self.fatalities.value() if self.fatalities else None,
                "injuries": self.injuries.value() if self.injuries else None,
                "trigger": self.trigger.to_dict(), "evidence": self.evidence.to_dict()}


@dataclass(frozen=True, slots=True)
class Incident:
    """One act reported by one or more articles, with every report and its evidence."""

    id: str
    type: str
    mode: str | None
    date: DayRange | None
    location: Place | None
    actors: tuple[IncidentParty, ...]
    targets: tuple[IncidentParty, ...]
    sources: tuple[IncidentSource, ...]
    outlets: tuple[str, ...]
    fatalities: Figure | None
    injuries: Figure | None
    historical: bool

    @property
    def n_reports(self) -> int:
        """The number of documents that report the incident."""
        return len({s.doc_id for s in self.sources})

    @property
    def n_outlets(self) -> int:
        """The number of distinct known outlets among the reports."""
        return len(self.outlets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode,
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "actors": [a.to_dict() for a in self.actors], "targets": [t.to_dict() for t in self.targets],
            "n_reports": self.n_reports, "n_outlets": self.n_outlets, "outlets": list(self.outlets),
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "injuries": self.injuries.to_dict() if self.injuries else None,
            "historical": self.historical,
            "sources": [s.to_dict() for s in self.sources],
        }


# ---------------------------------------------------------------------------- geometry


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------- one report


@dataclass(frozen=True, slots=True)
class _Who:
    """A participant that identifies someone: an actor key or name, a country."""

    key: str | None
    name: str
    country: str | None
    linked: bool
    state: bool

    def agreement(self, other: _Who) -> int:
        """``_MATCH`` for the same actor (key or name), ``_WEAK`` for the same country only."""
        if (self.key is not None and self.key == other.key) or (self.name and self.name == other.name):
            return _MATCH
        if (self.country is not None and self.country == other.country
                and (self.state or other.state or not self.linked or not other.linked)):
            return _WEAK
        return _CONFLICT


@dataclass(slots=True)
class _Report:
    doc_id: str
    doc_key: str
    position: int
    event: Event
    result: Result
    type: str
    mode: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    lo: int = 0
    hi: int = 0
    eligible: bool = False
    place: Place | None = None
    country: str | None = None
    actors: tuple[_Who, ...] = ()
    targets: tuple[_Who, ...] = ()
    participants: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _who(part: Participant, entities: Mapping[str, Entity],
         keys: Mapping[str, str]) -> tuple[_Who | None, dict[str, Any]]:
    """Return the participant's identity (None when it identifies nobody) and its display record."""
    ent = entities.get(part.entity) if part.entity is not None else None
    name = part.name or part.text
    country = part.country or (ent.country if ent else None)
    key = keys.get(ent.id) if ent is not None else None
    shown = {"key": key, "name": name, "country": country}
    if ent is None and not country:
        return None, shown
    state = bool(ent and ent.type in _STATE_TYPES)
    return _Who(key, normalize((ent.name or name) if ent else name), country, ent is not None, state), shown


def _reports(result: Result, *, max_span_days: int) -> list[_Report]:
    doc_id = result.doc_id
    doc_key = str(result.extra.get("content_id") or doc_id)
    entities = {e.id: e for e in result.entities}
    keys = entity_keys(result.entities)
    published = parse_day(result.published)
    out = []
    for position, ev in enumerate(result.events):
        start = end = None
        precision: str | None = None
        if ev.date is not None:
            start, end, precision = ev.date.start, ev.date.end, ev.date.precision
        elif published is not None:
            start = end = published
            precision = "publication"
        rep = _Report(doc_id=doc_id, doc_key=doc_key, position=position, event=ev, result=result,
                      type=ev.type, mode=ev.mode, start=start, end=end, precision=precision)
        if start is not None and end is not None and start <= end:
            rep.eligible = (end - start).days + 1 <= max_span_days
            rep.lo, rep.hi = start.toordinal(), end.toordinal()
        if ev.location is not None and ev.location.place.name:
            rep.place = ev.location.place
            rep.country = ev.location.place.country or None
        for side, parts in (("actors", ev.actors), ("targets", ev.targets)):
            whos = []
            shown = []
            for part in parts:
                who, record = _who(part, entities, keys)
                shown.append(record)
                if who is not None:
                    whos.append(who)
            rep.participants[side] = shown
            if side == "actors":
                rep.actors = tuple(whos)
            else:
                rep.targets = tuple(whos)
        out.append(rep)
    return out


# ---------------------------------------------------------------------------- agreement


def _place_agreement(a: Place | None, b: Place | None, *, max_km: float) -> int:
    if a is None or b is None:
        return _UNKNOWN
    ca, cb = a.country, b.country
    if ca and cb and ca != cb:
        return _CONFLICT
    pa, pb = a.precision, b.precision
    same_name = normalize(a.name) == normalize(b.name)
    if "country" in (pa, pb):
        # a whole country says little: many acts of one type happen in it on one day
        return _WEAK if ca and ca == cb else _UNKNOWN
    if "region" in (pa, pb):
        return _WEAK if same_name else _UNKNOWN
    if same_name:
        return _MATCH
    if not ca or not cb:
        return _UNKNOWN  # a place the gazetteer could not resolve
    a1 = a.admin1 or (a.name if pa == "admin1" else None)
    b1 = b.admin1 or (b.name if pb == "admin1" else None)
    if "admin1" in (pa, pb):
        if a1 and b1:
            return _MATCH if normalize(a1) == normalize(b1) else _CONFLICT
        return _WEAK  # a province and a place whose province the gazetteer does not give
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        radius = max_km * (2 if pa in _WIDE_PLACES or pb in _WIDE_PLACES else 1)
        return _MATCH if haversine_km(a.lat, a.lon, b.lat, b.lon) <= radius else _CONFLICT
    if a1 and b1:
        return _MATCH if normalize(a1) == normalize(b1) else _CONFLICT
    return _WEAK


def _side_agreement(a: Sequence[_Who], b: Sequence[_Who]) -> int:
    if not a or not b:
        return _UNKNOWN
    return max(x.agreement(y) for x in a for y in b)


def _dates_agree(a: _Report, b: _Report) -> bool:
    return a.lo - DATE_SLACK_DAYS <= b.hi and b.lo - DATE_SLACK_DAYS <= a.hi


def _score(a: _Report, b: _Report, *, max_km: float) -> int | None:
    """Return how well two reports agree, or None when they cannot be the same act."""
    if a.type != b.type or a.doc_key == b.doc_key or not _dates_agree(a, b):
        return None
    place = _place_agreement(a.place, b.place, max_km=max_km)
    actors = _side_agreement(a.actors, b.actors)
    targets = _side_agreement(a.targets, b.targets)
    if _CONFLICT in (place, actors, targets):
        return None
    if place != _MATCH:
        # One type on one day in one country is not enough: many such acts happen.  Two dates
        # taken from the publication day are often background mentions, not the act itself.
        if a.precision == b.precision == "publication":
            return None
        if place == _WEAK and _MATCH not in (actors, targets):
            return None
        if place == _UNKNOWN and (actors != _MATCH or targets < _WEAK):
            return None
    score = (3 if place == _MATCH else place) + max(actors, 0) + max(targets, 0)
    if a.mode and b.mode:
        score += 1 if a.mode == b.mode else -1
    return score


# ---------------------------------------------------------------------------- clustering


def cluster_incidents(results: Iterable[Result], *, max_km: float = MAX_KM,
                      max_span_days: int = MAX_SPAN_DAYS, min_reports: int = 1) -> list[Incident]:
    """Fold the events of contract ``results`` into incidents (see the module docstring).

    Every event belongs to exactly one incident; those reported by fewer than
    ``min_reports`` documents are left out of the answer.  Incidents come sorted by date,
    type and id.
    """
    reports: list[_Report] = []
    for result in results:
        reports.extend(_reports(result, max_span_days=max_span_days))
    eligible = sorted((r for r in reports if r.eligible),
                      key=lambda r: (r.type, r.lo, r.hi, r.doc_id, r.doc_key, r.position))
    groups: list[list[_Report]] = []
    group_hi: list[int] = []
    group_country: list[str | None] = []
    # Per type, the incidents still open: their last day is close enough to the events to come.
    active: dict[str, list[int]] = defaultdict(list)
    for rep in eligible:
        open_groups = active[rep.type] = [g for g in active[rep.type]
                                          if group_hi[g] + DATE_SLACK_DAYS >= rep.lo]
        best: tuple[int, int] | None = None
        for g in open_groups:
            # a group's events all agree on the country (a different one is a conflict)
            if rep.country and group_country[g] and rep.country != group_country[g]:
                continue
            scores = [_score(rep, member, max_km=max_km) for member in groups[g]]
            if any(s is None for s in scores):
                continue
            worst = min(s for s in scores if s is not None)
            if best is None or worst > best[0]:
                best = (worst, g)
        if best is None:
            groups.append([rep])
            group_hi.append(rep.hi)
            group_country.append(rep.country)
            open_groups.append(len(groups) - 1)
        else:
            g = best[1]
            groups[g].append(rep)
            group_hi[g] = max(group_hi[g], rep.hi)
            group_country[g] = group_country[g] or rep.country
    groups.extend([r] for r in reports if not r.eligible)
    incidents = [_incident(g) for g in groups if len({r.doc_key for r in g}) >= min_reports]
    incidents.sort(key=lambda inc: (inc.date.start.isoformat() if inc.date else "9999", inc.type, inc.id))
    return incidents


# ---------------------------------------------------------------------------- one incident


def _outlet(result: Result) -> str | None:
    source = result.extra.get("source")
    if isinstance(source, str) and source.strip():
        return " ".join(source.split())
    url = result.extra.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def figure(tolls: Iterable[Toll | None]) -> Figure | None:
    """Return the best-supported figure of several reports' tolls (see :class:`Figure`), or None."""
    exact: list[int] = []
    lows: list[int] = []
    highs: list[int] = []
    for toll in tolls:
        if toll is None:
            continue
        if toll.min == toll.max:
            exact.append(toll.min)
        lows.append(toll.min)
        highs.append(toll.max)
    if not lows:
        return None
    if exact:
        counts = Counter(exact)
        top = max(counts.values())
        tied = [v for v, n in counts.items() if n == top]
        middle = median_low(exact)
        best = min(tied, key=lambda v: (abs(v - middle), v))
    else:
        best = median_low(lows)
    return Figure(best=best, min=min(lows), max=max(highs), reports=len(lows))


def _people(reports: Sequence[_Report], side: str) -> tuple[IncidentParty, ...]:
    """The distinct participants of one side, most often reported first."""
    seen: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for rep in reports:
        keys_here = set()
        for part in rep.participants.get(side, []):
            ident = part["key"] or f"n:{normalize(part['name'])}|{part['country'] or ''}"
            seen.setdefault(ident, part)
            names[ident][part["name"]] += 1
            keys_here.add(ident)
        counts.update(keys_here)
    out = []
    for ident in sorted(seen, key=lambda k: (-counts[k], k)):
        name = sorted(names[ident].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append(IncidentParty(seen[ident]["key"], name, seen[ident]["country"], counts[ident]))
    return tuple(out)


def finest_place(places: Sequence[Place]) -> Place | None:
    """The finest of several reports' places, the most often named among equals (None if none)."""
    if not places:
        return None
    named = Counter(p.name for p in places)
    # finer places first; a place of unknown precision ranks last
    return min(places, key=lambda p: (PLACE_PRECISION_RANK.get(p.precision, 99), -named[p.name], p.name))


def _best_location(reports: Sequence[_Report]) -> Place | None:
    return finest_place([r.place for r in reports if r.place is not None])


def _best_date(reports: Sequence[_Report]) -> DayRange | None:
    dated = [r for r in reports if r.start is not None and r.end is not None]
    if not dated:
        return None
    finest = min(_DATE_RANK.get(str(r.precision), 9) for r in dated)
    chosen = [r for r in dated if _DATE_RANK.get(str(r.precision), 9) == finest]
    start = min(r.start for r in chosen if r.start is not None)
    end = max(r.end for r in chosen if r.end is not None)
    return DayRange(start, end, str(chosen[0].precision))


def _incident(reports: list[_Report]) -> Incident:
    members = sorted(f"{r.doc_id}#{r.event.id}" for r in reports)
    digest = hashlib.sha1("\n".join(members).encode("utf-8")).hexdigest()[:16]
    modes = Counter(r.mode for r in reports if r.mode)
    mode = sorted(modes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if modes else None
    sources = []
    for rep in sorted(reports, key=lambda r: (r.result.published or "", r.doc_id, r.position)):
        ev, res = rep.event, rep.result
        url, document = res.extra.get("url"), res.extra.get("content_id")
        sources.append(IncidentSource(
            doc_id=rep.doc_id, event_id=ev.id, outlet=_outlet(res), url=url if isinstance(url, str) else None,
            title=res.title, published=res.published, date=ev.date,
            location=ev.location.place.name if ev.location else None,
            fatalities=ev.fatalities, injuries=ev.injuries,
            trigger=ev.trigger, evidence=ev.evidence,
            document=document if isinstance(document, str) else None))
    outlets = tuple(sorted({o for o in (s.outlet for s in sources) if o}, key=str.lower))
    return Incident(
        id=f"inc{digest}", type=reports[0].type, mode=mode, date=_best_date(reports),
        location=_best_location(reports), actors=_people(reports, "actors"), targets=_people(reports, "targets"),
        sources=tuple(sources), outlets=outlets,
        fatalities=figure(r.event.fatalities for r in reports),
        injuries=figure(r.event.injuries for r in reports),
        historical=all(r.event.historical for r in reports))


def incident_from_dict(data: Mapping[str, Any]) -> Incident:
    """Rebuild an :class:`Incident` from its :meth:`Incident.to_dict` (as a store keeps it).

    Unknown keys are ignored.
    """
    def figure(value: Any) -> Figure | None:
        if not isinstance(value, Mapping):
            return None
        return Figure(best=value["best"], min=value["min"], max=value["max"], reports=value["reports"])

    def toll(value: Any) -> Toll | None:
        return None if value is None else Toll.from_value(value)

    def parties(items: Iterable[Mapping[str, Any]]) -> tuple[IncidentParty, ...]:
        return tuple(IncidentParty(p.get("key"), str(p["name"]), p.get("country"), int(p.get("reports") or 0))
                     for p in items)

    sources = tuple(
        IncidentSource(doc_id=str(s["doc_id"]), event_id=str(s["event_id"]), outlet=s.get("outlet"),
                       url=s.get("url"), title=s.get("title"), published=s.get("published"),
                       date=EventDate.from_dict(s["date"]) if s.get("date") else None,
                       location=s.get("location"), fatalities=toll(s.get("fatalities")), injuries=toll(s.get("injuries")),
                       trigger=Span.from_dict(s["trigger"]), evidence=Span.from_dict(s["evidence"]),
                       document=s.get("document"))
        for s in data.get("sources", []))
    date = data.get("date")
    return Incident(id=str(data["id"]), type=str(data["type"]), mode=data.get("mode"),
                    date=DayRange(dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"]),
                                  str(date["precision"])) if date else None,
                    location=Place.from_dict(data["location"]) if data.get("location") else None,
                    actors=parties(data.get("actors", [])), targets=parties(data.get("targets", [])),
                    sources=sources, outlets=tuple(data.get("outlets", [])), fatalities=figure(data.get("fatalities")),
                    injuries=figure(data.get("injuries")), historical=bool(data.get("historical")))


# ---------------------------------------------------------------------------- flat rows

INCIDENT_COLUMNS: tuple[str, ...] = (
    "incident_id", "type", "mode", "date_start", "date_end", "date_precision", "location", "country", "admin1",
    "latitude", "longitude", "geo_precision", "actors", "targets", "n_reports", "n_outlets", "outlets",
    "fatalities", "fatalities_min", "fatalities_max", "injuries", "injuries_min", "injuries_max", "historical",
    "doc_ids", "event_ids", "cameo_root", "goldstein", "quad_class",
)


def incident_row(incident: Incident) -> dict[str, Any]:
    """Return one flat row (the :data:`INCIDENT_COLUMNS`) for CSV, Parquet or a table."""
    date, loc = incident.date, incident.location
    fat, inj = incident.fatalities, incident.injuries
    return {
        "incident_id": incident.id, "type": incident.type, "mode": incident.mode or "",
        "date_start": date.start.isoformat() if date else "", "date_end": date.end.isoformat() if date else "",
        "date_precision": date.precision if date else "", "location": loc.name if loc else "",
        "country": (loc.country if loc else None) or "", "admin1": (loc.admin1 if loc else None) or "",
        "latitude": "" if loc is None or loc.lat is None else loc.lat,
        "longitude": "" if loc is None or loc.lon is None else loc.lon,
        "geo_precision": loc.precision if loc else "",
        "actors": "; ".join(a.name for a in incident.actors),
        "targets": "; ".join(t.name for t in incident.targets),
        "n_reports": incident.n_reports, "n_outlets": incident.n_outlets, "outlets": "; ".join(incident.outlets),
        "fatalities": "" if fat is None else fat.best, "fatalities_min": "" if fat is None else fat.min,
        "fatalities_max": "" if fat is None else fat.max,
        "injuries": "" if inj is None else inj.best, "injuries_min": "" if inj is None else inj.min,
        "injuries_max": "" if inj is None else inj.max, "historical": incident.historical,
        "doc_ids": "; ".join(s.doc_id for s in incident.sources),
        "event_ids": "; ".join(s.event_id for s in incident.sources),
        **cameo_fields(incident.type, incident.mode),
    }


def write_incidents_csv(incidents: Iterable[Incident], out: IO[str]) -> int:
    """Write one CSV row per incident to ``out``; return the number written."""
    writer = csv.DictWriter(out, fieldnames=list(INCIDENT_COLUMNS))
    writer.writeheader()
    n = 0
    for incident in incidents:
        writer.writerow(incident_row(incident))
        n += 1
    return n
