"""How much reviewer corrections teach triage about a kind of text it reads poorly.

    python bench/corrections.py bench/fresh_sets/client_line_8.jsonl [--model-dir DIR]

A deployment's route to real text is its reviewers' corrections (`modbot train` learns them). Here a
labelled set stands in for them: its lines are split in two halves (odd and even lines); each half in
turn is learnt as reviewer corrections and the other half is triaged, so no text is scored by a
model that learnt it. Prints, per flag, texts found and texts flagged without it, with no
corrections and with the other half's, pooled over both halves; and the same for the held-out
writers, so what the corrections cost elsewhere shows. The uncorrected model is `--model-dir`'s
(trained there if absent or stale); each corrected one is trained in a temporary directory given
that directory's embedding cache, so it takes seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import classifiers  # noqa: E402
from bot.domain import FLAGS  # noqa: E402
from classifiers import dataset  # noqa: E402
from classifiers.evaluate import gold_labels  # noqa: E402
from classifiers.model import default_model_dir  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("labelled", type=Path, help="a JSONL file of labelled texts")
    parser.add_argument("--model-dir", type=Path, help="the uncorrected model (default: the per-user one)")
    args = parser.parse_args()
    model_dir = args.model_dir or default_model_dir()
    lines = args.labelled.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    texts, gold = [row["text"] for row in rows], [gold_labels(row) for row in rows]
    _train, held = dataset.split(dataset.read_corpus())
    held_texts, held_gold = [e.text for e in held], [e.labels for e in held]

    plain = classifiers.load_triager(model_dir)
    zero: Counts = {flag: [0, 0, 0] for flag in FLAGS}
    before, after, held_after = zero, zero, zero
    halves = [list(range(0, len(rows), 2)), list(range(1, len(rows), 2))]
    with tempfile.TemporaryDirectory() as work:
        for half, learnt in enumerate(halves):
            measured = halves[1 - half]
            corrected_dir = Path(work) / f"model-{half}"
            corrected_dir.mkdir()
            for cache in model_dir.glob("encoder-cache-*.npz"):
                shutil.copy2(cache, corrected_dir / cache.name)
            learnt_rows = [{"text": texts[i], "labels": list(gold[i])} for i in learnt]
            corrected = NgramTriager(train_model(corrected_dir, dataset.correction_examples(learnt_rows))[0])
            measured_texts, measured_gold = [texts[i] for i in measured], [gold[i] for i in measured]
            before = added(before, counts(plain, measured_texts, measured_gold))
            after = added(after, counts(corrected, measured_texts, measured_gold))
            held_after = added(held_after, counts(corrected, held_texts, held_gold))
    held_before = counts(plain, held_texts, held_gold)
    held_before = added(held_before, held_before)  # triaged once for each half's model
    print(f"{args.labelled.name}: {len(rows)} texts, each half learnt as corrections, the other triaged")
    print("\n".join(report(before, after, len(rows))))
    print(f"the held-out writers ({len(held)} texts), triaged by each half's model, summed:")
    print("\n".join(report(held_before, held_after, 2 * len(held))))


if __name__ == "__main__":
    main()
