"""The work a Dask worker does: extract one shard and write its output atomically.

This module is imported by the workers.  The pipeline (NLP model, gazetteer, knowledge base)
loads once per worker process: :func:`prepare` is cached, and ``load_nlp`` keeps one model
per process.  A shard's output and its ``_done`` marker are written to a temporary file
and renamed, so a shard is either complete or absent, never half-written.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from peristiwa.batch.shards import BatchError, ShardSpec, read_shard
from peristiwa.settings import Settings
from peristiwa.types import Document, DocumentError, Result

OUTPUT_FORMATS: tuple[str, ...] = ("jsonl", "parquet")
DONE_DIR = "_done"
PARQUET_ROW_GROUP = 1000
_WARM_TEXT = "Polisi menangkap dua orang di Jakarta, Senin (2/6/2025)."


@dataclass(slots=True)
class ShardResult:
    """What one shard task did; ``status`` is ``"done"`` or ``"failed"`` (then ``message`` says why)."""

    name: str
    status: str
    documents: int = 0
    results: int = 0
    events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    seconds: float = 0.0
    pid: int = 0
    peak_rss_mb: float = 0.0


def output_path(out_dir: Path, name: str, fmt: str) -> Path:
    """Return the path of the output shard ``name``."""
    return out_dir / f"{name}.{fmt}"


def marker_path(out_dir: Path, name: str) -> Path:
    """Return the path of the ``_done`` marker of shard ``name``."""
    return out_dir / DONE_DIR / f"{name}.json"


def settings_dict(settings: Settings) -> dict[str, Any]:
    """Return the settings as the plain dict kept in markers and the manifest."""
    return dataclasses.asdict(settings)


def read_marker(out_dir: Path, spec: ShardSpec, *, fmt: str, settings: Settings) -> dict[str, Any] | None:
    """Return the shard's ``_done`` marker when it matches this run and its output exists, else None.

    A marker of another input version (size, modification time), range, format or settings
    does not count: the shard is run again.
    """
    path = marker_path(out_dir, spec.name)
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(marker, dict) or marker.get("shard") != spec.to_dict() or marker.get("format") != fmt
            or marker.get("settings") != settings_dict(settings)):
        return None
    if not output_path(out_dir, spec.name, fmt).exists():
        return None
    return marker


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write ``path`` through a temporary file in the same directory, renamed when complete."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with (open(tmp, mode) if "b" in mode else open(tmp, mode, encoding="utf-8", newline="\n")) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@lru_cache(maxsize=4)
def prepare(settings: Settings) -> float:
    """Load the pipeline's models and tables in this process, once; return the seconds it took."""
    from peristiwa.pipeline import extract

    started = time.perf_counter()
    extract(Document(id="warm-up", text=_WARM_TEXT, published="2025-06-03"), settings=settings)
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB on Linux


def _error_record(err: DocumentError, spec: ShardSpec, ordinal: int | None) -> dict[str, Any]:
    return {"doc_id": err.doc_id, "shard": spec.name, "input": spec.path, "message": err.reason,
            "ordinal": ordinal}


def run_shard(spec: ShardSpec, out_dir: str, fmt: str, settings: Settings, max_bytes: int) -> ShardResult:
    """Extract every document of ``spec`` and write its output shard and ``_done`` marker.

    Documents that fail are recorded (id, shard, message, position) and skipped; a shard that
    cannot be read at all comes back with status ``"failed"`` and no marker, so a rerun
    tries it again.
    """
    from peristiwa.pipeline import pipe

    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    started = time.perf_counter()
    out = Path(out_dir)
    report = ShardResult(name=spec.name, status="done", pid=os.getpid())
    prepare(settings)

    def results() -> Iterator[Result]:
        for ordinal, item in enumerate(pipe(read_shard(spec, max_bytes=max_bytes), settings=settings)):
            report.documents += 1
            if isinstance(item, DocumentError):
                report.errors.append(_error_record(item, spec, ordinal))
                continue
            report.results += 1
            report.events += len(item.events)
            yield item

    try:
        if fmt == "jsonl":
            _write_jsonl(output_path(out, spec.name, fmt), results())
        else:
            _write_parquet(output_path(out, spec.name, fmt), results())
    except BatchError as exc:
        report.status = "failed"
        report.message = str(exc)
    else:
        marker = {"shard": spec.to_dict(), "format": fmt, "settings": settings_dict(settings),
                  "documents": report.documents, "results": report.results, "events": report.events,
                  "errors": report.errors}
        with atomic_file(marker_path(out, spec.name)) as f:
            f.write(json.dumps(marker, ensure_ascii=False, sort_keys=True) + "\n")
    report.seconds = time.perf_counter() - started
    report.peak_rss_mb = peak_rss_mb()
    return report


def _write_jsonl(path: Path, results: Iterable[Result]) -> None:
    with atomic_file(path) as f:
        for result in results:
            f.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def parquet_schema() -> Any:
    """The output shard's Parquet schema: the contract result as JSON plus flat columns."""
    import pyarrow as pa

    return pa.schema([("doc_id", pa.string()), ("n_events", pa.int32()), ("result", pa.string())])


def _write_parquet(path: Path, results: Iterable[Result]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    rows: dict[str, list[Any]] = {"doc_id": [], "n_events": [], "result": []}

    def flush(writer: Any) -> None:
        writer.write_table(pa.Table.from_pydict(rows, schema=schema))
        for column in rows.values():
            column.clear()

    with atomic_file(path, "wb") as f, pq.ParquetWriter(f, schema) as writer:
        for result in results:
            rows["doc_id"].append(result.doc_id)
            rows["n_events"].append(len(result.events))
            rows["result"].append(json.dumps(result.to_dict(), ensure_ascii=False))
            if len(rows["doc_id"]) >= PARQUET_ROW_GROUP:
                flush(writer)
        if rows["doc_id"]:
            flush(writer)
