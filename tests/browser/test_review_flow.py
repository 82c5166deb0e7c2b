"""Reviewing as a busy reviewer meets it, in headless Chromium against a real `modbot serve`:
a crisis reply is refused until the message is shown, what is approved is what is posted, the
queue filter survives every action, and a page on another site that opens an item changes nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import app as application
from bot import outbox
from bot.models import AuditEvent, Item, OutboxRow
from tests.browser.conftest import Server
from tests.browser.test_dashboard_e2e import selected_id, sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLURRED = "() => getComputedStyle(document.getElementById('message-text')).filter.includes('blur')"


def modbot(server: Server) -> application.App:
    return application.open_app(server.home)


def events_of(server: Server, item_id: int) -> list[AuditEvent]:
    """The item's audit events from reviewers (not the poller's triage and alert events)."""
    with modbot(server).reads() as db:
        return list(db.scalars(select(AuditEvent).where(
            AuditEvent.item_id == item_id, AuditEvent.actor == "olivia").order_by(AuditEvent.id)))


def item_state(server: Server, item_id: int) -> tuple[Any, ...]:
    """Everything a page load must not change: the item's review fields and the audit log's length."""
    with modbot(server).reads() as db:
        item = db.get_one(Item, item_id)
        events = db.scalar(select(func.count()).select_from(AuditEvent))
        return item.status, item.first_viewed_at, item.claimed_by, item.claimed_at, events


def test_a_crisis_reply_is_refused_until_the_message_is_shown_then_posted_as_suggested(
        page: Any, server: Server, screenshots: Path) -> None:
    problems = watch_console(page)
    sign_in(page, server, "olivia")
    page.goto(server.url + "/queue?category=crisis")
    row = page.locator("[data-row]").last
    item_id = int(str(row.get_attribute("data-id")))
    row.locator("a.open").click()
    page.wait_for_url(re.compile(rf"/items/{item_id}\?back="))
    assert page.evaluate(BLURRED)
    suggestion = page.get_by_label(re.compile("Reply text")).input_value()
    assert "\n" in suggestion  # a multi-line suggestion: the browser sends it with CRLF

    page.keyboard.press("a")  # approve by keyboard without having shown the message
    page.get_by_text("Show the message and read it before approving a reply; nothing was approved").wait_for()
    assert page.evaluate(BLURRED)  # still hidden
    page.screenshot(path=str(screenshots / "item-crisis-refused.png"), full_page=True)
    assert item_state(server, item_id)[0] == "suggested"
    assert [e.action for e in events_of(server, item_id)] == []

    page.get_by_role("button", name="Show the message").click()
    page.wait_for_url(re.compile(rf"/items/{item_id}\?back=.*#message-text$"))
    assert not page.evaluate(BLURRED)
    assert page.get_by_label(re.compile("Reply text")).input_value() == suggestion
    page.keyboard.press("a")
    page.wait_for_url(server.url + "/queue?category=crisis")  # back on the crisis filter
    assert page.get_by_text(f"Reply to item #{item_id} approved").is_visible()

    events = events_of(server, item_id)
    assert [(e.actor, e.action) for e in events] == [("olivia", "view"), ("olivia", "approve")]  # no edit
    assert events[0].data == {"first_view": True, "revealed": True}
    app = modbot(server)
    offered = suggestion  # the reply text the page showed
    with app.reads() as db:
        queued = db.scalars(select(OutboxRow.text).where(OutboxRow.item_id == item_id)).one()
        external_id = db.get_one(Item, item_id).external_id
    assert queued == offered and events[1].data["text"] == offered
    outbox.post_once(app, worker="browser-test")
    replies = (server.home / "items.jsonl.replies.jsonl").read_text(encoding="utf-8").splitlines()
    posted = [json.loads(line)["text"] for line in replies if json.loads(line)["parent_id"] == external_id]
    assert posted == [offered]  # byte for byte what was suggested and approved
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_every_action_goes_on_to_the_next_item_of_the_same_filter_and_search(
        page: Any, server: Server) -> None:
    sign_in(page, server, "olivia")
    page.get_by_label("Search text").fill("the")
    page.get_by_text("More filters").click()
    page.get_by_label("Category", exact=True).select_option("engagement")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"q=the"))
    filtered = page.url
    queue_address = filtered.removeprefix(server.url)
    rows = page.locator("[data-row]")
    ids = [int(i) for i in rows.evaluate_all("rows => rows.map(row => row.dataset.id)")]
    assert len(ids) >= 8, filtered

    def on_item(item_id: int, message: str) -> None:
        """On the item page of the next item in that queue, the queue kept for "← Queue"."""
        page.wait_for_url(re.compile(rf"/items/{item_id}\?back="))
        page.get_by_text(message).wait_for()
        assert page.locator("[data-key-up]").get_attribute("href") == queue_address

    # Approve an edited, two-line reply from the item page: on to the next item of the queue.
    page.locator(f'[data-row][data-id="{ids[0]}"] a.open').click()
    page.get_by_label(re.compile("Reply text")).fill("Thanks for watching!\nGlad it helped.")
    page.get_by_role("button", name="Approve reply (a)").click()
    on_item(ids[1], f"Reply to item #{ids[0]} approved")
    # Reject it by keyboard there: on to the one after.
    page.keyboard.press("r")
    on_item(ids[2], f"Item #{ids[1]} rejected")
    # Dismiss it: on again.
    page.get_by_role("button", name="Dismiss: nothing to do").click()
    on_item(ids[3], f"Item #{ids[2]} dismissed")
    # Up to the queue: the same filter and search.
    page.keyboard.press("u")
    page.wait_for_url(filtered)
    assert page.get_by_label("Search text").input_value() == "the"
    assert page.get_by_label("Category", exact=True).input_value() == "engagement"

    # On the queue itself, reject the second row by keyboard: back on the same queue, with the
    # row after it selected (not the first row).
    assert selected_id(page) == str(ids[3])
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.wait_for_url(f"{filtered}#item-{ids[5]}")
    page.get_by_text(f"Item #{ids[4]} rejected").wait_for()
    assert selected_id(page) == str(ids[5]) != page.locator("[data-row]").first.get_attribute("data-id")

    # Escalate from the item page: an assistant's action (an owner is not offered it).
    assistant = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        sign_in(assistant, server, "adam")
        assistant.goto(filtered)
        assistant.locator(f'[data-row][data-id="{ids[5]}"] a.open').click()
        assistant.get_by_role("button", name="Escalate to owner (e)").click()
        assistant.wait_for_url(re.compile(rf"/items/{ids[6]}\?back="))
        assistant.get_by_text(f"Item #{ids[5]} escalated").wait_for()
    finally:
        assistant.context.close()

    with modbot(server).reads() as db:
        statuses = [db.get_one(Item, item_id).status for item_id in ids[:6]]
        queued = db.scalars(select(OutboxRow.text).where(OutboxRow.item_id == ids[0])).one()
    assert statuses == ["approved", "rejected", "dismissed", "suggested", "rejected", "escalated"]
    assert queued == "Thanks for watching!\nGlad it helped."  # the textarea's CRLF normalised
    [edit] = [e for e in events_of(server, ids[0]) if e.action == "edit"]
    assert edit.data["after"] == "Thanks for watching!\nGlad it helped."
    assert "\\r" not in json.dumps([e.data for e in events_of(server, ids[0])])


ATTACK = """<!doctype html><title>Free webinar</title>
<img src="{target}"><iframe src="{target}"></iframe>
<script>
fetch("{target}", {{mode: "no-cors", credentials: "include"}})
  .catch(() => null).then(() => setTimeout(() => {{ location.href = "{target}"; }}, 300));
