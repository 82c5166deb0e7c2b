"""Backups that restore: one file with a consistent copy of the SQLite database and the signed
audit checkpoints that cover it. Never secrets, never the config.

A backup file (`modbot-backup/1`) is a zip, 0600, never overwritten:
- `modbot.db`: the database copied with SQLite's online backup API in one step, so it is one
  consistent snapshot even while `modbot run` writes (WAL readers never block writers);
- `audit-checkpoints.log`: the signed checkpoint lines the snapshot covers (newer lines would
  count events the snapshot lacks and make `audit verify` report them deleted);
- `manifest.json`: format, time, schema revision, item/outbox/audit counts, and a check value of
  the audit key (an HMAC under it, which reveals nothing of the key).

`secrets/` (the audit key, the roster key, platform credentials) and `modbot.toml` (it may hold a
webhook URL) are not in the backup: copy them once, separately, and keep them safe. A restore
refuses a home without the audit key the backup was signed with, since nothing could verify it.

Restoring marks every outbox row that was pending or mid-post `unknown`: the backup is older than
the platform, where the lost machine may have posted since. The poster then looks for each reply
before sending (bot/outbox.py), so every approval ends with exactly one reply.

PostgreSQL is backed up with `pg_dump` (PG_DUMP_HELP) and restored with `pg_restore`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import audit, db, outbox
from bot.app import App, open_app
from bot.config import load_config
from bot.errors import ConfigError
from bot.models import OutboxRow, utcnow
from bot.secrets import SecretStore

FORMAT = "modbot-backup/1"
DATABASE, CHECKPOINTS, MANIFEST = "modbot.db", audit.CHECKPOINT_FILE, "manifest.json"
IN_FLIGHT = ("pending", "posting")
REPLY_ACTIONS = ("reply", "publish_reply")  # rows that drive their item's review state
PG_DUMP_HELP = """\
the database is PostgreSQL: back it up with pg_dump, checkpoints first:
  1. cp <home>/audit-checkpoints.log checkpoints.backup  (first: it must count no event the dump lacks)
  2. pg_dump --format=custom --file modbot.dump "<database url>"
  3. keep modbot.toml and secrets/ safe separately (never inside the dump)
To restore: pg_restore --no-owner --dbname "<empty database url>" modbot.dump, copy the checkpoints
back to <home>/audit-checkpoints.log, then `modbot restore --in-place` (in-flight replies are
checked before any send) and `modbot audit verify`."""


@dataclass
class Counts:
    items: int
    outbox: dict[str, int]
    audit_events: int

    def line(self) -> str:
        outbox = ", ".join(f"{n} {status}" for status, n in sorted(self.outbox.items())) or "empty"
        total = sum(self.outbox.values())
        return f"{self.items} items, outbox {total} ({outbox}), {self.audit_events} audit events"


@dataclass
class BackupResult:
    path: Path
    counts: Counts
    verified: audit.Verification


@dataclass
class RestoreResult:
    counts: Counts
    verified: audit.Verification
    unknown: list[int] = field(default_factory=list)


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.removeprefix("sqlite:///"))


def backup(app: App, target: Path) -> BackupResult:
    """Write a backup of the home's SQLite database to `target` (a new file, 0600)."""
    source = _sqlite_path(app.config.database_url)
    if source is None:
        raise ConfigError(PG_DUMP_HELP if app.engine.dialect.name == "postgresql"
                          else f"cannot back up {app.engine.url!r}: only a SQLite file database")
    if target.exists():
        raise ConfigError(f"{target} already exists: refusing to overwrite it; choose a new file name")
    if not target.parent.is_dir():
        raise ConfigError(f"{target.parent} is not a directory")
    trail = audit.trail_of(app.sessions)
    work = Path(tempfile.mkdtemp(prefix=".modbot-backup-", dir=target.parent))  # 0700
    try:
        snapshot = work / DATABASE
        _copy_database(source, snapshot)
        counts, revision = _counts(snapshot)
        _write_lines(work / CHECKPOINTS, _covered_checkpoints(trail.checkpoint_path, counts.audit_events))
        verified = _verify(snapshot, audit.Trail(trail.secrets, work / CHECKPOINTS))
        manifest = {"format": FORMAT, "created_at": utcnow().isoformat(), "revision": revision,
                    "counts": {"items": counts.items, "outbox": counts.outbox,
                               "audit_events": counts.audit_events},
                    "audit_key_check": _key_check(trail)}
        partial = work / "backup.zip"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1) + "\n")
            archive.write(snapshot, DATABASE)
            archive.write(work / CHECKPOINTS, CHECKPOINTS)
        try:
            os.link(partial, target)  # appears complete or not at all, and never replaces a file
        except FileExistsError:
            raise ConfigError(f"{target} already exists: refusing to overwrite it") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BackupResult(target, counts, verified)


