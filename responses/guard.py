"""The reply guard: checks every outgoing text, template or hand-edited, before it can be approved.

`check()` returns a `Verdict`. Problems block the reply (only an owner override with a written
reason may post it); warnings are shown to the reviewer but do not block.

Blocked:
- anything that confirms, denies or hints at a therapy relationship ("our session", "as we
  discussed", "good to see you again", "last week", "your progress", "you're my client");
- names or handles beyond the platform's own mention of the author (another @handle, u/name,
  "Dr. Smith", "Sarah Jones", "thanks, Sarah!", "my client Sam");
- diagnoses and personal medical advice ("sounds like you have", "you have ADHD", "you're
  bipolar", "this is anxiety", "you should stop taking your meds");
- testimonial or review requests ("leave a review", "tell people how I helped");
- in crisis replies, any detail about means, doses or methods.

Warned: empty text, text over the platform's length limit, a crisis reply with no phone number,
text number or address from the region's crisis resources, a crisis reply that suggests someone
is watching messages in real time, and capitalised words that might be someone's name.

The text is normalised first (NFKC, casefold, zero-width and look-alike characters, whitespace)
so trivial evasions do not pass. Matching never logs or stores the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as importlib_resources

from responses.normalize import normalize
from responses.resources import RegionResources, load_resources, resources_for

# Characters each platform accepts in one reply. Reddit: `VMarkdownLength(..., max_length=10000)`
# for comments and for private messages in Reddit's own API source (r2/controllers/api.py).
# YouTube: comments.insert answers 400 `commentTextTooLong` past its limit; 10,000 characters is
# the limit YouTube's help pages give for comments.
LENGTH_LIMITS: dict[tuple[str, str], int] = {
    ("youtube", "public"): 10_000,
    ("reddit", "public"): 10_000,
    ("reddit", "private"): 10_000,
    ("file", "public"): 10_000,
    ("file", "private"): 10_000,
}
DEFAULT_LENGTH_LIMIT = 10_000


@dataclass
class Verdict:
    blocked: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the reply (warnings may still be shown)."""
        return not self.blocked

    @property
    def clean(self) -> bool:
        """True when there is nothing to block and nothing to warn about."""
        return not self.blocked and not self.warnings


def reply_kind(kind: str) -> str:
    """'private' for a private-message reply, 'public' for anything posted in a thread."""
    return "private" if kind in ("private", "dm", "message") else "public"


def _rx(*patterns: str) -> list[re.Pattern[str]]:
    return [re.compile(pattern) for pattern in patterns]


_END = r"(?![\w'-])"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

RELATIONSHIP = _rx(
    r"\bsessions?\b",
    r"\bappointments?\b",
    r"\bour (?:work|time together|conversations?|talks?|chats?|meetings?|calls?|therapy|treatment"
    r"|relationship|progress|journey|plan|goals?|visits?)\b",
    r"\bour (?:first|last|next|previous) (?:meeting|talk|call|conversation|chat|visit|time|week)\b",
    r"\bas (?:we|you and i) (?:discussed|talked about|mentioned|said|agreed|covered|explored|worked on)\b",
    r"\b(?:like|what) (?:we|you and i) (?:discussed|talked about|covered|worked on|agreed|explored)\b",
    r"\bas i (?:told|said to|mentioned to|explained to) you\b",
    r"\b(?:good|great|nice|lovely|wonderful|glad|happy|so good)\s+(?:to\s+)?(?:see|seeing|hear(?:ing)? from"
    r"|talk(?:ing)? (?:to|with)|meet(?:ing)?)\s+you\s+again\b",
    rf"\bsee you (?:next (?:week|month)|(?:on |this |next )?{_WEEKDAY}|tomorrow|at (?:our|the|your)\b"
    r"|this (?:week|afternoon|evening|morning)|in (?:the|my) office)",
    r"\blast (?:week|time (?:we|you|i)|visit)\b",
    r"\bwhen (?:we|you and i) (?:talked|spoke|met|last|were talking|chatted|worked)\b",
    r"\b(?:since|after) (?:we|you and i) (?:met|started|last)\b",
    r"\bnext time we (?:meet|talk|speak)\b",
    r"\byour (?:progress|treatment plan|care plan|safety plan|file|records?|chart|case notes|homework)\b",
    r"\bhow far you(?:'ve| have) come\b",
    r"\btherapy with me\b",
    r"\bwith me in therapy\b",
    r"\bmy (?:former |current |past |old )?(?:clients?|patients?|caseload)\b",
    r"\byou(?:'re| are| were) (?:not )?(?:a |my |one of my |an? (?:former|current|past) )"
    r"(?:clients?|patients?)\b",
    r"\b(?:i am|i'm|i was|as) your (?:therapist|counsell?or|psychologist|clinician|provider|psychiatrist)\b",
    r"\bwe(?:'ve| have)? (?:worked|been working|talked|spoken|met) (?:on|about|together|before|last)\b",
    r"\breschedul\w*",
    r"\bintake\b",
)

