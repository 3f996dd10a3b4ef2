"""Folds by article and two cross-validated runs compared fold by fold (``tools/compare_cv.py``). Every
sentence here is written for these tests (fictional events)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from peristiwa.eval.folds import compare, fold_figures, folds_by_article

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {"a": "Polisi menangkap dua pemuda di Bekasi.", "b": "Warga memprotes penangkapan itu di Bogor.",
         "c": "Menteri mengecam serangan di Depok.", "d": "Massa membakar pos polisi di Cianjur."}
TYPES = {"a": "COERCE", "b": "PROTEST", "c": "ACCUSE", "d": "ASSAULT"}
GOLD = [{"kind": "event", "doc_id": d, "types": [TYPES[d]], "anchor": t[:-1], "required": True}
        for d, t in TEXTS.items()]


def _result(doc: str, etype: str | None) -> dict[str, Any]:
    text = TEXTS[doc]
    events = [] if etype is None else [{"type": etype, "evidence": {"start": 0, "end": len(text), "text": text}}]
    return {"doc_id": doc, "entities": [], "events": events, "relations": []}


def test_folds_deal_out_every_article_once_and_follow_the_seed() -> None:
    ids = [f"t{k:03d}" for k in range(23)]
    fold_of = folds_by_article(ids, 5, 13)
    assert set(fold_of) == set(ids)
    sizes = sorted(list(fold_of.values()).count(k) for k in range(5))
    assert sizes == [4, 4, 5, 5, 5]  # dealt in turn: the folds differ by one article at most
    assert folds_by_article(ids, 5, 13) == fold_of
    assert folds_by_article(ids, 5, 7) != fold_of


def test_each_fold_is_scored_on_its_own_articles_and_the_runs_compared_fold_by_fold() -> None:
    fold_of = {"a": 0, "b": 0, "c": 1, "d": 1}
    base = {d: _result(d, TYPES[d]) for d in TEXTS} | {"c": _result("c", None)}  # misses c's act
    new = {d: _result(d, TYPES[d]) for d in TEXTS} | {"a": _result("a", "ASSAULT")}  # a's act mistyped
    figs = fold_figures(TEXTS, GOLD, base, fold_of, 2)
    assert [f.f1 for f in figs] == [1.0, pytest.approx(0.6667)]  # fold 1: one of two acts found
    c = compare(TEXTS, GOLD, base, new, fold_of, 2)
    assert c.differences[0] < 0 < c.differences[1]
    assert c.folds_up == 1
    assert c.mean_difference == pytest.approx(sum(c.differences) / 2)
    with pytest.raises(ValueError, match="fold 2"):
        fold_figures(TEXTS, GOLD, base, fold_of, 3)


def test_compare_cv_prints_each_fold_and_where_the_new_run_is_higher(tmp_path: Path) -> None:
    train = tmp_path / "train"
    train.mkdir()
    (train / "docs.jsonl").write_text("".join(json.dumps({"id": d, "text": t}) + "\n" for d, t in TEXTS.items()))
    (train / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    runs = {"base": {d: _result(d, None) for d in TEXTS}, "new": {d: _result(d, TYPES[d]) for d in TEXTS}}
    for name, results in runs.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results.values()))
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "compare_cv.py"), str(tmp_path / "base.jsonl"),
                          str(tmp_path / "new.jsonl"), "--train", str(train), "--folds", "2"],
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 4 and lines[1].split()[-1] == "+2.0000"  # F1 and strict F1 each rise from 0 to 1
    assert "higher in 2 of 2 folds" in lines[-1]
