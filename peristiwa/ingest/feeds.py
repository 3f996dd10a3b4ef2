"""RSS and Atom reader: each feed entry becomes a document."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import time
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from peristiwa.ingest.checks import finish, iso_published, lang_code
from peristiwa.ingest.html import html_fragment_to_text
from peristiwa.ingest.text import normalize_newlines, read_file_bytes
from peristiwa.types import Document, DocumentError

_DATE_KEYS = ("published", "updated", "created")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed RSS/Atom feed: its entries (feedparser's dicts), title and language."""

    name: str
    entries: list[dict[str, Any]]
    source: str | None
    lang: str | None
    # Why the XML is not well-formed (feedparser read it leniently), else None: a feed cut short
    # (a download or a file still being written) may end in an entry cut short too.
    broken: str | None = None

    def entry_key(self, number: int) -> str:
        """The id of entry ``number`` (from 1): its ``id``/``guid``, else its link, else ``NAME#N``."""
        entry = self.entries[number - 1]
        return str(entry.get("id") or entry.get("link") or f"{self.name}#{number}")

    def entry(self, number: int) -> Document:
        """Return entry ``number`` (from 1) as a document, unchecked: its text may be empty."""
        entry = self.entries[number - 1]
        text, content_lang = _entry_text(entry)
        return Document(
            id=self.entry_key(number), text=text, title=entry.get("title") or None,
            published=_entry_date(entry), url=entry.get("link") or None, source=self.source,
            lang=content_lang or self.lang,
        )

    def entry_document(self, number: int, *, max_bytes: int) -> Document | DocumentError:
        """Return entry ``number`` (from 1) as a document, or the error naming it."""
        return finish(self.entry(number), max_bytes=max_bytes, where=f"entry {number} of {self.name}")


def parse_feed(data: bytes, *, name: str) -> Feed | DocumentError:
    """Parse the bytes of an RSS/Atom feed; ``name`` (a path or URL) names it in errors.

    feedparser gets a stream: given a str or bytes it may take them for a URL or file name.
    """
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = "not an RSS or Atom feed"
        if parsed.get("bozo_exception") is not None:
            reason += f" ({parsed['bozo_exception']})"
        return DocumentError(name, reason)
    feed = parsed.get("feed", {})
    problem = parsed.get("bozo_exception")
    return Feed(name=name, entries=list(parsed.get("entries", [])), source=feed.get("title") or None,
                lang=lang_code(feed.get("language")),
                broken=str(problem) if isinstance(problem, xml.sax.SAXException) else None)


def feed_documents(data: bytes, *, name: str, max_bytes: int) -> Iterator[Document | DocumentError]:
    """Parse the bytes of an RSS/Atom feed; ``name`` (a path or URL) names it in errors.

    An entry's id is its ``id``/``guid``, else its link, else ``NAME#N``; its text is the
    longest of its contents, else its summary, with the HTML turned into plain text.
    """
    feed = parse_feed(data, name=name)
    if isinstance(feed, DocumentError):
        yield feed
        return
    for number in range(1, len(feed.entries) + 1):
        yield feed.entry_document(number, max_bytes=max_bytes)


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
