"""Plan the shards of a batch run and read the documents of one shard.

An input is a contract JSONL file (``.jsonl`` or ``.jsonl.gz``) or a Parquet file with the
columns ``id``, ``text`` and optionally ``published``, ``title``, ``url``, ``source``,
``lang``; a glob or a directory stands for the input files it holds.  Each input file is one
shard, or, with ``shard_size``, one shard per ``shard_size`` documents (JSONL: non-blank
lines, found by one pass over the file; Parquet: rows).  A shard's name is stable across
runs (the input's stem, a hash of its absolute path, the shard's number), so a rerun finds
the shards it finished before.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import hashlib
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from peristiwa.ingest import iso_published
from peristiwa.ingest.checks import finish
from peristiwa.ingest.jsonl import parse_line
from peristiwa.types import Document, DocumentError

INPUT_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz", ".parquet")
PARQUET_COLUMNS: tuple[str, ...] = ("id", "text", "published", "title", "url", "source", "lang")
_REQUIRED_COLUMNS = ("id", "text")
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_BOM = b"\xef\xbb\xbf"
# JSON escapes can take six bytes per character, as in the JSONL reader.
_ESCAPE_FACTOR = 6


class BatchError(Exception):
    """A batch run cannot start or a shard cannot be read: the message says what to fix."""


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """One unit of work: a range of one input file, written to one output shard.

    ``start``/``stop`` are byte offsets (of the decompressed stream for ``.gz``) for JSONL,
    row numbers for Parquet; ``stop`` None runs to the end.  ``first_line`` is the 1-based
    line number at ``start`` (JSONL), used in error messages.  ``fingerprint`` (size and
    modification time) tells a rerun that the input changed.
    """

    name: str
    path: str
    kind: str
    start: int = 0
    stop: int | None = None
    first_line: int = 1
    fingerprint: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def input_kind(path: Path) -> str | None:
    """Return ``"jsonl"`` or ``"parquet"`` for a known input file name, else None."""
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """Return the input files named by paths, globs and directories, in order, each once.

    A glob's matches and a directory's files (recursive, hidden entries skipped) come sorted;
    only names ending in one of :data:`INPUT_SUFFIXES` are kept from them.
    """
    found: list[Path] = []
    for given in inputs:
        source = os.fspath(given)
        if _GLOB_CHARS.search(source) and not Path(source).exists():
            matches = [Path(m) for m in sorted(glob.glob(source, recursive=True))]
            files = [m for m in matches if m.is_file() and input_kind(m)]
            if not files:
                raise BatchError(f"{source}: the pattern matches no {'/'.join(INPUT_SUFFIXES)} file")
            found.extend(files)
        elif Path(source).is_dir():
            files = sorted(p for p in Path(source).rglob("*")
                           if p.is_file() and input_kind(p)
                           and not any(part.startswith(".") for part in p.relative_to(source).parts))
            if not files:
                raise BatchError(f"{source}: the directory holds no {'/'.join(INPUT_SUFFIXES)} file")
            found.extend(files)
        elif Path(source).is_file():
            if input_kind(Path(source)) is None:
                raise BatchError(f"{source}: unsupported input; expected {', '.join(INPUT_SUFFIXES)}")
            found.append(Path(source))
        else:
            raise BatchError(f"{source}: no such file, directory or matching pattern")
    seen: set[Path] = set()
    out = []
    for path in found:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            out.append(resolved)
    return out


def fingerprint(path: Path) -> str:
    """Return the input's size and modification time: a changed file gets a new fingerprint."""
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def _shard_base(path: Path) -> str:
    stem = path.name
    for suffix in INPUT_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', stem)[:60] or 'input'}-{digest}"


def plan_shards(inputs: Sequence[str], *, shard_size: int | None = None) -> list[ShardSpec]:
    """Return the shards of ``inputs`` in input order (see the module docstring)."""
    if shard_size is not None and shard_size < 1:
        raise BatchError(f"shard size must be 1 or more, not {shard_size}")
    shards: list[ShardSpec] = []
    for path in expand_inputs(inputs):
        kind = input_kind(path)
        assert kind is not None  # expand_inputs keeps known kinds only
        base = _shard_base(path)
        stamp = fingerprint(path)
        if shard_size is None:
            shards.append(ShardSpec(base, str(path), kind, fingerprint=stamp))
            continue
        ranges = (_jsonl_ranges(path, shard_size) if kind == "jsonl"
                  else _parquet_ranges(path, shard_size))
        for k, (start, stop, line) in enumerate(ranges):
            shards.append(ShardSpec(f"{base}-{k:05d}", str(path), kind, start, stop, line, stamp))
    return shards


