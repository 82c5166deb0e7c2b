"""YouTube comments through the Data API v3: incremental polls, replies, moderation.

A poll reads up to three comment-thread listings of the channel, each a *source* with its own
cursor: `held` (heldForReview: YouTube holds some comments with self-harm language there, so it is
read first), `threads` (published) and `spam` (likelySpam). `held` and `spam` need the channel
owner's OAuth and are skipped when `moderation_queues = false`. A fourth source, `videos`, caches
video titles so a quiet poll does not fetch them again.

A listing cursor is JSON: `since` (the newest top-level publishedAt seen) and `replies` (thread id
-> totalReplyCount as last seen, for the most recent threads). Listings come newest first; a poll
always reads the first page (1 unit) and stops paging once a page reaches past `since` minus a
small overlap. Threads it has not seen are new; a known thread whose reply count changed has new
replies, taken from the thread resource when it carries all of them, else from comments.list.
So a quiet poll costs exactly one unit per listing. Replies are tracked on the pages a poll reads
(at least the newest 100 threads of each listing); replies to older threads are not seen.

Quota: `Budget.spend` is called before every request (see `quota_cost`). Nothing is retried here:
a failed poll is retried by the next poll, and a post is never re-sent blindly (`find_reply`
reconciles an unclear outcome first). SDK exceptions are translated into `bot.errors` types.
"""

from __future__ import annotations

import http.client
import json
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import google_auth_httplib2
from google.auth.exceptions import RefreshError, TransportError
from google.oauth2.credentials import Credentials
from googleapiclient import discovery
from googleapiclient.errors import HttpError

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
from connectors.platforms import YOUTUBE
from connectors.youtube_auth import SCOPES, validate_credentials
from connectors.youtube_http import DEFAULT_TIMEOUT, OneShotHttp, RequestNotSent

logger = logging.getLogger(__name__)

# (cursor source, moderationStatus), the held queue first: it matters most when quota runs short.
LISTINGS: tuple[tuple[str, str], ...] = (
    ("held", "heldForReview"),
    ("threads", "published"),
    ("spam", "likelySpam"),
)
_SOURCE_OF = {status: source for source, status in LISTINGS}
QUARANTINED = -1  # a listing cursor's reply count for a thread that was recorded unreadable
VIDEOS_SOURCE = "videos"
PAGE_SIZE = 100
TITLES_PER_REQUEST = 50
OVERLAP = timedelta(minutes=5)  # YouTube can list a comment a little after its timestamp
TRACKED_THREADS = 2000  # reply counts kept per listing
CACHED_TITLES = 500

MODERATION_STATUS = {
    "hold": "heldForReview",
    "reject": "rejected",
    "remove": "rejected",
    "publish": "published",
}

PACIFIC = ZoneInfo("America/Los_Angeles")
_QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"}
_RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
_GONE_REASONS = {
    "commentsDisabled",
    "videoNotFound",
    "commentNotFound",
    "parentCommentNotFound",
    "commentThreadNotFound",
    "channelNotFound",
    "parentCommentIsPrivate",
    "processingFailure",
}
_RECONNECT_GRANT_ERRORS = {
    "invalid_grant",
    "invalid_client",
    "unauthorized_client",
    "invalid_scope",
    "access_denied",
    "deleted_client",
}


def quota_cost(action: str) -> int:
    """YouTube quota units for one request: `list` and `find_reply` (per page) 1, `reply` and
    `moderate` 50. Pass a Budget to post_reply/find_reply/moderate, or record these yourself."""
    try:
        return YOUTUBE.costs[action]
    except KeyError:
        raise ValueError(f"unknown YouTube action {action!r}") from None


def next_quota_reset(now: datetime | None = None) -> datetime:
    """The next midnight in Pacific time (when YouTube quota resets), as aware UTC."""
    local = (now or datetime.now(UTC)).astimezone(PACIFIC)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=PACIFIC).astimezone(UTC)


