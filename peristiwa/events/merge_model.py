"""Learned merging: is an act told in a later sentence the same act as one told before?

A logistic regression (trained by ``tools/train_events.py`` on pairs of predicted mentions of
the training articles, labelled by whether they fall on one gold event) scores each earlier act
of the same type from soft evidence: how far apart, whether actors and targets agree, are
compatible or are missing, dates and places, the trigger words, a pointing-back word
(``serangan itu``), and the rules' own verdict (``rule_same``). Disagreement in one argument no
longer vetoes a merge on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from peristiwa.events.drafts import (
    ONE_DAY,
    Draft,
    SameScore,
    compatible,
    participant_keys,
    rule_same,
    same_place,
)
from peristiwa.events.features import lexicon_roots
from peristiwa.events.linear import MODEL_DIR, ModelSlot, ThresholdModel
from peristiwa.lang.id.morphology import rough_stem

MERGE_CLASSES = ("apart", "same")


def _bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "far"


def _agree(a: list, b: list) -> str:
    if not a and not b:
        return "none"
    if not a or not b:
        return "one"
    if participant_keys(a) & participant_keys(b):
        return "shared"
    return "compatible" if compatible(a, b) else "differ"


def _root(trigger: str) -> str:
    """The lexicon root of a trigger's last word ("ditangkap", "penangkapan" → "tangkap"), else its rough stem."""
    w = trigger.split()[-1] if trigger.split() else trigger
    return lexicon_roots().get(w) or rough_stem(w)


def pair_features(o: Draft, d: Draft, *, o_trigger: str, d_trigger: str) -> list[str]:
    """Feature strings for "``d`` tells ``o`` again"."""
    t = o.type
    dist = _bucket(d.sent - o.sent)
    acts, tgts = _agree(o.actors, d.actors), _agree(o.targets, d.targets)
    if o.date and d.date:
        apart = o.date.end + ONE_DAY < d.date.start or d.date.end + ONE_DAY < o.date.start
        date = "apart" if apart else "same"
    else:
        date = "missing"
    place = "none" if o.loc is None or d.loc is None else "same" if same_place(o.loc, d.loc) else "differ"
    rule = "1" if rule_same(o, d) else "0"
    f = ["bias", "T=" + t, "dist=" + dist, "act=" + acts, "tgt=" + tgts, "date=" + date, "place=" + place,
         "rule=" + rule, "T|rule=" + t + "|" + rule, "T|dist=" + t + "|" + dist, "act|tgt=" + acts + "|" + tgts,
         "T|act=" + t + "|" + acts, "T|tgt=" + t + "|" + tgts, "dist|rule=" + dist + "|" + rule,
         "voices=" + o.cue_voice + "|" + d.cue_voice]
    if d.anaphoric:
        f += ["anaph", "anaph|act=" + acts]
    if o_trigger == d_trigger:
        f.append("trig=same")
    elif _root(o_trigger) == _root(d_trigger):
        f.append("stem=same")
    if o.cumulative or d.cumulative:
        f.append("cumulative")
    if o.historical or d.historical:
        f.append("historical")
    if d.retaliation != o.retaliation:
        f.append("retaliation=differs")
    return f


@dataclass
class MergeModel(ThresholdModel):
    """The pair scorer and the probability a merge needs."""

    NAME: ClassVar[str] = "merge"

    def scorer(self, norm: str) -> SameScore:
        """A ``same(o, d)`` function for ``merge_across`` over a document's view text."""

        def same(o: Draft, d: Draft) -> float:
            f = pair_features(o, d, o_trigger=norm[o.trigger[0]:o.trigger[1]].lower(),
                              d_trigger=norm[d.trigger[0]:d.trigger[1]].lower())
            return float(self.linear.predict([f])[0, 1])

        return same


SLOT: ModelSlot[MergeModel] = ModelSlot(MODEL_DIR, "merge", MergeModel.load)  # none shipped: the rules merge
use_merge_model = SLOT.use
current_merge_model = SLOT.current
