"""Phrase families: the crisis safety net and the client cues, read from data files.

Each file in `classifiers/phrases/` holds reusable word lists (`[parts]`), guards (`[guards.*]`)
and families (`[[family]]`). A family names its category (for crisis, a C-SSRS category or danger
from others), its patterns, the guards that may undo a match, and its positive and negative
examples. `tests/test_signals.py` checks every pattern and guard against those examples.

A pattern is a word sequence over the clause's plain words (lower case, punctuation gone):

    {part}      any entry of the named part (an entry may end in `*`: any word ending)
    (a|b c)     one of these words or phrases
    X?          the word, part or group X is optional
    ~           up to three words of anything
    !(a|b)      not followed by one of these words (`!with` for one word)
    #           a number ("#", "#pm")
    kill*       a word starting "kill"
    i'm         an apostrophe in a literal is optional (matches "i'm" and "im")
    ('ve|have)  an entry starting with an apostrophe joins the word before it: "i ('ve|have) taken"
                reads "i've taken" and "i have taken"

Guards look at the clause that holds the match (a clause ends at . ! ? ; a line break, "but",
"although", "though" or "however"), never at the whole text, except a `where = "text"` guard (a
laugh in a one-liner). `before` guards must end within `gap` words of the match ("not", "never"
before "suicidal"), after the last comma before it: "don't worry, i took all my pills" is not
negated. A guard's `unless` patterns cancel it ("lol not joking"). A family with `marks =
"denial"` raises nothing: its matches ("I'm not suicidal") only tell the triager that risk is named
to be denied. Families whose category is a statement of intent, plan, method, preparatory act,
attempt or self-harm may only be undone by negation: the invariant is tested.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PHRASES_DIR = Path(__file__).parent / "phrases"
# C-SSRS categories (and danger from others) whose first-person statements no guard but negation
# may undo.
PROTECTED = frozenset({"intent", "plan", "method", "preparatory", "attempt", "self_harm"})
NEGATION = "negation"

# Words in most clauses: a pattern indexed by one would be tried on nearly every text.
_EVERYDAY = frozenset(
    "i i'm im me my a an the this that it it's to of in on for at with and so just not no do did"
    " have has had was is be been want how what would said you your our he she they his her them"
    " when after since like get got".split()
)
_TOKEN = re.compile(r"\{(\w+)\}\??|!?\([^)]*\)\??|~|[^\s]+")
_CLAUSE_END = re.compile(r"[.!?;\n]+|\s(?:but|although|though|however)\s")
_NOT_WORD = re.compile(r"[^a-z0-9'\s]+")


def _word(entry: str, parts: Mapping[str, Sequence[str]] | None = None) -> str:
    """Regex for one literal word or phrase: `*` ends a word freely, an apostrophe is optional,
    `{part}` stands for any entry of that part."""
    out = []
    for word in entry.split():
        if word.startswith("{") and word.endswith("}") and parts is not None:
            if word[1:-1] not in parts:
                raise ValueError(f"{entry!r} names an unknown part {word}")
            out.append(_alternation(parts[word[1:-1]]))
            continue
        wild = word.endswith("*")
        word = word.rstrip("*")
        escaped = re.escape(word).replace("'", "'?").replace(r"\#", r"\d+")
        out.append(escaped + (r"[a-z0-9']*" if wild else ""))
    return " ".join(out)


def _alternation(entries: Iterable[str], parts: Mapping[str, Sequence[str]] | None = None) -> str:
    # Longest first, so "want to" is preferred over "want".
    ordered = sorted(set(entries), key=len, reverse=True)
    return "(?:" + "|".join(_word(e, parts) for e in ordered) + ")"


def compile_pattern(pattern: str, parts: Mapping[str, Sequence[str]]) -> str:
    """The regex for a pattern, matched against " " + clause + " " (see the module docstring)."""
    tokens = [match.group(0) for match in _TOKEN.finditer(pattern)]
    pieces = []
    for index, token in enumerate(tokens):
        optional = token.endswith("?") and len(token) > 1
        core = token[:-1] if optional else token
        if core == "~":
            pieces.append(r"(?:\S+ ){0,3}")
            continue
        if core.startswith("!"):
            # Not followed by these words ("ending it !(with|for)": not "ending it with him").
            inner = core[1:]
            entries = inner[1:-1].split("|") if inner.startswith("(") else [inner]
            pieces.append(f"(?!{_alternation(entries, parts)} )")
            continue
        if core.startswith("{"):
            name = core[1:-1]
            if name not in parts:
                raise ValueError(f"pattern {pattern!r} names an unknown part {{{name}}}")
            body = _alternation(parts[name])
        elif core.startswith("("):
            if "(" in core[1:] or not core.endswith(")"):
                raise ValueError(f"pattern {pattern!r}: groups cannot nest or span ')' inside")
            body = _alternation(core[1:-1].split("|"), parts)
        else:
            body = _word(core)
        # A contraction's tail ("i ('ve taken|have taken)") follows its word with no space.
        end = r"(?: |(?='))" if _contraction_follows(tokens[index + 1 :], parts) else " "
        pieces.append(f"(?:{body}{end})?" if optional else f"{body}{end}")
    return "(?<= )" + "".join(pieces)


def _contraction_follows(rest: Sequence[str], parts: Mapping[str, Sequence[str]]) -> bool:
    """Whether the next word the pattern may read can be a contraction's tail ("'ve", "'s"): an
    alternative starting with an apostrophe, reached past optional tokens."""
    for token in rest:
        optional = token.endswith("?") and len(token) > 1
        core = token[:-1] if optional else token
        if core == "~" or core.startswith("!"):
            return False
        if any(first.startswith("'") for first in _first_words(core, parts)):
            return True
        if not optional:
            return False
    return False


def _first_words(core: str, parts: Mapping[str, Sequence[str]]) -> list[str]:
    """The first word of each entry a token may read, a `{part}` opening an entry read as its
    entries' first words ("(x|{tail})" with tail = ["'s"] may read "'s")."""
    if core.startswith("{"):
        entries: Sequence[str] = parts.get(core[1:-1], ())
    elif core.startswith("("):
        entries = core[1:-1].split("|")
    else:
        entries = [core]
    firsts: list[str] = []
    for entry in entries:
        words = entry.split()
        if not words:
            continue
        first = words[0]
        if first.startswith("{") and first.endswith("}"):
            firsts.extend(e.split()[0] for e in parts.get(first[1:-1], ()) if e.split())
        else:
            firsts.append(first)
    return firsts


