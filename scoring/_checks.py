"""The checks on a policy's knobs: attrs validators whose bounds are data.

Each is stated once, on its field in :mod:`scoring.policy`. The same object checks a table built by
hand (``attrs.evolve``), names every failure when the loader checks a policy file (:func:`problems`),
and gives the JSON Schema its ``minimum``, ``maximum`` and ``minItems``; the tests' policy strategy
draws knobs within its bounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from .i18n import Words, t
from .numbers import plain

Failure = tuple[tuple, Words, Words]
"""A knob out of its range: where below the table checked, what was expected, what was found."""


class KnobError(ValueError):
    """Raised by a validator when a table is built by hand (``attrs.evolve``); the loader runs the
    same validators through :func:`problems` instead and names every failure in the file."""

    def __init__(self, failure: Failure):
        super().__init__(failure)
        self.failure = failure


class Check:
    """An attrs validator whose failures are data: :meth:`failures` yields them (``root``, the whole
    policy when known, resolves bounds such as "at most the total"), ``__call__`` raises the first,
    and :meth:`schema` states the same bounds in JSON Schema. Plain classes, not attrs ones: they are
    built at every start, and attrs would generate and compile methods for each."""

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        raise NotImplementedError

    def schema(self, base: dict) -> dict:
        return base

    def __call__(self, instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        for failure in self.failures(instance, attribute.name, value):
            raise KnobError(failure)


class Range(Check):
    """A number from ``low`` to ``high``. ``high`` may name a knob of the policy ("total"): checked
    when the whole policy is (a table alone cannot know it), and ``above`` then words that bound."""

    def __init__(self, expected: Words, low: Decimal | None = None, high: Decimal | str | None = None, low_open: bool = False,
                 above: Words | None = None):
        self.expected, self.low, self.high, self.low_open, self.above = expected, low, high, low_open, above

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        if value is None:
            return
        high = getattr(root, self.high, None) if isinstance(self.high, str) else self.high
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            yield (name,), self.expected, plain(value)
        elif high is not None and value > high:
            yield (name,), self.expected if self.above is None else self.above, plain(value)

    def schema(self, base: dict) -> dict:
        out = dict(base)
        if self.low is not None:
            out["exclusiveMinimum" if self.low_open else "minimum"] = _number(self.low)
        if isinstance(self.high, Decimal):
            out["maximum"] = _number(self.high)
        return out


class Each(Check):
    """``inner`` for every value of a table (a dict), named by its key."""

    def __init__(self, inner: Range):
        self.inner = inner

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        for key, item in value.items():
            for _, expected, found in self.inner.failures(instance, key, item, root):
                yield (name, key), expected, found

    def schema(self, base: dict) -> dict:
        return {**base, "additionalProperties": self.inner.schema(base["additionalProperties"])}


class NonEmpty(Check):
    """At least one item; with ``when`` = (knob, value), only while that sibling knob has that value."""

    def __init__(self, expected: Words, when: tuple[str, str] | None = None):
        self.expected, self.when = expected, when

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        if not value and (self.when is None or getattr(instance, self.when[0]) == self.when[1]):
            yield (name,), self.expected, t("空", "none")

    def schema(self, base: dict) -> dict:
        return base if self.when else {**base, "minItems": 1}


class Filled(Check):
    """No blank word in an array, nor a blank key or value in a table of words."""

    def __init__(self, expected: Words):
        self.expected = expected

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        if isinstance(value, dict):
            for key, item in value.items():
                if not key.strip() or not item.strip():
                    yield (name, key), self.expected, f'"{item}"'
        elif any(not word.strip() for word in value):
            yield (name,), self.expected, '""'

    def schema(self, base: dict) -> dict:
        words = {"type": "string", "pattern": "\\S"}
        if "additionalProperties" in base:
            return {**base, "propertyNames": {"pattern": "\\S"}, "additionalProperties": words}
        return {**base, "items": words}


class Named(Check):
    """A name (or every name a table of names holds) among the ``attr`` of a sibling knob's items."""

    def __init__(self, sibling: str, attr: str, expected: Words):
        self.sibling, self.attr, self.expected = sibling, attr, expected

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        known = [getattr(item, self.attr) for item in getattr(instance, self.sibling)]
        if isinstance(value, str):
            if value not in known:
                yield (name,), self.expected + "、".join(known), f'"{value}"'
            return
        for key, names in value.items():
            for unknown in (n for n in names if n not in known):
                yield (name, key), self.expected + "、".join(sorted(known)), f'"{unknown}"'


class Band(Check):
    """A qualitative level has exactly one of ``fraction`` and ``band``; a band is 0 ≤ low ≤ high ≤ 1."""

    def failures(self, instance: Any, name: str, value: Any, root: Any = None) -> Iterator[Failure]:
        if (instance.fraction is None) == (value is None):
            yield (), t('fraction 与 band 二选一', 'exactly one of fraction and band'), instance.label
        elif value is not None and not (0 <= value[0] <= value[1] <= 1):
            yield (name,), t('0 ≤ 下限 ≤ 上限 ≤ 1', '0 ≤ low ≤ high ≤ 1'), f"[{plain(value[0])}, {plain(value[1])}]"

    def schema(self, base: dict) -> dict:
        return {**base, "prefixItems": [{**item, "minimum": 0, "maximum": 1} for item in base["prefixItems"]]}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def problems(table: Any, root: Any = None, at: tuple = ()) -> Iterator[Failure]:
    """Every failure of every validator in ``table`` and the tables below it, each at its full key path."""
    root = table if root is None else root
    for a in attrs.fields(type(table)):
        value = getattr(table, a.name)
        if isinstance(a.validator, Check):
            for path, expected, found in a.validator.failures(table, a.name, value, root):
                yield at + path, expected, found
        if attrs.has(type(value)):
            yield from problems(value, root, at + (a.name,))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from problems(item, root, at + (a.name, i))


NON_NEGATIVE = Range(t('非负数', 'a number ≥ 0'), low=Decimal(0))
FRACTION = Range(t('0 到 1 之间', 'between 0 and 1'), low=Decimal(0), high=Decimal(1))
WITHIN_TOTAL = Range(t("0 到满分之间", "between 0 and the total"), low=Decimal(0), high="total")
WORDS = Filled(t('非空的词', 'non-empty words'))
