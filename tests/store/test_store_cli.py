"""The store's commands (ingest, events, actors, export, serve) and the export formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_seed import ARTICLES, INCIDENT_ARTICLES, seeded

from peristiwa.cli import main
from peristiwa.corpus.incidents import INCIDENT_COLUMNS
from peristiwa.store import Store, document_hash
from peristiwa.store.export import (
    ACLED_COLUMNS,
    FLAT_COLUMNS,
    acled_row,
    acled_type,
    plover_record,
    time_precision,
)
from peristiwa.store.records import StoredEvent
from peristiwa.types import EventDate


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    articles = folder / "fiksi.jsonl"
    articles.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "cli.db")
    res = run("ingest", "--sample", str(articles), "--db", path, "--no-nlp")
    assert res.exit_code == 0, res.output
    assert f"{len(ARTICLES) + 1} documents stored" in res.stderr
    again = run("ingest", "--sample", str(articles), "--db", path, "--no-nlp")
    assert (
        again.exit_code == 0
        and f"0 documents stored (0 events), {len(ARTICLES) + 1} already stored" in again.stderr
    )
    return path


def test_ingest_reports_bad_documents(tmp_path: Path) -> None:
    bad = tmp_path / "campur.jsonl"
    bad.write_text(
        '{"id": "ok", "text": "Polisi menangkap dua orang di Bekasi, Senin (2/6/2025)."}\n{broken\n',
        encoding="utf-8",
    )
    res = run("ingest", str(bad), "--db", str(tmp_path / "x.db"), "--no-nlp")
    assert res.exit_code == 1
    assert "error:" in res.stderr and "1 documents stored" in res.stderr and "1 failed" in res.stderr
    assert run("ingest", "--db", str(tmp_path / "x.db")).exit_code == 2  # no input


def test_ingest_uses_peristiwa_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERISTIWA_DB", str(tmp_path / "env.db"))
    assert run("ingest", "--sample", "--no-nlp").exit_code == 0
    with Store.open(str(tmp_path / "env.db")) as s:
        assert s.stats()["documents"] == 1


def test_events_table_and_filters(db: str) -> None:
    res = run("events", "--db", db, "--type", "assault", "--country", "IRN")
    assert res.exit_code == 0, res.output
    assert "ASSAULT" in res.stdout and "Tehran" in res.stdout and "PROTEST" not in res.stdout
    near = run("events", "--db", db, "--near", "Bandung", "--radius-km", "30", "--format", "jsonl")
    rows = [json.loads(line) for line in near.stdout.splitlines()]
    assert rows and {r["doc_id"] for r in rows} == {"fiksi-bandung"}
    text = run("events", "--db", db, "--text", "peretas", "--format", "jsonl")
    assert {json.loads(line)["doc_id"] for line in text.stdout.splitlines()} == {"fiksi-script"}
    dated = run("events", "--db", db, "--since", "2025-06-01", "--until", "2025-06-30", "--format", "jsonl")
    assert all("2025-06" in json.loads(line)["date"]["start"] for line in dated.stdout.splitlines())
    limited = run("events", "--db", db, "--limit", "2", "--format", "jsonl")
    assert len(limited.stdout.splitlines()) == 2
    actor = run("events", "--db", db, "--actor", "TNI", "--format", "jsonl")
    assert {json.loads(line)["doc_id"] for line in actor.stdout.splitlines()} == {"fiksi-puncak"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--country", "Iran"], "alpha-3"),
        (["--near", "Atlantis Raya Sekali"], "unknown place"),
        (["--since", "2025-02-01", "--until", "2025-01-01"], "is after"),
        (["--since", "1/2/2025"], "since"),
        (["--format", "parquet"], "needs -o"),
    ],
)
def test_events_usage_errors(db: str, args: list[str], says: str) -> None:
    res = CliRunner().invoke(main, ["events", "--db", db, *args])
    assert res.exit_code == 2 and says in res.output


def test_events_csv_and_parquet(db: str, tmp_path: Path) -> None:
    res = run("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    n = sum(len(r.events) for _, r in seeded())
    assert len(rows) == n and list(rows[0]) == list(FLAT_COLUMNS)
    assert {r["doc_id"] for r in rows} == {doc.id for doc, _ in seeded()}
    out = tmp_path / "ev.parquet"
    assert run("events", "--db", db, "--format", "parquet", "-o", str(out)).exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == n and table.column_names == list(FLAT_COLUMNS)
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("fatalities_min").type) == "int64"


def test_actors_list_and_profile(db: str) -> None:
    res = run("actors", "--db", db)
    assert res.exit_code == 0 and "[Q801]" in res.stdout
    prof = run("actors", "--db", db, "Israel")
    assert prof.exit_code == 0
    assert (
        prof.stdout.startswith("Israel  [Q801]")
        and "events (" in prof.stdout
        and "fiksi-teheran" in prof.stdout
    )
    hamas = run("actors", "--db", db, "hamas", "--format", "json")
    data = json.loads(hamas.stdout)
    assert data["key"] == "kb:hamas" and any(a["source"] == "kb" for a in data["affiliations"])
    missing = CliRunner().invoke(main, ["actors", "--db", db, "Tidak Ada Aktor Ini"])
    assert missing.exit_code == 1 and "no actor matches" in missing.output


def test_export_acled(db: str) -> None:
    res = run("export", "--db", db, "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    tehran = [r for r in rows if r["location"] == "Tehran"]
    assert tehran and tehran[0]["country"] == "Iran" and tehran[0]["iso3"] == "IRN"
    strike = next(r for r in rows if r["plover_mode"] == "aerial" and r["location"] == "Tehran")
    assert (strike["event_type"], strike["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert strike["fatalities"] == "12" and strike["time_precision"] == "1"
    assert (strike["actor1"], strike["inter1"]) == ("Military Forces of Israel", "1")  # a state in an attack
    assert (strike["iso"], strike["region"], strike["year"]) == ("364", "Middle East", "2025")
    assert (strike["cameo_root"], strike["goldstein"], strike["quad_class"]) == ("19", "-10.0", "4")
    assert strike["event_id_cnty"].startswith("IRN") and strike["doc_ids"] == "fiksi-teheran"
    assert all(r["fatalities"] != "" for r in rows)  # ACLED writes 0, never blank
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    assert "incidents exported" in res.stderr
    one = run("export", "--db", db, "--format", "acled-csv", "--type", "PROTEST")
    protests = list(csv.DictReader(io.StringIO(one.stdout)))
    assert {r["plover_type"] for r in protests} == {"PROTEST"}
    bandung = next(r for r in protests if r["doc_ids"] == "fiksi-bandung")
    assert (bandung["actor1"], bandung["assoc_actor_1"], bandung["inter1"], bandung["event_type"]) == (
        "Protesters (Indonesia)", "Students (Indonesia)", "6", "Protests")
    assert "crowd size=no report" in bandung["tags"] and bandung["source_scale"] == "National"
    per = run("export", "--db", db, "--format", "acled-csv", "--per-report", "--acled-only")
    per_rows = list(csv.DictReader(io.StringIO(per.stdout)))
    assert list(per_rows[0]) == list(ACLED_COLUMNS) and "events exported" in per.stderr
    assert len(per_rows) == sum(len(r.events) for _, r in seeded()) >= len(rows)
    bad = CliRunner().invoke(main, ["export", "--db", db, "--format", "plover-jsonl", "--per-report"])
    assert bad.exit_code == 2 and "acled-csv only" in bad.output


def test_export_plover_and_parquet(db: str, tmp_path: Path) -> None:
    res = run("export", "--db", db, "--format", "plover-jsonl")
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == sum(len(r.events) for _, r in seeded())
    rec = next(r for r in recs if r["event"] == "ASSAULT" and r["actor"] == "Israel")
    assert rec["geolocation"]["country"] == "IRN" and rec["dead"] == 12 and rec["context"] is None
    assert rec["id"].startswith(document_hash(next(d for d, _ in seeded() if d.id == "fiksi-teheran")))
    out = tmp_path / "x.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", str(out)).exit_code == 0
    assert CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"]).exit_code == 2


def test_ingest_builds_incidents_and_the_commands_show_them(tmp_path: Path) -> None:
    articles = tmp_path / "serangan.jsonl"
    articles.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in INCIDENT_ARTICLES),
                        encoding="utf-8")
    path = str(tmp_path / "inc.db")
    res = run("ingest", str(articles), "--db", path, "--no-nlp", "--rules-only")
    assert res.exit_code == 0 and "2 documents stored" in res.stderr
    assert "incidents in the store" in res.stderr
    found = run("incidents", "--db", path, "--min-reports", "2")
    assert found.exit_code == 0, found.output
    (record,) = [json.loads(line) for line in found.stdout.splitlines()]
    assert (record["type"], record["n_reports"], record["n_outlets"]) == ("ASSAULT", 2, 2)
    assert {s["doc_id"] for s in record["sources"]} == {"lintas-101", "kabar-pagi-55"}
    assert record["fatalities"] == {"best": 2, "min": 2, "max": 3, "reports": 2}
    with Store.open(path) as store:
        got = store.incident(record["id"])
        assert got is not None and got.to_dict() == record
        n = store.count_incidents()
    # ingesting again stores nothing and leaves the incidents as they are
    again = run("ingest", str(articles), "--db", path, "--no-nlp", "--rules-only")
    assert "0 documents stored" in again.stderr and "incidents in the store" not in again.stderr
    rebuilt = run("incidents", "--db", path, "--rebuild", "--max-km", "10", "--format", "csv")
    assert f"{n} incidents stored" in rebuilt.stderr
    table = list(csv.DictReader(io.StringIO(rebuilt.stdout)))
    assert list(table[0]) == list(INCIDENT_COLUMNS) and len(table) == n
    (row,) = [r for r in table if r["n_reports"] == "2"]
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == ("2", "2", "3")
    assert row["outlets"] == "Kabar Pagi; Lintas Nusantara" and row["location"] == "Sinak"
    exported = run("export", "--db", path, "--format", "incidents-csv", "--type", "ASSAULT")
    assert exported.exit_code == 0 and f"{len(table)} incidents exported" in exported.stderr
    assert list(csv.DictReader(io.StringIO(exported.stdout))) == [r for r in table if r["type"] == "ASSAULT"]
    none = run("export", "--db", path, "--format", "incidents-csv", "--country", "IRN")
    assert list(csv.DictReader(io.StringIO(none.stdout))) == [] and "0 incidents exported" in none.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["incidents", "--rebuild", "x.jsonl"], "give --db"),
        (["incidents", "--db", "{db}", "--max-km", "10"], "add --rebuild"),
        (["incidents", "--db", "{db}", "x.jsonl"], "not both"),
        (["export", "--db", "{db}", "--format", "incidents-csv", "--actor", "Israel"], "do not apply"),
        (["export", "--db", "{db}", "--format", "incidents-csv", "--text", "rudal"], "do not apply"),
        (["export", "--db", "{db}", "--format", "incidents-csv", "--country", "Iran"], "ISO 3166"),
    ],
)
def test_incident_usage_errors(db: str, args: list[str], says: str) -> None:
    res = CliRunner().invoke(main, [a.replace("{db}", db) for a in args])
    assert res.exit_code == 2 and says in res.output


def test_parquet_export_writes_the_incidents_next_to_the_events(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store.open(db) as store:
        n = store.count_incidents()
        assert n > 0  # built by ingest
        expected = [inc.id for inc in store.iter_incidents()]
    out = tmp_path / "semua.parquet"
    res = run("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert res.exit_code == 0 and f", {n} incidents" in res.stderr
    table = pq.read_table(tmp_path / "semua.incidents.parquet")
    assert table.column_names == list(INCIDENT_COLUMNS)
    assert table.column("incident_id").to_pylist() == expected
    assert str(table.schema.field("n_reports").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("historical").type) == "bool"
    assert pq.read_table(out).num_rows == sum(len(r.events) for _, r in seeded())
    res = run("export", "--db", db, "--format", "parquet", "--type", "PROTEST", "-o", str(out))
    assert res.exit_code == 0
    protests = pq.read_table(tmp_path / "semua.incidents.parquet")
    assert set(protests.column("type").to_pylist()) == {"PROTEST"}


def test_serve_binds_loopback_by_default(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.delenv("PERISTIWA_TOKEN", raising=False)
    res = run("serve", "--db", db)
    assert res.exit_code == 0 and seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "writes off" in res.stderr
    monkeypatch.setenv("PERISTIWA_TOKEN", "abc")
    res = run("serve", "--db", db, "--host", "0.0.0.0", "--port", "9001")
    assert seen["host"] == "0.0.0.0" and seen["port"] == 9001 and "writes on" in res.stderr


def test_every_store_command_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in ("ingest", "events", "actors", "export", "serve", "batch", "incidents"):
        assert f"peristiwa {command}" in readme
        assert main.commands[command].help


# ---------------------------------------------------------------------- the mappings themselves


def _ev(type_: str, mode: str | None = None, sectors: tuple[str | None, ...] = ()) -> StoredEvent:
    return StoredEvent.from_dict({"id": "e", "type": type_, "mode": mode,
                                  "targets": [{"name": "x", "sector": s} for s in sectors]})


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (_ev("ASSAULT", "aerial"), ("Explosions/Remote violence", "Air/drone strike")),
        (_ev("ASSAULT", "drone"), ("Explosions/Remote violence", "Air/drone strike")),
        (
            _ev("ASSAULT", "heavy-weapons"),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (_ev("ASSAULT", "explosives"), ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        (_ev("ASSAULT", "abduct"), ("Violence against civilians", "Abduction/forced disappearance")),
        (_ev("ASSAULT", "crowd-control"), ("Protests", "Excessive force against protesters")),
        (_ev("ASSAULT", "destroy"), ("Strategic developments", "Looting/property destruction")),
        (_ev("ASSAULT", "firearms", ("MIL",)), ("Battles", "Armed clash")),
        (_ev("ASSAULT", None, (None, "COP")), ("Battles", "Armed clash")),
        (_ev("ASSAULT", "firearms", ("CVL",)), ("Violence against civilians", "Attack")),
        (_ev("ASSAULT"), ("Violence against civilians", "Attack")),
        (_ev("PROTEST", "riot"), ("Riots", "Violent demonstration")),
        (_ev("PROTEST", "demo"), ("Protests", "Peaceful protest")),
        (_ev("COERCE", "arrest"), ("Strategic developments", "Arrests")),
        (_ev("COERCE", "crowd-control"), ("Protests", "Protest with intervention")),
        (_ev("COERCE", "seize"), ("Strategic developments", "Looting/property destruction")),
        (_ev("COERCE", "curfew"), ("Strategic developments", "Other")),
        (_ev("AGREE"), ("Strategic developments", "Agreement")),
        (_ev("RETREAT", "ceasefire"), ("Strategic developments", "Agreement")),
        (_ev("RETREAT", "withdraw"), ("Strategic developments", "Non-violent transfer of territory")),
        (_ev("THREATEN", "violence"), ("Strategic developments", "Other")),
        (_ev("REQUEST", "change"), ("Strategic developments", "Other")),
    ],
)
def test_acled_type(ev: StoredEvent, expected: tuple[str, str]) -> None:
    assert acled_type(ev) == expected


@pytest.mark.parametrize(
    ("date", "precision"),
    [
        (None, None),
        ({"start": "2025-06-13", "end": "2025-06-13", "precision": "day"}, 1),
        ({"start": "2025-06-13", "end": "2025-06-13", "precision": "publication"}, 2),
        ({"start": "2025-06-09", "end": "2025-06-15", "precision": "week"}, 2),
        ({"start": "2025-06-01", "end": "2025-06-30", "precision": "month"}, 3),
        ({"start": "2019-01-01", "end": "2019-12-31", "precision": "year"}, 3),
    ],
)
def test_time_precision(date: dict[str, str] | None, precision: int | None) -> None:
    assert time_precision(EventDate.from_dict(date) if date else None) == precision


def test_acled_and_plover_rows_of_a_range() -> None:
    ev = {
        "id": "ev1",
        "type": "ASSAULT",
        "mode": "heavy-weapons",
        "doc_id": "d",
        "document": "c" * 32,
        "actors": [{"name": "A", "country": "IRN"}, {"name": "B", "country": None}],
        "targets": [
            {"name": "T1", "country": "ISR", "sector": None},
            {"name": "T2", "country": None, "sector": None},
        ],
        "date": {"text": "Jumat", "start": "2025-06-13", "end": "2025-06-13", "precision": "day"},
        "location": {
            "text": "Tel Aviv",
            "name": "Tel Aviv",
            "country": "ISR",
            "admin1": "Tel Aviv",
            "lat": 32.08,
            "lon": 34.78,
            "precision": "city",
        },
        "fatalities": {"min": 20, "max": 99, "text": "puluhan"},
        "injuries": None,
        "trigger": {"start": 0, "end": 1, "text": "x"},
        "evidence": {"start": 0, "end": 9, "text": "Rudal  jatuh\n"},
        "historical": False,
        "confidence": 0.8,
        "source": "Warta",
        "url": None,
    }
    stored = StoredEvent.from_dict(ev)
    row = acled_row(stored)
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]) == (
        "A",
        "B",
        "T1",
        "T2",
    )
    assert (row["country"], row["geo_precision"], row["fatalities"], row["notes"]) == (
        "Israel",
        1,
        20,
        "Rudal jatuh",
    )
    rec = plover_record(stored)
    assert rec["actor"] == "A; B" and rec["recipient_country"] == "ISR" and rec["dead"]["min"] == 20
