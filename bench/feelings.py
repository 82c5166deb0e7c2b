"""A sentence of feelings beside a risk statement: does the risk still count?

    python bench/feelings.py

People who are at risk usually also write about how they feel: depressed, crying, lonely,
exhausted, numb, anxious, therapy or medication not helping. Built from the held-out writers only
(the model never trained on them): each short text (under 200 characters) is given one sentence of
such feelings, written here and saying no risk, before it and after it. Prints the share flagged
crisis of the short crisis texts and of the short texts without crisis, alone and with each
sentence. The feelings add no risk, so the crisis share should stay where it was: if it falls, the
model has learnt the words of distress as signs against risk. Synthetic texts, so a measure of the
mechanism, not of real posts.
"""

from __future__ import annotations

import statistics

import classifiers
from classifiers import dataset

SHORT = 200
FEELINGS = (
    "I've been so depressed lately and I cry every night.",
    "My anxiety has been awful and therapy isn't really helping.",
    "I'm exhausted and lonely, my friends stopped texting months ago.",
    "honestly i just feel numb and empty most days",
    "The new meds made me feel worse and I can't sleep.",
    "I feel worthless and hopeless about everything at work and at home.",
)


def crisis_share(triager: classifiers.NgramTriager, texts: list[str]) -> float:
    return sum("crisis" in verdict.labels for verdict in triager.triage_many(texts)) / len(texts)


def main() -> None:
    triager = classifiers.load_triager()
    _train, held_out = dataset.split(dataset.read_corpus())
    short = [e for e in held_out if len(e.text) < SHORT]
    for name, texts in (
        ("short crisis texts", [e.text for e in short if "crisis" in e.labels]),
        ("short texts without crisis", [e.text for e in short if "crisis" not in e.labels]),
    ):
        before = [crisis_share(triager, [f"{feeling} {text}" for text in texts]) for feeling in FEELINGS]
        after = [crisis_share(triager, [f"{text} {feeling}" for text in texts]) for feeling in FEELINGS]
        print(
            f"{name} ({len(texts)}): flagged crisis alone {crisis_share(triager, texts):.3f}; "
            f"with a sentence of feelings before {statistics.mean(before):.3f} "
            f"(from {min(before):.3f} to {max(before):.3f}), after {statistics.mean(after):.3f} "
            f"(from {min(after):.3f} to {max(after):.3f})"
        )


if __name__ == "__main__":
    main()
