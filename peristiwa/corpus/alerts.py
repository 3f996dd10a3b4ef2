"""Watches and alerts: what a crisis desk watches, the rules that raise alerts, and their delivery.

A *watch* (stored in the store's ``watches`` table) says which incidents it follows: countries
(the incident's place), actors and dyads (its participants, matched as ``peristiwa.corpus.trends``
says: a dyad ``A:B`` either direction, ``A>B`` one way), PLOVER types, a place and a radius
(the gazetteer), and words (``WNI``, a nationality: found, in any case, in an evidence
sentence or a participant's name).  Kinds combine with AND; the values of one kind with OR
(actors and dyads together are one kind: who takes part).

Its *rules* say when to raise an alert:

- ``count:N/7d``: N or more incidents in a window of 7 days (one alert per episode: none again
  while the windows overlap);
- ``jump:z>=3/28d``: the day's incidents stand ``z`` standard deviations above the daily mean
  of the 28 days before (the deviation taken as at least 1 incident); one alert per episode
  (none again within 7 days);
- ``first-fatal``: the watch's first incident with a death (none in the store in the 365 days
  before it), once;
- ``threat-to-watched``: a THREATEN or ASSAULT whose target includes the watched group: a
  watched actor, a side of a watched dyad (for ``A:B``, a target left unnamed counts as the
  other side when A or B acts), a watched word in a target's name, or a target of a watched
  country.

Alerts are raised by :func:`raise_alerts` (which ``ingest``, ``POST /api/documents`` and
``batch --db`` call with the documents they stored) over the incidents those documents are
in, so only the watches those incidents touch are evaluated, each with indexed SQL
aggregates.  An alert is stored once under its key: raising again raises nothing new.  Each
carries its rule, its figures, and its incidents with their evidence sentences.

Delivery: an Atom feed (:func:`atom_feed`) and, for a watch with a webhook URL, a JSON POST;
a failed POST is retried with backoff, then kept in the ``alert_outbox`` table and retried on
the next run (:func:`retry_outbox`), and logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from peristiwa.corpus.trends import (
    Dyad,
    actor_condition,
    check_country,
    check_types,
    dyad_condition,
    near_condition,
    parse_dyad,
    party_match,
    who_candidates,
)
from peristiwa.store.db import StoreError, write_transaction
from peristiwa.store.query import DEFAULT_RADIUS_KM, KM_PER_DEGREE, resolve_near
from peristiwa.store.rows import NO_DATE, norm
from peristiwa.store.schema import (
    actor_names,
    actors,
    alert_marks,
    alert_outbox,
    alerts,
    documents,
    events,
    incident_members,
    incident_parties,
    incidents,
    watches,
)

__all__ = [
    "DEFAULT_RULES", "Rule", "Watch", "add_watch", "atom_feed", "deliver", "evaluate", "get_watch", "list_alerts",
    "list_watches", "make_watch", "parse_rule", "raise_alerts", "remove_watch", "retry_outbox",
]

log = logging.getLogger("peristiwa.corpus.alerts")

DEFAULT_RULES = ("threat-to-watched", "first-fatal", "jump:z>=3/28d")
HOSTILE = ("THREATEN", "ASSAULT")
JUMP_COOLDOWN_DAYS = 7
FATAL_LOOKBACK_DAYS = 365  # first-fatal: no fatal incident of the watch in the year before
MAX_ALERT_INCIDENTS = 20
_NAME = re.compile(r"^[\w.@+-][\w .@+-]{0,99}$")
_COUNT = re.compile(r"^count:(\d{1,6})/(\d{1,4})d$")
_JUMP = re.compile(r"^jump:z>=(\d{1,3}(?:\.\d{1,3})?)/(\d{1,4})d$")
# Characters XML 1.0 cannot hold (control characters but tab and newlines; lone surrogates; U+FFFE/F).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
RULE_HELP = "count:N/7d, jump:z>=3/28d, first-fatal or threat-to-watched"


# ---------------------------------------------------------------------------- rules and watches


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule: ``kind`` is count, jump, first-fatal or threat-to-watched."""

    kind: str
    n: int = 0  # count: the threshold
    days: int = 0  # count: the window; jump: the baseline
    z: float = 0.0  # jump: the threshold

    @property
    def text(self) -> str:
        if self.kind == "count":
            return f"count:{self.n}/{self.days}d"
        if self.kind == "jump":
            return f"jump:z>={self.z:g}/{self.days}d"
        return self.kind


def parse_rule(text: str) -> Rule:
    """Parse a rule (``count:5/7d``, ``jump:z>=3/28d``, ``first-fatal``, ``threat-to-watched``)."""
    raw = "".join((text or "").split()).lower()
    if raw in ("first-fatal", "threat-to-watched"):
        return Rule(raw)
    m = _COUNT.match(raw)
    if m:
        n, days = int(m.group(1)), int(m.group(2))
        if n < 1 or not 1 <= days <= 366:
            raise StoreError(f"invalid rule {text[:60]!r}: count:N/Dd needs N >= 1 and 1 <= D <= 366")
        return Rule("count", n=n, days=days)
    m = _JUMP.match(raw)
    if m:
        z, days = float(m.group(1)), int(m.group(2))
        if z <= 0 or not 7 <= days <= 366:
            raise StoreError(f"invalid rule {text[:60]!r}: jump:z>=Z/Dd needs Z > 0 and 7 <= D <= 366")
        return Rule("jump", days=days, z=z)
    raise StoreError(f"unknown rule {text[:60]!r}: use {RULE_HELP}")


