"""The review workflow: who may do what to an item, and in which state.

Every function runs its own transaction and writes its audit event in that same transaction, so
the log can never disagree with the data. Two tables drive everything and are meant to be read:

- `TRANSITIONS`: which review action moves an item from which state to which state;
- `can(role, action, category)`: the role matrix from DESIGN.md (an assistant approves
  engagement and advice replies and escalates crisis and client items; an owner may do anything;
  an auditor changes nothing).

An item is claimed by one reviewer at a time; a claim older than `CLAIM_TIMEOUT` is stale and
anyone may take it over. Approving writes the Decision, the outbox row and the new item state in
one transaction; `bot.outbox` posts it later.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot import audit, storage
from bot.app import App
from bot.domain import CATEGORIES, FLAGS, InboundItem, Triage, category_priority, primary_category
from bot.errors import InvalidTransition, NotFound, NotRead, PermissionDenied, ReplyBlocked
from bot.models import Account, AuditEvent, Decision, Item, OutboxRow, SuggestionRow, User, utcnow
from bot.storage import ItemRecord
from bot.users import get_user

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=15)

# Review actions -> {state before: state after}. States not listed do not allow the action.
# The poster's own moves (approved -> posting -> posted | failed | unknown) live in bot.outbox.
_DECIDABLE = ("new", "suggested", "escalated", "failed")
TRANSITIONS: dict[str, dict[str, str]] = {
    "approve": {state: "approved" for state in _DECIDABLE},
    "reject": {state: "rejected" for state in _DECIDABLE},
    "dismiss": {state: "dismissed" for state in _DECIDABLE},
    "escalate": {state: "escalated" for state in ("new", "suggested", "failed")},
    # Publishing a held comment together with a reply is an approval.
    "publish_reply": {state: "approved" for state in _DECIDABLE},
}

# Moderation actions come from the platform's capabilities (per item kind); nothing is moderated
# unless a person approves it.
DESTRUCTIVE_MODERATION = ("reject", "remove")

# Actions an assistant may take, and on which categories (None: any category).
_ASSISTANT_ROUTINE = ("engagement", "advice")
_ASSISTANT: dict[str, tuple[str, ...] | None] = {
    "view": None,
    "claim": None,
    "release": None,
    "escalate": None,
    "approve": _ASSISTANT_ROUTINE,
    "reject": _ASSISTANT_ROUTINE,
    "dismiss": _ASSISTANT_ROUTINE,
    "moderate": _ASSISTANT_ROUTINE,
    "change_category": _ASSISTANT_ROUTINE,  # may raise a flag on routine items, never lower one
}
ROLE_ACTIONS = ("view", "claim", "release", "assign", "approve", "override", "reject", "escalate",
                "dismiss", "moderate", "change_category")


def can(role: str, action: str, category: str | None) -> bool:
    """The role matrix (pure): may `role` take `action` on an item of `category`?

    Actions: view, claim, release, assign, approve, override (post a text the guard blocked),
    reject, escalate, dismiss, moderate, change_category. An untriaged item (category None) is
    treated like the most sensitive category.
    """
    if role == "owner":
        return action in ROLE_ACTIONS
    if role == "auditor":
        return action == "view"
    if role == "assistant":
        if action not in _ASSISTANT:
            return False
        allowed = _ASSISTANT[action]
        return allowed is None or category in allowed
    return False


# ---------------------------------------------------------------- helpers


def _load(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"no item with id {item_id}")
    return item


def _require(user: User, action: str, item: Item) -> None:
    if not can(user.role, action, item.category):
        what = f"{item.category} items" if item.category else "untriaged items"
        hint = "; escalate it to an owner instead" if user.role == "assistant" and can(
            user.role, "escalate", item.category) else ""
        raise PermissionDenied(f"{user.name} ({user.role}) may not {action.replace('_', ' ')} {what}{hint}")


def _next_state(action: str, item: Item) -> str:
    after = TRANSITIONS[action].get(item.status)
    if after is None:
        raise InvalidTransition(f"item {item.id} is {item.status}: it cannot be {_PAST[action]}")
    return after


_PAST = {"approve": "approved", "reject": "rejected", "dismiss": "dismissed",
         "escalate": "escalated", "publish_reply": "published and answered"}


def _claim_is_live(item: Item, now: datetime) -> bool:
    return item.claimed_by is not None and item.claimed_at is not None and \
        now - item.claimed_at < CLAIM_TIMEOUT


def _check_claim(session: Session, item: Item, user: User, now: datetime) -> None:
    """Refuse when someone else holds a live claim on the item."""
    if _claim_is_live(item, now) and item.claimed_by != user.id:
        holder = session.get(User, item.claimed_by)
        name = holder.name if holder else f"user #{item.claimed_by}"
        raise InvalidTransition(f"item {item.id} is being reviewed by {name}; try again later")


def _decide(session: Session, item: Item, user: User, action: str, now: datetime, *,
            note: str | None = None, text: str | None = None, template: str | None = None,
            override_reason: str | None = None) -> Decision:
    decision = Decision(item_id=item.id, user_id=user.id, action=action, note=note, text=text,
                        template=template, override_reason=override_reason, created_at=now)
    session.add(decision)
    session.flush()
    item.decided_at = item.decided_at or now
    item.claimed_by = None
    item.claimed_at = None
    return decision


def _account_name(session: Session, item: Item) -> str:
    account = session.get(Account, item.account_id)
    return account.name if account else ""


def _inbound(session: Session, item: Item) -> InboundItem:
    return storage.to_inbound(item, _account_name(session, item))


def _region(app: App, account_name: str) -> str:
    account = next((a for a in app.config.accounts if a.name == account_name), None)
    return app.config.region_for(account)


def _verdict(app: App, item: InboundItem, category: str | None, text: str) -> dict[str, Any]:
    from responses import guard

    verdict = guard.check(text, category=category or "engagement", platform=item.platform,
                          kind=item.kind, region=_region(app, item.account), author=item.author)
    return {"blocked": bool(verdict.blocked), "problems": list(verdict.problems),
            "warnings": list(verdict.warnings)}


def clean_text(text: str | None) -> str | None:
    """Line endings as "\\n" (a browser's textarea sends "\\r\\n"), outer blanks trimmed; None if empty."""
    if text is None:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def _choose_text(app: App, session: Session, item: Item, inbound: InboundItem, text: str | None,
                 template: str | None) -> tuple[str, str | None, str | None]:
    """(final text, template name, the template's own text before any edit).

    A given text that equals the template's (after line endings and outer blanks) is the
    template's text byte for byte: approving an unchanged suggestion is not an edit.
    """
    if text is not None:
        text = clean_text(text)
        if text is None:
            raise InvalidTransition("the reply text is empty")
    offered = storage.offered_suggestions(session, item, inbound.account, app.suggestions)
    if template is not None:
        base = next((s["text"] for s in offered if s["template"] == template), None)
        if base is None:
            base = _render(app, template, inbound)
    elif offered:
        template, base = offered[0]["template"], offered[0]["text"]
    else:
        base = None
    if text is None:
        if base is None:
            raise InvalidTransition(f"item {item.id} has no suggested reply: give the reply text")
        return base, template, base
    if base is not None and text == clean_text(base):
        return base, template, base
    return text, template, base


def _render(app: App, template: str, inbound: InboundItem) -> str:
    import responses

    names = list(responses.template_names())
    if template not in names:
        raise NotFound(f"no reply template named {template!r} (known: {', '.join(sorted(names))})")
    return str(responses.render(template, inbound, app.config.practice, _region(app, inbound.account)))


# ---------------------------------------------------------------- viewing and claiming


def read_item(app: App, item_id: int, user: str) -> ItemRecord:
    """The item with its history, for showing it: checks the role and changes nothing."""
    with app.reads() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "view", item)
        return storage.item_record(session, item_id, suggest=app.suggestions)


