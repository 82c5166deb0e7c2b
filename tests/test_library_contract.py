"""What modbot relies on from PRAW, prawcore and google-api-python-client, checked on the installed
versions against the fake servers.

pyproject.toml pins these SDKs to the minor versions this file passed on. When a test here fails,
the installed SDK behaves differently from what an adapter assumes, and posting a reply twice or a
poll stalled for minutes may follow: fix the adapter (connectors/reddit_http.py,
connectors/youtube_http.py) before widening the pin.
"""

from __future__ import annotations

import ast
import inspect
import time
from collections.abc import Iterator
from pathlib import Path

import praw
import prawcore
import pytest
from praw.endpoints import API_PATH

from bot.domain import Budget, InboundItem
from bot.errors import PlatformUnavailable, PostOutcomeUnknown, RateLimited
from connectors.reddit import build
from connectors.reddit_http import MAX_RATE_WAIT, PostNotResent, RedditSession
from tests.fakes.reddit import FakeReddit

ROOT = Path(__file__).resolve().parents[1]
REDDIT_MODULES = sorted((ROOT / "connectors").glob("reddit*.py"))
REPLY = "Thank you for sharing. I can't give personal advice here."


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every time.sleep an SDK asks for, in seconds; none is actually slept."""
    asked: list[float] = []
    monkeypatch.setattr(time, "sleep", asked.append)
    return asked


def praw_for(server: FakeReddit, session: RedditSession | None = None) -> praw.Reddit:
    reddit: praw.Reddit = server.praw(
        requestor_kwargs={"session": session} if session is not None else None
    )
    return reddit


def reply_to_comment(server: FakeReddit) -> str:
    return server.add_comment_reply("How do I stop panicking?", author="alex")


# ----------------------------------------------------------------- the public hooks we use
def test_praw_and_prawcore_offer_the_public_hooks_the_adapter_uses():
    reddit_init = inspect.signature(praw.Reddit.__init__).parameters
    assert {"requestor_class", "requestor_kwargs"} <= set(reddit_init), (
        "praw.Reddit no longer takes requestor_class/requestor_kwargs: the Reddit adapter cannot "
        "give PRAW its own HTTP session (connectors/reddit_http.py)"
    )
    requestor_init = inspect.signature(prawcore.Requestor.__init__).parameters
    assert {"session", "timeout"} <= set(requestor_init), "prawcore.Requestor no longer takes session/timeout"
    for method in ("request", "post"):
        assert {"method", "path", "params"} & set(inspect.signature(getattr(praw.Reddit, method)).parameters)
    missing = {
        key
        for key in (
            "comment",
            "remove",
            "read_message",
            "sent",
            "user",
            "submission",
            "comment_replies",
            "submission_replies",
            "mentions",
            "messages",
        )
        if key not in API_PATH
    }
    assert not missing, f"praw.endpoints.API_PATH lost the paths the adapter reads: {sorted(missing)}"
    for name in ("RequestException", "ResponseException", "TooManyRequests", "BadJSON", "Redirect"):
        assert isinstance(getattr(prawcore, name, None), type), f"prawcore.{name} is gone"


def test_every_http_request_praw_makes_goes_through_the_session_we_give_it(reddit_server):
    session = RedditSession()
    reddit = praw_for(reddit_server, session)
    assert str(reddit.user.me()) == reddit_server.username
    reddit.post(API_PATH["read_message"], data={"id": "t1_x"})
    assert session.sent == len(reddit_server.requests) == 3, (
        "PRAW sent requests around the requests.Session passed in requestor_kwargs: the poll's "
        "request count and the no-resend guard would miss them"
    )


def test_an_exception_from_the_session_reaches_the_caller_inside_RequestException_unretried(reddit_server):
    attempts = []

    class Refusing(RedditSession):
        def request(self, method, url, *args, **kwargs):
            if "access_token" in str(url):
                return super().request(method, url, *args, **kwargs)
            attempts.append(url)
            raise PostNotResent(503)

    reddit = praw_for(reddit_server, Refusing())
    with pytest.raises(prawcore.RequestException) as caught:
        reddit.request(method="GET", path="api/v1/me")
    assert isinstance(caught.value.original_exception, PostNotResent), (
        "prawcore no longer hands on the session's own exception as RequestException.original_exception"
    )
    assert len(attempts) == 1, "prawcore retried after an exception that is not a requests error"


# ------------------------------------------------------------------ posting is sent once
@pytest.mark.parametrize("fault", [500, 503, "reset", 401])
def test_prawcore_does_not_resend_a_post_through_our_session(reddit_server, sleeps, fault):
    thing_id = reply_to_comment(reddit_server)
    reddit_server.fail_next(fault, path="/api/comment", save_first=fault != 401)
    reddit = praw_for(reddit_server, RedditSession())
    with pytest.raises(prawcore.RequestException) as caught:
        reddit.post(API_PATH["comment"], data={"text": REPLY, "thing_id": thing_id})
    sent = reddit_server.count("/api/comment", method="POST")
    assert sent == 1, f"prawcore sent a reply {sent} times after a {fault}: a reply could be posted twice"
    assert isinstance(caught.value.original_exception, PostNotResent)


@pytest.mark.parametrize("fault", [500, 503, "reset"])
def test_an_unclear_post_is_unknown_to_the_outbox_and_sent_once(reddit_server, sleeps, fault):
    item = InboundItem(
        platform="reddit", account="x", kind="reply", external_id=reply_to_comment(reddit_server), text="."
    )
    reddit_server.fail_next(fault, path="/api/comment", save_first=True)
    connector = build(reddit_server.account(), reddit_server.secrets())
    with pytest.raises(PostOutcomeUnknown):
        connector.post_reply(item, REPLY)
    assert reddit_server.count("/api/comment", method="POST") == 1
    assert len(reddit_server.replies_posted) == 1  # saved once, to be found by reconciliation
    assert connector.find_reply(item, REPLY) == reddit_server.replies_posted[0]["name"]


# ---------------------------------------------------------------------- bounded sleeping
def test_prawcore_reads_the_rate_limit_headers_as_the_adapter_assumes(reddit_server, sleeps):
    """Plain prawcore sleeps until X-Ratelimit-Reset once the allowance is spent: the behaviour the
    adapter's session exists to stop. If this changes, re-check connectors/reddit_http.py."""
    reddit = praw_for(reddit_server)
    reddit_server.ratelimit_remaining = 1  # the next answer says 0 left, reset in 300 s
    reddit.request(method="GET", path="api/v1/me")
    reddit.request(method="GET", path="api/v1/me")
    assert max(sleeps, default=0) == pytest.approx(300, abs=2), (
        f"prawcore's rate limiter no longer waits for X-Ratelimit-Reset (asked to sleep {sleeps})"
    )


