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


# -- this project's own export ----------------------------------------------------------

EXPORT_TOTALS = ("百分制得分", "等级")
"""Rows after 总分 in this project's own export."""
SUMMARY_TITLE = "绩效自评结果汇总"
