"""The ``peristiwa`` command: thin wrappers that parse arguments and call the package."""

from __future__ import annotations

import sys
import time
from importlib import resources
from pathlib import Path
from typing import IO

import click

from peristiwa import __version__
from peristiwa.formats import FORMATS, Writer
from peristiwa.settings import Settings
from peristiwa.types import DocumentError, Result


def sample_path() -> Path:
    """The bundled sample article (fictional events, real places) as JSONL."""
    return Path(str(resources.files("peristiwa") / "data" / "sample" / "sample.jsonl"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="peristiwa")
def main() -> None:
    """Read Indonesian news and write down what happened: events, actors, dates, places, casualties."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="jsonl is the document contract, one result per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")
@click.option("--sample", is_flag=True, help="Run on the bundled sample article.")
@click.option("--max-chars", type=int, default=Settings().max_chars, show_default=True,
              help="Documents longer than this are reported as errors, not read.")
@click.option("--no-nlp", is_flag=True, help="Skip the statistical NLP model (faster, fewer entities).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def extract(inputs: tuple[str, ...], fmt: str, output: str | None, sample: bool, max_chars: int,
            no_nlp: bool, progress: bool | None) -> None:
    """Extract events from INPUTS: .txt, .html, .jsonl, feeds, directories, URLs, or - for stdin."""
    from peristiwa.ingest import read_inputs
    from peristiwa.pipeline import pipe

    sources = list(inputs)
    if sample:
        sources.append(str(sample_path()))
    if not sources:
        raise click.UsageError("give at least one INPUT (or --sample)")
    settings = Settings(max_chars=max_chars, use_nlp=not no_nlp)
    out: IO[str] = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    writer = Writer(out, fmt)
    show = sys.stderr.isatty() if progress is None else progress
    n_ok = n_bad = n_events = 0
    started = time.perf_counter()
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, leave=False)
    try:
        for item in pipe(read_inputs(sources, max_bytes=max_chars * 4), settings=settings):
            if isinstance(item, DocumentError):
                n_bad += 1
                click.echo(f"error: {item}", err=True)
            elif isinstance(item, Result):
                n_ok += 1
                n_events += len(item.events)
                writer.write(item)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        writer.close()
        if output:
            out.close()
    elapsed = time.perf_counter() - started
    if n_ok + n_bad > 1 or n_bad or show:
        click.echo(f"{n_ok} documents, {n_events} events, {n_bad} failed in {elapsed:.1f}s "
                   f"({(n_ok + n_bad) / elapsed if elapsed else 0:.1f} docs/s)", err=True)
    if n_bad:
        sys.exit(1)


@main.command(name="eval")
@click.argument("docs", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold JSONL (events, relations, entities) as in the project's GUIDELINES.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score these results instead of extracting DOCS now.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List every miss.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the figures here as JSON.")
def eval_cmd(docs: str, gold: str, pred: str | None, errors: bool, json_out: str | None) -> None:
    """Score the system on DOCS (contract input JSONL) against a GOLD file."""
    import json

    from peristiwa.evaluate import format_summary, score
    from peristiwa.ingest import read_inputs
    from peristiwa.pipeline import pipe

    def load(path: str) -> list[dict[str, object]]:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    doc_rows = load(docs)
    texts = {str(d["id"]): str(d["text"]) for d in doc_rows}
    gold_rows = [g for g in load(gold) if g.get("doc_id") in texts]
    if pred:
        preds = {str(r["doc_id"]): r for r in load(pred)}
    else:
        preds = {}
        for item in pipe(read_inputs([docs])):
            if isinstance(item, DocumentError):
                click.echo(f"error: {item}", err=True)
            else:
                preds[item.doc_id] = item.to_dict()
    scores = score(texts, gold_rows, preds)
    out = scores.summary()
    if errors:
        for line in scores.misses:
            click.echo(line)
    click.echo(format_summary(out, len(preds)))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
