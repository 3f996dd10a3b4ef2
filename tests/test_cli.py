"""The command line: formats, the sample, bad input, and the evaluator against the project's scorer."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import DEV_DOCS, DEV_GOLD, SCORER, SEED_DOCS, SEED_GOLD

from peristiwa.cli import main, sample_path
from peristiwa.output.formats import CSV_COLUMNS


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_sample_jsonl_is_the_contract() -> None:
    res = run("extract", "--sample", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert len(rows) == 1
    row = rows[0]
    text = json.loads(sample_path().read_text(encoding="utf-8"))["text"]
    assert row["doc_id"] == "sample-tidore"
    assert {"doc_id", "lang", "published", "entities", "events", "relations"} <= row.keys()
    assert row["lang"] == "id"
    for ent in row["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for ev in row["events"]:
        for key in ("trigger", "evidence"):
            assert text[ev[key]["start"]:ev[key]["end"]] == ev[key]["text"]
    types = {ev["type"] for ev in row["events"]}
    assert {"ASSAULT", "COERCE", "PROTEST"} <= types
    # the page furniture at the end is marked and yields nothing
    assert any(n["text"] == "SCROLL TO CONTINUE WITH CONTENT" for n in row["noise"])
    assert any(t["start"] == "2025-03-03" for t in row["times"])


def test_table_and_csv_formats() -> None:
    table = run("extract", "--sample", "--format", "table")
    assert table.exit_code == 0
    assert "sample-tidore" in table.stdout and "ASSAULT" in table.stdout
    res = run("extract", "--sample", "--format", "csv")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and list(rows[0].keys()) == list(CSV_COLUMNS)
    assert any(r["type"] == "ASSAULT" and r["fatalities"] == "2" for r in rows)


def test_json_format_is_one_array() -> None:
    res = run("extract", "--sample", "--format", "json")
    data = json.loads(res.stdout)
    assert isinstance(data, list) and data[0]["doc_id"] == "sample-tidore"


def test_bad_documents_are_reported_and_the_rest_run(tmp_path: Path) -> None:
    good = {"id": "ok", "text": "Polisi menangkap dua orang di Bekasi pada Senin (2/6/2025).",
            "published": "2025-06-03"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty", "text": "   "}),
             json.dumps({"id": "big", "text": "kata " * 50})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "out.jsonl"
    res = run("extract", str(src), str(binary), "--format", "jsonl", "-o", str(out), "--max-chars", "100")
    assert res.exit_code == 1
    err = res.stderr
    assert "in.jsonl:2" in err  # the malformed line is named
    assert "empty" in err and "big" in err and "blob.txt" in err
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in results] == ["ok"]
    assert "4 failed" in err


def test_stdin_dash() -> None:
    doc = {"id": "s1", "text": "Massa menggelar unjuk rasa di depan Gedung DPR, Jakarta, Senin (2/6/2025).",
           "published": "2025-06-03"}
    res = run("extract", "-", "--format", "jsonl", stdin=json.dumps(doc) + "\n")
    assert res.exit_code == 0
    row = json.loads(res.stdout.splitlines()[0])
    assert row["doc_id"] == "s1"
    assert any(ev["type"] == "PROTEST" for ev in row["events"])


def test_no_input_is_a_usage_error() -> None:
    res = CliRunner().invoke(main, ["extract"])
    assert res.exit_code == 2


@pytest.mark.parametrize(("docs", "gold"), [(SEED_DOCS, SEED_GOLD), (DEV_DOCS, DEV_GOLD)])
def test_eval_gives_the_same_figures_as_the_project_scorer(tmp_path: Path, docs: Path, gold: Path) -> None:
    if not (docs.exists() and SCORER.exists()):
        pytest.skip("../shared is not present")
    pred = tmp_path / "pred.jsonl"
    res = run("extract", str(docs), "--format", "jsonl", "-o", str(pred), "--no-progress")
    assert res.exit_code == 0, res.stderr
    ours = tmp_path / "ours.json"
    res = run("eval", str(docs), "--gold", str(gold), "--pred", str(pred), "--json", str(ours), "--no-errors")
    assert res.exit_code == 0
    theirs = tmp_path / "theirs.json"
    subprocess.run([sys.executable, str(SCORER), "--docs", str(docs), "--gold", str(gold), "--pred", str(pred),
                    "--json", str(theirs)], check=True, capture_output=True)
    assert json.loads(ours.read_text()) == json.loads(theirs.read_text())
