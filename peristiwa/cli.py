"""The ``peristiwa`` command: thin wrappers that parse arguments and call the package."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import IO, Any

import click

from peristiwa import __version__
from peristiwa.output.formats import FORMATS, Writer
from peristiwa.settings import Settings
from peristiwa.types import DocumentError, Result


def sample_path() -> Path:
    """The bundled sample article (fictional events, real places) as JSONL."""
    return Path(str(resources.files("peristiwa") / "data" / "sample" / "sample.jsonl"))


def limit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the per-document caps (``--max-chars``, ``--max-seconds``) shared by the extracting commands."""
    func = click.option(
        "--max-seconds", type=click.FloatRange(min=0), default=Settings().max_seconds, show_default=True,
        help="Documents that take longer than this are stopped and reported as errors (0: no cap).")(func)
    return click.option(
        "--max-chars", type=click.IntRange(min=1), default=Settings().max_chars, show_default=True,
        help="Documents longer than this are reported as errors, not read; files, downloads and "
             "decompressed streams are capped at 4 bytes per character.")(func)


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
@limit_options
@click.option("--no-nlp", is_flag=True, help="Skip the statistical NLP model (faster, fewer entities).")
@click.option("--rules-only", is_flag=True, help="Events from the cue lexicon and act filters alone, without the learned models.")
@click.option("--no-parse", is_flag=True,
              help="Skip the dependency parse: about a quarter faster, the rules' actors and targets.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def extract(inputs: tuple[str, ...], fmt: str, output: str | None, sample: bool, max_chars: int,
            max_seconds: float, no_nlp: bool, rules_only: bool, no_parse: bool, progress: bool | None) -> None:
    """Extract events from INPUTS: .txt, .html, .jsonl, feeds, directories, URLs, or - for stdin."""
    from peristiwa.ingest import read_inputs
    from peristiwa.pipeline import pipe

    sources = list(inputs)
    if sample:
        sources.append(str(sample_path()))
    if not sources:
        raise click.UsageError("give at least one INPUT (or --sample)")
    settings = Settings(max_chars=max_chars, max_seconds=max_seconds or None, use_nlp=not no_nlp,
                        learned=not rules_only, parse=not no_parse)
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
@click.option("--breakdown", is_flag=True,
              help="Also give the false and missed events by kind and the events by type (in the JSON too).")
def eval_cmd(docs: str, gold: str, pred: str | None, errors: bool, json_out: str | None, breakdown: bool) -> None:
    """Score the system on DOCS (contract input JSONL) against a GOLD file."""
    import json

    from peristiwa.eval.scoring import format_breakdown, format_summary, score
    from peristiwa.ingest import read_inputs
    from peristiwa.pipeline import pipe

    def load(path: str, needs: tuple[str, ...]) -> list[dict[str, Any]]:
        rows = []
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise click.ClickException(f"{path}:{lineno}: malformed JSON: {exc.msg}") from exc
                missing = [k for k in needs if not isinstance(row, dict) or k not in row]
                if missing:
                    hint = (" (this looks like a result: give results with --pred)"
                            if isinstance(row, dict) and "doc_id" in row and "events" in row else "")
                    raise click.ClickException(f"{path}:{lineno}: no {', '.join(map(repr, missing))}: expected "
                                               "a JSON object with " + ", ".join(map(repr, needs)) + hint)
                rows.append(row)
        return rows

    doc_rows = load(docs, ("id", "text"))
    texts = {str(d["id"]): str(d["text"]) for d in doc_rows}
    gold_rows = [g for g in load(gold, ("kind", "doc_id")) if g.get("doc_id") in texts]
    if pred:
        preds = {str(r["doc_id"]): r for r in load(pred, ("doc_id",))}
    else:
        preds = {}
        for item in pipe(read_inputs([docs])):
            if isinstance(item, DocumentError):
                click.echo(f"error: {item}", err=True)
            else:
                preds[item.doc_id] = item.to_dict()
    try:
        scores = score(texts, gold_rows, preds)
    except (KeyError, TypeError, ValueError) as exc:  # a gold line that does not follow GUIDELINES.md
        raise click.ClickException(f"cannot score against {gold}: {exc}") from exc
    out = scores.summary()
    if errors:
        for line in scores.misses:
            click.echo(line)
    click.echo(format_summary(out, len(preds)))
    if breakdown:
        out["breakdown"] = scores.breakdown()
        click.echo(format_breakdown(out["breakdown"]))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


# ---------------------------------------------------------------------- store commands

_DB_HELP = ("Store: a SQLite file path or postgresql://USER@HOST:PORT/DB "
            "(default: $PERISTIWA_DB or ./peristiwa.db).")


