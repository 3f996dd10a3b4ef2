"""Light tokens for the rule stages: words and punctuation with offsets into the analysis view."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Tok:
    """One word or punctuation mark; ``start``/``end`` index the analysis view."""

    i: int
    start: int
    end: int
    text: str
    low: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokenize ``text[start:end]`` keeping offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        out.append(Tok(len(out), m.start(), m.end(), m.group(0), m.group(0).lower()))
    return out
