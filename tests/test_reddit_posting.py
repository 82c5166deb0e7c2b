"""Posting, reconciling and moderating on Reddit with the real PRAW against the fake server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain import Budget, InboundItem
from bot.errors import (
    ConnectorError,
    PostOutcomeUnknown,
    RateLimited,
    ReconnectRequired,
    TargetGone,
)
from connectors.reddit import build
from tests.fakes.reddit import FakeReddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


REPLY = "Thank you for sharing. I can't give personal advice here; this isn't therapy."


def item_for(server: FakeReddit, external_id: str, kind: str = "reply") -> InboundItem:
    return InboundItem(
        platform="reddit", account="reddit-main", kind=kind, external_id=external_id, text="..."
    )


@pytest.fixture
def connector(reddit_server):
    return build(reddit_server.account(), reddit_server.secrets())


@pytest.fixture
def comment(reddit_server) -> InboundItem:
    return item_for(reddit_server, reddit_server.add_comment_reply("How do I stop panicking?", author="alex"))


@pytest.fixture
def dm(reddit_server) -> InboundItem:
    return item_for(reddit_server, reddit_server.add_message("Are you taking clients?", author="casey"), "dm")


def reply_posts(server: FakeReddit) -> int:
    return server.count("/api/comment", method="POST")


def test_a_reply_to_a_comment_is_posted_once_under_it(reddit_server, connector, comment):
    name = connector.post_reply(comment, REPLY)
    assert name.startswith("t1_")
    assert reddit_server.replies_posted == [{"name": name, "thing_id": comment.external_id, "text": REPLY}]
    posted = reddit_server.comments[name]
    assert posted["author"] == reddit_server.username and posted["parent_id"] == comment.external_id
    assert reply_posts(reddit_server) == 1


def test_a_reply_to_a_private_message_is_a_message_in_the_same_thread(reddit_server, connector, dm):
    name = connector.post_reply(dm, "Thanks for reaching out. Please see my website for how to get in touch.")
    assert name.startswith("t4_")
    sent = reddit_server.messages[name]
    assert (sent["dest"], sent["parent_id"], sent["first_message_name"]) == (
        "casey",
        dm.external_id,
        dm.external_id,
    )


def test_a_503_after_the_server_saved_is_unknown_not_retried_and_find_reply_finds_it(
    reddit_server, connector, comment
):
    reddit_server.fail_next(503, path="/api/comment", save_first=True)
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(comment, REPLY)
    assert reply_posts(reddit_server) == 1  # prawcore would have sent it again: we do not
    assert len(reddit_server.replies_posted) == 1

    found = connector.find_reply(comment, REPLY)
    assert found == reddit_server.replies_posted[0]["name"]
    assert reply_posts(reddit_server) == 1


def test_a_connection_reset_after_saving_is_unknown_and_reconciled(reddit_server, connector, dm):
    reddit_server.fail_next("reset", path="/api/comment", save_first=True)
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(dm, REPLY)
    assert reply_posts(reddit_server) == 1
    assert connector.find_reply(dm, REPLY) == reddit_server.replies_posted[0]["name"]


def test_a_503_before_saving_is_unknown_and_find_reply_says_not_there(reddit_server, connector, comment):
    reddit_server.fail_next(503, path="/api/comment")
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(comment, REPLY)
    assert reddit_server.replies_posted == []
    assert connector.find_reply(comment, REPLY) is None
    # so the outbox may send it again, once
    name = connector.post_reply(comment, REPLY)
    assert [r["name"] for r in reddit_server.replies_posted] == [name]


@pytest.mark.parametrize("fault", ["malformed_json", "html"])
def test_an_unreadable_answer_to_a_post_is_unknown(reddit_server, connector, comment, fault):
    reddit_server.fail_next(fault, path="/api/comment", save_first=True)
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(comment, REPLY)
    assert reply_posts(reddit_server) == 1


def test_find_reply_ignores_other_text_and_other_parents(reddit_server, connector, comment):
    other = item_for(reddit_server, reddit_server.add_comment_reply("another one", author="bo"))
    connector.post_reply(other, REPLY)
    connector.post_reply(comment, "A different reply")
    assert connector.find_reply(comment, REPLY) is None
    assert connector.find_reply(comment, "  A different reply\n") is not None


def test_reddit_ratelimit_error_is_rate_limited_with_the_wait_parsed(reddit_server, connector, comment):
    reddit_server.fail_next("ratelimit", path="/api/comment", minutes=5)
    with pytest.raises(RateLimited) as caught:
        connector.post_reply(comment, REPLY)
    assert caught.value.retry_after == 300.0
    assert reddit_server.replies_posted == []
    assert reply_posts(reddit_server) == 1  # a 5-minute wait is not slept through


def test_a_429_on_posting_is_rate_limited(reddit_server, connector, comment):
    reddit_server.fail_next(429, path="/api/comment", retry_after=30)
    with pytest.raises(RateLimited) as caught:
        connector.post_reply(comment, REPLY)
    assert caught.value.retry_after == 30.0 and reddit_server.replies_posted == []


@pytest.mark.parametrize("fault", ["thread_locked", "deleted_comment", "too_old"])
def test_a_thread_that_no_longer_takes_replies_is_target_gone(reddit_server, connector, comment, fault):
    reddit_server.fail_next(fault, path="/api/comment")
    with pytest.raises(TargetGone):
        connector.post_reply(comment, REPLY)


def test_a_locked_thread_is_target_gone(reddit_server, connector, comment):
    reddit_server.lock_thread(reddit_server.comments[comment.external_id]["link_id"])
    with pytest.raises(TargetGone, match="THREAD_LOCKED"):
        connector.post_reply(comment, REPLY)


def test_a_revoked_token_when_posting_is_reconnect_required(reddit_server, connector, comment):
    reddit_server.revoke()
    with pytest.raises(ReconnectRequired):
        connector.post_reply(comment, REPLY)
    assert reply_posts(reddit_server) == 0


def test_an_expired_token_when_posting_is_refreshed_and_posted_once(reddit_server, connector, comment):
    connector.poll({}, Budget(limit=None))
    connector.post_reply(comment, "first")
    reddit_server.expire_access_tokens()
    connector.post_reply(comment, REPLY)
    assert [r["text"] for r in reddit_server.replies_posted] == ["first", REPLY]


@pytest.mark.parametrize("www_authenticate", [True, False])
def test_a_401_on_posting_is_refreshed_once_then_reconnect_required(
    reddit_server, connector, comment, www_authenticate
):
    reddit_server.fail_next(401, path="/api/comment", count=2, www_authenticate=www_authenticate)
    with pytest.raises(ReconnectRequired):
        connector.post_reply(comment, REPLY)
    assert reddit_server.replies_posted == [] and reply_posts(reddit_server) == 2


def test_a_single_401_on_posting_is_refreshed_and_posted(reddit_server, connector, comment):
    reddit_server.fail_next(401, path="/api/comment", www_authenticate=False)
    name = connector.post_reply(comment, REPLY)
    assert [r["name"] for r in reddit_server.replies_posted] == [name]


def test_plain_praw_would_post_twice_after_a_503_which_is_why_posting_never_retries(reddit_server, comment):

    s = reddit_server
    reddit = s.praw()
    s.fail_next(503, path="/api/comment", save_first=True)
    reddit.comment(comment.external_id[3:]).reply(REPLY)
    assert len(s.replies_posted) == 2


def test_posting_to_something_that_is_not_a_reddit_thing_is_refused(reddit_server, connector):
    item = InboundItem(platform="youtube", account="x", kind="comment", external_id="Ugz123", text="hi")
    with pytest.raises(ConnectorError):
        connector.post_reply(item, REPLY)
    assert reddit_server.requests == []


def test_remove_works_where_the_account_moderates(reddit_server, connector):
    post = reddit_server.add_post("Our community rules")
    spam = reddit_server.add_comment("buy followers here", post=post, author="spammer")
    connector.moderate(item_for(reddit_server, spam, "comment"), "remove")
    assert reddit_server.removed == [spam]


def test_remove_elsewhere_is_refused_clearly(reddit_server, connector, comment):
    with pytest.raises(ConnectorError, match="does not moderate"):
        connector.moderate(comment, "remove")
    assert reddit_server.removed == []


@pytest.mark.parametrize("action", ["hold", "reject", "publish"])
def test_youtube_only_actions_are_not_supported(reddit_server, connector, comment, action):
    with pytest.raises(ConnectorError, match="not supported on Reddit"):
        connector.moderate(comment, action)
    assert reddit_server.requests == []


def test_posting_requests_do_not_count_against_a_poll_budget(reddit_server, connector, comment):
    budget = Budget(limit=None)
    connector.poll({}, budget)
    spent = budget.spent
    connector.post_reply(comment, REPLY)
    assert budget.spent == spent


def test_reconciling_reads_only_the_pages_back_to_the_attempt(reddit_server, connector, comment):
    from datetime import UTC, datetime

    post = reddit_server.add_post("Elsewhere", own=False)
    for n in range(150):  # the account has been busy: more than one page of its own comments
        reddit_server.add_comment(f"earlier reply {n}", post=post, author=reddit_server.username)
    mine = f"/user/{reddit_server.username}/comments"
    assert connector.find_reply(comment, REPLY) is None
    assert reddit_server.count(mine) == 1  # without a time: the newest page only

    attempt = datetime.now(UTC)
    name = connector.post_reply(comment, REPLY)
    assert connector.find_replies(comment, REPLY, since=attempt) == [name]
    assert reddit_server.count(mine) == 2  # the first page already reaches back past the attempt

    ancient = datetime(2000, 1, 1, tzinfo=UTC)
    assert connector.find_replies(comment, REPLY, since=ancient) == [name]
    assert reddit_server.count(mine) == 4  # all 151 comments: two pages
