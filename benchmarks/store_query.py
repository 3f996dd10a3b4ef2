"""Store benchmark: bulk-load N synthetic events, then time filtered event queries (p50/p95) and ingest.

    python benchmarks/store_query.py                      # 1,000,000 events, SQLite (+ PostgreSQL if
                                                          # $PERISTIWA_TEST_PG_URL is set)
    python benchmarks/store_query.py --events 50000       # a quick run
    python benchmarks/store_query.py --db /tmp/b.db --reuse   # query an existing benchmark store again

The synthetic store has documents (short texts with a shared vocabulary, indexed for full-text
search), actors with a long-tailed popularity, events over three years in ~20 countries with
coordinates, and one or two roles per event.  Entities and mentions are not generated: event
queries do not read them.  Queries go through ``Store.events`` (filters, sorting, paging and
loading each event's roles and document fields), 50 events per page, like the API's default.
The target: every filtered query kind p95 < 100 ms.
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
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa

from peristiwa.store import EventFilter, Store
from peristiwa.store.db import normalise_url
from peristiwa.types import Document

TYPES = (
    ["ASSAULT"] * 35
    + ["PROTEST"] * 12
    + ["COERCE"] * 10
    + ["REQUEST"] * 10
    + ["ACCUSE"] * 8
    + ["THREATEN"] * 6
    + ["CONSULT"] * 5
    + ["AID"] * 4
    + ["MOBILIZE"] * 3
    + ["REJECT"] * 2
    + ["RETREAT"] * 2
    + ["SUPPORT", "AGREE", "SANCTION", "COOPERATE", "CONCEDE"]
)
COUNTRIES = {  # iso3: (lat, lon, weight)
    "IDN": (-2.5, 118.0, 30),
    "IRN": (32.4, 53.7, 8),
    "ISR": (31.0, 34.9, 8),
    "PSE": (31.9, 35.2, 8),
    "UKR": (48.4, 31.2, 6),
    "SDN": (12.9, 30.2, 5),
    "MMR": (21.9, 95.9, 5),
    "LBN": (33.9, 35.9, 4),
    "SYR": (34.8, 38.9, 4),
    "IRQ": (33.2, 43.7, 4),
    "YEM": (15.6, 48.5, 3),
    "USA": (38.9, -77.0, 3),
    "RUS": (55.8, 37.6, 3),
    "PHL": (12.9, 121.8, 2),
    "MYS": (4.2, 101.9, 2),
    "THA": (15.9, 100.9, 2),
    "IND": (20.6, 79.0, 2),
    "PAK": (30.4, 69.3, 2),
    "AFG": (33.9, 67.7, 1),
    "NGA": (9.1, 8.7, 1),
}
WORDS = (
    "serangan rudal drone tentara polisi warga demonstran unjuk rasa gedung kantor desa kota kabupaten "
    "provinsi menteri presiden gubernur milisi kelompok bersenjata pasukan militer bantuan pengungsi "
    "perbatasan pelabuhan bandara jembatan jalan pasar sekolah rumah sakit masjid gereja korban tewas "
    "luka ledakan tembakan penangkapan tahanan sandera gencatan senjata perundingan sanksi ancaman tuduhan "
    "kecaman dukungan kerja sama evakuasi logistik nuklir reaktor pangkalan kapal pesawat helikopter"
).split()
N_ACTORS = 5000
EVENTS_PER_DOC = 5
START = dt.date(2023, 1, 1)
DAYS = 3 * 365


def synth(
    n_events: int, seed: int = 7
) -> tuple[
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
]:
    """Rows for documents, actors, actor_names, events and event_roles (with explicit pks)."""
    rnd = random.Random(seed)
    countries = list(COUNTRIES)
    cweights = [COUNTRIES[c][2] for c in countries]
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    actors, names = [], []
    for i in range(1, N_ACTORS + 1):
        country = rnd.choices(countries, cweights)[0]
        name = f"Aktor {i} {rnd.choice(WORDS).title()}"
        norm = "".join(ch for ch in name.casefold() if ch.isalnum())
        actors.append((i, f"n:{norm}|ORG|{country}", name, norm, "ORG", country, None, None, 1, 1, 0))
        names.append((i, norm, name))
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    docs = []
    for d in range(1, n_docs + 1):
        day = START + dt.timedelta(days=rnd.randrange(DAYS))
        text = " ".join(rnd.choices(WORDS, k=40))
        title = " ".join(rnd.choices(WORDS, k=6)).capitalize()
        docs.append(
            (
                d,
                uuid.UUID(int=rnd.getrandbits(128)).hex,
                f"synth-{d}",
                title,
                day.isoformat(),
                day,
                "Sintetis",
                None,
                "id",
                text,
                "{}",
                EVENTS_PER_DOC,
                0,
                "benchmark",
                now,
            )
        )
    events, roles = [], []
    role_pk = 0
    actor_events = [0] * (N_ACTORS + 1)
    for e in range(1, n_events + 1):
        doc = docs[(e - 1) // EVENTS_PER_DOC]
        day = doc[5] - dt.timedelta(days=rnd.randrange(3))
        country = rnd.choices(countries, cweights)[0]
        lat0, lon0, _ = COUNTRIES[country]
        lat = round(lat0 + rnd.uniform(-4, 4), 4)
        lon = round(lon0 + rnd.uniform(-6, 6), 4)
        type_ = rnd.choice(TYPES)
        dead = rnd.randrange(20) if type_ == "ASSAULT" and rnd.random() < 0.4 else None
        events.append(
            (
                e,
                doc[0],
                f"ev{e:08x}",
                type_,
                None,
                day,
                day,
                day,
                None,
                "day",
                "Tempat",
                f"Tempat {e % 997}",
                country,
                None,
                lat,
                lon,
                "city",
                dead,
                dead,
                None,
                None,
                None,
                None,
                0,
                5,
                "serang",
                0,
                40,
                "Kalimat bukti sintetis.",
                False,
                0.7,
            )
        )
        # a long tail: a few actors take part in many events, most in few
        for position, role in enumerate(("actor", "target")[: 1 + (rnd.random() < 0.7)]):
            apk = min(N_ACTORS, int(rnd.paretovariate(0.6)))
            actor_events[apk] += 1
            role_pk += 1
            a = actors[apk - 1]
            roles.append(
                (
                    role_pk,
                    e,
                    role,
                    position,
                    f"e{apk}",
                    apk,
                    "ORG",
                    None,
                    a[2],
                    a[2],
                    a[3],
                    a[5],
                    None,
                    None,
                    False,
                )
            )
    actors = [(*a[:10], actor_events[a[0]]) for a in actors]
    return docs, actors, names, events, roles


DOC_COLS = (
    "pk",
    "id",
    "doc_id",
    "title",
    "published",
    "published_date",
    "source",
    "url",
    "lang",
    "text",
    "result",
    "n_events",
    "n_entities",
    "extractor",
    "ingested_at",
)
ACTOR_COLS = (
    "pk",
    "key",
    "name",
    "norm",
    "type",
    "country",
    "sector",
    "kb_id",
    "n_documents",
    "n_mentions",
    "n_events",
)
NAME_COLS = ("actor_pk", "norm", "name")
EVENT_COLS = (
    "pk",
    "document_pk",
    "event_id",
    "type",
    "mode",
    "sort_date",
    "date_start",
    "date_end",
    "date_text",
    "date_precision",
    "location_text",
    "place",
    "country",
    "admin1",
    "lat",
    "lon",
    "geo_precision",
    "fatalities_min",
    "fatalities_max",
    "fatalities_text",
    "injuries_min",
    "injuries_max",
    "injuries_text",
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "historical",
    "confidence",
)
ROLE_COLS = (
    "pk",
    "event_pk",
    "role",
    "position",
    "entity_id",
    "actor_pk",
    "entity_type",
    "sector",
    "text",
    "name",
    "norm",
    "country",
    "start",
    "end",
    "inferred",
)


def bulk_load(store: Store, n_events: int) -> float:
    """Load the synthetic rows the fastest way each database has; return the seconds it took."""
    docs, actors, names, events, roles = synth(n_events)
    tables = [
        ("documents", DOC_COLS, docs),
        ("actors", ACTOR_COLS, actors),
        ("actor_names", NAME_COLS, names),
        ("events", EVENT_COLS, events),
        ("event_roles", ROLE_COLS, roles),
    ]
    return load_tables(store, tables)


def load_tables(store: Store, tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]],
                finish: tuple[str, ...] = ()) -> float:
    """Insert ``tables`` (name, columns, rows) the fastest way each database has, run the ``finish``
    statements in the same transaction, analyse; return the seconds it took."""
    started = time.perf_counter()
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        if store.dialect == "sqlite":
            cur.execute("BEGIN")
            for table, cols, rows in tables:
                marks = ",".join("?" * len(cols))
                quoted = ",".join(f'"{c}"' for c in cols)
                for i in range(0, len(rows), 50_000):
                    cur.executemany(
                        f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                        [_sqlite_row(r) for r in rows[i : i + 50_000]],
                    )
            for statement in finish:
                cur.execute(statement)
            cur.execute("COMMIT")
            cur.execute("ANALYZE")
        else:
            for table, cols, rows in tables:
                quoted = ",".join(f'"{c}"' for c in cols)
                with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                if "pk" in cols:
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'), "
                        f"(SELECT max(pk) FROM {table}))"
                    )
            for statement in finish:
                cur.execute(statement)
            raw.commit()
            driver = raw.driver_connection
            assert driver is not None
            driver.autocommit = True  # VACUUM runs outside a transaction
            driver.execute("VACUUM ANALYZE")
            driver.autocommit = False
        cur.close()
    finally:
        raw.close()
    return time.perf_counter() - started


def _sqlite_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        v.isoformat() if isinstance(v, dt.date) else (int(v) if isinstance(v, bool) else v) for v in row
    )


def query_kinds(rnd: random.Random) -> dict[str, Callable[[], EventFilter]]:
    """Each kind draws random parameters for one query."""

    def day() -> dt.date:
        return START + dt.timedelta(days=rnd.randrange(DAYS - 30))

    def popular_actor() -> str:
        return f"Aktor {rnd.randrange(1, 4)}"

    def rare_actor() -> str:
        return f"Aktor {rnd.randrange(1000, N_ACTORS)}"

    def actor_name(pick: Callable[[], str]) -> Callable[[], EventFilter]:
        # the benchmark's names are "Aktor <n> <Word>": search by the key-like part through the key
        def make() -> EventFilter:
            return EventFilter(actor=pick())

        return make

    def place() -> tuple[float, float]:
        lat, lon, _ = COUNTRIES[rnd.choice(list(COUNTRIES))]
        return lat + rnd.uniform(-3, 3), lon + rnd.uniform(-4, 4)

    return {
        "no filter": lambda: EventFilter(),
        "type": lambda: EventFilter(types=(rnd.choice(TYPES),)),
        "country": lambda: EventFilter(country=rnd.choice(list(COUNTRIES))),
        "date range (30 days)": lambda: (lambda d: EventFilter(since=d, until=d + dt.timedelta(days=30)))(
            day()
        ),
        "country + dates": lambda: (
            lambda d: EventFilter(
                country=rnd.choice(list(COUNTRIES)), since=d, until=d + dt.timedelta(days=30)
            )
        )(day()),
        "type + country + since": lambda: EventFilter(
            types=(rnd.choice(TYPES),), country=rnd.choice(list(COUNTRIES)), since=day()
        ),
        "actor (popular)": actor_name(popular_actor),
        "actor (rare)": actor_name(rare_actor),
        "actor + type": lambda: EventFilter(actor=popular_actor(), types=("ASSAULT",)),
        "near 100 km": lambda: EventFilter(near=place(), radius_km=100),
        "text (one word)": lambda: EventFilter(text=rnd.choice(WORDS)),
        "text (two words)": lambda: EventFilter(text=" ".join(rnd.sample(WORDS, 2))),
        "text + type": lambda: EventFilter(text=rnd.choice(WORDS), types=("PROTEST",)),
    }


def _actor_names_resolve(store: Store) -> None:
    """Make 'Aktor 12' find actor 12: add that short name as an alias (what ingest does for mention texts)."""
    with store.engine.begin() as conn:
        has = conn.execute(sa.text("SELECT count(*) FROM actor_names WHERE norm = 'aktor1'")).scalar_one()
        if has:
            return
        rows = [{"a": i, "n": f"aktor{i}", "m": f"Aktor {i}"} for i in range(1, N_ACTORS + 1)]
        conn.execute(sa.text("INSERT INTO actor_names (actor_pk, norm, name) VALUES (:a, :n, :m)"), rows)


def time_queries(store: Store, *, repeats: int, seed: int = 11) -> dict[str, list[float]]:
    """Run each query kind ``repeats`` times (after one warm-up); return the latencies in ms."""
    rnd = random.Random(seed)
    kinds = query_kinds(rnd)
    out: dict[str, list[float]] = {k: [] for k in kinds}
    for kind, make in kinds.items():
        store.events(make(), limit=50)  # warm-up: statements compiled, pages cached
        for _ in range(repeats):
            flt = make()
            started = time.perf_counter()
            page = store.events(flt, limit=50)
            if kind == "type" and page.next_cursor:  # the second page through the cursor, too
                store.events(flt, limit=50, cursor=page.next_cursor)
            out[kind].append((time.perf_counter() - started) * 1000)
    return out


def time_ingest(store: Store, *, n_docs: int) -> float:
    """Store ``n_docs`` real results (the bundled sample under new ids) with ``Store.add``; return docs/s."""
    from peristiwa.cli import sample_path
    from peristiwa.pipeline import extract
    from peristiwa.settings import Settings

    sample = json.loads(sample_path().read_text(encoding="utf-8").splitlines()[0])
    base = Document(id="x", text=sample["text"], title=sample["title"], published=sample["published"])
    result = extract(base, settings=Settings(use_nlp=False)).to_dict()
    started = time.perf_counter()
    for _ in range(n_docs):
        doc = Document(
            id=f"ingest-{uuid.uuid4().hex}", text=base.text, title=base.title, published=base.published
        )
        store.add(doc, {**result, "doc_id": doc.id})
    return n_docs / (time.perf_counter() - started)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(
    name: str, n_events: int, load_s: float | None, latencies: dict[str, list[float]], docs_per_s: float
) -> bool:
    print(f"\n== {name}: {n_events:,} events")
    if load_s is not None:
        print(f"bulk load: {load_s:.1f} s ({n_events / load_s:,.0f} events/s with their roles and documents)")
    print(
        f"ingest through Store.add (one transaction per document, ~9 events each): {docs_per_s:,.0f} docs/s"
    )
    print(f"{'query (50 per page)':<26} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    ok = True
    for kind, values in latencies.items():
        p95 = pct(values, 0.95)
        ok = ok and (kind == "no filter" or p95 < 100)
        print(
            f"{kind:<26} {statistics.median(values):>8.1f} {p95:>8.1f} {max(values):>8.1f}"
            + ("" if p95 < 100 else "  over target")
        )
    every = [v for k, vs in latencies.items() if k != "no filter" for v in vs]
    print(
        f"{'all filtered queries':<26} {statistics.median(every):>8.1f} {pct(every, 0.95):>8.1f} "
        f"{max(every):>8.1f}"
    )
    return ok


def run_one(name: str, url: str, *, n_events: int, repeats: int, reuse: bool) -> bool:
    store = Store.open(url)
    try:
        have = store.stats()["events"] if reuse else 0
        load_s = None
        if have == 0:
            print(f"{name}: loading {n_events:,} synthetic events …", flush=True)
            load_s = bulk_load(store, n_events)
        else:
            n_events = have
        _actor_names_resolve(store)
        latencies = time_queries(store, repeats=repeats)
        docs_per_s = time_ingest(store, n_docs=200)
        return report(name, n_events, load_s, latencies, docs_per_s)
    finally:
        store.close()


def _pg_schema(base: str, name: str | None) -> Iterator[str]:
    """Yield a URL using a schema of its own: a fresh one (dropped after), or ``name`` (kept)."""
    schema = name or "bench_" + uuid.uuid4().hex[:8]
    engine = sa.create_engine(normalise_url(base))
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        if name is None:
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=40, help="Queries per kind.")
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary file, removed after).")
    ap.add_argument(
        "--reuse", action="store_true", help="Query the events already in --db instead of loading."
    )
    ap.add_argument(
        "--no-pg", action="store_true", help="Skip PostgreSQL even if $PERISTIWA_TEST_PG_URL is set."
    )
    ap.add_argument("--pg-only", action="store_true", help="Skip SQLite.")
    ap.add_argument(
        "--pg-schema",
        default=None,
        help="Use (and keep) this PostgreSQL schema; with --reuse, query the events in it.",
    )
    args = ap.parse_args()
    ok = True
    if args.pg_only:
        pass
    elif args.db:
        ok = run_one("SQLite", args.db, n_events=args.events, repeats=args.repeats, reuse=args.reuse)
    else:
        with tempfile.TemporaryDirectory(prefix="peristiwa-bench-") as tmp:
            ok = run_one(
                "SQLite",
                os.path.join(tmp, "bench.db"),
                n_events=args.events,
                repeats=args.repeats,
                reuse=False,
            )
    pg = os.environ.get("PERISTIWA_TEST_PG_URL")
    if pg and not args.no_pg:
        for url in _pg_schema(pg, args.pg_schema):
            ok = (
                run_one(
                    "PostgreSQL",
                    url,
                    n_events=args.events,
                    repeats=args.repeats,
                    reuse=args.reuse and args.pg_schema is not None,
                )
                and ok
            )
    print("\ntarget p95 < 100 ms for every filtered query kind:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
