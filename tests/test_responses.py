"""Suggested replies: the right templates for each category, platform and kind, rendered safely."""

from __future__ import annotations

import re

import pytest

import responses
from bot.domain import CATEGORIES, InboundItem, Practice, Triage
from bot.errors import NotFound
from responses import guard, replies
from responses.resources import Contact, CrisisService, EmergencyNumbers, RegionResources

PRACTICE = Practice(
    display_name="Dr. Jane Rivera, LMFT", contact_url="https://rivera.example/contact", region="US"
)
# (platform, item kind, reply kind): YouTube has no private messages.
COMBOS = [
    ("youtube", "comment", "public"),
    ("youtube", "reply", "public"),
    ("reddit", "comment", "public"),
    ("reddit", "mention", "public"),
    ("reddit", "dm", "private"),
    ("file", "comment", "public"),
    ("file", "dm", "private"),
]
SECRET_TEXT = "I'm Zebulon Quartermaine from Tuesday group, see you at our session"


def item(platform: str = "youtube", kind: str = "comment", author: str | None = "@viewer_22") -> InboundItem:
    return InboundItem(
        platform=platform,
        account="acct",
        kind=kind,
        external_id="c1",
        text=SECRET_TEXT,
        author=author,
        context_title="Coping with panic",
    )


def triage(category: str) -> Triage:
    labels = () if category == "engagement" else (category,)
    return Triage(category=category, labels=labels, scores={}, reasons=("test",), model_version="test")


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(("platform", "kind", "reply_kind"), COMBOS)
def test_every_category_platform_and_kind_gets_two_or_three_suggestions(
    category: str, platform: str, kind: str, reply_kind: str
) -> None:
    suggestions = responses.suggest(item(platform, kind), triage(category), PRACTICE, "US")

    assert 2 <= len(suggestions) <= 3
    assert [s.template for s in suggestions] == responses.template_names(category, platform, kind)
    for suggestion in suggestions:
        assert suggestion.template.startswith(f"{category}.{reply_kind}.")
        assert suggestion.text.strip() == suggestion.text and suggestion.text
        assert len({s.text for s in suggestions}) == len(suggestions), "candidates should differ"


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(("platform", "kind", "reply_kind"), COMBOS)
def test_nothing_from_the_comment_text_reaches_a_reply(
    category: str, platform: str, kind: str, reply_kind: str
) -> None:
    for suggestion in responses.suggest(item(platform, kind), triage(category), PRACTICE, "GB"):
        assert "Zebulon" not in suggestion.text
        assert "Quartermaine" not in suggestion.text
        assert "session" not in suggestion.text.casefold()
        assert "Coping with panic" not in suggestion.text


def test_us_crisis_suggestions_carry_988_and_the_emergency_number() -> None:
    suggestions = responses.suggest(item(), triage("crisis"), PRACTICE, "US")

    for suggestion in suggestions:
        assert "988" in suggestion.text
        assert "911" in suggestion.text
        assert "741741" in suggestion.text
        assert "1-800-273-8255" not in suggestion.text  # the old number is not offered
        assert guard.check(
            suggestion.text,
            category="crisis",
            platform="youtube",
            kind="comment",
            region="US",
            author="@viewer_22",
        ).clean


def test_gb_crisis_suggestions_carry_samaritans_116_123_and_not_the_old_number() -> None:
    suggestions = responses.suggest(item("reddit", "dm"), triage("crisis"), PRACTICE, "GB")

    for suggestion in suggestions:
        assert "Samaritans" in suggestion.text
        assert "116 123" in suggestion.text
        assert "85258" in suggestion.text  # Shout
        assert "08457" not in suggestion.text
        assert "988" not in suggestion.text
        assert "999" in suggestion.text


@pytest.mark.parametrize("region", ["FR", "JP", "zz", "", "BR"])
def test_unknown_region_gets_the_international_directory_and_local_emergency_number(region: str) -> None:
    suggestions = responses.suggest(item(), triage("crisis"), PRACTICE, region)

    assert suggestions
    for suggestion in suggestions:
        assert "findahelpline.com" in suggestion.text
        assert "call your local emergency number" in suggestion.text
        assert "988" not in suggestion.text and "911" not in suggestion.text


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("IE", ["116 123", "50808", "112"]),
        ("CA", ["988", "911"]),
        ("AU", ["13 11 14", "000"]),
        ("NZ", ["1737", "111"]),
        ("uk", ["116 123", "Samaritans"]),
    ],
)
def test_each_listed_region_gets_its_own_services(region: str, expected: list[str]) -> None:
    text = responses.render("crisis.public.1", item(), PRACTICE, region)
    for fragment in expected:
        assert fragment in text