def _spellings(word: str) -> set[str]:
    """A word as the clause may hold it: each apostrophe in a literal is optional ("i'm", "im")."""
    pieces = word.split("'")
    return {
        "".join(piece + joint for piece, joint in zip(pieces, (*joints, ""), strict=True))
        for joints in itertools.product(("'", ""), repeat=len(pieces) - 1)
    }


@dataclass(frozen=True)
class Guard:
    name: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    where: str  # "clause", "before" or "text"
    gap: int


@dataclass(frozen=True)
class Pattern:
    """A pattern and its anchors: a clause can only match when it holds one of the `words`, or a
    word starting with one of the `prefixes` (a cheap test before the regex). The regex is
    compiled on first use: most patterns never meet a clause holding their anchors, and compiling
    them all was most of `modbot triage`'s start-up."""

    source: str
    expression: str
    words: frozenset[str]
    prefixes: tuple[str, ...]
    # The pattern's other required words, one set per word it must read: a clause holding no
    # entry of one of them cannot match either (a set test, far cheaper than the regex).
    also: tuple[frozenset[str], ...] = ()

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.expression)


@dataclass(frozen=True)
class Family:
    name: str
    category: str
    patterns: tuple[Pattern, ...]
    guards: tuple[str, ...]
    positives: tuple[str, ...]
    negatives: tuple[str, ...]
    # Training labels for the family's negative examples ([] = engagement).
    negative_labels: tuple[str, ...] = ()
    # A marking family raises nothing: each match is reported as undone by this name ("denial"),
    # which tells the triager that the text speaks of risk only to deny it.
    marks: str | None = None


@dataclass(frozen=True)
class Signal:
    """A family matched: its name and category, the clause words that raised it, and (when a
    guard undid it) the guard's name."""

    family: str
    category: str
    phrase: str
    guard: str | None = None


