"""Print the core stages' figures on a document set: boilerplate, dates, numbers, places, speed.

usage: python tools/measure_core.py [DOCS.jsonl] [--no-nlp]

"Missed" boilerplate is an estimate: unmarked lines that look like page furniture (short lines
that name a video, a related article, an ad or a share button); read them to check.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from peristiwa.pipeline import pipe
from peristiwa.settings import Settings
from peristiwa.text.clean import find_boilerplate
from peristiwa.types import Document, Result

SUSPECT = re.compile(r"(?i)\b(baca|simak|lihat|video|scroll|advert|iklan|halaman|selengkapnya|tayang|"
                     r"gambas|follow|ikuti|klik|download)\b")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv and not argv[0].startswith("-") else \
        Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "docs.jsonl"
    use_nlp = "--no-nlp" not in argv
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]

    kinds: Counter[str] = Counter()
    suspects: list[str] = []
    for d in docs:
        marked = find_boilerplate(d.text)
        kinds.update(b.kind for b in marked)
        spans = [(b.span.start, b.span.end) for b in marked]
        pos = 0
        for line in d.text.splitlines(keepends=True):
            s = pos + len(line) - len(line.lstrip())
            stripped = line.strip()
            pos += len(line)
            if not stripped or len(stripped.split()) > 25 or any(a <= s < b for a, b in spans):
                continue
            if SUSPECT.search(stripped):
                suspects.append(f"{d.id}: {stripped[:90]}")
    print(f"documents {len(docs)} from {path}")
    print(f"boilerplate lines marked {sum(kinds.values())}: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print(f"unmarked lines that look like furniture (possible misses) {len(suspects)}")
    for line in suspects:
        print("   ", line)

    started = time.perf_counter()
    results = [r for r in pipe(docs, settings=Settings(use_nlp=use_nlp)) if isinstance(r, Result)]
    elapsed = time.perf_counter() - started
    times = [t for r in results for t in r.times]
    precisions = Counter(t.precision for t in times)
    relative = sum(t.relative for t in times)
    words = sum(len(d.text.split()) for d in docs)
    print(f"date expressions found {len(times)}, resolved {len(times)} ({relative} against another date); "
          "by precision: " + ", ".join(f"{k} {n}" for k, n in precisions.most_common()))
    print(f"counts found {sum(len(r.quantities) for r in results)}, place mentions {sum(len(r.places) for r in results)}, "
          f"events {sum(len(r.events) for r in results)}")
    print(f"extract ({'with' if use_nlp else 'without'} the NLP model): {len(results)} docs in {elapsed:.2f}s = "
          f"{len(results) / elapsed:.1f} docs/s, {words / elapsed:,.0f} words/s (one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
