"""Erasure and retention (`modbot erase`): the text and the handle leave every table, the audit
still verifies, and a byte scan of the database files (SQLite .db/-wal/-shm; PostgreSQL's data
directory) finds none of it afterwards."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text, update

from bot import alerts, approval, audit, erasure, outbox, scheduler
from bot.app import App, open_app
from bot.cli import cli
from bot.models import AuditEvent, Decision, Item, OutboxRow, SuggestionRow, TriageResult, utcnow
from tests.test_alerts import Webhook
from tests.test_approval_support import ASSISTANT, OWNER, add_item, workflow_app, write_config

SECRET = "Zebrafinch-7731 my neighbour Mrs Quill knows I called the crisis line twice"
HANDLE = "quill_watcher_4411"
FILLER = "An ordinary comment about the video, number {n}, with some padding to fill pages. " * 3


def _home_args(home: Path, app: App) -> list[str]:
    return ["--home", str(home), "--database-url", app.engine.url.render_as_string(hide_password=False)]


def _seed(app: App) -> dict[str, int]:
    """The author's items in every state that keeps a copy, among many other items."""
    ids: dict[str, int] = {}
    for n in range(150):
        add_item(app, FILLER.format(n=n), author=f"viewer{n}")
        if n == 40:
            # approved with an edit naming the author, then posted
            ids["posted"] = add_item(app, SECRET + " (posted)", author=HANDLE)
            approval.approve(app, ids["posted"], ASSISTANT, text=f"Thank you @{HANDLE}, take good care.")
        if n == 80:
            ids["rejected"] = add_item(app, SECRET + " (rejected)", author="@" + HANDLE.upper())
            approval.reject(app, ids["rejected"], ASSISTANT, note=f"{HANDLE} said: {SECRET[:40]}")
        if n == 100:
            # longer than a page: SQLite keeps it in overflow pages, and each status change
            # rewrites them, leaving old copies in free pages (what VACUUM removes)
            ids["long"] = add_item(app, " ".join([SECRET] * 80), author=HANDLE)
            approval.dismiss(app, ids["long"], ASSISTANT)
        if n == 120:
            ids["corrected"] = add_item(app, SECRET + " (corrected)", author=HANDLE)
            approval.change_category(app, ids["corrected"], OWNER, "crisis")
    assert outbox.post_once(app).posted == 1
    ids["pending"] = add_item(app, SECRET + " (pending)", author=HANDLE)
    approval.approve(app, ids["pending"], ASSISTANT, text="Thanks for watching!")
    ids["other"] = add_item(app, "Someone else entirely", author="bystander")
    return ids


def _database_files(app: App) -> Iterator[Path]:
    """The files that hold the database: SQLite's three, or this database's PostgreSQL heap,
    TOAST, index and map files and the server's WAL segments (pg_wal)."""
    if app.engine.dialect.name == "sqlite":
        database = Path(app.engine.url.database or "")
        yield from (p for p in (database, Path(f"{database}-wal"), Path(f"{database}-shm")) if p.exists())
        return
    with app.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("CHECKPOINT")
        data_dir = Path(connection.exec_driver_sql("SHOW data_directory").scalar_one())
        oid = connection.exec_driver_sql(
            "SELECT oid FROM pg_database WHERE datname = current_database()").scalar_one()
    yield from (p for p in (data_dir / "base" / str(oid)).rglob("*") if p.is_file())
    yield from (p for p in (data_dir / "pg_wal").iterdir() if p.is_file())


def _found(app: App, *needles: str) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for path in _database_files(app):
        data = path.read_bytes().lower()
        for needle in needles:
            if needle.lower().encode() in data:
                hits.setdefault(needle, []).append(path.name)
    return hits


