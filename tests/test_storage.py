"""Storage on both backends: idempotent inserts, cursors and quota committed together."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from bot import audit, db, storage
from bot.config import AccountConfig
from bot.domain import InboundItem
from bot.models import AuditEvent
from bot.secrets import SecretStore

ACCOUNT = AccountConfig(name="main", platform="file", path="x.jsonl")


def item(external_id: str, text: str = "hello", **fields) -> InboundItem:
    return InboundItem(
        platform="youtube", account="main", kind="comment", external_id=external_id, text=text, **fields
    )


def test_items_are_stored_once_per_platform_and_external_id(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    published = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    with sessions.begin() as session:
        account = storage.ensure_account(session, ACCOUNT)
        first = storage.insert_items(
            session,
            account.id,
            [
                item(
                    "a",
                    "Emoji 🌧️ and <b>html</b>",
                    author="Ann",
                    published_at=published,
                    context_title="Video",
                    permalink="https://example.invalid/a",
                ),
                item("b"),
            ],
        )
        storage.save_cursors(session, account.id, {"threads": "cursor-1"})
        storage.add_quota(session, account.id, date(2026, 1, 2), 3)
    assert len(first) == 2
    with sessions.begin() as session:
        again = storage.insert_items(session, account.id, [item("a"), item("b"), item("c", "nul\x00byte")])
        storage.save_cursors(session, account.id, {"threads": "cursor-2", "held": "h"})
        storage.add_quota(session, account.id, date(2026, 1, 2), 2)
    assert len(again) == 1
    with sessions() as session:
        records = storage.queue(session, status="all")
        assert [r.external_id for r in records] == ["a", "b", "c"]
        assert records[2].text == "nul\ufffdbyte"
        stored = storage.item_record(session, first[0])
        assert stored.text == "Emoji 🌧️ and <b>html</b>"
        assert stored.published_at == published.isoformat()
        assert storage.cursors(session, account.id) == {"threads": "cursor-2", "held": "h"}
        assert storage.quota_used(session, account.id, date(2026, 1, 2)) == 5
    engine.dispose()


def test_audit_chain_holds_and_detects_a_changed_row(database_url: str, tmp_path: Path) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    trail = audit.Trail(SecretStore(tmp_path / "secrets"), tmp_path / audit.CHECKPOINT_FILE)
    sessions = audit.attach(db.session_factory(engine), trail)
    with sessions.begin() as session:
        for n in range(3):
            audit.record(session, "tester", "note", data={"n": n})
    with sessions() as session:
        assert audit.verify(session).ok
        ids = list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    # The database itself refuses UPDATE and DELETE of audit rows (migration 0003), on both backends.
    for statement in (f"UPDATE audit_events SET actor = 'mallory' WHERE id = {ids[1]}",
                      f"DELETE FROM audit_events WHERE id = {ids[2]}", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.exec_driver_sql(statement)
    if engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.exec_driver_sql("TRUNCATE audit_events")
    # Someone who owns the database can switch that off, but not forge the keyed chain.
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ALTER TABLE audit_events DISABLE TRIGGER USER")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        connection.exec_driver_sql(f"UPDATE audit_events SET actor = 'mallory' WHERE id = {ids[1]}")
    with sessions() as session:
        result = audit.verify(session)
    assert not result.ok and result.broken_id == ids[1]
    engine.dispose()


def test_audit_redaction_is_allowed_on_both_backends(database_url: str, tmp_path: Path) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    trail = audit.Trail(SecretStore(tmp_path / "secrets"), tmp_path / audit.CHECKPOINT_FILE)
    sessions = audit.attach(db.session_factory(engine), trail)
    with sessions.begin() as session:
        first = audit.record(session, "tester", "approve", data={"text": "Thanks @sam!"})
        audit.record(session, "tester", "note", data={"n": 1})
    with sessions.begin() as session:
        assert audit.redact(session, "owner", [first.id], reason="erasure") is not None
    with sessions() as session:
        assert audit.verify(session).ok
        row = session.get(AuditEvent, first.id)
        assert row is not None and row.data["redacted"] is True and "text" not in row.data
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE audit_events SET data = '{{\"n\": 2}}' WHERE id = {first.id}")
    engine.dispose()


def test_a_bulk_insert_reads_back_as_written_and_refuses_to_skip_a_default(database_url: str) -> None:
    from bot.models import Item, TriageResult

    engine = db.make_engine(database_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    at = datetime(2026, 3, 4, 5, 6, 7, 890_000, tzinfo=UTC)
    with sessions.begin() as session:
        account = storage.ensure_account(session, ACCOUNT)
        [(item_id, _)] = storage.insert_new_items(session, account.id, [item("a")])
        row = {"item_id": item_id, "source": "model", "model_version": "m1", "category": "crisis",
               "labels": ["crisis", "advice"], "scores": {"crisis": 0.9}, "reasons": ["wish to be dead"],
               "created_by": None, "created_at": at}
        db.bulk_insert(session, TriageResult, [row])
        with pytest.raises(ValueError, match="needs values for source"):
            db.bulk_insert(session, TriageResult, [{k: v for k, v in row.items() if k != "source"}])
    with sessions() as session:
        stored = session.scalars(select(TriageResult)).one()
        assert (stored.labels, stored.scores, stored.reasons) == (["crisis", "advice"], {"crisis": 0.9},
                                                                  ["wish to be dead"])
        assert stored.created_at == at and stored.created_at.tzinfo is not None
        assert session.get(Item, item_id) is not None
    engine.dispose()
