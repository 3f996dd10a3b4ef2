"""Find date expressions in a text and resolve each to an inclusive interval of days.

The work is a cascade: precompiled regexes (built at import from :mod:`peristiwa.lang.id.time_words`)
propose candidates, each with its own resolver; overlapping candidates are settled longest first;
the survivors are resolved in text order, so that anaphoric expressions ("dua hari kemudian",
"dalam hitungan hari") can lean on the last date before them.  Expressions that need the
publication date (``kemarin``, ``Senin``, ``1 Juni``) are dropped when it is unknown rather than
guessed, except that a missing year may be taken from an earlier date in the text.

dateparser only reads candidates whose month word is not Indonesian ("June 20, 2025" in a
quoted statement), cached; everything Indonesian is resolved here, exactly and much faster
(a dateparser call costs ~0.5 ms, this whole stage ~0.5 ms for a 300-word article).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from peristiwa import limits
from peristiwa.lang.id import numbers as nw
from peristiwa.lang.id import time_words as tw
from peristiwa.types import DatePrecision, Span, TimeExpr

__all__ = ["find_times"]

_Interval = tuple[dt.date, dt.date, DatePrecision, bool]  # start, end, precision, relative


@dataclass(frozen=True, slots=True)
class _Context:
    """What a resolver may lean on: the publication day and the last resolved expression."""

    published: dt.date | None
    prev: TimeExpr | None

    def anchor(self) -> tuple[dt.date, dt.date] | None:
        """Return the interval anaphoric expressions count from (previous date, else published)."""
        if self.prev is not None:
            return self.prev.start, self.prev.end
        if self.published is not None:
            return self.published, self.published
        return None

    def year_reference(self) -> dt.date | None:
        """Return the day a missing year is inferred from (published, else the previous date)."""
        if self.published is not None:
            return self.published
        return self.prev.end if self.prev is not None else None


_Resolver = Callable[[_Context], _Interval | None]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rank: int  # tie-break between equally long candidates: lower wins
    resolve: _Resolver
    anchors: bool = True  # False for vague spans, which must not anchor later anaphora


# --- regex building ------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Return a non-capturing alternation of ``words``, longest first, spaces matching any run."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _cased(words: Iterable[str]) -> str:
    """Return a case-sensitive alternation of ``words`` as written and in upper case."""
    forms = {w for word in words for w in (word, word.upper())}
    return "(?-i:" + _alt(forms)[3:]


def _norm(word: str) -> str:
    """Lower-case ``word`` and collapse inner whitespace, for dictionary look-ups."""
    return " ".join(word.lower().split())


_DASH = r"[-–—‒]"
_RANGE_SEP = rf"(?:\s*{_DASH}\s*|\s+{_alt(tw.RANGE_WORDS)}\s+)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?<![\d.,])(?:1[5-9]\d\d|20\d\d|2100)(?![\d]|[.,]\d)"
_MONTH_FULL = _alt(tw.MONTHS) + r"(?!\w)"
_MONTH_ABBR = _alt(tw.MONTH_ABBREVIATIONS) + r"(?!\w)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = _cased(tw.WEEKDAYS) + r"(?!\w)"
_PAST = _alt(tw.PAST_WORDS)
_PRESENT = _alt(tw.PRESENT_WORDS)
_FUTURE = _alt(tw.FUTURE_WORDS)
_REL = _alt(tw.PAST_WORDS + tw.PRESENT_WORDS + tw.FUTURE_WORDS)
_PART = _alt(tw.PERIOD_PARTS)
_POD = _alt(tw.PARTS_OF_DAY) + r"(?!\w)"
_TAHUN = re.escape(tw.YEAR_WORD)
_YEAR_PART = (
    rf"(?:,?\s+(?:{_TAHUN}\s+)?(?P<y>{_YEAR})"
    rf"|\s+{_TAHUN}\s+(?P<yrel>{_alt(tw.PAST_WORDS + tw.PRESENT_WORDS + tw.FUTURE_WORDS)}))"
)
_TZ = rf"{_alt(tw.TIME_ZONES)}(?!\w)(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?"
_HH, _MM = r"(?:[01]?\d|2[0-3])", r"[0-5]\d(?!\d)"
_CLOCK = (
    rf"(?:{_alt(tw.CLOCK_WORDS)}\s*{_HH}[:.]{_MM}(?:\s*{_TZ})?"
    rf"|{_HH}:{_MM}(?:\s*{_TZ})?|{_HH}\.{_MM}\s*{_TZ})"
)
_TIME = rf"(?P<time>,?\s*{_CLOCK})?"
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})(?:\s*,\s*|\s+))?"
_TANGGAL = rf"(?:{re.escape(tw.DAY_OF_MONTH_WORD)}\s+)?"
_B = r"(?<!\w)"

_NUM_UNIT = _alt(nw.UNITS) + r"(?!\w)"
_NUMBER_WORD = (
    rf"(?:{_NUM_UNIT}\s+{re.escape(nw.TENS_SUFFIX)}(?:\s+{_NUM_UNIT})?"
    rf"|{_NUM_UNIT}\s+{re.escape(nw.TEENS_SUFFIX)}|{_alt(nw.FIXED)}|{_NUM_UNIT})"
)
_COUNT_REFS = _alt(tw.PAST_WORDS + tw.FUTURE_POINT_WORDS + tw.RECENT_WORDS + tw.AHEAD_WORDS
                   + tw.AFTER_WORDS + tw.BEFORE_WORDS + tw.FUTURE_WORDS)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_RE_DMY = _compile(
    rf"{_B}{_WD_PREFIX}{_TANGGAL}(?P<d1>{_DAY})(?:{_RANGE_SEP}(?P<d2>{_DAY}))?\s+(?P<m>{_MONTH})"
    rf"(?:{_YEAR_PART})?(?:\s+(?P<rel>{_PAST}|{_FUTURE})(?!\w))?{_TIME}"
)
_RE_DMDMY = _compile(
    rf"{_B}{_WD_PREFIX}{_TANGGAL}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"{_RANGE_SEP}(?:{_WEEKDAY}(?:\s*,\s*|\s+))?{_TANGGAL}(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
    rf"(?:{_YEAR_PART})?"
)
_RE_NUM_BRACKET = _compile(
    rf"{_B}(?:(?P<wd>{_WEEKDAY})\s*,?\s*)?\(\s*(?P<inner>(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
    rf"(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?)\s*\){_TIME}"
)
_RE_NUM_PLAIN = _compile(
    rf"{_B}{_WD_PREFIX}(?<![\d./-])(?P<d>\d{{1,2}})(?P<s>[/.-])(?P<m>\d{{1,2}})(?P=s)(?P<y>\d{{4}})"
    rf"(?![\d]|[.,]\d){_TIME}"
)
_RE_ISO = re.compile(
    r"(?<![\d./-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?))?(?!\d)"
)
_RE_MONTH = _compile(
    rf"{_B}(?:(?P<part>{_PART})\s+)?(?:(?P<bulan>{re.escape(tw.MONTH_WORD)})\s+)?(?P<m1>{_MONTH})"
    rf"(?:{_RANGE_SEP}(?:{re.escape(tw.MONTH_WORD)}\s+)?(?P<m2>{_MONTH}))?(?:{_YEAR_PART})?"
    rf"(?:\s+(?P<rel>{_PAST}|{_FUTURE})(?!\w))?"
)
_RE_MYMY = _compile(
    rf"{_B}(?:(?P<part>{_PART})\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR}){_RANGE_SEP}"
    rf"(?:{re.escape(tw.MONTH_WORD)}\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
)
# After a bare month: the rest of a list that ends in a year ("April dan Oktober 2024").
_RE_LISTED_YEAR = _compile(
    rf"(?:\s*(?:,|\s{_alt(tw.COORDINATORS)})\s+(?:{re.escape(tw.MONTH_WORD)}\s+)?{_MONTH})+"
    rf",?\s+(?:{_TAHUN}\s+)?(?P<y>{_YEAR})"
)
_YEAR_CUES_BEFORE = tuple(w for w in tw.YEAR_CUES if w not in tw.PERIOD_PARTS and w != tw.YEAR_WORD)
_RE_YEAR = _compile(
    rf"{_B}(?:(?P<pre>{_alt(_YEAR_CUES_BEFORE)})\s+)?"
    rf"(?P<x>(?:(?P<part>{_PART})\s+)?(?:(?P<tahun>{_TAHUN})\s+)?(?P<y1>{_YEAR})"
    rf"(?:{_RANGE_SEP}(?:{_TAHUN}\s+)?(?P<y2>{_YEAR}))?(?:\s+(?P<rel>{_PAST})(?!\w))?)"
    rf"(?!\s*-?\s*{tw.DECADE_SUFFIX}(?!\w))"
)
_RE_DECADE = _compile(
    rf"{_B}(?:(?P<part>{_PART})\s+)?(?:(?P<cue>{_alt(tw.DECADE_CUES)})\s+)?"
    rf"(?<![\d.,])(?P<y>(?:1[5-9]|20)\d0|\d0)\s*-?\s*{tw.DECADE_SUFFIX}(?!\w)"
)
_DEICTIC_KEYS = tuple(tw.DEICTIC_DAYS)
_RE_DEICTIC = _compile(rf"{_B}(?P<w>{_alt(_DEICTIC_KEYS)})(?!\w)(?:\s+(?P<pod>{_POD}))?")
_RE_ANAPHORIC = _compile(rf"{_B}(?P<w>{_alt(tw.ANAPHORIC_DAYS)})(?!\w)")
_RE_COUNTING = _compile(
    rf"{_B}{_alt([' '.join(tw.COUNTING_PHRASE)])}\s+(?P<u>{_alt(tw.COUNTING_SPANS_DAYS)})(?!\w)"
)
_RE_COUNT = _compile(
    rf"{_B}(?:(?P<n>\d{{1,3}}|{_NUMBER_WORD}|{_alt(tw.VAGUE_COUNTS)})\s+|(?P<se>{tw.NUMBER_ONE_PREFIX}))"
    rf"(?P<u>{_alt(tw.TIME_UNITS)})\s+(?P<ref>{_COUNT_REFS})(?!\w)"
)
_WEEK_UNITS = [w for w, u in tw.TIME_UNITS.items() if u == "week"]
_CALENDAR_UNITS = _alt(w for w, u in tw.TIME_UNITS.items() if u in ("week", "month", "year"))
_UNIT_REFS = _alt(tw.PAST_WORDS + tw.PRESENT_WORDS + tw.FUTURE_WORDS + tw.AFTER_WORDS + tw.BEFORE_WORDS)
_RE_UNIT = _compile(
    rf"{_B}(?:(?P<part>{_PART})\s+)?(?P<u>{_CALENDAR_UNITS})(?:\s+(?P<ref>{_UNIT_REFS}))?(?!\w)"
)
_RE_WEEKDAY = _compile(
    rf"{_B}(?P<wd>{_WEEKDAY})(?:{_RANGE_SEP}(?P<wd2>{_WEEKDAY}))?(?:\s+(?P<pod>{_POD}))?"
    rf"(?:\s+(?:(?P<wk>{_alt(_WEEK_UNITS)})\s+(?P<wkrel>{_REL})|(?P<rel>{_REL}))(?!\w))?"
    rf"(?:\s+(?P<pod2>{_POD}))?"
)
_RE_SEASON = _compile(
    rf"{_B}(?P<s>{_alt(tw.SEASONS)})(?:\s+(?:(?P<tahun>{_TAHUN})\s+)?(?:(?P<y>{_YEAR})|(?P<ref>{_REL})(?!\w)))"
)
_RE_FOREIGN = re.compile(
    rf"{_B}(?:(?P<d>\d{{1,2}})\s+(?P<w>[A-Z][a-z]{{2,9}})\.?,?\s+(?P<y>{_YEAR})"
    rf"|(?P<w2>[A-Z][a-z]{{2,9}})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<y2>{_YEAR}))"
)
_RE_WORD_BEFORE = re.compile(r"([\w'’-]+),?\s+$")
_RE_WORD_AFTER = re.compile(r"\s+([\w'’-]+)")
_RE_SENTENCE_START = re.compile(r"(?:^|[.!?\n:;–—-])[\s\"'“‘(]*$")

_MONTH_NAMES = {**tw.MONTHS, **tw.MONTH_ABBREVIATIONS}
_WEEKDAY_NAMES = {_norm(k): v for k, v in tw.WEEKDAYS.items()}
_DEICTIC = {_norm(k): v for k, v in tw.DEICTIC_DAYS.items()}
_ANAPHORIC = {_norm(k): v for k, v in tw.ANAPHORIC_DAYS.items()}
_PAST_SET = {_norm(w) for w in tw.PAST_WORDS}
_PRESENT_SET = {_norm(w) for w in tw.PRESENT_WORDS}
_FUTURE_SET = {_norm(w) for w in tw.FUTURE_WORDS}
_HABITUAL = {w.lower() for w in tw.HABITUAL_CUES}
_MONTH_CUES = {w.lower() for w in tw.MONTH_CUES}
_COUNT_NOUNS = {w.lower() for w in tw.COUNT_NOUNS}
_SEMALAM_DURATION = {w.lower() for w in tw.SEMALAM_DURATION_CUES}
_PAST_CUES = tw.SINCE_WORDS
_FUTURE_POINT_SET = {_norm(w) for w in tw.FUTURE_POINT_WORDS}
_RECENT_SET = {_norm(w) for w in tw.RECENT_WORDS}
_AHEAD_SET = {_norm(w) for w in tw.AHEAD_WORDS}
_AFTER_SET = {_norm(w) for w in tw.AFTER_WORDS}
_BEFORE_SET = {_norm(w) for w in tw.BEFORE_WORDS}

# --- calendar arithmetic -------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_years(day: dt.date, years: int) -> dt.date:
    # 29 February moves to 28 February in a year without one.
    return _safe_date(day.year + years, day.month, day.day) or dt.date(day.year + years, day.month, 28)


def _shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """Return ``day`` moved by ``amount`` units (day, week, month, year, decade, hour)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    if unit == "month":
        y, m = _add_months(day.year, day.month, amount)
        return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))
    if unit == "year":
        return _add_years(day, amount)
    if unit == "decade":
        return _add_years(day, 10 * amount)
    # "hour": without the time of day, only whole days of hours move the date.
    return day + dt.timedelta(days=int(amount / 24))


