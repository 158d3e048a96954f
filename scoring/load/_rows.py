"""One row of a table → an :class:`Indicator` and its :class:`Outcome`.

Comparators, compact targets, units (from the unit key, the target, or the
name), the policy's lower-is-better defaults, deadlines and dates read as
months of the table's year (``9月前`` is ≤ 9 月, ``2024年3月`` in a 2023 table
is month 15), and what a 定性 actual means: a grade, an achievement word,
the target restated, or free words the department scored itself.
"""

from __future__ import annotations

from decimal import Decimal

from ..i18n import Words, t
from ..model import Comparator, Indicator, Outcome
from ..numbers import plain
from ..policy import Policy
from ._problems import Collector, Path_
from ._schema import BOUNDED, IndicatorDoc, ResultDoc, RowDoc, describe
from ._targets import MONTH_UNIT, QUANTITATIVE_WORDS, Dated, dated, fold, label_points, quantity, same_words, unit_in_name
from ._targets import comparator as read_comparator


class _Row:
    """One row being read: where its problems go, and whether it has one yet."""

    __slots__ = ("out", "at", "ok")

    def __init__(self, out: Collector, at: Path_):
        self.out, self.at, self.ok = out, at, True

    def bad(self, key: str | None, expected: Words, found: Words, hint: Words | None = None) -> None:
        self.ok = False
        self.out.add(self.at + ((key,) if key else ()), expected, found, hint)


_COMPARATORS = t('≥、≤、=、>、<、定性之一（也接受 >=、<=、＝、不少于、不超过、以上、以下、正向、反向、定量 等写法）',
                 'one of ≥ ≤ = > < 定性 (>=, <=, ＝, 不少于, 不超过, 以上, 以下, 正向, 反向, 定量 and the like are read too)')


def build_indicator(d: IndicatorDoc | RowDoc, policy: Policy, out: Collector, at: Path_, year: int | None = None) -> Indicator | None:
    """One indicator with its comparator, target and unit resolved; ``year`` is the table's, which a
    deadline such as ``2023年9月前`` is counted from."""
    row = _Row(out, at)
    level1, level1_points = label_points(d.level1)  # "成本指标(10分)" is 成本指标, worth 10
    level2, level2_points = label_points(d.level2) if d.level2 is not None else (None, None)
    given = None
    if d.comparator is not None and fold(d.comparator) not in QUANTITATIVE_WORDS:  # 定量: numeric, no direction given
        given = read_comparator(d.comparator)
        if given is None:
            row.bad("comparator", _COMPARATORS, f'"{d.comparator}"')
    cmp, number, text, unit, written, deadline = _target(d, given, policy, row, year)
    assumed = from_name = False
    if number is not None:
        if cmp is None:
            lower = policy.labels.is_cost(level1, level2) or number == 0 or policy.labels.counts_bad_events(d.name)
            cmp, assumed = (Comparator.AT_MOST if lower else Comparator.AT_LEAST), True
        if cmp is Comparator.QUALITATIVE:
            row.bad("target", t('定性指标的等级或文字', 'a grade or text for a 定性 indicator'), describe(number))
        if number < 0:
            row.bad("target", t('非负数', 'a number ≥ 0'), describe(number))
        if not unit and (unit := unit_in_name(d.name)):
            from_name = True
    if d.weight <= 0:  # named, and the file refused; the row is still read, so its result is checked against it
        out.add(at + ("weight",), t('大于 0 的分值', 'points > 0'), describe(d.weight))
    if not row.ok or cmp is None:
        return None
    return Indicator(
        id=d.id if d.id is not None else d.name,
        level1=level1,
        level2=level2,
        name=d.name,
        comparator=cmp,
        weight=d.weight,
        target=number,
        target_text=text,
        unit=_unit(unit, policy) if unit else None,
        scale=d.scale,
        group=d.group,
        comparator_assumed=assumed,
        written=written,
        unit_from_name=from_name,
        level1_points=level1_points,
        level2_points=level2_points,
        deadline=deadline,
    )


