"""Learned places: which of the places an article names is where an act happened.

The rules (``peristiwa.places.locate``, ``drafts.assign_places``) pick a place from the act's
sentence, the paragraph before it, the attacked or acting country, or the article's main place,
and fall back to a country when the sentence names none. Here every place the article names is a
candidate, with the rules' pick among them (or added when it is a site phrase the gazetteer does
not hold); a logistic regression (trained by ``tools/train_events.py`` on ``../shared/data/train``)
scores each from how far its mention is from the act (same sentence, before, after, the same
paragraph), the word before it (``di``, ``ke``, ``dari``), how precise it is, whether it is the
participants' country, the dateline's or the article's most named place, how often it is named,
and the rules' own choice. The best-scoring candidate is the act's place; the rules' pick stays
when no other candidate reaches the threshold.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import ClassVar

from peristiwa.doc_index import DocIndex, PlaceKey, PlaceTable
from peristiwa.events.drafts import Draft
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel, overrules
from peristiwa.events.nearby import around, count_bucket, nearest, sentence_distance
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id.places import SITE_LOCATIVES
from peristiwa.places.locate import dominant_country, main_place, seat_of
from peristiwa.types import Location, Place

PLACE_CLASSES = ("other", "here")


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place the article names (its mention nearest the act), or the rules' pick."""

    loc: Location
    start: int  # view offset of the mention; -1 when the place is not named in the text
    sent: int  # sentence index of the mention; -1 when not named
    count: int  # how many times the article names it
    order: int  # rank of its first mention among the article's places
    seat: bool = False  # the seat an actor of the act is named after ("Polda Metro Jaya menetapkan …")


def _key(place: Place) -> PlaceKey:
    return place.name.lower(), place.country


def rule_index(cands: list[PlaceCandidate], d: Draft) -> int:
    """Which candidate is the rules' pick (by name and country), -1 when the rules picked none."""
    if d.loc is None:
        return -1
    rule = _key(d.loc.place)
    return next((k for k, c in enumerate(cands) if _key(c.loc.place) == rule), -1)


def _mentions(doc: DocIndex) -> PlaceTable:
    """Every place mention outside page furniture by place, with its sentence, and the order of first
    mention (built once per document)."""
    if doc.place_table is None:
        mentions: dict[PlaceKey, list[tuple[int, int, int, Place]]] = {}
        order: dict[PlaceKey, int] = {}
        for ps, pe, pm in doc.places:
            if doc.in_noise(ps, pe):
                continue
            k = _key(pm.place)
            order.setdefault(k, len(order))
            mentions.setdefault(k, []).append((ps, pe, doc.sentence_at(ps), pm.place))
        doc.place_table = (mentions, order)
    return doc.place_table


def candidates(doc: DocIndex, d: Draft) -> list[PlaceCandidate]:
    """Every place the article names outside page furniture, at its mention nearest the act's sentence,
    and the rules' pick when it is none of them."""
    mentions, order = _mentions(doc)
    out = []
    for k, ms in mentions.items():
        # nearest to the act; before it rather than after on a tie
        ps, pe, si, place = nearest(ms, d.sent, sent=2, start=0)
        out.append(PlaceCandidate(Location(doc.an.view.span(ps, pe).text, place), ps, si, len(ms), order[k]))
    if d.loc is not None and _key(d.loc.place) not in mentions:
        start, si = _written(doc, d, d.loc.text)
        out.append(PlaceCandidate(d.loc, start, si, 1 if start >= 0 else 0, len(order)))
    seen = {_key(c.loc.place) for c in out}
    for p in d.actors:
        seat = seat_of(doc, p)
        if seat is not None and _key(seat[1].place) not in seen:
            seen.add(_key(seat[1].place))
            out.append(PlaceCandidate(seat[1], seat[0], doc.sentence_at(seat[0]), 1, len(order), seat=True))
    return out


def _written(doc: DocIndex, d: Draft, text: str) -> tuple[int, int]:
    """Where the rules' own place phrase ("di depan Gedung Putih") is written: in the act's sentence,
    else the nearest one before it, else after it; (-1, -1) when it is nowhere (a fallback)."""
    if not text:
        return -1, -1
    for i in itertools.islice(around(d.sent, len(doc.sentences)), 8):
        s = doc.sentences[i]
        k = doc.norm.find(text, s.start, s.end)
        if k >= 0:
            return k, i
    return -1, -1


