"""Hand-written signals on normalised text: the crisis safety net and client cues.

The crisis net is built for recall: an explicit risk phrase raises `crisis` even when the model is
unsure. Each phrase is then checked against guards that undo it when the words are not about the
writer's own risk now:

- negation right before the phrase ("I'm not suicidal", "I would never hurt myself");
- joking hyperbole ("this song killed me 😂", "kms lol this homework");
- suicide as a topic ("your video on suicide prevention");
- support offered to others ("if you're feeling suicidal, please reach out");
- a past episode told as recovery ("5 years clean from self harm"), unless the text says it is
  back ("relapsed", "again", "lately").

Client cues are second-person signs of an existing therapy relationship ("see you Tuesday", "in
our session", "you're literally my therapist"); prospective clients ("are you taking new
clients?") and third-person talk ("my therapist said") are not cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ME = r"(?:my ?self|meself|my ?own ?self)"
_PEOPLE = (
    r"(?:friend|best friend|bestie|bff|sister|brother|sibling|son|daughter|kid|child|mom|mum|mother|dad|"
    r"father|girlfriend|boyfriend|gf|bf|partner|roommate|roomie|classmate|cousin|wife|husband|"
    r"student|coworker|co-worker|niece|nephew|aunt|uncle|grandma|grandpa)"
)
_ABUSER = (
    r"(?:he|she|they|my (?:mom|mum|dad|mother|father)'?s (?:boyfriend|girlfriend|partner|husband|wife)|"
    r"my (?:dad|father|mom|mum|mother|husband|boyfriend|bf|partner|wife|girlfriend|gf|"
    r"stepdad|stepfather|stepmom|stepmother|brother|sister|ex|uncle|landlord|roommate|parents))"
)
_OTHER_SELF = r"(?:him ?self|her ?self|them ?selves|them ?self)"

# (signal, pattern). A signal names the kind of risk for the reviewer.
_CRISIS_PATTERNS: tuple[tuple[str, str], ...] = (
    # Suicidal thoughts, active.
    ("suicidal thoughts", r"\bsuicidal\b"),
    ("suicidal thoughts", r"\b(?:commit|committing|attempt\w*|think\w* (?:of|about)|thought (?:of|about)|"
                          r"thoughts? (?:of|about)|contemplat\w+|consider\w*|plan\w*|planning on|urges? "
                          r"(?:to|of)|"
                          r"struggl\w+ with|obsess\w+ (?:over|with)) suicide\b"),
    ("suicidal thoughts", r"\bsuicid(?:e|al) (?:ideation|thoughts?|urges?|feelings?|tendencies)\b"),
    ("suicidal thoughts", r"\bsuicide (?:is|as|seems like|would be|feels like) (?:the|an|my|a) (?:only |"
                          r"best |"
                          r"real |easy )?(?:answer|option|way out|solution|choice|escape)\b|\b(?:is|isn'?t) "
                          r"suicide (?:the|an|worth|really|a)\b"),
    ("suicidal thoughts", r"\b(?:option|way|method|means|place|spot|bridge) (?:for|to) (?:commit "
                          r")?suicide\b"),
    ("suicidal thoughts", r"\bsuicide\b"),
    ("suicidal thoughts", r"\b(?:end|ending|ended) it all\b"),
    ("suicidal thoughts", r"\b(?:i'?d|i would|i) (?:prefer|rather) (?:to )?(?:die|be dead)\b"),
    ("plan or method", r"\b(?:is|would|does) (?:overdosing|an overdose|hanging|drowning|jumping|slitting|"
                       r"bleeding "
                       r"out|od'?ing)\b.{0,30}\b(?:painful|painless|hurt|quick|fast|work)\b|\b(?:slitting|"
                       r"hanging|jumping|overdosing) or (?:slitting|hanging|jumping|overdosing|pills)\b|"
                       r"\b(?:quickest|easiest|best|most painless|painless) way to (?:die|go|end it)\b"),
    ("suicidal thoughts", r"\bsuicide (?:note|plan|attempt|pact|letter|method)s?\b"),
    ("suicidal thoughts", r"\b(?:kill|killing|end|ending|off|offing|murder|murdering|shoot|shooting|hang|"
                          r"hanging|drown|drowning|stab|stabbing|poison|poisoning|knife|gas|gassing) " + _ME
                          + r"\b"),
    ("suicidal thoughts", r"\b(?:end|ending|take|taking|ended|took) (?:my|my own) (?:own )?life\b"),
    ("suicidal thoughts", r"\b(?:want|wanna|wanting|wanted|going|gonna|ready|plan|planning|decided|trying|"
                          r"tried|try|deserve|deserving) (?:to )?(?:just )?die\b"),
    ("suicidal thoughts", r"\bi (?:just )?(?:want|wanna|need) (?:to )?(?:just )?(?:be )?dead\b"),
    ("suicidal thoughts", r"\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:was|were|could|"
                          r"would|'d|"
                          r"will|just)? ?(?:be )?(?:dead|die|not wake up|never wake up|stop existing|not "
                          r"exist|"
                          r"disappear|never (?:been|was) born|wasn't born|had never been born)\b"),
    ("suicidal thoughts", r"\b(?:want|wanna|going|gonna|ready|need) (?:to )?(?:just )?end (?:it|it all|"
                          r"everything|things|this)\b"),
    ("suicidal thoughts", r"\b(?:i'?m|i am|i'?ll|i will|just|finally|should|could) (?:just )?end (?:it all|"
                          r"it tonight|it today|it now|everything)\b"),
    ("suicidal thoughts", r"\b(?:want|wanting|wanna|need) (?:it|everything|this|the pain|life) (?:all )?"
                          r"to (?:end|stop|be over)\b(?! (?:soon|already))"),
    ("suicidal thoughts", r"\bthe only way out\b|\bno way out\b"),
    # Passive ideation.
    ("passive ideation", r"\b(?:don'?t|do not|dont|never) (?:want|wanna|wish) (?:to )?(?:wake up|be "
                         r"alive|live|"
                         r"exist|be here|keep living|go on|continue)\b"),
    ("passive ideation", r"\b(?:no|not any|any) (?:reason|point|will|desire|purpose) (?:to|in|for) "
                         r"(?:live|living|life|going on|being alive|existing|stay(?:ing)? alive|keep "
                         r"living|go on|carry on|keep "
                         r"going)\b"),
    ("passive ideation", r"\bbetter off (?:dead|without me|if i (?:was|were|wasn'?t)|gone)\b"),
    ("passive ideation", r"\b(?:everyone|everybody|people|they|the world|my family) (?:would|will) be "
                         r"(?:better|happier) (?:off )?(?:without me|if i)\b"),
    ("passive ideation", r"\b(?:can'?t|cannot|cant|can not) (?:go on|keep going|do this anymore|do it "
                         r"anymore|"
                         r"take (?:it|this) (?:anymore|any more|any longer)|take any more|live like this|"
                         r"keep living|handle life)\b"),
    ("passive ideation", r"\btired of (?:living|being alive|life|existing|being here)\b"),
    ("passive ideation", r"\b(?:life|living) (?:is ?n'?t|is not|isnt|not|no longer) worth (?:it|living)\b"),
    ("passive ideation", r"\bnothing (?:left )?to live for\b"),
    ("passive ideation", r"\b(?:sleep|go to sleep) (?:forever|and never wake up|and not wake up)\b"),
    ("passive ideation", r"\b(?:i'?m|i am) (?:so )?(?:done|finished) with (?:life|living|everything|it "
                         r"all)\b"),
    ("passive ideation", r"\b(?:want|wanna|wish i could) (?:to )?(?:disappear|stop existing|not exist|cease "
                         r"to exist|vanish) (?:forever|for good|permanently)?\b"),
    ("passive ideation", r"\bhate (?:being alive|existing|that i'?m alive)\b"),
    # Plan, method, preparation.
    ("plan or method", r"\b(?:bought|buying|got|have|saved|saving|stockpil\w+|collect\w*|hoard\w*|hid|"
                       r"hiding) "
                       r"(?:up )?(?:a |the |some |enough |my )?(?:rope|noose|pills|razors?|blades?|gun|"
                       r"bullets?|sleeping pills)\b(?= .{0,40}\b(?:die|end|kill|overdose|od|myself|"
                       r"tonight|it)\b)"),
    ("plan or method", r"\b(?:tie|tied|tying|made|make|making) (?:a |the )?noose\b"),
    ("plan or method", r"\bhow (?:much|many)\b.{0,40}\b(?:to|would|will|it take to|for a person to) "
                       r"(?:overdose|od|die|kill)\b|\b(?:lethal|fatal) (?:dose|amount)\b|\bmake it "
                       r"(?:less painful|"
                       r"painless|quick)\b"),
    ("plan or method", r"\b(?:jump|jumping|jumped) (?:off|off of|from|in front of) (?:a |the |my "
                       r")?(?:bridge|building|"
                       r"roof|balcony|cliff|train|car|overpass)\b"),
    ("plan or method", r"\b(?:i|gonna|going to|want to|wanna|will|plan to|about to) (?:just "
                       r")?(?:overdose|od)\b"),
    ("plan or method", r"\b(?:i )?(?:overdosed|od'd|od'ed)\b"),
    ("plan or method", r"\btook (?:all|a bunch|a handful|a whole bottle|too many|an entire bottle|the whole "
                       r"bottle)(?: of)? (?:my |the )?(?:pills|meds|medication|tablets|sleeping pills)\b"),
    ("plan or method", r"\b(?:wrote|writing|write|written|left) (?:a |my )?(?:suicide |goodbye )?(?:note|"
                       r"letter)s? "
                       r"(?:for|to) (?:my|everyone|family)\b|\bgoodbye (?:note|letter)\b"),
    ("plan or method", r"\b(?:this is|this will be|it'?s) my last (?:post|message|day|night|goodbye)\b"),
    ("plan or method", r"\bwon'?t (?:be (?:here|around|alive)|wake up) (?:tomorrow|much longer|by)\b"),
    ("plan or method", r"\b(?:tonight|today) is the (?:night|day)\b"),
    ("plan or method", r"\bgiving away (?:my|all my) (?:stuff|things|belongings|possessions)\b"),
    ("plan or method", r"\bslit (?:my|both) wrists?\b|\b(?:razor|blade|knife) (?:to|on|against) my "
                       r"(?:wrist|arm|throat|skin)\b"),
    ("plan or method", r"\b(?:saying|said|say) (?:my )?goodbyes? to (?:everyone|my family|you all|all of "
                       r"you)\b"),
    # Recent attempt.
    ("recent attempt", r"\b(?:i )?(?:attempted|tried to (?:kill|end|off)|tried killing|tried ending)"
                       r"(?: suicide| " + _ME + r"| my life)?\b"),
    ("recent attempt", r"\b(?:survived|after) (?:my|an|a|the) (?:suicide )?(?:attempt|overdose)\b"),
    ("recent attempt", r"\b(?:in|out of|from|to) (?:the )?(?:hospital|er|icu|psych ward|psych hospital) "
                       r"(?:after|because|for) (?:i |my )?(?:tried|attempt|overdos|od|cut)\w*"),
    # Self-harm.
    ("self-harm", r"\b(?:cut|cutting|burn|burning|burnt|hurt|hurting|harm|harming|hit|hitting|punch\w*|"
                  r"scratch\w*|bash\w*|starv\w*|carv\w*) " + _ME + r"\b"),
    ("self-harm", r"\bself harm\b"),
    ("self-harm", r"\bself[\s-]?destructive\b|\b(?:bite|biting|bit|burn|burning|scratch\w*|pinch\w*) my "
                  r"(?:arms?|wrists?|skin|legs?|fingers?|thighs?) (?:until|till|to)\b"),
    ("self-harm", r"\bself[\s-]?injur\w*\b|\bsh scars\b"),
    ("self-harm", r"\b(?:cut|cutting|cuts|carved|carving|slashed|slashing) (?:on )?(?:my|both) "
                  r"(?:wrists?|arms?|"
                  r"thighs?|legs?|skin|stomach|hips?)\b"),
    ("self-harm", r"\b(?:urge|urges|need|want|wanna) to (?:cut|bleed|burn myself|hurt myself)\b"),
    ("self-harm", r"\b(?:relapsed|relapsing|relapse) (?:on |with |into )?(?:self harm|cutting)\b"),
    # Danger now: abuse and violence against the writer.
    ("danger now", r"\b" + _ABUSER + r" (?:is going to|is gonna|will|threatened to|threatens to|keeps? "
                   r"threatening to|said (?:he|she|they)'?d|said (?:he|she|they) (?:would|will)|tried to|"
                   r"wants to) (?:kill|hurt|beat|hit|rape|strangle|choke|stab|shoot) me\b"),
    ("danger now", r"\b" + _ABUSER + r" (?:hits|beats|hit|beat|choked|chokes|strangled|strangles|raped|rapes|"
                   r"molested|molests|abuses|is abusing|has been abusing|kicked|punched|slapped|touches|"
                   r"touched|assaulted) me\b"),
    ("danger now", r"\b" + _ABUSER + r"(?: is|'s| has been| can be| gets)(?: \w+){0,2} (?:abusive|"
                   r"violent)\b"),
    ("danger now", r"\b" + _ABUSER + r" (?:\w+ly )?(?:abused|abuses|abusing|hurts|threatens|threatened) "
                   r"me\b"),
    ("danger now", r"\bvoices? (?:that |which )?(?:tell|telling|told) me to (?:hurt|kill|harm|stab)\b"),
    ("someone else at risk", r"\bfighting for (?:his|her|their) li(?:fe|ves)\b"),
    ("danger now", r"\bi'?m (?:being|getting) (?:abused|hit|beaten|raped|molested|hurt|stalked|"
                   r"threatened)\b"),
    ("danger now", r"\b(?:afraid|scared|terrified) (?:that )?(?:he|she|they|someone) (?:'ll|will|is going to|"
                   r"is gonna|might) (?:kill|hurt|find) me\b"),
    ("danger now", r"\b(?:not|don'?t feel|never feel) safe (?:at|in my|in this) (?:home|house|apartment)\b"),
    ("danger now", r"\b(?:i was|i got|i'?ve been|just got) (?:raped|sexually assaulted|assaulted|"
                   r"molested)\b"),
    ("danger now", r"\b(?:he|she|they|someone)(?: is|'s|'re| are) (?:outside|at) my (?:door|house|window)\b"),
    # Another person at imminent risk.
    ("someone else at risk", r"\b(?:my|a|our) " + _PEOPLE + r"(?:'s| is| has been| was| keeps| says| said|"
                             r" told me| texted me| posted)(?: \w+){0,6} (?:suicidal|going to kill "
                             + _OTHER_SELF + r"|gonna kill " + _OTHER_SELF + r"|wants to die|wants to kill "
                             + _OTHER_SELF + r"|want to die|self harming|cutting (?:again|" + _OTHER_SELF
                             + r"))\b"),
    ("someone else at risk", r"\b(?:he|she|they)(?:'s| is| are|'re) (?:going to|gonna|about to|trying to|"
                             r"threatening to) (?:kill|hurt|end) (?:" + _OTHER_SELF + r"|(?:his|her|"
                             r"their) life)\b"),
    ("someone else at risk", r"\b(?:he|she|they) (?:took|swallowed) (?:a bunch of|all (?:his|her|their)|"
                             r"too many|"
                             r"a bottle of|a handful of) (?:pills|meds|tablets)\b"),
    ("someone else at risk", r"\bthreaten\w* (?:to )?(?:suicide|commit suicide|kill " + _OTHER_SELF + r")\b"),
)

_CRISIS_PATTERNS += (
    ("passive ideation", r"\b(?:no one|nobody|noone|no body) (?:would|will|'?d|is gonna|is going to) "
                         r"(?:even )?"
                         r"(?:miss|notice|care)\b.{0,20}\bif i (?:was|were|died|disappeared|wasn'?t|left|"
                         r"killed)"),
    ("passive ideation", r"\b(?:don'?t|dont|can'?t|cant|cannot) see (?:a|any) (?:way|reason|point) "
                         r"(?:forward|out|to "
                         r"go on|to keep going)\b|\bno way forward\b"),
    ("passive ideation", r"\b(?:want|wanna|need) (?:to )?(?:just )?be gone\b|\b(?:not|stop) (?:being|be) "
                         r"here "
                         r"(?:anymore|any more|at all)\b|\bwant out of (?:this life|life|this world|here)\b"),
    ("passive ideation", r"\bgive up on (?:life|living|everything)\b|\bmade (?:my )?peace with (?:dying|"
                         r"death|it all|"
                         r"my decision|leaving)\b|\bready to (?:die|leave this world|go for good)\b"),
    ("passive ideation", r"\b(?:won'?t|wont|not gonna|not going to) be (?:around|here|alive) (?:much "
                         r"longer|for long|"
                         r"tomorrow|anymore|any more|next week)\b"),
    ("suicidal thoughts", r"\b(?:consider\w*|contemplat\w*|think\w* (?:about|of)|thought (?:about|of)|"
                          r"plan\w*|"
                          r"obsess\w* (?:about|over)) (?:ending (?:it|things|everything|my life|it all)|"
                          r"killing "
                          r"myself|dying|not waking up|taking my (?:own )?life)\b"),
    ("plan or method", r"\b(?:going|gonna|about) to do something (?:stupid|drastic|permanent)\b"),
    ("plan or method", r"\bi'?m (?:at|on) (?:the|a) (?:bridge|roof|ledge|edge|tracks|train tracks|cliff)\b"),
    ("plan or method", r"\b(?:razors?|blades?|pills) (?:hidden|stashed|saved up|in my (?:room|drawer|bag|"
                       r"phone "
                       r"case))\b|\bhid(?:e|ing|den)? (?:a |the |my |some )?(?:razors?|blades?|pills)\b"),
    ("plan or method", r"\bgoodbye (?:notes?|letters?|messages?|videos?)\b|\bmy last (?:day|night) (?:on "
                       r"earth|"
                       r"alive|here)\b"),
    ("self-harm", r"\b(?:burned|burnt|cutted|hurted|bruised|slashed) " + _ME + r"\b"),
    ("someone else at risk", r"\b(?:my|a|our) (?:little |big |older |younger |best |twin |step ?|ex ?)?"
                             + _PEOPLE
                             + r"(?:'s| is| has been| was| keeps| says| said| told me| texted me| posted)"
                             r"(?: \w+){0,6} (?:suicidal|going to kill " + _OTHER_SELF + r"|gonna kill "
                             + _OTHER_SELF + r"|wants? to die|wants? to kill " + _OTHER_SELF + r")\b"),
)
_CRISIS_PATTERNS += (
    ("suicidal thoughts", r"\b(?:think\w*|thought) (?:bout|abt) (?:ending it|killing myself|dying|suicide)\b|"
                          r"\b(?:i'?m|im) ending it\b|\bplan\w* (?:my (?:own )?)?(?:death|suicide|exit)\b"),
    ("passive ideation", r"\bwhat'?s the point (?:of|in) (?:living|life|being alive|going on|existing|"
                         r"anything "
                         r"anymore)\b|\bi (?:just )?want out\b"),
    ("plan or method", r"\b(?:scared|afraid|worried|terrified) (?:of )?what i(?:'ll| will| might| could| "
                       r"may)? "
                       r"(?:might )?do to myself\b"),
    ("plan or method", r"\b(?:pills|bottle|knife|rope|gun|razor|blade|noose)s? (?:right )?(?:in front of "
                       r"me|in my "
                       r"hand|next to me|on my lap|beside me)\b|\b(?:looking|staring|stare|look) at "
                       r"(?:the|a|my) "
                       r"(?:knife|pills|rope|razor|blade|gun|noose)\b"),
    ("plan or method", r"\b(?:going to|gonna|about to) jump(?= off| from| tonight| now|\s*[.!]*$)"),
    ("plan or method", r"\bgoodbye (?:everyone|everybody|world|all|cruel world|forever)\b"),
    ("self-harm", r"\b(?:started|start|been|keep|kept|still) (?:cutting|self harming|burning myself)\b"),
    ("danger now", r"\b(?:he|she|they)(?:'s| is| are|'re) (?:going to|gonna) (?:kill|hurt|beat|hit|rape) "
                   r"me\b"),
)
_CRISIS = tuple((signal, re.compile(pattern)) for signal, pattern in _CRISIS_PATTERNS)
# Every phrase above contains one of these: matching runs only near them (see `_windows`), and a
# comment with none of them skips the loop entirely. Add a word here when adding a phrase.
_CRISIS_WORDS = re.compile(
    r"\b(?:suicid\w*|kill\w*|die|died|dying|dead|death|end|ending|ended|life|lives|live|living|wake up|alive|"
    r"exist\w*|better off|go on|keep going|anymore|any more|any longer|worth|sleep (?:forever|and)|done with|"
    r"finished with|disappear|vanish|rope|noose|pills|razors?|blades?|gun|bullets?|jump\w*|overdos\w*|"
    r"od'?\w*|"
    r"took|note|letters?|last|tonight|today|giving away|wrists?|slit|goodbyes?|attempt\w*|tried|trying|"
    r"hospital|er|icu|psych|cut\w*|burn\w*|hurt\w*|harm\w*|hit\w*|punch\w*|scratch\w*|bash\w*|starv\w*|"
    r"carv\w*|bit|bite|biting|pinch\w*|self|destructive|injur\w*|urges?|relaps\w*|rape\w*|raping|beat\w*|"
    r"chok\w*|strangl\w*|molest\w*|abus\w*|kick\w*|slap\w*|touch\w*|assault\w*|afraid|scared|terrified|"
    r"safe|outside|threat\w*|way out|swallow\w*|hate|prefer|rather|painful|painless|quick\w*|easiest|how "
    r"much|"
    r"how many|lethal|fatal|voices?|fighting|violent|born|be over|to stop|hang\w*|drown\w*|stab\w*|poison\w*|"
    r"shoot\w*|gas\w*|murder\w*|off|offing|knife|lives|happier|burden|miss|notice|care|see|forward|gone|here|"
    r"give up|peace|ready|around|consider\w*|contemplat\w*|stupid|drastic|bridge|roof|ledge|edge|tracks|"
    r"cliff|hidden|stashed|hid|hide|hiding|myself)\b"
)

# Only these words in a row may sit between a negation and the phrase it negates.
_NEGATED = re.compile(
    r"(?:\bnot|\bnever|n't|\bdont|\bwont|\bwouldnt|\bno longer|\bnor|\bnobody|\bno one|\bwithout|\bno)"
    r"(?: (?:plans?|intention|intentions|intent|desire|urge|really|actually|even|ever|be|being|been|feel|"
    r"feeling|felt|going to|gonna|want to|wanna|"
    r"think|thinking|of|about|considering|trying to|try to|a|going|to|planning to|plan to|sure|that|"
    r"i|i'?m|am|was|have|had|would|will|so|anymore))* ?$"
)
# Negations that do not deny the risk: "a reason not to end my life", "I didn't kill myself
# tonight (but I could have)".
_NOT_A_DENIAL = re.compile(
    r"(?:\b(?:reason|reasons|excuse|convince me|talk me out of it|why) (?:\w+ ){0,2}not(?: to)? ?$)|"
    r"(?:\b(?:didn'?t|did not|didnt) (?:\w+ )?$)"
)
# Words that say a laugh is not a joke: "lol not even joking", "haha but seriously".
_SERIOUS = re.compile(
    r"\bnot (?:even )?(?:joking|kidding)\b|\bno joke\b|\bi mean it\b|\bseriously\b|\bfor real\b|\bfr\b|"
    r"\bi'?m serious\b"
)
_LAUGHTER = re.compile(
    r"\b(?:lol+|lmao+|lmfao+|rofl|haha\w*|hehe\w*|jk|j/k|xd|kidding|joking|/s)\b|\blol\b|\bskull\b|\bxd+\b"
)
# "makes me want to die" about something trivial, "could die of embarrassment".
_HYPERBOLE = re.compile(
    r"\b(?:song|video|vid|beat|drop|verse|chorus|episode|movie|show|game|match|homework|exam|test|class|"
    r"lecture|meeting|traffic|monday|mondays|math|cringe|commute|essay|assignment|boss|ad|ads|intro|"
    r"outro|ending|plot twist|joke|meme|pun|line|voice|vocals|guitar|solo|part|laugh|laughing|lyrics)\b"
    r".{0,40}\b(?:kill|die|dead)|\b(?:could|would|gonna|going to) die (?:of|from) (?:laughter|laughing|"
    r"embarrassment|cringe|cuteness|happiness|boredom)\b|\b(?:rather die than|die laughing|dying of "
    r"laughter|killing it|kill it|killed it|to die for|dying to (?:see|know|hear|try|watch|go))\b"
)
_TOPIC = re.compile(
    r"\b(?:suicide|self harm|suicidal|self[\s-]?injury)(?: and \w+(?: \w+)?)? (?:prevention|awareness|"
    r"hotline|"
    r"hotlines|rates?|statistics|stats|research|crisis line|lifeline|survivors?|loss|bereavement|risk "
    r"assessment|screening|training|month|week|day|walk|education|content|topics?|discussion|"
    r"conversations?|warning signs|ideation (?:in|among)|among|in (?:teens|men|women|veterans|youth))\b|"
    r"\b(?:video|vid|talk|episode|post|series|lecture|class|book|documentary|article|podcast|content|song|"
    r"film|movie|chapter|paper|thesis|presentation|workshop|webinar|course|research|study) (?:on|about|"
    r"covering|discussing|regarding) (?:\w+ )?(?:suicide|self harm|suicidal|ending)\b|"
    r"\b(?:talk|talking|speak|speaking|discuss\w*|mention\w*|write|writing|learn\w*|teach\w*) about "
    r"(?:suicide|self harm|suicidal)\b|\b(?:lost|losing) (?:my|a|his|her|their|our) (?:\w+ ){0,2}to "
    r"suicide\b|"
    r"\b(?:died|death|dying|passed away) (?:by|from|of) suicide\b|\b(?:explanation of|explaining|"
    r"understanding|guide to|resources? (?:on|for)|stigma (?:of|around)|(?:video|vid|talk|post|content|"
    r"conversations?|information|info|facts|lecture|episode|series) about) (?:suicide|self harm|suicidal)\b|"
    r"\bsuicide (?:doors?|squad|blonde|king|bomb\w*|mission|run|burpees?|sprints?|drills?|silence|season)\b|"
    r"(?:'s|s') suicide\b(?! attempt)"
)
_SUPPORT = re.compile(
    r"\bif (?:you|u|someone|anyone|a friend|your|they)\b|\b(?:anyone|anybody|everyone|people|those|others|"
    r"someone|kids|teens|folks|clients|patients) (?:who|that|feeling|struggling|dealing|thinking|going "
    r"through|with)\b|\b(?:for|to) (?:those|anyone|everyone|people|all of you|you all) (?:who|that|"
    r"feeling|struggling)\b|\b(?:are|do|have) you (?:ever )?(?:feel|felt|been|feeling|thinking|had)\b|"
    r"\bwhen (?:someone|a client|a person|a friend|a loved one)\b|\bas an? (?:\w+ ){0,2}(?:teacher|"
    r"student|counsel+or|nurse|"
    r"doctor|therapist|officer|cop|parent|mom|dad|social worker|clinician|psychologist|psychiatrist|"
    r"professional|coach|pastor|medic|emt|paramedic|volunteer)\b|\bhow (?:to|do (?:you|i)|can (?:i|we)) "
    r"(?:help|support|talk to)\b|\b(?:your|a) (?:loved one|client|patient|child|teen)\b|\bplease "
    r"(?:reach|call|"
    r"text|talk)\b|\b(?:call|text|dial) (?:988|911|999|112|a hotline|the hotline)\b|\byou(?:'re| are) "
    r"not alone\b"
)
_RECOVERY = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|many|several) (?:years?|yrs?|months?|"
    r"decades?) (?:clean|free|sober|ago|since|later|out)\b|\b(?:used to|use to|once|back when|back in|as a "
    r"(?:teen|kid|child|teenager)|in (?:high school|college|middle school|my teens|my twenties|the past)|"
    r"for (?:most of )?my (?:teens|twenties|thirties|childhood)|back then|at the time|"
    r"when i was (?:younger|a teen|a kid|little|\d+)|years ago|long time ago|recovered|recovering|recovery|"
    r"survivor|got better|getting better|made it through|came out the other side|glad i'?m (?:still )?"
    r"(?:here|alive)|(?:clean|free) (?:from|of|since)|healed|overcame|overcome|past tense|in remission)\b"
)
# Words that say a past episode is present again, so a recovery story does not guard it.
_STILL_NOW = re.compile(
    r"\b(?:relaps\w*|lately|these days|right now|this week|this month|currently|"
    r"(?:it'?s|they'?re|thoughts are|urges are|feelings are) back|came back|coming back|"
    r"(?:cut|cutting|harming|suicidal|thoughts|urges|started|doing it|feel(?:ing)? this way) again|"
    r"still (?:suicidal|want|wanna|think|thinking|cutting|struggl\w+|feel like|feeling like|have (?:the )?"
    r"(?:urges|thoughts))|i'?m (?:going|gonna|planning|about) to)\b|(?<!ago )\btonight\b"
)
# A whole text told as recovery: these guard every risk phrase in it, unless _STILL_NOW says
# the risk is back.
_RECOVERY_STORY = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|many|several) (?:years?|yrs?|months?|"
    r"decades?) (?:clean|free|sober)\b|\brecovered\b|\b(?:made it through|it gets better|got better|"
    r"things got "
    r"better)\b|\b(?:i'?m|i am) (?:doing )?(?:so much |a lot )?(?:better|okay|ok|good|great|happy|alive|"
    r"thriving) now\b|\bglad i'?m (?:still )?(?:here|alive)\b|\bnever thought i'?d (?:write|say|see|make|"
    r"be)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n;]+|\bbut\b")


@dataclass(frozen=True)
class Signal:
    """One signal a rule found: what kind, and the normalised words that raised it."""

    kind: str
    phrase: str


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        left = boundary.end()
    right_match = _SENTENCE_END.search(text, end)
    return left, right_match.start() if right_match else len(text)


def _sentence_around(text: str, start: int, end: int) -> str:
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


def _guard(text: str, start: int, end: int, *, short: bool) -> str | None:
    """Why the risk phrase at text[start:end] is not the writer's own risk now, or None."""
    before = text[max(0, start - 60):start]
    if _NEGATED.search(before) and not _NOT_A_DENIAL.search(before):
        return "negated"
    left, right = _sentence_bounds(text, start, end)
    sentence = text[left:right]
    laughing = _LAUGHTER.search(sentence) or (short and _LAUGHTER.search(text))
    if laughing and not _SERIOUS.search(text):
        return "joking"
    if _HYPERBOLE.search(sentence):
        return "hyperbole"
    if _TOPIC.search(sentence):
        return "topic"
    if _SUPPORT.search(text, left, start):
        return "support for others"
    if (_RECOVERY.search(sentence) or _RECOVERY_STORY.search(text)) and not _STILL_NOW.search(text):
        return "recovery"
    return None


