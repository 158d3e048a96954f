"""Findings: what the engine noticed, each with a stable code and a severity.

Codes are part of the output contract (FORMAT.md). A finding's message is
data, a :class:`~scoring.i18n.Text`, worded in the reader's language only
when a report is written.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from attrs import frozen

from .i18n import Text, Words, t


class Severity(StrEnum):
    """How much a finding matters, worst first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Level(StrEnum):
    """Where a discrepancy is: the department's result, a table's total, its 预算执行率 line, or a row."""

    DEPARTMENT = "department"
    PROJECT = "project"
    BUDGET = "budget"
    ROW = "row"


class Kind(StrEnum):
    """What kind of discrepancy it is, so a reviewer knows what to do with it."""

    ROUNDING = "rounding"
    """The claim is the computed value rounded another way (whole points, one decimal, truncated)."""
    MARKED_DOWN = "marked-down"
    """A claim below the rule's score that no rounding explains."""
    OVERCLAIMED = "overclaimed"
    """A claim above the rule's score that no rounding explains: what a bureau most needs to see."""
    ARITHMETIC = "arithmetic"
    """The table's own numbers do not add up (a printed total, a block's points)."""
    TARGET_CHANGED = "target-changed"
    """A target differs from the approved one."""
    INCOMPLETE = "incomplete"
    """The table's points fall short of the policy's total, or exceed it."""


SEVERITIES = tuple(Severity)
"""Worst first."""

