"""End to end through the CLI: a Reddit account in modbot.toml pointed at the fake Reddit server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import cli
from tests.fakes.reddit import FakeReddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


@pytest.fixture
def reddit_home(home: Path, reddit_server: FakeReddit, runner) -> Path:
    """A modbot home with one Reddit account, connected from a credentials file."""
    reddit_server.connect_home(runner, home)
    return home


def modbot(runner, home: Path, *args: str):
    result = runner.invoke(cli, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return result


def queue(runner, home: Path) -> list[dict]:
    return json.loads(modbot(runner, home, "queue", "--json").output)


def test_poll_once_stores_what_the_server_holds_and_a_second_poll_adds_nothing(
    runner, reddit_home, reddit_server
):
    s = reddit_server
    post = s.add_post("Five grounding techniques")
    reply = s.add_post_reply("Thank you <b>so</b> much 🙏", post=post, author="sam_k")
    dm = s.add_message("Can I ask you something privately?", author="casey")

    first = modbot(runner, reddit_home, "poll", "--once")
    assert "jo-reddit: 2 new" in first.output
    items = {item["external_id"]: item for item in queue(runner, reddit_home)}
    assert set(items) == {reply, dm}
    assert items[reply]["text"] == "Thank you <b>so</b> much 🙏" and items[reply]["kind"] == "comment"
    assert items[reply]["context_title"] == "Five grounding techniques"
    assert items[dm]["kind"] == "dm" and items[dm]["author"] == "casey"

    second = modbot(runner, reddit_home, "poll", "--once")
    assert "jo-reddit: 0 new" in second.output
    assert len(queue(runner, reddit_home)) == 2


def test_dms_redirecting_to_login_show_as_unavailable_while_comments_arrive(
    runner, reddit_home, reddit_server
):
    s = reddit_server
    s.messages_redirect_to_login = True
    comment = s.add_comment_reply("Is this normal?", author="alex")

    polled = modbot(runner, reddit_home, "poll", "--once")
    assert "Reddit DMs unavailable" in polled.output
    assert [item["external_id"] for item in queue(runner, reddit_home)] == [comment]
    status = modbot(runner, reddit_home, "status")
    assert "DMs unavailable" in status.output


def test_a_revoked_token_leaves_a_clear_status_and_no_crash(runner, reddit_home, reddit_server):
    reddit_server.revoke()
    polled = runner.invoke(cli, ["--home", str(reddit_home), "poll", "--once"])
    assert "Traceback" not in polled.output
    assert "modbot connect jo-reddit" in polled.output
    status = modbot(runner, reddit_home, "status")
    assert "reconnect" in status.output.lower()


def test_an_approved_reply_is_posted_exactly_once_through_a_503_after_save(
    runner, reddit_home, reddit_server
):
    s = reddit_server
    comment = s.add_comment_reply("Thanks, that video helped me a lot", author="alex")
    modbot(runner, reddit_home, "poll", "--once")
    modbot(runner, reddit_home, "users", "add", "jo", "--role", "owner")
    item_id = str(queue(runner, reddit_home)[0]["id"])
    reply = "Thank you for watching, and for taking the time to comment."
    modbot(runner, reddit_home, "approve", item_id, "--as", "jo", "--text", reply)

    s.fail_next(503, path="/api/comment", save_first=True)
    runner.invoke(cli, ["--home", str(reddit_home), "post", "--once"])
    runner.invoke(cli, ["--home", str(reddit_home), "post", "--once"])
    runner.invoke(cli, ["--home", str(reddit_home), "post", "--once"])

    assert [(r["thing_id"], r["text"]) for r in s.replies_posted] == [(comment, reply)]
    assert s.count("/api/comment", method="POST") == 1
