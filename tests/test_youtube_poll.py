"""Polling YouTube with the real google-api-python-client against the fake server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import Budget, InboundItem
from connectors import youtube
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


@pytest.fixture
def connector(youtube_server: FakeYouTube) -> youtube.YouTubeConnector:
    return youtube.build(youtube_server.account(), youtube_server.secrets(), timeout=2)


def poll(connector: youtube.YouTubeConnector, cursors: dict[str, str] | None = None, limit: int = 10_000):
    budget = Budget(limit=limit, account=connector.account.name)
    return connector.poll(cursors or {}, budget), budget


def by_id(items: list[InboundItem]) -> dict[str, InboundItem]:
    return {item.external_id: item for item in items}


def test_first_poll_returns_every_comment_reply_and_held_comment_with_context(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video(title="Grounding for panic attacks")
    other = youtube_server.add_video(title="Sleep & anxiety")
    top = youtube_server.add_comment(video, "This helped me so much 🙏", author="Sam K")
    reply = youtube_server.add_reply(top, "Same here", author="Jo")
    own = youtube_server.add_reply(
        top, "Glad it helped", author="Dr. Example", author_channel_id=youtube_server.channel_id
    )
    held = youtube_server.add_comment(video, "I don't want to be here anymore", author="anon", held=True)
    spam = youtube_server.add_comment(other, "cheap pills at example.test", author="bot", spam=True)
    markup = youtube_server.add_comment(other, '<script>alert("x")</script> & <b>bold</b>', author="Tester")

    result, budget = poll(connector)

    assert result.error is None
    items = by_id(result.items)
    assert set(items) == {top, reply, held, spam, markup}  # the channel's own reply is not inbound
    comment = items[top]
    assert comment.kind == "comment"
    assert comment.platform == "youtube" and comment.account == "channel"
    assert comment.text == "This helped me so much 🙏"
    assert comment.author == "Sam K"
    assert comment.author_id == youtube_server.comment(top).author_channel_id
    assert comment.thread_id == top and comment.parent_id is None
    assert comment.context_id == video and comment.context_title == "Grounding for panic attacks"
    assert comment.permalink == f"https://www.youtube.com/watch?v={video}&lc={top}"
    assert comment.moderation_status == "published"
    assert comment.published_at == youtube_server.comment(top).published_at
    assert comment.published_at is not None and comment.published_at.tzinfo is not None

    answer = items[reply]
    assert answer.kind == "reply" and answer.parent_id == top and answer.thread_id == top
    assert answer.context_id == video and answer.context_title == "Grounding for panic attacks"
    assert answer.permalink == f"https://www.youtube.com/watch?v={video}&lc={reply}"
    assert own not in items

    assert items[held].moderation_status == "heldForReview"
    assert items[held].text == "I don't want to be here anymore"
    assert items[spam].moderation_status == "likelySpam"
    assert items[spam].context_title == "Sleep & anxiety"
    assert items[markup].text == '<script>alert("x")</script> & <b>bold</b>'  # raw, escaped only when shown
    # three listings and one batch of titles
    assert budget.spent == 4 == youtube_server.quota_used
    assert set(result.cursors) == {"held", "threads", "spam", "videos"}


def test_quiet_poll_adds_nothing_and_costs_one_unit_per_listing(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video(title="Video")
    for n in range(30):
        thread = youtube_server.add_comment(video, f"comment {n}")
        for r in range(n % 8):  # some threads carry all replies, some need comments.list
            youtube_server.add_reply(thread, f"reply {r}")
    youtube_server.add_comment(video, "held", held=True)
    first, _ = poll(connector)
    before = youtube_server.quota_used

    second, budget = poll(connector, first.cursors)

    # held and published: one page each; the likely-spam listing waits for `spam_every` (1h).
    assert second.items == [] and second.error is None
    assert budget.spent == 2 and "spam" not in second.cursors
    assert youtube_server.quota_used - before == 2
    assert youtube_server.calls("videos.list") and len(youtube_server.calls("videos.list")) == 1
    third, budget = poll(connector, {**first.cursors, **second.cursors})
    assert third.items == [] and budget.spent == 2


def test_the_likely_spam_listing_is_read_on_its_own_cadence(youtube_server: FakeYouTube) -> None:
    account = youtube_server.account(spam_every=timedelta(minutes=30))
    connector = youtube.build(account, youtube_server.secrets())
    video = youtube_server.add_video()
    youtube_server.add_comment(video, "first")
    first, budget = poll(connector)
    assert budget.spent == 4  # held, threads, spam, video titles
    youtube_server.add_comment(video, "spammy", spam=True)
    youtube_server.add_comment(video, "held now", held=True)
    soon, budget = poll(connector, first.cursors)
    assert [i.text for i in soon.items] == ["held now"] and budget.spent == 2  # held first, always
    # Half an hour after the spam listing was read, it is due again and its comment arrives.
    spam = json.loads(first.cursors["spam"])
    spam["read_at"] = (datetime.now(UTC) - timedelta(minutes=31)).isoformat()
    later, budget = poll(connector, {**first.cursors, **soon.cursors, "spam": json.dumps(spam)})
    assert [i.text for i in later.items] == ["spammy"] and budget.spent == 3
    assert json.loads(later.cursors["spam"])["read_at"]


def test_quiet_poll_with_queues_off_costs_one_unit(youtube_server: FakeYouTube) -> None:
    connector = youtube.build(youtube_server.account(moderation_queues=False), youtube_server.secrets())
    video = youtube_server.add_video()
    youtube_server.add_comment(video, "published")
    youtube_server.add_comment(video, "held", held=True)
    first, budget = poll(connector)
    assert [item.text for item in first.items] == ["published"]
    assert budget.spent == 2  # listing + titles
    second, budget = poll(connector, first.cursors)
    assert second.items == [] and budget.spent == 1
    assert all(r.param("moderationStatus") is None for r in youtube_server.calls("commentThreads.list"))


def test_new_comments_and_new_replies_on_old_threads_are_found(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video(title="Video")
    short_thread = youtube_server.add_comment(video, "short thread")
    long_thread = youtube_server.add_comment(video, "long thread")
    for n in range(7):
        youtube_server.add_reply(long_thread, f"old reply {n}")
    first, _ = poll(connector)
    assert len(first.items) == 9

    new_comment = youtube_server.add_comment(video, "a new comment")
    short_reply = youtube_server.add_reply(short_thread, "new reply on an old thread")
    long_reply = youtube_server.add_reply(long_thread, "eighth reply")
    youtube_server.add_reply(long_thread, "ninth reply")
    second, budget = poll(connector, first.cursors)

    found = by_id(second.items)
    assert {new_comment, short_reply, long_reply} <= set(found)
    assert found[short_reply].kind == "reply" and found[short_reply].parent_id == short_thread
    assert found[long_reply].parent_id == long_thread
    assert found[long_reply].context_title == "Video"  # from the cached title, no new videos.list
    assert found[new_comment].kind == "comment"
    # listings read every poll (2) + one comments.list for the thread with more replies than it carries
    assert budget.spent == 3
    assert [r.param("parentId") for r in youtube_server.calls("comments.list")][-1] == long_thread
    assert len(youtube_server.calls("videos.list")) == 1

    third, budget = poll(connector, {**first.cursors, **second.cursors})
    assert third.items == [] and budget.spent == 2


def test_paging_over_hundreds_of_threads_then_stopping_at_the_cursor(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    videos = [youtube_server.add_video(title=f"Video {n}") for n in range(60)]
    ids = [youtube_server.add_comment(videos[n % 60], f"comment {n}") for n in range(250)]

    first, budget = poll(connector)

    assert {item.external_id for item in first.items} == set(ids)
    listings = youtube_server.calls("commentThreads.list")
    published = [r for r in listings if r.param("moderationStatus") is None]
    assert len(published) == 3  # 100 + 100 + 50
    assert all(r.param("maxResults") == "100" and r.param("order") == "time" for r in published)
    assert all(r.param("textFormat") == "plainText" for r in published)
    assert len(youtube_server.calls("videos.list")) == 2  # 60 titles in batches of 50
    assert all(len(r.param("id").split(",")) <= 50 for r in youtube_server.calls("videos.list"))
    assert budget.spent == 3 + 2 + 2
    assert {item.context_title for item in first.items} == {f"Video {n}" for n in range(60)}

    for n in range(120):  # more than one page of new comments
        youtube_server.add_comment(videos[0], f"new {n}")
    second, budget = poll(connector, first.cursors)
    assert len(second.items) == 120
    assert budget.spent == 2 + 1  # two published pages, then held (spam waits for spam_every)

    third, budget = poll(connector, {**first.cursors, **second.cursors})
    assert third.items == [] and budget.spent == 2


def test_comments_posted_late_inside_the_overlap_are_still_found(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    youtube_server.add_comment(video, "first")
    first, _ = poll(connector)
    newest = youtube_server.comment(first.items[0].external_id).published_at
    # YouTube can show a comment a little after its timestamp: older than the cursor, not yet seen.
    late = youtube_server.add_comment(video, "late", published_at=newest - timedelta(minutes=2))
    second, _ = poll(connector, first.cursors)
    assert [item.external_id for item in second.items] == [late]


def test_deleted_authors_have_no_name_or_channel(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    ghost = youtube_server.add_comment(video, "from a deleted account", author=None)
    reply = youtube_server.add_reply(ghost, "also deleted", author=None)
    result, _ = poll(connector)
    items = by_id(result.items)
    assert items[ghost].author is None and items[ghost].author_id is None
    assert items[ghost].text == "from a deleted account"
    assert items[reply].author is None and items[reply].parent_id == ghost


def test_an_approved_held_comment_is_not_reported_twice(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    held = youtube_server.add_comment(video, "held first", held=True)
    first, _ = poll(connector)
    assert [i.moderation_status for i in first.items] == ["heldForReview"]
    youtube_server.set_status(held, "published")
    second, _ = poll(connector, first.cursors)
    # the thread is new to the published listing, so it comes again; storage ignores the duplicate id
    assert [i.external_id for i in second.items] == [held]
    third, budget = poll(connector, {**first.cursors, **second.cursors})
    assert third.items == [] and budget.spent == 2


def test_the_held_queue_is_read_first(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    youtube_server.add_comment(video, "published")
    youtube_server.add_comment(video, "held", held=True)
    result, _ = poll(connector, limit=1)  # room for exactly one listing
    assert [item.text for item in result.items] == ["held"]
    assert result.cursors.keys() == {"held"}
    assert result.error is not None and type(result.error).__name__ == "QuotaExceeded"


def test_a_channel_the_account_does_not_own_reports_the_queues_unavailable(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    youtube_server.viewer_is_owner = False
    video = youtube_server.add_video()
    youtube_server.add_comment(video, "public comment")
    result, _ = poll(connector)
    assert result.error is None
    assert [item.text for item in result.items] == ["public comment"]
    assert [notice.code for notice in result.notices] == ["moderation_queues_unavailable"]
    assert youtube_server.channel_id in result.notices[0].message
    assert "threads" in result.cursors and "held" not in result.cursors


def test_an_unreadable_cursor_means_reading_from_the_start(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    comment = youtube_server.add_comment(video, "hello")
    result, _ = poll(connector, {"threads": "not json", "held": "[1,2]", "videos": "{"})
    assert [item.external_id for item in result.items] == [comment]
    assert json.loads(result.cursors["threads"])["replies"] == {comment: 0}


def test_video_titles_come_from_the_cache_until_a_new_video_appears(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    first_video = youtube_server.add_video(title="First")
    youtube_server.add_comment(first_video, "one")
    first, _ = poll(connector)
    youtube_server.add_comment(first_video, "two")
    second, _ = poll(connector, first.cursors)
    assert [item.context_title for item in second.items] == ["First"]
    assert len(youtube_server.calls("videos.list")) == 1
    second_video = youtube_server.add_video(title="Second")
    youtube_server.add_comment(second_video, "three")
    third, _ = poll(connector, {**first.cursors, **second.cursors})
    assert [item.context_title for item in third.items] == ["Second"]
    assert youtube_server.calls("videos.list")[-1].param("id") == second_video


def test_published_times_are_aware_utc(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    when = datetime(2025, 3, 1, 12, 30, 5, tzinfo=UTC)
    youtube_server.add_comment(video, "dated", published_at=when)
    result, _ = poll(connector)
    assert result.items[0].published_at == when
    assert result.items[0].published_at.utcoffset() == timedelta(0)


def test_a_server_that_ignores_moderation_status_does_not_make_comments_held(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    youtube_server.honours_moderation_status = False
    video = youtube_server.add_video(title="Sleep")
    comment = youtube_server.add_comment(video, "Lovely, thank you")
    result, _budget = poll(connector)
    assert by_id(result.items)[comment].moderation_status == "published"


def test_the_channels_own_comments_and_posted_replies_never_come_back_as_items(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video()
    pinned = youtube_server.add_comment(
        video,
        "Resources are in the description",
        author="Dr. Example",
        author_channel_id=youtube_server.channel_id,
    )
    viewer = youtube_server.add_comment(video, "i don't want to be here anymore", author="anon")
    first, budget = poll(connector)
    assert set(by_id(first.items)) == {viewer}

    reply_to = by_id(first.items)[viewer]
    posted = connector.post_reply(reply_to, "You matter. In the US, call or text 988.", budget=budget)
    answer = youtube_server.add_reply(pinned, "thank you for these", author="Jo")

    second, _ = poll(connector, first.cursors)
    ids = set(by_id(second.items))
    assert posted not in ids and pinned not in ids
    assert answer in ids  # a viewer's reply under the channel's own comment is still inbound


def test_each_page_hands_its_new_items_to_seen_as_it_is_read(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector
) -> None:
    video = youtube_server.add_video(title="A long one")
    tops = [youtube_server.add_comment(video, f"comment {n}", author=f"viewer{n}") for n in range(150)]
    reply = youtube_server.add_reply(tops[-1], "a reply", author="Jo")
    held = youtube_server.add_comment(video, "held one", author="anon", held=True)
    handed: list[list[str]] = []

    budget = Budget(limit=10_000, account=connector.account.name)
    result = connector.poll({}, budget, seen=lambda items: handed.append([i.external_id for i in items]))

    assert result.error is None
    assert len(handed) >= 3  # the held page, then the published listing's two pages, one call each
    flat = [external_id for page in handed for external_id in page]
    assert sorted(flat) == sorted(item.external_id for item in result.items)  # each item once
    assert set(flat) == {*tops, reply, held}
