"""Findings: what the engine noticed, each with a stable code and a severity.

Every code is declared once, in :data:`CATALOGUE`: its default severity, its
discrepancy kind where it has a fixed one, a one-line title and the docs'
"raised when" text, and each message it can say with the fix that goes with
it, in Chinese and English. Codes are part of the output contract
(FORMAT.md); ``docs/findings.md`` is generated from the catalogue
(``python scripts/make_findings_doc.py``). A finding's message is data, a
:class:`~scoring.i18n.Text`, worded in the reader's language only when a
report is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum

from attrs import frozen

from .i18n import Text, Words, filled, t


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


class FindingCode(StrEnum):
    """Every finding code: part of the output contract (FORMAT.md, docs/findings.md). Used by name, never as a string."""

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
    BUDGET_POINTS_DIFFER = "budget-points-differ"
    AMOUNT_IMPLAUSIBLE = "amount-implausible"
    BUDGET_CAP = "budget-cap"
    QUALITATIVE_JUDGED = "qualitative-judged"
    UNIT_MISSING = "unit-missing"
    COMPARATOR_ASSUMED = "comparator-assumed"
    NOT_APPLICABLE = "not-applicable"
    ROLLUP_FALLBACK = "rollup-fallback"


@frozen
class Said:
    """One thing a code can say, and what the user should do about it. ``{name}`` marks a parameter;
    the fix is filled in from the message's own parameters, so it names only those."""

    message: Text
    fix: Text | None = None


def said(zh: str, en: str, fix: tuple[str, str] | None = None) -> Said:
    return Said(t(zh, en), t(*fix) if fix else None)


@frozen
class Spec:
    """A finding code, declared once: everything the engine, the reports and the docs say of it."""

    severity: Severity
    """The default; a policy may change it where ``knob`` says."""
    title: Text
    """One line: what the finding means."""
    raised_when: str
    """When it is raised, for docs/findings.md (the docs are in English)."""
    says: Mapping[str | None, Said]
    """Its messages by variant (None: the plain one), each with its fix."""
    kind: Kind | None = None
    """Its discrepancy kind, where it always has the same one."""
    knob: str | None = None
    """The policy knob that sets its severity, if one does."""

    def fix_for(self, message: Text) -> Text | None:
        """The fix that goes with ``message`` (said by :func:`say`), filled in with its parameters."""
        for s in self.says.values():
            if s.message.zh == message.zh:
                return None if s.fix is None else filled(s.fix, **dict(message.params))
        return None


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_EFFECT = ("按自评表所写指标得 {as_submitted} 分，按批复指标得 {score} 分，差 {v}",
           "{as_submitted} against the indicators as written, {score} against the approved ones (difference {v})")

