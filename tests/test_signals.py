"""The phrase families (classifiers/phrases/*.toml) against their own examples, and the invariants
of the crisis net: first-person statements of intent, plan, method, attempt and self-harm are
raised whatever context surrounds them; only negation may undo them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from classifiers.normalise import normalise
from classifiers.signals import (
    NEGATION,
    PROTECTED,
    Family,
    Net,
    Signal,
    clauses,
    client_net,
    compile_pattern,
    crisis_net,
    load_net,
)

NETS = {"crisis": crisis_net(), "client": client_net()}
FAMILIES = [(net_name, family) for net_name, net in NETS.items() for family in net.families]
FAMILY_IDS = [f"{net_name}:{family.name}" for net_name, family in FAMILIES]
GUARDS = [(net_name, guard) for net_name, net in NETS.items() for guard in net.guards]
PROTECTED_FAMILIES = [(n, f) for n, f in FAMILIES if f.category in PROTECTED]


def marks(family: Family) -> str | None:
    """A marking family (`marks = "denial"`) raises nothing: its matches only mark the text."""
    return getattr(family, "marks", None)


MARKING_FAMILIES = [(n, f) for n, f in FAMILIES if marks(f)]


def signals(net: Net, text: str) -> list[Signal]:
    return net.signals(normalise(text))


def raised(net: Net, text: str) -> list[Signal]:
    """The unguarded signals: what raises the net's flag."""
    return [s for s in signals(net, text) if s.guard is None]


def crisis_reading(text: str) -> tuple[bool, list[tuple[str, str, str | None]]]:
    """Whether the crisis net raises `text`, and every match it found (family, phrase, guard), for
    the assertion's message."""
    found = signals(crisis_net(), text)
    return any(s.guard is None for s in found), [(s.family, s.phrase, s.guard) for s in found]


def test_both_nets_have_families_and_every_family_has_examples() -> None:
    for net in NETS.values():
        assert net.families
        for family in net.families:
            assert family.patterns, family.name
            assert family.positives or marks(family), f"{family.name} has no positive example"
            assert family.negatives, f"{family.name} has no negative example"


@pytest.mark.parametrize(("net_name", "family"), FAMILIES, ids=FAMILY_IDS)
def test_every_positive_example_is_raised(net_name: str, family: Family) -> None:
    net = NETS[net_name]
    missed = [
        (text, [(s.family, s.phrase, s.guard) for s in signals(net, text)])
        for text in family.positives
        if not raised(net, text)
    ]
    assert not missed, f"positives of {family.name!r} not raised (text, signals found): {missed}"


@pytest.mark.parametrize(("net_name", "family"), FAMILIES, ids=FAMILY_IDS)
def test_no_negative_example_is_raised(net_name: str, family: Family) -> None:
    net = NETS[net_name]
    wrongly = [
        (text, [(s.family, s.phrase) for s in raised(net, text)])
        for text in family.negatives
        if raised(net, text)
    ]
    assert not wrongly, f"negatives of {family.name!r} raised (text, by): {wrongly}"


@pytest.mark.parametrize(("net_name", "family"), FAMILIES, ids=FAMILY_IDS)
def test_every_pattern_matches_one_of_its_own_positives(net_name: str, family: Family) -> None:
    # A marking family has no positives: its patterns must match its own (negative) examples.
    own = family.negatives if marks(family) else family.positives
    padded = [f" {clause} " for text in own for clause in clauses(normalise(text))]
    unused = [p.source for p in family.patterns if not any(p.regex.search(c) for c in padded)]
    assert not unused, f"patterns of {family.name!r} that match none of its own examples: {unused}"


@pytest.mark.parametrize(
    ("net_name", "family"), MARKING_FAMILIES, ids=[f"{n}:{f.name}" for n, f in MARKING_FAMILIES]
)
def test_a_marking_family_marks_each_of_its_examples(net_name: str, family: Family) -> None:
    net = NETS[net_name]
    unmarked = [
        text
        for text in family.negatives
        if not any(s.family == family.name and s.guard == marks(family) for s in signals(net, text))
    ]
    assert not unmarked, f"examples of {family.name!r} it does not mark: {unmarked}"


