"""Posting replies, reconciling unclear posts and moderating, against the fake YouTube."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain import Budget, InboundItem
from bot.errors import (
    ConnectorError,
    PlatformUnavailable,
    PostOutcomeUnknown,
    QuotaExceeded,
    RateLimited,
    ReconnectRequired,
    TargetGone,
)
from connectors import youtube
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


REPLY = "Thank you for sharing this. I can't give personal advice here, but please reach out to someone."


@pytest.fixture
def connector(youtube_server: FakeYouTube) -> youtube.YouTubeConnector:
    return youtube.build(youtube_server.account(), youtube_server.secrets(), timeout=1)


@pytest.fixture
def items(youtube_server: FakeYouTube, connector: youtube.YouTubeConnector) -> dict[str, InboundItem]:
    """The polled comment, a reply under it, and a held comment, keyed by text."""
    video = youtube_server.add_video(title="Video")
    top = youtube_server.add_comment(video, "comment")
    youtube_server.add_reply(top, "reply")
    youtube_server.add_comment(video, "held", held=True)
    result = connector.poll({}, Budget(limit=None))
    assert result.error is None
    return {item.text: item for item in result.items}


def test_a_reply_is_posted_once_as_the_channel(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    reply_id = connector.post_reply(items["comment"], REPLY)
    posted = youtube_server.replies_posted
    assert [c.id for c in posted] == [reply_id]
    assert posted[0].text == REPLY and posted[0].parent_id == items["comment"].external_id
    assert posted[0].author_channel_id == youtube_server.channel_id
    assert len(youtube_server.calls("comments.insert")) == 1
    assert youtube_server.calls("comments.insert")[0].param("part") == "snippet"


def test_a_reply_to_a_reply_goes_under_the_top_level_comment(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    connector.post_reply(items["reply"], REPLY)
    assert youtube_server.replies_posted[0].parent_id == items["comment"].external_id


def test_posting_costs_fifty_units_through_a_budget(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    before = youtube_server.quota_used
    budget = Budget(limit=10_000, account="channel")
    connector.post_reply(items["comment"], REPLY, budget=budget)
    assert budget.spent == youtube.quota_cost("reply") == 50
    assert youtube_server.quota_used - before == 50

    almost_spent = Budget(limit=100, used_before=60, account="channel")
    with pytest.raises(QuotaExceeded) as caught:
        connector.post_reply(items["comment"], REPLY, budget=almost_spent)
    assert caught.value.resume_at is not None
    assert len(youtube_server.replies_posted) == 1  # the refused post was never sent


@pytest.mark.parametrize("kind", ["status", "reset", "timeout", "malformed", "html"])
def test_an_unclear_failure_after_saving_is_reconciled_by_find_reply(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem], kind: str
) -> None:
    youtube_server.fail_next("comments", 503, kind=kind, after_save=True, method="POST", delay=3)
    with pytest.raises(PostOutcomeUnknown) as caught:
        connector.post_reply(items["comment"], REPLY)
    assert caught.value.account == "channel"
    # saved exactly once: the transport did not re-send after the dropped connection
    assert len(youtube_server.replies_posted) == 1
    assert len(youtube_server.calls("comments.insert")) == 1
    found = connector.find_reply(
        items["comment"],
        "  Thank you for sharing this.\nI can't give personal advice here, but please reach out to someone. ",
    )
    assert found == youtube_server.replies_posted[0].id


def test_an_unclear_failure_before_saving_finds_nothing(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    youtube_server.fail_next("comments", 500, method="POST")
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(items["comment"], REPLY)
    assert youtube_server.replies_posted == []
    assert connector.find_reply(items["comment"], REPLY) is None
    # the reconcile said "not there", so one re-send is safe and lands once
    connector.post_reply(items["comment"], REPLY)
    assert len(youtube_server.replies_posted) == 1


def test_find_reply_ignores_other_authors_and_other_texts_and_pages(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    top = items["comment"].external_id
    youtube_server.add_reply(top, REPLY, author="Impersonator")
    youtube_server.add_reply(
        top, "Something else", author="Dr. Example", author_channel_id=youtube_server.channel_id
    )
    for n in range(120):
        youtube_server.add_reply(top, f"filler {n}")
    assert connector.find_reply(items["comment"], REPLY) is None
    mine = youtube_server.add_reply(
        top, REPLY, author="Dr. Example", author_channel_id=youtube_server.channel_id
    )
    budget = Budget(limit=None)
    assert connector.find_reply(items["comment"], REPLY, budget=budget) == mine
    assert budget.spent == 2  # 124 replies: two pages of 100


def test_comments_disabled_and_deleted_parents_are_target_gone(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    youtube_server.fail_next("comments", 403, reason="commentsDisabled", method="POST")
    with pytest.raises(TargetGone) as caught:
        connector.post_reply(items["comment"], REPLY)
    assert "commentsDisabled" in str(caught.value)

    closed = youtube_server.add_video(title="Closed", comments_disabled=True)
    comment = youtube_server.add_comment(closed, "old comment")
    item = InboundItem("youtube", "channel", "comment", comment, "old comment")
    with pytest.raises(TargetGone):
        connector.post_reply(item, REPLY)

    youtube_server.set_status(items["comment"].external_id, "rejected")
    with pytest.raises(TargetGone):
        connector.post_reply(items["comment"], REPLY)
    assert youtube_server.replies_posted == []


def test_a_revoked_token_refuses_the_post_before_sending_it(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    youtube_server.revoke()
    fresh = youtube.build(youtube_server.account(), youtube_server.secrets())
    with pytest.raises(ReconnectRequired):
        fresh.post_reply(items["comment"], REPLY)
    with pytest.raises(ReconnectRequired):  # the old token was revoked too: 401, refresh fails
        connector.post_reply(items["comment"], REPLY)
    assert youtube_server.calls("comments.insert") == [] or all(
        r.status == 401 for r in youtube_server.calls("comments.insert")
    )
    assert youtube_server.replies_posted == []


def test_an_unreachable_token_endpoint_is_not_an_unclear_post(
    youtube_server: FakeYouTube, items: dict[str, InboundItem]
) -> None:
    youtube_server.fail_next("/token", 503, times=5)
    fresh = youtube.build(youtube_server.account(), youtube_server.secrets())
    with pytest.raises(PlatformUnavailable):
        fresh.post_reply(items["comment"], REPLY)
    assert youtube_server.calls("comments.insert") == []


def test_quota_and_rate_limits_on_posting(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    youtube_server.quota_used = youtube_server.quota_limit - 10
    with pytest.raises(QuotaExceeded) as caught:
        connector.post_reply(items["comment"], REPLY)
    assert caught.value.resume_at is not None
    youtube_server.quota_used = 0
    youtube_server.fail_next("comments", 429, method="POST")
    with pytest.raises(RateLimited):
        connector.post_reply(items["comment"], REPLY)
    assert youtube_server.replies_posted == []


@pytest.mark.parametrize(
    ("action", "status"), [("hold", "heldForReview"), ("reject", "rejected"), ("publish", "published")]
)
def test_moderation_actions_set_the_comment_status(
    youtube_server: FakeYouTube,
    connector: youtube.YouTubeConnector,
    items: dict[str, InboundItem],
    action: str,
    status: str,
) -> None:
    target = items["held"] if action == "publish" else items["comment"]
    budget = Budget(limit=None)
    connector.moderate(target, action, budget=budget)
    assert youtube_server.comment(target.external_id).status == status
    assert youtube_server.moderation_log == [(target.external_id, status)]
    assert budget.spent == youtube.quota_cost("moderate") == 50


def test_moderation_errors(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, items: dict[str, InboundItem]
) -> None:
    with pytest.raises(ConnectorError, match="no moderation action 'ban'"):
        connector.moderate(items["comment"], "ban")
    gone = InboundItem("youtube", "channel", "comment", "Ugz-missing", "gone")
    with pytest.raises(TargetGone):
        connector.moderate(gone, "reject")
    youtube_server.fail_next("setModerationStatus", 503)
    with pytest.raises(PlatformUnavailable):  # setting a status twice is harmless, so this may be retried
        connector.moderate(items["comment"], "hold")
    assert youtube_server.moderation_log == []


def test_quota_cost_names_every_action() -> None:
    assert [youtube.quota_cost(a) for a in ("list", "find_reply", "reply", "moderate")] == [1, 1, 50, 50]
    with pytest.raises(ValueError):
        youtube.quota_cost("upload")
