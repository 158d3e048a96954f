"""Workbooks laid out as departments fill them: for tests, ours and a bureau's own.

Each writer lays one or more :class:`Table` specs out in one family of
published 自评表 layouts, typed the way a person types them: percentages as
``97%`` (stored 0.97 with a percent format), merged 一级/二级 cells, line
breaks in headers, totals written ``98.62分``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from attrs import define
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@define
class Row:
    level1: str
    level2: str
    name: str
    target: object
    """As typed: a number, a text such as ``≥95%``, or a Decimal fraction with ``percent``."""
    actual: object
    weight: object
    claimed: object = None
    reason: str | None = None
    unit: str | None = None
    comparator: str | None = None
    percent: bool = False
    """Target and actual typed as ``97%``: stored as fractions with a percent format."""


@define
class Table:
    name: str
    rows: list[Row]
    department: str = "某区园区管理委员会"
    year: int = 2023
    agency: str | None = None
    budget: tuple = (None, Decimal(100), Decimal(100))
    """(年初预算数, 全年预算数, 全年执行数), in ``money_unit``."""
    money_unit: str = "万元"
    points: object = 10
    budget_claim: object = None
    total_claim: object = None
    points_total: object = None
    overall: bool = False
    goal: str = "按期完成年度建设任务"
    grade_claim: str | None = None
    zero_total: bool = False
    """年度资金总额 printed as zeros while 其中：当年财政拨款 carries the money (安徽)."""


def _percent(ws: Worksheet, cell: str, value) -> None:
    ws[cell] = value
    ws[cell].number_format = "0%" if Decimal(str(value)) * 100 == int(Decimal(str(value)) * 100) else "0.00%"


def _typed(ws: Worksheet, cell: str, value, percent: bool) -> None:
    if percent and isinstance(value, Decimal):
        _percent(ws, cell, float(value / 100))
    else:
        ws[cell] = float(value) if isinstance(value, Decimal) and value != int(value) else (int(value) if isinstance(value, Decimal) else value)


def _merge_runs(ws: Worksheet, col: str, first: int, values: list[str]) -> None:
    """Merge a column over each run of equal values, as tables print 一级/二级 labels."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if i - 1 > start:
                ws.merge_cells(f"{col}{first + start}:{col}{first + i - 1}")
            start = i


def _write_rows(ws: Worksheet, t: Table, first: int, cols: dict[str, str], three: bool = False) -> int:
    """The indicator rows from row ``first``; returns the next free row."""
    r = first
    for row in t.rows:
        ws[f"{cols['level1']}{r}"] = row.level1
        ws[f"{cols['level2']}{r}"] = row.level2
        ws[f"{cols['name']}{r}"] = row.name
        if three:
            if row.comparator:
                ws[f"{cols['comparator']}{r}"] = row.comparator
            _typed(ws, f"{cols['target']}{r}", row.target, False)
            if row.unit:
                ws[f"{cols['unit']}{r}"] = row.unit
        else:
            _typed(ws, f"{cols['target']}{r}", row.target, row.percent)
        _typed(ws, f"{cols['actual']}{r}", row.actual, row.percent)
        _typed(ws, f"{cols['weight']}{r}", row.weight, False)
        if row.claimed is not None:
            _typed(ws, f"{cols['score']}{r}", row.claimed, False)
        if row.reason:
            ws[f"{cols['reason']}{r}"] = row.reason
        r += 1
    for key in ("level1",):
        _merge_runs(ws, cols[key], first, [row.level1 for row in t.rows])
    _merge_runs(ws, cols["level2"], first, [row.level1 + "|" + row.level2 for row in t.rows])
    return r


# -- 10号 项目支出绩效自评表, with the 绩效指标 column merged down the left -----------------

