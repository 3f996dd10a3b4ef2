"""Series and alerts over N synthetic events: time ``trends`` and the evaluation of 100 watches after an ingest.

    python benchmarks/alerts_trends.py                     # 1,000,000 events, SQLite (+ PostgreSQL if
                                                           # $PERISTIWA_TEST_PG_URL is set)
    python benchmarks/alerts_trends.py --events 50000      # a quick run

The store holds the synthetic documents, actors and events of ``store_query.py`` (three years,
~20 countries, a long tail of actors), each event an incident of its own with its parties, as
``Store.rebuild_incidents`` would store them.  Timed:

- ``trends``: a country, a dyad (both directions), a popular actor, and everything, by week over
  the three years (``peristiwa.corpus.trends.trends``, what ``peristiwa trends`` and ``/api/trends`` run);
- after an ingest: a new document of 5 events is stored and its incidents added, then all 100
  watches (countries, dyads, actors, places, words; count, jump, first-fatal and
  threat-to-watched rules) are evaluated on them (``peristiwa.corpus.alerts.evaluate``, what
  ``raise_alerts`` runs once the incidents are up to date).  Incident clustering itself
  (``Store.rebuild_incidents``, which ``ingest`` runs whatever the watches) is not part of the
  figure.  Target: <= 1 s for 100 watches at 1M events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from typing import Any

import sqlalchemy as sa
from store_query import (
    ACTOR_COLS,
    COUNTRIES,
    DOC_COLS,
    EVENT_COLS,
    NAME_COLS,
    ROLE_COLS,
    START,
    _pg_schema,
    load_tables,
    synth,
)

from peristiwa.corpus import alerts as A
from peristiwa.corpus.trends import parse_dyad, trends
from peristiwa.output.crosswalk import cameo
from peristiwa.store import Store, document_hash
from peristiwa.store.schema import INCIDENTS_STALE, incidents, store_state
from peristiwa.types import Document, Result

INC_COLS = ("pk", "id", "type", "mode", "sort_date", "date_start", "date_end", "date_precision", "place", "country",
            "admin1", "lat", "lon", "n_reports", "n_outlets", "fatalities", "fatalities_min", "fatalities_max",
            "injuries", "injuries_min", "injuries_max", "historical", "data", "goldstein", "quad_class")
MEMBER_COLS = ("incident_pk", "event_pk", "document_pk", "event_id")
PARTY_COLS = ("pk", "incident_pk", "role", "key", "norm", "country", "sort_date")


def incident_rows(
    docs: list[tuple[Any, ...]], actors: list[tuple[Any, ...]], events: list[tuple[Any, ...]],
    roles: list[tuple[Any, ...]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """One incident per event (pk = the event's pk), its member and its parties."""
    doc_of = {d[0]: d for d in docs}
    key_of = {a[0]: a[1] for a in actors}
    parts: dict[int, list[tuple[Any, ...]]] = {}
    for r in roles:
        parts.setdefault(r[1], []).append(r)
    incs, members, parties = [], [], []
    party_pk = 0
    for e in events:
        pk, doc_pk, event_id, type_, day, country, lat, lon, dead = e[0], e[1], e[2], e[3], e[5], e[12], e[14], e[15], e[17]
        doc = doc_of[doc_pk]
        who = {"actors": [], "targets": []}  # type: dict[str, list[dict[str, Any]]]
        for r in parts.get(pk, []):
            who["actors" if r[2] == "actor" else "targets"].append(
                {"key": key_of[r[5]], "name": r[9], "country": r[11], "reports": 1})
            party_pk += 1
            parties.append((party_pk, pk, r[2], key_of[r[5]], r[10], r[11], day))
        iid = f"inc{pk:016x}"
        data = {"id": iid, "type": type_, "mode": None,
                "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"},
                "location": {"name": e[11], "country": country, "lat": lat, "lon": lon, "precision": "city"},
                **who, "n_reports": 1, "n_outlets": 1, "outlets": ["Sintetis"],
                "fatalities": None if dead is None else {"best": dead, "min": dead, "max": dead, "reports": 1},
                "injuries": None, "historical": False,
                "sources": [{"doc_id": doc[2], "document": doc[1], "event_id": event_id, "outlet": "Sintetis",
                             "title": doc[3], "evidence": {"start": 0, "end": 23, "text": e[28]}}]}
        coded = cameo(type_)
        incs.append((pk, iid, type_, None, day, day, day, "day", e[11], country, None, lat, lon, 1, 1, dead, dead, dead,
                     None, None, None, False, json.dumps(data, ensure_ascii=False),
                     None if coded is None else coded.goldstein, None if coded is None else coded.quad_class))
        members.append((pk, pk, doc_pk, event_id))
    return incs, members, parties