@pytest.fixture
def backend_app(tmp_path: Path, database_url: str) -> Iterator[App]:
    home = tmp_path / "home"
    home.mkdir()
    app = workflow_app(home, database_url=database_url)
    if app.engine.dialect.name == "sqlite":
        # Many SQLite builds (not Debian's) free space without zeroing it: seed the items that way.
        event.listen(app.engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA secure_delete=OFF"))
        app.engine.dispose()
    yield app
    app.engine.dispose()


def test_erase_author_leaves_no_copy_in_the_database_files(backend_app: App, runner: Any) -> None:
    app, home = backend_app, backend_app.config.home
    ids = _seed(app)
    needles = ("Zebrafinch-7731", "Mrs Quill", HANDLE)
    # The scan sees the text before erasure: it is a real check, not an empty one.
    assert set(_found(app, *needles)) == set(needles)

    result = runner.invoke(cli, [*_home_args(home, app), "erase", "--author", HANDLE])

    assert result.exit_code == 0, result.output
    erased = sorted(v for k, v in ids.items() if k != "other")
    assert f"erased {len(erased)} item(s) ({', '.join(map(str, erased))})" in result.output
    assert "cancelled outbox #" in result.output and f"(item {ids['pending']})" in result.output
    assert "1 reviewer correction(s) removed: run `modbot train`" in result.output
    assert _found(app, *needles) == {}
    with app.reads() as session:
        assert audit.verify(session, audit.trail_of(app.sessions)).ok

    with app.reads() as session:
        for item_id in erased:
            row = session.get_one(Item, item_id)
            assert row.text == erasure.ERASED_TEXT
            assert (row.author, row.author_id, row.permalink, row.context_title) == (None, None, None, None)
            assert row.external_id.startswith("ext-")  # ids stay: a re-poll does not re-import it
            assert not session.scalars(select(SuggestionRow).where(SuggestionRow.item_id == item_id)).all()
            assert all(not t.reasons and t.source != "reviewer" for t in session.scalars(
                select(TriageResult).where(TriageResult.item_id == item_id)))
            assert all(d.text is None and d.note is None for d in session.scalars(
                select(Decision).where(Decision.item_id == item_id)))
        assert session.get_one(Item, ids["other"]).text == "Someone else entirely"
        posted = session.scalars(select(OutboxRow).where(OutboxRow.item_id == ids["posted"])).one()
        assert (posted.status, posted.text, posted.platform_reply_id is not None) == ("posted", None, True)
        pending = session.scalars(select(OutboxRow).where(OutboxRow.item_id == ids["pending"])).one()
        assert (pending.status, pending.text) == ("failed", None)
        assert pending.last_error is not None and "erased" in pending.last_error
        statuses = {item_id: session.get_one(Item, item_id).status for item_id in erased}
        assert statuses == {ids["posted"]: "posted", ids["rejected"]: "rejected", ids["long"]: "dismissed",
                            ids["corrected"]: "dismissed", ids["pending"]: "dismissed"}
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions.count("erase") == len(erased) and actions[-1] == "redact"

    # The cancelled reply is never sent, and its missing text raises no tamper alarm.
    summary = outbox.post_once(app)
    assert (summary.posted, summary.refused, summary.failed) == (0, 0, 0)


@pytest.mark.parametrize("args, message", [
    (["--item", "999"], "Error: no item with id 999"),
    (["--author", "nobody_here"], "Error: no items by author 'nobody_here'"),
    (["--author", HANDLE, "--platform", "reddit"], f"Error: no items by author {HANDLE!r} on reddit"),
])
def test_erase_of_something_unknown_is_one_line_and_fails(home: Path, runner: Any, args: list[str],
                                                          message: str) -> None:
    app = workflow_app(home)
    add_item(app, SECRET, author=HANDLE)  # on platform "file"
    result = runner.invoke(cli, ["--home", str(home), "erase", *args])
    assert result.exit_code == 1
    assert result.output.startswith(message) and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [[], ["--item", "1", "--author", "x"],
                                  ["--platform", "reddit", "--item", "1"]])
def test_erase_needs_exactly_one_target(home: Path, runner: Any, args: list[str]) -> None:
    result = runner.invoke(cli, ["--home", str(home), "erase", *args])
    assert result.exit_code == 2 and "Error:" in result.output


