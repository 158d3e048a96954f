"""A sheet as people fill it: cells by position, merged ranges, number formats, formulas.

A workbook (``.xlsx``, ``.xlsm``) or a CSV file becomes a list of
:class:`Grid` objects. Only the cells that hold something are kept. A cell
inside a merged range reads as the range's top-left cell. Every read marks
the cell used, so what was never read can be listed afterwards.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import define, field, frozen
from openpyxl.utils.cell import get_column_letter

from ...i18n import Words, t
from ...numbers import plain
from .._targets import fold

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
"""An OLE compound file: a legacy .xls, or an .xlsx saved with a password."""


class Unreadable(Exception):
    """The file cannot be read as a workbook; the message says what to do."""


@frozen
class Number:
    """A number as a cell holds it: ``97%`` is 97 with ``percent`` set, ``99.55分`` is 99.55 points."""

    value: Decimal
    percent: bool = False

    def text(self) -> str:
        return plain(self.value) + ("%" if self.percent else "")


BLANKS = ("—", "——", "-", "--", "/", "／", "无")
"""What a table prints in a cell that has no number (其中 lines' 分值 and 得分)."""

_SPACES = re.compile(r"\s+")
_NUMBER_TEXT = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(%|分)?$")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    return None


@define
class Grid:
    """One sheet: the cells that hold something, 0-based (row, column) → value."""

    name: str
    values: dict[tuple[int, int], Any]
    formats: dict[tuple[int, int], str] = field(factory=dict)
    merged: list[tuple[int, int, int, int]] = field(factory=list)
    """(first row, first column, last row, last column) of every merged range, 0-based."""
    uncached: set[tuple[int, int]] = field(factory=set)
    """Formula cells saved without a computed value."""
    used: set[tuple[int, int]] = field(factory=set)
    bad: list[tuple[tuple[int, int], Words, Words]] = field(factory=list)
    """Cells that could not be read: (cell, expected, found)."""
    _anchors: dict[tuple[int, int], tuple[int, int]] = field(factory=dict)

    def __attrs_post_init__(self) -> None:
        for r1, c1, r2, c2 in self.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._anchors[(r, c)] = (r1, c1)

    @property
    def height(self) -> int:
        return max((r for r, _ in self.values), default=-1) + 1

    @property
    def width(self) -> int:
        return max((c for _, c in self.values), default=-1) + 1

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        return self._anchors.get((r, c), (r, c))

    def span(self, r: int, c: int) -> tuple[int, int, int, int]:
        """The merged range a cell belongs to, or the cell alone."""
        top = self.anchor(r, c)
        return next((m for m in self.merged if (m[0], m[1]) == top), (r, c, r, c))

    @staticmethod
    def cell(r: int, c: int) -> str:
        return f"{get_column_letter(c + 1)}{r + 1}"

    def where(self, r: int, c: int) -> tuple[str, str]:
        """(sheet, ``C12``) of the cell that holds what (r, c) shows."""
        return self.name, self.cell(*self.anchor(r, c))

    def raw(self, r: int, c: int, use: bool = True) -> Any:
        at = self.anchor(r, c)
        if use and at in self.values:
            self.used.add(at)
        return self.values.get(at)

    def text(self, r: int, c: int, use: bool = True) -> str:
        """The cell as text, folded (full-width → half-width) and trimmed; line breaks kept as spaces."""
        value = self.raw(r, c, use)
        if value is None:
            return ""
        number = _decimal(value)
        if number is not None:
            return plain(number)
        return _SPACES.sub(" ", fold(str(value))).strip()

    def row_texts(self, r: int, use: bool = False) -> list[tuple[int, str]]:
        """The non-empty cells of a row as (column, text), each merged range once."""
        out, seen = [], set()
        for c in range(self.width):
            at = self.anchor(r, c)
            if at in seen or at not in self.values:
                continue
            seen.add(at)
            text = self.text(r, c, use)
            if text:
                out.append((c, text))
        return out

    def number(self, r: int, c: int, expected: Words) -> Number | None:
        """A cell as a number: stored numbers (a percent format means percent), numbers stored as
        text (``97%``, ``1,234.5``, ``10分``). Text that is no number is recorded as a bad cell."""
        at = self.anchor(r, c)
        if at in self.uncached:
            self.used.add(at)
            self.bad.append((at, expected, t('没有缓存结果的公式（请在 Excel 中打开并保存后再读）', 'a formula saved without its value (open and save it in Excel first)')))
            return None
        value = self.raw(r, c)
        if value is None:
            return None
        number = _decimal(value)
        if number is not None:
            if "%" in self.formats.get(at, ""):
                return Number(number * 100, True)
            return Number(number)
        text = self.text(r, c).replace(" ", "")
        if text in BLANKS:
            return None
        m = _NUMBER_TEXT.match(text)
        if m:
            try:
                return Number(Decimal(m.group(1).replace(",", "")), m.group(2) == "%")
            except InvalidOperation:
                pass
        self.bad.append((at, expected, f'"{text}"'))
        return None

    def is_number(self, r: int, c: int) -> bool:
        """Whether a cell is stored as a number (not text)."""
        return _decimal(self.raw(r, c, use=False)) is not None

    def percent_format(self, r: int, c: int) -> bool:
        return "%" in self.formats.get(self.anchor(r, c), "")


# -- reading files --------------------------------------------------------------------

def read_grids(path: Path) -> tuple[list[Grid], str | None]:
    """Every sheet of a workbook, or the one table of a CSV file, and the CSV's encoding."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    return _read_book(path), None


def _read_csv(path: Path) -> tuple[list[Grid], str]:
    import csv
    import io

    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw.decode("utf-8-sig"), "UTF-8（带 BOM）"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:  # Excel on a Chinese system saves CSV as GBK; GB18030 reads all of it
                text, encoding = raw.decode("gb18030"), "GB18030"
            except UnicodeDecodeError:
                raise Unreadable(t('无法识别的编码（既不是 UTF-8，也不是 GB18030/GBK）；请另存为“CSV UTF-8”', 'an encoding that is neither UTF-8 nor GB18030/GBK; save it as “CSV UTF-8”')) from None
    values = {}
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        for c, cell in enumerate(row):
            if cell.strip():
                values[(r, c)] = cell
    return [Grid(path.stem, values)], encoding


def _read_book(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    with path.open("rb") as fh:
        head = fh.read(4)
    if head == OLE_MAGIC:
        raise Unreadable(t('旧版 .xls 文件或设有打开密码的工作簿：请在 Excel 或 WPS 中去掉密码，另存为 .xlsx', 'a legacy .xls file or a password-protected workbook: remove the password and save it as .xlsx'))
    try:
        book = load_workbook(path, data_only=True)
        formulas = _formula_cells(path)
    except Exception as exc:  # openpyxl's own errors: not a workbook, a damaged one
        raise Unreadable(t('不是可读的 .xlsx 工作簿（{v}: {exc}）；请在 Excel 中另存为 .xlsx', 'not a readable .xlsx workbook ({v}: {exc}); save it as .xlsx in Excel', v=type(exc).__name__, exc=exc)) from None
    grids = []
    for ws in book.worksheets:
        values, formats = {}, {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or (isinstance(c.value, str) and not c.value.strip()):
                    continue
                at = (c.row - 1, c.column - 1)
                values[at] = c.value
                if c.number_format and c.number_format != "General":
                    formats[at] = c.number_format
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        uncached = {at for at in formulas.get(ws.title, set()) if at not in values}
        grids.append(Grid(ws.title, values, formats, merged, uncached))
    return grids


def _formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Cells that hold a formula, by sheet: read again only when the file has formulas at all."""
    with zipfile.ZipFile(path) as z:
        if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return {}
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False)
    out: dict[str, set[tuple[int, int]]] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    out.setdefault(ws.title, set()).add((c.row - 1, c.column - 1))
    return out
