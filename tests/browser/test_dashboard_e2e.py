"""The dashboard as a new user meets it: headless Chromium against a real `modbot serve`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PASSWORDS, XSS_TEXT, Server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def sign_in(page: Any, server: Server, name: str) -> None:
    page.goto(server.url + "/queue")
    assert "/login" in page.url
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/queue$"))


def watch_console(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def selected_id(page: Any) -> str:
    return str(page.locator("[data-row].selected").get_attribute("data-id"))


def test_owner_works_the_queue_by_keyboard_and_approves_a_crisis_reply(
        page: Any, server: Server, screenshots: Path) -> None:
    problems = watch_console(page)
    sign_in(page, server, "olivia")
    rows = page.locator("[data-row]")
    assert rows.count() > 10
    first = rows.nth(0)
    assert first.get_attribute("data-category") == "crisis"  # crisis first
    assert selected_id(page) == first.get_attribute("data-id")
    page.keyboard.press("j")
    assert selected_id(page) == rows.nth(1).get_attribute("data-id")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert selected_id(page) == first.get_attribute("data-id")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    page.screenshot(path=str(screenshots / "queue.png"), full_page=False)

    crisis_id = first.get_attribute("data-id")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/items/{crisis_id}$"))
    message = page.locator("#message-text")
    assert "blur" in message.evaluate("el => getComputedStyle(el).filter")  # calm: hidden until asked
    page.screenshot(path=str(screenshots / "item-blurred.png"), full_page=True)
    page.get_by_role("button", name="Show the message").click()
    page.wait_for_function("() => getComputedStyle(document.getElementById('message-text')).filter == 'none'",
                           polling=50)
    verdict = page.locator("[data-guard-verdict]")
    verdict.get_by_text("The reply guard allows this reply").wait_for()
    # The verdict follows the typing.
    reply = page.get_by_label(re.compile("Reply text"))
    original = reply.input_value()
    assert original.strip()
    reply.fill("See you at our session on Tuesday!")
    verdict.get_by_text("Blocked by the reply guard").wait_for()
    reply.fill(original)
    verdict.get_by_text("The reply guard allows this reply").wait_for()
    page.screenshot(path=str(screenshots / "item.png"), full_page=True)

    reply.blur()
    page.keyboard.press("a")
    page.wait_for_url(re.compile(r"/items/\d+$"))  # on to the next item of the queue
    assert page.url != f"{server.url}/items/{crisis_id}"
    assert page.get_by_text(f"Reply to item #{crisis_id} approved").is_visible()

    page.get_by_role("link", name="Audit").click()
    approve_row = page.locator('tr[data-audit-action="approve"]').first
    assert f"#{crisis_id}" in approve_row.inner_text() and "olivia" in approve_row.inner_text()
    page.get_by_label("Action", exact=True).select_option("approve")
    page.get_by_role("button", name="Filter").click()
    assert page.locator('tr[data-audit-action="approve"]').count() == 1
    assert page.locator("tr[data-audit-action]").count() == 1
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_phone_sized_screen(browser: Any, server: Server, screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        sign_in(page, server, "olivia")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"queue scrolls sideways on a phone ({width}px)"
        page.screenshot(path=str(screenshots / "queue-phone.png"))
        excerpt = page.locator("[data-row] .excerpt").first
        assert "sensitive" in str(excerpt.get_attribute("class"))  # crisis first, blurred
        excerpt.click()  # a first tap reveals the text ...
        assert "revealed" in str(excerpt.get_attribute("class"))
        assert "/queue" in page.url
        excerpt.click()  # ... the second opens the item
        page.wait_for_url(re.compile(r"/items/\d+$"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(screenshots / "item-phone.png"), full_page=True)
    finally:
        context.close()


def test_an_auditors_approve_is_refused(page: Any, server: Server) -> None:
    sign_in(page, server, "audrey")
    page.get_by_text("More filters").click()
    page.get_by_label("Category", exact=True).select_option("engagement")
    page.get_by_role("button", name="Filter").click()
    page.locator("[data-row] a.open").first.click()
    page.wait_for_url(re.compile(r"/items/\d+\?back="))  # the link carries the filtered queue
    item_url = page.url.split("?")[0]
    assert page.get_by_role("button", name=re.compile("Approve")).count() == 0
    page.keyboard.press("a")  # the shortcut finds nothing to press
    assert page.url.split("?")[0] == item_url
    status = page.evaluate("""async (url) => {
        const token = document.querySelector('meta[name="csrf-token"]').content;
        const body = new URLSearchParams({csrf_token: token, text: "Thanks!"});
        const response = await fetch(url + "/approve", {method: "POST", body});
        return response.status;
    }""", item_url)
    assert status == 403
    page.reload()
    assert page.locator(".item-head .status").inner_text() == "suggested"


def test_a_form_post_without_its_csrf_token_is_refused(page: Any, server: Server) -> None:
    sign_in(page, server, "olivia")
    item_url = server.url + str(page.locator("[data-row]").last.get_attribute("data-href"))
    response = page.request.post(item_url + "/reject", form={"note": "forged"})
    assert response.status == 400
    page.goto(item_url)
    assert page.locator(".item-head .status").inner_text() != "rejected"


def test_html_and_script_payloads_render_as_inert_text(page: Any, server: Server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = watch_console(page)
    sign_in(page, server, "olivia")
    page.keyboard.press("/")
    page.keyboard.type("onerror")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=onerror"))
    rows = page.locator("[data-row]")
    assert rows.count() == 1, page.url
    assert XSS_TEXT in rows.first.inner_text()
    rows.first.locator("a.open").click()
    page.wait_for_url(re.compile(r"/items/\d+\?back=/queue\?q%3Donerror"))
    assert page.locator("#message-text").inner_text() == XSS_TEXT
    assert "<b>mallory</b>" in page.locator(".item-head .author").inner_text()
    assert page.locator("#message-text img, #message-text script, .item-head b.author b").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert not [p for p in problems if "Content Security Policy" in p], problems
