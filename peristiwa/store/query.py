"""Event filters and the SQL they become (one code path for SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from peristiwa.places.gazetteer import Gazetteer
from peristiwa.store.db import StoreError
from peristiwa.store.rows import NO_DATE, norm
from peristiwa.store.schema import (
    PG_TSVECTOR,
    actor_names,
    actors,
    documents,
    event_roles,
    events,
    incident_members,
    incidents,
)
from peristiwa.types import EVENT_TYPES

KM_PER_DEGREE = 111.195  # along a meridian, on a sphere of the Earth's mean radius
DEFAULT_RADIUS_KM = 100.0
_WORD = re.compile(r"\w+\*?")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _check_shared(types: tuple[str, ...], country: str | None, since: dt.date | None,
                  until: dt.date | None) -> None:
    """Refuse the filter fields events and incidents share: types, ISO3 country, date order."""
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise StoreError(f"unknown event type {', '.join(bad)}: use one of {', '.join(EVENT_TYPES)}")
    if country is not None and not _ISO3.match(country):
        raise StoreError(f"country must be an ISO 3166-1 alpha-3 code such as IDN, not {country!r}")
    if since and until and since > until:
        raise StoreError(f"since ({since}) is after until ({until})")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events`` keeps; every field is optional and they combine with AND.

    - ``actor``: an actor key (``Q801``, ``kb:hamas``), or a name or alias of an actor
      (normalised: case, accents and punctuation do not matter), or the name of an unlinked
      participant (``warga``); matches an event where it is an actor or a target.
    - ``types``: PLOVER types; ``country``: ISO3 of the event's location.
    - ``since``/``until``: inclusive, on the event's first day (the publication day when the
      text gives none).
    - ``near``: ``(lat, lon)``; events located within ``radius_km`` (equirectangular distance,
      good to well under 1% at these radii; no wrap at the antimeridian).
    - ``text``: words that must all occur in the article (title or body); ``word*`` is a prefix.
    - ``historical``: True or False to keep only background or only current events.
    - ``document``: the store id (content hash) of one document.
    """

    actor: str | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float] | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    text: str | None = None
    historical: bool | None = None
    document: str | None = None

    def __post_init__(self) -> None:
        no_nul(self.actor, self.text, self.document)
        _check_shared(self.types, self.country, self.since, self.until)
        if self.near is not None:
            lat, lon = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise StoreError(
                    f"near must be a latitude in [-90, 90] and a longitude in [-180, 180], not {self.near}"
                )
        if not (0 < self.radius_km <= 20_000):
            raise StoreError(f"radius_km must be in (0, 20000], not {self.radius_km}")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What ``Store.incidents`` keeps; every field is optional and they combine with AND.

    - ``types``: PLOVER types; ``country``: ISO3 of the incident's place.
    - ``since``/``until``: inclusive, on the incident's first day (undated incidents are left
      out when either is given).
    - ``min_reports``: reported by at least this many documents.
    - ``document``: the store id (content hash) of a document that reports it.
    """

    types: tuple[str, ...] = ()
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_reports: int = 1
    document: str | None = None

    def __post_init__(self) -> None:
        no_nul(self.document)
        _check_shared(self.types, self.country, self.since, self.until)
        if self.min_reports < 1:
            raise StoreError(f"min_reports must be 1 or more, not {self.min_reports}")


def incident_conditions(flt: IncidentFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``flt`` over the ``incidents`` table."""
    conds: list[ColumnElement[bool]] = []
    if flt.types:
        conds.append(incidents.c.type.in_(flt.types))
    if flt.country:
        conds.append(incidents.c.country == flt.country)
    if flt.until:
        conds.append(incidents.c.sort_date > NO_DATE)  # an undated incident is on no day
    if flt.since:
        conds.append(incidents.c.sort_date >= flt.since)
    if flt.until:
        conds.append(incidents.c.sort_date <= flt.until)
    if flt.min_reports > 1:
        conds.append(incidents.c.n_reports >= flt.min_reports)
    if flt.document:
        conds.append(
            incidents.c.pk.in_(
                sa.select(incident_members.c.incident_pk)
                .select_from(
                    incident_members.join(documents, documents.c.pk == incident_members.c.document_pk)
                )
                .where(documents.c.id == flt.document)
            )
        )
    return conds


def no_nul(*values: str | None) -> None:
    """Raise StoreError for a string with a NUL character (PostgreSQL cannot hold one in text)."""
    for value in values:
        if value is not None and "\x00" in value:
            raise StoreError("a search string must not contain NUL characters (U+0000)")


def fts5_query(text: str) -> str | None:
    """Return an FTS5 query that ANDs the words of ``text`` (each quoted: no operator injection)."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words)


def pg_tsquery(text: str) -> str | None:
    """Return a ``to_tsquery('simple', …)`` string that ANDs the words of ``text``."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " & ".join(f"{w[:-1]}:*" if w.endswith("*") else w for w in words)


