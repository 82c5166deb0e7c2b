"""The n-gram model at inference: word and character TF-IDF times one linear classifier per flag.

Training (`classifiers.training`, scikit-learn) exports what scoring needs into this plain object:
each vocabulary with its idf and linear weights, and each flag's sigmoid. Scoring then needs only
numpy, so `modbot triage` starts without importing scikit-learn or scipy (over a second each run).
`tests/test_model.py` checks that these scores equal scikit-learn's own pipeline.

Models live in a model directory (`<MODBOT_HOME>/model/` or a per-user cache), keyed by a version
id derived from the corpus, the phrase files and the code that shapes a verdict, and are rebuilt on
first use when absent or stale; no model file is committed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import pickle
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from bot.domain import FLAGS
from classifiers import dataset
from classifiers.dataset import Example

logger = logging.getLogger(__name__)

MODEL_FILE = "model.pickle"
META_FILE = "model.json"
PACKAGE_DIR = Path(__file__).parent
# The code and data whose change changes a verdict: the version id covers them, so a stored
# verdict names exactly the rules and model that made it.
CODE_FILES = (
    "normalise.py",
    "dataset.py",
    "model.py",
    "training.py",
    "signals.py",
    "triager.py",
    "phrases/crisis.toml",
    "phrases/client.toml",
)
# Texts longer than this are cut before vectorising: the sentence windows (see triager) see the
# rest, and the cut keeps a 10 kB text well inside its time budget.
MAX_CHARS = 6000
WORD_TOKEN = re.compile(r"(?u)\b\w[\w']*\b")
WORD_NGRAMS = (1, 2)
# One gram length: leave-one-writer-out figures were the same as for 3-5 grams, at a third of the
# cost (bench/writer_cv.py).
CHAR_NGRAMS = (4, 4)


def default_model_dir() -> Path:
    home = os.environ.get("MODBOT_HOME")
    if home:
        return Path(home).expanduser() / "model"
    return Path(platformdirs.user_cache_dir("modbot")) / "model"


def base_version(corpus_dir: Path = dataset.CORPUS_DIR) -> str:
    """Hash of the corpus files, the phrase files and the model code: the bundled model's id."""
    digest = hashlib.sha256()
    digest.update(dataset.digest_files(dataset.corpus_files(corpus_dir), root=corpus_dir).encode())
    digest.update(
        dataset.digest_files([PACKAGE_DIR / name for name in CODE_FILES], root=PACKAGE_DIR).encode()
    )
    return "ngram-" + digest.hexdigest()[:12]


def full_version(base: str, corrections: Sequence[Example]) -> str:
    if not corrections:
        return base
    return f"{base}+local-{dataset.digest_examples(corrections)[:8]}"


def word_terms(text: str) -> list[str]:
    """Word unigrams and bigrams (the words analyzer given to scikit-learn at training)."""
    tokens = WORD_TOKEN.findall(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_terms(text: str) -> list[str]:
    """Character n-grams of each word padded with a space (scikit-learn's `char_wb` grams)."""
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    extend = grams.extend
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        if length <= low:
            grams.append(padded)
            continue
        for n in range(low, min(high, length) + 1):
            extend([padded[i : i + n] for i in range(length - n + 1)])
    return grams


@dataclass
class Vocabulary:
    """One vectoriser's terms: index, idf, and the linear weight of each term for each flag."""

    index: dict[str, int]
    idf: np.ndarray  # (terms,)
    weights: np.ndarray  # (terms, flags)
    terms: list[str]

    def contributions(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray, float]:
        """(term indices, tf-idf values before normalising, norm) for one text."""
        counts = Counter(i for i in map(self.index.get, terms) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0), 1.0
        ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[ids]
        return ids, values, float(math.sqrt(float(values @ values))) or 1.0

    def linear(self, term_lists: Sequence[list[str]]) -> np.ndarray:
        """(texts, flags) linear scores of the l2-normalised tf-idf vectors, for a whole batch at
        once: one numpy pass instead of one per text."""
        rows: list[int] = []
        ids: list[int] = []
        tfs: list[int] = []
        get = self.index.get
        for row, terms in enumerate(term_lists):
            counts = Counter(map(get, terms))
            counts.pop(None, None)
            rows.extend([row] * len(counts))
            ids.extend(counts)  # type: ignore[arg-type]
            tfs.extend(counts.values())
        out = np.zeros((len(term_lists), self.weights.shape[1]))
        if not ids:
            return out
        row_array = np.array(rows)
        id_array = np.array(ids)
        values = (1.0 + np.log(np.array(tfs, dtype=np.float64))) * self.idf[id_array]
        norms = np.sqrt(np.bincount(row_array, values * values, minlength=len(term_lists)))
        norms[norms == 0] = 1.0
        scaled = values / norms[row_array]
        weights = self.weights[id_array]
        for column in range(out.shape[1]):
            out[:, column] = np.bincount(row_array, scaled * weights[:, column], minlength=len(term_lists))
        return out


class NgramModel:
    """Word and character vocabularies and one calibrated linear score per flag."""

    def __init__(
        self,
        version: str,
        words: Vocabulary,
        chars: Vocabulary,
        intercepts: np.ndarray,
        calibration: np.ndarray,
    ) -> None:
        self.version = version
        self.words = words
        self.chars = chars
        self.intercepts = intercepts
        # p = 1 / (1 + exp(a * linear + b)), one (a, b) column per flag.
        self.calibration = calibration

    def scores(self, normalised: Sequence[str]) -> np.ndarray:
        """Array (len(texts), len(FLAGS)) of calibrated probabilities, in FLAGS order."""
        if not normalised:
            return np.zeros((0, len(FLAGS)))
        cut = [text[:MAX_CHARS] for text in normalised]
        linear = self.words.linear([word_terms(t) for t in cut]) + self.chars.linear(
            [char_terms(t) for t in cut]
        )
        linear += self.intercepts
        exponent = np.clip(self.calibration[0] * linear + self.calibration[1], -500, 500)
        return np.asarray(1.0 / (1.0 + np.exp(exponent)))

    def top_words(self, normalised: str, flag: str, limit: int = 3) -> list[str]:
        """The word n-grams that pushed `flag` up most in this text: the model's reasons."""
        column = FLAGS.index(flag)
        ids, values, norm = self.words.contributions(word_terms(normalised[:MAX_CHARS]))
        if not len(ids):
            return []
        push = values / norm * self.words.weights[ids, column]
        order = np.argsort(-push)
        chosen: list[str] = []
        for position in order:
            if push[position] <= 0 or len(chosen) >= limit:
                break
            term = self.words.terms[int(ids[position])]
            if not any(term in other or other in term for other in chosen):
                chosen.append(term)
        return chosen


def save(model_dir: Path, model: NgramModel, meta: dict[str, object]) -> None:
    """Write model and metadata atomically: a reader never sees half a model."""
    model_dir.mkdir(parents=True, exist_ok=True)
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
    if meta.get("base_version") != want_base:
        return None
    if want_version is not None and meta.get("version") != want_version:
        return None
    try:
        # Our own file in the installation's model directory, written by `save`.
        model = pickle.loads((model_dir / MODEL_FILE).read_bytes())  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(model, NgramModel) or model.version != meta.get("version"):
        return None
    return model
