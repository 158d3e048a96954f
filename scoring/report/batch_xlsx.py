"""``score inbox/ -f xlsx``: the bureau's review as a workbook to print and file.

A summary sheet (one row per submission, worst first), a 差异明细 sheet (one
row per discrepancy: submission, level, claimed, computed, kind, reason,
formula), a sheet per department, and each submission's tables in the
official 自评表 layout. Numbers are numbers; every sheet prints on A4
landscape with its header frozen and repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..batch import Batch, Submission
from ..i18n import pick, word
from .summary import KIND_NAMES, LEVEL_NAMES, kind_counts, kind_name, ordered
from .xlsx import CENTER, WRAP, _cell, _merge, _print_setup, sheet_name, write_subject

SCORE = "0.00"


def _number(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _table(ws, headers: list[tuple[str, int]], rows: list[list], formats: dict[int, str] | None = None) -> None:
    """A header row, frozen and repeated on every printed page, then the rows; filterable."""
    formats = formats or {}
    for j, (head, w) in enumerate(headers, 1):
        _cell(ws, 1, j, head, bold=True, fill=True, align=CENTER)
        ws.column_dimensions[ws.cell(1, j).column_letter].width = w
    for i, row in enumerate(rows, 2):
        for j, value in enumerate(row, 1):
            _cell(ws, i, j, value, fmt=formats.get(j), align=WRAP if isinstance(value, str) else None)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(headers)).column_letter}{max(1, len(rows) + 1)}"
    _print_setup(ws, "1:1")


def _summary(ws, batch: Batch, rows: Sequence[Submission], sheets: dict[str, str], lang: str) -> None:
    headers = [(pick(lang, h, e), w) for h, e, w in (
        ("排名", "rank", 6), ("文件", "file", 30), ("部门", "department", 24), ("年度", "year", 7), ("自评总分", "claimed", 9),
        ("复算总分", "computed", 9), ("差异", "difference", 8), ("最大差异", "largest", 9), ("分值", "points", 8),
        ("满分", "of", 7), ("完整", "complete", 6), ("等级", "grade", 10), ("差异类型", "kinds", 22), ("错误", "errors", 6),
        ("警告", "warnings", 6), ("提示", "infos", 6), ("重复提交", "duplicates", 20), ("评分规则", "policy", 16), ("自评表", "sheet", 16))]
    table = []
    for rank, row in enumerate(rows, 1):
        counts = [n for _, n in row.findings]
        grade = f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade
        table.append([rank, row.path, row.department, row.year, _number(row.claimed_score), Decimal(row.score), _number(row.difference),
                      row.largest if row.discrepancies else None, row.points[0], row.points[1],
                      pick(lang, "是", "yes") if row.complete else pick(lang, "否", "no"), grade,
                      "、".join(kind_name(k, lang) for k in KIND_NAMES if k in row.kinds), *counts, "\n".join(row.duplicates),
                      row.policy + ("" if row.builtin_policy else pick(lang, "（非内置）", " (not built in)")), sheets.get(row.path, "")])
    _table(ws, headers, table, {5: SCORE, 6: SCORE, 7: SCORE, 8: SCORE, 9: "0.##", 10: "0.##"})
    for i, row in enumerate(rows, 2):
        if row.path in sheets:
            ws.cell(i, 19).hyperlink = f"#'{sheets[row.path]}'!A1"
        if not row.complete:
            ws.cell(i, 11).font = Font(bold=True, color="C00000")
    by_kind = kind_counts(batch.submissions)
    note = ws.cell(len(rows) + 3, 2, pick(lang, "按差异类型（份）：", "Submissions by kind: ") +
                   "，".join(f"{kind_name(k, lang)} {n}" for k, n in by_kind.items()))
    note.alignment = Alignment(wrap_text=False)


def _details(ws, rows: Sequence[Submission], lang: str) -> None:
    headers = [(pick(lang, h, e), w) for h, e, w in (
        ("文件", "file", 28), ("部门", "department", 20), ("层级", "level", 8), ("评价对象", "subject", 20), ("指标", "indicator", 20),
        ("自评", "claimed", 8), ("复算", "computed", 8), ("差异", "difference", 8), ("类型", "kind", 8), ("原因", "reason", 34),
        ("计算过程", "formula", 44))]
    table = [[row.path, row.department, pick(lang, *LEVEL_NAMES[str(d.level)]), d.subject or "", d.indicator or "",
              _number(d.claimed), _number(d.computed), d.difference, kind_name(d.kind, lang),
              word(d.reason, lang) if d.reason is not None else "", word(d.formula, lang) if d.formula is not None else ""]
             for row in rows for d in row.discrepancies]
    _table(ws, headers, table, {6: "0.##", 7: "0.##", 8: "0.00"})


def _departments(ws, batch: Batch, lang: str) -> None:
    headers = [(pick(lang, "部门", "department"), 30), (pick(lang, "评价份数", "submissions"), 10),
               (pick(lang, "部门汇总得分", "roll-up"), 12), (pick(lang, "汇总方法", "method"), 14)]
    headers += [(kind_name(k, lang), 9) for k in KIND_NAMES]
    table = [[dep.name, len(dep.submissions), dep.score,
              pick(lang, "按执行数加权", "by executed budget") if dep.method == "budget_weighted" else pick(lang, "简单平均", "plain mean"),
              *[dep.count(k) for k in KIND_NAMES]] for dep in batch.departments()]
    _table(ws, headers, table, {3: SCORE})


def render(batch: Batch, out: IO, lang: str, group_by: str | None = None) -> None:
    wb = Workbook()
    summary = wb.active
    summary.title = pick(lang, "汇总", "summary")
    details = wb.create_sheet(pick(lang, "差异明细", "discrepancies"))
    departments = wb.create_sheet(pick(lang, "按部门", "departments"))
    rows = ordered(batch, group_by)
    taken = {summary.title, details.title, departments.title}
    sheets: dict[str, str] = {}
    for rank, row in enumerate(rows, 1):
        result = batch.result(row)  # scored again, one at a time
        for k, s in enumerate(result.subjects):
            name = sheet_name(f"{rank}-{s.subject.name}", taken)
            sheets.setdefault(row.path, name)
            ws = wb.create_sheet(name)
            write_subject(ws, s, result, lang)
            _merge(ws, ws.max_row + 2, 1, ws.max_row + 2, 11, f"{row.path}（{pick(lang, '第', 'table ')}{k + 1}{pick(lang, ' 张表', '')}）")
    _summary(summary, batch, rows, sheets, lang)
    _details(details, rows, lang)
    _departments(departments, batch, lang)
    wb.save(out)
