"""Where a candidate place or date is written, seen from the act: shared by ``place_model`` and ``date_model``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

M = TypeVar("M", bound=tuple)


def count_bucket(n: int) -> str:
    """A mention count or rank as a coarse feature value."""
    return str(n) if n <= 1 else "2-3" if n <= 3 else "4+"


def sentence_distance(mention_sent: int, act_sent: int) -> str:
    """How far a mention's sentence lies from the act's ("none": not written in any sentence)."""
    if mention_sent < 0:
        return "none"
    ds = mention_sent - act_sent
    if ds == 0:
        return "same"
    if ds < 0:
        return "prev1" if ds == -1 else "prev2-3" if ds >= -3 else "prev4+"
    return "next1" if ds == 1 else "next2+"


def nearest(mentions: Sequence[M], act_sent: int, *, sent: int, start: int) -> M:
    """The mention nearest the act's sentence, one before it rather than after on a tie, then the first
    (``sent`` and ``start``: the positions of the sentence index and the offset in a mention tuple)."""
    return min(mentions, key=lambda m: (abs(m[sent] - act_sent), m[sent] > act_sent, m[start]))


def around(act_sent: int, n_sentences: int) -> Iterator[int]:
    """Sentence indices from the act's outwards: itself, the one before, the one after, …"""
    yield act_sent
    for k in range(1, n_sentences):
        for i in (act_sent - k, act_sent + k):
            if 0 <= i < n_sentences:
                yield i
