"""The store: the same suite on SQLite and on PostgreSQL (``$PERISTIWA_TEST_PG_URL``; .ci/services.sh)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from store_seed import incident_seeded, pg_base_url, pg_drop_schema, pg_schema_url, seeded

from peristiwa.corpus.incidents import cluster_incidents
from peristiwa.corpus.profiles import entity_keys
from peristiwa.ingest.to_store import ingest
from peristiwa.kb import normalize
from peristiwa.output.crosswalk import cameo_fields
from peristiwa.store import EventFilter, IncidentFilter, Store, StoreError, document_hash
from peristiwa.store import schema as sch
from peristiwa.store.db import normalise_url
from peristiwa.store.records import StoredEvent
from peristiwa.types import Document, DocumentError, Result

BACKENDS = ["sqlite", "postgresql"]
TABLES = ("documents", "actors", "actor_names", "entities", "mentions", "events", "event_roles", "relations")


def _url(backend: str, tmp_path: Any) -> tuple[str, str | None]:
    if backend == "sqlite":
        return str(tmp_path / "store.db"), None
    base = pg_base_url()
    if base is None:
        pytest.skip("PERISTIWA_TEST_PG_URL is not set (`. .ci/services.sh` starts a server and sets it)")
    return pg_schema_url(base)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Store]:
    url, schema = _url(request.param, tmp_path)
    s = Store.open(url)
    yield s
    s.close()
    if schema:
        pg_drop_schema(pg_base_url() or "", schema)


@pytest.fixture(scope="module", params=BACKENDS)
def full(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding every seed document (read-only tests)."""
    url, schema = _url(request.param, tmp_path_factory.mktemp("full"))
    s = Store.open(url)
    for doc, result in seeded():
        assert s.add(doc, result)
    yield s
    s.close()
    if schema:
        pg_drop_schema(pg_base_url() or "", schema)


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


# ---------------------------------------------------------------------- an oracle over the seed results


def _seed_events() -> list[tuple[Document, dict[str, Any], dict[str, Any]]]:
    return [(doc, res.to_dict(), ev) for doc, res in seeded() for ev in res.to_dict()["events"]]


def _aliases() -> dict[str, set[str]]:
    """Every actor key's normalised names and mention texts, over all seed documents."""
    out: dict[str, set[str]] = {}
    for _doc, res in seeded():
        data = res.to_dict()
        keys = entity_keys(res.entities)
        for ent in data["entities"]:
            names = out.setdefault(keys[ent["id"]], set())
            names.add(normalize(ent["name"]))
            names.update(normalize(m["text"]) for m in ent["mentions"])
        for ev in data["events"]:
            for p in ev["actors"] + ev["targets"]:
                if p["entity"]:
                    out[keys[p["entity"]]].add(normalize(p["name"]))
    return out


def _day(doc: Document, ev: dict[str, Any]) -> dt.date:
    if ev["date"]:
        return dt.date.fromisoformat(ev["date"]["start"])
    return doc.published_date() or dt.date(1, 1, 1)


def _words(doc: Document) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", f"{doc.title or ''} {doc.text}")}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _takes_part(data: dict[str, Any], ev: dict[str, Any], actor: str) -> bool:
    keys = entity_keys(Result.from_dict(data).entities)
    aliases = _aliases()
    for p in ev["actors"] + ev["targets"]:
        if normalize(p["name"]) == normalize(actor):
            return True
        key = keys.get(p["entity"]) if p["entity"] else None
        if key and (key == actor or normalize(actor) in aliases[key]):
            return True
    return False


