"""Rules and model combined into flags, a primary category, scores and reasons."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.domain import FLAGS, Triage, primary_category
from classifiers.model import NgramModel
from classifiers.normalise import normalise
from classifiers.rules import client_signals, crisis_signals

# Model probability above which a flag is raised without a rule. Crisis is set for recall: a
# missed crisis is the worst failure. Client is set high: the rules and the roster carry it.
THRESHOLDS: dict[str, float] = {"crisis": 0.5, "client": 0.5, "advice": 0.4}
# When every risk phrase in a short text was undone by a guard (negation, joke, topic, support,
# recovery), the model alone must be this sure: its n-grams see "suicidal" in "I'm not suicidal".
# Long posts keep the normal threshold: they often deny one thing and disclose another.
GUARDED_CRISIS_THRESHOLD = 0.9
SHORT_TEXT = 280
# The score reported for a flag raised by a rule or the roster, when the model scored it lower.
RULE_SCORE = 0.9
MAX_PHRASE = 60

IsClient = Callable[[str, str], bool]


def _quote(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    if len(phrase) > MAX_PHRASE:
        phrase = phrase[: MAX_PHRASE - 1] + "…"
    return '"' + phrase.replace('"', "'") + '"'


class NgramTriager:
    """Implements `bot.domain.Triager`; `triage_many` vectorises a batch at once for speed.

    `is_client(platform, author)` is how the core plugs in the client roster without the
    classifier touching storage.
    """

    def __init__(self, model: NgramModel, *, is_client: IsClient | None = None) -> None:
        self.model = model
        self.version = model.version
        self.is_client = is_client

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
        scores = self.model.scores(normalised)
        results = []
        for index, text in enumerate(normalised):
            platform = platforms[index] if platforms else "file"
            author = authors[index] if authors else None
            model_scores = {flag: float(scores[index][i]) for i, flag in enumerate(FLAGS)}
            results.append(self._combine(text, model_scores, platform=platform, author=author))
        return results

    def _roster_match(self, platform: str, author: str | None) -> bool:
        return bool(self.is_client and author and self.is_client(platform, author))

    def _combine(
        self, text: str, model_scores: dict[str, float], *, platform: str, author: str | None
    ) -> Triage:
        labels: list[str] = []
        reasons: list[str] = []
        scores = dict(model_scores)

        raised, guarded = crisis_signals(text)
        if raised:
            labels.append("crisis")
            scores["crisis"] = max(scores["crisis"], RULE_SCORE)
            seen: set[str] = set()
            for signal in raised:
                if signal.phrase not in seen:
                    seen.add(signal.phrase)
                    reasons.append(f"crisis: {_quote(signal.phrase)} ({signal.kind})")
        elif model_scores["crisis"] >= (
            GUARDED_CRISIS_THRESHOLD if guarded and len(text) < SHORT_TEXT else THRESHOLDS["crisis"]
        ):
            labels.append("crisis")
            reasons.append(f"crisis: model {model_scores['crisis']:.2f}")
        if "crisis" not in labels:
            for signal in guarded[:3]:
                reasons.append(f"not crisis: {_quote(signal.phrase)} ({signal.kind.split(', ')[-1]})")

        cues = client_signals(text)
        roster = self._roster_match(platform, author)
        if roster or cues or model_scores["client"] >= THRESHOLDS["client"]:
            labels.append("client")
            if roster:
                reasons.append("client: roster match")
            for cue in cues[:3]:
                reasons.append(f"client: {_quote(cue.phrase)}")
            if roster or cues:
                scores["client"] = max(scores["client"], RULE_SCORE)
            else:
                reasons.append(f"client: model {model_scores['client']:.2f}")

        if model_scores["advice"] >= THRESHOLDS["advice"]:
            labels.append("advice")
            reasons.append(f"advice: model {model_scores['advice']:.2f}")

        ordered = tuple(flag for flag in FLAGS if flag in labels)
        return Triage(
            category=primary_category(ordered),
            labels=ordered,
            scores={flag: round(scores[flag], 4) for flag in FLAGS},
            reasons=tuple(reasons),
            model_version=self.version,
        )
