"""Build the client, advice and engagement part of the triage training corpus.

Every sentence and fragment below is hand-written for this project. The script composes them into
varied comments, Reddit posts and DMs, deterministically (fixed seed), and writes the
``general_*.jsonl`` files next to it. Run: ``python classifiers/corpus/build_general.py``.

Labels follow DESIGN.md: ``client`` (the writer is or was this therapist's own client), ``advice``
(personal guidance asked about one's own or a specific person's situation), ``[]`` = engagement.
No text here describes current risk of harm; that belongs to the crisis corpus.
"""

# Natural sentences are data here; wrapping them to fit a line length would change the text.
# ruff: noqa: E501

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261126

Example = dict[str, object]


def lines(block: str) -> list[str]:
    """One fragment a line; blank lines and lines starting with '#' are ignored."""
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]


_CASUAL_SWAPS = [
    (r"\bI'm\b", "im"),
    (r"\bdon't\b", "dont"),
    (r"\bcan't\b", "cant"),
    (r"\bdoesn't\b", "doesnt"),
    (r"\bbecause\b", "bc"),
    (r"\bthough\b", "tho"),
    (r"\byou\b", "u"),
    (r"\byour\b", "ur"),
    (r"\bI've\b", "ive"),
    (r"\bit's\b", "its"),
    (r"\bthat's\b", "thats"),
    (r"\bpeople\b", "ppl"),
    (r"\bsomething\b", "smth"),
    (r"\bprobably\b", "prob"),
]


def casualize(text: str, rng: random.Random, strength: float = 0.5) -> str:
    """Phone-typing variety: lower case, dropped apostrophes, text-speak, no final full stop."""
    if rng.random() < strength:
        text = text.lower()
    for pattern, repl in _CASUAL_SWAPS:
        if rng.random() < strength * 0.5:
            text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    if rng.random() < strength and text.endswith("."):
        text = text[:-1]
    return text


def join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