def _unit_interval(day: dt.date, unit: str) -> tuple[dt.date, dt.date, DatePrecision]:
    """Return the calendar unit (week, month, year, decade) containing ``day``, with its precision."""
    if unit == "week":
        return (*_week_of(day), "week")
    if unit == "month":
        return (*_month_interval(day.year, day.month), "month")
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    if unit == "decade":
        first = day.year - day.year % 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade"
    return day, day, "day"


def _cost(diff: int) -> int:
    """Weigh how far a guessed date is from the reference: news looks back far more than ahead."""
    return -diff if diff <= 0 else 3 * diff


def _infer_day(month: int, day: int, ref: dt.date, direction: str | None,
               weekday: int | None = None) -> dt.date | None:
    """Return the day ``day``/``month`` in the year that fits ``ref`` best.

    ``direction`` "past" takes the latest such day on or before ``ref``, "future" the first
    after it, None the nearest (future distances count triple, see :func:`_cost`).  A given
    weekday breaks ties between years when it matches only some of them.
    """
    options = [d for y in range(ref.year - 2, ref.year + 3) if (d := _safe_date(y, month, day))]
    if direction == "past":
        options = [d for d in options if d <= ref]
    elif direction == "future":
        options = [d for d in options if d > ref]
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]
    if not options:
        return None
    return min(options, key=lambda d: _cost((d - ref).days))


