"""The encoder trials (`bench/encoder_blend.py`, `bench/encoder_short.py`, `bench/encoder_second.py`)
need torch to run, but which texts they blend and how they count verdicts do not: a wrong choice
there would make the figures quoted in classifiers/HISTORY.md (changes 24, 63, 64, 65) say something
other than they claim."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import classifiers
from bench import encoder_blend, encoder_second, encoder_short
from bot.domain import FLAGS, Triage
from classifiers.dataset import Example
from classifiers.normalise import normalise
from classifiers.triager import LONG_TEXT

SHORT_TEXT = "picked a date for it"
LONG = "a long post about my week. " * (LONG_TEXT // 20)
CRISIS, ADVICE = FLAGS.index("crisis"), FLAGS.index("advice")


class FixedScores:
    """A model whose every text scores 0.2 on each flag."""

    version = "fixed"

    def scores_and_words(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[list[int]]]:
        return np.full((len(normalised), len(FLAGS)), 0.2), [[] for _ in normalised]


def blended_scores(**options: object) -> np.ndarray:
    encoded = {SHORT_TEXT: np.full(len(FLAGS), 1.0), LONG: np.full(len(FLAGS), 1.0)}
    model = encoder_blend.Blended(FixedScores(), encoded, **options)  # type: ignore[arg-type]
    scores, _words = model.scores_and_words([SHORT_TEXT, LONG, "never encoded"])
    return scores


def test_the_long_text_blend_averages_crisis_and_advice_of_long_texts_only() -> None:
    scores = blended_scores()
    assert scores[1, CRISIS] == scores[1, ADVICE] == 0.6
    assert scores[0].tolist() == scores[2].tolist() == [0.2] * len(FLAGS)


def test_the_short_text_blend_averages_only_the_named_flag_of_short_texts() -> None:
    scores = blended_scores(flags=("crisis",), short=True)
    assert scores[0, CRISIS] == 0.6
    assert scores[0, ADVICE] == 0.2
    assert scores[1].tolist() == scores[2].tolist() == [0.2] * len(FLAGS)


class Verdicts:
    """A triager that flags crisis exactly on the texts it is given."""

    def __init__(self, flagged: set[str]) -> None:
        self.flagged = flagged

    def triage_many(self, texts: Sequence[str]) -> list[Triage]:
        crisis, ordinary = Triage("crisis", ("crisis",), {}, (), "v"), Triage("engagement", (), {}, (), "v")
        return [crisis if text in self.flagged else ordinary for text in texts]


def test_crisis_counts_are_hits_and_all_flags() -> None:
    examples = [
        Example("risk found", ("crisis",)),
        Example("risk missed", ("crisis",)),
        Example("look-alike flagged", ()),
        Example("look-alike left", ()),
    ]
    triager = Verdicts({"risk found", "look-alike flagged"})
    assert encoder_short.crisis_counts(triager, examples) == (1, 2)  # type: ignore[arg-type]


def test_the_second_reader_adds_crisis_only_where_the_encoder_is_sure_and_a_short_text_has_a_risk_word(
    model_dir: Path,
) -> None:
    product = classifiers.load_triager(model_dir)
    sure_long = "I went to the shops and then walked the dog and then made dinner for everyone at home"
    sure_short_risky = "my phone battery is dying"  # "dying": a risk-bearing word
    sure_short_bare = "love the new intro music"
    unsure = "I made pasta and watched a film with my sister tonight and it was lovely"
    texts = [sure_long, sure_short_risky, sure_short_bare, unsure]
    encoded = {normalise(text): np.full(len(FLAGS), 0.1) for text in texts}
    for text in (sure_long, sure_short_risky, sure_short_bare):
        encoded[normalise(text)][CRISIS] = 0.96
    assert not any("crisis" in v.labels for v in product.triage_many(texts))

    verdicts = encoder_second.SecondReader(product, encoded, 0.95).triage_many(texts)
    assert [("crisis" in v.labels) for v in verdicts] == [True, True, False, False]
    assert verdicts[0].category == "crisis" and verdicts[0].reasons[-1] == "crisis: encoder 0.96"
    stricter = encoder_second.SecondReader(product, encoded, 0.97).triage_many(texts)
    assert not any("crisis" in v.labels for v in stricter)


def test_the_threshold_is_the_highest_recall_at_the_products_precision_counted_exactly() -> None:
    risks = [Example(f"risk {n}", ("crisis",)) for n in range(3)]
    lookalikes = [Example(f"look-alike {n}", ()) for n in range(4)]
    product = Verdicts({"risk 0", "look-alike 0"})  # 1 of 2: precision 0.5
    trials = {
        0.6: Verdicts({"risk 0", "risk 1", "look-alike 0"}),  # 2 of 3
        0.5: Verdicts({"risk 0", "risk 1", "look-alike 0"}),  # the same: a tie goes to 0.6
        0.3: Verdicts({"risk 0", "risk 1", "risk 2", "look-alike 0", "look-alike 1", "look-alike 2"}),  # 3/6
        0.2: Verdicts({"risk 0", "risk 1", "risk 2", *(f"look-alike {n}" for n in range(4))}),  # 3/7
    }
    choose = encoder_short.choose_threshold
    assert choose(product, trials.__getitem__, risks + lookalikes, [0.6, 0.5, 0.3, 0.2]) == (3, 0.3, 6)  # type: ignore[arg-type]
    assert choose(product, trials.__getitem__, risks + lookalikes, [0.6, 0.5, 0.2]) == (2, 0.6, 3)  # type: ignore[arg-type]
    # Change 65's outcome: when no threshold keeps the product's precision, the bench stops and says so.
    with pytest.raises(SystemExit, match="no threshold in \\[0.2\\] keeps the product's precision 1/2"):
        choose(product, trials.__getitem__, risks + lookalikes, [0.2])  # type: ignore[arg-type]