def build(
    account: AccountConfig, credentials: Mapping[str, Any] | None, *, timeout: float = DEFAULT_TIMEOUT
) -> YouTubeConnector:
    """The connector for one `[[accounts]]` entry and the contents of `secrets/<name>.json`."""
    if account.platform != "youtube":
        raise ConfigError(f"account {account.name!r} is a {account.platform} account, not youtube")
    if not account.channel_id:
        raise ConfigError(f"account {account.name!r} needs channel_id")
    if credentials is None:
        raise ReconnectRequired(
            f"{account.name}: not connected; run `modbot connect {account.name}`", account=account.name
        )
    try:
        info = validate_credentials(credentials)
    except ConfigError as exc:
        raise ReconnectRequired(
            f"{account.name}: {exc}; run `modbot connect {account.name}`", account=account.name
        ) from None
    # Not Credentials.from_authorized_user_info: since google-auth 2.4x it replaces token_uri with
    # Google's, and the secrets file's token_uri is part of modbot's documented contract.
    creds = Credentials(  # type: ignore[no-untyped-call]
        token=None,
        refresh_token=info["refresh_token"],
        token_uri=info["token_uri"],
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        scopes=SCOPES,
    )
    return YouTubeConnector(account, creds, OneShotHttp(timeout))


class Forbidden(ConnectorError):
    """HTTP 403 `forbidden`: this Google account may not do that on this channel."""


@dataclass
class ListingCursor:
    since: datetime | None = None
    replies: dict[str, int] = field(default_factory=dict)
    read_at: datetime | None = None  # when this listing was last read (for its cadence)

    @classmethod
    def parse(cls, raw: str | None, source: str) -> ListingCursor:
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            since = _timestamp(data.get("since"))
            replies = {str(k): int(v) for k, v in dict(data.get("replies") or {}).items()}
            read_at = _timestamp(data.get("read_at"))
        except (ValueError, TypeError, AttributeError):
            logger.warning("unreadable YouTube %s cursor; reading that listing from the start", source)
            return cls()
        return cls(since, replies, read_at)

    def dump(self) -> str:
        data: dict[str, Any] = {"since": _iso(self.since), "replies": self.replies}
        if self.read_at:
            data["read_at"] = _iso(self.read_at)
        return json.dumps(data, separators=(",", ":"))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


class _Found:
    """Items in the order found, each id once (the first listing that saw it wins), except that
    a comment the published listing also returns is published: YouTube never lists held or spam
    comments there, so a server that ignored `moderationStatus` must not make everything held."""

    def __init__(self, own_channel: str, seen: OnPage | None = None) -> None:
        self.items: dict[str, InboundItem] = {}
        self.unreadable: list[Quarantined] = []  # threads skipped: no id, no snippet, bad fields
        # The channel's own comments and replies (modbot's posted replies among them) are not
        # inbound: queued, they would be triaged, and a posted crisis reply would raise an alert.
        self.own_channel = own_channel
        self._seen = seen
        self._fresh: list[InboundItem] = []  # found since the last page_read()

    def add(self, item: InboundItem) -> None:
        if self.own_channel and item.author_id == self.own_channel:
            return
        seen = self.items.setdefault(item.external_id, item)
        if seen is item:
            self._fresh.append(item)
        elif item.moderation_status == "published" and seen.moderation_status != "published":
            self.items[item.external_id] = replace(seen, moderation_status="published")

    def page_read(self) -> None:
        """Hand the items first found on this page to `seen`."""
        if self._seen is not None and self._fresh:
            self._seen(self._fresh)
        self._fresh = []

    def extend(self, items: Iterable[InboundItem]) -> None:
        for item in items:
            self.add(item)


