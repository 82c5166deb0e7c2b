"""Alerts: nobody in crisis waits unseen, and nobody misses a connector that stopped working.

- A new crisis item alerts at once through every configured channel (SMTP email, a JSON webhook
  whose `{"text": ...}` body Slack and Teams both accept); with no channel configured the alert is
  written to the log. The message carries the item id, platform, account and a dashboard link,
  and the comment text only when `[alerts] include_text = true`.
- If nobody has opened the item after `[alerts] renotify_after`, a reminder goes out (again each
  `renotify_after`, at most `MAX_REMINDERS` times).
- An account with no successful poll for `QUIET_INTERVALS` poll intervals, or one that needs
  reconnecting, alerts once per incident (until a poll succeeds again).
- With `[alerts] daily_digest = true`, once a day a digest (open items per category and the newest
  signed audit checkpoint, never comment text) goes through the same channels.

Every attempt is recorded in the `alerts` table. Network calls happen outside transactions.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import statistics
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot import audit, storage
from bot.app import App
from bot.config import AlertsConfig, Config
from bot.errors import StorageError
from bot.models import Account, Alert, Item, utcnow

logger = logging.getLogger(__name__)

QUIET_INTERVALS = 3
MAX_REMINDERS = 3
MAX_TEXT = 500  # characters of comment text included when include_text is on
NETWORK_TIMEOUT = 10.0
OPEN = ("new", "suggested", "escalated")
SEPARATE_CRISIS_ALERTS = 5  # more new crisis items than this at once: one alert lists them
BATCH_LINKS = 20


@dataclass(frozen=True)
class AlertMessage:
    kind: str  # crisis | crisis_reminder | account_quiet | account_reconnect | digest
    subject: str
    body: str
    item_id: int | None = None
    account_id: int | None = None
    link: str | None = None  # the item's dashboard page, for item alerts


@dataclass
class Delivery:
    channel: str
    ok: bool
    error: str | None = None


@dataclass
class SentAlert:
    message: AlertMessage
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return any(d.ok for d in self.deliveries)

    def line(self) -> str:
        channels = ", ".join(f"{d.channel} {'sent' if d.ok else 'FAILED: ' + (d.error or '')}"
                             for d in self.deliveries)
        return f"{self.message.subject} ({channels})"


# ---------------------------------------------------------------- channels


def dashboard_address(config: Config) -> str:
    """Where the dashboard is: `[web] base_url`, or the address `modbot serve` listens on."""
    if config.web.base_url:
        return config.web.base_url.rstrip("/") + "/"
    host = config.web.host if config.web.host not in ("0.0.0.0", "::", "") else "localhost"
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{config.web.port}/"


def dashboard_link(config: Config, item_id: int) -> str:
    """The item's page on the dashboard (from `[web] base_url` when it is set)."""
    return f"{dashboard_address(config)}items/{item_id}"


def dashboard_hint(config: Config) -> str:
    """A line saying where alert links lead: empty when `[web] base_url` is set."""
    if config.web.base_url:
        return ""
    return (f"The dashboard is at {config.web.host}:{config.web.port} on the computer that runs "
            "`modbot serve`; set [web] base_url for links that open from a phone.")


def smtp_password(app: App) -> str | None:
    """From MODBOT_SMTP_PASSWORD or secrets/smtp.json {"password": ...}; never from modbot.toml."""
    env = os.environ.get("MODBOT_SMTP_PASSWORD")
    if env:
        return env
    stored = app.secrets.read_json("smtp")
    value = stored.get("password") if stored else None
    return str(value) if value else None


def send_email(config: AlertsConfig, message: AlertMessage, password: str | None) -> None:
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = config.email_from
    email["To"] = config.email_to
    email.set_content(message.body)
    with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=NETWORK_TIMEOUT) as smtp:
        if config.smtp_starttls:
            smtp.starttls()
        if config.smtp_username:
            smtp.login(config.smtp_username, password or "")
        smtp.send_message(email)


def send_webhook(url: str, message: AlertMessage) -> None:
    body = json.dumps({"text": f"{message.subject}\n{message.body}"}).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=NETWORK_TIMEOUT) as response:
        response.read()


