"""API load test: a fixed number of requests against `peristiwa serve` on loopback, then it stops.

    python benchmarks/load_api.py                         # 100,000 events, 5,000 requests, 4 clients
    python benchmarks/load_api.py --db /tmp/load.db       # keep (and reuse) the store
    python benchmarks/load_api.py --events 1000 --requests 200   # a quick run

The store is the synthetic one of ``store_query.py`` (bulk-loaded, built once and reused with
``--db``).  `peristiwa serve` runs as a subprocess on a free port of 127.0.0.1; a few client
threads (one ``httpx.Client`` each, keep-alive) share a list of requests drawn with a fixed
seed over the read endpoints and their filters (events by type, country, dates, actor, place,
words, paging; counts; actors; documents; incidents; graph; stats).  Prints requests/s,
p50/p95/p99 latency and the errors (any non-2xx answer or failed request); exits 1 on errors.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_query import COUNTRIES, DAYS, N_ACTORS, START, TYPES, WORDS, _actor_names_resolve, bulk_load

from peristiwa.store import Store


def build_store(db: str, n_events: int) -> int:
    """Bulk-load ``n_events`` synthetic events into ``db`` unless it holds some already; return how many."""
    with Store.open(db) as store:
        have = int(store.stats()["events"])
        if have == 0:
            bulk_load(store, n_events)
            have = int(store.stats()["events"])
        _actor_names_resolve(store)
        return have


def request_plan(n: int, *, seed: int = 7) -> list[str]:
    """Return ``n`` request paths (with query strings) over the read endpoints, drawn with ``seed``."""
    import datetime as dt

    rnd = random.Random(seed)

    def day() -> str:
        return (START + dt.timedelta(days=rnd.randrange(DAYS - 30))).isoformat()

    def actor() -> str:
        return f"Aktor {rnd.randrange(1, N_ACTORS)}"

    kinds = [
        (10, lambda: "/api/events"),
        (10, lambda: f"/api/events?type={rnd.choice(TYPES)}"),
        (10, lambda: f"/api/events?country={rnd.choice(list(COUNTRIES))}"),
        (8, lambda: (lambda d: f"/api/events?since={d}&until={d}")(day())),
        (8, lambda: f"/api/events?country={rnd.choice(list(COUNTRIES))}&since={day()}&limit=20"),
        (8, lambda: f"/api/events?actor={actor()}"),
        (5, lambda: f"/api/events?near={rnd.choice(['Jakarta', 'Surabaya', 'Teheran', 'Gaza'])}&radius_km=100"),
        (6, lambda: f"/api/events?text={rnd.choice(WORDS)}"),
        (5, lambda: f"/api/events?offset={rnd.randrange(0, 2000)}&limit=50"),
        (5, lambda: f"/api/events/count?type={rnd.choice(TYPES)}&at_most=10000"),
        (5, lambda: f"/api/actors?q=aktor {rnd.randrange(1, 500)}"),
        (4, lambda: "/api/actors?limit=100"),
        (4, lambda: f"/api/documents?limit=20&offset={rnd.randrange(0, 1000)}"),
        (3, lambda: "/api/incidents"),
        (3, lambda: f"/api/graph?type=ASSAULT&country={rnd.choice(list(COUNTRIES))}&max_events=500"),
        (3, lambda: "/api/stats"),
        (3, lambda: "/api/health"),
    ]
    weights = [w for w, _ in kinds]
    return [rnd.choices(kinds, weights)[0][1]() for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    """Start `peristiwa serve` on 127.0.0.1:``port`` and wait until it answers."""
    env = {k: v for k, v in os.environ.items() if k != "PERISTIWA_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "peristiwa.cli", "serve", "--db", db, "--port", str(port), "--no-nlp"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"peristiwa serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("peristiwa serve did not start within 60 s")


def fire(base: str, paths: list[str], *, clients: int) -> dict[str, Any]:
    """Send every path once, over ``clients`` threads; return the timings and the errors."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    queue = iter(paths)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                started = time.perf_counter()
                try:
                    res = http.get(path)
                    ok, what = res.is_success, f"{res.status_code} {path.split('?')[0]}"
                except httpx.HTTPError as exc:
                    ok, what = False, f"{type(exc).__name__} {path.split('?')[0]}"
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    if not ok:
                        errors[what] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)

    def pct(q: float) -> float:
        return ms[min(len(ms) - 1, int(q * len(ms)))]

    return {
        "requests": len(ms),
        "seconds": elapsed,
        "rps": len(ms) / elapsed if elapsed else 0.0,
        "p50_ms": statistics.median(ms),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": ms[-1],
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
    }


def run(db: str, *, n_events: int, n_requests: int, clients: int, seed: int = 7) -> dict[str, Any]:
    """Build or reuse the store, serve it, send the requests, stop the server; return the figures."""
    events = build_store(db, n_events)
    port = free_port()
    server = start_server(db, port)
    try:
        fire(f"http://127.0.0.1:{port}", request_plan(min(100, n_requests), seed=seed + 1), clients=clients)
        figures = fire(f"http://127.0.0.1:{port}", request_plan(n_requests, seed=seed), clients=clients)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    figures.update(events=events, clients=clients)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=5_000)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--db", default=None, help="SQLite file to build or reuse (default: a temporary one).")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        print(f"store: {db} ({args.events:,} events requested); warm-up 100 requests, then "
              f"{args.requests:,} requests over {args.clients} clients", flush=True)
        f = run(db, n_events=args.events, n_requests=args.requests, clients=args.clients, seed=args.seed)
    print(f"{f['requests']:,} requests in {f['seconds']:.1f} s: {f['rps']:.1f} requests/s; "
          f"latency p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms, "
          f"max {f['max_ms']:.1f} ms; {f['errors']} errors {f['error_kinds'] or ''}; "
          f"store of {f['events']:,} events, {f['clients']} clients")
    return 1 if f["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