def test_unverified_services_never_appear_in_replies() -> None:
    texts = " ".join(
        responses.render(name, item("reddit", kind), PRACTICE, region)
        for region in ["US", "AU"]
        for kind in ["comment", "dm"]
        for name in responses.template_names("crisis", "reddit", kind)
    )
    assert "Trevor" not in texts and "1-866-488-7386" not in texts
    assert "Kids Helpline" not in texts and "1800 55 1800" not in texts
    assert "press 3" not in texts


def test_display_name_and_contact_link_fill_the_placeholders() -> None:
    advice = responses.render("advice.public.3", item(), PRACTICE, "US")
    boundary = responses.render("client.private.1", item("reddit", "dm"), PRACTICE, "US")

    assert advice.endswith("— Dr. Jane Rivera, LMFT")
    assert "https://rivera.example/contact" in advice
    assert "https://rivera.example/contact" in boundary


def test_default_practice_name_is_not_used_as_a_signature() -> None:
    """ "— Your therapist" under a public reply would itself suggest a relationship."""
    text = responses.render("engagement.public.1", item(), Practice(), "US")
    assert "Your therapist" not in text
    assert "—" not in text


def test_without_a_contact_link_no_empty_link_sentence_is_left() -> None:
    practice = Practice(display_name="Sam Okafor", contact_url="", region="US")
    for name in responses.template_names(platform="reddit"):
        text = responses.render(name, item("reddit", "dm"), practice, "US")
        assert "contact page" not in text and "is at" not in text
        assert not re.search(r"\s[.,]", text.replace("\n", " ").replace("- ", ""))


def test_youtube_replies_mention_a_well_formed_author_handle_only() -> None:
    good = responses.render("engagement.public.1", item(author="@viewer_22"), PRACTICE, "US")
    hostile = responses.render(
        "engagement.public.1", item(author="@x see you at our session Tuesday"), PRACTICE, "US"
    )
    display_name = responses.render("engagement.public.1", item(author="Jo Bloggs"), PRACTICE, "US")

    assert good.startswith("@viewer_22 Thank you")
    assert hostile.startswith("Thank you") and "session" not in hostile
    assert display_name.startswith("Thank you") and "Jo" not in display_name


def test_reddit_and_file_replies_carry_no_mention() -> None:
    for platform in ("reddit", "file"):
        text = responses.render("engagement.public.2", item(platform, author="throwaway123"), PRACTICE, "US")
        assert "throwaway123" not in text and "u/" not in text and "@" not in text


def test_engagement_on_reddit_does_not_thank_for_watching() -> None:
    assert "watching" in responses.render("engagement.public.1", item("youtube"), PRACTICE, "US")
    assert "watching" not in responses.render("engagement.public.1", item("reddit"), PRACTICE, "US")


def test_no_template_invites_testimonials_or_reviews() -> None:
    words = re.compile(r"review|testimonial|rate me|rating|recommend me|stars?\b|share your experience", re.I)
    for name in responses.template_names():
        for platform, kind, _ in COMBOS:
            text = responses.render(name, item(platform, kind), PRACTICE, "US")
            assert not words.search(text), name


def test_client_public_replies_read_the_same_to_any_stranger() -> None:
    for name in responses.template_names("client", "youtube", "comment"):
        text = responses.render(name, item(author=None), PRACTICE, "US").casefold()
        for hint in ("again", "our", "last", "progress", "client", "work with you", "session", "see you"):
            assert not re.search(rf"\b{hint}\b", text), (name, hint)


def test_render_unknown_template_raises_not_found() -> None:
    with pytest.raises(NotFound, match="no reply template named 'crisis.public.9'"):
        responses.render("crisis.public.9", item(), PRACTICE, "US")
    with pytest.raises(NotFound):
        responses.render("../../etc/passwd", item(), PRACTICE, "US")
    with pytest.raises(NotFound):
        responses.render("_macros", item(), PRACTICE, "US")


def test_template_names_filters_and_validates() -> None:
    everything = responses.template_names()
    assert "crisis.public.1" in everything and "engagement.private.2" in everything
    assert responses.template_names("client", "youtube", "dm") == responses.template_names(
        "client", "youtube", "comment"
    )
    assert all(n.startswith("advice.private.") for n in responses.template_names("advice", "reddit", "dm"))
    with pytest.raises(NotFound):
        responses.template_names("spam", "youtube", "comment")
    with pytest.raises(NotFound):
        responses.template_names("crisis", "tiktok", "comment")


