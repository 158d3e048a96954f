"""The 自评表 workbook: one sheet per subject in the official 项目支出绩效自评表
layout, and a summary sheet. Numbers are numbers (with number formats), not
text; every sheet prints on A4 landscape, fitted to the page width.

The columns after 偏差原因分析及改进措施 (自评得分, 计算过程, 编号) carry what
the official form has no place for, so that ``score import`` reads the
workbook back to the same evaluation.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..engine import EvaluationResult, SubjectResult
from ..findings import severity_name
from ..i18n import word
from ..numbers import places, plain
from ..policy import Rounding
from ..wording import filled
from . import words
from ._text import width
from ._view import actual_text
from .markdown import summary_sentence

COLUMNS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
           "自评得分", "计算过程", "编号"]
WIDTHS = [12, 14, 30, 14, 14, 8, 9, 32, 9, 44, 10]
FUNDS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "自评得分"]
SUMMARY_TITLE = "绩效自评结果汇总"

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
NUMBER = Alignment(horizontal="right", vertical="center")
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_ALIGNMENTS = (CENTER, WRAP, NUMBER, LEFT)


def sheet_name(name: str, taken: set[str]) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of ``[]:*?/\\`` or a control character,
    no leading or trailing apostrophe, not ``History``; unique in the workbook (ignoring case, as Excel does)."""
    base = re.sub(r"[\[\]:*?/\\\x00-\x1f\x7f]", "", name).strip().strip("'")[:27] or "项目"
    if base.lower() == "history":
        base = "History(1)"
    lowered = {n.lower() for n in taken}
    candidate, n = base, 2
    while candidate.lower() in lowered:
        candidate, n = f"{base}({n})"[:31], n + 1
    taken.add(candidate)
    return candidate


def sheet_link(name: str) -> str:
    """A link to a sheet of the same workbook (Excel doubles a quote in a reference)."""
    return "#'{}'!A1".format(name.replace("'", "''"))


CELL_LIMIT = 32767
"""The most characters an Excel cell holds."""
CUT = "…［超出 Excel 单元格长度，已截断 / cut at Excel's cell limit］"


def cell_text(value: str) -> str:
    """Text as Excel can hold it: the characters it forbids written out, and cut at its limit with a mark."""
    text = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(CUT)] + CUT
    return text


def _score_format(decimals: int) -> str:
    return "0" if decimals == 0 else "0." + "0" * decimals


def _score(rounding: Rounding, score: Decimal, points: Decimal) -> tuple[Decimal, str]:
    """A score as a number and the format that shows it as every report does
    (:meth:`~scoring.policy.Rounding.shown`): a 12.5 held at its points under whole points keeps its .5."""
    value = rounding.kept(score, points)
    return value, _score_format(places(value, rounding.decimals))


def _cell(ws, row: int, col: int, value=None, *, fmt: str | None = None, bold=False, fill=False, align=None):
    return put(ws.cell(row=row, column=col), value, fmt=fmt, bold=bold, fill=fill, align=align)


def put(c, value=None, *, fmt: str | None = None, bold=False, fill=False, align=None):
    """``value`` in cell ``c`` (text as Excel can hold it), boxed, aligned (numbers right, text wrapped), and maybe
    with a number format, bold and the header fill."""
    if isinstance(value, str):
        value = cell_text(value)
    if value is not None:
        c.value = value
        if isinstance(value, str) and value.startswith("="):
            c.data_type = "s"  # "=100%" is a target, not a formula
    _style(c, fmt, bold, fill, align or (NUMBER if isinstance(value, (int, Decimal)) else WRAP))
    return c


_STYLES: weakref.WeakKeyDictionary[Workbook, dict[tuple, object]] = weakref.WeakKeyDictionary()
"""Per workbook, the styles :func:`put` has registered, by what they say."""


def _style(c, fmt: str | None, bold: bool, fill: bool, align: Alignment) -> None:
    """openpyxl hashes a style object each time one is set on a cell: most of the time a large workbook
    takes. A cell with no style yet takes the workbook's index of a combination already registered."""
    key = (fmt, bold, fill, id(align)) if not c.has_style and any(align is a for a in _ALIGNMENTS) else None
    known = _STYLES.setdefault(c.parent.parent, {}) if key is not None else {}
    if key in known:
        c._style = copy(known[key])
        return
    c.border = BOX
    if fmt:
        c.number_format = fmt
    if bold:
        c.font = BOLD
    if fill:
        c.fill = HEAD_FILL
    c.alignment = align
    if key is not None:
        known[key] = copy(c._style)


