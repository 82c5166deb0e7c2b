"""The poster: sends each approved outbox row to its platform exactly once.

Row states: pending -> posting -> posted | failed | unknown.

1. Claim: one short transaction moves a row from pending (or unknown) to posting, guarded by its
   previous status (SQLite: `UPDATE ... WHERE id=? AND status=?` under BEGIN IMMEDIATE, checked by
   rowcount; PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED` first), and COMMITS before any
   network call, so two posters can never both send it.
2. A row whose outcome is unclear (timeout, reset, 5xx, a poster killed mid-call) becomes
   `unknown`. An unknown row is never re-sent blindly: the poster first asks the platform whether
   the reply is already there and only sends when it is not. The lookup is bounded by time, not by
   a page count: every reply by the account to the same target with the same text made since the
   row was approved (`connector.find_replies(item, text, since=...)`, all pages back to that time).
   A candidate that another row already owns (its `platform_reply_id`) is never taken, and a reply
   id is recorded on at most one row (a second owner is refused). When the answer is ambiguous
   (two or more candidates, or another unresolved row with the same text and target that could
   own the one candidate) the row stays `unknown`, flagged for a person: never sent, never marked
   posted.
3. Rate limits and spent quota leave the row pending for a later run; a target that is gone, or
   any other permanent refusal, marks it failed with the reason.

4. Before any send or lookup the row's text must hash to the SHA-256 recorded with its approval
   (the approval's audit event, written in the approving transaction). A mismatch, or a reply row
   with no recorded approval, is refused: the row fails, a `post.refused` audit event and a
   `outbox_tampered` alert are written, and nothing is sent.

Moderation actions (hold, reject, publish, remove) are idempotent on the platform, so an unknown
one is simply performed again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from bot import alerts, audit, storage
from bot.app import App
from bot.config import AccountConfig
from bot.domain import Connector, InboundItem
from bot.errors import (
    ConfigError,
    ConnectorError,
    MalformedResponse,
    PlatformUnavailable,
    PostOutcomeUnknown,
    QuotaExceeded,
    RateLimited,
    ReconnectRequired,
    TargetGone,
)
from bot.models import Account, AuditEvent, Item, OutboxRow, utcnow
from bot.quota import quota_day

logger = logging.getLogger(__name__)

# A `posting` row older than this is stale even when its poster cannot be checked (other host).
POSTING_STALE_AFTER = timedelta(minutes=10)
REPLY_ACTIONS = ("reply", "publish_reply")
NOT_THERE = "\0not-there"  # _find's answer when the platform definitely has no such reply
AMBIGUOUS = "ambiguous: "  # last_error prefix of an unknown row that needs a person
# The platform's timestamps may lag ours a little (some count whole seconds): a reply is looked
# for from this long before the row was approved. Ownership and the ambiguity rule, not this
# margin, keep an older reply from being taken.
CLOCK_SKEW = timedelta(seconds=120)
APPROVAL_ACTIONS = ("approve", "publish_reply")
_PG_OWNERSHIP_LOCK = 0x6D6F64626F74_02  # serialises "who owns this reply id" across posters
MODERATED_STATUS = {"hold": "heldForReview", "reject": "rejected", "publish": "published",
                    "remove": "removed"}
# Errors after which the platform may or may not have acted.
_UNCLEAR = (PostOutcomeUnknown, PlatformUnavailable, MalformedResponse, TimeoutError, OSError)
# Errors that mean "not now" (nothing was done): the row stays pending.
_LATER = (RateLimited, QuotaExceeded, ReconnectRequired)


@dataclass
class PostSummary:
    posted: int = 0
    reconciled: int = 0  # unknown rows found already posted, so not sent again
    failed: int = 0
    unknown: int = 0
    deferred: int = 0  # left pending: rate limit, quota, reconnection
    refused: int = 0  # text no longer matches its approval: not sent (also counted in failed)
    lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"posted {self.posted}, already there {self.reconciled}, failed {self.failed}, "
                f"unknown {self.unknown}, waiting {self.deferred}"
                + (f", REFUSED {self.refused}" if self.refused else ""))


def text_hash(text: str) -> str:
    """SHA-256 of a reply text as approved (UTF-8, exactly as stored)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalised(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _machine() -> str:
    """This host and PID namespace: a pid is only meaningful inside both (two containers can share
    a hostname and still not see each other's processes)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}:{namespace}"[:60]


def _identity(worker: str) -> str:
    return f"{worker[:30]}|{_machine()}|{os.getpid()}"


def _holder_is_dead(claimed_by: str | None) -> bool:
    """True when the claim names a poster process on this host that no longer runs."""
    if not claimed_by or claimed_by.count("|") < 2:
        return False
    _, host, pid_text = claimed_by.rsplit("|", 2)
    if host != _machine() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


# ---------------------------------------------------------------- state changes (one txn each)


def recover_stale(app: App, *, now: datetime | None = None,
                  stale_after: timedelta = POSTING_STALE_AFTER) -> int:
    """Rows left in `posting` by a poster that crashed become `unknown` (reconciled before re-send)."""
    now = now or utcnow()
    recovered = 0
    with app.sessions.begin() as session:
        for row in session.scalars(select(OutboxRow).where(OutboxRow.status == "posting")):
            old = row.claimed_at is None or now - row.claimed_at >= stale_after
            if not (old or _holder_is_dead(row.claimed_by)):
                continue
            row.status = "unknown"
            row.last_error = (f"poster {row.claimed_by or '?'} stopped mid-post; "
                              "checking the platform before any re-send")
            set_item_status(session, row, "unknown")
            audit.record(session, "poster", "post.stale", item_id=row.item_id,
                         data={"outbox_id": row.id, "claimed_by": row.claimed_by})
            recovered += 1
    if recovered:
        logger.warning("%d outbox row(s) were left mid-post by a stopped poster: now unknown", recovered)
    return recovered


def _claim(app: App, row_id: int, expected: str, identity: str, now: datetime) -> bool:
    """Move one row from `expected` to `posting`; False when another poster got there first."""
    with app.sessions.begin() as session:
        if session.get_bind().dialect.name == "postgresql":
            locked = session.scalar(
                select(OutboxRow.id).where(OutboxRow.id == row_id, OutboxRow.status == expected)
                .with_for_update(skip_locked=True))
            if locked is None:
                return False
        result = session.execute(
            update(OutboxRow).where(OutboxRow.id == row_id, OutboxRow.status == expected)
            .values(status="posting", claimed_by=identity, claimed_at=now, attempts=OutboxRow.attempts + 1)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        row = session.get(OutboxRow, row_id)
        assert row is not None
        session.refresh(row)
        set_item_status(session, row, "posting")
        audit.record(session, "poster", "post.attempt", item_id=row.item_id, data={
            "outbox_id": row.id, "action": row.action, "attempt": row.attempts, "from": expected,
            "worker": identity})
        return True


def set_item_status(session: Session, row: OutboxRow, status: str) -> None:
    """Reply rows drive the item's review state; moderation-only rows leave it alone."""
    if row.action not in REPLY_ACTIONS:
        return
    item = session.get(Item, row.item_id)
    if item is not None:
        item.status = status


def _finish(app: App, row_id: int, status: str, *, reply_id: str | None = None, error: str | None = None,
            units: int = 0, how: str = "sent", moderation_status: str | None = None) -> str:
    """Record a row's outcome; returns the status it got (`posted` can become `unknown` when the
    reply id already belongs to another row)."""
    now = utcnow()
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        row.status = status
        row.last_error = error
        row.claimed_by = None if status != "posting" else row.claimed_by
        item = session.get(Item, row.item_id)
        assert item is not None
        owner = _owner_of(session, reply_id, row.id) if status == "posted" and reply_id else None
        if owner is not None:
            # A reply id belongs to one approval only: never record it on a second row.
            status, how = "unknown", "refused a second owner"
            error = (f"{AMBIGUOUS}reply {reply_id} already belongs to outbox #{owner}; "
                     "a person must check this one")
            row.status = status
            row.last_error = error
            reply_id = None
        if status == "posted":
            row.platform_reply_id = reply_id
            row.posted_at = now
            if row.action in REPLY_ACTIONS:
                item.posted_at = item.posted_at or now
        if moderation_status:
            item.moderation_status = moderation_status
        set_item_status(session, row, status)
        if units:
            storage.add_quota(session, item.account_id, _quota_day(app, item.platform, now), units)
        audit.record(session, "poster", "post.result", item_id=row.item_id, data={
            "outbox_id": row.id, "action": row.action, "status": status, "how": how,
            "platform_reply_id": reply_id, "error": error, "units": units})
    return status


def _owner_of(session: Session, reply_id: str, row_id: int) -> int | None:
    """The other outbox row that already owns `reply_id`, if any (under a lock on PostgreSQL;
    SQLite write transactions are already serialised by BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_OWNERSHIP_LOCK})
    return session.scalar(select(OutboxRow.id).where(OutboxRow.platform_reply_id == reply_id,
                                                     OutboxRow.id != row_id).limit(1))


def _mark_moderated(app: App, row_id: int, moderation_status: str, units: int) -> None:
    """Step one of publish-and-answer is done: remember it so a retry does not repeat it."""
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        item = session.get(Item, row.item_id)
        assert item is not None
        item.moderation_status = moderation_status
        if units:
            storage.add_quota(session, item.account_id, _quota_day(app, item.platform), units)
        audit.record(session, "poster", "moderation.done", item_id=row.item_id,
                     data={"outbox_id": row.id, "moderation_status": moderation_status, "units": units})


def _release(app: App, row_id: int, status: str, error: str) -> None:
    """Give a claimed row back (pending or unknown) without having acted on the platform."""
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        row.status = status
        row.last_error = error
        row.claimed_by = None
        set_item_status(session, row, "approved" if status == "pending" else status)
        audit.record(session, "poster", "post.deferred", item_id=row.item_id,
                     data={"outbox_id": row.id, "status": status, "error": error})


# ---------------------------------------------------------------- the poster


@dataclass
class _Job:
    row_id: int
    status: str
    action: str
    text: str | None
    item: InboundItem
    account: AccountConfig | None
    account_id: int
    moderation_status: str | None
    created_at: datetime
    approved_hash: str | None  # SHA-256 of the text as approved (from the approval's audit event)


def _approved_hash(session: Session, row: OutboxRow, item: Item) -> str | None:
    """The text hash recorded with the approval that wrote this row, or None if there is none.
    Only an approval event written with the audit key counts: one edited or forged through the
    database alone (an attacker changing the reply and the approval's hash together) is ignored,
    and so is one recorded for another target than the item now names."""
    query = (select(AuditEvent).where(AuditEvent.item_id == row.item_id,
                                      AuditEvent.action.in_(APPROVAL_ACTIONS))
             .order_by(AuditEvent.id))
    for event in session.scalars(query):
        if not audit.genuine(session, event):
            continue
        data: dict[str, Any] = event.data if isinstance(event.data, dict) else {}
        if data.get("outbox_id") != row.id:
            continue
        target = data.get("target")
        if target is not None and target != f"{item.platform}:{item.external_id}":
            return None
        recorded = data.get("text_sha256")
        if isinstance(recorded, str):
            return recorded
        approved = data.get("text")  # approvals recorded before the hash was: the text itself
        return text_hash(approved) if isinstance(approved, str) else None
    return None


def _jobs(app: App) -> list[_Job]:
    with app.sessions.begin() as session:
        query = (select(OutboxRow, Item, Account.name).join(Item, Item.id == OutboxRow.item_id)
                 .join(Account, Account.id == Item.account_id)
                 .where(OutboxRow.status.in_(("pending", "unknown"))).order_by(OutboxRow.id))
        jobs = []
        for row, item, name in session.execute(query):
            account = next((a for a in app.config.accounts if a.name == name), None)
            approved = _approved_hash(session, row, item) if row.action in REPLY_ACTIONS else None
            jobs.append(_Job(row.id, row.status, row.action, row.text, storage.to_inbound(item, name),
                             account, item.account_id, item.moderation_status, row.created_at, approved))
        return jobs


def quota_cost(app: App, platform: str, action: str) -> int:
    """Units a call spends from the account's daily quota, as the platform prices it."""
    return app.capabilities(platform).cost(action)


def _quota_day(app: App, platform: str, now: datetime | None = None) -> date:
    return quota_day(now or utcnow(), app.capabilities(platform).quota_timezone)


def _charge(app: App, job: _Job, units: int) -> None:
    if units:
        with app.sessions.begin() as session:
            storage.add_quota(session, job.account_id, _quota_day(app, job.item.platform), units)


def _quota_left(app: App, job: _Job) -> bool:
    cost = quota_cost(app, job.item.platform, "reply")
    if not cost or job.account is None:
        return True
    with app.sessions.begin() as session:
        used = storage.quota_used(session, job.account_id, _quota_day(app, job.item.platform))
    return used + cost <= job.account.daily_quota


def post_once(app: App, *, worker: str = "poster", now: datetime | None = None,
              stale_after: timedelta = POSTING_STALE_AFTER) -> PostSummary:
    """One pass over the outbox: recover stale claims, reconcile unknown rows, send pending ones."""
    summary = PostSummary()
    recover_stale(app, now=now, stale_after=stale_after)
    identity = _identity(worker)
    paused: set[str] = set()  # accounts that said "not now" in this pass
    connectors: dict[str, Connector] = {}
    for job in _jobs(app):
        name = job.item.account
        if name in paused:
            summary.deferred += 1
            continue
        if job.account is None:
            if _claim(app, job.row_id, job.status, identity, utcnow()):
                _finish(app, job.row_id, "failed", error=f"account {name!r} is no longer configured")
                summary.failed += 1
                summary.lines.append(f"outbox #{job.row_id}: failed: account {name!r} is not configured")
            continue
        if not _quota_left(app, job):
            paused.add(name)
            summary.deferred += 1
            summary.lines.append(f"outbox #{job.row_id}: waiting: {name} has no quota left today")
            continue
        if not _claim(app, job.row_id, job.status, identity, utcnow()):
            continue  # another poster has it
        if job.action in REPLY_ACTIONS and not _text_is_approved(job):
            _refuse(app, job)
            summary.refused += 1
            summary.failed += 1  # the row is failed: `modbot post --once` exits non-zero
            summary.lines.append(f"outbox #{job.row_id}: REFUSED: its text does not match the approval")
            continue
        try:
            connector = connectors.get(name) or app.connector(job.account)
            connectors[name] = connector
        except (ConnectorError, ConfigError) as exc:
            _release(app, job.row_id, job.status, f"cannot connect: {exc}")
            paused.add(name)
            summary.deferred += 1
            summary.lines.append(f"outbox #{job.row_id}: waiting: {exc}")
            continue
        outcome = _run(app, connector, job)
        if outcome == "deferred":
            paused.add(name)
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        summary.lines.append(f"outbox #{job.row_id} (item {job.item.external_id}): {outcome}")
    logger.info("poster pass: %s", summary.line())
    return summary


def _text_is_approved(job: _Job) -> bool:
    return job.text is not None and job.approved_hash is not None and text_hash(job.text) == job.approved_hash


def _refuse(app: App, job: _Job) -> None:
    """The row's text is not what was approved: fail it, audit it and alert; send nothing."""
    reason = ("no approval is recorded for this text under this item" if job.approved_hash is None
              else "its text no longer matches the approved text")
    error = f"refused: {reason}; nothing was sent"
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, job.row_id)
        assert row is not None
        audit.record(session, "poster", "post.refused", item_id=row.item_id, data={
            "outbox_id": job.row_id, "reason": reason, "approved_sha256": job.approved_hash,
            "outbox_sha256": text_hash(job.text) if job.text is not None else None})
    _finish(app, job.row_id, "failed", error=error, how="refused")
    logger.error("outbox #%d: %s", job.row_id, error)
    message = alerts.AlertMessage(
        kind="outbox_tampered",
        subject=f"[modbot] Outbox #{job.row_id} refused: text differs from its approval",
        body=(f"Outbox row #{job.row_id} ({job.item.account}) was not posted: {reason}. "
              "Someone changed the reply after it was approved. Check the audit log "
              "(`modbot audit verify`) and approve the item again if the reply is still wanted."))
    try:
        alerts.deliver(app, message)
    except Exception:  # the refusal stands and is audited even when no alert can be sent
        logger.exception("outbox #%d: the tamper alert could not be sent", job.row_id)


def _run(app: App, connector: Connector, job: _Job) -> str:
    """Perform one claimed row; returns the PostSummary field to count it under."""
    cost = quota_cost(app, job.item.platform, "reply")
    if job.action not in REPLY_ACTIONS:
        return _moderate(app, connector, job, quota_cost(app, job.item.platform, "moderate"))
    assert job.text is not None
    if job.action == "publish_reply" and job.moderation_status != "published":
        step = _moderate(app, connector, job, quota_cost(app, job.item.platform, "moderate"), final=False)
        if step != "posted":
            return step
    if job.status == "unknown":
        found = _find(app, connector, job)
        if found is None:
            return "unknown"
        if found != NOT_THERE:
            status = _finish(app, job.row_id, "posted", reply_id=found, how="found on the platform")
            return "reconciled" if status == "posted" else "unknown"
    try:
        reply_id = connector.post_reply(job.item, job.text)
    except _LATER as exc:
        _release(app, job.row_id, "pending", str(exc))
        return "deferred"
    except TargetGone as exc:
        _finish(app, job.row_id, "failed", error=f"cannot reply: {exc}")
        return "failed"
    except _UNCLEAR as exc:
        return _unclear(app, connector, job, exc, cost)
    except ConnectorError as exc:
        _finish(app, job.row_id, "failed", error=f"the platform refused the reply: {exc}", units=cost)
        return "failed"
    except Exception as exc:  # an adapter bug: the reply may have gone out, so never re-send blindly
        logger.exception("outbox #%d: unexpected error while posting", job.row_id)
        return _unclear(app, connector, job, exc, cost)
    status = _finish(app, job.row_id, "posted", reply_id=reply_id, units=cost)
    return "posted" if status == "posted" else "unknown"


def _unclear(app: App, connector: Connector, job: _Job, exc: BaseException, cost: int) -> str:
    """The reply may have been saved: record `unknown`, then look once before giving up for now."""
    error = f"outcome unknown ({exc.__class__.__name__}: {exc}); will check the platform before any re-send"
    _finish(app, job.row_id, "unknown", error=error, units=cost, how="unclear")
    logger.warning("outbox #%d: outcome unknown after %s", job.row_id, exc.__class__.__name__)
    if not _claim(app, job.row_id, "unknown", _identity("reconciler"), utcnow()):
        return "unknown"
    found = _find(app, connector, job)
    if found is None:
        return "unknown"
    if found != NOT_THERE:
        status = _finish(app, job.row_id, "posted", reply_id=found, how="found on the platform")
        return "posted" if status == "posted" else "unknown"
    # Not there: leave it unknown; the next pass looks again and only then sends it again.
    _release(app, job.row_id, "unknown", error)
    return "unknown"


def _find(app: App, connector: Connector, job: _Job) -> str | None:
    """The reply id if the platform has exactly one that can be this row's, NOT_THERE if it
    definitely has none, None if we cannot tell or it is ambiguous (the row is then released as
    unknown)."""
    assert job.text is not None
    since = job.created_at - CLOCK_SKEW
    try:
        finder = getattr(connector, "find_replies", None)
        if finder is not None:
            candidates = [str(c) for c in finder(job.item, job.text, since=since)]
        else:  # a connector without the time-bounded lookup
            one = connector.find_reply(job.item, job.text)
            candidates = [one] if one else []
    except Exception as exc:  # cannot tell: leave the row unknown, never re-send
        _charge(app, job, quota_cost(app, job.item.platform, "find_reply"))
        _release(app, job.row_id, "unknown", f"could not check the platform: {exc.__class__.__name__}: {exc}")
        return None
    _charge(app, job, quota_cost(app, job.item.platform, "find_reply"))
    candidates = list(dict.fromkeys(candidates))
    with app.sessions.begin() as session:
        owned: set[str | None] = set(session.scalars(select(OutboxRow.platform_reply_id).where(
            OutboxRow.platform_reply_id.in_(candidates), OutboxRow.id != job.row_id)))
        free = [c for c in candidates if c not in owned]
        rivals = _rivals(session, connector, job) if free else []
    if not free:
        return NOT_THERE
    if len(free) == 1 and not rivals:
        return free[0]
    why = (f"{len(free)} replies with this text since the approval ({', '.join(free[:5])})" if len(free) > 1
           else f"reply {free[0]} could also belong to outbox " + ", ".join(f"#{r}" for r in rivals))
    _release(app, job.row_id, "unknown", f"{AMBIGUOUS}{why}; a person must decide (not sent again)")
    logger.warning("outbox #%d: reconciliation is ambiguous; left unknown for a person", job.row_id)
    return None


def _target_key(connector: Connector, item: InboundItem) -> str:
    """What a reply to `item` hangs under on the platform (e.g. a thread's top comment)."""
    target = getattr(connector, "reply_target", None)
    return str(target(item)) if callable(target) else item.external_id


def _rivals(session: Session, connector: Connector, job: _Job) -> list[int]:
    """Other rows still unresolved (unknown, or being posted right now) with the same text and
    target on the same account: a reply found for this row could be theirs."""
    assert job.text is not None
    wanted, target = _normalised(job.text), _target_key(connector, job.item)
    query = (select(OutboxRow, Item, Account.name).join(Item, Item.id == OutboxRow.item_id)
             .join(Account, Account.id == Item.account_id)
             .where(OutboxRow.id != job.row_id, OutboxRow.status.in_(("unknown", "posting")),
                    OutboxRow.action.in_(REPLY_ACTIONS), OutboxRow.platform_reply_id.is_(None),
                    Item.account_id == job.account_id))
    return [row.id for row, item, name in session.execute(query)
            if row.text is not None and _normalised(row.text) == wanted
            and _target_key(connector, storage.to_inbound(item, name)) == target]


def _moderate(app: App, connector: Connector, job: _Job, cost: int, *, final: bool = True) -> str:
    action = "publish" if job.action == "publish_reply" else job.action
    try:
        connector.moderate(job.item, action)
    except _LATER as exc:
        _release(app, job.row_id, "pending", str(exc))
        return "deferred"
    except TargetGone as exc:
        _finish(app, job.row_id, "failed", error=f"cannot {action}: {exc}")
        return "failed"
    except _UNCLEAR as exc:
        # Moderation is idempotent: the next pass simply does it again.
        _finish(app, job.row_id, "unknown", units=cost, how="unclear",
                error=f"outcome unknown ({exc.__class__.__name__}: {exc}); will be applied again")
        return "unknown"
    except ConnectorError as exc:
        _finish(app, job.row_id, "failed", error=f"the platform refused to {action}: {exc}", units=cost)
        return "failed"
    except Exception as exc:  # an adapter bug: moderation is idempotent, so it is simply tried again
        logger.exception("outbox #%d: unexpected error while moderating", job.row_id)
        _finish(app, job.row_id, "unknown", units=cost, how="unclear",
                error=f"outcome unknown ({exc.__class__.__name__}); will be applied again")
        return "unknown"
    status = MODERATED_STATUS[action]
    if final:
        _finish(app, job.row_id, "posted", units=cost, how=f"moderated: {action}", moderation_status=status)
    else:
        _mark_moderated(app, job.row_id, status, cost)
    return "posted"


def pending_count(app: App) -> int:
    """Rows still to post or to check (for status displays)."""
    with app.sessions.begin() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow)
                              .where(OutboxRow.status.in_(("pending", "unknown")))) or 0
