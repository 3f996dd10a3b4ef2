"""Scaling of ``peristiwa batch``: the same input on 1 and on 2 Dask worker processes.

usage: python benchmarks/batch_scaling.py [--docs N] [--shards K] [--workers 1,2] [--no-nlp] [--format jsonl]

Builds N synthetic articles of about 300 words from the bundled sample (as
``extract_speed.py`` does), writes them as K JSONL shards, and for each worker count starts a
LocalCluster of single-threaded worker processes, loads the pipeline on every worker, then
times ``run_batch`` alone (cluster start-up and model loading are printed apart).  Prints
docs/s and the speed-up over one worker.  Use ``--no-nlp`` (automatic when the shipped model
is absent) to time the pipeline without the NLP model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_speed import synthetic  # noqa: E402

from peristiwa.batch import dask_client, prepare, run_batch  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402


def model_available() -> bool:
    from peristiwa.nlp.model import MODEL_DIR

    return (MODEL_DIR / "config.cfg").exists()


def write_shards(folder: Path, n_docs: int, n_shards: int) -> int:
    """Write ``n_docs`` synthetic articles as ``n_shards`` JSONL files; return the number of words."""
    docs = synthetic(n_docs)
    per = -(-n_docs // n_shards)
    for k in range(n_shards):
        rows = docs[k * per:(k + 1) * per]
        with (folder / f"part-{k:03d}.jsonl").open("w", encoding="utf-8") as f:
            for d in rows:
                f.write(json.dumps({"id": d.id, "text": d.text, "published": d.published}, ensure_ascii=False) + "\n")
    return sum(len(d.text.split()) for d in docs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--shards", type=int, default=16)
    ap.add_argument("--workers", default="1,2", help="Comma-separated worker counts to compare.")
    ap.add_argument("--format", dest="fmt", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--no-nlp", action="store_true")
    a = ap.parse_args()
    use_nlp = not a.no_nlp and model_available()
    if not a.no_nlp and not use_nlp:
        print("the shipped NLP model is absent: timing the pipeline without it (--no-nlp)")
    settings = Settings(use_nlp=use_nlp)
    counts = [int(x) for x in a.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="peristiwa-scaling-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        words = write_shards(src, a.docs, a.shards)
        print(f"{a.docs} synthetic documents ({words:,} words) in {a.shards} shards; "
              f"NLP model {'on' if use_nlp else 'off'}; {os.cpu_count()} CPUs")
        rates: dict[int, float] = {}
        for n in counts:
            started = time.perf_counter()
            with dask_client(workers=n) as client:
                up = time.perf_counter() - started
                loads = client.run(prepare, settings)
                report = run_batch([str(src)], Path(tmp) / f"out{n}", client=client, settings=settings, fmt=a.fmt)
            rates[n] = report.documents / report.seconds
            print(f"  {n} worker(s): {rates[n]:7.1f} docs/s  {words / report.seconds:9,.0f} words/s  "
                  f"({report.seconds:.2f}s; cluster start {up:.1f}s, pipeline load "
                  f"{max(loads.values()):.1f}s per worker; {report.errors} failed)")
        if 1 in rates:
            for n in counts:
                if n != 1:
                    print(f"  speed-up {n} workers / 1 worker: {rates[n] / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
