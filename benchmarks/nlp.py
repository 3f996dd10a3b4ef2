"""Print the shipped pipeline's held-out figures: NER per dataset and label, UPOS/LAS, speed.

    .venv/bin/python benchmarks/nlp.py [--ruler MODE] [--json]

Reads ../shared/data (idner-news-2k test, NERP valid, NERGrit valid, UD gsd-test and
csui-test: none of them trained on).  Speed is measured with one thread (set before numpy
and spaCy load) over article-sized texts built from the held-out sentences.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import nlp_data as nd  # noqa: E402

from peristiwa.nlp import load_nlp, ruler  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ruler", choices=ruler.RULER_MODES, help="override the shipped ruler mode")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if not nd.DATA.exists():
        raise SystemExit(f"{nd.DATA} not found: the held-out data lives in ../shared/data")
    nlp = load_nlp()
    if args.ruler:
        nlp = ruler.add_ruler(nlp, mode=args.ruler)
    scores: dict[str, Any] = nd.all_scores(nlp)
    if args.json:
        print(json.dumps(scores, indent=1))
        return
    print(f"pipeline: {nlp.pipe_names}")
    print("\nNER (exact spans, each dataset scored in its own labels)")
    print(f"{'dataset':<9} {'label':<12} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for name, table in scores["ner"].items():
        for label, s in table.items():
            print(f"{name:<9} {label:<12} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['n']:5d}")
    print("\nUD (raw text in: tokenization errors count)")
    for name, s in scores["ud"].items():
        print(f"{name:<5} " + "  ".join(f"{k}={v:.4f}" for k, v in s.items()))
    print(f"\nwords/second, 1 thread: {scores['words_per_second_1_thread']}")


if __name__ == "__main__":
    main()
