"""The trained triager: phrase families and model together, modes, versions, determinism,
corrections, speed. The families alone are tested in test_signals.py, the scorer in test_model.py
and the corpus in test_corpus.py."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import classifiers
from bot.domain import CATEGORIES, FLAGS, Triage
from classifiers.model import META_FILE, MODEL_FILE, WINDOW, base_version
from classifiers.normalise import normalise
from classifiers.signals import client_net, crisis_net
from classifiers.triager import (
    GUARDED_CLIENT_THRESHOLD,
    LONG_ADVICE_THRESHOLD,
    LONG_TEXT,
    THRESHOLDS,
    WINDOW_THRESHOLD,
    NgramTriager,
)

# `crisis: "i want to die" (wish to be dead)`: the flag, the matched words, the family.
RULE_REASON = re.compile(r'(crisis|client): "([^"]+)" \(([^)]+)\)')
# `advice: model 0.91 ("should i", "sertraline")`: the flag, the score, up to three words.
MODEL_REASON = re.compile(r'(crisis|client|advice): model [01]\.\d\d(?: \("[^"]+"(?:, "[^"]+"){0,2}\))?')
FAMILY_NAMES = {f.name for f in crisis_net().families} | {f.name for f in client_net().families}
# What may undo a crisis phrase or a client cue: a guard of its own net, or a marking family ("denial").
UNDOERS = {
    net.name: set(net.guards) | {m for f in net.families if (m := getattr(f, "marks", None))}
    for net in (crisis_net(), client_net())
}


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
        ("<i want to die>", "crisis"),  # brackets, not a tag: nothing is dropped
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
        # Markup from exports and web pages: read as the text it shows.
        ("I&#39;m going to kill myself tonight", "I'm going to kill myself tonight"),
        ("i don&rsquo;t want to live anymore<br>sorry", "i don't want to live anymore\nsorry"),
    ],
)
def test_evasions_score_like_the_plain_words(
    triager: classifiers.NgramTriager, evasion: str, plain: str
) -> None:
    hidden, open_ = triager.triage(evasion), triager.triage(plain)
    assert hidden.labels == open_.labels
    assert hidden.scores == open_.scores


def test_reasons_name_the_phrase_and_family_or_the_model(triager: classifiers.NgramTriager) -> None:
    crisis = triager.triage("honestly everyone would be better off without me")
    assert 'crisis: "everyone would be better off without me" (wish to be dead)' in crisis.reasons
    client = triager.triage("see you tuesday!")
    assert 'client: "see you tuesday" (the next meeting with the therapist)' in client.reasons
    question = "how do i stop panic attacks at work, what should i do when my chest gets tight"
    advice = triager.triage(question)
    model_reasons = [r for r in advice.reasons if r.startswith("advice: ")]
    assert model_reasons and all(MODEL_REASON.fullmatch(r) for r in model_reasons), advice.reasons
    words = re.findall(r'"([^"]+)"', model_reasons[0])
    assert words and all(word in question for word in words)  # the model's words are the text's


def test_every_reason_is_a_rule_or_model_reason(triager: classifiers.NgramTriager) -> None:
    texts = [
        "i want to kill myself tonight",
        "see you tuesday! thanks for today",
        "going to ask my therapist about this at our appointment next week",
        "how do i tell my mom i think i have adhd?",
        "i wanna die lol this level is impossible",
        "great video",
    ]
    for verdict in triager.triage_many(texts):
        for reason in verdict.reasons:
            rule = RULE_REASON.fullmatch(reason)
            guarded = re.fullmatch(r'not (crisis|client): "[^"]+" \((\w+)\)', reason)
            assert (
                (rule and rule.group(3) in FAMILY_NAMES)
                or MODEL_REASON.fullmatch(reason)
                or (guarded and guarded.group(2) in UNDOERS[guarded.group(1)])
            ), reason


@pytest.mark.parametrize(
    ("text", "phrase", "family"),
    [
        ("gave away all my stuff this week, i won't need it after sunday", "gave away all my stuff",
         "preparatory acts"),
        ("how many of my lithium would it take to not wake up", "how many of my lithium", "method seeking"),
        ("my cousin said she's planning to kill herself tonight", "planning to kill herself",
         "another person at risk"),
        ("sh'd again, sorry", "self harm again", "self-harm now"),
        ("I want to kill myself", "i want to kill myself", "suicidal thoughts"),
        ("i'm going to end it all tonight", "end it all", "intent to act"),
    ],
)
def test_short_crisis_messages_are_crisis_with_the_phrase_as_reason(
    triager: classifiers.NgramTriager, text: str, phrase: str, family: str
) -> None:
    verdict = triager.triage(text, kind="dm")
    assert verdict.category == "crisis"
    rules = [m for m in map(RULE_REASON.fullmatch, verdict.reasons) if m and m.group(1) == "crisis"]
    assert any(phrase in m.group(2) and m.group(3) == family for m in rules), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "lowkey hoping a van hits me on the way home",
        "my boyfriend hid my keys and won't let me leave",
        "i'm at the bridge right now",
        "i'm done. goodbye everyone",
    ],
)
def test_short_crisis_messages_no_family_covers_are_crisis_by_the_model(
    triager: classifiers.NgramTriager, text: str
) -> None:
    verdict = triager.triage(text, kind="dm")
    assert verdict.category == "crisis"
    reasons = [r for r in verdict.reasons if r.startswith("crisis: ")]
    assert reasons and all(MODEL_REASON.fullmatch(r) or RULE_REASON.fullmatch(r) for r in reasons), reasons


@pytest.mark.parametrize(
    "text",
    [
        "i want to dieeeee",
        "i wish i was deaddddd",
        "i hate myselfff i want to dieee",
        "i want to diiiie",
        "i want to kil myself",
        "im sucidal",
        "i've written the notes already",
        "tonights the night",
        "i've written letters to everyone i love",
    ],
)
def test_a_short_statement_whose_risk_word_is_stretched_misspelt_or_inflected_is_crisis(
    triager: classifiers.NgramTriager, text: str
) -> None:
    # The risk word once read "diee", "sucidal", "notes" or "tonights": no risk-bearing word, so the
    # model's score did not count.
    assert triager.triage(text, kind="comment").category == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "won't be here till 9",
        "i won't be here for the livestream",
        "just go to god with it",
        "be with god sister",
        "tonight's gonna be a long shift",
        "life's been good lately",
        "jumped in the lake today",
    ],
)
def test_a_short_everyday_comment_the_model_scores_high_is_not_crisis(
    triager: classifiers.NgramTriager, text: str
) -> None:
    # The model scores these 0.4-0.98; none holds a risk-bearing word, so its score cannot count.
    assert "crisis" not in triager.triage(text, kind="comment").labels


@pytest.mark.parametrize(
    "text", ["sorryyy", "byeeee guys", "tonighttt", "so doneee", "i need to kill my self doubt"]
)
def test_stretched_everyday_words_and_self_talk_are_not_crisis(
    triager: classifiers.NgramTriager, text: str
) -> None:
    assert "crisis" not in triager.triage(text, kind="comment").labels


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


@pytest.mark.parametrize(
    ("text", "phrase", "guard"),
    [
        ("i wanna die lol this level is impossible", "i wanna die", "joking"),
        ("i want to die of embarrassment, i waved at a stranger", "i want to die", "hyperbole"),
        ("i'm tired of living in this flat with no heating", "i'm tired of living", "ordinary_life"),
    ],
)
def test_a_guarded_phrase_is_explained_not_flagged(
    triager: classifiers.NgramTriager, text: str, phrase: str, guard: str
) -> None:
    verdict = triager.triage(text)
    assert "crisis" not in verdict.labels
    assert f'not crisis: "{phrase}" ({guard})' in verdict.reasons


def test_an_undone_client_cue_is_explained_not_flagged(triager: classifiers.NgramTriager) -> None:
    # Someone else's therapist: the cue "our appointment" is undone, and the reviewer sees why, once.
    text = "going to ask my therapist about this at our appointment next week"
    verdict = triager.triage(f"{text}. {text}")
    assert "client" not in verdict.labels
    explained = [r for r in verdict.reasons if re.fullmatch(r'not client: "[^"]+" \(third_person\)', r)]
    assert explained and len(explained) == len(set(explained)), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "i'm not going to kill myself, i promised my sister",
        # The clause a denial leaves is not read alone: "i'm tired" alone scores over the short bar
        # (change 62, reverted).
        "I'm not suicidal. I'm tired.",
        "lol i'm not suicidal. just tired after work",
    ],
)
def test_a_denial_is_not_crisis(triager: classifiers.NgramTriager, text: str) -> None:
    assert "crisis" not in triager.triage(text).labels


def test_rules_and_model_modes_use_one_half_each(triager: classifiers.NgramTriager) -> None:
    rules = NgramTriager(triager.model, mode="rules")
    model = NgramTriager(triager.model, mode="model")
    text = "see you tuesday! i want to kill myself"
    by_rules, by_model = rules.triage(text), model.triage(text)
    assert by_rules.labels == ("crisis", "client")
    assert all(RULE_REASON.fullmatch(r) for r in by_rules.reasons), by_rules.reasons
    assert all(MODEL_REASON.fullmatch(r) for r in by_model.reasons), by_model.reasons
    # An undone client cue is a rule's finding: explained by the rules alone, never by the model.
    undone = "going to ask my therapist about this at our appointment next week"
    assert any(r.startswith("not client: ") for r in rules.triage(undone).reasons)
    assert not any(r.startswith("not ") for r in model.triage(undone).reasons)
    assert rules.triage("how do i stop panic attacks? what should i do").labels == ()  # advice is the model's
    assert model.triage("how do i stop panic attacks? what should i do").labels == ("advice",)
    with pytest.raises(ValueError, match="mode"):
        NgramTriager(triager.model, mode="both")


def test_a_risk_sentence_inside_a_long_post_is_crisis(triager: classifiers.NgramTriager) -> None:
    filler = (
        "Work has been a lot lately and the commute is long. My sister visited on the weekend. "
        "We cooked and watched a film and it was nice. "
    ) * 6
    verdict = triager.triage(filler + "Honestly i just want to disappear forever. " + filler)
    assert verdict.category == "crisis", verdict.reasons


def pinned(triager: classifiers.NgramTriager, flag: str, score: float) -> NgramTriager:
    """A triager over the real model, with one flag's model score pinned to `score`."""

    class Pinned:
        def __getattr__(self, name: str) -> object:
            return getattr(triager.model, name)

        def scores_and_words(self, texts: list[str]) -> tuple[object, list[list[int]]]:
            scores, words = triager.model.scores_and_words(texts)
            scores[:, FLAGS.index(flag)] = score
            return scores, words

    judge = NgramTriager(triager.model)
    judge.model = Pinned()  # type: ignore[assignment]
    return judge


