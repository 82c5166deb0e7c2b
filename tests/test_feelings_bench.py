"""`bench/feelings.py` puts each sentence whole before and after each text and reports the shares
of the triager's own crisis verdicts, by kind of sentence and side, so its figures (quoted in the
README and classifiers/HISTORY.md) say what they claim."""

from __future__ import annotations

from collections.abc import Sequence

from bench import feelings
from bot.domain import Triage

TEXTS = ["risky one", "plain two"]


def by_position(texts: Sequence[str]) -> list[Triage]:
    """Verdicts that depend only on where a sentence sits: the text alone ("risky one"), the first
    feelings sentence after a text, or the third everyday sentence before one."""
    verdicts = []
    for text in texts:
        crisis = (
            text == "risky one"
            or text.endswith(f" {feelings.FEELINGS[0]}")
            or text.startswith(f"{feelings.LIFE[2]} ")
        )
        labels = ("crisis",) if crisis else ()
        verdicts.append(Triage(labels[0] if labels else "engagement", labels, {}, (), "by-position"))
    return verdicts


def test_each_sentence_goes_whole_before_and_after_each_text() -> None:
    before, after = feelings.framed(TEXTS, feelings.LIFE[0])
    assert before == [f"{feelings.LIFE[0]} {text}" for text in TEXTS]
    assert after == [f"{text} {feelings.LIFE[0]}" for text in TEXTS]


def test_shares_are_reported_by_kind_of_sentence_and_side() -> None:
    # Six sentences of each kind: one of them flags both texts on one side, so that side's mean is
    # 1/6 and its range 0 to 1; the other side stays at 0.
    assert len(feelings.FEELINGS) == len(feelings.LIFE) == 6
    never, once = "0.000 (from 0.000 to 0.000)", "0.167 (from 0.000 to 1.000)"
    assert feelings.report(by_position, "texts", TEXTS) == [
        "texts (2): flagged crisis alone 0.500",
        f"  with a sentence of feelings before {never}, after {once}",
        f"  with a sentence of everyday life before {once}, after {never}",
    ]
