"""Refactors keep the output: every document's JSONL line is byte for byte what was frozen."""

from __future__ import annotations

import json

import pytest
from frozen_outputs import FROZEN, SETS, line_hashes


@pytest.mark.parametrize("name", sorted(SETS))
def test_output_is_byte_for_byte_the_frozen_one(name: str) -> None:
    if not SETS[name].exists():
        pytest.skip(f"{SETS[name]} is not present")
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))[name]
    got = line_hashes(SETS[name])
    assert got.keys() == frozen.keys()
    changed = sorted(k for k in got if got[k] != frozen[k])
    assert not changed, (f"{len(changed)} of {len(got)} {name} documents changed: {changed[:10]}; if meant, "
                         "run tests/frozen_outputs.py and say why in the commit")
