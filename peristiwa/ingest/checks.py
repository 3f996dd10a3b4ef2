"""Checks every reader applies before a ``Document`` leaves the ingest package."""

from __future__ import annotations

import datetime as dt
import re

from peristiwa.types import Document, DocumentError

# The contract's dates are extended ISO 8601 (``2025-06-18``, ``2025-06-18T16:22``); the basic form
# (``20250618``) also parses with fromisoformat but breaks ``Document.published_date``.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")
SURROGATE = re.compile("[\ud800-\udfff]")


def iso_published(value: object) -> str | None:
    """Return ``value`` stripped when it is an ISO 8601 date or datetime, else None.

    The caller's string is kept as given (``2025-06-18T16:22`` stays so), only validated.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _ISO_DAY.match(value):
        return None
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def replace_surrogates(value: str) -> str:
    """Replace unpaired surrogates (JSON's ``"\\ud800"`` decodes to one) with U+FFFD, one for one.

    They are no Unicode text: no UTF-8 writer, database or browser takes them. The length is
    kept, so offsets into the given text stay right.
    """
    return SURROGATE.sub("\ufffd", value) if SURROGATE.search(value) else value


def lang_code(tag: object) -> str | None:
    """Return the primary language subtag of ``tag`` (``id-ID`` → ``id``), or None."""
    if not isinstance(tag, str):
        return None
    match = _LANG_TAG.fullmatch(tag.strip())
    return match.group(1).lower() if match else None


def too_large(size: int, max_bytes: int) -> str | None:
    """Return the error message for ``size`` bytes over the cap, or None when it fits."""
    if size > max_bytes:
        return f"document too large ({size} bytes > {max_bytes})"
    return None


def text_size(text: str, max_bytes: int) -> int:
    """Return the UTF-8 size of ``text`` to compare with ``max_bytes``.

    When the text surely fits, its length in code points (a lower bound) is returned instead.
    """
    # A str of n code points encodes to at most 4n bytes; most texts need no encode.
    if len(text) * 4 <= max_bytes:
        return len(text)
    return len(text.encode("utf-8", errors="surrogatepass"))


def finish(doc: Document, *, max_bytes: int, where: str | None = None) -> Document | DocumentError:
    """Return ``doc`` if its text is non-empty and within the cap, else the error naming it.

    ``where`` (a path, ``FILE:LINENO``, an entry of a feed) is added to the message when the
    document id alone would not tell the user where to look.
    """
    reason: str | None = None
    if not doc.text.strip():
        reason = "empty document"
    else:
        reason = too_large(text_size(doc.text, max_bytes), max_bytes)
    if reason is None:
        return doc
    return error(doc.id, reason, where=where)


def error(doc_id: str, reason: str, *, where: str | None = None) -> DocumentError:
    """Build the error for ``doc_id``, naming ``where`` when it differs from the id."""
    if where and where != doc_id:
        reason = f"{reason} ({where})"
    return DocumentError(doc_id, reason)
