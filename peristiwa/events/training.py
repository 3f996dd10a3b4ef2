"""Gold annotations (``../shared/eval/ANNOTATION.md``) aligned to tokens, for training the trigger model.

Every token of every sentence outside the page furniture is an example: a trigger token of a
required event is labelled with the event's types (two types share the weight), a trigger
token of an optional event ("either way") and every token of another mention of an event
(``also``) are left out, and all other word tokens are "no act". What cannot be aligned is
counted by reason, so the training script can report it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.eval.scoring import alias_matches, date_ok, location_ok, norm_tokens
from peristiwa.events import date_model, place_model
from peristiwa.events.annotate import toll_so_far
from peristiwa.events.arguments import act_mode, casualties
from peristiwa.events.candidates import rule_hits
from peristiwa.events.cues import Cue, CueHit
from peristiwa.events.drafts import Draft
from peristiwa.events.features import sentence_features
from peristiwa.events.merge_model import pair_features
from peristiwa.events.mode_model import NO_MODE, mode_features
from peristiwa.events.role_model import candidate_features, candidates
from peristiwa.events.roles import roles
from peristiwa.events.toll_model import outcome_features
from peristiwa.events.triggers import guess_voice
from peristiwa.events.word_classes import WordClasses
from peristiwa.text.clauses import clause_bounds
from peristiwa.types import event_type


@dataclass
class SentenceExample:
    """The tokens of one sentence: features, and per token its labels (type → weight) or None (left out)."""

    doc_id: str
    sent: int
    feats: list[list[str]]
    labels: list[dict[str, float] | None]


@dataclass
class AlignReport:
    """What the gold gave and what could be found in the text."""

    events: int = 0
    required: int = 0
    triggers_aligned: int = 0
    missing: Counter[str] = field(default_factory=Counter)
    names: int = 0
    names_found: int = 0

    def add(self, other: AlignReport) -> None:
        self.events += other.events
        self.required += other.required
        self.triggers_aligned += other.triggers_aligned
        self.missing.update(other.missing)
        self.names += other.names
        self.names_found += other.names_found

    def to_dict(self) -> dict[str, Any]:
        return {"events": self.events, "required": self.required, "triggers_aligned": self.triggers_aligned,
                "not_aligned": dict(self.missing.most_common()), "participant_and_place_names": self.names,
                "names_found_in_text": self.names_found}


def _trigger_span(text: str, gold: dict[str, Any]) -> tuple[int, int] | str:
    """The trigger's offsets in the original text, or the reason it cannot be placed."""
    anchor, trigger = gold.get("anchor") or "", gold.get("trigger") or ""
    a = text.find(anchor) if anchor else -1
    if a < 0:
        return "anchor not in text"
    if not trigger:
        return "no trigger"
    t = anchor.find(trigger)
    if t < 0:
        return "trigger not in anchor"
    return a + t, a + t + len(trigger)


def _mention_spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    out = []
    for m in gold.get("also") or []:
        k = text.find(m)
        if k >= 0:
            out.append((k, k + len(m)))
    return out


def _names(gold: dict[str, Any]) -> Iterable[str]:
    for fld in ("actors", "targets"):
        for part in gold.get(fld) or []:
            if part:
                yield part[0]
    if gold.get("location"):
        yield gold["location"][0]