def _missing_store(db: str | None) -> str | None:
    """Say why ``db`` (or the default store) cannot be read when it is a SQLite file that does not exist.

    Opening a missing file would create an empty store: a typo in ``--db`` would then list nothing
    and leave a stray file behind.
    """
    import os

    from peristiwa.store import ENV_VAR, StoreError, default_url
    from peristiwa.store.db import sqlite_file

    given = db or default_url()
    try:
        path = sqlite_file(given)
    except StoreError as exc:
        return str(exc)
    if path is None or path.exists():
        return None
    origin = "" if db else (f" (from ${ENV_VAR})" if os.environ.get(ENV_VAR) else " (the default store)")
    return (f"no store at {given}{origin}: the file does not exist. Give an existing store with --db "
            f"or ${ENV_VAR}, or create it first with `peristiwa ingest INPUT... --db {given}`")


def _open_store(db: str | None, *, create: bool = False) -> Any:
    """Open the store; only writers (``create``) may create a missing SQLite file."""
    from peristiwa.store import Store, StoreError

    problem = None if create else _missing_store(db)
    if problem:
        raise click.ClickException(problem)
    try:
        return Store.open(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def event_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the event filter options shared by ``events`` and ``export``."""
    from peristiwa.types import EVENT_TYPES

    options = [
        click.option("--actor", default=None, help="Actor key, name or alias (actor or target)."),
        click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES, case_sensitive=False),
                     help="PLOVER event type (repeat for several)."),
        click.option("--country", default=None, help="ISO3 code of the event's place (IDN, IRN, ...)."),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                     help="First day (YYYY-MM-DD) of the event, inclusive."),
        click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                     help="Last day (YYYY-MM-DD), inclusive."),
        click.option("--near", default=None, help="A place the gazetteer knows, or 'lat,lon'."),
        click.option("--radius-km", type=float, default=100.0, show_default=True, help="Radius for --near."),
        click.option("--text", default=None,
                     help="Words that must all occur in the article (word* = prefix)."),
        click.option("--historical/--current", default=None,
                     help="Only background events of earlier years, or only current ones (default: both)."),
        click.option("--db", default=None, help=_DB_HELP),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _event_filter(actor: str | None, types: tuple[str, ...], country: str | None, since: Any, until: Any,
                  near: str | None, radius_km: float, text: str | None, historical: bool | None) -> Any:
    from peristiwa.store import EventFilter, StoreError
    from peristiwa.store.query import resolve_near

    try:
        point = resolve_near(near)[:2] if near else None
        return EventFilter(actor=actor, types=tuple(t.upper() for t in types),
                           country=country.upper() if country else None,
                           since=since.date() if since else None, until=until.date() if until else None,
                           near=point, radius_km=radius_km, text=text, historical=historical)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc


def _refresh_incidents(store: Any) -> int | None:
    """Recompute the store's incidents when documents changed since they were built (even by a killed run)."""
    if store.incidents_stale():
        return int(store.rebuild_incidents())
    return None


def _incident_filter(actor: str | None, types: tuple[str, ...], country: str | None, since: Any, until: Any,
                     near: str | None, text: str | None, historical: bool | None) -> Any:
    from peristiwa.store import IncidentFilter, StoreError

    unused = [name for name, value in (("--actor", actor), ("--near", near), ("--text", text),
                                       ("--historical/--current", historical)) if value is not None]
    if unused:
        raise click.UsageError(f"{', '.join(unused)} do not apply to incidents (only --type, --country, "
                               "--since, --until)")
    try:
        return IncidentFilter(types=tuple(t.upper() for t in types),
                              country=country.upper() if country else None,
                              since=since.date() if since else None, until=until.date() if until else None)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc


def _output(output: str | None) -> Any:
    return open(output, "w", encoding="utf-8", newline="") if output else contextlib.nullcontext(sys.stdout)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--sample", is_flag=True, help="Ingest the bundled sample article too.")
@limit_options
@click.option("--no-nlp", is_flag=True, help="Skip the statistical NLP model (faster, fewer entities).")
@click.option("--rules-only", is_flag=True, help="Events from the cue lexicon and act filters alone, without the learned models.")
@click.option("--no-parse", is_flag=True,
              help="Skip the dependency parse: about a quarter faster, the rules' actors and targets.")
@click.option("--replace", is_flag=True, help="Extract and store again documents already stored.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.option("--follow", is_flag=True,
              help="Keep polling INPUTS (feed URLs, feed files, folders, files) and ingest what is new.")
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="With --follow: time between polls (30s, 15m, 1h, 1h30m).")
@click.option("--max-polls", type=click.IntRange(min=1), default=None,
              help="With --follow: stop after this many polls (default: run until Ctrl-C).")
