"""Batch runs on Dask: shards in, shards out, errors recorded, reruns skip, output deterministic."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from peristiwa.batch import BatchError, plan_shards, read_results, run_batch
from peristiwa.cli import main
from peristiwa.settings import Settings

NO_NLP = Settings(use_nlp=False)

# Fictional articles (places are real, the events are not).
TEMPLATES = (
    "Polisi menangkap {n} orang terduga pencuri sepeda motor di Bekasi, Senin (2/6/2025). "
    "Para tersangka kini ditahan di Polres Metro Bekasi.",
    "Ratusan buruh berunjuk rasa di depan kantor Gubernur Jawa Timur di Surabaya, Selasa (3/6/2025), "
    "menuntut kenaikan upah. Aksi itu diikuti {n} serikat pekerja.",
    "Sekelompok orang bersenjata menyerang pos polisi di Kecamatan Oba, Kota Tidore Kepulauan, Maluku Utara, "
    "pada Rabu (4/6/2025) dini hari. Serangan itu melukai {n} anggota polisi.",
)


def doc(i: int) -> dict[str, Any]:
    text = TEMPLATES[i % len(TEMPLATES)].format(n=i + 2)
    return {"id": f"d{i:03d}", "text": text, "published": "2025-06-05", "source": "Warta Contoh"}


def write_jsonl(path: Path, rows: list[dict[str, Any]], *, extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


@pytest.fixture()
def shards(tmp_path: Path) -> Path:
    """Three small JSONL shards; the second has a broken line and a document without text."""
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "part-0.jsonl", [doc(i) for i in range(0, 4)])
    write_jsonl(src / "part-1.jsonl", [doc(i) for i in range(4, 7)] + [{"id": "kosong", "text": "  "}],
                extra='{"id": "rusak", "text": \n')
    write_jsonl(src / "part-2.jsonl", [doc(i) for i in range(7, 10)])
    return src


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0") as cluster, \
            Client(cluster) as c:
        yield c


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_output_shard_per_input_and_failed_documents_in_errors(shards: Path, tmp_path: Path,
                                                                   client: Client) -> None:
    out = tmp_path / "out"
    report = run_batch([str(shards / "*.jsonl")], out, client=client, settings=NO_NLP)
    assert (report.shards, report.done, report.skipped, report.failed) == (3, 3, 0, 0)
    assert (report.documents, report.results, report.errors) == (12, 10, 2)
    outputs = sorted(p.name for p in out.glob("*.jsonl") if p.name != "errors.jsonl")
    assert [name.split("-")[0] + "-" + name.split("-")[1] for name in outputs] == ["part-0", "part-1", "part-2"]
    results = list(read_results([str(out)]))
    assert [r["doc_id"] for r in results] == [f"d{i:03d}" for i in range(10)]
    assert all(r["events"] for r in results), "every fictional article states an event"
    errors = lines(out / "errors.jsonl")
    assert [(e["doc_id"], e["shard"].startswith("part-1-")) for e in errors] == [("kosong", True),
                                                                                  (f"{shards}/part-1.jsonl:5", True)]
    assert "empty" in errors[0]["message"] and "malformed JSON" in errors[1]["message"]
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in manifest["shards"]] == ["done"] * 3
    assert [s["errors"] for s in manifest["shards"]] == [0, 2, 0]


def test_rerun_skips_done_shards_and_redoes_changed_ones(shards: Path, tmp_path: Path, client: Client) -> None:
    out = tmp_path / "out"
    run_batch([str(shards)], out, client=client, settings=NO_NLP)
    before = files(out)
    again = run_batch([str(shards)], out, client=client, settings=NO_NLP)
    assert (again.done, again.skipped, again.documents) == (0, 3, 0)
    assert files(out) == before
    write_jsonl(shards / "part-2.jsonl", [doc(i) for i in range(7, 11)])  # a changed input
    next(out.glob("_done/part-0-*.json")).unlink()  # an interrupted shard: no marker
    third = run_batch([str(shards)], out, client=client, settings=NO_NLP)
    assert (third.done, third.skipped) == (2, 1)
    assert sorted(r.name.split("-")[1] for r in third.shard_results) == ["0", "2"]
    assert [r["doc_id"] for r in read_results([str(out)])][-1] == "d010"
    # other settings are another output: nothing is skipped
    assert run_batch([str(shards)], out, client=client, settings=Settings(use_nlp=False, relations=False)).done == 3


def test_same_output_bytes_with_one_or_two_workers(shards: Path, tmp_path: Path) -> None:
    # hostile lines too: their errors.jsonl rows must come out in the same order and bytes
    write_jsonl(shards / "part-3.jsonl", [doc(i) for i in range(11, 13)] + [
        {"id": 7, "text": ["x"]}, {"id": "tua", "text": "Polisi menyerang warga kemarin.", "published": "0001-01-01"}],
        extra='{"id": "surrogate", "text": "Polisi \\ud800 menangkap dua orang di Bekasi."}\n' + "[" * 5000 + "\n\x00\x01\n")
    one = run_batch([str(shards)], tmp_path / "one", workers=1, processes=False, settings=NO_NLP)
    two = run_batch([str(shards)], tmp_path / "two", workers=2, processes=True, settings=NO_NLP)
    assert (one.workers, two.workers) == (1, 2)
    assert len({r.pid for r in two.shard_results}) >= 1
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_parquet_in_and_out(tmp_path: Path, client: Client) -> None:
    rows = [doc(i) for i in range(5)]
    table = pa.table({"id": [r["id"] for r in rows[:4]] + [None], "text": [r["text"] for r in rows],
                      "published": pa.array([r["published"] for r in rows]).cast(pa.date32()),
                      "title": [None] * 5, "url": [None] * 5, "source": [r["source"] for r in rows]})
    pq.write_table(table, tmp_path / "docs.parquet", row_group_size=2)
    out = tmp_path / "out"
    report = run_batch([str(tmp_path / "docs.parquet")], out, fmt="parquet", shard_size=3, client=client,
                       settings=NO_NLP)
    assert (report.shards, report.results, report.errors) == (2, 4, 1)
    shard_files = sorted(out.glob("*.parquet"))
    assert len(shard_files) == 2
    flat = pq.read_table(shard_files[0])
    assert flat.column_names == ["doc_id", "n_events", "result"]
    for doc_id, n_events, text in zip(*(flat.column(c).to_pylist() for c in flat.column_names), strict=True):
        result = json.loads(text)
        assert (result["doc_id"], len(result["events"]), result["published"]) == (doc_id, n_events, "2025-06-05")
    assert [r["doc_id"] for r in read_results([str(out)])] == ["d000", "d001", "d002", "d003"]
    assert "'id' is required" in lines(out / "errors.jsonl")[0]["message"]


def test_shard_size_splits_a_file_without_changing_the_results(tmp_path: Path, client: Client) -> None:
    rows = [doc(i) for i in range(10)]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" + ("\n" if i == 4 else "") for i, r in enumerate(rows))
    (tmp_path / "big.jsonl").write_text(body, encoding="utf-8")
    with gzip.open(tmp_path / "big2.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(body)
    specs = plan_shards([str(tmp_path / "big.jsonl")], shard_size=4)
    assert [(s.first_line, s.stop is None) for s in specs] == [(1, False), (5, False), (10, True)]
    whole = run_batch([str(tmp_path / "big.jsonl")], tmp_path / "whole", client=client, settings=NO_NLP)
    split = run_batch([str(tmp_path / "big.jsonl"), str(tmp_path / "big2.jsonl.gz")], tmp_path / "split",
                      shard_size=4, client=client, settings=NO_NLP)
    assert (whole.shards, split.shards, split.results) == (1, 6, 20)
    from_whole = list(read_results([str(tmp_path / "whole")]))
    from_split = list(read_results([str(tmp_path / "split")]))
    assert from_split == from_whole + from_whole


def test_unreadable_shard_fails_alone_and_the_cli_says_so(shards: Path, tmp_path: Path) -> None:
    (shards / "bad.parquet").write_bytes(b"not parquet at all")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["batch", str(shards), "-o", str(out), "--workers", "1", "--no-nlp"])
    assert res.exit_code == 1, res.output
    assert "3 run" in res.output and "1 failed" in res.output
    errors = lines(out / "errors.jsonl")
    assert [e["doc_id"] for e in errors if e["shard"].startswith("bad-")] == [None]
    assert len(list(read_results([str(out)]))) == 10


def test_existing_scheduler_and_store_loading(shards: Path, tmp_path: Path) -> None:
    from peristiwa.store import Store

    db = str(tmp_path / "store.db")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address="127.0.0.1:0") as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        args = ["batch", str(shards / "part-*.jsonl"), "-o", str(tmp_path / "out"), "--scheduler", address,
                "--no-nlp", "--db", db]
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0, res.output
        assert "10 stored" in res.output
        again = CliRunner().invoke(main, args)
        assert again.exit_code == 0 and "3 already done" in again.output and "10 already there" in again.output
        assert "incidents" in res.output and "incidents" not in again.output  # rebuilt when documents came
    with Store.open(db) as store:
        assert store.stats()["documents"] == 10
        assert sorted(r.doc_id for r in store.results()) == [f"d{i:03d}" for i in range(10)]
        from peristiwa.corpus.incidents import cluster_incidents

        expected = cluster_incidents(store.results())
        assert expected
        assert sorted(i.id for i in store.iter_incidents()) == sorted(i.id for i in expected)


@pytest.mark.parametrize(("inputs", "message"), [
    (["nowhere/*.jsonl"], "matches no"),
    (["missing.jsonl"], "no such file"),
    (["notes.txt"], "unsupported input"),
])
def test_bad_inputs_are_refused_before_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               inputs: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BatchError, match=message):
        run_batch(inputs, tmp_path / "out", workers=1, processes=False, settings=NO_NLP)


def test_killed_worker_temporary_file_is_gone_after_the_run(shards: Path, tmp_path: Path, client: Client) -> None:
    """Regression: a worker killed mid-shard left its ``.tmp-`` file in a run that then completed."""
    out = tmp_path / "out"

    def worker_died_mid_write(res: Any) -> None:  # what a SIGKILLed worker leaves behind
        (out / f".{res.name}.jsonl.tmp-99999-deadbeef").write_text('{"doc_id": "setengah', encoding="utf-8")

    run_batch([str(shards)], out, client=client, settings=NO_NLP, on_shard=worker_died_mid_write)
    assert not list(out.rglob(".*.tmp-*"))


def test_cluster_that_cannot_start_is_a_batch_error(shards: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a worker killed while the local cluster started gave a traceback, not a message."""
    import distributed

    def dies(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("Nanny failed to start.")

    monkeypatch.setattr(distributed, "LocalCluster", dies)
    with pytest.raises(BatchError, match="run the same command again"):
        run_batch([str(shards)], tmp_path / "out", workers=1, settings=NO_NLP)


def test_gzip_bombs_in_shards_stop_at_the_cap(tmp_path: Path) -> None:
    """A one-line bomb (30 MB, 30 KB packed) and a blank-line one: planned and read in bounded memory."""
    src = tmp_path / "in"
    src.mkdir()
    for name, head, fill, megabytes in (("bom", b'{"id": "x", "text": "', b" ", 30), ("kosong", b"", b"\n", 3)):
        with gzip.open(src / f"{name}.jsonl.gz", "wb", compresslevel=9) as f:
            f.write(json.dumps(doc(0)).encode() + b"\n" + head)
            for _ in range(megabytes):
                f.write(fill * 1_000_000)
    report = run_batch([str(src)], tmp_path / "out", workers=1, processes=False, shard_size=1,
                       settings=Settings(use_nlp=False, max_chars=25_000))
    errors = lines(tmp_path / "out" / "errors.jsonl")
    assert (report.results, report.failed) == (2, 0)
    assert [e["message"].split(";")[0] for e in errors] == ["line over 604096 bytes decompressed",
                                                            "over 100000 bytes of blank lines decompressed"]