TEHRAN = (35.6944, 51.4215)
ORACLE: list[tuple[str, dict[str, Any], Any]] = [
    ("type", {"types": ("ASSAULT",)}, lambda d, r, e: e["type"] == "ASSAULT"),
    ("types", {"types": ("PROTEST", "COERCE")}, lambda d, r, e: e["type"] in ("PROTEST", "COERCE")),
    ("country", {"country": "IRN"}, lambda d, r, e: (e["location"] or {}).get("country") == "IRN"),
    ("since", {"since": dt.date(2025, 5, 13)}, lambda d, r, e: _day(d, e) >= dt.date(2025, 5, 13)),
    ("until", {"until": dt.date(2025, 5, 13)}, lambda d, r, e: _day(d, e) <= dt.date(2025, 5, 13)),
    (
        "since-until",
        {"since": dt.date(2025, 5, 12), "until": dt.date(2025, 6, 13)},
        lambda d, r, e: dt.date(2025, 5, 12) <= _day(d, e) <= dt.date(2025, 6, 13),
    ),
    ("actor-name", {"actor": "Israel"}, lambda d, r, e: _takes_part(r, e, "Israel")),
    ("actor-key", {"actor": "Q801"}, lambda d, r, e: _takes_part(r, e, "Q801")),
    ("actor-case", {"actor": "ISRAEL"}, lambda d, r, e: _takes_part(r, e, "Israel")),
    ("actor-alias", {"actor": "TNI"}, lambda d, r, e: _takes_part(r, e, "TNI")),
    ("actor-unlinked", {"actor": "warga"}, lambda d, r, e: _takes_part(r, e, "warga")),
    (
        "near",
        {"near": TEHRAN, "radius_km": 100},
        lambda d, r, e: (
            e["location"] is not None
            and e["location"]["lat"] is not None
            and _km(TEHRAN, (e["location"]["lat"], e["location"]["lon"])) <= 100
        ),
    ),
    (
        "near-wide",
        {"near": (-2.0, 118.0), "radius_km": 2500},
        lambda d, r, e: (
            e["location"] is not None
            and e["location"]["lat"] is not None
            and _km((-2.0, 118.0), (e["location"]["lat"], e["location"]["lon"])) <= 2500
        ),
    ),
    ("text", {"text": "rudal"}, lambda d, r, e: "rudal" in _words(d)),
    ("text-and", {"text": "Polisi menangkap"}, lambda d, r, e: {"polisi", "menangkap"} <= _words(d)),
    ("text-prefix", {"text": "peretas*"}, lambda d, r, e: any(w.startswith("peretas") for w in _words(d))),
    ("text-title", {"text": "Kuliah"}, lambda d, r, e: "kuliah" in _words(d)),
    ("current", {"historical": False}, lambda d, r, e: not e["historical"]),
    (
        "combined",
        {"types": ("ASSAULT",), "country": "IDN", "since": dt.date(2025, 5, 1)},
        lambda d, r, e: (
            e["type"] == "ASSAULT"
            and (e["location"] or {}).get("country") == "IDN"
            and _day(d, e) >= dt.date(2025, 5, 1)
        ),
    ),
]


