"""The n-gram model at inference: word and character TF-IDF times one linear classifier per flag,
and one more for crisis in a window of a long text (`WINDOW`); beside them, the crisis texts it
learnt from as the sentence encoder reads them (`classifiers.neighbours`).

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
import itertools
import json
import logging
import math
import os
import pickle
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from bot.domain import FLAGS
from classifiers import dataset
from classifiers.dataset import Example
from classifiers.neighbours import CrisisNeighbours

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
    "encoder.py",
    "neighbours.py",
    "phrases/crisis.toml",
    "phrases/client.toml",
)
# Texts longer than this are cut before vectorising: the sentence windows (see triager) see the
# rest, and the cut keeps a 10 kB text well inside its time budget.
MAX_CHARS = 6000
# A word: a word character, then word characters and apostrophes, less any trailing apostrophes
# (the tokens of `\b\w[\w']*\b`, found in half the time).
WORD_TOKEN = re.compile(r"\w[\w']*")
WORD_NGRAMS = (1, 2)
# One gram length: leave-one-writer-out figures were the same as for 3-5 grams, at a third of the
# cost (bench/writer_cv.py).
CHAR_NGRAMS = (4, 4)
# The model's heads: one per flag, then crisis judged on a window (two sentences) of a long text.
# The window head also learnt windows of innocent long texts, so a window's ordinary sentences
# sway it less than they sway the whole-text head, which was trained on whole texts only.
WINDOW = "window"
HEADS: tuple[str, ...] = (*FLAGS, WINDOW)


def user_model_dir() -> Path:
    """The per-user cache's model directory: where a model goes when no home says otherwise."""
    return Path(platformdirs.user_cache_dir("modbot")) / "model"