def deliver(app: App, message: AlertMessage, *, item_ids: Sequence[int] = ()) -> SentAlert:
    """Send through every configured channel (log when none is), and record each attempt (per
    item, when one message covers several)."""
    config = app.config.alerts
    sent = SentAlert(message)
    if config.email_to and config.smtp_host:
        sent.deliveries.append(_attempt("email", lambda: send_email(config, message, smtp_password(app))))
    if config.webhook_url:
        sent.deliveries.append(_attempt("webhook", lambda: send_webhook(config.webhook_url, message)))
    if not sent.deliveries:
        logger.warning("ALERT %s (no alert channel configured: set [alerts] email_to or webhook_url)",
                       message.subject)
        sent.deliveries.append(Delivery("log", True))
    at = utcnow()  # one timestamp for all channels of one alert: reminders are counted by it
    with app.sessions.begin() as session:
        targets: list[int | None] = [*item_ids] or [message.item_id]
        for item_id in targets:
            for delivery in sent.deliveries:
                session.add(Alert(kind=message.kind, item_id=item_id, account_id=message.account_id,
                                  channel=delivery.channel, status="sent" if delivery.ok else "failed",
                                  error=delivery.error, created_at=at))
        data: dict[str, Any] = {
            "account_id": message.account_id,
            "channels": {d.channel: "sent" if d.ok else "failed" for d in sent.deliveries}}
        if item_ids:
            data["items"] = list(item_ids)
        audit.record(session, "alerts", f"alert.{message.kind}", item_id=message.item_id, data=data)
    return sent


def _attempt(channel: str, send: Any) -> Delivery:
    try:
        send()
    except (OSError, smtplib.SMTPException, urllib.error.URLError, ValueError) as exc:
        # The error names the server, never credentials or comment text.
        logger.error("alert by %s failed: %s", channel, exc.__class__.__name__)
        return Delivery(channel, False, f"{exc.__class__.__name__}: {_short(str(exc))}")
    return Delivery(channel, True)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------- messages


