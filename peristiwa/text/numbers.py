"""Find counts in text: digits, number words, vague amounts, approximations and ranges.

A count is returned as a :class:`~peristiwa.types.Quantity` whose ``span`` covers the number
expression with its hedge (``sekitar 50``, ``lebih dari 18.000``, ``10-15``, ``puluhan ribu``)
and whose ``noun`` is the head of the noun phrase it counts, when one follows (``warga
Palestina``, ``orang``, ``tentara AS``; after a classifier, ``tiga orang warga`` counts
``warga`` and ``dua unit mobil`` counts ``mobil``, but ``20 orang Palestina`` keeps ``orang
Palestina``).

How hedges are read (``N`` is the number; all set ``approximate=True``):

* ``sekitar N``, ``kurang lebih N``: ``N..N``.
* ``setidaknya``/``sedikitnya``/``minimal N``: ``N..N``. "At least 44 killed" states 44 killed;
  the gold guidelines write it as 44, and any wider range would not sit inside that gold.
* ``lebih dari N``: ``N+1 .. max(N+1, 2N-1)``. Gold writes "more than N" as ``N .. 10N-1``
  (or tighter when the article bounds it); a prediction must lie inside the gold range, so we
  stay narrow.
* ``hampir N`` (almost): ``lo .. N`` where ``lo`` is ``N`` cut to two significant digits
  (``hampir 54.700`` → 54 000..54 700), or, when ``N`` already is that round, ``N`` less 10 %
  rounded up (``hampir 100`` → 90..100).
* ``kurang dari N`` / ``di bawah N``: as ``hampir N`` but ending at ``N-1``.
* vague words (``puluhan`` 20..99, ``belasan`` 11..19, ``ratusan``, ``ribuan``, ``puluhan ribu``
  10 000..99 999, ``jutaan``, …) give their range; ranges (``10-15``, ``10 hingga 15``, ``dua
  atau tiga``, ``antara 10 dan 15``) give ``min..max`` and are not approximate.

Not counts (skipped): years (4 digits 1800-2100 unless a classifier follows), dates (``27
Desember``, ``18/6/2025``), clock times (``10:15``, ``pukul 7``, ``18.36 WIT``), percentages,
money (``Rp1,2 triliun``, ``US$150 juta``, ``500 ribu rupiah``), ordinals (``ke-2``; ``kedua`` is
no number word), parts of names (``Densus 88``, ``Hermes 900``, ``F-35``, ``20detik``), labels
(``Pasal 28``, ``siaga 1``), ages in brackets (``MNA (13)``), phone numbers, numbers with a
leading zero, non-integers without a scale (``2,5 km``) and idioms (``satu sama lain``,
``tidak seorang pun``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from peristiwa.lang.id import numbers as lang
from peristiwa.lang.id.time_words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from peristiwa.types import Quantity, Span

__all__ = ["find_quantities", "parse_number"]

_HWS = r"[^\S\n]"  # whitespace that is not a line break


def _alts(words: Sequence[str]) -> str:
    """Build a regex alternation, longest first, with single spaces matching any run of them."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", f"{_HWS}+") for w in parts)


