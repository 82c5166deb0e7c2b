"""The append-only, keyed, hash-chained audit log, with signed checkpoints outside the database.

- **Keyed chain.** Each event's hash is an HMAC-SHA256, under a key kept in
  `<home>/secrets/audit.key` (0600, created on first use, never in the database), over its own
  fields, a keyed commitment to its `data`, and the previous event's hash. Altering, deleting,
  reordering or inserting any row breaks the chain, and nobody without the key can recompute it.
- **Signed checkpoints.** After every transaction that appends events, one line with the event
  count and the head hash, HMAC-signed with the same key, is appended to
  `<home>/audit-checkpoints.log` (0600). `verify` checks the database against every checkpoint, so
  deleting the newest rows (which leaves a valid but shorter chain) is caught too.
- **Append-only in the database.** Migration 0003 installs triggers that refuse UPDATE and DELETE
  on `audit_events`, except the one narrow redaction path (`redact`): `data` (and nothing else)
  may be replaced by `{"redacted": true, "data_digest": ...}`, which keeps the commitment the hash
  covers, in the same transaction as a `redact` event naming the rows.

Chains written before the key existed (plain SHA-256) are accepted as a prefix only: once a keyed
event exists, every later one must be keyed. Events are written in the same transaction as the
change they describe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot import db
from bot.errors import StorageError
from bot.models import AuditEvent, utcnow
from bot.secrets import SecretStore

if TYPE_CHECKING:
    from bot.app import App

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
KEY_NAME = "audit"  # secrets/audit.key
CHECKPOINT_FILE = "audit-checkpoints.log"
REDACT_ACTION = "redact"
_HEAD = "modbot_audit_head"
_TRAIL = "modbot_audit_trail"
_PENDING = "modbot_audit_pending"
_PG_AUDIT_LOCK = 0x6D6F64626F74  # "modbot": serialises appends across PostgreSQL writers


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str
    last_id: int | None
    at: str

    def body(self) -> dict[str, Any]:
        return {"count": self.count, "head": self.head, "last_id": self.last_id, "at": self.at}


class Trail:
    """The audit key and the checkpoint file of one home."""

    def __init__(self, secrets: SecretStore, checkpoint_path: Path) -> None:
        self.secrets = secrets
        self.checkpoint_path = checkpoint_path
        self._key: bytes | None = None
        self._last: tuple[int, str] | None = None  # the newest checkpoint this process wrote

    def key(self) -> bytes:
        if self._key is None:
            self._key = self.secrets.key(KEY_NAME)
        return self._key

    def mac(self, purpose: str, payload: str) -> str:
        return hmac.new(self.key(), f"{purpose}\n{payload}".encode(), hashlib.sha256).hexdigest()

    def data_digest(self, data: dict[str, Any]) -> str:
        """The keyed commitment to an event's data that its hash covers (kept when redacted)."""
        if is_redacted(data):
            return str(data["data_digest"])
        return self.mac("data", _canonical(data))

    def event_hash(self, prev_hash: str, at: datetime, actor: str, action: str, item_id: int | None,
                   data: dict[str, Any]) -> str:
        return self.mac("event", _canonical(
            [prev_hash, at.isoformat(), actor, action, item_id, self.data_digest(data)]))

    # -- checkpoints ------------------------------------------------------------------------
    def sign(self, checkpoint: Checkpoint) -> str:
        return self.mac("checkpoint", _canonical(checkpoint.body()))

    def write_checkpoint(self, count: int, head: str, last_id: int | None) -> Checkpoint:
        """Append one signed line (a single write on an O_APPEND file, 0600 from the start)."""
        checkpoint = Checkpoint(count, head, last_id, utcnow().isoformat())
        line = _canonical({**checkpoint.body(), "sig": self.sign(checkpoint)}) + "\n"
        fd = os.open(self.checkpoint_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
        self._last = (count, head)
        return checkpoint

    def checkpoints(self) -> tuple[list[Checkpoint], str | None]:
        """Every signed checkpoint, and a problem when a line is not one (forged or damaged)."""
        if not self.checkpoint_path.exists():
            return [], None
        found: list[Checkpoint] = []
        lines = self.checkpoint_path.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                checkpoint = Checkpoint(int(raw["count"]), str(raw["head"]),
                                        None if raw["last_id"] is None else int(raw["last_id"]),
                                        str(raw["at"]))
                signature = str(raw["sig"])
            except (ValueError, KeyError, TypeError):
                return found, f"{self.checkpoint_path.name} line {number} is not a checkpoint"
            if not hmac.compare_digest(signature, self.sign(checkpoint)):
                return found, f"{self.checkpoint_path.name} line {number} is not signed with the audit key"
            found.append(checkpoint)
        return found, None


def is_redacted(data: Any) -> bool:
    return (isinstance(data, dict) and data.get("redacted") is True
            and set(data) == {"redacted", "data_digest"})


# -- wiring (bot.app) ---------------------------------------------------------------------------
def attach(sessions: sessionmaker[Session], trail: Trail) -> sessionmaker[Session]:
    """Give the write sessions the audit key, and write a signed checkpoint after every commit
    that appended audit events (the one place this happens: CLI, dashboard and scheduler alike)."""
    sessions.configure(info={_TRAIL: trail})
    sa_event.listen(sessions, "before_commit", _before_commit)
    sa_event.listen(sessions, "after_commit", _after_commit)
    sa_event.listen(sessions, "after_rollback", _after_rollback)
    return sessions


def trail_of(sessions: sessionmaker[Session]) -> Trail:
    trail = sessions.kw.get("info", {}).get(_TRAIL)
    if not isinstance(trail, Trail):
        raise StorageError("these sessions have no audit key: open them with bot.app.open_app")
    return trail


def _trail(session: Session) -> Trail:
    trail = session.info.get(_TRAIL)
    if not isinstance(trail, Trail):
        raise StorageError("audit events need the audit key: open sessions through bot.app.open_app")
    return trail


def _before_commit(session: Session) -> None:
    if not session.info.get(_PENDING):
        return
    session.flush()
    count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc())
                           .limit(1)).first()
    session.info[_PENDING] = (count, last.hash if last else GENESIS, last.id if last else None)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    session.info.pop(_HEAD, None)
    if isinstance(pending, tuple):
        try:
            _trail(session).write_checkpoint(*pending)
        except OSError as exc:  # the events are committed and chained; only the checkpoint lags
            logger.warning("audit checkpoint not written (%s): the next one will cover these events",
                           exc.__class__.__name__)


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_HEAD, None)


