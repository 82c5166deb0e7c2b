"""Classifier commands: `triage`, `train`, `eval` and `roster add|remove|list`."""

from __future__ import annotations

import gc
import itertools
import json
import math
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from bot.cli.progress import ProgressLine, quiet_option
from bot.cli.root import Options, pass_options
from bot.config import PLATFORMS, load_config
from bot.domain import FLAGS

BATCH = 1000
# Inputs of at least this many batches are triaged by a pool of worker processes.
PARALLEL_AFTER = 2


def _model_dir(options: Options, explicit: Path | None) -> Path:
    """--model-dir, else `[classifier] model_dir` (file or MODBOT_CLASSIFIER_MODEL_DIR), else
    `<home>/model`: the same place the application uses. A missing config file is fine; with no
    home at all, the per-user cache."""
    if explicit:
        return explicit
    config = load_config(options.home, overrides=options.overrides)
    if config.classifier.model_dir:
        return Path(config.classifier.model_dir).expanduser()
    if not config.home.is_dir():  # a home that does not exist is not created: use the user cache
        from classifiers.model import user_model_dir

        return user_model_dir()
    return config.home / "model"


def _parse_request(line: str, number: int) -> tuple[Any, dict[str, Any] | None, str | None]:
    """(id, request, error) for one input line."""
    try:
        data = json.loads(line.lstrip("\ufeff"))  # a byte-order mark, at the start or where files were joined
    except json.JSONDecodeError as exc:
        return None, None, f"line {number}: not valid JSON ({exc.msg})"
    if not isinstance(data, dict):
        return None, None, f"line {number}: expected a JSON object"
    item_id = data.get("id")
    if isinstance(item_id, float) and not math.isfinite(item_id):
        return None, None, f"line {number}: 'id' must be a finite number or a string"
    text = data.get("text")
    if not isinstance(text, str):
        return item_id, None, f"line {number}: 'text' must be a string"
    fields = {"platform": "file", "kind": "comment", "author": None}
    for key in fields:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return item_id, None, f"line {number}: {key!r} must be a string"
        if value is not None:
            fields[key] = value
    return item_id, {"text": text, **fields}, None


def _count_lines(stream: IO[str]) -> int | None:
    """Non-blank lines in a file that can be read twice (a file, or stdin redirected from one);
    None for a pipe."""
    try:
        if not stream.seekable():
            return None
        start = stream.tell()
        total = sum(1 for line in stream if line.strip())
        stream.seek(start)
    except OSError:
        return None
    return total


def _chunks(stream: IO[str]) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue  # a blank line is not a JSON line: nothing to answer
        chunk.append((number, line))
        if len(chunk) >= BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# The triager a worker process uses: set in the parent before the pool forks, so every worker
# shares the one loaded model (no second load, no pickling of the model).
_TRIAGER: Any = None


def _answer(chunk: list[tuple[int, str]]) -> list[tuple[str, str | None]]:
    """One output line (and the error, if any) for each input line of the chunk."""
    parsed = [(number, *_parse_request(line, number)) for number, line in chunk]
    good = [request for _n, _id, request, _error in parsed if request is not None]
    verdicts = iter(
        _TRIAGER.triage_many(
            [r["text"] for r in good],
            kinds=[r["kind"] for r in good],
            platforms=[r["platform"] for r in good],
            authors=[r["author"] for r in good],
        )
    )
    answers: list[tuple[str, str | None]] = []
    for _number, item_id, request, error in parsed:
        if request is None:
            out: dict[str, Any] = {"id": item_id, "error": error}
        else:
            verdict = next(verdicts)
            out = {
                "id": item_id,
                "category": verdict.category,
                "labels": list(verdict.labels),
                "scores": {flag: verdict.scores[flag] for flag in FLAGS},
                "reasons": list(verdict.reasons),
            }
        answers.append((json.dumps(out, ensure_ascii=False) + "\n", error))
    return answers


