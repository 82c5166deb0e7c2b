"""Training the n-gram model with scikit-learn, and exporting it for numpy-only scoring.

Deterministic (fixed folds, liblinear with a fixed seed). The fitted vectorisers and calibrated
linear SVMs are reduced to `classifiers.model.NgramModel`, with the crisis head's texts embedded by
the sentence encoder (minutes the first time; cached in the model directory after that).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.domain import FLAGS
from classifiers import dataset, neighbours
from classifiers.dataset import Example
from classifiers.model import (
    HEADS,
    WINDOW,
    NgramModel,
    Vocabulary,
    base_version,
    char_terms,
    full_version,
    save,
    word_terms,
)
from classifiers.normalise import normalise

logger = logging.getLogger(__name__)
# Regularisation of the linear SVMs (smaller is smoother): chosen by leave-one-writer-out
# cross-validation on the training writers (`bench/writer_cv.py`).
C = 0.3


@dataclass(frozen=True)
class ModelInfo:
    version: str
    base_version: str
    examples: int
    seconds: float


def vectorisers() -> tuple[object, object]:
    """TF-IDF over the same analyzers that scoring uses, so training and scoring see one text alike."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def vectoriser(analyzer: object) -> object:
        return TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True, dtype=np.float64)

    return vectoriser(word_terms), vectoriser(char_terms)


def innocent_windows(texts: Sequence[str], labels: Sequence[tuple[str, ...]]) -> list[str]:
    """The windows `classifiers.triager` would score in these normalised texts without crisis."""
    from classifiers.signals import crisis_net
    from classifiers.triager import scored_windows

    net = crisis_net()
    return [
        piece
        for text, flags in zip(texts, labels, strict=True)
        if "crisis" not in flags
        for piece in scored_windows(text, net)
    ]


def fit(version: str, examples: Sequence[Example], *, cache_dir: Path | None = None) -> NgramModel:
    from scipy.sparse import hstack, vstack
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    texts = [normalise(e.text) for e in examples]
    words, chars = vectorisers()
    word_matrix = words.fit_transform(texts)  # type: ignore[attr-defined]
    char_matrix = chars.fit_transform(texts)  # type: ignore[attr-defined]
    features = hstack([word_matrix, char_matrix], format="csr")
    # Each head learns from the examples that train it (`dataset.LIMITED_WRITERS`); the window
    # head learns crisis.
    learns = {**{flag: flag for flag in FLAGS}, WINDOW: "crisis"}
    rows = {head: [i for i, e in enumerate(examples) if dataset.trains_head(e, head)] for head in HEADS}
    head_features = {head: features[rows[head]] for head in HEADS}
    targets = {
        head: np.array([learns[head] in examples[i].labels for i in rows[head]], dtype=int) for head in HEADS
    }
    # The window head is also taught the windows the triager scores (those with a risk word) cut
    # from long texts without crisis, all innocent.
    innocent = innocent_windows([texts[i] for i in rows[WINDOW]], [examples[i].labels for i in rows[WINDOW]])
    if innocent:
        window_rows = hstack([words.transform(innocent), chars.transform(innocent)])  # type: ignore[attr-defined]
        head_features[WINDOW] = vstack([head_features[WINDOW], window_rows], format="csr")
        targets[WINDOW] = np.concatenate([targets[WINDOW], np.zeros(len(innocent), dtype=int)])
    weights, intercepts, calibration = [], [], []
    for head in HEADS:
        target = targets[head]
        if target.min() == target.max():
            raise ValueError(f"the corpus needs examples with and without {head!r}")
        folds = max(2, min(3, int(target.sum()), int(len(target) - target.sum())))
        classifier = CalibratedClassifierCV(
            LinearSVC(C=C, class_weight="balanced", random_state=0),
            method="sigmoid",
            cv=StratifiedKFold(n_splits=folds),
            ensemble=False,
        )
        classifier.fit(head_features[head], target)
        fitted = classifier.calibrated_classifiers_[0]
        weights.append(fitted.estimator.coef_.ravel())
        intercepts.append(float(fitted.estimator.intercept_[0]))
        sigmoid = fitted.calibrators[0]
        calibration.append((float(sigmoid.a_), float(sigmoid.b_)))
    matrix = np.column_stack(weights)
    split = word_matrix.shape[1]

    def vocabulary(vectoriser: object, rows: np.ndarray) -> Vocabulary:
        index = {str(term): int(i) for term, i in vectoriser.vocabulary_.items()}  # type: ignore[attr-defined]
        terms = [""] * len(index)
        for term, i in index.items():
            terms[i] = term
        return Vocabulary(index, np.asarray(vectoriser.idf_), np.ascontiguousarray(rows), terms)  # type: ignore[attr-defined]

    crisis_rows = [examples[i] for i in rows["crisis"]]
    texts_read, crisis = [e.text for e in crisis_rows], ["crisis" in e.labels for e in crisis_rows]
    return NgramModel(
        version,
        vocabulary(words, matrix[:split]),
        vocabulary(chars, matrix[split:]),
        np.array(intercepts),
        np.array(calibration).T,
        neighbours.build(texts_read, crisis, cache_dir),
    )


def train_model(
    model_dir: Path, extra_examples: Sequence[Example] = (), *, corpus_dir: Path = dataset.CORPUS_DIR
) -> tuple[NgramModel, ModelInfo]:
    """Train on the corpus's training writers plus `extra_examples` and save into `model_dir`."""
    started = time.perf_counter()
    base = base_version(corpus_dir)
    version = full_version(base, extra_examples)
    train, _held_out = dataset.split(dataset.read_corpus(corpus_dir))
    examples = [*train, *extra_examples]
    # The embeddings are kept beside the model, which holds them too (its neighbours): a
    # correction's lives in one place, and goes with the model directory.
    model = fit(version, examples, cache_dir=model_dir)
    info = ModelInfo(version, base, len(examples), round(time.perf_counter() - started, 2))
    meta = {
        "version": info.version,
        "base_version": info.base_version,
        "examples": info.examples,
        "train_seconds": info.seconds,
    }
    try:
        save(model_dir, model, meta)
    except OSError as exc:  # a read-only place still gets a working model, just not a cached one
        logger.warning("could not save the model in %s (%s); using it unsaved", model_dir, exc.strerror)
    logger.info("trained model %s on %d examples in %.1fs", version, len(examples), info.seconds)
    return model, info
