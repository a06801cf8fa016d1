"""Which database, how to connect to it, and bringing its schema up to date.

The URL is chosen in this order: the `url` argument, the `LEGWISE_DATABASE_URL` environment
variable, else a SQLite file in the user's data folder (created on first use, no set-up).
SQLite connections are tuned for not losing what was acknowledged (WAL journal,
synchronous=FULL), for several processes at once (busy timeout, and write transactions that
take the write lock at BEGIN so two writers never deadlock), and for real deletion
(secure_delete overwrites deleted rows). PostgreSQL is reached with psycopg 3.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, Connection

from legwise.errors import InputError

ENV_URL = "LEGWISE_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
LOGGER = "legwise"  # the engine's logging name
# Execution option that marks a connection as a writer: on SQLite it begins with
# BEGIN IMMEDIATE (the write lock up front), so a reader never has to upgrade its lock.
WRITE = "legwise_write"
# Any constant: the PostgreSQL advisory lock that serialises migrations between processes.
MIGRATION_LOCK = 7_211_906


def default_path() -> Path:
    """Where the diary lives when nothing else is said: the user's data folder."""
    return platformdirs.user_data_path("legwise") / "legwise.db"


def choose_url(url: str | None = None) -> URL:
    """The database URL: `url`, else $LEGWISE_DATABASE_URL, else the default SQLite file."""
    raw = url or os.environ.get(ENV_URL) or f"sqlite:///{default_path()}"
    try:
        parsed = make_url(raw)
    except Exception:
        raise InputError("database_url", "not a database URL") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        # psycopg 3 is the driver legwise ships with; plain postgresql:// would want psycopg2.
        return parsed.set(drivername="postgresql+psycopg")
    if backend != "sqlite":
        raise InputError(
            "database_url", f"unsupported database {backend!r} (use sqlite or postgresql)"
        )
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL (None for in-memory databases)."""
    name = url.database or ""
    if name in ("", ":memory:"):
        return None
    if name.startswith("file:"):  # a URI filename: file:path?mode=ro
        name = name[len("file:") :]
    return Path(name)


def private_file(path: Path) -> None:
    """Make the diary's folder (0700) and file (0600) before SQLite opens it: a diary is
    health data, readable by its owner alone. SQLite gives its -wal and -shm files the
    database file's mode. A folder that already exists is tightened only when it is the
    store's own (named for legwise) or new: a shared parent is not ours to change."""
    folder = path.parent
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if made or folder.name == "legwise":
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError:
        return  # a read-only place: SQLite says what is wrong when it opens the file
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            path.chmod(0o600)


def make_engine(url: URL) -> Engine:
    """An engine for `url` with the store's connection settings."""
    # Statement parameters and result rows are diary content: never log or show them.
    # hide_parameters keeps them out of error messages; the engine's own logger (named
    # for legwise) is held at WARNING so that switching on DEBUG logging for SQLAlchemy
    # as a whole does not print rows. Lower it on purpose only when debugging.
    logging.getLogger(f"sqlalchemy.engine.Engine.{LOGGER}").setLevel(logging.WARNING)
    options: dict[str, Any] = {"hide_parameters": True, "logging_name": LOGGER}
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is not None and not url.query.get("mode"):
            private_file(path)
        options["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
        engine = create_engine(url, **options)
        _tune_sqlite(engine)
        return engine
    options["pool_pre_ping"] = True
    options["connect_args"] = {"connect_timeout": 10}
    return create_engine(url, **options)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # legwise begins transactions itself (below); pysqlite's own would be DEFERRED.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            # Fails quietly on a read-only file (it stays in its mode); reads still work.
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writer = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration's revision id."""
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it has no schema yet)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema to `target`, safely when several processes open the store at once.

    The migration runs in one transaction holding a lock (SQLite: the write lock from BEGIN
    IMMEDIATE; PostgreSQL: an advisory lock), so a second process waits, then finds the
    schema already current and does nothing. Nothing is locked when it is already current,
    so a read-only database at the newest schema still opens."""
    if target == "head" and current_revision(engine) == head_revision():
        return
    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        command.upgrade(_alembic_config(conn), target)
