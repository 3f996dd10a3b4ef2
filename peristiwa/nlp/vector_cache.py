"""Remember the floret vectors of words already seen, so that each is computed once.

A floret table gives every word a vector by hashing its character n-grams and summing their
rows.  spaCy recomputes that for every token at every call, and the shipped pipeline asks twice
per token (the UD encoder and the entity recognizer's own encoder), which took about a sixth of
the pipeline's time.  News repeats its words, so :class:`CachedFloretVectors` keeps the vectors
of recent words and computes only the new ones.  The vectors are the very same numbers
(``tests/test_nlp_model.py`` checks it); the cache only saves the arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.language import Language
from spacy.vectors import Mode, Vectors

MAX_CACHED_WORDS = 100_000  # ~38 MB of float32 rows at width 96; cleared when full


class CachedFloretVectors(Vectors):
    """A floret ``Vectors`` table whose ``get_batch`` remembers the rows of recent keys."""

    _cache: dict[int, np.ndarray]

    def get_batch(self, keys: Any) -> Any:
        if self.mode != Mode.floret or not isinstance(keys, np.ndarray) or keys.size == 0:
            return super().get_batch(keys)
        cache = getattr(self, "_cache", None)
        if cache is None:
            cache = self._cache = {}
        uniq, inverse = np.unique(keys, return_inverse=True)
        missing = [int(k) for k in uniq.tolist() if int(k) not in cache]
        if missing:
            if len(cache) + len(missing) > MAX_CACHED_WORDS:
                cache.clear()
            rows = np.asarray(super().get_batch(np.asarray(missing, dtype="uint64")))
            for key, row in zip(missing, rows, strict=True):
                cache[key] = row
        table = np.stack([cache[k] for k in uniq.tolist()])
        return table[inverse.reshape(-1)]


def use_cached_vectors(nlp: Language) -> Language:
    """Swap ``nlp``'s floret table for a :class:`CachedFloretVectors` with the same rows."""
    vectors = nlp.vocab.vectors
    if not isinstance(vectors, Vectors) or vectors.mode != Mode.floret or isinstance(vectors, CachedFloretVectors):
        return nlp
    cached = CachedFloretVectors(strings=nlp.vocab.strings)
    cached.from_bytes(vectors.to_bytes())
    nlp.vocab.vectors = cached
    return nlp
