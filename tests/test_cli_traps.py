"""Traps a new user falls into (issue 14): each gives a clear error and a non-zero exit, nothing half-done.

A read command on a store that does not exist, ``--near`` with an unknown place, ``extract`` fed its
own output or broken lines, and ``eval`` against a gold file that lacks some layers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from peristiwa.cli import main
from peristiwa.ingest import parse_line
from peristiwa.store import Store
from peristiwa.types import Document, DocumentError

# Synthetic sentences written for these tests (no news text).
KALIMAT = "Polisi menangkap dua orang di Bekasi, Senin (2/6/2025)."
KALIMAT_2 = "Ratusan buruh berunjuk rasa di depan kantor gubernur di Bandung, Selasa (3/6/2025)."


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_jsonl(path: Path, *rows: object) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------------- read commands on a missing store

READERS = [
    ["events"],
    ["events", "--format", "jsonl"],
    ["actors"],
    ["actors", "Polisi"],
    ["export", "--format", "acled-csv"],
    ["export", "--format", "plover-jsonl"],
    ["export", "--format", "incidents-csv"],
    ["export", "--format", "parquet", "-o", "{tmp}/keluar.parquet"],
    ["incidents"],
    ["incidents", "--rebuild"],
    ["serve"],
]


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """uvicorn.run replaced: records the call instead of serving; writes off unless a test sets a token."""
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.delenv("PERISTIWA_TOKEN", raising=False)
    monkeypatch.delenv("PERISTIWA_DB", raising=False)
    return seen


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("form", ["path", "url"])
def test_read_commands_refuse_a_missing_store_and_create_nothing(
    tmp_path: Path, no_server: dict[str, Any], args: list[str], form: str
) -> None:
    folder = tmp_path / "belum-ada"
    path = folder / "salah-ketik.db"
    db = str(path) if form == "path" else f"sqlite:///{path}"
    res = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--db", db])
    assert res.exit_code == 1, res.output
    assert f"no store at {db}" in res.output and "does not exist" in res.output
    assert "peristiwa ingest" in res.output  # says how to make one
    assert "Traceback" not in res.output
    assert not path.exists() and not folder.exists()  # neither the file nor its folder was created
    assert not no_server  # the server never started


def test_the_default_and_env_stores_are_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_server: dict[str, Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["events"])
    assert res.exit_code == 1 and "no store at peristiwa.db (the default store)" in res.output
    monkeypatch.setenv("PERISTIWA_DB", str(tmp_path / "dari-env.db"))
    res = CliRunner().invoke(main, ["actors"])
    assert res.exit_code == 1 and f"no store at {tmp_path / 'dari-env.db'} (from $PERISTIWA_DB)" in res.output
    assert list(tmp_path.iterdir()) == []


def test_read_commands_still_read_an_existing_store(tmp_path: Path, no_server: dict[str, Any]) -> None:
    path = tmp_path / "ada.db"
    Store.open(str(path)).close()  # an empty but real store
    assert run("events", "--db", str(path), "--format", "jsonl").exit_code == 0
    assert run("actors", "--db", str(path)).exit_code == 0
    assert run("export", "--db", str(path), "--format", "acled-csv").exit_code == 0
    assert run("incidents", "--db", str(path)).exit_code == 0
    assert run("serve", "--db", str(path)).exit_code == 0 and no_server["host"] == "127.0.0.1"


def test_writers_may_create_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    no_server: dict[str, Any]) -> None:
    doc = write_jsonl(tmp_path / "satu.jsonl", {"id": "satu", "text": KALIMAT})
    path = tmp_path / "baru" / "toko.db"
    res = run("ingest", str(doc), "--db", str(path), "--no-nlp", "--no-progress")
    assert res.exit_code == 0, res.output
    assert path.exists()
    with Store.open(str(path)) as store:
        assert store.stats()["documents"] == 1
    # serve with writes on (a token) is a writer: it may start a new, empty store, and says so
    monkeypatch.setenv("PERISTIWA_TOKEN", "rahasia")
    fresh = tmp_path / "server.db"
    res = run("serve", "--db", str(fresh))
    assert res.exit_code == 0 and fresh.exists() and no_server
    assert f"no store at {fresh} yet: creating an empty one" in res.stderr


# ---------------------------------------------------------------------- --near with an unknown place


@pytest.mark.parametrize(
    "args",
    [["events"], ["export", "--format", "acled-csv"], ["export", "--format", "plover-jsonl"]],
    ids=lambda a: " ".join(a),
)
def test_unknown_near_place_is_named(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "ada.db"
    Store.open(str(path)).close()
    res = CliRunner().invoke(main, [*args, "--db", str(path), "--near", "Kampung Khayalan Sekali"])
    assert res.exit_code == 2
    assert "unknown place 'Kampung Khayalan Sekali'" in res.output and "lat,lon" in res.output
    assert res.stdout == ""  # nothing exported
    missing = tmp_path / "tidak-ada.db"  # the usage error comes first: still no store created
    res = CliRunner().invoke(main, [*args, "--db", str(missing), "--near", "Kampung Khayalan Sekali"])
    assert res.exit_code == 2 and not missing.exists()


# ---------------------------------------------------------------------- extract fed its own output


def test_extract_says_what_it_expects_when_given_its_own_output(tmp_path: Path) -> None:
    docs = write_jsonl(tmp_path / "masuk.jsonl", {"id": "satu", "text": KALIMAT}, {"id": "dua", "text": KALIMAT_2})
    out = tmp_path / "hasil.jsonl"
    assert run("extract", str(docs), "--no-nlp", "--format", "jsonl", "-o", str(out)).exit_code == 0
    assert "text" not in json.loads(out.read_text(encoding="utf-8").splitlines()[0])  # results carry no text
    res = run("extract", str(out), "--no-nlp", "--format", "jsonl")
    assert res.exit_code == 1
    assert res.stdout == ""
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2  # one per line, each naming its document and line
    assert errors[0].startswith("error: satu: this is a result (the output of `peristiwa extract --format jsonl`)")
    assert "give the input documents instead (JSONL with 'id' and 'text'" in errors[0]
    assert errors[0].endswith(f"({out}:1)")
    assert errors[1].startswith("error: dua: this is a result") and errors[1].endswith(f"({out}:2)")
    assert "0 documents, 0 events, 2 failed" in res.stderr


def test_a_result_that_carries_its_text_is_extracted_again(tmp_path: Path) -> None:
    docs = write_jsonl(tmp_path / "masuk.jsonl", {"id": "satu", "text": KALIMAT, "title": "Dua Orang Ditangkap"})
    first = run("extract", str(docs), "--no-nlp", "--format", "jsonl")
    result = json.loads(first.stdout)
    with_text = write_jsonl(tmp_path / "dengan-teks.jsonl", {**result, "text": KALIMAT})
    again = run("extract", str(with_text), "--no-nlp", "--format", "jsonl")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == result


def test_extract_names_each_malformed_line_and_goes_on(tmp_path: Path) -> None:
    mixed = write_jsonl(
        tmp_path / "campur.jsonl",
        {"id": "baik-1", "text": KALIMAT},
        '{"id": "patah", "text": "Polisi menangkap',  # cut off: its id can still be read
        "{rusak sama sekali",
        {"id": "angka", "text": 12},
        {"doc_id": "hasil", "events": [], "entities": []},
        {"id": "baik-2", "text": KALIMAT_2},
    )
    res = run("extract", str(mixed), "--no-nlp", "--format", "jsonl")
    assert res.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in res.stdout.splitlines()] == ["baik-1", "baik-2"]
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert errors[0].startswith(f"error: {mixed}:2: malformed JSON in document 'patah':")
    assert errors[1].startswith(f"error: {mixed}:3: malformed JSON:")
    assert errors[2] == f"error: angka: 'text' must be a string, got int ({mixed}:4)"
    assert errors[3].startswith("error: hasil: this is a result")
    assert "2 documents" in res.stderr and "4 failed" in res.stderr


@pytest.mark.parametrize(
    ("line", "doc_id", "says"),
    [
        ('{"doc_id": "r1", "lang": "id", "events": []}', "r1", "this is a result"),
        ('{"doc_id": 5, "entities": [], "relations": []}', "5", "this is a result"),
        ('{"lang": "id", "events": [], "doc_id": ""}', "f.jsonl:9", "this is a result"),
        ('{"doc_id": "r2", "events": [], "text": 3}', "r2", "this is a result"),
        ('{"doc_id": "tanpa-lapisan", "text": "Teks."}', "f.jsonl:9", "'id' is required"),
        ('{"title": "x", "id": 12, "text": ', "f.jsonl:9", "malformed JSON in document '12'"),
        ('{"id": "a\\"b", "text": "x" "y"}', "f.jsonl:9", "malformed JSON in document 'a\"b'"),
    ],
)
def test_parse_line_results_and_broken_lines(line: str, doc_id: str, says: str) -> None:
    got = parse_line(line, where="f.jsonl:9", max_bytes=10_000)
    assert isinstance(got, DocumentError)
    assert got.doc_id == doc_id and says in got.reason and "f.jsonl:9" in str(got)


def test_parse_line_reads_a_result_with_text_as_its_document() -> None:
    line = json.dumps({"doc_id": "r1", "lang": "id", "published": "2025-06-02", "title": "Judul", "url": None,
                       "events": [], "text": KALIMAT})
    assert parse_line(line, where="f:1", max_bytes=10_000) == Document(
        id="r1", text=KALIMAT, title="Judul", published="2025-06-02", lang="id"
    )


# ---------------------------------------------------------------------- eval and layers the gold lacks

_ANCHOR = "menangkap dua orang"


def _eval_files(tmp_path: Path, gold: list[dict[str, Any]]) -> tuple[Path, Path, Path]:
    docs = write_jsonl(tmp_path / "docs.jsonl", {"id": "d1", "text": KALIMAT})
    start = KALIMAT.index(_ANCHOR)
    event = {"id": "ev1", "type": "COERCE", "mode": "arrest",
             "actors": [{"entity": None, "text": "Polisi", "name": "Polisi", "country": "IDN"}],
             "targets": [{"entity": None, "text": "dua orang", "name": "dua orang", "country": None}],
             "date": {"text": "Senin (2/6/2025)", "start": "2025-06-02", "end": "2025-06-02", "precision": "day"},
             "location": {"text": "Bekasi", "name": "Bekasi", "country": "IDN"},
             "fatalities": None, "injuries": None,
             "trigger": {"start": start, "end": start + 9, "text": "menangkap"},
             "evidence": {"start": 0, "end": len(KALIMAT), "text": KALIMAT}}
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": "d1", "lang": "id", "published": None,
                                                  "entities": [], "events": [event], "relations": []})
    return docs, write_jsonl(tmp_path / "gold.jsonl", *gold), pred


def test_eval_says_not_scored_for_layers_the_gold_lacks(tmp_path: Path) -> None:
    gold = {"kind": "event", "doc_id": "d1", "types": ["COERCE"], "anchor": _ANCHOR,
            "actors": [["Polisi"]], "date": ["2025-06-02", "2025-06-02"], "required": True}
    docs, gold_path, pred = _eval_files(tmp_path, [gold])
    figures = tmp_path / "angka.json"
    res = run("eval", str(docs), "--gold", str(gold_path), "--pred", str(pred), "--json", str(figures))
    assert res.exit_code == 0, res.output
    lines = {line.split()[0]: line for line in res.stdout.splitlines() if line.strip()}
    assert "P 1.000  R 1.000" in lines["events"]
    assert "P 1.000  R 1.000" in lines["actors"] and "accuracy 1.0  (n 1)" in lines["date"]
    for layer in ("targets", "location", "fatalities", "injuries", "mode", "relations", "entities"):
        assert "not scored" in lines[layer], lines[layer]
    assert "None" not in res.stdout and "0.000" not in res.stdout
    # the JSON stays the project scorer's (null or 0.0 with gold 0 for a layer without gold)
    out = json.loads(figures.read_text(encoding="utf-8"))
    assert out["relations"]["gold"] == 0 and out["entities"]["found"] is None
    assert set(out["arguments"]) == {"date"} and set(out["participants"]) == {"actors"}


def test_eval_without_event_gold_scores_only_what_it_has(tmp_path: Path) -> None:
    gold = {"kind": "entity", "doc_id": "d1", "names": ["Bekasi"], "country": "IDN"}
    docs, gold_path, pred = _eval_files(tmp_path, [gold])
    res = run("eval", str(docs), "--gold", str(gold_path), "--pred", str(pred), "--no-errors")
    assert res.exit_code == 0, res.output
    lines = {line.split()[0] + (" strict" if " strict " in line else ""): line
             for line in res.stdout.splitlines() if line.strip()}
    assert "not scored: the gold has no required events (pred 1)" in lines["events"]
    assert "not scored" in lines["events strict"]
    assert "found 0.0  unified 0.0" in lines["entities"]  # entity gold is there: scored, even at 0
    assert "None" not in res.stdout and "0.000" not in res.stdout


@pytest.mark.parametrize(
    ("which", "content", "says"),
    [
        ("docs", "{rusak\n", "docs.jsonl:1: malformed JSON"),
        ("docs", '{"doc_id": "d1", "events": []}\n', "(this looks like a result: give results with --pred)"),
        ("gold", '{"doc_id": "d1"}\n', "gold.jsonl:1: no 'kind'"),
        ("gold", '{"kind": "event", "doc_id": "d1", "types": ["COERCE"], "anchor": "tidak ada di teks"}\n',
         "gold anchor not in the text of d1"),
        ("pred", '{"events": []}\n', "pred.jsonl:1: no 'doc_id'"),
    ],
)
def test_eval_bad_files_are_named(tmp_path: Path, which: str, content: str, says: str) -> None:
    docs, gold, pred = _eval_files(tmp_path, [{"kind": "entity", "doc_id": "d1", "names": ["Bekasi"]}])
    {"docs": docs, "gold": gold, "pred": pred}[which].write_text(content, encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(docs), "--gold", str(gold), "--pred", str(pred)])
    assert res.exit_code == 1 and says in res.output and "Traceback" not in res.output
