"""A sheet as people fill it: cells by position, merged ranges, number formats, formulas.

A workbook (``.xlsx``, ``.xlsm``) or a CSV file becomes a list of
:class:`Grid` objects. Only the cells that hold something are kept. A cell
inside a merged range reads as the range's top-left cell. Every read marks
the cell used, so what was never read can be listed afterwards.
"""

from __future__ import annotations

import bisect
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import define, field, frozen
from openpyxl.utils.cell import get_column_letter

from ...i18n import Words, t
from ...limits import DEFAULT, Limits
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

MAX_TEXT = 2000
"""A cell's text is read to this many characters: no label or number is longer."""

UNCACHED = t('没有缓存结果的公式（请在 Excel 中打开并保存后再读）', 'a formula saved without its value (open and save it in Excel first)')
"""What a formula cell holds when the program that saved it kept no value: never read as empty."""

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


SMALL_MERGE = 4096
"""A merged range of at most this many cells is indexed cell by cell; a larger one is looked up."""


@define
class Grid:
    """One sheet: the cells that hold something, 0-based (row, column) → value.

    Only cells with content are kept, never a sheet's declared extent: one cell at XFD1048576
    costs one entry. Merged ranges are indexed without materialising their cells."""

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
    _large: list[tuple[int, int, int, int]] = field(factory=list)
    _columns: dict[int, list[int]] = field(factory=dict)
    """Row → the columns that show something in it (a cell, or a merged range's top-left)."""

    def __attrs_post_init__(self) -> None:
        by_row: dict[int, set[int]] = {}
        for r, c in self.values:
            by_row.setdefault(r, set()).add(c)
        for r1, c1, r2, c2 in self.merged:
            if (r1, c1) not in self.values:
                continue  # a merged range with nothing in it shows nothing
            if (r2 - r1 + 1) * (c2 - c1 + 1) <= SMALL_MERGE:
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        self._anchors[(r, c)] = (r1, c1)
                    by_row.setdefault(r, set()).add(c1)
            else:
                self._large.append((r1, c1, r2, c2))
                by_row.setdefault(r1, set()).add(c1)
        self._columns = {r: sorted(cols) for r, cols in by_row.items()}

    @property
    def rows(self) -> list[int]:
        """The rows that show something, in order."""
        return sorted(self._columns)

    def rows_in(self, span: range) -> list[int]:
        """The rows of ``span`` that show something."""
        rows = self.rows
        return rows[bisect.bisect_left(rows, span.start):bisect.bisect_left(rows, span.stop)]

    @property
    def height(self) -> int:
        return max(self._columns, default=-1) + 1

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        at = self._anchors.get((r, c))
        if at is not None:
            return at
        for r1, c1, r2, c2 in self._large:
            if r1 <= r <= r2 and c1 <= c <= c2:
                return (r1, c1)
        return (r, c)

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
        return _SPACES.sub(" ", fold(str(value)[:MAX_TEXT])).strip()

    def written(self, r: int, c: int) -> str:
        """A name as the department typed it: trimmed, nothing else changed (line breaks and
        full-width characters kept), so a name round-trips. :meth:`text` is for recognising labels."""
        value = self.raw(r, c)
        if value is None:
            return ""
        number = _decimal(value)
        return plain(number) if number is not None else str(value).strip()

    def row_texts(self, r: int, use: bool = False) -> list[tuple[int, str]]:
        """The non-empty cells of a row as (column, text), each merged range once."""
        out, seen = [], set()
        for c in self._columns.get(r, ()):
            at = self.anchor(r, c)
            if at in seen or at not in self.values:
                continue
            seen.add(at)
            text = self.text(r, c, use)
            if text:
                out.append((c, text))
        return out

    def last_column(self, rows: range) -> int:
        return max((c for r in rows for c in self._columns.get(r, ())), default=0)

    def number(self, r: int, c: int, expected: Words) -> Number | None:
        """A cell as a number: stored numbers (a percent format means percent), numbers stored as
        text (``97%``, ``1,234.5``, ``10分``). Text that is no number is recorded as a bad cell."""
        at = self.anchor(r, c)
        if at in self.uncached:
            self.used.add(at)
            self.bad.append((at, expected, UNCACHED))
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

class TooLarge(Exception):
    """Past a limit: (what was found, the limit, its option, ``bytes`` or ``cells``)."""