def _total_row(ws: Worksheet, t: Table, row: int, points: str, claim: str, *, label: str = "总分",
               merged_through: str | None = None, claim_suffix: str = "") -> None:
    """The 总分 (or 合计) row: its label, merged across to ``merged_through`` where the layout merges it,
    the printed points total and the claimed total (typed as ``99.55分`` where ``claim_suffix`` says)."""
    ws[f"A{row}"] = label
    if merged_through is not None:
        ws.merge_cells(f"A{row}:{merged_through}{row}")
    if t.points_total is not None:
        ws[f"{points}{row}"] = t.points_total
    if t.total_claim is not None:
        ws[f"{claim}{row}"] = f"{t.total_claim}{claim_suffix}" if claim_suffix else t.total_claim


def ten_hao(ws: Worksheet, t: Table, top: int = 1) -> int:
    """The official layout: title, （年度）, 项目名称, 主管部门/实施单位, the 项目资金 block with its
    其中 lines, 年度总体目标, the indicators with a 绩效指标 side column, 总分. Returns the next row."""
    title = "部门整体支出绩效自评表" if t.overall else "项目支出绩效自评表"
    ws[f"A{top}"] = title
    ws.merge_cells(f"A{top}:J{top}")
    ws[f"A{top + 1}"] = f"（{t.year}年度）"
    ws.merge_cells(f"A{top + 1}:J{top + 1}")
    ws[f"A{top + 2}"] = "部门名称" if t.overall else "项目名称"
    ws[f"C{top + 2}"] = t.name
    ws.merge_cells(f"A{top + 2}:B{top + 2}")
    ws.merge_cells(f"C{top + 2}:J{top + 2}")
    ws[f"A{top + 3}"] = "主管部门"
    ws[f"C{top + 3}"] = t.department
    ws[f"G{top + 3}"] = "实施单位"
    ws[f"H{top + 3}"] = t.agency or t.department
    ws.merge_cells(f"A{top + 3}:B{top + 3}")
    b = top + 4
    ws[f"A{b}"] = f"项目资金\n（{t.money_unit}）"
    ws.merge_cells(f"A{b}:B{b + 4}")
    for col, head in zip("DEFGHI", ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率\n（B/A）", "得分")):
        ws[f"{col}{b}"] = head
    ws[f"C{b + 1}"] = "年度资金总额"
    ws[f"C{b + 2}"] = "其中：当年财政拨款"
    ws[f"C{b + 3}"] = "上年结转资金"
    ws[f"C{b + 4}"] = "其他资金"
    initial, full_year, executed = t.budget
    for col, value in zip("DEF", (initial, full_year, executed)):
        if value is not None:
            _typed(ws, f"{col}{b + 1}", Decimal(0) if t.zero_total else value, False)
            _typed(ws, f"{col}{b + 2}", value, False)
    ws[f"G{b + 1}"] = t.points
    if full_year and not t.zero_total:
        _percent(ws, f"H{b + 1}", float(min(executed / full_year, 1)))
    if t.budget_claim is not None:
        _typed(ws, f"I{b + 1}", t.budget_claim, False)
    for rr in (b + 2, b + 3, b + 4):
        ws[f"G{rr}"] = "—"
        ws[f"I{rr}"] = "—"
    g = b + 5
    ws[f"A{g}"] = "年度\n总体\n目标"
    ws.merge_cells(f"A{g}:A{g + 1}")
    ws[f"B{g}"] = "预期目标"
    ws[f"F{g}"] = "实际完成情况"
    ws[f"B{g + 1}"] = t.goal
    ws[f"F{g + 1}"] = "已完成"
    h = g + 2
    ws[f"A{h}"] = "绩效指标"
    for col, head in zip("BCDEFGHI", ("一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析\n及改进措施")):
        ws[f"{col}{h}"] = head
    cols = dict(level1="B", level2="C", name="D", target="E", actual="F", weight="G", score="H", reason="I")
    end = _write_rows(ws, t, h + 1, cols)
    ws.merge_cells(f"A{h}:A{end - 1}")
    _total_row(ws, t, end, points="G", claim="H", merged_through="F")
    end += 1
    if t.grade_claim is not None:
        ws[f"A{end}"] = "等级"
        ws[f"G{end}"] = t.grade_claim
        end += 1
    return end


# -- 湖北: 预算执行情况(万元)(20分), level-1 labels with their points ---------------------

def provincial(ws: Worksheet, t: Table, top: int = 1) -> int:
    ws[f"A{top}"] = f"{t.year}年度项目支出绩效自评表"
    ws.merge_cells(f"A{top}:I{top}")
    ws[f"A{top + 1}"] = f"填报单位：{t.department}（盖章）          金额单位：{t.money_unit}"
    ws[f"A{top + 2}"] = "项目名称"
    ws[f"B{top + 2}"] = t.name
    b = top + 3
    ws[f"A{b}"] = f"预算执行情况({t.money_unit})({t.points}分)"
    ws.merge_cells(f"A{b}:A{b + 1}")
    for col, head in zip("BCDE", ("预算数(A)", "执行数(B)", "执行率(B/A)", f"得分({t.points}分*执行率)")):
        ws[f"{col}{b}"] = head
    _, full_year, executed = t.budget
    _typed(ws, f"B{b + 1}", full_year, False)
    _typed(ws, f"C{b + 1}", executed, False)
    _percent(ws, f"D{b + 1}", float(executed / full_year))
    if t.budget_claim is not None:
        _typed(ws, f"E{b + 1}", t.budget_claim, False)
    ws[f"A{b + 2}"] = "年度总体目标完成情况"
    ws[f"B{b + 2}"] = t.goal
    h = b + 3
    for col, head in zip("ABCDEFGH", ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因分析")):
        ws[f"{col}{h}"] = head
    cols = dict(level1="A", level2="B", name="C", target="D", actual="E", weight="F", score="G", reason="H")
    end = _write_rows(ws, t, h + 1, cols)
    _total_row(ws, t, end, points="F", claim="G", label="合计", claim_suffix="分")
    return end + 1


# -- targets in three columns: 指标性质 / 指标值 / 度量单位 -------------------------------

def three_columns(ws: Worksheet, t: Table, top: int = 1) -> int:
    ws[f"A{top}"] = f"{t.year}年度项目支出绩效自评表"
    ws[f"A{top + 1}"] = "项目名称"
    ws[f"B{top + 1}"] = t.name
    ws[f"A{top + 2}"] = "主管部门"
    ws[f"B{top + 2}"] = t.department
    b = top + 3
    ws[f"A{b}"] = f"项目资金（{t.money_unit}）"
    for col, head in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        ws[f"{col}{b}"] = head
    ws[f"B{b + 1}"] = "年度资金总额"
    initial, full_year, executed = t.budget
    for col, value in zip("CDE", (initial, full_year, executed)):
        if value is not None:
            _typed(ws, f"{col}{b + 1}", value, False)
    ws[f"F{b + 1}"] = t.points
    if t.budget_claim is not None:
        _typed(ws, f"H{b + 1}", t.budget_claim, False)
    h = b + 2
    heads = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for col, head in zip("ABCDEFGHIJ", heads):
        ws[f"{col}{h}"] = head
    cols = dict(level1="A", level2="B", name="C", comparator="D", target="E", unit="F", actual="G", weight="H", score="I", reason="J")
    end = _write_rows(ws, t, h + 1, cols, three=True)
    _total_row(ws, t, end, points="H", claim="I", merged_through="G")
    return end + 1


LAYOUTS = {"10号": ten_hao, "湖北": provincial, "三列指标值": three_columns}


def book(path: Path, tables: list[Table], layout=ten_hao, *, stacked: bool = False, cover: bool = False) -> Path:
    """``tables`` in one layout: one per sheet, or stacked on one sheet; with a 目录 sheet first if ``cover``."""
    wb = Workbook()
    ws = wb.active
    if cover:
        ws.title = "目录"
        ws["A1"] = "目录"
        for i, t in enumerate(tables, 2):
            ws[f"A{i}"] = t.name
        ws = wb.create_sheet()
    row = 1
    for i, t in enumerate(tables):
        if i and not stacked:
            ws = wb.create_sheet()
        if not stacked:
            ws.title = f"项目{i + 1}"
            row = 1
        row = layout(ws, t, row) + (2 if stacked else 0)
    wb.save(path)
    return path
