"""The training corpus: every `classifiers/corpus/*.jsonl` file, split train / held-out by a hash.

A line is `{"text": str, "labels": [subset of crisis, client, advice], "register": "youtube" |
"reddit" | "dm"}` with an optional `"note"`; empty labels mean engagement. The split depends only
on the text, so it is the same on every machine and `modbot eval` (no `--input`) measures text the
shipped model never saw.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain import FLAGS

logger = logging.getLogger(__name__)

CORPUS_DIR = Path(__file__).parent / "corpus"
REGISTERS = ("youtube", "reddit", "dm")
HELD_OUT_PERCENT = 15


@dataclass(frozen=True)
class Example:
    text: str
    labels: tuple[str, ...]
    register: str = "dm"
    source: str = ""


def is_held_out(text: str) -> bool:
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    return sorted(corpus_dir.glob("*.jsonl"))


def parse_example(data: Any, *, source: str = "") -> Example:
    """One corpus object, checked; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be a non-empty string")
    labels = data.get("labels")
    if not isinstance(labels, list) or any(label not in FLAGS for label in labels):
        raise ValueError(f"'labels' must be a list drawn from {', '.join(FLAGS)}")
    register = data.get("register", "dm")
    if register not in REGISTERS:
        raise ValueError(f"'register' must be one of {', '.join(REGISTERS)}")
    ordered = tuple(flag for flag in FLAGS if flag in labels)
    return Example(text=text, labels=ordered, register=register, source=source)


def read_corpus(corpus_dir: Path = CORPUS_DIR) -> Iterator[Example]:
    """Every valid example; an invalid line is logged by file and line number and skipped."""
    for path in corpus_files(corpus_dir):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    yield parse_example(json.loads(line), source=path.name)
                except (ValueError, json.JSONDecodeError) as exc:
                    logger.warning("corpus %s line %d skipped: %s", path.name, number, exc)


def split(examples: Iterable[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held_out), deduplicated by text (first occurrence wins)."""
    seen: set[str] = set()
    train: list[Example] = []
    held_out: list[Example] = []
    for example in examples:
        key = example.text.strip()
        if key in seen:
            continue
        seen.add(key)
        (held_out if is_held_out(key) else train).append(example)
    return train, held_out


def labels_for_category(category: str) -> tuple[str, ...]:
    return (category,) if category in FLAGS else ()


def correction_examples(corrections: Iterable[Mapping[str, Any]]) -> list[Example]:
    """Reviewer corrections (`text` plus `labels` or `category`) as training examples."""
    examples = []
    for row in corrections:
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        labels = row.get("labels")
        if not isinstance(labels, list | tuple):
            labels = labels_for_category(str(row.get("category", "engagement")))
        ordered = tuple(flag for flag in FLAGS if flag in labels)
        examples.append(Example(text=text, labels=ordered, register="dm", source="reviewer"))
    return examples


def digest_files(paths: Iterable[Path], *, root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def digest_examples(examples: Iterable[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(json.dumps([example.text, example.labels]).encode())
        digest.update(b"\n")
    return digest.hexdigest()
