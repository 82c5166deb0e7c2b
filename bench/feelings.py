"""A sentence of feelings, or of everyday life, beside a risk statement: does the risk still count?

    python bench/feelings.py

People who are at risk usually also write about how they feel: depressed, crying, lonely,
exhausted, numb, anxious, therapy or medication not helping. Built from the held-out writers only
(the model never trained on them): each short text (under 200 characters) is given one sentence of
such feelings, written here and saying no risk, before it and after it. Prints the share flagged
crisis of the short crisis texts and of the short texts without crisis, alone and with each
sentence. The feelings add no risk, so the crisis share should stay where it was: if it falls, the
model has learnt the words of distress as signs against risk. Synthetic texts, so a measure of the
mechanism, not of real posts. The same for six sentences of everyday life (a move, a family dinner,
a wedding, a night shift, roommates, a first post): real posts are full of them, and the writers put
them mostly in texts without risk.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

import classifiers
from bot.domain import Triage
from classifiers import dataset

# A triager's batch call (`triage_many`): texts in, one verdict each.
TriageMany = Callable[[Sequence[str]], Sequence[Triage]]

SHORT = 200
FEELINGS = (
    "I've been so depressed lately and I cry every night.",
    "My anxiety has been awful and therapy isn't really helping.",
    "I'm exhausted and lonely, my friends stopped texting months ago.",
    "honestly i just feel numb and empty most days",
    "The new meds made me feel worse and I can't sleep.",
    "I feel worthless and hopeless about everything at work and at home.",
)
LIFE = (
    "Last spring I moved to a new city for work and I started at a new office.",
    "I was at my parents house for the weekend and we had dinner with my aunt.",
    "So my sister got married in June and the whole family was there.",
    "I work nights at a warehouse and I usually get home around 7.",
    "I am 24, I live with two roommates and I study nursing part time.",
    "anyway this is my first post here, sorry for the formatting, on mobile",
)


def crisis_share(triage_many: TriageMany, texts: list[str]) -> float:
    return sum("crisis" in verdict.labels for verdict in triage_many(texts)) / len(texts)


def framed(texts: list[str], sentence: str) -> tuple[list[str], list[str]]:
    """The texts with the sentence before them, and with it after them."""
    return [f"{sentence} {text}" for text in texts], [f"{text} {sentence}" for text in texts]


def report(triage_many: TriageMany, name: str, texts: list[str]) -> list[str]:
    """The lines printed for one group of texts: flagged crisis alone, then beside each kind of
    sentence (the mean over its sentences, and their range)."""
    lines = [f"{name} ({len(texts)}): flagged crisis alone {crisis_share(triage_many, texts):.3f}"]
    for kind, sentences in (("feelings", FEELINGS), ("everyday life", LIFE)):
        shares = [[crisis_share(triage_many, side) for side in framed(texts, one)] for one in sentences]
        before, after = [share[0] for share in shares], [share[1] for share in shares]
        lines.append(
            f"  with a sentence of {kind} before {statistics.mean(before):.3f} "
            f"(from {min(before):.3f} to {max(before):.3f}), after {statistics.mean(after):.3f} "
            f"(from {min(after):.3f} to {max(after):.3f})"
        )
    return lines


def main() -> None:
    triager = classifiers.load_triager()
    _train, held_out = dataset.split(dataset.read_corpus())
    short = [e for e in held_out if len(e.text) < SHORT]
    for name, texts in (
        ("short crisis texts", [e.text for e in short if "crisis" in e.labels]),
        ("short texts without crisis", [e.text for e in short if "crisis" not in e.labels]),
    ):
        print("\n".join(report(triager.triage_many, name, texts)))


if __name__ == "__main__":
    main()
