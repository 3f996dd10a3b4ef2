"""``Result.from_dict`` reads back every contract object ``to_dict`` writes, field for field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV_DOCS, SEED_DOCS, load_jsonl

from peristiwa.cli import sample_path
from peristiwa.pipeline import pipe
from peristiwa.types import (
    Document,
    Entity,
    Event,
    EventDate,
    Location,
    Participant,
    Place,
    PlaceMention,
    Quantity,
    Relation,
    Result,
    Span,
    TimeExpr,
    Toll,
)

TEXT = "Sekitar 20 orang tewas di Kota Baru, Senin (2/6/2025), dalam serangan kelompok X."


def made_up() -> Result:
    """A result with every optional field filled in, built by hand."""
    place = Place("Kota Baru", "IDN", "Kalimantan Selatan", -3.3, 116.2, "admin2")
    day = dt.date(2025, 6, 2)
    count = Quantity(Span.of(TEXT, 0, 10), 15, 25, noun=Span.of(TEXT, 11, 16), approximate=True)
    actor = Participant("kelompok X", "kelompok X", entity="e1", country=None, span=Span.of(TEXT, 70, 80))
    victim = Participant("orang", "orang", inferred=True)
    event = Event("ev1", "ASSAULT", Span.of(TEXT, 61, 69), Span.of(TEXT, 0, len(TEXT)), mode="firearms",
                  actors=(actor,), targets=(victim,), date=EventDate("Senin (2/6/2025)", day, day, "day"),
                  location=Location("Kota Baru", place), fatalities=Toll.of(count), injuries=Toll(3, 3),
                  historical=True, confidence=0.812)
    return Result(
        doc_id="d1", lang="id", published="2025-06-03T10:00", title="Judul",
        entities=(Entity("e1", "kelompok X", "ORG", (Span.of(TEXT, 70, 80),), kb_id=None, country="IDN", sector="REB"),),
        events=(event,),
        relations=(Relation("e1", "member_of", "e2", Span.of(TEXT, 0, 10), former=True),),
        noise=(Span.of(TEXT, 0, 7),),
        times=(TimeExpr(Span.of(TEXT, 37, 53), day, day, "day", relative=False),),
        quantities=(count,),
        places=(PlaceMention(Span.of(TEXT, 26, 35), place),),
        extra={"source": "Outlet", "url": None},
    )


def test_a_made_up_result_reads_back_whole() -> None:
    data = made_up().to_dict()
    back = Result.from_dict(json.loads(json.dumps(data)))
    assert back.to_dict() == data
    event = back.events[0]
    assert event.fatalities == Toll(15, 25, "Sekitar 20")  # the words come back; offsets are not in the contract
    assert event.injuries == Toll(3, 3)
    assert event.targets[0].inferred and event.actors[0].span == Span.of(TEXT, 70, 80)
    assert back.relations[0].former and back.extra == {"source": "Outlet", "url": None}
    assert back.quantities[0].noun == Span.of(TEXT, 11, 16)


def test_a_range_toll_without_its_words_reads_back_with_empty_words() -> None:
    assert Toll.from_value({"min": 20, "max": 99}).value() == {"min": 20, "max": 99, "text": ""}
    assert Toll.from_value({"min": 20, "max": 99, "text": None}) == Toll(20, 99, "")
    assert Toll.from_value(3) == Toll(3, 3) and Toll(3, 3).value() == 3


def test_a_missing_required_key_is_an_error() -> None:
    data = made_up().to_dict()
    del data["events"][0]["trigger"]
    with pytest.raises(KeyError):
        Result.from_dict(data)


@pytest.mark.parametrize("path", [sample_path(), SEED_DOCS, DEV_DOCS], ids=["sample", "seed", "dev"])
def test_every_extracted_result_reads_back_to_the_same_json(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not present")
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in load_jsonl(path)]
    results = [r for r in pipe(docs) if isinstance(r, Result)]
    assert len(results) == len(docs)
    for result in results:
        data: dict[str, Any] = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
        assert Result.from_dict(data).to_dict() == data, result.doc_id
