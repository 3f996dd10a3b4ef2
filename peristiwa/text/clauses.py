"""Clauses and participant search: where a verb's subject, object and agent stand in a sentence."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from peristiwa.doc_index import SentenceInfo
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id import places as vocab
from peristiwa.lang.id.grammar import AND_WORDS, CLAUSE_BREAKS, OBJECT_BREAKERS, OBLIQUE_MARKERS
from peristiwa.lang.id.morphology import ME_PREFIXES
from peristiwa.places.gazetteer import Gazetteer
from peristiwa.text.chunks import Chunk, Part
from peristiwa.text.tokens import Tok

VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONSULT",
                          "CONCEDE", "COOPERATE"})

MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "PROTEST", "SANCTION"})


def clause_bounds(toks: Sequence[Tok], i: int, *, reported: bool = False) -> tuple[int, int]:
    """Token range of the clause around token ``i`` (cut at semicolons and contrast words).

    With ``reported``, the clause also starts after a verb of saying ("… mengatakan bahwa …").
    """
    lo = i
    while lo > 0 and toks[lo - 1].low not in CLAUSE_BREAKS and not (reported and toks[lo - 1].low in
                                                                      ec.REPORT_VERBS):
        lo -= 1
    hi = i
    while hi + 1 < len(toks) and toks[hi + 1].low not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


def ends_chunk(sent: SentenceInfo, j: int) -> bool:
    return any(c.last == j for c in sent.chunks)


def paren_start(toks: Sequence[Tok], j: int) -> int:
    """If token ``j`` closes a parenthesis, the index of its opening; else ``j``."""
    if toks[j].text != ")":
        return j
    depth = 0
    for k in range(j, -1, -1):
        if toks[k].text == ")":
            depth += 1
        elif toks[k].text == "(":
            depth -= 1
            if depth == 0:
                return k
    return j


def bad_subject(sent: SentenceInfo, c: Chunk) -> bool:
    """A chunk that cannot be a subject: after a preposition or a patron marker ("dukungan Iran")."""
    if c.first == 0:
        return False
    before = sent.toks[c.first - 1].low
    if before == "," and c.first >= 2:
        # "di Canberra, Australia": the second name continues the place
        prev = next((o for o in sent.chunks if o.last == c.first - 2), None)
        if prev is not None and prev.first > 0 and sent.toks[prev.first - 1].low in vocab.PLACE_OPENERS:
            return True
    return before in vocab.PLACE_OPENERS or before in lx.PATRON_MARKERS or before in lx.PLACE_NOUNS \
        or before in OBLIQUE_MARKERS


def nearest_chunk_before(sent: SentenceInfo, i: int, lo: int) -> Chunk | None:
    """The participant chunk that is the subject of the verb at token ``i``."""
    toks = sent.toks
    head = relative_clause_head(sent, i, lo)
    if head is not None:
        return head  # "Israel yang mengklaim Iran …, melancarkan serangan": Israel acts, not Iran
    j = i - 1
    while j >= lo:
        if toks[j].low in lx.SKIPPABLE_BEFORE_VERB or toks[j].low in ec.IRREALIS or toks[j].low in ec.NEGATORS \
                or toks[j].low in lx.SUBJECT_GAP_WORDS:
            j -= 1
        elif toks[j].text == ")":
            j = paren_start(toks, j) - 1
        else:
            break
    for c in reversed(sent.chunks):
        if c.last < lo:
            break
        if c.first > j:
            continue
        if all(p.is_place for p in c.parts) and not (c.last == j and seat_of_government(c)):
            continue  # "Warga … di Kecamatan Bua, Sulawesi Selatan, memblokade": places do not act
        if bad_subject(sent, c):
            if relative_agent(sent, c, lo):
                return c  # "rudal yang dilancarkan oleh X menghantam …": X acts
            if c.first >= 2 and toks[c.first - 1].low == "dari" and toks[c.first - 2].low in lx.MEMBER_NOUNS:
                return c  # "peserta aksi dari serikat buruh X melakukan mogok": the group acts
            continue
        if object_of_verb(sent, c) and any(o.last < c.first and o.first >= lo for o in sent.chunks) \
                and not (c.first > 0 and sent.toks[c.first - 1].low in ec.CAUSATIVE_VERBS):
            continue  # "demonstrasi menolak pengaruh Iran dihadapi …": Iran is menolak's object
        return c
    return None


def relative_clause_head(sent: SentenceInfo, i: int, lo: int) -> Chunk | None:
    """The noun a "yang …," clause right before token ``i`` describes, if there is one.

    The search may go back before ``lo``: "X yang mengklaim …, melancarkan …" is no report by X.
    """
    toks = sent.toks
    lo = min(lo, clause_bounds(toks, i)[0])
    k = i - 1
    while k >= lo and toks[k].low in lx.SKIPPABLE_BEFORE_VERB:
        k -= 1
    if k <= lo or toks[k].text != ",":
        return None
    for y in range(k - 1, lo, -1):
        if toks[y].text == "," or toks[y].low in AND_WORDS:
            return None
        if toks[y].low == "yang":
            c = next((c for c in sent.chunks if c.last == y - 1 and c.first >= lo), None)
            if c is None or bad_subject(sent, c) or all(p.is_place for p in c.parts):
                return None
            return c
    return None


def seat_of_government(c: Chunk) -> bool:
    """True for a lone capital city ("Teheran", "Washington"), which may stand for its state."""
    return len(c.parts) == 1 and not c.parts[0].head and capital_country(c.parts[0].name) is not None


@lru_cache(maxsize=4096)
def capital_country(name: str) -> str | None:
    """The ISO3 code of the state whose seat of government ``name`` is, else None."""

    return lx.GOVERNMENT_SEATS.get(name.casefold()) or Gazetteer.default().capital_of(name)


def relative_agent(sent: SentenceInfo, c: Chunk, lo: int) -> bool:
    toks = sent.toks
    k = c.first
    return k >= 3 and toks[k - 1].low == "oleh" and toks[k - 2].low.startswith("di") \
        and toks[k - 3].low == "yang" and not any(o.first >= lo and o.last < k - 3 for o in sent.chunks)


def object_of_verb(sent: SentenceInfo, c: Chunk) -> bool:
    """True when an active verb governs the chunk ("menolak (pengaruh) Iran")."""
    toks = sent.toks
    for k in (c.first - 1, c.first - 2):
        if k >= 0 and len(toks[k].low) > 4 and toks[k].low.startswith(ME_PREFIXES) \
                and not toks[k].is_cap:
            return True
        if k >= 0 and not toks[k].is_word:
            return False
    return False


def clause_subject(sent: SentenceInfo, lo: int, before: int) -> Chunk | None:
    """The first chunk of the clause, when it comes before token ``before`` ("X adalah … yang …")."""
    for c in sent.chunks:
        if c.first >= lo and c.last < before and not bad_subject(sent, c):
            return c
    return None


def chunk_after(sent: SentenceInfo, i: int, hi: int, *, max_gap: int = 2) -> Chunk | None:
    for c in sent.chunks:
        if c.first > i and c.first <= i + 1 + max_gap and c.first <= hi:
            between = [t.low for t in sent.toks[i + 1:c.first]]
            if any(b in lx.PHRASE_BREAKERS and b not in {"para"} for b in between):
                return None
            return c
    return None


def chunk_after_word(sent: SentenceInfo, i: int, hi: int, words: Collection[str],
                      *, window: int = 8) -> Chunk | None:
    toks = sent.toks
    for k in range(i + 1, min(hi + 1, i + window + 1)):
        if toks[k].low in words:
            nxt = k + 1
            if toks[k].low == "ke" and nxt < len(toks) and toks[nxt].low == "arah":
                nxt += 1
            for c in sent.chunks:
                if c.first >= nxt and c.first <= nxt + 2:
                    return c
    return None


def chunk_parts(c: Chunk | None, *, keep_generic: bool = False) -> list[Part]:
    """The chunk's participants; bare "orang"/"korban" only when asked (a verb's direct object)."""
    if c is None:
        return []
    named = [p for p in c.parts if not p.generic]
    return named if named or not keep_generic else list(c.parts)


def first_chunk_within(sent: SentenceInfo, i: int, hi: int, *, window: int) -> Chunk | None:
    """The first participant chunk after token ``i`` in its clause, before any full stop or verb of saying."""
    for c in sent.chunks:
        if c.first <= i:
            continue
        if c.first > min(hi, i + window):
            return None
        between = [t.low for t in sent.toks[i + 1:c.first]]
        if any(b in OBJECT_BREAKERS or b in ec.REPORT_VERBS for b in between):
            return None
        return c
    return None
