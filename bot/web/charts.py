"""Small server-side SVG charts (no JavaScript chart library): stacked daily bars and
horizontal duration bars with a target line. Colours come from CSS classes, so the CSP can
forbid inline styles; every chart has a <title> and a table beside it for screen readers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_max(value: float) -> float:
    """A round axis maximum at or above `value`."""
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000):
        if value <= step * 4:
            return float(step * math.ceil(value / step))
    return value


def stacked_bars(labels: Sequence[str], series: Mapping[str, Sequence[int]], *, title: str,
                 width: int = 720, height: int = 260) -> Markup:
    """One bar per label, stacked by series (e.g. days x categories)."""
    left, right, top, bottom = 44, 10, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    peak = _nice_max(max(totals, default=0))
    slot = plot_w / max(len(labels), 1)
    bar = max(slot * 0.7, 1)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_num(y)}" y2="{_num(y)}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{_num(y + 4)}" text-anchor="end">'
                     f'{_num(value)}</text>')
    every = max(1, len(labels) // 10)
    for index, label in enumerate(labels):
        x = left + slot * index + (slot - bar) / 2
        base = float(top + plot_h)
        for name, values in series.items():
            count = values[index]
            if not count:
                continue
            h = plot_h * count / peak
            base -= h
            parts.append(f'<rect class="bar c-{escape(name)}" x="{_num(x)}" y="{_num(base)}" '
                         f'width="{_num(bar)}" height="{_num(h)}">'
                         f'<title>{escape(label)}: {count} {escape(name)}</title></rect>')
        if index % every == 0:
            parts.append(f'<text class="axis" x="{_num(x + bar / 2)}" y="{height - bottom + 16}" '
                         f'text-anchor="middle">{escape(label[5:])}</text>')
    parts.append(f'<line class="baseline" x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class DurationRow:
    label: str
    median_minutes: float | None
    p90_minutes: float | None
    count: int


def duration_bars(rows: Sequence[DurationRow], *, target_minutes: float, title: str,
                  width: int = 720) -> Markup:
    """Median (solid) and 90th percentile (light) per row, with a dashed target line."""
    left, right, top, row_h = 110, 60, 24, 34
    height = top + row_h * max(len(rows), 1) + 28
    plot_w = width - left - right
    peak = _nice_max(max([target_minutes] + [r.p90_minutes or 0 for r in rows]
                         + [r.median_minutes or 0 for r in rows]) * 1.1)
    scale = plot_w / peak
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    for index, row in enumerate(rows):
        y = top + row_h * index
        parts.append(f'<text class="label" x="{left - 8}" y="{y + 19}" text-anchor="end">'
                     f'{escape(row.label)}</text>')
        if row.p90_minutes is not None:
            parts.append(f'<rect class="bar p90 c-{escape(row.label)}" x="{left}" y="{y + 6}" '
                         f'width="{_num(max(row.p90_minutes * scale, 1))}" height="20">'
                         f'<title>{escape(row.label)}: 90% within {_num(row.p90_minutes)} min</title></rect>')
        if row.median_minutes is not None:
            parts.append(f'<rect class="bar c-{escape(row.label)}" x="{left}" y="{y + 10}" '
                         f'width="{_num(max(row.median_minutes * scale, 1))}" height="12">'
                         f'<title>{escape(row.label)}: median {_num(row.median_minutes)} min</title></rect>')
            end = left + max(row.p90_minutes or 0, row.median_minutes) * scale + 6
            parts.append(f'<text class="value" x="{_num(end)}" y="{y + 20}">'
                         f'{_num(row.median_minutes)} min</text>')
        else:
            parts.append(f'<text class="value" x="{left + 6}" y="{y + 20}">no decisions yet</text>')
    x = left + target_minutes * scale
    bottom = top + row_h * max(len(rows), 1)
    parts.append(f'<line class="target" x1="{_num(x)}" x2="{_num(x)}" y1="{top - 10}" y2="{bottom}"/>')
    parts.append(f'<text class="axis" x="{_num(x)}" y="{top - 12}" text-anchor="middle">crisis target '
                 f'{_num(target_minutes)} min</text>')
    for tick in range(5):
        value = peak * tick / 4
        parts.append(f'<text class="axis" x="{_num(left + value * scale)}" y="{bottom + 18}" '
                     f'text-anchor="middle">{_num(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
