"""Poll an account, store what is new and triage it (replies are suggested when an item is opened).

Network calls happen outside transactions; each write (items + cursors + quota + status, then
triage + status) is one transaction, so a crash leaves either the old state or the new one.
Errors from a platform are recorded on the account and reported, never raised out of a poll.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from queue import SimpleQueue

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import audit, storage
from bot.app import App
from bot.config import AccountConfig
from bot.domain import Budget, InboundItem, PollResult, Triage
from bot.errors import ConnectorError, QuotaExceeded, RateLimited, ReconnectRequired
from bot.models import Account, Item, TriageResult, utcnow
from bot.quota import next_reset, quota_day

logger = logging.getLogger(__name__)

TRIAGE_BATCH = 500
Progress = Callable[[int, int], None]  # (items triaged so far, items known to need it)
ALERT_EVERY_SECONDS = 2.0  # during one long triage run, crisis alerts go out at most this often
# Notices that mean some items were not imported (a file's invalid lines, unreadable API items).
SKIPPED_ITEMS_NOTICES = ("invalid_lines", "unreadable_items")
QUARANTINE_SHOWN = 10  # unreadable items listed on the account's status, newest last
# While one thread classifies, the one waiting for the platform gets the GIL back this soon after
# its answer arrives (Python's default, 5 ms, is lost several times a page).
SWITCH_INTERVAL = 0.0005


@dataclass
class PollSummary:
    account: str
    platform: str
    new_items: int = 0
    units: int = 0
    skipped: str | None = None
    error: str | None = None
    notices: list[str] = field(default_factory=list)
    triaged: int = 0
    spend_unit: str = "requests"  # what `units` counts on this platform
    items_skipped: bool = False  # some lines or items could not be read: the import is not whole

    @property
    def left_undone(self) -> str | None:
        """What this poll could not do (an error, items it could not read), or None."""
        if self.error:
            return f"{self.account}: {self.error}"
        if self.items_skipped:
            return f"{self.account}: some items could not be read and were skipped"
        return None

    def line(self) -> str:
        unit = self.spend_unit
        if self.skipped:
            return f"{self.account}: skipped: {self.skipped}"
        text = f"{self.account}: {self.new_items} new, {self.units} {unit} used"
        for notice in self.notices:
            text += f"; {notice}"
        if self.error:
            text += f"; ERROR: {self.error}"
        return text


def poll_account(
    app: App, account: AccountConfig, *, now: datetime | None = None, progress: Progress | None = None
) -> PollSummary:
    now = now or utcnow()
    capabilities = app.capabilities(account.platform)
    summary = PollSummary(account=account.name, platform=account.platform, spend_unit=capabilities.spend_unit)
    with app.sessions.begin() as session:
        row = storage.ensure_account(session, account)
        if row.state == "quota_paused" and row.paused_until and row.paused_until > now:
            summary.skipped = f"quota exhausted, paused until {row.paused_until.isoformat()}"
            return summary
        account_id = row.id
        known_cursors = storage.cursors(session, account_id)
        used = storage.quota_used(session, account_id, quota_day(now, capabilities.quota_timezone))

    limit = account.daily_quota if capabilities.daily_quota else None
    budget = Budget(limit=limit, used_before=used, account=account.name)
    ahead = _Ahead(app) if capabilities.streams_pages else None
    with ahead or contextlib.nullcontext():
        try:
            connector = app.connector(account)
            if ahead is not None:  # the model loads with the first items
                result = connector.poll(known_cursors, budget, seen=ahead.add)
            else:
                app.preload_triager()  # the model loads while the platform answers
                result = connector.poll(known_cursors, budget)
        except ConnectorError as exc:
            result = PollResult(error=exc)
        except Exception as exc:  # a bug or an SDK error the adapter did not translate
            logger.exception("poll of %s failed unexpectedly", account.name)
            result = PollResult(
                error=ConnectorError(f"unexpected {exc.__class__.__name__}", account=account.name)
            )
        stored = _store(app, account, account_id, result, budget, known_cursors, now,
                        capabilities.quota_timezone)
        verdicts = ahead.verdicts() if ahead is not None else {}

    summary.new_items = len(stored)
    summary.units = budget.spent
    summary.notices = [n.message for n in result.notices]
    summary.items_skipped = bool(result.quarantined) or any(
        n.code in SKIPPED_ITEMS_NOTICES for n in result.notices
    )
    summary.error = _error_line(result.error) if result.error else None
    logger.info("polled %s: %d new, %d units", account.name, len(stored), budget.spent)
    summary.triaged = triage_new(app, stored=stored, progress=progress, verdicts=verdicts)
    return summary


def _store(app: App, account: AccountConfig, account_id: int, result: PollResult, budget: Budget,
           known_cursors: Mapping[str, str], now: datetime, timezone: str) -> list[tuple[int, InboundItem]]:
    """Items, cursors, quota and the account's status in one transaction; the new items' ids."""
    with app.sessions.begin() as session:
        row = storage.get_account(session, account.name)
        stored = storage.insert_new_items(session, account_id, result.items)
        storage.save_cursors(session, account_id, result.cursors)
        storage.add_quota(session, account_id, quota_day(now, timezone), budget.spent)
        shown = [n for n in row.notices or [] if n.get("code") == "quarantined"]
        _record_status(row, result, now, reread=result.cursors != known_cursors, timezone=timezone)
        _record_quarantine(session, row, result, now, shown)
        audit.record(
            session,
            "poller",
            "poll",
            data={
                "account": account.name,
                "new_items": len(stored),
                "units": budget.spent,
                "error": _error_line(result.error) if result.error else None,
                "notices": [n.code for n in result.notices],
            },
        )
    return stored


# What a verdict depends on (the classifier reads text, kind, platform and author).
_VerdictKey = tuple[str, str, str, str, str | None]


def _verdict_key(item: InboundItem) -> _VerdictKey:
    return (item.platform, item.external_id, item.text, item.kind, item.author)


class _Ahead:
    """Classifies the items a connector hands over page by page (`streams_pages`), in a
    background thread, while the connector waits for the next page: the platform's answer time
    is otherwise idle. Only a head start: the poll's result stays the one source of items, and
    whatever this thread did not classify (or failed on) is classified afterwards as before."""

    _running = 0  # _Ahead instances in this process (accounts poll in parallel under `run`)
    _lock = threading.Lock()
    _default_interval = 0.0  # the switch interval to restore when the last one ends

    def __init__(self, app: App) -> None:
        self._app = app
        self._pages: SimpleQueue[list[InboundItem] | None] = SimpleQueue()
        self._done: dict[_VerdictKey, Triage] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="triage-ahead", daemon=True)

    def __enter__(self) -> _Ahead:
        self._thread.start()  # first: if it cannot start, the interval is left alone
        with _Ahead._lock:
            if _Ahead._running == 0:
                _Ahead._default_interval = sys.getswitchinterval()
                sys.setswitchinterval(min(SWITCH_INTERVAL, _Ahead._default_interval))
            _Ahead._running += 1
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._stop.set()  # on an error: skip what is still queued
            self._pages.put(None)
            self._thread.join()
        finally:  # even when interrupted while joining
            with _Ahead._lock:
                _Ahead._running -= 1
                if _Ahead._running == 0:
                    sys.setswitchinterval(_Ahead._default_interval)

    def add(self, items: Sequence[InboundItem]) -> None:
        self._pages.put(list(items))

    def verdicts(self) -> dict[_VerdictKey, Triage]:
        """Every verdict, once the pages handed over so far are classified."""
        self._pages.put(None)
        self._thread.join()
        return self._done

    def _run(self) -> None:
        try:
            while not self._stop.is_set() and (page := self._pages.get()) is not None:
                batch = page
                while len(batch) < TRIAGE_BATCH and not self._pages.empty():
                    more = self._pages.get()
                    if more is None:
                        self._pages.put(None)  # seen again by the loop above
                        break
                    batch += more
                for item, verdict in zip(batch, _classify(self._app, batch), strict=True):
                    self._done[_verdict_key(item)] = verdict
        except Exception as exc:  # the items are classified again after the poll, errors reported
            # The class only: an exception's message could quote a comment.
            logger.debug("classifying ahead failed (%s); classifying after the poll", type(exc).__name__)


def _record_quarantine(
    session: Session, row: Account, result: PollResult, now: datetime, shown: list[dict[str, str]]
) -> None:
    """Unreadable items: one audit event each (id, listing, reason, size; never content), and a
    `quarantined` notice each on the account, kept across polls (the newest QUARANTINE_SHOWN)
    so `modbot status` shows them after the poll that skipped them."""
    fresh = []
    for q in result.quarantined:
        audit.record(
            session,
            "poller",
            "poll.quarantined",
            data={
                "account": row.name,
                "source": q.source,
                "external_id": q.external_id,
                "reason": q.reason,
                "raw_size": q.raw_size,
            },
        )
        fresh.append(
            {
                "code": "quarantined",
                "message": (
                    f"quarantined {now.isoformat(timespec='seconds')}: {q.source} item "
                    f"{q.external_id or '(no id)'} could not be read ({q.reason}, "
                    f"{q.raw_size} bytes); skipped"
                ),
            }
        )
    current = [n for n in row.notices or [] if n.get("code") != "quarantined"]
    row.notices = current + (shown + fresh)[-QUARANTINE_SHOWN:]


def _error_line(error: ConnectorError) -> str:
    if isinstance(error, ReconnectRequired):
        hint = "" if "modbot connect" in str(error) else f" (run `modbot connect {error.account}`)"
        return f"reconnect required: {error}{hint}"
    return str(error)


def _record_status(row: Account, result: PollResult, now: datetime, *, reread: bool = True,
                   timezone: str = "UTC") -> None:
    row.last_poll_at = now
    notices = [{"code": n.code, "message": n.message} for n in result.notices]
    if not reread and not notices:
        # An unchanged import file is not read again: the lines it skipped are still skipped.
        notices = [n for n in row.notices or [] if n.get("code") == "invalid_lines"]
    row.notices = notices
    error = result.error
    if error is None:
        row.last_success_at = now
        row.state = "ok"
        row.paused_until = None
        return
    row.last_error = _error_line(error)
    row.last_error_at = now
    if isinstance(error, QuotaExceeded):
        row.state = "quota_paused"
        row.paused_until = error.resume_at or next_reset(now, timezone)
    elif isinstance(error, ReconnectRequired):
        row.state = "reconnect_required"
    elif isinstance(error, RateLimited):
        row.state = "rate_limited"
        row.paused_until = now + timedelta(seconds=error.retry_after or 60)
    else:
        row.state = "error"


def triage_new(app: App, *, limit: int | None = None, stored: Sequence[tuple[int, InboundItem]] = (),
               progress: Progress | None = None, verdicts: Mapping[_VerdictKey, Triage] | None = None) -> int:
    """Triage every stored item that has no verdict yet, in batches; returns how many were done.

    `stored` are items the caller has just inserted (triaged first, without reading them back;
    `verdicts` may hold the classifier's verdicts on some of them already);
    `progress(done, total)` is told after each batch (total: at least the stored items).
    Each batch is classified together and stored in a few set-based statements in one
    transaction. Crisis alerts go out once the first batch that found one commits, then at most
    every ALERT_EVERY_SECONDS and at the end, so a long backfill neither holds an alert back nor
    floods the channel."""
    done = 0
    last_alert: float | None = None
    crisis_waiting = False
    queue = list(stored)
    while limit is None or done < limit:
        if queue:
            pending, queue = queue[:TRIAGE_BATCH], queue[TRIAGE_BATCH:]
        else:
            with app.reads() as session:
                pending = storage.items_needing_triage(session, TRIAGE_BATCH)
        if not pending:
            break
        crisis_waiting |= _triage_batch(app, pending, verdicts or {})
        done += len(pending)
        if progress is not None:
            progress(done, max(done + len(queue), len(stored)))
        if crisis_waiting and (last_alert is None or time.monotonic() - last_alert >= ALERT_EVERY_SECONDS):
            _alert(app)  # outside any transaction; failures are recorded
            last_alert, crisis_waiting = time.monotonic(), False
    if crisis_waiting:
        _alert(app)
    return done


def _alert(app: App) -> None:
    from bot import alerts  # e-mail and HTTP clients: imported once there is a crisis to tell

    alerts.alert_new_crisis(app)


def _classify(app: App, items: Sequence[InboundItem]) -> list[Triage]:
    return app.triager().triage_many(
        [item.text for item in items],
        kinds=[item.kind for item in items],
        platforms=[item.platform for item in items],
        authors=[item.author for item in items],
    )


def _triage_batch(
    app: App, pending: Sequence[tuple[int, InboundItem]], known: Mapping[_VerdictKey, Triage]
) -> bool:
    """Classify (unless `known` has the verdict), store verdicts for one batch; True when it found a
    crisis."""
    found: list[Triage | None] = [known.get(_verdict_key(item)) for _, item in pending]
    missing = [item for (_, item), verdict in zip(pending, found, strict=True) if verdict is None]
    fresh_verdicts = iter(_classify(app, missing) if missing else [])
    verdicts = [verdict if verdict is not None else next(fresh_verdicts) for verdict in found]
    with app.sessions.begin() as session:
        ids = [item_id for item_id, _ in pending]
        # Re-read under the write lock: another triage run may have done these already, and a
        # reviewer may have decided on one while the model ran; that decision must stand.
        status_now = dict(
            session.execute(select(Item.id, Item.status).where(Item.id.in_(ids)).with_for_update()).all()
        )
        done_elsewhere = set(session.scalars(select(TriageResult.item_id).where(
            TriageResult.item_id.in_(ids), TriageResult.source == "model")))
        fresh = [
            (item_id, verdict)
            for item_id, verdict in zip(ids, verdicts, strict=True)
            if item_id not in done_elsewhere and item_id in status_now
        ]
        storage.record_triage_many(session, fresh)
        # Replies are rendered when someone opens the item (`storage.offered_suggestions`).
        undecided = [item_id for item_id, _ in fresh if status_now[item_id] == "new"]
        if undecided:
            session.execute(update(Item).where(Item.id.in_(undecided)).values(status="suggested"))
        audit.record_many(session, "triage", "triage", [
            (item_id, {"category": verdict.category, "labels": list(verdict.labels),
                       "model_version": verdict.model_version})
            for item_id, verdict in fresh
        ])
    return any(verdict.category == "crisis" for _, verdict in fresh)
