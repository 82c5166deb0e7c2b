"""The audit trail: hash-chained, verified by `modbot audit verify`, listed by `modbot audit list`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot import approval, audit, outbox
from bot.app import App, open_app
from bot.cli import cli
from bot.models import AuditEvent
from bot.secrets import SecretStore
from tests.test_approval_support import ASSISTANT, OWNER, add_item, workflow_app


@pytest.fixture
def app(home: Path) -> App:
    app = workflow_app(home)
    item_id = add_item(app)
    approval.open_item(app, item_id, ASSISTANT)
    approval.approve(app, item_id, ASSISTANT, text="Thanks so much for watching!")
    outbox.post_once(app)
    return app


def _verify(runner: Any, home: Path) -> Any:
    return runner.invoke(cli, ["--home", str(home), "audit", "verify"])


def _count(app: App) -> int:
    with app.sessions() as session:
        return len(list(session.scalars(select(AuditEvent.id))))


def _drop_triggers(app: App) -> None:
    """What someone with the database file (but not the key) can do first."""
    with app.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
        connection.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))


def _tamper(app: App, sql: str, **params: Any) -> None:
    _drop_triggers(app)
    with app.engine.begin() as connection:
        connection.execute(text(sql), params)


def test_verify_passes_on_an_untouched_log(app: App, home: Path, runner: Any) -> None:
    result = _verify(runner, home)
    assert result.exit_code == 0
    assert result.output.strip() == f"audit log intact: {_count(app)} events"


@pytest.mark.parametrize("column, value", [
    ("data", '{"text": "a different reply"}'),
    ("actor", "'olivia'"),
    ("action", "'reject'"),
    ("at", "'2020-01-01 00:00:00.000000'"),
])
def test_one_altered_row_breaks_the_chain_at_that_row(app: App, home: Path, runner: Any, column: str,
                                                       value: str) -> None:
    with app.sessions() as session:
        target = session.scalar(select(AuditEvent.id).where(AuditEvent.action == "approve"))
    if column == "data":
        _tamper(app, "UPDATE audit_events SET data = :v WHERE id = :id", v=value, id=target)
    else:
        _tamper(app, f"UPDATE audit_events SET {column} = {value} WHERE id = :id", id=target)
    result = _verify(runner, home)
    assert result.exit_code == 1
    assert result.output.startswith(f"audit log BROKEN at event #{target}: ")
    assert "changed" in result.output


def test_a_deleted_row_breaks_the_next_link(app: App, home: Path, runner: Any) -> None:
    with app.sessions() as session:
        ids = list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    _tamper(app, "DELETE FROM audit_events WHERE id = :id", id=ids[2])
    result = _verify(runner, home)
    assert result.exit_code == 1 and f"BROKEN at event #{ids[3]}: its link" in result.output


def test_list_shows_who_did_what(app: App, home: Path, runner: Any) -> None:
    result = runner.invoke(cli, ["--home", str(home), "audit", "list", "--item", "1", "--json"])
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.output.splitlines()]
    assert [e["action"] for e in events] == ["view", "approve", "edit", "post.attempt", "post.result"]
    approve = next(e for e in events if e["action"] == "approve")
    assert approve["actor"] == ASSISTANT and approve["data"]["text"] == "Thanks so much for watching!"
    edit = next(e for e in events if e["action"] == "edit")
    assert edit["data"]["before"] == "Thank you for watching!"
    assert events[-1]["data"]["status"] == "posted"
    plain = runner.invoke(cli, ["--home", str(home), "audit", "list"])
    assert plain.exit_code == 0 and f"{ASSISTANT} approve item 1" in plain.output


def test_the_log_never_holds_the_comment_text(home: Path) -> None:
    app = workflow_app(home)
    secret = "my private story about my diagnosis"
    item_id = add_item(app, secret)
    approval.open_item(app, item_id, ASSISTANT)
    approval.approve(app, item_id, ASSISTANT)
    outbox.post_once(app)
    with app.sessions() as session:
        dumped = json.dumps([audit.as_dict(e) for e in audit.events(session)])
    assert "private story" not in dumped


# -- keyed chain, signed checkpoints, append-only triggers (issue 11) --------------------------

def _busy(app: App, events: int = 150) -> None:
    """Enough events to delete a hundred of the newest (one transaction, one checkpoint)."""
    with app.sessions.begin() as session:
        for number in range(events):
            audit.record(session, "tester", "test.filler", data={"n": number})


def _rows(app: App) -> list[AuditEvent]:
    with app.sessions() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def _attacker(tmp_path: Path) -> audit.Trail:
    """Someone who can write the database but has no key: they sign with one of their own."""
    return audit.Trail(SecretStore(tmp_path / "attacker"), tmp_path / "attacker.log")


def _rechain(app: App, attacker: audit.Trail, start: int = 0) -> None:
    """Recompute prev_hash and hash of every row from position `start` on, as the attacker can."""
    rows = _rows(app)
    prev = rows[start - 1].hash if start else audit.GENESIS
    _drop_triggers(app)
    with app.engine.begin() as connection:
        for row in rows[start:]:
            new = attacker.event_hash(prev, row.at, row.actor, row.action, row.item_id, row.data)
            connection.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :id"),
                               {"p": prev, "h": new, "id": row.id})
            prev = new


def _broken(runner: Any, home: Path, *phrases: str) -> str:
    result = _verify(runner, home)
    line = result.output.strip()
    assert result.exit_code == 1, line
    assert len(line.splitlines()) == 1 and line.startswith("audit log BROKEN"), line
    for phrase in phrases:
        assert phrase in line, line
    return line


def test_the_key_lives_in_secrets_not_in_the_database(app: App, home: Path) -> None:
    key_file = home / "secrets" / "audit.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_bytes()
    assert len(key) == 32
    database = (home / "modbot.db").read_bytes() + (home / "modbot.db-wal").read_bytes()
    assert key not in database and key.hex().encode() not in database
    log = home / audit.CHECKPOINT_FILE
    assert log.stat().st_mode & 0o777 == 0o600
    newest = json.loads(log.read_text().splitlines()[-1])
    assert newest["count"] == _count(app) and newest["head"] == _rows(app)[-1].hash


def test_every_committing_command_appends_a_checkpoint(app: App, home: Path, runner: Any) -> None:
    log = home / audit.CHECKPOINT_FILE
    before = len(log.read_text().splitlines())
    item_id = add_item(app)
    result = runner.invoke(cli, ["--home", str(home), "approve", str(item_id), "--as", ASSISTANT])
    assert result.exit_code == 0, result.output
    lines = log.read_text().splitlines()
    assert len(lines) == before + 1
    assert json.loads(lines[-1])["count"] == _count(app)
    with app.sessions.begin() as session:  # a transaction without events signs nothing
        session.execute(text("SELECT 1"))
    assert len(log.read_text().splitlines()) == before + 1


@pytest.mark.parametrize("deleted", [1, 100, "all"])
def test_deleting_the_newest_rows_is_caught(app: App, home: Path, runner: Any, deleted: Any) -> None:
    _busy(app)
    total = _count(app)
    keep = 0 if deleted == "all" else total - deleted
    ids = [row.id for row in _rows(app)]
    _tamper(app, "DELETE FROM audit_events WHERE id > :id", id=ids[keep - 1] if keep else 0)
    missing = total - keep
    _broken(runner, home, f"holds {keep} events", f"counts {total}", f"the newest {missing} were deleted")


def test_changing_the_last_row_and_recomputing_its_hash_is_caught(app: App, home: Path, runner: Any,
                                                                  tmp_path: Path) -> None:
    last = _rows(app)[-1]
    _tamper(app, "UPDATE audit_events SET actor = 'someone-else' WHERE id = :id", id=last.id)
    _rechain(app, _attacker(tmp_path), start=len(_rows(app)) - 1)
    _broken(runner, home, f"at event #{last.id}", "changed")


@pytest.mark.parametrize("scheme", ["attacker key", "plain sha256"])
def test_editing_a_middle_row_and_recomputing_the_chain_is_caught(app: App, home: Path, runner: Any,
                                                                  tmp_path: Path, scheme: str) -> None:
    _busy(app, 10)
    rows = _rows(app)
    middle = rows[len(rows) // 2]
    _tamper(app, "UPDATE audit_events SET data = :d WHERE id = :id", d='{"n": 999}', id=middle.id)
    if scheme == "attacker key":
        _rechain(app, _attacker(tmp_path), start=len(rows) // 2)
    else:  # the pre-key format: accepted only before the first keyed event
        prev = rows[len(rows) // 2 - 1].hash
        tail = _rows(app)[len(rows) // 2:]
        with app.engine.begin() as connection:
            for row in tail:
                new = audit._legacy_digest(prev, row.at, row.actor, row.action, row.item_id, row.data)
                connection.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :id"),
                                   {"p": prev, "h": new, "id": row.id})
                prev = new
    _broken(runner, home, f"at event #{middle.id}", "changed")


def test_deleting_a_middle_row_and_recomputing_the_chain_is_caught(app: App, home: Path, runner: Any,
                                                                   tmp_path: Path) -> None:
    rows = _rows(app)
    middle = len(rows) // 2
    _tamper(app, "DELETE FROM audit_events WHERE id = :id", id=rows[middle].id)
    _rechain(app, _attacker(tmp_path), start=middle)
    _broken(runner, home, f"at event #{rows[middle + 1].id}", "changed")


def test_rewriting_the_whole_chain_without_the_key_is_caught(app: App, home: Path, runner: Any) -> None:
    """Even in the accepted pre-key format, a rewritten chain no longer meets the checkpoints."""
    _tamper(app, "UPDATE audit_events SET actor = 'someone-else' WHERE action = 'approve'")
    prev = audit.GENESIS
    rows = _rows(app)
    with app.engine.begin() as connection:
        for row in rows:
            new = audit._legacy_digest(prev, row.at, row.actor, row.action, row.item_id, row.data)
            connection.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :id"),
                               {"p": prev, "h": new, "id": row.id})
            prev = new
    _broken(runner, home, "differs from the signed checkpoint", "rewritten")


def test_a_forged_appended_event_is_caught(app: App, home: Path, runner: Any, tmp_path: Path) -> None:
    last = _rows(app)[-1]
    forged_at = last.at
    forged = _attacker(tmp_path).event_hash(last.hash, forged_at, OWNER, "approve", 1, {"text": "forged"})
    with app.engine.begin() as connection:  # an INSERT: the triggers allow appending
        connection.execute(text(
            "INSERT INTO audit_events (at, actor, action, item_id, data, prev_hash, hash) "
            "VALUES (:at, :actor, 'approve', 1, :data, :prev, :hash)"),
            {"at": forged_at.strftime("%Y-%m-%d %H:%M:%S.%f"), "actor": OWNER,
             "data": '{"text": "forged"}', "prev": last.hash, "hash": forged})
    _broken(runner, home, f"at event #{last.id + 1}", "added after the newest signed checkpoint", "forged")


def test_a_forged_or_missing_checkpoint_file_is_caught(app: App, home: Path, runner: Any) -> None:
    log = home / audit.CHECKPOINT_FILE
    good = log.read_text()
    line = json.loads(good.splitlines()[-1])
    log.write_text(good + json.dumps({**line, "count": line["count"] - 1}) + "\n")
    _broken(runner, home, "is not signed with the audit key")
    log.unlink()
    _broken(runner, home, "no signed checkpoint")


def test_the_database_refuses_update_and_delete_of_audit_rows(app: App) -> None:
    from sqlalchemy.exc import IntegrityError

    target = _rows(app)[1].id
    for sql in ("UPDATE audit_events SET actor = 'x' WHERE id = :id",
                "UPDATE audit_events SET data = '{}' WHERE id = :id",
                "UPDATE audit_events SET data = '{\"redacted\": true, \"data_digest\": \"0\", \"t\": 1}' "
                "WHERE id = :id",
                "UPDATE audit_events SET hash = 'x', data = '{\"redacted\": true, \"data_digest\": \"0\"}' "
                "WHERE id = :id",
                "DELETE FROM audit_events WHERE id = :id",
                "DELETE FROM audit_events"):
        with pytest.raises(IntegrityError, match="append-only"), app.engine.begin() as connection:
            connection.execute(text(sql), {"id": target})
    assert _count(app) == len(_rows(app)) and _rows(app)[1].actor != "x"


def test_redaction_is_the_one_allowed_change_and_still_verifies(app: App, home: Path, runner: Any) -> None:
    from sqlalchemy.exc import IntegrityError

    approve = next(row for row in _rows(app) if row.action == "approve")
    with app.sessions.begin() as session:
        redaction = audit.redact(session, OWNER, [approve.id], reason="erasure request")
    assert redaction is not None
    rows = {row.id: row for row in _rows(app)}
    assert rows[approve.id].data == {"redacted": True, "data_digest": rows[approve.id].data["data_digest"]}
    assert "Thanks so much" not in json.dumps(rows[approve.id].data)
    assert rows[redaction.id].action == "redact" and rows[redaction.id].data["events"] == [approve.id]
    result = _verify(runner, home)
    assert result.exit_code == 0, result.output
    with pytest.raises(IntegrityError, match="append-only"), app.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET data = :d WHERE id = :id"),
                           {"d": '{"redacted": true, "data_digest": "1"}', "id": approve.id})


def test_a_redaction_without_a_redaction_event_is_caught(app: App, home: Path, runner: Any) -> None:
    approve = next(row for row in _rows(app) if row.action == "approve")
    digest = audit.trail_of(app.sessions).data_digest(approve.data)  # even with the key
    with app.engine.begin() as connection:  # the triggers allow the stub itself
        connection.execute(text("UPDATE audit_events SET data = :d WHERE id = :id"),
                           {"d": json.dumps({"redacted": True, "data_digest": digest}), "id": approve.id})
    _broken(runner, home, f"at event #{approve.id}", "redacted without a redaction event")


def test_the_scheduler_checkpoint_signs_new_state_once(app: App, home: Path) -> None:
    log = home / audit.CHECKPOINT_FILE
    before = len(log.read_text().splitlines())
    assert audit.checkpoint(app) is None  # this process signed the state when it committed
    fresh = open_app(home)  # another process (`modbot run`) signs the current state once
    first = audit.checkpoint(fresh)
    assert first is not None and first.count == _count(app)
    assert audit.checkpoint(fresh) is None  # nothing changed since
    assert len(log.read_text().splitlines()) == before + 1


def test_export_is_signed_and_carries_the_checkpoint(app: App, home: Path, runner: Any,
                                                     tmp_path: Path) -> None:
    target = tmp_path / "audit-export.json"
    result = runner.invoke(cli, ["--home", str(home), "audit", "export", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_mode & 0o777 == 0o600
    document = json.loads(target.read_text())
    trail = audit.trail_of(app.sessions)
    assert len(document["events"]) == _count(app)
    assert document["checkpoint"]["count"] == _count(app)
    assert document["checkpoint"]["head"] == document["events"][-1]["hash"]
    assert audit.verify_export(document, trail) is None
    document["events"][1]["actor"] = "someone-else"
    assert "signature does not match" in (audit.verify_export(document, trail) or "")
    assert audit.verify_export(json.loads(target.read_text()), _attacker(tmp_path)) is not None


def test_export_is_refused_when_the_log_is_broken(app: App, home: Path, runner: Any) -> None:
    _tamper(app, "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)")
    result = runner.invoke(cli, ["--home", str(home), "audit", "export"])
    assert result.exit_code != 0 and "nothing exported" in result.output + str(result.stderr_bytes or b"")


def test_a_chain_from_before_the_key_still_verifies_and_continues_keyed(home: Path, runner: Any) -> None:
    app = open_app(home)
    prev = audit.GENESIS
    at = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    with app.engine.begin() as connection:  # what an older modbot wrote: plain SHA-256
        for number in range(3):
            digest = audit._legacy_digest(prev, at, "tester", "note", None, {"n": number})
            connection.execute(text("INSERT INTO audit_events (at, actor, action, data, prev_hash, hash) "
                                    "VALUES (:at, 'tester', 'note', :data, :prev, :hash)"),
                               {"at": at.strftime("%Y-%m-%d %H:%M:%S.%f"), "data": json.dumps({"n": number}),
                                "prev": prev, "hash": digest})
            prev = digest
    result = _verify(runner, home)
    assert result.exit_code == 0 and "3 events, 3 from before the chain was keyed" in result.output
    with app.sessions.begin() as session:
        audit.record(session, "tester", "note", data={"n": 3})
    result = _verify(runner, home)
    assert result.exit_code == 0 and "4 events, 3 from before the chain was keyed" in result.output


def test_verify_says_how_many_newest_events_no_signed_checkpoint_covers_yet(app: App, home: Path,
                                                                           runner: Any) -> None:
    log = home / audit.CHECKPOINT_FILE
    lines = log.read_text().splitlines(keepends=True)
    newest = json.loads(lines[-1])["count"]
    log.write_text("".join(lines[:-1]))  # the newest checkpoint line is lost
    older = json.loads(lines[-2])["count"]
    result = _verify(runner, home)
    assert result.exit_code == 0
    assert f"intact: {newest} events; the newest {newest - older} after the newest signed checkpoint" in (
        result.output)