@dataclass(frozen=True, slots=True)
class Near:
    place: str
    lat: float
    lon: float
    km: float


@dataclass(slots=True)
class Watch:
    """What to watch and the rules that raise alerts (see the module docstring)."""

    name: str
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    dyads: tuple[Dyad, ...] = ()
    types: tuple[str, ...] = ()
    near: Near | None = None
    words: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    webhook: str | None = None
    pk: int | None = None
    created_at: str | None = None

    def spec(self) -> dict[str, Any]:
        return {
            "countries": list(self.countries),
            "actors": list(self.actors),
            "dyads": [str(d) for d in self.dyads],
            "types": list(self.types),
            "near": None if self.near is None else {"place": self.near.place, "lat": self.near.lat,
                                                    "lon": self.near.lon, "km": self.near.km},
            "words": list(self.words),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **self.spec(), "rules": [r.text for r in self.rules],
                "webhook": self.webhook, "created_at": self.created_at}

    def describe(self) -> str:
        parts = [f"country {','.join(self.countries)}" if self.countries else "",
                 f"actor {','.join(self.actors)}" if self.actors else "",
                 f"dyad {','.join(map(str, self.dyads))}" if self.dyads else "",
                 f"types {','.join(self.types)}" if self.types else "",
                 f"within {self.near.km:g} km of {self.near.place}" if self.near else "",
                 f"words {','.join(self.words)}" if self.words else ""]
        return "; ".join(p for p in parts if p) or "every incident"


def make_watch(
    name: str,
    *,
    countries: Iterable[str] = (),
    actors: Iterable[str] = (),
    dyads: Iterable[str] = (),
    types: Iterable[str] = (),
    near: str | None = None,
    km: float | None = None,
    words: Iterable[str] = (),
    rules: Iterable[str] = (),
    webhook: str | None = None,
) -> Watch:
    """Check and build a watch; StoreError says what is wrong (a bad rule, an unknown place, ...)."""

    name = " ".join((name or "").split())
    if not _NAME.match(name):
        raise StoreError(f"invalid watch name {name[:60]!r}: 1-100 letters, digits, spaces or . @ + - _")
    kinds: list[str] = []
    for t in types:  # --types ASSAULT,THREATEN and repeated values alike
        kinds.extend(t.split(","))
    actor_list = tuple(" ".join(a.split()) for a in actors if a.strip())
    if any(len(a) > 200 for a in actor_list):
        raise StoreError("an actor is at most 200 characters")
    word_list = tuple(" ".join(w.split()) for w in words if w.strip())
    if any(len(w) > 100 for w in word_list):
        raise StoreError("a word is at most 100 characters")
    point = None
    if near:
        if km is not None and not 0 < km <= 20_000:
            raise StoreError(f"--km must be in (0, 20000], not {km:g}")
        lat, lon, place = resolve_near(near)
        point = Near(place, lat, lon, float(km if km is not None else DEFAULT_RADIUS_KM))
    elif km is not None:
        raise StoreError("--km goes with --near PLACE")
    rule_list = tuple(dict.fromkeys(parse_rule(r) for r in rules)) or tuple(parse_rule(r) for r in DEFAULT_RULES)
    if webhook is not None:
        webhook = webhook.strip() or None
    if webhook is not None and not re.match(r"^https?://[^\s/]+", webhook):
        raise StoreError(f"invalid webhook {webhook[:80]!r}: give an http:// or https:// URL")
    return Watch(
        name=name,
        countries=tuple(dict.fromkeys(check_country(c) for c in countries)),
        actors=tuple(dict.fromkeys(actor_list)),
        dyads=tuple(dict.fromkeys(parse_dyad(d) for d in dyads)),
        types=tuple(dict.fromkeys(check_types(kinds))),
        near=point,
        words=tuple(dict.fromkeys(word_list)),
        rules=rule_list,
        webhook=webhook,
    )


def watch_from_dict(name: str, spec: Mapping[str, Any], rules: Sequence[str], webhook: str | None, *,
                    pk: int | None = None, created_at: str | None = None) -> Watch:
    near = spec.get("near")
    return Watch(
        name=name,
        countries=tuple(spec.get("countries") or ()),
        actors=tuple(spec.get("actors") or ()),
        dyads=tuple(parse_dyad(d) for d in spec.get("dyads") or ()),
        types=tuple(spec.get("types") or ()),
        near=None if not near else Near(str(near["place"]), float(near["lat"]), float(near["lon"]),
                                        float(near["km"])),
        words=tuple(spec.get("words") or ()),
        rules=tuple(parse_rule(r) for r in rules),
        webhook=webhook,
        pk=pk,
        created_at=created_at,
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def add_watch(store: Any, watch: Watch, *, replace: bool = False) -> Watch:
    """Store a watch; StoreError when one of that name exists (unless ``replace``)."""
    row = {"name": watch.name, "spec": json.dumps(watch.spec(), ensure_ascii=False),
           "rules": json.dumps([r.text for r in watch.rules]), "webhook": watch.webhook, "created_at": _now()}
    with write_transaction(store.engine) as conn:
        found = conn.execute(sa.select(watches.c.pk).where(watches.c.name == watch.name)).first()
        if found is not None and not replace:
            raise StoreError(f"a watch named {watch.name!r} exists: remove it first (peristiwa watch remove)")
        if found is not None:
            conn.execute(watches.update().where(watches.c.pk == found[0]).values(**row))
            pk = int(found[0])
        else:
            pk = int(conn.execute(watches.insert().values(**row).returning(watches.c.pk)).scalar_one())
    watch.pk, watch.created_at = pk, row["created_at"]
    return watch


def _watch_of(row: Any) -> Watch:
    return watch_from_dict(row.name, json.loads(row.spec), json.loads(row.rules), row.webhook, pk=row.pk,
                           created_at=row.created_at)


def list_watches(store: Any) -> list[Watch]:
    """Every stored watch, by name."""
    with store.engine.connect() as conn:
        return [_watch_of(r) for r in conn.execute(sa.select(watches).order_by(watches.c.name))]


def get_watch(store: Any, name: str) -> Watch | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(watches).where(watches.c.name == name)).first()
    return None if row is None else _watch_of(row)


