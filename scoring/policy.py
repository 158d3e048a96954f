"""Scoring policies (评分规则): the knobs of the rules, as data.

A policy file is structured straight into these classes; each field's
``doc`` metadata says what the knob means. Built-in policies live in
``scoring/policies/<id>.toml``; :mod:`scoring.load` reads them and resolves
``extends``.
"""

# No `from __future__ import annotations` here: a policy is structured at every start by reading these
# types, and as strings they would be evaluated first.
from decimal import Decimal
from pathlib import Path
from typing import Literal

import attrs
from attrs import field, frozen

from ._checks import FRACTION, NON_NEGATIVE, WITHIN_TOTAL, WORDS, Band, Each, Filled, Named, NonEmpty, Range
from .i18n import t
from .numbers import ONE, held, kept


class _Knobs:
    """Compared and hashed by their fields. The policy's tables are built at every start; methods
    written once here cost nothing there, where attrs would generate and compile them for each.
    The tables are dict-backed (``slots=False``): slotted, attrs would build each class twice."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def _values(self) -> tuple:
        return attrs.astuple(self, recurse=False)  # type: ignore[arg-type]  # every subclass is an attrs class


def doc(text: str) -> dict[str, str]:
    """A knob's documentation, kept in its field's metadata for ``score policies ID``."""
    return {"doc": text}


@frozen(repr=False, eq=False, slots=False)
class Split(_Knobs):
    points: dict[str, Decimal] = field(validator=Each(WITHIN_TOTAL), metadata=doc("一级指标的原则分值 / level-1 points in principle"))
    strictness: Literal["warn", "error", "off"] = field(metadata=doc("偏离原则分值时的严重程度（off 不检查）/ severity of a different split (off: no check)"))
    applies_to: Literal["projects", "all"] = field(metadata=doc("对哪些表检查 / which tables the split applies to"))
    satisfaction_fallback: str = field(metadata=doc("无满意度指标时其分值归入 / where 满意度 points go when absent"))
    satisfaction: str = field(metadata=doc("分配表中代表满意度的一级指标 / the split's satisfaction block"), default="满意度指标")


@frozen(repr=False, eq=False, slots=False)
class Weights(_Knobs):
    severity: Literal["error", "warning", "info"] = field(metadata=doc("分值合计不等于满分时的严重程度 / severity of weights-sum"))
    printed_severity: Literal["error", "warning", "info"] = field(metadata=doc("表中印出的分值合计与各行分值之和不符时的严重程度 / severity when the printed points total differs from the rows'"))


@frozen(repr=False, eq=False, slots=False)
class Labels(_Knobs):
    cost: tuple[str, ...] = field(validator=WORDS, metadata=doc("含这些词的一级/二级指标为成本指标（反向）/ labels that mean cost (lower is better)"))
    satisfaction: tuple[str, ...] = field(validator=WORDS, metadata=doc("含这些词的一级/二级指标为满意度指标 / labels that mean satisfaction"))
    lower_is_better: tuple[str, ...] = field(validator=WORDS, metadata=doc("指标名称含这些词时默认反向（≤）/ names holding these words default to ≤"))

    def is_cost(self, *labels: str | None) -> bool:
        return any(word in label for label in labels if label for word in self.cost)

    def is_satisfaction(self, *labels: str | None) -> bool:
        return any(word in label for label in labels if label for word in self.satisfaction)

    def counts_bad_events(self, name: str) -> bool:
        return any(word in name for word in self.lower_is_better)


@frozen(repr=False, eq=False, slots=False)
class Units(_Knobs):
    synonyms: dict[str, str] = field(validator=Filled(t("非空的单位", "a non-empty unit")), metadata=doc("度量单位的同义写法 → 规范写法 / unit spellings → the canonical unit"))

    def canonical(self, unit: str) -> str:
        return self.synonyms.get(unit, unit)


@frozen(repr=False, eq=False, slots=False)
class Step(_Knobs):
    min_rate: Decimal = field(validator=Range(t("非负的执行率", "a rate ≥ 0"), low=Decimal(0)))
    fraction: Decimal = field(validator=FRACTION)


@frozen(repr=False, eq=False, slots=False)
class Cap(_Knobs):
    """预算执行率 below ``below`` holds the project's 100-point total at ``at_most``."""

    below: Decimal = field(validator=Range(t('大于 0、不超过 1 的执行率', 'a rate above 0, at most 1'), low=Decimal(0), high=Decimal(1), low_open=True))
    at_most: Decimal = field(validator=Range(t('0 到 100 之间的百分制得分', 'a 100-point score from 0 to 100'), low=Decimal(0), high=Decimal(100)))


