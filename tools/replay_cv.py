"""Score the current code on the training articles with the fold models a full run saved.

    .venv/bin/python tools/replay_cv.py FOLDS.pkl --cv-preds OUT.jsonl [--base BASE.jsonl] [--limit N]

``tools/train_events.py --save-folds FOLDS.pkl`` keeps each fold's trigger model, thresholds and
chosen later stages. This runs the event stage of the code as it is now on every training article
with the models of the fold that held it out, exactly as ``--cv-preds`` does, and prints the pooled
figures (and, with ``--base``, the fold-by-fold comparison against an earlier ``--cv-preds`` file).
Events P/R/F1 and strict F1 are the script's to the digit; the argument figures are pooled over every
article here, where the script's log averages them over folds (they differ in the third decimal).

It answers one question fast (a few minutes instead of a full run): what does a change to the code
that retrains nothing do on articles the models did not see? A change that also alters what the
models are trained on (features, candidates, examples) needs a full run: the models saved were
fitted on the old code's examples. Reads only the training articles and their silver gold.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_events import analyse_all, fixed_hash_seed, load_jsonl, pooled, write_cv_preds  # noqa: E402

from peristiwa.eval.folds import FoldModels, compare, read_results  # noqa: E402
from peristiwa.eval.scoring import score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folds", type=Path, help="what train_events.py --save-folds wrote")
    ap.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "data" / "train")
    ap.add_argument("--cv-preds", type=Path, required=True, help="write the held-out results here")
    ap.add_argument("--base", type=Path, default=None, help="an earlier --cv-preds file to compare with, fold by fold")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles only (a quick look)")
    a = ap.parse_args(argv)
    with a.folds.open("rb") as f:
        saved: FoldModels = pickle.load(f)  # a file the project's own training script wrote
    docs = load_jsonl(a.train / "docs.jsonl")
    if a.limit:
        docs = docs[:a.limit]
    gold = load_jsonl(a.train / "gold.jsonl")
    write_cv_preds(a.cv_preds, analyse_all(docs), saved.fold_of, saved.triggers, saved.thresholds, saved.stages)
    preds = read_results(a.cv_preds)
    texts = {d["id"]: d["text"] for d in docs}
    # the figures as the training script logs them ("CV events, every stage, …"); gold of other articles is not read
    print(json.dumps(pooled([score(texts, gold, preds).summary()])))
    if a.base:
        base = read_results(a.base)
        folds = max(saved.fold_of.values()) + 1
        c = compare(texts, gold, base, preds, saved.fold_of, folds)
        for k, d in enumerate(c.differences):
            print(f"fold {k}: F1 + strict {d:+.4f}")
        print(f"mean difference {c.mean_difference:+.4f}; higher in {c.folds_up} of {folds} folds")
    return 0


if __name__ == "__main__":
    fixed_hash_seed()  # as the training script runs: the same feature rows in the same order
    raise SystemExit(main())
