"""A fake YouTube Data API v3 and Google token endpoint on 127.0.0.1, for the real client libraries.

It keeps state (videos, comment threads, replies, held and spam queues, what was posted and
moderated), charges quota with YouTube's real costs and answers 403 `quotaExceeded` when spent,
and injects faults on demand. Point a connector at it with `server.account()` and
`server.secrets()`:

    with FakeYouTube() as server:
        video = server.add_video(title="Coping with panic")
        server.add_comment(video, "thank you", author="Sam")
        connector = connectors.youtube.build(server.account(), server.secrets())

or use the `youtube_server` fixture (import it into a test module or conftest).

Faults: `fail_next(path, status, reason=..., kind=..., times=..., after_save=..., query=...)`
with `kind` one of "status" (a Google JSON error), "malformed" (200 with broken JSON), "html"
(200 with an HTML page), "timeout" (answers after `delay` seconds), "reset" (closes the
connection without answering). `after_save=True` applies the write first, then fails.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bot.config import AccountConfig

API = "/youtube/v3/"
COSTS = {
    "commentThreads.list": 1,
    "comments.list": 1,
    "videos.list": 1,
    "comments.insert": 50,
    "comments.setModerationStatus": 50,
}
ROUTES = {
    ("GET", "commentThreads"): "commentThreads.list",
    ("GET", "comments"): "comments.list",
    ("POST", "comments"): "comments.insert",
    ("POST", "comments/setModerationStatus"): "comments.setModerationStatus",
    ("GET", "videos"): "videos.list",
}
DEFAULT_REASONS = {
    400: "badRequest",
    401: "authError",
    403: "forbidden",
    404: "notFound",
    429: "rateLimitExceeded",
    500: "backendError",
    502: "backendError",
    503: "backendError",
    504: "backendError",
}
QUOTA_MESSAGE = (
    "The request cannot be completed because you have exceeded your "
    '<a href="/youtube/v3/getting-started#quota">quota</a>.'
)


@dataclass
class FakeComment:
    id: str
    video_id: str
    text: str
    author: str | None
    author_channel_id: str | None
    published_at: datetime
    status: str = "published"  # published | heldForReview | likelySpam | rejected
    parent_id: str | None = None


@dataclass
class FakeVideo:
    id: str
    title: str
    comments_disabled: bool = False


@dataclass
class Fault:
    path: str
    status: int
    reason: str | None
    kind: str
    times: int
    after_save: bool
    method: str | None
    query: dict[str, str]
    delay: float
    body: Any = None


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int = 0

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class _State:
    videos: dict[str, FakeVideo] = field(default_factory=dict)
    comments: dict[str, FakeComment] = field(default_factory=dict)  # insertion order = creation order


class FakeYouTube:
    def __init__(
        self,
        *,
        channel_id: str = "UCfakeChannel0000000000",
        quota_limit: int = 10_000,
        owner_name: str = "Dr. Example",
        replies_in_thread: int = 5,
    ) -> None:
        self.channel_id = channel_id
        self.owner_name = owner_name
        self.quota_limit = quota_limit
        self.quota_used = 0
        self.replies_in_thread = replies_in_thread  # how many replies a thread resource carries
        self.viewer_is_owner = True  # False: the token's user may not read the moderation queues
        self.client_id = "fake-client-id.apps.googleusercontent.com"
        self.client_secret = "fake-client-secret"
        self.refresh_token = "1//fake-refresh-token"
        self.refresh_revoked = False
        self.requests: list[Request] = []
        # A simpler server may ignore commentThreads' moderationStatus and list published comments.
        self.honours_moderation_status = True
        self.token_requests = 0
        self.moderation_log: list[tuple[str, str]] = []
        self.auth_codes: dict[str, str] = {}
        self._state = _State()
        self._faults: list[Fault] = []
        self._tokens: set[str] = set()
        self._ids = itertools.count(1)
        self._clock = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FakeYouTube:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-youtube", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (safe to call twice); a request waiting in a timeout fault is released."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> FakeYouTube:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "start the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def token_uri(self) -> str:
        return self.endpoint + "token"

    def secrets(self) -> dict[str, str]:
        """A valid authorized-user dict, as `secrets/<name>.json` holds it."""
        return {
            "type": "authorized_user",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "refresh_token": self.refresh_token,
            "token_uri": self.token_uri,
        }

    def client_secrets(self) -> dict[str, Any]:
        """A Desktop-app client-secrets dict whose auth and token URIs point here."""
        return {
            "installed": {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "auth_uri": self.endpoint + "auth",
                "token_uri": self.token_uri,
                "redirect_uris": ["http://localhost"],
            }
        }

    def account(self, name: str = "channel", **overrides: Any) -> AccountConfig:
        values: dict[str, Any] = {
            "name": name,
            "platform": "youtube",
            "channel_id": self.channel_id,
            "api_endpoint": self.endpoint,
            "daily_quota": self.quota_limit,
        }
        values.update(overrides)
        return AccountConfig(**values)

    def config_toml(self, name: str = "channel") -> str:
        """An `[[accounts]]` entry for modbot.toml pointing at this server."""
        return (
            f'[[accounts]]\nname = "{name}"\nplatform = "youtube"\nchannel_id = "{self.channel_id}"\n'
            f'api_endpoint = "{self.endpoint}"\ndaily_quota = {self.quota_limit}\n'
        )

    # -- state -----------------------------------------------------------------------------------

    def _next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def _tick(self) -> datetime:
        self._clock += timedelta(minutes=1)
        return self._clock

    def add_video(
        self, video_id: str | None = None, title: str = "A video", *, comments_disabled: bool = False
    ) -> str:
        with self._lock:
            video_id = video_id or self._next_id("vid")
            self._state.videos[video_id] = FakeVideo(video_id, title, comments_disabled)
            return video_id

    def add_comment(
        self,
        video_id: str,
        text: str,
        *,
        author: str | None = "Viewer",
        author_channel_id: str | None = None,
        published_at: datetime | None = None,
        held: bool = False,
        spam: bool = False,
        status: str | None = None,
        comment_id: str | None = None,
    ) -> str:
        """A top-level comment. `author=None` is a deleted account (no name, no channel id)."""
        with self._lock:
            if video_id not in self._state.videos:
                raise KeyError(f"no video {video_id}")
            comment_id = comment_id or self._next_id("Ugz")
            status = status or ("heldForReview" if held else "likelySpam" if spam else "published")
            if author is not None and author_channel_id is None:
                author_channel_id = "UC" + base64.urlsafe_b64encode(author.encode()).decode().rstrip("=")[:22]
            self._state.comments[comment_id] = FakeComment(
                comment_id,
                video_id,
                text,
                author,
                author_channel_id if author is not None else None,
                published_at or self._tick(),
                status,
            )
            return comment_id

    def add_reply(
        self,
        parent_id: str,
        text: str,
        *,
        author: str | None = "Viewer",
        author_channel_id: str | None = None,
        published_at: datetime | None = None,
        status: str = "published",
    ) -> str:
        with self._lock:
            parent = self._state.comments[parent_id]
            reply_id = f"{parent_id}.{self._next_id('r')}"
            if author is not None and author_channel_id is None:
                author_channel_id = "UC" + base64.urlsafe_b64encode(author.encode()).decode().rstrip("=")[:22]
            self._state.comments[reply_id] = FakeComment(
                reply_id,
                parent.video_id,
                text,
                author,
                author_channel_id if author is not None else None,
                published_at or self._tick(),
                status,
                parent_id=parent_id,
            )
            return reply_id

    def comment(self, comment_id: str) -> FakeComment:
        with self._lock:
            return self._state.comments[comment_id]

    def set_status(self, comment_id: str, status: str) -> None:
        with self._lock:
            self._state.comments[comment_id].status = status

    @property
    def replies_posted(self) -> list[FakeComment]:
        """Replies the channel itself posted through comments.insert, oldest first."""
        with self._lock:
            return [
                c
                for c in self._state.comments.values()
                if c.parent_id and c.author_channel_id == self.channel_id and c.id.endswith("-posted")
            ]

    def revoke(self) -> None:
        """The person removed the app's access: refresh fails with invalid_grant, tokens stop working."""
        with self._lock:
            self.refresh_revoked = True
            self._tokens.clear()

    def expire_tokens(self) -> None:
        """Access tokens stop working (401); a refresh gets a new one."""
        with self._lock:
            self._tokens.clear()

    def clear_faults(self) -> None:
        """Forget every fault still waiting: the next requests succeed."""
        with self._lock:
            self._faults.clear()

    def fail_next(
        self,
        path: str,
        status: int = 500,
        *,
        reason: str | None = None,
        kind: str = "status",
        times: int = 1,
        after_save: bool = False,
        method: str | None = None,
        query: dict[str, str] | None = None,
        delay: float = 3.0,
        body: Any = None,
    ) -> None:
        """Make the next `times` requests whose path contains `path` (and whose query has `query`) fail."""
        assert kind in {"status", "malformed", "html", "timeout", "reset"}, kind
        with self._lock:
            self._faults.append(
                Fault(
                    path,
                    status,
                    reason or DEFAULT_REASONS.get(status),
                    kind,
                    times,
                    after_save,
                    method,
                    dict(query or {}),
                    delay,
                    body,
                )
            )

    def calls(self, operation: str) -> list[Request]:
        """Requests that reached an API operation, e.g. `calls("comments.insert")`."""
        with self._lock:
            return [r for r in self.requests if ROUTES.get((r.method, r.path)) == operation]

    # -- request handling (server threads) -------------------------------------------------------

    def _take_fault(self, method: str, path: str, query: dict[str, list[str]]) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.path not in path or (fault.method and fault.method != method):
                    continue
                if any(query.get(k, [None])[0] != v for k, v in fault.query.items()):
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _threads(self, status: str, channel: str | None, video: str | None) -> list[FakeComment]:
        tops = [
            c
            for c in self._state.comments.values()
            if c.parent_id is None and c.status == status and (video is None or c.video_id == video)
        ]
        order = {c.id: i for i, c in enumerate(self._state.comments.values())}
        return sorted(tops, key=lambda c: (c.published_at, order[c.id]), reverse=True)

    def _replies(self, parent_id: str) -> list[FakeComment]:
        return self._replies_by_parent().get(parent_id, [])

    def _replies_by_parent(self) -> dict[str, list[FakeComment]]:
        """Published replies per thread, oldest first: one pass over the comments per request
        (a page of 100 threads must not scan a big channel 100 times)."""
        found: dict[str, list[FakeComment]] = {}
        for comment in self._state.comments.values():
            if comment.parent_id is not None and comment.status == "published":
                found.setdefault(comment.parent_id, []).append(comment)
        for replies in found.values():
            replies.sort(key=lambda c: c.published_at)
        return found

    def comment_resource(self, comment: FakeComment, text_format: str) -> dict[str, Any]:
        text = comment.text
        display = text if text_format == "plainText" else html.escape(text).replace("\n", "<br>")
        snippet: dict[str, Any] = {
            "channelId": self.channel_id,
            "textDisplay": display,
            "textOriginal": text,
            "authorDisplayName": comment.author or "",
            "authorProfileImageUrl": "https://yt3.ggpht.example/a.jpg",
            "canRate": True,
            "viewerRating": "none",
            "likeCount": 0,
            "publishedAt": comment.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "updatedAt": comment.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if comment.author_channel_id:
            snippet["authorChannelId"] = {"value": comment.author_channel_id}
            snippet["authorChannelUrl"] = f"http://www.youtube.com/channel/{comment.author_channel_id}"
        if comment.parent_id:
            snippet["parentId"] = comment.parent_id
        else:
            snippet["videoId"] = comment.video_id
        if comment.status != "published":
            snippet["moderationStatus"] = comment.status
        return {"kind": "youtube#comment", "etag": f"etag-{comment.id}", "id": comment.id, "snippet": snippet}

    def thread_resource(
        self,
        top: FakeComment,
        parts: set[str],
        text_format: str,
        replies_by_parent: dict[str, list[FakeComment]] | None = None,
    ) -> dict[str, Any]:
        replies = (replies_by_parent if replies_by_parent is not None else self._replies_by_parent()).get(
            top.id, []
        )
        resource: dict[str, Any] = {
            "kind": "youtube#commentThread",
            "etag": f"etag-t-{top.id}",
            "id": top.id,
            "snippet": {
                "channelId": self.channel_id,
                "videoId": top.video_id,
                "topLevelComment": self.comment_resource(top, text_format),
                "canReply": True,
                "totalReplyCount": len(replies),
                "isPublic": True,
            },
        }
        if "replies" in parts and replies:
            resource["replies"] = {
                "comments": [self.comment_resource(c, text_format) for c in replies[: self.replies_in_thread]]
            }
        return resource


def _page(items: list[Any], request: Request, default_size: int = 20) -> tuple[list[Any], str | None]:
    size = int(request.param("maxResults") or default_size)
    if not 1 <= size <= 100:
        raise _ApiError(400, "invalidParameter", "maxResults must be between 1 and 100")
    token = request.param("pageToken")
    start = 0
    if token:
        try:
            start = int(base64.urlsafe_b64decode(token.encode()).decode().removeprefix("offset:"))
        except ValueError:
            raise _ApiError(400, "invalidPageToken", "The pageToken parameter is invalid.") from None
    end = start + size
    next_token = base64.urlsafe_b64encode(f"offset:{end}".encode()).decode() if end < len(items) else None
    return items[start:end], next_token


class _ApiError(Exception):
    def __init__(self, status: int, reason: str, message: str, domain: str = "youtube.api") -> None:
        super().__init__(message)
        self.status, self.reason, self.message, self.domain = status, reason, message, domain

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.status,
                "message": self.message,
                "errors": [{"message": self.message, "domain": self.domain, "reason": self.reason}],
            }
        }


