"""Mark what is not the article, and build an analysis view of the text; never change offsets.

Two things happen here:

* ``find_boilerplate`` returns the spans of page furniture (``Baca juga:`` lines and the
  related headline after them, video teasers, ads, "SCROLL TO CONTINUE", editor initials
  and the tag list after them, outlet footers).  Later stages skip these spans.
* ``TextView`` is the text the NLP stages read: words glued by lost spaces
  (``seranganIsraeldi``) get a space back, and a quote scraped one word per line is joined.
  It keeps a map to the original offsets, so every span found in the view is reported as a
  span of the original text.

``display_text`` is the same repair for people reading an export (evidence, ACLED notes), with
the ``[img.N]``/``[video.N]`` placeholders of scraped pages taken out; it returns a new
string and leaves the text and every offset into it as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from peristiwa.lang.id import boilerplate as bp
from peristiwa.types import Span


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span of page furniture and what kind it is."""

    span: Span
    kind: str  # related | teaser | ad | footer | furniture


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    noise = re.compile(r"(?:" + "|".join(bp.NOISE_LINE_PATTERNS) + r")", re.IGNORECASE)
    related = re.compile(bp.RELATED_PREFIX, re.IGNORECASE)
    footer = re.compile(bp.FOOTER_START, re.IGNORECASE)
    return noise, related, footer


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every line's stripped content, skipping blank lines."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(line)
    return out


def _kind(line: str) -> str:
    low = line.lower()
    if "video" in low or "saksikan" in low or "gambas" in low:
        return "teaser"
    if low.startswith(bp.AD_LINE_PREFIXES):
        return "ad"
    return "furniture"


def _looks_like_headline(line: str) -> bool:
    """A related-article title: short, no sentence-final punctuation, no quotes opening speech."""
    words = line.split()
    return 0 < len(words) <= 25 and not line.rstrip().endswith((".", "?\"", ".\"", ".”", "”", ","))


