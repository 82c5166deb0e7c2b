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
    held_statuses=("heldForReview", "likelySpam"),
    streams_pages=True,
    report_steps=(
        "Open the comment on YouTube.",
        "Use the comment's ⋮ (More) menu, choose Report, and pick the reason about suicide or "
        "self-harm.",
        "YouTube may show the person its own crisis support. Reporting is anonymous, modbot does "
        "not do it for you, and it does not replace a reply or your protocol.",
    ),
)

REDDIT = Capabilities(
    display_name="Reddit",
    spend_unit="requests",
    # A moderator (or the post's author) can remove a comment; a private message cannot be.
    moderation=dict.fromkeys(_THREAD_KINDS, ("remove",)),
    handle_prefixes=("/u/", "u/"),
    report_steps=(
        "Open the post, comment or message on Reddit.",
        "Use Report and choose the reason that someone is considering suicide or self-harm.",
        "Reddit then sends the person a private message with support resources (Reddit Cares); "
        "it is anonymous and does not replace a reply or your protocol.",
    ),
)

FILE = Capabilities(
    display_name="Imported file",
    spend_unit="requests",
    # A file import stands in for any platform in tests and demos.
    moderation=dict.fromkeys(_THREAD_KINDS, ("hold", "reject", "publish", "remove")),
    held_statuses=("heldForReview", "likelySpam"),
)

CAPABILITIES = {"youtube": YOUTUBE, "reddit": REDDIT, "file": FILE}
