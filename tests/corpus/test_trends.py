"""Series of incidents (``peristiwa trends``, ``/api/trends``) on a small synthetic store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from synthetic_incidents import Ev, add_docs

from peristiwa.api import create_app
from peristiwa.cli import main
from peristiwa.corpus.trends import Dyad, parse_dyad, trends
from peristiwa.settings import Settings
from peristiwa.store import Store, StoreError

MON = dt.date(2024, 1, 1)  # a Monday
US, IR = ("Armada Sintetis", "USA"), ("Garda Sintetis", "IRN")


def _day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("trends") / "trends.db")
    with Store.open(path) as store:
        add_docs(store, [
            [Ev("ASSAULT", _day(0), actor=US, target=IR, fatalities=4, mode="aerial")],
            [Ev("ASSAULT", _day(1), actor=IR, target=US, fatalities=1)],
            [Ev("THREATEN", _day(2), actor=IR)],  # nobody named as the target
            [Ev("PROTEST", _day(3), country="IRQ")],
            [Ev("ASSAULT", _day(8), actor=US, target=("Milisi Sintetis", "IRQ"), country="IRQ")],
            [Ev("CONSULT", _day(9), actor=US, target=IR)],
        ])
        store.rebuild_incidents()
    yield path


def test_series_per_country_actor_and_dyad(db: str) -> None:
    with Store.open(db) as store:
        rows = trends(store, countries=["IRN"], dyads=[parse_dyad("USA:IRN")], actors_=["Garda Sintetis"], by="week")
    got = {(r["series"], r["period"], r["type"]): r for r in rows}
    w1, w2 = MON.isoformat(), _day(7).isoformat()
    assert got[("country:IRN", w1, "ASSAULT")]["incidents"] == 2
    assert got[("country:IRN", w1, "ASSAULT")]["fatalities"] == 5
    assert got[("country:IRN", w1, "THREATEN")]["incidents"] == 1
    assert ("country:IRN", w1, "PROTEST") not in got  # that one is in Iraq
    # both directions of the dyad, each its own series; an unnamed target does not rule a threat out
    assert got[("dyad:USA>IRN", w1, "ASSAULT")]["fatalities"] == 4
    assert got[("dyad:IRN>USA", w1, "ASSAULT")]["fatalities"] == 1
    assert got[("dyad:IRN>USA", w1, "THREATEN")]["incidents"] == 1
    assert got[("dyad:USA>IRN", w2, "CONSULT")]["incidents"] == 1
    assert ("dyad:USA>IRN", w2, "ASSAULT") not in got  # the US against an Iraqi militia
    assert got[("actor:Garda Sintetis", w1, "ASSAULT")]["incidents"] == 2
    # Goldstein from the CAMEO crosswalk: an air strike is the most hostile
    assert got[("dyad:USA>IRN", w1, "ASSAULT")]["intensity"] == -10.0
    assert got[("dyad:USA>IRN", w1, "ASSAULT")]["quad_class"] == 4
    assert got[("dyad:USA>IRN", w2, "CONSULT")]["intensity"] > 0


def test_series_by_day_quad_and_filters(db: str) -> None:
    with Store.open(db) as store:
        daily = trends(store, by="day", split="none")
        quad = trends(store, by="week", split="quad", types=["assault", "THREATEN"])
        late = trends(store, since=_day(7), split="none")
        directed = trends(store, dyads=[Dyad("USA", "IRN", directed=True)], split="none")
        with pytest.raises(StoreError, match="unknown event type"):
            trends(store, types=["BOMBING"])
        with pytest.raises(StoreError, match="after until"):
            trends(store, since=_day(5), until=_day(1))
    assert [r["incidents"] for r in daily] == [1, 1, 1, 1, 1, 1] and daily[0]["series"] == "all"
    assert {(r["period"], r["quad_class"]): r["incidents"] for r in quad} == {
        (MON.isoformat(), 3): 1, (MON.isoformat(), 4): 2, (_day(7).isoformat(), 4): 1}
    assert sum(r["incidents"] for r in late) == 2
    assert {r["series"] for r in directed} == {"dyad:USA>IRN"}
    with pytest.raises(StoreError, match="invalid dyad"):
        parse_dyad("USA")


def test_trends_cli_formats(db: str, tmp_path: Any) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["trends", "--db", db, "--country", "IRN", "--dyad", "USA:IRN", "--by", "week",
                               "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["series"] for r in rows} == {"country:IRN", "dyad:USA>IRN", "dyad:IRN>USA"}
    first = next(r for r in rows if r["series"] == "country:IRN" and r["type"] == "ASSAULT")
    assert (first["period"], first["incidents"], first["fatalities"]) == (MON.isoformat(), "2", "5")
    table = runner.invoke(main, ["trends", "--db", db, "--dyad", "USA>IRN"])
    assert table.exit_code == 0 and "dyad:USA>IRN" in table.output and "IRN>USA" not in table.output
    jsonl = runner.invoke(main, ["trends", "--db", db, "--format", "jsonl", "--split", "none"])
    assert sum(json.loads(line)["incidents"] for line in jsonl.stdout.splitlines()) == 6
    out = tmp_path / "t.parquet"
    assert runner.invoke(main, ["trends", "--db", db, "--format", "parquet"]).exit_code == 2
    assert runner.invoke(main, ["trends", "--db", db, "--format", "parquet", "-o", str(out)]).exit_code == 0
    import pyarrow.parquet as pq

    table_ = pq.read_table(out)
    assert table_.schema.field("incidents").type == "int64" and sum(table_.column("incidents").to_pylist()) == 6
    bad = runner.invoke(main, ["trends", "--db", db, "--dyad", "USA"])
    assert bad.exit_code == 2 and "invalid dyad" in bad.output
    assert runner.invoke(main, ["trends", "--db", db, "--country", "Iran"]).exit_code == 2


def test_trends_api(db: str) -> None:
    with Store.open(db) as store, TestClient(create_app(store, settings=Settings(use_nlp=False))) as c:
        res = c.get("/api/trends", params={"country": "IRN", "dyad": "USA:IRN", "by": "week"})
        assert res.status_code == 200, res.text
        body = res.json()
        assert body["by"] == "week" and "intensity" in body["columns"]
        assert {r["series"] for r in body["rows"]} == {"country:IRN", "dyad:USA>IRN", "dyad:IRN>USA"}
        csv_ = c.get("/api/trends", params={"actor": "USA", "format": "csv", "split": "quad"})
        assert csv_.status_code == 200 and csv_.headers["content-type"].startswith("text/csv")
        assert sum(int(r["incidents"]) for r in csv.DictReader(io.StringIO(csv_.text))) == 4
        assert c.get("/api/trends", params={"by": "month"}).status_code == 422
        assert c.get("/api/trends", params={"dyad": "USA"}).status_code == 400
        assert c.get("/api/trends", params={"type": "bombing"}).status_code == 422


def test_migration_gives_stored_incidents_their_parties_and_scores(db: str, tmp_path: Any) -> None:
    import shutil

    import sqlalchemy as sa
    from alembic import command

    from peristiwa.store.db import _alembic_config, write_transaction
    from peristiwa.store.schema import incident_parties, incidents

    copy = str(tmp_path / "old.db")
    shutil.copy(db, copy)
    with Store.open(copy) as store:
        with store.engine.connect() as conn:
            before = sorted(tuple(r) for r in conn.execute(
                sa.select(incident_parties.c.incident_pk, incident_parties.c.role, incident_parties.c.key,
                          incident_parties.c.norm, incident_parties.c.country)))
            scores = sorted(tuple(r) for r in conn.execute(
                sa.select(incidents.c.pk, incidents.c.goldstein, incidents.c.quad_class)))
        with write_transaction(store.engine) as conn:  # back to a store of before this change
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
    assert before and all(g is not None for _, g, _q in scores)
    with Store.open(copy) as store, store.engine.connect() as conn:  # opening upgrades it again
        after = sorted(tuple(r) for r in conn.execute(
            sa.select(incident_parties.c.incident_pk, incident_parties.c.role, incident_parties.c.key,
                      incident_parties.c.norm, incident_parties.c.country)))
        again = sorted(tuple(r) for r in conn.execute(
            sa.select(incidents.c.pk, incidents.c.goldstein, incidents.c.quad_class)))
    assert after == before and again == scores
