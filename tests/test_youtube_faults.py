"""Every failure the fake YouTube can produce becomes the right bot.errors type; partial polls survive."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain import Budget
from bot.errors import (
    ConnectorError,
    MalformedResponse,
    PlatformUnavailable,
    QuotaExceeded,
    RateLimited,
    ReconnectRequired,
)
from connectors import youtube
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def connector(youtube_server: FakeYouTube) -> youtube.YouTubeConnector:
    return youtube.build(youtube_server.account(), youtube_server.secrets(), timeout=1)


@pytest.fixture
def channel(youtube_server: FakeYouTube) -> dict[str, str]:
    """A small channel: one held comment, two published threads (one with a reply)."""
    video = youtube_server.add_video(title="Video")
    first = youtube_server.add_comment(video, "first")
    return {
        "video": video,
        "first": first,
        "reply": youtube_server.add_reply(first, "a reply"),
        "second": youtube_server.add_comment(video, "second"),
        "held": youtube_server.add_comment(video, "held", held=True),
    }


def poll(connector: youtube.YouTubeConnector, cursors: dict[str, str] | None = None, limit: int = 10_000):
    budget = Budget(limit=limit, account=connector.account.name)
    return connector.poll(cursors or {}, budget), budget


def assert_pacific_midnight(when: datetime | None) -> None:
    assert when is not None and when.tzinfo is not None
    local = when.astimezone(PACIFIC)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert 0 < (when - datetime.now(UTC)).total_seconds() <= 25 * 3600


def test_an_expired_access_token_is_refreshed_without_the_user_noticing(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    first, _ = poll(connector)
    assert youtube_server.token_requests == 1
    youtube_server.expire_tokens()
    youtube_server.add_comment(channel["video"], "after expiry")
    second, _ = poll(connector, first.cursors)
    assert second.error is None
    assert [item.text for item in second.items] == ["after expiry"]
    assert youtube_server.token_requests == 2


def test_a_revoked_refresh_token_means_reconnect_required(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.revoke()
    result, budget = poll(connector)
    assert isinstance(result.error, ReconnectRequired)
    assert "invalid_grant" in str(result.error) and "modbot connect channel" in str(result.error)
    assert result.error.account == "channel"
    assert result.items == [] and result.cursors == {}
    assert budget.spent == 0  # it stopped before any listing instead of trying each
    assert youtube_server.quota_used == 0


def test_a_persistent_401_means_reconnect_required(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.fail_next("commentThreads", 401, times=3)
    result, _ = poll(connector)
    assert isinstance(result.error, ReconnectRequired)
    assert result.cursors == {}


def test_quota_exceeded_from_youtube_pauses_until_pacific_midnight(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.quota_used = youtube_server.quota_limit  # spent elsewhere today
    result, _ = poll(connector)
    assert isinstance(result.error, QuotaExceeded)
    assert "quota" in str(result.error)
    assert_pacific_midnight(result.error.resume_at)
    assert result.items == []
    assert len(youtube_server.calls("commentThreads.list")) == 1


def test_the_budget_is_never_exceeded_and_items_read_before_it_ran_out_survive(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    for n in range(150):
        youtube_server.add_comment(channel["video"], f"bulk {n}")
    result, budget = poll(connector, limit=3)  # held page + two published pages; no room for spam
    assert budget.spent == 3 == youtube_server.quota_used
    assert isinstance(result.error, QuotaExceeded)
    assert_pacific_midnight(result.error.resume_at)
    assert len(result.items) == 1 + 150 + 3
    assert result.cursors.keys() == {"held", "threads"}

    spent_before = Budget(limit=5, used_before=4, account="channel")
    result, budget = connector.poll({}, spent_before), spent_before
    assert budget.spent == 1 and isinstance(result.error, QuotaExceeded)


def test_429_is_rate_limited_with_the_servers_wait(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.fail_next("commentThreads", 429)
    result, _ = poll(connector)
    assert isinstance(result.error, RateLimited)
    youtube_server.fail_next("commentThreads", 403, reason="rateLimitExceeded")
    result, _ = poll(connector)
    assert isinstance(result.error, RateLimited)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_platform_unavailable_and_other_listings_still_arrive(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str], status: int
) -> None:
    youtube_server.fail_next("commentThreads", status, query={"moderationStatus": "heldForReview"})
    result, _ = poll(connector)
    assert isinstance(result.error, PlatformUnavailable)
    assert {item.external_id for item in result.items} == {
        channel["first"],
        channel["reply"],
        channel["second"],
    }
    assert "held" not in result.cursors and "threads" in result.cursors and "spam" in result.cursors

    retry, _ = poll(connector, result.cursors)
    assert retry.error is None
    assert [item.external_id for item in retry.items] == [channel["held"]]


@pytest.mark.parametrize("kind", ["malformed", "html"])
def test_unreadable_answers_are_malformed_responses(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str], kind: str
) -> None:
    youtube_server.fail_next("commentThreads", 200, kind=kind, query={"moderationStatus": "heldForReview"})
    result, _ = poll(connector)
    assert isinstance(result.error, MalformedResponse)
    assert "held" not in result.cursors
    assert len(result.items) == 3


def test_json_of_the_wrong_shape_is_a_malformed_response(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.fail_next("commentThreads", 200, body={"items": "not a list"})
    result, _ = poll(connector)
    assert isinstance(result.error, MalformedResponse)


def test_an_incomplete_thread_is_skipped_with_a_notice_and_the_rest_arrive(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    good = youtube_server.thread_resource(youtube_server.comment(channel["second"]), {"snippet"}, "plainText")
    body = {"items": [{"id": "x", "snippet": {}}, good]}
    youtube_server.fail_next("commentThreads", 200, body=body, query={"moderationStatus": "likelySpam"})
    result, _ = poll(connector)
    assert result.error is None
    assert [notice.code for notice in result.notices] == ["unreadable_items"]
    assert "spam" in result.cursors
    assert len(result.items) == 4  # the good thread was already known from the published listing


def test_a_timeout_is_platform_unavailable(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.fail_next(
        "commentThreads", kind="timeout", delay=3, query={"moderationStatus": "likelySpam"}
    )
    result, _ = poll(connector)
    assert isinstance(result.error, PlatformUnavailable)
    assert "timed out" in str(result.error)
    assert len(result.items) == 4 and "spam" not in result.cursors


def test_a_dropped_connection_is_platform_unavailable(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    youtube_server.fail_next("commentThreads", kind="reset")
    result, _ = poll(connector)
    assert isinstance(result.error, PlatformUnavailable)
    assert len(youtube_server.calls("commentThreads.list")) == 3  # sent once each, never re-sent


def test_the_second_page_failing_keeps_the_first_page(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    for n in range(120):
        youtube_server.add_comment(channel["video"], f"bulk {n}")
    first_listing, _ = poll(connector)
    for n in range(150):
        youtube_server.add_comment(channel["video"], f"more {n}")
    youtube_server.fail_next("commentThreads", 503, query={"pageToken": _token_for(100)})
    result, _ = poll(connector, first_listing.cursors)
    assert isinstance(result.error, PlatformUnavailable)
    assert len(result.items) == 100 and all(item.text.startswith("more") for item in result.items)
    assert "threads" not in result.cursors

    recovered, _ = poll(connector, {**first_listing.cursors, **result.cursors})
    assert recovered.error is None
    assert {item.text for item in recovered.items} == {f"more {n}" for n in range(150)}


def _token_for(offset: int) -> str:
    """The fake's page token for the page starting at `offset`."""
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def test_errors_carry_the_account_and_no_sdk_types(
    youtube_server: FakeYouTube, connector: youtube.YouTubeConnector, channel: dict[str, str]
) -> None:
    for status in (400, 401, 403, 404, 429, 500):
        youtube_server.fail_next("commentThreads", status, times=3)
        result, _ = poll(connector)
        assert isinstance(result.error, ConnectorError), status
        assert type(result.error).__module__ in ("bot.errors", "connectors.youtube")
        assert result.error.account == "channel"
        youtube_server.clear_faults()
