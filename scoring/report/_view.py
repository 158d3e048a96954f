"""What every report shows, computed once: the cells of a 自评表.

The table, Markdown and CSV renderers lay these rows out; none of them
formats a number on its own.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from ..engine import EvaluationResult, LineResult, SubjectResult
from ..i18n import Words, join
from ..model import Outcome
from ..numbers import kept, percent, plain, total
from ..policy import Rounding
from ..wording import LIST, filled
from . import words


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



def actual_text(out: Outcome, unit: str | None, lang: str) -> str:
    """实际完成值 as a table writes it: as the file wrote it, a completion ratio (``完成率 60%``),
    a grade, or the number with its unit."""
    if out.not_applicable:
        return words.NOT_APPLICABLE_ACTUAL.word(lang)
    if out.missing:
        return words.NOT_REPORTED.word(lang)
    if out.written is not None:  # a restated target ("≥90%") included
        return out.written
    if out.rate is not None:
        return f"{words.COMPLETION_RATE.word(lang)} {plain(out.rate * 100)}%"
    if out.grade is not None:
        return out.grade
    if out.achieved_word is not None:
        return out.achieved_word
    return f"{plain(out.actual) if out.actual is not None else ''}{unit or ''}"


def line_row(r: LineResult, rounding: Rounding, lang: str) -> Row:
    ind, out = r.line.indicator, r.line.outcome
    return Row(
        "line",
        ind.level1,
        ind.level2 or "",
        ind.name,
        ind.target_display(),
        actual_text(out, ind.unit, lang),
        plain(ind.weight),
        rounding.shown(r.score, ind.weight) if r.counted else "—",
        plain(out.claimed) if out.claimed is not None else "",
        out.reason or "",
        (r.scored.formula if r.scored else words.NOT_APPLICABLE_DROPPED).word(lang),
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


def subject_rows(s: SubjectResult, rounding: Rounding, lang: str) -> list[Row]:
    """The indicator rows grouped by 一级指标, each group closed by its 小计, then 预算执行率 and 总分.
    Every score is shown as :meth:`~scoring.policy.Rounding.shown` keeps it, so the rows add up to
    the 小计 and 总分 printed under them."""
    rows: list[Row] = []
    for g in level1_groups(s):
        rows += [line_row(r, rounding, lang) for r in g.lines]
        rows.append(Row("subtotal", g.level1, name=words.SUBTOTAL.word(lang), weight=plain(g.possible),
                        score=rounding.shown(g.earned, g.possible)))
    if s.budget is not None:
        b = s.budget
        rows.append(Row(
            "budget",
            words.BUDGET_LEVEL1.word(lang),
            name=words.BUDGET_ROW.word(lang),
            actual=percent(b.scored.rate),
            weight=plain(b.scored.points),
            score=rounding.shown(b.score, b.scored.points),
            claimed=plain(b.claimed) if b.claimed is not None else "",
            formula=b.scored.formula.word(lang),
        ))
    claim = s.subject.claimed
    rows.append(Row(
        "total",
        name=words.TOTAL_ROW.word(lang),
        weight=kept(s.possible, rounding.decimals),
        score=rounding.shown(s.earned, s.possible),
        claimed=plain(claim.score) if claim and claim.score is not None else "",
        formula=s.formula.word(lang),
    ))
    return rows


def headline(result: EvaluationResult, lang: str) -> str:
    d = result.policy.rounding.decimals
    ev = result.evaluation
    text = filled(words.HEADLINE, department=ev.department, year=ev.year, score=kept(result.score, d), grade=result.grade)
    if ev.claimed is not None:
        parts: list[Words] = []
        if ev.claimed.score is not None:
            parts.append(filled(words.CLAIMED_POINTS, score=plain(ev.claimed.score)))
        if ev.claimed.grade:
            parts.append(ev.claimed.grade)
        diff = result.claimed_difference
        text += filled(words.HEADLINE_CLAIMED, parts=join(LIST, parts))
        text += filled(words.HEADLINE_DIFFERENCE, difference=plain(diff)) if diff is not None else words.CLOSE
    return text.word(lang)


def subject_title(s: SubjectResult, decimals: int, lang: str) -> str:
    score = kept(s.score, decimals)
    if s.subject.is_overall:
        return filled(words.OVERALL_TITLE, name=s.subject.name, score=score, grade=s.grade).word(lang)
    return filled(words.PROJECT_TITLE, name=s.subject.name, score=score, grade=s.grade).word(lang)


def funds(s: SubjectResult, unit: str, lang: str) -> list[tuple[str, str]]:
    """年初预算数, 全年预算数, 全年执行数 (in ``unit``) and 执行率, as far as the file gives them."""
    b = s.subject.budget
    if b is None:
        return []
    cells = [
        (filled(words.INITIAL_BUDGET, unit=unit).word(lang), money(b.initial)),
        (filled(words.FULL_YEAR_BUDGET, unit=unit).word(lang), money(b.full_year)),
        (filled(words.EXECUTED, unit=unit).word(lang), money(b.executed)),
    ]
    if b.received is not None:
        cells.append((filled(words.RECEIVED, unit=unit).word(lang), money(b.received)))
    if s.budget is not None:
        cells.append((words.RATE.word(lang), percent(s.budget.scored.rate)))
    elif b.full_year and b.executed is not None:
        cells.append((words.RATE.word(lang), percent(b.executed / b.full_year)))
    return [(k, v) for k, v in cells if v]