def _crisis_message(config: Config, item: Item, account: str, *, reminder: int = 0,
                    now: datetime | None = None) -> AlertMessage:
    waited = ""
    if reminder:
        minutes = int(((now or utcnow()) - item.fetched_at).total_seconds() // 60)
        waited = f" - still unopened after {minutes} min (reminder {reminder})"
    subject = f"[modbot] Crisis item #{item.id} on {item.platform} needs attention{waited}"
    lines = [
        f"A {item.kind} triaged as crisis arrived on {item.platform} ({account}).",
        f"Item: #{item.id}",
        f"Open it: {dashboard_link(config, item.id)}",
        f"Or: modbot show {item.id}",
    ]
    if dashboard_hint(config):
        lines.append(dashboard_hint(config))
    if item.permalink:
        lines.append(f"On the platform: {item.permalink}")
    if config.alerts.include_text:
        text = item.text if len(item.text) <= MAX_TEXT else item.text[:MAX_TEXT] + "..."
        lines += ["", "Text:", text]
    else:
        lines += ["", "The comment text is not included in alerts ([alerts] include_text = false)."]
    return AlertMessage(kind="crisis_reminder" if reminder else "crisis", subject=subject,
                        body="\n".join(lines), item_id=item.id, account_id=item.account_id,
                        link=dashboard_link(config, item.id))


def _account_message(account: Account, kind: str, detail: str) -> AlertMessage:
    what = "needs reconnecting" if kind == "account_reconnect" else "has gone quiet"
    subject = f"[modbot] Account {account.name} ({account.platform}) {what}"
    body = "\n".join([detail, f"Last successful poll: "
                      f"{account.last_success_at.isoformat() if account.last_success_at else 'never'}",
                      f"Last error: {_short(account.last_error or 'none')}"])
    return AlertMessage(kind=kind, subject=subject, body=body, account_id=account.id)


# ---------------------------------------------------------------- checks


def alert_new_crisis(app: App) -> list[SentAlert]:
    """Alert on every open crisis item not alerted yet (called right after triage). Up to
    `SEPARATE_CRISIS_ALERTS` items get one alert each; more at once (a backfill) get one alert
    that lists them all, so the channel is not flooded and the alert still leaves in seconds."""
    waiting = (Item.category == "crisis", Item.alerted_at.is_(None), Item.status.in_(OPEN))
    with app.sessions.begin() as session:
        # Ids and platforms first: a backfill may hold thousands, and only a few are read whole.
        found = list(session.execute(select(Item.id, Item.platform).where(*waiting).order_by(Item.id)))
        if len(found) > SEPARATE_CRISIS_ALERTS:
            message = _crisis_batch_message(app.config, found)
            ids = [item_id for item_id, _ in found]
        else:
            rows = session.execute(  # the same few: a parallel poll may have added more since
                select(Item, Account.name).join(Account, Account.id == Item.account_id)
                .where(Item.id.in_([item_id for item_id, _ in found])).order_by(Item.id))
            messages = [_crisis_message(app.config, item, name) for item, name in rows]
    if len(found) <= SEPARATE_CRISIS_ALERTS:
        return [_send_for_item(app, message) for message in messages]
    sent = deliver(app, message, item_ids=ids)
    if sent.delivered:
        with app.sessions.begin() as session:
            session.execute(update(Item).where(Item.id.in_(ids)).values(alerted_at=utcnow()))
    return [sent]


def _crisis_batch_message(config: Config, items: Sequence[tuple[int, str]]) -> AlertMessage:
    """One alert for many crisis items, given as (id, platform)."""
    subject = f"[modbot] {len(items)} crisis items need attention"
    lines = [f"{len(items)} items triaged as crisis arrived at once (for example when a channel is "
             "first read). Open the queue filtered to crisis:",
             f"{dashboard_address(config)}?category=crisis", "Or: modbot queue --category crisis", ""]
    lines += [f"#{item_id} on {platform}: {dashboard_link(config, item_id)}"
              for item_id, platform in items[:BATCH_LINKS]]
    if len(items) > BATCH_LINKS:
        lines.append(f"... and {len(items) - BATCH_LINKS} more")
    if dashboard_hint(config):
        lines.append(dashboard_hint(config))
    return AlertMessage(kind="crisis", subject=subject, body="\n".join(lines),
                        link=f"{dashboard_address(config)}?category=crisis")


def _send_for_item(app: App, message: AlertMessage, now: datetime | None = None) -> SentAlert:
    sent = deliver(app, message)
    if sent.delivered:  # a failed delivery is tried again on the next check
        with app.sessions.begin() as session:
            item = session.get(Item, message.item_id)
            if item is not None:
                item.alerted_at = now or utcnow()
    return sent


def _reminders_sent(session: Session, item_id: int) -> int:
    return session.scalar(select(func.count(func.distinct(Alert.created_at))).where(
        Alert.item_id == item_id, Alert.kind == "crisis_reminder", Alert.status == "sent")) or 0


def remind_unopened(app: App, now: datetime | None = None) -> list[SentAlert]:
    now = now or utcnow()
    after = app.config.alerts.renotify_after
    messages = []
    with app.sessions.begin() as session:
        rows = session.execute(
            select(Item, Account.name).join(Account, Account.id == Item.account_id)
            .where(Item.category == "crisis", Item.first_viewed_at.is_(None), Item.status.in_(OPEN),
                   Item.alerted_at.is_not(None), Item.alerted_at <= now - after)
            .order_by(Item.id))
        for item, name in rows:
            count = _reminders_sent(session, item.id)
            if count < MAX_REMINDERS:
                messages.append(_crisis_message(app.config, item, name, reminder=count + 1, now=now))
    return [_send_for_item(app, message, now) for message in messages]


def check_accounts(app: App, now: datetime | None = None) -> list[SentAlert]:
    """Quiet or disconnected accounts, one alert per incident."""
    now = now or utcnow()
    messages = []
    with app.sessions.begin() as session:
        for account_config in app.config.accounts:
            account = session.scalar(select(Account).where(Account.name == account_config.name))
            if account is None:
                continue
            since = account.last_success_at or account.created_at
            if account.quiet_alerted_at is not None and account.quiet_alerted_at >= since:
                continue  # already alerted for this incident
            if account.state == "reconnect_required":
                messages.append(_account_message(account, "account_reconnect",
                                                 f"Run `modbot connect {account.name}` to sign in again."))
            elif now - since >= QUIET_INTERVALS * account_config.poll_every:
                messages.append(_account_message(account, "account_quiet", (
                    f"No successful poll for {int((now - since).total_seconds() // 60)} min "
                    f"(polls every {int(account_config.poll_every.total_seconds() // 60)} min).")))
    sent = []
    for message in messages:
        result = deliver(app, message)
        if result.delivered:
            with app.sessions.begin() as session:
                account = session.get(Account, message.account_id)
                if account is not None:
                    account.quiet_alerted_at = now
        sent.append(result)
    return sent


DIGEST_EVERY = timedelta(days=1)


def digest_due(app: App, now: datetime) -> bool:
    with app.reads() as session:
        last = session.scalar(select(func.max(Alert.created_at)).where(
            Alert.kind == "digest", Alert.status == "sent"))
    return app.config.alerts.daily_digest and (last is None or now - last >= DIGEST_EVERY)


def _digest_message(app: App) -> AlertMessage:
    """Open items per category and the newest signed audit checkpoint. Sent off the machine, the
    checkpoint is a copy nobody with shell access to the home can rewrite afterwards."""
    with app.reads() as session:
        counts = storage.count_by_category(session)
    order = ("crisis", "client", "advice", "engagement", "untriaged")
    lines = ["Open items: " + (", ".join(f"{counts[c]} {c}" for c in order if counts.get(c)) or "none")]
    try:
        audit.checkpoint(app)  # sign the current state first (refused when the log is broken)
        with app.reads() as session:
            result = audit.verify(session, audit.trail_of(app.sessions))
        newest = result.checkpoint
        if not result.ok or newest is None:
            where = f" at event #{result.broken_id}" if result.broken_id is not None else ""
            raise StorageError(f"audit log BROKEN{where}: {result.problem or 'no signed checkpoint'}")
        lines += [f"Audit checkpoint: {newest.count} events, head {newest.head}",
                  f"(signed {newest.at}; keep this message: `modbot audit list --json` must show "
                  f"event #{newest.last_id} with this hash)"]
    except StorageError as exc:
        lines.append(f"AUDIT LOG PROBLEM: {exc}")
    lines.append(f"Dashboard: {dashboard_address(app.config)}")
    return AlertMessage(kind="digest", subject="[modbot] Daily digest", body="\n".join(lines))


def send_digest(app: App, now: datetime | None = None) -> list[SentAlert]:
    """The daily digest (`[alerts] daily_digest`), when a day has passed since the last one."""
    if not digest_due(app, now or utcnow()):
        return []
    return [deliver(app, _digest_message(app))]


def check(app: App, now: datetime | None = None) -> list[SentAlert]:
    """Everything the scheduler's alert job does: new crisis, reminders, quiet accounts, digest."""
    return (alert_new_crisis(app) + remind_unopened(app, now) + check_accounts(app, now)
            + send_digest(app, now))


# ---------------------------------------------------------------- response times


@dataclass(frozen=True)
class Durations:
    """Median and 90th percentile of each step in seconds (None when nothing to measure)."""

    count: int
    arrival_to_view: dict[str, float | None]
    view_to_decision: dict[str, float | None]
    decision_to_post: dict[str, float | None]
    arrival_to_post: dict[str, float | None]
    viewed_within_target: float | None = None  # crisis only: share first viewed within crisis_target

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "arrival_to_view": self.arrival_to_view,
                "view_to_decision": self.view_to_decision, "decision_to_post": self.decision_to_post,
                "arrival_to_post": self.arrival_to_post, "viewed_within_target": self.viewed_within_target}