@pytest.mark.parametrize(("net_name", "guard"), GUARDS, ids=[f"{n}:{g}" for n, g in GUARDS])
def test_every_guard_undoes_a_negative_example(net_name: str, guard: str) -> None:
    net = NETS[net_name]
    negatives = [text for family in net.families for text in family.negatives]
    assert any(s.guard == guard for text in negatives for s in signals(net, text)), (
        f"guard {guard!r} undoes none of the {net_name} negatives"
    )


def test_the_protected_categories_are_in_the_crisis_net() -> None:
    categories = {family.category for family in crisis_net().families}
    assert PROTECTED <= categories, sorted(PROTECTED - categories)


@pytest.mark.parametrize(
    ("net_name", "family"), PROTECTED_FAMILIES, ids=[f"{n}:{f.name}" for n, f in PROTECTED_FAMILIES]
)
def test_protected_families_may_only_be_undone_by_negation(net_name: str, family: Family) -> None:
    assert set(family.guards) <= {NEGATION}, family.guards


# First-person present statements of intent, plan, method, attempt and self-harm (written for this
# test), and context that a guard might wrongly read as a joke, the past, a profession or fiction.
STATEMENTS = [
    "i'm going to kill myself tonight",
    "i'm gonna end my life this weekend",
    "i've decided to kill myself",
    "i'm ending it tonight",
    "tonight is my last night",
    "i have a plan to kill myself",
    "i've been stockpiling my sleeping pills",
    "i bought a rope to kill myself",
    "i wrote a suicide note for my parents",
    "i took all my pills an hour ago",
    "i swallowed a handful of tablets tonight",
    "i overdosed on my meds an hour ago",
    "i tried to hang myself yesterday",
    "i cut myself again last night",
    "i burned my arm with a lighter this morning",
    "i'm cutting again every night",
]
CONTEXTS = [
    "years ago things were different but",
    "as a nurse",
    "haha",
    "lol",
    "my therapist doesn't know but",
    "in the movie last night i realised",
    "your video about suicide prevention is on and",
    "i used to be fine,",
    "😂",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_first_person_risk_statements_are_raised(statement: str) -> None:
    found = raised(crisis_net(), statement)
    assert found, [(s.family, s.phrase, s.guard) for s in signals(crisis_net(), statement)]


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("statement", STATEMENTS)
def test_invariant_context_never_undoes_a_first_person_risk_statement(statement: str, context: str) -> None:
    net = crisis_net()
    # Before the statement in the same clause, and as the next sentence (a suffix in the same
    # clause can change what the words mean: "my last night in Paris").
    for text in (f"{context} {statement}", f"{statement}. {context}"):
        assert raised(net, text), (text, [(s.family, s.phrase, s.guard) for s in signals(net, text)])


@pytest.mark.parametrize(
    "text",
    [
        "my sister just texted me goodbye",
        "my friend took a bunch of pills",
        "my brother said he wants to kill himself",
        "my roommate is cutting herself again",
        "my cousin tried to kill himself last night and he's in the hospital",
    ],
)
def test_third_person_risk_is_raised(text: str) -> None:
    risk, found = crisis_reading(text)
    assert risk, found


@pytest.mark.parametrize(
    "text",
    [
        "i feel suicidal like when i was 16",
        "i wish i was dead like i did when i was 12",
        "i'm 30 and my mom still hits me like when i was 12",
        "i was suicidal when i was 15 and i'm suicidal now",  # a past wish beside a present one
    ],
)
def test_a_past_age_beside_a_present_statement_does_not_undo_it(text: str) -> None:
    risk, found = crisis_reading(text)
    assert risk, found


def test_a_wish_told_in_the_past_with_its_age_is_recovery() -> None:
    risk, found = crisis_reading("i wanted to die when i was 16 and your channel would have helped")
    assert found and not risk, found


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("my teenage son is talking about shooting himself", True),
        ("my 15 year old said she wants to kill herself", True),
        ("my little sister is cutting herself", True),
        ("my mate's been talking about killing himself", True),
        ("my dad keeps talking about ending his life", True),
        ("my dad keeps talking about ending it with his girlfriend", False),  # a relationship
        ("my older brother tried to end his life last night", True),
        ("my little brother is talking about shooting a short film", False),
        ("my son keeps talking about shooting hoops with his dad", False),
        ("my big brother tried to end his life when i was 14, he's a paramedic now", False),  # the past
        ("my son wants to kill himself", True),
        ("my son wants to take his life", True),
        ("my wife is gonna end her life tonight", True),
        ("in the last episode she wants to die", False),  # a plot
        ("my grandpa is going to die soon, hospice says a few days", False),
        ("my mom is going to die when she sees the cake", False),
        ("she wants to die her roots pink", False),
        ("my son wants to kill himself with this workload", False),
        ("my 2 year old is going to kill himself climbing the bookshelves", False),  # an idiom
        ("she wants to take her life into her own hands", False),
        ("my housemate left a note saying the rent is due", False),
        ("my daughter says she'll die if she doesn't get taylor swift tickets", False),
        ("my husband said he's going to kill himself off the cliff near our house", True),
        ("my wife is planning to take her life on the anniversary", True),
        ("my son messaged everyone goodbye before his phone died", True),
        ("my roommate said he wants to jump in front of a bus", True),
        ("my son wants to kill himself over the bullying", True),
        ("my teenage daughter wants to end it all with her boyfriend", False),
        ("my 6 year old wrote me a note saying i'm the best mom ever", False),
        ("my daughter is saying she will kill herself", True),  # second-language English
        ("my grandad is suicidal", True),
        ("my daughter is suicidal, same as me when i was 15", True),
        ("he's been talking about shooting himself in the foot with that job offer", False),
        ("my little sister said she wants to jump off the high dive at the pool", False),
        ("my mate says he wants to die his hair blue", False),
        ("my dad wants to die at home, hospice is coming tomorrow", False),
    ],
)
def test_another_person_at_risk_is_read_however_the_writer_names_them(text: str, risk: bool) -> None:
    read, found = crisis_reading(text)
    assert read is risk, found


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("my husband has strangled me twice this month", True),
        ("he's hit me three times since friday", True),
        ("my partner has threatened to kill me if i leave", True),
        ("my stepdad has beaten me again", True),
        ("he beat me up again last night", True),
        ("she hit me up asking for money again", False),  # "hit me up": get in touch
        ("they've hit me up about a collab twice", False),
        ("she choked me up with her speech at the wedding", False),  # moved, not hurt
        ("he choked me until i passed out", True),
        ("she choked me up at her graduation", False),  # moved
        ("he beat me every game night when he lost", True),  # not a game lost to
        ("he hit me with a question and then with his fist", True),
        ("my wife threatens to kill me every time i buy another plant", False),
        ("my husband has beaten me again at scrabble", False),
        ("my husband beat me for winning at monopoly", True),
        ("he hit me back across the room", True),
        ("my uncle has touched me since i was 9", True),
        ("my husband has burned me with the iron", True),
        ("my husband hit me and then hit me with the silent treatment for three days", True),
        ("my mom's hit me with the guilt trip", False),
        ("my dad has pushed me so hard to get better", False),  # figurative in the perfect tense
        ("he's hit me back finally, we're going for coffee", False),  # a reply
        ("my partner's been threatening to kill me", True),
        ("my dad hits me, he started when i was 10", True),  # a past age beside present danger
        ("she's hit me with another great question", False),
        ("he has beaten me every game", False),
        ("she keeps hitting me up", False),
    ],
)
def test_danger_from_others_is_read_in_the_perfect_tense_and_not_in_slang(text: str, danger: bool) -> None:
    read, found = crisis_reading(text)
    assert read is danger, found


