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
                          r"everything|things|this)\b(?! with\b| (?:\w+ )?(?:friendship|relationship|"
                          r"conversation|cycle|habit|chapter|streak|trend|thread|marriage|argument|fight|debate|"
                          r"series|job|situation|partnership|pattern|call|meeting|video|game|season|lease|"
                          r"contract|subscription)s?\b)"),
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
                         r"(?:better|happier|lighter|easier|fine|ok|okay|calmer|brighter|a better pl"
                         r"ace) (?:off )?(?:without me|if i)\b"),
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
    ("plan or method", r"\b(?:tonight|today)(?: is|'s) the (?:night|day)\b(?! (?:we|of|for|to|i get|"
                       r"i finally))"),
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
    ("danger now", r"\b" + _ABUSER + r"(?: is|'s| has been| can be| gets)(?: (?!not\b|never\b|no\b)"
                                     r"\w+){0,2} (?:abusive|"
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
                             r" told me| texted me| posted)(?: [\w']+){0,6} (?:suicidal|going to kill "
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
                             r"(?: [\w']+){0,6} (?:suicidal|going to kill " + _OTHER_SELF + r"|gonna kill "
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
# Warning signs, vehicles and heights, lethality questions, danger from abuse, another person at
# risk: short messages that say it without the usual words.
_DRUG = (
    r"(?:pills?|tablets?|meds|medication|medicine|prescriptions?|sleeping pills|painkillers|tylenol|"
    r"paracetamol|acetaminophen|ibuprofen|advil|aspirin|benadryl|xanax|insulin|lithium|antidepressants?|"
    r"sertraline|zoloft|prozac|lexapro|ambien|zolpidem|melatonin|oxy\w*|morphine|opioids?|"
    r"seroquel|quetiapine|trazodone|gabapentin|lamictal|wellbutrin|codeine|tramadol|benzos?|klonopin|"
    r"valium|ativan|adderall)"
)
_VEHICLE = r"(?:car|bus|truck|train|lorry|semi|vehicle|taxi|tram|subway|van|driver|drunk driver|18 wheeler)s?"
_HARMER = (
    r"(?:he|she|they|(?:(?:my|our|his|her|the) (?:[\w']+ ){0,2})?(?:dad|father|mom|mum|mother|husban"
    r"d|boyfriend|bf|partner|wife|"
    r"girlfriend|gf|stepdad|stepfather|stepmom|stepmother|step dad|step mom|brother|sister|ex|uncle|"
    r"aunt|grandpa|grandfather|cousin|roommate|landlord|parents?|fiance|fiancee|son|daughter|"
    r"boyfriend|spouse))"
)
# Who coming into a child's room at night is a danger sign (not a little sister with nightmares).
_NIGHT_VISITOR = (
    r"(?:he|(?:my |our )?(?:[\w']+ ){0,2}(?:dad|father|stepdad|stepfather|step dad|uncle|grandpa|grandfather|"
    r"cousin|stepbrother|step brother|brother|(?:mom|mum|mother)'?s (?:boyfriend|husband|partner|friend)|"
    r"neighbou?r|coach|tutor|babysitter|landlord)|a (?:man|guy|stranger))"
)
_WEAPON = (
    r"(?:knife|knives|bat|baseball bat|gun|pistol|rifle|shotgun|hammer|belt|machete|axe|bottle|crowbar|"
    r"pipe|stick|broom|scissors|blade|chair|golf club|screwdriver|cleaver)"
)
_OTHER_RISK = (
    r"(?:kill|killing|end|ending|hurt|hurting|off|offing|hang|hanging|shoot|shooting|cut|cutting) "
    + _OTHER_SELF + r"|(?:end|take) (?:his|her|their) (?:own )?li(?:fe|ves)|commit suicide|overdose|"
                    r"od|die|be de"
                    r"ad|not be here"
)
# Each of these runs only when one of its gate words (plain substrings, in the same order below) is in
# the text: a substring test is far cheaper than a regex scan, and these phrases are long.
_GATED_PATTERNS: tuple[tuple[str, str], ...] = (
    # Warning signs and preparation.
    ("plan or method", r"\b(?:giv\w*|gave|given) (?:away )?(?:all |most |some )?(?:of )?my (?:[\w']+ ){0,2}"
                       r"(?:stuff|things|belongings|possessions|cat|cats|dog|dogs|pets?|bird|rabbit|hamster|"
                       r"everything) away\b(?!.{0,40}\b(?:charity|goodwill|thrift|donat\w*|declutter\w*|"
                       r"moving|move|minimalis\w*))|\b(?:giv\w*|gave|given) away (?:all |most |some "
                       r")?(?:of )?"
                       r"my (?:[\w']+ ){0,2}(?:stuff|things|belongings|possessions|cat|cats|dog|dogs|pets?|"
                       r"bird|rabbit|hamster|everything)\b(?!.{0,40}\b(?:charity|goodwill|thrift|donat\w*|"
                       r"declutter\w*|moving|move|minimalis\w*))|\b(?:giv\w*|gave|given)\b.{0,80}\b(?:loose "
                       r"ends|won'?t need|when i'?m gone|after i'?m gone|before i go|better off with "
                       r"(?:them|him|her|you))|\bwon'?t (?:be )?need(?:ing)? (?:it|them|any of (?:it|this|"
                       r"them)|my \w+|this|these|anything|stuff) (?:anymore|any more|soon|much longer|where "
                       r"i'?m going|after (?:this|tonight|today|\w+day))\b|\b(?:giv\w*|gave) (?:away )?"
                       r"everything (?:i own|away)\b|\bfound (?:a )?(?:new )?homes? for my (?:cat|cats|dog|"
                       r"dogs|pets?)\b(?=.{0,60}\b(?:won'?t need|after i'?m gone|before i go|when i'?m gone|"
                       r"won'?t be (?:here|around)))"),
    ("plan or method", r"\b(?:wrote|written|writing|finished|finishing|drafted|drafting|left|leaving) my "
                       r"(?:goodbye |final |last )?(?:note|letter)\b(?! (?:for|to) (?:class|school|work|the|"
                       r"my (?:teacher|boss|landlord|doctor))| about| on)|\bmy (?:note|letters?) (?:is|are) "
                       r"(?:written|done|ready|finished)\b|\b(?:final|last) (?:note|letter|words)\b(?= "
                       r"(?:to|for) (?:my|everyone|you all|my family)|\s*[.!]*$)|\bnote (?:for|to) (?:my "
                       r"(?:family|parents|mom|mum|dad|kids|wife|husband|partner)|everyone) (?:for )?(?:when|"
                       r"after|to find)\b"),
    ("plan or method", r"\b(?:bought|buying|ordered|ordering|got|picked up|purchased) (?:a |some |th"
                       r"e |enough |"
                       r"a length of |a strong )?(?:rope|noose|helium|charcoal)\b(?! (?:for|to) (?:the|my|"
                       r"our) (?:boat|garden|camping|tent|climbing|gym|dog|swing|grill|bbq|barbecue|"
                       r"project))"),
    ("plan or method", r"\b(?:saving|saved|stockpil\w*|hoard\w*|stash\w*|squirrel\w* away|stocking up|"
                       r"collecting|collected) (?:up )?(?:all )?(?:of )?(?:my |the |some |enough |these |"
                       r"extra )?" + _DRUG + r"\b(?! (?:for (?:the|my|a|an|our) |from|at|to take|on|"
                                             r"in case|prescription))|"
                       r"\b(?:have|got|had|saved|collected|almost|nearly|finally have|finally got) "
                       r"(?:\w+ )?enough " + _DRUG + r"\b(?! (?:for|to last|until|till|left for))|"
                       r"\b(?:saving|saved) (?:them|it) up\b(?=.{0,40}\b(?:almost|enough|for when|for the "
                       r"day))"),
    ("plan or method", r"\b(?:made|reached|came to|i'?ve made|have made) (?:my|the|a) (?:final )?(?:decision|"
                       r"choice)\b(?! (?:to (?:start|go|try|get|stay|see|book|seek|leave (?:my|him|her|the "
                       r"job|work))|about|on|regarding|whether))(?=.{0,90}\b(?:thank\w*|thanks|ty|bye|goodbye|"
                       r"farewell|for a while|sorry|love you|forgive|take care|so long|peace|it'?s time))|\b"
                       r"(?:my )?(?:decision|mind)(?:'s| is| has been) made(?: up)?\b(?=.{0,90}\b(?:"
                       r"thank\w*|bye|goodbye|"
                       r"farewell|for a while|sorry|love you|forgive|take care|so long))"),
    ("plan or method", r"\b(?:last|final) (?:comment|post|message|video|text|words|upload|tweet|story|"
                       r"reply)s? (?:ever|i'?ll ever (?:make|write|post|send|leave|watch|see)|i will ever|"
                       r"from me|you'?ll (?:ever )?(?:get|see|hear)|before i go)\b|\b(?:the )?last (?:video|"
                       r"song|thing|episode|post|comment|sunset|movie|show) i'?ll ever (?:watch|see|hear|"
                       r"post|write|make|listen to)\b|\b(?:this is|this will be|this'?ll be|probably|prob) "
                       r"my (?:last|final) (?:comment|post|message|video|text|upload|reply|words)\b(?! "
                       r"(?:on|about|here|in|of the|before (?:i|my) (?:break|hiatus|vacation|holiday|"
                       r"exam)))"),
    ("plan or method", r"\b(?:not|won'?t|wont|will not|ain'?t|never) (?:gonna |going to )?(?:be )?"
                       r"mak(?:e|ing) it (?:to|til|till|until|through|past|to see) (?:my (?:\w+ )?birthday|"
                       r"(?:next |this )?(?:christmas|xmas|new year'?s?|thanksgiving|summer|spring|winter|"
                       r"fall|autumn|graduation|year)|\d\d|the end of (?:the )?(?:week|month|year)|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|the weekend|tomorrow|next (?:week|month|"
                       r"year))\b(?!'s| (?:session|appointment|appt|class|meeting|party|shift|dinner|game|"
                       r"practice|event|call|show|concert|in time|on time|either))|\b(?:this|it) (?:"
                       r"is|will be|"
                       r"'?ll be|'s) my last (?:birthday|christmas|xmas|new year|thanksgiving|summer"
                       r"|winter)\b"
                       r"(?! (?:in|at|with|as|before|living|home|at home))|\bwon'?t (?:see|live to see|be "
                       r"(?:here|alive|around) (?:for|by|to see)) (?:my (?:next )?birthday|christmas|xmas|"
                       r"new year|next (?:year|week|month)|the weekend|\w+day)\b"),
    ("passive ideation", r"\b(?:fantasi[sz]\w*|daydream\w*|dream\w* (?:about|of)|imagin\w*|think\w* about|"
                         r"thought about|picture|picturing|planning|planned|plan) (?:about |of )?my (?:own )?"
                         r"(?:funeral|death|grave|obituary|wake|memorial)\b|\b(?:who (?:would|will|'?d) "
                         r"(?:even )?(?:come|show up|cry|go|turn up)|what people (?:would|will) say)"
                         r" (?:to|at)"
                         r" my funeral\b"),
    ("passive ideation", r"\b(?:no|not a single|not one|not any|nothing (?:left )?(?:to|worth)|zero) "
                         r"(?:\w+ )?(?:reason|reasons)? ?(?:left )?(?:to|for me to) (?:stay|stick around|be "
                         r"here|keep trying|hold on|keep fighting|stay alive|get up (?:anymore|tomorrow))\b"
                         r"(?! (?:in|at|with|home|up|late|for|together|friends|married|quiet|silent|calm|"
                         r"positive|on|off|over|inside|out|here for|awake|until|till))|\bnothing (?:is )?"
                         r"(?:keeping|holding) me (?:here|alive|going|back)\b|\bnothing (?:left )?to stay "
                         r"(?:for|alive for)\b"),
    # Vehicles, trains, traffic and heights.
    ("passive ideation", r"\b(?:hop\w*|wish\w*|pray\w*|want|wanting|waiting for|wouldn'?t mind if|would"
                         r"(?:n'?t)? care if|don'?t care if|wouldn'?t be mad if|secretly want|lowkey want) "
                         r"(?:that )?(?:a|the|some|one of (?:the|those)|an?) (?:\w+ )?" + _VEHICLE
                         + r" (?:would |will |to |could |just |'d |finally )*(?:hit|hits|run|runs|ran|crash"
                         r"\w*|kill\w*|take|takes|end|flatten\w*|crush\w*|mow\w*|plow\w*|plough\w*)\b|\bif "
                         r"(?:a|the|some|an) (?:\w+ )?" + _VEHICLE + r" (?:\w+ ){0,3}(?:hit|hits|ran|runs|"
                         r"run|killed|crashed|flattened|took)\b.{0,50}\b(?:relie\w+|fine|okay|ok|happy|glad|"
                         r"grateful|thankful|wouldn'?t (?:mind|care|move|fight|dodge|try|be sad|be upset)|"
                         r"not (?:even )?(?:mind|care|be sad|be upset)|let it|welcome|peace|honestly "
                         r"good)\b"),
    ("plan or method", r"\b(?:to|about|of|i|just|could|would|gonna|wanna|i'?d|i'?ll|might|keep|kept|urges?|"
                       r"tempted to|tempting to|want to|wanted to|easy it would be to|easy to|pull to|"
                       r"instead of|rather|imagine|imagining|picture|picturing|think about)(?: just|"
                       r" simply)? "
                       r"(?:step|stepping|walk|walking|jump|jumping|swerve|swerving|veer|veering|drive|"
                       r"driving|steer|steering|crash|crashing|throw myself|throwing myself|lie down|lying "
                       r"down|lay down|laying down|fall|falling|let go|letting go|lean|leaning) (?:my car |"
                       r"the car |myself )?(?:off|in front of|into|onto|on|in|over|under|from|off of) "
                       r"(?:the |a |an |my |oncoming |some |that |this )?(?:oncoming )?(?:platform|tracks|"
                       r"train tracks|railway|traffic|highway|freeway|motorway|road|train|bus|truck|car|"
                       r"lorry|tree|wall|barrier|guardrail|ledge|edge|roof|rooftop|balcony|bridge|cliff|"
                       r"river|lake|sea|ocean|overpass|window|parking garage|tower|building)s?\b"),
    ("passive ideation", r"\b(?:remove|removing|take|taking|erase|erasing|subtract\w*|excuse|excusing|"
                         r"delete|deleting) (?:myself|me) (?:out )?(?:from|of) (?:the |this |everyone'?s |"
                         r"their |your )?(?:equation|picture|world|planet|earth|existence|lives|life|"
                         r"narrative|story|universe|timeline|gene pool)\b|\bburden\b.{0,60}\b(?:migh"
                         r"t as well|"
                         r"better off|without me|be gone|disappear|go away for good|end it|not be here|"
                         r"remove myself|no point|shouldn'?t (?:be here|exist|be alive)|do everyone "
                         r"a favou?r|"
                         r"easier for everyone|if i (?:was|were) gone)\b|\b(?:do|doing) (?:everyone|"
                         r"the world|"
                         r"my family|them) a favou?r (?:and|by) (?:leaving|disappearing|going|ending|dying|"
                         r"not being)\b|\bwaste of (?:space|oxygen|air|a life|skin)\b.{0,40}\b(?:might as "
                         r"well|better off|shouldn'?t be here|gone)\b"),
    ("plan or method", r"\b(?:edge|platform|tracks|ledge|traffic|railing)\b.{0,40}\bon purpose\b|\bon "
                       r"purpose\b.{0,40}\b(?:edge of|platform|tracks|ledge|into traffic|railing)\b"),
    # Lethality and method questions.
    ("plan or method", r"\bhow (?:much|many)\b(?: [\w']+){0,4} " + _DRUG + r"(?: [\w']+){0,4} (?:is|are|"
                       r"would be|would it take|does it take|it takes|do you need|to be|would|will|can|"
                       r"could|until)\b.{0,25}\b(?:lethal|fatal|deadly|kill|die|dead|od|overdose|too many|"
                       r"enough to|not wake up|shut down|stop my heart|liver)\b|\b(?:lethal|fatal|deadly) "
                       r"(?:amount|number|dose|dosage|quantity|level) of " + _DRUG + r"\b|\bwhat (?:dose|"
                       r"amount|number) of (?:\w+ )?" + _DRUG + r" (?:is|would be|would|will) (?:lethal|"
                       r"fatal|deadly|kill|enough)\b|\b(?:would|will|could|can|does|do|is) (?:\d+|(?:a|the) "
                       r"(?:whole |full |entire )?(?:bottle|handful|bunch|box|pack|strip)|(?:all|the"
                       r" rest) of (?:my|these|the)|"
                       r"(?:\w+ ){0,2}" + _DRUG + r")(?: [\w']+){0,4} (?:kill me|be (?:lethal|fatal|enough"
                       r"(?: to (?:die|kill me|not wake up))?)|stop my heart)\b|\bhow (?:long|high|far) "
                       r"(?:of a (?:fall|drop)|would i need to (?:fall|jump)|do you (?:need|have) to (?:fall|"
                       r"jump))\b|\b(?:how|which|what)\b.{0,30}\b(?:is|are) (?:the )?(?:least painful|"
                       r"most painless|quickest|surest|most reliable)\b"),
    ("plan or method", r"\b(?:googl\w*|search\w*|looking up|looked up|look up|research\w*|reading up on|"
                       r"read up on)(?: \w+){0,2} (?:how to|ways to|methods? (?:of|for|to)|how (?:many|much)"
                       r"|what (?:dose|amount)|lethal|painless)\b.{0,40}?\b(?:die|kill|overdose|od|hang|"
                       r"suicide|end it|not wake up|lethal|fatal|painless|noose|myself)\b"),
    # Danger now from abuse and violence.
    ("danger now", r"\b" + _HARMER + r" (?:\w+ )?(?:pushed|shoved|threw|dragged|pinned|slammed|smacked|"
                   r"kneed|headbutted|grabbed|bit|burned|burnt|spat on|bashed|shook|tackled|elbowed) me "
                   r"(?:down|into|against|to the (?:ground|floor)|onto|off|out of|across|by (?:the|my) "
                   r"(?:neck|throat|hair|arm|wrist)|around|hard|so hard|until|and|again|last night|"
                   r"tonight|today)\b|\b" + _HARMER + r" (?:\w+ )?(?:threw|throws|threw a \w+|swung|swings)"
                   r"(?: \w+){0,2} at me\b|\b" + _HARMER + r" (?:\w+ )?(?:hit|hits|smacked|punched|slapped|"
                   r"choked|strangled|kicked) me(?: again)?\b"),
    ("danger now", r"\b(?:coming|came|comes|went|goes|go|keeps coming|kept coming|charged|charging|"
                   r"lunged|lunging|chased|chasing|chases|attacked|attacking|attacks|threatened|threatening|"
                   r"threatens|swung|swinging|hit|hits|hitting|beat|beats|beating) (?:at |after )?me "
                   r"with (?:a |the |his |her |their |my |an )?" + _WEAPON + r"s?\b|\bpulled (?:a |the |"
                   r"his |her )?(?:knife|gun|pistol|blade) on me\b|\bheld (?:a |the |his |her )?(?:knife|"
                   r"gun|blade|pistol) (?:to|against) my (?:throat|head|neck|chest|face)\b|\b"
                   + _HARMER + r" (?:has|had|got|is holding|was holding|grabbed) (?:a |the |his |her )?"
                   r"(?:knife|gun|pistol|rifle|shotgun|bat)\b(?=.{0,40}\b(?:me|scared|screaming|threat"
                   r"\w*|yelling|locked|hiding|door)\b)"),
    ("danger now", r"\b" + _HARMER + r" (?:\w+ )?(?:took|takes|taken|hid|hides|smashed|broke|keeps|kept|"
                   r"confiscated|has) my (?:phone|keys|car keys|passport|id|wallet|money|cards?|charger)"
                   r"\b(?=.{0,60}\b(?:won'?t let me|wont let me|can'?t leave|cant leave|can'?t call|"
                   r"couldn'?t (?:leave|call)|can'?t (?:get out|escape)|trapped|locked|leave the (?:"
                   r"house|apartment|"
                   r"room)|call (?:for help|anyone|the police|911)))|\b"
                   + _HARMER + r" (?:won'?t|wont|will not|doesn'?t|does not|refuses? to|isn'?t|is not|"
                   r"never) "
                   r"(?:let|letting|allow|allowing) me (?:to )?(?:leave|go|out|outside|call|see anyone|"
                   r"have my phone)\b(?!(?: the)? (?:early|work|job|country|state|class|school|for|to go|"
                   r"until|till|unless|without|out with|to (?:the|a|my)|on|with|alone|anywhere (?:with|"
                   r"without)))|\b(?:locked|locks|locking) me (?:in|inside|up)\b(?! (?:a (?:conversation|"
                   r"contract)|for (?:a (?:year|month)|life)))|\btrapped (?:in|at) (?:the |my |this |our "
                   r")?(?:house|home|apartment|room|car)\b(?=.{0,50}\b(?:with|he|she|they|him|her|them)"
                   r"\b)"),
    ("danger now", r"\b(?:my )?(?:abusive |violent |toxic |psycho |crazy |stalker |scary )?(?:ex|ex[- ]"
                   r"(?:husband|wife|boyfriend|girlfriend|partner|bf|gf)|stalker|abuser|attacker|rapist)"
                   r"(?:'s)? (?:just |now |somehow |finally |has |keeps? )?(?:found|find|finding|tracked "
                   r"down|figured out|knows|showed up|shows up|showing up|turned up|came to|is at|was at|"
                   r"is outside|was outside|broke into|broke in|followed me|is following me|got into|"
                   r"got my)\b(?! out\b)(?: (?:my|me|at|to|outside|in|into|where|tonight|today|again))"),
    ("danger now", r"\b" + _NIGHT_VISITOR + r" (?:\w+ )?(?:comes|came|keeps coming|kept coming|sneaks|snuck|"
                   r"creeps|"
                   r"crept|gets|got|come|climbs|climbed)(?: in| into)? (?:my )?(?:room|bed|bedroom)\b"
                   r"(?=.{0,60}\b(?:night|asleep|sleeping|sleep|touch\w*|when (?:my )?(?:mom|mum|dad|"
                   r"everyone)|i'?m (?:1[0-7]|[5-9])|scared|lock)\b)"),
    ("danger now", r"\b(?:locked|locking|lock|barricad\w*) (?:myself|me|the door|my (?:bedroom |bathroom )?"
                   r"door|us)(?: in)?\b.{0,50}\b(?:because|bc|cuz|so (?:he|she|they)|from (?:him|her|them|"
                   r"my)|he'?s|she'?s|they'?re|he keeps|she keeps|he is|she is|coming at|screaming|"
                   r"threat\w*)\b|\bput a lock on my (?:bedroom )?door\b(?=.{0,50}\b(?:because|bc|"
                   r"cuz|so|he|she|they)\b)|\bhiding (?:in (?:the|my) (?:bathroom|closet|room|car) )?"
                   r"from (?:him|her|them|my (?:dad|father|mom|mum|stepdad|husband|boyfriend|partner|"
                   r"brother|ex|wife|girlfriend))\b"),
    # Another person at imminent risk: a specific person, not the topic.
    ("someone else at risk", r"\b(?:my|our) (?:[\w']+ ){0,3}" + _PEOPLE + r"s?\b(?: [\w']+){0,8} (?:is |'s |"
                             r"are |'re |was |were |has been |have been |keeps |kept |just |now )?"
                             r"(?:going|gonna|planning|plans|planned|trying|tried|wants?|wanted|about|"
                             r"threaten\w*|talking about|talks about|thinking about|thinks about|"
                             r"decided|ready|researching|googling|looking up|writing)(?: to| of| about| "
                             r"how to| ways to)? (?:" + _OTHER_RISK + r")\b"),
    ("someone else at risk", r"\b(?:he|she|they)(?:'s| is|'re| are| was| were| has| have)?(?: been)? "
                             r"(?:googl\w*|search\w*|looking up|looked up|researching|reading about)(?: \w+)"
                             r"{0,2} (?:how to|ways to|methods|how (?:many|much))\b.{0,30}\b(?:die|kill|"
                             r"overdose|od|hang|suicide|end|lethal)\b|\b(?:he|she|they)(?:'s| is|'re| are)?"
                             r" (?:planning|going|gonna|trying|about|threatening|wants?|want) (?:to )?"
                             r"(?:kill|end|off|hurt|hang|shoot) (?:" + _OTHER_SELF + r"|(?:his|her|their) "
                             r"life)\b"),
    # Evasions.
    ("self-harm", r"\b(?:me and (?:the|my) (?:razor|blade|knife|lighter|sharpener)s?|(?:the|my) (?:razor|"
                  r"blade|knife|sharpener)s? and (?:i|me))\b.{0,30}\b(?:back|again|reunited|friends|speaking|"
                  r"together|dating|relationship|besties)\b|\b(?:picked up|pick up|reached for|grabbed|"
                  r"got out|dug out|found) (?:the|my|a) (?:razor|blade|sharpener)s?(?: \w+){0,2} (?:again|"
                  r"last night|tonight|today)\b|\b(?:reunited|back) with (?:my|the) (?:razor|blade)s?\b"),
    ("plan or method", r"\b(?:say|saying|said|tell|telling) (?:my )?goodbyes? without\b|\bwithout (?"
                       r":them|anyone|"
                       r"him|her|people|my \w+|everyone) (?:knowing|realising|realizing|suspecting|noticing) "
                       r"(?:that )?(?:it'?s|its|this is|i'?m saying) (?:a |my )?goodbye\b"),
    ("plan or method", r"\brehom\w* (?:my|our|both my|all my) (?:\w+ )?(?:cat|cats|dog|dogs|pets?|bi"
                       r"rd|rabbit|"
                       r"hamster|guinea pigs?|fish|horse|snake|lizard|kitten|puppy)\b(?=.{0,60}\b(?:"
                       r"after|gone|"
                       r"one less|won'?t|before i|for good|anymore|need|when i)\b)|\b(?:hose|tube|pi"
                       r"pe)\b.{0,25}"
                       r"\bexhaust\b|\b(?:whole|entire|full|"
                       r"all (?:of )?my) (?:prescription|bottle|pills|meds|supply|stash)\b.{0,40}\b(?:should "
                       r"do it|will do it|do the job|enough|never wake|end it)\b"),
    ("plan or method", r"\bif (?:you|u|anyone|someone|people) (?:see|read|find|are reading|'re reading|are "
                       r"seeing)s? this,? i'?m (?:already |probably |likely |long )?(?:gone|dead|not"
                       r" here|not "
                       r"alive)\b|\bby the time (?:you|u|anyone|someone|people|you guys) (?:see|sees|read|"
                       r"reads|find|finds) this\b|\b(?:last|final) (?:comment|post|message|upload|te"
                       r"xt)\b.{0,40}"
                       r"\b(?:good run|goodbye|bye everyone|bye all|love you all|thank you for every"
                       r"thing|thanks "
                       r"for everything)\b|\bi (?:wrote down|picked|chose|planned|decided|listed|made a list "
                       r"of)(?: [\w']+){0,5} (?:at|for) my (?:funeral|service|memorial|wake)\b"),
    ("passive ideation", r"\b(?:welcome it|be relieved|relieved|be glad|be grateful|wouldn'?t mind|n"
                         r"ot mind|be "
                         r"okay|be fine|be happy|be at peace)\b.{0,20}\bif (?:a|the|some|an) (?:\w+ )?"
                         + _VEHICLE + r" (?:\w+ ){0,2}(?:hit|hits|clip\w*|ran|runs|run|kill\w*|took|takes|"
                         r"flatten\w*)\b|\b(?:window|ledge|edge|bridge|drop|balcony|roof|rooftop|tracks|train|"
                         r"traffic|pills|knife|blade|razor|rope|noose)s? (?:\w+ ){0,3}(?:look|looks|"
                         r"looking|seem|"
                         r"seems|feel|feels) (?:so |really |more and more |very |kinda |weirdly |too )?"
                         r"(?:inviting|tempting|appealing|calling)\b|\b(?:window|ledge|edge|bridge|balcony|roof|"
                         r"tracks|train|traffic|pills|knife|blade|razor|rope|noose)s? (?:is|are|keeps?) "
                         r"calling (?:me|my name|to me)\b"),
    ("plan or method", r"\b(?:i|i'?ve been|i keep|keep|kept|always|been|i always|i just|i was|i'?m) "
                       r"(?:measur\w*|calculat\w*|check\w*|estimat\w*|think\w* about|look\w* at|stare at|"
                       r"staring at|wonder\w* about) (?:the|how (?:far|high|big|long) the) (?:drop|f"
                       r"all|height)"
                       r"\b|\bhow (?:far|high) the (?:drop|fall) (?:is|would be)\b|\bwhether the (?:"
                       r"drop|fall) "
                       r"would\b"),
    ("passive ideation", r"\b(?:better|easier) (?:for (?:everyone|them|all|my \w+) )?if i (?:wasn'?t"
                         r"|weren'?t|"
                         r"was not|were not) (?:here|around|alive|born)\b|\b(?:better|easier) (?:for"
                         r" (?:everyone|"
                         r"them|all|my \w+) )?if i (?:didn'?t exist|was gone|were gone|was dead|were dead|"
                         r"disappeared)\b"),
    ("plan or method", r"\bcan (?:you|u|i|a person|someone|people) (?:die|od|overdose) (?:from|on|of|by "
                       r"taking)(?: [\w']+){0,3} " + _DRUG + r"\b(?=.{0,3}$|.{0,30}\b(?:asking|myself|me|i "
                       r"have|i'?ve got|tonight)\b)|\bcan (?:you|u|i|a person|someone|people) (?:die|od|"
                       r"overdose) (?:from|on|of|by taking) (?:\d+|a (?:whole )?bottle of|a handful "
                       r"of|all (?:my|"
                       r"of my|the)) (?:[\w']+ ){0,2}" + _DRUG + r"\b"),
    ("danger now", r"\b(?:says|said|told me|threatens?|threatened|screaming|yelling|yelled) (?:that )?i'?m "
                   r"next\b|\b(?:he|she|they|my (?:[\w']+ )?(?:partner|boyfriend|bf|girlfriend|gf|hu"
                   r"sband|wife|"
                   r"dad|father|mom|mum|mother|stepdad|stepmom|brother|sister|ex|uncle))\b[^.!?]{0,60}\b(?:and|"
                   r"then) (?:\w+ )?(?:hit|hits|punched|slapped|choked|kicked|strangled|beat|shoved|pushed|"
                   r"smacked) me\b(?! (?:up|hard|different|differently|like|with (?:the|this|that|some|facts|"
                   r"truth|a)))"),
    ("someone else at risk", r"\b(?:my|our) (?:[\w']+ ){0,3}" + _PEOPLE + r"s?\b(?: [\w']+){0,4} (?:posted|"
                             r"said|says|texted|wrote|sent|messaged|told me|put)(?: me| on (?:her |h"
                             r"is |their )?"
                             r"(?:story|insta|instagram|snap|snapchat|page|tiktok|twitter|facebook|f"
                             r"b|discord))? (?:that |a |an )?(?:tonight'?s the night|(?:it'?s|its|"
                             r"this is|today is|tonight is) (?:her|his|their) last|goodbye|a goodbye"
                             r"|(?:suicide|"
                             r"goodbye) note|final message|last message)\b|\b(?:her|his|their) location is "
                             r"(?:at|on|near) (?:the|a) (?:bridge|tracks|cliff|roof|river|lake)\b"),
    ("self-harm", r"(?<!nose )(?<!nose is )(?<!nose's )(?<!gums )(?<!gums are )\b(?:i'?m |im |been |"
                  r"still |keep )?bleeding (?:a lot|so much|heavily|badly|everywhere|"
                  r"through)\b(?!.{0,20}\bnose)|\bcan'?t stop (?:the )?bleeding\b|\bbleeding (?:won'?t|wont|"
                  r"will not|doesn'?t|does not) stop\b"),
    ("danger now", r"\bvoices? (?:\w+ )?(?:say|says|said|tell|telling|told|keep telling) (?:me )?(?:that )?"
                   r"(?:i )?(?:should|to|must|need to|have to|gotta) (?:hurt|kill|harm|stab|drown|smother|"
                   r"shake)\b|\b(?:urges?|thoughts?) (?:to|of|about) (?:hurt\w*|harm\w*|kill\w*|drown\w*|"
                   r"smother\w*|shak\w*) my (?:baby|babies|newborn|kids?|child|children|son|daughter)\b"),
    ("plan or method", r"\b(?:i'?m|im|i am|writing this|sitting|standing|typing this)\b.{0,15}\b(?:o"
                       r"n|at|from) "
                       r"(?:the )?top of (?:the |a |my )?(?:parking garage|building|bridge|roof|clif"
                       r"f|tower|car "
                       r"park|multi-?storey|apartment block|parking structure)\b|\b(?:picked|chose|c"
                       r"hosen|set|"
                       r"decided on|i have|i'?ve got|got) (?:a|the) date\b(?! (?:for|of|to|with|nigh"
                       r"t))(?=\s*[.!]|"
                       r"\s*$)|\ba plan and a date\b"),
)
_GATES: tuple[tuple[str, ...], ...] = (
    ("giv", "gave", "need"),
    ("note", "letter", "words"),
    ("rope", "noose", "helium", "charcoal"),
    ("sav", "stockpil", "hoard", "stash", "squirrel", "stocking", "collect", "enough"),
    ("decision", "choice", "made"),
    ("last", "final"),
    ("mak", "my last", "see", "be here", "be alive", "be around"),
    ("funeral", "death", "grave", "obituary", "wake", "memorial"),
    ("stay", "stick around", "be here", "keep trying", "hold on", "keep fighting", "get up", "keeping me",
     "holding me"),
    ("car", "bus", "truck", "train", "lorry", "semi", "vehicle", "taxi", "tram", "subway", "van", "driver",
     "wheeler"),
    ("step", "walk", "jump", "swerv", "veer", "driv", "steer", "crash", "throw", "lie down", "lying down",
     "lay down", "laying down", "fall", "let go", "letting go", "lean"),
    ("myself", "me from", "me out", "burden", "favor", "favour", "waste of"),
    ("on purpose",),
    ("how", "lethal", "fatal", "deadly", "kill me", "enough", "stop my heart"),
    ("googl", "search", "look", "research", "read"),
    ("push", "shove", "threw", "throw", "dragged", "pinned", "slammed", "smacked", "kneed", "headbutt",
     "grabbed", "bit me", "burn", "spat", "bashed", "shook", "tackled", "elbowed", "swung", "swings", "hit",
     "punched", "slapped", "choked", "strangled", "kicked"),
    ("knife", "knives", "bat", "gun", "pistol", "rifle", "hammer", "belt", "machete", "axe", "bottle",
     "crowbar", "pipe", "stick", "broom", "scissors", "blade", "chair", "golf club", "screwdriver",
     "cleaver"),
    ("let me", "letting me", "allow", "leave", "call", "trapped", "locked", "locks me", "locking me",
     "get out", "escape"),
    ("ex ", "ex'", "ex-", "stalker", "abuser", "attacker", "rapist"),
    ("room", "bed"),
    ("lock", "barricad", "hiding"),
    ("self", "selves", "life", "lives", "suicide", "die", "dead", "not be here", "overdose", "od"),
    ("googl", "search", "look", "research", "read", "self", "selves", "life"),
    ("razor", "blade", "knife", "lighter", "sharpener"),
    ("goodbye",),
    ("rehom", "exhaust", "whole", "entire", "full", "all my", "all of my"),
    ("see", "read", "find", "last", "final", "funeral", "service", "memorial", "wake"),
    ("if a", "if the", "if some", "if an", "inviting", "tempting", "appealing", "calling"),
    ("drop", "fall", "height"),
    ("if i",),
    ("can ",),
    ("next", "hit", "punch", "slap", "chok", "kick", "strangl", "beat", "shove", "push", "smack"),
    ("posted", "said", "says", "texted", "wrote", "sent", "messaged", "told me", "put", "location"),
    ("bleeding",),
    ("voice", "urge", "thought"),
    ("top of", "date"),
)
assert len(_GATES) == len(_GATED_PATTERNS)
_UNGATED = tuple((signal, re.compile(pattern)) for signal, pattern in _CRISIS_PATTERNS)
_GATED = tuple(
    (signal, re.compile(pattern), re.compile("|".join(re.escape(word) for word in gate)))
    for (signal, pattern), gate in zip(_GATED_PATTERNS, _GATES, strict=True)
)
# All phrases of a kind at once: one search tells whether any phrase can match, and most texts with
# a risk word (an ordinary "this song killed me") then skip the phrase-by-phrase loop.
_ANY_UNGATED = re.compile("|".join(f"(?:{pattern})" for _signal, pattern in _CRISIS_PATTERNS))
# Any gate word at all: one search instead of one per gate, for the many texts that have none.
_ANY_GATE_WORD = re.compile("|".join(sorted({re.escape(word) for gate in _GATES for word in gate})))
# Every phrase with its gate (None: runs wherever a core risk word is).
_CRISIS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    tuple((signal, pattern, None) for signal, pattern in _UNGATED) + _GATED
)
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
    r"cliff|hidden|stashed|hid|hide|hiding|myself|without me|i'?m next)\b"
)
# The words of the gated phrases (see _GATES): they open windows for those phrases only.
_FAMILY_WORDS = (
    r"\b(?:giv\w*|gave|homes?|wrote|written|writing|finished|drafted|left|leaving|words|bought|buying|"
    r"ordered|purchased|picked up|helium|charcoal|sav\w*|stockpil\w*|hoard\w*|stash\w*|squirrel\w*|stocking|"
    r"collect\w*|enough|decision|choice|mind|comments?|posts?|messages?|videos?|upload|tweet|story|reply|ever|"
    r"mak(?:e|ing) it|birthday|christmas|xmas|funeral|obituary|memorial|grave|stay|stick around|holding|"
    r"keeping|car|bus|truck|train|lorry|semi|vehicle|taxi|tram|subway|van|driver|platform|traffic|highway|"
    r"freeway|motorway|road|swerv\w*|steer\w*|veer\w*|tree|wall|lake|sea|ocean|river|window|tower|"
    r"building|equation|picture|burden|favou?r|waste of|dose|dosage|googl\w*|search\w*|looking up|looked up|"
    r"research\w*|read\w* up|pushed|shoved|threw|throws|dragged|pinned|slammed|smacked|kneed|headbutted|"
    r"grabbed|spat|shook|tackled|elbowed|swung|swings|coming at|came at|comes at|charg\w*|lung\w*|chas\w*|"
    r"attack\w*|pulled|held|took|takes|taken|smashed|broke|let me|locked|locks|locking|lock|barricad\w*|"
    r"trapped|ex|stalker|abuser|attacker|rapist|room|bed|bedroom|sharpener|lighter|reunited|need|purpose|"
    r"myself|goodbyes?|suicid\w*|self|life|lives|die|dead|overdos\w*|od|lethal|fatal|knife|gun|blade|"
    r"rehom\w*|exhaust|prescription|gone|service|wake|welcome|relieved|glad|inviting|tempting|appealing|"
    r"calling|drop|fall|height|measur\w*|posted|texted|location|reads?|how (?:long|high|far)|bleeding|"
    r"voices?|urges?|thoughts?|top of|date|"
    r"razor|rope|noose|pills|kill\w*|end|last|edge|roof|bridge|jump\w*|stay)\b"
)
_ANY_CRISIS_WORD = re.compile(f"(?P<risk>{_CRISIS_WORDS.pattern})|{_FAMILY_WORDS}")

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
    r"(?:'s|s') suicide\b(?! attempt)|"
    # The words themselves, and figures about many people.
    r"\b(?:wording|terminology|phrasing|the (?:term|phrase|expression|word)|bad word|(?:say|saying|use|"
    r"using) (?:the )?(?:word|phrase|term)s?)\b|['\"](?:commit(?:ted)?|complete[ds]?|died by) suicide['\"]|"
    r"\b(?:men|women|people|teens|veterans|kids|youth|adults|students|doctors|nurses|farmers|who|\d+%?) "
    r"(?:\w+ ){0,2}(?:die|dies) (?:by|from|of) suicide\b|\b(?:rates?|statistics?|stats|percent|per ?cent|"
    r"leading cause|demographics?)\b(?=.{0,60}\bsuicid)|"
    r"\bsuicid\w*\b(?=.{0,60}\b(?:rates?|statistics?|stats|percent|per ?cent|leading cause|"
    r"demographics?)\b)|"
    r"\b(?:unit|module|lesson|section|seminar|assembly|training|segment|panel|chapter|class|course) (?:on|"
    r"about|covering) (?:\w+ )?(?:suicide|self harm|suicidal|self[\s-]?injury)\b"
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
    r"decades?) (?:clean|free|sober|ago|since|later|out)\b|\b(?:\d+|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|a few|many|several) (?:years?|yrs?|months?|decades?|weeks?|days?) (?:of )?(?:self harm|"
    r"sh|cutting) ?(?:clean|free|sober)\b|\b(?:used to|use to|once|back when|back in|as a "
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
    r"decades?|weeks?|days?) (?:(?:of )?(?:self harm|sh|cutting) )?(?:clean|free|sober)\b|\brecovere"
    r"d\b|\b(?:made it through|it gets better|got better|"
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


