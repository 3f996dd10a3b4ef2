"""The REST API: every endpoint, its validation and its errors (FastAPI TestClient over a seeded store)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store_seed import incident_seeded, seeded

from peristiwa.api import create_app
from peristiwa.settings import Settings
from peristiwa.store import Store, document_hash

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_DOC = {
    "id": "api-baru",
    "title": "Polisi Tangkap Pencuri di Medan",
    "published": "2025-08-02",
    "text": "Medan - Polisi menangkap dua pencuri sepeda motor di Kota Medan, Sumatera Utara, pada Jumat "
    "(1/8/2025). Keduanya kini ditahan di Polrestabes Medan.",
}


def chunked_document(pieces: int, words: int) -> Iterator[bytes]:
    """A JSON document sent in pieces with no Content-Length, ``pieces`` × ``words`` words long."""
    yield b'{"id": "besar", "text": "'
    for _ in range(pieces):
        yield b"kata " * words
    yield b'"}'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(str(tmp_path_factory.mktemp("api") / "api.db"))
    for doc, result in seeded():
        s.add(doc, result)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store, token=TOKEN, settings=Settings(use_nlp=False), max_body=64_000)
    with TestClient(app) as c:
        yield c


def teheran_id() -> str:
    return document_hash(next(doc for doc, _ in seeded() if doc.id == "fiksi-teheran"))


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    res = client.get("/openapi.json")
    assert res.status_code == 200
    paths = res.json()["paths"]
    assert {
        "/api/health",
        "/api/stats",
        "/api/documents",
        "/api/documents/{content_id}",
        "/api/extract",
        "/api/events",
        "/api/events/count",
        "/api/actors",
        "/api/actors/{key}",
        "/api/relations",
        "/api/graph",
        "/api/world",
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/incidents/count",
    } <= set(paths)
    inc_params = {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]}
    assert inc_params == {"type", "country", "since", "until", "min_reports", "document", "limit", "offset"}
    assert set(paths["/api/documents"]) == {"get", "post"}
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {
        "actor",
        "type",
        "country",
        "since",
        "until",
        "near",
        "radius_km",
        "text",
        "historical",
        "limit",
        "offset",
        "cursor",
    } <= params
    # the interactive docs load Swagger UI from the package (no CDN, no inline script); ReDoc is off
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text and "<script>" not in docs.text
    for asset in ("/static/vendor/swagger-ui-dist/swagger-ui-bundle.js", "/static/vendor/swagger-ui-dist/swagger-ui.css",
                  "/static/docs.js"):
        assert client.get(asset).status_code == 200
    assert client.get("/redoc").status_code == 404


def test_health_and_stats(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["database"] == "sqlite" and health["writes"] is True
    stats = client.get("/api/stats").json()
    assert stats["documents"] == len(seeded())
    assert stats["events"] == sum(len(r.events) for _, r in seeded())


def test_documents(client: TestClient) -> None:
    res = client.get("/api/documents", params={"limit": 3})
    assert res.status_code == 200 and len(res.json()["items"]) == 3
    assert "text" not in res.json()["items"][0]
    found = client.get("/api/documents", params={"text": "rudal"}).json()["items"]
    assert {d["doc_id"] for d in found} == {"fiksi-teheran", "fiksi-gaza"}
    assert [
        d["doc_id"] for d in client.get("/api/documents", params={"doc_id": "fiksi-bandung"}).json()["items"]
    ] == ["fiksi-bandung"]
    one = client.get(f"/api/documents/{teheran_id()}")
    assert one.status_code == 200
    body = one.json()
    assert body["doc_id"] == "fiksi-teheran" and body["text"].startswith("Iran Luncurkan Rudal")
    for ev in body["result"]["events"]:
        assert body["text"][ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/" + "0" * 32, 404),
        ("/api/documents/not-a-hash", 422),
        ("/api/documents?limit=0", 422),
        ("/api/documents?limit=501", 422),
        ("/api/documents?offset=-1", 422),
        ("/api/documents?limit=abc", 422),
    ],
)
def test_document_errors(client: TestClient, path: str, status: int) -> None:
    res = client.get(path)
    assert res.status_code == status
    assert isinstance(res.json()["detail"], str) and res.json()["detail"]


def test_events_filters_and_paging(client: TestClient) -> None:
    all_events = client.get("/api/events", params={"limit": 500}).json()
    n = sum(len(r.events) for _, r in seeded())
    assert len(all_events["items"]) == n and all_events["next_cursor"] is None
    assaults = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()["items"]
    assert assaults and all(ev["type"] == "ASSAULT" for ev in assaults)
    two_types = client.get("/api/events", params=[("type", "PROTEST"), ("type", "COERCE"), ("limit", "500")])
    assert {ev["type"] for ev in two_types.json()["items"]} == {"PROTEST", "COERCE"}
    iran = client.get("/api/events", params={"country": "irn"}).json()["items"]
    assert iran and all(ev["location"]["country"] == "IRN" for ev in iran)
    israel = client.get("/api/events", params={"actor": "Israel"}).json()["items"]
    assert {ev["doc_id"] for ev in israel} == {"fiksi-teheran", "fiksi-gaza"}
    near = client.get("/api/events", params={"near": "Teheran", "radius_km": 50}).json()["items"]
    assert near and all(ev["location"]["name"] == "Tehran" for ev in near)
    by_point = client.get("/api/events", params={"near": "35.69,51.42", "radius_km": 50}).json()["items"]
    assert [ev["id"] for ev in by_point] == [ev["id"] for ev in near]
    dated = client.get("/api/events", params={"since": "2025-06-01", "until": "2025-06-30"}).json()["items"]
    assert dated and all("2025-06-01" <= ev["date"]["start"] <= "2025-06-30" for ev in dated)
    text = client.get("/api/events", params={"text": "peretas"}).json()["items"]
    assert {ev["doc_id"] for ev in text} == {"fiksi-script"}
    one_doc = client.get("/api/events", params={"document": teheran_id()}).json()["items"]
    assert {ev["doc_id"] for ev in one_doc} == {"fiksi-teheran"}
    assert client.get("/api/events", params={"historical": "false"}).status_code == 200
    count = client.get("/api/events/count", params={"type": "ASSAULT"}).json()
    assert count == {"count": len(assaults), "capped": False}
    capped = client.get("/api/events/count", params={"type": "ASSAULT", "at_most": 2}).json()
    assert capped == {"count": 2, "capped": True}
    assert client.get("/api/events/count", params={"at_most": 0}).status_code == 422
    # cursor paging walks the same list as one big page
    seen, cursor = [], None
    while True:
        page = client.get("/api/events", params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        seen += [ev["id"] for ev in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [ev["id"] for ev in all_events["items"]]
    offset = client.get("/api/events", params={"limit": 4, "offset": 4}).json()["items"]
    assert [ev["id"] for ev in offset] == seen[4:8]


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"since": "2025-13-01"}, 422, "since"),
        ({"until": "kemarin"}, 422, "until"),
        ({"since": "2025-06-02", "until": "2025-06-01"}, 400, "is after"),
        ({"country": "ID"}, 422, "country"),
        ({"country": "IDN1"}, 422, "country"),
        ({"type": "ATTACK"}, 422, "type"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": 501}, 422, "limit"),
        ({"offset": -5}, 422, "offset"),
        ({"offset": 2_000_000}, 422, "offset"),
        ({"cursor": "not a cursor"}, 422, "cursor"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, 400, "cursor"),
        ({"near": "Kota Yang Tidak Ada Di Mana Pun"}, 422, "unknown place 'Kota Yang Tidak Ada Di Mana Pun'"),
        ({"near": "95,10"}, 422, "latitude"),
        ({"near": "Jakarta", "radius_km": 0}, 422, "radius_km"),
        ({"near": "Jakarta", "radius_km": 30000}, 422, "radius_km"),
        ({"historical": "perhaps"}, 422, "historical"),
        ({"actor": "x" * 201}, 422, "actor"),
        ({"text": "a" * 501}, 422, "text"),
        ({"document": "zzz"}, 422, "document"),
        ({"actor": "a\x00b"}, 400, "NUL"),
    ],
)
def test_event_parameter_errors(client: TestClient, params: dict[str, Any], status: int, says: str) -> None:
    res = client.get("/api/events", params=params)
    assert res.status_code == status, res.text
    assert says in res.json()["detail"]


def test_unknown_near_place_is_a_422_naming_the_place(client: TestClient) -> None:
    for path in ("/api/events", "/api/events/count", "/api/graph"):
        res = client.get(path, params={"near": "Kampung Khayalan Sekali"})
        assert res.status_code == 422, (path, res.text)
        body = res.json()
        assert body["detail"].startswith("invalid near: unknown place 'Kampung Khayalan Sekali'")
        assert body["errors"] == [
            {"loc": ["query", "near"], "msg": body["detail"].removeprefix("invalid near: "), "type": "value_error"}
        ]


def test_event_types_in_any_case(client: TestClient) -> None:
    upper = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()["items"]
    assert upper
    for spelling in ("assault", "Assault", "aSSauLT"):
        res = client.get("/api/events", params={"type": spelling, "limit": 500})
        assert res.status_code == 200, res.text
        assert [ev["id"] for ev in res.json()["items"]] == [ev["id"] for ev in upper]
    mixed = client.get("/api/events", params=[("type", "protest"), ("type", "Coerce"), ("limit", "500")])
    assert {ev["type"] for ev in mixed.json()["items"]} == {"PROTEST", "COERCE"}
    count = client.get("/api/events/count", params={"type": "assault"}).json()
    assert count["count"] == len(upper)
    assert client.get("/api/incidents", params={"type": "assault"}).status_code == 200
    assert client.get("/api/graph", params={"type": "assault"}).status_code == 200
    assert client.get("/api/events", params={"type": "serangan"}).status_code == 422


def test_sql_injection_through_every_filter(client: TestClient, store: Store) -> None:
    before = store.stats()
    hostile = "x' OR '1'='1'; DROP TABLE events; --"
    for name in ("actor", "text", "near"):
        res = client.get("/api/events", params={name: hostile})
        assert res.status_code in (200, 400, 422)
        if res.status_code == 200:
            assert res.json()["items"] == []
    for path, name in (
        ("/api/documents", "doc_id"),
        ("/api/documents", "text"),
        ("/api/actors", "q"),
        ("/api/relations", "actor"),
    ):
        res = client.get(path, params={name: hostile})
        assert res.status_code == 200 and res.json()["items"] == []
    assert client.get("/api/actors/" + hostile).status_code == 404
    assert store.stats() == before


def test_actors_relations_graph_world(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 500}).json()["items"]
    assert {"Q801", "Q794"} <= {a["key"] for a in actors}
    assert (
        client.get("/api/actors", params={"q": "qassam"}).json()["items"][0]["name"]
        == "Izz ad-Din al-Qassam Brigades"
    )
    prof = client.get("/api/actors/Q801").json()
    assert prof["name"] == "Israel" and prof["counts"]["documents"] == 2
    # keys with ':' and '|' travel percent-encoded in the path
    unknown = next(a for a in actors if a["key"].startswith("n:"))
    got = client.get("/api/actors/" + unknown["key"].replace("|", "%7C").replace(":", "%3A"))
    assert got.status_code == 200 and got.json()["key"] == unknown["key"]
    assert client.get("/api/actors/n:nobody%7C%7C").status_code == 404
    assert client.get("/api/actors", params={"limit": 0}).status_code == 422
    rels = client.get("/api/relations", params={"actor": "Iran"}).json()["items"]
    assert any(r["relation"] == "supported_by" for r in rels)
    assert client.get("/api/relations", params={"relation": "supported_by"}).status_code == 200
    assert client.get("/api/relations", params={"relation": "friend_of"}).status_code == 422
    graph = client.get("/api/graph", params={"type": "ASSAULT"}).json()
    assert graph["nodes"] and any(e["kind"] == "event" for e in graph["edges"])
    assert client.get("/api/graph", params={"max_nodes": 0}).status_code == 422
    world = client.get("/api/world").json()
    assert world["cell"] == 2 and len(world["cells"]) > 1000
    assert any(c["iso3"] == "IDN" for c in world["countries"])


def test_extract_returns_a_contract_result_without_storing(client: TestClient, store: Store) -> None:
    before = store.stats()
    res = client.post("/api/extract", json=NEW_DOC)
    assert res.status_code == 200
    body = res.json()
    assert body["doc_id"] == "api-baru" and {"entities", "events", "relations"} <= body.keys()
    assert any(ev["type"] == "COERCE" for ev in body["events"])
    for ev in body["events"]:
        assert NEW_DOC["text"][ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
    assert store.stats() == before


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"text": "Polisi menangkap."}, "id"),
        ({"id": "x"}, "text"),
        ({"id": "x", "text": "   "}, "text"),
        ({"id": "", "text": "Polisi menangkap."}, "id"),
        ({"id": "x", "text": "Polisi.", "published": "kemarin"}, "published"),
        ({"id": "x", "text": 5}, "text"),
    ],
)
def test_extract_validation(client: TestClient, body: dict[str, Any], says: str) -> None:
    res = client.post("/api/extract", json=body)
    assert res.status_code == 422
    assert says in res.json()["detail"]


def test_bad_bodies(client: TestClient) -> None:
    assert (
        client.post(
            "/api/extract", content=b"{not json", headers={"Content-Type": "application/json"}
        ).status_code
        == 422
    )
    big = {"id": "besar", "text": "kata " * 20_000}
    res = client.post("/api/extract", json=big)
    assert res.status_code == 413 and "too large" in res.json()["detail"]

    # no Content-Length: the limit counts what arrives
    res = client.post("/api/extract", content=chunked_document(100, 200), headers={"Content-Type": "application/json"})
    assert res.status_code == 413


def test_writes_need_the_token(client: TestClient, store: Store) -> None:
    assert client.post("/api/documents", json=NEW_DOC).status_code == 401
    res = client.post("/api/documents", json=NEW_DOC, headers={"Authorization": "Bearer wrong"})
    assert res.status_code == 401 and res.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/documents", json=NEW_DOC, headers={"Authorization": TOKEN}).status_code == 401
    before = store.stats()["documents"]
    res = client.post("/api/documents", json=NEW_DOC, headers=AUTH)
    assert res.status_code == 201, res.text
    assert res.json()["stored"] is True and res.json()["events"] >= 1
    again = client.post("/api/documents", json=NEW_DOC, headers=AUTH)
    assert again.status_code == 200 and again.json()["stored"] is False
    assert again.json()["id"] == res.json()["id"]
    assert store.stats()["documents"] == before + 1
    replaced = client.post("/api/documents", params={"replace": "true"}, json=NEW_DOC, headers=AUTH)
    assert replaced.status_code == 201 and store.stats()["documents"] == before + 1
    assert client.get(f"/api/documents/{res.json()['id']}").json()["doc_id"] == "api-baru"
    assert client.post("/api/documents", json={"id": "x"}, headers=AUTH).status_code == 422
    assert store.integrity_check() == []


def test_writes_are_off_without_a_token(store: Store) -> None:
    with TestClient(create_app(store, settings=Settings(use_nlp=False))) as c:
        res = c.post("/api/documents", json=NEW_DOC, headers=AUTH)
        assert res.status_code == 403 and "PERISTIWA_TOKEN" in res.json()["detail"]
        assert c.get("/api/health").json()["writes"] is False


def test_page_headers_and_cors(client: TestClient, store: Store) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    # CORS is off unless asked for
    res = client.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in res.headers
    app = create_app(store, cors_origins=["https://dash.example"])
    with TestClient(app) as c:
        ok = c.get("/api/stats", headers={"Origin": "https://dash.example"})
        assert ok.headers["access-control-allow-origin"] == "https://dash.example"
        other = c.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_app_opens_its_own_store(tmp_path: Any) -> None:
    db = str(tmp_path / "own.db")
    with TestClient(create_app(db=db)) as c:
        assert c.get("/api/stats").json()["documents"] == 0


@pytest.fixture(scope="module")
def inc_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The seed plus two reports of one attack, with its incidents built."""
    s = Store.open(str(tmp_path_factory.mktemp("api-inc") / "api.db"))
    for doc, result in (*seeded(), *incident_seeded()):
        s.add(doc, result)
    s.rebuild_incidents()
    yield s
    s.close()