def bulk_load(store: Store, n_events: int) -> float:
    docs, actors, names, events, roles = synth(n_events)
    incs, members, parties = incident_rows(docs, actors, events, roles)
    tables = [("documents", DOC_COLS, docs), ("actors", ACTOR_COLS, actors), ("actor_names", NAME_COLS, names),
              ("events", EVENT_COLS, events), ("event_roles", ROLE_COLS, roles), ("incidents", INC_COLS, incs),
              ("incident_members", MEMBER_COLS, members), ("incident_parties", PARTY_COLS, parties)]
    return load_tables(store, tables, ("UPDATE store_state SET value = '0' WHERE name = 'incidents_stale'",))


def popular_actors(store: Store, n: int) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [(name, country) for name, country in conn.execute(
            sa.text("SELECT name, country FROM actors ORDER BY n_events DESC LIMIT :n"), {"n": n})]


def make_watches(store: Store, rnd: random.Random) -> None:
    """100 watches: 30 countries, 25 dyads, 15 actors, 15 places, 15 words; two or three rules each."""
    countries = list(COUNTRIES)
    top = popular_actors(store, 40)
    rules = [["count:30/7d", "jump:z>=3/28d", "first-fatal"], ["threat-to-watched", "jump:z>=3/28d"],
             ["count:5/7d", "threat-to-watched"], ["first-fatal", "count:50/7d"]]
    specs: list[dict[str, Any]] = []
    for i in range(30):
        specs.append({"countries": [countries[i % len(countries)]], "types": ["ASSAULT", "THREATEN"][: 1 + i % 2]})
    for i in range(25):
        a, b = rnd.sample(countries[:12], 2) if i % 2 else (top[i][0], top[i + 1][0])
        specs.append({"dyads": [f"{a}{'>' if i % 3 == 0 else ':'}{b}"]})
    for i in range(15):
        specs.append({"actors": [top[i][0] if i % 2 else top[i][1]]})
    for i in range(15):
        c = countries[i % len(countries)]
        lat, lon, _ = COUNTRIES[c]
        specs.append({"near": f"{lat},{lon}", "km": 150.0})
    for i in range(15):
        specs.append({"words": [["serangan", "tentara", "WNI", "Aktor 1"][i % 4]], "countries": [countries[i % 5]]})
    for i, spec in enumerate(specs):
        A.add_watch(store, A.make_watch(f"watch-{i:03d}", rules=rules[i % len(rules)], **spec))


def ingest_one(store: Store, rnd: random.Random, n: int) -> str:
    """Store one new document of 5 events (as ``Store.add``) and its incidents (as the rebuild would)."""
    day = START + dt.timedelta(days=3 * 365 - 30 + rnd.randrange(30))
    countries = list(COUNTRIES)
    top = popular_actors(store, 10)
    doc = Document(id=f"bench-new-{n}-{uuid.uuid4().hex[:6]}", text="Dokumen baru sintetis.", published=day.isoformat())
    evs, ents = [], []
    for i in range(5):
        a, t = rnd.sample(top, 2)
        ents += [{"id": f"a{i}", "name": a[0], "type": "ORG", "country": a[1], "mentions": []},
                 {"id": f"t{i}", "name": t[0], "type": "ORG", "country": t[1], "mentions": []}]
        country = "IRN" if i == 0 else rnd.choice(countries)
        lat, lon, _ = COUNTRIES[country]
        evs.append({"id": f"ev{i}", "type": rnd.choice(["ASSAULT", "THREATEN", "PROTEST", "ASSAULT"]), "mode": None,
                    "date": {"text": None, "start": day.isoformat(), "end": day.isoformat(), "precision": "day"},
                    "location": {"text": "x", "name": f"Tempat baru {i}", "country": country, "lat": lat, "lon": lon,
                                 "precision": "city"},
                    "actors": [{"entity": f"a{i}", "text": a[0], "name": a[0], "country": a[1]}],
                    "targets": [{"entity": f"t{i}", "text": t[0], "name": t[0], "country": t[1]}],
                    "fatalities": rnd.choice([None, 2]), "injuries": None,
                    "trigger": {"start": 0, "end": 7, "text": "Dokumen"},
                    "evidence": {"start": 0, "end": 22, "text": "Dokumen baru sintetis."},
                    "historical": False, "confidence": 0.9})
    store.add(doc, {"doc_id": doc.id, "lang": "id", "entities": ents, "events": evs, "relations": []})
    content_id = document_hash(doc)
    # its incidents, as Store.rebuild_incidents would add them (one per event: no other report yet)
    from peristiwa.corpus.incidents import cluster_incidents
    from peristiwa.store.incidents import _incident_row
    from peristiwa.store.rows import party_rows
    from peristiwa.store.schema import documents, events, incident_members, incident_parties

    result = store.document(content_id)["result"]  # type: ignore[index]
    found = cluster_incidents([Result.from_dict({**result, "content_id": content_id})])
    with store.engine.begin() as conn:
        pks = dict(conn.execute(sa.select(events.c.event_id, events.c.pk).select_from(
            events.join(documents, documents.c.pk == events.c.document_pk)).where(documents.c.id == content_id)).all())
        doc_pk = conn.execute(sa.select(documents.c.pk).where(documents.c.id == content_id)).scalar_one()
        for inc in found:
            row = _incident_row(inc, unique=True)
            pk = conn.execute(incidents.insert().values(**row).returning(incidents.c.pk)).scalar_one()
            for src in inc.sources:
                conn.execute(incident_members.insert().values(incident_pk=pk, event_pk=pks[src.event_id],
                                                              document_pk=doc_pk, event_id=src.event_id))
            rows = party_rows(pk, json.loads(row["data"]), row["sort_date"])
            if rows:
                conn.execute(incident_parties.insert(), rows)
        conn.execute(store_state.update().where(store_state.c.name == INCIDENTS_STALE).values(value="0"))
    return content_id