# -- writing -----------------------------------------------------------------------------------
def record(
    session: Session,
    actor: str,
    action: str,
    *,
    item_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event inside the caller's transaction."""
    trail = _trail(session)
    prev = _head(session)
    at = utcnow()
    data = data or {}
    event = AuditEvent(
        at=at,
        actor=actor,
        action=action,
        item_id=item_id,
        data=data,
        prev_hash=prev,
        hash=trail.event_hash(prev, at, actor, action, item_id, data),
    )
    session.add(event)  # inserted in order with the transaction's other changes
    _appended(session, event.hash)
    return event


def record_many(session: Session, actor: str, action: str,
                entries: list[tuple[int | None, dict[str, Any]]]) -> None:
    """`record` for a batch of events (one per item) in one set-based INSERT, chained in order."""
    if not entries:
        return
    session.flush()  # events added by `record` go first: ids follow the chain
    trail = _trail(session)
    prev = _head(session)
    at = utcnow()
    rows = []
    for item_id, data in entries:
        digest = trail.event_hash(prev, at, actor, action, item_id, data)
        rows.append({"at": at, "actor": actor, "action": action, "item_id": item_id, "data": data,
                     "prev_hash": prev, "hash": digest})
        prev = digest
    db.bulk_insert(session, AuditEvent, rows)
    _appended(session, prev)


def _head(session: Session) -> str:
    """The chain's head for the next event. Read once per transaction: the write lock (SQLite
    BEGIN IMMEDIATE, the advisory lock on PostgreSQL) keeps anyone else from appending until this
    one commits, so later events in it follow the head this transaction wrote."""
    cached = session.info.get(_HEAD)
    if cached and cached[0] is session.get_transaction():
        return str(cached[1])
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK})
    return session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS


