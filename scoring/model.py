"""The domain model: what a department declared and what it reports.

These are validated, resolved objects: comparators are canonical, compact
targets are split, units agree and every number is a ``Decimal``. The
loaders in :mod:`scoring.load` build them from files; the engine scores them.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from attrs import field, frozen

if TYPE_CHECKING:
    from .policy import Policy


MONEY_UNITS = ("元", "万元")
"""The units a file's amounts may be in (``money_unit``)."""


class Comparator(enum.Enum):
    """指标性质: how the actual is held against the target."""

    AT_LEAST = "≥"
    MORE_THAN = ">"
    AT_MOST = "≤"
    LESS_THAN = "<"
    EQUAL = "="
    QUALITATIVE = "定性"

    # Set once per member below (plain attributes: read for every row of a batch).
    higher_is_better: bool
    lower_is_better: bool
    is_strict: bool


for _c in Comparator:
    _c.higher_is_better = _c in (Comparator.AT_LEAST, Comparator.MORE_THAN)
    _c.lower_is_better = _c in (Comparator.AT_MOST, Comparator.LESS_THAN)
    _c.is_strict = _c in (Comparator.MORE_THAN, Comparator.LESS_THAN)
del _c


@frozen(slots=False)  # one per row: a dict-backed frozen class is built twice as fast
class Indicator:
    """One row of a 绩效目标表: 一级/二级/三级指标, 指标值 and 分值."""

    id: str
    level1: str
    name: str
    comparator: Comparator
    weight: Decimal
    target: Decimal | None = None
    """指标值 of a quantitative indicator, in ``unit``."""
    target_text: str | None = None
    """指标值 of a qualitative indicator: a grade of its scale, or free text."""
    unit: str | None = None
    level2: str | None = None
    scale: str | None = None
    group: str | None = None
    comparator_assumed: bool = False
    """True when the file gave no comparator and the policy's default was taken."""
    written: str | None = None
    """The target as the file wrote it (``"≥95%"``), for reports."""
    unit_from_name: bool = False
    """The unit was read from brackets at the end of the name (``服务外包在岸(万美元)``)."""
    level1_points: Decimal | None = None
    """Points a ``(N分)`` suffix on the 一级指标 label gives the whole block."""
    level2_points: Decimal | None = None
    """Points a ``(N分)`` suffix on the 二级指标 label gives the whole block."""
    deadline: bool = False
    """The target is a deadline (``9月前``, ``年底前``, ``2023年9月``): ≤ that month, counted in 月 from
    January of the table's year (``written`` keeps the words)."""

    @property
    def points(self) -> RowPoints:
        """What a table's checks read of this row (:data:`RowPoints`)."""
        return self.weight, self.level1, self.level1_points, self.level2, self.level2_points

    @property
    def qualitative(self) -> bool:
        return self.comparator is Comparator.QUALITATIVE

    @property
    def unit_missing(self) -> bool:
        """A numeric target printed with no unit anywhere (``6``, ``43.2``)."""
        return self.target is not None and self.unit is None

    def target_display(self) -> str:
        if self.written is not None:
            return self.written
        if self.qualitative:
            return self.target_text or ""
        from .numbers import plain

        sign = "" if self.comparator_assumed else self.comparator.value  # shown as the file wrote it
        return f"{sign}{plain(self.target) if self.target is not None else ''}{self.unit or ''}"


@frozen(slots=False)  # one per row: a dict-backed frozen class is built twice as fast
class Outcome:
    """完成情况 of one indicator: exactly one of actual, rate, grade, or not applicable."""

    actual: Decimal | None = None
    rate: Decimal | None = None
    grade: str | None = None
    achieved_word: str | None = None
    """A qualitative actual written as 完成 / 达成预期指标 / 通过 (full marks)."""
    not_applicable: bool = False
    reason: str | None = None
    claimed: Decimal | None = None
    restates_target: bool = False
    """The actual was written as the target restated (``"≥90%"``, or a 定性 target's own words)."""
    judged: bool = False
    """A 定性 actual in free words no rule can grade: the department's claim is the score."""
    missing: bool = False
    """No completion that fits this indicator: an approved indicator the department
    dropped, or one whose kind it changed (scored 0)."""
    written: str | None = None
    """The actual as the file wrote it, for reports."""
    dated: bool = False
    """The actual was written as a month or a date (``2024年3月``) and read as the month counted from
    January of the table's year (15 in a 2023 table)."""