@pytest.fixture(scope="module")
def inc_client(inc_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(inc_store, settings=Settings(use_nlp=False))) as c:
        yield c


def test_incidents_list_filters_and_one_incident(inc_client: TestClient, inc_store: Store) -> None:
    client, store = inc_client, inc_store
    assert client.get("/api/stats").json()["incidents"] == store.count_incidents() > 10
    res = client.get("/api/incidents", params={"limit": 500})
    assert res.status_code == 200
    body = res.json()
    assert (body["limit"], body["offset"]) == (500, 0)
    assert body["items"] == [i.to_dict() for i in store.incidents(limit=500)]
    several = client.get("/api/incidents", params={"min_reports": 2}).json()["items"]
    assert client.get("/api/incidents/count").json() == {"count": store.count_incidents()}
    assert client.get("/api/incidents/count", params={"min_reports": 2}).json() == {"count": len(several)}
    assert [(i["type"], i["n_reports"], i["outlets"]) for i in several] == [
        ("ASSAULT", 2, ["Kabar Pagi", "Lintas Nusantara"])
    ]
    attack = several[0]
    assert attack["fatalities"] == {"best": 2, "min": 2, "max": 3, "reports": 2}
    docs = {document_hash(doc) for doc, _ in incident_seeded()}
    assert {s["document"] for s in attack["sources"]} == docs
    for src in attack["sources"]:  # every source's evidence points into its document's text
        text = client.get(f"/api/documents/{src['document']}").json()["text"]
        ev = src["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
    one = client.get(f"/api/incidents/{attack['id']}")
    assert one.status_code == 200 and one.json() == attack
    cases: list[tuple[dict[str, Any], Callable[[dict[str, Any]], bool]]] = [
        ({"type": ["ASSAULT", "PROTEST"]}, lambda i: i["type"] in ("ASSAULT", "PROTEST")),
        ({"country": "irn"}, lambda i: (i["location"] or {}).get("country") == "IRN"),
        ({"since": "2025-06-01"}, lambda i: i["date"] and i["date"]["start"] >= "2025-06-01"),
        ({"until": "2025-04-30"}, lambda i: i["date"] and i["date"]["start"] <= "2025-04-30"),
        ({"document": teheran_id()}, lambda i: teheran_id() in {s["document"] for s in i["sources"]}),
    ]
    every = body["items"]
    for params, keep in cases:
        got = client.get("/api/incidents", params={**params, "limit": 500}).json()["items"]
        assert [i["id"] for i in got] == [i["id"] for i in every if keep(i)], params
        assert got, params
    page = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()["items"]
    assert [i["id"] for i in page] == [i["id"] for i in every[2:4]]


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/api/incidents", {"limit": 501}, 422, "limit"),
        ("/api/incidents", {"limit": 0}, 422, "limit"),
        ("/api/incidents", {"offset": -1}, 422, "offset"),
        ("/api/incidents", {"type": "BOMB"}, 422, "type"),
        ("/api/incidents", {"country": "Indonesia"}, 422, "country"),
        ("/api/incidents", {"since": "kemarin"}, 422, "since"),
        ("/api/incidents", {"since": "2025-06-02", "until": "2025-06-01"}, 400, "after"),
        ("/api/incidents", {"min_reports": 0}, 422, "min_reports"),
        ("/api/incidents", {"document": "../etc/passwd"}, 422, "document"),
        ("/api/incidents/inc0000000000000000", {}, 404, "no incident"),
        ("/api/incidents/not-an-id", {}, 422, "incident_id"),
        ("/api/incidents/inc0000000000000000'--", {}, 422, "incident_id"),
    ],
)
def test_incident_errors(
    inc_client: TestClient, path: str, params: dict[str, Any], status: int, says: str
) -> None:
    res = inc_client.get(path, params=params)
    assert res.status_code == status, res.text
    assert res.headers["content-type"].startswith("application/json")
    assert says in res.json()["detail"]