def _copy_database(source: Path, snapshot: Path) -> None:
    if not source.exists():
        raise ConfigError(f"there is no database at {source}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=db.BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(snapshot)
    try:
        src.backup(dst)  # all pages in one step: one read transaction, one consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    os.chmod(snapshot, 0o600)


def _counts(path: Path) -> tuple[Counts, str | None]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        items = connection.execute("SELECT count(*) FROM items").fetchone()[0]
        outbox = dict(connection.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
        events = connection.execute("SELECT count(*) FROM audit_events").fetchone()[0]
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ConfigError(f"not a modbot database: {exc}") from None
    finally:
        connection.close()
    return Counts(int(items), {str(k): int(v) for k, v in outbox.items()}, int(events)), (
        revision[0] if revision else None)


def _covered_checkpoints(path: Path, events: int) -> list[str]:
    """The checkpoint lines that count no more events than the snapshot holds."""
    if not path.exists():
        return []
    kept = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            count = int(json.loads(line)["count"])
        except (ValueError, KeyError, TypeError):
            kept.append(line)  # a damaged line is kept: verify must still see it
            continue
        if count <= events:
            kept.append(line)
    return kept


def _write_lines(path: Path, lines: list[str]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))


def _verify(database: Path, trail: audit.Trail) -> audit.Verification:
    engine = db.make_engine(f"sqlite:///{database}")
    try:
        with db.read_session_factory(engine)() as session:
            return audit.verify(session, trail)
    finally:
        engine.dispose()


def _key_check(trail: audit.Trail) -> str:
    return trail.mac("backup-key-check", FORMAT)


# -- restore --------------------------------------------------------------------------------------
def _fresh(database: Path, checkpoints: Path) -> bool:
    """True for the database a fresh `modbot init` leaves: no items, users, replies or audit
    events, and no checkpoint that counts any event."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            for table in ("items", "users", "outbox", "audit_events"):
                if connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
                    return False
    except sqlite3.Error:
        return False
    if checkpoints.exists():
        for line in checkpoints.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                if line.strip() and json.loads(line).get("count") != 0:
                    return False
            except (ValueError, AttributeError):
                return False
    return True

def restore(source: Path, home: Path | str | None = None, *,
            overrides: Mapping[str, Any] | None = None) -> RestoreResult:
    """Restore a backup into a home that has its config and secrets but no database yet."""
    config = load_config(home, overrides=overrides)
    if not config.config_path.exists():
        raise ConfigError(f"{config.home} has no modbot.toml: copy modbot.toml and secrets/ from the "
                          "original home first (backups carry neither)")
    target = _sqlite_path(config.database_url)
    if target is None:
        raise ConfigError("the home's database is not a SQLite file: restore PostgreSQL with pg_restore "
                          "and then run `modbot restore --in-place`")
    checkpoints = config.home / CHECKPOINTS
    if target.exists() and target.stat().st_size > 0:
        if not _fresh(target, checkpoints):
            raise ConfigError(f"{config.home} already has a database ({target}): restore only into a home "
                              "without one")
        # The empty database of a fresh `modbot init`: nothing in it to lose.
        for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm"), checkpoints):
            path.unlink(missing_ok=True)
    if checkpoints.exists() and checkpoints.stat().st_size > 0:
        raise ConfigError(f"{checkpoints} already exists (checkpoints of another database): move it aside")
    key = SecretStore(config.secrets_dir).path(f"{audit.KEY_NAME}.key")
    if not key.exists():
        raise ConfigError(f"there is no audit key at {key}: copy secrets/ from the original home first "
                          "(backups never carry secrets)")
    manifest, database, lines = _read_backup(source)
    trail = audit.Trail(SecretStore(config.secrets_dir), checkpoints)
    if manifest.get("audit_key_check") != _key_check(trail):
        raise ConfigError(f"{key} is not the audit key this backup was made with: copy secrets/ from "
                          "the original home")
    fd, partial = tempfile.mkstemp(prefix=".modbot-restore-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(database)
        os.link(partial, target)  # never replaces a database that appeared meanwhile
    except FileExistsError:
        raise ConfigError(f"{target} appeared while restoring: left untouched") from None
    finally:
        os.unlink(partial)
    os.chmod(target, 0o600)
    fd = os.open(checkpoints, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(lines)
    app = open_app(config.home, overrides=overrides, require_database=False)
    try:
        db.upgrade(app.engine)  # a backup from an older version
        counts, _ = _counts(target)
        unknown = mark_in_flight(app, f"restored from a backup of {manifest.get('created_at')}")
        with app.reads() as session:
            verified = audit.verify(session, audit.trail_of(app.sessions))
    finally:
        app.engine.dispose()
    return RestoreResult(counts, verified, unknown)


def _read_backup(source: Path) -> tuple[dict[str, Any], bytes, bytes]:
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise ConfigError(f"{source}: not a {FORMAT} file")
            return manifest, archive.read(DATABASE), archive.read(CHECKPOINTS)
    except FileNotFoundError:
        raise ConfigError(f"{source}: no such file") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ConfigError(f"{source}: not a modbot backup ({exc.__class__.__name__})") from None


def mark_in_flight(app: App, why: str) -> list[int]:
    """Outbox rows pending or mid-post become `unknown`: the platform may have them already, so
    the poster checks before any send. Returns their ids (one `backup.restore` audit event)."""
    with app.sessions.begin() as session:
        rows = list(session.scalars(select(OutboxRow).where(OutboxRow.status.in_(IN_FLIGHT))))
        for row in rows:
            row.status = "unknown"
            row.last_error = f"{why}: checking the platform before any send"
            outbox.set_item_status(session, row, "unknown")
        audit.record(session, "restore", "backup.restore", data={
            "note": why, "outbox_unknown": [row.id for row in rows]})
    return [row.id for row in rows]
