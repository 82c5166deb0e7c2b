"""The poster: exactly one reply per approval across crashes, timeouts, 503s and retries.

The file connector is the platform here (it appends replies to `<inbox>.replies.jsonl` and finds
them again); a wrapper injects faults between the steps. A subprocess SIGKILLed mid-post stands
in for a crashed poster.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot import approval, outbox, storage
from bot.app import App
from bot.domain import InboundItem
from bot.errors import PlatformUnavailable, PostOutcomeUnknown, QuotaExceeded, RateLimited, TargetGone
from bot.models import OutboxRow, utcnow
from bot.quota import quota_day
from tests.test_approval_support import (
    ASSISTANT,
    OWNER,
    add_item,
    audit_actions,
    audit_data,
    item,
    workflow_app,
)


class Crash(BaseException):
    """Stands in for the process dying: nothing after it runs."""


class Faulty:
    """Wraps the real connector and injects one fault per call, in order."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.post_faults: list[str] = []
        self.find_faults: list[str] = []
        self.posts = 0
        self.finds = 0
        self.platform = inner.platform

    def post_reply(self, target: InboundItem, text: str) -> str:
        self.posts += 1
        fault = self.post_faults.pop(0) if self.post_faults else None
        if fault == "crash_before":
            raise Crash()
        if fault == "unavailable_before":
            raise PlatformUnavailable("connection refused")
        if fault == "rate_limited":
            raise RateLimited("slow down", retry_after=60)
        if fault == "quota":
            raise QuotaExceeded("quota spent")
        if fault == "gone":
            raise TargetGone("comments are disabled on this video")
        reply_id = self.inner.post_reply(target, text)
        if fault == "503_after_save":
            raise PostOutcomeUnknown("503 Service Unavailable")
        if fault == "timeout_after_save":
            raise TimeoutError("timed out")
        if fault == "crash_after":
            raise Crash()
        return str(reply_id)

    def find_reply(self, target: InboundItem, text: str) -> str | None:
        self.finds += 1
        fault = self.find_faults.pop(0) if self.find_faults else None
        if fault == "unavailable":
            raise PlatformUnavailable("503")
        return self.inner.find_reply(target, text)  # type: ignore[no-any-return]

    def moderate(self, target: InboundItem, action: str) -> None:
        self.inner.moderate(target, action)

    def poll(self, *args: Any) -> Any:
        return self.inner.poll(*args)


@pytest.fixture
def app(home: Path) -> App:
    return workflow_app(home)


@pytest.fixture
def faulty(app: App, monkeypatch: pytest.MonkeyPatch) -> Faulty:
    real = App.connector
    wrapper = Faulty(real(app, app.config.account("inbox")))
    monkeypatch.setattr(app, "connector", lambda account: wrapper)
    return wrapper


def replies(app: App) -> list[dict[str, Any]]:
    path = Path(str(app.config.account("inbox").path) + ".replies.jsonl")
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def row(app: App, row_id: int) -> OutboxRow:
    with app.sessions() as session:
        found = session.get(OutboxRow, row_id)
        assert found is not None
        return found


def approved(app: App, text: str = "Thank you for watching!") -> tuple[int, int]:
    item_id = add_item(app, suggestions=[("engagement_thanks", text)])
    return item_id, approval.approve(app, item_id, ASSISTANT)


def test_posts_each_approval_once(app: App) -> None:
    item_id, row_id = approved(app)
    summary = outbox.post_once(app)
    assert summary.posted == 1 and summary.line().startswith("posted 1")
    assert outbox.post_once(app).posted == 0
    (reply,) = replies(app)
    stored = row(app, row_id)
    assert stored.status == "posted" and stored.platform_reply_id == reply["id"] and stored.attempts == 1
    assert item(app, item_id).status == "posted" and item(app, item_id).posted_at is not None
    assert audit_actions(app, item_id)[-2:] == ["post.attempt", "post.result"]


@pytest.mark.parametrize("fault", ["503_after_save", "timeout_after_save"])
def test_saved_but_unclear_answer_is_found_not_resent(app: App, faulty: Faulty, fault: str) -> None:
    item_id, row_id = approved(app)
    faulty.post_faults = [fault]
    summary = outbox.post_once(app)
    assert summary.posted == 1 and summary.unknown == 0
    assert len(replies(app)) == 1 and faulty.posts == 1
    assert row(app, row_id).status == "posted" and item(app, item_id).status == "posted"
    outbox.post_once(app)
    assert len(replies(app)) == 1


