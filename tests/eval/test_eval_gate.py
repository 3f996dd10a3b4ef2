"""The eval gate: seed and dev scores with the default settings may only go up (pinned floors)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV_DOCS, DEV_GOLD, SEED_DOCS, SEED_GOLD, load_jsonl

from peristiwa.eval.scoring import score
from peristiwa.pipeline import pipe
from peristiwa.types import Document, Result

FLOORS = json.loads((Path(__file__).parents[1] / "data" / "eval_floors.json").read_text(encoding="utf-8"))


def _figures(docs_path: Path, gold_path: Path) -> dict[str, Any]:
    if not docs_path.exists():
        pytest.skip("../shared is not present")
    rows = load_jsonl(docs_path)
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    preds = {r.doc_id: r.to_dict() for r in pipe(docs) if isinstance(r, Result)}
    out = score({r["id"]: r["text"] for r in rows}, load_jsonl(gold_path), preds).summary()
    args = out["arguments"]
    return {
        "events_f1": out["events"]["f1"], "events_strict_f1": out["events_strict"]["f1"],
        "relations_f1": out["relations"]["f1"], "entities_unified": out["entities"]["unified"],
        "entities_country": out["entities"]["country"],
        "actors_r": out["participants"].get("actors", {}).get("r"),
        "targets_r": out["participants"].get("targets", {}).get("r"),
        **{f"{k}_acc": v["acc"] for k, v in args.items()},
    }


@pytest.mark.parametrize(("name", "docs", "gold"), [("seed", SEED_DOCS, SEED_GOLD), ("dev", DEV_DOCS, DEV_GOLD)])
def test_scores_do_not_fall_below_the_pinned_floors(name: str, docs: Path, gold: Path) -> None:
    got = _figures(docs, gold)
    low = {k: (got.get(k), floor) for k, floor in FLOORS[name].items() if (got.get(k) or 0.0) < floor}
    assert not low, f"{name} scores fell below their floors (got, floor): {low}"
