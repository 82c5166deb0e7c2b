"""The dashboard in-process (Flask test client, real migrated SQLite, real workflow)."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import app as application
from bot import storage
from bot.models import AuditEvent, Decision, Item, OutboxRow, TriageResult, User, utcnow
from bot.web import create_app
from tests.web_support import PASSWORD, Seed, csrf_token, login

pytest_plugins = ["tests.web_fixtures"]


def signed_in(web: Any, name: str) -> Any:
    client = web.test_client()
    response = login(client, name)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def token(client: Any) -> str:
    return csrf_token(client, "/queue")


def count(modbot: application.App, model: Any, *where: Any) -> int:
    with modbot.sessions() as db:
        return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


def item_row(modbot: application.App, item_id: int) -> Item:
    with modbot.sessions() as db:
        return db.get_one(Item, item_id)


# ---------------------------------------------------------------- every route x every role

ROLES = {"owner": "olivia", "assistant": "adam", "auditor": "audrey"}
# (method, path template, roles allowed); {e} engagement item, {c} crisis item, {y} youtube item
ROUTES = [
    ("GET", "/", {"owner", "assistant", "auditor"}),
    ("GET", "/queue", {"owner", "assistant", "auditor"}),
    ("GET", "/items/{e}", {"owner", "assistant", "auditor"}),
    ("GET", "/audit", {"owner", "auditor"}),
    ("GET", "/audit.csv", {"owner", "auditor"}),
    ("GET", "/audit.json", {"owner", "auditor"}),
    ("GET", "/stats", {"owner", "auditor"}),
    ("POST", "/items/{e}/approve", {"owner", "assistant"}),
    ("POST", "/items/{e}/reject", {"owner", "assistant"}),
    ("POST", "/items/{e}/escalate", {"owner", "assistant"}),
    ("POST", "/items/{e}/dismiss", {"owner", "assistant"}),
    ("POST", "/items/{e}/release", {"owner", "assistant"}),
    ("POST", "/items/{e}/claim", {"owner", "assistant"}),
    ("POST", "/items/{e}/reveal", {"owner", "assistant", "auditor"}),
    ("POST", "/items/{e}/moderate", {"owner", "assistant"}),
    ("POST", "/items/{e}/category", {"owner", "assistant"}),
    ("POST", "/items/{e}/assign", {"owner"}),
    ("POST", "/api/items/{e}/guard", {"owner", "assistant"}),
    ("POST", "/queue/bulk-approve", {"owner", "assistant"}),
    ("POST", "/logout", {"owner", "assistant", "auditor"}),
]
FORMS = {
    "/moderate": {"action": "hold"},
    "/category": {"category": "advice"},
    "/assign": {"assignee": "adam"},
}


@pytest.mark.parametrize("role", ["anonymous", "owner", "assistant", "auditor"])
@pytest.mark.parametrize(("method", "template", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_every_route_checks_the_role(
    web: Any, seed: Seed, role: str, method: str, template: str, allowed: set[str]
) -> None:
    client = web.test_client() if role == "anonymous" else signed_in(web, ROLES[role])
    path = template.format(e=seed.engagement)
    if method == "GET":
        response = client.get(path)
    else:
        data = next((form for suffix, form in FORMS.items() if path.endswith(suffix)), {})
        csrf = csrf_token(client, "/login" if role == "anonymous" else "/queue")
        if path.startswith("/api/"):
            response = client.post(path, json={"text": "Thanks for watching!"}, headers={"X-CSRFToken": csrf})
        else:
            response = client.post(path, data={**data, "item": str(seed.engagement), "csrf_token": csrf})
    if role == "anonymous":
        if method == "GET":
            assert response.status_code == 302
            assert response.headers["Location"].startswith("/login")
        else:
            assert response.status_code == 401
    elif role in allowed:
        assert response.status_code in (200, 302, 303), response.get_data(as_text=True)[:500]
    else:
        assert response.status_code == 403
        assert "Your role does not allow this" in response.get_data(as_text=True)


def test_a_route_without_a_permission_is_refused(modbot: application.App) -> None:
    web = create_app(modbot, testing=True)

    @web.route("/forgotten")
    def forgotten() -> str:
        return "secret"

    client = signed_in(web, "olivia")
    response = client.get("/forgotten")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)


# ---------------------------------------------------------------- security


def test_a_form_post_without_its_csrf_token_is_refused(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    response = client.post(f"/items/{seed.engagement}/reject", data={"note": "no"})
    assert response.status_code == 400
    assert "did not come from the dashboard" in response.get_data(as_text=True)
    response = client.post(f"/items/{seed.engagement}/reject", data={"csrf_token": "forged", "note": "no"})
    assert response.status_code == 400
    assert item_row(modbot, seed.engagement).status == "suggested"
    assert count(modbot, Decision) == 0


def test_the_guard_preview_needs_the_csrf_header(web: Any, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    response = client.post(f"/api/items/{seed.engagement}/guard", json={"text": "hi"})
    assert response.status_code == 400


def test_a_login_without_csrf_token_is_refused(client: Any) -> None:
    response = client.post("/login", data={"username": "olivia", "password": PASSWORD})
    assert response.status_code == 400


def test_html_and_script_in_a_comment_render_as_inert_text(web: Any, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    for path in ("/queue", f"/items/{seed.xss}", "/queue?q=script"):
        page = client.get(path).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page, path
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
        assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    item_page = client.get(f"/items/{seed.xss}").get_data(as_text=True)
    assert "<i>title</i>" not in item_page and "&lt;i&gt;title&lt;/i&gt;" in item_page
    # The only scripts are files from this server.
    assert re.findall(r"<script[^>]*>", item_page) == ['<script src="/static/app.js" defer>']


def test_security_headers_on_every_page(web: Any, client: Any) -> None:
    responses = [client.get("/login"), client.get("/static/app.css"), signed_in(web, "olivia").get("/queue")]
    for response in responses:
        response.close()
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def _session_cookie(response: Any) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("modbot_session=")]
    assert cookies, "no session cookie set"
    return cookies[-1]


def test_session_cookie_is_httponly_lax_and_secure_over_https(web: Any) -> None:
    plain = web.test_client()
    cookie = _session_cookie(login(plain, "olivia"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on localhost: a Secure cookie would never come back

    direct = web.test_client()
    page = direct.get("/login", base_url="https://localhost").get_data(as_text=True)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found
    token_ = found.group(1)
    response = direct.post(
        "/login",
        base_url="https://localhost",
        data={"username": "olivia", "password": PASSWORD, "csrf_token": token_},
    )
    assert response.status_code == 303
    assert "Secure" in _session_cookie(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")

    proxied = web.test_client()
    token_ = csrf_token(proxied)
    response = proxied.post(
        "/login",
            headers={"X-Forwarded-Proto": "https"},
        data={"username": "olivia", "password": PASSWORD, "csrf_token": token_},
    )
    # Forwarded headers count only from `[web] trusted_proxies` (empty by default); the trusted
    # case is tested through `modbot serve` in tests/test_web_security.py.
    assert "Secure" not in _session_cookie(response)


def test_wrong_password_is_refused_and_nothing_leaks(client: Any) -> None:
    response = login(client, "olivia", "not the password")
    assert response.status_code == 401
    assert "Wrong user name or password" in response.get_data(as_text=True)
    assert client.get("/queue").status_code == 302


def test_failed_logins_are_rate_limited(web: Any, modbot: application.App) -> None:
    client = web.test_client()
    limit = modbot.config.web.login_attempts_per_minute
    for _ in range(limit):
        assert login(client, "olivia", "wrong password!").status_code == 401
    response = login(client, "olivia", "wrong password!")
    assert response.status_code == 429
    # Even the right password waits: guessing cannot continue at full speed.
    assert login(client, "olivia").status_code == 429


def test_successful_logins_do_not_count_against_the_limit(web: Any, modbot: application.App) -> None:
    for _ in range(modbot.config.web.login_attempts_per_minute + 2):
        assert login(web.test_client(), "adam").status_code == 303


def test_idle_session_ends(web: Any, modbot: application.App, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    client = signed_in(web, "olivia")
    assert client.get("/queue").status_code == 200
    now = time.time()
    idle = modbot.config.web.idle_timeout.total_seconds()
    monkeypatch.setattr("bot.web.security.time.time", lambda: now + idle - 5)
    assert client.get("/queue").status_code == 200  # activity keeps the session alive
    monkeypatch.setattr("bot.web.security.time.time", lambda: now + 2 * idle)
    response = client.get("/queue")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after a period of inactivity" in page
    assert client.get("/queue").status_code == 302


def test_a_password_change_or_deactivation_ends_sessions(web: Any, modbot: application.App) -> None:
    from bot import users

    client = signed_in(web, "adam")
    with modbot.sessions.begin() as db:
        users.add_user(db, "adam", "assistant", "a brand new password")
    assert client.get("/queue").status_code == 302
    client = signed_in(web, "olivia")
    with modbot.sessions.begin() as db:
        db.scalars(select(User).where(User.name == "olivia")).one().active = False
    assert client.get("/queue").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["//evil.example/steal", "https://evil.example", "/\t/evil.example", "/\\evil.example",
     "javascript:alert(1)"],
)
def test_login_does_not_redirect_off_site(web: Any, target: str) -> None:
    client = web.test_client()
    token_ = csrf_token(client)
    response = client.post(
        "/login", data={"username": "olivia", "password": PASSWORD, "csrf_token": token_, "next": target}
    )
    assert response.headers["Location"] == "/queue"


def test_login_returns_to_the_page_asked_for(client: Any, seed: Seed) -> None:
    first = client.get(f"/items/{seed.advice}")
    assert first.status_code == 302
    token_ = csrf_token(client)
    response = client.post(
        "/login",
        data={
            "username": "olivia",
            "password": PASSWORD,
            "csrf_token": token_,
            "next": f"/items/{seed.advice}",
        },
    )
    assert response.headers["Location"] == f"/items/{seed.advice}"


def test_logout_ends_the_session(web: Any) -> None:
    client = signed_in(web, "olivia")
    response = client.post("/logout", data={"csrf_token": token(client)})
    assert response.status_code == 303
    assert client.get("/queue").status_code == 302


# ---------------------------------------------------------------- queue


def queue_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-row data-id="(\d+)"', page)]


def test_queue_puts_crisis_first_then_oldest(web: Any, seed: Seed) -> None:
    page = signed_in(web, "adam").get("/queue").get_data(as_text=True)
    assert queue_ids(page) == [
        seed.crisis,
        seed.crisis_reply,
        seed.client,
        seed.advice,
        seed.engagement,
        seed.engagement2,
        seed.xss,
        seed.reddit,
    ]
    assert re.search(r"Crisis <b>2</b>", page) and re.search(r"Engagement <b>4</b>", page)
    assert re.search(r"All open <b>8</b>", page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=crisis", ["crisis", "crisis_reply"]),
        ("platform=reddit", ["reddit"]),
        ("account=subreddit", ["reddit"]),
        ("q=MEDICATION", ["advice"]),
        ("q=100%25", []),
        ("author=fan", ["engagement", "engagement2"]),
        ("category=engagement&platform=youtube&q=grounding", ["engagement2"]),
        ("status=approved", []),
        ("assignee=none&category=client", ["client"]),
    ],
)
def test_queue_filters_and_search(web: Any, seed: Seed, query: str, expected: list[str]) -> None:
    page = signed_in(web, "adam").get(f"/queue?{query}").get_data(as_text=True)
    assert queue_ids(page) == [getattr(seed, key) for key in expected]


def test_queue_filters_by_assignee(web: Any, seed: Seed) -> None:
    owner = signed_in(web, "olivia")
    owner.post(f"/items/{seed.advice}/assign", data={"assignee": "adam", "csrf_token": token(owner)})
    assert queue_ids(owner.get("/queue?assignee=adam").get_data(as_text=True)) == [seed.advice]
    assistant = signed_in(web, "adam")
    page = assistant.get("/queue?assignee=me").get_data(as_text=True)
    assert queue_ids(page) == [seed.advice]
    assert "→ adam" in page


def test_keyset_pages_cover_every_item_once(web: Any, modbot: application.App, seed: Seed) -> None:
    from bot.domain import InboundItem

    with modbot.sessions.begin() as db:
        account = storage.get_account(db, "channel")
        storage.insert_items(
            db,
            account.id,
            [
                InboundItem(
                    platform="youtube",
                    account="channel",
                    kind="comment",
                    external_id=f"bulk-{n}",
                    text=f"comment {n}",
                )
                for n in range(112)
            ],
        )
    client = signed_in(web, "adam")
    seen: list[int] = []
    pages = []
    url = "/queue"
    while url:
        page = client.get(url).get_data(as_text=True)
        pages.append(url)
        ids = queue_ids(page)
        assert ids, url
        seen.extend(ids)
        found = re.search(r'href="([^"]+)" rel="next"', page)
        url = found.group(1).replace("&amp;", "&") if found else ""
    assert len(seen) == 120 == len(set(seen))
    assert len(pages) == 3
    assert "120 items" in client.get("/queue").get_data(as_text=True)
    # "Previous" from the last page gives back the middle page.
    last = client.get(pages[2]).get_data(as_text=True)
    previous = re.search(r'href="([^"]+)" rel="prev"', last)
    assert previous
    assert (
        queue_ids(client.get(previous.group(1).replace("&amp;", "&")).get_data(as_text=True)) == seen[50:100]
    )


def test_a_mangled_page_key_shows_the_first_page(web: Any, seed: Seed) -> None:
    page = signed_in(web, "adam").get("/queue?after=nonsense&before=1_x_y").get_data(as_text=True)
    assert queue_ids(page)[0] == seed.crisis


def test_bulk_approve_takes_engagement_items_only(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "adam")
    page = client.get("/queue").get_data(as_text=True)
    assert f'value="{seed.engagement}" form="bulk"' in page
    assert f'value="{seed.crisis}" form="bulk"' not in page  # no checkbox to tick
    response = client.post(
        "/queue/bulk-approve",
        data={
            "item": [str(seed.engagement), str(seed.engagement2), str(seed.crisis), str(seed.advice)],
            "csrf_token": token(client),
        },
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Approved 2 engagement item(s)" in text and "Skipped 2" in text
    assert item_row(modbot, seed.engagement).status == "approved"
    assert item_row(modbot, seed.engagement2).status == "approved"
    assert item_row(modbot, seed.crisis).status == "suggested"  # re-checked by the server
    assert item_row(modbot, seed.advice).status == "suggested"
    assert count(modbot, OutboxRow) == 2


def test_auditor_sees_no_bulk_approve(web: Any) -> None:
    page = signed_in(web, "audrey").get("/queue").get_data(as_text=True)
    assert 'id="bulk"' not in page


# ---------------------------------------------------------------- item page


def test_item_page_shows_context_flags_and_reply_choices(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    client = signed_in(web, "olivia")
    page = client.get(f"/items/{seed.crisis_reply}").get_data(as_text=True)
    assert "In reply to hurting" in page  # the parent, found among stored items
    assert "I don&#39;t want to be here anymore" in page
    parent = client.get(f"/items/{seed.crisis}").get_data(as_text=True)
    assert "Talking about grief" in parent
    assert (
        'href="https://www.youtube.com/watch?v=abc&amp;lc=parent-1" target="_blank" rel="noopener noreferrer"'
    ) in parent
    assert 'class="text sensitive" id="message-text" data-sensitive' in parent  # blurred until clicked
    assert "<mark>want to be here</mark>" not in parent  # phrase must match the quoted reason
    assert "<mark>don&#39;t want to be here</mark>" in parent
    assert 'name="template"' in parent and 'id="reply-text"' in parent
    assert "Approve reply (a)" in parent
    assert 'name="override_reason"' in parent  # owners may override the guard with a reason


def test_a_phrase_a_guard_undid_is_not_marked_as_a_flag(web: Any, seed: Seed) -> None:
    page = signed_in(web, "olivia").get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "<mark>medication</mark>" in page  # the phrase that raised advice
    assert "<mark>stop taking</mark>" not in page  # undone: it raised nothing
    assert "<li>not crisis: &#34;stop taking&#34; (topic)</li>" in page


def test_opening_an_item_changes_nothing(web: Any, modbot: application.App, seed: Seed) -> None:
    events = count(modbot, AuditEvent)
    for name in ("adam", "olivia", "audrey"):
        client = signed_in(web, name)
        for item_id in (seed.crisis, seed.advice, seed.engagement):
            assert client.get(f"/items/{item_id}?back=/queue%3Fcategory%3Dcrisis").status_code == 200
    assert count(modbot, AuditEvent) == events
    for item_id in (seed.crisis, seed.advice, seed.engagement):
        row = item_row(modbot, item_id)
        assert (row.first_viewed_at, row.claimed_by, row.status) == (None, None, "suggested")


def test_claiming_is_an_explicit_post(web: Any, modbot: application.App, seed: Seed) -> None:
    adam = signed_in(web, "adam")
    page = adam.get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "Claim: I am reviewing this" in page
    assert adam.post(f"/items/{seed.advice}/claim").status_code == 400  # no CSRF token
    assert item_row(modbot, seed.advice).claimed_by is None
    response = adam.post(f"/items/{seed.advice}/claim", data={"csrf_token": token(adam)})
    assert response.status_code == 303 and response.headers["Location"] == f"/items/{seed.advice}"
    with modbot.sessions() as db:
        adam_id = db.scalars(select(User.id).where(User.name == "adam")).one()
        actions = list(db.scalars(select(AuditEvent.action).where(AuditEvent.item_id == seed.advice)))
    assert item_row(modbot, seed.advice).claimed_by == adam_id
    assert actions == ["claim"]
    page = adam.get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "You are reviewing this item" in page and "Claim: I am reviewing this" not in page
    # Someone else opening it meanwhile is told who is on it, and cannot claim it.
    page = signed_in(web, "olivia").get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "being reviewed by adam" in page and "Claim: I am reviewing this" not in page


def test_revealing_a_crisis_message_records_a_view_that_counts(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    auditor = signed_in(web, "audrey")
    auditor.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token(auditor)})
    assert item_row(modbot, seed.crisis).first_viewed_at is None  # an auditor reading is not a response
    adam = signed_in(web, "adam")
    page = adam.get(f"/items/{seed.crisis}").get_data(as_text=True)
    assert 'class="text sensitive" id="message-text"' in page and "Show the message" in page
    response = adam.post(f"/items/{seed.crisis}/reveal",
                         data={"csrf_token": token(adam), "back": "/queue?q=x"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/items/{seed.crisis}?back=/queue?q%3Dx#message-text"
    assert item_row(modbot, seed.crisis).first_viewed_at is not None
    with modbot.sessions() as db:
        views = list(db.scalars(select(AuditEvent).where(AuditEvent.action == "view")))
    assert [(e.actor, e.data) for e in views] == [
        ("audrey", {"first_view": False, "revealed": True}),
        ("adam", {"first_view": True, "revealed": True}),
    ]
    page = adam.get(f"/items/{seed.crisis}").get_data(as_text=True)
    assert 'class="text" id="message-text"' in page and "Show the message" not in page
    # For olivia it is still hidden: each reviewer shows it for themselves.
    assert "Show the message" in signed_in(web, "olivia").get(f"/items/{seed.crisis}").get_data(as_text=True)


def test_a_crisis_reply_cannot_be_approved_unread(web: Any, modbot: application.App, seed: Seed) -> None:
    owner = signed_in(web, "olivia")
    page = owner.get(f"/items/{seed.crisis}").get_data(as_text=True)
    assert "read it before approving a reply" in page
    draft = {"csrf_token": token(owner), "template": "crisis.public.3", "text": "Please call 988 now."}
    response = owner.post(f"/items/{seed.crisis}/approve", data=draft)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Show the message and read it before approving a reply; nothing was approved." in page
    assert "Please call 988 now." in page  # the draft is kept
    # The queue shortcut's POST (no text) is refused the same way; so is someone else's reveal.
    assert owner.post(f"/items/{seed.crisis}/approve", data={"csrf_token": token(owner)}).status_code == 409
    adam = signed_in(web, "adam")
    adam.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token(adam)})
    assert owner.post(f"/items/{seed.crisis}/approve", data=draft).status_code == 409
    assert count(modbot, OutboxRow) == 0 and count(modbot, Decision) == 0
    assert item_row(modbot, seed.crisis).status == "suggested"

    owner.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token(owner)})
    response = owner.post(f"/items/{seed.crisis}/approve", data=draft)
    assert response.status_code == 303
    assert item_row(modbot, seed.crisis).status == "approved"


def test_publishing_a_held_crisis_comment_with_a_reply_needs_it_read(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    with modbot.sessions.begin() as db:
        db.get_one(Item, seed.crisis).moderation_status = "heldForReview"
    owner = signed_in(web, "olivia")
    form = {"csrf_token": token(owner), "action": "publish", "text": "Please call 988 now."}
    assert owner.post(f"/items/{seed.crisis}/moderate", data=form).status_code == 409
    assert count(modbot, OutboxRow) == 0
    owner.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token(owner)})
    assert owner.post(f"/items/{seed.crisis}/moderate", data=form).status_code == 303
    assert count(modbot, OutboxRow) == 1


def test_auditor_item_page_is_read_only(web: Any, modbot: application.App, seed: Seed) -> None:
    page = signed_in(web, "audrey").get(f"/items/{seed.engagement}").get_data(as_text=True)
    assert "Thank you, this video helped me a lot" in page
    assert "Approve reply" not in page and 'id="approve-form"' not in page
    assert item_row(modbot, seed.engagement).claimed_by is None


def test_assistant_cannot_approve_crisis_but_can_escalate(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    client = signed_in(web, "adam")
    page = client.get(f"/items/{seed.crisis}").get_data(as_text=True)
    assert "Approve reply (a)" not in page and "Escalate to owner (e)" in page
    response = client.post(f"/items/{seed.crisis}/approve", data={"csrf_token": token(client)})
    assert response.status_code == 403
    assert count(modbot, OutboxRow) == 0
    response = client.post(
        f"/items/{seed.crisis}/escalate", data={"csrf_token": token(client), "note": "owner pls"}
    )
    assert response.status_code == 303
    assert item_row(modbot, seed.crisis).status == "escalated"


def test_an_unchanged_suggestion_is_approved_byte_for_byte(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    with modbot.reads() as db:
        suggestion = storage.item_record(db, seed.advice, suggest=modbot.suggestions).suggestions[0]
    offered = suggestion["text"]
    assert "\n" in offered
    client = signed_in(web, "olivia")
    # A browser sends a textarea's line breaks as CRLF.
    sent = offered.replace("\n", "\r\n") + "\r\n"
    response = client.post(f"/items/{seed.advice}/approve", data={
        "csrf_token": token(client), "template": suggestion["template"], "text": sent})
    assert response.status_code == 303
    with modbot.sessions() as db:
        row = db.scalars(select(OutboxRow)).one()
        events = list(db.scalars(select(AuditEvent).where(AuditEvent.item_id == seed.advice)))
    assert row.text == offered
    assert [e.action for e in events] == ["approve"]  # no edit
    assert events[0].data["text"] == offered


def test_an_edit_is_recorded_only_when_the_text_differs(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    client = signed_in(web, "olivia")
    response = client.post(f"/items/{seed.engagement}/approve", data={
        "csrf_token": token(client), "template": "engagement.public.2",
        "text": "Thanks so much!\r\nGlad it helped.\r\n"})
    assert response.status_code == 303
    with modbot.sessions() as db:
        row = db.scalars(select(OutboxRow)).one()
        edit = db.scalars(select(AuditEvent).where(AuditEvent.action == "edit")).one()
        logged = json.dumps([e.data for e in db.scalars(select(AuditEvent))])
    assert row.text == "Thanks so much!\nGlad it helped."
    assert edit.data == {"template": "engagement.public.2",
                         "before": "Thanks so much, I really appreciate you being here.",
                         "after": "Thanks so much!\nGlad it helped."}
    assert "\\r" not in logged  # no carriage return anywhere in the audit data


def test_an_emptied_reply_is_refused_not_replaced(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    response = client.post(f"/items/{seed.engagement}/approve", data={
        "csrf_token": token(client), "template": "engagement.public.1", "text": " \r\n "})
    assert response.status_code == 409
    assert "the reply text is empty" in response.get_data(as_text=True)
    assert count(modbot, OutboxRow) == 0


def test_owner_approves_an_edited_reply(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    page = client.get(f"/items/{seed.engagement}").get_data(as_text=True)
    template = re.search(r'name="template" value="([^"]+)"', page)
    assert template
    response = client.post(
        f"/items/{seed.engagement}/approve",
        data={
            "csrf_token": token(client),
            "template": template.group(1),
            "text": "Thanks so much for watching!",
        },
        follow_redirects=True,
    )
    assert "approved; it is queued for posting" in response.get_data(as_text=True)
    with modbot.sessions() as db:
        row = db.scalars(select(OutboxRow)).one()
        event = db.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).one()
    assert (row.item_id, row.text, row.status) == (seed.engagement, "Thanks so much for watching!", "pending")
    assert event.actor == "olivia" and event.item_id == seed.engagement


def test_a_blocked_reply_is_shown_with_its_problems(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "adam")
    response = client.post(
        f"/items/{seed.engagement}/approve",
        data={"csrf_token": token(client), "text": "See you at our session on Tuesday!"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Blocked by the reply guard" in page and "therapy relationship" in page
    assert "See you at our session on Tuesday!" in page  # the draft is kept for editing
    assert count(modbot, OutboxRow) == 0


def test_owner_override_of_a_blocked_reply_is_recorded(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    response = client.post(
        f"/items/{seed.engagement}/approve",
        data={
            "csrf_token": token(client),
            "text": "Glad the session on stress helped!",
            "override_reason": "refers to the video titled session",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    with modbot.sessions() as db:
        decision = db.scalars(select(Decision)).one()
    assert decision.override_reason == "refers to the video titled session"


def test_guard_preview_gives_the_verdict_as_json(web: Any, seed: Seed) -> None:
    client = signed_in(web, "adam")
    csrf = token(client)
    url = f"/api/items/{seed.engagement}/guard"
    ok = client.post(url, json={"text": "Thanks for watching!"}, headers={"X-CSRFToken": csrf}).get_json()
    assert ok == {"blocked": False, "problems": [], "warnings": []}
    bad = client.post(url, json={"text": "See you at our session"}, headers={"X-CSRFToken": csrf}).get_json()
    assert bad["blocked"] is True and any("relationship" in p for p in bad["problems"])
    assert client.post(url, json={"nope": 1}, headers={"X-CSRFToken": csrf}).status_code == 400


def test_reject_escalate_dismiss(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "adam")
    for action, item_id, status in (
        ("reject", seed.engagement, "rejected"),
        ("dismiss", seed.engagement2, "dismissed"),
        ("escalate", seed.client, "escalated"),
    ):
        response = client.post(f"/items/{item_id}/{action}", data={"csrf_token": token(client), "note": "n"})
        assert response.status_code == 303, action
        assert item_row(modbot, item_id).status == status
    # Acting twice is refused clearly.
    response = client.post(f"/items/{seed.engagement}/reject", data={"csrf_token": token(client)})
    assert response.status_code == 409
    assert "cannot be rejected" in response.get_data(as_text=True)


def test_moderation_and_category_change(web: Any, modbot: application.App, seed: Seed) -> None:
    client = signed_in(web, "olivia")
    page = client.get(f"/items/{seed.engagement}").get_data(as_text=True)
    assert 'value="hold"' in page and 'value="remove"' not in page  # YouTube actions only
    response = client.post(
        f"/items/{seed.engagement}/moderate", data={"csrf_token": token(client), "action": "hold"}
    )
    assert response.status_code == 303
    with modbot.sessions() as db:
        assert db.scalars(select(OutboxRow.action)).one() == "hold"
    reddit_page = client.get(f"/items/{seed.reddit}").get_data(as_text=True)
    assert 'value="remove"' in reddit_page and 'value="hold"' not in reddit_page
    response = client.post(
        f"/items/{seed.engagement2}/category", data={"csrf_token": token(client), "category": "advice"}
    )
    assert response.status_code == 303
    assert item_row(modbot, seed.engagement2).category == "advice"
    with modbot.sessions() as db:
        assert (
            db.scalars(
                select(TriageResult.source)
                .where(TriageResult.item_id == seed.engagement2)
                .order_by(TriageResult.id.desc())
            ).first()
            == "reviewer"
        )


def test_an_unknown_item_is_a_404(web: Any) -> None:
    response = signed_in(web, "olivia").get("/items/99999")
    assert response.status_code == 404


# ---------------------------------------------------------------- audit and stats


def test_audit_view_filters_and_downloads(web: Any, modbot: application.App, seed: Seed) -> None:
    owner = signed_in(web, "olivia")
    owner.post(f"/items/{seed.engagement}/approve", data={"csrf_token": token(owner)})
    auditor = signed_in(web, "audrey")
    page = auditor.get("/audit?action=approve").get_data(as_text=True)
    assert 'data-audit-action="approve"' in page and 'data-audit-action="view"' not in page
    assert f'href="/items/{seed.engagement}">#{seed.engagement}' in page
    assert auditor.get("/audit?actor=nobody").get_data(as_text=True).count("No events match") == 1
    assert "data-audit-action" not in auditor.get("/audit?since=2999-01-01").get_data(as_text=True)

    exported = auditor.get("/audit.json")
    assert exported.headers["Content-Disposition"].startswith("attachment;")
    events = json.loads(exported.get_data(as_text=True))
    with modbot.sessions() as db:
        assert len(events) == db.scalar(select(func.count()).select_from(AuditEvent))
    assert {"id", "at", "actor", "action", "item_id", "data", "prev_hash", "hash"} <= set(events[0])
    assert any(e["action"] == "approve" and e["actor"] == "olivia" for e in events)

    csv_text = auditor.get(f"/audit.csv?item={seed.engagement}").get_data(as_text=True)
    lines = csv_text.strip().splitlines()
    assert lines[0] == "id,at,actor,action,item_id,data,prev_hash,hash"
    assert all(f",{seed.engagement}," in line for line in lines[1:])
    for body in (csv_text, exported.get_data(as_text=True)):
        assert "argon2" not in body and PASSWORD not in body
        assert "Thank you, this video helped me a lot" not in body  # no comment text in the audit trail


def test_exports_blank_secret_looking_keys() -> None:
    from bot.web.audit_view import redact

    assert redact({"user": "a", "password_changed": True, "nested": [{"api_token": "x"}]}) == {
        "user": "a",
        "password_changed": "[redacted]",
        "nested": [{"api_token": "[redacted]"}],
    }


def test_stats_count_items_by_their_own_date(web: Any, modbot: application.App, seed: Seed) -> None:
    now = utcnow()
    with modbot.sessions.begin() as db:
        for item in db.scalars(select(Item)):
            item.published_at = now - timedelta(days=60)  # written long ago, fetched today
        db.get_one(Item, seed.crisis).published_at = now - timedelta(days=2)
        db.get_one(Item, seed.advice).published_at = None  # no date from the platform: fetched
    owner = signed_in(web, "olivia")
    owner.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token(owner)})
    assert owner.post(f"/items/{seed.crisis}/approve", data={"csrf_token": token(owner)}).status_code == 303
    auditor = signed_in(web, "audrey")
    week = auditor.get("/stats?days=7").get_data(as_text=True)
    assert week.count("<svg") == 2 and 'class="target"' in week
    assert "1 of 1 crisis items decided within the 30-minute target" in week
    assert legend(week) == {"crisis": 1, "advice": 1}  # the other items were written 60 days ago
    assert "By the day each item was written" in week
    # Open now is not a matter of dates: the crisis reply written 60 days ago is still open.
    assert "1 crisis item open in the queue now" in week
    assert legend(auditor.get("/stats?days=90").get_data(as_text=True)) == {
        "crisis": 2, "client": 1, "advice": 1, "engagement": 4}


def legend(page: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r'<span class="key c-(\w+)"></span>\w+ (\d+)', page)}


def test_stats_numbers_agree_with_the_queue(web: Any, modbot: application.App, seed: Seed) -> None:
    owner, adam = signed_in(web, "olivia"), signed_in(web, "adam")
    owner.post(f"/items/{seed.engagement}/approve", data={"csrf_token": token(owner)})
    owner.post(f"/items/{seed.engagement2}/reject", data={"csrf_token": token(owner)})
    owner.post(f"/items/{seed.reddit}/dismiss", data={"csrf_token": token(owner)})
    adam.post(f"/items/{seed.client}/escalate", data={"csrf_token": token(adam)})
    auditor = signed_in(web, "audrey")
    page = auditor.get("/stats").get_data(as_text=True)
    cells = re.findall(r'<a href="([^"]+)" data-count="(\w+)/(\w*)">(\d+)</a>', page)
    shown = {(category, status): int(n) for _, category, status, n in cells}
    assert shown == {("crisis", ""): 2, ("client", ""): 1, ("advice", ""): 1, ("engagement", ""): 1,
                     ("crisis", "suggested"): 2, ("client", "escalated"): 1, ("advice", "suggested"): 1,
                     ("engagement", "suggested"): 1, ("engagement", "approved"): 1,
                     ("engagement", "rejected"): 1, ("engagement", "dismissed"): 1}
    for href, category, status, n in cells:  # each number opens the queue that shows as many
        queue = auditor.get(html.unescape(href)).get_data(as_text=True)
        assert re.search(r'class="summary">(\d+) item', queue)[1] == n, (category, status)  # type: ignore[index]
    counts = auditor.get("/queue").get_data(as_text=True)
    for category in ("crisis", "client", "advice", "engagement"):
        assert re.search(rf'cat-{category}[^>]*>\w+ <b>(\d+)</b>', counts)[1] == str(shown[category, ""])  # type: ignore[index]


def test_static_files_are_served_without_login(client: Any) -> None:
    with client.get("/static/app.js") as response:
        assert response.status_code == 200 and "keydown" in response.get_data(as_text=True)


def test_guessing_one_name_from_many_addresses_is_limited_too(web: Any, modbot: application.App) -> None:
    limit = modbot.config.web.login_attempts_per_minute
    for n in range(limit):
        client = web.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n + 1}"
        assert login(client, "olivia", "wrong password!").status_code == 401
    client = web.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    assert login(client, "olivia", "wrong password!").status_code == 429
    # Another name from a fresh address is unaffected.
    assert login(client, "adam").status_code == 303


def test_serve_command_has_help(runner: Any) -> None:
    from bot.cli import cli

    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output


def test_publish_a_held_comment_with_a_reply(web: Any, modbot: application.App, seed: Seed) -> None:
    with modbot.sessions.begin() as db:
        db.get_one(Item, seed.engagement).moderation_status = "heldForReview"
    client = signed_in(web, "olivia")
    page = client.get(f"/items/{seed.engagement}").get_data(as_text=True)
    assert "Publish the held comment with this reply" in page
    response = client.post(f"/items/{seed.engagement}/moderate", data={
        "csrf_token": token(client), "action": "publish", "text": "Thanks for watching!"})
    assert response.status_code == 303
    with modbot.sessions() as db:
        row = db.scalars(select(OutboxRow)).one()
    assert (row.action, row.text) == ("publish_reply", "Thanks for watching!")
    assert item_row(modbot, seed.engagement).status == "approved"


def test_an_owner_can_release_someone_elses_claim(web: Any, modbot: application.App, seed: Seed) -> None:
    adam = signed_in(web, "adam")
    adam.post(f"/items/{seed.advice}/claim", data={"csrf_token": token(adam)})
    owner = signed_in(web, "olivia")
    page = owner.get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "Release adam's claim" in page
    assert owner.post(f"/items/{seed.advice}/release", data={"csrf_token": token(owner)}).status_code == 303
    assert item_row(modbot, seed.advice).claimed_by is None
    response = owner.post(f"/items/{seed.advice}/approve", data={"csrf_token": token(owner)})
    assert response.status_code == 303


@pytest.mark.parametrize("path", [
    "/audit?item=%C2%B2", "/audit?before=%C2%B2", "/audit?item=99999999999999999999999",
    "/queue?after=0_2026-01-01T00:00:00%2B00:00_99999999999999999999", "/items/99999999999999999999",
])
def test_odd_ids_in_addresses_are_answered_not_crashed(web: Any, path: str) -> None:
    owner = signed_in(web, "olivia")
    response = owner.get(path)
    assert response.status_code in (200, 404)


# ---------------------------------------------------------------- back to the same queue


def test_actions_return_to_the_queue_filter_they_came_from(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    client = signed_in(web, "olivia")
    queue = "/queue?category=engagement&q=grounding"
    page = client.get(queue).get_data(as_text=True)
    link = f'href="/items/{seed.engagement2}?back=/queue?category%3Dengagement%26q%3Dgrounding"'
    assert link in page  # the item link carries the queue address
    item_page = client.get(f"/items/{seed.engagement2}?back=/queue?category%3Dengagement%26q%3Dgrounding")
    text = item_page.get_data(as_text=True)
    assert 'name="back" value="/queue?category=engagement&amp;q=grounding"' in text
    assert 'href="/queue?category=engagement&amp;q=grounding" data-key-up' in text
    for action, item_id in (("approve", seed.engagement2), ("reject", seed.engagement),
                            ("escalate", seed.client), ("dismiss", seed.reddit)):
        form = {"csrf_token": token(client), "back": queue}
        response = client.post(f"/items/{item_id}/{action}", data=form)
        assert response.status_code == 303, action
        assert response.headers["Location"] == queue, action
    # The plain queue leaves item links plain.
    assert f'href="/items/{seed.advice}"' in client.get("/queue").get_data(as_text=True)


@pytest.mark.parametrize("back", [
    "https://evil.example/queue", "//evil.example/queue", "/\\evil.example/queue", "\\\\evil/queue",
    "/queue\r\nLocation: https://evil.example", "/queue?q=a b", "/audit?action=approve", "/queue#x",
    "javascript:alert(1)", "/queue/../login", "", "/queue?" + "x" * 2001,
])
def test_a_back_address_off_the_queue_returns_to_the_plain_queue(
    web: Any, seed: Seed, back: str
) -> None:
    client = signed_in(web, "olivia")
    form = {"csrf_token": token(client), "back": back}
    response = client.post(f"/items/{seed.engagement}/dismiss", data=form)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/queue#item-{seed.engagement2}"  # the next open item
    page = client.get(f"/items/{seed.engagement2}", query_string={"back": back}).get_data(as_text=True)
    assert 'href="/queue" data-key-up' in page


def test_a_decision_goes_on_to_the_next_item_of_the_same_filter(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    client = signed_in(web, "olivia")
    searched = "/queue?category=engagement&q=thank"
    # On the item page, j/k follow the queue it came from: the next match of the search.
    page = client.get(f"/items/{seed.engagement}", query_string={"back": searched}).get_data(as_text=True)
    assert re.search(rf'href="/items/{seed.reddit}\?back=[^"]+" data-key-next', page)
    # A decision on an item page goes on to that next item, the queue kept for "← Queue".
    form = {"csrf_token": token(client), "back": searched, "then": "next"}
    response = client.post(f"/items/{seed.engagement}/approve", data=form)
    onward = f"/items/{seed.reddit}?back=/queue?category%3Dengagement%26q%3Dthank"
    assert response.headers["Location"] == onward
    landed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Reply to item #{seed.engagement} approved" in landed
    assert 'name="back" value="/queue?category=engagement&amp;q=thank"' in landed
    # From the queue itself (its keyboard actions), back to that queue with the next row named.
    form = {"csrf_token": token(client), "back": "/queue?category=engagement"}
    response = client.post(f"/items/{seed.engagement2}/reject", data=form)
    assert response.headers["Location"] == f"/queue?category=engagement#item-{seed.xss}"
    # Nothing after it in that queue: the queue itself.
    form = {"csrf_token": token(client), "back": searched, "then": "next"}
    response = client.post(f"/items/{seed.reddit}/dismiss", data=form)
    assert response.headers["Location"] == searched
    assert [item_row(modbot, i).status for i in (seed.engagement, seed.engagement2, seed.reddit)] == [
        "approved", "rejected", "dismissed"]


def test_a_claim_guards_category_changes_and_assignments(
    web: Any, modbot: application.App, seed: Seed
) -> None:
    adam = signed_in(web, "adam")
    adam.post(f"/items/{seed.advice}/claim", data={"csrf_token": token(adam)})
    owner = signed_in(web, "olivia")
    for path, form in (("category", {"category": "crisis"}), ("assign", {"assignee": "olivia"})):
        response = owner.post(f"/items/{seed.advice}/{path}", data={**form, "csrf_token": token(owner)})
        assert response.status_code == 409, path
        refusal = f"item {seed.advice} is being reviewed by adam; try again later"
        assert refusal in response.get_data(as_text=True)
    row = item_row(modbot, seed.advice)
    assert (row.category, row.assigned_to) == ("advice", None)
    assert count(modbot, AuditEvent, AuditEvent.item_id == seed.advice,
                 AuditEvent.action.in_(("change_category", "assign"))) == 0
    # The one who holds the claim may change it (an assistant may raise a category).
    form = {"category": "crisis", "csrf_token": token(adam)}
    response = adam.post(f"/items/{seed.advice}/category", data=form)
    assert response.status_code == 303
    assert item_row(modbot, seed.advice).category == "crisis"