@pytest.mark.parametrize("strategy", ["drive", "scan"])
@pytest.mark.parametrize(("name", "kwargs", "keep"), ORACLE, ids=[o[0] for o in ORACLE])
def test_filters_match_the_oracle(
    full: Store, name: str, kwargs: dict[str, Any], keep: Any, strategy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a big store a filter that keeps many events is checked row by row; force each way here.
    from peristiwa.store import query

    monkeypatch.setattr(query, "page_threshold", lambda conn, page: 0 if strategy == "scan" else 10**9)
    expected = {(d.id, e["id"]) for d, r, e in _seed_events() if keep(d, r, e)}
    got = [(ev.report.doc_id, ev.id) for ev in full.iter_events(EventFilter(**kwargs))]
    assert len(got) == len(set(got))
    assert set(got) == expected
    assert expected or name == "current"  # every case keeps something, else it tests nothing
    assert full.count_events(EventFilter(**kwargs)) == len(expected)
    assert full.count_events(EventFilter(**kwargs), at_most=2) == min(2, len(expected))


def test_events_come_back_as_stored(full: Store) -> None:
    """Every event reads back as the contract event, plus where it comes from and actor keys."""
    for doc, result in seeded():
        data = result.to_dict()
        keys = entity_keys(result.entities)
        stored = {ev.id: ev.to_dict() for ev in full.iter_events(EventFilter(document=document_hash(doc)))}
        assert set(stored) == {ev["id"] for ev in data["events"]}
        for ev in data["events"]:
            got = dict(stored[ev["id"]])
            assert (
                got.pop("doc_id"),
                got.pop("document"),
                got.pop("title"),
                got.pop("published"),
                got.pop("source"),
                got.pop("url"),
            ) == (doc.id, document_hash(doc), doc.title, doc.published, doc.source, doc.url)
            assert {k: got.pop(k) for k in ("cameo_root", "goldstein", "quad_class")} == cameo_fields(
                ev["type"], ev.get("mode"))
            assert got.pop("incident") is None and got.pop("ingested_at")  # no incidents built in this store
            for part in got["actors"] + got["targets"]:
                assert part.pop("key") == (keys[part["entity"]] if part["entity"] else None)
                part.pop("sector")
                part.pop("type")
                assert part.pop("category")["name"]
            assert got == ev


def test_newest_first_and_paging(full: Store) -> None:
    everything = list(full.iter_events())
    days = [_sort_day(full, ev) for ev in everything]
    assert days == sorted(days, reverse=True)
    by_offset = [
        ev.id for i in range(0, len(everything), 3) for ev in full.events(limit=3, offset=i).items
    ]
    by_cursor, cursor = [], None
    while True:
        page = full.events(limit=3, cursor=cursor)
        by_cursor += [ev.id for ev in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    ids = [ev.id for ev in everything]
    assert by_offset == ids == by_cursor
    assert len(set(ids)) == len(ids) == sum(len(r.events) for _, r in seeded())


def _sort_day(store: Store, ev: StoredEvent) -> str:
    return ev.event.date.start.isoformat() if ev.event.date else (ev.report.published or "")[:10]


def test_a_stored_event_reads_back_from_its_api_object(full: Store) -> None:
    """``StoredEvent.from_dict`` is ``to_dict``'s inverse: what the API serves can be typed again."""
    everything = list(full.iter_events())
    assert everything
    for ev in everything:
        data = json.loads(json.dumps(ev.to_dict()))
        back = StoredEvent.from_dict(data)
        assert back.to_dict() == data
        assert back.event.actors == tuple(p.part for p in back.actors)


@pytest.mark.parametrize(
    "hostile",
    [
        "x' OR '1'='1",
        "'; DROP TABLE events; --",
        'rudal" OR "a',
        "NEAR(rudal serangan)",
        "*",
        ") OR (",
        "%",
        "_",
        "rudal AND NOT serangan",
        "\\",
        "é́",
    ],
)
def test_hostile_strings_are_only_data(full: Store, hostile: str) -> None:
    before = counts(full)
    assert full.events(EventFilter(actor=hostile)).items == []
    full.events(EventFilter(text=hostile))  # may match words of it; must not fail or run it
    assert full.documents(doc_id=hostile) == []
    full.documents(text=hostile)
    full.actors(name=hostile)
    full.relations(actor=hostile)
    assert full.actor(hostile) is None
    assert counts(full) == before


def test_nul_characters_are_refused_everywhere(full: Store) -> None:
    for call in (
        lambda: EventFilter(actor="a\x00"),
        lambda: EventFilter(text="\x00"),
        lambda: full.actor("\x00"),
        lambda: full.documents(text="x\x00"),
        lambda: full.actors(name="\x00"),
        lambda: full.relations(actor="\x00"),
        lambda: full.document("\x00"),
    ):
        with pytest.raises(StoreError, match="NUL"):
            call()
    doc = Document(id="nul", text="Polisi menangkap dua orang.\x00")
    with pytest.raises(StoreError, match="nul: the document contains NUL"):
        full.add(
            doc,
            {"doc_id": "nul", "lang": "id", "published": None, "entities": [], "events": [], "relations": []},
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"types": ("ATTACK",)}, "unknown event type"),
        ({"country": "id"}, "ISO 3166-1 alpha-3"),
        ({"country": "INDO"}, "ISO 3166-1 alpha-3"),
        ({"since": dt.date(2025, 2, 1), "until": dt.date(2025, 1, 1)}, "is after"),
        ({"near": (91.0, 0.0)}, "latitude"),
        ({"near": (0.0, 0.0), "radius_km": 0}, "radius_km"),
    ],
)
def test_bad_filters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        EventFilter(**kwargs)


def test_bad_paging(full: Store) -> None:
    paging: list[dict[str, Any]] = [{"limit": 0}, {"limit": 501}, {"offset": -1}]
    for kwargs in paging:
        with pytest.raises(StoreError):
            full.events(**kwargs)
    for cursor in ("nonsense!", "MjAyNQ", "eHh4fjE"):
        with pytest.raises(StoreError, match="cursor"):
            full.events(cursor=cursor)
    page = full.events(limit=1)
    with pytest.raises(StoreError, match="not both"):
        full.events(limit=1, offset=1, cursor=page.next_cursor)