def _appended(session: Session, head: str) -> None:
    session.info[_HEAD] = (session.get_transaction(), head)
    session.info[_PENDING] = True


def redact(session: Session, actor: str, event_ids: list[int], *, reason: str) -> AuditEvent | None:
    """The one way audit text is removed (erasure): each event's `data` becomes a redaction stub
    that keeps its keyed commitment, and a `redact` event naming them is appended, in the
    caller's transaction. The database triggers allow exactly this UPDATE and nothing else."""
    trail = _trail(session)
    done: list[int] = []
    for event in session.scalars(select(AuditEvent).where(AuditEvent.id.in_(event_ids))
                                 .order_by(AuditEvent.id)):
        if is_redacted(event.data):
            continue
        expected = trail.event_hash(event.prev_hash, event.at, event.actor, event.action,
                                    event.item_id, event.data)
        if not hmac.compare_digest(expected, event.hash):
            raise StorageError(f"audit event #{event.id} cannot be redacted: it does not verify "
                               "under the audit key (run `modbot audit verify`)")
        event.data = {"redacted": True, "data_digest": trail.data_digest(event.data)}
        done.append(event.id)
    if not done:
        return None
    session.flush()
    return record(session, actor, REDACT_ACTION, data={"events": done, "reason": reason})


def genuine(session: Session, event: AuditEvent) -> bool:
    """True when this one event was written with the audit key: what a reader that acts on an
    event's data (the poster, on an approval's text hash) checks first."""
    expected = _trail(session).event_hash(event.prev_hash, event.at, event.actor, event.action,
                                          event.item_id, event.data)
    return hmac.compare_digest(expected, event.hash)


def checkpoint(app: App) -> Checkpoint | None:
    """Sign the current count and head, unless this process already signed exactly that state
    (`modbot run` calls this every minute). The chain is verified first: a tampered log is
    never signed."""
    trail = trail_of(app.sessions)
    with app.reads() as session:  # one snapshot, and no write lock while the chain is walked
        count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc())
                               .limit(1)).first()
        head = last.hash if last else GENESIS
        if trail._last == (count, head):
            return None
        result = verify(session, trail)
    if not result.ok:
        raise StorageError(f"audit log BROKEN at event #{result.broken_id}: {result.problem}; "
                           "no checkpoint signed")
    return trail.write_checkpoint(count, head, last.id if last else None)


# -- verifying ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str | None = None
    checkpoint: Checkpoint | None = None
    legacy: int = 0  # events from before the chain was keyed (plain SHA-256)


def _legacy_digest(prev_hash: str, at: datetime, actor: str, action: str, item_id: int | None,
                   data: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical([prev_hash, at.isoformat(), actor, action, item_id, data])
                          .encode()).hexdigest()


