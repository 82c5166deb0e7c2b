"""The reply guard: what it blocks, what it lets through, and that no template ever trips it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import responses
from bot.domain import CATEGORIES, InboundItem, Practice
from responses import guard
from responses.resources import regions


def check(
    text: str,
    category: str = "engagement",
    platform: str = "youtube",
    kind: str = "comment",
    region: str = "US",
    author: str | None = None,
    practice_name: str | None = None,
) -> guard.Verdict:
    return guard.check(
        text,
        category=category,
        platform=platform,
        kind=kind,
        region=region,
        author=author,
        practice_name=practice_name,
    )


def codes(verdict: guard.Verdict) -> set[str]:
    return {problem.split(":", 1)[0] for problem in verdict.problems}


def test_the_edited_session_reply_is_blocked() -> None:
    verdict = check("See you at our session on Tuesday!", category="client")

    assert verdict.blocked and not verdict.ok
    assert codes(verdict) == {"relationship"}
    assert any("session" in problem for problem in verdict.problems)


RELATIONSHIP = [
    "See you at our session on Tuesday!",
    "Great question, we can go over it at your next appointment.",
    "I'm so proud of our work together.",
    "As we discussed, try the breathing exercise before bed.",
    "Good to see you again in the comments!",
    "Like you said last week, the mornings are the hardest.",
    "Your progress has been amazing this year.",
    "Remember when we talked about boundaries?",
    "Anyone who is in therapy with me knows I'd say the same.",
    "You're not my client, so I can't comment.",
    "You are one of my clients, so message me privately.",
    "As your therapist I have to say this.",
    "We've worked on this so many times.",
    "Let's reschedule for Thursday.",
    "See you Thursday!",
    "It's been great watching how far you've come.",
    "Check your safety plan from our last meeting.",
    "Like we discussed, write it in your journal.",
]


@pytest.mark.parametrize("text", RELATIONSHIP)
def test_blocks_hints_at_a_therapy_relationship(text: str) -> None:
    verdict = check(text)
    assert verdict.blocked
    assert "relationship" in codes(verdict)


NAMES = [
    ("Thanks, Sarah!", None),
    ("Thank you Marcus for the kind words.", None),
    ("I talked with Jennifer about this yesterday.", None),
    ("Dr. Patel would agree with you.", None),
    ("Ms Okonkwo said the same thing.", None),
    ("Priya Raman asked the same question.", None),
    ("My client Tomasz felt exactly like this.", None),
    ("Great point, and thanks for watching, Kevin!", None),
    ("Mateo's story is a good example of this.", "@someone"),
    ("@another_viewer said the same thing!", "@viewer_22"),
    ("Thanks! cc @bestfriend99", "@viewer_22"),
    ("Have a look at what u/helpful_person wrote.", "op_user"),
    ("As /u/someone_else said, it gets better.", "op_user"),
]


@pytest.mark.parametrize(("text", "author"), NAMES)
def test_blocks_names_and_handles_other_than_the_authors_mention(text: str, author: str | None) -> None:
    verdict = check(text, author=author)
    assert verdict.blocked, verdict
    assert "name" in codes(verdict)


DIAGNOSES = [
    "It sounds like you have ADHD, honestly.",
    "Sounds like you have a lot going on.",
    "You probably have depression.",
    "You have BPD, that's why relationships feel like this.",
    "You're bipolar, and that explains the highs.",
    "You're clearly autistic.",
    "This is anxiety, not a heart problem.",
    "That's textbook PTSD.",
    "These are classic signs of an eating disorder.",
    "It seems like you're dealing with depression.",
    "You could be diagnosed with OCD.",
    "You should stop taking your meds and see how you feel.",
    "You might want to try sertraline.",
]


@pytest.mark.parametrize("text", DIAGNOSES)
def test_blocks_diagnoses_and_personal_medical_advice(text: str) -> None:
    verdict = check(text, category="advice")
    assert verdict.blocked, verdict
    assert "diagnosis" in codes(verdict)


TESTIMONIALS = [
    "If this helped, please leave a review on Google!",
    "Would you write a testimonial for my website?",
    "Tell people how I helped you!",
    "Please rate me on Psychology Today.",
    "A 5-star rating would mean the world.",
    "Share your experience with my practice in the comments.",
    "Feel free to recommend me to your friends.",
    "Drop us a quick review when you get a chance.",
    "Tell everyone how much my videos helped.",
]


@pytest.mark.parametrize("text", TESTIMONIALS)
def test_blocks_testimonial_and_review_requests(text: str) -> None:
    verdict = check(text)
    assert verdict.blocked, verdict
    assert "testimonial" in codes(verdict)


METHODS = [
    "Please don't take those pills. Call or text 988.",
    "An overdose of Tylenol is not painless. Call or text 988.",
    "Please step away from the bridge and call or text 988.",
    "Put the gun somewhere else and call or text 988 now.",
    "Hanging is never the answer. Call or text 988.",
    "Please remove access to lethal means and call or text 988.",
]


@pytest.mark.parametrize("text", METHODS)
def test_blocks_method_details_in_crisis_replies(text: str) -> None:
    verdict = check(text, category="crisis")
    assert verdict.blocked, verdict
    assert codes(verdict) == {"method"}


def test_method_words_outside_crisis_replies_are_not_method_problems() -> None:
    assert not check("Thanks for watching the bridge episode!", category="engagement").blocked


SAFE = [
    "Thanks for watching!",
    "I can't give personal advice here, but a licensed therapist near you can help.",
    "Thank you so much, I really appreciate you being here.",
    "It sounds like you're going through a lot right now.",
    "You're not alone, and it's okay to ask for help.",
    "This isn't therapy, and I can't diagnose anyone in the comments.",
    "Anxiety is really common, and a licensed professional can help you sort out what's going on.",
    "Your doctor is a good place to start.",
    "Happy Monday everyone!",
    "Thanks for the kind words. Take care.",
    "I hope the video helped. See you in the next video!",
    "A therapist can help you build coping skills.",
    "Great question! I covered this in the video about grief.",
    "As I mentioned in the video, everyone's experience is different.",
    "Thank you for sharing your thoughts on this.",
    "You can find a therapist through Psychology Today or your GP.",
    "In the United Kingdom you can call Samaritans on 116 123.",
    "That means a lot, thank you!",
    "Hang in there, and thanks for watching.",
    "We all have hard days. Thanks for being here.",
    "I read every comment, even if I can't reply to them all.",
    "Email jo@samaritans.org if talking feels too hard.",
    "Thanks for the feedback, I'll keep that in mind for future videos.",
    "Tell people you trust what's going on, if you can.",
    "Give yourself some credit, you're doing your best.",
]


@pytest.mark.parametrize("text", SAFE)
def test_passes_ordinary_safe_replies(text: str) -> None:
    verdict = check(text)
    assert verdict.ok and not verdict.blocked, verdict.problems
    assert verdict.problems == []


def test_safe_crisis_reply_passes_without_warnings() -> None:
    text = (
        "I'm really sorry you're going through this. Please call or text 988, or chat at 988lifeline.org. "
        "If you're in immediate danger, call 911. Hang in there."
    )
    assert check(text, category="crisis").clean


def test_the_authors_own_mention_is_allowed() -> None:
    assert check("@viewer_22 Thanks for watching!", author="@viewer_22").clean
    assert check("@Viewer_22 Thanks for watching!", author="@viewer_22").clean
    assert check("u/op_user thanks for reading!", platform="reddit", author="op_user").clean
    assert check("Thanks, Priya!", author="Priya").ok  # the author's own public name


def test_email_addresses_are_not_handles() -> None:
    assert check("You can email jo@samaritans.org any time.", category="crisis", region="GB").clean


def test_the_practice_display_name_is_not_naming_someone() -> None:
    text = "I'm Jane Rivera, and I can't give personal advice here."
    assert check(text, practice_name="Dr. Jane Rivera, LMFT").clean
    assert check(text).blocked  # without knowing the practice, a full name is someone's name
    assert check("Thanks for watching!\n\n— Dr. Jane Rivera, LMFT").clean  # a sign-off names the sender


@pytest.mark.parametrize(
    "text",
    [
        "See you at our s\u200bession on Tuesday!",  # zero-width space
        "See you at our ｓｅｓｓｉｏｎ on Tuesday!",  # full-width letters
        "See you at our s\u0435ssion on Tuesday!",  # Cyrillic e
        "SEE YOU AT OUR SESSION ON TUESDAY!",
        "See   you\n at  our\tsession",
        "As we\u00a0discussed, breathe first.",  # no-break space
        "Leave\u200d a re\u00adview please",  # zero-width joiner and soft hyphen
        "Y\u043eu'r\u0435 bip\u043elar.",  # Cyrillic o and e
        "You\u2019re bipolar.",  # typographic apostrophe
    ],
)
def test_trivial_evasions_are_normalised_away(text: str) -> None:
    assert check(text).blocked


def test_length_over_the_platform_limit_warns() -> None:
    long_text = "Thanks for watching! " * 500  # 10,500 characters
    for platform, kind in [("youtube", "comment"), ("reddit", "comment"), ("reddit", "dm")]:
        verdict = check(long_text, platform=platform, kind=kind)
        assert not verdict.blocked
        assert any(w.startswith("length:") and "10,000" in w for w in verdict.warnings)
    assert check("Thanks for watching! " * 476).clean  # 9,996 characters is fine


def test_crisis_reply_without_resources_warns() -> None:
    verdict = check("I'm so sorry you're going through this. Please reach out to someone.", category="crisis")
    assert not verdict.blocked
    assert any(w.startswith("resources:") for w in verdict.warnings)


@pytest.mark.parametrize(
    ("region", "text"),
    [
        ("US", "Please text HOME to 741741."),
        ("US", "Please call 1-800-273-8255."),
        ("GB", "Please call Samaritans on 116123."),
        ("GB", "Please call Samaritans on 116-123."),
        ("AU", "Call Lifeline on 13 11 14."),
        ("FR", "Please look at findahelpline.com for a line near you."),
        ("US", "See FindAHelpline.com for more lines."),
    ],
)
def test_crisis_reply_with_a_resource_from_the_data_does_not_warn(region: str, text: str) -> None:
    verdict = check(text, category="crisis", region=region)
    assert not any(w.startswith("resources:") for w in verdict.warnings), verdict.warnings


def test_crisis_reply_with_another_regions_number_warns() -> None:
    verdict = check("Please call or text 988.", category="crisis", region="GB")
    assert any(w.startswith("resources:") for w in verdict.warnings)


def test_crisis_reply_promising_monitoring_warns() -> None:
    verdict = check("Call or text 988. I'll check on you tomorrow, message me any time.", category="crisis")
    assert any(w.startswith("monitoring:") for w in verdict.warnings)


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "\n\t"])
def test_empty_text_warns(text: str) -> None:
    verdict = check(text)
    assert not verdict.blocked
    assert verdict.warnings == ["empty: the reply is empty"]


def test_possible_names_warn_without_blocking() -> None:
    verdict = check("Thanks for watching, this one was for Zorblax fans.")
    assert not verdict.blocked
    assert any("Zorblax" in w for w in verdict.warnings)


PRACTICES = [
    Practice(),
    Practice(display_name="Dr. Jane Rivera, LMFT", contact_url="https://rivera.example/contact"),
    Practice(
        display_name="Okafor Counselling & Psychotherapy", contact_url="https://okafor.example/?a=1&b=2"
    ),
    Practice(display_name="Sam", contact_url=""),
]
PLATFORM_KINDS = [
    ("youtube", "comment"),
    ("reddit", "comment"),
    ("reddit", "dm"),
    ("file", "comment"),
    ("file", "dm"),
]


@pytest.mark.parametrize("region", [*regions(), "FR", "ZZ"])
@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.display_name)
def test_every_template_passes_the_guard_for_every_region(region: str, practice: Practice) -> None:
    checked = 0
    for platform, kind in PLATFORM_KINDS:
        author = "@viewer_22" if platform == "youtube" else "someone_else"
        item = InboundItem(
            platform=platform, account="a", kind=kind, external_id="1", text="x", author=author
        )
        for category in CATEGORIES:
            for name in responses.template_names(category, platform, kind):
                text = responses.render(name, item, practice, region)
                # As the approval workflow calls it (no practice name), and with the practice name.
                for practice_name in (None, practice.display_name):
                    verdict = guard.check(
                        text,
                        category=category,
                        platform=platform,
                        kind=kind,
                        region=region,
                        author=author,
                        practice_name=practice_name,
                    )
                    assert verdict.clean, (name, platform, kind, verdict)
                checked += 1
    assert checked >= 4 * 5 * 2


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(),
    category=st.sampled_from([*CATEGORIES, "unknown"]),
    platform=st.sampled_from(["youtube", "reddit", "file", "other"]),
    kind=st.sampled_from(["comment", "reply", "mention", "dm", "public", "private"]),
    region=st.sampled_from(["US", "GB", "FR", "", "zz"]),
    author=st.one_of(st.none(), st.text(max_size=40)),
)
def test_check_never_crashes_on_any_string(
    text: str, category: str, platform: str, kind: str, region: str, author: str | None
) -> None:
    verdict = guard.check(text, category=category, platform=platform, kind=kind, region=region, author=author)
    assert verdict.blocked == bool(verdict.problems)
    assert all(isinstance(p, str) for p in verdict.problems + verdict.warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=300))
def test_blocked_phrase_is_blocked_whatever_surrounds_it(padding: str) -> None:
    verdict = check(f"{padding}\nSee you at our session on Tuesday!\n{padding}")
    assert verdict.blocked


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for watching my video on Healthy Boundaries!",
        "Glad the Grief and Loss series helped.",
        "The Attachment Styles video is pinned at the top.",
        "Thank You So Much For Watching!",
        "Good Question. Short Answer: it depends, and a licensed therapist can help.",
        "Merry Christmas and Happy Holidays to everyone here.",
    ],
)
def test_title_case_topics_are_not_names(text: str) -> None:
    verdict = check(text)
    assert verdict.clean, verdict
