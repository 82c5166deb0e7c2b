"""Suggested replies, crisis resources as data, and the reply guard.

An adapter: it imports only `bot.domain` and `bot.errors`. Public API:

- `suggest(item, triage, practice, region)`: two or three candidate replies for an item;
- `render(template, item, practice, region)`: one named template as text;
- `template_names(category, platform, kind)`: the names that fit;
- `advice_for_reviewer(triage, platform=None, kind=None)`: guidance such as "do not reply
  publicly", or None;
- `resources_for(region)`: crisis services for a country code (international set otherwise);
- `guard.check(text, ...)`: the reply guard's `Verdict`.
"""

from __future__ import annotations

from responses import guard
from responses.guard import Verdict
from responses.replies import (
    advice_for_reviewer,
    render,
    resources_html,
    suggest,
    suggest_checked,
    template_names,
)
from responses.resources import (
    Contact,
    CrisisService,
    RegionResources,
    load_resources,
    resources_for,
    stale_entries,
)

__all__ = [
    "Contact",
    "CrisisService",
    "RegionResources",
    "Verdict",
    "advice_for_reviewer",
    "guard",
    "load_resources",
    "render",
    "resources_for",
    "resources_html",
    "stale_entries",
    "suggest",
    "suggest_checked",
    "template_names",
]
