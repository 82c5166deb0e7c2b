"""Helpers shared by the workflow tests (approval, outbox, alerts, audit, end to end).

Items are stored the way the pipeline stores them (insert, triage verdict, suggestions, status
"suggested") so the workflow tests do not depend on the classifier or the template set.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot import storage, users
from bot.app import App, init_home, open_app
from bot.config import AccountConfig
from bot.domain import InboundItem, Suggestion, Triage
from bot.models import Item

OWNER, ASSISTANT, AUDITOR = "olivia", "ash", "audrey"
_ids = itertools.count(1)


def write_config(home: Path, extra: str = "", *, inbox: Path | None = None) -> Path:
    inbox = inbox or home / "inbox.jsonl"
    inbox.touch()
    (home / "modbot.toml").write_text(
        '[practice]\ndisplay_name = "Dr. Example"\ncontact_url = "https://example.org"\nregion = "US"\n\n'
        f'[[accounts]]\nname = "inbox"\nplatform = "file"\npath = "{inbox}"\npoll_every = "5m"\n'
        + extra, encoding="utf-8")
    return inbox


def workflow_app(home: Path, extra: str = "", *, database_url: str | None = None) -> App:
    """An app on the migrated home (or `database_url`) with a file account and a user of each role."""
    write_config(home, extra)
    overrides = {"database.url": database_url} if database_url else None
    app = init_home(home, overrides=overrides) if database_url else open_app(home)
    with app.sessions.begin() as session:
        users.add_user(session, OWNER, "owner", None)
        users.add_user(session, ASSISTANT, "assistant", None)
        users.add_user(session, AUDITOR, "auditor", None)
    return app


def add_item(app: App, text: str = "Thanks for this video!", *, category: str = "engagement",
             labels: Sequence[str] | None = None, platform: str = "file", kind: str = "comment",
             account: str = "inbox", author: str | None = "viewer1",
             suggestions: Sequence[tuple[str, str]] = (("engagement_thanks", "Thank you for watching!"),),
             external_id: str | None = None, moderation_status: str | None = None) -> int:
    config = next((a for a in app.config.accounts if a.name == account), None) or \
        AccountConfig(name=account, platform=platform)
    inbound = InboundItem(platform=platform, account=account, kind=kind,
                          external_id=external_id or f"ext-{next(_ids)}", text=text, author=author,
                          moderation_status=moderation_status)
    flags = tuple(labels if labels is not None else ([category] if category != "engagement" else []))
    with app.sessions.begin() as session:
        account_row = storage.ensure_account(session, config)
        (item_id,) = storage.insert_items(session, account_row.id, [inbound])
        storage.record_triage(session, item_id, Triage(category=category, labels=flags, scores={},
                                                       reasons=("test",), model_version="test"))
        storage.record_suggestions(session, item_id, [Suggestion(t, s) for t, s in suggestions])
        row = session.get(Item, item_id)
        assert row is not None
        row.status = "suggested"
    return item_id


def item(app: App, item_id: int) -> Item:
    with app.sessions() as session:
        row = session.get(Item, item_id)
        assert row is not None
        return row


def audit_actions(app: App, item_id: int | None = None) -> list[str]:
    from bot import audit

    with app.sessions() as session:
        return [event.action for event in audit.events(session, item_id=item_id)]


def audit_data(app: App, action: str, item_id: int | None = None) -> list[dict[str, Any]]:
    from bot import audit

    with app.sessions() as session:
        return [dict(event.data) for event in audit.events(session, item_id=item_id)
                if event.action == action]
