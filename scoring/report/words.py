"""The reports' own words: every label and sentence a report writes around a result, declared once.

The engine's words (formulas, the words inside a finding) are in
:mod:`scoring.wording` and the findings' messages in :mod:`scoring.findings`;
what the reports add to them (column headers, sheet names, headlines, the
sentences of a summary) is here, a sibling of the renderers rather than a
section of :mod:`scoring.wording`, because some of it is keyed by the
engine's own types (:class:`~scoring.findings.Kind`,
:class:`~scoring.rules.Rule`), which themselves word through
:mod:`scoring.wording`. Each is a :class:`~scoring.i18n.Text`: a label is
worded with ``LABEL.word(lang)``, a sentence with its parameters with
``filled(SENTENCE, name=value).word(lang)``. A wording several reports use
is one constant they share; where two reports word the same thing
differently (a Markdown header is capitalised), each wording is its own.
"""

from __future__ import annotations

from ..findings import Kind
from ..i18n import Text, t
from ..rules import Rule

# Punctuation between the parts of a line.
SEMICOLON = t("；", "; ")
COLON = t("：", ": ")
CLOSE = t("）", ")")

# Column headers, shared by the table, the HTML report and the workbooks.
RANK = t("排名", "rank")
FILE = t("文件", "file")
DEPARTMENT = t("部门", "department")
YEAR = t("年度", "year")
LEVEL1 = t("一级指标", "level 1")
LEVEL2 = t("二级指标", "level 2")
INDICATOR = t("三级指标", "indicator")
TARGET = t("指标值", "target")
ACTUAL = t("实际完成值", "actual")
POINTS = t("分值", "points")
SCORE = t("得分", "score")
CLAIMED_SCORE = t("自评得分", "claimed")
REASON = t("偏差原因", "reason")
CLAIMED = t("自评", "claimed")
COMPUTED = t("复算", "computed")
LARGEST = t("最大差异", "largest")
GRADE = t("等级", "grade")
KINDS = t("差异类型", "kinds")
COUNTS = t("错/警/提", "err/warn/info")
LEVEL = t("层级", "level")
KIND = t("类型", "kind")
WHERE = t("位置", "where")
CAUSE = t("原因", "reason")
FORMULA = t("计算过程", "formula")

# The Markdown report's headers, capitalised as its headings are.
MARKDOWN_HEADERS = (t("一级指标", "Level 1"), t("二级指标", "Level 2"), t("三级指标", "Indicator"), t("指标值", "Target"),
                    t("实际完成值", "Actual"), t("分值", "Points"), t("得分", "Score"), t("偏差原因分析及改进措施", "Reason"))

# A subject's table (scoring.report._view): its rows and its budget figures.
NOT_APPLICABLE_DROPPED = t("不适用，已剔除", "N/A, dropped")
SUBTOTAL = t("小计", "subtotal")
BUDGET_LEVEL1 = t("预算执行率", "预算执行率")
BUDGET_ROW = t("预算执行率", "budget execution rate")
TOTAL_ROW = t("总分", "total")
INITIAL_BUDGET = t("年初预算数（{unit}）", "initial budget ({unit})")
FULL_YEAR_BUDGET = t("全年预算数（{unit}）", "full-year budget ({unit})")
EXECUTED = t("全年执行数（{unit}）", "executed ({unit})")
RECEIVED = t("实际到位资金（{unit}）", "received ({unit})")
RATE = t("执行率", "rate")
NOT_APPLICABLE_ACTUAL = t("不适用", "N/A")
NOT_REPORTED = t("未填报", "not reported")
COMPLETION_RATE = t("完成率", "rate")
"""Before a completion ratio (``完成率 60%``). In Chinese these three are how the official form writes
a row that has no plain actual (what ``score import`` reads back)."""

# Headlines: the department's, a subject's.
HEADLINE = t("{department} {year} 年度绩效自评：{score} 分，{grade}", "{department} {year} self-evaluation: {score}, grade {grade}")
CLAIMED_POINTS = t("{score} 分", "{score}")
HEADLINE_CLAIMED = t("（自评 {parts}", " (claimed {parts}")
HEADLINE_DIFFERENCE = t("，差 {difference}）", ", difference {difference})")
OVERALL_TITLE = t("部门整体：{name} — {score} 分，{grade}", "Overall: {name} — {score}, {grade}")
PROJECT_TITLE = t("项目：{name} — {score} 分，{grade}", "Project: {name} — {score}, {grade}")