def test_token_is_compared_in_constant_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    with TestClient(create_app(store, token=TOKEN, settings=Settings(use_nlp=False))) as c:
        for header in ("Bearer ", "Bearer  ", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Bearer {TOKEN * 500}",
                       f"Bearer {TOKEN.upper()}", f"Basic {TOKEN}", "Bearer \u00e9t\u00e9"):
            res = c.post("/api/documents", json={"id": "x", "text": ""},
                         headers={"Authorization": header.encode("utf-8")})
            assert res.status_code in (401, 403), (header, res.status_code)
    assert seen and all(b == TOKEN.encode() for _, b in seen)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"since": "2025-13-45"}),
        ("/api/events", {"until": "kemarin"}),
        ("/api/events", {"country": "ID"}),
        ("/api/events", {"country": "IDN1"}),
        ("/api/events", {"country": "ÍDN"}),
        ("/api/events/count", {"at_most": 0}),
        ("/api/events/count", {"since": "2025-02-30"}),
        ("/api/documents", {"limit": 501}),
        ("/api/documents", {"offset": -1}),
        ("/api/actors", {"offset": 2_000_000}),
        ("/api/relations", {"limit": "lima"}),
        ("/api/incidents", {"country": "12A"}),
        ("/api/incidents", {"until": "2025-00-01"}),
        ("/api/incidents", {"limit": 0}),
        ("/api/graph", {"max_events": 5001}),
        ("/api/graph", {"since": "1/6/2025"}),
    ],
)
def test_every_parameter_is_validated(client: TestClient, path: str, params: dict[str, Any]) -> None:
    res = client.get(path, params=params)
    assert res.status_code == 422, res.text
    assert res.json()["detail"].startswith("invalid ")


