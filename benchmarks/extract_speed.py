"""Throughput of ``extract`` on one core, and how much the rule stages add to the NLP model alone.

usage: python benchmarks/extract_speed.py [--docs DOCS.jsonl] [--synthetic N] [--repeat R] [--no-nlp]

Prints docs/s and words/s for: the whole pipeline (``pipe``), the NLP model alone on the same
texts (``nlp.pipe`` with the components extraction runs: the recognizer, tagger and parser; the
morphologizer and lemmatizer are skipped in both), and the pipeline without the model; and the
ratio pipeline / model. Then the same for ``--no-parse`` (``Settings(parse=False)``: no parser,
the rules' roles) against the model without its parser.
The synthetic set is built from the bundled sample by shuffling its sentences (N documents).
Run it with one thread (it sets the BLAS thread variables itself) on an idle machine.
With ``--no-nlp``, or when the shipped model is absent, only the pipeline without the model runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from peristiwa.cli import sample_path  # noqa: E402  (after the thread settings)
from peristiwa.pipeline import pipe, unused_components  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402
from peristiwa.text.clean import TextView  # noqa: E402
from peristiwa.types import Document  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "docs.jsonl"


def load(path: Path) -> list[Document]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]


def synthetic(n: int, *, seed: int = 7) -> list[Document]:
    """N articles of about 300 words made by shuffling the sample's sentences."""
    base = json.loads(sample_path().read_text(encoding="utf-8"))
    sents = [s.strip() + "." for s in base["text"].replace("\n", " ").split(". ") if len(s.split()) > 4]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body: list[str] = []
        while sum(len(s.split()) for s in body) < 300:
            body.append(rng.choice(sents))
        docs.append(Document(id=f"syn-{i}", text=" ".join(body), published=base["published"]))
    return docs


def timed(label: str, docs: list[Document], run: object, repeat: int) -> float:
    words = sum(len(d.text.split()) for d in docs)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(docs)  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    print(f"  {label:<28} {len(docs) / best:8.1f} docs/s  {words / best:10,.0f} words/s  ({best:.2f}s)")
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=Path, default=DEV)
    ap.add_argument("--synthetic", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-nlp", action="store_true", help="Time only the pipeline without the NLP model.")
    a = ap.parse_args()
    from peristiwa.nlp.model import ModelNotFoundError, load_nlp

    nlp = None
    if not a.no_nlp:
        try:
            nlp = load_nlp()
        except ModelNotFoundError as exc:
            print(f"no NLP model ({exc}); timing the pipeline without it (--no-nlp)")
    sets = []
    if a.docs.exists():
        sets.append((f"{a.docs.parent.name} ({a.docs.name})", load(a.docs)))
    sets.append((f"synthetic x{a.synthetic} (~300 words)", synthetic(a.synthetic)))
    for name, docs in sets:
        print(f"{name}: {len(docs)} documents, {sum(len(d.text.split()) for d in docs):,} words")
        if nlp is None:
            timed("pipeline without the model", docs, lambda ds: list(pipe(ds, settings=Settings(use_nlp=False))),
                  a.repeat)
            continue
        full = timed("extract (pipeline)", docs, lambda ds: list(pipe(ds)), a.repeat)
        fast = timed("extract --no-parse", docs, lambda ds: list(pipe(ds, settings=Settings(parse=False))), a.repeat)
        model = timed("NLP model alone (nlp.pipe)", docs,
                      lambda ds, m=nlp: list(m.pipe([TextView(d.text).norm for d in ds],
                                                    disable=unused_components(m))), a.repeat)
        timed("pipeline without the model", docs, lambda ds: list(pipe(ds, settings=Settings(use_nlp=False))),
              a.repeat)
        print(f"  ratio pipeline / model alone: {model / full:.2f} (speed of extract relative to the model)")
        fast_model = timed("NLP model alone, no parser", docs,
                           lambda ds, m=nlp: list(m.pipe([TextView(d.text).norm for d in ds],
                                                         disable=unused_components(m, dependencies=False))), a.repeat)
        print(f"  ratio --no-parse / model alone without the parser: {fast_model / fast:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