def remove_watch(store: Any, name: str) -> bool:
    """Delete a watch and its alerts; False when there is none of that name."""
    with write_transaction(store.engine) as conn:
        found = conn.execute(sa.select(watches.c.pk).where(watches.c.name == name)).first()
        if found is None:
            return False
        pk = found[0]
        alert_pks = sa.select(alerts.c.pk).where(alerts.c.watch_pk == pk)
        conn.execute(alert_outbox.delete().where(alert_outbox.c.alert_pk.in_(alert_pks)))
        conn.execute(alerts.delete().where(alerts.c.watch_pk == pk))
        conn.execute(alert_marks.delete().where(alert_marks.c.watch_pk == pk))
        conn.execute(watches.delete().where(watches.c.pk == pk))
    return True


# ---------------------------------------------------------------------------- what a watch selects


def _words_condition(words: Sequence[str]) -> ColumnElement[bool]:
    """Incidents with one of the words in a member's evidence sentence or a participant's name."""
    conds: list[ColumnElement[bool]] = []
    for w in words:
        pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(
            sa.exists()
            .where(
                incident_members.c.incident_pk == incidents.c.pk,
                events.c.pk == incident_members.c.event_pk,
                events.c.evidence_text.ilike(pattern, escape="\\"),
            )
        )
        key = norm(w)
        if key:
            like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conds.append(
                sa.exists().where(
                    incident_parties.c.incident_pk == incidents.c.pk,
                    incident_parties.c.norm.like(like, escape="\\"),
                )
            )
    return sa.or_(*conds)


def watch_conditions(watch: Watch, *, correlated: bool = True, who: bool = True) -> list[ColumnElement[bool]]:
    """The WHERE terms on ``incidents`` of what the watch follows (the SQL twin of :class:`_Matcher`).

    ``correlated``: participants tested row by row, for queries a date range narrows (the rules'
    windows); else found first through the indexes.  ``who=False`` leaves out the actors and
    dyads, for a query that already keeps only their incidents (``trends.who_candidates``).
    """
    conds: list[ColumnElement[bool]] = []
    if watch.countries:
        conds.append(incidents.c.country.in_(watch.countries))
    if watch.types:
        conds.append(incidents.c.type.in_(watch.types))
    parts = [actor_condition(a, correlated=correlated) for a in watch.actors]
    parts += [dyad_condition(d, correlated=correlated) for d in watch.dyads]
    if parts and who:
        conds.append(sa.or_(*parts))
    if watch.near is not None:
        conds.extend(near_condition(watch.near.lat, watch.near.lon, watch.near.km))
    if watch.words:
        conds.append(_words_condition(watch.words))
    return conds


# ---------------------------------------------------------------------------- matching new incidents


@dataclass(slots=True)
class _Inc:
    """What matching reads of one incident: its columns, its participants, its evidence sentences."""

    pk: int
    id: str
    sort_date: dt.date
    type: str
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    historical: bool
    parties: list[tuple[str, str | None, str, str | None]] = field(default_factory=list)  # role, key, norm, country
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Side:
    """A watched actor or dyad side, ready to test participants (as ``trends.party_match``)."""

    value: str
    norm: str
    country: str | None
    keys: frozenset[str]

    def hits(self, party: tuple[str, str | None, str, str | None], role: str | None = None) -> bool:
        r, key, nm, country = party
        if role is not None and r != role:
            return False
        return (key == self.value or nm == self.norm or (key is not None and key in self.keys)
                or (self.country is not None and country == self.country))