@dataclass(frozen=True)
class Net:
    """The compiled families of one phrase file."""

    name: str
    families: tuple[Family, ...]
    guards: Mapping[str, Guard]
    risk_words: re.Pattern[str] | None = None
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Anchor word (or word prefix) -> (family number, pattern number): a clause only tries the
    # patterns whose anchors it holds.
    by_word: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    by_prefix: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    prefix_regex: re.Pattern[str] | None = None
    anchors: frozenset[str] = frozenset()

    def _candidates(self, padded: str, words: frozenset[str]) -> list[tuple[int, int]]:
        by_word = self.by_word
        found = {key for word in words & self.anchors for key in by_word[word]}
        if self.prefix_regex is not None:
            for prefix in self.prefix_regex.findall(padded):
                found.update(self.by_prefix[prefix])
        return sorted(found)

    def signals(self, text: str | Prepared) -> list[Signal]:
        """Every family match in normalised `text`, guarded or not, in text order."""
        prepared = text if isinstance(text, Prepared) else prepare(text)
        found: list[Signal] = []
        families = self.families
        for (padded, words), piece in zip(prepared.clauses, prepared.pieces, strict=True):
            for family_number, pattern_number in self._candidates(padded, words):
                family = families[family_number]
                pattern = family.patterns[pattern_number]
                if any(map(words.isdisjoint, pattern.also)):
                    continue
                for match in pattern.regex.finditer(padded):
                    guard = family.marks or self._guard(family, padded, match.start(), prepared, piece)
                    found.append(Signal(family.name, family.category, match.group(0).strip(), guard))
        return found

    def _guard(
        self, family: Family, clause: str, start: int, prepared: Prepared, piece: str
    ) -> str | None:
        for name in family.guards:
            guard = self.guards[name]
            if guard.where == "before":
                # The words just before the match, back to the last comma: a negation in the
                # phrase before ("don't worry, i took...") is not this statement's.
                before = clause[:start].split()
                since_comma = max((c for c in _comma_offsets(piece) if c <= len(before)), default=0)
                window = " ".join(before[max(since_comma, len(before) - guard.gap - 3) :])
                hit = guard.pattern.search(f" {window} ")
            elif guard.where == "text" and prepared.short:
                hit = guard.pattern.search(prepared.plain)
            else:
                hit = guard.pattern.search(clause)
            if hit and not (guard.unless and guard.unless.search(prepared.plain)):
                return name
        return None

    def has_risk_word(self, text: str | Prepared) -> bool:
        prepared = text if isinstance(text, Prepared) else prepare(text)
        return bool(self.risk_words and self.risk_words.search(prepared.plain))


@dataclass(frozen=True)
class Prepared:
    """A normalised text split once for every net: its plain form (" words "), and each clause
    padded with spaces together with the set of its words."""

    plain: str
    clauses: tuple[tuple[str, frozenset[str]], ...]
    short: bool  # a one-liner: a laugh anywhere in it colours all of it
    # Each clause's words with its commas kept as tabs (for `before` guards, which stop at one).
    pieces: tuple[str, ...]


def prepare(text: str) -> Prepared:
    # One pass for the whole text: clause ends become line breaks and commas tabs, which
    # `_NOT_WORD` keeps and `split` drops.
    toned = text if text.isascii() else text.translate(_TONE_EMOJI)  # every key is non-ASCII
    marked = _NOT_WORD.sub(" ", _CLAUSE_END.sub("\n", toned.replace(",", "\t")))
    pieces = [piece for piece in marked.split("\n") if piece.strip()]
    clauses = tuple((f" {' '.join(words)} ", frozenset(words)) for words in map(str.split, pieces))
    plain = " " + " ".join(c[1:-1] for c, _words in clauses) + " "
    return Prepared(plain, clauses, len(text) < 140, tuple(pieces))


def _comma_offsets(piece: str) -> tuple[int, ...]:
    """How many words of the clause come before each of its commas (marked as tabs)."""
    offsets, count = [], 0
    for segment in piece.split("\t")[:-1]:
        count += len(segment.split())
        offsets.append(count)
    return tuple(offsets)


# Emoji that carry tone in risk talk, kept as words so guards can read them.
_TONE_EMOJI = str.maketrans(
    {
        "\N{LOUDLY CRYING FACE}": " sob ",
        "\N{SKULL}": " skull ",
        "\N{FACE WITH ROLLING EYES}": " eyeroll ",
        "\N{HEADSTONE}": " grave ",
        "\N{RIGHT SINGLE QUOTATION MARK}": "'",
    }
)


def clauses(text: str) -> list[str]:
    """The clauses patterns read: lower-case words and apostrophes only, single-spaced."""
    return [padded.strip() for padded, _words in prepare(text).clauses]


def _patterns(raw: Iterable[str], parts: Mapping[str, Sequence[str]]) -> tuple[Pattern, ...]:
    compiled = []
    for source in raw:
        expression = compile_pattern(source, parts)  # first: it names an unknown part plainly
        required = _required_words(source, parts)
        # The pattern is indexed by its most specific required word: one with no everyday word
        # among its entries if it has one, then the one whose shortest entry is longest.
        anchors = max(
            required, key=lambda firsts: (not _EVERYDAY.intersection(firsts), min(map(len, firsts)))
        )
        words = {w for a in anchors if not a.endswith("*") for w in _spellings(a)}
        prefixes = tuple(sorted(a.rstrip("*") for a in anchors if a.endswith("*")))
        also = tuple(
            frozenset(w for a in firsts for w in _spellings(a))
            for firsts in required
            if firsts is not anchors and not any(a.endswith("*") for a in firsts)
        )
        compiled.append(Pattern(source, expression, frozenset(words), prefixes, also))
    return tuple(compiled)


