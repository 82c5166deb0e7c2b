"""What the item page tells a reviewer: crisis guidance in the practice's region, suggestions
named for people, and only the moderation actions the platform and the item's kind allow.

Everything here is read from config and the crisis resources data (`responses/data/`); nothing
is fetched from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import connectors
from bot.config import PLATFORMS, Config

# Human names for the reply templates (`<category>.<public|private>.<n>`), shown instead of ids.
TEMPLATE_LABELS: dict[str, str] = {
    "crisis.public.1": "Crisis resources, caring",
    "crisis.public.2": "Crisis resources, free and confidential",
    "crisis.public.3": "Crisis resources, short",
    "crisis.private.1": "Crisis resources by message, caring",
    "crisis.private.2": "Crisis resources by message, glad you reached out",
    "crisis.private.3": "Crisis resources by message, short",
    "client.public.1": "Neutral: comments stay general",
    "client.public.2": "Neutral: privacy, short",
    "client.public.3": "Neutral thanks, nothing personal",
    "client.private.1": "Private boundary: social media kept separate",
    "client.private.2": "Private boundary, short",
    "advice.public.1": "No personal advice, caring",
    "advice.public.2": "No personal advice: see a professional",
    "advice.public.3": "No personal advice, with how to find a therapist",
    "advice.private.1": "No personal advice by message, caring",
    "advice.private.2": "No personal advice by message, short",
    "engagement.public.1": "Thanks for watching or reading",
    "engagement.public.2": "Thanks, short",
    "engagement.public.3": "Thanks for your thoughts",
    "engagement.private.1": "Thanks for your message",
    "engagement.private.2": "Thanks, short",
}
_CATEGORY_WORDS = {"crisis": "Crisis", "client": "Possible client", "advice": "Advice",
                   "engagement": "Thanks"}

# Moderation actions as the reviewer reads them.
MODERATION_LABELS = {
    "hold": "Hold the comment for review",
    "reject": "Reject (hide) the comment",
    "publish": "Publish the held comment",
    "remove": "Remove the comment",
}


def suggestion_label(template: str | None) -> str:
    """'Crisis resources, short' for 'crisis.public.3'; a readable fallback for any other name."""
    if not template:
        return "Your own reply"
    if template in TEMPLATE_LABELS:
        return TEMPLATE_LABELS[template]
    category, _, rest = template.partition(".")
    kind, _, number = rest.partition(".")
    word = _CATEGORY_WORDS.get(category, category.capitalize() or "Reply")
    where = " by message" if kind == "private" else ""
    return f"{word} reply{where}{(' ' + number) if number.isdigit() else ''}"


def moderation_choices(platform: str, kind: str, moderation_status: str | None) -> tuple[str, ...]:
    """The moderation actions worth offering on this item.

    The platform's actions for the item's kind (none for a private message), less those that make
    no sense in its state: publish only a held comment, hold only a published one.
    """
    capabilities = connectors.capabilities(platform)
    allowed = capabilities.moderation_actions(kind)
    held = moderation_status in capabilities.held_statuses
    rejected = moderation_status == "rejected"
    offered: list[str] = []
    for action in allowed:
        if action == "publish" and not held:
            continue
        if action == "hold" and (held or rejected):
            continue
        if action == "reject" and rejected:
            continue
        offered.append(action)
    return tuple(offered)


@dataclass(frozen=True)
class PlatformReport:
    platform: str  # the platform's display name
    steps: tuple[str, ...]


def platform_reports(platform: str) -> tuple[PlatformReport, ...]:
    """How to report self-harm risk on the item's platform; every platform's way for an item
    whose platform has none of its own (a file import)."""
    def report(name: str) -> PlatformReport:
        capabilities = connectors.capabilities(name)
        return PlatformReport(capabilities.display_name, capabilities.report_steps)

    if connectors.capabilities(platform).report_steps:
        return (report(platform),)
    return tuple(report(name) for name in PLATFORMS if connectors.capabilities(name).report_steps)


@dataclass(frozen=True)
class CrisisGuidance:
    region: str  # e.g. "US"
    region_name: str  # e.g. "United States"
    region_source: str  # where the region came from, in words
    is_fallback: bool  # the region has no entry: the international set
    emergency_line: str  # "call your local emergency number (911)"
    protocol: tuple[str, ...]  # what to do now, for this person's role
    reports: tuple[PlatformReport, ...]  # the platform's own self-harm reporting
    reply_resources: tuple[str, ...]  # the lines a crisis reply carries


def crisis_guidance(config: Config, account: str, platform: str, role: str) -> CrisisGuidance:
    """What to do now on a crisis item, in the region its replies use."""
    from responses.resources import resources_for

    chosen = next((a for a in config.accounts if a.name == account), None)
    region = config.region_for(chosen)
    source = f"the account {account}'s region" if chosen is not None and chosen.region \
        else "[practice] region"
    resources = resources_for(region)
    protocol: tuple[str, ...]
    if role == "owner":
        protocol = (
            "Follow the practice's crisis protocol now: decide whether to contact the person, "
            "or emergency services if you know where they are.",
            f"If someone is in immediate danger: {resources.emergency_line}.",
            "Reply quickly with the crisis resources below; do not remove the message.",
        )
    elif role == "assistant":
        protocol = (
            "Escalate it to the owner now (\"Escalate to owner\" below), and phone or message "
            "them as the practice's crisis protocol says.",
            f"If someone is in immediate danger: {resources.emergency_line}.",
            "Do not remove the message or promise anyone a follow-up.",
        )
    else:
        protocol = ("Reviewers follow the practice's crisis protocol: the owner decides what happens.",)
    reports = platform_reports(platform)
    return CrisisGuidance(
        region=resources.region,
        region_name=resources.name,
        region_source=source,
        is_fallback=resources.is_fallback,
        emergency_line=resources.emergency_line,
        protocol=protocol,
        reports=reports,
        reply_resources=(f"If you're in immediate danger, {resources.emergency_line} now.",
                         *(s.reply_line for s in resources.reply_services)),
    )
