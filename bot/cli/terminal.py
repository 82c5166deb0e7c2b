"""Safe terminal output: comment text, names and platform messages are untrusted.

Every field a CLI view prints goes through `plain`, so no field can move the cursor, retitle the
window, hide text or reorder it: ANSI escape sequences and C0/C1 control characters are removed
(and the bidirectional overrides that make a line read differently from what it holds).
"""

from __future__ import annotations

import json
import re
from typing import Any

# ESC-introduced sequences: CSI (`ESC [ ... final`), terminated OSC/DCS/SOS/PM/APC strings (up
# to BEL or ST), and two-byte escapes (`ESC c`, `ESC 7`, ...). An unterminated string loses only
# its introducer, so it cannot hide the rest of a message.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?"
)
# C0 (bar newline, handled below), DEL, C1, and the bidirectional embedding/override/isolate marks.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
# Characters that JSON may leave raw but a terminal may obey (DEL, C1, the bidirectional marks).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: object, *, multiline: bool = False) -> str:
    """`value` as text that is safe to print. Line breaks become spaces, or `\\n` when `multiline`
    (message text); tabs become spaces; every other control character and escape sequence goes."""
    text = _ESCAPES.sub("", str(value))
    text = _LINE_BREAKS.sub("\n" if multiline else " ", text)
    text = text.replace("\t", " ")
    return _CONTROLS.sub("", text)


def json_text(data: Any, **kwargs: Any) -> str:
    """JSON for a terminal: the data unchanged, but DEL, C1 and bidirectional marks written as
    `\\u` escapes (json.dumps already escapes C0), so printing it cannot send a control sequence."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
