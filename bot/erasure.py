"""Erasure and retention: remove a comment's text, its author's handle and every copy modbot holds.

What one erasure does to an item, in one transaction:
- the item row keeps its ids, platform, account, category, status history and timestamps (so counts,
  the outbox's bookkeeping and the unique `(platform, external_id)` that stops a re-import stay);
  its text becomes `ERASED_TEXT` and its author, author id, permalink and thread title are cleared;
- suggestions are deleted, triage reasons (which quote the text) emptied, reviewer corrections
  (training examples made of the text) deleted;
- decisions lose their reply text, note and override reason; every reply row loses its text. A reply
  not posted yet is cancelled (`failed`), never sent: the practice approves a new one if it still
  wants to answer. A reply whose outcome was unclear (`unknown`) is cancelled too and reported,
  because it may already be on the platform. A reply being sent at this moment refuses the erasure
  (try again in a minute). Moderation actions (no text) are left to run;
- an item still waiting for review (or approved) becomes `dismissed`: there is nothing left to review;
- audit events that carry text or the handle are redacted through `audit.redact` (the one allowed
  change to audit rows), and an `erase` event per item records what was done, so `modbot audit
  verify` still passes.

Then the old bytes are removed from the database files: on SQLite the erasing connection runs with
`secure_delete`, the file is rebuilt (VACUUM) and the WAL checkpointed and truncated; on PostgreSQL the
affected tables are rewritten (VACUUM FULL) so no dead tuple keeps the text in the heap files.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, event, func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit, db, exports
from bot.app import App
from bot.errors import InvalidTransition, NotFound
from bot.models import AuditEvent, Decision, Item, OutboxRow, SuggestionRow, TriageResult, utcnow

logger = logging.getLogger(__name__)

ERASED_TEXT = "[erased]"
ERASE_ACTION = "erase"
REPLY_ACTIONS = ("reply", "publish_reply")  # outbox rows that carry text (bot.outbox)
# States in which a person may still act on the item: erasure closes them.
_OPEN = ("new", "suggested", "escalated", "failed", "unknown", "approved")
# Audit data keys that hold free text (reply texts, notes, reasons) rather than ids and states;
# an `edit` event's before and after are reply texts too.
_TEXT_KEYS = ("text", "note", "override_reason")
_TEXT_ACTIONS = ("edit",)
_NEEDLE_MIN = 4  # shorter texts or handles would match ids and words by chance
# Tables whose rows erasure rewrites (PostgreSQL: rewritten by VACUUM FULL afterwards).
_TABLES = ("items", "triage_results", "suggestions", "decisions", "outbox", "audit_events")
BATCH = 500  # items per transaction when retention purges many


@dataclass
class ErasureResult:
    items: list[int] = field(default_factory=list)  # erased now
    already: list[int] = field(default_factory=list)  # asked for, but erased before
    busy: list[int] = field(default_factory=list)  # skipped: a reply was being sent (retention)
    cancelled: list[tuple[int, int]] = field(default_factory=list)  # (outbox id, item id), unsent
    unclear: list[tuple[int, int]] = field(default_factory=list)  # cancelled, may be on the platform
    redacted: int = 0  # audit events redacted
    exports: list[Path] = field(default_factory=list)  # export files modbot wrote, items removed
    export_problems: list[str] = field(default_factory=list)
    corrections: int = 0  # reviewer corrections deleted (a model trained on them keeps their words)
    compacted: bool = True  # the old bytes are gone from the database files (False: WAL busy)
    problem: str | None = None  # why `compacted` is False


# ---------------------------------------------------------------- finding items


def _handle_forms(handle: str) -> list[str]:
    """`@Name`, `Name` and the platforms' own forms (`u/Name`) all name the same person; handles
    compare case-insensitively."""
    import connectors
    from bot.config import PLATFORMS

    declared = {p for name in PLATFORMS for p in connectors.capabilities(name).handle_prefixes}
    prefixes = sorted({"@", *declared}, key=len, reverse=True)
    bare = handle.strip()
    for prefix in prefixes:
        if bare.lower().startswith(prefix):
            bare = bare[len(prefix):]
            break
    bare = bare.lower()
    return [prefix + bare for prefix in ("", *prefixes)] if bare else []


def find_items(session: Session, *, item_id: int | None = None, author: str | None = None,
               platform: str | None = None) -> list[int]:
    """The ids of the item, or of every item by `author` (handle or platform user id, on
    `platform` if given); NotFound when there is none."""
    if item_id is not None:
        if session.get(Item, item_id) is None:
            raise NotFound(f"no item with id {item_id}")
        return [item_id]
    forms = _handle_forms(author or "")
    if not forms:
        raise NotFound("no author given")
    query = select(Item.id).where(or_(func.lower(Item.author).in_(forms),
                                      func.lower(Item.author_id).in_(forms)))
    if platform:
        query = query.where(Item.platform == platform)
    ids = list(session.scalars(query.order_by(Item.id)))
    if not ids:
        where = f" on {platform}" if platform else ""
        raise NotFound(f"no items by author {author!r}{where} (already erased, or never fetched)")
    return ids


def expired_items(session: Session, days: int, now: datetime | None = None) -> list[int]:
    """Items fetched more than `days` days ago whose text is still held."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    return list(session.scalars(select(Item.id).where(Item.fetched_at < cutoff, Item.text != ERASED_TEXT)
                                .order_by(Item.id)))


