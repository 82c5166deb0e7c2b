"""Reads and writes of items, triage, suggestions and polling state.

The one module that turns ORM rows into the plain records the CLI, web and exports show. Every
function takes the caller's session, so the caller decides the transaction boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot import db
from bot.config import AccountConfig
from bot.domain import InboundItem, Suggestion, Triage, category_priority
from bot.errors import NotFound
from bot.models import (
    Account,
    Decision,
    Item,
    OutboxRow,
    PollCursor,
    QuotaUsage,
    SuggestionRow,
    TriageResult,
    User,
    utcnow,
)

# ---------------------------------------------------------------- accounts and polling state


def ensure_account(session: Session, config: AccountConfig) -> Account:
    account = session.scalar(select(Account).where(Account.name == config.name))
    if account is None:
        account = Account(name=config.name, platform=config.platform, notices=[])
        session.add(account)
        session.flush()
    return account


def get_account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise NotFound(f"no account named {name!r} in the database")
    return account


def cursors(session: Session, account_id: int) -> dict[str, str]:
    rows = session.scalars(select(PollCursor).where(PollCursor.account_id == account_id))
    return {row.source: row.value for row in rows}


def save_cursors(session: Session, account_id: int, values: Mapping[str, str]) -> None:
    existing = {
        row.source: row
        for row in session.scalars(select(PollCursor).where(PollCursor.account_id == account_id))
    }
    for source, value in values.items():
        if source in existing:
            existing[source].value = value
        else:
            session.add(PollCursor(account_id=account_id, source=source, value=value))


def quota_used(session: Session, account_id: int, day: date) -> int:
    row = session.get(QuotaUsage, (account_id, day))
    return row.units if row else 0


def add_quota(session: Session, account_id: int, day: date, units: int) -> None:
    if units <= 0:
        return
    row = session.get(QuotaUsage, (account_id, day))
    if row is None:
        session.add(QuotaUsage(account_id=account_id, day=day, units=units))
    else:
        row.units += units


# ---------------------------------------------------------------- items


def insert_items(session: Session, account_id: int, items: Iterable[InboundItem]) -> list[int]:
    """Store items not seen before (unique on platform + external id); return the new ids."""
    return [item_id for item_id, _ in insert_new_items(session, account_id, items)]


def insert_new_items(
    session: Session, account_id: int, items: Iterable[InboundItem]
) -> list[tuple[int, InboundItem]]:
    """`insert_items`, returning each new row's id with its item (in id order), so the caller
    can triage what it stored without reading it back."""
    by_external: dict[str, InboundItem] = {}
    for item in items:
        by_external.setdefault(_clean(item.external_id), item)
    now = utcnow()
    rows = [_item_values(account_id, item, now) for item in by_external.values()]
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        stored = _insert_new_items_postgresql(session, rows)
    else:
        statement = (
            sqlite_insert(Item)
            .on_conflict_do_nothing(index_elements=["platform", "external_id"])
            .returning(Item.id, Item.external_id)
        )
        # One cached statement executed over all rows: SQLAlchemy batches it as multi-row VALUES.
        stored = [(row.id, row.external_id) for row in session.connection().execute(statement, rows)]
    return sorted((item_id, by_external[external_id]) for item_id, external_id in stored)


def _insert_new_items_postgresql(session: Session, rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """COPY the rows into a temporary table, then one INSERT ... SELECT skips those already
    stored: a thousandfold multi-row VALUES statement costs the driver more to prepare than the
    server to run."""
    names = list(rows[0])
    columns = ", ".join(f'"{name}"' for name in names)
    session.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS incoming_items ON COMMIT DROP AS "
                         f"SELECT {columns}, 0 AS n FROM items WITH NO DATA"))
    db.bulk_insert(session, Item, [{**row, "n": n} for n, row in enumerate(rows)], into="incoming_items")
    stored = session.execute(text(
        f"INSERT INTO items ({columns}) SELECT {columns} FROM incoming_items ORDER BY n "
        "ON CONFLICT (platform, external_id) DO NOTHING RETURNING id, external_id"))
    found = [(row.id, row.external_id) for row in stored]
    session.execute(text("TRUNCATE incoming_items"))
    return found


def _clean(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; one in a comment must not sink the whole batch."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _item_values(account_id: int, item: InboundItem, fetched_at: datetime) -> dict[str, Any]:
    values = {
        "account_id": account_id,
        "platform": item.platform,
        "kind": item.kind,
        "external_id": item.external_id,
        "parent_id": item.parent_id,
        "thread_id": item.thread_id,
        "context_id": item.context_id,
        "context_title": item.context_title,
        "permalink": item.permalink,
        "author": item.author,
        "author_id": item.author_id,
        "text": item.text,
        "moderation_status": item.moderation_status,
        "published_at": item.published_at,
        "fetched_at": fetched_at,
        "status": "new",
        "labels": [],
        "priority": 9,
    }
    for key, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            values[key] = _clean(value)
    return values


def to_inbound(row: Any, account_name: str) -> InboundItem:
    """An item as a connector sees it, from an ORM row or a plain result row."""
    return InboundItem(
        platform=row.platform,
        account=account_name,
        kind=row.kind,
        external_id=row.external_id,
        text=row.text,
        author=row.author,
        author_id=row.author_id,
        published_at=row.published_at,
        parent_id=row.parent_id,
        thread_id=row.thread_id,
        context_id=row.context_id,
        context_title=row.context_title,
        permalink=row.permalink,
        moderation_status=row.moderation_status,
    )


def items_needing_triage(session: Session, limit: int = 1000) -> list[tuple[int, InboundItem]]:
    query = (
        select(*Item.__table__.columns, Account.name.label("account_name"))
        .join(Account, Account.id == Item.account_id)
        .where(Item.status == "new")
        .order_by(Item.id)
        .limit(limit)
    )
    return [(row.id, to_inbound(row, row.account_name)) for row in session.execute(query)]


def record_triage(
    session: Session, item_id: int, triage: Triage, *, source: str = "model", user_id: int | None = None
) -> None:
    """Store a verdict and copy its category to the item for the queue."""
    session.add(
        TriageResult(
            item_id=item_id,
            source=source,
            model_version=triage.model_version,
            category=triage.category,
            labels=list(triage.labels),
            scores=dict(triage.scores),
            reasons=list(triage.reasons),
            created_by=user_id,
        )
    )
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"no item {item_id}")
    item.category = triage.category
    item.labels = list(triage.labels)
    item.priority = category_priority(triage.category)


def record_triage_many(session: Session, verdicts: Sequence[tuple[int, Triage]]) -> None:
    """`record_triage` for a batch: set-based statements on the tables themselves (a backfill
    stores thousands, and the ORM's per-object bookkeeping would cost more than the SQL)."""
    if not verdicts:
        return
    now = utcnow()
    connection = session.connection()
    db.bulk_insert(session, TriageResult, [
        {"item_id": item_id, "source": "model", "model_version": t.model_version, "category": t.category,
         "labels": list(t.labels), "scores": dict(t.scores), "reasons": list(t.reasons),
         "created_by": None, "created_at": now}
        for item_id, t in verdicts
    ])
    # One UPDATE per distinct verdict (a handful), not one per item: cheap on SQLite and
    # PostgreSQL alike.
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for item_id, t in verdicts:
        groups.setdefault((t.category, tuple(t.labels)), []).append(item_id)
    for (category, labels), ids in groups.items():
        connection.execute(update(Item).where(Item.id.in_(ids)).values(
            category=category, labels=list(labels), priority=category_priority(category)))


# Suggested replies are rendered when someone looks at an item, not at ingest: a backfill then
# spends nothing on replies nobody reads, and a reviewer sees the practice's current resources.
# Rendering is cached per template, practice and region: a first view costs a few milliseconds.
Suggest = Callable[[InboundItem, str], Sequence[tuple[Suggestion, Mapping[str, Any]]]]


def offered_suggestions(
    session: Session, row: Item, account_name: str, suggest: Suggest | None
) -> list[dict[str, Any]]:
    """The replies offered for an item: stored ones (pinned by `record_suggestions`, or kept from
    versions that stored them at ingest), else `suggest`'s for a triaged item still awaiting a
    decision; [] otherwise."""
    stored = [
        {"template": s.template, "text": s.text, "guard": s.guard}
        for s in session.scalars(
            select(SuggestionRow).where(SuggestionRow.item_id == row.id).order_by(SuggestionRow.id)
        )
    ]
    if stored or suggest is None or row.category is None or row.status not in OPEN_STATUSES:
        return stored
    return [
        {"template": s.template, "text": s.text, "guard": dict(verdict)}
        for s, verdict in suggest(to_inbound(row, account_name), row.category)
    ]


def record_suggestions(
    session: Session,
    item_id: int,
    suggestions: Sequence[Suggestion],
    verdicts: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Pin the replies offered for one item, in place of the rendered ones."""
    verdicts = verdicts or [{} for _ in suggestions]
    now = utcnow()
    rows = [
        {"item_id": item_id, "template": s.template, "text": s.text, "guard": dict(v), "created_at": now}
        for s, v in zip(suggestions, verdicts, strict=True)
    ]
    db.bulk_insert(session, SuggestionRow, rows)


# ---------------------------------------------------------------- read models


@dataclass
class ItemRecord:
    """An item as people see it: the shape of `queue --json`, `show --json` and exports."""

    id: int
    platform: str
    account: str
    kind: str
    author: str | None
    text: str
    category: str | None
    labels: list[str]
    status: str
    external_id: str
    permalink: str | None
    context_title: str | None
    parent_id: str | None
    thread_id: str | None
    moderation_status: str | None
    published_at: str | None
    fetched_at: str
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    model_version: str | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The queue's fields (no reasons, suggestions or history)."""
        keys = (
            "id",
            "platform",
            "account",
            "kind",
            "author",
            "text",
            "category",
            "labels",
            "status",
            "external_id",
            "permalink",
            "context_title",
            "moderation_status",
            "published_at",
            "fetched_at",
        )
        data = asdict(self)
        return {key: data[key] for key in keys}

    def detail(self) -> dict[str, Any]:
        return asdict(self)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _record(row: Item, account_name: str) -> ItemRecord:
    return ItemRecord(
        id=row.id,
        platform=row.platform,
        account=account_name,
        kind=row.kind,
        author=row.author,
        text=row.text,
        category=row.category,
        labels=list(row.labels or []),
        status=row.status,
        external_id=row.external_id,
        permalink=row.permalink,
        context_title=row.context_title,
        parent_id=row.parent_id,
        thread_id=row.thread_id,
        moderation_status=row.moderation_status,
        published_at=_iso(row.published_at),
        fetched_at=_iso(row.fetched_at) or "",
    )


QUEUE_ORDER = (Item.priority, func.coalesce(Item.published_at, Item.fetched_at), Item.id)


def queue(
    session: Session,
    *,
    status: str | None = None,
    category: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[ItemRecord]:
    """Items crisis first, then oldest first. `status=None` means everything still open."""
    query = select(Item, Account.name).join(Account, Account.id == Item.account_id)
    if status == "all":
        pass
    elif status:
        query = query.where(Item.status == status)
    else:
        query = query.where(Item.status.in_(OPEN_STATUSES))
    if category:
        query = query.where(Item.category == category)
    query = query.order_by(*QUEUE_ORDER).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_record(row, name) for row, name in session.execute(query)]


OPEN_STATUSES = ("new", "suggested", "escalated", "failed", "unknown")
STATUSES = (
    "new",
    "suggested",
    "approved",
    "posting",
    "posted",
    "failed",
    "unknown",
    "rejected",
    "escalated",
    "dismissed",
)


def item_record(
    session: Session, item_id: int, *, history: bool = True, suggest: Suggest | None = None
) -> ItemRecord:
    """The item as people see it, with the replies `offered_suggestions` offers."""
    found = session.execute(
        select(Item, Account.name).join(Account, Account.id == Item.account_id).where(Item.id == item_id)
    ).first()
    if found is None:
        raise NotFound(f"no item with id {item_id}")
    row, name = found
    record = _record(row, name)
    latest = session.scalar(
        select(TriageResult).where(TriageResult.item_id == item_id).order_by(TriageResult.id.desc()).limit(1)
    )
    if latest is not None:
        record.reasons = list(latest.reasons)
        record.scores = dict(latest.scores)
        record.model_version = latest.model_version
    record.suggestions = offered_suggestions(session, row, name, suggest)
    if history:
        record.decisions = [
            {
                "action": d.action,
                "by": user,
                "at": _iso(d.created_at),
                "template": d.template,
                "text": d.text,
                "note": d.note,
                "override_reason": d.override_reason,
            }
            for d, user in session.execute(
                select(Decision, User.name)
                .join(User, User.id == Decision.user_id)
                .where(Decision.item_id == item_id)
                .order_by(Decision.id)
            )
        ]
        record.posts = [
            {
                "action": o.action,
                "status": o.status,
                "text": o.text,
                "platform_reply_id": o.platform_reply_id,
                "posted_at": _iso(o.posted_at),
            }
            for o in session.scalars(
                select(OutboxRow).where(OutboxRow.item_id == item_id).order_by(OutboxRow.id)
            )
        ]
    return record


def all_item_ids(session: Session) -> Iterator[int]:
    yield from session.scalars(select(Item.id).order_by(Item.id))


def count_by_category(session: Session, statuses: Sequence[str] = OPEN_STATUSES) -> dict[str, int]:
    query = select(Item.category, func.count()).where(Item.status.in_(statuses)).group_by(Item.category)
    return {category or "untriaged": count for category, count in session.execute(query)}
