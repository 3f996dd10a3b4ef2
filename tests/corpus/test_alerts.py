"""Watches and alerts: the reference article, a synthetic burst, webhooks with their outbox, Atom, CRUD.

The synthetic streams are written here (``synthetic_incidents``); the reference article is read
from ../shared at test time (skipped when absent).  Store tests run on SQLite and, with
``$PERISTIWA_TEST_PG_URL``, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED_DOCS
from fastapi.testclient import TestClient
from store_seed import pg_base_url, pg_drop_schema, pg_schema_url
from synthetic_incidents import Ev, add_docs, days

from peristiwa.api import create_app
from peristiwa.cli import main
from peristiwa.corpus import alerts as A
from peristiwa.settings import Settings
from peristiwa.store import Store, StoreError

TOKEN = "alert-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Store]:
    schema = None
    if request.param == "sqlite":
        url = str(tmp_path / "alerts.db")
    else:
        base = pg_base_url()
        if base is None:
            pytest.skip("PERISTIWA_TEST_PG_URL is not set")
        url, schema = pg_schema_url(base)
    s = Store.open(url)
    yield s
    s.close()
    if schema:
        pg_drop_schema(pg_base_url() or "", schema)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


# ---------------------------------------------------------------------------- the reference article


def test_reference_article_alerts_for_the_strike_and_the_threat_once(tmp_path: Any) -> None:
    if not SEED_DOCS.exists():
        pytest.skip("../shared/data/seed is not present")
    seed_text = json.loads(SEED_DOCS.read_text(encoding="utf-8").splitlines()[0])["text"]
    db = str(tmp_path / "crisis.db")
    added = run("watch", "add", "iran-us", "--dyad", "USA:IRN", "--types", "ASSAULT,THREATEN",
                "--rule", "threat-to-watched", "--db", db)
    assert added.exit_code == 0, added.output
    first = run("ingest", str(SEED_DOCS), "--db", db, "--no-nlp")
    assert first.exit_code == 0, first.output
    assert first.output.count("alert [iran-us]") == 2

    with Store.open(db) as store:
        found = A.list_alerts(store)
    assert len(found) == 2
    by_type = {a["incidents"][0]["type"]: a for a in found}
    assert set(by_type) == {"ASSAULT", "THREATEN"}
    strike, threat = by_type["ASSAULT"], by_type["THREATEN"]
    for alert in (strike, threat):
        assert alert["rule"] == "threat-to-watched" and alert["watch"] == "iran-us"
        evidence = alert["incidents"][0]["evidence"][0]["text"]
        assert evidence and evidence in seed_text  # the sentence itself, as the article has it
    # the air strike of 3 January 2020: its date, its toll, the sentence that states it
    inc = strike["incidents"][0]
    assert inc["date"]["start"] == "2020-01-03" and inc["date"]["precision"] == "day"
    assert inc["fatalities"] == 2 and strike["day"] == "2020-01-03"
    assert "3 Januari 2020" in inc["evidence"][0]["text"]
    assert any(t and t.upper() != t for t in inc["targets"])  # named targets (the two commanders)
    # the threat of revenge: Iran's leader acts, nobody is named as the target
    assert "membalas" in threat["incidents"][0]["evidence"][0]["text"]
    assert threat["incidents"][0]["targets"] == []

    again = run("ingest", str(SEED_DOCS), "--db", db, "--no-nlp")
    assert again.exit_code == 0 and "alert [" not in again.output
    listed = run("alerts", "--db", db, "--format", "jsonl")
    assert listed.exit_code == 0 and "0 new alerts, 2 listed" in listed.output
    rows = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert {r["key"] for r in rows} == {a["key"] for a in found}
    table = run("alerts", "--db", db, "--watch", "iran-us", "--no-check")
    assert table.exit_code == 0 and "3 Januari 2020" in table.output
    assert run("alerts", "--db", db, "--watch", "nobody").exit_code == 1


# ---------------------------------------------------------------------------- rules on synthetic streams


QUIET_START = dt.date(2024, 1, 1)
BURST = dt.date(2024, 3, 4)  # after nine quiet weeks


def _quiet_then_burst(store: Store) -> tuple[list[str], list[str]]:
    quiet = add_docs(store, [[Ev("ASSAULT", d)] for d in days(QUIET_START, 21, step=3)])
    # the burst: six incidents a day for three days (one document a day, so none fold together)
    burst = add_docs(store, [[Ev("ASSAULT", d) for _ in range(6)] for d in days(BURST, 3)])
    return quiet, burst


def test_jump_raises_exactly_one_alert_at_the_burst(store: Store) -> None:
    A.add_watch(store, A.make_watch("lonjakan", countries=["IRN"], rules=["jump:z>=3/28d"]))
    quiet = add_docs(store, [[Ev("ASSAULT", d)] for d in days(QUIET_START, 21, step=3)])
    assert A.raise_alerts(store, quiet) == []  # quiet weeks: nothing
    burst = add_docs(store, [[Ev("ASSAULT", d) for _ in range(6)] for d in days(BURST, 3)])
    new = A.raise_alerts(store, burst)
    assert len(new) == 1
    alert = new[0]
    assert alert["rule"] == "jump:z>=3/28d" and alert["day"] == BURST.isoformat()
    figures = alert["figures"]
    assert figures["count"] == 6 and figures["z"] >= 3 and figures["baseline_days"] == 28
    assert 0 < figures["baseline_mean"] < 1
    assert len(alert["incidents"]) == 6 and all(i["evidence"][0]["text"] for i in alert["incidents"])
    # evaluated again, over everything: nothing new
    assert A.raise_alerts(store) == [] and A.raise_alerts(store, burst) == []
    assert len(A.list_alerts(store)) == 1


def test_the_whole_stream_at_once_also_gives_one_jump(store: Store) -> None:
    A.add_watch(store, A.make_watch("lonjakan", countries=["IRN"], rules=["jump:z>=3/28d", "count:10/7d"]))
    quiet, burst = _quiet_then_burst(store)
    new = A.raise_alerts(store, quiet + burst)
    assert sorted((a["rule"], a["day"]) for a in new) == [
        # on the burst's second day: 6 + 6, and the last quiet one (1 March) in the same 7 days
        ("count:10/7d", (BURST + dt.timedelta(days=1)).isoformat()),
        ("jump:z>=3/28d", BURST.isoformat()),
    ]
    count = next(a for a in new if a["rule"].startswith("count"))
    assert count["figures"]["count"] == 13 and count["figures"]["threshold"] == 10


def test_first_fatal_and_threat_to_watched(store: Store) -> None:
    A.add_watch(store, A.make_watch("wni", words=["WNI"], rules=["first-fatal", "threat-to-watched"]))
    A.add_watch(store, A.make_watch("as-iran", dyads=["USA>IRN"], rules=["threat-to-watched"]))
    day = dt.date(2024, 5, 1)
    ids = add_docs(store, [
        [Ev("PROTEST", day, words="WNI")],  # no death, no threat
        [Ev("ASSAULT", day + dt.timedelta(days=2), fatalities=3, words="WNI")],
        [Ev("ASSAULT", day + dt.timedelta(days=5), fatalities=1, words="WNI")],  # not the first
        [Ev("THREATEN", day + dt.timedelta(days=6), actor=("Kelompok X", None), target=("WNI di Iran", "IDN"))],
        [Ev("THREATEN", day + dt.timedelta(days=7), actor=("Garda Sintetis", "IRN"), target=("Armada Sintetis", "USA"))],
        [Ev("ASSAULT", day + dt.timedelta(days=8), actor=("Armada Sintetis", "USA"), target=("Garda Sintetis", "IRN"))],
    ])
    new = A.raise_alerts(store, ids)
    got = sorted((a["watch"], a["rule"], a["day"]) for a in new)
    assert got == [
        ("as-iran", "threat-to-watched", (day + dt.timedelta(days=8)).isoformat()),  # USA acting on IRN only
        ("wni", "first-fatal", (day + dt.timedelta(days=2)).isoformat()),
        ("wni", "threat-to-watched", (day + dt.timedelta(days=6)).isoformat()),
    ]
    assert A.raise_alerts(store, ids) == []
    # a later report of the same threat joins its incident (a new incident id): no second alert
    late = add_docs(store, [[Ev("THREATEN", day + dt.timedelta(days=6), actor=("Kelompok X", None),
                                target=("WNI di Iran", "IDN"), lat_lon=_threat_place(store))]])
    assert A.raise_alerts(store, late) == []


def _threat_place(store: Store) -> tuple[float, float]:
    for inc in store.iter_incidents():
        if inc.type == "THREATEN" and inc.targets and inc.targets[0].name == "WNI di Iran":
            assert inc.location is not None and inc.location.lat is not None and inc.location.lon is not None
            return inc.location.lat, inc.location.lon
    raise AssertionError("no threat incident")


def test_watches_only_see_their_incidents_and_near(store: Store) -> None:
    A.add_watch(store, A.make_watch("dekat", near="-6.2,106.8", km=50, rules=["count:1/1d"]))
    A.add_watch(store, A.make_watch("tipe", types=["PROTEST"], countries=["IDN"], rules=["count:1/1d"]))
    day = dt.date(2024, 6, 1)
    ids = add_docs(store, [[Ev("ASSAULT", day, country="IDN", lat_lon=(-6.25, 106.85))],
                           [Ev("ASSAULT", day, country="IDN", lat_lon=(-7.8, 110.4))]])
    new = A.raise_alerts(store, ids)
    assert [(a["watch"], a["figures"]["count"]) for a in new] == [("dekat", 1)]


# ---------------------------------------------------------------------------- watches: rules and errors


@pytest.mark.parametrize(("rule", "says"), [
    ("count:x", "unknown rule"), ("count:0/7d", "N >= 1"), ("jump:z>=3/2d", "7 <= D"), ("often", "unknown rule"),
])
def test_bad_rules_are_refused(rule: str, says: str) -> None:
    with pytest.raises(StoreError, match=says):
        A.make_watch("x", rules=[rule])


def test_rules_parse_to_one_form() -> None:
    assert A.parse_rule(" COUNT:5/7d ").text == "count:5/7d"
    assert A.parse_rule("jump:z>=2.5/28d").text == "jump:z>=2.5/28d"
    assert [r.text for r in A.make_watch("x").rules] == list(A.DEFAULT_RULES)
    with pytest.raises(StoreError, match="unknown place"):
        A.make_watch("x", near="Negeri Khayalan Sekali")
    with pytest.raises(StoreError, match="invalid dyad"):
        A.make_watch("x", dyads=["USA"])
    with pytest.raises(StoreError, match="unknown event type"):
        A.make_watch("x", types=["ASSAULT,BOMBING"])
    with pytest.raises(StoreError, match="--km goes with --near"):
        A.make_watch("x", km=5)
    with pytest.raises(StoreError, match="webhook"):
        A.make_watch("x", webhook="ftp://example.org/")


def test_watch_crud_through_the_cli(tmp_path: Any) -> None:
    db = str(tmp_path / "w.db")
    ok = run("watch", "add", "wni-iran", "--country", "IRN", "--country", "irq", "--actor", "Hamas",
             "--dyad", "USA>IRN", "--types", "ASSAULT,THREATEN", "--near", "Baghdad", "--km", "300",
             "--words", "WNI", "--rule", "count:3/7d", "--rule", "jump:z>=3/28d", "--db", db)
    assert ok.exit_code == 0, ok.output
    listed = run("watch", "list", "--db", db, "--format", "json")
    (w,) = json.loads(listed.output)
    assert w["countries"] == ["IRN", "IRQ"] and w["dyads"] == ["USA>IRN"] and w["near"]["km"] == 300
    assert w["rules"] == ["count:3/7d", "jump:z>=3/28d"] and w["words"] == ["WNI"]
    assert run("watch", "add", "wni-iran", "--db", db).exit_code == 1  # exists
    bad = run("watch", "add", "x", "--rule", "count:x", "--db", db)
    assert bad.exit_code == 2 and "unknown rule 'count:x'" in bad.output
    nowhere = run("watch", "add", "x", "--near", "Negeri Khayalan Sekali", "--db", db)
    assert nowhere.exit_code == 2 and "unknown place 'Negeri Khayalan Sekali'" in nowhere.output
    assert "wni-iran:" in run("watch", "list", "--db", db).output
    assert run("watch", "remove", "wni-iran", "--db", db).exit_code == 0
    gone = run("watch", "remove", "wni-iran", "--db", db)
    assert gone.exit_code == 1 and "no watch named" in gone.output


def test_watch_crud_through_the_api(store: Store) -> None:
    body = {"name": "krisis", "dyads": ["USA:IRN"], "types": ["ASSAULT"], "rules": ["count:2/7d"]}
    with TestClient(create_app(store, token=TOKEN, settings=Settings(use_nlp=False))) as c:
        assert c.post("/api/watches", json=body).status_code == 401
        assert c.post("/api/watches", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        res = c.post("/api/watches", json=body, headers=AUTH)
        assert res.status_code == 201 and res.json()["rules"] == ["count:2/7d"]
        assert c.post("/api/watches", json=body, headers=AUTH).status_code == 409
        assert c.get("/api/watches").json()["items"][0]["name"] == "krisis"
        assert c.get("/api/watches/krisis").json()["dyads"] == ["USA:IRN"]
        assert c.get("/api/watches/lain").status_code == 404
        bad = c.post("/api/watches", json={**body, "name": "b", "rules": ["count:x"]}, headers=AUTH)
        assert bad.status_code == 422 and "unknown rule" in bad.json()["detail"]
        nowhere = c.post("/api/watches", json={**body, "name": "b", "near": "Negeri Khayalan Sekali"}, headers=AUTH)
        assert nowhere.status_code == 422 and "unknown place" in nowhere.json()["detail"]
        put = c.put("/api/watches/krisis", json={**body, "rules": ["first-fatal"]}, headers=AUTH)
        assert put.status_code == 200 and put.json()["rules"] == ["first-fatal"]
        assert c.put("/api/watches/krisis", json={**body, "rules": []}).status_code == 401
        assert c.delete("/api/watches/krisis").status_code == 401
        assert c.delete("/api/watches/krisis", headers=AUTH).status_code == 200
        assert c.delete("/api/watches/krisis", headers=AUTH).status_code == 404
        assert c.get("/api/watches").json()["items"] == []
    with TestClient(create_app(store, settings=Settings(use_nlp=False))) as c:
        assert c.post("/api/watches", json=body, headers=AUTH).status_code == 403


def test_api_alerts_json_atom_and_check(store: Store) -> None:
    import feedparser

    A.add_watch(store, A.make_watch("lonjakan", countries=["IRN"], rules=["jump:z>=3/28d"]))
    _quiet_then_burst(store)
    store.rebuild_incidents()
    with TestClient(create_app(store, token=TOKEN, settings=Settings(use_nlp=False))) as c:
        assert c.get("/api/alerts").json()["items"] == []
        assert c.post("/api/alerts").status_code == 401
        checked = c.post("/api/alerts", headers=AUTH)
        assert checked.status_code == 200 and len(checked.json()["items"]) == 1
        assert c.post("/api/alerts", headers=AUTH).json()["items"] == []
        items = c.get("/api/alerts", params={"watch": "lonjakan"}).json()["items"]
        assert len(items) == 1 and items[0]["figures"]["count"] == 6
        assert c.get("/api/alerts", params={"watch": "lain"}).json()["items"] == []
        atom = c.get("/api/alerts.atom")
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for tag in ("a:id", "a:title", "a:updated"):
        assert root.find(tag, ns) is not None
    (entry,) = root.findall("a:entry", ns)
    for tag in ("a:id", "a:title", "a:updated", "a:content"):
        assert entry.find(tag, ns) is not None
    assert "Peristiwa sintetis" in (entry.find("a:content", ns).text or "")  # type: ignore[union-attr]
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == 1 and "jump" in parsed.entries[0].title


def test_atom_drops_characters_xml_cannot_hold() -> None:
    feed = A.atom_feed([{"key": "k", "watch": "w", "rule": "first-fatal", "title": "a\x0bb", "raised_at":
                         "2024-01-01T00:00:00+00:00", "day": "2024-01-01", "figures": {}, "incidents": [
                             {"type": "ASSAULT", "evidence": [{"text": "x\x00y <b>&", "url": "https://e.org/?a=1&b=2"}]}]}])
    root = ET.fromstring(feed)
    assert "x\x00y" not in feed and root is not None


# ---------------------------------------------------------------------------- webhooks


class _Hook:
    """A local HTTP server on 127.0.0.1 that records POSTs and fails the first ``fail`` of them."""

    def __init__(self, fail: int = 0, port: int = 0) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.requests = 0
        self.fail = fail
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hook.requests += 1
                if hook.requests <= hook.fail:
                    self.send_response(500)
                    self.end_headers()
                    return
                hook.bodies.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _threat_docs(store: Store, n: int = 1) -> list[str]:
    return add_docs(store, [[Ev("THREATEN", dt.date(2024, 7, 1 + i), actor=("Garda Sintetis", "IRN"),
                                target=("WNI di Teheran", "IDN"))] for i in range(n)])


def test_webhook_gets_each_alert_after_retries(store: Store) -> None:
    hook = _Hook(fail=2)
    try:
        A.add_watch(store, A.make_watch("wni", words=["WNI"], rules=["threat-to-watched"], webhook=hook.url))
        new = A.raise_alerts(store, _threat_docs(store), retries=3, backoff=0.01)
        assert len(new) == 1
        assert hook.requests == 3 and len(hook.bodies) == 1  # two failures, then delivered
        body = hook.bodies[0]
        assert body["key"] == new[0]["key"] and body["rule"] == "threat-to-watched"
        assert body["incidents"][0]["evidence"][0]["text"] and "webhook" not in body
        assert A.outbox(store) == []
    finally:
        hook.close()


def test_failed_webhook_waits_in_the_outbox_and_is_delivered_next_run(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    down = _Hook()
    url = down.url
    down.close()  # nothing listens there now
    A.add_watch(store, A.make_watch("wni", words=["WNI"], rules=["threat-to-watched"], webhook=url))
    with caplog.at_level(logging.WARNING, logger="peristiwa.corpus.alerts"):
        new = A.raise_alerts(store, _threat_docs(store), retries=2, backoff=0.01)
    assert len(new) == 1
    (waiting,) = A.outbox(store)
    assert waiting["attempts"] == 2 and waiting["url"] == url and waiting["last_error"]
    assert "kept in the outbox" in caplog.text
    # still down on the next run: kept, attempts counted
    assert A.retry_outbox(store, backoff=0) == (0, 1)
    assert A.outbox(store)[0]["attempts"] == 3
    # the receiver is back (same port): the next run (an ingest with nothing new) delivers it
    hook = _Hook(port=int(url.rsplit(":", 1)[1].split("/")[0]))
    try:
        assert A.raise_alerts(store, []) == []
        assert len(hook.bodies) == 1 and hook.bodies[0]["key"] == new[0]["key"]
        assert A.outbox(store) == []
    finally:
        hook.close()


def test_api_post_document_raises_alerts(store: Store) -> None:
    A.add_watch(store, A.make_watch("semua", types=["ASSAULT"], countries=["IDN"], rules=["count:1/7d"]))
    doc = {"id": "api-sintetis", "published": "2025-05-13",
           "text": "Kelompok bersenjata menyerang pos polisi di Distrik Sinak, Kabupaten Puncak, Papua Tengah, "
                   "pada Senin (12/5/2025). Serangan itu menewaskan dua polisi."}
    with TestClient(create_app(store, token=TOKEN, settings=Settings(use_nlp=False))) as c:
        res = c.post("/api/documents", json=doc, headers=AUTH)
        assert res.status_code == 201, res.text
        items = c.get("/api/alerts").json()["items"]  # raised after the response, before this request
        assert len(items) == 1 and items[0]["watch"] == "semua"
        assert c.post("/api/documents", json=doc, headers=AUTH).status_code == 200
        assert len(c.get("/api/alerts").json()["items"]) == 1


def test_actor_watch_counts_its_incidents_in_either_role(store: Store) -> None:
    A.add_watch(store, A.make_watch("garda", actors=["Garda Sintetis"], rules=["count:3/7d"]))
    A.add_watch(store, A.make_watch("garda-iran", actors=["Garda Sintetis"], countries=["IRN"], rules=["count:3/7d"]))
    day = dt.date(2024, 8, 1)
    ids = add_docs(store, [
        [Ev("ASSAULT", day, actor=("Garda Sintetis", "IRN"))],
        [Ev("COERCE", day + dt.timedelta(days=2), target=("Garda Sintetis", "IRN"), country="IRQ")],
        [Ev("PROTEST", day + dt.timedelta(days=3), actor=("Orang Lain", None))],  # not the actor's
        [Ev("ACCUSE", day + dt.timedelta(days=4), actor=("Garda Sintetis", "IRN"))],
    ])
    new = A.raise_alerts(store, ids)
    # the actor alone: three incidents in four days, as actor or target, wherever; in Iran: two
    assert [(a["watch"], a["day"], a["figures"]["count"]) for a in new] == [
        ("garda", (day + dt.timedelta(days=4)).isoformat(), 3)]
