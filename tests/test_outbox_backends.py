"""The poster's claim on both backends: SQLite (BEGIN IMMEDIATE + guarded UPDATE) and PostgreSQL
(SELECT ... FOR UPDATE SKIP LOCKED). Several posters at once still send each approval once."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from sqlalchemy import select

from bot import approval, outbox
from bot.models import OutboxRow, utcnow
from tests.test_approval_support import ASSISTANT, add_item, workflow_app


def test_concurrent_posters_send_each_approval_once(tmp_path: Path, database_url: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = workflow_app(home, database_url=database_url)
    assert app.engine.dialect.name == database_url.split(":")[0].split("+")[0]
    texts = [f"Thank you for watching! ({n})" for n in range(8)]
    rows = [approval.approve(app, add_item(app, suggestions=[("t", text)]), ASSISTANT) for text in texts]

    errors: list[BaseException] = []

    def poster(name: str) -> None:
        try:
            outbox.post_once(app, worker=name)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=poster, args=(f"p{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    replies_path = Path(str(app.config.account("inbox").path) + ".replies.jsonl")
    posted = [json.loads(line)["text"] for line in replies_path.read_text().splitlines()]
    assert sorted(posted) == sorted(texts)
    with app.sessions() as session:
        statuses = {r.id: (r.status, r.attempts) for r in session.scalars(select(OutboxRow))}
    assert statuses == {row_id: ("posted", 1) for row_id in rows}
    app.engine.dispose()


def test_a_claimed_row_cannot_be_claimed_again(tmp_path: Path, database_url: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = workflow_app(home, database_url=database_url)
    row_id = approval.approve(app, add_item(app), ASSISTANT)
    assert outbox._claim(app, row_id, "pending", "first|h|1", utcnow())
    assert not outbox._claim(app, row_id, "pending", "second|h|2", utcnow())
    assert not outbox._claim(app, row_id, "unknown", "second|h|2", utcnow())
    app.engine.dispose()