@pytest.mark.parametrize(
    ("net_name", "text", "guard"),
    [
        ("crisis", "not that i want to die, i just need a long holiday", "negation"),
        ("crisis", "i wanna die lol this level is impossible", "joking"),
        ("crisis", "i want to die of embarrassment, i waved at a stranger", "hyperbole"),
        ("crisis", "i'm tired of living in this flat with no heating", "ordinary_life"),
        ("client", "my therapist said see you tuesday", "third_person"),
        ("client", "see you tuesday for the livestream!", "content"),
        ("client", "i would love to book my first session with you", "prospective"),
        ("client", "you're basically my therapist lol", "parasocial"),
    ],
)
def test_a_guarded_match_names_its_guard(net_name: str, text: str, guard: str) -> None:
    net = NETS[net_name]
    found = signals(net, text)
    assert found and not raised(net, text), [(s.family, s.phrase, s.guard) for s in found]
    assert guard in {s.guard for s in found}


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("how do i stop cutting myself", True),
        ("i need to stop hurting myself", True),
        ("how do you stop wanting to die", True),  # a sufferer asking others: still the wish
        ("how do you stop cutting so much footage from your vlogs", False),  # an editor's question
        ("how do people stop cutting so often between takes", False),
        ("how do i stop cutting myself when i shave my legs", False),
    ],
)
def test_asking_how_to_stop_is_the_writers_own_risk_only_in_the_first_person(text: str, risk: bool) -> None:
    read, found = crisis_reading(text)
    assert read is risk, found


