"""The CLI on the first day: failing commands say so, errors are one line, a missing home stays
missing, nothing a comment holds can drive the terminal, and the first screens say what to do."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.cli.terminal import json_text, plain

# ESC, CSI, BEL, backspace, carriage return, a bidi override, DEL and OSC's introducer.
CONTROLS = ("\x1b", "\x9b", "\x07", "\x08", "\r", "\u202e", "\x7f", "\x9d")


def modbot(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--home", str(home), *args],
        capture_output=True, text=True, timeout=300, check=False,
    )


def one_line_error(result: Result | subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (and no traceback)."""
    code = result.returncode if isinstance(result, subprocess.CompletedProcess) else result.exit_code
    assert code != 0
    if isinstance(result, Result):
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def add_file_account(home: Path, items: list[dict[str, object]], extra_lines: str = "") -> Path:
    data = home / "import.jsonl"
    data.write_text("".join(json.dumps(i) + "\n" for i in items) + extra_lines, encoding="utf-8")
    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[accounts]]\nname = "import"\nplatform = "file"\npath = "{data}"\n')
    return data


# -- a command that did not do its job exits non-zero -------------------------------------------


def test_poll_with_an_account_error_exits_1_and_names_it(home: Path, runner: CliRunner) -> None:
    add_file_account(home, [{"external_id": "a", "text": "Thanks for this"}])
    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[accounts]]\nname = "channel"\nplatform = "youtube"\nchannel_id = "UC1"\n')
    result = runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    assert result.exit_code == 1
    assert "import: 1 new" in result.stdout, "the other accounts are still polled"
    last = result.stderr.splitlines()[-1]
    assert last.startswith("1 of 2 account(s) not fully polled: channel:") and "modbot connect" in last
    ok = runner.invoke(cli, ["--home", str(home), "poll", "--once", "--account", "import"])
    assert ok.exit_code == 0 and ok.stderr == ""


# -- one clear line, never a traceback --------------------------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_serve_on_a_busy_port_is_one_line(home: Path, busy_port: int) -> None:
    done = modbot(home, "serve", "--port", str(busy_port))
    line = one_line_error(done)
    assert f"cannot listen on 127.0.0.1:{busy_port}" in line and "in use" in line
    assert "modbot dashboard on" not in done.stdout, "no address is announced for a server that never ran"


def test_demo_on_a_busy_port_is_one_line(tmp_path: Path, busy_port: int) -> None:
    done = modbot(tmp_path / "demo", "demo", "--port", str(busy_port))
    assert f"cannot listen on 127.0.0.1:{busy_port}" in one_line_error(done)


def test_export_into_a_missing_folder_is_one_line_and_writes_nothing(home: Path, runner: CliRunner) -> None:
    target = home / "no-such-folder" / "items.jsonl"
    result = runner.invoke(cli, ["--home", str(home), "export", "-o", str(target)])
    assert f"there is no folder {target.parent}" in one_line_error(result)
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1)"),
        ("[1, 2]", "expected a JSON object"),
        (b"\xff\xfe", "not valid JSON"),
        (None, "cannot read: No such file or directory"),
        ("folder", "cannot read: Is a directory"),
    ],
    ids=["malformed", "not-an-object", "undecodable", "missing", "a-folder"],
)
@pytest.mark.parametrize("option", ["--client-secrets", "--from-file"])
def test_connect_with_a_bad_json_file_is_one_line(
    home: Path, runner: CliRunner, option: str, content: str | bytes | None, message: str
) -> None:
    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[accounts]]\nname = "channel"\nplatform = "youtube"\nchannel_id = "UC1"\n')
    path = home / "given.json"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["--home", str(home), "connect", "channel", option, str(path)])
    line = one_line_error(result)
    assert result.exit_code == 1 and line == f"Error: {option} {path}: {message}"
    assert not (home / "secrets" / "channel.json").exists()


# -- a home that does not exist is not created ---------------------------------------------------