# One evaluation's report: the table and the Markdown.
SAID = t("  自评：{said}", "  claimed: {said}")
POLICY_SHORT = t("  评分规则：{id}（sha256 {sha256}…）", "  policy: {id} (sha256 {sha256}…)")
NO_FINDINGS = t("没有发现问题。", "No findings.")
FINDINGS_COUNT = t("发现 {n} 项：", "{n} findings:")
BAND_TOP = t("{min}分（含）以上的{n}个", "{n} at {min} or above")
BAND_MIDDLE = t("{min}（含）-{upper}分的{n}个", "{n} from {min} to below {upper}")
BAND_BOTTOM = t("{upper}分以下的{n}个", "{n} below {upper}")
PROJECTS_SENTENCE = t("评价项目{n}个，{counts}。", "{n} projects evaluated: {counts}.")
MARKDOWN_POLICY = t("评分规则：{title}（{id}，sha256 `{sha256}`）", "Policy: {title} ({id}, sha256 `{sha256}`)")
CONCLUSION = t("总体评价结论", "Conclusion")
RESCORED_TOTAL = t("绩效自评总分（复算）：{score}分", "Score (re-scored): {score}")
RESCORED_GRADE = t("绩效自评等级（复算）：{grade}", "Grade (re-scored): {grade}")
CLAIMED_SCORE_POINTS = t("{score}分", "{score}")
CLAIMED_LINE = t("单位自评：{said}", "Claimed: {said}")
HOW = t("计算：{formula}", "How: {formula}")
FINDINGS = t("发现的问题", "Findings")

# ``--explain`` (scoring.report.explain): the rule behind each score, the rounding, the sources.
RULES: dict[Rule, Text] = {
    Rule.AT_LEAST: t("正向指标：B ≥ A 得满分，否则 w × B/A", "higher is better: full marks at B ≥ A, else w × B/A"),
    Rule.AT_MOST: t("反向指标：B ≤ A 得满分", "lower is better: full marks at B ≤ A"),
    Rule.AT_MOST_INVERSE: t("反向指标未达标：w × A/B", "lower is better, missed: w × A/B"),
    Rule.AT_MOST_LINEAR: t("反向指标未达标：w × (1 − (B−A)/A)", "lower is better, missed: w × (1 − (B−A)/A)"),
    Rule.AT_MOST_ZERO_TARGET: t("反向指标 A = 0：B = 0 得满分，否则 0 分", "lower is better with A = 0: full marks only at B = 0"),
    Rule.EQUAL_RATIO: t("等于：B = A 得满分，否则 w × min/max", "equal: full marks at B = A, else w × min/max"),
    Rule.EQUAL_AT_LEAST: t("等于按 ≥ 处理", "equal treated as at least"),
    Rule.RATE: t("完成比例：w × min(r, 1)", "completion ratio: w × min(r, 1)"),
    Rule.QUALITATIVE_GRADE: t("定性指标按等级折算", "qualitative: the grade's fraction of w"),
    Rule.QUALITATIVE_ACHIEVED: t("定性指标：完成表述或照抄的指标值得满分", "qualitative: an achieved word or the target restated earns full marks"),
    Rule.QUALITATIVE_BAND: t("定性指标分档：取自评得分，限于该档区间", "qualitative tier: the claim, held inside the tier's band"),
    Rule.QUALITATIVE_JUDGED: t("完成值是无法按规则判定的文字：取单位自评得分（不超过分值）",
                               "an actual in words no rule can grade: the department's claim, within the points"),
    Rule.OVERACHIEVEMENT_DEDUCT: t("超额完成按规则扣分", "far over target: deducted as the policy says"),
    Rule.OVERACHIEVEMENT_FIXED: t("指标偏离：超额达到阈值，扣固定分值", "deviation: far over target, a fixed deduction"),
    Rule.MISSING: t("未填报或与批复指标类型不符：0 分", "not reported, or not of the approved kind: 0"),
    Rule.NOT_APPLICABLE_ZERO: t("不适用：计 0 分", "not applicable: scored 0"),
    Rule.BUDGET_LINEAR: t("预算执行率按比例计分", "budget execution, proportional"),
    Rule.BUDGET_STEPS: t("预算执行率按阶梯计分", "budget execution, by steps"),
    Rule.BUDGET_UNSCORABLE: t("预算执行率无法计算：0 分", "budget execution cannot be computed: 0"),
}
"""What each rule does, in a line."""
HALF_UP = t("四舍五入", "half up")
TRUNCATED = t("截尾", "truncated")
EACH_ROW = t("每项得分", "each row")
TOTAL_ONLY = t("只对总分", "the total only")
ROUNDED = t("{where}{mode}保留 {decimals} 位小数", "{where} rounded {mode} to {decimals} places")
EXACT = t("，精确值 {exact}", ", exact {exact}")
READ_AS = t("读作：{readings}", "read as: {readings}")
"""A row's deadline and dated actual as read (``9月前 → ≤ 9月；2024年3月 → 第15月``)."""
HELD_AT_POINTS = t("；取整不超过分值，按分值 {points} 计", "; rounding never lifts a row above its points: held at {points}")
RATIO_CAPPED = t("；完成比例超过 1 按 1 计，得分不超过分值", "; a ratio above 1 counts as 1, never above w")
SOURCE_IS = t("依据：{source}", "source: {source}")
"""Where a knob of the policy comes from."""
IN_BRACKETS = t("（{text}）", " ({text})")
OVERALL = t("部门整体", "Overall")
PROJECT = t("项目", "Project")
BUDGET_EXECUTION = t("预算执行率", "budget execution")
SUBJECT_TOTAL = t("总分：{formula} → {grade}（{band} ≥ {min}；{source}）", "total: {formula} → {grade} ({band} ≥ {min}; {source})")
AS_SUBMITTED = t("按自评表所写指标为 {score} 分；按批复指标评分（财预〔2020〕10号：自评采用批复的绩效目标）",
                 "{score} against the indicators as written; scored against the approved ones")