class Corpus:
    """Collects examples per output file and refuses exact duplicates across all files."""

    def __init__(self) -> None:
        self.files: dict[str, list[Example]] = {}
        self.seen: set[str] = set()

    def add(self, file: str, text: str, labels: Sequence[str], register: str, note: str) -> bool:
        text = re.sub(r"\s+", " ", text).strip()
        key = text.casefold()
        if not text or key in self.seen:
            return False
        self.seen.add(key)
        self.files.setdefault(file, []).append(
            {"text": text, "labels": list(labels), "register": register, "note": note}
        )
        return True

    def fill(
        self,
        file: str,
        count: int,
        make: Callable[[], tuple[str, Sequence[str], str, str]],
        attempts: int = 40,
    ) -> None:
        """Call ``make`` until ``count`` new unique examples are added (or attempts run out)."""
        added = 0
        for _ in range(count * attempts):
            if added >= count:
                break
            text, labels, register, note = make()
            if self.add(file, text, labels, register, note):
                added += 1

    def write(self) -> dict[str, int]:
        counts = {}
        for file, rows in sorted(self.files.items()):
            with open(HERE / file, "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            counts[file] = len(rows)
        return counts


# ---------------------------------------------------------------------------------------------------
# CLIENT: the writer is, or was, this therapist's own client.
# ---------------------------------------------------------------------------------------------------

CLIENT_DM_GREETINGS = lines("""
hi
hey
Hi Dr. M,
Hello,
hey it's me
Hi! It's Jordan.
Hey, it's Priya from Thursdays.
Good morning,
hiya
Hi again,
Hello doctor,
Dr. K -
Hey sorry to bother you on here,
hi hi
Hello Ms. Alvarez,
Hey there,
Hi, hope your weekend was good.
yo
Hi, this is Dana (Tuesday 10am).
Hello, it is Mehmet.
""")

CLIENT_DM_CUES = lines("""
can we move my appointment to Thursday? Something came up at work.
I need to cancel tomorrow, my kid woke up with a fever.
running about 10 minutes late for our 3pm, so sorry!!
is the telehealth link the same as last week?
did you get the intake forms I emailed on Friday?
could you send me the superbill for March? Insurance is asking.
my copay for our sessions went up to $40, is that right?
I rescheduled in the portal but it still shows the old time.
you said I could message here if the portal was down, it's down again.
can we do video instead of in person next week? My car is in the shop.
sorry I no-showed on Monday, I completely blanked. I'll pay the late cancel fee.
just confirming we're still on for Wednesday at 5.
I'll bring my thought log to session this week, I actually filled it in.
homework update: I said no to my boss and the world did not end.
you told me last time to journal and I did it four days in a row.
the worksheet you gave me is on my fridge now lol.
I did the breathing thing you showed me during our call and it worked in the dentist chair.
thanks for last week's session, I've been thinking about it a lot.
I forgot to mention something in session yesterday, can I bring it up next time?
my wife wants to join one of our sessions, is that ok with you?
I got the new insurance card, I'll bring it to my next appointment.
can I switch to every other week starting in June?
I think I left my umbrella in your office on Tuesday.
the receipt you sent has last month's date on it, can you fix it?
is it ok if I record our next session's exercise on my phone so I can replay it?
I won't be able to make our 9am, I'm stuck at the airport.
could we move to 4:30 permanently? My new job ends at 4.
still thinking about what you said at the end of our session about the "shoulds".
I wanted to tell you the conversation with my dad went better than we practiced.
it's been a month since our last appointment and I'd like to come back.
is your office closed next Monday for the holiday? We're booked then.
the parking garage by your office is closed, where should I park Thursday?
I paid the invoice twice by accident, can you credit it to next session?
can you fill out the form for my FMLA before our next visit?
I tried the grounding exercise from our last session and wanted to tell you.
I finally made that doctor appointment you kept nudging me about.
quick q before Tuesday: should I bring the letter from my lawyer?
can I get an earlier slot? Mornings are better now that school started.
I miss our sessions since you moved practices, are you taking old clients back?
I'm back in town, can I book with you again like before?
the new client portal keeps logging me out before I can sign the consent form.
thank you for squeezing me in yesterday, I really needed it.
I'll be 5 min late, parking is a mess today.
do we still have our session on the 24th or are you on vacation?
I realised I never paid for the session on the 3rd, sending it now.
my employer's EAP covers 6 of our sessions, do you need the authorization number?
I did the exposure step we planned, elevator two floors, felt like a champion.
you asked me to text you how the interview went: I got the job!!
need to reschedule our Friday, my mom's surgery got moved.
sorry for crying so much last session lol, thank you for the tissues.
""")

CLIENT_PUBLIC_CUES = lines("""
haha you'd know, you've heard all my drama every Thursday
omg this is literally what we talked about on Monday 😂
wait is this video about me? jk. but also we discussed this exact thing
you're literally my therapist so I can't even pretend I don't do this
been your client for two years and this is exactly the stuff we work on
you helped me through my divorce back in 2019, still use everything we did
I used to see you at the clinic on Main St, you probably don't remember me but thank you
since I started seeing you I stopped apologising for everything
like you said in our session, notice the thought, name it, let it pass. still working on it
my therapist posted a video and I'm her client so hi 👋 see you Tuesday
it was so weird seeing you at Target lol hi
the "name five things you can see" trick you taught me in session got me through my flight
I recognise that couch!! I sit on it every other Wednesday
this is the video you told me to watch last session, finally watched it
you said this to me word for word last week and I argued with you. you were right
me watching my own therapist's video the night before our appointment 😅
the plant behind you is the one I always stare at when I don't want to answer your questions
I still have the card with the coping list you wrote out for me in 2021
hey it's me from your 5 o'clock slot, great video
seeing you on youtube after 3 years of sessions is so surreal lol
the way I can hear you saying "and what does that tell you?" in my head all week
you were my counselor in college and I'm so glad I found your channel
your voice on here is the same voice that talked me down from so many Thursday spirals
I'm one of your clients and I'm so proud of you for starting this channel
i have an appointment with you tomorrow and now i know what we're talking about lmao
you told me to stop reading comments and here I am commenting on yours
showing this to my husband since he never believes me when I repeat what you said in session
this is the boundaries talk you gave me in our second session ever
you're the reason I finally finished my degree, best therapist I've had, see you next week
lmao I'm going to bring this video up on Friday and you can't stop me
did you film this in the same room we meet in? it looks so different on camera
you taught me this exact exercise when I started with you and it's still my go-to
glad I'm not the only one you give this homework to haha
my sessions with you changed my life, seeing you here made my day
when my therapist (you, hi) uploads and I get the notification 🥲
I finally get what you meant in our session about the "inner critic" voice
can't wait to tell you about my week, this video was the perfect warm up
""")

CLIENT_SIGNOFFS = lines("""
thanks!
Thank you so much.
thx
Thanks, see you then.
sorry for the short notice
Let me know what works.
no rush!
Best,
see you soon
🙏
thank u
Cheers,
""")

CLIENT_MISSPELT = lines("""
hi doc, can we chnage my apointment to thursday pls, work is crazy
sory i have to cancle tmrw, my son is sick
im runing late for our sesion, 10 min
Hello doctor, I am your patient from wednesday, I want to change the hour of our meeting next week please.
Good evening, I cannot come to the session of tomorrow because of my work shift, is possible another day?
hi it is me, your client of monday. the copay is now 30 or still 25?
Dear doctor, the exercise you gave me in last session is helping me very much, thank you.
hey can we do zoom insted of ofice this week
sorry for mising last sesion, can we rebook
Hello, my english not so good but I want to say thank you for our sessions this year.
i forgot my journal at ur office on tuesday lol can u keep it
Sorry, I confuse the day, our session is at 10 or 11?
hi doc i did the homwork u gave me, it was hard but i did it
pls can u send me the reciept for last month sessions for my insurence
Buenos dias, I will be late to our appointment, the bus is broken down.
Hello madam, my wife say I should ask you to change our meeting to Saturday if possible.
I will bring the paper you asked me in last session, sorry I forget it two times
Thankyou for the session today, I feel more light.
""")

CLIENT_ADVICE_CONTEXT = lines("""
since our last session my panic attacks got worse,
I know we talked about this on Thursday but
I didn't want to wait until our appointment to ask,
after what we discussed last week,
you mentioned in session that I could ask between appointments,
the sleep plan you gave me isn't really working,
since I started seeing you things got better but this week has been rough,
I tried what you suggested on Tuesday and it helped for a day, but
sorry to message outside of our session,
I forgot to ask you yesterday:
quick one before our next appointment,
ever since our session on Monday
the breathing exercise from last time helps a bit, but
I know you said we'd talk about it next week, but
""")

CLIENT_ADVICE_QUESTIONS = lines("""
should I ask my psychiatrist about upping my sertraline?
is it normal that I'm crying more now that we've started talking about my dad?
what should I do when my boyfriend starts yelling, walk away or stay?
how do I tell my sister I don't want her at the wedding without blowing everything up?
should I go to my cousin's party even though my anxiety is through the roof?
is it bad that I skipped my meds this weekend?
should I tell my manager about my ADHD diagnosis?
what do I do when the intrusive thoughts come back at night?
can I stop the journaling if it's making me overthink more?
do you think I should quit my job or wait until after the holidays?
how do I handle my mom calling ten times a day?
should I be worried that I can't feel anything lately?
my husband wants to try couples counseling, do you think that would help us?
is it ok to take my anxiety meds before the presentation even though I usually don't?
how do I get my 8 year old to sleep in his own bed again?
should I text my ex back or is that going backwards?
what should I say to my friend who keeps canceling on me?
I'm not sleeping more than 4 hours, what should I try?
""")


# Subtle and varied client cues: shared history, scheduling, money, the room, the relationship itself.
CLIENT_SUBTLE = lines("""
lol you know my mom, you've heard enough about her by now
can't wait to tell you about the date on Thursday, it went WAY better than last time
remember the coworker I kept complaining about? she quit lmao. will explain next week
next session I'm telling you everything, you're not going to believe this week
is my 2pm still on? didn't get the reminder text
I owe you for the last two sessions, paying tonight I promise
you were so right about my sister, I'll tell you more on Monday
you'll be happy to know I didn't text him back. see you thurs
this is why you keep giving me that look when I say "I'm fine"
haha I can already hear you asking "and how did that make you feel"
it's been a year since our first session, feels like ten
not to be dramatic but our Tuesday sessions are the only reason I survived this semester. thank you for everything
my partner says thanks for whatever you told me last week lol
hope it's ok I'm commenting, I'm one of your current clients and this video is great
the goals we wrote down in January, I hit two of them!
I know we only have one session left before you go on leave, can we use it to plan?
remember when I said I'd never do exposure stuff? guess who took the elevator today
it's so weird hearing you talk to a camera instead of to me across the room haha
me after our session: sits in the car for 20 min processing
just got out of my appointment with you and this is the first thing in my feed lol
you're going to be so proud, I called my dad like we role played
I keep rescheduling with you because I'm avoiding stuff, I know, I know
I booked the follow up but the invoice says 90 minutes instead of 50?
can we talk about the letter for my housing accommodation next time?
my new job has different insurance, can I still keep seeing you?
when you said "that's your anxiety talking, not you" last week, it stuck
I told my girlfriend about the genogram thing we did, she wants to do hers now lol
ahhh I recognize that mug from our zoom sessions
i'm the one who always brings you the coffee order wrong 😂 love the channel
Dr. P I got the job I was practicing the interview for in our sessions!!
I came back to you after two years and it was the best decision
thanks for fitting me in during your lunch break yesterday
you're literally my therapist and I still learned something new from this
i have to stop watching your videos before our appointments or I'll have nothing new to say
my mom wants to know if she can come to the family session in June
since I started therapy with you my friends say I'm a different person. in a good way
ok now I understand what you were trying to tell me on Friday
I filled out the anxiety questionnaire you sent, score went down 6 points!
sending the updated release form so you can talk to my psychiatrist
the session notes request, did that go through? my lawyer needs them
you've seen me at my worst every week for two years so you know this comment is sincere
sry for being so quiet last session, bad day. better now
""")


# Slot-filled short client messages: the cue is the shared appointment, room, bill or history.
SLOTS: dict[str, list[str]] = {
    "ask": [
        "can we",
        "could we",
        "any chance we can",
        "is it possible to",
        "would it be ok to",
        "can I",
        "pls can we",
    ],
    "move": ["move", "push", "switch", "bump", "change", "shift"],
    "when": [
        "our Tuesday",
        "Wednesday",
        "thursday's",
        "next week's",
        "tomorrow",
        "the 3pm",
        "Friday",
        "our 10am",
        "monday's appointment",
        "this week's session",
        "my slot on the 14th",
        "our call",
    ],
    "to": [
        "to 4",
        "to the afternoon",
        "to next week",
        "to Monday",
        "to 6pm",
        "to video",
        "to phone",
        "an hour later",
        "to earlier in the day",
        "to the following week",
    ],
    "reason": [
        "traffic is insane",
        "work is chaos",
        "my kid is home sick",
        "the babysitter canceled",
        "I have a dentist thing",
        "my shift got changed",
        "car trouble again",
        "flight got moved",
        "I'm on a work trip",
        "my mom needs a ride",
        "I'm not feeling great",
        "exam week",
        "",
    ],
    "miss": ["I'll miss", "I have to skip", "I need to cancel", "I can't make", "I won't make it to"],
    "missed": [
        "next week",
        "tomorrow",
        "Thursday",
        "our appointment on the 9th",
        "this Friday",
        "Monday's session",
        "the next one",
    ],
    "after": [
        "same time the week after?",
        "can we rebook?",
        "sorry!!",
        "can I get the fee waived this once?",
        "let me know what else is open",
        "sorry for the late notice",
        "",
    ],
    "thanks": ["thx", "thank you", "thanks again", "ty", "thank u so much", "Thanks"],
    "for": [
        "for today",
        "for yesterday",
        "for earlier",
        "for this morning",
        "for Monday",
        "for last night's call",
        "for fitting me in",
        "for the extra time today",
    ],
    "felt": [
        "that was a heavy one",
        "I needed that",
        "I feel lighter",
        "still processing",
        "lots to think about",
        "I cried in the car after but the good kind",
        "my head is finally quiet",
        "",
    ],
    "right": [
        "you were right about",
        "you called it about",
        "ok fine you were right about",
        "you totally nailed it about",
        "ugh you were right re",
    ],
    "topic": [
        "my brother",
        "the job thing",
        "my mom",
        "him",
        "the apology",
        "the email to my boss",
        "my sister's wedding",
        "the move",
        "my roommate",
        "the group chat drama",
    ],
    "did": ["I did the", "finally did the", "tried the", "I actually did the", "did the"],
    "thing": [
        "thing",
        "exercise",
        "breathing",
        "thought record",
        "worry time",
        "exposure step",
        "five senses thing",
        "script",
        "letter",
        "body scan",
    ],
    "we": [
        "we practiced",
        "we talked about",
        "we planned",
        "we set up",
        "you showed me",
        "you suggested",
        "we role played",
        "from our last session",
        "you gave me",
    ],
    "outcome": [
        "and it worked!!",
        "and I didn't freak out",
        "it was hard but I did it",
        "told my roommate no",
        "and my boss just said ok??",
        "3 days in a row",
        "it helped a little",
        "felt silly but it helped",
        "",
    ],
    "office": [
        "the buzzer at your building isn't working, I'm outside",
        "what's the door code again for your building?",
        "is it ok if my partner waits in your lobby next time?",
        "I left my scarf in your waiting room",
        "your parking lot is full, ok if I park on the street?",
        "the elevator in your building is out, I'm walking up, 2 min",
        "I'm in your waiting room, no rush",
        "is the side entrance to your office open on Saturdays?",
    ],
    "bill": [
        "my card got declined for the session fee, can I pay Monday?",
        "the invoice from you has the wrong date",
        "can you resend the superbill from our last three sessions?",
        "my HSA card should work for our sessions now",
        "insurance denied the claim for our October sessions, any idea why?",
        "I'll pay the late cancel fee, no worries",
        "is the copay for our sessions still $25?",
        "can I pay you for two sessions at once?",
    ],
    "update": [
        "quick update since Friday:",
        "update since our call:",
        "since we last talked:",
        "small win since last week:",
        "ok so since Thursday:",
        "update on what we discussed:",
    ],
    "news": [
        "slept 7 hours two nights in a row",
        "I didn't text him",
        "I went to the gym twice",
        "I told my mom about the job",
        "no panic attacks at work",
        "I asked for the raise",
        "I ate lunch away from my desk every day",
        "I set the boundary with my sister",
        "I drove on the highway for 10 minutes",
    ],
    "late": [
        "running behind, be there by 2:10",
        "on my way, 10 min late sorry",
        "stuck in traffic, be there in 15",
        "be there in 5!",
        "running late, still want me to come or should we do phone?",
        "bus is late, I'll be a few min",
        "I'm here early, I'll wait in the car",
        "ugh parking, 5 min",
    ],
    "remember": [
        "remember my interview?",
        "remember the trip I was dreading?",
        "remember the thing with my landlord?",
        "remember my sister's visit?",
        "so remember the date I told you about?",
        "remember the presentation?",
    ],
    "remember_news": [
        "got a second round!",
        "it went fine actually",
        "it's sorted!!",
        "it was a disaster lol, tell you Tuesday",
        "she apologized??",
        "I survived",
        "not great, can we talk about it next time",
    ],
    "said": [
        "i keep thinking about what u said about",
        "what you said last time about",
        "I wrote down what you said about",
        "still chewing on what you said about",
        "my partner liked what you said about",
    ],
    "said_topic": [
        "my dad being scared too",
        "guilt vs shame",
        "my inner critic",
        "me not needing to earn rest",
        "my mom's texts",
        "the two wolves",
        "sitting with discomfort",
    ],
    "runin": [
        "it was nice running into you at the farmers market lol, awkward but nice",
        "saw you at the gym and didn't want to make it weird, so hi from here",
        "pretty sure I saw you at the airport, I did not say hi because rules lol",
        "ran into you at the pharmacy, sorry if I looked panicked haha",
        "you were at my kid's soccer game?? small town problems",
    ],
    "meta": [
        "omg you mentioned the exact metaphor you used with me",
        "you used the same example you gave me last month",
        "that's literally the worksheet you gave me",
        "the bus driver thing you taught me is in this video!!",
        "you said this exact sentence to me in your office",
        "this is the thing you keep reminding me about lol",
    ],
}


def _slot_client(rng: random.Random) -> str:
    g = {k: rng.choice(v) for k, v in SLOTS.items()}
    shapes = [
        f"{g['ask']} {g['move']} {g['when']} {g['to']}? {g['reason']}",
        f"{g['miss']} {g['missed']}, {g['reason']}. {g['after']}",
        f"{g['thanks']} {g['for']}, {g['felt']}",
        f"{g['right']} {g['topic']} lol",
        f"{g['did']} {g['thing']} {g['we']} {g['outcome']}",
        g["office"],
        g["bill"],
        f"{g['update']} {g['news']}",
        g["meta"],
        g["late"],
        f"{g['remember']} {g['remember_news']}",
        f"{g['said']} {g['said_topic']}",
        g["runin"],
    ]
    return casualize(rng.choice(shapes), rng, 0.4)


# Same shapes in other lives (games, sport, streams, friends): not a therapy relationship.
NOT_CLIENT_SCHEDULING = lines("""
see you tomorrow for the livestream!
can we move the raid to 9? half the guild is still at work
thanks for coming to the party yesterday man
can we push game night to Saturday?
I'll miss practice Thursday, my shift got changed
you were right about the ending, I should've listened
thx for the stream today, that was hilarious
can't wait for next week's episode!
same time next week for the premiere?
see you at the watch party on Friday
you were right about the ramen place, 10/10
can we switch the dinner reservation to 7?
thanks for the carpool this morning
I'll be late to book club, go ahead without me
anyone want to move the meetup to the cafe instead?
thx for the ride home, owe you one
can the match be moved to Sunday? our keeper is away
I did the recipe you posted and it came out perfect
tried the workout from your last video, my legs are dead 😂
thanks for answering my question in the live chat today
bro you were right about that stock, up 40%
you were right about the weather, got soaked
ok you were right about the trade, he's been amazing
you called it about the season finale
you were right about the recipe, way better with lemon
can't wait to see you at the conference next month, huge fan
I met you at a book signing years ago, you were so kind
saw your talk at the psychology conference, it was the highlight
I was in the audience at your workshop in Denver, great energy
will you be at the panel in March? would love to say hi
see you at the webinar on Thursday!
is the workshop next month recorded? can't make it live
we did this exact exercise in my DBT group today haha
my therapy group talked about this very topic last night
they showed your video in my outpatient program
my counselor at the clinic used this worksheet with me too
remember when this channel had 500 subscribers? look at you now
remember the old intro music? bring it back
""")


# Client messages in slang and text-speak.
CLIENT_SLANG = lines("""
sesh tmrw still on?? 🙏
omw to ur office, 5 min
brb running late to our sesh, bus is cooked
ngl last sesh lowkey changed my life
can we do the sesh on facetime this week, im sick af
yo doc u were so right abt my mom it's not even funny
pls tell me we still on for thurs i have SO much tea
i did the homework 💅 ur gonna be proud
not me quoting u to my bf mid argument 💀 he said "did ur therapist tell u that" yes sir
lmk if u can do 5 instead of 4 tmrw
sorry i ghosted last week's appt, life was life. can i rebook
bestie- i mean doc - can we talk abt the job thing next time
hiii its me ur 2pm, venmo or the portal for the copay?
skipping our sesh this week bc exams but ill be back next wk
ur waiting room playlist is a vibe btw
the grounding thing u taught me = elite, used it at the dmv
ok the "name it to tame it" thing from our sesh actually works fr
ty for today fr, needed that
""")


def client_examples(c: Corpus, rng: random.Random) -> None:
    for text in CLIENT_PUBLIC_CUES:
        reg = rng.choice(["youtube", "youtube", "reddit"])
        c.add("general_client.jsonl", text, ["client"], reg, "client-public")
    for text in CLIENT_SUBTLE:
        c.add(
            "general_client.jsonl",
            text,
            ["client"],
            rng.choice(["youtube", "reddit", "dm", "dm"]),
            "client-subtle",
        )
    for text in CLIENT_SLANG:
        c.add("general_client.jsonl", text, ["client"], "dm", "client-slang")
    for text in CLIENT_MISSPELT:
        c.add("general_client.jsonl", text, ["client"], "dm", "client-non-native-or-typos")

    def dm() -> tuple[str, list[str], str, str]:
        parts = [rng.choice(CLIENT_DM_GREETINGS) if rng.random() < 0.7 else "", rng.choice(CLIENT_DM_CUES)]
        if rng.random() < 0.35:
            parts.append(rng.choice(CLIENT_DM_CUES))
        if rng.random() < 0.5:
            parts.append(rng.choice(CLIENT_SIGNOFFS))
        text = join(*parts)
        return casualize(text, rng, 0.35), ["client"], "dm", "client-dm"

    c.fill("general_client.jsonl", 300, dm)
    c.fill("general_client.jsonl", 260, lambda: (_slot_client(rng), ["client"], "dm", "client-dm-short"))

    def public_variant() -> tuple[str, list[str], str, str]:
        cue = rng.choice(CLIENT_PUBLIC_CUES + CLIENT_SUBTLE)
        extra = rng.choice(["", "", " 😂", " ❤️", " lol", "!!", " 🙏", " haha"])
        lead = rng.choice(["", "", "", "ok ", "not gonna lie ", "honestly "])
        return (
            casualize(lead + cue + extra, rng, 0.3),
            ["client"],
            rng.choice(["youtube", "reddit"]),
            "client-public",
        )

    c.fill("general_client.jsonl", 80, public_variant)

    def client_advice() -> tuple[str, list[str], str, str]:
        text = join(rng.choice(CLIENT_ADVICE_CONTEXT), rng.choice(CLIENT_ADVICE_QUESTIONS))
        if rng.random() < 0.4:
            text = join(rng.choice(CLIENT_DM_GREETINGS), text)
        return casualize(text, rng, 0.3), ["client", "advice"], "dm", "client+advice"

    c.fill("general_client.jsonl", 110, client_advice)


# ---------------------------------------------------------------------------------------------------
# CLIENT HARD NEGATIVES: therapists in the third person, prospective clients, parasocial viewers.
# ---------------------------------------------------------------------------------------------------

THIRD_PERSON_WHO = lines("""
my therapist
My therapist
my old therapist
my counselor
my T
my therapist (not you lol)
My psychologist
my couples therapist
the therapist I saw in college
my kid's therapist
my wife's therapist
my psychiatrist
my last counselor
The therapist my work pays for
my therapist back home
""")

THIRD_PERSON_SAID = lines("""
said the exact same thing last week
always tells me to name the feeling first, same idea as this video
recommended your channel to me
made me do this worksheet and I hated it, but it works
uses this technique too
says boundaries are for me, not for controlling other people, which is what you said here
would love this video
taught me box breathing years ago and I still use it
disagrees with you on this one actually
told me almost the same thing about the "should" statements
is on maternity leave so I'm bingeing your videos until she's back
never explained it this clearly
sent me this link, so hi everyone from the waiting list
is so different from you, she barely talks
keeps telling me to watch videos like this between sessions
said ACT might suit me better than CBT, interesting to see you explain both
retired last year and I still miss her
laughed when I described my family exactly like your example
gave me a book on this, I think it was the same author you mentioned
and I talked about this last month and it clicked again watching you
""")

THIRD_PERSON_TAILS = lines("""
great video
Great explanation.
thank you for this
subscribed
💯
so validating
wish I'd seen this sooner
saving this
love this channel
""")

PROSPECTIVE = lines("""
are you taking new clients?
Do you take insurance?
do you take Aetna?
Do you see people in Ontario or only in the US?
how much is a session with you?
Do you do couples therapy?
I'd love to work with you, do you have a waitlist?
Is there a way to book a session with you?
are you licensed in Texas?
do you offer sliding scale?
Do you do online sessions for people in the UK?
How do I become your client?
do you work with teenagers? asking for my daughter
Are you accepting Medicaid patients?
Is there a link to your practice website?
do you ever do free consultations?
I wish I could have you as my therapist, do you do telehealth?
do you take BCBS? I'd switch to you in a heartbeat
Where is your office located?
Are you in-network with Cigna?
any openings this fall?
do you work with ADHD adults? trying to find someone
is your practice taking referrals from GPs?
what's the intake process like at your practice?
do you speak Spanish in sessions?
do you do EMDR? looking for someone who does
can people from Australia book with you?
how long is your waitlist usually?
do you have evening appointments? I work 9-5
Do you offer group sessions?
I've been looking for a therapist for months, are you open to new patients?
""")

PARASOCIAL = lines("""
you feel like my therapist lol
your videos are my therapy
free therapy session right here
this channel is cheaper than my copay
I've watched so many of your videos I feel like I know you
you're the therapist I can't afford
my weekly therapy appointment (this channel)
me using your videos as therapy because the waitlist is 9 months
honestly you're more my therapist than my actual therapist
pretending this is my session and nodding along
Dr. YouTube strikes again
this video just did more than 6 months of therapy
watching this at 1am like it's my therapy appointment
I tell my friends "my therapist says" and it's just your videos 😂
you're basically my online therapist at this point
this comment section is group therapy
whoever needed therapy today, here it is for free
my "therapist" (this channel) has never once canceled on me
sat here like a client on your couch taking notes
feels like I just had a session, thank you
I don't have a therapist but I have your channel
not my therapist but you might as well be
""")


def hard_negative_examples(c: Corpus, rng: random.Random) -> None:
    out = "general_hard_negatives.jsonl"

    def third_person() -> tuple[str, list[str], str, str]:
        text = f"{rng.choice(THIRD_PERSON_WHO)} {rng.choice(THIRD_PERSON_SAID)}"
        if rng.random() < 0.5:
            text = f"{text}. {rng.choice(THIRD_PERSON_TAILS)}"
        return (
            casualize(text, rng, 0.3),
            [],
            rng.choice(["youtube", "reddit"]),
            "hardneg-third-person-therapist",
        )

    c.fill(out, 150, third_person)

    for text in PROSPECTIVE:
        c.add(out, text, [], rng.choice(["youtube", "reddit", "dm"]), "hardneg-prospective-client")

    def prospective() -> tuple[str, list[str], str, str]:
        lead = rng.choice(
            [
                "",
                "Hi! ",
                "Hello, ",
                "Love your content. ",
                "Quick question: ",
                "hey ",
                "Sorry if this was asked, ",
            ]
        )
        text = lead + rng.choice(PROSPECTIVE)
        if rng.random() < 0.3:
            text += " " + rng.choice(
                [
                    "Thanks!",
                    "Would love to know.",
                    "🙏",
                    "I'm in Chicago.",
                    "I'm in Leeds.",
                    "Thanks in advance",
                ]
            )
        return (
            casualize(text, rng, 0.3),
            [],
            rng.choice(["youtube", "reddit", "dm"]),
            "hardneg-prospective-client",
        )

    c.fill(out, 90, prospective)

    for text in PARASOCIAL:
        c.add(out, text, [], rng.choice(["youtube", "youtube", "reddit"]), "hardneg-parasocial")

    def parasocial() -> tuple[str, list[str], str, str]:
        text = rng.choice(PARASOCIAL) + rng.choice(["", " 😂", " 🥲", " ❤️", " lol", "!", " fr", " 💀"])
        if rng.random() < 0.4:
            text = f"{rng.choice(['ngl ', 'honestly ', 'lowkey ', 'ok but ', ''])}{text}"
        return casualize(text, rng, 0.3), [], "youtube", "hardneg-parasocial"

    c.fill(out, 80, parasocial)


# ---------------------------------------------------------------------------------------------------
# ADVICE, long posts: Reddit and Q&A style. Each topic: O = opening situation, D = details,
# T = what they tried or how others react, A = the request for personal guidance.
# ---------------------------------------------------------------------------------------------------

TOPICS_TEXT = """
== anxiety
O: For about six months I've been getting this tight feeling in my chest almost every morning before work.
O: I've always been a worrier but since I moved to a new city last spring it's gotten way worse.
O: I had my first panic attack in a grocery store in March and now I'm scared of having another one.
O: My anxiety has been creeping up since my dad's heart scare and I don't know how to turn it off.
O: I'm a 26 year old nurse and lately I get waves of dread for no reason, even on my days off.
O: Ever since I started grad school I feel like my body is constantly bracing for something bad.
D: My heart races, my hands go numb and I'm convinced something is physically wrong with me.
D: I've been to the ER twice and both times they said my heart is fine, which honestly made me feel stupid.
D: I avoid driving on the highway now because that's where the last attack happened.
D: At night I replay every conversation from the day and pick apart what I said.
D: I check my phone constantly in case something bad happened to my family.
D: I've started canceling plans because I'm afraid I'll panic in front of people.
D: Even small things like answering an email from my manager make my stomach flip.
D: My jaw hurts every morning from clenching and my dentist noticed before I did.
D: The worst part is the "what if" loop, it can go on for hours.
D: I used to love going to concerts and now I can't even imagine standing in a crowd.
T: I've tried cutting out coffee and doing yoga videos, which helps a little but not much.
T: My partner is supportive but I can tell he's getting tired of reassuring me.
T: I downloaded a meditation app but I get more anxious when I try to sit still.
T: My doctor offered medication but I'm scared of side effects and of being on it forever.
T: I started running again, which helps for an hour or two, then it all comes back.
A: Is this a normal amount of anxiety or should I be looking for a therapist?
A: How do I stop a panic attack once it starts?
A: Should I try the medication or try therapy first?
A: How do I get back to driving without it turning into a whole thing?
A: Does anyone have practical tips for the morning dread?
A: What should I do? I just want to feel normal again.
== depression
O: I'm 31 and for the last few months I feel like I'm moving through fog.
O: I don't think I'm in danger or anything, but I've lost interest in basically everything I used to enjoy.
O: Since the winter started I've been sleeping ten or eleven hours and still waking up exhausted.
O: After I lost my job in the summer, I kind of stopped doing things and I can't seem to restart.
O: I've been on and off low for years, but this stretch has lasted longer than usual.
O: My friends say I seem "flat" lately and honestly they're right.
D: I used to paint every weekend and now my supplies just sit in the closet.
D: Showering feels like climbing a mountain, so I skip it more than I'd like to admit.
D: I eat whatever is easiest, mostly cereal, because cooking feels pointless.
D: I can still go to work and smile but I come home and lie on the floor for an hour.
D: My apartment is a mess and every time I look at it I feel worse about myself.
D: I cry at random things, commercials, songs, and then feel numb the rest of the day.
D: I keep telling myself I have no reason to feel like this because my life is objectively fine.
D: I stopped answering my group chat because I don't have anything to say.
D: Even when something good happens I notice it but don't really feel it.
T: I went to my GP and they did bloodwork which came back normal.
T: I tried a gratitude journal but ended up writing the same three things every day.
T: My mom says I just need to get outside more, which I know isn't wrong but it's not that simple.
T: I have a therapist but I only see her once a month because of cost.
A: How do I tell if this is depression or just a rough patch?
A: Where do I even start when everything feels like too much?
A: Should I ask about antidepressants, or is that overreacting?
A: How do you get yourself to do basic things when you have zero motivation?
A: Is it worth finding a therapist if I can only afford a few sessions?
A: Any advice for getting out of this slump?
== relationship
O: My boyfriend (29M) and I (27F) have been together for four years and lately we fight about everything. [m,long]
O: My husband and I have been married eight years and I feel more like his roommate than his wife. [m,long]
O: I (34M) think my girlfriend is losing interest in me but she says everything is fine. [f,long]
O: My partner and I just moved in together and it's been way harder than I expected. [*]
O: My wife and I had our first baby in January and we have barely had a conversation that isn't about logistics since. [f,long,baby]
O: I've been dating someone for five months and I can't tell if I'm anxious or if something is actually off. [*]
D: He goes quiet for days after an argument and acts like nothing happened. [m]
D: She checks my phone when I'm in the shower and says it's because she was cheated on before. [f]
D: Every time I bring up chores he says I'm nagging and walks out of the room. [m]
D: We haven't been intimate in almost a year and any time I bring it up it becomes a fight. [long]
D: He's on his phone all evening and I feel like I'm talking to a wall. [m]
D: She makes little jokes about my weight in front of her friends and says I'm too sensitive when I mention it. [f]
D: His mom has a key to our place and comes over unannounced, and he doesn't see a problem. [m]
D: We have completely different ideas about money and it comes up every single month.
D: I feel like I'm always the one who apologizes first, even when I don't think I was wrong.
D: When I try to talk about my feelings he says he "doesn't do drama." [m]
D: She wants to move across the country for her job and I don't know if I want to go. [f]
T: I suggested couples counseling and he said therapy is for crazy people. [m]
T: I've tried writing down what I want to say so I don't get emotional, but it still goes badly.
T: My friends are split: half say leave, half say every relationship goes through this.
T: We had a good weekend away last month and it felt like old times, then it went right back. [long]
A: Am I overreacting or is this a red flag?
A: How do I bring this up without it turning into another fight?
A: Is this something couples therapy can fix or should I start thinking about leaving?
A: What should I do?
A: How do I tell if I'm still in love or just comfortable? [long]
A: Is it normal to feel this way after the baby, and how do we get back to being a team? [baby]
== breakup
O: My girlfriend of three years broke up with me two months ago and I still can't function normally. [f]
O: I ended a six year relationship in the spring and I thought I'd feel relieved, but I mostly feel lost. [*]
O: My fiancé called off the wedding four months before the date. [m]
O: I got dumped over text after a year together and I can't stop thinking about it. [*]
O: It's been almost a year since my divorce was finalized and I'm still stuck. [*]
D: I check her Instagram every night even though I know it makes it worse. [f]
D: All our friends were really his friends, so I lost my whole social circle too. [m]
D: I keep rereading our old messages trying to find the moment it went wrong.
D: I can't listen to half the music I like because it reminds me of him. [m]
D: She already has a new partner and I feel like I was easy to replace. [f]
D: I have to see him at work every day, which makes moving on almost impossible. [m]
D: I sleep badly and wake up thinking about her before I'm even fully awake. [f]
D: Sometimes I think I made a mistake and should ask to get back together.
T: I deleted the apps and blocked him, then unblocked him a week later. [m]
T: My sister keeps telling me to get back out there and date, but I'm not ready.
T: I've been going to the gym a lot, which helps, but the evenings are rough.
A: How long is this supposed to take?
A: How do I stop checking her social media? [f]
A: Should I reach out to him or leave it alone? [m]
A: Is it normal to still feel this bad after this long?
A: How do I move on when we still share the same friends?
== family
O: My mom (58) has always been critical, but since my dad died she calls me every day to tell me what I'm doing wrong. [mom]
O: I'm 24 and still living with my parents to save money, and it's wearing me down. [home]
O: My older brother and I haven't spoken in two years and now our parents want us together for the holidays. [bro]
O: My in-laws are moving to our town next month and I'm dreading it. [inlaw]
O: I grew up as the "responsible one" in my family and at 35 I'm still expected to fix everyone's problems. [resp]
O: My father has started drinking more since he retired and the rest of the family pretends it isn't happening. [dad]
D: She comments on my weight, my job and my parenting, all in the same phone call. [mom]
D: If I don't answer she calls my husband, then my kids. [mom]
D: My parents treat me like I'm fifteen and want to know where I am every evening. [home]
D: My sister borrows money and never pays it back, and my parents always take her side. [resp,home]
D: Every family dinner ends with someone leaving the table upset.
D: I feel guilty when I set a limit and then resentful when I don't.
D: My dad gets mean when he drinks and then acts like nothing happened the next morning. [dad]
D: My mother-in-law rearranges our kitchen every time she visits. [inlaw]
D: I've started getting headaches on the drive over to their house. [mom,inlaw,dad,resp,bro]
T: I tried telling her how I feel in a letter but she read it as an attack. [mom]
T: My partner says I should just cut them off but that feels extreme to me.
T: I've read a few books on boundaries but I freeze the moment I'm in the room with them.
T: My siblings say I'm too sensitive and that's just how mom is. [mom]
A: How do I set boundaries with my mom without her cutting me off? [mom]
A: Should I go to the family event or skip it this year? [bro,inlaw,resp,dad]
A: How do I talk to my dad about his drinking? [dad]
A: Is it wrong to limit contact with family?
A: How do I stop feeling guilty every time I say no?
A: Any advice for surviving living at home for another year? [home]
== parenting
O: My 7 year old son has started having huge meltdowns over small things, like the wrong color cup. [k7]
O: Our 15 year old daughter barely talks to us anymore and spends all her time in her room. [k15]
O: I'm a single mom of two and I feel like I'm yelling all the time. [solo]
O: My 4 year old refuses to sleep in her own bed and we're all exhausted. [k4]
O: My son (12) was diagnosed with ADHD last year and homework time has become a war zone. [k12]
O: My stepdaughter (10) is polite to me but cold, and it's been three years. [step]
D: The meltdowns can last forty five minutes and he sometimes throws things. [k7]
D: His teacher says he's fine at school, which makes me wonder what I'm doing wrong at home. [k7,k12]
D: She used to tell me everything and now I get one word answers. [k15]
D: I found out she's been lying about where she goes after school. [k15]
D: My husband thinks I'm too soft and I think he's too harsh, so we argue in front of the kids.
D: Bedtime takes two hours every night and by the end I have nothing left. [k4,k7]
D: She comes into our room at 2am every night without fail. [k4]
D: If we walk her back she screams until she wakes up her baby brother. [k4]
D: He says he's "stupid" when he gets a math problem wrong and it breaks my heart. [k12,k7]
D: She's always on her phone and gets defensive if I ask who she's talking to. [k15]
D: My ex lets them do whatever they want on weekends, so every Monday is a reset. [solo,k7,k12]
D: The mornings are the worst, getting two kids fed and out the door alone while I'm already late. [solo]
D: I hear myself sounding exactly like my own mother and I hate it. [solo,k7,k15]
D: My oldest has started parenting the younger one, which makes me feel guilty. [solo]
D: She calls me by my first name and goes to her room whenever her dad leaves for work. [step]
D: I don't know how much discipline is my place and how much is her dad's. [step]
D: She lights up around her mom and I try not to take it personally. [step]
T: We tried a sticker chart and it worked for about a week. [k4,k7,k12]
T: I've read all the gentle parenting accounts but they don't show what to do in the actual moment.
T: We took away her phone for a week and it just made things worse. [k15]
T: Our pediatrician said it's probably a phase.
A: How do I handle the meltdowns without losing my temper? [k7,k4]
A: Is this normal teenage behavior or should I be worried? [k15]
A: Should I get her evaluated or give it more time? [k4]
A: How do I reconnect with my kid? [k15,step,k12]
A: What's the best way to get a toddler to sleep on her own? [k4]
A: How do I support him without doing the homework for him? [k12]
A: How do I stop yelling at my kids when I'm running on empty? [solo,k7]
A: How do I parent alone without burning out? [solo]
A: How do I build a relationship with her without pushing too hard? [step]
== adhd
O: I'm 29 and I've started wondering if I have ADHD. [undx]
O: I was diagnosed with ADHD as a kid, stopped meds at 18, and now at 33 I'm really struggling at work. [dx]
O: My wife thinks I have ADHD because I lose my keys daily and forget every appointment. [undx]
O: I'm a woman in my 40s and after my son's ADHD diagnosis I recognize a lot of it in myself. [undx]
O: I started a new job in tech and I can't focus for more than ten minutes without drifting. [undx]
D: I start ten projects and finish none of them.
D: I lose track of time so badly that I'm late to almost everything, even things I'm excited about.
D: I can hyperfocus on a video game for six hours but can't answer one email.
D: My desk is covered in sticky notes that I never look at again.
D: I interrupt people constantly and then feel terrible about it.
D: Bills get paid late because I literally forget they exist until there's a fee.
D: In school I was always "smart but lazy" according to every report card.
D: I'm exhausted by the end of the day from trying to look like I'm keeping up.
T: I've tried planners, apps, timers, all of it works for about a week.
T: My doctor brushed it off because I did fine in school. [undx]
T: I drink a lot of coffee and it seems to calm me down rather than wake me up, which I read might mean something.
A: Do I have ADHD or am I just bad at adulting? [undx]
A: How do I get tested as an adult, and is it worth it? [undx]
A: Should I go back on medication? [dx]
A: What actually helps with focus if I can't get meds right now?
A: How do I explain this to my boss without it sounding like an excuse?
== sleep
O: I haven't had a full night's sleep in about three months.
O: I fall asleep fine but wake up at 3am every night and can't get back to sleep.
O: Since starting night shifts my sleep is completely wrecked.
O: I've always been a light sleeper but this year it's gotten ridiculous.
D: I lie there with my mind racing through my to-do list.
D: I'm so tired at work that I've nearly fallen asleep in meetings.
D: I've started dreading bedtime because I know I'll just lie there.
D: On weekends I sleep until noon to catch up, then can't sleep Sunday night.
D: I scroll my phone when I can't sleep, which I know is a bad idea.
D: I've started having a glass of wine to fall asleep and now it's more like two.
T: I tried melatonin and it gave me weird dreams but didn't keep me asleep.
T: I bought blackout curtains and a white noise machine, no real change.
T: My doctor suggested sleep hygiene tips I've already been following for months.
A: What else can I try for insomnia?
A: Is it bad to use sleeping pills short term?
A: Should I see a sleep specialist or a therapist for this?
A: How do I stop my brain from racing at night?
== grief
O: My grandmother, who basically raised me, died in the spring. [gm]
O: We lost our dog of fourteen years last month and I'm more wrecked than I expected. [dog]
O: My best friend passed away suddenly last year and I still reach for my phone to text her. [bf]
O: My father died after a long illness in October and I feel weirdly numb. [dad]
O: I had a miscarriage at 11 weeks and everyone around me seems to have moved on. [mc]
D: I thought I'd cry a lot but mostly I feel nothing, and that makes me feel guilty.
D: Some days I'm fine and then a smell or a song knocks me flat.
D: I can't bring myself to clean out her room. [gm,bf]
D: People keep telling me she's in a better place and I want to scream. [gm,bf]
D: I've been snapping at my partner over tiny things.
D: I feel silly being this sad about a pet when people lose actual family. [dog]
D: The holidays are coming up and I don't know how to do them without him. [dad]
D: I keep replaying the last conversation we had and wishing I'd said more. [gm,bf,dad]
T: My work gave me three days off, which felt like nothing.
T: I went to one grief group but didn't feel like I fit in. [gm,bf,dad,mc]
T: My family doesn't talk about it at all, so I feel alone with it.
A: Is it normal to feel numb instead of sad?
A: How do you get through the first holidays after a loss?
A: When does it stop hurting this much?
A: Should I see a grief counselor or is this just normal grief?
A: How do I support my mom while I'm grieving too? [dad]
== work
O: I've been at my job for five years and I'm completely burned out.
O: I got promoted to manager six months ago and it's been a disaster for my mental health.
O: My boss criticizes me in front of the whole team and I dread going in.
O: I work from home and I can't separate work from the rest of my life anymore.
O: I'm a teacher in my third year and I'm not sure I can keep doing this.
D: I wake up already thinking about my inbox.
D: I've started getting sick every other month, which my doctor says is probably stress.
D: I cry in the car before going in at least once a week.
D: I used to like my job and now I feel nothing but dread on Sunday evenings.
D: I work until 9pm most nights and still feel behind.
D: My coworkers seem fine so I assume the problem is me.
D: I snap at my kids when I get home and then feel awful.
T: I took a week off and felt better, then it all came back within two days.
T: I asked my manager for help with priorities and she said "everything is a priority".
T: My partner wants me to quit but we need the health insurance.
A: How do I know if it's burnout or something more?
A: Should I quit without another job lined up?
A: How do I deal with a boss like this?
A: How do I switch off after work?
A: Is it worth talking to HR or will that make it worse?
== social
O: I'm 22 and I have basically no friends since college ended.
O: I moved to a new country for work two years ago and I'm so lonely.
O: I've always been shy but my social anxiety is stopping me from doing things I want to do.
O: I feel like I'm always the one reaching out and my friends never do.
O: I get so anxious at parties that I spend most of the time in the bathroom.
D: I rehearse phone calls in my head before making them and sometimes just don't make them.
D: When someone looks at me on the bus I assume they're judging me.
D: My weekends are completely empty and I dread Friday evenings.
D: I overanalyze every text I send and sometimes delete the whole conversation.
D: At work I eat lunch alone at my desk because joining people feels impossible.
D: I get invited to things occasionally but then cancel at the last minute.
D: I blush and my voice shakes when I have to speak in meetings.
T: I joined a climbing gym to meet people but I'm too nervous to talk to anyone.
T: I tried a friendship app and met one person, then we never followed up.
A: How do adults make friends?
A: How do I stop overthinking every conversation?
A: Is this social anxiety or am I just introverted?
A: How do I stop canceling plans?
A: What should I do about being lonely in a new country?
== selfesteem
O: I've never liked how I look, but it's gotten to the point where I avoid photos completely.
O: I constantly compare myself to my coworkers and always come out worse.
O: Whenever someone compliments me I assume they're just being nice.
O: I'm 19 and I feel like everyone my age has their life together except me.
D: I change clothes three or four times before leaving the house.
D: I won't apply for jobs unless I meet every single requirement.
D: My inner voice is so mean, I'd never talk to a friend the way I talk to myself.
D: If I make one small mistake at work I obsess about it for days.
D: I stay in relationships too long because I think no one else would want me.
D: I scroll social media and feel worse every time but can't stop.
T: My friends tell me I'm being hard on myself but that doesn't change how I feel.
T: I tried affirmations and felt like I was lying to myself.
A: How do I build self-confidence as an adult?
A: How do I stop comparing myself to everyone?
A: How do I quiet my inner critic?
A: Is this something therapy actually helps with?
== intrusive
O: I keep getting thoughts that I left the stove on, even when I've checked it five times. [chk]
O: For a few months I've had intrusive thoughts that really scare me, like images of something bad happening to my family. [chk]
O: I have to do things in a certain order or I feel like something bad will happen. [chk]
O: I'm a new dad and I keep having awful "what if" thoughts about dropping the baby. [dad]
D: I know the thoughts aren't rational but I can't stop acting on them.
D: I check the locks so many times that I'm late to work. [chk]
D: The thoughts horrify me and I'd never act on them, which is exactly why they upset me so much.
D: I wash my hands so often that the skin on my knuckles cracks every winter.
D: I ask my partner for reassurance over and over and I can see it's wearing on him.
D: I've started avoiding holding the baby when I'm tired because of the thoughts. [dad]
T: I googled it and now I'm worried I have OCD.
T: I've tried just ignoring the thoughts but that makes them louder.
A: Could this be OCD, and who do I see about it?
A: How do I stop checking things over and over? [chk]
A: Are these thoughts normal for new parents? [dad]
A: What kind of therapy helps with this?
== health
O: I've convinced myself I have a serious illness at least four times this year.
O: Ever since a friend got sick I can't stop googling every symptom I have.
O: I'm 40 and I've started getting anxious about every little ache.
D: A headache turns into me reading about brain tumors until 2am.
D: I've seen three doctors this year and every test is normal, but the relief lasts a day.
D: I check my body for lumps every morning.
D: My family is losing patience with me talking about my symptoms.
T: My doctor suggested I might have health anxiety and gave me a leaflet.
T: I tried a rule of no googling after 8pm and broke it the same night.
A: How do I stop googling symptoms?
A: Is this health anxiety, and how is it treated?
A: How do I trust my doctor when she says I'm fine?
== meds
O: I've been on sertraline 50mg for three months. [ssri]
O: My psychiatrist started me on Lexapro six weeks ago. [ssri]
O: I've been taking bupropion for a year and I think it's stopped working. [bup]
O: I was prescribed Adderall last month and I'm not sure how it's supposed to feel. [stim]
O: I came off my antidepressant about a month ago, with my doctor's okay. [off]
D: The first weeks were rough, nausea and weird dreams, but that's mostly passed. [ssri]
D: My mood is a bit better but I feel emotionally flat, like the volume is turned down. [ssri]
D: I've gained about ten pounds and it's making me self-conscious. [ssri,bup]
D: I sometimes forget a dose and then get dizzy and irritable. [ssri,bup]
D: My appetite is gone and I'm losing weight I didn't need to lose. [stim]
D: I feel better in the morning but crash hard around 4pm. [stim]
D: Since stopping I've been crying more easily and feel irritable. [off]
D: I get these brain zaps when I turn my head, like tiny electric shocks. [off]
D: The first two weeks off felt amazing, then everything got heavy again. [off]
D: I'm sleeping badly and my dreams are intense. [off,ssri,bup]
D: I feel a lot more anxious than I did before I started it. [bup,stim]
D: My heart races a bit in the afternoon and I'm not sure if that's expected. [stim]
D: I can focus at work now but in the evening I'm irritable with everyone. [stim]
D: The first month was great and now I feel like I'm back to where I started. [bup]
T: My next appointment isn't for another six weeks.
T: My GP says it takes time but it's been a while now. [ssri,bup]
A: Should I ask to increase the dose? [ssri,bup,stim]
A: Is it normal to feel flat on SSRIs? [ssri]
A: Should I switch medications or give it more time? [ssri,bup]
A: Is this withdrawal or is my depression coming back? [off]
A: How do I bring this up with my psychiatrist without sounding like I'm drug seeking? [stim]
== trauma
O: I was in a car accident last year and I still freeze every time I get in a car. [car]
O: I grew up in a house where there was a lot of yelling, and I think it still affects me. [home]
O: I left an emotionally abusive relationship two years ago and I'm safe now, but I still flinch at loud voices. [ex]
O: I was bullied badly in middle school and at 30 I still feel like that kid sometimes. [bully]
D: I jump out of my skin if someone comes up behind me.
D: I have nightmares a few times a week, always the same one.
D: When my partner raises his voice even a little I shut down completely. [home,ex]
D: I avoid the part of town where it happened. [car,ex]
D: I feel like I'm overreacting because "nothing that bad" happened compared to other people.
D: Certain smells bring me right back and my heart starts pounding.
T: I've never told anyone the whole story.
T: I read about EMDR but it sounds too good to be true.
A: Could this be PTSD even though it wasn't a big trauma? [home,bully,car]
A: What kind of therapist should I look for?
A: How do I stop reacting like this when I know I'm safe now?
A: Is EMDR worth trying?
== anger
O: I've noticed I get angry way faster than I used to.
O: My temper is starting to hurt my relationships and I don't want to be like my dad.
O: I get irritated with my kids over tiny things and then feel awful.
D: Small things like a slow driver can ruin my whole afternoon.
D: I've slammed doors and yelled in ways that scared my partner, though I've never hurt anyone.
D: Afterwards I feel ashamed and apologize, and then it happens again.
D: At work I hold it together but I unload everything at home.
T: I tried counting to ten, which works maybe half the time.
T: I started going to the gym to get the energy out.
A: How do I control my anger before it comes out?
A: Is anger management something a therapist can help with?
A: How do I repair things with my family after an outburst?
== identity
O: I'm 17 and I'm pretty sure I'm bi, but my family is very religious.
O: I'm 25 and I've been questioning my gender for about a year.
O: I came out to my parents last month and they've been acting strange ever since.
D: I haven't told anyone except one friend online.
D: My dad makes jokes about gay people at dinner and everyone laughs.
D: I feel like I'm lying to everyone I love just by existing.
D: My mom keeps saying it's a phase and I'll grow out of it.
D: I'm scared that if I say it out loud it becomes real and I can't take it back.
D: I'm financially dependent on my parents until I finish school.
T: I've read a lot of coming out stories online but everyone's family is different.
A: Should I come out now or wait until I move out?
A: How do I figure out who I am without feeling rushed?
A: How do I deal with my parents pretending the conversation never happened?
== addiction
O: My husband has been gambling online and I just found out we're $12,000 in debt. [m]
O: I'm trying to cut down on drinking but I keep ending up at the bar after work. [self]
O: My girlfriend smokes weed every single night and I'm starting to worry. [f]
O: I think I'm addicted to my phone, my screen time was 9 hours yesterday. [phone]
D: He swears he's stopped but I found new charges last week. [m]
D: She says it helps her sleep and that I'm being dramatic. [f]
D: I promise myself "just one" and then it's five. [self]
D: I hide how much I drink from my wife. [self]
D: Weekends are the worst, I lose Sundays to hangovers. [self]
D: I lose whole evenings scrolling and then hate myself for it. [phone]
D: I pick it up the second I wake up, before I even sit up. [phone]
D: I've stopped reading books because I can't focus on a page anymore. [phone]
D: Money keeps disappearing from our joint account. [m]
D: He gets angry and defensive whenever I ask where he's been. [m]
D: She used to do it on weekends only and now it's the first thing she does after work. [f]
D: We used to go out and do things, now every evening is the couch. [f]
T: I tried an app blocker and deleted it after two days. [phone]
T: I went to one AA meeting and felt like I didn't belong there yet. [self]
T: My friends think I'm overreacting. [m,f]
A: How do I bring this up without him getting defensive? [m]
A: How do I know if I actually have a problem? [self,phone]
A: Should I leave or try to help her through it? [f]
A: What actually works for cutting back? [self,phone]
== school
O: I'm a junior in high school and the pressure to get into a good college is crushing me.
O: I'm in my second year of university and I've failed two exams this semester.
O: I'm a PhD student and I feel like an impostor every single day.
D: My parents expect straight A's and get cold when I bring home anything less.
D: I study for hours but nothing stays in my head.
D: I freeze during exams even when I know the material.
D: My advisor hasn't responded to my emails in three weeks.
D: Everyone in my cohort seems to be publishing while I'm stuck on chapter one.
D: I skip lectures because I'm embarrassed about being behind.
T: I went to the campus counseling center once but the wait for a second appointment is a month.
A: How do I deal with test anxiety?
A: Should I take a leave of absence?
A: How do I talk to my parents about lowering their expectations?
A: How do I get over impostor syndrome?
== caregiving
O: I've been taking care of my mom since her stroke last year.
O: My husband was diagnosed with MS and I'm now his main caregiver. [m]
O: My grandfather has dementia and moved in with us in the summer.
D: I love her but I feel resentment building and then I feel like a terrible person.
D: I haven't had a full day off in months.
D: My siblings live far away and help with "advice" but not much else.
D: He sometimes doesn't recognize me and it breaks my heart every time.
D: My own health is slipping because I never have time for appointments.
T: We looked into respite care but it's expensive and there's a waitlist.
A: How do I stop feeling guilty for being exhausted?
A: How do caregivers avoid burning out?
A: Is it wrong to start looking at care homes?
== infidelity
O: I found messages between my wife and a coworker that were definitely more than friendly. [f]
O: My boyfriend cheated on me a year ago, we stayed together, and I still can't let it go. [m]
O: I cheated on my partner once and I've never told them. [conf]
D: She says it was "just texting" and that nothing physical happened. [f]
D: I check his location constantly and hate who I've become. [m]
D: I keep picturing them together whenever she's on her phone. [f]
D: She deleted the app but I don't know if she deleted him. [f]
D: Every time he's late I assume the worst. [m]
D: The guilt is eating me alive and I can't sleep. [conf]
D: It happened on a work trip two years ago and never again. [conf]
D: My partner trusts me completely, which somehow makes it worse. [conf]
D: We have two kids and I don't want to blow up their lives.
T: We went to a few counseling sessions together but stopped when it got hard.
A: Can trust actually be rebuilt after cheating? [m,f]
A: Should I tell my partner or take it to my grave? [conf]
A: How do I stop being suspicious all the time? [m,f]
== postpartum
O: I had my baby four months ago and I don't feel like myself at all. [me]
O: My wife had our daughter in the spring and she's been crying most days since. [f]
D: Everyone says it's the happiest time of your life and I feel like a fraud. [me]
D: I'm so anxious about the baby's breathing that I barely sleep even when she does.
D: I snap at my partner and then cry in the shower. [me]
D: She says she loves the baby but feels nothing when she holds her. [f]
D: I'm doing night feeds and working full time and running on fumes. [f]
D: I don't remember the last time I ate a proper meal sitting down. [me]
D: She doesn't want to leave the house or see her friends. [f]
D: My mom says she felt the same and "got over it". [me]
T: My OB asked a few questions at the checkup but it was rushed.
A: Is this baby blues or postpartum depression?
A: How do I support her without making it worse? [f]
A: Who should I talk to about this, my OB or a therapist? [me]
== diagnosis
O: I was diagnosed with BPD about a year ago and I'm still trying to understand what it means for me. [bpd]
O: I got diagnosed with bipolar II last spring after years of being told it was just depression. [bp]
O: I had a really bad reaction to edibles last month and since then I'm terrified I'm developing schizophrenia. [psy]
O: I've had generalized anxiety since I was a teenager and I'm 34 now. [gad]
O: I'm a teacher and I was diagnosed with ADD at 38, which explained a lot about my whole career. [add]
D: My moods can flip in an hour and the people closest to me get the worst of it. [bpd]
D: I'm terrified of people leaving, so I push them away first. [bpd]
D: I'm stable on lithium but I miss the energy I had during the up swings. [bp]
D: I've started tracking my sleep because that's usually my first warning sign. [bp]
D: I keep googling early signs of psychosis and checking myself for them. [psy]
D: Sometimes sounds feel too loud and I panic that it's starting. [psy]
D: My uncle had schizophrenia so it's always been in the back of my mind. [psy]
D: I've tried four different medications and each one helped for a while. [gad,bp]
D: Some weeks I'm fine and then something tiny sets off a month of worry. [gad]
D: Grading is where it hits me hardest, I can sit with a stack of essays for hours and finish three. [add]
D: My students probably have no idea how hard I work to look organized. [add]
D: My partner is supportive but doesn't really get it. [bpd,bp,gad,add]
D: I hate feeling like my diagnosis is the first thing people see. [bpd,bp]
T: I'm in DBT skills group but I struggle to use the skills in the moment. [bpd]
T: My psychiatrist says the fear itself is a good sign, but I can't fully believe her. [psy]
T: I've read every book there is on anxiety at this point. [gad]
T: My doctor started me on a low dose of medication and I'm not sure it's doing anything yet. [add,gad]
A: How do people with BPD keep relationships stable? [bpd]
A: Is it normal to miss hypomania, and how do you deal with that? [bp]
A: Is this just anxiety or should I get checked out? [psy]
A: Does it ever get easier, and what actually helped you? [gad,bp,bpd]
A: How do other teachers with ADHD manage the paperwork? [add]
A: Should I tell my partner more about what it's like inside my head? [bpd,bp,gad]
== relapse
O: I had a really good year after a long depression, and the last few weeks I can feel myself slipping again.
O: I'm 27, male, from the UK, and I think my depression is coming back after two good years.
O: I stopped therapy in the summer because I felt better, and now the old patterns are back.
D: The first sign was that I stopped replying to messages.
D: I'm sleeping later and later and skipping the gym I'd finally gotten into.
D: I'm scared that all the progress I made wasn't real.
D: I notice the same negative thoughts I used to have about being a burden at work.
D: I'm more irritable with my girlfriend and she's noticed.
D: I told myself I'd know what to do if it came back, but now that it's here I just feel frozen.
T: I still have the notes from my old therapist but reading them feels pointless right now.
T: I've been forcing myself to go for a walk every day, which helps a bit.
A: How do you stop a slip from turning into a full relapse?
A: Should I go back to therapy even though it's not that bad yet?
A: Any advice from people who have been here before?
A: Is it normal for depression to come back after a good stretch?
"""


Fragment = tuple[str, frozenset[str]]
_TAGGED = re.compile(r"^(.*?)\s*\[([^\]]+)\]$")


def parse_topics(text: str) -> dict[str, dict[str, list[Fragment]]]:
    """Fragments may end in ``[tag,...]``: only fragments sharing a tag (or untagged) are combined,
    so a post about a son never continues about "her"; ``[*]`` on an opening picks m or f."""
    topics: dict[str, dict[str, list[Fragment]]] = {}
    current: dict[str, list[Fragment]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("== "):
            current = {"O": [], "D": [], "T": [], "A": []}
            topics[line[3:]] = current
        elif line[:2] in ("O:", "D:", "T:", "A:"):
            body = line[2:].strip()
            match = _TAGGED.match(body)
            tags = frozenset(match.group(2).split(",")) if match else frozenset()
            current[line[0]].append((match.group(1) if match else body, tags))
    return topics


TOPICS = parse_topics(TOPICS_TEXT)

# Reddit posts and Q&A questions often begin with a title.
TITLES = {
    "anxiety": lines("""
        Constant dread every morning
        Anxiety is taking over my life
        How do you stop a panic attack?
        Scared of having another panic attack
        Is this normal anxiety?
    """),
    "depression": lines("""
        Stuck in a fog for months
        Lost interest in everything
        Depression or just a rough patch?
        No motivation to do anything
    """),
    "relationship": lines("""
        Need advice about my relationship
        Feeling like roommates, not partners
        Am I overreacting?
        We keep having the same fight
    """),
    "breakup": lines("""
        Can't get over my ex
        How long does it take to move on?
        Breakup is wrecking me
    """),
    "family": lines("""
        Boundaries with my mom
        Family stress is getting to me
        Dreading the holidays
        Need advice about my family
    """),
    "parenting": lines("""
        Struggling as a parent
        Need parenting advice
        My kid and I keep clashing
    """),
    "adhd": lines("""
        Could I have ADHD?
        Adult ADHD question
        Can't focus at work
    """),
    "sleep": lines("""
        Insomnia is ruining me
        Waking up at 3am every night
    """),
    "grief": lines("""
        Grief is weird
        Is this normal grief?
        First holidays without her
    """),
    "work": lines("""
        Burnout or something else?
        Dreading work every day
        My boss is wearing me down
    """),
    "social": lines("""
        How do adults make friends?
        Social anxiety is holding me back
        So lonely lately
    """),
    "selfesteem": lines("""
        How to stop hating how I look
        Inner critic won't shut up
    """),
    "intrusive": lines("""
        Intrusive thoughts, is this OCD?
        Can't stop checking things
    """),
    "health": lines("""
        Health anxiety is out of control
        Googling symptoms all night
    """),
    "meds": lines("""
        Medication question
        Side effects or something else?
        SSRI question
    """),
    "trauma": lines("""
        Can this still affect me years later?
        Is this PTSD?
    """),
    "anger": lines("""
        My temper is a problem
        How do I control my anger?
    """),
    "identity": lines("""
        Coming out question
        Scared to tell my family
    """),
    "addiction": lines("""
        Is this a problem?
        Worried about my partner's habit
    """),
    "school": lines("""
        School pressure is too much
        Impostor syndrome in grad school
    """),
    "caregiving": lines("""
        Caregiver burnout
        Caring for a parent and losing myself
    """),
    "infidelity": lines("""
        Trust after cheating
        Found messages on my partner's phone
    """),
    "diagnosis": lines(
        """
        Living with a new diagnosis
        Does it get easier?
        Scared of what this could mean
    """
    ),
    "relapse": lines(
        """
        Starting to slip again, any advice?
        Depression coming back after a good year
    """
    ),
    "postpartum": lines("""
        Not feeling like myself after the baby
        Baby blues or something more?
    """),
    "money": lines("""
        401k question
        Pay off debt or invest?
        Inheritance, what now?
        First time dealing with quarterly taxes
    """),
    "legal": lines("""
        Landlord keeping my deposit [OH]
        Out of state ticket question
        Neighbor's fence on my property
        Unpaid overtime
    """),
    "teaching": lines("""
        First year teacher, need tips
        Student teacher assigned without asking
        Curriculum change mid-year
    """),
    "car": lines("""
        Repair or replace?
        Lease buyout question
    """),
    "home": lines("""
        Water in the basement of our new house
        HOA door color violation
    """),
    "career": lines("""
        Two offers, can't decide
        Career switch at 35?
    """),
    "tech": lines("""
        Laptop super slow
        Mesh network keeps dropping
        First PC build
    """),
}


POST_OPENERS = lines("""
Throwaway account for obvious reasons.
Long post, sorry in advance.
Not sure if this is the right sub for this.
First time posting here.
On mobile, sorry for formatting.
I don't really know who else to ask.
Some background first.
Hi all,
I've been lurking here for a while.
English is not my first language, sorry for mistakes.
I need some outside perspective.
Okay so this might be long.
This is kind of embarrassing to write.
Hi everyone.
I hope this is allowed here.
""")

POST_CONNECTORS = lines("""
On top of that,
Also,
The thing is,
Honestly,
It's gotten to the point where
And
Lately
Some days
What bothers me most is that
I should add that
""")

POST_THERAPIST_THIRD_PERSON = lines("""
My therapist says it's probably stress, but I only see her every other week.
I mentioned it to my therapist and she said to keep an eye on it.
My old therapist used to say I catastrophize, and maybe she was right.
I'm on a waitlist for a therapist but it's three months long.
My counselor at school is nice but she mostly just listens.
I saw a therapist years ago but stopped when I moved.
""")

POST_CLOSERS = lines("""
Thanks for reading.
Any advice is appreciated.
Sorry this is so long.
Thank you in advance.
Thanks if you made it this far.
I'd really appreciate any perspective.
Please be kind.
Edit: thank you all for the replies, reading every one.
TIA.
I just need someone to tell me what to do honestly.
""")

QA_OPENERS = lines("""
Hi, I hope it's okay to ask this here.
I've never asked anyone about this before.
I'm writing because I don't know what else to do.
Question for a therapist:
Hello, I would like some advice.
Maybe you can help me.
""")


def _compatible(pool: list[Fragment], tags: frozenset[str]) -> list[str]:
    return [text for text, t in pool if not t or t & tags]


def _lower_first(sentence: str) -> str:
    if sentence.startswith(("I ", "I'", "ADHD", "EMDR", "HR ")):
        return sentence
    return sentence[0].lower() + sentence[1:]


def long_post(
    rng: random.Random,
    topic: str,
    qa: bool = False,
    source: dict[str, dict[str, list[Fragment]]] | None = None,
) -> str:
    source = TOPICS if source is None else source
    frags = source[topic]
    opening, tags = rng.choice(frags["O"])
    if "*" in tags:
        tags = (tags - {"*"}) | {rng.choice(["m", "f"])}
    details = _compatible(frags["D"], tags)
    rng.shuffle(details)
    tried = _compatible(frags["T"], tags)
    asks = _compatible(frags["A"], tags)
    parts: list[str] = []
    titles = TITLES.get(topic, [])
    if titles and rng.random() < 0.35:
        parts.append(rng.choice(titles))
    if rng.random() < 0.45:
        parts.append(rng.choice(QA_OPENERS if qa else POST_OPENERS))
    parts.append(opening)
    for sentence in details[: rng.randint(3, 6)]:
        if rng.random() < 0.25:
            sentence = f"{rng.choice(POST_CONNECTORS)} {_lower_first(sentence)}"
        parts.append(sentence)
    if rng.random() < 0.35:
        other = rng.choice([t for t in source if t != topic])
        extra = _compatible(source[other]["D"], frozenset())
        if extra:
            parts.append(
                f"{rng.choice(['On top of all that,', 'And', 'Not sure if related but'])} {_lower_first(rng.choice(extra))}"
            )
    for sentence in rng.sample(tried, k=min(len(tried), rng.randint(1, 2))):
        parts.append(sentence)
    if rng.random() < 0.2 and source is TOPICS:
        parts.append(rng.choice(POST_THERAPIST_THIRD_PERSON))
    parts.extend(rng.sample(asks, k=min(len(asks), rng.choice([1, 1, 2]))))
    if rng.random() < 0.5:
        parts.append(rng.choice(POST_CLOSERS))
    # Reddit posts come in paragraphs; Q&A questions are usually one block.
    if not qa and len(parts) > 5 and rng.random() < 0.6:
        cut = rng.randint(2, len(parts) - 2)
        return " ".join(parts[:cut]) + "\n\n" + " ".join(parts[cut:])
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------------
# ADVICE, short: comments, replies and DMs asking about the writer's own situation.
# ---------------------------------------------------------------------------------------------------

IS_IT_NORMAL = lines("""
feel numb a month after a breakup
cry at work almost every week
not miss my dad after he passed
get anxious every Sunday night before work
want to sleep all weekend
feel jealous when my best friend gets a new friend
still have nightmares about a car crash from five years ago
feel relieved when plans get canceled
get irritated by my partner's chewing this much
feel homesick after two years abroad
hate my job but be scared to leave it
forget what people said two minutes after they say it
feel lonely even when I'm with my boyfriend
be this tired after starting lexapro
zone out in the middle of conversations
feel guilty for resting
have panic attacks only at night
feel nothing on my wedding anniversary
feel like a fraud at my new job
get this angry at my kids over small stuff
still think about my ex every day after a year
not want to have kids when everyone expects it
feel anxious after drinking, like the whole next day
need to rewatch the same show over and over to calm down
feel empty after finishing a big project
""")

HOW_DO_I = lines("""
stop overthinking every text I send
stop comparing myself to my sister
calm down before a job interview
tell my parents I'm switching majors
stop people pleasing at work
deal with a coworker who takes credit for my work
get out of bed when I have no motivation
stop checking my ex's stories
talk to my husband about wanting more help with the kids
handle my mother-in-law's comments about my parenting
stop procrastinating until the night before everything
get over the fear of driving after an accident
stop ruminating about an argument from last week
tell my friend her drinking worries me
make friends in my 30s
forgive myself for how I treated people when I was younger
stop apologizing for everything
deal with loneliness after moving
handle panic attacks on the train
stop snacking when I'm anxious
set boundaries with a roommate who never cleans
stop feeling guilty about putting my mom in a care home
cope with my son moving away to college
sleep when my brain won't shut off
stop being so defensive when my partner gives feedback
""")

SHORT_ADVICE = lines("""
Do I have ADHD? I can't finish anything and I lose my phone five times a day.
should I up my sertraline or wait it out? it's been 8 weeks and I still feel meh
my boyfriend reads my messages "to make sure I'm not lying", is that normal??
Is it a red flag that he never introduces me to his friends after 6 months?
My wife wants space and I don't know if I should give it or fight for us. What do I do?
how do you know if you need therapy or just a vacation
My 5yo hits his little sister whenever he's tired. How do I handle this without yelling?
I think I might be depressed but I still function, does that count?
Can anxiety make your arm feel numb? mine does it every time I panic
My dad refuses to see a doctor about his memory and I'm worried. How do I get him to go?
I get so nervous before presentations I feel sick. Any tips for me?
Should I tell my new girlfriend about my depression or wait?
what do you do when your parents keep comparing you to your cousin? it's driving me nuts
I can't stop thinking about a mistake I made at work three weeks ago. how do I let it go
is it bad to take my anxiety meds only when I need them instead of every day?
My best friend stopped talking to me and won't say why. Should I keep trying?
I'm 17 and my parents fight every night. How do I deal with it until I can move out?
Do I have social anxiety or am I just awkward?
my partner wants an open relationship and I don't. how do I say no without losing him?
I keep waking up at 4am with my heart pounding. what could this be?
Should I go back to my ex if we both changed?
my husband drinks every night and says it's just to relax. should I be worried?
I'm grieving my grandma and my boss wants me back Monday. How do I cope at work?
How can I help my teenage son who won't leave his room except for school?
Is it OCD if I have to check the door lock 10 times?
I flinch when people hug me, even my mom. why and how do I stop?
my therapist retired and I don't know how to start over with someone new, any advice?
Every time my sister calls I feel dread. Should I stop answering?
My girlfriend says I'm emotionally unavailable. How do I work on that?
I was diagnosed bipolar 2 last month, how do I tell my family?
Should I quit college for a semester? I'm so burnt out I can't read a page
how do I know if my relationship is codependent
I snap at my wife then feel terrible. what's wrong with me and how do I fix it
My daughter (9) says she's "ugly" every day. What do I say to her?
can someone help me figure out if this is burnout or depression? exhausted, no joy, work is fine
is it too late to get diagnosed with autism at 35? I see so much of myself in it
my mom has cancer and I can't stop crying at night, how do people get through this
I started Wellbutrin and I'm super jittery, is that something to push through?
My fiancée wants a huge wedding and I'm getting panic attacks just thinking about it. Advice?
I think my friend group talks behind my back. Should I confront them or just leave?
""")

SHORT_TAILS = lines("""
any advice?
pls help
Thanks in advance.
asking for real
I'm lost
help
I really don't know what to do.
idk anymore
""")

VIDEO_THEN_ADVICE = lines("""
Great video, but what do I do if my anxiety only shows up at night?
This was helpful but my situation is different, my husband gets mad when I set boundaries. What should I do then?
Love this. How would you apply this if your mom is the one doing the guilt tripping?
I tried this technique and it makes my panic worse. Am I doing something wrong?
this made me wonder if I have avoidant attachment, I always pull away when someone gets close. how do I change that?
So if I recognize myself in all five signs, what should my next step be?
What if the overthinking is about my own kids? I can't stop imagining worst case scenarios.
I relate to this so much. How do I stop dissociating during arguments with my partner?
Thanks for this. My boyfriend does the silent treatment thing you described, how do I respond when it happens?
Does this apply to ADHD too? I hyperfixate then crash and I don't know how to pace myself.
Watching this I realised I might be a people pleaser. Where do I even start?
How do I do this when I share an office with the person who triggers me?
""")


# Whole questions written one by one, in many voices, so the model sees phrasing beyond the fragments.
ADVICE_HANDWRITTEN = lines("""
Why do I always feel like people are mad at me? If my friend takes a while to text back I assume I did something wrong and I spend the whole day replaying our last conversation. How do I stop this?
I'm 16 and my parents are getting divorced. They both keep asking me which house I want to live in and I feel like whatever I say I'll hurt one of them. What should I say?
How can I stop feeling so jealous when my girlfriend hangs out with her guy friends? She's never given me a reason not to trust her, but my stomach drops every time.
My husband and I can't agree on whether to have a second child. I'm 38 and feel like time is running out, he says he's "at capacity". How do we even start to talk about this without it becoming a fight?
I think I have an anger problem. Last week I punched a wall after an argument with my brother. I've never hurt a person but it scared me. What can I do to control this?
I've been with my girlfriend for two years and I still haven't met her parents. She says they're "complicated". Should I push or let it go?
My roommate is also my best friend and living together is ruining our friendship. She never cleans and I'm always the bad guy for asking. How do I handle this?
I moved back home after college and my parents still treat me like a kid. I pay rent, I work full time, but I get a curfew. How do I get them to respect me as an adult?
Every time I go on a date and it goes well, I end up ghosting the person. I don't understand why I do it. Is this a fear of intimacy thing and how do I fix it?
My sister is getting married and didn't ask me to be a bridesmaid, but asked her friend she's known for a year. I'm so hurt. Should I say something or let it go?
I'm a 45 year old man and I've never really had close friends. My wife is my only confidant. Is it too late to build friendships, and where do I even start?
How do I deal with a coworker who constantly undermines me in meetings? I don't want to go to HR over something that seems small, but it's affecting how I feel at work every day.
I get really anxious when my boyfriend goes out drinking with his friends. I trust him, but I spiral imagining everything that could happen. How do I calm down?
my mom keeps reading my diary and when i confront her she says she's worried about me. i'm 15. how do i get privacy without making her more suspicious?
I'm in my 60s and recently retired. I thought I'd love it, but I feel useless and I'm bickering with my wife all day. Is this common, and what helps?
My teenage son told me he doesn't want to go to his dad's house anymore but won't say why. How do I find out what's going on without pushing him away?
I feel like I'm always the "therapist friend" and nobody checks on me. I'm exhausted. How do I change this dynamic without losing friends?
I have a fear of vomiting that's so strong I won't eat at restaurants. It's ruining my social life. Is this a real phobia and can it be treated?
How do I stop needing reassurance from my partner all the time? I ask "are you mad at me?" probably ten times a day and I can see it wears on him.
My boyfriend says he wants to marry me "someday" but we've been together seven years. I'm starting to resent him. Do I give an ultimatum?
I'm an only child and my dad just got diagnosed with Parkinson's. I live three hours away. I feel like I need to move back but my career is here. How do I decide?
I've started dreading visiting my friend with a new baby because all she talks about is the baby. Is it selfish to feel this way? How do I handle it?
Why do I cry when I'm angry? It makes people not take me seriously at work and I hate it. Is there a way to stop it?
I have ADHD and my partner thinks I don't care because I forget things he tells me. I do care. How do I show him that?
Do I need therapy if I'm not depressed or anything, just kind of stuck in life? I feel like I've been on autopilot for years.
I'm getting married in three months and I keep having doubts. Is that normal cold feet or a sign I shouldn't do it?
I had a falling out with my best friend of 15 years over politics. I miss her but I also don't know if we can come back from what was said. Should I reach out?
My 20 year old daughter dropped out of college and won't tell us her plans. She sleeps until noon. How do we support her without enabling her?
How can I tell if my son is just shy or if he has social anxiety? He's 9 and won't talk to any adults besides us.
I have panic attacks when I drive over bridges, and I have to cross one every day to get to work. What can I do in the moment?
How do I stop my mind from going blank when someone criticizes me? I freeze and then think of what to say hours later.
I was adopted and recently found my birth mother. She wants a relationship but I'm not sure I do. How do I figure out what I want?
I keep comparing my relationship to my friends' relationships on Instagram. Mine seems boring. Is something wrong with us or with me?
My husband's ex-wife calls him for everything and he always goes. I feel like second place. How do I bring it up without seeming jealous?
I'm 30 and have never been in a relationship. I'm starting to think something is wrong with me. How do I stop feeling this way and actually put myself out there?
My best friend has started drinking heavily since her divorce and I'm worried. She gets defensive when I mention it. What can I say?
I'm a new manager and I hate confrontation. I have an employee who's always late and I keep avoiding the conversation. How do I get over this?
I feel disconnected from my own life, like I'm watching it through glass. It comes and goes. Is this dissociation and what should I do about it?
I want to go back to school at 40 but my family thinks it's a waste of money. How do I deal with their lack of support?
My girlfriend wants us to share all our passwords. I don't have anything to hide but it makes me uncomfortable. Am I wrong?
how do i know if i'm actually depressed or just lazy? i can't make myself do anything but i don't feel sad exactly
My father-in-law makes racist comments at family dinners and my husband won't say anything. I don't want my kids hearing it. What do I do?
We've been trying for a baby for two years and I can't be happy for my friends who are pregnant. How do I cope with this jealousy?
My dad remarried quickly after my mom died and I can't stand his new wife. I know it's not fair to her. How do I handle holidays?
I'm always exhausted after socializing even with people I like. Is something wrong with me or am I just an introvert?
I had a really bad experience with a therapist in the past, she judged me. I want to try again but I'm scared. How do I find someone good?
I'm a college athlete and I got injured. Without my sport I don't know who I am anymore. How do I cope with this?
Ever since the layoffs at my company, I've had this constant knot in my stomach. I still have my job but I can't relax. What can I do?
My wife says I never listen. I think I do. We had a big argument last night about it. How can I become a better listener, or how do we figure out who is right?
I get overwhelmed in loud places like malls and restaurants and have to leave. My friends think I'm being dramatic. Could this be sensory processing stuff?
I'm a stay at home dad and I feel invisible. Everyone asks my wife about the kids. How do I stop feeling so isolated?
Could a car accident make my PTSD worse? I was diagnosed after my time in the army and I've been doing okay, but last month someone hit my car and since then the nightmares are back. What should I do?
I was diagnosed with GAD last year. Is it normal that my anxiety gets worse right before my period? Should I mention it to my doctor?
I have bipolar 2 and I'm stable on lamotrigine, but I want to try for a baby. How do people manage this? Who should I talk to first?
Is it healthy to shame a kid as punishment? My nephew's stepdad makes him wear a sign when he misbehaves. How do I bring this up with my sister?
My mother-in-law has started forgetting things and getting angry when we point it out. How do we get her evaluated without her feeling attacked?
I'm still sleeping with my ex even though we broke up, and I keep doing things for him. I know it's not good for me. How do I actually stop?
I've had nightmares almost every night for three years. It takes me hours to fall asleep because I'm scared to dream. Is there treatment for this?
Diagnosed with BPD two years ago. My relationships always blow up the same way and I'm tired of it. What kind of therapy actually helps?
I took a lot of mushrooms at a festival two months ago and I still feel unreal sometimes, like I'm in a dream. Is this going to go away? Should I see someone?
My husband was just diagnosed with depression and he won't take the medication. How can I support him without nagging?
I'm 14 and my parents fight so loud I can hear them through headphones. It's not violent, just loud. How do I stop it from getting to me?
My brother has schizophrenia and stopped taking his meds. My parents keep covering for him. What can we do as a family?
I think my 70 year old dad is lonely since my mom passed. He won't admit it. How can I help him without being pushy?
I'm autistic and I burn out after every holiday with my family. How do I explain to them why I need to leave early?
Should I tell my boss I'm seeing a psychiatrist? I need to leave early every other Thursday and I don't know what to say.
I keep picking at my skin when I'm stressed, my fingers are a mess. Is this a thing and how do I stop?
Why do I feel so empty after I get something I worked really hard for? Graduated last week and I just feel flat. Is that normal?
My daughter came home from college and she's barely eating and sleeping all day. How should I bring it up with her?
My wife and I argue about screen time for our kids constantly. How do other parents agree on rules?
I'm in recovery from an eating disorder and I'm doing well, but my family keeps commenting on my plate at dinner. How do I ask them to stop?
I want to see a therapist for the first time but I have no idea what to say in the first session. How do I prepare?
My best friend just told me she's been diagnosed with anxiety, and I keep saying the wrong thing. How do I support her?
I'm 52 and just realized I've been people pleasing my whole life. How do I start changing this without blowing up my marriage?
I'm a veteran and loud noises still make me hit the ground. My kids think it's funny but it's not. How do I explain it to them?
My mom hoards and her house is getting unsafe to walk through. She gets angry if we touch anything. What should we do?
""")


# Advice asked in slang, short and fast.
ADVICE_SLANG = lines("""
ngl my bf be acting sus, checking my phone n stuff, is that a red flag fr?
lowkey been feeling mid for weeks, how do i get my motivation back
how do u stop overthinking every text, asking for me
my mom keeps comparing me to my cousin n it's giving favoritism, how do i tell her it hurts
is it normal to have zero social battery after school every day or is smth wrong w me
fr how do i stop doomscrolling til 3am, my sleep is cooked
gf says i'm "emotionally unavailable" wtf does that mean and how do i fix it
bro how do i talk to my dad without it turning into a screaming match
my anxiety be hitting at random in class, any tips to calm down fast?
should i tell my situationship i want more or just let it go
how do i stop being a people pleaser, it's ruining my whole life lol
idk if i have adhd or if im just lazy, how do i find out
my friend group lowkey left me out of the trip, do i say smth or move on
is it weird that i don't feel sad about my grandpa passing? we weren't close
how do i get over a crush on my best friend without making it weird
i cry every time i get feedback at work, how do i stop that
my roommate is always bringing her bf over and i'm losing it, how do i bring it up
i think i might be depressed but idk, how do u even know
my parents are getting divorced and i'm the one everyone vents to, how do i set limits
is it a red flag if he never posts me? been 8 months
how do i tell my therapist she isn't helping without being rude
my sister keeps borrowing money and never paying back, what do i do
how do u make friends after college fr, everyone's busy
mom says i'm too sensitive, am i?? how do i know
""")


def _short_advice(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        lead = rng.choice(
            [
                "is it normal to",
                "Is it normal to",
                "is it ok to",
                "Is it weird to",
                "anyone else? is it normal to",
            ]
        )
        text = f"{lead} {rng.choice(IS_IT_NORMAL)}?"
    elif kind < 0.5:
        lead = rng.choice(
            [
                "how do I",
                "How do I",
                "how can I",
                "What's the best way to",
                "Any tips on how to",
                "how do you",
            ]
        )
        text = f"{lead} {rng.choice(HOW_DO_I)}?"
    elif kind < 0.85:
        text = rng.choice(SHORT_ADVICE)
    else:
        text = rng.choice(VIDEO_THEN_ADVICE)
    if rng.random() < 0.25:
        text = f"{text} {rng.choice(SHORT_TAILS)}"
    return casualize(text, rng, 0.35)


def _dm_advice(rng: random.Random) -> str:
    topic = rng.choice(list(TOPICS))
    frags = TOPICS[topic]
    opening, tags = rng.choice(frags["O"])
    if "*" in tags:
        tags = (tags - {"*"}) | {rng.choice(["m", "f"])}
    details = _compatible(frags["D"], tags)
    asks = _compatible(frags["A"], tags)
    greet = rng.choice(
        [
            "Hi, I hope it's ok to message you here.",
            "Hello,",
            "Hi!",
            "hey, sorry for the random message.",
            "Hi, I watch your videos and wanted to ask something personal.",
            "Hello doctor,",
            "I know you probably get a lot of these messages, sorry.",
            "",
        ]
    )
    parts = [greet, opening, *rng.sample(details, k=min(len(details), rng.randint(1, 2))), rng.choice(asks)]
    if rng.random() < 0.4:
        parts.append(
            rng.choice(
                [
                    "Thank you for reading.",
                    "Sorry for the long message.",
                    "Any advice would mean a lot.",
                    "thanks",
                ]
            )
        )
    return casualize(join(*parts), rng, 0.2)


def advice_examples(c: Corpus, rng: random.Random) -> None:
    topics = list(TOPICS)
    weights = [
        3 if t in ("anxiety", "depression", "relationship", "family", "parenting") else 2 for t in topics
    ]

    def reddit_post() -> tuple[str, list[str], str, str]:
        topic = rng.choices(topics, weights)[0]
        return casualize(long_post(rng, topic), rng, 0.1), ["advice"], "reddit", f"advice-post-{topic}"

    c.fill("general_advice_reddit.jsonl", 420, reddit_post)

    def qa_question() -> tuple[str, list[str], str, str]:
        topic = rng.choices(topics, weights)[0]
        return long_post(rng, topic, qa=True), ["advice"], "dm", f"advice-question-{topic}"

    c.fill("general_advice_dm.jsonl", 120, qa_question)
    c.fill("general_advice_dm.jsonl", 170, lambda: (_dm_advice(rng), ["advice"], "dm", "advice-dm"))
    for text in ADVICE_HANDWRITTEN:
        c.add(
            "general_advice_reddit.jsonl",
            text,
            ["advice"],
            rng.choice(["reddit", "dm"]),
            "advice-handwritten",
        )
    for text in ADVICE_SLANG:
        c.add("general_advice_dm.jsonl", text, ["advice"], rng.choice(["dm", "reddit"]), "advice-slang")
    for text in SHORT_ADVICE + VIDEO_THEN_ADVICE:
        c.add(
            "general_advice_reddit.jsonl", text, ["advice"], rng.choice(["reddit", "youtube"]), "advice-short"
        )

    def short() -> tuple[str, list[str], str, str]:
        return _short_advice(rng), ["advice"], rng.choice(["reddit", "youtube", "dm"]), "advice-short"

    c.fill("general_advice_reddit.jsonl", 300, short)


# ---------------------------------------------------------------------------------------------------
# ENGAGEMENT: everything else. Music-video and therapy-video YouTube comments, spam, Reddit chat,
# non-clinical questions, criticism and trolling.
# ---------------------------------------------------------------------------------------------------

MUSIC_COMMENTS = lines("""
this song hits different at 2am
who's still here in 2025?
my dad used to play this in the car every Sunday, brings me right back
the bass line in this is criminally underrated
I came here from TikTok and I'm not leaving
this was our first dance song, 12 years married now ❤️
the way her voice cracks on the last chorus, chills every time
I don't even understand the language but this is beautiful
they don't make music like this anymore
my mom and I sing this at the top of our lungs on road trips
been on repeat for three days straight, send help
whoever edited this video deserves a raise
this played at my graduation and now I can't hear it without smiling
the drummer is having the time of his life and I love it
can't believe this came out 15 years ago, I feel old
still better than anything on the radio today
the guitar solo at the end is pure art
anyone else get goosebumps at the key change??
this song got me through my final exams
my 6 year old asks for this every single morning lol
saw them live in 2012, best night of my life
the harmonies in the bridge 😭😭
i'm 14 and i listen to this, my parents think i'm weird
this deserves way more views
the music video is so weird and I love it
whoever is reading this, hope your day gets better 🙂
this is my gym song, instant PR
still waiting for the full album on vinyl
the live version is even better, look it up
I play this on piano and it's harder than it sounds
this is the song my grandma danced to at my wedding
the lyrics in the second verse are genius, nobody talks about them
I heard this in a coffee shop and spent an hour finding it
best song of the decade, no debate
came for the song, stayed for the comments
this remix goes harder than the original
the way the crowd sings along at the end, goosebumps
every time I hear this I'm 16 again in my friend's car
my cat literally stops and stares at the screen when this plays
dang this slaps
pure nostalgia
I can't stop listening to this
underrated masterpiece
who else is here after the movie?
this was on every mixtape I made in high school
the cello part is so beautiful
turned this up so loud my neighbours knocked 😂
first time hearing this and wow
why did nobody tell me about this song sooner
10/10 would cry in the car again
this makes me want to dance in the kitchen
the 80s called, they want their vibe back, and I'm here for it
She sounds like an angel here
this song and a rainy window, perfect combo
my wife and I met at a concert of this band
the production on this is so clean
played this at my grandpa's funeral, he loved it. miss you pop
Honestly the video concept is genius
anyone else here from the radio this morning?
the intro alone is worth it
i'm learning english with this song lol
Love from Brazil 🇧🇷
greetings from Poland!
Love from India ❤️
Who's watching from the Philippines?
saludos desde México 🇲🇽
this song is my whole personality now
""")

MUSIC_TEMPLATES_YEAR = lines("""
who's still listening in {year}?
{year} and this still slaps
anyone here in {year}? 👀
still a banger in {year}
listening to this in {year}, still perfect
who else is here in {year} 🙋
""")

TIMESTAMP_REACTIONS = lines("""
the chills
that note!!
goosebumps every time
the drop 🔥
best part
when the drums kick in
I replay this part like 20 times
her face 😂
that high note tho
the guitar
pure magic
who else rewinds to this
""")

SPAM = lines("""
check out my channel, I make covers of songs like this 🎤
sub4sub anyone? I sub back instantly
Subscribe for free iPhone giveaway!!! link in bio
I made $7,500 in one week trading with Mr. Daniel Stone, message him on Telegram
Hey guys please check my new music video, it would mean the world
FREE V-BUCKS at the link in my channel
follow me on insta @sara.beats.official
Get 1000 subscribers in 24 hours, visit my channel for details
I earn $400 a day from home, click my profile to learn how
Who wants free Robux? Check my about page
hot singles in your area want to meet you ➡️ link
Please subscribe to my channel, I'm trying to reach 1k by Christmas
CRYPTO GIVEAWAY: send 0.1 BTC and receive 0.2 BTC back, limited time
check out my mixtape, link below, you won't regret it
Huge thanks to Mrs. Karen Wells, my portfolio went from $3k to $41k, she's on WhatsApp
visit w w w . free-giftcards . club for a free $100 Amazon card
I'm a small youtuber who makes gaming videos, any support is appreciated
Like this comment if you want me to upload part 2 of my reaction
My channel has reaction videos to this song, go check it out
Make money online with this simple trick doctors hate
😍😍 check out my page for similar music 😍😍
anyone want to trade subs? reply here
I will subscribe to everyone who subscribes to me
Earn passive income with forex, DM me to start today
Go to my channel if you want to see something amazing
Win a PS5! Just subscribe and comment your email
Thanks to Elliot's trading signals I paid off my car, look him up on Instagram
i'm giving away 3 gift cards to my first 100 subs, link in my channel
Visit my Etsy shop for handmade merch inspired by this song
Please watch my video I worked so hard on it 🙏🙏🙏
Stream my new single on Spotify, it's called Midnight Drive
Who needs a loan? Quick approval, contact me
🔥🔥 click here for the uncensored version 🔥🔥
Get certified in 2 weeks with our online course, 90% discount today
Anybody want a free vacation? Check my profile
""")

SPAM_TEMPLATES = lines("""
check out my channel for {thing}
please subscribe to my channel, I post {thing}
new to youtube, I make {thing}, would love some feedback
if you like this you'll love my {thing}, link in my profile
""")

SPAM_THINGS = lines("""
piano covers
guitar tutorials
gaming montages
lo-fi beats
vlogs from Nigeria
daily workout videos
funny cat videos
makeup tutorials
cooking videos
fortnite clips
drum covers
travel videos
""")

THERAPY_VIDEO_COMMENTS = lines("""
this was so clear, thank you for making it
What's the study you cited at 4:30? I'd love to read it
what mic do you use? the audio is so crisp
when is the next video coming out?
could you do a video on attachment styles in friendships?
Where is your sweater from? it's so cozy
I'm a psych student and this explained it better than my textbook
Saving this for later
the part about "feelings are information, not instructions" is going on a sticky note
Honestly this is oversimplified, CBT isn't the only evidence-based approach
therapists on youtube are so cringe
another video telling me to drink water and go for a walk lol
Thank you for including the research links in the description
this should be taught in high school
you explain things so calmly, love the vibe of this channel
Can you talk about ADHD in women in a future video?
I showed this to my whole team at work, great discussion
the cat walking behind you at 6:12 😂
This is just pop psychology repackaged
would love a part 2 on emotional regulation
Your bookshelf is goals, what's the green book on the left?
I disagree with the point about venting, some research says it helps
First! love your videos
3:45 is the part everyone needs to hear
Such a thoughtful breakdown of the DSM changes
Who else takes notes during these?
great video but the background music is a bit loud
Which book did you mention at the end? I missed the title
you've gotten so much better at editing, proud of this channel
love the new set, the plants look great
I'm a nurse and we're sharing this in our training group
can you make subtitles available in Spanish?
this channel deserves a million subs
I wish more professionals talked like this, no jargon
not you reading my mind again
What software do you use to make the animations?
Interesting take, though I think you skipped over the cultural side of this
Is there a podcast version? I listen while commuting
your explanation of the window of tolerance finally made sense of it for me
Funny how everyone in the comments is diagnosing their ex 😂
This video came out at the perfect time, thank you
Can you cite the source for the 40% figure? Genuinely curious, not trying to argue
Clickbait title but good content
The "name it to tame it" idea was new to me, fascinating
I wish my college professors were this engaging
My mom sent me this and I'm pretending I didn't watch it lol
How do you decide which topics to cover?
video idea: the psychology of procrastination
You look like my aunt haha
Are you going to do a live Q&A again?
This would make a great short for people who won't watch 20 min
Can't believe this is free, thank you for sharing your knowledge
Please never stop making these
I love how you always add a disclaimer that this isn't therapy
Anyone have the link to the worksheet she mentioned?
The thumbnail is a bit misleading but the video is great
I came for the title and stayed for the calm voice
Every time I see you upload I get happy
Great content, but please fix the audio in the first minute
Isn't this just Stoicism with a new name?
you're not a real doctor, stop giving opinions
lol imagine needing a youtuber to tell you how to feel
This is exactly what I needed to hear today
Love how respectful you are talking about medication
Would you ever collab with Dr. Ramani or similar channels?
Wait, so is it "defense mechanism" or "coping mechanism"? what's the difference?
What's the difference between a psychologist and a psychiatrist? always wondered
How long did it take you to become a licensed therapist?
do therapists ever go to therapy themselves?
is the grounding exercise you showed from DBT or somewhere else?
the sound of rain in the background is so relaxing
Bookmarking this for my next bad day
So many people in my life need to see this
Can we appreciate how well researched this is
""")

THERAPY_TEMPLATES = lines("""
{praise}
{praise} {emoji}
{ts} {reaction_t}
""")

PRAISE = lines("""
thank you for this
great video as always
This helped so much
love this channel
such a good explanation
so well put
needed this today
you're so good at explaining this
Brilliant, thank you
this is gold
wow, this was really eye opening
clear and kind as always
sharing this with my sister
""")

THERAPY_TS_REACTIONS = lines("""
this part!!
needed to hear this
wow, reframe of the year
literally me
say it louder for the people in the back
screenshot worthy
best explanation I've heard
""")

REDDIT_GENERAL = lines("""
That last minute goal was absolutely filthy, what a strike
Refs missed a clear handball and nobody's talking about it
We've been saying this since the trade deadline, the bullpen is cooked
Imagine paying $80 for a game and it launches with this many bugs
The final boss took me 40 tries and I regret nothing
Honestly the sequel was better than the original, fight me
That plot twist was obvious from the first episode
Anyone else think the director's cut drags in the middle?
This subreddit has gone downhill since the mods changed
Source? Because that sounds completely made up
Lmao the cat's face at the end
Take my upvote and leave
I can't believe they canceled it after one season, criminal
The soundtrack alone makes it worth watching
OP delivered, rare sight
This is the content I'm subscribed for
My grandma makes this exact dish and calls it something completely different
Wow, this is the most wholesome thing I've seen all week
Yeah no, that's not how taxes work
This is why I never lend my car to anyone
Ah yes, another "quick question" that's 12 paragraphs long
I laughed way too hard at this
Same thing happened to me at IKEA, you're not alone
That's actually a really good point, hadn't considered that
The username checks out
Username does not check out, disappointed
Genuinely impressed by the woodwork, how long did it take?
Nah, he was offside by a mile
That's the most Florida headline I've ever read
Cool story bro
Bold of you to assume I have plans on Friday
The devs really need to nerf that sniper rifle
I've been playing since beta and this patch is the worst one yet
Thank you for the detailed writeup, super helpful for a beginner like me
Can confirm, live in the area, the pizza there is elite
Yikes, that landlord needs to be reported
This is peak internet right here
I'm so happy for you! Congrats on the new job
What a time to be alive
Ok but who let the dog cook 😂
That's a beautiful garden, what kind of tomatoes are those?
Instructions unclear, ended up with three cats
This aged like milk
This aged like fine wine
Commenting so I can find this later
Whoever designed that intersection should be fired
My team lost again, I'm so annoyed I can't even look at the highlights
My cousin did the same hike last year and said the view was insane
You had me in the first half, not gonna lie
Every single time I try to bake bread it comes out like a brick
Proud of you OP, that takes guts
Damn, that's rough buddy
Ugh, I hate when stores do that with the "sale" prices
Absolutely love this, made my morning
I'm confused, is this satire?
I read the whole thing and I'm still not sure what happened
The animation studio really outdid themselves here
Best trade in franchise history, no contest
That coach has to go, we've wasted three seasons
Wait, people actually put pineapple on that?
This is oddly satisfying
Please tell me that's not real
Happy cake day!
I'll be honest, I didn't expect to enjoy this as much as I did
Ok this made me tear up a bit, such a sweet dog
Can't wait for the season finale, the theories are wild
I'd watch a whole show about that neighbour
My kid did this exact thing last week, I lost it laughing
Elden Ring ruined other games for me
Are we really doing this debate again
Why is this so accurate
Thanks, I hate it
This is the way
Agree with everything except the last point
Downvoted for being right, classic reddit
Omg that thumbnail looks just like my brother
I love this sub so much
Reading the comments is the best part
I'm saving this recipe, thank you
I can hear this image
Literally screaming at this 😂
this killed me 😂
I'm dead 💀
My sides hurt from laughing
That's so annoying, I'd be furious too
I can't stop smiling at this
So disappointed in how the finale wrapped up
I'm honestly so proud of this community
Ngl this made me really nostalgic
I'm jealous of that setup, it's beautiful
So grateful to live near a place like that
Curious how they'll handle this in the next patch
Lol the audacity
That's hilarious, thanks for sharing
This is such a weird coincidence, I was just thinking about this
Wow, this is incredibly rude of your neighbor
That's disgusting, who would do that
Relieved to see someone else say this
Mildly infuriating that the lid doesn't match
I'm surprised this isn't more upvoted
Not me watching this at work with the volume off
What a legend
The commentator lost his mind, rightly so
Finally someone said it
Nobody asked, but thanks
Touch grass
Skill issue
Cope harder
You must be fun at parties
""")

REDDIT_TEMPLATES = lines("""
{opener} {comment}
""")

COMMENT_OPENERS = lines("""
lol
honestly
ngl
Yeah,
Lmao
Wait,
Okay but
Man,
Bro
Real talk,
Ha,
""")

NON_CLINICAL_ASKS = lines("""
what laptop should I buy for college, budget around $800?
best way to learn Python if I have zero coding experience?
any tips for running my first half marathon?
how do I get red wine out of a beige carpet?
which mirrorless camera is good for beginners?
what's a good first car for a 17 year old?
how do I negotiate a higher salary offer without sounding greedy?
what's the best budgeting app right now?
should I learn Spanish or French for travel in South America?
how do I keep my sourdough starter alive while I'm on vacation?
what mic do you recommend for podcasting on a budget?
best noise cancelling headphones under $200?
how do I fix a squeaky door hinge?
is it worth upgrading from the PS4 to the PS5 yet?
any good books like The Martian?
what should I name my new puppy? she's a golden retriever
how do I get my tomato plants to stop splitting?
what's the best way to store fresh herbs?
recommendations for a good fantasy series to binge?
how do I clean a cast iron pan properly?
what's a good gift for a coworker who's retiring?
Is a Roth IRA better than a traditional one for someone starting out?
how long should I boil eggs for jammy yolks?
what's the fastest way to level up in this game?
any tips for a first-time visitor to Tokyo?
how do I remove a stripped screw?
Which language should I learn first, JavaScript or Python?
how do you guys organize your cables behind a desk?
what's the best way to get rid of fruit flies?
can someone recommend a good beginner guitar?
best hiking boots for wide feet?
how do I transfer photos from an old iPhone to Android?
what's a fun board game for 6 people?
how should I prepare for a software engineering interview?
tips for keeping a toddler entertained on a long flight?
How do I write a cover letter when switching careers?
What paint finish is best for a bathroom?
any recommendations for a standing desk?
how do I get started with woodworking on a small budget?
how do I get my cat to stop scratching the couch?
what's the best route from Denver to Moab?
how do I make my resume stand out for internships?
which VPN actually works for streaming?
what do I wear to a wedding that says "garden cocktail"?
how do you keep basil from wilting?
how do I reset my router without losing my settings?
how do I stop my dog from pulling on the leash?
how do I get better at chess openings?
how do I unclog a shower drain without chemicals?
how do I stop procrastinating on my garden project lol, the weeds are winning
how do I make my bread less dense?
how do I convince my friends to try D&D?
how can I improve my 5k time?
how do I get rid of the smell in my gym bag?
how do I back up my whole phone to a laptop?
how do I stop my glasses from fogging up with a mask?
how do you guys remember all the keyboard shortcuts?
best way to learn to cook for someone who only makes pasta?
""")

EMOTION_STATEMENTS = lines("""
My flight got delayed for the third time today, I'm so done with this airline
Finally got my driver's license after failing twice!!
So annoyed that my package got delivered to the wrong house again
Today was honestly a good day, sun was out and my coffee was perfect
I'm so proud of my little brother, he graduated today
Ugh, the printer jammed right before my presentation
I just finished my first 5k and I'm so happy
My neighbour's dog barked from 6am, I'm grumpy today
Just got engaged!!! Still shaking
Sad that my favourite cafe closed down, end of an era
I'm so nervous for my driving test tomorrow lol
Grateful for my friends who showed up with pizza when I moved
Bored out of my mind at this conference
I'm surprised how much I enjoyed that documentary
Embarrassed to admit I cried at a dog food commercial
Excited for the long weekend, finally
Disappointed the concert got postponed again
Relieved that the exam is over, whatever happens happens
Mad that they changed the app layout again
Feeling nostalgic looking at old photos from college
I love rainy Sundays so much
Tired but happy after the wedding
Frustrated with this traffic, 40 minutes to go two miles
My sourdough finally rose!! I'm ridiculously proud
Kind of bummed nobody remembered my birthday at work, but the cake I bought myself was great
""")

# Mental-health talk that asks nothing for the writer: support to others, sharing, recovery.
SUPPORT_AND_SHARING = lines("""
You're not alone, I went through the same thing after my divorce and it does get easier
Two years ago I couldn't leave the house, today I flew across the country by myself
Sending you a hug, that sounds so hard
I have anxiety too and this song calms me down every time
OP, please be gentle with yourself, you did the best you could
Therapy changed my life, I'll never stop recommending it
My son has ADHD and videos like this help me understand him better
Proud of everyone in this thread for sharing
I used to be so hard on myself, this stuff took years to unlearn
Just wanted to say your post made me feel less alone
Three years sober today, thanks to everyone in this sub
Grief is weird, I still laugh about my dad's terrible jokes every day
It took me five therapists to find the right one, don't give up on looking
Medication helped me a lot, no shame in it
I'm an introvert and honestly I love my quiet weekends
Congrats on finally going to your first appointment, that's huge
This thread is so supportive, I love this community
my depression was at its worst in 2019, I'm doing much better now and wanted to share that
If anyone needs to hear it: rest is productive
I wish someone had told me this stuff when I was a teenager
Reading everyone's stories here makes me feel seen
My panic attacks stopped after a year of CBT, sharing in case it gives someone hope
Being the oldest daughter is a whole job lol
I finally set a boundary with my mom yesterday and it went fine!
Good luck with your interview OP, you've got this
Your feelings are valid, don't let anyone tell you otherwise
I think what you did for your sister was really brave
Mental health days should be normal everywhere
Glad to see more men talking about this stuff
Update: I talked to my boss like people suggested and it went great. Thanks all!
""")

# More engagement in other shapes: view counts, links, people by name, rhetorical questions, debate.
ENGAGEMENT_MORE_YOUTUBE = lines("""
over 2 billion views, this song is immortal
how does this have dislikes?? who hurt you
1 billion views and I'm still not tired of it
the fact that this has fewer views than some random prank video is a crime
Who else watched this 50 times today
pls like so the singer sees this
imagine being one of the extras in this video
this video is older than me and I love it
the choreography at 2:48 is insane, learned it in a day
Came here after the halftime show
Anyone know what camera this was shot on?
every comment here is a whole story, I love it
my kids are obsessed, this is played 30 times a day in our house
they really did put every effort into this video
I just bought tickets to see them live, 4 months to wait 😩
this is my ringtone and I'm not sorry
the background dancers deserve their own video
imagine hearing this for the first time, I envy you
can we get this to 1 million likes
not the singer looking straight into my soul at 1:30
this song was my entire summer of 2016
I didn't expect the ending of the music video at all
this is the song I put on when I clean the house
I used to hate this song, now it's my favourite, what happened
The vocals are so raw here
first time I heard this was in a taxi in Lisbon
I'm here because my little sister won't stop singing it
Lyrics are so deep if you actually listen
turn on captions, the lyrics hit even harder
bring back music videos with actual stories
The lighting in this video is gorgeous
who's here because of the viral dance
the key change made me stand up from my chair
This came on shuffle and I had to come watch the video
http://bit.ly/free-music-downloads get all their songs free here
visit my site www.cheap-followers.net for real likes and views
Check this out >> freegiftcards4u.biz
Like if you're watching on your phone in bed
Wow what a voice
Can someone tell me what this song is about?
""")

ENGAGEMENT_MORE_REDDIT = lines("""
[NAME] really carried the team in the second half
Honestly [NAME] deserves way more credit for that play
Lol [NAME] is such a drama queen in that scene
I love how [NAME] handled that interview, so calm
Maria is the best character and I'll die on this hill
Wait, so why did Jake leave in the first place?
Ha! Told my brother this would happen, he owes me $10
Who even does that? Who parks across four spots?
Why is it always the printer? Every single time
Is it just me or are prices at the movies getting ridiculous?
How is this even legal
Why do I even bother with this show anymore
Did anyone actually expect anything different from this team?
Seriously, who asked for a reboot?
I disagree, the first book was way better than the movie
This take is wild and I'm here for the replies
Unpopular opinion: the original ending was better
Counterpoint: it was fine and people just like complaining
That's not what the article says at all, did you read it?
Found the intern who wrote this headline
Imagine getting this upset over a video game
You're wrong but I respect the confidence
Thank you! I've been trying to find this for ages
Oh wow, that's actually amazing, congrats!
I'm crying, this is the funniest thing I've read today
My dog does the exact same head tilt
Great, now I'm hungry at 1am
That's so sweet, your grandpa sounds like a great guy
Omg I'm so sorry that happened, hope your car is okay
Yeah that's frustrating, customer service is a joke these days
Not surprised, they've been going downhill for years
Hah, I did the same thing on my first day
Appreciate the update OP
Honestly that's a relief to hear
This is the kind of petty I aspire to
LOL no
Well that escalated quickly
This is so cute I can't handle it
What a wholesome thread
I'm glad someone finally said this out loud
That's disgusting, I'd ask for a refund
This is such a good idea, stealing it
Brilliant, absolutely brilliant
Yeah I'm not reading all that but congrats or sorry that happened
Good bot
Why would you do this to me at 7am
Ugh this ref again
""")


# Long posts asking for practical, non-clinical help (money, law, work logistics, home, cars, tech):
# engagement by definition, written in the same shape as the advice posts so that shape alone
# does not mean "advice".
NONCLINICAL_TOPICS_TEXT = """
== money
D: I'm 24 with no other debt besides student loans. [k401]
D: We both have stable jobs and no kids yet. [debt,house]
D: I made about $60,000 freelancing this year. [self]
D: I've never filed anything except a W-2 before. [self]
D: My accountant friend says different things every time I ask. [self,inh]
D: Houses in our area have gone up 20% in two years. [house]
D: Our landlord just told us rent is going up $200. [house]
T: I set up a separate account for tax money. [self]
A: Do I need to pay estimated taxes if this is my first year? [self]
A: Rent or buy, what would you do? [house]
O: I'm 24 and just got my first full time job with a 401k match. [k401]
O: My partner and I have about $18,000 in credit card debt and finally want to tackle it. [debt]
O: I inherited $30,000 from my grandfather and I have no idea what to do with it. [inh]
O: I'm self-employed as of this year and I'm confused about quarterly taxes. [self]
O: We're trying to decide whether to keep renting or buy a house next year. [house]
D: My company matches 4% but I'm not sure which fund to pick from the list. [k401]
D: The interest rates on the cards range from 19% to 27%. [debt]
D: I have about three months of expenses saved in a regular savings account. [k401,debt,inh,house]
D: My rent is $1,450 and I take home about $3,800 a month. [k401,debt,house]
D: I also have a car loan at 6% with two years left on it. [k401,debt,inh]
D: My parents say real estate is the only safe investment but they bought in the 90s. [inh,house]
D: I've read about index funds but the more I read the more confused I get. [k401,inh]
D: I don't know whether I should set aside 25% or 30% for taxes. [self]
T: I made a spreadsheet but I'm not sure my numbers are right.
T: I talked to someone at my bank and it felt like a sales pitch.
T: I've been reading the wiki here for a week.
A: Should I pay off the debt first or keep investing? [debt,inh]
A: Avalanche or snowball, which one makes more sense here? [debt]
A: Is it worth paying for a financial advisor at this stage? [inh,k401,house]
A: What would you do with the money in my position? [inh]
A: Am I missing something obvious?
== legal
D: He's also charging me for "cleaning" even though I paid for a professional clean. [dep]
D: I've never had a ticket before and I'm worried about my insurance going up. [tix]
D: The fence company told him the line was fine, but they never looked at the survey. [fence]
D: When I asked HR they said salaried people don't get overtime, but I'm hourly. [ot]
D: My car has been in the shop for a week and I'm paying for a rental myself. [crash]
D: It was 14 over in a construction zone. [tix]
D: He's refusing to talk about it and says to "call his lawyer". [fence]
D: Two coworkers have the same problem. [ot]
D: The police report clearly says the other driver was at fault. [crash]
D: The lease says the deposit has to be returned within 30 days and it's been 60. [dep]
O: My landlord is refusing to return my $2,000 security deposit. [dep]
O: I got a speeding ticket in a state I was just driving through. [tix]
O: My neighbor built a fence that I'm pretty sure is two feet onto my property. [fence]
O: My employer hasn't paid me for overtime in three months. [ot]
O: I was rear-ended at a red light last week and the other driver's insurance is stalling. [crash]
D: I took photos of the apartment when I moved out and it was spotless. [dep]
D: He says the carpet needs replacing, but it was already old when I moved in. [dep]
D: The ticket says I can pay online or contest it in court, which is six hours away. [tix]
D: I have the original survey from when we bought the house. [fence]
D: My paystubs show the hours but not the overtime rate. [ot]
D: The adjuster keeps saying they are "reviewing" and won't give a timeline. [crash]
D: I live in Ohio, if that matters.
T: I sent a letter by certified mail and never heard back. [dep,fence,ot,crash]
T: I called a lawyer but the consultation fee alone is $300.
A: Do I have a case for small claims court? [dep,fence,crash]
A: Is it worth fighting this or should I just pay it? [tix]
A: What are my options here?
A: Who do I even report this to? [ot]
== teaching
D: I only found out from an email the week before she starts. [st]
D: I barely feel like I know what I'm doing myself. [st,new]
D: I've been subbing in the district for two years and know most of the staff. [sub]
D: The pacing guide expects us to finish a unit in two weeks. [cur]
D: My mentor teacher is great but on leave until October. [new]
D: I've applied to nine schools this spring. [sub]
D: I got my room keys and it's completely empty. [new]
O: I'm a second year teacher and I just got assigned a student teacher without being asked. [st]
O: I'm starting my first job as a 3rd grade teacher in August. [new]
O: I teach middle school science and our district just switched curriculum mid-year. [cur]
O: I'm a substitute teacher trying to get a full time position. [sub]
D: The new curriculum has no lab materials and I've been buying supplies myself. [cur]
D: My principal is nice but very hands-off. [st,cur,new]
D: I have 31 kids in my class and no aide. [cur,st]
D: I'm not sure how to set up my classroom library or how many books I need. [new]
D: Interviews keep asking for a "classroom management philosophy" and I freeze. [sub]
T: I asked the other teachers on my team but they're just as lost. [cur,st]
A: Any tips for the first week of school? [new]
A: How do you all handle parent emails? [new,st]
A: What should I put in my portfolio? [sub]
A: Is it normal for a district to do this mid-year? [cur]
== car
D: I'd have to finance whatever I buy next. [rep,buy]
D: I've kept it in great shape and it has low miles. [lease]
D: The shop says the rest of the car is in good condition. [rep]
D: I have a budget of about $15,000 and a trade-in. [buy]
D: The dealer won't negotiate on the buyout at all. [lease]
O: My car needs a $3,000 transmission repair and it's only worth about $5,000. [rep]
O: I'm shopping for my first car and the dealer is pushing an extended warranty. [buy]
O: My lease ends in two months and I can't decide whether to buy it out. [lease]
D: It has 140,000 miles on it and has been reliable until now. [rep]
D: The monthly payment they quoted is way more than I expected after fees. [buy]
D: The buyout price is about $2,000 above what similar cars are selling for. [lease]
D: I drive about 50 miles a day for work.
T: I got a second quote from an independent shop that was $400 cheaper. [rep]
A: Repair it or sell it as is? [rep]
A: Are extended warranties ever worth it? [buy]
A: What would you do?
== home
D: The previous owners said it never had water issues. [water]
D: We're on a tight budget after the closing costs. [water,tile]
D: The letter gives us 30 days to repaint or start paying fines. [hoa]
D: Three other houses on our street have similar doors. [hoa]
D: I've already pulled up half of the vinyl. [tile]
D: There's a musty smell that wasn't there at the showing. [water]
D: I'd like to do as much of the work myself as I safely can. [tile]
T: We emailed the HOA board and got a form letter back. [hoa]
O: We just bought our first house and found water in the basement after the first big rain. [water]
O: I'm renovating a 1950s bathroom and found old tile under the vinyl. [tile]
O: Our HOA sent us a violation letter about the color of our front door. [hoa]
D: The inspector didn't mention anything about moisture. [water]
D: The sump pump seems to be working but the corner is still wet. [water]
D: I'm worried the old tile might contain asbestos. [tile]
D: The door was this color when we bought the house two years ago. [hoa]
T: I called two contractors and got wildly different quotes. [water,tile]
A: Is this something I can DIY or do I need a pro? [water,tile]
A: How do I find a contractor who won't rip me off? [water,tile]
A: Can they actually fine us for this? [hoa]
== career
D: The remote one has better benefits but less room to grow. [off]
D: I've been taking online courses on the side. [pm,rn]
D: I'd be taking a pay cut for a few years. [rn]
D: I've talked to two PMs at my company and they were encouraging. [pm]
D: My partner is supportive but we'd have to tighten the budget. [rn]
O: I got two job offers on the same day and have to decide by Friday. [off]
O: I've been a software developer for three years and I want to move into product management. [pm]
O: I'm 35 and considering going back to school to become a nurse. [rn]
D: One pays $8,000 more but the other is fully remote. [off]
D: My current manager doesn't know I'm interviewing. [off,pm]
D: The program is two years and I'd have to go part time at my current job. [rn]
D: I have a decent portfolio but no formal certifications. [pm]
T: I made a pros and cons list and it's almost perfectly even. [off,rn]
A: Which offer would you take? [off]
A: How do I negotiate the salary on the second offer? [off]
A: Is it realistic to switch careers at my age? [rn,pm]
A: What should I put on my resume to make the switch? [pm,rn]
== tech
D: It takes almost five minutes to boot. [lap]
D: The fan is always running loudly. [lap]
D: I have three nodes and about 25 devices. [net]
D: The main router is in the basement because that's where the cable comes in. [net]
D: I already have a monitor, keyboard and mouse. [pc]
D: I'd like it to be quiet and upgradeable later. [pc]
D: I also want to stream sometimes. [pc]
O: My laptop has gotten painfully slow over the last few months. [lap]
O: I'm trying to set up a home network with a mesh system and it keeps dropping. [net]
O: I want to build my first gaming PC with a budget of about $1,200. [pc]
D: It's a 2019 model with 8GB of RAM. [lap]
D: I mostly use it for browsing and spreadsheets. [lap]
D: The connection drops every evening around 8pm. [net]
D: I mostly play competitive shooters at 1440p. [pc]
T: I already tried resetting everything to factory settings. [lap,net]
A: Is it worth upgrading the RAM or should I just buy a new one? [lap]
A: Which parts would you prioritize? [pc]
A: Any idea what's causing this? [net]
"""

NONCLINICAL_TOPICS = parse_topics(NONCLINICAL_TOPICS_TEXT)

# Short second-person replies between strangers: they say "you" but signal no therapy relationship.
SECOND_PERSON_REPLIES = lines("""
you're welcome! glad it helped
thank you sis!
how was your day?
love you man, see you at the game
Haha hope you get it sorted, what a pain
You're so right, I never thought of it that way
you must be new here
Did you even watch the video?
you had one job
Happy birthday! hope you have a great one
I hope you feel better soon, colds are the worst
Congrats on the new place, you deserve it
you're welcome, enjoy the recipe
thanks buddy, appreciate you
Same to you, have a good weekend
You're killing it with these posts
you can't be serious lol
Did you ever find out what happened with the package?
Wait till you see the second season
see you at practice Tuesday
you're going to love it there, the food is amazing
thanks for the tip, you saved me a trip to the store
you said it better than I could
Ayyy you made it!
Was that you at the concert last night?
you'll get the hang of it, took me weeks
you two are adorable
Told you so 😂
miss you already, come back soon
you do you
where did you get that jacket?
Thank you for explaining, I had no idea
You should totally post the finished version
honestly you're the best mod this sub has had
can you share the pattern you used?
you're right, my bad
How long did it take you to learn that?
you're welcome!! any time
I see you're a person of culture as well
See you next week for the next episode!
""")


# Questions about mental health in general, or about resources, that ask nothing about the writer's
# own situation: engagement, however clinical the vocabulary.
GENERAL_MH_QUESTIONS = lines("""
How does counseling actually help people? Genuinely curious how it works
What does FP stand for on this sub? I keep seeing it
Does therapy really work or is it mostly placebo?
What's the difference between CBT and DBT?
Any good books on attachment theory for a beginner?
Why is there such a stigma around psychiatric medication?
How long does it usually take to become a licensed counselor?
Is there research on whether journaling helps with anxiety?
What's the success rate of EMDR in studies?
Why do so many people self-diagnose from TikTok now?
Anyone know a good podcast about psychology?
What does "trauma-informed" actually mean? I see it everywhere
How do therapists not take their work home with them?
Is it true that most people with ADHD are diagnosed as adults now?
What's the history of the DSM? Reading about it for a class
Has anyone here read The Body Keeps the Score? Thoughts?
Why do they call it "high functioning" anxiety?
How is OCD different from just liking things neat?
Does anyone know if there's a documentary about bipolar disorder that's actually accurate?
What do people mean by "inner child work"?
Is there a subreddit for people studying psychology?
What's everyone's favorite mental health app and why?
Why do antidepressants take weeks to work? Is that understood?
Can someone explain what a "psych eval" involves in general?
How common is social anxiety? Seems like everyone has it
What's the deal with the new 988 number, how does it work?
Are there any good free mental health resources for college students? Making a list for our club
How do psychologists measure something like happiness?
What is the difference between grief and depression, clinically?
Why is therapy so expensive in the US compared to Europe?
Do people ever outgrow ADHD?
I'm writing a paper on burnout, any good sources?
Is "gaslighting" being overused these days?
What is the evidence for light therapy?
Does anyone else find the mental health awareness posts on LinkedIn weird?
What exactly does a psychiatric nurse do?
Can you recommend a channel that explains neuroscience simply?
How did people deal with anxiety before it had a name?
Is it a myth that we only use 10% of our brains?
What's the best intro textbook for abnormal psychology?
""")


# Therapy sessions mentioned with someone else, or with no one: not this therapist's client.
SESSION_NOT_CLIENT = lines("""
just got out of therapy and this was the first video in my feed
my session got canceled today so I'm watching you instead lol
therapy Tuesday gang where you at
I have an appointment with my psychiatrist tomorrow, wish me luck
told my therapist about this channel and she loved it
going to bring this video to my next session with my counselor
my appointment with my therapist is in an hour and I'm procrastinating with youtube
First therapy session next week! Nervous but excited
my psych appointment got moved again, third time this month, so annoying
had a great session with my therapist today and wanted to share the good vibes
I'm a therapist too and I share your videos with my clients
As a counselor myself, I love how you explained this
My clients ask me about this all the time, bookmarking for them
my wife is a therapist and she says your stuff is spot on
Our group session at the clinic watched this today
my daughter's counselor recommended this channel
Just finished my last session with my therapist after 3 years. Graduated therapy!
I see my therapist on Thursdays and I always watch one of these before
anyone else's therapist on vacation this month? surviving on youtube videos
I wonder if my therapist watches your channel
""")

# A few more voices: non-native English, kids, older viewers.
ENGAGEMENT_VOICES = lines("""
very beautiful song, greetings from Turkey
i love this song so much, is the best of all the songs
Who is listen from Vietnam? 🇻🇳
This video is very good for my english practice, thank you teacher
I am 67 years old and I still dance to this in my kitchen
im 10 and this is my favorit song
My grandson showed me this channel, very interesting information
It's very helpful video, i share with my friends in Korea
Nice explain, thank you madam
ich liebe dieses Lied
muy buena canción, saludos
Good song, good memories of my youth in Lagos
I dont understand english very good but the music is beautiful
Hello from Egypt, beautiful voice
Please make more videos in slow english for learners
This is first time I comment on youtube, the song is so nice
""")


# Engagement in slang, and negative or hostile comments with no request.
ENGAGEMENT_SLANG = lines("""
no cap this slaps
W video
L take tbh
this ain't it chief
it's giving main character energy
bro fell off after the second album
ratio
the way I screamed 😭😭
who let bro cook 🔥
fr fr this the one
this goes hard ngl
lowkey obsessed
I'm deceased 💀
not the cat stealing the show 😂
istg this song lives in my head rent free
she ate and left no crumbs
mid at best
respectfully, this is overrated
this is so cringe I can't
bruh moment
nah this is elite
say less
POV: you're 15 again and this is on the radio
the algorithm finally did something right
""")

NEGATIVE_COMMENTS = lines("""
this song is trash, how does it have so many views
worst video I've watched all week
overrated, the original was better
why is this recommended to me, stop
the autotune is unbearable
unsubscribed, the content went downhill
boring, clicked off after a minute
this channel is just ads now
whoever made this thumbnail should be ashamed
turn the music down, I can't hear a word you're saying
this is misinformation and you know it
I don't get the hype at all
""")


EMOJI = ["", "", "", " ❤️", " 😂", " 🔥", " 🙌", " 😭", " 💯", " 👏", " 🥹", " ✨"]


def _timestamp(rng: random.Random) -> str:
    return f"{rng.randint(0, 5)}:{rng.randint(0, 59):02d}"


def engagement_examples(c: Corpus, rng: random.Random) -> None:
    yt = "general_engagement_youtube.jsonl"
    rd = "general_engagement_reddit.jsonl"
    for text in MUSIC_COMMENTS:
        c.add(yt, text, [], "youtube", "engagement-music")

    def music() -> tuple[str, list[str], str, str]:
        roll = rng.random()
        if roll < 0.25:
            text = rng.choice(MUSIC_TEMPLATES_YEAR).format(year=rng.randint(2016, 2026))
        elif roll < 0.5:
            text = f"{_timestamp(rng)} {rng.choice(TIMESTAMP_REACTIONS)}"
        else:
            lead = rng.choice(["", "honestly ", "ngl ", "omg ", "man, ", "i swear "])
            text = lead + rng.choice(MUSIC_COMMENTS)
        return casualize(text + rng.choice(EMOJI), rng, 0.3), [], "youtube", "engagement-music"

    c.fill(yt, 230, music)

    for text in ENGAGEMENT_MORE_YOUTUBE:
        c.add(yt, text, [], "youtube", "engagement-youtube")
    for text in SPAM:
        c.add(yt, text, [], "youtube", "engagement-spam")

    def spam() -> tuple[str, list[str], str, str]:
        if rng.random() < 0.5:
            text = rng.choice(SPAM_TEMPLATES).format(thing=rng.choice(SPAM_THINGS))
        else:
            text = rng.choice(SPAM)
            text = rng.choice(["", "Nice song! ", "great video. ", "🔥🔥 ", "Hey everyone, "]) + text
        return casualize(text, rng, 0.2), [], "youtube", "engagement-spam"

    c.fill(yt, 110, spam)

    for text in THERAPY_VIDEO_COMMENTS:
        c.add(yt, text, [], "youtube", "engagement-therapy-video")

    def therapy_video() -> tuple[str, list[str], str, str]:
        roll = rng.random()
        if roll < 0.35:
            text = rng.choice(PRAISE) + rng.choice(EMOJI)
            if rng.random() < 0.4:
                text = f"{text} {rng.choice(PRAISE)}"
        elif roll < 0.55:
            text = f"{_timestamp(rng)} {rng.choice(THERAPY_TS_REACTIONS)}"
        else:
            text = rng.choice(THERAPY_VIDEO_COMMENTS) + rng.choice(EMOJI)
        return casualize(text, rng, 0.3), [], "youtube", "engagement-therapy-video"

    c.fill(yt, 170, therapy_video)

    for text in REDDIT_GENERAL:
        c.add(rd, text, [], "reddit", "engagement-reddit")

    def reddit() -> tuple[str, list[str], str, str]:
        text = rng.choice(REDDIT_GENERAL)
        if rng.random() < 0.6:
            text = f"{rng.choice(COMMENT_OPENERS)} {_lower_first(text)}"
        return casualize(text + rng.choice(EMOJI), rng, 0.3), [], "reddit", "engagement-reddit"

    c.fill(rd, 190, reddit)

    for text in ENGAGEMENT_MORE_REDDIT:
        c.add(rd, text, [], "reddit", "engagement-reddit")
    c.fill(
        rd,
        60,
        lambda: (
            casualize(rng.choice(ENGAGEMENT_MORE_REDDIT) + rng.choice(EMOJI), rng, 0.4),
            [],
            "reddit",
            "engagement-reddit",
        ),
    )
    for text in GENERAL_MH_QUESTIONS:
        c.add("general_hard_negatives.jsonl", text, [], "reddit", "hardneg-general-mental-health-question")
    c.fill(
        "general_hard_negatives.jsonl",
        25,
        lambda: (
            casualize(rng.choice(GENERAL_MH_QUESTIONS), rng, 0.6),
            [],
            "reddit",
            "hardneg-general-mental-health-question",
        ),
    )
    for text in NOT_CLIENT_SCHEDULING:
        c.add(
            "general_hard_negatives.jsonl",
            text,
            [],
            rng.choice(["youtube", "reddit"]),
            "hardneg-not-client-scheduling",
        )
    c.fill(
        "general_hard_negatives.jsonl",
        30,
        lambda: (
            casualize(rng.choice(NOT_CLIENT_SCHEDULING), rng, 0.7),
            [],
            "reddit",
            "hardneg-not-client-scheduling",
        ),
    )
    for text in SESSION_NOT_CLIENT:
        c.add(
            "general_hard_negatives.jsonl",
            text,
            [],
            rng.choice(["youtube", "reddit"]),
            "hardneg-session-not-client",
        )
    c.fill(
        "general_hard_negatives.jsonl",
        25,
        lambda: (
            casualize(rng.choice(SESSION_NOT_CLIENT) + rng.choice(EMOJI), rng, 0.5),
            [],
            "youtube",
            "hardneg-session-not-client",
        ),
    )
    for text in ENGAGEMENT_SLANG + NEGATIVE_COMMENTS:
        c.add(
            "general_engagement_youtube.jsonl",
            text,
            [],
            rng.choice(["youtube", "reddit"]),
            "engagement-slang-or-negative",
        )
    for text in ENGAGEMENT_VOICES:
        c.add("general_engagement_youtube.jsonl", text, [], "youtube", "engagement-voices")
    for text in SECOND_PERSON_REPLIES:
        c.add("general_hard_negatives.jsonl", text, [], "reddit", "hardneg-second-person-reply")

    def nonclinical_post() -> tuple[str, list[str], str, str]:
        topic = rng.choice(list(NONCLINICAL_TOPICS))
        return (
            casualize(long_post(rng, topic, source=NONCLINICAL_TOPICS), rng, 0.1),
            [],
            "reddit",
            "engagement-nonclinical-post",
        )

    c.fill(rd, 200, nonclinical_post)
    for text in NON_CLINICAL_ASKS:
        c.add(rd, text, [], "reddit", "engagement-nonclinical-question")

    def non_clinical() -> tuple[str, list[str], str, str]:
        lead = rng.choice(
            ["Quick question: ", "Random but ", "Hey reddit, ", "Serious question, ", "", "ELI5: ", "Help! "]
        )
        return (
            casualize(lead + rng.choice(NON_CLINICAL_ASKS), rng, 0.3),
            [],
            "reddit",
            "engagement-nonclinical-question",
        )

    c.fill(rd, 70, non_clinical)

    for text in EMOTION_STATEMENTS:
        c.add(rd, text, [], rng.choice(["reddit", "youtube"]), "engagement-emotion")
    c.fill(
        rd,
        30,
        lambda: (
            casualize(rng.choice(EMOTION_STATEMENTS) + rng.choice(EMOJI), rng, 0.5),
            [],
            "reddit",
            "engagement-emotion",
        ),
    )

    for text in SUPPORT_AND_SHARING:
        c.add(
            "general_hard_negatives.jsonl",
            text,
            [],
            rng.choice(["reddit", "youtube"]),
            "hardneg-support-sharing",
        )
    c.fill(
        "general_hard_negatives.jsonl",
        40,
        lambda: (
            casualize(rng.choice(SUPPORT_AND_SHARING) + rng.choice(EMOJI), rng, 0.5),
            [],
            "reddit",
            "hardneg-support-sharing",
        ),
    )


def build() -> dict[str, int]:
    rng = random.Random(SEED)
    corpus = Corpus()
    client_examples(corpus, rng)
    hard_negative_examples(corpus, rng)
    advice_examples(corpus, rng)
    engagement_examples(corpus, rng)
    return corpus.write()


if __name__ == "__main__":
    for name, count in build().items():
        print(f"{name}: {count}")
