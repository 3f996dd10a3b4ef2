"""Word classes from the NLP model's floret vectors: similar words share a class id.

The trigger model sees ``c1=17`` next to ``w=menggempur``, so a predicate never seen in training
("memveto") can still share weight with the words whose vectors lie near it. The centroids are
fitted by ``tools/train_events.py`` (k-means over the vectors of the training words) and ship
with the model; a word's class is its nearest centroid by cosine, remembered once computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

_CACHE_LIMIT = 200_000


class WordClasses:
    """Nearest-centroid classes of words at two granularities (coarse, fine)."""

    def __init__(self, coarse: np.ndarray, fine: np.ndarray,
                 vectors: Callable[[Sequence[str]], np.ndarray] | None) -> None:
        self.coarse = _unit(coarse.astype(np.float32))
        self.fine = _unit(fine.astype(np.float32))
        self.vectors = vectors
        self._seen: dict[str, tuple[int, int]] = {}

    def __getstate__(self) -> dict[str, np.ndarray]:
        """Pickled (a training run's fold models) without the vectors: they are the NLP model's, read again."""
        return {"coarse": self.coarse, "fine": self.fine}

    def __setstate__(self, state: dict[str, np.ndarray]) -> None:
        self.coarse, self.fine = state["coarse"], state["fine"]
        self.vectors = model_vectors()
        self._seen = {}

    def of(self, words: Sequence[str]) -> list[tuple[int, int] | None]:
        """The (coarse, fine) class of each word; None for all when no vectors are at hand."""
        if self.vectors is None:
            return [None] * len(words)
        new = sorted({w for w in words if w not in self._seen})
        if new:
            if len(self._seen) > _CACHE_LIMIT:
                self._seen.clear()
            vec = _unit(np.asarray(self.vectors(new), dtype=np.float32))
            small = (vec @ self.coarse.T).argmax(axis=1)
            large = (vec @ self.fine.T).argmax(axis=1)
            for w, a, b in zip(new, small, large, strict=True):
                self._seen[w] = (int(a), int(b))
        return [self._seen[w] for w in words]


def _unit(m: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norm == 0, 1.0, norm)


def model_vectors() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The shipped NLP model's floret vectors (every string has one), read alone: a run without the
    NLP model (``--no-nlp``) does not load the pipeline for them. None when the model is absent."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    from peristiwa.nlp import MODEL_DIR

    folder = MODEL_DIR / "vocab"
    if not (folder / "vectors.cfg").is_file():
        return None
    table = Vectors(strings=StringStore())
    table.from_disk(folder)
    if not table.shape[0]:
        return None
    return lambda words: np.asarray(table.get_batch(list(words)))