def _error_for(status: int, reason: str | None) -> _ApiError:
    if reason == "quotaExceeded":
        return _ApiError(403, "quotaExceeded", QUOTA_MESSAGE, "youtube.quota")
    if reason == "commentsDisabled":
        return _ApiError(
            403,
            "commentsDisabled",
            "The video identified by the videoId parameter has disabled comments.",
            "youtube.commentThread",
        )
    if status == 401:
        return _ApiError(
            401, reason or "authError", "Request had invalid authentication credentials.", "global"
        )
    return _ApiError(status, reason or "backendError", f"Fake failure {status}", "global")


def _handler(fake: FakeYouTube) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakeYouTube/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            pass

        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        # -- plumbing --
        def _send(self, status: int, body: bytes = b"", content_type: str = "application/json") -> None:
            self.send_response(status)
            if status != 204:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if status != 204:
                self.wfile.write(body)
            self.close_connection = True

        def _json(self, status: int, data: Any) -> None:
            self._send(status, json.dumps(data).encode())

        def _read_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _dispatch(self, method: str) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            body = self._read_body()
            if url.path.endswith("/token") and method == "POST":
                self._token(body)
            elif url.path.endswith("/auth") and method == "GET":
                self._authorize(query)
            elif API in url.path:
                self._api(method, url.path.split(API, 1)[1], query, body)
            else:
                self._send(404, b"<html><body>Not Found</body></html>", "text/html")

        # -- OAuth --
        def _token(self, body: bytes) -> None:
            form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                form.setdefault("client_id", urllib.parse.unquote(client_id))
                form.setdefault("client_secret", urllib.parse.unquote(secret))
            with fake._lock:
                fake.token_requests += 1
                fault = fake._take_fault("POST", "/token", {})
                if fault is not None:
                    return self._fault_response(fault)
                if form.get("client_id") != fake.client_id or form.get("client_secret") != fake.client_secret:
                    return self._json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
                grant = form.get("grant_type")
                extra: dict[str, Any] = {}
                if grant == "refresh_token":
                    if form.get("refresh_token") != fake.refresh_token or fake.refresh_revoked:
                        return self._json(
                            400,
                            {
                                "error": "invalid_grant",
                                "error_description": "Token has been expired or revoked.",
                            },
                        )
                elif grant == "authorization_code":
                    if fake.auth_codes.pop(form.get("code", ""), None) is None:
                        return self._json(400, {"error": "invalid_grant", "error_description": "Bad Request"})
                    fake.refresh_revoked = False
                    extra = {
                        "refresh_token": fake.refresh_token,
                        "scope": "https://www.googleapis.com/auth/youtube.force-ssl",
                    }
                else:
                    return self._json(400, {"error": "unsupported_grant_type"})
                token = f"ya29.fake-{next(fake._ids)}"
                fake._tokens.add(token)
            self._json(200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer", **extra})

        def _authorize(self, query: dict[str, list[str]]) -> None:
            """Google's consent page, already agreed: redirect back with a code."""
            redirect = query.get("redirect_uri", [""])[0]
            code = f"4/fake-code-{next(fake._ids)}"
            with fake._lock:
                fake.auth_codes[code] = redirect
            target = (
                redirect
                + ("&" if "?" in redirect else "?")
                + urllib.parse.urlencode(
                    {
                        "code": code,
                        "state": query.get("state", [""])[0],
                        "scope": "https://www.googleapis.com/auth/youtube.force-ssl",
                    }
                )
            )
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.close_connection = True

        # -- the API --
        def _api(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> None:
            request = Request(method, path, query)
            with fake._lock:
                fake.requests.append(request)
            operation = ROUTES.get((method, path))
            try:
                if operation is None:
                    raise _ApiError(404, "notFound", f"Method not found: {method} {path}")
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                with fake._lock:
                    if token not in fake._tokens:
                        raise _error_for(401, None)
                    cost = COSTS[operation]
                    if fake.quota_used + cost > fake.quota_limit:
                        raise _error_for(403, "quotaExceeded")
                    fake.quota_used += cost
                fault = fake._take_fault(method, "/" + path, query)
                if fault is not None and not fault.after_save:
                    request.status = fault.status
                    return self._fault_response(fault)
                with fake._lock:
                    status, data = getattr(self, "_" + operation.replace(".", "_"))(request, body)
                if fault is not None:
                    request.status = fault.status
                    return self._fault_response(fault)
            except _ApiError as error:
                request.status = error.status
                return self._json(error.status, error.body())
            request.status = status
            if status == 204:
                self._send(204)
            else:
                self._json(status, data)

        def _fault_response(self, fault: Fault) -> None:
            if fault.kind == "timeout":
                fake._stopping.wait(fault.delay)
                self._json(500, _error_for(500, "backendError").body())
            elif fault.kind == "reset":  # the client sees the connection end with no answer
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif fault.kind == "malformed":
                self._send(200, b'{"kind": "youtube#commentThreadListResponse", "items": [{"id": ')
            elif fault.kind == "html":
                self._send(200, b"<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>", "text/html")
            elif fault.body is not None:
                self._json(fault.status, fault.body)
            else:
                self._json(fault.status, _error_for(fault.status, fault.reason).body())

        # -- operations (called with fake._lock held); each returns (status, body) --
        def _commentThreads_list(self, request: Request, body: bytes) -> tuple[int, Any]:
            channel = request.param("allThreadsRelatedToChannelId")
            video = request.param("videoId")
            if channel is None and video is None:
                raise _ApiError(400, "missingRequiredParameter", "No filter selected.")
            if channel is not None and channel != fake.channel_id:
                raise _ApiError(404, "channelNotFound", "The channel could not be found.")
            status = (
                request.param("moderationStatus") if fake.honours_moderation_status else None
            ) or "published"
            if status != "published" and not fake.viewer_is_owner:
                raise _ApiError(403, "forbidden", "The request is not properly authorized.")
            parts = set((request.param("part") or "").split(","))
            text_format = request.param("textFormat") or "html"
            page, token = _page(fake._threads(status, channel, video), request)
            replies = fake._replies_by_parent()
            data: dict[str, Any] = {
                "kind": "youtube#commentThreadListResponse",
                "pageInfo": {"totalResults": len(page), "resultsPerPage": len(page)},
                "items": [fake.thread_resource(t, parts, text_format, replies) for t in page],
            }
            if token:
                data["nextPageToken"] = token
            return 200, data

        def _comments_list(self, request: Request, body: bytes) -> tuple[int, Any]:
            text_format = request.param("textFormat") or "html"
            parent = request.param("parentId")
            if parent is not None:
                if parent not in fake._state.comments:
                    raise _ApiError(404, "commentNotFound", "The comment could not be found.")
                found = fake._replies(parent)
            else:
                ids = [i for v in request.query.get("id", []) for i in v.split(",") if i]
                found = [fake._state.comments[i] for i in ids if i in fake._state.comments]
            page, token = _page(found, request)
            data: dict[str, Any] = {
                "kind": "youtube#commentListResponse",
                "items": [fake.comment_resource(c, text_format) for c in page],
            }
            if token:
                data["nextPageToken"] = token
            return 200, data

        def _comments_insert(self, request: Request, body: bytes) -> tuple[int, Any]:
            try:
                snippet = json.loads(body)["snippet"]
                parent_id, text = snippet["parentId"], snippet["textOriginal"]
            except (ValueError, KeyError, TypeError):
                raise _ApiError(400, "parseError", "Parse Error") from None
            parent = fake._state.comments.get(parent_id)
            if parent is None or parent.status == "rejected":
                raise _ApiError(404, "parentCommentNotFound", "The parent comment could not be found.")
            if parent.parent_id is not None:
                raise _ApiError(400, "operationNotSupported", "Replies to replies are not supported.")
            if fake._state.videos[parent.video_id].comments_disabled:
                raise _error_for(403, "commentsDisabled")
            if not text.strip():
                raise _ApiError(400, "commentTextRequired", "The comment text is required.")
            reply_id = f"{parent_id}.{fake._next_id('r')}-posted"
            reply = FakeComment(
                reply_id,
                parent.video_id,
                text,
                fake.owner_name,
                fake.channel_id,
                max(fake._tick(), datetime.now(UTC).replace(microsecond=0)),  # YouTube stamps real time
                "published",
                parent_id=parent_id,
            )
            fake._state.comments[reply_id] = reply
            return 200, fake.comment_resource(reply, "html")

        def _comments_setModerationStatus(self, request: Request, body: bytes) -> tuple[int, Any]:
            status = request.param("moderationStatus")
            if status not in {"published", "heldForReview", "rejected"}:
                raise _ApiError(400, "invalidModerationStatus", "The moderation status is invalid.")
            ids = [i for v in request.query.get("id", []) for i in v.split(",") if i]
            if not ids or any(i not in fake._state.comments for i in ids):
                raise _ApiError(404, "commentNotFound", "The comment could not be found.")
            for comment_id in ids:
                fake._state.comments[comment_id].status = status
                fake.moderation_log.append((comment_id, status))
            return 204, None

        def _videos_list(self, request: Request, body: bytes) -> tuple[int, Any]:
            ids = [i for v in request.query.get("id", []) for i in v.split(",") if i]
            if len(ids) > 50:
                raise _ApiError(400, "invalidParameter", "Too many video ids.")
            items = [
                {
                    "kind": "youtube#video",
                    "id": v.id,
                    "snippet": {"title": v.title, "channelId": fake.channel_id},
                }
                for i in ids
                if (v := fake._state.videos.get(i)) is not None
            ]
            return 200, {"kind": "youtube#videoListResponse", "items": items}

    return Handler


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    """A running fake YouTube on 127.0.0.1; state and faults are set per test."""
    with FakeYouTube() as server:
        yield server