CATALOGUE: dict[FindingCode, Spec] = {
    FindingCode.POLICY_MISMATCH: Spec(
        _E, t("评分规则冒用内置规则的名称", "a policy file uses a built-in id but differs from it"),
        "The policy file calls itself by a built-in id (`id = \"central-2020\"`) but its rules differ from the built-in one. "
        "The result is scored by that file and must not be read as a result under the built-in rules; a bureau's `--policy` overrides it.",
        {None: said("评分规则自称「{id}」，但与内置的 {id} 不同（sha256 {sha}，内置为 {builtin}）：按此文件评分，结果不能当作 {id} 的结果",
                    "the policy calls itself “{id}” but differs from the built-in {id} (sha256 {sha}, built-in {builtin}); "
                    "scored by this file, the result is not a {id} result",
                    ("给此评分规则另起一个 id，或不加改动地使用内置的 {id}", "give the policy file an id of its own, or use the built-in {id} unchanged"))}),
    FindingCode.CLAIMED_MISMATCH: Spec(
        _E, t("自评得分或等级与复算结果不符", "a claimed score or grade differs from the computed one"),
        "A claimed value (a row's 得分, the 预算执行率 line, a project's or the department's total, a grade) differs from the computed one "
        "at the policy's rounding. Also raised when a printed total is neither the sum of the printed rows nor that sum on the 100-point scale.",
        {"row": said("{indicator}自评 {claimed}，复算 {computed}（{formula}）{extra}",
                     "{indicator}: claimed {claimed}, computed {computed} ({formula}){extra}",
                     ("改为复算得分 {computed}，或在偏差原因栏说明", "write the computed {computed}, or give the reason in 偏差原因")),
         None: said("{what}自评 {claimed}，复算 {computed}（{formula}）{extra}", "{what}: claimed {claimed}, computed {computed} ({formula}){extra}",
                    ("改为复算得分 {computed}", "write the computed {computed}")),
         "sum": said("{subject}各项自评得分合计 {added}，自评总分却为 {score}",
                     "{subject}: the claimed row scores add to {added}, but the claimed total is {score}",
                     ("改正各行自评得分或自评总分，使总分等于各行合计 {added}", "correct the row scores or the total, so the total is the rows' sum, {added}")),
         "grade": said("{what}自评等级「{grade}」，复算等级「{grade2}」（{score} 分）", "{what}: claimed grade “{grade}”, computed “{grade2}” ({score})",
                       ("改为复算等级「{grade2}」", "write the computed grade “{grade2}”"))}),
    FindingCode.TARGET_CHANGED: Spec(
        _E, t("自评表的指标与批复的绩效目标不一致", "an indicator differs from the approved set"),
        "A row differs from the approved indicator set (`approved = …`): its comparator, target, unit or weight was changed, "
        "or a row was added or dropped. The message says what the change does to the score.",
        {"dropped": said("批复的指标「{name}」（{approved}）未出现在自评表中，计 0 分；" + _EFFECT[0],
                         "approved indicator “{name}” ({approved}) is missing from the table; scored 0; " + _EFFECT[1],
                         ("按批复补回指标「{name}」（{approved}）", "restore the approved indicator “{name}” ({approved})")),
         "added": said("自评表增加了未批复的指标「{name}」（{submitted}），不计分；" + _EFFECT[0],
                       "indicator “{name}” ({submitted}) was not approved; not scored; " + _EFFECT[1],
                       ("删去未批复的指标「{name}」，或先按程序报批", "remove “{name}”, or have it approved first")),
         "changed": said("指标「{name}」的{what}：批复为 {approved}，自评表写作 {submitted}；" + _EFFECT[0],
                         "indicator “{name}” {what}: approved {approved}, written {submitted}; " + _EFFECT[1],
                         ("将「{name}」的{what}改回批复的 {approved}", "set the {what} of “{name}” back to the approved {approved}"))},
        kind=Kind.TARGET_CHANGED),
    FindingCode.WEIGHTS_SUM: Spec(
        _W, t("分值合计不等于满分", "points do not total the policy's total"),
        "The points of a table do not total the policy's `total`. It is an **error** (`weights.printed_severity`) when the table prints "
        "a points total (`claimed.points`, the 总分 row's 分值) that its rows do not add up to, such as 120 points printed as 100. "
        "It is also raised for a `(N分)` block label whose rows add to something else.",
        {None: said("{subject}分值合计 {declared}，应为 {total}", "{subject} points total {declared}, not {total}",
                    ("调整各行分值，使合计为 {total}", "adjust the rows' points to total {total}")),
         "printed": said("{subject}各行分值合计 {declared}，表中总分栏却写 {printed}",
                         "{subject}: the rows' points total {declared}, but the table prints {printed}",
                         ("把总分栏的分值改为 {declared}，或改正各行分值", "print {declared} as the total's points, or correct the rows' points")),
         "block": said("{subject}「{label}」标明 {printed} 分，其下各行分值合计 {added}",
                       "{subject}: “{label}” is marked {printed} points, but its rows add to {added}",
                       ("把「{label}」标明的分值改为 {added}，或改正其下各行分值", "mark “{label}” {added} points, or correct its rows' points"))},
        knob="weights.severity"),
    FindingCode.LEVEL1_SPLIT: Spec(
        _W, t("一级指标分值偏离原则分配", "the level-1 split differs from the policy's"),
        "The 一级指标 points differ from the policy's split (产出 50, 效益 30, 满意度 10). Set `split.strictness = \"error\"` "
        "to make it an error, or `\"off\"` to switch the check off (as `hubei-2022` does).",
        {None: said("{subject}一级指标分值与原则分配不同（实际/原则）：{shown}",
                    "{subject} level-1 points differ from the policy's (actual/policy): {shown}",
                    ("在一级指标之间调整分值，使其符合原则分配，或说明不同的理由",
                     "move points between the level-1 blocks to the policy's split, or say why they differ"))}),
    FindingCode.SATISFACTION_MISSING: Spec(
        _W, t("没有满意度指标", "no satisfaction indicator"),
        "A project has no satisfaction indicator at all. 满意度 written as a 二级 under 效益指标 counts (`labels.satisfaction`).",
        {None: said("{subject}没有满意度指标，其 {v} 分视为并入{fallback}", "{subject} has no 满意度指标; its {v} points count toward {fallback}",
                    ("增加满意度指标（{v} 分）", "add a 满意度指标 ({v} points)"))}),
    FindingCode.REASON_MISSING: Spec(
        _W, t("未完成或大幅超额，未说明偏差原因", "a shortfall or far over-achievement without a reason"),
        "A row falls short, or is far over target, with no 偏差原因分析及改进措施.",
        {"shortfall": said("{indicator}未完成（{formula}），未填写偏差原因分析及改进措施", "{indicator} falls short ({formula}) with no 偏差原因",
                           ("在偏差原因栏说明未完成的原因和改进措施", "give the cause and the remedy in 偏差原因")),
         "over": said("{indicator}大幅超额（{formula}），未填写偏差原因分析及改进措施", "{indicator} is far over target ({formula}) with no 偏差原因",
                      ("在偏差原因栏说明大幅超额的原因", "say in 偏差原因 why the target was far exceeded"))}),
    FindingCode.OVERACHIEVED: Spec(
        _W, t("大幅超额完成，目标可能偏低", "far above target; the target may have been set too low"),
        "B/A − 1 is above `overachievement.threshold` (0.2). Under `mode = \"deduct\"` or `\"fixed\"` the row is also deducted.",
        {None: said("{indicator}完成值超出指标值 {excess}（超过阈值 {threshold}），请说明原因",
                    "{indicator} exceeds its target by {excess} (threshold {threshold}); explain why",
                    ("在偏差原因栏说明超额的原因，下一年度据实设定指标值", "explain why in 偏差原因, and set next year's target from this actual"))}),
    FindingCode.ACTUAL_RESTATES_TARGET: Spec(
        _W, t("实际完成值照抄了指标值", "the actual restates the target"),
        "The actual copies the target: `≥90%` is read as 90, and a 定性 target's own words (`有效` for `有效`) earn full marks.",
        {None: said("{indicator}的实际完成值写作 \"{written}\"，照抄了指标值，按 {read} 计",
                    "{indicator} gives the actual as \"{written}\", restating the target; read as {read}",
                    ("把实际完成值改为实际达到的数（如 {read}）", "write the actual as the number achieved (such as {read})")),
         "qualitative": said("{indicator}的实际完成值照抄了定性指标值，视为达成，得满分",
                             "{indicator} restates its qualitative target as the actual; taken as achieved, full marks",
                             ("写明实际完成情况，而非照抄指标值", "say what was achieved instead of restating the target"))}),
    FindingCode.BUDGET_MISSING: Spec(
        _W, t("缺少预算执行数据，未计预算执行率", "no budget figures; 预算执行率 not scored"),
        "A table has budget points but no budget figures: the line is left out.",
        {None: said("{subject}没有预算执行数据，预算执行率（{points} 分）未计入", "{subject} has no budget figures; 预算执行率 ({points} points) is left out",
                    ("填写预算数和全年执行数", "fill in the budget and the amount executed"))}),
    FindingCode.BUDGET_DENOMINATOR: Spec(
        _W, t("执行率分母缺失或为 0，改用其他数额或计 0 分", "the rate's denominator is missing or 0; another figure or 0 used"),
        "The figure the rate divides by (`budget.denominator`) is missing or 0. The next figure the table gives is used "
        "(全年预算数, 年初预算数, 实际到位资金), or the line scores 0 when there is none, or no 执行数.",
        {"unscorable": said("{subject}的{missing}未填或为 0，无法计算执行率，预算执行率计 0 分",
                            "{subject}: {missing} is missing or 0, so the execution rate cannot be computed; the line scores 0",
                            ("填写{missing}", "fill in {missing}")),
         "fallback": said("{subject}的{wanted}{why}，执行率改以{used}为分母（{formula}）",
                          "{subject}: {wanted} {why}; the rate divides by {used} instead ({formula})",
                          ("填写{wanted}", "fill in {wanted}"))}),
    FindingCode.FUNDS_ROW: Spec(
        _W, t("年度资金总额为 0，预算数取自其中一行", "年度资金总额 is empty; the budget was read from a 其中 row"),
        "A workbook's 年度资金总额 line is printed as zeros while a 其中 line carries the money. The 其中 line was read.",
        {None: said("{kind}：{zh}", "{kind}: {en}", ("在年度资金总额一行填写合计金额", "fill in the totals on the 年度资金总额 line"))}),
    FindingCode.BUDGET_POINTS_DIFFER: Spec(
        _W, t("表中预算执行率的分值与评分规则不同", "the table's budget points differ from the policy's"),
        "A table prints its budget line's points (a `(20分)` on its 预算执行情况 block, a 分值 cell, `budget_points`) and they differ "
        "from the policy's `budget.points`. The table's own points are scored, as its rows' 分值 are: the points a submission states "
        "are its own, and the split and weights checks police them. The finding names the built-in policy whose points match, if one does.",
        {None: said("{subject}预算执行率按表中所印 {table} 分计分，评分规则 {policy} 为 {points} 分",
                    "{subject}: the budget line is scored on the table's own {table} points; policy {policy} gives {points}",
                    ("核对表中预算执行率的分值与所用表样", "check the budget line's points against the form the table follows")),
         "match": said("{subject}预算执行率按表中所印 {table} 分计分，评分规则 {policy} 为 {points} 分；内置规则 {match} 与本表一致",
                       "{subject}: the budget line is scored on the table's own {table} points; policy {policy} gives {points}; "
                       "the built-in policy {match} matches the table",
                       ("若本表按 {match} 的表样填报，用 --policy {match} 复算", "if the table follows {match}'s form, re-score with --policy {match}"))}),
    FindingCode.AMOUNT_IMPLAUSIBLE: Spec(
        _E, t("预算金额与执行金额相差千倍以上", "an amount a thousand times off its neighbour"),
        "A budget block's 全年执行数 is less than a thousandth of its 全年预算数, or more than a thousand times it: one of the two is "
        "almost certainly in the other money unit (元 against 万元). The figures are scored as written and both cells are named.",
        {None: said("{subject}工作表「{sheet}」{budget_cell} 全年预算数 {budget} 与 {executed_cell} 全年执行数 {executed} 相差千倍以上，"
                    "可能一个以元、一个以万元填写",
                    "{subject}: sheet “{sheet}” {budget_cell} budget {budget} and {executed_cell} executed {executed} are a thousand times "
                    "apart; one may be in 元 and the other in 万元",
                    ("把 {budget_cell} 和 {executed_cell} 改为同一金额单位", "write {budget_cell} and {executed_cell} in the same money unit"))}),
    FindingCode.BUDGET_CAP: Spec(
        _W, t("预算执行率偏低，项目总分按规则封顶", "a low execution rate caps the project total"),
        "The policy caps a project's total by its execution rate (`budget.caps`), and the total was above the cap. The excess is deducted.",
        {None: said("{subject}预算执行率 {rate} 低于 {below}，总分上限 {at_most}，扣减 {v} 分",
                    "{subject}: execution rate {rate} is below {below}, so the total is held at {at_most} ({v} deducted)",
                    ("说明执行率偏低的原因；自评总分不超过 {at_most}", "explain the low execution rate; claim no more than {at_most}"))}),
    FindingCode.QUALITATIVE_JUDGED: Spec(
        _I, t("实际完成值无法按规则判定，取单位自评得分", "an actual no rule can grade; the claim is taken"),
        "An actual in words that no rule can grade: under a 定性 target, neither a grade, an achievement word, nor the target "
        "restated; under a numeric target (`100%`), any words at all (`完成`, `按规定执行`, `达成目标值`). "
        "The department's own claimed score is taken, within the row's points. A reviewer can list every row scored on the "
        "department's word. Without such a claim, the row is a problem, not a finding.",
        {None: said("{indicator}的实际完成值 \"{written}\" 无法按规则判定，取单位自评 {claimed} 分",
                    "{indicator}: no rule can grade the actual \"{written}\"; the department's own {claimed} is taken",
                    ("把实际完成值写成评分规则的等级或完成表述（如“完成”）", "write the actual as a grade of the scale or an achievement word (such as 完成)")),
         "numeric": said("{indicator}的指标值是数值，实际完成值 \"{written}\" 却是文字，无法按规则计分，取单位自评 {claimed} 分",
                         "{indicator}: the target is a number but the actual \"{written}\" is words no rule can score; the department's own {claimed} is taken",
                         ("把实际完成值写成与指标值同单位的数值（如 100%）", "write the actual as a number in the target's unit (such as 100%)"))}),
    FindingCode.UNIT_MISSING: Spec(
        _I, t("数值指标没有度量单位", "a numeric target with no unit"),
        "A numeric target has no unit, neither in its own text, in `unit`, nor in brackets at the end of the name (`服务外包在岸(万美元)`). "
        "The row is compared as plain numbers.",
        {None: said("{indicator}的指标值 {target} 没有度量单位，按数字直接比较", "{indicator} has target {target} with no unit; compared as plain numbers",
                    ("在度量单位栏填写单位", "fill in the unit"))}),
    FindingCode.COMPARATOR_ASSUMED: Spec(
        _I, t("未写指标性质，按默认处理", "no comparator given; the default was assumed"),
        "A numeric target has no comparator, so the policy's default was taken. The default is ≤ under a cost label (`labels.cost`), "
        "for a target of 0, and for names with a lower-is-better word (`labels.lower_is_better`: 投诉, 事故, 控制率, …). Everywhere else it is ≥.",
        {None: said("{indicator}未写指标性质，按 {comparator} 处理", "{indicator} has no comparator; {comparator} assumed",
                    ("在指标值前写明指标性质（如 {comparator}）", "write the comparator before the target (such as {comparator})"))}),
    FindingCode.NOT_APPLICABLE: Spec(
        _I, t("指标本年度不适用", "indicator not applicable this year"),
        "A row is marked not applicable (`status = \"na\"`, or `不适用` in a workbook).",
        {"drop": said("{indicator}本年度不适用，已剔除", "{indicator} is not applicable; dropped"),
         "zero": said("{indicator}本年度不适用，计 0 分", "{indicator} is not applicable; scored 0")}),
    FindingCode.ROLLUP_FALLBACK: Spec(
        _I, t("部分项目无执行数，改用简单平均", "some projects lack executed budget; plain mean used"),
        "A project lacks its executed budget, so the department score is the plain mean of the projects, not the mean weighted by budget.",
        {None: said("有项目缺少全年执行数，部门得分改用项目得分的简单平均",
                    "some projects have no executed budget; the department score is their plain mean",
                    ("为每个项目填写全年执行数", "fill in every project's amount executed"))}),
}
"""Every finding code, declared once, in the order docs/findings.md lists them (worst first)."""


