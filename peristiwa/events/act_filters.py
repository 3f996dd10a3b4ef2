"""Which cue words state an act: negation, mood, content of speech, topics, headings, quotes, threats."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from peristiwa.doc_index import SentenceInfo
from peristiwa.events.cues import Cue, CueHit, cue_table
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id.grammar import AND_WORDS, DEMONSTRATIVES
from peristiwa.lang.id.morphology import NASAL_ME_PREFIXES
from peristiwa.text.clauses import MATERIAL_TYPES, VERBAL_TYPES, clause_bounds, ends_chunk
from peristiwa.text.tokens import Tok


def is_real(sent: SentenceInfo, hit: CueHit, hits: Sequence[CueHit],
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
    if hit.first > 0 and toks[hit.first].low in lx.PATRON_MARKERS and ends_chunk(sent, hit.first - 1):
        # "Kataib Hizbullah dukungan Iran": a patron, not an act of support
        return False, None
    if cue.type in ec.PROTEST_CONTENT_TYPES and toks[hit.first].low in ec.PROTEST_CONTENT_VERBS:
        for other in hits:
            if other.cue.type == "PROTEST" and 0 < hit.first - other.last <= 2:
                return False, None  # "demonstrasi menolak X": what the protest is against
    if cue.voice in {"noun", "patient_noun"} and not hit.light:
        nxt = toks[hit.last + 1].low if hit.last + 1 < len(toks) else ""
        if nxt in ec.ANAPHORIC_DETERMINERS or (nxt in ec.ANAPHORIC_NOUN_MODIFIERS and hit.last + 2 < len(toks)
                                              and toks[hit.last + 2].low in ec.ANAPHORIC_DETERMINERS):
            return False, None
    if any(p in ec.NEGATORS for p in prev[-2:]) and cue.type != "REJECT":
        return False, None
    if is_heading(sent):
        return False, None
    if cue.type == "REQUEST" and caused_by_event(toks, i):
        return False, None  # "Serangan itu kemudian mendorong Teheran untuk …": a cause, not a demand
    if cue.voice == "bare" and i > 0 and toks[i - 1].low in ec.WOUND_WORDS:
        return False, None  # "luka tembak di lengan kanan": a gunshot wound, told of a victim
    if cue.type == "AID" and any(t.low in ec.NOT_AIDED for t in toks[max(0, i - 3):hit.last + 4]):
        return False, None  # "jenazahnya dievakuasi ke RSUD": a body recovered
    if cue.type in MATERIAL_TYPES and cue.voice != "victim" and inside_quote(sent, hit.first):
        # what a speaker says inside quotes ("Hari ini kita tempatkan pasukan …") is talk, not the act
        return False, None
    if hit.first > 0 and toks[hit.first - 1].low == "yang" and (
            cue.type in VERBAL_TYPES or cue.voice == "victim"
            or (cue.voice == "passive" and cue.type in {"COERCE", "AID", "RETREAT"})):
        # "Mereka yang menolak …", "kelompok yang didukung Iran", "orang yang ditahan": a description
        return False, None
    if cue.voice in {"noun", "patient_noun"} and not hit.light:
        before = toks[hit.first - 1].low if hit.first > 0 else ""
        if before in ec.ACT_NOUN_PREFIX and hit.first > 1:
            before = toks[hit.first - 2].low  # "selama aksi unjuk rasa": the word before "aksi" decides
        after = toks[hit.last + 1].low if hit.last + 1 < len(toks) else ""
        if before in ec.TOPIC_MARKERS and not (cue.type in MATERIAL_TYPES and before in ec.ABOUT_WORDS):
            return False, None
        if governed_by_verb(toks, hit.first):
            return False, None  # "memantau serangan …", "menangkis serangan …": a topic of another act
        if cue.type in VERBAL_TYPES and before not in ec.NOUN_FRAMES_BEFORE and after not in ec.NOUN_PARTY_AFTER \
                and not copula_follows(toks, hit.last):
            return False, None
    if cue.type == "THREATEN" and cue.voice == "active" and hit.last + 1 < len(toks) \
            and toks[hit.last + 1].low in ec.ABSTRACT_OBJECTS:
        return False, None
    if cue.type == "ASSAULT" and cue.voice == "active" and hit.last + 1 < len(toks) \
            and toks[hit.last + 1].low in ec.TRIVIAL_OBJECTS | ec.ABSTRACT_OBJECTS:
        return False, None  # "membakar ban bekas", "menghancurkan ikatan": no attack on anyone
    if cue.voice in {"noun", "patient_noun"} and hit.first >= 2 and toks[hit.first - 1].low == "dalam" \
            and toks[hit.first - 2].low.startswith("di") and len(toks[hit.first - 2].low) > 4:
        return False, None  # "senjata yang digunakan dalam tawuran": the act is a topic
    irrealis = [p for p in prev if p in ec.IRREALIS]
    if irrealis == ["untuk"] and caused(toks, i):
        irrealis = []  # "mendorong Teheran untuk melakukan serangan balasan": it was done
    future = any(p in ec.FUTURE_MARKERS for p in prev)
    if irrealis and cue.voice != "victim" and cue.type not in {"REQUEST", "ACCUSE", "THREATEN", "REJECT",
                                                               "SUPPORT"}:
        # "Khamenei menyatakan akan membalas", "Israel bakal meningkatkan serangan": a threat by an
        # actor; a purpose ("untuk mengevakuasi") or a wish ("ingin berunding") is no act yet.
        if cue.type in {"ASSAULT", "COERCE", "SANCTION"} and future and has_actor_subject(sent, i) \
                and not any(t.low in ec.DELIBERATION_WORDS for t in toks[max(0, i - 8):i]):
            return True, "THREATEN"
        described = any(prev[k] == "yang" and prev[k + 1] in irrealis for k in range(len(prev) - 1))
        if cue.type in {"MOBILIZE", "AID"} and future and not described \
                and not any(p in ec.PURPOSE_WORDS for p in prev):
            return True, None  # a deployment or an evacuation announced: the plan is the act
        return False, None
    # "Tuntutan pertama ialah menghentikan …": what the demand says is no act of its own
    for other in accepted:
        if other.cue.type in ec.CONTENT_TAKING_TYPES and other.cue.voice in {"noun", "patient_noun"} \
                and copula_follows(toks, other.last) and other.last < hit.first:
            return False, None
    # content of a demand, accusation or threat said earlier in the clause
    for other in accepted:
        if other.first >= hit.first:
            break
        between = [t.low for t in toks[other.last + 1:hit.first]]
        if other.cue.type in ec.CONTENT_TAKING_TYPES and len(between) <= 14 \
                and not any(b in {";", ".", ":"} for b in between):
            coordinated = bool(between) and between[-1] in AND_WORDS
            subordinate = any(b in ec.CONTENT_SUBORDINATORS for b in between)
            if not coordinated and (subordinate or other.cue.voice == "passive"
                                    or (other.cue.type == "REQUEST" and other.cue.voice == "active")):
                return False, None
            if not coordinated and other.cue.type in {"REJECT", "ACCUSE"} and other.cue.voice == "active" \
                    and cue.voice in {"noun", "patient_noun"} and not hit.light:
                return False, None  # "menolak keras segala bentuk pengusiran": what is rejected, not an act
        if other.cue.type in MATERIAL_TYPES and cue.type == "COOPERATE" and other.last + 6 >= hit.first:
            # "menumpas ISIS bekerja sama dengan milisi": the manner of the first act
            return False, None
    return True, None


def caused_by_event(toks: Sequence[Tok], i: int) -> bool:
    """True when an act or incident pointed back to ("serangan itu", "insiden tersebut") is the verb's subject."""
    k = i - 1
    while k >= 0 and toks[k].low in lx.SKIPPABLE_BEFORE_VERB:
        k -= 1
    if k < 1 or toks[k].low not in ec.ANAPHORIC_DETERMINERS:
        return False
    noun = toks[k - 1].low
    return noun in ec.INCIDENT_NOUNS or cue_type_of(noun) is not None


