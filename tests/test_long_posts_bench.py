"""The texts `bench/long_posts.py` and `bench/writer_cv.py` build: a short text set whole at a
sentence boundary of a long post without crisis, so the figures measure what they say."""

from __future__ import annotations

from bench.long_posts import embedded
from classifiers.dataset import Example

HOST = (
    "We moved to a new flat in March and the kitchen is tiny. My partner cooks anyway. "
    "The neighbours have a dog that barks at the post. I started a pottery class on Thursdays. "
    "Work is fine, busy before the holidays. My sister visits next weekend with her twins, so we "
    "are borrowing a camp bed and planning a trip to the aquarium if the weather holds."
)
OTHER_HOST = (
    "How do I get my son to do homework without a fight every night? He is nine and clever. "
    "We tried a sticker chart and a timer. Nothing lasts a week. His teacher says he is fine at "
    "school, which makes it harder to understand. My husband thinks we should let it go and see. "
    "What worked for you, and how long did it take before it stuck?"
)
RISKY = "i have the pills counted out for tonight"
LOOKALIKE = "this exam is going to kill me lol"
EXAMPLES = [
    Example(HOST, ()),
    Example(OTHER_HOST, ("advice",)),
    Example(RISKY, ("crisis",)),
    Example(LOOKALIKE, ()),
    Example("love this channel", ()),  # no risk word: not a look-alike
    Example("i want to die " + "and I have a long story about it. " * 10, ("crisis",)),  # long
]


def test_each_short_text_sits_whole_between_sentences_of_a_long_post() -> None:
    risky, lookalikes = embedded(EXAMPLES)
    assert len(risky) == 1 and len(lookalikes) == 1
    for text, guest in ((risky[0], RISKY), (lookalikes[0], LOOKALIKE)):
        before, after = text.split(guest)
        assert (before + after).split() in (HOST.split(), OTHER_HOST.split())
        assert not before or before.endswith((". ", "? "))
        assert not after or after.startswith(" ")


def test_the_same_seed_builds_the_same_texts_and_no_long_post_means_none() -> None:
    assert len(HOST) > 300 and len(OTHER_HOST) > 300
    assert embedded(EXAMPLES) == embedded(EXAMPLES)
    assert embedded([e for e in EXAMPLES if len(e.text) < 300]) == ([], [])
