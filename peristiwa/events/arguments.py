"""An act's mode, date and toll, read from its sentence."""

from __future__ import annotations

from collections.abc import Sequence

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.cues import CueHit
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import time_words as tw
from peristiwa.text.chunks import Part, looks_like_verb
from peristiwa.text.clauses import MATERIAL_TYPES, clause_bounds
from peristiwa.text.tokens import Tok
from peristiwa.types import TimeExpr, Toll


def act_mode(sent: SentenceInfo, hit: CueHit, lo: int, hi: int) -> str | None:
    """The PLOVER mode: the cue's own, else one read from the words of the clause."""
    text = " " + " ".join(t.low for t in sent.toks[lo:hi + 1])
    table = ec.MODE_WORDS.get(hit.cue.type)
    if table is None:
        return hit.cue.mode
    if hit.cue.type == "ASSAULT":
        # a word at the start of a token: "serangan udaranya" is an air strike
        for word, mode in table:
            if " " + word in text:
                return mode
        return hit.cue.mode
    if hit.cue.mode is not None:
        return hit.cue.mode
    for word, mode in table:
        if " " + word in text:
            return mode
    return ec.DEFAULT_MODES.get(hit.cue.type)


def casualties(doc: DocIndex, sent: SentenceInfo, hit: CueHit | None) -> tuple[Toll | None, Toll | None]:
    """Fatalities and injuries stated in the trigger's sentence for this act."""
    toks = sent.toks
    text_low = [t.low for t in toks]
    deaths: Toll | None = None
    hurts: Toll | None = None
    for qs, qe, q in doc.quantities:
        if not (sent.start <= qs < sent.end):
            continue
        # token index of the quantity's first and last token
        qi = next((t.i for t in toks if t.start >= qs), None)
        qj = next((t.i for t in reversed(toks) if t.end <= max(qe, (q.noun and doc.an.view.to_norm(q.noun.end))
                                                               or qe)), None)
        if qi is None or qj is None:
            continue
        before = text_low[max(0, qi - 2):qi]
        after = text_low[qj + 1:qj + 5]
        # skip filler words between the count and its predicate: "orang", "lainnya", "dilaporkan"
        if after[:1] == ["termasuk"]:
            # "12 orang, termasuk empat di antaranya dari satu keluarga, tewas": skip the aside
            comma = next((j for j in range(qj + 1, min(len(toks), qj + 14)) if toks[j].text == ","), None)
            if comma is not None:
                after = text_low[comma + 1:comma + 5]
        k = 0
        while k < len(after) and after[k] in ec.TOLL_FILLERS:
            k += 1
        rest = " ".join(after[k:])
        if not _names_toll(rest):
            # "seorang guru bernama Rosa Sogen dinyatakan meninggal", "6 guru dan nakes lainnya mengalami
            # luka-luka": skip the counted people's name or co-nouns up to the predicate
            ahead = _toll_after_description(toks, qj + 1)
            if ahead is not None:
                rest = " ".join(text_low[ahead:ahead + 4])
        kind = None
        if any(w in ec.KILLING_VERBS for w in before):
            kind = "d"
        elif any(w in ec.INJURING_VERBS for w in before):
            kind = "i"
        elif any(rest == w or rest.startswith(w + " ") for w in ec.DEATH_WORDS) or rest.startswith("ditembak mati"):
            kind = "d"
        elif any(rest == w or rest.startswith(w + " ") for w in ec.INJURY_WORDS):
            kind = "i"
        if kind == "d" and deaths is None:
            deaths = Toll.of(q)
        elif kind == "i" and hurts is None:
            hurts = Toll.of(q)
    if deaths is None:
        joined = " ".join(text_low)
        for phrase in ec.NO_DEATHS:
            at = joined.find(phrase)
            if at >= 0:
                ti = joined[:at].count(" ")
                tj = min(len(toks) - 1, ti + phrase.count(" "))
                said = doc.an.view.span(toks[ti].start, toks[tj].end)
                deaths = Toll(0, 0, said.text, said)
                break
    return deaths, hurts


