"""Crisis alerts (webhook, SMTP, log), reminders, quiet accounts, and response-time figures."""

from __future__ import annotations

import base64
import json
import logging
import socketserver
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot import alerts, approval, storage
from bot.app import App
from bot.models import Account, Alert, Item, utcnow
from tests.test_approval_support import ASSISTANT, AUDITOR, add_item, item, workflow_app

CRISIS_TEXT = "I have a plan to end my life tonight"


class Webhook:
    """A JSON webhook receiver on 127.0.0.1 (what Slack and Teams incoming webhooks accept)."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.status = 200
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                assert self.headers["Content-Type"] == "application/json"
                hook.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(hook.status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/abc"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Smtp:
    """A minimal SMTP server on 127.0.0.1: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.logins: list[str] = []
        smtp = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 fake ESMTP\r\n")
                while line := self.rfile.readline():
                    command = line.decode().strip()
                    verb = command.split(" ", 1)[0].upper()
                    if verb == "EHLO":
                        self.wfile.write(b"250-fake\r\n250-AUTH PLAIN\r\n250 OK\r\n")
                    elif verb == "AUTH":
                        smtp.logins.append(base64.b64decode(command.split()[-1]).decode())
                        self.wfile.write(b"235 ok\r\n")
                    elif verb == "DATA":
                        self.wfile.write(b"354 go\r\n")
                        lines = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(data.decode())
                        smtp.messages.append("".join(lines))
                        self.wfile.write(b"250 queued\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 OK\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    yield server
    server.close()


def crisis(app: App) -> int:
    return add_item(app, CRISIS_TEXT, category="crisis",
                    suggestions=[("crisis_support", "Please call or text 988 now.")])


def test_crisis_alert_by_webhook_carries_no_comment_text(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    item_id = crisis(app)
    add_item(app)  # engagement: no alert
    (sent,) = alerts.alert_new_crisis(app)
    assert sent.delivered
    (body,) = webhook.bodies
    assert set(body) == {"text"}
    assert f"#{item_id}" in body["text"] and "file" in body["text"]
    assert f"/items/{item_id}" in body["text"]
    assert "plan" not in body["text"] and CRISIS_TEXT not in body["text"]
    assert item(app, item_id).alerted_at is not None
    assert alerts.alert_new_crisis(app) == []  # once
    with app.sessions() as session:
        (row,) = session.scalars(select(Alert))
    assert (row.kind, row.channel, row.status, row.item_id) == ("crisis", "webhook", "sent", item_id)


def test_text_is_included_only_when_configured(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\ninclude_text = true\n')
    crisis(app)
    alerts.alert_new_crisis(app)
    assert CRISIS_TEXT in webhook.bodies[0]["text"]


def test_crisis_alert_by_email(home: Path, smtp: Smtp) -> None:
    app = workflow_app(home, f'\n[alerts]\nemail_to = "dr@example.org"\nsmtp_host = "127.0.0.1"\n'
                             f'smtp_port = {smtp.port}\nsmtp_starttls = false\nsmtp_username = "bot"\n')
    app.secrets.write_json("smtp", {"password": "s3cret-pass"})
    item_id = crisis(app)
    (sent,) = alerts.alert_new_crisis(app)
    assert [d.channel for d in sent.deliveries] == ["email"] and sent.delivered
    (message,) = smtp.messages
    assert f"Crisis item #{item_id}" in message and "To: dr@example.org" in message
    assert "plan to end" not in message
    assert smtp.logins == ["\0bot\0s3cret-pass"]


def test_failed_channel_is_recorded_and_retried(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    item_id = crisis(app)
    webhook.status = 500
    (sent,) = alerts.alert_new_crisis(app)
    assert not sent.delivered and "HTTPError" in (sent.deliveries[0].error or "")
    assert item(app, item_id).alerted_at is None
    webhook.status = 200
    (again,) = alerts.alert_new_crisis(app)
    assert again.delivered
    with app.sessions() as session:
        assert [a.status for a in session.scalars(select(Alert).order_by(Alert.id))] == ["failed", "sent"]


def test_without_channels_the_alert_goes_to_the_log(home: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = workflow_app(home)
    item_id = crisis(app)
    with caplog.at_level(logging.WARNING, logger="bot.alerts"):
        (sent,) = alerts.alert_new_crisis(app)
    assert sent.deliveries[0].channel == "log"
    assert f"#{item_id}" in caplog.text and "plan" not in caplog.text


def test_reminders_until_someone_opens_it(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\nrenotify_after = "10m"\n')
    item_id = crisis(app)
    alerts.alert_new_crisis(app)
    assert alerts.remind_unopened(app) == []  # not yet
    later = utcnow() + timedelta(minutes=11)
    (reminder,) = alerts.remind_unopened(app, later)
    assert reminder.message.kind == "crisis_reminder" and "reminder 1" in reminder.message.subject
    assert alerts.remind_unopened(app, later) == []  # the reminder restarted the clock
    approval.open_item(app, item_id, AUDITOR)  # an auditor looking is not a response
    assert len(alerts.remind_unopened(app, later + timedelta(minutes=11))) == 1
    approval.open_item(app, item_id, ASSISTANT)
    assert alerts.remind_unopened(app, later + timedelta(hours=5)) == []


def test_reminders_stop_after_a_few(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\nrenotify_after = "1m"\n')
    crisis(app)
    alerts.alert_new_crisis(app)
    sent = sum(len(alerts.remind_unopened(app, utcnow() + timedelta(hours=n))) for n in range(1, 8))
    assert sent == alerts.MAX_REMINDERS


def _account(app: App, **values: Any) -> None:
    with app.sessions.begin() as session:
        account = storage.ensure_account(session, app.config.account("inbox"))
        session.execute(update(Account).where(Account.id == account.id).values(**values))


def test_quiet_account_alerts_once_per_incident(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    now = utcnow()
    _account(app, last_success_at=now - timedelta(minutes=14))
    assert alerts.check_accounts(app, now) == []  # 14 min < 3 x 5 min
    _account(app, last_success_at=now - timedelta(minutes=16), last_error="503 from the platform")
    (sent,) = alerts.check_accounts(app, now)
    assert sent.message.kind == "account_quiet" and "inbox" in webhook.bodies[-1]["text"]
    assert alerts.check_accounts(app, now + timedelta(hours=1)) == []
    # A successful poll ends the incident; going quiet again is a new one.
    later = now + timedelta(hours=2)
    _account(app, last_success_at=later)
    assert alerts.check_accounts(app, later) == []
    assert len(alerts.check_accounts(app, later + timedelta(minutes=20))) == 1


def test_reconnect_required_alerts_once(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    _account(app, last_success_at=utcnow(), state="reconnect_required", last_error="token revoked")
    (sent,) = alerts.check(app)
    assert sent.message.kind == "account_reconnect" and "modbot connect inbox" in webhook.bodies[0]["text"]
    assert alerts.check(app) == []


def test_response_times_per_category(home: Path) -> None:
    app = workflow_app(home)
    base = utcnow() - timedelta(hours=1)
    timings = [("crisis", 60, 120, 30), ("crisis", 3600, None, None), ("engagement", 600, 60, 10)]
    for category, view, decide, post in timings:
        item_id = add_item(app, category=category)
        values: dict[str, Any] = {"fetched_at": base, "first_viewed_at": base + timedelta(seconds=view)}
        if decide is not None:
            values["decided_at"] = values["first_viewed_at"] + timedelta(seconds=decide)
            values["posted_at"] = values["decided_at"] + timedelta(seconds=post)
        with app.sessions.begin() as session:
            session.execute(update(Item).where(Item.id == item_id).values(**values))
    figures = alerts.response_times(app)
    assert figures["crisis"].count == 2
    assert figures["crisis"].arrival_to_view == {"median": 1830.0, "p90": 3600.0, "n": 2}
    assert figures["crisis"].decision_to_post["median"] == 30.0
    assert figures["crisis"].viewed_within_target == 0.5  # 30-minute target by default
    assert figures["engagement"].arrival_to_post["median"] == 670.0
    assert json.dumps(figures["engagement"].as_dict())


def test_alerts_check_command(home: Path, webhook: Webhook, runner: Any) -> None:
    from bot.cli import cli

    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    item_id = crisis(app)
    result = runner.invoke(cli, ["--home", str(home), "alerts", "check"])
    assert result.exit_code == 0, result.output
    assert f"Crisis item #{item_id}" in result.output and "1 alert(s) sent" in result.output
    webhook.status = 500
    _account(app, last_success_at=utcnow() - timedelta(days=1))
    result = runner.invoke(cli, ["--home", str(home), "alerts", "check"])
    assert result.exit_code == 1 and "FAILED" in result.output


def test_many_crisis_items_at_once_share_one_alert_that_lists_them(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    ids = [crisis(app) for _ in range(alerts.SEPARATE_CRISIS_ALERTS + 2)]
    (sent,) = alerts.alert_new_crisis(app)
    assert sent.delivered
    (body,) = webhook.bodies
    assert f"{len(ids)} crisis items need attention" in body["text"]
    assert all(f"/items/{item_id}" in body["text"] for item_id in ids)
    assert "category=crisis" in body["text"] and CRISIS_TEXT not in body["text"]
    assert all(item(app, item_id).alerted_at is not None for item_id in ids)
    assert alerts.alert_new_crisis(app) == []
    with app.sessions() as session:
        assert sorted(a.item_id for a in session.scalars(select(Alert))) == ids  # one row per item