def test_documents(full: Store) -> None:
    docs = full.documents(limit=50)
    assert len(docs) == len(seeded())
    published = [d["published"][:10] for d in docs if d["published"]]
    assert published == sorted(published, reverse=True)
    assert [d["doc_id"] for d in full.documents(doc_id="fiksi-bandung")] == ["fiksi-bandung"]
    assert {d["doc_id"] for d in full.documents(text="rudal")} == {"fiksi-teheran", "fiksi-gaza"}
    assert len(full.documents(limit=2, offset=1)) == 2
    doc, result = seeded()[1]
    got = full.document(document_hash(doc))
    assert got is not None and got["text"] == doc.text and got["title"] == doc.title
    assert got["result"]["content_id"] == document_hash(doc)
    assert got["result"]["events"] == result.to_dict()["events"]
    assert full.document("0" * 32) is None


def test_every_stored_span_points_into_its_text(full: Store) -> None:
    texts = {document_hash(doc): doc.text for doc, _ in seeded()}
    for ev in full.iter_events():
        text = texts[ev.report.document]
        for span in (ev.event.evidence, ev.event.trigger):
            assert text[span.start : span.end] == span.text
        for part in ev.actors + ev.targets:
            if part.part.span is not None:
                assert text[part.part.span.start : part.part.span.end] == part.part.span.text


def test_stats(full: Store) -> None:
    stats = full.stats()
    n_events = sum(len(r.events) for _, r in seeded())
    assert stats["documents"] == len(seeded()) and stats["events"] == n_events
    assert sum(stats["types"].values()) == n_events
    assert stats["first_date"] <= stats["last_date"]
    assert stats["relations"] == sum(len(r.relations) for _, r in seeded())


def test_actors_and_profiles(full: Store) -> None:
    top = full.actors(limit=500)
    assert [a["n_events"] for a in top] == sorted((a["n_events"] for a in top), reverse=True)
    assert {"Q801", "Q794", "kb:hamas", "kb:tni"} <= {a["key"] for a in top}
    # search by a part of a name or an alias; an exact alias comes first
    assert full.actors(name="qassam")[0]["name"] == "Izz ad-Din al-Qassam Brigades"
    assert full.actors(name="TNI")[0]["key"] == "kb:tni"
    assert full.find_actors("israel")[0]["key"] == "Q801"
    found = full.actor("Q801")
    assert found is not None
    israel = found.to_dict()
    assert israel["name"] == "Israel" and israel["country"] == "ISR"
    assert israel["counts"]["documents"] == 2 and not israel["truncated"]
    assert {e["doc_id"] for e in israel["events"]} == {"fiksi-teheran", "fiksi-gaza"}
    assert all(e["content_id"] for e in israel["events"])
    found = full.actor("kb:hamas")
    assert found is not None
    hamas = found.to_dict()
    assert {"THREATEN", "ACCUSE"} <= {e["event"]["type"] for e in hamas["events"]}
    assert any(a["source"] == "kb" and a["key"] == "Q794" for a in hamas["affiliations"])
    houthis = full.actors(name="Houthi")[0]
    prof = full.actor(houthis["key"])
    assert prof is not None
    assert any(a.relation == "supported_by" and a.key == "Q794" and a.source == "text" for a in prof.affiliations)
    assert full.actor("n:nobody||") is None


def test_relations_and_graph(full: Store) -> None:
    rels = full.relations(actor="Iran")
    assert any(r["relation"] == "supported_by" and r["object"]["key"] == "Q794" for r in rels)
    assert full.relations(relation="leader_of") == []
    assert all(r["relation"] == "supported_by" for r in full.relations(relation="supported_by"))
    graph = full.graph()
    keys = {n["key"] for n in graph["nodes"]}
    assert {"Q801", "Q794", "kb:tni"} <= keys
    assert any(
        e["kind"] == "relation" and e["label"] == "supported_by" and e["target"] == "Q794"
        for e in graph["edges"]
    )
    assert any(
        e["kind"] == "event" and e["label"] == "ASSAULT" and e["target"] == "kb:tni" for e in graph["edges"]
    )
    only_iran = full.graph(EventFilter(country="IRN"))
    assert {n["key"] for n in only_iran["nodes"]} < keys


def test_store_is_consistent(full: Store) -> None:
    assert full.integrity_check() == []


