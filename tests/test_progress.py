"""Progress on long work, through the real `modbot` process: a line on a terminal's stderr while
`triage` and `poll --once` work through thousands of items; nothing when stderr is piped or with
`--quiet`; stdout unchanged either way. The terminal is a real pseudo-terminal (`pty`)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.fakes.youtube import FakeYouTube

LINES = 2_500  # three batches of `modbot triage`


def modbot(args: list[str], *, stdin: bytes = b"", tty: bool) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `python -m bot ARGS`, stderr on a pseudo-terminal when
    `tty`, else a pipe."""
    command = [sys.executable, "-m", "bot", *args]
    if not tty:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=120)
        return done.returncode, done.stdout.decode(), done.stderr.decode()
    master, slave = pty.openpty()
    seen: list[bytes] = []

    def drain() -> None:  # the terminal must be read as it is written, or the child blocks
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=slave)
    finally:
        os.close(slave)
    out, _ = process.communicate(stdin, timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return process.returncode, out.decode(), b"".join(seen).decode()


def shown(terminal: str) -> list[str]:
    """What stays visible on each line of the terminal: a `\r` returns to the line's start and
    the next text covers what was there (blanks included)."""
    lines = []
    for line in terminal.replace("\r\n", "\n").split("\n"):
        screen = ""
        for piece in line.split("\r"):
            screen = piece + screen[len(piece) :]
        lines.append(screen.rstrip())
    return [line for line in lines if line]


def requests(count: int, bad_at: int | None = None) -> bytes:
    lines = [json.dumps({"id": n, "text": f"thank you for video {n}, it helped"}) for n in range(count)]
    if bad_at is not None:
        lines[bad_at] = "not json"
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def input_file(tmp_path: Path) -> Path:
    path = tmp_path / "comments.jsonl"
    path.write_bytes(requests(LINES))
    return path


def test_triage_of_a_file_counts_up_to_its_total_on_a_terminal(input_file: Path, model_dir: Path) -> None:
    code, out, terminal = modbot(["triage", "--input", str(input_file), "--workers", "1"], tty=True)
    assert code == 0
    assert len(out.splitlines()) == LINES and all(json.loads(line)["category"] for line in out.splitlines())
    assert "triaged 1,000 / 2,500 (" in terminal, "an update after the first batch"
    last = shown(terminal)[-1]
    assert last.startswith("triaged 2,500 / 2,500 (") and last.endswith("/s)"), last
    assert terminal.endswith("\n"), "the final figures stay on their own line"


def test_triage_of_a_pipe_counts_without_a_total(model_dir: Path) -> None:
    code, out, terminal = modbot(["triage", "--workers", "1"], stdin=requests(LINES), tty=True)
    assert code == 0 and len(out.splitlines()) == LINES
    assert "triaged 2,500 (" in terminal and " / " not in terminal


def test_triage_is_silent_when_stderr_is_piped_or_quiet(input_file: Path, model_dir: Path) -> None:
    code, piped_out, piped_err = modbot(["triage", "--input", str(input_file)], tty=False)
    assert (code, piped_err) == (0, "")
    code, quiet_out, terminal = modbot(["triage", "--input", str(input_file), "--quiet"], tty=True)
    assert (code, terminal) == (0, "")
    code, shown_out, terminal = modbot(["triage", "--input", str(input_file)], tty=True)
    assert code == 0 and "triaged" in terminal
    assert piped_out == quiet_out == shown_out, "stdout is the same JSON lines with or without progress"


def test_an_error_on_a_terminal_gets_its_own_line_and_counting_goes_on(
    tmp_path: Path, model_dir: Path
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(requests(LINES, bad_at=1_500))
    code, out, terminal = modbot(["triage", "--input", str(path), "--workers", "1"], tty=True)
    assert code == 1 and len(out.splitlines()) == LINES
    lines = shown(terminal)
    assert lines[0] == "line 1501: not valid JSON (Expecting value)", "blank before it, no progress left over"
    assert lines[1].startswith("triaged 2,500 / 2,500 (")
    assert lines[2:] == ["1 line(s) could not be triaged (see the error objects in the output)"]


@pytest.mark.slow
def test_poll_once_shows_the_backfill_on_a_terminal_only(home: Path, model_dir: Path) -> None:
    with FakeYouTube() as server:  # 1,200 comments: three triage batches
        video = server.add_video(title="Sleep")
        for n in range(1_199):
            server.add_comment(video, f"this helped me sleep, thank you ({n})", author=f"viewer{n}")
        server.add_comment(video, "i don't want to be here anymore, i have a plan for tonight", author="p")
        config = home / "modbot.toml"
        config.write_text(
            config.read_text(encoding="utf-8") + "\n" + server.config_toml("yt"), encoding="utf-8"
        )
        (home / "secrets" / "yt.json").write_text(json.dumps(server.secrets()), encoding="utf-8")
        os.chmod(home / "secrets" / "yt.json", 0o600)

        code, out, terminal = modbot(["--home", str(home), "poll", "--once"], tty=True)
        assert code == 0, terminal
        assert out.startswith("yt: 1200 new, "), "stdout keeps the summary alone"
        assert "yt: reading new items..." in terminal
        assert "yt: triaged 500 / 1,200 (" in terminal
        assert shown(terminal)[-1].startswith("yt: triaged 1,200 / 1,200 (")
        # No alert channel is configured, so the crisis alert is a log line: it covers the
        # progress line instead of running on after it, and counting goes on below it.
        alert = [line for line in shown(terminal) if "WARNING bot.alerts: ALERT [modbot]" in line]
        assert len(alert) == 1 and re.match(r"\d{4}-\d\d-\d\d [\d:,]+ WARNING", alert[0]), shown(terminal)

        server.add_comment(video, "one more, thanks", author="late")
        code, out, err = modbot(["--home", str(home), "poll", "--once"], tty=False)
        assert (code, err) == (0, "") and out.startswith("yt: 1 new,")
        server.add_comment(video, "and another", author="later")
        code, out, terminal = modbot(["--home", str(home), "poll", "--once", "--quiet"], tty=True)
        assert (code, terminal) == (0, "") and out.startswith("yt: 1 new,")