def test_where_every_client_cue_was_undone_the_model_must_be_surer(
    triager: classifiers.NgramTriager,
) -> None:
    """"My therapist said … in our last session" is someone else's therapist: the cue is undone, and
    the model alone then needs `GUARDED_CLIENT_THRESHOLD`, not the ordinary client threshold. (The
    shipped model scores this very text above even that, having learnt "our session" as client.)"""
    text = "my therapist said the same thing in our last session"
    cues = triager.client.signals(normalise(text))
    assert cues and all(signal.guard for signal in cues)
    below = (THRESHOLDS["client"] + GUARDED_CLIENT_THRESHOLD) / 2
    assert "client" not in pinned(triager, "client", below).triage(text).labels
    assert "client" in pinned(triager, "client", GUARDED_CLIENT_THRESHOLD + 0.01).triage(text).labels


def test_a_long_text_as_a_whole_needs_a_surer_advice_score(triager: classifiers.NgramTriager) -> None:
    """A long story's many first-person words push the advice score up whatever it asks: the same
    score that flags a comment does not flag a long post."""
    judge = pinned(triager, "advice", (THRESHOLDS["advice"] + LONG_ADVICE_THRESHOLD) / 2)
    short = "should i switch meds or give it another month?"
    story = "We moved house in the spring and the garden was a mess, so I started on it slowly. " * 5
    assert len(story) > LONG_TEXT
    assert "advice" in judge.triage(short).labels
    assert "advice" not in judge.triage(story).labels
    judge.mode = "model"  # the model alone has no length rule
    assert "advice" in judge.triage(story).labels


