"""The numpy-only scorer (classifiers/model.py) gives exactly what scikit-learn's own pipeline gives:
the same terms, the same tf-idf, the same linear scores and the same calibrated probabilities."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest
from scipy.sparse import hstack

from bot.domain import FLAGS
from classifiers import dataset, training
from classifiers.dataset import Example
from classifiers.model import HEADS, WINDOW, NgramModel, char_terms, word_terms
from classifiers.normalise import normalise
from classifiers.triager import windows

CRISIS = ("crisis",)
CLIENT = ("client",)
ADVICE = ("advice",)
NONE: tuple[str, ...] = ()

# Written for this test: ten of each kind, a few with two flags, and two long posts.
EXAMPLES = [
    Example("i don't want to be here anymore, everything is too heavy", CRISIS),
    Example("i keep thinking about ending my life tonight", CRISIS),
    Example("i took too many of my pills and i feel strange", CRISIS),
    Example("nobody would miss me if i disappeared tonight", CRISIS),
    Example("i cut my arm again and it won't stop bleeding", CRISIS),
    Example("i have the rope and i know where i will do it", CRISIS),
    Example("i wrote goodbye letters to my kids tonight", CRISIS),
    Example("my husband hit me again and i am scared to go home", CRISIS),
    Example("what should i do, i want to die and my pills are right here", ("crisis", "advice")),
    Example("i want to end my life before our next session, i'm sorry", ("crisis", "client")),
    Example("see you on thursday for our session", CLIENT),
    Example("can we move my appointment to next week?", CLIENT),
    Example("thanks for our session today, it helped a lot", CLIENT),
    Example("running a few minutes late for our call", CLIENT),
    Example("the worksheet you gave me in session is on my fridge", CLIENT),
    Example("could you resend the invoice for last week's session", CLIENT),
    Example("i tried the breathing you showed me during our session", CLIENT),
    Example("i need to cancel our appointment on friday", CLIENT),
    Example("should i bring my sleep diary to our next session?", ("client", "advice")),
    Example("you know my history, so what should i do about my dad?", ("client", "advice")),
    Example("how do i stop panicking before exams?", ADVICE),
    Example("is it normal to feel tired on sertraline, should i ask to switch?", ADVICE),
    Example("what should i say to my sister when she yells at me?", ADVICE),
    Example("how can i sleep better when my mind races at night?", ADVICE),
    Example("any tips for talking to my boss about burnout?", ADVICE),
    Example("how do i help my son with his anxiety at school?", ADVICE),
    Example("should i tell my partner about my diagnosis?", ADVICE),
    Example("what do i do when grief hits me out of nowhere?", ADVICE),
    Example("great video, thank you so much", NONE),
    Example("your voice is so calming, love this channel", NONE),
    Example("this video made me laugh so hard", NONE),
    Example("what camera do you use for these videos?", NONE),
    Example("first comment! love your content", NONE),
    Example("i shared this with my whole class, thank you", NONE),
    Example("the part about boundaries was so good", NONE),
    Example("my therapist said the same thing lol", NONE),
    Example("are you taking new clients this year?", NONE),
    Example("suicide prevention month video was really well done", NONE),
    Example("this song makes me want to die of happiness", NONE),
    Example("great podcast episode, thank you for the tips", NONE),
    # Long posts without crisis whose windows hold risk words: what the window head learns from.
    Example(
        "We finally went climbing at the quarry this weekend. My friend forgot his harness so I lent "
        "him mine. The rope burned my hands and I nearly died laughing when he slipped off the first "
        "hold. Then we drove home and the car died on the motorway. A stranger helped us jump it. "
        "Honestly the best trip of the year and I would do it again tomorrow.",
        NONE,
    ),
    Example(
        "How do I talk to my teenager about a friend who self-harms? She told me over dinner that a "
        "girl in her class cuts and she is worried. I want to help her be a good friend without "
        "carrying all of it herself. Should I call the school, or the other girl's parents? "
        "What do I say tonight when she gets home, and how often should I check in after that?",
        ADVICE,
    ),
    # A long crisis post: its windows are never taught to the window head as innocent.
    Example(
        "I have been trying to keep up with work and the kids and the house for months now. My "
        "husband works nights so most evenings it is just me. I stopped sleeping properly in the "
        "spring. Last night I counted out my pills and sat with them for an hour. I don't think I "
        "can do another week of this. Nobody would notice until the morning.",
        CRISIS,
    ),
]
NEW_TEXTS = [
    "i can't keep going, i took all my pills",
    "see you next thursday, thanks for the session",
    "how should i talk to my mom about therapy?",
    "love this video, great channel",
    "Ünïcödé café — naïve résumé 🎉 ok",
    "a b c i o u   multiple   spaces\tand\ttabs\nand new lines",
    "don't can't i'm y'all o'clock",
    "x",
    "",
    "zzzz qqqq words nobody ever wrote",
]
# Raw texts for the analyzers: unicode, one-letter words, runs of spaces, apostrophes, punctuation.
ANALYZER_TEXTS = [
    *NEW_TEXTS,
    "  leading and trailing spaces  ",
    "I Am NOT lower-cased; punctuation, here!!! and-hyphens",
    "日本語のテキスト と 한국어 text",
    "a\u00a0non-breaking\u2009thin space",
    "ab",
    "it's 3am and i'm up, 10/10 would not recommend",
]


@pytest.fixture(scope="module")
def fitted() -> dict[str, Any]:
    """A model fitted on EXAMPLES, the scikit-learn objects behind it, and the same vectorisers
    fitted again on the same normalised texts."""
    from sklearn import calibration

    recorded: list[Any] = []

    class Recording(calibration.CalibratedClassifierCV):
        def fit(self, X: Any, y: Any, **kwargs: Any) -> Any:  # noqa: N803
            recorded.append(self)
            return super().fit(X, y, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(calibration, "CalibratedClassifierCV", Recording)
        model = training.fit("test-model", EXAMPLES)
    assert len(recorded) == len(HEADS)
    texts = [normalise(e.text) for e in EXAMPLES]
    words, chars = training.vectorisers()
    words.fit(texts)
    chars.fit(texts)
    return {"model": model, "classifiers": recorded, "words": words, "chars": chars}


def test_every_flag_is_present_and_absent_in_the_examples() -> None:
    for flag in FLAGS:
        present = sum(flag in e.labels for e in EXAMPLES)
        assert 5 <= present <= len(EXAMPLES) - 5, flag


@pytest.mark.parametrize("text", ANALYZER_TEXTS)
def test_terms_are_the_scikit_learn_analyzers_terms(text: str) -> None:
    words, chars = training.vectorisers()
    assert word_terms(text) == words.build_analyzer()(text)
    assert Counter(char_terms(text)) == Counter(chars.build_analyzer()(text))
    folded = normalise(text)
    assert word_terms(folded) == words.build_analyzer()(folded)
    assert Counter(char_terms(folded)) == Counter(chars.build_analyzer()(folded))


def test_the_vocabularies_are_the_vectorisers(fitted: dict[str, Any]) -> None:
    model: NgramModel = fitted["model"]
    for vocabulary, vectoriser in ((model.words, fitted["words"]), (model.chars, fitted["chars"])):
        assert vocabulary.index == {str(term): int(i) for term, i in vectoriser.vocabulary_.items()}
        assert [vocabulary.index[term] for term in vocabulary.terms] == list(range(len(vocabulary.terms)))
        np.testing.assert_allclose(vocabulary.idf, vectoriser.idf_, rtol=0, atol=1e-12)
        assert vocabulary.weights.shape == (len(vocabulary.terms), len(HEADS))


def _ids(model: NgramModel, text: str) -> tuple[list[int], list[int]]:
    """(word term ids, character gram ids) of a normalised text, as `scores` looks them up."""
    return model.words.ids(word_terms(text)), model.chars.char_ids(text)


@pytest.mark.parametrize("text", ANALYZER_TEXTS + [e.text for e in EXAMPLES[::7]])
def test_cached_character_grams_are_the_texts_grams(fitted: dict[str, Any], text: str) -> None:
    model: NgramModel = fitted["model"]
    folded = normalise(text)
    for _ in range(2):  # the second pass reads the per-word cache
        assert Counter(model.chars.char_ids(folded)) == Counter(model.chars.ids(char_terms(folded)))


@pytest.mark.parametrize("text", NEW_TEXTS + [e.text for e in EXAMPLES[::7]])
def test_linear_scores_equal_the_vectorisers_tfidf_times_the_weights(
    fitted: dict[str, Any], text: str
) -> None:
    model: NgramModel = fitted["model"]
    folded = normalise(text)
    word_ids, char_ids = _ids(model, folded)
    for vocabulary, vectoriser, ids in (
        (model.words, fitted["words"], word_ids),
        (model.chars, fitted["chars"], char_ids),
    ):
        expected = np.asarray(vectoriser.transform([folded]) @ vocabulary.weights)
        np.testing.assert_allclose(vocabulary.linear([ids]), expected, rtol=0, atol=1e-9)


def test_a_batch_scores_like_its_texts_one_by_one(fitted: dict[str, Any]) -> None:
    model: NgramModel = fitted["model"]
    texts = [normalise(t) for t in NEW_TEXTS + [e.text for e in EXAMPLES]]
    ids = [_ids(model, t) for t in texts]
    for vocabulary, vectoriser, column in (
        (model.words, fitted["words"], 0),
        (model.chars, fitted["chars"], 1),
    ):
        expected = np.asarray(vectoriser.transform(texts) @ vocabulary.weights)
        got = vocabulary.linear([pair[column] for pair in ids])
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    one_by_one = np.vstack([model.scores([t]) for t in texts])
    np.testing.assert_allclose(model.scores(texts), one_by_one, rtol=0, atol=1e-12)
    assert model.scores([]).shape == (0, len(FLAGS))


def test_scores_equal_scikit_learns_calibrated_probabilities(fitted: dict[str, Any]) -> None:
    model: NgramModel = fitted["model"]
    texts = [normalise(t) for t in NEW_TEXTS + [e.text for e in EXAMPLES]]
    features = hstack([fitted["words"].transform(texts), fitted["chars"].transform(texts)], format="csr")
    expected = np.column_stack([c.predict_proba(features)[:, 1] for c in fitted["classifiers"]])
    got = model.scores(texts)
    assert got.shape == (len(texts), len(FLAGS))
    np.testing.assert_allclose(got, expected[:, : len(FLAGS)], rtol=0, atol=1e-9)
    window = expected[:, HEADS.index(WINDOW)]
    np.testing.assert_allclose(model.window_scores(texts), window, rtol=0, atol=1e-9)


def test_the_window_head_learnt_the_windows_of_innocent_long_posts(fitted: dict[str, Any]) -> None:
    """The whole-text head never saw a window; the window head saw every innocent one (those with
    a risk word, as the triager scores them) and holds them lower."""
    model: NgramModel = fitted["model"]
    texts = [normalise(e.text) for e in EXAMPLES]
    innocent = training.innocent_windows(texts, [e.labels for e in EXAMPLES])
    assert len(innocent) >= 4
    pairs = zip(texts, EXAMPLES, strict=True)
    long_innocent = [t for t, e in pairs if len(t) > 300 and "crisis" not in e.labels]
    assert all(any(window in text for text in long_innocent) for window in innocent)
    crisis_posts = [t for t, e in zip(texts, EXAMPLES, strict=True) if len(t) > 300 and "crisis" in e.labels]
    assert crisis_posts and not set(innocent) & {w for t in crisis_posts for w in windows(t)}
    whole = model.scores(innocent)[:, FLAGS.index("crisis")]
    assert np.mean(model.window_scores(innocent)) < np.mean(whole)


def test_the_model_learned_its_examples(fitted: dict[str, Any]) -> None:
    """Not a quality measure: a sanity check that the exported columns are in FLAGS order."""
    model: NgramModel = fitted["model"]
    scores = model.scores([normalise(e.text) for e in EXAMPLES])
    for column, flag in enumerate(FLAGS):
        with_flag = [s[column] for s, e in zip(scores, EXAMPLES, strict=True) if flag in e.labels]
        without = [s[column] for s, e in zip(scores, EXAMPLES, strict=True) if flag not in e.labels]
        assert np.mean(with_flag) > np.mean(without), flag


@pytest.mark.parametrize("text", NEW_TEXTS + [e.text for e in EXAMPLES])
def test_top_words_are_words_of_the_text(fitted: dict[str, Any], text: str) -> None:
    model: NgramModel = fitted["model"]
    folded = normalise(text)
    terms = set(word_terms(folded))
    for flag in FLAGS:
        top = model.top_words(folded, flag)
        assert len(top) <= 3
        assert set(top) <= terms, (flag, top)
        assert len(set(top)) == len(top)


def test_top_words_name_what_pushed_the_flag(fitted: dict[str, Any]) -> None:
    model: NgramModel = fitted["model"]
    top = model.top_words(normalise("see you thursday for our session"), "client")
    assert top, "a scheduling message has words that push client up"
    column = FLAGS.index("client")
    for term in top:
        assert model.words.weights[model.words.index[term], column] > 0
    assert model.top_words(normalise("zzzz qqqq"), "client") == []


@pytest.mark.parametrize("heads", sorted({tuple(sorted(h)) for h in dataset.LIMITED_WRITERS.values()}))
def test_a_limited_writers_texts_teach_only_its_heads(heads: tuple[str, ...]) -> None:
    """Texts of a writer in `dataset.LIMITED_WRITERS` train its heads alone: a word only they use
    weighs nothing in the other heads, however they are labelled."""
    writer = next(w for w, taught in dataset.LIMITED_WRITERS.items() if tuple(sorted(taught)) == heads)
    own = [
        Example(f"zorblax {text}", ("client", "advice", "crisis"), source=f"{writer}/01.jsonl")
        for text in ("can we move friday", "the invoice for march", "my worksheet is done")
    ]
    model = training.fit("test-limited", [*EXAMPLES, *own])
    weights = model.words.weights[model.words.index["zorblax"]]
    for column, name in enumerate(HEADS):
        if name in heads:
            assert weights[column] > 0, name
        else:
            assert weights[column] == 0, name