# ---------------------------------------------------------------------- writing (a fresh store per test)


def test_ingest_is_idempotent(store: Store) -> None:
    docs = [doc for doc, _ in seeded()]
    from peristiwa.settings import Settings

    report = ingest(store, docs, settings=Settings(use_nlp=False))
    assert (report.stored, report.skipped, report.failed) == (len(docs), 0, 0)
    assert report.events == sum(len(r.events) for _, r in seeded())
    before, stats = counts(store), store.stats()
    again = ingest(store, docs + docs[:2], settings=Settings(use_nlp=False))
    assert (again.stored, again.skipped, again.failed, again.events) == (0, len(docs) + 2, 0, 0)
    doc, result = seeded()[0]
    assert store.add(doc, result) is False
    assert counts(store) == before and store.stats() == stats
    assert store.integrity_check() == []


def test_a_changed_document_is_a_new_document(store: Store) -> None:
    doc, result = seeded()[2]
    assert store.add(doc, result)
    changed = Document(
        id=doc.id,
        text=doc.text + "\n\nPembaruan: tidak ada korban tambahan.",
        title=doc.title,
        published=doc.published,
        source=doc.source,
    )
    assert document_hash(changed) != document_hash(doc)
    assert store.add(changed, result)
    assert [d["doc_id"] for d in store.documents()] == [doc.id, doc.id]


def test_replace_and_delete_keep_the_counts(store: Store) -> None:
    for doc, result in seeded():
        store.add(doc, result)
    before = counts(store)
    top_before = {a["key"]: a for a in store.actors(limit=500)}
    doc, result = seeded()[3]  # the Israel-Iran article
    assert store.add(doc, result, replace=True)
    assert counts(store) == before
    assert {a["key"]: a for a in store.actors(limit=500)} == top_before
    assert store.delete(document_hash(doc))
    assert not store.has(document_hash(doc)) and not store.delete(document_hash(doc))
    after = {a["key"]: a for a in store.actors(limit=500)}
    assert after["Q801"]["n_documents"] == top_before["Q801"]["n_documents"] - 1
    assert after["Q801"]["n_events"] < top_before["Q801"]["n_events"]
    assert store.events(EventFilter(document=document_hash(doc))).items == []
    assert counts(store)["events"] == before["events"] - len(result.events)
    assert store.integrity_check() == []


def test_a_document_that_fails_leaves_nothing(store: Store) -> None:
    doc, result = seeded()[1]
    data = result.to_dict()
    del data["events"][-1]["trigger"]  # the last event cannot be stored: after actors and entities were
    with pytest.raises(StoreError, match=doc.id):
        store.add(doc, data)
    assert counts(store) == dict.fromkeys(TABLES, 0)
    assert store.add(doc, result)
    assert store.integrity_check() == []


def test_an_interrupted_ingest_resumes(store: Store) -> None:
    from peristiwa.settings import Settings

    docs = [doc for doc, _ in seeded()]
    stored: list[str] = []

    def stop_after_two(kind: str, item: Any) -> None:
        stored.append(item.id)
        if len(stored) == 2:
            raise KeyboardInterrupt  # as a user's Ctrl-C between two documents

    with pytest.raises(KeyboardInterrupt):
        ingest(store, docs, settings=Settings(use_nlp=False), on_item=stop_after_two)
    assert store.stats()["documents"] == 2 and store.integrity_check() == []
    report = ingest(store, docs, settings=Settings(use_nlp=False))
    assert (report.stored, report.skipped, report.failed) == (len(docs) - 2, 2, 0)
    assert store.stats()["documents"] == len(docs) and store.integrity_check() == []


def test_bad_documents_are_reported_and_the_rest_stored(store: Store) -> None:
    from peristiwa.settings import Settings

    items: list[Document | DocumentError] = [
        DocumentError("broken.jsonl:3", "malformed JSON"),
        Document(id="kosong", text="   \n"),
        seeded()[1][0],
    ]
    seen: list[tuple[str, str]] = []
    report = ingest(store,
        items, settings=Settings(use_nlp=False), on_item=lambda k, i: seen.append((k, str(i)))
    )
    assert (report.stored, report.failed) == (1, 2)
    assert [k for k, _ in seen] == ["failed", "failed", "stored"]
    assert "broken.jsonl:3" in seen[0][1] and "kosong" in seen[1][1]


