"""Polling Reddit with the real PRAW against the fake Reddit server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.domain import Budget
from bot.errors import (
    ConfigError,
    MalformedResponse,
    PlatformUnavailable,
    QuotaExceeded,
    RateLimited,
    ReconnectRequired,
)
from connectors import factory
from connectors.reddit import SOURCES, build
from tests.fakes.reddit import FakeReddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


def poll(server: FakeReddit, cursors: dict[str, str] | None = None, **account_overrides):
    connector = build(server.account(**account_overrides), server.secrets())
    budget = Budget(limit=None, account="reddit-main")
    result = connector.poll(cursors or {}, budget)
    return result, budget


def threads_opened(server: FakeReddit) -> int:
    return sum(1 for r in server.requests if r.path.startswith("/comments/"))


def by_id(result):
    return {item.external_id: item for item in result.items}


@pytest.fixture
def busy_server(reddit_server: FakeReddit) -> FakeReddit:
    """An account with something in every source."""
    s = reddit_server
    s.own_post = s.add_post("Five grounding techniques for panic")
    s.post_reply = s.add_post_reply(
        "Thank you <b>so</b> much 🙏 <script>alert(1)</script>", post=s.own_post, author="sam_k"
    )
    s.nested = s.add_comment("Does this work for kids?", post=s.own_post, author="lee", parent=s.post_reply)
    s.comment_reply = s.add_comment_reply("I tried it and it didn't help", author="alex")
    s.deleted_author_reply = s.add_comment_reply("still here after my account went", author=None)
    s.mention = s.add_mention(author="jordan")
    s.dm = s.add_message("Can I ask you something privately?", author="casey", subject="question")
    s.dm_followup = s.add_message("Sorry, one more thing 😅", author="casey", reply_to=s.dm)
    return s


def test_first_poll_delivers_every_source_with_kind_parent_thread_title_and_permalink(busy_server):
    s = busy_server
    result, _ = poll(s)
    items = by_id(result)

    assert result.error is None and result.notices == []
    assert set(items) == {
        s.post_reply,
        s.nested,
        s.comment_reply,
        s.deleted_author_reply,
        s.mention,
        s.dm,
        s.dm_followup,
    }
    assert len(result.items) == len(items)  # no item twice, although a post reply shows in two sources

    post_reply = items[s.post_reply]
    assert post_reply.kind == "comment"
    assert post_reply.text == "Thank you <b>so</b> much 🙏 <script>alert(1)</script>"  # stored as written
    assert post_reply.author == "sam_k" and post_reply.author_id == "t2_sam_k"
    assert post_reply.parent_id == s.own_post == post_reply.thread_id == post_reply.context_id
    assert post_reply.context_title == "Five grounding techniques for panic"
    own_id = s.own_post[3:]
    assert post_reply.permalink == (
        f"https://www.reddit.com/r/AnxietyTalks/comments/{own_id}/"
        f"five_grounding_techniques_for_panic/{post_reply.external_id[3:]}/"
    )
    assert post_reply.platform == "reddit" and post_reply.account == "reddit-main"
    created = s.comments[s.post_reply]["created_utc"]
    assert post_reply.published_at == datetime.fromtimestamp(created, tz=UTC)

    nested = items[s.nested]
    assert (nested.kind, nested.parent_id, nested.thread_id) == ("comment", s.post_reply, s.own_post)

    reply = items[s.comment_reply]
    assert reply.kind == "reply"
    own_comment = s.comments[s.comment_reply]["parent_id"]
    assert reply.parent_id == own_comment and s.comments[own_comment]["author"] == s.username
    assert reply.thread_id == s.comments[s.comment_reply]["link_id"]
    assert reply.context_title == "A question for therapists"
    assert reply.permalink and reply.permalink.endswith(f"/{s.comment_reply[3:]}/")

    assert items[s.deleted_author_reply].author is None

    mention = items[s.mention]
    assert mention.kind == "mention" and mention.author == "jordan"
    assert mention.context_title == "Recommendations for therapists online?"

    dm, followup = items[s.dm], items[s.dm_followup]
    assert (dm.kind, dm.author, dm.thread_id, dm.parent_id) == ("dm", "casey", s.dm, None)
    assert dm.context_title == "question"
    assert dm.permalink == f"https://www.reddit.com/message/messages/{s.dm[3:]}"
    assert (followup.thread_id, followup.parent_id, followup.text) == (s.dm, s.dm, "Sorry, one more thing 😅")


def test_the_accounts_own_comments_and_messages_are_not_delivered(busy_server):
    s = busy_server
    result, _ = poll(s)
    assert all(item.author != s.username for item in result.items)


def test_second_poll_with_nothing_new_adds_nothing_and_costs_one_request_per_source(busy_server):
    first, _ = poll(busy_server)
    assert set(first.cursors) == set(SOURCES)
    before = len(busy_server.requests)

    second, budget = poll(busy_server, first.cursors)

    assert second.items == [] and second.error is None
    # a new connector fetches one token, then one listing per source; no post's comments are re-read
    assert budget.spent == len(busy_server.requests) - before == 1 + len(SOURCES)
    assert threads_opened(busy_server) == 1


def test_items_arriving_after_a_poll_come_in_the_next_one_exactly_once(busy_server):
    s = busy_server
    first, _ = poll(s)
    late_reply = s.add_post_reply("Came back to say it worked", post=s.own_post, author="sam_k")
    late_nested = s.add_comment("same here", post=s.own_post, author="robin", parent=s.nested)
    late_dm = s.add_message("Thanks for answering", author="casey", reply_to=s.dm)

    second, _ = poll(s, first.cursors)
    assert sorted(i.external_id for i in second.items) == sorted([late_reply, late_nested, late_dm])
    third, _ = poll(s, second.cursors)
    assert third.items == []


def test_an_item_indexed_late_within_the_overlap_is_still_delivered(reddit_server):
    s = reddit_server
    s.add_comment_reply("first", author="a")
    newest = s.add_comment_reply("second", author="b")
    first, _ = poll(s)
    # Reddit lists a reply a few minutes after it was written: older than the cursor, not yet seen.
    late = s.add_comment_reply("late", author="c", created_utc=s.comments[newest]["created_utc"] - 120)
    second, _ = poll(s, first.cursors)
    assert [i.external_id for i in second.items] == [late]


def test_a_big_inbox_is_paged_and_a_quiet_poll_stops_at_the_cursor(reddit_server):
    s = reddit_server
    names = {s.add_comment_reply(f"reply number {n}", author=f"user{n}") for n in range(230)}
    first, _ = poll(s)
    assert {i.external_id for i in first.items} == names
    assert s.count("/message/comments") == 3  # 100 + 100 + 30

    s.add_comment_reply("one more", author="zed")
    second, _ = poll(s, first.cursors)
    assert [i.text for i in second.items] == ["one more"]
    assert s.count("/message/comments") == 4  # stopped on the first page


def test_polling_never_marks_anything_read_unless_configured(busy_server):
    unread_before = set(busy_server.unread)
    poll(busy_server)
    assert busy_server.marked_read == []
    assert busy_server.unread == unread_before
    assert busy_server.count("read_message") == 0
    assert all(r.query.get("mark") != "true" for r in busy_server.requests)
    assert busy_server.count("/message/unread") == 0


def test_mark_read_true_marks_exactly_the_delivered_inbox_items(busy_server):
    s = busy_server
    result, _ = poll(s, mark_read=True)
    inbox_items = {s.post_reply, s.comment_reply, s.deleted_author_reply, s.mention, s.dm, s.dm_followup}
    assert set(s.marked_read) == inbox_items
    assert s.unread == set()
    assert {i.external_id for i in result.items} >= inbox_items


@pytest.mark.parametrize("how", ["redirect_to_login", "forbidden", "not_found", "html_page"])
def test_unavailable_dms_are_a_notice_and_everything_else_still_arrives(busy_server, how):
    s = busy_server
    if how == "redirect_to_login":
        s.messages_redirect_to_login = True
    elif how == "forbidden":
        s.messages_status = 403
    elif how == "not_found":
        s.messages_status = 404
    else:
        s.fail_next("html", path="/message/messages", count=3)

    result, _ = poll(s)

    assert result.error is None
    assert [n.code for n in result.notices] == ["dms_unavailable"]
    assert "Reddit DMs unavailable" in result.notices[0].message and "chat" in result.notices[0].message
    kinds = {i.kind for i in result.items}
    assert kinds == {"comment", "reply", "mention"}
    assert "messages" not in result.cursors and "comment_replies" in result.cursors


def test_a_transient_server_error_is_retried_by_prawcore_for_reads(busy_server):
    busy_server.fail_next(503, path="/message/comments")
    result, _ = poll(busy_server)
    assert result.error is None and busy_server.comment_reply in by_id(result)
    assert busy_server.count("/message/comments") == 2


def test_a_lasting_outage_stops_the_poll_keeping_what_was_read(busy_server):
    busy_server.fail_next(503, path="/message/mentions", count=3)
    result, _ = poll(busy_server)
    assert isinstance(result.error, PlatformUnavailable)
    assert result.error.account == "reddit-main"
    assert set(result.cursors) == {"comment_replies", "submission_replies"}
    assert busy_server.comment_reply in by_id(result) and busy_server.mention not in by_id(result)
    assert busy_server.count("/message/messages") == 0  # did not press on against a failing server


@pytest.mark.parametrize("fault", ["malformed_json", "html"])
def test_an_unreadable_listing_is_malformed_and_the_other_sources_are_still_read(busy_server, fault):
    busy_server.fail_next(fault, path="/message/comments")
    result, _ = poll(busy_server)
    assert isinstance(result.error, MalformedResponse)
    assert "comment_replies" not in result.cursors
    assert {"submission_replies", "mentions", "messages", "own_posts"} <= set(result.cursors)
    assert busy_server.dm in by_id(result)


def test_an_expired_access_token_is_refreshed_and_the_poll_goes_on(busy_server):
    connector = build(busy_server.account(), busy_server.secrets())
    first = connector.poll({}, Budget(limit=None))
    busy_server.expire_access_tokens()
    busy_server.add_mention("hey u/therapist_jo", author="sky")
    second = connector.poll(first.cursors, Budget(limit=None))
    assert second.error is None and [i.text for i in second.items] == ["hey u/therapist_jo"]
    assert busy_server.tokens_issued == 2


def test_a_revoked_token_means_reconnect_required_not_a_retry_loop(busy_server):
    busy_server.revoke()
    result, budget = poll(busy_server)
    assert isinstance(result.error, ReconnectRequired)
    assert "modbot connect reddit-main" in str(result.error)
    assert result.items == [] and result.cursors == {}
    assert busy_server.count("access_token") == 1 and budget.spent == 1


def test_revoked_in_the_middle_of_a_session(busy_server):
    connector = build(busy_server.account(), busy_server.secrets())
    connector.poll({}, Budget(limit=None))
    busy_server.revoke()
    result = connector.poll({}, Budget(limit=None))
    assert isinstance(result.error, ReconnectRequired)
    assert busy_server.count("access_token") == 2  # one refresh attempt, then stop


def test_a_429_is_rate_limited_with_the_servers_wait(busy_server):
    busy_server.fail_next(429, path="/message/comments", retry_after=42)
    result, _ = poll(busy_server)
    assert isinstance(result.error, RateLimited) and result.error.retry_after == 42.0
    assert result.cursors == {}


def test_a_spent_request_allowance_is_reported_instead_of_sleeping_through_it(busy_server):
    busy_server.ratelimit_remaining = 1  # the next answer says 0 left, reset in 300 s
    result, _ = poll(busy_server)
    assert isinstance(result.error, RateLimited)
    assert result.error.retry_after is not None and result.error.retry_after > 250
    assert "comment_replies" in result.cursors  # the request that used the last allowance still counted


def test_own_posts_quiet_posts_cost_nothing_and_new_nested_comments_are_found(reddit_server):
    s = reddit_server
    posts = [s.add_post(f"Post {n}") for n in range(3)]
    s.add_post("Someone else's post", own=False)
    top = s.add_comment("question on post 1", post=posts[1], author="amy")
    first, _ = poll(s)
    assert [i.external_id for i in first.items] == [top]
    assert threads_opened(s) == 1  # posts without comments are not opened

    deep = s.add_comment("a reply to amy", post=posts[1], author="bo", parent=top)
    second, _ = poll(s, first.cursors)
    assert [(i.external_id, i.kind, i.parent_id, i.context_title) for i in second.items] == [
        (deep, "comment", top, "Post 1")
    ]
    assert threads_opened(s) == 2


def test_removed_comments_are_skipped(reddit_server):
    s = reddit_server
    post = s.add_post("A post")
    gone = s.add_comment("[removed]", post=post, author=None)
    kept = s.add_comment("visible", post=post, author="amy")
    result, _ = poll(s)
    assert gone not in by_id(result) and kept in by_id(result)


def test_budget_counts_every_http_request(busy_server):
    result, budget = poll(busy_server)
    assert budget.spent == len(busy_server.requests)


def test_a_poll_makes_only_the_requests_its_listings_need_and_reports_them(busy_server):
    s = busy_server
    connector = build(s.account(), s.secrets())
    budget = Budget(limit=None)
    first = connector.poll({}, budget)
    own = s.own_post[3:]
    assert [(r.method, r.path) for r in s.requests] == [
        ("POST", "/api/v1/access_token"),
        ("GET", "/message/comments/"),
        ("GET", "/message/selfreply/"),
        ("GET", "/message/mentions"),
        ("GET", "/message/messages/"),
        ("GET", f"/user/{s.username}/submitted"),
        ("GET", f"/comments/{own}/"),  # the one own post with comments; no request per item
    ]
    assert budget.spent == connector.sessions["reader"].sent == len(s.requests) == 7

    quiet = Budget(limit=None)
    connector.poll(first.cursors, quiet)
    assert quiet.spent == len(s.requests) - 7 == len(SOURCES)  # one page per listing, no thread opened


def test_the_request_limit_stops_a_poll_before_it_sends_more(busy_server):
    connector = build(busy_server.account(), busy_server.secrets())
    result = connector.poll({}, Budget(limit=3, account="reddit-main"))
    assert isinstance(result.error, QuotaExceeded) and result.error.account == "reddit-main"
    assert len(busy_server.requests) == 3  # the fourth was never sent
    assert set(result.cursors) == {"comment_replies", "submission_replies"}


def test_an_unreadable_cursor_is_treated_as_a_first_poll(busy_server):
    first, _ = poll(busy_server)
    cursors = dict(first.cursors, comment_replies="not json{")
    again, _ = poll(busy_server, cursors)
    assert {i.external_id for i in again.items} == {
        busy_server.comment_reply,
        busy_server.deleted_author_reply,
    }
    assert json.loads(again.cursors["comment_replies"])["newest"] is not None


def test_build_needs_credentials_and_a_username(reddit_server):
    with pytest.raises(ConfigError, match="modbot connect reddit-main"):
        build(reddit_server.account(), None)
    with pytest.raises(ConfigError, match="refresh_token"):
        build(reddit_server.account(), {"client_id": "x", "client_secret": "y"})
    with pytest.raises(ConfigError, match="username"):
        build(reddit_server.account(username=None), reddit_server.secrets())


def test_the_registry_finds_the_reddit_connector(reddit_server):
    connector = factory("reddit")(reddit_server.account(), reddit_server.secrets())
    assert connector.platform == "reddit"
    assert connector.verify() == "therapist_jo"


def test_a_refused_post_history_is_a_notice_and_the_inbox_still_arrives(busy_server):
    busy_server.fail_next(404, path="/submitted")
    result, _ = poll(busy_server)
    assert result.error is None
    assert [n.code for n in result.notices] == ["own_posts_unavailable"]
    assert busy_server.comment_reply in by_id(result) and busy_server.nested not in by_id(result)
    assert "own_posts" not in result.cursors


def test_a_post_deleted_between_listing_and_reading_is_skipped(reddit_server):
    s = reddit_server
    gone, kept = s.add_post("Deleted soon"), s.add_post("Still here")
    s.add_comment("on the deleted post", post=gone, author="amy")
    on_kept = s.add_comment("on the kept post", post=kept, author="bo")
    s.fail_next(404, path=f"/comments/{gone[3:]}")
    result, _ = poll(s)
    assert result.error is None and [i.external_id for i in result.items] == [on_kept]
