"""What a reviewer reads on the dashboard (issue 10, guidance): a crisis item says what to do now
in the practice's region, suggestions carry names for people, only the actions the platform and
item allow are offered, the audit reads as sentences, and alert links use `[web] base_url`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot import alerts, storage
from bot import app as application
from bot.config import load_config
from bot.domain import InboundItem, Triage, primary_category
from bot.errors import ConfigError
from bot.models import Item
from bot.web import create_app
from bot.web.audit_text import describe, edit_summary
from bot.web.guidance import moderation_choices, suggestion_label
from tests.web_support import BASE_TIME, Seed, build_home, copy_home, csrf_token, login

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seed]:
    path = tmp_path_factory.mktemp("guidance-template") / "home"
    return path, build_home(path)


@pytest.fixture
def home(template_home: tuple[Path, Seed], tmp_path: Path) -> Path:
    return copy_home(template_home[0], tmp_path / "site")


@pytest.fixture
def seed(template_home: tuple[Path, Seed]) -> Seed:
    return template_home[1]


def site(home: Path, **overrides: Any) -> tuple[application.App, Any]:
    modbot = application.open_app(home, overrides=overrides or None)
    return modbot, create_app(modbot, testing=True)


def signed_in(web: Any, name: str) -> Any:
    client = web.test_client()
    assert login(client, name).status_code == 303
    return client


def visible(page: str) -> str:
    """The page's text as a person reads it: tags dropped, entities decoded, blanks squeezed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def add_item(modbot: application.App, *, platform: str, account: str, kind: str, category: str,
             moderation_status: str | None = None, key: str = "extra") -> int:
    item = InboundItem(platform=platform, account=account, kind=kind, external_id=f"ext-{key}",
                       published_at=BASE_TIME, text="Something to review", author="someone")
    with modbot.sessions.begin() as session:
        account_id = storage.get_account(session, account).id
        [item_id] = storage.insert_items(session, account_id, [item])
        labels = (category,) if category != "engagement" else ()
        triage = Triage(category=primary_category(labels), labels=labels, scores={}, reasons=(),
                        model_version="test")
        storage.record_triage(session, item_id, triage)
        row = session.get_one(Item, item_id)
        row.status = "suggested"
        row.moderation_status = moderation_status
    return item_id


# ---------------------------------------------------------------- 1. crisis guidance


def test_a_crisis_item_says_what_to_do_now_in_the_practice_region(home: Path, seed: Seed) -> None:
    _, web = site(home)
    owner = visible(signed_in(web, "olivia").get(f"/items/{seed.crisis}").get_data(as_text=True))
    assert "What to do now: Follow the practice's crisis protocol now" in owner
    assert "Crisis: what to do now" in owner
    assert "If someone is in immediate danger: call your local emergency number (911)." in owner
    assert "Report it to YouTube as well" in owner
    assert "Report, and pick the reason about suicide or self-harm" in owner
    assert "Resources the reply will carry: United States (US)" in owner
    assert "From [practice] region" in owner
    assert "988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org" in owner
    assert "Crisis Text Line: text HOME to 741741 (free, 24/7)" in owner

    assistant = visible(signed_in(web, "adam").get(f"/items/{seed.crisis}").get_data(as_text=True))
    assert "What to do now: Escalate it to the owner now" in assistant
    assert "Do not remove the message" in assistant

    auditor = visible(signed_in(web, "audrey").get(f"/items/{seed.crisis}").get_data(as_text=True))
    assert "the owner decides what happens" in auditor


def test_the_guidance_follows_the_practice_region_and_falls_back_to_international(
        home: Path, seed: Seed) -> None:
    _, web = site(home, **{"practice.region": "GB"})
    page = visible(signed_in(web, "olivia").get(f"/items/{seed.crisis}").get_data(as_text=True))
    assert "Resources the reply will carry: United Kingdom (GB)" in page
    assert "call your local emergency number (999 or 112)" in page
    assert "Samaritans: call 116 123" in page and "988" not in page.split("Crisis: what to do now")[1]

    _, web = site(home, **{"practice.region": "FR"})
    page = visible(signed_in(web, "olivia").get(f"/items/{seed.crisis}").get_data(as_text=True))
    assert "FR has no entry of its own, so the international directories are used" in page
    assert "Find A Helpline: findahelpline.com" in page