@frozen(repr=False, eq=False, slots=False)
class BudgetRule(_Knobs):
    points: Decimal = field(validator=Range(NON_NEGATIVE.expected, low=Decimal(0), high="total", above=t("不超过满分", "at most the total")),
                            metadata=doc("预算执行率分值 / points for the execution rate"))
    denominator: Literal["full_year", "initial", "received"] = field(metadata=doc("执行率的分母 / what the rate divides by"))
    method: Literal["linear", "steps"] = field(metadata=doc("计分方法 / linear or stepped"))
    steps: tuple[Step, ...] = field(validator=NonEmpty(t('method = "steps" 时至少一级阶梯', 'at least one step when method = "steps"'), when=("method", "steps")),
                                    metadata=doc("阶梯计分表 / the step table (method = steps)"), default=())
    caps: tuple[Cap, ...] = field(metadata=doc("按执行率限定项目总分上限 / caps on the project total by execution rate"), default=())

    def cap(self, rate: Decimal) -> Cap | None:
        """The strictest cap a rate falls under, if any."""
        return min((c for c in self.caps if rate < c.below), key=lambda c: c.at_most, default=None)


@frozen(repr=False, eq=False, slots=False)
class Formulas(_Knobs):
    at_most: Literal["inverse", "linear"] = field(metadata=doc("≤ 指标未达标时的公式 / formula for ≤ when missed"))
    equal: Literal["ratio", "at_least"] = field(metadata=doc("= 指标的公式 / formula for ="))
    equal_meets_strict: bool = field(metadata=doc("B = A 是否满足 > 或 < / whether B = A meets a strict > or <"))


@frozen(repr=False, eq=False, slots=False)
class Overachievement(_Knobs):
    threshold: Decimal = field(validator=NON_NEGATIVE, metadata=doc("超额阈值 B/A − 1 / flag above this"))
    mode: Literal["flag", "deduct", "fixed"] = field(metadata=doc("只提示、按比例扣分或扣固定分 / flag, deduct by slope, or a fixed deduction"))
    # slope and points at least 0: a negative deduction would be a bonus above the row's points
    slope: Decimal = field(validator=NON_NEGATIVE, metadata=doc("每超出 1 扣分比例 / deduction per unit above the threshold"))
    floor: Decimal = field(validator=FRACTION, metadata=doc("扣分后最低得分比例 / lowest fraction of the points after deduction"))
    points: Decimal = field(validator=NON_NEGATIVE, metadata=doc("mode = fixed 时每项扣分 / points deducted per row (mode = fixed)"), default=Decimal(0))
    inclusive: bool = field(metadata=doc("B/A − 1 等于阈值时是否算超额 / whether B/A − 1 equal to the threshold counts"), default=False)

    def exceeded(self, ratio: Decimal | None) -> bool:
        if ratio is None or ratio <= ONE:  # at or below 1 nothing is over: most rows, told at once
            return False
        excess = ratio - 1
        return excess >= self.threshold if self.inclusive else excess > self.threshold


@frozen(repr=False, eq=False, slots=False)
class Level(_Knobs):
    label: str
    fraction: Decimal | None = field(default=None, validator=FRACTION)
    band: tuple[Decimal, Decimal] | None = field(default=None, validator=Band())


