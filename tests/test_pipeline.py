"""The pipeline: poll, store, triage, suggest; a reviewer's decision is never undone by triage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot import app as application
from bot import approval, pipeline, storage, users
from bot.config import AccountConfig
from bot.domain import InboundItem
from bot.models import Item, OutboxRow, TriageResult


class DecidingWhileTriaging:
    """Wraps the real triager; an owner approves the item while the model is running."""

    def __init__(self, app: application.App, real: Any, item_id: int) -> None:
        self.app, self.real, self.item_id = app, real, item_id
        self.version = real.version

    def triage(self, text: str, **kwargs: Any) -> Any:
        return self.real.triage(text, **kwargs)

    def triage_many(self, texts: Any, **kwargs: Any) -> Any:
        approval.approve(self.app, self.item_id, "olivia", text="Thank you for watching!")
        return self.real.triage_many(texts, **kwargs)


def test_a_decision_made_while_the_model_runs_stands(home: Path) -> None:
    app = application.open_app(home)
    with app.sessions.begin() as session:
        users.add_user(session, "olivia", "owner", None)
        account = storage.ensure_account(session, AccountConfig(name="import", platform="file", path="x"))
        [item_id] = storage.insert_items(
            session,
            account.id,
            [
                InboundItem(
                    platform="file",
                    account="import",
                    kind="comment",
                    external_id="c1",
                    text="Loved this video, thank you",
                )
            ],
        )
    app._triager = DecidingWhileTriaging(app, app.triager(), item_id)

    assert pipeline.triage_new(app) == 1
    assert pipeline.triage_new(app) == 0

    with app.reads() as session:
        item = session.get(Item, item_id)
        assert item is not None and item.status == "approved"
        assert item.category == "engagement"
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == 1
        assert session.scalar(select(func.count()).select_from(TriageResult)) == 1