class _Matcher:
    """A watch tested in Python on a few incidents: the same answers as :func:`watch_conditions`."""

    def __init__(self, watch: Watch, keys_of: Mapping[str, frozenset[str]]) -> None:
        def side(v: str) -> _Side:
            return _Side(v, norm(v), v.upper() if re.fullmatch(r"[A-Za-z]{3}", v) else None,
                         keys_of.get(v, frozenset()))

        self.watch = watch
        self.actors = [side(a) for a in watch.actors]
        self.directions = [(side(a), side(b)) for d in watch.dyads for a, b in d.directions()]
        self.words = [(w.lower(), norm(w)) for w in watch.words]
        self.countries = set(watch.countries)
        self.types = set(watch.types)

    @staticmethod
    def _any(inc: _Inc, s: _Side, role: str | None) -> bool:
        return any(s.hits(p, role) for p in inc.parties)

    @staticmethod
    def _named(inc: _Inc, role: str) -> bool:
        return any(p[0] == role for p in inc.parties)

    def _near(self, inc: _Inc) -> bool:
        near = self.watch.near
        assert near is not None
        if inc.lat is None or inc.lon is None:
            return False
        dlat = near.km / KM_PER_DEGREE
        k = max(math.cos(math.radians(near.lat)), 1e-6)
        dlon = dlat / k
        if not near.lat - dlat <= inc.lat <= near.lat + dlat:
            return False
        if dlon < 180 and not near.lon - dlon <= inc.lon <= near.lon + dlon:
            return False
        return (inc.lat - near.lat) ** 2 + ((inc.lon - near.lon) * k) ** 2 <= dlat * dlat

    def _word(self, inc: _Inc, word: str, key: str, role: str | None = None) -> bool:
        if role is None and any(word in text.lower() for text in inc.evidence):
            return True
        return bool(key) and any(key in p[2] for p in inc.parties if role is None or p[0] == role)

    def matches(self, inc: _Inc) -> bool:
        if self.countries and inc.country not in self.countries:
            return False
        if self.types and inc.type not in self.types:
            return False
        if self.actors or self.directions:
            who = any(self._any(inc, s, None) for s in self.actors) or any(
                self._directed(inc, a, b) for a, b in self.directions)
            if not who:
                return False
        if self.watch.near is not None and not self._near(inc):
            return False
        return not self.words or any(self._word(inc, w, k) for w, k in self.words)

    def _directed(self, inc: _Inc, a: _Side, b: _Side) -> bool:
        a_acts, b_hit = self._any(inc, a, "actor"), self._any(inc, b, "target")
        return ((a_acts and b_hit) or (a_acts and not self._named(inc, "target"))
                or (b_hit and not self._named(inc, "actor")))

    def threat(self, inc: _Inc) -> bool:
        """A THREATEN or ASSAULT whose target includes the watched group (``threat-to-watched``)."""
        if inc.type not in HOSTILE or inc.historical:
            return False
        checks = [self._any(inc, s, "target") for s in self.actors]
        for a, b in self.directions:
            checks.append(self._any(inc, b, "target"))
            checks.append(not self._named(inc, "target") and self._any(inc, a, "actor"))
        if self.countries:
            checks.append(any(p[0] == "target" and p[3] in self.countries for p in inc.parties))
        checks.extend(self._word(inc, w, k, "target") for w, k in self.words)
        return any(checks) if (self.actors or self.directions or self.countries or self.words) else True


def _resolve_keys(conn: Any, values: Iterable[str]) -> dict[str, frozenset[str]]:
    """The actor keys each value names (the key itself, or a name or alias of the actor)."""
    values = sorted(set(values))
    if not values:
        return {}
    by_norm: dict[str, set[str]] = {}
    norms = sorted({norm(v) for v in values})
    for start in range(0, len(norms), 500):
        for key, nm in conn.execute(
            sa.select(actors.c.key, actor_names.c.norm)
            .select_from(actor_names.join(actors, actors.c.pk == actor_names.c.actor_pk))
            .where(actor_names.c.norm.in_(norms[start:start + 500]))
        ):
            by_norm.setdefault(nm, set()).add(key)
    known = {k for (k,) in conn.execute(sa.select(actors.c.key).where(actors.c.key.in_(values)))}
    return {v: frozenset(by_norm.get(norm(v), set()) | ({v} if v in known else set())) for v in values}


def _load(conn: Any, pks: Sequence[int], *, evidence: bool) -> list[_Inc]:
    rows = conn.execute(
        sa.select(incidents.c.pk, incidents.c.id, incidents.c.sort_date, incidents.c.type, incidents.c.country,
                  incidents.c.lat, incidents.c.lon, incidents.c.fatalities, incidents.c.historical)
        .where(incidents.c.pk.in_(list(pks)))
    ).all()
    found = {int(r.pk): _Inc(int(r.pk), r.id, r.sort_date, r.type, r.country, r.lat, r.lon, r.fatalities,
                             bool(r.historical)) for r in rows}
    p = incident_parties.c
    for ipk, role, key, nm, country in conn.execute(
        sa.select(p.incident_pk, p.role, p.key, p.norm, p.country).where(p.incident_pk.in_(list(pks)))
    ):
        found[int(ipk)].parties.append((role, key, nm, country))
    if evidence:
        for ipk, text in conn.execute(
            sa.select(incident_members.c.incident_pk, events.c.evidence_text)
            .select_from(incident_members.join(events, events.c.pk == incident_members.c.event_pk))
            .where(incident_members.c.incident_pk.in_(list(pks)))
        ):
            found[int(ipk)].evidence.append(text)
    return sorted(found.values(), key=lambda i: (i.sort_date, i.id))


# ---------------------------------------------------------------------------- evaluation


@dataclass(slots=True)
class _Pending:
    key: str
    watch: Watch
    rule: str
    day: dt.date
    title: str
    figures: dict[str, Any]
    incident_pks: list[int]
    marks: list[str] = field(default_factory=list)


def _alert_key(watch: Watch, rule: str, what: str) -> str:
    digest = hashlib.sha1(f"{watch.name}\n{rule}\n{what}".encode()).hexdigest()[:24]
    return f"w{watch.pk}:{rule[:40]}:{digest}"


def _in_window(watch: Watch, conds: list[ColumnElement[bool]], lo: dt.date,
               hi: dt.date) -> list[ColumnElement[bool]]:
    """The watch's conditions between two days, with its participants found first through their index."""
    lo = max(lo, dt.date(1, 1, 2))  # after NO_DATE: undated incidents are on no day
    cand = who_candidates(watch.actors, watch.dyads, lo, hi)
    return [*conds, *([cand] if cand is not None else []), incidents.c.sort_date >= lo, incidents.c.sort_date <= hi]


