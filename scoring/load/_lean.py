"""The lean path: an evaluation in its plain shape, built in one pass over the parsed document.

Most files a bureau receives are written the plain way: an ``[overall]`` table
and ``[[project]]`` tables, with inline rows or an indicator set and its
results (and maybe an approved set), whose comparators are written out (in
their own key or leading a compact target such as ``≥95%``), whose targets
and actuals are numbers or quantities, or whose 定性 rows take a grade or a
completion rate. For such a file, checking every value with
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

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..limits import BOUND, number_in_bounds
from ..model import MONEY_UNITS, Budget, Claim, Comparator, Evaluation, FoldedRows, Indicator, Line, Outcome, Quiet, RowPoints, Subject, SubjectKind
from ..numbers import ZERO
from ..policy import Policy
from ._sets import IndicatorSet, approved_lines, locate_set
from ._targets import QUANTITATIVE_WORDS, fold, label_points, quantity, unit_in_name
from ._targets import comparator as read_comparator
from ._toml import Document, Place, read_document

_TOP = frozenset({"department", "year", "policy", "money_unit", "claimed", "overall", "project"})
_SUBJECT = frozenset({"id", "name", "indicators", "results", "indicator", "approved", "budget", "budget_points", "claimed", "agency"})
_INDICATOR = frozenset({"id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "group"})
_INDICATOR_REQUIRED = frozenset({"level1", "name", "target", "weight"})
_RESULT = frozenset({"actual", "rate", "grade", "claimed", "reason"})
_ROW = _INDICATOR | _RESULT
_PLAIN_ROW = frozenset({"id", "level1", "level2", "name", "comparator", "target", "unit", "weight", "actual", "claimed", "reason"})
_SYMBOLS = {s: c for s in ("≥", ">=", "≤", "<=", "=", ">", "<") if (c := read_comparator(s)) not in (None, Comparator.QUALITATIVE)}
"""The comparators :meth:`_Reader.plain_values` reads: as the ``comparator`` key's reading gives them."""
_SET = frozenset({"title", "indicator", "year", "department", "budget_points"})
_BUDGET = ("initial", "full_year", "executed", "received")
_BUDGET_KEYS = frozenset(_BUDGET)
_CLAIM = frozenset({"score", "grade", "budget_score", "points"})


class _Unusual(Exception):
    """Outside the plain shape, or not accepted as it is: the full loader reads the file."""


def lean_evaluation(doc: Document, policy: Policy, declared: str | None, path: Path, quiet: Quiet | None = None) -> Evaluation | None:
    """The evaluation ``doc`` holds, when it is written in the plain shape and has nothing the full
    loader would refuse; None otherwise. With ``quiet`` (the engine's test of a row with nothing to
    say), inline rows are read for a summary: such rows are folded (:class:`~scoring.model.FoldedRows`)."""
    if doc.report is not None or doc.read_problems or doc.spoiled:
        return None
    try:
        return _Reader(doc, policy, quiet).evaluation(declared, path)
    except _Unusual:
        return None


