# ruff: noqa: E501  (this module is mostly prose fragments; wrapping them would hurt readability)
"""Build the crisis part of the triage training corpus.

Every fragment below is hand-written for this project (none is copied from a dataset). The script
composes them, deterministically (fixed seed), into long Reddit self-posts, Reddit and YouTube
comments and DMs, and writes the ``crisis_*.jsonl`` files next to it:

- ``crisis_reddit_posts.jsonl``: long posts with current risk (suicidal thoughts, plans, self-harm,
  danger now, someone else at risk).
- ``crisis_short.jsonl``: short YouTube and Reddit comments and DMs with current risk.
- ``crisis_client.jsonl``: crisis mixed with cues that the writer is the therapist's own client.
- ``crisis_hard_negatives.jsonl``: texts that look like crisis but are not (hyperbole, suicide as
  a topic, support to others, recovery, grief, low mood asking for help, games, cooking, lyrics).

Labels follow DESIGN.md: ``crisis`` (current or recent risk), ``client``, ``advice`` (asks for
personal guidance), ``[]`` = engagement. Run: ``python classifiers/corpus/build_crisis.py``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 988

Example = dict[str, object]


def lines(block: str) -> list[str]:
    """One fragment a line; blank lines and lines starting with '#' are ignored."""
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]


def pick(rng: random.Random, pool: Sequence[str]) -> str:
    return pool[rng.randrange(len(pool))]


# ---------------------------------------------------------------------------------------------
# Surface variety: how people actually type on a phone at 3am.
# ---------------------------------------------------------------------------------------------

_APOSTROPHE_DROPS = [
    (r"\bI'm\b", "im"), (r"\bi'm\b", "im"), (r"\bdon't\b", "dont"), (r"\bcan't\b", "cant"),
    (r"\bwon't\b", "wont"), (r"\bdidn't\b", "didnt"), (r"\bI've\b", "ive"), (r"\bi've\b", "ive"),
    (r"\bit's\b", "its"), (r"\bthat's\b", "thats"), (r"\bdoesn't\b", "doesnt"), (r"\bisn't\b", "isnt"),
    (r"\bI'll\b", "ill"), (r"\bi'll\b", "ill"), (r"\bwouldn't\b", "wouldnt"), (r"\bthey'd\b", "theyd"),
]
_TEXT_SPEAK = [
    (r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\bbecause\b", "bc"), (r"\bthough\b", "tho"),
    (r"\bpeople\b", "ppl"), (r"\bsomething\b", "smth"), (r"\bprobably\b", "prob"),
    (r"\bgoing to\b", "gonna"), (r"\bwant to\b", "wanna"), (r"\bdon't know\b", "dunno"),
    (r"\btonight\b", "tonite"), (r"\bplease\b", "pls"), (r"\bright now\b", "rn"),
    (r"\bto be honest\b", "tbh"), (r"\bI don't know\b", "idk"), (r"\bi don't know\b", "idk"),
]

# Evasions people use so that platforms do not hide their words. Only applied to risk texts
# (and, on purpose, to a few figurative negatives) so the model sees both sides.
_ALGOSPEAK = [
    (r"\bkill myself\b", ["kms", "unalive myself", "k1ll myself", "k!ll myself", "kll myself", "end myself", "unalive myself"]),
    (r"\bkilling myself\b", ["unaliving myself", "k1lling myself", "kms", "ending myself"]),
    (r"\bsuicide\b", ["sewerslide", "s*icide", "su1cide", "suic1de", "s u i c i d e", "sui", "suicide"]),
    (r"\bsuicidal\b", ["sewerslidal", "s*icidal", "su1cidal", "suicidal af", "sui"]),
    (r"\bself[- ]harm\b", ["sh", "s/h", "self h*rm", "SH"]),
    (r"\bwant to die\b", ["want to unalive", "wanna d1e", "want to d!e", "want to be unalive", "wanna not exist"]),
    (r"\bend it\b(?! all)", ["ctb", "catch the bus", "end it all", "end things", "be done"]),
    (r"\bpills\b", ["p1lls", "💊", "pills"]),
    (r"\bdead\b", ["unalive", "d3ad", "dead"]),
    (r"\bcutting\b", ["🔪", "c*tting", "cuttin"]),
]


def _sub_choice(text: str, pattern: str, choices: Sequence[str], rng: random.Random) -> str:
    return re.sub(pattern, lambda _m: pick(rng, choices), text, flags=re.IGNORECASE)


def algospeak(text: str, rng: random.Random, strength: float = 0.5) -> str:
    for pattern, choices in _ALGOSPEAK:
        if rng.random() < strength:
            text = _sub_choice(text, pattern, choices, rng)
    return text


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:  # swapped letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind < 0.7:  # dropped letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # doubled letter


def messy(text: str, rng: random.Random, strength: float = 0.5) -> str:
    """Lower case, dropped apostrophes, text-speak, a typo or two, no final full stop."""
    if rng.random() < strength:
        text = text.lower()
    for pattern, repl in _APOSTROPHE_DROPS:
        if rng.random() < strength * 0.8:
            text = re.sub(pattern, repl, text)
    for pattern, repl in _TEXT_SPEAK:
        if rng.random() < strength * 0.35:
            text = re.sub(pattern, repl, text)
    if rng.random() < strength * 0.6:
        words = text.split(" ")
        for _ in range(rng.randint(1, 2)):
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
        text = " ".join(words)
    if rng.random() < strength and text.endswith("."):
        text = text[:-1]
    return text


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    return text


def join_runon(sentences: Sequence[str], rng: random.Random, runon: float) -> str:
    """Join sentences the way a distressed poster does: some full stops, many run-ons."""
    out = sentences[0].rstrip(".")
    for s in sentences[1:]:
        s = s.rstrip(".")
        r = rng.random()
        if out.endswith(("?", "!")):
            out += " " + (cap_first(s) if rng.random() < 0.5 else s)
            continue
        if r < runon * 0.35:
            out += " and " + s
        elif r < runon * 0.6:
            out += ", " + s
        elif r < runon * 0.75:
            out += "... " + s
        elif r < runon:
            out += " " + s
        else:
            out += ". " + cap_first(s) if rng.random() < 0.5 else ". " + s
    return out + ("." if rng.random() < 0.5 and not out.endswith(("?", "!")) else "")


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------------------------------------
# Long Reddit self-posts with current risk. A post is a title-like first sentence, some life
# context, how it feels, often burden, the risk itself (passive wish, intent, plan, means), maybe
# a failed attempt at getting help, and a closing.
# ---------------------------------------------------------------------------------------------

RISK_TITLES = lines("""
why is it wrong to want out of a life i never asked for
considering it seriously for the first time
i've been suicidal since middle school and i'm almost 30
i don't think anyone can help me at this point
I have decided to take my life
a question about pills, please don't remove this
how long do i have to keep pretending
ten years of wanting to die
nothing is worth it anymore
i'm only staying for my mom and i don't know how much longer that works
i don't think i can keep doing this
tired of being tired
i can't do this anymore
this is probably my last post here
does anyone else just want to stop existing
writing this because there's literally nobody else to tell
i think tonight is the night
everything is falling apart and i'm done trying
i just want it to stop
not even sure why i'm posting this
i keep thinking about ending it
so done with everything
i am so tired of existing
there's no point anymore
i want to go to sleep and not wake up
the thoughts are getting louder
i've been planning this for a while now
made my decision
i don't want to be here anymore
one more bad day and i'm out
can't stop thinking about dying
everyone would be better off without me
i'm a burden and i know it
i wrote my note today
sorry for the long post i just need to get this out somewhere
throwaway because my family follows my main
i'm scared of myself tonight
it's 3am and i'm sitting here with a bottle of pills
how much longer am i supposed to hold on
i messed up again and i don't see a way back from this
i keep looking up ways to do it
today was the worst day of my life and i'm done
i don't want to die but i can't live like this either
i'm 17 and i already feel finished with life
nobody would even notice if i disappeared
i'm not going to make it to my birthday
why does it feel like the only way out is out
goodbye i guess
i'm done pretending
update: it got worse
i want to die and i don't know who to tell
the only thing keeping me here is my dog and he's old
i can't see a future at all
i'm so tired
is it selfish to want to go
i don't know how to keep living
first time posting, probably the last
drunk and i want to die
i'm at the end of my rope
i don't have the energy to keep fighting
i keep getting closer
i finally have a plan
honestly i just want to disappear forever
i haven't told anyone this
it's been three years of this and i'm done
i hate being alive
life isn't for me i guess
the quiet version of wanting to die
i almost did it last night
i can't stop crying and i can't stop thinking about the bridge
i feel like i'm running out of reasons
just need someone to read this before i go
am i crazy for wanting it all to end
""")

CONTEXTS = lines("""
I'm a 45 year old man, divorced, and I only see my kids every other weekend
i'm a senior in high school and everyone else knows where they're going next year except me
I was let go after 18 years at the same company and nobody will hire me at my age
my girlfriend cheated on me and everyone knew except me
I've had migraines every day for three years
my parents are getting divorced and they both want me to pick a side
i'm a carer for my mum and i haven't had a day off in four years
I've been in a wheelchair since the accident and I can't do anything I used to love
i'm 27 and i've never been on a date, never held hands, nothing
i've been to the psych ward twice and both times i came out the same
I'm at university and I haven't spoken to anyone in weeks
My psychiatrist keeps switching my meds and I feel like a lab rat
i'm in so much debt from medical bills that i'll never get out
i lost my job in march and i've been applying everywhere but i keep getting nothing back
my girlfriend of four years left last month and took basically everything with her
my parents scream at me every single day about my grades
i'm failing two classes and i lose my scholarship if i fail one more
i have chronic pain and the doctors keep acting like it's all in my head
my mom died in january and i haven't been okay since
i'm 34, living in my childhood bedroom, no friends, no job, no car
i moved to a new city for work and i don't know a single person here
i've been depressed since i was about 13 and nothing has ever really helped
i'm drowning in debt and the collectors call me every day
my dad drinks and when he drinks the whole house walks on eggshells
people at school found out i'm gay and now i'm the joke of the whole grade
i've been on six different meds and none of them did anything except make me numb
i work 60 hours a week and i still can't make rent
my best friend stopped talking to me and i don't even know what i did
i got back from deployment last year and i'm not the same person who left
my husband tells me i'm useless every day
i got diagnosed with bipolar last year and it feels like a life sentence
i've been stuck in my room for months, i only come out for food
i got kicked out two weeks ago and i've been sleeping in my car
i lost the baby in the spring and everyone expects me to be over it
i was sober for eight months and i drank again last weekend
i'm a single dad and i feel like i'm failing my kids at everything
i got rejected from every single program i applied to
people have been harassing me online for weeks and it follows me everywhere
i failed my licensing exam for the second time
i ruin every relationship i've ever been in
my family won't even use my real name, they act like i'm a stranger
in the same month i got laid off, my landlord sold the building and my car died
i dropped out of college and my parents don't know yet
i'm 52 and my wife asked for a divorce after 25 years
my twin brother died last year and half of me went with him
i'm an international student, my visa is a mess and i can't tell my family i'm failing
i've had insomnia for months and i'm running on two hours a night
i got fired for being late too many times because i can't get out of bed
i was assaulted last year and i still can't sleep with the lights off
my only friend moved across the country
i got caught cheating on an exam and now i might get expelled
everyone in my family is successful and i'm the disappointment
my anxiety is so bad i haven't left the apartment in three weeks
i'm 19 and i've never had a single friend who stayed
my grandma raised me and she died in november
i've been unemployed for a year and i'm about to lose the apartment
my partner left me for my best friend
i have an eating disorder that's getting worse again
i've been self harming since i was 14 and i'm 22 now
my mom tells me she wishes she never had me
i'm a nurse and i've been working doubles since covid, i'm completely burnt out
i came out to my parents and they stopped talking to me
my business failed and i lost my savings and my parents' money too
i've been gaining weight, failing school, losing friends, all of it at once
i got a dui last month and everyone knows
i'm disabled and i can't work and i feel like a waste of space
my dog died on tuesday and he was the only one who was always happy to see me
i've been in and out of hospitals since i was 15
my dad left when i was 9 and my mom's boyfriend hates me
i'm pregnant and i don't know what to do and nobody can know
i've gained nothing in 30 years, no career, no partner, nothing
my kids don't want to see me anymore
i was bullied all through middle school and now high school is worse
""")

# Filler that real posts are full of; says nothing about risk on its own.
RAMBLE = lines("""
idk
i don't even know why i'm typing this
sorry this is all over the place
it's been like this for months
i know that sounds dramatic
anyway
every day is a copy of the last one
i'm not even sad anymore, just tired
i used to be a funny person, people used to like me
it's stupid, i know
i've typed this out like five times and deleted it
sorry for my english, it's not my first language
i'm on mobile so sorry for formatting
nobody irl knows any of this
i keep going back and forth
there's more but i can't get it out
""")

AGE_TAGS = ["19f here. ", "(m24) ", "i'm 16. ", "31m. ", "f, 27. ", "i'm 42 for context. ", "15 y/o here. ", "nb, 20. ",
            "m/19 ", "i'm 58 and ", "22f. ", "17m. "]

# How it feels. These are dark but, alone, not risk: they also appear in non-crisis posts.
MOOD = lines("""
I go to work, come home, sleep, and repeat, and I feel nothing
I used to love drawing and now I can't even pick up a pencil
I feel like a burden to my therapist even
I've lost twenty pounds without trying because I forget to eat
I haven't laughed in months
the loneliness is worst on weekends when everyone else has plans
i can't stop thinking about every mistake i've ever made
I feel like I'm disappointing everyone all the time
i feel completely empty, like i'm watching my life from behind glass
i can't remember the last time i felt anything other than tired
there's this weight on my chest that never leaves
i don't even cry anymore, i just stare at the wall for hours
i've been pretending to be fine for so long i don't know who i am
i'm so lonely it physically hurts
i hate myself so much
i'm exhausted in a way that sleep doesn't fix
every day is the same grey nothing
i keep hoping something will change and it never does
i haven't showered in a week and my room is a mess
i stopped answering texts because i have nothing to say
i smile at work and then sit in the car for an hour after
i'm numb all the time
i feel like a ghost in my own house
everything takes so much energy, even brushing my teeth
i don't enjoy anything anymore, not music, not games, nothing
i can't focus on anything, i just scroll and scroll
my head is so loud all the time
i eat once a day if that
i feel like everyone is moving forward and i'm stuck
i've cried every night this week
i feel like i'm behind glass and nobody can hear me knock
i'm angry all the time and i don't know why
""")

# Hopelessness that points at dying. Crisis side only.
DARK = lines("""
every morning i wake up disappointed that i woke up at all
nothing i do matters and it never will, so what's the point of staying
there's no future i can picture where i'm still here
i feel like i'm drowning and everyone is just watching from the shore
i'm just a shell at this point, the real me died a long time ago
i keep thinking the world would be quieter without me in it
i've run out of reasons
i'm not living, i'm just waiting
it feels like the only way this ends is if i end
i'm so tired of fighting my own brain every single day
i don't see the point of any of it, i really don't
i look at old pictures of myself and want to apologize to that kid
i've been giving it time for years and time doesn't fix anything
i feel like i've already checked out and my body just hasn't caught up
i can't imagine being 30, i honestly don't think i'll get there
i've stopped making plans for after this month
""")

BURDEN = lines("""
everyone would be better off without me dragging them down
my family would be sad for a while but they'd get over it and be happier
i'm just a drain on everyone around me
i cost my parents so much money and give them nothing back
my friends only talk to me out of pity at this point
i'm a burden to literally everyone in my life
honestly nobody would notice, maybe after a week someone would wonder
my kids deserve a better parent than me, anyone would be better
my partner would finally be free of me
i'm tired of being the problem in everyone's life
i ruin everything i touch so it's better if i'm not around to touch anything
my mom would have one less thing to worry about
they'd be sad at the funeral and then relieved
i'm the reason my family fights all the time
nobody needs me, i checked
""")

PASSIVE = lines("""
I don't actively want to kill myself but if I didn't wake up tomorrow I'd be relieved
I keep hoping I'll get some illness so it can be over without it being my fault
part of me hopes the plane goes down every time i fly
i've stopped wearing my seatbelt, i figure whatever happens happens
I'm not going to do anything, I just really wish I didn't exist
i envy people who die young, is that messed up
every night i think it would be easier to just not be here
I'd trade places with anyone on their deathbed
i don't see myself making it to 25 and honestly i'm fine with that
if i could press a button and stop existing i would press it right now
I'm tired of waking up
i keep wishing i could just go to sleep and not wake up
i don't want to kill myself exactly, i just don't want to exist anymore
if a car hit me tomorrow i honestly wouldn't mind
i pray every night that i don't wake up in the morning
i'm so tired of existing
i just want it all to stop
i wish i had never been born
i keep hoping something happens to me so i don't have to do it myself
when i cross the street i don't look anymore, part of me wants the car to come
i wish i could just disappear and not have to deal with any of it
i don't want to be alive anymore
i want to not be here anymore
i keep thinking about how peaceful it would be to just not exist
i wouldn't fight it if i got sick and didn't get better
i want to fall asleep forever
sometimes i hold my breath in the bath and think about not coming up
i don't care if i live or die, i just want the pain to stop
i fantasize about dying like other people fantasize about vacations
""")

ACTIVE = lines("""
I think about dying every day and it's getting harder to push the thoughts away
the only thing stopping me is my mom, and i'm starting to think she'd understand
I'm too much of a coward to do it, but I think about it constantly
i'm scared of going to hell but i'm more scared of staying here
honestly the only reason i'm still alive is that i'm afraid it won't work
I'm not sure I'll be here by the summer
i keep getting closer every time, last night i got really close
I want to die. I have wanted to die for a long time
i googled 'painless ways to die' again last night
it's like my brain keeps handing me the same answer: end it
i don't want to wake up tomorrow and i'm going to make sure i don't
i'm planning to kill myself after the holidays so i don't ruin christmas for everyone
there is no version of the future where i'm alive and happy, so why wait
I have been suicidal on and off since I was twelve and this time feels different
suicidal ideation has followed me for a decade and i'm exhausted from carrying it
i'm seriously considering taking my own life
i think about taking my life every time i'm alone
I have been thinking of killing myself a lot lately and I no longer feel scared by the thought
I'm not afraid of dying, I'm afraid of living another forty years like this
i'm going to commit suicide, i just haven't picked the day
I feel like suicide is the only answer left
i want to die. that's the only thing i'm sure about anymore
i've been thinking about ending it every day for weeks
i keep thinking about killing myself and it's starting to scare me
i want to end it, i really do
i've been having suicidal thoughts constantly and they're not going away
i think about suicide more than i think about anything else
i'm going to kill myself, i've just been waiting for the right time
i want to die so badly it's all i think about
i can't stop thinking about how i'd do it
the urge to end my life is stronger than it's ever been
i want to be dead
i keep telling myself just one more week and then i can go
i'm going to end my life, i've made peace with it
i don't want to be alive tomorrow
honestly i'm ready to die
the suicidal thoughts are back and they're worse than before
i'm thinking about ending things tonight
i'm done. i'm going to do it
i don't think i'm going to survive this year and i don't want to
""")

PLAN = lines("""
i tried to overdose on friday and just threw up all night and nobody noticed
i swallowed everything in the medicine cabinet last month and woke up on the bathroom floor
i'm only staying until my grandma passes, then i'm going
i promised myself i'd stay until graduation and after that i'm done
i need to wait until my little sister is older so it doesn't wreck her, but i'm going to do it
i've been pricing out what i'd need and where i'd go
i've started giving people little goodbyes without them noticing
i went to the roof of the parking garage yesterday just to see
i have the car, the hose and a free weekend
i looked up which of my meds would be fatal and i have enough
i'm going to walk into the sea, i've made up my mind
i have a plan and a date
i've been saving up my meds for a month now
there's a full bottle of my mom's sleeping pills in the cabinet and i keep looking at it
i bought rope today and i don't even know why i'm telling anyone
i've been looking up how many of my pills it would take
there's a bridge on my way to work and every day i think about it
i've already written letters for my sister and my best friend
i gave away my guitar and my games this week
i'm going to do it after my roommate leaves on friday
my dad keeps a gun in the closet and i know where the key is
i've been drinking all night and the pills are lined up on my desk
i took a bunch of pills about an hour ago and i don't feel anything yet
i tried last week and woke up in the hospital and now i'm just angry it didn't work
i'm sitting in my car in the garage right now
i've been standing on the balcony for an hour
i looked up the tallest building near me
i've picked the spot, it's by the train tracks behind my school
i've got everything i need, i just need to work up the nerve
i deleted all my social media and cleaned my room so nobody has to
i wrote a note and put it in my desk drawer
i stopped taking my meds so i can save them up
i drove to the cliffs today and sat there for two hours
i have the knife in my hand while i type this
i've been researching methods for weeks
i'm going to wait until everyone's asleep
i already said goodbye to my cat
i tried to hang myself two nights ago and the thing broke
i overdosed on sunday and nobody knows, i just slept it off
i'm going to drive into a tree, it'll look like an accident so my mom gets the insurance
i've been testing how long i can hold my breath with the belt
i bought a lot of paracetamol, spread over a few shops so nobody asks
""")

SELF_HARM = lines("""
i bang my head against the wall when it gets too loud in my head, there's a dent now
i scratch my arms raw during panic attacks and then hide it
i cut again last night, deeper than i ever have
i relapsed on self harm after five months clean
i burned myself with a lighter because i needed to feel something
the urges are so bad i'm sitting here holding the blade
i scratched my arm until it bled and i still don't feel better
i've been cutting every night this week and hiding it with hoodies
i hit myself until i couldn't think anymore
my thighs are covered and i'm running out of places
i had to throw away my sheets because of the blood
i cut too deep and i think it needs stitches but i can't tell anyone
i keep a blade in my phone case
i started again after my mom yelled at me
it's the only thing that makes the noise stop
i've been pulling my hair out and picking my skin until it bleeds
i cut so i don't do something worse
i punched the wall until my hand swelled up and i want to do it again
""")

HELP_FAILED = lines("""
my psychiatrist doesn't know how bad it is, i always say i'm fine
i promised my counselor i'd call if it got bad but i know i won't
i've been in therapy for three years and i'm worse than when i started
i called a hotline once and got put on hold for 40 minutes
i tried telling my mom and she said i'm being dramatic
i can't afford therapy and the free clinic has a three month wait
i've tried everything they tell you, walks, journaling, meds, cold showers, none of it works
my friends just say it gets better and change the subject
i told my doctor and he just upped my dose and sent me home
i've been to the er before and they sent me home after six hours with a pamphlet
i can't tell anyone because they'll lock me up
last time i told someone they stopped talking to me
my therapist is on leave and the replacement doesn't get it
my parents don't believe in mental health stuff
i texted a friend and she left me on read
i'm on a waitlist that apparently doesn't end
i don't want to go back to the hospital, it was worse there
""")

CLOSINGS = lines("""
i'm sorry. i just needed someone to know
this is my last post, thanks to anyone who was ever kind to me
i don't know what i'm asking for, i just needed to write it down
please don't just tell me to call a hotline
i don't think i'll be here next week
if anyone reads this, i'm sorry
i'm so tired. goodnight
i guess this is goodbye
i just wanted one person to hear me before i go
nobody's going to read this anyway
tell my mom i'm sorry, i guess, if anyone ever finds this
i'll probably delete this in the morning if i'm still here
i just don't want to feel like this anymore
i love my little brother and i'm sorry
maybe it's better this way
i'm not looking for sympathy i just can't hold it in anymore
it's not anyone's fault
i'm tired. that's all
i'll see how i feel tomorrow, if there is one
""")

# Closings that ask for guidance: the post becomes crisis + advice.
ASK_CLOSINGS = lines("""
what do i even do
how do people keep going when it's like this
does anyone have anything that actually helps, because i'm out of ideas
please, what do i do tonight
can someone tell me one reason not to
how do i get through tonight
should i go to the er? i don't even know how that works
what am i supposed to do now
how do i tell someone without them freaking out
is there anything that helps the urges, anything at all
please give me something, anything
how did you guys get through nights like this
who do i even call at 4am
""")

SH_TITLES = lines("""
relapsed after 5 months
i cut again
the urges are winning tonight
i don't know how to stop
i need to vent about sh
worst night in a long time
i broke my streak
i can't stop hurting myself
i need help hiding my scars from my parents
day 0 again
i want to cut so bad right now
i went deeper than i meant to
it's getting worse not better
""")

# Danger now: abuse, partner violence, a child at risk. Written as short scenes.
DANGER_OPENERS = lines("""
i don't know where else to post this
please i need advice fast
i'm typing this from the bathroom with the door locked
throwaway, he checks my phone
i'm scared and i don't know who to tell
i need to get out tonight and i don't know how
this happened an hour ago
i'm 15 and i don't know if this is normal
i think my neighbor's kid is in danger
he's asleep now so i can finally type
""")

DANGER_SCENES = lines("""
my boyfriend threw me against the wall tonight and said next time he'll finish it
he's outside my door right now screaming that he's going to kill me
my husband choked me until i almost passed out and now he's acting like nothing happened
my stepdad hits me when my mom is at work and it happened again today
my partner took my phone and my car keys and says if i leave he'll find me
my dad came home drunk and broke my mom's arm and he's still in the house
he said if i tell anyone he'll hurt my little sister
my ex is parked outside my apartment and he's been there for three hours
i can hear the kid next door screaming and something hitting the wall, it's been going on for twenty minutes
my mom's boyfriend keeps coming into my room at night and i locked the door but he has a key
my husband has a gun and tonight he put it on the table while we were eating and just looked at me
my brother came at me with a knife and my parents said i provoked him
he pushed me down the stairs and i'm pregnant
my roommate's boyfriend punched her and she's hiding in my room and he's banging on the door
my dad says he's going to kill us all and then himself, he's been drinking since noon
the guy i've been seeing won't let me leave his apartment
my foster mom locks me in the basement without food when i talk back
i found out my friend's uncle is touching her and she's staying with him this weekend
""")

DANGER_TAILS = lines("""
i don't have anywhere to go and i don't have money
i'm scared to call the police because it'll be worse when they leave
nobody would believe me, everyone thinks he's so nice
i'm sitting in the dark so he thinks i'm asleep
i keep telling myself it's my fault
my phone is at 8 percent
my mom says to just stay out of his way
he's done it before but never this bad
i have bruises on my neck
i'm shaking so bad i can barely type
""")

DANGER_ASKS = lines("""
what do i do
is there a number i can text instead of call
can the police actually do anything
where do i go at this hour
how do i get out without him knowing
should i call someone or will that make it worse
""")

# Abuse that is ongoing: fear, being trapped, threats. Current danger, so crisis.
ONGOING_ABUSE = lines("""
my wife punches the wall beside my head when she's furious and last night she held a kitchen knife while she yelled
my boyfriend checks my phone, controls my money and says he'll ruin my life if i leave
my wife throws things at me when she drinks and last week she cut my arm with a glass
my dad tells me he'll kill me if i come out, and i believe him
my mom's new partner grabs me by the neck when she isn't looking
my ex keeps showing up at my work and my house, he left a note saying he's watching me
my uncle lives with us and he corners me when nobody's home
my partner smashed my phone and locked me out of the house in the snow last night
my stepmom hits my little brother with a belt and he's only six
""")
ABUSE_TAILS = lines("""
i'm scared all the time
i have no money of my own and nowhere to go
i'm afraid of what he'll do if i try to leave
everyone tells me to just be patient with him
i keep thinking it'll get better but it gets worse
i sleep with a chair against the door
""")


# Someone else at imminent risk.
OTHER_OPENERS = lines("""
i need help right now
please read this, it's urgent
i don't know what to do
i'm freaking out
sorry if this is the wrong place
it's 2am and i'm panicking
""")

OTHER_SCENES = lines("""
my dad tried to overdose last weekend and he's home now and nobody is talking about it
my little brother told me he's been thinking about how he'd kill himself and he's only 12
my online friend hasn't posted since she said she was going to jump, it's been a day
my mom found my dad's suicide note and he's not home
my best friend is in the bathroom with a razor and won't come out
my best friend just texted me goodbye and said she loves me and now she's not answering
my roommate locked herself in the bathroom and told me she took all her pills
my brother posted a goodbye message on his story and his phone is off
my girlfriend said she's going to drive to the bridge tonight and then hung up on me
my dad left a note on the kitchen table and his truck is gone
a guy in my discord just said he's going to kill himself tonight and logged off
my friend sent me a picture of a bottle of pills with the caption 'sorry'
my sister is cutting right now in her room and she won't open the door
my son is 14 and i found a search history full of ways to die and a rope under his bed
my coworker told me he's got his gun in the car and he's done
my online friend in another country said this is her last night and i don't know her address
my mom said she doesn't want to wake up tomorrow and she's been drinking all day
my student emailed me at midnight saying she won't be in class anymore because she won't be alive
my partner went quiet after saying everyone would be better off and i can't reach him
my friend has been giving her stuff away all week and tonight she said thanks for everything
""")

OTHER_TAILS = lines("""
i called her five times and it goes straight to voicemail
i'm three hours away and i can't get there
i don't know his address, only his city
his parents are out of town
i already called 911 but i don't know if they found him
i'm scared i'm overreacting but what if i'm not
i can't lose him
she made me promise not to tell anyone
""")

OTHER_ASKS = lines("""
what do i do
who do i call when i don't know where she lives
can i call the police in another state
how do i keep him talking until help gets there
please tell me what to say to her
is it a betrayal if i tell her parents
""")


# Whole posts, each written on its own, for voices the composed posts do not cover.
WHOLE_POSTS = lines("""
My parents told me that if I fail the entrance exam again they'll disown me. The results come out on Monday and I already know I failed. I've decided I'm not going to be around to see their faces.
I'm a veteran, two tours. The nightmares never stopped and my wife finally left. I keep my service pistol loaded on the nightstand now and I look at it every night before I sleep.
Got the cancer diagnosis on Friday. I watched my father go through chemo and I'm not doing that. I'd rather go on my own terms this month while I can still choose.
eviction notice on the door today. 30 days. i have nowhere to go and i'm honestly thinking it's easier to just not exist by then
I relapsed on heroin after two years clean. I let everyone down again. I'm thinking about taking everything I have left at once and being done with it.
spent my 30th birthday alone in my apartment. nobody called. not even my mom. i keep thinking that's a sign i should just go
I don't want to die exactly. I want the pain to stop, and dying is the only way I can think of that makes it stop for sure.
how do i stop wanting to die? i've been like this for years and i'm running out of strength to fight it every single day
i keep telling people i'm fine and they believe me which is how i know nobody would notice until it's too late. i think i'm going to do it this weekend
everyone keeps saying it gets better. i've been waiting 12 years. it doesn't. i'm done waiting and i'm done here
my cat is the only reason i'm still alive. she's 16 and the vet said she doesn't have long. after she goes i don't have a reason anymore
I've been drinking every night to numb it and last night I sat in the bathtub with a razor for two hours. I didn't do it but I wanted to so badly.
christmas is coming and i can't fake being happy for another one. i think this year i'll make sure i'm not there for it
I'm a failure at everything. Failed school, failed my marriage, failed as a father. The one thing I can still do right is take myself out of everyone's way.
i'm 15 and my parents don't know i've been cutting for a year. it's gotten worse and last week i started thinking about going further than cutting
My psychiatrist upped my meds again and I'm worse. I'm hoarding them now. I know what I'm going to do with them.
i can't face another day at that job. i sat in the parking lot this morning thinking about driving into the river instead of going in
everyone at school hates me, they made a group chat just to make fun of me. someone told me to kill myself and honestly i'm going to
I'm trans and my family said they'd rather have a dead son than a living daughter. Maybe I'll give them what they want.
I have PTSD from the assault and I can't sleep without seeing his face. I just want the memories to stop and I've started thinking death is the only way they will.
it's 5am, i've been awake all night, and i've written and rewritten the note four times now. i think it's finally right
i don't know why i'm still trying. i've done therapy, meds, hospital, all of it. i'm out of options and i'm so tired. i'm going to stop fighting
nobody texts me unless they need something. i could vanish and my phone would stay silent for weeks. i'm thinking about making that happen for real
i'm in so much physical pain every day and the doctors have given up on me. i can't keep living in this body. i've started looking into how to end it
i keep writing goodbye messages in my notes app and deleting them. tonight i didn't delete it
my husband doesn't know i attempted last month. i'm still here and i still want to go, i just need to get it right next time
My grades are the only thing I had and I just failed my finals. My dad is going to kill me and honestly I'd rather do it myself first.
I got caught stealing at work and I'm going to be fired and maybe charged. My family will find out. I can't face that, I'm going to end it before they do.
every day i'm more sure that i'm just not meant to be alive. i'm not sad about it anymore, i'm just ready
i'm so lonely i talk to chatbots all day. i can't remember the last time someone touched me. i don't want to keep living like this and i've started planning how to stop
""")


def _labels(*flags: str) -> list[str]:
    order = ["crisis", "client", "advice"]
    return [f for f in order if f in flags]


def proper_case(text: str) -> str:
    text = re.sub(r"\bi\b", "I", text)
    text = re.sub(r"\bi'(m|ve|ll|d)\b", lambda m: "I'" + m.group(1), text)
    return re.sub(r"(^|[.!?]\s+|\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _style_long(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return tidy(proper_case(text))
    text = messy(text, rng, strength=rng.choice([0.2, 0.5, 0.8, 0.9]))
    if rng.random() < 0.35:
        text = algospeak(text, rng, strength=0.3)
    return tidy(text)


def _join_title(title: str, body: str, rng: random.Random) -> str:
    if title.endswith(("?", "!")):
        sep = rng.choice([" ", "\n\n", "\n"])
    else:
        sep = rng.choice([". ", ". ", "\n\n", "\n", " - ", " "])
    return title + sep + body


def _fit_length(build: Callable[[], tuple[str, list[str], str]], lo: int, hi: int) -> tuple[str, list[str], str]:
    for _ in range(200):
        text, labels, note = build()
        if lo <= word_count(text) <= hi:
            return text, labels, note
    return text, labels, note


def risk_post(rng: random.Random) -> tuple[str, list[str], str]:
    """A r/SuicideWatch- or r/depression-style post with passive or active ideation or a plan."""
    kind = rng.choices(["passive", "active", "plan"], weights=[3, 3, 3])[0]
    parts: list[str] = []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        parts.append(pick(rng, CONTEXTS))
    for _ in range(rng.randint(1, 3)):
        parts.append(pick(rng, MOOD))
    for _ in range(rng.choice([0, 1, 1, 2])):
        parts.insert(rng.randrange(len(parts) + 1), pick(rng, RAMBLE))
    if rng.random() < 0.6:
        parts.append(pick(rng, DARK))
    if rng.random() < 0.5:
        parts.append(pick(rng, BURDEN))
    risk = {"passive": PASSIVE, "active": ACTIVE, "plan": PLAN}[kind]
    risk_lines = [pick(rng, risk)]
    if rng.random() < 0.4:
        risk_lines.append(pick(rng, rng.choice([PASSIVE, ACTIVE, PLAN])))
    # Risk tends to come after the backstory, but not always.
    at = rng.randint(max(1, len(parts) - 2), len(parts))
    parts[at:at] = risk_lines
    if rng.random() < 0.35:
        parts.append(pick(rng, HELP_FAILED))
    if rng.random() < 0.5:  # the long, rambling kind: more backstory and more of how it feels
        pools = [CONTEXTS, MOOD, DARK, RAMBLE, BURDEN, HELP_FAILED, MOOD, DARK, RAMBLE, MOOD]
        for pool in rng.sample(pools, rng.randint(4, 9)):
            parts.insert(rng.randrange(1, len(parts) + 1), pick(rng, pool))
    flags = ["crisis"]
    r = rng.random()
    if r < 0.22:
        parts.append(pick(rng, ASK_CLOSINGS))
        flags.append("advice")
    elif r < 0.85:
        parts.append(pick(rng, CLOSINGS))
    parts = list(dict.fromkeys(parts))
    body = join_runon(parts, rng, runon=rng.choice([0.1, 0.3, 0.5, 0.7]))
    if rng.random() < 0.15:
        body = pick(rng, AGE_TAGS) + body
    text = _join_title(pick(rng, RISK_TITLES), body, rng) if rng.random() < 0.85 else body
    return _style_long(text, rng), _labels(*flags), f"suicidal_{kind}"


def self_harm_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, SELF_HARM)]
    if rng.random() < 0.7:
        parts.insert(0, pick(rng, CONTEXTS))
    for _ in range(rng.randint(1, 2)):
        parts.append(pick(rng, MOOD))
    if rng.random() < 0.6:
        parts.append(pick(rng, SELF_HARM))
    if rng.random() < 0.3:
        parts.append(pick(rng, PASSIVE))
    if rng.random() < 0.25:
        parts.append(pick(rng, HELP_FAILED))
    flags = ["crisis"]
    if rng.random() < 0.35:
        parts.append(pick(rng, ASK_CLOSINGS))
        flags.append("advice")
    elif rng.random() < 0.6:
        parts.append(pick(rng, CLOSINGS[:8]))
    parts = list(dict.fromkeys(parts))
    body = join_runon(parts, rng, runon=rng.choice([0.2, 0.4, 0.6]))
    text = _join_title(pick(rng, SH_TITLES), body, rng) if rng.random() < 0.8 else body
    return _style_long(text, rng), _labels(*flags), "self_harm"


def danger_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, DANGER_SCENES)]
    if rng.random() < 0.6:
        parts.insert(0, pick(rng, DANGER_OPENERS))
    for _ in range(rng.randint(1, 3)):
        parts.append(pick(rng, DANGER_TAILS))
    flags = ["crisis"]
    if rng.random() < 0.65:
        parts.append(pick(rng, DANGER_ASKS))
        flags.append("advice")
    parts = list(dict.fromkeys(parts))
    text = join_runon(parts, rng, runon=rng.choice([0.2, 0.5]))
    return tidy(messy(text, rng, strength=rng.choice([0.3, 0.6, 0.9]))), _labels(*flags), "danger_now"


def abuse_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, ONGOING_ABUSE)]
    if rng.random() < 0.4:
        parts.insert(0, pick(rng, DANGER_OPENERS))
    for _ in range(rng.randint(1, 2)):
        parts.append(pick(rng, ABUSE_TAILS))
    if rng.random() < 0.3:
        parts.append(pick(rng, MOOD))
    flags = ["crisis"]
    if rng.random() < 0.6:
        parts.append(pick(rng, DANGER_ASKS))
        flags.append("advice")
    parts = list(dict.fromkeys(parts))
    text = join_runon(parts, rng, runon=rng.choice([0.2, 0.5]))
    return _style_long(text, rng), _labels(*flags), "abuse_ongoing"


def other_person_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, OTHER_SCENES)]
    if rng.random() < 0.6:
        parts.insert(0, pick(rng, OTHER_OPENERS))
    for _ in range(rng.randint(1, 2)):
        parts.append(pick(rng, OTHER_TAILS))
    flags = ["crisis"]
    if rng.random() < 0.75:
        parts.append(pick(rng, OTHER_ASKS))
        flags.append("advice")
    parts = list(dict.fromkeys(parts))
    text = join_runon(parts, rng, runon=rng.choice([0.2, 0.5]))
    return tidy(messy(text, rng, strength=rng.choice([0.3, 0.6, 0.9]))), _labels(*flags), "other_at_risk"


# ---------------------------------------------------------------------------------------------
# Short crisis texts: YouTube comments under a therapist's videos, Reddit comments, DMs.
# ---------------------------------------------------------------------------------------------

SHORT_CRISIS = lines("""
watching this at 3am because i don't want to be alive anymore
i'm not going to be here much longer tbh
i wish i could just disappear forever
been thinking about killing myself every night this week
i want to die and this video isn't helping
anyone else watching this because they want to end it
i have the pills next to me while i watch this
i'm so tired of existing, i just want to sleep forever
i don't think i'll make it through this week
i cut myself again today
i'm going to end it tonight, i just wanted to hear a kind voice first
everyone keeps saying it gets better but i'm done waiting
nobody would care if i died tomorrow
i relapsed on self harm last night after a year
i'm writing my goodbye letters right now
i've been planning my suicide for weeks and nobody knows
i can't do this anymore. i really can't
i want to go to sleep and not wake up
i tried to end my life last month and i still want to
no point anymore, nothing helps
i'm done. i'm so done
tired of fighting to stay alive every single day
i took too many pills and i'm scared
i feel like everyone would be better off if i was gone
sitting on the roof of my building right now
this might be the last video i ever watch
i'm 16 and i already want to die
i've been sh again, my arms are a mess
i'm going to kms this weekend, i've decided
i want to unalive myself so bad rn
thinking about catching the bus tonight
i don't want to be here anymore
can't stop thinking about the bridge
i have a rope in my closet and i keep looking at it
today i wrote my will. i'm 23
nobody will miss me, that's just a fact
i keep hurting myself and i can't stop
i'm so close to doing it
no one would even notice if i was gone
i've said goodbye to my friends already, they just don't know it
every night i pray not to wake up
the voices are telling me to do it again
i want it all to stop, please just stop
i just want to be dead honestly
i'm sorry to everyone who tried with me
it's my last night
i'm at the train station and i don't plan on getting on the train
i haven't eaten in four days and i don't plan to
it hurts so much i want to die
i can't see a way out except one
why do i even keep trying. i'm ending it
i stopped taking my meds so i can take them all at once
my wrists are bleeding and i don't care
i cut deeper than ever last night
i'm drunk and holding a knife
i keep looking at the kitchen knives
my plan is ready
nobody believes me so maybe they'll believe me when i'm gone
i just want to fall asleep and not wake up ever
i'm tired of being alive
i'm not okay. i don't want to live
i can't keep going like this, i want to end it all
dont want to be alive anymore tbh
i'm in the bathtub with a razor
i want to jump
life isn't worth it anymore and i'm done pretending it is
just took all my sleeping pills. bye
can't stop thinking about ways to die
i think about suicide every single day now
my suicidal thoughts are getting really loud again
i feel like i'm going to hurt myself tonight
the urge to self harm is so strong right now
my mental state is really bad, i'm thinking about ending things
if i'm not here next week, thank you for the videos
i gave my dog to my neighbor today. i won't need to take care of him anymore
i've decided this is my last birthday
i want to die so badly it hurts
my friends don't know this is goodbye
i'm tired. i think i'm going to let go
i have been drinking and i keep looking at the pills
i don't see myself alive by christmas
help i want to die
someone please talk me out of it
i can't stop crying and i want to die
just want to be gone
i am not safe right now
i'm scared of what i'm about to do
what's the point in living, genuinely asking, i'm done
i tried to kill myself yesterday and my mom doesn't know
i'm in the hospital after an overdose and i wish it worked
""")

# Algospeak-first and evasive forms that people use to slip past filters.
SHORT_EVASIVE = lines("""
finna end it tonight fr, nobody gonna miss me
bout to unalive myself no cap
i'm so done bro i'm ending it for real this time
lowkey planning my exit 🚪 and i'm calm about it
not trying to be dramatic but i won't be here tmrw
i'm tryna disappear permanently
ngl the 🪢 in my closet is looking like an option
pills + vodka tonight, no more
i'm gonna jump fr i'm on the roof
my arms are covered in fresh 🔪 marks again
relapsed on sh, it's bad this time, like really bad
bro i actually tried to kms last night and i'm still thinking about it
cant do this no more i'm out of here for good
thinking bout ending it all lately and it's not a joke
deadass want to die rn
ppl keep saying lol when i say i want to die but i'm being serious
i'm sewerslidal asf and nobody gets it
gonna ctb this weekend, already wrote the letters
i've been doing sh again, like every night
i want to be 6 feet under fr fr
i'm tired of being alive istg
brb unaliving (this isn't a bit)
the thoughts r back and i have a plan this time
tw: i took a bunch of pills like 20 min ago
mom's bf hit me again and he's yelling outside my room rn
my friend just sent me a gbye text and won't pick up
does anyone else just know they'll end up killing themselves eventually
yeah i'm done 🖕 not waking up tomorrow if i can help it
thinking about unaliving myself again 🙃
kms fr this time, nothing is working
i wanna sewerslide so bad rn
s*icidal again, day 40
su1cide is the only thing on my mind lately
catching the bus tonight 🚌
planning to ctb soon
i want to be unalive
going to unalive myself this weekend
sh again. 🔪
i'm about to 🔪 again
🔪🩸 last night again
been s/h-ing every night this week
i want to k*ll myself
feeling very sewerslidal tonight
i want to go to sleep and never wake up 💤
gonna take all my 💊 tonight
💊💊💊 and then sleep forever
idk how much longer i'll be here 🪦
i want to not be alive
i'm gonna do the thing i promised i wouldn't do
the s-word thoughts are back
unalive thoughts won't stop
kys is what everyone says to me and tbh i'm going to
i keep thinking about the forever nap
tired of existing fr. gonna log off permanently
fine i'll just stop existing then, it's what everyone wants
ending it 2nite
i want to d!e
i just want to d1e already
gonna be a star soon ⭐ can't wait to leave
thinking of taking a long walk off a short bridge. not joking this time
not joking when i say i want to die
i mean it this time. i'm going
im tired of being alive lol. no really
lol i'm actually going to kms, not even kidding
haha i'm fine i'm just planning my funeral
""")

# People asking about means. Crisis, and a request for guidance.
METHOD_QUESTIONS = lines("""
how many of my sleeping pills would it take to not wake up
which over the counter meds are the most painless way to go
how high does a building need to be so it's certain
what's the least painful way to die, i've made up my mind
if i mix my antidepressants with alcohol will i just sleep forever
does anyone know how long it takes to bleed out
how much insulin would be too much for someone my size
is there a way to make an overdose hurt less
would jumping from the third floor be enough
""")


# Non-native and messy English.
SHORT_NONNATIVE = lines("""
i am not want to live anymore, every day is pain
please i am very tired of the life, no reason for stay
sorry my english. i think to finish my life this week
my husband hit me every night and today he say he will kill me
i take many pill now i dont know what happen
i have no more power for live, i want die
nobody in this country care for me, i want to go from this world
i am think about suicide since three month
i cut my hand again yesterday, i cant stop this
my father is beating my mother now i hear from my room what i do
why i am alive? i want sleep and no wake
forgive me my family, i am not strong
i am alone here, no work, no friend, i want finish all
i have already the rope, i only wait night
i am student, i fail exam, my parents will kill me, i better die first
life for me is finish. tonight i go
i drink all the bottle and i want to jump
i dont want be alive anymore sorry for bad english
my brother say he go kill himself today and not answer phone
plz help i want to dye
""")

# Short DMs to the therapist's account from strangers (not clients).
DM_CRISIS = lines("""
hi, i don't know if you read these but i don't want to be alive anymore
is this account monitored? i'm not safe right now
please answer, i took something
i saw your video on depression and i think i'm past that point. i have a plan
sorry to message a stranger. i'm thinking about ending my life tonight
i cut myself really badly and i don't know if i need a hospital
my girlfriend just sent me a goodbye text, what do i do
i know you're not my therapist but i have nobody else. i want to die
i'm hiding in my car because my husband has been hitting me, where can i go
i don't want help i just want someone to know i was here
i've been self harming for two years and it's getting worse, what should i do
i'm 14 and i want to kill myself, please don't tell anyone
can you tell me how many pills is too many
i'm sitting on the bridge by my house
my dad is beating my mom right now and i'm in my room
i keep thinking about jumping in front of a train
it's 4am and i'm scared of myself
i'm going to do it tonight. thank you for your videos, they helped for a while
i overdosed last week and i'm planning to try again
my friend says she's going to hang herself and she's not picking up
i'm a teacher and a student just told me he has a gun and a plan for tonight
my son just told me he wants to die and locked his door
""")

# Replies inside Reddit threads: the risk is in the reply, not the post it answers.
REPLY_CRISIS = lines("""
same. i've been thinking about ending it too
this is me right now, the pills are on the nightstand
op i'm in the same spot, i don't think i'll be here next month
i wish i had your strength. i gave up last week and i'm just waiting now
reading this while sitting on my bathroom floor with a blade
honestly same, i tried two weeks ago and i'm planning to try again
i relate to this so much it scares me. i wrote my note yesterday
you're not alone, i want to die too. every single day
i'm the friend who said goodbye. i'm still planning to go
this thread is the only thing keeping me from doing it tonight
i'm in the same boat, except i already bought what i need
me too. i just don't want to wake up tomorrow
saving this post in case i'm still here next week
i read this every night and tonight i don't think it's enough
i can't even reply properly, i'm drunk and i want to die
i did the same thing last night, cut until i couldn't feel it
mine is friday. i've decided
i want to believe it gets better but i have the rope ready
my parents don't know i tried last month. i'm still thinking about it
""")

SHORT_PREFIXES = ["", "", "", "", "honestly ", "idk ", "ngl ", "not gonna lie ", "tbh ", "i'll be honest, ",
                  "watching this at 2am and ", "this video came up at the right time... ", "sorry to dump this here but ",
                  "i never comment but ", "real talk, ", "i know nobody reads these but "]
SHORT_SUFFIXES = ["", "", "", "", " 😔", " 😞", "...", " nobody cares anyway", " sorry", " sorry for dumping this here",
                  " i'm so tired", " 💔", " please", " 🥀", " 😭", " idk why i'm posting this", "."]


# ---------------------------------------------------------------------------------------------
# Crisis from someone who is (or was) the therapist's own client.
# ---------------------------------------------------------------------------------------------

# Short crisis lines that read naturally after a client cue (no "this video", no age).
CLIENT_OK_SHORT = [ln for ln in SHORT_CRISIS if not re.search(r"video|watch|comment|\b1\d\b|posting", ln)]

CLIENT_CUES = lines("""
i know our session is thursday but i can't wait that long
sorry to message you here instead of through the portal
you said in session i could reach out if it got really bad
i know i cancelled last week
i didn't want to say this in our session
i know you told me not to use this account for emergencies
since we started working together this is the worst it's been
the breathing thing you taught me isn't working tonight
i know we talked about this on monday
i tore up the safety plan we made together
i lied to you last session when i said i was fine
i know you're on vacation and i'm sorry
it's me from your tuesday 4pm
i couldn't get through on your office line
remember when you asked me to tell you if the thoughts came back
you're literally my therapist and i still couldn't tell you this to your face
i'm not going to make it to our appointment tomorrow
i know it's after hours
i stopped coming to sessions in june and i'm sorry
after what we talked about in session yesterday
i didn't do the homework you gave me, i couldn't
you asked me last week if i was safe and i said yes
i know you said to call the crisis line first
i saw you posted a new video and i didn't know how else to reach you
my mom doesn't know i'm seeing you
i was your client a couple of years ago
i used to see you at the clinic on main street
i've been doing the worksheets you gave me but
""")

CLIENT_CRISIS = lines("""
i have the pills in front of me
last night was bad and i cut again
the thoughts are back and they're worse than before
i don't want to be alive anymore
i have a plan this time
i wrote the letters we talked about me not writing
i won't be around for the next one
i'm sitting in my car at the lake again
i took more of my meds than i should have about an hour ago
he hit me again and i'm at my sister's but he knows where she lives
i relapsed on self harm and it's deep
i don't think i can keep myself safe tonight
i've been planning it and i'm calm about it now, which scares me
i'm going to end it this weekend
i'm standing on the balcony
i've been drinking and i keep thinking about the gun
i want to die and i'm tired of pretending in front of you
i'm not safe at home right now
my ex showed up at my door and he's drunk and yelling
i keep thinking about the bridge we talked about
i went to the hardware store and bought the rope
i haven't slept in three days and i want it to be over
""")

CLIENT_ASKS = lines("""
what do i do
can you call me
should i go to the hospital
please tell me what to do
do i go to the er or wait for our session
is it okay if i come in early
can we talk tonight
how do i get through until thursday
""")

CLIENT_CLOSINGS = lines("""
i'm sorry
i'm so sorry
please don't be mad
i didn't know who else to tell
please don't call my parents
i just needed you to know
thank you for everything you've done for me
""")

# Whole messages that already carry both signals.
CLIENT_WHOLE = lines("""
i know our session is thursday but i can't wait that long, i have the pills in front of me
you told me to reach out if it got bad. it's bad. i don't want to be alive
i can't come to session tomorrow. i won't be around
remember the safety plan we made? i threw it out
i didn't tell you everything last week. i've been planning it
i'm one of your clients and i'm not doing okay, i don't think i'll make it to our next appointment
dr, it's me. i did it again, the cutting. i'm sorry i promised
i know you said not to message here but i'm at the bridge
thank you for the last two years of sessions. this is goodbye
i don't want to wait for our appointment, i want to die now
you were the only one who listened. i'm sorry i couldn't keep my promise
i've been lying in our sessions. i'm not safe. i haven't been for weeks
my husband hurt me again after our session, he found the notes from therapy
i'm your client from the tuesday group and i took a lot of pills
can we move my appointment to today? i'm scared i'll hurt myself
i know this isn't how we agreed i'd contact you but the thoughts are really bad
""")


# ---------------------------------------------------------------------------------------------
# Hard negatives: texts that share words with crisis talk but carry no current risk.
# ---------------------------------------------------------------------------------------------

HYPERBOLE = lines("""
i'm finna die laughing at this
bout to unalive this whole pizza
yeet me into the sun, it's only wednesday lol
brb crying in the club 😭
deadass the funniest video on this app
i'm weak 😭😭 who let him cook
bro said 'trust me' and then got destroyed 💀
this beat goes so hard i'm deceased
ate and left no crumbs, i'm dead
my last brain cell died during the intro lmao
the way i screamed, neighbors probably think i'm being murdered
not the plot twist killing me at 2am
she's so iconic i would literally take a bullet for her
i'm unalive after that jumpscare lmaooo
kms this homework is 40 pages lol
this video killed me 😂
i'm dead lmao
kill me now, monday again
i literally died at 3:42
the cat at the end 💀💀💀
my sides are gone, i can't breathe 😂
this intro is to die for
i would die for this channel honestly
if i hear that ad one more time i'm going to lose it
my brain is fried after finals lol send help
the way he said that, i'm crying 😭
not me dying at the bloopers
you absolutely killed it with this one
killing it as always!
ok this one destroyed me 😭 in a good way
i'm deceased 💀
bro i'm crying real tears laughing at 5:10
the dog in the background made me die
this outfit is killer
that pun was so bad i want to crawl into a hole 😂
kms the group project is due tomorrow and nobody did anything lol
kill me, i have three exams tomorrow
i'm going to kill my brother, he ate my leftovers
i could die of embarrassment, i sent my boss a heart emoji
my mom is going to kill me when she sees my report card lol
i want to die laughing at this
studying for organic chem makes me want to jump off a cliff lol
this heat is killing me
my feet are killing me after that hike
that plot twist killed me, didn't see it coming
i nearly died when she walked in at the end
i'm dead tired but i watched the whole thing
dying to know where you got that mug
dying to see part 2
the suspense is killing me, upload the next one!!
i'm so dead, i forgot my mom's birthday
these edits are sick
that transition was insane, you killed it
shoot me, i just realized it's only tuesday
my wifi is dying and so am i lol
the math test murdered me today
he really said 'i'm built different' and then fell over 💀
i'm screaming 😭😭
rip my sleep schedule
rip to my wallet after watching this haul
i died when the baby sneezed
if my team loses tonight i'm jumping off my couch
me at 3am watching this instead of sleeping: i'm fine, everything's fine 🙃
lowkey want to throw my laptop out the window, excel is the devil
i'd rather die than do another burpee
that joke was so dry i'm dead
this song slaps so hard i died
when he dropped the cake i died a little inside
i'm not crying you're crying
my last two brain cells after watching this 🧠💀
this killed my productivity for the day lol
if this doesn't get a million views i'll riot
""")

TOPIC = lines("""
your video on suicide prevention helped my class so much
showing this in my psych 101 lecture on self-harm awareness next week
great breakdown of the warning signs, i learned a lot
the stats on suicide rates in middle-aged men are sobering, thank you for covering this
as a school counselor i'm sharing this with our whole staff
can you do a video on how to ask someone directly about suicide? i'm a youth pastor
i'm writing my dissertation on self-harm in adolescents and your channel has good plain-language explanations
this should be required training for every teacher
really appreciated the part about safe messaging around suicide in the media
the myth that asking about suicide puts the idea in someone's head needed busting, thanks
we used your video in our mental health first aid course
the difference between self-harm and suicidal intent was explained so clearly
as a paramedic, this is a topic more of my colleagues need to hear about
i work on a crisis line and this is exactly how we're trained to respond
could you talk about the research on means restriction? fascinating stuff
that study about bridge barriers reducing suicides was new to me
our school had a suicide awareness week and we played this video in homeroom
the part on how to talk to kids about a family member's suicide was so gentle
i'm a nurse in an er and we see a lot of overdoses, this was a helpful refresher
is there a difference between passive and active suicidal ideation? asking for my psych exam
the history of how suicide used to be treated as a crime is wild
i wish this had existed when i was in nursing school
how accurate is the statistic that most people who survive an attempt don't die by suicide later?
great video on self-harm myths, sharing with my team
could you cover the columbia suicide severity scale in a future video?
thank you for not being sensational about a really serious topic
the 13 reasons why discourse was so important, thanks for breaking it down
this helped me understand what my patients go through, i'm a med student
please make a video about suicide prevention for veterans
i appreciate that you used 'died by suicide' instead of 'committed'
we're putting together a suicide prevention program at work, any good resources?
""")

SUPPORT = lines("""
if you're struggling please call 988 ❤️
to anyone reading this at 2am: please stay, we need you here
if you're in the us you can text home to 741741, it's free
sending love to everyone in these comments who's having a hard time
whoever needs to hear this: you are not a burden
if you're reading this and thinking about ending things, please reach out to someone tonight
to the person who commented about wanting to die, please talk to someone, you matter
in the uk samaritans are on 116 123, day or night
i hope everyone in this comment section is doing okay today 💛
please check on your friends, even the strong ones
i don't know who needs this but your life has value
if your friend tells you they want to die, take it seriously and stay with them
the crisis text line saved my friend's life, please use it if you need it
you're not alone, there are people who care even if it doesn't feel like it right now
hang in there everyone, the hard days don't last forever
reminder: 988 is also for people worried about someone else
if you're in australia, lifeline is 13 11 14
take care of yourselves this holiday season, it's a hard time for a lot of people
to anyone fighting urges tonight, you've survived every bad night so far ❤️
please don't give up on yourself, you deserve to see how your story turns out
i'm a volunteer listener, you can always find someone to talk to on the warmlines
if you're hurting, put the phone down and text a friend, i promise they want to hear from you
be kind to people, you never know what someone's going through
drink some water, take your meds, you matter 🫶
canada folks: 988 works here now too
""")

RECOVERY_SHORT = lines("""
3 years ago i attempted, today i'm thriving
five years clean from self harm today 🎉
this channel got me through the worst year of my life, i'm doing so much better now
two years ago i wanted to die. today i got married
i used to self harm and now my scars are just part of my story
a year ago i was in a psych ward, today i started my dream job
i survived my attempt in 2019 and i'm so glad i did
one year free from sh! never thought i'd make it
i was suicidal all through high school, i'm 28 now and life is genuinely good
hit 500 days without cutting today
i remember watching your videos in the hospital after my overdose. i'm in college now
my scars have faded and so has the voice that told me to hurt myself
i wanted to die at 19. i'm 40 now and so glad i stayed
six months since my last suicidal thought, therapy works y'all
i used to think i wouldn't make it to 25, i'm turning 30 next week 🎂
my attempt was the lowest point of my life, recovery was slow but it happened
i haven't self harmed in 4 years, the urges barely come anymore
looking back at where i was last winter, i can't believe i'm still here and happy
just celebrated 2 years sober and 2 years without wanting to die
""")

GRIEF_SHORT = lines("""
lost my dad to suicide in 2019, thank you for talking about it so gently
my brother died by suicide last year and this video put words to things i couldn't say
my best friend took her life in college, i still think about her every day
my grandma passed last week and this video made me cry in a good way
losing my mom was the hardest thing i've been through, grief really does come in waves
i miss my dog so much, it's been a month and i still look for him
my uncle died by suicide when i was a kid, i wish someone had talked about it back then
grief is just love with nowhere to go
we lost a classmate to suicide this spring and our school handled it badly
it's been ten years since my sister died and some days it still knocks me flat
my friend overdosed last year, this video helped me understand what he was going through
my cousin died in a car crash last month and i can't stop thinking about how young she was
""")

GAMING = lines("""
i killed the final boss on my first try!!
died to the same jump forty times 😤
that headshot at 12:03 was insane
the way you unalived that whole zombie horde lol
my character keeps dying in the first level, this game is brutal
kill count at the end was wild
he got killed by a chicken in minecraft 😂
i cut through that raid boss like butter
dying in elden ring is basically the tutorial
the suicide squad game was such a letdown
i keep getting killed by campers in cod
permadeath mode is no joke
respawn timers are killing this game
i shot the guy, reloaded, and got sniped from across the map 💀
speedrunners who die on purpose to skip cutscenes are geniuses
the death animation in this game is so over the top
we wiped the whole server lol
my sims keep dying in a fire because i forget the smoke alarm
lost all my hardcore progress, i'm devastated lol
that kill streak though 🔥
""")

EVERYDAY = lines("""
cutting onions always makes me cry lol
kill the heat before you add the cream or it splits
cutting carbs has been rough but i'm down 10 lbs
the knife skills section 🔪 was so helpful, thank you
where did you shoot this? the lighting is gorgeous
dying to know what brand that sweater is
i cut my own bangs after watching this and regret nothing
we're shooting my sister's wedding photos next month, any tips on lenses?
cutting the cord was the best financial decision i made
my plants keep dying no matter what i do 😭
how do you get such clean cuts on the sushi rolls?
my phone is about to die, will finish watching later
i cut my hair short and i feel like a new person
the battery died halfway through my run
how do you kill fruit flies without chemicals?
i need to cut back on caffeine lol
bleeding heart plants are so pretty
this recipe is killer, made it twice this week
we shot the music video in one take
my car died on the highway this morning, great start to the day
the bread rose then died in the oven, what did i do wrong
this weed killer recipe actually works
cut the fabric on the bias for a better drape
i'm dying my hair pink this weekend
the fish in my tank died and i feel terrible
he shot his shot and she said yes 😍
cut the tomatoes into wedges, not slices
my laptop died right before my presentation
this dead battery is going to be the death of me
""")

LYRICS_MEDIA = lines("""
this song got me through high school
the line about not wanting to wake up in this song is so haunting, what a track
the bridge of this song where she sings about disappearing gives me chills every time
this song is about his friend who died, that's why it hits so hard
the music video for this is so dark but beautiful
'i'm tired of being what you want me to be' hits different at 30
this album is basically a breakup diary and i love it
the ending of romeo and juliet always gets me
when the main character dies at the end of season 3 i screamed
the way the movie handled her death was so well done
this book about a teen who attempts and recovers should be in every library
the villain dying in the rain scene is iconic
does anyone know the name of the song at 4:32?
the hamlet 'to be or not to be' speech was explained so well here
this band's lyrics are so sad but the melody is upbeat, classic
the true crime podcast episode about the poisoning was insane
the way she killed him and then went to brunch is wild
he got 25 to life, not enough if you ask me
the documentary on the hostage situation was so tense
the news about the bridge collapse is so sad, thoughts with the families
that murder mystery had me guessing till the end
history class today was about the assassination of lincoln
the war documentary was hard to watch but important
i read the whole wikipedia page on the jonestown massacre at 2am
the opera ends with everyone dead, as usual
sylvia plath's poetry is so beautiful and heartbreaking
the true crime community needs to remember these were real people
""")

# Low mood or stress with no risk, asking for guidance: ["advice"].
LOW_MOOD_ADVICE = lines("""
how do i stop overthinking at night?
any tips for when you feel low but can't explain why?
i've been sad since my breakup, how long does this usually last?
how do i get motivated when everything feels like a chore?
my anxiety spikes every sunday night before work, what can i do?
is it normal to feel numb after a big loss?
i feel lonely since moving cities, how do adults make friends?
how do i know if what i have is depression or just burnout?
i cry at random times lately, is that a sign of something?
how do i talk to my parents about going to therapy?
what's the difference between sertraline and fluoxetine?
i can't get out of bed on weekends, any advice?
my panic attacks are getting more frequent, should i see a doctor?
how do you deal with intrusive thoughts about embarrassing things?
i'm not suicidal or anything, just really flat. how do i find joy again?
should i tell my boss i'm struggling with depression?
i feel like a failure compared to my friends, how do i stop comparing?
how do i support my partner who has depression without burning out?
my teenager stopped talking to me, how do i reach her?
is it okay to take a mental health day from school?
i've been grieving my dad for a year and i still feel heavy, when does it lift?
what do i do when my therapist doesn't seem to get me? should i switch?
how do i set boundaries with a mom who guilt trips me?
i'm so stressed about exams i can't eat, any tips?
how can i tell if my friend's drinking is a problem?
does exercise actually help with depression or is that a myth?
i keep snapping at people, how do i manage anger?
my seasonal depression is starting, what actually works?
how do i stop feeling guilty all the time?
i used to self harm years ago and i'm fine now, but how do i explain my scars at a new job?
my friend told me she used to feel suicidal in high school, how do i bring it up gently now?
i had a rough week and i feel hopeless about my career, how do i get my confidence back?
is it normal to still feel sad a year after a breakup?
what should i do if my antidepressant makes me tired all the time?
i feel empty most days but i'm safe. where do i even start with therapy?
how do i cope with my dad's cancer diagnosis?
i'm exhausted after work every day and have no energy for my kids, what helps?
how do i stop doomscrolling before bed?
i feel like nobody likes me at my new school, what should i do?
my wife lost her job and she's really down, how can i help her?
""")

# Long non-crisis posts: low mood asking for help, recovery, grief, helping a friend.
ADVICE_TITLES = lines("""
how do i get out of this rut
need some advice please
is this depression or am i just lazy
how do you guys cope with loneliness
i feel stuck and i don't know what to change
what actually helped your depression?
feeling really low lately, any tips
how do i start therapy when i can't afford much
is it normal to feel this flat all the time
burnt out and don't know what to do
how do i stop hating myself
advice for getting through a breakup?
long post, sorry. just need perspective
my motivation is completely gone
what do you do on the bad days?
how do i make friends at 30
should i go back on meds?
how do i explain depression to my parents
struggling since the move
i feel like i'm failing at adulthood
""")

# Openers that crisis posts use too; here they lead into an ordinary question.
ADVICE_OPENERS = lines("""
throwaway for obvious reasons
throwaway because my friends know my main
it's 2am and i can't sleep so here goes
long time lurker, first post
i'm on mobile, sorry for formatting
not sure if this is the right sub
i've never posted here before
sorry for the wall of text
""")

SAFE_NOTES = lines("""
i'm not suicidal or anything, i want to be clear about that
to be clear i'm safe, i'm just really tired of feeling this way
i'm not in danger, i just feel stuck
i don't want to die or anything, i just want to feel like myself again
i have no plans to hurt myself, i just don't know how to get unstuck
i'm okay-ish, not in a dark place, just grey
""")

ADVICE_TRIED = lines("""
i've tried journaling but i stop after a few days
i started going for walks which helps a little
i have a doctor's appointment next month but that feels far away
i tried an app for meditation and honestly it kind of helped
i told my sister and she was supportive but she doesn't really get it
i've been reading self help books but they all say the same thing
i cut back on drinking which made a small difference
my work has an employee assistance program but i haven't called yet
i joined a gym but i haven't gone since the first week
i've been keeping a sleep schedule and it's a little better
""")

ADVICE_ASKS = lines("""
what actually worked for you?
how do i get out of this?
any advice at all would help
should i try medication or keep going with therapy?
how do i find a therapist who takes my insurance?
how do you keep your routine going on the bad days?
is this something that gets better on its own or do i need help?
what's the first step i should take?
how do i talk to my doctor about this without feeling stupid?
how do you explain to people that you're not lazy, you're depressed?
what helped you feel less lonely?
how do i stop comparing myself to everyone?
any book or podcast recommendations?
how long did it take before you felt better?
""")

RECOVERY_OPENERS = lines("""
two years ago tonight i was in the er after trying to end my life
a year ago i posted here saying goodbye
this time three years ago i had a plan and a date
i used to lurk this sub every night when i was at my lowest
five years ago i attempted and i honestly never thought i'd write a post like this
i haven't self harmed in 18 months and i wanted to share
last spring i was in a psych ward
when i was 16 i was sure i wouldn't make it to 18
i was suicidal for most of my twenties
this is a recovery post, i promise it's not a sad one
""")

RECOVERY_PAST = lines("""
back then i couldn't get out of bed and i was sure everyone would be better off without me
i had the pills saved up and i'd written the letters
i was cutting every day and hiding it under long sleeves even in summer
i truly believed nothing would ever change
my parents found me and i was so angry at them for calling the ambulance
i'd stopped eating and stopped answering anyone
i remember thinking i was a burden on everyone i loved
i spent nights googling ways to die and crying myself to sleep
i lost my job and my apartment in the same month and i gave up
the thoughts were so loud i couldn't hear anything else
""")

RECOVERY_TURN = lines("""
what changed was finally finding a therapist i clicked with, the third one i tried
the medication took about six weeks to kick in and then things got slowly less heavy
my best friend moved in with me for a month and made me eat breakfast every day
i did an intensive outpatient program and learned dbt skills that i still use
i started volunteering at an animal shelter and it gave me a reason to get up
i called a crisis line one night and the person on the phone stayed with me for two hours
i got sober, which i didn't even realize was making everything worse
i made a safety plan and gave my meds to my mom to hold
i moved back home for a while, which felt like failure but saved my life
honestly it wasn't one thing, it was a hundred tiny things over two years
""")

RECOVERY_NOW = lines("""
today i have a job i like, a cat named biscuit, and friends who know the real me
i'm graduating next month, first in my family
i still have bad days but they're days, not years
i got engaged last weekend
my scars have faded and i wear t-shirts again
i ran my first 10k this morning
i'm training to become a peer support worker
i laugh now, like real laughing, which i forgot was possible
i haven't had a suicidal thought in over a year
i'm actually excited about next year, which is a sentence i never thought i'd write
""")

RECOVERY_MESSAGES = lines("""
if you're where i was, please hang on. it can change even when it feels impossible
i'm not saying it's easy, but please give it a little more time
reach out to someone tonight if you need to, it's not weak
thank you to this sub for keeping me company on the worst nights
i just wanted to post the update i wish i'd seen back then
please stay. the version of you in two years will thank you
""")

GRIEF_OPENERS = lines("""
my dad died three weeks ago
we lost my brother to suicide in august
my best friend died in a car accident in the spring
my mom passed after a long illness last month
it's been a year since my grandpa died
my partner died suddenly in october
""")

GRIEF_FEELINGS = lines("""
i keep picking up my phone to text him and then remembering
some days i'm fine and then a song in the grocery store wrecks me
i feel guilty for laughing at anything
everyone else seems to have moved on and i'm still in the same place
i keep replaying our last conversation
i can't bring myself to clean out her room
i'm angry at him and then i feel awful for being angry
the house is so quiet now
i don't know who i am without her
i wasn't there when it happened and i can't forgive myself
""")

GRIEF_ENDS = lines("""
i'm not in any danger, i just miss him so much
how do you carry this?
does it get easier or do you just get used to it?
how do i support my mom when i can barely hold myself together?
i just needed to say it somewhere
any books on grief that actually helped you?
is it normal to still feel this way after this long?
""")

FRIEND_SUPPORT = lines("""
my best friend has been really depressed for months and i don't know how to help her. she's not in danger, she's seeing a doctor, but she cancels every plan. how do i show up for her without being pushy?
my boyfriend told me he self harmed when he was a teenager. he's fine now and it was years ago but i want to be supportive if it ever comes up. what should i say or not say?
my roommate has been really down since her breakup and sleeps most of the day. she says she's okay and not thinking of hurting herself. should i push her to see someone?
my dad has been quiet since he retired and just watches tv all day. i think he might be depressed. how do i bring it up with a 70 year old man who thinks therapy is nonsense?
a friend from work tried to end her life two years ago and she's doing well now. she's asked me to come to a fundraiser walk with her. what's a good way to support her on the day?
my sister has bipolar disorder and she's stable right now. i want to learn how to notice early signs of an episode. any good resources?
my teenage son seems really withdrawn lately, mostly gaming in his room. his grades are fine and he says he's just tired. how do i check in without making him shut down?
my mom keeps saying she's 'tired of everything' since my dad died but she's busy, seeing friends, and laughs a lot. is that just grief talk? how do i check on her?
""")

TOPIC_LONG = lines("""
i'm a high school teacher and after we lost a student to suicide last year our staff realized none of us knew what to say. we're putting together a training day in the spring. if anyone has resources on postvention in schools, or on how to talk with teens after a loss without glamorizing it, i'd be grateful.
doing my masters thesis on how reddit communities respond to people in crisis. not recruiting or anything, just wanted to say how much care i see in the replies here. the peer support is incredible. some of the comment chains i've read are better than anything in my textbooks.
unpopular opinion maybe, but i think the way the new show handles the character's suicide is irresponsible. they show the method in detail and it's framed like a revenge plot. there's real research on contagion after media coverage. curious what others thought of the finale.
our town is finally putting barriers on the bridge after years of people asking. it's weird how controversial it was, people complained about the view. the research on means restriction is pretty clear that barriers save lives and people don't just go somewhere else.
i just finished reading a memoir by a woman who survived a jump from a bridge and went on to become a psychologist. it's not an easy read but it's so hopeful. she talks about the moment she let go and immediately wanted to live. highly recommend if you can handle the subject.
anyone else think the history of asylums is fascinating and horrifying? just watched a documentary about how people with depression were treated in the 1800s. so grateful for how far things have come even if the system still has a long way to go.
the new crisis line number rollout was so chaotic in our state. nobody knew if it connected to police or not. as a social worker i've had to explain to clients three times this month what happens when you call. we need better public info on this.
i play a lot of horror games and the new one has a whole level about a character's depression and self harm. it's handled with a content warning and the ending is hopeful, which surprised me. games are getting better at this stuff.
""")

# Pieces for composed short negatives.
HYPER_SUBJECTS = lines("""
the blooper reel
the part where the cat jumps on the keyboard
your dad's cameo
that outro
the face you made at 2:14
this whole video
the sound effect at the end
the thumbnail alone
your dog's reaction
the way you said 'anyway' and moved on
the last ten seconds
that plot twist
the fake ad in the middle
the chaos in the comments
the editor's captions
the slow motion replay
your impression of a toddler
the tiny hat
the outtakes
""")

HYPER_REACTIONS = lines("""
killed me 😂
had me dead 💀
sent me straight to the afterlife 💀
took me out
and i'm deceased
murdered me lmao
made me die laughing
destroyed me 😭
killed me, i can't breathe
ended me
had me wheezing, i'm dead
i'm literally dying 😂😂
is the death of me
has me on the floor dead
""")

SUPPORT_INTROS = ["", "to anyone scrolling who needs it: ", "if you're having a rough night, ", "friendly reminder: ",
                  "for anyone reading the comments tonight, ", "saw some heavy comments here so: ",
                  "as someone who's been there, ", "not trying to preach but ", "psa: "]
SUPPORT_BODIES = lines("""
988 is free, confidential and you can call or text
you can text home to 741741 any time
the samaritans are at 116 123 if you're in the uk or ireland
findahelpline.com lists crisis lines for most countries
please tell one person how you're really doing
you're allowed to ask for help before things get really bad
it's okay to go to the er if you don't feel safe
calling a crisis line doesn't mean police will show up in most cases
reaching out is a strength, not a weakness
your feelings are real and they're also temporary
warmlines are there for when it's not a crisis but you still need to talk
""")
SUPPORT_ENDS = ["", " ❤️", " 💛", " 🫶", " take care of yourselves", " you matter", " stay safe everyone", "."]

RECOVERY_WHEN = ["three years ago", "in 2019", "five years ago", "when i was 15", "back in college", "two years ago",
                 "about four years ago", "ten years ago", "in high school", "six years ago"]
RECOVERY_THEN = lines("""
i attempted
i was in the hospital after an overdose
i was cutting every day
i wrote a goodbye note
i didn't want to be alive
i was planning my own funeral
i thought i'd never see 20
i was sure i was a burden on everyone
i spent a month in an inpatient unit
""")
RECOVERY_TODAY = lines("""
today i'm thriving
today i graduated nursing school
and now i have a daughter who makes me laugh every day
and this week i bought my first house
and today i'm the one answering the crisis line
and i'm genuinely happy, which i never thought i'd say
and i just got promoted
and now i coach my little brother's soccer team
and i'm so glad i'm still here
and i finally like the person i am
""")

TOPIC_ROLES = ["as a teacher", "as a school counselor", "as a youth pastor", "as an er nurse", "as a psych student",
               "as a social worker", "as a crisis line volunteer", "as a parent of teens", "as a coach",
               "as an hr manager", "as a police officer", "as a pharmacist", "as a librarian"]
TOPIC_USES = lines("""
i'm going to print your list of warning signs for the break room
the section on what to say instead of 'don't do anything stupid' was gold
we watched this as a team after a colleague's suicide and it opened up a good conversation
i never knew that most suicidal crises are short, that changes how i think about safety
your explanation of why people self-harm made so much more sense than my textbook
i've been too scared to ask my students if they're okay, this gave me words for it
i'm sharing this video on suicide warning signs with my whole team
this is the clearest explanation of self-harm i've found for training new staff
i'll be using this in our suicide prevention workshop next month
this helped me feel more confident asking people directly about suicidal thoughts
i wish every colleague would watch this before talking to someone about self harm
your points about safe messaging after a suicide are going straight into our policy
the bit about how to respond when someone discloses self-harm was so practical
thank you for covering suicide in a way that isn't sensational
""")

DM_NEGATIVE = lines("""
hi! i'm a high school teacher. could i show your video on self-harm awareness in my health class?
hello, i'm organizing a suicide prevention walk in our town, would you be open to sharing the event?
do you have a printable version of the warning signs list from your last video?
i run a podcast about mental health, would you like to come on to talk about crisis support?
just wanted to say your video on grief helped me after my grandpa passed. thank you
my brother died by suicide four years ago and your video on survivor guilt was the first thing that made me feel understood. no need to reply
quick question, are you taking new clients? i'm not in crisis, just want to work on anxiety
hi, are the crisis line numbers in your video description up to date for canada?
your channel helped me through a really dark time two years ago. i'm doing great now, just wanted you to know
i'm writing an article on how therapists use social media, could i quote your video on suicide myths?
loved your video on journaling, do you have prompts you'd recommend?
hey, the link to the 988 page in your description is broken
can i translate your self-harm awareness video into spanish for my community center?
i'm a nursing student and your video on suicide risk assessment helped me pass my psych rotation
just a heads up, someone in your comments is spamming crypto links
thank you for the video about being a survivor of an attempt, it was so hopeful. i'm 6 years out now
""")

DM_ADVICE_OPEN = ["hi, ", "hello, ", "hey, ", "hi there. ", "sorry to bother you, ", "i know you can't give therapy here but ",
                  "quick question: ", "i've watched your videos for a while. ", ""]
DM_ADVICE_CLOSE = ["", " thank you", " thanks for reading", " no worries if you can't answer", " thanks in advance 🙏", "."]

# Burnout talk that borrows crisis phrases about something that is not life: advice, not crisis.
FIGURATIVE_BURNOUT = lines("""
i can't do this anymore, this commute is destroying me. how do people handle two hours a day?
i'm so done with my group chat drama, how do i leave without it being weird?
i'm dying inside at this job but i need the money. how do i find something new while working full time?
my brain is fried and i want to scream, finals are killing me. how do you study when you're burnt out?
this wedding planning is going to be the death of me, how do i tell my mom to back off?
i'm at the end of my rope with my toddler's sleep, anyone have advice?
over it. my landlord won't fix the heating and i'm done asking nicely. what are my options?
i give up on dating apps, they're soul destroying. how did you meet your partner?
this semester is killing me, should i drop a class?
""")

# More everyday Reddit and YouTube talk that uses the same words.
MORE_NEGATIVES = lines("""
my grandpa died peacefully at 94 surrounded by family, what a life he had
i'd kill for a coffee right now
this thread is killing me 😂
bro i'm dying, who edited this
the suicide doors on that old lincoln are so cool
the bridge scene in the movie was beautifully shot
my hamster died and my kid wants a funeral, how do i explain death to a 5 year old?
just finished a true crime book about a poisoning in the 1920s, couldn't put it down
anyone else watch the documentary about the lighthouse keepers who vanished?
this heatwave is going to be the death of my tomatoes
i'm literally going to die if they cancel this show
my boss is going to murder me, i forgot the slides
we got absolutely destroyed in the finals but had fun
i'm so done with this weather lol
i'm done, this is the funniest thing on the internet today
cutting my screen time was the best thing i did this year
i hang my laundry outside and it smells amazing
hang in there op, the first year of grad school is the worst
i got shot down by my crush today lol, moving on
i'm sick of my roommate's dishes, send help
this song makes me want to drive off into the sunset forever
that final episode wrecked me emotionally, in the best way
gonna go off myself... off to bed that is lol
lol my cat is trying to kill me by sleeping on the stairs
my phone is on 2 percent, goodbye cruel world
overdosed on pumpkin spice this week
the title made me panic but it's about a video game character, phew
kill your darlings is the best writing advice i ever got
the knife-sharpening tutorial was oddly soothing 🔪
i'm dead serious, this is the best recipe on youtube
i'll die on this hill: pineapple belongs on pizza
my nan used to say 'over my dead body' about everything lol
the way the cat knocked the glass off the table, murderer
bleeding edge tech is always buggy
can't wait for the zombie apocalypse episode
i would take a bullet for my dog, no question
the hospital scenes in this show are so unrealistic lol
in a history class we learned about the kamikaze pilots, so sad
my sister cut my hair and now i look like a mushroom
""")

# Comments under music videos and general Reddit threads: strong feelings, dark lyrics, no risk.
MUSIC_AND_FEELINGS = lines("""
this song saved my life in 2016 and i still get chills
who's still listening to this in the middle of the night
the way her voice breaks on the last chorus, i'm gone 😭
this song is about wanting to disappear and somehow it makes me feel less alone
played this at my dad's funeral, it was his favorite
i want this song played at my funeral lol
if i die put this on repeat at my wake 😂
this beat is sick, the drop killed me
the lyrics 'i just want to sleep forever' hit hard but the song is a banger
this whole album is about his depression and recovery, it's a masterpiece
the music video where he walks into the ocean is so symbolic
listening to this on the bus and trying not to cry in public
i'm so sad this band broke up
this song makes me want to run through a wall, gym playlist forever
this is the saddest song i've ever heard and i can't stop replaying it
3am and this song on repeat, the vibes are immaculate
honestly this made me cry, such a beautiful tribute to his brother
the guitar solo at 3:20 murdered me
i hate mondays so much, anyway great song
i'm so angry they cut this from the setlist
this hits different after a breakup
i was in a dark place when this came out, i'm glad i can listen to it now and smile
rip to the legend, gone too soon 🕊️
the singer died in 2017 and i still can't believe it
who else came here after the tiktok trend
the line 'i'm not okay' in the chorus is so iconic
i feel so seen by this song, i was such an angsty teen
this song is literally my entire personality
the cello in this track makes me want to lie on the floor and stare at the ceiling, in a good way
ugh this song makes me miss my ex so bad
""")

PAST_RISK_ADVICE = lines("""
i attempted when i was 17 and i'm 26 now, totally stable. how do i tell a new partner about my history?
i used to self harm in high school and i have scars. how do i answer when kids at my summer job ask about them?
i was hospitalized for suicidal thoughts four years ago and now i'm applying to be a teacher. do i have to disclose it?
i haven't had suicidal thoughts in years, but i'm starting a new med. what side effects should i watch for?
after my overdose in 2018 i've been well, but my mom still checks my room. how do i get her to trust me again?
i'm a self harm survivor, clean for three years. how do i support my cousin who just told me she's struggling with urges?
""")

# Clients talking about risk that is over: client, not crisis.
CLIENT_SAFE = lines("""
you said in session the dark thoughts would pass and they did. six months without them now
just wanted to tell you before thursday that i used the safety plan last month and it worked, i'm doing well
since we started working together i haven't self harmed once. a year next week!
i know we talked about my attempt a lot last year, i wanted you to know i'm in a really good place now
see you tuesday! this week was a good one, no bad nights at all
thank you for our sessions during the worst year of my life. i'm thriving now and i think of you often
like you said in our session, the urges are like waves. i surfed one yesterday and didn't act on it at all, proud of myself
i finished the worksheet you gave me about my old suicidal thoughts, it was hard but i feel lighter. bringing it monday
our last session helped so much, i slept through the night for the first time in months
my mom asked how therapy is going and i told her it saved my life two years ago. just thought you should know
quick one before our appointment: can we talk about going down on my meds? i've been stable for a year
you're literally my therapist and i still laugh at your videos lol, great one today
""")

ASK_RE = re.compile(
    r"\b(what do i do|what should i do|where (can|do) i go|how do i|can you tell me|please tell me|should i|"
    r"who do i call|what can i do|is there a number|can the police|how many pills|do i go to)\b",
    re.IGNORECASE,
)


def ask_flags(text: str, *flags: str) -> list[str]:
    extra = ("advice",) if ASK_RE.search(text) else ()
    return _labels(*flags, *extra)


REGISTERS_PUBLIC = ["youtube", "youtube", "reddit"]


def short_variant(text: str, rng: random.Random, crisis: bool) -> str:
    if crisis:
        text = pick(rng, SHORT_PREFIXES) + text + pick(rng, SHORT_SUFFIXES)
        if rng.random() < 0.3:
            text = algospeak(text, rng, strength=0.4)
    text = messy(text, rng, strength=rng.choice([0.2, 0.5, 0.8]))
    if crisis and rng.random() < 0.04:
        text = text.upper()
    return tidy(text)


class Corpus:
    """Collects examples per output file, refusing exact duplicates across the whole corpus."""

    def __init__(self) -> None:
        self.files: dict[str, list[Example]] = {}
        self.seen: set[str] = set()

    def add(self, file: str, text: str, labels: list[str], register: str, note: str) -> bool:
        key = text.strip().lower()
        if not key or key in self.seen:
            return False
        self.seen.add(key)
        self.files.setdefault(file, []).append(
            {"text": text.strip(), "labels": labels, "register": register, "note": note}
        )
        return True

    def fill(self, file: str, count: int, make: Callable[[], tuple[str, list[str], str, str]]) -> None:
        added = tries = 0
        while added < count and tries < count * 20:
            tries += 1
            text, labels, register, note = make()
            added += self.add(file, text, labels, register, note)

    def write(self) -> None:
        for file, rows in self.files.items():
            with (HERE / file).open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def build_positive(c: Corpus, rng: random.Random) -> None:
    posts = "crisis_reddit_posts.jsonl"

    def long_of(fn: Callable[[random.Random], tuple[str, list[str], str]], lo: int, hi: int,
                register: str = "reddit") -> Callable[[], tuple[str, list[str], str, str]]:
        def make() -> tuple[str, list[str], str, str]:
            text, labels, note = _fit_length(lambda: fn(rng), lo, hi)
            return text, labels, register, note
        return make

    c.fill(posts, 390, long_of(risk_post, 80, 250))
    c.fill(posts, 60, long_of(risk_post, 35, 79))
    c.fill(posts, 80, long_of(self_harm_post, 30, 200))
    c.fill(posts, 45, long_of(danger_post, 20, 160))
    c.fill(posts, 15, long_of(danger_post, 15, 120, register="dm"))
    c.fill(posts, 35, long_of(other_person_post, 20, 160))
    c.fill(posts, 40, long_of(abuse_post, 20, 160))
    c.fill(posts, 15, long_of(other_person_post, 15, 120, register="dm"))

    for line in WHOLE_POSTS:
        for variant in (line, _style_long(line, rng)):
            c.add(posts, variant, ask_flags(variant, "crisis"), "reddit", "whole_post")

    short = "crisis_short.jsonl"
    for pool, registers, note, repeats in (
        (SHORT_CRISIS, ["youtube", "youtube", "reddit", "reddit", "dm"], "short", 2),
        (SHORT_EVASIVE, ["youtube", "reddit"], "algospeak", 2),
        (SHORT_NONNATIVE, ["youtube", "reddit", "dm"], "non_native", 2),
        (DM_CRISIS, ["dm", "dm", "reddit"], "dm", 2),
        (REPLY_CRISIS, ["reddit"], "reddit_reply", 2),
        (METHOD_QUESTIONS, ["reddit", "reddit", "youtube", "dm"], "method_question", 3),
    ):
        base = ("crisis", "advice") if note == "method_question" else ("crisis",)
        for line in pool:
            c.add(short, tidy(messy(line, rng, 0.2)), ask_flags(line, *base), pick(rng, registers), note)
            for _ in range(repeats - 1 + (rng.random() < 0.4)):
                text = short_variant(line, rng, crisis=True)
                c.add(short, text, ask_flags(text, *base), pick(rng, registers), note)

    def client_mix() -> tuple[str, list[str], str, str]:
        if rng.random() < 0.22:
            text = short_variant(pick(rng, CLIENT_WHOLE), rng, crisis=False)
        else:
            cue = pick(rng, CLIENT_CUES)
            sep = " " if cue.endswith(" but") else rng.choice([", ", ". ", "... ", " but ", " - ", "\n"])
            risk = pick(rng, CLIENT_CRISIS) if rng.random() < 0.6 else pick(rng, CLIENT_OK_SHORT)
            parts = [cue + sep + risk]
            if rng.random() < 0.35:
                parts.append(pick(rng, CLIENT_ASKS) + "?")
            if rng.random() < 0.3:
                parts.append(pick(rng, CLIENT_CLOSINGS))
            text = parts[0]
            for part in parts[1:]:
                text += (" " if text.endswith("?") else ". ") + part
            text = messy(text, rng, strength=rng.choice([0.2, 0.5, 0.8]))
            if rng.random() < 0.15:
                text = algospeak(text, rng, strength=0.4)
            text = tidy(text)
        register = rng.choices(["dm", "youtube", "reddit"], weights=[76, 12, 12])[0]
        return text, ask_flags(text, "crisis", "client"), register, "crisis_client"

    c.fill("crisis_client.jsonl", 300, client_mix)


# Everyday trouble in emotional words: relationships, family, anxiety, body, identity. Advice.
LIFE_SCENARIOS = lines("""
my partner and i have been together two years and lately we barely talk, we just sit on our phones in separate rooms
i get so nervous at restaurants that i feel like i'm going to be sick and i have to leave halfway through
my best friend and i had a huge fight and she blocked me everywhere, i keep replaying it
i feel like my friends only invite me out of politeness and i spend every party on the edge of the room
my parents fight every night and i put headphones on and pretend it's not happening
i get really angry over small things and then feel terrible about it for days
my sister got engaged and i'm happy for her but i also feel jealous and ashamed of feeling jealous
i'm starting a new job next week and i've been so anxious i can't eat properly
my girlfriend wants to move in together and i feel trapped even though i love her
my mom criticizes my weight every time i visit and i end up crying in the car
i can't stop comparing my body to people online and i hate how i look in photos
i was diagnosed with adhd at 26 and i don't know how to feel about all the years i struggled without knowing
my roommate is messy and passive aggressive and i dread going home
i keep choosing partners who treat me badly and i don't know why
i'm in my last year of uni and i have no idea what i want to do and it's keeping me up at night
my dad was diagnosed with dementia and i'm grieving someone who is still here
i moved in with my boyfriend's family and i feel like an outsider in every room
i've been binge eating at night when i'm stressed and then feel awful in the morning
my teenage daughter screams at me that she hates me and i don't know how to reach her
i'm a new mom and i cry every day, i love my baby but i feel so overwhelmed
i'm gay and i haven't told my family, the secret is making me miserable
""")

LIFE_ASKS = lines("""
what do i do?
how do i handle this?
am i overreacting?
how do i talk to them about it without it turning into a fight?
is this normal or should i see someone?
how do i stop feeling like this?
any advice from people who've been through it?
should i say something or keep quiet?
how do i get past this?
what would you do in my place?
""")


def life_advice_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, LIFE_SCENARIOS)]
    if rng.random() < 0.3:
        parts.insert(0, pick(rng, ADVICE_OPENERS))
    if rng.random() < 0.5:
        parts.append(pick(rng, MOOD[:24] if rng.random() < 0.5 else RAMBLE))
    if rng.random() < 0.3:
        parts.append(pick(rng, ADVICE_TRIED))
    parts.append(pick(rng, LIFE_ASKS))
    parts = list(dict.fromkeys(parts))
    body = join_runon(parts, rng, runon=rng.choice([0.1, 0.3, 0.5]))
    text = _join_title(pick(rng, LIFE_ASKS + ADVICE_TITLES), body, rng) if rng.random() < 0.4 else body
    return _style_plain(text, rng), ["advice"], "life_advice"


# Whole non-crisis posts, each written on its own.
WHOLE_NEGATIVES = lines("""
advice|I've been depressed on and off since college. Right now it's the 'off' part, but I can feel the fog coming back with the shorter days. What do you all do in October to get ahead of it?
advice|My job makes me feel dead inside. Same spreadsheets, same meetings, nobody cares what I do. I'm not in a bad place mentally, I'm just bored out of my mind. How do people switch careers at 35?
|Five years ago today I was in an ambulance after my attempt. This morning I dropped my daughter off at her first day of kindergarten. I cried in the car, the good kind. If you're reading this in the dark, please hold on.
advice|My best friend attempted suicide three years ago. She's doing well now, she's in therapy and we talk about it openly. Lately I get anxious when she doesn't answer my texts. How do I stop jumping to the worst conclusion every time?
|Just watched the finale and I'm wrecked. The way they wrote her death, the quiet hospital scene, no music. Best episode of television this year and I'm going to need a week to recover.
advice|I'm grieving my grandmother, who raised me. It's been four months. I function fine, I go to work, I see friends, but at night it hits me and I cry for an hour. Is this normal? Should I be talking to someone?
|The 'kill your ego' chapter in this book finally made meditation click for me. Nothing to do with violence, just letting go of the voice that narrates everything.
advice|I used to self-harm as a teenager and I've been free of it for eight years. My 13-year-old just asked me about the scars on my arm. How much do I tell her, and how?
|Our town lost three teenagers to suicide this year. Tonight the school board finally voted for full-time counselors in every school. It's not enough, but it's a start. Thank you to every parent who showed up.
advice|Is it normal to feel nothing after a breakup? We were together five years and I keep waiting to fall apart and it just doesn't happen. I'm sleeping, eating, working. Am I in denial or just okay?
|I died so many times in this level that the game offered me an easy mode. I refused out of pride. Three more hours and I finally beat it. Worth it.
advice|Every Sunday evening I get a heavy feeling in my stomach thinking about Monday. It's not dread exactly, more like sadness that the weekend is over. I'm otherwise fine. Any tricks for the Sunday scaries?
|Honestly the best part of this channel is how it talks about suicide without drama. My brother died by suicide in 2015 and most content on the topic makes me want to throw my phone. This one doesn't. Thank you.
advice|I've been feeling really lonely since I moved abroad for work. I call my family every day, but I don't have friends here yet. I'm not depressed, just homesick. How do you build a social life from zero in a new country?
|Reading a history of the 1918 flu and the part about whole families dying within a week is haunting. We forget how recent that was.
advice|My therapist suggested I might have depression and I got weirdly defensive. I don't feel sad, just tired and irritable all the time. Can depression look like that? I don't want to start meds if it's just stress.
|I'm 42, I've been in recovery from depression and an attempt for almost a decade. Today I ran a half marathon. My kids were at the finish line with a sign. I never thought I'd see this day and I'm so glad I stayed.
advice|Since my dad's funeral I keep having dreams about him. They're not scary, just vivid, and I wake up sad. I'm coping okay during the day. Do these dreams mean something, and do they stop?
|If anyone in this thread is struggling tonight, please text or call a crisis line or message a friend. I volunteered on one for two years and I promise the people there want to hear from you.
advice|I keep saying 'I want to die' as a joke when I'm stressed at work and my coworker pulled me aside to check on me. I'm genuinely fine, it's just a figure of speech for me. Should I stop saying it?
|The villain's death scene in the last book was so satisfying. Three books of buildup and he gets taken out by the character everyone underestimated.
advice|I'm a nurse and I had a patient die on my shift yesterday. I did everything right, my manager said so, but I can't stop replaying it. How do other healthcare workers process this?
""")



NEUTRAL_CONTEXTS = [
    ctx for ctx in CONTEXTS
    if not re.search(r"self harm|hospital|assault|eating disorder|wishes she never|pregnant|drinks|deployment", ctx)
]


def _style_plain(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return tidy(proper_case(text))
    return tidy(messy(text, rng, strength=rng.choice([0.2, 0.5, 0.8, 0.9])))


def advice_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, NEUTRAL_CONTEXTS) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.25:
        parts.insert(0, pick(rng, ADVICE_OPENERS))
    parts += [pick(rng, MOOD) for _ in range(rng.randint(1, 3))]
    for _ in range(rng.choice([0, 1, 1, 2])):
        parts.insert(rng.randrange(len(parts) + 1), pick(rng, RAMBLE))
    if rng.random() < 0.3:
        parts.append(pick(rng, SAFE_NOTES))
    if rng.random() < 0.6:
        parts.append(pick(rng, ADVICE_TRIED))
    if rng.random() < 0.4:
        for pool in rng.sample([NEUTRAL_CONTEXTS, MOOD, RAMBLE, ADVICE_TRIED, MOOD], rng.randint(2, 4)):
            parts.insert(rng.randrange(1, len(parts) + 1), pick(rng, pool))
    parts.append(pick(rng, ADVICE_ASKS))
    if rng.random() < 0.3:
        parts.append(pick(rng, ADVICE_ASKS))
    parts = list(dict.fromkeys(parts))
    body = join_runon(parts, rng, runon=rng.choice([0.1, 0.3, 0.5]))
    text = _join_title(pick(rng, ADVICE_TITLES), body, rng) if rng.random() < 0.75 else body
    return _style_plain(text, rng), ["advice"], "low_mood_advice"


def recovery_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, RECOVERY_OPENERS)]
    parts += [pick(rng, RECOVERY_PAST) for _ in range(rng.randint(1, 2))]
    parts += [pick(rng, RECOVERY_TURN) for _ in range(rng.randint(1, 2))]
    parts += [pick(rng, RECOVERY_NOW) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.7:
        parts.append(pick(rng, RECOVERY_MESSAGES))
    parts = list(dict.fromkeys(parts))
    text = join_runon(parts, rng, runon=rng.choice([0.1, 0.3, 0.5]))
    return _style_plain(text, rng), [], "recovery"


def grief_post(rng: random.Random) -> tuple[str, list[str], str]:
    parts = [pick(rng, GRIEF_OPENERS)]
    parts += [pick(rng, GRIEF_FEELINGS) for _ in range(rng.randint(2, 3))]
    if rng.random() < 0.4:
        parts.append(pick(rng, MOOD))
    end = pick(rng, GRIEF_ENDS)
    parts.append(end)
    parts = list(dict.fromkeys(parts))
    text = join_runon(parts, rng, runon=rng.choice([0.1, 0.3, 0.5]))
    labels = ["advice"] if end.endswith("?") else []
    return _style_plain(text, rng), labels, "grief"


def build_negative(c: Corpus, rng: random.Random) -> None:
    out = "crisis_hard_negatives.jsonl"

    for pool, registers, labels, note, extra in (
        (HYPERBOLE, ["youtube", "youtube", "reddit"], [], "hyperbole", 0.9),
        (TOPIC, ["youtube", "youtube", "reddit"], [], "topic", 0.5),
        (SUPPORT, ["youtube", "reddit"], [], "support_to_others", 0.5),
        (RECOVERY_SHORT, ["youtube", "reddit"], [], "recovery", 0.6),
        (GRIEF_SHORT, ["youtube", "reddit"], [], "grief", 0.5),
        (GAMING, ["youtube", "reddit"], [], "gaming", 0.9),
        (EVERYDAY, ["youtube", "reddit"], [], "everyday_words", 0.9),
        (LYRICS_MEDIA, ["youtube", "youtube", "reddit"], [], "media", 0.5),
        (LOW_MOOD_ADVICE, ["youtube", "reddit", "reddit"], ["advice"], "low_mood_advice", 0.3),
        (FIGURATIVE_BURNOUT, ["reddit", "youtube"], ["advice"], "figurative", 0.9),
        (DM_NEGATIVE, ["dm"], [], "dm_engagement", 0.5),
        (CLIENT_SAFE, ["dm", "dm", "youtube"], ["client"], "client_past_risk", 0.8),
        (FRIEND_SUPPORT, ["reddit"], ["advice"], "helping_someone", 0.9),
        (TOPIC_LONG, ["reddit"], [], "topic", 0.6),
        (MORE_NEGATIVES, ["youtube", "reddit", "reddit"], [], "everyday_words", 0.8),
        (MUSIC_AND_FEELINGS, ["youtube", "youtube", "reddit"], [], "music_and_feelings", 0.7),
        (PAST_RISK_ADVICE, ["reddit", "dm"], ["advice"], "past_risk_advice", 0.9),
    ):
        for line in pool:
            c.add(out, line, list(labels), pick(rng, registers), note)
            if rng.random() < extra:
                c.add(out, short_variant(line, rng, crisis=False), list(labels), pick(rng, registers), note)

    for entry in WHOLE_NEGATIVES:
        label, line = entry.split("|", 1)
        labels = [label] if label else []
        for variant in (line, _style_plain(line, rng)):
            c.add(out, variant, labels, "reddit", "whole_post")

    def low_mood_dm() -> tuple[str, list[str], str, str]:
        text = pick(rng, DM_ADVICE_OPEN) + pick(rng, LOW_MOOD_ADVICE) + pick(rng, DM_ADVICE_CLOSE)
        return tidy(messy(text, rng, 0.4)), ["advice"], "dm", "low_mood_advice"

    def hyperbole() -> tuple[str, list[str], str, str]:
        text = f"{pick(rng, HYPER_SUBJECTS)} {pick(rng, HYPER_REACTIONS)}"
        return short_variant(text, rng, crisis=False), [], pick(rng, REGISTERS_PUBLIC), "hyperbole"

    def support() -> tuple[str, list[str], str, str]:
        text = pick(rng, SUPPORT_INTROS) + pick(rng, SUPPORT_BODIES) + pick(rng, SUPPORT_ENDS)
        return short_variant(text, rng, crisis=False), [], pick(rng, REGISTERS_PUBLIC), "support_to_others"

    def recovery_short() -> tuple[str, list[str], str, str]:
        today = pick(rng, RECOVERY_TODAY)
        sep = rng.choice([" ", ", "]) if today.startswith("and ") else rng.choice([", ", ". ", "... "])
        text = f"{pick(rng, RECOVERY_WHEN)} {pick(rng, RECOVERY_THEN)}{sep}{today}"
        if rng.random() < 0.4:
            text += rng.choice([" ❤️", " 🙏", ". please hang on if you're struggling", ". it gets better, truly",
                                " thank you for your videos", " 🌱"])
        return short_variant(text, rng, crisis=False), [], pick(rng, REGISTERS_PUBLIC), "recovery"

    def topic() -> tuple[str, list[str], str, str]:
        text = f"{pick(rng, TOPIC_ROLES)}, {pick(rng, TOPIC_USES)}"
        return short_variant(text, rng, crisis=False), [], pick(rng, REGISTERS_PUBLIC), "topic"

    def long_of(fn: Callable[[random.Random], tuple[str, list[str], str]],
                lo: int, hi: int) -> Callable[[], tuple[str, list[str], str, str]]:
        def make() -> tuple[str, list[str], str, str]:
            text, labels, note = _fit_length(lambda: fn(rng), lo, hi)
            return text, labels, "reddit", note
        return make

    c.fill(out, 45, low_mood_dm)
    c.fill(out, 110, hyperbole)
    c.fill(out, 45, support)
    c.fill(out, 80, recovery_short)
    c.fill(out, 35, topic)
    c.fill(out, 280, long_of(advice_post, 50, 230))
    c.fill(out, 160, long_of(recovery_post, 60, 230))
    c.fill(out, 80, long_of(grief_post, 40, 200))
    c.fill(out, 140, long_of(life_advice_post, 20, 200))


def main() -> None:
    rng = random.Random(SEED)
    corpus = Corpus()
    build_positive(corpus, rng)
    build_negative(corpus, rng)
    corpus.write()
    for file, rows in sorted(corpus.files.items()):
        print(f"{file}: {len(rows)}")


if __name__ == "__main__":
    main()
