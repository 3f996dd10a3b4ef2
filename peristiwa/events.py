"""Events: find who did what to whom in each sentence, with when, where and how many.

For each sentence outside the page furniture: find the cue words (``cues``), drop those that
are not acts (negated, hypothetical, the content of a demand or an accusation, a noun that
points back to an act already told), then read the roles from the voice of the cue and the
participant phrases around it (``chunks``), and the arguments from the dates, places and
numbers found by the earlier stages.  Mentions of one act are merged (``merge``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from peristiwa.analysis import Analysis
from peristiwa.chunks import Chunk, Part
from peristiwa.cues import Cue, CueHit, find_cues
from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.locations import (
    dominant_country,
    main_place,
    paragraph_location,
    sentence_location,
    target_country,
)
from peristiwa.tokens import Tok
from peristiwa.types import (
    Event,
    EventDate,
    Location,
    Participant,
    Quantity,
    Span,
    TimeExpr,
)

ONE_DAY = dt.timedelta(days=1)
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONSULT",
                          "CONCEDE", "COOPERATE"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "PROTEST", "SANCTION"})
CLAUSE_BREAKS = frozenset({";", ":", "namun", "tetapi", "sedangkan", "sementara", "padahal"})
PLACE_PREPS = frozenset({"di", "dekat", "ke", "dari", "wilayah", "kawasan", "kota", "menuju", "arah"})
PRECISION_RANK = {"site": 0, "village": 0, "district": 1, "city": 2, "admin2": 3, "admin1": 4, "region": 5,
                  "country": 6}


@dataclass
class Draft:
    """An event while it is being built (view coordinates)."""

    type: str
    mode: str | None
    sent: int  # sentence index
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    actors: list[Part] = field(default_factory=list)
    targets: list[Part] = field(default_factory=list)
    actor_inferred: bool = False
    date: TimeExpr | None = None
    date_inherited: bool = False
    date_text: str | None = None
    loc: Location | None = None
    fatalities: Quantity | None = None
    injuries: Quantity | None = None
    historical: bool = False
    confidence: float = 0.6
    sequence: bool = False  # "kemudian", "berikutnya": follows the last dated act
    cumulative: bool = False  # a running toll ("sejak Oktober 2023 … total …"): never merged
    targets_inferred: bool = False
    anaphoric: bool = False  # its sentence points back to an act told before ("dalam kontak tembak itu")


def _clause_bounds(toks: Sequence[Tok], i: int, *, reported: bool = False) -> tuple[int, int]:
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


def _within(toks: Sequence[Tok], lo: int, hi: int, words: Sequence[str]) -> bool:
    ws = set(words)
    return any(toks[k].low in ws for k in range(max(0, lo), min(len(toks), hi + 1)))


def _is_real(sent: SentenceInfo, hit: CueHit, hits: Sequence[CueHit],
             accepted: Sequence[CueHit]) -> tuple[bool, str | None]:
    """Decide whether a cue states an act; may turn a hypothetical attack into a threat."""
    toks = sent.toks
    i = hit.first
    prev = [t.low for t in toks[max(0, i - 3):i]]
    cue = hit.cue
    if hit.light:
        # the light verb's own position decides negation and mood
        back = i - 1
        while back >= 0 and toks[back].low not in ec.LIGHT_VERBS_ACTIVE + ec.LIGHT_VERBS_PASSIVE:
            back -= 1
        prev = [t.low for t in toks[max(0, back - 3):max(0, back)]]
    if hit.first > 0 and toks[hit.first].low in lx.PATRON_MARKERS and _ends_chunk(sent, hit.first - 1):
        # "Kataib Hizbullah dukungan Iran": a patron, not an act of support
        return False, None
    if cue.type in ec.PROTEST_CONTENT_TYPES and toks[hit.first].low in ec.PROTEST_CONTENT_VERBS:
        for other in hits:
            if other.cue.type == "PROTEST" and 0 < hit.first - other.last <= 2:
                return False, None  # "demonstrasi menolak X": what the protest is against
    if cue.voice in {"noun", "patient_noun"} and not hit.light:
        nxt = toks[hit.last + 1].low if hit.last + 1 < len(toks) else ""
        if nxt in ec.ANAPHORIC_DETERMINERS or (nxt in {"terbaru", "balasan"} and hit.last + 2 < len(toks)
                                              and toks[hit.last + 2].low in ec.ANAPHORIC_DETERMINERS):
            return False, None
    if any(p in ec.NEGATORS for p in prev[-2:]) and cue.type != "REJECT":
        return False, None
    if _is_heading(sent):
        return False, None
    if cue.type in MATERIAL_TYPES and cue.voice != "victim" and _inside_quote(sent, hit.first):
        # what a speaker says inside quotes ("Hari ini kita tempatkan pasukan …") is talk, not the act
        return False, None
    if hit.first > 0 and toks[hit.first - 1].low == "yang" and (
            cue.type in VERBAL_TYPES or cue.voice == "victim"
            or (cue.voice == "passive" and cue.type in {"COERCE", "AID", "RETREAT"})):
        # "Mereka yang menolak …", "kelompok yang didukung Iran", "orang yang ditahan": a description
        return False, None
    if cue.voice in {"noun", "patient_noun"} and not hit.light:
        before = toks[hit.first - 1].low if hit.first > 0 else ""
        after = toks[hit.last + 1].low if hit.last + 1 < len(toks) else ""
        if before in ec.TOPIC_MARKERS and not (cue.type in MATERIAL_TYPES and before in ec.ABOUT_WORDS):
            return False, None
        if _governed_by_verb(toks, hit.first):
            return False, None  # "memantau serangan …", "menangkis serangan …": a topic of another act
        if cue.type in VERBAL_TYPES and before not in ec.NOUN_FRAMES_BEFORE and after not in ec.NOUN_PARTY_AFTER \
                and not _copula_follows(toks, hit.last):
            return False, None
    if cue.type == "THREATEN" and cue.voice == "active" and hit.last + 1 < len(toks) \
            and toks[hit.last + 1].low in ec.ABSTRACT_OBJECTS:
        return False, None
    if cue.type == "ASSAULT" and cue.voice == "active" and hit.last + 1 < len(toks) \
            and toks[hit.last + 1].low in ec.TRIVIAL_OBJECTS:
        return False, None  # "membakar ban bekas": part of a protest, not an attack
    if cue.voice in {"noun", "patient_noun"} and hit.first >= 2 and toks[hit.first - 1].low == "dalam" \
            and toks[hit.first - 2].low.startswith("di") and len(toks[hit.first - 2].low) > 4:
        return False, None  # "senjata yang digunakan dalam tawuran": the act is a topic
    irrealis = [p for p in prev if p in ec.IRREALIS]
    if irrealis == ["untuk"] and _caused(toks, i):
        irrealis = []  # "mendorong Teheran untuk melakukan serangan balasan": it was done
    future = any(p in {"akan", "bakal", "hendak"} for p in prev)
    if irrealis and cue.voice != "victim" and cue.type not in {"REQUEST", "ACCUSE", "THREATEN", "REJECT",
                                                               "SUPPORT"}:
        # "Khamenei menyatakan akan membalas", "Israel bakal meningkatkan serangan": a threat by an
        # actor; a purpose ("untuk mengevakuasi") or a wish ("ingin berunding") is no act yet.
        if cue.type in {"ASSAULT", "COERCE", "SANCTION"} and future and _has_actor_subject(sent, i) \
                and not any(t.low in {"apakah", "mempertimbangkan", "kemungkinan"} for t in toks[max(0, i - 8):i]):
            return True, "THREATEN"
        if cue.type in {"MOBILIZE", "AID"} and future and not any(p in {"untuk", "guna", "agar"} for p in prev):
            return True, None  # a deployment or an evacuation announced: the plan is the act
        return False, None
    # "Tuntutan pertama ialah menghentikan …": what the demand says is no act of its own
    for other in accepted:
        if other.cue.type in ec.CONTENT_TAKING_TYPES and other.cue.voice in {"noun", "patient_noun"} \
                and _copula_follows(toks, other.last) and other.last < hit.first:
            return False, None
    # content of a demand, accusation or threat said earlier in the clause
    for other in accepted:
        if other.first >= hit.first:
            break
        between = [t.low for t in toks[other.last + 1:hit.first]]
        if other.cue.type in ec.CONTENT_TAKING_TYPES and len(between) <= 14 \
                and not any(b in {";", ".", ":"} for b in between):
            coordinated = bool(between) and between[-1] in {"dan", "serta"}
            subordinate = any(b in {"agar", "supaya", "untuk", "bahwa", "terlibat", "dalam", "guna"}
                              for b in between)
            if not coordinated and (subordinate or other.cue.voice == "passive"
                                    or (other.cue.type == "REQUEST" and other.cue.voice == "active")):
                return False, None
        if other.cue.type in MATERIAL_TYPES and cue.type == "COOPERATE" and other.last + 6 >= hit.first:
            # "menumpas ISIS bekerja sama dengan milisi": the manner of the first act
            return False, None
    return True, None


def _caused(toks: Sequence[Tok], i: int) -> bool:
    """True when "untuk" before token ``i`` follows a causative verb and its object ("memicu Iran untuk …")."""
    k = next((j for j in range(i - 1, max(-1, i - 4), -1) if toks[j].low == "untuk"), None)
    if k is None:
        return False
    return any(toks[j].low in ec.CAUSATIVE_VERBS for j in range(max(0, k - 5), k))


def _copula_follows(toks: Sequence[Tok], j: int) -> bool:
    """True when a copula comes within two words after token ``j`` ("tuntutan pertama ialah")."""
    return any(t.low in {"ialah", "adalah", "yakni", "yaitu", "berupa"} for t in toks[j + 1:j + 4])


QUOTES = frozenset({'"', "“", "”"})


def _inside_quote(sent: SentenceInfo, i: int) -> bool:
    """True when token ``i`` stands inside double quotes (counted from the sentence start)."""
    return sum(1 for t in sent.toks[:i] if t.text in QUOTES) % 2 == 1


def _is_heading(sent: SentenceInfo) -> bool:
    """A headline or subheading: no closing punctuation, and short or in title case.

    "Kecaman dari berbagai pihak", "Kelompok Bersenjata Serang Pos Polisi di Maluku Utara".
    """
    toks = sent.toks
    if not toks or toks[-1].text in {".", "!", "?", '"', "”", ")"}:
        return False
    if not (toks[0].is_cap or toks[0].text[:1].isdigit()):
        return False
    words = [t for t in toks if t.is_word and len(t.text) > 3]
    title_case = len(words) >= 3 and sum(t.is_cap for t in words) >= 0.7 * len(words)
    return len(toks) <= 8 or title_case


def _governed_by_verb(toks: Sequence[Tok], i: int) -> bool:
    """True when an active verb that is not a light verb takes the noun at ``i`` as its object."""
    k = i - 1
    if k >= 1 and toks[k].low in {"terus", "juga", "kembali", "pun"}:
        k -= 1
    if k < 0:
        return False
    low = toks[k].low
    if low in ec.LIGHT_VERBS_ACTIVE or low in ec.LIGHT_VERBS_PASSIVE:
        return False
    return len(low) > 4 and low.startswith(("mem", "men", "meng", "meny")) and not toks[k].is_cap \
        and low not in _cue_words() and low not in ec.REPORT_VERBS


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    from peristiwa.cues import cue_table

    return frozenset(k[0] for k in cue_table()[0] if len(k) == 1)


def _has_actor_subject(sent: SentenceInfo, i: int) -> bool:
    """True when a named actor stands before token ``i`` in its clause (not the writer's guess)."""
    lo, _ = _clause_bounds(sent.toks, i)
    return any(c.first >= lo and c.last < i
               and any((p.entity or p.head in lx.PRONOUNS) and not p.is_thing for p in c.parts)
               for c in sent.chunks)


def _ends_chunk(sent: SentenceInfo, j: int) -> bool:
    return any(c.last == j for c in sent.chunks)


def _paren_start(toks: Sequence[Tok], j: int) -> int:
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


def _bad_subject(sent: SentenceInfo, c: Chunk) -> bool:
    """A chunk that cannot be a subject: after a preposition or a patron marker ("dukungan Iran")."""
    if c.first == 0:
        return False
    before = sent.toks[c.first - 1].low
    if before == "," and c.first >= 2:
        # "di Canberra, Australia": the second name continues the place
        prev = next((o for o in sent.chunks if o.last == c.first - 2), None)
        if prev is not None and prev.first > 0 and sent.toks[prev.first - 1].low in PLACE_PREPS:
            return True
    return before in PLACE_PREPS or before in lx.PATRON_MARKERS or before in lx.PLACE_NOUNS \
        or before in {"oleh", "dengan", "terhadap", "kepada", "melalui", "antara", "termasuk", "seperti"}


def _nearest_chunk_before(sent: SentenceInfo, i: int, lo: int) -> Chunk | None:
    """The participant chunk that is the subject of the verb at token ``i``."""
    toks = sent.toks
    j = i - 1
    while j >= lo:
        if toks[j].low in lx.SKIPPABLE_BEFORE_VERB or toks[j].low in ec.IRREALIS or toks[j].low in ec.NEGATORS \
                or toks[j].low in {"yang", ",", "dinyatakan", "ditemukan", "sekaligus"}:
            j -= 1
        elif toks[j].text == ")":
            j = _paren_start(toks, j) - 1
        else:
            break
    for c in reversed(sent.chunks):
        if c.last < lo:
            break
        if c.first > j:
            continue
        if all(p.is_place for p in c.parts):
            continue  # "Warga … di Kecamatan Bua, Sulawesi Selatan, memblokade": places do not act
        if _bad_subject(sent, c):
            if _relative_agent(sent, c, lo):
                return c  # "rudal yang dilancarkan oleh X menghantam …": X acts
            continue
        if _object_of_verb(sent, c) and any(o.last < c.first and o.first >= lo for o in sent.chunks) \
                and not (c.first > 0 and sent.toks[c.first - 1].low in ec.CAUSATIVE_VERBS):
            continue  # "demonstrasi menolak pengaruh Iran dihadapi …": Iran is menolak's object
        return c
    return None


def _relative_agent(sent: SentenceInfo, c: Chunk, lo: int) -> bool:
    toks = sent.toks
    k = c.first
    return k >= 3 and toks[k - 1].low == "oleh" and toks[k - 2].low.startswith("di") \
        and toks[k - 3].low == "yang" and not any(o.first >= lo and o.last < k - 3 for o in sent.chunks)


def _object_of_verb(sent: SentenceInfo, c: Chunk) -> bool:
    """True when an active verb governs the chunk ("menolak (pengaruh) Iran")."""
    toks = sent.toks
    for k in (c.first - 1, c.first - 2):
        if k >= 0 and len(toks[k].low) > 4 and toks[k].low.startswith(("me", "mem", "men", "meng")) \
                and not toks[k].is_cap:
            return True
        if k >= 0 and not toks[k].is_word:
            return False
    return False


def _clause_subject(sent: SentenceInfo, lo: int, before: int) -> Chunk | None:
    """The first chunk of the clause, when it comes before token ``before`` ("X adalah … yang …")."""
    for c in sent.chunks:
        if c.first >= lo and c.last < before and not _bad_subject(sent, c):
            return c
    return None


def _chunk_after(sent: SentenceInfo, i: int, hi: int, *, max_gap: int = 2) -> Chunk | None:
    for c in sent.chunks:
        if c.first > i and c.first <= i + 1 + max_gap and c.first <= hi:
            between = [t.low for t in sent.toks[i + 1:c.first]]
            if any(b in lx.PHRASE_BREAKERS and b not in {"para"} for b in between):
                return None
            return c
    return None


def _chunk_after_word(sent: SentenceInfo, i: int, hi: int, words: frozenset[str] | set[str],
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


def _parts(c: Chunk | None, *, keep_generic: bool = False) -> list[Part]:
    """The chunk's participants; bare "orang"/"korban" only when asked (a verb's direct object)."""
    if c is None:
        return []
    named = [p for p in c.parts if not p.generic]
    return named if named or not keep_generic else list(c.parts)


def _roles(doc: DocIndex, sent: SentenceInfo, hit: CueHit, prev_hits: Sequence[tuple[CueHit, list[Part]]],
           hits: Sequence[CueHit]) -> tuple[list[Part], list[Part]]:
    toks = sent.toks
    lo, hi = _clause_bounds(toks, hit.first, reported=hit.cue.type not in VERBAL_TYPES)
    voice = hit.cue.voice
    if hit.light == "active":
        voice = "active"
    elif hit.light == "passive":
        voice = "passive"
    anchor = hit.first
    if hit.light:
        anchor = hit.first - 1
        while anchor > lo and toks[anchor].low not in ec.LIGHT_VERBS_ACTIVE + ec.LIGHT_VERBS_PASSIVE:
            anchor -= 1
    actors: list[Part] = []
    targets: list[Part] = []
    preps = set(ec.TARGET_PREPS)
    if voice in {"active", "bare", "intransitive"}:
        if prev_hits and _chained(toks, prev_hits[-1][0], anchor):
            actors = list(prev_hits[-1][1])
        else:
            subj = _nearest_chunk_before(sent, anchor, lo)
            actors = _parts(subj)
            if subj is not None and actors and all(p.is_thing for p in actors):
                agent = _chunk_after_word(sent, subj.last, anchor, {"oleh"}, window=6)
                actors = _parts(agent)
        if voice == "intransitive":
            targets = _parts(_chunk_after_word(sent, hit.last, hi, {"dengan", "terhadap", "menentang"}))
        else:
            obj = _chunk_after(sent, hit.last, hi)
            if obj is None:
                obj = _chunk_after_word(sent, hit.last, hi, preps, window=4)
            if obj is None and hit.cue.type in {"ACCUSE", "REJECT", "SUPPORT", "THREATEN"}:
                # "mengutuk keras serangan terbaru Israel": the party inside the condemned act
                obj = _first_chunk_within(sent, hit.last, hi, window=6)
            # "polisi menangkap empat orang": a counted object is the target, even if only "orang"
            targets = _parts(obj, keep_generic=obj is not None and obj.first == hit.last + 1)
        if hit.light == "active":
            targets = _parts(_chunk_after_word(sent, hit.last, hi, preps, window=5)) or (
                _parts(_chunk_after(sent, hit.last, hi, max_gap=0)) if hit.cue.voice == "patient_noun" else []) \
                or targets
    elif voice == "passive":
        subj = _nearest_chunk_before(sent, anchor, lo)
        targets = _parts(subj)
        agent = _chunk_after_word(sent, hit.last, hi, {"oleh"}, window=4) or _chunk_after(sent, hit.last, hi,
                                                                                        max_gap=0)
        actors = _parts(agent)
        if hit.light == "passive":
            # "serangan yang dilancarkan oleh X terhadap Y"
            actors = _parts(_chunk_after_word(sent, anchor, hi, {"oleh"}, window=3))
            targets = _parts(_chunk_after_word(sent, hit.last, hi, preps, window=6))
    elif voice in {"noun", "patient_noun"}:
        poss = _chunk_after(sent, hit.last, hi, max_gap=1)
        state_like = poss is not None and all(p.entity and not p.head and p.etype in {"GPE", "ORG"}
                                              for p in poss.parts)
        if poss is not None and ((voice == "patient_noun" and not state_like)
                                 or any(p.is_thing for p in poss.parts)):
            # "penangkapan tersangka": the one acted upon; "penembakan Israel": a state acts
            targets = _parts(poss)
        elif poss is not None:
            actors = _parts(poss)
        targets = _parts(_chunk_after_word(sent, hit.last, hi, preps, window=6)) or targets
        agent = _chunk_after_word(sent, hit.last, hi, {"oleh", "dari"}, window=4)
        if agent is not None and not actors:
            actors = _parts(agent)
        if not actors and hit.first >= 2 and toks[hit.first - 1].low == "dalam" \
                and toks[hit.first - 2].low in {"terlibat", "berperan", "serta"}:
            # "X adalah … yang pernah terlibat dalam penyerangan …": X acts
            actors = _parts(_clause_subject(sent, lo, hit.first - 2))
        if hit.cue.mode in {"firearms", "primitive", None} and toks[hit.first].low in ec.RECIPROCAL_HEADS:
            pair = _between_pair(sent, hit.last, hi)
            if pair is not None:
                actors, targets = pair
            elif not actors:
                # "Aparat kepolisian terlibat baku tembak dengan KKB": the subject against "dengan X"
                actors = _parts(_nearest_chunk_before(sent, hit.first, lo))
                targets = _parts(_chunk_after_word(sent, hit.last, hi, {"dengan", "melawan"}, window=4)) or targets
        if hit.cue.type == "PROTEST":
            content = next((h for h in hits if 0 < h.first - hit.last <= 2
                            and toks[h.first].low in ec.PROTEST_CONTENT_VERBS), None)
            if content is not None:
                targets = _parts(_chunk_after(sent, content.last, hi)) or targets
            if not actors:
                actors = [_self_part(doc, sent, hit)]
    elif voice == "victim":
        subj = _nearest_chunk_before(sent, anchor, lo)
        targets = _parts(subj)
    if not actors and hit.cue.voice in {"noun", "patient_noun"} and hit.light != "active" and lo > 0 \
            and toks[lo - 1].low in ec.CONFIRM_VERBS:
        # "Militer Israel mengonfirmasi bahwa serangan udara yang dilancarkan …": who confirms, struck
        reporter = _nearest_chunk_before(sent, lo - 1, _clause_bounds(toks, lo - 1)[0])
        actors = [p for p in _parts(reporter) if p.entity and not p.is_place]
    if voice in {"active", "bare", "intransitive"} and not actors and lo > 0 and toks[lo - 1].low in ec.REPORT_VERBS:
        # "Iran klaim serang markas Mossad": the reported act has the speaker's subject
        actors = _parts(_nearest_chunk_before(sent, lo - 1, _clause_bounds(toks, lo - 1)[0]))
    if not actors and hit.cue.type in VERBAL_TYPES:
        speaker = _speaker(doc, sent)
        if speaker is not None:
            actors = [speaker]
    actors = [_resolve_pronoun(doc, sent, p) for p in actors]
    targets = [_resolve_pronoun(doc, sent, p) for p in targets]
    if not targets and hit.cue.type == "REQUEST":
        # "menyerukan agar Israel dan Hamas …", "mendorong agar pemerintah Jerman …": who is asked
        targets = _parts(_chunk_after_word(sent, hit.last, hi, {"agar", "supaya"}, window=3))
    if not targets and hit.cue.type in {"CONSULT", "AGREE", "COOPERATE", "REJECT", "SUPPORT"}:
        # "mengadakan pembicaraan dengan X", "bekerja sama dengan X": the other party
        targets = _parts(_chunk_after_word(sent, hit.last, hi, {"dengan", "kepada", "terhadap"}, window=4))
    targets = _named_examples(sent, targets, hi)
    # a participant is never both actor and target
    actor_ents = {p.entity for p in actors if p.entity}
    targets = [p for p in targets if not (p.entity and p.entity in actor_ents and not p.head)]
    return actors, targets


FIRST_PERSON = frozenset({"kami", "kita", "saya", "aku"})


def _resolve_pronoun(doc: DocIndex, sent: SentenceInfo, p: Part) -> Part:
    """Give a pronoun the actor it stands for: the speaker for "kami", else the last actor named.

    A title with a demonstrative ("mantan presiden tersebut") stands for the last person named.
    """
    after = sent.toks[p.last + 1].low if 0 <= p.last + 1 < len(sent.toks) else ""
    if p.head in lx.TITLE_HEADS and not p.entity and after in {"tersebut", "itu"}:
        for k in range(sent.index - 1, max(-1, sent.index - 6), -1):
            people = [q for c in doc.sentences[k].chunks for q in c.parts if q.etype == "PER" and q.entity]
            if people:
                q = people[0]
                return Part(p.first, p.last, p.text, q.name, p.start, p.end, entity=q.entity, country=q.country,
                            etype="PER")
        return p
    if p.head not in lx.PRONOUNS:
        return p
    found: Part | None = None
    if p.head in FIRST_PERSON:
        found = _speaker(doc, sent)
    wanted = lx.PRONOUN_TYPES.get(p.head, frozenset({"PER", "ORG", "GPE", "NORP"}))
    if found is None:
        k = sent.index
        while found is None and k >= 0 and sent.index - k <= 3:
            s2 = doc.sentences[k]
            cands = [q for c in s2.chunks if not _bad_subject(s2, c) for q in c.parts
                     if q.entity and q.etype in wanted and not q.is_thing and not q.is_place
                     and (k < sent.index or q.last < p.first)]
            if cands:
                found = cands[-1] if k == sent.index else cands[0]
            k -= 1
    if found is None:
        return p
    return Part(p.first, p.last, p.text, found.name, p.start, p.end, entity=found.entity, country=found.country,
                etype=found.etype)


def _speaker(doc: DocIndex, sent: SentenceInfo) -> Part | None:
    """Who says the sentence: "…," kata X / ujar X, or X mengatakan … (this or the next sentence)."""
    speech = set(ec.SPEECH_VERBS)
    around = [sent, doc.sentences[sent.index + 1] if sent.index + 1 < len(doc.sentences) else None,
              doc.sentences[sent.index - 1] if sent.index > 0 else None]
    for s2 in around:
        if s2 is None:
            continue
        for k, t in enumerate(s2.toks):
            if t.low in speech:
                after = next((c for c in s2.chunks if k < c.first <= k + 2), None)
                before = next((c for c in reversed(s2.chunks) if c.last < k and c.last >= k - 2), None)
                for c in (after, before):
                    if c is not None:
                        named = [q for q in c.parts if q.etype in {"PER", "ORG"} and not q.is_place]
                        if named:
                            return named[0]
    return None


def _self_part(doc: DocIndex, sent: SentenceInfo, hit: CueHit) -> Part:
    """The protest itself as its actor ("Ribuan demonstrasi menolak …"), with its count."""
    toks = sent.toks
    first = hit.first
    while first > 0 and (toks[first - 1].low in lx.DETERMINERS or toks[first - 1].text.replace(".", "").isdigit()):
        first -= 1
    start, end = toks[first].start, toks[hit.last].end
    text = doc.norm[start:end]
    return Part(first, hit.last, text, "demonstran", start, end, head="demonstran")


def _first_chunk_within(sent: SentenceInfo, i: int, hi: int, *, window: int) -> Chunk | None:
    """The first participant chunk after token ``i`` in its clause, before any full stop or verb of saying."""
    for c in sent.chunks:
        if c.first <= i:
            continue
        if c.first > min(hi, i + window):
            return None
        between = [t.low for t in sent.toks[i + 1:c.first]]
        if any(b in {",", "yang", "bahwa", "dan"} or b in ec.REPORT_VERBS for b in between):
            return None
        return c
    return None


def _named_examples(sent: SentenceInfo, parts: list[Part], hi: int) -> list[Part]:
    """ "negara-negara yang membela Israel, seperti Inggris, Perancis, dan AS": the named examples."""
    if not parts or any(p.entity for p in parts):
        return parts
    last = max(p.last for p in parts)
    toks = sent.toks
    for k in range(last + 1, min(hi + 1, last + 10)):
        if toks[k].low in {"seperti", "termasuk", "yakni", "yaitu", "antara lain"}:
            c = next((c for c in sent.chunks if k < c.first <= k + 2), None)
            if c is not None and any(p.entity for p in c.parts):
                return _parts(c)
        if toks[k].text in {".", ";"}:
            break
    return parts


def _between_pair(sent: SentenceInfo, i: int, hi: int) -> tuple[list[Part], list[Part]] | None:
    """ "kontak tembak antara A dan B" / "antara A dengan B": A on one side, B on the other."""
    toks = sent.toks
    for k in range(i + 1, min(hi + 1, i + 4)):
        if toks[k].low != "antara":
            continue
        first = next((c for c in sent.chunks if c.first > k and c.first <= k + 3), None)
        if first is None:
            return None
        if len(first.parts) >= 2 and toks[first.parts[1].first - 1].low == "dan":
            return [first.parts[0]], _parts(Chunk(first.parts[1].first, first.last, first.parts[1:]))
        second = _chunk_after_word(sent, first.last, hi, {"dengan", "dan"}, window=8)
        if second is not None:
            return _parts(first), _parts(second)
        return _parts(first), []
    return None


def _chained(toks: Sequence[Tok], prev: CueHit, anchor: int) -> bool:
    """True when the verb at ``anchor`` continues the previous verb's clause ("… dan menewaskan")."""
    between = [t.low for t in toks[prev.last + 1:anchor]]
    return bool(between) and between[-1] in {"dan", "serta", "lalu", "kemudian", ","} and "." not in between \
        and len(between) <= 14


def _mode(sent: SentenceInfo, hit: CueHit, lo: int, hi: int) -> str | None:
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


def _numbers(doc: DocIndex, sent: SentenceInfo, hit: CueHit | None) -> tuple[Quantity | None, Quantity | None]:
    """Fatalities and injuries stated in the trigger's sentence for this act."""
    toks = sent.toks
    text_low = [t.low for t in toks]
    deaths: Quantity | None = None
    hurts: Quantity | None = None
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
        while k < len(after) and after[k] in {"orang", "jiwa", "lainnya", "dilaporkan", "dikabarkan", "telah",
                                              "dinyatakan", "ditemukan", "mengalami", "menderita", "juga",
                                              "akhirnya", "di", "antaranya", "yang", "sudah"}:
            k += 1
        rest = " ".join(after[k:])
        kind = None
        if any(w in {"menewaskan", "membunuh", "menewaskannya"} for w in before):
            kind = "d"
        elif any(w in {"melukai", "mencederai"} for w in before):
            kind = "i"
        elif any(rest == w or rest.startswith(w + " ") for w in ec.DEATH_WORDS) or rest.startswith("ditembak mati"):
            kind = "d"
        elif any(rest == w or rest.startswith(w + " ") for w in ec.INJURY_WORDS):
            kind = "i"
        if kind == "d" and deaths is None:
            deaths = q
        elif kind == "i" and hurts is None:
            hurts = q
    if deaths is None:
        joined = " ".join(text_low)
        for phrase in ec.NO_DEATHS:
            at = joined.find(phrase)
            if at >= 0:
                ti = joined[:at].count(" ")
                deaths = Quantity(Span(toks[ti].start, toks[ti].start, ""), 0, 0)
                break
    return deaths, hurts


def _named_dead(sent: SentenceInfo, targets: Sequence[Part]) -> int:
    """Named people reported killed: "A dan B … tewas" counts 2."""
    lows = {t.low for t in sent.toks}
    if not lows & {"tewas", "terbunuh", "meninggal", "gugur"}:
        return 0
    people = [p for p in targets if p.etype == "PER"]
    return len(people) if people and len(people) == len(targets) else 0


def _time(doc: DocIndex, sent: SentenceInfo, hit: CueHit) -> TimeExpr | None:
    """The date expression that governs the act.

    In Indonesian news the time adjunct follows the predicate ("… dicegat … pada Senin (9/6)")
    or opens the sentence ("Pada Kamis (30/10/2025), pasukan …"); a date between the sentence
    start and the trigger often belongs to a relative clause ("kapal yang berangkat pada 1 Juni").
    So: the nearest date after the trigger in its clause, else one that opens the sentence, else
    the nearest one.
    """
    toks = sent.toks
    trig = toks[hit.first].start
    _lo, hi = _clause_bounds(toks, hit.first)
    clause_end = toks[hi].end if toks else sent.end
    published = doc.an.doc.published_date()
    inside = [(ts, t) for ts, _te, t in doc.times if sent.start <= ts < sent.end]
    if published is not None and hit.cue.type != "THREATEN":
        # a date after publication is a plan mentioned in passing, not when this act happened
        inside = [(ts, t) for ts, t in inside if t.start <= published] or inside
    if not inside:
        return None
    after = [(ts, t) for ts, t in inside if trig <= ts < clause_end]
    if after:
        return min(after, key=lambda x: x[0])[1]
    opening = [(ts, t) for ts, t in inside if ts < trig and _opens_sentence(toks, ts)]
    if opening:
        return opening[0][1]
    return min(inside, key=lambda x: abs(x[0] - trig))[1]


def _opens_sentence(toks: Sequence[Tok], pos: int) -> bool:
    """True when only framing words ("Pada", "Sebelumnya", "Sejak") stand before the date at ``pos``."""
    for t in toks:
        if t.start >= pos:
            return True
        if t.is_word and t.low not in {"pada", "sebelumnya", "kemudian", "sejak", "hingga", "saat", "di", "hari",
                                       "dalam", "sementara", "itu", "lalu", "namun"}:
            return False
    return True


THREAT_CUE = Cue("THREATEN", "violence", "active")


def cue_type_of(word: str) -> str | None:
    """The event type a single word cues, if any."""
    from peristiwa.cues import cue_table

    cue = cue_table()[0].get((word,))
    return cue.type if cue is not None else None


def _conditional_threats(sent: SentenceInfo, hits: Sequence[CueHit]) -> list[CueHit]:
    """ "Jika …, kami akan menduduki kantor Gubernur": a promised act under a condition is a threat."""
    toks = sent.toks
    lows = [t.low for t in toks]
    if not any(w in ec.CONDITIONALS for w in lows):
        return []
    taken = {k for h in hits for k in range(h.first, h.last + 1)}
    out = []
    for k, low in enumerate(lows):
        if low not in {"akan", "bakal"}:
            continue
        for j in range(k + 1, min(len(toks), k + 4)):
            w = lows[j]
            if j in taken:
                break
            if w in ec.THREAT_VERBS or (cue_type_of(w) in {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}):
                out.append(CueHit(j, j, THREAT_CUE))
                break
    return out[:1]


def _detect(doc: DocIndex) -> list[Draft]:
    drafts: list[Draft] = []
    home = main_place(doc)
    for sent in doc.sentences:
        if doc.in_noise(sent.start, sent.end):
            continue
        hits = find_cues(sent.toks)
        hits = sorted(hits + _conditional_threats(sent, hits), key=lambda h: h.first)
        done: list[tuple[CueHit, list[Part]]] = []
        for hit in hits:
            real, retype = _is_real(sent, hit, hits, [h for h, _ in done])
            if not real:
                continue
            etype = retype or hit.cue.type
            actors, targets = _roles(doc, sent, hit, done, hits)
            done.append((hit, actors))
            lo, hi = _clause_bounds(sent.toks, hit.first)
            mode = "violence" if retype == "THREATEN" else _mode(sent, hit, lo, hi)
            deaths, hurts = _numbers(doc, sent, hit) if etype == "ASSAULT" else (None, None)
            if etype == "ASSAULT" and deaths is None:
                n = _named_dead(sent, targets)
                if n:
                    deaths = Quantity(Span(0, 0, ""), n, n)
            trig = (sent.toks[hit.first].start, sent.toks[hit.last].end)
            d = Draft(type=etype, mode=mode, sent=sent.index, trigger=trig, evidence=(sent.start, sent.end),
                      actors=actors, targets=targets, fatalities=deaths, injuries=hurts)
            d.date = _time(doc, sent, hit)
            d.sequence = any(t.low in ec.SEQUENCE_WORDS for t in sent.toks[:hit.first + 1])
            d.cumulative = any(t.low in ec.CUMULATIVE_WORDS for t in sent.toks)
            d.anaphoric = _points_back(sent, hits)
            d.loc = sentence_location(doc, sent, actors + targets, fallback=home) \
                or (target_country(targets, doc) if etype == "ASSAULT" else None) \
                or paragraph_location(doc, sent, fallback=home)
            drafts.append(d)
    return drafts


def _attach_tolls(doc: DocIndex, drafts: list[Draft]) -> None:
    """A toll told in a sentence of its own ("Tidak ada korban jiwa dalam insiden tersebut") goes to the attack
    told just before it."""
    by_sent = {d.sent for d in drafts if d.type == "ASSAULT"}
    for sent in doc.sentences:
        if sent.index in by_sent or doc.in_noise(sent.start, sent.end):
            continue
        if not _points_back(sent, find_cues(sent.toks)):
            continue
        deaths, hurts = _numbers(doc, sent, None)
        if deaths is None and hurts is None:
            continue
        prev = next((d for d in reversed(drafts) if d.type == "ASSAULT" and 0 < sent.index - d.sent <= 2), None)
        if prev is None:
            continue
        prev.fatalities = prev.fatalities or deaths
        prev.injuries = prev.injuries or hurts


def _merge_in_sentence(drafts: list[Draft]) -> list[Draft]:
    """Acts of one type in one sentence are one act told with several verbs."""
    out: list[Draft] = []
    for d in drafts:
        prev = next((o for o in out if o.sent == d.sent and o.type == d.type
                     and (_compatible(o.actors, d.actors) or _only_self(o.actors) or _only_self(d.actors))), None)
        if prev is None:
            out.append(d)
            continue
        _absorb(prev, d)
    return out


def _only_self(parts: Sequence[Part]) -> bool:
    return bool(parts) and all(p.head == "demonstran" for p in parts)


def _keys(parts: Sequence[Part]) -> set[str]:
    return {p.name.lower() if p.head or not p.entity else p.entity for p in parts}


def _vague(parts: Sequence[Part]) -> bool:
    """Participants that could be anyone named elsewhere: "mereka", "massa", "warga"."""
    return bool(parts) and all(not p.entity and (p.head in lx.PRONOUNS or p.head in lx.VAGUE_HEADS)
                               for p in parts)


def _compatible(a: Sequence[Part], b: Sequence[Part]) -> bool:
    return not a or not b or bool(_keys(a) & _keys(b)) or _vague(a) or _vague(b)


def _absorb(into: Draft, d: Draft) -> None:
    seen = _keys(into.actors)
    into.actors += [p for p in d.actors if not _keys([p]) & seen]
    seen = _keys(into.targets) | _keys(into.actors)
    into.targets += [p for p in d.targets if not _keys([p]) & seen]
    into.fatalities = into.fatalities or d.fatalities
    into.injuries = into.injuries or d.injuries
    into.date = into.date or d.date
    into.loc = into.loc or d.loc
    into.mode = into.mode or d.mode



def _place_key(d: Draft) -> str | None:
    return d.loc.place.name if d.loc else None


def _points_back(sent: SentenceInfo, hits: Sequence[CueHit]) -> bool:
    """True when the sentence refers to an act already told: "serangan itu", "peristiwa tersebut"."""
    toks = sent.toks
    for k, t in enumerate(toks[:-1]):
        nxt = toks[k + 1].low
        if nxt in {"itu", "tersebut", "ini"} and (t.low in ec.INCIDENT_NOUNS
                                                   or any(h.last == k and h.cue.voice in {"noun", "patient_noun"}
                                                          for h in hits)):
            return True
    return False


def _merge_across(drafts: list[Draft]) -> list[Draft]:
    """The same act told again later: same type, nothing that tells them apart, something shared."""
    out: list[Draft] = []
    for d in drafts:
        prev = None
        if d.anaphoric and not d.cumulative:
            prev = next((o for o in reversed(out) if o.type == d.type and o.sent != d.sent
                         and _compatible(o.actors, d.actors)), None)
        for o in out if prev is None else []:
            if o.type != d.type or o.sent == d.sent or o.cumulative or d.cumulative:
                continue
            if not (_compatible(o.actors, d.actors) and _compatible(o.targets, d.targets)):
                continue
            if o.date and d.date and (o.date.end + ONE_DAY < d.date.start or d.date.end + ONE_DAY < o.date.start):
                continue  # a day apart is still one act: reports count from different time zones
            po, pd = _place_key(o), _place_key(d)
            if po and pd and po != pd:
                continue
            shared_actor = bool(_keys(o.actors) & _keys(d.actors))
            shared = shared_actor or bool(_keys(o.targets) & _keys(d.targets))
            if d.type in MATERIAL_TYPES:
                if shared or not d.actors or not o.actors:
                    prev = o
            elif shared_actor or _vague(d.actors) or not d.actors:
                prev = o  # a statement told on: the same speaker, or one who is not named again
        if prev is None:
            out.append(d)
        else:
            _absorb(prev, d)
    return out


def _assign_places(doc: DocIndex, drafts: list[Draft]) -> None:
    """An act whose sentences name no place happened where the article's last act did, else in its country."""
    last: Location | None = None
    home = dominant_country(doc)
    for d in drafts:
        if d.loc is None:
            d.loc = last or (Location(home.name, home) if home is not None else None)
        else:
            last = d.loc


def _assign_dates(drafts: list[Draft]) -> None:
    """Undated acts told right after a dated one ("kemudian", or in the next sentence) share its date."""
    last: TimeExpr | None = None
    last_sent = -10
    for d in drafts:
        if d.date is None and last is not None and (d.sequence or d.sent - last_sent <= 1):
            d.date = last
            d.date_inherited = True
        if d.date is not None:
            last = d.date
            last_sent = d.sent


def _historical(doc: DocIndex, d: Draft) -> bool:
    if d.date is None:
        return False
    ref = doc.an.doc.published_date()
    if ref is None:
        years = [t.end.year for _, _, t in doc.times]
        if not years:
            return False
        ref = dt.date(max(years), 1, 1)
    return d.date.end.year < ref.year - 1


def _infer_actors(doc: DocIndex, drafts: list[Draft]) -> None:
    """An attack with no stated attacker: the article's most frequent attacker, marked inferred."""
    counts: Counter[str] = Counter()
    for d in drafts:
        if d.type == "ASSAULT" and not d.historical:
            for p in d.actors:
                if p.entity and p.entity in doc.entities:
                    counts[p.entity] += 1
    if not counts:
        return
    top, n = counts.most_common(1)[0]
    if n < 2:
        return
    ent = doc.entities[top]
    for d in drafts:
        if d.type == "ASSAULT" and not d.actors and not any(p.entity == top for p in d.targets):
            d.actors = [Part(-1, -1, ent.name, ent.name, entity=top, country=ent.country, etype=ent.type)]
            d.actor_inferred = True


def _infer_targets(drafts: list[Draft]) -> None:
    """An act with no stated target: what the same actor's acts of that type hit elsewhere in the article."""
    speech = {"PROTEST", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    for d in drafts:
        if d.targets or d.type not in {"ASSAULT", "COERCE"} | speech or d.historical:
            continue
        keys = _keys(d.actors)
        counts: Counter[str] = Counter()
        proto: dict[str, Part] = {}
        pool = speech if d.type in speech else {d.type}
        for o in drafts:
            if o is d or o.type not in pool or not o.targets or o.targets_inferred:
                continue
            if keys and not (_keys(o.actors) & keys):
                continue
            for p in o.targets:
                if p.generic or p.is_place:
                    continue
                k = _keys([p]).pop()
                counts[k] += 1
                proto.setdefault(k, p)
        if counts:
            top, n = counts.most_common(1)[0]
            if n >= 1 and (keys or n >= 2):
                t = proto[top]
                d.targets = [Part(-1, -1, t.name, t.name, entity=t.entity, country=t.country, etype=t.etype,
                                  head=t.head)]
                d.targets_inferred = True
        elif d.type == "ACCUSE":
            # a condemnation with no one named condemns who did the last act told before it
            prev = next((o for o in reversed(drafts[:drafts.index(d)]) if o.type in MATERIAL_TYPES
                         and o.actors and not o.actor_inferred), None)
            if prev is not None and not (_keys(prev.actors) & keys):
                t = prev.actors[0]
                d.targets = [Part(-1, -1, t.name, t.name, entity=t.entity, country=t.country, etype=t.etype,
                                  head=t.head)]
                d.targets_inferred = True


def _participant(doc: DocIndex, p: Part, *, inferred: bool) -> Participant:
    ent = doc.entities.get(p.entity) if p.entity else None
    country = p.country or (ent.country if ent else None)
    if p.first < 0:  # inferred from elsewhere in the article: no span of its own here
        return Participant(text=p.text, name=p.name, entity=p.entity, country=country, inferred=inferred)
    span = doc.an.view.span(p.start, p.end)
    # the name keeps the view's spacing ("warga Palestina" for a scraped "wargaPalestina")
    name = ent.name if ent is not None and not p.head and p.name == p.text else p.name
    return Participant(text=span.text, name=name, entity=p.entity, country=country, span=span,
                       inferred=inferred)


def _event_id(doc_id: str, d: Draft) -> str:
    h = hashlib.sha1(f"{doc_id}\x1f{d.type}\x1f{d.trigger[0]}".encode()).hexdigest()[:8]
    return "ev" + h


def annotate(an: Analysis) -> None:
    """Find the document's events and store them on the analysis."""
    doc = DocIndex.of(an)
    drafts = _detect(doc)
    drafts = _merge_in_sentence(drafts)
    _attach_tolls(doc, drafts)
    _assign_dates(drafts)
    drafts = _merge_across(drafts)
    _assign_places(doc, drafts)
    view = an.view
    published = an.doc.published_date()
    for d in drafts:
        d.historical = _historical(doc, d)
    _infer_actors(doc, drafts)
    _infer_targets(drafts)
    events = []
    for d in drafts:
        trig = view.span(*d.trigger)
        evid = view.span(*d.evidence)
        if d.date is not None:
            date = EventDate(d.date.span.text, d.date.start, d.date.end, d.date.precision)
        elif published is not None:
            date = EventDate(None, published, published, "publication")
        else:
            date = None
        loc = d.loc
        actors = tuple(_participant(doc, p, inferred=d.actor_inferred) for p in d.actors)
        targets = tuple(_participant(doc, p, inferred=d.targets_inferred) for p in d.targets)
        conf = 0.5 + 0.15 * bool(d.actors and not d.actor_inferred) + 0.1 * bool(d.targets) \
            + 0.1 * bool(d.date) + 0.05 * bool(d.loc)
        events.append(Event(id=_event_id(an.doc.id, d), type=d.type, trigger=trig, evidence=evid, mode=d.mode,
                            actors=actors, targets=targets, date=date, location=loc,
                            fatalities=d.fatalities, injuries=d.injuries, historical=d.historical,
                            confidence=min(conf, 0.95)))
    an.events = events
