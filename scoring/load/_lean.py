"""The lean path: an evaluation in its plain shape, built in one pass over the parsed document.

Most files a bureau receives are written the plain way: ``[[project]]`` tables
with inline rows whose comparator is a symbol, whose target and actual are
numbers and whose unit is given. For such a file, checking every value with
the converter, collecting problems that never come and building a document
object per row costs more than parsing the file. :func:`lean_evaluation`
takes a document in that shape and builds the same :class:`~scoring.model.Evaluation`
the full loader would, directly from the raw values.

It accepts a subset of what the full loader accepts. Anything outside the
plain shape, and any value the full loader would refuse or remark on, makes
it return None, and the full loader then reads the file and names every
problem as before. ``tests/test_lean.py`` holds the two paths to the same
model and the same summary row, over generated documents good and broken.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..limits import number_in_bounds
from ..model import MONEY_UNITS, Budget, Claim, Comparator, Evaluation, Indicator, Line, Outcome, Subject, SubjectKind
from ..policy import Policy
from ._targets import fold, label_points
from ._toml import Document, Place

_TOP = frozenset({"department", "year", "policy", "money_unit", "claimed", "project"})
_PROJECT = frozenset({"id", "name", "budget", "budget_points", "claimed", "indicator", "agency"})
_ROW = frozenset({"id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "actual", "claimed", "reason"})
_ROW_REQUIRED = frozenset({"level1", "name", "comparator", "target", "unit", "weight", "actual"})
_BUDGET = ("initial", "full_year", "executed", "received")
_CLAIM = frozenset({"score", "grade", "budget_score", "points"})
_SYMBOLS = {c.value: c for c in Comparator if c is not Comparator.QUALITATIVE}
"""Comparators written as their own symbol; any other spelling goes the full way."""


class _Unusual(Exception):
    """Outside the plain shape, or not accepted as it is: the full loader reads the file."""


def lean_evaluation(doc: Document, policy: Policy, declared: str | None, path: Path) -> Evaluation | None:
    """The evaluation ``doc`` holds, when it is written in the plain shape and has nothing the full
    loader would refuse; None otherwise."""
    if doc.report is not None or doc.read_problems or doc.spoiled:
        return None
    try:
        return _evaluation(doc, policy, declared, path)
    except _Unusual:
        return None


def _evaluation(doc: Document, policy: Policy, declared: str | None, path: Path) -> Evaluation:
    data = doc.data
    if not data.keys() <= _TOP:
        raise _Unusual
    department, year = data.get("department"), data.get("year")
    money_unit = data.get("money_unit", "元")
    if type(department) is not str or type(year) is not int or money_unit not in MONEY_UNITS or type(money_unit) is not str:
        raise _Unusual
    if "policy" in data and type(data["policy"]) is not str:
        raise _Unusual
    raw_projects = data.get("project")
    if type(raw_projects) is not list or not raw_projects:
        raise _Unusual
    claimed = _claim(data["claimed"], policy) if "claimed" in data else None
    unit_of = _units(policy)
    projects = tuple(_project(doc, raw, i, policy, unit_of) for i, raw in enumerate(raw_projects))
    ids = [p.id for p in projects]
    if len(set(ids)) < len(ids):
        raise _Unusual
    return Evaluation(doc.shown, department, year, policy, money_unit, claimed, None, projects, source=None,
                      notes=tuple(doc.notes), declared_policy=declared, reads=(str(path.resolve()), *policy.files))


def _project(doc: Document, raw: Any, i: int, policy: Policy, unit_of: Callable[[str], str]) -> Subject:
    if type(raw) is not dict or not raw.keys() <= _PROJECT:
        raise _Unusual
    name, rows = raw.get("name"), raw.get("indicator")
    if type(name) is not str or not name.strip() or type(rows) is not list or not rows:
        raise _Unusual
    name = name.strip()
    subject_id = _label(raw["id"]) if "id" in raw else None
    agency = raw.get("agency")
    if agency is not None and type(agency) is not str:
        raise _Unusual
    points = _number(raw["budget_points"], non_negative=True) if "budget_points" in raw else None
    budget = _budget(raw["budget"]) if "budget" in raw else None
    claimed = _claim(raw["claimed"], policy) if "claimed" in raw else None
    at = ("project", i, "indicator")
    lines = []
    seen: set[str] = set()
    for j, row in enumerate(rows):
        line = _line(doc, row, at + (j,), unit_of)
        if line.indicator.id in seen:
            raise _Unusual
        seen.add(line.indicator.id)
        lines.append(line)
    return Subject(SubjectKind.PROJECT, subject_id or name, name, tuple(lines), budget, points, claimed, agency=agency)


def _line(doc: Document, row: Any, at: tuple, unit_of: Callable[[str], str]) -> Line:
    if type(row) is not dict or not _ROW_REQUIRED <= row.keys() <= _ROW:
        raise _Unusual
    level1, name, comparator, unit = row["level1"], row["name"], row["comparator"], row["unit"]
    if type(level1) is not str or type(name) is not str or type(unit) is not str or not unit:
        raise _Unusual
    cmp = _SYMBOLS.get(comparator) if type(comparator) is str else None
    target, weight, actual = _number(row["target"], non_negative=True), _number(row["weight"]), _number(row["actual"])
    if cmp is None or weight <= 0:
        raise _Unusual
    level2 = row.get("level2")
    if level2 is not None and type(level2) is not str:
        raise _Unusual
    claimed = _number(row["claimed"], non_negative=True) if "claimed" in row else None
    reason = row.get("reason")
    if reason is not None and type(reason) is not str:
        raise _Unusual
    level1, level1_points = label_points(level1)
    level2, level2_points = label_points(level2) if level2 is not None else (None, None)
    indicator = Indicator(
        id=_label(row["id"]) if "id" in row else name, level1=level1, level2=level2, name=name, comparator=cmp,
        weight=weight, target=target, unit=unit_of(unit), level1_points=level1_points, level2_points=level2_points)
    outcome = Outcome(actual=actual, reason=(reason or "").strip() or None, claimed=claimed)
    return Line(indicator, outcome, Place(doc, at))


def _units(policy: Policy) -> Callable[[str], str]:
    """A unit as the policy names it (folded, then its canonical synonym), each spelling worked out once per file."""
    seen: dict[str, str] = {}

    def unit_of(unit: str) -> str:
        if unit not in seen:
            seen[unit] = policy.units.canonical(fold(unit))
        return seen[unit]

    return unit_of


def _number(value: Any, non_negative: bool = False) -> Decimal:
    kind = type(value)
    if kind is int:
        if not number_in_bounds(value):
            raise _Unusual
        number = Decimal(value)
    elif kind is Decimal and number_in_bounds(value):
        number = value
    else:
        raise _Unusual
    if non_negative and number < 0:
        raise _Unusual
    return number


def _label(value: Any) -> str:
    """An id: a string, or an integer written bare (``id = 3``)."""
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise _Unusual


def _budget(raw: Any) -> Budget:
    if type(raw) is not dict or not raw.keys() <= set(_BUDGET):
        raise _Unusual
    return Budget(*(_number(raw[k], non_negative=True) if k in raw else None for k in _BUDGET))


def _claim(raw: Any, policy: Policy) -> Claim:
    if type(raw) is not dict or not raw.keys() <= _CLAIM:
        raise _Unusual
    grade = raw.get("grade")
    if grade is not None and (type(grade) is not str or policy.grades.means(grade.strip()) is None):
        raise _Unusual

    def number(key: str) -> Decimal | None:
        return _number(raw[key], non_negative=True) if key in raw else None

    return Claim(number("score"), grade.strip() if grade else None, number("budget_score"), number("points"))
