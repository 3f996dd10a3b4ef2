"""Who acts and who is acted upon: roles by the cue's voice, pronouns, speakers, two-sided clashes."""

from __future__ import annotations

from collections.abc import Sequence

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.cues import CueHit
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id.grammar import CLAUSE_CHAINERS, DISTAL_DEMONSTRATIVES, EXAMPLE_MARKERS
from peristiwa.text.chunks import Chunk, Part
from peristiwa.text.clauses import (
    VERBAL_TYPES,
    bad_subject,
    capital_country,
    chunk_after,
    chunk_after_word,
    chunk_parts,
    clause_bounds,
    clause_subject,
    first_chunk_within,
    nearest_chunk_before,
)
from peristiwa.text.tokens import Tok


def roles(doc: DocIndex, sent: SentenceInfo, hit: CueHit, prev_hits: Sequence[tuple[CueHit, list[Part]]],
           hits: Sequence[CueHit]) -> tuple[list[Part], list[Part]]:
    toks = sent.toks
    lo, hi = clause_bounds(toks, hit.first, reported=hit.cue.type not in VERBAL_TYPES)
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
        if prev_hits and is_chained(toks, prev_hits[-1][0], anchor):
            actors = list(prev_hits[-1][1])
        else:
            subj = nearest_chunk_before(sent, anchor, lo)
            actors = chunk_parts(subj)
            if subj is not None and actors and all(p.is_thing for p in actors):
                agent = chunk_after_word(sent, subj.last, anchor, {"oleh"}, window=6)
                actors = chunk_parts(agent)
        if voice == "intransitive":
            targets = chunk_parts(chunk_after_word(sent, hit.last, hi, ec.INTRANSITIVE_TARGET_WORDS))
        elif toks[hit.first].low in ec.PROJECTILE_VERBS:
            # "menembakkan drone dan rudal ke Israel": the object is what is fired, the target comes after "ke"
            targets = chunk_parts(chunk_after_word(sent, hit.last, hi, preps | ec.HIT_VERBS, window=10))
        else:
            obj = chunk_after(sent, hit.last, hi)
            if obj is None:
                obj = chunk_after_word(sent, hit.last, hi, preps, window=4)
            if obj is None and hit.cue.type in {"ACCUSE", "REJECT", "SUPPORT", "THREATEN"}:
                # "mengutuk keras serangan terbaru Israel": the party inside the condemned act
                obj = first_chunk_within(sent, hit.last, hi, window=6)
            # "polisi menangkap empat orang": a counted object is the target, even if only "orang"
            targets = chunk_parts(obj, keep_generic=obj is not None and obj.first == hit.last + 1)
        if hit.light == "active":
            targets = chunk_parts(chunk_after_word(sent, hit.last, hi, preps, window=5)) or (
                chunk_parts(chunk_after(sent, hit.last, hi, max_gap=0)) if hit.cue.voice == "patient_noun" else []) \
                or targets
    elif voice == "passive":
        subj = nearest_chunk_before(sent, anchor, lo)
        targets = chunk_parts(subj)
        agent = chunk_after_word(sent, hit.last, hi, {"oleh"}, window=4) or chunk_after(sent, hit.last, hi,
                                                                                        max_gap=0)
        actors = chunk_parts(agent)
        if hit.light == "passive":
            # "serangan yang dilancarkan oleh X terhadap Y"
            actors = chunk_parts(chunk_after_word(sent, anchor, hi, {"oleh"}, window=3))
            targets = chunk_parts(chunk_after_word(sent, hit.last, hi, preps, window=6))
    elif voice in {"noun", "patient_noun"}:
        poss = chunk_after(sent, hit.last, hi, max_gap=1)
        state_like = poss is not None and all(p.entity and not p.head and p.etype in {"GPE", "ORG"}
                                              for p in poss.parts)
        if poss is not None and ((voice == "patient_noun" and not state_like)
                                 or any(p.is_thing for p in poss.parts)):
            # "penangkapan tersangka": the one acted upon; "penembakan Israel": a state acts
            targets = chunk_parts(poss)
        elif poss is not None:
            actors = chunk_parts(poss)
        targets = chunk_parts(chunk_after_word(sent, hit.last, hi, preps, window=6)) or targets
        agent = chunk_after_word(sent, hit.last, hi, ec.AGENT_PREPS, window=4)
        if agent is not None and not actors:
            actors = chunk_parts(agent)
        if not actors and hit.first >= 2 and toks[hit.first - 1].low == "dalam" \
                and toks[hit.first - 2].low in ec.INVOLVEMENT_WORDS:
            # "X adalah … yang pernah terlibat dalam penyerangan …": X acts
            actors = chunk_parts(clause_subject(sent, lo, hit.first - 2))
        if not actors and hit.first >= 2 and toks[hit.first - 1].low == "dalam":
            # "Iran menggunakan rudal balistik terbaru dalam serangan ke Israel": who uses it attacks
            uses = next((k for k in range(hit.first - 2, max(lo, hit.first - 12) - 1, -1)
                         if toks[k].low in ec.INSTRUMENT_VERBS), None)
            if uses is not None:
                actors = chunk_parts(nearest_chunk_before(sent, uses, clause_bounds(toks, uses)[0]))
        if hit.cue.mode in {"firearms", "primitive", None} and toks[hit.first].low in ec.RECIPROCAL_HEADS:
            pair = between_pair(sent, hit.last, hi)
            if pair is not None:
                actors, targets = pair
            elif not actors:
                # "Aparat kepolisian terlibat baku tembak dengan KKB": the subject against "dengan X"
                subj = nearest_chunk_before(sent, hit.first, lo)
                actors = chunk_parts(subj)
                partner = chunk_after_word(sent, hit.last, hi, ec.CLASH_PARTNER_WORDS, window=4)
                targets = chunk_parts(partner) or targets
                hurt = {w for w in ec.DEATH_WORDS + ec.INJURY_WORDS if " " not in w}
                if subj is not None and any(t.low in hurt for t in toks[subj.last + 1:hit.first]):
                    # "30 petugas polisi terluka dalam bentrokan dengan pengunjuk rasa": the hurt are the targets
                    actors, targets = targets, actors
        if hit.cue.type == "PROTEST" and not actors:
            actors = [self_part(doc, sent, hit)]
    elif voice == "victim":
        subj = nearest_chunk_before(sent, anchor, lo)
        targets = chunk_parts(subj)
    if hit.cue.type == "PROTEST":
        # "demonstrasi menolak pengaruh Iran", "berunjuk rasa menentang PT X": what the protest is against
        content = next((h for h in hits if 0 < h.first - hit.last <= 2
                        and toks[h.first].low in ec.PROTEST_CONTENT_VERBS), None)
        if content is not None:
            targets = chunk_parts(chunk_after(sent, content.last, hi)) or targets
    says = lo - 2 if lo >= 2 and toks[lo - 1].low == "bahwa" else lo - 1  # the verb before "(bahwa)"
    if not actors and hit.cue.voice in {"noun", "patient_noun"} and hit.light != "active" and says >= 0 \
            and toks[says].low in ec.CONFIRM_VERBS:
        # "Militer Israel mengonfirmasi bahwa serangan udara yang dilancarkan …": who confirms, struck
        reporter = nearest_chunk_before(sent, says, clause_bounds(toks, says)[0])
        actors = [p for p in chunk_parts(reporter) if p.entity and not p.is_place]
    if voice in {"active", "bare", "intransitive"} and not actors and lo > 0 and toks[lo - 1].low in ec.REPORT_VERBS:
        # "Iran klaim serang markas Mossad": the reported act has the speaker's subject
        actors = chunk_parts(nearest_chunk_before(sent, lo - 1, clause_bounds(toks, lo - 1)[0]))
    if not actors and hit.cue.type in VERBAL_TYPES:
        speaker = find_speaker(doc, sent)
        if speaker is not None:
            actors = [speaker]
    actors = [resolve_pronoun(doc, sent, p) for p in actors]
    targets = [resolve_thing(doc, sent, resolve_pronoun(doc, sent, p)) for p in targets]
    if not targets and hit.cue.type == "REQUEST":
        # "menyerukan agar Israel dan Hamas …", "mendorong agar pemerintah Jerman …": who is asked
        targets = chunk_parts(chunk_after_word(sent, hit.last, hi, ec.REQUEST_TARGET_WORDS, window=3))
    if not targets and hit.cue.type in {"CONSULT", "AGREE", "COOPERATE", "REJECT", "SUPPORT"}:
        # "mengadakan pembicaraan dengan X", "bekerja sama dengan X": the other party
        targets = chunk_parts(chunk_after_word(sent, hit.last, hi, ec.PARTY_PREPS, window=4))
    targets = named_examples(sent, targets, hi)
    if targets and voice in {"passive", "victim"}:
        # "Thunberg … ditahan bersama belasan aktivis lainnya": those with them share their fate
        along = chunk_parts(chunk_after_word(sent, hit.last, hi, {"bersama"}, window=3))
        targets += [p for p in along if not p.is_place and not p.is_thing]
    if hit.cue.type in VERBAL_TYPES:
        targets = [state_of_capital(doc, p) for p in targets]  # "menyebut Phnom Penh sebagai …"
    actors = [state_of_capital(doc, p) for p in actors]  # "Teheran membalas": the state acts
    actors = [p for p in actors if not p.is_place]  # "dari Doncaster": places do not act
    # a participant is never both actor and target
    actor_ents = {p.entity for p in actors if p.entity}
    targets = [p for p in targets if not (p.entity and p.entity in actor_ents and not p.head)]
    return actors, targets


