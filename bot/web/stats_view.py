"""Stats for owners and auditors: items now in the queue per category and status (counted as
the queue counts them, each a link to that filter), volume per category per day, and how long
items wait for a decision compared with the crisis response target (AlertsConfig.crisis_target).

Dates are the items' own: an item belongs to the day it was written (published on the platform,
or fetched when the platform gives no date), the same date the queue sorts and ages it by.
Waiting time runs from arrival (when modbot fetched the item: nobody could act sooner) to the
first decision.
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import Integer, String, func, literal, select

from bot.domain import CATEGORIES
from bot.models import Item, UTCDateTime, utcnow
from bot.storage import OPEN_STATUSES, STATUSES
from bot.web import access, charts, queries
from bot.web.context import modbot

blueprint = Blueprint("stats", __name__)

PERIODS = (7, 30, 90)


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@blueprint.route("/stats")
@access.allow("audit")
def stats() -> Any:
    days = request.args.get("days", type=int) or 30
    days = days if days in PERIODS else 30
    today = utcnow().date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, time(), UTC)
    target = modbot().config.alerts.crisis_target
    target_minutes = target.total_seconds() / 60
    names = (*CATEGORIES, "untriaged")
    labels = [(first + timedelta(days=n)).isoformat() for n in range(days)]
    series: dict[str, list[int]] = {name: [0] * days for name in names}
    waits: dict[str, list[float]] = {name: [] for name in names}
    since = literal(start, UTCDateTime())
    with modbot().reads() as db:
        day = func.date(queries.SORT_AT, type_=String)
        for when, category, count in db.execute(  # (day, category, count) rows
                select(day, Item.category, func.count(type_=Integer)).where(queries.SORT_AT >= since)
                .group_by(day, Item.category)):
            index = (_as_date(when) - first).days
            if 0 <= index < days:
                series[str(category or "untriaged")][index] += count
        for category, fetched, decided in db.execute(
                select(Item.category, Item.fetched_at, Item.decided_at)
                .where(queries.SORT_AT >= since, Item.decided_at.is_not(None))):
            if decided is not None:
                waits[category or "untriaged"].append((decided - fetched).total_seconds() / 60)
        now = queries.status_counts(db)
    open_now = {name: sum(now.get((name, status), 0) for status in OPEN_STATUSES) for name in names}
    rows = [charts.DurationRow(name, statistics.median(waits[name]) if waits[name] else None,
                               _percentile(waits[name], 0.9), len(waits[name]))
            for name in CATEGORIES]
    crisis = waits["crisis"]
    within = sum(1 for minutes in crisis if minutes <= target_minutes)
    volume_chart = charts.stacked_bars(
        labels, {k: v for k, v in series.items() if any(v)},
        title=f"Items per day by category, by the day each was written, last {days} days")
    wait_chart = charts.duration_bars(rows, target_minutes=target_minutes,
                                      title="Minutes from arrival to decision, median and 90th percentile")
    totals = {name: sum(values) for name, values in series.items()}
    return render_template(
        "stats.html", days=days, periods=PERIODS, volume_chart=volume_chart, wait_chart=wait_chart,
        rows=rows, totals=totals, target_minutes=target_minutes, crisis_total=len(crisis),
        crisis_within=within, crisis_open=open_now["crisis"], series=series, labels=labels,
        now=now, open_now=open_now, statuses=[s for s in STATUSES if any(k[1] == s for k in now)],
        columns=[name for name in names if name != "untriaged" or any(n == name for n, _ in now)],
    )


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