def _names_toll(rest: str) -> bool:
    return any(rest == w or rest.startswith(w + " ") for w in (*ec.DEATH_WORDS, *ec.INJURY_WORDS))


def _toll_after_description(toks: Sequence[Tok], j: int) -> int | None:
    """The index of a death or injury word reached through a short description of the people counted."""
    lows = [t.low for t in toks]
    for k in range(j, min(len(toks), j + _DESCRIPTION_WINDOW)):
        if _names_toll(" ".join(lows[k:k + 4])):
            return k
        t = toks[k]
        if not t.is_word or t.text.isdigit() \
                or (looks_like_verb(t) and t.low not in ec.TOLL_DESCRIPTION_VERBS):
            return None
    return None


_DESCRIPTION_WINDOW = 8


def named_dead(sent: SentenceInfo, targets: Sequence[Part]) -> int:
    """Named people reported killed: "A dan B … tewas" counts 2."""
    lows = {t.low for t in sent.toks}
    if not lows & ec.DIED_WORDS:
        return 0
    people = [p for p in targets if p.etype == "PER"]
    return len(people) if people and len(people) == len(targets) else 0


def act_date(doc: DocIndex, sent: SentenceInfo, hit: CueHit) -> TimeExpr | None:
    """The date expression that governs the act.

    In Indonesian news the time adjunct follows the predicate ("… dicegat … pada Senin (9/6)")
    or opens the sentence ("Pada Kamis (30/10/2025), pasukan …"); a date between the sentence
    start and the trigger often belongs to a relative clause ("kapal yang berangkat pada 1 Juni").
    So: the nearest date after the trigger in its clause, else one that opens the sentence, else
    the nearest one.
    """
    toks = sent.toks
    trig = toks[hit.first].start
    _lo, hi = clause_bounds(toks, hit.first)
    clause_end = toks[hi].end if toks else sent.end
    published = doc.an.doc.published_date()
    inside = [(ts, t) for ts, _te, t in doc.times_in(sent)]
    if published is not None and hit.cue.type != "THREATEN":
        # a date after publication is a plan mentioned in passing, not when this act happened
        inside = [(ts, t) for ts, t in inside if t.start <= published] or inside
    if hit.cue.type in MATERIAL_TYPES:
        # '"… menyerang warga …," ujar X dilansir Y, Jumat (20/6/2025)': the day it was said, not done
        inside = [(ts, t) for ts, t in inside if not _attributed(toks, ts, trig)]
    # "menyerang Palestina di tengah gencatan senjata yang berlaku sejak 10 Oktober": another thing's date
    inside = [(ts, t) for ts, t in inside if not _in_relative_clause(toks, trig, ts)]
    if not inside:
        return None
    after = [(ts, t) for ts, t in inside if trig <= ts < clause_end]
    if after:
        return min(after, key=lambda x: x[0])[1]
    opening = [(ts, t) for ts, t in inside if ts < trig and opens_sentence(toks, ts)]
    if opening:
        return opening[0][1]
    return min(inside, key=lambda x: abs(x[0] - trig))[1]


def _in_relative_clause(toks: Sequence[Tok], trig: int, pos: int) -> bool:
    """True when a "yang …" clause opens between the trigger and a later date, with "sejak" before the date."""
    between = [t.low for t in toks if trig < t.start < pos]
    return "yang" in between and bool(between) and between[-1] in tw.SINCE_WORDS


def _attributed(toks: Sequence[Tok], pos: int, trig: int) -> bool:
    """True when a speech verb after the trigger stands shortly before the date at ``pos``."""
    before = [t for t in toks if trig < t.start < pos][-_ATTRIBUTION_WINDOW:]
    return any(t.low in _SAYING for t in before)


_ATTRIBUTION_WINDOW = 10
_SAYING = frozenset(ec.SPEECH_VERBS) | frozenset(ec.SOURCE_VERBS)


def opens_sentence(toks: Sequence[Tok], pos: int) -> bool:
    """True when only framing words ("Pada", "Sebelumnya", "Sejak") stand before the date at ``pos``."""
    for t in toks:
        if t.start >= pos:
            return True
        if t.is_word and t.low not in tw.DATE_FRAME_WORDS:
            return False
    return True