@frozen(slots=False, repr=False)  # one per row: a dict-backed frozen class is built twice as fast
class Line:
    """An indicator with its outcome: one row of a 自评表."""

    indicator: Indicator
    outcome: Outcome
    place: object = ""
    """Where the row is written: ``str()`` gives ``file:line``, for findings."""


RowPoints = tuple[Decimal, str, "Decimal | None", "str | None", "Decimal | None"]
"""What a table's checks read of one row: its points (分值), its 一级 label and the points that label
prints, its 二级 label (or None) and the points that one prints."""

@frozen(repr=False)
class Budget:
    """项目资金: 年初预算数, 全年预算数, 全年执行数, 实际到位资金."""

    initial: Decimal | None = None
    full_year: Decimal | None = None
    executed: Decimal | None = None
    received: Decimal | None = None


@frozen(repr=False)
class Claim:
    """What the department says it scored (得分, 等级)."""

    score: Decimal | None = None
    grade: str | None = None
    budget_score: Decimal | None = None
    points: Decimal | None = None
    """The 分值 total the table prints (its 总分 row), to hold against its rows' points."""


@frozen(repr=False)
class Change:
    """One difference between a submitted indicator and the approved one."""

    indicator: str
    what: str
    """``comparator``, ``target``, ``unit``, ``weight``, ``added`` or ``dropped``."""
    approved: str
    submitted: str
    name: str = ""


class SubjectKind(enum.StrEnum):
    """What a scored table is."""

    OVERALL = "overall"
    """部门整体: the department-wide table."""
    PROJECT = "project"


@frozen(repr=False)
class Subject:
    """A scored table: the department-wide table (``overall``) or one project."""

    kind: SubjectKind = field(converter=SubjectKind)
    id: str
    name: str
    lines: tuple[Line, ...]
    budget: Budget | None = None
    budget_points: Decimal | None = None
    """Points for 预算执行率 given by the file or its indicator set; None: the policy's."""
    claimed: Claim | None = None
    agency: str | None = None
    """实施单位, when it is not the department itself."""
    approved: tuple[Line, ...] | None = None
    """The indicator set approved with the budget, when the file names one: the subject is
    scored against it (:mod:`scoring.approved`), its own rows are what the department wrote."""

    @property
    def is_overall(self) -> bool:
        return self.kind is SubjectKind.OVERALL


class SourceReport(Protocol):
    """Where the values of a file read from a workbook were found (``scoring.load.workbook.ReadReport``)."""

    def lines(self, lang: str) -> list[str]: ...

    def as_dict(self, lang: str) -> dict: ...


@frozen(repr=False)
class Evaluation:
    """A department's 绩效自评 for one year."""

    path: str
    department: str
    year: int
    policy: Policy
    money_unit: str = "元"
    claimed: Claim | None = None
    overall: Subject | None = None
    projects: tuple[Subject, ...] = field(default=())
    source: SourceReport | None = None
    """For a workbook: where each part was found and what was left unread."""
    notes: tuple = ()
    """Findings made while reading the file (a workbook's budget line read from a 其中 row)."""
    declared_policy: str | None = None
    """The policy the file names, when a bureau's ``--policy`` scored it instead (or the same one)."""
    reads: tuple[str, ...] = ()
    """Every file read to score it (itself, its indicator sets, its policy's chain), resolved."""

    @property
    def subjects(self) -> tuple[Subject, ...]:
        return ((self.overall,) if self.overall else ()) + self.projects