def open_item(app: App, item_id: int, user: str, *, revealed: bool = False) -> ItemRecord:
    """The item with its history; records who looked (first view times the crisis response).

    `revealed`: the person asked to see a hidden (crisis) message; that view is what lets them
    approve a reply to it when the approval requires the message read (`require_read`).
    """
    now = utcnow()
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "view", item)
        first = False
        if person.role != "auditor" and item.first_viewed_at is None:
            item.first_viewed_at = now
            first = True
        data: dict[str, Any] = {"first_view": first}
        if revealed:
            data["revealed"] = True
        audit.record(session, person.name, "view", item_id=item.id, data=data)
        session.flush()
        return storage.item_record(session, item_id, suggest=app.suggestions)


def reveal(app: App, item_id: int, user: str) -> None:
    """The person asked to see the item's (crisis) message: a recorded view that counts."""
    open_item(app, item_id, user, revealed=True)


def _has_read(session: Session, item: Item, person: User) -> bool:
    views: list[Any] = list(session.scalars(select(AuditEvent.data).where(
        AuditEvent.item_id == item.id, AuditEvent.action == "view", AuditEvent.actor == person.name)))
    return any(isinstance(data, dict) and data.get("revealed") is True for data in views)


def has_read(app: App, item_id: int, user: str) -> bool:
    """Whether `user` has revealed the item's message (a recorded `view` with `revealed`)."""
    with app.reads() as session:
        return _has_read(session, _load(session, item_id), get_user(session, user))