# ---------------------------------------------------------------- erasing


@contextmanager
def _erasing_engine(app: App) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """A separate engine whose SQLite connections overwrite freed space with zeros
    (`secure_delete`), with write sessions that carry the audit key like the app's."""
    engine = db.make_engine(app.engine.url.render_as_string(hide_password=False))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _secure_delete)
    try:
        yield engine, audit.attach(db.session_factory(engine), audit.trail_of(app.sessions))
    finally:
        engine.dispose()


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def erase(app: App, item_ids: Sequence[int], *, actor: str, reason: str,
          skip_busy: bool = False) -> ErasureResult:
    """Erase these items (see the module docstring), then remove the old bytes from the files.

    A reply being sent right now refuses the whole erasure (InvalidTransition), or with
    `skip_busy` leaves that item for a later run (retention)."""
    result = ErasureResult()
    with _erasing_engine(app) as (engine, sessions):
        for start in range(0, len(item_ids), BATCH):
            with sessions.begin() as session:
                _erase_batch(session, list(item_ids[start:start + BATCH]), actor, reason, skip_busy, result)
        if result.items or result.already:  # erasing again finishes an interrupted clean-up
            result.compacted, result.problem = compact(engine)
    if result.items or result.already:
        result.exports, result.export_problems = exports.scrub(
            app.config.home, [*result.items, *result.already])
    logger.info("erased %d item(s), %d audit event(s) redacted", len(result.items), result.redacted)
    return result


def _erase_batch(session: Session, ids: list[int], actor: str, reason: str, skip_busy: bool,
                 result: ErasureResult) -> None:
    items = list(session.scalars(select(Item).where(Item.id.in_(ids)).order_by(Item.id)))
    sending = set(session.scalars(select(OutboxRow.item_id).where(
        OutboxRow.item_id.in_(ids), OutboxRow.status == "posting", OutboxRow.action.in_(REPLY_ACTIONS))))
    if sending and not skip_busy:
        listed = ", ".join(str(i) for i in sorted(sending))
        raise InvalidTransition(f"a reply to item {listed} is being posted right now: nothing was erased; "
                                "run the erase again in a minute")
    result.busy += sorted(sending)
    redact: list[int] = []
    for item in items:
        if item.id in sending:
            continue
        if item.text == ERASED_TEXT and item.author is None and item.author_id is None:
            result.already.append(item.id)
            continue
        needles = [value.lower() for value in (item.text, item.author, item.author_id) if value]
        redact += _events_to_redact(session, item.id, needles)
        done = _erase_item(session, item, result)
        audit.record(session, actor, ERASE_ACTION, item_id=item.id, data={"reason": reason, **done})
        result.items.append(item.id)
    if redact:
        audit.redact(session, actor, sorted(set(redact)), reason=reason)
        result.redacted += len(set(redact))


def _erase_item(session: Session, item: Item, result: ErasureResult) -> dict[str, Any]:
    item.text = ERASED_TEXT
    item.author = item.author_id = item.permalink = item.context_title = None
    session.execute(delete(SuggestionRow).where(SuggestionRow.item_id == item.id))
    corrections = session.execute(delete(TriageResult).where(
        TriageResult.item_id == item.id, TriageResult.source == "reviewer"))
    result.corrections += corrections.rowcount  # type: ignore[attr-defined]
    for verdict in session.scalars(select(TriageResult).where(TriageResult.item_id == item.id)):
        verdict.reasons = []
    for decision in session.scalars(select(Decision).where(Decision.item_id == item.id)):
        decision.text = decision.note = decision.override_reason = None
    cancelled: list[int] = []
    for row in session.scalars(select(OutboxRow).where(OutboxRow.item_id == item.id,
                                                       OutboxRow.action.in_(REPLY_ACTIONS))):
        row.text = None
        if row.status in ("pending", "unknown"):
            unclear = row.status == "unknown"
            row.status = "failed"
            row.claimed_by = None
            row.last_error = ("cancelled: the item was erased before this reply was posted"
                              + ("; it may already be on the platform: check there" if unclear else ""))
            cancelled.append(row.id)
            (result.unclear if unclear else result.cancelled).append((row.id, item.id))
    before = item.status
    if before in _OPEN:
        item.status = "dismissed"
    return {"from": before, "to": item.status, "outbox_cancelled": cancelled}


