"""Load the shipped Indonesian pipeline (``peristiwa/models/id_peristiwa``), offline, once.

The pipeline is trained by ``tools/train_nlp.py``: news tokenizer, tagger, morphologizer,
lemmatizer, parser, NER (PER ORG GPE LOC NORP FAC EVT) and, when it measured better, the
entity ruler.  Its ``meta.json`` names the datasets, their licences and the held-out scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Ops, use_ops

from peristiwa.nlp import name_features as _name_features  # noqa: F401  (registers the NER's embedding)
from peristiwa.nlp import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from peristiwa.nlp.ruler import add_kb_patterns
from peristiwa.nlp.vector_cache import use_cached_vectors

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "id_peristiwa"


class ModelNotFoundError(RuntimeError):
    """The shipped pipeline is missing from the installed package."""


def _load_fresh() -> Language:
    if not (MODEL_DIR / "config.cfg").exists():
        raise ModelNotFoundError(
            f"no pipeline at {MODEL_DIR}; build it with "
            "`python tools/train_nlp.py --out peristiwa/models/id_peristiwa`"
        )
    # the tokenizer is rebuilt from code (the registered factory), not from its ~1 MB of saved
    # rules: the same rules, since the training script saves the code-built tokenizer
    # floret vectors of words already seen are remembered (same numbers, less arithmetic)
    with fast_cpu_ops():
        return use_cached_vectors(spacy.load(MODEL_DIR, exclude=["tokenizer"]))


def fast_cpu_ops() -> AbstractContextManager[Ops]:
    """Return a context in which new models multiply matrices with numpy (OpenBLAS), not BLIS.

    thinc's CPU ops default to the BLIS kernels of the ``blis`` wheel; on the machines measured
    here numpy's OpenBLAS ran the pipeline's products three times as fast (the shipped pipeline
    went from 8,531 to 12,657 words/second on one core) with the same entities and the same
    tags, lemmas and dependencies on all 33,577 tokens of the speed texts.
    """
    return use_ops("numpy", use_blis=False)


@lru_cache(maxsize=1)
def _load_shared() -> Language:
    return _load_fresh()


def load_nlp(*, extra_patterns: Iterable[dict[str, Any]] = ()) -> Language:
    """Return the Indonesian pipeline; without ``extra_patterns`` one shared instance per process.

    ``extra_patterns`` are EntityRuler patterns (e.g. the actor knowledge base's aliases:
    ``{"label": "ORG", "pattern": "Densus 88", "id": "..."}``).  They go into a last ruler
    whose spans replace overlapping NER spans, in a pipeline loaded for this call only.
    Nothing is downloaded.
    """
    patterns = list(extra_patterns)
    if not patterns:
        return _load_shared()
    return add_kb_patterns(_load_fresh(), patterns)
