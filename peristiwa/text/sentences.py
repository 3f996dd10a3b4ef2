"""Split news text into sentence spans.

Two passes. First the lines are grouped into blocks: news text has one paragraph per line, so
a line break ends a sentence, except where scraping broke a sentence over lines (a name or
a link scraped one word per line: ``menuju ke\\nPrancis\\n. Thunberg``). A break is joined
when the next line starts in lower case or with punctuation that continues a sentence (``,``
``.`` ``)`` a closing quote), when the line ends with a comma, a dash or an opening quote,
when a short line (at most three words) sits between such joins, or when a dash stands alone
on its line (the ``Jakarta\\n-\\n`` of a dateline). Blank lines always part blocks.

Then each block is cut after ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or
brackets after it) when whitespace and a sentence start follow, that is anything but a
lower-case letter or ``,;:``. A full stop does not end a sentence after an abbreviation in
:mod:`peristiwa.lang.id.abbreviations`, after a single capital initial (``A. Rahman``), after
dotted letters (``U.S.``) or after a list number at the start of a sentence (``1. ...``).

Spans are stripped of surrounding whitespace, never overlap, and every non-space character
of the text is inside one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from peristiwa.lang.id import abbreviations as lang
from peristiwa.types import Span

__all__ = ["split_sentences"]

_QUOTES = "\"'“”‘’«»"
_CLOSERS = _QUOTES + ")]}"
_TERMINALS = ".!?…"
_CONTINUATIONS = ",.;:!?)]}%…"
_DASHES = frozenset("-–—")
_SHORT_LINE_WORDS = 3

_END_RE = re.compile(r"(?:\.{2,}|…|[.!?]+)[\"'”’»)\]}]*(?=\s)")
_TOKEN_BEFORE_RE = re.compile(r"(\S+)\s*\Z")
_WORD_BEFORE_RE = re.compile(r"(\S+)\s+\S+\Z")
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_ENUMERATOR_RE = re.compile(r"(?:\d{1,2}|[A-Za-z]|[IVXivx]{1,4})\.")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    fixed = {a for word in lang.ABBREVIATIONS for a in (word, word.upper())}
    final = {a for word in lang.SENTENCE_FINAL_ABBREVIATIONS for a in (word, word.upper())}
    return frozenset(fixed - final), frozenset(final)


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans, in order."""
    spans: list[Span] = []
    for block_start, block_end in _blocks(text):
        cut = block_start
        for end in _cuts(text, block_start, block_end):
            _add(spans, text, cut, end)
            cut = end
        _add(spans, text, cut, block_end)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span.of(text, start, end))


# ---------------------------------------------------------------------------------------------
# Lines into blocks


def _blocks(text: str) -> list[tuple[int, int]]:
    """Group the lines of ``text`` into runs that may hold several sentences but never part one."""
    lines: list[tuple[int, int]] = []  # stripped (start, end) of each line; (p, p) when blank
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    joined_prev = False  # whether the current line was joined to the line before it
    for i, (start, end) in enumerate(lines):
        if start == end:
            if current is not None:
                blocks.append(current)
            current, joined_prev = None, False
            continue
        if current is None:
            current, joined_prev = (start, end), False
            continue
        prev = text[lines[i - 1][0]:lines[i - 1][1]]
        line = text[start:end]
        after = lines[i + 1] if i + 1 < len(lines) else None
        nxt = text[after[0]:after[1]] if after is not None else ""
        if _joins(prev, line, nxt, joined_prev=joined_prev):
            current, joined_prev = (current[0], end), True
        else:
            blocks.append(current)
            current, joined_prev = (start, end), False
    if current is not None:
        blocks.append(current)
    return blocks


def _last_words_cannot_end(line: str) -> bool:
    """The line stops on a word or two-word title a sentence cannot end on ("mantan", "juru bicara")."""
    words = line.rsplit(None, 2)
    return words[-1] in lang.CANNOT_END or " ".join(words[-2:]) in lang.CANNOT_END


