"""Tests for peristiwa.nlp: the shipped pipeline loads offline, tokenizes news, finds entities.

Every sentence here is written for these tests (fictional events), not taken from a dataset.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from peristiwa.nlp import MODEL_DIR, load_nlp
from peristiwa.nlp import model as nlp_model
from peristiwa.nlp import ruler as nlp_ruler


class _NetworkBlocked(OSError):
    pass


def _no_network(*_args: Any, **_kwargs: Any) -> None:
    raise _NetworkBlocked("network access attempted")


@pytest.fixture(scope="module")
def nlp() -> Language:
    """Load the shipped pipeline (uncached) and parse once while every socket call fails."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket.socket, "connect_ex", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        mp.setattr(socket, "getaddrinfo", _no_network)
        nlp_model._load_shared.cache_clear()
        loaded = load_nlp()
        doc = loaded("Polisi menangkap dua tersangka di Bandung pada Selasa malam.")
        assert len(doc) == 10
        assert any(t.dep_ == "ROOT" for t in doc)
    return loaded


def test_network_block_is_effective() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        with pytest.raises(_NetworkBlocked), socket.socket() as s:
            s.connect(("127.0.0.1", 9))


def test_pipeline_components_and_meta(nlp: Language) -> None:
    for name in ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert name in nlp.pipe_names
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    names = " ".join(s["name"] for s in meta["sources"])
    for dataset in ("CSUI", "GSD", "PUD", "idner", "NERP", "NERGrit"):
        assert dataset in names
    assert all(s["license"] for s in meta["sources"])
    scores = meta["peristiwa"]["held_out_scores"]
    assert set(scores["ner"]) == {"idner", "nerp", "nergrit"}
    assert set(scores["ud"]) == {"gsd", "csui"}
    assert scores["words_per_second_1_thread"] > 0
    # the NER's encoder embeds the name class, whose table ships in the package
    ner: Any = nlp.get_pipe("ner")  # spaCy types a pipe as a callable
    ner_embed = ner.model.get_ref("tok2vec")
    assert any(layer.name == "extract_name_features" for layer in ner_embed.walk())
    assert "name_classes" in meta["peristiwa"]


def test_parse_has_pos_lemma_deps_and_sentences(nlp: Language) -> None:
    doc = nlp("Warga mengungsi ke gedung sekolah. Banjir merendam tiga desa di Kabupaten Bekasi.")
    assert len(list(doc.sents)) == 2
    assert [t.pos_ for t in doc][:2] == ["NOUN", "VERB"]
    assert doc[7].lemma_ == "rendam"  # meN- stripped ("mengungsi" comes out as "kungsi" since 2026-12)
    heads_ok = all(t.head.i >= 0 for t in doc)
    assert heads_ok
    assert doc[1].dep_ == "ROOT"


TOKENIZATION_CASES = [
    ("Komandan al-Muhandis tewas.", ["Komandan", "al-Muhandis", "tewas", "."]),
    ("Warga Al-Quds berkumpul.", ["Warga", "Al-Quds", "berkumpul", "."]),
    ("Jenazah AlMuhandis dimakamkan.", ["Jenazah", "AlMuhandis", "dimakamkan", "."]),
    ("Rabu (18/6/2025) pagi.", ["Rabu", "(", "18/6/2025", ")", "pagi", "."]),
    ("Kerugian Rp1,2 triliun.", ["Kerugian", "Rp", "1,2", "triliun", "."]),
    ("Kapolda memanggil WNI itu.", ["Kapolda", "memanggil", "WNI", "itu", "."]),
    ("Polisi menyita senjatanya.", ["Polisi", "menyita", "senjata", "nya", "."]),
    ("Menurutnya, hanya Kenya yang punya.", ["Menurut", "nya", ",", "hanya", "Kenya", "yang", "punya", "."]),
    ("Sebelumnya dia bertanya.", ["Sebelumnya", "dia", "bertanya", "."]),
    ("Apakah itu benar?", ["Apa", "kah", "itu", "benar", "?"]),
    ("Tim tiba di Jakarta ke-3 kalinya.", ["Tim", "tiba", "di", "Jakarta", "ke-3", "kali", "nya", "."]),
    ("Anak-anak dan non-Muslim di-PHK.", ["Anak-anak", "dan", "non-Muslim", "di-PHK", "."]),
    ("Perang Israel-Iran memanas.", ["Perang", "Israel", "-", "Iran", "memanas", "."]),
    (
        "Kantor PT. Maju di Jl. Merdeka No. 5.",
        ["Kantor", "PT.", "Maju", "di", "Jl.", "Merdeka", "No.", "5", "."],
    ),
    ("Vaksin COVID-19 dan jet F-16.", ["Vaksin", "COVID-19", "dan", "jet", "F-16", "."]),
]


