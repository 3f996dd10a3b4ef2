"""Cross-validation folds by article, and two cross-validated runs compared fold by fold.

``tools/train_events.py`` splits the training articles into folds with a seeded shuffle
(``folds_by_article``) and writes each article's held-out result (``--cv-preds``). Pooled figures
can hide a change that helps some articles a lot and costs the others a little: ``compare`` scores
two such runs fold by fold, so a gain can be seen to hold in most folds or in few
(``tools/compare_cv.py``). ``FoldModels`` keeps each fold's chosen models (``--save-folds``), so that a
change to the code that retrains nothing can be scored on the held-out articles without a full run
(``tools/replay_cv.py``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peristiwa.eval.scoring import score

FOLDS = 5  # tools/train_events.py's folds
SPLIT_SEED = 13  # and the seed of its split


def folds_by_article(ids: Sequence[str], folds: int, seed: int) -> dict[str, int]:
    """Each article's fold: the ids shuffled with ``seed``, then dealt out in turn."""
    order = list(ids)
    random.Random(seed).shuffle(order)
    return {d: k % folds for k, d in enumerate(order)}


def read_results(path: Path) -> dict[str, dict[str, Any]]:
    """A ``--cv-preds`` file (one result per line) by document id."""
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {str(r.get("doc_id") or r.get("id")): r for r in rows}


@dataclass(frozen=True, slots=True)
class FoldModels:
    """Each fold's trigger model, its thresholds, and its chosen later stages (by the slot names of the
    training script's ``stages_in_place``), with the split that held each article out."""

    triggers: list[Any]
    thresholds: tuple[float, float]
    stages: list[dict[str, Any]]
    fold_of: dict[str, int]


@dataclass(frozen=True, slots=True)
class FoldFigures:
    """One fold's event F1 and strict F1."""

    f1: float
    strict_f1: float

    @property
    def gain(self) -> float:
        """What the training script judges every choice by: event F1 + strict F1."""
        return self.f1 + self.strict_f1


def fold_figures(texts: dict[str, str], gold: list[dict[str, Any]], preds: dict[str, dict[str, Any]],
                 fold_of: dict[str, int], folds: int) -> list[FoldFigures]:
    """Event F1 and strict F1 of ``preds`` (doc id → result) on each fold's articles of ``texts``."""
    out = []
    for k in range(folds):
        part = {d: t for d, t in texts.items() if fold_of.get(d) == k}
        if not part:
            raise ValueError(f"fold {k} holds no article")
        summary = score(part, gold, preds).summary()  # gold of other articles is not read
        out.append(FoldFigures(summary["events"]["f1"], summary["events_strict"]["f1"]))
    return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two runs fold by fold: the differences in F1 + strict F1 (new − base)."""

    base: list[FoldFigures]
    new: list[FoldFigures]

    @property
    def differences(self) -> list[float]:
        return [n.gain - b.gain for b, n in zip(self.base, self.new, strict=True)]

    @property
    def folds_up(self) -> int:
        """In how many folds the new run scores higher."""
        return sum(d > 0 for d in self.differences)

    @property
    def mean_difference(self) -> float:
        return sum(self.differences) / len(self.differences)


def compare(texts: dict[str, str], gold: list[dict[str, Any]], base: dict[str, dict[str, Any]],
            new: dict[str, dict[str, Any]], fold_of: dict[str, int], folds: int) -> Comparison:
    """Score two cross-validated runs on the same folds."""
    return Comparison(fold_figures(texts, gold, base, fold_of, folds), fold_figures(texts, gold, new, fold_of, folds))