def claim(app: App, item_id: int, user: str) -> None:
    """Take the item for review; the same user may re-claim, others wait until the claim is stale."""
    now = utcnow()
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "claim", item)
        _check_claim(session, item, person, now)
        taken_over = item.claimed_by not in (None, person.id)
        item.claimed_by = person.id
        item.claimed_at = now
        audit.record(session, person.name, "claim", item_id=item.id, data={"took_over_stale": taken_over})


def release(app: App, item_id: int, user: str) -> None:
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "release", item)
        if item.claimed_by is None:
            return
        if item.claimed_by != person.id and person.role != "owner":
            raise PermissionDenied(
                f"item {item.id} is claimed by someone else; only they or an owner may release it")
        item.claimed_by = None
        item.claimed_at = None
        audit.record(session, person.name, "release", item_id=item.id)


def assign(app: App, item_id: int, user: str, assignee: str | None) -> None:
    """Owner only: give the item to a reviewer (None clears the assignment)."""
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "assign", item)
        _check_claim(session, item, person, utcnow())
        target = get_user(session, assignee) if assignee else None
        if target is not None and target.role == "auditor":
            raise PermissionDenied(f"{target.name} is an auditor and cannot review items")
        before = item.assigned_to
        item.assigned_to = target.id if target else None
        audit.record(session, person.name, "assign", item_id=item.id,
                     data={"before": before, "after": target.name if target else None})


# ---------------------------------------------------------------- decisions


def approve(app: App, item_id: int, user: str, *, text: str | None = None, template: str | None = None,
            override_reason: str | None = None, require_read: bool = False) -> int:
    """Approve a reply; returns the outbox row id the poster will send exactly once.

    `require_read`: refuse a reply to a crisis item until this user revealed its message (the
    dashboard, where crisis text is hidden until asked for, sets it).
    """
    return _approve(app, item_id, user, action="approve", text=text, template=template,
                    override_reason=override_reason, require_read=require_read)


def _approve(app: App, item_id: int, user: str, *, action: str, text: str | None, template: str | None,
             override_reason: str | None, require_read: bool = False) -> int:
    now = utcnow()
    override_reason = clean_text(override_reason)
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "moderate" if action == "publish_reply" else "approve", item)
        if action == "publish_reply" and item.category == "crisis" and person.role != "owner":
            raise PermissionDenied(f"{person.name} ({person.role}) may not publish a crisis comment")
        after = _next_state(action, item)
        _check_claim(session, item, person, now)
        if require_read and item.category == "crisis" and not _has_read(session, item, person):
            raise NotRead(f"item {item.id} is a crisis message you have not shown yet: "
                          "show the message and read it before approving a reply")
        inbound = _inbound(session, item)
        final, template, base = _choose_text(app, session, item, inbound, text, template)
        verdict = _verdict(app, inbound, item.category, final)
        if verdict["blocked"]:
            if override_reason is None or not can(person.role, "override", item.category):
                problems = "; ".join(verdict["problems"]) or "the reply guard refused it"
                who = "an owner can post it with a written override reason" if person.role != "owner" \
                    else "give --override-reason to post it anyway"
                raise ReplyBlocked(f"reply blocked: {problems} ({who})", problems=verdict["problems"])
        else:
            override_reason = None  # nothing was overridden
        decision = _decide(session, item, person, action, now, text=final, template=template,
                           override_reason=override_reason)
        row = OutboxRow(decision_id=decision.id, item_id=item.id,
                        action="publish_reply" if action == "publish_reply" else "reply",
                        text=final, status="pending", created_at=now)
        session.add(row)
        session.flush()
        before = item.status
        item.status = after
        audit.record(session, person.name, action, item_id=item.id, data={
            "from": before, "to": after, "decision_id": decision.id, "outbox_id": row.id,
            "template": template, "text": final, "guard": verdict, "override_reason": override_reason,
            # The poster sends only text with this hash (bot/outbox.py): an edit after approval is refused.
            "text_sha256": hashlib.sha256(final.encode("utf-8")).hexdigest(),
            # ... and only under this item: a changed external id would send it elsewhere.
            "target": f"{item.platform}:{item.external_id}",
        })
        if base is not None and final != base:
            audit.record(session, person.name, "edit", item_id=item.id,
                         data={"template": template, "before": base, "after": final})
        logger.info("item %d %s by %s (outbox %d)", item.id, action, person.name, row.id)
        return row.id


