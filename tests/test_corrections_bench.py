"""`bench/corrections.py` measures what reviewer corrections teach: each half of a set is learnt and
the other half triaged, so its figures (quoted in the README) never score a text a model learnt."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import classifiers
from bench import corrections
from classifiers.dataset import Example

SET = [
    ("i have the pills counted out for tonight", ["crisis"]),
    ("my phone is about to die, text me later", []),
    ("can we move thursday to 4? work ran over", ["client"]),
    ("should i stop taking my sertraline before the wedding?", ["advice"]),
    ("picked a date for it. saturday", ["crisis"]),
    ("loved this video, the cat cameo made my day", []),
]


def test_each_half_is_learnt_and_only_the_other_is_counted(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps({"text": t, "labels": f}) + "\n" for t, f in SET))
    learnt: list[list[str]] = []
    real_train = corrections.train_model

    def recording_train(directory: Path, extra: Sequence[Example]) -> object:
        learnt.append([e.text for e in extra])
        assert list(directory.glob("encoder-cache-*.npz"))  # given the model's embeddings: seconds
        return real_train(directory, extra)

    monkeypatch.setattr(corrections, "train_model", recording_train)
    monkeypatch.setattr(sys, "argv", ["corrections.py", str(path), "--model-dir", str(model_dir)])
    corrections.main()
    out = capsys.readouterr().out

    texts = [t for t, _ in SET]
    assert learnt == [texts[0::2], texts[1::2]]  # each half once, as reviewer corrections
    plain = classifiers.load_triager(model_dir).triage_many(texts)
    found = sum("crisis" in v.labels for (_, f), v in zip(SET, plain, strict=True) if "crisis" in f)
    others = sum("crisis" in v.labels for (_, f), v in zip(SET, plain, strict=True) if "crisis" not in f)
    crisis = next(line for line in out.splitlines() if line.strip().startswith("crisis"))
    # Uncorrected, every text is counted once: the figures are the model's own verdicts.
    assert crisis.strip().startswith(f"crisis  found {found} → ")
    assert f"of 2; flagged without it {others} → " in crisis
    assert "the held-out writers (" in out
