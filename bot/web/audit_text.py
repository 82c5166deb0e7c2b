"""Audit events as sentences for people ("olivia approved a reply to item 12 at 14:03").

The page reads these; the CSV and JSON downloads keep every recorded field as it is.
Comment text is never in an event, so nothing here can show it; reply texts (an approval's
final text, an edit's before and after) are the practice's own words.
"""

from __future__ import annotations

import difflib
from datetime import datetime
from typing import Any

from bot.web.guidance import MODERATION_LABELS, suggestion_label

QUOTE_LIMIT = 160


def _quote(text: Any, limit: int = QUOTE_LIMIT) -> str:
    words = " ".join(str(text).split())
    return "“" + (words if len(words) <= limit else words[:limit - 1] + "…") + "”"


def _clock(at: Any) -> str:
    if isinstance(at, datetime):
        return at.strftime("%H:%M")
    text = str(at or "")
    return text[11:16] if len(text) >= 16 else text


def edit_summary(before: Any, after: Any, limit: int = 6) -> list[str]:
    """A readable word diff: 'removed “...”', 'added “...”', 'changed “...” to “...”'."""
    old, new = str(before or "").split(), str(after or "").split()
    changes: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, came = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if op == "delete":
            changes.append(f"removed {_quote(gone, 80)}")
        elif op == "insert":
            changes.append(f"added {_quote(came, 80)}")
        else:
            changes.append(f"changed {_quote(gone, 80)} to {_quote(came, 80)}")
    if len(changes) > limit:
        changes = changes[:limit] + [f"and {len(changes) - limit} more change(s)"]
    return changes or ["changed only spacing or line breaks"]


def _item(event: dict[str, Any]) -> str:
    return f"item {event['item_id']}" if event.get("item_id") else "an item"


def describe(event: dict[str, Any]) -> str:
    """One sentence for an audit event (as `audit_view.event_dict` gives it)."""
    who, action = str(event.get("actor") or "someone"), str(event.get("action") or "")
    raw = event.get("data")
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    item, at = _item(event), f" at {_clock(event.get('at'))}"
    template = data.get("template")
    using = f" using “{suggestion_label(template)}”" if template else ""
    if action == "view":
        what = f"showed the message of {item}" if data.get("revealed") else f"opened {item}"
        return f"{who} {what}{at}" + (" (its first view)" if data.get("first_view") else "") + "."
    if action == "claim":
        extra = ", taking over a claim that had lapsed" if data.get("took_over_stale") else ""
        return f"{who} claimed {item} for review{at}{extra}."
    if action == "release":
        return f"{who} released the claim on {item}{at}."
    if action == "assign":
        after = data.get("after")
        return f"{who} assigned {item} to {after}{at}." if after else f"{who} unassigned {item}{at}."
    if action in ("approve", "publish_reply"):
        what = "published the held comment and approved a reply to" if action == "publish_reply" \
            else "approved a reply to"
        sentence = f"{who} {what} {item}{at}{using}"
        if data.get("override_reason"):
            sentence += f", overriding the reply guard because {_quote(data['override_reason'])}"
        if data.get("text"):
            sentence += f": {_quote(data['text'])}"
        return sentence + "."
    if action == "edit":
        return f"{who} edited the suggested reply to {item}{at}{using} before approving it: " + \
            "; ".join(edit_summary(data.get("before"), data.get("after"))) + "."
    if action in ("reject", "dismiss", "escalate"):
        what = {"reject": f"rejected {item} (no reply will be posted)",
                "dismiss": f"dismissed {item} (nothing to do)",
                "escalate": f"escalated {item} to the owner"}[action]
        note = f", noting {_quote(data['note'])}" if data.get("note") else ""
        return f"{who} {what}{at}{note}."
    if action == "change_category":
        return f"{who} changed {item} from {data.get('before') or 'untriaged'} to {data.get('after')}{at}."
    if action == "moderate":
        label = MODERATION_LABELS.get(str(data.get("action")), str(data.get("action")))
        return f"{who} approved a moderation of {item}{at}: {label.lower()}."
    if action == "post.attempt":
        return f"The poster began sending the {_outbox_action(data)} for {item}{at} " \
            f"(attempt {data.get('attempt', 1)})."
    if action == "post.result":
        status = data.get("status")
        if status == "posted":
            where = f" (platform id {data['platform_reply_id']})" if data.get("platform_reply_id") else ""
            how = ", found already on the platform" if data.get("how") not in (None, "sent") else ""
            return f"The {_outbox_action(data)} for {item} was posted{at}{where}{how}."
        error = f": {_quote(data['error'])}" if data.get("error") else ""
        return f"The {_outbox_action(data)} for {item} ended {status}{at}{error}."
    if action == "post.deferred":
        return f"The poster put back the {_outbox_action(data)} for {item}{at} ({data.get('status')}" \
            + (f": {_quote(data['error'])}" if data.get("error") else "") + ")."
    if action == "post.stale":
        return f"A poster stopped mid-post on {item}; modbot marked it unknown{at} and will check " \
            "the platform before any re-send."
    if action == "moderation.done":
        return f"The platform now shows {item} as {data.get('moderation_status')}{at}."
    if action == "poll":
        account = data.get("account", "an account")
        return f"The poller read {account}{at}: {data.get('new_items', 0)} new item(s)."
    if action == "triage":
        return f"{item.capitalize()} was triaged as {data.get('category') or 'untriaged'}{at}."
    if action.startswith("alert."):
        channels = data.get("channels") or {}
        how = ", ".join(f"{name} {state}" for name, state in sorted(channels.items())) or "to the log"
        kind = {"alert.crisis": f"an alert about crisis {item}",
                "alert.crisis_reminder": f"a reminder that crisis {item} is still unopened",
                "alert.account_quiet": "an alert that an account has gone quiet",
                "alert.account_reconnect": "an alert that an account needs reconnecting"}.get(
                    action, f"an alert ({action.removeprefix('alert.')})")
        return f"modbot sent {kind}{at} ({how})."
    if action == "user.add":
        return f"{who} added the user {data.get('user')} as {data.get('role')}{at}."
    if action == "user.update":
        role = data.get("role") if isinstance(data.get("role"), dict) else {}
        change = f" from {role.get('before')} to {role.get('after')}" \
            if role and role.get("before") != role.get("after") else ""
        password = " and changed the password" if data.get("password_changed") else ""
        return f"{who} updated the user {data.get('user')}{change}{password}{at}."
    if action == "redact":
        return f"{who} erased text and author details{' of ' + item if event.get('item_id') else ''}{at}; " \
            "the audit chain still verifies."
    words = action.replace("_", " ").replace(".", " ")
    return f"{who}: {words}" + (f" on {item}" if event.get("item_id") else "") + f"{at}."


def _outbox_action(data: dict[str, Any]) -> str:
    action = data.get("action")
    if action in ("reply", "publish_reply", None):
        return "reply"
    return f"moderation ({MODERATION_LABELS.get(str(action), str(action)).lower()})"