def test_schema_matches_the_migrations(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def ours(name: Any, type_: str, *_: Any) -> bool:
        # the full-text structures are dialect-specific DDL, not in the portable metadata
        return not (
            str(name).startswith("documents_fts")
            or name in ("ix_documents_fulltext", "alembic_version", "tsv")
        )

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": ours, "compare_type": True})
        assert compare_metadata(ctx, sch.metadata) == []


def test_open_errors(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="cannot open"):
        Store.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url(str(tmp_path / "x.db")).startswith("sqlite:///")


def test_sqlite_file_is_wal_and_default_path(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PERISTIWA_DB", raising=False)
    with Store.open() as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "peristiwa.db").exists()
    monkeypatch.setenv("PERISTIWA_DB", str(tmp_path / "elsewhere.db"))
    Store.open().close()
    assert (tmp_path / "elsewhere.db").exists()


# ---------------------------------------------------------------------- incidents


def _incident_store(store: Store) -> list[Result]:
    """Fill ``store`` with the seed and the two reports of one attack; return their results."""
    results = []
    for doc, result in (*seeded(), *incident_seeded()):
        assert store.add(doc, result)
        results.append(Result.from_dict({**result.to_dict(), "content_id": document_hash(doc)}))
    return results


def test_incidents_are_rebuilt_from_the_stored_results(store: Store) -> None:
    results = _incident_store(store)
    assert store.stats()["incidents"] == 0  # derived data: nothing until a rebuild
    expected = cluster_incidents(results)
    assert store.rebuild_incidents() == len(expected)
    stored = [inc.to_dict() for inc in store.iter_incidents()]  # read back typed, written as stored
    assert sorted(inc["id"] for inc in stored) == sorted(inc.id for inc in expected)
    assert {inc["id"]: inc for inc in stored} == {inc.id: inc.to_dict() for inc in expected}
    # every event is in exactly one incident, each member points at its own document and event
    with store.engine.connect() as conn:
        members = conn.execute(
            sa.select(sch.documents.c.id, sch.events.c.event_id, sch.incident_members.c.event_id)
            .select_from(
                sch.incident_members.join(sch.events, sch.events.c.pk == sch.incident_members.c.event_pk)
                .join(sch.documents, sch.documents.c.pk == sch.incident_members.c.document_pk)
            )
        ).all()
    assert len(members) == store.stats()["events"] == sum(len(inc["sources"]) for inc in stored)
    assert all(ev_id == member_ev for _doc, ev_id, member_ev in members)
    sources = {(s["document"], s["event_id"]) for inc in stored for s in inc["sources"]}
    assert {(d, e) for d, e, _ in members} == sources
    (attack,) = [inc for inc in stored if inc["n_reports"] > 1]
    assert (attack["type"], attack["n_reports"], attack["n_outlets"]) == ("ASSAULT", 2, 2)
    assert attack["outlets"] == ["Kabar Pagi", "Lintas Nusantara"]
    assert attack["fatalities"] == {"best": 2, "min": 2, "max": 3, "reports": 2}
    assert {s["doc_id"] for s in attack["sources"]} == {"lintas-101", "kabar-pagi-55"}
    got = store.incident(attack["id"])
    assert got is not None and got.to_dict() == attack and store.incident("inc0000000000000000") is None
    # idempotent and deterministic: a second rebuild gives the same rows
    before = counts(store)
    assert store.rebuild_incidents() == len(expected)
    assert [inc.to_dict() for inc in store.iter_incidents()] == stored and counts(store) == before
    assert store.rebuild_incidents(min_reports=2) == 1
    assert [inc.id for inc in store.iter_incidents()] == [attack["id"]]
    assert store.integrity_check() == []


def _incident_oracle(inc: dict[str, Any], flt: IncidentFilter) -> bool:
    day = dt.date.fromisoformat(inc["date"]["start"]) if inc["date"] else None
    return (
        (not flt.types or inc["type"] in flt.types)
        and (flt.country is None or (inc["location"] or {}).get("country") == flt.country)
        and (flt.since is None or (day is not None and day >= flt.since))
        and (flt.until is None or (day is not None and day <= flt.until))
        and inc["n_reports"] >= flt.min_reports
        and (flt.document is None or flt.document in {s["document"] for s in inc["sources"]})
    )


def test_incident_filters_and_paging(store: Store) -> None:
    _incident_store(store)
    store.rebuild_incidents()
    every = [inc.to_dict() for inc in store.incidents(limit=500)]
    assert len(every) == store.count_incidents() > 10
    days = [(inc["date"] or {}).get("start") or "0001-01-01" for inc in every]
    assert days == sorted(days, reverse=True)  # newest first
    attack_doc = document_hash(incident_seeded()[0][0])
    cases = [
        IncidentFilter(types=("ASSAULT",)),
        IncidentFilter(types=("PROTEST", "COERCE")),
        IncidentFilter(country="IDN"),
        IncidentFilter(country="IRN", types=("ASSAULT",)),
        IncidentFilter(since=dt.date(2025, 6, 1)),
        IncidentFilter(until=dt.date(2025, 5, 31)),
        IncidentFilter(since=dt.date(2025, 4, 7), until=dt.date(2025, 4, 7)),
        IncidentFilter(min_reports=2),
        IncidentFilter(document=attack_doc),
        IncidentFilter(document=document_hash(seeded()[3][0]), types=("ASSAULT",)),
        IncidentFilter(country="NZL"),
    ]
    for flt in cases:
        want = [inc["id"] for inc in every if _incident_oracle(inc, flt)]
        assert [inc.id for inc in store.incidents(flt, limit=500)] == want, flt
        assert store.count_incidents(flt) == len(want)
        assert [inc.id for inc in store.iter_incidents(flt, batch=2)] == want
    assert [i.n_reports for i in store.incidents(IncidentFilter(min_reports=2))] == [2]
    pages = [inc.id for off in range(0, len(every), 4) for inc in store.incidents(limit=4, offset=off)]
    assert pages == [inc["id"] for inc in every]
    with pytest.raises(StoreError, match="limit"):
        store.incidents(limit=501)
    with pytest.raises(StoreError, match="min_reports"):
        store.rebuild_incidents(min_reports=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"types": ("BOMB",)}, "unknown event type"),
        ({"country": "Indonesia"}, "ISO 3166"),
        ({"since": dt.date(2025, 2, 1), "until": dt.date(2025, 1, 1)}, "after"),
        ({"min_reports": 0}, "min_reports"),
        ({"document": "a\x00b"}, "NUL"),
    ],
)
def test_bad_incident_filters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        IncidentFilter(**kwargs)


