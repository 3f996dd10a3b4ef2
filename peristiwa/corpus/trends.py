"""Series of incidents over time: per country, per actor and per dyad, by type or QuadClass.

Counts are on *incidents* (one per real-world act, however many outlets report it; see
``peristiwa.corpus.incidents`` and ``Store.rebuild_incidents``), by day or by week (weeks start on
Monday), with the incidents' fatalities (the best-supported figure of each) and an intensity
score: the sum of the incidents' Goldstein scores from the CAMEO crosswalk (negative is
conflict; ``goldstein_mean`` is the mean).  Undated incidents are left out.

Who took part is matched on the incident's participants (``incident_parties``):

- an actor (``--actor``) is an ISO3 country code (``USA``: every participant of that country),
  an actor key (``Q30``, ``kb:hamas``), or a name or alias the store knows (normalised);
- a dyad ``A:B`` is counted in both directions, as two series ``A>B`` and ``B>A``; ``A>B`` only
  the one.  ``A>B`` holds when an actor is A and a target is B, or when one side is A (B) and
  the article names nobody on the other side (a strike "on Iranian generals" with no actor
  named, a threat "to retaliate" with no target named): an unnamed side does not rule it out,
  a side naming someone else does.

The same conditions select the incidents of a watch (``peristiwa.corpus.alerts``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from peristiwa.output.crosswalk import cameo
from peristiwa.store import export
from peristiwa.store.db import StoreError
from peristiwa.store.query import KM_PER_DEGREE
from peristiwa.store.rows import NO_DATE, norm
from peristiwa.store.schema import actor_names, actors, incident_parties, incidents
from peristiwa.types import EVENT_TYPES

__all__ = [
    "BY", "SPLITS", "TREND_COLUMNS", "Dyad", "actor_condition", "dyad_condition", "near_condition", "parse_dyad",
    "party_match", "trends", "who_candidates", "write_trends",
]

BY = ("day", "week")
SPLITS = ("type", "quad", "none")
TREND_COLUMNS: tuple[str, ...] = (
    "period", "series", "type", "quad_class", "incidents", "fatalities", "intensity", "goldstein_mean",
)
TREND_KINDS = {"incidents": "int", "fatalities": "int", "intensity": "float", "goldstein_mean": "float",
               "quad_class": "int"}
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_DYAD = re.compile(r"^\s*([^:>]+?)\s*([:>])\s*([^:>]+?)\s*$")


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two sides; ``directed``: only ``a`` acting on ``b`` (written ``A>B``), else both ways (``A:B``)."""

    a: str
    b: str
    directed: bool = False

    def __str__(self) -> str:
        return f"{self.a}{'>' if self.directed else ':'}{self.b}"

    def directions(self) -> list[tuple[str, str]]:
        return [(self.a, self.b)] if self.directed else [(self.a, self.b), (self.b, self.a)]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "directed": self.directed}


def parse_dyad(text: str) -> Dyad:
    """Parse ``A:B`` (either direction) or ``A>B`` (A acting on B); StoreError when it is neither."""
    match = _DYAD.match(text or "")
    if not match or not match.group(1).strip() or not match.group(3).strip():
        raise StoreError(f"invalid dyad {text[:80]!r}: write A:B (either direction) or A>B (A acting on B), "
                         "e.g. USA:IRN")
    a, sep, b = match.group(1), match.group(2), match.group(3)
    if len(a) > 200 or len(b) > 200:
        raise StoreError("a dyad side is at most 200 characters")
    return Dyad(_side(a), _side(b), directed=sep == ">")


def _side(value: str) -> str:
    value = " ".join(value.split())
    return value.upper() if _ISO3.match(value) else value


def party_match(value: str) -> list[ColumnElement[bool]]:
    """The ways a participant row can be ``value``: actor key, name or alias (normalised), or ISO3 country."""
    p = incident_parties.c
    keys = sa.select(actors.c.key).where(
        sa.or_(
            actors.c.key == value,
            actors.c.pk.in_(sa.select(actor_names.c.actor_pk).where(actor_names.c.norm == norm(value))),
        )
    )
    match: list[ColumnElement[bool]] = [p.key == value, p.norm == norm(value), p.key.in_(keys)]
    if _ISO3.match(value):
        match.append(p.country == value.upper())
    return match


def _party_pks(value: str, role: str | None, lo: dt.date | None = None, hi: dt.date | None = None) -> sa.Select[Any]:
    """The incident pks where a participant (of ``role``, or either) is ``value``: country, key, name or alias.

    ``lo``/``hi``: only incidents of those days (an index range: participants carry the day).
    """
    p = incident_parties.c
    # the role always constrained (both when either), so the day range is used in the indexes
    sel = sa.select(p.incident_pk).where(sa.or_(*party_match(value)),
                                         p.role == role if role is not None else p.role.in_(("actor", "target")))
    if lo is not None:
        sel = sel.where(p.sort_date >= lo)
    if hi is not None:
        sel = sel.where(p.sort_date <= hi)
    return sel