def _stats(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "p90": None, "n": 0}
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {"median": round(statistics.median(ordered), 1), "p90": round(p90, 1), "n": len(ordered)}


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None or end < start:
        return None
    return (end - start).total_seconds()


def response_times(app: App, *, since: datetime | None = None) -> dict[str, Durations]:
    """Arrival -> first view -> decision -> posted, per category (arrival = when modbot fetched it)."""
    target = app.config.alerts.crisis_target
    with app.sessions.begin() as session:
        query = select(Item.category, Item.fetched_at, Item.first_viewed_at, Item.decided_at,
                       Item.posted_at).where(Item.category.is_not(None))
        if since is not None:
            query = query.where(Item.fetched_at >= since)
        rows = list(session.execute(query))
    out: dict[str, Durations] = {}
    for category in sorted({str(row[0]) for row in rows}):
        mine = [row for row in rows if row[0] == category]
        steps: dict[str, list[float]] = {"view": [], "decide": [], "post": [], "total": []}
        for _, fetched, viewed, decided, posted in mine:
            for key, start, end in (("view", fetched, viewed), ("decide", viewed, decided),
                                    ("post", decided, posted), ("total", fetched, posted)):
                seconds = _seconds(start, end)
                if seconds is not None:
                    steps[key].append(seconds)
        within = None
        if category == "crisis" and mine:
            within = round(sum(1 for s in steps["view"] if s <= target.total_seconds()) / len(mine), 3)
        out[category] = Durations(len(mine), _stats(steps["view"]), _stats(steps["decide"]),
                                  _stats(steps["post"]), _stats(steps["total"]), within)
    return out
