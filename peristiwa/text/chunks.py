"""Participant phrases: the noun phrases that can be an event's actors or targets.

A sentence is cut into chunks; a chunk holds one or more participants ("tentara AS dan Irak"
holds two).  A participant is headed by a known name (an entity mention) or a group noun
(``milisi``, ``warga``), carries the entity it names and that entity's country, and keeps the
text it covers.  Patron phrases (``dukungan Iran``) end a participant: the patron is not a
co-actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from peristiwa.lang.id import participants as lx
from peristiwa.lang.id import time_words as tw
from peristiwa.lang.id.actor_words import TITLE_WORDS_FOLDED
from peristiwa.lang.id.grammar import AND_WORDS, LIST_SEPARATORS
from peristiwa.text.tokens import Tok

# Words of official titles ("Gubernur", "Kapolda", "Irjen"): they lead to the person they name.
TITLE_WORDS = TITLE_WORDS_FOLDED
_TITLE_SPAN = 7

# Capitalised words that never continue a name: "Israel Sabtu dini hari" is Israel, then a day.
_TIME_NAMES = frozenset(w.casefold() for w in tw.WEEKDAYS) | frozenset(tw.MONTHS)


@dataclass(frozen=True, slots=True)
class MentionRef:
    """An entity mention in view coordinates."""

    start: int
    end: int
    entity: str
    type: str
    name: str
    country: str | None
    is_place: bool = False  # a city, region or site: somewhere, not someone


@dataclass
class Part:
    """One participant: its tokens, what it names, and how."""

    first: int
    last: int
    text: str
    name: str
    start: int = 0  # view offsets of the participant's own words
    end: int = 0
    entity: str | None = None
    country: str | None = None
    etype: str | None = None
    head: str = ""  # the group noun heading it, if any
    is_thing: bool = False
    is_place: bool = False  # only a (non-country) place name: a location, not an actor
    generic: bool = False  # "orang", "korban": people counted, not an actor


@dataclass
class Chunk:
    first: int
    last: int
    parts: list[Part] = field(default_factory=list)


def _possessor(prev: Tok) -> bool:
    """True when a pronoun after ``prev`` owns it: a plain noun, not a verb, preposition or name."""
    return prev.is_word and not prev.is_cap and prev.low not in lx.PHRASE_BREAKERS and not looks_like_verb(prev) \
        and prev.low not in lx.GROUP_HEADS and prev.low not in lx.SPEECH_WORDS


def looks_like_verb(tok: Tok) -> bool:
    low = tok.low
    return len(low) > 5 and low.startswith(lx.VERB_PREFIXES) and not tok.is_cap


class Chunker:
    """Cuts token lists into participant chunks, given the entity mentions of the document."""

    def __init__(self, mentions: Sequence[MentionRef]) -> None:
        self._by_start: dict[int, MentionRef] = {}
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            self._by_start.setdefault(m.start, m)

    def mention_at(self, toks: Sequence[Tok], i: int) -> tuple[MentionRef, int] | None:
        """The mention starting at token ``i`` and the index of its last token."""
        m = self._by_start.get(toks[i].start)
        if m is None:
            return None
        j = i
        while j + 1 < len(toks) and toks[j + 1].end <= m.end:
            j += 1
        return m, j

    def _past_titles(self, toks: Sequence[Tok], i: int) -> int:
        """The person named after a title ("Kapolda Riau Irjen Herry Heryawan"), else ``i``.

        Title words and the places inside the title are skipped up to a person's name, so that
        a list of titled officials reads as a list of people.
        """
        if i >= len(toks) or not toks[i].is_cap or toks[i].low not in TITLE_WORDS:
            return i
        k = i
        while k < len(toks) and k - i < _TITLE_SPAN:
            hit = self.mention_at(toks, k)
            if hit is not None and hit[0].type == "PER":
                return k
            if hit is not None and hit[0].type in {"GPE", "LOC", "ORG"}:
                k = hit[1] + 1
            elif toks[k].is_cap and toks[k].low in TITLE_WORDS:
                k += 1
            else:
                break
        return i

    def _starts_part(self, toks: Sequence[Tok], i: int) -> bool:
        if i >= len(toks):
            return False
        if self._past_titles(toks, i) != i:
            return True
        t = toks[i]
        if t.low in lx.PRONOUNS and i > 0 and _possessor(toks[i - 1]):
            return False  # "dua rekan kami gugur": "kami" owns the noun, it is no participant of its own
        return self.mention_at(toks, i) is not None or t.low in lx.GROUP_HEADS or t.low in lx.PRONOUNS \
            or t.low in lx.PROTEST_HEADS

    def chunks(self, toks: Sequence[Tok], text: str) -> list[Chunk]:
        """Every participant chunk in ``toks`` (one sentence), left to right."""
        out: list[Chunk] = []
        i = 0
        while i < len(toks):
            part = self._part(toks, i, text)
            if part is None:
                i += 1
                continue
            self._adopt_bracketed_name(toks, part)
            chunk = Chunk(part.first, part.last, [part])
            j = self._skip_paren(toks, part.last + 1)
            pending: list[Part] = []  # comma-joined parts, kept only if "dan"/"serta" closes the list
            while j < len(toks) and toks[j].low in LIST_SEPARATORS:
                conj = toks[j].low
                k = j + 1
                if k < len(toks) and toks[k].low in AND_WORDS:
                    conj = toks[k].low
                    k += 1
                nxt = self._part(toks, k, text) if k < len(toks) else None
                if nxt is None or (k < len(toks) and looks_like_verb(toks[k])):
                    break
                prev = (pending or chunk.parts)[-1]
                if nxt.entity and not nxt.head and prev.head and prev.entity and prev.etype == "GPE" \
                        and nxt.etype == "GPE":
                    # "tentara AS dan Irak": the second country shares the first one's head noun
                    nxt.name = f"{prev.head} {nxt.text}"
                    nxt.head = prev.head
                if conj == ",":
                    pending.append(nxt)
                else:
                    chunk.parts += [*pending, nxt]
                    pending = []
                    chunk.last = nxt.last
                j = self._skip_paren(toks, nxt.last + 1)
            if pending:
                first = chunk.parts[0]
                appos = pending[0]
                if len(chunk.parts) == 1 and appos.etype == "PER" and (first.head or first.etype == "GPE") \
                        and toks[first.first].is_cap:
                    # "Pemimpin spiritual Iran, Ayatullah Ali Khamenei": the name is the participant
                    appos.first = first.first
                    chunk.parts = [appos]
                    chunk.last = appos.last
            else:
                chunk.last = max(chunk.last, j - 1) if j - 1 < len(toks) and toks[j - 1].text == ")" else chunk.last
            out.append(chunk)
            i = chunk.last + 1
        return out

    def _adopt_bracketed_name(self, toks: Sequence[Tok], part: Part) -> None:
        """A group phrase spelled out before its name in brackets names that actor.

        "kelompok kriminal bersenjata (KKB)", "Tentara Nasional Indonesia (TNI)".
        """
        k = part.last + 1
        if part.entity or not part.head or k + 2 >= len(toks) or toks[k].text != "(":
            return
        found = self.mention_at(toks, k + 1)
        if found is None or found[1] + 1 >= len(toks) or toks[found[1] + 1].text != ")" or found[0].is_place:
            return
        m = found[0]
        part.entity, part.country, part.etype, part.head = m.entity, m.country, m.type, ""

    @staticmethod
    def _skip_paren(toks: Sequence[Tok], j: int) -> int:
        """Skip a parenthetical right after a participant: "X (pemimpin Y) dan Z"."""
        if j < len(toks) and toks[j].text == "(":
            depth = 0
            for k in range(j, min(len(toks), j + 30)):
                if toks[k].text == "(":
                    depth += 1
                elif toks[k].text == ")":
                    depth -= 1
                    if depth == 0:
                        return k + 1
        return j

    def _part(self, toks: Sequence[Tok], i: int, text: str) -> Part | None:
        n = len(toks)
        first = i
        # determiners and counts before the head
        while i < n and (toks[i].low in lx.DETERMINERS or toks[i].text.replace(".", "").isdigit()
                         or (toks[i].low == "dari" and i > first and toks[i - 1].low in lx.COMPARATIVES)):
            i += 1
        i = self._past_titles(toks, i)
        if i >= n or not self._starts_part(toks, i):
            return None
        head = ""
        ents: list[MentionRef] = []
        j = i
        last = i
        while j < n:
            t = toks[j]
            hit = self.mention_at(toks, j)
            if hit is not None:
                ents.append(hit[0])
                last = j = hit[1]
                j += 1
                continue
            if (t.low in lx.GROUP_HEADS or (t.low in lx.PROTEST_HEADS and not head)) and not ents:
                head = head + " " + t.low if head else t.low
                last = j
                j += 1
                continue
            if t.low in lx.PRONOUNS and j == i:
                last = j
                head = t.low
                j += 1
                break
            if t.low in lx.LEADER_MARKERS and j + 1 < n:
                lead = self.mention_at(toks, j + 1)
                if lead is not None and lead[0].type == "PER":
                    last = j = lead[1]
                    j += 1
                    continue
            if t.is_cap and t.is_word and not looks_like_verb(t) and (head or ents) and t.low not in lx.PHRASE_BREAKERS \
                    and t.low not in _TIME_NAMES:
                last = j
                j += 1
                continue
            if t.low in lx.HEAD_MODIFIERS and head:
                last = j
                j += 1
                continue
            break
        if first == i and toks[i].low in lx.PRONOUNS:
            return Part(first, i, toks[i].text, toks[i].text, toks[i].start, toks[i].end, head=toks[i].low)
        start, end = toks[i].start, toks[last].end
        # the name leaves out leading counts and determiners; the text keeps them ("sekelompok anak muda")
        surface = text[start:end]
        if first < i and head:
            start = toks[first].start
        main = None
        for pref in ("PER", "ORG", "NORP", "GPE", "LOC", "FAC"):
            main = next((m for m in ents if m.type == pref), None)
            if main is not None:
                break
        is_thing = head.split()[0] in lx.THING_HEADS if head else False
        generic = not ents and " ".join(surface.lower().split()[-2:]) in lx.GENERIC_PEOPLE_ENDINGS
        if head in lx.PROTEST_HEADS:
            return Part(first, last, surface, "demonstran", start, end, head=head)
        if main is not None and not head and len(ents) == 1 and main.start == start and main.end >= end:
            name = main.name
        else:
            name = surface
        is_place = bool(ents) and not head and all(m.is_place for m in ents)
        return Part(first, last, surface, name, start, end, is_place=is_place, entity=main.entity if main else None,
                    country=main.country if main else None, etype=main.type if main else None,
                    head=head, is_thing=is_thing, generic=generic)
