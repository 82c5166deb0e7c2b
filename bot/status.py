"""Per-account health: last successful poll, last error, quota used today, gone quiet."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot import lease, storage
from bot.app import App
from bot.config import AccountConfig
from bot.models import Account, utcnow
from bot.quota import quota_day

QUIET_INTERVALS = 3


@dataclass(frozen=True)
class AccountStatus:
    name: str
    platform: str
    state: str
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    paused_until: datetime | None
    quota_used_today: int
    daily_quota: int | None
    notices: list[str]
    quiet: bool
    poller: str | None = None  # PostgreSQL: the `modbot run` (host:pid) holding its poll lock

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, times as ISO 8601."""
        return {
            key: value.isoformat() if isinstance(value, datetime) else value
            for key, value in asdict(self).items()
        }

    def lines(self) -> list[str]:
        def when(value: datetime | None) -> str:
            return value.isoformat(timespec="seconds") if value else "never"

        usage = (
            f"{self.quota_used_today}/{self.daily_quota} quota units today"
            if self.daily_quota
            else f"{self.quota_used_today} requests today"
        )
        out = [
            f"{self.name} ({self.platform}): {self.state.replace('_', ' ')}",
            f"  last successful poll: {when(self.last_success_at)}",
            f"  {usage}",
        ]
        if self.last_error:
            out.append(f"  last error ({when(self.last_error_at)}): {self.last_error}")
        if self.paused_until:
            out.append(f"  paused until {when(self.paused_until)}")
        out.extend(f"  notice: {notice}" for notice in self.notices)
        if self.quiet:
            out.append(f"  QUIET: no successful poll for {QUIET_INTERVALS} intervals")
        if self.poller:
            out.append(f"  polled by: {self.poller}")
        return out


def account_statuses(app: App, *, now: datetime | None = None) -> list[AccountStatus]:
    now = now or utcnow()
    out = []
    with app.reads() as session:
        rows = {row.name: row for row in session.scalars(select(Account))}
        for config in app.config.accounts:
            row = rows.get(config.name)
            capabilities = app.capabilities(config.platform)
            day = quota_day(now, capabilities.quota_timezone)
            used = storage.quota_used(session, row.id, day) if row else 0
            limit = config.daily_quota if capabilities.daily_quota else None
            out.append(_status(config, row, used, limit, now))
    pollers = lease.pollers(app.engine, [item.name for item in out])
    return [replace(item, poller=pollers.get(item.name)) for item in out]


def _status(
    config: AccountConfig, row: Account | None, used: int, limit: int | None, now: datetime
) -> AccountStatus:
    quiet_after = config.poll_every * QUIET_INTERVALS
    if row is None:
        return AccountStatus(
            config.name,
            config.platform,
            "never polled",
            None,
            None,
            None,
            None,
            0,
            limit,
            [],
            False,
        )
    reference = row.last_success_at or row.created_at
    return AccountStatus(
        name=config.name,
        platform=config.platform,
        state=row.state,
        last_success_at=row.last_success_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        paused_until=row.paused_until if row.paused_until and row.paused_until > now else None,
        quota_used_today=used,
        daily_quota=limit,
        notices=[n["message"] for n in row.notices or []],
        quiet=now - reference > quiet_after,
    )
