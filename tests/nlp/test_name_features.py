"""The NER encoder's name-class feature: the shipped table, the extracted column, the architecture."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

from peristiwa.nlp import name_features as nf
from peristiwa.nlp.tokenizer import blank_nlp


def _cls(word: str) -> int:
    return nf.name_classes().get(hash_string(word.lower()), 0)


@pytest.mark.parametrize(
    ("n_seen", "n_capital", "bucket"),
    [(0, 0, 0), (100, 0, 1), (100, 4, 1), (100, 30, 2), (100, 80, 3), (100, 100, 4), (3, 3, 4)],
)
def test_case_bucket(n_seen: int, n_capital: int, bucket: int) -> None:
    assert nf.case_bucket(n_seen, n_capital) == bucket


def test_shipped_table_knows_common_words_and_names() -> None:
    assert len(nf.name_classes()) > 20_000
    # function words and common nouns are written in lower case inside sentences
    for word in ("yang", "menangkap", "dengan", "warga", "dari"):
        assert _cls(word) % 8 == 1, word
    # place names are capitalised and listed as places
    for word in ("jakarta", "surabaya", "papua"):
        assert _cls(word) % 8 == 4, word
        assert _cls(word) & nf.PLACE, word
    # given names are listed as the first word of person names
    for word in ("ahmad", "siti"):
        assert _cls(word) & nf.PER_FIRST, word


def test_extractor_adds_the_class_of_the_lower_cased_word() -> None:
    nlp = blank_nlp()
    doc = nlp.make_doc("Polisi Jakarta dan polisi jakarta menangkap Xqzwv")
    extractor = nf.NameFeatureExtractor([spacy.attrs.NORM])
    (arr,), _ = extractor([doc], is_train=False)
    cols = np.asarray(arr)
    assert cols.shape == (len(doc), 2)
    assert list(cols[:, 0]) == [t.norm for t in doc]
    classes = [int(c) for c in cols[:, 1]]
    assert classes[1] == classes[4] == _cls("jakarta") != 0  # capitals do not change the class
    assert classes[0] == classes[3] == _cls("polisi")
    assert classes[6] == 0  # a word no corpus or list has


def test_names_hash_embed_gives_one_row_per_token() -> None:
    nlp = blank_nlp()
    model = nf.NamesHashEmbed(
        width=16, attrs=["NORM", "SHAPE"], rows=[100, 50], include_static_vectors=False, name_rows=32
    )
    model.initialize()
    docs = [nlp.make_doc("Warga Ambon mengungsi."), nlp.make_doc("ok")]
    out = model.predict(docs)
    assert [o.shape for o in out] == [(4, 16), (1, 16)]
    with pytest.raises(ValueError, match="Mismatched"):
        nf.NamesHashEmbed(width=16, attrs=["NORM"], rows=[1, 2], include_static_vectors=False, name_rows=8)
