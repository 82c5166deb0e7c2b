"""Text normalisation for the reply guard, so trivial evasions do not slip past its patterns.

NFKC (full-width and styled letters become plain), format characters removed (zero-width
spaces and joiners, soft hyphens, direction marks), letters from other scripts that look like
Latin ones mapped to Latin (Cyrillic "е" in "sеssion"), typographic quotes and dashes made
plain, whitespace collapsed, and optionally casefolded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_WHITESPACE = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r" ?\n\s*")  # after _SPACES, so linear on long runs
_SPACES = re.compile(r"[^\S\n]+")


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    """The ASCII letter or digit `char` is confusable with, or `char` itself."""
    # Imported on the first non-ASCII letter: loading its tables costs every command ~0.15 s.
    from confusable_homoglyphs import confusables

    try:
        found = confusables.is_confusable(char, preferred_aliases=["latin"])
    except (KeyError, ValueError, IndexError):  # characters outside the library's tables
        return char
    if not found:
        return char
    for homoglyph in found[0]["homoglyphs"]:
        candidate = homoglyph["c"]
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return str(candidate)
    return char


def _drop_format_and_map(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width space/joiner, soft hyphen, BOM, bidi controls
            continue
        if category.startswith("M"):  # combining marks stacked on letters ("s̶e̶s̶s̶i̶o̶n̶")
            continue
        out.append(_latin_lookalike(char) if category.startswith("L") else char)
    return "".join(out)


def normalize(text: str, *, casefold: bool = True, keep_lines: bool = False) -> str:
    """A form of `text` for pattern matching; never shown to anyone.

    With `keep_lines`, line breaks survive (one per run of blank lines); otherwise all
    whitespace becomes single spaces.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _drop_format_and_map(text)
    text = text.translate(_QUOTES)
    if casefold:
        text = unicodedata.normalize("NFKC", text.casefold())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep_lines:
        return _LINE_BREAKS.sub("\n", _SPACES.sub(" ", text)).strip()
    return _WHITESPACE.sub(" ", text).strip()
