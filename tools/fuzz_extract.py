"""Fuzz the readers and ``extract()`` with atheris (libFuzzer for Python; x86_64 Linux only).

usage: python tools/fuzz_extract.py [--nlp] [--keep-going=FILE] [CORPUS_DIR...] [libFuzzer options]
       make fuzz   (10 minutes; tests/test_fuzz.py runs it for 15 s in CI)

  python tools/fuzz_extract.py /tmp/corpus tools/fuzz_seeds -dict=tools/fuzz_extract.dict \\
      -max_total_time=600 -timeout=60 -rss_limit_mb=3000

Each input picks a reader by its first byte (``.txt``, ``.html``, ``.jsonl``, ``.jsonl.gz``,
feed, or a ``Document`` built directly) and runs the documents through ``pipe()``. A crash is
any exception other than a ``DocumentError``, an ``internal error`` the pipeline caught, a span
whose offsets do not index the document's text, or a result the writers cannot write.
``--keep-going=FILE`` records crashes (one JSON line each with the input in hex, deduplicated by
place) and goes on instead of stopping at the first. libFuzzer's ``-print_final_stats=1`` reports
the number of inputs tried (``stat::number_of_executed_units``).
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports(include=["peristiwa"]):  # coverage guidance for the package only
    # the stages the pipeline imports lazily, imported here so that they are instrumented
    import peristiwa.actors.mentions
    import peristiwa.actors.relations
    import peristiwa.events
    import peristiwa.ingest.feeds
    import peristiwa.ingest.html
    import peristiwa.places.gazetteer
    import peristiwa.text.dates
    import peristiwa.text.numbers
    import peristiwa.text.sentences  # noqa: F401
    from peristiwa.ingest import read_inputs
    from peristiwa.output.formats import Writer
    from peristiwa.pipeline import pipe
    from peristiwa.settings import Settings
    from peristiwa.types import Document, DocumentError, Result

MAX_BYTES = 1_000_000
SUFFIXES = (".txt", ".html", ".jsonl", ".jsonl.gz", ".xml")
PUBLISHED = (None, "2025-06-18", "2025-06-18T16:22", "2025-02-30", "0001-01-01", "9999-12-31",
             "tanggal", "2025-06-18T25:99", "")
STATE: dict[str, Any] = {"inputs": 0, "crashes": 0, "seen": set(), "log": None, "nlp": False}
WORKDIR = Path(tempfile.mkdtemp(prefix="peristiwa-fuzz-"))


class FuzzCrash(Exception):
    """An invariant of the pipeline did not hold for this input."""


def documents(data: bytes) -> list[Document | DocumentError]:
    """Turn the fuzzer's bytes into documents through one of the readers."""
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, len(SUFFIXES))
    published = PUBLISHED[fdp.ConsumeIntInRange(0, len(PUBLISHED) - 1)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if mode == len(SUFFIXES):
        # "surrogateescape" gives lone surrogates for bad bytes: no Unicode, which must be refused
        return [Document(id="fuzz", text=body.decode("utf-8", errors="surrogateescape" if body[:1] == b"s"
                                                       else "replace"), published=published)]
    suffix = SUFFIXES[mode]
    if suffix == ".jsonl.gz":
        body = gzip.compress(body, compresslevel=1)
    path = WORKDIR / f"fuzz{suffix}"
    path.write_bytes(body)
    return list(read_inputs([str(path)], max_bytes=MAX_BYTES))


def check(item: Document | DocumentError | Result, texts: dict[str, str]) -> None:
    """Raise FuzzCrash when a result breaks the contract or an error hides a bug."""
    if isinstance(item, DocumentError):
        if "internal error" in item.reason:
            raise FuzzCrash(item.reason)
        return
    if not isinstance(item, Result):
        raise FuzzCrash(f"pipe() yielded a {type(item).__name__}")
    text = texts[item.doc_id]
    for span in spans(item.to_dict()):
        if text[span["start"]:span["end"]] != span["text"]:
            raise FuzzCrash(f"span {span} does not index the text")
    for fmt in ("jsonl", "csv", "table"):
        Writer(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), fmt).write(item)  # as the CLI writes a file


def spans(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of a result's contract dict."""
    found: list[dict[str, Any]] = [m for e in data["entities"] for m in e["mentions"]]
    for ev in data["events"]:
        found += [ev["trigger"], ev["evidence"]]
    found += [r["evidence"] for r in data["relations"]] + list(data["noise"])
    found += [t["span"] for t in data["times"]] + [p["span"] for p in data["places"]]
    found += [q["span"] for q in data["quantities"]] + [q["noun"] for q in data["quantities"] if q["noun"]]
    return found


def test_one_input(data: bytes) -> None:
    """Run one fuzz input through a reader and the pipeline."""
    STATE["inputs"] += 1
    try:
        docs = documents(data)
        texts = {d.id: d.text for d in docs if isinstance(d, Document)}
        settings = Settings(use_nlp=STATE["nlp"], max_chars=MAX_BYTES, max_seconds=20.0)
        for item in pipe(docs, settings=settings):
            check(item, texts)
        json.dumps([d.id for d in docs if isinstance(d, Document)])
    except DocumentError:
        raise FuzzCrash("a DocumentError escaped pipe() instead of being yielded") from None
    except Exception as exc:
        if STATE["log"] is None:
            raise
        record(exc, data)


def record(exc: BaseException, data: bytes) -> None:
    """Write a crash once per place it happened, with the input that caused it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f"{f.filename}:{f.lineno}" for f in reversed(frames) if "peristiwa" in f.filename),
                 f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?")
    key = f"{type(exc).__name__} at {where}"
    if key in STATE["seen"]:
        return
    STATE["seen"].add(key)
    STATE["crashes"] += 1
    with open(STATE["log"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"crash": key, "message": str(exc)[:500], "input": data.hex()}) + "\n")


def main(argv: list[str]) -> None:
    """Parse our own options, leave the rest to libFuzzer, and fuzz."""
    rest = []
    for arg in argv:
        if arg == "--nlp":
            STATE["nlp"] = True
        elif arg.startswith("--keep-going="):
            STATE["log"] = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    logging.disable(logging.WARNING)  # the readers' notes on encodings, once per input
    atheris.Setup(rest, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
