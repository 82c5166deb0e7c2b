"""A platform's quota day: the calendar day, in the timezone its connector declares
(`Capabilities.quota_timezone`), over which its daily allowance is counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def quota_day(now: datetime, timezone: str) -> date:
    return now.astimezone(_zone(timezone)).date()


def next_reset(now: datetime, timezone: str) -> datetime:
    """The next midnight in `timezone`, as an aware UTC datetime."""
    tomorrow = quota_day(now, timezone) + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=_zone(timezone)).astimezone(UTC)
