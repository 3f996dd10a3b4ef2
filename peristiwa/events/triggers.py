"""The learned trigger model: which tokens state an act, and of which PLOVER type.

A multinomial logistic regression over the token features of ``features`` (trained by
``tools/train_events.py`` on ``../shared/data/train`` only), stored as a weight matrix and a
feature list in ``peristiwa/data/events/``; prediction is a numpy gather and sum, with no
training library at run time. ``predicates`` turns the token scores and the rule hits into the
predicates of a sentence: a token is a predicate when the model gives it an event probability
at or above a threshold chosen by cross-validation on the training articles: a lower one for a
cue hit the act filters keep, a higher one for every other token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from peristiwa.doc_index import SentenceInfo
from peristiwa.events.candidates import RuleHit
from peristiwa.events.cues import Cue, CueHit
from peristiwa.events.features import sentence_features
from peristiwa.events.linear import MODEL_DIR, LinearModel, ModelSlot
from peristiwa.events.word_classes import WordClasses, model_vectors
from peristiwa.lang.id.event_cues import TOLL_VERBS
from peristiwa.lang.id.morphology import PE_PREFIXES
from peristiwa.text.tokens import Tok
from peristiwa.types import Voice, event_type

NONE = "O"


@dataclass
class TriggerModel:
    """Token classifier (``classes[0]`` is "no act"; the rest are PLOVER types) and its thresholds."""

    linear: LinearModel
    threshold: float  # for a token no rule vouches for
    rule_threshold: float | None = None  # for a cue hit the act filters keep (None: ``threshold``)
    word_classes: WordClasses | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        return self.linear.classes

    @property
    def meta(self) -> dict[str, Any]:
        return self.linear.meta

    def features(self, sent: SentenceInfo, rules: Sequence[RuleHit]) -> list[list[str]]:
        """The features this model reads for each token of ``sent``."""
        return sentence_features(sent, rules, self.word_classes)

    def threshold_for(self, rule: RuleHit | None) -> float:
        """The event probability a unit needs: lower where the cue lexicon and the filters already see an act."""
        if rule is not None and rule.real and self.rule_threshold is not None:
            return self.rule_threshold
        return self.threshold

    def predict(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per token (a token without features, punctuation, is "no act")."""
        prob = self.linear.predict(feats)
        empty = [k for k, fs in enumerate(feats) if not fs]
        prob[empty] = 0.0
        prob[empty, 0] = 1.0
        return prob

    def save(self, folder: Path) -> None:
        lin = self.linear
        if self.word_classes is not None:
            lin.arrays.update(coarse=self.word_classes.coarse.astype(np.float16),
                              fine=self.word_classes.fine.astype(np.float16))
        lin.meta.update(threshold=self.threshold, rule_threshold=self.rule_threshold)
        lin.save(folder, "triggers")

    @classmethod
    def load(cls, folder: Path) -> TriggerModel:
        lin = LinearModel.load(folder, "triggers")
        word_classes = WordClasses(lin.arrays["coarse"], lin.arrays["fine"], model_vectors()) \
            if "coarse" in lin.arrays else None
        return cls(lin, float(lin.meta["threshold"]), lin.meta.get("rule_threshold"), word_classes)


