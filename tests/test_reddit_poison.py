"""Comments on the account's own posts that PRAW cannot build are quarantined, not fatal (issue 13):
recorded once (id, listing, reason, size), kept out of the queue, and the rest of the thread and
the other posts still arrive; the next poll moves on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain import Budget
from connectors.reddit import build
from tests.fakes.reddit import FakeReddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


def poll(server: FakeReddit, cursors: dict[str, str] | None = None):
    return build(server.account(), server.secrets()).poll(cursors or {}, Budget(limit=None))


@pytest.fixture
def poisoned_thread(reddit_server: FakeReddit) -> dict[str, str]:
    """An own post whose thread holds a comment with an author PRAW cannot build, with a reply under it."""
    s = reddit_server
    post = s.add_post("Breathing exercises that help")
    names = {
        "post": post,
        "good": s.add_comment("this helped, thank you", post=post, author="amy"),
        "bad": s.add_comment("a comment with a broken author", post=post, author="bo"),
        "other_post": s.add_post("Sleep and anxiety"),
    }
    names["under_bad"] = s.add_comment("replying to bo", post=post, author="cy", parent=names["bad"])
    names["on_other"] = s.add_comment("on the other post", post=names["other_post"], author="dee")
    s.comments[names["bad"]]["author"] = 12345
    return names


def test_praw_itself_cannot_build_the_poisoned_thread(reddit_server, poisoned_thread):
    s = reddit_server
    reddit = s.praw()
    with pytest.raises(TypeError):
        submission = reddit.submission(poisoned_thread["post"][3:])
        [str(comment.author) for comment in submission.comments.list()]


def test_an_unbuildable_comment_on_an_own_post_is_quarantined_and_the_rest_arrive(
    reddit_server, poisoned_thread
):
    names = poisoned_thread
    result = poll(reddit_server)
    assert result.error is None
    assert {i.external_id for i in result.items} == {names["good"], names["under_bad"], names["on_other"]}
    (q,) = result.quarantined
    assert (q.source, q.external_id) == ("own_posts", names["bad"])
    assert "author" in q.reason and q.raw_size > 0
    assert [n.code for n in result.notices] == ["unreadable_items"]
    assert "own_posts" in result.cursors

    # Next poll: a new comment opens the thread again; the bad one is not recorded twice.
    newer = reddit_server.add_comment("one more", post=names["post"], author="eve")
    again = poll(reddit_server, result.cursors)
    assert [i.external_id for i in again.items] == [newer]
    assert again.quarantined == [] and again.notices == [] and again.error is None


def test_a_comment_without_an_id_is_quarantined_by_digest_once(reddit_server):
    s = reddit_server
    post = s.add_post("A post")
    kept = s.add_comment("readable", post=post, author="amy")
    broken = s.add_comment("no id", post=post, author="bo")
    s.comments[broken]["id"] = None
    s.comments[broken]["name"] = None
    result = poll(s)
    assert [i.external_id for i in result.items] == [kept]
    (q,) = result.quarantined
    assert q.source == "own_posts" and q.external_id is None and q.reason == "no valid id"

    s.add_comment("another", post=post, author="cy")
    again = poll(s, result.cursors)
    assert again.quarantined == [] and len(again.items) == 1


def test_a_listed_post_without_an_id_is_quarantined_and_the_other_posts_are_read(reddit_server):
    s = reddit_server
    broken = s.add_post("Broken listing entry")
    s.add_comment("under the broken post", post=broken, author="amy")
    fine = s.add_post("Fine post")
    on_fine = s.add_comment("under the fine post", post=fine, author="bo")
    s.posts[broken]["id"] = None
    s.posts[broken]["name"] = None
    result = poll(s)
    assert result.error is None and [i.external_id for i in result.items] == [on_fine]
    (q,) = result.quarantined
    assert q.source == "own_posts" and q.reason == "a post with no valid id"
    assert poll(s, result.cursors).quarantined == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("permalink", {"odd": True}), ("author_fullname", {"id": 1}),
     ("link_title", 3.5), ("context", ["x"])],
)
def test_odd_types_in_other_fields_never_stop_the_listing_or_reach_storage(
    reddit_server: FakeReddit, field: str, value: object
) -> None:
    s = reddit_server
    post = s.add_post("Grounding")
    odd = s.add_comment("a comment with an odd field", post=post, author="amy")
    fine = s.add_comment("a normal comment", post=post, author="bo")
    s.comments[odd][field] = value
    result = poll(s)
    assert result.error is None
    got = {i.external_id: i for i in result.items}
    assert fine in got
    for item in result.items:  # every stored field is text or None, whatever the server sent
        for name in ("author", "author_id", "parent_id", "thread_id", "context_title", "permalink"):
            assert isinstance(getattr(item, name), str | None), (name, getattr(item, name))
    assert odd in got or [q.external_id for q in result.quarantined] == [odd]
