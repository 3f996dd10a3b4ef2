"""The pipeline's invariants: exact offsets on real text, determinism, and bad documents."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peristiwa.pipeline import extract, pipe
from peristiwa.settings import Settings
from peristiwa.types import Document, DocumentError, Result

FAST = Settings(use_nlp=False)


def all_spans(res: dict[str, Any]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for e in res["entities"]:
        spans += e["mentions"]
    for ev in res["events"]:
        spans += [ev["trigger"], ev["evidence"]]
        spans += [p["span"] for p in ev["actors"] + ev["targets"] if "span" in p]
    for r in res["relations"]:
        spans.append(r["evidence"])
    spans += res["noise"]
    spans += [t["span"] for t in res["times"]]
    spans += [q["span"] for q in res["quantities"]]
    spans += [q["noun"] for q in res["quantities"] if q["noun"]]
    spans += [p["span"] for p in res["places"]]
    return spans


def check_offsets(text: str, res: Result) -> int:
    data = res.to_dict()
    spans = all_spans(data)
    for sp in spans:
        assert text[sp["start"]:sp["end"]] == sp["text"], sp
    return len(spans)


def test_every_span_of_every_dev_document_indexes_its_text(dev_docs: list[dict[str, Any]]) -> None:
    checked = 0
    for d in dev_docs:
        doc = Document(id=d["id"], text=d["text"], published=d.get("published"))
        checked += check_offsets(d["text"], extract(doc, settings=FAST))
    assert checked > 3000


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_offsets_hold_on_cut_and_glued_dev_text(dev_docs: list[dict[str, Any]], data: st.DataObject) -> None:
    """Property: any slice of a real article, with words glued or split by scraping, keeps exact offsets."""
    d = data.draw(st.sampled_from(dev_docs))
    text = d["text"]
    a = data.draw(st.integers(0, max(0, len(text) - 50)))
    b = data.draw(st.integers(a + 1, len(text)))
    piece = text[a:b]
    mutation = data.draw(st.sampled_from(["none", "glue", "lines", "noise"]))
    if mutation == "glue":
        piece = piece.replace(" ", "", data.draw(st.integers(0, 20)))
    elif mutation == "lines":
        piece = piece.replace(" ", "\n", data.draw(st.integers(0, 20)))
    elif mutation == "noise":
        piece = "Baca juga:\n" + piece + "\nSCROLL TO CONTINUE WITH CONTENT\n(abc/def)\ntag"
    if not piece.strip():
        return
    res = extract(Document(id="p", text=piece, published=d.get("published")), settings=FAST)
    check_offsets(piece, res)


def test_same_input_same_output(dev_docs: list[dict[str, Any]]) -> None:
    d = dev_docs[0]
    doc = Document(id=d["id"], text=d["text"], published=d.get("published"))
    assert extract(doc, settings=FAST).to_dict() == extract(doc, settings=FAST).to_dict()


@pytest.mark.parametrize(("text", "reason"), [
    ("   \n\t ", "empty"),
    ("\x00\x00\x00binary\x00" * 20, "binary"),
    ("kata " * 100, "too large"),
])
def test_bad_documents_give_a_named_error_and_the_run_goes_on(text: str, reason: str) -> None:
    docs = [Document(id="bad", text=text), Document(id="good", text="Polisi menangkap dua orang di Bekasi.")]
    out = list(pipe(docs, settings=Settings(use_nlp=False, max_chars=300)))
    assert isinstance(out[0], DocumentError) and out[0].doc_id == "bad" and reason in str(out[0])
    assert isinstance(out[1], Result) and out[1].doc_id == "good"


WORDS = st.sampled_from([
    "Polisi", "menangkap", "dua", "orang", "di", "Bekasi", "serangan", "Israel", "ke", "Iran", "tewas", "puluhan",
    "warga", "pada", "Senin", "(16/6/2025)", "yang", "dan", ",", ".", "\n", "Baca juga:", "akan", "membalas",
    "oleh", "milisi", "(", ")", "AS", "Rp1,2", "1.200", "al-", "Muhandis", "-", "\u200b", "🙂", "\x00", "'",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60), st.text(max_size=40))
def test_random_word_salad_and_unicode_never_crash(words: list[str], junk: str) -> None:
    text = " ".join(words) + junk
    try:
        res = extract(Document(id="x", text=text, published="2025-06-18"), settings=FAST)
    except DocumentError:
        return
    check_offsets(text, res)
