"""Peak memory (resident set) of each Dask worker while ``peristiwa batch`` extracts.

usage: python benchmarks/memory.py [--docs N] [--shards K] [--workers W] [--no-nlp] [--format jsonl]

Starts a LocalCluster of W single-threaded worker processes, reads each worker's peak RSS
(``resource.getrusage``) after start-up and after loading the pipeline, runs the batch over
N synthetic articles of about 300 words (and the development articles of ../shared when
present), and prints each worker's peak RSS after the run.  ``--no-nlp`` (automatic when the
shipped model is absent) leaves the NLP model out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_scaling import model_available, write_shards  # noqa: E402

from peristiwa.batch import dask_client, peak_rss_mb, prepare, run_batch  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "docs.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--format", dest="fmt", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--no-nlp", action="store_true")
    a = ap.parse_args()
    use_nlp = not a.no_nlp and model_available()
    if not a.no_nlp and not use_nlp:
        print("the shipped NLP model is absent: measuring the pipeline without it (--no-nlp)")
    settings = Settings(use_nlp=use_nlp)
    with tempfile.TemporaryDirectory(prefix="peristiwa-memory-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        words = write_shards(src, a.docs, a.shards)
        if DEV.exists():
            shutil.copy(DEV, src / "dev.jsonl")
        longest = max(len(json.loads(line)["text"]) for f in src.glob("*.jsonl")
                      for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
        print(f"{a.docs} synthetic documents ({words:,} words){' + the dev set' if DEV.exists() else ''}, "
              f"longest {longest:,} characters; {a.workers} workers; NLP model {'on' if use_nlp else 'off'}; "
              f"output {a.fmt}")
        with dask_client(workers=a.workers) as client:
            started = client.run(peak_rss_mb)
            client.run(prepare, settings)
            loaded = client.run(peak_rss_mb)
            report = run_batch([str(src)], Path(tmp) / "out", client=client, settings=settings, fmt=a.fmt)
            after = client.run(peak_rss_mb)
        for i, worker in enumerate(sorted(after)):
            print(f"  worker {i}: peak RSS {started[worker]:6.0f} MB started, {loaded[worker]:6.0f} MB with the "
                  f"pipeline loaded, {after[worker]:6.0f} MB after extracting")
        print(f"  {report.documents} documents in {report.seconds:.1f}s; highest peak {max(after.values()):.0f} MB "
              "per worker")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