def _events_to_redact(session: Session, item_id: int, needles: Iterable[str]) -> list[int]:
    """The item's audit events whose data holds free text, or mentions the text or the handle."""
    needles = [needle for needle in needles if len(needle) >= _NEEDLE_MIN]
    found: list[int] = []
    query = select(AuditEvent.id, AuditEvent.action, AuditEvent.data).where(AuditEvent.item_id == item_id)
    for row in session.execute(query):
        event_id, action, data = row.id, row.action, row.data
        if not isinstance(data, dict) or not data or audit.is_redacted(data):
            continue
        free_text = any(isinstance(data.get(key), str) and data[key] for key in _TEXT_KEYS)
        flat = json.dumps(data, ensure_ascii=False).lower()
        if action in _TEXT_ACTIONS or free_text or any(needle in flat for needle in needles):
            found.append(event_id)
    return found


# ---------------------------------------------------------------- removing the old bytes


def compact(engine: Engine) -> tuple[bool, str | None]:
    """Make the erased bytes unreachable in the database files: (done, what is left if not)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # autocommit: VACUUM cannot run inside a transaction
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.execute("VACUUM")  # rebuilt from live rows only: no free page keeps old text
            busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        finally:
            raw.close()
        if busy:
            return False, ("the WAL file could not be emptied (another modbot process kept reading "
                           "for 30 s); its old pages are overwritten as the database is used")
        return True, None
    if engine.dialect.name == "postgresql":
        skipped: list[str] = []  # VACUUM only warns about a table it may not touch
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.connection.driver_connection.add_notice_handler(  # type: ignore[union-attr]
                lambda notice: skipped.append(notice.message_primary or "")
                if (notice.message_primary or "").startswith("skipping") else None)
            # FULL rewrites each table from its live rows, so no dead tuple keeps the text in the
            # heap; ANALYZE replaces the column statistics (pg_statistic keeps sample values,
            # handles among them), and the old statistics rows go with pg_statistic's own rewrite.
            for table in _TABLES:
                connection.exec_driver_sql(f"VACUUM (FULL, ANALYZE) {table}")
            connection.exec_driver_sql("VACUUM FULL pg_statistic")
            if skipped:
                return False, (f"PostgreSQL refused part of the clean-up ({skipped[0]}): "
                               "the database owner must run it")
            return _clear_wal(connection)
    return False, f"no compaction for {engine.dialect.name}"  # pragma: no cover


def _clear_wal(connection: Any) -> tuple[bool, str | None]:
    """Move the server past the WAL segments that still hold the erased rows: a new segment and
    a checkpoint, twice, leave them unneeded, and the server deletes them, unless it recycles
    them (`wal_recycle = on`, the default), which keeps their old bytes until overwritten."""
    try:
        for _ in range(2):
            connection.exec_driver_sql("SELECT pg_switch_wal()")
            connection.exec_driver_sql("CHECKPOINT")
    except DBAPIError:
        return False, ("PostgreSQL's WAL may still hold the erased text: modbot's database role may "
                       "not switch the WAL and checkpoint; a superuser must run `SELECT pg_switch_wal(); "
                       "CHECKPOINT;` twice (or grant pg_checkpoint and EXECUTE on pg_switch_wal)")
    if connection.exec_driver_sql("SHOW wal_recycle").scalar_one() != "off":
        return False, ("PostgreSQL keeps old WAL segments for reuse (wal_recycle = on), so their bytes "
                       "may still hold the erased text until overwritten: set wal_recycle = off on "
                       "the server, then erase again")
    return True, None




# ---------------------------------------------------------------- retention


def purge_expired(app: App, now: datetime | None = None) -> ErasureResult | None:
    """Erase every item fetched more than `[retention] comment_text_days` ago; None when off.
    The scheduler runs this daily; `modbot erase --expired` runs it once."""
    days = app.config.retention.comment_text_days
    if not days:
        return None
    with app.reads() as session:
        ids = expired_items(session, days, now)
    result = erase(app, ids, actor="retention", reason=f"retention: fetched more than {days} days ago",
                   skip_busy=True)
    if not result.compacted:
        logger.warning("retention: %s", result.problem)
    return result