def default_model_dir() -> Path:
    home = os.environ.get("MODBOT_HOME")
    if home:
        return Path(home).expanduser() / "model"
    return user_model_dir()


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
    if "'" in text:
        tokens = [token.rstrip("'") for token in tokens]
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
    """One vectoriser's terms: index, idf, and the linear weight of each term for each head."""

    index: dict[str, int]
    idf: np.ndarray  # (terms,)
    weights: np.ndarray  # (terms, heads)
    terms: list[str]

    def __post_init__(self) -> None:
        # word -> ids of its character grams: words repeat across comments far more than they
        # vary, so each word is cut into grams once per process.
        self._grams: dict[str, list[int]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._grams = {}

    def pushes(self, column: int) -> list[float]:
        """idf times weight of every term for one head, as a plain list (fast to index one by one;
        cached: it ranks the model's reasons)."""
        key = f"_push{column}"
        if key not in self.__dict__:
            self.__dict__[key] = (self.idf * self.weights[:, column]).tolist()
        return self.__dict__[key]  # type: ignore[no-any-return]

    def ids(self, terms: list[str]) -> list[int]:
        return [i for i in map(self.index.get, terms) if i is not None]

    def char_ids(self, text: str) -> list[int]:
        """Ids of the text's character grams (as `char_terms`), through the per-word cache."""
        ids: list[int] = []
        cache = self._grams
        for word in text.split():
            grams = cache.get(word)
            if grams is None:
                grams = self.ids(char_terms(word))
                if len(cache) < 500_000:
                    cache[word] = grams
            ids.extend(grams)
        return ids

    def linear(self, id_lists: Sequence[list[int]]) -> np.ndarray:
        """(texts, heads) linear scores of the l2-normalised tf-idf vectors, for a whole batch at
        once: the term counts of every text come from one numpy pass over the batch."""
        lengths = np.fromiter(map(len, id_lists), dtype=np.int64, count=len(id_lists))
        out = np.zeros((len(id_lists), self.weights.shape[1]))
        if not lengths.sum():
            return out
        flat = np.fromiter(itertools.chain.from_iterable(id_lists), dtype=np.int64, count=int(lengths.sum()))
        size = len(self.index)
        keys, counts = np.unique(
            np.repeat(np.arange(len(id_lists)), lengths) * size + flat, return_counts=True
        )
        rows, ids = np.divmod(keys, size)
        values = (1.0 + np.log(counts)) * self.idf[ids]
        norms = np.sqrt(np.bincount(rows, values * values, minlength=len(id_lists)))
        norms[norms == 0] = 1.0
        scaled = values / norms[rows]
        weights = self.weights[ids]
        for column in range(out.shape[1]):
            out[:, column] = np.bincount(rows, scaled * weights[:, column], minlength=len(id_lists))
        return out


class NgramModel:
    """Word and character vocabularies and one calibrated linear score per head (`HEADS`)."""

    def __init__(
        self,
        version: str,
        words: Vocabulary,
        chars: Vocabulary,
        intercepts: np.ndarray,
        calibration: np.ndarray,
        neighbours: CrisisNeighbours | None = None,
    ) -> None:
        self.version = version
        self.words = words
        self.chars = chars
        self.intercepts = intercepts
        # p = 1 / (1 + exp(a * linear + b)), one (a, b) column per head.
        self.calibration = calibration
        # The crisis texts the model learnt from, as the sentence encoder reads them: the
        # triager's second reader of crisis (None in a model fitted without them).
        self.neighbours = neighbours

    def scores(self, normalised: Sequence[str]) -> np.ndarray:
        """Array (len(texts), len(FLAGS)) of calibrated probabilities, in FLAGS order."""
        return self.scores_and_words(normalised)[0]

    def window_scores(self, normalised: Sequence[str]) -> np.ndarray:
        """The window head's crisis probability for each window (a piece of a long text)."""
        return self._probabilities(normalised)[0][:, HEADS.index(WINDOW)]

    def scores_and_words(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[list[int]]]:
        """`scores`, and each text's word-term ids (for `top_words`, so reasons cost no second pass)."""
        probabilities, word_ids = self._probabilities(normalised)
        return probabilities[:, : len(FLAGS)], word_ids

    def _probabilities(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[list[int]]]:
        """(texts, HEADS) calibrated probabilities, and each text's word-term ids."""
        if not normalised:
            return np.zeros((0, len(HEADS))), []
        cut = [text[:MAX_CHARS] for text in normalised]
        word_ids = [self.words.ids(word_terms(t)) for t in cut]
        linear = self.words.linear(word_ids)
        linear += self.chars.linear([self.chars.char_ids(t) for t in cut])
        linear += self.intercepts
        exponent = np.clip(self.calibration[0] * linear + self.calibration[1], -500, 500)
        return np.asarray(1.0 / (1.0 + np.exp(exponent))), word_ids

    def top_words(self, normalised: str | list[int], head: str, limit: int = 3) -> list[str]:
        """The word n-grams that pushed `head` (a flag or `WINDOW`) up most in this text (or these
        word-term ids, from `scores_and_words`): the model's reasons."""
        ids = (
            self.words.ids(word_terms(normalised[:MAX_CHARS])) if isinstance(normalised, str) else normalised
        )
        push = self.words.pushes(HEADS.index(head))
        unique = set(ids)
        if len(unique) == len(ids):  # the usual case: no term repeats, so no log counts to weigh
            ranked = sorted([(push[i], i) for i in unique if push[i] > 0], reverse=True)
        else:
            counts: dict[int, int] = {}
            for i in ids:
                counts[i] = counts.get(i, 0) + 1
            ranked = sorted([((1.0 + math.log(n)) * push[i], i) for i, n in counts.items() if push[i] > 0],
                            reverse=True)
        chosen: list[str] = []
        for _value, i in ranked:
            term = self.words.terms[i]
            if not any(term in other or other in term for other in chosen):
                chosen.append(term)
                if len(chosen) == limit:
                    break
        return chosen


def save(model_dir: Path, model: NgramModel, meta: dict[str, object]) -> None:
    """Write model and metadata atomically: a reader never sees half a model."""
    model_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
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