class YouTubeConnector:
    platform = "youtube"
    capabilities = YOUTUBE

    def __init__(self, account: AccountConfig, credentials: Credentials, transport: OneShotHttp) -> None:
        self.account = account
        self.channel_id: str = account.channel_id or ""
        self.units_spent = 0  # every unit this object spent, polls and posts alike
        self._credentials = credentials
        self._transport = transport
        endpoint = account.api_endpoint if account.api_endpoint.endswith("/") else account.api_endpoint + "/"
        self._api: Any = discovery.build(
            "youtube",
            "v3",
            http=google_auth_httplib2.AuthorizedHttp(credentials, http=transport),
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": endpoint},
        )

    # -- polling -------------------------------------------------------------------------------

    def poll(self, cursors: Mapping[str, str], budget: Budget, *, seen: OnPage | None = None) -> PollResult:
        result = PollResult()
        found = _Found(self.channel_id, seen)
        try:
            self._ensure_token()  # a revoked token then costs no quota
        except ConnectorError as exc:
            result.error = exc
            return result
        now = datetime.now(UTC)
        for source, status in self._listings():
            try:
                cursor = ListingCursor.parse(cursors.get(source), source)
                if not self._due(source, cursor, now):
                    continue  # its cursor stays as it was
                read = self._read_listing(status, cursor, budget, found)
                read.read_at = now
                result.cursors[source] = read.dump()
            except Forbidden as exc:
                if status == "published":
                    result.error = result.error or exc
                elif not result.notices:
                    result.notices.append(
                        Notice(
                            "moderation_queues_unavailable",
                            "held-for-review and likely-spam comments cannot be read: the connected Google "
                            f"account does not manage channel {self.channel_id}; connect as the channel "
                            "owner",
                        )
                    )
            except (QuotaExceeded, ReconnectRequired, RateLimited) as exc:
                result.error = exc
                break
            except ConnectorError as exc:  # this listing failed; the others may still work
                result.error = result.error or exc
        titles = _TitleCache.parse(cursors.get(VIDEOS_SOURCE))
        wanted = [item.context_id for item in found.items.values() if item.context_id]
        if not isinstance(result.error, QuotaExceeded | ReconnectRequired | RateLimited):
            try:
                self._fetch_titles(wanted, titles, budget)
                result.cursors[VIDEOS_SOURCE] = titles.dump(wanted)
            except ConnectorError as exc:
                result.error = result.error or exc
        result.items = [
            replace(item, context_title=titles.get(item.context_id)) for item in found.items.values()
        ]
        if found.unreadable:
            count = len(found.unreadable)
            logger.warning("youtube %s: skipped %d unreadable threads", self.account.name, count)
            listed = "; ".join(
                f"{q.source} {q.external_id or '(no id)'}: {q.reason}" for q in found.unreadable[:5]
            )
            message = f"skipped {count} comment threads that YouTube sent incomplete ({listed})"
            result.notices.append(Notice("unreadable_items", message))
            result.quarantined.extend(found.unreadable)
        logger.info(
            "youtube %s: %d items, %d units, error=%s",
            self.account.name,
            len(result.items),
            budget.spent,
            type(result.error).__name__ if result.error else None,
        )
        return result

    def _due(self, source: str, cursor: ListingCursor, now: datetime) -> bool:
        """Held comments (where YouTube puts risky ones) and published ones are read on every
        poll; the likely-spam listing every `spam_every`."""
        if source != "spam" or cursor.read_at is None:
            return True
        return now - cursor.read_at >= self.account.spam_every

    def _listings(self) -> tuple[tuple[str, str], ...]:
        if self.account.moderation_queues:
            return LISTINGS
        return tuple(entry for entry in LISTINGS if entry[1] == "published")

    def _read_listing(
        self, status: str, cursor: ListingCursor, budget: Budget, found: _Found
    ) -> ListingCursor:
        counts: dict[str, int] = {}
        newest = cursor.since
        stop_before = cursor.since - OVERLAP if cursor.since else None
        page_token: str | None = None
        pages = 0
        while True:
            params: dict[str, Any] = {
                "part": "snippet,replies",
                "allThreadsRelatedToChannelId": self.channel_id,
                "order": "time",
                "maxResults": PAGE_SIZE,
                "textFormat": "plainText",
            }
            if status != "published":
                params["moderationStatus"] = status
            if page_token:
                params["pageToken"] = page_token
            page = self._call(self._api.commentThreads().list(**params), budget, "list", f"{status} comments")
            pages += 1
            threads = _resources(page)
            oldest: datetime | None = None
            for thread in threads:
                try:
                    top, included, total = self._parse_thread(thread, status)
                except (MalformedResponse, TypeError, ValueError, AttributeError, KeyError) as exc:
                    # One odd thread must not block the listing for good.
                    thread_id = _optional_str(thread.get("id")) or None
                    if thread_id is None or cursor.replies.get(thread_id) != QUARANTINED:
                        size = len(json.dumps(thread, default=str).encode())
                        reason = (str(exc).removeprefix(f"{self.account.name}: ")
                                  if isinstance(exc, MalformedResponse)
                                  else f"unreadable fields ({exc.__class__.__name__})")  # no content
                        found.unreadable.append(Quarantined(_SOURCE_OF[status], thread_id, reason, size))
                    if thread_id is not None:
                        counts[thread_id] = QUARANTINED  # recorded once: not again on the next poll
                    continue
                known = cursor.replies.get(top.external_id)
                if known == QUARANTINED:  # readable now: deliver it as new
                    known = None
                if known is None:
                    found.add(top)
                if total and known != total:
                    complete = len(included) >= total
                    found.extend(included if complete else self._fetch_replies(top, status, budget))
                counts[top.external_id] = total
                if top.published_at:
                    newest = max(newest, top.published_at) if newest else top.published_at
                    oldest = min(oldest, top.published_at) if oldest else top.published_at
            found.page_read()
            page_token = page.get("nextPageToken")
            if not threads or not isinstance(page_token, str) or not page_token:
                break
            if stop_before is not None and oldest is not None and oldest < stop_before:
                break
        logger.debug("youtube %s: %s listing, %d pages", self.account.name, status, pages)
        for thread_id, total in cursor.replies.items():
            if len(counts) >= TRACKED_THREADS:
                break
            counts.setdefault(thread_id, total)
        return ListingCursor(newest, counts)

    def _fetch_replies(self, top: InboundItem, status: str, budget: Budget) -> list[InboundItem]:
        replies: list[InboundItem] = []
        page_token: str | None = None
        while True:
            params: dict[str, Any] = {
                "part": "snippet",
                "parentId": top.external_id,
                "maxResults": PAGE_SIZE,
                "textFormat": "plainText",
            }
            if page_token:
                params["pageToken"] = page_token
            page = self._call(self._api.comments().list(**params), budget, "list", "replies")
            for comment in _resources(page):
                replies.append(
                    self._comment_item(
                        comment,
                        kind="reply",
                        thread_id=top.external_id,
                        video_id=top.context_id,
                        status=status,
                    )
                )
            page_token = page.get("nextPageToken")
            if not isinstance(page_token, str) or not page_token:
                return replies

    def _fetch_titles(self, video_ids: list[str], titles: _TitleCache, budget: Budget) -> None:
        missing = list(dict.fromkeys(v for v in video_ids if v not in titles.titles))
        for start in range(0, len(missing), TITLES_PER_REQUEST):
            batch = missing[start : start + TITLES_PER_REQUEST]
            page = self._call(
                self._api.videos().list(part="snippet", id=",".join(batch)), budget, "list", "video titles"
            )
            for video in _resources(page):
                snippet = video.get("snippet")
                title = snippet.get("title") if isinstance(snippet, dict) else None
                if isinstance(video.get("id"), str) and isinstance(title, str):
                    titles.titles[video["id"]] = title
            for video_id in batch:  # deleted or private videos: remember, do not ask again
                titles.titles.setdefault(video_id, "")

    # -- converting resources ------------------------------------------------------------------

    def _parse_thread(
        self, thread: dict[str, Any], status: str
    ) -> tuple[InboundItem, list[InboundItem], int]:
        snippet = _mapping(thread, "snippet")
        top = self._comment_item(
            _mapping(snippet, "topLevelComment"),
            kind="comment",
            thread_id=_optional_str(thread.get("id")),
            video_id=_optional_str(snippet.get("videoId")),
            status=status,
        )
        total = snippet.get("totalReplyCount", 0)
        if not isinstance(total, int) or isinstance(total, bool):
            raise MalformedResponse(f"{self.account.name}: YouTube sent a thread without a reply count")
        replies_part = thread.get("replies")
        raw_replies = replies_part.get("comments", []) if isinstance(replies_part, dict) else []
        if not isinstance(raw_replies, list):
            raw_replies = []
        included = [
            self._comment_item(
                c, kind="reply", thread_id=top.external_id, video_id=top.context_id, status=status
            )
            for c in raw_replies
            if isinstance(c, dict)
        ]
        return top, included, total

    def _comment_item(
        self, comment: dict[str, Any], *, kind: str, thread_id: str | None, video_id: str | None, status: str
    ) -> InboundItem:
        comment_id = comment.get("id")
        if not isinstance(comment_id, str) or not comment_id:
            raise MalformedResponse(f"{self.account.name}: YouTube sent a comment without an id")
        snippet = _mapping(comment, "snippet")
        author_channel = snippet.get("authorChannelId")
        author_id = _optional_str(author_channel.get("value")) if isinstance(author_channel, dict) else None
        video = _optional_str(snippet.get("videoId")) or video_id
        text = _optional_str(snippet.get("textOriginal")) or _optional_str(snippet.get("textDisplay")) or ""
        parent = (_optional_str(snippet.get("parentId")) or thread_id) if kind == "reply" else None
        return InboundItem(
            platform="youtube",
            account=self.account.name,
            kind=kind,
            external_id=comment_id,
            text=text,
            author=_optional_str(snippet.get("authorDisplayName")) or None,
            author_id=author_id or None,
            published_at=_timestamp(snippet.get("publishedAt")),
            parent_id=parent,
            thread_id=(parent if kind == "reply" else thread_id) or comment_id,
            context_id=video,
            permalink=f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else None,
            moderation_status=_optional_str(snippet.get("moderationStatus")) or status,
        )

    # -- acting ----------------------------------------------------------------------------------

    def post_reply(self, item: InboundItem, text: str, *, budget: Budget | None = None) -> str:
        """Post `text` under `item`'s thread, sent once. Costs 50 units.

        PostOutcomeUnknown: the request may have been saved (timeout, reset, 5xx, unreadable
        answer); call `find_reply` before sending again.
        """
        self._ensure_token()
        body = {"snippet": {"parentId": _thread_of(item), "textOriginal": text}}
        request = self._api.comments().insert(part="snippet", body=body)
        response = self._call(request, budget, "reply", "reply", posting=True)
        reply_id = response.get("id")
        if not isinstance(reply_id, str) or not reply_id:
            raise PostOutcomeUnknown(
                f"{self.account.name}: YouTube answered the reply without an id; check before re-sending",
                account=self.account.name,
            )
        logger.info("youtube %s: posted reply %s under %s", self.account.name, reply_id, _thread_of(item))
        return reply_id

    def reply_target(self, item: InboundItem) -> str:
        """The top-level comment a reply to `item` goes under (the outbox compares rows by it)."""
        return _thread_of(item)

    def find_reply(
        self, item: InboundItem, text: str, *, budget: Budget | None = None, since: datetime | None = None
    ) -> str | None:
        """The channel's reply under `item`'s thread with this text, when there is exactly one."""
        found = self.find_replies(item, text, budget=budget, since=since)
        return found[0] if len(found) == 1 else None

    def find_replies(
        self, item: InboundItem, text: str, *, budget: Budget | None = None, since: datetime | None = None
    ) -> list[str]:
        """Every reply by this channel under `item`'s thread with the same text (whitespace and
        Unicode normalised) published at or after `since` (whole seconds). Reads every page of the
        thread's replies: 1 unit a page."""
        wanted = _normalised(text)
        floor = since.replace(microsecond=0) - timedelta(seconds=1) if since is not None else None
        found: list[str] = []
        page_token: str | None = None
        while True:
            params: dict[str, Any] = {
                "part": "snippet",
                "parentId": _thread_of(item),
                "maxResults": PAGE_SIZE,
                "textFormat": "plainText",
            }
            if page_token:
                params["pageToken"] = page_token
            page = self._call(self._api.comments().list(**params), budget, "find_reply", "reply lookup")
            for comment in _resources(page):
                snippet = comment.get("snippet")
                if not isinstance(snippet, dict):
                    continue
                author = snippet.get("authorChannelId")
                author_id = author.get("value") if isinstance(author, dict) else None
                body = _optional_str(snippet.get("textOriginal")) or _optional_str(snippet.get("textDisplay"))
                if author_id != self.channel_id or body is None or _normalised(body) != wanted:
                    continue
                published = _timestamp(snippet.get("publishedAt"))
                if floor is not None and published is not None and published < floor:
                    continue  # made before this attempt: another approval's reply, or a person's
                reply_id = comment.get("id")
                if isinstance(reply_id, str) and reply_id not in found:
                    found.append(reply_id)
            page_token = page.get("nextPageToken")
            if not isinstance(page_token, str) or not page_token:
                return found

    def moderate(self, item: InboundItem, action: str, *, budget: Budget | None = None) -> None:
        """`hold`, `reject` (also `remove`) or `publish` one comment. Costs 50 units; safe to repeat."""
        status = MODERATION_STATUS.get(action)
        if status is None:
            raise ConnectorError(
                f"YouTube has no moderation action {action!r} (use {', '.join(MODERATION_STATUS)})",
                account=self.account.name,
            )
        request = self._api.comments().setModerationStatus(id=item.external_id, moderationStatus=status)
        self._call(request, budget, "moderate", f"moderation ({action})")
        logger.info("youtube %s: %s comment %s", self.account.name, status, item.external_id)

    # -- calling the API -------------------------------------------------------------------------

    def _spend(self, budget: Budget, units: int) -> None:
        try:
            budget.spend(units)
        except QuotaExceeded as exc:
            raise QuotaExceeded(
                str(exc), account=self.account.name, resume_at=exc.resume_at or next_quota_reset()
            ) from None

    def _call(
        self, request: Any, budget: Budget | None, action: str, what: str, *, posting: bool = False
    ) -> dict[str, Any]:
        units = quota_cost(action)
        if budget is not None:
            self._spend(budget, units)
        self.units_spent += units
        try:
            response = request.execute(num_retries=0)
        except Exception as exc:
            translated = self._translate(exc, what, posting=posting)
            if translated is None:
                raise
            raise translated from exc
        if response is None or response == "":
            return {}  # 204 No Content (setModerationStatus)
        if not isinstance(response, dict):
            cls = PostOutcomeUnknown if posting else MalformedResponse
            raise cls(f"{self.account.name}: YouTube {what}: unexpected response", account=self.account.name)
        return response

    def _ensure_token(self) -> None:
        """Refresh before a post, so a token failure is never mistaken for an unclear post."""
        if self._credentials.valid:
            return
        try:
            self._credentials.refresh(google_auth_httplib2.Request(self._transport))  # type: ignore[no-untyped-call]
        except Exception as exc:
            translated = self._translate(exc, "token refresh", posting=False)
            if translated is None:
                raise
            raise translated from exc

    def _translate(self, exc: Exception, what: str, *, posting: bool) -> ConnectorError | None:
        name = self.account.name
        if isinstance(exc, HttpError):
            return self._http_error(exc, what, posting=posting)
        if isinstance(exc, RefreshError):
            code = _grant_error(exc)
            if code in _RECONNECT_GRANT_ERRORS or "necessary fields" in str(exc):
                return ReconnectRequired(
                    f"{name}: Google refused the stored authorization ({code or 'refresh failed'}); "
                    f"run `modbot connect {name}`",
                    account=name,
                )
            return PlatformUnavailable(f"{name}: Google token refresh failed; will retry", account=name)
        if isinstance(exc, TransportError | RequestNotSent):
            return PlatformUnavailable(f"{name}: cannot reach YouTube ({what})", account=name)
        if isinstance(exc, OSError | http.client.HTTPException):
            failure = "timed out" if isinstance(exc, TimeoutError) else "lost its connection"
            if posting:
                return PostOutcomeUnknown(
                    f"{name}: YouTube {what} {failure}; it may have been saved", account=name
                )
            return PlatformUnavailable(f"{name}: YouTube {what} {failure}", account=name)
        if isinstance(exc, ValueError):  # JSON or UTF-8 decoding: an error page, a proxy, a truncation
            if posting:
                return PostOutcomeUnknown(
                    f"{name}: YouTube {what}: unreadable answer; it may have been saved", account=name
                )
            return MalformedResponse(f"{name}: YouTube {what}: unreadable answer (not JSON)", account=name)
        return None

    def _http_error(self, exc: HttpError, what: str, *, posting: bool) -> ConnectorError:
        name = self.account.name
        status = int(exc.resp.status)
        reason = _error_reason(exc.content)
        detail = f"{name}: YouTube {what} failed: HTTP {status}" + (f" {reason}" if reason else "")
        if status == 401 or reason == "insufficientPermissions":
            return ReconnectRequired(
                f"{name}: YouTube rejected the credentials (HTTP {status}); run `modbot connect {name}`",
                account=name,
            )
        if reason in _QUOTA_REASONS:
            resume_at = next_quota_reset()
            return QuotaExceeded(
                f"{name}: YouTube daily quota exhausted; paused until {resume_at:%Y-%m-%d %H:%M} UTC",
                account=name,
                resume_at=resume_at,
            )
        if status == 429 or reason in _RATE_REASONS:
            return RateLimited(detail, account=name, retry_after=_retry_after(exc.resp))
        if status == 404 or reason in _GONE_REASONS:
            return TargetGone(detail, account=name)
        if status == 403 and reason == "forbidden":
            return Forbidden(detail, account=name)
        if status >= 500 or status == 408:
            if posting:
                return PostOutcomeUnknown(detail + "; it may have been saved", account=name)
            return PlatformUnavailable(detail, account=name)
        return ConnectorError(detail, account=name)