@click.option("--once", is_flag=True, help="With --follow: poll once and stop (--max-polls 1).")
def ingest(inputs: tuple[str, ...], db: str | None, sample: bool, max_chars: int, max_seconds: float,
           no_nlp: bool, rules_only: bool, no_parse: bool, replace: bool, progress: bool | None, follow: bool, every: str,
           max_polls: int | None, once: bool) -> None:
    """Extract INPUTS and keep the results in the store; documents stored already are skipped.

    Each document is stored in one transaction, so an interrupted run leaves the store
    consistent and running it again finishes the job. With --follow, INPUTS are polled
    every --every and only what is new is read (see the README).
    """
    from peristiwa.corpus.alerts import raise_alerts
    from peristiwa.ingest import read_inputs
    from peristiwa.ingest.to_store import ingest as ingest_into
    from peristiwa.store import document_hash

    if follow or once or max_polls is not None:
        if not follow:
            raise click.UsageError("--max-polls and --once go with --follow")
        _follow(inputs, db=db, sample=sample, replace=replace, every=every,
                max_polls=1 if once else max_polls,
                settings=Settings(max_chars=max_chars, max_seconds=max_seconds or None, use_nlp=not no_nlp,
                                  learned=not rules_only, parse=not no_parse))
        return
    sources = list(inputs) + ([str(sample_path())] if sample else [])
    if not sources:
        raise click.UsageError("give at least one INPUT (or --sample)")
    store = _open_store(db, create=True)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, leave=False)

    stored_ids: list[str] = []

    def on_item(kind: str, item: Any) -> None:
        if kind == "failed":
            click.echo(f"error: {item}", err=True)
        elif kind == "stored":
            stored_ids.append(document_hash(item))
        if bar is not None:
            bar.update(1)

    started = time.perf_counter()
    n_incidents = None
    try:
        report = ingest_into(store, read_inputs(sources, max_bytes=max_chars * 4),
                              settings=Settings(max_chars=max_chars, max_seconds=max_seconds or None,
                                                use_nlp=not no_nlp, learned=not rules_only, parse=not no_parse), replace=replace,
                              on_item=on_item)
        if bar is not None:
            bar.close()
            bar = None
        n_incidents = _refresh_incidents(store)
        raised = raise_alerts(store, stored_ids)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    elapsed = time.perf_counter() - started
    done = report.stored + report.skipped + report.failed
    click.echo(f"{report.stored} documents stored ({report.events} events), {report.skipped} already stored, "
               f"{report.failed} failed in {elapsed:.1f}s ({done / elapsed if elapsed else 0:.1f} docs/s)",
               err=True)
    if n_incidents is not None:
        click.echo(f"{n_incidents} incidents in the store", err=True)
    for alert in raised:
        click.echo(f"alert [{alert['watch']}] {alert['rule']}: {alert['title']}", err=True)
    if report.failed:
        sys.exit(1)


