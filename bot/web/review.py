"""The queue, the item page and every review action, each a thin call into bot.approval."""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from bot import approval, storage
from bot.domain import CATEGORIES, PLATFORMS
from bot.errors import InvalidTransition, NotFound, ReplyBlocked, WorkflowError
from bot.storage import STATUSES, ItemRecord
from bot.web import access, queries
from bot.web.context import modbot, user

logger = logging.getLogger(__name__)

blueprint = Blueprint("review", __name__)

MAX_REPLY = 10_000
ITEM_ACTIONS = ("approve", "reject", "escalate", "dismiss", "assign", "moderate", "change_category",
                "release", "override")


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
    return render_template(
        "queue.html", page=page, filters=filters, counts=counts, choices=choices,
        statuses=STATUSES, platforms=PLATFORMS, can_bulk=can_bulk,
        can_act={row.id: {action: approval.can(me.role, action, row.category)
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
            approval.approve(modbot(), item_id, me.name)
            approved += 1
        except (WorkflowError, NotFound) as exc:
            failed.append(f"#{item_id}: {exc}")
    message = f"Approved {approved} engagement item(s)."
    if skipped:
        message += f" Skipped {skipped} that are not engagement items (open them one by one)."
    flash(message, "ok" if approved else "info")
    for line in failed[:10]:
        flash(line, "error")
    return redirect(url_for("review.queue"), code=303)


# ---------------------------------------------------------------- item page


@blueprint.route("/items/<int:item_id>")
@access.allow("read")
def item(item_id: int) -> Any:
    me = user()
    record = approval.open_item(modbot(), item_id, me.name)
    claim_note = None
    if approval.can(me.role, "claim", record.category) and record.status in ("new", "suggested",
                                                                              "escalated", "failed"):
        try:
            approval.claim(modbot(), item_id, me.name)
        except WorkflowError as exc:
            claim_note = str(exc)
    return _render_item(record, claim_note=claim_note)


def _render_item(record: ItemRecord, *, status: int = 200, draft: str | None = None,
                 chosen: str | None = None, problems: list[str] | None = None,
                 claim_note: str | None = None) -> Any:
    me = user()
    with modbot().reads() as db:
        context = queries.item_context(db, record.id)
        previous, following = queries.neighbours(db, record.id)
        people = queries.reviewers(db) if me.role == "owner" else []
    if context is None:
        abort(404)
    can = {action: approval.can(me.role, action, record.category) for action in ITEM_ACTIONS}
    suggestion = record.suggestions[0] if record.suggestions else None
    if chosen is None and suggestion is not None:
        chosen = suggestion["template"]
    if draft is None:
        draft = next((s["text"] for s in record.suggestions if s["template"] == chosen), "")
    return render_template(
        "item.html", item=record, context=context, previous=previous, following=following,
        can=can, people=people, draft=draft, chosen=chosen, problems=problems or [],
        claim_note=claim_note, highlighted=highlight(record.text, record.reasons),
        moderation=approval.MODERATION_ACTIONS.get(record.platform, ()),
    ), status


# Phrases a reason quotes: "x", “x”, ‘x’, «x», or 'x' (as Python's repr writes them).
_QUOTED = re.compile(r'"([^"]{2,80})"|“([^”]{2,80})”|‘([^’]{2,80})’|«([^»]{2,80})»'
                     r"|(?<!\w)'([^']{2,80})'(?!\w)")


def highlight(text: str, reasons: list[str]) -> Markup:
    """The text escaped, with phrases the reasons quote wrapped in <mark>."""
    phrases = {next(g for g in m.groups() if g).strip().lower()
               for reason in reasons for m in _QUOTED.finditer(reason)}
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


def _back(item_id: int) -> Any:
    return redirect(url_for("review.item", item_id=item_id), code=303)


def _note() -> str | None:
    return (request.form.get("note") or "").strip()[:2000] or None


@blueprint.route("/items/<int:item_id>/approve", methods=["POST"])
@access.allow("review")
def approve(item_id: int) -> Any:
    me = user()
    text = (request.form.get("text") or "")[:MAX_REPLY]
    template = request.form.get("template") or None
    override = (request.form.get("override_reason") or "").strip()[:2000] or None
    try:
        outbox_id = approval.approve(modbot(), item_id, me.name, text=text if text.strip() else None,
                                     template=template, override_reason=override)
    except ReplyBlocked as exc:
        with modbot().reads() as db:
            record = storage.item_record(db, item_id)
        flash("The reply guard blocked this reply; nothing was approved.", "error")
        return _render_item(record, status=422, draft=text, chosen=template, problems=exc.problems)
    flash(f"Reply to item #{item_id} approved; it is queued for posting (outbox #{outbox_id}).", "ok")
    return redirect(url_for("review.queue"), code=303)


@blueprint.route("/items/<int:item_id>/reject", methods=["POST"])
@access.allow("review")
def reject(item_id: int) -> Any:
    approval.reject(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} rejected: no reply will be posted.", "ok")
    return redirect(url_for("review.queue"), code=303)


@blueprint.route("/items/<int:item_id>/escalate", methods=["POST"])
@access.allow("review")
def escalate(item_id: int) -> Any:
    approval.escalate(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} escalated to the owner.", "ok")
    return redirect(url_for("review.queue"), code=303)


@blueprint.route("/items/<int:item_id>/dismiss", methods=["POST"])
@access.allow("review")
def dismiss(item_id: int) -> Any:
    approval.dismiss(modbot(), item_id, user().name, note=_note())
    flash(f"Item #{item_id} dismissed.", "ok")
    return redirect(url_for("review.queue"), code=303)


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
    return redirect(url_for("review.queue"), code=303)


@blueprint.route("/items/<int:item_id>/moderate", methods=["POST"])
@access.allow("review")
def moderate(item_id: int) -> Any:
    action = request.form.get("action") or ""
    # "Publish with this reply" comes from the reply form: its text and chosen template.
    reply = (request.form.get("reply_text") or request.form.get("text") or "")[:MAX_REPLY].strip() or None
    template = (request.form.get("template") or None) if reply else None
    try:
        outbox_id = approval.moderate(modbot(), item_id, user().name, action, reply_text=reply,
                                      template=template)
    except ReplyBlocked as exc:
        with modbot().reads() as db:
            record = storage.item_record(db, item_id)
        flash("The reply guard blocked this reply; nothing was approved.", "error")
        return _render_item(record, status=422, draft=reply, problems=exc.problems)
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

