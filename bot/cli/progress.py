"""One updating status line on stderr for long work: `triaged 3,500 / 10,000 (1,900/s)`.

Shown only when stderr is a terminal and the command was not given `--quiet`: piped or
redirected, a command's stderr carries errors alone. (click's progressbar still prints its label
when stderr is not a terminal, and wants the total up front, which a pipe does not tell.)
"""

from __future__ import annotations

import sys
import time
from typing import IO

import click

REDRAW_EVERY = 0.1  # seconds: a terminal needs no more than ten updates a second

quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="No progress line on stderr (it is shown only on a terminal)."
)


class ProgressLine:
    """Call it with (done, total) as work advances, total None when unknown (input from a pipe);
    `close()` leaves the final figures on screen."""

    def __init__(self, label: str = "", *, quiet: bool = False, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.label = label
        self.started = time.monotonic()
        self._figures: tuple[int, int | None] | None = None
        self._drawn_at = 0.0
        self._width = 0  # of the line on screen, so a shorter line blanks what is left of it

    def status(self, text: str) -> None:
        """Say what uncounted work is going on (e.g. reading pages before any triage)."""
        self._draw(self.label + text)

    def __call__(self, done: int, total: int | None = None) -> None:
        first = self._figures is None
        self._figures = (done, total)
        if first or time.monotonic() - self._drawn_at >= REDRAW_EVERY:
            self._draw_figures()

    def clear(self) -> None:
        """Blank the line, e.g. before an error message; the next update draws it again."""
        if self.enabled and self._width:
            self.stream.write(" " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def close(self) -> None:
        """End the line: the final figures stay on screen, a mere status is blanked."""
        if not self.enabled or self._figures is None:
            self.clear()
            return
        self._draw_figures()
        self.stream.write("\n")
        self.stream.flush()
        self._width, self._figures = 0, None

    def _draw_figures(self) -> None:
        assert self._figures is not None
        done, total = self._figures
        rate = done / max(time.monotonic() - self.started, 1e-6)
        of = f" / {total:,}" if total is not None else ""
        self._draw(f"{self.label}triaged {done:,}{of} ({rate:,.0f}/s)")

    def _draw(self, text: str) -> None:
        if not self.enabled:
            return
        self._drawn_at = time.monotonic()
        # The cursor goes back to the start: a log line written meanwhile overwrites this one
        # instead of running on after it, and the next update draws below it.
        self.stream.write(text.ljust(self._width) + "\r")
        self.stream.flush()
        self._width = len(text)