def _looks_like_tag(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 8 and not line.rstrip().endswith((".", ",", "\"", "”", ":"))


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Return the spans of ``text`` that are page furniture rather than the article."""
    noise_re, related_re, footer_re = _patterns()
    lines = _lines(text)
    out: list[Boilerplate] = []
    i = 0
    in_footer = False
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if in_footer and _looks_like_tag(line):
            out.append(Boilerplate(Span.of(text, start, end), "footer"))
            i += 1
            continue
        in_footer = False
        related = related_re.match(line)
        if related:
            rest = line[related.end():].strip()
            out.append(Boilerplate(Span.of(text, start, end), "related"))
            # "Baca juga:" alone on its line: the headline it introduces is the next line,
            # when that line looks like a headline (Detik); Liputan6's bare "Baca Juga" line is
            # followed by article text, which ends in punctuation and is kept.
            if not rest and i + 1 < len(lines):
                nstart, nend = lines[i + 1]
                if _looks_like_headline(text[nstart:nend]) and not noise_re.fullmatch(text[nstart:nend]):
                    out.append(Boilerplate(Span.of(text, nstart, nend), "related"))
                    i += 1
            i += 1
            continue
        if noise_re.fullmatch(line):
            out.append(Boilerplate(Span.of(text, start, end), _kind(line)))
            if footer_re.fullmatch(line):
                in_footer = True
            i += 1
            continue
        i += 1
    return out


def find_dateline(text: str) -> Span | None:
    """Return the dateline opening the article ("BEIRUT, KOMPAS.com -"), if there is one."""
    head = text[:300]
    outlets = "|".join(re.escape(o) for o in bp.OUTLET_NAMES)
    m = re.match(
        r"\s*((?:[A-Z][A-Za-z.'\- ]{1,40},\s*)?(?:" + outlets + r")(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?\s*[-–—:]+)",
        head,
    )
    if not m:
        return None
    return Span.of(text, m.start(1), m.end(1))


_GLUE_LOWER_UPPER = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")
_GLUE_UPPER_FUNC = re.compile(
    r"(?<=[A-Z]{2})(?=(?:" + "|".join(bp.GLUE_FUNCTION_WORDS) + r")(?![a-z]))"
)
_GLUE_CAPITALISED = re.compile(r"(?<![A-Z])[A-Z][a-z]{4,}(?![a-z])")
_GLUE_REST_OK = re.compile(
    r"(?:" + "|".join(bp.GLUE_FUNCTION_WORDS + bp.GLUE_COMMON_WORDS) + r")$"
    r"|(?:" + "|".join(bp.GLUE_VERB_PREFIXES) + r")[a-z]{3,}$"
)
_CLOSING = frozenset(".,;:!?)\"”'’")  # what cannot follow a preposition or conjunction
_BROKEN_LINE = re.compile(r"(?<=\S)\n(?=[a-z])")


class TextView:
    """The text as the analysis stages read it, with a map back to the original offsets.

    ``norm`` differs from the original only by inserted spaces (between glued words) and by
    newlines turned into spaces (a sentence scraped one word per line).  ``span(s, e)`` turns
    a stretch of ``norm`` into a :class:`Span` of the original text.
    """

    __slots__ = ("_orig_of", "norm", "text")

    def __init__(self, text: str, *, is_name: Callable[[str], bool] | None = None) -> None:
        self.text = text
        inserts = self._glue_points(text, is_name)
        chars: list[str] = []
        orig_of: list[int] = []
        last = 0
        for point in inserts:
            chars.append(text[last:point])
            orig_of.extend(range(last, point))
            chars.append(" ")
            orig_of.append(point)  # an inserted space stands at the next original char
            last = point
        chars.append(text[last:])
        orig_of.extend(range(last, len(text)))
        orig_of.append(len(text))
        self.norm = _BROKEN_LINE.sub(" ", "".join(chars)) if "\n" in text else "".join(chars)
        self._orig_of = orig_of if inserts else None

    @staticmethod
    def _glue_points(text: str, is_name: Callable[[str], bool] | None) -> list[int]:
        points = {m.start() for m in _GLUE_LOWER_UPPER.finditer(text)}
        points.update(m.start() for m in _GLUE_UPPER_FUNC.finditer(text))
        if is_name is not None:
            for m in _GLUE_CAPITALISED.finditer(text):
                word = m.group(0)
                if len(word) > 30 or is_name(word):
                    continue
                # the longest known name that the word starts with, the rest a plausible word; a rest
                # that would be a preposition or conjunction before a stop is the name's own ending
                # ("Desa Lepadi,", "Ramadan.")
                closed = text[m.end():m.end() + 1] in _CLOSING
                for cut in range(len(word) - 2, 2, -1):
                    if closed and word[cut:] in bp.GLUE_FUNCTION_WORDS:
                        continue
                    if is_name(word[:cut]) and _GLUE_REST_OK.match(word[cut:]):
                        points.add(m.start() + cut)
                        break
        return sorted(points)

    def orig(self, i: int) -> int:
        """Map an offset of ``norm`` to the original text."""
        return i if self._orig_of is None else self._orig_of[i]

    def orig_end(self, e: int) -> int:
        """Map an end offset of ``norm`` (exclusive) to the original text."""
        if self._orig_of is None or e == 0:
            return e
        return self._orig_of[e - 1] + 1

    def to_norm(self, i: int) -> int:
        """Map an original offset to ``norm`` (the first view char at or after it)."""
        if self._orig_of is None:
            return i
        import bisect

        return bisect.bisect_left(self._orig_of, i)

    def span(self, start: int, end: int) -> Span:
        """The original-text span for ``norm[start:end]``."""
        return Span.of(self.text, self.orig(start), self.orig_end(end))

    def remap(self, span: Span) -> Span:
        """Turn a span found in ``norm`` into a span of the original text."""
        return self.span(span.start, span.end)

    def norm_ranges(self, spans: Sequence[Span]) -> list[tuple[int, int]]:
        """Original-text spans as (start, end) ranges of ``norm``."""
        return [(self.to_norm(s.start), self.to_norm(s.end)) for s in spans]


_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")
_PLACEHOLDER = re.compile(r"\[(?:img|image|video|foto|gambar)\.\d+\]", re.IGNORECASE)


def display_text(text: str, *, is_name: Callable[[str], bool] | None = None) -> str:
    """Return ``text`` for a reader: glued words re-spaced, media placeholders removed, spaces collapsed.

    ``is_name`` (a test for known capitalised names) lets ``wargaPalestinatewas`` be split
    after the name too, as the analysis view does.  Offsets into ``text`` are not affected:
    this is a copy for display only.
    """
    shown = " ".join(_PLACEHOLDER.sub(" ", TextView(text, is_name=is_name).norm).split())
    return _SPACE_BEFORE_STOP.sub(r"\1", shown) if "[" in text else shown
