"""What a reviewer sees on a crisis item, and the dashboard on a phone, in headless Chromium
against a real `modbot serve`: the guidance for the practice's region, suggestions named for
people, no "escalate to owner" for an owner, the approve button within one screen of the message
at 390x844, and a queue that reads at 390 px without sideways scrolling.

These tests only read: they reveal nothing and approve nothing, so the review-flow tests that
share the server find their items untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_dashboard_e2e import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def open_crisis_item(page: Any, server: Server, index: int = 0) -> int:
    page.goto(server.url + "/queue?category=crisis")
    row = page.locator("[data-row]").nth(index)
    item_id = int(str(row.get_attribute("data-id")))
    page.goto(server.url + str(row.locator("a.open").get_attribute("href")))
    assert re.search(rf"/items/{item_id}\?back=", page.url), page.url
    return item_id


def test_a_crisis_item_says_what_to_do_now_in_the_practice_region(
        page: Any, server: Server, screenshots: Path) -> None:
    problems = watch_console(page)
    sign_in(page, server, "olivia")
    open_crisis_item(page, server)

    now = page.locator("[data-crisis-now]")
    assert now.is_visible() and "crisis protocol" in now.inner_text()
    guidance = page.get_by_role("region", name="Crisis: what to do now")
    assert guidance.get_attribute("data-region") == "US"  # [practice] region, the default
    text = guidance.inner_text()
    assert "call your local emergency number (911)" in text
    assert "Report it to" in text and "self-harm" in text  # the platform's own reporting
    assert "Resources the reply will carry: United States (US)" in text
    assert "988 Suicide & Crisis Lifeline: call or text 988" in text  # from responses/data
    assert "Crisis Text Line: text HOME to 741741" in text
    # The reply really carries what the guidance lists.
    reply = page.get_by_label(re.compile("Reply text")).input_value()
    assert "988" in reply and "741741" in reply

    # Suggestions are named for people; the template id is only a tooltip.
    names = page.locator(".suggestion .template-name").all_inner_texts()
    assert names and all(name.startswith("Crisis resources") for name in names), names
    assert not any(re.fullmatch(r"[a-z]+\.(public|private)\.\d+", name) for name in names)
    # An owner is the one escalated to: no "Escalate to owner" for her.
    assert page.get_by_role("button", name=re.compile("Escalate to owner")).count() == 0
    guidance.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "item-crisis-guidance.png"), full_page=True)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_on_a_phone_approve_is_within_one_screen_of_the_crisis_message(
        phone: Any, server: Server, screenshots: Path) -> None:
    problems = watch_console(phone)
    sign_in(phone, server, "olivia")
    open_crisis_item(phone, server)
    phone.screenshot(path=str(screenshots / "phone-item-crisis.png"), full_page=True)
    message = phone.locator("#message-text").bounding_box()
    approve = phone.get_by_role("button", name="Approve reply (a)").bounding_box()
    assert message and approve
    assert approve["y"] + approve["height"] - message["y"] <= PHONE["height"], (message, approve)
    # Scrolled so the message is at the top, the approve button is on the same screen.
    phone.evaluate("y => window.scrollTo(0, y)", message["y"])
    assert phone.evaluate(
        "() => { const r = document.querySelector('[data-action=approve]').getBoundingClientRect();"
        " return r.bottom <= window.innerHeight && r.top >= 0; }")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_on_a_phone_the_queue_reads_without_sideways_scrolling(
        phone: Any, server: Server, screenshots: Path) -> None:
    sign_in(phone, server, "olivia")
    phone.goto(server.url + "/queue")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    rows = phone.locator("[data-row]")
    assert rows.count() > 3
    for index in range(min(rows.count(), 8)):
        box = rows.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, box
        excerpt = rows.nth(index).locator(".excerpt").bounding_box()
        assert excerpt and excerpt["width"] >= 250, excerpt  # the text gets the row's width
    size = phone.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('[data-row] .excerpt')).fontSize)")
    assert size >= 15  # readable without zooming
    phone.screenshot(path=str(screenshots / "phone-queue.png"), full_page=True)


def test_on_a_phone_approve_stays_within_one_screen_after_the_message_is_shown(
        browser: Any, server: Server, screenshots: Path) -> None:
    # owen, a second owner: the reveal is his reading, olivia's items stay unread for other tests.
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    try:
        sign_in(phone, server, "owen")
        item_id = open_crisis_item(phone, server, 1)  # the screenshots show him the first one
        phone.get_by_role("button", name="Show the message").click()
        phone.wait_for_url(re.compile(rf"/items/{item_id}\?back=.*#message-text$"))
        phone.wait_for_function(
            "() => getComputedStyle(document.getElementById('message-text')).filter == 'none'")
        phone.screenshot(path=str(screenshots / "phone-item-crisis-revealed.png"))
        # Landed on the message (#message-text): its text and the approve button on this one screen.
        on_screen = phone.evaluate("""() => {
            const box = (el) => el.getBoundingClientRect();
            const text = box(document.getElementById('message-text'));
            const approve = box(document.querySelector('[data-action=approve]'));
            return {textTop: text.top, approveBottom: approve.bottom, height: window.innerHeight};
        }""")
        assert -1 <= on_screen["textTop"] and on_screen["approveBottom"] <= on_screen["height"], on_screen
        # The reply box is as tall as the screen allows: its text fits it, or 7 lines show.
        reply = phone.get_by_label(re.compile("Reply text"))
        assert "988" in reply.input_value()
        assert phone.evaluate("""() => { const r = document.getElementById('reply-text');
            const line = parseFloat(getComputedStyle(r).lineHeight);
            return r.scrollHeight <= r.clientHeight + 1 || r.clientHeight >= 7 * line; }""")
        assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