def _infer_month(month: int, ref: dt.date, direction: str | None) -> tuple[int, int]:
    """Return the (year, month) of ``month`` nearest ``ref`` (see :func:`_infer_day`)."""
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        diff = (year * 12 + month) - (ref.year * 12 + ref.month)
        if (direction == "past" and diff > 0) or (direction == "future" and diff <= 0):
            continue
        options.append((_cost(diff), year))
    return min(options)[1], month


def _direction(rel: str | None) -> str | None:
    if rel is None:
        return None
    word = _norm(rel)
    if word in _PAST_SET:
        return "past"
    if word in _FUTURE_SET:
        return "future"
    return "present" if word in _PRESENT_SET else None


def _year_offset(rel: str) -> int:
    return {"past": -1, "future": 1}.get(_direction(rel) or "", 0)


# --- text context --------------------------------------------------------------------------


def _word_before(text: str, pos: int) -> str:
    found = _RE_WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return found.group(1).lower() if found else ""


def _word_after(text: str, pos: int) -> str:
    found = _RE_WORD_AFTER.match(text, pos)
    return found.group(1).lower() if found else ""


def _at_sentence_start(text: str, pos: int) -> bool:
    return _RE_SENTENCE_START.search(text, max(0, pos - 10), pos) is not None


def _cue_direction(text: str, pos: int) -> str | None:
    """Return "past" when the word before ``pos`` puts a yearless date in the past ("sejak")."""
    return "past" if _word_before(text, pos) in _PAST_CUES else None


