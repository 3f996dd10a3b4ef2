"""A lexical "name class" feature for the entity recognizer's encoder.

Lower-case text (NERP, scraped pages, social media) gives the recognizer no capital letters to
go on, and most names in news are words the NER sets never showed it.  The name class of a word
is what the project's training text and name lists know of it, read from its lower-cased form:

* how often the word is written with a capital inside a sentence in the cased training text
  (the nlp-id news corpus, the UD treebanks, idner, NERGrit, luthfi): never seen, rarely,
  sometimes, mostly, always — a truecasing prior;
* whether it is a word of a person, place or organisation name in the filtered DBpedia lists
  (``peristiwa/data/ner_gazetteer.tsv``).

``tools/train_nlp.py`` writes the table (``peristiwa/data/name_classes.tsv``: word TAB class)
and the NER's tok2vec embeds the class next to NORM, PREFIX, SUFFIX and SHAPE through the
``peristiwa.NamesHashEmbed.v1`` architecture registered here (spaCy's ``MultiHashEmbed`` with
one more hashed column).  The table ships in the package, so nothing is fetched at load time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np
import spacy
from spacy.attrs import LOWER, intify_attr
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d, Ragged

NAME_CLASS_FILE = Path(__file__).resolve().parents[1] / "data" / "name_classes.tsv"

# capitalisation buckets (share of in-sentence occurrences written with a capital)
CASE_BUCKETS: tuple[float, ...] = (0.05, 0.5, 0.95)
# name-list bits, above the case bucket (0 = unseen, 1..4 = the buckets)
PER_FIRST, PER_REST, PLACE, ORG = 8, 16, 32, 64


def case_bucket(n_seen: int, n_capital: int) -> int:
    """Return 0 for an unseen word, else 1..4 by the share of capitalised uses."""
    if n_seen == 0:
        return 0
    share = n_capital / n_seen
    return 1 + sum(share > cut for cut in CASE_BUCKETS)


@lru_cache(maxsize=1)
def name_classes() -> dict[int, int]:
    """Return {hash of the lower-cased word: class}; empty when the table is not built."""
    if not NAME_CLASS_FILE.exists():
        return {}
    table: dict[int, int] = {}
    with NAME_CLASS_FILE.open(encoding="utf-8") as f:
        for line in f:
            word, _, cls = line.rstrip("\n").partition("\t")
            if word and cls:
                table[hash_string(word)] = int(cls)
    return table


def class_column(lowers: np.ndarray) -> np.ndarray:
    """Return the name class of each lower-cased word hash."""
    table = name_classes()
    return np.fromiter((table.get(int(k), 0) for k in lowers), dtype="uint64", count=len(lowers))


def NameFeatureExtractor(columns: list[int]) -> Model[list[Doc], list[Ints2d]]:
    """Like spaCy's FeatureExtractor, with the name class as one more, last, column."""
    return Model("extract_name_features", _extract_forward, attrs={"columns": [*columns, LOWER]})


def _extract_forward(model: Model[list[Doc], list[Ints2d]], docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable[..., Any]]:
    columns = model.attrs["columns"]
    out: list[Ints2d] = []
    for doc in docs:
        arr = np.asarray(doc.to_array(columns), dtype="uint64").reshape((len(doc), len(columns)))
        arr[:, -1] = class_column(arr[:, -1])
        out.append(model.ops.asarray2i(cast(Ints2d, arr), dtype="uint64"))
    return out, lambda d_features: []


@spacy.registry.architectures("peristiwa.NamesHashEmbed.v1")
def NamesHashEmbed(
    width: int, attrs: list[str], rows: list[int], include_static_vectors: bool, name_rows: int
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed.v2 with the name class embedded as one more hashed attribute."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    all_rows = [*rows, name_rows]
    embeddings: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(all_rows)
    ]
    concat_size = width * (len(embeddings) + include_static_vectors)
    max_out: Model[Ragged, Ragged] = with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True))
    features: Model[list[Doc], Ragged] = chain(
        NameFeatureExtractor([intify_attr(a) for a in attrs]),
        cast(Model[list[Ints2d], Ragged], list2ragged()),
        with_array(concatenate(*embeddings)),
    )
    if include_static_vectors:
        features = concatenate(features, StaticVectors(width, dropout=0.0))
    return cast(Model[list[Doc], list[Floats2d]], chain(features, max_out, ragged2list()))