@pytest.mark.parametrize(("text", "tokens"), TOKENIZATION_CASES)
def test_tokenization(nlp: Language, text: str, tokens: list[str]) -> None:
    doc = nlp.make_doc(text)
    assert [t.text for t in doc] == tokens
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


def test_saved_tokenizer_matches_the_code(nlp: Language) -> None:
    # load_nlp rebuilds the tokenizer from code; plain spacy.load reads the saved rules
    saved = Tokenizer(nlp.vocab).from_disk(MODEL_DIR / "tokenizer")
    made: Any = nlp.tokenizer  # spaCy types it as a callable
    assert made.rules is not None and saved.rules is not None
    assert set(saved.rules) == set(made.rules)
    for text, tokens in TOKENIZATION_CASES:
        assert [t.text for t in saved(text)] == tokens


ENTITY_CASES = [
    (
        "Gubernur Jawa Tengah Ahmad Luthfi meninjau lokasi banjir di Kabupaten Demak, Senin.",
        {("Ahmad Luthfi", "PER"), ("Jawa Tengah", "GPE")},
    ),
    (
        "Menteri Luar Negeri Sugiono terbang ke Jepang pada Senin, lalu kembali ke Jakarta.",
        {("Sugiono", "PER"), ("Jakarta", "GPE"), ("Jepang", "GPE")},
    ),
    (
        "Ketua Komisi I DPR, Budi Hartono, meminta TNI menjelaskan insiden itu.",
        {("Budi Hartono", "PER"), ("DPR", "ORG"), ("TNI", "ORG")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ENTITY_CASES)
def test_entities(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert expected <= found, found


# Lower-case text (NERP, scraped pages) has no capitals to go on: the name-class feature
# (peristiwa/nlp/name_features.py) carries what the cased corpora and name lists know.
LOWER_CASE_ENTITY_CASES = [
    (
        "kapolres garut akbp budi santoso menangkap dua pelaku di desa cibatu.",
        {("budi santoso", "PER"), ("garut", "GPE")},
    ),
    (
        "presiden prabowo subianto bertemu perdana menteri anthony albanese di canberra.",
        {("prabowo subianto", "PER"), ("anthony albanese", "PER"), ("canberra", "GPE")},
    ),
    ("ketua umum pbnu yahya cholil staquf hadir di surabaya.", {("yahya cholil staquf", "PER"), ("surabaya", "GPE")}),
]


@pytest.mark.parametrize(("text", "expected"), LOWER_CASE_ENTITY_CASES)
def test_entities_in_lower_case_text(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert expected <= found, found
    # ordinary words stay outside entities
    assert not any(e.text in {"menangkap", "pelaku", "bertemu", "hadir"} for e in nlp(text).ents)


RULER_CASES = [
    ("Aparat gabungan TNI-Polri memburu KKB di Intan Jaya.", [("KKB", "ORG"), ("Intan Jaya", "GPE")]),
    ("TPNPB mengklaim serangan itu, kata juru bicara OPM.", [("TPNPB", "ORG"), ("OPM", "ORG")]),
    ("Densus 88 menangkap tiga terduga teroris.", [("Densus 88", "ORG")]),
    ("Kemlu memantau kondisi WNI.", [("Kemlu", "ORG")]),
    ("Kemenlu menerima laporan dari Amman.", [("Kemenlu", "ORG")]),
    ("Hizbullah dan Hamas menolak usulan itu.", [("Hizbullah", "ORG"), ("Hamas", "ORG")]),
    ("Juru bicara Houthi mengancam kapal tanker.", [("Houthi", "ORG")]),
    ("IDF menyatakan operasi berlanjut.", [("IDF", "ORG")]),
    ("Komandan IRGC tewas, kata Garda Revolusi.", [("IRGC", "ORG"), ("Garda Revolusi", "ORG")]),
    ("Sekjen PBB mendesak ASEAN bertindak.", [("PBB", "ORG"), ("ASEAN", "ORG")]),
]


def _bare(nlp: Language) -> Language:
    """Return an empty pipeline sharing the shipped tokenizer (building one costs a second)."""
    bare = Language(vocab=nlp.vocab)
    bare.tokenizer = nlp.tokenizer
    return bare


@pytest.fixture(scope="module")
def names_only(nlp: Language) -> Language:
    """The name ruler on an empty pipeline: pins the names list, not the statistical model."""
    return nlp_ruler.add_ruler(_bare(nlp), mode="names_fill")


@pytest.mark.parametrize(("text", "expected"), RULER_CASES)
def test_ruler_names_found(names_only: Language, text: str, expected: list[tuple[str, str]]) -> None:
    found = {(e.text, e.label_) for e in names_only(text).ents}
    assert set(expected) <= found, found


# The shipped ruler only fills gaps (the placement that measured best), so a name the NER
# labels wrongly ("Kemlu" as PER) stays wrong until the actor KB's patterns overrule it.
SHIPPED_RULER_CASES = [c for c in RULER_CASES if not c[0].startswith("Kem")]


@pytest.mark.parametrize(("text", "expected"), SHIPPED_RULER_CASES)
def test_ruler_names_found_by_shipped_pipeline(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert set(expected) <= found, found


def test_ruler_fill_keeps_ner_spans_and_over_replaces_them(nlp: Language) -> None:
    base = _bare(nlp)
    fill = nlp_ruler.NameRuler(base, "fill", overwrite=False)
    over = nlp_ruler.NameRuler(base, "over", overwrite=True)
    for comp in (fill, over):
        comp.add_patterns([{"label": "ORG", "pattern": "Densus 88"}, {"label": "GPE", "pattern": "Poso"}])
    for comp, expected in (
        (fill, {("Densus", "PER"), ("Poso", "GPE")}),
        (over, {("Densus 88", "ORG"), ("Poso", "GPE")}),
    ):
        doc = base.make_doc("Densus 88 tiba di Poso")
        span = doc.char_span(0, 6, label="PER")
        assert span is not None
        doc.ents = [span]
        assert {(e.text, e.label_) for e in comp(doc).ents} == expected


def test_extra_patterns_become_entities_with_ids(nlp: Language) -> None:
    base = nlp_ruler.add_kb_patterns(
        _bare(nlp),
        [
            {"label": "ORG", "pattern": "Laskar Merah Fiktif", "id": "kb:123"},
            {"label": "PER", "pattern": [{"LOWER": "si"}, {"TEXT": "Kancil"}]},
        ],
    )
    doc = base("Laskar Merah Fiktif menyerang si Kancil.")
    assert {(e.text, e.label_, e.id_) for e in doc.ents} == {
        ("Laskar Merah Fiktif", "ORG", "kb:123"),
        ("si Kancil", "PER", ""),
    }


def test_load_nlp_is_cached(nlp: Language) -> None:
    assert load_nlp() is nlp
    assert nlp_ruler.KB_RULER_NAME not in nlp.pipe_names


def test_extra_patterns_overrule_the_ner_in_a_separate_pipeline(nlp: Language) -> None:
    text = "Kemlu memantau kondisi WNI."
    assert ("Kemlu", "ORG", "kb:kemlu") not in {(e.text, e.label_, e.id_) for e in nlp(text).ents}
    with_kb = load_nlp(extra_patterns=[{"label": "ORG", "pattern": "Kemlu", "id": "kb:kemlu"}])
    assert with_kb is not nlp
    assert ("Kemlu", "ORG", "kb:kemlu") in {(e.text, e.label_, e.id_) for e in with_kb(text).ents}
    assert nlp_ruler.KB_RULER_NAME not in nlp.pipe_names


def test_unknown_ruler_mode_is_an_error(nlp: Language) -> None:
    with pytest.raises(ValueError, match="unknown ruler mode"):
        nlp_ruler.add_ruler(_bare(nlp), mode="sometimes")


def test_cached_floret_vectors_equal_the_computed_ones(nlp: Language) -> None:
    import numpy as np
    from spacy.vectors import Vectors

    from peristiwa.nlp.vector_cache import CachedFloretVectors

    cached = nlp.vocab.vectors
    assert isinstance(cached, CachedFloretVectors)
    plain = Vectors(strings=nlp.vocab.strings)
    plain.from_bytes(cached.to_bytes())
    doc = nlp.make_doc("Warga Desa Sukamaju mengungsi; warga desa lain bertahan. Sukamajuuu!")
    keys = doc.to_array(cached.attr if hasattr(cached, "attr") else "ORTH")
    first = cached.get_batch(keys)  # computed and remembered
    again = cached.get_batch(keys)  # served from memory
    expected = plain.get_batch(keys)
    assert first.shape == (len(doc), cached.shape[1])
    assert np.array_equal(first, expected)
    assert np.array_equal(again, expected)
    assert not np.array_equal(first[0], first[1])
