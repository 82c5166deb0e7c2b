"""The fine-tuned encoder as a second reader of crisis, beside the product rather than averaged into
it (classifiers/HISTORY.md, change 65). Outside the product: needs the trial's optional packages and
its saved model.

    python bench/encoder_trial.py --save /tmp/encoder        # about 20-50 minutes on 2 cores
    python bench/encoder_second.py /tmp/encoder [--real FILE]

Changes 24 and 63 averaged the two models' crisis scores, which dilutes whichever is sure. Here a text
the product does not flag crisis becomes crisis when the encoder alone is sure of it (its highest
crisis probability over the text's 128-token pieces at or above a threshold); as in the product, a
text under eight words needs a risk-bearing word first. The threshold is chosen on the held-out
writers by a rule fixed before the first run: the highest crisis recall whose precision is at least
the product's own there, compared as counts (ties to the higher threshold). Printed for the product
and the second reader: the held-out writers; risk statements and look-alikes flagged crisis on the
short sets 8-28; crisis and ordinary texts flagged on the other fresh sets; the gate (the peer forum
posts and the third tweets, forums and health comments: ordinary texts flagged); and each `--real`
file (JSON lines with `text` and `flags`), with the encoder's crisis figures alone beside.

Its rule, written before any run and judged on the counts printed (not on rounded figures): worth
building into the product only if the real careful 600 (scored once) have 175 or more of their 203
crisis texts flagged crisis (change 47: 165, recall 0.813; 175 is 0.862) at precision 0.82 or more,
with at most 17 of their 213 engagement texts given a flag (0.080; change 47: 16); the short sets
8-28 pooled flag at most 84 of their 1,050 look-alikes (the issue's 2 of 25; change 47: 77); and the
gate's ordinary texts flagged stay at 14 of 161 or fewer. The held-out line is in-sample: the
threshold is chosen there.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from encoder_blend import Encoder, encode  # noqa: E402
from encoder_short import choose_threshold, crisis_counts  # noqa: E402
from short_statements import set_number  # noqa: E402

from bot.domain import FLAGS, Triage, primary_category  # noqa: E402
from classifiers import dataset, load_triager  # noqa: E402
from classifiers.dataset import Example  # noqa: E402
from classifiers.evaluate import evaluate, read_labelled  # noqa: E402
from classifiers.normalise import normalise  # noqa: E402
from classifiers.triager import SHORT_WORDS, NgramTriager  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"
SWEEP = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99)
GATE = ("peer_forum_posts", "tweets_forums_health_3")
CRISIS = FLAGS.index("crisis")


class SecondReader(NgramTriager):
    """The product's verdicts, with crisis added where the encoder alone is sure."""

    def __init__(self, product: NgramTriager, encoded: dict[str, np.ndarray], threshold: float) -> None:
        super().__init__(product.model)
        self.encoded = encoded  # by normalised text
        self.threshold = threshold

    def triage_many(self, texts: Sequence[str], **kwargs: object) -> list[Triage]:
        verdicts = super().triage_many(texts, **kwargs)  # type: ignore[arg-type]
        return [self._second(normalise(text), verdict) for text, verdict in zip(texts, verdicts, strict=True)]

    def _second(self, text: str, verdict: Triage) -> Triage:
        score = float(self.encoded[text][CRISIS]) if text in self.encoded else 0.0
        if "crisis" in verdict.labels or score < self.threshold:
            return verdict
        if len(text.split()) < SHORT_WORDS and not self.crisis.has_risk_word(text):
            return verdict
        labels = tuple(flag for flag in FLAGS if flag in verdict.labels or flag == "crisis")
        return dataclasses.replace(
            verdict,
            labels=labels,
            category=primary_category(labels),
            reasons=(*verdict.reasons, f"crisis: encoder {score:.2f}"),
        )


def encoder_alone(encoded: dict[str, np.ndarray], examples: Sequence[Example], threshold: float) -> str:
    gold = ["crisis" in e.labels for e in examples]
    got = [float(encoded.get(normalise(e.text), np.zeros(len(FLAGS)))[CRISIS]) >= threshold for e in examples]
    hits, flagged = sum(g and p for g, p in zip(gold, got, strict=True)), sum(got)
    return f"encoder alone {hits / max(sum(gold), 1):.3f} / {hits / max(flagged, 1):.3f}"


