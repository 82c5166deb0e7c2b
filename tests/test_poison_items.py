"""Poison items are quarantined, not fatal (issue 13): an item a listing returns that cannot be
read is recorded (id, listing, reason, size), shown in `modbot status`, skipped once, and the
cursor moves past it; the rest of the page and later pages are stored; `poll --once` exits
non-zero that time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import open_app
from bot.cli import cli
from bot.domain import Budget
from bot.models import AuditEvent
from connectors.reddit import build
from tests.fakes.reddit import FakeReddit
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


def poison_mentions(server: FakeReddit, count: int = 150) -> tuple[list[str], list[str]]:
    """`count` mentions (more than a page), two with an author PRAW cannot build."""
    post = server.add_post("A post elsewhere", author="someone", subreddit="Other")
    names = [
        server.add_mention(f"u/{server.username} mention {n}", post=post, author=f"user{n}")
        for n in range(count)
    ]
    bad = [names[count * 2 // 15], names[count * 13 // 15]]  # (150: one on each page)
    server.comments[bad[0]]["author"] = None
    server.comments[bad[1]]["author"] = 12345
    return [n for n in names if n not in bad], bad


def test_reddit_items_praw_cannot_build_are_quarantined_and_the_rest_arrive(reddit_server):
    good, bad = poison_mentions(reddit_server)
    connector = build(reddit_server.account(), reddit_server.secrets())
    result = connector.poll({}, Budget(limit=None))
    assert result.error is None
    mentions = {i.external_id for i in result.items if i.kind == "mention"}
    assert mentions == set(good)
    assert sorted((q.source, q.external_id) for q in result.quarantined) == sorted(
        ("mentions", name) for name in bad
    )
    assert all("author" in q.reason and q.raw_size > 0 for q in result.quarantined)
    assert [n.code for n in result.notices] == ["unreadable_items"]
    assert "mentions" in result.cursors

    # The next poll moves on: nothing re-delivered, nothing quarantined twice, later items arrive.
    newer = reddit_server.add_mention(
        "hello again", post=reddit_server.add_post("p", author="x"), author="zed"
    )
    again = build(reddit_server.account(), reddit_server.secrets()).poll(result.cursors, Budget(limit=None))
    assert [i.external_id for i in again.items] == [newer]
    assert again.quarantined == [] and again.notices == []


def test_an_item_without_an_id_is_quarantined_by_digest_once(reddit_server):
    post = reddit_server.add_post("A post", author="someone", subreddit="Other")
    first = reddit_server.add_mention("mention one", post=post, author="ana")
    broken = reddit_server.add_mention("mention two", post=post, author="ben")
    reddit_server.add_mention("mention three", post=post, author="cy")
    reddit_server.comments[broken]["id"] = None
    reddit_server.comments[broken]["body"] = None
    connector = build(reddit_server.account(), reddit_server.secrets())
    result = connector.poll({}, Budget(limit=None))
    assert result.error is None and len(result.items) == 2 and first in {i.external_id for i in result.items}
    (q,) = result.quarantined
    assert q.source == "mentions" and q.reason


def test_poll_once_exits_non_zero_that_time_and_status_shows_the_quarantine(
    runner, home: Path, reddit_server: FakeReddit
):
    reddit_server.connect_home(runner, home)
    good, bad = poison_mentions(reddit_server, count=8)

    first = runner.invoke(cli, ["--home", str(home), "poll", "--once", "--account", "jo-reddit"])
    assert first.exit_code != 0, first.output
    assert "jo-reddit: 6 new" in first.output
    queued = json.loads(runner.invoke(cli, ["--home", str(home), "queue", "--json"]).output)
    assert {item["external_id"] for item in queued} == set(good)

    status = runner.invoke(cli, ["--home", str(home), "status"])
    assert status.exit_code in (0, 1)
    for name in bad:
        assert f"mentions item {name} could not be read (malformed author" in status.output
    app = open_app(home)
    with app.sessions() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "poll.quarantined")).all()
        assert sorted(e.data["external_id"] for e in events) == sorted(bad)
        assert all(e.data["source"] == "mentions" and e.data["raw_size"] > 0 for e in events)
        assert not any(name in json.dumps(e.data) for e in events for name in ("mention 1 ",))

    second = runner.invoke(cli, ["--home", str(home), "poll", "--once", "--account", "jo-reddit"])
    assert second.exit_code == 0, second.output  # nothing new was skipped this time
    status = runner.invoke(cli, ["--home", str(home), "status"])
    assert f"mentions item {bad[0]}" in status.output  # still shown after the next poll


def test_youtube_unreadable_thread_is_recorded_once_with_its_id():
    from connectors import youtube

    with FakeYouTube() as server:
        video = server.add_video(title="Video")
        server.add_comment(video, "first")
        server.add_comment(video, "second")
        connector = youtube.build(server.account(), server.secrets(), timeout=1)
        good = server.thread_resource(
            server.comment(server.add_comment(video, "third")), {"snippet"}, "plainText"
        )
        body = {"items": [{"id": "UgBroken", "snippet": {}}, good]}
        server.fail_next("commentThreads", 200, body=body, query={"moderationStatus": "likelySpam"})
        result = connector.poll({}, Budget(limit=None))
        assert result.error is None
        (q,) = result.quarantined
        assert (q.source, q.external_id) == ("spam", "UgBroken") and q.raw_size > 0
        assert json.loads(result.cursors["spam"])["replies"]["UgBroken"] == youtube.QUARANTINED