@frozen(repr=False, eq=False, slots=False)
class Scale(_Knobs):
    name: str
    levels: tuple[Level, ...] = field(validator=NonEmpty(t("至少一个等级", "at least one level")))

    def level(self, label: str) -> Level | None:
        return next((lv for lv in self.levels if lv.label == label), None)

    def rank(self, label: str) -> int:
        """0 for the top grade, 1 for the next, …"""
        return [lv.label for lv in self.levels].index(label)


@frozen(repr=False, eq=False, slots=False)
class Qualitative(_Knobs):
    default_scale: str = field(validator=Named("scales", "name", t('已定义的等级表：', 'a defined scale: ')), metadata=doc("默认定性等级 / the default scale"))
    achieved_words: tuple[str, ...] = field(metadata=doc("视为满分的完成表述 / actuals that earn full marks"))
    scales: tuple[Scale, ...] = field(metadata=doc("定性等级及其得分比例 / scales: levels with a fraction or band"))

    def scale(self, name: str | None) -> Scale | None:
        name = name or self.default_scale
        return next((s for s in self.scales if s.name == name), None)


@frozen(repr=False, eq=False, slots=False)
class Rounding(_Knobs):
    decimals: int = field(validator=Range(t('0 到 10 的整数', 'a whole number from 0 to 10'), low=Decimal(0), high=Decimal(10)), metadata=doc("保留小数位 / decimal places"))
    mode: Literal["half_up", "down"] = field(metadata=doc("四舍五入或截尾 / half-up or truncate"))
    stage: Literal["indicator", "total"] = field(metadata=doc("每项指标取整后求和，或只对总分取整 / where rounding happens"))

    def kept(self, score: Decimal, points: Decimal) -> Decimal:
        """The score a report shows for a row, the 预算执行率 line, or a sum of them (a subtotal, a
        table's earned points) worth ``points``: the one definition every report prints with.

        Rounded at each row, a score is shown as the engine kept it: rounded, or held at its points
        (a met 12.5-point row under whole points is 12.5, never 13), and a sum of such scores exactly
        (the rows shown add up to the total shown). Rounded at the total only, a row's exact score is
        rounded to be shown, and held at its points as the engine holds a rounded row."""
        return score if self.stage == "indicator" else held(score, points, self.decimals, self.mode)

    def shown(self, score: Decimal, points: Decimal) -> str:
        """:meth:`kept` as text: the policy's decimals, or more where the score kept has more (12.5)."""
        return kept(self.kept(score, points), self.decimals)

    def line(self, exact: Decimal, points: Decimal) -> str:
        """A line's exact score as its formula ends (``→ w = 12.5``): rounded as a row is and held at
        its points, which is :meth:`shown` of the score the line keeps, at either stage."""
        return kept(held(exact, points, self.decimals, self.mode), self.decimals)


@frozen(repr=False, eq=False, slots=False)
class GradeBand(_Knobs):
    label: str
    min: Decimal = field(validator=WITHIN_TOTAL)


@frozen(repr=False, eq=False, slots=False)
class Grades(_Knobs):
    bands: tuple[GradeBand, ...] = field(validator=NonEmpty(t('至少一个等级', 'at least one grade')), metadata=doc("等级下限（含） / lower bounds, inclusive"))
    aliases: dict[str, tuple[str, ...]] = field(validator=Named("bands", "label", t('已定义的等级：', 'defined grades: ')), metadata=doc("等级别名 / other labels for the same grade"))

    def band(self, score: Decimal) -> GradeBand:
        """The band a score falls in (lower bounds inclusive); below every bound, the lowest band."""
        ordered = sorted(self.bands, key=lambda b: b.min, reverse=True)
        return next((band for band in ordered if score >= band.min), ordered[-1])

    def grade(self, score: Decimal) -> str:
        return self.band(score).label

    def means(self, label: str) -> tuple[str, ...] | None:
        """The grades a claimed label stands for: 优秀 → (优,); 合格 → (优, 良, 中)."""
        if any(b.label == label for b in self.bands):
            return (label,)
        return self.aliases.get(label)