</script>"""
FORGED_POST = """<!doctype html><title>Free webinar</title>
<form method="post" action="{target}/reveal"><input name="back" value="/queue"></form>
<script>document.forms[0].submit();</script>"""


def test_a_cross_site_page_that_opens_an_item_changes_nothing(page: Any, server: Server) -> None:
    sign_in(page, server, "olivia")
    page.goto(server.url + "/queue?category=crisis")
    item_id = int(str(page.locator("[data-row]").first.get_attribute("data-id")))
    target = f"{server.url}/items/{item_id}"
    before = item_state(server, item_id)
    pages = {"/": ATTACK, "/post": FORGED_POST}
    page.route(re.compile(r"^http://attacker\.test/"), lambda route: route.fulfill(
        status=200, content_type="text/html",
        body=pages[re.sub(r"^http://attacker\.test", "", route.request.url)].format(target=target)))

    page.goto("http://attacker.test/")
    page.wait_for_url(target)  # the other site sent the signed-in reviewer to the item ...
    page.get_by_role("button", name="Show the message").wait_for()
    assert page.evaluate(BLURRED)  # ... which shows it, still hidden,
    assert item_state(server, item_id) == before  # and records, claims and silences nothing

    page.goto("http://attacker.test/post")  # a forged POST to reveal it is refused as well
    page.wait_for_url(target + "/reveal")
    assert "did not come from the dashboard" in page.locator("main").inner_text()
    assert item_state(server, item_id) == before