def _daily(conn: Any, watch: Watch, conds: list[ColumnElement[bool]], lo: dt.date,
           hi: dt.date) -> dict[dt.date, int]:
    if watch.actors and not (watch.dyads or watch.countries or watch.types or watch.near or watch.words):
        # actors alone: counted from the participants' index (it holds the day), no incident read
        p = incident_parties.c
        lo = max(lo, dt.date(1, 1, 2))
        by_day = (
            sa.select(p.sort_date, sa.func.count(sa.distinct(p.incident_pk)))
            .where(sa.or_(*(sa.or_(*party_match(a)) for a in watch.actors)), p.role.in_(("actor", "target")),
                   p.sort_date >= lo, p.sort_date <= hi)
            .group_by(p.sort_date)
        )
        return {d: int(n) for d, n in conn.execute(by_day)}
    sel = (
        sa.select(incidents.c.sort_date, sa.func.count())
        .where(*_in_window(watch, conds, lo, hi))
        .group_by(incidents.c.sort_date)
    )
    return {d: int(n) for d, n in conn.execute(sel)}


def _alert_days(conn: Any, watch: Watch, rule: str) -> list[dt.date]:
    return [d for (d,) in conn.execute(
        sa.select(alerts.c.day).where(alerts.c.watch_pk == watch.pk, alerts.c.rule == rule))]


def _window_pks(conn: Any, watch: Watch, conds: list[ColumnElement[bool]], lo: dt.date, hi: dt.date) -> list[int]:
    sel = (
        sa.select(incidents.c.pk)
        .where(*_in_window(watch, conds, lo, hi))
        .order_by(incidents.c.sort_date.desc(), incidents.c.fatalities.desc().nulls_last(), incidents.c.id)
        .limit(MAX_ALERT_INCIDENTS)
    )
    return [int(pk) for (pk,) in conn.execute(sel)]


def _evaluate_watch(conn: Any, watch: Watch, matched: list[_Inc], threats: list[_Inc]) -> list[_Pending]:
    """Apply a watch's rules, given the new incidents it matches (``threats``: those hitting its group)."""
    out: list[_Pending] = []
    dated = sorted({r.sort_date for r in matched if r.sort_date > NO_DATE})
    # who takes part is found through the participants' index (``_in_window``): actors alone need no more test
    conds = watch_conditions(watch, who=bool(watch.dyads))
    # one daily count of the watch's incidents covers every window rule
    spans = [(dt.timedelta(days=r.days - 1), dt.timedelta(days=r.days - 1)) if r.kind == "count"
             else (dt.timedelta(days=r.days), dt.timedelta(0)) for r in watch.rules if r.kind in ("count", "jump")]
    daily = (_daily(conn, watch, conds, dated[0] - max(b for b, _ in spans), dated[-1] + max(a for _, a in spans))
             if spans and dated else {})
    for rule in watch.rules:
        name = rule.text
        if rule.kind == "threat-to-watched":
            out.extend(_threats(conn, watch, name, threats))
        elif rule.kind == "first-fatal":
            found = _first_fatal(conn, watch, name, conds, matched)
            if found is not None:
                out.append(found)
        elif rule.kind == "count" and dated:
            out.extend(_counts(conn, watch, rule, conds, dated, daily))
        elif rule.kind == "jump" and dated:
            out.extend(_jumps(conn, watch, rule, conds, dated, daily))
    return out


def _threats(conn: Any, watch: Watch, name: str, hits: list[_Inc]) -> list[_Pending]:
    if not hits:
        return []
    rows = conn.execute(
        sa.select(incidents.c.pk, incidents.c.id, incidents.c.sort_date, incidents.c.type, incidents.c.data)
        .where(incidents.c.pk.in_([h.pk for h in hits]))
        .order_by(incidents.c.sort_date, incidents.c.id)
    ).all()
    members_of = {r.pk: _members(json.loads(r.data)) for r in rows}
    every = sorted({m for ms in members_of.values() for m in ms})
    marked: set[str] = set()
    for start in range(0, len(every), 500):
        marked.update(m for (m,) in conn.execute(
            sa.select(alert_marks.c.member).where(alert_marks.c.watch_pk == watch.pk, alert_marks.c.rule == name,
                                                  alert_marks.c.member.in_(every[start:start + 500]))))
    out = []
    for r in rows:
        members = members_of[r.pk]
        if marked.intersection(members):
            continue  # alerted already (the incident may have had another id then)
        marked.update(members)
        data = json.loads(r.data)
        day = r.sort_date if r.sort_date > NO_DATE else dt.datetime.now(dt.UTC).date()
        targets = ", ".join(t.get("name", "") for t in data.get("targets") or []) or "an unnamed target"
        actors_ = ", ".join(a.get("name", "") for a in data.get("actors") or []) or "unnamed"
        title = f"{r.type} by {actors_} against {targets}{_where_when(data)}"
        out.append(_Pending(_alert_key(watch, name, min(members) if members else r.id), watch, name, day, title,
                            {"type": r.type, "actors": actors_, "targets": targets,
                             "fatalities": (data.get("fatalities") or {}).get("best")},
                            [int(r.pk)], marks=members))
    return out


_SEEN_FATAL = "(an earlier fatal incident)"