def _merge(ws, r1: int, c1: int, r2: int, c2: int, value=None, **kw) -> None:
    """Cells merged, each boxed: merged first, while no cell has a border that openpyxl would work out
    again for every edge cell (most of the time a large workbook took)."""
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    _cell(ws, r1, c1, value, **kw)
    rest = {k: v for k, v in kw.items() if k != "fmt"}
    for r in range(r1, r2 + 1):
        for c in range(c1 + (r == r1), c2 + 1):
            _cell(ws, r, c, **rest)


def _print_setup(ws, title_rows: str | None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if title_rows:
        ws.print_title_rows = title_rows


def write_subject(ws, s: SubjectResult, result: EvaluationResult, lang: str) -> None:
    ev = result.evaluation
    rounding = result.policy.rounding
    score_fmt = _score_format(rounding.decimals)
    last = len(COLUMNS)
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    title = "部门整体支出绩效自评表" if s.subject.is_overall else "项目支出绩效自评表"
    _merge(ws, 1, 1, 1, last, title, bold=True, align=CENTER)
    ws.cell(1, 1).font = Font(bold=True, size=16)
    ws.row_dimensions[1].height = 28
    _merge(ws, 2, 1, 2, last, f"（{ev.year}年度）", align=CENTER)
    _cell(ws, 3, 1, "项目名称", bold=True, fill=True, align=CENTER)
    _merge(ws, 3, 2, 3, 7, s.subject.name)
    _cell(ws, 3, 8, "项目编号", bold=True, fill=True, align=CENTER)
    _merge(ws, 3, 9, 3, last, s.subject.id)
    _cell(ws, 4, 1, "主管部门", bold=True, fill=True, align=CENTER)
    _merge(ws, 4, 2, 4, 7, ev.department)
    _cell(ws, 4, 8, "实施单位", bold=True, fill=True, align=CENTER)
    _merge(ws, 4, 9, 4, last, s.subject.agency or ev.department)

    # 项目资金: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
    _merge(ws, 5, 1, 6, 2, f"项目资金（{ev.money_unit}）", bold=True, fill=True, align=CENTER)
    for j, label in enumerate(FUNDS):
        _cell(ws, 5, 3 + j, label, bold=True, fill=True, align=CENTER)
    b = s.subject.budget
    points = s.budget.scored.points if s.budget else (s.subject.budget_points if s.subject.budget_points is not None
                                                       else result.policy.budget.points if b else None)
    money = "#,##0.00"
    values = [
        (b.initial if b else None, money), (b.full_year if b else None, money), (b.executed if b else None, money),
        (points, "General"), (s.budget.scored.rate if s.budget else (b.executed / b.full_year if b and b.full_year and b.executed is not None else None), "0.00%"),
        _score(rounding, s.budget.score, s.budget.scored.points) if s.budget else (None, score_fmt),
        (s.budget.claimed if s.budget else None, score_fmt),
    ]
    for j, (value, fmt) in enumerate(values):
        _cell(ws, 6, 3 + j, value, fmt=fmt)
    for j in range(3 + len(FUNDS), last + 1):
        _cell(ws, 5, j, fill=True)
        _cell(ws, 6, j)

    head = 8
    for j, column in enumerate(COLUMNS, 1):
        _cell(ws, head, j, column, bold=True, fill=True, align=CENTER)
    ws.row_dimensions[head].height = 30
    row = head + 1
    hidden = _merge_runs(ws, row, [(r.line.indicator.level1, r.line.indicator.level2 or "") for r in s.lines])
    for r in s.lines:
        ind, out = r.line.indicator, r.line.outcome
        _cell(ws, row, 1, None if (row, 1) in hidden else ind.level1, align=CENTER)
        _cell(ws, row, 2, None if (row, 2) in hidden else ind.level2 or "", align=CENTER)
        _cell(ws, row, 3, ind.name)
        _cell(ws, row, 4, ind.target_display(), align=CENTER)
        _cell(ws, row, 5, actual_text(out, ind.unit, "zh"), align=CENTER)
        _cell(ws, row, 6, ind.weight, fmt="General")
        value, fmt = _score(rounding, r.score, ind.weight) if r.counted else (None, score_fmt)
        _cell(ws, row, 7, value, fmt=fmt)
        _cell(ws, row, 8, out.reason or "")
        _cell(ws, row, 9, out.claimed, fmt=score_fmt)
        _cell(ws, row, 10, r.scored.formula.word(lang) if r.scored else "不适用，已剔除")
        _cell(ws, row, 11, ind.id if ind.id != ind.name else "", align=CENTER)
        _fit_height(ws, row)
        row += 1

    _merge(ws, row, 1, row, 5, "总分", bold=True, align=CENTER)
    _cell(ws, row, 6, s.possible, fmt="General", bold=True)
    earned, fmt = _score(rounding, s.earned, s.possible)
    _cell(ws, row, 7, earned, fmt=fmt, bold=True)
    _cell(ws, row, 8, "")
    _cell(ws, row, 9, None)
    _merge(ws, row, 10, row, last, s.formula.word(lang))
    row += 1
    claim = s.subject.claimed
    _merge(ws, row, 1, row, 5, "百分制得分", bold=True, align=CENTER)
    _cell(ws, row, 6, 100, fmt="General")
    _cell(ws, row, 7, s.score, fmt=_score_format(places(s.score, rounding.decimals)), bold=True)
    _cell(ws, row, 8, "自评总分", align=CENTER)
    _cell(ws, row, 9, claim.score if claim else None, fmt=score_fmt)
    _merge(ws, row, 10, row, last, "")
    row += 1
    _merge(ws, row, 1, row, 5, "等级", bold=True, align=CENTER)
    _merge(ws, row, 6, row, 7, s.grade, bold=True, align=CENTER)
    _cell(ws, row, 8, "自评等级", align=CENTER)
    _cell(ws, row, 9, claim.grade if claim else None, align=CENTER)
    _merge(ws, row, 10, row, last, "")
    ws.freeze_panes = ws.cell(head + 1, 1)
    _print_setup(ws, f"{head}:{head}")


def _fit_height(ws, row: int) -> None:
    """Row height for wrapped text: spreadsheets do not grow rows that a program wrote."""
    lines = 1
    for col, w in enumerate(WIDTHS, 1):
        value = ws.cell(row, col).value
        if isinstance(value, str) and value:
            lines = max(lines, -(-width(value) // max(1, int(w * 1.1) - 1)))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _merge_runs(ws, first: int, labels: list[tuple[str, str]]) -> set[tuple[int, int]]:
    """Merge 一级指标 cells over each run of rows that share it, and 二级指标 within it, before the rows are
    written (merging written cells costs openpyxl far more). The cells under each run's first, which
    show nothing of their own."""
    hidden: set[tuple[int, int]] = set()
    for col, keys in ((1, [label[:1] for label in labels]), (2, labels)):
        start = 0
        for i in range(1, len(keys) + 1):
            if i == len(keys) or keys[i] != keys[start]:
                if i - 1 > start and keys[start][-1]:
                    ws.merge_cells(start_row=first + start, start_column=col, end_row=first + i - 1, end_column=col)
                    hidden.update((first + j, col) for j in range(start + 1, i))
                start = i
    return hidden


def write_summary(ws, result: EvaluationResult, sheets: list[tuple[SubjectResult, str]], lang: str) -> None:
    ev = result.evaluation
    d = result.policy.rounding.decimals
    score_fmt = _score_format(d)
    for col, w in zip("ABCDEF", (16, 22, 12, 10, 16, 70)):
        ws.column_dimensions[col].width = w
    _merge(ws, 1, 1, 1, 6, SUMMARY_TITLE, bold=True, align=CENTER)
    ws.cell(1, 1).font = Font(bold=True, size=16)
    claim = ev.claimed
    facts = [
        ("部门", ev.department, None), ("年度", ev.year, "0"),
        ("评分规则", f"{result.policy.id}：{result.policy.title}", None), ("规则 sha256", result.policy.sha256, None),
        ("复算得分", result.score, _score_format(places(result.score, d))), ("复算等级", result.grade, None),
        ("自评得分", claim.score if claim else None, score_fmt), ("自评等级", claim.grade if claim else None, None),
        ("差异（自评 − 复算）", result.claimed_difference, score_fmt), ("部门得分计算", word(result.rollup.formula, lang), None),
    ]
    row = 3
    for label, value, fmt in facts:
        _cell(ws, row, 1, label, bold=True, fill=True)
        _merge(ws, row, 2, row, 6, value, fmt=fmt, align=LEFT)
        row += 1
    row += 1
    _merge(ws, row, 1, row, 6, "项目得分分布", bold=True, fill=True)
    row += 1
    _merge(ws, row, 1, row, 6, summary_sentence(result, lang))
    row += 1
    counts = Counter(p.grade for p in result.projects)
    for band in result.policy.grades.bands:
        _cell(ws, row, 1, band.label, align=CENTER)
        _cell(ws, row, 2, f"≥ {plain(band.min)}", align=CENTER)
        _cell(ws, row, 3, counts.get(band.label, 0), fmt="0")
        row += 1
    row += 1
    for j, head in enumerate(["评价对象", "名称", "得分", "等级", "工作表"], 1):
        _cell(ws, row, j, head, bold=True, fill=True, align=CENTER)
    row += 1
    for s, name in sheets:
        _cell(ws, row, 1, "部门整体" if s.subject.is_overall else "项目", align=CENTER)
        _cell(ws, row, 2, s.subject.name)
        _cell(ws, row, 3, s.score, fmt=score_fmt)
        _cell(ws, row, 4, s.grade, align=CENTER)
        _cell(ws, row, 5, name)
        ws.cell(row, 5).hyperlink = sheet_link(name)
        row += 1
    row += 1
    for j, head in enumerate(["严重程度", "代码", "评价对象", "指标"], 1):
        _cell(ws, row, j, head, bold=True, fill=True, align=CENTER)
    _merge(ws, row, 5, row, 6, "说明", bold=True, fill=True, align=CENTER)
    row += 1
    if not result.findings:
        _merge(ws, row, 1, row, 6, "没有发现问题。")
    for f in result.findings:
        for j, value in enumerate([severity_name(f.severity, lang), f.code, f.subject or "", f.indicator or ""], 1):
            _cell(ws, row, j, value)
        message = f.word(lang)
        _merge(ws, row, 5, row, 6, message)
        ws.row_dimensions[row].height = 15 * max(1, -(-width(message) // 80))
        row += 1
    _print_setup(ws, None)


def workbook(result: EvaluationResult, lang: str) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    taken = {"汇总"}
    sheets = []
    for s in result.subjects:
        name = sheet_name("部门整体" if s.subject.is_overall else s.subject.name, taken)
        write_subject(wb.create_sheet(name), s, result, lang)
        sheets.append((s, name))
    write_summary(summary, result, sheets, lang)
    _note_cut(wb, lang)
    return wb


def _note_cut(wb: Workbook, lang: str) -> None:
    """A warning at the top of the summary naming every cell cut at Excel's limit: none is cut silently."""
    cut = [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row if was_cut(c.value)]
    if cut:
        summary = wb.worksheets[0]  # its row 2 is left blank for this
        _merge(summary, 2, 1, 2, 6, cut_warning(cut, lang), bold=True, align=WRAP)
        summary.cell(2, 1).font = Font(bold=True, color="C00000")


def was_cut(value: object) -> bool:
    """A cell's text cut at Excel's limit by :func:`cell_text`."""
    return isinstance(value, str) and value.endswith(CUT)


def cut_warning(cut: list[str], lang: str) -> str:
    """The warning that names the cells (``sheet!A1``) cut at Excel's limit, the first twenty of them."""
    cells = "、".join(cut[:20]) + ("…" if len(cut) > 20 else "")
    return filled(words.CELLS_CUT, n=len(cut), limit=CELL_LIMIT, cells=cells).word(lang)


def render(result: EvaluationResult, out, lang: str) -> None:
    """The workbook, written to a binary stream."""
    workbook(result, lang).save(out)
