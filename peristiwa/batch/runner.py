"""``run_batch``: extract sharded inputs on Dask, one output shard per input shard.

The driver plans the shards, skips those a previous run finished (their ``_done`` marker
matches the input, the format and the settings), submits the rest to the cluster (a
LocalCluster of single-threaded worker processes, or an existing scheduler), and when they
are done rebuilds ``errors.jsonl`` and ``_manifest.json`` in shard order.  With a store, it
loads each shard's results in shard order as soon as the shards before it are finished, and
at the end recomputes the store's incidents (``Store.rebuild_incidents``).

Everything written depends only on the inputs, the format and the settings, never on the
number of workers or the order in which they finish: the same input gives byte-identical
output.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peristiwa.batch.results import ERRORS, MANIFEST, read_result_file
from peristiwa.batch.shards import BatchError, ShardSpec, plan_shards, read_shard
from peristiwa.batch.tasks import (
    DONE_DIR,
    OUTPUT_FORMATS,
    ShardResult,
    atomic_file,
    output_path,
    read_marker,
    run_shard,
    settings_dict,
)
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.types import DocumentError

# Bytes per character allowed when reading a document, as the ``extract`` command does.
_BYTES_PER_CHAR = 4
# The scheduler always serves HTTP (health, dashboard): on this machine only, on a free port.
LOCAL_HTTP = "127.0.0.1:0"


@dataclass(slots=True)
class BatchReport:
    """What a batch run did.  Counts of documents, results and events are for the shards run now."""

    shards: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    results: int = 0
    events: int = 0
    errors: int = 0
    stored: int = 0
    store_skipped: int = 0
    store_failed: int = 0
    incidents: int | None = None  # incidents in the store after the run (None: not rebuilt)
    alerts: int = 0  # new alerts the stored documents raised (``peristiwa.corpus.alerts``)
    workers: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    shard_results: list[ShardResult] = field(default_factory=list)


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def dask_client(*, scheduler: str | None = None, workers: int | None = None,
                processes: bool = True) -> Iterator[Any]:
    """Connect to ``scheduler``, or start a LocalCluster of ``workers`` single-threaded workers."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    n = workers or default_workers()
    try:
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                               dashboard_address=LOCAL_HTTP)
    except RuntimeError as exc:  # a worker process died while the cluster started
        raise BatchError(f"cannot start the local Dask cluster ({exc}); run the same command again") from exc
    with cluster, Client(cluster) as client:
        yield client


