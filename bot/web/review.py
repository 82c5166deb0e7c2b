"""The queue, the item page and every review action, each a thin call into bot.approval."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from bot import approval, storage
from bot.config import PLATFORMS
from bot.domain import CATEGORIES
from bot.errors import InvalidTransition, NotFound, NotRead, ReplyBlocked, WorkflowError
from bot.models import utcnow
from bot.storage import STATUSES, ItemRecord
from bot.web import access, guidance, queries
from bot.web.context import modbot, user

logger = logging.getLogger(__name__)

blueprint = Blueprint("review", __name__)

MAX_REPLY = 10_000
ITEM_ACTIONS = ("approve", "reject", "escalate", "dismiss", "assign", "moderate", "change_category",
                "claim", "release", "override")


def queue_address(target: str | None) -> str:
    """The queue address (path and query) a reviewer came from, or the plain queue.

    Only this site's queue page is accepted: no scheme, host, fragment, backslash, blank or
    control character, so a crafted `back` cannot send anyone elsewhere after an action.
    """
    queue = url_for("review.queue")
    if target and len(target) <= 2000 and "\\" not in target and \
            not any(ch.isspace() or ord(ch) < 32 for ch in target):
        parts = urlsplit(target)
        if not (parts.scheme or parts.netloc or parts.fragment) and parts.path == queue:
            return f"{queue}?{parts.query}" if parts.query else queue
    return queue


def _came_from() -> str:
    """The validated queue address carried by this request (`back` in the query or the form)."""
    return queue_address(request.values.get("back"))


def _back_arg(back: str) -> str | None:
    """`back` for an item link: left out when it is the plain queue."""
    return None if back == url_for("review.queue") else back


def _to_queue() -> Any:
    return redirect(_came_from(), code=303)


def _onward(item_id: int) -> Any:
    """After a decision, on to the next item of the queue the reviewer came from (same filter
    and search, queue order): its page when the decision was made on an item page (`then=next`),
    else that queue with the next row selected; the queue alone when nothing follows."""
    back = _came_from()
    with modbot().reads() as db:
        _, following = queries.neighbours(db, item_id, queries.QueueFilters.from_address(back),
                                          user_id=user().id)
    if following is None:
        return redirect(back, code=303)
    if request.form.get("then") == "next":
        return redirect(url_for("review.item", item_id=following, back=_back_arg(back)), code=303)
    return redirect(f"{back}#item-{following}", code=303)


@blueprint.route("/")
@access.allow("signed_in")
def home() -> Any:
    return redirect(url_for("review.queue"))


# ---------------------------------------------------------------- queue


@blueprint.route("/queue")
@access.allow("read")
def queue() -> Any:
    filters = queries.QueueFilters.from_args(request.args)
    after = queries.SortKey.decode(request.args.get("after"))
    before = queries.SortKey.decode(request.args.get("before"))
    me = user()
    with modbot().reads() as db:
        page = queries.queue_page(db, filters, user_id=me.id, after=after, before=before)
        counts = queries.category_counts(db)
        choices = queries.filter_choices(db)
    can_bulk = approval.can(me.role, "approve", "engagement")
    back = queue_address(request.full_path)
    return render_template(
        "queue.html", page=page, filters=filters, counts=counts, choices=choices,
        statuses=STATUSES, platforms=PLATFORMS, can_bulk=can_bulk, back=back, back_arg=_back_arg(back),
        can_act={row.id: {action: approval.can(me.role, action, row.category)
                          and not (action == "escalate" and me.role == "owner")
                          for action in ("approve", "reject", "escalate")} for row in page.rows},
    )


@blueprint.route("/queue/bulk-approve", methods=["POST"])
@access.allow("review")
def bulk_approve() -> Any:
    """Approve the default reply of several engagement items; anything else is left alone."""
    me = user()
    ids = [number for number in map(queries.db_id, request.form.getlist("item")) if number][:200]
    with modbot().reads() as db:
        categories = queries.item_categories(db, ids)
    approved, skipped, failed = 0, 0, []
    for item_id in ids:
        if categories.get(item_id) != "engagement":
            skipped += 1
            continue
        try:
            approval.approve(modbot(), item_id, me.name, require_read=True)
            approved += 1
        except (WorkflowError, NotFound) as exc:
            failed.append(f"#{item_id}: {exc}")
    message = f"Approved {approved} engagement item(s)."
    if skipped:
        message += f" Skipped {skipped} that are not engagement items (open them one by one)."
    flash(message, "ok" if approved else "info")
    for line in failed[:10]:
        flash(line, "error")
    return _to_queue()


# ---------------------------------------------------------------- item page


@blueprint.route("/items/<int:item_id>")
@access.allow("read")
def item(item_id: int) -> Any:
    """Show the item. A GET changes nothing: viewing (reveal) and claiming are POSTs below."""
    return _render_item(approval.read_item(modbot(), item_id, user().name))


@blueprint.route("/items/<int:item_id>/reveal", methods=["POST"])
@access.allow("read")
def reveal(item_id: int) -> Any:
    """Show a hidden (crisis) message: records the view that counts and allows the approval."""
    approval.reveal(modbot(), item_id, user().name)
    return _back(item_id, anchor="message-text")  # lands on the text itself, approve below it


@blueprint.route("/items/<int:item_id>/claim", methods=["POST"])
@access.allow("review")
def claim(item_id: int) -> Any:
    approval.claim(modbot(), item_id, user().name)
    flash(f"You are reviewing item #{item_id}; others are told for the next "
          f"{int(approval.CLAIM_TIMEOUT.total_seconds() // 60)} minutes.", "ok")
    return _back(item_id)


def _render_item(record: ItemRecord, *, status: int = 200, draft: str | None = None,
                 chosen: str | None = None, problems: list[str] | None = None) -> Any:
    me = user()
    with modbot().reads() as db:
        context = queries.item_context(db, record.id)
        previous, following = queries.neighbours(db, record.id, queries.QueueFilters.from_address(
            _came_from()), user_id=me.id)
        people = queries.reviewers(db) if me.role == "owner" else []
    if context is None:
        abort(404)
    claim_live = context.claimed_by is not None and context.claimed_at is not None and \
        utcnow() - context.claimed_at < approval.CLAIM_TIMEOUT
    claim_note = f"This item is being reviewed by {context.claimed_by}." \
        if claim_live and context.claimed_by != me.name else None
    revealed = record.category != "crisis" or approval.has_read(modbot(), record.id, me.name)
    can = {action: approval.can(me.role, action, record.category) for action in ITEM_ACTIONS}
    can["claim"] = can["claim"] and record.status in approval.TRANSITIONS["approve"] and \
        not (claim_live and context.claimed_by == me.name) and claim_note is None
    can["escalate"] = can["escalate"] and me.role != "owner"  # an owner is the one escalated to
    can["approve"] = can["approve"] and record.status in approval.TRANSITIONS["approve"]
    moderation = guidance.moderation_choices(record.platform, record.kind, record.moderation_status)
    can["moderate"] = can["moderate"] and bool(moderation)
    crisis = guidance.crisis_guidance(modbot().config, record.account, record.platform, me.role) \
        if record.category == "crisis" else None
    back = _came_from()
    suggestion = record.suggestions[0] if record.suggestions else None
    if chosen is None and suggestion is not None:
        chosen = suggestion["template"]
    if draft is None:
        draft = next((s["text"] for s in record.suggestions if s["template"] == chosen), "")
    return render_template(
        "item.html", item=record, context=context, previous=previous, following=following,
        can=can, people=people, draft=draft, chosen=chosen, problems=problems or [],
        claim_note=claim_note, highlighted=highlight(record.text, record.reasons), revealed=revealed,
        back=back, back_arg=_back_arg(back), moderation=moderation, crisis=crisis,
        label=guidance.suggestion_label, moderation_labels=guidance.MODERATION_LABELS,
    ), status


@blueprint.app_template_filter("text_rows")
def text_rows(text: str | None, width: int = 72) -> int:
    """Rows for a textarea that shows the whole text (about `width` characters a line), within
    3..24; the page's script then fits it exactly to what the browser wraps."""
    lines = (text or "").split("\n")
    return max(3, min(24, sum(max(1, -(-len(line) // width)) for line in lines)))


# Phrases a reason quotes: "x", “x”, ‘x’, «x», or 'x' (as Python's repr writes them).
_QUOTED = re.compile(r'"([^"]{2,80})"|“([^”]{2,80})”|‘([^’]{2,80})’|«([^»]{2,80})»'
                     r"|(?<!\w)'([^']{2,80})'(?!\w)")


@blueprint.app_template_test("undone")
def undone(reason: str) -> bool:
    """A reason naming a phrase a guard undid (`not crisis: "..." (joking)`): it raised nothing."""
    return reason.startswith("not ")


def highlight(text: str, reasons: list[str]) -> Markup:
    """The text escaped, with phrases the reasons quote wrapped in <mark>; not those a guard undid."""
    phrases = {next(g for g in m.groups() if g).strip().lower()
               for reason in reasons if not undone(reason) for m in _QUOTED.finditer(reason)}
    phrases = {p for p in phrases if len(p) >= 2}
    if not phrases:
        return escape(text)
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)),
                         re.IGNORECASE)
    out: list[Markup] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<mark>") + escape(match.group(0)) + Markup("</mark>"))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _back(item_id: int, anchor: str | None = None) -> Any:
    return redirect(url_for("review.item", item_id=item_id, back=_back_arg(_came_from()), _anchor=anchor),
                    code=303)


def _note() -> str | None:
    return (request.form.get("note") or "").strip()[:2000] or None


@blueprint.route("/items/<int:item_id>/approve", methods=["POST"])
@access.allow("review")
def approve(item_id: int) -> Any:
    me = user()
    # No text field (the queue's shortcut) approves the first suggestion; a field left empty is
    # refused rather than silently replaced by a suggestion.
    given = request.form.get("text")
    text = given[:MAX_REPLY] if given is not None else None
    template = request.form.get("template") or None
    override = (request.form.get("override_reason") or "").strip()[:2000] or None
    try:
        outbox_id = approval.approve(modbot(), item_id, me.name, text=text, template=template,
                                     override_reason=override, require_read=True)
    except ReplyBlocked as exc:
        flash("The reply guard blocked this reply; nothing was approved.", "error")
        return _render_again(item_id, 422, text, template, exc.problems)
    except NotRead:
        flash("Show the message and read it before approving a reply; nothing was approved.", "error")
        return _render_again(item_id, 409, text, template)
    flash(f"Reply to item #{item_id} approved; it is queued for posting (outbox #{outbox_id}).", "ok")
    return _onward(item_id)


def _render_again(item_id: int, status: int, draft: str | None, template: str | None,
                  problems: list[str] | None = None) -> Any:
    """The item page again after a refused approval, with the reviewer's draft kept."""
    app = modbot()
    with app.reads() as db:
        record = storage.item_record(db, item_id, suggest=app.suggestions)
    return _render_item(record, status=status, draft=draft, chosen=template, problems=problems)


@blueprint.route("/items/<int:item_id>/reject", methods=["POST"])
@access.allow("review")
def reject(item_id: int) -> Any:
    approval.reject(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} rejected: no reply will be posted.", "ok")
    return _onward(item_id)


@blueprint.route("/items/<int:item_id>/escalate", methods=["POST"])
@access.allow("review")
def escalate(item_id: int) -> Any:
    approval.escalate(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} escalated to the owner.", "ok")
    return _onward(item_id)


@blueprint.route("/items/<int:item_id>/dismiss", methods=["POST"])
@access.allow("review")
def dismiss(item_id: int) -> Any:
    approval.dismiss(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} dismissed.", "ok")
    return _onward(item_id)


@blueprint.route("/items/<int:item_id>/assign", methods=["POST"])
@access.allow("assign")
def assign(item_id: int) -> Any:
    assignee = (request.form.get("assignee") or "").strip() or None
    approval.assign(modbot(), item_id, user().name, assignee)
    flash(f"Item #{item_id} assigned to {assignee}." if assignee else f"Item #{item_id} unassigned.", "ok")
    return _back(item_id)


@blueprint.route("/items/<int:item_id>/release", methods=["POST"])
@access.allow("review")
def release(item_id: int) -> Any:
    approval.release(modbot(), item_id, user().name)
    flash(f"You released item #{item_id}; others may review it now.", "ok")
    return _to_queue()


@blueprint.route("/items/<int:item_id>/moderate", methods=["POST"])
@access.allow("review")
def moderate(item_id: int) -> Any:
    action = request.form.get("action") or ""
    # "Publish with this reply" comes from the reply form: its text and chosen template.
    reply = (request.form.get("reply_text") or request.form.get("text") or "")[:MAX_REPLY].strip() or None
    template = (request.form.get("template") or None) if reply else None
    try:
        outbox_id = approval.moderate(modbot(), item_id, user().name, action, reply_text=reply,
                                      template=template, require_read=True)
    except ReplyBlocked as exc:
        flash("The reply guard blocked this reply; nothing was approved.", "error")
        return _render_again(item_id, 422, reply, template, exc.problems)
    except NotRead:
        flash("Show the message and read it before approving a reply; nothing was approved.", "error")
        return _render_again(item_id, 409, reply, template)
    flash(f"Moderation '{action}' on item #{item_id} approved and queued (outbox #{outbox_id}).", "ok")
    return _back(item_id)


@blueprint.route("/items/<int:item_id>/category", methods=["POST"])
@access.allow("review")
def change_category(item_id: int) -> Any:
    category = request.form.get("category") or ""
    if category not in CATEGORIES:
        raise InvalidTransition(f"choose one of {', '.join(CATEGORIES)}")
    approval.change_category(modbot(), item_id, user().name, category)
    flash(f"Item #{item_id} is now {category}; the correction will be used for retraining.", "ok")
    return _back(item_id)


@blueprint.route("/api/items/<int:item_id>/guard", methods=["POST"])
@access.allow("review")
def guard_preview(item_id: int) -> Any:
    payload = request.get_json(silent=True) or {}
    text = payload.get("text") if isinstance(payload, dict) else None
    if not isinstance(text, str):
        return jsonify(error="send {\"text\": \"...\"}"), 400
    if not text.strip():
        return jsonify(blocked=True, problems=["the reply is empty"], warnings=[])
    return jsonify(approval.preview_guard(modbot(), item_id, text[:MAX_REPLY]))