def resolve_thing(doc: DocIndex, sent: SentenceInfo, p: Part) -> Part:
    """A bare thing ("Kapal yang berangkat … itu") is the one named with that noun just before ("kapal Madleen")."""
    if not p.is_thing or p.entity or not p.head or " ".join(p.name.lower().split()) != p.head:
        return p
    for k in range(sent.index - 1, max(-1, sent.index - _THING_REACH), -1):
        toks = doc.sentences[k].toks
        for c in reversed(doc.sentences[k].chunks):
            for q in c.parts:
                # "kapal Madleen", or "Kapal bernama Madleen"
                called = q.first >= 2 and toks[q.first - 1].low in lx.NAMING_WORDS \
                    and toks[q.first - 2].low == p.head
                same_head = q.head == p.head or q.head.startswith(p.head + " ")  # "pos" … "pos polisi"
                if called or (same_head and " ".join(q.name.lower().split()) != p.head):
                    name = f"{p.head} {q.name}" if called else q.name
                    return Part(p.first, p.last, p.text, name, p.start, p.end, entity=q.entity, country=q.country,
                                etype=q.etype, head=p.head, is_thing=True)
    return p


_THING_REACH = 6


def _titled_person(doc: DocIndex, sent: SentenceInfo, title: str) -> Part | None:
    """The last person named with ``title`` before ``sent`` ("mantan presiden Evo Morales")."""
    for k in range(sent.index - 1, -1, -1):
        s2 = doc.sentences[k]
        for c in reversed(s2.chunks):
            for q in c.parts:
                if q.etype == "PER" and q.entity and any(t.low == title for t in s2.toks[max(0, q.first - 3):q.last]):
                    return q
    return None