def caused(toks: Sequence[Tok], i: int) -> bool:
    """True when "untuk" before token ``i`` follows a causative verb and its object ("memicu Iran untuk …")."""
    k = next((j for j in range(i - 1, max(-1, i - 4), -1) if toks[j].low == "untuk"), None)
    if k is None:
        return False
    return any(toks[j].low in ec.CAUSATIVE_VERBS for j in range(max(0, k - 5), k))


def copula_follows(toks: Sequence[Tok], j: int) -> bool:
    """True when a copula comes within two words after token ``j`` ("tuntutan pertama ialah")."""
    return any(t.low in ec.CONTENT_COPULAS for t in toks[j + 1:j + 4])


QUOTES = frozenset({'"', "“", "”"})


def inside_quote(sent: SentenceInfo, i: int) -> bool:
    """True when token ``i`` stands inside double quotes (counted from the sentence start)."""
    return sum(1 for t in sent.toks[:i] if t.text in QUOTES) % 2 == 1


def is_heading(sent: SentenceInfo) -> bool:
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


def governed_by_verb(toks: Sequence[Tok], i: int) -> bool:
    """True when an active verb that is not a light verb takes the noun at ``i`` as its object."""
    k = i - 1
    if k >= 1 and toks[k].low in ec.VERB_OBJECT_ADVERBS:
        k -= 1
    if k < 0:
        return False
    low = toks[k].low
    if low in ec.LIGHT_VERBS_ACTIVE or low in ec.LIGHT_VERBS_PASSIVE:
        return False
    return len(low) > 4 and low.startswith(NASAL_ME_PREFIXES) and not toks[k].is_cap \
        and (low not in cue_words() or cue_type_of(low) in VERBAL_TYPES) and low not in ec.REPORT_VERBS