@dataclass
class _TitleCache:
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: str | None) -> _TitleCache:
        try:
            data = json.loads(raw) if raw else {}
            return cls({str(k): str(v) for k, v in dict(data).items()})
        except (ValueError, TypeError):
            return cls()

    def get(self, video_id: str | None) -> str | None:
        return (self.titles.get(video_id) or None) if video_id else None

    def dump(self, recent: list[str]) -> str:
        kept = {v: self.titles[v] for v in dict.fromkeys(recent) if v in self.titles}
        for video_id, title in reversed(self.titles.items()):
            if len(kept) >= CACHED_TITLES:
                break
            kept.setdefault(video_id, title)
        return json.dumps(kept, separators=(",", ":"), ensure_ascii=False)


def _thread_of(item: InboundItem) -> str:
    """YouTube replies are one level deep: a reply to a reply goes under the top-level comment."""
    if item.kind == "reply":
        return item.parent_id or item.thread_id or item.external_id
    return item.external_id


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _resources(page: dict[str, Any]) -> list[dict[str, Any]]:
    items = page.get("items", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise MalformedResponse("YouTube sent a listing whose items are not a list of objects")
    return items


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise MalformedResponse(f"YouTube sent a resource without {key!r}")
    return value


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _error_reason(content: Any) -> str | None:
    """errors[0].reason of Google's JSON error body, if the body is one."""
    try:
        data = json.loads(content.decode("utf-8") if isinstance(content, bytes) else content)
        errors = data["error"].get("errors") or []
        reason = errors[0].get("reason") if errors else None
        if not reason and isinstance(data["error"].get("details"), list):  # newer google.rpc shape
            reason = next((d.get("reason") for d in data["error"]["details"] if d.get("reason")), None)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return None
    return reason if isinstance(reason, str) else None


def _retry_after(resp: Mapping[str, Any]) -> float | None:
    try:
        return max(float(resp.get("retry-after", "")), 0.0)
    except (TypeError, ValueError):
        return None


def _grant_error(exc: RefreshError) -> str | None:
    """The OAuth `error` code of a failed refresh, e.g. `invalid_grant`."""
    for arg in exc.args[1:]:
        if isinstance(arg, dict) and isinstance(arg.get("error"), str):
            return str(arg["error"])
    message = str(exc.args[0]) if exc.args else ""
    return next((code for code in _RECONNECT_GRANT_ERRORS if code in message), None)