def resolve_pronoun(doc: DocIndex, sent: SentenceInfo, p: Part) -> Part:
    """Give a pronoun the actor it stands for: the speaker for "kami", else the last actor named.

    A title with a demonstrative ("mantan presiden tersebut") stands for the last person named.
    """
    after = sent.toks[p.last + 1].low if 0 <= p.last + 1 < len(sent.toks) else ""
    if p.head in lx.TITLE_HEADS and not p.entity and after in DISTAL_DEMONSTRATIVES:
        titled = _titled_person(doc, sent, p.head)
        if titled is not None and titled.entity in doc.entities:
            ent = doc.entities[titled.entity]
            return Part(p.first, p.last, p.text, ent.name, p.start, p.end, entity=ent.id,
                        country=titled.country or ent.country, etype="PER")
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
    if p.head in lx.FIRST_PERSON_PRONOUNS:
        found = find_speaker(doc, sent)
    wanted = lx.PRONOUN_TYPES.get(p.head, frozenset({"PER", "ORG", "GPE", "NORP"}))
    if found is None:
        k = sent.index
        while found is None and k >= 0 and sent.index - k <= 3:
            s2 = doc.sentences[k]
            cands = [q for c in s2.chunks if not bad_subject(s2, c) for q in c.parts
                     if ((q.entity and q.etype in wanted)
                         or (p.head == "mereka" and q.head and q.head not in lx.PRONOUNS and not q.generic))
                     and not q.is_thing and not q.is_place and (k < sent.index or q.last < p.first)]
            if cands:
                found = cands[-1] if k == sent.index else cands[0]
            k -= 1
    if found is None:
        return p
    return Part(p.first, p.last, p.text, found.name, p.start, p.end, entity=found.entity, country=found.country,
                etype=found.etype)


