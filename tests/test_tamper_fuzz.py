"""Tamper fuzzing at CI scale (bench/tamper.py runs 1,000): random tamperings of a copy of a
realistic home, each refused by the database or the poster, or named by `audit verify`; and the
two holes the fuzzing found, pinned: the poster trusting an approval event forged or edited through
the database, and events renumbered without changing their order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bench import tamper
from bot import approval, audit, outbox
from bot.app import App
from bot.cli import cli
from bot.models import AuditEvent, OutboxRow
from tests.test_approval_support import ASSISTANT, add_item, workflow_app


@pytest.mark.slow
def test_sixty_random_tamperings_are_all_refused_or_detected(capsys: pytest.CaptureFixture[str]) -> None:
    assert tamper.main(["--n", "60", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["n"] == 60 and summary["missed"] == 0 and summary["controls_failed"] == 0
    assert set(summary["per_kind"]) == set(tamper.KINDS)  # every kind exercised at least once
    assert summary["refused"] + summary["detected"] + summary["intact"] == 60
    for kind, outcomes in summary["per_kind"].items():
        # Only dropping the newest checkpoint line leaves the log itself unchanged ("intact").
        allowed = {"intact"} if kind == "checkpoint.drop_last" else {"refused", "detected"}
        assert set(outcomes) <= allowed, (kind, outcomes)
    assert summary["triggers_dropped"] > 0 and summary["home"]["pending"] >= 2
    assert "outbox.text_and_approval" in out and "MISSED" in out.splitlines()[1]


@pytest.fixture
def app(home: Path) -> App:
    """Two approved replies, neither posted yet."""
    app = workflow_app(home)
    for _ in range(2):
        approval.approve(app, add_item(app), ASSISTANT)
    return app


def _db(home: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(home / "modbot.db", isolation_level=None)
    for trigger in tamper.TRIGGERS:  # what someone with the file (but not the key) does first
        connection.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return connection


def _posted(app: App) -> list[str]:
    replies = Path(str(app.config.account("inbox").path) + ".replies.jsonl")
    return [json.loads(line)["text"] for line in replies.read_text().splitlines()] if replies.exists() else []


def _statuses(app: App) -> list[str]:
    with app.reads() as session:
        return list(session.scalars(select(OutboxRow.status).order_by(OutboxRow.id)))


def test_the_poster_ignores_an_approval_event_edited_to_match_changed_text(app: App, home: Path) -> None:
    altered = "Thank you! Now visit tamper.example."
    with app.reads() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).first()
        assert event is not None
        data = {**event.data, "text": altered, "text_sha256": outbox.text_hash(altered)}
        row_id = event.data["outbox_id"]
    db = _db(home)
    db.execute("UPDATE outbox SET text = ? WHERE id = ?", [altered, row_id])
    db.execute("UPDATE audit_events SET data = ? WHERE id = ?", [json.dumps(data), event.id])
    db.close()
    summary = outbox.post_once(app)
    assert summary.refused == 1 and summary.posted == 1
    assert altered not in _posted(app) and len(_posted(app)) == 1
    assert _statuses(app) == ["failed", "posted"]


def test_the_poster_refuses_a_forged_row_with_a_forged_approval_event(app: App, home: Path) -> None:
    """Appending is allowed by the triggers: a new reply row plus an `approve` event naming it."""
    altered = "A reply nobody approved."
    with app.reads() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        row = session.scalars(select(OutboxRow).order_by(OutboxRow.id)).first()
        assert last is not None and row is not None
        item_id, decision_id = row.item_id, row.decision_id
    db = sqlite3.connect(home / "modbot.db", isolation_level=None)  # triggers left in place
    new_decision = db.execute("INSERT INTO decisions (item_id, user_id, action, text, created_at) "
                              "SELECT item_id, user_id, action, ?, created_at FROM decisions WHERE id = ?",
                              [altered, decision_id]).lastrowid
    forged_row = db.execute("INSERT INTO outbox (decision_id, item_id, action, text, status, attempts, "
                            "created_at) SELECT ?, item_id, 'reply', ?, 'pending', 0, created_at FROM outbox "
                            "WHERE id = ?", [new_decision, altered, row.id]).lastrowid
    data = {"outbox_id": forged_row, "text": altered, "text_sha256": outbox.text_hash(altered)}
    at = last.at.strftime(tamper.AT_FORMAT)
    forged_hash = audit._legacy_digest(last.hash, last.at, "olivia", "approve", item_id, data)
    db.execute("INSERT INTO audit_events (at, actor, action, item_id, data, prev_hash, hash) "
               "VALUES (?, 'olivia', 'approve', ?, ?, ?, ?)",
               [at, item_id, json.dumps(data), last.hash, forged_hash])
    db.close()
    summary = outbox.post_once(app)
    assert summary.refused == 1 and summary.posted == 2
    assert altered not in _posted(app)


def test_an_approved_reply_is_not_sent_under_a_comment_it_was_not_approved_for(app: App, home: Path) -> None:
    """Someone with the database file points an approved reply's item at another comment."""
    with app.reads() as session:
        row = session.scalars(select(OutboxRow).order_by(OutboxRow.id)).first()
        assert row is not None
        item_id = row.item_id
    db = sqlite3.connect(home / "modbot.db", isolation_level=None)
    db.execute("UPDATE items SET external_id = 'someone-elses-comment' WHERE id = ?", [item_id])
    db.close()
    summary = outbox.post_once(app)
    assert summary.refused == 1 and summary.posted == 1
    replies = Path(str(app.config.account("inbox").path) + ".replies.jsonl").read_text()
    assert "someone-elses-comment" not in replies


def _verify(runner: Any, home: Path) -> str:
    result = runner.invoke(cli, ["--home", str(home), "audit", "verify"])
    assert result.exit_code == 1, result.output
    return str(result.output)


@pytest.mark.parametrize("end, new_id", [(0, 0), (0, -7), (-1, +12)])
def test_renumbering_an_end_row_without_changing_the_order_is_caught(app: App, home: Path, runner: Any,
                                                                     end: int, new_id: int) -> None:
    """The hash covers an event's fields, not its id: the checkpoints pin the ids they end at."""
    with app.reads() as session:
        ids = list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    target = ids[end]
    db = _db(home)
    renumbered = new_id if end == 0 else target + new_id
    db.execute("UPDATE audit_events SET id = ? WHERE id = ?", [renumbered, target])
    db.close()
    line = _verify(runner, home)
    assert line.startswith("audit log BROKEN at event #")
    assert ("renumbered below 1" if end == 0 else "the events were renumbered") in line