def read_grids(path: Path, limits: Limits = DEFAULT) -> tuple[list[Grid], str | None]:
    """Every sheet of a workbook, or the one table of a CSV file, and the CSV's encoding.

    Held to ``limits`` before anything is parsed: the file's size, its parts unpacked, its cells
    and the cells its merged ranges cover."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, limits)
    return _read_book(path, limits), None


def _read_csv(path: Path, limits: Limits) -> tuple[list[Grid], str]:
    import csv
    import io

    raw = path.read_bytes()
    if len(raw) > limits.max_bytes:
        raise TooLarge(len(raw), limits.max_bytes, "--max-bytes", "bytes")
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
    csv.field_size_limit(max(limits.max_bytes, 131072))
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
            for c, cell in enumerate(row):
                if cell.strip():
                    values[(r, c)] = cell
                    if len(values) > limits.max_cells:
                        raise TooLarge(len(values), limits.max_cells, "--max-cells", "cells")
    except csv.Error as exc:
        raise Unreadable(t("不是可读的 CSV 文件（{exc}）", "not a readable CSV file ({exc})", exc=str(exc)[:120])) from None
    return [Grid(path.stem, values)], encoding


def _read_book(path: Path, limits: Limits) -> list[Grid]:
    from openpyxl import load_workbook

    with path.open("rb") as fh:
        head = fh.read(4)
    if head == OLE_MAGIC:
        raise Unreadable(t('旧版 .xls 文件或设有打开密码的工作簿：请在 Excel 或 WPS 中去掉密码，另存为 .xlsx', 'a legacy .xls file or a password-protected workbook: remove the password and save it as .xlsx'))
    _precheck(path, limits)
    try:
        book = load_workbook(path, data_only=True)
        formulas = _formula_cells(path)
    except Exception as exc:  # openpyxl's own errors: not a workbook, a damaged one
        raise Unreadable(t('不是可读的 .xlsx 工作簿（{v}: {exc}）；请在 Excel 中另存为 .xlsx', 'not a readable .xlsx workbook ({v}: {exc}); save it as .xlsx in Excel', v=type(exc).__name__, exc=exc)) from None
    grids = []
    for ws in book.worksheets:
        values, formats = {}, {}
        for (row, col), c in ws._cells.items():  # the cells the file holds, never its declared extent
            if c.value is None or (isinstance(c.value, str) and not c.value.strip()):
                continue
            at = (row - 1, col - 1)
            values[at] = c.value
            if c.number_format and c.number_format != "General":
                formats[at] = c.number_format
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        uncached = {at for at in formulas.get(ws.title, set()) if at not in values}
        grids.append(Grid(ws.title, values, formats, merged, uncached))
    return grids


_CELL = re.compile(rb"<(?:\w+:)?c[ >/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _precheck(path: Path, limits: Limits) -> None:
    """Read a workbook's parts before openpyxl does: their unpacked size, the cells they hold and the
    cells their merged ranges cover (openpyxl makes an object for each of those), all within ``limits``."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > limits.max_bytes * 10:
                raise TooLarge(unpacked, limits.max_bytes * 10, "--max-bytes", "bytes")
            cells = 0
            for info in infos:
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                xml = z.read(info)
                for _ in _CELL.finditer(xml):  # counted, not listed: stops at the limit
                    cells += 1
                    if cells > limits.max_cells:
                        raise TooLarge(cells, limits.max_cells, "--max-cells", "cells")
                for m in _MERGE.finditer(xml):
                    if m.group(3):
                        rows = int(m.group(4)) - int(m.group(2)) + 1
                        columns = _column(m.group(3)) - _column(m.group(1)) + 1
                        cells += max(rows, 0) * max(columns, 0)
                if cells > limits.max_cells:
                    raise TooLarge(cells, limits.max_cells, "--max-cells", "cells")
    except zipfile.BadZipFile:
        return  # openpyxl says what is wrong with it


def _formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Cells that hold a formula, by sheet: read again only when the file has formulas at all."""
    with zipfile.ZipFile(path) as z:
        if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return {}
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False)
    out: dict[str, set[tuple[int, int]]] = {}
    for ws in book.worksheets:
        for (row, col), c in ws._cells.items():
            if c.data_type == "f":
                out.setdefault(ws.title, set()).add((row - 1, col - 1))
    return out
