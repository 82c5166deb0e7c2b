"""The training corpus: valid lines, enough writers and examples, hard negatives, a held-out split by
writer with no shared runs, and measurement hygiene (nothing of ours copies the measuring data)."""

from __future__ import annotations

import ast
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain import FLAGS
from classifiers import dataset
from classifiers.normalise import normalise
from classifiers.signals import client_net, crisis_net

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_NOT_WORD = re.compile(r"[^\w\s]+")
Split = tuple[list[dataset.Example], list[dataset.Example]]


def corpus_lines() -> Iterator[tuple[str, int, str]]:
    """(writer/file, line number, line) of every non-blank corpus line."""
    for path in dataset.corpus_files():
        name = f"{dataset.writer_of(path)}/{path.name}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield name, number, line


def test_every_corpus_line_parses(caplog: pytest.LogCaptureFixture) -> None:
    problems = []
    for name, number, line in corpus_lines():
        try:
            dataset.parse_example(json.loads(line), source=name)
        except (ValueError, json.JSONDecodeError) as exc:
            problems.append(f"{name} line {number}: {exc}")
    assert not problems, problems
    with caplog.at_level(logging.WARNING, logger="classifiers.dataset"):
        examples = list(dataset.read_corpus())
    assert examples
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_corpus_has_many_writers_and_examples() -> None:
    writers = {dataset.writer_of(path) for path in dataset.corpus_files()}
    assert len(writers) >= 6, sorted(writers)
    assert dataset.HELD_OUT_WRITERS <= writers
    assert writers - dataset.HELD_OUT_WRITERS, "every writer is held out: nothing to train on"
    examples = list(dataset.read_corpus(with_phrases=False))
    assert len(examples) >= 4000
    for flag in FLAGS:
        assert any(flag in e.labels for e in examples), flag


def test_there_are_at_least_as_many_engagement_examples_as_crisis_ones() -> None:
    examples = list(dataset.read_corpus(with_phrases=False))
    engagement = sum(not e.labels for e in examples)
    crisis = sum("crisis" in e.labels for e in examples)
    assert engagement >= crisis, (engagement, crisis)


@pytest.fixture(scope="module")
def split() -> Split:
    return dataset.split(dataset.read_corpus())


def test_limited_writers_are_corpus_writers_teaching_real_heads() -> None:
    """A misspelt writer or head in `dataset.LIMITED_WRITERS` would silently train nothing."""
    from classifiers.model import HEADS

    writers = {path.name for path in (dataset.CORPUS_DIR / "writers").iterdir() if path.is_dir()}
    for writer, heads in dataset.LIMITED_WRITERS.items():
        assert writer in writers, writer
        assert writer not in dataset.HELD_OUT_WRITERS, writer
        assert heads and heads <= set(HEADS), heads


def test_the_writers_of_one_line_teach_only_that_lines_heads() -> None:
    """Two client writers trained every head in change 36 and four writers of distress in change 45,
    and both times real advice F1 fell, so their rules reverted them (classifiers/HISTORY.md); the
    client and casual sets of change 132 were only ever measured teaching the client head. An
    emptied or narrowed `LIMITED_WRITERS` would bring those changes back without a test failing."""
    client, crisis = frozenset({"client"}), frozenset({"crisis", "window"})
    assert dataset.LIMITED_WRITERS == {
        "thistle": client,
        "clover": client,
        "client_sets": client,
        "casual_sets": client,
        **dict.fromkeys(("lichen", "fennel", "hyssop", "galium", "mallow", "tarragon"), crisis),
    }


def test_no_limited_writer_takes_the_place_of_another_writers_text() -> None:
    """The corpus keeps the first copy of a repeated text: a limited writer's copy kept first would
    stop the other writers' copies training the other heads (change 135)."""
    first: dict[str, str] = {}
    displaced = set()
    for example in dataset.read_corpus():
        key, writer = dataset.text_key(example.text), dataset.source_writer(example)
        kept = first.setdefault(key, writer)
        if kept in dataset.LIMITED_WRITERS and writer not in dataset.LIMITED_WRITERS:
            displaced.add((key, kept, writer))
    assert not displaced, f"limited writers' copies kept in place of others': {sorted(displaced)}"


def test_held_out_writers_are_never_trained_on(split: Split) -> None:
    train, held_out = split
    trained_writers = {dataset.source_writer(e) for e in train}
    assert not trained_writers & dataset.HELD_OUT_WRITERS
    assert {dataset.source_writer(e) for e in held_out} <= dataset.HELD_OUT_WRITERS