def run_batch(inputs: Sequence[str], out: str | os.PathLike[str], *, fmt: str = "jsonl",
              shard_size: int | None = None, workers: int | None = None, scheduler: str | None = None,
              client: Any = None, processes: bool = True, settings: Settings = DEFAULT_SETTINGS,
              db: str | None = None, on_shard: Callable[[ShardResult], None] | None = None) -> BatchReport:
    """Extract ``inputs`` (sharded JSONL or Parquet: paths, globs, directories) into ``out``.

    ``client`` (a ``distributed.Client``) is used as given; else ``scheduler`` (an address
    such as ``tcp://host:8786``) is connected to; else a LocalCluster of ``workers`` processes
    (``processes=False``: threads of this process) runs for the call.  ``db`` loads the
    results into the store at that path or URL.  ``on_shard`` is called on the driver as each
    shard finishes.  Raises :class:`BatchError` when the run cannot start.
    """
    if fmt not in OUTPUT_FORMATS:
        raise BatchError(f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    started = time.perf_counter()
    out_dir = Path(out)
    shards = plan_shards(inputs, shard_size=shard_size)
    if not shards:
        raise BatchError("no input shards")
    names = [s.name for s in shards]
    if len(set(names)) != len(names):
        raise BatchError("two inputs map to the same shard name; give each input once")
    try:
        (out_dir / DONE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{out_dir}: cannot create the output directory: {exc}") from exc
    _remove_stale_tmp(out_dir)
    report = BatchReport(shards=len(shards))
    max_bytes = settings.max_chars * _BYTES_PER_CHAR
    markers = {s.name: read_marker(out_dir, s, fmt=fmt, settings=settings) for s in shards}
    todo = [s for s in shards if markers[s.name] is None]
    report.skipped = len(shards) - len(todo)
    failures: dict[str, str] = {}
    loader = _StoreLoader(db, shards, out_dir, fmt=fmt, settings=settings, report=report) if db else None
    try:
        if loader is not None:
            loader.advance(markers)
        if todo:
            with _client_for(client, scheduler=scheduler, workers=workers or min(default_workers(), len(todo)),
                             processes=processes) as dask:
                report.workers = len(dask.scheduler_info().get("workers", {}))
                _run_shards(dask, todo, out_dir, fmt=fmt, settings=settings, max_bytes=max_bytes, report=report,
                            markers=markers, failures=failures, loader=loader, on_shard=on_shard)
        if loader is not None:
            report.incidents = loader.rebuild_incidents()
            report.alerts = loader.raise_alerts()
    finally:
        if loader is not None:
            loader.close()
    _remove_stale_tmp(out_dir)  # a worker killed mid-shard leaves its temporary file; its shard was redone
    _write_errors(out_dir, shards, markers, failures, store_errors=loader.errors if loader else [])
    _write_manifest(out_dir, shards, markers, failures, fmt=fmt, settings=settings)
    report.failed = len(failures)
    report.failures = [f"{name}: {message}" for name, message in failures.items()]
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _client_for(client: Any, *, scheduler: str | None, workers: int, processes: bool) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    with dask_client(scheduler=scheduler, workers=workers, processes=processes) as made:
        yield made


def _run_shards(dask: Any, todo: list[ShardSpec], out_dir: Path, *, fmt: str, settings: Settings, max_bytes: int,
                report: BatchReport, markers: dict[str, dict[str, Any] | None], failures: dict[str, str],
                loader: _StoreLoader | None, on_shard: Callable[[ShardResult], None] | None) -> None:
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]  # task keys unique per run: a reused client must not return old results
    futures = {dask.submit(run_shard, spec, str(out_dir), fmt, settings, max_bytes,
                           key=f"peristiwa-shard-{spec.name}-{token}", pure=False): spec for spec in todo}
    for future in as_completed(list(futures)):
        spec = futures[future]
        try:
            result: ShardResult = future.result()
        except Exception as exc:  # any error raised on a worker, or a lost worker: the shard failed
            result = ShardResult(name=spec.name, status="failed", message=f"{type(exc).__name__}: {exc}")
        finally:
            future.release()
        report.shard_results.append(result)
        report.documents += result.documents
        report.results += result.results
        report.events += result.events
        report.errors += len(result.errors)
        if result.status == "done":
            report.done += 1
            markers[spec.name] = read_marker(out_dir, spec, fmt=fmt, settings=settings)
            if markers[spec.name] is None:
                failures[spec.name] = "the worker reported success but its output is not in the output directory"
        else:
            failures[spec.name] = result.message or "failed"
        if loader is not None:
            loader.advance(markers, failed=failures)
        if on_shard is not None:
            on_shard(result)


def _remove_stale_tmp(out_dir: Path) -> None:
    """Remove temporary files left by an interrupted run or a killed worker (no task is writing then)."""
    for folder in (out_dir, out_dir / DONE_DIR):
        for tmp in folder.glob(".*.tmp-*"):
            tmp.unlink(missing_ok=True)


def _write_errors(out_dir: Path, shards: list[ShardSpec], markers: dict[str, dict[str, Any] | None],
                  failures: dict[str, str], *, store_errors: list[dict[str, Any]]) -> None:
    with atomic_file(out_dir / ERRORS) as f:
        for spec in shards:
            marker = markers.get(spec.name)
            if marker is not None:
                for err in marker.get("errors", []):
                    f.write(json.dumps(err, ensure_ascii=False, sort_keys=True) + "\n")
            elif spec.name in failures:
                record = {"doc_id": None, "shard": spec.name, "input": spec.path,
                          "message": f"shard failed: {failures[spec.name]}", "ordinal": None}
                f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        for record in store_errors:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def _write_manifest(out_dir: Path, shards: list[ShardSpec], markers: dict[str, dict[str, Any] | None],
                    failures: dict[str, str], *, fmt: str, settings: Settings) -> None:
    rows = []
    for spec in shards:
        marker = markers.get(spec.name)
        row: dict[str, Any] = {"name": spec.name, "input": spec.path, "start": spec.start, "stop": spec.stop,
                               "output": output_path(out_dir, spec.name, fmt).name,
                               "status": "done" if marker is not None else "failed"}
        if marker is not None:
            row.update(documents=marker["documents"], results=marker["results"], events=marker["events"],
                       errors=len(marker["errors"]))
        else:
            row["message"] = failures.get(spec.name, "not run")
        rows.append(row)
    manifest = {"format": fmt, "settings": settings_dict(settings), "shards": rows}
    with atomic_file(out_dir / MANIFEST) as f:
        f.write(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


class _StoreLoader:
    """Load finished shards into the store in shard order, on the driver (one writer)."""

    def __init__(self, db: str, shards: list[ShardSpec], out_dir: Path, *, fmt: str, settings: Settings,
                 report: BatchReport) -> None:
        from peristiwa import __version__
        from peristiwa.store import Store, StoreError

        try:
            self.store = Store.open(db)
        except StoreError as exc:
            raise BatchError(str(exc)) from exc
        self.shards = shards
        self.out_dir = out_dir
        self.fmt = fmt
        self.max_bytes = settings.max_chars * _BYTES_PER_CHAR
        self.extractor = f"peristiwa {__version__}{settings.label()}"
        self.report = report
        self.next = 0
        self.errors: list[dict[str, Any]] = []
        self.stored_ids: list[str] = []

    def advance(self, markers: dict[str, dict[str, Any] | None], *, failed: dict[str, str] | None = None) -> None:
        """Load every shard not loaded yet whose predecessors are all finished (done or failed)."""
        failed = failed or {}
        while self.next < len(self.shards):
            spec = self.shards[self.next]
            marker = markers.get(spec.name)
            if marker is None and spec.name not in failed:
                return
            if marker is not None:
                self._load(spec, marker)
            self.next += 1

    def _load(self, spec: ShardSpec, marker: dict[str, Any]) -> None:
        from peristiwa.store import StoreError, document_hash

        skip = {e["ordinal"] for e in marker.get("errors", []) if e.get("ordinal") is not None}
        results = read_result_file(output_path(self.out_dir, spec.name, self.fmt))
        for ordinal, doc in enumerate(read_shard(spec, max_bytes=self.max_bytes)):
            if ordinal in skip or isinstance(doc, DocumentError):
                continue
            result = next(results, None)
            if result is None or result.get("doc_id") != doc.id:
                raise BatchError(f"{spec.name}: its output does not match its input; remove "
                                 f"{DONE_DIR}/{spec.name}.json and run again")
            try:
                if self.store.has(document_hash(doc)):
                    self.report.store_skipped += 1
                elif self.store.add(doc, result, extractor=self.extractor):
                    self.report.stored += 1
                    self.stored_ids.append(document_hash(doc))
                else:
                    self.report.store_skipped += 1
            except StoreError as exc:
                self.report.store_failed += 1
                self.errors.append({"doc_id": doc.id, "shard": spec.name, "input": spec.path,
                                    "message": f"not stored: {exc}", "ordinal": ordinal, "stage": "store"})

    def rebuild_incidents(self) -> int | None:
        """Recompute the store's incidents when documents changed since they were built (even by a killed run)."""
        if self.store.incidents_stale():
            return int(self.store.rebuild_incidents())
        return None

    def raise_alerts(self) -> int:
        """Raise the alerts of the documents this run stored (see ``peristiwa.corpus.alerts.raise_alerts``)."""
        from peristiwa.corpus.alerts import raise_alerts

        return len(raise_alerts(self.store, self.stored_ids))

    def close(self) -> None:
        self.store.close()
