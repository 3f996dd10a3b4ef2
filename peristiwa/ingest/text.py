"""Plain-text reader: bytes to str with a charset fallback, binary files refused."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from charset_normalizer import from_bytes as detect_charset  # a dependency of trafilatura and httpx

from peristiwa.ingest.checks import error, finish, too_large
from peristiwa.types import Document, DocumentError

log = logging.getLogger(__name__)

BINARY_MESSAGE = "binary file, not text"
_SNIFF_BYTES = 8192
# C0 controls that never occur in text; tab, newlines, form feed and ESC are allowed.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) | {0x7F}
_MAX_CONTROL_RATIO = 0.05
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    """Tell whether ``data`` is not text: a NUL byte or many control bytes near the start.

    UTF-16 with a byte-order mark is text although it is full of NUL bytes.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls / len(head) > _MAX_CONTROL_RATIO


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used.

    Order: a byte-order mark, the ``declared`` charset (HTTP header, HTML meta), UTF-8, then
    cp1252 (the legacy encoding of Indonesian web text), then charset detection, then latin-1,
    which never fails. A leading BOM is dropped.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "utf-16"
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    best = detect_charset(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF, as Python's text mode does when it reads a file."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_document(data: bytes, *, doc_id: str, max_bytes: int, url: str | None = None,
                  declared: str | None = None, where: str | None = None) -> Document | DocumentError:
    """Build a document from the bytes of a plain-text file or response."""
    if looks_binary(data):
        return error(doc_id, BINARY_MESSAGE, where=where)
    text, encoding = decode_bytes(data, declared=declared)
    if encoding not in {"utf-8", "utf-8-sig"} and encoding != declared:
        log.warning("%s: not UTF-8, decoded as %s", where or doc_id, encoding)
    doc = Document(id=doc_id, text=normalize_newlines(text), url=url)
    return finish(doc, max_bytes=max_bytes, where=where)


def read_file_bytes(path: Path, *, doc_id: str, max_bytes: int) -> bytes | DocumentError:
    """Read ``path`` whole, refusing it before reading when it is over the cap."""
    where = str(path)
    try:
        size = path.stat().st_size
        if reason := too_large(size, max_bytes):
            return error(doc_id, reason, where=where)
        return path.read_bytes()
    except OSError as exc:
        return error(doc_id, f"cannot read file: {exc.strerror or exc}", where=where)


def read_text_file(path: Path, *, max_bytes: int) -> Document | DocumentError:
    """Read a ``.txt`` file; its id is the file name."""
    data = read_file_bytes(path, doc_id=path.name, max_bytes=max_bytes)
    if isinstance(data, DocumentError):
        return data
    return text_document(data, doc_id=path.name, max_bytes=max_bytes, where=str(path))