_NUMBER_WORDS: tuple[str, ...] = (
    *lang.UNITS, *lang.FIXED, lang.TEENS_SUFFIX, lang.TENS_SUFFIX, lang.HUNDREDS_SUFFIX,
    *lang.SCALES, *lang.ONE_SCALES, lang.ONE_PERSON, lang.HALF, *lang.VAGUE,
)
_WORD = rf"(?:{_alts(_NUMBER_WORDS)})(?!\w)"
_WORD_RUN_RE = re.compile(rf"(?i)(?<!\w){_WORD}(?:{_HWS}+{_WORD})*")
_DIGITS_RE = re.compile(
    rf"(?<![\d.,])(?P<num>\d+(?:[.,]\d+)*)(?!\d)(?:{_HWS}+(?P<scale>{_alts(tuple(lang.SCALES))})(?!\w))?",
    re.IGNORECASE,
)
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_RE = re.compile(r"(\d+)[.,](\d+)")
_RANGE_GAP_RE = re.compile(
    rf"(?i){_HWS}*[-–—]{_HWS}*|{_HWS}+(?:{_alts(lang.RANGE_JOINERS)}){_HWS}+"
)
_BETWEEN_GAP_RE = re.compile(rf"(?i){_HWS}+{re.escape(lang.RANGE_BETWEEN[1])}{_HWS}+")
_BETWEEN_BEFORE_RE = re.compile(rf"(?i)(?<!\w){re.escape(lang.RANGE_BETWEEN[0])}{_HWS}+$")
_CUE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("approx", lang.APPROXIMATE), ("at_least", lang.AT_LEAST), ("more", lang.MORE_THAN),
    ("almost", lang.ALMOST), ("less", lang.LESS_THAN),
)
_CUE_RE = re.compile(
    "(?i)(?<!\\w)(?:"
    + "|".join(f"(?P<{name}>{_alts(words)})" for name, words in _CUE_GROUPS)
    + rf"){_HWS}+$"
)
_NEXT_TOKEN_RE = re.compile(rf"{_HWS}*(%|[^\W\d_][\w$.'’-]*)")
_PREV_TOKEN_RE = re.compile(r"(\S+)\s*$")
_NOUN_WORD_RE = re.compile(rf"{_HWS}+([^\W\d_]+(?:-[^\W\d_]+)*)")
_TOKEN_RE = re.compile(r"\S+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT_BEFORE_RE = re.compile(rf"\d{_HWS}+$")
_DIGIT_AFTER_RE = re.compile(rf"{_HWS}+\d")

_MONTHS = frozenset(MONTHS)
_MONTH_ABBR = frozenset(MONTH_ABBREVIATIONS)
_WEEKDAYS = frozenset(w.lower() for w in WEEKDAYS)
_PERCENT = frozenset(lang.PERCENT_WORDS)
_CURRENCY_WORDS = frozenset(lang.CURRENCY_WORDS)
_CURRENCY_MARKS = frozenset(lang.CURRENCY_MARKS)
_TIME_ZONES = frozenset(lang.TIME_ZONES)
_LABELS = frozenset(lang.LABEL_WORDS)
_CUES = frozenset(lang.QUANTITY_CUES)
_CLASSIFIERS = frozenset(lang.CLASSIFIERS)
_PERSON_CLASSIFIER = lang.CLASSIFIERS[0]  # "orang"
_PERSON_NOUNS = frozenset(lang.PERSON_NOUNS)
_NOT_NOUNS = frozenset(lang.NOT_NOUNS)
_NOUN_MODIFIERS = frozenset(lang.NOUN_MODIFIERS)
_VERB_NOUNS = frozenset(lang.NOUNS_WITH_VERB_PREFIX)
_IDIOMS = tuple(sorted(lang.IDIOMS, key=len, reverse=True))
_LEFT_BAD = frozenset("$€£¥+/:#@&=\\*^~")
_RIGHT_BAD = frozenset("/:%(°'’")
_DASHES = frozenset("-–—")
_SENTENCE_OPENERS = frozenset("\n.!?:\"“”'‘’([-–—")
_PUNCT_STRIP = "()[]{}\"'“”‘’,;:!?"


@dataclass(slots=True)
class _Atom:
    """One number before ranges and hedges are applied."""

    start: int
    end: int
    lo: int
    hi: int
    words: bool  # written in words, not digits
    vague: bool
    raw: str  # the digits as written (digits atoms only)
    scale: int  # the scale word's value, 1 when none (digits atoms only)
    dash_left: bool = False  # a dash glues it to a number on its left ("10-15")
    dash_right: bool = False


# ---------------------------------------------------------------------------------------------
# Parsing numbers


def parse_number(words: str) -> tuple[int, int] | None:
    """Read a number expression as ``(min, max)``; None when it is not one.

    Takes number words (``dua puluh lima`` → (25, 25), ``puluhan`` → (20, 99), ``puluhan ribu``
    → (10000, 99999), ``seorang`` → (1, 1)) and digits with an optional scale word (``1.200``,
    ``1,5 juta``, ``3 ribu``). Case and runs of spaces do not matter; hedges are not read here.
    """
    tokens = words.lower().split()
    if not tokens:
        return None
    if tokens[0][0].isdigit():
        if len(tokens) > 2 or (len(tokens) == 2 and tokens[1] not in lang.SCALES):
            return None
        scale = lang.SCALES[tokens[1]] if len(tokens) == 2 else 1
        value = _digits_value(tokens[0], scale)
        return None if value is None else (value, value)
    return _words_value(tuple(tokens))


_MAX_DIGITS = 40


def _digits_value(raw: str, scale: int) -> int | None:
    """Return the integer that ``raw`` digits times ``scale`` write, or None (times, decimals)."""
    if len(raw) > _MAX_DIGITS:  # no count is that long (and int() refuses over 4,300 digits)
        return None
    if raw.isdigit():
        return int(raw) * scale
    if _THOUSANDS_RE.fullmatch(raw):
        return int(raw.replace(".", "")) * scale
    m = _DECIMAL_RE.fullmatch(raw)
    if m is None or scale == 1:
        return None  # "18.36" is a time, "2,5" a measure: not a whole count
    whole, frac = m.groups()
    num = int(whole + frac) * scale
    den = 10 ** len(frac)
    return num // den if num % den == 0 else None


@lru_cache(maxsize=4096)
def _words_value(tokens: tuple[str, ...]) -> tuple[int, int] | None:
    first = tokens[0]
    if first == lang.ONE_PERSON:
        return (1, 1) if len(tokens) == 1 else None
    if first in lang.VAGUE:
        if len(tokens) == 1:
            return lang.VAGUE[first]
        if len(tokens) == 2 and tokens[1] in lang.SCALES and first in lang.VAGUE_SCALED:
            lo, hi = lang.VAGUE_SCALED[first]
            scale = lang.SCALES[tokens[1]]
            return lo * scale, (hi + 1) * scale - 1
        return None
    if first == lang.HALF:
        if len(tokens) == 2 and tokens[1] in lang.SCALES:
            value = lang.SCALES[tokens[1]] // 2
            return value, value
        return None
    exact = _exact_words_value(tokens)
    return None if exact is None else (exact, exact)


def _exact_words_value(tokens: tuple[str, ...]) -> int | None:
    total, i, last_scale = 0, 0, float("inf")
    while i < len(tokens):
        tok = tokens[i]
        if tok in lang.ONE_SCALES:
            scale = lang.ONE_SCALES[tok]
            if scale >= last_scale:
                return None
            total, last_scale, i = total + scale, scale, i + 1
            continue
        group = _group_value(tokens, i)
        if group is None:
            return None
        value, i = group
        if i < len(tokens) and tokens[i] in lang.SCALES:
            scale = lang.SCALES[tokens[i]]
            if scale >= last_scale:
                return None
            total, last_scale, i = total + value * scale, scale, i + 1
        elif i == len(tokens):
            total += value
        else:
            return None
    return total if tokens else None


def _group_value(tokens: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Read a 1..999 group from ``tokens[i]`` on: (value, index after it), or None."""

    def tok(k: int) -> str:
        return tokens[k] if k < len(tokens) else ""

    suffixes = (lang.TEENS_SUFFIX, lang.TENS_SUFFIX, lang.HUNDREDS_SUFFIX)
    start, value = i, 0
    if tok(i) in lang.FIXED and lang.FIXED[tok(i)] >= 100:
        value, i = lang.FIXED[tok(i)], i + 1
    elif tok(i) in lang.UNITS and tok(i + 1) == lang.HUNDREDS_SUFFIX:
        value, i = lang.UNITS[tok(i)] * 100, i + 2
    if tok(i) in lang.FIXED and lang.FIXED[tok(i)] < 100:
        value, i = value + lang.FIXED[tok(i)], i + 1
    elif tok(i) in lang.UNITS and tok(i + 1) == lang.TEENS_SUFFIX:
        value, i = value + 10 + lang.UNITS[tok(i)], i + 2
    elif tok(i) in lang.UNITS and tok(i + 1) == lang.TENS_SUFFIX:
        value, i = value + 10 * lang.UNITS[tok(i)], i + 2
        if tok(i) in lang.UNITS and tok(i + 1) not in suffixes:
            value, i = value + lang.UNITS[tok(i)], i + 1
    elif tok(i) in lang.UNITS and tok(i + 1) not in suffixes:
        value, i = value + lang.UNITS[tok(i)], i + 1
    return (value, i) if i > start else None


# ---------------------------------------------------------------------------------------------
# Finding numbers


def find_quantities(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Find the counts in ``text``, in order of position.

    ``skip`` holds ``(start, end)`` ranges already taken (noise, dates): a count touching one
    is dropped, and a noun touching one is left out.
    """
    atoms = _merge_ranges(text, _find_atoms(text))
    out: list[Quantity] = []
    for atom in atoms:
        quantity = _to_quantity(text, atom)
        if quantity is None or any(quantity.span.overlaps(s) for s in skip):
            continue
        if quantity.noun is not None and any(quantity.noun.overlaps(s) for s in skip):
            quantity = Quantity(quantity.span, quantity.min, quantity.max, None, quantity.approximate)
        out.append(quantity)
    return out


def _find_atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in _DIGITS_RE.finditer(text):
        raw = m.group("num")
        scale = lang.SCALES[m.group("scale").lower()] if m.group("scale") else 1
        value = _digits_value(raw, scale)
        if value is None or (len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()):
            continue
        start, end = m.start("num"), m.end()
        glue = _digit_glue(text, start, m.end("num"))
        if glue is None:
            continue
        atoms.append(_Atom(start, end, value, value, False, False, raw, scale, *glue))
    taken = [(a.start, a.end) for a in atoms]
    for m in _WORD_RUN_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        atoms.extend(_word_atoms(text, m.start(), m.group()))
    atoms.sort(key=lambda a: a.start)
    return atoms


def _digit_glue(text: str, start: int, end: int) -> tuple[bool, bool] | None:
    """Check what touches a run of digits: (dash on left, dash on right), or None to drop it."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    dash_left = dash_right = False
    if before.isalpha() or before == "_" or before in _LEFT_BAD:
        return None  # Rp1,2 / G20 / US$150 / +61 / 18/6
    if before in _DASHES and start >= 2 and not text[start - 2].isspace():
        if not text[start - 2].isdigit():
            return None  # F-35, ke-2
        dash_left = True
    if after.isalpha() or after == "_" or after in _RIGHT_BAD:
        return None  # 20detik, 45A, 50%, 10:15, 17(2)
    if after in _DASHES and end + 1 < len(text) and not text[end + 1].isspace():
        if not text[end + 1].isdigit():
            return None  # 1990-an
        dash_right = True
    if before == "(" and after == ")":
        return None  # an age or an item number: "MNA (13)", "(2)"
    return dash_left, dash_right


def _word_atoms(text: str, offset: int, run: str) -> list[_Atom]:
    """Split a run of number words into the longest numbers it reads as."""
    toks = [(m.start() + offset, m.end() + offset, m.group().lower()) for m in _TOKEN_RE.finditer(run)]
    atoms: list[_Atom] = []
    i = 0
    while i < len(toks):
        for j in range(len(toks), i, -1):
            value = _words_value(tuple(t[2] for t in toks[i:j]))
            if value is not None:
                start, end = toks[i][0], toks[j - 1][1]
                dash_left = start >= 2 and text[start - 1] in _DASHES and text[start - 2].isalpha()
                dash_right = end + 1 < len(text) and text[end] in _DASHES and text[end + 1].isalpha()
                vague = toks[i][2] in lang.VAGUE
                atoms.append(_Atom(start, end, *value, True, vague, "", 1, dash_left, dash_right))
                i = j
                break
        else:
            i += 1
    return atoms


def _merge_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join ``A-B``, ``A hingga B``, ``A atau B``, ``antara A dan B`` and ``dua tiga`` into ranges."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            merged = _range(text, a, b)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    # A dash left dangling glues the number to something that is not a count (satu-satunya,
    # 0812-3456, a 2-1 score).
    return [a for a in out if not (a.dash_left or a.dash_right)]


def _range(text: str, a: _Atom, b: _Atom) -> _Atom | None:
    gap = text[a.end:b.start]
    lo = a.lo
    if not a.words and not b.words and a.scale == 1 and b.scale > 1 and a.lo * b.scale <= b.lo:
        lo = a.lo * b.scale  # "1-2 juta": the scale belongs to both ends
    if lo >= b.lo:
        return None
    start = a.start
    joined = bool(_RANGE_GAP_RE.fullmatch(gap))
    if not joined and _BETWEEN_GAP_RE.fullmatch(gap):
        between = _BETWEEN_BEFORE_RE.search(text, max(0, a.start - 12), a.start)
        if between is not None:
            joined, start = True, between.start()
    if not joined and a.words and b.words and gap.isspace() and "\n" not in gap:
        joined = a.lo == a.hi and b.lo == b.hi == a.lo + 1 and b.lo <= 10  # "dua tiga orang"
    if not joined:
        return None
    if a.words != b.words and any(d in gap for d in _DASHES):
        return None  # "dua-3" is no range
    return _Atom(start, b.end, lo, b.hi, a.words and b.words, a.vague or b.vague,
                 a.raw, b.scale, a.dash_left, b.dash_right)


# ---------------------------------------------------------------------------------------------
# Context: what the number is, its hedge and its noun


def _to_quantity(text: str, atom: _Atom) -> Quantity | None:
    start, end = atom.start, atom.end
    lowered = text[start:start + 24].lower()
    if any(lowered.startswith(idiom) for idiom in _IDIOMS):
        return None
    nxt = _NEXT_TOKEN_RE.match(text, end)
    next_word = nxt.group(1) if nxt else ""
    if next_word and _is_not_a_count_before(next_word):
        return None
    if _is_year(atom) and next_word.lower() not in _CLASSIFIERS:
        return None
    window = text[max(0, start - 40):start]
    cue = _CUE_RE.search(window)
    prev = _PREV_TOKEN_RE.search(window if cue is None else window[:cue.start()])
    prev_raw = prev.group(1) if prev else ""
    prev_start = start - len(window) + prev.start(1) if prev else start
    if prev_raw and cue is None and _is_label(prev_raw):
        return None
    if _DIGIT_BEFORE_RE.search(window) or _DIGIT_AFTER_RE.match(text, end):
        return None  # a run of digit groups is a phone or id number
    if end < len(text) and text[end] in ",.)" and _at_sentence_start(text, start):
        return None  # a list item: "1. ...", "Dua, cabut ..."
    noun = _noun(text, end)
    if atom.words:
        word = text[start:end]
        if word[:1].isupper() and not word.isupper() and not _at_sentence_start(text, start):
            return None  # "Lima" the city, "Tim Satu"
    elif cue is None and _is_name_part(text, prev_start, prev_raw, noun):
        return None
    lo, hi, approximate = atom.lo, atom.hi, atom.vague
    span_start = start
    if cue is not None:
        span_start = start - len(window) + cue.start()
        lo, hi = _hedge(cue.lastgroup or "", lo, hi)
        approximate = True
    if lo > hi:
        return None
    return Quantity(Span.of(text, span_start, end), lo, hi, noun, approximate)


def _is_not_a_count_before(word: str) -> bool:
    """Tell whether the word after a number makes it a date, percentage, money or clock time."""
    low = word.lower().rstrip(".")
    if low in _MONTHS or (low in _MONTH_ABBR and word[:1].isupper()):
        return True
    return low in _PERCENT or low in _CURRENCY_WORDS or word in _TIME_ZONES or low in lang.NEGATING_NEXT


def _is_year(atom: _Atom) -> bool:
    return (not atom.words and atom.scale == 1 and atom.raw.isdigit() and len(atom.raw) == 4
            and 1800 <= int(atom.raw) <= 2100)


def _is_label(prev_raw: str) -> bool:
    """Tell whether the token before a number is money or a label ("Rp", "US$", "Pasal", "No.")."""
    if prev_raw[-1:] in ",;:)]”\"":
        return False  # punctuation parts the number from the word
    token = prev_raw.strip(_PUNCT_STRIP).lower()
    return token.endswith("$") or token.rstrip(".") in _CURRENCY_MARKS or token.rstrip(".") in _LABELS


def _is_name_part(text: str, prev_start: int, prev_raw: str, noun: Span | None) -> bool:
    """Tell whether digits continue a capitalised name ("Densus 88", "Hermes 900")."""
    if not prev_raw or not prev_raw[-1].isalnum():
        return False
    token = prev_raw.lstrip(_PUNCT_STRIP)
    if not token[:1].isupper() or token.lower() in _CUES or token.lower() in _WEEKDAYS:
        return False
    if _at_sentence_start(text, prev_start + len(prev_raw) - len(token)):
        # "Kemudian 3 orang" is a sentence opener; "Densus 88 menangkap" is a name.
        return noun is None or not text[noun.start].islower()
    return True


def _at_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\xa0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def _hedge(kind: str, lo: int, hi: int) -> tuple[int, int]:
    """Apply a hedge to ``lo..hi`` (see the module docstring for the rules)."""
    if lo != hi:
        return lo, hi  # a hedged vague amount or range keeps its range
    n = lo
    if kind == "more":
        return n + 1, max(n + 1, 2 * n - 1)
    if kind in ("almost", "less"):
        top = n if kind == "almost" else n - 1
        digits = len(str(n))
        low = n // 10 ** max(0, digits - 2) * 10 ** max(0, digits - 2)
        if low >= n:
            low = n - max(1, -(-n // 10))
        return max(0, min(low, top)), top
    return n, n


def _noun(text: str, pos: int) -> Span | None:
    """Find the noun phrase a number counts, starting right after it."""
    first = _noun_word(text, pos)
    if first is None:
        return None
    start, end, word, _ = first
    if word.lower() in _CLASSIFIERS:
        head = _noun_word(text, end)
        if head is not None and _is_head(head[2]):
            if word.lower() != _PERSON_CLASSIFIER:
                return _extend(text, head[0], head[1], 2)  # "dua unit mobil"
            if head[2][:1].isupper():
                return _extend(text, start, head[1], 2)  # "20 orang Palestina"
            if head[2].lower() in _PERSON_NOUNS:
                return _extend(text, head[0], head[1], 2)  # "tiga orang warga"
        return Span.of(text, start, end)
    if not _is_head(word):
        return None
    return _extend(text, start, end, 2)


def _noun_word(text: str, pos: int) -> tuple[int, int, str, bool] | None:
    """Return the word after ``pos`` as (start, end, word, cut) or None; ``cut`` when glued."""
    m = _NOUN_WORD_RE.match(text, pos)
    if m is None:
        return None
    word = _CAMEL_RE.split(m.group(1), maxsplit=1)[0]  # scraped "wargaPalestinatewas"
    return m.start(1), m.start(1) + len(word), word, len(word) != len(m.group(1))


def _is_head(word: str) -> bool:
    low = word.lower()
    if len(low) < 2 or low in _NOT_NOUNS or low in _WEEKDAYS or low in _MONTHS:
        return False
    if low in _PERCENT or low in _CURRENCY_WORDS:
        return False
    return not _looks_like_verb(low)


def _looks_like_verb(low: str) -> bool:
    return (len(low) >= lang.VERB_PREFIX_MIN_LEN and low not in _VERB_NOUNS
            and any(low.startswith(p) for p in lang.VERB_PREFIXES))


def _extend(text: str, start: int, end: int, more: int) -> Span:
    """Extend a noun head with up to ``more`` names or listed modifiers ("warga Palestina")."""
    for _ in range(more):
        nxt = _noun_word(text, end)
        if nxt is None:
            break
        word = nxt[2]
        low = word.lower()
        if (low in _NOT_NOUNS or low.endswith("nya") or low in _WEEKDAYS or low in _MONTHS
                or _looks_like_verb(low)):
            break
        if not (word[:1].isupper() or low in _NOUN_MODIFIERS):
            break
        end = nxt[1]
        if nxt[3]:
            break  # the rest of a glued word is not readable
    return Span.of(text, start, end)
