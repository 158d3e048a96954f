"""A sheet as people fill it: cells by position, merged ranges, number formats, formulas.

A workbook (``.xlsx``, ``.xlsm``; ``.xls`` and WPS ``.et`` through xlrd) or
a CSV file becomes a list of :class:`Grid` objects, the same whatever the
format. Only the cells that hold something are kept. A cell inside a merged
range reads as the range's top-left cell. Every read marks the cell used, so
what was never read can be listed afterwards.
"""

from __future__ import annotations

import bisect
import re
import struct
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import define, field, frozen
from openpyxl.utils.cell import get_column_letter

from ...i18n import Text, Words, t
from ...limits import DEFAULT, Limits
from ...numbers import plain
from .._targets import fold

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
"""An OLE compound file: a legacy .xls (or WPS .et), an .xlsx saved with a password, a Word .doc…"""

LEGACY_SUFFIXES = (".xls", ".et")
"""Excel 97–2003 workbooks and WPS's, which are the same format inside: read with xlrd."""


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


def read_grids(path: Path, limits: Limits = DEFAULT) -> tuple[list[Grid], str | None, list[Text]]:
    """Every sheet of a workbook, or the one table of a CSV file; the CSV's encoding; notes on how the
    file was read (an ``.xlsx`` that is an ``.xls`` inside).

    A workbook is told by its content, not its name: an OLE file is read as ``.xls``, a zip as
    ``.xlsx``. Held to ``limits`` before anything is parsed: the file's size, its parts unpacked,
    its cells and the cells its merged ranges cover."""
    if path.suffix.lower() == ".csv":
        grids, encoding = _read_csv(path, limits)
        return grids, encoding, []
    with path.open("rb") as fh:
        head = fh.read(4)
    legacy = path.suffix.lower() in LEGACY_SUFFIXES
    if head == OLE_MAGIC:
        notes: list[Text] = [] if legacy else [t('「{name}」实为旧版 .xls 工作簿（Excel 97–2003），已按 .xls 读取',
                                                  '{name} is an Excel 97–2003 (.xls) workbook inside; read as .xls', name=path.name)]
        return _read_xls(path, limits), None, notes
    if legacy and head != b"PK\x03\x04":
        raise Unreadable(t('不是 Excel 工作簿：文件名是 {suffix}，内容却既非 .xls 也非 .xlsx（可能是网页或文本改了扩展名）；'
                           '请在 Excel 或 WPS 中打开，另存为 .xlsx',
                           'not an Excel workbook: named {suffix}, it holds neither an .xls nor an .xlsx (a web page or text '
                           'renamed, perhaps); open it in Excel or WPS and save it as .xlsx', suffix=path.suffix))
    notes = [t('「{name}」实为 .xlsx 工作簿，已按 .xlsx 读取', '{name} is an .xlsx workbook inside; read as .xlsx', name=path.name)] if legacy else []
    return _read_book(path, limits), None, notes


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

    _precheck(path, limits)
    try:
        with path.open("rb") as fh:  # opened here: openpyxl refuses a name that does not end in .xlsx, read by content
            book = load_workbook(fh, data_only=True)
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

    with path.open("rb") as fh:
        book = load_workbook(fh, data_only=False)
    out: dict[str, set[tuple[int, int]]] = {}
    for ws in book.worksheets:
        for (row, col), c in ws._cells.items():
            if c.data_type == "f":
                out.setdefault(ws.title, set()).add((row - 1, col - 1))
    return out


# -- Excel 97–2003 (.xls, WPS .et) ----------------------------------------------------

PASSWORD = t('设有打开密码的工作簿：请在 Excel 或 WPS 中去掉密码，另存为 .xlsx', 'a password-protected workbook: remove the password and save it as .xlsx')

_OLE_KINDS = {"worddocument": ("Word 文档（.doc）", "a Word document (.doc)"),
              "powerpoint document": ("PowerPoint 演示文稿（.ppt）", "a PowerPoint presentation (.ppt)")}
"""What an OLE file that holds no workbook is, by a stream in it; any other is named an OLE compound file."""

_CELL_RECORDS = frozenset({0x0006, 0x0206, 0x0406, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})
"""BIFF records of one cell each: FORMULA (BIFF3–8), RSTRING, LABELSST, BLANK, NUMBER, LABEL, BOOLERR, RK."""
_MULRK, _MULBLANK, _MERGEDCELLS = 0x00BD, 0x00BE, 0x00E5
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)
"""xlrd's cell types (``xlrd.XL_CELL_EMPTY`` …), named here so that a cell is read without importing xlrd again."""
_RECORD = struct.Struct("<HH")
_RANGE = struct.Struct("<HHHH")


