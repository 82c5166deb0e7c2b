"""How much reviewer corrections teach triage about a kind of text it reads poorly.

    python bench/corrections.py bench/fresh_sets/client_line_8.jsonl [--model-dir DIR]

A deployment's route to real text is its reviewers' corrections (`modbot train` learns them). Here a
labelled set stands in for them: its lines are split in two halves (odd and even lines); each half in
turn is learnt as reviewer corrections and the other half is triaged. No text is scored by a model
that learnt it or its like: a line that repeats training text (the same plain words, or a shared
8-word run) is skipped, and a measured line that repeats a learnt one is not counted. Prints, per
flag, texts found and texts flagged without it, with no corrections and with the other half's,
pooled over both halves; and the same for the held-out writers (less any text that repeats a
correction), so what the corrections cost elsewhere shows. The uncorrected model is the corpus's
own, `--model-dir`'s if it has no corrections (else trained afresh); each model is trained in a
temporary directory given `--model-dir`'s embedding cache, so it takes seconds (minutes
without one).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import FLAGS  # noqa: E402
from classifiers import dataset  # noqa: E402
from classifiers.evaluate import gold_labels  # noqa: E402
from classifiers.model import base_version, default_model_dir, load_model  # noqa: E402
from classifiers.normalise import normalise  # noqa: E402
from classifiers.training import train_model  # noqa: E402
from classifiers.triager import NgramTriager  # noqa: E402

Counts = dict[str, list[int]]  # per flag: [found, texts with it, flagged without it]


def counts(triager: NgramTriager, texts: Sequence[str], gold: Sequence[tuple[str, ...]]) -> Counts:
    out = {flag: [0, 0, 0] for flag in FLAGS}
    for verdict, labels in zip(triager.triage_many(list(texts)), gold, strict=True):
        for flag in FLAGS:
            if flag in labels:
                out[flag][0] += flag in verdict.labels
                out[flag][1] += 1
            elif flag in verdict.labels:
                out[flag][2] += 1
    return out


def added(total: Counts, more: Counts) -> Counts:
    return {flag: [a + b for a, b in zip(total[flag], more[flag], strict=True)] for flag in FLAGS}


def report(before: Counts, after: Counts, texts: int) -> list[str]:
    return [
        f"  {flag:<7} found {before[flag][0]} → {after[flag][0]} of {before[flag][1]}; "
        f"flagged without it {before[flag][2]} → {after[flag][2]} of {texts - before[flag][1]}"
        for flag in FLAGS
        if before[flag][1] or before[flag][2] or after[flag][2]
    ]


class Repeats:
    """Whether a text repeats any of some texts, as `dataset.split` judges it: the same text, or an
    8-word run in common."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.keys: set[str] = set()
        self.runs: set[tuple[str, ...]] = set()
        for text in texts:
            self.keys.add(dataset.text_key(text))
            self.runs |= dataset.word_runs(normalise(text))

    def __contains__(self, text: str) -> bool:
        return dataset.text_key(text) in self.keys or bool(dataset.word_runs(normalise(text)) & self.runs)


def seeded(directory: Path, cache_from: Path) -> Path:
    directory.mkdir()
    for cache in cache_from.glob("encoder-cache-*.npz"):
        shutil.copy2(cache, directory / cache.name)
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("labelled", type=Path, help="a JSONL file of labelled texts")
    parser.add_argument("--model-dir", type=Path, help="a model directory (default: the installation's)")
    args = parser.parse_args()
    model_dir = args.model_dir or default_model_dir()
    lines = args.labelled.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    corpus = list(dataset.read_corpus())
    trained = Repeats(e.text for e in dataset.split(corpus)[0])
    kept = [row for row in rows if row["text"] not in trained]
    if len(kept) < len(rows):
        print(f"{len(rows) - len(kept)} line(s) skipped: they repeat training text")
    texts, gold = [row["text"] for row in kept], [gold_labels(row) for row in kept]

    zero: Counts = {flag: [0, 0, 0] for flag in FLAGS}
    before, after, held_before, held_after = zero, zero, zero, zero
    halves = [list(range(0, len(kept), 2)), list(range(1, len(kept), 2))]
    measured_count = held_count = 0
    with tempfile.TemporaryDirectory() as work:
        base = base_version()
        model = load_model(model_dir, want_base=base, want_version=base)  # none of its own corrections
        if model is None:
            model = train_model(seeded(Path(work) / "plain", model_dir), [])[0]
        plain = NgramTriager(model)
        for half, learnt in enumerate(halves):
            learnt_rows = [{"text": texts[i], "labels": list(gold[i])} for i in learnt]
            corrections = dataset.correction_examples(learnt_rows)
            repeats = Repeats(texts[i] for i in learnt)
            measured = [i for i in halves[1 - half] if texts[i] not in repeats]
            held = dataset.split([*corpus, *corrections])[1]
            directory = seeded(Path(work) / f"half-{half}", model_dir)
            corrected = NgramTriager(train_model(directory, corrections)[0])
            measured_texts, measured_gold = [texts[i] for i in measured], [gold[i] for i in measured]
            held_texts, held_gold = [e.text for e in held], [e.labels for e in held]
            before = added(before, counts(plain, measured_texts, measured_gold))
            after = added(after, counts(corrected, measured_texts, measured_gold))
            held_before = added(held_before, counts(plain, held_texts, held_gold))
            held_after = added(held_after, counts(corrected, held_texts, held_gold))
            measured_count += len(measured)
            held_count += len(held)
    print(f"{args.labelled.name}: {len(kept)} texts, each half learnt as corrections, the other triaged")
    print("\n".join(report(before, after, measured_count)))
    print("the held-out writers (less any text that repeats a correction), triaged after each half, summed:")
    print("\n".join(report(held_before, held_after, held_count)))


if __name__ == "__main__":
    main()
