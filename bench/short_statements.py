"""The issue's short-statement check, run on our own short sets.

    python bench/short_statements.py [--since N] [--until M] [--model-dir DIR] [SET ...]

Counts risk statements flagged crisis and look-alikes (every text of the set without crisis) flagged
crisis, per set and pooled. Without arguments it reads every
`bench/fresh_sets/short_statements*.jsonl`; `--since 8` only those numbered 8 or more (the sets each
scored at first contact by change 47), `--since 50 --until 52` only sets 50 to 52. The issue asks,
of 25 risk statements and 25 look-alikes written outside this repository, at least 24 flagged and at
most 2 look-alikes; each line says what its counts are on that scale. Which sets were scored at
first contact, and by which change, is in bench/fresh_sets/README.md: a later score is a dev figure.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import load_triager  # noqa: E402
from classifiers.evaluate import read_labelled  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"


def set_number(path: Path) -> int:
    """`short_statements.jsonl` is set 1, `short_statements_7.jsonl` set 7."""
    found = re.search(r"_(\d+)$", path.stem)
    return int(found.group(1)) if found else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled JSON-lines sets")
    parser.add_argument("--since", type=int, default=1, help="only the default sets numbered this or more")
    parser.add_argument(
        "--until", type=int, default=sys.maxsize, help="only the default sets numbered this or less"
    )
    parser.add_argument(
        "--model-dir",
        type=Path,
        help="the model directory to read (default: <MODBOT_HOME>/model, or the per-user cache)",
    )
    args = parser.parse_args()
    paths = args.sets or sorted(
        (p for p in FRESH.glob("short_statements*.jsonl") if args.since <= set_number(p) <= args.until),
        key=set_number,
    )
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        parser.error(f"no such set: {', '.join(missing)}" if missing else "no sets to read")
    triager = load_triager(args.model_dir)
    pooled = [0, 0, 0, 0]
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            examples, problems = read_labelled(lines)
        for problem in problems:
            print(f"{path.name}: skipped {problem}", file=sys.stderr)
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
