"""A fake Reddit on 127.0.0.1 for tests that drive the real PRAW against it.

One HTTP server answers both `reddit_url` (the token endpoint, the authorize page) and `oauth_url`
(the API), with Reddit's JSON shapes (Listing of t1/t3/t4 Things), X-Ratelimit-* headers and
bearer-token checks. It keeps state (posts, comments, inbox, messages, posted replies, read
flags), records every request, and injects faults on demand:

    with FakeReddit() as reddit_server:
        post = reddit_server.add_post("My video about anxiety", own=True)
        reddit_server.add_post_reply("Thanks <b>so</b> much 🙏", post=post, author="sam")
        reddit_server.fail_next(503, path="/api/comment", save_first=True)
        reddit_server.messages_redirect_to_login = True

Fault names for `fail_next`: an HTTP status (401, 403, 404, 429, 500, 503 ...), "html" (a 200
HTML page), "malformed_json", "reset" (connection closed with no answer), "redirect_login", and
the Reddit API errors "ratelimit", "thread_locked", "deleted_comment", "too_old" (200 with
`json.errors`). `save_first=True` lets the request take effect before the fault is answered.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets as token_source
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from bot.config import AccountConfig

BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
SCOPES = "identity read history privatemessages submit modposts"
API_ERRORS = {
    "ratelimit": (
        "RATELIMIT",
        "Looks like you've been doing that a lot. Take a break for {minutes} minutes before trying again.",
        "ratelimit",
    ),
    "thread_locked": ("THREAD_LOCKED", "Comments are locked.", "parent"),
    "deleted_comment": ("DELETED_COMMENT", "that comment has been deleted", "parent"),
    "too_old": ("TOO_OLD", "that's a piece of history now; it's too late to reply to it", "parent"),
}


def _base36(number: int) -> str:
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = BASE36[rest] + out
        if not number:
            return out


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:50] or "post"


@dataclass
class Fault:
    kind: int | str
    path: str | None = None
    method: str | None = None
    save_first: bool = False
    retry_after: int | None = None
    minutes: int = 5
    www_authenticate: bool = True


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    authorization: str | None = None


@dataclass
class _Handled:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"
    reset: bool = False


class FakeReddit:
    """State, faults and request log of one fake Reddit; also a context manager that serves it."""

    def __init__(
        self,
        *,
        username: str = "therapist_jo",
        client_id: str = "fake-client-id",
        client_secret: str = "fake-client-secret",
        refresh_token: str = "fake-refresh-token",
        own_subreddit: str = "AnxietyTalks",
    ) -> None:
        self.username = username
        self.client_id = client_id
        self.client_secret = client_secret
        self.refresh_token = refresh_token
        self.own_subreddit = own_subreddit
        self.moderated_subreddits: set[str] = {own_subreddit}
        self.lock = threading.RLock()
        self._ids = itertools.count(1_000_000)
        self._clock = float(int(time.time()) - 30 * 24 * 3600)
        # state
        self.posts: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.inbox: list[tuple[str, str]] = []  # (fullname, type) in arrival order
        self.unread: set[str] = set()
        self.marked_read: list[str] = []
        self.removed: list[str] = []
        self.locked: set[str] = set()
        self.replies_posted: list[dict[str, str]] = []
        self.requests: list[RecordedRequest] = []
        self.tokens_issued = 0
        self.auth_codes: dict[str, str] = {}  # code -> refresh token it grants
        # behaviour switches
        self.messages_redirect_to_login = False
        self.messages_status: int | None = None  # e.g. 403 or 404 for the messages listing
        self.revoked = False
        # What X-Ratelimit-* headers report; set ratelimit_remaining = 1 to spend the allowance.
        self.ratelimit_remaining = 996.0
        self.ratelimit_used = 0
        self.ratelimit_reset = 300
        self._faults: list[Fault] = []
        self._access_tokens: set[str] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- serving
    def start(self) -> FakeReddit:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeReddit:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "FakeReddit is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def reddit_url(self) -> str:
        return self.url

    @property
    def oauth_url(self) -> str:
        return self.url

    def secrets(self) -> dict[str, str]:
        """The contents of `secrets/<name>.json` that this server accepts."""
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "refresh_token": self.refresh_token,
        }

    def account_settings(self) -> dict[str, str]:
        """The `[[accounts]]` keys (besides name and platform) that point modbot at this server."""
        return {
            "username": self.username,
            "user_agent": "modbot-tests/0.1 by therapist_jo",
            "reddit_url": self.reddit_url,
            "oauth_url": self.oauth_url,
        }

    def account(self, name: str = "reddit-main", **overrides: Any) -> AccountConfig:
        """An AccountConfig pointing at this server (what `[[accounts]]` would give the connector)."""
        return AccountConfig(name=name, platform="reddit", **{**self.account_settings(), **overrides})

    def praw(self, **options: Any) -> Any:
        """A plain `praw.Reddit` signed in to this server (`options` go to praw.Reddit)."""
        import praw

        return praw.Reddit(
            client_id=self.client_id,
            client_secret=self.client_secret,
            refresh_token=self.refresh_token,
            user_agent="modbot-tests/0.1 by therapist_jo",
            reddit_url=self.reddit_url,
            oauth_url=self.oauth_url,
            check_for_updates=False,
            **options,
        )

    def connect_home(self, runner: Any, home: Any, name: str = "jo-reddit") -> None:
        """Add an account for this server to a home's modbot.toml and connect it from a
        credentials file, as a user would (`modbot connect NAME --from-file F`)."""
        from bot.cli import cli

        lines = ["\n[[accounts]]", f'name = "{name}"', 'platform = "reddit"', 'poll_every = "5m"']
        lines += [f"{key} = {json.dumps(value)}" for key, value in self.account_settings().items()]
        config = home / "modbot.toml"
        config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
        credentials = home.parent / "reddit-credentials.json"
        credentials.write_text(json.dumps(self.secrets()), encoding="utf-8")
        result = runner.invoke(cli, ["--home", str(home), "connect", name, "--from-file", str(credentials)])
        assert result.exit_code == 0, result.output

    # ----------------------------------------------------------------- content
    def _new_id(self) -> str:
        return _base36(next(self._ids))

    def _tick(self, created_utc: float | None) -> float:
        if created_utc is not None:
            return float(created_utc)
        self._clock += 60
        return self._clock

    def add_post(
        self,
        title: str,
        *,
        own: bool = True,
        author: str | None = None,
        subreddit: str | None = None,
        body: str = "",
        created_utc: float | None = None,
    ) -> str:
        """A submission; `own=True` makes the account its author. Returns its fullname (t3_...)."""
        with self.lock:
            post_id = self._new_id()
            author = author or (self.username if own else "someone_else")
            subreddit = subreddit or (self.own_subreddit if own else "mentalhealth")
            self.posts[f"t3_{post_id}"] = {
                "id": post_id,
                "name": f"t3_{post_id}",
                "title": title,
                "author": author,
                "author_fullname": f"t2_{author.lower()}",
                "selftext": body,
                "subreddit": subreddit,
                "created_utc": self._tick(created_utc),
                "permalink": f"/r/{subreddit}/comments/{post_id}/{_slug(title)}/",
                "url": f"https://www.reddit.com/r/{subreddit}/comments/{post_id}/{_slug(title)}/",
                "is_self": True,
                "locked": False,
            }
            return f"t3_{post_id}"

    def add_comment(
        self,
        text: str,
        *,
        post: str,
        author: str | None,
        parent: str | None = None,
        created_utc: float | None = None,
    ) -> str:
        """A comment under `post` (a reply to `parent` when given). `author=None` is a deleted one."""
        with self.lock:
            target = self.posts[post]
            comment_id = self._new_id()
            name = f"t1_{comment_id}"
            shown_author = author if author is not None else "[deleted]"
            self.comments[name] = {
                "id": comment_id,
                "name": name,
                "body": text,
                "author": shown_author,
                "author_fullname": f"t2_{author.lower()}" if author else None,
                "parent_id": parent or post,
                "link_id": post,
                "subreddit": target["subreddit"],
                "created_utc": self._tick(created_utc),
                "permalink": f"{target['permalink']}{comment_id}/",
                "link_title": target["title"],
            }
            return name

    def _deliver(self, name: str, kind: str) -> None:
        self.inbox.append((name, kind))
        self.unread.add(name)

    def add_comment_reply(
        self,
        text: str,
        *,
        author: str | None = "a_reader",
        post: str | None = None,
        parent: str | None = None,
        created_utc: float | None = None,
    ) -> str:
        """Someone replies to one of the account's comments (inbox "comment reply").

        Without `parent`, a post by someone else and a comment by the account are made first.
        """
        with self.lock:
            if parent is None:
                post = post or self.add_post("A question for therapists", own=False)
                parent = self.add_comment(
                    "Happy to share some general resources.", post=post, author=self.username
                )
            post = post or self.comments[parent]["link_id"]
            name = self.add_comment(text, post=post, author=author, parent=parent, created_utc=created_utc)
            self._deliver(name, "comment_reply")
            return name

    def add_post_reply(
        self,
        text: str,
        *,
        post: str | None = None,
        author: str | None = "a_reader",
        created_utc: float | None = None,
    ) -> str:
        """A top-level comment on one of the account's posts (inbox "post reply")."""
        with self.lock:
            post = post or self.add_post("Five grounding techniques", own=True)
            name = self.add_comment(text, post=post, author=author, created_utc=created_utc)
            self._deliver(name, "post_reply")
            return name

    def add_mention(
        self,
        text: str | None = None,
        *,
        author: str | None = "a_reader",
        post: str | None = None,
        created_utc: float | None = None,
    ) -> str:
        """A comment elsewhere that names u/<username> (inbox "username mention")."""
        with self.lock:
            post = post or self.add_post("Recommendations for therapists online?", own=False)
            text = text if text is not None else f"You should follow u/{self.username}, very helpful"
            name = self.add_comment(text, post=post, author=author, created_utc=created_utc)
            self._deliver(name, "username_mention")
            return name

    def add_message(
        self,
        text: str,
        *,
        author: str | None = "a_reader",
        subject: str = "a question",
        reply_to: str | None = None,
        created_utc: float | None = None,
    ) -> str:
        """A private message to the account (or, with `reply_to`, a reply in that thread)."""
        with self.lock:
            message_id = self._new_id()
            name = f"t4_{message_id}"
            first = self.messages[reply_to]["first_message_name"] or reply_to if reply_to else None
            self.messages[name] = {
                "id": message_id,
                "name": name,
                "body": text,
                "author": author if author is not None else "[deleted]",
                "author_fullname": f"t2_{author.lower()}" if author else None,
                "dest": self.username,
                "subject": ("re: " + subject) if reply_to else subject,
                "created_utc": self._tick(created_utc),
                "parent_id": reply_to,
                "first_message_name": first,
            }
            self._deliver(name, "message")
            return name

    def lock_thread(self, fullname: str) -> None:
        """Replies to this post or comment fail with THREAD_LOCKED."""
        with self.lock:
            self.locked.add(fullname)

    def revoke(self) -> None:
        """The person revoked the app: refresh fails with invalid_grant, access tokens stop working."""
        with self.lock:
            self.revoked = True
            self._access_tokens.clear()

    def expire_access_tokens(self) -> None:
        """Every issued access token is rejected with 401 from now on (a refresh fixes it)."""
        with self.lock:
            self._access_tokens.clear()

    def grant_code(self) -> str:
        """An authorization code the token endpoint will exchange for `refresh_token`."""
        code = token_source.token_urlsafe(12)
        self.auth_codes[code] = self.refresh_token
        return code

    # ------------------------------------------------------------------ faults
    def fail_next(
        self,
        kind: int | str,
        *,
        path: str | None = None,
        method: str | None = None,
        count: int = 1,
        save_first: bool = False,
        retry_after: int | None = None,
        minutes: int = 5,
        www_authenticate: bool = True,
    ) -> None:
        """Answer the next `count` matching API requests with fault `kind` (see module docstring).

        `path` is a substring of the request path; the token endpoint is only faulted when `path`
        names it.
        """
        if isinstance(kind, str) and kind not in {
            "html",
            "malformed_json",
            "reset",
            "redirect_login",
            *API_ERRORS,
        }:
            raise ValueError(f"unknown fault {kind!r}")
        with self.lock:
            for _ in range(count):
                self._faults.append(
                    Fault(
                        kind,
                        path,
                        method.upper() if method else None,
                        save_first,
                        retry_after,
                        minutes,
                        www_authenticate,
                    )
                )

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self._faults:
                if fault.method and fault.method != method:
                    continue
                if fault.path is None and "access_token" in path:
                    continue
                if fault.path is not None and fault.path not in path:
                    continue
                self._faults.remove(fault)
                return fault
        return None

    # ------------------------------------------------------------ observation
    def count(self, path: str, method: str | None = None) -> int:
        """How many requests had `path` in their path (and `method`, when given)."""
        return sum(1 for r in self.requests if path in r.path and (method is None or r.method == method))

    @property
    def api_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if "access_token" not in r.path]

    # ------------------------------------------------------------------ shapes
    @staticmethod
    def _listing(children: list[dict[str, Any]], after: str | None = None) -> dict[str, Any]:
        return {
            "kind": "Listing",
            "data": {
                "after": after,
                "before": None,
                "dist": len(children),
                "modhash": None,
                "geo_filter": "",
                "children": children,
            },
        }

    def _post_thing(self, name: str) -> dict[str, Any]:
        post = dict(self.posts[name])
        post["num_comments"] = sum(1 for c in self.comments.values() if c["link_id"] == name)
        post["created"] = post["created_utc"]
        return {"kind": "t3", "data": post}

    def _comment_thing(self, name: str, *, with_replies: bool = False, sort: str = "new") -> dict[str, Any]:
        comment = self.comments[name]
        data = {key: value for key, value in comment.items() if key != "link_title"}
        data.update(
            {
                "created": comment["created_utc"],
                "replies": "",
                "score": 1,
                "depth": 0,
                "is_submitter": False,
                "distinguished": None,
                "stickied": False,
            }
        )
        if with_replies:
            children = self._children_of(name, sort)
            if children:
                data["replies"] = self._listing(
                    [self._comment_thing(c, with_replies=True, sort=sort) for c in children]
                )
        return {"kind": "t1", "data": data}

    def _children_of(self, parent: str, sort: str) -> list[str]:
        names = [n for n, c in self.comments.items() if c["parent_id"] == parent]
        return sorted(names, key=lambda n: self.comments[n]["created_utc"], reverse=sort != "old")

    def _inbox_comment_thing(self, name: str, kind: str) -> dict[str, Any]:
        # Inbox comments carry no link_id or permalink: Reddit gives `context` and `link_title`.
        comment = self.comments[name]
        subjects = {
            "comment_reply": "comment reply",
            "post_reply": "post reply",
            "username_mention": "username mention",
        }
        data = {
            "id": comment["id"],
            "name": name,
            "body": comment["body"],
            "author": comment["author"],
            "author_fullname": comment["author_fullname"],
            "parent_id": comment["parent_id"],
            "subreddit": comment["subreddit"],
            "subreddit_name_prefixed": f"r/{comment['subreddit']}",
            "created_utc": comment["created_utc"],
            "created": comment["created_utc"],
            "link_title": comment["link_title"],
            "context": f"{comment['permalink']}?context=3",
            "type": kind,
            "subject": subjects[kind],
            "was_comment": True,
            "new": name in self.unread,
            "dest": self.username,
            "first_message": None,
            "first_message_name": None,
            "replies": "",
            "distinguished": None,
            "score": 1,
        }
        return {"kind": "t1", "data": data}

    def _message_thing(self, name: str, *, replies: list[str] | None = None) -> dict[str, Any]:
        message = self.messages[name]
        data = dict(message)
        data.update(
            {
                "created": message["created_utc"],
                "was_comment": False,
                "new": name in self.unread,
                "context": "",
                "subreddit": None,
                "distinguished": None,
                "replies": "",
                "first_message": int(message["first_message_name"][3:], 36)
                if message["first_message_name"]
                else None,
            }
        )
        if replies:
            data["replies"] = self._listing([self._message_thing(r) for r in replies])
        return {"kind": "t4", "data": data}

    def _thing(self, name: str) -> dict[str, Any] | None:
        if name in self.comments:
            return self._comment_thing(name)
        if name in self.posts:
            return self._post_thing(name)
        if name in self.messages:
            return self._message_thing(name)
        return None

    @staticmethod
    def _page(things: list[tuple[float, dict[str, Any]]], query: dict[str, str]) -> dict[str, Any]:
        """Newest first, `limit` (max 100) at a time, continuing after the `after` fullname."""
        ordered = [thing for _, thing in sorted(things, key=lambda pair: pair[0], reverse=True)]
        start = 0
        if query.get("after"):
            names = [t["data"]["name"] for t in ordered]
            start = names.index(query["after"]) + 1 if query["after"] in names else len(ordered)
        limit = max(1, min(int(query.get("limit", "25") or 25), 100))
        page = ordered[start : start + limit]
        after = page[-1]["data"]["name"] if page and start + limit < len(ordered) else None
        return FakeReddit._listing(page, after)

    def _inbox_listing(
        self, kinds: set[str], query: dict[str, str], *, unread_only: bool = False
    ) -> dict[str, Any]:
        things = []
        for name, kind in self.inbox:
            if kind not in kinds or (unread_only and name not in self.unread):
                continue
            if kind == "message":
                thing = self._message_thing(name)
                things.append((self.messages[name]["created_utc"], thing))
            else:
                things.append((self.comments[name]["created_utc"], self._inbox_comment_thing(name, kind)))
        if query.get("mark") == "true":  # Reddit marks the whole listing read when asked to
            for name, _ in self.inbox:
                self._mark_read(name)
        return self._page(things, query)

    def _message_threads(self, query: dict[str, str]) -> dict[str, Any]:
        # /message/messages groups a conversation under its first message, newest activity first.
        threads: dict[str, list[str]] = {}
        for name, message in self.messages.items():
            root = message["first_message_name"] or name
            threads.setdefault(root, []).append(name)
        things = []
        for root, names in threads.items():
            ordered = sorted(names, key=lambda n: self.messages[n]["created_utc"])
            latest = self.messages[ordered[-1]]["created_utc"]
            things.append((latest, self._message_thing(root, replies=[n for n in ordered if n != root])))
        return self._page(things, query)

    def _mark_read(self, name: str) -> None:
        if name in self.unread:
            self.unread.discard(name)
        self.marked_read.append(name)

    # ---------------------------------------------------------------- handling
    def handle(
        self, method: str, path: str, query: dict[str, str], form: dict[str, str], headers: dict[str, str]
    ) -> _Handled:
        with self.lock:
            self.requests.append(RecordedRequest(method, path, query, form, headers.get("authorization")))
        clean = re.sub(r"\.json$", "", path).rstrip("/") or "/"
        if clean == "/api/v1/access_token":
            fault = self._take_fault(method, path)
            if fault is not None:
                return self._fault_response(fault, clean)
            return self._token(form, headers)
        if clean == "/api/v1/authorize":
            return self._authorize(query)
        if not self._authorized(headers):
            return _Handled(
                401,
                {"message": "Unauthorized", "error": 401},
                {"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'},
            )
        fault = self._take_fault(method, path)
        if fault is not None and not fault.save_first:
            return self._with_ratelimit(self._fault_response(fault, clean))
        with self.lock:
            handled = self._route(method, clean, query, form)
        if fault is not None:
            handled = self._fault_response(fault, clean)
        return self._with_ratelimit(handled)

    def _with_ratelimit(self, handled: _Handled) -> _Handled:
        with self.lock:
            self.ratelimit_remaining = max(self.ratelimit_remaining - 1, 0)
            self.ratelimit_used += 1
            handled.headers.setdefault("x-ratelimit-remaining", f"{self.ratelimit_remaining:.1f}")
            handled.headers.setdefault("x-ratelimit-used", str(self.ratelimit_used))
            handled.headers.setdefault("x-ratelimit-reset", str(self.ratelimit_reset))
        return handled

    def _fault_response(self, fault: Fault, path: str) -> _Handled:
        kind = fault.kind
        if kind == "reset":
            return _Handled(reset=True)
        if kind == "html":
            return _Handled(
                200,
                raw=b"<!doctype html><html><body><h1>reddit</h1><p>Our CDN was unable"
                b" to reach our servers</p></body></html>",
                content_type="text/html; charset=UTF-8",
            )
        if kind == "malformed_json":
            return _Handled(200, raw=b'{"kind": "Listing", "data": {"children": [')
        if kind == "redirect_login":
            return _Handled(302, raw=b"", headers={"location": f"{self.reddit_url}/login/?dest={path}"})
        if isinstance(kind, str):
            error_type, message, field_name = API_ERRORS[kind]
            return _Handled(
                200, {"json": {"errors": [[error_type, message.format(minutes=fault.minutes), field_name]]}}
            )
        headers: dict[str, str] = {}
        if kind == 401 and fault.www_authenticate:
            headers["www-authenticate"] = 'Bearer realm="reddit", error="invalid_token"'
        if kind == 429 and fault.retry_after is not None:
            headers["retry-after"] = str(fault.retry_after)
        return _Handled(kind, {"message": "fault injected", "error": kind}, headers)

    def _token(self, form: dict[str, str], headers: dict[str, str]) -> _Handled:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if headers.get("authorization") != f"Basic {expected}":
            return _Handled(401, {"message": "Unauthorized", "error": 401})
        grant = form.get("grant_type")
        with self.lock:
            if grant == "refresh_token":
                if self.revoked or form.get("refresh_token") != self.refresh_token:
                    return _Handled(400, {"error": "invalid_grant"})
                refresh = None
            elif grant == "authorization_code":
                refresh = self.auth_codes.pop(form.get("code", ""), None)
                if refresh is None:
                    return _Handled(400, {"error": "invalid_grant"})
            else:
                return _Handled(400, {"error": "unsupported_grant_type"})
            token = token_source.token_urlsafe(16)
            self._access_tokens.add(token)
            self.tokens_issued += 1
        payload = {"access_token": token, "token_type": "bearer", "expires_in": 86400, "scope": SCOPES}
        if refresh is not None:
            payload["refresh_token"] = refresh
        return _Handled(200, payload)

    def _authorize(self, query: dict[str, str]) -> _Handled:
        # Stands in for the person clicking "Allow": straight back to the app with a code.
        target = query.get("redirect_uri", "")
        params = urlencode({"state": query.get("state", ""), "code": self.grant_code()})
        return _Handled(302, raw=b"", headers={"location": f"{target}?{params}"})

    def _authorized(self, headers: dict[str, str]) -> bool:
        value = headers.get("authorization", "")
        with self.lock:
            return value.lower().startswith("bearer ") and value[7:] in self._access_tokens

    def _route(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> _Handled:
        if method == "GET":
            return self._get(path, query)
        if method == "POST":
            return self._post(path, form)
        return _Handled(405, {"message": "Method Not Allowed", "error": 405})

    def _get(self, path: str, query: dict[str, str]) -> _Handled:
        listings = {
            "/message/inbox": {"comment_reply", "post_reply", "username_mention", "message"},
            "/message/comments": {"comment_reply"},
            "/message/selfreply": {"post_reply"},
            "/message/mentions": {"username_mention"},
        }
        if path == "/api/v1/me":
            return _Handled(
                200,
                {
                    "name": self.username,
                    "id": "fakeuser",
                    "created_utc": 1.5e9,
                    "has_mail": bool(self.unread),
                },
            )
        if path in listings:
            return _Handled(200, self._inbox_listing(listings[path], query))
        if path == "/message/unread":
            return _Handled(200, self._inbox_listing(listings["/message/inbox"], query, unread_only=True))
        if path == "/message/messages":
            if self.messages_redirect_to_login:
                return _Handled(
                    302,
                    raw=b"",
                    headers={
                        "location": f"{self.reddit_url}/login/?dest=https%3A%2F%2Fwww.reddit.com%2Fmessage"
                    },
                )
            if self.messages_status is not None:
                return _Handled(self.messages_status, {"message": "Forbidden", "error": self.messages_status})
            return _Handled(200, self._message_threads(query))
        if path == "/message/sent":
            sent = [
                (m["created_utc"], self._message_thing(n))
                for n, m in self.messages.items()
                if m["author"] == self.username
            ]
            return _Handled(200, self._page(sent, query))
        if path == "/api/info":
            names = [n for n in query.get("id", "").split(",") if n]
            things = [t for t in (self._thing(n) for n in names) if t is not None]
            return _Handled(200, self._listing(things))
        match = re.fullmatch(r"/user/([^/]+)/(submitted|comments)", path)
        if match:
            who = match[1].lower()
            if match[2] == "submitted":
                things = [
                    (p["created_utc"], self._post_thing(n))
                    for n, p in self.posts.items()
                    if p["author"].lower() == who
                ]
            else:
                things = [
                    (c["created_utc"], self._comment_thing(n))
                    for n, c in self.comments.items()
                    if c["author"].lower() == who
                ]
            return _Handled(200, self._page(things, query))
        match = re.fullmatch(r"(?:/r/[^/]+)?/comments/([a-z0-9]+)(?:/.*)?", path)
        if match:
            name = f"t3_{match[1]}"
            if name not in self.posts:
                return _Handled(404, {"message": "Not Found", "error": 404})
            sort = query.get("sort", "confidence")
            top = self._children_of(name, sort)
            limit = int(query.get("limit", "500") or 500)
            return _Handled(
                200,
                [
                    self._listing([self._post_thing(name)]),
                    self._listing(
                        [self._comment_thing(c, with_replies=True, sort=sort) for c in top[:limit]]
                    ),
                ],
            )
        return _Handled(404, {"message": "Not Found", "error": 404})

    def _post(self, path: str, form: dict[str, str]) -> _Handled:
        if path == "/api/comment":
            return self._reply(form.get("thing_id", ""), form.get("text", ""))
        if path == "/api/read_message":
            for name in form.get("id", "").split(","):
                self._mark_read(name)
            return _Handled(200, {})
        if path == "/api/remove":
            name = form.get("id", "")
            thing = self.comments.get(name) or self.posts.get(name)
            if thing is None:
                return _Handled(404, {"message": "Not Found", "error": 404})
            if thing["subreddit"] not in self.moderated_subreddits:
                return _Handled(403, {"message": "Forbidden", "error": 403})
            self.removed.append(name)
            return _Handled(200, {})
        return _Handled(404, {"message": "Not Found", "error": 404})

    def _reply(self, thing_id: str, text: str) -> _Handled:
        def error(error_type: str, message: str) -> _Handled:
            return _Handled(200, {"json": {"errors": [[error_type, message, "parent"]]}})

        if not text.strip():
            return error("NO_TEXT", "we need something here")
        if thing_id in self.locked or (
            thing_id in self.comments and self.comments[thing_id]["link_id"] in self.locked
        ):
            return error("THREAD_LOCKED", "Comments are locked.")
        if thing_id in self.messages:
            original = self.messages[thing_id]
            other = original["author"] if original["author"] != self.username else original["dest"]
            message_id = self._new_id()
            name = f"t4_{message_id}"
            self.messages[name] = {
                "id": message_id,
                "name": name,
                "body": text,
                "author": self.username,
                "author_fullname": f"t2_{self.username.lower()}",
                "dest": other,
                "subject": original["subject"]
                if original["subject"].startswith("re: ")
                else "re: " + original["subject"],
                "created_utc": time.time(),
                "parent_id": thing_id,
                "first_message_name": original["first_message_name"] or thing_id,
            }
            thing = self._message_thing(name)
        elif thing_id in self.comments or thing_id in self.posts:
            if (
                thing_id in self.comments
                and self.comments[thing_id]["author"] == "[deleted]"
                and self.comments[thing_id]["body"] == "[deleted]"
            ):
                return error("DELETED_COMMENT", "that comment has been deleted")
            post = thing_id if thing_id in self.posts else self.comments[thing_id]["link_id"]
            name = self.add_comment(
                text, post=post, author=self.username, parent=thing_id, created_utc=time.time()
            )
            thing = self._comment_thing(name)
        else:
            return error("INVALID_THING", "that thing does not exist")
        self.replies_posted.append({"name": name, "thing_id": thing_id, "text": text})
        return _Handled(200, {"json": {"errors": [], "data": {"things": [thing]}}})


def _handler_for(fake: FakeReddit) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakeReddit/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
            pass

        def _serve(self, method: str) -> None:
            parsed = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(parsed.query, keep_blank_values=True).items()}
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            handled = fake.handle(method, parsed.path, query, form, headers)
            if handled.reset:
                self.close_connection = True
                return
            payload = handled.raw if handled.raw is not None else json.dumps(handled.body).encode()
            self.send_response(handled.status)
            self.send_header("content-type", handled.content_type)
            self.send_header("content-length", str(len(payload)))
            for key, value in handled.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._serve("POST")

    return Handler


@contextmanager
def running_fake_reddit(**kwargs: Any) -> Iterator[FakeReddit]:
    """`with running_fake_reddit() as server:` for code that is not a pytest fixture."""
    with FakeReddit(**kwargs) as server:
        yield server


try:  # a fixture for test modules that import it: `from tests.fakes.reddit import reddit_server`
    import pytest

    @pytest.fixture
    def reddit_server() -> Iterator[FakeReddit]:
        """A started FakeReddit, stopped after the test."""
        with FakeReddit() as server:
            yield server

except ImportError:  # pragma: no cover - pytest is a test dependency
    pass
