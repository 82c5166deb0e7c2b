"""The triage classifier: normalisation, phrase families (crisis net, client cues), an n-gram model.

    triager = load_triager()              # loads the saved model, or trains it on first use
    result = triager.triage("see you tuesday!", kind="dm", platform="reddit", author="someone")
    result.category, result.labels, result.scores, result.reasons, result.model_version

`load_triager(model_dir, corrections)` and `train(model_dir, extra_examples)` are the only entry
points the application needs; `modbot triage`, `train` and `eval` are built on them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from classifiers import dataset
from classifiers.model import base_version, default_model_dir, full_version, load_model
from classifiers.triager import IsClient, NgramTriager

logger = logging.getLogger(__name__)

__all__ = ["NgramTriager", "default_model_dir", "load_triager", "train"]


def load_triager(
    model_dir: Path | None = None,
    corrections: Iterable[Mapping[str, Any]] = (),
    *,
    is_client: IsClient | None = None,
    mode: str = "combined",
) -> NgramTriager:
    """A ready triager: the saved model when it matches the corpus and code, else a fresh one.

    With `corrections` (reviewer rows with `text` and `labels` or `category`), the model must
    include exactly those; without, any model built from the current corpus will do (so `modbot
    triage` reuses what `modbot train` built with this installation's corrections).
    """
    model_dir = model_dir or default_model_dir()
    extra = dataset.correction_examples(corrections)
    base = base_version()
    want = full_version(base, extra) if extra else None
    model = load_model(model_dir, want_base=base, want_version=want)
    if model is None:
        from classifiers.training import train_model

        logger.info("model in %s is absent or stale: training", model_dir)
        model, _info = train_model(model_dir, extra)
    return NgramTriager(model, is_client=is_client, mode=mode)


def train(model_dir: Path | None = None, extra_examples: Iterable[Mapping[str, Any]] = ()) -> str:
    """Train on the corpus plus `extra_examples` (reviewer corrections); return the version id."""
    from classifiers.training import train_model

    _model, info = train_model(model_dir or default_model_dir(), dataset.correction_examples(extra_examples))
    return info.version
