"""Reconciling unclear posts against the real client libraries and the fake platforms (issue 13):
bounded by time, not pages; never a reply another row owns; ambiguous means a person decides.
Also: the poster sends only text whose hash matches its approval (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot import approval, outbox, storage
from bot.app import App
from bot.domain import InboundItem, Suggestion, Triage
from bot.errors import PlatformUnavailable, PostOutcomeUnknown
from bot.models import Alert, AuditEvent, Item, OutboxRow
from connectors import reddit as reddit_connector
from connectors import youtube as youtube_connector
from tests.fakes.reddit import FakeReddit
from tests.fakes.youtube import FakeYouTube
from tests.test_approval_support import ASSISTANT, add_item, workflow_app

REPLY = "Thank you for sharing. I can't give personal advice here; this isn't therapy."


class Wrapped:
    """The real connector, with scripted faults around posting and looking."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.platform = inner.platform
        self.post_faults: list[str | None] = []
        self.find_faults: list[str | None] = []
        self.posts = 0

    def post_reply(self, target: InboundItem, text: str) -> str:
        self.posts += 1
        fault = self.post_faults.pop(0) if self.post_faults else None
        if fault == "dropped":  # lost before the platform saved anything
            raise PostOutcomeUnknown("connection reset")
        reply_id = str(self.inner.post_reply(target, text))
        if fault == "503_after_save":
            raise PostOutcomeUnknown("503 Service Unavailable")
        return reply_id

    def find_replies(self, target: InboundItem, text: str, *, since: Any = None) -> list[str]:
        fault = self.find_faults.pop(0) if self.find_faults else None
        if fault == "unavailable":
            raise PlatformUnavailable("503")
        return list(self.inner.find_replies(target, text, since=since))

    def find_reply(self, target: InboundItem, text: str) -> str | None:
        raise AssertionError("the poster must use the time-bounded find_replies")

    def reply_target(self, target: InboundItem) -> str:
        return str(self.inner.reply_target(target))

    def moderate(self, target: InboundItem, action: str) -> None:
        self.inner.moderate(target, action)


def insert(app: App, inbound: InboundItem, text: str = REPLY) -> int:
    """Store a polled item with one suggestion, ready to approve."""
    config = app.config.account(inbound.account)
    with app.sessions.begin() as session:
        account_row = storage.ensure_account(session, config)
        (item_id,) = storage.insert_items(session, account_row.id, [inbound])
        storage.record_triage(session, item_id, Triage("engagement", (), {}, ("test",), "test"))
        storage.record_suggestions(session, item_id, [Suggestion("advice_boundary", text)])
        row = session.get(Item, item_id)
        assert row is not None
        row.status = "suggested"
    return item_id


