"""Plain-text tables that line up Chinese: each CJK character takes two columns.

The terminal report is a few hundred rows at most; laying it out here takes
milliseconds, where a general layout engine takes a tenth of a second to
import and run, most of a cold ``score`` call.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from typing import IO

from ..safe import shown


def width(text: str) -> int:
    """Display columns: wide and full-width characters count two."""
    if text.isascii():  # most cells: every character one column (ASCII has no wide or combining ones)
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def wrap(text: str, limit: int) -> list[str]:
    """Break ``text`` into pieces of at most ``limit`` columns (Chinese breaks anywhere)."""
    if width(text) <= limit:
        return [text]
    lines, current, used = [], "", 0
    for c in text:
        w = width(c)
        if used + w > limit and current:
            lines.append(current)
            current, used = "", 0
        current += c
        used += w
    return lines + [current] if current else lines


def clip(text: str, limit: int, keep_end: bool = False) -> str:
    """``text`` cut to ``limit`` columns with an ellipsis: its end kept (a path's file name), or its start."""
    if width(text) <= limit:
        return text
    out, used = "", 1
    for c in reversed(text) if keep_end else text:
        if used + width(c) > limit:
            break
        out = c + out if keep_end else out + c
        used += width(c)
    return "…" + out if keep_end else out + "…"


def pad(text: str, size: int, align: str) -> str:
    gap = size - width(text)
    return " " * gap + text if align == "right" else text + " " * gap


class Style:
    """ANSI styles on a terminal, nothing elsewhere or with NO_COLOR set."""

    CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "bold red": "1;31"}

    def __init__(self, stream: IO):
        self.on = stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"

    def __call__(self, text: str, style: str | None) -> str:
        if not self.on or not style or not text:
            return text
        return f"\x1b[{self.CODES[style]}m{text}\x1b[0m"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str], *, limits: dict[int, int] | None = None,
          rule_after: Sequence[int] = (), styles: Sequence[str | None] | None = None, paint: Style | None = None) -> list[str]:
    """The lines of a table: a header, a rule, the rows (wrapped where ``limits`` says), a blank line after ``rule_after``."""
    limits = limits or {}
    rows = [[shown(c) for c in r] for r in rows]  # text from a file: no control character reaches the terminal
    cells = [[wrap(c, limits[i]) if i in limits else [c] for i, c in enumerate(r)] for r in rows]
    sizes = [width(h) for h in headers]
    for row in cells:
        for i, parts in enumerate(row):
            sizes[i] = max(sizes[i], *(width(p) for p in parts))
    out = ["  ".join(pad(h, sizes[i], align[i]) for i, h in enumerate(headers)).rstrip(),
           "  ".join("─" * s for s in sizes)]
    breaks = set(rule_after)
    for n, row in enumerate(cells):
        height = max(len(parts) for parts in row)
        style = styles[n] if styles else None
        for k in range(height):
            line = "  ".join(pad(parts[k] if k < len(parts) else "", sizes[i], align[i]) for i, parts in enumerate(row))
            out.append(paint(line.rstrip(), style) if paint else line.rstrip())
        if n in breaks:
            out.append("")
    return out
