"""`modbot demo`: offline demo data loaded through the file connector, every pipeline step run."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import app as application
from bot import pipeline, storage, users
from bot.models import User

DEMO_ACCOUNT = "demo"
DEMO_USERS = (("demo-owner", "owner"), ("demo-assistant", "assistant"), ("demo-auditor", "auditor"))


@dataclass
class DemoResult:
    home: Path
    items: int
    by_category: dict[str, int]
    poll_lines: list[str] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # users made now, with passwords
    kept_items: int = 0  # items the home held before this run
    kept_users: list[tuple[str, str]] = field(default_factory=list)  # demo users left as they were
    new_items: int = 0

    @property
    def rerun(self) -> bool:
        return bool(self.kept_items or self.kept_users)

    def by_category_line(self) -> str:
        order = ("crisis", "client", "advice", "engagement")
        return ", ".join(f"{self.by_category.get(c, 0)} {c}" for c in order)


def load(home: Path | str | None = None, *, overrides: Mapping[str, Any] | None = None) -> DemoResult:
    """Load the demo into the home. Safe to re-run: items already there are kept (polling adds
    only what is new) and demo users that exist keep their passwords; only missing ones are made."""
    app = application.init_home(home, overrides=overrides)
    with app.reads() as session:
        kept_items = sum(storage.count_by_category(session, storage.STATUSES).values())
    data_path = app.config.home / "demo" / "demo_items.jsonl"
    data_path.parent.mkdir(mode=0o700, exist_ok=True)
    os.chmod(data_path.parent, 0o700)
    with resources.as_file(resources.files("bot.demo_data") / "demo_items.jsonl") as bundled:
        shutil.copyfile(bundled, data_path)
    os.chmod(data_path, 0o600)  # demo data holds (made-up) crisis messages: owner only
    if not any(a.name == DEMO_ACCOUNT for a in app.config.accounts):
        with app.config.config_path.open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n# Added by `modbot demo`: offline demo items read through the file connector.\n"
                f'[[accounts]]\nname = "{DEMO_ACCOUNT}"\nplatform = "file"\n'
                f'path = "{data_path.as_posix()}"\npoll_every = "5m"\n'
            )
        app = application.open_app(app.config.home, overrides=overrides)

    # Each demo crisis item raises an alert; with no channel configured they would each log a
    # warning. The demo reports them in one line instead.
    alerts_logger = logging.getLogger("bot.alerts")
    level = alerts_logger.level
    alerts_logger.setLevel(logging.ERROR)
    try:
        summary = pipeline.poll_account(app, app.config.account(DEMO_ACCOUNT))
    finally:
        alerts_logger.setLevel(level)
    logins, kept_users = [], []
    with app.sessions.begin() as session:
        for name, role in DEMO_USERS:
            found = session.scalar(select(User).where(User.name == name))
            if found is not None:
                kept_users.append((name, found.role))
                continue
            password = secrets.token_urlsafe(12)
            users.add_user(session, name, role, password, actor="demo")
            logins.append((name, role, password))
    with app.reads() as session:
        counts = storage.count_by_category(session, storage.STATUSES)
    return DemoResult(
        home=app.config.home,
        items=sum(counts.values()),
        by_category=counts,
        poll_lines=[summary.line()],
        logins=logins,
        kept_items=kept_items,
        kept_users=kept_users,
        new_items=summary.new_items,
    )
