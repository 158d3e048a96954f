"""Hypothesis strategies shared by every test file.

They build the domain model directly (not files), so properties speak of the
rules themselves; the loader has its own tests.
"""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Literal

import attrs
from hypothesis import strategies as st

from scoring._checks import Range, problems
from scoring.load import load_policy
from scoring.load._policy import _IDENTITY_KEYS
from scoring.model import Budget, Comparator, Indicator, Line, Outcome, Subject

CENTRAL = load_policy("central-2020")

QUANTITATIVE = [c for c in Comparator if c is not Comparator.QUALITATIVE]


def amounts(low: str = "0", high: str = "1000", places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact non-negative decimals as a file would write them (no NaN, no infinity)."""
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False, allow_infinity=False)


def weights() -> st.SearchStrategy[Decimal]:
    """分值: positive points with up to one decimal, as tables print them."""
    return amounts("0.5", "40", 1)


def half_points() -> st.SearchStrategy[Decimal]:
    """分值 in steps of half a point (0.5 to 40): the 12.5-point rows a whole-point rounding must not lift to 13."""
    return st.integers(1, 80).map(lambda n: Decimal(n) / 2)


@st.composite
def quantitative_indicators(draw, comparators=tuple(QUANTITATIVE), points=None) -> Indicator:
    """A numeric indicator (≥ ≤ = > <) with a positive target and weight (drawn from ``points``, else :func:`weights`)."""
    cmp = draw(st.sampled_from(comparators))
    return Indicator(
        id=draw(st.text("abcdefgh", min_size=1, max_size=6)),
        level1=draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"])),
        name="指标",
        comparator=cmp,
        weight=draw(points if points is not None else weights()),
        target=draw(amounts("0.01", "500")),
        unit="%",
    )


@st.composite
def qualitative_indicators(draw, points=None) -> Indicator:
    """A 定性 indicator graded on the default 优良中低差 scale (its weight from ``points``, else :func:`weights`)."""
    return Indicator(
        id=draw(st.text("ijklmn", min_size=1, max_size=6)),
        level1="效益指标",
        name="定性指标",
        comparator=Comparator.QUALITATIVE,
        weight=draw(points if points is not None else weights()),
        target_text=draw(st.sampled_from(["优良中低差", "优", "良", "及时"])),
    )


@st.composite
def lines(draw, points=None) -> Line:
    """An indicator with an outcome of a matching kind: actual, rate or grade (its weight from ``points``)."""
    if draw(st.booleans()):
        ind = draw(quantitative_indicators(points=points))
        kind = draw(st.sampled_from(["actual", "rate"]))
        if kind == "actual":
            outcome = Outcome(actual=draw(amounts("0", "1500")), reason=draw(st.sampled_from([None, "原因"])))
        else:
            outcome = Outcome(rate=draw(amounts("0", "1.5", 2)))
    else:
        ind = draw(qualitative_indicators(points))
        grade = draw(st.sampled_from(["优", "良", "中", "低", "差"]))
        outcome = Outcome(grade=grade) if draw(st.booleans()) else Outcome(rate=draw(amounts("0", "1", 2)))
    return Line(ind, outcome)


@st.composite
def subjects(draw, min_lines: int = 1, max_lines: int = 12, budget: bool | None = None, points=None) -> Subject:
    """A project with unique indicator ids and, unless told otherwise, maybe a budget; its rows'
    weights from ``points`` (:func:`half_points`, say), else :func:`weights`."""
    drawn = draw(st.lists(lines(points), min_size=min_lines, max_size=max_lines))
    unique = tuple(attrs.evolve(line, indicator=attrs.evolve(line.indicator, id=f"i{n}")) for n, line in enumerate(drawn))
    has_budget = draw(st.booleans()) if budget is None else budget
    b = None
    if has_budget:
        full = draw(amounts("1", "1000000"))
        b = Budget(full_year=full, executed=draw(amounts("0", str(full * 2))))
    return Subject("project", "p", "项目", unique, b)


def policies() -> st.SearchStrategy:
    """central-2020 with any of its knobs varied, each drawn from its own field in scoring.policy: a
    Literal's choices, both booleans, a number within its validator's bounds, a table of such numbers
    (caps, steps) of any length. Words, scales and grades stay as central-2020 has them. Only policies
    the loader would accept (every validator, including bounds between knobs) are drawn."""
    return _table(CENTRAL).filter(lambda policy: next(problems(policy), None) is None)


def _table(central) -> st.SearchStrategy:
    """An attrs table like ``central``, each knob kept or drawn (half and half, so a few change at once)."""
    knobs = {f.name: st.one_of(st.just(getattr(central, f.name)), _knob(f, getattr(central, f.name)))
             for f in attrs.fields(type(central)) if f.name not in _IDENTITY_KEYS}
    return st.fixed_dictionaries(knobs).map(lambda values: _built(central, **values))


def _new(cls, values):
    with attrs.validators.disabled():
        return cls(**values)


def _built(central, **values):
    with attrs.validators.disabled():  # bounds between knobs are checked on the whole policy, by policies()'s filter
        return attrs.evolve(central, **values)


def _knob(field, central) -> st.SearchStrategy:
    """A knob's values, from its type and validator; what neither bounds, as it is."""
    tp = field.type
    args = typing.get_args(tp)
    if typing.get_origin(tp) is Literal:
        return st.sampled_from(args)
    if tp is bool:
        return st.booleans()
    if _drawn(field):
        return _within(field.validator, tp, central)
    if attrs.has(type(central)):
        return _table(central)
    if typing.get_origin(tp) is tuple and attrs.has(args[0]) and all(_drawn(f) for f in attrs.fields(args[0])):
        return st.lists(st.fixed_dictionaries({f.name: _knob(f, None) for f in attrs.fields(args[0])}).map(lambda kw: _new(args[0], kw)),
                        max_size=4).map(tuple)
    return st.just(central)


def _drawn(field) -> bool:
    """A number with bounds to draw it within."""
    return field.type in (int, Decimal) and isinstance(field.validator, Range)


def _within(bounds, tp, central) -> st.SearchStrategy:
    """A number within ``bounds``; with no fixed upper bound, up to twice the shipped value (at least 2)."""
    step = Decimal(1) if tp is int else Decimal("0.01")
    low = bounds.low + step if bounds.low_open else bounds.low
    high = bounds.high if isinstance(bounds.high, Decimal) else max(Decimal(central or 0), Decimal(1)) * 2
    if tp is int:
        return st.integers(int(low), int(high))
    return amounts(str(low), str(high), 2)


FORMAT_TRAPS = ["{}", "{0}", "{name}", "{x!r}", "%s", "%d", "%", '"', "'", "\\", "\n", "\t", "}{", "{{"]
"""Characters that break a template, a format string, a quote or a line."""


def free_text(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Text as departments type it into names, targets and reasons: Chinese, digits, units,
    comparators, and now and then something a careless formatter would choke on."""
    pieces = st.one_of(st.sampled_from(FORMAT_TRAPS), st.sampled_from(["≥", "≤", "%", "个", "完成", "95", "优", "万元", " "]),
                       st.text(alphabet="指标完成率达成优良中年度服务", min_size=1, max_size=3))
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join).filter(
        lambda text: min_size <= len(text.strip()) or min_size == 0)


def toml_values() -> st.SearchStrategy:
    """Any value tomli can give a key: numbers (nan and inf too), text, booleans, arrays, tables."""
    return st.one_of(
        st.integers(-5, 10_000),
        st.decimals(allow_nan=True, allow_infinity=True, places=2),
        st.text(max_size=6),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.sampled_from(["a", "rate"]), st.integers(), max_size=1),
    )


@st.composite
def raw_rows(draw) -> dict:
    """An inline indicator row as tomli hands it over: mostly right, sometimes with a wrong
    type, a missing required key or an unknown key."""
    row = {
        "level1": draw(st.one_of(st.just("产出指标"), free_text(1, 4))), "name": draw(st.one_of(st.text(min_size=1, max_size=4), free_text(1))),
        "target": draw(st.one_of(st.integers(0, 100), st.just("≥95%"), free_text(1))), "weight": draw(st.integers(1, 20)),
    }
    if draw(st.booleans()):
        row[draw(st.sampled_from(["actual", "reason", "comparator", "unit"]))] = draw(free_text())
    for key in draw(st.lists(st.sampled_from(
            ["id", "level2", "comparator", "unit", "scale", "group", "actual", "rate", "grade", "reason", "claimed",
             "status", "level1", "weight", "reasn"]), max_size=5)):
        row[key] = draw(toml_values())
    if draw(st.booleans()):
        row.pop(draw(st.sampled_from(sorted(row))), None)
    return row


def toml_text(value) -> str:
    """A value written as TOML (inline tables and arrays), for documents made by strategies."""
    import json
    from decimal import Decimal as D

    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, D):
        if value.is_nan():
            return "nan"
        if value.is_infinite():
            return "inf" if value > 0 else "-inf"
        text = format(value, "f")
        return text if "." in text else text + ".0"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_text(v)}" for k, v in value.items()) + " }"


@st.composite
def evaluation_documents(draw) -> str:
    """Evaluation files that are nearly right: real keys with values of any type, now and then
    an unknown key; every one must load or be refused with problems, never crash."""
    rows = draw(st.lists(raw_rows(), max_size=4))
    project = {"name": draw(st.one_of(st.text(min_size=1, max_size=3), free_text(1), toml_values())), "indicator": rows}
    if draw(st.booleans()):
        project["budget"] = draw(st.one_of(
            st.fixed_dictionaries({"full_year": toml_values(), "executed": toml_values()}), toml_values()))
    if draw(st.booleans()):
        project["claimed"] = draw(st.one_of(st.fixed_dictionaries({"score": toml_values(), "grade": toml_values()}),
                                            toml_values()))
    doc = {"department": draw(st.one_of(st.just("部门"), free_text(1), toml_values())), "year": draw(st.one_of(st.just(2023), toml_values())),
           "project": draw(st.one_of(st.just([project]), toml_values()))}
    if draw(st.booleans()):
        doc[draw(st.sampled_from(["policy", "money_unit", "claimed", "overall", "polcy"]))] = draw(toml_values())
    return "\n".join(f"{k} = {toml_text(v)}" for k, v in doc.items()) + "\n"
