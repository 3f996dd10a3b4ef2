"""URL reader: fetch one page or feed with httpx, bounded in time, size and redirects."""

from __future__ import annotations

import io
import time
import zlib
from collections.abc import Callable, Iterator

import httpx

from peristiwa import __version__
from peristiwa.ingest.checks import too_large
from peristiwa.ingest.feeds import feed_documents
from peristiwa.ingest.html import html_to_document
from peristiwa.ingest.jsonl import read_jsonl_stream
from peristiwa.ingest.text import looks_binary, text_document
from peristiwa.types import Document, DocumentError

MAX_REDIRECTS = 5
USER_AGENT = f"peristiwa/{__version__} (news event extraction; python-httpx)"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})
_JSONL_TYPES = frozenset({"application/jsonl", "application/x-ndjson", "application/x-jsonlines"})
_TEXT_TYPES = frozenset({"text/plain"})
# Content encodings the reader decompresses itself, bounded by the byte cap (httpx's decoders
# would inflate a whole network chunk at once: a 64 KB gzip bomb chunk is 64 MB).
ENCODINGS = ("gzip", "deflate")
# A server that names no useful type: sniff the body instead.
_VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def make_client(*, timeout: float) -> httpx.Client:
    """Return the HTTP client every URL of one run shares."""
    return httpx.Client(
        timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, "
                 "application/rss+xml, application/atom+xml, text/plain;q=0.8, */*;q=0.5",
                 "Accept-Encoding": ", ".join(ENCODINGS)},
    )


def read_url(url: str, *, client: httpx.Client, max_bytes: int,
             timeout: float) -> Iterator[Document | DocumentError]:
    """Fetch ``url`` and read it by its content type; the document id is ``url`` itself.

    ``timeout`` bounds each network wait (httpx) and the whole download: a server that
    trickles bytes is cut off too. The body is capped at ``max_bytes`` while it streams.
    HTML goes through the HTML reader, feeds through the feed reader (one document per
    entry), plain text and JSONL through theirs.
    """
    fetched = fetch(url, client=client, max_bytes=max_bytes, timeout=timeout)
    if isinstance(fetched, DocumentError):
        yield fetched
        return
    body, kind, final_url, charset = fetched
    if kind == "html":
        yield html_to_document(body, doc_id=url, url=final_url, declared=charset, max_bytes=max_bytes)
    elif kind == "feed":
        yield from feed_documents(body, name=url, max_bytes=max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl_stream(io.BytesIO(body), name=url, max_bytes=max_bytes)
    else:
        yield text_document(body, doc_id=url, url=final_url, declared=charset, max_bytes=max_bytes)


def fetch(url: str, *, client: httpx.Client, max_bytes: int,
           timeout: float) -> tuple[bytes, str, str, str | None] | DocumentError:
    """Return ``(body, kind, final URL, charset)`` or the error that stopped the download.

    ``kind`` is ``html``, ``feed``, ``jsonl`` or ``text`` (an untyped body is sniffed); the
    caps are those of :func:`read_url`, which reads the body by its kind.
    """
    deadline = time.monotonic() + timeout
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                return DocumentError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            media_type = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            kind = _kind(media_type)
            if kind is None:
                return DocumentError(url, f"unsupported content type {media_type!r}")
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and (reason := too_large(int(declared), max_bytes)):
                return DocumentError(url, reason)
            inflate = _decoder(resp.headers.get("content-encoding", ""))
            if inflate is None:
                return DocumentError(url, f"unsupported content encoding {resp.headers['content-encoding']!r}")
            body = bytearray()
            received = 0
            for chunk in resp.iter_raw():
                received += len(chunk)
                body += inflate(chunk, max_bytes - len(body) + 1)
                if reason := too_large(len(body), max_bytes):
                    return DocumentError(url, f"{reason}, download stopped")
                if time.monotonic() > deadline:
                    return DocumentError(url, f"timed out after {timeout:g} s (download too slow)")
            if received and not body:  # a broken gzip header inflates to nothing, without an error
                return DocumentError(url, "corrupt compressed response: nothing could be decompressed")
            final_url, charset = str(resp.url), resp.charset_encoding
    except zlib.error as exc:
        return DocumentError(url, f"corrupt compressed response: {exc}")
    except httpx.TimeoutException:
        return DocumentError(url, f"timed out after {timeout:g} s")
    except httpx.TooManyRedirects:
        return DocumentError(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return DocumentError(url, f"fetch failed: {exc or type(exc).__name__}")
    if kind == "sniff":
        kind = _sniff(bytes(body))
        if kind is None:
            return DocumentError(url, "binary content, not text")
    return bytes(body), kind, final_url, charset


def _decoder(encoding: str) -> Callable[[bytes, int], bytes] | None:
    """Return ``inflate(chunk, room)`` for a Content-Encoding, giving at most ``room`` bytes per chunk.

    Output beyond ``room`` is never produced, so a compressed bomb stops at the cap; None for
    an encoding the reader does not know.
    """
    encoding = encoding.strip().lower()
    if encoding in {"", "identity"}:
        return lambda chunk, room: chunk
    if encoding not in ENCODINGS:
        return None
    return _Inflater(raw_fallback=encoding == "deflate").inflate


class _Inflater:
    """Bounded gzip or deflate decompression ("deflate" is zlib-wrapped, or raw from some servers)."""

    def __init__(self, *, raw_fallback: bool) -> None:
        self.raw_fallback = raw_fallback
        self.started = False
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS if raw_fallback else 16 + zlib.MAX_WBITS)

    def inflate(self, chunk: bytes, room: int) -> bytes:
        try:
            out = self.inflater.decompress(chunk, max(room, 1))
        except zlib.error:
            if not self.raw_fallback or self.started:
                raise
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.inflater.decompress(chunk, max(room, 1))
        self.started = self.started or bool(chunk)
        return out


def _kind(media_type: str) -> str | None:
    if media_type in _HTML_TYPES:
        return "html"
    if media_type in _FEED_TYPES:
        return "feed"
    if media_type in _JSONL_TYPES:
        return "jsonl"
    if media_type in _TEXT_TYPES:
        return "text"
    if media_type in _VAGUE_TYPES:
        return "sniff"
    return None


def _sniff(body: bytes) -> str | None:
    """Guess the kind of a body the server did not type."""
    head = body[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf")) else "html"
    if looks_binary(body):
        return None
    return "text"
