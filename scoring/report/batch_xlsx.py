"""``score inbox/ -f xlsx``: the bureau's review as a workbook to print and file.

A summary sheet (one row per submission, worst first), a 差异明细 sheet (one
row per discrepancy: submission, level, claimed, computed, kind, reason,
formula), a sheet by department, and each submission's tables in the
official 自评表 layout. Numbers are numbers; every sheet prints on A4
landscape with its header frozen and repeated. The workbook is written as
it goes, so a batch of any size holds one submission's tables at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import copy
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange

from ..batch import Batch, Submission
from ..i18n import Text, word
from ..wording import filled
from . import words
from .summary import kind_counts, kind_name, ordered
from .xlsx import CENTER, WRAP, _merge, _print_setup, cut_warning, put, sheet_link, sheet_name, was_cut, write_subject

SCORE = "0.00"
RED = Font(bold=True, color="C00000")
PLAIN = Alignment(wrap_text=False)


def _number(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


class _Book:
    """The workbook, written as it goes (openpyxl's write-only mode): a sheet's rows are on disk once it
    is done, so memory holds one submission's tables, however many the batch has. A 自评表 needs
    random access (merges, row heights), so it is laid out in a scratch sheet first, then copied
    row by row, style by style."""

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self.scratch = Workbook()
        self.styles: dict[tuple, object] = {}
        """A scratch cell's style → the same style registered in the workbook."""
        self.cut: list[str] = []
        """Cells cut at Excel's limit, as sheet!cell."""

    def sheet(self, title: str, write: Callable) -> None:
        """A sheet laid out by ``write(ws)`` on a scratch sheet, then copied in and closed."""
        src = self.scratch.create_sheet()
        write(src)
        dst = self.wb.create_sheet(title)
        for key, dim in src.column_dimensions.items():
            if dim.width:
                dst.column_dimensions[key].width = dim.width
        for r, dim in src.row_dimensions.items():
            if dim.height:
                dst.row_dimensions[r].height = dim.height
        dst.freeze_panes = src.freeze_panes
        for merged in src.merged_cells.ranges:
            dst.merged_cells.add(merged.coord)
        for row in src.iter_rows():
            dst.append([self._copy(c, dst) for c in row])
        _print_setup(dst, src.print_title_rows)
        dst.close()  # its rows to disk, its file closed: a batch of thousands of sheets holds none open
        dst.row_dimensions.clear()  # written out; the workbook still needs the sheet's name and print titles
        dst.column_dimensions.clear()
        dst.merged_cells = MultiCellRange()
        self.scratch.remove(src)

    def _copy(self, c, dst) -> WriteOnlyCell | None:
        if c.value is None and not c.has_style:
            return None
        w = WriteOnlyCell(dst, c.value)
        w.data_type = c.data_type
        if was_cut(c.value):
            self.cut.append(f"{dst.title}!{c.coordinate}")
        if c.has_style:
            key = tuple(c._style)
            if key not in self.styles:
                w.font, w.fill, w.border = copy(c.font), copy(c.fill), copy(c.border)
                w.alignment, w.protection, w.number_format = copy(c.alignment), copy(c.protection), c.number_format
                self.styles[key] = copy(w._style)
            w._style = copy(self.styles[key])
        return w

    def head(self, ws, headers: list[tuple[str, int]]) -> None:
        """Column widths and a header row, frozen and repeated on every printed page."""
        for j, (_, w) in enumerate(headers, 1):
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"
        ws.append([put(WriteOnlyCell(ws), head, bold=True, fill=True, align=CENTER) for head, _ in headers])

    def cells(self, ws, values: list, formats: dict[int, str]) -> list[WriteOnlyCell]:
        return [put(WriteOnlyCell(ws), v, fmt=formats.get(j), align=WRAP if isinstance(v, str) else None) for j, v in enumerate(values, 1)]

    def append(self, ws, cells: list[WriteOnlyCell]) -> None:
        ws.append(cells)  # places the cells: their coordinates are known from here
        self.cut += [f"{ws.title}!{c.coordinate}" for c in cells if was_cut(c.value)]

    def end(self, ws, headers: list[tuple[str, int]], n: int) -> None:
        """Filterable over its ``n`` rows, and set up for printing."""
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, n + 1)}"
        _print_setup(ws, "1:1")

    def table(self, ws, headers: list[tuple[str, int]], rows: Iterable[list], formats: dict[int, str]) -> None:
        self.head(ws, headers)
        n = 0
        for values in rows:
            self.append(ws, self.cells(ws, values, formats))
            n += 1
        self.end(ws, headers, n)


SUMMARY_COLUMNS = ((words.RANK, 6), (words.FILE, 30), (words.DEPARTMENT, 24), (words.YEAR, 7), (words.CLAIMED_TOTAL, 9),
                   (words.COMPUTED_TOTAL, 9), (words.DIFFERENCE, 8), (words.LARGEST, 9), (words.POINTS, 8), (words.OF, 7),
                   (words.COMPLETE, 6), (words.GRADE, 10), (words.KINDS, 22), (words.ERRORS, 6), (words.WARNINGS, 6), (words.INFOS, 6),
                   (words.DUPLICATES, 20), (words.POLICY, 16), (words.SHEET, 16))
