"""The review pages say what happened and offer only what can happen, in headless Chromium
against a real `modbot serve`: the audit log reads as sentences, the stats agree with the queue,
and an item page offers only the moderation its platform and kind allow.

The decisions here are owen's (a second owner) on client items, which the other browser tests
leave alone, so their queues and olivia's audit rows are as they expect.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest
from sqlalchemy import select

from bot import app as application
from bot.models import Item
from tests.browser.conftest import Server
from tests.browser.test_dashboard_e2e import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLOCK = r"\d\d:\d\d"
REPLY = "Thank you for writing.\nWe keep social media apart from care."


def item_ids(server: Server, platform: str, kind: str, category: str | None = None) -> list[int]:
    """Open items of a platform and kind (which the queue cannot filter by), oldest first."""
    with application.open_app(server.home).reads() as db:
        query = select(Item.id).where(Item.platform == platform, Item.kind == kind,
                                      Item.status.in_(("new", "suggested"))).order_by(Item.id)
        if category:
            query = query.where(Item.category == category)
        return list(db.scalars(query))


def audit_sentences(page: Any, server: Server, item_id: int, action: str) -> list[str]:
    page.goto(f"{server.url}/audit?item={item_id}")
    return [text.strip() for text in
            page.locator(f'tr[data-audit-action="{action}"] [data-sentence]').all_inner_texts()]


def test_the_audit_log_tells_what_a_reviewer_did_in_sentences(page: Any, server: Server) -> None:
    problems = watch_console(page)
    sign_in(page, server, "owen")
    page.goto(server.url + "/queue?category=client")
    rows = page.locator("[data-row]")
    assert rows.count() >= 2
    approved, rejected = (int(str(rows.nth(i).get_attribute("data-id"))) for i in (-1, -2))

    page.goto(f"{server.url}/items/{approved}")
    page.get_by_label(re.compile("Reply text")).fill(REPLY)
    page.get_by_role("button", name="Approve reply (a)").click()
    page.get_by_text(f"Reply to item #{approved} approved").wait_for()
    page.goto(f"{server.url}/items/{rejected}")
    page.get_by_label("Note (optional)", exact=True).fill("Answered by phone")
    page.get_by_role("button", name="Reject: no reply (r)").click()
    page.get_by_text(f"Item #{rejected} rejected").wait_for()

    [approve] = audit_sentences(page, server, approved, "approve")
    assert re.fullmatch(rf"owen approved a reply to item {approved} at {CLOCK}( using “[^”]+”)?: "
                        rf"“{re.escape(' '.join(REPLY.split()))}”\.", approve), approve
    [edit] = audit_sentences(page, server, approved, "edit")
    assert re.match(rf"owen edited the suggested reply to item {approved} at {CLOCK}", edit), edit
    assert "before approving it: changed “" in edit and "” to “care.”" in edit, edit  # a word diff
    details = page.locator("td[data-sentence]").all_inner_texts()
    assert details and not [text for text in details if re.search(r"[{}\[\]]|\"\w+\":", text)], details

    [reject] = audit_sentences(page, server, rejected, "reject")
    assert re.fullmatch(rf"owen rejected item {rejected} \(no reply will be posted\) at {CLOCK}, "
                        r"noting “Answered by phone”\.", reject), reject
    details = page.locator("td[data-sentence]").all_inner_texts()
    assert not [text for text in details if re.search(r"[{}\[\]]|\"\w+\":", text)], details
    assert not [p for p in problems if "Content Security Policy" in p], problems


def queue_rows(page: Any, address: str) -> int:
    """How many rows the queue at `address` lists, over all its pages."""
    total = 0
    while address:
        page.goto(address)
        total += int(page.locator("[data-row]").count())
        following = page.locator('.pager a[rel="next"]')
        address = urljoin(page.url, following.get_attribute("href")) if following.count() else ""
    return total


def test_every_count_on_the_stats_page_is_the_number_of_rows_its_queue_shows(
        page: Any, server: Server) -> None:
    sign_in(page, server, "olivia")
    page.goto(server.url + "/stats")
    links = page.locator("[data-in-queue] a[data-count]")
    counts = [(str(link.get_attribute("data-count")), int(link.inner_text()), str(link.get_attribute("href")))
              for link in links.all()]
    cells = {name for name, _, _ in counts}
    assert {"crisis/", "client/", "advice/", "engagement/"} <= cells, cells  # the open row
    assert any(name.endswith("/suggested") for name in cells), cells  # and a status row
    mismatched = [(name, shown, queue_rows(page, server.url + href)) for name, shown, href in counts]
    mismatched = [entry for entry in mismatched if entry[1] != entry[2]]
    assert not mismatched, f"(cell, stats count, queue rows): {mismatched}"
    # The queue's own count for a category says the same.
    for name, shown, href in counts:
        if name.endswith("/"):
            page.goto(server.url + href)
            badge = page.locator(".counts a.current b").inner_text()
            assert int(badge) == shown, (name, badge, shown)


def moderation_offered(page: Any, server: Server, item_id: int) -> list[str]:
    page.goto(f"{server.url}/items/{item_id}")
    page.get_by_role("heading", name=re.compile(rf"Item #{item_id}$")).wait_for()
    return [text.strip() for text in page.locator("#moderate-action option").all_inner_texts()]


def test_an_item_page_offers_only_what_the_platform_and_kind_allow(page: Any, server: Server) -> None:
    sign_in(page, server, "olivia")
    # A Reddit private message: nothing to moderate, so no "Remove" and no moderation form.
    message = item_ids(server, "reddit", "dm")[0]
    assert moderation_offered(page, server, message) == []
    assert page.get_by_role("button", name="Queue moderation").count() == 0
    assert page.get_by_text(re.compile("Remove", re.IGNORECASE)).count() == 0
    assert page.get_by_role("button", name="Reject: no reply (r)").is_visible()  # the reply decision stays
    # A Reddit comment can be removed: the control is there when the platform allows it.
    comment = item_ids(server, "reddit", "comment")[0]
    assert moderation_offered(page, server, comment) == ["Remove the comment"]

    # A YouTube comment can be held or rejected (hidden), never removed; a published one is not
    # offered "publish".
    youtube = item_ids(server, "youtube", "comment", "engagement")[0]
    assert moderation_offered(page, server, youtube) == ["Hold the comment for review",
                                                         "Reject (hide) the comment"]
    assert page.get_by_role("button", name="Queue moderation").is_visible()
    # An owner is the one escalated to: no "Escalate to owner" on any of these for her.
    for item_id in (message, comment, youtube):
        page.goto(f"{server.url}/items/{item_id}")
        assert page.get_by_role("button", name=re.compile("Escalate to owner")).count() == 0, item_id

    # An assistant is offered it on the same YouTube comment.
    assistant = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        sign_in(assistant, server, "adam")
        assistant.goto(f"{server.url}/items/{youtube}")
        assert assistant.get_by_role("button", name="Escalate to owner (e)").is_visible()
    finally:
        assistant.context.close()
