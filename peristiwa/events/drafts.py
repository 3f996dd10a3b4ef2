"""Events under construction, and the document-wide passes over them: merging, dates, places, inference."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from peristiwa.doc_index import DocIndex
from peristiwa.kb import KnowledgeBase
from peristiwa.lang.id import participants as lx
from peristiwa.places.gazetteer import Gazetteer
from peristiwa.places.locate import (
    dominant_country,
)
from peristiwa.text.chunks import Part
from peristiwa.text.clauses import MATERIAL_TYPES
from peristiwa.types import PLACE_PRECISION_RANK, Location, TimeExpr, Toll

ONE_DAY = dt.timedelta(days=1)


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
    fatalities: Toll | None = None
    injuries: Toll | None = None
    historical: bool = False
    confidence: float = 0.6
    sequence: bool = False  # "kemudian", "berikutnya": follows the last dated act
    cumulative: bool = False  # a running toll ("sejak Oktober 2023 … total …"): never merged
    running: bool = False  # a campaign or a stretch of time, not one act: it takes no toll from its other mentions
    targets_inferred: bool = False
    anaphoric: bool = False  # its sentence points back to an act told before ("dalam kontak tembak itu")
    cue_mode: str | None = None  # the mode its cue word itself names ("membakar": destroy)
    cue_voice: str = ""  # active, passive, noun, … (how its cue word is used)
    retaliation: bool = False  # "serangan balasan", "membalas": a reply to an attack on the actor


def merge_in_sentence(drafts: list[Draft]) -> list[Draft]:
    """Acts of one type in one sentence are one act told with several verbs."""
    out: list[Draft] = []
    for d in drafts:
        prev = next((o for o in out if o.sent == d.sent and o.type == d.type
                     and (compatible(o.actors, d.actors) or only_self(o.actors) or only_self(d.actors))
                     and not two_acts(o, d)), None)
        if prev is None:
            for o in out:
                if o.sent == d.sent and o.type == d.type and two_acts(o, d):
                    # two deeds told together: each has the means its own verb names
                    o.mode, d.mode = o.cue_mode or o.mode, d.cue_mode or d.mode
            out.append(d)
            continue
        absorb(prev, d)
    return out


def two_acts(a: Draft, b: Draft) -> bool:
    """Two acts of one type in a sentence: different means on different targets ("menembak warga sipil
    dan membakar honai")."""
    if a.type not in MATERIAL_TYPES or {a.cue_voice, b.cue_voice} - {"active", "passive"}:
        return False  # only two verbs of doing are two deeds ("menembak … dan membakar …")
    ma, mb = a.cue_mode or a.mode, b.cue_mode or b.mode
    return bool(ma and mb and ma != mb and a.targets and b.targets
                and not participant_keys(a.targets) & participant_keys(b.targets))


def borrowed(p: Part, *, text: str | None = None) -> Part:
    """A participant taken from another act of the article: no span of its own here."""
    return Part(-1, -1, p.text if text is None else text, p.name, entity=p.entity, country=p.country,
                etype=p.etype, head=p.head)


def only_self(parts: Sequence[Part]) -> bool:
    return bool(parts) and all(p.head == "demonstran" for p in parts)


def participant_keys(parts: Sequence[Part]) -> set[str]:
    keys = set()
    for p in parts:
        key = " ".join(p.name.lower().split()) if p.head or not p.entity else p.entity
        keys.add(lx.SAME_GROUP.get(key, key))
    return keys


def vague(parts: Sequence[Part]) -> bool:
    """Participants that could be anyone named elsewhere: "mereka", "massa", "warga"."""
    return bool(parts) and all(not p.entity and (p.head in lx.PRONOUNS or p.head in lx.VAGUE_HEADS)
                               for p in parts)


def compatible(a: Sequence[Part], b: Sequence[Part]) -> bool:
    return not a or not b or bool(participant_keys(a) & participant_keys(b)) or vague(a) or vague(b)


def absorb(into: Draft, d: Draft, *, fill_only: bool = False) -> None:
    """``d`` tells ``into`` again: its arguments fill what ``into`` lacks; with ``fill_only`` (a merge the
    rules would not make), participants are taken only where ``into`` has none and tolls not at all."""
    if fill_only:
        into.actors = into.actors or list(d.actors)
        into.targets = into.targets or [p for p in d.targets if not participant_keys([p]) & participant_keys(into.actors)]
    else:
        seen = participant_keys(into.actors)
        into.actors += [p for p in d.actors if not participant_keys([p]) & seen]
        seen = participant_keys(into.targets) | participant_keys(into.actors)
        into.targets += [p for p in d.targets if not participant_keys([p]) & seen]
    # a campaign's toll is a running total, no act's; and a toll travels only with a merge the rules would
    # make too ("Serangan itu menewaskan …"), not with one only the model makes: "N orang tewas dalam serangan
    # X" may be a tally of many strikes, joined to the first
    if not into.running and not fill_only:
        into.fatalities = into.fatalities or d.fatalities
        into.injuries = into.injuries or d.injuries
    into.date = into.date or d.date
    into.loc = into.loc or d.loc
    into.mode = into.mode or d.mode


def place_key(d: Draft) -> str | None:
    return d.loc.place.name if d.loc else None


def same_place(a: Location | None, b: Location | None) -> bool:
    """Two places that may be one: the same, or a regency or province and a place within its province."""
    if a is None or b is None or a.place.name == b.place.name:
        return True
    pa, pb = a.place, b.place
    if not pa.admin1 or pa.admin1 != pb.admin1 or pa.country != pb.country:
        return False
    ra, rb = PLACE_PRECISION_RANK[pa.precision], PLACE_PRECISION_RANK[pb.precision]
    # the coarser must be a regency or province: two districts or two cities are two places
    if max(ra, rb) < PLACE_PRECISION_RANK["admin2"] or ra == rb:
        return False
    if max(ra, rb) == PLACE_PRECISION_RANK["admin2"] and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        # no regency is recorded for a district: it must at least lie near the regency's seat
        return abs(pa.lat - pb.lat) + abs(pa.lon - pb.lon) < _NEAR_DEGREES  # type: ignore[operator]
    return True


_NEAR_DEGREES = 1.2


def rule_same(o: Draft, d: Draft) -> bool:
    """The rules' "same act": ``d`` tells ``o`` again (same type, nothing that tells them apart, something shared)."""
    if o.type != d.type or o.sent == d.sent or o.cumulative or d.cumulative:
        return False
    if not (compatible(o.actors, d.actors) and compatible(o.targets, d.targets)):
        return False
    if o.date and d.date and (o.date.end + ONE_DAY < d.date.start or d.date.end + ONE_DAY < o.date.start):
        return False  # a day apart is still one act: reports count from different time zones
    if not same_place(o.loc, d.loc):
        return False
    shared_actor = bool(participant_keys(o.actors) & participant_keys(d.actors))
    shared = shared_actor or bool(participant_keys(o.targets) & participant_keys(d.targets))
    if d.type in MATERIAL_TYPES:
        return shared or not d.actors or not o.actors
    return shared_actor or vague(d.actors) or not d.actors  # the same speaker, or one not named again


def points_to(out: Sequence[Draft], d: Draft) -> Draft | None:
    """The act an anaphoric mention ("serangan itu") points back to: the last compatible one of its type."""
    if not d.anaphoric or d.cumulative:
        return None
    return next((o for o in reversed(out) if o.type == d.type and o.sent != d.sent
                 and compatible(o.actors, d.actors)), None)


SameScore = Callable[[Draft, Draft], float]


def merge_across(drafts: list[Draft], same: SameScore | None = None, threshold: float = 0.5) -> list[Draft]:
    """The same act told again later is one act.

    A mention that points back ("serangan udara itu") joins the last compatible act of its type
    (``points_to``). Otherwise, without ``same``, the last act ``rule_same`` accepts; with it, the
    earlier act of its type that ``same`` scores highest, if at or above ``threshold``.
    """
    out: list[Draft] = []
    for d in drafts:
        prev = points_to(out, d)
        if prev is not None:
            pass
        elif same is None:
            for o in out:
                if rule_same(o, d):
                    prev = o
        else:
            scored = [(same(o, d), k) for k, o in enumerate(out) if o.type == d.type and o.sent != d.sent]
            if scored:
                p, k = max(scored)
                prev = out[k] if p >= threshold else None
        if prev is None:
            out.append(d)
        else:
            absorb(prev, d, fill_only=same is not None and not rule_same(prev, d))
    return out


def assign_places(doc: DocIndex, drafts: list[Draft]) -> None:
    """An act whose sentences name no place happened where the article's last act did, else in its country."""
    last: Location | None = None
    home = dominant_country(doc)
    for d in drafts:
        if d.loc is None:
            d.loc = last or (Location(home.name, home) if home is not None else None)
        else:
            last = d.loc


def assign_dates(drafts: list[Draft]) -> None:
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


def infer_actors(doc: DocIndex, drafts: list[Draft]) -> None:
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


# Acts of law enforcement: one case carries them through an article, an investigation, an arrest, a charge and
# a sentence by the same authorities against the same suspects.
LAW_ENFORCEMENT = frozenset({"COERCE", "ACCUSE", "SANCTION"})
# Kinds of act (PLOVER types) that one actor carries on through an article: law enforcement, protest,
# demands and refusals, aid, deployment, cooperation. Not violence: a fight has two sides, and the next
# strike told without its attacker is often the reply (an attack has ``infer_actors``).
ACT_KINDS: tuple[frozenset[str], ...] = (
    LAW_ENFORCEMENT, frozenset({"PROTEST"}),
    frozenset({"REQUEST", "REJECT", "THREATEN"}), frozenset({"AID"}), frozenset({"MOBILIZE"}),
    frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}),
)
_KIND_OF = {t: k for k, kind in enumerate(ACT_KINDS) for t in kind}