def verify(session: Session, trail: Trail | None = None) -> Verification:
    """Walk the chain from the start, checking every link, every keyed hash and every signed
    checkpoint; report the first thing that does not hold. `trail` defaults to the session's own
    (write sessions from bot.app carry it; read sessions need `trail_of(app.sessions)`)."""
    trail = trail or _trail(session)
    checkpoints, problem = trail.checkpoints()
    newest = max(checkpoints, key=lambda c: c.count, default=None)
    if problem:
        return Verification(False, 0, None, problem, newest)
    heads: dict[int, set[tuple[str, int | None]]] = {}  # count -> the head and its id, as signed
    for point in checkpoints:
        heads.setdefault(point.count, set()).add((point.head, point.last_id))
    if 0 in heads and heads[0] != {(GENESIS, None)}:
        return Verification(False, 0, None, "the signed checkpoint of an empty log does not match", newest)
    prev = GENESIS
    count = legacy = 0
    keyed = False
    redacted: set[int] = set()
    authorised: set[int] = set()
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if event.id < 1:  # both databases number rows from 1; the hash does not cover the id
            return Verification(False, count, event.id, "its id was changed (renumbered below 1)",
                                newest, legacy)
        if event.prev_hash != prev:
            return Verification(False, count, event.id, "its link to the previous event is broken "
                                "(an event before it was deleted, inserted or reordered)", newest, legacy)
        expected = trail.event_hash(prev, event.at, event.actor, event.action, event.item_id, event.data)
        if hmac.compare_digest(event.hash, expected):
            keyed = True
        elif not keyed and not is_redacted(event.data) and event.hash == _legacy_digest(
                prev, event.at, event.actor, event.action, event.item_id, event.data):
            legacy += 1
        elif newest is not None and count >= newest.count:
            return Verification(False, count, event.id, "it was added after the newest signed "
                                "checkpoint and is not signed with the audit key (forged)", newest, legacy)
        else:
            return Verification(False, count, event.id, "its contents were changed after it was written "
                                "(its hash does not match under the audit key)", newest, legacy)
        count += 1
        if count in heads and {head for head, _ in heads[count]} != {event.hash}:
            return Verification(False, count - 1, event.id, f"it differs from the signed checkpoint of "
                                f"{count} events (the log was rewritten)", newest, legacy)
        if count in heads and {last_id for _, last_id in heads[count]} != {event.id}:
            return Verification(False, count - 1, event.id, f"its id differs from the one the signed "
                                f"checkpoint of {count} events names (the events were renumbered)",
                                newest, legacy)
        if is_redacted(event.data):
            redacted.add(event.id)
        if event.action == REDACT_ACTION and isinstance(event.data, dict):
            authorised.update(i for i in event.data.get("events", []) if isinstance(i, int))
        prev = event.hash
    if newest is not None and count < newest.count:
        missing = newest.count - count
        return Verification(False, count, None, f"the log holds {count} events but the signed checkpoint "
                            f"of {newest.at} counts {newest.count}: the newest {missing} were deleted",
                            newest, legacy)
    if redacted - authorised:
        first = min(redacted - authorised)
        return Verification(False, count, first, "it was redacted without a redaction event", newest, legacy)
    if newest is None and keyed:
        return Verification(False, count, None, f"there is no signed checkpoint ({trail.checkpoint_path} "
                            "is missing or empty), so deleted newest events could not be seen", None, legacy)
    return Verification(True, count, checkpoint=newest, legacy=legacy)


EXPORT_FORMAT = "modbot-audit-export/1"


def export(session: Session, trail: Trail) -> dict[str, Any]:
    """Every event plus the newest signed checkpoint, the whole document HMAC-signed with the
    audit key. Refused when the log does not verify. Checked by `verify_export`."""
    result = verify(session, trail)
    if not result.ok:
        where = f" at event #{result.broken_id}" if result.broken_id is not None else ""
        raise StorageError(f"audit log BROKEN{where}: {result.problem}; nothing exported")
    checkpoint = result.checkpoint
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": utcnow().isoformat(),
        "events": [as_dict(event) for event in events(session)],
        "checkpoint": None if checkpoint is None
        else {**checkpoint.body(), "sig": trail.sign(checkpoint)},
    }
    document["signature"] = trail.mac("export", _canonical(document))
    return document


def verify_export(document: dict[str, Any], trail: Trail) -> str | None:
    """None when an export is intact under the key; otherwise what is wrong (one line)."""
    body = {key: value for key, value in document.items() if key != "signature"}
    if document.get("format") != EXPORT_FORMAT:
        return "not a modbot audit export"
    if not hmac.compare_digest(str(document.get("signature")), trail.mac("export", _canonical(body))):
        return "the export's signature does not match (changed, or another key)"
    prev = GENESIS
    for raw in body["events"]:
        at = datetime.fromisoformat(raw["at"])
        expected = trail.event_hash(prev, at, raw["actor"], raw["action"], raw["item_id"], raw["data"])
        if raw["prev_hash"] != prev or not hmac.compare_digest(raw["hash"], expected):
            return f"event #{raw['id']} does not verify"
        prev = raw["hash"]
    return None


def events(session: Session, *, item_id: int | None = None) -> Iterator[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if item_id is not None:
        query = query.where(AuditEvent.item_id == item_id)
    yield from session.scalars(query)


def as_dict(event: AuditEvent) -> dict[str, Any]:
    """One event as plain JSON-ready data (for `modbot audit list --json` and exports)."""
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "action": event.action,
        "item_id": event.item_id,
        "data": event.data,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
