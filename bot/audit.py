"""The append-only, hash-chained audit log.

Each event's hash covers its own fields and the previous event's hash, so altering, deleting or
reordering any row breaks every link after it; `verify` finds the first broken one. Events are
written in the same transaction as the change they describe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.models import AuditEvent, utcnow

GENESIS = "0" * 64
_HEAD = "modbot_audit_head"
_PG_AUDIT_LOCK = 0x6D6F64626F74  # "modbot": serialises appends across PostgreSQL writers


def _digest(
    prev_hash: str, at: datetime, actor: str, action: str, item_id: int | None, data: dict[str, Any]
) -> str:
    payload = json.dumps(
        [prev_hash, at.isoformat(), actor, action, item_id, data],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    item_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event inside the caller's transaction."""
    # The chain's head is read once per transaction: the write lock (SQLite BEGIN IMMEDIATE, the
    # advisory lock on PostgreSQL) keeps anyone else from appending until this one commits.
    transaction = session.get_transaction()
    cached = session.info.get(_HEAD)
    if cached and cached[0] is transaction:
        prev = cached[1]
    else:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK})
        prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    at = utcnow()
    data = data or {}
    event = AuditEvent(
        at=at,
        actor=actor,
        action=action,
        item_id=item_id,
        data=data,
        prev_hash=prev,
        hash=_digest(prev, at, actor, action, item_id, data),
    )
    session.add(event)  # inserted in order with the transaction's other changes
    session.info[_HEAD] = (transaction, event.hash)
    return event


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str | None = None


def verify(session: Session) -> Verification:
    """Walk the chain from the start; report the first event whose link does not hold."""
    prev = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if event.prev_hash != prev:
            return Verification(False, count, event.id, "its link to the previous event is broken")
        expected = _digest(prev, event.at, event.actor, event.action, event.item_id, event.data)
        if event.hash != expected:
            return Verification(False, count, event.id, "its contents were changed after it was written")
        prev = event.hash
        count += 1
    return Verification(True, count)


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