def test_a_spent_allowance_is_rate_limited_not_slept_through(reddit_server, sleeps):
    reddit_server.add_comment_reply("hello", author="alex")
    reddit_server.ratelimit_remaining = 1
    connector = build(reddit_server.account(), reddit_server.secrets())
    result = connector.poll({}, Budget(limit=None))
    assert isinstance(result.error, RateLimited) and result.error.retry_after is not None
    assert 250 < result.error.retry_after <= 300
    assert max(sleeps, default=0) <= MAX_RATE_WAIT, f"a poll slept {max(sleeps)} s for Reddit's rate limit"
    assert reddit_server.count("/message/") == 1  # nothing sent while the allowance was spent


def test_a_short_rate_limit_wait_is_slept_within_the_bound(reddit_server, sleeps):
    reddit_server.add_comment_reply("hello", author="alex")
    reddit_server.ratelimit_remaining, reddit_server.ratelimit_reset = 1, 20
    result = build(reddit_server.account(), reddit_server.secrets()).poll({}, Budget(limit=None))
    assert result.error is None and len(result.items) == 1
    assert 0 < max(sleeps) <= 20


def test_reads_are_retried_a_bounded_number_of_times_with_short_sleeps(reddit_server, sleeps):
    reddit_server.fail_next(503, path="/message/comments", count=5)
    result = build(reddit_server.account(), reddit_server.secrets()).poll({}, Budget(limit=None))
    assert isinstance(result.error, PlatformUnavailable)
    assert reddit_server.count("/message/comments") == 3, "prawcore's retry count for reads changed"
    assert max(sleeps) <= 4.0 and sum(sleeps) <= 6.0, f"prawcore backs off longer now: {sleeps}"


# ---------------------------------------------------------------- no private attributes
def _private_uses(path: Path) -> list[str]:
    """`x._name` on anything but self/cls, and underscore methods of classes built on praw/prawcore."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.ClassDef) and any("praw" in ast.unparse(base) for base in node.bases):
            found += [
                f"{path.name}:{item.lineno} {node.name}.{item.name} overrides an SDK internal"
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name.startswith("_") and item.name != "__init__"
            ]
    return found


def test_the_reddit_adapter_touches_no_private_praw_attribute():
    assert REDDIT_MODULES, "connectors/reddit*.py not found"
    found = [use for path in REDDIT_MODULES for use in _private_uses(path)]
    assert found == [], f"private attributes reached from the Reddit adapter: {found}"


# ------------------------------------------------------------ google-api-python-client
def test_google_api_client_sends_a_reply_once_on_a_500_or_reset_with_num_retries_0(sleeps):
    import google_auth_httplib2
    from google.oauth2.credentials import Credentials
    from googleapiclient import discovery, errors

    from connectors.youtube_http import OneShotHttp
    from tests.fakes.youtube import FakeYouTube

    with FakeYouTube() as server:
        parent = server.add_comment(server.add_video(title="Video"), "a question")
        secrets = server.secrets()
        credentials = Credentials(
            token=None,
            refresh_token=secrets["refresh_token"],
            token_uri=secrets["token_uri"],
            client_id=secrets["client_id"],
            client_secret=secrets["client_secret"],
        )
        api = discovery.build(
            "youtube",
            "v3",
            http=google_auth_httplib2.AuthorizedHttp(credentials, http=OneShotHttp(timeout=5)),
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": server.endpoint},
        )
        body = {"snippet": {"parentId": parent, "textOriginal": REPLY}}
        for fault, raised in ((500, errors.HttpError), ("reset", Exception)):
            before = len(server.calls("comments.insert"))
            if fault == "reset":
                server.fail_next("comments", kind="reset", method="POST", after_save=True)
            else:
                server.fail_next("comments", 500, method="POST", after_save=True)
            with pytest.raises(raised):
                api.comments().insert(part="snippet", body=body).execute(num_retries=0)
            sent = len(server.calls("comments.insert")) - before
            assert sent == 1, (
                f"google-api-python-client sent comments.insert {sent} times after a {fault} with "
                "num_retries=0: a YouTube reply could be posted twice"
            )