def test_reddit_crisis_items_explain_reddit_reporting(home: Path) -> None:
    modbot, web = site(home)
    item_id = add_item(modbot, platform="reddit", account="subreddit", kind="dm", category="crisis")
    page = visible(signed_in(web, "olivia").get(f"/items/{item_id}").get_data(as_text=True))
    assert "Report it to Reddit as well" in page and "Reddit Cares" in page
    assert "Report it to YouTube" not in page


def test_ordinary_items_have_no_crisis_guidance(home: Path, seed: Seed) -> None:
    _, web = site(home)
    page = signed_in(web, "olivia").get(f"/items/{seed.advice}").get_data(as_text=True)
    assert "Crisis: what to do now" not in page and "data-crisis-now" not in page


# ---------------------------------------------------------------- 2. labels and offered actions


def test_suggestions_are_named_for_people_not_by_template_id(home: Path, seed: Seed) -> None:
    _, web = site(home)
    client = signed_in(web, "olivia")
    crisis = client.get(f"/items/{seed.crisis}").get_data(as_text=True)
    names = [html.unescape(n) for n in re.findall(r'class="template-name"[^>]*>([^<]+)<', crisis)]
    assert "Crisis resources, short" in names and len(names) >= 2
    assert not [n for n in names if re.fullmatch(r"[a-z]+\.(public|private)\.\d+", n)]
    engagement = client.get(f"/items/{seed.engagement}").get_data(as_text=True)
    assert "Thanks for watching or reading" in engagement
    assert suggestion_label("crisis.public.3") == "Crisis resources, short"
    assert suggestion_label("advice.private.9") == "Advice reply by message 9"  # a template added later
    assert suggestion_label(None) == "Your own reply"


def test_an_owner_is_not_offered_escalate_to_owner(home: Path, seed: Seed) -> None:
    _, web = site(home)
    owner = signed_in(web, "olivia")
    for item_id in (seed.client, seed.crisis, seed.engagement):
        assert "Escalate to owner" not in owner.get(f"/items/{item_id}").get_data(as_text=True)
    queue = owner.get("/queue").get_data(as_text=True)
    assert 'data-can-escalate="1"' not in queue
    assistant = signed_in(web, "adam")
    assert "Escalate to owner (e)" in assistant.get(f"/items/{seed.client}").get_data(as_text=True)


def moderation_options(page: str) -> list[str]:
    select = re.search(r'<select id="moderate-action".*?</select>', page, re.S)
    return re.findall(r'<option value="([a-z]+)"', select.group(0)) if select else []


def test_only_moderation_the_platform_and_item_allow_is_offered(home: Path, seed: Seed) -> None:
    modbot, web = site(home)
    owner = signed_in(web, "olivia")
    assert moderation_options(owner.get(f"/items/{seed.reddit}").get_data(as_text=True)) == ["remove"]
    # A private message cannot be removed on Reddit: no moderation form at all.
    dm = add_item(modbot, platform="reddit", account="subreddit", kind="dm", category="engagement", key="dm")
    page = owner.get(f"/items/{dm}").get_data(as_text=True)
    assert moderation_options(page) == [] and "Remove the comment" not in page
    assert "Queue moderation" not in page
    # YouTube: a published comment can be held or rejected, not published again.
    published = owner.get(f"/items/{seed.engagement}").get_data(as_text=True)
    assert moderation_options(published) == ["hold", "reject"]
    held = add_item(modbot, platform="youtube", account="channel", kind="comment", category="engagement",
                    moderation_status="heldForReview", key="held")
    page = owner.get(f"/items/{held}").get_data(as_text=True)
    assert moderation_options(page) == ["reject", "publish"]
    assert "Publish the held comment with this reply" in page
    assert moderation_choices("youtube", "comment", "rejected") == ()
    assert moderation_choices("file", "dm", None) == ()


# ---------------------------------------------------------------- 3. audit as sentences