"""Each column of the summary sheet: its header and its width."""
DETAIL_COLUMNS = ((words.FILE, 28), (words.DEPARTMENT, 20), (words.LEVEL, 8), (words.SUBJECT, 20), (words.INDICATOR_NAME, 20),
                  (words.CLAIMED, 8), (words.COMPUTED, 8), (words.DIFFERENCE, 8), (words.KIND, 8), (words.CAUSE, 34), (words.FORMULA, 44))
DEPARTMENT_COLUMNS = ((words.DEPARTMENT, 30), (words.SUBMISSIONS_COUNTED, 10), (words.ROLLUP_SCORE, 12), (words.ROLLUP_METHOD, 14))


def _headers(columns: tuple[tuple[Text, int], ...], lang: str) -> list[tuple[str, int]]:
    return [(label.word(lang), width) for label, width in columns]


def _summary(book: _Book, ws, rows: Iterable[Submission], sheets: dict[str, str], lang: str) -> None:
    headers = _headers(SUMMARY_COLUMNS, lang)
    formats = {5: SCORE, 6: SCORE, 7: SCORE, 8: SCORE, 9: "0.##", 10: "0.##"}
    book.head(ws, headers)
    n = 0
    for n, row in enumerate(rows, 1):
        counts = [c for _, c in row.findings]
        grade = f"{row.claimed_grade} → {row.grade}" if row.claimed_grade else row.grade
        cells = book.cells(ws, [n, row.path, row.department, row.year, _number(row.claimed_score), Decimal(row.score), _number(row.difference),
                                row.largest if row.discrepancies else None, row.points[0], row.points[1],
                                (words.YES if row.complete else words.NO).word(lang), grade,
                                "、".join(kind_name(k, lang) for k in words.KIND_NAMES if k in row.kinds), *counts,
                                "\n".join(row.duplicates),
                                row.policy + ("" if row.builtin_policy else words.NOT_BUILT_IN.word(lang)), sheets.get(row.path, "")],
                           formats)
        if row.path in sheets:
            cells[18].hyperlink = sheet_link(sheets[row.path])
        if not row.complete:
            cells[10].font = RED
        book.append(ws, cells)
    book.end(ws, headers, n)


def _notes(book: _Book, ws, batch: Batch, lang: str) -> None:
    """Under the summary's table, when every sheet is written: the submissions by kind, and every cell
    cut at Excel's limit (none is cut silently)."""
    ws.append([])
    by_kind = kind_counts(batch.submissions)
    notes = [words.BY_KIND.word(lang) + "，".join(f"{kind_name(k, lang)} {m}" for k, m in by_kind.items())]
    if book.cut:
        notes.append(cut_warning(book.cut, lang))
    for text in notes:
        note = WriteOnlyCell(ws, text)
        note.alignment = PLAIN
        ws.append([None, note])


def _details(book: _Book, ws, rows: Iterable[Submission], lang: str) -> None:
    headers = _headers(DETAIL_COLUMNS, lang)
    table = ([row.path, row.department, words.LEVEL_NAMES[str(d.level)].word(lang), d.subject or "", d.indicator or "",
              _number(d.claimed), _number(d.computed), d.difference, kind_name(d.kind, lang),
              word(d.reason, lang) if d.reason is not None else "", word(d.formula, lang) if d.formula is not None else ""]
             for row in rows for d in row.discrepancies)  # read back one submission at a time
    book.table(ws, headers, table, {6: "0.##", 7: "0.##", 8: "0.00"})


def _departments(book: _Book, ws, batch: Batch, lang: str) -> None:
    headers = _headers(DEPARTMENT_COLUMNS, lang)
    headers += [(kind_name(k, lang), 9) for k in words.KIND_NAMES]
    table = ([dep.name, len(dep.submissions), dep.score,
              (words.BY_EXECUTED if dep.method == "budget_weighted" else words.PLAIN_MEAN).word(lang),
              *[dep.count(k) for k in words.KIND_NAMES]] for dep in batch.departments())
    book.table(ws, headers, table, {3: SCORE})


def render(batch: Batch, out: IO, lang: str, group_by: str | None = None) -> None:
    book = _Book()
    summary = book.wb.create_sheet(words.SUMMARY_SHEET.word(lang))  # the first tabs, filled in last
    details = book.wb.create_sheet(words.DISCREPANCIES_SHEET.word(lang))
    departments = book.wb.create_sheet(words.DEPARTMENTS_SHEET.word(lang))
    rows = ordered(batch, group_by)
    taken = {summary.title, details.title, departments.title}
    sheets: dict[str, str] = {}
    for rank, row in enumerate(rows, 1):
        result = batch.result(row)  # scored again, one at a time
        for k, s in enumerate(result.subjects):
            name = sheet_name(f"{rank}-{s.subject.name}", taken)
            sheets.setdefault(row.path, name)
            note = row.path + filled(words.TABLE_NUMBER, n=k + 1).word(lang)

            def write(ws, s=s, result=result, note=note) -> None:
                write_subject(ws, s, result, lang)
                _merge(ws, ws.max_row + 2, 1, ws.max_row + 2, 11, note)

            book.sheet(name, write)
    _summary(book, summary, rows, sheets, lang)
    _details(book, details, rows, lang)
    _departments(book, departments, batch, lang)
    _notes(book, summary, batch, lang)
    book.wb.save(out)