def _first_fatal(conn: Any, watch: Watch, name: str, conds: list[ColumnElement[bool]],
                 matched: Sequence[_Inc]) -> _Pending | None:
    fatal = [r for r in matched if (r.fatalities or 0) > 0 and not r.historical and r.sort_date > NO_DATE]
    if not fatal:
        return None
    key = _alert_key(watch, name, "once")
    if conn.execute(sa.select(alerts.c.pk).where(alerts.c.key == key)).first() is not None:
        return None
    seen = sa.select(alert_marks.c.member).where(alert_marks.c.watch_pk == watch.pk, alert_marks.c.rule == name,
                                                 alert_marks.c.member == _SEEN_FATAL)
    if conn.execute(seen).first() is not None:
        return None  # the store had a fatal incident of this watch before its first alert could be raised
    first = fatal[0]
    earlier = conn.execute(
        sa.select(incidents.c.pk).where(*_in_window(watch, conds, first.sort_date - dt.timedelta(days=FATAL_LOOKBACK_DAYS),
                                                    first.sort_date - dt.timedelta(days=1)),
                                        incidents.c.fatalities > 0, incidents.c.historical.is_(False))
        .limit(1)
    ).first()
    if earlier is not None:
        # remembered: this scan (it may read far back) is done once per watch
        with write_transaction(conn.engine) as marks:
            marks.execute(sa.delete(alert_marks).where(alert_marks.c.watch_pk == watch.pk,
                                                       alert_marks.c.rule == name,
                                                       alert_marks.c.member == _SEEN_FATAL))
            marks.execute(alert_marks.insert().values(watch_pk=watch.pk, rule=name, member=_SEEN_FATAL))
        return None
    return _Pending(key, watch, name, first.sort_date,
                    f"first fatal incident: {first.type} on {first.sort_date}, {first.fatalities} killed",
                    {"fatalities": int(first.fatalities or 0), "type": first.type,
                     "day": first.sort_date.isoformat()},
                    [int(first.pk)])


def _counts(conn: Any, watch: Watch, rule: Rule, conds: list[ColumnElement[bool]],
            days: list[dt.date], daily: Mapping[dt.date, int]) -> list[_Pending]:
    w = rule.days
    span = dt.timedelta(days=w - 1)
    raised = _alert_days(conn, watch, rule.text)
    out = []
    for d in days:
        for end in sorted(x for x in daily if d <= x <= d + span):
            n = sum(daily.get(end - dt.timedelta(days=i), 0) for i in range(w))
            if n < rule.n or any(abs((end - a).days) < w for a in raised):
                continue
            raised.append(end)
            start = end - span
            out.append(_Pending(
                _alert_key(watch, rule.text, end.isoformat()), watch, rule.text, end,
                f"{n} incidents in {w} days ({start} to {end}), threshold {rule.n}",
                {"count": n, "threshold": rule.n, "window_days": w, "window_start": start.isoformat(),
                 "window_end": end.isoformat()},
                _window_pks(conn, watch, conds, start, end)))
            break
    return out


def jump_score(x: int, baseline: Sequence[int]) -> tuple[float, float, float]:
    """Return (z, mean, sd) of a day's count against its baseline days; sd is taken as at least 1."""
    mean = sum(baseline) / len(baseline) if baseline else 0.0
    var = sum((b - mean) ** 2 for b in baseline) / len(baseline) if baseline else 0.0
    sd = math.sqrt(var)
    return (x - mean) / max(sd, 1.0), mean, sd


def _jumps(conn: Any, watch: Watch, rule: Rule, conds: list[ColumnElement[bool]],
           days: list[dt.date], daily: Mapping[dt.date, int]) -> list[_Pending]:
    b = rule.days
    raised = _alert_days(conn, watch, rule.text)
    out = []
    for d in days:
        x = daily.get(d, 0)
        base = [daily.get(d - dt.timedelta(days=i), 0) for i in range(1, b + 1)]
        z, mean, sd = jump_score(x, base)
        if z < rule.z or any(abs((d - a).days) < JUMP_COOLDOWN_DAYS for a in raised):
            continue
        raised.append(d)
        out.append(_Pending(
            _alert_key(watch, rule.text, d.isoformat()), watch, rule.text, d,
            f"{x} incidents on {d}: z = {z:.1f} against the {b} days before (mean {mean:.2f} a day)",
            {"count": x, "z": round(z, 2), "threshold": rule.z, "baseline_days": b, "baseline_mean": round(mean, 3),
             "baseline_sd": round(sd, 3), "day": d.isoformat()},
            _window_pks(conn, watch, conds, d, d)))
    return out


def _members(data: Mapping[str, Any]) -> list[str]:
    return sorted(f"{s.get('document') or s.get('doc_id')}#{s.get('event_id')}" for s in data.get("sources") or [])


def _where_when(data: Mapping[str, Any]) -> str:
    loc = (data.get("location") or {}).get("name")
    day = (data.get("date") or {}).get("start")
    fat = (data.get("fatalities") or {}).get("best")
    return ((f" at {loc}" if loc else "") + (f" on {day}" if day else "")
            + (f" ({fat} killed)" if fat else ""))


def _incident_summary(data: Mapping[str, Any]) -> dict[str, Any]:
    loc = data.get("location") or {}
    return {
        "id": data.get("id"),
        "type": data.get("type"),
        "mode": data.get("mode"),
        "date": data.get("date"),
        "place": loc.get("name"),
        "country": loc.get("country"),
        "fatalities": (data.get("fatalities") or {}).get("best"),
        "actors": [a.get("name") for a in data.get("actors") or []],
        "targets": [t.get("name") for t in data.get("targets") or []],
        "n_reports": data.get("n_reports"),
        "evidence": [
            {"text": (s.get("evidence") or {}).get("text"), "doc_id": s.get("doc_id"), "document": s.get("document"),
             "event_id": s.get("event_id"),
             "title": s.get("title"), "url": s.get("url"), "outlet": s.get("outlet"), "published": s.get("published")}
            for s in data.get("sources") or []
        ],
    }