class _Reader:
    """One evaluation file and the indicator sets it names, read in the order the full loader reads them."""

    def __init__(self, doc: Document, policy: Policy, quiet: Quiet | None = None):
        self.doc, self.policy, self.quiet = doc, policy, quiet
        self.fold = False
        """Whether the subject being read folds its quiet rows: only for a summary, and never with an approved set."""
        self.sets: dict[Path, IndicatorSet] = {}
        self.units: dict[str, str] = {}
        self.labels: dict[str, tuple[str, Decimal | None]] = {}
        self.decimals: dict[int, Decimal] = {}

    def evaluation(self, declared: str | None, path: Path) -> Evaluation:
        data = self.doc.data
        if not data.keys() <= _TOP:
            raise _Unusual
        department, year = data.get("department"), data.get("year")
        money_unit = data.get("money_unit", "元")
        if type(department) is not str or type(year) is not int or type(money_unit) is not str or money_unit not in MONEY_UNITS:
            raise _Unusual
        if "policy" in data and type(data["policy"]) is not str:
            raise _Unusual
        raw_projects = data.get("project", [])
        if type(raw_projects) is not list or not (raw_projects or "overall" in data):
            raise _Unusual
        overall = self.subject(SubjectKind.OVERALL, data["overall"], ("overall",)) if "overall" in data else None
        projects = tuple(self.subject(SubjectKind.PROJECT, raw, ("project", i)) for i, raw in enumerate(raw_projects))
        claimed = _claim(data["claimed"], self.policy) if "claimed" in data else None
        ids = [p.id for p in projects]
        if len(set(ids)) < len(ids):
            raise _Unusual
        return Evaluation(self.doc.shown, department, year, self.policy, money_unit, claimed, overall, projects, source=None,
                          notes=tuple(self.doc.notes), declared_policy=declared,
                          reads=(str(path.resolve()), *(str(p) for p in self.sets), *self.policy.files))

    def subject(self, kind: SubjectKind, raw: Any, at: tuple) -> Subject:
        if type(raw) is not dict or not raw.keys() <= _SUBJECT:
            raise _Unusual
        ref, rows, name = raw.get("indicators"), raw.get("indicator"), raw.get("name")
        self.fold = self.quiet is not None and "approved" not in raw
        if ref is not None:  # rows in an indicator set, results here
            if type(ref) is not str or rows is not None:
                raise _Unusual
            ind_set = self.indicator_set(ref)
            lines = self.results(raw.get("results"), ind_set, at)
        else:
            if type(rows) is not list or not rows or "results" in raw:
                raise _Unusual
            ind_set = None
            lines = self.rows(rows, at + ("indicator",))
        if name is not None and type(name) is not str:
            raise _Unusual
        name = name.strip() if name else (ind_set.title if ind_set else "")
        if kind is SubjectKind.OVERALL:
            name = name or "部门整体"
        elif not name and ref is None:
            raise _Unusual
        approved = self.indicator_set(raw["approved"]) if "approved" in raw else None
        agency = raw.get("agency")
        if agency is not None and type(agency) is not str:
            raise _Unusual
        points = _number(raw["budget_points"], non_negative=True) if "budget_points" in raw else (
            ind_set.budget_points if ind_set else None)
        if points is not None and points < 0:
            raise _Unusual
        budget = _budget(raw["budget"]) if "budget" in raw else None
        claimed = _claim(raw["claimed"], self.policy) if "claimed" in raw else None
        subject_id = _label(raw["id"]) if "id" in raw else None
        if approved is not None and points is None:
            points = approved.budget_points
        return Subject(kind, subject_id or ("overall" if kind is SubjectKind.OVERALL else name), name, lines, budget, points,
                       claimed, agency=agency, approved=approved_lines(approved) if approved is not None else None)

    def rows(self, rows: list, at: tuple) -> tuple[Line, ...]:
        """Inline rows: each an indicator and its result, ids unique among them. Read for a summary
        (``quiet`` given, no approved set), a row with nothing to say is folded (:class:`FoldedRows`)."""
        quiet = self.quiet if self.fold else None
        lines: list[Line] = []
        points: list[RowPoints] = []
        folded: list[tuple[Decimal, Decimal, Decimal | None]] = []
        tested: list[bool] = []  # of each built line: whether quiet() has been asked of it
        seen: set[str] = set()
        plain_values, policy = self.plain_values, self.policy  # looked up once: read for every row
        for j, row in enumerate(rows):
            values = plain_values(row)
            exact = None
            if values is not None and quiet is not None:
                row_id, row_points, comparator, target, actual, reason, claimed = values
                weight = row_points[0]
                exact = quiet(target, actual, weight, comparator, reason, claimed, policy)
            if exact is not None:
                folded.append((exact, weight, claimed))
            else:
                if values is not None:
                    line = self.plain_line(row, values, Place(self.doc, at + (j,)))
                elif type(row) is not dict or not row.keys() <= _ROW:
                    raise _Unusual
                else:
                    indicator = self.indicator(row)
                    line = Line(indicator, self.outcome(row, indicator), Place(self.doc, at + (j,)))
                row_id, row_points = line.indicator.id, line.indicator.points
                lines.append(line)
                tested.append(values is not None)  # read plainly while folding: quiet() was asked
            if row_id in seen:
                raise _Unusual
            seen.add(row_id)
            points.append(row_points)
        return FoldedRows(lines, points, folded, tested) if quiet is not None else tuple(lines)

    def plain_values(self, row: Any) -> tuple | None:
        """The commonest row of all, read in one step: a comparator in symbols, a number for target,
        weight and actual, a unit, maybe a claim and a reason. It reads it exactly as
        :meth:`indicator` and :meth:`outcome` do (a value they refuse is refused here too) to the
        values :meth:`plain_line` builds the row from: its id; its :data:`RowPoints` (points, 一级 label
        and the points it prints, 二级 label and its points); comparator, target, actual, reason and
        claim. Any other row is left to them (None)."""
        if type(row) is not dict:
            return None
        decimals, labels = self.decimals, self.labels
        if not _PLAIN_ROW.issuperset(row):  # no key past a plain row's (twice as fast as keys() <= …)
            return None
        try:  # every key a plain row needs, before anything is said of one
            written, target, actual, unit = row["comparator"], row["target"], row["actual"], row["unit"]
            level1, name, weight = row["level1"], row["name"], row["weight"]
        except KeyError:
            return None
        if type(written) is not str or type(target) is str or type(actual) is str or type(unit) is not str or not unit:
            return None
        comparator = _SYMBOLS.get(written)
        if comparator is None:
            return None
        level2, reason = row.get("level2"), row.get("reason")
        if (type(level1) is not str or type(name) is not str or (level2 is not None and type(level2) is not str)
                or (reason is not None and type(reason) is not str)):
            raise _Unusual
        claimed, row_id = row.get("claimed"), row.get("id", name)
        # Whole numbers, most of a file's, are made Decimals once per file (_Reader.decimal); the rest by _number.
        target = decimals.get(target) or self.decimal(target) if type(target) is int else _number(target)
        weight = decimals.get(weight) or self.decimal(weight) if type(weight) is int else _number(weight)
        actual = decimals.get(actual) or self.decimal(actual) if type(actual) is int else _number(actual)
        if claimed is not None:
            claimed = decimals.get(claimed) or self.decimal(claimed) if type(claimed) is int else _number(claimed)
            if claimed < ZERO:
                raise _Unusual
        if target < ZERO or weight <= ZERO:  # Decimal zero: compared in half the time of int 0
            raise _Unusual
        level1, level1_points = labels.get(level1) or self.label(level1)
        level2, level2_points = (labels.get(level2) or self.label(level2)) if level2 is not None else (None, None)
        return (row_id if type(row_id) is str else _label(row_id), (weight, level1, level1_points, level2, level2_points), comparator,
                target, actual, (reason or "").strip() or None, claimed)

    def plain_line(self, row: dict, values: tuple, place: Place) -> Line:
        """The row :meth:`plain_values` read."""
        row_id, (weight, level1, level1_points, level2, level2_points), comparator, target, actual, reason, claimed = values
        indicator = Indicator(row_id, level1, row["name"], comparator, weight, target, None, self.unit(row["unit"]), level2, None,
                              None, False, None, False, level1_points, level2_points)
        return Line(indicator, Outcome(actual, None, None, None, False, reason, claimed), place)

    def indicators(self, rows: list, keys: frozenset[str]) -> list[Indicator]:
        """Each row's indicator: tables with only ``keys``, ids unique among them."""
        indicators = []
        seen: set[str] = set()
        for row in rows:
            if type(row) is not dict or not row.keys() <= keys:
                raise _Unusual
            indicator = self.indicator(row)
            if indicator.id in seen:
                raise _Unusual
            seen.add(indicator.id)
            indicators.append(indicator)
        return indicators

    def results(self, results: Any, ind_set: IndicatorSet, at: tuple) -> tuple[Line, ...]:
        """Each indicator of the set with its result, in the set's order; every one has one, and no other."""
        if type(results) is not dict or len(results) != len(ind_set.indicators):
            raise _Unusual
        lines = []
        for ind in ind_set.indicators:
            result = results.get(ind.id)
            if type(result) is not dict or not result.keys() <= _RESULT:
                raise _Unusual
            lines.append(Line(ind, self.outcome(result, ind), Place(self.doc, at + ("results", ind.id))))
        return tuple(lines)

    def indicator(self, row: dict) -> Indicator:
        """An indicator whose comparator is written out (in its own key, or leading a compact target
        such as ``≥95%``) and whose target is a number; or a 定性 one on the policy's default scale."""
        if not _INDICATOR_REQUIRED <= row.keys():
            raise _Unusual
        level1, name, unit, target = row["level1"], row["name"], row.get("unit"), row["target"]
        if type(level1) is not str or type(name) is not str or (unit is not None and type(unit) is not str):
            raise _Unusual
        given = _comparator(row["comparator"]) if "comparator" in row else None
        cmp, number, text, written, from_name = given, None, None, None, False
        if type(target) is str and given is Comparator.QUALITATIVE:
            text = target.strip()
            if self.policy.qualitative.scale(None) is None:
                raise _Unusual
        elif type(target) is str:  # a compact target: "≥95%", "不少于3个"
            q = quantity(target)
            if q is None or not number_in_bounds(q.number) or (q.comparator and given and q.comparator is not given):
                raise _Unusual
            if q.unit and unit and self.unit(q.unit) != self.unit(unit):
                raise _Unusual
            number, written, cmp, unit = q.number, target, q.comparator or given, q.unit or unit
        else:
            number = _number(target)
        if number is not None:
            if cmp is None or cmp is Comparator.QUALITATIVE or number < 0:  # assumed, or refused: the full way
                raise _Unusual
            if not unit and (unit := unit_in_name(name)):
                from_name = True
        weight = _number(row["weight"])
        level2 = row.get("level2")
        if cmp is None or weight <= 0 or (level2 is not None and type(level2) is not str):
            raise _Unusual
        level1, level1_points = self.label(level1)
        level2, level2_points = self.label(level2) if level2 is not None else (None, None)
        return Indicator(
            id=_label(row["id"]) if "id" in row else name, level1=level1, level2=level2, name=name, comparator=cmp,
            weight=weight, target=number, target_text=text, unit=self.unit(unit) if unit else None,
            group=_label(row["group"]) if "group" in row else None, written=written, unit_from_name=from_name,
            level1_points=level1_points, level2_points=level2_points)

    def outcome(self, result: dict, ind: Indicator) -> Outcome:
        """A number (or a compact quantity such as ``100%``) for a quantitative indicator, a grade of a 定性
        indicator's scale, or a completion rate; and maybe a claimed score and a reason."""
        actual, rate, grade = result.get("actual"), result.get("rate"), result.get("grade")
        if (actual is not None) + (rate is not None) + (grade is not None) != 1 or (actual is not None and ind.qualitative):
            raise _Unusual
        if grade is not None:  # a grade of the 定性 indicator's scale
            scale = self.policy.qualitative.scale(ind.scale)
            if type(grade) is not str or not ind.qualitative or scale is None or scale.level(fold(grade)) is None:
                raise _Unusual
            grade = fold(grade)
        reason = result.get("reason")
        if reason is not None and type(reason) is not str:
            raise _Unusual
        number, written, restated = None, None, False
        if type(actual) is str:
            q = quantity(actual)
            if q is None or not number_in_bounds(q.number) or (q.unit and ind.unit and self.unit(q.unit) != ind.unit):
                raise _Unusual
            number, written, restated = q.number, actual, q.comparator is not None
        elif actual is not None:
            number = _number(actual)
        return Outcome(actual=number, rate=_number(rate, non_negative=True) if rate is not None else None, grade=grade,
                       reason=(reason or "").strip() or None,
                       claimed=_number(result["claimed"], non_negative=True) if "claimed" in result else None,
                       restates_target=restated, written=written)

    def decimal(self, number: int) -> Decimal:
        """A whole number as a Decimal, made once per file (a file repeats the same few weights,
        targets and claims), within the bounds :func:`_number` holds it to."""
        made = self.decimals[number] = _number(number)
        return made

    def label(self, text: str) -> tuple[str, Decimal | None]:
        """A 一级 or 二级 label and the points its ``(N分)`` gives, each spelling worked out once."""
        if text not in self.labels:
            self.labels[text] = label_points(text)
        return self.labels[text]

    def unit(self, unit: str) -> str:
        """A unit as the policy names it (folded, then its canonical synonym), each spelling worked out once."""
        if unit not in self.units:
            self.units[unit] = self.policy.units.canonical(fold(unit))
        return self.units[unit]

    def indicator_set(self, ref: str) -> IndicatorSet:
        if type(ref) is not str:
            raise _Unusual
        path, key, shown = locate_set(self.doc, ref)
        if key in self.sets:
            return self.sets[key]
        if not path.is_file():  # missing, or not a regular file (never opened): the full loader says so
            raise _Unusual
        try:
            doc = read_document(path, shown)
        except InputError:
            raise _Unusual from None
        data = doc.data
        title, rows, year, points = data.get("title"), data.get("indicator"), data.get("year"), data.get("budget_points")
        if (not data.keys() <= _SET or type(title) is not str or type(rows) is not list or not rows
                or (year is not None and type(year) is not int) or ("department" in data and type(data["department"]) is not str)):
            raise _Unusual
        indicators = self.indicators(rows, _INDICATOR)
        ind_set = IndicatorSet(doc, title, year, _number(points, non_negative=True) if points is not None else None, tuple(indicators))
        self.sets[key] = ind_set
        return ind_set


def _comparator(text: Any) -> Comparator:
    """A comparator in any spelling the full loader reads (≥, >=, ＝, 不少于, 定性, …); 定量 (a number with no
    direction) and unknown words go the full way."""
    if type(text) is not str or fold(text) in QUANTITATIVE_WORDS:
        raise _Unusual
    cmp = read_comparator(text)
    if cmp is None:
        raise _Unusual
    return cmp


def _number(value: Any, non_negative: bool = False) -> Decimal:
    kind = type(value)
    if kind is int:  # most numbers in a file: bounded as number_in_bounds bounds them, without the call
        if not -BOUND < value < BOUND:
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
    if type(raw) is not dict or not raw.keys() <= _BUDGET_KEYS:
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
