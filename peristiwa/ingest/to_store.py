"""Ingest: extract documents and keep each result in the store, skipping what is stored already."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from peristiwa import __version__
from peristiwa.pipeline import pipe
from peristiwa.settings import DEFAULT_SETTINGS, Settings
from peristiwa.store import Store, StoreError, document_hash
from peristiwa.types import Document, DocumentError


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents stored, skipped (already there), failed; events stored."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    errors: list[DocumentError] = field(default_factory=list)  # the first 1000


def ingest(
    store: Store,
    items: Iterable[Document | DocumentError],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    replace: bool = False,
    on_item: Callable[[str, Any], None] | None = None,
) -> IngestReport:
    """Extract and store documents, each in its own transaction; skip those stored already.

    A stored document is recognised by its content hash before it is extracted, so a rerun
    after an interruption only extracts what is missing. ``on_item(kind, item)`` is called
    with ``"stored"``/``"skipped"`` and the ``Document``, or ``"failed"`` and the
    ``DocumentError``.
    """
    report = IngestReport()
    extractor = f"peristiwa {__version__}{settings.label()}"
    pending: deque[Document | DocumentError] = deque()
    seen: set[str] = set()

    def notify(kind: str, item: Any) -> None:
        if on_item is not None:
            on_item(kind, item)

    def todo() -> Iterator[Document | DocumentError]:
        for item in items:
            if isinstance(item, Document) and not replace:
                content_id = document_hash(item)
                if content_id in seen or store.has(content_id):
                    report.skipped += 1
                    notify("skipped", item)
                    continue
                seen.add(content_id)
            pending.append(item)
            yield item

    for out in pipe(todo(), settings=settings):
        item = pending.popleft()  # pipe yields one output per input, in order
        if isinstance(out, DocumentError) or not isinstance(item, Document):
            err = out if isinstance(out, DocumentError) else DocumentError(str(item), "not a document")
            report.failed += 1
            if len(report.errors) < 1000:
                report.errors.append(err)
            notify("failed", err)
            continue
        try:
            stored = store.add(item, out, replace=replace, extractor=extractor)
        except StoreError as exc:
            err = DocumentError(item.id, str(exc))
            report.failed += 1
            if len(report.errors) < 1000:
                report.errors.append(err)
            notify("failed", err)
            continue
        if stored:
            report.stored += 1
            report.events += len(out.events)
            notify("stored", item)
        else:
            report.skipped += 1
            notify("skipped", item)
    return report