def _close(app: App, item_id: int, user: str, action: str, note: str | None) -> None:
    now = utcnow()
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, action, item)
        after = _next_state(action, item)
        _check_claim(session, item, person, now)
        note = clean_text(note)
        decision = _decide(session, item, person, action, now, note=note)
        before = item.status
        item.status = after
        audit.record(session, person.name, action, item_id=item.id,
                     data={"from": before, "to": after, "decision_id": decision.id, "note": note})
        logger.info("item %d %s by %s", item.id, action, person.name)


def reject(app: App, item_id: int, user: str, *, note: str | None = None) -> None:
    """No reply will be posted."""
    _close(app, item_id, user, "reject", note)


def escalate(app: App, item_id: int, user: str, *, note: str | None = None) -> None:
    """Hand the item to an owner."""
    _close(app, item_id, user, "escalate", note)


def dismiss(app: App, item_id: int, user: str, *, note: str | None = None) -> None:
    """Nothing to do for this item."""
    _close(app, item_id, user, "dismiss", note)


def change_category(app: App, item_id: int, user: str, category: str,
                    labels: list[str] | None = None) -> None:
    """A reviewer's correction, stored as a triage result that `modbot train` learns from."""
    if category not in CATEGORIES:
        raise InvalidTransition(f"category must be one of {', '.join(CATEGORIES)}, got {category!r}")
    flags = [flag for flag in (labels if labels is not None else
                               ([category] if category in FLAGS else [])) if flag in FLAGS]
    if category in FLAGS and category not in flags:
        flags.append(category)
    if primary_category(flags) != category:
        raise InvalidTransition(f"labels {flags} make the item {primary_category(flags)}, not {category}")
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        _require(person, "change_category", item)
        _check_claim(session, item, person, utcnow())
        before = item.category
        if person.role != "owner" and category_priority(category) > category_priority(before or "crisis"):
            raise PermissionDenied(
                "an assistant may raise an item's category, never lower it; escalate instead"
            )
        storage.record_triage(session, item.id, Triage(
            category=category, labels=tuple(flags), scores={}, reasons=(f"set by {person.name}",),
            model_version="reviewer"), source="reviewer", user_id=person.id)
        # Replies pinned for the old category no longer fit: the new category's are rendered.
        session.execute(delete(SuggestionRow).where(SuggestionRow.item_id == item.id))
        audit.record(session, person.name, "change_category", item_id=item.id,
                     data={"before": before, "after": category, "labels": flags})


def moderate(app: App, item_id: int, user: str, action: str, *, reply_text: str | None = None,
             template: str | None = None, require_read: bool = False) -> int:
    """Queue an approved moderation action in the outbox; returns its row id.

    The actions are the platform's for the item's kind (`Capabilities.moderation`). Crisis items
    need an owner. `publish` with a reply text (or template) publishes a held comment and answers
    it as one approved action.
    """
    if action == "publish" and (reply_text is not None or template is not None):
        with app.reads() as session:
            target = _load(session, item_id)
            platform, kind = target.platform, target.kind
        if "publish" not in app.capabilities(platform).moderation_actions(kind):
            raise InvalidTransition(f"{platform} {kind}s cannot be published from a review queue")
        return _approve(app, item_id, user, action="publish_reply", text=reply_text, template=template,
                        override_reason=None, require_read=require_read)
    now = utcnow()
    with app.sessions.begin() as session:
        person = get_user(session, user)
        item = _load(session, item_id)
        allowed = app.capabilities(item.platform).moderation_actions(item.kind)
        if action not in allowed:
            raise InvalidTransition(f"{item.platform} {item.kind}s allow {', '.join(allowed) or 'no'} "
                                    f"moderation, not {action!r}")
        _require(person, "moderate", item)
        if item.category == "crisis" and person.role != "owner":
            raise PermissionDenied("a crisis comment is moderated only by an owner's decision")
        if item.status in ("posting",):
            raise InvalidTransition(f"item {item.id} is being posted; moderate it afterwards")
        _check_claim(session, item, person, now)
        decision = Decision(item_id=item.id, user_id=person.id, action=f"moderate:{action}", created_at=now)
        session.add(decision)
        session.flush()
        row = OutboxRow(decision_id=decision.id, item_id=item.id, action=action, text=None,
                        status="pending", created_at=now)
        session.add(row)
        session.flush()
        audit.record(session, person.name, "moderate", item_id=item.id, data={
            "action": action, "decision_id": decision.id, "outbox_id": row.id,
            "destructive": action in DESTRUCTIVE_MODERATION, "category": item.category})
        return row.id


def preview_guard(app: App, item_id: int, text: str) -> dict[str, Any]:
    """The reply guard's verdict on a draft, for the dashboard while someone types."""
    with app.sessions.begin() as session:
        item = _load(session, item_id)
        inbound = _inbound(session, item)
        category = item.category
    return _verdict(app, inbound, category, text)
