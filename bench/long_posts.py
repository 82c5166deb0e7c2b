"""One risk sentence inside a long post: does it still count?

    python bench/long_posts.py

Built from the held-out writers only (the model never trained on them): each short crisis text
(under 200 characters) is set at a random sentence boundary of a long post of theirs without
crisis (over 300 characters), and so is each short text that uses a risk word innocently. Prints
the share flagged crisis of: the short crisis texts alone, the same inside a long post, the
look-alikes inside a long post, and the long posts alone. Synthetic texts, so a measure of the
mechanism, not of real posts. Fixed seed. No threshold sweep here: these are held-out writers.
`bench/writer_cv.py` builds the same texts from each training writer's own posts.
"""

from __future__ import annotations

import random

import classifiers
from classifiers import dataset
from classifiers.dataset import Example
from classifiers.normalise import normalise
from classifiers.signals import crisis_net
from classifiers.triager import LONG_TEXT, SENTENCE

SHORT = 200


def inside(guest: Example, host: Example, rng: random.Random) -> str:
    sentences = SENTENCE.split(host.text.strip())
    at = rng.randrange(len(sentences) + 1)
    return " ".join([*sentences[:at], guest.text.strip(), *sentences[at:]])


def embedded(examples: list[Example], seed: int = 7) -> tuple[list[str], list[str]]:
    """(short crisis texts, short look-alikes) of these examples, each inside one of their long
    posts without crisis; both empty when they have no such post."""
    rng = random.Random(seed)
    net = crisis_net()
    hosts = [e for e in examples if "crisis" not in e.labels and len(e.text) > LONG_TEXT]
    if not hosts:
        return [], []
    short = [e for e in examples if len(e.text) < SHORT]
    risky = [e for e in short if "crisis" in e.labels]
    lookalikes = [e for e in short if "crisis" not in e.labels and net.has_risk_word(normalise(e.text))]
    return (
        [inside(e, rng.choice(hosts), rng) for e in risky],
        [inside(e, rng.choice(hosts), rng) for e in lookalikes],
    )


def main() -> None:
    triager = classifiers.load_triager()
    _train, held_out = dataset.split(dataset.read_corpus(with_phrases=False))
    risky_inside, lookalikes_inside = embedded(held_out)
    crisis = [e for e in held_out if "crisis" in e.labels]
    others = [e for e in held_out if "crisis" not in e.labels]
    sets = {
        "short crisis texts alone": [e.text for e in crisis if len(e.text) < SHORT],
        "the same inside a long post": risky_inside,
        "look-alikes inside a long post": lookalikes_inside,
        "long posts alone": [e.text for e in others if len(e.text) > LONG_TEXT],
    }

    def flagged(texts: list[str]) -> float:
        return sum("crisis" in t.labels for t in triager.triage_many(texts)) / max(len(texts), 1)

    print(f"held-out writers; window threshold {triager.window_threshold}")
    for name, texts in sets.items():
        print(f"  {name:32s} {len(texts):5d} texts, flagged crisis {flagged(texts):.3f}")


if __name__ == "__main__":
    main()