def _target(d: IndicatorDoc | RowDoc, given: Comparator | None, policy: Policy, row: _Row,
            year: int | None) -> tuple[Comparator | None, Decimal | None, str | None, str | None, str | None, bool]:
    """The target as written: a number, the words of a 定性 target, a deadline (``"9月前"``), or a
    compact quantity (``"≥95%"``) whose comparator and unit must agree with those given. Returns the
    comparator, the number or the words, the unit, the compact text and whether it is a deadline."""
    if isinstance(d.target, Decimal):
        if d.unit and ("月" in d.unit or "年" in d.unit) and given is not Comparator.QUALITATIVE:
            # 9 with the unit 月前 (a workbook's 度量单位 column) is the deadline 9月前, not 9 of a unit 月前
            written = plain(d.target) + d.unit.strip()
            if (month := _deadline(written, year)) is not None:
                return _deadline_target(d, given, policy, row, month, written, unit_given=False)
        return given, d.target, None, d.unit, None, False
    if given is Comparator.QUALITATIVE:
        return given, None, d.target.strip(), d.unit, None, False
    if (month := _deadline(d.target, year)) is not None:
        return _deadline_target(d, given, policy, row, month, d.target, unit_given=True)
    q = quantity(d.target)
    if q is None and given is None:  # text such as "及时" or "优良中低差" is qualitative by nature
        return Comparator.QUALITATIVE, None, d.target.strip(), d.unit, None, False
    if q is None:
        row.bad("target", t('与 {value} 相配的数字（如 "≥95%"）', 'a number to go with {value} (like "≥95%")',
                            value=given.value if given else ""), describe(d.target))
        return given, None, None, d.unit, None, False
    if not q.in_bounds:  # "≥123456789012345678901234567890个"
        row.bad("target", BOUNDED, describe(d.target))
        return given, None, None, d.unit, None, False
    _agrees(d, given, q.comparator, q.unit, policy, row)
    return q.comparator or given, q.number, None, q.unit or d.unit, d.target, False


def _agrees(d: IndicatorDoc | RowDoc, given: Comparator | None, read: Comparator | None, unit: str | None, policy: Policy,
            row: _Row) -> None:
    """A comparator and a unit given beside a compact target must be the target's own."""
    if read and given and read is not given:
        row.bad("comparator", t('与指标值 "{target}" 一致的比较符', 'a comparator that agrees with target "{target}"', target=d.target),
                f'"{d.comparator}"')
    if unit and d.unit and _unit(unit, policy) != _unit(d.unit, policy):
        row.bad("unit", t('与指标值 "{target}" 一致的单位', 'the unit of target "{target}"', target=d.target), f'"{d.unit}"')


def _deadline(text: str, year: int | None) -> int | None:
    """A target written as a deadline (``9月前``, ``年底前``, ``2023年9月``), as the month of the table's
    year it ends with; None for anything else. A deadline in another year than the table's or the next
    is not read as one: it stays the text it was always read as."""
    when = dated(text)
    if when is None or not when.deadline:
        return None
    if year is not None and when.year is not None and not year <= when.year <= year + 1:
        return None
    return when.counted_from(year)


def _deadline_target(d: IndicatorDoc | RowDoc, given: Comparator | None, policy: Policy, row: _Row, month: int, written: str,
                     unit_given: bool) -> tuple[Comparator | None, Decimal | None, str | None, str | None, str | None, bool]:
    """A deadline is ≤ its month, in 月; a comparator or unit given beside it must say the same."""
    _agrees(d, given, Comparator.AT_MOST, MONTH_UNIT if unit_given else None, policy, row)
    return Comparator.AT_MOST, Decimal(month), None, MONTH_UNIT, written, True


def _unit(unit: str, policy: Policy) -> str:
    return policy.units.canonical(fold(unit))


def check_result(r: ResultDoc | RowDoc, out: Collector, at: Path_, row: _Row | None = None) -> bool:
    """The result keys that do not depend on the indicator: status, exactly one completion value,
    claimed and rate ≥ 0. A row whose indicator is refused has them checked too, so that every
    problem of the row is named at once."""
    row = row or _Row(out, at)
    na = r.status == "na"
    given = [k for k, v in (("actual", r.actual), ("rate", r.rate), ("grade", r.grade)) if v is not None]
    if r.status is not None and not na:
        row.bad("status", '"na"', describe(r.status))
    if na and given:
        row.bad(given[0], t('status = "na" 时不填完成值', 'no completion value when status = "na"'), given[0])
    elif not na and len(given) != 1 and not any(at + (k,) in out.spoiled for k in ("actual", "rate", "grade", "status")):
        row.bad(None, t('actual、rate、grade 之一（或 status = "na"）', 'exactly one of actual, rate, grade (or status = "na")'),
                " + ".join(given) if given else t('都没有', 'none of them'))
    if r.claimed is not None and r.claimed < 0:
        row.bad("claimed", t('非负数', 'a number ≥ 0'), describe(r.claimed))
    if r.rate is not None and r.rate < 0:
        row.bad("rate", t('非负的完成比例（1 = 全部完成）', 'a completion ratio ≥ 0 (1 = achieved)'), describe(r.rate))
    return row.ok