class _Quiet:
    """Where xlrd writes its warnings: nowhere (a damaged file is a problem of its own, not console noise)."""

    def write(self, text: str) -> int:
        return len(text)


def _read_xls(path: Path, limits: Limits) -> list[Grid]:
    """An Excel 97–2003 workbook, read with xlrd: the same :class:`Grid` an ``.xlsx`` gives. Its cell
    records (and the cells its merged ranges cover) are counted before xlrd reads it, and the cells
    xlrd makes are counted as it reads each sheet."""
    import xlrd

    data = path.read_bytes()
    if len(data) > limits.max_bytes:
        raise TooLarge(len(data), limits.max_bytes, "--max-bytes", "bytes")
    _count_cells(*_workbook_stream(data), limits)
    try:
        book = xlrd.open_workbook(file_contents=data, logfile=_Quiet(), formatting_info=True, on_demand=True,
                                  ragged_rows=True, ignore_workbook_corruption=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():  # a password set in Excel 97–2003: a FILEPASS record
            raise Unreadable(PASSWORD) from None
        raise _damaged(exc) from None
    except Exception as exc:  # xlrd's own errors: a damaged file
        raise _damaged(exc) from None
    try:
        return _xls_grids(book, limits)
    except TooLarge:
        raise
    except Exception as exc:  # a damaged sheet, found when xlrd reads it
        raise _damaged(exc) from None
    finally:
        book.release_resources()


def _damaged(exc: Exception) -> Unreadable:
    return Unreadable(t('不是可读的 .xls 工作簿（{v}: {exc}）；请在 Excel 或 WPS 中打开，另存为 .xlsx',
                        'not a readable .xls workbook ({v}: {exc}); open it in Excel or WPS and save it as .xlsx',
                        v=type(exc).__name__, exc=str(exc)[:120]))


def _workbook_stream(data: bytes) -> tuple[bytes, int, int]:
    """The OLE file's workbook stream (``Workbook``, or Excel 5's ``Book``): (bytes, offset, length).
    A file saved with a password, or an OLE file that holds no workbook, is refused with what to do."""
    from xlrd.compdoc import CompDoc

    try:
        doc = CompDoc(data, logfile=_Quiet(), ignore_workbook_corruption=True)
        _short_chains_end(doc)
        for name in ("Workbook", "Book"):
            mem, base, size = doc.locate_named_stream(name)
            if mem is not None:
                return mem, base, size
        streams = {d.name.lower() for d in doc.dirlist}
    except Exception as exc:  # xlrd's CompDocError, or a directory it trips on
        raise Unreadable(t('损坏的 OLE 复合文件（{v}: {exc}）：不是可读的 .xls 工作簿；请在 Excel 或 WPS 中打开，另存为 .xlsx',
                           'a damaged OLE compound file ({v}: {exc}), no readable .xls workbook; open it in Excel or WPS and '
                           'save it as .xlsx', v=type(exc).__name__, exc=str(exc)[:120])) from None
    if "encryptedpackage" in streams:  # an .xlsx saved with a password is an OLE file around the encrypted zip
        raise Unreadable(PASSWORD)
    zh, en = next((kind for stream, kind in _OLE_KINDS.items() if stream in streams), ("OLE 复合文件", "an OLE compound file"))
    raise Unreadable(t('不是 Excel 工作簿：这是 {kind}，其中没有工作表；请确认交来的文件无误，并把自评表另存为 .xlsx',
                       'not an Excel workbook: {kind_en} with no worksheet in it; check this is the file meant, and save '
                       'the 自评表 as .xlsx', kind=zh, kind_en=en))


def _short_chains_end(doc: Any) -> None:
    """Raise if the chain of a short workbook stream (under 4 KiB, kept in 64-byte mini sectors) loops:
    xlrd follows that chain without a bound, so a file of 2.5 KB would take all memory."""
    table = doc.SSAT
    for entry in doc.dirlist:
        if entry.etype != 2 or entry.name.lower() not in ("workbook", "book") or entry.tot_size >= doc.min_size_std_stream:
            continue
        sector, steps = entry.first_SID, 0
        while sector >= 0:
            if sector >= len(table) or steps >= len(table):
                raise ValueError(f"the chain of the {entry.name!r} stream does not end")
            sector, steps = table[sector], steps + 1


def _count_cells(mem: bytes, base: int, size: int, limits: Limits) -> None:
    """The cells a workbook stream holds, counted from its records before xlrd makes an object for each:
    one for each cell record, each cell of a MULRK or MULBLANK run, each cell a merged range covers."""
    cells, pos, end = 0, base, min(base + size, len(mem))
    while pos + 4 <= end:
        code, length = _RECORD.unpack_from(mem, pos)
        pos += 4
        if code in _CELL_RECORDS:
            cells += 1
        elif code == _MULRK:
            cells += max(length - 6, 0) // 6
        elif code == _MULBLANK:
            cells += max(length - 6, 0) // 2
        elif code == _MERGEDCELLS and length >= 2 and pos + length <= end:
            cells += _merged_cells(mem, pos, length)
        if cells > limits.max_cells:
            raise TooLarge(cells, limits.max_cells, "--max-cells", "cells")
        pos += length


def _merged_cells(mem: bytes, pos: int, length: int) -> int:
    """The cells a MERGEDCELLS record's ranges cover (first row, last row, first column, last column, inclusive)."""
    (count,) = struct.unpack_from("<H", mem, pos)
    total = 0
    for i in range(min(count, (length - 2) // _RANGE.size)):
        r1, r2, c1, c2 = _RANGE.unpack_from(mem, pos + 2 + i * _RANGE.size)
        total += max(r2 - r1 + 1, 0) * max(c2 - c1 + 1, 0)
    return total


def _xls_grids(book: Any, limits: Limits) -> list[Grid]:
    """Each worksheet as a :class:`Grid`, loaded one at a time. The cells xlrd holds are counted as each
    sheet is read (a sheet listed twice is read twice), within ``limits``."""
    grids, cells = [], 0
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        values: dict[tuple[int, int], Any] = {}
        formats: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            cells += sheet.row_len(r)
            if cells > limits.max_cells:
                raise TooLarge(cells, limits.max_cells, "--max-cells", "cells")
            for c, (kind, value) in enumerate(zip(sheet.row_types(r), sheet.row_values(r))):
                _xls_cell(book, sheet, (r, c), kind, value, values, formats)
        merged = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells if r2 > r1 and c2 > c1]
        grids.append(Grid(sheet.name, values, formats, merged))
        book.unload_sheet(index)
    return grids


def _xls_cell(book: Any, sheet: Any, at: tuple[int, int], kind: int, value: Any,
              values: dict[tuple[int, int], Any], formats: dict[tuple[int, int], str]) -> None:
    """One cell as openpyxl gives the same cell of an .xlsx: text, a number (an int when it is whole, as
    Excel writes it in an .xlsx), a date or time, a boolean, an error's text (``#DIV/0!``). Blank and
    empty cells, and text that is only spaces, are left out."""
    if kind in (_EMPTY, _BLANK) or (kind == _TEXT and not value.strip()):
        return
    fmt = _xls_format(book, sheet, at)
    if kind == _NUMBER:
        value = int(value) if value.is_integer() and abs(value) < 2**53 else value
    elif kind == _DATE:
        value = _xls_date(value, book.datemode, fmt)
    elif kind == _BOOLEAN:
        value = bool(value)
    elif kind == _ERROR:
        from xlrd import error_text_from_code

        value = error_text_from_code.get(value, "#VALUE!")
    values[at] = value
    if fmt and fmt != "General":
        formats[at] = fmt


def _xls_format(book: Any, sheet: Any, at: tuple[int, int]) -> str:
    """A cell's number format (``0%``, ``yyyy-mm-dd``), or "" when the file names none xlrd knows."""
    try:
        key = book.xf_list[sheet.cell_xf_index(*at)].format_key
    except (IndexError, KeyError):
        return ""
    fmt = book.format_map.get(key)
    if fmt is not None and fmt.format_str:
        return str(fmt.format_str)
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    return BUILTIN_FORMATS.get(key, "")


def _xls_date(value: float, datemode: int, fmt: str) -> Any:
    """A date cell as openpyxl reads it from an .xlsx: a datetime, a time, or a duration for ``[h]:mm``;
    a serial no calendar holds is ``#VALUE!``, as openpyxl makes it."""
    from openpyxl.styles.numbers import is_timedelta_format
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

    try:
        return from_excel(value, MAC_EPOCH if datemode else WINDOWS_EPOCH, timedelta=is_timedelta_format(fmt))
    except (OverflowError, ValueError):
        return "#VALUE!"
