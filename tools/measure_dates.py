"""Measure the date stage on a JSONL of documents: counts, speed, gold coverage, a sample to eyeball.

Usage: python tools/measure_dates.py [docs.jsonl] [--gold gold.jsonl] [--sample 30] [--seed 1]
Defaults read ../shared/data/dev.  Prints to stdout; writes nothing.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import statistics
import time
from pathlib import Path

from peristiwa.text.dates import _candidates, _dateparser_day, _select, find_times
from peristiwa.types import Document

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEV / "docs.jsonl")
    parser.add_argument("--gold", type=Path, default=DEV / "gold.jsonl")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    docs = [Document(**{k: v for k, v in json.loads(line).items() if k in Document.__slots__})
            for line in args.docs.read_text(encoding="utf-8").splitlines() if line.strip()]
    find_times("warmup 1 Juni 2025", published=None)

    found = resolved = 0
    precisions: collections.Counter[str] = collections.Counter()
    relative = 0
    results = {}
    for doc in docs:
        pub = doc.published_date()
        found += len(_select(_candidates(doc.text, ())))
        times = find_times(doc.text, published=pub)
        results[doc.id] = times
        resolved += len(times)
        relative += sum(t.relative for t in times)
        precisions.update(t.precision for t in times)
        for t in times:
            assert doc.text[t.span.start:t.span.end] == t.span.text and t.start <= t.end

    undated = sum(len(find_times(doc.text, published=None)) for doc in docs)
    per_doc = []
    for doc in docs:
        pub = doc.published_date()
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            find_times(doc.text, published=pub)
        per_doc.append((time.perf_counter() - t0) / args.repeat * 1000)
    words = sum(len(d.text.split()) for d in docs) / len(docs)

    print(f"documents: {len(docs)} (mean {words:.0f} words)")
    print(f"expressions found: {found}, resolved: {resolved} ({relative} relative)")
    print(f"precision: {dict(precisions.most_common())}")
    print(f"resolved without the publication date (relative ones dropped): {undated}")
    print(f"ms/doc: mean {statistics.mean(per_doc):.2f}, median {statistics.median(per_doc):.2f}, "
          f"max {max(per_doc):.2f}")
    print(f"dateparser calls (distinct candidates): {_dateparser_day.cache_info().currsize}")

    if args.gold.exists():
        # Gold event dates are accepted windows (often event day..publication), not expressions:
        # count the events whose window holds at least one interval found in the document.
        hit = total = 0
        for line in args.gold.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("kind") != "event" or not rec.get("date") or rec["doc_id"] not in results:
                continue
            total += 1
            lo, hi = (dt.date.fromisoformat(x) for x in rec["date"])
            hit += any(lo <= t.start and t.end <= hi for t in results[rec["doc_id"]])
        print(f"gold event date windows holding an interval found in the document: {hit}/{total}")

    rng = random.Random(args.seed)
    by_id = {d.id: d for d in docs}
    pool = [(doc_id, t) for doc_id, times in results.items() for t in times]
    print(f"\nsample of {min(args.sample, len(pool))}:")
    for doc_id, t in sorted(rng.sample(pool, min(args.sample, len(pool))), key=lambda x: x[0]):
        text = by_id[doc_id].text
        ctx = text[max(0, t.span.start - 40):t.span.end + 25].replace("\n", " ")
        print(f"{doc_id} pub={by_id[doc_id].published} {t.span.text!r} -> {t.start}..{t.end} "
              f"{t.precision}{' rel' if t.relative else ''}\n      …{ctx}…")


if __name__ == "__main__":
    main()
