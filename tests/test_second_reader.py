"""The second reader of crisis: the pretrained sentence encoder and the crisis texts the model learnt
from (classifiers/encoder.py, classifiers/neighbours.py, and its place in the triager)."""

from __future__ import annotations

import copy
import os
import stat
import time
from pathlib import Path

import numpy as np
import pytest

import classifiers
from classifiers import encoder as encoder_module
from classifiers import neighbours
from classifiers.dataset import read_corpus, split, trains_head
from classifiers.encoder import EncoderUnavailable, SentenceEncoder, encoder
from classifiers.neighbours import CrisisNeighbours
from classifiers.triager import LONG_TEXT, SECOND_READER_FLOOR, NgramTriager


@pytest.fixture(scope="session")
def triager(model_dir: Path) -> NgramTriager:
    return classifiers.load_triager(model_dir)


def with_neighbours(triager: NgramTriager, texts: list[str], crisis: list[bool]) -> NgramTriager:
    """The real model and encoder, beside nearest texts written here (so a test does not depend on
    which corpus texts happen to lie nearest)."""
    model = copy.copy(triager.model)
    model.neighbours = CrisisNeighbours(encoder().embed(texts), np.array(crisis, dtype=np.float32))
    return NgramTriager(model)


def test_the_encoder_reads_as_the_published_model() -> None:
    # The first six of 384 values, from sentence-transformers over torch with the published
    # all-MiniLM-L6-v2 (mean pooling, unit length): the ONNX graph built here must give the same.
    published = {
        "I swallowed the whole packet an hour ago and now I feel sleepy.":
            [0.03192, -0.00399, 0.01319, 0.03501, 0.06542, -0.06503],
        "Thanks for the video, the breathing exercise helped before my exam!":
            [-0.01283, 0.04344, 0.02526, -0.0381, 0.04238, -0.00545],
        "my landlord says the boiler will be fixed on tuesday":
            [-0.00699, -0.00111, 0.10079, 0.05407, -0.01288, -0.01309],
    }
    vectors = encoder().embed(list(published))
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[:, :6], np.array(list(published.values())), atol=2e-5)


def test_meaning_not_shared_words_decides_what_is_near() -> None:
    overdose, tablets, dog = encoder().embed(
        ["I took all my pills an hour ago", "I swallowed a whole bottle of tablets earlier",
         "I took my dog to the park an hour ago"]
    )
    assert overdose @ tablets > overdose @ dog  # fewer shared words, nearer meaning


def test_a_file_that_is_not_the_published_one_is_refused(tmp_path: Path) -> None:
    forged = tmp_path / "tokenizer.json"
    forged.write_text("{}")
    with pytest.raises(EncoderUnavailable, match="not the published"):
        encoder_module._checked(forged, encoder_module.TOKENIZER_SHA256)


def test_the_graph_is_built_once_then_read_from_its_file(tmp_path: Path) -> None:
    SentenceEncoder(cache_dir=tmp_path)
    (graph,) = tmp_path.glob("encoder-*.onnx")
    built = graph.stat().st_mtime_ns
    again = SentenceEncoder(cache_dir=tmp_path)
    assert graph.stat().st_mtime_ns == built
    assert again.embed(["same words, same place"]).shape == (1, 384)


def test_a_share_weighs_the_nearest_texts_by_similarity() -> None:
    axis = np.eye(4, dtype=np.float32)
    near = axis[0] * 0.9 + axis[1] * np.sqrt(1 - 0.81)
    vectors = np.vstack([np.tile(axis[0], (20, 1)), np.tile(near, (5, 1)), np.tile(axis[2], (10, 1))])
    crisis = np.array([1.0] * 20 + [0.0] * 5 + [1.0] * 10, dtype=np.float32)
    share = CrisisNeighbours(vectors, crisis).shares(axis[:1])[0]
    # The 25 nearest are the 20 crisis texts (similarity 1) and the 5 others (0.9): 20 / (20 + 4.5).
    assert share == pytest.approx(20 / 24.5, abs=1e-5)


def test_training_texts_are_embedded_once_and_their_cache_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["i wrote the letters last night", "new video when?", "thank you for this"]
    first = neighbours.build(texts, [True, False, False], tmp_path)
    (cache,) = tmp_path.glob("encoder-cache-*.npz")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # reviewers' corrections are among such texts

    def no_encoder() -> None:
        raise AssertionError("the cached texts were embedded again")

    monkeypatch.setattr(encoder_module, "encoder", no_encoder)
    again = neighbours.build(texts, [True, False, False], tmp_path)
    np.testing.assert_array_equal(again.vectors, first.vectors)


def test_a_text_no_longer_trained_on_leaves_the_embedding_cache(tmp_path: Path) -> None:
    # A reviewer's correction erased, then the model retrained: its embedding must not stay behind.
    texts = ["i wrote the letters last night", "new video when?", "my address is 12 elm street"]
    neighbours.build(texts, [True, False, False], tmp_path)
    # A training killed while it wrote the cache left its temporary file an hour ago or more.
    killed = tmp_path / f".{neighbours.CACHE_FILE[:-4]}.k1ll3d.tmp.npz"
    killed.write_bytes(b"embeddings of texts since erased")
    os.utime(killed, (time.time() - 7200, time.time() - 7200))
    neighbours.build(texts[:2], [True, False], tmp_path)
    (cache,) = tmp_path.glob("encoder-cache-*.npz")
    with np.load(cache) as stored:
        assert sorted(stored["keys"].tolist()) == sorted(neighbours._key(t) for t in texts[:2])
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [cache.name]  # no temporary file left