def timed(fn: Any, repeats: int) -> tuple[list[float], Any]:
    out, got = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        got = fn()
        out.append(time.perf_counter() - t)
    return out, got


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_one(name: str, url: str, *, n_events: int, ingests: int) -> bool:
    rnd = random.Random(23)
    store = Store.open(url)
    try:
        print(f"{name}: loading {n_events:,} synthetic events and their incidents …", flush=True)
        load_s = bulk_load(store, n_events)
        print(f"\n== {name}: {n_events:,} events, {store.stats()['incidents']:,} incidents")
        print(f"bulk load: {load_s:.1f} s")
        top = popular_actors(store, 1)[0][0]
        print(f"{'trends, by week over 3 years':<44} {'median ms':>10} {'max ms':>8} {'rows':>6}")
        kinds = {
            "country IRN": {"countries": ["IRN"]},
            "dyad USA:IRN (two series)": {"dyads": [parse_dyad("USA:IRN")]},
            f"actor (most events: {top[:18]})": {"actors_": [top]},
            "everything": {},
            "country IRN + dyad USA:IRN, by QuadClass": {"countries": ["IRN"], "dyads": [parse_dyad("USA:IRN")],
                                                         "split": "quad"},
        }
        for label, kw in kinds.items():
            values, rows = timed(lambda kw=kw: trends(store, by="week", **kw), 3)
            print(f"{label:<44} {statistics.median(values) * 1000:>10.1f} {max(values) * 1000:>8.1f} {len(rows):>6}")
        make_watches(store, rnd)
        print(f"\n{len(A.list_watches(store))} watches; evaluating them after each of {ingests} ingests "
              "(a document of 5 events)")
        evals, n_alerts = [], 0
        for i in range(ingests):
            content_id = ingest_one(store, rnd, i)
            t = time.perf_counter()
            new = A.evaluate(store, A._touched_by_documents([content_id]))
            evals.append(time.perf_counter() - t)
            n_alerts += len(new)
        print(f"the first evaluation (each first-fatal watch also looks back a year, once): {evals[0] * 1000:.0f} ms")
        evals = evals[1:]
        print(f"evaluate 100 watches after each later ingest: median {statistics.median(evals) * 1000:.0f} ms, "
              f"p95 {pct(evals, 0.95) * 1000:.0f} ms, max {max(evals) * 1000:.0f} ms ({n_alerts} alerts raised in all)")
        t = time.perf_counter()
        since = START + dt.timedelta(days=3 * 365 - 30)
        full = A.evaluate(store, incidents.c.sort_date >= since)
        print(f"every watch over the last 30 days (`peristiwa alerts --since`): {time.perf_counter() - t:.2f} s "
              f"({len(full)} more alerts)")
        ok = pct(evals, 0.95) <= 1.0
        print("target <= 1 s for 100 watches at this size:", "met" if ok else "NOT met")
        return ok
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--ingests", type=int, default=20, help="Ingests, each followed by an evaluation.")
    ap.add_argument("--no-pg", action="store_true", help="Skip PostgreSQL even if $PERISTIWA_TEST_PG_URL is set.")
    ap.add_argument("--pg-only", action="store_true", help="Skip SQLite.")
    args = ap.parse_args()
    ok = True
    if not args.pg_only:
        with tempfile.TemporaryDirectory(prefix="peristiwa-bench-") as tmp:
            ok = run_one("SQLite", os.path.join(tmp, "bench.db"), n_events=args.events, ingests=args.ingests)
    pg = os.environ.get("PERISTIWA_TEST_PG_URL")
    if pg and not args.no_pg:
        for url in _pg_schema(pg, None):
            ok = run_one("PostgreSQL", url, n_events=args.events, ingests=args.ingests) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