SLOT: ModelSlot[TriggerModel] = ModelSlot(MODEL_DIR, "triggers", TriggerModel.load)
shipped_model = SLOT.shipped  # None when no model ships: extraction then runs on the rules alone
use_model = SLOT.use
current_model = SLOT.current


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate the model kept: the hit read by the role stages, its probability and the rule behind it."""

    hit: CueHit
    type: str
    prob: float
    rule: RuleHit | None


def guess_voice(first: str) -> Voice:
    """The voice of a predicate the lexicon does not know, from the affixes of its first word."""
    if first.startswith("di") and len(first) > 5:
        return "passive"
    if first.startswith("ter") and len(first) > 6:
        return "passive"
    if first.startswith(PE_PREFIXES) and first.endswith("an"):
        return "patient_noun"
    if first.startswith("me") and len(first) > 5:
        return "active"
    if first.endswith("an") and len(first) > 5:
        return "noun"
    return "bare"


def rule_predicates(rules: Sequence[RuleHit]) -> list[Predicate]:
    """The rules alone: every cue hit the act filters keep, retyped as they say."""
    return [Predicate(r.hit, r.type, 1.0, r) for r in rules if r.real]


def predicates(sent: SentenceInfo, rules: Sequence[RuleHit], probs: np.ndarray,
               model: TriggerModel) -> list[Predicate]:
    """The predicates of ``sent``: runs of tokens the model scores as one act of one type.

    A rule hit's tokens count as one unit; adjacent units of one type are one predicate ("aksi"
    and "unjuk rasa"), read by the role stages through its most probable rule hit, if any.
    """
    toks = sent.toks
    n = len(toks)
    # units: a rule hit's tokens stay together; every other word is a unit of its own
    unit_of: list[RuleHit | None] = [None] * n
    for rule in rules:
        for k in range(rule.hit.first, min(rule.hit.last + 1, n)):
            unit_of[k] = unit_of[k] or rule
    units: list[tuple[int, int, RuleHit | None]] = []
    k = 0
    while k < n:
        owner = unit_of[k]
        last = min(owner.hit.last, n - 1) if owner is not None else k
        units.append((k, last, owner))
        k = last + 1
    scored: list[tuple[int, int, RuleHit | None, str, float]] = []
    p_token = (1.0 - probs[:, 0]).tolist() if n else []  # each token's probability of an act
    for first, last, r in units:
        p_event = p_token[first] if first == last else max(p_token[first:last + 1])
        if p_event < model.threshold_for(r):
            continue
        block = probs[first:last + 1]
        etype = model.classes[1 + int(block[:, 1:].sum(axis=0).argmax())]
        scored.append((first, last, r, etype, p_event))
    groups: list[list[tuple[int, int, RuleHit | None, str, float]]] = []
    for u in scored:
        g = groups[-1] if groups else None
        if g is not None and g[-1][1] + 1 == u[0] and g[-1][3] == u[3]:
            g.append(u)
        else:
            groups.append([u])
    out = []
    for g in groups:
        etype = g[0][3]
        prob = max(u[4] for u in g)
        ruled = [u for u in g if u[2] is not None]
        best = max(ruled, key=lambda u: u[4])[2] if ruled else None
        if best is not None:
            h = best.hit
            if etype not in (best.type, h.cue.type):
                h = CueHit(h.first, h.last, Cue(event_type(etype), None, h.cue.voice), h.light)
            out.append(Predicate(h, etype, prob, best))
        else:
            first, last = g[0][0], g[-1][1]
            cue = Cue(event_type(etype), None, guess_voice(toks[first].low))
            out.append(Predicate(CueHit(first, last, cue, None), etype, prob, None))
    return with_victims(out, rules, toks)


def with_victims(preds: list[Predicate], rules: Sequence[RuleHit], toks: Sequence[Tok]) -> list[Predicate]:
    """Keep the words of death and harm told with a kept attack ("tewas", "yang menewaskan 25 orang"):
    they name its victims.

    The model rarely takes them as predicates of their own (the attack is the act); the role stage
    reads the victims from them, and merging folds them into the attack.
    """
    if not any(p.type == "ASSAULT" for p in preds):
        return preds
    taken = {k for p in preds for k in range(p.hit.first, p.hit.last + 1)}
    extra = [Predicate(r.hit, "ASSAULT", 0.0, r) for r in rules
             if r.real and r.hit.cue.type == "ASSAULT" and r.hit.first not in taken
             and (r.hit.cue.voice == "victim" or toks[r.hit.first].low in TOLL_VERBS)]
    return sorted(preds + extra, key=lambda p: p.hit.first) if extra else preds
