"""Text normalisation before any matching, so that evasions score like the plain words.

Order: markup read as the text it shows (character references, tags), Unicode folding (NFKD,
drop invisible and combining marks, NFKC, casefold, confusable letters from other scripts mapped to
Latin), risk emoji to words, leetspeak inside words, split letters joined up ("s u i c i d e"),
risk words stretched read as the word ("dieeee", "diiiie"), then current algospeak ("unalive",
"kms", "sewerslide", "s*icide", "sh" for self-harm in context).

The result is only ever used for matching and features: the original text is never altered for
display.
"""

from __future__ import annotations

import functools
import html.entities
import re
import unicodedata

# Invisible characters people use to break up words: zero-width space/joiners, word joiner,
# soft hyphen, BOM, variation selectors, tag characters (all of category Cf or Mn are dropped too).
_INVISIBLE_CATEGORIES = frozenset({"Mn", "Me", "Cf"})

# Emoji that stand in for words in risk talk. Each becomes a word the rules and the model read.
EMOJI_WORDS: dict[str, str] = {
    "\N{HOCHO}": " knife ",
    "\N{HEADSTONE}": " grave ",
    "\N{COFFIN}": " coffin ",
    "\N{DROP OF BLOOD}": " blood ",
    "\N{PILL}": " pills ",
    "\N{PISTOL}": " gun ",
    "\N{KNOT}": " rope ",
    "\N{SKULL}": " skull ",
    "\N{FACE WITH TEARS OF JOY}": " lol ",
    "\N{ROLLING ON THE FLOOR LAUGHING}": " lol ",
}

# Leetspeak substitutions, applied only inside a word that also has letters ("su1c1de", "k!ll").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                       "!": "i", "|": "l", "€": "e"})
_LEET_WORD = re.compile(r"(?<![\w@$!|€])(?=[\w@$!|€]*[a-z])(?=[\w@$!|€]*[013457@$!|€])[\w@$!|€]{3,}")
# Words with digits that are ordinary: times, ordinals, units ("3am", "2nd", "10mg", "5yrs").
_ORDINARY_NUMBER = re.compile(
    r"^\d+(?:st|nd|rd|th|am|pm|s|k|m|h|x|yo|y|yr|yrs|mg|ml|min|mins|hr|hrs|lb|lbs|kg|km|mi|ft|d|w|mo)?$"
)
# Risk words that people hide behind an asterisk: "s*icide", "k*ll", "su**ide".
_STARRED_TARGETS = (
    "suicide", "suicidal", "kill", "killing", "die", "dying", "dead", "death", "cut", "cutting",
    "self", "harm", "rape", "raped", "abuse", "abused", "overdose", "hang", "noose", "pills",
)
_STARRED_WORD = re.compile(r"\b[a-z]*\*+[a-z*]*\b|\b[a-z]+\*+")
# Letters spelled out one at a time: "s u i c i d e", "k.i.l.l".
_SPELLED_OUT = re.compile(r"(?<![a-z])(?:[a-z][ .\-_]){3,}[a-z](?![a-z])")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Risk words people stretch ("i want to dieeee", "diiiie", "myyyself", "deaddd"): after the squash
# above they would read "diee" or "diie", which no rule and no risk word knows, so a short stretched
# statement would have no risk-bearing word. Only where a letter was typed three times or more; a
# word whose doubled letters, undone, spell one of these is read as it. Words of risk only:
# everyday words the families also read ("sorryyy", "byeeee guys", "tonighttt", "so doneee") are
# how casual comments are typed, and stay below the short-text gate.
_STRETCHABLE = ("die", "dead", "death", "dying", "myself", "suicidal", "suicide", "kill", "alive")
_DOUBLED = re.compile(r"([a-z])\1+")
_UNSTRETCHED = {_DOUBLED.sub(r"\1", word): word for word in _STRETCHABLE}
_DOUBLED_WORD = re.compile(r"\b[a-z]*([a-z])\1[a-z]*\b")


def _unstretch(match: re.Match[str]) -> str:
    word = match.group(0)
    return _UNSTRETCHED.get(_DOUBLED.sub(r"\1", word), word)