@lru_cache(maxsize=1)


def cue_words() -> frozenset[str]:

    return frozenset(k[0] for k in cue_table()[0] if len(k) == 1)


def has_actor_subject(sent: SentenceInfo, i: int) -> bool:
    """True when a named actor stands before token ``i`` in its clause (not the writer's guess)."""
    lo, _ = clause_bounds(sent.toks, i)
    return any(c.first >= lo and c.last < i
               and any((p.entity or p.head in lx.PRONOUNS) and not p.is_thing for p in c.parts)
               for c in sent.chunks)


THREAT_CUE = Cue("THREATEN", "violence", "active")


def cue_type_of(word: str) -> str | None:
    """The event type a single word cues, if any."""

    cue = cue_table()[0].get((word,))
    return cue.type if cue is not None else None


def conditional_threats(sent: SentenceInfo, hits: Sequence[CueHit]) -> list[CueHit]:
    """ "Jika …, kami akan menduduki kantor Gubernur": a promised act under a condition is a threat."""
    toks = sent.toks
    lows = [t.low for t in toks]
    if not any(w in ec.CONDITIONALS for w in lows):
        return []
    taken = {k for h in hits for k in range(h.first, h.last + 1)}
    out = []
    for k, low in enumerate(lows):
        if low not in ec.CONDITIONAL_FUTURE_MARKERS:
            continue
        for j in range(k + 1, min(len(toks), k + 4)):
            w = lows[j]
            if j in taken:
                break
            if w in ec.THREAT_VERBS or (cue_type_of(w) in {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}):
                out.append(CueHit(j, j, THREAT_CUE))
                break
    return out[:1]


_OTHERS_WINDOW = 8
_TOLL_WORDS = frozenset(w for w in (*ec.DEATH_WORDS, *ec.INJURY_WORDS) if " " not in w)


def points_back(sent: SentenceInfo, hits: Sequence[CueHit]) -> bool:
    """True when the sentence refers to an act already told: "serangan itu", "peristiwa tersebut"."""
    toks = sent.toks
    if toks and toks[0].low in ec.CONSEQUENCE_OPENERS:
        return True  # "Akibatnya, seorang guru meninggal dunia": the toll of the act just told
    if any(t.low == "lainnya" for t in toks[:_OTHERS_WINDOW]) and any(t.low in _TOLL_WORDS for t in toks):
        return True  # "Sementara itu, 46 orang lainnya terluka": more of the toll just told
    for k, t in enumerate(toks[:-1]):
        nxt = toks[k + 1].low
        if nxt in DEMONSTRATIVES and (t.low in ec.INCIDENT_NOUNS
                                      or any(h.last == k and h.cue.voice in {"noun", "patient_noun"}
                                             for h in hits)):
            return True
    return False