def test_the_audit_view_reads_as_sentences(home: Path, seed: Seed) -> None:
    _, web = site(home)
    owner = signed_in(web, "olivia")
    token = csrf_token(owner, "/queue")
    owner.post(f"/items/{seed.engagement}/approve", data={
        "csrf_token": token, "template": "engagement.public.1", "text": "Thank you so much for watching!"})
    owner.post(f"/items/{seed.advice}/reject", data={"csrf_token": token, "note": "off topic"})
    owner.post(f"/items/{seed.crisis}/reveal", data={"csrf_token": token})
    page = signed_in(web, "audrey").get("/audit").get_data(as_text=True)
    sentences = [visible(s) for s in re.findall(r"data-sentence>(.*?)</td>", page, re.S)]
    approve = next(s for s in sentences if "approved a reply" in s)
    assert re.fullmatch(rf"olivia approved a reply to item {seed.engagement} at \d\d:\d\d using "
                        r"“Thanks for watching or reading”: “Thank you so much for watching!”\.", approve)
    edit = next(s for s in sentences if " edited " in s)
    assert f"olivia edited the suggested reply to item {seed.engagement}" in edit and "“so much”" in edit
    assert any(re.fullmatch(rf"olivia rejected item {seed.advice} \(no reply will be posted\) at "
                            r"\d\d:\d\d, noting “off topic”\.", s) for s in sentences), sentences
    assert any(s.startswith(f"olivia showed the message of item {seed.crisis}") for s in sentences)
    assert any(re.fullmatch(r"cli added the user adam as assistant at \d\d:\d\d\.", s) for s in sentences)
    table = page.split("<tbody>")[1]
    assert "{" not in visible(table) and '"decision_id"' not in table  # no JSON on the page
    # The downloads keep every field.
    exported = json.loads(signed_in(web, "audrey").get("/audit.json").get_data(as_text=True))
    assert any(e["action"] == "approve" and "decision_id" in e["data"] for e in exported)


def test_audit_sentences_for_the_poster_and_alerts() -> None:
    at = "2026-01-01T14:03:09+00:00"
    assert describe({"actor": "poster", "action": "post.result", "item_id": 12, "at": at, "data": {
        "status": "posted", "action": "reply", "platform_reply_id": "abc", "how": "sent"}}) == \
        "The reply for item 12 was posted at 14:03 (platform id abc)."
    assert describe({"actor": "alerts", "action": "alert.crisis", "item_id": 12, "at": at,
                     "data": {"channels": {"webhook": "sent"}}}) == \
        "modbot sent an alert about crisis item 12 at 14:03 (webhook sent)."
    assert describe({"actor": "sam", "action": "something.new", "item_id": None, "at": at, "data": {}}) == \
        "sam: something new at 14:03."
    assert edit_summary("Thanks for watching", "Thanks so much for watching") == ["added “so much”"]


# ---------------------------------------------------------------- 4. [web] base_url


def test_base_url_is_checked_and_documented(tmp_path: Path) -> None:
    config = load_config(tmp_path, env={"MODBOT_WEB_BASE_URL": "https://modbot.example.org/"})
    assert config.web.base_url == "https://modbot.example.org"
    with pytest.raises(ConfigError, match="base_url"):
        load_config(tmp_path, env={"MODBOT_WEB_BASE_URL": "modbot.example.org"})
    readme = README.read_text(encoding="utf-8")
    assert "`base_url`" in readme and "modbot alerts check" in readme


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


def test_alert_links_use_base_url_and_alerts_check_prints_it(
        home: Path, seed: Seed, runner: CliRunner) -> None:
    from bot.cli import cli

    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[web]\nbase_url = "https://modbot.example.org/"\n')
    modbot = application.open_app(home)
    assert alerts.dashboard_link(modbot.config, 12) == "https://modbot.example.org/items/12"
    result = runner.invoke(cli, ["--home", str(home), "alerts", "check"])
    assert result.exit_code == 0, result.output
    assert f"open: https://modbot.example.org/items/{seed.crisis}" in result.output
    assert "dashboard: https://modbot.example.org/" in result.output
    assert "set [web] base_url" not in result.output


def test_without_base_url_alerts_say_where_the_dashboard_is(
        home: Path, seed: Seed, runner: CliRunner) -> None:
    from bot.cli import cli

    modbot = application.open_app(home)
    with modbot.reads() as db:
        item = db.get_one(Item, seed.crisis)
        message = alerts._crisis_message(modbot.config, item, "channel")
    assert f"Open it: http://127.0.0.1:8080/items/{seed.crisis}" in message.body
    assert "The dashboard is at 127.0.0.1:8080 on the computer that runs `modbot serve`" in message.body
    result = runner.invoke(cli, ["--home", str(home), "alerts", "check"])
    assert result.exit_code == 0, result.output
    assert f"open: http://127.0.0.1:8080/items/{seed.crisis}" in result.output
    assert "dashboard: http://127.0.0.1:8080/" in result.output
    assert "set [web] base_url for links that open from a phone" in result.output
