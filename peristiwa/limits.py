"""The time cap of one document, checked by the stages as they go (no threads, no signals).

``pipeline.analyse`` opens a :func:`time_limit` around a document; the stages call
:func:`check` between steps and :func:`tick` inside their loops, and walk sentences through
:class:`TimedList`, whose iteration ticks. Past the deadline these raise
:class:`DocumentTimeout`, a ``DocumentError`` naming the document, so a pathological text
costs at most about ``max_seconds`` and the run goes on. Outside a time limit they do nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from peristiwa.types import DocumentError

T = TypeVar("T")
# The clock is read once every this many ticks: a tick costs an attribute increment.
TICKS_PER_CHECK = 32


class DocumentTimeout(DocumentError):
    """A document took longer than the time cap (``Settings.max_seconds``)."""


class _Deadline:
    __slots__ = ("doc_id", "end", "seconds", "ticks")

    def __init__(self, doc_id: str, seconds: float) -> None:
        self.doc_id = doc_id
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.ticks = 0

    def check(self, stage: str) -> None:
        if time.monotonic() > self.end:
            raise DocumentTimeout(self.doc_id, f"took longer than {self.seconds:g} s (stopped in {stage}); "
                                  "raise --max-seconds to read it")


_CURRENT: ContextVar[_Deadline | None] = ContextVar("peristiwa_deadline", default=None)


@contextmanager
def time_limit(doc_id: str, seconds: float | None) -> Iterator[None]:
    """Give the document ``doc_id`` at most ``seconds`` (None or 0: no cap) within this block."""
    token = _CURRENT.set(_Deadline(doc_id, seconds) if seconds else None)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def check(stage: str) -> None:
    """Raise DocumentTimeout when the current document is past its deadline."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check(stage)


def tick(stage: str) -> None:
    """Count one step of a loop; every TICKS_PER_CHECK steps, :func:`check` the deadline."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.ticks += 1
        if deadline.ticks % TICKS_PER_CHECK == 0:
            deadline.check(stage)


class TimedList(list[T]):
    """A list whose iteration ticks the current deadline: sentence loops stop at the cap."""

    def __init__(self, items: Iterable[T] = (), *, stage: str) -> None:
        super().__init__(items)
        self.stage = stage

    def __iter__(self) -> Iterator[T]:
        stage = self.stage
        for item in super().__iter__():
            tick(stage)
            yield item