# Algospeak: (pattern on folded text, replacement). Only well-attested forms.
_ALGOSPEAK: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bself[\s-]?un[\s-]?aliv(?:e|ed|ing)\b", "kill myself"),
        # "i want to unalive" with no one named: the writer means dying.
        (r"\bun[\s-]?alive\b(?! ?(?:him|her|them|you|u|ya|us|someone|somebody|people|my|the|a|this|that|"
         r"it|every\w*|me|myself|my ?self|your ?self|him ?self|her ?self|them ?selves|oneself|ur|his"
         r"|their)\b)",
         "die"),
        (r"\bun[\s-]?alive(?:d)?\b", "kill"),
        (r"\bk[\s-]?word(?:ing|ed)? (myself|my ?self|me)\b", "kill myself"),
        (r"\b(?:yeet|yeeting|yeeted|launch|launching) (?:myself|my ?self)\b", "throw myself"),
        (r"\bun[\s-]?aliving\b", "killing"),
        (r"\bself[\s-]?delet(?:e|ing|ed)\b", "kill myself"),
        (r"\bsewer[\s-]?slide\b", "suicide"),
        (r"\bsewer[\s-]?slidal\b", "suicidal"),
        (r"\bsu[ie]+side\b|\bsooicide\b|\bsuicde\b|\bsucide\b|\bsuiside\b|\bsuicid\b", "suicide"),
        (r"\bcommit(?:ted|ting)? sudoku\b", "commit suicide"),
        # Common misspellings of risk words, read as the words (a misspelt one is no risk word).
        (r"\b(?:sucidal|suicdal|suicidle|suicidial|sucidle|suisidal|suicidel|suicidual|suacidal|sucicidal"
         r"|suicadal|suiciddal|sucidial|suicedal)\b", "suicidal"),
        (r"\bkil (?=(?:myself|my self|me|him|her|them|urself|yourself)\b)", "kill "),
        # Not a compound ("kill my self doubt", "hurt my self-esteem"): that is therapy talk.
        (r"\b(kill|hurt|cut|harm|hate|burn|hang|drown|shoot|starve|punish|off|end) my self\b"
         r"(?![- ]?(?:esteem|doubt|image|worth|confidence|sabotage|care|control|respect|pity|love|talk"
         r"|belief|compassion|discipline|awareness|hatred|loathing|criticism|judgement|judgment)\b)",
         r"\1 myself"),
        (r"\bkms+\b", "kill myself"),
        (r"\bkys+\b", "kill yourself"),
        (r"\bctb\b", "commit suicide"),
        # The ending stays: "self-harmed for years in school" is not "I self harm".
        (r"\bs/h\b", "self harm"),
        (r"\bself[\s-]?harm(s|ing|ed)?\b", r"self harm\1"),
        # "sh" means self-harm only next to words that say so: "my sh", "relapsed on sh", "sh scars".
        (r"\b(my|do|did|doing|relapsed|relapse|urge|urges|to|into|from|about|of|on|with) sh\b",
         r"\1 self harm"),
        (r"\bsh(?= (?:again|scars?|urges?|relapse|wounds?|cuts?|marks?|habit)\b)", "self harm"),
        (r"\bsh'?ing\b", "self harming"),
        (r"\bsh[\-'](?:d|ed)\b", "self harm"),
        (r"\b(feel|feeling|felt|am|im|i'm|so|very|pretty|kinda|lowkey|super|been) sui\b", r"\1 suicidal"),
        (r"\bsui\b(?= (?:thoughts?|ideation|attempt|note))", "suicidal"),
        (r"\bs\.?i\.? thoughts\b", "suicidal thoughts"),
        (r"\bgrippy[\s-]?socks?\b(?: vacation| ward| hotel)?", "psych ward"),
        (r"\bgrape[ds]?\b(?= (?:me|her|him|them))", "raped"),
    )
)

# Contractions typed without their apostrophe, given it back: how carefully someone types is not
# what they say, and the corpus's writers typed crisis texts without apostrophes far more often
# ("dont" in 82% of texts with it, "don't" in 54%), which the model would otherwise learn. Forms
# that are often words of their own stay ("ill", "its", "were", "id", "well"); "wont", "cant",
# "ive" and "im" are rewritten, rare as words in comments.
_CONTRACTIONS = {
    bare: bare[:-1] + "'" + bare[-1]
    for bare in (
        "dont", "doesnt", "didnt", "isnt", "wasnt", "werent", "arent", "havent", "hasnt", "hadnt",
        "wouldnt", "couldnt", "shouldnt", "mustnt", "neednt", "cant", "wont", "aint",
    )
} | {
    "im": "i'm", "ive": "i've", "youre": "you're", "theyre": "they're", "youve": "you've",
    "theyve": "they've", "weve": "we've", "thats": "that's", "whats": "what's", "theres": "there's",
    "hes": "he's", "shes": "she's", "youll": "you'll", "theyll": "they'll", "itll": "it'll",
    "wouldve": "would've", "couldve": "could've", "shouldve": "should've", "yall": "y'all",
}
_BARE_CONTRACTION = re.compile(r"(?<!['\w])(" + "|".join(_CONTRACTIONS) + r")(?!['\w])")

# One search decides whether any algospeak rule can apply; most texts skip the rules entirely.
_ANY_ALGOSPEAK = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _ALGOSPEAK))