@pytest.mark.parametrize(
    "text",
    [
        "i've been having suicidal thoughts every night",
        "ive been having suicidal thoughts since the move",
        "i'm having suicidal thoughts again",
        "i have been having suicidal thoughts at work",
    ],
)
def test_a_contracted_subject_still_reads_as_having_suicidal_thoughts(text: str) -> None:
    # The pattern once listed "'ve been having" as a word after "i", which never matches "i've".
    assert [s.family for s in raised(crisis_net(), text)] == ["suicidal thoughts"]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("i've taken an overdose", "recent attempt"),
        ("he's hitting me again", "danger from others"),
        ("i'm scared he'll kill me", "danger from others"),
        ("tonight's the night i end it", "intent to act"),
        ("the rope's ready", "preparatory acts"),
        ("i've got the pills here", "method seeking"),
        ("i've been feeling like dying", "wish to be dead"),
        ("everyone'd be better off without me", "wish to be dead"),
    ],
)
def test_a_pattern_reads_the_contracted_form_of_its_words(text: str, family: str) -> None:
    # Written "i ('ve taken|have taken)": the tail of "i've" follows its word with no space.
    assert family in [s.family for s in raised(crisis_net(), text)]


def test_a_contracted_denial_marks_the_text_and_a_contracted_client_cue_counts() -> None:
    assert [s.guard for s in signals(crisis_net(), "i'd never kill myself")] == ["denial"]
    assert raised(client_net(), "i've signed the release of information form you sent")
    # "You're literally my therapist" says the relationship out loud, so it cancels the
    # third-person guard on the rest of the text as "you are literally my therapist" does.
    text = "you're literally my therapist at this point. my therapist moved our session to thursday"
    assert "scheduling with the therapist" in [s.family for s in raised(client_net(), text)]


def test_not_having_suicidal_thoughts_is_not_raised() -> None:
    assert not raised(crisis_net(), "i'm not having suicidal thoughts, just a rough week")


def test_negation_in_another_clause_does_not_undo_a_match() -> None:
    assert raised(crisis_net(), "i don't know why, but i want to die")


def test_negation_before_a_comma_belongs_to_that_phrase_not_the_statement_after_it() -> None:
    """Change 101's review: the guard read the five words before a match with the commas gone, so
    "don't worry" undid "i took all my pills"."""
    for text in (
        "please don't worry, i took all my pills an hour ago",
        "mom please don't be angry, i took all my pills",
        "don't hate me, i cut myself again tonight",
        "i can't take this, i want to kill myself",
    ):
        assert raised(crisis_net(), text), crisis_reading(text)
    for text in (
        "i'm not going to kill myself",
        "no, i don't want to die",
        "honestly, i would never kill myself",
        "i'm not, like, going to kill myself",
    ):
        assert not raised(crisis_net(), text), crisis_reading(text)
    # The client cues' `before` guard likewise: "my psychiatrist" is not who "you know my history" is said to.
    assert raised(client_net(), "my psychiatrist wants a higher dose, you know my history with side effects")


