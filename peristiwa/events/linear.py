"""Linear models over feature strings: the file format and the prediction shared by the event models.

A model is a feature list (its vocabulary), a weight matrix (features × classes, float16 on
disk) and a bias; predicting is a gather-and-sum of weight rows and a softmax, in numpy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any, ClassVar, Generic, Self, TypeVar

import numpy as np

M = TypeVar("M")

# Where the trained event models ship.
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "events"


@dataclass
class LinearModel:
    """A multinomial logistic regression over sparse binary features."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    meta: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)  # anything else the model ships

    def __post_init__(self) -> None:
        # the weight rows (read here, once) and a row of zeros, which every feature outside the vocabulary gets
        self._rows = np.vstack([self.weights.astype(np.float32), np.zeros((1, len(self.classes)), np.float32)])
        self._bias = self.bias.astype(np.float32)

    def predict(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list."""
        n = len(feats)
        if n == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        sizes = np.fromiter(map(len, feats), dtype=np.intp, count=n)
        absent = len(self._rows) - 1
        ids = np.fromiter(map(self.vocab.get, chain.from_iterable(feats), repeat(absent)), dtype=np.intp,
                          count=int(sizes.sum()))
        if n == 1:
            logits = self._rows[ids].sum(axis=0, keepdims=True) + self._bias
        elif sizes.all():
            starts = np.zeros(n, dtype=np.intp)
            np.cumsum(sizes[:-1], out=starts[1:])
            logits = np.add.reduceat(self._rows[ids], starts, axis=0) + self._bias
        else:  # a list without features sums no row: only the bias
            logits = np.tile(self._bias, (n, 1))
            has = sizes > 0
            if has.any():
                starts = np.concatenate(([0], np.cumsum(sizes[has])[:-1]))
                logits[has] += np.add.reduceat(self._rows[ids], starts, axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        return prob

    def save(self, folder: Path, name: str) -> None:
        """Write ``name.npz`` (weights, bias, arrays) and ``name.json`` (classes, features, meta)."""
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        arrays: dict[str, Any] = {"weights": self.weights.astype(np.float16), "bias": self.bias, **self.arrays}
        np.savez_compressed(folder / f"{name}.npz", **arrays)
        meta = {"classes": list(self.classes), "features": names, **self.meta}
        (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, name: str) -> LinearModel:
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        with np.load(folder / f"{name}.npz") as npz:
            arrays = {k: npz[k] for k in npz.files}
        weights = arrays.pop("weights").astype(np.float32)
        bias = arrays.pop("bias").astype(np.float32)
        names = meta.pop("features")
        return cls(tuple(meta.pop("classes")), {f: i for i, f in enumerate(names)}, weights, bias, meta, arrays)


@dataclass
class ThresholdModel:
    """A linear model and the probability its positive decision needs, saved as ``NAME.npz``/``NAME.json``."""

    NAME: ClassVar[str] = "model"
    linear: LinearModel
    threshold: float = 0.5

    def save(self, folder: Path) -> None:
        self.linear.meta.update(threshold=self.threshold)
        self.linear.save(folder, self.NAME)

    @classmethod
    def load(cls, folder: Path) -> Self:
        lin = LinearModel.load(folder, cls.NAME)
        return cls(lin, float(lin.meta.get("threshold", 0.5)))


# Candidates (places, dates) are scored one by one, so near ties say little: another candidate
# replaces the rules' pick only when it scores this much higher.
RULE_MARGIN = 0.1


def overrules(prob: np.ndarray, best: int, rule: int, threshold: float) -> bool:
    """Whether candidate ``best`` replaces the rules' pick ``rule``: it reaches ``threshold`` and beats
    the pick by ``RULE_MARGIN``."""
    return best != rule and prob[best] >= threshold and prob[best] - prob[rule] >= RULE_MARGIN


class ModelSlot(Generic[M]):
    """Where a stage finds its model: the one shipped in the package (loaded once, None when absent),
    unless a caller puts another in its place for a while (``use``), e.g. a fold's model in cross-validation."""

    def __init__(self, folder: Path, name: str, load: Callable[[Path], M]) -> None:
        self.folder, self.name, self._load = folder, name, load
        self._shipped: list[M | None] = []
        self._override: list[M | None] = []

    def shipped(self) -> M | None:
        if not self._shipped:
            present = (self.folder / f"{self.name}.json").is_file()
            self._shipped.append(self._load(self.folder) if present else None)
        return self._shipped[0]

    def reload(self) -> M | None:
        """Forget the loaded model and load it again."""
        self._shipped.clear()
        return self.shipped()

    @contextmanager
    def use(self, model: M | None) -> Iterator[None]:
        """Run with ``model`` in the slot (None: no model, the rules)."""
        self._override.append(model)
        try:
            yield
        finally:
            self._override.pop()

    def current(self) -> M | None:
        return self._override[-1] if self._override else self.shipped()
