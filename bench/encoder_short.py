"""The fine-tuned encoder as a second opinion on short texts, judged by the product's own decisions
(classifiers/HISTORY.md, change 63). Outside the product: needs the trial's optional packages and
its saved model.

    python bench/encoder_trial.py --save /tmp/encoder        # about 20-50 minutes on 2 cores
    python bench/encoder_short.py /tmp/encoder

For a text of at most `LONG_TEXT` characters, the crisis score the triager sees becomes the average
of the n-gram model's and the encoder's. Everything else (rules, guards, the short-text gate, long
texts) is the product's. The short-text crisis threshold is re-chosen on the held-out writers' short
texts by a rule fixed before the first run: the highest recall whose precision is at least the
product's own there, compared as counts (ties to the higher threshold). Then, for the product and
the blend: risk statements and look-alikes flagged crisis on the short sets, grouped as
`bench/fresh_sets/README.md` describes them, and crisis and ordinary texts flagged on the other
fresh sets.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from encoder_blend import Blended, Encoder, encode  # noqa: E402
from short_statements import set_number  # noqa: E402

from classifiers import dataset, load_triager  # noqa: E402
from classifiers.dataset import Example  # noqa: E402
from classifiers.evaluate import evaluate, read_labelled  # noqa: E402
from classifiers.normalise import normalise  # noqa: E402
from classifiers.triager import LONG_TEXT, NgramTriager  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"
SWEEP = [round(0.1 + 0.025 * k, 3) for k in range(25)]
GROUPS = {"dev 1-16": range(1, 17), "17-25": range(17, 26), "26-28": range(26, 29)}


def crisis_counts(triager: NgramTriager, examples: Sequence[Example]) -> tuple[int, int]:
    """(crisis texts flagged crisis, all texts flagged crisis)."""
    verdicts = triager.triage_many([e.text for e in examples])
    flagged = [("crisis" in e.labels, "crisis" in v.labels) for e, v in zip(examples, verdicts, strict=True)]
    return sum(gold and got for gold, got in flagged), sum(got for _gold, got in flagged)


def choose_threshold(
    product: NgramTriager,
    trial_at: Callable[[float], NgramTriager],
    examples: Sequence[Example],
    sweep: Sequence[float],
) -> tuple[int, float, int]:
    """(hits, threshold, flagged) of the highest crisis recall on `examples` whose precision is at
    least the product's, ties to the higher threshold. Compared as counts, not as evaluate()'s
    rounded figures: 0.857388 must not pass for 0.857398."""
    floor_hits, floor_flagged = crisis_counts(product, examples)
    kept = []
    for t in sweep:
        hits, flagged = crisis_counts(trial_at(t), examples)
        if hits * floor_flagged >= floor_hits * flagged:
            kept.append((hits, t, flagged))
    if not kept:
        sys.exit(f"no threshold in {list(sweep)} keeps the product's precision {floor_hits}/{floor_flagged}")
    return max(kept)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path, help="folder saved by encoder_trial.py --save")
    args = parser.parse_args()

    product = load_triager()
    encoder = Encoder(args.model)
    _train, held_out = dataset.split(dataset.read_corpus())
    held_short = [e for e in held_out if len(normalise(e.text)) <= LONG_TEXT]
    short_sets = {
        set_number(p): read_labelled(p.read_text().splitlines())[0] for p in FRESH.glob("short_*.jsonl")
    }
    others = {
        p.stem: read_labelled(p.read_text().splitlines())[0]
        for p in sorted(FRESH.glob("*.jsonl"))
        if not p.stem.startswith("short_")
    }
    texts = [e.text for e in held_short]
    texts += [e.text for group in (*short_sets.values(), *others.values()) for e in group]
    encoded: dict[str, np.ndarray] = {}
    encode(encoder, texts, encoded, short=True)
    blended = Blended(product.model, encoded, ("crisis",), short=True)

    def blend_at(threshold: float) -> NgramTriager:
        trial = NgramTriager(blended)  # type: ignore[arg-type]
        trial.crisis_threshold = threshold
        return trial

    floor_hits, floor_flagged = crisis_counts(product, held_short)
    hits, threshold, flagged = choose_threshold(product, blend_at, held_short, SWEEP)
    crisis_total = sum("crisis" in e.labels for e in held_short)
    print(
        f"held-out writers' short texts ({len(held_short)}): product {floor_hits / crisis_total:.3f} / "
        f"{floor_hits / floor_flagged:.4f}; blend chosen at {threshold}: {hits / crisis_total:.3f} / "
        f"{hits / flagged:.4f}"
    )
    blend = blend_at(threshold)
    for group, numbers in GROUPS.items():
        examples = [e for n in numbers if n in short_sets for e in short_sets[n]]
        found, flagged = crisis_counts(product, examples)
        found_b, flagged_b = crisis_counts(blend, examples)
        risk = sum("crisis" in e.labels for e in examples)
        print(
            f"short sets {group}: risk statements flagged {found} -> {found_b} of {risk}, "
            f"look-alikes flagged {flagged - found} -> {flagged_b - found_b}"
        )
    for name, examples in others.items():
        before, after = evaluate(product, examples), evaluate(blend, examples)
        b, a = before.flags["crisis"], after.flags["crisis"]
        print(
            f"{name}: crisis {b.recall:.3f} / {b.precision:.3f} -> {a.recall:.3f} / {a.precision:.3f}, "
            f"engagement flagged {before.engagement_flagged:.3f} -> {after.engagement_flagged:.3f}"
        )


if __name__ == "__main__":
    main()
