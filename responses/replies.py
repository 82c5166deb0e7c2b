"""Reply templates: Jinja2 in a sandbox, plain text for platform replies, HTML only autoescaped.

Template files are named `<category>.<kind>.<n>.j2` (kind `public` for a reply in a thread,
`private` for a reply to a private message). Nothing from the comment being answered is ever put
in a reply; the one exception is the platform's own @mention of the author on YouTube, and only
when the author is a well-formed handle.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any

from jinja2 import PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from bot.config import PLATFORMS
from bot.domain import CATEGORIES, InboundItem, Practice, Suggestion, Triage
from bot.errors import NotFound
from responses import guard
from responses.resources import resources_for

logger = logging.getLogger(__name__)

DEFAULT_DISPLAY_NAME = Practice().display_name
PLATFORM_NAMES = {"youtube": "YouTube", "reddit": "Reddit", "file": "social media"}
# A YouTube handle as the platform shows it: "@" and 3-30 letters, digits, '.', '_' or '-'.
_YOUTUBE_HANDLE = re.compile(r"@[A-Za-z0-9._-]{3,30}")
_TEMPLATE_FILE = re.compile(r"(?P<category>[a-z]+)\.(?P<kind>public|private)\.(?P<n>\d+)\.j2")


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    category: str
    kind: str
    number: int


def _environment(autoescape: bool) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=PackageLoader("responses", "templates"),
        autoescape=select_autoescape(["html.j2"], default=False) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=2)
def _env(autoescape: bool = False) -> SandboxedEnvironment:
    return _environment(autoescape)


@lru_cache(maxsize=1)
def _catalog() -> dict[str, TemplateInfo]:
    folder = importlib_resources.files("responses") / "templates"
    catalog: dict[str, TemplateInfo] = {}
    for entry in folder.iterdir():
        match = _TEMPLATE_FILE.fullmatch(entry.name)
        if match and match["category"] in CATEGORIES:
            name = entry.name.removesuffix(".j2")
            catalog[name] = TemplateInfo(name, match["category"], match["kind"], int(match["n"]))
    return dict(sorted(catalog.items(), key=lambda kv: (kv[1].category, kv[1].kind, kv[1].number)))


def reply_kind(platform: str, kind: str) -> str:
    """'private' for a reply to a private message where the platform has them, else 'public'."""
    if platform == "youtube":  # YouTube has no private messages
        return "public"
    return guard.reply_kind(kind)


def template_names(
    category: str | None = None, platform: str | None = None, kind: str | None = None
) -> list[str]:
    """Names of the candidate templates, e.g. ['crisis.public.1', 'crisis.public.2', ...].

    `kind` is 'public'/'private' or an item kind ('comment', 'reply', 'mention', 'dm'). Leave
    out an argument to not filter on it: `template_names()` lists every template.
    """
    if category is not None and category not in CATEGORIES:
        raise NotFound(f"no reply templates for category {category!r} (known: {', '.join(CATEGORIES)})")
    if platform is not None and platform not in PLATFORMS:
        raise NotFound(f"no reply templates for platform {platform!r} (known: {', '.join(PLATFORMS)})")
    if kind is None:
        wanted = None if platform != "youtube" else "public"
    else:
        wanted = reply_kind(platform or "file", kind)
    return [
        info.name
        for info in _catalog().values()
        if (category is None or info.category == category) and (wanted is None or info.kind == wanted)
    ]


def all_template_names() -> list[str]:
    return list(_catalog())


def _mention(item: InboundItem) -> str:
    if item.platform != "youtube" or not item.author:
        return ""
    author = item.author.strip()
    return f"{author} " if _YOUTUBE_HANDLE.fullmatch(author) else ""


def _signature(practice: Practice) -> str:
    name = " ".join(practice.display_name.split())
    return "" if not name or name == DEFAULT_DISPLAY_NAME else name


def _context(platform: str, practice: Practice, region: str, mention: str = "") -> dict[str, Any]:
    resources = resources_for(region)
    return {
        "mention": mention,
        "signature": _signature(practice),
        "contact_url": practice.contact_url.strip(),
        "platform": platform,
        "platform_name": PLATFORM_NAMES.get(platform, "social media"),
        "content_word": "video" if platform == "youtube" else "post",
        "emergency_line": resources.emergency_line,
        "resource_lines": [service.reply_line for service in resources.reply_services],
        "region": resources.region,
        "region_name": resources.name,
    }


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render(template: str, item: InboundItem, practice: Practice, region: str) -> str:
    """The text of one named template for this item; NotFound for an unknown name."""
    return _mention(item) + _body(template, item.platform, practice, region)


@lru_cache(maxsize=1024)
def _body(template: str, platform: str, practice: Practice, region: str) -> str:
    """A template rendered without the @mention: the same for every item of one platform,
    practice and region, so a backfill renders each template once. Every template that takes a
    mention puts it first, so `render` is exactly mention + body (a test holds this)."""
    if template not in _catalog():
        raise NotFound(f"no reply template named {template!r}")
    try:
        compiled = _env(False).get_template(f"{template}.j2")
    except TemplateNotFound:  # pragma: no cover - the catalog lists only files that exist
        raise NotFound(f"no reply template named {template!r}") from None
    return _tidy(compiled.render(_context(platform, practice, region)))


def render_full(template: str, item: InboundItem, practice: Practice, region: str) -> str:
    """`render` the slow way, the mention passed to the template itself (for tests)."""
    compiled = _env(False).get_template(f"{template}.j2")
    return _tidy(compiled.render(_context(item.platform, practice, region, _mention(item))))


@lru_cache(maxsize=1024)
def _checked_body(body: str, category: str, platform: str, kind: str, region: str,
                  practice_name: str) -> guard.Verdict:
    """The reply guard on a template body, once per distinct text. No author is passed, so the
    check is the strictest one: nothing in the body is excused as the author's own name."""
    return guard.check(body, category=category, platform=platform, kind=kind, region=region,
                       practice_name=practice_name)


