"""``score FILE --explain``: why every number is what it is, as a tree.

For each subject: each indicator's formula with its numbers, the rounding and
any cap, the knob of the policy that decided it and where that knob comes
from; then the subject's total and grade, and the department's roll-up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from ..engine import EvaluationResult, LineResult, SubjectResult
from ..i18n import pick, word
from ..numbers import fixed, plain
from ..policy import Policy
from ..rules import Rule
from ..safe import shown
from ._text import Style
from ._view import level1_groups

RULES: dict[Rule, tuple[str, str]] = {
    Rule.AT_LEAST: ("正向指标：B ≥ A 得满分，否则 w × B/A", "higher is better: full marks at B ≥ A, else w × B/A"),
    Rule.AT_MOST: ("反向指标：B ≤ A 得满分", "lower is better: full marks at B ≤ A"),
    Rule.AT_MOST_INVERSE: ("反向指标未达标：w × A/B", "lower is better, missed: w × A/B"),
    Rule.AT_MOST_LINEAR: ("反向指标未达标：w × (1 − (B−A)/A)", "lower is better, missed: w × (1 − (B−A)/A)"),
    Rule.AT_MOST_ZERO_TARGET: ("反向指标 A = 0：B = 0 得满分，否则 0 分", "lower is better with A = 0: full marks only at B = 0"),
    Rule.EQUAL_RATIO: ("等于：B = A 得满分，否则 w × min/max", "equal: full marks at B = A, else w × min/max"),
    Rule.EQUAL_AT_LEAST: ("等于按 ≥ 处理", "equal treated as at least"),
    Rule.RATE: ("完成比例：w × min(r, 1)", "completion ratio: w × min(r, 1)"),
    Rule.QUALITATIVE_GRADE: ("定性指标按等级折算", "qualitative: the grade's fraction of w"),
    Rule.QUALITATIVE_ACHIEVED: ("定性指标：完成表述或照抄的指标值得满分", "qualitative: an achieved word or the target restated earns full marks"),
    Rule.QUALITATIVE_BAND: ("定性指标分档：取自评得分，限于该档区间", "qualitative tier: the claim, held inside the tier's band"),
    Rule.QUALITATIVE_JUDGED: ("定性指标的完成值无法按规则判定：取单位自评得分（不超过分值）",
                              "qualitative actual no rule can grade: the department's claim, within the points"),
    Rule.OVERACHIEVEMENT_DEDUCT: ("超额完成按规则扣分", "far over target: deducted as the policy says"),
    Rule.OVERACHIEVEMENT_FIXED: ("指标偏离：超额达到阈值，扣固定分值", "deviation: far over target, a fixed deduction"),
    Rule.MISSING: ("未填报或与批复指标类型不符：0 分", "not reported, or not of the approved kind: 0"),
    Rule.NOT_APPLICABLE_ZERO: ("不适用：计 0 分", "not applicable: scored 0"),
    Rule.BUDGET_LINEAR: ("预算执行率按比例计分", "budget execution, proportional"),
    Rule.BUDGET_STEPS: ("预算执行率按阶梯计分", "budget execution, by steps"),
    Rule.BUDGET_UNSCORABLE: ("预算执行率无法计算：0 分", "budget execution cannot be computed: 0"),
}


def _knob_value(policy: Policy, knob: str) -> str:
    """`` = inverse`` for a knob with a single value; nothing for a table of them (scales, words)."""
    value = policy.knob(knob)
    if isinstance(value, bool):
        return f" = {str(value).lower()}"
    if isinstance(value, Decimal):
        return f" = {plain(value)}"
    return f" = {value}" if isinstance(value, (str, int)) else ""


def _rounding(policy: Policy, lang: str) -> str:
    r = policy.rounding
    mode = pick(lang, "四舍五入", "half up") if r.mode == "half_up" else pick(lang, "截尾", "truncated")
    where = pick(lang, "每项得分", "each row") if r.stage == "indicator" else pick(lang, "只对总分", "the total only")
    return pick(lang, f"{where}{mode}保留 {r.decimals} 位小数", f"{where} rounded {mode} to {r.decimals} places")


def line_lines(r: LineResult, policy: Policy, last: bool, lang: str) -> list[str]:
    ind = r.line.indicator
    head, stem = ("└─", "   ") if last else ("├─", "│  ")
    label = shown(ind.name if ind.id == ind.name else f"{ind.id} {ind.name}")
    d = policy.rounding.decimals
    if r.scored is None:
        return [f"{head} {label}　{pick(lang, '不适用，已剔除', 'N/A, dropped')}",
                f"{stem}   not_applicable.mode = drop{pick(lang, '；', '; ')}{pick(lang, '依据', 'source')}{pick(lang, '：', ': ')}{policy.source_of('not_applicable')}"]
    s = r.scored
    rule = pick(lang, *RULES[s.rule])
    knob = f"{s.knob}{_knob_value(policy, s.knob)}；" if s.knob else ""
    exact = plain(s.exact)
    rounding = _rounding(policy, lang) + (pick(lang, f"，精确值 {exact}", f", exact {exact}") if exact != plain(r.score) else "")
    if s.capped:
        rounding += pick(lang, "；完成比例超过 1 按 1 计，得分不超过分值", "; a ratio above 1 counts as 1, never above w")
    sep, colon = pick(lang, "；", "; "), pick(lang, "：", ": ")
    source = policy.source_of(s.knob or "formulas")
    rounding_source = policy.source_of("rounding")
    return [
        f"{head} {label}　{fixed(r.score, d)} / {plain(ind.weight)}",
        f"{stem}   {shown(s.formula.word(lang))}",
        f"{stem}   {rule}{sep}{knob.replace('；', sep)}{pick(lang, '依据', 'source')}{colon}{source}",
        f"{stem}   {pick(lang, '取整', 'rounding')}{colon}{rounding}{pick(lang, f'（{rounding_source}）', f' ({rounding_source})')}",
    ]


def subject_lines(s: SubjectResult, policy: Policy, paint: Style, lang: str) -> list[str]:
    d = policy.rounding.decimals
    kind = pick(lang, "部门整体", "Overall") if s.subject.is_overall else pick(lang, "项目", "Project")
    lines = [paint(f"{kind}{pick(lang, '：', ': ')}{shown(s.subject.name)} — {fixed(s.score, d)} {s.grade}", "bold")]
    groups = level1_groups(s)
    for gi, g in enumerate(groups):
        last_group = gi == len(groups) - 1 and s.budget is None
        lines.append(f"{'└─' if last_group else '├─'} {shown(g.level1)}　{fixed(g.earned, d)} / {plain(g.possible)}")
        indent = "   " if last_group else "│  "
        for i, r in enumerate(g.lines):
            lines += [indent + x for x in line_lines(r, policy, i == len(g.lines) - 1, lang)]
    if s.budget is not None:
        b = s.budget
        lines.append(f"└─ {pick(lang, '预算执行率', 'budget execution')}　{fixed(b.score, d)} / {plain(b.scored.points)}")
        lines.append(f"      {b.scored.formula.word(lang)}")
        lines.append(f"      budget.denominator = {b.scored.denominator}, budget.method = {policy.budget.method}{pick(lang, '；', '; ')}"
                     f"{pick(lang, '依据', 'source')}{pick(lang, '：', ': ')}{policy.source_of('budget')}")
    band = policy.grades.band(s.score)
    formula = s.formula.word(lang)
    lines.append(pick(lang, f"总分：{formula} → {s.grade}（{band.label} ≥ {plain(band.min)}；依据：{policy.source_of('grades')}）",
                    f"total: {formula} → {s.grade} ({band.label} ≥ {plain(band.min)}; source: {policy.source_of('grades')})"))
    if s.as_submitted is not None:
        lines.append(pick(lang, f"按自评表所写指标为 {fixed(s.as_submitted, d)} 分；按批复指标评分（财预〔2020〕10号：自评采用批复的绩效目标）",
                        f"{fixed(s.as_submitted, d)} against the indicators as written; scored against the approved ones"))
    return lines


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    paint = Style(out)
    policy = result.policy
    lines: list[str] = []
    for s in result.subjects:
        lines += subject_lines(s, policy, paint, lang) + [""]
    d = policy.rounding.decimals
    lines.append(paint(pick(lang, f"部门：{fixed(result.score, d)} 分，{result.grade}", f"Department: {fixed(result.score, d)}, {result.grade}"), "bold"))
    lines.append(f"  {word(result.rollup.formula, lang)}")
    lines.append(f"  rollup.method = {result.rollup.method}{pick(lang, '；', '; ')}{pick(lang, '依据', 'source')}{pick(lang, '：', ': ')}{policy.source_of('rollup')}")
    lines.append(pick(lang, f"  评分规则：{policy.title}（{policy.id}，sha256 {policy.sha256}）",
                    f"  policy: {policy.title} ({policy.id}, sha256 {policy.sha256})"))
    if result.evaluation.source is not None:  # a workbook: where every value was found, what was left
        lines += ["", *result.evaluation.source.lines(lang)]
    out.write("\n".join(lines) + "\n")