def who_candidates(actors_: Sequence[str], dyads: Sequence[Dyad], lo: dt.date | None,
                   hi: dt.date | None) -> ColumnElement[bool] | None:
    """A superset of the incidents the actors and dyads take part in between two days (None without any).

    Found through the participants' indexes; the exact conditions are then tested on these only.
    """
    parts: list[sa.Select[Any]] = [_party_pks(a, None, lo, hi) for a in actors_]
    for d in dyads:
        for a, b in d.directions():
            parts += [_party_pks(a, "actor", lo, hi), _party_pks(b, "target", lo, hi)]
    if not parts:
        return None
    return incidents.c.pk.in_(sa.union(*parts) if len(parts) > 1 else parts[0])


def _side_named(role: str) -> ColumnElement[bool]:
    return sa.exists().where(incident_parties.c.incident_pk == incidents.c.pk, incident_parties.c.role == role)


def actor_condition(value: str, role: str | None = None, *, correlated: bool = False) -> ColumnElement[bool]:
    """Incidents where ``value`` takes part (as ``role``: actor or target, or either).

    ``correlated``: tested row by row (EXISTS), for queries that a date range already narrows;
    else the set of such incidents is found first through the indexes (IN), for whole series.
    """
    if not correlated:
        return incidents.c.pk.in_(_party_pks(value, role))
    conds = [incident_parties.c.incident_pk == incidents.c.pk, sa.or_(*party_match(value))]
    if role is not None:
        conds.append(incident_parties.c.role == role)
    return sa.exists().where(*conds)


def directed_condition(a: str, b: str, *, correlated: bool = False, lo: dt.date | None = None,
                       hi: dt.date | None = None) -> ColumnElement[bool]:
    """Incidents where A acts on B, or one of them acts or is hit while the other side is unnamed.

    Not ``correlated``: the incidents where A acts or B is hit (between ``lo`` and ``hi``) are
    found first through the participants' indexes, then the exact test runs on those.
    """
    a_acts = actor_condition(a, "actor", correlated=correlated)
    b_hit = actor_condition(b, "target", correlated=correlated)
    exact = sa.or_(
        sa.and_(a_acts, sa.or_(b_hit, ~_side_named("target"))),
        sa.and_(b_hit, ~_side_named("actor")),
    )
    if correlated:
        return exact
    candidates = who_candidates((), [Dyad(a, b, directed=True)], lo, hi)
    assert candidates is not None
    return sa.and_(candidates, exact)


def dyad_condition(dyad: Dyad, *, correlated: bool = False) -> ColumnElement[bool]:
    """Incidents of a dyad, in its direction or both."""
    return sa.or_(*(directed_condition(a, b, correlated=correlated) for a, b in dyad.directions()))


def near_condition(lat0: float, lon0: float, km: float) -> list[ColumnElement[bool]]:
    """Incidents located within ``km`` of a point (equirectangular distance, as the event filter)."""
    import math

    dlat = km / KM_PER_DEGREE
    k = max(math.cos(math.radians(lat0)), 1e-6)
    dlon = dlat / k
    lat, lon = incidents.c.lat, incidents.c.lon
    out: list[ColumnElement[bool]] = [lat.between(lat0 - dlat, lat0 + dlat)]
    out.append(lon.between(lon0 - dlon, lon0 + dlon) if dlon < 180 else lon.is_not(None))
    dy, dx = lat - lat0, (lon - lon0) * k
    out.append(dy * dy + dx * dx <= dlat * dlat)
    return out


def check_types(types: Iterable[str]) -> tuple[str, ...]:
    """Upper-case and check PLOVER types; StoreError names the valid ones."""
    out = tuple(t.strip().upper() for t in types if t.strip())
    bad = [t for t in out if t not in EVENT_TYPES]
    if bad:
        raise StoreError(f"unknown event type {', '.join(bad)}: use one of {', '.join(EVENT_TYPES)}")
    return out


def check_country(code: str) -> str:
    if not _ISO3.match(code or ""):
        raise StoreError(f"country must be an ISO 3166-1 alpha-3 code such as IRN, not {code[:40]!r}")
    return code.upper()


def series_conditions(
    *, countries: Sequence[str] = (), actors_: Sequence[str] = (), dyads: Sequence[Dyad] = (),
    lo: dt.date | None = None, hi: dt.date | None = None,
) -> list[tuple[str, ColumnElement[bool] | None]]:
    """The series asked for, each as (label, condition); ``("all", None)`` when none is."""
    out: list[tuple[str, ColumnElement[bool] | None]] = []
    for c in countries:
        out.append((f"country:{check_country(c)}", incidents.c.country == check_country(c)))
    for a in actors_:
        if not a.strip():
            raise StoreError("an actor must not be empty")
        out.append((f"actor:{_side(a)}", incidents.c.pk.in_(_party_pks(_side(a), None, lo, hi))))
    for d in dyads:
        for a, b in d.directions():
            out.append((f"dyad:{a}>{b}", directed_condition(a, b, lo=lo, hi=hi)))
    return out or [("all", None)]


