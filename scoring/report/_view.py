"""What every report shows, computed once: the cells of a 自评表.

The table, Markdown and CSV renderers lay these rows out; none of them
formats a number on its own.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from ..engine import EvaluationResult, LineResult, SubjectResult
from ..i18n import pick
from ..model import Outcome
from ..numbers import fixed, percent, plain, total


@frozen(repr=False, eq=False, slots=False)  # built and read, never compared: no generated methods but __init__
class Row:
    kind: str
    """``line``, ``subtotal``, ``budget`` or ``total``."""
    level1: str = ""
    level2: str = ""
    name: str = ""
    target: str = ""
    actual: str = ""
    weight: str = ""
    score: str = ""
    claimed: str = ""
    reason: str = ""
    formula: str = ""
    id: str = ""


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


ZH_ACTUALS = {"na": "不适用", "missing": "未填报", "rate": "完成率"}
"""How the official form writes a row that has no plain actual (what ``score import`` reads back)."""


def actual_text(out: Outcome, unit: str | None, lang: str) -> str:
    """实际完成值 as a table writes it: as the file wrote it, a completion ratio (``完成率 60%``),
    a grade, or the number with its unit."""
    words = ZH_ACTUALS if lang == "zh" else {"na": "N/A", "missing": "not reported", "rate": "rate"}
    if out.not_applicable:
        return words["na"]
    if out.missing:
        return words["missing"]
    if out.written is not None:  # a restated target ("≥90%") included
        return out.written
    if out.rate is not None:
        return f"{words['rate']} {plain(out.rate * 100)}%"
    if out.grade is not None:
        return out.grade
    if out.achieved_word is not None:
        return out.achieved_word
    return f"{plain(out.actual) if out.actual is not None else ''}{unit or ''}"


def line_row(r: LineResult, decimals: int, lang: str) -> Row:
    ind, out = r.line.indicator, r.line.outcome
    return Row(
        "line",
        ind.level1,
        ind.level2 or "",
        ind.name,
        ind.target_display(),
        actual_text(out, ind.unit, lang),
        plain(ind.weight),
        fixed(r.score, decimals) if r.counted else "—",
        plain(out.claimed) if out.claimed is not None else "",
        out.reason or "",
        r.scored.formula.word(lang) if r.scored else pick(lang, "不适用，已剔除", "N/A, dropped"),
        ind.id,
    )


@frozen(repr=False, eq=False, slots=False)
class Group:
    """The rows of one 一级指标, in the order the table gives them, with their 小计."""

    level1: str
    lines: list[LineResult]
    earned: Decimal
    possible: Decimal


def level1_groups(s: SubjectResult) -> list[Group]:
    groups: dict[str, list[LineResult]] = {}
    for r in s.lines:
        groups.setdefault(r.line.indicator.level1, []).append(r)
    return [Group(level, members, total(r.score for r in members if r.counted),
                  total(r.line.indicator.weight for r in members if r.counted)) for level, members in groups.items()]


def subject_rows(s: SubjectResult, decimals: int, lang: str) -> list[Row]:
    """The indicator rows grouped by 一级指标, each group closed by its 小计, then 预算执行率 and 总分."""
    rows: list[Row] = []
    for g in level1_groups(s):
        rows += [line_row(r, decimals, lang) for r in g.lines]
        rows.append(Row("subtotal", g.level1, name=pick(lang, "小计", "subtotal"), weight=plain(g.possible),
                        score=fixed(g.earned, decimals)))
    if s.budget is not None:
        b = s.budget
        rows.append(Row(
            "budget",
            pick(lang, "预算执行率", "预算执行率"),
            name=pick(lang, "预算执行率", "budget execution rate"),
            actual=percent(b.scored.rate),
            weight=plain(b.scored.points),
            score=fixed(b.score, decimals),
            claimed=plain(b.claimed) if b.claimed is not None else "",
            formula=b.scored.formula.word(lang),
        ))
    claim = s.subject.claimed
    rows.append(Row(
        "total",
        name=pick(lang, "总分", "total"),
        weight=fixed(s.possible, decimals),
        score=fixed(s.earned, decimals),
        claimed=plain(claim.score) if claim and claim.score is not None else "",
        formula=s.formula.word(lang),
    ))
    return rows


def headline(result: EvaluationResult, lang: str) -> str:
    d = result.policy.rounding.decimals
    ev = result.evaluation
    text = pick(lang,
        f"{ev.department} {ev.year} 年度绩效自评：{fixed(result.score, d)} 分，{result.grade}",
        f"{ev.department} {ev.year} self-evaluation: {fixed(result.score, d)}, grade {result.grade}",
    )
    if ev.claimed is not None:
        parts = []
        if ev.claimed.score is not None:
            parts.append(pick(lang, f"{plain(ev.claimed.score)} 分", f"{plain(ev.claimed.score)}"))
        if ev.claimed.grade:
            parts.append(ev.claimed.grade)
        diff = result.claimed_difference
        text += pick(lang, f"（自评 {'，'.join(parts)}", f" (claimed {', '.join(parts)}")
        if diff is not None:
            text += pick(lang, f"，差 {plain(diff)}）", f", difference {plain(diff)})")
        else:
            text += pick(lang, "）", ")")
    return text


def subject_title(s: SubjectResult, decimals: int, lang: str) -> str:
    score = fixed(s.score, decimals)
    if s.subject.is_overall:
        return pick(lang, f"部门整体：{s.subject.name} — {score} 分，{s.grade}", f"Overall: {s.subject.name} — {score}, {s.grade}")
    return pick(lang, f"项目：{s.subject.name} — {score} 分，{s.grade}", f"Project: {s.subject.name} — {score}, {s.grade}")


def funds(s: SubjectResult, unit: str, lang: str) -> list[tuple[str, str]]:
    """年初预算数, 全年预算数, 全年执行数 (in ``unit``) and 执行率, as far as the file gives them."""
    b = s.subject.budget
    if b is None:
        return []
    cells = [
        (pick(lang, f"年初预算数（{unit}）", f"initial budget ({unit})"), money(b.initial)),
        (pick(lang, f"全年预算数（{unit}）", f"full-year budget ({unit})"), money(b.full_year)),
        (pick(lang, f"全年执行数（{unit}）", f"executed ({unit})"), money(b.executed)),
    ]
    if b.received is not None:
        cells.append((pick(lang, f"实际到位资金（{unit}）", f"received ({unit})"), money(b.received)))
    if s.budget is not None:
        cells.append((pick(lang, "执行率", "rate"), percent(s.budget.scored.rate)))
    elif b.full_year and b.executed is not None:
        cells.append((pick(lang, "执行率", "rate"), percent(b.executed / b.full_year)))
    return [(k, v) for k, v in cells if v]