def find_speaker(doc: DocIndex, sent: SentenceInfo, *, here_only: bool = False) -> Part | None:
    """Who says the sentence: "…," kata X / ujar X, or X mengatakan … (this or the next sentence)."""
    speech = set(ec.SPEECH_VERBS)
    around = [sent] if here_only else [
        sent, doc.sentences[sent.index + 1] if sent.index + 1 < len(doc.sentences) else None,
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


def self_part(doc: DocIndex, sent: SentenceInfo, hit: CueHit) -> Part:
    """The protest itself as its actor ("Ribuan demonstrasi menolak …"), with its count."""
    toks = sent.toks
    first = hit.first
    while first > 0 and (toks[first - 1].low in lx.DETERMINERS or toks[first - 1].text.replace(".", "").isdigit()):
        first -= 1
    start, end = toks[first].start, toks[hit.last].end
    text = doc.norm[start:end]
    return Part(first, hit.last, text, "demonstran", start, end, head="demonstran")


def named_examples(sent: SentenceInfo, parts: list[Part], hi: int) -> list[Part]:
    """ "negara-negara yang membela Israel, seperti Inggris, Perancis, dan AS": the named examples."""
    if not parts or any(p.entity for p in parts):
        return parts
    last = max(p.last for p in parts)
    toks = sent.toks
    for k in range(last + 1, min(hi + 1, last + 10)):
        if toks[k].low in EXAMPLE_MARKERS:
            c = next((c for c in sent.chunks if k < c.first <= k + 2), None)
            if c is not None and any(p.entity for p in c.parts):
                return chunk_parts(c)
        if toks[k].text in {".", ";"}:
            break
    return parts


def between_pair(sent: SentenceInfo, i: int, hi: int) -> tuple[list[Part], list[Part]] | None:
    """ "kontak tembak antara A dan B" / "antara A dengan B": A on one side, B on the other."""
    toks = sent.toks
    for k in range(i + 1, min(hi + 1, i + 4)):
        if toks[k].low != "antara":
            continue
        first = next((c for c in sent.chunks if c.first > k and c.first <= k + 3), None)
        if first is None:
            return None
        if len(first.parts) >= 2 and toks[first.parts[1].first - 1].low == "dan":
            return [first.parts[0]], chunk_parts(Chunk(first.parts[1].first, first.last, first.parts[1:]))
        second = chunk_after_word(sent, first.last, hi, ec.BETWEEN_PAIR_JOINERS, window=8)
        if second is not None:
            return chunk_parts(first), chunk_parts(second)
        return chunk_parts(first), []
    return None


def is_chained(toks: Sequence[Tok], prev: CueHit, anchor: int) -> bool:
    """True when the verb at ``anchor`` continues the previous verb's clause ("… dan menewaskan")."""
    between = [t.low for t in toks[prev.last + 1:anchor]]
    return bool(between) and between[-1] in CLAUSE_CHAINERS and "." not in between \
        and len(between) <= 14


def state_of_capital(doc: DocIndex, p: Part) -> Part:
    """A capital that acts stands for its state's government ("Teheran meluncurkan rudal" is Iran)."""
    iso3 = capital_country(p.name) if p.is_place and not p.head else None
    if iso3 is None:
        return p
    state = doc.state_entity(iso3)
    name = state.name if state is not None else p.name
    return Part(p.first, p.last, p.text, name, p.start, p.end, entity=state.id if state else p.entity,
                country=iso3, etype="GPE")