KIND_REASONS: dict[Kind, Mapping[str | None, Text]] = {
    Kind.ROUNDING: {"whole": t("差 {difference}，按整数取整则相符", "off by {difference}; whole points gives the claim"),
                    "one-decimal": t("差 {difference}，按一位小数则相符", "off by {difference}; one decimal gives the claim"),
                    "truncated": t("差 {difference}，按截尾取整则相符", "off by {difference}; truncating gives the claim")},
    Kind.OVERCLAIMED: {None: t("自评比规则得分高 {difference} 分", "{difference} above what the rules give"),
                       "grade": t("自评等级高于复算等级", "the claimed grade is above the computed one")},
    Kind.MARKED_DOWN: {None: t("自评比规则得分低 {difference} 分，未说明原因", "{difference} below what the rules give, with no reason"),
                       "reasoned": t("自评比规则得分低 {difference} 分，原因：{reason}", "{difference} below what the rules give; reason: {reason}"),
                       "grade": t("自评等级低于复算等级", "the claimed grade is below the computed one")},
    Kind.ARITHMETIC: {"claims": t("表中数字自相矛盾：各行自评得分合计 {added}，总分写 {total}",
                                  "the table's own numbers disagree: the rows add to {added}, the total says {total}"),
                      "points": t("表中数字自相矛盾：各行分值合计 {declared}，总分栏写 {printed}",
                                  "the table's own numbers disagree: the rows' points add to {declared}, the total says {printed}"),
                      "block": t("表中数字自相矛盾：「{label}」标明 {printed} 分，各行合计 {added}",
                                 "the table's own numbers disagree: “{label}” is marked {printed}, its rows add to {added}")},
    Kind.TARGET_CHANGED: {None: t("指标与批复不符，得分因此变化 {difference}", "a target differs from the approved one; the score moves by {difference}")},
    Kind.INCOMPLETE: {None: t("表中分值合计 {points}，满分应为 {total}", "the table holds {points} of {total} points")},
}
"""A discrepancy's short reason by its kind (and variant): what a reviewer reads beside claimed → computed."""