def _add_window(spans: list[tuple[int, int]], text: str, start: int, end: int, radius: int) -> None:
    start, end = max(0, start - radius), min(len(text), end + radius)
    # Never cut a word in half at the edges.
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(spans[-1][1], end))
    else:
        spans.append((start, end))


def _windows(text: str, radius: int = 160) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of `text` around trigger words, merged: the only places a phrase can match, so a long
    text costs time in proportion to its risk words, not its length. Returns the spans around the
    core risk words (for the ungated phrases) and around any trigger word (for the gated ones)."""
    risk: list[tuple[int, int]] = []
    every: list[tuple[int, int]] = []
    for match in _ANY_CRISIS_WORD.finditer(text):
        if match.group("risk"):
            _add_window(risk, text, match.start(), match.end(), radius)
        _add_window(every, text, match.start(), match.end(), radius)
    return risk, every


def crisis_signals(text: str) -> tuple[list[Signal], list[Signal]]:
    """Risk phrases in normalised `text`: (raised, guarded). Guarded ones carry the guard's name."""
    risk_spans, every_span = _windows(text)
    if not every_span:
        return [], []
    raised: list[Signal] = []
    guarded: list[Signal] = []
    short = len(text) < 140  # a laugh anywhere in a one-liner colours all of it
    phrases = []
    if any(_ANY_UNGATED.search(text, start, end) for start, end in risk_spans):
        phrases += [(signal, pattern, risk_spans) for signal, pattern in _UNGATED]
    if _ANY_GATE_WORD.search(text):
        phrases += [(signal, pattern, every_span) for signal, pattern, gate in _GATED if gate.search(text)]
    for signal, pattern, spans in phrases:
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
_CLIENT_PATTERNS += (
    r"\bwe(?:'ve| have)? been working together\b|\b(?:in|getting) (?:treatment|therapy|counsel+ing) with "
    + _YOU + r"\b|\battend(?:ing)? (?:sessions|therapy|appointments) with " + _YOU + r"\b",
    r"\b(?:like|as) " + _YOU + r" (?:asked|assigned|set me|asked me to)\b|\b" + _YOU + r" (?:made|recorded|"
    r"wrote|drew|printed|created|set) (?:\w+ )?for me\b|\b(?:the )?\w+ " + _YOU + r" set me\b",
    r"\b(?:given )?(?:everything )?" + _YOU + r" know (?:about )?my (?:history|story|background|past"
                                              r"|situation|"
    r"file|diagnosis)\b",
    r"\b(?:did|do|can|could|will|would) " + _YOU + r" (?:\w+ ){0,2}(?:get|have|got|send|sign|fill|update|"
    r"release|share|receive|need|still have) (?:me )?(?:my|the) (?:intake )?(?:file|records|chart|forms?|"
    r"paperwork|superbill|invoice|receipt)\b|\bthe (?:intake )?(?:paperwork|forms?) " + _YOU + r" sent\b",
    r"\bthe superbill\b|\bmy (?:copay|co-pay|superbill|insurance claim)\b|\bpay (?:the|my|this month'?s) "
    r"(?:copay|co-pay|invoice|balance)\b",
    r"\b(?:i'?m|it'?s me|me|i am|from),? (?:your|ur|the) (?:\d{1,2}(?::\d\d)? ?(?:am|pm)?|(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day(?: morning| afternoon| evening)?) ?(?:slot|client|patient|appointment|appt|"
    r"person|session|lol|haha|\b)|\b(?:soy|era) (?:tu|su) (?:paciente|cliente)\b",
    r"\bnot the only (?:one of your )?(?:client|patient)s?\b|\b(?:any|other|fellow) (?:clients?|patients?) "
    r"(?:of (?:yours|hers|his)|here)\b|\ba client of (?:yours|hers|his)\b",
    r"\b(?:sorry|apologi\w+) (?:for|that|about|i) (?:\w+ ){0,3}(?:cried|crying|emotional|rambl\w+|vent\w*|"
    r"talked so much)\b.{0,30}\b(?:today|earlier|this (?:morning|afternoon|evening)|yesterday|last (?:time|"
    r"week|session))\b",
)
_CLIENT = tuple(re.compile(p) for p in _CLIENT_PATTERNS)
# "my therapist said ... our next session": the sessions are with someone else.
_THIRD_PERSON_THERAPIST = re.compile(
    r"\bmy (?:own |irl |real |actual |new |old |other )?(?:therapist|counsel+or|psychologist|psychiatrist|"
    r"shrink|doctor|dr|gp|t)\b"
)
# "see you sunday" to a channel: the next video, not the next session.
_CONTENT = re.compile(
    r"\b(?:upload|video|vid|episode|ep|stream|live|livestream|premiere|part \d+|part (?:two|three)|next one|"
    r"podcast|q ?& ?a|channel|subscribe\w*|subs)\b"
)
_CLIENT_WORDS = re.compile(
    r"asked|assigned|set me|for me|know|working together|treatment|"
    r"intake|file|records|chart|forms?|paperwork|superbill|copay|co-pay|insurance|slot|\d ?[ap]m|"
    r"paciente|cliente|sorry|apologi|session|appointment|appt|therap|counsel|psycholog|shrink|psychi"
    r"atr|social worker|clinician|provider|"
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
            third = _THIRD_PERSON_THERAPIST.search(sentence)
            if third and not match.group(0).strip().endswith(third.group(0)) and "you" not in sentence[
                    :sentence.find(third.group(0))].split()[-2:]:
                continue
            if match.group(0).startswith("see ") and _CONTENT.search(sentence):
                continue
            found.append(Signal("client cue", match.group(0).strip()))
    return found
