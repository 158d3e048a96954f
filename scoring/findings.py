"""Findings: what the engine noticed, each with a stable code and a severity.

Codes are part of the output contract (FORMAT.md); messages are worded in
the current language where the finding is made.
"""

from __future__ import annotations

from attrs import frozen

SEVERITIES = ("error", "warning", "info")
"""Worst first."""

CODES: dict[str, tuple[str, str, str]] = {
    # code: (severity, 中文说明, English description)
    "claimed-mismatch": ("error", "自评得分或等级与复算结果不符", "a claimed score or grade differs from the computed one"),
    "target-changed": ("error", "自评表的指标与批复的绩效目标不一致", "an indicator differs from the approved set"),
    "weights-sum": ("warning", "分值合计不等于满分", "points do not total the policy's total"),
    "level1-split": ("warning", "一级指标分值偏离原则分配", "the level-1 split differs from the policy's"),
    "satisfaction-missing": ("warning", "没有满意度指标", "no satisfaction indicator"),
    "reason-missing": ("warning", "未完成或大幅超额，未说明偏差原因", "a shortfall or far over-achievement without a reason"),
    "overachieved": ("warning", "大幅超额完成，目标可能偏低", "far above target; the target may have been set too low"),
    "actual-restates-target": ("warning", "实际完成值照抄了指标值", "the actual restates the target"),
    "budget-missing": ("warning", "缺少预算执行数据，未计预算执行率", "no budget figures; 预算执行率 not scored"),
    "budget-denominator": ("warning", "执行率分母缺失或为 0，改用其他数额或计 0 分", "the rate's denominator is missing or 0; another figure or 0 used"),
    "funds-row": ("warning", "年度资金总额为 0，预算数取自其中一行", "年度资金总额 is empty; the budget was read from a 其中 row"),
    "budget-cap": ("warning", "预算执行率偏低，项目总分按规则封顶", "a low execution rate caps the project total"),
    "qualitative-judged": ("info", "定性指标无法按规则判定，取单位自评得分", "a qualitative actual no rule can grade; the claim is taken"),
    "unit-missing": ("info", "数值指标没有度量单位", "a numeric target with no unit"),
    "comparator-assumed": ("info", "未写指标性质，按默认处理", "no comparator given; the default was assumed"),
    "not-applicable": ("info", "指标本年度不适用", "indicator not applicable this year"),
    "rollup-fallback": ("info", "部分项目无执行数，改用简单平均", "some projects lack executed budget; plain mean used"),
}


def severity_name(severity: str) -> str:
    """错误 / 警告 / 提示 in Chinese; the code itself in English."""
    from .i18n import tr

    return tr({"error": "错误", "warning": "警告", "info": "提示"}[severity], severity)


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@frozen
class Finding:
    code: str
    severity: str
    message: str
    subject: str | None = None
    indicator: str | None = None
    place: object = None
    """Where the finding's row is written, when known: ``str(place)`` is ``file:line``
    (worked out only when a report shows it)."""
    claimed: str | None = None
    """For a discrepancy: the value the department claimed …"""
    computed: str | None = None
    """… the value the rules give …"""
    formula: str | None = None
    """… and how they give it."""

    @classmethod
    def of(cls, code: str, message: str, subject=None, indicator=None, place=None, severity: str | None = None, **detail) -> "Finding":
        return cls(code, severity or CODES[code][0], message, subject, indicator, place or None, **detail)