def test_held_out_texts_share_no_run_with_training_texts(
    split: Split,
) -> None:
    train, held_out = split
    # In the form the model reads, where "dont" and "don't" are one word.
    trained_runs: set[tuple[str, ...]] = set()
    for example in train:
        trained_runs |= _runs(example.text)
    leaking = [e.text[:60] for e in held_out if _runs(e.text) & trained_runs]
    assert not leaking, leaking


def test_no_held_out_text_is_a_training_text_in_other_punctuation(
    split: Split,
) -> None:
    train, held_out = split
    trained = {_key(e.text) for e in train}
    # Texts of emoji only have no words to compare.
    repeated = [e.text[:60] for e in held_out if _key(e.text) and _key(e.text) in trained]
    assert not repeated, repeated


def test_the_held_out_split_is_big_enough_to_measure(
    split: Split,
) -> None:
    _train, held_out = split
    assert len(held_out) >= 800
    for flag in FLAGS:
        assert sum(flag in e.labels for e in held_out) >= 50, flag
    assert sum(not e.labels for e in held_out) >= 50


def test_the_split_is_the_same_every_time() -> None:
    first = dataset.split(dataset.read_corpus())
    second = dataset.split(dataset.read_corpus())
    assert first == second


# ---------------------------------------------------------------------------------------------
# Measurement hygiene: ../shared/data is only for measuring. No corpus text, phrase example or
# string in our tests and benchmarks may be one of its texts or share an 8-word run with one.
# Offenders are reported by where they are and by our text only: the shared text is never printed.


def _key(text: str) -> str:
    """A text compared as words only: normalised, punctuation gone, whitespace collapsed."""
    return " ".join(_NOT_WORD.sub(" ", normalise(text)).replace("_", " ").split())


def _runs(text: str) -> set[tuple[str, ...]]:
    return dataset.word_runs(normalise(text))


def _shared_texts() -> list[str]:
    files = sorted(SHARED_DATA.glob("*.jsonl")) if SHARED_DATA.is_dir() else []
    if not files:
        message = f"no measuring data in {SHARED_DATA}: the hygiene check cannot run"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must have a copy of shared/ beside the clone)", pytrace=False)
        pytest.skip(message)
    texts = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict) and isinstance(data.get("text"), str):
                texts.append(data["text"])
    assert texts, f"{SHARED_DATA} holds no texts"
    return texts


def _our_texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every text we wrote: corpus lines, phrase examples, test and bench strings,
    and the fresh sets in `bench/fresh_sets/`."""
    for name, number, line in corpus_lines():
        data = json.loads(line)
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            yield f"corpus {name}:{number}", data["text"]
    for net in (crisis_net(), client_net()):
        for family in net.families:
            for text in (*family.positives, *family.negatives):
                yield f"phrases/{net.name}.toml [{family.name}]", text
    for folder in ("tests", "bench"):
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if len(node.value.split()) >= 4:
                        yield f"{path.relative_to(REPO)}:{node.lineno}", node.value
    for path in sorted((REPO / "bench" / "fresh_sets").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            data = json.loads(line)
            assert isinstance(data, dict) and isinstance(data.get("text"), str), (
                f"{path.relative_to(REPO)}:{number}: a fresh-set line needs a text"
            )
            yield f"{path.relative_to(REPO)}:{number}", data["text"]


def test_measurement_hygiene_nothing_of_ours_copies_the_measuring_data() -> None:
    shared = _shared_texts()
    shared_keys = {_key(text) for text in shared}
    shared_runs: set[tuple[str, ...]] = set()
    for text in shared:
        shared_runs |= _runs(text)
    checked = 0
    offenders: list[str] = []
    for where, text in _our_texts():
        checked += 1
        if _key(text) and _key(text) in shared_keys:
            offenders.append(f"{where}: same text as a measuring text: {text[:60]!r}")
        elif _runs(text) & shared_runs:
            offenders.append(f"{where}: shares an 8-word run with a measuring text: {text[:60]!r}")
    assert checked > 4000
    if offenders:
        pytest.fail(
            f"{len(offenders)} of our texts copy ../shared/data (which is only for measuring):\n"
            + "\n".join(offenders),
            pytrace=False,
        )


def test_missing_measuring_data_skips_locally_and_fails_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(f"{__name__}.SHARED_DATA", tmp_path / "absent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _shared_texts()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have a copy of shared/"):
        _shared_texts()