@frozen(repr=False, eq=False, slots=False)
class Reasons(_Knobs):
    shortfall: bool = field(metadata=doc("未完成指标须说明偏差原因 / a shortfall needs a reason"))
    overachievement: bool = field(metadata=doc("大幅超额须说明原因 / far over-achievement needs a reason"))


@frozen(repr=False, eq=False, slots=False)
class Rollup(_Knobs):
    use_overall: bool = field(metadata=doc("有部门整体表时以其得分为部门得分 / the overall table is the result"))
    method: Literal["budget_weighted", "mean"] = field(metadata=doc("项目汇总方法 / how project scores roll up"))


@frozen(repr=False, eq=False, slots=False)
class NotApplicable(_Knobs):
    mode: Literal["drop", "zero"] = field(metadata=doc("不适用指标：剔除或计零分 / drop N/A rows or score them 0"))


@frozen(repr=False, eq=False, slots=False)
class Policy(_Knobs):
    id: str
    title: str
    source: str = field(metadata=doc("依据文件 / the document these rules come from"))
    total: Decimal = field(validator=Range(t('正数', 'a positive number'), low=Decimal(0), low_open=True), metadata=doc("满分 / the points a table should total"))
    weights: Weights
    split: Split
    labels: Labels
    units: Units
    budget: BudgetRule
    formulas: Formulas
    overachievement: Overachievement
    qualitative: Qualitative
    rounding: Rounding
    grades: Grades
    reasons: Reasons
    rollup: Rollup
    not_applicable: NotApplicable
    sha256: str = ""
    """Hash of the effective knobs (not of the file), so equal rules hash equal."""
    builtin: bool = False
    """Read from the policies that ship with scoring (not a file that merely uses a built-in's id)."""
    impersonates: tuple[str, str] | None = None
    """A file that calls itself by a built-in id but whose rules differ: (that id, the built-in's sha256)."""
    files: tuple[str, ...] = ()
    """The files of its ``extends`` chain, resolved: inputs an ``--output`` must never replace."""
    extends: str | None = None
    sources: dict[str, str] = field(factory=dict)
    """Where each knob's value comes from (``"budget.points"`` → ``"财预〔2020〕10号 附件1"``), for explanations."""

    def knob(self, name: str):
        """A knob's value by its dotted name: ``policy.field(metadata=doc("formulas.at_most"))``."""
        value = self
        for part in name.split("."):
            value = getattr(value, part)
        return value

    def source_of(self, knob: str | None) -> str:
        """The citation for a knob, or for its table, or the policy's own."""
        while knob:
            if knob in self.sources:
                return self.sources[knob]
            knob = knob.rpartition(".")[0]
        return self.source


DEFAULT_POLICY = "central-2020"


BUILTIN_FOLDER = Path(__file__).with_name("policies")
"""Package data: the policies that ship with the engine."""


def builtin_policy_ids() -> list[str]:
    return sorted(p.stem for p in BUILTIN_FOLDER.glob("*.toml"))


def builtin_policy_path(policy_id: str) -> Path:
    return BUILTIN_FOLDER / f"{policy_id}.toml"


def describe_knobs(policy: Policy, prefix: str = ""):
    """(dotted name, value, doc) for every documented knob, from the fields' metadata."""
    import attrs

    from .numbers import plain

    def show(value) -> str:
        if isinstance(value, Decimal):
            return plain(value)
        if attrs.has(type(value)):
            return "{" + ", ".join(f"{a.name}: {show(getattr(value, a.name))}" for a in attrs.fields(type(value)) if getattr(value, a.name) is not None) + "}"
        if isinstance(value, (tuple, list)):
            return "[" + ", ".join(show(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
        return str(value).lower() if isinstance(value, bool) else str(value)

    for a in attrs.fields(type(policy)):
        value = getattr(policy, a.name)
        if attrs.has(type(value)) and not isinstance(value, (Level, Scale)):
            yield from describe_knobs(value, f"{prefix}{a.name}.")
        elif "doc" in a.metadata:
            yield f"{prefix}{a.name}", show(value), a.metadata["doc"]