DEPARTMENT_SCORE = t("部门：{score} 分，{grade}", "Department: {score}, {grade}")
POLICY_LINE = t("  评分规则：{title}（{id}，sha256 {sha256}）", "  policy: {title} ({id}, sha256 {sha256})")

# The batch summary (scoring.report.summary and the batch HTML and workbook).
KIND_NAMES: dict[Kind, Text] = {
    Kind.OVERCLAIMED: t("多报", "overclaimed"),
    Kind.ARITHMETIC: t("算术", "arithmetic"),
    Kind.TARGET_CHANGED: t("改目标", "target changed"),
    Kind.INCOMPLETE: t("不完整", "incomplete"),
    Kind.MARKED_DOWN: t("扣分", "marked down"),
    Kind.ROUNDING: t("取整", "rounding"),
}
"""Worst first: the order a reviewer reads them in."""
ROUNDING = KIND_NAMES[Kind.ROUNDING]
INCOMPLETE = KIND_NAMES[Kind.INCOMPLETE]
LEVEL_NAMES: dict[str, Text] = {"department": DEPARTMENT, "project": TOTAL_ROW, "budget": t("预算执行率", "budget"),
                                "row": t("指标", "row")}
"""A discrepancy's level, by ``Discrepancy.level``."""
MARKED_INCOMPLETE = t("（不完整）", " (incomplete)")
NO_DISCREPANCIES = t("没有差异。", "No discrepancies.")
BY_KIND = t("按差异类型（份）：", "Submissions by kind: ")
DISCREPANCIES_HEAD = t("差异明细（层级、类型、自评 → 复算、原因、计算过程）", "Discrepancies (level, kind, claimed → computed, reason, formula)")
SUBMITTED_TWICE = t("重复提交：", "submitted twice: ")
BY_DEPARTMENT = t("按部门", "By department")
WEIGHTED_BY_EXECUTED = t("按执行数加权", "weighted by executed budget")
BY_EXECUTED = t("按执行数加权", "by executed budget")
PLAIN_MEAN = t("简单平均", "plain mean")
DEPARTMENT_LINE = t("  {name}：{n} 份，部门汇总 {score} 分（{how}）", "  {name}: {n} submissions, roll-up {score} ({how})")
DEPARTMENT_KINDS = t("；{kinds}", "; {kinds}")
SUMMARY_TITLE = t("复算汇总", "Re-scoring summary")
SCORED_SENTENCE = t("共 {scored} 份评价已评分，{unreadable} 份无法读取。", "{scored} evaluations scored, {unreadable} unreadable.")
UNREADABLE_FILES = t("无法读取的文件", "Unreadable files")
SCORED_HEAD = t("复算汇总：{scored} 份已评分，{unreadable} 份无法读取", "Re-scoring: {scored} scored, {unreadable} unreadable")
UNREADABLE = t("无法读取：{path}", "unreadable: {path}")
SCORED = t("{scored} 份已评分，{unreadable} 份无法读取", "{scored} scored, {unreadable} unreadable")

