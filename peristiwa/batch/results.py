"""Read contract results back: JSONL files, the Parquet shards of a batch run, or its output directory."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from peristiwa.batch.shards import BatchError
from peristiwa.types import Result

MANIFEST = "_manifest.json"
ERRORS = "errors.jsonl"
_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")


def result_files(inputs: Sequence[str]) -> list[Path]:
    """Return the result files named by ``inputs``: files, or directories (a batch run's output).

    A batch output directory is read in the order of its manifest (the order of the inputs);
    another directory in sorted order.  ``errors.jsonl`` and names starting with ``_`` or
    ``.`` are not results.
    """
    files: list[Path] = []
    for given in inputs:
        path = Path(os.fspath(given))
        if path.is_dir():
            files.extend(_directory_files(path))
        elif path.is_file():
            files.append(path)
        else:
            raise BatchError(f"{path}: no such file or directory")
    return files


def _directory_files(root: Path) -> list[Path]:
    manifest = root / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return [root / s["output"] for s in data["shards"] if s.get("status") == "done"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BatchError(f"{manifest}: unreadable manifest ({exc}); remove it to read the directory") from exc
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.name.lower().endswith(_SUFFIXES) and p.name != ERRORS
                  and not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts))


def read_results(inputs: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Yield every contract result (a dict) in ``inputs``, in order.

    Raises :class:`BatchError` naming the file and line of anything that is not a result.
    """
    for path in result_files(inputs):
        yield from read_result_file(path)


def read_contract_results(inputs: Sequence[str]) -> Iterator[Result]:
    """Yield every result in ``inputs`` as a typed :class:`Result`, in order.

    Raises :class:`BatchError` naming the file and line (or Parquet row) of anything that is not a
    contract result, including an object whose events or entities lack what the contract requires.
    """
    for path in result_files(inputs):
        for where, record in _records(path):
            try:
                yield Result.from_dict(record)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise BatchError(f"{where}: not a contract result ({type(exc).__name__}: {exc})") from exc


def read_result_file(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the results of one ``.jsonl``/``.jsonl.gz`` file or batch Parquet shard."""
    for _where, record in _records(path):
        yield record


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each result of one file, with where it is (``FILE:LINE`` or ``FILE#rowN``)."""
    if path.name.lower().endswith(".parquet"):
        yield from _read_parquet(path)
        return
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for lineno, line in enumerate(f, start=1):
                if line.strip():
                    where = f"{path}:{lineno}"
                    yield where, _check(_loads(line, where), where)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise BatchError(f"{path}: cannot read it: {exc}") from exc


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BatchError(f"{where}: malformed JSON: {exc.msg}") from exc


def _check(record: Any, where: str) -> dict[str, Any]:
    if not isinstance(record, dict) or "doc_id" not in record or not isinstance(record.get("events", []), list):
        raise BatchError(f"{where}: not a contract result (a JSON object with doc_id and events)")
    return record


def _read_parquet(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        if "result" not in pf.schema_arrow.names:
            raise BatchError(f"{path}: no 'result' column; is it a `peristiwa batch` Parquet shard?")
        row = 0
        for batch in pf.iter_batches(columns=["result"], batch_size=512):
            for text in batch.column(0).to_pylist():
                where = f"{path}#row{row}"
                yield where, _check(_loads(text, where), where)
                row += 1
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{path}: cannot read it: {exc}") from exc
