"""The acceptance path: `modbot poll --once` against the fake YouTube, configured only through
modbot.toml and the secrets file, as a person would set it up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


@pytest.fixture
def connected_home(home: Path, youtube_server: FakeYouTube, runner: CliRunner) -> Path:
    config = home / "modbot.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n" + youtube_server.config_toml("yt"), encoding="utf-8"
    )
    secrets = home / "yt-credentials.json"
    # Saved with a byte-order mark, as some editors save JSON: it must still read.
    secrets.write_text(json.dumps(youtube_server.secrets()), encoding="utf-8-sig")
    result = runner.invoke(cli, ["--home", str(home), "connect", "yt", "--from-file", str(secrets)])
    assert result.exit_code == 0, result.output
    return home


def modbot(runner: CliRunner, home: Path, *args: str) -> Any:
    return runner.invoke(cli, ["--home", str(home), *args])


@pytest.mark.slow  # when it runs first, it trains the run's shared triage model
def test_poll_once_stores_exactly_what_the_channel_holds_then_a_quiet_poll_costs_two_units(
    youtube_server: FakeYouTube, connected_home: Path, runner: CliRunner
) -> None:
    video = youtube_server.add_video(title="When panic hits")
    held = youtube_server.add_comment(video, "I don't see the point of going on", author="anon", held=True)
    top = youtube_server.add_comment(video, "Loved this <3 🙏", author="Sam")
    reply = youtube_server.add_reply(top, "same", author=None)

    first = modbot(runner, connected_home, "poll", "--once")
    assert first.exit_code == 0, first.output
    assert "yt: 3 new, 4 quota units used" in first.output

    queue = json.loads(modbot(runner, connected_home, "queue", "--json").output)
    stored = {row["external_id"]: row for row in queue}
    assert set(stored) == {held, top, reply}
    assert stored[held]["moderation_status"] == "heldForReview"
    assert stored[held]["category"] == "crisis"
    assert stored[top]["text"] == "Loved this <3 🙏" and stored[top]["author"] == "Sam"
    assert stored[top]["context_title"] == "When panic hits"
    assert stored[top]["permalink"] == f"https://www.youtube.com/watch?v={video}&lc={top}"
    assert stored[reply]["kind"] == "reply" and stored[reply]["author"] is None

    before = youtube_server.quota_used
    second = modbot(runner, connected_home, "poll", "--once")
    assert "yt: 0 new, 2 quota units used" in second.output
    assert youtube_server.quota_used - before == 2
    assert len(json.loads(modbot(runner, connected_home, "queue", "--json").output)) == 3


def test_a_revoked_token_leaves_a_clear_status(
    youtube_server: FakeYouTube, connected_home: Path, runner: CliRunner
) -> None:
    youtube_server.revoke()
    result = modbot(runner, connected_home, "poll", "--once")
    assert "reconnect required" in result.output
    status = modbot(runner, connected_home, "status")
    assert "reconnect required" in status.output


def test_spent_quota_pauses_the_account_until_reset(
    youtube_server: FakeYouTube, connected_home: Path, runner: CliRunner
) -> None:
    youtube_server.quota_used = youtube_server.quota_limit
    result = modbot(runner, connected_home, "poll", "--once")
    assert "quota" in result.output.lower()
    assert "quota" in modbot(runner, connected_home, "status").output.lower()
