"""Short articles the project wrote itself, with what their results must and must not contain.

Each ``tests/data/golden/NAME.txt`` has a ``NAME.expect.json``: ``must_contain`` items are events
that must be found, ``must_not_contain`` items events that must not be. An item matches an event
when every key it gives agrees: ``type``; ``trigger``/``evidence``/``actor``/``target``/``location``
as a case-insensitive part of that text (any actor, any target); ``date`` as the first day;
``fatalities``/``injuries`` as the count. An item with ``known_miss`` states what is right but
not yet extracted; it is a strict expected failure, so a fix turns it red until the mark goes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from peristiwa.pipeline import extract
from peristiwa.types import Document

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
TEXT_KEYS = {"trigger": lambda e: [e["trigger"]["text"]], "evidence": lambda e: [e["evidence"]["text"]],
             "actor": lambda e: [p["text"] for p in e["actors"]],
             "target": lambda e: [p["text"] for p in e["targets"]],
             "location": lambda e: [(e["location"] or {}).get("name") or ""]}
NOTES = {"why", "known_miss"}


@cache
def events_of(name: str) -> list[dict[str, Any]]:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    result = extract(Document(id=name, text=text))
    for e in result.events:  # the golden texts are the project's own: check the offsets too
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
    return list(result.to_dict()["events"])


def matches(item: dict[str, Any], event: dict[str, Any]) -> bool:
    for key, want in item.items():
        if key in NOTES:
            continue
        if key == "type":
            ok = event["type"] == want
        elif key in TEXT_KEYS:
            ok = any(want.lower() in got.lower() for got in TEXT_KEYS[key](event))
        elif key == "date":
            ok = (event["date"] or {}).get("start") == want
        elif key in ("fatalities", "injuries"):
            ok = event[key] == want
        else:
            raise KeyError(f"unknown expectation key {key!r}")
        if not ok:
            return False
    return True


def cases() -> list[Any]:
    out = []
    for path in sorted(GOLDEN.glob("*.expect.json")):
        name = path.name.removesuffix(".expect.json")
        spec = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("must_contain", "must_not_contain"):
            for k, item in enumerate(spec.get(kind, [])):
                marks = [pytest.mark.xfail(strict=True, reason=item["known_miss"])] if "known_miss" in item else []
                out.append(pytest.param(name, kind, item, id=f"{name}-{kind}-{k}", marks=marks))
    return out


def test_every_article_has_expectations() -> None:
    articles = {p.stem for p in GOLDEN.glob("*.txt")}
    expected = {p.name.removesuffix(".expect.json") for p in GOLDEN.glob("*.expect.json")}
    assert articles == expected and len(articles) >= 4


@pytest.mark.parametrize(("name", "kind", "item"), cases())
def test_golden_article(name: str, kind: str, item: dict[str, Any]) -> None:
    found = [e for e in events_of(name) if matches(item, e)]
    if kind == "must_contain":
        assert found, f"{name}: no event matches {item}"
    else:
        assert not found, f"{name}: {item.get('why')}: {found}"
