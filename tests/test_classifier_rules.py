"""The crisis safety net and client cues, with every guard, on normalised text."""

from __future__ import annotations

import pytest

from classifiers.normalise import normalise
from classifiers.rules import client_signals, crisis_signals


def raised(text: str) -> list[str]:
    return [signal.kind for signal in crisis_signals(normalise(text))[0]]


def guarded(text: str) -> list[str]:
    return [signal.kind for signal in crisis_signals(normalise(text))[1]]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # passive ideation
        ("i dont want to wake up tomorrow", "passive ideation"),
        ("honestly everyone would be better off without me", "passive ideation"),
        ("i can't do this anymore", "passive ideation"),
        ("there's no reason to keep living", "passive ideation"),
        ("im so tired of being alive", "passive ideation"),
        # active thoughts and intent, with evasions
        ("i want to kill myself", "suicidal thoughts"),
        ("i want to unalive myself tonight", "suicidal thoughts"),
        ("kms fr this time", "suicidal thoughts"),
        ("been thinking about sewerslide a lot", "suicidal thoughts"),
        ("I'm going to end it all tonight", "suicidal thoughts"),
        ("i just want to d1e", "suicidal thoughts"),
        ("feeling s u i c i d a l again", "suicidal thoughts"),
        ("i think about suicide every day", "suicidal thoughts"),
        # plan, method, preparation
        ("i have the pills saved up and wrote notes for my family", "plan or method"),
        ("how many of my pills would it take to overdose", "plan or method"),
        ("this is my last post", "plan or method"),
        ("gonna jump off the bridge after work", "plan or method"),
        ("i took a whole bottle of my meds an hour ago", "plan or method"),
        # recent attempt
        ("i tried to kill myself last week and nobody knows", "recent attempt"),
        # self-harm
        ("i cut myself again last night", "self-harm"),
        ("relapsed on sh after 8 months", "self-harm"),
        ("the urge to cut is so strong rn", "self-harm"),
        # danger now
        ("my dad beats me when he drinks", "danger now"),
        ("my boyfriend said he'd kill me if i leave", "danger now"),
        ("i don't feel safe at home", "danger now"),
        # someone else at imminent risk
        ("my best friend just told me she is going to kill herself", "someone else at risk"),
        ("my sister says she wants to die and she won't open the door", "someone else at risk"),
    ],
)
def test_risk_phrases_raise_crisis(text: str, kind: str) -> None:
    assert kind in raised(text)


@pytest.mark.parametrize(
    ("text", "guard"),
    [
        ("I'm not suicidal, just really tired", "negated"),
        ("I would never hurt myself", "negated"),
        ("i have no plans to hurt myself, i just feel stuck", "negated"),
        ("kms lol this homework", "joking"),
        ("i want to die 😂😂 the ending of this episode", "joking"),
        ("this beat drop makes me want to die", "hyperbole"),
        ("your video on suicide prevention helped my class", "topic"),
        ("we talked about suicide warning signs at work", "topic"),
        ("if you're feeling suicidal, please reach out to someone", "support for others"),
        ("as a teacher, I want to know how to talk to a student who self harms", "support for others"),
        ("5 years clean from self harm today", "recovery"),
        ("I used to want to die every day as a teen", "recovery"),
        (
            "five years ago i attempted. i'm doing so much better now and i never thought i'd write this",
            "recovery",
        ),
    ],
)
def test_guards_undo_phrases_that_are_not_risk_now(text: str, guard: str) -> None:
    assert raised(text) == []
    assert any(kind.endswith(guard) for kind in guarded(text)), guarded(text)


@pytest.mark.parametrize(
    "text",
    [
        "this video killed me 😂",
        "im dead lol the cat at 2:14",
        "my phone is about to die, will finish later",
        "the suicide squad game was a letdown",
        "great video, thank you",
        "lost my uncle to suicide last year, thank you for talking about it",
        "",
    ],
)
def test_ordinary_comments_raise_nothing(text: str) -> None:
    assert raised(text) == []


def test_recovery_does_not_hide_a_relapse() -> None:
    text = "i used to cut myself in high school and i relapsed again last night"
    assert "self-harm" in raised(text)


def test_negation_elsewhere_in_the_text_does_not_hide_risk() -> None:
    assert "suicidal thoughts" in raised("i dont know why but i want to die")


def test_a_long_text_is_scanned_to_the_end() -> None:
    filler = "Work has been busy and I keep replaying conversations at night. " * 150
    assert "suicidal thoughts" in raised(filler + "I want to kill myself.")