CODES: dict[str, tuple[str, str, str]] = {
    # code: (severity, 中文说明, English description)
    "policy-mismatch": ("error", "评分规则冒用内置规则的名称", "a policy file uses a built-in id but differs from it"),
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


class FindingCode(StrEnum):
    """Every finding code: part of the output contract (FORMAT.md, docs/findings.md)."""

    POLICY_MISMATCH = "policy-mismatch"
    CLAIMED_MISMATCH = "claimed-mismatch"
    TARGET_CHANGED = "target-changed"
    WEIGHTS_SUM = "weights-sum"
    LEVEL1_SPLIT = "level1-split"
    SATISFACTION_MISSING = "satisfaction-missing"
    REASON_MISSING = "reason-missing"
    OVERACHIEVED = "overachieved"
    ACTUAL_RESTATES_TARGET = "actual-restates-target"
    BUDGET_MISSING = "budget-missing"
    BUDGET_DENOMINATOR = "budget-denominator"
    FUNDS_ROW = "funds-row"
    BUDGET_CAP = "budget-cap"
    QUALITATIVE_JUDGED = "qualitative-judged"
    UNIT_MISSING = "unit-missing"
    COMPARATOR_ASSUMED = "comparator-assumed"
    NOT_APPLICABLE = "not-applicable"
    ROLLUP_FALLBACK = "rollup-fallback"


_CODES = {c.value: c for c in FindingCode}
_SEVERITIES = {s.value: s for s in Severity}
"""Each member by its value, looked up directly: a finding is made up to once per row."""


MESSAGES: dict[str, tuple[str, str]] = {
    # code or code.variant: (中文, English); {name} marks a parameter, worded in the same language
    "policy-mismatch": ("评分规则自称「{id}」，但与内置的 {id} 不同（sha256 {sha}，内置为 {builtin}）：按此文件评分，结果不能当作 {id} 的结果",
                        "the policy calls itself “{id}” but differs from the built-in {id} (sha256 {sha}, built-in {builtin}); "
                        "scored by this file, the result is not a {id} result"),
    "comparator-assumed": ("{indicator}未写指标性质，按 {comparator} 处理", "{indicator} has no comparator; {comparator} assumed"),
    "not-applicable.drop": ("{indicator}本年度不适用，已剔除", "{indicator} is not applicable; dropped"),
    "not-applicable.zero": ("{indicator}本年度不适用，计 0 分", "{indicator} is not applicable; scored 0"),
    "unit-missing": ("{indicator}的指标值 {target} 没有度量单位，按数字直接比较", "{indicator} has target {target} with no unit; compared as plain numbers"),
    "actual-restates-target": ("{indicator}的实际完成值写作 \"{written}\"，照抄了指标值，按 {read} 计",
                               "{indicator} gives the actual as \"{written}\", restating the target; read as {read}"),
    "actual-restates-target.qualitative": ("{indicator}的实际完成值照抄了定性指标值，视为达成，得满分",
                                           "{indicator} restates its qualitative target as the actual; taken as achieved, full marks"),
    "qualitative-judged": ("{indicator}的实际完成值 \"{written}\" 无法按规则判定，取单位自评 {claimed} 分",
                           "{indicator}: no rule can grade the actual \"{written}\"; the department's own {claimed} is taken"),
    "overachieved": ("{indicator}完成值超出指标值 {excess}（超过阈值 {threshold}），请说明原因",
                     "{indicator} exceeds its target by {excess} (threshold {threshold}); explain why"),
    "reason-missing.shortfall": ("{indicator}未完成（{formula}），未填写偏差原因分析及改进措施", "{indicator} falls short ({formula}) with no 偏差原因"),
    "reason-missing.over": ("{indicator}大幅超额（{formula}），未填写偏差原因分析及改进措施", "{indicator} is far over target ({formula}) with no 偏差原因"),
    'budget-missing': ('{subject}没有预算执行数据，预算执行率（{points} 分）未计入',
                       '{subject} has no budget figures; 预算执行率 ({points} points) is left out'),
    'budget-cap': ('{subject}预算执行率 {rate} 低于 {below}，总分上限 {at_most}，扣减 {v} 分',
                   '{subject}: execution rate {rate} is below {below}, so the total is held at {at_most} ({v} deducted)'),
    'claimed-mismatch.sum': ('{subject}各项自评得分合计 {added}，自评总分却为 {score}',
                             '{subject}: the claimed row scores add to {added}, but the claimed total is {score}'),
    'claimed-mismatch': ('{what}自评 {claimed}，复算 {computed}（{formula}）{extra}',
                         '{what}: claimed {claimed}, computed {computed} ({formula}){extra}'),
    'claimed-mismatch.grade': ('{what}自评等级「{grade}」，复算等级「{grade2}」（{score} 分）',
                               '{what}: claimed grade “{grade}”, computed “{grade2}” ({score})'),
    'weights-sum.printed': ('{subject}各行分值合计 {declared}，表中总分栏却写 {printed}',
                            "{subject}: the rows' points total {declared}, but the table prints {printed}"),
    'weights-sum': ('{subject}分值合计 {declared}，应为 {total}',
                    '{subject} points total {declared}, not {total}'),
    'satisfaction-missing': ('{subject}没有满意度指标，其 {v} 分视为并入{fallback}',
                             '{subject} has no 满意度指标; its {v} points count toward {fallback}'),
    'level1-split': ('{subject}一级指标分值与原则分配不同（实际/原则）：{shown}',
                     "{subject} level-1 points differ from the policy's (actual/policy): {shown}"),
    'weights-sum.block': ('{subject}「{label}」标明 {printed} 分，其下各行分值合计 {added}',
                          '{subject}: “{label}” is marked {printed} points, but its rows add to {added}'),
    'rollup-fallback': ('有项目缺少全年执行数，部门得分改用项目得分的简单平均',
                        'some projects have no executed budget; the department score is their plain mean'),
    "budget-denominator.unscorable": ("{subject}的{missing}未填或为 0，无法计算执行率，预算执行率计 0 分",
                                      "{subject}: {missing} is missing or 0, so the execution rate cannot be computed; the line scores 0"),
    "budget-denominator.fallback": ("{subject}的{wanted}{why}，执行率改以{used}为分母（{formula}）",
                                    "{subject}: {wanted} {why}; the rate divides by {used} instead ({formula})"),
    "target-changed.dropped": ("批复的指标「{name}」（{approved}）未出现在自评表中，计 0 分；按自评表所写指标得 {as_submitted} 分，按批复指标得 {score} 分，差 {v}",
                               "approved indicator “{name}” ({approved}) is missing from the table; scored 0; {as_submitted} against the indicators as written, {score} against the approved ones (difference {v})"),
    "target-changed.added": ("自评表增加了未批复的指标「{name}」（{submitted}），不计分；按自评表所写指标得 {as_submitted} 分，按批复指标得 {score} 分，差 {v}",
                             "indicator “{name}” ({submitted}) was not approved; not scored; {as_submitted} against the indicators as written, {score} against the approved ones (difference {v})"),
    "target-changed.changed": ("指标「{name}」的{what}：批复为 {approved}，自评表写作 {submitted}；按自评表所写指标得 {as_submitted} 分，按批复指标得 {score} 分，差 {v}",
                               "indicator “{name}” {what}: approved {approved}, written {submitted}; {as_submitted} against the indicators as written, {score} against the approved ones (difference {v})"),
    "kind.rounding": ("差 {difference}，按{how}则相符", "off by {difference}; {how} gives the claim"),
    "kind.overclaimed": ("自评比规则得分高 {difference} 分", "{difference} above what the rules give"),
    "kind.marked-down": ("自评比规则得分低 {difference} 分，未说明原因", "{difference} below what the rules give, with no reason"),
    "kind.marked-down.reasoned": ("自评比规则得分低 {difference} 分，原因：{reason}", "{difference} below what the rules give; reason: {reason}"),
    "kind.arithmetic": ("表中数字自相矛盾：{detail}", "the table's own numbers disagree: {detail}"),
    "kind.target-changed": ("指标与批复不符，得分因此变化 {difference}", "a target differs from the approved one; the score moves by {difference}"),
    "kind.incomplete": ("表中分值合计 {points}，满分应为 {total}", "the table holds {points} of {total} points"),
    "kind.grade-over": ("自评等级高于复算等级", "the claimed grade is above the computed one"),
    "kind.grade-under": ("自评等级低于复算等级", "the claimed grade is below the computed one"),
}
"""The wording of every finding, in one place. User text (names, actuals) is only ever a parameter."""


def say(code: str, variant: str | None = None, **params) -> Text:
    """A finding's message from the catalogue, not yet worded."""
    zh, en = MESSAGES[f"{code}.{variant}" if variant else code]
    return t(zh, en, **params)


SEVERITY_NAMES = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}


