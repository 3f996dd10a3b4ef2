"""The scorer's breakdown: why each false event is false, what happened where an act was missed, and
the figures by type. Every sentence here is written for these tests (fictional events)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from peristiwa.cli import main
from peristiwa.eval.scoring import score

SENTENCES = ["Polisi menangkap dua pemuda di Bekasi.", "Penangkapan itu disaksikan warga.",
             "Warga memprotes penangkapan itu.", "Menteri mengecam serangan di Bogor.", "Hujan turun di Depok.",
             "Banjir melanda Cianjur."]
TEXT = " ".join(SENTENCES)


def _event(etype: str, sentence: int) -> dict[str, Any]:
    s = SENTENCES[sentence]
    start = TEXT.index(s)
    return {"type": etype, "evidence": {"start": start, "end": start + len(s), "text": s}}


def _gold(types: list[str], anchor: str, **more: Any) -> dict[str, Any]:
    return {"kind": "event", "doc_id": "d1", "types": types, "anchor": anchor, "required": True, **more}


GOLD = [
    _gold(["COERCE"], "menangkap dua pemuda", also=["Penangkapan itu"]),  # told again in the second sentence
    _gold(["PROTEST"], "memprotes penangkapan itu"),
    _gold(["ACCUSE"], "mengecam serangan"),
    _gold(["AID"], "Hujan turun di Depok"),
    _gold(["COERCE"], "di Bekasi"),
]
EVENTS = [_event("COERCE", 0), _event("COERCE", 1), _event("THREATEN", 2), _event("ACCUSE", 3),
          _event("ASSAULT", 3), _event("PROTEST", 5)]
RESULT = {"doc_id": "d1", "lang": "id", "published": None, "entities": [], "events": EVENTS, "relations": []}


def test_false_and_missed_events_are_told_apart_by_kind() -> None:
    s = score({"d1": TEXT}, GOLD, {"d1": RESULT})
    assert (s.tp, s.fp, s.fn) == (2, 4, 3)
    b = s.breakdown()
    assert b["false"] == {"another telling": 1, "wrong type": 1, "second type": 1, "no act": 1}
    assert b["missed"] == {"another type": 1, "nothing there": 1, "its type taken": 1}
    by = {t: (v["tp"], v["fp"], v["fn"]) for t, v in b["by_type"].items()}
    assert by == {"COERCE": (1, 1, 1), "PROTEST": (0, 1, 1), "ACCUSE": (1, 0, 0), "THREATEN": (0, 1, 0),
                  "ASSAULT": (0, 1, 0), "AID": (0, 0, 1)}
    assert b["by_type"]["COERCE"]["f1"] == 0.5
    # the kinds sum to the scorer's own counts, and each listed miss names its kind
    assert sum(b["false"].values()) == s.fp and sum(b["missed"].values()) == s.fn
    assert "FP  d1 COERCE [another telling]: 'Penangkapan itu disaksikan warga.'" in s.misses
    assert "FN  d1 PROTEST [another type]: 'memprotes penangkapan itu'" in s.misses


def test_eval_breakdown_is_printed_and_kept_apart_from_the_scorers_figures(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(RESULT) + "\n", encoding="utf-8")
    plain, extra = tmp_path / "plain.json", tmp_path / "extra.json"
    runner = CliRunner()
    res = runner.invoke(main, ["eval", str(docs), "--gold", str(gold), "--pred", str(pred), "--no-errors",
                               "--json", str(plain)])
    assert res.exit_code == 0, res.output
    assert "by kind" not in res.output and "breakdown" not in json.loads(plain.read_text(encoding="utf-8"))
    res = runner.invoke(main, ["eval", str(docs), "--gold", str(gold), "--pred", str(pred), "--no-errors",
                               "--breakdown", "--json", str(extra)])
    assert res.exit_code == 0, res.output
    assert "false events by kind: another telling 1, wrong type 1, second type 1, no act 1" in res.output
    assert "missed events by kind: another type 1, nothing there 1, its type taken 1" in res.output
    row = next(line.split() for line in res.output.splitlines() if line.startswith("COERCE"))
    assert row == ["COERCE", "0.500", "0.500", "0.500", "1", "1", "1"]
    out = json.loads(extra.read_text(encoding="utf-8"))
    assert out.pop("breakdown")["false"]["no act"] == 1
    assert out == json.loads(plain.read_text(encoding="utf-8"))  # the rest is the scorer's JSON unchanged