_A_MONTH = t('月份（本年 1–12，次年 13–24），或日期（如 "2024年3月"）', 'a month (1–12 this year, 13–24 the next) or a date (like "2024年3月")')
FIRST_MONTH, LAST_MONTH = 1, 24
"""The months a bare number may give a deadline row: those of the table's year and of the next."""


def build_outcome(r: ResultDoc | RowDoc, ind: Indicator, policy: Policy, out: Collector, at: Path_,
                  year: int | None = None) -> Outcome | None:
    """One indicator's 完成情况, checked against its indicator and the policy's scales; ``year`` is the
    table's, which a date (``2024年3月``) is counted from."""
    row = _Row(out, at)
    check_result(r, out, at, row)
    scale = None
    if ind.qualitative or ind.scale is not None or ind.deadline:
        scale = policy.qualitative.scale(ind.scale)
        if scale is None:
            names = "、".join(s.name for s in policy.qualitative.scales)
            row.bad("scale", t('评分规则中的定性等级表：{names}', 'a scale of the policy: {names}', names=names), f'"{ind.scale}"')
    grade = None
    if r.grade is not None:
        if not (ind.qualitative or ind.deadline):
            row.bad("grade", t('定量指标的 actual 或 rate', 'actual or rate for a quantitative indicator'), "grade")
        elif scale is not None and scale.level(fold(r.grade)) is None:
            row.bad("grade", t('等级之一：{levels}', 'one of the grades {levels}', levels=_levels(scale)), describe(r.grade))
        else:
            grade = fold(r.grade)
    word, actual, restated, judged, month = None, None, False, False, False
    if r.actual is None:
        pass
    elif ind.qualitative:
        grade, word, restated, judged = _qualitative_actual(r, ind, scale, policy, row, grade)
    elif isinstance(r.actual, Decimal):
        actual = r.actual
        if ind.deadline and not FIRST_MONTH <= actual <= LAST_MONTH:  # 2023.9 is no month count: write "2023年9月"
            row.bad("actual", _A_MONTH, describe(actual))
    elif ind.deadline and dated(r.actual) is None and quantity(r.actual) is None:
        # 完成, a grade, or free words with a claim: what the same row took when 年底前 was read as 定性 text
        grade, word, restated, judged = _qualitative_actual(r, ind, scale, policy, row, grade)
    else:
        actual, restated, judged, month = _quantity_actual(r.actual, r.claimed, ind, policy, row, year)
    if not row.ok:
        return None
    return Outcome(
        actual=actual,
        rate=r.rate,
        grade=grade,
        achieved_word=word,
        not_applicable=r.status == "na",
        reason=(r.reason or "").strip() or None,
        claimed=r.claimed,
        restates_target=restated,
        written=r.actual if isinstance(r.actual, str) else None,
        judged=judged,
        dated=month,
    )


def _levels(scale) -> str:
    return "、".join(lv.label for lv in scale.levels) if scale else ""