COMMANDS = [
    ["queue"], ["show", "1"], ["status"], ["export"], ["db", "upgrade"], ["users", "list"],
    ["users", "add", "ann", "--role", "owner"], ["connect", "x"], ["poll", "--once"], ["run"],
    ["approve", "1", "--as", "ann"], ["post", "--once"], ["audit", "verify"], ["audit", "list"],
    ["alerts", "check"], ["roster", "list"], ["train"], ["serve", "--port", "18080"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_a_command_for_a_missing_home_creates_nothing(
    tmp_path: Path, runner: CliRunner, args: list[str]
) -> None:
    home = tmp_path / "nowhere"
    result = runner.invoke(cli, ["--home", str(home), *args])
    line = one_line_error(result)
    assert f"there is no modbot home at {home}" in line and "modbot init" in line
    assert not home.exists()


def test_triage_without_a_home_creates_none(
    tmp_path: Path, shared_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import classifiers

    classifiers.load_triager(shared_model_dir)  # trained once for the session
    cache = tmp_path / "cache"
    shutil.copytree(shared_model_dir, cache / "modbot" / "model")
    monkeypatch.delenv("MODBOT_CLASSIFIER_MODEL_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    home = tmp_path / "nowhere"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--home", str(home), "triage"],
        input='{"id": 1, "text": "thanks for the video"}\n', capture_output=True, text=True,
        timeout=120, check=False, env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == 1
    assert not home.exists()


# -- no field can drive the terminal ---------------------------------------------------------------


def test_the_helper_strips_escapes_and_controls_and_keeps_message_lines() -> None:
    hostile = "a\x1b[2J\x1b]0;owned\x07b\x9b31mc\u202ed\x08e\r\nsecond\tline\x00"
    assert plain(hostile, multiline=True) == "ab31mcde\nsecond line"
    assert plain(hostile) == "ab31mcde second line"
    assert plain("keep \x1b]8;;unterminated and the rest") == "keep 8;;unterminated and the rest"
    assert json.loads(json_text({"t": hostile})) == {"t": hostile}
    assert not any(c in json_text({"t": hostile}) for c in CONTROLS)


def test_queue_show_status_and_audit_print_no_control_characters(home: Path, runner: CliRunner) -> None:
    evil = "\x1b[2J\x1b]0;pwned\x07\x9b1m\u202e\x7f\r"
    add_file_account(
        home,
        [{"external_id": "e1", "text": f"first line{evil}\nsecond line", "author": f"ann{evil}",
          "title": f"Video{evil}", "permalink": f"https://example.invalid/{evil}"}],
        extra_lines=json.dumps({"external_id": "e2", "text": "x", "kind": f"dm{evil}"}) + "\n",
    )
    runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    runner.invoke(cli, ["--home", str(home), "users", "add", "ann", "--role", "owner"])
    [item] = json.loads(runner.invoke(cli, ["--home", str(home), "queue", "--json"]).stdout)
    assert item["author"] == f"ann{evil}", "--json keeps the data (escaped, not dropped)"
    views = {
        "queue": ["queue"], "queue --json": ["queue", "--json"], "show": ["show", str(item["id"])],
        "show --json": ["show", str(item["id"]), "--json"], "status": ["status"],
        "status --json": ["status", "--json"], "audit list": ["audit", "list"],
        "audit list --json": ["audit", "list", "--json"],
    }
    for name, args in views.items():
        result = runner.invoke(cli, ["--home", str(home), *args])
        assert result.exit_code == 0, (name, result.output)
        found = [c for c in CONTROLS if c in result.output]
        assert not found, f"`modbot {name}` printed {found!r}"
    shown = runner.invoke(cli, ["--home", str(home), "show", str(item["id"])]).stdout
    assert "first line\nsecond line" in shown.replace("1m", ""), "message text keeps its line breaks"
    assert "by ann1m " in shown and "on: Video1m" in shown
    assert "notice:" in runner.invoke(cli, ["--home", str(home), "status"]).stdout


# -- the first screens say what to do ----------------------------------------------------------------


def test_init_ends_with_the_next_steps(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--home", str(tmp_path / "new"), "init"])
    assert result.exit_code == 0
    tail = result.stdout.splitlines()[-5:]
    assert tail[0] == "next steps:"
    for command in ("modbot connect", "modbot users add", "modbot poll --once", "modbot serve",
                    "modbot demo"):
        assert any(command in line for line in tail), command


def test_queue_has_a_header_and_each_items_age(home: Path, runner: CliRunner) -> None:
    now = datetime.now(UTC)

    def item(external_id: str, text: str, ago: timedelta) -> dict[str, object]:
        return {"external_id": external_id, "text": text, "published_at": (now - ago).isoformat()}

    add_file_account(home, [
        item("old", "an old comment", timedelta(days=2, hours=1)),
        item("new", "a new comment", timedelta(hours=3, minutes=5)),
        item("now", "just now", timedelta(minutes=4)),
    ])
    runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    lines = runner.invoke(cli, ["--home", str(home), "queue"]).stdout.splitlines()
    assert lines[0].split() == ["ID", "CATEGORY", "STATUS", "AGE", "PLATFORM", "KIND", "AUTHOR", "TEXT"]
    ages = {line.split()[-2] + " " + line.split()[-1]: line.split()[3] for line in lines[1:]}
    assert ages == {"old comment": "2d", "new comment": "3h", "just now": "4m"}