def period_of(day: dt.date, by: str) -> dt.date:
    """The first day of the period (day, or the week starting on Monday) holding ``day``."""
    return day - dt.timedelta(days=day.weekday()) if by == "week" else day


def trends(
    store: Any,
    *,
    countries: Sequence[str] = (),
    actors_: Sequence[str] = (),
    dyads: Sequence[Dyad] = (),
    types: Sequence[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "day",
    split: str = "type",
) -> list[dict[str, Any]]:
    """Return the series rows (:data:`TREND_COLUMNS`), by series, period, then type or QuadClass.

    Each series is one SQL aggregate over the incidents (grouped by day and type), folded into
    weeks here.
    """
    if by not in BY:
        raise StoreError(f"by must be one of {', '.join(BY)}, not {by!r}")
    if split not in SPLITS:
        raise StoreError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    if since and until and since > until:
        raise StoreError(f"since ({since}) is after until ({until})")
    kinds = check_types(types)
    base: list[ColumnElement[bool]] = [incidents.c.sort_date > NO_DATE]
    if kinds:
        base.append(incidents.c.type.in_(kinds))
    if since:
        base.append(incidents.c.sort_date >= since)
    if until:
        base.append(incidents.c.sort_date <= until)
    group = {"type": [incidents.c.type], "quad": [incidents.c.quad_class], "none": []}[split]
    rows: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for label, cond in series_conditions(countries=countries, actors_=actors_, dyads=dyads,
                                             lo=since, hi=until):
            sel = (
                sa.select(
                    incidents.c.sort_date,
                    *group,
                    sa.func.count(),
                    sa.func.sum(sa.func.coalesce(incidents.c.fatalities, 0)),
                    sa.func.sum(incidents.c.goldstein),
                    sa.func.count(incidents.c.goldstein),
                )
                .where(*base, *([cond] if cond is not None else []))
                .group_by(incidents.c.sort_date, *group)
            )
            folded: dict[tuple[dt.date, Any], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
            for row in conn.execute(sel):
                day, rest = row[0], row[1:]
                what = rest[0] if group else None
                n, fat, gold, n_gold = rest[-4:]
                acc = folded[(period_of(day, by), what)]
                acc[0] += int(n)
                acc[1] += int(fat or 0)
                acc[2] += float(gold or 0.0)
                acc[3] += int(n_gold)
            for (period, what), (n, fat, gold, n_gold) in sorted(
                folded.items(), key=lambda kv: (kv[0][0], "" if kv[0][1] is None else str(kv[0][1]))
            ):
                rows.append(
                    {
                        "period": period.isoformat(),
                        "series": label,
                        "type": what if split == "type" else None,
                        "quad_class": _quad(what) if split == "type" else (what if split == "quad" else None),
                        "incidents": int(n),
                        "fatalities": int(fat),
                        "intensity": round(gold, 2),
                        "goldstein_mean": round(gold / n_gold, 2) if n_gold else None,
                    }
                )
    return rows


def _quad(type_: Any) -> int | None:

    found = cameo(str(type_)) if type_ else None
    return None if found is None else found.quad_class


def write_trends(rows: Sequence[dict[str, Any]], fmt: str, out: IO[str] | None = None,
                 path: str | None = None) -> int:
    """Write series rows as a table, CSV, JSONL (to ``out``) or Parquet (to ``path``); return how many."""

    if fmt == "parquet":
        if path is None:
            raise StoreError("parquet output needs a file")
        return export.write_parquet(rows, TREND_COLUMNS, path, kinds=TREND_KINDS)
    assert out is not None
    if fmt == "csv":
        return export.write_csv(rows, TREND_COLUMNS, out)
    if fmt == "jsonl":
        return export.write_jsonl(rows, out)
    out.write(f"{'period':<10}  {'series':<24} {'type/quad':<12} {'incidents':>9} {'fatalities':>10} "
              f"{'intensity':>9} {'goldstein':>9}\n")
    for r in rows:
        what = r["type"] or (f"Q{r['quad_class']}" if r["quad_class"] is not None else "")
        mean = "" if r["goldstein_mean"] is None else f"{r['goldstein_mean']:.2f}"
        out.write(f"{r['period']:<10}  {r['series'][:24]:<24} {what:<12} {r['incidents']:>9} "
                  f"{r['fatalities']:>10} {r['intensity']:>9.1f} {mean:>9}\n")
    return len(rows)