def ordinary_flagged(triager: NgramTriager, examples: Sequence[Example]) -> tuple[int, int]:
    ordinary = [e for e in examples if not e.labels]
    return sum(bool(v.labels) for v in triager.triage_many([e.text for e in ordinary])), len(ordinary)


def labelled(path: Path) -> list[Example]:
    examples, problems = read_labelled(path.read_text(encoding="utf-8").splitlines())
    if problems:
        print(f"{path}: {len(problems)} lines skipped, the first: {problems[0]}")
    return examples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path, help="folder saved by encoder_trial.py --save")
    parser.add_argument("--real", type=Path, action="append", default=[], help="also score this set")
    args = parser.parse_args()

    product = load_triager()
    encoder = Encoder(args.model)
    _train, held_out = dataset.split(dataset.read_corpus())
    sets = {p.stem: labelled(p) for p in sorted(FRESH.glob("*.jsonl"))}
    real = {str(p): labelled(p) for p in args.real}
    encoded: dict[str, np.ndarray] = {}
    for group in (held_out, *sets.values(), *real.values()):
        texts = [e.text for e in group]
        encode(encoder, texts, encoded)
        encode(encoder, texts, encoded, short=True)
        assert all(normalise(text) in encoded for text in texts), "a text was not encoded"

    floor_hits, floor_flagged = crisis_counts(product, held_out)
    hits, threshold, flagged = choose_threshold(
        product, lambda t: SecondReader(product, encoded, t), held_out, SWEEP
    )
    total = sum("crisis" in e.labels for e in held_out)
    print(
        f"held-out writers ({len(held_out)}): product {floor_hits / total:.3f} / "
        f"{floor_hits / floor_flagged:.4f}; second reader chosen at {threshold}: {hits / total:.3f} / "
        f"{hits / flagged:.4f}"
    )
    second = SecondReader(product, encoded, threshold)
    numbered = {set_number(Path(n)): g for n, g in sets.items() if n.startswith("short_")}
    # Bounded: sets 29 and later are kept as tests for later changes.
    for label, numbers in (("8-28", range(8, 29)), ("17-28", range(17, 29))):
        group = [e for number, g in numbered.items() if number in numbers for e in g]
        found, flagged = crisis_counts(product, group)
        found_s, flagged_s = crisis_counts(second, group)
        risk = sum("crisis" in e.labels for e in group)
        print(
            f"short sets {label}: risk statements flagged {found} -> {found_s} of {risk}, "
            f"look-alikes flagged {flagged - found} -> {flagged_s - found_s} of {len(group) - risk}"
        )
    gate = [e for name in GATE for e in sets[name]]
    before, after = ordinary_flagged(product, gate), ordinary_flagged(second, gate)
    print(f"gate: ordinary texts flagged {before[0]} -> {after[0]} of {before[1]}")
    others = {n: g for n, g in sets.items() if not n.startswith("short_")}
    for name, examples in {**others, **real}.items():
        b, a = evaluate(product, examples), evaluate(second, examples)
        print(
            f"{name}: crisis {b.flags['crisis'].recall:.3f} / {b.flags['crisis'].precision:.3f} -> "
            f"{a.flags['crisis'].recall:.3f} / {a.flags['crisis'].precision:.3f} "
            f"({encoder_alone(encoded, examples, threshold)}), advice F1 {b.flags['advice'].f1:.3f} -> "
            f"{a.flags['advice'].f1:.3f}, engagement flagged {b.engagement_flagged:.3f} -> "
            f"{a.engagement_flagged:.3f}"
        )
    for name, examples in real.items():
        crisis = sum("crisis" in e.labels for e in examples)
        for label, triager in (("product", product), ("second reader", second)):
            hits, flagged = crisis_counts(triager, examples)
            ordinary, engagement = ordinary_flagged(triager, examples)
            print(
                f"{name}, {label}, counts: {len(examples)} texts; crisis texts flagged {hits} of "
                f"{crisis}, texts flagged crisis {flagged}; engagement texts flagged {ordinary} of "
                f"{engagement}"
            )


if __name__ == "__main__":
    main()
