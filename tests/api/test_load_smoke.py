"""The load test script runs end to end: a 1k-event store, `peristiwa serve` on loopback, 200 requests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from store_seed import REPO


def test_load_script_serves_200_requests_without_errors(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("load_api", REPO / "benchmarks" / "load_api.py")
    assert spec is not None and spec.loader is not None
    load_api = importlib.util.module_from_spec(spec)
    sys.modules["load_api"] = load_api
    spec.loader.exec_module(load_api)
    figures = load_api.run(str(tmp_path / "load.db"), n_events=1000, n_requests=200, clients=3)
    assert figures["requests"] == 200 and figures["events"] == 1000
    assert figures["errors"] == 0, figures["error_kinds"]
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