def _joins(prev: str, line: str, nxt: str, *, joined_prev: bool) -> bool:
    """Tell whether the break between the lines ``prev`` and ``line`` is inside a sentence."""
    if _ends_sentence(prev):
        return False
    if _continues(line):
        return True
    if _leads_on(prev) and not line.isupper():
        return True  # but "SCROLL TO CONTINUE WITH CONTENT" after a comma is page furniture
    if prev[-1].islower() and _last_words_cannot_end(prev):
        return True  # "… terhadap mantan presiden\nEvo Morales karena …": a name linked onto its own line
    if line[0] == "(" and prev[-1].islower():
        return True  # "kelompok kriminal bersenjata\n(KKB) anak buah ..."
    if (nxt and _is_short(line) and (line[0].isupper() or line[0].isdigit())
            and not _ends_sentence(line) and _continues(nxt)):
        return True  # "menuju ke\nJalur Gaza\n." : a name scraped onto its own line
    # "Jakarta\n-\nJaksa Agung\nBolivia\nRoger ...": short capitalised pieces of a sentence
    # already running over lines.
    return joined_prev and _is_short(prev) and (prev[0].isupper() or prev[0].isdigit())


def _ends_sentence(line: str) -> bool:
    body = line.rstrip(_CLOSERS)
    if not body or body[-1] not in _TERMINALS:
        return False
    if body[-1] == "." and not body.endswith(".."):
        token = _TOKEN_BEFORE_RE.search(body)
        if token is not None and _is_abbreviation(token.group(1), body[:token.start(1)]):
            return False
    return True


def _continues(line: str) -> bool:
    """Tell whether a line carries on the sentence of the line before it."""
    first = line[0]
    if first.islower() or first in _CONTINUATIONS:
        return True
    if line in _DASHES:
        return True
    # a closing quote: followed by a space or punctuation, not by the quoted words
    return first in _QUOTES and (len(line) == 1 or line[1] == " " or line[1] in _CONTINUATIONS)


def _leads_on(line: str) -> bool:
    """Tell whether a line stops where the sentence must go on (a comma, a dash, an open quote)."""
    last = line[-1]
    if last in ",;(/" or line in _DASHES:
        return True
    if last in _DASHES:
        return any(c not in _DASHES for c in line)  # "Jakarta -", not a "-------" rule
    return last in _QUOTES and (len(line) == 1 or line[-2] == " ")


def _is_short(line: str) -> bool:
    return len(line.split()) <= _SHORT_LINE_WORDS


# ---------------------------------------------------------------------------------------------
# Sentence ends inside a block


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Return the offsets inside ``text[start:end]`` after which a sentence ends."""
    cuts: list[int] = []
    sent_start = start
    for m in _END_RE.finditer(text, start, end):
        after = m.end()
        nxt = after
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        following = text[nxt]
        if following.islower() or following in ",;:":
            continue
        mark = m.group()
        if mark[0] == "." and not mark.startswith(".."):
            token = _TOKEN_BEFORE_RE.search(text, sent_start, m.start() + 1)
            if token is not None:
                word = token.group(1)
                if _is_abbreviation(word, text[sent_start:token.start(1)]):
                    continue
        cuts.append(after)
        sent_start = after
    return cuts


def _is_abbreviation(token: str, before: str) -> bool:
    """Tell whether the full stop ending ``token`` is part of it; ``before`` is the sentence so far."""
    fixed, _ = _abbreviations()
    word = token.lstrip(_QUOTES + "([{")
    if word in fixed or _INITIALS_RE.fullmatch(word):
        return True
    if not before.strip() and _ENUMERATOR_RE.fullmatch(word):
        return True  # "1. Pertama ...", "a. ..."
    if len(word) == 2 and word[0].isupper():
        prev = before.split()[-1].lower().strip(_QUOTES + "(,") if before.split() else ""
        return prev not in lang.INITIAL_IS_NAME_AFTER  # "A. Rahman", not "media sosial X."
    return False
