"""Incidents: reports of the same act in different articles fold together; unrelated events never do."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from peristiwa.cli import main
from peristiwa.corpus.incidents import Incident, cluster_incidents, haversine_km, incident_row
from peristiwa.pipeline import extract, pipe
from peristiwa.settings import Settings
from peristiwa.types import Document, Result

# Incident clustering is tested on the rule stage's events, which do not move when the learned
# models are retrained; how well events are read is the eval gate's business.
RULES = Settings(use_nlp=False, learned=False)

# ------------------------------------------------------------------ hand-built results

OBA = {"name": "Oba", "country": "IDN", "admin1": "Maluku Utara", "lat": 0.687, "lon": 127.4, "precision": "district"}
TERNATE = {"name": "Ternate", "country": "IDN", "admin1": "Maluku Utara", "lat": 0.791, "lon": 127.384,
           "precision": "city"}
MALUKU_UTARA = {"name": "Maluku Utara", "country": "IDN", "admin1": "Maluku Utara", "lat": 1.57, "lon": 127.8,
                "precision": "admin1"}
AMBON = {"name": "Ambon", "country": "IDN", "admin1": "Maluku", "lat": -3.695, "lon": 128.18, "precision": "city"}
PATUNG_KUDA = {"name": "kawasan Patung Kuda", "country": "IDN", "admin1": "DKI Jakarta", "lat": -6.177,
               "lon": 106.823, "precision": "site"}
MERDEKA_SELATAN = {"name": "Jalan Medan Merdeka Selatan", "country": "IDN", "admin1": None, "lat": -6.182,
                   "lon": 106.829, "precision": "site"}
SURABAYA = {"name": "Surabaya", "country": "IDN", "admin1": "Jawa Timur", "lat": -7.249, "lon": 112.751,
            "precision": "city"}
IRAN = {"name": "Iran", "country": "IRN", "admin1": None, "lat": 35.694, "lon": 51.422, "precision": "country"}
TEHRAN = {"name": "Tehran", "country": "IRN", "admin1": "Tehran", "lat": 35.694, "lon": 51.422, "precision": "city"}
ISFAHAN = {"name": "Isfahan", "country": "IRN", "admin1": "Esfahan", "lat": 32.657, "lon": 51.677, "precision": "city"}
ISRAEL = {"name": "Israel", "country": "ISR", "admin1": None, "lat": 31.769, "lon": 35.216, "precision": "country"}

ENTITIES = {
    "israel": {"id": "e1", "name": "Israel", "type": "GPE", "kb_id": "Q801", "country": "ISR"},
    "iran": {"id": "e2", "name": "Iran", "type": "GPE", "kb_id": "Q794", "country": "IRN"},
    "idf": {"id": "e3", "name": "Israel Defense Forces", "type": "ORG", "kb_id": "Q58810", "country": "ISR"},
    "polri": {"id": "e4", "name": "Kepolisian Negara Republik Indonesia", "type": "ORG", "kb_id": "Q1200045",
              "country": "IDN"},
    "kpk": {"id": "e5", "name": "Komisi Pemberantasan Korupsi", "type": "ORG", "kb_id": "Q1521432",
            "country": "IDN"},
}


def who(name: str, *, entity: str | None = None, country: str | None = None) -> dict[str, Any]:
    """A participant; ``entity`` names one of ENTITIES (it gets that entity's id and country)."""
    if entity is not None:
        ent = ENTITIES[entity]
        return {"entity": ent["id"], "text": name, "name": ent["name"], "country": ent["country"]}
    return {"entity": None, "text": name, "name": name, "country": country}


def event(ev_id: str = "ev1", *, type: str = "ASSAULT", day: str | None = "2025-03-03", end: str | None = None,
          precision: str = "day", place: dict[str, Any] | None = None, actors: tuple[dict[str, Any], ...] = (),
          targets: tuple[dict[str, Any], ...] = (), fatalities: Any = None, mode: str | None = None) -> dict[str, Any]:
    return {"id": ev_id, "type": type, "mode": mode, "actors": list(actors), "targets": list(targets),
            "date": {"text": None, "start": day, "end": end or day, "precision": precision} if day else None,
            "location": {"text": place["name"], **place} if place else None,
            "fatalities": fatalities, "injuries": None,
            "trigger": {"start": 0, "end": 7, "text": "menyerang"},
            "evidence": {"start": 0, "end": 30, "text": f"kalimat bukti {ev_id}"},
            "historical": False, "confidence": 0.8}


def result(doc_id: str, *events: dict[str, Any], source: str | None = None,
           published: str | None = "2025-03-04") -> Result:
    used = {p["entity"] for ev in events for p in ev["actors"] + ev["targets"] if p["entity"]}
    entities: list[dict[str, Any]] = [{**e, "sector": None, "mentions": []} for e in ENTITIES.values()
                                      if e["id"] in used]
    return Result.from_dict({"doc_id": doc_id, "lang": "id", "published": published, "entities": entities,
                             "events": list(events), "relations": [], "title": None,
                             "source": source or f"Outlet {doc_id}", "url": None})


def groups(incidents: list[Incident]) -> set[frozenset[str]]:
    return {frozenset(s.doc_id for s in inc.sources) for inc in incidents}


def merged(a: dict[str, Any], b: dict[str, Any]) -> bool:
    found = cluster_incidents([result("a", a), result("b", b)])
    return len(found) == 1


POLICE = who("polisi", entity="polri")
GUNMEN = who("kelompok bersenjata", country="IDN")

SAME_ACT = [
    ("same place and day, one report names no actor",
     event(place=OBA, targets=(POLICE,)), event(place=OBA, actors=(GUNMEN,), targets=(POLICE,))),
    ("places 12 km apart (Oba and Ternate), adjacent days",
     event(place=OBA), event(day="2025-03-04", place=TERNATE)),
    ("a city inside the province named by the other report",
     event(place=TERNATE), event(place=MALUKU_UTARA)),
    ("a date from the publication day next to an exact date",
     event(place=OBA), event(day="2025-03-04", precision="publication", place=OBA)),
    ("two sites in central Jakarta, a generic crowd on one side",
     event(type="PROTEST", place=PATUNG_KUDA, actors=(who("massa"),)),
     event(type="PROTEST", place=MERDEKA_SELATAN, actors=(who("mahasiswa", country="IDN"),))),
    ("a country-level place and a shared actor",
     event(place=IRAN, actors=(who("Israel", entity="israel"),)),
     event(place=TEHRAN, actors=(who("Israel", entity="israel"),), targets=(who("Iran", entity="iran"),))),
    ("a province and a site of unknown province, with a shared actor",
     event(place=MALUKU_UTARA, actors=(POLICE,)), event(place={**OBA, "admin1": None}, actors=(POLICE,))),
    ("the state and its army, unlinked forces of the same country",
     event(place=TEHRAN, actors=(who("Israel", entity="israel"),)),
     event(place=TEHRAN, actors=(who("militer Israel", entity="idf"),), targets=(who("warga Iran", country="IRN"),))),
]

NOT_THE_SAME = [
    ("another type", event(place=OBA), event(type="PROTEST", place=OBA)),
    ("places far apart (Oba and Ambon, 490 km)", event(place=OBA), event(place=AMBON)),
    ("another province when one is a province", event(place=AMBON), event(place=MALUKU_UTARA)),
    ("two days apart", event(place=OBA), event(day="2025-03-05", place=OBA)),
    ("a month-long date is too vague", event(place=OBA),
     event(day="2025-03-01", end="2025-03-31", precision="month", place=OBA)),
    ("different countries", event(place=TEHRAN), event(place=ISRAEL)),
    ("opposite attackers in one country",
     event(place=TEHRAN, actors=(who("Israel", entity="israel"),)),
     event(place=TEHRAN, actors=(who("Iran", entity="iran"),))),
    ("two linked organisations of one country are not the same actor",
     event(type="COERCE", place=SURABAYA, actors=(POLICE,)),
     event(type="COERCE", place=SURABAYA, actors=(who("KPK", entity="kpk"),))),
    ("a province and a site of unknown province, nobody shared",
     event(place=MALUKU_UTARA), event(place={**OBA, "admin1": None})),
    ("only the country in common and nobody shared",
     event(place=IRAN), event(place=ISFAHAN)),
    ("the country and the actor, but both dates are only publication days",
     event(day="2025-03-04", precision="publication", place=IRAN, actors=(who("Israel", entity="israel"),)),
     event(day="2025-03-04", precision="publication", place=ISFAHAN, actors=(who("Israel", entity="israel"),))),
    ("a missing place and only the actor in common",
     event(place=None, actors=(who("Israel", entity="israel"),)),
     event(place=TEHRAN, actors=(who("Israel", entity="israel"),))),
]


@pytest.mark.parametrize(("case", "a", "b"), SAME_ACT, ids=[c[0] for c in SAME_ACT])
def test_reports_of_the_same_act_fold_into_one_incident(case: str, a: dict[str, Any], b: dict[str, Any]) -> None:
    assert merged(a, b), case
    assert merged(b, a), case


@pytest.mark.parametrize(("case", "a", "b"), NOT_THE_SAME, ids=[c[0] for c in NOT_THE_SAME])
def test_unrelated_events_never_merge(case: str, a: dict[str, Any], b: dict[str, Any]) -> None:
    assert not merged(a, b), case
    assert not merged(b, a), case


def test_one_document_gives_at_most_one_report_of_an_incident() -> None:
    found = cluster_incidents([result("a", event("ev1", place=OBA), event("ev2", place=OBA)),
                               result("b", event("ev9", place=OBA))])
    assert sorted(inc.n_reports for inc in found) == [1, 2]
    assert all(len({s.doc_id for s in inc.sources}) == len(inc.sources) for inc in found)


def test_every_member_must_agree_not_only_a_neighbour() -> None:
    # Oba–Ternate 12 km, Ternate–north 45 km, Oba–north 56 km: no chain through Ternate
    north = {"name": "Tanjung Utara", "country": "IDN", "admin1": "Maluku Utara", "lat": 1.195, "lon": 127.384,
             "precision": "site"}
    found = cluster_incidents([result("a", event(place=OBA)), result("b", event(place=TERNATE)),
                               result("c", event(place=north))])
    assert haversine_km(0.687, 127.4, 1.195, 127.384) > 50 > haversine_km(0.791, 127.384, 1.195, 127.384)
    assert groups(found) == {frozenset({"a", "b"}), frozenset({"c"})}


def test_an_event_without_a_date_takes_the_publication_day_else_stays_alone() -> None:
    dated = result("a", event(place=OBA))
    assert len(cluster_incidents([dated, result("b", event(day=None, place=OBA), published="2025-03-04")])) == 1
    assert len(cluster_incidents([dated, result("b", event(day=None, place=OBA), published=None)])) == 2


@pytest.mark.parametrize(("figures", "best", "low", "high"), [
    ([2, 2, 3], 2, 2, 3),                            # the figure reported most often
    ([2, 3], 2, 2, 3),                               # a tie: nearest the median, then the lower
    ([3, 5, 5, 40], 5, 3, 40),
    ([{"min": 20, "max": 99, "text": "puluhan"}, 25], 25, 20, 99),  # a vague figure widens the range
    ([{"min": 10, "max": 19, "text": "belasan"}, {"min": 20, "max": 99, "text": "puluhan"}], 10, 10, 99),
    ([0, None, 1], 0, 0, 1),
])
def test_best_supported_fatality_figure_and_range(figures: list[Any], best: int, low: int, high: int) -> None:
    found = cluster_incidents([result(f"d{i}", event(place=OBA, fatalities=f)) for i, f in enumerate(figures)])
    assert len(found) == 1
    fat = found[0].fatalities
    assert fat is not None
    assert (fat.best, fat.min, fat.max, fat.reports) == (best, low, high, sum(f is not None for f in figures))


def test_sources_outlets_and_deterministic_ids() -> None:
    rows = [result("a", event("ev3", place=OBA, targets=(POLICE,)), source="Kabar Timur"),
            result("b", event("ev1", place=TERNATE), source="Kabar Timur"),
            result("c", event("ev7", place=OBA, actors=(GUNMEN,)), source="Warta Maluku", published="2025-03-03")]
    found = cluster_incidents(rows)
    again = cluster_incidents(list(reversed(rows)))
    assert [inc.to_dict() for inc in found] == [inc.to_dict() for inc in again]
    (inc,) = found
    assert inc.id.startswith("inc") and len(inc.id) == 19
    assert (inc.n_reports, inc.n_outlets, inc.outlets) == (3, 2, ("Kabar Timur", "Warta Maluku"))
    assert [(s.doc_id, s.event_id) for s in inc.sources] == [("c", "ev7"), ("a", "ev3"), ("b", "ev1")]
    assert inc.location is not None and inc.location.name == "Oba"  # the finer place, reported twice
    assert [a.name for a in inc.actors] == ["kelompok bersenjata"]
    data = inc.to_dict()
    assert data["sources"][0]["evidence"] == {"start": 0, "end": 30, "text": "kalimat bukti ev7"}
    assert json.loads(json.dumps(data)) == data
    row = incident_row(inc)
    assert (row["n_reports"], row["doc_ids"], row["date_start"]) == (3, "c; a; b", "2025-03-03")
    other = cluster_incidents(rows[:2])
    assert other[0].id != inc.id


def test_min_reports_and_singletons() -> None:
    rows = [result("a", event(place=OBA)), result("b", event(place=OBA)), result("c", event(place=AMBON))]
    assert sorted(i.n_reports for i in cluster_incidents(rows)) == [1, 2]
    assert [i.n_reports for i in cluster_incidents(rows, min_reports=2)] == [2]


# ------------------------------------------------------------------ fictional articles through extract()

ARTICLES = [
    Document(id="kabar-1", source="Kabar Timur", published="2025-03-04T08:00", text=(
        "Sekelompok orang bersenjata menyerang pos polisi di Kecamatan Oba, Kota Tidore Kepulauan, Maluku Utara, "
        "pada Senin (3/3/2025) dini hari. Serangan itu menewaskan dua anggota polisi dan melukai lima warga.")),
    Document(id="warta-7", source="Warta Maluku", published="2025-03-03T21:15", text=(
        "Dua polisi tewas setelah pos mereka di Kecamatan Oba, Kota Tidore Kepulauan, diserbu kawanan bersenjata "
        "api pada Senin (3/3/2025) pagi. Kapolda Maluku Utara menyebut tiga orang lain terluka dalam penyerangan "
        "tersebut.")),
    Document(id="suara-3", source="Suara Jawa", published="2025-03-03T18:00", text=(
        "Ratusan mahasiswa berunjuk rasa di depan Gedung DPRD Jawa Timur di Surabaya, Senin (3/3/2025), menolak "
        "kenaikan biaya kuliah.")),
    Document(id="berita-4", source="Berita Papua", published="2025-03-04", text=(
        "Kelompok bersenjata menembaki pos TNI di Distrik Ilaga, Kabupaten Puncak, Papua Tengah, Senin (3/3/2025). "
        "Dua prajurit gugur.")),
    Document(id="kabar-9", source="Kabar Timur", published="2025-03-09", text=(
        "Sekelompok orang tak dikenal menyerang pos polisi di Kota Ternate, Maluku Utara, pada Sabtu (8/3/2025) "
        "malam. Serangan itu melukai satu polisi.")),
]


def test_two_outlets_reporting_one_attack_give_one_incident() -> None:
    results = [extract(doc, settings=RULES) for doc in ARTICLES]
    texts = {doc.id: doc.text for doc in ARTICLES}
    found = cluster_incidents(results)
    attack = [inc for inc in found if "kabar-1" in {s.doc_id for s in inc.sources}]
    assert len(attack) == 1, "the article's one attack is one incident"
    inc = attack[0]
    assert inc.type == "ASSAULT"
    assert {s.doc_id for s in inc.sources} == {"kabar-1", "warta-7"}
    assert (inc.n_reports, inc.n_outlets) == (2, 2)
    assert inc.fatalities is not None and inc.fatalities.best == 2
    for src in inc.sources:
        ev = src.evidence
        assert texts[src.doc_id][ev.start:ev.end] == ev.text
    for other in found:
        if other is not inc:
            assert not {"kabar-1", "warta-7"} & {s.doc_id for s in other.sources} or other.type != "ASSAULT"


# ------------------------------------------------------------------ command line


def test_incidents_command_reads_results_and_writes_jsonl_or_csv(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    rows = [result("a", event(place=OBA)), result("b", event(place=OBA)), result("c", event(place=AMBON))]
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(main, ["incidents", str(path), "--min-reports", "2"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["n_reports"], [s["doc_id"] for s in r["sources"]]) for r in records] == [(2, ["a", "b"])]
    res = CliRunner().invoke(main, ["incidents", str(path), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(res.stdout)))
    assert sorted(r["n_reports"] for r in table) == ["1", "2"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "lang": "id", "events": []}\nnot json\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["incidents", str(bad)])
    assert res.exit_code == 1 and "bad.jsonl:2" in res.output and "malformed JSON" in res.output
    # a result whose event lacks what the contract requires is named, not half read
    broken = rows[0].to_dict()
    del broken["events"][0]["trigger"]
    bad.write_text(json.dumps(rows[1].to_dict()) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["incidents", str(bad)])
    assert res.exit_code == 1 and "bad.jsonl:2: not a contract result" in res.output and "trigger" in res.output


# ------------------------------------------------------------------ the development articles

ISRAEL_IRAN_STRIKES = {"a008", "a012", "a022"}  # each reports Israel's air strikes on Iran from Friday 13 June


def test_dev_articles_reporting_the_same_acts_share_incidents(dev_docs: list[dict[str, Any]]) -> None:
    docs = [Document(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published"),
                     source=d.get("source")) for d in dev_docs]
    results = [r for r in pipe(docs, settings=RULES) if isinstance(r, Result)]
    found = cluster_incidents(results)
    events = {(r.doc_id, ev.id): ev.to_dict() for r in results for ev in r.events}
    assert sum(len(inc.sources) for inc in found) == len(events)  # every event in exactly one incident
    for inc in found:
        assert {events[(s.doc_id, s.event_id)]["type"] for s in inc.sources} == {inc.type}
        assert len({s.doc_id for s in inc.sources}) == len(inc.sources)
        countries = {(events[(s.doc_id, s.event_id)].get("location") or {}).get("country") for s in inc.sources}
        assert len(countries - {None}) <= 1
    strikes = [inc for inc in found if inc.type == "ASSAULT"
               and len({s.doc_id for s in inc.sources} & ISRAEL_IRAN_STRIKES) >= 2]
    assert strikes, "Israel's strikes on Iran of 13 June are one incident in several articles"
    assert all(len(inc.outlets) >= 2 for inc in strikes)
    # a082 and a084 (Detik) both report the students' demonstration of 20 October 2025 at Jalan Medan
    # Merdeka Selatan, Jakarta Pusat
    demo = [inc for inc in found if inc.type == "PROTEST" and {"a082", "a084"} <= {s.doc_id for s in inc.sources}]
    assert len(demo) == 1
