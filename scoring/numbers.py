"""Exact decimal arithmetic and the one place rounding happens.

Scores are computed with :class:`decimal.Decimal` in a context of 28
significant digits (a ratio such as 12/13 has no finite decimal form) and
rounded only by :func:`round_to`, as the policy says.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from functools import reduce
from operator import methodcaller

ZERO = Decimal(0)
ONE = Decimal(1)

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}

_CONTEXT = Context(prec=28, rounding=ROUND_HALF_UP)


divide = _CONTEXT.divide
"""``divide(a, b)``: a / b to 28 significant digits (the caller guarantees b ≠ 0). The context's
own method, so a row's ratio is worked out with no Python call between."""


def multiply(*factors: Decimal) -> Decimal:
    result = ONE
    for f in factors:
        result = _CONTEXT.multiply(result, f)
    return result


_SUM_CONTEXT = Context(prec=200, rounding=ROUND_HALF_UP)


def total(values) -> Decimal:
    """The exact sum: wide enough that no order of the terms changes a digit."""
    return reduce(_SUM_CONTEXT.add, values, ZERO)  # the loop in C: a file sums some thousand terms


_EXPONENTS = {d: Decimal(1).scaleb(-d) for d in range(0, 11)}


def round_to(value: Decimal, decimals: int, mode: str = "half_up") -> Decimal:
    """Round as a policy says: ``decimals`` places, ``half_up`` or ``down`` (truncate)."""
    return value.quantize(_EXPONENTS[decimals], rounding=ROUNDING_MODES[mode])


def rounder(decimals: int, mode: str) -> Callable[[Decimal], Decimal]:
    """``round_to`` with the policy's settings bound, for a loop over many rows: ``value.quantize``
    called from C (``operator.methodcaller``), in about half the time of a Python function."""
    return methodcaller("quantize", _EXPONENTS[decimals], ROUNDING_MODES[mode])


PLAIN_DIGITS = 60
"""Past this many digits either side of the point, :func:`plain` keeps the exponent."""


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 0.60 → '0.6', 1E+2 → '100'."""
    text = str(value)  # every digit and no exponent for most numbers (an exponent ≤ 0, 6 leading zeros at most)
    if "E" in text or "e" in text:
        if not value.is_finite() or abs(value.adjusted()) > PLAIN_DIGITS:
            return text  # 1E+400 stays short: no number that large is scored, only named in an error
        text = format(value, "f")  # every digit written out, no exponent
    return text.rstrip("0").rstrip(".") if "." in text else text


def fixed(value: Decimal, decimals: int, mode: str = "half_up") -> str:
    """A decimal with exactly ``decimals`` places, rounded as ``mode`` says, as scores are printed: '1.80'."""
    text = str(value := round_to(value, decimals, mode))  # as plain(): str() where it has no exponent
    return format(value, "f") if "E" in text or "e" in text else text


def held(value: Decimal, points: Decimal, decimals: int, mode: str = "half_up") -> Decimal:
    """A score rounded as a policy says, and never above its points: rounding never lifts a row above
    them (a met 12.5-point row is 12.5 under whole-point rounding, not 13)."""
    return min(round_to(value, decimals, mode), points)


def places(value: Decimal, decimals: int) -> int:
    """The places a kept score is printed with: ``decimals``, or every place it has beyond them."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a score is finite
    return max(decimals, -exponent)


def kept(value: Decimal, decimals: int) -> str:
    """A score printed as the engine kept it: with ``decimals`` places, or with every place it has where
    it has more, never rounded a second time. A row held at its 12.5 points under whole-point rounding
    is printed 12.5, and a subtotal holding it 23.5, so that the printed rows add up to the printed total."""
    return fixed(value, places(value, decimals))


CENT = Decimal("0.01")


def cents(value: Decimal) -> str:
    """An amount of points to the cent, without trailing zeros, as a discrepancy's difference is
    shown: 1.005 → '1.01', 2.50 → '2.5'."""
    return plain(value.quantize(CENT))


def percent(rate: Decimal) -> str:
    """A ratio as a table prints it: 0.9512 → '95.12%'."""
    return f"{plain(round(rate * 100, 2))}%"
