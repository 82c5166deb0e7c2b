"""The schema comes only from the migrations, and they produce exactly the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from bot import db
from bot.models import Base


def test_fresh_database_at_head_matches_the_models(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    engine.dispose()


def test_the_schema_check_reads_what_alembic_reads(database_url: str) -> None:
    # `require_current` runs on every command without importing alembic: its head and current
    # revision must be alembic's own.
    assert db.head_revision() == ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_current_head()
    engine = db.make_engine(database_url)
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    with engine.connect() as connection:
        assert db.current_revision(engine) == MigrationContext.configure(connection).get_current_revision()
    engine.dispose()


def test_upgrade_twice_is_harmless(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    db.upgrade(engine)
    assert "items" in inspect(engine).get_table_names()
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
    engine.dispose()


def test_suggestions_stored_for_open_items_give_way_to_rendered_ones(database_url: str) -> None:
    # Earlier versions stored replies at ingest; 0004 drops those of items awaiting a decision (so
    # today's resources are rendered when someone opens them) and keeps the decided ones.
    from alembic import command
    from sqlalchemy import insert, select

    from bot.models import Account, Item, SuggestionRow

    engine = db.make_engine(database_url)
    config = db.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as connection:
        connection.execute(insert(Account.__table__), {"id": 1, "name": "a", "platform": "file"})
        for item_id, status in ((1, "suggested"), (2, "posted")):
            connection.execute(insert(Item.__table__), {
                "id": item_id, "account_id": 1, "platform": "file", "kind": "comment",
                "external_id": f"e{item_id}", "text": "hi", "status": status})
            connection.execute(insert(SuggestionRow.__table__), {
                "item_id": item_id, "template": "old", "text": "yesterday's resources"})
    db.upgrade(engine)
    with engine.connect() as connection:
        kept = connection.execute(select(SuggestionRow.item_id)).scalars().all()
    assert kept == [2]
    engine.dispose()