def _answers(chunks: Iterator[list[tuple[int, str]]], workers: int) -> Iterator[list[tuple[str, str | None]]]:
    """Answers chunk by chunk, in input order; with several workers, chunks are triaged by forked
    processes (two cores nearly halve a long run). A short input never starts a pool."""
    first = list(itertools.islice(chunks, PARALLEL_AFTER))
    if workers <= 1 or len(first) < PARALLEL_AFTER or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_answer, first)
        yield from map(_answer, chunks)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_one_thread_each) as pool:
        yield from pool.imap(_answer, itertools.chain(first, chunks))


def _one_thread_each() -> None:
    """The sentence encoder on one thread in each worker: the workers share the cores."""
    import classifiers.encoder

    classifiers.encoder.THREADS = 1


@click.command()
@click.option(
    "--input",
    "input_file",
    type=click.File("r", encoding="utf-8", errors="replace"),
    default="-",
    show_default=True,
    help="JSON lines with `text` and optional `id`, `platform`, `kind`, `author` ('-' = stdin).",
)
@click.option(
    "--output",
    "output_file",
    type=click.File("w", encoding="utf-8", lazy=True),
    default="-",
    show_default=True,
    help="Where to write one JSON line per input line ('-' = stdout).",
)
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Model directory (default: <home>/model, or the per-user cache with no home).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=min(os.cpu_count() or 1, 4),
    show_default="the number of cores, at most 4",
    help="Processes that triage a long input in parallel (1: this process only).",
)
@quiet_option
@pass_options
def triage(
    options: Options,
    input_file: IO[str],
    output_file: IO[str],
    model_dir: Path | None,
    workers: int,
    quiet: bool,
) -> None:
    """Triage JSON lines: one `{"id", "category", "labels", "scores", "reasons"}` line out per line in.

    Needs no config and no database. A line that is not a JSON object with a string `text` gets
    `{"id": <its id or null>, "error": "line N: ..."}` in its place, the error is also printed on
    stderr, and the run goes on; the exit status is then 1, after a last line that counts the
    failures. Blank lines are skipped. On a terminal, a line on stderr counts the lines triaged
    so far (not with --quiet).
    """
    import classifiers

    global _TRIAGER
    _TRIAGER = classifiers.load_triager(_model_dir(options, model_dir))
    # The model's vocabularies are large and live for the whole run: keep them out of every garbage
    # collection (and out of copy-on-write in forked workers).
    gc.freeze()
    progress = ProgressLine(quiet=quiet)
    total = _count_lines(input_file) if progress.enabled else None
    failed = done = 0
    for answers in _answers(_chunks(input_file), workers):
        for line, error in answers:
            if error is not None:
                failed += 1
                progress.clear()  # the error gets a line of its own
                click.echo(error, err=True)
            output_file.write(line)
        output_file.flush()
        done += len(answers)
        progress(done, total)
    progress.close()
    if failed:
        click.echo(f"{failed} line(s) could not be triaged (see the error objects in the output)", err=True)
        raise SystemExit(1)


@click.command()
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the model (default: [classifier] model_dir, else <home>/model).",
)
@pass_options
def train(options: Options, model_dir: Path | None) -> None:
    """Train the triage model on the bundled corpus plus this installation's reviewer corrections."""
    import classifiers
    from bot import app as application
    from bot.corrections import reviewer_corrections

    app = application.open_app(options.home, overrides=options.overrides)
    corrections = reviewer_corrections(app.sessions)
    target = model_dir or (
        Path(app.config.classifier.model_dir).expanduser()
        if app.config.classifier.model_dir
        else app.config.home / "model"
    )
    version = classifiers.train(target, corrections)
    click.echo(f"model {version} written to {target} ({len(corrections)} reviewer correction(s) included)")