def align(idx: DocIndex, golds: Sequence[dict[str, Any]],
          classes: WordClasses | None = None) -> tuple[list[SentenceExample], AlignReport]:
    """The training examples of one analysed document and what of its gold could not be aligned."""
    an = idx.an
    text, view = an.doc.text, an.view
    report = AlignReport()
    positive: list[tuple[int, int, dict[str, float]]] = []  # view offsets
    ignored: list[tuple[int, int]] = []
    text_words = norm_tokens(text)
    for g in golds:
        if g.get("kind", "event") != "event":
            continue
        report.events += 1
        required = bool(g.get("required", True))
        report.required += required
        for name in _names(g):
            report.names += 1
            needle = norm_tokens(name)
            report.names_found += any(text_words[k:k + len(needle)] == needle
                                      for k in range(len(text_words) - len(needle) + 1)) if needle else 0
        for s, e in _mention_spans(text, g):
            ignored.append((view.to_norm(s), view.to_norm(e)))
        span = _trigger_span(text, g)
        if isinstance(span, str):
            report.missing[span] += 1
            continue
        a, b = view.to_norm(span[0]), view.to_norm(span[1])
        if idx.in_noise(a, b):
            report.missing["trigger in page furniture"] += 1
            continue
        if not any(s.start < b and a < s.end and any(t.start < b and a < t.end for t in s.toks)
                   for s in idx.sentences):
            report.missing["trigger outside every sentence"] += 1
            continue
        if required:
            report.triggers_aligned += 1
            types = list(g.get("types") or [])
            positive.append((a, b, {t: 1.0 / len(types) for t in types}))
        else:
            ignored.append((a, b))
    examples = []
    for sent in idx.sentences:
        if idx.in_noise(sent.start, sent.end):
            continue
        feats = sentence_features(sent, rule_hits(sent), classes)
        labels: list[dict[str, float] | None] = []
        for tok, f in zip(sent.toks, feats, strict=True):
            if not f:
                labels.append(None)
                continue
            lab: dict[str, float] = {}
            for a, b, weights in positive:
                if tok.start < b and a < tok.end:
                    for t, w in weights.items():
                        lab[t] = max(lab.get(t, 0.0), w)
            if not lab and any(tok.start < b and a < tok.end for a, b in ignored):
                labels.append(None)
                continue
            labels.append(lab)
        examples.append(SentenceExample(an.doc.id, sent.index, feats, labels))
    return examples, report


@dataclass
class RoleExample:
    """The candidates of one gold predicate: features and the role each plays (an index of ``ROLE_CLASSES``)."""

    doc_id: str
    feats: list[list[str]]
    labels: list[int]
    reach: tuple[int, int, int, int] = (0, 0, 0, 0)  # gold actors, of them a candidate; gold targets, reached


def _plays(names: Sequence[Sequence[str]], descr: list[str], country: str | None) -> bool:
    return any(alias_matches(a, descr, country) for part in names for a in part)


def role_examples(idx: DocIndex, golds: Sequence[dict[str, Any]]) -> list[RoleExample]:
    """For every required gold event whose trigger is found: its candidates, labelled by the gold's names."""
    an = idx.an
    text, view = an.doc.text, an.view
    out = []
    for g in golds:
        if g.get("kind", "event") != "event" or not g.get("required", True) or not (g.get("actors") or g.get("targets")):
            continue
        span = _trigger_span(text, g)
        if isinstance(span, str):
            continue
        a, b = view.to_norm(span[0]), view.to_norm(span[1])
        sent = next((s for s in idx.sentences if s.start < b and a < s.end), None)
        if sent is None or idx.in_noise(sent.start, sent.end):
            continue
        ks = [k for k, t in enumerate(sent.toks) if t.start < b and a < t.end]
        if not ks:
            continue
        rules = rule_hits(sent)
        types = list(g.get("types") or [])
        rule = next((r for r in rules if r.hit.first <= ks[-1] and ks[0] <= r.hit.last), None)
        if rule is not None:
            hit, etype = rule.hit, rule.type if rule.type in types else types[0]
        else:
            hit = CueHit(ks[0], ks[-1], Cue(event_type(types[0]), None, guess_voice(sent.toks[ks[0]].low)))
            etype = types[0]
        actors, targets = roles(idx, sent, hit, [], [r.hit for r in rules])
        cands = candidates(idx, sent, actors, targets)
        if not cands:
            continue
        # what the scorer reads of a participant: the text its span covers, its text and its name
        descrs = [([d for d in (view.norm[p.start:p.end] if p.first >= 0 else "", p.text, p.name) if d], p.country)
                  for p, _rule in cands]
        labels = [1 if _plays(g.get("actors") or [], descr, country)
                  else 2 if _plays(g.get("targets") or [], descr, country) else 0 for descr, country in descrs]
        reach = []
        for names in (g.get("actors") or [], g.get("targets") or []):
            reach += [len(names), sum(any(_plays([part], d, c) for d, c in descrs) for part in names)]
        out.append(RoleExample(an.doc.id, candidate_features(idx, sent, hit, etype, cands, [r.hit for r in rules]), labels,
                               (reach[0], reach[1], reach[2], reach[3])))
    return out


