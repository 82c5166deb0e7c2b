"""The n-gram model: word and character TF-IDF, one calibrated linear classifier per flag.

Training is deterministic (fixed folds, liblinear with a fixed seed), takes seconds, and is keyed
by a version id derived from the corpus files and the code that shapes the model, so a model built
from the same inputs has the same id on every machine. Models live in a model directory
(`<MODBOT_HOME>/model/` or a per-user cache) and are rebuilt on first use when absent or stale;
no model file is committed.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs
import sklearn
from scipy.sparse import csr_matrix, hstack
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from bot.domain import FLAGS
from classifiers import dataset
from classifiers.dataset import Example
from classifiers.normalise import normalise

logger = logging.getLogger(__name__)

MODEL_FILE = "model.pickle"
META_FILE = "model.json"
PACKAGE_DIR = Path(__file__).parent
# The code whose change changes a verdict: the version id covers it, so a stored verdict names
# exactly the rules and model that made it.
CODE_FILES = ("normalise.py", "dataset.py", "model.py", "rules.py", "triager.py")
# Texts longer than this are cut before vectorising: long posts keep their signal in the first
# few thousand characters, and the cut keeps a 10 kB text well inside its time budget.
MAX_CHARS = 6000


def default_model_dir() -> Path:
    home = os.environ.get("MODBOT_HOME")
    if home:
        return Path(home).expanduser() / "model"
    return Path(platformdirs.user_cache_dir("modbot")) / "model"


def base_version(corpus_dir: Path = dataset.CORPUS_DIR) -> str:
    """Hash of the corpus files and the model code: the id of the bundled model."""
    files = dataset.corpus_files(corpus_dir)
    data = dataset.digest_files(files, root=corpus_dir)
    code = dataset.digest_files([PACKAGE_DIR / name for name in CODE_FILES], root=PACKAGE_DIR)
    return "ngram-" + dataset.digest_examples([Example(data + code, ())])[:12]


def full_version(base: str, corrections: Sequence[Example]) -> str:
    if not corrections:
        return base
    return f"{base}+local-{dataset.digest_examples(corrections)[:8]}"


class NgramModel:
    """Vectorisers and one calibrated classifier per flag; `scores` gives P(flag) for each text."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.words = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            min_df=2,
            sublinear_tf=True,
            lowercase=False,
            token_pattern=r"(?u)\b\w[\w']*\b",
            dtype=np.float32,
            max_features=120_000,
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            min_df=2,
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float32,
            max_features=250_000,
        )
        # Per flag (columns in FLAGS order): linear weights, intercept, and the sigmoid that
        # calibrates the linear score into a probability: p = 1 / (1 + exp(a * score + b)).
        self.weights = np.zeros((0, len(FLAGS)))
        self.intercepts = np.zeros(len(FLAGS))
        self.calibration = np.zeros((2, len(FLAGS)))

    def _features(self, normalised: Sequence[str], *, fit: bool = False) -> csr_matrix:
        cut = [text[:MAX_CHARS] for text in normalised]
        if fit:
            words = self.words.fit_transform(cut)
            chars = self.chars.fit_transform(cut)
        else:
            words = self.words.transform(cut)
            chars = self.chars.transform(cut)
        return hstack([words, chars], format="csr")

    def fit(self, examples: Sequence[Example]) -> NgramModel:
        features = self._features([normalise(e.text) for e in examples], fit=True)
        weights, intercepts, calibration = [], [], []
        for flag in FLAGS:
            target = np.array([flag in e.labels for e in examples], dtype=int)
            if target.min() == target.max():
                raise ValueError(f"the corpus needs examples with and without {flag!r}")
            folds = min(3, int(target.sum()), int(len(target) - target.sum()))
            base = LinearSVC(C=0.5, class_weight="balanced", random_state=0)
            classifier = CalibratedClassifierCV(
                base, method="sigmoid", cv=StratifiedKFold(n_splits=max(folds, 2)), ensemble=False
            )
            classifier.fit(features, target)
            # Keep only the numbers: one sparse product scores all flags at once, far faster
            # than three predict_proba calls, and the saved model stays small.
            fitted = classifier.calibrated_classifiers_[0]
            weights.append(fitted.estimator.coef_.ravel())
            intercepts.append(float(fitted.estimator.intercept_[0]))
            sigmoid = fitted.calibrators[0]
            calibration.append((float(sigmoid.a_), float(sigmoid.b_)))
        self.weights = np.column_stack(weights)
        self.intercepts = np.array(intercepts)
        self.calibration = np.array(calibration).T
        return self

    def scores(self, normalised: Sequence[str]) -> np.ndarray:
        """Array (len(texts), len(FLAGS)) of calibrated probabilities, in FLAGS order."""
        if not normalised:
            return np.zeros((0, len(FLAGS)))
        linear = self._features(normalised) @ self.weights + self.intercepts
        exponent = np.clip(self.calibration[0] * linear + self.calibration[1], -500, 500)
        return np.asarray(1.0 / (1.0 + np.exp(exponent)))


@dataclass(frozen=True)
class ModelInfo:
    version: str
    base_version: str
    examples: int
    seconds: float


def train_model(
    model_dir: Path, extra_examples: Sequence[Example] = (), *, corpus_dir: Path = dataset.CORPUS_DIR
) -> tuple[NgramModel, ModelInfo]:
    """Train on the corpus's train split plus `extra_examples` and save into `model_dir`."""
    started = time.perf_counter()
    base = base_version(corpus_dir)
    version = full_version(base, extra_examples)
    train, _held_out = dataset.split(dataset.read_corpus(corpus_dir))
    examples = [*train, *extra_examples]
    model = NgramModel(version).fit(examples)
    info = ModelInfo(version, base, len(examples), round(time.perf_counter() - started, 2))
    try:
        _save(model_dir, model, info)
    except OSError as exc:  # a read-only place still gets a working model, just not a cached one
        logger.warning("could not save the model in %s (%s); using it unsaved", model_dir, exc.strerror)
    logger.info("trained model %s on %d examples in %.1fs", version, len(examples), info.seconds)
    return model, info


def _save(model_dir: Path, model: NgramModel, info: ModelInfo) -> None:
    """Write model and metadata atomically: a reader never sees half a model."""
    model_dir.mkdir(parents=True, exist_ok=True)
    meta = {
        "version": info.version,
        "base_version": info.base_version,
        "examples": info.examples,
        "train_seconds": info.seconds,
        "sklearn": sklearn.__version__,
    }
    for name, payload in (
        (MODEL_FILE, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)),
        (META_FILE, json.dumps(meta, indent=2).encode()),
    ):
        handle, temp = tempfile.mkstemp(dir=model_dir, prefix=f".{name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temp, model_dir / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def load_model(model_dir: Path, *, want_base: str, want_version: str | None) -> NgramModel | None:
    """The saved model if it was built from the current corpus and code (and, when `want_version`
    is given, the same local corrections); None when absent, stale or unreadable."""
    try:
        meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("base_version") != want_base or meta.get("sklearn") != sklearn.__version__:
        return None
    if want_version is not None and meta.get("version") != want_version:
        return None
    try:
        # Our own file in the installation's model directory, written by `_save`.
        model = pickle.loads((model_dir / MODEL_FILE).read_bytes())  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(model, NgramModel) or model.version != meta.get("version"):
        return None
    return model