def severity_name(severity: str, lang: str) -> str:
    """错误 / 警告 / 提示 in Chinese; the severity itself in English."""
    zh, en = SEVERITY_NAMES[severity]
    return en if lang == "en" else zh


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@frozen(slots=False)  # up to one per row: a dict-backed frozen class is built faster
class Finding:
    code: FindingCode
    severity: Severity
    message: Text
    subject: str | None = None
    indicator: str | None = None
    place: object = None
    """Where the finding's row is written, when known: ``str(place)`` is ``file:line``
    (worked out only when a report shows it)."""
    claimed: str | None = None
    """For a discrepancy: the value the department claimed …"""
    computed: str | None = None
    """… the value the rules give …"""
    formula: Words | None = None
    """… and how they give it."""
    level: Level | None = None
    """For a discrepancy: where it is."""
    kind: Kind | None = None
    """For a discrepancy: what kind it is."""
    reason: Text | None = None
    """For a discrepancy: a short reason a reviewer can act on."""
    difference: Decimal | None = None
    """For a discrepancy: claimed − computed, exact, in points (what a batch ranks by)."""

    @classmethod
    def of(cls, code: str, message: Text, subject=None, indicator=None, place=None, severity: str | None = None, **detail) -> Finding:
        return cls(_CODES[code], _SEVERITIES[severity or CODES[code][0]], message, subject, indicator, place or None, **detail)

    def word(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message.word(lang)