@pytest.mark.parametrize(
    "text",
    [
        "see you tuesday!",
        "See you next week, thanks for today",
        "like you said in our session, the breathing thing helped",
        "you're literally my therapist",
        "can we reschedule my appointment to friday?",
        "running 10 min late for our session sorry",
        "I've been seeing you for two years and this video still taught me something",
        "i did the worksheet you gave me last week",
        "I cant make tomorrow, my shift got moved",
        "as your client i have to say this video is spot on",
    ],
)
def test_client_cues(text: str) -> None:
    assert client_signals(normalise(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "my therapist said the same thing",  # third person
        "are you taking new clients?",  # prospective
        "can I book a session with you?",
        "I wish you were my therapist",
        "do you take insurance?",
        "great video, see you in the next one",
        "can we switch the dinner reservation to 7",
    ],
)
def test_not_client_cues(text: str) -> None:
    assert client_signals(normalise(text)) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "no one would miss me if i was gone",
        "i dont see a way forward anymore",
        "thinking about not being here anymore",
        "im going to do something stupid tonight",
        "i'm at the bridge right now",
        "i feel like such a burden, everyone would be happier without me",
        "my last day on earth, thank u for the videos",
        "i have razors hidden in my room",
        "seriously considering ending things",
        "burned myself with a lighter again",
        "my little brother said he wants to kill himself",
        "i'm scared of what i might do to myself tonight",
        "been SH'ing again, idk how to stop",
        "my mom's boyfriend hits me and i'm scared to go home",
        "he said he's going to kill me when he gets home",
        "i'm done. goodbye everyone",
        "whats the point of living anymore",
    ],
)
def test_short_messages_without_the_obvious_words(text: str) -> None:
    assert raised(text), text


# Short messages by pattern family: warning signs, vehicles and heights, lethality questions, danger
# from abuse, another person at risk, evasions. Each family has guards it must not trip.
SHORT_FAMILIES = [
    # warning signs and preparation
    ("handed my dog over to my neighbour and gave all my stuff away", "plan or method"),
    ("giving away my things this week, wont need them soon", "plan or method"),
    ("finished my note last night", "plan or method"),
    ("got some rope from the hardware store today", "plan or method"),
    ("been stashing my sleeping pills for weeks", "plan or method"),
    ("finally have enough tablets", "plan or method"),
    ("my decision is made. thank you all for trying", "plan or method"),
    ("this is probably my final post. bye", "plan or method"),
    ("i'm not gonna make it to christmas and thats fine", "plan or method"),
    ("i daydream about my own funeral way too much", "passive ideation"),
    ("nothing keeping me here anymore", "passive ideation"),
    # vehicles, trains, heights
    ("kinda hoping a truck runs me over tbh", "passive ideation"),
    ("if a bus hit me on the way home i would honestly be fine with it", "passive ideation"),
    ("i keep wanting to step in front of the train", "plan or method"),
    ("thought about steering into the barrier on the motorway", "plan or method"),
    ("i should just take myself out of the picture", "passive ideation"),
    ("im a burden on everyone so i might as well disappear", "passive ideation"),
    # lethality questions
    ("how many of my sertraline would it take to not wake up", "plan or method"),
    ("what amount of paracetamol is fatal", "plan or method"),
    ("would a whole box of ibuprofen kill me", "plan or method"),
    # danger from abuse
    ("my husband took my car keys and my phone so i cant leave", "danger now"),
    ("he shoved me into the wall again tonight", "danger now"),
    ("my stepfather threatened me with a hammer", "danger now"),
    ("my violent ex tracked down where i live", "danger now"),
    ("my uncle sneaks into my room when everyone is asleep", "danger now"),
    ("i barricaded my door because my dad is drunk and screaming", "danger now"),
    ("boyfriend won't let me leave the apartment", "danger now"),
    # someone else at imminent risk
    ("my sister told me she's planning to end her life", "someone else at risk"),
    ("my teenage daughter has been googling how to overdose", "someone else at risk"),
    ("our 15 year old son wants to kill himself", "someone else at risk"),
    # evasions
    ("thinking about k-wording myself", "suicidal thoughts"),
    ("sh'd last night after 4 months", "self-harm"),
    ("me and my blade are friends again", "self-harm"),
    ("i wanna unalive so bad", "suicidal thoughts"),
    ("feeling so sui today", "suicidal thoughts"),
    # more warning signs, heights, methods, abuse and third-person posts
    ("rehomed my hamster today, one less thing for mum to deal with after", "plan or method"),
    ("bought a tube that fits the exhaust", "plan or method"),
    ("all of my pills and a bottle of wine, that should do it", "plan or method"),
    ("by the time anyone reads this it'll be over", "plan or method"),
    ("i made a list of songs for my funeral tonight", "plan or method"),
    ("honestly i'd be relieved if a bus clipped me", "passive ideation"),
    ("the ledge at work looks so inviting lately", "passive ideation"),
    ("i keep checking how high the drop is from my balcony", "plan or method"),
    ("it would be easier for everyone if i wasn't around", "passive ideation"),
    ("can you die from 30 ibuprofen", "plan or method"),
    ("he smashed the tv and told me i'm next", "danger now"),
    ("my husband took my keys and then punched me", "danger now"),
    ("my roommate posted on her story that it's her last day", "someone else at risk"),
    ("the world would be calmer without me", "passive ideation"),
    ("cut too deep and it's bleeding a lot", "self-harm"),
    ("the voices keep telling me i should hurt my son", "danger now"),
    ("having thoughts of smothering my baby", "danger now"),
    ("typing this from the top of the car park", "plan or method"),
    ("i've got a date. sunday", "plan or method"),
]


