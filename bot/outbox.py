"""The poster: sends each approved outbox row to its platform exactly once.

Row states: pending -> posting -> posted | failed | unknown.

1. Claim: one short transaction moves a row from pending (or unknown) to posting, guarded by its
   previous status (SQLite: `UPDATE ... WHERE id=? AND status=?` under BEGIN IMMEDIATE, checked by
   rowcount; PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED` first), and COMMITS before any
   network call, so two posters can never both send it.
2. A row whose outcome is unclear (timeout, reset, 5xx, a poster killed mid-call) becomes
   `unknown`. An unknown row is never re-sent blindly: the poster first asks the platform whether
   the reply is already there (`connector.find_reply`) and only sends when it is not.
3. Rate limits and spent quota leave the row pending for a later run; a target that is gone, or
   any other permanent refusal, marks it failed with the reason.

Moderation actions (hold, reject, publish, remove) are idempotent on the platform, so an unknown
one is simply performed again.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot import audit, storage
from bot.app import App
from bot.domain import AccountConfig, Connector, InboundItem
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
from bot.models import Account, Item, OutboxRow, utcnow
from bot.quota import quota_day

logger = logging.getLogger(__name__)

# A `posting` row older than this is stale even when its poster cannot be checked (other host).
POSTING_STALE_AFTER = timedelta(minutes=10)
REPLY_ACTIONS = ("reply", "publish_reply")
NOT_THERE = "\0not-there"  # _find's answer when the platform definitely has no such reply
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
    lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"posted {self.posted}, already there {self.reconciled}, failed {self.failed}, "
                f"unknown {self.unknown}, waiting {self.deferred}")


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
            _set_item_status(session, row, "unknown")
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
        _set_item_status(session, row, "posting")
        audit.record(session, "poster", "post.attempt", item_id=row.item_id, data={
            "outbox_id": row.id, "action": row.action, "attempt": row.attempts, "from": expected,
            "worker": identity})
        return True


def _set_item_status(session: Session, row: OutboxRow, status: str) -> None:
    """Reply rows drive the item's review state; moderation-only rows leave it alone."""
    if row.action not in REPLY_ACTIONS:
        return
    item = session.get(Item, row.item_id)
    if item is not None:
        item.status = status


def _finish(app: App, row_id: int, status: str, *, reply_id: str | None = None, error: str | None = None,
            units: int = 0, how: str = "sent", moderation_status: str | None = None) -> None:
    now = utcnow()
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        row.status = status
        row.last_error = error
        row.claimed_by = None if status != "posting" else row.claimed_by
        item = session.get(Item, row.item_id)
        assert item is not None
        if status == "posted":
            row.platform_reply_id = reply_id
            row.posted_at = now
            if row.action in REPLY_ACTIONS:
                item.posted_at = item.posted_at or now
        if moderation_status:
            item.moderation_status = moderation_status
        _set_item_status(session, row, status)
        if units:
            storage.add_quota(session, item.account_id, quota_day(now), units)
        audit.record(session, "poster", "post.result", item_id=row.item_id, data={
            "outbox_id": row.id, "action": row.action, "status": status, "how": how,
            "platform_reply_id": reply_id, "error": error, "units": units})


def _mark_moderated(app: App, row_id: int, moderation_status: str, units: int) -> None:
    """Step one of publish-and-answer is done: remember it so a retry does not repeat it."""
    with app.sessions.begin() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        item = session.get(Item, row.item_id)
        assert item is not None
        item.moderation_status = moderation_status
        if units:
            storage.add_quota(session, item.account_id, quota_day(utcnow()), units)
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
        _set_item_status(session, row, "approved" if status == "pending" else status)
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


def _jobs(app: App) -> list[_Job]:
    with app.sessions.begin() as session:
        query = (select(OutboxRow, Item, Account.name).join(Item, Item.id == OutboxRow.item_id)
                 .join(Account, Account.id == Item.account_id)
                 .where(OutboxRow.status.in_(("pending", "unknown"))).order_by(OutboxRow.id))
        jobs = []
        for row, item, name in session.execute(query):
            account = next((a for a in app.config.accounts if a.name == name), None)
            jobs.append(_Job(row.id, row.status, row.action, row.text, storage.to_inbound(item, name),
                             account, item.account_id, item.moderation_status))
        return jobs


def quota_cost(platform: str, action: str) -> int:
    """Units a call spends from the account's daily quota (only YouTube has one: reply and
    moderate 50, a reply lookup 1 per page), from the YouTube connector's own table."""
    if platform != "youtube":
        return 0
    from connectors.youtube import quota_cost as youtube_cost

    return youtube_cost(action)


def _charge(app: App, account_id: int, units: int) -> None:
    if units:
        with app.sessions.begin() as session:
            storage.add_quota(session, account_id, quota_day(utcnow()), units)


def _quota_left(app: App, job: _Job) -> bool:
    cost = quota_cost(job.item.platform, "reply")
    if not cost or job.account is None:
        return True
    with app.sessions.begin() as session:
        used = storage.quota_used(session, job.account_id, quota_day(utcnow()))
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


def _run(app: App, connector: Connector, job: _Job) -> str:
    """Perform one claimed row; returns the PostSummary field to count it under."""
    cost = quota_cost(job.item.platform, "reply")
    if job.action not in REPLY_ACTIONS:
        return _moderate(app, connector, job, quota_cost(job.item.platform, "moderate"))
    assert job.text is not None
    if job.action == "publish_reply" and job.moderation_status != "published":
        step = _moderate(app, connector, job, quota_cost(job.item.platform, "moderate"), final=False)
        if step != "posted":
            return step
    if job.status == "unknown":
        found = _find(app, connector, job)
        if found is None:
            return "unknown"
        if found != NOT_THERE:
            _finish(app, job.row_id, "posted", reply_id=found, how="found on the platform")
            return "reconciled"
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
    _finish(app, job.row_id, "posted", reply_id=reply_id, units=cost)
    return "posted"


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
        _finish(app, job.row_id, "posted", reply_id=found, how="found on the platform")
        return "posted"
    # Not there: leave it unknown; the next pass looks again and only then sends it again.
    _release(app, job.row_id, "unknown", error)
    return "unknown"


def _find(app: App, connector: Connector, job: _Job) -> str | None:
    """The reply id if the platform has it, NOT_THERE if it definitely does not, None if we cannot tell."""
    assert job.text is not None
    try:
        found = connector.find_reply(job.item, job.text)
    except Exception as exc:  # cannot tell: leave the row unknown, never re-send
        _charge(app, job.account_id, quota_cost(job.item.platform, "find_reply"))
        _release(app, job.row_id, "unknown", f"could not check the platform: {exc.__class__.__name__}: {exc}")
        return None
    _charge(app, job.account_id, quota_cost(job.item.platform, "find_reply"))
    return found if found else NOT_THERE


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
