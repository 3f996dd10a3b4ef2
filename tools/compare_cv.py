"""Compare two cross-validated runs of ``tools/train_events.py`` fold by fold.

    .venv/bin/python tools/compare_cv.py BASE.jsonl NEW.jsonl [--train ../shared/data/train]

Each file is what ``train_events.py --cv-preds`` writes: every training article's result from the
models of the folds that held it out. Both are scored on the same folds (the script's seeded split
by article), and for each fold the table gives event F1, strict F1 and the difference in their sum
(new − base). A change whose pooled gain comes from one or two folds while the others lose is not
a robust gain. Reads only the training articles and their silver gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from peristiwa.eval.folds import FOLDS, SPLIT_SEED, compare, folds_by_article, read_results  # noqa: E402


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "data" / "train")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--seed", type=int, default=SPLIT_SEED)
    a = ap.parse_args(argv)
    docs = _jsonl(a.train / "docs.jsonl")
    texts = {d["id"]: d["text"] for d in docs}
    fold_of = folds_by_article([d["id"] for d in docs], a.folds, a.seed)
    c = compare(texts, _jsonl(a.train / "gold.jsonl"), read_results(a.base), read_results(a.new), fold_of, a.folds)
    print("fold  base F1  strict  new F1  strict  difference (F1 + strict)")
    for k, (b, n, d) in enumerate(zip(c.base, c.new, c.differences, strict=True)):
        print(f"{k:4d}  {b.f1:7.4f}  {b.strict_f1:6.4f}  {n.f1:6.4f}  {n.strict_f1:6.4f}  {d:+.4f}")
    print(f"mean difference {c.mean_difference:+.4f}; the new run is higher in {c.folds_up} of {a.folds} folds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
