"""The second reader of crisis: how much of what a text's nearest written texts say is crisis.

Each training text that teaches the crisis heads is kept as its sentence-encoder embedding
(`classifiers.encoder`) with its label. A text's share is the similarity-weighted share of crisis
among its `NEIGHBOURS` nearest. The n-grams read words; the encoder was pretrained on public text
and places a post near the written texts that say the same in other words, so it finds some risk
the n-grams miss in text nobody here wrote (classifiers/HISTORY.md, changes 121 and 122).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.encoder import READING

logger = logging.getLogger(__name__)

NEIGHBOURS = 25
# Named by what the encoder reads: other weights or other lengths, other embeddings.
CACHE_FILE = f"encoder-cache-{READING}.npz"
# A temporary cache file older than this was left by a training that did not finish.
STALE_SECONDS = 3600


@dataclass
class CrisisNeighbours:
    vectors: np.ndarray  # (texts, 384) float32, unit length
    crisis: np.ndarray  # (texts,) float32, 1.0 where the text is crisis

    def shares(self, embeddings: np.ndarray) -> np.ndarray:
        """Similarity-weighted share of crisis among each embedding's nearest training texts."""
        if not len(embeddings):
            return np.zeros(0)
        k = min(NEIGHBOURS, len(self.crisis) - 1)
        # The index times the texts, not the texts times the index's transpose: the same products,
        # in half the time on one thread (BLAS reads the 24 MB index in its stored order).
        similarity = (self.vectors @ embeddings.T).T
        nearest = np.argpartition(-similarity, k, axis=1)[:, :k]
        weights = np.take_along_axis(similarity, nearest, axis=1).clip(min=0)
        return np.asarray((weights * self.crisis[nearest]).sum(1) / np.maximum(weights.sum(1), 1e-9))


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def build(texts: Sequence[str], crisis: Sequence[bool], cache_dir: Path | None = None) -> CrisisNeighbours:
    """Embed the texts (reusing the embeddings cached in `cache_dir` by an earlier training: the
    corpus rarely changes between trainings, and embedding it takes minutes)."""
    from classifiers.encoder import encoder

    cached: dict[str, np.ndarray] = {}
    path = cache_dir / CACHE_FILE if cache_dir else None
    if path and path.exists():
        try:
            with np.load(path) as stored:
                cached = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("ignoring the unreadable encoder cache %s (%s)", path, exc)
    stored = set(cached)
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        logger.info("embedding %d training texts with the sentence encoder", len(missing))
        fresh = encoder().embed([t for _k, t in missing])
        cached.update(zip([k for k, _t in missing], fresh, strict=True))
    if path and stored != set(keys):
        # Rewritten whenever the texts change, fewer as well as more: an erased correction's
        # embedding must leave with it.
        _save_cache(path, {k: cached[k] for k in set(keys)})
    vectors = np.array([cached[k] for k in keys], dtype=np.float32).reshape(len(keys), -1)
    return CrisisNeighbours(vectors, np.asarray(crisis, dtype=np.float32))


def _save_cache(path: Path, vectors: dict[str, np.ndarray]) -> None:
    keys = sorted(vectors)
    temp: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Created 0600 under a unique name (reviewers' corrections are among the texts; two
        # trainings at once must not share one temporary file), then put in place whole.
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp.npz")
        temp = Path(name)
        with os.fdopen(handle, "wb") as out:
            np.savez(out, keys=np.array(keys), vectors=np.array([vectors[k] for k in keys], dtype=np.float32))
        temp.replace(path)
    except OSError as exc:  # a read-only place trains all the same, only slower next time
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        logger.warning("could not cache the training texts' embeddings in %s (%s)", path.parent, exc.strerror)
        return
    # A training killed while writing left its temporary file; one still being written is fresh.
    # Another training may remove the same file first: the cache itself is saved all the same.
    for stale in path.parent.glob(f".{path.stem}.*.tmp.npz"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()
