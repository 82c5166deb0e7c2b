"""The issue's short-statement check on our own short sets: risk statements flagged crisis, and
innocent look-alikes flagged crisis, per set and pooled.

    python bench/short_statements.py [SET ...]

Without arguments, reads every `bench/fresh_sets/short_statements*.jsonl`. The issue asks, of 25
risk statements and 25 look-alikes written outside this repository, at least 24 flagged and at
most 2 look-alikes; the pooled line says what that is here. Which sets were first read at first
contact, and by which change, is in bench/fresh_sets/README.md: a later score is a dev figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import load_triager  # noqa: E402
from classifiers.evaluate import read_labelled  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.sets or sorted(FRESH.glob("short_statements*.jsonl"), key=lambda p: (len(p.name), p.name))
    triager = load_triager()
    pooled = [0, 0, 0, 0]
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            examples, _skipped = read_labelled(lines)
        verdicts = triager.triage_many([e.text for e in examples])
        counts = [0, 0, 0, 0]  # risk flagged, risk, look-alikes flagged, look-alikes
        for example, verdict in zip(examples, verdicts, strict=True):
            base = 0 if "crisis" in example.labels else 2
            counts[base] += "crisis" in verdict.labels
            counts[base + 1] += 1
        pooled = [a + b for a, b in zip(pooled, counts, strict=True)]
        print(f"{path.stem}: {describe(counts)}")
    if len(paths) > 1:
        print(f"pooled: {describe(pooled)}")


def describe(counts: list[int]) -> str:
    flagged, risk, alike_flagged, alike = counts
    return (
        f"risk statements {flagged} of {risk} ({25 * flagged / max(risk, 1):.1f} of 25; the bar is 24), "
        f"look-alikes flagged {alike_flagged} of {alike} "
        f"({25 * alike_flagged / max(alike, 1):.1f} of 25; at most 2)"
    )

if __name__ == "__main__":
    main()
