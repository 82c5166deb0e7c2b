"""`bench/feelings.py` frames each text with a sentence before and after it and counts what the
triager says, so its figures (quoted in classifiers/HISTORY.md) measure what they claim."""

from __future__ import annotations

import statistics
from pathlib import Path

import classifiers
from bench import feelings

TEXTS = ["i have the pills counted out for tonight", "picked a date for it. saturday", "love this channel"]


def test_each_sentence_goes_whole_before_and_after_each_text() -> None:
    before, after = feelings.framed(TEXTS, feelings.FEELINGS[0])
    assert before == [f"{feelings.FEELINGS[0]} {text}" for text in TEXTS]
    assert after == [f"{text} {feelings.FEELINGS[0]}" for text in TEXTS]


def test_the_shares_are_the_triagers_verdicts(model_dir: Path) -> None:
    triager = classifiers.load_triager(model_dir)

    def share(texts: list[str]) -> float:
        return sum("crisis" in v.labels for v in triager.triage_many(texts)) / len(texts)

    lines = feelings.report(triager, "risk", TEXTS)

    assert lines[0] == f"risk (3): flagged crisis alone {share(TEXTS):.3f}"
    for line, sentences in zip(lines[1:], (feelings.FEELINGS, feelings.LIFE), strict=True):
        before = [share([f"{one} {text}" for text in TEXTS]) for one in sentences]
        after = [share([f"{text} {one}" for text in TEXTS]) for one in sentences]
        assert f"before {statistics.mean(before):.3f} (from {min(before):.3f} to {max(before):.3f})" in line
        assert f"after {statistics.mean(after):.3f} (from {min(after):.3f} to {max(after):.3f})" in line
