"""RSS and Atom reader: each feed entry becomes a document."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from peristiwa.ingest.checks import finish, iso_published, lang_code
from peristiwa.ingest.html import html_fragment_to_text
from peristiwa.ingest.text import normalize_newlines, read_file_bytes
from peristiwa.types import Document, DocumentError

_DATE_KEYS = ("published", "updated", "created")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def feed_documents(data: bytes, *, name: str, max_bytes: int) -> Iterator[Document | DocumentError]:
    """Parse the bytes of an RSS/Atom feed; ``name`` (a path or URL) names it in errors.

    An entry's id is its ``id``/``guid``, else its link, else ``NAME#N``; its text is the
    longest of its contents, else its summary, with the HTML turned into plain text.
    feedparser gets a stream: given a str or bytes it may take them for a URL or file name.
    """
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = "not an RSS or Atom feed"
        if parsed.get("bozo_exception") is not None:
            reason += f" ({parsed['bozo_exception']})"
        yield DocumentError(name, reason)
        return
    feed = parsed.get("feed", {})
    source = feed.get("title") or None
    feed_lang = lang_code(feed.get("language"))
    for number, entry in enumerate(parsed.get("entries", []), start=1):
        doc_id = entry.get("id") or entry.get("link") or f"{name}#{number}"
        where = f"entry {number} of {name}"
        text, content_lang = _entry_text(entry)
        doc = Document(
            id=doc_id, text=text, title=entry.get("title") or None, published=_entry_date(entry),
            url=entry.get("link") or None, source=source, lang=content_lang or feed_lang,
        )
        yield finish(doc, max_bytes=max_bytes, where=where)


def _entry_text(entry: dict[str, Any]) -> tuple[str, str | None]:
    """Return the entry's plain text and the language its content declares."""
    candidates = [c for c in entry.get("content") or [] if c.get("value")]
    detail = entry.get("summary_detail") or {}
    if not candidates and detail.get("value"):
        candidates = [detail]
    if not candidates:
        return "", None
    best = max(candidates, key=lambda c: len(c["value"]))
    value = best["value"]
    if best.get("type", "text/html") in _HTML_TYPES:
        text = html_fragment_to_text(value)
    else:
        text = normalize_newlines(value).strip()
    return text, lang_code(best.get("language"))


def _entry_date(entry: dict[str, Any]) -> str | None:
    """Return the entry's date as ISO 8601, keeping the feed's own UTC offset.

    The offset matters: converting ``Fri, 14 Mar 2025 06:30 +0700`` to UTC would move the
    publication to the day before, and relative dates ("kemarin") resolve against it.
    """
    for key in _DATE_KEYS:
        raw = entry.get(key)
        if not raw:
            continue
        stamp = iso_published(raw)
        if stamp:
            return stamp
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed:  # feedparser's normalized UTC reading of a date format it knows
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None


def read_feed_file(path: Path, *, max_bytes: int) -> Iterator[Document | DocumentError]:
    """Read a ``.xml``/``.rss``/``.atom`` feed file; the file itself is held to the cap."""
    data = read_file_bytes(path, doc_id=str(path), max_bytes=max_bytes)
    if isinstance(data, DocumentError):
        yield data
        return
    yield from feed_documents(data, name=str(path), max_bytes=max_bytes)
