"""Learned dates: which of the dates an article writes is the day an act happened.

The rules (``arguments.act_date`` and the date passes of ``events.annotate``) take a date from the
act's sentence, a statement or incident sentence near it, or the act told just before, and fall
back to the publication day. Here every date the article writes is a candidate, with the
publication day and the rules' pick; a logistic regression (trained by ``tools/train_events.py``
on ``../shared/data/train``) scores each from how far its mention is from the act, the words
around it (``pada``, ``sejak``, ``lalu``), its precision, how long before publication it lies, how
often and how early the article writes it, and the rules' own choice. The best-scoring candidate
dates the act; the rules' pick stays when no other candidate reaches the threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from peristiwa.doc_index import DateKey, DateTable, DocIndex
from peristiwa.events.drafts import Draft
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel, overrules
from peristiwa.events.nearby import count_bucket, nearest, sentence_distance
from peristiwa.text.dates import reference_date
from peristiwa.types import TimeExpr

DATE_CLASSES = ("other", "when")


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A date the article writes (its mention nearest the act), the rules' pick, or the publication day."""

    time: TimeExpr | None  # None: the publication day
    start: int  # view offset of the mention; -1 when not written
    sent: int  # sentence index of the mention; -1 when not written
    count: int
    order: int


def publication_day(doc: DocIndex) -> dt.date | None:
    """The day the article's undated acts fall back to (its own, else the latest full date it writes)."""
    return doc.an.doc.published_date() or reference_date(doc.an.times)


def _key(t: TimeExpr | None) -> tuple[dt.date, dt.date] | None:
    return (t.start, t.end) if t is not None else None


def _mentions(doc: DocIndex) -> DateTable:
    """Every date written in a sentence outside page furniture, by interval, with its sentence, and
    the order of first mention (built once per document)."""
    if doc.date_table is None:
        mentions: dict[DateKey, list[tuple[int, int, TimeExpr]]] = {}
        order: dict[DateKey, int] = {}
        for ts, te, t in doc.times:
            si = doc.sentence_at(ts)
            if doc.in_noise(ts, te) or si < 0:
                continue
            k = (t.start, t.end)
            order.setdefault(k, len(order))
            mentions.setdefault(k, []).append((ts, si, t))
        doc.date_table = (mentions, order)
    return doc.date_table


def rule_index(cands: list[DateCandidate], d: Draft) -> int:
    """Which candidate is the rules' pick (the publication day when the rules gave no date)."""
    rule = _key(d.date)
    return next(k for k, c in enumerate(cands) if _key(c.time) == rule)


def candidates(doc: DocIndex, d: Draft) -> list[DateCandidate]:
    """Every date the article writes outside page furniture, at its mention nearest the act's sentence,
    the rules' pick when it is none of them, and the publication day."""
    mentions, order = _mentions(doc)
    out = []
    for k, ms in mentions.items():
        ts, si, t = nearest(ms, d.sent, sent=1, start=0)
        out.append(DateCandidate(t, ts, si, len(ms), order[k]))
    if d.date is not None and _key(d.date) not in mentions:
        out.append(DateCandidate(d.date, -1, -1, 0, len(order)))
    out.append(DateCandidate(None, -1, -1, 0, len(order)))
    return out


def _age(t: TimeExpr | None, published: dt.date | None) -> str:
    if t is None:
        return "pub"
    if published is None:
        return "unknown"
    days = (published - t.end).days
    if days < 0:
        return "future"
    return "0" if days == 0 else "1-3" if days <= 3 else "4-7" if days <= 7 else "8-31" if days <= 31 \
        else "32-365" if days <= 365 else "older"


def candidate_features(doc: DocIndex, d: Draft, cands: list[DateCandidate]) -> list[list[str]]:
    """Feature strings for each candidate date of one act."""
    rule = _key(d.date)
    published = publication_day(doc)
    out = []
    for c in cands:
        prec = c.time.precision if c.time is not None else "publication"
        dist, age = sentence_distance(c.sent, d.sent), _age(c.time, published)
        is_rule = _key(c.time) == rule
        f = ["bias", "prec=" + prec, "T|prec=" + d.type + "|" + prec, "dist=" + dist, "dist|prec=" + dist + "|" + prec,
             "age=" + age, "age|dist=" + age + "|" + dist, "n=" + count_bucket(c.count), "order=" + count_bucket(c.order),
             "rule=" + str(is_rule), "rule|prec=" + str(is_rule) + "|" + prec, "rule|dist=" + str(is_rule) + "|" + dist]
        if is_rule and d.date_inherited:
            f.append("rule_inherited")
        if c.time is not None and c.time.relative:
            f.append("relative")
        if c.start >= 0 and c.sent >= 0:
            sent = doc.sentences[c.sent]
            k = next((t.i for t in sent.toks if t.start >= c.start), None)
            if k is not None:
                prev = sent.toks[k - 1].low if k > 0 else "<s>"
                f += ["pw=" + prev, "pw|dist=" + prev + "|" + dist]
            if c.sent == d.sent:
                side = "before" if c.start < d.trigger[0] else "after"
                between = doc.norm[min(c.start, d.trigger[1]):max(c.start, d.trigger[0])].split()
                f += ["side=" + side, "gap=" + count_bucket(len(between) // 4), "side|prec=" + side + "|" + prec]
                if "yang" in (w.lower() for w in between):
                    f.append("yang_between")
        out.append(f)
    return out


@dataclass
class DateModel(ThresholdModel):
    """The date scorer and the probability another candidate needs to replace the rules' pick."""

    NAME: ClassVar[str] = "dates"

    def choose(self, doc: DocIndex, d: Draft) -> tuple[TimeExpr | None, bool]:
        """The act's date (None: the publication day) and whether it is the rules' own pick."""
        cands = candidates(doc, d)
        prob = self.linear.predict(candidate_features(doc, d, cands))[:, 1]
        best = int(prob.argmax())
        rule = rule_index(cands, d)
        if not overrules(prob, best, rule, self.threshold):
            return d.date, True
        return cands[best].time, False


SLOT: ModelSlot[DateModel] = ModelSlot(MODEL_DIR, "dates", DateModel.load)
use_date_model = SLOT.use
current_date_model = SLOT.current