def test_the_model_keeps_the_crisis_texts_it_learnt_from(triager: NgramTriager) -> None:
    train, _held_out = split(read_corpus())
    taught = [e for e in train if trains_head(e, "crisis")]
    kept = triager.model.neighbours
    assert kept is not None
    assert kept.vectors.shape == (len(taught), 384)
    assert int(kept.crisis.sum()) == sum("crisis" in e.labels for e in taught)


LONG_AND_ORDINARY = (
    "We finally repainted the hallway this weekend. The colour is called sea mist and it looks grey "
    "in the morning and green at night. My partner wanted white, I wanted yellow, so we met in the "
    "middle. The cat walked through the tray twice, so there are little paw prints by the skirting "
    "board now. We decided to keep them."
)


def test_a_text_the_rest_leaves_is_crisis_when_its_nearest_written_texts_are(triager: NgramTriager) -> None:
    assert len(LONG_AND_ORDINARY) > LONG_TEXT
    assert "crisis" not in triager.triage(LONG_AND_ORDINARY).labels
    alike = [LONG_AND_ORDINARY.replace("weekend", day) for day in ("Saturday", "Sunday", "holiday")] * 9
    judged = with_neighbours(triager, alike, [True] * len(alike)).triage(LONG_AND_ORDINARY)
    assert judged.category == "crisis"
    assert judged.reasons[0].startswith("crisis: near written crisis texts 1.00")
    assert judged.scores["crisis"] == 1.0
    calm = with_neighbours(triager, alike, [False] * len(alike)).triage(LONG_AND_ORDINARY)
    assert "crisis" not in calm.labels


def test_the_second_reader_leaves_few_words_denials_and_what_the_ngrams_do_not_suspect(
    triager: NgramTriager,
) -> None:
    texts = ["bye", "i'm not going to kill myself, i promised my sister",
             "the new microphone sounds much warmer than the old one did"]
    everything_is_crisis = with_neighbours(triager, texts, [True] * len(texts))
    assert triager.triage(texts[2]).scores["crisis"] < SECOND_READER_FLOOR
    for text in texts:
        assert "crisis" not in everything_is_crisis.triage(text).labels, text
    assert everything_is_crisis.read_again == 0
    assert everything_is_crisis.triage(LONG_AND_ORDINARY).category == "crisis"  # a long text is read
    assert everything_is_crisis.read_again == 1


def test_a_long_text_is_read_at_its_end_as_well_as_its_beginning(triager: NgramTriager) -> None:
    # A post longer than one piece whose end alone sits among written crisis texts: the verdict
    # comes from its end, which reading only its first 128 tokens would never see.
    story = " ".join([LONG_AND_ORDINARY] * 3) + " The garden gate still squeaks when the wind picks up."
    pieces, owners = encoder().pieces([story], ends=[True])
    assert owners == [0]
    beginning, end = encoder().embed_pieces(pieces)
    assert "crisis" not in triager.triage(story).labels

    def judged_by(crisis: list[bool]) -> NgramTriager:
        model = copy.copy(triager.model)
        vectors = np.vstack([np.tile(end, (25, 1)), np.tile(beginning, (25, 1))])
        model.neighbours = CrisisNeighbours(vectors, np.repeat(np.array(crisis, dtype=np.float32), 25))
        return NgramTriager(model)

    at_risk_end = judged_by([True, False])
    judged = at_risk_end.triage(story)
    assert judged.category == "crisis"
    assert judged.reasons[0].startswith("crisis: near written crisis texts 1.00")
    assert judged_by([False, True]).triage(story).category == "crisis"
    assert "crisis" not in judged_by([False, False]).triage(story).labels
    # In a batch, each text's pieces are its own.
    batch = at_risk_end.triage_many(["new video when? loved the last one", LONG_AND_ORDINARY, story])
    assert [r.category == "crisis" for r in batch] == [False, False, True]


def test_a_text_is_cut_into_the_pieces_the_encoder_reads() -> None:
    short, long = "thanks for the video", "word " * 100 + "unbelievably " * 60 + "the very last words."
    pieces, owners = encoder().pieces([short, long], ends=[True, True])
    assert owners == [1]  # the short text fits one piece: it has no end of its own
    decode = encoder().tokenizer.decode
    short_first, long_first, long_end = (decode(piece) for piece in pieces)
    assert short_first == short
    assert long_first.startswith("word word") and "very last" not in long_first
    # The end is the text's last words, up to its final full stop.
    assert long_end.endswith("unbelievably the very last words.") and "word word" not in long_end
    assert all(len(piece) == encoder_module.PIECE_TOKENS for piece in pieces[1:])
    # Only where asked: a text read for its beginning alone has no end piece.
    assert encoder().pieces([long])[1] == [] and encoder().pieces([long], ends=[False])[1] == []