def _verdict(text: str, body: str, category: str, platform: str, kind: str, region: str,
             practice_name: str) -> guard.Verdict:
    """The guard's verdict on mention + body: the body's verdict, plus the length of the whole
    reply (the author's own mention is the one name a reply may carry)."""
    cached = _checked_body(body, category, platform, kind, region, practice_name)
    verdict = guard.Verdict(cached.blocked, list(cached.problems), list(cached.warnings))
    if text != body:
        verdict.warnings = [w for w in verdict.warnings if not w.startswith("length:")]
        verdict.warnings[:0] = guard.length_warnings(text, platform=platform, kind=kind)
    return verdict


def suggest(item: InboundItem, triage: Triage, practice: Practice, region: str) -> list[Suggestion]:
    """Two or three candidate replies for the item's category, platform and kind.

    Every suggestion has passed the reply guard; a template that fails it (for example because
    of an odd display name) is left out and logged by name.
    """
    return [suggestion for suggestion, _ in suggest_checked(item, triage.category, practice, region)]


def suggest_checked(
    item: InboundItem, category: str, practice: Practice, region: str
) -> list[tuple[Suggestion, guard.Verdict]]:
    """`suggest`, with the reply guard's verdict on each (warnings included) for the reviewer."""
    category = category if category in CATEGORIES else "engagement"
    mention = _mention(item)
    kind = reply_kind(item.platform, item.kind)
    return [
        (Suggestion(template=name, text=mention + body),
         _verdict(mention + body, body, category, item.platform, kind, region, practice.display_name))
        for name, body in _bodies(category, item.platform, item.kind, practice, region)
    ]


@lru_cache(maxsize=512)
def _bodies(
    category: str, platform: str, item_kind: str, practice: Practice, region: str
) -> tuple[tuple[str, str], ...]:
    """(template, body) of the templates the reply guard passes for one category, platform, kind,
    practice and region: worked out once. No author is part of the key, so the cache holds no
    handle (an erased author's included)."""
    kind = reply_kind(platform, item_kind)
    bodies: list[tuple[str, str]] = []
    for name in template_names(category, platform if platform in PLATFORMS else "file", item_kind):
        body = _body(name, platform, practice, region)
        verdict = _checked_body(body, category, platform, kind, region, practice.display_name)
        if verdict.blocked:
            logger.warning(
                "template %s left out: blocked by the reply guard (%d problems)", name, len(verdict.problems)
            )
            continue
        bodies.append((name, body))
    return tuple(bodies)


def advice_for_reviewer(triage: Triage, platform: str | None = None, kind: str | None = None) -> str | None:
    """What the reviewer should consider before replying, or None for ordinary items."""
    private = platform is not None and kind is not None and reply_kind(platform, kind) == "private"
    if triage.category == "crisis":
        return (
            "Crisis: follow your escalation policy now. Reply quickly with the region's crisis resources; "
            "never suggest anyone is watching messages in real time, and never remove the comment without "
            "the owner's decision."
        )
    if triage.category == "client":
        if private:
            return (
                "Possible client: do not discuss anything personal or clinical here. A short private "
                "boundary message is fine; never confirm, deny or hint at a therapy relationship."
            )
        where = " Reddit: a private boundary message is an option." if platform in ("reddit", "file") else ""
        return (
            "Possible client: do not reply publicly, or use a neutral reply that would read the same to any "
            "stranger; never confirm, deny or hint at a therapy relationship." + where
        )
    if triage.category == "advice":
        return (
            "Advice request: no personal advice or diagnosis; say this isn't therapy and point to a licensed "
            "professional."
        )
    return None


def resources_html(region: str) -> str:
    """The region's crisis resources as an autoescaped HTML fragment (for the dashboard)."""
    resources = resources_for(region)
    services = [
        {
            "name": s.name,
            "reach": s.reach,
            "last_verified": s.last_verified.isoformat() if s.last_verified else "",
        }
        for s in resources.services
        if s.verified
    ]
    template = _env(True).get_template("resources.html.j2")
    return template.render(
        region=resources.region,
        region_name=resources.name,
        emergency_line=resources.emergency_line,
        services=services,
    ).strip()
