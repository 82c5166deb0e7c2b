"""Triage speed: short comments per second, in one process and through `modbot triage` whole, and
the time for one 10 kB text.

    python bench/triage.py [--count 30000]

Comments are the training writers' texts under 200 characters (realistic comment lengths), each
made distinct with a number so caches do not flatter the figure. The model is built first if
needed and that is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import classifiers
from classifiers import dataset
from classifiers.encoder import encoder

LONG_PARAGRAPH = (
    "I have been thinking about this for a long time and I am not sure where to start. Work has been "
    "hard, my sleep is all over the place and I keep replaying conversations in my head at night. "
)
# A long text that the n-grams leave but half suspect, so the sentence encoder reads it too: the
# slowest kind of 10 kB text.
QUIET_PARAGRAPH = (
    "I moved to a new city for work and I do not know anyone here. Evenings are long and quiet. I keep "
    "the television on so the flat does not feel so empty. "
)


def comments(count: int) -> list[str]:
    train, _held_out = dataset.split(dataset.read_corpus(with_phrases=False))
    short = [e.text for e in train if len(e.text) < 200]
    return [f"{short[i % len(short)]} {i}" for i in range(count)]


def machine_seconds() -> float:
    """A pure-Python loop of 10**7 additions: the same code runs at very different speeds on one
    shared machine from day to day, so each run says how fast the machine was."""
    started = time.perf_counter()
    total = 0
    for i in range(10**7):
        total += i
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=30_000)
    parser.add_argument(
        "--model-dir", type=Path, help="a model directory to use (default: one trained in a temporary home)"
    )
    args = parser.parse_args()
    # The interpreter's build matters as much as the machine: an unoptimised one (pyenv's default)
    # triages a quarter fewer comments a second than a distribution's PGO/LTO build.
    print(f"interpreter: {Path(sys.executable).resolve()} (Python {sys.version.split()[0]})")
    print(f"this machine: 10**7 additions in a Python loop take {machine_seconds():.2f}s")

    with tempfile.TemporaryDirectory() as home:
        os.environ["MODBOT_HOME"] = home
        started = time.perf_counter()
        model_dir = args.model_dir or Path(home) / "model"
        triager = classifiers.load_triager(model_dir)
        print(f"model {triager.version} ready in {time.perf_counter() - started:.2f}s")
        texts = comments(args.count)

        encoder()  # loaded on first use; loading is start-up, not triage
        started = time.perf_counter()
        for start in range(0, len(texts), 1000):
            triager.triage_many(texts[start : start + 1000])
        elapsed = time.perf_counter() - started
        print(
            f"in one process: {len(texts) / elapsed:,.0f} comments per second (batches of 1000); "
            f"the sentence encoder read {triager.read_again:,} of them"
        )

        source = Path(home) / "comments.jsonl"
        source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "triage", "--input", str(source), "--output", os.devnull,
             "--model-dir", str(model_dir)],
            check=True,
        )
        elapsed = time.perf_counter() - started
        print(
            f"`modbot triage` whole process: {len(texts) / elapsed:,.0f} comments per second "
            f"({len(texts)} in {elapsed:.1f}s, start-up included)"
        )

        slowest = ("10 kB text the encoder reads", QUIET_PARAGRAPH)
        for name, paragraph in (("10 kB text", LONG_PARAGRAPH), slowest):
            long_text = (paragraph * (10_240 // len(paragraph) + 1))[:10_240]
            before = triager.read_again
            timings = []
            for i in range(20):
                started = time.perf_counter()
                triager.triage(f"{i} {long_text}")
                timings.append((time.perf_counter() - started) * 1000)
            read = "read by the encoder" if triager.read_again > before else "not read by the encoder"
            print(f"{name}: median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms ({read})")


if __name__ == "__main__":
    main()
