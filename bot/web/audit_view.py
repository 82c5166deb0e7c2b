"""The audit log for owners and auditors: filterable, and downloadable as CSV or JSON.

Exports carry each event's hashes so a compliance file can be checked against `modbot audit
verify`. Keys that name secrets are blanked defensively; the workflow writes no comment text
into events.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, Response, render_template, request, stream_with_context
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bot import audit
from bot.exports import csv_cell
from bot.models import AuditEvent
from bot.web import access, audit_text, queries
from bot.web.context import modbot

blueprint = Blueprint("audit", __name__)

PAGE_SIZE = 100
SECRET_WORDS = ("password", "secret", "token", "api_key", "credential")


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    item: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> AuditFilters:
        return cls(**{name: (args.get(name) or "").strip()[:100] for name in cls.__dataclass_fields__})

    def as_args(self) -> dict[str, str]:
        return {name: value for name, value in self.__dict__.items() if value}

    def apply(self, query: Select[Any]) -> Select[Any]:
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.actor:
            query = query.where(AuditEvent.actor == self.actor)
        if self.item:
            query = query.where(AuditEvent.item_id == (queries.db_id(self.item) or -1))
        since, until = _day(self.since), _day(self.until)
        if since:
            query = query.where(AuditEvent.at >= datetime.combine(since, time(), UTC))
        if until:
            query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time(), UTC))
        return query


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def redact(data: Any) -> Any:
    """Blank values under keys that name secrets, at any depth."""
    if isinstance(data, dict):
        return {
            key: "[redacted]" if any(word in str(key).lower() for word in SECRET_WORDS) else redact(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [redact(value) for value in data]
    return data


def event_dict(event: AuditEvent) -> dict[str, Any]:
    """`audit.as_dict`, with any value under a secret-looking key blanked for display."""
    return {**audit.as_dict(event), "data": redact(event.data)}


@blueprint.route("/audit")
@access.allow("audit")
def audit_log() -> Any:
    filters = AuditFilters.from_args(request.args)
    before = request.args.get("before", "")
    with modbot().reads() as db:
        query = filters.apply(select(AuditEvent))
        before_id = queries.db_id(before)
        if before_id:
            query = query.where(AuditEvent.id < before_id)
        newest_first = query.order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)
        events = [event_dict(e) for e in db.scalars(newest_first)]
        actions = sorted(db.scalars(select(AuditEvent.action).distinct()))
        actors = sorted(db.scalars(select(AuditEvent.actor).distinct()))
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    return render_template(
        "audit.html",
        events=events,
        filters=filters,
        actions=actions,
        actors=actors,
        older=events[-1]["id"] if more and events else None,
        describe=audit_text.describe,
    )


def _stream(db: Session, filters: AuditFilters) -> Iterator[AuditEvent]:
    query = filters.apply(select(AuditEvent)).order_by(AuditEvent.id)
    yield from db.scalars(query.execution_options(yield_per=1000))


@blueprint.route("/audit.json")
@access.allow("audit")
def audit_json() -> Response:
    filters = AuditFilters.from_args(request.args)

    def body() -> Iterator[str]:
        with modbot().reads() as db:
            yield "["
            for number, event in enumerate(_stream(db, filters)):
                yield ("," if number else "") + "\n" + json.dumps(event_dict(event), ensure_ascii=False)
            yield "\n]\n"

    return _download(stream_with_context(body()), "application/json", "json")


CSV_FIELDS = ("id", "at", "actor", "action", "item_id", "data", "prev_hash", "hash")


@blueprint.route("/audit.csv")
@access.allow("audit")
def audit_csv() -> Response:
    filters = AuditFilters.from_args(request.args)

    def body() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_FIELDS)
        with modbot().reads() as db:
            for event in _stream(db, filters):
                row = event_dict(event)
                row["data"] = json.dumps(row["data"], ensure_ascii=False, sort_keys=True)
                writer.writerow([csv_cell(row[name]) for name in CSV_FIELDS])
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return _download(stream_with_context(body()), "text/csv", "csv")


def _download(body: Any, mimetype: str, extension: str) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="modbot-audit-{stamp}.{extension}"'
    return response
