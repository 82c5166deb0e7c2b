"""Who may reach which route: one table of permissions and one decorator.

Every view names the permission it needs with `@allow(...)`; a `before_request` hook refuses any
endpoint that has none (deny by default), so a route added without a decision is unreachable
rather than open. Category-level rules (an assistant may not approve a crisis reply) are the
workflow's: `bot.approval.can` and the checks inside `bot.approval` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

PUBLIC = "public"

# permission -> roles that hold it
PERMISSIONS: dict[str, frozenset[str]] = {
    PUBLIC: frozenset({"anonymous", "owner", "assistant", "auditor"}),
    "signed_in": frozenset({"owner", "assistant", "auditor"}),
    "read": frozenset({"owner", "assistant", "auditor"}),  # queue and item pages
    "review": frozenset({"owner", "assistant"}),  # approve, reject, escalate, claim, moderate ...
    "assign": frozenset({"owner"}),
    "audit": frozenset({"owner", "auditor"}),  # audit view, exports, stats
}

F = TypeVar("F", bound=Callable[..., Any])


def allow(permission: str) -> Callable[[F], F]:
    """Mark a view with the permission it needs (checked before the view runs)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    def mark(view: F) -> F:
        view.modbot_permission = permission  # type: ignore[attr-defined]
        return view

    return mark


def permission_of(view: Callable[..., Any] | None) -> str | None:
    return getattr(view, "modbot_permission", None) if view is not None else None


def permits(role: str | None, permission: str | None) -> bool:
    if permission is None:
        return False
    return (role or "anonymous") in PERMISSIONS[permission]