def _follow(inputs: tuple[str, ...], *, db: str | None, sample: bool, replace: bool, every: str,
            max_polls: int | None, settings: Settings) -> None:
    """``ingest --follow``: poll INPUTS, hand what is new to ``ingest.to_store.ingest`` and raise alerts, as a
    plain ingest does."""
    from peristiwa.corpus.alerts import raise_alerts
    from peristiwa.ingest import follow
    from peristiwa.ingest.to_store import ingest as ingest_into
    from peristiwa.store import document_hash

    if not inputs:
        raise click.UsageError("--follow needs at least one INPUT: a feed URL, a feed file or a folder")
    if sample or replace:
        raise click.UsageError("--sample and --replace do not go with --follow")
    try:
        interval = follow.parse_duration(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    if interval < 1 and max_polls is None:
        raise click.BadParameter("an open-ended run (no --max-polls) polls at most once a second",
                                 param_hint="--every")
    for given in inputs:
        try:
            follow.source_kind(given)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    store = _open_store(db, create=True)
    stored_ids: list[str] = []

    def on_item(kind: str, item: Any) -> None:
        if kind == "failed":
            click.echo(f"error: {item}", err=True)
        elif kind == "stored":
            stored_ids.append(document_hash(item))

    def ingest_new(items: Any, notify: Any) -> Any:
        return ingest_into(store, items, settings=settings, on_item=notify)

    def on_poll(number: int, report: Any) -> None:
        n_incidents = _refresh_incidents(store) if report.stored else None
        extra = f"; {n_incidents} incidents in the store" if n_incidents is not None else ""
        click.echo(f"poll {number} at {follow.stamp()}: {report.line()}{extra}", err=True)
        if stored_ids:  # what this poll stored may raise alerts, as a plain ingest does
            for alert in raise_alerts(store, list(stored_ids)):
                click.echo(f"alert [{alert['watch']}] {alert['rule']}: {alert['title']}", err=True)
            stored_ids.clear()

    plural = "s" if len(inputs) > 1 else ""
    when = ("once" if max_polls == 1 else
            f"every {follow.format_duration(interval)}, " + (f"{max_polls} polls" if max_polls else "until Ctrl-C"))
    click.echo(f"following {len(inputs)} source{plural} {when}", err=True)
    started = time.perf_counter()
    try:
        with follow.Follower(inputs, store=store, ingest=ingest_new, log=lambda line: click.echo(line, err=True),
                             max_bytes=settings.max_chars * 4, on_item=on_item) as follower:
            total = follow.run(follower, every=interval, max_polls=max_polls, on_poll=on_poll)
        if total.interrupted and total.stored:
            _refresh_incidents(store)
    finally:
        store.close()
    how = "interrupted" if total.interrupted else "done"
    click.echo(f"{how} after {total.polls} poll{'s' if total.polls != 1 else ''} in "
               f"{time.perf_counter() - started:.1f}s: {total.line()}", err=True)
    if (total.failed or total.sources_failed) and not total.interrupted:
        sys.exit(1)  # a bounded run (cron) tells of errors; Ctrl-C is the normal end of an open one


@main.command()
@event_filter_options
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "jsonl", "parquet")), default="table",
              show_default=True, help="csv: one flat row per event; jsonl: the contract's event objects.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output (required for parquet).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="At most this many events (default: 100 for table, all for the others).")
def events(actor: str | None, types: tuple[str, ...], country: str | None, since: Any, until: Any,
           near: str | None, radius_km: float, text: str | None, historical: bool | None, db: str | None,
           fmt: str, output: str | None, limit: int | None) -> None:
    """List stored events, newest first, filtered by actor, type, country, dates, place or words."""
    import itertools

    from peristiwa.store import export

    flt = _event_filter(actor, types, country, since, until, near, radius_km, text, historical)
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    if limit is None and fmt == "table":
        limit = 100
    store = _open_store(db)
    try:
        found = itertools.islice(store.iter_events(flt), limit)
        if fmt == "parquet":
            assert output is not None
            n = export.write_parquet((export.flat_row(ev) for ev in found), export.FLAT_COLUMNS, output,
                                     kinds=export.FLAT_TYPES)
        else:
            with _output(output) as out:
                if fmt == "csv":
                    n = export.write_csv((export.flat_row(ev) for ev in found), export.FLAT_COLUMNS, out)
                elif fmt == "jsonl":
                    n = export.write_jsonl((ev.to_dict() for ev in found), out)
                else:
                    n = 0
                    for ev in found:
                        out.write(export.table_line(ev))
                        n += 1
    finally:
        store.close()
    click.echo(f"{n} events", err=True)


@main.command()
@click.argument("name", required=False)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table for a person; json for a program.")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Actors listed, or events shown in a profile.")
def actors(name: str | None, db: str | None, fmt: str, limit: int) -> None:
    """List actors by number of events, or show the profile of the actor NAME (key, name or alias)."""
    import json

    from peristiwa.store import export

    store = _open_store(db)
    try:
        if name is None:
            rows = store.actors(limit=limit)
            if fmt == "json":
                click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            for row in rows if fmt == "table" else ():
                where = " · ".join(x for x in (row["type"], row["country"], row["sector"]) if x)
                click.echo(f"{row['n_events']:>6} events {row['n_documents']:>5} docs  {row['name']}  "
                           f"[{row['key']}] {where}")
            return
        found = store.find_actors(name, limit=10)
        if not found:
            raise click.ClickException(f"no actor matches {name!r}; list them with `peristiwa actors`")
        profile = store.actor(found[0]["key"])
    finally:
        store.close()
    assert profile is not None
    if fmt == "json":
        click.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(export.profile_text(profile, max_events=limit), nl=False)
    others = [f"{a['name']} [{a['key']}]" for a in found[1:]]
    if others:
        click.echo("  also matching: " + "; ".join(others))


@main.command(name="export")
@event_filter_options
@click.option("--format", "fmt", type=click.Choice(("acled-csv", "plover-jsonl", "parquet", "incidents-csv")),
              required=True,
              help="acled-csv: ACLED's columns, one row per incident (docs/EXPORTS.md); "
                   "plover-jsonl: PLOVER-style records; "
                   "parquet: the flat event table, and the incidents in FILE.incidents.parquet; "
                   "incidents-csv: one row per stored incident.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output (required for parquet).")
