"""Triage speed: short comments per second in one process, and the time for one 10 kB text.

    python bench/triage.py [--model-dir DIR] [--count 20000]

The model is loaded (or trained) first and not timed. Texts are varied so caches do not flatter
the figure: each short comment gets a distinct number.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import classifiers

SHORT = (
    "great video, thank you so much {n}",
    "see you tuesday! {n}",
    "how do i stop overthinking every text i send {n}",
    "this song killed me 😂 {n}",
    "i dont want to wake up tomorrow {n}",
    "what mic do you use? {n}",
    "my therapist said the same thing lol {n}",
    "is it normal to feel numb on sertraline {n} weeks in",
    "check out my channel for free gift cards {n}",
    "kms this homework is too much lmao {n}",
)
LONG_PARAGRAPH = (
    "I have been thinking about this for a long time and I am not sure where to start. Work has been "
    "hard, my sleep is all over the place and I keep replaying conversations in my head at night. "
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()

    started = time.perf_counter()
    triager = classifiers.load_triager(args.model_dir)
    print(f"model {triager.version} ready in {time.perf_counter() - started:.2f}s")

    texts = [SHORT[i % len(SHORT)].format(n=i) for i in range(args.count)]
    started = time.perf_counter()
    for start in range(0, len(texts), 1000):
        triager.triage_many(texts[start : start + 1000])
    elapsed = time.perf_counter() - started
    rate = len(texts) / elapsed
    print(f"short comments: {rate:,.0f} per second ({len(texts)} in {elapsed:.2f}s, batches of 1000)")

    started = time.perf_counter()
    for text in texts[:2000]:
        triager.triage(text)
    elapsed = time.perf_counter() - started
    print(f"short comments one at a time: {2000 / elapsed:,.0f} per second")

    long_text = (LONG_PARAGRAPH * (10_240 // len(LONG_PARAGRAPH) + 1))[:10_240]
    timings = []
    for i in range(20):
        text = f"{i} {long_text}"
        started = time.perf_counter()
        triager.triage(text)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"10 kB text: median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms (20 runs)")


if __name__ == "__main__":
    main()
