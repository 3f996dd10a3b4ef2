"""What ``peristiwa extract --format jsonl`` writes for the sample, the seed and the dev articles, as hashes.

A refactor must leave every line byte for byte the same. ``tests/data/frozen_outputs.json`` keeps
a SHA-256 of each document's JSONL line (no article text); ``test_frozen_outputs.py`` compares.
When the output is meant to change (a retrained model, a fixed extraction), write the file again
and say why in the commit:

    .venv/bin/python tests/frozen_outputs.py
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

from conftest import DEV_DOCS, SEED_DOCS, load_jsonl

from peristiwa.cli import sample_path
from peristiwa.output.formats import Writer
from peristiwa.pipeline import pipe
from peristiwa.types import Document, Result

FROZEN = Path(__file__).resolve().parent / "data" / "frozen_outputs.json"
SETS = {"sample": sample_path(), "seed": SEED_DOCS, "dev": DEV_DOCS}


def line_hashes(path: Path) -> dict[str, str]:
    """The SHA-256 of each document's JSONL line, by document id, with the default settings."""
    rows = load_jsonl(path)
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    out = {}
    for result in pipe(docs):
        assert isinstance(result, Result), result
        buf = io.StringIO()
        Writer(buf, "jsonl").write(result)
        out[result.doc_id] = hashlib.sha256(buf.getvalue().encode("utf-8")).hexdigest()
    return out


def main() -> int:
    frozen = {name: line_hashes(path) for name, path in SETS.items() if path.exists()}
    missing = sorted(set(SETS) - set(frozen))
    if missing:
        print(f"not written: {', '.join(missing)} absent (../shared is needed)", file=sys.stderr)
        return 1
    FROZEN.write_text(json.dumps(frozen, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{FROZEN}: {', '.join(f'{k} {len(v)}' for k, v in frozen.items())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