@click.option("--per-report", is_flag=True,
              help="acled-csv: one row per article's event instead of one per incident.")
@click.option("--acled-only", is_flag=True, help="acled-csv: ACLED's 31 columns only, without the extra ones.")
def export_cmd(actor: str | None, types: tuple[str, ...], country: str | None, since: Any, until: Any,
               near: str | None, radius_km: float, text: str | None, historical: bool | None, db: str | None,
               fmt: str, output: str | None, per_report: bool, acled_only: bool) -> None:
    """Export every stored event or incident (or those the filters keep) for other tools.

    acled-csv writes one row per incident (an act however many articles report it, with the
    best-supported values across them; an incident is kept when any of its reports passes the
    filters); --per-report writes one row per article's event.  Incidents (incidents-csv, and
    the incidents file of parquet) are filtered by --type, --country, --since and --until only.
    """
    if (per_report or acled_only) and fmt != "acled-csv":
        raise click.UsageError("--per-report and --acled-only apply to --format acled-csv only")
    from peristiwa.corpus.incidents import INCIDENT_COLUMNS
    from peristiwa.store import IncidentFilter, export

    if fmt == "incidents-csv":
        inc_flt = _incident_filter(actor, types, country, since, until, near, text, historical)
        store = _open_store(db)
        try:
            with _output(output) as out:
                rows = export.incident_rows(store.iter_incidents(inc_flt))
                n = export.write_csv(rows, INCIDENT_COLUMNS, out)
        finally:
            store.close()
        click.echo(f"{n} incidents exported", err=True)
        return
    flt = _event_filter(actor, types, country, since, until, near, radius_km, text, historical)
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    store = _open_store(db)
    n_inc = None
    try:
        found = store.iter_events(flt)
        if fmt == "parquet":
            assert output is not None
            n = export.write_parquet((export.flat_row(ev) for ev in found), export.FLAT_COLUMNS, output,
                                     kinds=export.FLAT_TYPES)
            inc_flt = IncidentFilter(types=flt.types, country=flt.country, since=flt.since, until=flt.until)
            n_inc = export.write_parquet(export.incident_rows(store.iter_incidents(inc_flt)),
                                         INCIDENT_COLUMNS, export.incidents_path(output),
                                         kinds=export.INCIDENT_TYPES)
        else:
            with _output(output) as out:
                if fmt == "acled-csv":
                    if not per_report and store.incidents_stale():
                        click.echo("warning: documents changed since the incidents were computed; events not "
                                   "in an incident yet are rows of their own (`peristiwa incidents --db ... "
                                   "--rebuild` updates them)", err=True)
                    columns = export.ACLED_COLUMNS + (() if acled_only else export.ACLED_EXTRA_COLUMNS)
                    n = export.write_csv(export.acled_rows(store, flt, per_report=per_report), columns, out)
                else:
                    n = export.write_jsonl((export.plover_record(ev) for ev in found), out)
    finally:
        store.close()
    unit = "incidents" if fmt == "acled-csv" and not per_report else "events"
    click.echo(f"{n} {unit} exported" + ("" if n_inc is None else f", {n_inc} incidents"), err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is reachable from this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--no-nlp", is_flag=True, help="POST /api/extract and /api/documents skip the NLP model.")
@click.option("--max-body", type=click.IntRange(min=1024), default=None,
              help="Largest request body in bytes (default 8 MB).")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Allow browser calls from this origin (repeatable; CORS is off by default).")
def serve(host: str, port: int, db: str | None, no_nlp: bool, max_body: int | None,
          cors_origins: tuple[str, ...]) -> None:
    """Serve the REST API (/api, schema at /openapi.json) and the web UI (/) over the store.

    Writes (POST /api/documents) need the bearer token in $PERISTIWA_TOKEN; without it they are off.
    """
    import os

    import uvicorn

    from peristiwa.api import DEFAULT_MAX_BODY, create_app

    token = os.environ.get("PERISTIWA_TOKEN") or None
    # With writes on (a token), the server is a writer and may start a new store; without, it only reads.
    problem = _missing_store(db)
    if problem and token is None:
        raise click.ClickException(f"{problem} (or set PERISTIWA_TOKEN to serve writes into a new store)")
    if problem:
        from peristiwa.store import default_url

        click.echo(f"peristiwa: no store at {db or default_url()} yet: creating an empty one (writes are on)",
                   err=True)
    store = _open_store(db, create=True)
    app = create_app(store, token=token, settings=Settings(use_nlp=not no_nlp),
                     max_body=max_body or DEFAULT_MAX_BODY, cors_origins=cors_origins)
    writes = "on" if token else "off: no PERISTIWA_TOKEN"
    click.echo(f"peristiwa: serving http://{host}:{port}/ (writes {writes})", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()


# ---------------------------------------------------------------------- batch and incidents


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, writable=True),
              help="Output directory: one result shard per input shard, errors.jsonl, _manifest.json.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: the CPUs available).")
