"""audit_events is append-only: the database refuses UPDATE and DELETE on audit rows

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The one exception is the documented redaction path (`bot.audit.redact`, used by erasure): an
UPDATE may replace `data`, and nothing else, with a redaction stub of exactly two keys,
`{"redacted": true, "data_digest": "<hex>"}`, on a row that is not redacted yet. The stub keeps
the keyed commitment to the old data, so the chain still verifies; `audit verify` also requires a
later `redact` event naming the row. Every other UPDATE, and every DELETE (and TRUNCATE on
PostgreSQL), is refused.

Note for later migrations: a SQLite batch operation on `audit_events` rebuilds the table and
drops these triggers; such a migration must create them again (see `_create_sqlite`).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SAME_ROW_SQLITE = " OR ".join(
    f"NEW.{column} IS NOT OLD.{column}"
    for column in ("id", "at", "actor", "action", "item_id", "prev_hash", "hash")
)

_SQLITE = [
    """
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN
        SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
    END
    """,
    f"""
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    WHEN {_SAME_ROW_SQLITE}
        OR json_valid(NEW.data) IS NOT 1
        OR json_type(NEW.data) IS NOT 'object'
        OR json_extract(NEW.data, '$.redacted') IS NOT 1
        OR json_type(NEW.data, '$.redacted') IS NOT 'true'
        OR json_type(NEW.data, '$.data_digest') IS NOT 'text'
        OR (SELECT count(*) FROM json_each(NEW.data)) != 2
        OR (json_valid(OLD.data) AND json_type(OLD.data, '$.redacted') IS 'true')
    BEGIN
        SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused (only redaction of data)');
    END
    """,
]

_SAME_ROW_PG = " OR ".join(
    f"NEW.{column} IS DISTINCT FROM OLD.{column}"
    for column in ("id", "at", "actor", "action", "item_id", "prev_hash", "hash")
)

_POSTGRESQL = [
    f"""
    CREATE FUNCTION modbot_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
        END IF;
        IF {_SAME_ROW_PG}
            OR json_typeof(NEW.data) IS DISTINCT FROM 'object'
            OR json_typeof(NEW.data -> 'redacted') IS DISTINCT FROM 'boolean'
            OR (NEW.data ->> 'redacted') IS DISTINCT FROM 'true'
            OR json_typeof(NEW.data -> 'data_digest') IS DISTINCT FROM 'string'
            OR (SELECT count(*) FROM json_object_keys(NEW.data)) <> 2
            OR (json_typeof(OLD.data) = 'object' AND (OLD.data ->> 'redacted') = 'true')
        THEN
            RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (only redaction of data)';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION modbot_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION modbot_audit_append_only()
    """,
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _create_sqlite()
    elif dialect == "postgresql":
        for statement in _POSTGRESQL:
            op.execute(statement)


def _create_sqlite() -> None:
    for statement in _SQLITE:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS modbot_audit_append_only()")