def test_a_long_text_is_scanned_to_the_end() -> None:
    filler = "The week went by slowly and the rain did not stop once. " * 150
    assert raised(crisis_net(), filler + "I want to kill myself.")


def test_text_without_any_anchor_word_raises_nothing() -> None:
    for text in ("", "great video, thank you", "what camera do you film on?"):
        assert signals(crisis_net(), text) == []
        assert signals(client_net(), text) == []


@pytest.mark.parametrize("net_name", NETS)
def test_the_word_index_never_hides_a_match(net_name: str) -> None:
    """A pattern is tried only on clauses holding a word of each token it requires; trying every
    pattern on every clause of every example (both nets' positives and negatives, contracted,
    apostrophe-less and stretched forms among them) finds exactly the same matches."""
    net = NETS[net_name]
    texts = [text for _n, family in FAMILIES for text in (*family.positives, *family.negatives)]
    assert len(texts) > 500
    # A contraction and its word are one word of the clause ("they'd"), which no index may demand.
    texts += [
        "they'd be better off without me",
        "honestly everyone'd be happier without me around",
        "i wish i'd just die in my sleep",
        "how easy it'd be to just not be here",
        "i've signed the release so you can talk to my psychiatrist",
    ]
    for text in texts:
        normalised = normalise(text)
        found = sorted((s.family, s.phrase) for s in net.signals(normalised))
        every = sorted(
            (family.name, match.group(0).strip())
            for padded in (f" {clause} " for clause in clauses(normalised))
            for family in net.families
            for pattern in family.patterns
            for match in pattern.regex.finditer(padded)
        )
        assert found == every, text


def test_the_word_index_reads_contractions_however_a_pattern_spells_them(tmp_path: Path) -> None:
    """A contraction's tail reached through a part inside a group, or written with a space, and a
    word with two apostrophes: the index must not demand a word the clause does not hold."""
    path = tmp_path / "shapes.toml"
    path.write_text(
        '[parts]\ntail = ["\'s"]\n'
        '[[family]]\nname = "part_tail"\ncategory = "intent"\npatterns = ["he (x|{tail}) gone for good"]\n'
        '[[family]]\nname = "spaced_tail"\ncategory = "intent"\npatterns = ["she (y| \'s) gone for good"]\n'
        '[[family]]\nname = "two_apostrophes"\ncategory = "intent"\n'
        'patterns = ["y\'all\'d (miss|forget) me"]\n',
        encoding="utf-8",
    )
    net = load_net(path)
    for text, family in (
        ("he's gone for good", "part_tail"),
        ("she's gone for good", "spaced_tail"),
        ("y'all'd miss me", "two_apostrophes"),
        ("yall'd miss me", "two_apostrophes"),
        ("y'alld forget me", "two_apostrophes"),
    ):
        assert [s.family for s in net.signals(normalise(text))] == [family], text


def test_a_pattern_naming_an_unknown_part_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown part"):
        compile_pattern("i {no_such_part} die", crisis_net().parts)
    with pytest.raises(ValueError, match="unknown part"):
        compile_pattern("i (want|{no_such_part}) to die", crisis_net().parts)


def test_a_nested_group_is_an_error_not_a_wrong_regex() -> None:
    with pytest.raises(ValueError):
        compile_pattern("i will (die|jump off (a|the)? bridge)", crisis_net().parts)


def test_a_family_naming_an_unknown_guard_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[family]]\nname = "x"\ncategory = "intent"\nguards = ["nope"]\npatterns = ["i will"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown guard"):
        load_net(path)


def test_a_not_followed_by_token_excludes_only_those_next_words() -> None:
    regex = re.compile(compile_pattern("i'm ending it !(with|for good reason)", {}))
    assert regex.search(" i'm ending it tonight ")
    assert regex.search(" im ending it ")
    assert not regex.search(" i'm ending it with him ")
    assert not regex.search(" i'm ending it for good reason ")
