"""The Reddit connector: PRAW 8 behind modbot's Connector protocol.

What it reads, each with its own cursor (newest `created_utc` seen plus the fullnames seen in the
last OVERLAP_SECONDS, so a late-indexed item is still caught and nothing is delivered twice):

    comment_replies     /message/comments      kind "reply"    replies to the account's comments
    submission_replies  /message/selfreply     kind "comment"  top-level comments on its posts
    mentions            /message/mentions      kind "mention"  u/<username> named elsewhere
    messages            /message/messages      kind "dm"       private messages (may be unavailable)
    own_posts           /user/<name>/submitted kind "comment"  every comment on its 10 newest posts,
                        + /comments/<id>                       fetched only when num_comments moved

Reading these listings never marks anything read (the unread flag belongs to the therapist);
`mark_read = true` on the account marks the delivered inbox items read after a poll.

Posting goes through a second PRAW instance whose prawcore session never retries: prawcore re-sends
POSTs after a 5xx or timeout, which can post a reply twice. A 5xx, timeout, reset or unreadable
answer to a post is PostOutcomeUnknown; `find_reply` then looks for the reply before any re-send.

prawcore and PRAW exceptions are translated into `bot.errors` here and nowhere else.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import praw
import praw.exceptions
import praw.models
import prawcore
import requests
import urllib3.exceptions
from praw.endpoints import API_PATH
from prawcore.const import ACCESS_TOKEN_PATH
from prawcore.rate_limit import RateLimiter
from prawcore.sessions import RetryStrategy

from bot.domain import AccountConfig, Budget, InboundItem, Notice, PollResult, Quarantined
from bot.errors import (
    ConfigError,
    ConnectorError,
    MalformedResponse,
    PlatformUnavailable,
    PostOutcomeUnknown,
    RateLimited,
    ReconnectRequired,
    TargetGone,
)
from connectors.reddit_auth import DEFAULT_USER_AGENT, validate_credentials

logger = logging.getLogger(__name__)
# prawcore logs every request's form data at DEBUG, which includes the text of replies we post.
logging.getLogger("prawcore").setLevel(max(logging.getLogger("prawcore").level, logging.INFO))

PLATFORM = "reddit"
INBOX_SOURCES: tuple[tuple[str, str], ...] = (
    ("comment_replies", "reply"),
    ("submission_replies", "comment"),
    ("mentions", "mention"),
    ("messages", "dm"),
)
OWN_POSTS = "own_posts"
SOURCES = tuple(source for source, _ in INBOX_SOURCES) + (OWN_POSTS,)

OVERLAP_SECONDS = 600.0  # re-read this far behind the cursor: Reddit's listings settle late
PAGE_SIZE = 100  # Reddit's maximum per listing request
OWN_POSTS_LIMIT = 10
OWN_POST_COMMENT_LIMIT = 500
MAX_RATE_WAIT = 30.0  # never sleep longer than this inside a poll for Reddit's rate limit
RATELIMIT_SECONDS = 5  # PRAW waits out a RATELIMIT on a post up to this long, else RateLimited
REQUEST_TIMEOUT = 16.0  # seconds, prawcore's default
PERMALINK_BASE = "https://www.reddit.com"
GONE_ERRORS = frozenset(
    {
        "DELETED_COMMENT",
        "DELETED_LINK",
        "THREAD_LOCKED",
        "TOO_OLD",
        "INVALID_THING",
        "NOT_FOUND",
        "THREAD_ARCHIVED",
        "ARCHIVED",
    }
)
OWN_POSTS_UNAVAILABLE = (
    "Comments on the account's own posts could not be listed (Reddit refused its post history); "
    "replies, mentions and messages are still polled."
)
REMOVED_BODIES = frozenset({"[deleted]", "[removed]"})
_RATELIMIT_WAIT = re.compile(r"(\d+) (milliseconds?|seconds?|minutes?)")
_FULLNAME = re.compile(r"t[134]_[0-9a-z]+")
_LINK_IN_PATH = re.compile(r"/comments/([0-9a-z]+)")


def build(account: AccountConfig, credentials: Mapping[str, Any] | None) -> RedditConnector:
    return RedditConnector(account, credentials)


# ---------------------------------------------------------------- prawcore hooks
class _CountingRequestor(prawcore.Requestor):
    """Calls `on_request` before every HTTP request (the poll's Budget) and remembers the last status."""

    def __init__(self, *args: Any, on_request: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_request = on_request
        self.last_status: int | None = None

    def request(self, *args: Any, timeout: float | None = None, **kwargs: Any) -> requests.Response:
        self.on_request()
        response = super().request(*args, timeout=timeout, **kwargs)
        self.last_status = response.status_code
        return response


class _NoRetry(RetryStrategy):
    """Send once. Used for posting, where a retry after a 5xx or timeout can post twice."""

    def _sleep_seconds(self) -> float | None:
        return None

    def consume_available_retry(self) -> _NoRetry:
        return self

    def should_retry_on_failure(self) -> bool:
        return False


class _BoundedRateLimiter(RateLimiter):
    """prawcore's limiter, but a wait longer than MAX_RATE_WAIT becomes RateLimited, not a long sleep."""

    def delay(self) -> None:
        if self.next_request_timestamp_ns is not None:
            wait = (self.next_request_timestamp_ns - time.monotonic_ns()) / 1e9
            if wait > MAX_RATE_WAIT:
                raise RateLimited(
                    f"Reddit's request allowance is spent; next request in {wait:.0f}s", retry_after=wait
                )
        super().delay()


# ---------------------------------------------------------------------- cursors
@dataclass
class _Cursor:
    """Newest created_utc seen and the fullnames seen within OVERLAP_SECONDS of it."""

    newest: float | None = None
    seen: dict[str, float] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)  # own_posts: num_comments per post
    poisoned: dict[str, float] = field(default_factory=dict)  # quarantined items already recorded

    @classmethod
    def parse(cls, raw: str | None) -> _Cursor:
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            newest = data.get("newest")
            return cls(
                newest=float(newest) if newest is not None else None,
                seen={str(k): float(v) for k, v in dict(data.get("seen", {})).items()},
                posts={str(k): int(v) for k, v in dict(data.get("posts", {})).items()},
                poisoned={str(k): float(v) for k, v in dict(data.get("poisoned", {})).items()},
            )
        except (ValueError, TypeError, AttributeError):
            logger.warning("ignoring an unreadable Reddit cursor; reading the source from the start")
            return cls()

    def dump(self) -> str:
        data: dict[str, Any] = {"newest": self.newest, "seen": self.seen}
        if self.posts:
            data["posts"] = self.posts
        if self.poisoned:
            data["poisoned"] = self.poisoned
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    def is_past(self, created: float) -> bool:
        """Older than the cursor's overlap window: everything from here on was read before."""
        return self.newest is not None and created < self.newest - OVERLAP_SECONDS

    def advanced(self, encountered: Mapping[str, float], posts: Mapping[str, int] | None = None) -> _Cursor:
        times = list(encountered.values())
        newest = max([*times, self.newest] if self.newest is not None else times, default=None)
        seen = {**self.seen, **encountered}
        if newest is not None:
            seen = {name: created for name, created in seen.items() if created >= newest - OVERLAP_SECONDS}
        return _Cursor(
            newest, seen, dict(posts) if posts is not None else dict(self.posts), dict(self.poisoned)
        )


# ------------------------------------------------------------- field extraction
def _data(thing: Any) -> dict[str, Any]:
    # A PRAW object's loaded attributes; reading them this way never triggers a lazy fetch.
    attributes: dict[str, Any] = vars(thing)
    return attributes


def _created(data: Mapping[str, Any]) -> float:
    try:
        return float(data.get("created_utc") or data.get("created") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def _author(data: Mapping[str, Any]) -> str | None:
    author = data.get("author")
    name = author if isinstance(author, str) or author is None else getattr(author, "name", None)
    return None if not name or name == "[deleted]" else str(name)


def _fullname(data: Mapping[str, Any], prefix: str) -> str:
    name = data.get("name")
    if isinstance(name, str) and name.startswith(prefix):
        return name
    return f"{prefix}{data['id']}"


def _permalink(path: str | None) -> str | None:
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        return path
    return PERMALINK_BASE + (path if path.startswith("/") else "/" + path)


def _link_of(data: Mapping[str, Any]) -> str | None:
    """The submission fullname of a comment: link_id, or parsed from context/permalink (inbox items)."""
    link = data.get("link_id")
    if isinstance(link, str) and link:
        return link if link.startswith("t3_") else f"t3_{link}"
    for key in ("context", "permalink"):
        match = _LINK_IN_PATH.search(str(data.get(key) or ""))
        if match:
            return f"t3_{match[1]}"
    return None


def _published(created: float) -> datetime | None:
    return datetime.fromtimestamp(created, tz=UTC) if created else None


def _same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def _never_sent(error: BaseException) -> bool:
    """True when the connection failed before the request left (refused, DNS, connect timeout)."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _poison_reason(data: Mapping[str, Any], prefix: str) -> str | None:
    """Why a listing item cannot be read (None when it can)."""
    name, ident = data.get("name"), data.get("id")
    if not (isinstance(name, str) and _FULLNAME.fullmatch(name)) and not (
        isinstance(ident, str) and re.fullmatch(r"[0-9a-z]+", ident)
    ):
        return "no valid id"
    author = data.get("author")
    # A comment always names its author ("[deleted]" when gone); a message from a subreddit has none.
    if (author is not None or prefix == "t1_") and not (isinstance(author, str) and author.strip()):
        return f"malformed author ({type(author).__name__})"
    if not isinstance(data.get("body"), str):
        return "no text"
    created = data.get("created_utc", data.get("created"))
    if isinstance(created, bool) or not isinstance(created, int | float):
        return "no valid creation time"
    return None


def _poison_key(raw: Any, prefix: str) -> str:
    """The item's fullname when it has one, else a digest of its JSON (to record it only once)."""
    data = raw.get("data") if isinstance(raw, dict) else None
    if isinstance(data, dict):
        name, ident = data.get("name"), data.get("id")
        if isinstance(name, str) and _FULLNAME.fullmatch(name):
            return name
        if isinstance(ident, str) and re.fullmatch(r"[0-9a-z]+", ident):
            return prefix + ident
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return "raw:" + digest[:16]


def _aged(poisoned: Mapping[str, float], newest: float | None, keep: int = 500) -> dict[str, float]:
    """Quarantine records still inside the overlap window (a listing re-reads only that far)."""
    kept = {k: v for k, v in poisoned.items() if newest is None or not v or v >= newest - OVERLAP_SECONDS}
    return dict(list(kept.items())[-keep:])


class _SourceError(Exception):
    """Wraps a failure while reading one source so the poll knows which source failed."""

    def __init__(self, source: str, error: BaseException) -> None:
        super().__init__(source)
        self.source = source
        self.error = error


# -------------------------------------------------------------------- connector
class RedditConnector:
    platform = PLATFORM

    def __init__(self, account: AccountConfig, credentials: Mapping[str, Any] | None) -> None:
        if not account.username:
            raise ConfigError(f"Reddit account {account.name!r} needs a username")
        if credentials is None:
            raise ConfigError(
                f"Reddit account {account.name!r} has no credentials: run `modbot connect {account.name}`"
            )
        self.account = account
        self.username = account.username.removeprefix("u/")
        self.credentials = validate_credentials(credentials)
        self._budget: Budget | None = None
        self._reader_instance: praw.Reddit | None = None
        self._poster_instance: praw.Reddit | None = None
        self._quarantined: dict[str, list[Quarantined]] = {}  # per source, during a poll

    # ---------------------------------------------------------------- instances
    def _count_request(self) -> None:
        if self._budget is not None:
            self._budget.spend(1)

    def _make_reddit(self, *, retries: bool) -> praw.Reddit:
        reddit = praw.Reddit(
            client_id=self.credentials["client_id"],
            client_secret=self.credentials["client_secret"] or None,
            refresh_token=self.credentials["refresh_token"],
            user_agent=self.account.user_agent or DEFAULT_USER_AGENT,
            reddit_url=self.account.reddit_url.rstrip("/"),
            oauth_url=self.account.oauth_url,
            check_for_updates=False,
            ratelimit_seconds=RATELIMIT_SECONDS,
            requestor_class=_CountingRequestor,
            requestor_kwargs={
                "session": requests.Session(),
                "timeout": REQUEST_TIMEOUT,
                "on_request": self._count_request,
            },
        )
        core = reddit._core  # the authorised prawcore Session
        assert core is not None
        core._rate_limiter = _BoundedRateLimiter(window_size=int(reddit.config.window_size))
        if not retries:
            core._retry_strategy_class = _NoRetry
        return reddit

    @property
    def _reader(self) -> praw.Reddit:
        if self._reader_instance is None:
            self._reader_instance = self._make_reddit(retries=True)
        return self._reader_instance

    @property
    def _poster(self) -> praw.Reddit:
        if self._poster_instance is None:
            self._poster_instance = self._make_reddit(retries=False)
        return self._poster_instance

    def _last_status(self, reddit: praw.Reddit | None) -> int | None:
        core = reddit._core if reddit is not None else None
        requestor = core.requestor if core is not None else None
        return requestor.last_status if isinstance(requestor, _CountingRequestor) else None

    # --------------------------------------------------------------------- poll
    def poll(self, cursors: Mapping[str, str], budget: Budget) -> PollResult:
        """Read every source newer than its cursor; stop early only on account-wide trouble."""
        self._budget = budget
        self._quarantined = {}
        result = PollResult()
        delivered: set[str] = set()
        unread: list[str] = []
        try:
            for source in SOURCES:
                try:
                    items, cursor, source_unread = self._read_source(
                        source, _Cursor.parse(cursors.get(source))
                    )
                except _SourceError as failure:
                    if source == "messages" and self._dms_unavailable(failure.error):
                        result.notices.append(Notice("dms_unavailable", self._dms_message(failure.error)))
                        continue
                    if source == OWN_POSTS and isinstance(
                        failure.error, prawcore.NotFound | prawcore.Forbidden
                    ):
                        result.notices.append(Notice("own_posts_unavailable", OWN_POSTS_UNAVAILABLE))
                        continue
                    error = self._translate(failure.error, posting=False)
                    logger.warning(
                        "reddit %s: reading %s failed: %s", self.account.name, source, type(error).__name__
                    )
                    result.error = result.error or error
                    if isinstance(error, ReconnectRequired | RateLimited | PlatformUnavailable):
                        break
                    continue
                for item in items:
                    if item.external_id not in delivered:
                        delivered.add(item.external_id)
                        result.items.append(item)
                unread.extend(source_unread)
                result.cursors[source] = cursor.dump()
                result.quarantined.extend(self._quarantined.get(source, []))
            if self.account.mark_read and unread:
                self._mark_read(unread, result)
            if result.quarantined:
                listed = "; ".join(
                    f"{q.source} {q.external_id or '(no id)'}: {q.reason}" for q in result.quarantined[:5]
                )
                result.notices.append(
                    Notice(
                        "unreadable_items",
                        f"skipped {len(result.quarantined)} item(s) Reddit sent unreadable ({listed})",
                    )
                )
        finally:
            self._budget = None
        logger.info(
            "reddit %s: %d new item(s), %d request(s)", self.account.name, len(result.items), budget.spent
        )
        return result

    def _read_source(self, source: str, cursor: _Cursor) -> tuple[list[InboundItem], _Cursor, list[str]]:
        try:
            if source == OWN_POSTS:
                items, new_cursor = self._read_own_posts(cursor)
                return items, new_cursor, []
            kind = dict(INBOX_SOURCES)[source]
            return self._read_inbox(source, kind, cursor)
        except Exception as exc:  # translated by the caller, which knows the source
            raise _SourceError(source, exc) from exc

    def _listing(self, source: str) -> Iterator[Any]:
        """The listing's children as raw JSON, newest first, every page (`after`) until the caller
        stops at the cursor. Read through PRAW's public `Reddit.request`, not its objector: one
        item PRAW cannot build (a malformed author, say) would otherwise fail the whole page."""
        after: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": PAGE_SIZE}
            if after:
                params["after"] = after
            page = self._reader.request(method="GET", path=API_PATH[source], params=params)
            data = page.get("data") if isinstance(page, dict) else None
            children = data.get("children") if isinstance(data, dict) else None
            if not isinstance(data, dict) or not isinstance(children, list):
                name = self.account.name
                raise MalformedResponse(f"{name}: Reddit's {source} listing is not a listing", account=name)
            yield from children
            after = data.get("after")
            if not children or not isinstance(after, str) or not after:
                return

    def _read_inbox(
        self, source: str, kind: str, cursor: _Cursor
    ) -> tuple[list[InboundItem], _Cursor, list[str]]:
        items: list[InboundItem] = []
        encountered: dict[str, float] = {}
        unread: list[str] = []
        poisoned = dict(cursor.poisoned)
        fresh_poison: dict[str, float] = {}
        self._quarantined.setdefault(source, [])
        last_time = cursor.newest or 0.0
        prefix = "t4_" if kind == "dm" else "t1_"
        for child in self._listing(source):
            members = self._members(child, kind)
            times = [_created(data) for data, _ in members if data is not None]
            activity = max(times, default=0.0)
            if activity and cursor.is_past(activity):
                break
            for data, raw in members:
                if data is None or not isinstance(raw, dict) or _poison_reason(data, prefix):
                    # Unreadable: recorded once, kept out of the queue, and passed over.
                    key = _poison_key(raw, prefix)
                    created = _created(data) if data is not None else 0.0
                    if key in poisoned or key in fresh_poison or key in cursor.seen:
                        continue
                    fresh_poison[key] = created or last_time
                    reason = _poison_reason(data, prefix) if data is not None else "not an object"
                    self._quarantined[source].append(
                        Quarantined(
                            source,
                            key if _FULLNAME.fullmatch(key) else None,
                            reason or "unreadable",
                            len(json.dumps(raw, default=str).encode()),
                        )
                    )
                    continue
                created = _created(data)
                last_time = created or last_time
                if cursor.is_past(created):
                    continue
                name = _fullname(data, prefix)
                first_time = name not in cursor.seen and name not in encountered
                encountered[name] = created
                if not first_time or self._is_own(data) or self._is_removed(data):
                    continue
                items.append(
                    self._dm_item(data, name) if kind == "dm" else self._comment_item(data, name, kind)
                )
                if data.get("new") is True:
                    unread.append(name)
        advanced = cursor.advanced(encountered)
        advanced.poisoned = _aged({**poisoned, **fresh_poison}, advanced.newest)
        return items, advanced, unread

    @staticmethod
    def _members(child: Any, kind: str) -> list[tuple[dict[str, Any] | None, Any]]:
        """(data, raw) for a listing child and, for a message thread, each of its replies."""
        data = child.get("data") if isinstance(child, dict) else None
        if not isinstance(data, dict):
            return [(None, child)]
        members: list[tuple[dict[str, Any] | None, Any]] = [(data, child)]
        if kind == "dm":
            replies = data.get("replies")
            listing = replies.get("data") if isinstance(replies, dict) else None
            children = listing.get("children") if isinstance(listing, dict) else None
            for reply in children if isinstance(children, list) else []:
                inner = reply.get("data") if isinstance(reply, dict) else None
                members.append((inner if isinstance(inner, dict) else None, reply))
        return members

    def _read_own_posts(self, cursor: _Cursor) -> tuple[list[InboundItem], _Cursor]:
        items: list[InboundItem] = []
        encountered: dict[str, float] = {}
        counts: dict[str, int] = {}
        redditor = self._reader.redditor(self.username)
        for submission in redditor.submissions.new(limit=OWN_POSTS_LIMIT):
            post = _data(submission)
            post_name = _fullname(post, "t3_")
            listed = post.get("num_comments")
            counts[post_name] = int(listed) if isinstance(listed, int | float) else -1  # -1: unknown
            if counts[post_name] == 0 or cursor.posts.get(post_name, -1) == counts[post_name] != -1:
                continue  # nothing new under this post: no request spent on it
            submission.comment_sort = "new"
            submission.comment_limit = OWN_POST_COMMENT_LIMIT
            try:
                submission.comments.replace_more(limit=0)
                comments = submission.comments.list()
            except (prawcore.NotFound, prawcore.Forbidden):
                # Deleted, or removed by Reddit since it was listed: nothing there to moderate.
                logger.info("reddit %s: comments of %s are gone", self.account.name, post_name)
                continue
            title = post.get("title")
            for comment in comments:
                data = _data(comment)
                created = _created(data)
                if cursor.is_past(created):
                    continue
                name = _fullname(data, "t1_")
                first_time = name not in cursor.seen and name not in encountered
                encountered[name] = created
                if not first_time or self._is_own(data) or self._is_removed(data):
                    continue
                items.append(
                    self._comment_item(data, name, "comment", context_title=title, context_id=post_name)
                )
        return items, cursor.advanced(encountered, counts)

    def _is_own(self, data: Mapping[str, Any]) -> bool:
        author = _author(data)
        return author is not None and author.lower() == self.username.lower()

    @staticmethod
    def _is_removed(data: Mapping[str, Any]) -> bool:
        return _author(data) is None and str(data.get("body", "")).strip() in REMOVED_BODIES

    def _comment_item(
        self,
        data: Mapping[str, Any],
        name: str,
        kind: str,
        *,
        context_title: Any = None,
        context_id: str | None = None,
    ) -> InboundItem:
        link = _link_of(data) or context_id
        context = data.get("context")
        permalink = data.get("permalink") or (str(context).split("?", 1)[0] if context else None)
        title = data.get("link_title") or context_title
        created = _created(data)
        return InboundItem(
            platform=PLATFORM,
            account=self.account.name,
            kind=kind,
            external_id=name,
            text=str(data.get("body") or ""),
            author=_author(data),
            author_id=data.get("author_fullname") or None,
            published_at=_published(created),
            parent_id=data.get("parent_id") or None,
            thread_id=link,
            context_id=link,
            context_title=str(title) if title else None,
            permalink=_permalink(permalink),
        )

    def _dm_item(self, data: Mapping[str, Any], name: str) -> InboundItem:
        created = _created(data)
        message_id = name.removeprefix("t4_")
        subject = data.get("subject")
        return InboundItem(
            platform=PLATFORM,
            account=self.account.name,
            kind="dm",
            external_id=name,
            text=str(data.get("body") or ""),
            author=_author(data),
            author_id=data.get("author_fullname") or None,
            published_at=_published(created),
            parent_id=data.get("parent_id") or None,
            thread_id=data.get("first_message_name") or name,
            context_id=None,
            context_title=str(subject) if subject else None,
            permalink=f"{PERMALINK_BASE}/message/messages/{message_id}",
        )

    def _mark_read(self, things: list[str], result: PollResult) -> None:
        try:
            for start in range(0, len(things), 25):  # as PRAW's inbox.mark_read batches them
                self._reader.post(API_PATH["read_message"], data={"id": ",".join(things[start : start + 25])})
        except Exception as exc:
            error = self._translate(exc, posting=False)
            logger.warning(
                "reddit %s: marking %d item(s) read failed: %s",
                self.account.name,
                len(things),
                type(error).__name__,
            )
            result.notices.append(Notice("mark_read_failed", f"could not mark items read on Reddit: {error}"))

    @staticmethod
    def _dms_unavailable(error: BaseException) -> bool:
        if isinstance(error, prawcore.Redirect | prawcore.Forbidden | prawcore.NotFound | prawcore.BadJSON):
            return True
        return isinstance(error, prawcore.ResponseException) and error.response.status_code in (403, 404)

    def _dms_message(self, error: BaseException) -> str:
        if isinstance(error, prawcore.Redirect):
            why = f"the messages listing redirects to {error.path}"
        elif isinstance(error, prawcore.BadJSON):
            why = "the messages listing answered with a web page instead of data"
        else:
            status = error.response.status_code if isinstance(error, prawcore.ResponseException) else "?"
            why = f"the messages listing answered HTTP {status}"
        return (
            f"Reddit DMs unavailable: {why} (Reddit has moved some accounts' messages to chat, "
            "which has no API). Comments, replies and mentions are still polled."
        )

    # ------------------------------------------------------------------ posting
    def post_reply(self, item: InboundItem, text: str) -> str:
        """Post once, with no library retry. Returns the new reply's fullname (t1_... or t4_...)."""
        thing_id = self._target(item)
        reddit = self._poster
        for attempt in (1, 2):
            try:
                things = reddit.post(API_PATH["comment"], data={"text": text, "thing_id": thing_id})
                break
            except Exception as exc:
                # A 401 means Reddit rejected the token before doing anything: refresh and send again.
                if attempt == 1 and self._rejected_token(exc, reddit):
                    logger.info(
                        "reddit %s: access token rejected; refreshing before one re-send", self.account.name
                    )
                    continue
                raise self._translate(exc, posting=True, reddit=reddit) from None
        reply = things[0] if isinstance(things, list) and things else None
        name = getattr(reply, "fullname", None)
        if not isinstance(name, str):
            raise PostOutcomeUnknown(
                f"{self.account.name}: Reddit accepted the reply to {thing_id} but did not return it",
                account=self.account.name,
            )
        logger.info("reddit %s: posted %s in reply to %s", self.account.name, name, thing_id)
        return name

    def _rejected_token(self, exc: BaseException, reddit: praw.Reddit) -> bool:
        if isinstance(exc, prawcore.InvalidToken):
            return True
        # A 401 without a WWW-Authenticate header makes prawcore raise KeyError while classifying it.
        return isinstance(exc, KeyError) and self._last_status(reddit) == 401

    def _target(self, item: InboundItem) -> str:
        if item.platform != PLATFORM or not _FULLNAME.fullmatch(item.external_id or ""):
            raise ConnectorError(
                f"{self.account.name}: {item.external_id!r} is not a Reddit comment, post or message",
                account=self.account.name,
            )
        return item.external_id

    def reply_target(self, item: InboundItem) -> str:
        """The fullname a reply to `item` hangs under (the outbox compares rows by it)."""
        return self._target(item)

    def find_reply(self, item: InboundItem, text: str, *, since: datetime | None = None) -> str | None:
        """The account's reply to `item` with this text, when there is exactly one (see find_replies)."""
        found = self.find_replies(item, text, since=since)
        return found[0] if len(found) == 1 else None

    def find_replies(self, item: InboundItem, text: str, *, since: datetime | None = None) -> list[str]:
        """Every reply by the account to `item` with this text created at or after `since`.

        Bounded by time, not by a page count: pages back through the account's comments (or sent
        messages, for a DM) until an entry is older than `since`, however many replies the account
        has made since. Without `since`, only the newest page is read.
        """
        thing_id = self._target(item)
        reddit = self._reader
        floor = since.timestamp() - 1.0 if since is not None else None  # created_utc is whole seconds
        found: list[str] = []
        try:
            candidates: Iterable[Any]
            limit = None if floor is not None else PAGE_SIZE
            if thing_id.startswith("t4_"):
                candidates = reddit.inbox.sent(limit=limit, request_limit=PAGE_SIZE)
            else:
                comments = reddit.redditor(self.username).comments
                candidates = comments.new(limit=limit, request_limit=PAGE_SIZE)
            for thing in candidates:
                data = _data(thing)
                created = _created(data)
                if floor is not None and created and created < floor:
                    break  # newest first: everything further back predates the attempt
                if data.get("parent_id") == thing_id and _same_text(str(data.get("body") or ""), text):
                    found.append(_fullname(data, thing_id[:3] if thing_id.startswith("t4_") else "t1_"))
        except Exception as exc:
            raise self._translate(exc, posting=False, reddit=reddit) from None
        return found

    def moderate(self, item: InboundItem, action: str) -> None:
        """Only "remove" exists on Reddit, and only where the account moderates the subreddit."""
        if action != "remove":
            raise ConnectorError(
                f"{self.account.name}: {action!r} is not supported on Reddit (only remove)",
                account=self.account.name,
            )
        thing_id = self._target(item)
        if thing_id.startswith("t4_"):
            raise ConnectorError(
                f"{self.account.name}: a private message cannot be removed", account=self.account.name
            )
        reddit = self._reader
        try:
            if thing_id.startswith("t1_"):
                reddit.comment(thing_id[3:]).mod.remove()
            else:
                reddit.submission(thing_id[3:]).mod.remove()
        except prawcore.Forbidden:
            raise ConnectorError(
                f"{self.account.name}: u/{self.username} does not moderate where "
                f"{thing_id} was posted, so it cannot remove it",
                account=self.account.name,
            ) from None
        except Exception as exc:
            raise self._translate(exc, posting=False, reddit=reddit, target=True) from None
        logger.info("reddit %s: removed %s", self.account.name, thing_id)

    def verify(self) -> str:
        """The username the credentials act for (one token request and one /api/v1/me)."""
        try:
            me = self._reader.user.me()
        except Exception as exc:
            raise self._translate(exc, posting=False) from None
        return str(me)

    # --------------------------------------------------------------- translate
    def _translate(
        self, exc: BaseException, *, posting: bool, reddit: praw.Reddit | None = None, target: bool = False
    ) -> ConnectorError:
        name = self.account.name
        reconnect = f"run `modbot connect {name}`"
        if isinstance(exc, ConnectorError):
            exc.account = exc.account or name
            return exc
        if isinstance(exc, praw.exceptions.RedditAPIException):
            return self._api_error(exc)
        if isinstance(exc, prawcore.OAuthException):
            return ReconnectRequired(
                f"{name}: Reddit refused the saved authorisation ({exc.error}); {reconnect}", account=name
            )
        if isinstance(exc, prawcore.InsufficientScope):
            return ReconnectRequired(
                f"{name}: the Reddit authorisation lacks a needed permission; {reconnect}", account=name
            )
        if isinstance(exc, prawcore.InvalidToken):
            return ReconnectRequired(f"{name}: Reddit rejected the access token; {reconnect}", account=name)
        if isinstance(exc, prawcore.TooManyRequests):
            return RateLimited(
                f"{name}: Reddit says too many requests (429)",
                account=name,
                retry_after=_seconds(exc.retry_after),
            )
        if isinstance(exc, prawcore.ResponseException):
            return self._http_error(exc, posting=posting, target=target)
        if isinstance(exc, prawcore.RequestException):
            original = exc.original_exception
            if posting and not _never_sent(original):
                return PostOutcomeUnknown(
                    f"{name}: the reply may or may not have been saved "
                    f"({type(original).__name__}); check before sending again",
                    account=name,
                )
            return PlatformUnavailable(
                f"{name}: cannot reach Reddit ({type(original).__name__})", account=name
            )
        if isinstance(exc, KeyError) and self._last_status(reddit or self._reader_instance) == 401:
            return ReconnectRequired(f"{name}: Reddit answered 401 unauthorised; {reconnect}", account=name)
        if isinstance(exc, praw.exceptions.ClientException | prawcore.PrawcoreException):
            return ConnectorError(f"{name}: {type(exc).__name__}: {exc}", account=name)
        if isinstance(exc, KeyError | TypeError | ValueError | AttributeError | IndexError):
            if posting:
                return PostOutcomeUnknown(
                    f"{name}: Reddit's answer to the reply could not be read; check before sending again",
                    account=name,
                )
            return MalformedResponse(
                f"{name}: Reddit answered data of an unexpected shape ({type(exc).__name__})", account=name
            )
        logger.error("reddit %s: unexpected %s", name, type(exc).__name__)
        return ConnectorError(f"{name}: unexpected {type(exc).__name__} talking to Reddit", account=name)

    def _http_error(self, exc: prawcore.ResponseException, *, posting: bool, target: bool) -> ConnectorError:
        name = self.account.name
        status = exc.response.status_code
        if ACCESS_TOKEN_PATH in str(exc.response.url or ""):
            if status >= 500:
                return PlatformUnavailable(f"{name}: Reddit's token service answered {status}", account=name)
            error = _oauth_error(exc.response)
            return ReconnectRequired(
                f"{name}: Reddit refused to renew the access token (HTTP {status}"
                f"{', ' + error if error else ''}); run `modbot connect {name}`",
                account=name,
            )
        if isinstance(exc, prawcore.BadJSON):
            if posting:
                return PostOutcomeUnknown(
                    f"{name}: Reddit's answer to the reply was not JSON; check before sending again",
                    account=name,
                )
            kind = exc.response.headers.get("content-type", "unknown type").split(";")[0]
            return MalformedResponse(
                f"{name}: Reddit answered {kind} instead of JSON (HTTP {status})", account=name
            )
        if isinstance(exc, prawcore.Redirect):
            return ConnectorError(f"{name}: Reddit redirected to {exc.path}", account=name)
        if status >= 500:
            if posting:
                return PostOutcomeUnknown(
                    f"{name}: Reddit answered {status} to the reply; it may have been "
                    "saved, check before sending again",
                    account=name,
                )
            return PlatformUnavailable(f"{name}: Reddit answered {status}", account=name)
        if status == 401:
            return ReconnectRequired(
                f"{name}: Reddit answered 401 unauthorised; run `modbot connect {name}`", account=name
            )
        if isinstance(exc, prawcore.NotFound) and (posting or target):
            return TargetGone(f"{name}: the thing to reply to no longer exists (404)", account=name)
        if isinstance(exc, prawcore.Forbidden):
            return ConnectorError(f"{name}: Reddit refused the request (403 forbidden)", account=name)
        return ConnectorError(f"{name}: Reddit answered HTTP {status}", account=name)

    def _api_error(self, exc: praw.exceptions.RedditAPIException) -> ConnectorError:
        name = self.account.name
        for item in exc.items:
            if item.error_type == "RATELIMIT":
                return RateLimited(
                    f"{name}: Reddit's posting limit: {item.message}",
                    account=name,
                    retry_after=_ratelimit_seconds(item.message or ""),
                )
        for item in exc.items:
            if item.error_type in GONE_ERRORS:
                return TargetGone(
                    f"{name}: Reddit will not take a reply here ({item.error_type}: {item.message})",
                    account=name,
                )
        first = exc.items[0] if exc.items else None
        what = f"{first.error_type}: {first.message}" if first else str(exc)
        return ConnectorError(f"{name}: Reddit refused the request ({what})", account=name)


def _seconds(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _ratelimit_seconds(message: str) -> float | None:
    """'... try again in 5 minutes.' -> 300.0 (PRAW reads the same phrase)."""
    match = _RATELIMIT_WAIT.search(message)
    if not match:
        return None
    amount = int(match[1])
    unit = match[2]
    if unit.startswith("minute"):
        return amount * 60.0
    if unit.startswith("millisecond"):
        return amount / 1000.0
    return float(amount)


def _oauth_error(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""