def test_unclear_and_not_saved_is_sent_again_only_after_checking(app: App, faulty: Faulty) -> None:
    item_id, row_id = approved(app)
    faulty.post_faults = ["unavailable_before"]
    summary = outbox.post_once(app)
    assert summary.unknown == 1 and replies(app) == []
    assert row(app, row_id).status == "unknown" and item(app, item_id).status == "unknown"
    assert "will check the platform" in (row(app, row_id).last_error or "")
    finds = faulty.finds
    outbox.post_once(app)
    assert faulty.finds == finds + 1  # looked before sending
    assert len(replies(app)) == 1 and row(app, row_id).status == "posted"


def test_unknown_row_is_never_resent_while_the_platform_cannot_be_checked(app: App, faulty: Faulty) -> None:
    _, row_id = approved(app)
    faulty.post_faults = ["unavailable_before"]
    faulty.find_faults = ["unavailable", "unavailable"]
    outbox.post_once(app)
    outbox.post_once(app)
    assert faulty.posts == 1 and replies(app) == [] and row(app, row_id).status == "unknown"
    assert "could not check" in (row(app, row_id).last_error or "")
    outbox.post_once(app)
    assert len(replies(app)) == 1 and row(app, row_id).status == "posted"


@pytest.mark.parametrize("fault", ["crash_before", "crash_after"])
def test_a_poster_that_dies_mid_post_leaves_exactly_one_reply(app: App, faulty: Faulty, fault: str) -> None:
    item_id, row_id = approved(app)
    faulty.post_faults = [fault]
    with pytest.raises(Crash):
        outbox.post_once(app)
    assert row(app, row_id).status == "posting"  # the claim was committed before the call
    # A new poster right away does not touch a fresh claim held by a live poster ...
    assert outbox.post_once(app).posted == 0
    # ... but treats it as unknown once stale, and looks before any re-send.
    summary = outbox.post_once(app, stale_after=timedelta(0))
    assert summary.posted + summary.reconciled == 1
    assert len(replies(app)) == 1 and row(app, row_id).status == "posted"
    assert "post.stale" in audit_actions(app, item_id)


POSTER = textwrap.dedent("""
    import os, signal, sys
    from bot.app import App, open_app
    from bot import outbox

    app = open_app(sys.argv[1])
    real = App.connector
    step = sys.argv[2]

    class Dying:
        def __init__(self, inner):
            self.inner, self.platform = inner, inner.platform
        def post_reply(self, item, text):
            if step == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            reply = self.inner.post_reply(item, text)
            os.kill(os.getpid(), signal.SIGKILL)
            return reply
        def find_reply(self, item, text):
            if step == "reconcile":
                os.kill(os.getpid(), signal.SIGKILL)
            return self.inner.find_reply(item, text)

    app.connector = lambda account: Dying(real(app, account))
    outbox.post_once(app)
""")


def _kill_poster(home: Path, step: str) -> None:
    env = {**os.environ, "MODBOT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", POSTER, str(home), step], env=env, capture_output=True,
                          timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]


@pytest.mark.parametrize("step", ["before", "after"])
def test_sigkilled_poster_is_recovered_by_the_next_one(app: App, home: Path, step: str) -> None:
    item_id, row_id = approved(app)
    _kill_poster(home, step)
    assert row(app, row_id).status == "posting"
    assert len(replies(app)) == (0 if step == "before" else 1)
    summary = outbox.post_once(app)  # the dead poster's claim is stale at once: its pid is gone
    assert summary.posted + summary.reconciled == 1
    assert len(replies(app)) == 1
    assert row(app, row_id).status == "posted" and item(app, item_id).status == "posted"


def test_killed_while_reconciling_then_killed_after_posting(app: App, home: Path) -> None:
    _, row_id = approved(app)
    with app.sessions.begin() as session:  # as if an earlier poster got an unclear answer
        session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(status="unknown"))
    _kill_poster(home, "reconcile")
    _kill_poster(home, "after")
    _kill_poster(home, "reconcile")
    assert len(replies(app)) == 1
    outbox.post_once(app)
    assert len(replies(app)) == 1 and row(app, row_id).status == "posted"


def test_two_posters_cannot_claim_the_same_row(app: App) -> None:
    _, row_id = approved(app)
    now = utcnow()
    assert outbox._claim(app, row_id, "pending", "a|h|1", now) is True
    assert outbox._claim(app, row_id, "pending", "b|h|2", now) is False
    assert row(app, row_id).claimed_by == "a|h|1" and row(app, row_id).attempts == 1


