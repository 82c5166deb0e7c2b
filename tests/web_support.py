"""Shared helpers for the dashboard tests: a seeded modbot home and a signed-in test client."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot import app as application
from bot import storage, users
from bot.config import AccountConfig
from bot.domain import InboundItem, Triage, primary_category
from bot.models import Item

PASSWORD = "correct horse battery"
PEOPLE = {"olivia": "owner", "adam": "assistant", "audrey": "auditor"}
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
BASE_TIME = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Seed:
    """Ids of the seeded items by what they are."""

    engagement: int
    engagement2: int
    advice: int
    client: int
    crisis: int
    crisis_reply: int
    xss: int
    reddit: int


ACCOUNTS = (
    AccountConfig(name="channel", platform="youtube", channel_id="UC1"),
    AccountConfig(name="subreddit", platform="reddit", username="doc"),
)

ITEMS: list[tuple[str, str, dict[str, Any], tuple[str, ...], tuple[str, ...]]] = [
    # key, account, fields, labels, reasons
    (
        "engagement",
        "channel",
        {
            "text": "Thank you, this video helped me a lot",
            "author": "fan1",
            "context_title": "Coping with stress",
        },
        (),
        (),
    ),
    ("engagement2", "channel", {"text": "Great explanation of grounding", "author": "fan2"}, (), ()),
    (
        "advice",
        "channel",
        {"text": "Should I stop taking my medication?", "author": "asker"},
        ("advice",),
        ('asks about "medication"', 'not crisis: "stop taking" (topic)'),
    ),
    (
        "client",
        "channel",
        {"text": "Like you said in our session last week", "author": "maybe_client"},
        ("client",),
        ('mentions "our session"',),
    ),
    (
        "crisis",
        "channel",
        {
            "text": "I don't want to be here anymore",
            "author": "hurting",
            "external_id": "parent-1",
            "context_title": "Talking about grief",
            "permalink": "https://www.youtube.com/watch?v=abc&lc=parent-1",
        },
        ("crisis",),
        ('passive ideation: "don\'t want to be here"',),
    ),
    (
        "crisis_reply",
        "channel",
        {"text": "Me too, every night", "author": "second", "parent_id": "parent-1"},
        ("crisis",),
        (),
    ),
    ("xss", "channel", {"text": XSS, "author": "<b>bold</b>", "context_title": "<i>title</i>"}, (), ()),
    (
        "reddit",
        "subreddit",
        {"text": "Nice post, thanks", "author": "redditor", "platform": "reddit"},
        (),
        (),
    ),
]


def build_home(path: Path) -> Seed:
    """A migrated home with accounts, users and one item of every kind the pages show."""
    app = application.init_home(path)
    ids: dict[str, int] = {}
    with app.sessions.begin() as session:
        for name, role in PEOPLE.items():
            users.add_user(session, name, role, PASSWORD)
        rows = {a.name: storage.ensure_account(session, a) for a in ACCOUNTS}
        for index, (key, account, given, labels, reasons) in enumerate(ITEMS):
            fields = dict(given)
            platform = fields.pop("platform", "youtube")
            item = InboundItem(
                platform=platform,
                account=account,
                kind="comment",
                external_id=fields.pop("external_id", f"ext-{key}"),
                published_at=BASE_TIME + timedelta(minutes=index),
                **fields,
            )
            [item_id] = storage.insert_items(session, rows[account].id, [item])
            triage = Triage(
                category=primary_category(labels),
                labels=labels,
                scores={"crisis": 0.1},
                reasons=reasons,
                model_version="test",
            )
            storage.record_triage(session, item_id, triage)
            session.get_one(Item, item_id).status = "suggested"
            ids[key] = item_id
    return Seed(**ids)


def copy_home(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_token(client: Any, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = CSRF.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: Any, name: str, password: str = PASSWORD) -> Any:
    token = csrf_token(client)
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token})