_CONDITION = (
    r"(?:(?:clinical |major |severe |mild |high-functioning )?depression|an anxiety disorder|anxiety|adhd|add"
    r"|bpd|borderline(?: personality disorder)?|bipolar(?: disorder| ii| i| 1| 2)?|c-?ptsd|ptsd|ocd|autism"
    r"|asperger'?s|schizophrenia|psychosis|npd|narcissistic personality disorder|narcissism|a narcissist"
    r"|an? (?:\w+ )?(?:personality|eating|mood|anxiety|panic|attachment|mental|stress|trauma|adjustment)"
    r" disorder|anorexia|bulimia|binge eating|panic attacks?|social anxiety|gad|(?:complex )?trauma"
    r"|dissociative identity disorder|a mental illness|mental illness|insomnia|dementia|codependency"
    r"|(?:an )?(?:avoidant|anxious|disorganized|insecure) attachment(?: style)?|a disorder"
    r"|burnout|dysthymia|agoraphobia|hypochondria|health anxiety)"
)
_STATE = (
    r"(?:bipolar|autistic|depressed|clinically depressed|borderline|schizophrenic|psychotic|manic|ocd|adhd"
    r"|codependent|anorexic|bulimic|a narcissist|narcissistic|traumati[sz]ed|dissociating|neurodivergent"
    r"|on the spectrum|mentally ill)"
)
_HEDGE = (
    r"(?:probably |definitely |clearly |likely |obviously |might |may |could |must |really |just |so "
    r"|kind of |a bit )?"
)
_MEDS = (
    r"(?:meds|medications?|antidepressants?|ssris?|snris?|sertraline|zoloft|prozac|fluoxetine|lexapro"
    r"|escitalopram|citalopram|xanax|benzos?|lithium|adderall|ritalin|wellbutrin|bupropion|seroquel|dose"
    r"|dosage|pills)"
)
DIAGNOSIS = _rx(
    r"\b(?:sounds|seems|looks) like you (?:might |may |could |probably |definitely |really )?"
    r"(?:have|'ve got|got)\b",
    rf"\b(?:sounds|seems|looks) like (?:you(?:'re| are) (?:dealing with|suffering from|struggling with"
    rf"|experiencing|showing) )?(?:classic |textbook |typical )?(?:signs of |symptoms of )?"
    rf"{_CONDITION}{_END}",
    rf"\byou {_HEDGE}(?:have|'ve got|got|suffer from|are suffering from|'re suffering from|are dealing with"
    rf"|'re dealing with|are showing signs of|show signs of|have symptoms of|have signs of|have a case of)"
    rf" (?:some |a bit of |mild |severe |classic |textbook |untreated )?{_CONDITION}{_END}",
    rf"\byou(?:'re| are) {_HEDGE}{_STATE}{_END}",
    rf"\b(?:this|that|it)(?:'s| is| sounds| seems| looks) (?:like )?{_HEDGE}(?:classic |textbook |typical )?"
    rf"(?:a sign of |a symptom of |signs of |symptoms of )?{_CONDITION}{_END}",
    r"\b(?:classic|textbook|typical) (?:signs?|symptoms?|case|presentation) of\b",
    r"\byour (?:diagnosis|disorder|condition)\b",
    r"\b(?:you(?:'d| would| could| might| may| will)? (?:be|get) diagnosed with)\b",
    r"\bi(?:'d| would) diagnose\b",
    r"\bi(?:'d| would) (?:say|guess) you(?:'re| are| have)\b",
    rf"\byou (?:should|need to|must|could|might want to|ought to) (?:\w+ )?(?:take|start|stop|try|increase"
    rf"|decrease|double|halve|come off|get on|skip|quit|up|lower)(?: taking)? "
    rf"(?:your |some |the |an? |more |less )?"
    rf"{_MEDS}\b",
)

