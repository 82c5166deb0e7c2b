"""The trained triager: rules and model together, versions, determinism, corrections, speed."""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import classifiers
from bot.domain import CATEGORIES, FLAGS, Triage
from classifiers import dataset
from classifiers.model import META_FILE, MODEL_FILE, base_version


@pytest.fixture(scope="session")
def model_dir(shared_model_dir: Path) -> Path:
    """The session's one trained model (conftest's `shared_model_dir`), built here if absent."""
    classifiers.load_triager(shared_model_dir)
    return shared_model_dir


@pytest.fixture(scope="session")
def triager(model_dir: Path) -> classifiers.NgramTriager:
    return classifiers.load_triager(model_dir)


def test_a_verdict_has_the_contract_shape(triager: classifiers.NgramTriager) -> None:
    verdict = triager.triage("great video, thank you!", kind="comment", platform="youtube", author="someone")
    assert isinstance(verdict, Triage)
    assert verdict.category in CATEGORIES
    assert set(verdict.scores) == set(FLAGS)
    assert all(0.0 <= score <= 1.0 for score in verdict.scores.values())
    assert verdict.model_version == triager.version == base_version()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want to kill myself tonight", "crisis"),
        ("i want to unalive myself tonight", "crisis"),
        ("kms fr i cant do this anymore", "crisis"),
        ("i dont want to wake up tomorrow", "crisis"),
        ("see you tuesday! thanks for today", "client"),
        ("like you said in our session, i tried the breathing and it helped", "client"),
        ("how do i tell my mom i think i have adhd?", "advice"),
        ("is it normal to feel numb on sertraline after 3 weeks? should i ask to switch", "advice"),
        ("great video, thank you so much", "engagement"),
        ("this video killed me 😂😂", "engagement"),
        ("your video on suicide prevention helped my whole class", "engagement"),
        ("my therapist said the same thing lol", "engagement"),
        ("are you taking new clients?", "engagement"),
    ],
)
def test_typical_texts_land_in_their_category(
    triager: classifiers.NgramTriager, text: str, category: str
) -> None:
    assert triager.triage(text).category == category


@pytest.mark.parametrize(
    ("evasion", "plain"),
    [
        ("i want to unalive myself", "i want to kill myself"),
        ("thinking about s*icide again", "thinking about suicide again"),
        ("i want to d1e", "i want to die"),
        ("ѕuісіdаl again tonight", "suicidal again tonight"),
    ],
)
def test_evasions_score_like_the_plain_words(
    triager: classifiers.NgramTriager, evasion: str, plain: str
) -> None:
    hidden, open_ = triager.triage(evasion), triager.triage(plain)
    assert hidden.labels == open_.labels
    assert hidden.scores == open_.scores


def test_reasons_name_the_phrase_or_the_model(triager: classifiers.NgramTriager) -> None:
    crisis = triager.triage("honestly everyone would be better off without me")
    assert any(
        reason.startswith('crisis: "') and "better off without me" in reason for reason in crisis.reasons
    )
    client = triager.triage("see you tuesday!")
    assert 'client: "see you tuesday"' in client.reasons
    advice = triager.triage("how do i stop panic attacks at work, what should i do when my chest gets tight")
    assert any(re.fullmatch(r"advice: model [01]\.\d\d", reason) for reason in advice.reasons)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("put my rabbit up for adoption and gave all my stuff away", "gave all my stuff away"),
        ("lowkey hoping a van hits me on the way home", "hoping a van hits"),
        ("how many of my lithium would it take to not wake up", "how many of my lithium"),
        ("my boyfriend hid my keys and won't let me leave", "hid my keys"),
        ("my cousin said she's planning to kill herself tonight", "planning to kill herself"),
        ("sh'd again, sorry", "self harm"),
    ],
)
def test_short_crisis_messages_are_crisis_with_the_phrase_as_reason(
    triager: classifiers.NgramTriager, text: str, phrase: str
) -> None:
    verdict = triager.triage(text, kind="dm")
    assert verdict.category == "crisis"
    quoted = [reason for reason in verdict.reasons if reason.startswith('crisis: "')]
    assert any(phrase in reason for reason in quoted), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "is 'committed suicide' outdated wording? asking for an essay",
        "our class did a unit on self-harm and watched this",
        "suicide rates in rural areas deserve a whole video",
        "one year self harm free 🎉",
        "he isn't abusive, just never home",
    ],
)
def test_topic_milestone_and_negated_abuse_are_not_crisis(
    triager: classifiers.NgramTriager, text: str
) -> None:
    assert "crisis" not in triager.triage(text).labels


def test_a_guarded_phrase_is_explained_not_flagged(triager: classifiers.NgramTriager) -> None:
    verdict = triager.triage("I'm not suicidal, just tired of this weather")
    assert "crisis" not in verdict.labels
    assert any(reason.startswith("not crisis:") and "negated" in reason for reason in verdict.reasons)