def text_condition(dialect: str, text: str, column: Any) -> ColumnElement[bool]:
    """``column`` (a documents.pk) is a document whose title or text has every word of ``text``."""
    if dialect == "sqlite":
        query = fts5_query(text)
        if query is None:
            return sa.false()
        sub: sa.Select[Any] = (
            sa.select(sa.literal_column("rowid"))
            .select_from(sa.text("documents_fts"))
            .where(sa.text("documents_fts MATCH :fts_query").bindparams(fts_query=query))
        )
        return column.in_(sub)
    query = pg_tsquery(text)
    if query is None:
        return sa.false()
    sub = sa.select(documents.c.pk).where(
        sa.text(f"{PG_TSVECTOR} @@ to_tsquery('simple', :ts_query)").bindparams(ts_query=query)
    )
    return column.in_(sub)


def _text_check(dialect: str, text: str) -> ColumnElement[bool]:
    """Row by row: the event's document has every word (used while scanning events newest first)."""
    if dialect == "sqlite":
        query = fts5_query(text)
        if query is None:
            return sa.false()
        # FTS5 answers MATCH together with rowid = ? by seeking one document's entry
        return sa.exists(
            sa.select(sa.literal(1))
            .select_from(sa.text("documents_fts"))
            .where(
                sa.text(
                    "documents_fts MATCH :fts_check AND documents_fts.rowid = events.document_pk"
                ).bindparams(fts_check=query)
            )
        )
    query = pg_tsquery(text)
    if query is None:
        return sa.false()
    return sa.exists(
        sa.select(sa.literal(1))
        .select_from(documents)
        .where(
            documents.c.pk == events.c.document_pk,
            sa.text(f"{PG_TSVECTOR} @@ to_tsquery('simple', :ts_check)").bindparams(ts_check=query),
        )
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """How to run the actor and text filters, decided from how many events each may keep.

    A filter that keeps few events drives the query (its events are found first, then sorted);
    one that keeps many is checked row by row while events are read newest first, which finds
    a page quickly.  ``actor_pks`` are the actors the ``actor`` filter names.
    """

    actor_pks: tuple[int, ...] = ()
    scan: frozenset[str] = frozenset()


def make_plan(conn: Any, flt: EventFilter, dialect: str, *, threshold: int | None) -> Plan:
    """Estimate the actor and text filters (cheap, capped counts) and choose the driving one.

    ``threshold``: a filter estimated to keep more events than this is checked row by row;
    None drives every filter (for exact counts).
    """
    pks: tuple[int, ...] = ()
    estimates: dict[str, int] = {}
    cap = (threshold or 0) + 1
    if flt.actor:
        key = norm(flt.actor)
        found = conn.execute(
            sa.select(actors.c.pk, actors.c.n_events).where(
                sa.or_(
                    actors.c.key == flt.actor,
                    actors.c.pk.in_(sa.select(actor_names.c.actor_pk).where(actor_names.c.norm == key)),
                )
            )
        ).all()
        pks = tuple(sorted(pk for pk, _ in found))
        if threshold is not None:
            # participants named so (linked ones are counted twice: an estimate, and capped)
            named = conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(event_roles.c.event_pk).where(event_roles.c.norm == key).limit(cap).subquery()
                )
            ).scalar_one()
            estimates["actor"] = sum(n for _, n in found) + named
    if flt.text and threshold is not None:
        per_doc = _events_per_document(conn)
        docs = conn.execute(
            sa.select(sa.func.count()).select_from(
                sa.select(documents.c.pk)
                .where(text_condition(dialect, flt.text, documents.c.pk))
                .limit(max(1, int(cap / per_doc)) + 1)
                .subquery()
            )
        ).scalar_one()
        estimates["text"] = int(docs * per_doc)
    if threshold is None or not estimates:
        return Plan(pks)
    driver = min(estimates, key=lambda k: estimates[k])
    scan = {k for k in estimates if k != driver or estimates[k] > threshold}
    return Plan(pks, frozenset(scan))


def _events_per_document(conn: Any) -> float:
    n_ev = conn.execute(sa.select(sa.func.max(events.c.pk))).scalar() or 0
    n_doc = conn.execute(sa.select(sa.func.max(documents.c.pk))).scalar() or 0
    return max(1.0, n_ev / n_doc) if n_doc else 1.0


def page_threshold(conn: Any, *, page: int) -> int:
    """The estimate above which a filter is checked row by row for a page of ``page`` events.

    Driving costs about one lookup per kept event; scanning about ``page × total / kept``
    rows; they meet near ``sqrt(page × total)``.
    """
    total = conn.execute(sa.select(sa.func.max(events.c.pk))).scalar() or 0
    return max(1000, int(math.sqrt(page * total)))