@click.command("eval")
@click.option(
    "--input",
    "input_file",
    type=click.File("r", encoding="utf-8", errors="replace"),
    help="Labelled JSON lines (`text` plus `labels`/`flags`, or a `label`); default: the held-out split.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Model directory (default: <home>/model, or the per-user cache with no home).",
)
@pass_options
def evaluate(options: Options, input_file: IO[str] | None, as_json: bool, model_dir: Path | None) -> None:
    """Precision, recall and F1 of model-only, rules-only and combined triage, side by side, then
    the combined per-class figures and confusion matrix."""
    import classifiers
    from classifiers import dataset
    from classifiers.evaluate import evaluate_modes, format_report, format_side_by_side, read_labelled

    if input_file is None:
        _train, examples = dataset.split(dataset.read_corpus())
        problems: list[str] = []
        source = "corpus held-out writers"
    else:
        examples, problems = read_labelled(input_file)
        source = input_file.name
    for problem in problems:
        click.echo(f"skipped {problem}", err=True)
    if not examples:
        raise click.ClickException(f"no labelled texts in {source}")
    triager = classifiers.load_triager(_model_dir(options, model_dir))
    reports = evaluate_modes(triager, examples)
    report = reports["combined"]
    report.skipped = problems
    if as_json:
        modes = {mode: r.as_dict() for mode, r in reports.items() if mode != "combined"}
        click.echo(
            json.dumps(
                {"source": source, "model_version": triager.version, **report.as_dict(), "modes": modes},
                indent=2,
            )
        )
    else:
        click.echo(f"model {triager.version} on {source}")
        click.echo(format_side_by_side(reports))
        click.echo("")
        click.echo("combined:")
        click.echo(format_report(report))


@click.group()
def roster() -> None:
    """The client roster: handles are stored only as keyed HMACs, never as names."""


def _platform_option(function: Any) -> Any:
    return click.option(
        "--platform", required=True, type=click.Choice(PLATFORMS), help="Platform the handle belongs to."
    )(function)


@roster.command("add")
@_platform_option
@click.argument("handles", nargs=-1, required=True)
@pass_options
def roster_add(options: Options, platform: str, handles: tuple[str, ...]) -> None:
    """Put one or more client handles on the roster (their items are flagged `client`)."""
    from bot import app as application
    from bot import roster as store

    app = application.open_app(options.home, overrides=options.overrides)
    added = sum(store.add(app.sessions, app.secrets, platform, handle) for handle in handles)
    click.echo(f"{added} handle(s) added to the {platform} roster, {len(handles) - added} already there")


@roster.command("remove")
@_platform_option
@click.argument("handles", nargs=-1, required=True)
@pass_options
def roster_remove(options: Options, platform: str, handles: tuple[str, ...]) -> None:
    """Take one or more handles off the roster."""
    from bot import app as application
    from bot import roster as store

    app = application.open_app(options.home, overrides=options.overrides)
    removed = sum(store.remove(app.sessions, app.secrets, platform, handle) for handle in handles)
    click.echo(
        f"{removed} handle(s) removed from the {platform} roster, {len(handles) - removed} were not on it"
    )


@roster.command("list")
@click.option("--platform", type=click.Choice(PLATFORMS), help="Only this platform.")
@pass_options
def roster_list(options: Options, platform: str | None) -> None:
    """Counts per platform and HMAC prefixes; handles are never shown (they are not stored)."""
    from bot import app as application
    from bot import roster as store

    app = application.open_app(options.home, overrides=options.overrides)
    summary = store.summary(app.sessions)
    platforms = [platform] if platform else sorted(summary.counts)
    if not any(summary.counts.get(p) for p in platforms):
        click.echo("the roster is empty")
        return
    for name in platforms:
        prefixes = summary.prefixes.get(name, [])
        click.echo(f"{name}: {summary.counts.get(name, 0)} handle(s)")
        for prefix in prefixes:
            click.echo(f"  hmac {prefix}…")


def register(cli: click.Group) -> None:
    for command in (triage, train, evaluate, roster):
        cli.add_command(command)