def _is_number_word(word: str) -> bool:
    return word.isdigit() or word in nw.UNITS or word in nw.FIXED \
        or word in tw.VAGUE_COUNTS or word in (nw.TEENS_SUFFIX, nw.TENS_SUFFIX)


def _in_brackets(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3):start].rstrip()
    after = text[end:end + 3].lstrip()
    return before.endswith("(") and after.startswith(")")


def _month_number(word: str) -> int:
    return _MONTH_NAMES[_norm(word).rstrip(".")]


def _is_abbreviation(word: str) -> bool:
    return _norm(word).rstrip(".") not in tw.MONTHS


def _number(word: str) -> int:
    """Return the value of a digit string or an Indonesian number word (``dua puluh satu``)."""
    if word.isdigit():
        return int(word)
    tokens = _norm(word).split()
    if len(tokens) == 1:
        return nw.UNITS.get(tokens[0]) or nw.FIXED[tokens[0]]
    value = nw.UNITS[tokens[0]]
    if tokens[1] == nw.TEENS_SUFFIX:
        return 10 + value
    return value * 10 + (nw.UNITS[tokens[2]] if len(tokens) > 2 else 0)


def _day_precision(m: re.Match[str]) -> DatePrecision:
    return "time" if m.group("time") else "day"


# --- candidate makers: each reads one match and returns a candidate or None ---------------

_Maker = Callable[[str, re.Match[str]], _Candidate | None]