def conditions(flt: EventFilter, dialect: str, plan: Plan | None = None) -> list[ColumnElement[bool]]:
    """Return the WHERE terms on ``events`` for a filter (``plan`` from :func:`make_plan`)."""
    conds: list[ColumnElement[bool]] = []
    if len(flt.types) == 1:
        conds.append(events.c.type == flt.types[0])
    elif flt.types:
        conds.append(events.c.type.in_(flt.types))
    if flt.country:
        conds.append(events.c.country == flt.country)
    if flt.since:
        conds.append(events.c.sort_date >= flt.since)
    if flt.until:
        conds.append(events.c.sort_date <= flt.until)
    if flt.historical is not None:
        conds.append(events.c.historical == flt.historical)
    if flt.document:
        conds.append(
            events.c.document_pk
            == sa.select(documents.c.pk).where(documents.c.id == flt.document).scalar_subquery()
        )
    if flt.near is not None:
        conds.extend(_near(flt.near, flt.radius_km))
    if flt.actor:
        conds.append(_actor_condition(flt.actor, plan))
    if flt.text:
        if plan is not None and "text" in plan.scan:
            conds.append(_text_check(dialect, flt.text))
        else:
            conds.append(text_condition(dialect, flt.text, events.c.document_pk))
    return conds


def actor_event_pks(actor: str) -> sa.Select[Any]:
    """The pks of events where ``actor`` (key, name or alias, or unlinked participant) takes part."""
    key = norm(actor)
    actor_pks = sa.union(
        sa.select(actors.c.pk).where(actors.c.key == actor),
        sa.select(actor_names.c.actor_pk).where(actor_names.c.norm == key),
    ).subquery()
    return (
        sa.union(
            sa.select(event_roles.c.event_pk).where(event_roles.c.actor_pk.in_(sa.select(actor_pks.c[0]))),
            sa.select(event_roles.c.event_pk).where(event_roles.c.norm == key),
        )
        .subquery()
        .select()
    )


def _actor_condition(actor: str, plan: Plan | None) -> ColumnElement[bool]:
    key = norm(actor)
    if plan is None:  # no estimates: resolve the actor inside the query
        return events.c.pk.in_(actor_event_pks(actor))
    role = event_roles.c
    if "actor" in plan.scan:
        return sa.exists(
            sa.select(sa.literal(1)).where(
                role.event_pk == events.c.pk, sa.or_(role.actor_pk.in_(plan.actor_pks), role.norm == key)
            )
        )
    pks: sa.Select[Any] = sa.select(role.event_pk).where(role.norm == key)
    if plan.actor_pks:
        pks = (
            sa.union(sa.select(role.event_pk).where(role.actor_pk.in_(plan.actor_pks)), pks)
            .subquery()
            .select()
        )
    return events.c.pk.in_(pks)


def _near(point: tuple[float, float], radius_km: float) -> list[ColumnElement[bool]]:
    lat0, lon0 = point
    dlat = radius_km / KM_PER_DEGREE
    k = max(math.cos(math.radians(lat0)), 1e-6)
    dlon = dlat / k
    lat, lon = events.c.lat, events.c.lon
    out: list[ColumnElement[bool]] = [lat.between(lat0 - dlat, lat0 + dlat)]
    if dlon < 180:
        out.append(lon.between(lon0 - dlon, lon0 + dlon))
    else:
        out.append(lon.is_not(None))
    dy = lat - lat0
    dx = (lon - lon0) * k
    out.append(dy * dy + dx * dx <= dlat * dlat)
    return out


def encode_cursor(sort_date: dt.date, pk: int) -> str:
    """Return the opaque cursor after an event (newest-first order)."""
    raw = f"{sort_date.isoformat()}~{pk}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, int]:
    """Return the ``(sort_date, pk)`` a cursor stands for; StoreError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        day, pk = raw.split("~")
        return dt.date.fromisoformat(day), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise StoreError(
            f"invalid cursor {cursor[:40]!r}: pass back the next_cursor of a previous page"
        ) from exc


def after_cursor(cursor: tuple[dt.date, int]) -> ColumnElement[bool]:
    day, pk = cursor
    return sa.or_(events.c.sort_date < day, sa.and_(events.c.sort_date == day, events.c.pk < pk))


_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def resolve_near(place: str) -> tuple[float, float, str]:
    """Return ``(lat, lon, name)`` for a place name (the gazetteer) or a ``"lat,lon"`` pair.

    Raises StoreError when the gazetteer does not know the name or has no coordinates for it.
    """
    match = _LAT_LON.match(place)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise StoreError(f"{place!r} is not a latitude in [-90, 90] and a longitude in [-180, 180]")
        return lat, lon, place.strip()

    found = Gazetteer.default().lookup(place[:200])
    if found is None or found.lat is None or found.lon is None:
        raise StoreError(
            f"unknown place {place[:80]!r}: give a place the gazetteer knows (a city, regency, "
            "province or country) or 'lat,lon'"
        )
    return found.lat, found.lon, found.name
