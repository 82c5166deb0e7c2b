"""The audit trail: hash-chained, verified by `modbot audit verify`, listed by `modbot audit list`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot import approval, audit, outbox
from bot.app import App
from bot.cli import cli
from bot.models import AuditEvent
from tests.test_approval_support import ASSISTANT, add_item, workflow_app


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
    with app.engine.begin() as connection:
        if column == "data":
            connection.execute(text("UPDATE audit_events SET data = :v WHERE id = :id"),
                               {"v": value, "id": target})
        else:
            connection.execute(text(f"UPDATE audit_events SET {column} = {value} WHERE id = :id"),
                               {"id": target})
    result = _verify(runner, home)
    assert result.exit_code == 1
    assert result.output.startswith(f"audit log BROKEN at event #{target}: ")
    assert "changed" in result.output


def test_a_deleted_row_breaks_the_next_link(app: App, home: Path, runner: Any) -> None:
    with app.sessions() as session:
        ids = list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    with app.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[2]})
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
