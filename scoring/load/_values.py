"""Values as a file holds them: how a found value is named in a message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..i18n import Words, t
from ..limits import number_in_bounds
from ..numbers import plain


def describe(value: Any) -> Words:
    """A found value as a user would recognise it in the file."""
    if isinstance(value, bool):
        return t('布尔值 {v}', 'the boolean {v}', v=str(value).lower())
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan"
        if value.is_infinite():
            return "inf" if value > 0 else "-inf"
        return plain(value) if number_in_bounds(value) else str(value)  # 1E+400 as written, not expanded
    if isinstance(value, int):
        if value.bit_length() < 100:
            return str(value)
        return t("{n} 位以上的整数", "an integer of more than {n} digits", n=int(value.bit_length() * 0.30103))
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:40]}…"'
    if isinstance(value, dict):
        return t('一个表', 'a table')
    if isinstance(value, list):
        return t('一个数组', 'an array')
    return type(value).__name__


BOUNDED = t("绝对值小于 10^15、至多 10 位小数的数字", "a number below 10^15 with at most 10 decimal places")