def inherit_actors(drafts: list[Draft]) -> None:
    """An act told without its actor ("AB kemudian ditahan di Polres …" after "Polisi menangkap AB"):
    the actors of the last act of its kind told before with its actors stated, marked inferred."""
    last: dict[int, list[Part]] = {}
    for d in drafts:
        kind = _KIND_OF.get(d.type)
        if kind is None:
            continue
        if not d.actors and kind in last:
            d.actors = [borrowed(p) for p in last[kind]]
            d.actor_inferred = True
        elif d.actors and not d.actor_inferred:
            last[kind] = d.actors


def inherit_targets(drafts: list[Draft]) -> None:
    """An act of law enforcement told without whom it is against ("polisi masih menyelidiki kasus itu"): the
    targets of the last such act told before with its targets stated, else of the first told after, marked
    inferred."""
    cases = [d for d in drafts if d.type in LAW_ENFORCEMENT]
    last = next((d for d in cases if d.targets and not d.targets_inferred), None)  # none told before: the first
    for d in cases:
        if d.targets:
            if not d.targets_inferred:
                last = d
        elif last is not None:
            d.targets = [borrowed(p) for p in last.targets]
            d.targets_inferred = True


def infer_targets(drafts: list[Draft]) -> None:
    """An act with no stated target: what the same actor's acts of that type hit elsewhere in the article."""
    speech = {"PROTEST", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    for d in drafts:
        if d.targets or d.type not in {"ASSAULT", "COERCE"} | speech or d.historical:
            continue
        keys = participant_keys(d.actors)
        counts: Counter[str] = Counter()
        proto: dict[str, Part] = {}
        pool = speech if d.type in speech else {d.type}
        for o in drafts:
            if o is d or o.type not in pool or not o.targets or o.targets_inferred:
                continue
            if keys and not (participant_keys(o.actors) & keys):
                continue
            for p in o.targets:
                if p.generic or p.is_place:
                    continue
                k = participant_keys([p]).pop()
                counts[k] += 1
                proto.setdefault(k, p)
        if d.type == "ACCUSE" and d.anaphoric:
            counts.clear()  # "mengecam serangan itu": who did the act pointed at, not whom the speaker asks
        if counts:
            top, n = counts.most_common(1)[0]
            if n >= 1 and (keys or n >= 2):
                t = proto[top]
                d.targets = [borrowed(t, text=t.name)]
                d.targets_inferred = True
        elif d.type == "ACCUSE":
            # a condemnation with no one named condemns who did the last act told before it
            told = [o for o in reversed(drafts[:drafts.index(d)]) if o.type in MATERIAL_TYPES
                    and o.actors and not o.actor_inferred]
            # condemnations are mostly of attacks: the last attack, else the last act
            prev = next((o for o in told if o.type == "ASSAULT"), told[0] if told else None)
            if prev is not None and not (participant_keys(prev.actors) & keys):
                t = prev.actors[0]
                d.targets = [borrowed(t, text=t.name)]
                d.targets_inferred = True


def infer_coerced(drafts: list[Draft]) -> None:
    """Police action with no one named ("melakukan upaya pembubaran", "menyita senjata") falls on those
    who did the last attack or protest told before it."""
    for i, d in enumerate(drafts):
        if d.type != "COERCE" or d.targets or d.historical:
            continue
        keys = participant_keys(d.actors)
        prev = next((o for o in reversed(drafts[:i]) if o.type in {"ASSAULT", "PROTEST"} and o.actors
                     and not o.actor_inferred and not participant_keys(o.actors) & keys), None)
        if prev is not None:
            d.targets = [borrowed(p) for p in prev.actors]
            d.targets_inferred = True


def infer_retaliation_targets(drafts: list[Draft]) -> None:
    """A retaliation with no target named ("melakukan serangan balasan") hits who attacked the retaliator."""
    for i, d in enumerate(drafts):
        if d.type != "ASSAULT" or d.targets or not d.actors or not d.retaliation:
            continue
        keys = participant_keys(d.actors)
        homes = {p.country for p in d.actors if p.country}
        prev = next((o for o in reversed(drafts[:i]) if o.type == "ASSAULT" and o.actors and (
            participant_keys(o.targets) & keys or homes & {p.country for p in o.targets if p.country})), None)
        if prev is not None:
            d.targets = [borrowed(p) for p in prev.actors]
            d.targets_inferred = True


def infer_attacked_states(doc: DocIndex, drafts: list[Draft]) -> None:
    """A state's attack with no target named hit the country where it struck ("serangan udara ke
    berbagai lokasi di Iran" targets Iran); attacks at home are left alone."""
    for d in drafts:
        if d.type != "ASSAULT" or d.targets or d.historical or d.loc is None or not d.actors:
            continue
        where = d.loc.place.country
        homes = {p.country for p in d.actors}
        if not where or None in homes or where in homes:
            continue
        target = _state(doc, where)
        if target is not None:
            d.targets = [target]
            d.targets_inferred = True


def _state(doc: DocIndex, country: str) -> Part | None:
    """The state of ``country`` as the article names it."""
    ent = doc.state_entity(country)
    if ent is None:
        return None
    return Part(-1, -1, _usual_name(doc, ent.id), ent.name, entity=ent.id, country=country, etype="GPE")


def strike_where_it_lands(doc: DocIndex, drafts: list[Draft]) -> None:
    """A state's attack placed only in its own country happened where its target is.

    "Iran membalas dengan menembakkan rudal ke Israel" names Iran, but the strike is in Israel.
    """

    for d in drafts:
        if d.type != "ASSAULT" or d.loc is None or d.loc.place.precision != "country":
            continue
        homes = {p.country for p in d.actors if p.country}
        if d.loc.place.country not in homes:
            continue
        abroad = next((p.country for p in d.targets if p.country and p.country not in homes and not p.generic),
                      None)
        place = Gazetteer.default().country(abroad) if abroad else None
        if place is not None:
            d.loc = Location(place.name, place)


def infer_protest_targets(doc: DocIndex, drafts: list[Draft]) -> None:
    """A protest with no stated target protests the government of the country it happens in.

    The government is its head of state or government when the article names one (a KB actor
    who is ``leader_of`` that state), else "pemerintah <country>"; marked inferred.  Riots and
    brawls are left alone: they are fights, not demands on a government.
    """
    for d in drafts:
        if d.type != "PROTEST" or d.targets or d.historical or d.mode == "riot" or d.loc is None:
            continue
        country = d.loc.place.country
        if not country or any(p.country == country and p.etype != "NORP" and p.entity
                              and _sector(doc, p.entity) == "GOV" for p in d.actors):
            continue
        target = _government(doc, country)
        if target is not None:
            d.targets = [target]
            d.targets_inferred = True
    # the demands of a protest go to whom it protests ("mahasiswa meminta evaluasi program …")
    for d in drafts:
        if d.type != "REQUEST" or d.targets or not d.actors:
            continue
        demo = next((o for o in drafts if o.type == "PROTEST" and o.targets and o.actors
                     and compatible(o.actors, d.actors)), None)
        if demo is not None:
            d.targets = list(demo.targets)
            d.targets_inferred = True


def _sector(doc: DocIndex, entity: str) -> str | None:
    ent = doc.entities.get(entity)
    return ent.sector if ent is not None else None


def _government(doc: DocIndex, country: str) -> Part | None:
    """The article's most named leader of ``country``'s state, else that state's government."""

    kb = KnowledgeBase.default()
    best = None
    for ent in doc.entities.values():
        aid = doc.entity_actor.get(ent.id)
        actor = kb.get(aid) if aid and ent.type == "PER" else None
        if actor is None:
            continue
        for aff in actor.affiliations:
            state = kb.get(aff.object) if aff.relation == "leader_of" and not aff.former else None
            leads = state is not None and state.kind == "states" and state.country == country
            if leads and (best is None or len(ent.mentions) > len(best.mentions)):
                best = ent
    if best is not None:
        return Part(-1, -1, best.name, best.name, entity=best.id, country=best.country, etype=best.type)
    named = doc.state_entity(country)
    if named is not None:
        state_name = _usual_name(doc, named.id)
    else:
        state = kb.get(country.lower())
        if state is None:
            return None
        state_name = state.name
    name = f"{lx.GOVERNMENT_WORD} {state_name}"
    return Part(-1, -1, name, name, country=country, etype="ORG", head=lx.GOVERNMENT_WORD)


def _usual_name(doc: DocIndex, entity: str) -> str:
    """The way the article most often writes an entity ("AS" for the United States)."""
    names = Counter(" ".join(m.text.split()) for m in doc.entities[entity].mentions)
    return names.most_common(1)[0][0]
