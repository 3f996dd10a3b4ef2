"""The place gazetteer: countries, world cities, Indonesian provinces, regencies and districts.

``Gazetteer.default()`` loads ``peristiwa/data/places/places.tsv`` (built by
``tools/build_gazetteer.py``) once per process.  ``find`` marks place names in a text:
longest match first, case-aware (``AS`` only upper case; ``Batu`` only capitalised), with
Indonesian prefixes (``Kabupaten Nduga``, ``Kota Gaza``, ``Distrik X``) and a guard against
names that are also ordinary words or personal names (see ``peristiwa.lang.id.places``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from peristiwa.lang.id import places as vocab
from peristiwa.types import Place, PlaceMention, Span, place_precision

__all__ = ["Gazetteer"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WORD_GAP = re.compile(r"[ -]")
_FLAGS = "=?~!^_"  # flag characters before a name in the data (see tools/build_gazetteer.py)
# Quotes and brackets that may stand between a sentence end and its first word.
_OPENERS = frozenset("\"'“”‘’«»([{*-–—•")
_SENTENCE_END = frozenset(".!?\n:;…|")
_MAX_PREFIX_TOKENS = max(len(p.split()) for p in vocab.PLACE_PREFIXES)
# The name after an open prefix ("Kampung Lambera") has at most this many words.
_OPEN_NAME_TOKENS = 3
# An all-capitals word ("TEHERAN") is taken for a foreign city of at least this weight.
_CAPS_MIN_WEIGHT = 10.5
# How far after an unknown village the enclosing district or regency may be named.
_CONTEXT_CHARS = 80
_CONTEXT = re.compile(r"\s*,?\s*(?=[^\W\d_])")


class _Entry(NamedTuple):
    """One name of one record, with how it may be matched."""

    rec: int
    form: str
    caps: tuple[bool, ...]  # per word: must the text's word be capitalised?
    exact: bool  # match the exact case only ("AS")
    word: bool  # also an ordinary word
    person: bool  # also a personal name
    prefix_only: bool  # only after a prefix ("Kecamatan X")
    minor: bool  # a small foreign town: only after a locative cue
    weak: bool  # a district or mid-sized town: not inside a longer capitalised name


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _sep(text: str, left: _Tok, right: _Tok) -> str | None:
    """The normalised separator between two words of one name, or None when they cannot join."""
    between = text[left.end:right.start]
    if between == " ":
        return " "
    if between == "-":
        return "-"
    if not between.strip() and "\n" not in between and len(between) <= 3:
        return " "
    return None


def _key_of(name: str) -> tuple[str, tuple[bool, ...]] | None:
    """The lookup key of a name ("Deir al-Balah" -> "deir al-balah") and its capitalised words."""
    toks = _tokens(name)
    if not toks or toks[0].start != 0 or toks[-1].end != len(name):
        return None
    parts = [toks[0].text]
    for a, b in itertools.pairwise(toks):
        sep = _sep(name, a, b)
        if sep is None:
            return None
        parts += [sep, b.text]
    key = "".join(parts).lower().replace("’", "'")
    return key, tuple(t.text[:1].isupper() for t in toks)


def _float(x: str) -> float | None:
    return float(x) if x else None


class Gazetteer:
    """Place records by name, and a finder of place names in text."""

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        """Build from rows ``name precision country admin1 lat lon weight coord_source names``.

        ``names`` lists every name of the record, flagged (empty: the record's own name only),
        each written as the build script writes them: words joined by one space or a hyphen.
        Records and their names are parsed on first use, so loading stays fast.
        """
        self._rows: list[Sequence[str]] = []
        self._places: dict[int, Place] = {}
        self._raw: dict[str, list[tuple[int, str]]] = {}  # key -> (record, flagged name)
        self._parsed: dict[str, list[_Entry]] = {}
        self._words: dict[str, int] = {}  # first word of a longer name -> most words after it
        self._countries: dict[str, int] = {}
        raw = self._raw
        for idx, row in enumerate(rows):
            self._rows.append(row)
            name, names = row[0], row[8]
            if row[1] == "country" and row[2]:
                self._countries[row[2]] = idx
            for form in names.split("|") if names else (name,):
                key = form.lstrip(_FLAGS).lower()
                if key:
                    raw.setdefault(key, []).append((idx, form))
        words = self._words
        for key in raw:
            if " " in key or "-" in key:
                gaps = _WORD_GAP.findall(key)
                first = key[:_WORD_GAP.search(key).start()]  # type: ignore[union-attr]
                words[first] = max(words.get(first, 1), len(gaps) + 1)

    def _place(self, idx: int) -> Place:
        place = self._places.get(idx)
        if place is None:
            row = self._rows[idx]
            place = Place(row[0], row[2] or None, row[3] or None, _float(row[4]), _float(row[5]),
                          place_precision(row[1]))
            self._places[idx] = place
        return place

    def _weight(self, idx: int) -> float:
        return float(self._rows[idx][6])

    def _entries(self, key: str) -> list[_Entry]:
        """The parsed names under ``key``, heaviest record first."""
        got = self._parsed.get(key)
        if got is None:
            got = []
            for idx, form in self._raw.get(key, ()):
                flags = form[:len(form) - len(form.lstrip(_FLAGS))]
                form = form[len(flags):]
                caps = tuple(w[:1].isupper() for w in _WORD_GAP.split(form))
                got.append(_Entry(idx, form, caps, "=" in flags, "?" in flags or key in vocab.AMBIGUOUS_NAMES,
                                  "~" in flags or key in vocab.PERSON_LIKE_NAMES, "!" in flags,
                                  "^" in flags, "_" in flags))
            got.sort(key=lambda e: -self._weight(e.rec))
            self._parsed[key] = got
        return got

    @classmethod
    def from_tsv(cls, text: str) -> Gazetteer:
        """Build from the text of a ``places.tsv`` file (header line first)."""
        lines = text.splitlines()[1:]
        return cls(line.split("\t") for line in lines if line)

    @classmethod
    def default(cls) -> Gazetteer:
        """Return the shipped gazetteer (loaded once per process)."""
        return _default()

    def __len__(self) -> int:
        return len(self._rows)

    # ------------------------------------------------------------------ lookups

    def country(self, iso3: str) -> Place | None:
        """Return the country record for an ISO3 code."""
        idx = self._countries.get(iso3.upper())
        return None if idx is None else self._place(idx)

    def lookup(self, name: str, *, country: str | None = None) -> Place | None:
        """Return the best record for a name ("Gaza", "Kabupaten Nduga", "AS"), or None.

        Case does not matter except for abbreviations such as ``AS``; a leading prefix
        (``Kota``, ``Kabupaten``, ``Distrik``...) restricts the kind of place.  ``country``
        (ISO3) keeps records of that country only.
        """
        name = " ".join(name.split())
        got = _key_of(name)
        if got is not None:
            found = self._best(self._entries(got[0]), form=name, country=country)
            if found is not None:
                return found
        words = name.split(" ")
        for n in range(_MAX_PREFIX_TOKENS, 0, -1):
            head = " ".join(words[:n]).lower()
            if head in vocab.PLACE_PREFIXES and len(words) > n:
                rest = " ".join(words[n:])
                rest_key = _key_of(rest)
                if rest_key is None:
                    return None
                return self._best(self._entries(rest_key[0]), form=rest, country=country,
                                  precisions=vocab.PLACE_PREFIXES[head])
        return None

    def capital_of(self, name: str) -> str | None:
        """Return the ISO3 code of the country whose capital ``name`` is ("Teheran" -> IRN), else None.

        Only a name whose best record is that city counts: "Washington" is the capital, but a
        name that is first a province or a smaller town elsewhere is not.
        """
        place = self.lookup(name)
        if place is None or place.precision != "city" or not place.country or place.lat is None:
            return None
        idx = self._countries.get(place.country)
        if idx is None or self._rows[idx][7] != "capital":
            return None
        state = self._place(idx)
        if state.lat is None or state.lon is None or place.lon is None:
            return None
        near = abs(state.lat - place.lat) < 0.01 and abs(state.lon - place.lon) < 0.01
        return place.country if near else None

    def _best(self, entries: Iterable[_Entry], *, form: str, country: str | None,
              precisions: Sequence[str] = ()) -> Place | None:
        cands = [e for e in entries if (not e.exact or e.form == form)
                 and (country is None or self._rows[e.rec][2] == country)]
        return self._pick(cands, precisions)

    def _pick(self, cands: Sequence[_Entry], precisions: Sequence[str]) -> Place | None:
        """The heaviest candidate, of the first precision in ``precisions`` that has one."""
        if not cands:
            return None
        if not precisions:
            return self._place(cands[0].rec)  # entries are sorted heaviest first
        for precision in precisions:
            tier = [e for e in cands if self._rows[e.rec][1] == precision]
            if tier:
                return self._place(tier[0].rec)
        return None

    def names(self) -> frozenset[str]:
        """Return the names safe to take as a place anywhere (no abbreviation or ordinary word).

        Districts and villages are left out: a text splitter uses this set to unglue words.
        """
        out: set[str] = set()
        skip = vocab.STOP_NAMES | vocab.AMBIGUOUS_NAMES | vocab.PERSON_LIKE_NAMES
        for key, forms in self._raw.items():
            if key in skip:
                continue
            for idx, form in forms:
                name = form.lstrip(_FLAGS)
                flags = form[:len(form) - len(name)]
                if flags.strip("_") or self._rows[idx][1] in ("district", "village"):
                    continue  # weak names ("_") are real towns: fine for ungluing
                out.add(name)
        return frozenset(out)

    # ------------------------------------------------------------------ finding

    def find(self, text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Return the place names in ``text``: non-overlapping, longest first, sorted by start.

        Nothing is found inside a ``skip`` range (page furniture, names of people or
        organisations already marked).
        """
        toks = _tokens(text)
        skips = sorted(skip)
        skip_starts = [s for s, _ in skips]
        reach: list[int] = []  # reach[k]: the furthest end among skips[0..k] (ranges may nest)
        for _, e in skips:
            reach.append(max(e, reach[-1]) if reach else e)
        out: list[PlaceMention] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            first = tok.text[0]
            if not first.isupper() and tok.text.lower() not in _PREFIX_FIRST_WORDS:
                i += 1
                continue
            hit = self._match_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            start, end, place, last = hit
            k = bisect.bisect_left(skip_starts, end)
            if k and reach[k - 1] > start:
                i += 1
                continue
            out.append(PlaceMention(Span.of(text, start, end), place))
            i = last + 1
        return out

    def _match_at(self, text: str, toks: Sequence[_Tok], i: int) -> tuple[int, int, Place, int] | None:
        """The best mention starting at word ``i``: (start, end, place, index of its last word)."""
        prefixed = self._match_prefixed(text, toks, i)
        direct = self._match_direct(text, toks, i) if toks[i].text[0].isupper() else None
        if prefixed is not None and (direct is None or prefixed[3] > direct[3]):
            return prefixed
        return direct

    def _spans(self, text: str, toks: Sequence[_Tok], i: int) -> list[tuple[int, list[_Entry]]]:
        """Every (last word index, entries) of a name starting at word ``i``, longest first."""
        key = toks[i].text.lower().replace("’", "'")
        limit = self._words.get(key, 1)
        found: list[tuple[int, list[_Entry]]] = []
        if key in self._raw:
            found.append((i, self._entries(key)))
        j = i
        while j - i + 1 < limit and j + 1 < len(toks):
            sep = _sep(text, toks[j], toks[j + 1])
            if sep is None:
                break
            j += 1
            key = key + sep + toks[j].text.lower().replace("’", "'")
            if key in self._raw:
                found.append((j, self._entries(key)))
        found.reverse()
        return found

    def _fits_case(self, toks: Sequence[_Tok], i: int, entry: _Entry, text: str) -> bool:
        words = toks[i:i + len(entry.caps)]
        if entry.exact:
            return text[words[0].start:words[-1].end] == entry.form
        for tok, cap in zip(words, entry.caps, strict=False):
            if cap and not tok.text[0].isupper():
                return False
        if all(t.text.isupper() for t in words):
            # "JAKARTA" in a dateline, but not an acronym that happens to spell a place ("FARS")
            row = self._rows[entry.rec]
            known = (row[1] == "country" or row[2] == "IDN"
                     or (row[1] == "city" and float(row[6]) >= _CAPS_MIN_WEIGHT))
            return known and len(entry.form) >= 4 and not (entry.word or entry.person or entry.weak
                                                              or entry.minor)
        return True

    def _match_direct(self, text: str, toks: Sequence[_Tok], i: int) -> tuple[int, int, Place, int] | None:
        for j, entries in self._spans(text, toks, i):
            key = text[toks[i].start:toks[j].end].lower()
            if key in vocab.STOP_NAMES:
                continue
            ok = [e for e in entries if not e.prefix_only and self._fits_case(toks, i, e, text)]
            # the context decides whether the name is a place at all, by its heaviest reading:
            # "Bandara Zurich" is the city even though a canton has the same name
            if ok and self._fits_context(ok[0], _Context(text, toks, i, j)):
                return toks[i].start, toks[j].end, self._place(ok[0].rec), j
        return None

    @staticmethod
    def _fits_context(entry: _Entry, ctx: _Context) -> bool:
        if not (entry.word or entry.person or entry.minor or entry.weak):
            return True
        if ctx.right_cap or ctx.person_cue:
            return False  # "Bima Arya", "Hotel Mulia Senayan", "kata Umi", "Umi mengatakan"
        if entry.person or entry.minor:
            return ctx.cue
        return ctx.cue or not (ctx.initial or ctx.left_cap or ctx.paren)

    def _match_prefixed(self, text: str, toks: Sequence[_Tok], i: int) -> tuple[int, int, Place, int] | None:
        """A name after a prefix word: "Kabupaten Nduga", "Kab. Puncak", "kota Gaza", "Distrik X"."""
        for width in range(_MAX_PREFIX_TOKENS, 0, -1):
            if i + width >= len(toks):
                continue
            words = toks[i:i + width]
            head = " ".join(t.text.lower() for t in words)
            after = text[words[-1].end:toks[i + width].start]
            if after.startswith(".") and head + "." in vocab.PLACE_PREFIXES:
                head, after = head + ".", after[1:]
            if head not in vocab.PLACE_PREFIXES or not after or after.strip() or "\n" in after:
                continue
            k = i + width
            if not toks[k].text[0].isupper():
                return None
            capital = toks[i].text[0].isupper()
            start = toks[i].start if capital else toks[k].start
            precisions = vocab.PLACE_PREFIXES[head]
            kind = vocab.OPEN_PREFIXES.get(head.rstrip("."))
            for j, entries in self._spans(text, toks, k):
                if text[toks[k].start:toks[j].end].lower() in vocab.STOP_NAMES:
                    continue
                if kind is not None and self._continues(text, toks, j):
                    break  # "Desa Padang Kalua" is not the district Padang
                ok = [e for e in entries if self._fits_case(toks, k, e, text)]
                place = self._pick(ok, precisions)
                if place is not None:
                    return start, toks[j].end, place, j
            if kind is not None:
                return self._open_place(text, toks, k, start, kind)
            return None
        return None

    @staticmethod
    def _continues(text: str, toks: Sequence[_Tok], j: int) -> bool:
        """Is word ``j`` followed by another capitalised word of the same name?"""
        if j + 1 >= len(toks):
            return False
        nxt = toks[j + 1]
        return (nxt.text[0].isupper() and _sep(text, toks[j], nxt) == " "
                and nxt.text.lower() not in _PREFIX_FIRST_WORDS)

    def _open_place(self, text: str, toks: Sequence[_Tok], k: int, start: int,
                    kind: str) -> tuple[int, int, Place, int] | None:
        """An unknown village or district, placed by the district or regency named right after."""
        j = k
        while j + 1 - k < _OPEN_NAME_TOKENS and self._continues(text, toks, j):
            j += 1
        name = text[toks[k].start:toks[j].end]
        if name.lower() in vocab.STOP_NAMES:
            return None
        parent: Place | None = None
        m = _CONTEXT.match(text, toks[j].end)
        if m is not None and m.end() - toks[j].end <= 3:
            nxt = bisect.bisect_left(toks, m.end(), key=lambda t: t.start)
            if nxt < len(toks) and toks[nxt].start - toks[j].end <= _CONTEXT_CHARS:
                hit = self._match_prefixed(text, toks, nxt)
                if hit is not None and hit[2].country == "IDN":
                    parent = hit[2]
        if parent is not None:
            place = Place(name, "IDN", parent.admin1, parent.lat, parent.lon, place_precision(kind))
        else:
            place = Place(name, "IDN", None, None, None, place_precision(kind))
        return start, toks[j].end, place, j


class _Context:
    """What surrounds a candidate name of words ``i..j``."""

    __slots__ = ("cue", "initial", "left_cap", "paren", "person_cue", "right_cap")

    def __init__(self, text: str, toks: Sequence[_Tok], i: int, j: int) -> None:
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        self.initial = _sentence_initial(text, toks[i].start)
        left = prev.text.lower() if prev is not None and _sep(text, prev, toks[i]) is not None else ""
        right = nxt.text if nxt is not None and _sep(text, toks[j], nxt) == " " else ""
        self.cue = left in vocab.LOCATIVE_CUES
        self.left_cap = (bool(left) and prev is not None and prev.text[0].isupper()
                         and not _sentence_initial(text, prev.start))
        self.right_cap = right[:1].isupper()
        self.person_cue = left in vocab.PERSON_CUES or right.lower() in vocab.PERSON_NEXT
        start, end = toks[i].start, toks[j].end
        self.paren = start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")"


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and (text[k] in " \t\r" or text[k] in _OPENERS):
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    data = resources.files("peristiwa").joinpath("data", "places", "places.tsv")
    return Gazetteer.from_tsv(data.read_text(encoding="utf-8"))


_PREFIX_FIRST_WORDS = frozenset(p.split()[0].rstrip(".") for p in vocab.PLACE_PREFIXES)
