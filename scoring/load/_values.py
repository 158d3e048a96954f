"""Values as a file holds them: how a found value is named in a message, and a checked
structure built straight from plain values.

Nothing here needs the converter: a file with no mistake, and a built-in
policy, are read without importing it (:mod:`._schema` is loaded only when
a file needs its checks).
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

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


class _Refused(Exception):
    """A value :func:`plain_structure` does not take as it is; the converter will say why."""


def plain_structure(value: Any, cl: type) -> Any:
    """``value`` as ``cl`` when it is exactly what ``cl`` wants, built without generated code; None
    otherwise (the converter then builds it, or names every mistake).

    It accepts a subset of what the converter accepts, and builds the same object: no unknown or
    missing key, numbers within bounds and never booleans, Literal values among their choices, arrays
    where tuples are wanted. A policy is read this way at every start; the converter's generated
    functions cost more than the reading."""
    try:
        return _plain(value, cl)
    except _Refused:
        return None


def _plain(value: Any, tp: Any) -> Any:
    kind = type(value)
    if tp is str:
        if kind is str:
            return value
    elif tp is bool:
        if kind is bool:
            return value
    elif tp is int:
        if kind is int:
            return value
    elif tp is Decimal:
        if (kind is int or kind is Decimal) and number_in_bounds(value):
            return Decimal(value) if kind is int else value
    elif attrs.has(tp):
        if kind is dict:
            fields = attrs.fields(attrs.resolve_types(tp))
            names = {f.name for f in fields}
            if value.keys() <= names and all(f.name in value for f in fields if f.default is attrs.NOTHING):
                return tp(**{f.name: _plain(value[f.name], f.type) for f in fields if f.name in value})
    else:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Literal:
            if kind is str and value in args:
                return value
        elif origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            return None if value is None else _plain(value, args[0] if args[1] is type(None) else args[1])
        elif origin is tuple and kind is list:
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(_plain(v, args[0]) for v in value)
            if len(args) == len(value):
                return tuple(_plain(v, a) for v, a in zip(value, args))
        elif origin is dict and kind is dict and args[0] is str:
            if all(type(k) is str for k in value):
                return {k: _plain(v, args[1]) for k, v in value.items()}
    raise _Refused
