"""Engines, sessions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

import migrations
from bot.errors import ConfigError, StorageError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    """An engine with WAL and a busy timeout on SQLite; pooled connections elsewhere.

    `hide_parameters` keeps bound values (comment text) out of every database error message.
    """
    try:
        make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"[database] url {url!r} is not a database URL (e.g. sqlite:///path/modbot.db)"
        ) from None
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise ConfigError(
            f"[database] url: no driver for {make_url(url).drivername!r} ({exc}); for PostgreSQL "
            "install the extra: pip install 'modbot[postgres]'"
        ) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """Writers take the write lock at BEGIN, so two writers queue on the busy timeout instead of
    one failing at once with SQLITE_BUSY when it upgrades a read to a write (WAL snapshot rule).
    Readers begin without it: in WAL mode they never block, nor wait for, a writer."""
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


READ_ONLY = "modbot_read_only"


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for writing: use as `with sessions.begin() as session:`."""
    return sessionmaker(engine, expire_on_commit=False)


def read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reading only (`with reads() as session:`): no write lock on SQLite,
    read-only transactions on PostgreSQL."""
    options = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return sessionmaker(engine.execution_options(**options), expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with sessions.begin() as session:
        yield session


# Alembic is imported only to migrate: checking the schema on every command needs no more than
# the migration files' revision ids and one query (importing alembic was 0.3 s of every start).
_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration (idempotent)."""
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StorageError(f"cannot migrate {engine.url!r}: {exc.orig}") from None


def head_revision() -> str:
    """The newest migration: the one revision no other migration names as its `down_revision`."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(migrations.__file__).parent / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise StorageError(f"the migrations have {len(heads)} heads; expected one")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (alembic's `alembic_version` table), or None."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        version = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return None if version is None else str(version)


def require_current(engine: Engine) -> None:
    """Refuse to run on a database that is missing or behind the code."""
    try:
        current = current_revision(engine)
    except OperationalError as exc:
        raise StorageError(f"cannot open the database: {exc.orig}") from None
    if current is None:
        raise StorageError("the database is not initialised: run `modbot init` (or `modbot db upgrade`)")
    if current != head_revision():
        raise StorageError("the database schema is out of date: run `modbot db upgrade`")


def bulk_insert(
    session: Session, model: Any, rows: Sequence[Mapping[str, Any]], *, into: str | None = None
) -> None:
    """Insert many rows of `model`'s table in the caller's transaction, as fast as the backend
    allows: the driver's own executemany on SQLite (SQLAlchemy's per-row parameter handling
    costs more than the insert); PostgreSQL's COPY (a statement per row, even pipelined, costs
    several times more there). Values go through each column's own bind processing (UTC
    datetimes, JSON), as an INSERT would. All rows carry the same keys, and every column with a
    Python-side default among them. `into` names another table with the model's columns (a
    temporary one; PostgreSQL only); keys that are not the model's columns are written as given."""
    if not rows:
        return
    table = model.__table__
    defaulted = [c.name for c in table.c if c.default is not None and c.name not in rows[0]]
    if defaulted:  # neither the driver nor COPY fills in SQLAlchemy's Python-side defaults
        raise ValueError(f"bulk_insert into {table.name} needs values for {', '.join(defaulted)}")
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        _sqlite_insert_many(connection, table, rows)
        return
    names = list(rows[0])
    processors = [_copy_processor(table.c[name].type, connection.dialect) if name in table.c else None
                  for name in names]
    columns = ", ".join(f'"{name}"' for name in names)
    driver = connection.connection.driver_connection
    assert driver is not None  # a live psycopg connection inside the caller's transaction
    target = into or table.name
    with driver.cursor() as cursor, cursor.copy(f'COPY "{target}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([process(row[name]) if process else row[name]
                            for name, process in zip(names, processors, strict=True)])


def _sqlite_insert_many(connection: Any, table: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    names = list(rows[0])
    dialect = connection.dialect
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    driver = connection.connection.driver_connection
    assert driver is not None  # a live sqlite3 connection inside the caller's transaction
    pairs = list(zip(names, processors, strict=True))
    driver.executemany(
        f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})',
        ([process(row[name]) if process else row[name] for name, process in pairs] for row in rows),
    )


def _copy_processor(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How a value is written for COPY: JSON as its text (the driver adapts it only for
    statements), everything else through the column type's own bind processing."""
    if isinstance(column_type, JSON):
        return lambda value: None if value is None else json.dumps(value)
    processor: Callable[[Any], Any] | None = column_type.bind_processor(dialect)
    return processor