def test_erased_item_shows_as_erased_in_show_queue_and_export(home: Path, runner: Any) -> None:
    app = workflow_app(home)
    item_id = add_item(app, SECRET, author=HANDLE)
    first = runner.invoke(cli, ["--home", str(home), "erase", "--item", str(item_id)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["--home", str(home), "erase", "--item", str(item_id)])
    assert again.exit_code == 0 and f"already erased: item {item_id}" in again.output

    shown = runner.invoke(cli, ["--home", str(home), "show", str(item_id)])
    assert shown.exit_code == 0 and erasure.ERASED_TEXT in shown.output and "[dismissed]" in shown.output
    data = json.loads(runner.invoke(cli, ["--home", str(home), "show", str(item_id), "--json"]).output)
    assert (data["text"], data["author"], data["suggestions"]) == (erasure.ERASED_TEXT, None, [])
    listed = runner.invoke(cli, ["--home", str(home), "queue", "--status", "all"])
    assert listed.exit_code == 0 and erasure.ERASED_TEXT in listed.output
    exported = runner.invoke(cli, ["--home", str(home), "export"])
    assert exported.exit_code == 0 and SECRET not in exported.output and HANDLE not in exported.output


def test_erased_items_show_on_the_dashboard(tmp_path: Path, runner: Any) -> None:
    from bot.web import create_app
    from tests.web_support import XSS, build_home, login

    home = tmp_path / "site"
    seed = build_home(home)
    for item_id in (seed.crisis, seed.xss):
        assert runner.invoke(cli, ["--home", str(home), "erase", "--item", str(item_id)]).exit_code == 0
    client = create_app(open_app(home), testing=True).test_client()
    assert login(client, "olivia").status_code == 303
    for path in ("/queue", "/queue?status=dismissed", "/queue?status=all",
                 f"/items/{seed.crisis}", f"/items/{seed.xss}", "/audit", "/stats"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert "want to be here anymore" not in page and XSS not in page and "hurting" not in page
    assert erasure.ERASED_TEXT in client.get(f"/items/{seed.crisis}").get_data(as_text=True)


def _approved_reply(home: Path, status: str) -> tuple[App, int, int]:
    """(app, item id, outbox row id): an item with an approved reply left in `status`."""
    app = workflow_app(home)
    item_id = add_item(app, SECRET, author=HANDLE)
    row_id = approval.approve(app, item_id, ASSISTANT, text="Thanks for watching!")
    with app.sessions.begin() as session:
        session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(status=status))
    return app, item_id, row_id


def test_a_reply_being_posted_refuses_erasure(home: Path, runner: Any) -> None:
    app, item_id, _row_id = _approved_reply(home, "posting")
    result = runner.invoke(cli, ["--home", str(home), "erase", "--item", str(item_id)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: a reply to item {item_id} is being posted right now: "
                                     "nothing was erased; run the erase again in a minute")
    with app.reads() as session:
        assert session.get_one(Item, item_id).text == SECRET


def test_an_unclear_reply_is_cancelled_with_a_warning(home: Path, runner: Any) -> None:
    app, item_id, row_id = _approved_reply(home, "unknown")
    result = runner.invoke(cli, ["--home", str(home), "erase", "--item", str(item_id)])
    assert result.exit_code == 0
    warning = f"WARNING: outbox #{row_id} (item {item_id}) was cancelled with an unclear outcome"
    assert warning in result.output
    assert outbox.post_once(app).refused == 0


# ---------------------------------------------------------------- retention


def _age(app: App, item_id: int, days: int) -> None:
    with app.sessions.begin() as session:
        session.execute(update(Item).where(Item.id == item_id)
                        .values(fetched_at=utcnow() - timedelta(days=days)))


def test_retention_erases_only_text_older_than_configured(home: Path, runner: Any) -> None:
    app = workflow_app(home, "\n[retention]\ncomment_text_days = 30\n")
    old, recent = add_item(app, SECRET, author=HANDLE), add_item(app, "A recent comment", author="fresh")
    _age(app, old, 31)
    _age(app, recent, 29)
    result = runner.invoke(cli, ["--home", str(home), "erase", "--expired"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"erased 1 item(s) ({old})")
    with app.reads() as session:
        assert session.get_one(Item, old).text == erasure.ERASED_TEXT
        assert session.get_one(Item, recent).text == "A recent comment"
        assert audit.verify(session, audit.trail_of(app.sessions)).ok
        erases = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase"))
        reasons = [event.data["reason"] for event in erases]
    assert reasons == ["retention: fetched more than 30 days ago"]
    assert _found(app, "Zebrafinch-7731", HANDLE) == {}
    again = runner.invoke(cli, ["--home", str(home), "erase", "--expired"])
    assert (again.exit_code, again.output.strip()) == (0, "nothing to erase")


def test_retention_is_off_by_default(home: Path, runner: Any) -> None:
    app = workflow_app(home)
    _age(app, add_item(app, SECRET), 4000)
    result = runner.invoke(cli, ["--home", str(home), "erase", "--expired"])
    assert result.exit_code == 0 and "retention is off" in result.output
    assert "retention" not in {job.id for job in scheduler.build_scheduler(app).get_jobs()}


def test_the_scheduler_runs_retention_when_configured(home: Path) -> None:
    app = workflow_app(home, "\n[retention]\ncomment_text_days = 7\n")
    old = add_item(app, SECRET, author=HANDLE)
    _age(app, old, 8)
    jobs = {job.id: job for job in scheduler.build_scheduler(app).get_jobs()}
    assert jobs["retention"].trigger.interval == timedelta(days=1)
    jobs["retention"].func()
    with app.reads() as session:
        assert session.get_one(Item, old).text == erasure.ERASED_TEXT


def test_retention_days_must_be_a_whole_number(home: Path, runner: Any) -> None:
    write_config(home, '\n[retention]\ncomment_text_days = "soon"\n')
    result = runner.invoke(cli, ["--home", str(home), "erase", "--expired"])
    assert result.exit_code == 1
    assert "[retention] comment_text_days: expected a whole number" in result.output


# ---------------------------------------------------------------- digest


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


def test_daily_digest_carries_the_newest_signed_checkpoint(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\ndaily_digest = true\n')
    add_item(app, SECRET, author=HANDLE)
    approval.open_item(app, 1, ASSISTANT)
    sent = alerts.check(app)
    assert [s.message.kind for s in sent] == ["digest"]
    (body,) = [b["text"] for b in webhook.bodies]
    match = re.search(r"Audit checkpoint: (\d+) events, head ([0-9a-f]{64})", body)
    assert match, body
    count, head = int(match[1]), match[2]
    points, _ = audit.trail_of(app.sessions).checkpoints()
    assert (count, head) == max((p.count, p.head) for p in points if p.count <= count)  # signed
    with app.reads() as session:
        hashes = list(session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id)))
    assert hashes[count - 1] == head and len(hashes) == count + 1  # + the digest's own alert event
    assert "Open items: 1 engagement" in body and SECRET not in body and HANDLE not in body
    assert alerts.check(app) == []  # once a day
    later = alerts.check(app, utcnow() + timedelta(days=1, minutes=1))
    assert [s.message.kind for s in later if s.message.kind == "digest"] == ["digest"]


def test_digest_reports_a_broken_audit_log(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\ndaily_digest = true\n')
    approval.open_item(app, add_item(app), ASSISTANT)
    with app.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_events_no_update"))
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 1"))
    alerts.check(app)
    assert "AUDIT LOG PROBLEM: audit log BROKEN at event #1" in webhook.bodies[0]["text"]


def test_no_digest_unless_configured(home: Path, webhook: Webhook) -> None:
    app = workflow_app(home, f'\n[alerts]\nwebhook_url = "{webhook.url}"\n')
    assert alerts.check(app) == [] and webhook.bodies == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_erasure_removes_the_items_from_exports_modbot_wrote(
    home: Path, tmp_path: Path, runner: Any, fmt: str
) -> None:
    app = workflow_app(home)
    mine = add_item(app, SECRET, author=HANDLE)
    other = add_item(app, "Someone else entirely", author="bystander")
    target = tmp_path / f"items.{fmt}"
    exported = runner.invoke(cli, ["--home", str(home), "export", "--format", fmt, "--output", str(target)])
    assert exported.exit_code == 0, exported.output
    assert SECRET in target.read_text() and HANDLE in target.read_text()

    result = runner.invoke(cli, ["--home", str(home), "erase", "--item", str(mine)])

    assert result.exit_code == 0, result.output
    assert f"removed from the export modbot wrote to {target}" in result.output
    text = target.read_text()
    assert SECRET not in text and HANDLE not in text
    assert "Someone else entirely" in text and str(other) in text  # the rest stays
    assert target.stat().st_mode & 0o777 == 0o600
