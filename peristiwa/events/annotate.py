"""Assembling events: who did what to whom in each sentence, with when, where and how many.

For each sentence outside the page furniture: the predicates (``document_predicates``: the
trigger model over the cue hits and the act filters' verdicts, or the rules alone), the roles
from the voice of each predicate and the participant phrases around it (``roles``, ``clauses``,
``chunks``; a learned role model when one ships), and the mode, date and toll from the sentence
(``arguments``); then the mentions of one act are merged (by the rules, or a learned scorer when
one ships) and what the sentence left out is filled from the rest of the article (``drafts``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from peristiwa import limits
from peristiwa.analysis import Analysis
from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.act_filters import points_back
from peristiwa.events.arguments import act_date, act_mode, casualties, named_dead
from peristiwa.events.candidates import RuleHit, rule_hits
from peristiwa.events.cues import CueHit, find_cues
from peristiwa.events.date_model import current_date_model
from peristiwa.events.drafts import (
    Draft,
    assign_dates,
    assign_places,
    infer_actors,
    infer_attacked_states,
    infer_coerced,
    infer_protest_targets,
    infer_retaliation_targets,
    infer_targets,
    inherit_actors,
    inherit_targets,
    merge_across,
    merge_in_sentence,
    participant_keys,
    strike_where_it_lands,
)
from peristiwa.events.merge_model import current_merge_model
from peristiwa.events.mode_model import current_mode_model
from peristiwa.events.phrase_heads import current_phrase_heads
from peristiwa.events.phrases import full_phrase, governing_phrase, name_end
from peristiwa.events.place_model import current_place_model
from peristiwa.events.role_model import current_role_model
from peristiwa.events.roles import find_speaker, roles
from peristiwa.events.toll_model import current_toll_model
from peristiwa.events.triggers import Predicate, TriggerModel, current_model, predicates, rule_predicates
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import time_words as tw
from peristiwa.lang.id.time_words import WEEKDAYS
from peristiwa.places.locate import (
    home_country,
    main_place,
    paragraph_location,
    sentence_location,
    target_country,
)
from peristiwa.text.chunks import Part
from peristiwa.text.clauses import MATERIAL_TYPES, VERBAL_TYPES, clause_bounds
from peristiwa.text.dates import reference_date
from peristiwa.text.tokens import Tok
from peristiwa.types import Event, EventDate, Participant, TimeExpr, Toll, event_type

# Sentences scored by the model in one call: few calls for speed, a bounded feature list for memory
# (a 2,000,000-character document holds some 20,000 sentences).
_BLOCK = 128


def document_predicates(sents: Sequence[SentenceInfo],
                        model: TriggerModel | None) -> list[tuple[list[Predicate], list[CueHit]]]:
    """For each sentence: its predicates (the learned model over the rules' hits, or the rules alone),
    and every cue hit or predicate in it, for the role stages. The model scores sentences in blocks."""
    rules: list[list[RuleHit]] = []
    preds: list[list[Predicate]] = []
    block: list[tuple[SentenceInfo, list[list[str]]]] = []

    def score_block(m: TriggerModel) -> None:
        probs = m.predict([f for _sent, fs in block for f in fs])
        at = 0
        for (sent, fs), r in zip(block, rules[len(preds):], strict=True):
            preds.append(predicates(sent, r, probs[at:at + len(fs)], m))
            at += len(fs)
        block.clear()

    for sent in sents:  # a TimedList ticks the document's time cap as it goes
        rules.append(rule_hits(sent))
        if model is None:
            preds.append(rule_predicates(rules[-1]))
            continue
        block.append((sent, model.features(sent, rules[-1])))
        if len(block) >= _BLOCK:
            score_block(model)
    if model is not None and block:
        score_block(model)
    return [(p, sorted([h.hit for h in r] + [x.hit for x in p if x.rule is None], key=lambda h: h.first))
            for p, r in zip(preds, rules, strict=True)]


def _detect(doc: DocIndex, *, learned: bool) -> list[Draft]:
    drafts: list[Draft] = []
    home = main_place(doc)
    model = current_model() if learned else None
    role_model = current_role_model() if learned else None
    mode_model = current_mode_model() if learned else None
    toll_model = current_toll_model() if learned else None
    sents = limits.TimedList((sent for sent in doc.sentences if not doc.in_noise(sent.start, sent.end)),
                             stage="events")
    for sent, (preds, hits) in zip(sents, document_predicates(sents, model), strict=True):
        done: list[tuple[CueHit, list[Part]]] = []
        for pred in preds:
            hit = pred.hit
            etype = pred.type
            actors, targets = roles(doc, sent, hit, done, hits)
            if role_model is not None:
                actors, targets = role_model.choose(doc, sent, hit, etype, actors, targets, hits)
            done.append((hit, actors))
            lo, hi = clause_bounds(sent.toks, hit.first)
            promised = pred.rule is not None and pred.rule.retype == "THREATEN" and etype == "THREATEN"
            mode = "violence" if promised else act_mode(sent, hit, lo, hi)
            if mode_model is not None and not promised:
                mode = mode_model.choose(sent, hit.first, hit.last, etype, mode)
            so_far = etype == "ASSAULT" and toll_so_far(doc, sent)
            deaths, hurts = casualties(doc, sent, hit) if etype == "ASSAULT" and not so_far else (None, None)
            if etype == "ASSAULT" and deaths is None and not so_far:
                n = named_dead(sent, targets)
                if n:
                    deaths = Toll(n, n)  # the victims named: no number in the text
                elif hurts is None and toll_model is not None:  # no toll stated: what befell the victims
                    deaths, hurts = toll_model.implied(doc, sent, hit.first, hit.last, targets)
            trig = (sent.toks[hit.first].start, sent.toks[hit.last].end)
            d = Draft(type=etype, mode=mode, sent=sent.index, trigger=trig, evidence=(sent.start, sent.end),
                      actors=actors, targets=targets, fatalities=deaths, injuries=hurts, cue_mode=hit.cue.mode,
                      cue_voice="active" if hit.light == "active" else hit.cue.voice)
            d.date = act_date(doc, sent, hit)
            d.sequence = any(t.low in ec.SEQUENCE_WORDS for t in sent.toks[:hit.first + 1])
            d.running = so_far
            d.cumulative = any(t.low in ec.CUMULATIVE_WORDS for t in sent.toks) or running_toll(sent.toks)
            d.anaphoric = points_back(sent, hits)
            d.retaliation = any(t.low in ec.RETALIATION_WORDS for t in sent.toks[max(0, hit.first - 2):hit.last + 2])
            said_after = trig[0] if etype in MATERIAL_TYPES else None
            d.loc = sentence_location(doc, sent, actors + targets, fallback=home, said_after=said_after) \
                or (target_country(targets, doc) if etype == "ASSAULT" else None) \
                or (home_country(actors, doc) if etype == "MOBILIZE" else None) \
                or paragraph_location(doc, sent, fallback=home)
            drafts.append(d)
    return drafts


def running_toll(toks: Sequence[Tok]) -> bool:
    """A toll so far: "serangan Iran telah menewaskan sedikitnya 24 orang" counts a war, not one strike."""
    lows = [t.low for t in toks]
    for k, w in enumerate(lows[:-1]):
        if w in ec.PERFECT_MARKERS and lows[k + 1] in ec.TOLL_VERBS \
                and any(x in ec.AT_LEAST_WORDS for x in lows[k + 2:k + 4]):
            return True
    return False


def toll_so_far(doc: DocIndex, sent: SentenceInfo) -> bool:
    """True when the sentence counts the dead over a stretch of time or many acts, not one act's toll.

    "Sejak Oktober 2023, serangan Israel telah menewaskan …", "Hingga Senin, … telah menyebabkan …
    tewas", "jumlah korban … mencapai …", "… tewas akibat serangkaian serangan" with no day given:
    the number is a running total, kept among the document's quantities but given to no event.
    """
    lows = [t.low for t in sent.toks if t.is_word]
    if any(w in tw.SINCE_WORDS for w in lows):
        return True
    text = " ".join(lows)
    if any(f" {p} " in f" {text} " for p in ec.TALLY_PHRASES):
        return True
    perfect = any(w in ec.PERFECT_MARKERS for w in lows)
    for k, w in enumerate(lows[:-1]):
        if w in ec.UNTIL_WORDS and perfect and (lows[k + 1] in ec.NOW_WORDS or lows[k + 1] in WEEKDAYS):
            return True
    if any(w in ec.SERIES_WORDS for w in lows):
        return not any(t.precision == "day" for _s, _e, t in doc.times_in(sent))
    return False


def campaign_tolls(doc: DocIndex, drafts: list[Draft]) -> None:
    """An attack's toll told with no day of its own, when the article dates an attack by the same actor
    on an earlier day, counts the campaign so far ("sedikitnya 224 orang tewas dalam serangan Israel",
    days after the strikes began): it is no act's toll, and the number stays among the quantities."""
    for d in drafts:
        if d.type != "ASSAULT" or (d.fatalities is None and d.injuries is None) or not d.actors:
            continue
        if any(t.precision == "day" for _s, _e, t in doc.times_in(doc.sentences[d.sent])):
            continue
        keys = participant_keys(d.actors)
        if any(o is not d and o.type == "ASSAULT" and o.date is not None and participant_keys(o.actors) & keys
               and (d.date is None or o.date.end < d.date.start) for o in drafts):
            d.fatalities = d.injuries = None
            d.running = True


def date_statements(doc: DocIndex, drafts: list[Draft]) -> None:
    """A speaker's statement dated once dates the speaker's undated words told around it.

    "Dalam pernyataannya pada Senin (26/5/2025), Merz mengatakan …" dates what Merz says in
    the sentences before and after it.
    """
    stamps: list[tuple[int, set[str], TimeExpr]] = []
    for sent in doc.sentences:
        if doc.in_noise(sent.start, sent.end):
            continue
        days = [t for _ts, _te, t in doc.times_in(sent) if t.precision == "day"]
        if len(days) != 1:
            continue
        speaker = find_speaker(doc, sent, here_only=True)
        if speaker is not None:
            stamps.append((sent.index, participant_keys([speaker]), days[0]))
    for d in drafts:
        if d.date is not None or d.type not in VERBAL_TYPES or not d.actors:
            continue
        keys = participant_keys(d.actors)
        near = [(abs(k - d.sent), t) for k, who, t in stamps if abs(k - d.sent) <= _STATEMENT_REACH and who & keys]
        if near:
            d.date = min(near, key=lambda x: x[0])[1]
            d.date_inherited = True


_STATEMENT_REACH = 4


def date_from_incident_sentences(doc: DocIndex, drafts: list[Draft]) -> None:
    """ "Peristiwa itu terjadi pada Minggu (20/7)" dates the undated act told before it and those told after."""
    with_drafts = {d.sent for d in drafts}
    for sent in doc.sentences:
        if sent.index in with_drafts or doc.in_noise(sent.start, sent.end):
            continue
        if not any(t.low in ec.HAPPENED_WORDS for t in sent.toks) or not points_back(sent, find_cues(sent.toks)):
            continue
        days = [t for _ts, _te, t in doc.times_in(sent) if t.precision in {"day", "range"}]
        if len(days) != 1:
            continue
        before = [d for d in drafts if d.type in MATERIAL_TYPES and 0 < sent.index - d.sent <= 3]
        after = [d for d in drafts if d.type in MATERIAL_TYPES and 0 < d.sent - sent.index <= 2]
        for d in ([before[-1]] if before else []) + after:
            if d.date is None:
                d.date = days[0]
                d.date_inherited = True


def _attach_tolls(doc: DocIndex, drafts: list[Draft]) -> None:
    """A toll told in a sentence of its own goes to the attack told just before it: one that points back
    ("Tidak ada korban jiwa dalam insiden tersebut"), or the dead or hurt told with no act of their own
    ("Dua prajurit gugur.")."""
    by_sent = {d.sent for d in drafts if d.type == "ASSAULT"}
    for sent in doc.sentences:
        if sent.index in by_sent or doc.in_noise(sent.start, sent.end):
            continue
        cues = find_cues(sent.toks)
        if not (points_back(sent, cues) or any(h.cue.voice == "victim" for h in cues)):
            continue
        deaths, hurts = casualties(doc, sent, None)
        if (deaths is None and hurts is None) or toll_so_far(doc, sent):
            continue
        near = [d for d in reversed(drafts) if d.type == "ASSAULT" and 0 < sent.index - d.sent <= 3]
        # "tidak ada korban jiwa dalam insiden tersebut": the incident told first, not the response to it
        prev = next((d for d in near if not d.anaphoric), near[0] if near else None)
        if prev is None or prev.running:
            continue
        prev.fatalities = prev.fatalities or deaths
        prev.injuries = prev.injuries or hurts


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


_GLUED_MARKS = "-–— "  # marks a scraped text glues to the first word of a sentence


def _participant(doc: DocIndex, p: Part, *, inferred: bool) -> Participant:
    ent = doc.entities.get(p.entity) if p.entity else None
    country = p.country or (ent.country if ent else None)
    if p.first < 0:  # inferred from elsewhere in the article: no span of its own here
        return Participant(text=p.text, name=p.name, entity=p.entity, country=country, inferred=inferred)
    norm = doc.an.view.norm
    # the noun the participant modifies, when nouns of its kind head participants: "Bupati Wamena"
    heads = current_phrase_heads()
    governed = governing_phrase(doc, p.start, p.end, heads.words) if heads is not None else None
    # the whole phrase as written: "dua tersangka berinisial AR dan MP", "Komisi … Korupsi (KPK)"
    start, end = full_phrase(norm, *(governed or (p.start, p.end)))
    while start < end - 1 and norm[start] in _GLUED_MARKS:  # "Jakarta -Polisi …": the dateline's dash is no part
        start += 1
    span = doc.an.view.span(start, end)
    # the name keeps the view's spacing ("warga Palestina" for a scraped "wargaPalestina")
    name = ent.name if ent is not None and not p.head and p.name == p.text else p.name
    if governed is not None and p.etype != "PER":  # "Bupati Wamena" is no town; a title keeps the person's name
        name = norm[governed[0]:governed[1]]
    elif name == p.text:  # a phrase named by its own words keeps the name told after it, not "itu" or "dua"
        name += norm[p.end:name_end(norm, p.end)]
    name = name.lstrip(_GLUED_MARKS) or name
    return Participant(text=span.text, name=name, entity=p.entity, country=country, span=span,
                       inferred=inferred)


def _event_id(doc_id: str, d: Draft) -> str:
    h = hashlib.sha1(f"{doc_id}\x1f{d.type}\x1f{d.trigger[0]}".encode()).hexdigest()[:8]
    return "ev" + h


def sentence_drafts(doc: DocIndex, *, learned: bool = True) -> list[Draft]:
    """The acts of each sentence, one per act in a sentence, with their tolls and dates (not yet merged across)."""
    drafts = _detect(doc, learned=learned)
    drafts = merge_in_sentence(drafts)
    _attach_tolls(doc, drafts)
    date_statements(doc, drafts)
    date_from_incident_sentences(doc, drafts)
    assign_dates(drafts)
    return drafts


def document_drafts(doc: DocIndex, *, learned: bool = True) -> list[Draft]:
    """The document's acts, merged across sentences, with the rules' places and inferred participants."""
    drafts = sentence_drafts(doc, learned=learned)
    merger = current_merge_model() if learned else None
    if merger is None:
        drafts = merge_across(drafts)
    else:
        drafts = merge_across(drafts, merger.scorer(doc.norm), merger.threshold)
    assign_places(doc, drafts)
    for d in drafts:
        d.historical = _historical(doc, d)
    infer_actors(doc, drafts)
    infer_targets(drafts)
    infer_protest_targets(doc, drafts)
    infer_attacked_states(doc, drafts)
    infer_retaliation_targets(drafts)
    infer_coerced(drafts)
    strike_where_it_lands(doc, drafts)
    inherit_actors(drafts)
    inherit_targets(drafts)
    return drafts


def find(an: Analysis, *, learned: bool = True) -> list[Event]:
    """The document's events (``learned=False``: the rules alone)."""
    doc = DocIndex.of(an)
    drafts = document_drafts(doc, learned=learned)
    placer = current_place_model() if learned else None
    if placer is not None:
        for d in drafts:
            d.loc = placer.choose(doc, d)
    dater = current_date_model() if learned else None
    if dater is not None:
        for d in drafts:
            when, kept = dater.choose(doc, d)
            if not kept:
                d.date, d.date_inherited = when, False
                d.historical = _historical(doc, d)
    campaign_tolls(doc, drafts)
    view = an.view
    # an undated article stands on the latest full date it writes (its acts' fallback date)
    published = an.doc.published_date() or reference_date(an.times)
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
        events.append(Event(id=_event_id(an.doc.id, d), type=event_type(d.type), trigger=trig, evidence=evid, mode=d.mode,
                            actors=actors, targets=targets, date=date, location=loc,
                            fatalities=d.fatalities, injuries=d.injuries, historical=d.historical,
                            confidence=min(conf, 0.95)))
    return events