@click.option("--scheduler", default=None, help="Run on an existing Dask scheduler (tcp://host:8786).")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "parquet")), default="jsonl", show_default=True,
              help="parquet: the result as JSON in column 'result', plus doc_id and n_events.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None,
              help="Split each input into shards of this many documents (default: one shard per file).")
@click.option("--db", default=None, help="Also load the results into this store (path or postgresql:// URL).")
@click.option("--no-nlp", is_flag=True, help="Skip the statistical NLP model (faster, fewer entities).")
@click.option("--rules-only", is_flag=True, help="Events from the cue lexicon and act filters alone, without the learned models.")
@click.option("--no-parse", is_flag=True,
              help="Skip the dependency parse: about a quarter faster, the rules' actors and targets.")
@limit_options
def batch(inputs: tuple[str, ...], out: str, workers: int | None, scheduler: str | None, fmt: str,
          shard_size: int | None, db: str | None, no_nlp: bool, rules_only: bool, no_parse: bool, max_chars: int,
          max_seconds: float) -> None:
    """Extract sharded INPUTS (.jsonl, .jsonl.gz, .parquet files, globs, directories) on Dask.

    Shards finished by an earlier run into the same OUT are skipped. Failed documents are
    listed in OUT/errors.jsonl and do not stop the run; the exit status is 1 only when a
    whole shard could not be processed.
    """
    from peristiwa.batch import BatchError, ShardResult, run_batch

    if scheduler and workers:
        raise click.UsageError("--workers starts a local cluster; it cannot go with --scheduler")

    def on_shard(res: ShardResult) -> None:
        what = (f"{res.documents} docs, {len(res.errors)} failed, {res.seconds:.1f}s" if res.status == "done"
                else f"FAILED: {res.message}")
        click.echo(f"shard {res.name}: {what}", err=True)

    try:
        report = run_batch(list(inputs), out, fmt=fmt, shard_size=shard_size, workers=workers,
                           scheduler=scheduler, settings=Settings(max_chars=max_chars, max_seconds=max_seconds or None,
                                                                 use_nlp=not no_nlp, learned=not rules_only, parse=not no_parse),
                           db=db, on_shard=on_shard)
    except BatchError as exc:
        raise click.ClickException(str(exc)) from exc
    rate = report.documents / report.seconds if report.seconds else 0.0
    click.echo(f"{report.shards} shards: {report.done} run, {report.skipped} already done, {report.failed} failed; "
               f"{report.documents} documents, {report.events} events, {report.errors} failed documents "
               f"in {report.seconds:.1f}s ({rate:.1f} docs/s) -> {out}", err=True)
    if db:
        click.echo(f"store: {report.stored} stored, {report.store_skipped} already there, "
                   f"{report.store_failed} failed"
                   + ("" if report.incidents is None else f"; {report.incidents} incidents")
                   + (f"; {report.alerts} new alerts" if report.alerts else ""), err=True)
    for line in report.failures:
        click.echo(f"error: shard {line}", err=True)
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv")), default="jsonl", show_default=True,
              help="jsonl: one incident per line with every source; csv: one flat row per incident.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only incidents reported by at least this many documents.")
@click.option("--max-km", type=click.FloatRange(min=0), default=None,
              help="Two places with coordinates farther apart than this are different places [default: 50].")
@click.option("--db", default=None,
              help="Write the incidents kept in this store (path or postgresql:// URL), not those of INPUTS.")