TESTIMONIAL = _rx(
    r"\b(?:leave|write|post|give|drop|add|submit)\b[^.!?\n]{0,40}\b(?:reviews?|ratings?|testimonials?)\b",
    r"\btestimonials?\b",
    r"\b(?:rate|review) (?:me|us|my|our|the practice)\b",
    r"\b(?:google|yelp|facebook|trustpilot|psychology today|healthgrades) (?:reviews?|ratings?)\b",
    r"\b(?:[1-5]|five)[- ]?stars?\b",
    r"\btell (?:people|others|everyone|your friends|your family|the world|folks|them|anyone) "
    r"(?:how|that|about|what|why) (?:much )?(?:i|we|my|our|this practice|working with (?:me|us))\b",
    r"\bhow (?:i|we|my (?:work|practice|therapy|videos?|content)|our (?:work|practice)) (?:\w+ )?"
    r"(?:helped|has helped|have helped|changed|saved)\b",
    r"\bshare your (?:experiences?|story|stories|journey|results?)\b[^.!?\n]{0,20}\b(?:me|us|my|our|practice"
    r"|working with)\b",
    r"\b(?:recommend|refer|vouch for|endorse) (?:me|us|my practice|our practice|my services|our services)\b",
    r"\bspread the word about (?:me|us|my|our)\b",
)

METHOD = _rx(
    r"\b(?:overdos\w*|pills?|tablets?|doses?|dosage|mg|milligrams?|grams?|lethal|fatal"
    r"|hang(?:ing|ed|s)?(?! in there| on\b| out\b)"
    r"|noose|ropes?|ligature|belts?|jump(?:ing|ed|s)? (?:off|from|in front)|bridges?|cliffs?|rooftops?|guns?"
    r"|firearms?|shoot\w*|bullets?|razors?|blades?|knife|knives|slit\w*|wrists?|poison\w*|bleach|pesticides?"
    r"|carbon monoxide|exhaust|fumes|suffocat\w*|asphyxia\w*|drown\w*|train tracks|tylenol|acetaminophen"
    r"|paracetamol|ibuprofen|painless|methods?|lethal means|access to means)\b",
    r"\bhow to (?:kill|die|end (?:it|your life|my life))\b",
    r"\bways to (?:die|kill|end)\b",
)

MONITORING = _rx(
    r"\b(?:i'm|i am|we're|we are|i'll be|we'll be) (?:always |here )?(?:here |available )?(?:24/7|any ?time"
    r"|around the clock|day and night)\b",
    r"\b(?:i|we)(?:'ll| will) (?:check|keep an eye|look in|follow up) on you\b",
    r"\b(?:dm|message|text|email|call) (?:me|us) (?:any ?time|whenever|24/7|right away|now)\b",
    r"\b(?:i'm|i am|we're|we are) (?:watching|monitoring)\b",
)

# Handles: "@name" not inside an e-mail address, and Reddit's "u/name" or "/u/name".
_AT_HANDLE = re.compile(r"(?<![\w@.+-])@([a-z0-9_][a-z0-9_.\-]{1,})")
_REDDIT_USER = re.compile(r"(?<![\w/])/?u/([a-z0-9_-]{2,})")

