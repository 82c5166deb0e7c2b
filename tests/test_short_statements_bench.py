"""`bench/short_statements.py` counts what the triager says, per set and pooled, so its figures
(quoted in the README) cannot drift from the product's verdicts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import classifiers
from bench import short_statements

SET = [
    ("i have the pills counted out for tonight", ["crisis"]),
    ("i want to die, i can't do this anymore", ["crisis"]),
    ("picked a date for it. saturday", ["crisis"]),
    ("this exam is going to kill me lol", []),
    ("my phone is about to die, text me later", []),
]


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    monkeypatch.setattr(sys, "argv", ["short_statements.py", *args])
    short_statements.main()
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_counts_are_the_triagers_verdicts(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short_statements_30.jsonl"
    path.write_text("".join(json.dumps({"text": t, "flags": f}) + "\n" for t, f in SET) + "not json\n")
    verdicts = classifiers.load_triager(model_dir).triage_many([t for t, _ in SET])
    risk = sum("crisis" in v.labels for (_, f), v in zip(SET, verdicts, strict=True) if f)
    alike = sum("crisis" in v.labels for (_, f), v in zip(SET, verdicts, strict=True) if not f)

    out, err = run(monkeypatch, capsys, "--model-dir", str(model_dir), str(path), str(path))
    assert not (tmp_path / "home" / "model").exists()  # the model given was read; none was built

    first = f"short_statements_30: risk statements {risk} of 3 ({25 * risk / 3:.1f} of 25; the bar is 24), "
    assert out.splitlines()[0].startswith(first + f"look-alikes flagged {alike} of 2")
    assert out.splitlines()[-1].startswith(f"pooled: risk statements {2 * risk} of 6")
    assert f"look-alikes flagged {2 * alike} of 4" in out.splitlines()[-1]
    assert err.count("short_statements_30.jsonl: skipped line 6") == 2  # a bad line is said, not dropped


def test_since_and_until_pick_the_numbered_sets_and_a_missing_set_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], model_dir: Path
) -> None:
    sets = short_statements.FRESH.glob("short_statements*.jsonl")
    numbers = sorted(short_statements.set_number(p) for p in sets)
    assert numbers[0] == 1 and numbers == sorted(set(numbers))
    out, _err = run(monkeypatch, capsys, "--model-dir", str(model_dir), "--since", str(numbers[-1]))
    assert len(out.splitlines()) == 1  # one set: no pooled line
    assert out.startswith(f"short_statements_{numbers[-1]}: risk statements ")
    since, until = str(numbers[1]), str(numbers[2])
    out, _err = run(monkeypatch, capsys, "--model-dir", str(model_dir), "--since", since, "--until", until)
    assert [line.split(":")[0] for line in out.splitlines()] == [
        f"short_statements_{numbers[1]}", f"short_statements_{numbers[2]}", "pooled"
    ]
    with pytest.raises(SystemExit):
        run(monkeypatch, capsys, "no_such_set.jsonl")
    assert "no such set: no_such_set.jsonl" in capsys.readouterr().err
