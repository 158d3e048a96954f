"""``score FILE --explain``: why every number is what it is, as a tree.

For each subject: each indicator's formula with its numbers, the rounding and
any cap, the knob of the policy that decided it and where that knob comes
from; then the subject's total and grade, and the department's roll-up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from .. import rules
from ..engine import EvaluationResult, LineResult, SubjectResult
from ..i18n import join, word
from ..numbers import kept, plain
from ..policy import Policy
from ..safe import shown
from ..wording import filled
from . import words
from ._text import Style
from ._view import level1_groups


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
    mode = words.HALF_UP if r.mode == "half_up" else words.TRUNCATED
    where = words.EACH_ROW if r.stage == "indicator" else words.TOTAL_ONLY
    return filled(words.ROUNDED, where=where, mode=mode, decimals=r.decimals).word(lang)


def line_lines(r: LineResult, policy: Policy, last: bool, lang: str) -> list[str]:
    ind = r.line.indicator
    head, stem = ("└─", "   ") if last else ("├─", "│  ")
    label = shown(ind.name if ind.id == ind.name else f"{ind.id} {ind.name}")
    sep = words.SEMICOLON.word(lang)
    if r.scored is None:
        return [f"{head} {label}　{words.NOT_APPLICABLE_DROPPED.word(lang)}",
                f"{stem}   not_applicable.mode = drop{sep}{_source(policy, 'not_applicable', lang)}"]
    s = r.scored
    rule = words.RULES[s.rule].word(lang)
    knob = f"{s.knob}{_knob_value(policy, s.knob)}；" if s.knob else ""
    exact = plain(s.exact)
    rounding = _rounding(policy, lang) + (filled(words.EXACT, exact=exact).word(lang) if exact != plain(r.score) else "")
    if policy.rounding.stage == "indicator" and r.score < rules.rounded(s.exact, policy):
        rounding += filled(words.HELD_AT_POINTS, points=plain(ind.weight)).word(lang)
    if s.capped:
        rounding += words.RATIO_CAPPED.word(lang)
    rounding_source = filled(words.IN_BRACKETS, text=policy.source_of("rounding")).word(lang)
    read = rules.readings(ind, r.line.outcome)
    return [
        f"{head} {label}　{policy.rounding.shown(r.score, ind.weight)} / {plain(ind.weight)}",
        *([f"{stem}   {shown(filled(words.READ_AS, readings=join(words.SEMICOLON, read)).word(lang))}"] if read else []),
        f"{stem}   {shown(s.formula.word(lang))}",
        f"{stem}   {rule}{sep}{knob.replace('；', sep)}{_source(policy, s.knob or 'formulas', lang)}",
        f"{stem}   {words.ROUNDING.word(lang)}{words.COLON.word(lang)}{rounding}{rounding_source}",
    ]


def _source(policy: Policy, knob: str, lang: str) -> str:
    """Where the policy's ``knob`` comes from: ``依据：财预〔2020〕10号``."""
    return filled(words.SOURCE_IS, source=policy.source_of(knob)).word(lang)


def subject_lines(s: SubjectResult, policy: Policy, paint: Style, lang: str) -> list[str]:
    d = policy.rounding.decimals
    kind = (words.OVERALL if s.subject.is_overall else words.PROJECT).word(lang)
    lines = [paint(f"{kind}{words.COLON.word(lang)}{shown(s.subject.name)} — {kept(s.score, d)} {s.grade}", "bold")]
    groups = level1_groups(s)
    for gi, g in enumerate(groups):
        last_group = gi == len(groups) - 1 and s.budget is None
        lines.append(f"{'└─' if last_group else '├─'} {shown(g.level1)}　{policy.rounding.shown(g.earned, g.possible)} / {plain(g.possible)}")
        indent = "   " if last_group else "│  "
        for i, r in enumerate(g.lines):
            lines += [indent + x for x in line_lines(r, policy, i == len(g.lines) - 1, lang)]
    if s.budget is not None:
        b = s.budget
        lines.append(f"└─ {words.BUDGET_EXECUTION.word(lang)}　{policy.rounding.shown(b.score, b.scored.points)} / {plain(b.scored.points)}")
        lines.append(f"      {b.scored.formula.word(lang)}")
        lines.append(f"      budget.denominator = {b.scored.denominator}, budget.method = {policy.budget.method}"
                     f"{words.SEMICOLON.word(lang)}{_source(policy, 'budget', lang)}")
    band = policy.grades.band(s.score)
    total = filled(words.SUBJECT_TOTAL, formula=s.formula, grade=s.grade, band=band.label, min=plain(band.min),
                   source=filled(words.SOURCE_IS, source=policy.source_of("grades")))
    lines.append(total.word(lang))
    if s.as_submitted is not None:
        lines.append(filled(words.AS_SUBMITTED, score=kept(s.as_submitted, d)).word(lang))
    return lines


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    paint = Style(out)
    policy = result.policy
    lines: list[str] = []
    for s in result.subjects:
        lines += subject_lines(s, policy, paint, lang) + [""]
    d = policy.rounding.decimals
    lines.append(paint(filled(words.DEPARTMENT_SCORE, score=kept(result.score, d), grade=result.grade).word(lang), "bold"))
    lines.append(f"  {word(result.rollup.formula, lang)}")
    lines.append(f"  rollup.method = {result.rollup.method}{words.SEMICOLON.word(lang)}{_source(policy, 'rollup', lang)}")
    lines.append(filled(words.POLICY_LINE, title=policy.title, id=policy.id, sha256=policy.sha256).word(lang))
    if result.evaluation.source is not None:  # a workbook: where every value was found, what was left
        lines += ["", *result.evaluation.source.lines(lang)]
    out.write("\n".join(lines) + "\n")
