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

Every listing is read as raw JSON through PRAW's public `Reddit.request`, not its objector, so
one item PRAW could not build (a malformed author, say) is quarantined instead of failing the source.

PRAW is extended only through its public hooks: each instance gets a `RedditSession`
(connectors/reddit_http.py) via `requestor_kwargs`, which counts the HTTP requests a poll makes,
never lets prawcore re-send a POST and turns a long rate-limit wait into RateLimited. Posting uses
a second PRAW instance so its requests are not charged to a poll running at the same time. A 5xx,
timeout, reset or unreadable answer to a post is PostOutcomeUnknown; `find_replies` then looks for
the reply before any re-send.

prawcore and PRAW exceptions are translated into `bot.errors` here and nowhere else.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import praw
import praw.exceptions
import prawcore
import requests
import urllib3.exceptions
from praw.endpoints import API_PATH
from prawcore.const import ACCESS_TOKEN_PATH

from bot.config import AccountConfig
from bot.domain import Budget, InboundItem, Notice, OnPage, PollResult, Quarantined
from bot.errors import (
    ConfigError,
    ConnectorError,
    MalformedResponse,
    PlatformUnavailable,
    PostOutcomeUnknown,
    QuotaExceeded,
    RateLimited,
    ReconnectRequired,
    TargetGone,
)
from connectors.platforms import REDDIT
from connectors.reddit_auth import DEFAULT_USER_AGENT, validate_credentials
from connectors.reddit_http import PostNotResent, RedditSession

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
_BASE36 = re.compile(r"[0-9a-z]+")
_LINK_IN_PATH = re.compile(r"/comments/([0-9a-z]+)")


def build(account: AccountConfig, credentials: Mapping[str, Any] | None) -> RedditConnector:
    return RedditConnector(account, credentials)


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


def _text(value: Any) -> str | None:
    """A string field as a string, or None: an odd type never reaches storage."""
    return value if isinstance(value, str) and value else None


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
        isinstance(ident, str) and _BASE36.fullmatch(ident)
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
        if isinstance(ident, str) and _BASE36.fullmatch(ident):
            return prefix + ident
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return "raw:" + digest[:16]


def _aged(poisoned: Mapping[str, float], newest: float | None, keep: int = 500) -> dict[str, float]:
    """Quarantine records still inside the overlap window (a listing re-reads only that far)."""
    kept = {k: v for k, v in poisoned.items() if newest is None or not v or v >= newest - OVERLAP_SECONDS}
    return dict(list(kept.items())[-keep:])


class _Poison:
    """Items of one source that cannot be read: each recorded once (by fullname, or a digest of its
    JSON when even that is unreadable), kept out of the queue, and passed over."""

    def __init__(self, source: str, cursor: _Cursor) -> None:
        self.source = source
        self.known = dict(cursor.poisoned)
        self.seen = cursor.seen
        self.fresh: dict[str, float] = {}
        self.records: list[Quarantined] = []

    def readable(
        self, data: dict[str, Any] | None, raw: Any, prefix: str, fallback_time: float = 0.0
    ) -> dict[str, Any] | None:
        """`data` when it can be read; otherwise None, recording it the first time it is met."""
        reason = "not an object" if data is None else _poison_reason(data, prefix)
        if reason is None:
            return data
        created = _created(data) if data is not None else 0.0
        self.record(raw, prefix, reason, created or fallback_time)
        return None

    def record(self, raw: Any, prefix: str, reason: str, created: float = 0.0) -> None:
        key = _poison_key(raw, prefix)
        if key in self.known or key in self.fresh or key in self.seen:
            return
        self.fresh[key] = created
        size = len(json.dumps(raw, default=str).encode())
        self.records.append(Quarantined(self.source, key if _FULLNAME.fullmatch(key) else None, reason, size))

    def kept(self, newest: float | None) -> dict[str, float]:
        return _aged({**self.known, **self.fresh}, newest)


def _comment_tree(listing: Any) -> Iterator[tuple[dict[str, Any] | None, Any]]:
    """(data, raw) for each comment of a thread's comment listing, depth first. "more" stubs (comments
    Reddit left out of the answer) are passed over, as PRAW's `replace_more(limit=0)` does."""
    data = listing.get("data") if isinstance(listing, dict) else None
    children = data.get("children") if isinstance(data, dict) else None
    for child in children if isinstance(children, list) else []:
        if isinstance(child, dict) and child.get("kind") == "more":
            continue
        inner = child.get("data") if isinstance(child, dict) else None
        yield (inner if isinstance(inner, dict) else None), child
        if isinstance(inner, dict):
            yield from _comment_tree(inner.get("replies"))


