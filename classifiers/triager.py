"""Phrase families and the model combined into flags, a primary category, scores and reasons.

- crisis: an unguarded crisis family raises it; so does the model, scored on the whole text and,
  by its window head, on each window of a long text: two sentences, a run-on sentence first cut
  into 12-word pieces (one risk sentence inside a long post counts). A text under eight words and a
  window must hold a risk-bearing word (`risk_words` in the crisis phrase file): a short or
  content-free text is never crisis on the model's score alone. A denial or a guarded phrase in a
  short text raises the bar.
- client: the roster, an unguarded client cue, or the model: very sure where every cue in the
  text was undone by a guard, and in a text under eight words only with a cue word ("you",
  "session", "our"...: `risk_words` in the client phrase file), so "hi" is nobody's client.
- advice: the model (surer of a long text as a whole).

A text the rest leaves is read a second time, by the sentence encoder against the crisis texts the
model learnt from (`classifiers.neighbours`), if it is long or its n-gram crisis score is at least
`SECOND_READER_FLOOR`, has eight words or more, and is not a short text a guard undid; crisis when
`SECOND_READER_SHARE` of its nearest are. The encoder reads a text's first 128 tokens, and a long
text's last ones too, as a piece of its own.

`mode` gives the halves alone for `modbot eval`: "rules" (families and roster only) and "model"
(the model on the whole text, no gates).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.domain import FLAGS, Triage, primary_category
from classifiers.model import WINDOW, NgramModel
from classifiers.normalise import normalise
from classifiers.signals import Net, Prepared, Signal, client_net, crisis_net, prepare

# Model probability at or above which a flag is raised by the model. Chosen by leave-one-writer-out
# cross-validation on the training writers, never on a measured set. Crisis by the rule in
# `bench/writer_cv.py` (windows on, the highest recall at precision >= 0.85): since change 18 its
# whole-text and long-text values are held (classifiers/HISTORY.md, change 18) and only the window one is
# re-chosen. Client by its rule there: the highest recall with at most 1% of others flagged. Advice
# by the whole-text sweep there (no rule; at F1's plateau, 0.45-0.55). Re-run after change 30 and
# on change 38's corpus, the rules pick windows at 0.8 (a near tie with 0.7) and client at 0.55-0.65
# (harder look-alikes put others flagged over the rule's 1% cap, stricter than the 3%); both
# stay, and HISTORY (change 30) says why.
THRESHOLDS: dict[str, float] = {"crisis": 0.3, "client": 0.45, "advice": 0.55}
# When every risk phrase in a short text was undone by a guard (negation, joke, topic...), the
# model alone must be this sure: its n-grams see "suicidal" in "I'm not suicidal".
GUARDED_CRISIS_THRESHOLD = 0.85
# Likewise when every client cue was undone ("my therapist said... our last session": someone
# else's therapist). The model has learnt "our", "session" and "my therapist" as client words, so it
# must be very sure: at 0.6 (change 39, reverted) it flagged 11 of 15 such comments a reviewer wrote.
GUARDED_CLIENT_THRESHOLD = 0.97
SHORT_TEXT = 280
# A text of fewer words than this needs a risk-bearing word before the model alone may call it
# crisis.
SHORT_WORDS = 8
# The model's crisis and advice thresholds for a long text as a whole: its many first-person
# words ("i", "and", "do") push both up whatever it says. Out of writer, advice at 0.65 on long
# texts keeps F1 (after change 20: 0.869 against 0.871 at 0.55) and flags fewer long vents and
# stories (`bench/writer_cv.py`). Crisis follows the rule in `bench/writer_cv.py` (see THRESHOLDS).
LONG_CRISIS_THRESHOLD = 0.4
LONG_ADVICE_THRESHOLD = 0.65
# Texts longer than this are also scored by windows.
LONG_TEXT = 300
MAX_WINDOWS = 60
# A sentence longer than this many words is cut into pieces for windows, so a run-on post (commas,
# no full stops) still has windows short enough for one risk clause to weigh.
UNIT_WORDS = 12
# A window is scored by the model's window head (`classifiers.model.WINDOW`), at the value the
# crisis rule in `bench/writer_cv.py` picks with the whole-text and long-text thresholds held
# (change 20, 33 writers: 0.7, out of writer 0.933 at 0.851; a short crisis text set inside one of
# its writer's long posts flagged 0.69, look-alikes inside 0.15).
WINDOW_THRESHOLD = 0.7
# The second reader (classifiers/HISTORY.md, changes 121-124): the share of crisis among a text's
# nearest training texts that raises crisis, chosen on the held-out writers (the lowest that keeps
# their precision at 0.85), and the n-gram crisis score a short text needs before the encoder reads
# it: the encoder reads about 200 short texts a second a core, so of the many short comments only
# the few the n-grams already half suspect (the lowest floor that keeps `bench/triage.py` over 5,000
# comments a second). Long texts are few among comments and where the n-grams are weakest: the
# encoder reads every one the rest leaves.
SECOND_READER_SHARE = 0.7
SECOND_READER_FLOOR = 0.15
# The score reported for a flag raised by a rule or the roster, when the model scored it lower.
RULE_SCORE = 0.9
MAX_PHRASE = 60
MODES = ("combined", "rules", "model")

IsClient = Callable[[str, str], bool]
SENTENCE = re.compile(r"(?<=[.!?\n])\s+")


def _quote(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    if len(phrase) > MAX_PHRASE:
        phrase = phrase[: MAX_PHRASE - 1] + "…"
    return '"' + phrase.replace('"', "'") + '"'


def _units(text: str) -> list[str]:
    """Sentences, with a run-on sentence (common in real posts: commas, no full stops) cut into
    pieces of at most `UNIT_WORDS` words."""
    units = []
    for sentence in SENTENCE.split(text):
        words = sentence.split()
        for start in range(0, len(words), UNIT_WORDS):
            units.append(" ".join(words[start : start + UNIT_WORDS]))
    return [u for u in units if u]


def windows(text: str) -> list[str]:
    """Windows of two consecutive sentences (or run-on pieces) of a long text; empty for a short
    one."""
    if len(text) <= LONG_TEXT:
        return []
    units = _units(text)
    if len(units) < 3:
        return []
    return [" ".join(units[i : i + 2]) for i in range(len(units) - 1)][:MAX_WINDOWS]


def scored_windows(text: str, net: Net) -> list[str]:
    """The windows of a long text the model scores: those with a risk word (a window without one is
    noise at this length). The window head is trained on exactly these, cut from innocent texts."""
    return [piece for piece in windows(text) if net.has_risk_word(piece)]


class NgramTriager:
    """Implements `bot.domain.Triager`; `triage_many` scores a batch at once.

    `is_client(platform, author)` is how the core plugs in the client roster without the
    classifier touching storage.
    """

    def __init__(
        self, model: NgramModel, *, is_client: IsClient | None = None, mode: str = "combined"
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.model = model
        self.version = model.version
        self.is_client = is_client
        self.mode = mode
        self.crisis = crisis_net()
        self.client = client_net()
        # Instance copies, so `bench/writer_cv.py` can sweep them without touching the module.
        self.crisis_threshold = THRESHOLDS["crisis"]
        self.long_crisis_threshold = LONG_CRISIS_THRESHOLD
        self.long_advice_threshold = LONG_ADVICE_THRESHOLD
        self.window_threshold = WINDOW_THRESHOLD
        self.client_threshold = THRESHOLDS["client"]
        # Texts the second reader has read (`bench/triage.py` reports it).
        self.read_again = 0

    def triage(
        self, text: str, *, kind: str = "comment", platform: str = "file", author: str | None = None
    ) -> Triage:
        return self.triage_many([text], kinds=[kind], platforms=[platform], authors=[author])[0]

    def triage_many(
        self,
        texts: Sequence[str],
        *,
        kinds: Sequence[str] | None = None,
        platforms: Sequence[str] | None = None,
        authors: Sequence[str | None] | None = None,
    ) -> list[Triage]:
        """Triage a batch; results are in input order."""
        normalised = [normalise(text if isinstance(text, str) else "") for text in texts]
        scores, word_ids = self.model.scores_and_words(normalised)
        # The windows of long texts, scored in one batch.
        owners: list[int] = []
        pieces: list[str] = []
        if self.mode == "combined":
            for index, text in enumerate(normalised):
                for piece in scored_windows(text, self.crisis):
                    owners.append(index)
                    pieces.append(piece)
        piece_scores: list[float] = self.model.window_scores(pieces).tolist()
        best_piece: dict[int, tuple[float, str]] = {}
        for owner, piece, score in zip(owners, pieces, piece_scores, strict=True):
            if owner not in best_piece or score > best_piece[owner][0]:
                best_piece[owner] = (float(score), piece)
        rows = scores.tolist()  # plain floats: indexing a numpy row per flag is slow

        def combine(index: int, second_reading: float | None = None) -> Triage:
            return self._combine(
                normalised[index],
                word_ids[index],
                dict(zip(FLAGS, rows[index], strict=True)),
                best_piece.get(index),
                platform=platforms[index] if platforms else "file",
                author=authors[index] if authors else None,
                second_reading=second_reading,
            )

        results = [combine(index) for index in range(len(normalised))]
        if self.mode == "combined" and self.model.neighbours is not None:
            for index, share in self._read_again(texts, normalised, results).items():
                results[index] = combine(index, share)
        return results

    def _guarded(self, text: str) -> bool:
        """Whether a guard undid a risk phrase in the text."""
        return any(signal.guard is not None for signal in self.crisis.signals(prepare(text)))

    def _read_again(
        self, texts: Sequence[str], normalised: Sequence[str], results: Sequence[Triage]
    ) -> dict[int, float]:
        """The second reader: the share of crisis among the nearest written texts of each text the
        rest leaves, for those that reach `SECOND_READER_SHARE`."""
        from classifiers.encoder import encoder

        neighbours = self.model.neighbours
        assert neighbours is not None
        # Embeddings read negation and a few words poorly ("bye" sits near written goodbyes): the
        # second reader leaves a text under eight words, and a short one a guard undid (a denial).
        chosen = [
            i
            for i, result in enumerate(results)
            if "crisis" not in result.labels
            and (len(normalised[i]) > LONG_TEXT or result.scores["crisis"] >= SECOND_READER_FLOOR)
            and len(normalised[i].split()) >= SHORT_WORDS
            and not (len(normalised[i]) < SHORT_TEXT and self._guarded(normalised[i]))
        ]
        if not chosen:
            return {}
        self.read_again += len(chosen)
        read = [texts[i] if isinstance(texts[i], str) else "" for i in chosen]
        # A long post often tells its risk at the end, after the story: its end is read as a piece
        # of its own, in the same batch (a 10 kB text in one call of two pieces).
        pieces, owners = encoder().pieces(read, ends=[len(normalised[i]) > LONG_TEXT for i in chosen])
        shares = neighbours.shares(encoder().embed_pieces(pieces)).tolist()
        for owner, share in zip(owners, shares[len(read) :], strict=True):
            shares[owner] = max(shares[owner], share)
        return {i: s for i, s in zip(chosen, shares[: len(read)], strict=True) if s >= SECOND_READER_SHARE}

    def _roster_match(self, platform: str, author: str | None) -> bool:
        return bool(self.is_client and author and self.is_client(platform, author))

    def _model_reason(self, head: str, score: float, text: str | list[int], source: str = "model") -> str:
        """`<flag>: <source> <score> ("<words>", ...)`: the words that pushed this head up most."""
        words = ", ".join(_quote(w) for w in self.model.top_words(text, head))
        flag = "crisis" if head == WINDOW else head
        return f"{flag}: {source} {score:.2f}" + (f" ({words})" if words else "")

    def _crisis_threshold(self, text: str, prepared: Prepared, guarded: bool) -> float:
        """How sure the model alone must be that the whole text is crisis."""
        if self.mode == "model":
            return self.crisis_threshold
        if len(text.split()) < SHORT_WORDS and not self.crisis.has_risk_word(prepared):
            return 2.0  # a short text with no risk-bearing word: never crisis on the model alone
        if guarded and len(text) < SHORT_TEXT:
            return GUARDED_CRISIS_THRESHOLD
        if len(text) > LONG_TEXT:
            return self.long_crisis_threshold
        return self.crisis_threshold

    def _combine(
        self,
        text: str,
        word_ids: list[int],
        model_scores: dict[str, float],
        piece: tuple[float, str] | None,
        *,
        platform: str,
        author: str | None,
        second_reading: float | None = None,
    ) -> Triage:
        """One text's verdict; `second_reading` is the second reader's crisis share where it raised
        the text (`_read_again`)."""
        labels: list[str] = []
        reasons: list[str] = []
        scores = dict(model_scores)
        use_rules = self.mode != "model"
        use_model = self.mode != "rules"

        prepared = prepare(text)
        found = self.crisis.signals(prepared) if use_rules else []
        raised = [s for s in found if s.guard is None]
        guarded = [s for s in found if s.guard is not None]
        if raised:
            labels.append("crisis")
            scores["crisis"] = max(scores["crisis"], RULE_SCORE)
            reasons.extend(_signal_reasons("crisis", raised))
        elif use_model:
            if piece and piece[0] >= self.window_threshold and piece[0] > model_scores["crisis"]:
                # One window of a long post is enough (only windows with a risk word are scored);
                # its words are the reason, since they say where the risk is. A whole text that
                # scored higher is judged by its own threshold below.
                labels.append("crisis")
                scores["crisis"] = piece[0]
                reasons.append(self._model_reason(WINDOW, piece[0], piece[1]))
            elif model_scores["crisis"] >= self._crisis_threshold(text, prepared, bool(guarded)):
                labels.append("crisis")
                reasons.append(self._model_reason("crisis", model_scores["crisis"], word_ids))
            elif second_reading is not None:
                labels.append("crisis")
                scores["crisis"] = max(scores["crisis"], second_reading)
                source = "near written crisis texts"
                reasons.append(self._model_reason("crisis", second_reading, word_ids, source))
        if "crisis" not in labels:
            reasons.extend(_signal_reasons("crisis", guarded))

        client_found = self.client.signals(prepared) if use_rules else []
        cues = [s for s in client_found if s.guard is None]
        roster = use_rules and self._roster_match(platform, author)
        by_model = use_model and model_scores["client"] >= self.client_threshold
        if by_model and self.mode == "combined":
            if client_found and not cues:
                # Every cue was undone ("my therapist said... our next session"): the model
                # alone must be very sure.
                by_model = model_scores["client"] >= GUARDED_CLIENT_THRESHOLD
            elif len(text.split()) < SHORT_WORDS:
                by_model = self.client.has_risk_word(prepared)  # "you", "session", "our"...
        if roster or cues or by_model:
            labels.append("client")
            if roster:
                reasons.append("client: roster match")
            reasons.extend(_signal_reasons("client", cues))
            if roster or cues:
                scores["client"] = max(scores["client"], RULE_SCORE)
            else:
                reasons.append(self._model_reason("client", model_scores["client"], word_ids))
        elif "crisis" not in labels:
            # Why a cue did not count ("our session" beside "my therapist said"), as for crisis; not
            # on a crisis item, whose text the dashboard keeps hidden until the reviewer asks.
            reasons.extend(_signal_reasons("client", [s for s in client_found if s.guard is not None]))

        long_text = self.mode == "combined" and len(text) > LONG_TEXT
        advice_threshold = self.long_advice_threshold if long_text else THRESHOLDS["advice"]
        if use_model and model_scores["advice"] >= advice_threshold:
            labels.append("advice")
            reasons.append(self._model_reason("advice", model_scores["advice"], word_ids))

        ordered = tuple(flag for flag in FLAGS if flag in labels)
        return Triage(
            category=primary_category(ordered),
            labels=ordered,
            scores={flag: round(scores[flag], 4) for flag in FLAGS},
            reasons=tuple(reasons),
            model_version=self.version,
        )


def _signal_reasons(flag: str, signals: Sequence[Signal], limit: int = 3) -> list[str]:
    """`<flag>: "<phrase>" (<family>)` for the first few distinct phrases that raised the flag, or
    `not <flag>: "<phrase>" (<guard>)` for those a guard undid."""
    first: dict[str, Signal] = {}
    for signal in signals:
        first.setdefault(signal.phrase, signal)
    return [
        f"not {flag}: {_quote(phrase)} ({signal.guard})" if signal.guard else
        f"{flag}: {_quote(phrase)} ({signal.family})"
        for phrase, signal in list(first.items())[:limit]
    ]
