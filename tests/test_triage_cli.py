"""`modbot triage`, `eval` and `train`: the I/O contract of DESIGN.md, errors, reports, corrections."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import app as application
from bot.cli import cli
from bot.domain import CATEGORIES, FLAGS, InboundItem, Triage
from bot.models import TriageResult
from bot.storage import insert_items, record_triage

CONTRACT_KEYS = {"id", "category", "labels", "scores", "reasons"}


def run(runner: CliRunner, *args: str, input: str | None = None):  # noqa: A002
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_triage_follows_the_contract_line_for_line(runner: CliRunner, model_dir: Path) -> None:
    lines = [
        {"id": "a1", "text": "i want to unalive myself", "platform": "youtube", "kind": "comment"},
        {"id": 2, "text": "see you tuesday!", "platform": "reddit", "kind": "dm", "author": "someone"},
        {"text": "how do i stop panic attacks at work? what should i do"},
        {"id": "d", "text": "great video 😂"},
    ]
    given = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = run(runner, "triage", "--input", "-", "--model-dir", str(model_dir), input=given)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert [o["id"] for o in out] == ["a1", 2, None, "d"]
    for row in out:
        assert set(row) == CONTRACT_KEYS
        assert row["category"] in CATEGORIES
        assert set(row["scores"]) == set(FLAGS)
        assert all(isinstance(v, float) and 0 <= v <= 1 for v in row["scores"].values())
        assert isinstance(row["labels"], list) and isinstance(row["reasons"], list)
    assert [o["category"] for o in out] == ["crisis", "client", "advice", "engagement"]
    assert out[0]["labels"] == ["crisis"] and out[0]["reasons"]


def test_bad_lines_get_an_error_object_and_the_run_goes_on(runner: CliRunner, model_dir: Path) -> None:
    given = (
        '{"id": 1, "text": "hello"}\nnot json\n[1, 2]\n{"id": 7, "text": 42}\n\n{"id": 9, "text": "bye"}\n'
    )
    result = run(runner, "triage", "--model-dir", str(model_dir), input=given)
    assert result.exit_code == 1, "a run that could not triage every line must not exit 0"
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, None, None, 7, 9]  # the blank line is skipped
    assert out[1] == {"id": None, "error": "line 2: not valid JSON (Expecting value)"}
    assert out[2]["error"] == "line 3: expected a JSON object"
    assert out[3] == {"id": 7, "error": "line 4: 'text' must be a string"}
    assert out[4]["category"] == "engagement"
    assert "line 2: not valid JSON" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("3 line(s) could not be triaged")


def test_undecodable_bytes_and_infinite_ids_keep_the_output_valid(runner: CliRunner, model_dir: Path) -> None:
    given = b'\xff\xfe\n{"id": 1e400, "text": "hi"}\n{"id": 3, "text": "thanks!"}\n'
    result = runner.invoke(cli, ["triage", "--model-dir", str(model_dir)], input=given)
    assert result.exit_code == 1  # two lines could not be triaged; the third was

    def strict(constant: str) -> None:
        pytest.fail(f"output is not strict JSON: {constant}")

    out = [json.loads(line, parse_constant=strict) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [None, None, 3]
    assert "error" in out[0] and "finite" in out[1]["error"] and out[2]["category"] == "engagement"


def test_a_byte_order_mark_is_not_part_of_the_first_line(
    runner: CliRunner, model_dir: Path, tmp_path: Path
) -> None:
    """Files saved by some editors start with a UTF-8 byte-order mark; the first line still parses,
    and so does a line where a second such file was joined on."""
    given = '{"id": 1, "text": "thanks for this"}\n\ufeff{"id": 2, "text": "great video"}\n'
    source = tmp_path / "with-bom.jsonl"
    source.write_text(given, encoding="utf-8-sig")
    from_file = run(runner, "triage", "--input", str(source), "--model-dir", str(model_dir))
    from_stdin = runner.invoke(cli, ["triage", "--model-dir", str(model_dir)], input=source.read_bytes())
    for result in (from_file, from_stdin):
        assert result.exit_code == 0, result.output
        assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]


def test_triage_reads_and_writes_files(runner: CliRunner, model_dir: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": f"comment {i}"}) + "\n" for i in range(600)))
    result = run(
        runner, "triage", "--input", str(source), "--output", str(target), "--model-dir", str(model_dir)
    )
    assert result.exit_code == 0
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == list(range(600))  # input order across batches


def test_triage_needs_no_config_and_no_database(model_dir: Path, tmp_path: Path) -> None:
    empty_home = tmp_path / "nothing-here"
    env = {**os.environ, "MODBOT_HOME": str(empty_home)}
    given = json.dumps({"id": "x", "text": "kms fr i cant do this anymore"}) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "triage", "--model-dir", str(model_dir)],
        input=given,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row["id"] == "x" and row["category"] == "crisis"
    assert not (empty_home / "modbot.db").exists()
    assert not (empty_home / "modbot.toml").exists()


def test_eval_reports_the_held_out_writers(runner: CliRunner, model_dir: Path) -> None:
    result = run(runner, "eval", "--model-dir", str(model_dir))
    assert result.exit_code == 0
    assert "corpus held-out writers" in result.stdout
    assert "precision" in result.stdout and "recall" in result.stdout
    assert "confusion (rows: true, columns: predicted)" in result.stdout
    for category in CATEGORIES:
        assert category in result.stdout


def test_eval_on_a_labelled_file(runner: CliRunner, model_dir: Path, tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        "\n".join(
            [
                json.dumps({"text": "i want to kill myself", "label": "crisis"}),
                json.dumps({"text": "see you tuesday!", "labels": ["client"]}),
                "\ufeff" + json.dumps({"text": "great video", "flags": []}),  # a file joined on
                json.dumps({"text": "how do i stop overthinking? any tips", "label": "advice"}),
                "not json",
                json.dumps({"text": "no label here"}),
            ]
        ),
        encoding="utf-8-sig",  # saved with a byte-order mark
    )
    result = run(runner, "eval", "--input", str(labelled), "--json", "--model-dir", str(model_dir))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["count"] == 4
    assert report["categories"]["crisis"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert report["confusion"]["labels"] == list(CATEGORIES)
    assert sum(map(sum, report["confusion"]["rows_true_columns_predicted"])) == 4
    assert len(report["skipped"]) == 2 and report["skipped"][0].startswith("line 5:")


def _labelled_file(tmp_path: Path) -> Path:
    labelled = tmp_path / "small.jsonl"
    rows = [
        {"text": "i want to kill myself tonight", "labels": ["crisis"]},
        {"text": "see you tuesday!", "labels": ["client"]},
        {"text": "how do i stop overthinking? any tips", "labels": ["advice"]},
        {"text": "great video, thank you", "labels": []},
        {"text": "my therapist said the same thing lol", "label": "engagement"},
    ]
    labelled.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return labelled


def test_eval_prints_model_rules_and_combined_side_by_side(
    runner: CliRunner, model_dir: Path, tmp_path: Path
) -> None:
    labelled = _labelled_file(tmp_path)
    result = run(runner, "eval", "--input", str(labelled), "--model-dir", str(model_dir))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.split()[-3:] == ["combined", "rules", "model"])
    figures = lines[lines.index(header) + 1 :]
    crisis_recall = next(line for line in figures if line.startswith("crisis recall"))
    values = [float(v) for v in crisis_recall.split()[-3:]]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values[0] == 1.0  # combined finds the one crisis text
    assert "combined:" in result.stdout and "confusion (rows: true, columns: predicted)" in result.stdout


def test_eval_json_reports_each_mode(runner: CliRunner, model_dir: Path, tmp_path: Path) -> None:
    labelled = _labelled_file(tmp_path)
    result = run(runner, "eval", "--input", str(labelled), "--json", "--model-dir", str(model_dir))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["count"] == 5
    assert set(report["modes"]) == {"rules", "model"}
    for mode in ("rules", "model"):
        assert report["modes"][mode]["count"] == 5
        assert set(report["modes"][mode]["flags"]) == set(FLAGS)
    # Rules alone never raise advice: that flag is the model's.
    assert report["modes"]["rules"]["flags"]["advice"]["recall"] == 0.0
    assert report["flags"]["crisis"]["recall"] == 1.0


def test_eval_with_nothing_labelled_is_one_clear_error(
    runner: CliRunner, model_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = runner.invoke(cli, ["eval", "--input", str(empty), "--model-dir", str(model_dir)])
    assert result.exit_code != 0
    assert "no labelled texts" in result.output


def test_a_forged_sentence_encoder_stops_triage_with_one_clear_line(
    runner: CliRunner, model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import classifiers.encoder

    forged = tmp_path / "weights"
    forged.mkdir()
    (forged / "tokenizer.json").write_text("{}")
    monkeypatch.setattr(classifiers.encoder, "model_dir", lambda: forged)
    classifiers.encoder.encoder.cache_clear()
    try:
        # A long post the rest leaves: the sentence encoder must read it.
        post = "I moved to a new city for work and the evenings are long and quiet. " * 8
        given = json.dumps({"id": 1, "text": post}) + "\n"
        result = runner.invoke(cli, ["triage", "--model-dir", str(model_dir)], input=given)
    finally:
        classifiers.encoder.encoder.cache_clear()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    refused = f"{forged / 'tokenizer.json'} is not the published all-MiniLM-L6-v2 file (SHA-256 differs)"
    assert result.stderr.strip() == f"Error: {refused}"


def test_train_adds_this_installations_reviewer_corrections(
    runner: CliRunner, home: Path, tmp_path: Path, seed_embeddings: Callable[[Path], Path]
) -> None:
    app = application.open_app(home)
    item = InboundItem(
        platform="file", account="demo", kind="comment", external_id="x1", text="purple kites 42"
    )
    from bot.config import AccountConfig
    from bot.storage import ensure_account

    with app.sessions.begin() as session:
        account = ensure_account(session, AccountConfig(name="demo", platform="file", path="demo.jsonl"))
        (item_id,) = insert_items(session, account.id, [item])
        verdict = Triage(
            "client", ("client",), {"crisis": 0, "client": 1, "advice": 0}, ("reviewer",), "manual"
        )
        record_triage(session, item_id, verdict, source="reviewer")
    with app.sessions() as session:
        assert session.query(TriageResult).filter_by(source="reviewer").count() == 1

    target = seed_embeddings(tmp_path / "trained")
    result = run(runner, "--home", str(home), "train", "--model-dir", str(target))
    assert result.exit_code == 0, result.output
    assert "1 reviewer correction(s) included" in result.stdout
    version = json.loads((target / "model.json").read_text())["version"]
    assert "+local-" in version and version in result.stdout


def test_triage_finds_the_model_where_the_application_does(
    runner: CliRunner, model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODBOT_CLASSIFIER_MODEL_DIR", str(model_dir))
    home = tmp_path / "fresh-home"
    result = run(runner, "--home", str(home), "triage", input='{"id": 1, "text": "see you tuesday!"}\n')
    assert json.loads(result.stdout)["category"] == "client"
    assert not (home / "model").exists()  # the configured directory was used, nothing trained here
    assert not (home / "modbot.db").exists()


def test_worker_processes_give_the_same_lines_in_the_same_order(model_dir: Path, tmp_path: Path) -> None:
    texts = ["see you tuesday!", "i want to die", "what mic is that", "should i stop my meds?", "lol"]
    source = tmp_path / "many.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": f"{texts[i % len(texts)]} {i}"}) + "\n" for i in range(2500)),
        encoding="utf-8",
    )
    outputs = []
    for workers in ("1", "2"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot",
                "triage",
                "--input",
                str(source),
                "--model-dir",
                str(model_dir),
                "--workers",
                workers,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[1].splitlines()]
    assert [row["id"] for row in rows] == list(range(2500))
    assert rows[1]["category"] == "crisis" and rows[0]["category"] == "client"