class _SourceError(Exception):
    """Wraps a failure while reading one source so the poll knows which source failed."""

    def __init__(self, source: str, error: BaseException) -> None:
        super().__init__(source)
        self.source = source
        self.error = error


# -------------------------------------------------------------------- connector
class RedditConnector:
    platform = PLATFORM
    capabilities = REDDIT

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
        # One HTTP session per role, kept across rebuilt PRAW instances: the reader's requests are
        # charged to the running poll; the poster's never are.
        self.sessions = {"reader": RedditSession(on_request=self._count_request), "poster": RedditSession()}
        self._instances: dict[str, praw.Reddit] = {}
        self._quarantined: dict[str, list[Quarantined]] = {}  # per source, during a poll

    # ---------------------------------------------------------------- instances
    def _count_request(self) -> None:
        if self._budget is not None:
            self._budget.spend(1)

    def _instance(self, role: str) -> praw.Reddit:
        """The PRAW instance for "reader" or "poster", built on first use with that role's session."""
        if role not in self._instances:
            self._instances[role] = praw.Reddit(
                client_id=self.credentials["client_id"],
                client_secret=self.credentials["client_secret"] or None,
                refresh_token=self.credentials["refresh_token"],
                user_agent=self.account.user_agent or DEFAULT_USER_AGENT,
                reddit_url=self.account.reddit_url.rstrip("/"),
                oauth_url=self.account.oauth_url,
                check_for_updates=False,
                ratelimit_seconds=RATELIMIT_SECONDS,
                requestor_kwargs={"session": self.sessions[role], "timeout": REQUEST_TIMEOUT},
            )
        return self._instances[role]

    @property
    def _reader(self) -> praw.Reddit:
        return self._instance("reader")

    def _post(self, role: str, path: str, data: dict[str, Any]) -> Any:
        """POST once. Only a 401 (Reddit refused the token before doing anything) is sent again, once,
        through a fresh PRAW instance, which fetches a new token first."""
        try:
            return self._instance(role).post(path, data=data)
        except prawcore.RequestException as exc:
            refused = exc.original_exception
            if not (isinstance(refused, PostNotResent) and refused.status == 401):
                raise
        logger.info("reddit %s: access token rejected; sending once more", self.account.name)
        del self._instances[role]
        return self._instance(role).post(path, data=data)

    # --------------------------------------------------------------------- poll
    # `seen`: Reddit's listings are not streamed (REDDIT.streams_pages is false).
    def poll(self, cursors: Mapping[str, str], budget: Budget, *, seen: OnPage | None = None) -> PollResult:
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
                    if isinstance(
                        error, ReconnectRequired | RateLimited | PlatformUnavailable | QuotaExceeded
                    ):
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

    def _listing(self, path: str, params: Mapping[str, str | int], what: str) -> Iterator[Any]:
        """A listing's children as raw JSON, newest first, page after page (`after`) for as long as
        the caller keeps reading: a caller that stops at its cursor costs no further request."""
        after: str | None = None
        while True:
            query: dict[str, str | int] = {**params, "after": after} if after else dict(params)
            page = self._reader.request(method="GET", path=path, params=query)
            data = page.get("data") if isinstance(page, dict) else None
            children = data.get("children") if isinstance(data, dict) else None
            if not isinstance(data, dict) or not isinstance(children, list):
                name = self.account.name
                raise MalformedResponse(f"{name}: Reddit's {what} listing is not a listing", account=name)
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
        poison = self._poison(source, cursor)
        last_time = cursor.newest or 0.0
        prefix = "t4_" if kind == "dm" else "t1_"
        for child in self._listing(API_PATH[source], {"limit": PAGE_SIZE}, source):
            members = self._members(child, kind)
            times = [_created(data) for data, _ in members if data is not None]
            activity = max(times, default=0.0)
            if activity and cursor.is_past(activity):
                break
            for raw_data, raw in members:
                data = poison.readable(raw_data, raw, prefix, fallback_time=last_time)
                if data is None:
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
                try:
                    item = self._dm_item(data, name) if kind == "dm" else self._comment_item(data, name, kind)
                except Exception as exc:  # any other odd field: quarantined like an unreadable item
                    poison.record(raw, prefix, f"unreadable fields ({exc.__class__.__name__})", created)
                    continue
                items.append(item)
                if data.get("new") is True:
                    unread.append(name)
        advanced = cursor.advanced(encountered)
        advanced.poisoned = poison.kept(advanced.newest)
        return items, advanced, unread

    def _poison(self, source: str, cursor: _Cursor) -> _Poison:
        poison = _Poison(source, cursor)
        self._quarantined[source] = poison.records
        return poison

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
        """Comments on the account's newest posts; a post is opened only when its comment count moved."""
        items: list[InboundItem] = []
        encountered: dict[str, float] = {}
        counts: dict[str, int] = {}
        poison = self._poison(OWN_POSTS, cursor)
        submitted = self._listing(
            API_PATH["user"].format(user=self.username) + "submitted",
            {"limit": OWN_POSTS_LIMIT, "sort": "new"},
            OWN_POSTS,
        )
        for child in itertools.islice(submitted, OWN_POSTS_LIMIT):
            post = child.get("data") if isinstance(child, dict) else None
            post_id = post.get("id") if isinstance(post, dict) else None
            if not isinstance(post, dict) or not isinstance(post_id, str) or not _BASE36.fullmatch(post_id):
                poison.record(child, "t3_", "a post with no valid id")
                continue
            post_name = f"t3_{post_id}"
            listed = post.get("num_comments")
            counts[post_name] = int(listed) if isinstance(listed, int | float) else -1  # -1: unknown
            if counts[post_name] == 0 or cursor.posts.get(post_name, -1) == counts[post_name] != -1:
                continue  # nothing new under this post: no request spent on it
            try:
                thread = self._reader.request(
                    method="GET",
                    path=API_PATH["submission"].format(id=post_id),
                    params={"limit": OWN_POST_COMMENT_LIMIT, "sort": "new"},
                )
            except (prawcore.NotFound, prawcore.Forbidden):
                # Deleted, or removed by Reddit since it was listed: nothing there to moderate.
                logger.info("reddit %s: comments of %s are gone", self.account.name, post_name)
                continue
            if not isinstance(thread, list) or len(thread) != 2:
                name = self.account.name
                raise MalformedResponse(
                    f"{name}: Reddit's answer for post {post_name} is not a thread", account=name
                )
            title = post.get("title")
            for raw_data, raw in _comment_tree(thread[1]):
                if raw_data is not None and cursor.is_past(_created(raw_data)):
                    continue  # read by an earlier poll
                data = poison.readable(raw_data, raw, "t1_")
                if data is None:
                    continue
                name = _fullname(data, "t1_")
                first_time = name not in cursor.seen and name not in encountered
                encountered[name] = _created(data)
                if not first_time or self._is_own(data) or self._is_removed(data):
                    continue
                try:
                    item = self._comment_item(data, name, "comment", context_title=_text(title),
                                              context_id=post_name)
                except Exception as exc:  # any other odd field: quarantined like an unreadable item
                    poison.record(raw, "t1_", f"unreadable fields ({exc.__class__.__name__})", _created(data))
                    continue
                items.append(item)
        advanced = cursor.advanced(encountered, counts)
        advanced.poisoned = poison.kept(None)  # re-read only under a post whose count moved: keep all
        return items, advanced

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
        context = _text(data.get("context"))
        permalink = _text(data.get("permalink")) or (context.split("?", 1)[0] if context else None)
        title = _text(data.get("link_title")) or context_title
        created = _created(data)
        return InboundItem(
            platform=PLATFORM,
            account=self.account.name,
            kind=kind,
            external_id=name,
            text=str(data.get("body") or ""),
            author=_author(data),
            author_id=_text(data.get("author_fullname")),
            published_at=_published(created),
            parent_id=_text(data.get("parent_id")),
            thread_id=link,
            context_id=link,
            context_title=str(title) if title else None,
            permalink=_permalink(permalink),
        )

    def _dm_item(self, data: Mapping[str, Any], name: str) -> InboundItem:
        created = _created(data)
        message_id = name.removeprefix("t4_")
        subject = _text(data.get("subject"))
        return InboundItem(
            platform=PLATFORM,
            account=self.account.name,
            kind="dm",
            external_id=name,
            text=str(data.get("body") or ""),
            author=_author(data),
            author_id=_text(data.get("author_fullname")),
            published_at=_published(created),
            parent_id=_text(data.get("parent_id")),
            thread_id=_text(data.get("first_message_name")) or name,
            context_id=None,
            context_title=str(subject) if subject else None,
            permalink=f"{PERMALINK_BASE}/message/messages/{message_id}",
        )

    def _mark_read(self, things: list[str], result: PollResult) -> None:
        try:
            for start in range(0, len(things), 25):  # as PRAW's inbox.mark_read batches them
                self._post("reader", API_PATH["read_message"], {"id": ",".join(things[start : start + 25])})
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
        try:
            things = self._post("poster", API_PATH["comment"], {"text": text, "thing_id": thing_id})
        except Exception as exc:
            raise self._translate(exc, posting=True) from None
        reply = things[0] if isinstance(things, list) and things else None
        name = getattr(reply, "fullname", None)
        if not isinstance(name, str):
            raise PostOutcomeUnknown(
                f"{self.account.name}: Reddit accepted the reply to {thing_id} but did not return it",
                account=self.account.name,
            )
        logger.info("reddit %s: posted %s in reply to %s", self.account.name, name, thing_id)
        return name

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
        floor = since.timestamp() - 1.0 if since is not None else None  # created_utc is whole seconds
        dm = thing_id.startswith("t4_")
        if dm:
            listing = self._listing(API_PATH["sent"], {"limit": PAGE_SIZE}, "sent messages")
        else:
            path = API_PATH["user"].format(user=self.username) + "comments"
            listing = self._listing(path, {"limit": PAGE_SIZE, "sort": "new"}, "own comments")
        found: list[str] = []
        try:
            for child in listing if floor is not None else itertools.islice(listing, PAGE_SIZE):
                data = child.get("data") if isinstance(child, dict) else None
                if not isinstance(data, dict):
                    continue
                created = _created(data)
                if floor is not None and created and created < floor:
                    break  # newest first: everything further back predates the attempt
                if data.get("parent_id") == thing_id and _same_text(str(data.get("body") or ""), text):
                    found.append(_fullname(data, "t4_" if dm else "t1_"))
        except Exception as exc:
            raise self._translate(exc, posting=False) from None
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
        try:
            self._post("reader", API_PATH["remove"], {"id": thing_id, "spam": False})
        except prawcore.Forbidden:
            raise ConnectorError(
                f"{self.account.name}: u/{self.username} does not moderate where "
                f"{thing_id} was posted, so it cannot remove it",
                account=self.account.name,
            ) from None
        except Exception as exc:
            raise self._translate(exc, posting=False, target=True) from None
        logger.info("reddit %s: removed %s", self.account.name, thing_id)

    def verify(self) -> str:
        """The username the credentials act for (one token request and one /api/v1/me)."""
        try:
            me = self._reader.user.me()
        except Exception as exc:
            raise self._translate(exc, posting=False) from None
        return str(me)

    # --------------------------------------------------------------- translate
    def _translate(self, exc: BaseException, *, posting: bool, target: bool = False) -> ConnectorError:
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
            if isinstance(original, ConnectorError):  # from our session: the budget or the allowance
                return self._translate(original, posting=posting)
            if isinstance(original, PostNotResent):
                return self._not_resent(original, posting=posting)
            if posting and not _never_sent(original):
                return PostOutcomeUnknown(
                    f"{name}: the reply may or may not have been saved "
                    f"({type(original).__name__}); check before sending again",
                    account=name,
                )
            return PlatformUnavailable(
                f"{name}: cannot reach Reddit ({type(original).__name__})", account=name
            )
        # A 401 without a WWW-Authenticate header makes prawcore raise KeyError while classifying it.
        if isinstance(exc, KeyError) and self.sessions["poster" if posting else "reader"].last_status == 401:
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

    def _not_resent(self, exc: PostNotResent, *, posting: bool) -> ConnectorError:
        name = self.account.name
        if exc.status is not None:
            return self._status_error(exc.status, posting=posting)
        cause = exc.cause or exc
        if posting and not _never_sent(cause):
            return PostOutcomeUnknown(
                f"{name}: the reply may or may not have been saved "
                f"({type(cause).__name__}); check before sending again",
                account=name,
            )
        return PlatformUnavailable(f"{name}: cannot reach Reddit ({type(cause).__name__})", account=name)

    def _status_error(self, status: int, *, posting: bool) -> ConnectorError:
        """A 401 (the token was refused) or a server error: after a reply, the outcome is unclear."""
        name = self.account.name
        if status == 401:
            return ReconnectRequired(
                f"{name}: Reddit answered 401 unauthorised; run `modbot connect {name}`", account=name
            )
        if posting:
            return PostOutcomeUnknown(
                f"{name}: Reddit answered {status} to the reply; it may have been saved, check before "
                "sending again",
                account=name,
            )
        return PlatformUnavailable(f"{name}: Reddit answered {status}", account=name)

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
        if status >= 500 or status == 401:
            return self._status_error(status, posting=posting)
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