@functools.cache
def _confusable_table() -> dict[int, str]:
    """Non-Latin letters that look like Latin ones, mapped to the Latin letter (from the Unicode
    confusables data shipped with `confusable-homoglyphs`). Built once per process, on the first
    text that is not ASCII: loading the data is a tenth of a second most runs never need."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in homoglyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                table[ord(char)] = target.lower()
                break
    for quote in "\u201c\u201d\u201f\u2033":
        table[ord(quote)] = '"'
    return table


# Marks people type for an apostrophe ("don´t", "don`t"), read as one before decomposition turns an
# acute accent into a space.
_APOSTROPHES = str.maketrans({c: "'" for c in "\u00b4`\u2018\u2019\u201b\u02bc\u2032"})


def fold_unicode(text: str) -> str:
    """NFKD, drop invisible and combining characters, NFKC, casefold, confusables to Latin."""
    if text.isascii():
        return (text.translate(_APOSTROPHES) if "`" in text else text).casefold()
    text = text.translate(_APOSTROPHES)
    for emoji, word in EMOJI_WORDS.items():
        if emoji in text:
            text = text.replace(emoji, word)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    folded = unicodedata.normalize("NFKC", kept).casefold()
    return folded.translate(_confusable_table())


_LEET_CHARS = "013457@$!|€"
_LEET_CHAR = re.compile(f"[{re.escape(_LEET_CHARS)}]")
_LATIN_LETTER = re.compile(r"[a-z]")


def _has_leet_word(text: str) -> bool:
    """Whether a word holds both a letter and a leetspeak character: `_LEET_WORD` can only change
    such a word, and finding one is a few times quicker than its search ("at 3 lol", a number
    after a comment, is common and has none)."""
    if not any(c in text for c in _LEET_CHARS):
        return False
    return any(
        not (word.isalpha() or word.isdigit()) and _LEET_CHAR.search(word) and _LATIN_LETTER.search(word)
        for word in text.split()
    )


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if _ORDINARY_NUMBER.match(word):
        return word
    core = word.rstrip("!|$@€")  # "help!" stays "help!"
    return core.translate(_LEET) + word[len(core):]


def _unstar(match: re.Match[str]) -> str:
    word = match.group(0)
    pattern = "^" + re.escape(word).replace(r"\*", "[a-z]*") + "$"
    for target in _STARRED_TARGETS:
        if re.match(pattern, target):
            return target
    return word


def _unspell(match: re.Match[str]) -> str:
    return re.sub(r"[ .\-_]", "", match.group(0))


# Markup that text copied from web pages, exports and some APIs carries: tags ("<br>",
# "<a href=...>0:37</a>") and character references ("I&#39;m", "&amp;", "don&rsquo;t"). Only the
# tags such text uses, bare or with name=value attributes, so "<i want to die>", "x<y and y>z" and
# "<sigh>" stay as typed; only whole references, so "AT&T", "&not sure" and "&notes;" stay too.
_BLOCK_TAGS = ("br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead", "hr",
               "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_INLINE_TAGS = ("a", "b", "i", "u", "s", "em", "strong", "span", "font", "strike", "del", "ins", "sup",
                "sub", "code", "img", "wbr", "small", "big", "mark")
_TAG_NAMES = "|".join(sorted((*_BLOCK_TAGS, *_INLINE_TAGS), key=len, reverse=True))
_TAG = re.compile(
    rf"<(/?)({_TAG_NAMES})(?:\s+[a-z][a-z0-9-]*\s*=\s*(?:\"[^\"<>]{{0,300}}\"|'[^'<>]{{0,300}}'|[^\s<>]{{1,300}}))*\s*/?>",
    re.IGNORECASE,
)
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


def _reference(match: re.Match[str]) -> str:
    name = match.group(1)
    if not name.startswith("#") and f"{name};" not in html.entities.html5:
        return match.group(0)  # html.unescape would read "&notes;" as "¬es;"
    return html.unescape(match.group(0))


def unmark(text: str) -> str:
    """`text` as a browser shows it: tags dropped, a block tag ("<br>", "<p>", "<td>") as a new
    line, then references decoded (twice, for "&amp;#39;"). A tag that appears only after decoding
    ("&lt;b&gt;") was written as text, and stays text."""
    if "<" in text:
        text = _TAG.sub(lambda match: "\n" if match.group(2).lower() in _BLOCK_TAGS else "", text)
    for _ in range(2):
        if "&" not in text or not _CHARACTER_REFERENCE.search(text):
            break
        text = _CHARACTER_REFERENCE.sub(_reference, text)
    return text


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """The form of `text` that rules and the model read (never shown to anyone)."""
    folded = fold_unicode(unmark(text))
    if _has_leet_word(folded):
        folded = _LEET_WORD.sub(_unleet, folded)
    if "*" in folded:
        folded = _STARRED_WORD.sub(_unstar, folded)
    folded = _SPELLED_OUT.sub(_unspell, folded)
    if _REPEATS.search(folded):  # most texts have no letter typed three times
        folded = _DOUBLED_WORD.sub(_unstretch, _REPEATS.sub(r"\1\1", folded))
    if _ANY_ALGOSPEAK.search(folded):
        for pattern, replacement in _ALGOSPEAK:
            folded = pattern.sub(replacement, folded)
    return _BARE_CONTRACTION.sub(lambda match: _CONTRACTIONS[match.group(1)], folded)