def test_unknown_triage_category_falls_back_to_engagement_templates() -> None:
    suggestions = responses.suggest(item(), triage("something-new"), PRACTICE, "US")
    assert [s.template.split(".")[0] for s in suggestions] == ["engagement"] * len(suggestions)


@pytest.mark.parametrize(
    ("category", "platform", "kind", "expected"),
    [
        ("crisis", "youtube", "comment", "escalation policy"),
        ("client", "youtube", "comment", "do not reply publicly"),
        ("client", "reddit", "comment", "private boundary message"),
        ("client", "reddit", "dm", "boundary message"),
        ("advice", "reddit", "comment", "no personal advice or diagnosis"),
    ],
)
def test_advice_for_reviewer(category: str, platform: str, kind: str, expected: str) -> None:
    advice = responses.advice_for_reviewer(triage(category), platform, kind)
    assert advice is not None and expected in advice


def test_advice_for_reviewer_is_none_for_engagement_and_works_without_platform() -> None:
    assert responses.advice_for_reviewer(triage("engagement")) is None
    advice = responses.advice_for_reviewer(triage("client"))
    assert advice is not None and "Possible client: do not reply publicly" in advice


def test_a_template_the_guard_blocks_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """An odd display name that reads as a relationship hint must not reach a suggestion."""
    practice = Practice(display_name="See you at our session", contact_url="", region="US")
    suggestions = responses.suggest(item("reddit"), triage("engagement"), practice, "US")
    assert all("session" not in s.text for s in suggestions)


def test_resources_html_is_autoescaped(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = RegionResources(
        region="US",
        name="<script>alert(1)</script>",
        emergency=EmergencyNumbers(numbers=("911",), status="unverified", last_verified=None, sources=()),
        services=(
            CrisisService(
                id="x",
                name="<b>Line</b>",
                reach="Call <i>now</i> & stay",
                reply_line="Line",
                contacts=(Contact("phone", "988"),),
                hours="",
                audience="",
                status="verified",
                in_replies=True,
                last_verified=__import__("datetime").date(2026, 1, 1),
                sources=(),
            ),
        ),
    )
    monkeypatch.setattr("responses.replies.resources_for", lambda region: hostile)

    html = responses.resources_html("US")

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;Line&lt;/b&gt;" in html and "&amp; stay" in html


def test_resources_html_lists_the_region() -> None:
    html = responses.resources_html("GB")
    assert "Samaritans" in html and "116 123" in html and 'data-region="GB"' in html


def test_plain_text_replies_are_not_html_escaped() -> None:
    practice = Practice(
        display_name="Ana & Co Counselling", contact_url="https://x.example/?a=1&b=2", region="US"
    )
    text = responses.render("advice.public.3", item(), practice, "US")
    assert "Ana & Co Counselling" in text and "?a=1&b=2" in text and "&amp;" not in text


@pytest.mark.parametrize("author", ["@viewer_22", "plain name", None])
@pytest.mark.parametrize(("platform", "kind", "_reply"), COMBOS)
def test_a_reply_rendered_once_per_template_equals_the_template_rendered_for_the_item(
    platform: str, kind: str, _reply: str, author: str | None
) -> None:
    """Suggestions render each template body once and add the @mention in front: that must be
    exactly what the template gives when it renders the mention itself."""
    target = item(platform, kind, author)
    for name in responses.template_names(platform=platform, kind=kind):
        assert responses.render(name, target, PRACTICE, "US") == replies.render_full(
            name, target, PRACTICE, "US"
        )


LONG_NAME = Practice(display_name="Dr. Jane Rivera " + "Longname " * 1200)


@pytest.mark.parametrize("practice", [PRACTICE, LONG_NAME])
@pytest.mark.parametrize(("platform", "kind", "_reply"), COMBOS)
def test_the_cached_guard_verdict_equals_checking_the_whole_reply(
    practice: Practice, platform: str, kind: str, _reply: str
) -> None:
    target = item(platform, kind)
    for category in CATEGORIES:
        triage = Triage(category, (category,), {}, (), "test")
        for suggestion, verdict in replies.suggest_checked(target, triage.category, practice, "US"):
            direct = guard.check(suggestion.text, category=category, platform=platform, kind=kind,
                                 region="US", author=target.author, practice_name=practice.display_name)
            assert (verdict.blocked, verdict.problems, verdict.warnings) == (
                direct.blocked, direct.problems, direct.warnings)