@click.option("--rebuild", is_flag=True, help="With --db: recompute the stored incidents first.")
def incidents(inputs: tuple[str, ...], fmt: str, output: str | None, min_reports: int, max_km: float | None,
              db: str | None, rebuild: bool) -> None:
    """Fold events of different articles that report the same act into incidents.

    INPUTS are contract results: .jsonl files (from `extract --format jsonl`), or the output
    directory or Parquet shards of `peristiwa batch`. With --db, the incidents kept in the
    store (recomputed by `ingest`, `batch --db` and --rebuild) are written instead.
    """
    import json

    from peristiwa.batch import BatchError, read_contract_results
    from peristiwa.corpus.incidents import MAX_KM, cluster_incidents, write_incidents_csv

    if bool(inputs) == bool(db):
        raise click.UsageError("give INPUTS (results) or --db, not both")
    if rebuild and not db:
        raise click.UsageError("--rebuild recomputes the incidents of a store: give --db")
    if db and max_km is not None and not rebuild:
        raise click.UsageError("--max-km with --db applies to a recomputation: add --rebuild")
    km = MAX_KM if max_km is None else max_km
    if db:
        from peristiwa.store import IncidentFilter

        store = _open_store(db)
        try:
            if rebuild:
                click.echo(f"{store.rebuild_incidents(max_km=km)} incidents stored", err=True)
            elif store.incidents_stale():
                click.echo("documents changed since the incidents were computed: add --rebuild to update them",
                           err=True)
            found = list(store.iter_incidents(IncidentFilter(min_reports=min_reports)))
        finally:
            store.close()
    else:
        try:
            found = cluster_incidents(read_contract_results(list(inputs)), max_km=km, min_reports=min_reports)
        except BatchError as exc:
            raise click.ClickException(str(exc)) from exc
    with _output(output) as out:
        if fmt == "csv":
            write_incidents_csv(found, out)
        else:
            for inc in found:
                out.write(json.dumps(inc.to_dict(), ensure_ascii=False) + "\n")
    multi = sum(1 for inc in found if inc.n_reports > 1)
    click.echo(f"{len(found)} incidents, {multi} reported by several documents", err=True)


# ---------------------------------------------------------------------- series, watches and alerts


@main.command()
@click.option("--country", "countries", multiple=True, help="ISO3 of the incidents' place (repeatable): one series each.")
@click.option("--actor", "actors_", multiple=True,
              help="An ISO3 country, actor key, name or alias taking part (repeatable): one series each.")
@click.option("--dyad", "dyads", multiple=True,
              help="A:B (two series, A>B and B>A) or A>B (one): who acts on whom (repeatable).")
@click.option("--type", "types", multiple=True, help="PLOVER types to count (repeatable, or T,T).")
@click.option("--by", type=click.Choice(("day", "week")), default="day", show_default=True,
              help="Period: a day, or a week starting on Monday.")
@click.option("--split", type=click.Choice(("type", "quad", "none")), default="type", show_default=True,
              help="One row per PLOVER type, per QuadClass, or one per period.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Last day (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "parquet", "jsonl")), default="table",
              show_default=True, help="table for a person; csv, parquet or jsonl, one row per period and series.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output (required for parquet).")
@click.option("--db", default=None, help=_DB_HELP)
def trends(countries: tuple[str, ...], actors_: tuple[str, ...], dyads: tuple[str, ...], types: tuple[str, ...],
           by: str, split: str, since: Any, until: Any, fmt: str, output: str | None, db: str | None) -> None:
    """Count incidents per day or week: per country, actor or dyad, by type or QuadClass.

    Each row: incidents (one per act, however many articles report it), their fatalities,
    and intensity (the sum of their Goldstein scores; negative is conflict).
    """
    from peristiwa.corpus.trends import parse_dyad, write_trends
    from peristiwa.corpus.trends import trends as compute
    from peristiwa.store import StoreError

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    kinds = [t for item in types for t in item.split(",")]
    try:
        pairs = [parse_dyad(d) for d in dyads]
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    store = _open_store(db)
    try:
        if store.incidents_stale():
            click.echo("warning: documents changed since the incidents were computed (`peristiwa incidents --db "
                       "... --rebuild` updates them)", err=True)
        try:
            rows = compute(store, countries=countries, actors_=actors_, dyads=pairs, types=kinds,
                           since=since.date() if since else None, until=until.date() if until else None,
                           by=by, split=split)
        except StoreError as exc:
            raise click.UsageError(str(exc)) from exc
    finally:
        store.close()
    if fmt == "parquet":
        n = write_trends(rows, fmt, path=output)
    else:
        with _output(output) as out:
            n = write_trends(rows, fmt, out)
    click.echo(f"{n} rows", err=True)


@main.group()
def watch() -> None:
    """Watches: what to follow (countries, actors, dyads, types, a place, words) and when to alert."""


@watch.command(name="add")
@click.argument("name")
@click.option("--country", "countries", multiple=True, help="ISO3 of the incidents' place (repeatable).")
@click.option("--actor", "actors_", multiple=True, help="ISO3 country, actor key, name or alias (repeatable).")
@click.option("--dyad", "dyads", multiple=True, help="A:B (either direction) or A>B (repeatable).")
@click.option("--types", "types", multiple=True, help="PLOVER types, T,T (repeatable).")
@click.option("--near", default=None, help="A place the gazetteer knows, or 'lat,lon'.")
@click.option("--km", type=float, default=None, help="Radius for --near [default: 100].")
@click.option("--words", "words", multiple=True,
              help="A word (WNI, a nationality) in an evidence sentence or a participant (repeatable).")
