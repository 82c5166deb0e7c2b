"""Measure a triager on labelled text: per-class precision, recall and F1, and a confusion matrix.

A labelled line has `text` and either `labels` / `flags` (a list of crisis, client, advice; empty is
engagement) or a category in `label` (also accepted: `category`, then `rough_label`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain import CATEGORIES, FLAGS, primary_category
from classifiers.dataset import Example
from classifiers.triager import MODES, NgramTriager

BATCH = 512


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Report:
    count: int
    categories: dict[str, Scores]
    flags: dict[str, Scores]
    confusion: list[list[int]]  # rows: true category, columns: predicted, in CATEGORIES order
    others_flagged_client: float = 0.0
    engagement_flagged: float = 0.0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "categories": {k: vars(v) for k, v in self.categories.items()},
            "flags": {k: vars(v) for k, v in self.flags.items()},
            "confusion": {"labels": list(CATEGORIES), "rows_true_columns_predicted": self.confusion},
            "others_flagged_client": self.others_flagged_client,
            "engagement_flagged": self.engagement_flagged,
            "skipped": self.skipped,
        }


def gold_labels(data: Any) -> tuple[str, ...]:
    """The true flags of a labelled object; ValueError when it carries none."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    if not isinstance(data.get("text"), str):
        raise ValueError("'text' must be a string")
    for key in ("labels", "flags"):
        value = data.get(key)
        if isinstance(value, list):
            unknown = [v for v in value if v not in FLAGS and v != "engagement"]
            if unknown:
                raise ValueError(f"unknown flag {unknown[0]!r} in {key!r}")
            return tuple(flag for flag in FLAGS if flag in value)
    for key in ("label", "category", "rough_label"):
        value = data.get(key)
        if value is None:
            continue
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r} in {key!r}")
        return (value,) if value in FLAGS else ()
    raise ValueError("no 'labels', 'flags' or 'label' given")


def read_labelled(lines: Iterable[str]) -> tuple[list[Example], list[str]]:
    """(examples, problems): each problem names its line number."""
    examples: list[Example] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line.lstrip("\ufeff"))
            examples.append(Example(text=data["text"], labels=gold_labels(data)))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"line {number}: {exc}")
    return examples, problems


def _scores(true: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    tp = sum(t and p for t, p in zip(true, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(true, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(true, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 3), round(recall, 3), round(f1, 3), tp + fn)


def evaluate(triager: NgramTriager, examples: Sequence[Example]) -> Report:
    predictions: list[tuple[str, ...]] = []
    for start in range(0, len(examples), BATCH):
        batch = examples[start : start + BATCH]
        predictions.extend(t.labels for t in triager.triage_many([e.text for e in batch]))
    true_categories = [primary_category(e.labels) for e in examples]
    predicted_categories = [primary_category(p) for p in predictions]
    categories = {
        c: _scores([t == c for t in true_categories], [p == c for p in predicted_categories])
        for c in CATEGORIES
    }
    flags = {f: _scores([f in e.labels for e in examples], [f in p for p in predictions]) for f in FLAGS}
    confusion = [[0] * len(CATEGORIES) for _ in CATEGORIES]
    for t, p in zip(true_categories, predicted_categories, strict=True):
        confusion[CATEGORIES.index(t)][CATEGORIES.index(p)] += 1
    non_client = [p for e, p in zip(examples, predictions, strict=True) if "client" not in e.labels]
    engagement = [p for e, p in zip(examples, predictions, strict=True) if not e.labels]
    return Report(
        count=len(examples),
        categories=categories,
        flags=flags,
        confusion=confusion,
        others_flagged_client=round(sum("client" in p for p in non_client) / max(len(non_client), 1), 3),
        engagement_flagged=round(sum(bool(p) for p in engagement) / max(len(engagement), 1), 3),
    )


def evaluate_modes(triager: NgramTriager, examples: Sequence[Example]) -> dict[str, Report]:
    """Model-only, rules-only and combined reports, with the same model."""
    return {
        mode: evaluate(NgramTriager(triager.model, is_client=triager.is_client, mode=mode), examples)
        for mode in MODES
    }


def format_side_by_side(reports: dict[str, Report]) -> str:
    """The headline figures of each mode in columns."""
    modes = list(reports)
    rows: list[tuple[str, list[float]]] = []
    for flag in FLAGS:
        for measure in ("precision", "recall", "f1"):
            rows.append((f"{flag} {measure}", [getattr(r.flags[flag], measure) for r in reports.values()]))
    rows.append(("others flagged client", [r.others_flagged_client for r in reports.values()]))
    rows.append(("engagement flagged", [r.engagement_flagged for r in reports.values()]))
    lines = ["flag figures".ljust(24) + "".join(f"{m:>10}" for m in modes)]
    lines += [name.ljust(24) + "".join(f"{v:>10.3f}" for v in values) for name, values in rows]
    return "\n".join(lines)


def format_report(report: Report) -> str:
    lines = [f"{report.count} labelled texts", "", "category      precision  recall     f1  support"]
    for name, s in report.categories.items():
        lines.append(f"{name:<12} {s.precision:>10.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8}")
    lines += ["", "flag          precision  recall     f1  support"]
    for name, s in report.flags.items():
        lines.append(f"{name:<12} {s.precision:>10.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8}")
    lines += [
        "",
        f"others flagged client: {report.others_flagged_client:.3f}   "
        f"engagement flagged as anything else: {report.engagement_flagged:.3f}",
        "",
        "confusion (rows: true, columns: predicted)",
        " " * 12 + "".join(f"{c:>12}" for c in CATEGORIES),
    ]
    for name, row in zip(CATEGORIES, report.confusion, strict=True):
        lines.append(f"{name:<12}" + "".join(f"{n:>12}" for n in row))
    return "\n".join(lines)
