"""The learned trigger model: which tokens state an act, and of which PLOVER type.

A multinomial logistic regression over the token features of ``features`` (trained by
``tools/train_events.py`` on ``../shared/data/train`` only), stored as a weight matrix and a
feature list in ``peristiwa/data/events/``; prediction is a numpy gather and sum, with no
training library at run time. ``predicates`` turns the token scores and the rule hits into the
predicates of a sentence: a token is a predicate when the model gives it an event probability
at or above the threshold chosen by cross-validation on the training articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from peristiwa.cues import Cue, CueHit
from peristiwa.doc_index import SentenceInfo
from peristiwa.events.candidates import RuleHit

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
NONE = "O"


@dataclass
class TriggerModel:
    """Token classifier: ``classes[0]`` is "no act"; the rest are PLOVER types."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def predict(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per token (rows of tokens without features are "no act")."""
        n = len(feats)
        out = np.zeros((n, len(self.classes)), dtype=np.float32)
        out[:, 0] = 1.0
        rows = [(k, [self.vocab[f] for f in fs if f in self.vocab]) for k, fs in enumerate(feats) if fs]
        rows = [(k, idx) for k, idx in rows if idx]
        if not rows:
            return out
        flat = np.fromiter((i for _, idx in rows for i in idx), dtype=np.int64)
        starts = np.cumsum([0] + [len(idx) for _, idx in rows[:-1]])
        logits = np.add.reduceat(self.weights[flat].astype(np.float32), starts, axis=0) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        out[[k for k, _ in rows]] = prob
        return out

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(folder / "triggers.npz", weights=self.weights.astype(np.float16), bias=self.bias)
        meta = {"classes": list(self.classes), "threshold": self.threshold, "features": names, **self.meta}
        (folder / "triggers.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n",
                                              encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TriggerModel:
        meta = json.loads((folder / "triggers.json").read_text(encoding="utf-8"))
        with np.load(folder / "triggers.npz") as arrays:
            weights = arrays["weights"].astype(np.float32)
            bias = arrays["bias"].astype(np.float32)
        names = meta.pop("features")
        return cls(classes=tuple(meta.pop("classes")), vocab={f: i for i, f in enumerate(names)}, weights=weights,
                   bias=bias, threshold=float(meta.pop("threshold")), meta=meta)


@lru_cache(maxsize=1)
def shipped_model() -> TriggerModel | None:
    """The model in the package, or None when none ships (extraction then runs on the rules alone)."""
    if not (MODEL_DIR / "triggers.json").is_file():
        return None
    return TriggerModel.load(MODEL_DIR)


_override: list[TriggerModel | None] = []


@contextmanager
def use_model(model: TriggerModel | None) -> Iterator[None]:
    """Extract with ``model`` instead of the shipped one (None: the rules alone), e.g. for cross-validation."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def current_model() -> TriggerModel | None:
    return _override[-1] if _override else shipped_model()


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate the model kept: the hit read by the role stages, its probability and the rule behind it."""

    hit: CueHit
    type: str
    prob: float
    rule: RuleHit | None


def guess_voice(first: str) -> str:
    """The voice of a predicate the lexicon does not know, from the affixes of its first word."""
    if first.startswith("di") and len(first) > 5:
        return "passive"
    if first.startswith("ter") and len(first) > 6:
        return "passive"
    if first.startswith(("pe", "per")) and first.endswith("an"):
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
    """The predicates of ``sent``: runs of tokens the model scores as one act of one type."""
    toks = sent.toks
    n = len(toks)
    # units: a rule hit's tokens stay together; every other word is a unit of its own
    unit_of: list[RuleHit | None] = [None] * n
    for r in rules:
        for k in range(r.hit.first, min(r.hit.last + 1, n)):
            unit_of[k] = unit_of[k] or r
    units: list[tuple[int, int, RuleHit | None]] = []
    k = 0
    while k < n:
        r = unit_of[k]
        last = min(r.hit.last, n - 1) if r is not None else k
        units.append((k, last, r))
        k = last + 1
    scored: list[tuple[int, int, RuleHit | None, str, float]] = []
    for first, last, r in units:
        block = probs[first:last + 1]
        p_event = float(1.0 - block[:, 0].min())
        if p_event < model.threshold:
            continue
        etype = model.classes[1 + int(block[:, 1:].sum(axis=0).argmax())]
        scored.append((first, last, r, etype, p_event))
    groups: list[list[tuple[int, int, RuleHit | None, str, float]]] = []
    for u in scored:
        g = groups[-1] if groups else None
        if g is not None and g[-1][1] + 1 == u[0] and g[-1][3] == u[3] \
                and not (u[2] is not None and any(x[2] is not None for x in g)):
            g.append(u)
        else:
            groups.append([u])
    out = []
    for g in groups:
        etype = g[0][3]
        prob = max(u[4] for u in g)
        rule = next((u[2] for u in g if u[2] is not None), None)
        if rule is not None:
            h = rule.hit
            if etype not in (rule.type, h.cue.type):
                h = CueHit(h.first, h.last, Cue(etype, None, h.cue.voice), h.light)
            out.append(Predicate(h, etype, prob, rule))
        else:
            first, last = g[0][0], g[-1][1]
            cue = Cue(etype, None, guess_voice(toks[first].low))
            out.append(Predicate(CueHit(first, last, cue, None), etype, prob, None))
    return out
