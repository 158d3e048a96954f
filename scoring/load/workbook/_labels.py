"""The words a 自评表 prints in its headers and labels, however it brackets them.

``全年预算数（A）``, ``执行率(B/A)``, ``得分(20分*执行率)``, ``预算执行情况(万元)(20分)``
and ``三级\n指标`` all name a known column or block. :func:`label` strips line
breaks, spaces and the bracketed marks, and keeps what the marks say: the
points of ``(20分)`` and the money unit of ``(万元)``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import frozen

from .._targets import MAX_LABEL, fold

_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]\s*$")
_POINTS = re.compile(r"^(\d+(?:\.\d+)?)\s*分")
_MONEY = re.compile(r"^(万元|元)$")
_UNIT_LINE = re.compile(r"(?:金额单位|单位)\s*[:：]\s*(万元|元)")
_SEAL = r"[(（]\s*(?:盖章|公章)\s*[)）]"
_FILLER = re.compile(rf"(?:填报单位|单位名称|填报部门|主管部门|预算部门)\s*(?:{_SEAL})?\s*[:：]\s*(?!{_SEAL})(.+?)\s*(?:{_SEAL}|$|\s{{2,}}|金额单位)")
_TRAILING = re.compile(r"[\s;；,，、|]*(?:(?:填报|填表|报送)(?:日期|时间)|(?:联系人|联系电话|电话)\s*[:：]).*$", re.S)
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@frozen
class Label:
    """A header or label as printed, and what its bracketed marks say."""

    text: str
    points: Decimal | None = None
    money_unit: str | None = None


def label(printed: str) -> Label:
    """``预算执行情况(万元)(20分)`` → 预算执行情况, 20 points, 万元."""
    text = re.sub(r"\s+", "", fold(printed))
    points = unit = None
    if len(text) > MAX_LABEL:  # no header is this long; the bracket search is not run on it
        return Label(text)
    while m := _BRACKET.search(text):
        inner = m.group(1)
        if p := _POINTS.match(inner):
            points = points if points is not None else Decimal(p.group(1))
        elif _MONEY.match(inner):
            unit = inner
        text = text[: m.start()]
    return Label(text, points, unit)


def money_unit_in(text: str) -> str | None:
    """``金额单位：万元`` (on a title line) → 万元."""
    m = _UNIT_LINE.search(fold(text))
    return m.group(1) if m else None


def filler_in(text: str) -> str | None:
    """``填报单位（盖章）：某某局　填报日期：`` or ``主管部门：某某局`` → 某某局: a title line that names
    the department after its label, in the same cell."""
    m = _FILLER.search(fold(text))
    name = name_and_rest(m.group(1).strip())[0] if m else ""  # a blank form's 「填报单位：（盖章）」 names no one
    return name or None


def name_and_rest(written: str) -> tuple[str, str]:
    """``区商务局;填报日期 2021年4月22日`` → (区商务局, 填报日期 2021年4月22日): a 主管部门 or 实施单位
    cell that also holds the date it was filled in, or a contact, is cut where that begins. The rest
    is ``""`` when there is none; the name is ``""`` when the cell holds nothing else."""
    m = _TRAILING.search(written)
    if m is None:
        return written, ""
    return written[: m.start()].strip(), m.group(0).lstrip(" \t\r\n;；,，、|").strip()


# -- the indicator block -----------------------------------------------------------

INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    # key: header words, best first
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "绩效指标名称", "具体指标", "绩效指标"),
    "comparator": ("指标性质", "指标方向", "比较符", "运算符"),
    "target": ("年度指标值", "指标值", "年度目标值", "目标值", "计划值", "预期指标值", "全年目标值", "指标值(A)"),
    "unit": ("度量单位", "计量单位", "单位"),
    "actual": ("实际完成值", "全年实际完成值", "完成值", "实际值", "全年实际值", "实际完成情况"),
    "weight": ("分值", "权重", "指标权重", "权重分值", "分值(权重)"),
    "score": ("得分", "自评分", "评分", "实际得分"),
    "reason": ("偏差原因分析及改进措施", "偏差原因分析及改进措施说明", "偏差原因分析", "偏差原因", "未完成原因分析",
               "未完成原因分析及改进措施", "原因分析"),
    "claimed": ("自评得分",),
    "id": ("编号", "指标编号"),
    "formula": ("计算过程", "得分计算方法"),
}
"""Header words of the indicator block. ``claimed`` is the column this project's own export
adds; without it, the 得分 column is the department's claim."""

TOTAL_LABELS = ("总分", "合计", "总计", "总得分", "自评总分", "得分合计")
SUBTOTAL_LABELS = ("小计",)
EXPORT_TOTALS = ("百分制得分", "等级")
"""Rows after 总分 in this project's own export."""
GOAL_LABELS = ("年度总体目标", "年度总体目标完成情况", "总体目标", "预期目标", "实际完成情况")
SUMMARY_TITLE = "绩效自评结果汇总"