def _gold_spans(idx: DocIndex, golds: Sequence[dict[str, Any]]) -> list[tuple[int, set[str], list[tuple[int, int]]]]:
    """Every gold event's mentions (anchor and others) in view offsets, with its types."""
    text, view = idx.an.doc.text, idx.an.view
    out = []
    for k, g in enumerate(golds):
        spans = []
        for m in [g.get("anchor") or "", *(g.get("also") or [])]:
            i = text.find(m) if m else -1
            if i >= 0:
                spans.append((view.to_norm(i), view.to_norm(i + len(m))))
        out.append((k, set(g.get("types") or []), spans))
    return out


def gold_of(d: Draft, gold_spans: Sequence[tuple[int, set[str], list[tuple[int, int]]]]) -> set[int]:
    """The gold events a draft falls on: its trigger inside a mention of the same type, else its sentence."""
    for lo, hi in (d.trigger, d.evidence):
        hits = {k for k, types, spans in gold_spans if d.type in types and any(s < hi and lo < e for s, e in spans)}
        if hits:
            return hits
    return set()


def merge_pairs(idx: DocIndex, golds: Sequence[dict[str, Any]], drafts: Sequence[Draft]) -> list[tuple[list[str], int]]:
    """Every (earlier, later) pair of drafts of one type in different sentences whose gold is known:
    1 when they fall on one gold event, 0 when on different ones."""
    spans = _gold_spans(idx, [g for g in golds if g.get("kind", "event") == "event"])
    owners = [gold_of(d, spans) for d in drafts]
    norm = idx.norm
    out = []
    for j, d in enumerate(drafts):
        if not owners[j]:
            continue
        for i in range(j):
            o = drafts[i]
            if o.type != d.type or o.sent == d.sent or not owners[i]:
                continue
            f = pair_features(o, d, o_trigger=norm[o.trigger[0]:o.trigger[1]].lower(),
                              d_trigger=norm[d.trigger[0]:d.trigger[1]].lower())
            out.append((f, int(bool(owners[i] & owners[j]))))
    return out


@dataclass
class CandidateExample:
    """One act of a training article that falls on a required gold event with a place (or a date):
    its candidates' features, which of them the gold names, and which one the rules picked (-1: none)."""

    doc_id: str
    feats: list[list[str]]
    labels: list[int]
    rule: int


PlaceExample = CandidateExample
DateExample = CandidateExample


def _acts_on_gold(idx: DocIndex, golds: Sequence[dict[str, Any]], drafts: Sequence[Draft],
                  field: str) -> Iterator[tuple[Draft, dict[str, Any]]]:
    """Every act (after merging) that falls on a required gold event giving ``field``, with that event."""
    events = [g for g in golds if g.get("kind", "event") == "event"]
    spans = _gold_spans(idx, events)
    for d in drafts:
        owners = sorted(gold_of(d, spans))
        if owners and events[owners[0]].get("required", True) and events[owners[0]].get(field):
            yield d, events[owners[0]]


def place_examples(idx: DocIndex, golds: Sequence[dict[str, Any]], drafts: Sequence[Draft]) -> list[PlaceExample]:
    """Every act (after merging) that falls on one required gold event naming a place."""
    out = []
    for d, g in _acts_on_gold(idx, golds, drafts, "location"):
        cands = place_model.candidates(idx, d)
        if not cands:
            continue
        labels = [int(location_ok(g["location"], c.loc.to_dict())) for c in cands]
        out.append(PlaceExample(idx.an.doc.id, place_model.candidate_features(idx, d, cands), labels,
                                place_model.rule_index(cands, d)))
    return out


@dataclass
class ModeExample:
    """One gold act's predicate in one of its types: its features, the gold mode (``NO_MODE`` when the
    gold gives none for this type) and the rules' mode."""

    doc_id: str
    etype: str
    feats: list[str]
    mode: str
    rule_mode: str | None