def test_the_window_head_decides_a_window_and_names_its_words(triager: classifiers.NgramTriager) -> None:
    """A long post's windows are judged by the window head alone, and a window flag's reason gives
    that head's words: pinned scores show which head the triager asked."""
    asked: list[str] = []

    class Pinned:
        """The real model, with the window head and the whole-text crisis head pinned."""

        window = 0.0
        whole = 0.0

        def __getattr__(self, name: str) -> object:
            return getattr(triager.model, name)

        def scores_and_words(self, texts: list[str]) -> tuple[object, list[list[int]]]:
            scores, words = triager.model.scores_and_words(texts)
            scores[:, FLAGS.index("crisis")] = self.whole
            return scores, words

        def window_scores(self, texts: list[str]) -> object:
            return triager.model.window_scores(texts) * 0 + self.window

        def top_words(self, text: object, head: str, limit: int = 3) -> list[str]:
            asked.append(head)
            return triager.model.top_words(text, head, limit)  # type: ignore[arg-type]

    judge = NgramTriager(triager.model)
    model = Pinned()
    judge.model = model  # type: ignore[assignment]
    filler = "We repainted the hallway on Saturday and the kids helped with the edges. " * 3
    post = filler + "Some nights I think the bridge is the only way out of this. " + filler
    assert len(post) > LONG_TEXT and triager.crisis.signals(post) == []
    model.window, model.whole = WINDOW_THRESHOLD, 0.0
    verdict = judge.triage(post)
    assert "crisis" in verdict.labels and verdict.scores["crisis"] == WINDOW_THRESHOLD
    assert asked[-1] == WINDOW and any(r.startswith("crisis: model") for r in verdict.reasons)
    model.window, model.whole = WINDOW_THRESHOLD - 0.01, 0.0
    assert "crisis" not in judge.triage(post).labels  # just under the window threshold
    model.window, model.whole = 0.0, 0.99
    verdict = judge.triage(post)
    assert "crisis" in verdict.labels and asked[-1] == "crisis"  # the whole text, by its own head


