"""Fold models saved by the training script and replayed on the current code (``tools/replay_cv.py``).
Every sentence here is written for these tests (fictional events)."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

from peristiwa.eval.folds import FoldModels
from peristiwa.events.date_model import current_date_model
from peristiwa.events.merge_model import current_merge_model
from peristiwa.events.mode_model import current_mode_model
from peristiwa.events.phrase_heads import current_phrase_heads
from peristiwa.events.place_model import current_place_model
from peristiwa.events.role_model import current_role_model
from peristiwa.events.toll_model import current_toll_model
from peristiwa.events.triggers import current_model
from peristiwa.pipeline import extract
from peristiwa.types import Document

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

DOCS = [
    {"id": "r1", "published": "2025-06-10",
     "text": "Polisi menangkap dua pemuda di Bekasi pada Senin (9/6/2025). Keduanya diduga membakar pos ronda."},
    {"id": "r2", "published": "2025-06-11",
     "text": "Ratusan warga memprotes penggusuran di Bogor. Mereka menuntut wali kota mencabut keputusan itu."},
    {"id": "r3", "published": "2025-06-12",
     "text": "Menteri Luar Negeri mengecam serangan udara di Gaza yang menewaskan tujuh orang."},
]
GOLD = [
    {"kind": "event", "doc_id": "r1", "types": ["COERCE"], "anchor": "Polisi menangkap dua pemuda", "required": True},
    {"kind": "event", "doc_id": "r2", "types": ["PROTEST"], "anchor": "Ratusan warga memprotes penggusuran",
     "required": True},
    {"kind": "event", "doc_id": "r3", "types": ["ACCUSE"], "anchor": "Menteri Luar Negeri mengecam serangan udara",
     "required": True},
]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _shipped_in_every_fold(folds: int) -> FoldModels:
    triggers = current_model()
    assert triggers is not None
    stages = {"roles": current_role_model(), "merger": current_merge_model(), "places": current_place_model(),
              "modes": current_mode_model(), "dates": current_date_model(), "tolls": current_toll_model(),
              "heads": current_phrase_heads()}
    return FoldModels([triggers] * folds, (triggers.threshold, triggers.rule_threshold or triggers.threshold),
                      [dict(stages) for _ in range(folds)], {d["id"]: k % folds for k, d in enumerate(DOCS)})


def test_replaying_the_shipped_models_in_every_fold_gives_what_extract_gives(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import replay_cv

    train = tmp_path / "train"
    train.mkdir()
    _write_jsonl(train / "docs.jsonl", DOCS)
    _write_jsonl(train / "gold.jsonl", GOLD)
    saved = tmp_path / "folds.pkl"
    saved.write_bytes(pickle.dumps(_shipped_in_every_fold(2)))
    out = tmp_path / "cv.jsonl"
    assert replay_cv.main([str(saved), "--train", str(train), "--cv-preds", str(out), "--base", str(out)]) == 0
    results = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(results) == {"r1", "r2", "r3"}
    for d in DOCS:
        expected = extract(Document(id=d["id"], text=d["text"], published=d["published"])).to_dict()
        assert [(e["type"], e["trigger"]["text"]) for e in results[d["id"]]["events"]] == \
            [(e["type"], e["trigger"]["text"]) for e in expected["events"]]
    printed = capsys.readouterr().out.splitlines()
    figures = json.loads(printed[0])  # as the training script logs them
    assert figures["gold"] == len(GOLD) and figures["tp"] <= figures["pred"]
    assert 0.0 <= figures["strict_f1"] <= figures["f1"] <= 1.0
    assert printed[-1] == "mean difference +0.0000; higher in 0 of 2 folds"  # the run against itself