@pytest.mark.parametrize(("text", "kind"), SHORT_FAMILIES)
def test_short_crisis_families(text: str, kind: str) -> None:
    assert kind in raised(text), (text, raised(text))


@pytest.mark.parametrize(
    "text",
    [
        # wording, lessons, statistics, milestones
        "is 'completed suicide' better wording than the old phrase?",
        "our health class used this in the module on self-harm",
        "suicide rates among construction workers are shocking",
        "six months sh free and proud 🎉",
        # negated abuse; scheduling
        "my mom's not abusive, just strict",
        "can we plan my sessions around the school holidays?",
        # ordinary versions of the warning-sign words
        "gave my old clothes away to charity, feels great to declutter",
        "bought rope for the boat trip",
        "play this at my funeral lol",
        "this is my last video on this topic, next week is sleep",
        "not making it to friday's session, can we move it?",
        "i've made my decision to start therapy, thank you!",
        "collecting my meds from the pharmacy later",
        "saving my meds for the trip",
        # ordinary vehicles and abuse-adjacent words
        "a car hit me on my bike last week, wrist is healing",
        "my son took my car keys so i can't drive after surgery",
        "my mom took my phone because i failed a test",
        "my ex found out i'm dating again lol",
        "my little sister comes into my room at night when she has nightmares",
        "my boss won't let me leave early on fridays",
        # topic and support talk about other people
        "how do i support a friend who says she wants to die?",
        "when a client says they want to kill themselves what do you do first",
        "how many mg of melatonin should i take to fall asleep",
        "can you die from eating too much chocolate lol",
        "the song hit me hard tonight",
        "tonight's the night we finally see them live",
        "if you see this comment, have a great day",
        "measure the drop before you build the shelf",
        "i need to end this toxic friendship, any tips?",
        "ready to end things with my boyfriend, how do i say it",
        "my nose is bleeding a lot since the flight",
        "we picked the date for the wedding!",
    ],
)
def test_short_family_guards(text: str) -> None:
    assert raised(text) == [], (text, raised(text))


def test_windows_and_gates_never_hide_a_match() -> None:
    """Windows and gates only skip work: every pattern run over the whole text raises the same."""
    from classifiers import rules

    for text, _kind in SHORT_FAMILIES:
        normalised = normalise(text)
        brute = set()
        for signal, pattern, _gate in rules._CRISIS:
            for match in pattern.finditer(normalised):
                if rules._guard(normalised, match.start(), match.end(), short=len(normalised) < 140) is None:
                    brute.add(signal)
        assert set(raised(text)) == brute, text


@pytest.mark.parametrize(
    "text",
    [
        "we've been working together for two years now and this still helped",
        "could you confirm for my employer that i'm in treatment with you?",
        "kept the thought diary you set me, bringing it next time",
        "the sleep plan you wrote for me is on my fridge",
        "given everything you know about my history, is this burnout?",
        "did you receive my intake forms?",
        "is it ok to pay my copay next week instead",
        "hello from your tuesday 6pm 👋",
        "soy tu paciente, can we move thursday?",
        "anyone else here a client of hers?",
        "sorry i got so emotional this morning, thanks for staying with it",
    ],
)
def test_client_cues_in_admin_and_follow_up_messages(text: str) -> None:
    assert client_signals(normalise(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "my therapist told me to bring this up at our next session",  # the sessions are with someone else
        "see you sunday for the next upload!",  # the next video
        "see you next week for part 2",
        "when we talk he always changes the subject",
    ],
)
def test_not_client_cues_third_person_and_channel_talk(text: str) -> None:
    assert client_signals(normalise(text)) == [], text