# A workbook (scoring.report.xlsx and batch_xlsx).
CELLS_CUT = t("警告：{n} 个单元格超过 Excel 的 {limit:,} 字符上限，已截断：{cells}",
              "warning: {n} cells exceed Excel's {limit:,}-character limit and were cut: {cells}")
SUMMARY_SHEET = t("汇总", "summary")
DISCREPANCIES_SHEET = t("差异明细", "discrepancies")
DEPARTMENTS_SHEET = t("按部门", "departments")
TABLE_NUMBER = t("（第{n} 张表）", "（table {n}）")
"""After a submission's path, under each of its tables' sheets in the batch workbook."""
CLAIMED_TOTAL = t("自评总分", "claimed")
COMPUTED_TOTAL = t("复算总分", "computed")
DIFFERENCE = t("差异", "difference")
OF = t("满分", "of")
COMPLETE = t("完整", "complete")
ERRORS = t("错误", "errors")
WARNINGS = t("警告", "warnings")
INFOS = t("提示", "infos")
DUPLICATES = t("重复提交", "duplicates")
POLICY = t("评分规则", "policy")
SHEET = t("自评表", "sheet")
YES = t("是", "yes")
NO = t("否", "no")
NOT_BUILT_IN = t("（非内置）", " (not built in)")
SUBJECT = t("评价对象", "subject")
INDICATOR_NAME = t("指标", "indicator")
SUBMISSIONS_COUNTED = t("评价份数", "submissions")
ROLLUP_SCORE = t("部门汇总得分", "roll-up")
ROLLUP_METHOD = t("汇总方法", "method")

# The batch HTML page (scoring.report.batch_html and its template).
PAGE_WORDS: dict[str, Text] = {
    "title": t("复算报告", "Re-scoring report"), "policy": t("默认评分规则", "default policy"),
    "grouped": t("按部门分组", "grouped by department"), "charts": t("概览", "Overview"), "summary": t("复算汇总", "Summary"),
    "sort_hint": t("点击表头排序。", "Click a column's header to sort by it."), "incomplete": INCOMPLETE,
    "departments": BY_DEPARTMENT, "unreadable": UNREADABLE_FILES,
    "drilldown": t("逐份明细", "Submission by submission"), "discrepancies": t("差异", "Discrepancies"),
    "duplicates": t("重复提交：", "Submitted twice:"),
}
"""The template's words, by the name it writes them with (``t.title``)."""
GRADES_CHART = t("等级分布（份）", "Grades (submissions)")
CLAIMED_CHART = t("自评与复算总分", "Claimed against computed totals")
KINDS_CHART = t("各类差异（份）", "Discrepancies by kind (submissions)")
DEPARTMENTS_CHART = t("各部门汇总得分", "Roll-up by department")
COMPUTED_HEADLINE = t("复算 {score} 分，{grade}", "computed {score}, {grade}")
CLAIMED_AFTER = t("；自评 {score}", "; claimed {score}")
SUBMISSIONS = t("份数", "submissions")
ROLLUP = t("部门汇总", "roll-up")
METHOD = t("方法", "method")

# Rows of headers, as the reports lay them out.
SUBJECT_HEADERS = (LEVEL1, LEVEL2, INDICATOR, TARGET, ACTUAL, POINTS, SCORE)
"""A subject's table, before its claimed, reason and formula columns."""
SUMMARY_HEADERS = (FILE, DEPARTMENT, YEAR, CLAIMED, COMPUTED, LARGEST, POINTS, GRADE, KINDS, COUNTS)
"""The batch summary's table, one row per submission."""
DISCREPANCY_HEADERS = (LEVEL, KIND, WHERE, CLAIMED, COMPUTED, CAUSE, FORMULA)
DEPARTMENT_HEADERS = (DEPARTMENT, SUBMISSIONS, ROLLUP, METHOD, KINDS)


def worded(labels: tuple[Text, ...], lang: str) -> list[str]:
    """Each of ``labels`` in ``lang``."""
    return [label.word(lang) for label in labels]
