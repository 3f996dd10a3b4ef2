"""JSONL reader: one contract input document per line, each bad line reported on its own."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from peristiwa.ingest.checks import error, finish, iso_published, replace_surrogates, too_large
from peristiwa.types import Document, DocumentError

_OPTIONAL_STR_FIELDS = ("title", "url", "source", "lang")
# The id of a line that is not valid JSON, when it can still be read: ``"id": "x"`` or ``"doc_id": 7``.
_ID_FIELD = re.compile(r'"(?:doc_)?id"\s*:\s*("(?:[^"\\\n]|\\.){1,1000}"|-?\d{1,30})')
# JSON escapes can take six bytes per character (``\\u201c``); lines are read up to this many
# times the cap so that a legal document is parsed and then measured by its text, while a
# runaway line is skipped without being held in memory.
_ESCAPE_FACTOR = 6


class LineReader(Protocol):
    """A binary or text stream: a file, ``sys.stdin``, a ``GzipFile``, a ``BytesIO``."""

    def readline(self, size: int = -1, /) -> bytes | str: ...


def parse_line(line: str, *, where: str, max_bytes: int) -> Document | DocumentError:
    """Parse one JSONL line into a document; ``where`` (``FILE:LINENO``) names it in errors.

    ``id`` (a string; an integer is accepted and written as a string) and ``text`` are
    required; ``title``, ``url``, ``source``, ``lang`` must be strings or null; ``published``
    that is not an ISO 8601 date or datetime becomes None. The error's ``doc_id`` is the
    document's id when it can be read, else ``where``. Unpaired surrogates in strings become U+FFFD.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(where, f"malformed JSON{_guess_id(line)}: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return DocumentError(where, "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        return DocumentError(where, f"expected a JSON object, got {type(record).__name__}")
    record = {key: replace_surrogates(value) if isinstance(value, str) else value for key, value in record.items()}
    doc_id = _read_id(record.get("id"))
    if doc_id is None and _is_result(record):
        # A contract result (``extract --format jsonl``) names its document in ``doc_id``: one that
        # carries the text is extracted again; without the text there is nothing to extract.
        doc_id = _read_id(record.get("doc_id"))
        if not isinstance(record.get("text"), str):
            return error(doc_id or where, RESULT_NOT_INPUT, where=where)
    if doc_id is None:
        return DocumentError(where, "'id' is required and must be a non-empty string")
    problem = _type_problem(record)
    if problem:
        return error(doc_id, problem, where=where)
    doc = Document(
        id=doc_id, text=record["text"], title=record.get("title"),
        published=iso_published(record.get("published")), url=record.get("url"),
        source=record.get("source"), lang=record.get("lang"),
    )
    return finish(doc, max_bytes=max_bytes, where=where)


RESULT_NOT_INPUT = (
    "this is a result (the output of `peristiwa extract --format jsonl`), not an input document: "
    "results do not carry the article text, so there is nothing to extract again; give the input "
    "documents instead (JSONL with 'id' and 'text' on each line, or .txt/.html files)"
)


def _guess_id(line: str) -> str:
    """Name the document of a malformed line when its id can still be read (`` of document 'x'``)."""
    match = _ID_FIELD.search(line[:2000])
    if match is None:
        return ""
    try:
        found = json.loads(match.group(1))
    except ValueError:
        return ""
    return f" in document {str(found)[:200]!r}"


def _is_result(record: dict[str, Any]) -> bool:
    """Tell a contract result (``doc_id`` and the extracted layers) from an input document."""
    return "doc_id" in record and any(key in record for key in ("events", "entities", "relations"))


def _read_id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def _type_problem(record: dict[str, Any]) -> str | None:
    if "text" not in record:
        return "'text' is required"
    if not isinstance(record["text"], str):
        return f"'text' must be a string, got {type(record['text']).__name__}"
    for key in _OPTIONAL_STR_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f"'{key}' must be a string or null, got {type(value).__name__}"
    return None


def read_jsonl_stream(stream: LineReader, *, name: str, max_bytes: int,
                      compressed: bool = False) -> Iterator[Document | DocumentError]:
    """Read JSONL from a binary or text stream; ``name`` is the file name used in errors.

    A line over the cap is skipped in bounded pieces; in a ``compressed`` stream it ends the
    reading instead, and so do blank lines past ``max_bytes`` in all: skipping them could mean
    inflating without end (a gzip bomb).
    """
    limit = max_bytes * _ESCAPE_FACTOR + 4096
    blank = 0
    for lineno, line, size in _lines(stream, limit, skip_runaway=not compressed):
        where = f"{name}:{lineno}"
        if line is None:
            if compressed:
                yield DocumentError(where, f"line over {limit} bytes decompressed; the rest of the "
                                    "compressed file is not read")
                return
            yield DocumentError(where, too_large(size, max_bytes) or "line too large")
            continue
        if isinstance(line, bytes):
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield DocumentError(where, f"not UTF-8 (byte {exc.start + 1})")
                continue
        elif lineno == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield parse_line(line, where=where, max_bytes=max_bytes)
        elif compressed:
            blank += size
            if blank > max_bytes:  # a bomb of blank lines: inflating it would never end
                yield DocumentError(where, f"over {max_bytes} bytes of blank lines decompressed; "
                                    "the rest of the compressed file is not read")
                return


def _lines(stream: LineReader, limit: int, *,
           skip_runaway: bool = True) -> Iterator[tuple[int, str | bytes | None, int]]:
    """Yield ``(lineno, line, size)``; a line longer than ``limit`` is given as None (and skipped)."""
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        size = len(line)
        if size <= limit or _ends_line(line):
            yield lineno, line, size
            continue
        while skip_runaway:  # consume the rest of the runaway line in bounded pieces
            rest = stream.readline(limit + 1)
            size += len(rest)
            if not rest or _ends_line(rest):
                break
        yield lineno, None, size


def _ends_line(line: str | bytes) -> bool:
    return line[-1:] in ("\n", b"\n")


def read_jsonl_file(path: Path, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    """Read a ``.jsonl`` or gzip-compressed ``.jsonl.gz`` file."""
    name = str(path)
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as packed:
                yield from read_jsonl_stream(packed, name=name, max_bytes=max_bytes, compressed=True)
        else:
            with path.open("rb") as stream:
                yield from read_jsonl_stream(stream, name=name, max_bytes=max_bytes)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield DocumentError(name, f"corrupt gzip file: {exc}")
    except OSError as exc:
        yield DocumentError(name, f"cannot read file: {exc.strerror or exc}")
