"""Find known names in text: a token n-gram index with Indonesian-aware normalisation.

Names are compared by their normalised words: case-folded, accents stripped, punctuation
dropped, and the Arabic article glued to its noun (``al-Muhandis`` = ``Al Muhandis`` =
``AlMuhandis``).  Short all-capital aliases (``AS``, ``RI``, ``TNI``) match only in capitals,
and a capitalised alias only where the text is capitalised too, so ``Aman`` (a name) never
matches ``aman`` (safe).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from peristiwa.lang.id.entity_names import ARABIC_ARTICLES

T = TypeVar("T")

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case-fold ``word`` and strip accents and apostrophes."""
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c) and c != "'").casefold()


def name_key(name: str) -> str:
    """The comparison key of a name: folded words, the article ``al`` glued to the next word."""
    return _key_of_folded([fold(w) for w in _WORD.findall(name)])


def _key_of_folded(words: list[str]) -> str:
    out: list[str] = []
    glue = False
    for w in words:
        if glue:
            out[-1] += w
            glue = False
        else:
            out.append(w)
            glue = w in ARABIC_ARTICLES
    return " ".join(out)


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, word)."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    alias: str
    value: T


class AliasIndex(Generic[T]):
    """Longest-match lookup of many aliases in a text."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._table: dict[str, list[tuple[str, T]]] = {}
        self._first: set[str] = set(ARABIC_ARTICLES)
        self._max_words = 1
        for alias, value in entries:
            key = name_key(alias)
            if not key:
                continue
            self._table.setdefault(key, []).append((alias, value))
            self._first.add(key.split()[0])
            self._max_words = max(self._max_words, len(key.split()) + 1)

    def __len__(self) -> int:
        return len(self._table)

    def lookup(self, name: str) -> list[tuple[str, T]]:
        """Every (alias, value) whose key equals the name's key."""
        return list(self._table.get(name_key(name), ()))

    @staticmethod
    def _case_ok(alias: str, surface: str) -> bool:
        letters = [c for c in alias if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
            return surface == alias or surface.replace(".", "") == alias.replace(".", "")
        if alias[:1].isupper():
            return surface[:1].isupper() or surface[:1].isdigit()
        return True

    def find(self, text: str, *, skip: Iterable[tuple[int, int]] = ()) -> list[Hit[T]]:
        """Non-overlapping longest matches in ``text``, left to right."""
        toks = words(text)
        folded = [fold(w) for _, _, w in toks]
        skips = list(skip)
        hits: list[Hit[T]] = []
        i = 0
        first = self._first
        while i < len(toks):
            found = None
            if folded[i] not in first and not (i + 1 < len(toks) and folded[i] + folded[i + 1] in first):
                i += 1
                continue
            for n in range(min(self._max_words, len(toks) - i), 0, -1):
                start, end = toks[i][0], toks[i + n - 1][1]
                if any(s < end and start < e for s, e in skips):
                    continue
                key = _key_of_folded(folded[i:i + n])
                cands = self._table.get(key)
                if not cands:
                    continue
                surface = text[start:end]
                ok = [(a, v) for a, v in cands if self._case_ok(a, surface)]
                if ok:
                    found = (n, Hit(start, end, ok[0][0], ok[0][1]))
                    break
            if found:
                hits.append(found[1])
                i += found[0]
            else:
                i += 1
        return hits
