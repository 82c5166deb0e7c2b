"""Screenshots of the pages a reviewer lives in (queue, a crisis item, an advice item, audit,
stats) at desktop and phone sizes, for a person to look at. Each page is also checked for what a
screenshot would show going wrong: sideways scrolling, script or CSP errors, an empty page.

They land in the `screenshots` folder (a temporary one); with MODBOT_DOCS_SCREENSHOTS=1 they are
also written to docs/screenshots/ (small PNGs: one screen each, at 1x) for the README.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_dashboard_e2e import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Read at import: the suite's autouse guard clears MODBOT_* settings before each test.
WRITE_DOCS = os.environ.get("MODBOT_DOCS_SCREENSHOTS") == "1"


def first_item(page: Any, server: Server, category: str) -> str:
    page.goto(f"{server.url}/queue?category={category}")
    return str(page.locator("[data-row] a.open").first.get_attribute("href"))


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_every_page(browser: Any, server: Server, screenshots: Path, size: str) -> None:
    context = browser.new_context(viewport=SIZES[size], device_scale_factor=1,
                                  is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = watch_console(page)
    shots: list[Path] = []

    def reply_fits() -> bool:
        """The editor shows the whole reply (a phone caps it so approve stays near the message)."""
        return bool(page.evaluate("""() => { const r = document.getElementById('reply-text');
            return r.value.length > 20 && r.scrollHeight <= r.clientHeight + 1; }"""))

    def shoot(name: str) -> None:
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), name
        assert page.locator("main").inner_text().strip(), name
        path = screenshots / f"{name}-{size}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    try:
        sign_in(page, server, "owen")  # a second owner: his reading leaves olivia's items unread
        shoot("queue")
        page.goto(server.url + first_item(page, server, "crisis"))
        show = page.get_by_role("button", name="Show the message")
        if show.count():  # shown once, it stays shown for him (the other size's run)
            show.click()
            page.wait_for_url(re.compile(r"#message-text$"))
        else:
            page.goto(page.url + "#message-text")
        shoot("item-crisis")
        assert reply_fits() or size == "phone"
        # On a phone, landed on the message: approve is on the same screen, below the reply box.
        assert size != "phone" or page.evaluate("""() => document.querySelector(
            '[data-action=approve]').getBoundingClientRect().bottom <= window.innerHeight""")
        page.goto(server.url + first_item(page, server, "advice"))
        assert reply_fits()
        shoot("item-advice")
        page.goto(server.url + "/audit")
        shoot("audit")
        page.goto(server.url + "/stats")
        shoot("stats")
    finally:
        context.close()
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    for path in shots:
        assert 10_000 < path.stat().st_size < 400_000, (path, path.stat().st_size)
    if WRITE_DOCS:
        DOCS.mkdir(parents=True, exist_ok=True)
        for path in shots:
            shutil.copyfile(path, DOCS / path.name)