def _qualitative_actual(r: ResultDoc | RowDoc, ind: Indicator, scale, policy: Policy, row: _Row,
                        grade: str | None) -> tuple[str | None, str | None, bool, bool]:
    """What a 定性 actual means: a grade of its scale, an achievement word, the target's own words
    (achieved, DOMAIN: a restated target), or free words the department scored itself within the
    row's points. Returns the grade, the word, whether it restates the target, whether it is judged."""
    text = fold(r.actual) if isinstance(r.actual, str) else None
    if text is not None and scale is not None and scale.level(text) is not None:
        return text, None, False, False
    if text is not None and text in policy.qualitative.achieved_words:
        return grade, text, False, False
    if text is not None and ind.target_text is not None and same_words(text, ind.target_text):
        return grade, text, True, False
    if text is not None and r.claimed is not None and 0 <= r.claimed <= ind.weight:
        return grade, None, False, True  # free words no rule can grade: the department's own score, named as such
    words = "、".join(policy.qualitative.achieved_words)
    if ind.deadline:
        row.bad("actual", t('月份或日期（如 9月、2024年3月），或完成表述（{words}）、等级（{levels}）、在分值内的自评得分',
                            'a month or a date (like 9月, 2024年3月), an achieved word ({words}), a grade ({levels}), or a claimed score within the points',
                            levels=_levels(scale), words=words), describe(r.actual))
        return grade, None, False, False
    row.bad("actual", t('定性指标的等级（{levels}）、完成表述（{words}）、照抄的指标值，或在分值内的自评得分',
                        'a grade ({levels}), an achieved word ({words}), the target restated, or a claimed score within the points',
                        levels=_levels(scale), words=words), describe(r.actual))
    return grade, None, False, False


def _quantity_actual(written: str, claimed: Decimal | None, ind: Indicator, policy: Policy, row: _Row,
                     year: int | None) -> tuple[Decimal | None, bool, bool, bool]:
    """A quantitative actual written as text (``"96%"``, ``"≥90%"``, ``"2024年3月"``): its number in the
    target's unit, whether it restates the target, whether it is words (``完成``, ``达成目标值``) that no
    rule can grade, taken as the department's claim within the row's points as under a text target,
    and whether it was read as a month of a date."""
    q = quantity(written)
    months = ind.deadline or (ind.comparator.lower_is_better and ind.unit == _unit(MONTH_UNIT, policy))
    when = dated(written) if months else None
    # A deadline row reads a date first (2023.9 is September); a ≤ 12月 row keeps every reading it had.
    if when is not None and (ind.deadline or q is None or (q.unit is not None and _unit(q.unit, policy) != ind.unit)):
        actual, restated, month = _month_actual(when, written, row, year)
        return actual, restated, False, month
    if q is None and claimed is not None and 0 <= claimed <= ind.weight and _words(written):
        return None, False, True, False
    if q is None:
        unit = ind.unit or t('指标值的单位', "the target's unit")
        row.bad("actual", t('以 {unit} 计的数字，或在分值内的自评得分', 'a number in {unit}, or a claimed score within the points', unit=unit),
                describe(written))
        return None, False, False, False
    if not q.in_bounds:
        row.bad("actual", BOUNDED, describe(written))
        return None, False, False, False
    if q.unit and ind.unit and _unit(q.unit, policy) != ind.unit:
        row.bad("actual", t('与指标值相同的单位 {unit}', "the target's unit {unit}", unit=ind.unit), describe(written))
    elif ind.deadline and not FIRST_MONTH <= q.number <= LAST_MONTH:
        row.bad("actual", _A_MONTH, describe(written))
    return q.number, q.comparator is not None, False, False


def _words(written: str) -> bool:
    """Whether a completion value is words, not a number that failed to read (``9 5%``, ``1.2.3``)."""
    return not any(ch.isdigit() for ch in fold(written))


def _month_actual(when: Dated, written: str, row: _Row, year: int | None) -> tuple[Decimal | None, bool, bool]:
    """A date as the month it falls in, counted from January of the table's year (``2024年3月`` in a
    2023 table is 15, ``2022年11月`` is −1); a deadline restated (``9月前``) is its month. A year more
    than one from the table's is no month to score with, and ``2023.1`` may be October."""
    if when.ambiguous:
        row.bad("actual", t('月份写明的日期（如 "{y}年1月" 或 "{y}年10月"）', 'a date whose month is plain (like "{y}年1月" or "{y}年10月")',
                            y=when.year), describe(written),
                t('表格里的数字 {y}.10 会变成 {y}.1：请写明月份', 'a spreadsheet number turns {y}.10 into {y}.1: write the month out', y=when.year))
        return None, False, False
    if year is not None and when.year is not None and abs(when.year - year) > 1:
        row.bad("actual", t('{low}–{high} 年间的月份（本表为 {year} 年度）', 'a month of {low} to {high} (the table is for {year})',
                            low=year - 1, high=year + 1, year=year), describe(written))
        return None, False, False
    bare = when.year is None and not (when.by or when.end or when.figures) and when.day is None  # 9月: a number of 月
    return Decimal(when.counted_from(year)), when.by, not bare
