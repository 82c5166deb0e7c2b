"""The HTTP session under PRAW: counts requests, never lets prawcore re-send a POST, bounds waits.

PRAW hands it to prawcore through its public hook, `praw.Reddit(requestor_kwargs={"session": ...})`,
and prawcore's `Requestor` sends every HTTP request through it, token requests included. Left to
itself, prawcore (4.x, checked by tests/test_library_contract.py)

- re-sends any request, a POST included, after a 5xx, a 408, a dropped connection or a read
  timeout (up to twice), so a reply Reddit had already saved could be posted again;
- before each request, sleeps until `X-Ratelimit-Reset` when the last answer said the allowance is
  spent (up to ten minutes, inside a poll).

This session stops both by what it raises and returns, not by reaching into prawcore: an API POST
answered 5xx/408/401, or not answered at all, raises `PostNotResent`, which prawcore passes up
without a retry (it re-sends only on requests' connection errors and on those statuses); and an
answer saying the allowance is spent for longer than `max_wait` reaches prawcore without its
X-Ratelimit headers (so prawcore schedules no sleep) while the next request raises RateLimited
here instead of being sent. Shorter waits are left to prawcore: at most `max_wait` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests
from prawcore.const import ACCESS_TOKEN_PATH

from bot.errors import RateLimited

MAX_RATE_WAIT = 30.0  # never sleep longer than this inside a poll for Reddit's rate limit
RATELIMIT_HEADERS = ("x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset")
# What prawcore would re-send (its Session.RETRY_STATUSES) plus 401, which it re-sends after
# fetching a new token: for a POST the connector decides instead.
NOT_RESENT_STATUSES = frozenset({401, 408, 500, 502, 503, 504, 520, 522})


class PostNotResent(Exception):
    """An API POST answered `status` (or, when None, not answered: `cause`); not sent again.

    Deliberately not a requests exception, so prawcore does not count it as a reason to retry.
    """

    def __init__(self, status: int | None, cause: BaseException | None = None) -> None:
        super().__init__(f"HTTP {status}" if status is not None else type(cause).__name__)
        self.status = status
        self.cause = cause


class RedditSession(requests.Session):
    """A requests.Session for one PRAW instance: `sent` counts the HTTP requests that left."""

    def __init__(
        self, *, on_request: Callable[[], None] | None = None, max_wait: float = MAX_RATE_WAIT
    ) -> None:
        super().__init__()
        self.on_request = on_request  # called before each request is sent (the poll's Budget)
        self.max_wait = max_wait
        self.sent = 0
        self.last_status: int | None = None
        self.blocked_until: float | None = None  # time.monotonic() when the allowance comes back

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        api = ACCESS_TOKEN_PATH not in str(url)  # the token endpoint has its own limits
        if api and self.blocked_until is not None:
            wait = self.blocked_until - time.monotonic()
            if wait > 0:
                raise RateLimited(
                    f"Reddit's request allowance is spent; next request in {wait:.0f}s", retry_after=wait
                )
            self.blocked_until = None
        if self.on_request is not None:
            self.on_request()
        self.sent += 1
        post = api and str(method).upper() == "POST"
        try:
            response = super().request(method, url, *args, **kwargs)
        except Exception as exc:
            if post:
                raise PostNotResent(None, exc) from exc
            raise
        self.last_status = response.status_code
        if post and response.status_code in NOT_RESENT_STATUSES:
            raise PostNotResent(response.status_code)
        if api:
            self._bound_wait(response)
        return response

    def _bound_wait(self, response: requests.Response) -> None:
        headers = response.headers
        try:
            spent = int(float(headers["x-ratelimit-remaining"])) <= 0  # as prawcore reads it
            reset = float(headers["x-ratelimit-reset"])
        except (KeyError, ValueError):
            return
        if spent and reset > self.max_wait:
            self.blocked_until = time.monotonic() + reset
            for name in RATELIMIT_HEADERS:
                headers.pop(name, None)
