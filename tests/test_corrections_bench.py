"""`bench/corrections.py` measures what reviewer corrections teach: each half of a set is learnt and
the other half triaged, so its figures (quoted in the README) never score a text a model learnt."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from bench import corrections
from classifiers import dataset
from classifiers.dataset import Example
from classifiers.triager import NgramTriager

SET = [
    ("i have the pills counted out for tonight, nobody knows", ["crisis"]),
    ("my phone is about to die, text me later", []),
    ("can we move thursday to 4? work ran over again", ["client"]),
    ("should i stop taking my sertraline before the wedding?", ["advice"]),
    ("picked a date for it. saturday. the letters are written", ["crisis"]),
    # Shares an 8-word run with the third line: each is learnt in one half and repeats the other's
    # learnt line in the other, so neither is ever counted.
    ("sorry, can we move thursday to 4? work ran over again", ["client"]),
    ("loved this video, the cat cameo made my day", []),
]


def test_no_text_is_scored_by_a_model_that_learnt_it(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_text = next(e.text for e in dataset.split(dataset.read_corpus())[0] if len(e.text.split()) > 10)
    path = tmp_path / "labelled.jsonl"
    lines = [*SET, (corpus_text, [])]  # a training text: skipped
    path.write_text("".join(json.dumps({"text": t, "labels": f}) + "\n" for t, f in lines))
    learnt: list[list[str]] = []
    scored: list[tuple[str, list[str]]] = []  # (model version, texts it scored)
    real_train, real_counts = corrections.train_model, corrections.counts

    def recording_train(directory: Path, extra: Sequence[Example]) -> object:
        assert list(directory.glob("encoder-cache-*.npz"))  # given the model's embeddings: seconds
        learnt.append([e.text for e in extra])
        return real_train(directory, extra)

    def recording_counts(
        triager: NgramTriager, texts: Sequence[str], gold: Sequence[tuple[str, ...]]
    ) -> corrections.Counts:
        scored.append((triager.version, list(texts)))
        return real_counts(triager, texts, gold)

    monkeypatch.setattr(corrections, "train_model", recording_train)
    monkeypatch.setattr(corrections, "counts", recording_counts)
    monkeypatch.setattr(sys, "argv", ["corrections.py", str(path), "--model-dir", str(model_dir)])
    corrections.main()
    out = capsys.readouterr().out

    texts = [t for t, _ in SET]
    assert out.startswith("1 line(s) skipped: they repeat training text")
    assert learnt == [texts[0::2], texts[1::2]]  # each half once, as reviewer corrections
    corrected = list(dict.fromkeys(v for v, _ in scored if "+local-" in v))
    assert len(corrected) == 2
    everything = {t for _, seen in scored for t in seen}
    assert not {corpus_text, texts[2], texts[5]} & everything
    for version, seen in scored:
        if version in corrected:  # neither its own corrections nor their repeats
            assert not set(seen) & set(learnt[corrected.index(version)])
    plain = {t for v, seen in scored if v not in corrected for t in seen}
    assert set(texts) - {texts[2], texts[5]} <= plain  # the others were triaged by the uncorrected model
    assert "crisis  found " in out and "the held-out writers (" in out