@click.option("--rule", "rules", multiple=True,
              help="count:N/7d, jump:z>=3/28d, first-fatal or threat-to-watched (repeatable) "
                   "[default: threat-to-watched, first-fatal, jump:z>=3/28d].")
@click.option("--webhook", default=None, help="POST each new alert as JSON to this URL.")
@click.option("--replace", is_flag=True, help="Replace a watch of that name.")
@click.option("--db", default=None, help=_DB_HELP)
def watch_add(name: str, countries: tuple[str, ...], actors_: tuple[str, ...], dyads: tuple[str, ...],
              types: tuple[str, ...], near: str | None, km: float | None, words: tuple[str, ...],
              rules: tuple[str, ...], webhook: str | None, replace: bool, db: str | None) -> None:
    """Add the watch NAME (alerts are raised as documents are ingested, and by `peristiwa alerts`)."""
    from peristiwa.corpus.alerts import add_watch, make_watch
    from peristiwa.store import StoreError

    try:
        found = make_watch(name, countries=countries, actors=actors_, dyads=dyads, types=types, near=near, km=km,
                           words=words, rules=rules, webhook=webhook)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    store = _open_store(db, create=True)
    try:
        add_watch(store, found, replace=replace)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"watch {found.name}: {found.describe()}; rules {', '.join(r.text for r in found.rules)}")


@watch.command(name="list")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table for a person; json for a program.")
@click.option("--db", default=None, help=_DB_HELP)
def watch_list(fmt: str, db: str | None) -> None:
    """List the watches."""
    import json

    from peristiwa.corpus.alerts import list_watches

    store = _open_store(db)
    try:
        found = list_watches(store)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps([w.to_dict() for w in found], ensure_ascii=False, indent=1))
        return
    for w in found:
        hook = f"; webhook {w.webhook}" if w.webhook else ""
        click.echo(f"{w.name}: {w.describe()}; rules {', '.join(r.text for r in w.rules)}{hook}")
    if not found:
        click.echo("no watches (add one with `peristiwa watch add NAME ...`)", err=True)


@watch.command(name="remove")
@click.argument("name")
@click.option("--db", default=None, help=_DB_HELP)
def watch_remove(name: str, db: str | None) -> None:
    """Remove the watch NAME and its alerts."""
    from peristiwa.corpus.alerts import remove_watch

    store = _open_store(db)
    try:
        gone = remove_watch(store, name)
    finally:
        store.close()
    if not gone:
        raise click.ClickException(f"no watch named {name!r}; list them with `peristiwa watch list`")
    click.echo(f"watch {name} removed")


@main.command(name="alerts")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Alerts raised or dated on this day or later; also: look at incidents from this day on.")
@click.option("--watch", "watch_name", default=None, help="Only this watch's alerts.")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True,
              help="table for a person; jsonl, one alert per line, for a program.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Evaluate the watches on the stored incidents first (raises what is new) and retry "
                   "webhook deliveries left in the outbox.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="At most this many alerts, the most recently raised first.")
@click.option("--db", default=None, help=_DB_HELP)
def alerts_cmd(since: Any, watch_name: str | None, fmt: str, check: bool, limit: int, db: str | None) -> None:
    """Raise and list alerts, with their rule, figures, incidents and evidence sentences."""
    import json

    from peristiwa.corpus.alerts import get_watch, list_alerts, raise_alerts

    store = _open_store(db)
    day = since.date() if since else None
    try:
        if watch_name is not None and get_watch(store, watch_name) is None:
            raise click.ClickException(f"no watch named {watch_name!r}; list them with `peristiwa watch list`")
        n_new = None
        if check:
            n_new = len(raise_alerts(store, since=day, names=None if watch_name is None else [watch_name]))
        found = list_alerts(store, since=day, watch=watch_name, limit=limit)
    finally:
        store.close()
    for a in found:
        if fmt == "jsonl":
            click.echo(json.dumps(a, ensure_ascii=False))
            continue
        click.echo(f"{a['day']}  [{a['watch']}] {a['rule']}: {a['title']}")
        for inc in a.get("incidents") or []:
            for ev in (inc.get("evidence") or [])[:2]:
                click.echo(f"    {inc.get('type')}: \u201c{ev.get('text')}\u201d ({ev.get('title') or ev.get('doc_id')})")
    if n_new is not None:
        click.echo(f"{n_new} new alerts, {len(found)} listed", err=True)


if __name__ == "__main__":
    main()
