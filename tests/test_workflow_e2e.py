"""End to end, as a new user would: real triage, real templates and guard, real google-api-python-
client / PRAW against fake platform servers on 127.0.0.1, the `modbot` command line throughout.

A crisis comment arrives, is triaged crisis, gets a suggestion with the region's resources; an
assistant's approval is refused and an owner's accepted; `modbot post --once` posts exactly one
reply, also when the server saves the reply but answers 503 and when the poster is killed mid-post
and restarted; an edited reply "See you at our session on Tuesday!" is blocked; `modbot audit
verify` passes, then fails after one row is altered.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from bot.app import open_app
from bot.cli import cli
from tests.fakes.reddit import FakeReddit
from tests.fakes.youtube import FakeYouTube
from tests.test_alerts import Webhook

CRISIS = "I don't want to be alive anymore. I have the pills ready and I'm going to take them tonight."
US_LIFELINE = "988"


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


def modbot(runner: CliRunner, home: Path, *args: str, ok: bool = True) -> Any:
    result = runner.invoke(cli, ["--home", str(home), *args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def set_up(home: Path, runner: CliRunner, account_toml: str, account: str, secrets: dict[str, Any],
           webhook: Webhook) -> None:
    (home / "modbot.toml").write_text(
        '[practice]\ndisplay_name = "Dr. Rivera"\ncontact_url = "https://example.org/contact"\n'
        f'region = "US"\n\n[alerts]\nwebhook_url = "{webhook.url}"\n\n{account_toml}', encoding="utf-8")
    open_app(home).secrets.write_json(account, secrets)
    modbot(runner, home, "users", "add", "olivia", "--role", "owner")
    modbot(runner, home, "users", "add", "ash", "--role", "assistant")


def crisis_item(runner: CliRunner, home: Path) -> dict[str, Any]:
    modbot(runner, home, "poll", "--once")
    queue = json.loads(modbot(runner, home, "queue", "--json").output)
    (item,) = [entry for entry in queue if entry["text"] == CRISIS]
    assert item["category"] == "crisis" and queue[0]["id"] == item["id"]  # crisis first
    shown = json.loads(modbot(runner, home, "show", str(item["id"]), "--json").output)
    assert shown["suggestions"] and any(US_LIFELINE in s["text"] for s in shown["suggestions"])
    return shown


def refuse_then_approve(runner: CliRunner, home: Path, item_id: int) -> None:
    refused = modbot(runner, home, "approve", str(item_id), "--as", "ash", ok=False)
    assert refused.exit_code == 1 and "may not approve crisis" in refused.output
    blocked = modbot(runner, home, "approve", str(item_id), "--as", "olivia",
                     "--text", "See you at our session on Tuesday!", ok=False)
    assert blocked.exit_code == 1 and "blocked" in blocked.output
    modbot(runner, home, "approve", str(item_id), "--as", "olivia")


def check_audit(runner: CliRunner, home: Path) -> None:
    intact = modbot(runner, home, "audit", "verify")
    assert intact.output.startswith("audit log intact: ")
    app = open_app(home)
    with app.engine.begin() as connection:
        target = connection.execute(text("SELECT id FROM audit_events WHERE action = 'approve'")).scalar_one()
        # The database refuses the change (migration 0003) until its triggers are dropped.
        connection.execute(text("DROP TRIGGER audit_events_no_update"))
        connection.execute(text("UPDATE audit_events SET actor = 'ash' WHERE id = :id"), {"id": target})
    broken = modbot(runner, home, "audit", "verify", ok=False)
    assert broken.exit_code == 1 and broken.output.startswith(f"audit log BROKEN at event #{target}")


def youtube_home(home: Path, runner: CliRunner, server: FakeYouTube, webhook: Webhook) -> dict[str, Any]:
    set_up(home, runner, server.config_toml("channel"), "channel", server.secrets(), webhook)
    video = server.add_video(title="Coping with hard days")
    server.add_comment(video, "Thanks, this helped me a lot!", author="Sam")
    server.add_comment(video, CRISIS, author="Alex")
    return crisis_item(runner, home)


def test_youtube_crisis_comment_end_to_end(home: Path, runner: CliRunner, youtube_server: FakeYouTube,
                                           webhook: Webhook) -> None:
    item = youtube_home(home, runner, youtube_server, webhook)
    # The practice was alerted at once, without the comment's text.
    (alert,) = [b["text"] for b in webhook.bodies if f"#{item['id']}" in b["text"]]
    assert "pills" not in alert and "youtube" in alert

    refuse_then_approve(runner, home, item["id"])
    posted = modbot(runner, home, "post", "--once")
    assert "posted 1" in posted.output
    (reply,) = youtube_server.replies_posted
    assert US_LIFELINE in reply.text and reply.parent_id == item["external_id"]
    modbot(runner, home, "post", "--once")
    assert len(youtube_server.replies_posted) == 1
    shown = json.loads(modbot(runner, home, "show", str(item["id"]), "--json").output)
    assert shown["status"] == "posted" and shown["posts"][0]["platform_reply_id"] == reply.id
    check_audit(runner, home)


def test_youtube_saves_the_reply_but_answers_503(home: Path, runner: CliRunner, youtube_server: FakeYouTube,
                                                 webhook: Webhook) -> None:
    item = youtube_home(home, runner, youtube_server, webhook)
    refuse_then_approve(runner, home, item["id"])
    youtube_server.fail_next("comments", 503, method="POST", after_save=True)
    modbot(runner, home, "post", "--once")
    modbot(runner, home, "post", "--once")
    assert len(youtube_server.replies_posted) == 1
    assert len(youtube_server.calls("comments.insert")) == 1  # looked, found it, never re-sent
    shown = json.loads(modbot(runner, home, "show", str(item["id"]), "--json").output)
    assert shown["status"] == "posted"
    check_audit(runner, home)


def test_youtube_poster_killed_mid_post_and_restarted(home: Path, runner: CliRunner,
                                                      youtube_server: FakeYouTube, webhook: Webhook) -> None:
    item = youtube_home(home, runner, youtube_server, webhook)
    refuse_then_approve(runner, home, item["id"])
    # The server saves the reply and then hangs; the poster is killed while it waits.
    youtube_server.fail_next("comments", kind="timeout", method="POST", after_save=True, delay=60)
    poster = subprocess.Popen([sys.executable, "-m", "bot", "--home", str(home), "post", "--once"],
                              env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not youtube_server.replies_posted and time.monotonic() < deadline and poster.poll() is None:
        time.sleep(0.01)
    assert youtube_server.replies_posted, "the poster never reached the server"
    poster.send_signal(signal.SIGKILL)
    poster.wait(timeout=30)

    restarted = modbot(runner, home, "post", "--once")
    assert "already there 1" in restarted.output
    assert len(youtube_server.replies_posted) == 1 and len(youtube_server.calls("comments.insert")) == 1
    shown = json.loads(modbot(runner, home, "show", str(item["id"]), "--json").output)
    assert shown["status"] == "posted"
    check_audit(runner, home)


def test_held_crisis_comment_is_published_and_answered_in_one_action(
        home: Path, runner: CliRunner, youtube_server: FakeYouTube, webhook: Webhook) -> None:
    from bot import approval

    set_up(home, runner, youtube_server.config_toml("channel"), "channel", youtube_server.secrets(), webhook)
    video = youtube_server.add_video(title="Coping with hard days")
    comment_id = youtube_server.add_comment(video, CRISIS, author="Alex", held=True)
    item = crisis_item(runner, home)
    app = open_app(home)
    reply = item["suggestions"][0]["text"]
    approval.moderate(app, item["id"], "olivia", "publish", reply_text=reply)
    modbot(runner, home, "post", "--once")
    assert youtube_server.comment(comment_id).status == "published"
    (posted,) = youtube_server.replies_posted
    assert posted.text == reply


def test_reddit_crisis_reply_end_to_end(home: Path, runner: CliRunner, webhook: Webhook) -> None:
    with FakeReddit() as server:
        settings = {"name": "reddit-main", "platform": "reddit", **server.account_settings()}
        account_toml = "[[accounts]]\n" + "".join(f"{key} = {json.dumps(value)}\n"
                                                   for key, value in settings.items())
        set_up(home, runner, account_toml, "reddit-main", server.secrets(), webhook)
        post = server.add_post("Talking about depression", own=True)
        server.add_post_reply(CRISIS, post=post, author="throwaway1")
        item = crisis_item(runner, home)
        refuse_then_approve(runner, home, item["id"])
        server.fail_next(503, path="/api/comment", save_first=True)
        modbot(runner, home, "post", "--once")
        modbot(runner, home, "post", "--once")
        (reply,) = server.replies_posted
        assert reply["thing_id"] == item["external_id"] and US_LIFELINE in reply["text"]
        shown = json.loads(modbot(runner, home, "show", str(item["id"]), "--json").output)
        assert shown["status"] == "posted"
    check_audit(runner, home)
