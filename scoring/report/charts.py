"""Charts as inline SVG: no library, no network, nothing to load but the page itself.

Each function returns one ``<svg>`` element as text, every label escaped.
They are drawn for the HTML batch report, which must open on an offline
machine and print as it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape as _html

from ..safe import shown

PALETTE = ["#c0392b", "#d35400", "#8e44ad", "#2c3e50", "#2980b9", "#7f8c8d"]
"""One colour per kind of discrepancy, worst first (the order of ``summary.KIND_NAMES``)."""


def escape(text: str) -> str:
    """Text for SVG: control and direction characters written out, then HTML-escaped."""
    return _html(shown(text))


def bars(labels: Sequence[str], values: Sequence[float | Decimal | int], *, title: str, colors: Sequence[str] | None = None,
         width: int = 420, unit: str = "") -> str:
    """A horizontal bar chart: one bar per label, its value written at its end."""
    row, left, top = 26, 150, 30
    height = top + row * max(1, len(labels)) + 10
    peak = max([float(v) for v in values] + [1.0])
    span = width - left - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}"><title>{escape(title)}</title>',
             f'<text x="0" y="18" class="chart-title">{escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values)):
        y = top + i * row
        w = span * float(value) / peak
        color = (colors or PALETTE)[i % len(colors or PALETTE)]
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" class="chart-label">{escape(_short(label, 9))}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="{color}" data-value="{escape(str(value))}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 16}" class="chart-value">{escape(str(value))}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def scatter(points: Sequence[tuple[Decimal, Decimal, str, str]], *, title: str, x_label: str, y_label: str,
            width: int = 420, height: int = 300) -> str:
    """Claimed against computed totals: each point a submission (computed, claimed, colour, label);
    above the diagonal a department claimed more than the rules give."""
    left, bottom, top, right = 44, 36, 28, 12
    low = min([float(min(x, y)) for x, y, _, _ in points] + [60.0])
    low = max(0.0, low - low % 10 - (10 if low % 10 == 0 else 0))
    high = 100.0 + 5

    def sx(v: float) -> float:
        return left + (v - low) / (high - low) * (width - left - right)

    def sy(v: float) -> float:
        return height - bottom - (v - low) / (high - low) * (height - bottom - top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}"><title>{escape(title)}</title>',
             f'<text x="0" y="18" class="chart-title">{escape(title)}</text>',
             f'<line x1="{sx(low):.1f}" y1="{sy(low):.1f}" x2="{sx(high):.1f}" y2="{sy(high):.1f}" class="diagonal"/>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" class="axis"/>']
    tick = 10.0 if high - low <= 60 else 20.0
    value = low
    while value <= 100:
        parts.append(f'<text x="{sx(value):.1f}" y="{height - bottom + 14}" text-anchor="middle" class="chart-tick">{value:g}</text>')
        parts.append(f'<text x="{left - 4}" y="{sy(value) + 4:.1f}" text-anchor="end" class="chart-tick">{value:g}</text>')
        value += tick
    parts.append(f'<text x="{(width + left) / 2:.0f}" y="{height - 4}" text-anchor="middle" class="chart-label">{escape(x_label)}</text>')
    parts.append(f'<text x="10" y="{top - 8}" class="chart-label">{escape(y_label)}</text>')
    for x, y, color, label in points:
        parts.append(f'<circle cx="{sx(float(x)):.1f}" cy="{sy(float(y)):.1f}" r="4.5" fill="{color}" fill-opacity="0.8">'
                     f'<title>{escape(label)}: {escape(str(y))} / {escape(str(x))}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
