"""Crash safety: ``peristiwa ingest`` and ``peristiwa batch`` killed with SIGKILL at many points.

Each kill point is either a statement hook (the child process SIGKILLs itself right after the
n-th SQL statement of a kind has run: inside the migration, inside a document's transaction,
inside the incident rebuild) or a SIGKILL sent from here after a seeded random delay.  After
every kill the store is checked (SQLite integrity and foreign keys, the store's own counters,
every stored document complete against a fresh extraction) and the next run resumes; the last
run's store (or output directory) must equal one made by a single uninterrupted run.

The hook lives in this file and runs only in the child processes started here: nothing in
the package changes its behaviour in production.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_seed import pg_base_url, pg_drop_schema, pg_schema_url

from peristiwa.store import Store
from peristiwa.store.db import normalise_url
from peristiwa.store.schema import (
    actors,
    documents,
    entities,
    event_roles,
    events,
    incident_members,
    incidents,
    mentions,
    relations,
)

# Run the CLI; with CRASH_KILL_ON="STATEMENT PREFIX|n" the process SIGKILLs itself right after
# the n-th statement starting with that prefix was executed (its transaction still open).
HOOK = r"""
import os, signal, sys
spec = os.environ.get("CRASH_KILL_ON")
if spec:
    import sqlalchemy as sa
    prefix, _, nth = spec.rpartition("|")
    seen = [0]

    @sa.event.listens_for(sa.engine.Engine, "after_cursor_execute")
    def _kill(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(prefix):
            seen[0] += 1
            if seen[0] == int(nth):
                os.kill(os.getpid(), signal.SIGKILL)

from peristiwa.cli import main
sys.argv[0] = "peristiwa"
main()
"""

# Fictional news (the places are real, the events are not), written for this test.
TEMPLATES = (
    "Polisi menangkap {n} orang yang diduga mencuri kabel listrik di Kecamatan Cilincing, Jakarta Utara, "
    "Kamis (12/6/2025). Kapolsek Cilincing mengatakan para tersangka kini ditahan.",
    "Sekitar {n} ratus mahasiswa berunjuk rasa di depan Gedung DPRD Sulawesi Selatan di Makassar, "
    "Jumat (13/6/2025), menolak kenaikan biaya kuliah.",
    "Kelompok bersenjata menyerang sebuah pos TNI di Kabupaten Intan Jaya, Papua Tengah, Sabtu (14/6/2025). "
    "Serangan itu menewaskan {n} orang dan melukai dua lainnya.",
    "Pemerintah Kota Palu menyalurkan bantuan kepada {n} ratus warga korban banjir di Kelurahan Tondo, "
    "Minggu (15/6/2025).",
    "Warga Desa Sukamaju di Kabupaten Garut memblokade jalan menuju tambang pasir, Senin (16/6/2025). "
    "Mereka menuntut pemerintah daerah menutup tambang itu dalam {n} hari.",
    "Kejaksaan Negeri Medan menahan {n} pejabat dinas pekerjaan umum yang diduga korupsi proyek jalan, "
    "Selasa (17/6/2025).",
)
FIRST = 12  # documents of the first input
TOTAL = 30
BATCH_DOCS = 90
SEED = 20260611


def article(i: int) -> dict[str, Any]:
    text = TEMPLATES[i % len(TEMPLATES)].format(n=i + 2)
    return {"id": f"krisis-{i:03d}", "text": text, "published": "2025-06-18", "source": "Kabar Fiksi"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    src = tmp_path_factory.mktemp("crash-in")
    one, two = src / "satu.jsonl", src / "dua.jsonl"
    for path, rows in ((one, range(FIRST)), (two, range(FIRST, TOTAL))):
        path.write_text("".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in rows),
                        encoding="utf-8")
    return one, two


class Expected(dict[str, dict[str, int]]):
    """Per document id: the rows a fresh extraction gives (what a complete stored document has)."""

    def __missing__(self, doc_id: str) -> dict[str, int]:
        from peristiwa import Document, extract
        from peristiwa.settings import Settings

        row = article(int(doc_id.rsplit("-", 1)[1]))
        res = extract(Document(id=row["id"], text=row["text"], published=row["published"],
                               source=row["source"]), settings=Settings(use_nlp=False)).to_dict()
        self[doc_id] = {
            "events": len(res["events"]),
            "entities": len(res["entities"]),
            "mentions": sum(len(e["mentions"]) for e in res["entities"]),
            "roles": sum(len(ev["actors"]) + len(ev["targets"]) for ev in res["events"]),
            "relations": len(res["relations"]),
        }
        return self[doc_id]


@pytest.fixture(scope="module")
def expected() -> Expected:
    exp = Expected()
    assert sum(exp[f"krisis-{i:03d}"]["events"] for i in range(TOTAL)) >= TOTAL  # every document gives work
    return exp


def run_cli(args: list[str], *, cwd: Path, kill_on: str | None = None,
            kill_after: float | None = None) -> int:
    """Run ``peristiwa ARGS`` in a child process; return its exit status (-9: killed)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PERISTIWA_DB", "CRASH_KILL_ON")}
    if kill_on:
        env["CRASH_KILL_ON"] = kill_on
    proc = subprocess.Popen([sys.executable, "-c", HOOK, *args], cwd=cwd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the runner and every worker it started
    _, err = proc.communicate(timeout=120)
    if proc.returncode not in (0, -signal.SIGKILL):
        pytest.fail(f"peristiwa {' '.join(args)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return proc.returncode


# ---------------------------------------------------------------------- checks


def sqlite_file_checks(path: Path) -> bool:
    """Check a SQLite file as a crash left it; return whether the schema is there (all or nothing)."""
    if not path.exists():
        return False
    con = sqlite3.connect(path)
    try:
        assert [r[0] for r in con.execute("PRAGMA integrity_check")] == ["ok"]
        assert list(con.execute("PRAGMA foreign_key_check")) == []
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()
    ours = {"documents", "events", "entities", "actors", "incidents", "alembic_version"}
    assert ours <= tables or not (ours & tables), f"a half-made schema: {sorted(tables)}"
    return ours <= tables


def stored_state(url: str) -> dict[str, Any]:
    """Return what the store holds, keyed by natural ids (no surrogate keys, no timestamps)."""
    store = Store.open(url, upgrade=False)
    try:
        assert store.integrity_check() == []
        with store.engine.connect() as conn:

            def per_doc(table: sa.Table, join: Any = None) -> dict[str, int]:
                base = table if join is None else table.join(*join)
                doc_pk = table.c.document_pk if join is None else join[0].c.document_pk
                rows = conn.execute(sa.select(documents.c.doc_id, sa.func.count())
                                    .select_from(base.join(documents, documents.c.pk == doc_pk))
                                    .group_by(documents.c.doc_id))
                return {d: int(n) for d, n in rows}

            doc_ids = [d for (d,) in conn.execute(sa.select(documents.c.doc_id))]
            assert len(doc_ids) == len(set(doc_ids)), "a document is stored twice"
            counted = {
                "events": per_doc(events),
                "entities": per_doc(entities),
                "mentions": per_doc(mentions),
                "roles": per_doc(event_roles, (events, events.c.pk == event_roles.c.event_pk)),
                "relations": per_doc(relations),
            }
            docs = {d: {k: counted[k].get(d, 0) for k in counted} for d in doc_ids}
            ment = (sa.select(sa.func.count()).select_from(mentions.join(entities, entities.c.pk == mentions.c.entity_pk))
                    .where(entities.c.actor_pk == actors.c.pk).scalar_subquery())
            evs = (sa.select(sa.func.count(sa.distinct(event_roles.c.event_pk)))
                   .where(event_roles.c.actor_pk == actors.c.pk).scalar_subquery())
            actor_rows = {}
            for key, n_docs, n_ment, n_ev, m, e in conn.execute(
                    sa.select(actors.c.key, actors.c.n_documents, actors.c.n_mentions, actors.c.n_events, ment, evs)):
                assert (n_ment, n_ev) == (m, e), f"actor {key}: counters {n_ment}, {n_ev} but {m}, {e} rows"
                if n_docs:
                    actor_rows[key] = (n_docs, n_ment, n_ev)
            members = sa.select(sa.func.count()).where(incident_members.c.incident_pk == incidents.c.pk)
            incs = {}
            for inc_id, data, n in conn.execute(sa.select(incidents.c.id, incidents.c.data,
                                                          members.scalar_subquery())):
                assert n >= 1, f"incident {inc_id} without members"
                incs[inc_id] = json.loads(data)
        return {"documents": docs, "actors": actor_rows, "incidents": incs}
    finally:
        store.close()


def check_after_kill(url: str, sqlite_path: Path | None, expected: dict[str, dict[str, int]]) -> int:
    """Check the store a killed run left; return how many documents it holds."""
    if sqlite_path is not None and not sqlite_file_checks(sqlite_path):
        return 0
    if sqlite_path is None:
        engine = sa.create_engine(normalise_url(url))
        try:
            with engine.connect() as conn:
                names = set(sa.inspect(conn).get_table_names())
        finally:
            engine.dispose()
        ours = {"documents", "events", "entities", "actors", "incidents", "alembic_version"}
        assert ours <= names or not (ours & names), f"a half-made schema: {sorted(names)}"
        if not names:
            return 0
    state = stored_state(url)
    for doc_id, got in state["documents"].items():
        assert got == expected[doc_id], f"{doc_id} is half-written: {got} != {expected[doc_id]}"
    return len(state["documents"])


# ---------------------------------------------------------------------- ingest


def kill_plan(rng: random.Random, *, short: bool) -> list[tuple[list[str], str | None, bool]]:
    """Return the runs: inputs, the statement hook that kills it, and whether it is killed from outside.

    A run with neither runs to the end.  ``short``: fewer kill points (PostgreSQL, same kinds).
    """
    one, both = ["satu.jsonl"], ["satu.jsonl", "dua.jsonl"]
    plan: list[tuple[list[str], str | None, bool]] = [
        (one, f"CREATE TABLE|{rng.randint(1, 8)}", False),  # inside the migration
        (one, f"INSERT INTO DOCUMENTS|{rng.randint(1, 3)}", False),  # the document row, not its events yet
        (one, f"INSERT INTO EVENT_ROLES|{rng.randint(1, 3)}", False),
        (one, f"UPDATE ACTORS|{rng.randint(1, 2)}", False),  # the last statement before the commit
        (one, None, True),  # from outside, at a random moment while documents are being stored
        (one, None, False),  # the first input completes (its incidents are built)
        (both, f"INSERT INTO EVENTS|{rng.randint(2, 4)}", False),
        (both, None, True),
        # every document is in; the incident rebuild is cut
        (both, rng.choice(["DELETE FROM INCIDENTS|1", "INSERT INTO INCIDENTS|1", "INSERT INTO INCIDENT_MEMBERS|1"]),
         False),
        (both, None, False),  # the rerun that finishes the job
    ]
    if short:
        del plan[6], plan[3], plan[2]
    return plan


def document_count(url: str) -> int:
    engine = sa.create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def run_ingest(args: list[str], url: str, *, cwd: Path, kill_on: str | None, outside: bool,
               rng: random.Random) -> int:
    """Run ``peristiwa ingest``; ``outside``: SIGKILL it once it stored two more documents, plus a random delay."""
    if not outside:
        return run_cli(args, cwd=cwd, kill_on=kill_on)
    before = document_count(url)
    env = {k: v for k, v in os.environ.items() if k != "PERISTIWA_DB"}
    proc = subprocess.Popen([sys.executable, "-c", HOOK, *args], cwd=cwd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if document_count(url) >= before + 2:
            time.sleep(rng.uniform(0.0, 0.08))
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    return proc.wait(timeout=60)


def crash_and_resume(url: str, sqlite_path: Path | None, cwd: Path, expected: dict[str, dict[str, int]],
                     *, short: bool) -> list[str]:
    rng = random.Random(SEED)
    survived = []
    for inputs, kill_on, outside in kill_plan(rng, short=short):
        code = run_ingest(["ingest", *inputs, "--db", url, "--no-nlp", "--no-progress"], url, cwd=cwd,
                          kill_on=kill_on, outside=outside, rng=rng)
        if kill_on is not None or outside:
            assert code == -signal.SIGKILL, f"the kill point {kill_on or 'from outside'} was not reached"
        else:
            assert code == 0
        n = check_after_kill(url, sqlite_path, expected)
        if code == -signal.SIGKILL:
            survived.append(f"{kill_on or 'SIGKILL from outside'}: {n} documents")
    return survived


@pytest.fixture(scope="module")
def clean_state(inputs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The store one uninterrupted ``peristiwa ingest`` of both inputs gives (run in this process)."""
    from click.testing import CliRunner

    from peristiwa.cli import main

    db = str(tmp_path_factory.mktemp("clean") / "clean.db")
    res = CliRunner().invoke(main, ["ingest", *map(str, inputs), "--db", db, "--no-nlp", "--no-progress"])
    assert res.exit_code == 0, res.output
    state = stored_state(db)
    assert len(state["documents"]) == TOTAL and state["incidents"]
    return state


@pytest.fixture()
def pg_url() -> Iterator[str]:
    base = pg_base_url()
    if base is None:
        pytest.skip("PERISTIWA_TEST_PG_URL is not set (`. .ci/services.sh` starts a server and sets it)")
    url, schema = pg_schema_url(base)
    yield url
    pg_drop_schema(base, schema)


def test_ingest_killed_anywhere_leaves_a_consistent_store_and_resumes_sqlite(
        inputs: tuple[Path, Path], expected: dict[str, dict[str, int]], clean_state: dict[str, Any],
        tmp_path: Path) -> None:
    crashed = tmp_path / "crashed.db"
    survived = crash_and_resume(str(crashed), crashed, inputs[0].parent, expected, short=False)
    assert len(survived) == 8
    assert stored_state(str(crashed)) == clean_state  # no duplicates, nothing missing, incidents current
    print(f"\ningest kill points survived (SQLite): {len(survived)}: " + "; ".join(survived))


def test_ingest_killed_anywhere_leaves_a_consistent_store_and_resumes_postgresql(
        inputs: tuple[Path, Path], expected: dict[str, dict[str, int]], clean_state: dict[str, Any],
        pg_url: str) -> None:
    survived = crash_and_resume(pg_url, None, inputs[0].parent, expected, short=True)
    assert len(survived) == 5
    assert stored_state(pg_url) == clean_state
    print(f"\ningest kill points survived (PostgreSQL): {len(survived)}: " + "; ".join(survived))


# ---------------------------------------------------------------------- batch


def output_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def check_batch_output(out: Path) -> int:
    """Check a batch output directory a kill left; return how many shards are done."""
    if not out.exists():
        return 0
    done = 0
    for marker_file in sorted((out / "_done").glob("*.json")):
        marker = json.loads(marker_file.read_text(encoding="utf-8"))  # markers are whole or absent
        shard = out / f"{marker_file.stem}.jsonl"
        rows = [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == marker["results"], f"{shard.name} is not complete"
        done += 1
    for shard in out.glob("*.jsonl"):  # a visible shard is always a whole one, marker or not
        if shard.name != "errors.jsonl":
            for line in shard.read_text(encoding="utf-8").splitlines():
                json.loads(line)
    manifest = out / "_manifest.json"
    if manifest.exists():
        for row in json.loads(manifest.read_text(encoding="utf-8"))["shards"]:
            if row["status"] == "done":
                assert (out / row["output"]).exists()
    return done


def run_batch_killed(args: list[str], out: Path, db: Path | None, *, cwd: Path, rng: random.Random,
                     worker_only: bool = False) -> int:
    """Run ``peristiwa batch`` and SIGKILL it at a random point of its progress; return its exit status.

    The runner and its workers die together once one more shard is done or a few more documents
    are stored (plus a random delay); ``worker_only``: one worker process dies while it works.
    """
    import psutil

    def progress() -> tuple[int, int]:
        return len(list((out / "_done").glob("*.json"))), document_count(str(db)) if db else 0

    shards0, docs0 = progress()
    killed: list[int] = []
    more_docs = rng.randint(1, 5)
    env = {k: v for k, v in os.environ.items() if k != "PERISTIWA_DB"}
    proc = subprocess.Popen([sys.executable, "-c", HOOK, *args], cwd=cwd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while proc.poll() is None and time.monotonic() < deadline:
        if worker_only:
            # a worker writing a shard holds ".<shard>.tmp-<pid>-…": kill that worker mid-write
            mine = {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
            writing = [int(t.name.split(".tmp-")[1].split("-")[0]) for t in out.glob(".*.tmp-*")]
            victims = [pid for pid in writing if pid in mine and pid != proc.pid]
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                killed.append(victims[0])
                break
        else:
            shards, docs = progress()
            if shards > shards0 or docs >= docs0 + more_docs:
                time.sleep(rng.uniform(0.0, 0.1))
                os.killpg(proc.pid, signal.SIGKILL)  # the runner and every worker process it started
                break
        time.sleep(0.02)
    code = proc.wait(timeout=90)
    assert not worker_only or killed, "no worker was caught writing a shard"
    return code


def test_batch_killed_mid_run_resumes_to_the_same_output(
        inputs: tuple[Path, Path], expected: dict[str, dict[str, int]], tmp_path: Path) -> None:
    from peristiwa.batch import run_batch
    from peristiwa.settings import Settings

    src = tmp_path / "in"
    src.mkdir()
    rows = [article(i) for i in range(BATCH_DOCS)]
    size = BATCH_DOCS // 6
    for part in range(6):
        (src / f"bagian-{part}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[part * size : (part + 1) * size]),
            encoding="utf-8")
    clean_out, clean_db = tmp_path / "clean", tmp_path / "clean.db"
    report = run_batch([str(src)], clean_out, workers=1, processes=False, settings=Settings(use_nlp=False),
                       db=str(clean_db))
    assert report.failed == 0 and report.stored == BATCH_DOCS
    rng = random.Random(SEED)
    survived = []

    # One worker dies while it works: the cluster replaces it; a shard it held may fail, the rerun does it.
    out_w = tmp_path / "out-worker"
    args_w = ["batch", str(src), "--workers", "2", "--no-nlp", "-o", str(out_w)]
    code = run_batch_killed(args_w, out_w, None, cwd=tmp_path, rng=rng, worker_only=True)
    survived.append(f"one worker (run ended {code}): {check_batch_output(out_w)} shards done")
    if code != 0:
        assert run_cli(args_w, cwd=tmp_path) == 0
    assert output_files(out_w) == output_files(clean_out)

    # The runner and its workers die together, while shards run and while the store is loaded.
    crashed_db, out = tmp_path / "crashed.db", tmp_path / "out"
    args = ["batch", str(src), "--workers", "2", "--no-nlp", "-o", str(out), "--db", str(crashed_db)]
    for _ in range(3):
        code = run_batch_killed(args, out, crashed_db, cwd=tmp_path, rng=rng)
        shards = check_batch_output(out)
        docs = check_after_kill(str(crashed_db), crashed_db, expected)
        if code == 0:  # on a loaded machine the run may finish first: then the rerun below has nothing to do
            break
        assert code == -signal.SIGKILL
        survived.append(f"runner and workers: {shards} shards done, {docs} documents stored")
    assert len(survived) >= 3
    assert run_cli(args, cwd=tmp_path) == 0
    assert output_files(out) == output_files(clean_out)
    assert stored_state(str(crashed_db)) == stored_state(str(clean_db))
    print(f"\nbatch kill points survived: {len(survived)}: " + "; ".join(survived))
