"""A filled 自评表 (Excel workbook or CSV) read as an evaluation.

A bureau receives self-evaluations as workbooks in the official
项目支出绩效自评表 layout and the provincial ones modelled on it. Each sheet is
searched for its labels rather than read at fixed cells; see :mod:`._read`
for how tables are found and :mod:`.layouts` for the budget-block families.

The reader produces the same plain data a TOML evaluation parses to, with
the sheet and cell of every value, so a workbook goes through the same
checks as any evaluation file and every problem names its cell.
:mod:`scoring.load._import` writes that data as TOML (``score import``).
"""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError, Problem, display_path
from ...files import check_input, too_large
from ...i18n import Words, t
from ...limits import DEFAULT, Limits
from .._toml import Document
from ._grid import TooLarge, Unreadable, read_grids
from ._read import Reader
from ._report import ReadReport
from .vocabulary import load_vocabulary

UNREADABLE_SUFFIXES = {
    ".wps": ("WPS 文字文件", "a WPS document"),
    ".ods": ("OpenDocument 表格", "an OpenDocument spreadsheet"),
    ".numbers": ("Numbers 表格", "a Numbers spreadsheet"),
}
"""Spreadsheets that are not read: each is listed as unreadable, with what to do."""

READABLE = t('可读的 .xlsx、.xlsm、.xls、.et 或 .csv 文件', 'a readable .xlsx, .xlsm, .xls, .et or .csv file')
"""What a workbook given to ``score`` is expected to be."""


def unreadable_format(path: Path) -> Problem | None:
    """The problem with a spreadsheet format that is not read, or None."""
    kind = UNREADABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return None
    return Problem(display_path(path), "", READABLE,
                   t('{v}：请在 Excel 或 WPS 中“另存为” .xlsx', '{v2}: save it as .xlsx in Excel or WPS', v=kind[0], v2=kind[1]))


class SheetDocument(Document):
    """An evaluation read from a workbook: its data, and the sheet and cell of each value."""

    report: ReadReport

    def __init__(self, path: Path, shown: str, data: dict, origins: dict, report: ReadReport, read_problems, notes,
                 base: Path | None = None, spoiled=frozenset()):
        super().__init__(path, shown, data, "", base)
        self.spoiled = frozenset(spoiled)
        self.origins = origins
        self.report = report
        self.read_problems = tuple(read_problems)
        self.notes = tuple(notes)

    def origin(self, at) -> tuple[str, str] | None:
        at = tuple(at)
        while True:
            if at in self.origins:
                return self.origins[at]
            if not at:
                return None
            at = at[:-1]

    def problem(self, at, place: Words, expected: Words, found: Words, hint: Words | None = None) -> Problem:
        cell = self.where(at)
        return Problem(self.shown, cell + " › " + place if cell else place, expected, found, hint=hint)

    def where(self, at) -> Words | None:
        origin = self.origin(at)
        return t('工作表「{v}」{v2}', 'sheet “{v}” {v2}', v=origin[0], v2=origin[1]) if origin else None

    def place_of(self, at) -> str:
        origin = self.origin(at)
        return f"{self.shown} {origin[0]}!{origin[1]}" if origin else self.shown


def read_workbook_document(path: Path, shown: str | None = None, *, department: str | None = None,
                           year: int | None = None, base: Path | None = None, limits: Limits = DEFAULT,
                           vocabulary: Path | str | None = None) -> SheetDocument:
    """Read a filled 自评表; a file that is no readable workbook is an :class:`InputError`."""
    shown = shown or display_path(path)
    if (problem := unreadable_format(path)) is not None:
        raise InputError([problem])
    if not path.exists():
        raise InputError([Problem(shown, "", t('一个存在的文件', 'an existing file'), t('文件不存在', 'no such file'))])
    check_input(path, shown, limits)
    try:
        grids, encoding, notes = read_grids(path, limits)
    except TooLarge as exc:
        raise InputError([too_large(shown, *exc.args)]) from None
    except Unreadable as exc:  # its message is a Text: worded in the reader's language
        raise InputError([Problem(shown, "", READABLE, exc.args[0])]) from None
    except OSError as exc:
        raise InputError([Problem(shown, "", t('可读的文件', 'a readable file'), exc.strerror or str(exc))]) from None
    except (RecursionError, MemoryError, ValueError, KeyError, TypeError, IndexError) as exc:  # a damaged part openpyxl trips on
        raise InputError([Problem(shown, "", t('可读的 .xlsx 工作簿', 'a readable .xlsx workbook'),
                                  t('损坏的工作簿（{kind}）', 'a damaged workbook ({kind})', kind=type(exc).__name__))]) from None
    reader = Reader(shown, encoding, department, year, load_vocabulary(vocabulary))
    reader.report.notes.extend(notes)
    data = reader.read(grids)
    return SheetDocument(path, shown, data, reader.origins, reader.report, reader.problems, reader.notes, base, reader.spoiled)


__all__ = ["ReadReport", "SheetDocument", "UNREADABLE_SUFFIXES", "read_workbook_document", "unreadable_format"]
