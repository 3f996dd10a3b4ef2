"""Follow sources: poll RSS/Atom feeds, feed files, folders and files; ingest what is new.

A source is an ``http(s)://`` feed URL, a local feed file (``.xml``/``.rss``/``.atom``), a
folder (walked like ``peristiwa ingest`` walks it) or one file the readers know. Each poll
reads every source and hands what is new to the same ingest as ``peristiwa ingest``
(``ingest.to_store.ingest``, which also skips any document whose content is stored already).

What was seen is remembered in the store's ``store_state`` key/value table, one row per item
(a feed entry by its id, a file by its path), so an unchanged item is not fetched or read
again, by this run or the next one:

* a feed entry is done once its document was stored (or found stored already);
* a file is done for as long as its modification time and size stay the same;
* an item that failed is tried again at the next polls, :data:`MAX_TRIES` times in all.

A source that cannot be read (a feed that is down, answers 5xx, times out or is not a feed; a
folder that is gone) is reported and the poll goes on with the others; the next poll tries
it again. A bad item is reported and never stops the others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import sqlalchemy as sa

from peristiwa.ingest import EXTENSIONS, read_inputs, walk_folder
from peristiwa.ingest.checks import finish
from peristiwa.ingest.feeds import Feed, parse_feed
from peristiwa.ingest.text import read_file_bytes
from peristiwa.store.db import write_transaction
from peristiwa.store.schema import store_state
from peristiwa.types import Document, DocumentError

# An item that failed is read again at the next polls, up to this many tries in all.
MAX_TRIES = 3
_URL_PREFIXES = ("http://", "https://")
_FEED_SUFFIXES = tuple(suffix for suffix, kind in EXTENSIONS.items() if kind == "feed")
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h|d)", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_MEMORY_PREFIX = "follow:"
# What a reader may raise by mistake (or the file system underneath): reported, never fatal.
_UNEXPECTED = (OSError, ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RecursionError,
               AssertionError)

Ingest = Callable[[Iterable[Document | DocumentError], Callable[[str, Any], None]], Any]
"""``ingest(items, on_item)``: store the items, calling ``on_item(kind, item)`` as ``ingest.to_store.ingest`` does."""


def parse_duration(text: str) -> float:
    """Return the seconds of a duration such as ``30s``, ``15m``, ``1h``, ``1h30m``, ``2d`` or ``0``.

    A bare number is seconds. Raises ``ValueError`` naming the accepted forms otherwise.
    """
    value = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d*)?|\.\d+", value):
        return float(value)
    total, pos = 0.0, 0
    for match in _DURATION.finditer(value):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        pos = match.end()
    if not value or pos != len(value):
        raise ValueError(f"not a duration: {text!r} (expected e.g. 30s, 15m, 1h, 1h30m or 2d)")
    return total


def format_duration(seconds: float) -> str:
    """Write ``seconds`` back in the form :func:`parse_duration` reads (``900`` → ``15m``)."""
    for unit in ("d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def source_kind(spec: str) -> str:
    """Return how ``spec`` is followed: ``url``, ``feed`` (a local feed file), ``folder`` or ``file``.

    Raises ``ValueError`` for what cannot be followed (stdin, a missing path, an unknown suffix).
    """
    if spec.lower().startswith(_URL_PREFIXES):
        return "url"
    if spec == "-":
        raise ValueError("standard input (-) cannot be followed")
    path = Path(spec)
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise ValueError(f"{spec}: no such file or directory")
    name = path.name.lower()
    if name.endswith(_FEED_SUFFIXES):
        return "feed"
    if any(name.endswith(suffix) for suffix in EXTENSIONS):
        return "file"
    raise ValueError(f"{spec}: cannot be followed: expected a feed URL, a feed file "
                     f"({', '.join(_FEED_SUFFIXES)}), a folder or a file ending in {', '.join(EXTENSIONS)}")


@dataclasses.dataclass(slots=True)
class PollReport:
    """What one poll (or, summed, a whole run) did."""

    stored: int = 0
    skipped: int = 0  # read, but its content was stored already
    failed: int = 0
    events: int = 0
    unchanged: int = 0  # remembered from an earlier poll: not fetched or read again
    sources_failed: int = 0
    polls: int = 0
    interrupted: bool = False  # a run ended by Ctrl-C

    def add(self, other: PollReport) -> None:
        for name in ("stored", "skipped", "failed", "events", "unchanged", "sources_failed", "polls"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        out = (f"{self.stored} documents stored ({self.events} events), {self.skipped} already stored, "
               f"{self.failed} failed, {self.unchanged} unchanged")
        if self.sources_failed:
            out += f"; {self.sources_failed} source{'s' if self.sources_failed > 1 else ''} could not be read"
        return out


class Memory:
    """The items following has seen, one row each in the store's ``store_state`` table.

    A row's name is ``follow:`` + a hash of the source + ``:`` + a hash of the item (64
    characters, the column's width); its value is ``STATUS:SIGNATURE`` where STATUS is ``done``
    or ``retryN`` (N tries failed) and SIGNATURE tells a changed file (mtime and size) from
    the one that was read.
    """

    def __init__(self, store: Any) -> None:

        self.engine = store.engine
        self.table = store_state

    @staticmethod
    def _prefix(source: str) -> str:
        return _MEMORY_PREFIX + hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16] + ":"

    @staticmethod
    def _item(key: str) -> str:
        return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()

    def load(self, source: str) -> dict[str, str]:
        """Return ``{item hash: value}`` for everything remembered of ``source``."""
        prefix = self._prefix(source)
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(self.table.c.name, self.table.c.value).where(self.table.c.name.startswith(prefix))
            ).all()
        return {name[len(prefix):]: value for name, value in rows}

    def remember(self, source: str, key: str, value: str) -> None:

        name = self._prefix(source) + self._item(key)
        with write_transaction(self.engine) as conn:
            conn.execute(self.table.delete().where(self.table.c.name == name))
            conn.execute(self.table.insert().values(name=name, value=value[:200]))

    def lookup(self, seen: dict[str, str], key: str, signature: str) -> int | None:
        """Return None when the item is done, else how many tries of it failed already."""
        value = seen.get(self._item(key))
        if value is None:
            return 0
        status, _, old = value.partition(":")
        if old != signature:
            return 0
        if status == "done":
            return None
        if status.startswith("retry") and status[5:].isdigit():
            return int(status[5:])
        return 0


@dataclasses.dataclass(slots=True)
class _Item:
    """One feed entry or file of a poll: the documents it gave and how they went."""

    source: str
    key: str
    signature: str
    tries: int  # failed tries before this poll
    label: str
    open: int = 0  # documents handed to the ingest, not yet stored, skipped or failed
    failed: bool = False
    closed: bool = False  # all its documents were handed over
    settled: bool = False


class Follower:
    """Poll a list of sources; each :meth:`poll` ingests what is new in all of them."""

    def __init__(self, sources: Sequence[str], *, store: Any, ingest: Ingest, log: Callable[[str], None],
                 max_bytes: int = 20_000_000, timeout: float = 20.0,
                 on_item: Callable[[str, Any], None] | None = None) -> None:
        self.specs = [(spec, source_kind(spec)) for spec in sources]
        self.memory = Memory(store)
        self.ingest = ingest
        self.log = log
        self.on_item = on_item
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.client: Any = None
        self._stack = contextlib.ExitStack()
        self._pending: dict[int, tuple[_Item, Document | DocumentError]] = {}
        self.current = PollReport()  # the poll running, or the last one

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ one poll

    def poll(self) -> PollReport:
        """Read every source once and ingest what is new; return what this poll did."""
        self.current = report = PollReport(polls=1)
        self._pending = {}
        result = self.ingest(self._items(), self._on_item)
        report.events = int(getattr(result, "events", 0))
        return report

    def _items(self) -> Iterator[Document | DocumentError]:
        for spec, kind in self.specs:
            try:
                if kind == "url":
                    yield from self._read_url_feed(spec)
                elif kind == "feed":
                    yield from self._read_feed_file(spec)
                elif kind == "folder":
                    yield from self._read_folder(spec)
                else:
                    yield from self._read_single_file(spec)
            except _UNEXPECTED as exc:
                # A reader bug or a file system error must not stop the other sources.
                self._source_failed(spec, f"{type(exc).__name__}: {exc}")

    def _source_failed(self, spec: str, reason: str) -> None:
        self.current.sources_failed += 1
        self.log(f"error: {spec}: {reason}; trying again at the next poll")

    def _on_item(self, kind: str, item: Any) -> None:
        if kind == "stored":
            self.current.stored += 1
        elif kind == "skipped":
            self.current.skipped += 1
        elif kind == "failed":
            self.current.failed += 1
        if self.on_item is not None:
            self.on_item(kind, item)
        found = self._pending.pop(id(item), None)
        if found is None and isinstance(item, DocumentError):
            # An error made by the extraction or the store for a document handed over: its id.
            key = next((k for k, (_, doc) in self._pending.items()
                        if isinstance(doc, Document) and doc.id == item.doc_id), None)
            found = self._pending.pop(key) if key is not None else None
        if found is None:
            return
        owner = found[0]
        owner.open -= 1
        owner.failed = owner.failed or kind == "failed"
        self._settle(owner)

    def _hand_over(self, owner: _Item, docs: Iterable[Document | DocumentError]) -> Iterator[Document | DocumentError]:
        """Yield ``docs`` to the ingest, noting which item each came from; then close the item.

        An item interrupted while it is read is not closed, so it is not remembered.
        """
        documents = iter(docs)
        broken = False
        while not broken:
            try:
                doc: Document | DocumentError = next(documents)
            except StopIteration:
                break
            except _UNEXPECTED as exc:  # a reader bug: this item fails, the next ones are still read
                doc = DocumentError(owner.label, f"could not be read ({type(exc).__name__}: {exc})")
                broken = True
            owner.open += 1
            self._pending[id(doc)] = (owner, doc)  # the ingest reports the same object back
            yield doc
        owner.closed = True
        self._settle(owner)

    def _settle(self, item: _Item) -> None:
        """Remember an item once all its documents went through the ingest."""
        if item.settled or not item.closed or item.open > 0:
            return
        item.settled = True
        if not item.failed:
            self.memory.remember(item.source, item.key, f"done:{item.signature}")
            return
        tries = item.tries + 1
        if tries >= MAX_TRIES:
            self.log(f"giving up on {item.label} after {tries} failed tries")
            self.memory.remember(item.source, item.key, f"done:{item.signature}")
        else:
            self.log(f"{item.label} failed (try {tries} of {MAX_TRIES}); trying again at the next poll")
            self.memory.remember(item.source, item.key, f"retry{tries}:{item.signature}")

    def _new_item(self, seen: dict[str, str], source: str, key: str, signature: str, label: str) -> _Item | None:
        tries = self.memory.lookup(seen, key, signature)
        if tries is None:
            self.current.unchanged += 1
            return None
        return _Item(source=source, key=key, signature=signature, tries=tries, label=label)

    # ------------------------------------------------------------------ sources

    def _http(self) -> Any:
        if self.client is None:
            from peristiwa.ingest.url import make_client

            self.client = self._stack.enter_context(make_client(timeout=self.timeout))
        return self.client

    def _read_url_feed(self, url: str) -> Iterator[Document | DocumentError]:
        from peristiwa.ingest.url import fetch

        fetched = fetch(url, client=self._http(), max_bytes=self.max_bytes, timeout=self.timeout)
        if isinstance(fetched, DocumentError):
            self._source_failed(url, f"feed could not be fetched: {fetched.reason}")
            return
        yield from self._read_feed(url, fetched[0], base=fetched[2])

    def _read_feed_file(self, spec: str) -> Iterator[Document | DocumentError]:
        data = read_file_bytes(Path(spec), doc_id=spec, max_bytes=self.max_bytes)
        if isinstance(data, DocumentError):
            self._source_failed(spec, f"feed could not be read: {data.reason}")
            return
        yield from self._read_feed(_source_name(spec), data, label=spec)

    def _read_feed(self, source: str, data: bytes, *, label: str | None = None,
                   base: str | None = None) -> Iterator[Document | DocumentError]:
        """The new entries of a feed; ``base`` (the feed's URL) resolves the links written relative to it."""
        label = label or source
        feed = parse_feed(data, name=label)
        if isinstance(feed, DocumentError):
            self._source_failed(label, f"malformed feed: {feed.reason}")
            return
        seen = self.memory.load(source)
        count = len(feed.entries)
        if feed.broken and count:
            # A feed cut short ends in an entry that may be cut short too: it waits for a whole feed.
            count -= 1
            self.log(f"warning: {label}: the feed is not well-formed XML ({feed.broken}); "
                     "its last entry is left for the next poll")
        for number in range(1, count + 1):
            key, name = _entry_key(feed, number)
            item = self._new_item(seen, source, key, "", f"entry {name} of {label}")
            if item is not None:
                yield from self._hand_over(item, self._entry_documents(feed, number, base=base))

    def _entry_documents(self, feed: Feed, number: int, *, base: str | None) -> Iterator[Document | DocumentError]:
        """The entry's document; an entry with only a link is read from its page (the URL reader's caps)."""
        where = f"entry {number} of {feed.name}"
        try:
            doc = feed.entry(number)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            yield DocumentError(feed.entry_key(number), f"unreadable entry ({where}): {type(exc).__name__}: {exc}")
            return
        link = urljoin(base, doc.url) if base and doc.url else doc.url or ""
        if doc.text.strip() or not link.lower().startswith(_URL_PREFIXES):
            yield finish(doc, max_bytes=self.max_bytes, where=where)
            return
        from peristiwa.ingest.url import read_url

        for page in read_url(link, client=self._http(), max_bytes=self.max_bytes, timeout=self.timeout):
            if isinstance(page, DocumentError):
                yield DocumentError(doc.id, f"{page.reason} (the page of {where})")
                continue
            # The entry's id keeps the document the same whichever way it is read; what the
            # page does not say (title, date, language) the feed does.
            yield dataclasses.replace(
                page, id=doc.id, title=page.title or doc.title, published=page.published or doc.published,
                source=page.source or doc.source, lang=page.lang or doc.lang,
            )

    def _read_folder(self, spec: str) -> Iterator[Document | DocumentError]:
        root = Path(spec)
        if not root.is_dir():
            self._source_failed(spec, "the folder is gone")
            return
        source = _source_name(spec)
        seen = self.memory.load(source)
        for path in walk_folder(root):
            yield from self._read_file(seen, source, path, key=os.path.relpath(path, root))

    def _read_single_file(self, spec: str) -> Iterator[Document | DocumentError]:
        path = Path(spec)
        if not path.is_file():
            self._source_failed(spec, "the file is gone")
            return
        source = _source_name(spec)
        yield from self._read_file(self.memory.load(source), source, path, key=path.name)

    def _read_file(self, seen: dict[str, str], source: str, path: Path, *, key: str) -> Iterator[Document | DocumentError]:
        try:
            stat = path.stat()
        except OSError:  # removed between the walk and now
            return
        item = self._new_item(seen, source, key, f"{stat.st_mtime_ns}/{stat.st_size}", str(path))
        if item is not None:
            yield from self._hand_over(item, read_inputs([str(path)], max_bytes=self.max_bytes))


def _entry_key(feed: Feed, number: int) -> tuple[str, str]:
    """Return what an entry is remembered by, and how it is named in messages.

    That is its id (guid) or link; an entry with neither is remembered by its content, since its
    place in the feed (``NAME#N``, its document id) moves as new entries come in on top.
    """
    entry = feed.entries[number - 1]
    given = entry.get("id") or entry.get("link")
    if given:
        return str(given), str(given)
    doc = feed.entry(number)
    digest = hashlib.sha1(json.dumps([doc.title, doc.published, doc.text]).encode("utf-8", "surrogatepass"))
    return f"content:{digest.hexdigest()}", doc.id


def _source_name(spec: str) -> str:
    """The name a local source is remembered by: its absolute path, wherever the command runs."""
    return os.path.abspath(spec)


def run(follower: Follower, *, every: float, max_polls: int | None = None,
        on_poll: Callable[[int, PollReport], None] | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic) -> PollReport:
    """Poll every ``every`` seconds (from the start of one poll to the next) until ``max_polls``.

    Without ``max_polls`` it runs until interrupted: Ctrl-C (``KeyboardInterrupt``) ends the
    run, and the report returned, marked ``interrupted``, counts the poll cut short too.
    """
    total = PollReport()
    number = 0
    polling = False
    pause = sleep or wait
    try:
        while max_polls is None or number < max_polls:
            number += 1
            started = clock()
            polling = True
            report = follower.poll()
            polling = False
            total.add(report)
            if on_poll is not None:
                on_poll(number, report)
            if max_polls is not None and number >= max_polls:
                break
            pause(max(0.0, every - (clock() - started)))
    except KeyboardInterrupt:
        if polling:
            total.add(follower.current)
        total.interrupted = True
    return total


def wait(seconds: float) -> None:
    """Sleep between polls (a function of its own, so tests can replace it)."""
    time.sleep(seconds)


def stamp() -> str:
    """The local time of day, for the poll lines."""
    return dt.datetime.now().strftime("%H:%M:%S")
