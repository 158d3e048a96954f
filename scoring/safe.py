"""Text from a submission, made harmless for the reader of a report.

A department's names, targets and reasons reach a bureau's terminal, its
spreadsheets and its browser. ``shown`` escapes control characters (ESC, BEL,
BS, CR, a line break inside a field), bidirectional overrides and line
separators, so no cell can clear a screen, forge a line or reorder what is
read. ``csv_cell`` neutralises a cell a spreadsheet would run as a formula,
the way spreadsheet tools recommend (a leading ``'``), and writes out the same
characters but for the line feed a quoted field holds.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]")


def _escape(m: re.Match) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def shown(text: str) -> str:
    """``text`` with every control or direction-changing character written out (``\\x1b``)."""
    if text.isprintable():  # each character above is unprintable: most text passes at once
        return text
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting ``= + - @``, a tab or a CR gets a ``'``.
    Control characters are written out as everywhere else, except a line feed, which a quoted
    CSV field holds as the line break the department typed."""
    if not isinstance(value, str):
        return value
    if _FORMULA.match(value) and not _NUMBER.match(value):
        value = "'" + value
    return "\n".join(map(shown, value.split("\n"))) if _UNSAFE.search(value) else value
