"""Learned implied tolls: an attack that states no number may still say its victims died or were hurt.

"Korban dibunuh oleh suaminya", "dua tukang ojek yang ditembak mati", "Uribe ditembak saat
kampanye": the annotators count the victims named as the act's toll (``fatalities`` 1, 2;
``injuries`` 1) though no number stands beside a death or injury word. The rules read tolls
only from counts (``arguments.casualties``) and named people reported dead (``named_dead``).

A logistic regression (trained by ``tools/train_events.py`` on the gold attacks of
``../shared/data/train`` whose sentence states no toll) reads the predicate's words and stems,
the words of its clause, the death and injury words of the sentence and of the article's other
sentences (a victim's death is often told after the attack), whether the predicate itself says
its victims died (``dibunuh``, ``menembak mati``: ``lang/id/event_cues``), and says: the victims
were killed, hurt, or neither is said. The toll is then the number of victims: the count a target
starts with ("dua tukang ojek"), else one per person targeted; places and states count nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel
from peristiwa.lang.id import event_cues as ec
from peristiwa.lang.id import participants as lx
from peristiwa.lang.id.morphology import rough_stem
from peristiwa.text.chunks import Part
from peristiwa.text.clauses import clause_bounds
from peristiwa.types import Toll

OUTCOMES = ("none", "killed", "hurt")
WINDOW = 6


def _spaced(sent: SentenceInfo) -> str:
    return " " + " ".join(t.low for t in sent.toks) + " "


def told_elsewhere(doc: DocIndex, sent: SentenceInfo) -> list[str]:
    """Whether the article's other sentences (outside page furniture) speak of deaths or injuries, and whether
    those within two sentences of ``sent`` do: a victim's death is often told after the attack."""
    out: set[str] = set()
    for other in doc.sentences:
        if other.index == sent.index or doc.in_noise(other.start, other.end):
            continue
        text = _spaced(other)
        for kind, words in (("death", ec.DEATH_WORDS), ("hurt", ec.INJURY_WORDS)):
            if any(" " + w + " " in text for w in words):
                out.add("doc_" + kind)
                if abs(other.index - sent.index) <= 2:
                    out.add("near_" + kind)
    return sorted(out)


def outcome_features(doc: DocIndex, sent: SentenceInfo, first: int, last: int) -> list[str]:
    """Feature strings of an attack's predicate (tokens ``first``..``last`` of ``sent``) for what befell its victims."""
    toks = sent.toks
    lo, hi = clause_bounds(toks, first)
    f = ["bias"]
    for t in toks[first:last + 1]:
        f += ["w=" + t.low, "s=" + rough_stem(t.low)]
    for j in range(max(lo, first - WINDOW), min(hi, last + WINDOW) + 1):
        if first <= j <= last or not toks[j].is_word:
            continue
        side = "L" if j < first else "R"
        f += ["c" + side + "=" + toks[j].low, "cs" + side + "=" + rough_stem(toks[j].low)]
    after = toks[last + 1].low if last + 1 < len(toks) else "</s>"
    f.append("n1=" + after)
    if after in ec.DEATH_AFTER_PREDICATE or any(rough_stem(t.low) in ec.DEATH_PREDICATE_STEMS
                                                for t in toks[first:last + 1]):
        f.append("pred_death")
    text = _spaced(sent)
    clause = " " + " ".join(t.low for t in toks[lo:hi + 1]) + " "
    for kind, words in (("death", ec.DEATH_WORDS), ("hurt", ec.INJURY_WORDS)):
        for w in words:
            if " " + w + " " in clause:
                f += ["clause_" + kind, "clause=" + w]
            elif " " + w + " " in text:
                f += ["sent_" + kind, "sent=" + w]
    return f + told_elsewhere(doc, sent)


def victims(doc: DocIndex, targets: Sequence[Part]) -> int:
    """How many victims ``targets`` name: the exact count a target starts with ("dua tukang ojek"), else one
    per person (a place, a state or a thing, "dua rumah", counts nobody)."""
    n = 0
    for p in targets:
        if p.is_place or p.country or p.first < 0 or any(w in lx.THING_HEADS for w in p.text.lower().split()):
            continue
        count = next((q for qs, _qe, q in doc.quantities if p.start <= qs < p.end and qs - p.start <= 1), None)
        if count is not None and count.min != count.max:
            return 0  # "puluhan warga": no exact toll
        n += count.min if count is not None else 1
    return n


@dataclass
class TollModel(ThresholdModel):
    """The outcome classifier and the probability "killed" or "hurt" needs."""

    NAME: ClassVar[str] = "tolls"

    def implied(self, doc: DocIndex, sent: SentenceInfo, first: int, last: int,
                targets: Sequence[Part]) -> tuple[Toll | None, Toll | None]:
        """The fatalities and injuries an attack with no stated toll implies (None, None when it says neither)."""
        n = victims(doc, targets)
        if n == 0:
            return None, None
        prob = self.linear.predict([outcome_features(doc, sent, first, last)])[0]
        best = int(prob.argmax())
        if best == 0 or prob[best] < self.threshold:
            return None, None
        toll = Toll(n, n)  # the victims named: no number in the text
        return (toll, None) if OUTCOMES[best] == "killed" else (None, toll)


SLOT: ModelSlot[TollModel] = ModelSlot(MODEL_DIR, "tolls", TollModel.load)  # none shipped: the rules' tolls
use_toll_model = SLOT.use
current_toll_model = SLOT.current