_PIECE = 1 << 20  # bytes read at a time when a file is only scanned for line starts


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _jsonl_ranges(path: Path, size: int) -> list[tuple[int, int | None, int]]:
    """Split a JSONL file into ranges of ``size`` non-blank lines: (start, stop, first line)."""
    starts: list[tuple[int, int]] = []
    pos = 0
    docs = 0
    try:
        with _open_binary(path) as f:
            lineno = 0
            while piece := f.readline(_PIECE):  # in pieces: a runaway line (a gzip bomb) is never held whole
                line_start = pos
                blank = not piece.strip()
                pos += len(piece)
                while not piece.endswith(b"\n") and (piece := f.readline(_PIECE)):
                    blank = blank and not piece.strip()
                    pos += len(piece)
                lineno += 1
                if not blank:
                    if docs % size == 0:
                        starts.append((line_start, lineno))
                    docs += 1
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise BatchError(f"{path}: cannot read it to split it into shards: {exc}") from exc
    if not starts:
        return [(0, None, 1)]  # an empty file is one (empty) shard
    return [(start, starts[i + 1][0] if i + 1 < len(starts) else None, line)
            for i, (start, line) in enumerate(starts)]


def _parquet_ranges(path: Path, size: int) -> list[tuple[int, int | None, int]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        n = pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{path}: not a readable Parquet file: {exc}") from exc
    if n == 0:
        return [(0, None, 1)]
    return [(start, min(start + size, n), 1) for start in range(0, n, size)]


def read_shard(spec: ShardSpec, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    """Yield the documents of one shard in order; a bad document comes as ``DocumentError``.

    Raises :class:`BatchError` when the shard itself cannot be read (missing file, not
    Parquet, no ``id``/``text`` column).
    """
    if spec.kind == "parquet":
        yield from _read_parquet(spec, max_bytes=max_bytes)
    else:
        yield from _read_jsonl(spec, max_bytes=max_bytes)


def _read_jsonl(spec: ShardSpec, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    limit = max_bytes * _ESCAPE_FACTOR + 4096
    path = Path(spec.path)
    try:
        f = _open_binary(path)
    except OSError as exc:
        raise BatchError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    with f:
        try:
            f.seek(spec.start)
            pos = spec.start
            lineno = spec.first_line - 1
            packed, blank = path.name.lower().endswith(".gz"), 0
            while spec.stop is None or pos < spec.stop:
                line = f.readline(limit + 1)
                if not line:
                    return
                lineno += 1
                pos += len(line)
                where = f"{spec.path}:{lineno}"
                if len(line) > limit and not line.endswith(b"\n"):
                    if packed:  # skipping it could mean inflating without end
                        yield DocumentError(where, f"line over {limit} bytes decompressed; the rest of the "
                                            "compressed file is not read")
                        return
                    while True:  # skip the rest of a runaway line without holding it
                        rest = f.readline(limit + 1)
                        pos += len(rest)
                        if not rest or rest.endswith(b"\n"):
                            break
                    yield DocumentError(where, f"line too large (over {limit} bytes)")
                    continue
                if pos == len(line) and line.startswith(_BOM):
                    line = line[len(_BOM):]
                if not line.strip():
                    blank += len(line)
                    if packed and blank > max_bytes:  # a bomb of blank lines: inflating it would never end
                        yield DocumentError(where, f"over {max_bytes} bytes of blank lines decompressed; "
                                            "the rest of the compressed file is not read")
                        return
                    continue
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield DocumentError(where, f"not UTF-8 (byte {exc.start + 1})")
                    continue
                yield parse_line(text, where=where, max_bytes=max_bytes)
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise BatchError(f"{path}: cannot read it: {exc}") from exc


def _parquet_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _read_parquet(spec: ShardSpec, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(spec.path)
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{spec.path}: not a readable Parquet file: {exc}") from exc
    names = set(pf.schema_arrow.names)
    missing = [c for c in _REQUIRED_COLUMNS if c not in names]
    if missing:
        raise BatchError(f"{spec.path}: the Parquet file has no column {', '.join(missing)} "
                         f"(expected {', '.join(PARQUET_COLUMNS)})")
    columns = [c for c in PARQUET_COLUMNS if c in names]
    stop = pf.metadata.num_rows if spec.stop is None else spec.stop
    row = 0
    try:
        for group in range(pf.metadata.num_row_groups):
            n = pf.metadata.row_group(group).num_rows
            if row + n <= spec.start:
                row += n
                continue
            if row >= stop:
                return
            table = pf.read_row_group(group, columns=columns)
            lo = max(spec.start - row, 0)
            hi = min(stop - row, n)
            for i, record in enumerate(table.slice(lo, hi - lo).to_pylist(), start=row + lo):
                yield _parquet_document(record, where=f"{spec.path}#row{i}", max_bytes=max_bytes)
            row += n
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{spec.path}: cannot read it: {exc}") from exc


def _parquet_document(record: dict[str, Any], *, where: str, max_bytes: int) -> Document | DocumentError:
    raw_id = record.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        return DocumentError(where, "'id' is required and must be a non-empty string")
    text = record.get("text")
    if not isinstance(text, str):
        return DocumentError(raw_id, f"'text' must be a string, got {type(text).__name__} ({where})")
    fields: dict[str, str | None] = {}
    for key in ("title", "url", "source", "lang"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return DocumentError(raw_id, f"'{key}' must be a string or null, got {type(value).__name__} ({where})")
        fields[key] = value
    doc = Document(id=raw_id, text=text, published=iso_published(_parquet_value(record.get("published"))),
                   **fields)
    return finish(doc, max_bytes=max_bytes, where=where)
