"""Linear models over feature strings: the file format and the prediction shared by the event models.

A model is a feature list (its vocabulary), a weight matrix (features × classes, float16 on
disk) and a bias; predicting is a gather-and-sum of weight rows and a softmax, in numpy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class LinearModel:
    """A multinomial logistic regression over sparse binary features."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    meta: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)  # anything else the model ships

    def predict(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list."""
        n = len(feats)
        if n == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        rows = [[self.vocab[f] for f in fs if f in self.vocab] for fs in feats]
        flat = np.fromiter((i for idx in rows for i in idx), dtype=np.int64)
        sizes = np.array([len(idx) for idx in rows])
        logits = np.tile(self.bias.astype(np.float32), (n, 1))
        has = sizes > 0
        if has.any():
            starts = np.concatenate(([0], np.cumsum(sizes[has])[:-1]))
            logits[has] += np.add.reduceat(self.weights[flat].astype(np.float32), starts, axis=0)
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