def candidate_features(doc: DocIndex, d: Draft, cands: list[PlaceCandidate]) -> list[list[str]]:
    """Feature strings for each candidate place of one act."""
    rule = _key(d.loc.place) if d.loc is not None else None
    rule_prec = d.loc.place.precision if d.loc is not None else "none"
    home, top = main_place(doc), dominant_country(doc)
    countries = {"actor": {p.country for p in d.actors if p.country},
                 "target": {p.country for p in d.targets if p.country}}
    spans = [(p.start, p.end) for p in d.actors + d.targets if p.first >= 0]
    dateline = doc.an.dateline
    line = (doc.an.view.to_norm(dateline.start), doc.an.view.to_norm(dateline.end)) if dateline else (0, 0)
    out = []
    for c in cands:
        place = c.loc.place
        prec, dist = place.precision, sentence_distance(c.sent, d.sent)
        is_rule = _key(place) == rule
        f = ["bias", "prec=" + prec, "T|prec=" + d.type + "|" + prec, "dist=" + dist, "dist|prec=" + dist + "|" + prec,
             "n=" + count_bucket(c.count), "order=" + count_bucket(c.order), "rule=" + str(is_rule),
             "rule|prec=" + str(is_rule) + "|" + prec, "ruleprec|prec=" + rule_prec + "|" + prec,
             "rule|dist=" + str(is_rule) + "|" + dist]
        if is_rule and c.loc.place.precision == "site" and c.count <= 1:
            f.append("rule_site|dist=" + dist)
        if c.seat:
            f += ["actor_seat", "actor_seat|T=" + d.type, "actor_seat|ruleprec=" + rule_prec]
        if rule is not None and not is_rule and d.loc is not None and place.country == d.loc.place.country:
            f.append("rulecountry|prec=" + prec)
        for role, cs in countries.items():
            if place.country in cs:
                f.append(f"{role}country|prec={prec}")
        if home is not None and _key(place) == _key(home):
            f.append("home")
        if top is not None and _key(place) == _key(top):
            f.append("top")
        if dateline is not None and c.start >= 0 and line[0] <= c.start < line[1]:
            f.append("dateline")
        if c.start >= 0 and c.sent >= 0:
            sent = doc.sentences[c.sent]
            k = next((t.i for t in sent.toks if t.start == c.start), None)
            if k is not None:
                prev = sent.toks[k - 1].low if k > 0 else "<s>"
                f += ["pw=" + prev, "pw|dist=" + prev + "|" + dist]
                if prev in SITE_LOCATIVES:
                    f.append("locative|dist=" + dist)
            if c.sent == d.sent:
                side = "before" if c.start < d.trigger[0] else "after"
                f.append("side=" + side)
                between = doc.norm[min(c.start, d.trigger[1]):max(c.start, d.trigger[0])].lower().split()
                if side == "after" and any(w in ec.SPEECH_VERBS for w in between):
                    f.append("after_said")
                f.append("gap=" + count_bucket(len(between) // 4))
            if any(a <= c.start < b for a, b in spans):
                f.append("in_participant")
        out.append(f)
    return out


@dataclass
class PlaceModel(ThresholdModel):
    """The place scorer and the probability another candidate needs to replace the rules' pick."""

    NAME: ClassVar[str] = "places"

    def choose(self, doc: DocIndex, d: Draft) -> Location | None:
        cands = candidates(doc, d)
        if not cands:
            return d.loc
        prob = self.linear.predict(candidate_features(doc, d, cands))[:, 1]
        best = int(prob.argmax())
        rule = rule_index(cands, d)
        if rule >= 0 and not overrules(prob, best, rule, self.threshold):
            return d.loc
        return cands[best].loc


SLOT: ModelSlot[PlaceModel] = ModelSlot(MODEL_DIR, "places", PlaceModel.load)
use_place_model = SLOT.use
current_place_model = SLOT.current