def rows(app: App) -> list[OutboxRow]:
    with app.sessions() as session:
        return list(session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


# ---------------------------------------------------------------- Reddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


@pytest.fixture
def reddit_app(home: Path, reddit_server: FakeReddit, monkeypatch: pytest.MonkeyPatch) -> tuple[App, Wrapped]:
    app = workflow_app(
        home,
        f'\n[[accounts]]\nname = "reddit-main"\nplatform = "reddit"\nusername = "{reddit_server.username}"\n',
    )
    wrapper = Wrapped(reddit_connector.build(reddit_server.account(), reddit_server.secrets()))
    monkeypatch.setattr(app, "connector", lambda account: wrapper)
    return app, wrapper


@pytest.mark.parametrize("kind", ["reply", "dm"])
def test_reddit_lookup_fails_then_the_same_pass_posts_over_100_replies_no_second_send(
    reddit_app: tuple[App, Wrapped], reddit_server: FakeReddit, kind: str
) -> None:
    app, wrapper = reddit_app
    targets = []
    for n in range(131):
        if kind == "dm":
            name = reddit_server.add_message(f"question {n}", author=f"user{n}")
        else:
            name = reddit_server.add_comment_reply(f"question {n}", author=f"user{n}")
        targets.append(name)
        item_id = insert(app, InboundItem("reddit", "reddit-main", kind, name, f"question {n}"))
        approval.approve(app, item_id, ASSISTANT)
    wrapper.post_faults = ["503_after_save"]  # the first reply is saved, the answer lost
    wrapper.find_faults = ["unavailable"]  # and the lookup right after it fails
    first = outbox.post_once(app)
    assert first.posted == 130 and first.unknown == 1
    assert len(reddit_server.replies_posted) == 131  # more than a page of newer replies on top of it

    second = outbox.post_once(app)
    assert second.reconciled == 1 and wrapper.posts == 131
    assert len(reddit_server.replies_posted) == 131
    assert sorted(r["thing_id"] for r in reddit_server.replies_posted) == sorted(targets)
    stored = rows(app)
    assert all(r.status == "posted" for r in stored)
    assert stored[0].platform_reply_id == reddit_server.replies_posted[0]["name"]
    assert len({r.platform_reply_id for r in stored}) == 131


def test_reddit_lookup_ignores_a_reply_made_before_the_attempt(
    reddit_app: tuple[App, Wrapped], reddit_server: FakeReddit
) -> None:
    app, wrapper = reddit_app
    name = reddit_server.add_comment_reply("question", author="alex")
    # The same words under the same comment, long before this approval (a person typed them).
    post = reddit_server.comments[name]["link_id"]
    reddit_server.add_comment(REPLY, post=post, author=reddit_server.username, parent=name)
    item_id = insert(app, InboundItem("reddit", "reddit-main", "reply", name, "question"))
    approval.approve(app, item_id, ASSISTANT)
    wrapper.post_faults = ["dropped"]
    assert outbox.post_once(app).unknown == 1
    assert outbox.post_once(app).posted == 1  # looked, found only the old one, so sent
    (row,) = rows(app)
    assert row.status == "posted" and len(reddit_server.replies_posted) == 1
    assert row.platform_reply_id == reddit_server.replies_posted[0]["name"]


# ---------------------------------------------------------------- YouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


@pytest.fixture
def youtube_app(
    home: Path, youtube_server: FakeYouTube, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> Iterator[tuple[App, Wrapped]]:
    """On SQLite and PostgreSQL (the ownership check takes an advisory lock there)."""
    app = workflow_app(
        home,
        f'\n[[accounts]]\nname = "yt"\nplatform = "youtube"\nchannel_id = "{youtube_server.channel_id}"\n',
        database_url=database_url,
    )
    inner = youtube_connector.build(youtube_server.account("yt"), youtube_server.secrets(), timeout=1)
    wrapper = Wrapped(inner)
    monkeypatch.setattr(app, "connector", lambda account: wrapper)
    yield app, wrapper
    app.engine.dispose()


def viewer_thread(app: App, server: FakeYouTube) -> tuple[int, int]:
    """A viewer comments, then replies in their own thread; both get the same suggestion."""
    video = server.add_video(title="Video")
    top = server.add_comment(video, "How do I stop panicking?", author="viewer")
    reply = server.add_reply(top, "Also at night, any tips?", author="viewer")
    first = insert(
        app,
        InboundItem(
            "youtube", "yt", "comment", top, "How do I stop panicking?", thread_id=top, context_id=video
        ),
    )
    second = insert(
        app,
        InboundItem(
            "youtube",
            "yt",
            "reply",
            reply,
            "Also at night, any tips?",
            parent_id=top,
            thread_id=top,
            context_id=video,
        ),
    )
    return first, second


def test_youtube_second_reply_dropped_is_not_matched_to_the_first(
    youtube_app: tuple[App, Wrapped], youtube_server: FakeYouTube
) -> None:
    app, wrapper = youtube_app
    first, second = viewer_thread(app, youtube_server)
    approval.approve(app, first, ASSISTANT)
    approval.approve(app, second, ASSISTANT)
    wrapper.post_faults = [None, "dropped"]  # the second post never reaches the server
    summary = outbox.post_once(app)
    assert summary.posted == 1 and summary.unknown == 1
    a, b = rows(app)
    assert a.status == "posted" and b.status == "unknown" and b.platform_reply_id is None
    assert len(youtube_server.replies_posted) == 1

    assert outbox.post_once(app).posted == 1  # looked: only the first row's reply; so sent
    a, b = rows(app)
    assert (a.status, b.status) == ("posted", "posted")
    assert len(youtube_server.replies_posted) == 2
    assert {a.platform_reply_id, b.platform_reply_id} == {c.id for c in youtube_server.replies_posted}


def test_youtube_two_unclear_rows_and_one_reply_are_left_for_a_person(
    youtube_app: tuple[App, Wrapped], youtube_server: FakeYouTube
) -> None:
    app, wrapper = youtube_app
    first, second = viewer_thread(app, youtube_server)
    approval.approve(app, first, ASSISTANT)
    approval.approve(app, second, ASSISTANT)
    wrapper.post_faults = ["503_after_save", "dropped"]
    wrapper.find_faults = ["unavailable"]  # the first row cannot look at once
    for _ in range(3):
        outbox.post_once(app)
    stored = rows(app)
    assert [r.status for r in stored] == ["unknown", "unknown"]
    assert all((r.last_error or "").startswith(outbox.AMBIGUOUS) for r in stored)
    assert len(youtube_server.replies_posted) == 1 and wrapper.posts == 2  # never sent again


def test_a_reply_id_is_never_recorded_on_a_second_row(
    youtube_app: tuple[App, Wrapped], youtube_server: FakeYouTube
) -> None:
    app, _ = youtube_app
    first, second = viewer_thread(app, youtube_server)
    approval.approve(app, first, ASSISTANT)
    approval.approve(app, second, ASSISTANT)
    assert outbox.post_once(app).posted == 2
    a, b = rows(app)
    assert outbox._finish(app, b.id, "posted", reply_id=a.platform_reply_id) == "unknown"
    _, b = rows(app)
    assert b.platform_reply_id != a.platform_reply_id and (b.last_error or "").startswith(outbox.AMBIGUOUS)


# ---------------------------------------------------------------- approved text only (issue 11)


def test_text_changed_after_approval_is_refused_audited_and_alerted(home: Path) -> None:
    app = workflow_app(home)
    item_id = add_item(app, suggestions=[("engagement_thanks", "Thank you for watching!")])
    row_id = approval.approve(app, item_id, ASSISTANT)
    with app.sessions.begin() as session:
        session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(text="Call me at 555-0100"))
    summary = outbox.post_once(app)
    assert (summary.refused, summary.failed, summary.posted) == (1, 1, 0) and "REFUSED 1" in summary.line()
    reply_file = Path(str(app.config.account("inbox").path) + ".replies.jsonl")
    assert not reply_file.exists() or reply_file.read_text() == ""
    (row,) = rows(app)
    assert row.status == "failed" and "refused" in (row.last_error or "")
    with app.sessions() as session:
        refused = session.scalars(select(AuditEvent).where(AuditEvent.action == "post.refused")).all()
        assert len(refused) == 1 and refused[0].data["outbox_id"] == row_id
        assert session.scalars(select(Alert).where(Alert.kind == "outbox_tampered")).all()
    assert outbox.post_once(app).posted == 0  # and it stays refused


def test_the_approved_text_hash_is_recorded_with_the_approval(home: Path) -> None:
    app = workflow_app(home)
    item_id = add_item(app, suggestions=[("engagement_thanks", "Thank you for watching!")])
    row_id = approval.approve(app, item_id, ASSISTANT)
    with app.sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).one()
    assert event.data["outbox_id"] == row_id
    assert event.data["text_sha256"] == outbox.text_hash("Thank you for watching!")
    assert outbox.post_once(app).posted == 1
