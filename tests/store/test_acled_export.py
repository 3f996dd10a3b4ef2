"""The ACLED export: incident-level rows whose counts sum, ACLED's columns, the API endpoint.

The dev-store tests ingest the 44 development articles (read from ../shared, never copied) and
hold the issue's bounds: the incident-level fatalities sum to at most twice the tolls of the
dev gold's required events, and no row exceeds the gold's largest single-act toll.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import DEV_DOCS, DEV_GOLD, load_jsonl
from fastapi.testclient import TestClient
from store_seed import incident_seeded, seeded

from peristiwa.api import create_app
from peristiwa.ingest.to_store import ingest
from peristiwa.settings import Settings
from peristiwa.store import Store
from peristiwa.store.export import ACLED_COLUMNS, ACLED_EXTRA_COLUMNS, acled_record, acled_rows
from peristiwa.store.records import StoredEvent

# ACLED's columns, in ACLED's order (ACLED Codebook).
ACLED = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def test_acled_columns_are_acleds_in_order() -> None:
    assert ACLED_COLUMNS == ACLED
    assert not set(ACLED_EXTRA_COLUMNS) & set(ACLED)
    assert {"cameo_root", "goldstein", "quad_class", "doc_ids", "urls", "incident_id"} <= set(ACLED_EXTRA_COLUMNS)


# ---------------------------------------------------------------------- one incident from its reports


def _report(doc: str, deaths: Any, *, evidence: str = "Serangan menewaskan warga.", **extra: Any) -> StoredEvent:
    return StoredEvent.from_dict({
        "id": "ev1", "type": "ASSAULT", "mode": "firearms", "doc_id": doc, "document": doc * 4,
        "actors": [{"name": "orang", "text": "orang tak dikenal", "country": None}],
        "targets": [{"name": "warga", "text": "tiga warga", "country": None}],
        "date": {"text": "Senin", "start": "2025-04-07", "end": "2025-04-07", "precision": "day"},
        "location": {"text": "Sinak", "name": "Sinak", "country": "IDN", "admin1": "Papua Tengah",
                     "lat": -3.8, "lon": 137.8, "precision": "district"},
        "fatalities": deaths, "injuries": None,
        "trigger": {"start": 0, "end": 8, "text": "Serangan"},
        "evidence": {"start": 0, "end": len(evidence), "text": evidence},
        "historical": False, "confidence": 0.9, "source": f"Outlet {doc}", "url": f"https://example.org/{doc}",
        "published": "2025-04-08", "ingested_at": "2025-04-08T10:00:00+00:00",
        **extra,
    })


def test_an_incident_takes_the_best_supported_toll_never_the_sum() -> None:
    reports = [_report("a", 2), _report("b", 3, evidence="Tiga warga tewas [img.1] diSinak."), _report("c", 3)]
    row = acled_record(reports, incident_id="inc0123456789abcdef")
    assert row["fatalities"] == 3 and (row["fatalities_min"], row["fatalities_max"]) == (2, 3)
    assert row["tags"] == "fatalities reported 2-3"
    assert row["n_reports"] == 3 and row["doc_ids"] == "a; b; c"
    assert row["urls"] == "https://example.org/a; https://example.org/b; https://example.org/c"
    assert row["source"] == "Outlet a; Outlet b; Outlet c" and row["source_scale"] == "National"
    assert row["event_id_cnty"] == "IDN0123456789abcdef"
    # the notes are the evidence of a report that gave the kept figure, shown cleanly
    assert row["notes"] == "Tiga warga tewas di Sinak."
    assert reports[1].event.evidence.text == "Tiga warga tewas [img.1] diSinak."  # the stored text is untouched
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Unidentified Armed Group (Indonesia)", 3, "Civilians (Indonesia)", 7, 37)
    assert (row["event_type"], row["sub_event_type"], row["civilian_targeting"]) == (
        "Violence against civilians", "Attack", "Civilian targeting")
    assert (row["iso"], row["region"], row["admin3"], row["geo_precision"]) == (360, "Southeast Asia", "Sinak", 1)
    assert (row["year"], row["time_precision"], row["timestamp"]) == (2025, 1, 1744106400)
    assert (row["cameo_root"], row["goldstein"], row["quad_class"]) == ("19", -10.0, 4)


def test_vague_and_missing_tolls() -> None:
    row = acled_record([_report("a", {"min": 20, "max": 99, "text": "puluhan"}), _report("b", None)])
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == (20, 20, 99)
    none = acled_record([_report("a", None)])
    assert none["fatalities"] == 0 and none["fatalities_min"] == "" and none["tags"] == ""


def test_police_against_a_crowd_and_a_mob() -> None:
    dispersal = _report("a", None, mode="crowd-control", type="COERCE",
                        actors=[{"name": "polisi", "text": "polisi"}],
                        targets=[{"name": "demonstran", "text": "demonstran"}])
    row = acled_record([dispersal])
    assert (row["event_type"], row["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert (row["actor1"], row["actor2"], row["interaction"]) == (
        "Protesters (Indonesia)", "Police Forces of Indonesia", 16)
    mob = _report("b", 1, mode="beat", actors=[{"name": "massa", "text": "massa"}])
    row = acled_record([mob])
    assert (row["event_type"], row["sub_event_type"], row["actor1"], row["inter1"]) == (
        "Riots", "Mob violence", "Rioters (Indonesia)", 5)
    assert row["civilian_targeting"] == "Civilian targeting" and row["interaction"] == 57


# ---------------------------------------------------------------------- the API


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(str(tmp_path_factory.mktemp("acled") / "acled.db"))
    for doc, result in (*seeded(), *incident_seeded()):
        s.add(doc, result)
    s.rebuild_incidents()
    yield s
    s.close()


def test_two_reports_of_one_attack_are_one_row(small_store: Store) -> None:
    rows = list(acled_rows(small_store))
    per = list(acled_rows(small_store, per_report=True))
    assert len(per) == small_store.count_events() and len(rows) == small_store.count_incidents()
    (sinak,) = [r for r in rows if r["n_reports"] == 2]
    assert set(sinak["doc_ids"].split("; ")) == {"lintas-101", "kabar-pagi-55"}
    assert sinak["fatalities"] in (2, 3) and sinak["fatalities_max"] == 3  # one of the reports, not 5
    assert sum(r["fatalities"] for r in per if r["doc_ids"] in ("lintas-101", "kabar-pagi-55")) == 5
    # every report is in exactly one incident row
    ids = [i for r in rows for i in r["event_ids"].split("; ")]
    assert sorted(ids) == sorted(r["event_ids"] for r in per)


def test_api_export(small_store: Store) -> None:
    app = create_app(small_store, settings=Settings(use_nlp=False))
    with TestClient(app) as client:
        res = client.get("/api/export/acled.csv")
        assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(res.text)))
        assert len(rows) == small_store.count_incidents()
        assert list(rows[0]) == [*ACLED_COLUMNS, *ACLED_EXTRA_COLUMNS]
        per = client.get("/api/export/acled.csv", params={"per_report": "true", "acled_only": "true",
                                                            "type": "ASSAULT"})
        per_rows = list(csv.DictReader(io.StringIO(per.text)))
        assert list(per_rows[0]) == list(ACLED_COLUMNS)
        assert len(per_rows) == small_store.count_events(_assault_filter())
        assert client.get("/api/export/acled.csv", params={"per_report": "perhaps"}).status_code == 422
        events = client.get("/api/events", params={"type": "ASSAULT", "limit": 5}).json()["items"]
        assert events and all(ev["cameo_root"] in ("18", "19", "20", "17") for ev in events)
        assert all(isinstance(ev["goldstein"], float) and ev["quad_class"] == 4 for ev in events)
        assert all("category" in p for ev in events for p in ev["actors"] + ev["targets"])


def _assault_filter() -> Any:
    from peristiwa.store import EventFilter

    return EventFilter(types=("ASSAULT",))


# ---------------------------------------------------------------------- the dev store: counts that sum


def _toll(value: Any) -> int:
    if isinstance(value, list):
        return int(value[-1])  # a range counts at its upper bound: the bound stays generous
    return int(value or 0)


@pytest.fixture(scope="module")
def dev_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    if not (DEV_DOCS.exists() and DEV_GOLD.exists()):
        pytest.skip("../shared/data/dev is not present")
    from peristiwa.ingest import read_inputs

    with Store.open(str(tmp_path_factory.mktemp("dev") / "dev.db")) as store:
        ingest(store, read_inputs([str(DEV_DOCS)]), settings=Settings())  # what `peristiwa ingest` does
        store.rebuild_incidents()
        return list(acled_rows(store))


def _gold_tolls() -> list[int]:
    return [_toll(g.get("fatalities")) for g in load_jsonl(DEV_GOLD) if g.get("kind") == "event" and g.get("required")]


def _offenders(rows: list[dict[str, Any]], above: int) -> str:
    worst = sorted((r for r in rows if r["fatalities"] > above), key=lambda r: -r["fatalities"])
    return "; ".join(f"{r['fatalities']} in {r['doc_ids']} ({r['plover_type']} {r['event_date']})" for r in worst)


def test_dev_incident_fatalities_sum_to_at_most_twice_the_gold(dev_rows: list[dict[str, Any]]) -> None:
    gold = sum(_gold_tolls())
    total = sum(r["fatalities"] for r in dev_rows)
    assert total <= 2 * gold, (
        f"incident-level fatalities sum to {total}, over twice the gold's {gold}; largest rows: "
        + _offenders(dev_rows, max(_gold_tolls()))
    )


def test_dev_no_incident_exceeds_the_largest_gold_toll(dev_rows: list[dict[str, Any]]) -> None:
    largest = max(_gold_tolls())
    assert not [r for r in dev_rows if r["fatalities"] > largest], (
        f"rows over the gold's largest single-act toll ({largest}): " + _offenders(dev_rows, largest)
    )


def test_dev_rows_are_incidents_with_acled_codes(dev_rows: list[dict[str, Any]]) -> None:
    assert all(r["fatalities"] <= (r["fatalities_max"] or 0) for r in dev_rows)  # never a sum of reports
    assert any(r["n_reports"] > 1 for r in dev_rows)
    assert all(r["cameo_root"] and r["quad_class"] in (1, 2, 3, 4) for r in dev_rows)
    assert all(not r["inter1"] or 1 <= r["inter1"] <= 8 for r in dev_rows)
    assert all("[img." not in r["notes"] and "[video." not in r["notes"] for r in dev_rows)
    assert {r["region"] for r in dev_rows} >= {"Southeast Asia", "Middle East"}
