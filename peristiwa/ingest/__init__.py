"""Readers: turn files, directories, stdin, feeds and URLs into contract ``Document``s.

Every reader yields a ``Document`` or, for a document it cannot read, a ``DocumentError``
naming it; one bad document never stops the others.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from peristiwa.ingest.checks import iso_published
from peristiwa.ingest.feeds import feed_documents, read_feed_file
from peristiwa.ingest.html import html_fragment_to_text, html_to_document, read_html_file
from peristiwa.ingest.jsonl import parse_line, read_jsonl_file, read_jsonl_stream
from peristiwa.ingest.text import decode_bytes, looks_binary, read_text_file, text_document
from peristiwa.types import Document, DocumentError

__all__ = [
    "EXTENSIONS",
    "decode_bytes",
    "feed_documents",
    "html_fragment_to_text",
    "html_to_document",
    "iso_published",
    "looks_binary",
    "parse_line",
    "read_inputs",
    "read_jsonl_stream",
    "text_document",
    "walk_folder",
]

# Suffixes (lowercase) the readers know; a directory yields only files ending in one of these.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".jsonl.gz": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
STDIN = "-"
_URL_PREFIXES = ("http://", "https://")


def read_inputs(inputs: Sequence[str], *, max_bytes: int = 20_000_000,
                timeout: float = 20.0) -> Iterator[Document | DocumentError]:
    """Yield the documents of every input, in order; bad documents come as ``DocumentError``.

    An input is a ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.jsonl.gz`` or ``.xml``/``.rss``/
    ``.atom`` (feed) file, a directory (walked recursively in sorted order, known suffixes
    only, hidden entries skipped), ``-`` for JSONL on stdin, or an ``http(s)://`` URL.
    ``max_bytes`` caps each document (and each file or download); ``timeout`` bounds each URL.
    """
    with contextlib.ExitStack() as stack:
        client = None
        for given in inputs:
            source = os.fspath(given)  # a Path works too
            if source == STDIN:
                yield from _read_stdin(max_bytes=max_bytes)
            elif source.lower().startswith(_URL_PREFIXES):
                from peristiwa.ingest.url import make_client, read_url  # httpx only when needed

                if client is None:
                    client = stack.enter_context(make_client(timeout=timeout))
                yield from read_url(source, client=client, max_bytes=max_bytes, timeout=timeout)
            else:
                yield from _read_path(Path(source), max_bytes=max_bytes)


def _read_stdin(*, max_bytes: int) -> Iterator[Document | DocumentError]:
    # Prefer the byte stream: the JSONL is UTF-8 whatever the terminal's locale says.
    stream = getattr(sys.stdin, "buffer", None) or sys.stdin
    yield from read_jsonl_stream(stream, name="<stdin>", max_bytes=max_bytes)


def _read_path(path: Path, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    if path.is_dir():
        for file in walk_folder(path):
            yield from _read_file(file, max_bytes=max_bytes)
    elif path.exists():
        if _kind(path) is None:
            yield DocumentError(str(path), "unsupported input: expected " + ", ".join(EXTENSIONS)
                                + ", a directory, '-' (JSONL on stdin) or an http(s) URL")
        else:
            yield from _read_file(path, max_bytes=max_bytes)
    else:
        yield DocumentError(str(path), "no such file or directory")


def walk_folder(root: Path) -> Iterator[Path]:
    """Yield the known files under ``root`` in sorted order, skipping hidden entries."""
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(folder, name)
            if not name.startswith(".") and _kind(path) is not None:
                yield path


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, kind in EXTENSIONS.items():
        if name.endswith(suffix):
            return kind
    return None


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    kind = _kind(path)
    if kind == "text":
        yield read_text_file(path, max_bytes=max_bytes)
    elif kind == "html":
        yield read_html_file(path, max_bytes=max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl_file(path, max_bytes=max_bytes)
    elif kind == "feed":
        yield from read_feed_file(path, max_bytes=max_bytes)
