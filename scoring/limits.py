"""How much one input may hold: a bureau scores files written by others.

Every file ``score`` reads is held to these bounds before it is parsed or
scored, so a small hostile file cannot exhaust memory or time; a file past
one is a problem that says which bound and how to raise it. The defaults are
far above any real 自评表; ``--max-bytes``, ``--max-cells`` and ``--timeout``
raise them.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen


@frozen(repr=False)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    """A file's size on disk (a workbook's parts, unpacked, may be ten times this)."""
    max_cells: int = 200_000
    """Cells with content in a workbook or CSV file (merged cells counted), values in a TOML file."""
    max_depth: int = 32
    """How deeply tables and arrays may nest in a TOML file."""
    timeout: float = 60.0
    """Seconds one file may take in a batch."""


DEFAULT = Limits()

MAX_DIGITS = 15
"""Numbers are below 10^15 in magnitude: a budget of a hundred trillion 元 is within it."""
MAX_PLACES = 10
"""Numbers have at most 10 decimal places."""


BOUND = 10**MAX_DIGITS
"""Every number is strictly between −BOUND and BOUND."""


def number_in_bounds(value: Decimal | int) -> bool:
    """Whether the engine can compute with ``value`` exactly and honestly."""
    if type(value) is int:  # most numbers in a file: checked without making a Decimal
        return -BOUND < value < BOUND
    assert isinstance(value, Decimal)
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal's exponent is a number
    # adjusted() and the exponent are read off the digits: no arithmetic that could overflow.
    return (value.is_zero() or value.adjusted() < MAX_DIGITS) and -exponent <= MAX_PLACES
