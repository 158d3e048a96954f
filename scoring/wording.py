"""Formulas, and the words inside findings: each declared once, in Chinese and in English.

Every score the engine prints carries the formula with its numbers filled in
(``B/A × w = 3/5 × 3 = 1.80``). A formula is a :class:`~scoring.i18n.Text`:
the template in each language and the numbers as its parameters, worded
when a report is written, so ``--lang en`` shows no Chinese but the
department's own words. Most rules are written in symbols alike in both
languages (A = 指标值 target, B = 实际完成值 actual, w = 分值 points, r = 完成比例
ratio, E/F = 执行数/预算数, p = the budget line's points, s = the score); the
few with words are translated here. Below them are the words the engine
puts inside a finding's message (who it is about, which figure, which
change); the messages themselves, with their fixes, are the catalogue in
:mod:`scoring.findings`.
"""

from __future__ import annotations

from .i18n import Text, t
from .i18n import filled as filled  # a template here with its numbers: F.filled(F.TOTAL, …)


def alike(template: str) -> Text:
    """A formula written in symbols, the same in every language."""
    return Text(template, template)


# A row (scoring.rules): {s} is the score, rounded as the policy says.
MET = alike("B {sign} A ({B} {sign} {A}) → w = {s}")
MISSED_ZERO_TARGET = alike("B {sign} A ({B} {sign} {A}) ✗ → {s}")
AT_LEAST_SHORT = alike("B/A × w = {B}/{A} × {w} = {s}")
AT_MOST_ZERO_TARGET = alike("A = 0, B = {B} > 0 → {s}")
AT_MOST_LINEAR = alike("(1 − (B−A)/A) × w = (1 − ({B}−{A})/{A}) × {w} = {s}")
AT_MOST_INVERSE = alike("A/B × w = {A}/{B} × {w} = {s}")
EQUAL_MET = alike("B = A ({B} = {A}) → w = {s}")
EQUAL_NONE = alike("B ≠ A ({B} ≠ {A}) → {s}")
PROPORTION = alike("min(A,B)/max(A,B) × w = {low}/{high} × {w} = {s}")
RATE_MET = alike("r = {r} ≥ 1 → w = {s}")
RATE_SHORT = alike("r × w = {r} × {w} = {s}")
OVER_FIXED = alike("B/A − 1 = {ratio} − 1 {op} {threshold} → w − d = {w} − {d} = {s}")
OVER_DEDUCT = alike("max({floor}, 1 − {slope} × ({ratio} − 1 − {threshold})) × w = {fraction} × {w} = {s}")
ACHIEVED_WORD = alike("B = {B} → w = {s}")
GRADE_MET = alike("B ≥ A ({B} ≥ {A}) → w = {s}")
GRADE_FRACTION = alike("{B} = {f} × w = {f} × {w} = {s}")
GRADE_BAND = alike("{B}: [{lo}, {hi}] × w = [{low}, {high}], {how} → {s}")
JUDGED = t("{B} → 自评 {claimed} → {s}", "{B} → claimed {claimed} → {s}")
MISSING = t("未填报或与批复指标不符 → {s}", "not reported, or not the approved indicator → {s}")
NOT_APPLICABLE = alike("N/A → {s}")

# How a row's deadline and dated actual were read (scoring.rules.readings): months counted from
# January of the table's year, so a date in the next year is 12 + its month.
READ_DEADLINE = t("{written} → {sign} {n}月", "{written} → {sign} month {n}")
READ_MONTH = t("{written} → 第{n}月", "{written} → month {n}")

# The 预算执行率 line (scoring.rules.budget_execution).
BUDGET_UNSCORABLE = alike("E/F = {E}/{F} → 0")
BUDGET_STEPS = alike("E/F = {E}/{F} = {rate} → {fraction} × {p} = {s}")
BUDGET_LINEAR = alike("min(E/F, 1) × p = min({E}/{F}, 1) × {p} = {s}")