def test_a_risk_clause_inside_a_run_on_post_is_crisis_by_its_window(
    triager: classifiers.NgramTriager,
) -> None:
    # Real posts often run on with commas and no full stop; no phrase family covers this clause.
    filler = (
        "work has been a lot lately and the commute is long, my sister visited on the weekend "
        "and we cooked and watched a film and it was nice, "
    ) * 4
    text = filler + "i'm standing on the bridge right now, " + filler
    assert triager.crisis.signals(text) == []
    assert triager.model.scores([text])[0][0] < THRESHOLDS["crisis"]  # the whole post is not enough
    verdict = triager.triage(text)
    assert verdict.category == "crisis"
    # The reason names words of the risk clause (which of them weigh most is the model's call).
    clause_words = ("bridge", "standing", "right now")
    assert any(MODEL_REASON.fullmatch(r) and any(w in r for w in clause_words) for r in verdict.reasons), (
        verdict.reasons
    )


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


def test_a_stale_or_missing_model_is_rebuilt(
    tmp_path: Path, model_dir: Path, seed_embeddings: Callable[[Path], Path]
) -> None:
    stale = seed_embeddings(tmp_path / "model")
    meta = json.loads((model_dir / META_FILE).read_text())
    meta["base_version"] = "ngram-000000000000"
    (stale / META_FILE).write_text(json.dumps(meta))
    (stale / MODEL_FILE).write_bytes(b"not a model")
    triager = classifiers.load_triager(stale)
    assert triager.version == base_version()
    assert json.loads((stale / META_FILE).read_text())["base_version"] == base_version()


def test_training_is_deterministic(
    tmp_path: Path, triager: classifiers.NgramTriager, seed_embeddings: Callable[[Path], Path]
) -> None:
    again = classifiers.train(seed_embeddings(tmp_path / "again"))
    assert again == triager.version
    retrained = classifiers.load_triager(tmp_path / "again")
    texts = ["i feel so alone lately", "see you tuesday", "what mic do you use?"]
    assert [t.scores for t in retrained.triage_many(texts)] == [t.scores for t in triager.triage_many(texts)]


def test_reviewer_corrections_are_learned_for_this_installation(
    tmp_path: Path, triager: classifiers.NgramTriager, seed_embeddings: Callable[[Path], Path]
) -> None:
    phrase = "the blue heron flies at noon over the quiet marsh"
    corrections = [{"text": f"{phrase} {i}", "category": "client", "labels": ["client"]} for i in range(40)]
    version = classifiers.train(seed_embeddings(tmp_path / "local"), corrections)
    assert version.startswith(triager.version + "+local-")
    local = classifiers.load_triager(tmp_path / "local", corrections)
    assert local.version == version
    assert local.triage(phrase).scores["client"] > triager.triage(phrase).scores["client"]
    # Without corrections given, the local model still serves (it is built from the same corpus).
    assert classifiers.load_triager(tmp_path / "local").version == version


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
