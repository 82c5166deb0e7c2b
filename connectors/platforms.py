"""What each platform offers and costs, declared once for the core (which never names a
platform): quota, moderation actions per item kind, how user names are written. Plain data, so
reading it loads no SDK."""

from __future__ import annotations

from bot.domain import Capabilities

_THREAD_KINDS = ("comment", "reply", "mention")

YOUTUBE = Capabilities(
    display_name="YouTube",
    spend_unit="quota units",
    daily_quota=True,
    quota_timezone="America/Los_Angeles",  # YouTube's quota resets at midnight Pacific
    # Data API v3 costs: a list page 1, an insert or moderation call 50.
    costs={"list": 1, "find_reply": 1, "reply": 50, "moderate": 50},
    # Comments are held, rejected (hidden) or published; YouTube has no private messages.
    moderation=dict.fromkeys(_THREAD_KINDS, ("hold", "reject", "publish")),
)

REDDIT = Capabilities(
    display_name="Reddit",
    spend_unit="requests",
    # A moderator (or the post's author) can remove a comment; a private message cannot be.
    moderation=dict.fromkeys(_THREAD_KINDS, ("remove",)),
    handle_prefixes=("/u/", "u/"),
)

FILE = Capabilities(
    display_name="Imported file",
    spend_unit="requests",
    # A file import stands in for any platform in tests and demos.
    moderation=dict.fromkeys(_THREAD_KINDS, ("hold", "reject", "publish", "remove")),
)

CAPABILITIES = {"youtube": YOUTUBE, "reddit": REDDIT, "file": FILE}
