"""Actor keys and actor profiles merged over several contract results."""

from __future__ import annotations

from typing import Any

import pytest

from peristiwa.corpus.profiles import actor_key, actor_profile, entity_keys, kb_actor_for_key
from peristiwa.types import Entity, Result


@pytest.mark.parametrize(
    ("entity", "key"),
    [
        ({"name": "Israel", "type": "GPE", "kb_id": "Q801", "country": "ISR"}, "Q801"),
        # in the knowledge base without a QID: its KB id
        ({"name": "Hamas", "type": "ORG", "kb_id": None, "country": "PSE"}, "kb:hamas"),
        # the same canonical name with another type is not that KB actor
        ({"name": "Hamas", "type": "PER", "kb_id": None, "country": None}, "n:hamas|PER|"),
        # unknown actors: normalised name, type, country (case, accents, spacing and hyphens do not matter)
        ({"name": "Laskar Merah Putih", "type": "ORG", "country": "IDN"}, "n:laskarmerahputih|ORG|IDN"),
        ({"name": "LASKAR  Merah-Putih", "type": "ORG", "country": "IDN"}, "n:laskarmerahputih|ORG|IDN"),
        ({"name": "Lâskar Merah Putih", "type": "ORG", "country": "IDN"}, "n:laskarmerahputih|ORG|IDN"),
        ({"name": "Laskar Merah Putih", "type": "ORG", "country": None}, "n:laskarmerahputih|ORG|"),
    ],
)
def test_actor_key(entity: dict[str, Any], key: str) -> None:
    assert actor_key(Entity.from_dict({"id": "e1", **entity})) == key


def test_kb_actor_for_key() -> None:
    assert kb_actor_for_key("kb:hamas").name == "Hamas"
    assert kb_actor_for_key("Q801").name == "Israel"
    assert kb_actor_for_key("n:laskarmerahputih|ORG|IDN") is None
    assert kb_actor_for_key("kb:no-such-actor") is None


def _result(
    doc_id: str,
    entities: list[dict[str, Any]],
    events: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    **extra: Any,
) -> Result:
    return Result.from_dict({
        "doc_id": doc_id,
        "lang": "id",
        "published": extra.get("published"),
        "title": extra.get("title"),
        "entities": entities,
        "events": events,
        "relations": relations,
        **extra,
    })


def _ent(
    eid: str,
    name: str,
    type_: str,
    *mentions: tuple[int, int, str],
    country: str | None = None,
    sector: str | None = None,
    kb_id: str | None = None,
) -> dict[str, Any]:
    return {
        "id": eid,
        "name": name,
        "type": type_,
        "kb_id": kb_id,
        "country": country,
        "sector": sector,
        "mentions": [{"start": s, "end": e, "text": t} for s, e, t in mentions],
    }


def _ev(
    eid: str, type_: str, day: str, actors: list[str | None], targets: list[str | None]
) -> dict[str, Any]:
    def part(entity: str | None) -> dict[str, Any]:
        return {"entity": entity, "text": entity or "warga", "name": entity or "warga", "country": None}

    return {
        "id": eid,
        "type": type_,
        "mode": None,
        "actors": [part(a) for a in actors],
        "targets": [part(t) for t in targets],
        "date": {"text": None, "start": day, "end": day, "precision": "day"},
        "location": None,
        "fatalities": None,
        "injuries": None,
        "trigger": {"start": 0, "end": 1, "text": "x"},
        "evidence": {"start": 0, "end": 1, "text": "x"},
        "historical": False,
        "confidence": 0.8,
    }


LASKAR = "n:laskarmerahputih|ORG|IDN"
RESULTS = [
    _result(
        "d1",
        [
            _ent(
                "e1",
                "Laskar Merah Putih",
                "ORG",
                (0, 18, "Laskar Merah Putih"),
                (40, 43, "LMP"),
                country="IDN",
                sector="REB",
            ),
            _ent("e2", "Budi Santoso", "PER", (60, 72, "Budi Santoso"), country="IDN"),
            _ent("e3", "Tentara Nasional Indonesia", "ORG", (80, 83, "TNI"), country="IDN", sector="MIL"),
        ],
        [
            _ev("ev1", "ASSAULT", "2025-05-01", ["e1"], ["e3", None]),
            _ev("ev2", "PROTEST", "2025-05-02", [None], []),  # not this actor's
        ],
        [
            {
                "subject": "e2",
                "relation": "leader_of",
                "object": "e1",
                "former": False,
                "evidence": {"start": 50, "end": 90, "text": "Budi Santoso, pemimpin LMP"},
            },
        ],
        content_id="c1",
        title="Satu",
    ),
    _result(
        "d2",
        [
            _ent(
                "e9", "Laskar Merah Putih", "ORG", (5, 23, "Laskar Merah Putih"), country="IDN", sector="REB"
            ),
            _ent("e8", "Tentara Nasional Indonesia", "ORG", (30, 33, "TNI"), country="IDN", sector="MIL"),
        ],
        [
            _ev("ev7", "COERCE", "2025-06-03", ["e8"], ["e9"]),
        ],
        [],
        title="Dua",
    ),
    _result("d3", [_ent("e1", "Budi Santoso", "PER", (0, 12, "Budi Santoso"), country="IDN")], [], []),
]


