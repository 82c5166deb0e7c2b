"""The review workflow: states, roles, claims, the reply guard, and an audit event per change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bot import approval, audit
from bot.app import App
from bot.errors import InvalidTransition, NotFound, NotRead, PermissionDenied, ReplyBlocked
from bot.models import Decision, Item, OutboxRow, TriageResult
from tests.test_approval_support import (
    ASSISTANT,
    AUDITOR,
    OWNER,
    add_item,
    audit_actions,
    audit_data,
    item,
    workflow_app,
)


@pytest.fixture
def app(home: Path) -> App:
    return workflow_app(home)


def _count(app: App, model: type) -> int:
    with app.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# ---------------------------------------------------------------- the role matrix

@pytest.mark.parametrize(("role", "action", "category", "allowed"), [
    ("assistant", "approve", "engagement", True),
    ("assistant", "approve", "advice", True),
    ("assistant", "approve", "crisis", False),
    ("assistant", "approve", "client", False),
    ("assistant", "approve", None, False),
    ("assistant", "escalate", "crisis", True),
    ("assistant", "escalate", "client", True),
    ("assistant", "reject", "crisis", False),
    ("assistant", "dismiss", "client", False),
    ("assistant", "override", "engagement", False),
    ("assistant", "assign", "engagement", False),
    ("assistant", "moderate", "crisis", False),
    ("owner", "approve", "crisis", True),
    ("owner", "override", "client", True),
    ("owner", "assign", "crisis", True),
    ("owner", "moderate", "crisis", True),
    ("auditor", "view", "crisis", True),
    ("auditor", "approve", "engagement", False),
    ("auditor", "escalate", "engagement", False),
    ("auditor", "claim", "engagement", False),
    ("stranger", "view", "engagement", False),
])
def test_role_matrix(role: str, action: str, category: str | None, allowed: bool) -> None:
    assert approval.can(role, action, category) is allowed


# ---------------------------------------------------------------- approving

def test_assistant_approves_an_engagement_reply_in_one_transaction(app: App) -> None:
    item_id = add_item(app)
    row_id = approval.approve(app, item_id, ASSISTANT)

    with app.sessions() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None and row.status == "pending" and row.text == "Thank you for watching!"
        decision = session.get(Decision, row.decision_id)
        assert decision is not None and decision.action == "approve"
        assert decision.template == "engagement_thanks"
    stored = item(app, item_id)
    assert stored.status == "approved" and stored.decided_at is not None
    (event,) = audit_data(app, "approve", item_id)
    assert event["text"] == "Thank you for watching!" and event["template"] == "engagement_thanks"
    assert event["guard"]["blocked"] is False and event["outbox_id"] == row_id
    assert "edit" not in audit_actions(app, item_id)


def test_assistant_cannot_approve_a_crisis_reply_and_nothing_is_written(app: App) -> None:
    item_id = add_item(app, "I don't want to be here anymore", category="crisis",
                       suggestions=[("crisis_support", "You deserve support right now. Call or text 988.")])
    before = audit_actions(app)
    with pytest.raises(PermissionDenied, match="escalate"):
        approval.approve(app, item_id, ASSISTANT)
    assert item(app, item_id).status == "suggested"
    assert _count(app, OutboxRow) == 0 and _count(app, Decision) == 0
    assert audit_actions(app) == before


def test_assistant_escalates_and_the_owner_approves(app: App) -> None:
    item_id = add_item(app, "see you tuesday!", category="client",
                       suggestions=[("client_neutral", "Thanks for the comment.")])
    approval.escalate(app, item_id, ASSISTANT, note="looks like a client")
    assert item(app, item_id).status == "escalated"
    with pytest.raises(InvalidTransition):
        approval.escalate(app, item_id, ASSISTANT)
    approval.approve(app, item_id, OWNER)
    assert item(app, item_id).status == "approved"
    assert audit_data(app, "escalate", item_id)[0]["note"] == "looks like a client"


def test_auditor_changes_nothing(app: App) -> None:
    item_id = add_item(app)
    for act in (lambda: approval.approve(app, item_id, AUDITOR),
                lambda: approval.reject(app, item_id, AUDITOR),
                lambda: approval.escalate(app, item_id, AUDITOR),
                lambda: approval.dismiss(app, item_id, AUDITOR),
                lambda: approval.claim(app, item_id, AUDITOR),
                lambda: approval.change_category(app, item_id, AUDITOR, "crisis"),
                lambda: approval.moderate(app, item_id, AUDITOR, "hold")):
        with pytest.raises(PermissionDenied):
            act()
    assert item(app, item_id).status == "suggested"


def test_edited_reply_hinting_at_a_session_is_blocked(app: App) -> None:
    item_id = add_item(app)
    with pytest.raises(ReplyBlocked) as blocked:
        approval.approve(app, item_id, ASSISTANT, text="See you at our session on Tuesday!")
    assert blocked.value.problems and any("relationship" in p for p in blocked.value.problems)
    # An owner without a written reason is blocked too; an assistant's reason is not enough.
    with pytest.raises(ReplyBlocked):
        approval.approve(app, item_id, OWNER, text="See you at our session on Tuesday!")
    with pytest.raises(ReplyBlocked):
        approval.approve(app, item_id, ASSISTANT, text="See you at our session on Tuesday!",
                         override_reason="I know best")
    assert item(app, item_id).status == "suggested" and _count(app, OutboxRow) == 0


def test_owner_override_is_recorded_with_its_reason(app: App) -> None:
    item_id = add_item(app)
    approval.approve(app, item_id, OWNER, text="See you at our session on Tuesday!",
                     override_reason="the event is a public workshop session")
    with app.sessions() as session:
        decision = session.scalars(select(Decision)).one()
    assert decision.override_reason == "the event is a public workshop session"
    (event,) = audit_data(app, "approve", item_id)
    assert event["guard"]["blocked"] is True and event["override_reason"].startswith("the event")


def test_edit_records_before_and_after(app: App) -> None:
    item_id = add_item(app)
    approval.approve(app, item_id, ASSISTANT, text="Thanks so much for watching, glad it helped.")
    (edit,) = audit_data(app, "edit", item_id)
    assert edit == {"template": "engagement_thanks", "before": "Thank you for watching!",
                    "after": "Thanks so much for watching, glad it helped."}


def test_template_choice_and_missing_suggestion(app: App) -> None:
    item_id = add_item(app, suggestions=[("a", "Thank you!"), ("b", "Thanks for watching, take care.")])
    row_id = approval.approve(app, item_id, ASSISTANT, template="b")
    with app.sessions() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None and row.text == "Thanks for watching, take care."
    bare = add_item(app, suggestions=[])
    with app.sessions.begin() as session:  # not triaged yet: nothing to render a reply from
        untriaged = session.get_one(Item, bare)
        untriaged.category, untriaged.status = None, "new"
    with pytest.raises(InvalidTransition, match="no suggested reply"):
        approval.approve(app, bare, OWNER)
    with pytest.raises(InvalidTransition, match="empty"):
        approval.approve(app, bare, OWNER, text="   ")


def test_suggestions_are_rendered_when_the_item_is_first_opened(app: App) -> None:
    item_id = add_item(app, "Thanks, this helped me a lot", suggestions=[])
    record = approval.open_item(app, item_id, ASSISTANT)
    assert record.suggestions and all(s["text"] and not s["guard"]["blocked"] for s in record.suggestions)
    row_id = approval.approve(app, item_id, ASSISTANT)
    with app.sessions() as session:
        row = session.get_one(OutboxRow, row_id)
        decision = session.scalars(select(Decision).where(Decision.item_id == item_id)).one()
    assert row.text == record.suggestions[0]["text"]  # what the reviewer was shown, byte for byte
    assert decision.template == record.suggestions[0]["template"]


def test_decided_items_offer_no_replies_and_a_new_category_offers_its_own(app: App) -> None:
    decided = add_item(app, "Thanks, this helped me a lot", suggestions=[])
    approval.reject(app, decided, ASSISTANT)
    assert approval.read_item(app, decided, ASSISTANT).suggestions == []

    # Replies pinned for "thanks for watching" give way when a reviewer raises the item to crisis.
    raised = add_item(app, "Thanks, this helped me a lot", suggestions=[("engagement_thanks", "Thanks!")])
    approval.change_category(app, raised, ASSISTANT, "crisis")
    offered = approval.read_item(app, raised, ASSISTANT).suggestions
    assert offered and all(s["template"].startswith("crisis") for s in offered), offered
    assert "Thanks!" not in [s["text"] for s in offered]


def test_an_item_is_approved_once(app: App) -> None:
    item_id = add_item(app)
    approval.approve(app, item_id, ASSISTANT)
    for act in (lambda: approval.approve(app, item_id, OWNER),
                lambda: approval.reject(app, item_id, OWNER),
                lambda: approval.dismiss(app, item_id, OWNER)):
        with pytest.raises(InvalidTransition, match="approved"):
            act()
    assert _count(app, OutboxRow) == 1


def test_unknown_item_and_user(app: App) -> None:
    with pytest.raises(NotFound):
        approval.approve(app, 999, OWNER)
    item_id = add_item(app)
    with pytest.raises(NotFound, match="nobody"):
        approval.approve(app, item_id, "nobody")


def test_reject_and_dismiss_post_nothing(app: App) -> None:
    first, second = add_item(app), add_item(app)
    approval.reject(app, first, ASSISTANT, note="spam")
    approval.dismiss(app, second, ASSISTANT)
    assert item(app, first).status == "rejected" and item(app, second).status == "dismissed"
    assert _count(app, OutboxRow) == 0
    with app.sessions() as session:
        actions = [d.action for d in session.scalars(select(Decision).order_by(Decision.id))]
    assert actions == ["reject", "dismiss"]


# ---------------------------------------------------------------- viewing, claims, assignment

def test_open_records_the_first_view_and_every_view(app: App) -> None:
    item_id = add_item(app)
    record = approval.open_item(app, item_id, AUDITOR)
    assert record.id == item_id and item(app, item_id).first_viewed_at is None  # auditors do not count
    approval.open_item(app, item_id, ASSISTANT)
    first = item(app, item_id).first_viewed_at
    assert first is not None
    approval.open_item(app, item_id, OWNER)
    assert item(app, item_id).first_viewed_at == first
    assert [e["first_view"] for e in audit_data(app, "view", item_id)] == [False, True, False]


def test_reading_an_item_changes_nothing(app: App) -> None:
    item_id = add_item(app, "I don't want to be here anymore", category="crisis",
                       suggestions=[("crisis_support", "Please reach out: call or text 988.")])
    before = audit_actions(app)
    record = approval.read_item(app, item_id, ASSISTANT)
    assert record.id == item_id and record.text == "I don't want to be here anymore"
    assert audit_actions(app) == before
    assert item(app, item_id).first_viewed_at is None and item(app, item_id).claimed_by is None


def test_a_crisis_reply_needs_the_approvers_own_reveal_when_required(app: App) -> None:
    crisis = add_item(app, "I don't want to be here anymore", category="crisis",
                      suggestions=[("crisis_support", "Please reach out: call or text 988.")])
    routine = add_item(app)
    approval.open_item(app, crisis, OWNER)  # a plain view (as a page load once was) does not count
    approval.reveal(app, crisis, ASSISTANT)  # nor does someone else's reveal
    assert not approval.has_read(app, crisis, OWNER) and approval.has_read(app, crisis, ASSISTANT)
    with pytest.raises(NotRead, match="show the message"):
        approval.approve(app, crisis, OWNER, require_read=True)
    assert item(app, crisis).status == "suggested" and _count(app, OutboxRow) == 0
    approval.approve(app, routine, ASSISTANT, require_read=True)  # only crisis items need it
    approval.reveal(app, crisis, OWNER)
    assert audit_data(app, "view", crisis)[-1] == {"first_view": False, "revealed": True}
    approval.approve(app, crisis, OWNER, require_read=True)
    assert item(app, crisis).status == "approved"


@pytest.mark.parametrize(("given", "expected"), [
    ("Thanks!\r\nSee the link.\r\n", "Thanks!\nSee the link."),
    ("a\rb", "a\nb"),
    ("  plain  ", "plain"),
    (" \r\n ", None),
    (None, None),
])
def test_clean_text(given: str | None, expected: str | None) -> None:
    assert approval.clean_text(given) == expected


def test_an_unchanged_suggestion_sent_with_crlf_is_no_edit(app: App) -> None:
    text = "Thanks for asking.\n\nI can't give personal advice here."
    item_id = add_item(app, "what should I do?", category="advice", suggestions=[("advice_short", text)])
    row_id = approval.approve(app, item_id, ASSISTANT, text=text.replace("\n", "\r\n") + "\r\n",
                              template="advice_short")
    with app.sessions() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None and row.text == text
    assert "edit" not in audit_actions(app, item_id)
    approval.reject(app, add_item(app), ASSISTANT, note="spam\r\nreally")
    assert audit_data(app, "reject")[-1]["note"] == "spam\nreally"


def test_one_reviewer_at_a_time(app: App) -> None:
    item_id = add_item(app)
    approval.claim(app, item_id, ASSISTANT)
    approval.claim(app, item_id, ASSISTANT)  # re-claim by the same person is fine
    with pytest.raises(InvalidTransition, match="being reviewed by ash"):
        approval.claim(app, item_id, OWNER)
    with pytest.raises(InvalidTransition, match="being reviewed by ash"):
        approval.approve(app, item_id, OWNER)
    approval.release(app, item_id, ASSISTANT)
    approval.claim(app, item_id, OWNER)
    assert item(app, item_id).claimed_by is not None
    approval.approve(app, item_id, OWNER)
    assert item(app, item_id).claimed_by is None  # a decision ends the claim


def test_a_stale_claim_can_be_taken_over(app: App) -> None:
    item_id = add_item(app)
    approval.claim(app, item_id, ASSISTANT)
    with app.sessions.begin() as session:
        stored = session.get(Item, item_id)
        assert stored is not None and stored.claimed_at is not None
        session.execute(update(Item).where(Item.id == item_id).values(
            claimed_at=stored.claimed_at - approval.CLAIM_TIMEOUT - timedelta(seconds=1)))
    approval.claim(app, item_id, OWNER)
    assert audit_data(app, "claim", item_id)[-1] == {"took_over_stale": True}


def test_assign_is_for_owners(app: App) -> None:
    item_id = add_item(app)
    with pytest.raises(PermissionDenied):
        approval.assign(app, item_id, ASSISTANT, ASSISTANT)
    with pytest.raises(PermissionDenied, match="auditor"):
        approval.assign(app, item_id, OWNER, AUDITOR)
    approval.assign(app, item_id, OWNER, ASSISTANT)
    assert item(app, item_id).assigned_to is not None
    approval.assign(app, item_id, OWNER, None)
    assert item(app, item_id).assigned_to is None


# ---------------------------------------------------------------- categories

def test_reviewer_corrections_are_stored_for_training(app: App) -> None:
    item_id = add_item(app)
    approval.change_category(app, item_id, ASSISTANT, "crisis")
    assert item(app, item_id).category == "crisis"
    with pytest.raises(PermissionDenied):  # an assistant may raise a flag, never lower one
        approval.change_category(app, item_id, ASSISTANT, "engagement")
    approval.change_category(app, item_id, OWNER, "advice")
    advice_id = add_item(app, "How do I stop panicking before exams?", category="advice")
    with pytest.raises(PermissionDenied):  # lowering advice to engagement would open it to bulk approve
        approval.change_category(app, advice_id, ASSISTANT, "engagement")
    assert item(app, advice_id).category == "advice"
    with app.sessions() as session:
        corrections = list(session.scalars(select(TriageResult).where(TriageResult.source == "reviewer")
                                           .order_by(TriageResult.id)))
    assert [(c.category, c.labels) for c in corrections] == [("crisis", ["crisis"]), ("advice", ["advice"])]
    assert all(c.created_by is not None for c in corrections)
    with pytest.raises(InvalidTransition):
        approval.change_category(app, item_id, OWNER, "urgent")
    with pytest.raises(InvalidTransition):
        approval.change_category(app, item_id, OWNER, "advice", ["crisis"])


# ---------------------------------------------------------------- moderation

def test_moderation_is_approvable_and_crisis_needs_an_owner(app: App) -> None:
    spam = add_item(app, "buy followers", platform="youtube", account="yt")
    crisis = add_item(app, "I want to end it", category="crisis", platform="youtube", account="yt",
                      moderation_status="heldForReview",
                      suggestions=[("crisis_support", "Please reach out: call or text 988.")])
    reddit = add_item(app, "hi", platform="reddit", account="rd")

    row_id = approval.moderate(app, spam, ASSISTANT, "reject")
    with pytest.raises(PermissionDenied, match="owner"):
        approval.moderate(app, crisis, ASSISTANT, "reject")
    with pytest.raises(PermissionDenied):
        approval.moderate(app, crisis, ASSISTANT, "publish", reply_text="Please reach out: call or text 988.")
    with pytest.raises(InvalidTransition, match="remove"):
        approval.moderate(app, reddit, OWNER, "hold")
    with pytest.raises(InvalidTransition, match="cannot be published"):  # and nothing is queued
        approval.moderate(app, reddit, OWNER, "publish", reply_text="Thanks for reaching out.")
    assert item(app, reddit).status == "suggested"
    publish_id = approval.moderate(app, crisis, OWNER, "publish",
                                   reply_text="Please reach out: call or text 988.")

    with app.sessions() as session:
        rows = {r.id: r for r in session.scalars(select(OutboxRow))}
    assert rows[row_id].action == "reject" and rows[row_id].text is None
    assert rows[publish_id].action == "publish_reply" and rows[publish_id].text.endswith("988.")
    assert item(app, spam).status == "suggested"  # moderation alone decides no reply
    assert item(app, crisis).status == "approved"
    assert audit_data(app, "moderate", spam)[0]["destructive"] is True


def test_preview_guard(app: App) -> None:
    item_id = add_item(app)
    assert approval.preview_guard(app, item_id, "Thanks for watching!")["blocked"] is False
    verdict = approval.preview_guard(app, item_id, "Please leave a review about how I helped you")
    assert verdict["blocked"] is True and verdict["problems"]


def test_every_change_is_in_an_intact_audit_chain(app: App) -> None:
    item_id = add_item(app)
    approval.open_item(app, item_id, ASSISTANT)
    approval.claim(app, item_id, ASSISTANT)
    approval.approve(app, item_id, ASSISTANT, text="Thanks a lot for watching!")
    assert audit_actions(app, item_id) == ["view", "claim", "approve", "edit"]
    with app.sessions() as session:
        assert audit.verify(session).ok