def test_deleting_a_document_drops_its_incidents_until_the_next_rebuild(store: Store) -> None:
    _incident_store(store)
    n = store.rebuild_incidents()
    gone = document_hash(incident_seeded()[1][0])
    assert store.count_incidents(IncidentFilter(document=gone)) == 1
    assert store.delete(gone)
    assert store.count_incidents(IncidentFilter(document=gone)) == 0
    assert store.count_incidents() == n - 1 and store.integrity_check() == []
    assert store.rebuild_incidents() == n  # the deleted report had one event; the other stands alone now
    assert store.count_incidents(IncidentFilter(min_reports=2)) == 0


def test_stale_incidents_after_a_run_killed_before_its_rebuild(store: Store) -> None:
    """Regression: a rerun that stored nothing new kept the incidents of an earlier, smaller store."""
    assert not store.incidents_stale()  # an empty store
    (first, first_res), (second, second_res) = incident_seeded()[:2]
    assert store.add(first, first_res) and store.incidents_stale()
    store.rebuild_incidents()
    assert not store.incidents_stale()
    assert store.add(second, second_res)  # ... and the process dies before rebuilding
    assert not store.add(second, second_res)  # the rerun stores nothing new
    assert store.incidents_stale()  # but knows the incidents are out of date
    store.rebuild_incidents()
    assert not store.incidents_stale()
    assert store.delete(document_hash(first)) and store.incidents_stale()


def test_two_versions_of_one_document_get_distinct_incident_ids(store: Store) -> None:
    doc, result = seeded()[2]
    changed = Document(id=doc.id, text=doc.text + "\n\nPembaruan: berita ini diperbarui.", title=doc.title,
                       published=doc.published, source=doc.source)
    assert store.add(doc, result) and store.add(changed, result)
    n = store.rebuild_incidents()
    ids = [inc.id for inc in store.iter_incidents()]
    assert len(ids) == len(set(ids)) == n >= len(result.events)
    assert store.integrity_check() == []