def _union(
    sources: Iterable[str], parts: Mapping[str, Sequence[str]], *, suffix: str = ""
) -> re.Pattern[str] | None:
    """One regex for any of several patterns (compiled once: start-up time is regex compiling)."""
    alternatives = [f"(?:{compile_pattern(source, parts)})" for source in sources]
    return re.compile(f"(?:{'|'.join(alternatives)}){suffix}") if alternatives else None


def _guard_from(name: str, data: Mapping[str, Any], parts: Mapping[str, Sequence[str]]) -> Guard:
    where = data.get("where", "clause")
    if where not in ("clause", "before", "text"):
        raise ValueError(f"guard {name!r}: where must be clause, before or text")
    gap = int(data.get("gap", 0))
    # A `before` guard must end the window: only `gap` words may follow it before the match.
    suffix = f"(?:\\S+ ){{0,{gap}}}$" if where == "before" else ""
    union = _union(data["patterns"], parts, suffix=suffix)
    if union is None:
        raise ValueError(f"guard {name!r} has no patterns")
    return Guard(name, union, _union(data.get("unless", ()), parts), where, gap)


def _required_words(pattern: str, parts: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """For each required token of the pattern, the first words of its entries: any match holds one
    of each, as a word of its own (a word ending `*` stands for any word it starts)."""
    required: list[list[str]] = []
    tokens = [match.group(0) for match in _TOKEN.finditer(pattern)]
    for index, token in enumerate(tokens):
        if token.endswith("?") or token == "~" or token.startswith("!"):
            continue
        if _contraction_follows(tokens[index:], parts) or _contraction_follows(tokens[index + 1 :], parts):
            continue  # a contraction and its word ("he's") are one word of the clause: no anchor
        firsts = _first_words(token, parts)
        if not firsts or any("#" in f for f in firsts):
            continue  # a number is no anchor
        required.append(firsts)
    if not required:
        raise ValueError(f"pattern {pattern!r} has no required word")
    return required


def load_net(path: Path) -> Net:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    parts: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in data.get("parts", {}).items()}
    guards = {name: _guard_from(name, spec, parts) for name, spec in data.get("guards", {}).items()}
    families = []
    for spec in data.get("family", []):
        unknown = [g for g in spec.get("guards", []) if g not in guards]
        if unknown:
            raise ValueError(f"family {spec['name']!r} names an unknown guard {unknown[0]!r}")
        families.append(
            Family(
                name=spec["name"],
                category=spec["category"],
                patterns=_patterns(spec["patterns"], parts),
                guards=tuple(spec.get("guards", [])),
                positives=tuple(spec.get("positives", [])),
                negatives=tuple(spec.get("negatives", [])),
                negative_labels=tuple(spec.get("negative_labels", [])),
                marks=spec.get("marks"),
            )
        )
    risk = data.get("risk_words")
    risk_words = re.compile(f"(?<= )(?:{_alternation(risk)}) ") if risk else None
    by_word: dict[str, list[tuple[int, int]]] = {}
    by_prefix: dict[str, list[tuple[int, int]]] = {}
    for f, family in enumerate(families):
        for p, pattern in enumerate(family.patterns):
            for word in pattern.words:
                by_word.setdefault(word, []).append((f, p))
            for prefix in pattern.prefixes:
                by_prefix.setdefault(prefix, []).append((f, p))
    # A prefix shared by a longer one ("kill", "killing") would hide it: keep both by matching
    # every prefix at a word start, longest first, and counting shorter ones as well.
    for prefix in by_prefix:
        for shorter in by_prefix:
            if shorter != prefix and prefix.startswith(shorter):
                by_prefix[prefix].extend(by_prefix[shorter])
    prefix_regex = (
        re.compile(
            "(?<= )(?:" + "|".join(re.escape(p) for p in sorted(by_prefix, key=len, reverse=True)) + ")"
        )
        if by_prefix
        else None
    )
    return Net(
        path.stem,
        tuple(families),
        guards,
        risk_words,
        parts,
        {word: tuple(keys) for word, keys in by_word.items()},
        {prefix: tuple(keys) for prefix, keys in by_prefix.items()},
        prefix_regex,
        frozenset(by_word),
    )


@functools.cache
def crisis_net() -> Net:
    return load_net(PHRASES_DIR / "crisis.toml")


@functools.cache
def client_net() -> Net:
    return load_net(PHRASES_DIR / "client.toml")