# A table's total and the department (scoring.engine).
TOTAL = t("Σ得分/Σ分值 × 100 = {earned}/{possible} × 100 = {score}", "Σscore/Σpoints × 100 = {earned}/{possible} × 100 = {score}")
CAPPED = alike(" → min(·, {cap}) = {capped}")
CLAIMED_SUM = t("Σ自评得分", "Σ claimed row scores")
ROLLUP_OVERALL = t("部门得分 = 部门整体表得分 = {score}", "department score = the overall table's score = {score}")
ROLLUP_WEIGHTED = t("Σ(执行数×得分)/Σ执行数 = ({terms})/{executed} = {score}", "Σ(executed×score)/Σexecuted = ({terms})/{executed} = {score}")
ROLLUP_MEAN = t("Σ得分/n = ({terms})/{n} = {score}", "Σscore/n = ({terms})/{n} = {score}")
SEE_ROLLUP = t("见汇总", "see the roll-up")


# The words the engine puts inside a finding's message (scoring.engine): who or what it is about.
DEPARTMENT = t("部门", "the department")
OVERALL_TABLE = t("部门整体表", "the overall table")
PROJECT = t("项目「{name}」", "project “{name}”")
INDICATOR = t("指标「{name}」", "indicator “{name}”")


def subject_name(overall: bool, name: str | None) -> Text:
    """How a finding names a subject: the overall table, or the project by its name."""
    return OVERALL_TABLE if overall else filled(PROJECT, name=name)


BUDGET_SCORE = t("{subject}预算执行率得分", "{subject} 预算执行率 score")
FIGURES = {"full_year": t("全年预算数", "the full-year budget"), "initial": t("年初预算数", "the initial budget"),
           "received": t("实际到位资金", "the funds received"), "executed": t("全年执行数", "the executed amount")}
"""A budget figure by its key (``budget.denominator``, ``executed``)."""
FIGURE_IS = {"zero": t("为 0", "is 0"), "missing": t("未填", "is not given")}
"""Why a figure could not be used, by ``BudgetScored.fallback``."""
CHANGED = {"comparator": t("指标性质", "comparator"), "target": t("指标值", "target"), "unit": t("度量单位", "unit"),
           "weight": t("分值", "weight")}
"""What of an approved indicator was changed, by ``Change.what``."""
ABOVE_POINTS = t("，超过分值 {weight}", ", above its {weight} points")
MARKED_DOWN_UNSAID = t("，指标已完成却被扣分，且未说明原因", "; achieved, yet marked down with no reason given")
LIST = t("，", ", ")
"""Between the items of a list inside a sentence."""


# The command line's own words (scoring.command, scoring.cli, scoring.console): what it says about
# the run itself, not about a file's figures. The reports' words are in scoring.report.words.
NAMES = t("、", ", ")
"""Between the names in a list of them (files, duplicates)."""
PROBLEMS_IN = t("错误：{files} 有 {n} 个问题：", "error: {n} problem(s) in {files}:")
WRITABLE_PATH = t("可写入的路径", "a path that can be written")
EXPLAIN_NEEDS = t("单个评价文件、终端格式（JSON 里的 trace 已含同样内容）", "one evaluation file, table format (JSON carries the same trace)")
SEVERAL_OR_OTHER_FORMAT = t("多个文件或其他格式", "several files or another format")
XLSX_NEEDS = t("用 --output 指定 .xlsx 文件", "an --output .xlsx file")
NO_OUTPUT = t("没有 --output", "no --output")
BATCH_NEEDS = t("多个文件或文件夹（复算汇总）", "several files or a folder (a batch summary)")
ONE_FILE = t("一个文件", "one file")
TIMEOUT_RANGE = t("0.1 到 86400 之间的秒数", "seconds from 0.1 to 86400")
SCORING = t("评分", "scoring")
"""The progress bar's label."""
INTERRUPTED = t("已中断。\n", "interrupted.\n")
INTERNAL_ERROR = t("内部错误（{error}）：这是 scoring 的缺陷，请附上输入文件报告。设置 SCORING_DEBUG=1 可查看详情。\n",
                   "internal error ({error}): a bug in scoring; please report it with the input. Set SCORING_DEBUG=1 for details.\n")
WROTE = t("已写入 {path}；评分：score {path}", "wrote {path}; score it with: score {path}")
CHECKED = t("✓ {where}：{subjects} 个评价对象，{n} 项指标，评分规则 {policy}", "✓ {where}: {subjects} subjects, {n} indicators, policy {policy}")
