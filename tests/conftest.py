"""Shared fixtures: paths to ../shared (read-only, may be absent on a user's machine)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_DOCS = SHARED / "data" / "dev" / "docs.jsonl"
DEV_GOLD = SHARED / "data" / "dev" / "gold.jsonl"
SEED_DOCS = SHARED / "data" / "seed" / "docs.jsonl"
SEED_GOLD = SHARED / "data" / "seed" / "gold.jsonl"
SEED_TXT = SHARED / "data" / "seed" / "000_1e9fd6f585225507.txt"
SCORER = SHARED / "eval" / "score.py"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def dev_docs() -> list[dict[str, Any]]:
    if not DEV_DOCS.exists():
        pytest.skip("../shared/data/dev is not present")
    return load_jsonl(DEV_DOCS)


@pytest.fixture(scope="session")
def seed_doc() -> dict[str, Any]:
    if not SEED_DOCS.exists():
        pytest.skip("../shared/data/seed is not present")
    return load_jsonl(SEED_DOCS)[0]