def say(code: FindingCode, variant: str | None = None, /, **params) -> Text:
    """A finding's message from the catalogue, not yet worded."""
    return filled(CATALOGUE[code].says[variant].message, **params)


def why(kind: Kind, variant: str | None = None, /, **params) -> Text:
    """A discrepancy's reason from the catalogue, not yet worded."""
    return filled(KIND_REASONS[kind][variant], **params)


SEVERITY_NAMES = {Severity.ERROR: t("错误", "error"), Severity.WARNING: t("警告", "warning"), Severity.INFO: t("提示", "info")}


def severity_name(severity: str, lang: str) -> str:
    """错误 / 警告 / 提示 in Chinese; the severity itself in English."""
    return SEVERITY_NAMES[severity].word(lang)  # type: ignore[index]  # a StrEnum is looked up by its value


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


_SEVERITIES = {s.value: s for s in Severity}
"""Each severity by its value, for a severity a policy gives as text: looked up directly."""


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
    def of(cls, code: FindingCode, message: Text, subject=None, indicator=None, place=None, severity: str | None = None,
           kind: Kind | None = None, **detail) -> Finding:
        """A finding with the catalogue's severity (unless the policy gives one) and, where the code has one, its kind."""
        spec = CATALOGUE[code]
        return cls(code, _SEVERITIES[severity] if severity else spec.severity, message, subject, indicator, place or None,
                   kind=kind or spec.kind, **detail)

    def word(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message.word(lang)

    @property
    def fix(self) -> Text | None:
        """What the user should do, from the catalogue, filled in with the message's own values (None: nothing to change)."""
        return CATALOGUE[self.code].fix_for(self.message)