def test_roster_membership_flags_client(model_dir: Path) -> None:
    calls = []

    def is_client(platform: str, author: str) -> bool:
        calls.append((platform, author))
        return (platform, author) == ("reddit", "known_client")

    triager = classifiers.load_triager(model_dir, is_client=is_client)
    on_roster = triager.triage("great video!", platform="reddit", author="known_client")
    stranger = triager.triage("great video!", platform="reddit", author="someone_else")
    assert on_roster.category == "client" and "client: roster match" in on_roster.reasons
    assert stranger.category == "engagement"
    assert triager.triage("great video!", platform="reddit").category == "engagement"  # no author: no lookup
    assert calls == [("reddit", "known_client"), ("reddit", "someone_else")]


def test_crisis_outranks_a_roster_match(model_dir: Path) -> None:
    triager = classifiers.load_triager(model_dir, is_client=lambda platform, author: True)
    verdict = triager.triage("i want to kill myself", platform="youtube", author="anyone")
    assert verdict.category == "crisis"
    assert verdict.labels == ("crisis", "client")


def test_batch_and_single_agree(triager: classifiers.NgramTriager) -> None:
    texts = ["see you tuesday!", "i want to die", "nice", "how do i stop overthinking?", ""]
    batch = triager.triage_many(texts)
    assert [t.labels for t in batch] == [triager.triage(text).labels for text in texts]


def test_the_saved_model_is_reused_not_retrained(model_dir: Path) -> None:
    before = (model_dir / MODEL_FILE).stat().st_mtime_ns
    classifiers.load_triager(model_dir)
    assert (model_dir / MODEL_FILE).stat().st_mtime_ns == before


def test_a_stale_or_missing_model_is_rebuilt(tmp_path: Path, model_dir: Path) -> None:
    stale = tmp_path / "model"
    stale.mkdir()
    meta = json.loads((model_dir / META_FILE).read_text())
    meta["base_version"] = "ngram-000000000000"
    (stale / META_FILE).write_text(json.dumps(meta))
    (stale / MODEL_FILE).write_bytes(b"not a model")
    triager = classifiers.load_triager(stale)
    assert triager.version == base_version()
    assert json.loads((stale / META_FILE).read_text())["base_version"] == base_version()


def test_training_is_deterministic(
    tmp_path: Path, model_dir: Path, triager: classifiers.NgramTriager
) -> None:
    again = classifiers.train(tmp_path / "again")
    assert again == triager.version
    retrained = classifiers.load_triager(tmp_path / "again")
    texts = ["i feel so alone lately", "see you tuesday", "what mic do you use?"]
    assert [t.scores for t in retrained.triage_many(texts)] == [t.scores for t in triager.triage_many(texts)]


def test_reviewer_corrections_are_learned_for_this_installation(
    tmp_path: Path, triager: classifiers.NgramTriager
) -> None:
    phrase = "the blue heron flies at noon over the quiet marsh"
    corrections = [{"text": f"{phrase} {i}", "category": "client", "labels": ["client"]} for i in range(40)]
    version = classifiers.train(tmp_path / "local", corrections)
    assert version.startswith(triager.version + "+local-")
    local = classifiers.load_triager(tmp_path / "local", corrections)
    assert local.version == version
    assert local.triage(phrase).scores["client"] > triager.triage(phrase).scores["client"]
    # Without corrections given, the local model still serves (it is built from the same corpus).
    assert classifiers.load_triager(tmp_path / "local").version == version


def test_every_corpus_line_is_valid() -> None:
    files = dataset.corpus_files()
    assert files, "no corpus files found"
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                dataset.parse_example(json.loads(line), source=f"{path.name}:{number}")


def test_the_held_out_split_is_stable_and_about_fifteen_percent() -> None:
    train, held_out = dataset.split(dataset.read_corpus())
    assert 0.10 < len(held_out) / (len(train) + len(held_out)) < 0.20
    assert all(dataset.is_held_out(example.text) for example in held_out)
    assert not any(dataset.is_held_out(example.text) for example in train)
    for flag in FLAGS:
        assert any(flag in example.labels for example in held_out)


def test_a_10kb_text_is_fast(triager: classifiers.NgramTriager) -> None:
    paragraph = "I have been thinking about this for a long time and I am not sure where to start. "
    text = (paragraph * 130)[:10_240] + " I want to kill myself."
    timings = []
    for i in range(5):
        started = time.perf_counter()
        verdict = triager.triage(f"{i} {text}")
        timings.append(time.perf_counter() - started)
    assert verdict.category == "crisis"
    assert statistics.median(timings) < 0.1  # the bar is 50 ms; bench/triage.py measures it


@settings(max_examples=200, deadline=None)
@given(text=st.text(), author=st.one_of(st.none(), st.text()))
def test_no_string_crashes_triage(triager: classifiers.NgramTriager, text: str, author: str | None) -> None:
    verdict = triager.triage(text, author=author)
    assert verdict.category in CATEGORIES


def test_an_unwritable_model_dir_still_gives_a_working_triager(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    triager = classifiers.load_triager(blocker / "model")  # cannot be created: a file is in the way
    assert triager.triage("i want to kill myself").category == "crisis"