def test_profile_merges_documents() -> None:
    typed = actor_profile(RESULTS, LASKAR)
    assert typed.counts.as_actor == 1 and typed.events[0].event.type == "COERCE"
    p = typed.to_dict()  # the API's object
    assert p["key"] == LASKAR
    assert (p["name"], p["type"], p["country"], p["sector"]) == ("Laskar Merah Putih", "ORG", "IDN", "REB")
    assert [d["doc_id"] for d in p["documents"]] == ["d1", "d2"]
    assert p["documents"][0]["content_id"] == "c1" and "content_id" not in p["documents"][1]
    assert {a["text"]: a["count"] for a in p["aliases"]} == {"Laskar Merah Putih": 2, "LMP": 1}
    assert [(m["doc_id"], m["start"], m["text"]) for m in p["mentions"]] == [
        ("d1", 0, "Laskar Merah Putih"),
        ("d1", 40, "LMP"),
        ("d2", 5, "Laskar Merah Putih"),
    ]
    # newest first; the actor attacks in d1 and is the target of the arrest in d2
    assert [(e["doc_id"], e["event"]["id"], e["role"]) for e in p["events"]] == [
        ("d2", "ev7", "target"),
        ("d1", "ev1", "actor"),
    ]
    assert p["counts"] == {
        "documents": 2,
        "mentions": 3,
        "events": 2,
        "as_actor": 1,
        "as_target": 1,
        "relations": 1,
    }
    assert p["relations"] == [
        {
            "doc_id": "d1",
            "content_id": "c1",
            "relation": "leader_of",
            "direction": "in",
            "former": False,
            "evidence": {"start": 50, "end": 90, "text": "Budi Santoso, pemimpin LMP"},
            "other": {
                "key": "n:budisantoso|PER|IDN",
                "name": "Budi Santoso",
                "type": "PER",
                "country": "IDN",
            },
        }
    ]
    assert p["affiliations"] == [
        {
            "relation": "leader_of",
            "direction": "in",
            "key": "n:budisantoso|PER|IDN",
            "name": "Budi Santoso",
            "former": False,
            "count": 1,
            "documents": ["d1"],
            "source": "text",
        }
    ]


def test_profile_of_the_other_side_and_of_nobody() -> None:
    budi = actor_profile(RESULTS, "n:budisantoso|PER|IDN").to_dict()
    assert [d["doc_id"] for d in budi["documents"]] == ["d1", "d3"]
    assert (
        budi["affiliations"][0]["relation"] == "leader_of" and budi["affiliations"][0]["direction"] == "out"
    )
    assert budi["affiliations"][0]["key"] == LASKAR
    assert budi["events"] == []
    nobody = actor_profile(RESULTS, "n:nobody||").to_dict()
    assert nobody["documents"] == [] and nobody["name"] is None and nobody["counts"]["events"] == 0


def test_profile_adds_the_knowledge_base() -> None:
    res = _result(
        "d5",
        [_ent("e1", "Hamas", "ORG", (0, 5, "Hamas"), country="PSE", sector="REB")],
        [_ev("ev1", "THREATEN", "2025-06-10", ["e1"], [])],
        [],
    )
    p = actor_profile([res], "kb:hamas").to_dict()
    assert p["name"] == "Hamas" and "Gerakan Perlawanan Islam" in p["kb_aliases"]
    kb = [a for a in p["affiliations"] if a["source"] == "kb"]
    assert {
        "relation": "supported_by",
        "direction": "out",
        "key": "Q794",
        "name": "Iran",
        "former": False,
        "count": 0,
        "documents": [],
        "source": "kb",
    } in kb


def test_entity_keys() -> None:
    assert entity_keys(RESULTS[1].entities) == {"e9": LASKAR, "e8": "kb:tni"}  # TNI is in the knowledge base