def evaluate(store: Any, touched: ColumnElement[bool], *, names: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Evaluate every watch (or those ``names``) on the incidents ``touched`` selects; store and return new alerts.

    The touched incidents are read once (with their participants and evidence) and every watch
    is tested on them in Python; only the watches they match run their rules, each rule one
    indexed SQL aggregate over its window.
    """
    found = [w for w in list_watches(store) if names is None or w.name in names]
    if not found:
        return []
    pending: list[_Pending] = []
    with store.engine.connect() as conn:
        keys_of = _resolve_keys(conn, [v for w in found for v in (*w.actors, *(x for d in w.dyads for x in (d.a, d.b)))])
        matchers = [_Matcher(w, keys_of) for w in found]
        evidence = any(w.words for w in found)
        hits: dict[str, list[_Inc]] = {w.name: [] for w in found}
        threats: dict[str, list[_Inc]] = {w.name: [] for w in found}
        pks = [int(pk) for (pk,) in conn.execute(sa.select(incidents.c.pk).where(touched).order_by(incidents.c.pk))]
        for start in range(0, len(pks), 1000):
            for inc in _load(conn, pks[start:start + 1000], evidence=evidence):
                for m in matchers:
                    if m.matches(inc):
                        hits[m.watch.name].append(inc)
                        if m.threat(inc):
                            threats[m.watch.name].append(inc)
        for w in found:
            if hits[w.name]:
                pending.extend(_evaluate_watch(conn, w, sorted(hits[w.name], key=lambda i: (i.sort_date, i.id)),
                                               threats[w.name]))
        if not pending:
            return []
        alert_pks = sorted({pk for p in pending for pk in p.incident_pks})
        datas = {int(pk): json.loads(d) for pk, d in conn.execute(
            sa.select(incidents.c.pk, incidents.c.data).where(incidents.c.pk.in_(alert_pks)))}
    raised_at = _now()
    new: list[dict[str, Any]] = []
    with write_transaction(store.engine) as conn:
        for p in pending:
            record = {
                "watch": p.watch.name, "rule": p.rule, "day": p.day.isoformat(), "title": p.title,
                "figures": p.figures,
                "incidents": [_incident_summary(datas[pk]) for pk in p.incident_pks if pk in datas],
            }
            pk = conn.execute(
                store._insert(alerts)
                .values(key=p.key, watch_pk=p.watch.pk, watch=p.watch.name, rule=p.rule, day=p.day,
                        raised_at=raised_at, title=p.title, data=json.dumps(record, ensure_ascii=False))
                .on_conflict_do_nothing(index_elements=["key"])
                .returning(alerts.c.pk)
            ).scalar()
            if pk is None:
                continue
            if p.marks:
                conn.execute(store._insert(alert_marks).on_conflict_do_nothing(),
                             [{"watch_pk": p.watch.pk, "rule": p.rule, "member": m[:200]} for m in p.marks])
            new.append({"id": int(pk), "key": p.key, "raised_at": raised_at, **record,
                        "webhook": p.watch.webhook})
    return new


def _touched_by_documents(content_ids: Sequence[str]) -> ColumnElement[bool]:
    return incidents.c.pk.in_(
        sa.select(incident_members.c.incident_pk)
        .select_from(incident_members.join(documents, documents.c.pk == incident_members.c.document_pk))
        .where(documents.c.id.in_(list(content_ids)))
    )


def has_watches(store: Any) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(watches.c.pk).limit(1)).first() is not None


def raise_alerts(
    store: Any,
    doc_ids: Iterable[str] | None = None,
    *,
    since: dt.date | None = None,
    names: Sequence[str] | None = None,
    deliver_to_webhooks: bool = True,
    retries: int = 3,
    backoff: float = 0.5,
) -> list[dict[str, Any]]:
    """Raise the alerts the stored documents ``doc_ids`` (store ids) bring; return the new ones.

    Without ``doc_ids``: every incident (dated ``since`` or later) is looked at, e.g. after a
    watch was added.  The store's incidents are rebuilt first when documents changed since
    they were computed (only when there are watches: without, nothing is done).  New alerts
    go to their watch's webhook; the deliveries left in the outbox are retried first.
    """
    if not has_watches(store):
        return []
    ids = None if doc_ids is None else [str(i) for i in doc_ids]
    if ids is not None and not ids:
        if deliver_to_webhooks:
            retry_outbox(store, retries=1, backoff=backoff)
        return []
    if store.incidents_stale():
        store.rebuild_incidents()
    if ids is not None:
        touched = sa.or_(*(_touched_by_documents(ids[i:i + 500]) for i in range(0, len(ids), 500)))
    elif since is not None:
        touched = incidents.c.sort_date >= since
    else:
        touched = sa.true()
    new = evaluate(store, touched, names=names)
    if deliver_to_webhooks:
        retry_outbox(store, retries=1, backoff=backoff)
        deliver(store, new, retries=retries, backoff=backoff)
    return new


# ---------------------------------------------------------------------------- reading alerts


def list_alerts(store: Any, *, since: dt.date | None = None, watch: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Stored alerts, newest raised first; ``since``: raised or dated on that day or later."""
    sel = sa.select(alerts.c.pk, alerts.c.key, alerts.c.raised_at, alerts.c.data)
    if since is not None:
        sel = sel.where(sa.or_(alerts.c.raised_at >= since.isoformat(), alerts.c.day >= since))
    if watch is not None:
        sel = sel.where(alerts.c.watch == watch)
    sel = sel.order_by(alerts.c.raised_at.desc(), alerts.c.day.desc(), alerts.c.pk.desc()).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [{"id": int(pk), "key": key, "raised_at": raised_at, **json.loads(data)}
                for pk, key, raised_at, data in conn.execute(sel)]


# ---------------------------------------------------------------------------- delivery


def _post(url: str, payload: Mapping[str, Any], *, timeout: float) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json", "User-Agent": "peristiwa-alerts"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # the URL is checked: http or https
        if not 200 <= resp.status < 300:
            raise urllib.error.HTTPError(url, resp.status, "not 2xx", resp.headers, None)


def _payload(alert: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in alert.items() if k != "webhook"}


def _try(url: str, payload: Mapping[str, Any], *, retries: int, backoff: float, timeout: float) -> str | None:
    """POST with retries; None on success, else the last error."""
    error = None
    for attempt in range(max(1, retries)):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            _post(url, payload, timeout=timeout)
            return None
        except (OSError, urllib.error.URLError, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("webhook %s, alert %s: attempt %d failed: %s", url, payload.get("key"), attempt + 1, error)
    return error


def deliver(store: Any, new: Sequence[Mapping[str, Any]], *, retries: int = 3, backoff: float = 0.5,
            timeout: float = 5.0) -> int:
    """POST each alert to its watch's webhook; failures go to the outbox. Return how many were delivered."""
    done = 0
    for alert in new:
        url = alert.get("webhook")
        if not url:
            continue
        error = _try(str(url), _payload(alert), retries=retries, backoff=backoff, timeout=timeout)
        if error is None:
            done += 1
            continue
        log.error("webhook %s, alert %s: kept in the outbox after %d attempts: %s", url, alert.get("key"),
                  retries, error)
        with write_transaction(store.engine) as conn:
            conn.execute(alert_outbox.insert().values(alert_pk=alert["id"], url=str(url), attempts=max(1, retries),
                                                      last_error=error[:2000], created_at=_now(), updated_at=_now()))
    return done


def retry_outbox(store: Any, *, retries: int = 1, backoff: float = 0.5, timeout: float = 5.0) -> tuple[int, int]:
    """Retry the deliveries kept in the outbox; return (delivered, still waiting)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(alert_outbox.c.pk, alert_outbox.c.url, alert_outbox.c.attempts, alerts.c.pk.label("alert_pk"),
                      alerts.c.key, alerts.c.raised_at, alerts.c.data)
            .select_from(alert_outbox.join(alerts, alerts.c.pk == alert_outbox.c.alert_pk))
            .order_by(alert_outbox.c.pk)
        ).all()
    done = waiting = 0
    for r in rows:
        payload = {"id": int(r.alert_pk), "key": r.key, "raised_at": r.raised_at, **json.loads(r.data)}
        error = _try(r.url, payload, retries=retries, backoff=backoff, timeout=timeout)
        with write_transaction(store.engine) as conn:
            if error is None:
                conn.execute(alert_outbox.delete().where(alert_outbox.c.pk == r.pk))
                log.info("webhook %s, alert %s: delivered from the outbox", r.url, r.key)
                done += 1
            else:
                conn.execute(alert_outbox.update().where(alert_outbox.c.pk == r.pk)
                             .values(attempts=r.attempts + max(1, retries), last_error=error[:2000],
                                     updated_at=_now()))
                waiting += 1
    return done, waiting


def outbox(store: Any) -> list[dict[str, Any]]:
    """The deliveries waiting in the outbox."""
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            sa.select(alert_outbox.c.pk, alert_outbox.c.alert_pk, alert_outbox.c.url, alert_outbox.c.attempts,
                      alert_outbox.c.last_error, alert_outbox.c.updated_at).order_by(alert_outbox.c.pk)).mappings()]


# ---------------------------------------------------------------------------- Atom


def atom_feed(items: Sequence[Mapping[str, Any]], *, self_url: str = "/api/alerts.atom",
              title: str = "Peristiwa alerts") -> str:
    """Return an Atom 1.0 feed (RFC 4287) of alerts: one entry each, its evidence sentences as content."""
    import xml.etree.ElementTree as ET

    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: _XML_BAD.sub("", v) for k, v in attrs.items()})
        if text is not None:
            el.text = _XML_BAD.sub("", text)
        return el

    feed = ET.Element(f"{{{ns}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", "urn:peristiwa:alerts")
    updated = max((str(a.get("raised_at")) for a in items), default=_now())
    sub(feed, "updated", updated)
    sub(feed, "link", rel="self", href=self_url)
    author = sub(feed, "author")
    sub(author, "name", "peristiwa")
    sub(feed, "generator", "peristiwa")
    for a in items:
        entry = sub(feed, "entry")
        sub(entry, "title", f"[{a.get('watch')}] {a.get('rule')}: {a.get('title')}")
        sub(entry, "id", "urn:peristiwa:alert:" + hashlib.sha1(str(a.get("key")).encode()).hexdigest())
        sub(entry, "updated", str(a.get("raised_at")))
        sub(entry, "category", term=str(a.get("rule")))
        figures = ", ".join(f"{k}={v}" for k, v in (a.get("figures") or {}).items())
        sub(entry, "summary", f"{a.get('day')}: {a.get('title')} ({figures})", type="text")
        lines = []
        for inc in a.get("incidents") or []:
            lines.append(f"{inc.get('type')} {inc.get('place') or ''} {(inc.get('date') or {}).get('start') or ''}"
                         .strip())
            for ev in inc.get("evidence") or []:
                where = ev.get("title") or ev.get("doc_id") or ""
                lines.append(f"  \u201c{ev.get('text')}\u201d ({where})")
        sub(entry, "content", "\n".join(lines), type="text")
        for inc in a.get("incidents") or []:
            for ev in inc.get("evidence") or []:
                if ev.get("url"):
                    sub(entry, "link", rel="related", href=str(ev["url"]))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")