def _windows(text: str, trigger: re.Pattern[str], radius: int = 160) -> list[tuple[int, int]]:
    """Spans of `text` around trigger words, merged: the only places a phrase can match, so a long
    text costs time in proportion to its risk words, not its length."""
    spans: list[tuple[int, int]] = []
    for match in trigger.finditer(text):
        start, end = max(0, match.start() - radius), min(len(text), match.end() + radius)
        # Never cut a word in half at the edges.
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def crisis_signals(text: str) -> tuple[list[Signal], list[Signal]]:
    """Risk phrases in normalised `text`: (raised, guarded). Guarded ones carry the guard's name."""
    spans = _windows(text, _CRISIS_WORDS)
    if not spans:
        return [], []
    raised: list[Signal] = []
    guarded: list[Signal] = []
    short = len(text) < 140  # a laugh anywhere in a one-liner colours all of it
    for signal, pattern in _CRISIS:
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                why = _guard(text, match.start(), match.end(), short=short)
                phrase = match.group(0).strip()
                if why is None:
                    raised.append(Signal(signal, phrase))
                else:
                    guarded.append(Signal(f"{signal}, {why}", phrase))
    return raised, guarded


_YOU = r"(?:you|u|ya)"
_DAY = r"(?:mon|tues|tue|wednes|wed|thurs|thu|fri|satur|sat|sun)(?:day)?"
_CLIENT_PATTERNS: tuple[str, ...] = (
    r"\bsee " + _YOU + r" (?:on |next |this |again |again on |again next )?(?:" + _DAY + r"|week|session|"
    r"tomorrow|in session|at our|at my)\b",
    r"\b(?:our|ur) (?:last |next |first |previous |recent |weekly |biweekly |monthly |early |upcoming |"
    r"regular |usual |\w+day'?s? |today'?s |yesterday'?s |telehealth |virtual |zoom |video |phone )?"
    r"(?:sessions?|appointments?|appts?|therapy|work together|time together|check-?ins?|calls?)\b",
    r"\bmy (?:next |last |first |upcoming |weekly |\w+day'?s? |today'?s |tomorrow'?s )?(?:session|"
    r"appointment|"
    r"appt|therapy|sessions)s? with " + _YOU + r"\b",
    r"\b(?:" + _YOU + r"(?:'re| are|re|r)|ur) (?:literally |basically |honestly |actually |really |"
    r"officially )?my (?:therapist|counsel+or|psychologist|shrink|psychiatrist|social worker|clinician|"
    r"provider)\b",
    r"\b" + _YOU + r" (?:have|'ve) been my (?:therapist|counsel+or|psychologist)\b",
    r"\b(?:i'?m|i am|as|being) (?:one of )?(?:your|ur) (?:current |former |old |long ?time )?(?:clients?|"
    r"patients?)\b",
    r"\b(?:since|when) i (?:started|began) (?:seeing|working with|therapy with) " + _YOU + r"\b",
    r"\bi(?:'ve| have)? been (?:seeing|working with) " + _YOU + r" (?:for|since)\b",
    r"\b(?:reschedule|cancel|move|confirm|push back|change|postpone|book) (?:my|our|the|tomorrow'?s|today'?s|"
    r"this week'?s|next week'?s|\w+day'?s?) (?:next |usual |regular )?(?:session|appointment|appt)\b",
    r"\b(?:homework|worksheet|exercise|journal prompt|assignment|breathing exercise|technique|skill|tool)s? "
    r"(?:that )?" + _YOU + r" (?:gave|assigned|showed|taught|gave me|suggested)(?: me| us)?"
    r"(?= .{0,40}\b(?:session|last week|last time|on \w+day|monday|tuesday|wednesday|thursday|friday))",
    r"\b" + _YOU + r" (?:said|told me|mentioned|suggested|recommended|asked me|showed me|taught me|gave me)"
    r"(?: \w+){0,8} (?:in session|in our session|last session|during (?:our|the) session|when we (?:met|"
    r"talked|"
    r"spoke)|at my appointment|last week|on " + _DAY + r")\b",
    r"\bwhen we (?:met|talked|spoke|last met|last talked) (?:last|on|yesterday|this|earlier)\b",
    r"\b(?:in|at) (?:your|ur) (?:office|practice|waiting room|clinic)\b(?= .{0,40}\b(?:i|we|my)\b)",
    r"\b(?:my|the|our) (?:invoice|copay|co-pay|superbill|bill|receipt|payment) (?:for|from) (?:our|my|last|"
    r"the last|this week'?s|today'?s)\b",
    r"\b(?:telehealth|zoom|video|doxy|meeting|session) link (?:for|to) (?:our|my|today'?s|tomorrow'?s)\b",
    r"\brunning (?:a bit |a little |a few minutes |\d+ ?(?:min|mins|minutes) )?late (?:for|to) (?:our|my) "
    r"(?:session|appointment|appt)\b",
    r"\bthanks? (?:you )?(?:so much )?for (?:today'?s|yesterday'?s|our|this morning'?s|last night'?s|"
    r"the) (?:session|appointment|appt)\b",
    r"\b(?:between|before|after|since) (?:our|ur) (?:sessions?|appointments?)\b",
    r"\bcan'?t make (?:it )?(?:tomorrow|tmrw|tmr|today|tonight|next week|this week|" + _DAY + r")\b",
    r"\b(?:cancel|cancle|change|move|switch|reschedule|push) (?:tomorrow|tmrw|tmr|today|next week|this week|"
    r"this " + _DAY + r"|" + _DAY + r")(?:'?s)?(?: session| appointment| appt)?\b(?! night| dinner| "
    r"plans?| party)",
    r"\b(?:ty|thanks|thank you|thx) for (?:today|earlier|this morning|this afternoon)\b",
)
_CLIENT_PATTERNS += (
    r"\b(?:i'?ve|i have) been (?:one of )?(?:your|ur) (?:clients?|patients?)\b|\bi was (?:your|ur) "
    r"(?:client|patient)\b",
    r"\b" + _YOU + r" (?:made|did|wrote|drew|planned|worked out|came up with|set up)(?: \w+){0,3} with me\b",
    r"\b" + _YOU + r" (?:said|told me|mentioned|suggested|recommended|asked me|showed me|taught me|gave me)"
    r"(?: \w+){0,8} (?:last time|last week|last session|the other day)\b",
    r"\b(?:send|email|text|resend|forward) me (?:the|our|my|a new) (?:zoom |telehealth |video |session )?"
    r"(?:link|invoice|receipt|superbill|worksheet|forms?|intake forms?|handout)\b",
    r"\bmy (?:own |actual |real )?(?:therapist|counsel+or|psychologist)\b.{0,25}\b(?:it'?s you|that'?s "
    r"you|is "
    r"you|hi you)\b",
    r"\b(?:seeing|see|saw|found|spotted) my (?:own|actual|real) (?:therapist|counsel+or|psychologist)\b|\bmy "
    r"(?:own )?(?:therapist|counsel+or|psychologist) (?:on|in) (?:my fyp|my feed|my recommended)\b",
    r"\b(?:every|each) (?:other )?week instead of\b|\b(?:weekly|biweekly|fortnightly) instead of\b",
)
_CLIENT = tuple(re.compile(p) for p in _CLIENT_PATTERNS)
_CLIENT_WORDS = re.compile(
    r"session|appointment|appt|therap|counsel|psycholog|shrink|psychiatr|social worker|clinician|provider|"
    r"client|patient|seeing|working with|see (?:you|u|ya)|homework|worksheet|exercise|journal|assignment|"
    r"technique|skill|tool|when we|office|practice|waiting room|clinic|invoice|copay|co-pay|superbill|"
    r"bill|receipt|payment|link|late|our|\bur\b|make|cancel|cancle|reschedul|move|switch|push|thank|"
    r"\bty\b|thx|with me|last time|last week|the other day|instead of"
)
_PROSPECTIVE = re.compile(
    r"\b(?:are|r) " + _YOU + r" (?:taking|accepting|seeing|open to) (?:new |any )?(?:clients|patients|"
    r"people)\b|"
    r"\b(?:can|could|how do|how can|may|where do) i (?:book|schedule|make|become|get|start|set up|sign up)\b|"
    r"\b(?:do|does) " + _YOU + r"(?:r practice)? (?:take|accept|offer|do)\b|\bwait ?list\b|"
    r"\b(?:wish|if only|i'?d love if|imagine if) " + _YOU + r" (?:were|was|could be) my\b|"
    r"\b(?:would|i'?d) love to (?:work with|see|book|have) " + _YOU + r"\b|"
    r"\bi need (?:a therapist|someone) like " + _YOU + r"\b|\bare you (?:in|licensed in|available)\b|"
    r"\bnew (?:client|patient)s?\b|\bfree consult\w*\b|\bsliding scale\b"
)


def client_signals(text: str) -> list[Signal]:
    """Second-person cues that the writer is (or was) the therapist's own client."""
    if not _CLIENT_WORDS.search(text):
        return []
    found: list[Signal] = []
    for pattern in _CLIENT:
        for match in pattern.finditer(text):
            sentence = _sentence_around(text, match.start(), match.end())
            if _PROSPECTIVE.search(sentence):
                continue
            found.append(Signal("client cue", match.group(0).strip()))
    return found
