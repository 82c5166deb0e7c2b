"""The client roster: keyed HMACs only, commands that never echo a handle, and the triage hook."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner

from bot import app as application
from bot import roster
from bot.cli import cli


def invoke(runner: CliRunner, home: Path, *args: str):
    return runner.invoke(cli, ["--home", str(home), "roster", *args], catch_exceptions=False)


def test_add_list_remove(runner: CliRunner, home: Path) -> None:
    added = invoke(runner, home, "add", "--platform", "reddit", "Jane_Doe_1984", "u/other_client")
    assert added.exit_code == 0
    assert "2 handle(s) added to the reddit roster" in added.stdout
    again = invoke(runner, home, "add", "--platform", "reddit", "jane_doe_1984")
    assert "0 handle(s) added" in again.stdout and "1 already there" in again.stdout

    listed = invoke(runner, home, "list")
    assert "reddit: 2 handle(s)" in listed.stdout
    assert "jane" not in listed.stdout.lower() and "other_client" not in listed.stdout
    assert listed.stdout.count("hmac ") == 2

    removed = invoke(runner, home, "remove", "--platform", "reddit", "@Jane_Doe_1984")
    assert "1 handle(s) removed" in removed.stdout
    assert "reddit: 1 handle(s)" in invoke(runner, home, "list").stdout


def test_commands_never_echo_the_handle(runner: CliRunner, home: Path) -> None:
    for args in (
        ("add", "--platform", "youtube", "SecretName"),
        ("remove", "--platform", "youtube", "SecretName"),
    ):
        assert "secretname" not in invoke(runner, home, *args).output.lower()


def test_the_handle_never_reaches_the_database_file(runner: CliRunner, home: Path) -> None:
    handle = "Very_Distinctive_Client_Handle"
    invoke(runner, home, "add", "--platform", "youtube", handle)
    stored = b"".join(path.read_bytes() for path in home.glob("modbot.db*"))
    assert stored  # the database and its WAL exist
    for form in (handle, handle.lower(), handle.casefold()):
        assert form.encode() not in stored
    key = home / "secrets" / "roster.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32


def test_hmac_is_keyed_and_folds_handles() -> None:
    key_a, key_b = b"a" * 32, b"b" * 32
    assert roster.handle_hmac(key_a, "reddit", "u/Jane") == roster.handle_hmac(key_a, "reddit", " jane ")
    assert roster.handle_hmac(key_a, "reddit", "jane") != roster.handle_hmac(key_b, "reddit", "jane")
    assert roster.handle_hmac(key_a, "reddit", "jane") != roster.handle_hmac(key_a, "youtube", "jane")


def test_a_bad_platform_or_empty_handle_is_one_clear_error(runner: CliRunner, home: Path) -> None:
    result = runner.invoke(cli, ["--home", str(home), "roster", "add", "--platform", "myspace", "x"])
    assert result.exit_code != 0 and "myspace" in result.output
    result = runner.invoke(cli, ["--home", str(home), "roster", "add", "--platform", "reddit", "@"])
    assert result.exit_code != 0 and "empty" in result.output


def test_empty_roster_lists_as_empty(runner: CliRunner, home: Path) -> None:
    assert "the roster is empty" in invoke(runner, home, "list").stdout


def test_membership_drives_the_client_flag(home: Path, model_dir: Path) -> None:
    app = application.open_app(home, overrides={"classifier.model_dir": str(model_dir)})
    is_client = roster.membership(app.sessions, app.secrets)
    assert is_client("reddit", "anyone") is False  # no key yet: nobody is a client
    roster.add(app.sessions, app.secrets, "reddit", "Known_Client")
    assert is_client("reddit", "known_client") and is_client("reddit", "u/Known_Client")
    assert not is_client("youtube", "known_client") and not is_client("reddit", "stranger")

    verdict = app.triager().triage("love this video!", platform="reddit", author="Known_Client")
    assert verdict.category == "client"
    assert "client: roster match" in verdict.reasons
    roster.remove(app.sessions, app.secrets, "reddit", "known_client")
    later = app.triager().triage("love this video!", platform="reddit", author="Known_Client")
    assert later.category == "engagement"  # the roster is read live, not cached