def _make_dmy(text: str, m: re.Match[str]) -> _Candidate | None:
    month = _month_number(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2") or m.group("d1"))
    weekday = _WEEKDAY_NAMES[_norm(m.group("wd"))] if m.group("wd") else None
    year, yrel, rel = m.group("y"), m.group("yrel"), m.group("rel")
    precision = "range" if m.group("d2") else _day_precision(m)
    direction = _direction(rel) or _cue_direction(text, m.start())

    def resolve(ctx: _Context) -> _Interval | None:
        relative = year is None
        if year is not None:
            end = _safe_date(int(year), month, d2)
        elif yrel is not None:
            if ctx.published is None:
                return None
            end = _safe_date(ctx.published.year + _year_offset(yrel), month, d2)
        else:
            ref = ctx.year_reference()
            if ref is None:
                return None
            end = _infer_day(month, d2, ref, direction, None if d1 != d2 else weekday)
        if end is None:
            return None
        if d1 <= d2:
            start = _safe_date(end.year, month, d1)
        else:  # "30-2 Juni": the first day is in the month before
            py, pm = _add_months(end.year, month, -1)
            start = _safe_date(py, pm, d1)
        if start is None:
            return None
        return start, end, precision, relative

    return _Candidate(m.start(), m.end(), 0, resolve)


def _make_dmdmy(text: str, m: re.Match[str]) -> _Candidate | None:
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y1, y2, yrel = m.group("y1"), m.group("y"), m.group("yrel")

    def resolve(ctx: _Context) -> _Interval | None:
        relative = y2 is None
        if y2 is not None:
            end = _safe_date(int(y2), m2, d2)
        elif yrel is not None:
            if ctx.published is None:
                return None
            end = _safe_date(ctx.published.year + _year_offset(yrel), m2, d2)
        else:
            ref = ctx.year_reference()
            end = _infer_day(m2, d2, ref, None) if ref else None
        if end is None:
            return None
        if y1 is not None:
            start = _safe_date(int(y1), m1, d1)
        else:
            start = _safe_date(end.year - ((m1, d1) > (m2, d2)), m1, d1)
        if start is None or start > end:
            return None
        return start, end, "range", relative

    return _Candidate(m.start(), m.end(), 0, resolve)


def _make_numeric(text: str, m: re.Match[str]) -> _Candidate | None:
    d, mo = int(m.group("d")), int(m.group("m"))
    if mo > 12 and d <= 12:  # month/day order, as in "6/18/2025"
        d, mo = mo, d
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    year = m.group("y")
    if year is not None and len(year) == 2:
        year = "20" + year
    weekday = _WEEKDAY_NAMES[_norm(m.group("wd"))] if m.group("wd") else None
    if "inner" in m.re.groupindex and not m.group("wd"):
        # A bare "(18/6)": the span is the date inside the brackets, without a clock time.
        precision: DatePrecision = "day"
        start, end = m.start("inner"), m.end("inner")
    else:
        start, end, precision = m.start(), m.end(), _day_precision(m)

    def resolve(ctx: _Context) -> _Interval | None:
        if year is not None:
            day = _safe_date(int(year), mo, d)
            return (day, day, precision, False) if day else None
        ref = ctx.year_reference()
        day = _infer_day(mo, d, ref, None, weekday) if ref else None
        return (day, day, precision, True) if day else None

    return _Candidate(start, end, 1, resolve)


def _make_iso(text: str, m: re.Match[str]) -> _Candidate | None:
    day = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if day is None:
        return None
    precision = _day_precision(m)
    return _Candidate(m.start(), m.end(), 1, lambda ctx: (day, day, precision, False))


def _make_month(text: str, m: re.Match[str]) -> _Candidate | None:
    name1, name2 = m.group("m1"), m.group("m2")
    part, year, yrel, rel = m.group("part"), m.group("y"), m.group("yrel"), m.group("rel")
    if year is None and (_is_abbreviation(name1) or (name2 and _is_abbreviation(name2))):
        return None  # "Jan", "Mar" alone are too often names or words
    # A bare month name must be capitalised and introduced by a cue ("pada Juni").
    before = _word_before(text, m.start())
    cued = bool(part or m.group("bulan")) or before in _MONTH_CUES or before in tw.MONTHS
    if year is None and yrel is None and rel is None:
        if not (name1[0].isupper() and cued):
            return None
        listed = _RE_LISTED_YEAR.match(text, m.end())
        year = listed.group("y") if listed else None
    month1 = _month_number(name1)
    month2 = _month_number(name2) if name2 else month1
    part_key = tw.PERIOD_PARTS[_norm(part)] if part else None
    direction = _direction(rel) or _cue_direction(text, m.start())

    def resolve(ctx: _Context) -> _Interval | None:
        relative = year is None
        if year is not None:
            y2 = int(year)
        elif yrel is not None:
            if ctx.published is None:
                return None
            y2 = ctx.published.year + _year_offset(yrel)
        else:
            ref = ctx.year_reference()
            if ref is None:
                return None
            y2 = _infer_month(month2, ref, direction)[0]
        y1 = y2 - (month1 > month2)
        start, _ = _month_interval(y1, month1)
        end = _month_end(y2, month2)
        precision: DatePrecision = "month" if month1 == month2 and y1 == y2 else "range"
        if part_key is not None:
            first, last = tw.MONTH_PART_DAYS[part_key]
            start = start.replace(day=first)
            if not name2:
                end = _safe_date(y2, month2, last) or _month_end(y2, month2)
            precision = "range"
        return start, end, precision, relative

    return _Candidate(m.start(), m.end(), 2, resolve)


def _make_mymy(text: str, m: re.Match[str]) -> _Candidate | None:
    start = dt.date(int(m.group("y1")), _month_number(m.group("m1")), 1)
    end = _month_end(int(m.group("y2")), _month_number(m.group("m2")))
    if m.group("part"):
        first = tw.MONTH_PART_DAYS[tw.PERIOD_PARTS[_norm(m.group("part"))]][0]
        start = start.replace(day=first)
    if start > end:
        return None
    return _Candidate(m.start(), m.end(), 0, lambda ctx: (start, end, "range", False))


def _make_year(text: str, m: re.Match[str]) -> _Candidate | None:
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    start, end = m.start("x"), m.end("x")
    plausible_range = y2 is not None and 1900 <= y1 < y2 <= 2100 and y2 - y1 <= 100
    cued = bool(m.group("pre") or m.group("part") or m.group("tahun") or m.group("rel"))
    if not (cued or plausible_range or _in_brackets(text, start, end)):
        return None
    if y2 is not None and not plausible_range and not (y1 < y2):
        return None
    if not m.group("tahun") and not m.group("rel") and _word_after(text, end) in _COUNT_NOUNS:
        return None  # "hingga 2000 orang" counts people
    if m.group("tahun") and _word_before(text, start).isdigit():
        return None  # "Nomor 12 Tahun 1951" cites a law
    part = m.group("part")

    def resolve(ctx: _Context) -> _Interval | None:
        if y2 is not None:
            return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range", False
        if part:
            first, last = tw.YEAR_PART_MONTHS[tw.PERIOD_PARTS[_norm(part)]]
            return dt.date(y1, first, 1), _month_end(y1, last), "range", False
        return dt.date(y1, 1, 1), dt.date(y1, 12, 31), "year", False

    return _Candidate(start, end, 3, resolve)


def _make_decade(text: str, m: re.Match[str]) -> _Candidate | None:
    digits = m.group("y")
    if len(digits) == 2 and not m.group("cue"):
        return None  # "90-an" alone may be a count ("90-an orang")
    first = int(digits) if len(digits) == 4 else 1900 + int(digits)
    part = m.group("part")
    if part:
        lo, hi = tw.DECADE_PART_YEARS[tw.PERIOD_PARTS[_norm(part)]]
        interval: _Interval = (dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31), "range", False)
    else:
        interval = (dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", False)
    return _Candidate(m.start(), m.end(), 2, lambda ctx: interval)


def _make_deictic(text: str, m: re.Match[str]) -> _Candidate | None:
    word = _norm(m.group("w"))
    if word == tw.SEMALAM and (_word_before(text, m.start()) in _SEMALAM_DURATION
                               or _word_after(text, m.end()) in tw.SEMALAM_DURATION_AFTER):
        return None
    if _is_number_word(_word_before(text, m.start())):
        return None  # "7 hari ini" is "these seven days"
    end = m.end() if m.group("pod") and word in tw.DEICTIC_TAKES_PART_OF_DAY else m.end("w")
    offset = _DEICTIC[word]

    def resolve(ctx: _Context) -> _Interval | None:
        if ctx.published is None:
            return None
        day = ctx.published + dt.timedelta(days=offset)
        return day, day, "day", True

    return _Candidate(m.start(), end, 4, resolve)


def _make_anaphoric(text: str, m: re.Match[str]) -> _Candidate | None:
    offset = _ANAPHORIC[_norm(m.group("w"))]

    def resolve(ctx: _Context) -> _Interval | None:
        anchor = ctx.anchor()
        if anchor is None:
            return None
        start, end = (d + dt.timedelta(days=offset) for d in anchor)
        return start, end, "day" if start == end else "range", True

    return _Candidate(m.start(), m.end(), 4, resolve)


def _make_counting(text: str, m: re.Match[str]) -> _Candidate | None:
    days = tw.COUNTING_SPANS_DAYS[_norm(m.group("u"))]

    def resolve(ctx: _Context) -> _Interval | None:
        anchor = ctx.anchor()
        if anchor is None:
            return None
        return anchor[0], anchor[1] + dt.timedelta(days=days), "range", True

    return _Candidate(m.start(), m.end(), 4, resolve, anchors=False)


def _make_count(text: str, m: re.Match[str]) -> _Candidate | None:
    """Read "dua hari lalu", "sepekan terakhir", "beberapa hari kemudian", "tiga tahun silam"."""
    unit = tw.TIME_UNITS[_norm(m.group("u"))]
    raw = m.group("n")
    if raw is None:
        low = high = 1
    elif _norm(raw) in tw.VAGUE_COUNTS:
        low, high = tw.VAGUE_COUNTS[_norm(raw)]
    else:
        low = high = _number(raw)
    ref = _norm(m.group("ref"))
    vague = low != high

    def calendar_unit(day_low: dt.date, day_high: dt.date) -> _Interval:
        first, last = min(day_low, day_high), max(day_low, day_high)
        if unit in ("day", "hour"):
            return first, last, "range" if vague else "day", True
        lo, _, precision = _unit_interval(first, unit)
        _, hi, _ = _unit_interval(last, unit)
        return lo, hi, "range" if vague else precision, True

    def resolve(ctx: _Context) -> _Interval | None:
        pub = ctx.published
        if ref in _PAST_SET:
            return calendar_unit(_shift(pub, -high, unit), _shift(pub, -low, unit)) if pub else None
        if ref in _FUTURE_POINT_SET:
            return calendar_unit(_shift(pub, low, unit), _shift(pub, high, unit)) if pub else None
        if ref in _RECENT_SET:
            return (_shift(pub, -high, unit), pub, "range", True) if pub else None
        if ref in _AHEAD_SET or ref in _FUTURE_SET:
            return (pub, _shift(pub, high, unit), "range", True) if pub else None
        anchor = ctx.anchor()
        if anchor is None:
            return None
        sign = -1 if ref in _BEFORE_SET else 1
        start = _shift(anchor[0], sign * (low if sign > 0 else high), unit)
        end = _shift(anchor[1], sign * (high if sign > 0 else low), unit)
        if unit in ("day", "hour", "week"):
            # An exact offset from an exact day stays a day ("seminggu kemudian").
            return start, end, "day" if start == end else "range", True
        return calendar_unit(start, end)

    return _Candidate(m.start(), m.end(), 3, resolve, anchors=not vague)


def _make_unit(text: str, m: re.Match[str]) -> _Candidate | None:
    """Read "pekan lalu", "bulan ini", "tahun depan", "akhir pekan lalu", "tahun sebelumnya"."""
    word, ref, part = m.group("u"), m.group("ref"), m.group("part")
    unit = tw.TIME_UNITS[_norm(word)]
    part_key = tw.PERIOD_PARTS[_norm(part)] if part else None
    weekend = unit == "week" and part_key == "late"
    if ref is None and not weekend:
        return None
    if _is_number_word(_word_before(text, m.start())):
        return None  # "beberapa bulan ini" is "these few months"
    if (word[0].isupper() and _norm(word) == tw.WEEKDAY_ALSO_WEEK.lower() and not part
            and not _at_sentence_start(text, m.start())):
        return None  # a capitalised "Minggu lalu" mid-sentence is last Sunday
    if _word_before(text, m.start()) in _HABITUAL:
        return None
    ref_norm = _norm(ref) if ref else None
    anaphoric = ref_norm in _AFTER_SET or ref_norm in _BEFORE_SET

    def resolve(ctx: _Context) -> _Interval | None:
        if anaphoric:
            anchor = ctx.anchor()
            if anchor is None:
                return None
            sign = -1 if ref_norm in _BEFORE_SET else 1
            base = _shift(anchor[0] if sign < 0 else anchor[1], sign, unit)
        else:
            if ctx.published is None:
                return None
            pub = ctx.published
            if ref is None:  # bare "akhir pekan": the weekend just past, or the coming one late in the week
                offset = -1 if pub.weekday() < 3 else 0
            else:
                offset = {"past": -1, "future": 1}.get(_direction(ref) or "", 0)
            base = _shift(pub, offset, unit)
        start, end, precision = _unit_interval(base, unit)
        if part_key is not None:
            if unit == "week":
                lo, hi = tw.WEEK_PART_DAYS[part_key]
                start, end = start + dt.timedelta(days=lo), start + dt.timedelta(days=hi)
            elif unit == "month":
                lo, hi = tw.MONTH_PART_DAYS[part_key]
                start, end = start.replace(day=lo), _safe_date(start.year, start.month, hi) or end
            elif unit == "year":
                lo, hi = tw.YEAR_PART_MONTHS[part_key]
                start, end = dt.date(start.year, lo, 1), _month_end(start.year, hi)
            precision = "range"
        return start, end, precision, True

    return _Candidate(m.start(), m.end(), 3, resolve)


def _make_weekday(text: str, m: re.Match[str]) -> _Candidate | None:
    """Read "Senin", "Selasa malam", "Rabu lalu", "Jumat pekan lalu", "Sabtu-Minggu"."""
    name = m.group("wd")
    if _word_before(text, m.start()) in _HABITUAL:
        return None
    if (name.lower() == tw.WEEKDAY_ALSO_WEEK.lower() and m.group("rel")
            and _at_sentence_start(text, m.start())):
        return None  # "Minggu lalu, ..." opening a sentence is last week (see _make_unit)
    target = _WEEKDAY_NAMES[_norm(name)]
    target2 = _WEEKDAY_NAMES[_norm(m.group("wd2"))] if m.group("wd2") else None
    in_week = m.group("wk") is not None  # "Jumat pekan lalu": the Friday of last week
    direction = _direction(m.group("wkrel") or m.group("rel"))

    def resolve(ctx: _Context) -> _Interval | None:
        pub = ctx.published
        if pub is None:
            return None
        monday = pub - dt.timedelta(days=pub.weekday())
        if in_week:
            week = {"past": -1, "future": 1}.get(direction or "", 0)
            day = monday + dt.timedelta(days=7 * week + target)
        elif direction == "present":
            day = monday + dt.timedelta(days=target)
        elif direction == "future":
            day = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            day = pub - dt.timedelta(days=(pub.weekday() - target) % 7)
        if target2 is None:
            return day, day, "day", True
        return day, day + dt.timedelta(days=(target2 - target) % 7), "range", True

    return _Candidate(m.start(), m.end(), 3, resolve)


def _make_season(text: str, m: re.Match[str]) -> _Candidate | None:
    first, last = tw.SEASONS[_norm(m.group("s"))]
    year, ref, with_tahun = m.group("y"), m.group("ref"), bool(m.group("tahun"))

    def instance(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, first, 1), _month_end(y + (last < first), last)

    def resolve(ctx: _Context) -> _Interval | None:
        if year is not None:
            return (*instance(int(year)), "season", False)
        pub = ctx.published
        if pub is None or ref is None:
            return None
        direction = _direction(ref)
        if with_tahun:  # "musim panas tahun lalu"
            return (*instance(pub.year + _year_offset(ref)), "season", True)
        spans = [instance(y) for y in range(pub.year - 2, pub.year + 2)]
        if direction == "past":
            chosen = max(s for s in spans if s[1] < pub)
        elif direction == "future":
            chosen = min(s for s in spans if s[0] > pub)
        else:
            chosen = min(spans, key=lambda s: 0 if s[0] <= pub <= s[1] else abs((s[0] - pub).days))
        return (*chosen, "season", True)

    return _Candidate(m.start(), m.end(), 2, resolve)


@lru_cache(maxsize=4096)
def _dateparser_day(candidate: str) -> dt.date | None:
    """Return the day dateparser reads in ``candidate`` (day, month and year all required)."""
    import dateparser  # imported late: ~0.1 s, and most texts never need it

    parsed = dateparser.parse(candidate, languages=list(tw.DATEPARSER_LANGUAGES),
                              settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _make_foreign(text: str, m: re.Match[str]) -> _Candidate | None:
    word = m.group("w") or m.group("w2")
    if _norm(word).rstrip(".") in _MONTH_NAMES or _norm(word) in _WEEKDAY_NAMES:
        return None  # Indonesian: the other patterns own it
    if _norm(word) in tw.TIME_UNITS:
        return None  # "12 Tahun 1951" cites a law
    day = _dateparser_day(m.group())
    if day is None or day.year != int(m.group("y") or m.group("y2")) \
            or day.day != int(m.group("d") or m.group("d2")):
        return None  # dateparser read something else than day, month word, year
    return _Candidate(m.start(), m.end(), 5, lambda ctx: (day, day, "day", False))


_RULES: dict[str, tuple[re.Pattern[str], _Maker]] = {
    "dmdmy": (_RE_DMDMY, _make_dmdmy),
    "dmy": (_RE_DMY, _make_dmy),
    "num_bracket": (_RE_NUM_BRACKET, _make_numeric),
    "num_plain": (_RE_NUM_PLAIN, _make_numeric),
    "iso": (_RE_ISO, _make_iso),
    "mymy": (_RE_MYMY, _make_mymy),
    "month": (_RE_MONTH, _make_month),
    "year": (_RE_YEAR, _make_year),
    "decade": (_RE_DECADE, _make_decade),
    "season": (_RE_SEASON, _make_season),
    "deictic": (_RE_DEICTIC, _make_deictic),
    "anaphoric": (_RE_ANAPHORIC, _make_anaphoric),
    "counting": (_RE_COUNTING, _make_counting),
    "count": (_RE_COUNT, _make_count),
    "unit": (_RE_UNIT, _make_unit),
    "weekday": (_RE_WEEKDAY, _make_weekday),
    "foreign": (_RE_FOREIGN, _make_foreign),
}

# --- anchors: cheap passes find the words and digits every rule needs -----------------------
# Running each rule over the whole text costs ~0.1 ms per 2,000 characters; instead two cheap
# passes over the lower-cased text find anchors (a month name, a weekday, a unit word, a run of
# digits), and each rule then scans only small windows around its own anchors.  Every match of
# a rule contains one of its anchors, within _BACK characters of the match start and _FORWARD
# of its end (a test compares with a whole-text scan).
_BACK, _FORWARD = 48, 72


def _anchor_words() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}

    def add(words: Iterable[str], *rules: str) -> None:
        for word in words:
            table.setdefault(_norm(word), set()).update(rules)

    add(_MONTH_NAMES, "dmdmy", "dmy", "mymy", "month")
    add(tw.WEEKDAYS, "weekday")
    units = list(tw.TIME_UNITS) + [tw.NUMBER_ONE_PREFIX + u for u in tw.TIME_UNITS]
    add(units, "count", "unit", "counting", "deictic", "anaphoric", "season")
    add((w.split()[0] for w in tw.DEICTIC_DAYS), "deictic")
    add((w.split()[-1] for w in tw.ANAPHORIC_DAYS), "anaphoric")
    add(tw.COUNTING_PHRASE[-1:], "counting")
    add((w.split()[0] for w in tw.SEASONS), "season")
    return {w: frozenset(r) for w, r in table.items()}


_ANCHOR_WORDS = _anchor_words()
# A leading look-behind makes this alternation fail fast inside words (3x faster than without).
_RE_ANCHOR_WORD = re.compile(rf"(?<!\w){_alt(_ANCHOR_WORDS)}(?!\w)")
_RE_ANCHOR_WORD_ANYCASE = re.compile(_RE_ANCHOR_WORD.pattern, re.IGNORECASE)
_RE_DIGITS = re.compile(r"\d+")
_RE_NUM_TAIL = re.compile(r"\s*[/.-]\s*\d")
_RE_DECADE_TAIL = re.compile(rf"\s*-?\s*{tw.DECADE_SUFFIX}(?!\w)")
_RULES_NUM = ("num_bracket", "num_plain")
_RULES_YEAR = ("year", "iso", "decade", "foreign", "num_plain")
_RULES_DECADE = ("decade",)


def _anchors(text: str) -> Iterable[tuple[int, int, Iterable[str]]]:
    """Yield (start, end, rules) for every anchor in ``text``."""
    lowered = text.lower()
    # str.lower() can lengthen a few characters (İ); then match the original case-insensitively.
    if len(lowered) == len(text):
        words = _RE_ANCHOR_WORD.finditer(lowered)
    else:
        words = _RE_ANCHOR_WORD_ANYCASE.finditer(text)
    for m in words:
        yield m.start(), m.end(), _ANCHOR_WORDS[_norm(m.group())]
    for m in _RE_DIGITS.finditer(text):
        start, end = m.span()
        if end - start == 4:
            yield start, end, _RULES_YEAR
        elif end - start <= 2:
            if _RE_NUM_TAIL.match(text, end):
                yield start, end, _RULES_NUM
            if text[end - 1] == "0" and _RE_DECADE_TAIL.match(text, end):
                yield start, end, _RULES_DECADE


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per rule, the merged stretches of ``text`` around that rule's anchors."""
    n = len(text)
    raw: dict[str, list[tuple[int, int]]] = {}
    for start, end, rules in _anchors(text):
        lo, hi = max(0, start - _BACK), min(n, end + _FORWARD)
        # Widen to a space or line break so that no word is cut (a cut "Juni" reads as "Jun").
        if lo > 0:
            lo = max(text.rfind(" ", max(0, lo - 64), lo), text.rfind("\n", max(0, lo - 64), lo)) + 1
        if hi < n:
            ends = [i for i in (text.find(" ", hi, hi + 64), text.find("\n", hi, hi + 64)) if i >= 0]
            hi = min(ends) if ends else min(n, hi + 64)
        for rule in rules:
            raw.setdefault(rule, []).append((lo, hi))
    merged: dict[str, list[tuple[int, int]]] = {}
    for rule, spans in raw.items():
        spans.sort()
        out = [spans[0]]
        for lo, hi in spans[1:]:
            if lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        merged[rule] = out
    return merged


def _candidates(text: str, skip: Sequence[tuple[int, int]], *, whole: bool = False) -> list[_Candidate]:
    """Return every candidate of every rule; ``whole`` scans the whole text (for tests)."""
    windows = {rule: [(0, len(text))] for rule in _RULES} if whole else _windows(text)
    found: list[_Candidate] = []
    for rule, (pattern, make) in _RULES.items():
        for start, end in windows.get(rule, ()):
            for m in pattern.finditer(text, start, end):
                cand = make(text, m)
                limits.tick("dates")
                if cand is None or cand.end <= cand.start:
                    continue
                if any(cand.start < e and s < cand.end for s, e in skip):
                    continue
                found.append(cand)
    return found


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates, longest first, then by rule rank, then leftmost."""
    chosen: list[_Candidate] = []
    # The chosen never overlap, so sorted by start their ends are sorted too: one bisect finds
    # the only chosen candidate that may overlap (a long text has tens of thousands).
    starts: list[int] = []
    ends: list[int] = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        limits.tick("dates")
        k = bisect.bisect_left(starts, cand.end)
        if k and ends[k - 1] > cand.start:
            continue
        starts.insert(k, cand.start)
        ends.insert(k, cand.end)
        chosen.insert(k, cand)
    return chosen


def find_times(text: str, *, published: dt.date | None = None,
               skip: Sequence[tuple[int, int]] = ()) -> list[TimeExpr]:
    """Return every date expression in ``text``, resolved to inclusive intervals, sorted by start.

    ``published`` anchors relative expressions ("kemarin", "Senin", "1 Juni"); without it they
    are dropped, and so are those that fall outside the years 1-9999.  Expressions overlapping a ``skip`` span (noise such as "Baca juga" lines) are
    ignored and never serve as the anchor of a later anaphoric expression.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    out: list[TimeExpr] = []
    prev: TimeExpr | None = None
    for cand in _select(_candidates(text, skip)):
        try:
            interval = cand.resolve(_Context(published, prev))
        except (OverflowError, ValueError):  # past year 9999 or before year 1 ("kemarin" of 0001-01-01)
            continue
        if interval is None:
            continue
        start, end, precision, relative = interval
        expr = TimeExpr(Span.of(text, cand.start, cand.end), start, end, precision, relative)
        out.append(expr)
        if cand.anchors:
            prev = expr
    return out


def reference_date(times: Sequence[TimeExpr]) -> dt.date | None:
    """The day an undated article was most likely written: the latest full date it writes.

    Scraped archives often lose the publication date; "Jumat (22/7/2022)" in the text still
    tells when the article stands, so that "Senin (18/7)" and "kemarin" can be resolved.
    """
    days = [t.end for t in times if t.precision == "day" and not t.relative]
    return max(days) if days else None


def find_times_undated(text: str, *, published: dt.date | None,
                       skip: Sequence[tuple[int, int]] = ()) -> list[TimeExpr]:
    """``find_times``; without a publication date, resolved against the article's own latest full date."""
    times = find_times(text, published=published, skip=skip)
    if published is None:
        ref = reference_date(times)
        if ref is not None:
            times = find_times(text, published=ref, skip=skip)
    return times