def test_sql_injection_through_the_remaining_filters(client: TestClient, store: Store) -> None:
    before = store.stats()
    hostile = "x' OR '1'='1'; DROP TABLE events; --"
    common = ("country", "since", "until", "type", "document")
    for path, names in (("/api/events", (*common, "cursor", "radius_km", "historical")),
                        ("/api/events/count", (*common, "at_most")), ("/api/graph", (*common, "max_nodes")),
                        ("/api/incidents", (*common, "min_reports"))):
        for name in names:
            res = client.get(path, params={name: hostile})
            assert res.status_code in (400, 422), (path, name, res.status_code)
    for name in ("actor", "text", "near"):
        for path in ("/api/events/count", "/api/graph"):
            res = client.get(path, params={name: hostile})
            assert res.status_code in (200, 400, 422), (path, name)
            if path.endswith("count") and res.status_code == 200:
                assert res.json()["count"] == 0
    assert client.get("/api/relations", params={"relation": hostile}).status_code == 422
    assert client.get("/api/documents/" + "0" * 31 + "'").status_code == 422
    assert client.get("/api/incidents/inc' OR 1=1 --").status_code == 422
    assert store.stats() == before and store.integrity_check() == []


def test_body_cap_and_cors_over_a_real_socket(store: Store) -> None:
    """The cap holds on the wire too: an announced and a chunked (no Content-Length) body get 413."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    app = create_app(store, token=TOKEN, settings=Settings(use_nlp=False), max_body=4096)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            big = {"id": "besar", "text": "kata " * 2000}
            res = http.post("/api/documents", json=big, headers=AUTH)
            assert res.status_code == 413 and "too large" in res.json()["detail"]

            res = http.post("/api/extract", content=chunked_document(50, 40),
                            headers={"Content-Type": "application/json"})
            assert res.status_code == 413
            assert http.get("/api/health").status_code == 200  # the server is still up
            pre = http.options("/api/documents", headers={"Origin": "https://elsewhere.example",
                                                          "Access-Control-Request-Method": "POST"})
            assert "access-control-allow-origin" not in pre.headers
    finally:
        server.should_exit = True
        thread.join(timeout=10)