def modes_of_type(golds: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """The modes each type takes in the gold (from acts of a single type)."""
    out: dict[str, set[str]] = {}
    for g in golds:
        types = g.get("types") or []
        if g.get("kind", "event") == "event" and len(types) == 1 and g.get("mode"):
            out.setdefault(types[0], set()).add(g["mode"])
    return {t: sorted(ms) for t, ms in sorted(out.items())}


def rule_mode(sent: Any, first: int, last: int, etype: str) -> str | None:
    """The mode the rules give a predicate on tokens ``first``..``last``, as the event stage reads it."""
    hit = next((r.hit for r in rule_hits(sent) if r.hit.first <= last and first <= r.hit.last), None)
    if hit is None or hit.cue.type != etype:
        voice = hit.cue.voice if hit is not None else guess_voice(sent.toks[first].low)
        hit = CueHit(first, last, Cue(event_type(etype), None, voice), hit.light if hit is not None else None)
    lo, hi = clause_bounds(sent.toks, hit.first)
    return act_mode(sent, hit, lo, hi)


def _gold_predicate(idx: DocIndex, g: dict[str, Any]) -> tuple[SentenceInfo, int, int] | None:
    """The sentence holding the start of gold event ``g``'s trigger and the trigger's first and last token in it
    (None when the trigger is not found, lies in page furniture or covers no token)."""
    span = _trigger_span(idx.an.doc.text, g)
    if isinstance(span, str):
        return None
    a, b = idx.an.view.to_norm(span[0]), idx.an.view.to_norm(span[1])
    sent = next((s for s in idx.sentences if s.start <= a < s.end), None)
    if sent is None or idx.in_noise(a, b):
        return None
    ks = [t.i for t in sent.toks if t.start < b and a < t.end]
    return (sent, ks[0], ks[-1]) if ks else None


def mode_examples(idx: DocIndex, golds: Sequence[dict[str, Any]], valid: dict[str, list[str]]) -> list[ModeExample]:
    """Every required gold act whose trigger lies in a sentence, once per type it takes."""
    out = []
    for g in golds:
        if g.get("kind", "event") != "event" or not g.get("required", True):
            continue
        found = _gold_predicate(idx, g)
        if found is None:
            continue
        sent, first, last = found
        for etype in g.get("types") or []:
            mode = g.get("mode") if g.get("mode") in valid.get(etype, ()) else NO_MODE
            rm = rule_mode(sent, first, last, etype)
            out.append(ModeExample(idx.an.doc.id, etype, mode_features(sent, first, last, etype, rm), mode or NO_MODE,
                                   rm))
    return out


@dataclass
class TollExample:
    """One gold attack whose sentence states no toll: its predicate's features and what befell its victims
    (an index of ``toll_model.OUTCOMES``)."""

    doc_id: str
    feats: list[str]
    outcome: int


def _positive(value: Any) -> bool:
    return (isinstance(value, int) and value > 0) or (isinstance(value, list) and bool(value) and value[-1] > 0)


def toll_examples(idx: DocIndex, golds: Sequence[dict[str, Any]]) -> list[TollExample]:
    """Every required gold attack whose trigger lies in a sentence that states no toll (counted or so far)."""

    out = []
    for g in golds:
        if g.get("kind", "event") != "event" or not g.get("required", True) or "ASSAULT" not in (g.get("types") or []):
            continue
        found = _gold_predicate(idx, g)
        if found is None:
            continue
        sent, first, last = found
        if casualties(idx, sent, None) != (None, None) or toll_so_far(idx, sent):
            continue
        outcome = 1 if _positive(g.get("fatalities")) else 2 if _positive(g.get("injuries")) else 0
        out.append(TollExample(idx.an.doc.id, outcome_features(idx, sent, first, last), outcome))
    return out


def date_examples(idx: DocIndex, golds: Sequence[dict[str, Any]], drafts: Sequence[Draft]) -> list[DateExample]:
    """Every act (after merging) that falls on one required gold event with a date."""
    published = date_model.publication_day(idx)
    out = []
    for d, g in _acts_on_gold(idx, golds, drafts, "date"):
        cands = date_model.candidates(idx, d)
        labels = []
        for c in cands:
            start, end = (c.time.start, c.time.end) if c.time is not None else (published, published)
            labels.append(int(start is not None and end is not None
                              and date_ok(g["date"], {"start": start.isoformat(), "end": end.isoformat()})))
        out.append(DateExample(idx.an.doc.id, date_model.candidate_features(idx, d, cands), labels,
                               date_model.rule_index(cands, d)))
    return out
