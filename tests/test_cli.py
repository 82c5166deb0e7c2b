"""The CLI as a new user meets it: help, init, demo, queue, show, export, users, errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot import db
from bot.cli import cli
from bot.cli.root import ModbotGroup

README = Path(__file__).resolve().parents[1] / "README.md"


def all_commands(group: click.Group = cli, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    commands = group.load_all() if isinstance(group, ModbotGroup) else group.commands
    for name, command in sorted(commands.items()):
        path = f"{prefix}{name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path + " "))
    return found


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=[p for p, _ in all_commands()])
def test_every_command_has_help_and_is_in_the_readme(path: str, command: click.Command) -> None:
    assert command.help, f"`modbot {path}` has no help text"
    result = CliRunner().invoke(cli, [*path.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"modbot {path}" in README.read_text(encoding="utf-8"), f"`modbot {path}` is not in README.md"


def test_python_dash_m_bot_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, check=True
    )
    assert "queue" in result.stdout and "triage" in result.stdout


def test_init_creates_config_secrets_and_a_database_at_head(tmp_path: Path, runner: CliRunner) -> None:
    home = tmp_path / "fresh"
    result = runner.invoke(cli, ["--home", str(home), "init"])
    assert result.exit_code == 0, result.output
    assert (home / "modbot.toml").exists()
    assert stat.S_IMODE(os.stat(home / "secrets").st_mode) == 0o700
    engine = db.make_engine(f"sqlite:///{home / 'modbot.db'}")
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()
    again = runner.invoke(cli, ["--home", str(home), "init"])
    assert again.exit_code == 0


def test_broken_config_gives_one_clear_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    home = tmp_path / "broken"
    home.mkdir()
    (home / "modbot.toml").write_text("[practice]\nregion = 'US'\nfavourite_colour = 'teal'\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--home", str(home), "queue"], capture_output=True, text=True
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "favourite_colour" in lines[0] and "modbot.toml" in lines[0]
    assert "Traceback" not in result.stderr


def test_commands_on_an_uninitialised_home_say_what_to_do(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--home", str(tmp_path / "nothing"), "queue"])
    assert result.exit_code == 1
    assert "modbot init" in result.output


def test_demo_loads_every_category_and_queue_and_export_show_it(tmp_path: Path, runner: CliRunner) -> None:
    home = tmp_path / "demo"
    result = runner.invoke(cli, ["--home", str(home), "demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "demo-owner" in result.output

    listed = json.loads(
        runner.invoke(cli, ["--home", str(home), "queue", "--json", "--limit", "1000"]).output
    )
    assert len(listed) >= 60
    for key in ("id", "platform", "account", "kind", "author", "text", "category", "labels", "status"):
        assert all(key in entry for entry in listed)
    assert {entry["category"] for entry in listed} == {"crisis", "client", "advice", "engagement"}
    assert {entry["platform"] for entry in listed} == {"youtube", "reddit"}
    assert {"comment", "reply", "dm", "mention"} <= {entry["kind"] for entry in listed}
    assert listed[0]["category"] == "crisis", "the queue must put crisis first"

    exported = runner.invoke(cli, ["--home", str(home), "export", "--format", "jsonl"]).output.splitlines()
    assert len(exported) == len(listed)
    assert {json.loads(line)["id"] for line in exported} == {entry["id"] for entry in listed}
    assert not any("suggestions" in json.loads(line) for line in exported), "history, not offers"

    crisis = next(entry for entry in listed if entry["category"] == "crisis")
    shown = json.loads(runner.invoke(cli, ["--home", str(home), "show", str(crisis["id"]), "--json"]).output)
    assert shown["reasons"] and shown["suggestions"]
    assert all({"template", "text"} <= s.keys() for s in shown["suggestions"])

    again = runner.invoke(cli, ["--home", str(home), "demo", "--no-serve"])
    assert again.exit_code == 0
    relisted = json.loads(
        runner.invoke(cli, ["--home", str(home), "queue", "--json", "--limit", "1000"]).output
    )
    assert len(relisted) == len(listed), "re-importing the demo file must add nothing"


def test_export_csv_has_a_row_per_item(tmp_path: Path, runner: CliRunner) -> None:
    home = tmp_path / "demo"
    runner.invoke(cli, ["--home", str(home), "demo", "--no-serve"])
    import csv
    import io

    output = runner.invoke(cli, ["--home", str(home), "export", "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert len(rows) >= 60 and {"id", "category", "decisions", "posts"} <= rows[0].keys()


def test_users_add_reads_the_password_from_stdin_and_never_stores_it(home: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["--home", str(home), "users", "add", "alice", "--role", "owner", "--password-stdin"],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output
    assert b"correct horse battery" not in (home / "modbot.db").read_bytes()
    listed = runner.invoke(cli, ["--home", str(home), "users", "list"])
    assert "alice" in listed.output and "owner" in listed.output
    short = runner.invoke(
        cli,
        ["--home", str(home), "users", "add", "bob", "--role", "assistant", "--password-stdin"],
        input="short\n",
    )
    assert short.exit_code == 1 and "at least" in short.output


def test_file_account_poll_reports_bad_lines_and_imports_the_rest(home: Path, runner: CliRunner) -> None:
    data = home / "import.jsonl"
    data.write_text(json.dumps({"external_id": "x1", "text": "Great video, thanks!"}) + "\nnot json\n")
    with (home / "modbot.toml").open("a") as handle:
        handle.write(f'\n[[accounts]]\nname = "import"\nplatform = "file"\npath = "{data}"\n')
    result = runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    assert result.exit_code == 1, "an import with skipped lines did not do all of its job"
    assert "import: 1 new" in result.stdout and "line 2: not valid JSON" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("1 of 1 account(s) not fully polled: import:")
    second = runner.invoke(cli, ["--home", str(home), "poll", "--once", "--account", "import"])
    assert second.exit_code == 0 and "import: 0 new" in second.output
    status = runner.invoke(cli, ["--home", str(home), "status"])
    assert "import (file): ok" in status.output
    assert "notice: import.jsonl: skipped 1 invalid line(s): line 2" in status.output, (
        "skipped lines stay visible while the file is unchanged"
    )
    [listed] = json.loads(runner.invoke(cli, ["--home", str(home), "status", "--json"]).output)
    assert listed["name"] == "import" and listed["state"] == "ok" and listed["quiet"] is False
    assert listed["last_success_at"].endswith("+00:00")


def test_csv_export_is_safe_in_a_spreadsheet_and_private(home: Path, runner: CliRunner) -> None:
    data = home / "import.jsonl"
    data.write_text(json.dumps({"external_id": "f1", "text": '=HYPERLINK("http://x.invalid","hi")',
                                "author": "@cmd|calc"}) + "\n")
    with (home / "modbot.toml").open("a") as handle:
        handle.write(f'\n[[accounts]]\nname = "import"\nplatform = "file"\npath = "{data}"\n')
    runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    target = home / "export.csv"
    result = runner.invoke(cli, ["--home", str(home), "export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    import csv
    import io

    [row] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert row["text"].startswith("'=HYPERLINK") and row["author"] == "'@cmd|calc"


def test_huge_ids_get_one_clear_line(home: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--home", str(home), "show", "99999999999999999999999"])
    assert result.exit_code == 2 and "not in the range" in result.output