_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "doctor",
        "professor",
        "auntie",
        "aunt",
        "uncle",
        "sir",
        "madam",
        "coach",
        "pastor",
        "father",
        "sister",
        "nurse",
    }
)
_ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof"})
_GREETINGS = frozenset(
    {
        "hi",
        "hey",
        "hello",
        "dear",
        "thanks",
        "thank",
        "congrats",
        "congratulations",
        "welcome",
        "sorry",
        "bye",
        "cheers",
        "cc",
        "ping",
        "hiya",
        "howdy",
        "yo",
    }
)
_RELATIONS = frozenset(
    {
        "client",
        "clients",
        "patient",
        "patients",
        "friend",
        "friends",
        "sister",
        "brother",
        "mom",
        "mum",
        "mother",
        "dad",
        "father",
        "husband",
        "wife",
        "partner",
        "son",
        "daughter",
        "colleague",
        "boyfriend",
        "girlfriend",
        "cousin",
        "boss",
        "coworker",
        "co-worker",
        "roommate",
        "ex",
        "fiance",
        "fiancee",
        "grandma",
        "grandpa",
        "neighbour",
        "neighbor",
        "kid",
        "child",
        "teacher",
    }
)
_NAMING_VERBS = frozenset(
    {"with", "told", "tell", "ask", "asked", "saw", "met", "named", "called", "and", "like", "including"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_TITLE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    text = (importlib_resources.files("responses") / "data" / "common_words.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(word.casefold() for word in line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _resource_words() -> frozenset[str]:
    """Words in the names and reply lines of every crisis service: 'Samaritans', 'Lifeline'..."""
    data = load_resources()
    words: set[str] = set()
    for region in [*data.regions.values(), data.international]:
        words.update(part.casefold() for part in _WORD.findall(region.name))
        for service in region.services:
            for text in (service.name, service.reply_line, service.reach):
                words.update(part.casefold() for part in _WORD.findall(text))
    return frozenset(words)


def _strip_handle(handle: str | None) -> str:
    if not handle:
        return ""
    handle = normalize(handle)
    for prefix in ("@", "/u/", "u/"):
        if handle.startswith(prefix):
            handle = handle[len(prefix) :]
    return handle.rstrip(".")


def _phrase(match: re.Match[str]) -> str:
    return match.group(0).strip()[:60]


def _find(patterns: Iterable[re.Pattern[str]], text: str) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            phrase = _phrase(match)
            if phrase not in found:
                found.append(phrase)
    return found


def _handle_problems(text: str, author: str | None) -> list[str]:
    allowed = _strip_handle(author)
    problems: list[str] = []
    for pattern, shown in ((_AT_HANDLE, "@{}"), (_REDDIT_USER, "u/{}")):
        for match in pattern.finditer(text):
            handle = match.group(1).rstrip(".-")
            if allowed and handle == allowed:
                continue
            problems.append(f"name: mentions someone other than the author ({shown.format(handle)})")
    return problems


def _is_sentence_start(before: str) -> bool:
    """True at the start of the text, a line or a sentence (after emoji and bullets too)."""
    before = before.rstrip(" \t\"'([")
    return not before or not (before[-1].isalnum() or before[-1] in ",'")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Lower-case entries of Webster's 2nd (english-words): plain English words, not proper names."""
    from english_words import get_english_words_set

    return frozenset(word for word in get_english_words_set(["web2"], lower=False) if word.islower())


def _is_english_word(folded: str) -> bool:
    words = _dictionary()
    stems = [folded]
    if folded.endswith("ies"):
        stems.append(folded[:-3] + "y")
    if folded.endswith("es"):
        stems.append(folded[:-2])
    if folded.endswith("s"):
        stems.append(folded[:-1])
    if folded.endswith("ing"):
        stems += [folded[:-3], folded[:-3] + "e"]
    if folded.endswith("ed"):
        stems += [folded[:-2], folded[:-1]]
    return any(stem in words for stem in stems)


def _name_findings(
    text: str, *, known: frozenset[str], author_words: frozenset[str]
) -> tuple[list[str], list[str]]:
    """Capitalised words that look like someone's name: (blocking problems, warnings).

    A capitalised word is a candidate when it is not a common word, a crisis service, the
    practice's display name or the author's own name; it is name-like when it is not an English
    dictionary word either ("Sarah" is, "Grief" is not). It blocks when the context shows it
    names a person: any candidate after a title ("Dr. Smith"); a pair of candidates of which one
    is name-like ("Sarah Jones", not "Healthy Boundaries"); a name-like word after a greeting or a
    relation ("thanks, Sam", "my client Sam"), after "with"/"told" ("talked with Sam"), as a
    possessive ("Sam's story") or addressed at the end of a sentence ("..., Sam!"). Other
    name-like words in mid-sentence are warnings. Names that are also ordinary words ("Grace",
    "Hope") pass.
    """
    problems: list[str] = []
    warnings: list[str] = []
    words = list(_WORD.finditer(text))

    def base_of(word: str) -> str:
        return word[:-2] if word.endswith("'s") else word

    def candidate(word: str) -> bool:
        folded = base_of(word).casefold()
        return (
            bool(_TITLE.fullmatch(base_of(word)))
            and folded not in known
            and folded not in author_words
            and folded not in _HONORIFICS
        )

    def name_like(word: str) -> bool:
        return candidate(word) and not _is_english_word(base_of(word).casefold())

    skip_next = False
    for i, match in enumerate(words):
        word = match.group(0)
        if skip_next or not candidate(word):
            skip_next = False
            continue
        base = base_of(word)
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 4]
        at_start = _is_sentence_start(before)
        prev = words[i - 1].group(0).casefold().rstrip(".") if i > 0 else ""
        prev2 = words[i - 2].group(0).casefold() if i > 1 else ""
        nxt = words[i + 1] if i + 1 < len(words) else None
        pair = bool(
            nxt
            and candidate(nxt.group(0))
            and text[match.end() : nxt.start()].strip() == ""
            and (name_like(word) or name_like(nxt.group(0)))
        )
        this_is_name = name_like(word)
        reason = ""
        gap = text[words[i - 1].end() : match.start()].strip() if i > 0 else "?"
        if prev in _HONORIFICS and (gap == "" or (gap == "." and prev in _ABBREVIATED_TITLES)):
            reason = "a title and a name"
        elif pair:
            reason = "a full name"
            skip_next = True
        elif not this_is_name:
            continue
        elif word.endswith("'s"):
            reason = "a possessive name"
        elif prev in _GREETINGS or (prev == "you" and prev2 == "thank"):
            reason = "a greeting to a named person"
        elif prev in _RELATIONS or prev in _NAMING_VERBS:
            reason = "a named person"
        elif not at_start and before.rstrip().endswith(",") and re.match(r"\s*(?:[!?.]|$)", after):
            reason = "a named person being addressed"
        if reason:
            problems.append(f"name: looks like {reason} ({base})")
        elif not at_start:
            warnings.append(f"name: '{base}' may be someone's name; replies name no one")
    return problems, warnings


@lru_cache(maxsize=256)
def _contact_pattern(value: str) -> re.Pattern[str]:
    """Matches a phone or text number with any spacing or dashes, or an address as written."""
    digits = re.sub(r"\D", "", value)
    if digits and not re.search(r"[a-z]", value, re.IGNORECASE):
        body = r"[\s.\-()]*".join(digits)
        return re.compile(rf"(?<!\d){body}(?!\d)")
    return re.compile(re.escape(normalize(value)))


def _mentions_resources(folded: str, region: RegionResources) -> bool:
    data = load_resources()
    values = [
        contact.value for service in region.services if service.verified for contact in service.contacts
    ]
    values += [contact.value for service in data.international.reply_services for contact in service.contacts]
    return any(_contact_pattern(value).search(folded) for value in values)


def length_warnings(text: str, *, platform: str, kind: str) -> list[str]:
    limit = LENGTH_LIMITS.get((platform, reply_kind(kind)), DEFAULT_LENGTH_LIMIT)
    if len(text) <= limit:
        return []
    return [f"length: {len(text):,} characters, over the {platform} limit of {limit:,}"]


def check(
    text: str,
    *,
    category: str,
    platform: str,
    kind: str,
    region: str,
    author: str | None = None,
    practice_name: str | None = None,
) -> Verdict:
    """Check one outgoing reply. `kind` is 'public'/'private' or an item kind ('comment', 'dm').

    `author` is the handle of the person being replied to (their own mention is allowed);
    `practice_name` is the therapist's display name (never counted as naming someone).
    """
    verdict = Verdict()
    rkind = reply_kind(kind)
    folded = normalize(text)
    cased = normalize(text, casefold=False, keep_lines=True)

    if not folded:
        verdict.warnings.append("empty: the reply is empty")
        return verdict

    verdict.warnings.extend(length_warnings(text, platform=platform, kind=rkind))

    for phrase in _find(RELATIONSHIP, folded):
        verdict.problems.append(f"relationship: hints at a therapy relationship (\u201c{phrase}\u201d)")
    for phrase in _find(DIAGNOSIS, folded):
        verdict.problems.append(
            f"diagnosis: reads as a diagnosis or personal medical advice (\u201c{phrase}\u201d)"
        )
    for phrase in _find(TESTIMONIAL, folded):
        verdict.problems.append(f"testimonial: asks for a review or testimonial (\u201c{phrase}\u201d)")

    verdict.problems.extend(_handle_problems(folded, author))
    known = _common_words() | _resource_words()
    if practice_name:
        known = known | {word.casefold() for word in _WORD.findall(normalize(practice_name, casefold=False))}
    author_words = frozenset(
        word.casefold() for word in _WORD.findall(normalize(author or "", casefold=False)) if len(word) > 1
    )
    name_problems, name_warnings = _name_findings(
        _without_signature(cased), known=known, author_words=author_words
    )
    verdict.problems.extend(name_problems)
    verdict.warnings.extend(name_warnings)

    if category == "crisis":
        for phrase in _find(METHOD, folded):
            verdict.problems.append(
                f"method: crisis replies never mention means, doses or methods (\u201c{phrase}\u201d)"
            )
        if not _mentions_resources(folded, resources_for(region)):
            verdict.warnings.append(
                "resources: a crisis reply should include a phone number, text number or address from the "
                f"crisis resources for {resources_for(region).region}"
            )
        for phrase in _find(MONITORING, folded):
            verdict.warnings.append(
                f"monitoring: do not suggest anyone is watching messages in real time (\u201c{phrase}\u201d)"
            )

    verdict.blocked = bool(verdict.problems)
    return verdict


def _without_signature(text: str) -> str:
    """Drop a closing '- Name' signature line: it names the sender, which is fine."""
    lines = text.rstrip().split("\n")
    if len(lines) > 1 and re.match(r"^\s*(?:-|~)\s*\S", lines[-1]) and len(lines[-1]) <= 80:
        lines = lines[:-1]
    return "\n".join(lines)