def test_concurrent_posters_send_once(app: App, home: Path) -> None:
    for n in range(6):
        approved(app, f"Thank you for watching! ({n})")
    env = {**os.environ, "MODBOT_HOME": str(home)}
    script = ("import sys; from bot.app import open_app; from bot import outbox; "
              "outbox.post_once(open_app(sys.argv[1]))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(home)], env=env) for _ in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    texts = [r["text"] for r in replies(app)]
    assert sorted(texts) == sorted(f"Thank you for watching! ({n})" for n in range(6))


def test_gone_target_fails_with_a_clear_reason_and_can_be_reapproved(app: App, faulty: Faulty) -> None:
    item_id, row_id = approved(app)
    faulty.post_faults = ["gone"]
    assert outbox.post_once(app).failed == 1
    assert row(app, row_id).status == "failed"
    assert "comments are disabled" in (row(app, row_id).last_error or "")
    assert item(app, item_id).status == "failed"
    approval.approve(app, item_id, OWNER, text="Thanks for watching, take care.")
    outbox.post_once(app)
    assert [r["text"] for r in replies(app)] == ["Thanks for watching, take care."]


@pytest.mark.parametrize("fault", ["rate_limited", "quota"])
def test_rate_limits_leave_rows_pending_for_later(app: App, faulty: Faulty, fault: str) -> None:
    first_item, first = approved(app)
    _, second = approved(app, "Thanks again!")
    faulty.post_faults = [fault]
    summary = outbox.post_once(app)
    assert summary.deferred == 2 and faulty.posts == 1  # the account pauses for this pass
    assert row(app, first).status == "pending" and row(app, second).status == "pending"
    assert item(app, first_item).status == "approved"
    assert outbox.post_once(app).posted == 2
    assert len(replies(app)) == 2


def test_youtube_posts_are_charged_to_the_quota_ledger(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = workflow_app(home, '\n[[accounts]]\nname = "yt"\nplatform = "youtube"\nchannel_id = "UC1"\n'
                             'daily_quota = 120\n')
    posted: list[str] = []

    class FakeYouTube:
        platform = "youtube"

        def post_reply(self, target: InboundItem, text: str) -> str:
            posted.append(text)
            return f"reply{len(posted)}"

        def find_reply(self, target: InboundItem, text: str) -> str | None:
            return None

        def moderate(self, target: InboundItem, action: str) -> None:
            posted.append(action)

    monkeypatch.setattr(app, "connector", lambda account: FakeYouTube())
    ids = [add_item(app, platform="youtube", account="yt") for _ in range(3)]
    rows = [approval.approve(app, i, ASSISTANT) for i in ids]
    summary = outbox.post_once(app)
    assert summary.posted == 2 and summary.deferred == 1  # 2 x 50 units fit in 120, a third does not
    with app.sessions() as session:
        account = storage.get_account(session, "yt")
        assert storage.quota_used(session, account.id, quota_day(utcnow(), "America/Los_Angeles")) == 100
    assert row(app, rows[2]).status == "pending" and "quota" in " ".join(summary.lines)


def test_moderation_and_publish_and_answer(app: App, faulty: Faulty) -> None:
    spam = add_item(app, "cheap pills here")
    held = add_item(app, "I can't go on", category="crisis", moderation_status="heldForReview",
                    suggestions=[("crisis_support", "You matter. Please call or text 988 now.")])
    approval.moderate(app, spam, ASSISTANT, "reject")
    publish = approval.moderate(app, held, OWNER, "publish",
                                reply_text="You matter. Please call or text 988 now.")
    faulty.post_faults = ["crash_after"]
    with pytest.raises(Crash):
        outbox.post_once(app)
    assert item(app, held).moderation_status == "published"  # step one done and remembered
    outbox.post_once(app, stale_after=timedelta(0))
    lines = replies(app)
    assert [r.get("action") for r in lines] == ["reject", "publish", None]
    assert lines[2]["text"].endswith("988 now.")
    assert row(app, publish).status == "posted" and item(app, held).status == "posted"
    assert item(app, spam).moderation_status == "rejected"


def test_unconfigured_account_fails_clearly(app: App) -> None:
    item_id = add_item(app, account="gone", platform="file")
    row_id = approval.approve(app, item_id, ASSISTANT)
    assert outbox.post_once(app).failed == 1
    assert "no longer configured" in (row(app, row_id).last_error or "")


def test_every_step_is_audited(app: App, faulty: Faulty) -> None:
    item_id, _ = approved(app)
    faulty.post_faults = ["503_after_save"]
    outbox.post_once(app)
    actions = audit_actions(app, item_id)
    assert actions[-4:] == ["post.attempt", "post.result", "post.attempt", "post.result"]
    results = audit_data(app, "post.result", item_id)
    assert [r["status"] for r in results] == ["unknown", "posted"]
    assert results[1]["how"] == "found on the platform"


def test_select_is_ordered(app: App) -> None:
    approved(app)
    approved(app, "Second thanks!")
    outbox.post_once(app)
    with app.sessions() as session:
        ids = list(session.scalars(select(OutboxRow.platform_reply_id).order_by(OutboxRow.id)))
    assert [r["id"] for r in replies(app)] == ids
