"""Database URLs, engines (SQLite tuned for one file, PostgreSQL through psycopg 3) and migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

ENV_VAR = "PERISTIWA_DB"
DEFAULT_PATH = "peristiwa.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: PostgreSQL sessions migrating at once take turns on this advisory lock.
_PG_MIGRATION_LOCK = 7_150_301
_WRITE = "peristiwa_write"


class StoreError(Exception):
    """The store cannot be opened or used as asked; the message says what to do."""


def default_url() -> str:
    """Return ``$PERISTIWA_DB`` or ``./peristiwa.db``."""
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


def normalise_url(db: str) -> str:
    """Turn a file path or a database URL into the SQLAlchemy URL the store uses.

    A path (no ``://``) is a SQLite file; ``postgresql://`` and ``postgres://`` use psycopg 3.
    """
    db = db.strip()
    if not db:
        raise StoreError("empty database URL: give a file path, sqlite:///PATH or postgresql://...")
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    if scheme == "postgresql+psycopg" or scheme.startswith("sqlite"):
        return db
    raise StoreError(
        f"unsupported database URL scheme {scheme!r}: give a file path, sqlite:///PATH "
        "or postgresql://USER@HOST:PORT/DBNAME"
    )


def sqlite_file(db: str) -> Path | None:
    """Return the file of a SQLite store (a path or ``sqlite:///`` URL); None for memory or a server."""
    url = sa.make_url(normalise_url(db))
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser()


def make_engine(db: str) -> Engine:
    """Create the engine for ``db`` (a path or URL); SQLite gets WAL, foreign keys and real BEGINs."""
    url = normalise_url(db)
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if not memory:
            Path(sa.make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            **({"poolclass": StaticPool} if memory else {}),
        )
        _tune_sqlite(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # psycopg is an optional dependency
        raise StoreError(f"PostgreSQL needs psycopg 3: pip install 'psycopg[binary]' ({exc})") from exc


def _tune_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own transaction handling skips BEGIN before DDL; the "begin" hook does it.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crash loses no committed document
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock up front: no deadlock between two upgrading readers.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """Open one write transaction: committed on success, rolled back on any error."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """Return the newest migration's revision id."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise StoreError("no migrations found in the package")
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the database up to the newest schema (no-op when it is there already)."""
    from alembic import command

    head = head_revision()
    if current_revision(engine) == head:
        return
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
